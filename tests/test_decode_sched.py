"""Offline tests of the scheduler decoders (decode/sched.py) and of the -X / -e verbose= forms
of process-family constants: fake tracee memory in, the lines strace 6.1 printed for
tests/progs/decode_sched.c and decode_process.c out (x86_64)."""
import struct

from minitrace import printers

from decodertest import call_line

RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose", verbose=True)
NO_DEREF = printers.Style(deref=False)
ATTR = 0x7ffeedcd3eb0
PARAM = 0x7ffd0d8d066c


def attr(size, policy=0, flags=0, nice=0, prio=0, runtime=1400000, util=(0, 0)):
    return struct.pack("<IIQiIQQQII", size, policy, flags, nice, prio, runtime, 0, 0, *util)


def test_getscheduler_names_the_policy_in_the_result():
    assert call_line("sched_getscheduler", [0], 0) == "sched_getscheduler(0) = 0 (SCHED_OTHER)"
    assert call_line("sched_getscheduler", [0], 0x40000003) == (
        "sched_getscheduler(0) = 1073741827")
    assert call_line("sched_getscheduler", [999999], -3) == (
        "sched_getscheduler(999999) = -1 ESRCH (No such process)")


def test_policies_known_unknown_and_styles():
    assert call_line("sched_get_priority_max", [1], 99) == "sched_get_priority_max(SCHED_FIFO) = 99"
    assert call_line("sched_get_priority_min", [99], -22) == (
        "sched_get_priority_min(0x63 /* SCHED_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("sched_get_priority_max", [1], 99, style=VERBOSE) == (
        "sched_get_priority_max(0x1 /* SCHED_FIFO */) = 99")
    assert call_line("sched_get_priority_max", [1], 99, style=RAW) == (
        "sched_get_priority_max(0x1) = 99")


def test_sched_param_is_an_int():
    mem = {PARAM: struct.pack("<i", 5)}
    assert call_line("sched_setscheduler", [0, 0x4d, PARAM], -22, mem) == (
        "sched_setscheduler(0, 0x4d /* SCHED_??? */, [5]) = -1 EINVAL (Invalid argument)")
    assert call_line("sched_getparam", [0, PARAM], 0, mem) == "sched_getparam(0, [5]) = 0"
    assert call_line("sched_getparam", [0, 0], -22) == (
        "sched_getparam(0, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("sched_setparam", [0, PARAM], 0, mem, style=NO_DEREF) == (
        "sched_setparam(0, 0x7ffd0d8d066c) = 0")


def test_getattr_prints_what_the_kernel_wrote():
    mem = {ATTR: attr(56)}
    assert call_line("sched_getattr", [0, ATTR, 56, 0], 0, mem) == (
        "sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, "
        "sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0, "
        "sched_util_min=0, sched_util_max=0}, 56, 0) = 0")
    mem = {ATTR: attr(48)}
    assert call_line("sched_getattr", [0, ATTR, 48, 0], 0, mem) == (
        "sched_getattr(0, {size=48, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, "
        "sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0}, 48, 0) = 0")
    assert call_line("sched_getattr", [0, ATTR, 12, 0], -22, mem) == (
        "sched_getattr(0, 0x7ffeedcd3eb0, 12, 0) = -1 EINVAL (Invalid argument)")


def test_setattr_reads_its_own_size_and_flags():
    mem = {ATTR: attr(48, flags=0x1001, nice=3)}
    assert call_line("sched_setattr", [0, ATTR, 0], -22, mem) == (
        "sched_setattr(0, {size=48, sched_policy=SCHED_OTHER, "
        "sched_flags=SCHED_FLAG_RESET_ON_FORK|0x1000, sched_nice=3, sched_priority=0, "
        "sched_runtime=1400000, sched_deadline=0, sched_period=0}, 0) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("sched_setattr", [0, 8, 0], -14) == (
        "sched_setattr(0, 0x8, 0) = -1 EFAULT (Bad address)")
    assert call_line("sched_setattr", [0, ATTR, 0], 0, mem, style=NO_DEREF) == (
        "sched_setattr(0, 0x7ffeedcd3eb0, 0) = 0")


def test_rr_interval_and_priorities():
    ts = 0x7ffd0d8d0620
    mem = {ts: struct.pack("<qq", 0, 100000000)}
    assert call_line("sched_rr_get_interval", [0, ts], 0, mem) == (
        "sched_rr_get_interval(0, {tv_sec=0, tv_nsec=100000000}) = 0")
    assert call_line("sched_rr_get_interval", [0, 8], -14) == (
        "sched_rr_get_interval(0, 0x8) = -1 EFAULT (Bad address)")
    assert call_line("getpriority", [1, 0], 20) == "getpriority(PRIO_PGRP, 0) = 20"
    assert call_line("getpriority", [9, 0], -22) == (
        "getpriority(0x9 /* PRIO_??? */, 0) = -1 EINVAL (Invalid argument)")
    assert call_line("setpriority", [0, 0, (-30) & 0xffffffff], 0) == (
        "setpriority(PRIO_PROCESS, 0, -30) = 0")


def test_personality_domain_and_flags_in_every_style():
    assert call_line("personality", [0x40008], 0x40000) == (
        "personality(PER_LINUX32|ADDR_NO_RANDOMIZE) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)")
    assert call_line("personality", [0x40008], 0, style=RAW) == (
        "personality(0x8|0x40000) = 0 (0)")
    assert call_line("personality", [0xffffffff], 0x40008, style=VERBOSE) == (
        "personality(0xffffffff) = 0x40008 (0x8 /* PER_LINUX32 */|"
        "0x40000 /* ADDR_NO_RANDOMIZE */)")


def test_signals_follow_x_but_wait_status_does_not():
    assert call_line("kill", [999999, 40], -3, style=VERBOSE) == (
        "kill(999999, 40 /* SIGRT_8 */) = -1 ESRCH (No such process)")
    assert call_line("kill", [999999, 15], -3, style=RAW) == (
        "kill(999999, 15) = -1 ESRCH (No such process)")
    assert call_line("kill", [999999, 77], -3, style=VERBOSE) == (
        "kill(999999, 77) = -1 ESRCH (No such process)")
    assert call_line("clone", [0x1200011, 0, 0, 0x2100650, 0], 5, style=VERBOSE) == (
        "clone(child_stack=NULL, flags=0x1200000 /* CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID */"
        "|17 /* SIGCHLD */, child_tidptr=0x2100650) = 5")
    status = 0x7ffc0000
    mem = {status: struct.pack("<i", 9)}
    assert call_line("wait4", [5, status, 0, 0], 5, mem, style=RAW) == (
        "wait4(5, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 5")


def test_sigsets_follow_x():
    mask = 0x7ffc1000
    mem = {mask: struct.pack("<Q", (1 << 9) | (1 << 39))}
    assert call_line("rt_sigprocmask", [0, mask, 0, 8], 0, mem, style=VERBOSE) == (
        "rt_sigprocmask(0 /* SIG_BLOCK */, [10 /* USR1 */ 40 /* RT_8 */], NULL, 8) = 0")
    assert call_line("rt_sigprocmask", [0, mask, 0, 8], 0, mem, style=RAW) == (
        "rt_sigprocmask(0, [10 40], NULL, 8) = 0")


def test_verbose_none_prints_structures_as_addresses_and_strings_as_text():
    st = 0x7ffeb831d670
    mem = {st: b"\0" * 144, 0x5000: b"hello\0"}
    assert call_line("newfstatat", [3, 0x5000, st, 0x1000], 0, mem, style=NO_DEREF) == (
        'newfstatat(3, "hello", 0x7ffeb831d670, AT_EMPTY_PATH) = 0')
    assert call_line("write", [1, 0x5000, 5], 5, mem, style=NO_DEREF) == (
        'write(1, "hello", 5) = 5')
    argv = 0x7fff31c4e7f8
    mem[argv] = struct.pack("<QQ", 0x5000, 0)
    assert call_line("execve", [0x5000, argv, argv], 0, mem, style=NO_DEREF) == (
        'execve("hello", 0x7fff31c4e7f8, 0x7fff31c4e7f8) = 0')
    assert call_line("getdents64", [3, 0x5000, 32768], 0, mem, style=NO_DEREF) == (
        "getdents64(3, 0x5000, 32768) = 0")


def test_sysinfo():
    addr = 0x7ffc2000
    mem = {addr: struct.pack("<q3Q6QHH4xQQI4x", 16879, 59264, 42784, 22720, 25276502016,
                             23922188288, 9084928, 13799424, 0, 0, 94, 0, 0, 0, 1)}
    assert call_line("sysinfo", [addr], 0, mem) == (
        "sysinfo({uptime=16879, loads=[59264, 42784, 22720], totalram=25276502016, "
        "freeram=23922188288, sharedram=9084928, bufferram=13799424, totalswap=0, freeswap=0, "
        "procs=94, totalhigh=0, freehigh=0, mem_unit=1}) = 0")
    assert call_line("sysinfo", [addr], 0, mem, style=NO_DEREF) == "sysinfo(0x7ffc2000) = 0"


def attr_bytes(size, policy=0, flags=0, nice=0, prio=0, runtime=0, deadline=0, period=0,
               umin=0, umax=0):
    return struct.pack("<IIQiIQQQII", size, policy, flags, nice, prio, runtime, deadline, period,
                       umin, umax)


def test_setattr_keep_flags_leave_fields_out():
    a = 0x7f0000002000
    mem = {a: attr_bytes(56, 1, 0x8, -3, 5, 7, 8, 9, 10, 11)}
    assert call_line("sched_setattr", [0, a, 0], -22, mem) == (
        "sched_setattr(0, {size=56, sched_flags=SCHED_FLAG_KEEP_POLICY, sched_nice=-3, "
        "sched_priority=5, sched_runtime=7, sched_deadline=8, sched_period=9, "
        "sched_util_min=10, sched_util_max=11}, 0) = -1 EINVAL (Invalid argument)")
    mem = {a: attr_bytes(48, 0x80000001, 0x10)}
    assert call_line("sched_setattr", [0, a, 0], -22, mem) == (
        "sched_setattr(0, {size=48, sched_policy=0x80000001 /* SCHED_??? */, "
        "sched_flags=SCHED_FLAG_KEEP_PARAMS}, 0) = -1 EINVAL (Invalid argument)")
    # the struct's own size is printed as it is (0 reads VER0; a huge one is cut, `...`)
    mem = {a: attr_bytes(0, 2, 0, 0, 1)}
    assert call_line("sched_setattr", [0, a, 0], 0, mem) == (
        "sched_setattr(0, {size=0, sched_policy=SCHED_RR, sched_flags=0, sched_nice=0, "
        "sched_priority=1, sched_runtime=0, sched_deadline=0, sched_period=0}, 0) = 0")
    mem = {a: attr_bytes(1000) + b"\0" * 1000}
    assert call_line("sched_setattr", [0, a, 0], -7, mem).startswith(
        "sched_setattr(0, {size=1000, sched_policy=SCHED_OTHER, ")
    assert call_line("sched_setattr", [0, a, 0], -7, mem).endswith(
        "sched_util_min=0, sched_util_max=0, ...} => {size=1000}, 0) = "
        "-1 E2BIG (Argument list too long)")


def test_setattr_e2big_writes_the_size_back():
    a = 0x7f0000002000
    # entry reads the caller's size (8: too short for any field); the kernel writes its own
    mem = {a: struct.pack("<I", 8)}
    assert call_line("sched_setattr", [0, a, 0], -7, mem, exit_mem={a: struct.pack("<I", 56)}) == (
        "sched_setattr(0, {size=8} => {size=56}, 0) = -1 E2BIG (Argument list too long)")
    mem = {a: struct.pack("<I", 56)}
    assert call_line("sched_setattr", [0, a, 0], -7, mem,
                     style=printers.Style(deref=False)) == (
        "sched_setattr(0, 0x7f0000002000, 0) = -1 E2BIG (Argument list too long)")


def test_getattr_reads_what_the_kernel_wrote_within_the_size():
    a = 0x7f0000002000
    mem = {a: attr_bytes(56, 0, 0, 0, 0, 1400000)}
    assert call_line("sched_getattr", [0, a, 48, 0], 0, mem) == (
        "sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, "
        "sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0, "
        "sched_util_min=0, sched_util_max=0}, 48, 0) = 0")


def test_getcpu_at_exit():
    cpu, node, cache = 0x10000, 0x20000, 0x30000
    mem = {cpu: struct.pack("<I", 1), node: struct.pack("<I", 0xffffffff)}
    assert call_line("getcpu", [0, 0, 0], 0) == "getcpu(NULL, NULL, NULL) = 0"
    assert call_line("getcpu", [cpu, node, cache], -14, mem) == (
        "getcpu(0x10000, 0x20000, 0x30000) = -1 EFAULT (Bad address)")
    assert call_line("getcpu", [cpu, node, cache], 0, mem) == (
        "getcpu([1], [4294967295], 0x30000) = 0")
