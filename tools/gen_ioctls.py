#!/usr/bin/env python3
"""Generate syscalls/ioctls_<abi>.py (ioctl command number -> names) from Debian's kernel headers.

The commands are the macros of the uapi headers that expand to `_IO`/`_IOR`/`_IOW`/`_IOWR`/`_IOC`
(directly or through a header's own wrapper macro, e.g. `DM_IOCTL`), plus the plain-number
commands of the headers in PLAIN_HEADERS (terminal, FIO*, SIOC*, cdrom, kd, vt, hdio, loop...).
Each command's number is computed by the ABI's own compiler (`gcc -S` of a small C file per header
that initialises one variable per command; the values are read back from the assembly), so the
struct sizes and the _IOC direction bits (powerpc's differ) are that ABI's. Headers that do not
compile alone are skipped, and so are single commands the compiler rejects: `--reasons` lists them.
The commands strace 6.1 also names from OpenZFS's headers of user space (Debian's libzfslinux-dev)
are taken the same way from the parts of those headers they need (USERLAND).

Names sharing a number print as strace prints them: sorted by name (strcmp), `A or B`, leaving out
a name of which an earlier one of the same number is a prefix (strace's ioctlsort).

Reads the header folders of tools/gen_syscalls.py's `Headers`: the packages stored in tools/headers/
(tools/headerstore.py), offline. Every compiler invocation goes through `compile_c` and every plain
read of a header through `headerstore.open_input`, so that `tools/fetch_headers.py --store` records
what this generator reads.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_syscalls  # noqa: E402
import headerstore  # noqa: E402

# The compiler of each ABI, and its flags.
COMPILERS = {
    "x86_64": ["gcc", "-m64"],
    "i386": ["gcc", "-m32"],
    "x32": ["gcc", "-mx32"],
    "aarch64": ["aarch64-linux-gnu-gcc"],
    "arm": ["arm-linux-gnueabihf-gcc"],
    "riscv64": ["riscv64-linux-gnu-gcc"],
    "ppc64le": ["powerpc64le-linux-gnu-gcc"],
    "s390x": ["s390x-linux-gnu-gcc"],
}

# Headers whose commands are plain numbers (`#define TCGETS 0x5401`): header -> the command type
# (the number's second byte) a plain value must have to be taken as a command.
PLAIN_HEADERS = {
    "asm-generic/ioctls.h": 0x54,
    "asm-generic/sockios.h": 0x89,
    "linux/sockios.h": 0x89,
    "linux/cdrom.h": 0x53,
    "linux/fb.h": 0x46,
    "linux/hdreg.h": 0x03,
    "linux/kd.h": 0x4b,
    "linux/loop.h": 0x4c,
    "linux/vt.h": 0x56,
    "linux/wireless.h": 0x8b,
}

# Commands strace 6.1 knows from headers Debian's uapi packages do not ship (scsi/sg.h,
# scsi/scsi.h and scsi/scsi_ioctl.h are kernel-internal headers of include/scsi/ in linux 6.1;
# their numbers are plain and the same on every ABI). Values as linux 6.1 defines them.
EXTRA_PLAIN = {
    "scsi/scsi.h (linux 6.1 include/scsi/scsi.h)": {
        "SCSI_IOCTL_GET_IDLUN": 0x5382, "SCSI_IOCTL_PROBE_HOST": 0x5385,
        "SCSI_IOCTL_GET_BUS_NUMBER": 0x5386, "SCSI_IOCTL_GET_PCI": 0x5387,
    },
    "scsi/scsi_ioctl.h (linux 6.1 include/scsi/scsi_ioctl.h)": {
        "SCSI_IOCTL_DOORLOCK": 0x5380, "SCSI_IOCTL_DOORUNLOCK": 0x5381,
    },
    "scsi/sg.h (linux 6.1 include/scsi/sg.h)": {
        "SG_SET_TIMEOUT": 0x2201, "SG_GET_TIMEOUT": 0x2202, "SG_EMULATED_HOST": 0x2203,
        "SG_SET_TRANSFORM": 0x2204, "SG_GET_TRANSFORM": 0x2205,
        "SG_SET_RESERVED_SIZE": 0x2275, "SG_GET_RESERVED_SIZE": 0x2272,
        "SG_GET_SCSI_ID": 0x2276, "SG_SET_FORCE_LOW_DMA": 0x2279, "SG_GET_LOW_DMA": 0x227a,
        "SG_SET_FORCE_PACK_ID": 0x227b, "SG_GET_PACK_ID": 0x227c,
        "SG_GET_NUM_WAITING": 0x227d, "SG_GET_SG_TABLESIZE": 0x227f,
        "SG_GET_VERSION_NUM": 0x2282, "SG_SCSI_RESET": 0x2284, "SG_IO": 0x2285,
        "SG_GET_REQUEST_TABLE": 0x2286, "SG_SET_KEEP_ORPHAN": 0x2287,
        "SG_GET_KEEP_ORPHAN": 0x2288, "SG_GET_ACCESS_COUNT": 0x2289,
        "SG_SET_DEBUG": 0x227e, "SG_NEXT_CMD_LEN": 0x2283,
        "SG_GET_COMMAND_Q": 0x2270, "SG_SET_COMMAND_Q": 0x2271,
    },
}

# The few C library headers uapi headers include (`#ifndef __KERNEL__`), stood in for by
# these stubs (last on the include path) with the types the kernel headers use from them:
# the kernel's own types, so each ABI's sizes are the kernel's.
_TIME = ("#include <linux/time.h>\n"
         "typedef __kernel_old_time_t time_t;\ntypedef __kernel_suseconds_t suseconds_t;\n")
STUBS = {
    "stddef.h": "typedef __SIZE_TYPE__ size_t;\n#define NULL ((void *)0)\n"
                "#define offsetof(t, m) __builtin_offsetof(t, m)\n",
    "stdint.h": "".join("typedef __%s_TYPE__ %s_t;\n" % (t.upper(), t) for t in (
        "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "intptr",
        "uintptr")),
    "stdbool.h": "#define bool _Bool\n#define true 1\n#define false 0\n",
    "sys/types.h": "#include <stddef.h>\n#include <stdint.h>\ntypedef unsigned char u_char;\n"
                   "typedef unsigned short u_short;\ntypedef unsigned int u_int;\n"
                   "typedef unsigned long u_long;\ntypedef __kernel_ino_t ino_t;\n"
                   "typedef __kernel_pid_t pid_t;\ntypedef __kernel_off_t off_t;\n",
    "endian.h": "#define __LITTLE_ENDIAN 1234\n#define __BIG_ENDIAN 4321\n"
                "#define __BYTE_ORDER (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 4321 : 1234)\n"
                "#define LITTLE_ENDIAN __LITTLE_ENDIAN\n#define BIG_ENDIAN __BIG_ENDIAN\n"
                "#define BYTE_ORDER __BYTE_ORDER\n",
    "drm/drm.h": "#include <linux/types.h>\n",
    "compat-types.h": "typedef __u32 compat_ulong_t;\n",
    "xen-types.h": "typedef __u16 domid_t;\ntypedef __u32 grant_ref_t;\n",
    "time.h": _TIME,
    "sys/time.h": _TIME,
    "sys/socket.h": "#include <linux/socket.h>\ntypedef __kernel_sa_family_t sa_family_t;\n"
                    "typedef unsigned int socklen_t;\n"
                    "struct sockaddr { sa_family_t sa_family; char sa_data[14]; };\n",
    "stdlib.h": "#include <stddef.h>\n",
    "string.h": "#include <stddef.h>\n",
    "unistd.h": "",
    "limits.h": "",
    "sys/ioctl.h": "#include <linux/ioctl.h>\n",
}

# Commands left out although the headers define them, because strace 6.1 prints them otherwise
# (its list, fixed at 6.1, lacks them): name -> reason, or name prefix (ending in `_`) -> reason.
EXCLUDED = {
    "SOUND_MIXER_READ_": "strace prints MIXER_READ(n) for soundcard.h's mixer reads",
    "SOUND_MIXER_WRITE_": "strace prints MIXER_WRITE(n) for soundcard.h's mixer writes",
    "VIDIOC_SUBDEV_": "the v4l2-subdev.h aliases of VIDIOC_* are not in strace 6.1's list",
    "IOCTL_GNTALLOC_": "xen/gntalloc.h is not in strace 6.1's list",
    "DMA_BUF_SET_NAME": "strace 6.1 knows DMA_BUF_SET_NAME_A/_B only",
    "PPPIOCGIDLE": "strace 6.1 knows PPPIOCGIDLE32/64 only",
    "SNDRV_SEQ_IOCTL_USER_PVERSION": "newer than strace 6.1's list",
    # OpenZFS (USERLAND): the bounds of enum zfs_ioc's ranges are no commands, and the commands
    # OpenZFS added after the snapshot strace 6.1's list was made from (2.1.99) are not in it
    "ZFS_IOC_FIRST": "the first number of enum zfs_ioc, not a command",
    "ZFS_IOC": "another name of ZFS_IOC_FIRST, not a command",
    "ZFS_IOC_PLATFORM": "the first number of enum zfs_ioc's per-platform range, not a command",
    "ZFS_IOC_LAST": "the end of enum zfs_ioc, not a command",
    "KSTAT_IOC_BASE": "the first number of the kstat commands, not a command",
    "ZFS_IOC_POOL_SCRUB": "newer than strace 6.1's list (OpenZFS 2.2)",
    "ZFS_IOC_POOL_PREFETCH": "newer than strace 6.1's list (OpenZFS 2.3)",
    "ZFS_IOC_DDT_PRUNE": "newer than strace 6.1's list (OpenZFS 2.3)",
    "ZFS_IOC_USERNS_ATTACH": "newer than strace 6.1's list (OpenZFS 2.2's Linux name of "
                             "ZFS_IOC_JAIL's number)",
    "ZFS_IOC_USERNS_DETACH": "newer than strace 6.1's list (OpenZFS 2.2's Linux name of "
                             "ZFS_IOC_UNJAIL's number)",
    "ZFS_IOC_GETDOSFLAGS": "newer than strace 6.1's list (OpenZFS 2.2)",
    "ZFS_IOC_SETDOSFLAGS": "newer than strace 6.1's list (OpenZFS 2.2)",
}


def excluded(name):
    """Whether EXCLUDED leaves `name` out (an entry ending in `_` is a prefix)."""
    return name in EXCLUDED or any(p.endswith("_") and name.startswith(p) for p in EXCLUDED)


# Commands strace 6.1 names from headers of user space besides the kernel's: OpenZFS's (its
# /dev/zfs commands, the zvol's BLKZNAME and libspl's kstat commands), from Debian's
# libzfslinux-dev (contrib; tools/fetch_headers.py PRIVATE_SOURCES). These headers need libzfs's
# and the C library's headers to compile, so only what the commands need is taken from them (the
# named enum, the macros they use) and compiled after the kernel's linux/ioctl.h by each ABI's
# compiler: package -> [(header, type byte of its plain-number commands, where they are:
# `enum TAG` or a macro name prefix)]. Macros made with an _IO* maker are taken from each too.
USERLAND = {
    "libzfslinux-dev": [
        ("usr/include/libzfs/sys/fs/zfs.h", 0x5a, "enum zfs_ioc"),
        ("usr/include/libspl/sys/kstat.h", 0x4b, "KSTAT_IOC_"),
    ],
}

# strace 6.1 on x86_64 names these numbers of its 32-bit personalities (i386, x32) by the kernel's
# compat twin (`FS_IOC32_GETFLAGS`, `VIDIOC_QBUF_TIME32`: kernel-internal names, same number):
# name -> (twin, ABIs).
_BOTH32 = ("i386", "x32")
COMPAT_TWINS = dict([(n, (n + "32", _BOTH32)) for n in (
    "USBDEVFS_REAPURB", "USBDEVFS_REAPURBNDELAY", "USBDEVFS_DISCSIGNAL", "USBDEVFS_IOCTL",
    "USBDEVFS_CONTROL", "USBDEVFS_BULK", "I2OPASSTHRU", "AUTOFS_IOC_SETTIMEOUT")]
    + [("FS_IOC_" + n, ("FS_IOC32_" + n, _BOTH32)) for n in (
        "GETFLAGS", "SETFLAGS", "GETVERSION", "SETVERSION")]
    + [(n, (n + "_TIME32", ("i386",))) for n in (
        "VIDIOC_QUERYBUF", "VIDIOC_QBUF", "VIDIOC_DQBUF", "VIDIOC_PREPARE_BUF", "VIDIOC_DQEVENT",
        "VIDIOC_OMAP3ISP_STAT_REQ")])

# The macros that make an ioctl number (asm-generic/ioctl.h); a header's function-like macro
# that uses one of them becomes one too.
IOC_MACROS = frozenset(["_IO", "_IOR", "_IOW", "_IOWR", "_IOC", "_IOR_BAD", "_IOW_BAD",
                        "_IOWR_BAD"])
# Headers that are not included on their own: the ioctl machinery itself.
NOT_INCLUDED = frozenset(["asm-generic/ioctl.h", "asm/ioctl.h", "linux/ioctl.h"])

DEFINE_RE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)]*\))?[ \t]*(.*)$")
IDENT_RE = re.compile(r"[A-Za-z_]\w*")
NUMBER_RE = re.compile(r"^\(?\s*(0[xX][0-9a-fA-F]+|[1-9]\d*)[uUlL]*\s*\)?$")
VALUE_RE = re.compile(r"^v_(\w+):\s*\n\s*\.(?:long|word|4byte|int)\s+(-?\w+)", re.M)


class GenError(Exception):
    pass


def compile_c(abi, source, incdirs, stubs):
    """Compile C `source` for `abi` to assembly with only `incdirs` and the stand-in folder
    `stubs` as include path. Returns (assembly text or None, compiler messages).
    The one place a compiler runs; the stand-ins are not recorded as headers read."""
    cmd = COMPILERS[abi] + ["-S", "-O0", "-nostdinc", "-w", "-fno-common"]
    for d in incdirs + [stubs]:
        cmd += ["-I", d]
    cmd += ["-x", "c", "-", "-o", "-"]
    rc, out, err = headerstore.run(cmd, source, exclude=[stubs])
    return (out if rc == 0 else None), err


def read_defines(path):
    """[(name, params or None, body)] of a header file, continuation lines joined."""
    with headerstore.open_input(path) as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S).replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        m = DEFINE_RE.match(line)
        if m:
            out.append((m.group(1), m.group(2), m.group(3).split("//")[0].strip()))
    return out


def header_files(incdirs):
    """{relative path: absolute path} of every header under incdirs (first folder wins)."""
    found = {}
    for top in incdirs:
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for fn in sorted(filenames):
                if fn.endswith(".h"):
                    full = os.path.join(dirpath, fn)
                    found.setdefault(os.path.relpath(full, top), full)
    return found


def ioc_makers(define_lists):
    """The macros that make an ioctl number: IOC_MACROS and those of the [(name, params, body)]
    lists built on them (a function-like macro using one, or an object-like alias of one such as
    soundcard.h's `_SIO`)."""
    makers = set(IOC_MACROS)
    changed = True
    while changed:
        changed = False
        for defs in define_lists:
            for name, params, body in defs:
                if name in makers:
                    continue
                idents = IDENT_RE.findall(body)
                if (params is not None and makers.intersection(idents)) or \
                        (params is None and len(idents) == 1 and body == idents[0]
                         and idents[0] in makers):
                    makers.add(name)
                    changed = True
    return makers


ENUM_COMMAND_RE = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s*=\s*(_IO[RW]*)\s*\(", re.M)

# Commands kept to the ABIs whose kernel has them (linux/kvm.h defines every architecture's).
ARCH_ONLY = (("KVM_S390_", ("s390x",)), ("KVM_PPC_", ("ppc64le",)),
             ("KVM_ARM_", ("aarch64", "arm")))


def candidates(files):
    """({header: [command names]}, set of names that are enum constants) found in the files.

    A command is an object-like macro whose body uses an ioctl maker (a function-like macro
    built on _IOC, or an object-like alias of one such as soundcard.h's `_SIO`), or an enum
    constant initialised with _IO*; a macro that only renames another command (`#define A B`)
    is left out, as strace leaves it out."""
    defs = dict((rel, read_defines(path)) for rel, path in sorted(files.items()))
    makers = ioc_makers(defs.values())
    commands = set()
    enums = set()
    out = {}
    for rel in defs:
        for name, params, body in defs[rel]:
            if params is None and not name.startswith("_") and name not in makers and \
                    name not in commands and makers.intersection(IDENT_RE.findall(body)):
                commands.add(name)
                out.setdefault(rel, []).append(name)
        with headerstore.open_input(files[rel]) as f:
            for m in ENUM_COMMAND_RE.finditer(f.read()):
                if m.group(1) not in commands:
                    commands.add(m.group(1))
                    enums.add(m.group(1))
                    out.setdefault(rel, []).append(m.group(1))
    for rel, typ in sorted(PLAIN_HEADERS.items()):
        for name, params, body in defs.get(rel, ()):
            m = NUMBER_RE.match(body)
            if params is None and m and name not in commands:
                value = int(m.group(1), 0)
                if value >> 8 == typ and value < 0x10000:
                    commands.add(name)
                    out.setdefault(rel, []).append(name)
    return out, enums


def include_name(rel, files):
    """The header to include for `rel`: asm-generic/X.h through the ABI's asm/X.h if it has one."""
    if rel.startswith("asm-generic/"):
        asm = "asm/" + rel[len("asm-generic/"):]
        if asm in files:
            return asm
    return rel


# Headers that use another's definitions without including it: included first.
PREREQUISITES = {
    "asm/ioctls.h": ["asm/termbits.h", "linux/serial.h"],
    "linux/ivtvfb.h": ["linux/videodev2.h"],
    "linux/meye.h": ["linux/videodev2.h"],
    "linux/raid/md_u.h": ["linux/major.h"],
    "linux/reiserfs_fs.h": ["linux/fs.h"],
    "linux/sonet.h": ["linux/atmioc.h"],
    "linux/atm_eni.h": ["linux/atmdev.h"],
    "linux/atm_he.h": ["linux/atmdev.h"],
    "linux/atm_nicstar.h": ["linux/atmdev.h"],
    "linux/atm_zatm.h": ["linux/atmdev.h"],
    "linux/fs.h": ["linux/fiemap.h", "linux/blktrace_api.h"],
    "linux/btrfs.h": ["linux/fs.h"],
    "linux/ppdev.h": ["linux/time.h"],
    "linux/ppp-ioctl.h": ["linux/filter.h"],
    "linux/coda.h": ["sys/types.h"],
    "linux/auto_fs.h": ["compat-types.h"],
    "xen/gntdev.h": ["xen-types.h"],
    "xen/evtchn.h": ["xen-types.h"],
}
PRELUDE = ["stddef.h", "stdint.h", "stdbool.h", "linux/types.h", "linux/ioctl.h"]


def unit_head(include):
    """The C text before the commands' variables: the prelude, the header and what it needs."""
    return "".join("#include <%s>\n" % h
                   for h in PRELUDE + PREREQUISITES.get(include, []) + [include])


def unit_source(head, names, enums=frozenset()):
    lines = head.splitlines()
    first = len(lines) + 1
    for name in names:
        guard = "#ifdef %s" % name if name not in enums else "#if 1"
        lines.append("%s\nunsigned int v_%s = (unsigned int)(%s);\n#endif" % (guard, name, name))
    return "\n".join(lines) + "\n", first


ERROR_LINE_RE = re.compile(r"<stdin>:(\d+):\d+: (?:error|note):", re.M)


def evaluate(abi, include, names, incdirs, stubs, enums, head=None):
    """{name: value} of the names for abi, and [(name or header, reason)] of those skipped.
    The names are defined by the header `include`, or by the C text `head` when given."""
    skipped = []
    names = list(names)
    while names:
        source, first = unit_source(head if head is not None else unit_head(include), names,
                                    enums)
        asm, err = compile_c(abi, source, incdirs, stubs)
        if asm is not None:
            values = dict((m.group(1), int(m.group(2), 0) & 0xffffffff)
                          for m in VALUE_RE.finditer(asm))
            return values, skipped
        bad = set()
        for m in ERROR_LINE_RE.finditer(err):
            idx = (int(m.group(1)) - first) // 3
            if 0 <= idx < len(names):
                bad.add(names[idx])
        if not bad:                      # the header itself does not compile alone
            msg = [l for l in err.splitlines() if "error" in l][:1]
            skipped.append((include, (msg or ["does not compile"])[0].strip()))
            return {}, skipped
        for name in sorted(bad):
            skipped.append((name, "rejected by the compiler"))
        names = [n for n in names if n not in bad]
    return {}, skipped


def strip_comments(text):
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", " ", text, flags=re.S))


def userland_unit(path, where):
    """What one header of USERLAND holds: (C text defining its commands after the prelude,
    the macros made with an _IO* maker, the plain-number candidates, the enum constants among
    them). The candidates are the members of the enum `where` names (`enum TAG`) or the macros
    whose name starts with `where`; the C text is the prelude, the macros these use (transitively,
    in the header's order) and the enum."""
    defs = read_defines(path)
    with headerstore.open_input(path) as f:
        text = strip_comments(f.read())
    makers = ioc_makers([defs])
    bodies = {}
    for name, params, body in defs:
        bodies.setdefault(name, set()).add((params, body))
    made = [name for name, params, body in defs
            if params is None and not name.startswith("_") and name not in makers
            and makers.intersection(IDENT_RE.findall(body))]
    enum_text, enums = "", set()
    if where.startswith("enum "):
        tag = where[len("enum "):]
        m = re.search(r"\benum\s+%s\s*\{(.*?)\}" % re.escape(tag), text, re.S)
        if not m:
            raise GenError("%s: no %s" % (path, where))
        enum_text = "enum %s {%s};\n" % (tag, m.group(1))
        items = "\n".join(l for l in m.group(1).splitlines() if not l.strip().startswith("#"))
        plain = []
        for item in items.split(","):   # a member of both branches of an #ifdef counts once
            name = IDENT_RE.match(item.strip()).group(0) if item.strip() else None
            if name and name not in plain:
                plain.append(name)
        enums = set(plain)
    else:
        plain = [name for name, params, body in defs if params is None and name.startswith(where)]
    need, todo = set(), IDENT_RE.findall(enum_text) + made + plain
    while todo:                         # the header's macros the commands use
        ident = todo.pop()
        if ident in need or ident not in bodies:
            continue
        if len(bodies[ident]) > 1:
            raise GenError("%s defines %s more than once: cannot tell which one counts"
                           % (path, ident))
        need.add(ident)
        todo += IDENT_RE.findall(list(bodies[ident])[0][1])
    head, seen = ["#include <%s>\n" % h for h in PRELUDE], set()
    for name, params, body in defs:
        if name in need and name not in seen:
            seen.add(name)
            head.append("#define %s%s %s\n" % (name, params or "", body))
    return "".join(head) + enum_text, made, plain, enums


def userland_commands(hdr, abi, incdirs, stubs):
    """({name: value}, [(header, what, reason)]) of the USERLAND headers' commands for abi."""
    values, skipped = {}, []
    for pkg in sorted(USERLAND):
        if pkg not in hdr.pkgs:
            raise GenError("the header store holds no %s: run tools/fetch_headers.py --store"
                           % pkg)
        folder = hdr.pkgs[pkg][1]
        for rel, typ, where in USERLAND[pkg]:
            head, made, plain, enums = userland_unit(os.path.join(folder, rel), where)
            vals, skip = evaluate(abi, rel, made + plain, incdirs, stubs, enums, head)
            skipped += [(rel, what, why) for what, why in skip]
            for name in sorted(vals):
                if excluded(name):
                    continue
                if name not in made and vals[name] >> 8 != typ:
                    skipped.append((rel, name, "0x%x is no plain command of type 0x%02x"
                                    % (vals[name], typ)))
                    continue
                values[name] = vals[name]
    return values, skipped


def write_stubs(folder):
    for rel, text in sorted(STUBS.items()):
        path = os.path.join(folder, rel)
        if not os.path.isdir(os.path.dirname(path)):
            os.makedirs(os.path.dirname(path))
        with open(path, "w") as f:
            f.write("/* stand-in written by tools/gen_ioctls.py */\n" + text)


def abi_commands(hdr, abi, jobs, stubs):
    """({name: value}, [(header, what, reason)], provenance packages) for one ABI."""
    pkg, incdirs = hdr.abi(abi)[:2]
    files = header_files(incdirs)
    cands, enums = candidates(files)
    units = {}
    for rel in sorted(cands):
        if rel in NOT_INCLUDED:
            continue
        units.setdefault(include_name(rel, files), []).extend(cands[rel])
    work = sorted(units.items())
    results = {}
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not work:
                    return
                include, names = work.pop()
            res = evaluate(abi, include, names, incdirs, stubs, enums)
            with lock:
                results[include] = res

    threads = [threading.Thread(target=worker) for _ in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    values, skipped = {}, []
    for include in sorted(results):          # the first header (by path) defining a name wins
        vals, skip = results[include]
        for name in sorted(vals):
            if any(name.startswith(p) and abi not in abis for p, abis in ARCH_ONLY) or \
                    excluded(name):
                continue
            twin, abis = COMPAT_TWINS.get(name, (name, ()))
            values.setdefault(twin if abi in abis else name, vals[name])
        skipped += [(include, what, why) for what, why in skip]
    for source in sorted(EXTRA_PLAIN):
        for name, value in sorted(EXTRA_PLAIN[source].items()):
            values.setdefault(name, value)
    user, skip = userland_commands(hdr, abi, incdirs, stubs)
    for name in sorted(user):
        values.setdefault(name, user[name])
    return values, skipped + skip, [pkg] + sorted(USERLAND)


def by_number(values):
    """{number: 'A or B'} as strace's ioctlsort orders and thins names sharing a number."""
    groups = {}
    for name in values:
        groups.setdefault(values[name], []).append(name)
    out = {}
    for number, names in groups.items():
        keep = []
        for name in sorted(names):
            if keep and name.startswith(keep[-1]):
                continue
            keep.append(name)
        out[number] = " or ".join(keep)
    return out


def render(abi, table, provenance):
    lines = ["# generated by tools/gen_ioctls.py from %s; do not edit" % provenance,
             '"""%s ioctl commands: number -> name(s) as strace prints them (`A or B`), from the'
             % abi,
             "_IO*/_IOC macros and plain-number commands of the uapi headers and OpenZFS's,",
             'evaluated by the %s compiler."""' % abi,
             "ABI = %r" % abi,
             "IOCTLS = {"]
    for number in sorted(table):
        lines.append("    0x%08x: %r," % (number, table[number]))
    lines.append("}")
    return "\n".join(lines) + "\n"


def abi_file(hdr, abi, jobs, stubs, reasons):
    values, skipped, pkgs = abi_commands(hdr, abi, jobs, stubs)
    if reasons is not None:
        reasons += [(abi,) + s for s in skipped]
    return render(abi, by_number(values), hdr.provenance(pkgs))


def generate(out, pkgs, jobs=None, reasons=None):
    """Write syscalls/ioctls_<abi>.py for every ABI into `out` from the header packages `pkgs`
    ({package: (version, folder)}); return their names."""
    hdr = gen_syscalls.Headers(pkgs)
    jobs = jobs or max(2, os.cpu_count() or 2)
    files = {}
    stubs = tempfile.mkdtemp(prefix="gen_ioctls-stubs.")
    try:
        write_stubs(stubs)
        for abi in gen_syscalls.ABI_NAMES:
            files["ioctls_%s.py" % abi] = abi_file(hdr, abi, jobs, stubs, reasons)
    finally:
        shutil.rmtree(stubs)
    if not os.path.isdir(out):
        os.makedirs(out)
    for name in sorted(files):
        with open(os.path.join(out, name), "w") as f:
            f.write(files[name])
    return sorted(files)


def generate_stored(out, jobs=None, reasons=None):
    """generate() from the headers stored in tools/headers/."""
    with headerstore.Stored() as pkgs:
        return generate(out, pkgs, jobs, reasons)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "syscalls"), help="output folder")
    ap.add_argument("--jobs", type=int, help="compilers run at once (default: CPU count)")
    ap.add_argument("--check", action="store_true",
                    help="run every generator of the store into a temporary folder and diff "
                         "against syscalls/ (tools/gen_all.py --check)")
    ap.add_argument("--reasons", action="store_true",
                    help="list the headers and commands skipped, with the reason")
    args = ap.parse_args(argv)
    start = time.time()
    if args.check:
        import gen_all
        return gen_all.main(["--check"])
    try:
        reasons = []
        for name in generate_stored(args.out, args.jobs, reasons):
            sys.stderr.write("wrote %s\n" % os.path.join(args.out, name))
        if args.reasons:
            for abi, include, what, why in reasons:
                sys.stdout.write("%s %s: %s: %s\n" % (abi, include, what, why))
        sys.stderr.write("gen_ioctls: %.1f s\n" % (time.time() - start))
    except (gen_syscalls.GenError, GenError, headerstore.StoreError) as e:
        sys.stderr.write("gen_ioctls: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
