"""The name minitrace gives itself in its messages (`NAME: Process 1 attached`).

strace prints its argv[0] as invoked (program_invocation_name); so does minitrace, so a copy run
as `strace` says `strace:`. Run as `python3 -m minitrace` (argv[0] is the package's
__main__.py) it says `minitrace:`. `cli.main` sets it once, before anything is printed.
"""
import os

NAME = "minitrace"
_MODULE_RUN = ("", "-c", "-m", "__main__.py")


def set_from_argv(argv0):
    """Take the name from argv[0] (None or a `python -m` run leave `minitrace`)."""
    global NAME
    if argv0 and os.path.basename(argv0) not in _MODULE_RUN:
        NAME = argv0
    return NAME


def warn(function, message):
    """strace's error_func_msg: `NAME: function: message` on stderr (not in the trace)."""
    import sys
    sys.stderr.write("%s: %s: %s\n" % (NAME, function, message))
    sys.stderr.flush()
