"""Neighbours and neighbour tables: ndmsg, ndtmsg (strace's rtnl_neigh.c,
rtnl_neightbl.c)."""
from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    flags_decoder, nested, Attrs, Header, enum_decoder, nla_ifindex, nla_str, nla_u16, nla_u32,
    nla_u64, nla_be16, show_enum, show_flags, show_ifindex, struct_decoder)
from minitrace.decode.netlink.route.common import (
    FAMILIES, NTF_FLAGS, NUD_STATES, RTN_TYPES, RTPROTS, family_addr, hwaddr, family_header,
    grown_struct)

# neighbours
NDA_NAMES = ("NDA_UNSPEC", "NDA_DST", "NDA_LLADDR", "NDA_CACHEINFO", "NDA_PROBES", "NDA_VLAN",
             "NDA_PORT", "NDA_VNI", "NDA_IFINDEX", "NDA_MASTER", "NDA_LINK_NETNSID",
             "NDA_SRC_VNI", "NDA_PROTOCOL", "NDA_NH_ID", "NDA_FDB_EXT_ATTRS", "NDA_FLAGS_EXT",
             "NDA_NDM_STATE_MASK", "NDA_NDM_FLAGS_MASK")
FDB_NOTIFY_FLAGS = ("FDB_NOTIFY_BIT", "FDB_NOTIFY_INACTIVE_BIT")
NFEA = Attrs(("NFEA_UNSPEC", "NFEA_ACTIVITY_NOTIFY", "NFEA_DONT_REFRESH"), "NFEA_???", {
    "NFEA_ACTIVITY_NOTIFY": flags_decoder(FDB_NOTIFY_FLAGS, "FDB_NOTIFY_???", 1)})
NDA = Attrs(NDA_NAMES, "NDA_???", {
    "NDA_DST": family_addr, "NDA_LLADDR": hwaddr,
    "NDA_CACHEINFO": struct_decoder([("ndm_confirmed", "I"), ("ndm_used", "I"),
                                     ("ndm_updated", "I"), ("ndm_refcnt", "I")]),
    "NDA_PROBES": nla_u32, "NDA_VLAN": nla_u16, "NDA_VNI": nla_u32,
    "NDA_PORT": nla_be16, "NDA_IFINDEX": nla_ifindex, "NDA_MASTER": nla_ifindex, "NDA_LINK_NETNSID": nla_u32,
    "NDA_SRC_VNI": nla_u32, "NDA_PROTOCOL": enum_decoder(RTPROTS, "RTPROT_???", 1),
    "NDA_NH_ID": nla_u32, "NDA_FDB_EXT_ATTRS": nested(NFEA),
    "NDA_FLAGS_EXT": flags_decoder(("NTF_EXT_MANAGED",), "NTF_EXT_???", 4),
    "NDA_NDM_STATE_MASK": flags_decoder(NUD_STATES, "NUD_???", 2),
    "NDA_NDM_FLAGS_MASK": flags_decoder(NTF_FLAGS, "NTF_???", 1)})
NDMSG = Header([("ndm_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                ("ndm_ifindex", "i", show_ifindex),
                ("ndm_state", "H", show_flags(NUD_STATES, "NUD_???")),
                ("ndm_flags", "B", show_flags(NTF_FLAGS, "NTF_???")),
                ("ndm_type", "B", show_enum(RTN_TYPES, "RTN_???"))], NDA)


def _ndt_config(v, addr, length, opaque=None):
    """struct ndt_config (ndtc_hash_mask zero-padded hex)."""
    if length < 32:
        return None
    got = v.unpack(addr, "HHIIIIIII")
    if got is None:
        return printers.ptr(addr)
    return ("{ndtc_key_len=%d, ndtc_entry_size=%d, ndtc_entries=%d, ndtc_last_flush=%d, "
            "ndtc_last_rand=%d, ndtc_hash_rnd=%d, ndtc_hash_mask=0x%08x, "
            "ndtc_hash_chain_gc=%d, ndtc_proxy_qlen=%d}") % got


NDTPA_NAMES = ("NDTPA_UNSPEC", "NDTPA_IFINDEX", "NDTPA_REFCNT", "NDTPA_REACHABLE_TIME",
               "NDTPA_BASE_REACHABLE_TIME", "NDTPA_RETRANS_TIME", "NDTPA_GC_STALETIME",
               "NDTPA_DELAY_PROBE_TIME", "NDTPA_QUEUE_LEN", "NDTPA_APP_PROBES",
               "NDTPA_UCAST_PROBES", "NDTPA_MCAST_PROBES", "NDTPA_ANYCAST_DELAY",
               "NDTPA_PROXY_DELAY", "NDTPA_PROXY_QLEN", "NDTPA_LOCKTIME",
               "NDTPA_QUEUE_LENBYTES", "NDTPA_MCAST_REPROBES", "NDTPA_PAD",
               "NDTPA_INTERVAL_PROBE_TIME_MS")
_NDTPA_U64 = ("REACHABLE_TIME", "BASE_REACHABLE_TIME", "RETRANS_TIME", "GC_STALETIME",
              "DELAY_PROBE_TIME", "ANYCAST_DELAY", "PROXY_DELAY", "LOCKTIME",
              "INTERVAL_PROBE_TIME_MS")
_NDTPA_U32 = ("REFCNT", "QUEUE_LEN", "APP_PROBES", "UCAST_PROBES", "MCAST_PROBES",
              "PROXY_QLEN", "QUEUE_LENBYTES", "MCAST_REPROBES")
_NDTPA_DECODERS = dict(("NDTPA_" + n, nla_u64) for n in _NDTPA_U64)
_NDTPA_DECODERS.update(("NDTPA_" + n, nla_u32) for n in _NDTPA_U32)
_NDTPA_DECODERS["NDTPA_IFINDEX"] = nla_ifindex
NDTPA = Attrs(NDTPA_NAMES, "NDTPA_???", _NDTPA_DECODERS)
# struct ndt_stats: ndts_table_fulls came last (Linux 4.4)
_NDT_STATS = grown_struct([(n, "Q") for n in (
    "ndts_allocs", "ndts_destroys", "ndts_hash_grows", "ndts_res_failed", "ndts_lookups",
    "ndts_hits", "ndts_rcv_probes_mcast", "ndts_rcv_probes_ucast", "ndts_periodic_gc_runs",
    "ndts_forced_gc_runs", "ndts_table_fulls")], (10,))
NDTA = Attrs(("NDTA_UNSPEC", "NDTA_NAME", "NDTA_THRESH1", "NDTA_THRESH2", "NDTA_THRESH3",
              "NDTA_CONFIG", "NDTA_PARMS", "NDTA_STATS", "NDTA_GC_INTERVAL", "NDTA_PAD"),
             "NDTA_???", {
                 "NDTA_NAME": nla_str, "NDTA_THRESH1": nla_u32, "NDTA_THRESH2": nla_u32,
                 "NDTA_THRESH3": nla_u32, "NDTA_CONFIG": _ndt_config,
                 "NDTA_PARMS": nested(NDTPA), "NDTA_STATS": _NDT_STATS,
                 "NDTA_GC_INTERVAL": nla_u64})
ndtmsg = family_header("ndtm_family", NDTA)
