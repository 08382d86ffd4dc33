/**
 * Hypercalls as breakpoints: a function breakpoint named `MEM_UNSHARE`, `PSCI_CPU_ON`,
 * `SYSTEM_OFF` or `hvc:0xC6000004` stops a vCPU on an `HVC`/`SMC` whose x0 is that
 * function ID, before the hypervisor sees the call, so the user can inspect the
 * arguments and then step into the layers that handle it.
 *
 * The breakpoints are placed on every HVC/SMC instruction in the program's executable
 * segments (found once at load); the function ID is checked when one is reached.
 */
import type { LoadedImage } from '../loader';
import { functionIdByName, KNOWN_FUNCTION_NAMES, PSCI } from '../hyp/smccc';

/** HVC #imm / SMC #imm encodings: 11010100 000 imm16 000 1x (LL = 10 HVC, 11 SMC). */
export function isHypercallInstruction(word: number): boolean {
  const masked = (word & 0xffe0001f) >>> 0;
  return masked === 0xd4000002 || masked === 0xd4000003;
}

/**
 * The function IDs a breakpoint name stands for, or undefined if it is not a hypercall
 * name. `PSCI_CPU_ON` covers the SMC32 and SMC64 IDs; `SYSTEM_OFF` may omit `PSCI_`.
 */
export function hypercallIds(name: string): number[] | undefined {
  const n = name.trim();
  const m = /^(?:hvc|smc|fn)\s*:\s*(0x[0-9a-f]+|\d+)$/i.exec(n);
  if (m) {
    const id = Number(m[1]);
    return Number.isInteger(id) && id >= 0 && id <= 0xffffffff ? [id >>> 0] : undefined;
  }
  const upper = n.toUpperCase();
  const ids = new Set<number>();
  for (const candidate of [upper, `PSCI_${upper}`]) {
    for (const variant of [candidate, `${candidate}64`]) {
      const id = functionIdByName(variant);
      if (id !== undefined) ids.add(id >>> 0);
    }
  }
  return ids.size > 0 ? [...ids] : undefined;
}

/** Names the console and the Breakpoints view can offer. */
export function hypercallNames(): string[] {
  return [...KNOWN_FUNCTION_NAMES.map((n) => n.replace(/^PSCI_/, 'PSCI_')), 'SYSTEM_OFF', 'hvc:0x…'];
}

/** Addresses of HVC/SMC instructions in the image's executable segments. */
export function findHypercallSites(image: LoadedImage): number[] {
  const sites: number[] = [];
  const dataRanges = image.mappingSymbols;
  for (const seg of image.segments) {
    if (!seg.executable) continue;
    const view = new DataView(seg.data.buffer, seg.data.byteOffset, seg.data.byteLength);
    for (let off = 0; off + 4 <= seg.data.length; off += 4) {
      const addr = seg.addr + off;
      if (!isHypercallInstruction(view.getUint32(off, true))) continue;
      // Skip literal data the ELF marks with $d mapping symbols.
      const mapping = dataRanges.filter((m) => m.addr <= addr).pop();
      if (mapping && mapping.kind === 'data') continue;
      sites.push(addr);
    }
  }
  return sites;
}

export const PSCI_SYSTEM_OFF_ID = PSCI.SYSTEM_OFF;
