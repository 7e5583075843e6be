// The npm package: `npm pack bluebutton-wasm/pkg` makes a tarball that installs, and the
// installed package, loaded by name (require, import, the ./web build, TypeScript), parses
// like the golden vectors say. Also runs examples/node/summary.mjs against it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { goldenCases, root } from './helpers.mjs';

const pkg = join(root, 'bluebutton-wasm', 'pkg');
const tsc = join(root, 'bluebutton-wasm', 'node_modules', 'typescript', 'bin', 'tsc');
const sample = goldenCases().find((c) => c.name === 'sample-ccd');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command; returns its output, failing the test with stderr when it fails. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(result.error, undefined, `could not run ${command}`);
  assert.equal(result.status, 0, `${command} ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

let dir;
let app;
let packed;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'bluebutton-npm-'));
  [packed] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', dir, pkg], dir));
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "private": true }\n');
  // The package has no dependencies: installing the tarball needs no registry.
  run(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], app);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the package is named bluebutton-rs, versioned like the workspace, and ships both builds', () => {
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const version = cargo.match(/^\[workspace\.package\][^[]*?^version = "([^"]+)"/m)?.[1];
  assert.ok(version, 'workspace version in Cargo.toml');
  assert.equal(packed.name, 'bluebutton-rs');
  assert.equal(packed.version, version);
  const files = packed.files.map((f) => f.path).sort();
  for (const build of ['node', 'web']) {
    for (const file of ['bluebutton_wasm.js', 'bluebutton_wasm.d.ts', 'bluebutton_wasm_bg.wasm', 'package.json']) {
      assert.ok(files.includes(`${build}/${file}`), `${build}/${file} in ${files}`);
    }
  }
  assert.ok(files.includes('README.md') && files.includes('package.json'));
  assert.deepEqual(files.filter((f) => !/^(node|web)\/|^README\.md$|^package\.json$/.test(f)), []);
});

/** Writes a script into the app directory, runs it with node, and returns what it printed. */
function node(name, source, args = []) {
  writeFileSync(join(app, name), source);
  return run(process.execPath, [...args, name, sample.input], app);
}

test('require("bluebutton-rs") parses the sample to the golden record', () => {
  const out = node('require.cjs', `
    const { parse } = require('bluebutton-rs');
    const record = parse(require('node:fs').readFileSync(process.argv[2]));
    process.stdout.write(JSON.stringify(record));
  `);
  assert.deepStrictEqual(JSON.parse(out), sample.expected);
});

test('import { parse } from "bluebutton-rs" (Node ESM) parses the sample to the golden record', () => {
  const out = node('import.mjs', `
    import { readFileSync } from 'node:fs';
    import { parse, detect } from 'bluebutton-rs';
    const bytes = readFileSync(process.argv[2]);
    process.stdout.write(JSON.stringify({ record: parse(bytes), kind: detect(bytes).kind }));
  `);
  const { record, kind } = JSON.parse(out);
  assert.deepStrictEqual(record, sample.expected);
  assert.equal(kind, sample.expected.format.kind);
});

test('the browser build, bluebutton/web, needs init and then parses the same record', () => {
  const out = node('web.mjs', `
    import { readFileSync } from 'node:fs';
    import { createRequire } from 'node:module';
    import init, { initSync, parse } from 'bluebutton-rs/web';
    const wasm = createRequire(import.meta.url).resolve('bluebutton-rs/web/bluebutton_wasm_bg.wasm');
    if (typeof init !== 'function') throw new Error('no default init export');
    initSync({ module: readFileSync(wasm) });
    process.stdout.write(JSON.stringify(parse(new Uint8Array(readFileSync(process.argv[2])))));
  `);
  assert.deepStrictEqual(JSON.parse(out), sample.expected);
});

test('errors thrown through the package carry kind, line and column', () => {
  const out = node('error.cjs', `
    const { parse } = require('bluebutton-rs');
    try { parse('<?xml version="1.0"?>\\n<ClinicalDocument><x></ClinicalDocument>'); }
    catch (e) { process.stdout.write(JSON.stringify({ name: e.name, kind: e.kind, line: e.line, column: e.column })); }
  `);
  const e = JSON.parse(out);
  assert.equal(e.name, 'BlueButtonError');
  assert.equal(e.kind, 'malformed');
  assert.equal(e.line, 2);
  assert.equal(typeof e.column, 'number');
});

test('TypeScript finds the types through the exports map (Node and bundler resolution)', () => {
  writeFileSync(join(app, 'node.mts'), `
    import { parse, type HealthRecord, type BlueButtonError } from 'bluebutton-rs';
    const record: HealthRecord = parse('');
    const kind: string = (new Error() as BlueButtonError).kind;
    console.log(record.allergies.length, kind);
  `);
  writeFileSync(join(app, 'bundler.ts'), `
    import init, { parse, type HealthRecord } from 'bluebutton-rs';
    const ready: Promise<unknown> = init();
    const record: HealthRecord = parse(new Uint8Array());
    console.log(ready, record.problems.length);
  `);
  const common = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom'];
  run(process.execPath, [tsc, ...common, '--module', 'nodenext', '--moduleResolution', 'nodenext', 'node.mts'], app);
  run(process.execPath, [tsc, ...common, '--module', 'esnext', '--moduleResolution', 'bundler',
    '--customConditions', 'browser', 'bundler.ts'], app);
});

test('examples/node/summary.mjs prints the format and one count per non-empty section', () => {
  copyFileSync(join(root, 'examples', 'node', 'summary.mjs'), join(app, 'summary.mjs'));
  const out = run(process.execPath, ['summary.mjs', sample.input], app);
  const counts = Object.fromEntries(
    [...out.matchAll(/^(\w+): (\d+)$/gm)].map(([, section, n]) => [section, Number(n)]),
  );
  const expected = Object.fromEntries(
    Object.entries(sample.expected)
      .filter(([, v]) => Array.isArray(v) && v.length > 0)
      .map(([section, v]) => [section, v.length]),
  );
  expected.warnings = sample.expected.warnings.length;
  assert.deepEqual(counts, expected);
  assert.match(out.split('\n')[0], new RegExp(`: ${sample.expected.format.kind}\\b`));
});
