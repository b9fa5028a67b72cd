"""Kernel module calls (strace 6.1's bjm.c): init_module, finit_module, delete_module, all
printed at entry. Flag names mirror strace's xlat lists (values from the generated
constants: linux/module.h, linux/fcntl.h)."""
from minitrace import printers
from minitrace.arch import long_bits
from minitrace.decode import register
from minitrace.decode.common import fd, flag_text
from minitrace.decode.generic import Decoder, cstring_arg

# xlat/module_init_flags.in (linux/module.h)
MODULE_INIT_FLAGS = ("MODULE_INIT_IGNORE_MODVERSIONS", "MODULE_INIT_IGNORE_VERMAGIC",
                     "MODULE_INIT_COMPRESSED_FILE")
# xlat/delete_module_flags.in: the O_* flags delete_module looks at
DELETE_MODULE_FLAGS = ("O_NONBLOCK", "O_TRUNC")


@register("init_module")
class InitModule(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (printers.ptr(a[0]), printers.udec(a[1], long_bits(call.abi)),
                               cstring_arg(ctx, call, a[2]))


@register("finit_module")
class FinitModule(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(ctx, call, a[0]), cstring_arg(ctx, call, a[1]),
                               flag_text(ctx, call, a[2] & 0xffffffff, MODULE_INIT_FLAGS,
                                         "MODULE_INIT_???"))


@register("delete_module")
class DeleteModule(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (cstring_arg(ctx, call, call.args[0]),
                           flag_text(ctx, call, call.args[1] & 0xffffffff, DELETE_MODULE_FLAGS,
                                     "O_???"))
