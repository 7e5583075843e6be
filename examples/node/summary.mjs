// Prints what a health-record file holds: its format, then one `section: count` line per
// non-empty section, then the warnings with their codes. Uses the npm package `bluebutton`.
//
//   npm install bluebutton-rs            # or the tarball: see README.md beside this file
//   node summary.mjs record.xml
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'bluebutton-rs';

const path = process.argv[2];
if (!path) {
  console.error('usage: node summary.mjs FILE');
  process.exit(2);
}

let record;
try {
  record = parse(readFileSync(path));
} catch (e) {
  // A BlueButtonError: `kind`, `line` and `column` (numbers when known); the message already
  // cites the position, and never holds patient data.
  console.error(`${basename(path)}: not read (${e.kind}): ${e.message}`);
  process.exit(1);
}

const { format } = record;
console.log(`${basename(path)}: ${[format.kind, format.version, format.document_type].filter(Boolean).join(' ')}`);
for (const [section, value] of Object.entries(record)) {
  if (Array.isArray(value) && value.length > 0 && section !== 'warnings') {
    console.log(`${section}: ${value.length}`);
  }
}
console.log(`warnings: ${record.warnings.length}`);
for (const w of record.warnings) {
  const at = w.line ? ` (line ${w.line})` : '';
  console.log(`  ${w.code}${at}: ${w.message}`);
}
