/* Prints the layout table of the whole program (the section `layouts`, see layouts.h), plus the
 * data model and the register layouts of this ABI.  Register structs are those the kernel copies
 * out for PTRACE_GETREGSET(NT_PRSTATUS):
 *   x86_64, x32  struct user_regs_struct of <sys/user.h> (= arch/x86/include/asm/user_64.h)
 *   i386         struct user_regs_struct of <sys/user.h> (= the i386 struct pt_regs order)
 *   aarch64      struct user_pt_regs of the uapi <asm/ptrace.h>
 *   arm          struct pt_regs of the uapi <asm/ptrace.h> (uregs[18], ARM_* names)
 *   riscv64      struct user_regs_struct of the uapi <asm/ptrace.h>
 *   ppc64le      struct pt_regs of the uapi <asm/ptrace.h>; the regset is elf_gregset_t of
 *                the uapi <asm/elf.h> (ELF_NGREG = 48 words)
 *   s390x        s390_regs of the uapi <asm/ptrace.h> (the kernel's elf_gregset_t)
 */
#include <unistd.h>
#include "layouts.h"

#if defined(__x86_64__) || defined(__i386__)
#include <sys/user.h>
#define REGS struct user_regs_struct
#define REGSET struct user_regs_struct
#elif defined(__aarch64__)
#include <asm/ptrace.h>
#define REGS struct user_pt_regs
#define REGSET struct user_pt_regs
#elif defined(__arm__)
#include <asm/ptrace.h>
#define REGS struct pt_regs
#define REGSET struct pt_regs
#elif defined(__riscv)
#include <asm/ptrace.h>
#define REGS struct user_regs_struct
#define REGSET struct user_regs_struct
#elif defined(__powerpc64__)
#include <asm/ptrace.h>
#include <asm/elf.h>
#define REGS struct pt_regs
#define REGSET elf_gregset_t
#elif defined(__s390x__)
#include <asm/ptrace.h>
#define REGS s390_regs
#define REGSET s390_regs
#else
#error "unknown architecture"
#endif

/* regs[I] / gpr[I] / gprs[I] as minitrace names them (PREFIX I) */
#define REG_N(prefix, member, n) FIELD_AS("regs", prefix #n, REGS, member[n])

void layouts_regs(void)
{
	EMIT("model long", 0, sizeof(long));
	EMIT("model pointer", 0, sizeof(void *));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	EMIT("model big_endian", 0, 1);
#else
	EMIT("model big_endian", 0, 0);
#endif
	SIZE("regs", REGS);
	SIZE("regset", REGSET);
#if defined(__x86_64__)
	FIELD("regs", REGS, r15); FIELD("regs", REGS, r14); FIELD("regs", REGS, r13);
	FIELD("regs", REGS, r12); FIELD("regs", REGS, rbp); FIELD("regs", REGS, rbx);
	FIELD("regs", REGS, r11); FIELD("regs", REGS, r10); FIELD("regs", REGS, r9);
	FIELD("regs", REGS, r8); FIELD("regs", REGS, rax); FIELD("regs", REGS, rcx);
	FIELD("regs", REGS, rdx); FIELD("regs", REGS, rsi); FIELD("regs", REGS, rdi);
	FIELD("regs", REGS, orig_rax); FIELD("regs", REGS, rip); FIELD("regs", REGS, cs);
	FIELD("regs", REGS, eflags); FIELD("regs", REGS, rsp); FIELD("regs", REGS, ss);
	FIELD("regs", REGS, fs_base); FIELD("regs", REGS, gs_base); FIELD("regs", REGS, ds);
	FIELD("regs", REGS, es); FIELD("regs", REGS, fs); FIELD("regs", REGS, gs);
#elif defined(__i386__)
	FIELD("regs", REGS, ebx); FIELD("regs", REGS, ecx); FIELD("regs", REGS, edx);
	FIELD("regs", REGS, esi); FIELD("regs", REGS, edi); FIELD("regs", REGS, ebp);
	FIELD("regs", REGS, eax); FIELD("regs", REGS, xds); FIELD("regs", REGS, xes);
	FIELD("regs", REGS, xfs); FIELD("regs", REGS, xgs); FIELD("regs", REGS, orig_eax);
	FIELD("regs", REGS, eip); FIELD("regs", REGS, xcs); FIELD("regs", REGS, eflags);
	FIELD("regs", REGS, esp); FIELD("regs", REGS, xss);
#elif defined(__aarch64__)
	REG_N("x", regs, 0); REG_N("x", regs, 1); REG_N("x", regs, 2); REG_N("x", regs, 3);
	REG_N("x", regs, 4); REG_N("x", regs, 5); REG_N("x", regs, 6); REG_N("x", regs, 7);
	REG_N("x", regs, 8); REG_N("x", regs, 9); REG_N("x", regs, 10); REG_N("x", regs, 11);
	REG_N("x", regs, 12); REG_N("x", regs, 13); REG_N("x", regs, 14); REG_N("x", regs, 15);
	REG_N("x", regs, 16); REG_N("x", regs, 17); REG_N("x", regs, 18); REG_N("x", regs, 19);
	REG_N("x", regs, 20); REG_N("x", regs, 21); REG_N("x", regs, 22); REG_N("x", regs, 23);
	REG_N("x", regs, 24); REG_N("x", regs, 25); REG_N("x", regs, 26); REG_N("x", regs, 27);
	REG_N("x", regs, 28); REG_N("x", regs, 29); REG_N("x", regs, 30);
	FIELD("regs", REGS, sp); FIELD("regs", REGS, pc); FIELD("regs", REGS, pstate);
#elif defined(__arm__)
	/* the ARM_* names of <asm/ptrace.h> */
	FIELD_AS("regs", "r0", REGS, ARM_r0); FIELD_AS("regs", "r1", REGS, ARM_r1);
	FIELD_AS("regs", "r2", REGS, ARM_r2); FIELD_AS("regs", "r3", REGS, ARM_r3);
	FIELD_AS("regs", "r4", REGS, ARM_r4); FIELD_AS("regs", "r5", REGS, ARM_r5);
	FIELD_AS("regs", "r6", REGS, ARM_r6); FIELD_AS("regs", "r7", REGS, ARM_r7);
	FIELD_AS("regs", "r8", REGS, ARM_r8); FIELD_AS("regs", "r9", REGS, ARM_r9);
	FIELD_AS("regs", "r10", REGS, ARM_r10); FIELD_AS("regs", "fp", REGS, ARM_fp);
	FIELD_AS("regs", "ip", REGS, ARM_ip); FIELD_AS("regs", "sp", REGS, ARM_sp);
	FIELD_AS("regs", "lr", REGS, ARM_lr); FIELD_AS("regs", "pc", REGS, ARM_pc);
	FIELD_AS("regs", "cpsr", REGS, ARM_cpsr); FIELD_AS("regs", "orig_r0", REGS, ARM_ORIG_r0);
#elif defined(__riscv)
	FIELD("regs", REGS, pc); FIELD("regs", REGS, ra); FIELD("regs", REGS, sp);
	FIELD("regs", REGS, gp); FIELD("regs", REGS, tp); FIELD("regs", REGS, t0);
	FIELD("regs", REGS, t1); FIELD("regs", REGS, t2); FIELD("regs", REGS, s0);
	FIELD("regs", REGS, s1); FIELD("regs", REGS, a0); FIELD("regs", REGS, a1);
	FIELD("regs", REGS, a2); FIELD("regs", REGS, a3); FIELD("regs", REGS, a4);
	FIELD("regs", REGS, a5); FIELD("regs", REGS, a6); FIELD("regs", REGS, a7);
	FIELD("regs", REGS, s2); FIELD("regs", REGS, s3); FIELD("regs", REGS, s4);
	FIELD("regs", REGS, s5); FIELD("regs", REGS, s6); FIELD("regs", REGS, s7);
	FIELD("regs", REGS, s8); FIELD("regs", REGS, s9); FIELD("regs", REGS, s10);
	FIELD("regs", REGS, s11); FIELD("regs", REGS, t3); FIELD("regs", REGS, t4);
	FIELD("regs", REGS, t5); FIELD("regs", REGS, t6);
#elif defined(__powerpc64__)
	REG_N("r", gpr, 0); REG_N("r", gpr, 1); REG_N("r", gpr, 2); REG_N("r", gpr, 3);
	REG_N("r", gpr, 4); REG_N("r", gpr, 5); REG_N("r", gpr, 6); REG_N("r", gpr, 7);
	REG_N("r", gpr, 8); REG_N("r", gpr, 9); REG_N("r", gpr, 10); REG_N("r", gpr, 11);
	REG_N("r", gpr, 12); REG_N("r", gpr, 13); REG_N("r", gpr, 14); REG_N("r", gpr, 15);
	REG_N("r", gpr, 16); REG_N("r", gpr, 17); REG_N("r", gpr, 18); REG_N("r", gpr, 19);
	REG_N("r", gpr, 20); REG_N("r", gpr, 21); REG_N("r", gpr, 22); REG_N("r", gpr, 23);
	REG_N("r", gpr, 24); REG_N("r", gpr, 25); REG_N("r", gpr, 26); REG_N("r", gpr, 27);
	REG_N("r", gpr, 28); REG_N("r", gpr, 29); REG_N("r", gpr, 30); REG_N("r", gpr, 31);
	FIELD("regs", REGS, nip); FIELD("regs", REGS, msr); FIELD("regs", REGS, orig_gpr3);
	FIELD("regs", REGS, ctr); FIELD("regs", REGS, link); FIELD("regs", REGS, xer);
	FIELD("regs", REGS, ccr); FIELD("regs", REGS, softe); FIELD("regs", REGS, trap);
	FIELD("regs", REGS, dar); FIELD("regs", REGS, dsisr); FIELD("regs", REGS, result);
#elif defined(__s390x__)
	FIELD_AS("regs", "psw_mask", REGS, psw.mask); FIELD_AS("regs", "psw_addr", REGS, psw.addr);
	REG_N("r", gprs, 0); REG_N("r", gprs, 1); REG_N("r", gprs, 2); REG_N("r", gprs, 3);
	REG_N("r", gprs, 4); REG_N("r", gprs, 5); REG_N("r", gprs, 6); REG_N("r", gprs, 7);
	REG_N("r", gprs, 8); REG_N("r", gprs, 9); REG_N("r", gprs, 10); REG_N("r", gprs, 11);
	REG_N("r", gprs, 12); REG_N("r", gprs, 13); REG_N("r", gprs, 14); REG_N("r", gprs, 15);
	REG_N("a", acrs, 0); REG_N("a", acrs, 1); REG_N("a", acrs, 2); REG_N("a", acrs, 3);
	REG_N("a", acrs, 4); REG_N("a", acrs, 5); REG_N("a", acrs, 6); REG_N("a", acrs, 7);
	REG_N("a", acrs, 8); REG_N("a", acrs, 9); REG_N("a", acrs, 10); REG_N("a", acrs, 11);
	REG_N("a", acrs, 12); REG_N("a", acrs, 13); REG_N("a", acrs, 14); REG_N("a", acrs, 15);
	FIELD("regs", REGS, orig_gpr2);
#endif
}

extern const char __start_layouts[], __stop_layouts[];

int main(void)
{
	const char *p = __start_layouts;

	layouts_regs();         /* (these emit no code: calling them keeps them linked) */
	layouts_kernel();
	layouts_libc();
	layouts_v4l2();
	layouts_btrfs();
	while (p < __stop_layouts) {
		ssize_t n = write(1, p, __stop_layouts - p);
		if (n <= 0)
			return 1;
		p += n;
	}
	return 0;
}
