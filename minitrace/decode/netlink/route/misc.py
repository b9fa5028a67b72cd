"""The smaller rtnetlink families: netconf, DCB, nsid (strace's rtnl_netconf.c, rtnl_dcb.c,
rtnl_nsid.c)."""
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, nla_fd, nla_ifindex, nla_s32, nla_str, nla_u8, nla_u32, show_enum)
from minitrace.decode.netlink.route.common import (
    FAMILIES)

# netconf
NETCONFA_NAMES = ("NETCONFA_UNSPEC", "NETCONFA_IFINDEX", "NETCONFA_FORWARDING",
                  "NETCONFA_RP_FILTER", "NETCONFA_MC_FORWARDING", "NETCONFA_PROXY_NEIGH",
                  "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN", "NETCONFA_INPUT",
                  "NETCONFA_BC_FORWARDING")
NETCONFA = Attrs(NETCONFA_NAMES, "NETCONFA_???", dict(
    (n, nla_s32) for n in NETCONFA_NAMES[2:]))
NETCONFA.decoders["NETCONFA_IFINDEX"] = nla_ifindex
NETCONFMSG = Header([("ncm_family", "B", show_enum(FAMILIES, "AF_???"))], NETCONFA)

# address labels, DCB, nsid, neighbour tables, stats
DCB_CMDS = ("DCB_CMD_UNDEFINED", "DCB_CMD_GSTATE", "DCB_CMD_SSTATE", "DCB_CMD_PGTX_GCFG",
            "DCB_CMD_PGTX_SCFG", "DCB_CMD_PGRX_GCFG", "DCB_CMD_PGRX_SCFG", "DCB_CMD_PFC_GCFG",
            "DCB_CMD_PFC_SCFG", "DCB_CMD_SET_ALL", "DCB_CMD_GPERM_HWADDR", "DCB_CMD_GCAP",
            "DCB_CMD_GNUMTCS", "DCB_CMD_SNUMTCS", "DCB_CMD_PFC_GSTATE", "DCB_CMD_PFC_SSTATE",
            "DCB_CMD_BCN_GCFG", "DCB_CMD_BCN_SCFG", "DCB_CMD_GAPP", "DCB_CMD_SAPP",
            "DCB_CMD_IEEE_SET", "DCB_CMD_IEEE_GET", "DCB_CMD_GDCBX", "DCB_CMD_SDCBX",
            "DCB_CMD_GFEATCFG", "DCB_CMD_SFEATCFG", "DCB_CMD_CEE_GET", "DCB_CMD_IEEE_DEL")
DCBMSG = Header([("dcb_family", "B", show_enum(FAMILIES, "AF_???")),
                 ("cmd", "B", show_enum(DCB_CMDS, "DCB_CMD_???")), (None, "2x", None)],
                Attrs(("DCB_ATTR_UNDEFINED", "DCB_ATTR_IFNAME", "DCB_ATTR_STATE",
                       "DCB_ATTR_PFC_STATE", "DCB_ATTR_PFC_CFG", "DCB_ATTR_NUM_TC",
                       "DCB_ATTR_PG_CFG", "DCB_ATTR_SET_ALL", "DCB_ATTR_PERM_HWADDR",
                       "DCB_ATTR_CAP", "DCB_ATTR_NUMTCS", "DCB_ATTR_BCN", "DCB_ATTR_APP",
                       "DCB_ATTR_IEEE", "DCB_ATTR_DCBX", "DCB_ATTR_FEATCFG", "DCB_ATTR_CEE"),
                      "DCB_ATTR_???", {"DCB_ATTR_IFNAME": nla_str, "DCB_ATTR_STATE": nla_u8,
                                       "DCB_ATTR_DCBX": nla_u8}))
NETNSA = Attrs(("NETNSA_NONE", "NETNSA_NSID", "NETNSA_PID", "NETNSA_FD", "NETNSA_TARGET_NSID",
                "NETNSA_CURRENT_NSID"), "NETNSA_???", {
                    "NETNSA_NSID": nla_s32, "NETNSA_PID": nla_u32, "NETNSA_FD": nla_fd,
                    "NETNSA_TARGET_NSID": nla_s32, "NETNSA_CURRENT_NSID": nla_s32})
RTGENMSG = Header([("rtgen_family", "B", show_enum(FAMILIES, "AF_???"))],
                  NETNSA)
