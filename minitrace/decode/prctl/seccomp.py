"""prctl options of seccomp (strace's prctl.c): the mode, and the filter program of
SECCOMP_MODE_FILTER."""
from minitrace.decode.common import enum_text, lmask
from minitrace.decode.seccomp import seccomp_fprog
from minitrace.decode.prctl.base import NoArgs, Option, hexargs

SECCOMP_MODE_NAMES = ("SECCOMP_MODE_DISABLED", "SECCOMP_MODE_STRICT",    # xlat/seccomp_mode.in
                      "SECCOMP_MODE_FILTER")


class SetSeccomp(Option):
    def enter(self, ctx, call):
        c = ctx.constants(call.abi)
        mode = call.args[1] & lmask(call)
        text = ", " + enum_text(ctx, call, mode, SECCOMP_MODE_NAMES, "SECCOMP_MODE_???")
        if mode == c.get("SECCOMP_MODE_STRICT"):
            return text
        if mode == c.get("SECCOMP_MODE_FILTER"):
            return text + ", " + seccomp_fprog(ctx, call, call.args[2] & lmask(call))
        return text + hexargs(call, 2)


OPTIONS = {"PR_GET_SECCOMP": NoArgs(), "PR_SET_SECCOMP": SetSeccomp()}
