"""Decoders of time syscalls: nanosleep, clock_*, gettimeofday, time, timerfd_*, itimers, timer_*, adjtimex."""
from minitrace.decode import register  # noqa: F401
