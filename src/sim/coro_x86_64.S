/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/coro_x86_64.S - coroutine context switch for x86-64 (System V ABI)
 *
 * The user-space equivalent of the kernel's switch_to(): push the registers
 * the caller expects to survive a call, swap stack pointers, pop the other
 * context's registers and return on its stack.  Caller-saved registers
 * (rax, rcx, rdx, rsi, rdi, r8-r11, xmm0-15) need no saving because
 * coro_arch_switch() is an ordinary call for the compiler.  The control bits
 * of MXCSR and the x87 control word are callee-saved too (SysV ABI 3.2.1),
 * so they are switched as well: each coroutine keeps its own rounding mode.
 *
 * Frame left on a switched-out stack, lowest address first (saved sp points
 * at offset 0):
 *
 *	 0	x87 control word (2 bytes), pad (2), MXCSR (4 bytes)
 *	 8	r15
 *	16	r14
 *	24	r13
 *	32	r12		fresh coroutine: entry function
 *	40	rbx		fresh coroutine: struct coro *
 *	48	rbp		fresh coroutine: 0 (ends frame-pointer chains)
 *	56	return address	fresh coroutine: coro_arch_trampoline
 *
 * Both sides of a switch have this same layout, so the CFI written for the
 * pushes stays correct after the stack pointer has been swapped.
 *
 * Not handled: CET shadow stacks (this object carries no GNU property note,
 * so a program linking it is not marked shadow-stack compatible) and the
 * AVX upper halves (caller-saved, nothing to do).
 */

	.text

/*
 * void *coro_arch_switch(void **save_sp, void *load_sp, void *transfer)
 *
 * Saves the running context's registers on its stack and the stack pointer
 * in *save_sp, resumes the context whose stack pointer is load_sp, and
 * returns @transfer (rdx) to it: the resumed side learns who switched to it.
 */
	.globl	coro_arch_switch
	.hidden	coro_arch_switch
	.type	coro_arch_switch, @function
	.p2align 4
coro_arch_switch:
	.cfi_startproc
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbx, 0
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r12, 0
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r13, 0
	pushq	%r14
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r14, 0
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r15, 0
	subq	$8, %rsp
	.cfi_adjust_cfa_offset 8
	fnstcw	(%rsp)
	stmxcsr	4(%rsp)

	/* the switch proper */
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp

	fldcw	(%rsp)
	ldmxcsr	4(%rsp)
	addq	$8, %rsp
	.cfi_adjust_cfa_offset -8
	popq	%r15
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r15
	popq	%r14
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r14
	popq	%r13
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r13
	popq	%r12
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r12
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbx
	popq	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbp
	movq	%rdx, %rax
	ret
	.cfi_endproc
	.size	coro_arch_switch, . - coro_arch_switch

/*
 * void *coro_arch_make(void *top, void (*entry)(struct coro *, struct coro *),
 *			struct coro *co)
 *
 * Builds the frame described above just below @top (rounded down to 16
 * bytes) so that the first coro_arch_switch() to it "returns" into
 * coro_arch_trampoline with rbx = @co and r12 = @entry.  The FPU control
 * state is inherited from the caller, as a new thread inherits its
 * parent's.  Returns the stack pointer to store in the coroutine.
 */
	.globl	coro_arch_make
	.hidden	coro_arch_make
	.type	coro_arch_make, @function
	.p2align 4
coro_arch_make:
	.cfi_startproc
	andq	$-16, %rdi
	leaq	-80(%rdi), %rax
	xorl	%ecx, %ecx
	movq	%rcx, 72(%rax)		/* top - 8: null return address */
	movq	%rcx, 64(%rax)		/* top - 16: rsp after the first ret */
	leaq	coro_arch_trampoline(%rip), %r8
	movq	%r8, 56(%rax)		/* return address */
	movq	%rcx, 48(%rax)		/* rbp */
	movq	%rdx, 40(%rax)		/* rbx = co */
	movq	%rsi, 32(%rax)		/* r12 = entry */
	movq	%rcx, 24(%rax)		/* r13 */
	movq	%rcx, 16(%rax)		/* r14 */
	movq	%rcx, 8(%rax)		/* r15 */
	movq	%rcx, (%rax)
	fnstcw	(%rax)
	stmxcsr	4(%rax)
	ret
	.cfi_endproc
	.size	coro_arch_make, . - coro_arch_make

/*
 * First code run on a fresh stack, reached by coro_arch_switch()'s ret with
 * rsp = top - 16 (16-byte aligned), rbx = the coroutine, r12 = the entry
 * function and rdx = the transfer value (the context that switched to us).
 * The call pushes 8 bytes, so the entry function sees rsp + 8 aligned to 16
 * as the ABI requires.  The entry function never returns.
 */
	.type	coro_arch_trampoline, @function
	.p2align 4
coro_arch_trampoline:
	.cfi_startproc
	.cfi_undefined %rip		/* outermost frame: stop unwinding */
	movq	%rbx, %rdi
	movq	%rdx, %rsi
	call	*%r12
	ud2
	.cfi_endproc
	.size	coro_arch_trampoline, . - coro_arch_trampoline

	.section .note.GNU-stack,"",@progbits
