/**
 * System register names accepted by MRS/MSR, as GNU as 2.40 (aarch64-linux-gnu-as, default
 * architecture) accepts them, with their encodings. Generated once by disassembling every
 * MRS/MSR encoding with aarch64-linux-gnu-objdump and keeping the names the assembler takes;
 * test/diff/asmSysregs.test.ts re-checks every entry against the assembler.
 *
 * Each entry is `name:key[:access]`: key is the 15-bit value o0:op1:CRn:CRm:op2 in hex
 * (instruction bits 19:5; op0 = 2 + o0); access 'r' means read-only (MSR warns), 'w'
 * write-only (MRS warns); no suffix means read/write.
 */
const DATA =
  'accdata_el1:4685 actlr_el1:4081 actlr_el2:6081 actlr_el3:7081 afsr0_el1:4288 afsr0_el2:6288 ' +
  'afsr0_el3:7288 afsr1_el1:4289 afsr1_el2:6289 afsr1_el3:7289 aidr_el1:4807:r amair_el1:4518 ' +
  'amair_el2:6518 amair_el3:7518 brbcr_el1:c80 brbcr_el12:2c80 brbcr_el2:2480 brbfcr_el1:c81 ' +
  'brbidr0_el1:c90:r brbinf0_el1:c00:r brbinf10_el1:c50:r brbinf11_el1:c58:r brbinf12_el1:c60:r ' +
  'brbinf13_el1:c68:r brbinf14_el1:c70:r brbinf15_el1:c78:r brbinf16_el1:c04:r brbinf17_el1:c0c:r ' +
  'brbinf18_el1:c14:r brbinf19_el1:c1c:r brbinf1_el1:c08:r brbinf20_el1:c24:r brbinf21_el1:c2c:r ' +
  'brbinf22_el1:c34:r brbinf23_el1:c3c:r brbinf24_el1:c44:r brbinf25_el1:c4c:r brbinf26_el1:c54:r ' +
  'brbinf27_el1:c5c:r brbinf28_el1:c64:r brbinf29_el1:c6c:r brbinf2_el1:c10:r brbinf30_el1:c74:r ' +
  'brbinf31_el1:c7c:r brbinf3_el1:c18:r brbinf4_el1:c20:r brbinf5_el1:c28:r brbinf6_el1:c30:r ' +
  'brbinf7_el1:c38:r brbinf8_el1:c40:r brbinf9_el1:c48:r brbinfinj_el1:c88 brbsrc0_el1:c01:r ' +
  'brbsrc10_el1:c51:r brbsrc11_el1:c59:r brbsrc12_el1:c61:r brbsrc13_el1:c69:r brbsrc14_el1:c71:r ' +
  'brbsrc15_el1:c79:r brbsrc16_el1:c05:r brbsrc17_el1:c0d:r brbsrc18_el1:c15:r brbsrc19_el1:c1d:r ' +
  'brbsrc1_el1:c09:r brbsrc20_el1:c25:r brbsrc21_el1:c2d:r brbsrc22_el1:c35:r brbsrc23_el1:c3d:r ' +
  'brbsrc24_el1:c45:r brbsrc25_el1:c4d:r brbsrc26_el1:c55:r brbsrc27_el1:c5d:r brbsrc28_el1:c65:r ' +
  'brbsrc29_el1:c6d:r brbsrc2_el1:c11:r brbsrc30_el1:c75:r brbsrc31_el1:c7d:r brbsrc3_el1:c19:r ' +
  'brbsrc4_el1:c21:r brbsrc5_el1:c29:r brbsrc6_el1:c31:r brbsrc7_el1:c39:r brbsrc8_el1:c41:r ' +
  'brbsrc9_el1:c49:r brbsrcinj_el1:c89 brbtgt0_el1:c02:r brbtgt10_el1:c52:r brbtgt11_el1:c5a:r ' +
  'brbtgt12_el1:c62:r brbtgt13_el1:c6a:r brbtgt14_el1:c72:r brbtgt15_el1:c7a:r brbtgt16_el1:c06:r ' +
  'brbtgt17_el1:c0e:r brbtgt18_el1:c16:r brbtgt19_el1:c1e:r brbtgt1_el1:c0a:r brbtgt20_el1:c26:r ' +
  'brbtgt21_el1:c2e:r brbtgt22_el1:c36:r brbtgt23_el1:c3e:r brbtgt24_el1:c46:r brbtgt25_el1:c4e:r ' +
  'brbtgt26_el1:c56:r brbtgt27_el1:c5e:r brbtgt28_el1:c66:r brbtgt29_el1:c6e:r brbtgt2_el1:c12:r ' +
  'brbtgt30_el1:c76:r brbtgt31_el1:c7e:r brbtgt3_el1:c1a:r brbtgt4_el1:c22:r brbtgt5_el1:c2a:r ' +
  'brbtgt6_el1:c32:r brbtgt7_el1:c3a:r brbtgt8_el1:c42:r brbtgt9_el1:c4a:r brbtgtinj_el1:c8a ' +
  'brbts_el1:c82 ccsidr_el1:4800:r clidr_el1:4801:r cntfrq_el0:5f00 cnthctl_el2:6708 cnthp_ctl_el2:6711 ' +
  'cnthp_cval_el2:6712 cnthp_tval_el2:6710 cntkctl_el1:4708 cntp_ctl_el0:5f11 cntp_cval_el0:5f12 ' +
  'cntp_tval_el0:5f10 cntpct_el0:5f01:r cntps_ctl_el1:7f11 cntps_cval_el1:7f12 cntps_tval_el1:7f10 ' +
  'cntv_ctl_el0:5f19 cntv_cval_el0:5f1a cntv_tval_el0:5f18 cntvct_el0:5f02:r cntvoff_el2:6703 ' +
  'contextidr_el1:4681 cpacr_el1:4082 cptr_el2:608a cptr_el3:708a csrcr_el0:1c00 csrcr_el1:400 ' +
  'csrcr_el12:2c00 csrcr_el2:2400 csridr_el0:1c02:r csrptr_el0:1c01 csrptr_el1:401 csrptr_el12:2c01 ' +
  'csrptr_el2:2401 csrptridx_el0:1c03:r csrptridx_el1:403:r csrptridx_el2:2403:r csselr_el1:5000 ' +
  'ctr_el0:5801:r currentel:4212:r dacr32_el2:6180 daif:5a11 dbgauthstatus_el1:3f6:r dbgbcr0_el1:5 ' +
  'dbgbcr10_el1:55 dbgbcr11_el1:5d dbgbcr12_el1:65 dbgbcr13_el1:6d dbgbcr14_el1:75 dbgbcr15_el1:7d ' +
  'dbgbcr1_el1:d dbgbcr2_el1:15 dbgbcr3_el1:1d dbgbcr4_el1:25 dbgbcr5_el1:2d dbgbcr6_el1:35 ' +
  'dbgbcr7_el1:3d dbgbcr8_el1:45 dbgbcr9_el1:4d dbgbvr0_el1:4 dbgbvr10_el1:54 dbgbvr11_el1:5c ' +
  'dbgbvr12_el1:64 dbgbvr13_el1:6c dbgbvr14_el1:74 dbgbvr15_el1:7c dbgbvr1_el1:c dbgbvr2_el1:14 ' +
  'dbgbvr3_el1:1c dbgbvr4_el1:24 dbgbvr5_el1:2c dbgbvr6_el1:34 dbgbvr7_el1:3c dbgbvr8_el1:44 ' +
  'dbgbvr9_el1:4c dbgclaimclr_el1:3ce dbgclaimset_el1:3c6 dbgdtr_el0:1820 dbgdtrrx_el0:1828:r ' +
  'dbgdtrtx_el0:1828:w dbgprcr_el1:a4 dbgvcr32_el2:2038 dbgwcr0_el1:7 dbgwcr10_el1:57 dbgwcr11_el1:5f ' +
  'dbgwcr12_el1:67 dbgwcr13_el1:6f dbgwcr14_el1:77 dbgwcr15_el1:7f dbgwcr1_el1:f dbgwcr2_el1:17 ' +
  'dbgwcr3_el1:1f dbgwcr4_el1:27 dbgwcr5_el1:2f dbgwcr6_el1:37 dbgwcr7_el1:3f dbgwcr8_el1:47 ' +
  'dbgwcr9_el1:4f dbgwvr0_el1:6 dbgwvr10_el1:56 dbgwvr11_el1:5e dbgwvr12_el1:66 dbgwvr13_el1:6e ' +
  'dbgwvr14_el1:76 dbgwvr15_el1:7e dbgwvr1_el1:e dbgwvr2_el1:16 dbgwvr3_el1:1e dbgwvr4_el1:26 ' +
  'dbgwvr5_el1:2e dbgwvr6_el1:36 dbgwvr7_el1:3e dbgwvr8_el1:46 dbgwvr9_el1:4e dczid_el0:5807:r ' +
  'disr_el1:4609 dlr_el0:5a29 dspsr_el0:5a28 elr_el1:4201 elr_el2:6201 elr_el3:7201 erridr_el1:4298:r ' +
  'errselr_el1:4299 erxaddr_el1:42a3 erxctlr_el1:42a1 erxfr_el1:42a0:r erxmisc0_el1:42a8 ' +
  'erxmisc1_el1:42a9 erxmisc2_el1:42aa erxmisc3_el1:42ab erxpfgcdn_el1:42a6 erxpfgctl_el1:42a5 ' +
  'erxpfgf_el1:42a4:r erxstatus_el1:42a2 esr_el1:4290 esr_el2:6290 esr_el3:7290 far_el1:4300 ' +
  'far_el2:6300 far_el3:7300 fpcr:5a20 fpexc32_el2:6298 fpsr:5a21 gpccr_el3:710e gptbr_el3:710c ' +
  'hacr_el2:608f hcr_el2:6088 hpfar_el2:6304 hstr_el2:608b icc_ap0r0_el1:4644 icc_ap0r1_el1:4645 ' +
  'icc_ap0r2_el1:4646 icc_ap0r3_el1:4647 icc_ap1r0_el1:4648 icc_ap1r1_el1:4649 icc_ap1r2_el1:464a ' +
  'icc_ap1r3_el1:464b icc_asgi1r_el1:465e:w icc_bpr0_el1:4643 icc_bpr1_el1:4663 icc_ctlr_el1:4664 ' +
  'icc_ctlr_el3:7664 icc_dir_el1:4659:w icc_eoir0_el1:4641:w icc_eoir1_el1:4661:w icc_hppir0_el1:4642:r ' +
  'icc_hppir1_el1:4662:r icc_iar0_el1:4640:r icc_iar1_el1:4660:r icc_igrpen0_el1:4666 ' +
  'icc_igrpen1_el1:4667 icc_igrpen1_el3:7667 icc_pmr_el1:4230 icc_rpr_el1:465b:r icc_sgi0r_el1:465f:w ' +
  'icc_sgi1r_el1:465d:w icc_sre_el1:4665 icc_sre_el2:664d icc_sre_el3:7665 ich_ap0r0_el2:6640 ' +
  'ich_ap0r1_el2:6641 ich_ap0r2_el2:6642 ich_ap0r3_el2:6643 ich_ap1r0_el2:6648 ich_ap1r1_el2:6649 ' +
  'ich_ap1r2_el2:664a ich_ap1r3_el2:664b ich_eisr_el2:665b:r ich_elrsr_el2:665d:r ich_hcr_el2:6658 ' +
  'ich_lr0_el2:6660 ich_lr10_el2:666a ich_lr11_el2:666b ich_lr12_el2:666c ich_lr13_el2:666d ' +
  'ich_lr14_el2:666e ich_lr15_el2:666f ich_lr1_el2:6661 ich_lr2_el2:6662 ich_lr3_el2:6663 ' +
  'ich_lr4_el2:6664 ich_lr5_el2:6665 ich_lr6_el2:6666 ich_lr7_el2:6667 ich_lr8_el2:6668 ' +
  'ich_lr9_el2:6669 ich_misr_el2:665a:r ich_vmcr_el2:665f ich_vtr_el2:6659:r id_aa64afr0_el1:402c:r ' +
  'id_aa64afr1_el1:402d:r id_aa64dfr0_el1:4028:r id_aa64dfr1_el1:4029:r id_aa64isar0_el1:4030:r ' +
  'id_aa64isar1_el1:4031:r id_aa64isar2_el1:4032:r id_aa64mmfr0_el1:4038:r id_aa64mmfr1_el1:4039:r ' +
  'id_aa64mmfr2_el1:403a:r id_aa64pfr0_el1:4020:r id_aa64pfr1_el1:4021:r id_afr0_el1:400b:r ' +
  'id_dfr0_el1:400a:r id_dfr1_el1:401d:r id_isar0_el1:4010:r id_isar1_el1:4011:r id_isar2_el1:4012:r ' +
  'id_isar3_el1:4013:r id_isar4_el1:4014:r id_isar5_el1:4015:r id_isar6_el1:4017:r id_mmfr0_el1:400c:r ' +
  'id_mmfr1_el1:400d:r id_mmfr2_el1:400e:r id_mmfr3_el1:400f:r id_mmfr4_el1:4016:r id_mmfr5_el1:401e:r ' +
  'id_pfr0_el1:4008:r id_pfr1_el1:4009:r ifsr32_el2:6281 isr_el1:4608:r mair_el1:4510 mair_el2:6510 ' +
  'mair_el3:7510 mdccint_el1:10 mdccsr_el0:1808:r mdcr_el2:6089 mdcr_el3:7099 mdrar_el1:80:r ' +
  'mdscr_el1:12 mfar_el3:7305 midr_el1:4000:r mpam0_el1:4529 mpam1_el1:4528 mpam1_el12:6d28 ' +
  'mpam2_el2:6528 mpam3_el3:7528 mpamhcr_el2:6520 mpamidr_el1:4524:r mpamvpm0_el2:6530 ' +
  'mpamvpm1_el2:6531 mpamvpm2_el2:6532 mpamvpm3_el2:6533 mpamvpm4_el2:6534 mpamvpm5_el2:6535 ' +
  'mpamvpm6_el2:6536 mpamvpm7_el2:6537 mpamvpmv_el2:6521 mpidr_el1:4005:r mvfr0_el1:4018:r ' +
  'mvfr1_el1:4019:r mvfr2_el1:401a:r nzcv:5a10 osdlr_el1:9c osdtrrx_el1:2 osdtrtx_el1:1a oseccr_el1:32 ' +
  'oslar_el1:84:w oslsr_el1:8c:r par_el1:43a0 pmccfiltr_el0:5f7f pmccntr_el0:5ce8 pmceid0_el0:5ce6:r ' +
  'pmceid1_el0:5ce7:r pmcntenclr_el0:5ce2 pmcntenset_el0:5ce1 pmcr_el0:5ce0 pmevcntr0_el0:5f40 ' +
  'pmevcntr10_el0:5f4a pmevcntr11_el0:5f4b pmevcntr12_el0:5f4c pmevcntr13_el0:5f4d pmevcntr14_el0:5f4e ' +
  'pmevcntr15_el0:5f4f pmevcntr16_el0:5f50 pmevcntr17_el0:5f51 pmevcntr18_el0:5f52 pmevcntr19_el0:5f53 ' +
  'pmevcntr1_el0:5f41 pmevcntr20_el0:5f54 pmevcntr21_el0:5f55 pmevcntr22_el0:5f56 pmevcntr23_el0:5f57 ' +
  'pmevcntr24_el0:5f58 pmevcntr25_el0:5f59 pmevcntr26_el0:5f5a pmevcntr27_el0:5f5b pmevcntr28_el0:5f5c ' +
  'pmevcntr29_el0:5f5d pmevcntr2_el0:5f42 pmevcntr30_el0:5f5e pmevcntr3_el0:5f43 pmevcntr4_el0:5f44 ' +
  'pmevcntr5_el0:5f45 pmevcntr6_el0:5f46 pmevcntr7_el0:5f47 pmevcntr8_el0:5f48 pmevcntr9_el0:5f49 ' +
  'pmevtyper0_el0:5f60 pmevtyper10_el0:5f6a pmevtyper11_el0:5f6b pmevtyper12_el0:5f6c ' +
  'pmevtyper13_el0:5f6d pmevtyper14_el0:5f6e pmevtyper15_el0:5f6f pmevtyper16_el0:5f70 ' +
  'pmevtyper17_el0:5f71 pmevtyper18_el0:5f72 pmevtyper19_el0:5f73 pmevtyper1_el0:5f61 ' +
  'pmevtyper20_el0:5f74 pmevtyper21_el0:5f75 pmevtyper22_el0:5f76 pmevtyper23_el0:5f77 ' +
  'pmevtyper24_el0:5f78 pmevtyper25_el0:5f79 pmevtyper26_el0:5f7a pmevtyper27_el0:5f7b ' +
  'pmevtyper28_el0:5f7c pmevtyper29_el0:5f7d pmevtyper2_el0:5f62 pmevtyper30_el0:5f7e ' +
  'pmevtyper3_el0:5f63 pmevtyper4_el0:5f64 pmevtyper5_el0:5f65 pmevtyper6_el0:5f66 pmevtyper7_el0:5f67 ' +
  'pmevtyper8_el0:5f68 pmevtyper9_el0:5f69 pmintenclr_el1:44f2 pmintenset_el1:44f1 pmovsclr_el0:5ce3 ' +
  'pmovsset_el0:5cf3 pmselr_el0:5ce5 pmswinc_el0:5ce4:w pmuserenr_el0:5cf0 pmxevcntr_el0:5cea ' +
  'pmxevtyper_el0:5ce9 revidr_el1:4006:r rmr_el1:4602 rmr_el2:6602 rmr_el3:7602 rvbar_el1:4601:r ' +
  'rvbar_el2:6601:r rvbar_el3:7601:r scr_el3:7088 sctlr_el1:4080 sctlr_el2:6080 sctlr_el3:7080 ' +
  'sder32_el3:7089 sp_el0:4208 sp_el1:6208 sp_el2:7208 spsel:4210 spsr_abt:6219 spsr_el1:4200 ' +
  'spsr_el2:6200 spsr_el3:7200 spsr_fiq:621b spsr_irq:6218 spsr_und:621a tcr_el1:4102 tcr_el2:6102 ' +
  'tcr_el3:7102 teecr32_el1:1000 teehbr32_el1:1080 tpidr_el0:5e82 tpidr_el1:4684 tpidr_el2:6682 ' +
  'tpidr_el3:7682 tpidrro_el0:5e83 trbbaser_el1:44da trbidr_el1:44df:r trblimitr_el1:44d8 ' +
  'trbmar_el1:44dc trbptr_el1:44d9 trbsr_el1:44db trbtrg_el1:44de trcacatr0:902 trcacatr1:912 ' +
  'trcacatr10:923 trcacatr11:933 trcacatr12:943 trcacatr13:953 trcacatr14:963 trcacatr15:973 ' +
  'trcacatr2:922 trcacatr3:932 trcacatr4:942 trcacatr5:952 trcacatr6:962 trcacatr7:972 trcacatr8:903 ' +
  'trcacatr9:913 trcacvr0:900 trcacvr1:910 trcacvr10:921 trcacvr11:931 trcacvr12:941 trcacvr13:951 ' +
  'trcacvr14:961 trcacvr15:971 trcacvr2:920 trcacvr3:930 trcacvr4:940 trcacvr5:950 trcacvr6:960 ' +
  'trcacvr7:970 trcacvr8:901 trcacvr9:911 trcauthstatus:bf6:r trcauxctlr:830 trcbbctlr:878 ' +
  'trcccctlr:870 trccidcctlr0:982 trccidcctlr1:98a trccidcvr0:980 trccidcvr1:990 trccidcvr2:9a0 ' +
  'trccidcvr3:9b0 trccidcvr4:9c0 trccidcvr5:9d0 trccidcvr6:9e0 trccidcvr7:9f0 trccidr0:be7:r ' +
  'trccidr1:bef:r trccidr2:bf7:r trccidr3:bff:r trcclaimclr:bce trcclaimset:bc6 trccntctlr0:825 ' +
  'trccntctlr1:82d trccntctlr2:835 trccntctlr3:83d trccntrldvr0:805 trccntrldvr1:80d trccntrldvr2:815 ' +
  'trccntrldvr3:81d trccntvr0:845 trccntvr1:84d trccntvr2:855 trccntvr3:85d trcconfigr:820 ' +
  'trcdevaff0:bd6:r trcdevaff1:bde:r trcdevarch:bfe:r trcdevid:b97:r trcdevtype:b9f:r trcdvcmr0:906 ' +
  'trcdvcmr1:926 trcdvcmr2:946 trcdvcmr3:966 trcdvcmr4:907 trcdvcmr5:927 trcdvcmr6:947 trcdvcmr7:967 ' +
  'trcdvcvr0:904 trcdvcvr1:924 trcdvcvr2:944 trcdvcvr3:964 trcdvcvr4:905 trcdvcvr5:925 trcdvcvr6:945 ' +
  'trcdvcvr7:965 trceventctl0r:840 trceventctl1r:848 trcextinselr0:844 trcextinselr1:84c ' +
  'trcextinselr2:854 trcextinselr3:85c trcidr0:847:r trcidr1:84f:r trcidr10:816:r trcidr11:81e:r ' +
  'trcidr12:826:r trcidr13:82e:r trcidr2:857:r trcidr3:85f:r trcidr4:867:r trcidr5:86f:r trcidr6:877:r ' +
  'trcidr7:87f:r trcidr8:806:r trcidr9:80e:r trcimspec0:807 trcimspec1:80f trcimspec2:817 ' +
  'trcimspec3:81f trcimspec4:827 trcimspec5:82f trcimspec6:837 trcimspec7:83f trcitctrl:b84 ' +
  'trclar:be6:w trclsr:bee:r trcoslar:884:w trcoslsr:88c:r trcpdcr:8a4 trcpdsr:8ac:r trcpidr0:bc7:r ' +
  'trcpidr1:bcf:r trcpidr2:bd7:r trcpidr3:bdf:r trcpidr4:ba7:r trcpidr5:baf:r trcpidr6:bb7:r ' +
  'trcpidr7:bbf:r trcprgctlr:808 trcprocselr:810 trcqctlr:809 trcrsctlr10:8d0 trcrsctlr11:8d8 ' +
  'trcrsctlr12:8e0 trcrsctlr13:8e8 trcrsctlr14:8f0 trcrsctlr15:8f8 trcrsctlr16:881 trcrsctlr17:889 ' +
  'trcrsctlr18:891 trcrsctlr19:899 trcrsctlr2:890 trcrsctlr20:8a1 trcrsctlr21:8a9 trcrsctlr22:8b1 ' +
  'trcrsctlr23:8b9 trcrsctlr24:8c1 trcrsctlr25:8c9 trcrsctlr26:8d1 trcrsctlr27:8d9 trcrsctlr28:8e1 ' +
  'trcrsctlr29:8e9 trcrsctlr3:898 trcrsctlr30:8f1 trcrsctlr31:8f9 trcrsctlr4:8a0 trcrsctlr5:8a8 ' +
  'trcrsctlr6:8b0 trcrsctlr7:8b8 trcrsctlr8:8c0 trcrsctlr9:8c8 trcrsr:850 trcseqevr0:804 trcseqevr1:80c ' +
  'trcseqevr2:814 trcseqrstevr:834 trcseqstr:83c trcssccr0:882 trcssccr1:88a trcssccr2:892 ' +
  'trcssccr3:89a trcssccr4:8a2 trcssccr5:8aa trcssccr6:8b2 trcssccr7:8ba trcsscsr0:8c2 trcsscsr1:8ca ' +
  'trcsscsr2:8d2 trcsscsr3:8da trcsscsr4:8e2 trcsscsr5:8ea trcsscsr6:8f2 trcsscsr7:8fa trcsspcicr0:883 ' +
  'trcsspcicr1:88b trcsspcicr2:893 trcsspcicr3:89b trcsspcicr4:8a3 trcsspcicr5:8ab trcsspcicr6:8b3 ' +
  'trcsspcicr7:8bb trcstallctlr:858 trcstatr:818:r trcsyncpr:868 trctraceidr:801 trctsctlr:860 ' +
  'trcvdarcctlr:852 trcvdctlr:842 trcvdsacctlr:84a trcvictlr:802 trcviiectlr:80a trcvipcssctlr:81a ' +
  'trcvissctlr:812 trcvmidcctlr0:992 trcvmidcctlr1:99a trcvmidcvr0:981 trcvmidcvr1:991 trcvmidcvr2:9a1 ' +
  'trcvmidcvr3:9b1 trcvmidcvr4:9c1 trcvmidcvr5:9d1 trcvmidcvr6:9e1 trcvmidcvr7:9f1 ttbr0_el1:4100 ' +
  'ttbr0_el2:6100 ttbr0_el3:7100 ttbr1_el1:4101 vbar_el1:4600 vbar_el2:6600 vbar_el3:7600 ' +
  'vdisr_el2:6609 vmpidr_el2:6005 vpidr_el2:6000 vsesr_el2:6293 vtcr_el2:610a vttbr_el2:6108 ';

export interface SysRegName {
  /** o0:op1:CRn:CRm:op2, the MRS/MSR bits 19:5. */
  readonly key: number;
  readonly read: boolean;
  readonly write: boolean;
}

export const SYSREG_NAMES: ReadonlyMap<string, SysRegName> = new Map(
  DATA.trim()
    .split(/\s+/)
    .map((ent): [string, SysRegName] => {
      const [name, key, access] = ent.split(':');
      return [name, { key: parseInt(key, 16), read: access !== 'w', write: access !== 'r' }];
    }),
);
