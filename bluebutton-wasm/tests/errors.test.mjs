// Errors arrive as real JS Error objects with kind, line and column.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { node } from './helpers.mjs';

/** Calls parse(input), asserts it throws a BlueButtonError, and returns the error. */
function parseError(input) {
  let caught;
  assert.throws(() => node.parse(input), (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof Error, 'thrown value is an Error instance');
  assert.equal(caught.name, 'BlueButtonError');
  assert.equal(typeof caught.message, 'string');
  assert.notEqual(caught.message, '');
  assert.equal(typeof caught.stack, 'string');
  return caught;
}

test('empty input throws kind "empty" without a position', () => {
  for (const input of ['', '  \n\t ', new Uint8Array()]) {
    const e = parseError(input);
    assert.equal(e.kind, 'empty');
    assert.equal(e.line, undefined);
    assert.equal(e.column, undefined);
  }
});

test('JSON that is not FHIR throws kind "not_a_health_record"', () => {
  const e = parseError('{"example":"json"}');
  assert.equal(e.kind, 'not_a_health_record');
  assert.equal(e.input, 'json');
});

test('malformed CDA XML throws kind "malformed" with its line and column', () => {
  const xml = [
    '<?xml version="1.0"?>',
    '<ClinicalDocument xmlns="urn:hl7-org:v3">',
    '  <title>Summary</titl>',
    '</ClinicalDocument>',
  ].join('\n');
  for (const input of [xml, new TextEncoder().encode(xml)]) {
    const e = parseError(input);
    assert.equal(e.kind, 'malformed');
    assert.equal(e.line, 3);
    assert.equal(typeof e.column, 'number');
    assert.ok(e.column >= 1);
  }
});

test('an argument that is neither a string nor a Uint8Array throws a TypeError', () => {
  for (const input of [42, null, undefined, {}, [60, 97, 62]]) {
    assert.throws(() => node.parse(input), TypeError);
    assert.throws(() => node.detect(input), TypeError);
  }
});

test('detect() names inputs without throwing', () => {
  assert.equal(node.detect('').kind, 'empty');
  assert.equal(node.detect('{"example":"json"}').kind, 'json');
  const detection = node.detect('<?xml version="1.0"?>\n<a><b></a>');
  assert.equal(detection.kind, 'malformed_xml');
  assert.equal(detection.line, 2);
  assert.equal(Object.getPrototypeOf(detection), Object.prototype);
});
