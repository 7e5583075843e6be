// The --target web build, loaded in Node with initSync, parses exactly like the Node build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { goldenCases, pkgWeb } from './helpers.mjs';

const web = await import(pathToFileURL(join(pkgWeb, 'bluebutton_wasm.js')).href);
web.initSync({ module: readFileSync(join(pkgWeb, 'bluebutton_wasm_bg.wasm')) });

for (const { name, input, expected } of goldenCases()) {
  test(`web build, golden ${name}: parse(Uint8Array) equals the expected JSON`, () => {
    const record = web.parse(new Uint8Array(readFileSync(input)));
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.deepStrictEqual(record, expected);
  });
}

test('web build: errors are Error objects with kind', () => {
  assert.throws(() => web.parse(''), (e) => e instanceof Error && e.kind === 'empty');
});
