/* Layouts of structs whose kernel definition is not in the uapi headers but which glibc declares
 * with the kernel's layout: struct user_msghdr (include/linux/socket.h) is glibc's msghdr;
 * compat_msghdr, of i386/arm on a 64-bit kernel and of x32, is the same in 32-bit words.
 * See layouts.h. */
#define _GNU_SOURCE
#include <sys/socket.h>
#if defined(__x86_64__) || defined(__i386__)
#include <sys/user.h>
#endif
#include "layouts.h"

#define F(n, t, m) FIELD_AS(n, #m, t, m)   /* (#m before any macro in m expands: si_pid) */

void layouts_libc(void)
{
	SIZE("msghdr", struct msghdr);
	F("msghdr", struct msghdr, msg_name); F("msghdr", struct msghdr, msg_namelen);
	F("msghdr", struct msghdr, msg_iov); F("msghdr", struct msghdr, msg_iovlen);
	F("msghdr", struct msghdr, msg_control); F("msghdr", struct msghdr, msg_controllen);
	F("msghdr", struct msghdr, msg_flags);
	SIZE("mmsghdr", struct mmsghdr);
	F("mmsghdr", struct mmsghdr, msg_hdr); F("mmsghdr", struct mmsghdr, msg_len);
	F("mmsghdr", struct mmsghdr, msg_hdr.msg_name);
	F("mmsghdr", struct mmsghdr, msg_hdr.msg_namelen);
	F("mmsghdr", struct mmsghdr, msg_hdr.msg_iov);
	F("mmsghdr", struct mmsghdr, msg_hdr.msg_iovlen);
	F("mmsghdr", struct mmsghdr, msg_hdr.msg_control);
	F("mmsghdr", struct mmsghdr, msg_hdr.msg_controllen);
	F("mmsghdr", struct mmsghdr, msg_hdr.msg_flags);
	SIZE("cmsghdr", struct cmsghdr);
	F("cmsghdr", struct cmsghdr, cmsg_len); F("cmsghdr", struct cmsghdr, cmsg_level);
	F("cmsghdr", struct cmsghdr, cmsg_type);
	EMIT("cmsghdr cmsg_data", CMSG_ALIGN(sizeof(struct cmsghdr)), 0);
	SIZE("ucred", struct ucred);
	F("ucred", struct ucred, pid); F("ucred", struct ucred, uid); F("ucred", struct ucred, gid);
	SIZE("linger", struct linger);
	F("linger", struct linger, l_onoff); F("linger", struct linger, l_linger);
#if defined(__x86_64__) || defined(__i386__)
	/* PTRACE_GETFPREGS / NT_FPREGSET (x86's sys/user.h, the kernel's user_i387_struct) */
	SIZE("user_fpregs_struct", struct user_fpregs_struct);
#define FP(m) F("user_fpregs_struct", struct user_fpregs_struct, m)
	FP(cwd); FP(swd); FP(st_space);
# ifdef __x86_64__
	FP(ftw); FP(fop); FP(rip); FP(rdp); FP(mxcsr); FP(mxcr_mask); FP(xmm_space); FP(padding);
# else
	FP(twd); FP(fip); FP(fcs); FP(foo); FP(fos);
# endif
#undef FP
#endif
#if defined(__x86_64__) && defined(__LP64__)
	/* PTRACE_PEEKUSER's offsets are named after struct user's members (x86_64 only) */
	SIZE("user", struct user);
#define U(m) F("user", struct user, m)
	U(regs); U(u_fpvalid); U(i387); U(u_tsize); U(u_dsize); U(u_ssize); U(start_code);
	U(start_stack); U(signal); U(reserved); U(u_ar0); U(u_fpstate); U(magic); U(u_comm);
	U(u_debugreg); U(i387.cwd); U(i387.swd); U(i387.ftw); U(i387.fop); U(i387.rip);
	U(i387.rdp); U(i387.mxcsr); U(i387.mxcr_mask); U(i387.st_space); U(i387.xmm_space);
	U(i387.padding);
#undef U
#endif
}
