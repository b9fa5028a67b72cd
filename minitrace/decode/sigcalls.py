"""Decoders of signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigreturn, sigaltstack, rt_sigsuspend, rt_sigpending, rt_sigtimedwait, rt_sigqueueinfo, signalfd4, pause, alarm."""
from minitrace.decode import register  # noqa: F401
