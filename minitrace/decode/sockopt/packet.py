"""SOL_PACKET options (linux/if_packet.h; strace 6.1's sock_packet_options list):
struct tpacket_req of the rings, struct packet_mreq, struct tpacket_stats."""
from minitrace import printers
from minitrace.decode.common import enum_text
from minitrace.decode.layout import Struct, named
from minitrace.decode.sockopt.common import fields_by_len, ifindex, mac, read_exact, udec
from minitrace.decode.sockopt.level import Level

NAMES = ("PACKET_ADD_MEMBERSHIP", "PACKET_DROP_MEMBERSHIP", "PACKET_RECV_OUTPUT",
         "PACKET_RX_RING", "PACKET_STATISTICS", "PACKET_COPY_THRESH", "PACKET_AUXDATA",
         "PACKET_ORIGDEV", "PACKET_VERSION", "PACKET_HDRLEN", "PACKET_RESERVE",
         "PACKET_TX_RING", "PACKET_LOSS", "PACKET_VNET_HDR", "PACKET_TX_TIMESTAMP",
         "PACKET_TIMESTAMP", "PACKET_FANOUT", "PACKET_TX_HAS_OFF", "PACKET_QDISC_BYPASS",
         "PACKET_ROLLOVER_STATS", "PACKET_FANOUT_DATA", "PACKET_IGNORE_OUTGOING")
MREQ_TYPES = ("PACKET_MR_MULTICAST", "PACKET_MR_PROMISC", "PACKET_MR_ALLMULTI",
              "PACKET_MR_UNICAST")

TPACKET_REQ = named("tpacket_req", Struct("tpacket_req", [
    ("tp_block_size", "u32"), ("tp_block_nr", "u32"), ("tp_frame_size", "u32"),
    ("tp_frame_nr", "u32")]))
PACKET_MREQ = named("packet_mreq", Struct("packet_mreq", [
    ("mr_ifindex", "s32"), ("mr_type", "u16"), ("mr_alen", "u16"), ("mr_address", ("u8", 8))]))
TPACKET_STATS = named("tpacket_stats_v3", Struct("tpacket_stats_v3", [
    ("tp_packets", "u32"), ("tp_drops", "u32"), ("tp_freeze_q_cnt", "u32")]))
_REQ_FIELDS = ("tp_block_size", "tp_block_nr", "tp_frame_size", "tp_frame_nr")


def _exact(ctx, call, addr, length, compiled):
    """The struct when `length` is its size and it is readable (strace: len != sizeof ||
    umove fails -> the address)."""
    if length != compiled.size:
        return None
    data = read_exact(ctx, call, addr, compiled.size)
    return None if data is None else compiled.dict(data)


def set_tpacket_req(ctx, call, addr, length):
    v = _exact(ctx, call, addr, length, TPACKET_REQ.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    return "{" + ", ".join("%s=%d" % (n, v[n]) for n in _REQ_FIELDS) + "}"


def set_packet_mreq(ctx, call, addr, length):
    c = PACKET_MREQ.on(call.abi)
    v = _exact(ctx, call, addr, length, c)
    if v is None:
        return printers.ptr(addr)
    alen = v["mr_alen"]
    return "{mr_ifindex=%s, mr_type=%s, mr_alen=%d, mr_address=%s}" % (
        ifindex(ctx, v["mr_ifindex"]),
        enum_text(ctx, call, v["mr_type"], MREQ_TYPES, "PACKET_MR_???"), alen,
        mac(ctx, v["mr_address"][:min(alen, c.fields["mr_address"][1])]))


def get_tpacket_stats(ctx, call, addr, ulen, rlen):
    return fields_by_len(ctx, call, addr, rlen, TPACKET_STATS.on(call.abi),
                         (("tp_packets", udec), ("tp_drops", udec), ("tp_freeze_q_cnt", udec)))


SOL_PACKET = Level(NAMES, "PACKET_???", getters={"PACKET_STATISTICS": get_tpacket_stats},
                   setters={"PACKET_RX_RING": set_tpacket_req,
                            "PACKET_TX_RING": set_tpacket_req,
                            "PACKET_ADD_MEMBERSHIP": set_packet_mreq,
                            "PACKET_DROP_MEMBERSHIP": set_packet_mreq})
