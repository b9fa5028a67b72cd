#!/usr/bin/env python3
"""strace 6.1's own test suite, pointed at minitrace: the scoreboard.

Usage: python3 tools/strace_suite.py [TEST ...] [--only PATTERN] [--passing] [--reference]
       [--write-docs] [--show TEST] [--cache DIR] [--jobs N] [--timeout S] [--results FILE]

The suite is an external oracle fetched at run time, never copied into this repository: the
source package strace=6.1-0.1 comes from Debian's archive through a private apt configuration
(its own sources folder holding one deb-src entry for bookworm main, its own lists, state and
archives under the cache; the machine's apt configuration is not touched), its release tarball
is unpacked into the cache (default ~/.cache/minitrace-strace-suite, or
$MINITRACE_STRACE_SUITE_CACHE, or --cache), configured and built with the test programs, once
(stamps in the tree; a second run reuses the build).

Each test of the Makefile's TESTS then runs as automake's driver runs it (`./run.sh ./T.test`,
srcdir=., a per-test time limit, --jobs at a time) with $STRACE an absolute path to a wrapper
named `strace` that runs minitrace from this checkout, or, with --reference, Debian's
/usr/bin/strace. Each result is pass, fail, skip (77), error (99) or timeout, with a one-line
reason in our own words. The last run of each tracer stays in the cache: runs/<tracer>/ holds
results.json, logs/T.log (what the test printed) and dirs/T.dir (its working folder);
`--show T` prints one test's log (its diff) for a developer.

--passing runs only the tests strace 6.1 passes here (docs/strace-suite-reference.txt);
--write-docs writes docs/strace-suite.md and docs/strace-suite-pass.txt from this run (and, with
--reference, docs/strace-suite-reference.txt). Exit status 0 when every test ran (whatever its
result), 1 on a problem of the tool itself (fetch, build).
"""
import argparse
import datetime
import fcntl
import fnmatch
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import privateapt  # noqa: E402  (apt with a configuration of its own)
from strace_suite_report import (  # noqa: E402  (statuses, reasons, the documents)
    DOC_MD, DOC_PASS, DOC_REFERENCE, KILL_GRACE, PASS, SKIP, ERROR, TIMEOUT, STARTUP_BOUND,
    SUITE_LIMIT, classify, counts, read_list, totals_text, write_docs, write_reference)

UPSTREAM_VERSION = "6.1"
PACKAGE = "strace"
DEB_VERSION = "6.1-0.1"
DEB_SUITE = "bookworm"
TARBALL = "strace_%s.orig.tar.xz" % UPSTREAM_VERSION
TREE = "strace-%s" % UPSTREAM_VERSION
# no per-ABI builds (mpers), no stack tracing library, no SELinux contexts: the tests of those
# features skip, under strace and minitrace alike
CONFIGURE_ARGS = ("--enable-mpers=no", "--without-libunwind", "--without-libdw",
                  "--without-libselinux")
# make variables the driver passes to run.sh (tests/Makefile's AM_TEST_LOG_FLAGS), plus the list
MAKE_VARIABLES = ("TESTS", "ARCH", "NATIVE_ARCH", "SIZEOF_KERNEL_LONG_T", "SIZEOF_LONG",
                  "MIPS_ABI")
REFERENCE_STRACE = "/usr/bin/strace"
TRACERS = ("minitrace", "strace")

# seconds: our limit of one test, so that a hang costs a minute of CI, not run.sh's own default
# (TIMEOUT_DURATION of tests/init.sh, SUITE_LIMIT)
DEFAULT_TIMEOUT = 60
# each test in an IPC namespace of its own (as root): the System V objects of a test killed by
# its time limit die with the namespace instead of being left on the machine
IPC_ALONE = (["unshare", "--ipc"] if os.geteuid() == 0 and shutil.which("unshare") else [])
# tests that run the tracer dozens to hundreds of times (loops over option or fault
# combinations) or sleep on purpose: 20 to 60 s under strace itself on a busy machine; they get
# LONG_FACTOR times the limit
LONG_TESTS = ("kill_child", "qual_signal", "qual_syscall", "delay", "strace--tips*", "times*",
              "read-write", "count", "printpath-umovestr", "printstrn-umoven", "*-syntax")
LONG_FACTOR = 5
# STARTUP_BOUND (strace_suite_report): tests that start the tracer a thousand times and more.
# They get run.sh's own limit; the ratchet in CI (--without-startup-bound) leaves them out
class SuiteError(Exception):
    pass


def log(msg):
    sys.stderr.write("strace_suite: %s\n" % msg)
    sys.stderr.flush()


def default_cache():
    return (os.environ.get("MINITRACE_STRACE_SUITE_CACHE")
            or os.path.join(os.path.expanduser("~"), ".cache", "minitrace-strace-suite"))


def run_logged(cmd, cwd, logfile, what):
    """Run CMD with its output in LOGFILE; on failure raise with the log's last lines."""
    with open(logfile, "w") as out:
        rc = subprocess.call(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL)
    if rc != 0:
        with open(logfile, errors="replace") as f:
            tail = f.read().splitlines()[-5:]
        raise SuiteError("%s failed (exit status %d; log %s): %s"
                         % (what, rc, logfile, " / ".join(tail)))


# ---------------------------------------------------------------- fetch (private apt)

def host_mirror():
    sys.path.insert(0, HERE)
    import qemu_proof  # the host's Debian archive URI, found as the qemu proof finds it
    try:
        return qemu_proof.host_mirror()
    except qemu_proof.ProofError as e:
        raise SuiteError(str(e))


def fetch(cache, mirror):
    """The orig tarball of strace 6.1 in CACHE/src (downloaded once), its path."""
    src = os.path.join(cache, "src")
    tarball = os.path.join(src, TARBALL)
    if os.path.exists(tarball):
        return tarball
    mirror = mirror or host_mirror()
    opts, parts = privateapt.options(os.path.join(cache, "apt"))
    privateapt.write_source(parts, "deb-src [signed-by=%s] %s %s main"
                            % (privateapt.KEYRING, mirror, DEB_SUITE), "strace-suite.list")
    logs = os.path.join(cache, "logs")
    for d in (src, logs):
        if not os.path.isdir(d):
            os.makedirs(d)
    log("apt-get update (deb-src %s %s main)" % (mirror, DEB_SUITE))
    run_logged(["apt-get"] + opts + ["-q", "update"], cache,
               os.path.join(logs, "apt-update.log"), "apt-get update")
    log("apt-get source --download-only %s=%s" % (PACKAGE, DEB_VERSION))
    run_logged(["apt-get"] + opts + ["-q", "source", "--download-only",
                                     "%s=%s" % (PACKAGE, DEB_VERSION)],
               src, os.path.join(logs, "apt-source.log"), "apt-get source")
    if not os.path.exists(tarball):
        raise SuiteError("apt-get source left no %s in %s" % (TARBALL, src))
    return tarball


# ---------------------------------------------------------------- unpack, configure, build

def stamp_path(tree, step):
    return os.path.join(tree, ".minitrace-suite-%s" % step)


def stamped(tree, step, content):
    try:
        with open(stamp_path(tree, step)) as f:
            return f.read() == content
    except (IOError, OSError):
        return False


def stamp(tree, step, content):
    with open(stamp_path(tree, step), "w") as f:
        f.write(content)


def prepare(cache, mirror=None):
    """The built tree (strace and the test programs) in CACHE, building what is missing."""
    tree = os.path.join(cache, TREE)
    configured = " ".join(CONFIGURE_ARGS) + "\n"
    if stamped(tree, "built", configured):
        return tree
    logs = os.path.join(cache, "logs")
    if not os.path.isdir(logs):
        os.makedirs(logs)
    started = time.time()
    if not stamped(tree, "configured", configured):
        tarball = fetch(cache, mirror)
        if os.path.isdir(tree):
            shutil.rmtree(tree)
        log("unpacking %s" % os.path.basename(tarball))
        with tarfile.open(tarball) as t:
            names = t.getnames()
            if any(n != TREE and not n.startswith(TREE + "/") for n in names):
                raise SuiteError("%s holds files outside %s/" % (tarball, TREE))
            t.extractall(cache)
        log("configure %s" % " ".join(CONFIGURE_ARGS))
        run_logged(["./configure"] + list(CONFIGURE_ARGS), tree,
                   os.path.join(logs, "configure.log"), "configure")
        stamp(tree, "configured", configured)
    jobs = "-j%d" % (os.cpu_count() or 1)
    log("make (strace)")
    run_logged(["make", jobs], tree, os.path.join(logs, "make.log"), "make")
    log("make -C tests check TESTS= (the test programs, not run)")
    run_logged(["make", jobs, "-C", "tests", "check", "TESTS="], tree,
               os.path.join(logs, "make-tests.log"), "make -C tests check")
    stamp(tree, "built", configured)
    log("built in %.0f s" % (time.time() - started))
    return tree


def make_variables(tree):
    """{name: value} of MAKE_VARIABLES as tests/Makefile expands them."""
    rules = "".join("print-%s: ; @echo '%s='$(%s)\n" % (v, v, v) for v in MAKE_VARIABLES)
    p = subprocess.Popen(["make", "-s", "-f", "Makefile", "-f", "-"]
                         + ["print-%s" % v for v in MAKE_VARIABLES],
                         cwd=os.path.join(tree, "tests"), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    out, err = p.communicate(rules)
    if p.returncode != 0:
        raise SuiteError("cannot read tests/Makefile's variables: %s" % err.strip())
    values = {}
    for line in out.splitlines():
        name, _, value = line.partition("=")
        values[name] = value.strip()
    return values


def test_name(script):
    """The name of a test script as init.sh names it: T of T.gen.test or T.test."""
    for ext in (".gen.test", ".test"):
        if script.endswith(ext):
            return script[:-len(ext)]
    return script


# ---------------------------------------------------------------- wrappers

def write_wrappers(cache, python):
    """Two executables named `strace`: minitrace from this checkout, and Debian's strace."""
    paths = {}
    for tracer in TRACERS:
        d = os.path.join(cache, "bin", tracer)
        if not os.path.isdir(d):
            os.makedirs(d)
        paths[tracer] = os.path.join(d, "strace")
    # minitrace names itself after sys.argv[0] (the tests expect `$STRACE_EXE: ...` in messages,
    # as strace's program_invocation_name gives): a script run by its #! line has the path the
    # tests ran there, and runpy leaves it alone (alter_sys=False). No shell between the test
    # and Python: dash resets an ignored SIGCHLD, which the tracee must inherit (sigign)
    code = ("import runpy, sys\nsys.path.insert(0, %r)\n"
            "runpy.run_module('minitrace', run_name='__main__')\n" % ROOT)
    scripts = {
        "minitrace": "#!%s\n%s" % (python, code),
        # bash: exec -a gives Debian's strace the name the tests expect in its messages
        "strace": "#!/bin/bash\nexec -a \"$0\" %s \"$@\"\n" % REFERENCE_STRACE,
    }
    # minitrace's byte code, as an installed copy has it: where PYTHONDONTWRITEBYTECODE is set,
    # each of the thousands of starts would otherwise compile every module again
    subprocess.check_call([python, "-m", "compileall", "-q", os.path.join(ROOT, "minitrace"),
                           os.path.join(ROOT, "syscalls")])
    for tracer, path in paths.items():
        with open(path, "w") as f:
            f.write(scripts[tracer])
        os.chmod(path, 0o755)
    return paths


# ---------------------------------------------------------------- running tests

def session_pids(sid):
    """The processes of session SID (a test and everything it started that stayed in it)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except (IOError, OSError):
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 3 and int(fields[3]) == sid:
            pids.append(int(entry))
    return pids


def kill_session(sid):
    """SIGKILL every process left in session SID (the test's own session)."""
    for _ in range(50):
        pids = session_pids(sid)
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.1)


# --long-only-passing: the longer limit only for tests on this set (docs/strace-suite-pass.txt):
# a long test minitrace does not pass yet would only spend minutes of CI reaching its limit
LONG_ONLY = None


def is_long(name):
    """Test NAME is one of LONG_TESTS."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in LONG_TESTS)


def time_limit(name, timeout):
    """The time limit of test NAME (run.sh's TIMEOUT_DURATION) when the default is TIMEOUT."""
    if name in STARTUP_BOUND:
        return max(SUITE_LIMIT, timeout)
    if is_long(name):
        if LONG_ONLY is None or name in LONG_ONLY:
            return timeout * LONG_FACTOR
    return timeout


ACTIVE = set()     # sessions of the tests running now (killed when the tool is terminated)


def on_terminate(signum, frame):
    for sid in list(ACTIVE):
        kill_session(sid)
    log("terminated by signal %d: the running tests were killed" % signum)
    os._exit(128 + signum)


class Runner(object):
    """Runs tests of TREE under one tracer, results and leftovers kept in CACHE/runs/TRACER."""

    def __init__(self, tree, cache, tracer, wrapper, timeout, variables):
        self.tests_dir = os.path.join(tree, "tests")
        self.tracer, self.wrapper, self.timeout = tracer, wrapper, timeout
        self.out = os.path.join(cache, "runs", tracer)
        self.logs, self.dirs = os.path.join(self.out, "logs"), os.path.join(self.out, "dirs")
        for d in (self.logs, self.dirs):
            if not os.path.isdir(d):
                os.makedirs(d)
        env = dict(os.environ)
        for name in ("VERBOSE", "STRACE_EXE", "LOG_COMPILER", "LOG_FLAGS"):
            env.pop(name, None)
        env.update({"srcdir": ".", "STRACE": wrapper,
                    "STRACE_ARCH": variables["ARCH"],
                    "STRACE_NATIVE_ARCH": variables["NATIVE_ARCH"],
                    "SIZEOF_KERNEL_LONG_T": variables["SIZEOF_KERNEL_LONG_T"],
                    "SIZEOF_LONG": variables["SIZEOF_LONG"],
                    "MIPS_ABI": variables["MIPS_ABI"]})
        self.env = env

    def run_one(self, script):
        name = test_name(script)
        logfile = os.path.join(self.logs, name + ".log")
        limit = time_limit(name, self.timeout)
        env = dict(self.env, TIMEOUT_DURATION=str(limit))
        started = time.time()
        timed_out = False
        with open(logfile, "w") as out:
            p = subprocess.Popen(IPC_ALONE + ["./run.sh", "./" + script], cwd=self.tests_dir,
                                 env=env,
                                 stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True)
            ACTIVE.add(p.pid)
            try:
                rc = p.wait(timeout=limit + KILL_GRACE)
            except subprocess.TimeoutExpired:
                timed_out = True
                kill_session(p.pid)
                rc = p.wait()
            kill_session(p.pid)
            ACTIVE.discard(p.pid)
        seconds = time.time() - started
        workdir = os.path.join(self.tests_dir, name + ".dir")
        kept = os.path.join(self.dirs, name + ".dir")
        if os.path.lexists(kept):
            shutil.rmtree(kept, ignore_errors=True)
        if os.path.isdir(workdir):
            os.rename(workdir, kept)
        with open(logfile, errors="replace") as f:
            text = f.read()
        status, reason = classify(rc, text, timed_out, limit, self.tracer)
        return name, status, reason, seconds, rc


def default_jobs():
    """Tests run at a time: twice the CPUs this process may use, at most MAX_JOBS. Most
    tests are short and the tracer and the test program take turns on one CPU; about 75 of
    them (the pidns-translation ones, 6 s each) sleep most of their time. On this project's
    2-vCPU VM the ratchet took 498 s with 2 at a time and 368 s with 4, using 1.74 CPUs."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return min(2 * cpus, MAX_JOBS)


MAX_JOBS = 16       # a big machine: the tests' own timing checks were never tried past this


def long_first(scripts):
    """The LONG_TESTS first, each group in its own order: the run does not end with one of
    them (up to 45 s) running alone."""
    return sorted(scripts, key=lambda script: not is_long(test_name(script)))


def run_tests(runner, scripts, jobs, progress=True):
    """{name: [status, reason, seconds, exit status]} of SCRIPTS, JOBS at a time (the long
    ones first)."""
    results = {}
    queue = long_first(scripts)
    lock = threading.Lock()
    total = len(queue)

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                script = queue.pop(0)
            name, status, reason, seconds, rc = runner.run_one(script)
            with lock:
                results[name] = [status, reason, round(seconds, 1), rc]
                if progress:
                    sys.stdout.write("[%d/%d] %s: %s%s (%.1f s)\n"
                                     % (len(results), total, name, status,
                                        "" if status == PASS else ", " + reason, seconds))
                    sys.stdout.flush()

    threads = [threading.Thread(target=worker) for _ in range(max(1, jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


# ---------------------------------------------------------------- selection, results

def select(scripts, names, patterns, passing, without_startup_bound=False):
    by_name = dict((test_name(s), s) for s in scripts)
    chosen = list(scripts)
    if without_startup_bound:
        chosen = [s for s in chosen if test_name(s) not in STARTUP_BOUND]
    if passing:
        keep = set(read_list(DOC_REFERENCE))
        chosen = [s for s in chosen if test_name(s) in keep]
    if patterns:
        chosen = [s for s in chosen
                  if any(fnmatch.fnmatchcase(test_name(s), p) for p in patterns)]
    if names:
        unknown = [n for n in names if test_name(n) not in by_name]
        if unknown:
            raise SuiteError("no such test: %s" % " ".join(unknown))
        wanted = set(test_name(n) for n in names)
        chosen = [s for s in chosen if test_name(s) in wanted]
    return chosen


def save_results(cache, tracer, results, complete):
    """Merge RESULTS into runs/TRACER/results.json (a subset run updates only its tests)."""
    path = os.path.join(cache, "runs", tracer, "results.json")
    old = {}
    if os.path.exists(path) and not complete:
        with open(path) as f:
            old = json.load(f).get("tests", {})
    old.update(results)
    with open(path, "w") as f:
        json.dump({"tracer": tracer, "updated": datetime.datetime.utcnow().isoformat() + "Z",
                   "tests": old}, f, indent=1, sort_keys=True)
    return path


def write_results(path, by_tracer):
    """{tracer: {test: [status, reason]}} in PATH."""
    with open(path, "w") as f:
        json.dump(dict((t, dict((n, r[:2]) for n, r in res.items()))
                       for t, res in by_tracer.items()), f, indent=1, sort_keys=True)


def load_results(cache, tracer):
    path = os.path.join(cache, "runs", tracer, "results.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f).get("tests", {})


def rescore(cache, tracer, timeout):
    """The reasons of TRACER's last run computed again from its logs (after a change of
    classify()); the results, rewritten."""
    results = load_results(cache, tracer)
    for name, r in results.items():
        status, reason = r[0], r[1]
        rc = r[3] if len(r) > 3 else {PASS: 0, SKIP: 77, ERROR: 99}.get(status, 1)
        logfile = os.path.join(cache, "runs", tracer, "logs", name + ".log")
        if not os.path.exists(logfile):
            continue
        with open(logfile, errors="replace") as f:
            text = f.read()
        killed = status == TIMEOUT and "(killed)" in reason
        r[0], r[1] = classify(rc, text, killed, time_limit(name, timeout), tracer)
    save_results(cache, tracer, results, True)
    return results


# ---------------------------------------------------------------- show

def show(cache, name, tracer):
    name = test_name(name)
    results = load_results(cache, tracer)
    logfile = os.path.join(cache, "runs", tracer, "logs", name + ".log")
    if not os.path.exists(logfile):
        raise SuiteError("no log of %s under %s: run it first (tools/strace_suite.py %s)"
                         % (name, tracer, name))
    r = results.get(name)
    sys.stdout.write("== %s under %s: %s\n" % (name, tracer,
                                                "%s, %s" % (r[0], r[1]) if r and r[1] else r[0] if r else "?"))
    sys.stdout.write("== log: %s\n== working folder: %s\n\n"
                     % (logfile, os.path.join(cache, "runs", tracer, "dirs", name + ".dir")))
    with open(logfile, errors="replace") as f:
        sys.stdout.write(f.read())


def update_docs(by_tracer, all_names):
    """The reference list from strace's results (all tests), then the scoreboard and the pass
    list from minitrace's."""
    if "strace" in by_tracer:
        if len(by_tracer["strace"]) != len(all_names):
            raise SuiteError("the reference list needs strace's results of every test")
        write_reference(by_tracer["strace"], REFERENCE_STRACE)
        log("wrote %s" % os.path.relpath(DOC_REFERENCE, ROOT))
    if "minitrace" in by_tracer:
        mine = by_tracer["minitrace"]
        write_docs(mine, read_list(DOC_REFERENCE), all_names, len(mine) == len(all_names))
        log("wrote %s and %s"
            % (os.path.relpath(DOC_MD, ROOT), os.path.relpath(DOC_PASS, ROOT)))


# ---------------------------------------------------------------- main

class CacheLock(object):
    """One run at a time per cache: runs share the build tree's tests/ folder."""

    def __init__(self, cache):
        if not os.path.isdir(cache):
            os.makedirs(cache)
        self.f = open(os.path.join(cache, ".lock"), "w")

    def __enter__(self):
        try:
            fcntl.flock(self.f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (IOError, OSError):
            log("waiting for another run using this cache to finish (or use --cache DIR)")
            fcntl.flock(self.f, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.f, fcntl.LOCK_UN)
        self.f.close()


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="strace_suite.py",
        description="Run strace 6.1's test suite against minitrace (and strace 6.1).")
    ap.add_argument("tests", nargs="*", metavar="TEST",
                    help="tests to run (T, T.test or T.gen.test); default: every test")
    ap.add_argument("--only", action="append", default=[], metavar="PATTERN",
                    help="run the tests whose name matches PATTERN (shell wildcards; repeatable)")
    ap.add_argument("--passing", action="store_true",
                    help="only the tests strace 6.1 passes (docs/strace-suite-reference.txt)")
    ap.add_argument("--reference", action="store_true",
                    help="also run Debian's /usr/bin/strace over the same tests")
    ap.add_argument("--reference-only", action="store_true",
                    help="run only Debian's /usr/bin/strace")
    ap.add_argument("--write-docs", action="store_true",
                    help="write docs/strace-suite.md and docs/strace-suite-pass.txt (and "
                         "docs/strace-suite-reference.txt with --reference)")
    ap.add_argument("--show", metavar="TEST",
                    help="print the log of TEST's last run (with --reference-only: strace's)")
    ap.add_argument("--cache", default=default_cache(),
                    help="cache folder (default $MINITRACE_STRACE_SUITE_CACHE or "
                         "~/.cache/minitrace-strace-suite)")
    ap.add_argument("--mirror", help="Debian archive URI (default: the host's apt sources)")
    ap.add_argument("--jobs", type=int, default=default_jobs(),
                    help="tests run at a time (default: twice the CPUs, %(default)s here)")
    ap.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT,
                    help="time limit of one test in seconds (default %d; %d times that for "
                         "the few long ones of LONG_TESTS, run.sh's own %d s for those that "
                         "start the tracer a thousand times)"
                    % (DEFAULT_TIMEOUT, LONG_FACTOR, SUITE_LIMIT))
    ap.add_argument("--long-only-passing", action="store_true",
                    help="the longer limit of LONG_TESTS only for the tests on "
                         "docs/strace-suite-pass.txt (the ratchet)")
    ap.add_argument("--without-startup-bound", action="store_true",
                    help="leave out the tests that start the tracer a thousand times and more "
                         "(%s; the ratchet in CI)" % ", ".join(STARTUP_BOUND))
    ap.add_argument("--results", metavar="FILE",
                    help="also write {tracer: {test: [status, reason]}} of this run to FILE")
    ap.add_argument("--rescore", action="store_true",
                    help="compute the reasons of each tracer's last run again from its logs, "
                         "no test run (with --write-docs: the docs from those runs)")
    ap.add_argument("--build-only", action="store_true",
                    help="fetch and build, run nothing")
    ap.add_argument("-q", "--quiet", action="store_true", help="no line per test")
    return ap.parse_args(argv)


def main(argv=None):
    global LONG_ONLY
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.long_only_passing:
        import strace_suite_report
        LONG_ONLY = set(strace_suite_report.read_list(strace_suite_report.DOC_PASS))
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_terminate)
    cache = os.path.abspath(args.cache)
    try:
        if args.show:
            show(cache, args.show, "strace" if args.reference_only else "minitrace")
            return 0
        if args.rescore:
            rescored = {}
            with CacheLock(cache):      # not while a run rewrites the logs
                for tracer in TRACERS:
                    rescored[tracer] = rescore(cache, tracer, args.timeout)
            for tracer in TRACERS:
                c = counts(rescored[tracer])
                log("%s: %s" % (tracer, totals_text(c)))
            if args.results:
                write_results(args.results, rescored)
            if args.write_docs:
                variables = make_variables(os.path.join(cache, TREE))
                all_names = [test_name(s) for s in variables["TESTS"].split()]
                if not args.reference:
                    del rescored["strace"]
                update_docs(rescored, all_names)
            return 0
        subset = bool(args.tests or args.only)
        if args.write_docs and subset:
            raise SuiteError("--write-docs needs a run over every test (or --passing)")
        with CacheLock(cache):
            tree = prepare(cache, args.mirror)
            if args.build_only:
                return 0
            variables = make_variables(tree)
            scripts = variables["TESTS"].split()
            all_names = [test_name(s) for s in scripts]
            chosen = select(scripts, args.tests, args.only, args.passing,
                            args.without_startup_bound)
            wrappers = write_wrappers(cache, sys.executable)
            tracers = (["strace"] if args.reference_only else
                       ["minitrace", "strace"] if args.reference else ["minitrace"])
            complete = len(chosen) == len(scripts)
            everything = {}
            for tracer in tracers:
                log("%d tests under %s (%d at a time, %d s each at most)"
                    % (len(chosen), tracer, args.jobs, args.timeout))
                started = time.time()
                runner = Runner(tree, cache, tracer, wrappers[tracer], args.timeout, variables)
                results = run_tests(runner, chosen, args.jobs, progress=not args.quiet)
                elapsed = time.time() - started
                path = save_results(cache, tracer, results, complete)
                c = counts(results)
                log("%s: %s in %.0f s (results: %s)"
                    % (tracer, totals_text(c), elapsed, path))
                everything[tracer] = results
            if args.results:
                write_results(args.results, everything)
            if args.write_docs:
                update_docs(everything, all_names)
        return 0
    except SuiteError as e:
        log("error: %s" % e)
        return 1


if __name__ == "__main__":
    sys.exit(main())
