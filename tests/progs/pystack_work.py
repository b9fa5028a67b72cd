# -*- coding: utf-8 -*-
"""The workload of tests/test_pystack.py: open() of a missing path, one per case, in known
functions at known lines. With PYSTACK_EXPECT=1 set, `record(case)` (on the line of each
open()) prints the stack CPython itself sees there (traceback.extract_stack), as JSON: the
frames minitrace --py-stack must print for that open(). `# open CASE` marks each open()."""
import json
import os
import threading
import traceback

EXPECT = os.environ.get("PYSTACK_EXPECT") == "1"


def record(case):
    if EXPECT:
        frames = traceback.extract_stack()[:-1]
        print(json.dumps([case, [[f.filename, f.lineno, f.name] for f in reversed(frames)]]))


def read_config(path):
    try:
        record("plain"); open(path)  # open plain
    except (IOError, OSError):
        pass


def main_frame():
    read_config("/nonexistent/pystack-plain")


class Loader(object):
    def load(self):
        try:
            record("method"); open("/nonexistent/pystack-method")  # open method
        except (IOError, OSError):
            pass


def lire_données():
    try:
        record("latin1"); open("/nonexistent/pystack-latin1")  # open latin1
    except (IOError, OSError):
        pass


def 読む():
    try:
        record("ucs2"); open("/nonexistent/pystack-ucs2")  # open ucs2
    except (IOError, OSError):
        pass


def 𐐀𐐁():
    try:
        record("ucs4"); open("/nonexistent/pystack-ucs4")  # open ucs4
    except (IOError, OSError):
        pass


def far_lines():
    x = 0
    """
    A function whose open() is hundreds of lines after its start, so that the line
    tables need several entries (and long forms) to reach it.
    """
    x += 1
    x += 1
    x += 1
































































































































































































































































































































    try:
        record("far"); open("/nonexistent/pystack-far")  # open far
    except (IOError, OSError):
        pass
    return x


def recurse(n):
    if n:
        return recurse(n - 1)
    try:
        record("deep"); open("/nonexistent/pystack-deep")  # open deep
    except (IOError, OSError):
        pass


def in_thread():
    try:
        record("thread"); open("/nonexistent/pystack-thread")  # open thread
    except (IOError, OSError):
        pass


def main():
    main_frame()
    Loader().load()
    lire_données()
    読む()
    𐐀𐐁()
    far_lines()
    recurse(5)
    t = threading.Thread(target=in_thread)
    t.start()
    t.join()


main()
