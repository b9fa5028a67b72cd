/* Layouts of structs whose kernel definition is not in the uapi headers but which glibc declares
 * with the kernel's layout: struct user_msghdr (include/linux/socket.h) is glibc's msghdr;
 * compat_msghdr, of i386/arm on a 64-bit kernel and of x32, is the same in 32-bit words.
 * See layouts.h. */
#define _GNU_SOURCE
#include <sys/socket.h>
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
}
