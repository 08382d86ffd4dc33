/**
 * The examples as a set, as the extension's "Open Example" list and examples/README.md
 * present them: each story guest has a configuration of the same name that the debugger
 * would accept as a launch configuration, assembles without a diagnostic, carries the
 * header a user reads first, and has a row in the README with the command it names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assemble } from '../../engine/asm';
import { parseLaunchConfig } from '../../engine/config/launchConfig';
import { machineSettings, validateLaunchArguments } from '../../debug-adapter/launchArguments';
import { EXAMPLES } from './exampleRun';

const STORIES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.S') && f !== 'hello.S')
  .map((f) => f.slice(0, -2))
  .sort();
const README = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');

test('at least six story examples, share-unshare (the walkthrough\'s first) among them', () => {
  assert.ok(STORIES.length >= 6, STORIES.join(', '));
  assert.ok(STORIES.includes('share-unshare'));
});

for (const name of STORIES) {
  test(`${name}: configuration, assembly, header and README row`, () => {
    const configPath = join(EXAMPLES, `${name}.json`);
    assert.ok(existsSync(configPath), `${name}.S has no ${name}.json`);
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    assert.equal(config.program, `${name}.S`);
    assert.deepEqual([config.type, config.request], ['pkvm', 'launch']);
    assert.equal(typeof config.name, 'string');
    assert.deepEqual(validateLaunchArguments(config), [], 'the debugger accepts it as a launch configuration');
    const parsed = parseLaunchConfig(machineSettings(config));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('; '));

    const path = join(EXAMPLES, `${name}.S`);
    const source = readFileSync(path, 'utf8');
    const program = assemble(path, source, {
      base: parsed.config.memory[0].base,
      includeResolver: (p, from) => {
        const file = resolve(dirname(from), p);
        return existsSync(file) ? { file, text: readFileSync(file, 'utf8') } : undefined;
      },
    });
    assert.deepEqual(program.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`), []);

    assert.ok(source.startsWith(`// ${name}.S — `), 'the first line names the file and its story');
    for (const section of ['// The story', '// What each layer does', '// Watch it in the debugger', '// Run it', '// Console']) {
      assert.ok(source.includes(`\n${section}`), `header section "${section}"`);
    }
    const command = `npx pkvm-debug run examples/${name}.S --config examples/${name}.json`;
    assert.ok(source.includes(command), 'the header gives the command line');
    assert.ok(README.includes(`| [\`${name}.S\`](${name}.S) |`), 'a README table row');
    assert.ok(README.includes(command), 'the README gives the same command line');
  });
}
