"""tools/pipeline_instructions.py --replay: W1's calls through minitrace's whole pipeline with
the kernel scripted give strace's lines (what its valgrind counts measure is the real work);
without rendering, no syscall line is made."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "pipeline_instructions.py")


def replay(tmp_path, *extra):
    out = str(tmp_path / "trace")
    proc = subprocess.run([sys.executable, TOOL, "--replay", "4", "--out", out] + list(extra),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                          universal_newlines=True)
    assert proc.returncode == 0, proc.stderr
    with open(out) as f:
        return f.read()


def test_replay_prints_w1_lines_as_strace(tmp_path):
    write = 'write(1, "\\0", 1)'.ljust(39) + " = 1\n"
    read = 'read(0, "\\0", 1)'.ljust(39) + " = 1\n"
    assert replay(tmp_path) == write + read + write + read + "+++ exited with 0 +++\n"


def test_replay_without_rendering_or_decoding(tmp_path):
    assert replay(tmp_path, "--without", "render") == "+++ exited with 0 +++\n"
    undecoded = replay(tmp_path, "--without", "decode")
    assert undecoded.count("write(") == 2 and '"\\0"' not in undecoded


def test_bad_arguments_are_one_line(tmp_path):
    proc = subprocess.run([sys.executable, TOOL, "--without", "everything", "--replay", "2"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                          universal_newlines=True)
    assert proc.returncode != 0 and proc.stderr.startswith("usage:")
    assert len(proc.stderr.splitlines()) == 1
