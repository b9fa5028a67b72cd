"""Entry point of ``python3 -m minitrace``: hands the command line to cli.main."""
import sys

from minitrace.cli import main

if __name__ == "__main__":
    sys.exit(main())
