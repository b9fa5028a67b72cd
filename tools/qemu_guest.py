"""The workloads of tools/qemu_proof.py, run INSIDE the emulated machine by its /init.

Each case runs under strace and under `python3 -m minitrace` with the same options, the same
environment and the same working directory, once as is and once with the fallback switches
(MINITRACE_NO_SYSCALL_INFO=1 MINITRACE_NO_PROCESS_VM_READV=1: registers read from the arch
regset, memory from /proc/PID/mem; strace gets the same variables so the tracee's environment is
the same). Every trace file and the tracer's stderr are printed on the console between marker
lines that tools/qemu_proof.py parses:

    @@MT BEGIN <case> <variant> <tool> <part>     part: a trace file name, or "stderr"
    ...lines...
    @@MT END
    @@MT STATUS <case> <variant> <tool> <exit status>

Usage (guest): python3 qemu_guest.py MINITRACE_DIR. Stdlib only; never run on the host.
"""
import os
import shutil
import signal
import subprocess
import sys
import time

MT_DIR = sys.argv[1] if len(sys.argv) > 1 else "/mt"
WORK = "/tmp/proof"
PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
FIRST_PID = 30001     # below 32768, the largest pid_max of a 32-bit kernel
FALLBACK = {"MINITRACE_NO_SYSCALL_INFO": "1", "MINITRACE_NO_PROCESS_VM_READV": "1"}
TOOLS = {"strace": ["strace"], "minitrace": [sys.executable, "-m", "minitrace"]}

# name -> (tracer options before -o, command); "-ff" cases write one file per process
CASES = [
    ("true", [], ["/bin/true"]),
    ("fail-open", [], ["/bin/cat", "/nonexistent"]),
    ("fork-exec", ["-ff"], ["/bin/sh", "-c", "/bin/true; /bin/true x; /bin/cat /nonexistent; exit 3"]),
    # a dynamically linked program: the loader, mmap, stat structs, the ABI's file calls; -B
    # writes no bytecode, so every run makes the same calls
    ("python", [], [sys.executable, "-S", "-B", "-c", "import os; os.listdir('/mt')"]),
]
ATTACH_CASES = ["attach-detach", "attach-kill"]
# -k (stack traces), run only when the guest has a strace built with libunwind at K_STRACE
# (tools/qemu_proof.py --k-oracle; Debian's own arm64 strace is built without -k)
K_STRACE = "/usr/bin/strace-k"
K_CASES = [
    ("k-true", ["-k"], ["/bin/true"]),
    ("k-python", ["-k"], [sys.executable, "-S", "-B", "-c", "import os; os.listdir('/mt')"]),
    ("k-ff", ["-k", "-ff"], ["/bin/sh", "-c", "/bin/true; /bin/cat /nonexistent; exit 3"]),
]


def emit(head, lines):
    out = ["@@MT BEGIN " + head]
    out.extend(l.rstrip("\n") for l in lines)
    out.append("@@MT END")
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()


def read_lines(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace").splitlines()


def tracer_env(variant):
    env = {"PATH": PATH, "HOME": "/", "LANG": "C"}
    if variant == "fallback":
        env.update(FALLBACK)
    return env


def report(case, variant, tool, folder, rc):
    for name in sorted(os.listdir(folder)):
        emit("%s %s %s %s" % (case, variant, tool, name), read_lines(os.path.join(folder, name)))
    sys.stdout.write("@@MT STATUS %s %s %s %s\n" % (case, variant, tool, rc))
    sys.stdout.flush()


def same_pids():
    """Make the next process get pid FIRST_PID, in every run (the kernel hands out the number
    after ns_last_pid): strace's and minitrace's tracees then have the same, large, pids."""
    try:
        with open("/proc/sys/kernel/ns_last_pid", "w") as f:
            f.write(str(FIRST_PID - 1))
    except OSError as e:
        sys.stdout.write("@@MT NOTE cannot set ns_last_pid: %s\n" % e)


def fresh(case, variant, tool):
    folder = os.path.join(WORK, case, variant, tool)
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    return folder


def run_case(case, opts, cmd, variant, tool):
    folder = fresh(case, variant, tool)
    out = os.path.join(folder, "trace")
    with open(os.path.join(folder, "stderr"), "wb") as ef:
        same_pids()
        tracer = [K_STRACE] if tool == "strace" and "-k" in opts else TOOLS[tool]
        rc = subprocess.call(tracer + opts + ["-o", out] + cmd, cwd=MT_DIR,
                             env=tracer_env(variant), stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=ef)
    report(case, variant, tool, folder, rc)


def wait_for(path, text, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if os.path.exists(path) and text in open(path, "rb").read().decode("utf-8", "replace"):
            return True
        time.sleep(0.05)
    return False


def run_attach(case, variant, tool):
    """Attach with -p to a sleeping process; detach with SIGINT to the tracer (attach-detach) or
    let the tracee be killed by SIGTERM while traced (attach-kill)."""
    folder = fresh(case, variant, tool)
    out = os.path.join(folder, "trace")
    err = os.path.join(folder, "stderr")
    same_pids()
    sleeper = subprocess.Popen(["/bin/sleep", "600"], env=tracer_env(variant), cwd=MT_DIR,
                               stdin=subprocess.DEVNULL)
    time.sleep(0.2)                       # let it reach its nanosleep
    with open(err, "wb") as ef:
        tracer = subprocess.Popen(TOOLS[tool] + ["-o", out, "-p", str(sleeper.pid)], cwd=MT_DIR,
                                  env=tracer_env(variant), stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=ef)
    if not wait_for(err, "attached", 120):
        sys.stdout.write("@@MT NOTE %s %s %s: no 'attached' message\n" % (case, variant, tool))
    time.sleep(0.5)
    if case == "attach-detach":
        tracer.send_signal(signal.SIGINT)
        rc = tracer.wait()
        sleeper.kill()
        sleeper.wait()
    else:
        sleeper.send_signal(signal.SIGTERM)
        sleeper.wait()
        rc = tracer.wait()
    report(case, variant, tool, folder, rc)


def main():
    version = subprocess.check_output(["strace", "-V"]).decode().split("\n")[0].split()[-1]
    k_cases = K_CASES if os.path.exists(K_STRACE) else []
    sys.stdout.write("@@MT GUEST %s python %s strace %s%s\n"
                     % (os.uname()[4], sys.version.split()[0], version,
                        " with -k cases" if k_cases else ""))
    for variant in ("plain", "fallback"):
        for case, opts, cmd in CASES + k_cases:
            for tool in ("strace", "minitrace"):
                run_case(case, opts, cmd, variant, tool)
        for case in ATTACH_CASES:
            for tool in ("strace", "minitrace"):
                run_attach(case, variant, tool)
    sys.stdout.write("@@MT DONE\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
