"""AF_SMC sockets of NETLINK_SOCK_DIAG (linux/smc_diag.h): smc_diag_req (no attributes) and
smc_diag_msg with its attributes. An SMC socket keeps AF_INET addresses in its sockid."""
from minitrace import printers
from minitrace.decode.netlink.nlattr import (Attrs, Header, flags_decoder, show_enum,
                                             struct_text)
from minitrace.decode.netlink.sock_diag.common import FAMILIES, show_shifted, show_sockid

SMC_DIAG_NAMES = ("SMC_DIAG_NONE", "SMC_DIAG_CONNINFO", "SMC_DIAG_LGRINFO",
                  "SMC_DIAG_SHUTDOWN", "SMC_DIAG_DMBINFO", "SMC_DIAG_FALLBACK")
SMC_MODES = ("SMC_DIAG_MODE_SMCR", "SMC_DIAG_MODE_FALLBACK_TCP", "SMC_DIAG_MODE_SMCD")
SHUTDOWN_FLAGS = ("RCV_SHUTDOWN", "SEND_SHUTDOWN")

# Values no uapi header defines, from the kernel's net/smc (Linux 6.1): the socket states of
# smc.h (enum smc_state), the link group roles of smc_core.h (enum smc_lgr_role) and the
# decline reasons of smc_clc.h (SMC_CLC_DECL_*).
SMC_STATES = {1: "SMC_ACTIVE", 2: "SMC_INIT", 7: "SMC_CLOSED", 10: "SMC_LISTEN",
              20: "SMC_PEERCLOSEWAIT1", 21: "SMC_PEERCLOSEWAIT2", 22: "SMC_APPCLOSEWAIT1",
              23: "SMC_APPCLOSEWAIT2", 24: "SMC_APPFINCLOSEWAIT", 25: "SMC_PEERFINCLOSEWAIT",
              26: "SMC_PEERABORTWAIT", 27: "SMC_PROCESSABORT"}
SMC_ROLES = {0: "SMC_CLNT", 1: "SMC_SERV"}
SMC_DECL_CODES = {
    0x01010000: "SMC_CLC_DECL_MEM", 0x02010000: "SMC_CLC_DECL_TIMEOUT_CL",
    0x02020000: "SMC_CLC_DECL_TIMEOUT_AL", 0x03000000: "SMC_CLC_DECL_CNFERR",
    0x03010000: "SMC_CLC_DECL_PEERNOSMC", 0x03020000: "SMC_CLC_DECL_IPSEC",
    0x03030000: "SMC_CLC_DECL_NOSMCDEV", 0x03040000: "SMC_CLC_DECL_MODEUNSUPP",
    0x03050000: "SMC_CLC_DECL_RMBE_EC", 0x03060000: "SMC_CLC_DECL_OPTUNSUPP",
    0x04000000: "SMC_CLC_DECL_SYNCERR", 0x05000000: "SMC_CLC_DECL_PEERDECL",
    0x99990000: "SMC_CLC_DECL_INTERR", 0x99990001: "SMC_CLC_DECL_ERR_RTOK",
    0x99990002: "SMC_CLC_DECL_ERR_RDYLNK", 0x99990003: "SMC_CLC_DECL_ERR_REGRMB"}

REQ = Header([("diag_family", "B", show_enum(FAMILIES, "AF_???")),
              (None, "2x", None),
              ("diag_ext", "B", show_shifted(SMC_DIAG_NAMES[1:3], 1, "1<<SMC_DIAG_???-1")),
              ("id", "48s", show_sockid(family_name="AF_INET"))])


def _state(v, value):
    return printers.enum(value, SMC_STATES, v.style, "SMC_???")


def _cursor(vals):
    return "{reserved=%d, wrap=%d, count=%d}" % vals


# struct smc_diag_conninfo: four u32, then cursors (u16 reserved, u16 wrap, u32 count) and
# flag bytes
_CONNINFO = [("token", "I"), ("sndbuf_size", "I"), ("rmbe_size", "I"),
             ("peer_rmbe_size", "I"), ("rx_prod", "HHI"), ("rx_cons", "HHI"),
             ("tx_prod", "HHI"), ("tx_cons", "HHI"), ("rx_prod_flags", "B"),
             ("rx_conn_state_flags", "B"), ("tx_prod_flags", "B"),
             ("tx_conn_state_flags", "B"), ("tx_prep", "HHI"), ("tx_sent", "HHI"),
             ("tx_fin", "HHI")]
_CONNINFO_SHOW = dict([(name, _cursor) for name, f in _CONNINFO if f == "HHI"] +
                      [(name, printers.hexnum) for name, f in _CONNINFO if f == "B"])


def _conninfo(v, addr, length, opaque=None):
    if length < 76:
        return None
    return struct_text(v, addr, _CONNINFO, _CONNINFO_SHOW)


def _cstring(raw):
    """strace's print_quoted_cstring of a char array: up to the first NUL."""
    nul = raw.find(b"\0")
    text = printers.quote_bytes(raw if nul < 0 else raw[:nul], None, len(raw))
    return text if nul >= 0 else text + "..."


def _lgrinfo(v, addr, length, opaque=None):
    """struct smc_diag_lgrinfo: one smc_diag_linkinfo (link_id, ibname[64], ibport,
    gid[40], peer_gid[40]) and the role."""
    if length < 147:
        return None
    got = v.unpack(addr, "B64sB40s40sB")
    if got is None:
        return printers.ptr(addr)
    link_id, ibname, ibport, gid, peer_gid, role = got
    return ("{lnk=[{link_id=%d, ibname=%s, ibport=%d, gid=%s, peer_gid=%s}], role=%s}" % (
        link_id, _cstring(ibname), ibport, _cstring(gid), _cstring(peer_gid),
        printers.enum(role, SMC_ROLES, v.style, "SMC_???")))


def _dmbinfo(v, addr, length, opaque=None):
    if length < 40:
        return None
    return struct_text(v, addr, [("linkid", "I"), (None, "4x"), ("peer_gid", "Q"),
                                 ("my_gid", "Q"), ("token", "Q"), ("peer_token", "Q")],
                       {"peer_gid": printers.hexnum, "my_gid": printers.hexnum,
                        "token": printers.hexnum, "peer_token": printers.hexnum})


def _decl(v, value):
    """A decline code, printed verbose (smc_clc.h is not uapi)."""
    style = v.style if v.style.const_style == "raw" else v.style.replace(const_style="verbose")
    return printers.enum(value, SMC_DECL_CODES, style, "SMC_CLC_DECL_???")


def _fallback(v, addr, length, opaque=None):
    if length < 8:
        return None
    return struct_text(v, addr, [("reason", "I"), ("peer_diagnosis", "I")],
                       {"reason": lambda x: _decl(v, x), "peer_diagnosis": lambda x: _decl(v, x)})


def _shutdown(v, addr, length, opaque=None):
    return flags_decoder(SHUTDOWN_FLAGS, "???_SHUTDOWN", 1)(v, addr, length)


SMC_DIAG = Attrs(SMC_DIAG_NAMES, "SMC_DIAG_???", {
    "SMC_DIAG_CONNINFO": _conninfo, "SMC_DIAG_LGRINFO": _lgrinfo,
    "SMC_DIAG_SHUTDOWN": _shutdown, "SMC_DIAG_DMBINFO": _dmbinfo,
    "SMC_DIAG_FALLBACK": _fallback})

MSG = Header([("diag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("diag_state", "B", _state),
              ("diag_fallback", "B", show_enum(SMC_MODES, "SMC_DIAG_MODE_???")),
              ("diag_shutdown", "B", None), ("id", "48s", show_sockid(family_name="AF_INET")),
              ("diag_uid", "I", None), ("diag_inode", "Q", None)], SMC_DIAG)

