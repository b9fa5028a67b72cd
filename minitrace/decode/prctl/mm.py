"""prctl's PR_SET_MM (strace's prctl.c): the field, then the other arguments in hex."""
from minitrace.decode.common import enum_text
from minitrace.decode.prctl.base import Option, hexargs

# xlat/pr_set_mm.in (linux/prctl.h)
PR_SET_MM_NAMES = ("PR_SET_MM_START_CODE", "PR_SET_MM_END_CODE", "PR_SET_MM_START_DATA",
                   "PR_SET_MM_END_DATA", "PR_SET_MM_START_STACK", "PR_SET_MM_START_BRK",
                   "PR_SET_MM_BRK", "PR_SET_MM_ARG_START", "PR_SET_MM_ARG_END",
                   "PR_SET_MM_ENV_START", "PR_SET_MM_ENV_END", "PR_SET_MM_AUXV",
                   "PR_SET_MM_EXE_FILE", "PR_SET_MM_MAP", "PR_SET_MM_MAP_SIZE")


class SetMm(Option):
    def enter(self, ctx, call):
        return ", " + enum_text(ctx, call, call.args[1] & 0xffffffff, PR_SET_MM_NAMES,
                                "PR_SET_MM_???") + hexargs(call, 2)


OPTIONS = {"PR_SET_MM": SetMm()}
