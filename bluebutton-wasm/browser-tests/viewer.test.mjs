// End to end: the record viewer (examples/web) in headless Chromium, served from 127.0.0.1.
// Each file goes in through the page's file input; what the page shows is checked against
// what the npm package (bluebutton-wasm/pkg, Node build) returns for the same file: section
// counts and rows, result values, units and reference ranges, warnings with their codes, the
// error for a file the library refuses, and the JSON download. The page must make no request
// while reading a file, and none at all outside its own files.
// Run by bluebutton-wasm/test-browser.sh, which installs Chromium and playwright-core.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(root, '..', 'shared', 'corpus');
const artifacts = join(root, 'bluebutton-wasm', 'test-artifacts');
const { parse, toFhir } = createRequire(import.meta.url)(join(root, 'bluebutton-wasm', 'pkg'));
const { serve } = await import(join(root, 'examples', 'web', 'serve.mjs'));

/** The page's own files: the only URLs it may request. */
const pageFiles = ['index.html', 'style.css', 'app.js', 'render.js', 'format.js',
  'bluebutton_wasm.js', 'bluebutton_wasm_bg.wasm'];

/** The files given to the page, one per input kind. */
const files = [
  ['C-CDA with results and warnings', 'ccda/amida/CCDA_NullFlavorSample_v1.xml'],
  ['C32', 'c32/amida/C32.xml'],
  ['VA text', 'va-text/VA_My_HealtheVet_Blue_Button_Sample_Version_12.txt'],
  ['CMS text', 'cms-text/cms_sample.txt'],
  ['FHIR JSON', 'fhir/synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json'],
  ['malformed XML', 'bad/broken.xml'],
  ['PDF', 'bad/VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.pdf'],
];

let server;
let url;
let browser;
let context;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ server, url } = await serve(0));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** What the npm package makes of a file: `{ record }` or `{ error }`. */
function expectation(path) {
  try {
    return { record: parse(readFileSync(path)) };
  } catch (error) {
    return { error };
  }
}

/**
 * Opens the page, waits for the parser, gives it `path` through the file input, and waits
 * until it shows a record or an error. Returns the page, every request it makes (`requests`,
 * kept up to date; the first `loaded` were made before the file went in), and the console
 * errors (CSP violations included).
 */
async function view(path) {
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const loaded = requests.length;
  await page.setInputFiles('#file', path);
  await page.waitForSelector('body[data-shown]');
  return { page, requests, loaded, problems };
}

/** The page's counts table as `{ section: count }`. */
const shownCounts = (page) => page.$$eval('#counts tr[data-section]', (rows) => Object.fromEntries(
  rows.map((r) => [r.dataset.section, Number(r.querySelector('.count').textContent)]),
));

/** The cells of one section's tables, row by row, as text. */
const tableRows = (page, section) => page.$$eval(
  `section[data-section="${section}"] table tbody tr`,
  (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)),
);

for (const [label, rel] of files) {
  const path = join(corpus, rel);

  test(`viewer, ${label} (${basename(rel)}): shows what the npm package reads, uploads nothing`, async () => {
    const expected = expectation(path);
    const { page, requests, loaded, problems } = await view(path);
    try {
      if (expected.error) {
        await checkError(page, expected.error);
      } else {
        await checkRecord(page, expected.record);
      }
      assert.deepEqual(problems, []);
      // Nothing leaves the page: before the file went in, only the page's own files, fetched
      // with GET from this server; after it (reading, rendering, downloading the JSON made in
      // memory), no request at all.
      for (const r of requests.slice(0, loaded)) {
        assert.equal(r.method, 'GET', r.url);
        const u = new URL(r.url);
        assert.equal(u.origin, new URL(url).origin, r.url);
        assert.ok(pageFiles.includes(u.pathname.split('/').pop() || 'index.html'), r.url);
      }
      assert.deepEqual(requests.slice(loaded), []);
      await page.screenshot({ path: join(artifacts, `viewer-${basename(rel).replace(/\W+/g, '-')}.png`), fullPage: false });
    } finally {
      await page.close();
    }
  });
}

test('the page has no network calls and a CSP that allows only its own site', () => {
  const web = join(root, 'examples', 'web');
  for (const file of ['app.js', 'render.js', 'format.js']) {
    const code = readFileSync(join(web, file), 'utf8');
    assert.doesNotMatch(code, /\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|<form|\.submit\(/, file);
  }
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  assert.ok(csp, 'a Content-Security-Policy meta tag');
  for (const directive of ["default-src 'none'", "connect-src 'self'", "form-action 'none'"]) {
    assert.ok(csp.includes(directive), `${directive} in ${csp}`);
  }
  assert.doesNotMatch(csp, /https?:|\*/);
  assert.doesNotMatch(html, /<script(?![^>]*src="app\.js")/);
});

test('the bad files are refused, the others read (sanity of the file list)', () => {
  for (const [label, rel] of files) {
    const { error } = expectation(join(corpus, rel));
    if (rel.startsWith('bad/')) assert.ok(error, `${label} should be refused`);
    if (/^(ccda|c32|va-text|cms-text)\//.test(rel)) assert.equal(error, undefined, `${label} should be read`);
  }
});

async function checkError(page, error) {
  assert.equal(await page.isVisible('#error'), true);
  assert.equal(await page.isVisible('#record'), false);
  assert.equal(await page.isVisible('#download-json'), false);
  assert.equal(await page.textContent('#error .message'), error.message);
  assert.equal(await page.textContent('#error .error-kind'), error.kind);
  if (error.line) {
    assert.equal(await page.textContent('#error .error-position'), `line ${error.line}, column ${error.column}`);
  } else {
    assert.equal(await page.$('#error .error-position'), null);
  }
}

async function checkRecord(page, record) {
  assert.equal(await page.isVisible('#record'), true);
  assert.equal(await page.isVisible('#error'), false);

  // Counts: one per non-empty list of the record, equal to its length.
  const expectedCounts = Object.fromEntries(
    Object.entries(record).filter(([, v]) => Array.isArray(v) && v.length > 0).map(([k, v]) => [k, v.length]),
  );
  assert.deepEqual(await shownCounts(page), expectedCounts);
  const sections = await page.$$eval('section.record-section', (s) => s.map((x) => x.dataset.section));
  assert.deepEqual(sections.sort(), Object.keys(expectedCounts).sort());

  // Every item is drawn: one row per item (observation groups: one table per group, one row
  // per observation; notes: one article each).
  for (const [section, items] of Object.entries(record)) {
    if (!Array.isArray(items) || items.length === 0) continue;
    const badge = await page.textContent(`section[data-section="${section}"] h2 .count`);
    assert.equal(Number(badge), items.length, section);
    if (section === 'notes') {
      assert.equal(await page.locator('section[data-section="notes"] article.note').count(), items.length);
    } else if (section === 'results' || section === 'vitals') {
      assert.equal(await page.locator(`section[data-section="${section}"] .group`).count(), items.length);
      const observations = items.flatMap((g) => g.observations ?? []);
      assert.equal((await tableRows(page, section)).length, observations.length, section);
    } else {
      assert.equal((await tableRows(page, section)).length, items.length, section);
    }
  }

  // Results: quantity values and units in their own columns, reference ranges beside them.
  for (const section of ['results', 'vitals']) {
    const observations = record[section].flatMap((g) => g.observations ?? []);
    const rows = await tableRows(page, section);
    observations.forEach((o, i) => {
      const [, value, unit, range] = rows[i];
      if (o.value?.kind === 'quantity') {
        assert.equal(value, [o.value.quantity.comparator, o.value.quantity.value].filter(Boolean).join(' '));
        assert.equal(unit, o.value.quantity.unit ?? '');
      }
      for (const r of o.reference_ranges ?? []) {
        if (r.text) assert.ok(range.includes(r.text), `${section} row ${i}: ${range}`);
      }
    });
  }

  // Warnings: shown with their codes, in order.
  const codes = await page.$$eval('section[data-section="warnings"] .warning-code', (c) => c.map((x) => x.textContent));
  assert.deepEqual(codes, record.warnings.map((w) => w.code));

  // The patient header names the patient.
  if (record.patient.name?.family) {
    assert.ok((await page.textContent('#patient-name')).includes(record.patient.name.family));
  }

  // The JSON download is the record, byte for byte the same data.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.match(download.suggestedFilename(), /\.json$/);
  assert.deepStrictEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), record);

  // The FHIR download is the record written as a FHIR R4 Bundle, made in the page: the
  // same Bundle the Node package writes for the same record, with the patient in it.
  const [fhir] = await Promise.all([page.waitForEvent('download'), page.click('#download-fhir')]);
  assert.match(fhir.suggestedFilename(), /\.fhir\.json$/);
  const bundle = JSON.parse(readFileSync(await fhir.path(), 'utf8'));
  assert.deepStrictEqual(bundle, JSON.parse(toFhir(record)));
  assert.equal(bundle.resourceType, 'Bundle');
  const types = bundle.entry.map((e) => e.resource.resourceType);
  assert.ok(types.includes('Patient'), types.join(', '));
  const clinical = ['allergies', 'problems', 'immunizations', 'procedures', 'encounters'];
  assert.ok(bundle.entry.length > clinical.filter((k) => record[k].length > 0).length);
}

for (const [label, rel] of [files[0], files[3]]) {
  test(`viewer, ${label}: the whole page renders (full-page screenshot)`, async () => {
    const { page } = await view(join(corpus, rel));
    try {
      assert.equal(await page.isVisible('#record'), true);
      const name = `viewer-full-${basename(rel).replace(/\W+/g, '-')}.png`;
      await page.screenshot({ path: join(artifacts, name), fullPage: true });
    } finally {
      await page.close();
    }
  });
}
