/**
 * Property test: random sequences of guest hypercalls and accesses, VMM behaviours and
 * host actions on three pages, under both profiles. After every step the run must not
 * have broken the invariant, and the page states, the guest's registers and the result
 * of each host action must match what the independent oracle (helpers/pageOracle.ts)
 * predicts from the reference's rules alone.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import type { Profile } from '../../engine/config/profile';
import { checkSequence, PAGES, Step, VmmChoice } from './helpers/pageOracle';

const page = fc.integer({ min: 0, max: PAGES.length - 1 });
const guestOp: fc.Arbitrary<Step> =
  fc.record({
    kind: fc.constantFrom(...(['touch', 'read', 'share', 'unshare', 'relinquish'] as const)),
    page,
  }).map((op) => ({ who: 'guest' as const, op }));
const hostOp = (profile: Profile): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({
      kind: fc.constantFrom(...(profile === 'rfc-2024'
        ? (['read', 'write', 'madvise-dontneed', 'kernel-read', 'kernel-write'] as const)
        : (['read', 'write', 'kernel-read', 'kernel-write'] as const))),
      page,
    }),
    fc.record({ kind: fc.constant('set-attributes' as const), page, private: fc.boolean() }),
  ).map((op) => ({ who: 'host' as const, op }));
const vmmChoice: fc.Arbitrary<VmmChoice> = fc.record({
  onShare: fc.constantFrom('access' as const, 'ignore' as const),
  onUnshare: fc.constantFrom('cooperative' as const, 'keep-mapped' as const, 'skip-private' as const, 'return-error' as const),
  exits: fc.subarray(['MEM_SHARE', 'MEM_UNSHARE'] as ('MEM_SHARE' | 'MEM_UNSHARE')[]),
});

for (const profile of ['rfc-2024', 'upstream'] as const) {
  test(`property (${profile}): random guest/host interleavings keep the invariant and match the oracle`, () => {
    fc.assert(
      fc.property(vmmChoice, fc.array(fc.oneof({ weight: 3, arbitrary: guestOp }, { weight: 2, arbitrary: hostOp(profile) }), { minLength: 1, maxLength: 14 }), (vmm, steps) => {
        checkSequence(profile, vmm, steps);
      }),
      { numRuns: 150, seed: profile === 'rfc-2024' ? 2024 : 2026 },
    );
  });
}
