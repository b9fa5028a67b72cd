"""What the kernel writes at exit into the variable-length btrfs results: the items of a tree
search, the inode paths and inodes of struct btrfs_data_container, the space infos. Without -v
strace shows `...` for them."""
import struct

from minitrace import printers
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import const, endian, failed, flag_text, read_struct
from minitrace.decode.generic import path_arg
from minitrace.decode.ioctl.btrfs import layouts as L
from minitrace.decode.ioctl.btrfs import tables as T


def _key_in(ctx, call, k):
    """A search key at entry; without -v the object ids of the whole range are left out."""
    parts = ["tree_id=" + T.objectid(ctx, call, k["tree_id"])]
    verbose = ctx.style.verbose
    if verbose or k["min_objectid"] != const(ctx, call, "BTRFS_FIRST_FREE_OBJECTID"):
        parts.append("min_objectid=" + T.objectid(ctx, call, k["min_objectid"]))
    if verbose or k["max_objectid"] != const(ctx, call, "BTRFS_LAST_FREE_OBJECTID"):
        parts.append("max_objectid=" + T.objectid(ctx, call, k["max_objectid"]))
    parts += ["min_offset=" + T.u64(ctx, k["min_offset"]),
              "max_offset=" + T.u64(ctx, k["max_offset"]),
              "min_transid=" + T.u64(ctx, k["min_transid"]),
              "max_transid=" + T.u64(ctx, k["max_transid"]),
              "min_type=" + T.key_type(ctx, call, k["min_type"]),
              "max_type=" + T.key_type(ctx, call, k["max_type"]),
              "nr_items=%d" % k["nr_items"]]
    return "{%s}" % ", ".join(parts)


def search_in(layout, key):
    """BTRFS_IOC_TREE_SEARCH (layout: the key alone, key None) and _V2 (the key, named `key`,
    and buf_size) at entry."""
    def at_entry(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        if key is None:
            return "{key=%s}" % _key_in(ctx, call, v), True
        return "{key=%s, buf_size=%d}" % (_key_in(ctx, call, T.members(v, key)),
                                          v["buf_size"]), True
    return at_entry


def _items(ctx, call, addr, size, count):
    """The search headers the kernel wrote in the `size`-byte buffer at addr: `...` past the
    buffer or past -s items, `... /* addr */` at an unreadable one."""
    if not ctx.style.verbose:
        return "..."
    st = L.SEARCH_HEADER.on(call.abi)
    items = []
    off = 0
    for i in range(count):
        at = (addr + off) & T.U64_MAX
        if at < addr or off + st.size > size or i > ctx.style.string_limit:
            items.append("...")
            break
        data = ctx.read(call, at, st.size)
        if data is None or len(data) < st.size:
            items.append("... /* %s */" % printers.ptr(at))
            break
        h = st.dict(data)
        items.append("{transid=%d, objectid=%s, offset=%d, type=%s, len=%d}" % (
            h["transid"], T.objectid(ctx, call, h["objectid"]), h["offset"],
            T.key_type(ctx, call, h["type"]), h["len"]))
        off += st.size + h["len"]
    return "buf=[%s]" % ", ".join(items)


def search_out(ctx, call, arg):
    if failed(call):
        return ""
    k = read_struct(ctx, call, arg, L.SEARCH_KEY.on(call.abi))
    if k is None:
        return " => " + printers.ptr(arg)
    buf_at, buf_size = L.SEARCH_ARGS.on(call.abi).fields["buf"]
    return " => {key={nr_items=%d}, %s}" % (
        k["nr_items"], _items(ctx, call, arg + buf_at, buf_size, k["nr_items"]))


def search_v2_out(ctx, call, arg):
    st = L.SEARCH_ARGS_V2.on(call.abi)
    if failed(call):
        # EOVERFLOW: the buffer was too small, buf_size says what would do
        if call.error != const(ctx, call, "EOVERFLOW"):
            return ""
        v = read_struct(ctx, call, arg, st)
        return " => " + (printers.ptr(arg) if v is None else "{buf_size=%d}" % v["buf_size"])
    v = read_struct(ctx, call, arg, st)
    if v is None:
        return " => " + printers.ptr(arg)
    nr_items = v["key.nr_items"]
    return " => {key={nr_items=%d}, buf_size=%d, %s}" % (
        nr_items, v["buf_size"], _items(ctx, call, arg + st.size, v["buf_size"], nr_items))


def _container(ctx, call, addr, elements):
    """A struct btrfs_data_container: its counts, then elements(values address, elem_cnt)."""
    st = L.DATA_CONTAINER.on(call.abi)
    v = read_struct(ctx, call, addr, st)
    if v is None:
        return printers.ptr(addr)
    head = "{bytes_left=%d, bytes_missing=%d, elem_cnt=%d, elem_missed=%d" % (
        v["bytes_left"], v["bytes_missing"], v["elem_cnt"], v["elem_missed"])
    if not ctx.style.verbose:
        return head + ", ...}"
    return "%s, val=%s}" % (head, elements(addr + st.size, v["elem_cnt"]))


def ino_paths(ctx, call, v, arg):
    """BTRFS_IOC_INO_PATHS at exit: each value is a path's offset from the values' start."""
    def paths(val_addr, count):
        return print_array(ctx, call, val_addr, count, 8, unpacker(call, "Q"),
                           lambda off: path_arg(ctx, call, (val_addr + off) & T.U64_MAX))
    return "{fspath=%s}" % _container(ctx, call, v["fspath"], paths)


def logical_ino(ctx, call, v, arg):
    """BTRFS_IOC_LOGICAL_INO at exit: (inum, offset, root) triples."""
    triple = struct.Struct(endian(call) + "3Q")

    def inodes(val_addr, count):
        return print_array(ctx, call, val_addr, count // 3, triple.size, triple.unpack,
                           lambda r: "{inum=%d, offset=%d, root=%d}" % r)
    return "{inodes=%s}" % _container(ctx, call, v["inodes"], inodes)


def space_info(ctx, call, v, arg):
    """BTRFS_IOC_SPACE_INFO at exit: with no slots asked for, only how many there are."""
    total = v["total_spaces"]
    if v["space_slots"] == 0 and total:
        return "{total_spaces=%d}" % total
    if not ctx.style.verbose:
        return "{total_spaces=%d, ...}" % total
    st = L.SPACE_INFO.on(call.abi)

    def info(s):
        return "{flags=%s, total_bytes=%d, used_bytes=%d}" % (
            flag_text(ctx, call, s["flags"], T.SPACE_INFO_FLAGS, "BTRFS_SPACE_INFO_???"),
            s["total_bytes"], s["used_bytes"])
    return "{total_spaces=%d, spaces=%s}" % (
        total, print_array(ctx, call, arg + L.SPACE_ARGS.on(call.abi).size, total, st.size,
                           st.dict, info))
