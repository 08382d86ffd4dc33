/**
 * Linux error numbers (asm-generic values) used by every layer of the model. Kernel
 * functions return them negated (`-EPERM`); an ioctl reports -1 with errno = the
 * positive value, exactly as the real interfaces do.
 */
export const EPERM = 1;
export const ENOENT = 2;
export const EINTR = 4;
export const EIO = 5;
export const E2BIG = 7;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENODEV = 19;
export const EINVAL = 22;
export const ENOSYS = 38;
export const EOPNOTSUPP = 95;
export const EHWPOISON = 133;

const NAMES: Record<number, string> = {
  [EPERM]: 'EPERM',
  [ENOENT]: 'ENOENT',
  [EINTR]: 'EINTR',
  [EIO]: 'EIO',
  [E2BIG]: 'E2BIG',
  [EBADF]: 'EBADF',
  [EAGAIN]: 'EAGAIN',
  [ENOMEM]: 'ENOMEM',
  [EFAULT]: 'EFAULT',
  [EBUSY]: 'EBUSY',
  [EEXIST]: 'EEXIST',
  [ENODEV]: 'ENODEV',
  [EINVAL]: 'EINVAL',
  [ENOSYS]: 'ENOSYS',
  [EOPNOTSUPP]: 'EOPNOTSUPP',
  [EHWPOISON]: 'EHWPOISON',
};

/** "0", "-EPERM", "EPERM": a kernel return value or errno as people write it. */
export function errnoName(v: number): string {
  if (v === 0) return '0';
  const name = NAMES[Math.abs(v)] ?? `E${Math.abs(v)}`;
  return v < 0 ? `-${name}` : name;
}

/** Signals the host delivers to the VMM (arm64 Linux numbers). */
export const SIGBUS = 7;
export const SIGSEGV = 11;
export type HostSignal = typeof SIGBUS | typeof SIGSEGV;
export function signalName(s: HostSignal): 'SIGBUS' | 'SIGSEGV' {
  return s === SIGBUS ? 'SIGBUS' : 'SIGSEGV';
}
