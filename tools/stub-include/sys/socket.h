/* Empty: linux/if.h includes <sys/socket.h> outside the kernel; gen_syscalls.py preprocesses
 * uapi headers with -nostdinc and needs nothing from the C library. */
