#!/usr/bin/env python3
"""Proof on real foreign kernels: boot Debian's kernel of each architecture under qemu-system
(software emulation), with an initramfs holding Debian's python3, strace and busybox of that
architecture plus this tree's minitrace; run the same programs under strace and under minitrace
inside (tools/qemu_guest.py), print the traces on the serial console, compare them here.

Usage: python3 tools/qemu_proof.py [--arch aarch64,riscv64,...] [--cache DIR] [--mirror URI]
       [--refresh] [--k-oracle TREE]

Packages come from Debian's archive through a private apt configuration (its own state, cache and
source list under the cache folder; the host's apt state is not touched): `apt-get download` and
`dpkg -x`, no disk image, no network in the guest. The base initramfs of each architecture is
built once and kept in the cache (default ~/.cache/minitrace-qemu, or $MINITRACE_QEMU_CACHE); each
run appends a small archive with /init and the current minitrace. Exit status 0 only when every
trace of every architecture matches strace's after normalisation (tests/tracecmp.py).
--k-oracle TREE adds TREE (a root: usr/bin/strace-k, a strace built with libunwind for the guest's
architecture, and the libraries it needs) to the initramfs; the guest then also runs its -k cases
(Debian's arm64 strace has no -k: see HACKING.md, "Stack traces").
Needs (Debian): qemu-system-arm, qemu-system-misc, qemu-system-ppc, qemu-system-data.
"""
import argparse
import difflib
import glob
import gzip
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tracecmp  # noqa: E402  (the normalisation the live comparison tests use)

KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
# every architecture gets these (plus its kernel and python3.X, found through the meta packages)
COMMON_PACKAGES = ("libc6", "libgcc-s1", "busybox-static", "libffi8", "zlib1g", "libexpat1",
                   "strace")


class Arch(object):
    """NAME (ours), DEB (Debian's architecture), SUITE, the kernel's meta package and the image
    inside it, the qemu command line, the serial console, the seconds a boot may take."""

    def __init__(self, name, deb, suite, kernel_meta, kernel_glob, qemu, console, boot_seconds):
        self.name, self.deb, self.suite = name, deb, suite
        self.kernel_meta, self.kernel_glob = kernel_meta, kernel_glob
        self.qemu, self.console, self.boot_seconds = qemu, console, boot_seconds


ARCHS = {
    "aarch64": Arch("aarch64", "arm64", "bookworm", "linux-image-arm64", "boot/vmlinuz-*",
                    ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a57"], "ttyAMA0", 300),
    # Debian 12 has no riscv64 port; Debian 13 has
    "riscv64": Arch("riscv64", "riscv64", "trixie", "linux-image-riscv64", "boot/vmlinux-*",
                    ["qemu-system-riscv64", "-M", "virt", "-bios", "default"], "ttyS0", 300),
    "armhf": Arch("armhf", "armhf", "bookworm", "linux-image-armmp", "boot/vmlinuz-*",
                  ["qemu-system-arm", "-M", "virt,highmem=off", "-cpu", "cortex-a15"], "ttyAMA0",
                  300),
    "ppc64el": Arch("ppc64el", "ppc64el", "bookworm", "linux-image-powerpc64le", "boot/vmlinux-*",
                    ["qemu-system-ppc64", "-M", "pseries", "-vga", "none"], "hvc0", 300),
    "s390x": Arch("s390x", "s390x", "bookworm", "linux-image-s390x", "boot/vmlinuz-*",
                  ["qemu-system-s390x", "-M", "s390-ccw-virtio"], "ttysclp0", 300),
}
DEFAULT_ARCHS = "aarch64,riscv64"


class ProofError(Exception):
    pass


def log(msg):
    sys.stderr.write("qemu_proof: %s\n" % msg)
    sys.stderr.flush()


def default_cache():
    return (os.environ.get("MINITRACE_QEMU_CACHE")
            or os.path.join(os.path.expanduser("~"), ".cache", "minitrace-qemu"))


def run(cmd, cwd=None, what=None):
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    out, err = p.communicate()
    if p.returncode != 0:
        lines = (err.strip() or out.strip()).splitlines() or ["exit status %d" % p.returncode]
        raise ProofError("%s failed: %s" % (what or " ".join(cmd[:3]), " / ".join(lines[-3:])))
    return out


# ---------------------------------------------------------------- packages (private apt)

def host_mirror():
    """The URI of the Debian archive in the host's apt sources (one-line or deb822 format)."""
    files = ["/etc/apt/sources.list"]
    d = "/etc/apt/sources.list.d"
    if os.path.isdir(d):
        files += [os.path.join(d, f) for f in sorted(os.listdir(d))
                  if f.endswith((".list", ".sources"))]
    for path in files:
        if not os.path.isfile(path):
            continue
        text = open(path).read()
        for m in re.finditer(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", text, re.M):
            if _is_archive(m.group(1), m.group(2).split()):
                return m.group(1)
        for stanza in re.split(r"\n\s*\n", text):
            fields = dict((k.lower(), v.strip()) for k, v in
                          re.findall(r"^([A-Za-z-]+):[ \t]*(.*)$", stanza, re.M))
            if "deb" in fields.get("types", "").split() and fields.get("enabled", "yes") != "no":
                uris = fields.get("uris", "").split()
                if uris and _is_archive(uris[0], fields.get("suites", "").split()):
                    return uris[0]
    raise ProofError("no Debian archive found in the host's apt sources: pass --mirror URI")


def _is_archive(uri, suites):
    return (uri.rstrip("/").endswith("/debian")
            and any(not re.search(r"-(security|updates|backports)$", s) for s in suites))


class PrivateApt(object):
    """apt-get/apt-cache with their own state, cache and sources under FOLDER, for one foreign
    architecture and suite."""

    def __init__(self, folder, arch, mirror):
        self.folder, self.arch = folder, arch
        etc, state, cache = (os.path.join(folder, d) for d in ("etc", "state", "cache"))
        for d in (os.path.join(etc, "sources.list.d"), os.path.join(etc, "preferences.d"),
                  os.path.join(state, "lists", "partial"),
                  os.path.join(cache, "archives", "partial")):
            if not os.path.isdir(d):
                os.makedirs(d)
        with open(os.path.join(etc, "sources.list"), "w") as f:
            f.write("deb [arch=%s signed-by=%s] %s %s main\n" % (arch.deb, KEYRING, mirror,
                                                                arch.suite))
        status = os.path.join(state, "status")
        if not os.path.exists(status):
            open(status, "w").close()
        self.opts = []
        for key, value in (("Dir::Etc::SourceList", os.path.join(etc, "sources.list")),
                           ("Dir::Etc::SourceParts", os.path.join(etc, "sources.list.d")),
                           ("Dir::Etc::Preferences", os.path.join(etc, "preferences")),
                           ("Dir::Etc::PreferencesParts", os.path.join(etc, "preferences.d")),
                           ("Dir::State", state), ("Dir::State::status", status),
                           ("Dir::Cache", cache), ("APT::Architecture", arch.deb),
                           ("APT::Architectures", arch.deb),
                           # this machine's /tmp is 0755: the _apt sandbox user cannot write
                           ("APT::Sandbox::User", "root"), ("Acquire::Languages", "none")):
            self.opts += ["-o", "%s=%s" % (key, value)]

    def update(self):
        run(["apt-get"] + self.opts + ["-q", "update"], what="apt-get update (%s %s)"
            % (self.arch.suite, self.arch.deb))

    def depends(self, pkg):
        """The packages PKG depends on (first of each alternative), in apt-cache's order."""
        out = run(["apt-cache"] + self.opts + ["depends", pkg], what="apt-cache depends " + pkg)
        deps = []
        for m in re.finditer(r"^\s+\|?(?:Pre)?Depends: <?([^\s>]+)>?", out, re.M):
            name = m.group(1).split(":")[0]
            if name not in deps:
                deps.append(name)
        return deps

    def download(self, pkgs, dest):
        run(["apt-get"] + self.opts + ["-q", "download"] + list(pkgs), cwd=dest,
            what="apt-get download (%s)" % self.arch.deb)


def package_list(apt, arch):
    """The kernel (through its meta package), python3.X and the common packages."""
    kernels = [d for d in apt.depends(arch.kernel_meta) if d.startswith("linux-image-")]
    pythons = [d for d in apt.depends("python3-minimal") if re.match(r"python3\.\d+-minimal$", d)]
    if not kernels or not pythons:
        raise ProofError("%s: cannot resolve %s or python3-minimal in %s"
                         % (arch.name, arch.kernel_meta, arch.suite))
    py = pythons[0][:-len("-minimal")]
    return [kernels[0], py + "-minimal", "lib%s-minimal" % py, "lib%s-stdlib" % py] \
        + list(COMMON_PACKAGES)


# ---------------------------------------------------------------- the root tree and initramfs

def prepare_base(arch, cache, mirror, refresh=False):
    """Download and unpack the packages, build base.cpio.gz; return (kernel path, base path).
    Reused from the cache when its manifest is there (unless REFRESH)."""
    folder = os.path.join(cache, arch.name)
    manifest = os.path.join(folder, "manifest.txt")
    kernel = os.path.join(folder, "kernel")
    base = os.path.join(folder, "base.cpio.gz")
    if not refresh and all(os.path.exists(p) for p in (manifest, kernel, base)):
        return kernel, base
    if os.path.exists(manifest):
        os.unlink(manifest)
    t0 = time.time()
    apt = PrivateApt(os.path.join(folder, "apt"), arch, mirror)
    log("%s: apt-get update (%s, %s)" % (arch.name, arch.suite, arch.deb))
    apt.update()
    pkgs = package_list(apt, arch)
    debs = os.path.join(folder, "debs")
    if os.path.isdir(debs):
        shutil.rmtree(debs)
    os.makedirs(debs)
    log("%s: apt-get download %s" % (arch.name, " ".join(pkgs)))
    apt.download(pkgs, debs)
    tree = os.path.join(folder, "root")
    if os.path.isdir(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    names = sorted(os.listdir(debs))
    for deb in names:
        run(["dpkg", "-x", os.path.join(debs, deb), tree], what="dpkg -x " + deb)
    shutil.rmtree(debs)                 # unpacked; the manifest keeps their names
    kernels = sorted(glob.glob(os.path.join(tree, arch.kernel_glob)))
    if not kernels:
        raise ProofError("%s: no %s in the kernel package" % (arch.name, arch.kernel_glob))
    shutil.copyfile(kernels[-1], kernel)
    finish_tree(tree)
    data = cpio_gz(tree)
    with open(base + ".part", "wb") as f:
        f.write(data)
    os.rename(base + ".part", base)
    with open(manifest, "w") as f:
        f.write("".join(n + "\n" for n in names))
    log("%s: base initramfs %.1f MB, built in %.0f s"
        % (arch.name, len(data) / 1e6, time.time() - t0))
    return kernel, base


def finish_tree(tree):
    """Trim the unpacked packages into a root: no docs, no kernel modules (all that is needed is
    built in), usr-merge links on a usr-merged suite, /bin/sh and python3, mount points."""
    for d in ("usr/share/doc", "usr/share/man", "usr/share/locale", "usr/share/lintian",
              "lib/modules", "usr/lib/modules", "boot"):
        p = os.path.join(tree, d)
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p)
    for d in ("bin", "sbin", "lib"):
        p = os.path.join(tree, d)
        if not os.path.lexists(p) and os.path.isdir(os.path.join(tree, "usr", d)):
            os.symlink("usr/" + d, p)           # usr-merged suite: the links base-files makes
    for d in ("bin", "sbin", "usr/bin", "usr/sbin", "dev", "proc", "sys", "tmp", "mt"):
        p = os.path.join(tree, d)
        if not os.path.lexists(p):
            os.makedirs(p)
    busybox = "/usr/bin/busybox" if os.path.exists(os.path.join(tree, "usr/bin/busybox")) \
        else "/bin/busybox"
    sh = os.path.join(tree, "bin", "sh")
    if not os.path.lexists(sh):
        os.symlink(busybox, sh)
    pythons = [n for n in os.listdir(os.path.join(tree, "usr/bin"))
               if re.match(r"python3\.\d+$", n)]
    py = os.path.join(tree, "usr/bin/python3")
    if pythons and not os.path.lexists(py):
        os.symlink(pythons[0], py)


def cpio_gz(tree=None, extra=(), level=6):
    """A gzip-compressed cpio archive (the kernel's `newc` format) of TREE's contents, owned by
    root, plus EXTRA: (path in archive, mode, bytes) regular files (parents must exist)."""
    buf = io.BytesIO()
    ino = [100]

    def entry(name, mode, data=b"", mtime=0):
        ino[0] += 1
        nameb = name.encode() + b"\0"
        fields = (ino[0], mode, 0, 0, 1, mtime, len(data), 0, 0, 0, 0, len(nameb), 0)
        buf.write(b"070701" + b"".join(b"%08X" % v for v in fields))
        buf.write(nameb + b"\0" * (-(110 + len(nameb)) % 4))
        buf.write(data + b"\0" * (-len(data) % 4))

    if tree:
        for dirpath, dirnames, filenames in os.walk(tree):
            dirnames.sort()
            rel = os.path.relpath(dirpath, tree)
            for name in dirnames + sorted(filenames):
                path = os.path.join(dirpath, name)
                arc = os.path.normpath(os.path.join(rel, name))
                st = os.lstat(path)
                if stat.S_ISLNK(st.st_mode):
                    entry(arc, st.st_mode, os.readlink(path).encode())
                elif stat.S_ISDIR(st.st_mode):
                    entry(arc, st.st_mode)
                elif stat.S_ISREG(st.st_mode):
                    with open(path, "rb") as f:
                        entry(arc, st.st_mode, f.read(), int(st.st_mtime))
    for arc, mode, data in extra:
        entry(arc, mode, data)
    entry("TRAILER!!!", 0)
    return gzip.compress(buf.getvalue(), level)


# ---------------------------------------------------------------- one boot

INIT = """#!/bin/sh
/bin/busybox --install -s /bin
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
# the same addresses in every run (ld.so's alignment trims depend on them) and pids far from
# the small numbers of a trace (the guest driver restarts them at the same value for each run)
echo 0 > /proc/sys/kernel/randomize_va_space
echo 4194304 > /proc/sys/kernel/pid_max 2>/dev/null
exec </dev/console >/dev/console 2>&1
echo "@@MT BOOTED $(uname -m) $(uname -r)"
cd /mt && python3 /mt/qemu_guest.py /mt
echo "@@MT EXIT $?"
poweroff -f
"""


def run_archive():
    """The per-run cpio.gz: /init, tools/qemu_guest.py and this tree's minitrace and syscalls
    packages under /mt (appended to the cached base; the kernel unpacks both in order)."""
    extra = [("init", 0o100755, INIT.encode()),
             ("mt/qemu_guest.py", 0o100644, open(os.path.join(HERE, "qemu_guest.py"), "rb").read())]
    for pkg in ("minitrace", "syscalls"):
        top = os.path.join(ROOT, pkg)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            rel = os.path.relpath(dirpath, ROOT)
            extra.append(("mt/" + rel, 0o40755, b""))
            for name in sorted(filenames):
                if name.endswith(".py"):
                    with open(os.path.join(dirpath, name), "rb") as f:
                        extra.append(("mt/%s/%s" % (rel, name), 0o100644, f.read()))
    return cpio_gz(extra=extra, level=1)


def boot(arch, kernel, base, workdir, timeout=None, k_oracle=None):
    """Boot once; return (console text, seconds from qemu start to its exit)."""
    if not shutil.which(arch.qemu[0]):
        raise ProofError("%s: %s is not installed (apt-get install qemu-system-arm "
                         "qemu-system-misc qemu-system-ppc)" % (arch.name, arch.qemu[0]))
    initrd = os.path.join(workdir, "initrd.gz")
    with open(initrd, "wb") as f:
        with open(base, "rb") as b:
            shutil.copyfileobj(b, f)
        if k_oracle:
            f.write(cpio_gz(k_oracle, level=1))
        f.write(run_archive())
    cmd = arch.qemu + ["-m", "1024", "-nographic", "-nic", "none", "-no-reboot",
                       "-kernel", kernel, "-initrd", initrd,
                       "-append", "console=%s quiet panic=-1" % arch.console]
    console = os.path.join(workdir, "console.log")
    t0 = time.time()
    with open(console, "wb") as out:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                             start_new_session=True, preexec_fn=_die_with_parent)
        try:
            p.wait(timeout=timeout or arch.boot_seconds)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            log("%s: qemu killed after %d s" % (arch.name, timeout or arch.boot_seconds))
        finally:
            if p.poll() is None:      # we are ending (SIGTERM, Ctrl-C): the guest goes too
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    seconds = time.time() - t0
    with open(console, "rb") as f:
        text = f.read().decode("utf-8", "replace").replace("\r", "")
    return text, seconds


def _die_with_parent():
    """In qemu's child before its exec: SIGKILL when this script dies, however it dies (a
    SIGKILL to it leaves no guest running)."""
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


PR_SET_PDEATHSIG = 1        # linux/prctl.h


# ---------------------------------------------------------------- parsing and comparing

def parse_console(text):
    """{(case, variant, tool): {part: [lines]}}, {(case, variant, tool): status}, marker lines."""
    parts, status, markers = {}, {}, []
    current = None
    for line in text.split("\n"):
        if current is None and "@@MT " in line:
            line = line[line.index("@@MT "):]     # after an unterminated early-boot line
        if line.startswith("@@MT BEGIN "):
            case, variant, tool, part = line.split()[2:6]
            current = parts.setdefault((case, variant, tool), {}).setdefault(part, [])
        elif line == "@@MT END":
            current = None
        elif current is not None:
            current.append(line)
        elif line.startswith("@@MT STATUS "):
            case, variant, tool, rc = line.split()[2:6]
            status[(case, variant, tool)] = rc
        elif line.startswith("@@MT "):
            markers.append(line)
    return parts, status, markers


def normalised(parts, tool):
    """{label: normalised lines} of one tracer's run: trace files (`trace`, or `trace.PID` with
    -ff, labelled by the pid's rank) and `stderr` (the tracer's name replaced by TOOL)."""
    err = tracecmp.stderr_lines("\n".join(parts.get("stderr", [])), tool)
    files = sorted((int(p.split(".")[1]), p) for p in parts if p.startswith("trace."))
    # -ff files rank their pids by number (a fresh guest hands them out in order); other pids
    # (the tracer's, as getppid() of the traced shell) by first appearance
    pids = [pid for pid, _ in files]
    everything = err + [l for name in sorted(parts) if name != "stderr" for l in parts[name]]
    pids += [pid for pid in tracecmp.pid_order(everything) if pid not in pids]
    out = {"stderr": tracecmp.normalise(err, pids)}
    for name in parts:
        if name == "stderr":
            continue
        label = name
        if name.startswith("trace."):
            label = "trace.P%d" % (pids.index(int(name.split(".")[1])) + 1)
        out[label] = tracecmp.normalise(parts[name], pids)
    return out


# Differences that come from the guest's strace, not from minitrace: allowed only where the
# guest's strace version satisfies the condition; both lines must be equal after the substitution.
KNOWN_DIFFERENCES = [
    ("strace >= 6.12 names the call that a -p attach interrupted (strace issue #322); minitrace "
     "prints strace 6.1's text (the ABI's syscall 0), as the host tests require",
     lambda version: version >= (6, 12),
     re.compile(r"<\.\.\. resuming interrupted \w+ \.\.\.>"), "<... resuming interrupted CALL ...>"),
]


def known_difference(a, b, strace_version):
    """The description of the KNOWN_DIFFERENCES rule that makes lines A and B equal, or None."""
    for text, applies, rx, repl in KNOWN_DIFFERENCES:
        if applies(strace_version) and rx.sub(repl, a) == rx.sub(repl, b):
            return text
    return None


def compare_run(parts, status, strace_version=(0,), stack=None):
    """Compare strace's and minitrace's runs of every case; return (lines compared, lines
    identical, {known difference: count}, [problem text]). STACK, a list, gets [compared,
    identical] of the -k stack lines (` > ...`) among them."""
    total = same = 0
    if stack is not None:
        stack[:] = [0, 0]
    known = {}
    problems = []
    keys = sorted(set((c, v) for c, v, _ in list(parts) + list(status)))
    for case, variant in keys:
        where = "%s/%s" % (case, variant)
        for tool in ("strace", "minitrace"):
            if (case, variant, tool) not in status:
                problems.append("%s: no STATUS marker for %s" % (where, tool))
        s = normalised(parts.get((case, variant, "strace"), {}), "strace")
        m = normalised(parts.get((case, variant, "minitrace"), {}), "minitrace")
        rs, rm = status.get((case, variant, "strace")), status.get((case, variant, "minitrace"))
        if rs != rm:
            problems.append("%s: exit status strace %s, minitrace %s" % (where, rs, rm))
        for label in sorted(set(s) | set(m)):
            a, b = s.get(label, []), m.get(label, [])
            total += max(len(a), len(b))
            if stack is not None:
                sa = [l for l in a if l.startswith(" > ")]
                sb = [l for l in b if l.startswith(" > ")]
                stack[0] += max(len(sa), len(sb))
                stack[1] += sum(blk.size for blk in difflib.SequenceMatcher(
                    None, sa, sb, autojunk=False).get_matching_blocks())
            if label not in s or label not in m:
                problems.append("%s: %s written by %s only" % (where, label,
                                                               "strace" if label in s else "minitrace"))
            diff = []
            # aligned, so that one missing line shows as one difference, not as all that follow
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    same += i2 - i1
                    continue
                la, lb = a[i1:i2], b[j1:j2]
                n = max(len(la), len(lb))
                diff += zip(la + ["<missing>"] * (n - len(la)), lb + ["<missing>"] * (n - len(lb)))
            for la, lb in diff:
                why = known_difference(la, lb, strace_version)
                if why:
                    known[why] = known.get(why, 0) + 1
                    continue
                problems.append("%s %s:\n    strace:    %s\n    minitrace: %s"
                                % (where, label, la, lb))
    return total, same, known, problems


def prove(arch, cache, mirror, refresh=False, k_oracle=None):
    """Prepare, boot, compare one architecture; return (ok, summary line, problems)."""
    t0 = time.time()
    kernel, base = prepare_base(arch, cache, mirror, refresh)
    workdir = os.path.join(cache, arch.name, "run")
    if not os.path.isdir(workdir):
        os.makedirs(workdir)
    log("%s: booting %s" % (arch.name, " ".join(arch.qemu)))
    # the -k cases about double the guest's work (python3's 5000 stack lines, twice per tool)
    text, seconds = boot(arch, kernel, base, workdir, arch.boot_seconds * (2 if k_oracle else 1),
                         k_oracle)
    parts, status, markers = parse_console(text)
    for m in markers:
        if m.startswith("@@MT NOTE "):
            log("%s: guest: %s" % (arch.name, m[len("@@MT NOTE "):]))
    problems = []
    if "@@MT DONE" not in markers:
        tail = "\n".join(text.strip().split("\n")[-25:])
        problems.append("the guest did not finish (no @@MT DONE marker); console %s ends:\n%s"
                        % (os.path.join(workdir, "console.log"), tail))
    if not status:
        problems.append("no trace came back from the guest")
    version = (0,)
    for m in markers:
        found = re.search(r"^@@MT GUEST .* strace (\d+(?:\.\d+)*)", m)
        if found:
            version = tuple(int(x) for x in found.group(1).split("."))
    stack = []
    total, same, known, diffs = compare_run(parts, status, version, stack)
    problems += diffs
    guest = " ".join(m.split(None, 2)[2] for m in markers if m.startswith(("@@MT BOOTED",
                                                                          "@@MT GUEST")))
    summary = ("%s: %d lines compared, %d identical (%.1f%%)%s%s; %d runs; qemu %.0f s, total "
               "%.0f s [%s]" % (arch.name, total, same, 100.0 * same / total if total else 0.0,
                               "".join(", %d known difference%s: %s" % (n, "s" * (n > 1), why)
                                       for why, n in sorted(known.items())),
                               (", -k: %d stack lines, %d identical (%.1f%%)"
                                % (stack[0], stack[1], 100.0 * stack[1] / stack[0])
                                if stack[0] else ""),
                               len(status), seconds, time.time() - t0, guest))
    return not problems, summary, problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default=DEFAULT_ARCHS,
                    help="comma-separated, of: %s (default %s)" % (", ".join(ARCHS), DEFAULT_ARCHS))
    ap.add_argument("--cache", default=default_cache(),
                    help="package and initramfs cache (default $MINITRACE_QEMU_CACHE or "
                         "~/.cache/minitrace-qemu)")
    ap.add_argument("--mirror", help="Debian archive URI (default: the one in the host's apt "
                                     "sources)")
    ap.add_argument("--refresh", action="store_true",
                    help="download the packages and rebuild the base initramfs again")
    ap.add_argument("--k-oracle", metavar="TREE",
                    help="a root tree with usr/bin/strace-k (strace built with libunwind) and its "
                         "libraries: the guest also runs the -k cases")
    ap.add_argument("--max-diff", type=int, default=40,
                    help="differences printed per architecture (default 40)")
    args = ap.parse_args(argv)
    # SIGTERM ends the run as Ctrl-C does: through the finally that kills a running guest
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    names = [a for a in args.arch.split(",") if a]
    unknown = [a for a in names if a not in ARCHS]
    if unknown:
        ap.error("unknown architecture %s (known: %s)" % (", ".join(unknown), ", ".join(ARCHS)))
    failed = []
    summaries = []
    for name in names:
        try:
            mirror = args.mirror or host_mirror()
            ok, summary, problems = prove(ARCHS[name], args.cache, mirror, args.refresh,
                                          args.k_oracle)
        except ProofError as e:
            ok, summary, problems = False, "%s: FAILED: %s" % (name, e), []
        for p in problems[:args.max_diff]:
            print("%s: %s" % (name, p))
        if len(problems) > args.max_diff:
            print("%s: ... %d more differences" % (name, len(problems) - args.max_diff))
        summaries.append(("ok       " if ok else "MISMATCH ") + summary)
        if not ok:
            failed.append(name)
        sys.stdout.flush()
    print("\n".join(summaries))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
