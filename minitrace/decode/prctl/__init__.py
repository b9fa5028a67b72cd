"""prctl (strace's prctl.c), one module per command group: task attributes (task.py),
capabilities and securebits (caps.py), seccomp (seccomp.py), speculation control (spec.py),
arm64 features: SVE/SME, tagged addresses/MTE, PAC keys (arm64.py), core scheduling
(sched_core.py), PR_SET_MM (mm.py); arch_prctl and arm's set_tls in arch.py.

Each group exports OPTIONS, option name -> base.Option; an option no group claims prints its
arguments in hex, as strace's default. The groups are imported at the first prctl decoded
(options()): arch_prctl, which every program makes, loads this package but needs only arch.py."""
import importlib

from minitrace.decode import register
from minitrace.decode.common import enum_text
from minitrace.decode.generic import Decoder
from minitrace.decode.prctl import arch  # noqa: F401  (registers arch_prctl and set_tls)
from minitrace.decode.prctl.base import PRCTL_NAMES, Option

GROUPS = ("task", "caps", "seccomp", "spec", "arm64", "sched_core", "mm")
_OPTIONS = {}
DEFAULT = Option()


def options():
    """option name -> base.Option of every group, imported the first time."""
    if not _OPTIONS:
        for group in GROUPS:
            _OPTIONS.update(importlib.import_module(__name__ + "." + group).OPTIONS)
    return _OPTIONS


@register("prctl")
class Prctl(Decoder):
    def _option(self, ctx, call):
        name = ctx.enum_table(call.abi, PRCTL_NAMES).get(call.args[0] & 0xffffffff)
        return options().get(name, DEFAULT)

    def enter(self, ctx, call):
        head = enum_text(ctx, call, call.args[0] & 0xffffffff, PRCTL_NAMES, "PR_???")
        return head + self._option(ctx, call).enter(ctx, call)

    def exit(self, ctx, call):
        return self._option(ctx, call).exit(ctx, call)

    def result(self, ctx, call):
        return self._option(ctx, call).result(ctx, call, Decoder.result(self, ctx, call))
