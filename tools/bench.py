#!/usr/bin/env python3
"""Benchmark minitrace against strace (and python-ptrace's strace.py when installed).

Runs each workload untraced, under strace, under minitrace and, when found, under python-ptrace's
strace.py, rotating the order of the tracers run by run, and prints the median wall, user and sys
seconds, the peak memory (max RSS of the tracer and its children) and the ratios of the medians
of wall time: tracer / strace, and python-ptrace (or the baseline) / minitrace. Stdlib only.
W3 (start-up) is also measured as the .pyz (tools/make_pyz.py) from its second run: its cache
in a temporary XDG_CACHE_HOME, filled by a first run before the measurements.
minitrace's byte code is compiled first and PYTHONDONTWRITEBYTECODE is dropped, as for an
installed copy; every run starts in / (python -m would import minitrace from the current
directory before PYTHONPATH).

    python3 tools/bench.py [--runs N] [--only W1,W3] [--tracers strace,fr-spin,...]
                           [--python PATH] [--python-ptrace PATH]
                           [--baseline DIR] [--mode pinned|unpinned|both] [--cpu N] [--spin]
                           [--split]
    python3 tools/bench.py --profile [--cpu N]
    python3 tools/bench.py --instructions [--baseline DIR] [--python-ptrace PATH] [--cpu N]

Two modes, both reported by default: `pinned` runs everything of a measurement under `taskset
-c CPU` (tracer and tracee on one vCPU: the tracers' own cost), `unpinned` as a user runs it
(on these VMs a stop that wakes a halted vCPU costs ten times more). The `floor` column is
tools/floor.py: a bare CPython ptrace loop (waitpid, PTRACE_GET_SYSCALL_INFO, PTRACE_SYSCALL at
every stop), the floor of any tracer written in CPython on ctypes; `floor-print` (W1, W2, W4)
is the same loop printing a minimal line at each exit (`floor.py --print`): a lower bound of
the cost of printing strace's lines; `floor-read` is floor-print reading, at each stop, the
tracee memory strace reads for the call, and asking for a socket's protocol as strace does
(`floor.py --read`: on W4 8,573 process_vm_readv and 900 getxattr calls for 300 requests,
strace 8,345 and 900), printed in hex: a lower bound of the cost of strace's lines that makes
strace's system calls; `floor-count` (W1-c) is the same loop counting as -c does (`floor.py
--count`: wait4's rusage at every stop, a row per syscall number), a lower bound of -c's cost,
beside the bare `floor` in W1-c's rows. W4 is the live-server case: `-f -p` attached to a
threaded http.server on 127.0.0.1 while a client process makes a fixed number of requests; its
figure is the client's wall time (user/sys: the client's; a line below gives each tracer's own
CPU time, user + sys, from attach to detach).

--spin adds minitrace with its spin forced on and off, and the floor loops polling waitpid as
minitrace does: `fp-spin` (floor-print), `fr-spin` (floor-read) and `floor-spin` (the bare
floor, no line printed: what no CPython tracer goes below unpinned). --split adds minitrace
with `-e trace=none` (`mt-none`: every stop taken, no call traced) and with `-e raw=all`
(`mt-raw`: every line, no argument decoded): the engine's part, the lines' part and, up to
`minitrace`, the decoders' part (roughly: formatting every argument in hex costs too, more
than a simple decoder does).

--baseline DIR adds another minitrace checkout (e.g. `git worktree add DIR main`) as a column
measured in the same runs: before/after numbers of a change, on the same machine state.

--instructions counts, instead of timing, the instructions each tracer itself executes per
syscall of W1 (valgrind's callgrind, the tracer only, pinned to --cpu: no spin): the difference
between W1 with 3,000 and 1,000 blocks (count=), divided by the 4,000 calls between them, so that
start-up cancels out. The tracers' user-space work only (the kernel's and the tracee's are not
in it), but it moves by a few percent from run to run where wall times move by a fifth: the
measure to compare two versions of the hot path with. A second table counts the same per W2
process (`/bin/true`, from W2 with 40 and 10 of them), strace included; its processes run
without LD_LIBRARY_PATH (Debian's valgrind script sets it to /usr/lib/debug, and each traced
ld.so would then search there: twice W2's calls). Needs valgrind (Debian `valgrind`).

python-ptrace is never a dependency: install it in a throwaway virtual environment
(`python3 -m venv /root/venv-pptrace && /root/venv-pptrace/bin/pip install python-ptrace`) and
pass `--python-ptrace /root/venv-pptrace/bin/strace.py` (or have that strace.py on PATH).
"""
import argparse
import atexit
import collections
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DD = ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000"]


def w2_loop(n):
    """W2 with n processes."""
    return ["sh", "-c", "for i in $(seq %d); do /bin/true; done" % n]


W2 = w2_loop(200)

# name, description, options of strace and minitrace, options of python-ptrace's strace.py
# (None: it has no equivalent), command. python-ptrace has no -c, no -k and no seccomp: for W1-seccomp
# it prints the same openat lines but stops at every syscall.
WORKLOADS = [
    ("W1", "dd, 40k syscalls, full decoding", ["-o", "/dev/null"],
     ["-o", "/dev/null"], DD),
    ("W1-c", "dd with -c", ["-c", "-o", "/dev/null"],
     None, DD),
    ("W1-k", "dd with -k (a stack after every line)", ["-k", "-o", "/dev/null"],
     None, DD),
    ("W1-seccomp", "dd, --seccomp-bpf -f -e trace=openat",
     ["--seccomp-bpf", "-f", "-e", "trace=openat", "-o", "/dev/null"],
     ["-f", "-e", "openat", "-o", "/dev/null"], DD),
    ("W2", "-f over 200 /bin/true", ["-f", "-o", "/dev/null"],
     ["-f", "-o", "/dev/null"], W2),
    ("W3", "startup: /bin/true", ["-o", "/dev/null"],
     ["-o", "/dev/null"], ["/bin/true"]),
    ("W4", "-f -p http.server, 300 requests (client wall)", ["-f", "-o", "/dev/null"],
     ["-f", "-o", "/dev/null"], None),
]
W4_REQUESTS = 300
# --split: minitrace with less of its work per call, each option put before the workload's own
SPLIT = collections.OrderedDict((("mt-none", ["-e", "trace=none"]), ("mt-raw", ["-e", "raw=all"])))
FLOOR = os.path.join(ROOT, "tools", "floor.py")
SERVER = (
    "import http.server, os, sys\n"
    "os.chdir(sys.argv[1])\n"
    "class H(http.server.SimpleHTTPRequestHandler):\n"
    "    def log_message(self, *a): pass\n"
    "s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)\n"
    "print(s.server_address[1], flush=True)\n"
    "s.serve_forever()\n")
CLIENT = (
    "import sys, time, urllib.request\n"
    "url = 'http://127.0.0.1:%s/' % sys.argv[1]\n"
    "t = time.perf_counter()\n"
    "for _ in range(int(sys.argv[2])):\n"
    "    urllib.request.urlopen(url, timeout=30).read()\n"
    "print(time.perf_counter() - t)\n")


def measure(argv, env=None):
    """(wall, user, sys, maxrss MB) of one run of argv, its children included."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        os.chdir("/")
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) == 127:
        raise RuntimeError("could not run %s" % " ".join(argv))
    return wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss / 1024.0


def measure_w4(tracer_argv, prefix, python, env=None):
    """(client wall, client user, client sys, tracer max RSS MB, tracer CPU s) of W4: a threaded
    http.server, the tracer attached with -f -p (None: untraced), a client making W4_REQUESTS
    requests."""
    import tempfile
    docroot = tempfile.mkdtemp(prefix="bench-w4.")
    server = subprocess.Popen(prefix + [python, "-c", SERVER, docroot], stdout=subprocess.PIPE,
                              universal_newlines=True)
    tracer = None
    try:
        port = server.stdout.readline().strip()
        if tracer_argv is not None:
            tracer = subprocess.Popen(prefix + tracer_argv + ["-p", str(server.pid)], cwd="/",
                                      env=env, stderr=subprocess.PIPE, universal_newlines=True)
            while "attached" not in tracer.stderr.readline():   # the attach message
                if tracer.poll() is not None:
                    raise RuntimeError("could not attach %s" % " ".join(tracer_argv))
        before = os.times()
        client = subprocess.Popen(prefix + [python, "-c", CLIENT, port, str(W4_REQUESTS)],
                                  stdout=subprocess.PIPE, universal_newlines=True)
        out, _ = client.communicate()
        after = os.times()
        if client.returncode != 0:
            raise RuntimeError("the W4 client failed")
        maxrss = tracer_cpu = 0.0
        if tracer is not None:
            tracer.send_signal(2)
            tracer.stderr.read()
            _, _, ru = os.wait4(tracer.pid, 0)
            tracer.returncode = 0
            maxrss = ru.ru_maxrss / 1024.0
            tracer_cpu = ru.ru_utime + ru.ru_stime
        return (float(out.strip()), after[2] - before[2], after[3] - before[3], maxrss,
                tracer_cpu)
    finally:
        if tracer is not None and tracer.returncode is None:
            tracer.kill()
            tracer.wait()
        server.kill()
        server.wait()
        shutil.rmtree(docroot, ignore_errors=True)


def python_ptrace_command(path):
    """[interpreter, strace.py] for python-ptrace, from the path of its strace.py or of the
    python of the environment it is installed in; None if it does not run."""
    if not path:
        return None
    path = os.path.abspath(path)
    if os.path.basename(path).startswith("python"):
        interp, script = path, os.path.join(os.path.dirname(path), "strace.py")
    else:
        script = path
        interp = os.path.join(os.path.dirname(path), "python")
        if not os.access(interp, os.X_OK):
            try:
                with open(script) as f:
                    first = f.readline()
            except (OSError, UnicodeDecodeError):
                first = ""
            interp = first[2:].strip() if first.startswith("#!") else sys.executable
    argv = [interp, script]
    try:
        with open(os.devnull, "w") as null:
            if subprocess.call(argv + ["--help"], stdout=null, stderr=null) == 0:
                return argv
    except OSError:
        pass
    print("python-ptrace: %s does not run; left out" % " ".join(argv))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--tracers", default="",
                    help="measure only these columns (comma-separated, e.g. "
                         "strace,fr-spin,minitrace): more runs in the same time")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs minitrace")
    ap.add_argument("--python-ptrace", "--ptrace-strace", dest="python_ptrace",
                    default=shutil.which("strace.py"),
                    help="python-ptrace's strace.py (or its environment's python); "
                         "default: strace.py on PATH")
    ap.add_argument("--baseline", metavar="DIR",
                    help="another minitrace checkout, measured as the column `baseline`")
    ap.add_argument("--mode", choices=("pinned", "unpinned", "both"), default="both")
    ap.add_argument("--cpu", type=int, default=0, help="the CPU of the pinned mode (default 0)")
    ap.add_argument("--spin", action="store_true",
                    help="add the columns mt-spin (MINITRACE_SPIN=1: always) and mt-nospin "
                         "(MINITRACE_SPIN=0: never): the spin's gain and CPU cost; and "
                         "fp-spin and fr-spin, floor-print and floor-read polling as minitrace "
                         "does (floor.py --spin), and "
                         "floor-spin, the bare floor polling so (no line printed): the least "
                         "any CPython tracer can take unpinned")
    ap.add_argument("--split", action="store_true",
                    help="add the columns mt-none (minitrace -e trace=none: every stop taken, "
                         "nothing traced) and mt-raw (-e raw=all: every line, no argument "
                         "decoded): what the engine, the lines and the decoders each add")
    ap.add_argument("--profile", action="store_true",
                    help="instead: cProfile minitrace on W1 (pinned) and print where the time "
                         "per stop goes")
    ap.add_argument("--instructions", action="store_true",
                    help="instead: instructions per W1 syscall of each tracer itself (valgrind)")
    args = ap.parse_args()
    if args.profile:
        return profile(args)
    if args.instructions:
        return instructions(args)
    chosen = set(filter(None, args.tracers.split(",")))
    offered = columns(args, with_pyz(args), python_ptrace_command(args.python_ptrace) is not None)
    if chosen - set(offered):
        sys.exit("bench: --tracers: no column %s with these options (columns: %s)" % (
            ", ".join(sorted(chosen - set(offered))), ", ".join(offered)))
    modes = ("pinned", "unpinned") if args.mode == "both" else (args.mode,)
    for mode in modes:
        print("== %s%s" % (mode, " (taskset -c %d)" % args.cpu if mode == "pinned" else ""))
        prefix = ["taskset", "-c", str(args.cpu)] if mode == "pinned" else []
        run_mode(args, prefix)


def spin_max():
    """minitrace's most polls before a blocking wait (fp-spin polls that many times)."""
    sys.path.insert(0, ROOT)
    from minitrace.engine import SPIN_MAX
    return SPIN_MAX


def with_pyz(args):
    """Whether W3 is measured, and with it the .pyz."""
    only = set(filter(None, args.only.split(",")))
    return not only or "W3" in only


def columns(args, pyz, pptrace):
    """The tracers the options offer, in the order of the table."""
    return (["untraced", "floor", "floor-print", "floor-read", "floor-count", "strace",
             "minitrace"] +
            (["mt-spin", "mt-nospin", "fp-spin", "fr-spin", "floor-spin"] if args.spin else []) +
            (list(SPLIT) if args.split else []) +
            (["pyz"] if pyz else []) +
            (["baseline"] if args.baseline else []) + (["python-ptrace"] if pptrace else []))


def run_mode(args, prefix):
    only = set(filter(None, args.only.split(",")))
    pptrace = python_ptrace_command(args.python_ptrace)
    roots = [ROOT] + ([os.path.abspath(args.baseline)] if args.baseline else [])
    envs = {}
    for name, root in zip(("minitrace", "baseline"), roots):
        envs[name] = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
        # measure minitrace as installed: with its byte code compiled (not re-compiled every run)
        envs[name].pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.call([args.python, "-m", "compileall", "-q", os.path.join(root, "minitrace"),
                         os.path.join(root, "syscalls")])
    for column in SPLIT:
        envs[column] = envs["minitrace"]
    if args.spin:
        envs["mt-spin"] = dict(envs["minitrace"], MINITRACE_SPIN="1")
        envs["mt-nospin"] = dict(envs["minitrace"], MINITRACE_SPIN="0")
    pyz = None
    if with_pyz(args):             # W3 also as the .pyz from its second run (its cache warm)
        import tempfile
        scratch = tempfile.mkdtemp(prefix="bench-pyz.")
        atexit.register(shutil.rmtree, scratch, True)
        pyz = os.path.join(scratch, "minitrace.pyz")
        subprocess.check_call([args.python, os.path.join(ROOT, "tools", "make_pyz.py"), "-o", pyz],
                              stdout=subprocess.DEVNULL)
        envs["pyz"] = dict(os.environ, XDG_CACHE_HOME=os.path.join(scratch, "cache"))
        subprocess.check_call([args.python, pyz, "-o", os.devnull, "/bin/true"], env=envs["pyz"])
    tracers = columns(args, pyz is not None, pptrace is not None)
    chosen = set(filter(None, args.tracers.split(",")))   # (main has checked their names)
    if chosen:
        tracers = [t for t in tracers if t in chosen]
    print("%-11s %-16s %8s %8s %8s %8s %8s %8s %8s" % (
        "workload", "tracer", "wall", "user", "sys", "maxMB", "/strace", "/floor", "/minitr"))
    for name, desc, topts, popts, cmd in WORKLOADS:
        if only and name not in only:
            continue
        tail = cmd or []                 # W4: measure_w4 adds -p and the server's pid
        mt = [args.python, "-m", "minitrace"]
        argvs = {"untraced": cmd, "strace": ["/usr/bin/strace"] + topts + tail,
                 "minitrace": mt + topts + tail}
        if topts[0] == "-c":                     # the least that counting as -c costs
            argvs["floor"] = [args.python, FLOOR] + tail
            argvs["floor-count"] = [args.python, FLOOR, "--count", os.devnull] + tail
        elif not topts[0].startswith("--seccomp"):
            floor = [args.python, FLOOR]
            printing = ["--print", os.devnull]   # the least that printing strace's lines costs
            argvs["floor"] = floor + tail
            reading = ["--read", os.devnull]     # and reading what strace reads
            argvs["floor-print"] = floor + printing + tail
            argvs["floor-read"] = floor + reading + tail
            if args.spin:                        # polling waitpid as minitrace does
                spin = ["--spin", str(spin_max())]
                argvs["floor-spin"] = floor + spin + tail
                argvs["fp-spin"] = floor + spin + printing + tail
                argvs["fr-spin"] = floor + spin + reading + tail
        if cmd is not None and pptrace and popts is not None:
            argvs["python-ptrace"] = pptrace + popts + ["--"] + cmd
        if args.baseline:
            argvs["baseline"] = argvs["minitrace"]
        if args.spin:
            argvs["mt-spin"] = argvs["mt-nospin"] = argvs["minitrace"]
        if args.split:
            for column, extra in SPLIT.items():
                argvs[column] = mt + extra + topts + tail
        if pyz and name == "W3":
            argvs["pyz"] = [args.python, pyz] + topts + cmd
        results = dict((t, []) for t in tracers)
        for run in range(args.runs):
            k = run % len(tracers)
            for tname in tracers[k:] + tracers[:k]:     # a different order every run
                if tname not in argvs:
                    continue
                try:
                    if cmd is None:
                        results[tname].append(measure_w4(argvs[tname], prefix, args.python,
                                                         envs.get(tname)))
                    else:
                        results[tname].append(measure(prefix + argvs[tname], envs.get(tname)))
                except RuntimeError as e:
                    print("  %s: %s" % (tname, e))
        medians = {}
        for tname in tracers:
            if results[tname]:
                medians[tname] = [statistics.median(col) for col in zip(*results[tname])]
        for tname in tracers:
            if tname not in medians:
                continue
            med = medians[tname]
            vs_strace = vs_floor = vs_mt = ""
            if tname not in ("untraced", "strace") and "strace" in medians:
                vs_strace = "%.2f" % (med[0] / medians["strace"][0])
            if tname not in ("untraced", "strace", "floor") and "floor" in medians:  # floor-print too
                vs_floor = "%.2f" % (med[0] / medians["floor"][0])
            if tname not in ("untraced", "strace", "floor", "minitrace") and "minitrace" in medians:
                vs_mt = "%.2f" % (med[0] / medians["minitrace"][0])
            print("%-11s %-16s %8.3f %8.3f %8.3f %8.1f %8s %8s %8s" % (
                name, tname, med[0], med[1], med[2], med[3], vs_strace, vs_floor, vs_mt))
        if cmd is None:     # W4: the tracer's own CPU time (user + sys), attach to detach
            print("%-11s tracer CPU s: %s" % (name, ", ".join(
                "%s %.3f" % (t, medians[t][4]) for t in tracers
                if t in medians and t != "untraced")))
        sys.stdout.flush()


# --instructions: the tracers' own work per syscall, counted by valgrind
INSTRUCTION_BLOCKS = (1000, 3000)
W2_PROCESSES = (10, 40)


def _collected(cpu, argv, env):
    """callgrind's `Collected : N` (instructions executed) of one run of argv on `cpu`."""
    out = subprocess.run(["taskset", "-c", str(cpu), "valgrind", "--tool=callgrind",
                          "--callgrind-out-file=/dev/null"] + argv,
                         env=env, cwd="/", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         universal_newlines=True).stderr
    for line in out.splitlines():
        if "Collected :" in line:
            return int(line.split()[-1])
    raise RuntimeError("valgrind gave no count for %s" % " ".join(argv))


def instructions(args):
    """The instructions of each tracer itself: per W1 syscall (floor, floor-print, floor-read,
    minitrace with and without -c, the baseline, python-ptrace), from runs of 1,000 and 3,000
    blocks; then per W2 process (the same floors, strace, minitrace, the baseline), from W2 with
    10 and 40."""
    if shutil.which("valgrind") is None:
        sys.exit("bench: --instructions needs valgrind (apt-get install valgrind)")
    pptrace = python_ptrace_command(args.python_ptrace)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    floors = [("floor", [args.python, FLOOR], env),
              ("floor-print", [args.python, FLOOR, "--print", os.devnull], env),
              ("floor-read", [args.python, FLOOR, "--read", os.devnull], env)]
    counting = [("floor-count", [args.python, FLOOR, "--count", os.devnull], env)]
    minitraces = []
    for name, root in (("minitrace", ROOT), ("baseline", args.baseline)):
        if root is None:
            continue
        root = os.path.abspath(root)
        subprocess.call([args.python, "-m", "compileall", "-q", os.path.join(root, "minitrace"),
                         os.path.join(root, "syscalls")])
        menv = dict(env, PYTHONPATH=root + os.pathsep + env.get("PYTHONPATH", ""))
        minitraces.append((name, [args.python, "-m", "minitrace", "-o", os.devnull], menv))
    w1 = floors + counting
    for name, argv, menv in minitraces:
        w1 += [(name, argv, menv), (name + " -c", argv[:3] + ["-c"] + argv[3:], menv)]
    if pptrace:
        w1.append(("python-ptrace", pptrace + ["-o", os.devnull, "--"], env))
    _count_table(args.cpu, "W1 syscall", "per call", w1,
                 lambda n: DD[:-1] + ["count=%d" % n], INSTRUCTION_BLOCKS,
                 2 * (INSTRUCTION_BLOCKS[1] - INSTRUCTION_BLOCKS[0]))  # a read and a write a block
    # W2: per /bin/true (about 36 syscalls, a vfork, an execve and an exit). Debian's valgrind
    # script exports LD_LIBRARY_PATH=/usr/lib/debug, which the traced processes would inherit:
    # their ld.so would then look for libc in a dozen directories there, about 40 more calls
    # per process than W2 makes (W1's per-block count is not touched: its start-up cancels out).
    w2 = floors + [(name, argv + ["-f"], renv) for name, argv, renv in
                   [("strace", ["/usr/bin/strace", "-o", os.devnull], env)] + minitraces]
    _count_table(args.cpu, "W2 process", "per /bin/true", w2,
                 lambda n: ["env", "-u", "LD_LIBRARY_PATH"] + w2_loop(n), W2_PROCESSES,
                 W2_PROCESSES[1] - W2_PROCESSES[0])


def _count_table(cpu, what, column, rows, command, sizes, units):
    """Print each row's (name, tracer argv, env) instructions per unit of `what`: the difference
    between its runs of command(sizes[0]) and command(sizes[1]), over the `units` between them
    (start-up cancels out), and its ratio to the first row's."""
    print("== instructions per %s (valgrind, taskset -c %d)" % (what, cpu))
    print("%-16s %13s %8s" % ("tracer", column, "/floor"))
    first = None
    for name, argv, renv in rows:
        small, large = [_collected(cpu, argv + command(n), renv) for n in sizes]
        per_unit = (large - small) / float(units)
        first = per_unit if first is None else first
        print("%-16s %13.0f %8.2f" % (name, per_unit, per_unit / first))
        sys.stdout.flush()


# --profile: where minitrace's time goes, by cProfile's own time of each function (its
# overhead inflates the Python parts); a ctypes call counts in the function that makes it
PROFILE_GROUPS = [
    ("waitpid", lambda f, fn: fn in ("<built-in method posix.waitpid>",
                                     "<built-in method posix.wait4>")),
    ("ptrace calls (resume, GET_SYSCALL_INFO)",
     lambda f, fn: f.endswith(("minitrace/libc.py", "minitrace/regs.py"))),
    ("reading memory", lambda f, fn: f.endswith("minitrace/memory.py") or "readv" in fn),
    ("decoding", lambda f, fn: "/minitrace/decode/" in f or f.endswith((
        "minitrace/printers.py", "minitrace/subcalls.py", "minitrace/events.py",
        "minitrace/sysent.py", "minitrace/fdinfo.py"))
     or fn.startswith(("<method 'unpack", "<method 'join'", "<method 'tobytes'"))),
    ("engine (per-stop logic)", lambda f, fn: "/minitrace/engine/" in f or
                                    f.endswith("minitrace/stops.py")),
    ("rendering", lambda f, fn: f.endswith(("minitrace/render.py", "minitrace/summary.py"))),
    ("writing", lambda f, fn: f.endswith("minitrace/output.py") or fn.startswith(
        ("<method 'write' of '_io", "<method 'flush' of '_io"))),
    ("session loop", lambda f, fn: f.endswith("minitrace/session.py")),
]


def profile(args):
    """cProfile of `minitrace -o /dev/null` on W1 (or with -c), pinned to --cpu, grouped."""
    import pstats
    import tempfile
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.call([args.python, "-m", "compileall", "-q", os.path.join(ROOT, "minitrace"),
                     os.path.join(ROOT, "syscalls")])
    for opts in (["-o", "/dev/null"], ["-c", "-o", "/dev/null"]):
        fd, out = tempfile.mkstemp(prefix="bench-prof.")
        os.close(fd)
        try:
            argv = (["taskset", "-c", str(args.cpu), args.python, "-m", "cProfile", "-o", out,
                     "-m", "minitrace"] + opts + DD)
            with open(os.devnull, "w") as null:
                subprocess.check_call(argv, env=env, cwd="/", stdout=null, stderr=null)
            stats = pstats.Stats(out).stats
        finally:
            os.unlink(out)
        stops = 0
        sums = dict((name, 0.0) for name, _ in PROFILE_GROUPS)
        other = total = 0.0
        for (path, line, func), (cc, nc, tt, ct, callers) in stats.items():
            fn = func if path == "~" else ""
            total += tt
            if fn in ("<built-in method posix.waitpid>", "<built-in method posix.wait4>"):
                stops += nc              # one wait per stop (no spin: one CPU)
            for name, match in PROFILE_GROUPS:
                if match(path, fn):
                    sums[name] += tt
                    break
            else:
                other += tt
        print("== cProfile: minitrace %s W1, taskset -c %d (%d stops)"
              % (" ".join(opts), args.cpu, stops))
        print("%-42s %8s %8s %6s" % ("where", "seconds", "us/stop", "share"))
        for name, _ in PROFILE_GROUPS + [("start-up and other", None)]:
            t = sums.get(name, other)
            print("%-42s %8.3f %8.1f %5.1f%%" % (name, t, 1e6 * t / max(stops, 1),
                                                 100.0 * t / total))
        print("%-42s %8.3f %8.1f" % ("total", total, 1e6 * total / max(stops, 1)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
