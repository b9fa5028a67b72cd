"""Memory technology device ioctls (type 'M', mtd/mtd-abi.h), as strace 6.1's mtd_ioctl.

The erase ranges, out-of-band buffers, write requests, OTP selections and lock ranges print at
entry (even for the commands the kernel writes back into); the device info, the NAND OOB and
ECC layouts, the ECC statistics, the region and OTP counts and an OTP region's info at exit.
MEMGETREGIONINFO prints the region index at entry and the rest of its struct at exit.
"""
from minitrace import printers
from minitrace.decode.array import local_array
from minitrace.decode.common import enum_text, failed, flag_text, read_struct
from minitrace.decode.ioctl.base import TableFamily, read_number
from minitrace.decode.layout import Struct, named

TYPES = ("MTD_ABSENT", "MTD_RAM", "MTD_ROM", "MTD_NORFLASH", "MTD_NANDFLASH", "MTD_DATAFLASH",
         "MTD_UBIVOLUME", "MTD_MLCNANDFLASH")
FLAGS = ("MTD_WRITEABLE", "MTD_BIT_WRITEABLE", "MTD_NO_ERASE", "MTD_POWERUP_LOCK",
         "MTD_SLC_ON_MLC_EMULATION")
OPS_MODES = ("MTD_OPS_PLACE_OOB", "MTD_OPS_AUTO_OOB", "MTD_OPS_RAW")
FILE_MODES = ("MTD_FILE_MODE_NORMAL", "MTD_FILE_MODE_OTP_FACTORY", "MTD_FILE_MODE_OTP_USER",
              "MTD_FILE_MODE_RAW")
OTP_MODES = ("MTD_OTP_OFF", "MTD_OTP_FACTORY", "MTD_OTP_USER")
NANDECC_MODES = ("MTD_NANDECC_OFF", "MTD_NANDECC_PLACE", "MTD_NANDECC_AUTOPLACE",
                 "MTD_NANDECC_PLACEONLY", "MTD_NANDECC_AUTOPL_USR")

OOBINFO_FREE, OOBINFO_ECCPOS = 8, 32       # struct nand_oobinfo's array lengths
LAYOUT_ECCPOS, LAYOUT_FREE = 64, 8          # MTD_MAX_ECCPOS_ENTRIES, MTD_MAX_OOBFREE_ENTRIES

ERASE_INFO_USER = named("erase_info_user", Struct("erase_info_user", [
    ("start", "u32"), ("length", "u32")]))
ERASE_INFO_USER64 = named("erase_info_user64", Struct("erase_info_user64", [
    ("start", "u64"), ("length", "u64")]))
MTD_OOB_BUF = named("mtd_oob_buf", Struct("mtd_oob_buf", [
    ("start", "u32"), ("length", "u32"), ("ptr", "ptr")]))
MTD_OOB_BUF64 = named("mtd_oob_buf64", Struct("mtd_oob_buf64", [
    ("start", "u64"), ("pad", "u32"), ("length", "u32"), ("usr_ptr", "u64")]))
MTD_WRITE_REQ = named("mtd_write_req", Struct("mtd_write_req", [
    ("start", "u64"), ("len", "u64"), ("ooblen", "u64"), ("usr_data", "u64"),
    ("usr_oob", "u64"), ("mode", "u8"), ("padding", ("u8", 7))]))
MTD_INFO_USER = named("mtd_info_user", Struct("mtd_info_user", [
    ("type", "u8"), ("flags", "u32"), ("size", "u32"), ("erasesize", "u32"),
    ("writesize", "u32"), ("oobsize", "u32"), ("padding", "u64")]))
REGION_INFO_USER = named("region_info_user", Struct("region_info_user", [
    ("offset", "u32"), ("erasesize", "u32"), ("numblocks", "u32"), ("regionindex", "u32")]))
OTP_INFO = named("otp_info", Struct("otp_info", [
    ("start", "u32"), ("length", "u32"), ("locked", "u32")]))
NAND_OOBINFO = named("nand_oobinfo", Struct("nand_oobinfo", [
    ("useecc", "u32"), ("eccbytes", "u32"), ("oobfree", ("u32", OOBINFO_FREE * 2)),
    ("eccpos", ("u32", OOBINFO_ECCPOS))]))
NAND_ECCLAYOUT_USER = named("nand_ecclayout_user", Struct("nand_ecclayout_user", [
    ("eccbytes", "u32"), ("eccpos", ("u32", LAYOUT_ECCPOS)), ("oobavail", "u32"),
    ("oobfree", ("u32", LAYOUT_FREE * 2))]))
MTD_ECC_STATS = named("mtd_ecc_stats", Struct("mtd_ecc_stats", [
    ("corrected", "u32"), ("failed", "u32"), ("badblocks", "u32"), ("bbtblocks", "u32")]))


def _hex(v, *names):
    return ["%s=%s" % (n, printers.hexnum(v[n])) for n in names]


def _hex_list(v, name, count):
    return [printers.hexnum(v["%s[%d]" % (name, i)]) for i in range(count)]


def _struct(reader_layout, show):
    """The struct at the argument, as `{...}` of the fields show(ctx, call, v) lists."""
    def arg_text(ctx, call, arg):
        v = read_struct(ctx, call, arg, reader_layout.on(call.abi))
        if v is None:
            return printers.ptr(arg)
        return "{" + ", ".join(show(ctx, call, v)) + "}"
    return arg_text


def _hex_struct(layout, *names):
    return _struct(layout, lambda ctx, call, v: _hex(v, *names))


def _oob_buf(ctx, call, v):
    return _hex(v, "start", "length") + ["ptr=" + printers.ptr(v["ptr"])]


def _oob_buf64(ctx, call, v):
    return _hex(v, "start", "length") + ["usr_ptr=" + printers.ptr(v["usr_ptr"])]


def _write_req(ctx, call, v):
    return (_hex(v, "start", "len", "ooblen")
            + ["usr_data=" + printers.ptr(v["usr_data"]), "usr_oob=" + printers.ptr(v["usr_oob"]),
               "mode=" + enum_text(ctx, call, v["mode"], OPS_MODES, "MTD_OPS_???")])


def _otp_info(ctx, call, v):
    return _hex(v, "start", "length") + ["locked=%d" % v["locked"]]


def _info_user(ctx, call, v):
    return (["type=" + enum_text(ctx, call, v["type"], TYPES, "MTD_???"),
             "flags=" + flag_text(ctx, call, v["flags"], FLAGS, "MTD_???")]
            + _hex(v, "size", "erasesize", "writesize", "oobsize", "padding"))


def _oobinfo(ctx, call, v):
    free = _hex_list(v, "oobfree", OOBINFO_FREE * 2)
    pairs = [local_array(ctx, free[i:i + 2]) for i in range(0, len(free), 2)]
    return ["useecc=" + enum_text(ctx, call, v["useecc"], NANDECC_MODES, "MTD_NANDECC_???"),
            "eccbytes=" + printers.hexnum(v["eccbytes"]),
            "oobfree=" + local_array(ctx, pairs),
            "eccpos=" + local_array(ctx, _hex_list(v, "eccpos", OOBINFO_ECCPOS))]


def _ecclayout(ctx, call, v):
    free = _hex_list(v, "oobfree", LAYOUT_FREE * 2)
    entries = ["{offset=%s, length=%s}" % (free[i], free[i + 1]) for i in range(0, len(free), 2)]
    return (_hex(v, "eccbytes")
            + ["eccpos=" + local_array(ctx, _hex_list(v, "eccpos", LAYOUT_ECCPOS))]
            + _hex(v, "oobavail") + ["oobfree=" + local_array(ctx, entries)])


def _number_at(code, fmt):
    """`[N]` of the number of struct format `code` ("i", "I", "Q") at the argument."""
    def arg_text(ctx, call, arg):
        v = read_number(ctx, call, arg, code)
        return printers.ptr(arg) if v is None else "[%s]" % fmt(ctx, call, v)
    return arg_text


def _decimal(ctx, call, value):
    return "%d" % value


def _otp_mode(ctx, call, value):
    return enum_text(ctx, call, value, OTP_MODES, "MTD_OTP_???")


def _file_mode(ctx, call, arg):
    return enum_text(ctx, call, arg, FILE_MODES, "MTD_FILE_MODE_???")


def _region_info_enter(ctx, call, arg):
    v = read_struct(ctx, call, arg, REGION_INFO_USER.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    return "{regionindex=%s" % printers.hexnum(v["regionindex"]), True


def _region_info_exit(ctx, call, arg):
    v = None if failed(call) else read_struct(ctx, call, arg, REGION_INFO_USER.on(call.abi))
    if v is None:
        return "}"
    return ", " + ", ".join(_hex(v, "offset", "erasesize", "numblocks")) + "}"


_erase_info = _hex_struct(ERASE_INFO_USER, "start", "length")
_oob = _struct(MTD_OOB_BUF, _oob_buf)
_oob64 = _struct(MTD_OOB_BUF64, _oob_buf64)
_u64_decimal = _number_at("Q", _decimal)

MTD = TableFamily(
    (0x4d,),
    inp={"MEMERASE": _erase_info, "MEMLOCK": _erase_info, "MEMUNLOCK": _erase_info,
         "MEMISLOCKED": _erase_info,
         "MEMERASE64": _hex_struct(ERASE_INFO_USER64, "start", "length"),
         "MEMWRITEOOB": _oob, "MEMREADOOB": _oob, "MEMWRITEOOB64": _oob64, "MEMREADOOB64": _oob64,
         "MEMWRITE": _struct(MTD_WRITE_REQ, _write_req),
         "OTPLOCK": _struct(OTP_INFO, _otp_info),
         "OTPSELECT": _number_at("I", _otp_mode),
         "MTDFILEMODE": _file_mode,
         "MEMGETBADBLOCK": _u64_decimal, "MEMSETBADBLOCK": _u64_decimal},
    out={"OTPGETREGIONINFO": _struct(OTP_INFO, _otp_info),
         "MEMGETINFO": _struct(MTD_INFO_USER, _info_user),
         "MEMGETOOBSEL": _struct(NAND_OOBINFO, _oobinfo),
         "ECCGETLAYOUT": _struct(NAND_ECCLAYOUT_USER, _ecclayout),
         "ECCGETSTATS": _hex_struct(MTD_ECC_STATS, "corrected", "failed", "badblocks",
                                    "bbtblocks"),
         "OTPGETREGIONCOUNT": _number_at("I", _decimal),
         "MEMGETREGIONCOUNT": _number_at("i", _decimal)},
    both={"MEMGETREGIONINFO": (_region_info_enter, _region_info_exit)})
