"""Entry point of ``python3 -m minitrace`` (and of the .pyz): hands the command line to cli.main.

Kept parseable by Python 2, so an older interpreter gets one line instead of a traceback.
"""
import sys

if sys.version_info < (3, 6):
    sys.stderr.write("minitrace: needs Python 3.6 or later (this is Python %d.%d)\n"
                     % tuple(sys.version_info[:2]))
    sys.exit(1)

from minitrace.cli import main  # noqa: E402  (after the version check)

if __name__ == "__main__":
    sys.exit(main())
