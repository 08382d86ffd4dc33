/**
 * examples/relinquish.S with its configuration: the guest fills a page and relinquishes
 * it; pKVM unmaps it, host KVM reclaims it, and the frame comes back to the host OWNED and
 * zeroed — no exit to the VMM. Under upstream the guest finds no MEM_RELINQUISH in the
 * FEATURES bitmap. The zeroing is checked through the engine API (the frame itself),
 * the rest through the CLI as a user runs it.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assemble } from '../../engine/asm';
import { parseLaunchConfig } from '../../engine/config/launchConfig';
import { imageFromAssembly } from '../../engine/loader';
import { PkvmMachine } from '../../engine/vmm/pkvmMachine';
import { machineSettings } from '../../debug-adapter/launchArguments';
import { ensureCliBundle } from '../helpers/cliBundle';
import { EXAMPLES, eventsOf, hypercallExits, hypercallResults, pageAt, runExample, transitionsOn, xreg } from './exampleRun';

const BALLOON = 0x8000_1000;

before(() => ensureCliBundle());

test('relinquish (rfc-2024): SUCCESS with no VMM exit; the page goes back to the host OWNED and untracked', () => {
  const { status, report } = runExample('relinquish');
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'system-off', report.stop.detail);
  assert.equal(report.console, 'MEM_RELINQUISH offered\nballoon filled\nballoon relinquished: the host owns the page again\n');
  assert.equal(xreg(report, 20), 0x21dn, 'FEATURES: bits 0, 2, 3, 4 and 9');
  assert.equal(xreg(report, 21), 0n, 'MEM_RELINQUISH returned SUCCESS');
  assert.deepEqual(hypercallResults(report, 'MEM_RELINQUISH'), [{ x0: '0x0', vcpu: 0 }]);
  assert.deepEqual(hypercallExits(report), [], 'the VMM is not told');

  const [relinquished] = eventsOf(report, 'transition').filter((e) => e.op === 'guest_relinquish_to_host');
  assert.deepEqual(transitionsOn(report, 'guest_relinquish_to_host', BALLOON), [{ result: '0', after: { host: 'NOPAGE', guest: 'NOPAGE' } }]);
  const pfn = relinquished.pages[0].pfn;
  const reclaim = eventsOf(report, 'transition').filter((e) => e.op === 'host_reclaim_page');
  assert.equal(reclaim.length, 1);
  assert.ok(reclaim[0].seq > relinquished.seq);
  assert.equal(reclaim[0].result, '0');
  assert.deepEqual([reclaim[0].pages[0].pfn, reclaim[0].pages[0].after.host], [pfn, 'OWNED']);

  const page = pageAt(report, BALLOON);
  assert.equal(page.pages, 1);
  assert.deepEqual(
    { guest: page.guest, host: page.host, tracked: page.tracked, pendingReclaim: page.pendingReclaim, notMappable: page.notMappable },
    { guest: 'NOPAGE', host: 'OWNED', tracked: false, pendingReclaim: false, notMappable: true },
  );
});

test('relinquish (rfc-2024, engine API): the frame held the pattern before the call and is zero after it', () => {
  const path = join(EXAMPLES, 'relinquish.S');
  const settings = machineSettings(JSON.parse(readFileSync(join(EXAMPLES, 'relinquish.json'), 'utf8')) as Record<string, unknown>);
  const parsed = parseLaunchConfig(settings);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('; '));
  const ram = { base: parsed.config.memory[0].base, size: parsed.config.memory[0].size };
  const program = assemble(path, readFileSync(path, 'utf8'), {
    base: ram.base,
    includeResolver: (p, from) => {
      const file = resolve(dirname(from), p);
      return { file, text: readFileSync(file, 'utf8') };
    },
  });
  assert.deepEqual(program.diagnostics, []);
  const image = imageFromAssembly(program, ram);
  const m = new PkvmMachine(parsed.config, image);
  const at = image.symbols.find((s) => s.name === 'relinquish_balloon')!.addr;
  m.vcpus[0].cpu.setBreakpoints([at]);
  assert.equal(m.run(100_000).reason, 'breakpoint');
  const before = m.pageRecord(BALLOON)!;
  assert.equal(before.guest.state, 'OWNED');
  const pfn = Number(before.guest.pa) / 4096;
  assert.ok(m.kvm.mem.page(pfn).u8.every((b) => b === 0xa5), 'the guest filled its page');

  m.vcpus[0].cpu.setBreakpoints([]);
  assert.equal(m.run(100_000).reason, 'system-off');
  const after = m.pageRecord(BALLOON)!;
  assert.deepEqual([after.guest.state, after.host, after.hostFrame], ['NOPAGE', 'OWNED', before.guest.pa]);
  assert.ok(m.kvm.mem.page(pfn).u8.every((b) => b === 0), 'pKVM wiped the frame before the host got it');
  assert.deepEqual(m.peekGuest(BALLOON, 16), new Array(16).fill(0), 'the debugger memory view shows the zeroed frame');
});

test('relinquish (upstream): FEATURES has no bit 9, so the guest does not call it', () => {
  const { status, report } = runExample('relinquish', ['--profile', 'upstream']);
  assert.equal(status, 0);
  assert.equal(report.console, 'MEM_RELINQUISH not offered (upstream pKVM has no relinquish)\n');
  assert.equal(xreg(report, 20), 0x1dn);
  assert.deepEqual(hypercallResults(report, 'MEM_RELINQUISH'), []);
});
