// Compiled by typescript.test.mjs, which expects exactly these errors: the types are not `any`.
import { detect, parse } from '../../pkg/node/bluebutton_wasm.js';

const notAString: string = parse('').allergies; // error TS2322
const noSuchField = parse('').no_such_field; // error TS2339
parse(42); // error TS2345
const lineIsNumber: string = detect('').line; // error TS2322
console.log(notAString, noSuchField, lineIsNumber);
