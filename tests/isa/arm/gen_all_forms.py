#!/usr/bin/env python3
"""Generator of all_forms.S (run once, output committed): every ARMv7-M Thumb
instruction form with registers/immediates at their extremes."""
import random
random.seed(7)
L=[]
def a(s): L.append(s)
regs=['r0','r1','r2','r3','r4','r5','r6','r7','r8','r9','sl','fp','ip','lr']
lo=['r0','r1','r2','r3','r4','r5','r6','r7']
def R(): return random.choice(regs)
def Lr(): return random.choice(lo)
# 16-bit
for sh in ['lsls','lsrs','asrs']:
    for n in ([1,31] if sh=='lsls' else [1,31,32]):
        a(f'{sh} {Lr()}, {Lr()}, #{n}')
a('movs r0, r7')
for op in ['adds','subs']:
    a(f'{op} {Lr()}, {Lr()}, {Lr()}')
    for n in [0,7]: a(f'{op} {Lr()}, {Lr()}, #{n}')
    for n in [0,32,33,255]: a(f'{op} {Lr()}, #{n}')
for n in [0,32,33,255]: a(f'movs r3, #{n}'); a(f'cmp r4, #{n}')
for op in ['ands','eors','lsls','lsrs','asrs','adcs','sbcs','rors','tst','cmp','cmn','orrs','bics','mvns']:
    a(f'{op} {Lr()}, {Lr()}')
a('negs r1, r2'); a('muls r1, r2, r1')
for i in range(6): a(f'add {R()}, {R()}')
a('add sp, r1'); a('add r1, sp'); a('add sp, sp, r2')
for i in range(6): a(f'cmp {R()}, {R()}')
for i in range(6): a(f'mov {R()}, {R()}')
a('mov r8, r8'); a('mov sp, r0'); a('mov pc, lr')
for r in ['r0','r7','ip','lr']: a(f'bx {r}'); a(f'blx {r}')
for w in ['str','strh','strb','ldrsb','ldr','ldrh','ldrb','ldrsh']:
    a(f'{w} {Lr()}, [{Lr()}, {Lr()}]')
for w,sc in [('str',4),('ldr',4),('strb',1),('ldrb',1),('strh',2),('ldrh',2)]:
    for k in [0,8,9,31]:
        a(f'{w} {Lr()}, [{Lr()}, #{k*sc}]')
for k in [0,8,9,255]:
    a(f'str {Lr()}, [sp, #{k*4}]'); a(f'ldr {Lr()}, [sp, #{k*4}]'); a(f'add {Lr()}, sp, #{k*4}')
for k in [0,8,9,127]: a(f'add sp, #{k*4}'); a(f'sub sp, #{k*4}')
a('sxth r0, r1'); a('sxtb r2, r3'); a('uxth r4, r5'); a('uxtb r6, r7')
a('rev r0, r1'); a('rev16 r2, r3'); a('revsh r4, r5')
a('push {r0}'); a('push {r4, r5, r6, r7, lr}'); a('push {lr}'); a('pop {r4, pc}'); a('pop {r0, r1, r2, r3, r4, r5, r6, r7}')
a('stmia r0!, {r1, r2, r7}'); a('ldmia r1!, {r0, r2}'); a('ldmia r1, {r1, r2}')
a('cpsie i'); a('cpsid i'); a('cpsie f'); a('cpsid f'); a('cpsie if')
a('bkpt 0'); a('bkpt 0xab'); a('bkpt 255')
a('svc 0'); a('svc 255'); a('udf #0'); a('udf #255')
for h in ['nop','yield','wfe','wfi','sev']: a(h); a(h+'.w')
# IT blocks
conds=['eq','ne','cs','cc','mi','pl','vs','vc','hi','ls','ge','lt','gt','le']
inv={'eq':'ne','ne':'eq','cs':'cc','cc':'cs','mi':'pl','pl':'mi','vs':'vc','vc':'vs','hi':'ls','ls':'hi','ge':'lt','lt':'ge','gt':'le','le':'gt'}
pats=['','t','e','tt','te','et','ee','ttt','tte','tet','tee','ett','ete','eet','eee']
body16=['adds {r}, {r}, #1','mov {r}, {r}','addX r0, r1','ldrX r0, [r1]','strX r2, [sp, #4]','movX r3, #7','cmpX r0, #1','lslX r0, r1, #3','mulX r0, r1, r0']
body32=['addX.w r0, r1, #0x100','ldrX.w r0, [r1, #4]','movwX r0, #0x1234','sdivX r0, r1, r2','mlaX r0, r1, r2, r3','orrsX.w r0, r1, r2, lsl #4','ldmiaX.w r0!, {r1, r2}']
for i,p in enumerate(pats):
    c=conds[i % len(conds)]
    a(f'it{p} {c}')
    cs=[c]+[c if ch=='t' else inv[c] for ch in p]
    for j,cc in enumerate(cs):
        b=random.choice(body16+body32)
        if b.startswith('adds'): b='add'+cc+' r0, r0, #1'
        elif b.startswith('mov {r}'): b='mov'+cc+' r4, r5'
        else: b=b.replace('X',cc,1)
        a(b)
a('itt eq'); a('moveq r0, #1'); a('bxeq lr')
a('it ne'); a('popne {r4, pc}')
a('ite ls'); a('addls r0, r0, r1'); a('subhi r0, r0, r1')
a('itt gt'); a('cmpgt r0, r1'); a('blgt 0f')
a('0:')
# 32-bit data processing modified immediate
imms=[0,1,255,0x100,0xff00,0xab00ab,0xab00ab00,0xabababab,0x80000000,0x7f800000,0x3fc,0xff000000,0x12000]
ops=['and','bic','orr','orn','eor','add','adc','sbc','sub','rsb']
for op in ops:
    for s in ['','s']:
        for im in random.sample(imms,4):
            a(f'{op}{s}.w {R()}, {R()}, #{im}' if op not in ('orn','rsb') else f'{op}{s} {R()}, {R()}, #{im}')
for op in ['mov','mvn']:
    for s in ['','s']:
        for im in random.sample(imms,4): a(f'{op}{s}.w {R()}, #{im}')
for op in ['tst','teq','cmp','cmn']:
    for im in random.sample(imms,3): a(f'{op}{".w" if op!="teq" else ""} {R()}, #{im}')
a('add.w r0, sp, #0x400'); a('sub.w sp, sp, #0x400'); a('adds.w r0, sp, #8'); a('cmp.w sp, #4')
# plain binary
for im in [0,1,4095,33]: a(f'addw {R()}, {R()}, #{im}'); a(f'subw {R()}, {R()}, #{im}')
a('addw r0, sp, #100'); a('subw sp, sp, #100')
for im in [0,1,0xffff,0x8000,33]: a(f'movw {R()}, #{im}'); a(f'movt {R()}, #{im}')
a('adr.w r0, .+100'); a('adr.w r1, .-100'); a('adr.w r2, .')
for lsb,wd in [(0,1),(0,32),(31,1),(8,8)]:
    a(f'bfi {R()}, {R()}, #{lsb}, #{wd}'); a(f'bfc {R()}, #{lsb}, #{wd}')
    a(f'ubfx {R()}, {R()}, #{lsb}, #{wd}'); a(f'sbfx {R()}, {R()}, #{lsb}, #{wd}')
for n in [1,16,32]: a(f'ssat {R()}, #{n}, {R()}'); a(f'ssat {R()}, #{n}, {R()}, lsl #31'); a(f'ssat {R()}, #{n}, {R()}, asr #1')
for n in [0,15,31]: a(f'usat {R()}, #{n}, {R()}'); a(f'usat {R()}, #{n}, {R()}, asr #31')
for n in [1,16]: a(f'ssat16 {R()}, #{n}, {R()}')
for n in [0,15]: a(f'usat16 {R()}, #{n}, {R()}')
# shifted register
for op in ['and','bic','orr','orn','eor','add','adc','sbc','sub','rsb']:
    for s in ['','s']:
        for sh in ['',', lsl #1',', lsl #31',', lsr #1',', lsr #32',', asr #32',', ror #7',', rrx']:
            if random.random()<0.35:
                w='' if op in ('orn','rsb') else '.w'
                a(f'{op}{s}{w} {R()}, {R()}, {R()}{sh}')
for op in ['mov','mvn']:
    for s in ['','s']:
        for sh in ['',', lsl #1',', lsr #32',', asr #3',', ror #31',', rrx']:
            if op=='mov' and s=='s' and sh not in ('',', rrx'):
                a(f'{sh[2:5]}s.w {R()}, {R()}, {sh[6:]}')
            else:
                a(f'{op}{s}.w {R()}, {R()}{sh}')
for op in ['tst.w','teq','cmp.w','cmn.w']:
    for sh in ['',', lsl #2',', asr #32']: a(f'{op} {R()}, {R()}{sh}')
a('add.w r0, sp, r1, lsl #2'); a('sub.w sp, sp, r1'); a('add.w r0, sp, r1')
a('pkhbt r0, r1, r2'); a('pkhbt r0, r1, r2, lsl #16'); a('pkhtb r0, r1, r2, asr #16'); a('pkhtb r0, r1, r2, asr #32')
# register
for op in ['lsl','lsr','asr','ror']:
    for s in ['','s']: a(f'{op}{s}.w {R()}, {R()}, {R()}')
for op in ['sxth','uxth','sxtb','uxtb']:
    for rot in ['',', ror #8',', ror #16',', ror #24']: a(f'{op}.w {R()}, {R()}{rot}')
for op in ['sxtb16','uxtb16']:
    for rot in ['',', ror #24']: a(f'{op} {R()}, {R()}{rot}')
for op in ['sxtah','uxtah','sxtab','uxtab','sxtab16','uxtab16']:
    for rot in ['',', ror #8']: a(f'{op} {R()}, {R()}, {R()}{rot}')
for pre in ['s','q','sh','u','uq','uh']:
    for op in ['add16','asx','sax','sub16','add8','sub8']:
        a(f'{pre}{op} {R()}, {R()}, {R()}')
for op in ['qadd','qsub','qdadd','qdsub','sel','usad8','mul.w','sdiv','udiv']: a(f'{op} {R()}, {R()}, {R()}')
for op in ['rev.w','rev16.w','rbit','revsh.w','clz']:
    r=R(); r2=R(); a(f'{op} {r}, {r2}')
# multiplies
for op in ['mla','mls','usada8','smmla','smmlar','smmls','smmlsr','smlad','smladx','smlsd','smlsdx','smlabb','smlabt','smlatb','smlatt','smlawb','smlawt']:
    a(f'{op} {R()}, {R()}, {R()}, {R()}')
for op in ['smulbb','smulbt','smultb','smultt','smulwb','smulwt','smuad','smuadx','smusd','smusdx','smmul','smmulr']:
    a(f'{op} {R()}, {R()}, {R()}')
for op in ['smull','umull','smlal','umlal','umaal','smlalbb','smlalbt','smlaltb','smlaltt','smlald','smlaldx','smlsld','smlsldx']:
    a(f'{op} r0, r1, {R()}, {R()}')
# loads/stores
for w in ['','b','h','sb','sh']:
    for st in ([False,True] if w in ('','b','h') else [False]):
        op=('str' if st else 'ldr')+w
        for am in ['[r1, #4095]','[r1]','[r2, #-255]','[r3, #-1]','[r4], #255','[r5], #-3','[r6, #255]!','[r7, #-8]!','[r8, r9]','[r8, ip, lsl #3]','[sp, #8]']:
            a(f'{op}.w r0, {am}')
        a(f'{op}t r0, [r1, #4]'); a(f'{op}t r0, [r1]'); a(f'{op}t r0, [r1, #255]')
for w in ['','b','h','sb','sh']:
    a(f'ldr{w}.w r0, [pc, #100]'); a(f'ldr{w}.w r0, [pc, #-100]'); a(f'ldr{w}.w r0, [pc, #4095]')
a('ldr.w pc, [sp], #4'); a('ldr.w pc, [r0, r1, lsl #2]'); a('ldr.w sp, [r0]')
for p in ['pld','pli']:
    for am in ['[r1, #4095]','[r1]','[r2, #-255]','[r8, r9]','[r8, ip, lsl #3]','[pc, #100]','[pc, #-100]']:
        a(f'{p} {am}')
for am in ['[r2]','[r2, #1020]','[r2, #-1020]','[r2, #8]!','[r2, #-8]!','[r2], #8','[r2], #-8','[r2], #0']:
    a(f'ldrd r0, r1, {am}'); a(f'strd r4, r5, {am}')
a('ldrd r0, r1, [pc, #8]'); a('ldrd r0, r1, [pc, #-1020]')
a('ldrex r0, [r1]'); a('ldrex r0, [r1, #1020]'); a('strex r0, r1, [r2]'); a('strex r0, r1, [r2, #4]')
a('ldrexb r0, [r1]'); a('ldrexh r0, [r1]'); a('strexb r0, r1, [r2]'); a('strexh r0, r1, [r2]'); a('clrex')
a('ldmia.w r0!, {r1, r2, r3}'); a('ldmia.w r0, {r1, r8, lr}'); a('stmia.w r0!, {r1, r2}'); a('stmia.w r9, {r1, r2, lr}')
a('ldmdb r0!, {r1, r2}'); a('ldmdb r0, {r1, r2, pc}'); a('stmdb r0!, {r1, r2}'); a('stmdb r0, {r4, r5}')
a('push.w {r4, r5, r6, r7, r8, lr}'); a('pop.w {r4, r5, r6, r7, r8, pc}'); a('push.w {r8}'); a('pop.w {r8}'); a('pop.w {r4, r5, r6, r7, r8, lr}')
a('tbb [r0, r1]'); a('tbh [r0, r1, lsl #1]'); a('tbb [pc, r2]'); a('tbh [pc, r2, lsl #1]')
# system
for sr in ['apsr','iapsr','eapsr','xpsr','ipsr','epsr','iepsr','msp','psp','primask','basepri','basepri_max','faultmask','control']:
    a(f'mrs r3, {sr}')
    a(f'msr {sr if sr not in ("apsr","iapsr","eapsr","xpsr") else sr+"_nzcvq"}, r4')
a('msr apsr_g, r0'); a('msr apsr_nzcvqg, r0')
for b in ['sy','st','ish','ishst','nsh','nshst','osh','oshst']:
    a(f'dmb {b}'); a(f'dsb {b}')
a('dmb #0'); a('dsb #12'); a('isb'); a('isb #5')
a('dbg #0'); a('dbg #15'); a('udf.w #0'); a('udf.w #65535'); a('nop.w')
# branches
a('1: b 1b'); a('b.w 1b'); a('bl 1b'); a('beq 1b'); a('bne.w 1b'); a('bgt.w 2f'); a('cbz r0, 4f'); a('cbnz r7, 4f'); a('nop'); a('4: nop')
a('b.w 2f'); a('bl 2f')
a('.space 1000')
a('2: nop')
a('b.w 3f'); a('bl 3f'); a('beq.w 3f')
a('.space 900000')
a('3: nop'); a('bl 1b'); a('b.w 1b'); a('bvs.w 2b')
# FPv4-SP (Cortex-M4F)
a('.fpu fpv4-sp-d16')
for x in ['vadd.f32 s0, s1, s2', 'vsub.f32 s31, s30, s29', 'vmul.f32 s3, s4, s5', 'vnmul.f32 s3, s4, s5', 'vmla.f32 s0, s1, s2', 'vmls.f32 s0, s1, s2', 'vnmla.f32 s0, s1, s2', 'vnmls.f32 s0, s1, s2', 'vfma.f32 s0, s1, s2', 'vfms.f32 s0, s1, s2', 'vfnma.f32 s0, s1, s2', 'vfnms.f32 s0, s1, s2', 'vdiv.f32 s0, s1, s2', 'vmov.f32 s0, #1.0', 'vmov.f32 s0, #-0.5', 'vmov.f32 s1, #31.0', 'vmov.f32 s0, s1', 'vabs.f32 s0, s1', 'vneg.f32 s0, s1', 'vsqrt.f32 s0, s1', 'vcvtb.f32.f16 s0, s1', 'vcvtt.f32.f16 s0, s1', 'vcvtb.f16.f32 s0, s1', 'vcvtt.f16.f32 s0, s1', 'vcmp.f32 s0, s1', 'vcmpe.f32 s0, s1', 'vcmp.f32 s0, #0.0', 'vcmpe.f32 s0, #0.0', 'vcvt.f32.s32 s0, s1', 'vcvt.f32.u32 s0, s1', 'vcvt.s32.f32 s0, s1', 'vcvt.u32.f32 s0, s1', 'vcvtr.s32.f32 s0, s1', 'vcvtr.u32.f32 s0, s1', 'vcvt.f32.s16 s0, s0, #16', 'vcvt.f32.u32 s0, s0, #1', 'vcvt.s32.f32 s0, s0, #32', 'vcvt.u16.f32 s0, s0, #3', 'vmrs APSR_nzcv, fpscr', 'vmrs r0, fpscr', 'vmsr fpscr, r0', 'vmrs r1, fpexc', 'vmov r0, s0', 'vmov s31, lr', 'vmov r0, r1, s0, s1', 'vmov s30, s31, r2, r3', 'vmov r0, r1, d0', 'vmov d15, r2, r3', 'vldr s0, [r0, #4]', 'vldr s0, [r0, #-1020]', 'vldr d0, [r0]', 'vstr s31, [sp, #1020]', 'vstr d15, [r1, #-8]', 'vldr s0, [pc, #8]', 'vldmia r0!, {s0-s3}', 'vldmia r0, {s4}', 'vldmdb r0!, {s0-s1}', 'vstmia r0!, {d0-d3}', 'vstmdb r1!, {d8}', 'vpush {s16-s31}', 'vpop {d8-d15}', 'vpush {d8}', 'vmov.f32 s0, #0.125', 'vmov.f32 s0, #2.0', 'vmov.f32 s0, #0.1875', 'vmov.f32 s0, #16.0', 'vmov.f32 s0, #10.0', 'it eq', 'vaddeq.f32 s0, s1, s2']:
    a(x)
for i in range(0, 256, 17):
    a('.inst.w 0x%04x%04x' % (0xeeb0 | (i >> 4), 0x0a00 | (i & 15)))  # vmov.f32 #imm

out=['\t.syntax unified','\t.thumb','\t.text','\t.globl _start','\t.type _start, %function','_start:']
out+=['\t'+x if not x.endswith(':') else x for x in L]
out.append('\t.size _start, .-_start')
open(__import__('sys').argv[1] if len(__import__('sys').argv) > 1 else 'all_forms.S','w').write('\n'.join(out)+'\n')
print(len(L))
