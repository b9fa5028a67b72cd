"""The main use case, soaked: `-f -p PID` on a live threaded HTTP server (the standard
library's, on 127.0.0.1) while a client process makes a bounded number of requests, then
detach with SIGINT; 20 cycles. In every cycle and for each tracer (strace, minitrace, minitrace
--json) on the same run shape: no request fails, the `Process N attached` lines (--json:
`attach` events) number 1 + one per request thread and the `+++ exited` lines (--json: `exit`
events) one per request thread, as strace's; after each detach the server is untraced
(TracerPid 0 in every thread), not stopped, and still answers."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

import tracecmp as tc

pytestmark = [pytest.mark.usefixtures("ptrace_ok"), pytest.mark.slow]

CYCLES = 20
REQUESTS = 8
DEADLINE = 60.0          # seconds any one step may take on a loaded machine

SERVER = r'''
import http.server, socketserver, sys
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok %s\n" % self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = Server(("127.0.0.1", 0), Handler)
sys.stdout.write("%d\n" % server.server_address[1])
sys.stdout.flush()
server.serve_forever()
'''

CLIENT = r'''
import sys, urllib.request
port, count = int(sys.argv[1]), int(sys.argv[2])
for i in range(count):
    with urllib.request.urlopen("http://127.0.0.1:%d/r%d" % (port, i), timeout=60) as r:
        if r.status != 200 or r.read() != b"ok /r%d\n" % i:
            sys.exit("request %d failed" % i)
'''


def wait_for(cond, what, timeout=DEADLINE):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return
        time.sleep(0.01)
    if not cond():
        pytest.fail("timed out waiting until %s" % what)


def task_status(pid):
    """{tid: (state letter, TracerPid)} of every thread of pid."""
    out = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/status" % (pid, tid)) as f:
                fields = dict(l.split(":", 1) for l in f.read().splitlines() if ":" in l)
        except OSError:
            continue
        out[int(tid)] = (fields["State"].split()[0], int(fields["TracerPid"]))
    return out


def run_client(port, count):
    client = subprocess.Popen([sys.executable, "-c", CLIENT, str(port), str(count)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = client.communicate(timeout=DEADLINE * 2)[0].decode("utf-8", "replace")
    return client.returncode, out


def one_round(server, port, argv0, extra, tmp):
    """Attach, let the client make its requests, wait until every request thread has been
    reaped, detach with SIGINT. Returns (stderr, trace text)."""
    trace = os.path.join(tmp, "trace")
    err_path = os.path.join(tmp, "err")
    with open(err_path, "wb") as err:
        tracer = subprocess.Popen(argv0 + ["-f", "-o", trace] + extra +
                                  ["-p", str(server.pid)], stdout=subprocess.DEVNULL,
                                  stderr=err, stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
    try:
        wait_for(lambda: task_status(server.pid)[server.pid][1] == tracer.pid
                 or tracer.poll() is not None, "the tracer attached")
        assert tracer.poll() is None, open(err_path).read()
        rc, out = run_client(port, REQUESTS)
        assert rc == 0, "a request failed under %s: %s" % (argv0[0], out)
        # every request thread is gone (reaped by the tracer, so its exit was seen)
        wait_for(lambda: len(task_status(server.pid)) == 1, "the request threads ended")
        tracer.send_signal(signal.SIGINT)
        tracer.wait(timeout=DEADLINE)
    finally:
        if tracer.poll() is None:
            tracer.kill()
            tracer.wait()
    with open(err_path) as f:
        err_text = f.read()
    with open(trace) as f:
        trace_text = f.read()
    return err_text, trace_text


def counts(err, trace, json_out):
    """(attached, exited) as lines, or as --json events."""
    if json_out:
        events = [json.loads(l) for l in trace.splitlines() if l.startswith("{")]
        return (sum(1 for e in events if e.get("type") == "attach"),
                sum(1 for e in events if e.get("type") == "exit"))
    return (sum(1 for l in err.splitlines() if l.endswith(" attached")),
            sum(1 for l in trace.splitlines() if "+++ exited with" in l))


def test_soak_attach_detach_http_server():
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp(prefix="soak")
    tools = (("strace", [tc.STRACE], [], False),
             ("minitrace", [sys.executable, "-m", "minitrace"], [], False),
             ("minitrace --json", [sys.executable, "-m", "minitrace"], ["--json"], True))
    try:
        port = int(server.stdout.readline())
        seen = []
        for cycle in range(CYCLES):
            got = {}
            for name, argv0, extra, json_out in tools:
                err, trace = one_round(server, port, argv0, extra, tmp)
                assert "Traceback" not in err and "internal error" not in err, err
                got[name] = counts(err, trace, json_out)
                # the server is released: untraced, running, answering
                wait_for(lambda: all(tracer_pid == 0 and state not in "tT" for state, tracer_pid
                                     in task_status(server.pid).values()),
                         "the server was released after %s" % name, timeout=10)
                assert server.poll() is None, "the server died under %s" % name
                rc, out = run_client(port, 1)
                assert rc == 0, "the server stopped answering after %s: %s" % (name, out)
            seen.append(got)
            assert got["strace"] == (1 + REQUESTS, REQUESTS), (cycle, got)
            assert got["minitrace"] == got["strace"], (cycle, got)
            assert got["minitrace --json"] == got["strace"], (cycle, got)
        assert len(seen) == CYCLES
    finally:
        server.kill()
        server.wait()
        server.stdout.close()
        shutil.rmtree(tmp, ignore_errors=True)
