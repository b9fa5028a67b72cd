"""AF_ALG addresses (linux/if_alg.h's struct sockaddr_alg_new: a name of any length), as
strace 6.1's print_sockaddr_data_alg."""
from minitrace.decode.sockaddr.fields import quoted_0, u32, xflags

# struct sockaddr_alg_new: u8 salg_type[14] at 2, u32 salg_feat at 16, u32 salg_mask at 20,
# u8 salg_name[] at 24
SALG_TYPE_LEN = 14
SALG_NAME_AT = 24
ALG_FLAGS = ("CRYPTO_ALG_KERN_DRIVER_ONLY",)        # include/linux/crypto.h


def alg(ctx, call, buf, addrlen):
    return "salg_type=%s, salg_feat=%s, salg_mask=%s, salg_name=%s" % (
        quoted_0(ctx, buf, 2, SALG_TYPE_LEN, True),
        xflags(ctx, call, u32(call, buf, 16), ALG_FLAGS, "CRYPTO_ALG_???", True),
        xflags(ctx, call, u32(call, buf, 20), ALG_FLAGS, "CRYPTO_ALG_???", True),
        quoted_0(ctx, buf, SALG_NAME_AT, addrlen - SALG_NAME_AT, True))


PRINTERS = {"AF_ALG": (alg, SALG_NAME_AT + 1)}
