"""Offline tests of the System V and POSIX IPC decoders: raw arguments and fake tracee memory
in, the line strace 6.1 printed for the same call out (x86_64 tracee; the lines come from
tests/progs/decode_ipc.c under strace)."""
import struct

from decodertest import call_line

from minitrace import printers

A = 0x7ffd0000
B = 0x7ffe0000
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")


def perm(key=0, uid=0, gid=0, cuid=0, cgid=0, mode=0o600):
    return struct.pack("<iIIIIIHH4xQQ", key, uid, gid, cuid, cgid, mode, 1, 0, 0, 0)


def test_shmget():
    assert call_line("shmget", [0, 4096, 0o1000 | 0o600], 5) == (
        "shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600) = 5")
    assert call_line("shmget", [0x4d542a58, 8192, 0o3640], -17) == (
        "shmget(0x4d542a58, 8192, IPC_CREAT|IPC_EXCL|0640) = -1 EEXIST (File exists)")
    assert call_line("shmget", [0x4d542a59, 4096, 0], -2) == (
        "shmget(0x4d542a59, 4096, 000) = -1 ENOENT (No such file or directory)")
    assert call_line("shmget", [0x4d542a5a, 4096, 0o11600], 2) == (
        "shmget(0x4d542a5a, 4096, IPC_CREAT|SHM_NORESERVE|0600) = 2")
    huge = 0o5600 | (21 << 26)
    assert call_line("shmget", [0x4d542a5b, 2097152, huge], -12) == (
        "shmget(0x4d542a5b, 2097152, IPC_CREAT|SHM_HUGETLB|21<<SHM_HUGE_SHIFT|0600) = "
        "-1 ENOMEM (Cannot allocate memory)")
    assert call_line("shmget", [0x4d542a5b, 2097152, huge], 3, style=RAW) == (
        "shmget(0x4d542a5b, 2097152, 0xa00|21<<26|0600) = 3")
    assert call_line("shmget", [0, 4096, huge], 3, style=VERBOSE) == (
        "shmget(0 /* IPC_PRIVATE */, 4096, 0xa00 /* IPC_CREAT|SHM_HUGETLB */|21<<26 "
        "/* SHM_HUGE_SHIFT */|0600) = 3")


def test_shmat_shmdt():
    assert call_line("shmat", [0, 0, 0], 0x7ff8d2115000) == "shmat(0, NULL, 0) = 0x7ff8d2115000"
    assert call_line("shmat", [0, 0, 0o30000], 0x7ff8d2114000) == (
        "shmat(0, NULL, SHM_RDONLY|SHM_RND) = 0x7ff8d2114000")
    assert call_line("shmat", [0xffffffff, 0, 0], -22) == (
        "shmat(-1, NULL, 0) = -1 EINVAL (Invalid argument)")
    assert call_line("shmdt", [0x7ff8d2115000], 0) == "shmdt(0x7ff8d2115000) = 0"


def test_shmctl():
    ds = perm() + struct.pack("<QqqqiiQQQ", 4096, 1795709542, 0, 1795709542, 10840, 10840, 2,
                              0, 0)
    assert call_line("shmctl", [0, 2, A], 0, {A: ds}) == (
        "shmctl(0, IPC_STAT, {shm_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, "
        "shm_segsz=4096, shm_cpid=10840, shm_lpid=10840, shm_nattch=2, shm_atime=1795709542, "
        "shm_dtime=0, shm_ctime=1795709542}) = 0")
    ds = perm(mode=0o640) + ds[48:]
    assert call_line("shmctl", [0, 1, A], 0, {A: ds}) == (
        "shmctl(0, IPC_SET, {shm_perm={uid=0, gid=0, mode=0640}}) = 0")
    info = struct.pack("<9Q", 18446744073692774399, 1, 4096, 4096, 18446744073692774399,
                       0, 0, 0, 0)
    assert call_line("shmctl", [0, 3, A], 2, {A: info}) == (
        "shmctl(0, IPC_INFO, {shmmax=18446744073692774399, shmmin=1, shmmni=4096, "
        "shmseg=4096, shmall=18446744073692774399}) = 2")
    info = struct.pack("<i4x5Q", 3, 4, 0, 0, 0, 0)
    assert call_line("shmctl", [0, 14, A], 2, {A: info}) == (
        "shmctl(0, SHM_INFO, {used_ids=3, shm_tot=4, shm_rss=0, shm_swp=0, swap_attempts=0, "
        "swap_successes=0}) = 2")
    assert call_line("shmctl", [0, 2, 8], -14) == (
        "shmctl(0, IPC_STAT, 0x8) = -1 EFAULT (Bad address)")
    assert call_line("shmctl", [0xffffffff, 2, A], -22, {A: ds}) == (
        "shmctl(-1, IPC_STAT, 0x7ffd0000) = -1 EINVAL (Invalid argument)")
    assert call_line("shmctl", [0, 99, 0], -22) == (
        "shmctl(0, 0x63 /* SHM_??? */, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("shmctl", [0, 99, 0], -22, style=RAW) == (
        "shmctl(0, 0x63, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("shmctl", [54, 0x102, A], -22) == (
        "shmctl(54, IPC_64|IPC_STAT, 0x7ffd0000) = -1 EINVAL (Invalid argument)")
    assert call_line("shmctl", [54, 0x102, A], -22, style=VERBOSE) == (
        "shmctl(54, 0x100 /* IPC_64 */|0x2 /* IPC_STAT */, 0x7ffd0000) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("shmctl", [0, 0, 0], 0) == "shmctl(0, IPC_RMID, NULL) = 0"
    assert call_line("shmctl", [54, 11, 0], 0) == "shmctl(54, SHM_LOCK, NULL) = 0"


def sembufs(*ops):
    return b"".join(struct.pack("<HhH", *op) for op in ops)


def test_semget_semop():
    assert call_line("semget", [0, 2, 0o1600], 0) == (
        "semget(IPC_PRIVATE, 2, IPC_CREAT|0600) = 0")
    assert call_line("semget", [0x4d542a58, 1, 0o3666], 1) == (
        "semget(0x4d542a58, 1, IPC_CREAT|IPC_EXCL|0666) = 1")
    assert call_line("semget", [0x4d542a58, 1, 0o3666], 1, style=RAW) == (
        "semget(0x4d542a58, 1, 0x600|0666) = 1")
    m = {A: sembufs((0, 1, 0))}
    assert call_line("semtimedop", [0, A, 1, 0], 0, m) == (
        "semtimedop(0, [{sem_num=0, sem_op=1, sem_flg=0}], 1, NULL) = 0")
    m = {A: sembufs((0, -1, 0x1000), (1, 2, 0x1800))}
    assert call_line("semtimedop", [0, A, 2, 0], 0, m) == (
        "semtimedop(0, [{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO}, {sem_num=1, sem_op=2, "
        "sem_flg=SEM_UNDO|IPC_NOWAIT}], 2, NULL) = 0")
    m = {A: sembufs((1, -5, 0)), B: struct.pack("<qq", 0, 1000000)}
    assert call_line("semtimedop", [0, A, 1, B], -11, m) == (
        "semtimedop(0, [{sem_num=1, sem_op=-5, sem_flg=0}], 1, {tv_sec=0, tv_nsec=1000000}) = "
        "-1 EAGAIN (Resource temporarily unavailable)")
    assert call_line("semtimedop", [0, 8, 1, 0], -14) == (
        "semtimedop(0, 0x8, 1, NULL) = -1 EFAULT (Bad address)")
    m = {A: sembufs((0, 0, 0x4800))}
    assert call_line("semop", [36, A, 1], 0, m) == (
        "semop(36, [{sem_num=0, sem_op=0, sem_flg=IPC_NOWAIT|0x4000}], 1) = 0")
    assert call_line("semop", [36, 0, 0], -22) == (
        "semop(36, NULL, 0) = -1 EINVAL (Invalid argument)")


def test_semctl():
    assert call_line("semctl", [0, 0, 16, 7], 0) == "semctl(0, 0, SETVAL, 0x7) = 0"
    assert call_line("semctl", [0, 0, 12, 0], 7) == "semctl(0, 0, GETVAL, NULL) = 7"
    assert call_line("semctl", [0, 1, 14, 0], 0) == "semctl(0, 1, GETNCNT, NULL) = 0"
    assert call_line("semctl", [0, 0, 11, 0], 10840) == "semctl(0, 0, GETPID, NULL) = 10840"
    assert call_line("semctl", [0, 0, 17, 0x7ffd83dadb5c], 0) == (
        "semctl(0, 0, SETALL, 0x7ffd83dadb5c) = 0")
    ds = perm() + struct.pack("<qQqQQQQ", 1795709542, 0, 1795709542, 0, 2, 0, 0)
    assert call_line("semctl", [0, 0, 2, A], 0, {A: ds}) == (
        "semctl(0, 0, IPC_STAT, {sem_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, "
        "sem_otime=1795709542, sem_ctime=1795709542, sem_nsems=2}) = 0")
    assert call_line("semctl", [0, 0, 1, A], 0, {A: perm(mode=0o640) + ds[48:]}) == (
        "semctl(0, 0, IPC_SET, {sem_perm={uid=0, gid=0, mode=0640}}) = 0")
    info = struct.pack("<10i", 1024000000, 32000, 1024000000, 1024000000, 32000, 500, 500, 20,
                       32767, 32767)
    assert call_line("semctl", [0, 0, 3, A], 1, {A: info}) == (
        "semctl(0, 0, IPC_INFO, {semmap=1024000000, semmni=32000, semmns=1024000000, "
        "semmnu=1024000000, semmsl=32000, semopm=500, semume=500, semusz=20, semvmx=32767, "
        "semaem=32767}) = 1")
    assert call_line("semctl", [0xffffffff, 0, 2, A], -22, {A: ds}) == (
        "semctl(-1, 0, IPC_STAT, 0x7ffd0000) = -1 EINVAL (Invalid argument)")
    assert call_line("semctl", [0, 0, 99, 0], -22) == (
        "semctl(0, 0, 0x63 /* SEM_??? */, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("semctl", [4, 0, 16, 7], 0, style=VERBOSE) == (
        "semctl(4, 0, 0x10 /* SETVAL */, 0x7) = 0")
    assert call_line("semctl", [0, 0, 0, 0], 0) == "semctl(0, 0, IPC_RMID, NULL) = 0"


def msg(mtype, text):
    return struct.pack("<q", mtype) + text


def test_msg():
    assert call_line("msgget", [0xe10849be, 0o1644], 32810) == (
        "msgget(0xe10849be, IPC_CREAT|0644) = 32810")
    assert call_line("msgget", [0, 0o3600], 1) == (
        "msgget(IPC_PRIVATE, IPC_CREAT|IPC_EXCL|0600) = 1")
    assert call_line("msgsnd", [0, A, 5, 0], 0, {A: msg(1, b"hello")}) == (
        'msgsnd(0, {mtype=1, mtext="hello"}, 5, 0) = 0')
    text = b"a longer message that is over thirty-two bytes"
    assert call_line("msgsnd", [0, A, 46, 0o4000], 0, {A: msg(2, text)}) == (
        'msgsnd(0, {mtype=2, mtext="a longer message that is over th"...}, 46, IPC_NOWAIT) = 0')
    assert call_line("msgsnd", [0, 8, 4, 0], -14) == (
        "msgsnd(0, 0x8, 4, 0) = -1 EFAULT (Bad address)")
    assert call_line("msgsnd", [36, A, 0, 0x100800], 0, {A: msg(2, b"")}) == (
        'msgsnd(36, {mtype=2, mtext=""}, 0, IPC_NOWAIT|0x100000) = 0')
    assert call_line("msgrcv", [0, A, 64, 0, 0], 5, {A: msg(1, b"hello" + b"\0" * 59)}) == (
        'msgrcv(0, {mtype=1, mtext="hello\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0'
        '\\0\\0\\0\\0\\0\\0\\0\\0\\0"...}, 64, 0, 0) = 5')
    assert call_line("msgrcv", [0, A, 10, 2, 0o10000], 10, {A: msg(2, text)}) == (
        'msgrcv(0, {mtype=2, mtext="a longer m"}, 10, 2, MSG_NOERROR) = 10')
    assert call_line("msgrcv", [0, A, 64, (1 << 64) - 3, 0o24000], -42, {A: msg(2, text)}) == (
        "msgrcv(0, 0x7ffd0000, 64, -3, MSG_EXCEPT|IPC_NOWAIT) = "
        "-1 ENOMSG (No message of desired type)")
    ds = perm(key=1297361496, mode=0o644) + struct.pack(
        "<qqqQQQiiQQ", 1795709542, 1795709542, 1795709542, 0, 0, 16384, 10840, 10840, 0, 0)
    assert call_line("msgctl", [0, 2, A], 0, {A: ds}) == (
        "msgctl(0, IPC_STAT, {msg_perm={uid=0, gid=0, mode=0644, key=1297361496, cuid=0, "
        "cgid=0}, msg_stime=1795709542, msg_rtime=1795709542, msg_ctime=1795709542, "
        "msg_qnum=0, msg_qbytes=16384, msg_lspid=10840, msg_lrpid=10840}) = 0")
    ds = ds[:48 + 40] + struct.pack("<Q", 8192) + ds[48 + 48:]
    assert call_line("msgctl", [0, 1, A], 0, {A: ds}) == (
        "msgctl(0, IPC_SET, {msg_perm={uid=0, gid=0, mode=0644}, msg_qbytes=8192}) = 0")
    info = struct.pack("<7iH2x", 512000, 16384, 8192, 16384, 32000, 16, 16384, 65535)
    assert call_line("msgctl", [0, 3, A], 1, {A: info}) == (
        "msgctl(0, IPC_INFO, {msgpool=512000, msgmap=16384, msgmax=8192, msgmnb=16384, "
        "msgmni=32000, msgssz=16, msgtql=16384, msgseg=65535}) = 1")
    assert call_line("msgctl", [0, 99, 0], -22) == (
        "msgctl(0, 0x63 /* MSG_??? */, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("msgctl", [0, 0, 0], -22) == (
        "msgctl(0, IPC_RMID, NULL) = -1 EINVAL (Invalid argument)")


def attr(flags, maxmsg, msgsize, cur):
    return struct.pack("<4q", flags, maxmsg, msgsize, cur) + b"\0" * 32


def test_mq():
    m = {A: b"q\0", B: attr(0, 10, 8192, 0)}
    assert call_line("mq_open", [A, 0o102, 0o600, B], 3, m) == (
        'mq_open("q", O_RDWR|O_CREAT, 0600, {mq_flags=0, mq_maxmsg=10, mq_msgsize=8192, '
        'mq_curmsgs=0}) = 3')
    assert call_line("mq_open", [A, 0, 0o600, B], 4, m) == 'mq_open("q", O_RDONLY) = 4'
    assert call_line("mq_open", [A, 0o4101, 0o644, 0], 5, m) == (
        'mq_open("q", O_WRONLY|O_CREAT|O_NONBLOCK, 0644, NULL) = 5')
    assert call_line("mq_unlink", [A], -2, m) == (
        'mq_unlink("q") = -1 ENOENT (No such file or directory)')
    assert call_line("mq_unlink", [8], -14) == "mq_unlink(0x8) = -1 EFAULT (Bad address)"
    m = {A: b"world\0\1", B: struct.pack("<qq", 1795709642, 0)}
    assert call_line("mq_timedsend", [3, A, 7, 3, B], 0, m) == (
        'mq_timedsend(3, "world\\0\\1", 7, 3, {tv_sec=1795709642, tv_nsec=0}) = 0')
    assert call_line("mq_timedsend", [3, A, 5, 1, 0], 0, {A: b"hello"}) == (
        'mq_timedsend(3, "hello", 5, 1, NULL) = 0')
    m = {A: b"world\0\1" + b"\0" * 100, B: struct.pack("<I", 3)}
    assert call_line("mq_timedreceive", [3, A, 8192, B, 0], 7, m) == (
        'mq_timedreceive(3, "world\\0\\1", 8192, [3], NULL) = 7')
    assert call_line("mq_timedreceive", [3, A, 16, B, 0], -90, m) == (
        "mq_timedreceive(3, 0x7ffd0000, 16, 0x7ffe0000, NULL) = -1 EMSGSIZE (Message too long)")
    m = {B: attr(0, 10, 8192, 0), A: attr(0o4000, 10, 8192, 0)}
    assert call_line("mq_getsetattr", [3, 0, B], 0, m) == (
        "mq_getsetattr(3, NULL, {mq_flags=0, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}) = 0")
    assert call_line("mq_getsetattr", [3, A, B], 0, m) == (
        "mq_getsetattr(3, {mq_flags=O_NONBLOCK, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}, "
        "{mq_flags=0, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}) = 0")
    assert call_line("mq_getsetattr", [3, 8, 0], -14) == (
        "mq_getsetattr(3, 0x8, NULL) = -1 EFAULT (Bad address)")
    sev = struct.pack("<Qii", 5, 10, 0) + b"\0" * 48
    assert call_line("mq_notify", [3, A], 0, {A: sev}) == (
        "mq_notify(3, {sigev_value={sival_int=5, sival_ptr=0x5}, sigev_signo=SIGUSR1, "
        "sigev_notify=SIGEV_SIGNAL}) = 0")
    assert call_line("mq_notify", [3, 0], 0) == "mq_notify(3, NULL) = 0"
    assert call_line("mq_notify", [0xffffffff, 0], -9) == (
        "mq_notify(-1, NULL) = -1 EBADF (Bad file descriptor)")


def test_semop_flags_and_unreadable_elements():
    # sem_flg's leftover bits are a short zero-extended: unsigned hex
    m = {A: struct.pack("<HhH", 7, -3, 0xa6ef | 0x1000 | 0x800)}
    assert call_line("semop", [1, A, 1], -22, m) == (
        "semop(1, [{sem_num=7, sem_op=-3, sem_flg=SEM_UNDO|IPC_NOWAIT|0xa6ef}], 1) = "
        "-1 EINVAL (Invalid argument)")
    # the second element past the readable memory: `... /* addr */`
    assert call_line("semop", [1, A, 2], -14, m) == (
        "semop(1, [{sem_num=7, sem_op=-3, sem_flg=SEM_UNDO|IPC_NOWAIT|0xa6ef}, "
        "... /* 0x7ffd0006 */], 2) = -1 EFAULT (Bad address)")
    # the first unreadable: the address; past -s elements: `...`
    assert call_line("semop", [1, B, 1], -14, m) == "semop(1, 0x7ffe0000, 1) = -1 EFAULT (Bad address)"
    m = {A: struct.pack("<HhH", 0, 1, 0) * 3}
    line = call_line("semop", [1, A, 3], 0, m, style=printers.Style(string_limit=2))
    assert line == ("semop(1, [{sem_num=0, sem_op=1, sem_flg=0}, {sem_num=0, sem_op=1, "
                    "sem_flg=0}, ...], 3) = 0")
