"""prctl options of speculation control (strace's prctl.c: PR_GET/SET_SPECULATION_CTRL)."""
from minitrace import printers
from minitrace.decode.common import enum_text, failed, lmask
from minitrace.decode.prctl.base import Option, aux_flags, hex_result, with_aux

PR_SPEC_CMD_NAMES = ("PR_SPEC_STORE_BYPASS", "PR_SPEC_INDIRECT_BRANCH",  # xlat/pr_spec_cmds.in
                     "PR_SPEC_L1D_FLUSH")
# xlat/pr_spec_get_store_bypass_flags.in, pr_spec_set_store_bypass_flags.in (linux/prctl.h)
PR_SPEC_GET_NAMES = ("PR_SPEC_NOT_AFFECTED", "PR_SPEC_PRCTL", "PR_SPEC_ENABLE",
                     "PR_SPEC_DISABLE", "PR_SPEC_FORCE_DISABLE", "PR_SPEC_DISABLE_NOEXEC")
PR_SPEC_SET_NAMES = ("PR_SPEC_ENABLE", "PR_SPEC_DISABLE", "PR_SPEC_FORCE_DISABLE",
                     "PR_SPEC_DISABLE_NOEXEC")


def _known(ctx, call, cmd):
    return cmd in ctx.enum_table(call.abi, PR_SPEC_CMD_NAMES)


class GetSpeculationCtrl(Option):
    def enter(self, ctx, call):
        return ", " + enum_text(ctx, call, call.args[1] & lmask(call), PR_SPEC_CMD_NAMES,
                                "PR_SPEC_???")

    def result(self, ctx, call, base):
        if failed(call) or not _known(ctx, call, call.args[1] & lmask(call)):
            return base
        return with_aux(hex_result(ctx, call, base),
                        aux_flags(ctx, call, call.ret & lmask(call), PR_SPEC_GET_NAMES))


class SetSpeculationCtrl(Option):
    def enter(self, ctx, call):
        mask = lmask(call)
        cmd = call.args[1] & mask
        text = ", " + enum_text(ctx, call, cmd, PR_SPEC_CMD_NAMES, "PR_SPEC_???")
        if _known(ctx, call, cmd):
            return text + ", " + enum_text(ctx, call, call.args[2] & mask, PR_SPEC_SET_NAMES,
                                           "PR_SPEC_???")
        return text + ", " + printers.hexnum(call.args[2] & mask)


OPTIONS = {"PR_GET_SPECULATION_CTRL": GetSpeculationCtrl(),
           "PR_SET_SPECULATION_CTRL": SetSpeculationCtrl()}
