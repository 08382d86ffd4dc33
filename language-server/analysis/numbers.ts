/** How values read in hovers: hex and decimal, and negative 64-bit patterns as signed. */

export function hex(v: bigint): string {
  return `0x${v.toString(16).toUpperCase()}`;
}

/** `0xC6000003 (3321888771)`; a value with bit 63 set also as signed (`= -3`). */
export function formatValue(v: bigint): string {
  const u = BigInt.asUintN(64, v);
  const s = BigInt.asIntN(64, v);
  const signed = s < 0n ? `, signed ${s}` : '';
  return `${hex(u)} (${u}${signed})`;
}
