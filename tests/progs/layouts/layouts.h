/* Layout facts for tests/test_layouts_cross.py, computed by the target's C compiler.
 *
 * Each EMIT puts one line "LAYOUT FIELD OFFSET SIZE" into the section `layouts` of the object
 * (the compiler substitutes the constants as asm operands, the technique of the kernel's
 * asm-offsets.c; some targets print an immediate with a "$" or "#" in front), so the table exists in the binary whether or not it can run here: main.c
 * prints the section when run (under qemu-user for a foreign architecture); an x32 binary, which
 * a kernel without x32 support will not execute, is read with objcopy instead.
 * "LAYOUT * 0 SIZE" gives sizeof.  Field names are minitrace's (mostly the C member names).
 */
#ifndef LAYOUTS_H
#define LAYOUTS_H
#include <stddef.h>

#define EMIT(text, a, b)                                                                   \
	__asm__ volatile(".pushsection layouts,\"a\"\n\t.ascii \"" text " %0 %1\\n\"\n\t"  \
			 ".popsection" : : "i"((unsigned long)(a)), "i"((unsigned long)(b)))

/* FIELD(layout, C type, member): offset and size of type.member, named after the member */
#define FIELD(name, type, member) FIELD_AS(name, #member, type, member)
/* FIELD_AS(layout, "name", C type, member expression) */
#define FIELD_AS(name, label, type, member) \
	EMIT(name " " label, offsetof(type, member), sizeof(((type *)0)->member))
#define SIZE(name, type) EMIT(name " *", 0, sizeof(type))

#if defined(__x86_64__) && defined(__ILP32__)
#define ABI_X32 1
#endif
/* the ABIs whose non-time64 syscalls use 32-bit time fields (old_timespec32 and friends) */
#if (defined(__i386__) || defined(__arm__))
#define ABI_TIME32 1
#endif

void layouts_regs(void);
void layouts_kernel(void);
void layouts_libc(void);
void layouts_v4l2(void);
void layouts_btrfs(void);
#endif
