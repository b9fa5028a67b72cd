/* Frames for tests/test_stack_aarch64.py (built with aarch64-linux-gnu-gcc -nostdlib -shared,
   never run): outer -> middle -> leaf with CFI, and bare / bare2 without any (no .cfi_*
   directives), so that the unwinder's aarch64 fallback (the link register) is what reaches
   their callers. The test counts instructions from the function symbols: keep the order. */
	.text
	.globl	outer, middle, leaf, bare, bare2

	.type	outer, %function
outer:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp
	bl	middle			/* returns to outer+12 */
	ldp	x29, x30, [sp], #16
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	outer, .-outer

	.type	middle, %function
middle:
	.cfi_startproc
	sub	sp, sp, #32
	.cfi_def_cfa_offset 32
	stp	x29, x30, [sp, #16]
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	add	x29, sp, #16
	bl	leaf			/* returns to middle+16 */
	bl	bare			/* returns to middle+20 */
	ldp	x29, x30, [sp, #16]
	add	sp, sp, #32
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	middle, .-middle

	.type	leaf, %function
leaf:
	.cfi_startproc
	mov	x8, #172		/* getpid */
	svc	#0			/* the stop: pc = leaf+8 */
	ret
	.cfi_endproc
	.size	leaf, .-leaf

	.type	bare, %function
bare:
	mov	x8, #172
	svc	#0			/* the stop: pc = bare+8 */
	ret
	.size	bare, .-bare

	.type	bare2, %function
bare2:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	bare			/* returns to bare2+12 */
	ldp	x29, x30, [sp], #16
	ret
	.size	bare2, .-bare2
