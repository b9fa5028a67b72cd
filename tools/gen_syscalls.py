#!/usr/bin/env python3
"""Generate syscalls/*.py (tables, prototypes, classes, constants) from Debian's kernel headers.

Reads only the kernel headers stored in tools/headers/ (tools/headerstore.py: exactly the files
this generator reads, with their packages and versions; tools/fetch_headers.py --update moves them
to newer Debian packages), the hand-written tools/prototype-exceptions.txt, class-exceptions.txt
and libc-constants.txt. Runs offline; uses `cpp` at generation time only. Output is
deterministic: regenerating gives the same bytes.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import headerstore  # noqa: E402

PROTO_EXCEPTIONS = os.path.join(HERE, "prototype-exceptions.txt")
CLASS_EXCEPTIONS = os.path.join(HERE, "class-exceptions.txt")


class GenError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Where each ABI's headers are and what its compiler would predefine.  The predefined macros are
# those gcc defines for the target (`gcc -dM -E - </dev/null` on that target); cpp runs with -undef
# so none of the host's leak in.
# ---------------------------------------------------------------------------------------------
X86 = ("linux-libc-dev", ["usr/include/x86_64-linux-gnu", "usr/include"])
ABIS = [
    # abi, (package, include dirs), predefined macros, sizeof(long), sizeof(long long) alignment
    ("x86_64", X86, ["__x86_64__", "__x86_64", "__LP64__", "_LP64", "__SIZEOF_LONG__=8",
                     "__SIZEOF_POINTER__=8", "__ORDER_LITTLE_ENDIAN__=1234",
                     "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__"], 8, 8),
    ("i386", X86, ["__i386__", "__i386", "__ILP32__", "__SIZEOF_LONG__=4", "__SIZEOF_POINTER__=4",
                   "__ORDER_LITTLE_ENDIAN__=1234", "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__"], 4, 4),
    ("x32", X86, ["__x86_64__", "__x86_64", "__ILP32__", "_ILP32", "__SIZEOF_LONG__=4",
                  "__SIZEOF_POINTER__=4", "__ORDER_LITTLE_ENDIAN__=1234",
                  "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__"], 4, 8),
    ("aarch64", ("linux-libc-dev-arm64-cross", ["usr/aarch64-linux-gnu/include"]),
     ["__aarch64__", "__AARCH64EL__", "__LP64__", "_LP64", "__SIZEOF_LONG__=8",
      "__SIZEOF_POINTER__=8", "__ORDER_LITTLE_ENDIAN__=1234",
      "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__"], 8, 8),
    ("arm", ("linux-libc-dev-armhf-cross", ["usr/arm-linux-gnueabihf/include"]),
     ["__arm__", "__ARM_EABI__", "__ARMEL__", "__thumb2__", "__SIZEOF_LONG__=4",
      "__SIZEOF_POINTER__=4", "__ORDER_LITTLE_ENDIAN__=1234",
      "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__"], 4, 8),
    ("riscv64", ("linux-libc-dev-riscv64-cross", ["usr/riscv64-linux-gnu/include"]),
     ["__riscv", "__riscv_xlen=64", "__LP64__", "_LP64", "__SIZEOF_LONG__=8",
      "__SIZEOF_POINTER__=8", "__ORDER_LITTLE_ENDIAN__=1234",
      "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__"], 8, 8),
    ("ppc64le", ("linux-libc-dev-ppc64el-cross", ["usr/powerpc64le-linux-gnu/include"]),
     ["__powerpc64__", "__powerpc__", "__PPC64__", "__PPC__", "__LITTLE_ENDIAN__", "_CALL_ELF=2",
      "__LP64__", "_LP64", "__SIZEOF_LONG__=8", "__SIZEOF_POINTER__=8",
      "__ORDER_LITTLE_ENDIAN__=1234", "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__"], 8, 8),
    ("s390x", ("linux-libc-dev-s390x-cross", ["usr/s390x-linux-gnu/include"]),
     ["__s390x__", "__s390__", "__zarch__", "__LP64__", "_LP64", "__SIZEOF_LONG__=8",
      "__SIZEOF_POINTER__=8", "__ORDER_BIG_ENDIAN__=4321",
      "__BYTE_ORDER__=__ORDER_BIG_ENDIAN__"], 8, 8),
]
ABI_NAMES = [a[0] for a in ABIS]
COMMON_DEFINES = ["__linux__", "__linux", "__unix__", "__GNUC__=12", "__CHAR_BIT__=8",
                  "__SIZEOF_INT__=4", "__SIZEOF_LONG_LONG__=8", "__SIZEOF_SHORT__=2",
                  "__ORDER_LITTLE_ENDIAN__=1234", "__ORDER_BIG_ENDIAN__=4321", "__STDC__"]
HEADERS_COMMON = "linux-headers-"

# Numbers that must come out right, or the preprocessor flags are wrong (checked on every run).
ANCHORS = {
    "x86_64": {"read": 0, "execve": 59},
    "i386": {"open": 5, "execve": 11},
    "x32": {"read": 0x40000000},
    "aarch64": {"openat": 56},
    "riscv64": {"mmap": 222},
    "arm": {"open": 5, "execve": 11},
    "ppc64le": {"open": 5},
    "s390x": {"open": 5},
}
ABSENT = {"aarch64": ["open"], "riscv64": ["mmap2"]}

# Kernel-internal macro names that unistd headers define next to the syscall numbers.
NOT_SYSCALLS = re.compile(r"^(syscalls|arch_specific_syscall|SYSCALL_BASE|OABI_SYSCALL_BASE|"
                          r"SYSCALL_MASK|X32_SYSCALL_BIT)$")


def log(msg):
    sys.stderr.write(msg + "\n")


# ---------------------------------------------------------------------------------------------
# cpp
# ---------------------------------------------------------------------------------------------
STUB_INCLUDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stub-include")


def cpp(source, incdirs, defines, mode="-dM", standins=None):
    """cpp of `source` with only incdirs (and the folder of stand-in libc headers `standins`,
    last and not recorded) on the include path."""
    cmd = ["cpp", "-undef", "-nostdinc", "-P", mode]
    for d in COMMON_DEFINES + defines:
        cmd.append("-D" + d)
    for i in list(incdirs) + ([standins] if standins else []):
        cmd += ["-I", i]
    # last: an empty <sys/socket.h> for the uapi headers that include it (linux/if.h)
    cmd += ["-I", STUB_INCLUDE]
    cmd += ["-x", "c", "-"]
    rc, out, err = headerstore.run(cmd, source, exclude=[standins] if standins else ())
    if rc != 0:
        raise GenError("cpp failed (%s): %s" % (" ".join(cmd), err.strip()[:2000]))
    return out


DEFINE_RE = re.compile(r"^#define\s+(\w+)(\([^)]*\))?\s?(.*)$")


def parse_defines(text):
    """`cpp -dM` output -> {name: (params or None, body)}."""
    macros = {}
    for line in text.splitlines():
        m = DEFINE_RE.match(line)
        if m:
            params = None
            if m.group(2) is not None:
                params = [p.strip() for p in m.group(2)[1:-1].split(",") if p.strip()]
            macros[m.group(1)] = (params, m.group(3).strip())
    return macros


# ---------------------------------------------------------------------------------------------
# A small, safe evaluator of C integer constant expressions over macro definitions.
# ---------------------------------------------------------------------------------------------
TOKEN_RE = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)|('(?:\\.|[^'])')|([A-Za-z_]\w*)|"
                      r"(<<|>>|<=|>=|==|!=|&&|\|\||##|[-+*/%&|^~!<>?:(),#\[\]{}.;=\"]))")


class EvalError(Exception):
    pass


def tokenize(s):
    toks = []
    pos = 0
    s = s.strip()
    while pos < len(s):
        m = TOKEN_RE.match(s, pos)
        if not m or m.end() == pos:
            raise EvalError("cannot tokenize %r" % s[pos:])
        pos = m.end()
        if m.group(1):
            toks.append(("num", m.group(1), m.group(2).lower()))
        elif m.group(3):
            toks.append(("chr", m.group(3), ""))
        elif m.group(4):
            toks.append(("id", m.group(4), ""))
        else:
            toks.append(("op", m.group(5), ""))
        while pos < len(s) and s[pos].isspace():
            pos += 1
    return toks


def split_args(toks, i):
    """toks[i] is '('; return (list of arg token lists, index after ')')."""
    depth = 0
    args = [[]]
    j = i
    while j < len(toks):
        t = toks[j]
        if t[1] == "(":
            depth += 1
            if depth == 1:
                j += 1
                continue
        elif t[1] == ")":
            depth -= 1
            if depth == 0:
                return args, j + 1
        elif t[1] == "," and depth == 1:
            args.append([])
            j += 1
            continue
        args[-1].append(t)
        j += 1
    raise EvalError("unbalanced parentheses")


def paste(toks):
    """The `a ## b` of a macro body whose arguments are in: each pair joined into one token."""
    if not any(t[1] == "##" for t in toks):
        return toks
    out = []
    i = 0
    while i < len(toks):
        if toks[i][1] == "##" and out and i + 1 < len(toks):
            joined = tokenize(out.pop()[1] + toks[i + 1][1])
            if len(joined) != 1:
                raise EvalError("## makes no single token")
            out += joined
            i += 2
            continue
        out.append(toks[i])
        i += 1
    return out


def expand(toks, macros, hide=frozenset(), depth=0):
    if depth > 64:
        raise EvalError("macro recursion too deep")
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t[0] == "id" and t[1] in macros and t[1] not in hide:
            params, body = macros[t[1]]
            if params is None:
                out += expand(tokenize(body), macros, hide | {t[1]}, depth + 1)
                i += 1
                continue
            if i + 1 < len(toks) and toks[i + 1][1] == "(":
                args, nxt = split_args(toks, i + 1)
                if args == [[]] and not params:
                    args = []
                if len(args) != len(params):
                    raise EvalError("macro %s: wrong argument count" % t[1])
                btoks = tokenize(body)
                if any(b[1] == "#" for b in btoks):
                    raise EvalError("macro %s stringizes" % t[1])
                raw_args = dict(zip(params, args))
                exp_args = dict((p, expand(a, macros, hide, depth + 1))
                                for p, a in zip(params, args))
                sub = []
                for j, b in enumerate(btoks):
                    pasted = (j > 0 and btoks[j - 1][1] == "##") or \
                        (j + 1 < len(btoks) and btoks[j + 1][1] == "##")
                    if b[0] == "id" and b[1] in exp_args:
                        # an operand of ## takes its argument unexpanded (C99 6.10.3.1)
                        sub += raw_args[b[1]] if pasted else exp_args[b[1]]
                    else:
                        sub.append(b)
                sub = paste(sub)
                out += expand(sub, macros, hide | {t[1]}, depth + 1)
                i = nxt
                continue
        out.append(t)
        i += 1
    return out


class Layout(object):
    """sizeof()/alignof() of C types for one ABI; structs come from `cpp -E` text."""
    BASIC = {"char": 1, "signed char": 1, "unsigned char": 1, "short": 2, "unsigned short": 2,
             "int": 4, "unsigned int": 4, "unsigned": 4, "signed": 4, "long long": 8,
             "unsigned long long": 8, "float": 4, "double": 8, "short int": 2,
             "unsigned short int": 2, "long int": "L", "unsigned long int": "L",
             "long": "L", "unsigned long": "L", "long long int": 8,
             "unsigned long long int": 8, "_Bool": 1}

    def __init__(self, long_size, ll_align, text=""):
        self.long_size = long_size
        self.ll_align = ll_align
        self.typedefs = {}
        self.structs = {}
        self._parse(text)

    def _parse(self, text):
        text = re.sub(r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)", "", text)
        for m in re.finditer(r"\btypedef\s+([^;{}]+?)\s*\b(\w+)\s*;", text):
            self.typedefs.setdefault(m.group(2), m.group(1).strip())
        for m in re.finditer(r"\bstruct\s+(\w+)\s*\{([^{}]*)\}\s*;", text):
            self.structs.setdefault(m.group(1), m.group(2))

    def basic(self, t):
        t = " ".join(t.replace("const", " ").replace("volatile", " ").split())
        if t.endswith("*"):
            return self.long_size, self.long_size
        if t in self.BASIC:
            n = self.BASIC[t]
            n = self.long_size if n == "L" else n
            return n, (self.ll_align if n == 8 else n)
        if t.startswith("struct "):
            return self.struct(t[7:].strip())
        if t in self.typedefs:
            return self.basic(self.typedefs[t])
        raise EvalError("unknown type %r" % t)

    def struct(self, name):
        if name not in self.structs:
            raise EvalError("unknown struct %s" % name)
        off = 0
        align = 1
        for decl in self.structs[name].split(";"):
            decl = decl.strip()
            if not decl:
                continue
            if ":" in decl or "(" in decl or "union" in decl:
                raise EvalError("struct %s: member %r too complex" % (name, decl))
            one = r"\**\s*\w+\s*(?:\[[^\]]*\]\s*)*"
            m = re.match(r"^(.+?)\s+(%s(?:,\s*%s)*)$" % (one, one), decl)
            if not m:
                raise EvalError("struct %s: cannot parse %r" % (name, decl))
            base = m.group(1)
            for d in m.group(2).split(","):
                d = d.strip()
                stars = d.count("*")
                dims = re.findall(r"\[([^\]]*)\]", d)
                if stars:
                    size, al = self.long_size, self.long_size
                else:
                    size, al = self.basic(base)
                for dim in dims:
                    size *= evaluate(dim, {}, self)
                off = (off + al - 1) // al * al + size
                align = max(align, al)
        return (off + align - 1) // align * align, align


TYPE_WORDS = {"int", "unsigned", "signed", "long", "short", "char", "struct", "const",
              "volatile", "void", "_Bool"}


class Evaluator(object):
    """Recursive-descent evaluation of tokens; values are (int, bits, unsigned)."""

    def __init__(self, toks, layout, long_bits):
        self.t = toks
        self.i = 0
        self.layout = layout
        self.long_bits = long_bits

    def peek(self):
        return self.t[self.i][1] if self.i < len(self.t) else None

    def take(self, want=None):
        if self.i >= len(self.t):
            raise EvalError("unexpected end")
        tok = self.t[self.i]
        if want is not None and tok[1] != want:
            raise EvalError("expected %s, got %s" % (want, tok[1]))
        self.i += 1
        return tok

    @staticmethod
    def wrap(v, bits, uns):
        v &= (1 << bits) - 1
        if not uns and v >> (bits - 1):
            v -= 1 << bits
        return (v, bits, uns)

    def arith(self, a, b):
        bits = max(a[1], b[1], 32)
        uns = (a[2] and a[1] == bits) or (b[2] and b[1] == bits)
        return bits, uns

    def is_type_start(self):
        if self.i >= len(self.t):
            return False
        tok = self.t[self.i]
        if tok[0] != "id":
            return False
        return (tok[1] in TYPE_WORDS or tok[1] in self.layout.typedefs
                or re.match(r"^__[us](8|16|32|64)$|^__kernel_\w+_t$|^u(8|16|32|64)$", tok[1]))

    def type_name(self):
        words = []
        while self.peek() not in (")", None):
            words.append(self.take()[1])
        return " ".join(words)

    def cast(self, tname, v):
        t = " ".join(w for w in tname.split() if w not in ("const", "volatile"))
        if "*" in t or t == "void":
            raise EvalError("pointer cast")
        size, _ = self.layout.basic(t)
        base = t
        while base in self.layout.typedefs:
            base = self.layout.typedefs[base]
        uns = "unsigned" in base or bool(re.match(r"^__u\d+$|^u\d+$", t)) or t == "size_t"
        return self.wrap(v[0], size * 8, uns)

    def primary(self):
        tok = self.take()
        kind, text, suffix = tok
        if kind == "num":
            v = int(text, 16) if text[:2] in ("0x", "0X") else int(text, 8) if (
                text.startswith("0") and len(text) > 1) else int(text)
            dec = not text.startswith("0") or text == "0"
            minbits = 64 if "ll" in suffix else self.long_bits if "l" in suffix else 32
            for bits in sorted(set([32, self.long_bits, 64])):
                if bits < minbits:
                    continue
                for uns in ((True,) if "u" in suffix else (False,) if dec else (False, True)):
                    if v < (1 << (bits - (0 if uns else 1))):
                        return (v, bits, uns)
            raise EvalError("literal too large")
        if kind == "chr":
            body = text[1:-1]
            if body.startswith("\\"):
                esc = {"n": 10, "t": 9, "0": 0, "\\": 92, "'": 39}
                if body[1] not in esc:
                    raise EvalError("char escape %s" % body)
                return (esc[body[1]], 32, False)
            return (ord(body), 32, False)
        if text == "sizeof":
            self.take("(")
            if self.is_type_start():
                size, _ = self.layout.basic(self.type_name())
            else:
                raise EvalError("sizeof of an expression")
            self.take(")")
            return (size, self.long_bits, True)
        if text == "(":
            if self.is_type_start():
                tname = self.type_name()
                self.take(")")
                return self.cast(tname, self.unary())
            v = self.expr()
            self.take(")")
            return v
        if kind == "id":
            raise EvalError("undefined identifier %s" % text)
        raise EvalError("unexpected %s" % text)

    def unary(self):
        op = self.peek()
        if op in ("-", "+", "~", "!"):
            self.take()
            v = self.unary()
            bits, uns = max(v[1], 32), v[2]
            if op == "-":
                return self.wrap(-v[0], bits, uns)
            if op == "+":
                return self.wrap(v[0], bits, uns)
            if op == "~":
                return self.wrap(~v[0], bits, uns)
            return (int(not v[0]), 32, False)
        return self.primary()

    BINARY = [("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!="), ("<", ">", "<=", ">="),
              ("<<", ">>"), ("+", "-"), ("*", "/", "%")]

    def binary(self, level):
        if level == len(self.BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in self.BINARY[level]:
            op = self.take()[1]
            right = self.binary(level + 1)
            left = self.apply(op, left, right)
        return left

    def apply(self, op, a, b):
        if op in ("<<", ">>"):
            bits, uns = max(a[1], 32), a[2]
            x = a[0] if not uns else a[0] & ((1 << bits) - 1)
            return self.wrap(x << b[0] if op == "<<" else x >> b[0], bits, uns)
        bits, uns = self.arith(a, b)
        x, y = a[0], b[0]
        if uns:
            x &= (1 << bits) - 1
            y &= (1 << bits) - 1
        if op in ("||", "&&", "==", "!=", "<", ">", "<=", ">="):
            r = {"||": x or y, "&&": x and y, "==": x == y, "!=": x != y, "<": x < y,
                 ">": x > y, "<=": x <= y, ">=": x >= y}[op]
            return (int(bool(r)), 32, False)
        if op in ("/", "%"):
            if y == 0:
                raise EvalError("division by zero")
            q = abs(x) // abs(y) * (1 if (x >= 0) == (y >= 0) else -1)
            return self.wrap(q if op == "/" else x - q * y, bits, uns)
        r = {"|": x | y, "^": x ^ y, "&": x & y, "+": x + y, "-": x - y, "*": x * y}[op]
        return self.wrap(r, bits, uns)

    def expr(self):
        c = self.binary(0)
        if self.peek() == "?":
            self.take()
            a = self.expr()
            self.take(":")
            b = self.expr()
            return a if c[0] else b
        return c


def evaluate(text, macros, layout, long_bits=64, enums=None):
    """Value of the C constant expression `text`, macros expanded; raises EvalError."""
    toks = []
    for t in expand(tokenize(text), macros):
        if t[0] == "id" and enums and t[1] in enums:
            v = enums[t[1]]
            toks += [("op", "(", ""), ("op", "-", ""), ("num", str(-v), ""), ("op", ")", "")] \
                if v < 0 else [("num", str(v), "")]
        else:
            toks.append(t)
    if not toks:
        raise EvalError("empty expression")
    ev = Evaluator(toks, layout, long_bits)
    v = ev.expr()
    if ev.i != len(toks):
        raise EvalError("trailing tokens in %r" % text)
    return v[0]


# ---------------------------------------------------------------------------------------------
# Header packages
# ---------------------------------------------------------------------------------------------
class Headers(object):
    """The unpacked header packages: folders and the provenance string of each ABI."""

    def __init__(self, pkgs):
        self.pkgs = pkgs  # {pkg: (version, folder)}: headerstore.Stored() or fetch_headers
        common = [p for p in self.pkgs if p.startswith(HEADERS_COMMON)]
        if len(common) != 1:
            raise GenError("expected one linux-headers-*-common package among %s"
                           % ", ".join(sorted(self.pkgs)))
        self.common_pkg = common[0]
        version, folder = self.pkgs[self.common_pkg]
        src = os.path.join(folder, "usr", "src")
        self.kernel_src = os.path.join(src, sorted(os.listdir(src))[0])

    def provenance(self, pkgs):
        return ", ".join("%s %s" % (p, self.pkgs[p][0]) for p in sorted(set(pkgs)))

    def abi(self, abi):
        for name, (pkg, incs), defines, long_size, ll_align in ABIS:
            if name == abi:
                folder = self.pkgs[pkg][1]
                return pkg, [os.path.join(folder, i) for i in incs], defines, long_size, ll_align
        raise GenError("unknown ABI %s" % abi)

    def kernel_file(self, rel):
        return os.path.join(self.kernel_src, rel)


# ---------------------------------------------------------------------------------------------
# Syscall tables
# ---------------------------------------------------------------------------------------------
def syscall_table(hdr, abi):
    """{number: name} from the ABI's asm/unistd.h, as the kernel numbers them."""
    pkg, incs, defines, long_size, _ = hdr.abi(abi)
    macros = parse_defines(cpp("#include <asm/unistd.h>\n", incs, defines))
    layout = Layout(long_size, long_size)
    table = {}
    for mname in sorted(macros):
        params, body = macros[mname]
        if mname.startswith("__NR_"):
            name = mname[5:]
        elif mname.startswith("__ARM_NR_") and abi == "arm":
            name = mname[9:]          # ARM private syscalls: strace calls them by the bare name
            if name == "BASE":
                continue
        else:
            continue
        if params is not None or NOT_SYSCALLS.match(name):
            continue
        if re.match(r"^__NR_\w+$", body):
            continue                  # an alias of another number (arm's sync_file_range2)
        try:
            nr = evaluate(body, macros, layout, long_size * 8)
        except EvalError as e:
            raise GenError("%s: cannot evaluate %s = %s: %s" % (abi, mname, body, e))
        if nr in table:
            raise GenError("%s: number %d is both %s and %s" % (abi, nr, table[nr], name))
        table[nr] = name
    numbers = dict((v, k) for k, v in table.items())
    for name, nr in sorted(ANCHORS[abi].items()):
        if numbers.get(name) != nr:
            raise GenError("%s: anchor %s=%d failed (got %r): wrong preprocessor flags?"
                           % (abi, name, nr, numbers.get(name)))
    for name in ABSENT.get(abi, []):
        if name in numbers:
            raise GenError("%s: %s must not exist: wrong preprocessor flags?" % (abi, name))
    return table


# ---------------------------------------------------------------------------------------------
# Prototypes: include/linux/syscalls.h, plus tools/prototype-exceptions.txt
# ---------------------------------------------------------------------------------------------
C_TYPE_WORDS = {"int", "long", "char", "short", "unsigned", "signed", "void"}


def split_top(s, sep=","):
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [x.strip() for x in out if x.strip()]


def parse_arg(arg):
    """'const char __user * filename' -> ('const char __user *', 'filename'); no name -> None."""
    arg = " ".join(arg.replace("*", " * ").split()).replace("* *", "**").replace(" *", " *")
    words = arg.split()
    last = words[-1]
    if (len(words) == 1 or last.endswith("*") or last in C_TYPE_WORDS
            or words[-2] in ("struct", "union", "enum")):
        return (normalize_type(arg), None)
    return (normalize_type(" ".join(words[:-1])), last)


def normalize_type(t):
    t = " ".join(t.replace("*", " * ").split())
    return re.sub(r"\* (?=\*)", "*", t)


def parse_syscalls_h(path):
    """[(name, [(type, argname or None)], [condition, ...])] for every `asmlinkage long sys_X(...)`."""
    text = headerstore.open_input(path).read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text).replace("\\\n", " ")
    stack, buf, decls = [], None, []
    for line in text.split("\n"):
        t = line.strip()
        if t.startswith("#"):
            d = t[1:].strip()
            if re.match(r"^if(n?def)?\b", d):
                stack.append(d)
            elif d.startswith("elif"):
                stack[-1] = d[2:]
            elif d.startswith("else"):
                stack[-1] = "!(%s)" % stack[-1]
            elif d.startswith("endif"):
                stack.pop()
            continue
        if buf is not None:
            buf += " " + t
        elif t.startswith("asmlinkage"):
            buf = t
        else:
            continue
        if ";" in buf:
            m = re.match(r"asmlinkage\s+long\s+sys_(\w+)\s*\((.*)\)\s*;", buf)
            if m:
                args = m.group(2).strip()
                parsed = [] if args in ("", "void") else [parse_arg(a) for a in split_top(args)]
                decls.append((m.group(1), parsed, list(stack[1:])))
            buf = None
    return decls


def condition_true(conds, configs, long_bits):
    """Evaluate the #if conditions around a declaration for one ABI's config symbols."""
    for c in conds:
        neg = c.startswith("!(")
        if neg:
            c = c[2:-1]
        if c.startswith("ifdef "):
            e = "defined(%s)" % c[6:].strip()
        elif c.startswith("ifndef "):
            e = "!defined(%s)" % c[7:].strip()
        else:
            e = re.sub(r"^if\s", "", c)
        e = re.sub(r"defined\s*\(?\s*(\w+)\s*\)?", lambda m: "1" if m.group(1) in configs else "0", e)
        e = e.replace("BITS_PER_LONG", str(long_bits))
        e = re.sub(r"\b[A-Za-z_]\w*\b", "0", e)
        v = evaluate(e, {}, None, 64)
        if bool(v) == neg:
            return False
    return True


def read_exceptions(path):
    """Lines `kind fields... # reason`; a line without a reason is an error."""
    rows = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if " # " not in s and "\t# " not in s:
                raise GenError("%s:%d: every line needs a `# reason`" % (path, n))
            body, reason = re.split(r"\s#\s", s, 1)
            rows.append((n, [x.strip() for x in body.split(None, 2)], reason.strip()))
    return rows


WIDE = re.compile(r"^(loff_t|u64|__u64|s64|__s64|long long|unsigned long long|"
                  r"long long int|unsigned long long int)$")


def register_count(args, abi):
    """Registers the arguments take: 64-bit values take a pair on 32-bit ABIs (arm: an even pair)."""
    if abi not in ("i386", "arm"):
        return len(args)
    n = 0
    for t, _ in args:
        if WIDE.match(t.replace("const ", "")):
            if abi == "arm" and n % 2:
                n += 1
            n += 2
        else:
            n += 1
    return n


class Prototypes(object):
    """Resolves every table name of every ABI to a prototype (or an exception's nargs)."""

    def __init__(self, hdr, tables):
        self.decls = parse_syscalls_h(hdr.kernel_file("include/linux/syscalls.h"))
        self.alias, self.names, self.proto, self.nargs, self.configs = {}, {}, {}, {}, {}
        for n, f, reason in read_exceptions(PROTO_EXCEPTIONS):
            kind = f[0]
            if kind == "alias":
                self.alias[f[1]] = f[2]
            elif kind == "names":
                self.names[f[1]] = [a.strip() for a in f[2].split(",")]
            elif kind == "proto":
                args = f[2].strip()
                self.proto[f[1]] = [] if args == "void" else [parse_arg(a) for a in split_top(args)]
                if any(a[1] is None for a in self.proto[f[1]]):
                    raise GenError("%s:%d: every argument needs a name" % (PROTO_EXCEPTIONS, n))
            elif kind == "nargs":
                self.nargs[f[1]] = int(f[2])
            elif kind == "config":
                self.configs.setdefault(f[1], set()).add(f[2])
            else:
                raise GenError("%s:%d: unknown kind %s" % (PROTO_EXCEPTIONS, n, kind))
        self.by_name = {}
        for name, args, conds in self.decls:
            self.by_name.setdefault(name, []).append((args, conds))
        self.tables = tables

    def kernel_name(self, name, abi=None):
        return self.alias.get("%s@%s" % (name, abi), self.alias.get(name, name))

    def resolve(self, name, abi):
        """(args or None, nargs, source) for table name `name` on `abi`."""
        long_bits = [a[3] for a in ABIS if a[0] == abi][0] * 8
        # Most specific first: NAME@ABI lines, then NAME lines, then syscalls.h under NAME.
        for key in (name + "@" + abi, name):
            if key in self.proto:
                args = self.proto[key]
                return args, register_count(args, abi), "exception"
            if key in self.nargs:
                return None, self.nargs[key], "exception"
            if key in self.alias:
                break
        kname = self.kernel_name(name, abi)
        variants = self.by_name.get(kname)
        if variants:
            if len(variants) > 1:
                cfg = self.configs.get(abi, set())
                variants = [v for v in variants if condition_true(v[1], cfg, long_bits)]
                if len(variants) != 1:
                    raise GenError("%s on %s: %d variants of sys_%s match; add a `config` line"
                                   % (name, abi, len(variants), kname))
            args = list(variants[0][0])
            if any(a[1] is None for a in args):
                names = self.names.get("%s@%s" % (kname, abi), self.names.get(kname))
                if not names or len(names) != len(args):
                    raise GenError("sys_%s has unnamed arguments: add a `names %s ...` line"
                                   % (kname, kname))
                args = [(t, n) for (t, _), n in zip(args, names)]
            return args, register_count(args, abi), "syscalls.h"
        return None, None, None


def resolve_all(protos, tables):
    """-> (PROTOTYPES, ABI_PROTOTYPES, NARGS per abi); fails listing every unresolved name."""
    missing = []
    per_abi = {}
    nargs = {}
    for abi in ABI_NAMES:
        nargs[abi] = {}
        for nr, name in sorted(tables[abi].items()):
            args, n, src = protos.resolve(name, abi)
            if n is None:
                missing.append("%s (%s %d)" % (name, abi, nr))
                continue
            nargs[abi][nr] = n
            if args is not None:
                per_abi.setdefault(name, {})[abi] = tuple(args)
    if missing:
        raise GenError("no prototype or exception for: " + ", ".join(missing))
    default, overrides = {}, {}
    for name, by_abi in per_abi.items():
        # The default is the prototype most ABIs use (x86_64's if tied); others are overrides.
        counts = {}
        for abi, args in by_abi.items():
            counts[args] = counts.get(args, 0) + 1
        best = max(counts, key=lambda a: (counts[a], by_abi.get("x86_64") == a, repr(a)))
        default[name] = best
        for abi, args in by_abi.items():
            if args != best:
                overrides.setdefault(abi, {})[name] = args
    return default, overrides, nargs


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
def header(provenance, doc):
    return ("# generated by tools/gen_syscalls.py from %s; do not edit\n\"\"\"%s\"\"\"\n"
            % (provenance, doc))


def fmt_dict(name, d, fmt_key=repr, fmt_val=repr):
    lines = ["%s = {" % name]
    for k in sorted(d):
        lines.append("    %s: %s," % (fmt_key(k), fmt_val(d[k])))
    lines.append("}")
    return "\n".join(lines) + "\n"


def fmt_int_table(name, d):
    """`NAME = \"\"\"...\"\"\"`: one `KEY VALUE` line per entry, sorted, between a leading and a
    trailing newline, for syscalls.ConstantTable to look up by name. Neither a dict literal (ten
    thousand entries cost CPython about 20 MB to compile) nor a dict built at import (1.3 MB
    and 15 ms at every start, for the few dozen names a trace asks for)."""
    lines = ["%s %d" % (k, d[k]) for k in sorted(d)]
    return '%s = """\\\n\n%s\n"""\n' % (name, "\n".join(lines))


def fmt_proto(args):
    return "(%s)" % "".join("(%r, %r), " % a for a in args).rstrip(" ") if args else "()"


def generate(out, pkgs):
    """Write every generated file of syscalls/ into `out` from the header packages `pkgs`
    ({package: (version, folder)}); return their names."""
    hdr = Headers(pkgs)
    common = hdr.common_pkg
    files = {}
    tables = dict((abi, syscall_table(hdr, abi)) for abi in ABI_NAMES)
    protos = Prototypes(hdr, tables)
    default, overrides, nargs = resolve_all(protos, tables)
    for abi in ABI_NAMES:
        pkg = hdr.abi(abi)[0]
        body = header(hdr.provenance([pkg, common]),
                      "%s system calls: number -> (name, argument count); numbers from asm/unistd*.h,\n"
                      "counts from include/linux/syscalls.h and tools/prototype-exceptions.txt." % abi)
        body += "ABI = %r\n" % abi
        body += fmt_dict("SYSCALLS", dict((nr, (tables[abi][nr], nargs[abi][nr]))
                                          for nr in tables[abi]))
        files["table_%s.py" % abi] = body
    body = header(hdr.provenance([common]),
                  "Prototypes: syscall name -> ((C type, argument name), ...), from\n"
                  "include/linux/syscalls.h and tools/prototype-exceptions.txt. ABI_PROTOTYPES holds\n"
                  "the ABIs whose prototype differs from PROTOTYPES (clone's argument order...).")
    body += fmt_dict("PROTOTYPES", default, fmt_val=fmt_proto)
    body += "ABI_PROTOTYPES = {\n"
    for abi in sorted(overrides):
        body += "    %r: {\n" % abi
        for name in sorted(overrides[abi]):
            body += "        %r: %s,\n" % (name, fmt_proto(overrides[abi][name]))
        body += "    },\n"
    body += "}\n"
    files["prototypes.py"] = body
    for extra in (gen_classes, gen_constants):
        files.update(extra(hdr, tables, protos, default, overrides))
    if not os.path.isdir(out):
        os.makedirs(out)
    for name in sorted(files):
        with open(os.path.join(out, name), "w") as f:
            f.write(files[name])
    return sorted(files)


CLASS_NAMES = ("%file", "%desc", "%network", "%process", "%signal", "%ipc", "%memory", "%creds",
               "%clock", "%stat", "%lstat", "%fstat", "%%stat", "%statfs", "%fstatfs", "%%statfs",
               "%pure")
# The written rules: which prototypes put a syscall in which of strace's classes.
FILE_ARGS = {"filename", "pathname", "path", "oldname", "newname", "specialfile", "library",
             "dev_name", "dir_name", "new_root", "put_old", "special", "old", "new"}
FD_ARGS = {"fd", "fd_in", "fd_out", "dfd", "olddfd", "newdfd", "oldfd", "epfd", "ufd", "out_fd",
           "in_fd", "fildes", "from_dfd", "to_dfd", "pidfd", "mqdes", "fs_fd"}


def class_rules(kname, args):
    """The strace classes the written rules give a prototype (kname: kernel entry name)."""
    c = set()
    if args is None:          # not implemented: only the exceptions file can class it
        return c
    types = [t for t, _ in args]
    names = [n for _, n in args]
    alltypes = " ".join(types)
    # %file: takes a path name: a user string argument named like a path
    if any(re.search(r"\bchar __user \*$", t) and n in FILE_ARGS for t, n in args):
        c.add("%file")
    # %network: socket addresses, socket messages, socket options
    if (re.search(r"\b(sockaddr|user_msghdr|mmsghdr)\b", alltypes)
            or set(names) & {"optname", "backlog"} or names == ["fd", "how"]):
        c.add("%network")
    # %desc: takes a file descriptor (sockets are %network only) or a set of them (poll, select)
    if ((any(n in FD_ARGS for n in names) and "%network" not in c)
            or re.search(r"\b(fd_set|pollfd)\b", alltypes)):
        c.add("%desc")
    # %process: creates, replaces, ends, waits for or signals a process
    if ("clone_flags" in names or "struct clone_args __user *" in types
            or ("argv" in names and "envp" in names) or "error_code" in names
            or "stat_addr" in names or "infop" in names
            or (("pid" in names or "tgid" in names) and "sig" in names)):
        c.add("%process")
    # %signal: signal numbers, signal sets, handlers, signal info, alternate stacks
    # (a signal mask that only accompanies a wait, like ppoll's sigmask, does not count)
    if (any(re.search(r"\b(sigset_t|old_sigset_t)\b", t) and n != "sigmask" and n != "sig"
            for t, n in args)
            or re.search(r"\b(sigaction|old_sigaction|sigaltstack)\b", alltypes)
            or ("int", "sig") in args):
        c.add("%signal")
    # %ipc: System V message queues, semaphores, shared memory
    if (set(names) & {"msqid", "semid", "shmid", "shmaddr"} or ("key_t", "key") in args
            or re.search(r"\b(msgbuf|sembuf)\b", alltypes)):
        c.add("%ipc")
    # %memory: the first argument is an address range of the caller's memory, or a NUMA node set
    if (names[:1] in (["addr"], ["start"], ["brk"]) or "shmaddr" in names
            or set(names) & {"nmask", "old_nodes", "pages"}):
        c.add("%memory")
    # %creds: user and group ids, capabilities
    # (changing a file's owner is %file/%desc only)
    if (re.search(r"\b(old_)?[ug]id_t\b|cap_user_header_t", alltypes)
            and not c & {"%file", "%desc"}):
        c.add("%creds")
    # %clock: reads or sets a clock
    if re.search(r"\bclockid_t\b|\btimex\b|\btimezone\b|__kernel_old_time_t __user \*", alltypes):
        c.add("%clock")
    # stat family: fills a struct stat; l- by the entry's name, f- by a descriptor argument
    if re.search(r"\bstruct (stat|stat64|__old_kernel_stat|statx) __user \*", alltypes):
        if "lstat" in kname:
            c.add("%lstat")
        elif names[:1] in (["fd"], ["dfd"]):
            c.add("%fstat")
        else:
            c.add("%stat")
        c.add("%%stat")
    if re.search(r"\bstruct (statfs|statfs64) __user \*", alltypes):
        c.add("%fstatfs" if names[:1] == ["fd"] else "%statfs")
        c.add("%%statfs")
    if "struct ustat __user *" in types:
        c.add("%%statfs")
    # %pure: no arguments, only returns an id of the caller
    if args == [] and kname.startswith("get"):
        c.add("%pure")
    return c


def gen_classes(hdr, tables, protos, default, overrides):
    """classes.py: {name: classes} by the rules above, corrected by tools/class-exceptions.txt."""
    result = {}
    for abi in ABI_NAMES:
        for nr, name in tables[abi].items():
            args, _, _ = protos.resolve(name, abi)
            kname = protos.kernel_name(name, abi)
            result.setdefault(name, set()).update(class_rules(kname, args))
    for n, f, reason in read_exceptions(CLASS_EXCEPTIONS):
        if len(f) != 2 or f[0][:1] not in "+-" or f[0][1:] not in CLASS_NAMES:
            raise GenError("%s:%d: want `+%%class NAME  # reason` or `-%%class NAME  # reason`"
                           % (CLASS_EXCEPTIONS, n))
        if f[1] not in result:
            raise GenError("%s:%d: %s is in no table" % (CLASS_EXCEPTIONS, n, f[1]))
        cls = f[0][1:]
        if (f[0][0] == "+") == (cls in result[f[1]]):
            raise GenError("%s:%d: %s: the rules already give that; drop the line"
                           % (CLASS_EXCEPTIONS, n, f[1]))
        (result[f[1]].add if f[0][0] == "+" else result[f[1]].discard)(cls)
    body = header(hdr.provenance([hdr.common_pkg]),
                  "strace's syscall classes: name -> classes, by the rules in tools/gen_syscalls.py\n"
                  "(class_rules) over the prototypes, corrected by tools/class-exceptions.txt.")
    body += "CLASS_NAMES = %r\n" % (CLASS_NAMES,)
    body += fmt_dict("CLASSES", dict((k, tuple(c for c in CLASS_NAMES if c in v))
                                     for k, v in result.items() if v))
    return {"classes.py": body}


CONST_HEADERS = [
    "linux/fcntl.h", "linux/mman.h", "asm/mman.h", "asm/signal.h", "asm/errno.h", "asm/socket.h",
    "asm/sockios.h", "linux/in.h", "linux/in6.h", "linux/tcp.h", "linux/un.h", "linux/netlink.h",
    "linux/poll.h", "linux/eventpoll.h", "linux/wait.h", "linux/sched.h", "linux/futex.h",
    "linux/fs.h", "linux/stat.h", "linux/resource.h", "linux/prctl.h", "asm/prctl.h",
    "linux/time.h", "asm/termbits.h", "asm/termios.h", "asm/ioctls.h", "linux/random.h", "linux/inotify.h",
    "linux/signalfd.h", "linux/memfd.h", "linux/xattr.h", "linux/mount.h", "linux/falloc.h",
    "linux/personality.h", "linux/ptrace.h", "linux/seccomp.h", "linux/close_range.h",
    "linux/openat2.h", "linux/auxvec.h", "linux/elf-em.h", "linux/audit.h", "linux/fadvise.h",
    "linux/kcmp.h", "linux/membarrier.h", "linux/userfaultfd.h", "linux/ioprio.h",
    "linux/keyctl.h", "linux/capability.h", "linux/reboot.h", "linux/mqueue.h", "linux/ipc.h",
    "linux/shm.h", "linux/sem.h", "linux/msg.h", "linux/uio.h", "linux/rseq.h", "linux/quota.h",
    "linux/timerfd.h", "linux/pidfd.h", "linux/io_uring.h", "linux/sched/types.h",
    # PID namespace ioctls (minitrace/pidns.py: NS_GET_PARENT)
    "linux/nsfs.h",
    "asm/siginfo.h", "linux/magic.h", "linux/filter.h", "linux/signal.h", "linux/timex.h",
    # sockets (decode/net.py): netlink messages, AF_PACKET addresses (linux/if_arp.h cannot be
    # preprocessed alone: its linux/if.h wants libc's sys/socket.h, so ARPHRD_ is not here)
    "linux/rtnetlink.h", "linux/sock_diag.h", "linux/if_packet.h", "linux/if_ether.h",
    # terminals (decode/ioctl.py): line disciplines N_*
    "linux/tty.h",
    # finit_module flags (decode/module.py), kexec_load/kexec_file_load flags (decode/reboot.py)
    "linux/module.h", "linux/kexec.h",
    # NUMA memory policies (decode/memory.py)
    "linux/mempolicy.h",
    # decode/bpf/, decode/landlock.py, decode/fanotify.py, decode/aio.py, decode/perf.py
    "linux/bpf.h", "linux/landlock.h", "linux/fanotify.h", "linux/aio_abi.h",
    "linux/perf_event.h", "linux/hw_breakpoint.h",
    # netlink protocols, message types and attributes (decode/netlink/)
    "linux/if.h", "linux/if_arp.h", "linux/if_link.h", "linux/if_addr.h", "linux/if_addrlabel.h",
    "linux/if_bridge.h", "linux/neighbour.h", "linux/fib_rules.h", "linux/pkt_sched.h",
    "linux/pkt_cls.h", "linux/gen_stats.h", "linux/nexthop.h", "linux/netconf.h",
    "linux/net_namespace.h", "linux/lwtunnel.h", "linux/dcbnl.h", "linux/mpls.h",
    "linux/inet_diag.h", "linux/unix_diag.h", "linux/netlink_diag.h", "linux/packet_diag.h",
    "linux/smc_diag.h", "linux/mptcp.h", "linux/xfrm.h", "linux/cryptouser.h",
    "linux/selinux_netlink.h", "linux/genetlink.h", "linux/netfilter/nfnetlink.h",
    "linux/netfilter/nf_tables.h", "linux/netfilter/nf_tables_compat.h",
    "linux/netfilter/nfnetlink_acct.h", "linux/netfilter/nfnetlink_conntrack.h",
    "linux/netfilter/nfnetlink_cthelper.h", "linux/netfilter/nfnetlink_cttimeout.h",
    "linux/netfilter/nfnetlink_hook.h", "linux/netfilter/nfnetlink_log.h",
    "linux/netfilter/nfnetlink_queue.h", "linux/netfilter/nfnetlink_osf.h",
    "linux/netfilter/ipset/ip_set.h", "linux/snmp.h", "linux/if_ether.h", "linux/ip.h",
    # sock_diag replies (decode/netlink/sock_diag.py): INET_DIAG_ULP_INFO's TLS attributes
    "linux/tls.h",
    # rtnetlink attribute payloads (decode/netlink/route/): DEVCONF_ (IFLA_INET6_CONF), IFF_TUN
    # and IFF_TAP (IFLA_TUN_TYPE), IPMRA_/IGMPMSG_/MRT6MSG_ (RTM_NEWCACHEREPORT)
    "linux/ipv6.h", "linux/if_tun.h", "linux/mroute.h", "linux/mroute6.h",
    # BOND_XSTATS_*, BOND_3AD_STAT_* (IFLA_STATS_LINK_XSTATS of a bond)
    "linux/if_bonding.h",
    # socket option names of every level (decode/sockopt/): SOL_UDP, SOL_ALG, SOL_XDP, SOL_TIPC,
    # SOL_TLS, SOL_KCM, SOL_CAN_RAW, SOL_SCTP, SOL_DCCP, SOL_RXRPC, SOL_PPPOL2TP, SOL_PNPIPE,
    # SOL_RDS, SOL_CAIF, SOL_NFC, SOL_AX25, IP_VS_SO_* of SOL_IP
    "linux/udp.h", "linux/if_alg.h", "linux/if_xdp.h", "linux/tipc.h", "linux/tls.h",
    "linux/kcm.h", "linux/can.h", "linux/can/raw.h", "linux/sctp.h", "linux/dccp.h",
    "linux/rxrpc.h", "linux/if_pppol2tp.h", "linux/phonet.h", "linux/rds.h",
    "linux/caif/caif_socket.h", "linux/nfc.h", "linux/ax25.h", "linux/ip_vs.h",
    # socket addresses of every family (decode/sockaddr/): AF_QIPCRTR (AF_MCTP's linux/mctp.h
    # wants libc's sys/socket.h through linux/netdevice.h: read as text below)
    "linux/qrtr.h",
    # process family (decode/prctl/, ptrace.py, quota.py): securebits, XFS quota commands and
    # flags, register-set note types of PTRACE_GETREGSET
    "linux/securebits.h", "linux/dqblk_xfs.h", "linux/elf.h",
    # ioctl arguments (decode/ioctl/): inode flags and FIEMAP (fs.py), input events (evdev.py:
    # linux/input.h includes libc headers: LIBC_STANDINS)
    "linux/fiemap.h", "linux/input-event-codes.h", "linux/input.h",
    # block devices (block.py): BLKPG operations
    "linux/blkpg.h",
    # the other ioctl families (decode/ioctl/): counter, hdio, kd, ptp, gpio, loop, device
    # mapper, rtc, kvm exit reasons, nbd, v4l2, mtd, ubi, sg, tee
    "linux/counter.h", "linux/hdreg.h", "linux/kd.h", "linux/ptp_clock.h", "linux/gpio.h",
    "linux/loop.h", "linux/dm-ioctl.h", "linux/rtc.h", "linux/kvm.h", "linux/nbd.h",
    "linux/videodev2.h", "mtd/mtd-abi.h", "mtd/ubi-user.h", "linux/bsg.h", "linux/keyboard.h",
    "linux/tee.h", "linux/sockios.h", "linux/lirc.h",
    # btrfs ioctls (decode/ioctl/btrfs/): flags, commands, tree object ids and key types
    "linux/btrfs.h", "linux/btrfs_tree.h",
]
# Empty stand-ins for the C library headers a CONST_HEADERS header includes without needing
# their definitions for its constants (linux/input.h: sys/time.h..., linux/btrfs_tree.h:
# stddef.h): written into a temporary folder last on the include path, never recorded as
# headers read.
LIBC_STANDINS = ("sys/time.h", "sys/ioctl.h", "sys/types.h", "stddef.h")
KEEP = re.compile(
    r"^(MPOL_|O_|F_|FD_|AT_|PROT_|MAP_|MADV_|MREMAP_|MS_|MCL_|MLOCK_|SIG|SA_|SS_|MINSIGSTKSZ|E[A-Z0-9_]+$|"
    r"AF_|PF_|SOCK_|MSG_|SOL_|SO_|SCM_|SOMAXCONN|IPPROTO_|IP_|IPV6_|TCP_|SHUT_|POLL|EPOLL|W[A-Z]+$|"
    r"__W(ALL|CLONE|NOTHREAD)$|P_(ALL|PID|PGID|PIDFD)$|CLONE_|CSIGNAL|FUTEX_|SEEK_|S_I|UTIME_|"
    r"RLIMIT_|RLIM_|RLIM64_|RUSAGE_|PR_|ARCH_|CLOCK_|TIMER_|TFD_|TC|TIOC|FIO|NCCS|B[0-9]+$|"
    r"GRND_|IN_|EFD_|SFD_|MFD_|XATTR_|STATX_|MOVE_MOUNT_|FSOPEN_|FSMOUNT_|FSCONFIG_|FSPICK_|"
    r"MOUNT_ATTR_|OPEN_TREE_|FALLOC_FL_|PER_|ADDR_|SECCOMP_|PTRACE_|CLOSE_RANGE_|RESOLVE_|"
    r"AT_|AUDIT_ARCH_|EM_|POSIX_FADV_|KCMP_|MEMBARRIER_|UFFD|IOPRIO_|KEYCTL_|KEY_SPEC_|KEY_REQKEY_DEFL_|KEY_(POS|USR|GRP|OTH)_|CAP_|"
    r"LINUX_REBOOT_|IPC_|SHM_|SEM_|GETALL|SETALL|GETVAL|SETVAL|GETPID|GETNCNT|GETZCNT|MSG_|"
    r"UIO_|RSEQ_|Q_|SCHED_|LOCK_|RENAME_|SPLICE_F_|SYNC_FILE_RANGE_|NSIG|_NSIG|SI_|"
    r"ILL_|FPE_|SEGV_|BUS_|TRAP_|CLD_|POLL_|SYS_SECCOMP$|SYS_USER_DISPATCH$|IORING_|PIDFD_|RWF_|DN_|__O_|PRIO_|ST_|SUID_DUMP_|BPF_|"
    r"ITIMER_|ADJ_|STA_|TIME_(OK|INS|DEL|OOP|WAIT|ERROR|BAD)$|"
    r"[A-Z0-9_]+_MAGIC$|"
    # bpf (BPF_ above), landlock, fanotify, aio, perf_event_open
    r"LANDLOCK_|FAN_|FANOTIFY_|IOCB_|PERF_|HW_BREAKPOINT_|IOSQE_|IO_URING_OP_|"
    # securebits, quota formats/flags (linux/quota.h, dqblk_xfs.h), ELF note types (linux/elf.h)
    r"SECBIT_|SECURE_|QFMT_|QIF_|IIF_|DQF_|FS_(USER|GROUP|PROJ)_QUOTA$|FS_QUOTA_|FS_DQ_|XFS_QUOTA_|"
    r"NT_|SYSLOG_ACTION_|(USR|GRP|PRJ)QUOTA$|XQM_|"
    # PID namespace ioctls (linux/nsfs.h, minitrace/pidns.py)
    r"NS_GET_|"
    # pkey_alloc access rights (asm-generic/mman-common.h, powerpc's asm/mman.h)
    r"PKEY_DISABLE_|"
    # personality flags (linux/personality.h), finit_module flags (linux/module.h), umount2
    # flags (kernel-internal, INTERNAL below)
    r"UNAME26$|FDPIC_FUNCPTRS$|MMAP_PAGE_ZERO$|READ_IMPLIES_EXEC$|SHORT_INODE$|WHOLE_SECONDS$|"
    r"STICKY_TIMEOUTS$|MODULE_INIT_|MNT_(FORCE|DETACH|EXPIRE)$|UMOUNT_NOFOLLOW$|KEXEC_|SWAP_FLAG_|"
    # netlink (linux/netlink.h, rtnetlink.h, sock_diag.h) and AF_PACKET (if_packet.h,
    # if_ether.h, if_arp.h) for decode/net.py
    r"NETLINK_|NLM_F_|NLMSG_(NOOP|ERROR|DONE|OVERRUN|MIN_TYPE)$|RTM_|SOCK_DIAG_BY_FAMILY$|"
    r"SOCK_DESTROY$|PACKET_|ETH_P_|ARPHRD_|IFA_F_|RT_SCOPE_|"
    # netlink protocols (decode/netlink/): message types, attributes, flags of their structs
    r"NLA_F_|NLA_TYPE_MASK$|NLMSGERR_ATTR_|NLM_F_|IFF_|IFLA_|IFA_|IFAL_|RTA_|RTN_|RTPROT_|"
    r"RT_TABLE_|RTM_F_|RTNH_F_|RTAX_|RTEXT_FILTER_|NDA_|NTF_|NUD_|NDTA_|NDTPA_|NDA_|FRA_|"
    r"FR_ACT_|FIB_RULE_|TCA_|TC_H_|NHA_|NHG_|NHA_|NETCONFA_|MDBA_|MDB_|BRIDGE_|DCB_|"
    r"LWTUNNEL_|MPLS_|NETNSA_|INET_DIAG_|UNIX_DIAG_|UDIAG_|NETLINK_DIAG_|NDIAG_|"
    r"PACKET_DIAG_|PACKET_SHOW_|PDIAG_|SMC_|MPTCP_|XFRM_|XFRMA_|XFRMNLGRP_|AUDIT_|NFNL_|"
    r"NFNLGRP_|NFT_|NFTA_|IPCTNL_|CTA_|NFQNL_|NFQA_|NFULNL_|NFULA_|IPSET_|NFACCT_|OSF_|"
    r"NFCTH_|CTNL_TIMEOUT_|NFNL_MSG_|CRYPTO_|CRYPTOCFGA_|SELNL_|CTRL_|GENL_|IN_DEV_CONF_|"
    r"DEVCONF_|IPV4_DEVCONF_|IFLA_|IF_OPER_|IF_LINK_MODE_|MACVLAN_|IPVLAN_|XDP_|"
    r"PORT_|IFNAMSIZ$|NLMSG_ALIGNTO$|IPTOS_|NFNETLINK_V0$|"
    # sock_diag requests and replies (decode/netlink/sock_diag.py)
    r"SK_MEMINFO_|SK_DIAG_BPF_STORAGE|INET_ULP_INFO_|TLS_|TPACKET_V[0-9]$|PDI_|"
    r"DCCPDIAG_GETSOCK$|RCV_SHUTDOWN$|SEND_SHUTDOWN$|"
    # rtnetlink attribute payloads (decode/netlink/route/): IPv6 devconf/SNMP array indexes,
    # address generation modes, bridge boolean options, nexthop group types, link xstats types,
    # FDB extension attributes and notify flags, ipmr/ip6mr cache reports and their rtnetlink
    # families, bridge/bond link xstats
    r"IPSTATS_MIB_|ICMP6_MIB_|IN6_ADDR_GEN_MODE_|BR_BOOLOPT_|NEXTHOP_GRP_TYPE_|LINK_XSTATS_TYPE_|"
    r"NFEA_|IPMRA_|IGMPMSG_|MRT6MSG_|IF_RA_|IF_RS_|IF_READY$|BR_MCAST_DIR_|BOND_3AD_STAT_|"
    r"BOND_XSTATS_|RTNL_FAMILY_|IP6MRA_|FDB_NOTIFY_|"
    # socket options of every level (decode/sockopt/)
    r"MCAST_|UDP_|ICMP_|ALG_|XDP_|TIPC_|TLS_|KCM_|CAN_RAW_|SCTP_|DCCP_SOCKOPT_|RXRPC_|"
    r"PPPOL2TP_SO_|PNPIPE_|RDS_|CAIFSO_|NFC_LLCP_|LLC_OPT_|AX25_|BT_|IPX_TYPE$|SKF_|"
    r"(IPT|IP6T|ARPT|EBT)_SO_|"
    # socket addresses of every family (decode/sockaddr/): NFC, QIPCRTR, MCTP, VSOCK,
    # IEEE802154, ALG, Bluetooth
    r"NFC_PROTO_|QRTR_(NODE|PORT)_|MCTP_(NET|ADDR)_|VMADDR_|IEEE802154_(ADDR|PANID)_|"
    r"CRYPTO_ALG_KERN_DRIVER_ONLY$|L2CAP_(PSM|CID)_|HCI_CHANNEL_|BDADDR_(BREDR|LE_\w+)$|"
    # termios flags and c_cc indexes (asm/termbits.h), line disciplines (linux/tty.h)
    r"(IGNBRK|BRKINT|IGNPAR|PARMRK|INPCK|ISTRIP|INLCR|IGNCR|ICRNL|IUCLC|IXON|IXANY|IXOFF|"
    r"IMAXBEL|IUTF8|OPOST|OLCUC|ONLCR|OCRNL|ONOCR|ONLRET|OFILL|OFDEL|NLDLY|NL[01]|CRDLY|CR[0-3]|"
    r"TABDLY|TAB[0-3]|XTABS|BSDLY|BS[01]|VTDLY|VT[01]|FFDLY|FF[01]|CBAUD|CBAUDEX|BOTHER|CIBAUD|"
    r"CSIZE|CS[5-8]|CSTOPB|CREAD|PARENB|PARODD|HUPCL|CLOCAL|CMSPAR|CRTSCTS|IBSHIFT|EXTA|EXTB|"
    r"ISIG|ICANON|XCASE|ECHO|ECHOE|ECHOK|ECHONL|NOFLSH|TOSTOP|ECHOCTL|ECHOPRT|ECHOKE|FLUSHO|"
    r"PENDIN|IEXTEN|EXTPROC|V(INTR|QUIT|ERASE|KILL|EOF|TIME|MIN|SWTC|SWTCH|START|STOP|SUSP|EOL|"
    r"REPRINT|DISCARD|WERASE|LNEXT|EOL2)|N_[A-Z0-9_]+)$|"
    # ioctls: inode flags, xflags, FIEMAP flags (linux/fs.h, fiemap.h); input events
    r"FS_[A-Z0-9_]+_FL$|FS_XFLAG_|FIEMAP_(FLAG|EXTENT)_|EV_|SYN_|KEY_|BTN_|REL_|ABS_|MSC_|SW_|"
    r"LED_|REP_|SND_|INPUT_PROP_|FF_|ID_(BUS|VENDOR|PRODUCT|VERSION)$|INPUT_KEYMAP_BY_INDEX$|"
    r"BLKPG_(ADD|DEL|RESIZE)_PARTITION$|BLKPG_(DEVNAMELTH|VOLNAMELTH)$|"
    # the other ioctl families (decode/ioctl/)
    r"COUNTER_(COMPONENT|SCOPE|EVENT)_|K_|KB_|KT_|KG_|NR_(SHIFT|LOCK)$|KD_(TEXT|GRAPHICS|TEXT0|TEXT1)$|KDSIG|KD_FONT_(OP|FLAG)_|UNI_DIRECT_(BASE|MASK)$|"
    r"PTP_(ENABLE_FEATURE|RISING_EDGE|FALLING_EDGE|STRICT_FLAGS|PEROUT_|PF_)|"
    r"GPIOEVENT_REQUEST_|GPIOHANDLE_REQUEST_|GPIOLINE_FLAG_|GPIO_V2_|GPIO_MAX_NAME_SIZE$|"
    r"GPIOHANDLES_MAX$|LO_|DM_|RTC_(BSM|FEATURE|PARAM|VL)_|RTC_(AF|PF|UF|IRQF)$|KVM_EXIT_|"
    r"KVM_CAP_|KVM_MEM_|KVM_CPUID_FLAG_|NBD_FLAG_|V4L2_|MTD_|MTD(ANY|RAM|ROM|NORFLASH|"
    r"NANDFLASH|DATAFLASH|UBIVOLUME|MLCNANDFLASH|ABSENT)$|MTD_OPS_|UBI_|BSG_|"
    r"TEE_|SIOC|IDE_NICE_|BUSSTATE_|WIN_|LIRC_(MODE|CAN)_|BTRFS_(?!IOC_))")
DROP = re.compile(r"^(SIGSTKSZ|SIG_(DFL|IGN|ERR)|E[A-Z]+_H|O_LARGEFILE_H)$|_H$|_H_$")

# Kernel-internal definitions that strace prints but that are not uapi: taken from the kernel
# source's headers by a pattern (arch-independent), and only where uapi defines nothing.
INTERNAL = [
    ("include/linux/socket.h", r"(AF_\w+|PF_\w+|MSG_\w+|SOL_\w+|SOMAXCONN|SCM_\w+)"),
    ("include/linux/net.h", r"(SOCK_\w+)"),
    ("include/linux/errno.h", r"(E\w+)"),
    ("include/linux/statfs.h", r"(ST_\w+)"),
    ("include/linux/splice.h", r"(SPLICE_F_\w+)"),
    ("include/linux/sched/coredump.h", r"(SUID_DUMP_\w+)"),
    ("include/linux/key.h", r"(KEY_(?:POS|USR|GRP|OTH)_\w+)"),
    # sock_diag (decode/netlink/sock_diag.py): what a socket's shutdown byte holds
    ("include/net/sock.h", r"(RCV_SHUTDOWN|SEND_SHUTDOWN)"),
    # uapi headers that cannot be preprocessed alone (they include libc's sys/socket.h), and
    # kernel-internal socket option names (bluetooth, iucv): decode/sockopt/
    ("include/uapi/linux/icmp.h", r"(ICMP_\w+)"),
    ("include/uapi/linux/if_arp.h", r"(ARPHRD_\w+)"),
    ("include/uapi/linux/vm_sockets.h", r"(SO_VM_\w+|VMADDR_\w+)"),
    ("include/uapi/linux/llc.h", r"(LLC_OPT_\w+)"),
    ("include/uapi/linux/netfilter_ipv4/ip_tables.h", r"(IPT_BASE_CTL|IPT_SO_\w+)"),
    ("include/uapi/linux/netfilter_ipv6/ip6_tables.h", r"(IP6T_BASE_CTL|IP6T_SO_\w+)"),
    ("include/uapi/linux/netfilter_arp/arp_tables.h", r"(ARPT_BASE_CTL|ARPT_SO_\w+)"),
    ("include/uapi/linux/netfilter_bridge/ebtables.h", r"(EBT_BASE_CTL|EBT_SO_\w+)"),
    ("include/net/bluetooth/bluetooth.h", r"(BT_\w+|BDADDR_(?:BREDR|LE_\w+))"),
    # kernel-internal address constants (decode/sockaddr/): Bluetooth L2CAP PSMs and CIDs, HCI
    # channels, IEEE 802.15.4 address types (an enum), PAN ids and addresses, AF_ALG features
    ("include/net/bluetooth/l2cap.h", r"(L2CAP_(?:PSM|CID)_\w+)"),
    ("include/net/bluetooth/hci_sock.h", r"(HCI_CHANNEL_\w+)"),
    ("include/uapi/linux/mctp.h", r"(MCTP_(?:NET|ADDR)_\w+)"),
    ("include/net/af_ieee802154.h", r"(IEEE802154_(?:ADDR|PANID)_\w+)"),
    ("include/linux/crypto.h", r"(CRYPTO_ALG_KERN_DRIVER_ONLY)"),
    ("include/net/iucv/af_iucv.h", r"(SO_IPRMDATA_MSG|SO_MSGLIMIT|SO_MSGSIZE)"),
    ("include/linux/syslog.h", r"(SYSLOG_ACTION_\w+)"),
    # the flags of IFLA_INET6_FLAGS (decode/netlink/route/link.py)
    ("include/net/if_inet6.h", r"(IF_RA_\w+|IF_RS_\w+|IF_READY)"),
    # umount2's flags (decode/mount.py)
    ("include/linux/fs.h", r"(MNT_FORCE|MNT_DETACH|MNT_EXPIRE|UMOUNT_NOFOLLOW)"),
    # swapon's flags (decode/reboot.py)
    ("include/linux/swap.h", r"(SWAP_FLAG_\w+)"),
]
# Kernel-internal enumerations, by a name one of their enumerators has: TCP states (the
# idiag_state of inet_diag replies, the udiag_states/idiag_states masks)
INTERNAL_ENUMS = [
    ("include/net/tcp_states.h", "TCP_ESTABLISHED"),
]


LIBC_CONSTANTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libc-constants.txt")


def libc_constants():
    """(name, C expression) pairs of tools/libc-constants.txt: names that only the C library
    defines (no kernel header has them); evaluated per ABI like a macro."""
    out = []
    with open(LIBC_CONSTANTS) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, expr = line.split(None, 1)
                out.append((name, expr))
    return out


def internal_defines(hdr):
    macros, enums = {}, []
    for rel, pat in INTERNAL:
        text = headerstore.open_input(hdr.kernel_file(rel)).read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        for m in re.finditer(r"^#define\s+%s[ \t]+([^\n]+)$" % pat, text, re.M):
            if m.group(1) != "MSG_CMSG_COMPAT":   # 0 or 0x80000000 by CONFIG_COMPAT
                macros.setdefault(m.group(1), (None, m.group(2).strip()))
        for m in re.finditer(r"\benum\s+sock_type\s*\{([^}]*)\}", text):
            enums.append(m.group(1))
        # an anonymous enum of the pattern's names (af_ieee802154.h's IEEE802154_ADDR_NONE...)
        for m in re.finditer(r"\benum\s*\{([^}]*)\}", text):
            if re.search(r"^\s*%s\s*=" % pat, m.group(1), re.M):
                enums.append(m.group(1))
    for rel, member in INTERNAL_ENUMS:
        text = headerstore.open_input(hdr.kernel_file(rel)).read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        for m in re.finditer(r"\benum\s*\w*\s*\{([^}]*)\}", text):
            if re.search(r"\b%s\b" % member, m.group(1)):
                enums.append(m.group(1))
    return macros, enums


def internal_errno_names(hdr):
    """The kernel-internal errno names: those include/linux/errno.h defines."""
    text = headerstore.open_input(hdr.kernel_file("include/linux/errno.h")).read()
    return set(re.findall(r"^#define\s+(E\w+)\s", text, re.M))


def parse_enums(bodies, macros, layout, bits, keep):
    """The kept enumerators of `bodies`. Every enumerator is remembered for the evaluation of
    later ones (PER_LINUX_FDPIC = 0x0000 | FDPIC_FUNCPTRS), kept or not."""
    known = {}
    for body in bodies:
        nxt = 0
        for item in split_top(body):
            m = re.match(r"^([A-Za-z_]\w*)\s*(?:=\s*(.+))?$", item.strip(), re.S)
            if not m:
                break
            try:
                v = evaluate(m.group(2), macros, layout, bits, known) if m.group(2) else nxt
            except EvalError:
                break
            known.setdefault(m.group(1), v)
            nxt = v + 1
    return dict((name, v) for name, v in known.items() if keep(name))


def abi_constants(hdr, abi):
    standins = tempfile.mkdtemp(prefix="gen_syscalls-standins.")
    try:
        for rel in LIBC_STANDINS:
            path = os.path.join(standins, rel)
            if not os.path.isdir(os.path.dirname(path)):
                os.makedirs(os.path.dirname(path))
            with open(path, "w") as f:
                f.write("/* empty stand-in written by tools/gen_syscalls.py */\n")
        return _abi_constants(hdr, abi, standins)
    finally:
        shutil.rmtree(standins)


def _abi_constants(hdr, abi, standins):
    pkg, incs, defines, long_size, ll_align = hdr.abi(abi)
    present = [h for h in CONST_HEADERS if any(os.path.exists(os.path.join(i, h)) for i in incs)]
    src = "".join("#include <%s>\n" % h for h in present)
    try:
        text = cpp(src, incs, defines, standins=standins)
    except GenError:
        # a few uapi headers include libc headers (linux/shm.h: <unistd.h>): leave those out
        ok = []
        for h in present:
            try:
                cpp("#include <%s>\n" % h, incs, defines, standins=standins)
                ok.append(h)
            except GenError:
                pass
        src = "".join("#include <%s>\n" % h for h in ok)
        text = cpp(src, incs, defines, standins=standins)
    macros = parse_defines(text)
    expanded = cpp(src, incs, defines, mode="-E", standins=standins)
    layout = Layout(long_size, ll_align, expanded)
    bits = long_size * 8
    internal, internal_enums = internal_defines(hdr)
    for k, v in internal.items():
        macros.setdefault(k, v)
    keep = lambda n: bool(KEEP.match(n)) and not DROP.match(n)
    enum_bodies = re.findall(r"\benum\s*\w*\s*\{([^{}]*)\}", expanded) + internal_enums
    enums = parse_enums(enum_bodies, macros, layout, bits, keep)
    consts = {}
    for name in sorted(macros):
        params, body = macros[name]
        if params is not None or not keep(name) or not body:
            continue
        try:
            consts[name] = evaluate(body, macros, layout, bits, enums)
        except EvalError:
            continue
    for name, v in enums.items():
        consts.setdefault(name, v)
    for name, expr in libc_constants():
        if name not in consts:
            macros[name] = (None, expr)
            consts[name] = evaluate(expr, macros, layout, bits, enums)
    # errno: the uapi asm/errno.h names plus the kernel-internal codes of include/linux/errno.h
    emacros = parse_defines(cpp("#include <asm/errno.h>\n", incs, defines))
    # (only linux/errno.h's: another INTERNAL header's E names are not errnos, EBT_BASE_CTL)
    enames = set(n for n in emacros if re.match(r"^E[A-Z0-9]+$", n)) | (
        set(internal) & internal_errno_names(hdr))
    errnos = {}
    for name in sorted(enames):
        if name not in consts:
            continue
        body = emacros.get(name, internal.get(name))[1]
        literal = bool(re.match(r"^\d+$", body))
        nr = consts[name]
        cur = errnos.get(nr)
        # canonical: defined by a number, not as another macro (EAGAIN, not EWOULDBLOCK)
        if cur is None or (literal and not cur[1]):
            errnos[nr] = (name, literal)
    errno_names = dict((nr, v[0]) for nr, v in errnos.items())
    return pkg, consts, errno_names


def gen_constants(hdr, tables, protos, default, overrides):
    files = {}
    for abi in ABI_NAMES:
        pkg, consts, errnos = abi_constants(hdr, abi)
        body = header(hdr.provenance([pkg, hdr.common_pkg]),
                      "%s constants from the uapi headers (cpp -dM, evaluated by\n"
                      "tools/gen_syscalls.py), plus the kernel-internal AF_/MSG_/SOCK_/E*/ST_/...\n"
                      "codes that strace prints and the libc-only names of\n"
                      "tools/libc-constants.txt. ERRNO_NAMES: number -> canonical errno name." % abi)
        body += "ABI = %r\n" % abi
        body += "\n"
        body += fmt_int_table("CONSTANTS_TEXT", consts)
        body += fmt_dict("ERRNO_NAMES", errnos)
        files["consts_%s.py" % abi] = body
    return files


def check():
    """Regenerate syscalls/ from the stored headers with every generator (tools/gen_all.py: this
    one and tools/gen_ioctls.py), diff, and check the store holds exactly the files they read
    together. Return the diff text."""
    import gen_all
    return gen_all.check()


def generate_stored(out):
    """generate() from the headers stored in tools/headers/."""
    with headerstore.Stored() as pkgs:
        return generate(out, pkgs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "syscalls"), help="output folder")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary folder and diff against syscalls/")
    args = ap.parse_args(argv)
    try:
        if args.check:
            diff = check()
            if diff:
                sys.stdout.write(diff)
                sys.stderr.write("gen_syscalls: syscalls/ differs from a fresh generation\n")
                return 1
            return 0
        for name in generate_stored(args.out):
            log("wrote %s" % os.path.join(args.out, name))
    except (GenError, headerstore.StoreError) as e:
        sys.stderr.write("gen_syscalls: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
