#!/usr/bin/env python3
"""Where minitrace's instructions per W1 syscall go, without the kernel in the count.

    python3 tools/pipeline_instructions.py [--baseline DIR] [--calls N]
    python3 tools/pipeline_instructions.py --replay N [--without render,decode] [--out FILE]

`--replay N` sends N calls, alternately W1's `write(1, "\\0", 1)` and `read(0, buf, 1)`,
through minitrace's whole pipeline as built for `minitrace -o FILE` (the engine's loop and
its entry and exit handling, the decoders, the renderer, the output), with the kernel
scripted: waitpid returns the stops, the syscall-info source returns their number, arguments
and result, and the resume does nothing. Memory reads are real process_vm_readv calls: the
buffer is this process's own. `--without render` and `--without decode` take that part out
(the renderer's syscall lines are not made; the engine does not decode).

Without `--replay`, the table: each variant run under valgrind (callgrind) with N calls and
with WARM_CALLS, the difference per call (the first calls import the decoders and fill the
caches: subtracting a run of none would spread that over the N), for all of it, without
rendering, without decoding, and without both (the engine, the session loop and the scripted
kernel). What the real W1 adds to these (`tools/bench.py --instructions`) is the ctypes
calls and waitpid: about 20,000 a call. These counts move by a few hundred (under 1%)
between runs; this VM's wall times move by a fifth.
"""
import ctypes
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARM_CALLS = 20
VARIANTS = (("all of it", ""), ("without rendering", "render"),
            ("without decoding", "decode"), ("engine and loop only", "render,decode"))


def replay(calls, without=(), out=os.devnull):
    from minitrace import cli, events, session, stops
    from minitrace.engine import Tracee, loop as engine_mod
    opts = cli.parse_args(["-o", out, "true"])
    engine, output, renderer, _ = session.build(opts)
    pid = os.getpid()
    buf = ctypes.create_string_buffer(64)
    addr = ctypes.addressof(buf)
    tracee = Tracee(pid, attached=True)
    engine.tracees[pid] = tracee
    def script():
        """The stops, each made when asked, as the real source makes them (a list made up
        front would hold 2N tuples, whose garbage collections would be counted per call)."""
        for i in range(calls):
            nr, fd = (1, 1) if i % 2 == 0 else (0, 0)        # x86_64 write, read
            yield ("entry", "x86_64", nr, (fd, addr, 1, 0, 0, 0), 0x401000, 0x7ffe000)
            yield ("exit", 1, 0, 0x401000)

    stops_left = script()

    class ScriptedSource(object):
        uses_regs = False

        def stop(self, pid, expect_entry):
            return next(stops_left)

    engine.source = ScriptedSource()
    waits = iter([(pid, stops.SYSCALL_STATUS)] * (2 * calls) + [(pid, 0)])   # then: exited 0
    engine.spin_max = engine.spin_cpus = 0
    real_waitpid, real_ptrace = os.waitpid, engine_mod.FAST_PTRACE
    os.waitpid = lambda pid, options: next(waits)
    engine_mod.FAST_PTRACE = lambda request, pid, addr, data: 0
    if "render" in without:
        for kind in (events.ENTER, events.EXIT):
            renderer.handlers[kind] = lambda ev: None
    if "decode" in without:
        engine.decode = False
    try:
        return session._loop(engine, renderer, None, output)
    finally:
        os.waitpid, engine_mod.FAST_PTRACE = real_waitpid, real_ptrace


def count(root, calls, without, python):
    """Instructions of `--replay calls` from checkout `root` (callgrind's total, on CPU 0)."""
    import bench                      # tools/bench.py: its valgrind run, for W1 as here
    env = dict(os.environ, PYTHONPATH=root)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    argv = [python, os.path.abspath(__file__), "--root", root, "--replay", str(calls)]
    if without:
        argv += ["--without", without]
    return bench._collected(0, argv, env)


def table(roots, calls, python):
    if shutil.which("valgrind") is None:
        sys.exit("pipeline_instructions: needs valgrind (apt-get install valgrind)")
    for root in roots:
        subprocess.call([python, "-m", "compileall", "-q", os.path.join(root, "minitrace"),
                         os.path.join(root, "syscalls")])
    if calls <= WARM_CALLS:
        sys.exit("pipeline_instructions: --calls must be more than %d" % WARM_CALLS)
    print("== instructions per W1 call in minitrace's pipeline, the kernel scripted "
          "(callgrind, %d calls minus %d)" % (calls, WARM_CALLS))
    print("%-24s" % "" + "".join("%14s" % os.path.basename(r.rstrip("/")) for r in roots))
    for label, without in VARIANTS:
        row = []
        for root in roots:
            row.append((count(root, calls, without, python) -
                        count(root, WARM_CALLS, without, python)) // (calls - WARM_CALLS))
        print("%-24s" % label + "".join("%14d" % n for n in row))
        sys.stdout.flush()


USAGE = ("usage: pipeline_instructions.py [--baseline DIR] [--calls N] | --replay N "
         "[--without render,decode] [--out FILE]")


def main(argv):
    opts = {"--calls": "2000", "--root": ROOT}
    while argv:
        if argv[0] in ("--baseline", "--calls", "--replay", "--without", "--out", "--root") \
                and len(argv) > 1:
            opts[argv[0]], argv = argv[1], argv[2:]
        else:
            sys.exit(USAGE)
    root = os.path.abspath(opts["--root"])
    if "--replay" in opts:
        sys.path.insert(0, root)
        without = [w for w in opts.get("--without", "").split(",") if w]
        if not set(without) <= {"render", "decode"}:
            sys.exit(USAGE)
        return replay(int(opts["--replay"]), without, opts.get("--out", os.devnull))
    roots = [root] + ([os.path.abspath(opts["--baseline"])] if "--baseline" in opts else [])
    table(roots, int(opts["--calls"]), sys.executable)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
