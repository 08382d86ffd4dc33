#!/usr/bin/python3
"""Runs a batch of differential cases in unicorn (AArch64, CPU model MAX, EL1).

Usage: unicorn_runner.py BATCH.json  -> JSON results on stdout, one per case.
Input:  {"slotsBase", "scratchBase", "slotSize", "scratchSize", "endOff",
         "cases": [{"at": int, "slot": hex, "scratch": hex, "x": [hex]*31, "sp": hex,
                    "nzcv": int, "fpcr": int, "fpsr": int, "v": hex(512 bytes)}]}
Output: [{"x": [hex]*31, "sp", "nzcv", "fpcr", "fpsr", "v", "scratch", "fault": null | {"pc", "what"}}]
All cases run in this one process so the suite pays the start-up cost once.
"""
import json
import sys

from unicorn import Uc, UcError, UC_ARCH_ARM64, UC_MODE_ARM
from unicorn import arm64_const as A

X_REGS = [getattr(A, "UC_ARM64_REG_X%d" % i) for i in range(29)] + [A.UC_ARM64_REG_X29, A.UC_ARM64_REG_X30]
Q_REGS = [getattr(A, "UC_ARM64_REG_Q%d" % i) for i in range(32)]
PAGE = 0x1000


def page_round(n):
    return (n + PAGE - 1) // PAGE * PAGE


def main():
    with open(sys.argv[1]) as f:
        batch = json.load(f)
    cases = batch["cases"]
    slots_base, scratch_base = batch["slotsBase"], batch["scratchBase"]
    slot_size, scratch_size, end_off = batch["slotSize"], batch["scratchSize"], batch["endOff"]

    uc = Uc(UC_ARCH_ARM64, UC_MODE_ARM)
    uc.ctl_set_cpu_model(A.UC_CPU_ARM64_MAX)
    span = max(c["at"] for c in cases) + 1
    uc.mem_map(slots_base, page_round(span * slot_size))
    uc.mem_map(scratch_base, page_round(span * scratch_size))
    for c in cases:
        uc.mem_write(slots_base + c["at"] * slot_size, bytes.fromhex(c["slot"]))
        uc.mem_write(scratch_base + c["at"] * scratch_size, bytes.fromhex(c["scratch"]))

    out = []
    for c in cases:
        start = slots_base + c["at"] * slot_size
        uc.reg_write(A.UC_ARM64_REG_CPACR_EL1, 3 << 20)
        for r, v in zip(X_REGS, c["x"]):
            uc.reg_write(r, int(v, 16))
        uc.reg_write(A.UC_ARM64_REG_SP, int(c["sp"], 16))
        uc.reg_write(A.UC_ARM64_REG_NZCV, c["nzcv"])
        uc.reg_write(A.UC_ARM64_REG_FPCR, c["fpcr"])
        uc.reg_write(A.UC_ARM64_REG_FPSR, c["fpsr"])
        v = bytes.fromhex(c["v"])
        for k, r in enumerate(Q_REGS):
            uc.reg_write(r, int.from_bytes(v[16 * k:16 * k + 16], "little"))
        fault = None
        try:
            uc.emu_start(start, start + end_off)
            pc = uc.reg_read(A.UC_ARM64_REG_PC)
            if pc != start + end_off:
                fault = {"pc": pc, "what": "stopped before the end of the sequence"}
        except UcError as e:
            fault = {"pc": uc.reg_read(A.UC_ARM64_REG_PC), "what": str(e)}
        vout = b"".join(uc.reg_read(r).to_bytes(16, "little") for r in Q_REGS)
        out.append({
            "x": ["%x" % uc.reg_read(r) for r in X_REGS],
            "sp": "%x" % uc.reg_read(A.UC_ARM64_REG_SP),
            "nzcv": uc.reg_read(A.UC_ARM64_REG_NZCV) & 0xF0000000,
            "fpcr": uc.reg_read(A.UC_ARM64_REG_FPCR),
            "fpsr": uc.reg_read(A.UC_ARM64_REG_FPSR),
            "v": vout.hex(),
            "scratch": bytes(uc.mem_read(scratch_base + c["at"] * scratch_size, scratch_size)).hex(),
            "fault": fault,
        })
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main()
