// The generated TypeScript declarations name every model type and type parse/detect.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pkgNode, pkgWeb, root } from './helpers.mjs';

/** Every type the model crate re-exports from its modules (`pub use x::{A, B};`). */
function modelTypeNames() {
  const src = join(root, 'bluebutton-model', 'src');
  const lib = readFileSync(join(src, 'lib.rs'), 'utf8');
  // Traits the model exports (`Prune`) are not types a binding declares.
  const traits = new Set();
  for (const file of readdirSync(src).filter((f) => f.endsWith('.rs'))) {
    for (const [, name] of readFileSync(join(src, file), 'utf8').matchAll(/^pub trait (\w+)/gm)) {
      traits.add(name);
    }
  }
  const names = [];
  for (const [, list] of lib.matchAll(/^pub use \w+::(\{[^}]*\}|\w+);/gm)) {
    names.push(...list.replace(/[{}]/g, '').split(',').map((s) => s.trim()).filter(Boolean));
  }
  return names.filter((n) => !traits.has(n));
}

for (const [flavour, dir] of [['node', pkgNode], ['web', pkgWeb]]) {
  const dts = readFileSync(join(dir, 'bluebutton_wasm.d.ts'), 'utf8');

  test(`${flavour} .d.ts: parse and detect are typed`, () => {
    assert.match(dts, /export function parse\(input: string \| Uint8Array\): HealthRecord;/);
    assert.match(dts, /export function detect\(input: string \| Uint8Array\): Detection;/);
    assert.match(dts, /export interface BlueButtonError extends Error \{/);
  });

  test(`${flavour} .d.ts: declares every model type`, () => {
    const names = modelTypeNames();
    assert.ok(names.includes('HealthRecord') && names.length > 40, `found ${names.length} names`);
    const missing = names.filter(
      (n) => !new RegExp(`export (interface ${n} \\{|type ${n} =)`).test(dts),
    );
    assert.deepEqual(missing, []);
  });

  test(`${flavour} .d.ts: omitted fields are optional, record keys are not`, () => {
    const body = (name) => {
      const m = dts.match(new RegExp(`export interface ${name} \\{([^}]*)\\}`));
      assert.ok(m, `interface ${name}`);
      return m[1];
    };
    assert.match(body('HealthRecord'), /\ballergies: Allergy\[\];/);
    assert.match(body('HealthRecord'), /\bpatient: Patient;/);
    assert.match(body('Detection'), /\bversion\?: string;/);
    // Enum fields are always written, but serde(default) lets tsify mark them optional too.
    assert.match(body('Detection'), /\bkind\??: InputKind;/);
    assert.doesNotMatch(dts, /\| undefined/);
  });
}
