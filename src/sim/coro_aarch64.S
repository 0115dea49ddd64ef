/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/coro_aarch64.S - coroutine context switch for aarch64 (AAPCS64)
 *
 * The user-space equivalent of the kernel's cpu_switch_to(): store the
 * registers the caller expects to survive a call (x19-x28, the frame
 * pointer x29, the link register x30 and the low halves d8-d15 of v8-v15),
 * swap stack pointers, load the other context's registers and return to
 * its x30.  x18 (the platform register) is left alone.  FPCR (rounding
 * mode, flush-to-zero) is kept per coroutine like MXCSR on x86-64; it is
 * written only when it differs, since writing FPCR can be slow.
 *
 * Frame left on a switched-out stack (176 bytes, a multiple of 16; saved sp
 * points at offset 0):
 *
 *	  0	x19, x20	fresh coroutine: struct coro *, entry function
 *	 16	x21, x22
 *	 32	x23, x24
 *	 48	x25, x26
 *	 64	x27, x28
 *	 80	x29, x30	fresh coroutine: 0, coro_arch_trampoline
 *	 96	d8 .. d15
 *	160	FPCR, pad
 *
 * Both sides of a switch have this same layout, so the CFI written for the
 * stores stays correct after the stack pointer has been swapped.
 *
 * Not handled: this object carries no GNU property note, so a program
 * linking it is not marked BTI/GCS compatible (the hint #34 "bti c" landing
 * pads are harmless NOPs on cores without BTI).  Return addresses are saved
 * unsigned; code built with pac-ret still works because each C frame signs
 * and authenticates its own x30 against its own, unchanged, stack pointer.
 */

	.text

/*
 * void *coro_arch_switch(void **save_sp, void *load_sp, void *transfer)
 *
 * Saves the running context's registers on its stack and the stack pointer
 * in *save_sp, resumes the context whose stack pointer is load_sp, and
 * returns @transfer (x2) to it: the resumed side learns who switched to it.
 */
	.globl	coro_arch_switch
	.hidden	coro_arch_switch
	.type	coro_arch_switch, %function
	.p2align 4
coro_arch_switch:
	.cfi_startproc
	hint	#34			/* bti c */
	sub	sp, sp, #176
	.cfi_adjust_cfa_offset 176
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mrs	x9, fpcr
	str	x9, [sp, #160]
	.cfi_rel_offset x19, 0
	.cfi_rel_offset x20, 8
	.cfi_rel_offset x21, 16
	.cfi_rel_offset x22, 24
	.cfi_rel_offset x23, 32
	.cfi_rel_offset x24, 40
	.cfi_rel_offset x25, 48
	.cfi_rel_offset x26, 56
	.cfi_rel_offset x27, 64
	.cfi_rel_offset x28, 72
	.cfi_rel_offset x29, 80
	.cfi_rel_offset x30, 88
	.cfi_rel_offset d8, 96
	.cfi_rel_offset d9, 104
	.cfi_rel_offset d10, 112
	.cfi_rel_offset d11, 120
	.cfi_rel_offset d12, 128
	.cfi_rel_offset d13, 136
	.cfi_rel_offset d14, 144
	.cfi_rel_offset d15, 152

	/* the switch proper */
	mov	x9, sp
	str	x9, [x0]
	mov	sp, x1

	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	ldr	x10, [sp, #160]
	mrs	x9, fpcr
	cmp	x9, x10
	b.eq	1f
	msr	fpcr, x10
1:
	add	sp, sp, #176
	.cfi_adjust_cfa_offset -176
	.cfi_restore x19
	.cfi_restore x20
	.cfi_restore x21
	.cfi_restore x22
	.cfi_restore x23
	.cfi_restore x24
	.cfi_restore x25
	.cfi_restore x26
	.cfi_restore x27
	.cfi_restore x28
	.cfi_restore x29
	.cfi_restore x30
	.cfi_restore d8
	.cfi_restore d9
	.cfi_restore d10
	.cfi_restore d11
	.cfi_restore d12
	.cfi_restore d13
	.cfi_restore d14
	.cfi_restore d15
	mov	x0, x2
	ret
	.cfi_endproc
	.size	coro_arch_switch, . - coro_arch_switch

/*
 * void *coro_arch_make(void *top, void (*entry)(struct coro *, struct coro *),
 *			struct coro *co)
 *
 * Builds the frame described above just below @top (rounded down to 16
 * bytes) so that the first coro_arch_switch() to it "returns" into
 * coro_arch_trampoline with x19 = @co and x20 = @entry.  FPCR is inherited
 * from the caller, as a new thread inherits its parent's.  Returns the stack
 * pointer to store in the coroutine.
 */
	.globl	coro_arch_make
	.hidden	coro_arch_make
	.type	coro_arch_make, %function
	.p2align 4
coro_arch_make:
	.cfi_startproc
	hint	#34			/* bti c */
	and	x0, x0, #~15
	sub	x0, x0, #176
	stp	x2, x1, [x0, #0]	/* x19 = co, x20 = entry */
	stp	xzr, xzr, [x0, #16]
	stp	xzr, xzr, [x0, #32]
	stp	xzr, xzr, [x0, #48]
	stp	xzr, xzr, [x0, #64]
	adr	x9, coro_arch_trampoline
	stp	xzr, x9, [x0, #80]	/* x29 = 0 ends frame chains */
	stp	xzr, xzr, [x0, #96]
	stp	xzr, xzr, [x0, #112]
	stp	xzr, xzr, [x0, #128]
	stp	xzr, xzr, [x0, #144]
	mrs	x9, fpcr
	stp	x9, xzr, [x0, #160]
	ret
	.cfi_endproc
	.size	coro_arch_make, . - coro_arch_make

/*
 * First code run on a fresh stack, reached by coro_arch_switch()'s ret with
 * sp = top (16-byte aligned), x19 = the coroutine, x20 = the entry function
 * and x2 = the transfer value (the context that switched to us).  The entry
 * function never returns.
 */
	.type	coro_arch_trampoline, %function
	.p2align 4
coro_arch_trampoline:
	.cfi_startproc
	.cfi_undefined x30		/* outermost frame: stop unwinding */
	mov	x0, x19
	mov	x1, x2
	blr	x20
	brk	#0x3e8
	.cfi_endproc
	.size	coro_arch_trampoline, . - coro_arch_trampoline

	.section .note.GNU-stack,"",%progbits
