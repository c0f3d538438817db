	.syntax unified
	.thumb
	.text
	.globl _start
	.type _start, %function
_start:
	lsls r5, r2, #1
	lsls r6, r0, #31
	lsrs r1, r1, #1
	lsrs r5, r0, #31
	lsrs r3, r0, #32
	asrs r1, r6, #1
	asrs r6, r1, #31
	asrs r3, r1, #32
	movs r0, r7
	adds r6, r0, r1
	adds r3, r0, #0
	adds r6, r0, #7
	adds r3, #0
	adds r0, #32
	adds r2, #33
	adds r4, #255
	subs r6, r2, r1
	subs r4, r2, #0
	subs r1, r3, #7
	subs r5, #0
	subs r1, #32
	subs r1, #33
	subs r0, #255
	movs r3, #0
	cmp r4, #0
	movs r3, #32
	cmp r4, #32
	movs r3, #33
	cmp r4, #33
	movs r3, #255
	cmp r4, #255
	ands r3, r7
	eors r6, r5
	lsls r7, r7
	lsrs r5, r4
	asrs r3, r2
	adcs r3, r1
	sbcs r4, r7
	rors r5, r7
	tst r4, r1
	cmp r1, r6
	cmn r2, r5
	orrs r2, r7
	bics r6, r0
	mvns r1, r5
	negs r1, r2
	muls r1, r2, r1
	add r5, fp
	add r5, r9
	add r7, r9
	add ip, r7
	add r1, lr
	add r1, r4
	add sp, r1
	add r1, sp
	add sp, sp, r2
	cmp r7, fp
	cmp sl, r1
	cmp r0, fp
	cmp fp, r4
	cmp sl, r9
	cmp sl, lr
	mov r7, r4
	mov fp, r6
	mov sl, r5
	mov r0, r7
	mov r5, r2
	mov r9, r1
	mov r8, r8
	mov sp, r0
	mov pc, lr
	bx r0
	blx r0
	bx r7
	blx r7
	bx ip
	blx ip
	bx lr
	blx lr
	str r7, [r0, r3]
	strh r4, [r2, r3]
	strb r6, [r6, r7]
	ldrsb r1, [r2, r7]
	ldr r6, [r4, r2]
	ldrh r6, [r4, r6]
	ldrb r5, [r6, r3]
	ldrsh r2, [r1, r2]
	str r2, [r3, #0]
	str r3, [r0, #32]
	str r7, [r2, #36]
	str r4, [r4, #124]
	ldr r0, [r2, #0]
	ldr r6, [r5, #32]
	ldr r5, [r2, #36]
	ldr r0, [r7, #124]
	strb r6, [r6, #0]
	strb r6, [r6, #8]
	strb r1, [r7, #9]
	strb r6, [r0, #31]
	ldrb r3, [r1, #0]
	ldrb r3, [r7, #8]
	ldrb r2, [r1, #9]
	ldrb r5, [r0, #31]
	strh r1, [r0, #0]
	strh r2, [r1, #16]
	strh r5, [r0, #18]
	strh r1, [r3, #62]
	ldrh r6, [r2, #0]
	ldrh r4, [r5, #16]
	ldrh r5, [r7, #18]
	ldrh r1, [r1, #62]
	str r7, [sp, #0]
	ldr r7, [sp, #0]
	add r7, sp, #0
	str r7, [sp, #32]
	ldr r4, [sp, #32]
	add r1, sp, #32
	str r2, [sp, #36]
	ldr r1, [sp, #36]
	add r5, sp, #36
	str r4, [sp, #1020]
	ldr r7, [sp, #1020]
	add r2, sp, #1020
	add sp, #0
	sub sp, #0
	add sp, #32
	sub sp, #32
	add sp, #36
	sub sp, #36
	add sp, #508
	sub sp, #508
	sxth r0, r1
	sxtb r2, r3
	uxth r4, r5
	uxtb r6, r7
	rev r0, r1
	rev16 r2, r3
	revsh r4, r5
	push {r0}
	push {r4, r5, r6, r7, lr}
	push {lr}
	pop {r4, pc}
	pop {r0, r1, r2, r3, r4, r5, r6, r7}
	stmia r0!, {r1, r2, r7}
	ldmia r1!, {r0, r2}
	ldmia r1, {r1, r2}
	cpsie i
	cpsid i
	cpsie f
	cpsid f
	cpsie if
	bkpt 0
	bkpt 0xab
	bkpt 255
	svc 0
	svc 255
	udf #0
	udf #255
	nop
	nop.w
	yield
	yield.w
	wfe
	wfe.w
	wfi
	wfi.w
	sev
	sev.w
	it eq
	addeq r0, r0, #1
	itt ne
	cmpne r0, #1
	movwne r0, #0x1234
	ite cs
	strcs r2, [sp, #4]
	addcc r0, r0, #1
	ittt cc
	addcc.w r0, r1, #0x100
	addcc r0, r1
	mulcc r0, r1, r0
	itte mi
	movwmi r0, #0x1234
	movmi r3, #7
	movwpl r0, #0x1234
	itet pl
	lslpl r0, r1, #3
	ldrmi.w r0, [r1, #4]
	lslpl r0, r1, #3
	itee vs
	cmpvs r0, #1
	lslvc r0, r1, #3
	sdivvc r0, r1, r2
	itttt vc
	lslvc r0, r1, #3
	cmpvc r0, #1
	ldmiavc.w r0!, {r1, r2}
	movwvc r0, #0x1234
	ittte hi
	addhi r0, r0, #1
	addhi r0, r0, #1
	mulhi r0, r1, r0
	ldmials.w r0!, {r1, r2}
	ittet ls
	mulls r0, r1, r0
	cmpls r0, #1
	movwhi r0, #0x1234
	orrsls.w r0, r1, r2, lsl #4
	ittee ge
	movwge r0, #0x1234
	movwge r0, #0x1234
	addlt r0, r1
	lsllt r0, r1, #3
	itett lt
	ldrlt r0, [r1]
	lslge r0, r1, #3
	ldmialt.w r0!, {r1, r2}
	cmplt r0, #1
	itete gt
	ldrgt.w r0, [r1, #4]
	cmple r0, #1
	ldmiagt.w r0!, {r1, r2}
	addle r0, r0, #1
	iteet le
	ldmiale.w r0!, {r1, r2}
	movwgt r0, #0x1234
	addgt r0, r1
	ldrle r0, [r1]
	iteee eq
	sdiveq r0, r1, r2
	cmpne r0, #1
	ldmiane.w r0!, {r1, r2}
	movne r3, #7
	itt eq
	moveq r0, #1
	bxeq lr
	it ne
	popne {r4, pc}
	ite ls
	addls r0, r0, r1
	subhi r0, r0, r1
	itt gt
	cmpgt r0, r1
	blgt 0f
0:
	and.w ip, fp, #2868947712
	and.w r6, r7, #1020
	and.w r6, fp, #11206827
	and.w r1, fp, #1
	ands.w r2, r9, #255
	ands.w r7, ip, #73728
	ands.w sl, r2, #4278190080
	ands.w r9, lr, #0
	bic.w r2, r8, #2139095040
	bic.w r8, r2, #2880154539
	bic.w r0, r0, #1020
	bic.w ip, fp, #11206827
	bics.w r6, lr, #1020
	bics.w r3, lr, #1
	bics.w lr, r3, #2147483648
	bics.w r0, r4, #255
	orr.w ip, r9, #256
	orr.w r5, r4, #65280
	orr.w r8, r6, #2147483648
	orr.w lr, r2, #73728
	orrs.w sl, r9, #0
	orrs.w lr, r8, #4278190080
	orrs.w r6, lr, #11206827
	orrs.w r8, r2, #2880154539
	orn r0, lr, #2147483648
	orn r7, ip, #255
	orn r2, r9, #73728
	orn r0, ip, #1020
	orns r7, r9, #73728
	orns fp, r1, #255
	orns r8, r0, #4278190080
	orns r5, sl, #1020
	eor.w ip, ip, #2147483648
	eor.w r1, r8, #73728
	eor.w r0, r3, #4278190080
	eor.w r3, r4, #2880154539
	eors.w r8, r0, #0
	eors.w ip, r1, #1
	eors.w r7, r5, #2147483648
	eors.w r9, r8, #2880154539
	add.w r7, r8, #2139095040
	add.w r8, ip, #2147483648
	add.w r7, r8, #256
	add.w r3, fp, #65280
	adds.w lr, r7, #2147483648
	adds.w r2, r6, #65280
	adds.w r1, r6, #73728
	adds.w r7, r5, #256
	adc.w r1, r3, #1
	adc.w sl, r4, #1020
	adc.w ip, r1, #256
	adc.w ip, r2, #2868947712
	adcs.w r2, r4, #4278190080
	adcs.w r2, r7, #1020
	adcs.w r3, fp, #73728
	adcs.w r1, r6, #11206827
	sbc.w r2, fp, #2880154539
	sbc.w r6, r8, #255
	sbc.w r6, r5, #1020
	sbc.w r6, r3, #256
	sbcs.w r0, r5, #11206827
	sbcs.w r8, r7, #73728
	sbcs.w r7, fp, #1
	sbcs.w r0, r6, #4278190080
	sub.w r8, r1, #11206827
	sub.w r1, ip, #2147483648
	sub.w r3, r1, #2139095040
	sub.w r1, r4, #65280
	subs.w ip, r2, #65280
	subs.w lr, r6, #0
	subs.w lr, sl, #255
	subs.w lr, r4, #73728
	rsb r9, r7, #2868947712
	rsb fp, r5, #255
	rsb r1, r4, #2147483648
	rsb r0, ip, #1020
	rsbs r4, r0, #4278190080
	rsbs sl, r1, #255
	rsbs ip, r4, #2868947712
	rsbs r1, r9, #1
	mov.w r7, #256
	mov.w r0, #1
	mov.w r5, #65280
	mov.w r8, #4278190080
	movs.w r0, #2868947712
	movs.w r8, #65280
	movs.w fp, #2139095040
	movs.w r3, #255
	mvn.w r2, #1
	mvn.w r3, #255
	mvn.w r4, #65280
	mvn.w sl, #0
	mvns.w r7, #65280
	mvns.w r8, #2147483648
	mvns.w sl, #256
	mvns.w r2, #73728
	tst.w r4, #65280
	tst.w r0, #11206827
	tst.w r0, #0
	teq r8, #0
	teq r3, #4278190080
	teq r8, #2147483648
	cmp.w r1, #2880154539
	cmp.w sl, #256
	cmp.w lr, #73728
	cmn.w r7, #1020
	cmn.w r8, #2868947712
	cmn.w lr, #73728
	add.w r0, sp, #0x400
	sub.w sp, sp, #0x400
	adds.w r0, sp, #8
	cmp.w sp, #4
	addw r6, r8, #0
	subw r4, fp, #0
	addw r3, r3, #1
	subw r5, r3, #1
	addw lr, fp, #4095
	subw fp, sl, #4095
	addw r2, r6, #33
	subw r5, r0, #33
	addw r0, sp, #100
	subw sp, sp, #100
	movw lr, #0
	movt r2, #0
	movw r0, #1
	movt r1, #1
	movw sl, #65535
	movt fp, #65535
	movw r4, #32768
	movt r6, #32768
	movw r2, #33
	movt r0, #33
	adr.w r0, .+100
	adr.w r1, .-100
	adr.w r2, .
	bfi r1, sl, #0, #1
	bfc lr, #0, #1
	ubfx r6, lr, #0, #1
	sbfx r8, sl, #0, #1
	bfi r4, r9, #0, #32
	bfc r3, #0, #32
	ubfx fp, r4, #0, #32
	sbfx r0, r7, #0, #32
	bfi r2, r2, #31, #1
	bfc r4, #31, #1
	ubfx r7, r0, #31, #1
	sbfx r4, r5, #31, #1
	bfi r5, r8, #8, #8
	bfc r5, #8, #8
	ubfx r3, r0, #8, #8
	sbfx r4, r3, #8, #8
	ssat r5, #1, r2
	ssat r0, #1, r5, lsl #31
	ssat r6, #1, r1, asr #1
	ssat r7, #16, r4
	ssat r8, #16, sl, lsl #31
	ssat r3, #16, r3, asr #1
	ssat r8, #32, ip
	ssat r0, #32, r1, lsl #31
	ssat r4, #32, lr, asr #1
	usat r1, #0, r2
	usat r6, #0, r9, asr #31
	usat r0, #15, r6
	usat r0, #15, r4, asr #31
	usat r4, #31, sl
	usat r3, #31, r1, asr #31
	ssat16 r9, #1, r8
	ssat16 lr, #16, ip
	usat16 r2, #0, sl
	usat16 fp, #15, ip
	and.w r7, r2, r4, lsl #31
	and.w lr, fp, r8, asr #32
	ands.w r8, ip, r8, lsl #1
	ands.w sl, r9, ip, lsr #32
	bic.w r0, r0, r2
	bic.w r0, sl, r8, asr #32
	bics.w ip, r1, fp
	bics.w r8, r1, fp, lsr #1
	bics.w r1, lr, r4, asr #32
	bics.w ip, r3, r3, ror #7
	orrs.w r2, r5, r4
	orrs.w r7, r0, r7, lsr #32
	orrs.w sl, r1, fp, asr #32
	orrs.w r7, r4, fp, ror #7
	orn r8, r3, r4, lsl #31
	orn r7, r1, lr, asr #32
	orns r1, r2, fp, lsr #32
	orns lr, sl, r8, rrx
	eor.w r1, fp, r5
	eor.w r7, r6, r0, lsl #1
	eor.w r7, sl, r7, lsl #31
	eor.w r5, r0, r5, rrx
	eors.w r3, fp, r0, lsl #31
	eors.w r5, r1, r6, lsr #32
	eors.w r6, ip, r4, rrx
	add.w r0, lr, sl, lsl #1
	add.w r2, r3, r4, lsl #31
	add.w ip, r5, ip, lsr #32
	adds.w fp, r6, r7, asr #32
	adds.w lr, r4, r7, rrx
	adc.w r8, r2, r2
	adc.w r4, r4, fp, lsl #31
	adc.w r7, r8, sl, ror #7
	adcs.w r2, r1, r3
	adcs.w ip, r7, r6, asr #32
	adcs.w r3, r3, r1, ror #7
	adcs.w r8, r1, r5, rrx
	sbc.w r4, ip, r9
	sbc.w r0, fp, lr, lsl #1
	sbc.w r0, r7, r4, ror #7
	sbcs.w r3, r6, r6, asr #32
	sub.w lr, lr, r0
	sub.w r6, fp, ip, lsl #1
	sub.w r6, lr, r8, asr #32
	subs.w r1, r3, r2
	subs.w sl, r1, lr, lsl #1
	subs.w ip, r2, r3, rrx
	rsb fp, r4, r2, lsl #1
	rsb r4, r8, r9, ror #7
	rsb r4, r3, ip, rrx
	rsbs r4, r7, r4, lsl #1
	rsbs r3, r0, r6, ror #7
	mov.w r4, r0
	mov.w r0, r3, lsl #1
	mov.w r7, sl, lsr #32
	mov.w sl, r6, asr #3
	mov.w r1, r4, ror #31
	mov.w r3, sl, rrx
	movs.w r6, r5
	lsls.w r3, r7, #1
	lsrs.w r0, fp, #32
	asrs.w r5, fp, #3
	rors.w r6, r5, #31
	movs.w sl, r6, rrx
	mvn.w r3, r0
	mvn.w ip, r4, lsl #1
	mvn.w fp, lr, lsr #32
	mvn.w r8, r1, asr #3
	mvn.w r3, r7, ror #31
	mvn.w r3, r4, rrx
	mvns.w ip, lr
	mvns.w r3, r3, lsl #1
	mvns.w r7, r3, lsr #32
	mvns.w r4, ip, asr #3
	mvns.w r4, r1, ror #31
	mvns.w r9, r7, rrx
	tst.w r9, r2
	tst.w r3, r7, lsl #2
	tst.w r6, sl, asr #32
	teq r0, r9
	teq r2, r6, lsl #2
	teq r0, r3, asr #32
	cmp.w r0, r9
	cmp.w r2, r6, lsl #2
	cmp.w r0, fp, asr #32
	cmn.w r0, r2
	cmn.w r6, r7, lsl #2
	cmn.w fp, r5, asr #32
	add.w r0, sp, r1, lsl #2
	sub.w sp, sp, r1
	add.w r0, sp, r1
	pkhbt r0, r1, r2
	pkhbt r0, r1, r2, lsl #16
	pkhtb r0, r1, r2, asr #16
	pkhtb r0, r1, r2, asr #32
	lsl.w fp, r1, r1
	lsls.w r2, r5, r3
	lsr.w r2, sl, r8
	lsrs.w fp, r7, r0
	asr.w r4, sl, fp
	asrs.w r6, lr, r5
	ror.w r5, r7, r2
	rors.w r1, r0, r1
	sxth.w r4, r1
	sxth.w r5, r6, ror #8
	sxth.w r1, r8, ror #16
	sxth.w ip, r3, ror #24
	uxth.w r6, r5
	uxth.w ip, lr, ror #8
	uxth.w r4, lr, ror #16
	uxth.w ip, r6, ror #24
	sxtb.w r1, r0
	sxtb.w fp, r7, ror #8
	sxtb.w r3, r5, ror #16
	sxtb.w r8, r7, ror #24
	uxtb.w r3, r5
	uxtb.w r5, fp, ror #8
	uxtb.w r7, r0, ror #16
	uxtb.w sl, r6, ror #24
	sxtb16 r3, ip
	sxtb16 sl, ip, ror #24
	uxtb16 r6, r0
	uxtb16 r6, r0, ror #24
	sxtah r7, r1, ip
	sxtah r0, r4, r3, ror #8
	uxtah fp, r1, r9
	uxtah r5, r5, r4, ror #8
	sxtab r5, r9, r0
	sxtab r4, fp, fp, ror #8
	uxtab fp, r5, r4
	uxtab r4, r0, fp, ror #8
	sxtab16 ip, r9, ip
	sxtab16 sl, r1, r0, ror #8
	uxtab16 lr, r3, r1
	uxtab16 r7, fp, r7, ror #8
	sadd16 ip, r6, ip
	sasx r4, r6, lr
	ssax r7, r2, r7
	ssub16 r2, r0, ip
	sadd8 fp, r4, lr
	ssub8 fp, ip, r2
	qadd16 r9, r3, r5
	qasx lr, r5, r7
	qsax r5, ip, ip
	qsub16 r9, r1, r8
	qadd8 r3, r6, ip
	qsub8 r2, r3, r6
	shadd16 r1, sl, r0
	shasx r7, r8, r8
	shsax r5, r2, r6
	shsub16 r1, r1, r4
	shadd8 r9, r1, r3
	shsub8 r1, r6, r7
	uadd16 fp, r7, r2
	uasx r3, r2, r6
	usax r7, r9, sl
	usub16 r3, fp, r8
	uadd8 lr, ip, sl
	usub8 ip, r1, ip
	uqadd16 lr, r4, r4
	uqasx r4, r9, r4
	uqsax r5, r4, fp
	uqsub16 r4, r3, r7
	uqadd8 r3, r2, r3
	uqsub8 r3, r2, r4
	uhadd16 r9, r3, r5
	uhasx r1, r6, r4
	uhsax r3, r8, r8
	uhsub16 r3, sl, ip
	uhadd8 r1, sl, r7
	uhsub8 r0, r1, r0
	qadd r7, lr, r3
	qsub lr, r7, r5
	qdadd r0, r4, r3
	qdsub r1, r0, r3
	sel r9, lr, r9
	usad8 r3, r1, r5
	mul.w r8, lr, r2
	sdiv r7, r9, r4
	udiv ip, ip, sl
	rev.w r0, r1
	rev16.w sl, r9
	rbit fp, r9
	revsh.w r5, r3
	clz r0, r5
	mla r5, r2, r0, r3
	mls r4, r0, r9, fp
	usada8 sl, r3, lr, r0
	smmla lr, r5, r6, sl
	smmlar r5, r2, r9, r4
	smmls r1, r3, r0, ip
	smmlsr r7, r8, r7, r1
	smlad r6, r1, ip, r6
	smladx sl, r8, r2, sl
	smlsd r8, r1, sl, r2
	smlsdx r6, fp, r4, r6
	smlabb r4, sl, r4, r6
	smlabt r0, r4, fp, r9
	smlatb r5, r6, r6, r0
	smlatt lr, ip, ip, r5
	smlawb sl, r3, r6, fp
	smlawt r6, r3, r0, r6
	smulbb r2, r6, r1
	smulbt lr, r1, r6
	smultb r9, r5, r7
	smultt ip, r2, r2
	smulwb r0, r0, r8
	smulwt r2, sl, ip
	smuad r6, r1, r9
	smuadx r9, r5, fp
	smusd r8, r2, r2
	smusdx r5, r4, r2
	smmul r8, r2, r1
	smmulr r1, r6, r7
	smull r0, r1, ip, ip
	umull r0, r1, ip, ip
	smlal r0, r1, r3, r4
	umlal r0, r1, r2, lr
	umaal r0, r1, r0, r7
	smlalbb r0, r1, r5, r0
	smlalbt r0, r1, r9, sl
	smlaltb r0, r1, r6, r1
	smlaltt r0, r1, fp, r9
	smlald r0, r1, fp, lr
	smlaldx r0, r1, r2, sl
	smlsld r0, r1, ip, lr
	smlsldx r0, r1, r3, r9
	ldr.w r0, [r1, #4095]
	ldr.w r0, [r1]
	ldr.w r0, [r2, #-255]
	ldr.w r0, [r3, #-1]
	ldr.w r0, [r4], #255
	ldr.w r0, [r5], #-3
	ldr.w r0, [r6, #255]!
	ldr.w r0, [r7, #-8]!
	ldr.w r0, [r8, r9]
	ldr.w r0, [r8, ip, lsl #3]
	ldr.w r0, [sp, #8]
	ldrt r0, [r1, #4]
	ldrt r0, [r1]
	ldrt r0, [r1, #255]
	str.w r0, [r1, #4095]
	str.w r0, [r1]
	str.w r0, [r2, #-255]
	str.w r0, [r3, #-1]
	str.w r0, [r4], #255
	str.w r0, [r5], #-3
	str.w r0, [r6, #255]!
	str.w r0, [r7, #-8]!
	str.w r0, [r8, r9]
	str.w r0, [r8, ip, lsl #3]
	str.w r0, [sp, #8]
	strt r0, [r1, #4]
	strt r0, [r1]
	strt r0, [r1, #255]
	ldrb.w r0, [r1, #4095]
	ldrb.w r0, [r1]
	ldrb.w r0, [r2, #-255]
	ldrb.w r0, [r3, #-1]
	ldrb.w r0, [r4], #255
	ldrb.w r0, [r5], #-3
	ldrb.w r0, [r6, #255]!
	ldrb.w r0, [r7, #-8]!
	ldrb.w r0, [r8, r9]
	ldrb.w r0, [r8, ip, lsl #3]
	ldrb.w r0, [sp, #8]
	ldrbt r0, [r1, #4]
	ldrbt r0, [r1]
	ldrbt r0, [r1, #255]
	strb.w r0, [r1, #4095]
	strb.w r0, [r1]
	strb.w r0, [r2, #-255]
	strb.w r0, [r3, #-1]
	strb.w r0, [r4], #255
	strb.w r0, [r5], #-3
	strb.w r0, [r6, #255]!
	strb.w r0, [r7, #-8]!
	strb.w r0, [r8, r9]
	strb.w r0, [r8, ip, lsl #3]
	strb.w r0, [sp, #8]
	strbt r0, [r1, #4]
	strbt r0, [r1]
	strbt r0, [r1, #255]
	ldrh.w r0, [r1, #4095]
	ldrh.w r0, [r1]
	ldrh.w r0, [r2, #-255]
	ldrh.w r0, [r3, #-1]
	ldrh.w r0, [r4], #255
	ldrh.w r0, [r5], #-3
	ldrh.w r0, [r6, #255]!
	ldrh.w r0, [r7, #-8]!
	ldrh.w r0, [r8, r9]
	ldrh.w r0, [r8, ip, lsl #3]
	ldrh.w r0, [sp, #8]
	ldrht r0, [r1, #4]
	ldrht r0, [r1]
	ldrht r0, [r1, #255]
	strh.w r0, [r1, #4095]
	strh.w r0, [r1]
	strh.w r0, [r2, #-255]
	strh.w r0, [r3, #-1]
	strh.w r0, [r4], #255
	strh.w r0, [r5], #-3
	strh.w r0, [r6, #255]!
	strh.w r0, [r7, #-8]!
	strh.w r0, [r8, r9]
	strh.w r0, [r8, ip, lsl #3]
	strh.w r0, [sp, #8]
	strht r0, [r1, #4]
	strht r0, [r1]
	strht r0, [r1, #255]
	ldrsb.w r0, [r1, #4095]
	ldrsb.w r0, [r1]
	ldrsb.w r0, [r2, #-255]
	ldrsb.w r0, [r3, #-1]
	ldrsb.w r0, [r4], #255
	ldrsb.w r0, [r5], #-3
	ldrsb.w r0, [r6, #255]!
	ldrsb.w r0, [r7, #-8]!
	ldrsb.w r0, [r8, r9]
	ldrsb.w r0, [r8, ip, lsl #3]
	ldrsb.w r0, [sp, #8]
	ldrsbt r0, [r1, #4]
	ldrsbt r0, [r1]
	ldrsbt r0, [r1, #255]
	ldrsh.w r0, [r1, #4095]
	ldrsh.w r0, [r1]
	ldrsh.w r0, [r2, #-255]
	ldrsh.w r0, [r3, #-1]
	ldrsh.w r0, [r4], #255
	ldrsh.w r0, [r5], #-3
	ldrsh.w r0, [r6, #255]!
	ldrsh.w r0, [r7, #-8]!
	ldrsh.w r0, [r8, r9]
	ldrsh.w r0, [r8, ip, lsl #3]
	ldrsh.w r0, [sp, #8]
	ldrsht r0, [r1, #4]
	ldrsht r0, [r1]
	ldrsht r0, [r1, #255]
	ldr.w r0, [pc, #100]
	ldr.w r0, [pc, #-100]
	ldr.w r0, [pc, #4095]
	ldrb.w r0, [pc, #100]
	ldrb.w r0, [pc, #-100]
	ldrb.w r0, [pc, #4095]
	ldrh.w r0, [pc, #100]
	ldrh.w r0, [pc, #-100]
	ldrh.w r0, [pc, #4095]
	ldrsb.w r0, [pc, #100]
	ldrsb.w r0, [pc, #-100]
	ldrsb.w r0, [pc, #4095]
	ldrsh.w r0, [pc, #100]
	ldrsh.w r0, [pc, #-100]
	ldrsh.w r0, [pc, #4095]
	ldr.w pc, [sp], #4
	ldr.w pc, [r0, r1, lsl #2]
	ldr.w sp, [r0]
	pld [r1, #4095]
	pld [r1]
	pld [r2, #-255]
	pld [r8, r9]
	pld [r8, ip, lsl #3]
	pld [pc, #100]
	pld [pc, #-100]
	pli [r1, #4095]
	pli [r1]
	pli [r2, #-255]
	pli [r8, r9]
	pli [r8, ip, lsl #3]
	pli [pc, #100]
	pli [pc, #-100]
	ldrd r0, r1, [r2]
	strd r4, r5, [r2]
	ldrd r0, r1, [r2, #1020]
	strd r4, r5, [r2, #1020]
	ldrd r0, r1, [r2, #-1020]
	strd r4, r5, [r2, #-1020]
	ldrd r0, r1, [r2, #8]!
	strd r4, r5, [r2, #8]!
	ldrd r0, r1, [r2, #-8]!
	strd r4, r5, [r2, #-8]!
	ldrd r0, r1, [r2], #8
	strd r4, r5, [r2], #8
	ldrd r0, r1, [r2], #-8
	strd r4, r5, [r2], #-8
	ldrd r0, r1, [r2], #0
	strd r4, r5, [r2], #0
	ldrd r0, r1, [pc, #8]
	ldrd r0, r1, [pc, #-1020]
	ldrex r0, [r1]
	ldrex r0, [r1, #1020]
	strex r0, r1, [r2]
	strex r0, r1, [r2, #4]
	ldrexb r0, [r1]
	ldrexh r0, [r1]
	strexb r0, r1, [r2]
	strexh r0, r1, [r2]
	clrex
	ldmia.w r0!, {r1, r2, r3}
	ldmia.w r0, {r1, r8, lr}
	stmia.w r0!, {r1, r2}
	stmia.w r9, {r1, r2, lr}
	ldmdb r0!, {r1, r2}
	ldmdb r0, {r1, r2, pc}
	stmdb r0!, {r1, r2}
	stmdb r0, {r4, r5}
	push.w {r4, r5, r6, r7, r8, lr}
	pop.w {r4, r5, r6, r7, r8, pc}
	push.w {r8}
	pop.w {r8}
	pop.w {r4, r5, r6, r7, r8, lr}
	tbb [r0, r1]
	tbh [r0, r1, lsl #1]
	tbb [pc, r2]
	tbh [pc, r2, lsl #1]
	mrs r3, apsr
	msr apsr_nzcvq, r4
	mrs r3, iapsr
	msr iapsr_nzcvq, r4
	mrs r3, eapsr
	msr eapsr_nzcvq, r4
	mrs r3, xpsr
	msr xpsr_nzcvq, r4
	mrs r3, ipsr
	msr ipsr, r4
	mrs r3, epsr
	msr epsr, r4
	mrs r3, iepsr
	msr iepsr, r4
	mrs r3, msp
	msr msp, r4
	mrs r3, psp
	msr psp, r4
	mrs r3, primask
	msr primask, r4
	mrs r3, basepri
	msr basepri, r4
	mrs r3, basepri_max
	msr basepri_max, r4
	mrs r3, faultmask
	msr faultmask, r4
	mrs r3, control
	msr control, r4
	msr apsr_g, r0
	msr apsr_nzcvqg, r0
	dmb sy
	dsb sy
	dmb st
	dsb st
	dmb ish
	dsb ish
	dmb ishst
	dsb ishst
	dmb nsh
	dsb nsh
	dmb nshst
	dsb nshst
	dmb osh
	dsb osh
	dmb oshst
	dsb oshst
	dmb #0
	dsb #12
	isb
	isb #5
	dbg #0
	dbg #15
	udf.w #0
	udf.w #65535
	nop.w
	1: b 1b
	b.w 1b
	bl 1b
	beq 1b
	bne.w 1b
	bgt.w 2f
	cbz r0, 4f
	cbnz r7, 4f
	nop
	4: nop
	b.w 2f
	bl 2f
	.space 1000
	2: nop
	b.w 3f
	bl 3f
	beq.w 3f
	.space 900000
	3: nop
	bl 1b
	b.w 1b
	bvs.w 2b
	.fpu fpv4-sp-d16
	vadd.f32 s0, s1, s2
	vsub.f32 s31, s30, s29
	vmul.f32 s3, s4, s5
	vnmul.f32 s3, s4, s5
	vmla.f32 s0, s1, s2
	vmls.f32 s0, s1, s2
	vnmla.f32 s0, s1, s2
	vnmls.f32 s0, s1, s2
	vfma.f32 s0, s1, s2
	vfms.f32 s0, s1, s2
	vfnma.f32 s0, s1, s2
	vfnms.f32 s0, s1, s2
	vdiv.f32 s0, s1, s2
	vmov.f32 s0, #1.0
	vmov.f32 s0, #-0.5
	vmov.f32 s1, #31.0
	vmov.f32 s0, s1
	vabs.f32 s0, s1
	vneg.f32 s0, s1
	vsqrt.f32 s0, s1
	vcvtb.f32.f16 s0, s1
	vcvtt.f32.f16 s0, s1
	vcvtb.f16.f32 s0, s1
	vcvtt.f16.f32 s0, s1
	vcmp.f32 s0, s1
	vcmpe.f32 s0, s1
	vcmp.f32 s0, #0.0
	vcmpe.f32 s0, #0.0
	vcvt.f32.s32 s0, s1
	vcvt.f32.u32 s0, s1
	vcvt.s32.f32 s0, s1
	vcvt.u32.f32 s0, s1
	vcvtr.s32.f32 s0, s1
	vcvtr.u32.f32 s0, s1
	vcvt.f32.s16 s0, s0, #16
	vcvt.f32.u32 s0, s0, #1
	vcvt.s32.f32 s0, s0, #32
	vcvt.u16.f32 s0, s0, #3
	vmrs APSR_nzcv, fpscr
	vmrs r0, fpscr
	vmsr fpscr, r0
	vmrs r1, fpexc
	vmov r0, s0
	vmov s31, lr
	vmov r0, r1, s0, s1
	vmov s30, s31, r2, r3
	vmov r0, r1, d0
	vmov d15, r2, r3
	vldr s0, [r0, #4]
	vldr s0, [r0, #-1020]
	vldr d0, [r0]
	vstr s31, [sp, #1020]
	vstr d15, [r1, #-8]
	vldr s0, [pc, #8]
	vldmia r0!, {s0-s3}
	vldmia r0, {s4}
	vldmdb r0!, {s0-s1}
	vstmia r0!, {d0-d3}
	vstmdb r1!, {d8}
	vpush {s16-s31}
	vpop {d8-d15}
	vpush {d8}
	vmov.f32 s0, #0.125
	vmov.f32 s0, #2.0
	vmov.f32 s0, #0.1875
	vmov.f32 s0, #16.0
	vmov.f32 s0, #10.0
	it eq
	vaddeq.f32 s0, s1, s2
	.inst.w 0xeeb00a00
	.inst.w 0xeeb10a01
	.inst.w 0xeeb20a02
	.inst.w 0xeeb30a03
	.inst.w 0xeeb40a04
	.inst.w 0xeeb50a05
	.inst.w 0xeeb60a06
	.inst.w 0xeeb70a07
	.inst.w 0xeeb80a08
	.inst.w 0xeeb90a09
	.inst.w 0xeeba0a0a
	.inst.w 0xeebb0a0b
	.inst.w 0xeebc0a0c
	.inst.w 0xeebd0a0d
	.inst.w 0xeebe0a0e
	.inst.w 0xeebf0a0f
	.size _start, .-_start
