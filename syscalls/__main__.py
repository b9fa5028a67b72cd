"""Explorer: `python3 -m syscalls openat`, `python3 -m syscalls 257 --abi x86_64`,
`python3 -m syscalls --abi riscv64 --list`. Prints numbers, prototype, strace classes and registers.
A name is shown for every ABI unless --abi picks one; a number and --list use the host's ABI
unless --abi names another. Reads only the syscalls API; never traces anything.
"""
import argparse
import sys

import syscalls


def fail(msg):
    sys.stderr.write("syscalls: %s\n" % msg)
    return 1


def parse_number(text):
    try:
        return int(text, 0)
    except ValueError:
        return None


def host_abi():
    """The ABI of this machine's native programs, or None on a machine minitrace lacks."""
    try:
        from minitrace.arch import for_machine
        return for_machine().ABIS[0]
    except (ImportError, ValueError):
        return None


def describe(name, out, abis=syscalls.ABIS):
    out.write("%s\n" % name)
    out.write("numbers:\n")
    for abi in abis:
        nr = syscalls.table(abi).numbers.get(name)
        out.write("  %-8s %s\n" % (abi, "-" if nr is None else "%d (%#x)" % (nr, nr)))
    proto = syscalls.prototype(name)
    if proto is None:
        out.write("prototype: unknown (not implemented by the kernel)\n")
    else:
        out.write("prototype: long %s(%s)\n" % (
            name, ", ".join(("%s%s" % (t, n) if t.endswith("*") else "%s %s" % (t, n))
                            for t, n in proto) or "void"))
    classes = sorted(syscalls.classes_of(name))
    out.write("classes: %s\n" % (" ".join(classes) if classes else "-"))
    out.write("registers:\n")
    for abi in abis:
        t = syscalls.table(abi)
        nr = t.numbers.get(name)
        if nr is None:
            continue
        conv = syscalls.CONVENTIONS[abi]
        proto = syscalls.prototype(name, abi)
        if proto is not None and len(proto) == t.nargs[nr]:
            argnames = [n for _, n in proto]
        else:
            argnames = ["arg%d" % i for i in range(t.nargs[nr])]
        args = ", ".join("%s=%s" % (n, r) for n, r in zip(argnames, conv["args"]))
        out.write("  %-8s nr=%s %s ret=%s\n" % (abi, conv["nr"], "(%s)" % args, conv["ret"]))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m syscalls",
                                 description="Look up Linux system calls per ABI.")
    ap.add_argument("syscall", nargs="?", help="a system call name, or a number with --abi")
    ap.add_argument("--abi", help="ABI (%s)" % ", ".join(syscalls.ABIS))
    ap.add_argument("--list", action="store_true", help="print the ABI's whole table")
    args = ap.parse_args(argv)
    out = sys.stdout
    if args.abi is not None and args.abi not in syscalls.ABIS:
        return fail("unknown ABI '%s' (known: %s)" % (args.abi, ", ".join(syscalls.ABIS)))
    abi = args.abi or host_abi()
    if args.list:
        if abi is None:
            return fail("--list needs --abi on this machine")
        t = syscalls.table(abi)
        for nr in sorted(t.names):
            out.write("%d\t%s\t%d\n" % (nr, t.names[nr], t.nargs[nr]))
        return 0
    if args.syscall is None:
        ap.print_usage(sys.stderr)
        return 1
    name = args.syscall
    nr = parse_number(name)
    if nr is not None:
        if abi is None:
            return fail("a number needs --abi on this machine")
        name = syscalls.table(abi).names.get(nr)
        if name is None:
            return fail("unknown system call number %s on %s" % (args.syscall, abi))
        describe(name, out, (abi,))
        return 0
    abis = (args.abi,) if args.abi else syscalls.ABIS
    if not any(name in syscalls.table(a).numbers for a in abis):
        return fail("unknown system call '%s'%s" % (name, " on %s" % args.abi if args.abi else ""))
    describe(name, out, abis)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.exit(0)
