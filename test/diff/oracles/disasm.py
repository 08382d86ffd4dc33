#!/usr/bin/python3
"""Disassembles instruction words with capstone, for readable failure reports.

Usage: disasm.py HEXWORD... -> one line per word on stdout.
"""
import sys

from capstone import Cs, CS_ARCH_ARM64, CS_MODE_ARM

md = Cs(CS_ARCH_ARM64, CS_MODE_ARM)
for w in sys.argv[1:]:
    word = int(w, 16)
    insns = list(md.disasm(word.to_bytes(4, "little"), 0))
    print(("%s %s" % (insns[0].mnemonic, insns[0].op_str)).strip() if insns else "(capstone: invalid)")
