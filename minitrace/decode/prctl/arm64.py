"""prctl options of arm64 features (strace's prctl.c): SVE and SME vector lengths, tagged
addresses and MTE, pointer authentication keys."""
from minitrace import printers
from minitrace.decode.common import failed, flag_text, lmask
from minitrace.decode.prctl.base import Option, aux_flags, hex_result, hexargs, with_aux

PR_SVE_VL_NAMES = ("PR_SVE_SET_VL_ONEXEC", "PR_SVE_VL_INHERIT")      # xlat/pr_sve_vl_flags.in
PR_SME_VL_NAMES = ("PR_SME_SET_VL_ONEXEC", "PR_SME_VL_INHERIT")      # xlat/pr_sme_vl_flags.in
# xlat/pr_tagged_addr_mte_tcf.in (linux/prctl.h)
PR_MTE_TCF_NAMES = ("PR_MTE_TCF_NONE", "PR_MTE_TCF_SYNC", "PR_MTE_TCF_ASYNC", "PR_MTE_TCF_MASK")
PR_PAC_ENABLED_KEY_NAMES = ("PR_PAC_APIAKEY", "PR_PAC_APIBKEY", "PR_PAC_APDAKEY",
                            "PR_PAC_APDBKEY")                       # pr_pac_enabled_keys.in
PR_PAC_KEY_NAMES = PR_PAC_ENABLED_KEY_NAMES + ("PR_PAC_APGAKEY",)   # + xlat/pr_pac_keys.in


def vector_length(ctx, call, value, names, len_mask_name, aux):
    """strace's sprint_sve_val/sprint_sme_val: `PR_SVE_VL_INHERIT|0xea57`; the result's
    annotation (aux) only when flags are set, never with -X raw."""
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return None if aux else printers.hexnum(value)
    len_mask = ctx.constants(call.abi).get(len_mask_name, 0)
    vl = value & len_mask
    flags = value & ~len_mask
    if not flags and aux:
        return None
    names_text = None
    if flags:
        names_text = printers.flags(flags, ctx.flag_table(call.abi, names), None)
    body = "%s%s" % (names_text + "|" if names_text else "", printers.hexnum(vl))
    if not aux and flags and cstyle == "verbose":
        return "%s /* %s */" % (printers.hexnum(value), body)
    return body


class SetVl(Option):
    def __init__(self, names, len_mask_name):
        self.names = names
        self.len_mask_name = len_mask_name

    def enter(self, ctx, call):
        return ", " + vector_length(ctx, call, call.args[1] & lmask(call), self.names,
                                    self.len_mask_name, False)

    def result(self, ctx, call, base):
        if failed(call) or call.ret == 0:
            return base
        return with_aux(hex_result(ctx, call, base),
                        vector_length(ctx, call, call.ret & lmask(call), self.names,
                                      self.len_mask_name, True))


class GetVl(SetVl):
    def enter(self, ctx, call):
        return ""


def tagged_addr(ctx, call, value, rval):
    """strace's sprint_tagged_addr_val: `PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_SYNC|0xff<<...`."""
    c = ctx.constants(call.abi)
    cstyle = ctx.style.const_style
    enable = c.get("PR_TAGGED_ADDR_ENABLE", 0)
    tcf_mask = c.get("PR_MTE_TCF_MASK", 0)
    tag_mask = c.get("PR_MTE_TAG_MASK", 0)
    tag_shift = c.get("PR_MTE_TAG_SHIFT", 0)
    out = ""
    if not rval and cstyle != "abbrev":
        out = printers.hexnum(value)
    if cstyle == "raw":
        return None if rval else out
    if not rval and cstyle == "verbose":
        out += " /* "
    out += ("PR_TAGGED_ADDR_ENABLE" if value & enable else "!PR_TAGGED_ADDR_ENABLE") + "|"
    tcf = value & tcf_mask
    out += ctx.enum_table(call.abi, PR_MTE_TCF_NAMES).get(tcf) or printers.hexnum(tcf)
    tag = value & tag_mask
    if tag:
        out += "|%#x<<PR_MTE_TAG_SHIFT" % (tag >> tag_shift)
    rest = value & ~(enable | tcf_mask | tag_mask)
    if rest:
        out += "|%#x" % rest
    if not rval and cstyle == "verbose":
        out += " */"
    return out


class SetTaggedAddrCtrl(Option):
    def enter(self, ctx, call):
        return ", " + tagged_addr(ctx, call, call.args[1] & lmask(call), False) + \
            hexargs(call, 2)


class GetTaggedAddrCtrl(Option):
    def result(self, ctx, call, base):
        if failed(call):
            return base
        return with_aux(hex_result(ctx, call, base),
                        tagged_addr(ctx, call, call.ret & lmask(call), True))


class PacResetKeys(Option):
    def enter(self, ctx, call):
        return ", " + flag_text(ctx, call, call.args[1] & lmask(call), PR_PAC_KEY_NAMES,
                                "PR_PAC_???") + hexargs(call, 2)


class PacSetEnabledKeys(Option):
    def enter(self, ctx, call):
        mask = lmask(call)
        return ", %s, %s%s" % (
            flag_text(ctx, call, call.args[1] & mask, PR_PAC_ENABLED_KEY_NAMES, "PR_PAC_???"),
            flag_text(ctx, call, call.args[2] & mask, PR_PAC_ENABLED_KEY_NAMES, "PR_PAC_???"),
            hexargs(call, 3))


class PacGetEnabledKeys(Option):
    def result(self, ctx, call, base):
        if failed(call):
            return base
        return with_aux(hex_result(ctx, call, base),
                        aux_flags(ctx, call, call.ret & lmask(call),
                                  PR_PAC_ENABLED_KEY_NAMES))


OPTIONS = {
    "PR_SVE_SET_VL": SetVl(PR_SVE_VL_NAMES, "PR_SVE_VL_LEN_MASK"),
    "PR_SVE_GET_VL": GetVl(PR_SVE_VL_NAMES, "PR_SVE_VL_LEN_MASK"),
    "PR_SME_SET_VL": SetVl(PR_SME_VL_NAMES, "PR_SME_VL_LEN_MASK"),
    "PR_SME_GET_VL": GetVl(PR_SME_VL_NAMES, "PR_SME_VL_LEN_MASK"),
    "PR_SET_TAGGED_ADDR_CTRL": SetTaggedAddrCtrl(),
    "PR_GET_TAGGED_ADDR_CTRL": GetTaggedAddrCtrl(),
    "PR_PAC_RESET_KEYS": PacResetKeys(),
    "PR_PAC_SET_ENABLED_KEYS": PacSetEnabledKeys(),
    "PR_PAC_GET_ENABLED_KEYS": PacGetEnabledKeys(),
}
