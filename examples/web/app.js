// The page's entry point: loads the parser (WebAssembly, from this site), reads the chosen or
// dropped file in the tab, and shows the record. Nothing is sent anywhere: the only network
// request this code makes is init() fetching the parser's own .wasm file.
import init, { parse, toFhir } from '../../bluebutton-wasm/pkg/web/bluebutton_wasm.js';
import { renderError, renderRecord } from './render.js';

const ready = init();
const input = document.getElementById('file');
const dropZone = document.getElementById('pick');
const statusLine = document.getElementById('status');
const errorBox = document.getElementById('error');
const recordBox = document.getElementById('record');
const actions = document.getElementById('actions');
const downloadJson = document.getElementById('download-json');
const downloadFhir = document.getElementById('download-fhir');

let downloadUrls = [];

ready.then(
  () => {
    document.body.dataset.ready = 'true';
    statusLine.textContent = 'Ready. Choose or drop a file.';
  },
  (e) => {
    statusLine.textContent = `The parser could not be loaded: ${e.message}`;
  },
);

/** Reads one file and shows its record or its error. */
async function show(file) {
  statusLine.textContent = `Reading ${file.name}…`;
  const bytes = new Uint8Array(await file.arrayBuffer());
  await ready;
  errorBox.hidden = true;
  recordBox.hidden = true;
  actions.hidden = true;
  for (const url of downloadUrls) URL.revokeObjectURL(url);
  downloadUrls = [];
  let record;
  try {
    record = parse(bytes);
  } catch (e) {
    renderError(errorBox, e, file.name);
    errorBox.hidden = false;
    statusLine.textContent = '';
    document.body.dataset.shown = 'error';
    return;
  }
  renderRecord(recordBox, record);
  // The record as JSON: the same JSON as the command line tool's, made here as a local file.
  const base = file.name.replace(/\.[^.]*$/, '') || 'record';
  const json = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: 'application/json' });
  // The record as a FHIR R4 Bundle, written here too by the same WebAssembly module.
  const fhir = new Blob([toFhir(record)], { type: 'application/fhir+json' });
  downloadUrls = [URL.createObjectURL(json), URL.createObjectURL(fhir)];
  downloadJson.href = downloadUrls[0];
  downloadJson.download = `${base}.json`;
  downloadFhir.href = downloadUrls[1];
  downloadFhir.download = `${base}.fhir.json`;
  actions.hidden = false;
  recordBox.hidden = false;
  statusLine.textContent = `${file.name}: ${record.warnings.length} warning(s).`;
  document.body.dataset.shown = 'record';
}

input.addEventListener('change', () => {
  if (input.files.length > 0) show(input.files[0]);
});

for (const type of ['dragenter', 'dragover']) {
  dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
}
for (const type of ['dragleave', 'drop']) {
  dropZone.addEventListener(type, () => dropZone.classList.remove('dragging'));
}
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file) show(file);
});
