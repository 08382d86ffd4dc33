/**
 * The two designs the model can run (reference section 7). `rfc-2024` is the product's
 * default: guest_memfd-backed protected memory with restricted host mmap, the kernel
 * NOT_MAPPABLE attribute, SHARE/UNSHARE exits to the VMM and MEM_RELINQUISH.
 * `upstream` is what later landed: anonymous pVM memory, SIGSEGV on host access,
 * forced reclaim with POISON and no userspace notification.
 */
export const PROFILES = ['rfc-2024', 'upstream'] as const;
export type Profile = (typeof PROFILES)[number];
export const DEFAULT_PROFILE: Profile = 'rfc-2024';

export function isProfile(v: unknown): v is Profile {
  return typeof v === 'string' && (PROFILES as ReadonlyArray<string>).includes(v);
}
