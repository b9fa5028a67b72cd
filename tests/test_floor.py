"""tools/floor.py (the bare CPython ptrace loop of tools/bench.py's `floor` column) follows
forks and execs to the end and exits with the traced command's status."""
import os
import subprocess
import sys
import pytest

import syscalls
from minitrace import arch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOOR = os.path.join(ROOT, "tools", "floor.py")


def test_floor_follows_forks_and_keeps_the_status(ptrace_ok):
    cmd = [sys.executable, FLOOR, "sh", "-c",
           "for i in 1 2 3; do /bin/echo $i; done; (exit 7) & wait $!; exit $?"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, universal_newlines=True)
    out, _ = p.communicate(timeout=120)
    assert out.split() == ["1", "2", "3"]
    assert p.returncode == 7


def test_floor_with_spin_delivers_signals(ptrace_ok):
    cmd = [sys.executable, FLOOR, "--spin", "50", "sh", "-c", "kill -TERM $$"]
    assert subprocess.call(cmd, timeout=120) == 128 + 15


@pytest.mark.parametrize("printing", [False, True], ids=["floor", "floor-print"])
def test_floor_attached_follows_new_threads_and_leaves_the_process_running(ptrace_ok, printing,
                                                                          tmp_path):
    """-p PID (W4's floor): the process goes on making threads while attached, and after the
    floor is interrupted (SIGINT, as bench.py ends it), untraced. With --print FILE (W4's
    floor-print), FILE holds the threads' writes once the floor is interrupted."""
    import select
    import signal
    import time
    prog = ("import sys, threading\n"
            "for line in sys.stdin:\n"
            "    t = threading.Thread(target=lambda: print(line.strip(), flush=True))\n"
            "    t.start(); t.join()\n")
    server = subprocess.Popen([sys.executable, "-c", prog], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, universal_newlines=True, bufsize=1)
    floor = None
    try:
        def ask(word):
            server.stdin.write(word + "\n")
            server.stdin.flush()
            ready, _, _ = select.select([server.stdout], [], [], 60)
            assert ready, "the process did not answer %s" % word
            return server.stdout.readline().strip()
        assert ask("before") == "before"
        printed = str(tmp_path / "lines")
        floor = subprocess.Popen([sys.executable, FLOOR] +
                                 (["--print", printed] if printing else []) +
                                 ["-p", str(server.pid)],
                                 stderr=subprocess.PIPE, universal_newlines=True)
        assert "attached" in floor.stderr.readline()
        assert [ask("traced%d" % i) for i in range(3)] == ["traced0", "traced1", "traced2"]
        tracer = [line.split()[1] for line in open("/proc/%d/status" % server.pid)
                  if line.startswith("TracerPid:")]
        assert tracer == [str(floor.pid)]
        floor.send_signal(signal.SIGINT)
        floor.wait(timeout=60)
        end = time.time() + 30
        while time.time() < end and tracer != ["0"]:
            tracer = [line.split()[1] for line in open("/proc/%d/status" % server.pid)
                      if line.startswith("TracerPid:")]
            time.sleep(0.01)
        assert tracer == ["0"]
        assert ask("after") == "after"
        if printing:
            with open(printed) as f:
                lines = f.read().splitlines()
            for i in range(3):
                word = "".join("%02x" % c for c in b"traced%d" % i)   # print writes "\n" apart
                assert "write(1, %s, 7) = 7" % word in lines, "\n".join(lines)
        else:
            assert not os.path.exists(printed)
    finally:
        if floor is not None and floor.poll() is None:
            floor.kill()
            floor.wait()
        server.kill()
        server.wait()
        for f in (server.stdin, server.stdout) + ((floor.stderr,) if floor else ()):
            f.close()


def test_floor_count_counts_the_calls_strace_counts(ptrace_ok, tmp_path):
    """--count FILE (W1-c's floor-count): the calls and errors of each syscall number, as
    `strace -f -c` counts them for the same command (the times are not compared)."""
    names = syscalls.table(arch.for_machine().ABIS[0]).names
    cmd = ["/bin/sh", "-c", "for i in 1 2 3; do /bin/ls /nonexistent-dir; done 2>/dev/null;"
           " dd if=/dev/zero of=/dev/null bs=1 count=200 2>/dev/null"]
    counted = str(tmp_path / "count")
    assert subprocess.call([sys.executable, FLOOR, "--count", counted] + cmd, timeout=120) == 0
    got = {}
    with open(counted) as f:
        for line in f:
            nr, calls, errors, spent = line.split()
            got[names[int(nr)]] = (int(calls), int(errors))
            assert float(spent) >= 0
    table = str(tmp_path / "strace")
    assert subprocess.call(["/usr/bin/strace", "-f", "-c", "-o", table] + cmd, timeout=120) == 0
    want = {}
    with open(table) as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 5 and fields[0][0].isdigit() and fields[-1] != "total":
                errors = int(fields[4]) if len(fields) == 6 else 0
                want[fields[-1]] = (int(fields[3]), errors)
    assert want["read"][0] >= 200 and want["write"][0] >= 200, want
    assert got == want


def test_floor_read_shows_the_memory_of_each_call(ptrace_ok, tmp_path):
    """--read FILE (floor-read): each call's line carries the tracee memory strace reads for
    it, in hex: a path, a struct stat, a sent and a received buffer, the entry count of a
    getdents64 buffer."""
    import struct
    folder = tmp_path / "dir"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / name).write_text(name)
    prog = ("import os, socket, sys\n"
            "os.stat(sys.argv[1]); os.listdir(sys.argv[1])\n"
            "a, b = socket.socketpair(); a.send(b'hello'); b.recv(5)\n")
    lines_file = str(tmp_path / "lines")
    assert subprocess.call([sys.executable, FLOOR, "--read", lines_file, sys.executable, "-c",
                            prog, str(folder)], timeout=120) == 0
    with open(lines_file) as f:
        lines = f.read().splitlines()
    path = str(folder).encode().hex()[:64]
    st = os.stat(str(folder))
    stat_head = struct.pack("<QQ", st.st_dev, st.st_ino).hex()

    def line_of(name, *parts):
        found = [line for line in lines if line.startswith(name + "(") and
                 all(part in line for part in parts)]
        assert found, "no %s line with %s in:\n%s" % (name, parts, "\n".join(lines))
        return found

    line_of("newfstatat", path, ", " + stat_head)
    line_of("openat", path)
    line_of("getdents64", "/* 5 entries */")      # a, b, c, . and ..
    line_of("sendto", "68656c6c6f")
    line_of("recvfrom", "68656c6c6f")
