/* empty: linux/mptcp.h includes libc's <netinet/in.h>; the constants need none of it */
