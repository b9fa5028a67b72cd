"""AF_INET/AF_INET6 sockets of NETLINK_SOCK_DIAG (linux/inet_diag.h): the requests
(inet_diag_req_v2, and inet_diag_req of TCPDIAG_GETSOCK/DCCPDIAG_GETSOCK) with their bytecode
filters, and inet_diag_msg with its attributes (memory, congestion control, TCP info of
vegas/dctcp/bbr, addresses, MD5 keys, ULP info of TLS and MPTCP, BPF storages, socket
options)."""
from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, array, enum_decoder, flags_decoder, hexstr, ifname, nested, nla_str, nla_u8,
    nla_u16, nla_u32, nla_u64, nla_x32, read_uint, show_enum, struct_decoder, struct_text)
from minitrace.decode.netlink.sock_diag.common import (
    FAMILIES, IPPROTOS, SOCKID_SIZE, TCP_STATES, hex_bytes, inet_addr_field, nla_ip_proto,
    nla_meminfo, show_shifted, show_sockid)

INET_DIAG_NAMES = ("INET_DIAG_NONE", "INET_DIAG_MEMINFO", "INET_DIAG_INFO",
                   "INET_DIAG_VEGASINFO", "INET_DIAG_CONG", "INET_DIAG_TOS", "INET_DIAG_TCLASS",
                   "INET_DIAG_SKMEMINFO", "INET_DIAG_SHUTDOWN", "INET_DIAG_DCTCPINFO",
                   "INET_DIAG_PROTOCOL", "INET_DIAG_SKV6ONLY", "INET_DIAG_LOCALS",
                   "INET_DIAG_PEERS", "INET_DIAG_PAD", "INET_DIAG_MARK", "INET_DIAG_BBRINFO",
                   "INET_DIAG_CLASS_ID", "INET_DIAG_MD5SIG", "INET_DIAG_ULP_INFO",
                   "INET_DIAG_SK_BPF_STORAGES", "INET_DIAG_CGROUP_ID", "INET_DIAG_SOCKOPT")
INET_DIAG_REQ_NAMES = ("INET_DIAG_REQ_NONE", "INET_DIAG_REQ_BYTECODE",
                       "INET_DIAG_REQ_SK_BPF_STORAGES", "INET_DIAG_REQ_PROTOCOL")
BYTECODES = ("INET_DIAG_BC_NOP", "INET_DIAG_BC_JMP", "INET_DIAG_BC_S_GE", "INET_DIAG_BC_S_LE",
             "INET_DIAG_BC_D_GE", "INET_DIAG_BC_D_LE", "INET_DIAG_BC_AUTO",
             "INET_DIAG_BC_S_COND", "INET_DIAG_BC_D_COND", "INET_DIAG_BC_DEV_COND",
             "INET_DIAG_BC_MARK_COND", "INET_DIAG_BC_S_EQ", "INET_DIAG_BC_D_EQ",
             "INET_DIAG_BC_CGROUP_COND")
ULP_NAMES = ("INET_ULP_INFO_UNSPEC", "INET_ULP_INFO_NAME", "INET_ULP_INFO_TLS",
             "INET_ULP_INFO_MPTCP")
TLS_INFO_NAMES = ("TLS_INFO_UNSPEC", "TLS_INFO_VERSION", "TLS_INFO_CIPHER", "TLS_INFO_TXCONF",
                  "TLS_INFO_RXCONF", "TLS_INFO_ZC_RO_TX", "TLS_INFO_RX_NO_PAD")
TLS_CIPHERS = ("TLS_CIPHER_AES_GCM_128", "TLS_CIPHER_AES_GCM_256", "TLS_CIPHER_AES_CCM_128",
               "TLS_CIPHER_CHACHA20_POLY1305", "TLS_CIPHER_SM4_GCM", "TLS_CIPHER_SM4_CCM",
               "TLS_CIPHER_ARIA_GCM_128", "TLS_CIPHER_ARIA_GCM_256")
TLS_CONFS = ("TLS_CONF_BASE", "TLS_CONF_SW", "TLS_CONF_HW", "TLS_CONF_HW_RECORD")
TLS_VERSIONS = ("TLS_1_2_VERSION", "TLS_1_3_VERSION")
MPTCP_SUBFLOW_NAMES = ("MPTCP_SUBFLOW_ATTR_UNSPEC", "MPTCP_SUBFLOW_ATTR_TOKEN_REM",
                       "MPTCP_SUBFLOW_ATTR_TOKEN_LOC", "MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ",
                       "MPTCP_SUBFLOW_ATTR_MAP_SEQ", "MPTCP_SUBFLOW_ATTR_MAP_SFSEQ",
                       "MPTCP_SUBFLOW_ATTR_SSN_OFFSET", "MPTCP_SUBFLOW_ATTR_MAP_DATALEN",
                       "MPTCP_SUBFLOW_ATTR_FLAGS", "MPTCP_SUBFLOW_ATTR_ID_REM",
                       "MPTCP_SUBFLOW_ATTR_ID_LOC", "MPTCP_SUBFLOW_ATTR_PAD")
MPTCP_SUBFLOW_FLAGS = ("MPTCP_SUBFLOW_FLAG_MCAP_REM", "MPTCP_SUBFLOW_FLAG_MCAP_LOC",
                       "MPTCP_SUBFLOW_FLAG_JOIN_REM", "MPTCP_SUBFLOW_FLAG_JOIN_LOC",
                       "MPTCP_SUBFLOW_FLAG_BKUP_REM", "MPTCP_SUBFLOW_FLAG_BKUP_LOC",
                       "MPTCP_SUBFLOW_FLAG_FULLY_ESTABLISHED", "MPTCP_SUBFLOW_FLAG_CONNECTED",
                       "MPTCP_SUBFLOW_FLAG_MAPVALID")
BPF_STORAGES_NAMES = ("SK_DIAG_BPF_STORAGE_REP_NONE", "SK_DIAG_BPF_STORAGE")
BPF_STORAGE_NAMES = ("SK_DIAG_BPF_STORAGE_NONE", "SK_DIAG_BPF_STORAGE_PAD",
                     "SK_DIAG_BPF_STORAGE_MAP_ID", "SK_DIAG_BPF_STORAGE_MAP_VALUE")
SHUTDOWN_FLAGS = ("RCV_SHUTDOWN", "SEND_SHUTDOWN")
# the bits of struct inet_diag_sockopt (linux/inet_diag.h), in order; then `unused`
SOCKOPT_BITS = ("recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent",
                "mc_all", "nodefrag", "bind_address_no_port", "recverr_rfc4884",
                "defer_connect")

EXT_FLAGS = show_shifted(INET_DIAG_NAMES[1:], 1, "1<<INET_DIAG_???-1")
STATE_FLAGS = show_shifted(TCP_STATES, 0, "1<<TCP_???")


# ---------------------------------------------------------------------------------------------
# requests

def _bc_op_text(v, code, yes, no):
    return "{code=%s, yes=%d, no=%d}" % (v.enum(code, BYTECODES, "INET_DIAG_BC_???"), yes, no)


def _hostcond(v, addr, length):
    if length < 8:
        return hexstr(v, addr, length)
    got = v.unpack(addr, "BBxxi")
    if got is None:
        return printers.ptr(addr)
    family, prefix_len, port = got
    text = "{family=%s, prefix_len=%d, port=%d" % (v.enum(family, FAMILIES, "AF_???"),
                                                    prefix_len, port)
    if length > 8:
        text += ", " + _inet_addr_at(v, addr + 8, length - 8, family, "addr")
    return text + "}"


def _inet_addr_at(v, addr, length, family, name):
    """strace's decode_inet_addr with a field name."""
    size = {v.const("AF_INET"): 4, v.const("AF_INET6"): 16}.get(family)
    if size is None or length < size:
        return "%s=%s" % (name, hexstr(v, addr, length))
    raw = v.get(addr, size)
    if raw is None:
        return "%s=%s" % (name, printers.ptr(addr))
    return inet_addr_field(v, name, raw, family)


def _bytecode_data(v, addr, length, code):
    def struct_or_hex(size, show):
        if length < size:
            return hexstr(v, addr, length)
        return show()

    if code in (v.const("INET_DIAG_BC_S_COND"), v.const("INET_DIAG_BC_D_COND")):
        return _hostcond(v, addr, length)
    if code == v.const("INET_DIAG_BC_DEV_COND"):
        def dev():
            got = v.unpack(addr, "I")
            return printers.ptr(addr) if got is None else ifname(got[0], v)
        return struct_or_hex(4, dev)
    if code in (v.const("INET_DIAG_BC_S_GE"), v.const("INET_DIAG_BC_S_LE"),
                v.const("INET_DIAG_BC_D_GE"), v.const("INET_DIAG_BC_D_LE")):
        def op():
            got = v.unpack(addr, "BBH")
            return printers.ptr(addr) if got is None else _bc_op_text(v, *got)
        return struct_or_hex(4, op)
    if code == v.const("INET_DIAG_BC_MARK_COND"):
        return struct_or_hex(8, lambda: struct_text(v, addr, [("mark", "I"), ("mask", "I")]))
    return hexstr(v, addr, length)


def _bc_op(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "BBH")
    if got is None:
        return printers.ptr(addr)
    text = _bc_op_text(v, *got)
    if length > 4:
        text += ", " + _bytecode_data(v, addr + 4, length - 4, got[0])
    return text


INET_DIAG_REQ = Attrs(INET_DIAG_REQ_NAMES, "INET_DIAG_REQ_???", {
    "INET_DIAG_REQ_BYTECODE": _bc_op, "INET_DIAG_REQ_PROTOCOL": nla_ip_proto})

# struct inet_diag_req_v2 and the older struct inet_diag_req
REQ_V2 = Header([("sdiag_family", "B", show_enum(FAMILIES, "AF_???")),
                 ("sdiag_protocol", "B", show_enum(IPPROTOS, "IPPROTO_???")),
                 ("idiag_ext", "B", EXT_FLAGS), (None, "x", None),
                 ("idiag_states", "I", STATE_FLAGS),
                 ("id", "%ds" % SOCKID_SIZE, show_sockid("sdiag_family"))], INET_DIAG_REQ)
REQ_COMPAT = Header([("idiag_family", "B", show_enum(FAMILIES, "AF_???")),
                     ("idiag_src_len", "B", None), ("idiag_dst_len", "B", None),
                     ("idiag_ext", "B", EXT_FLAGS),
                     ("id", "%ds" % SOCKID_SIZE, show_sockid("idiag_family")),
                     ("idiag_states", "I", STATE_FLAGS), ("idiag_dbs", "I", None)],
                    INET_DIAG_REQ)


def request_header(v, mtype):
    if mtype in (v.const("TCPDIAG_GETSOCK"), v.const("DCCPDIAG_GETSOCK")):
        return REQ_COMPAT
    return REQ_V2


# ---------------------------------------------------------------------------------------------
# replies

def _shutdown(v, addr, length, opaque=None):
    """Flags of one byte printed verbose (RCV_SHUTDOWN is not uapi), raw with -X raw."""
    if length > 8 or length < 1:
        return None
    value = read_uint(v, addr, 1)
    if value is None:
        return printers.ptr(addr)
    style = v.style if v.style.const_style == "raw" else v.style.replace(const_style="verbose")
    return printers.flags(value, v.ctx.flag_table(v.call.abi, SHUTDOWN_FLAGS), style,
                          "???_SHUTDOWN")


def _sockaddrs(v, addr, length, opaque=None):
    """An array of struct sockaddr_storage (128 bytes), each as a socket address."""
    from minitrace.decode.sockaddr import sockaddr_text
    n = length // 128
    if not n:
        return None

    def one(a):
        raw = v.get(a, 128)
        return None if raw is None else sockaddr_text(v.ctx, v.call, raw)
    return array(v, addr, n, 128, one)


def _md5sig_one(v, a):
    got = v.unpack(a, "BBH16s80s")
    if got is None:
        return None
    family, prefixlen, keylen, raw_addr, key = got
    return "{tcpm_family=%s, tcpm_prefixlen=%d, tcpm_keylen=%d, %s, tcpm_key=%s}" % (
        v.enum(family, FAMILIES, "AF_???"), prefixlen, keylen,
        inet_addr_field(v, "tcpm_addr", raw_addr, family), hex_bytes(key[:min(80, keylen)]))


def _md5sig(v, addr, length, opaque=None):
    n = length // 100
    if not n:
        return None
    return array(v, addr, n, 100, lambda a: _md5sig_one(v, a))


def _sockopt(v, addr, length, opaque=None):
    """struct inet_diag_sockopt: its bits (set ones only unless -v), then any nonzero bytes
    after it."""
    if length < 2:
        return None
    raw = v.get(addr, 2)
    if raw is None:
        return printers.ptr(addr)
    bits = bytearray(raw)[0] | (bytearray(raw)[1] << 8)
    if v.order == ">":            # big-endian bitfields start from the top bit of each byte
        bits = int("{:08b}".format(bytearray(raw)[0])[::-1], 2) | \
            (int("{:08b}".format(bytearray(raw)[1])[::-1], 2) << 8)
    parts = []
    for i, name in enumerate(SOCKOPT_BITS):
        bit = (bits >> i) & 1
        if v.abbrev and not bit:
            continue
        parts.append("%s=%d" % (name, bit))
    unused = bits >> len(SOCKOPT_BITS)
    if not v.abbrev or unused:
        parts.append("unused=%s /* bits 3..8 */" % printers.hexnum(unused))
    text = "{" + ", ".join(parts) + "}"
    return text + nonzero_tail(v, addr, 2, min(length, 4096))


def nonzero_tail(v, addr, start, total):
    """strace's print_nonzero_bytes: `, /* bytes 2..9 */ "\\x.."` when a byte past `start`
    is not zero."""
    if start >= total:
        return ""
    raw = v.get(addr + start, total - start)
    if raw is None:
        return ", ???"
    if not raw.strip(b"\0"):
        return ""
    size = min(len(raw), v.limit)
    text = hex_bytes(raw[:size]) + ("..." if size < len(raw) else "")
    return ", /* bytes %d..%d */ %s" % (start, total - 1, text)


TLS_INFO = Attrs(TLS_INFO_NAMES, "TLS_INFO_???", {
    "TLS_INFO_VERSION": enum_decoder(TLS_VERSIONS, "TLS_???_VERSION", 2),
    "TLS_INFO_CIPHER": enum_decoder(TLS_CIPHERS, "TLS_CIPHER_???", 2),
    "TLS_INFO_TXCONF": enum_decoder(TLS_CONFS, "TLS_CONF_???", 2),
    "TLS_INFO_RXCONF": enum_decoder(TLS_CONFS, "TLS_CONF_???", 2)})
MPTCP_SUBFLOW = Attrs(MPTCP_SUBFLOW_NAMES, "MPTCP_SUBFLOW_ATTR_???", {
    "MPTCP_SUBFLOW_ATTR_TOKEN_REM": nla_x32, "MPTCP_SUBFLOW_ATTR_TOKEN_LOC": nla_x32,
    "MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ": nla_u32, "MPTCP_SUBFLOW_ATTR_MAP_SEQ": nla_u64,
    "MPTCP_SUBFLOW_ATTR_MAP_SFSEQ": nla_u32, "MPTCP_SUBFLOW_ATTR_SSN_OFFSET": nla_u32,
    "MPTCP_SUBFLOW_ATTR_MAP_DATALEN": nla_u16,
    "MPTCP_SUBFLOW_ATTR_FLAGS": flags_decoder(MPTCP_SUBFLOW_FLAGS, "MPTCP_SUBFLOW_FLAG_???", 4),
    "MPTCP_SUBFLOW_ATTR_ID_REM": nla_u8, "MPTCP_SUBFLOW_ATTR_ID_LOC": nla_u8})
ULP_INFO = Attrs(ULP_NAMES, "INET_ULP_INFO_???", {
    "INET_ULP_INFO_NAME": nla_str, "INET_ULP_INFO_TLS": nested(TLS_INFO),
    "INET_ULP_INFO_MPTCP": nested(MPTCP_SUBFLOW)})


def _xint(v, addr, length, opaque=None):
    """strace's decode_nla_xint: 1/2/4/8 bytes in hex, else the bytes."""
    if length not in (1, 2, 4, 8):
        return None
    value = read_uint(v, addr, length)
    return printers.ptr(addr) if value is None else printers.hexnum(value)


BPF_STORAGE = Attrs(BPF_STORAGE_NAMES, "SK_DIAG_BPF_STORAGE_???", {
    "SK_DIAG_BPF_STORAGE_MAP_ID": nla_u32, "SK_DIAG_BPF_STORAGE_MAP_VALUE": _xint})
BPF_STORAGES = Attrs(BPF_STORAGES_NAMES, "SK_DIAG_BPF_STORAGE_???", {
    "SK_DIAG_BPF_STORAGE": nested(BPF_STORAGE)})

INET_DIAG = Attrs(INET_DIAG_NAMES, "INET_DIAG_???", {
    "INET_DIAG_MEMINFO": struct_decoder([("idiag_rmem", "I"), ("idiag_wmem", "I"),
                                         ("idiag_fmem", "I"), ("idiag_tmem", "I")]),
    "INET_DIAG_VEGASINFO": struct_decoder([("tcpv_enabled", "I"), ("tcpv_rttcnt", "I"),
                                           ("tcpv_rtt", "I"), ("tcpv_minrtt", "I")]),
    "INET_DIAG_CONG": nla_str, "INET_DIAG_TOS": nla_u8, "INET_DIAG_TCLASS": nla_u8,
    "INET_DIAG_SKMEMINFO": nla_meminfo, "INET_DIAG_SHUTDOWN": _shutdown,
    "INET_DIAG_DCTCPINFO": struct_decoder([("dctcp_enabled", "H"), ("dctcp_ce_state", "H"),
                                           ("dctcp_alpha", "I"), ("dctcp_ab_ecn", "I"),
                                           ("dctcp_ab_tot", "I")]),
    "INET_DIAG_PROTOCOL": nla_ip_proto, "INET_DIAG_SKV6ONLY": nla_u8,
    "INET_DIAG_LOCALS": _sockaddrs, "INET_DIAG_PEERS": _sockaddrs, "INET_DIAG_MARK": nla_u32,
    "INET_DIAG_BBRINFO": struct_decoder([("bbr_bw_lo", "I"), ("bbr_bw_hi", "I"),
                                         ("bbr_min_rtt", "I"), ("bbr_pacing_gain", "I"),
                                         ("bbr_cwnd_gain", "I")],
                                        {"bbr_bw_lo": printers.hexnum,
                                         "bbr_bw_hi": printers.hexnum}),
    "INET_DIAG_CLASS_ID": nla_u32, "INET_DIAG_MD5SIG": _md5sig,
    "INET_DIAG_ULP_INFO": nested(ULP_INFO), "INET_DIAG_SK_BPF_STORAGES": nested(BPF_STORAGES),
    "INET_DIAG_CGROUP_ID": nla_u64, "INET_DIAG_SOCKOPT": _sockopt})

# struct inet_diag_msg
MSG = Header([("idiag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("idiag_state", "B", show_enum(TCP_STATES, "TCP_???")),
              ("idiag_timer", "B", None), ("idiag_retrans", "B", None),
              ("id", "%ds" % SOCKID_SIZE, show_sockid("idiag_family")),
              ("idiag_expires", "I", None), ("idiag_rqueue", "I", None),
              ("idiag_wqueue", "I", None), ("idiag_uid", "I", None),
              ("idiag_inode", "I", None)], INET_DIAG)

