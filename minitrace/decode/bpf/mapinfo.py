"""struct bpf_map_info, the info BPF_OBJ_GET_INFO_BY_FD fills for a map, as strace 6.1's
print_bpf_map_info prints it with -v (at exit only: nothing of it is kept from the entry)."""
from minitrace.decode.bpf.attr import OBJ_NAME_LEN, U64
from minitrace.decode.bpf.map import MAP_FLAGS, MAP_TYPES
from minitrace.decode.file import makedev
from minitrace.decode.layout import Struct, named
from minitrace.decode.sockaddr.fields import ifindex

# linux/bpf.h (6.1): netns_dev and netns_ino are plain __u64 there, at offsets 8-aligned on
# every ABI; map_extra, after a pad, is not printed by strace 6.1 (its size, 88, ends it)
MAP_INFO = named("bpf_map_info", Struct("bpf_map_info", [
    ("type", "u32"), ("id", "u32"), ("key_size", "u32"), ("value_size", "u32"),
    ("max_entries", "u32"), ("map_flags", "u32"), ("name", ("u8", OBJ_NAME_LEN)),
    ("ifindex", "u32"), ("btf_vmlinux_value_type_id", "u32"), ("netns_dev", "u64@8"),
    ("netns_ino", "u64@8"), ("btf_id", "u32"), ("btf_key_type_id", "u32"),
    ("btf_value_type_id", "u32"), (None, "u32"), ("map_extra", U64)]))


def _head(i):
    return [i.xval("type", MAP_TYPES, "BPF_MAP_TYPE_???"), i.u("id"), i.u("key_size"),
            i.u("value_size"), i.u("max_entries"), i.flags("map_flags", MAP_FLAGS, "BPF_F_???")]


def _netns(i):
    # btf_vmlinux_value_type_id, crammed in later, is printed with ifindex's group
    return ["ifindex=" + ifindex(i.ctx, i["ifindex"]), i.u("btf_vmlinux_value_type_id"),
            "netns_dev=" + makedev(i["netns_dev"], i.ctx.style), i.u("netns_ino")]


def _btf(i):
    return [i.u("btf_id"), i.u("btf_key_type_id"), i.u("btf_value_type_id")]


# (the first field of each group: printed when info_len reaches it)
GROUPS = ((None, _head), ("name", lambda i: [i.cstring("name")]), ("ifindex", _netns),
          ("btf_id", _btf))


class MapInfo(object):
    layout = MAP_INFO
    size = None             # sizeof(struct bpf_map_info)

    def entry(self, i):
        """What the exit needs of the info at entry: nothing."""
        return None

    def text(self, i, before):
        return "{" + i.walk(GROUPS) + "}"
