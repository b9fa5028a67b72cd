"""NETLINK_ROUTE (rtnetlink): links, addresses, routes, neighbours, rules, traffic control,
neighbour tables, address labels, DCB, netconf, MDB, nsid, stats, nexthops; each message type's
family header and its attribute table (strace's netlink_route.c and rtnl_*.c)."""
from minitrace.decode.netlink import message
from minitrace.decode.netlink.nlattr import header_text
from minitrace.decode.netlink.route.common import family_only
from minitrace.decode.netlink.route.link import IFINFOMSG
from minitrace.decode.netlink.route.stats import IFSTATSMSG
from minitrace.decode.netlink.route.addr import IFADDRMSG, IFADDRLBLMSG
from minitrace.decode.netlink.route.rt import RTMSG, FIB_RULE_HDR
from minitrace.decode.netlink.route.neigh import NDMSG, ndtmsg
from minitrace.decode.netlink.route.tc import TCMSG, tcamsg
from minitrace.decode.netlink.route.misc import NETCONFMSG, DCBMSG, RTGENMSG
from minitrace.decode.netlink.route.mdb import BR_PORT_MSG
from minitrace.decode.netlink.route.nexthop import NHMSG
from minitrace.decode.netlink.route.cachereport import cachereport

RTM_TYPES = ("RTM_NEWLINK", "RTM_DELLINK", "RTM_GETLINK", "RTM_SETLINK", "RTM_NEWADDR",
             "RTM_DELADDR", "RTM_GETADDR", "RTM_NEWROUTE", "RTM_DELROUTE", "RTM_GETROUTE",
             "RTM_NEWNEIGH", "RTM_DELNEIGH", "RTM_GETNEIGH", "RTM_NEWRULE", "RTM_DELRULE",
             "RTM_GETRULE", "RTM_NEWQDISC", "RTM_DELQDISC", "RTM_GETQDISC", "RTM_NEWTCLASS",
             "RTM_DELTCLASS", "RTM_GETTCLASS", "RTM_NEWTFILTER", "RTM_DELTFILTER",
             "RTM_GETTFILTER", "RTM_NEWACTION", "RTM_DELACTION", "RTM_GETACTION",
             "RTM_NEWPREFIX", "RTM_GETMULTICAST", "RTM_GETANYCAST", "RTM_NEWNEIGHTBL",
             "RTM_GETNEIGHTBL", "RTM_SETNEIGHTBL", "RTM_NEWNDUSEROPT", "RTM_NEWADDRLABEL",
             "RTM_DELADDRLABEL", "RTM_GETADDRLABEL", "RTM_GETDCB", "RTM_SETDCB",
             "RTM_NEWNETCONF", "RTM_DELNETCONF", "RTM_GETNETCONF", "RTM_NEWMDB", "RTM_DELMDB",
             "RTM_GETMDB", "RTM_NEWNSID", "RTM_DELNSID", "RTM_GETNSID", "RTM_NEWSTATS",
             "RTM_GETSTATS", "RTM_NEWCACHEREPORT", "RTM_NEWCHAIN", "RTM_DELCHAIN",
             "RTM_GETCHAIN", "RTM_NEWNEXTHOP", "RTM_DELNEXTHOP", "RTM_GETNEXTHOP",
             "RTM_NEWLINKPROP", "RTM_DELLINKPROP", "RTM_GETLINKPROP", "RTM_NEWVLAN",
             "RTM_DELVLAN", "RTM_GETVLAN", "RTM_NEWNEXTHOPBUCKET", "RTM_DELNEXTHOPBUCKET",
             "RTM_GETNEXTHOPBUCKET")
# strace 6.1 knows no RTM_NEWTUNNEL, RTM_DELTUNNEL, RTM_GETTUNNEL (Linux 5.18)


HEADERS = (
    (("RTM_NEWLINK", "RTM_DELLINK", "RTM_GETLINK", "RTM_SETLINK"), IFINFOMSG),
    (("RTM_NEWADDR", "RTM_DELADDR", "RTM_GETADDR", "RTM_GETMULTICAST", "RTM_GETANYCAST"),
     IFADDRMSG),
    (("RTM_NEWROUTE", "RTM_DELROUTE", "RTM_GETROUTE"), RTMSG),
    (("RTM_NEWNEIGH", "RTM_DELNEIGH", "RTM_GETNEIGH"), NDMSG),
    (("RTM_NEWRULE", "RTM_DELRULE", "RTM_GETRULE"), FIB_RULE_HDR),
    (("RTM_NEWQDISC", "RTM_DELQDISC", "RTM_GETQDISC", "RTM_NEWTCLASS", "RTM_DELTCLASS",
      "RTM_GETTCLASS", "RTM_NEWTFILTER", "RTM_DELTFILTER", "RTM_GETTFILTER", "RTM_NEWCHAIN",
      "RTM_DELCHAIN", "RTM_GETCHAIN"), TCMSG),
    (("RTM_NEWACTION", "RTM_DELACTION", "RTM_GETACTION"), tcamsg),
    (("RTM_NEWNEIGHTBL", "RTM_GETNEIGHTBL", "RTM_SETNEIGHTBL"), ndtmsg),
    (("RTM_NEWADDRLABEL", "RTM_DELADDRLABEL", "RTM_GETADDRLABEL"), IFADDRLBLMSG),
    (("RTM_GETDCB", "RTM_SETDCB"), DCBMSG),
    (("RTM_NEWNETCONF", "RTM_DELNETCONF", "RTM_GETNETCONF"), NETCONFMSG),
    (("RTM_NEWMDB", "RTM_DELMDB", "RTM_GETMDB"), BR_PORT_MSG),
    (("RTM_NEWNSID", "RTM_DELNSID", "RTM_GETNSID"), RTGENMSG),
    (("RTM_NEWSTATS", "RTM_GETSTATS"), IFSTATSMSG),
    (("RTM_NEWNEXTHOP", "RTM_DELNEXTHOP", "RTM_GETNEXTHOP"), NHMSG),
    (("RTM_NEWCACHEREPORT",), cachereport),
)
_BY_ABI = {}


def _header_for(v, mtype):
    table = _BY_ABI.get(v.call.abi)
    if table is None:
        table = {}
        for names, header in HEADERS:
            for name in names:
                value = v.const(name)
                if value is not None:
                    table[value] = header
        _BY_ABI[v.call.abi] = table
    return table.get(mtype)


def payload(v, hdr, addr, length):
    if hdr[1] == v.const("NLMSG_DONE"):
        return None
    header = _header_for(v, hdr[1])
    if header is None:
        return family_only(v, addr, length)
    if callable(header):
        return header(v, addr, length)
    return header_text(v, addr, length, header)


def kind(v, mtype):
    """RTM_NEW* / DEL* / GET* / SET* come in groups of four (RTM_DELACTION takes GET flags)."""
    if mtype == v.const("RTM_DELACTION"):
        return "get"
    return ("new", "del", "get", None)[mtype & 3]


message.register(message.Protocol("NETLINK_ROUTE", RTM_TYPES, "RTM_???", kind=kind,
                                  payload=payload))

