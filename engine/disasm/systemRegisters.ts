/**
 * System register names as GNU objdump 2.40 prints them for MRS/MSR, keyed by the 15-bit
 * o0:op1:CRn:CRm:op2 value (instruction bits 19:5; op0 = 2 + o0). Generated once by
 * disassembling every MRS and MSR encoding with aarch64-linux-gnu-objdump (all
 * architecture features enabled, as objdump does by default); test/diff/disasmSystem.test.ts
 * re-checks every encoding against objdump.
 *
 * Each entry is `name:key[:r|:w]`; `r`/`w` marks the one key whose name depends on the
 * direction (DBGDTRRX_EL0 is read, DBGDTRTX_EL0 written). Keys without an entry print
 * in the generic form `s<op0>_<op1>_c<n>_c<m>_<op2>`.
 */
const DATA =
  'osdtrrx_el1:2 dbgbvr0_el1:4 dbgbcr0_el1:5 dbgwvr0_el1:6 dbgwcr0_el1:7 dbgbvr1_el1:c dbgbcr1_el1:d ' +
  'dbgwvr1_el1:e dbgwcr1_el1:f mdccint_el1:10 mdscr_el1:12 dbgbvr2_el1:14 dbgbcr2_el1:15 dbgwvr2_el1:16 ' +
  'dbgwcr2_el1:17 osdtrtx_el1:1a dbgbvr3_el1:1c dbgbcr3_el1:1d dbgwvr3_el1:1e dbgwcr3_el1:1f ' +
  'dbgbvr4_el1:24 dbgbcr4_el1:25 dbgwvr4_el1:26 dbgwcr4_el1:27 dbgbvr5_el1:2c dbgbcr5_el1:2d ' +
  'dbgwvr5_el1:2e dbgwcr5_el1:2f oseccr_el1:32 dbgbvr6_el1:34 dbgbcr6_el1:35 dbgwvr6_el1:36 ' +
  'dbgwcr6_el1:37 dbgbvr7_el1:3c dbgbcr7_el1:3d dbgwvr7_el1:3e dbgwcr7_el1:3f dbgbvr8_el1:44 ' +
  'dbgbcr8_el1:45 dbgwvr8_el1:46 dbgwcr8_el1:47 dbgbvr9_el1:4c dbgbcr9_el1:4d dbgwvr9_el1:4e ' +
  'dbgwcr9_el1:4f dbgbvr10_el1:54 dbgbcr10_el1:55 dbgwvr10_el1:56 dbgwcr10_el1:57 dbgbvr11_el1:5c ' +
  'dbgbcr11_el1:5d dbgwvr11_el1:5e dbgwcr11_el1:5f dbgbvr12_el1:64 dbgbcr12_el1:65 dbgwvr12_el1:66 ' +
  'dbgwcr12_el1:67 dbgbvr13_el1:6c dbgbcr13_el1:6d dbgwvr13_el1:6e dbgwcr13_el1:6f dbgbvr14_el1:74 ' +
  'dbgbcr14_el1:75 dbgwvr14_el1:76 dbgwcr14_el1:77 dbgbvr15_el1:7c dbgbcr15_el1:7d dbgwvr15_el1:7e ' +
  'dbgwcr15_el1:7f mdrar_el1:80 oslar_el1:84 oslsr_el1:8c osdlr_el1:9c dbgprcr_el1:a4 ' +
  'dbgclaimset_el1:3c6 dbgclaimclr_el1:3ce dbgauthstatus_el1:3f6 csrcr_el1:400 csrptr_el1:401 ' +
  'csrptridx_el1:403 trctraceidr:801 trcvictlr:802 trcseqevr0:804 trccntrldvr0:805 trcidr8:806 ' +
  'trcimspec0:807 trcprgctlr:808 trcqctlr:809 trcviiectlr:80a trcseqevr1:80c trccntrldvr1:80d ' +
  'trcidr9:80e trcimspec1:80f trcprocselr:810 trcvissctlr:812 trcseqevr2:814 trccntrldvr2:815 ' +
  'trcidr10:816 trcimspec2:817 trcstatr:818 trcvipcssctlr:81a trccntrldvr3:81d trcidr11:81e ' +
  'trcimspec3:81f trcconfigr:820 trccntctlr0:825 trcidr12:826 trcimspec4:827 trccntctlr1:82d ' +
  'trcidr13:82e trcimspec5:82f trcauxctlr:830 trcseqrstevr:834 trccntctlr2:835 trcimspec6:837 ' +
  'trcseqstr:83c trccntctlr3:83d trcimspec7:83f trceventctl0r:840 trcvdctlr:842 trcextinselr0:844 ' +
  'trccntvr0:845 trcidr0:847 trceventctl1r:848 trcvdsacctlr:84a trcextinselr1:84c trccntvr1:84d ' +
  'trcidr1:84f trcrsr:850 trcvdarcctlr:852 trcextinselr2:854 trccntvr2:855 trcidr2:857 trcstallctlr:858 ' +
  'trcextinselr3:85c trccntvr3:85d trcidr3:85f trctsctlr:860 trcidr4:867 trcsyncpr:868 trcidr5:86f ' +
  'trcccctlr:870 trcidr6:877 trcbbctlr:878 trcidr7:87f trcrsctlr16:881 trcssccr0:882 trcsspcicr0:883 ' +
  'trcoslar:884 trcrsctlr17:889 trcssccr1:88a trcsspcicr1:88b trcoslsr:88c trcrsctlr2:890 ' +
  'trcrsctlr18:891 trcssccr2:892 trcsspcicr2:893 trcrsctlr3:898 trcrsctlr19:899 trcssccr3:89a ' +
  'trcsspcicr3:89b trcrsctlr4:8a0 trcrsctlr20:8a1 trcssccr4:8a2 trcsspcicr4:8a3 trcpdcr:8a4 ' +
  'trcrsctlr5:8a8 trcrsctlr21:8a9 trcssccr5:8aa trcsspcicr5:8ab trcpdsr:8ac trcrsctlr6:8b0 ' +
  'trcrsctlr22:8b1 trcssccr6:8b2 trcsspcicr6:8b3 trcrsctlr7:8b8 trcrsctlr23:8b9 trcssccr7:8ba ' +
  'trcsspcicr7:8bb trcrsctlr8:8c0 trcrsctlr24:8c1 trcsscsr0:8c2 trcrsctlr9:8c8 trcrsctlr25:8c9 ' +
  'trcsscsr1:8ca trcrsctlr10:8d0 trcrsctlr26:8d1 trcsscsr2:8d2 trcrsctlr11:8d8 trcrsctlr27:8d9 ' +
  'trcsscsr3:8da trcrsctlr12:8e0 trcrsctlr28:8e1 trcsscsr4:8e2 trcrsctlr13:8e8 trcrsctlr29:8e9 ' +
  'trcsscsr5:8ea trcrsctlr14:8f0 trcrsctlr30:8f1 trcsscsr6:8f2 trcrsctlr15:8f8 trcrsctlr31:8f9 ' +
  'trcsscsr7:8fa trcacvr0:900 trcacvr8:901 trcacatr0:902 trcacatr8:903 trcdvcvr0:904 trcdvcvr4:905 ' +
  'trcdvcmr0:906 trcdvcmr4:907 trcacvr1:910 trcacvr9:911 trcacatr1:912 trcacatr9:913 trcacvr2:920 ' +
  'trcacvr10:921 trcacatr2:922 trcacatr10:923 trcdvcvr1:924 trcdvcvr5:925 trcdvcmr1:926 trcdvcmr5:927 ' +
  'trcacvr3:930 trcacvr11:931 trcacatr3:932 trcacatr11:933 trcacvr4:940 trcacvr12:941 trcacatr4:942 ' +
  'trcacatr12:943 trcdvcvr2:944 trcdvcvr6:945 trcdvcmr2:946 trcdvcmr6:947 trcacvr5:950 trcacvr13:951 ' +
  'trcacatr5:952 trcacatr13:953 trcacvr6:960 trcacvr14:961 trcacatr6:962 trcacatr14:963 trcdvcvr3:964 ' +
  'trcdvcvr7:965 trcdvcmr3:966 trcdvcmr7:967 trcacvr7:970 trcacvr15:971 trcacatr7:972 trcacatr15:973 ' +
  'trccidcvr0:980 trcvmidcvr0:981 trccidcctlr0:982 trccidcctlr1:98a trccidcvr1:990 trcvmidcvr1:991 ' +
  'trcvmidcctlr0:992 trcvmidcctlr1:99a trccidcvr2:9a0 trcvmidcvr2:9a1 trccidcvr3:9b0 trcvmidcvr3:9b1 ' +
  'trccidcvr4:9c0 trcvmidcvr4:9c1 trccidcvr5:9d0 trcvmidcvr5:9d1 trccidcvr6:9e0 trcvmidcvr6:9e1 ' +
  'trccidcvr7:9f0 trcvmidcvr7:9f1 trcitctrl:b84 trcdevid:b97 trcdevtype:b9f trcpidr4:ba7 trcpidr5:baf ' +
  'trcpidr6:bb7 trcpidr7:bbf trcclaimset:bc6 trcpidr0:bc7 trcclaimclr:bce trcpidr1:bcf trcdevaff0:bd6 ' +
  'trcpidr2:bd7 trcdevaff1:bde trcpidr3:bdf trclar:be6 trccidr0:be7 trclsr:bee trccidr1:bef ' +
  'trcauthstatus:bf6 trccidr2:bf7 trcdevarch:bfe trccidr3:bff brbinf0_el1:c00 brbsrc0_el1:c01 ' +
  'brbtgt0_el1:c02 brbinf16_el1:c04 brbsrc16_el1:c05 brbtgt16_el1:c06 brbinf1_el1:c08 brbsrc1_el1:c09 ' +
  'brbtgt1_el1:c0a brbinf17_el1:c0c brbsrc17_el1:c0d brbtgt17_el1:c0e brbinf2_el1:c10 brbsrc2_el1:c11 ' +
  'brbtgt2_el1:c12 brbinf18_el1:c14 brbsrc18_el1:c15 brbtgt18_el1:c16 brbinf3_el1:c18 brbsrc3_el1:c19 ' +
  'brbtgt3_el1:c1a brbinf19_el1:c1c brbsrc19_el1:c1d brbtgt19_el1:c1e brbinf4_el1:c20 brbsrc4_el1:c21 ' +
  'brbtgt4_el1:c22 brbinf20_el1:c24 brbsrc20_el1:c25 brbtgt20_el1:c26 brbinf5_el1:c28 brbsrc5_el1:c29 ' +
  'brbtgt5_el1:c2a brbinf21_el1:c2c brbsrc21_el1:c2d brbtgt21_el1:c2e brbinf6_el1:c30 brbsrc6_el1:c31 ' +
  'brbtgt6_el1:c32 brbinf22_el1:c34 brbsrc22_el1:c35 brbtgt22_el1:c36 brbinf7_el1:c38 brbsrc7_el1:c39 ' +
  'brbtgt7_el1:c3a brbinf23_el1:c3c brbsrc23_el1:c3d brbtgt23_el1:c3e brbinf8_el1:c40 brbsrc8_el1:c41 ' +
  'brbtgt8_el1:c42 brbinf24_el1:c44 brbsrc24_el1:c45 brbtgt24_el1:c46 brbinf9_el1:c48 brbsrc9_el1:c49 ' +
  'brbtgt9_el1:c4a brbinf25_el1:c4c brbsrc25_el1:c4d brbtgt25_el1:c4e brbinf10_el1:c50 brbsrc10_el1:c51 ' +
  'brbtgt10_el1:c52 brbinf26_el1:c54 brbsrc26_el1:c55 brbtgt26_el1:c56 brbinf11_el1:c58 ' +
  'brbsrc11_el1:c59 brbtgt11_el1:c5a brbinf27_el1:c5c brbsrc27_el1:c5d brbtgt27_el1:c5e ' +
  'brbinf12_el1:c60 brbsrc12_el1:c61 brbtgt12_el1:c62 brbinf28_el1:c64 brbsrc28_el1:c65 ' +
  'brbtgt28_el1:c66 brbinf13_el1:c68 brbsrc13_el1:c69 brbtgt13_el1:c6a brbinf29_el1:c6c ' +
  'brbsrc29_el1:c6d brbtgt29_el1:c6e brbinf14_el1:c70 brbsrc14_el1:c71 brbtgt14_el1:c72 ' +
  'brbinf30_el1:c74 brbsrc30_el1:c75 brbtgt30_el1:c76 brbinf15_el1:c78 brbsrc15_el1:c79 ' +
  'brbtgt15_el1:c7a brbinf31_el1:c7c brbsrc31_el1:c7d brbtgt31_el1:c7e brbcr_el1:c80 brbfcr_el1:c81 ' +
  'brbts_el1:c82 brbinfinj_el1:c88 brbsrcinj_el1:c89 brbtgtinj_el1:c8a brbidr0_el1:c90 teecr32_el1:1000 ' +
  'teehbr32_el1:1080 mdccsr_el0:1808 dbgdtr_el0:1820 dbgdtrrx_el0:1828:r dbgdtrtx_el0:1828:w ' +
  'csrcr_el0:1c00 csrptr_el0:1c01 csridr_el0:1c02 csrptridx_el0:1c03 dbgvcr32_el2:2038 csrcr_el2:2400 ' +
  'csrptr_el2:2401 csrptridx_el2:2403 brbcr_el2:2480 csrcr_el12:2c00 csrptr_el12:2c01 brbcr_el12:2c80 ' +
  'midr_el1:4000 mpuir_el1:4004 mpidr_el1:4005 revidr_el1:4006 id_pfr0_el1:4008 id_pfr1_el1:4009 ' +
  'id_dfr0_el1:400a id_afr0_el1:400b id_mmfr0_el1:400c id_mmfr1_el1:400d id_mmfr2_el1:400e ' +
  'id_mmfr3_el1:400f id_isar0_el1:4010 id_isar1_el1:4011 id_isar2_el1:4012 id_isar3_el1:4013 ' +
  'id_isar4_el1:4014 id_isar5_el1:4015 id_mmfr4_el1:4016 id_isar6_el1:4017 mvfr0_el1:4018 ' +
  'mvfr1_el1:4019 mvfr2_el1:401a id_pfr2_el1:401c id_dfr1_el1:401d id_mmfr5_el1:401e ' +
  'id_aa64pfr0_el1:4020 id_aa64pfr1_el1:4021 id_aa64zfr0_el1:4024 id_aa64smfr0_el1:4025 ' +
  'id_aa64dfr0_el1:4028 id_aa64dfr1_el1:4029 id_aa64afr0_el1:402c id_aa64afr1_el1:402d ' +
  'id_aa64isar0_el1:4030 id_aa64isar1_el1:4031 id_aa64isar2_el1:4032 id_aa64mmfr0_el1:4038 ' +
  'id_aa64mmfr1_el1:4039 id_aa64mmfr2_el1:403a sctlr_el1:4080 actlr_el1:4081 cpacr_el1:4082 ' +
  'rgsr_el1:4085 gcr_el1:4086 zcr_el1:4090 trfcr_el1:4091 smpri_el1:4094 smcr_el1:4096 ttbr0_el1:4100 ' +
  'ttbr1_el1:4101 tcr_el1:4102 apiakeylo_el1:4108 apiakeyhi_el1:4109 apibkeylo_el1:410a ' +
  'apibkeyhi_el1:410b apdakeylo_el1:4110 apdakeyhi_el1:4111 apdbkeylo_el1:4112 apdbkeyhi_el1:4113 ' +
  'apgakeylo_el1:4118 apgakeyhi_el1:4119 spsr_el1:4200 elr_el1:4201 sp_el0:4208 spsel:4210 ' +
  'currentel:4212 pan:4213 uao:4214 allint:4218 icc_pmr_el1:4230 afsr0_el1:4288 afsr1_el1:4289 ' +
  'esr_el1:4290 erridr_el1:4298 errselr_el1:4299 erxfr_el1:42a0 erxctlr_el1:42a1 erxstatus_el1:42a2 ' +
  'erxaddr_el1:42a3 erxpfgf_el1:42a4 erxpfgctl_el1:42a5 erxpfgcdn_el1:42a6 erxmisc0_el1:42a8 ' +
  'erxmisc1_el1:42a9 erxmisc2_el1:42aa erxmisc3_el1:42ab tfsr_el1:42b0 tfsre0_el1:42b1 far_el1:4300 ' +
  'prenr_el1:4309 prselr_el1:4311 prbar_el1:4340 prlar_el1:4341 prbar1_el1:4344 prlar1_el1:4345 ' +
  'prbar2_el1:4348 prlar2_el1:4349 prbar3_el1:434c prlar3_el1:434d prbar4_el1:4350 prlar4_el1:4351 ' +
  'prbar5_el1:4354 prlar5_el1:4355 prbar6_el1:4358 prlar6_el1:4359 prbar7_el1:435c prlar7_el1:435d ' +
  'prbar8_el1:4360 prlar8_el1:4361 prbar9_el1:4364 prlar9_el1:4365 prbar10_el1:4368 prlar10_el1:4369 ' +
  'prbar11_el1:436c prlar11_el1:436d prbar12_el1:4370 prlar12_el1:4371 prbar13_el1:4374 ' +
  'prlar13_el1:4375 prbar14_el1:4378 prlar14_el1:4379 prbar15_el1:437c prlar15_el1:437d par_el1:43a0 ' +
  'pmscr_el1:44c8 pmsnevfr_el1:44c9 pmsicr_el1:44ca pmsirr_el1:44cb pmsfcr_el1:44cc pmsevfr_el1:44cd ' +
  'pmslatfr_el1:44ce pmsidr_el1:44cf pmblimitr_el1:44d0 pmbptr_el1:44d1 pmbsr_el1:44d3 pmbidr_el1:44d7 ' +
  'trblimitr_el1:44d8 trbptr_el1:44d9 trbbaser_el1:44da trbsr_el1:44db trbmar_el1:44dc trbtrg_el1:44de ' +
  'trbidr_el1:44df pmintenset_el1:44f1 pmintenclr_el1:44f2 pmmir_el1:44f6 mair_el1:4510 amair_el1:4518 ' +
  'lorsa_el1:4520 lorea_el1:4521 lorn_el1:4522 lorc_el1:4523 mpamidr_el1:4524 lorid_el1:4527 ' +
  'mpam1_el1:4528 mpam0_el1:4529 mpamsm_el1:452b vbar_el1:4600 rvbar_el1:4601 rmr_el1:4602 isr_el1:4608 ' +
  'disr_el1:4609 icc_iar0_el1:4640 icc_eoir0_el1:4641 icc_hppir0_el1:4642 icc_bpr0_el1:4643 ' +
  'icc_ap0r0_el1:4644 icc_ap0r1_el1:4645 icc_ap0r2_el1:4646 icc_ap0r3_el1:4647 icc_ap1r0_el1:4648 ' +
  'icc_ap1r1_el1:4649 icc_ap1r2_el1:464a icc_ap1r3_el1:464b icc_nmiar1_el1:464d icc_dir_el1:4659 ' +
  'icc_rpr_el1:465b icc_sgi1r_el1:465d icc_asgi1r_el1:465e icc_sgi0r_el1:465f icc_iar1_el1:4660 ' +
  'icc_eoir1_el1:4661 icc_hppir1_el1:4662 icc_bpr1_el1:4663 icc_ctlr_el1:4664 icc_sre_el1:4665 ' +
  'icc_igrpen0_el1:4666 icc_igrpen1_el1:4667 contextidr_el1:4681 tpidr_el1:4684 accdata_el1:4685 ' +
  'scxtnum_el1:4687 cntkctl_el1:4708 ccsidr_el1:4800 clidr_el1:4801 ccsidr2_el1:4802 gmid_el1:4804 ' +
  'smidr_el1:4806 aidr_el1:4807 csselr_el1:5000 ctr_el0:5801 dczid_el0:5807 rndr:5920 rndrrs:5921 ' +
  'nzcv:5a10 daif:5a11 svcr:5a12 dit:5a15 ssbs:5a16 tco:5a17 fpcr:5a20 fpsr:5a21 dspsr_el0:5a28 ' +
  'dlr_el0:5a29 pmcr_el0:5ce0 pmcntenset_el0:5ce1 pmcntenclr_el0:5ce2 pmovsclr_el0:5ce3 ' +
  'pmswinc_el0:5ce4 pmselr_el0:5ce5 pmceid0_el0:5ce6 pmceid1_el0:5ce7 pmccntr_el0:5ce8 ' +
  'pmxevtyper_el0:5ce9 pmxevcntr_el0:5cea pmuserenr_el0:5cf0 pmovsset_el0:5cf3 tpidr_el0:5e82 ' +
  'tpidrro_el0:5e83 tpidr2_el0:5e85 scxtnum_el0:5e87 amcr_el0:5e90 amcfgr_el0:5e91 amcgcr_el0:5e92 ' +
  'amuserenr_el0:5e93 amcntenclr0_el0:5e94 amcntenset0_el0:5e95 amcg1idr_el0:5e96 amcntenclr1_el0:5e98 ' +
  'amcntenset1_el0:5e99 amevcntr00_el0:5ea0 amevcntr01_el0:5ea1 amevcntr02_el0:5ea2 amevcntr03_el0:5ea3 ' +
  'amevtyper00_el0:5eb0 amevtyper01_el0:5eb1 amevtyper02_el0:5eb2 amevtyper03_el0:5eb3 ' +
  'amevcntr10_el0:5ee0 amevcntr11_el0:5ee1 amevcntr12_el0:5ee2 amevcntr13_el0:5ee3 amevcntr14_el0:5ee4 ' +
  'amevcntr15_el0:5ee5 amevcntr16_el0:5ee6 amevcntr17_el0:5ee7 amevcntr18_el0:5ee8 amevcntr19_el0:5ee9 ' +
  'amevcntr110_el0:5eea amevcntr111_el0:5eeb amevcntr112_el0:5eec amevcntr113_el0:5eed ' +
  'amevcntr114_el0:5eee amevcntr115_el0:5eef amevtyper10_el0:5ef0 amevtyper11_el0:5ef1 ' +
  'amevtyper12_el0:5ef2 amevtyper13_el0:5ef3 amevtyper14_el0:5ef4 amevtyper15_el0:5ef5 ' +
  'amevtyper16_el0:5ef6 amevtyper17_el0:5ef7 amevtyper18_el0:5ef8 amevtyper19_el0:5ef9 ' +
  'amevtyper110_el0:5efa amevtyper111_el0:5efb amevtyper112_el0:5efc amevtyper113_el0:5efd ' +
  'amevtyper114_el0:5efe amevtyper115_el0:5eff cntfrq_el0:5f00 cntpct_el0:5f01 cntvct_el0:5f02 ' +
  'cntpctss_el0:5f05 cntvctss_el0:5f06 cntp_tval_el0:5f10 cntp_ctl_el0:5f11 cntp_cval_el0:5f12 ' +
  'cntv_tval_el0:5f18 cntv_ctl_el0:5f19 cntv_cval_el0:5f1a pmevcntr0_el0:5f40 pmevcntr1_el0:5f41 ' +
  'pmevcntr2_el0:5f42 pmevcntr3_el0:5f43 pmevcntr4_el0:5f44 pmevcntr5_el0:5f45 pmevcntr6_el0:5f46 ' +
  'pmevcntr7_el0:5f47 pmevcntr8_el0:5f48 pmevcntr9_el0:5f49 pmevcntr10_el0:5f4a pmevcntr11_el0:5f4b ' +
  'pmevcntr12_el0:5f4c pmevcntr13_el0:5f4d pmevcntr14_el0:5f4e pmevcntr15_el0:5f4f pmevcntr16_el0:5f50 ' +
  'pmevcntr17_el0:5f51 pmevcntr18_el0:5f52 pmevcntr19_el0:5f53 pmevcntr20_el0:5f54 pmevcntr21_el0:5f55 ' +
  'pmevcntr22_el0:5f56 pmevcntr23_el0:5f57 pmevcntr24_el0:5f58 pmevcntr25_el0:5f59 pmevcntr26_el0:5f5a ' +
  'pmevcntr27_el0:5f5b pmevcntr28_el0:5f5c pmevcntr29_el0:5f5d pmevcntr30_el0:5f5e pmevtyper0_el0:5f60 ' +
  'pmevtyper1_el0:5f61 pmevtyper2_el0:5f62 pmevtyper3_el0:5f63 pmevtyper4_el0:5f64 pmevtyper5_el0:5f65 ' +
  'pmevtyper6_el0:5f66 pmevtyper7_el0:5f67 pmevtyper8_el0:5f68 pmevtyper9_el0:5f69 pmevtyper10_el0:5f6a ' +
  'pmevtyper11_el0:5f6b pmevtyper12_el0:5f6c pmevtyper13_el0:5f6d pmevtyper14_el0:5f6e ' +
  'pmevtyper15_el0:5f6f pmevtyper16_el0:5f70 pmevtyper17_el0:5f71 pmevtyper18_el0:5f72 ' +
  'pmevtyper19_el0:5f73 pmevtyper20_el0:5f74 pmevtyper21_el0:5f75 pmevtyper22_el0:5f76 ' +
  'pmevtyper23_el0:5f77 pmevtyper24_el0:5f78 pmevtyper25_el0:5f79 pmevtyper26_el0:5f7a ' +
  'pmevtyper27_el0:5f7b pmevtyper28_el0:5f7c pmevtyper29_el0:5f7d pmevtyper30_el0:5f7e ' +
  'pmccfiltr_el0:5f7f vpidr_el2:6000 mpuir_el2:6004 vmpidr_el2:6005 sctlr_el2:6080 actlr_el2:6081 ' +
  'hcr_el2:6088 mdcr_el2:6089 cptr_el2:608a hstr_el2:608b hfgrtr_el2:608c hfgwtr_el2:608d ' +
  'hfgitr_el2:608e hacr_el2:608f zcr_el2:6090 trfcr_el2:6091 hcrx_el2:6092 smprimap_el2:6095 ' +
  'smcr_el2:6096 sder32_el2:6099 ttbr0_el2:6100 ttbr1_el2:6101 tcr_el2:6102 vttbr_el2:6108 ' +
  'vtcr_el2:610a vncr_el2:6110 vsttbr_el2:6130 vstcr_el2:6132 dacr32_el2:6180 hdfgrtr_el2:618c ' +
  'hdfgwtr_el2:618d hafgrtr_el2:618e spsr_el2:6200 elr_el2:6201 sp_el1:6208 spsr_irq:6218 spsr_abt:6219 ' +
  'spsr_und:621a spsr_fiq:621b ifsr32_el2:6281 afsr0_el2:6288 afsr1_el2:6289 esr_el2:6290 ' +
  'vsesr_el2:6293 fpexc32_el2:6298 tfsr_el2:62b0 far_el2:6300 hpfar_el2:6304 prenr_el2:6309 ' +
  'prselr_el2:6311 prbar_el2:6340 prlar_el2:6341 prbar1_el2:6344 prlar1_el2:6345 prbar2_el2:6348 ' +
  'prlar2_el2:6349 prbar3_el2:634c prlar3_el2:634d prbar4_el2:6350 prlar4_el2:6351 prbar5_el2:6354 ' +
  'prlar5_el2:6355 prbar6_el2:6358 prlar6_el2:6359 prbar7_el2:635c prlar7_el2:635d prbar8_el2:6360 ' +
  'prlar8_el2:6361 prbar9_el2:6364 prlar9_el2:6365 prbar10_el2:6368 prlar10_el2:6369 prbar11_el2:636c ' +
  'prlar11_el2:636d prbar12_el2:6370 prlar12_el2:6371 prbar13_el2:6374 prlar13_el2:6375 ' +
  'prbar14_el2:6378 prlar14_el2:6379 prbar15_el2:637c prlar15_el2:637d pmscr_el2:64c8 mair_el2:6510 ' +
  'amair_el2:6518 mpamhcr_el2:6520 mpamvpmv_el2:6521 mpam2_el2:6528 mpamvpm0_el2:6530 mpamvpm1_el2:6531 ' +
  'mpamvpm2_el2:6532 mpamvpm3_el2:6533 mpamvpm4_el2:6534 mpamvpm5_el2:6535 mpamvpm6_el2:6536 ' +
  'mpamvpm7_el2:6537 vbar_el2:6600 rvbar_el2:6601 rmr_el2:6602 vdisr_el2:6609 ich_ap0r0_el2:6640 ' +
  'ich_ap0r1_el2:6641 ich_ap0r2_el2:6642 ich_ap0r3_el2:6643 ich_ap1r0_el2:6648 ich_ap1r1_el2:6649 ' +
  'ich_ap1r2_el2:664a ich_ap1r3_el2:664b icc_sre_el2:664d ich_hcr_el2:6658 ich_vtr_el2:6659 ' +
  'ich_misr_el2:665a ich_eisr_el2:665b ich_elrsr_el2:665d ich_vmcr_el2:665f ich_lr0_el2:6660 ' +
  'ich_lr1_el2:6661 ich_lr2_el2:6662 ich_lr3_el2:6663 ich_lr4_el2:6664 ich_lr5_el2:6665 ' +
  'ich_lr6_el2:6666 ich_lr7_el2:6667 ich_lr8_el2:6668 ich_lr9_el2:6669 ich_lr10_el2:666a ' +
  'ich_lr11_el2:666b ich_lr12_el2:666c ich_lr13_el2:666d ich_lr14_el2:666e ich_lr15_el2:666f ' +
  'contextidr_el2:6681 tpidr_el2:6682 scxtnum_el2:6687 amevcntvoff00_el2:66c0 amevcntvoff01_el2:66c1 ' +
  'amevcntvoff02_el2:66c2 amevcntvoff03_el2:66c3 amevcntvoff04_el2:66c4 amevcntvoff05_el2:66c5 ' +
  'amevcntvoff06_el2:66c6 amevcntvoff07_el2:66c7 amevcntvoff08_el2:66c8 amevcntvoff09_el2:66c9 ' +
  'amevcntvoff010_el2:66ca amevcntvoff011_el2:66cb amevcntvoff012_el2:66cc amevcntvoff013_el2:66cd ' +
  'amevcntvoff014_el2:66ce amevcntvoff015_el2:66cf amevcntvoff10_el2:66d0 amevcntvoff11_el2:66d1 ' +
  'amevcntvoff12_el2:66d2 amevcntvoff13_el2:66d3 amevcntvoff14_el2:66d4 amevcntvoff15_el2:66d5 ' +
  'amevcntvoff16_el2:66d6 amevcntvoff17_el2:66d7 amevcntvoff18_el2:66d8 amevcntvoff19_el2:66d9 ' +
  'amevcntvoff110_el2:66da amevcntvoff111_el2:66db amevcntvoff112_el2:66dc amevcntvoff113_el2:66dd ' +
  'amevcntvoff114_el2:66de amevcntvoff115_el2:66df cntvoff_el2:6703 cntpoff_el2:6706 cnthctl_el2:6708 ' +
  'cnthp_tval_el2:6710 cnthp_ctl_el2:6711 cnthp_cval_el2:6712 cnthv_tval_el2:6718 cnthv_ctl_el2:6719 ' +
  'cnthv_cval_el2:671a cnthvs_tval_el2:6720 cnthvs_ctl_el2:6721 cnthvs_cval_el2:6722 ' +
  'cnthps_tval_el2:6728 cnthps_ctl_el2:6729 cnthps_cval_el2:672a sctlr_el12:6880 cpacr_el12:6882 ' +
  'zcr_el12:6890 trfcr_el12:6891 smcr_el12:6896 ttbr0_el12:6900 ttbr1_el12:6901 tcr_el12:6902 ' +
  'spsr_el12:6a00 elr_el12:6a01 afsr0_el12:6a88 afsr1_el12:6a89 esr_el12:6a90 tfsr_el12:6ab0 ' +
  'far_el12:6b00 pmscr_el12:6cc8 mair_el12:6d10 amair_el12:6d18 mpam1_el12:6d28 vbar_el12:6e00 ' +
  'contextidr_el12:6e81 scxtnum_el12:6e87 cntkctl_el12:6f08 cntp_tval_el02:6f10 cntp_ctl_el02:6f11 ' +
  'cntp_cval_el02:6f12 cntv_tval_el02:6f18 cntv_ctl_el02:6f19 cntv_cval_el02:6f1a sctlr_el3:7080 ' +
  'actlr_el3:7081 scr_el3:7088 sder32_el3:7089 cptr_el3:708a zcr_el3:7090 smcr_el3:7096 mdcr_el3:7099 ' +
  'ttbr0_el3:7100 tcr_el3:7102 gptbr_el3:710c gpccr_el3:710e spsr_el3:7200 elr_el3:7201 sp_el2:7208 ' +
  'afsr0_el3:7288 afsr1_el3:7289 esr_el3:7290 tfsr_el3:72b0 far_el3:7300 mfar_el3:7305 mair_el3:7510 ' +
  'amair_el3:7518 mpam3_el3:7528 vbar_el3:7600 rvbar_el3:7601 rmr_el3:7602 icc_ctlr_el3:7664 ' +
  'icc_sre_el3:7665 icc_igrpen1_el3:7667 tpidr_el3:7682 scxtnum_el3:7687 cntps_tval_el1:7f10 ' +
  'cntps_ctl_el1:7f11 cntps_cval_el1:7f12 ';
const READ = new Map<number, string>();
const WRITE = new Map<number, string>();
for (const ent of DATA.trim().split(/\s+/)) {
  const [name, key, dir] = ent.split(':');
  const k = parseInt(key, 16);
  if (dir !== 'w') READ.set(k, name);
  if (dir !== 'r') WRITE.set(k, name);
}

/** The name objdump prints for a system register (`write` for MSR, else MRS). */
export function systemRegisterName(key: number, write: boolean): string {
  const name = (write ? WRITE : READ).get(key);
  if (name !== undefined) return name;
  const op0 = 2 + (key >> 14);
  const op1 = (key >> 11) & 7;
  const crn = (key >> 7) & 15;
  const crm = (key >> 3) & 15;
  const op2 = key & 7;
  return `s${op0}_${op1}_c${crn}_c${crm}_${op2}`;
}
