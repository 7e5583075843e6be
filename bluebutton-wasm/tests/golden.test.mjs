// Every golden case: parse() in JS equals JSON.parse of the expected (CLI) JSON exactly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { goldenCases, node } from './helpers.mjs';

const isUtf8 = (bytes) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const cases = goldenCases();

for (const { name, input, expected, expectedFhir } of cases) {
  test(`golden ${name}: toFhir(parse(...)) equals the expected FHIR Bundle`, () => {
    const bundle = JSON.parse(node.toFhir(node.parse(readFileSync(input))));
    assert.deepStrictEqual(bundle, expectedFhir);
  });

  test(`golden ${name}: parse(Uint8Array) equals the expected JSON`, () => {
    const record = node.parse(new Uint8Array(readFileSync(input)));
    assert.deepStrictEqual(record, expected);
  });

  test(`golden ${name}: parse(Buffer) equals the expected JSON`, () => {
    assert.deepStrictEqual(node.parse(readFileSync(input)), expected);
  });

  // A string is only a faithful copy of the input when the file is UTF-8.
  if (isUtf8(readFileSync(input))) {
    test(`golden ${name}: parse(string) equals the expected JSON`, () => {
      assert.deepStrictEqual(node.parse(readFileSync(input, 'utf8')), expected);
    });
  }

  test(`golden ${name}: the record and its parts are plain objects`, () => {
    const record = node.parse(readFileSync(input));
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.equal(Object.getPrototypeOf(record.patient), Object.prototype);
    assert.ok(Array.isArray(record.allergies));
  });
}

test('detect() on a golden input returns a plain Detection object', () => {
  const detection = node.detect(readFileSync(cases[0].input));
  assert.equal(Object.getPrototypeOf(detection), Object.prototype);
  assert.equal(typeof detection.kind, 'string');
  assert.equal(typeof detection.description, 'string');
  assert.equal(detection.kind, cases[0].expected.format.kind);
});
