// The generated .d.ts files type-check real use under `tsc --strict`, and catch misuse.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers.mjs';

const crate = join(root, 'bluebutton-wasm');
// Installed by test.sh (`npm ci` in bluebutton-wasm, pinned in package-lock.json).
const tsc = join(crate, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs tsc on one file of tests/types; returns its exit status and output. */
function typeCheck(file) {
  const result = spawnSync(
    process.execPath,
    [tsc, '--noEmit', '--strict', '--target', 'es2020', '--lib', 'es2020,dom',
      '--module', 'nodenext', '--moduleResolution', 'nodenext', join(crate, 'tests', 'types', file)],
    { encoding: 'utf8' },
  );
  assert.equal(result.error, undefined, `could not run ${tsc}`);
  return { status: result.status, output: result.stdout + result.stderr };
}

test('tsc --strict accepts ordinary use of the node and web builds', () => {
  const { status, output } = typeCheck('usage.ts');
  assert.equal(status, 0, output);
});

test('tsc --strict rejects misuse: the declarations are precise, not any', () => {
  const { status, output } = typeCheck('misuse.ts');
  assert.notEqual(status, 0);
  const codes = [...output.matchAll(/misuse\.ts\((\d+),\d+\): error (TS\d+)/g)].map(
    ([, line, code]) => `${line}:${code}`,
  );
  assert.deepEqual(codes, ['4:TS2322', '5:TS2339', '6:TS2345', '7:TS2322'], output);
});
