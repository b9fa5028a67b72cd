"""Every value of every option is checked before anything starts, as strace 6.1 checks it.

Table-driven: each row is a command line with one bad (or borderline) value; /usr/bin/strace
and minitrace both run it, named `strace` (minitrace takes its name from argv[0], as strace
does), and must print the same message and exit with the same status. The command is `touch
MARKER`: a tracer that started it before failing leaves the marker behind.
Also: the name in messages follows argv[0]; Python 2 gets one line; `/* 1 var */`;
`python3 -m syscalls` defaults to the host's ABI.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

import tracecmp as tc

# (options...) -- each row is refused by strace before it starts anything
REFUSED = [
    ["-a", "99999999999999999999"], ["-a", "9223372036854775807"], ["-a", "2147483648"],
    ["-a", "2147483647"], ["-a", "-1"], ["-a", "1x"], ["-a", ""], ["--columns=12abc"],
    ["-s", "99999999999999999999"], ["-s", "2147483648"], ["-s", "1073741824"], ["-s", "-1"],
    ["--string-limit=-42"], ["-s", "0x10"],
    ["-e", "trace="], ["-e", "trace=openat@99"], ["-e", "trace=getcwd@"], ["-e", "trace=!"],
    ["-e", "trace=,"], ["-e", "trace=nosuchcall"], ["-e", "trace=%nosuchclass"],
    ["-e", "trace=99999"], ["-e", "trace=1x"], ["-e", "trace=23@42,123"], ["-e", "trace=creds"],
    ["--trace=/getcwd@ohmy"], ["-e", "raw="], ["-e", "abbrev=nosuch"], ["-e", "verbose=,"],
    ["-e", "signal="], ["-e", "signal=SIGNOPE"], ["-e", "signal=256"], ["-e", "signal=all,HUP"],
    ["-e", "status="], ["-e", "status=done"], ["-e", "quiet="], ["--quiet=detach"],
    ["-e", "read="], ["-e", "read=-1"], ["-e", "read=2147483648"], ["-e", "write=abc"],
    ["-e", "decode-fds="], ["--decode-fds=p"], ["--decode-pids="], ["--decode-pids=chdir"],
    ["-e", "inject="], ["-e", "inject=open"], ["-e", "inject=openat:error=4096"],
    ["-e", "inject=openat:error=0"], ["-e", "inject=openat:error=ENOPE"],
    ["-e", "inject=openat:retval=1:error=2"], ["-e", "inject=openat:when=0:error=1"],
    ["-e", "inject=openat:when=65536:error=1"], ["-e", "inject=openat:when=3..2:error=1"],
    ["-e", "inject=openat:when=1+0:error=1"], ["-e", "inject=openat:signal=0"],
    ["-e", "inject=openat:signal=65"], ["-e", "inject=openat:delay_enter=-1"],
    ["-e", "inject=openat:syscall=getpid"], ["-e", "inject=openat:syscall=openat:error=1"],
    ["-e", "inject=openat:poke_enter=@arg8=00"], ["-e", "inject=openat:poke_exit=@arg1=0"],
    ["-e", "inject=openat:poke_enter=@arg1=zz"], ["-e", "fault=openat:retval=0"],
    ["-e", "fault=openat:signal=HUP"], ["-e", "fault=:error=1"], ["-e", "fault=nosuch"],
    ["-e", "kvm=chdir"],
    ["-O", "-1"], ["-O", "1x"], ["-O", "99999999999999999999"], ["-O", ""],
    ["-I", "0"], ["-I", "5"], ["-I", "0x1"], ["-I", "nev"], ["--interruptible=abc"],
    ["-p", "0"], ["-p", "-42"], ["-p", "99999999999"], ["-p", "2147483648"], ["-p", "1,a"],
    ["-b", "chdir"], ["-X", "foo"], ["--const-print-style=a"],
    ["-S", "foo"], ["-U", "foo"], ["-c", "-U", "time,,name"],
    ["-c", "-U", "time,time_percent,time_total"],
    ["-u", ":nosuchuser:"], ["--tips=foo"], ["--tips=id:rand"], ["--tips=2147483648"],
    ["--absolute-timestamps=foo"], ["--timestamps=format:s"], ["--timestamps=precision:none"],
    ["--relative-timestamps=n"], ["--syscall-times=ss"], ["--strings-in-hex=al"],
    ["--daemonize=pgr"], ["-DDDD"], ["-D", "--daemonize"], ["-t", "--timestamps"],
    ["-x", "--strings-in-hex"], ["-y", "--decode-fds"], ["-f", "--follow-forks"],
    ["-q", "--quiet"], ["-c", "-C"], ["-c", "-ff", "-o", "x"], ["-w"],
    ["-o", "|cat", "-ff"], ["--secontext"], ["-e", "trace=%FILE"], ["-e", "trace=File"], ["-e", "secontext=full"],
    ["--seccomp-bpf", "-w"], ["-F", "-w"],
    # -e trace=/REGEX is a POSIX extended regex (regcomp), its error in regerror's words
    ["-e", "trace=/{id"], ["-e", "trace=/+id"], ["-e", "trace=/(id"], ["-e", "trace=/[id"],
    ["-e", "trace=/a{1,2"], ["-e", "trace=/\\"], ["-e", "trace=/[[:foo:]]"],
    ["-e", "trace=/a{99999}"],
]


def _strace(args, cwd):
    p = subprocess.Popen(["strace"] + args, executable=tc.STRACE, cwd=cwd,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=60)
    return err.decode("utf-8", "replace"), p.returncode


def _minitrace(args, cwd, argv0="strace"):
    code = ("import sys; sys.path.insert(0, %r); sys.argv[0] = %r; "
            "from minitrace.cli import main; sys.exit(main())" % (tc.MINITRACE_ROOT, argv0))
    p = subprocess.Popen([sys.executable, "-c", code] + args, cwd=cwd,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=60)
    return err.decode("utf-8", "replace"), p.returncode


@pytest.fixture
def workdir():
    d = tempfile.mkdtemp(prefix="cli_values")
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.mark.parametrize("args", REFUSED, ids=[" ".join(a) or "''" for a in REFUSED])
def test_refused_like_strace_before_starting(args, workdir):
    cmd = ["touch", "MARKER"]
    serr, src = _strace(args + cmd, workdir)
    assert src != 0, "strace accepted %s: the row is wrong" % args
    assert not os.path.exists(os.path.join(workdir, "MARKER"))
    merr, mrc = _minitrace(args + cmd, workdir)
    assert "Traceback" not in merr and "internal error" not in merr, merr
    assert (merr, mrc) == (serr, src), "strace %s" % " ".join(args)
    assert not os.path.exists(os.path.join(workdir, "MARKER")), "minitrace started the command"


# accepted by both: the command runs and both exit 0
ACCEPTED = [
    ["-a", "0"], ["-a", "+7"], ["-s", "1073741823"], ["-s", "0"], ["-e", "trace=openat@64"],
    ["-e", "trace=getcwd@32"], ["-e", "trace=getcwd@x32"], ["-e", "trace=file"],
    ["-e", "trace=?nosuch,openat"], ["-e", "trace=all"], ["-e", "trace=!none"],
    ["-e", "signal=0,255,SIGRT_1,hup"], ["-e", "quiet=exits,superseded"],
    ["-e", "inject=getpid:error=einval:when=2..4+"], ["-e", "fault=getppid:when=3+"],
    ["-e", "inject=getpid:retval=0x10"], ["-e", "inject=getpid:delay_exit=1.5us"],
    ["-e", "inject=getpid:poke_enter=@arg1=00ff"], ["-I", "always"], ["-I", "4"],
    ["-O", "1.5ms"], ["-O", "2"], ["--tips=format:none"],
    ["--absolute-timestamps=format:unix,precision:ms"], ["--timestamps=ns,format:unix"],
    ["--decode-pids=comm,pidns"], ["-Y"], ["--pidns-translation"], ["-c", "-U", "time,name"],
    ["-S", "time_avg"], ["--daemonize=SESSION"], ["--failing-only"],
    ["-e", "trace=/^[[:alpha:]]+at$"], ["-e", "trace=/^ope*n**at$"],
    ["-e", "trace=/\\d"], ["-e", "trace=/^.{5}$"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=[" ".join(a) for a in ACCEPTED])
def test_accepted_like_strace(args, workdir):
    cmd = ["-o", os.path.join(workdir, "log"), "touch", "MARKER"]
    serr, src = _strace(args + cmd, workdir)
    assert src == 0 and os.path.exists(os.path.join(workdir, "MARKER")), serr
    os.unlink(os.path.join(workdir, "MARKER"))
    merr, mrc = _minitrace(args + cmd, workdir)
    assert (merr, mrc) == (serr, 0)
    assert os.path.exists(os.path.join(workdir, "MARKER"))


@pytest.mark.parametrize("argv0, name", [("strace", "strace"), ("/opt/x/strace", "/opt/x/strace"),
                                         ("/w/minitrace/__main__.py", "minitrace")])
def test_messages_carry_the_invoked_name(argv0, name, workdir):
    merr, mrc = _minitrace(["-a", "x", "true"], workdir, argv0=argv0)
    assert merr == ("%s: invalid -a argument: 'x'\nTry '%s -h' for more information.\n"
                    % (name, name)), merr
    assert mrc == 1


def test_python_module_run_says_minitrace(workdir):
    m, merr, mrc = tc.run_minitrace(["-s", "-3"], ["true"], output="stderr")
    assert merr.startswith("minitrace: invalid -s argument: '-3'\n"), merr


def _python2():
    root = subprocess.check_output(["pyenv", "root"]).decode().strip()
    found = sorted(p for p in (os.path.join(root, "versions", v, "bin", "python")
                               for v in os.listdir(os.path.join(root, "versions"))
                               if v.startswith("2.")) if os.path.exists(p))
    if not found:
        pytest.skip("no Python 2 interpreter under pyenv")
    return found[0]


def test_python2_gets_one_line(workdir):
    python2 = _python2()
    p = subprocess.Popen([python2, "-m", "minitrace", "true"], cwd=tc.MINITRACE_ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=60)
    assert err.decode() == "minitrace: needs Python 3.6 or later (this is Python 2.7)\n"
    assert p.returncode == 1
    pyz = os.path.join(workdir, "m.pyz")
    subprocess.check_call([sys.executable, os.path.join(tc.ROOT, "tools", "make_pyz.py"),
                           "-o", pyz], stdout=subprocess.DEVNULL)
    p = subprocess.Popen([python2, pyz, "true"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=60)
    assert err.decode() == "minitrace: needs Python 3.6 or later (this is Python 2.7)\n"
    assert p.returncode == 1


def test_one_var_is_singular():
    """execve's environment summary: strace writes `/* 1 var */` (the count of a one-element
    array read from the tracee's memory: tests/progs via /usr/bin/env -i)."""
    env_cmd = ["/usr/bin/env", "-i", "A=1", "/bin/true"]
    s, _, _ = tc.run_strace(["-f", "-e", "trace=execve"], env_cmd)
    m, _, _ = tc.run_minitrace(["-f", "-e", "trace=execve"], env_cmd)
    pick = [l for l in s if "/bin/true" in l and "execve(" in l]
    mine = [l for l in m if "/bin/true" in l and "execve(" in l]
    assert pick and "/* 1 var */" in pick[-1], s
    assert mine and "/* 1 var */" in mine[-1], m


def _syscalls(*args):
    p = subprocess.Popen([sys.executable, "-m", "syscalls"] + list(args), cwd=tc.ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=60)
    return out.decode(), err.decode(), p.returncode


def test_syscalls_explorer_defaults_to_the_host_abi():
    import syscalls
    from minitrace.arch import for_machine
    host = for_machine().ABIS[0]
    nr = syscalls.table(host).numbers["execve"]
    out, err, rc = _syscalls(str(nr))
    assert rc == 0, err
    assert out.startswith("execve\nnumbers:\n  %-8s %d " % (host, nr)), out
    out, err, rc = _syscalls("--list")
    assert rc == 0 and "%d\texecve\t" % nr in out, err
    other = "aarch64" if host != "aarch64" else "x86_64"
    out, err, rc = _syscalls("--abi", other, "openat")
    listed = [l.split()[0] for l in out.splitlines() if l.startswith("  ")]
    assert listed == [other, other], out        # its number and its registers, nothing else
