"""ATA disk ioctls (type 0x03, linux/hdreg.h), as strace's hdio_ioctl: HDIO_GETGEO's struct
hd_geometry at exit, HDIO_DRIVE_CMD's header at entry and its result (`=> {...}`) at exit, the
HDIO_GET_* numbers (a kernel unsigned long) at exit, the HDIO_SET_* values, the identity
buffers, the three-int arrays of HDIO_DRIVE_RESET and HDIO_SCAN_HWIF. On an ABI whose kernel
long is not 64-bit (i386, arm) strace leaves the number commands undecoded: the kernel never
had their compat forms."""
from minitrace import arch, printers
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import const, failed, read_struct
from minitrace.decode.file import in_string
from minitrace.decode.ioctl.base import TableFamily, command_numbers
from minitrace.decode.layout import Struct, named

HD_GEOMETRY = named("hd_geometry", Struct("hd_geometry", [
    ("heads", "u8"), ("sectors", "u8"), ("cylinders", "u16"), ("start", "ulong")]))
HD_DRIVE_CMD_HDR = named("hd_drive_cmd_hdr", Struct("hd_drive_cmd_hdr", [
    ("command", "u8"), ("sector_number", "u8"), ("feature", "u8"), ("sector_count", "u8")]))
# what the kernel writes back over the header: status, error, nsector, and the sector count
DRIVE_CMD_RESULT = Struct("hd_drive_cmd_result", [
    ("status", "u8"), ("error", "u8"), ("nsector", "u8"), ("sector_count", "u8")])
SECTOR_SIZE = 512
IDENTITY_SIZE = {"HDIO_GET_IDENTITY": 512, "HDIO_OBSOLETE_IDENTITY": 142}

# strace names an HDIO_DRIVE_CMD command by the kernel's ATA_CMD_* names (include/linux/ata.h,
# not uapi); each is given here by the uapi linux/hdreg.h name of the same command, whose value
# the generated constants hold.
ATA_COMMANDS = (
    ("ATA_CMD_NOP", "WIN_NOP"), ("ATA_CMD_DEV_RESET", "WIN_DEVICE_RESET"),
    ("ATA_CMD_RESTORE", "WIN_RESTORE"), ("ATA_CMD_READ", "WIN_READDMA_ONCE"),
    ("ATA_CMD_PIO_READ", "WIN_READ"), ("ATA_CMD_READ_LONG", "WIN_READ_LONG"),
    ("ATA_CMD_READ_LONG_ONCE", "WIN_READ_LONG_ONCE"), ("ATA_CMD_PIO_READ_EXT", "WIN_READ_EXT"),
    ("ATA_CMD_READ_EXT", "WIN_READDMA_EXT"), ("ATA_CMD_READ_QUEUED", "WIN_READDMA_QUEUED_EXT"),
    ("ATA_CMD_READ_NATIVE_MAX_EXT", "WIN_READ_NATIVE_MAX_EXT"),
    ("ATA_CMD_READ_MULTI_EXT", "WIN_MULTREAD_EXT"), ("ATA_CMD_PIO_WRITE", "WIN_WRITE"),
    ("ATA_CMD_WRITE_LONG", "WIN_WRITE_LONG"), ("ATA_CMD_WRITE_LONG_ONCE", "WIN_WRITE_LONG_ONCE"),
    ("ATA_CMD_PIO_WRITE_EXT", "WIN_WRITE_EXT"), ("ATA_CMD_WRITE_EXT", "WIN_WRITEDMA_EXT"),
    ("ATA_CMD_WRITE_QUEUED", "WIN_WRITEDMA_QUEUED_EXT"), ("ATA_CMD_SET_MAX_EXT", "WIN_SET_MAX_EXT"),
    ("ATA_CMD_WRITE_MULTI_EXT", "WIN_MULTWRITE_EXT"), ("ATA_CMD_VERIFY", "WIN_VERIFY"),
    ("ATA_CMD_VERIFY_EXT", "WIN_VERIFY_EXT"), ("ATA_CMD_INIT_DEV_PARAMS", "WIN_SPECIFY"),
    ("ATA_CMD_DOWNLOAD_MICRO", "WIN_DOWNLOAD_MICROCODE"), ("ATA_CMD_STANDBYNOW2", "WIN_STANDBYNOW2"),
    ("ATA_CMD_STANDBY2", "WIN_STANDBY2"), ("ATA_CMD_IDLE2", "WIN_SETIDLE2"),
    ("ATA_CMD_CHECK_POWER2", "WIN_CHECKPOWERMODE2"), ("ATA_CMD_SLEEP2", "WIN_SLEEPNOW2"),
    ("ATA_CMD_PACKET", "WIN_PACKETCMD"), ("ATA_CMD_ID_ATAPI", "WIN_PIDENTIFY"),
    ("ATA_CMD_SERVICE", "WIN_QUEUED_SERVICE"), ("ATA_CMD_SMART", "WIN_SMART"),
    ("ATA_CMD_READ_MULTI", "WIN_MULTREAD"), ("ATA_CMD_WRITE_MULTI", "WIN_MULTWRITE"),
    ("ATA_CMD_SET_MULTI", "WIN_SETMULT"), ("ATA_CMD_WRITE", "WIN_WRITEDMA"),
    ("ATA_CMD_MEDIA_LOCK", "WIN_DOORLOCK"), ("ATA_CMD_MEDIA_UNLOCK", "WIN_DOORUNLOCK"),
    ("ATA_CMD_STANDBYNOW1", "WIN_STANDBYNOW1"), ("ATA_CMD_IDLEIMMEDIATE", "WIN_IDLEIMMEDIATE"),
    ("ATA_CMD_STANDBY", "WIN_STANDBY"), ("ATA_CMD_IDLE", "WIN_SETIDLE1"),
    ("ATA_CMD_CHK_POWER", "WIN_CHECKPOWERMODE1"), ("ATA_CMD_SLEEP", "WIN_SLEEPNOW1"),
    ("ATA_CMD_FLUSH", "WIN_FLUSH_CACHE"), ("ATA_CMD_WRITE_MULTI_FUA_EXT", "WIN_WRITE_SAME"),
    ("ATA_CMD_FLUSH_EXT", "WIN_FLUSH_CACHE_EXT"), ("ATA_CMD_ID_ATA", "WIN_IDENTIFY"),
    ("ATA_CMD_SET_FEATURES", "WIN_SETFEATURES"), ("ATA_CMD_SEC_SET_PASS", "WIN_SECURITY_SET_PASS"),
    ("ATA_CMD_SEC_UNLOCK", "WIN_SECURITY_UNLOCK"),
    ("ATA_CMD_SEC_ERASE_PREP", "WIN_SECURITY_ERASE_PREPARE"),
    ("ATA_CMD_SEC_ERASE_UNIT", "WIN_SECURITY_ERASE_UNIT"),
    ("ATA_CMD_SEC_FREEZE_LOCK", "WIN_SECURITY_FREEZE_LOCK"),
    ("ATA_CMD_SEC_DISABLE_PASS", "WIN_SECURITY_DISABLE"),
    ("ATA_CMD_READ_NATIVE_MAX", "WIN_READ_NATIVE_MAX"), ("ATA_CMD_SET_MAX", "WIN_SET_MAX"))
BUSSTATES = ("BUSSTATE_OFF", "BUSSTATE_ON", "BUSSTATE_TRISTATE")
# linux/hdreg.h's IDE_NICE_* are bit numbers: strace prints `1 << IDE_NICE_1`
NICE_BITS = ("IDE_NICE_DSC_OVERLAP", "IDE_NICE_ATAPI_OVERLAP", "IDE_NICE_1", "IDE_NICE_0",
             "IDE_NICE_2")


def _ata_command(ctx, call, value):
    table = dict((const(ctx, call, win), name) for name, win in reversed(ATA_COMMANDS)
                 if const(ctx, call, win) is not None)
    return printers.enum(value, table, ctx.style, "ATA_CMD_???")


def _nice(ctx, call, value):
    pairs = [("1 << %s" % n, 1 << const(ctx, call, n)) for n in NICE_BITS
             if const(ctx, call, n) is not None]
    return printers.flags(value, pairs, ctx.style, "IDE_NICE_???")


def _native_klong(call):
    return arch.long_bits(call.abi) == 64 or call.abi == "x32"


def _kulong_at(fmt):
    """An HDIO_GET_* number: `[N]` of the kernel unsigned long the kernel wrote."""
    def show(ctx, call, arg):
        code = "Q"
        data = ctx.read(call, arg, 8) if arg else None
        if data is None or len(data) < 8:
            return printers.ptr(arg)
        return "[%s]" % fmt(ctx, call, unpacker(call, code)(bytes(data[:8])))
    return show


def _udec(ctx, call, value):
    return "%d" % value


def _geometry(ctx, call, arg):
    v = read_struct(ctx, call, arg, HD_GEOMETRY.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{heads=%d, sectors=%d, cylinders=%d, start=%d}" % (
        v["heads"], v["sectors"], v["cylinders"], v["start"])


def _drive_cmd_enter(ctx, call, arg):
    v = read_struct(ctx, call, arg, HD_DRIVE_CMD_HDR.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    return "{command=%s, sector_number=%d, feature=%d, sector_count=%d}" % (
        _ata_command(ctx, call, v["command"]), v["sector_number"], v["feature"],
        v["sector_count"]), True


def _drive_cmd_exit(ctx, call, arg):
    if failed(call) and call.error != const(ctx, call, "EIO"):
        return ""
    v = read_struct(ctx, call, arg, DRIVE_CMD_RESULT.on(call.abi))
    if v is None:
        return ""
    text = " => {status=%#x, error=%d, nsector=%d" % (v["status"], v["error"], v["nsector"])
    if v["sector_count"]:
        length = v["sector_count"] * SECTOR_SIZE
        limit = ctx.style.string_limit
        # strace's printstr_ex reads one byte past -s: the address when that byte is unreadable
        size = min(length, limit + 1)
        data = ctx.read_data(call, arg + 4, size)
        if data is not None and len(data) < size:
            data = None
        hexed = printers.Style(hex_strings="all", string_limit=limit)
        text += ", buf=%s" % (printers.ptr(arg + 4) if data is None else printers.quote_bytes(
            bytes(data)[:limit], hexed, truncated=length > limit))
    return text + "}"


def _identity(size):
    def show(ctx, call, arg):
        return in_string(ctx, call, arg, size)
    return show


def _three_hex(ctx, call, arg):
    return print_array(ctx, call, arg, 3, 4, unpacker(call, "I"), lambda v: "%#x" % v)


def _udec_arg(ctx, call, arg):
    return "%d" % arg


GET_NUMBERS = ("HDIO_GET_32BIT", "HDIO_GET_ACOUSTIC", "HDIO_GET_ADDRESS", "HDIO_GET_DMA",
               "HDIO_GET_KEEPSETTINGS", "HDIO_GET_MULTCOUNT", "HDIO_GET_NOWERR",
               "HDIO_GET_UNMASKINTR", "HDIO_GET_WCACHE")
SET_NUMBERS = ("HDIO_SET_32BIT", "HDIO_SET_ACOUSTIC", "HDIO_SET_ADDRESS", "HDIO_SET_DMA",
               "HDIO_SET_KEEPSETTINGS", "HDIO_SET_MULTCOUNT", "HDIO_SET_NOWERR",
               "HDIO_SET_PIO_MODE", "HDIO_SET_UNMASKINTR", "HDIO_SET_WCACHE",
               "HDIO_UNREGISTER_HWIF")


class _Hdio(TableFamily):
    """The table, but the klong-sized commands only where the kernel long is 64-bit."""
    _ALWAYS = frozenset(("HDIO_GETGEO", "HDIO_DRIVE_CMD"))

    def enter(self, ctx, call, code, arg):
        if not _native_klong(call):
            nums = command_numbers(call.abi)
            if not any(nums.get(n) == code for n in self._ALWAYS):
                return None
        return TableFamily.enter(self, ctx, call, code, arg)


HDIO = _Hdio(
    (0x03,),
    inp=dict([(n, _udec_arg) for n in SET_NUMBERS]
             + [("HDIO_SET_NICE", lambda ctx, call, arg: _nice(ctx, call, arg)),
                ("HDIO_SET_BUSSTATE", lambda ctx, call, arg: printers.enum(
                    arg, ctx.enum_table(call.abi, BUSSTATES), ctx.style, "BUSSTATE_???")),
                ("HDIO_DRIVE_RESET", _three_hex), ("HDIO_SCAN_HWIF", _three_hex)]),
    out=dict([(n, _kulong_at(_udec)) for n in GET_NUMBERS]
             + [("HDIO_GET_NICE", _kulong_at(_nice)),
                ("HDIO_GET_BUSSTATE", _kulong_at(lambda ctx, call, v: printers.enum(
                    v, ctx.enum_table(call.abi, BUSSTATES), ctx.style, "BUSSTATE_???"))),
                ("HDIO_GETGEO", _geometry)]
             + [(n, _identity(size)) for n, size in IDENTITY_SIZE.items()]),
    both={"HDIO_DRIVE_CMD": (_drive_cmd_enter, _drive_cmd_exit)})
