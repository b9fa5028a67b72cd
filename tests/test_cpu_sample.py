"""tools/cpu_sample.py: the sampled CPU profile of a real trace names the engine's loop and the
lines it spends its time in, and the trace it ran is a normal one."""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "cpu_sample.py")


def test_profile_of_a_trace(tmp_path):
    report = tmp_path / "report"
    trace = tmp_path / "trace"
    run = subprocess.run(
        [sys.executable, TOOL, "--out", str(report), "--top", "200", "--", "-o", str(trace),
         "dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert trace.read_text().count("read(0, ") == 20000        # the trace itself is whole
    text = report.read_text()
    samples = int(re.match(r"samples (\d+)\n", text).group(1))
    assert samples >= 20, text                  # 40,000 calls take well over 0.1 s of CPU
    sections = re.split(r"^-- .*\n", text, flags=re.M)
    assert len(sections) == 4, text
    inclusive = dict((row.split()[1], float(row.split()[0].rstrip("%")))
                     for row in sections[1].splitlines())
    # every sample of the trace is taken inside the engine's loop, which cli.main runs
    assert inclusive["minitrace/cli.py:main"] > 90, text
    assert inclusive["minitrace/engine/loop.py:events"] > 50, text
    lines = sections[3].splitlines()
    # `PATH:FUNCTION:LINE` (a frozen module's path has a space: `<frozen importlib._bootstrap>`)
    assert all(re.match(r" *\d+\.\d\d%  .+:.+:(\d+|\?)$", row) for row in lines), lines
    # shares of one whole (each rounded to 0.01)
    assert sum(float(row.split()[0].rstrip("%")) for row in lines) <= 100 + 0.005 * len(lines)
