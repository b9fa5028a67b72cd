"""Traffic control: tcmsg (qdiscs, classes, filters, chains) and tcamsg (actions)
(strace's rtnl_tc.c, rtnl_tc_action.c)."""
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, nla_str, nla_u8, nla_u32, show_enum, show_ifindex, struct_decoder)
from minitrace.decode.netlink.route.common import (
    FAMILIES)

# traffic control
TCA_NAMES = ("TCA_UNSPEC", "TCA_KIND", "TCA_OPTIONS", "TCA_STATS", "TCA_XSTATS", "TCA_RATE",
             "TCA_FCNT", "TCA_STATS2", "TCA_STAB", "TCA_PAD", "TCA_DUMP_INVISIBLE", "TCA_CHAIN",
             "TCA_HW_OFFLOAD", "TCA_INGRESS_BLOCK", "TCA_EGRESS_BLOCK", "TCA_DUMP_FLAGS")
TCA = Attrs(TCA_NAMES, "TCA_???", {
    "TCA_KIND": nla_str,
    "TCA_STATS": struct_decoder([("bytes", "Q"), ("packets", "I"), ("drops", "I"),
                                 ("overlimits", "I"), ("bps", "I"), ("pps", "I"),
                                 ("qlen", "I"), ("backlog", "I"), (None, "4x")]),
    "TCA_RATE": struct_decoder([("interval", "b"), ("ewma_log", "B")]),
    "TCA_FCNT": nla_u32, "TCA_CHAIN": nla_u32, "TCA_HW_OFFLOAD": nla_u8,
    "TCA_INGRESS_BLOCK": nla_u32, "TCA_EGRESS_BLOCK": nla_u32})
TCMSG = Header([("tcm_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                ("tcm_ifindex", "i", show_ifindex), ("tcm_handle", "I", None),
                ("tcm_parent", "I", None), ("tcm_info", "I", None)], TCA)
TCAMSG = Header([("tca_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None)],
                Attrs(("TCA_ROOT_UNSPEC", "TCA_ROOT_TAB", "TCA_ROOT_FLAGS", "TCA_ROOT_COUNT",
                       "TCA_ROOT_TIME_DELTA"), "TCA_ROOT_???", {
                           "TCA_ROOT_COUNT": nla_u32, "TCA_ROOT_TIME_DELTA": nla_u32}))

