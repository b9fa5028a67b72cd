"""AF_VSOCK, AF_QIPCRTR, AF_XDP and AF_MCTP addresses (linux/vm_sockets.h, linux/qrtr.h,
linux/if_xdp.h, linux/mctp.h): a few fixed fields each, as strace 6.1's
print_sockaddr_data_vsock/_qrtr/_xdp/_mctp."""
from minitrace import printers
from minitrace.decode.common import fd
from minitrace.decode.sockaddr.fields import hex_bytes, ifindex, u16, u32, xflags, xval

# struct sockaddr_vm: u16 svm_reserved1 at 2, u32 svm_port at 4, u32 svm_cid at 8,
# u8 svm_flags at 12, u8 svm_zero[3] at 13
SOCKADDR_VM_LEN = 16
VSOCK_CIDS = ("VMADDR_CID_HYPERVISOR", "VMADDR_CID_LOCAL", "VMADDR_CID_HOST", "VMADDR_CID_ANY")
VSOCK_PORTS = ("VMADDR_PORT_ANY",)
VSOCK_FLAGS = ("VMADDR_FLAG_TO_HOST",)
# struct sockaddr_qrtr: u32 sq_node at 4, u32 sq_port at 8
SOCKADDR_QRTR_LEN = 12
QRTR_NODES = ("QRTR_NODE_BCAST",)
QRTR_PORTS = ("QRTR_PORT_CTRL",)
# struct sockaddr_xdp: u16 sxdp_flags at 2, u32 sxdp_ifindex at 4, u32 sxdp_queue_id at 8,
# u32 sxdp_shared_umem_fd at 12
SOCKADDR_XDP_LEN = 16
XDP_FLAGS = ("XDP_SHARED_UMEM", "XDP_COPY", "XDP_ZEROCOPY", "XDP_USE_NEED_WAKEUP")
# struct sockaddr_mctp: u16 __smctp_pad0 at 2, u32 smctp_network at 4, struct mctp_addr
# smctp_addr (u8 s_addr) at 8, u8 smctp_type at 9, u8 smctp_tag at 10, u8 __smctp_pad1 at 11
SOCKADDR_MCTP_LEN = 12
MCTP_NETS = ("MCTP_NET_ANY",)
MCTP_ADDRS = ("MCTP_ADDR_NULL", "MCTP_ADDR_ANY")


def vsock(ctx, call, buf, addrlen):
    reserved = u16(call, buf, 2)
    parts = ["svm_reserved1=%#x" % reserved] if reserved else []
    parts += ["svm_cid=" + xval(ctx, call, u32(call, buf, 8), VSOCK_CIDS),
              "svm_port=" + xval(ctx, call, u32(call, buf, 4), VSOCK_PORTS),
              "svm_flags=" + xflags(ctx, call, bytearray(buf)[12], VSOCK_FLAGS, "VMADDR_FLAG_???")]
    if buf[13:16] != b"\0\0\0":
        parts.append("svm_zero=" + hex_bytes(buf[13:16]))
    return ", ".join(parts)


def qrtr(ctx, call, buf, addrlen):
    return "sq_node=%s, sq_port=%s" % (xval(ctx, call, u32(call, buf, 4), QRTR_NODES),
                                       xval(ctx, call, u32(call, buf, 8), QRTR_PORTS))


def xdp(ctx, call, buf, addrlen):
    flags = u16(call, buf, 2)
    umem_fd = u32(call, buf, 12)
    text = "sxdp_flags=%s, sxdp_ifindex=%s, sxdp_queue_id=%d" % (
        xflags(ctx, call, flags, XDP_FLAGS, "XDP_???"), ifindex(ctx, u32(call, buf, 4)),
        u32(call, buf, 8))
    if flags & (ctx.constants(call.abi).get("XDP_SHARED_UMEM") or 0):
        return text + ", sxdp_shared_umem_fd=" + fd(ctx, call, umem_fd)
    return text + (", sxdp_shared_umem_fd=%#x" % umem_fd if umem_fd else "")


def mctp(ctx, call, buf, addrlen):
    b = bytearray(buf)
    pad0 = u16(call, buf, 2)
    parts = ["__smctp_pad0=%#x" % pad0] if pad0 else []
    parts += ["smctp_network=" + xval(ctx, call, u32(call, buf, 4), MCTP_NETS),
              "smctp_addr={s_addr=%s}" % xval(ctx, call, b[8], MCTP_ADDRS),
              "smctp_type=" + printers.hexnum(b[9]), "smctp_tag=" + printers.hexnum(b[10])]
    if b[11]:
        parts.append("__smctp_pad1=%#x" % b[11])
    return ", ".join(parts)


PRINTERS = {
    "AF_VSOCK": (vsock, SOCKADDR_VM_LEN),
    "AF_QIPCRTR": (qrtr, SOCKADDR_QRTR_LEN),
    "AF_XDP": (xdp, SOCKADDR_XDP_LEN),
    "AF_MCTP": (mctp, SOCKADDR_MCTP_LEN),
}
