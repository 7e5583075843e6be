// Shared by the *.test.mjs files: paths, the built packages, and the golden cases.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: golden paths in cases.tsv are relative to it. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built packages (run bluebutton-wasm/build.sh first). */
export const pkgNode = join(root, 'bluebutton-wasm', 'pkg', 'node');
export const pkgWeb = join(root, 'bluebutton-wasm', 'pkg', 'web');

/** The Node (CommonJS) package's exports. */
export const node = createRequire(import.meta.url)(join(pkgNode, 'bluebutton_wasm.js'));

/**
 * The golden cases: `{ name, input, expected, expectedFhir }` with `input` an absolute path,
 * `expected` the parsed expected JSON and `expectedFhir` the parsed expected FHIR Bundle.
 * Throws when there are none.
 */
export function goldenCases() {
  const dir = join(root, 'testdata', 'golden');
  const cases = readFileSync(join(dir, 'cases.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, input] = line.split('\t');
      return {
        name,
        input: join(root, input),
        expected: JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')),
        expectedFhir: JSON.parse(readFileSync(join(dir, 'fhir', `${name}.json`), 'utf8')),
      };
    });
  if (cases.length === 0) throw new Error('testdata/golden/cases.tsv lists no cases');
  return cases;
}
