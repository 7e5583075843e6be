// Turns the record's value types (Coded, PartialDateTime, Interval, Quantity, Value,
// ReferenceRange, PersonName, Address) into short display strings. Absent parts give ''.

/** What HL7 null flavors mean, for values a record withholds or lacks. */
const NULL_FLAVORS = {
  NI: 'no information',
  UNK: 'unknown',
  ASKU: 'asked, unknown',
  NAV: 'temporarily unavailable',
  NASK: 'not asked',
  MSK: 'masked',
  NA: 'not applicable',
  OTH: 'other',
  NINF: 'negative infinity',
  PINF: 'positive infinity',
  TRC: 'trace',
  QS: 'sufficient quantity',
  NP: 'not present',
};

/** A null flavor in words, in parentheses: "(masked)". */
export function nullFlavor(code) {
  return code ? `(${NULL_FLAVORS[code] || code})` : '';
}

/** A coded concept: its display text, else its original text, code, or null flavor. */
export function coded(c) {
  if (!c) return '';
  return c.display || c.original_text || c.translations?.find((t) => t.display)?.display || c.code
    || nullFlavor(c.null_flavor);
}

/** A list of coded concepts, comma-separated. */
export function codedList(list) {
  return (list || []).map(coded).filter(Boolean).join(', ');
}

/** A partial date/time as written (ISO 8601, as precise as the source). */
export function date(t) {
  if (!t) return '';
  return t.value || t.raw || '';
}

/** An interval: its single value, or "low – high" (either side may be open). */
export function interval(i) {
  if (!i) return '';
  if (i.value) return date(i.value);
  if (i.center) return date(i.center);
  const low = date(i.low);
  const high = date(i.high);
  if (low && high) return low === high ? low : `${low} – ${high}`;
  if (low) return `from ${low}`;
  if (high) return `until ${high}`;
  return '';
}

/** A quantity with its comparator and unit: "< 5 mg". */
export function quantity(q) {
  if (!q || q.value === undefined) return '';
  return [q.comparator, q.value, q.unit].filter(Boolean).join(' ');
}

/** A person's name: its text, else prefix, given names, family name and suffix. */
export function personName(n) {
  if (!n) return '';
  if (n.text) return n.text;
  return [...(n.prefix || []), ...(n.given || []), n.family, ...(n.suffix || [])]
    .filter(Boolean)
    .join(' ');
}

/** A postal address on one line. */
export function address(a) {
  if (!a) return '';
  if (a.text) return a.text;
  const cityLine = [a.city, [a.state, a.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [...(a.lines || []), cityLine, a.country].filter(Boolean).join(', ');
}

/** A participant (author, performer, ...): the person's name, else the organization's. */
export function participant(p) {
  if (!p) return '';
  return personName(p.name) || p.organization?.name || p.device || '';
}

/**
 * A Value split for a results table: `{ value, unit }`. Quantities put their unit in its own
 * column; every other kind gives its whole text as the value.
 */
export function valueParts(v) {
  if (!v) return { value: '', unit: '' };
  switch (v.kind) {
    case 'quantity':
      return {
        value: [v.quantity?.comparator, v.quantity?.value].filter(Boolean).join(' '),
        unit: v.quantity?.unit || '',
      };
    case 'range': {
      const low = v.range?.low;
      const high = v.range?.high;
      const unit = low?.unit || high?.unit || '';
      return { value: `${low?.value ?? ''}–${high?.value ?? ''}`, unit };
    }
    case 'ratio':
      return { value: `${quantity(v.ratio?.numerator)} / ${quantity(v.ratio?.denominator)}`, unit: '' };
    case 'coded':
      return { value: coded(v.coded), unit: '' };
    case 'text':
      return { value: v.text || '', unit: '' };
    case 'integer':
      return { value: String(v.integer ?? ''), unit: '' };
    case 'boolean':
      return { value: v.boolean === undefined ? '' : v.boolean ? 'yes' : 'no', unit: '' };
    case 'time':
      return { value: interval(v.time), unit: '' };
    case 'attachment':
      return { value: v.attachment?.title || v.attachment?.media_type || 'attachment', unit: '' };
    default:
      return { value: nullFlavor(v.null_flavor), unit: '' };
  }
}

/** A Value on one line, unit included. */
export function value(v) {
  const { value: text, unit } = valueParts(v);
  return [text, unit].filter(Boolean).join(' ');
}

/** Reference ranges: each one's text, else "low–high unit". */
export function referenceRanges(ranges) {
  return (ranges || [])
    .map((r) => {
      if (r.text) return r.text;
      const unit = r.low?.unit || r.high?.unit || '';
      const bounds = r.low && r.high
        ? `${r.low.value}–${r.high.value}`
        : r.low ? `≥ ${r.low.value}` : r.high ? `≤ ${r.high.value}` : coded(r.normal);
      return [bounds, unit].filter(Boolean).join(' ');
    })
    .filter(Boolean)
    .join('; ');
}
