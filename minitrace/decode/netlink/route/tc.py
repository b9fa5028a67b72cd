"""Traffic control: tcmsg (qdiscs, classes, filters, chains) with its TCA_* attributes (stats,
rate estimators, size tables) and tcamsg (actions, TCA_ACT_* attributes) (linux/rtnetlink.h,
pkt_sched.h, gen_stats.h, pkt_cls.h; strace's rtnl_tc.c, rtnl_tc_action.c)."""
from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, array_of, flags_decoder, nested, nla_str, nla_u8, nla_u32, nla_u64,
    show_enum, show_ifindex, struct_decoder)
from minitrace.decode.netlink.route.common import FAMILIES, family_header

# struct tc_stats up to backlog (its trailing padding is not read)
TC_STATS = struct_decoder([("bytes", "Q"), ("packets", "I"), ("drops", "I"),
                           ("overlimits", "I"), ("bps", "I"), ("pps", "I"), ("qlen", "I"),
                           ("backlog", "I")])
GNET_STATS_BASIC = struct_decoder([("bytes", "Q"), ("packets", "I")])
TCA_STATS_NAMES = ("TCA_STATS_UNSPEC", "TCA_STATS_BASIC", "TCA_STATS_RATE_EST",
                   "TCA_STATS_QUEUE", "TCA_STATS_APP", "TCA_STATS_RATE_EST64",
                   "TCA_STATS_PAD", "TCA_STATS_BASIC_HW", "TCA_STATS_PKT64")
TCA_STATS = Attrs(TCA_STATS_NAMES, "TCA_STATS_???", {
    "TCA_STATS_BASIC": GNET_STATS_BASIC,
    "TCA_STATS_RATE_EST": struct_decoder([("bps", "I"), ("pps", "I")]),
    "TCA_STATS_QUEUE": struct_decoder([("qlen", "I"), ("backlog", "I"), ("drops", "I"),
                                       ("requeues", "I"), ("overlimits", "I")]),
    "TCA_STATS_RATE_EST64": struct_decoder([("bps", "Q"), ("pps", "Q")]),
    "TCA_STATS_BASIC_HW": GNET_STATS_BASIC, "TCA_STATS_PKT64": nla_u64})
TCA_STAB = Attrs(("TCA_STAB_UNSPEC", "TCA_STAB_BASE", "TCA_STAB_DATA"), "TCA_STAB_???", {
    "TCA_STAB_BASE": struct_decoder([("cell_log", "B"), ("size_log", "B"), ("cell_align", "h"),
                                     ("overhead", "i"), ("linklayer", "I"), ("mpu", "I"),
                                     ("mtu", "I"), ("tsize", "I")]),
    "TCA_STAB_DATA": array_of("H")})

TCA_NAMES = ("TCA_UNSPEC", "TCA_KIND", "TCA_OPTIONS", "TCA_STATS", "TCA_XSTATS", "TCA_RATE",
             "TCA_FCNT", "TCA_STATS2", "TCA_STAB", "TCA_PAD", "TCA_DUMP_INVISIBLE", "TCA_CHAIN",
             "TCA_HW_OFFLOAD", "TCA_INGRESS_BLOCK", "TCA_EGRESS_BLOCK", "TCA_DUMP_FLAGS")
TCA = Attrs(TCA_NAMES, "TCA_???", {
    "TCA_KIND": nla_str, "TCA_STATS": TC_STATS,
    "TCA_RATE": struct_decoder([("interval", "b"), ("ewma_log", "B")]),
    "TCA_FCNT": nla_u32, "TCA_STATS2": nested(TCA_STATS), "TCA_STAB": nested(TCA_STAB),
    "TCA_CHAIN": nla_u32, "TCA_HW_OFFLOAD": nla_u8, "TCA_INGRESS_BLOCK": nla_u32,
    "TCA_EGRESS_BLOCK": nla_u32, "TCA_DUMP_FLAGS": nla_u32})
TCMSG = Header([("tcm_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                ("tcm_ifindex", "I", show_ifindex), ("tcm_handle", "I", None),
                ("tcm_parent", "I", None), ("tcm_info", "I", None)], TCA)

# actions
TCA_ACT_NAMES = ("TCA_ACT_UNSPEC", "TCA_ACT_KIND", "TCA_ACT_OPTIONS", "TCA_ACT_INDEX",
                 "TCA_ACT_STATS", "TCA_ACT_PAD", "TCA_ACT_COOKIE", "TCA_ACT_FLAGS",
                 "TCA_ACT_HW_STATS", "TCA_ACT_USED_HW_STATS", "TCA_ACT_IN_HW_COUNT")
TCA_ACT_FLAGS = ("TCA_ACT_FLAGS_NO_PERCPU_STATS", "TCA_ACT_FLAGS_SKIP_HW",
                 "TCA_ACT_FLAGS_SKIP_SW")
TCA_ACT_HW_STATS = ("TCA_ACT_HW_STATS_IMMEDIATE", "TCA_ACT_HW_STATS_DELAYED")
_hw_stats = flags_decoder(TCA_ACT_HW_STATS, "TCA_ACT_HW_STATS_???", 4)
TCA_ACT = Attrs(TCA_ACT_NAMES, "TCA_ACT_???", {
    "TCA_ACT_KIND": nla_str, "TCA_ACT_INDEX": nla_u32, "TCA_ACT_STATS": nested(TCA_STATS),
    "TCA_ACT_FLAGS": flags_decoder(TCA_ACT_FLAGS, "TCA_ACT_FLAGS_???", 4),
    "TCA_ACT_HW_STATS": _hw_stats, "TCA_ACT_USED_HW_STATS": _hw_stats,
    "TCA_ACT_IN_HW_COUNT": nla_u32})


tcamsg = family_header("tca_family", TCA_ACT)
