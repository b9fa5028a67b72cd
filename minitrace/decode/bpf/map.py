"""Map commands of bpf(2): MAP_CREATE, MAP_LOOKUP_ELEM (and LOOKUP_AND_DELETE_ELEM),
MAP_UPDATE_ELEM, MAP_DELETE_ELEM, MAP_GET_NEXT_KEY, MAP_FREEZE, and the batch operations
(MAP_LOOKUP_BATCH, MAP_LOOKUP_AND_DELETE_BATCH, MAP_UPDATE_BATCH, MAP_DELETE_BATCH), as
strace 6.1's bpf.c prints them."""
from minitrace.decode.bpf.attr import OBJ_NAME_LEN, U64, Command
from minitrace.decode.layout import Struct
from minitrace.decode.sockaddr.fields import ifindex

# enum bpf_map_type, map flags, lookup/update flags (linux/bpf.h; xlat/bpf_map_types.in,
# bpf_map_flags.in, bpf_map_lookup_elem_flags.in, bpf_map_update_elem_flags.in)
MAP_TYPES = (
    "BPF_MAP_TYPE_UNSPEC", "BPF_MAP_TYPE_HASH", "BPF_MAP_TYPE_ARRAY", "BPF_MAP_TYPE_PROG_ARRAY",
    "BPF_MAP_TYPE_PERF_EVENT_ARRAY", "BPF_MAP_TYPE_PERCPU_HASH", "BPF_MAP_TYPE_PERCPU_ARRAY",
    "BPF_MAP_TYPE_STACK_TRACE", "BPF_MAP_TYPE_CGROUP_ARRAY", "BPF_MAP_TYPE_LRU_HASH",
    "BPF_MAP_TYPE_LRU_PERCPU_HASH", "BPF_MAP_TYPE_LPM_TRIE", "BPF_MAP_TYPE_ARRAY_OF_MAPS",
    "BPF_MAP_TYPE_HASH_OF_MAPS", "BPF_MAP_TYPE_DEVMAP", "BPF_MAP_TYPE_SOCKMAP",
    "BPF_MAP_TYPE_CPUMAP", "BPF_MAP_TYPE_XSKMAP", "BPF_MAP_TYPE_SOCKHASH",
    "BPF_MAP_TYPE_CGROUP_STORAGE", "BPF_MAP_TYPE_REUSEPORT_SOCKARRAY",
    "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE", "BPF_MAP_TYPE_QUEUE", "BPF_MAP_TYPE_STACK",
    "BPF_MAP_TYPE_SK_STORAGE", "BPF_MAP_TYPE_DEVMAP_HASH", "BPF_MAP_TYPE_STRUCT_OPS",
    "BPF_MAP_TYPE_RINGBUF", "BPF_MAP_TYPE_INODE_STORAGE", "BPF_MAP_TYPE_TASK_STORAGE",
    "BPF_MAP_TYPE_BLOOM_FILTER", "BPF_MAP_TYPE_USER_RINGBUF")
MAP_FLAGS = (
    "BPF_F_NO_PREALLOC", "BPF_F_NO_COMMON_LRU", "BPF_F_NUMA_NODE", "BPF_F_RDONLY",
    "BPF_F_WRONLY", "BPF_F_STACK_BUILD_ID", "BPF_F_ZERO_SEED", "BPF_F_RDONLY_PROG",
    "BPF_F_WRONLY_PROG", "BPF_F_CLONE", "BPF_F_MMAPABLE", "BPF_F_PRESERVE_ELEMS",
    "BPF_F_INNER_MAP")
LOOKUP_FLAGS = ("BPF_ANY", "BPF_F_LOCK")
UPDATE_FLAGS = ("BPF_ANY", "BPF_NOEXIST", "BPF_EXIST", "BPF_F_LOCK")
# NUMA_NO_NODE of the kernel's include/linux/numa.h (not uapi), linux 6.1: (-1) as a u32
NUMA_NO_NODE = 0xffffffff

MAP_CREATE = Struct("bpf_attr_map_create", [
    ("map_type", "u32"), ("key_size", "u32"), ("value_size", "u32"), ("max_entries", "u32"),
    ("map_flags", "u32"), ("inner_map_fd", "s32"), ("numa_node", "u32"),
    ("map_name", ("u8", OBJ_NAME_LEN)), ("map_ifindex", "u32"), ("btf_fd", "s32"),
    ("btf_key_type_id", "u32"), ("btf_value_type_id", "u32"),
    ("btf_vmlinux_value_type_id", "u32"), ("map_extra", U64)])
MAP_ELEM = Struct("bpf_attr_map_elem", [("map_fd", "s32"), ("key", U64), ("value", U64),
                                        ("flags", U64)])
MAP_DELETE = Struct("bpf_attr_map_delete", [("map_fd", "s32"), ("key", U64)])
MAP_NEXT_KEY = Struct("bpf_attr_map_next_key", [("map_fd", "s32"), ("key", U64),
                                                ("next_key", U64)])
MAP_FREEZE = Struct("bpf_attr_map_freeze", [("map_fd", "s32")])
BATCH = Struct("bpf_attr_batch", [
    ("in_batch", U64), ("out_batch", U64), ("keys", U64), ("values", U64), ("count", "u32"),
    ("map_fd", "s32"), ("elem_flags", U64), ("flags", U64)])


def numa_node(a):
    """PRINT_FIELD_XVAL_U_VERBOSE: NUMA_NO_NODE named in a comment unless -X raw."""
    value = a["numa_node"]
    if value == NUMA_NO_NODE and a.ctx.style.const_style != "raw":
        return "numa_node=%d /* NUMA_NO_NODE */" % value
    return "numa_node=%d" % value


class MapCreate(Command):
    layout = MAP_CREATE
    returns_fd = True

    def fields(self, a):
        p = [a.xval("map_type", MAP_TYPES, "BPF_MAP_TYPE_???"), a.u("key_size"),
             a.u("value_size"), a.u("max_entries")]
        if not a.has("map_flags"):
            return p
        p.append(a.flags("map_flags", MAP_FLAGS, "BPF_F_???"))
        if not a.has("inner_map_fd"):
            return p
        p.append(a.fd("inner_map_fd"))
        if not a.has("numa_node"):
            return p
        if a["map_flags"] & a.ctx.constants(a.call.abi).get("BPF_F_NUMA_NODE", 0):
            p.append(numa_node(a))
        if not a.has("map_name"):
            return p
        p.append(a.cstring_sz("map_name"))
        if not a.has("map_ifindex"):
            return p
        p.append("map_ifindex=" + ifindex(a.ctx, a["map_ifindex"]))
        if not a.has("btf_fd"):
            return p
        p += [a.fd("btf_fd"), a.u("btf_key_type_id"), a.u("btf_value_type_id")]
        if not a.has("btf_vmlinux_value_type_id"):
            return p
        p.append(a.u("btf_vmlinux_value_type_id"))
        if not a.has("map_extra"):
            return p
        return p + [a.u("map_extra")]


class MapLookupElem(Command):
    layout = MAP_ELEM

    def fields(self, a):
        p = [a.fd("map_fd"), a.addr("key"), a.addr("value")]
        if a.has("flags"):
            p.append(a.flags("flags", LOOKUP_FLAGS, "BPF_???"))
        return p


class MapUpdateElem(Command):
    layout = MAP_ELEM

    def fields(self, a):
        return [a.fd("map_fd"), a.addr("key"), a.addr("value"),
                a.xval("flags", UPDATE_FLAGS, "BPF_???")]


class MapDeleteElem(Command):
    layout = MAP_DELETE

    def fields(self, a):
        return [a.fd("map_fd"), a.addr("key")]


class MapGetNextKey(Command):
    layout = MAP_NEXT_KEY

    def fields(self, a):
        return [a.fd("map_fd"), a.addr("key"), a.addr("next_key")]


class MapFreeze(Command):
    layout = MAP_FREEZE

    def fields(self, a):
        return [a.fd("map_fd")]


class _Batch(Command):
    """The batch fields at entry; at exit ` => {batch={count=N}}` when the kernel changed
    count."""
    layout = BATCH
    names = ()

    def enter(self, a):
        p = [a.addr(n) if n != "count" else a.u(n) for n in self.names]
        p += [a.fd("map_fd"), a.flags("elem_flags", LOOKUP_FLAGS, "BPF_???"), a.x("flags")]
        return "{batch={" + ", ".join(p) + "}" + a.extra() + "}", a["count"]

    def exit(self, a, count):
        if a["count"] != count:
            return " => {batch={count=%d}}" % a["count"]
        return ""


class MapLookupBatch(_Batch):
    names = ("in_batch", "out_batch", "keys", "values", "count")


class MapUpdateBatch(_Batch):
    names = ("keys", "values", "count")


class MapDeleteBatch(_Batch):
    names = ("keys", "count")


COMMANDS = {
    "BPF_MAP_CREATE": MapCreate(),
    "BPF_MAP_LOOKUP_ELEM": MapLookupElem(),
    "BPF_MAP_LOOKUP_AND_DELETE_ELEM": MapLookupElem(),
    "BPF_MAP_UPDATE_ELEM": MapUpdateElem(),
    "BPF_MAP_DELETE_ELEM": MapDeleteElem(),
    "BPF_MAP_GET_NEXT_KEY": MapGetNextKey(),
    "BPF_MAP_FREEZE": MapFreeze(),
    "BPF_MAP_LOOKUP_BATCH": MapLookupBatch(),
    "BPF_MAP_LOOKUP_AND_DELETE_BATCH": MapLookupBatch(),
    "BPF_MAP_UPDATE_BATCH": MapUpdateBatch(),
    "BPF_MAP_DELETE_BATCH": MapDeleteBatch(),
}
