"""minitrace's command line run inside a tool's own process, for the tools that wrap or watch
minitrace's code while it traces (decoder_times.py, bytecode_lines.py)."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def minitrace_main():
    """cli.main of this checkout, called as main(ARGV). A trace ended by a signal (-p ended by
    SIGINT) returns from it instead of killing the process by that signal, as minitrace itself
    does (strace's way), so that the tool still writes what it measured."""
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from minitrace import cli, session
    session._die_by = lambda sig: None
    return cli.main
