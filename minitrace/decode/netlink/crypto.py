"""NETLINK_CRYPTO: message types and request flags (struct crypto_user_alg is not decoded
here yet: strace 6.1's tests of it are skipped on this machine)."""
from minitrace.decode.netlink import message

CRYPTO_TYPES = ("CRYPTO_MSG_NEWALG", "CRYPTO_MSG_DELALG", "CRYPTO_MSG_UPDATEALG",
                "CRYPTO_MSG_GETALG", "CRYPTO_MSG_DELRNG", "CRYPTO_MSG_GETSTAT")
KINDS = {"new": ("CRYPTO_MSG_NEWALG",), "del": ("CRYPTO_MSG_DELALG", "CRYPTO_MSG_DELRNG"),
         "get": ("CRYPTO_MSG_GETALG",)}

message.register(message.Protocol("NETLINK_CRYPTO", CRYPTO_TYPES, "CRYPTO_MSG_???",
                                  kind=message.kind_by_names(KINDS)))
