/**
 * Guest call-stack unwinding from PC, LR and the AAPCS64 frame-record chain
 * (x29 points at {previous x29, saved x30}). Without CFI this follows what gdb does
 * for frame-pointer code: a function that has not yet pushed its frame record (a leaf,
 * or a PC still in the prologue) returns through LR; the rest come from the chain.
 */
import type { ProgramInfo } from './programInfo';

export interface UnwindInput {
  pc: number;
  lr: bigint;
  fp: bigint;
  sp: bigint;
  /** Read a 64-bit word, or undefined if the address is not readable guest RAM. */
  read64(addr: bigint): bigint | undefined;
  /** The instruction word at an address, or undefined. */
  readInsn(addr: number): number | undefined;
  program?: ProgramInfo;
}

export interface GuestFrame {
  pc: number;
  /** Frame pointer value that identifies this frame (for step-out / step-over recursion checks). */
  fp: bigint;
  /** How the frame was found. */
  via: 'pc' | 'lr' | 'frame-record';
}

const MAX_FRAMES = 64;

/** `stp x29, x30, [sp, #-N]!` (pre-index, any offset), the usual prologue. */
function isFrameRecordPush(word: number): boolean {
  return (word & 0xffc07fff) >>> 0 === 0xa9807bfd;
}

/** Has the function containing `pc` already pushed its frame record and set x29? */
function frameEstablished(input: UnwindInput, pc: number): boolean {
  const s = input.program?.symbolAt(pc);
  if (!s) return true; // unknown code: trust the chain
  const start = s.symbol.address;
  const first = input.readInsn(start);
  if (first === undefined || !isFrameRecordPush(first)) return false; // leaf or no frame record: LR holds the return
  return pc > start + 4; // after `stp` and `mov x29, sp`
}

export function unwind(input: UnwindInput): GuestFrame[] {
  const frames: GuestFrame[] = [{ pc: input.pc, fp: input.fp, via: 'pc' }];
  let fp = input.fp;
  if (!frameEstablished(input, input.pc)) {
    const ret = Number(input.lr);
    if (input.lr === 0n || ret === input.pc || input.readInsn(ret - 4) === undefined) return frames;
    frames.push({ pc: ret, fp, via: 'lr' });
  }
  const seen = new Set<bigint>();
  while (frames.length < MAX_FRAMES) {
    if (fp === 0n || (fp & 0xfn) !== 0n || seen.has(fp) || fp < input.sp) break;
    seen.add(fp);
    const prevFp = input.read64(fp);
    const ret = input.read64(fp + 8n);
    if (prevFp === undefined || ret === undefined || ret === 0n) break;
    const retPc = Number(ret);
    // A return address must follow a call that we can read; otherwise the chain is garbage.
    if (input.readInsn(retPc - 4) === undefined) break;
    if (frames[frames.length - 1].pc === retPc && frames[frames.length - 1].via === 'lr') {
      fp = prevFp; // the LR frame and the first record describe the same caller
      continue;
    }
    frames.push({ pc: retPc, fp: prevFp, via: 'frame-record' });
    if (prevFp <= fp) break; // the stack grows down: callers' records are higher
    fp = prevFp;
  }
  return frames;
}
