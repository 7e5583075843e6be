// Builds the DOM for a parsed record and for a parse error. Record text is only ever set as
// text (textContent), never as HTML: a record's narrative cannot inject markup or scripts.
import * as f from './format.js';

/** `el('td', { class: 'x' }, 'text', child)`: an element with attributes and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, val] of Object.entries(attrs)) {
    if (val !== undefined && val !== null && val !== false) node.setAttribute(name, String(val));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === '') continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const status = (item) => f.coded(item.clinical_status) || item.status || '';
const negated = (item, text) => (item.negated ? `not: ${text}` : text);

/** The clinical sections drawn as tables: key, heading, and [column, cell] pairs. */
const TABLES = [
  ['allergies', 'Allergies', [
    ['Allergen', (a) => negated(a, f.coded(a.allergen) || a.text || '')],
    ['Reaction', (a) => a.reactions?.map((r) => [f.coded(r.manifestation), f.coded(r.severity)].filter(Boolean).join(' – ')).filter(Boolean).join('; ') || ''],
    ['Severity', (a) => f.coded(a.severity) || f.coded(a.criticality)],
    ['Status', status],
    ['Onset', (a) => f.interval(a.period)],
  ]],
  ['medications', 'Medications', [
    ['Medication', (m) => negated(m, f.coded(m.product) || m.product_name || '')],
    ['Dose', (m) => [f.quantity(m.dose), f.coded(m.route)].filter(Boolean).join(', ')],
    ['Instructions', (m) => m.sig || m.frequency?.text || f.codedList(m.instructions)],
    ['Status', (m) => m.status || ''],
    ['Period', (m) => f.interval(m.period)],
  ]],
  ['problems', 'Problems', [
    ['Problem', (p) => negated(p, f.coded(p.code) || p.text || '')],
    ['Status', status],
    ['Onset', (p) => f.date(p.period?.low) || f.date(p.period?.value)],
    ['Resolved', (p) => f.date(p.period?.high)],
  ]],
  ['immunizations', 'Immunizations', [
    ['Vaccine', (i) => negated(i, f.coded(i.vaccine) || i.text || '')],
    ['Date', (i) => f.interval(i.time)],
    ['Status', (i) => i.status || ''],
    ['Dose', (i) => (i.dose_number ? `#${i.dose_number}` : f.quantity(i.dose))],
    ['Lot', (i) => i.lot_number || ''],
  ]],
  ['procedures', 'Procedures', [
    ['Procedure', (p) => negated(p, f.coded(p.code) || p.text || '')],
    ['Date', (p) => f.interval(p.period)],
    ['Status', (p) => p.status || ''],
    ['Body site', (p) => f.codedList(p.body_sites)],
    ['Performer', (p) => p.performers?.map(f.participant).filter(Boolean).join(', ') || ''],
  ]],
  ['encounters', 'Encounters', [
    ['Encounter', (e) => f.coded(e.code) || e.text || ''],
    ['Date', (e) => f.interval(e.period)],
    ['Location', (e) => e.locations?.map((l) => l.name).filter(Boolean).join(', ') || ''],
    ['Performer', (e) => e.performers?.map(f.participant).filter(Boolean).join(', ') || ''],
    ['Diagnoses', (e) => e.diagnoses?.map((d) => f.coded(d.code)).filter(Boolean).join('; ') || ''],
  ]],
  ['social_history', 'Social history', [
    ['Observation', (o) => f.coded(o.code) || o.text || ''],
    ['Value', (o) => f.value(o.value)],
    ['Date', (o) => f.interval(o.time)],
  ]],
];

/** The observation groups (lab panels, vital-sign sets), drawn one table per group. */
const GROUPS = [
  ['results', 'Results'],
  ['vitals', 'Vital signs'],
];

/** Headings for the other lists; any list key not named anywhere still gets a section. */
const OTHER = {
  plan_of_care: 'Plan of care',
  goals: 'Goals',
  health_concerns: 'Health concerns',
  functional_status: 'Functional status',
  mental_status: 'Mental status',
  family_history: 'Family history',
  medical_equipment: 'Medical equipment',
  advance_directives: 'Advance directives',
  payers: 'Payers',
  coverage: 'Coverage',
  claims: 'Claims',
  care_team: 'Care team',
  other: 'Other items',
};

/** The order sections are drawn in; notes and warnings come last. */
function sectionOrder(record) {
  const named = [...TABLES.map(([k]) => k), ...GROUPS.map(([k]) => k)];
  const order = ['allergies', 'medications', 'problems', 'results', 'vitals', 'immunizations',
    'procedures', 'encounters', 'social_history'];
  const rest = Object.keys(record).filter(
    (k) => Array.isArray(record[k]) && !named.includes(k) && k !== 'notes' && k !== 'warnings',
  );
  return [...order, ...rest, 'notes', 'warnings'];
}

/** A heading for any section key. */
export function sectionTitle(key) {
  const table = TABLES.find(([k]) => k === key) || GROUPS.find(([k]) => k === key);
  if (table) return table[1];
  if (key === 'notes') return 'Notes';
  if (key === 'warnings') return 'Warnings';
  return OTHER[key] || key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function table(columns, rows) {
  return el('table', {},
    el('thead', {}, el('tr', {}, columns.map(([name]) => el('th', { scope: 'col' }, name)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, columns.map(([, cell]) => el('td', {}, cell(row)))))),
  );
}

function observationTable(observations) {
  return table([
    ['Test', (o) => f.coded(o.code) || o.text || ''],
    ['Value', (o) => f.valueParts(o.value).value],
    ['Unit', (o) => f.valueParts(o.value).unit],
    ['Reference range', (o) => f.referenceRanges(o.reference_ranges)],
    ['Flag', (o) => f.codedList(o.interpretations)],
    ['Date', (o) => f.interval(o.time)],
  ], observations);
}

function groupList(groups) {
  return groups.map((g) => el('div', { class: 'group' },
    el('h3', {}, f.coded(g.code) || 'Observations', g.time ? el('span', { class: 'when' }, f.interval(g.time)) : ''),
    g.observations?.length ? observationTable(g.observations) : el('p', { class: 'muted' }, g.text || 'No observations listed.'),
  ));
}

/** A one-line label for an item of a list drawn generically. */
function label(item) {
  const member = f.participant(item.member);
  if (member) return item.role ? `${member} (${f.coded(item.role)})` : member;
  for (const key of ['code', 'product', 'vaccine', 'allergen', 'kind', 'role', 'relationship']) {
    if (item[key] && typeof item[key] === 'object') {
      const text = f.coded(item[key]);
      if (text) return text;
    }
  }
  return item.plan_name || item.name || item.title
    || f.coded(item.relative?.relationship) || item.payer?.name || f.participant(item.provider)
    || item.text || item.kind || '(no name)';
}

function genericList(items) {
  return table([
    ['Item', label],
    ['Date', (i) => f.interval(i.period || i.time || i.billable_period) || f.date(i.created)],
    ['Status', (i) => i.status || ''],
    ['Details', (i) => {
      const { source, ...rest } = i;
      const facts = [i.value ? f.value(i.value) : '', ...(i.targets || []).map(f.value),
        ...(i.observations || []).map((o) => [f.coded(o.code), f.value(o.value)].filter(Boolean).join(': ')),
        ...(i.totals || []).map((t) => [f.coded(t.category), t.amount?.value].filter(Boolean).join(': '))].filter(Boolean);
      return el('div', {}, facts.join('; '),
        el('details', {}, el('summary', {}, 'all fields'), el('pre', {}, JSON.stringify(rest, null, 2))));
    }],
  ], items);
}

function noteList(notes) {
  return notes.map((n) => el('article', { class: 'note' },
    el('h3', {}, n.title || f.coded(n.code) || n.kind || 'Note', n.time ? el('span', { class: 'when' }, f.interval(n.time)) : ''),
    n.text ? el('details', { open: n.text.length < 600 }, el('summary', {}, `${n.text.length} characters`), el('div', { class: 'text' }, n.text)) : '',
    n.attachments?.length ? el('p', { class: 'muted' }, `${n.attachments.length} attachment(s)`) : '',
  ));
}

function warningList(warnings) {
  return table([
    ['Code', (w) => el('code', { class: 'warning-code' }, w.code)],
    ['Message', (w) => w.message],
    ['Position', (w) => el('span', { class: 'position' }, w.line ? `line ${w.line}${w.column ? `, column ${w.column}` : ''}` : w.path || '')],
  ], warnings);
}

function sectionBody(key, items) {
  const spec = TABLES.find(([k]) => k === key);
  if (spec) return table(spec[2], items);
  if (GROUPS.some(([k]) => k === key)) return groupList(items);
  if (key === 'notes') return noteList(items);
  if (key === 'warnings') return warningList(items);
  return genericList(items);
}

function patientHeader(record) {
  const p = record.patient;
  const fmt = record.format;
  const facts = [
    ['Born', f.date(p.birth_time)],
    ['Sex', f.coded(p.gender)],
    ['Address', f.address(p.addresses?.[0])],
    ['Phone', p.telecoms?.find((t) => t.system === 'phone' || t.value?.startsWith('tel:'))?.value?.replace(/^tel:/, '') || ''],
    ['Record', [fmt.kind, fmt.version, fmt.document_type].filter(Boolean).join(' ')],
    ['Document', [record.document.title, f.date(record.document.created)].filter(Boolean).join(', ')],
  ].filter(([, v]) => v);
  return el('section', { class: 'patient', 'aria-label': 'Patient' },
    el('h2', { id: 'patient-name' }, f.personName(p.name) || 'Unnamed patient'),
    el('dl', {}, facts.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v)))),
  );
}

/** Replaces `container`'s content with the record: header, counts, then each non-empty section. */
export function renderRecord(container, record) {
  const keys = sectionOrder(record).filter((k) => record[k]?.length > 0);
  const counts = el('nav', { class: 'counts', 'aria-label': 'Sections' },
    el('table', { id: 'counts' },
      el('tbody', {}, keys.map((k) => el('tr', { 'data-section': k },
        el('th', { scope: 'row' }, el('a', { href: `#section-${k}` }, sectionTitle(k))),
        el('td', { class: 'count' }, String(record[k].length)),
      ))),
    ),
    keys.length ? '' : el('p', { class: 'muted' }, 'The record holds no sections.'),
  );
  const sections = keys.map((k) => el('section', { class: `record-section ${k}`, id: `section-${k}`, 'data-section': k },
    el('h2', {}, sectionTitle(k), ' ', el('span', { class: 'count' }, String(record[k].length))),
    sectionBody(k, record[k]),
  ));
  container.replaceChildren(patientHeader(record), counts, ...sections);
}

/** Replaces `container`'s content with a parse error: its message, kind and position. */
export function renderError(container, error, fileName) {
  const position = error?.line ? `line ${error.line}${error.column ? `, column ${error.column}` : ''}` : '';
  container.replaceChildren(
    el('h2', {}, `${fileName} could not be read`),
    el('p', { class: 'message' }, error?.message || String(error)),
    el('dl', {},
      error?.kind ? el('div', {}, el('dt', {}, 'Reason'), el('dd', {}, el('code', { class: 'error-kind' }, error.kind))) : '',
      error?.input ? el('div', {}, el('dt', {}, 'Looks like'), el('dd', {}, error.input.replace(/_/g, ' '))) : '',
      position ? el('div', {}, el('dt', {}, 'Where'), el('dd', { class: 'error-position' }, position)) : '',
    ),
  );
}
