// Compiled (not run) by typescript.test.mjs with `tsc --strict`: the generated declarations
// must type ordinary use of both builds.
import { detect, parse, type BlueButtonError, type HealthRecord } from '../../pkg/node/bluebutton_wasm.js';
import init, { initSync, parse as parseWeb } from '../../pkg/web/bluebutton_wasm.js';

const record: HealthRecord = parse(new Uint8Array([60]));
const count: number = record.allergies.length + parse('<x/>').problems.length;
const code: string | undefined = record.allergies[0]?.allergen?.code;
const kind: string | undefined = record.format.kind;
const line: number | undefined = detect('').line;
try {
  parse('');
} catch (e) {
  const error = e as BlueButtonError;
  const slug: string = error.kind;
  const column: number | undefined = error.column;
  console.log(slug, column, error.message);
}
initSync({ module: new Uint8Array() });
const ready: Promise<unknown> = init();
console.log(count, code, kind, line, ready, parseWeb('').patient.name);
