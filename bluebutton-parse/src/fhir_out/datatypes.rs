//! Model values into FHIR R4 data types: code systems, CodeableConcept and Coding,
//! date/dateTime/instant and Period, Quantity, Money, Range, Ratio, Identifier, HumanName,
//! Address, ContactPoint, Attachment and Annotation, plus the `data-absent-reason`
//! extension written where FHIR requires a value the record does not hold.

use super::json::{Obj, J};
use base64::Engine;
use bluebutton_model::{
    Address, Attachment, Coded, Coding, Identifier, Interval, Money, PartialDateTime, Participant,
    PersonName, Precision, Quantity, QuantityRange, Ratio, Telecom, Value, ValueKind,
};

/// Well-known code systems: the OID C-CDA names them by, and their canonical FHIR URI.
/// Any other OID is written `urn:oid:OID`.
const SYSTEMS: &[(&str, &str)] = &[
    ("2.16.840.1.113883.6.96", "http://snomed.info/sct"),
    ("2.16.840.1.113883.6.1", "http://loinc.org"),
    (
        "2.16.840.1.113883.6.88",
        "http://www.nlm.nih.gov/research/umls/rxnorm",
    ),
    ("2.16.840.1.113883.12.292", "http://hl7.org/fhir/sid/cvx"),
    (
        "2.16.840.1.113883.6.90",
        "http://hl7.org/fhir/sid/icd-10-cm",
    ),
    (
        "2.16.840.1.113883.6.103",
        "http://hl7.org/fhir/sid/icd-9-cm",
    ),
    ("2.16.840.1.113883.6.12", "http://www.ama-assn.org/go/cpt"),
    ("2.16.840.1.113883.6.69", "http://hl7.org/fhir/sid/ndc"),
    ("2.16.840.1.113883.6.8", "http://unitsofmeasure.org"),
    (
        "2.16.840.1.113883.6.101",
        "http://nucc.org/provider-taxonomy",
    ),
    (
        "2.16.840.1.113883.5.1",
        "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender",
    ),
    (
        "2.16.840.1.113883.5.4",
        "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    ),
    (
        "2.16.840.1.113883.5.2",
        "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus",
    ),
    (
        "2.16.840.1.113883.5.111",
        "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
    ),
    (
        "2.16.840.1.113883.5.83",
        "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
    ),
];

/// The UCUM system URI.
pub(super) const UCUM: &str = "http://unitsofmeasure.org";

/// The `data-absent-reason` extension's URL.
const DATA_ABSENT: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

/// A code system as a FHIR URI: a well-known OID by its canonical URI, another OID as
/// `urn:oid:`, a bare UUID as `urn:uuid:`, anything else (already a URI) as found. Text
/// with blanks inside is no URI: nothing.
pub(super) fn system_uri(system: &str) -> Option<String> {
    let s = system.trim();
    if s.is_empty() || s.contains(char::is_whitespace) {
        return None;
    }
    let bare = s.strip_prefix("urn:oid:").unwrap_or(s);
    if let Some((_, uri)) = SYSTEMS.iter().find(|(oid, _)| *oid == bare) {
        return Some((*uri).to_string());
    }
    if is_oid(s) {
        return Some(format!("urn:oid:{s}"));
    }
    if is_uuid(s) {
        return Some(format!("urn:uuid:{}", s.to_ascii_lowercase()));
    }
    Some(s.to_string())
}

/// Whether text is an OID (digits separated by single dots).
pub(super) fn is_oid(s: &str) -> bool {
    s.contains('.')
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether text is a UUID (8-4-4-4-12 hex digits).
fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A FHIR `code`: trimmed, inner runs of blanks made one space; nothing when empty.
pub(super) fn code_text(code: &str) -> Option<String> {
    let joined = code.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// One Coding, when it has a code or a system.
fn coding_parts(
    code: Option<&str>,
    system: Option<&str>,
    version: Option<&str>,
    display: Option<&str>,
) -> Option<J> {
    let code = code.and_then(code_text);
    let system = system.and_then(system_uri);
    // A coding naming only its system is kept: it says which system the value was from.
    if code.is_none() && system.is_none() {
        return None;
    }
    let mut o = Obj::new();
    o.put("system", system.map(J::Str))
        .put_str("version", version)
        .put("code", code.map(J::Str))
        .put_str("display", display);
    o.some()
}

/// A model Coding as a FHIR Coding, when it has a code or a system.
pub(super) fn coding(c: &Coding) -> Option<J> {
    coding_parts(
        c.code.as_deref(),
        c.system.as_deref(),
        c.system_version.as_deref(),
        c.display.as_deref(),
    )
}

/// A coded concept's own code as one Coding (its translations left out), when it has a
/// code or a system.
pub(super) fn first_coding(c: &Coded) -> Option<J> {
    coding_parts(
        c.code.as_deref(),
        c.system.as_deref(),
        c.system_version.as_deref(),
        c.display.as_deref(),
    )
}

/// A coded concept as a CodeableConcept: the code and its translations as codings, the
/// original text as `text`. A display with no code becomes the text, so it is kept.
pub(super) fn concept(c: &Coded) -> Option<J> {
    let primary = coding_parts(
        c.code.as_deref(),
        c.system.as_deref(),
        c.system_version.as_deref(),
        c.display.as_deref(),
    );
    let has_primary = primary.is_some();
    let codings = primary
        .into_iter()
        .chain(c.translations.iter().filter_map(coding));
    let text = c
        .original_text
        .as_deref()
        .or(c.display.as_deref().filter(|_| !has_primary));
    let mut o = Obj::new();
    // Qualifiers refining the concept have no element: `code-qualifier` extensions.
    o.put_all(
        "extension",
        c.qualifiers.iter().filter_map(super::extensions::qualifier),
    )
    .put_all("coding", codings)
    .put_str("text", text);
    o.some()
}

/// An optional coded concept as a CodeableConcept.
pub(super) fn concept_opt(c: Option<&Coded>) -> Option<J> {
    c.and_then(concept)
}

/// A concept FHIR requires: the concept, or else a `data-absent-reason` extension (from
/// the null flavor when there is one).
pub(super) fn required_concept(c: Option<&Coded>) -> J {
    concept_opt(c).unwrap_or_else(|| absent(c.and_then(|c| c.null_flavor.as_deref())))
}

/// A CodeableConcept of one code from one system.
pub(super) fn fixed_concept(system: &str, code: &str, display: Option<&str>) -> J {
    let mut coding = Obj::new();
    coding
        .put_str("system", Some(system))
        .put_str("code", Some(code))
        .put_str("display", display);
    let mut o = Obj::new();
    o.put("coding", J::Arr(vec![J::Obj(coding)]));
    J::Obj(o)
}

/// An element holding only a `data-absent-reason` extension: FHIR's way of saying a
/// required value is not known. The reason follows the null flavor (`masked`,
/// `asked-unknown`, `not-asked`, `not-applicable`) and is `unknown` otherwise.
pub(super) fn absent(null_flavor: Option<&str>) -> J {
    let reason = match null_flavor {
        Some("MSK") => "masked",
        Some("ASKU") => "asked-unknown",
        Some("NASK") => "not-asked",
        Some("NA") => "not-applicable",
        Some("NAV") => "temp-unknown",
        _ => "unknown",
    };
    let mut ext = Obj::new();
    ext.put_str("url", Some(DATA_ABSENT))
        .put_str("valueCode", Some(reason));
    let mut o = Obj::new();
    o.put("extension", J::Arr(vec![J::Obj(ext)]));
    J::Obj(o)
}

/// Puts a required `code` primitive: the value, or else `_key` with a
/// `data-absent-reason` extension.
pub(super) fn put_required_code(o: &mut Obj, key: &str, value: Option<&str>) {
    match value {
        Some(v) => {
            o.put_str(key, Some(v));
        }
        None => {
            o.put(&format!("_{key}"), absent(None));
        }
    }
}

/// A date-time as FHIR writes it, at most as precise as the model kept it and never more.
/// FHIR's dateTime has no hour or minute precision and wants a zone with any time, so a
/// time with only hours or minutes, or without a zone, is written as its date (the time
/// is dropped, not padded). A null-flavor-only or unreadable time is nothing.
pub(super) fn date_time(t: &PartialDateTime) -> Option<String> {
    let value = t.value.as_deref()?;
    let date = |n: usize| value.get(..n).map(str::to_string);
    let written = match t.precision? {
        Precision::Year => date(4),
        Precision::Month => date(7),
        Precision::Day | Precision::Hour | Precision::Minute => date(10),
        Precision::Second | Precision::Subsecond if has_zone(value) => Some(value.to_string()),
        Precision::Second | Precision::Subsecond => date(10),
    }?;
    valid_date_part(&written).then_some(written)
}

/// A date as FHIR's `date` type writes it: the date-time cut to at most a day.
pub(super) fn date_only(t: &PartialDateTime) -> Option<String> {
    let written = date_time(t)?;
    Some(written.get(..10).unwrap_or(&written).to_string())
}

/// An `instant`: only a date-time with seconds and a zone.
pub(super) fn instant(t: &PartialDateTime) -> Option<String> {
    let written = date_time(t)?;
    (written.len() > 10).then_some(written)
}

/// Whether a date-time text ends with a zone (`Z`, `+hh:mm`, `-hh:mm`).
fn has_zone(value: &str) -> bool {
    if value.ends_with('Z') {
        return true;
    }
    let b = value.as_bytes();
    b.len() > 16
        && matches!(b.get(b.len() - 6), Some(b'+' | b'-'))
        && b.get(b.len() - 3) == Some(&b':')
}

/// Whether the date part of a written date-time is a calendar date: a year from 0001, a
/// month 01–12, a day that month has.
fn valid_date_part(value: &str) -> bool {
    let number = |r: std::ops::Range<usize>| {
        value
            .get(r)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    let Some(year) = number(0..4).filter(|y| *y > 0) else {
        return false;
    };
    if value.len() < 7 {
        return true;
    }
    let Some(month) = number(5..7).filter(|m| (1..=12).contains(m)) else {
        return false;
    };
    if value.len() < 10 {
        return true;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    number(8..10).is_some_and(|d| (1..=days).contains(&d))
}

/// An optional date-time as a string value.
pub(super) fn date_time_opt(t: Option<&PartialDateTime>) -> Option<J> {
    t.and_then(date_time).map(J::Str)
}

/// An interval as a Period (`low` → `start`, `high` → `end`; a single point is the start
/// and the end); a point besides the bounds is the project's `interval-point` extension
/// (`valueDateTime`, on the Period).
pub(super) fn period(i: &Interval) -> Option<J> {
    let mut o = Obj::new();
    match (&i.low, &i.high) {
        (None, None) => {
            let point = date_time_opt(i.value.as_ref().or(i.center.as_ref()));
            o.put("start", point.clone()).put("end", point);
        }
        (low, high) => {
            if let Some(point) = date_time_opt(i.value.as_ref()) {
                let mut e = Obj::new();
                e.put_str("url", Some(&super::extensions::url("interval-point")))
                    .put("valueDateTime", point);
                o.put("extension", J::Arr(vec![J::Obj(e)]));
            }
            o.put("start", date_time_opt(low.as_ref()))
                .put("end", date_time_opt(high.as_ref()));
        }
    }
    o.some()
}

/// Puts a choice of time (`effective[x]`, `onset[x]`, `performed[x]`, ...): `prefixDateTime`
/// for a single point, else `prefixPeriod`.
pub(super) fn put_time(o: &mut Obj, prefix: &str, i: Option<&Interval>) {
    let Some(i) = i else { return };
    if i.low.is_none() && i.high.is_none() {
        if let Some(t) = date_time_opt(i.value.as_ref().or(i.center.as_ref())) {
            o.put(&format!("{prefix}DateTime"), t);
        }
        return;
    }
    o.put(&format!("{prefix}Period"), period(i));
}

/// The first point an interval gives (`value`, `low`, `center`, `high`).
pub(super) fn first_point(i: &Interval) -> Option<&PartialDateTime> {
    [&i.value, &i.low, &i.center, &i.high]
        .into_iter()
        .flatten()
        .find(|t| date_time(t).is_some())
}

/// A Quantity: the value's decimal text verbatim; the unit, with its system (a C-CDA
/// physical quantity's unit is UCUM: `ucum` says so) and code when the system is known;
/// the same amount in other units as the project's `quantity-translation` extensions
/// (`valueCoding`, on the Quantity).
pub(super) fn quantity(q: &Quantity, ucum: bool) -> Option<J> {
    let mut o = Obj::new();
    let translation = super::extensions::url("quantity-translation");
    o.put_all(
        "extension",
        q.translations.iter().filter_map(coding).map(|c| {
            let mut e = Obj::new();
            e.put_str("url", Some(&translation)).put("valueCoding", c);
            J::Obj(e)
        }),
    );
    o.put("value", q.value.as_deref().and_then(J::decimal));
    if let Some(c) = q
        .comparator
        .as_deref()
        .filter(|c| ["<", "<=", ">=", ">"].contains(c))
    {
        o.put_str("comparator", Some(c));
    }
    let unit = q.unit.as_deref().and_then(code_text);
    let system = q
        .unit_system
        .as_deref()
        .and_then(system_uri)
        .or_else(|| (ucum && unit.is_some()).then(|| UCUM.to_string()));
    o.put("unit", unit.clone().map(J::Str));
    if let (Some(system), Some(unit)) = (system, unit) {
        o.put("system", J::Str(system)).put("code", J::Str(unit));
    }
    o.some()
}

/// An optional Quantity.
pub(super) fn quantity_opt(q: Option<&Quantity>, ucum: bool) -> Option<J> {
    q.and_then(|q| quantity(q, ucum))
}

/// A Range.
pub(super) fn range(r: &QuantityRange, ucum: bool) -> Option<J> {
    let mut o = Obj::new();
    o.put("low", quantity_opt(r.low.as_ref(), ucum))
        .put("high", quantity_opt(r.high.as_ref(), ucum));
    o.some()
}

/// A Ratio.
pub(super) fn ratio(r: &Ratio, ucum: bool) -> Option<J> {
    let mut o = Obj::new();
    o.put("numerator", quantity_opt(r.numerator.as_ref(), ucum))
        .put("denominator", quantity_opt(r.denominator.as_ref(), ucum));
    o.some()
}

/// Money: the amount's decimal text verbatim, and an ISO 4217 currency when it is one.
pub(super) fn money(m: &Money) -> Option<J> {
    let mut o = Obj::new();
    o.put("value", m.value.as_deref().and_then(J::decimal));
    let currency = m
        .currency
        .as_deref()
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
    o.put_str("currency", currency);
    o.some()
}

/// An Identifier. A C-CDA id with only a root (an OID or UUID) is written as FHIR does:
/// system `urn:ietf:rfc:3986` and the root as a URI value. A masked or absent id (a null
/// flavor, with or without its root) is nothing.
pub(super) fn identifier(i: &Identifier) -> Option<J> {
    let value = i.value.as_deref().filter(|v| !v.trim().is_empty());
    let system = i.system.as_deref().filter(|s| !s.trim().is_empty());
    let (system, value) = match (system, value) {
        (Some(s), Some(v)) => (system_uri(s), Some(v.to_string())),
        // A masked or absent id (`nullFlavor`) names only its namespace: nothing to write.
        (Some(_), None) if i.null_flavor.is_some() => return None,
        (Some(s), None) => (Some("urn:ietf:rfc:3986".to_string()), system_uri(s)),
        (None, Some(v)) => (None, Some(v.to_string())),
        (None, None) if i.kind.is_some() => (None, None),
        (None, None) => return None,
    };
    // An identifier says at least its value, or what kind of identifier it is.
    if value.is_none() && i.kind.is_none() {
        return None;
    }
    let mut o = Obj::new();
    o.put("type", concept_opt(i.kind.as_deref()))
        .put("system", system.map(J::Str))
        .put("value", value.map(J::Str));
    if let Some(a) = i.assigner.as_deref() {
        let mut assigner = Obj::new();
        assigner.put_str("display", Some(a));
        o.put("assigner", assigner.some());
    }
    o.some()
}

/// Every identifier that is one.
pub(super) fn identifiers(ids: &[Identifier]) -> Vec<J> {
    ids.iter().filter_map(identifier).collect()
}

/// A name's use: FHIR's codes as found; C-CDA `L` official, `P`/`A` nickname... (other
/// uses have no FHIR counterpart and are left out).
fn name_use(usage: &str) -> Option<&'static str> {
    Some(match usage {
        "usual" => "usual",
        "official" | "L" | "OR" => "official",
        "temp" => "temp",
        "nickname" | "P" | "A" => "nickname",
        "anonymous" | "ANON" => "anonymous",
        "old" | "OLD" => "old",
        "maiden" | "BR" => "maiden",
        _ => return None,
    })
}

/// A HumanName.
pub(super) fn human_name(n: &PersonName) -> Option<J> {
    let mut o = Obj::new();
    o.put_str("use", n.usage.as_deref().and_then(name_use))
        .put_str("text", n.text.as_deref())
        .put_str("family", n.family.as_deref())
        .put_all("given", n.given.iter().filter_map(|g| J::str(g)))
        .put_all("prefix", n.prefix.iter().filter_map(|g| J::str(g)))
        .put_all("suffix", n.suffix.iter().filter_map(|g| J::str(g)))
        .put("period", n.period.as_deref().and_then(period));
    let has_name = o.has("text") || o.has("family") || o.has("given");
    if !has_name {
        return None;
    }
    o.some()
}

/// A person's name as display text (`given family`, or the name's text).
pub(super) fn name_text(n: &PersonName) -> Option<String> {
    if let Some(t) = n.text.as_deref().filter(|t| !t.trim().is_empty()) {
        return Some(t.to_string());
    }
    let parts: Vec<&str> = n
        .prefix
        .iter()
        .chain(&n.given)
        .chain(&n.family)
        .chain(&n.suffix)
        .map(String::as_str)
        .filter(|p| !p.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// An address's use (C-CDA `H`/`HP` home, `WP` work, `TMP` temp, `OLD`/`BAD` old).
fn address_use(usage: &str) -> Option<&'static str> {
    Some(match usage {
        "home" | "H" | "HP" | "HV" => "home",
        "work" | "WP" | "DIR" | "PUB" => "work",
        "temp" | "TMP" => "temp",
        "old" | "OLD" | "BAD" => "old",
        "billing" => "billing",
        _ => return None,
    })
}

/// An Address.
pub(super) fn address(a: &Address) -> Option<J> {
    let mut o = Obj::new();
    o.put_str("use", a.usage.as_deref().and_then(address_use))
        .put_str("text", a.text.as_deref())
        .put_all("line", a.lines.iter().filter_map(|l| J::str(l)))
        .put_str("city", a.city.as_deref())
        .put_str("district", a.district.as_deref())
        .put_str("state", a.state.as_deref())
        .put_str("postalCode", a.postal_code.as_deref())
        .put_str("country", a.country.as_deref())
        .put("period", a.period.as_deref().and_then(period));
    o.some()
}

/// A contact point's use (C-CDA `HP`/`H` home, `WP` work, `MC` mobile, `TMP` temp).
fn telecom_use(usage: &str) -> Option<&'static str> {
    Some(match usage {
        "home" | "H" | "HP" | "HV" => "home",
        "work" | "WP" | "DIR" | "PUB" => "work",
        "temp" | "TMP" => "temp",
        "old" | "BAD" => "old",
        "mobile" | "MC" | "PG" => "mobile",
        _ => return None,
    })
}

/// A ContactPoint.
pub(super) fn telecom(t: &Telecom) -> Option<J> {
    let value = t.value.as_deref().and_then(J::str)?;
    let system = t
        .system
        .as_deref()
        .filter(|s| ["phone", "fax", "email", "pager", "url", "sms", "other"].contains(s));
    let mut o = Obj::new();
    // cpt-2: a contact point with a value has a system.
    o.put_str("system", Some(system.unwrap_or("other")))
        .put("value", value)
        .put_str("use", t.usage.as_deref().and_then(telecom_use));
    o.some()
}

/// An Attachment: text content is base64-encoded, base64 content is written as found.
pub(super) fn attachment(a: &Attachment) -> Option<J> {
    let data = match (a.data.as_deref(), a.encoding.as_deref()) {
        (Some(d), Some("base64")) => Some(
            d.chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect::<String>(),
        ),
        (Some(d), _) => Some(base64::engine::general_purpose::STANDARD.encode(d.as_bytes())),
        (None, _) => None,
    };
    let mut o = Obj::new();
    o.put_str(
        "contentType",
        a.media_type.as_deref().and_then(code_text).as_deref(),
    )
    .put("data", data.and_then(|d| J::str(&d)))
    .put_str(
        "url",
        a.reference
            .as_deref()
            .filter(|u| !u.contains(char::is_whitespace)),
    )
    .put_str("title", a.title.as_deref());
    o.some()
}

/// A plain-text attachment.
pub(super) fn text_attachment(text: &str, title: Option<&str>) -> Option<J> {
    attachment(&Attachment {
        media_type: Some("text/plain; charset=utf-8".into()),
        data: Some(text.to_string()).filter(|t| !t.is_empty()),
        title: title.map(str::to_string),
        ..Default::default()
    })
}

/// Comments as Annotations.
pub(super) fn annotations(notes: &[String]) -> Vec<J> {
    notes
        .iter()
        .filter_map(|n| {
            let mut o = Obj::new();
            o.put_str("text", Some(n));
            o.some()
        })
        .collect()
}

/// A Reference that names its target only by text (a person, organization or place the
/// Bundle holds no resource for).
pub(super) fn display_reference(display: Option<&str>) -> Option<J> {
    let mut o = Obj::new();
    o.put_str("display", display);
    o.some()
}

/// A Reference to a person the Bundle holds no resource for: their name (or their
/// organization's) as `display`, their first identifier as `identifier`.
pub(super) fn party_reference(p: &Participant) -> Option<J> {
    let name = p
        .name
        .as_ref()
        .and_then(name_text)
        .or_else(|| p.organization.as_ref().and_then(|o| o.name.clone()))
        .or_else(|| p.device.clone());
    let id = p
        .ids
        .iter()
        .chain(p.organization.iter().flat_map(|o| &o.ids))
        .find_map(identifier);
    let mut o = Obj::new();
    o.put("identifier", id).put_str("display", name.as_deref());
    o.some()
}

/// The ISO 4217 currency system the reader gives a Money value's unit.
const CURRENCY: &str = "urn:iso:std:iso:4217";

/// Puts a polymorphic value as `prefix` + its FHIR type (`valueQuantity`,
/// `valueCodeableConcept`, ...); a quantity in a currency is Money. Returns whether
/// anything was written; the caller leaves out kinds its element does not allow.
pub(super) fn put_value(o: &mut Obj, prefix: &str, v: &Value, ucum: bool) -> bool {
    let (kind, value) = match v.kind {
        ValueKind::Quantity => match v.quantity.as_ref() {
            Some(q) if q.unit_system.as_deref() == Some(CURRENCY) => (
                "Money",
                money(&Money {
                    value: q.value.clone(),
                    currency: q.unit.clone(),
                }),
            ),
            q => ("Quantity", quantity_opt(q, ucum)),
        },
        ValueKind::Range => ("Range", v.range.as_ref().and_then(|r| range(r, ucum))),
        ValueKind::Ratio => ("Ratio", v.ratio.as_ref().and_then(|r| ratio(r, ucum))),
        ValueKind::Coded => ("CodeableConcept", concept_opt(v.coded.as_ref())),
        ValueKind::Text => ("String", v.text.as_deref().and_then(J::str)),
        ValueKind::Integer => ("Integer", v.integer.and_then(|n| int32(n, false))),
        ValueKind::Boolean => ("Boolean", v.boolean.map(J::Bool)),
        ValueKind::Time => match v.time.as_ref() {
            Some(i) if i.low.is_none() && i.high.is_none() => (
                "DateTime",
                date_time_opt(i.value.as_ref().or(i.center.as_ref())),
            ),
            Some(i) => ("Period", period(i)),
            None => ("DateTime", None),
        },
        ValueKind::Attachment => ("Attachment", v.attachment.as_deref().and_then(attachment)),
        ValueKind::Absent => ("", None),
    };
    let Some(value) = value else { return false };
    o.put(&format!("{prefix}{kind}"), value);
    true
}

/// A Reference to a Bundle entry.
pub(super) fn reference(full_url: &str) -> J {
    let mut o = Obj::new();
    o.put_str("reference", Some(full_url));
    J::Obj(o)
}

/// An integer FHIR can hold (`integer` is 32-bit); `positive` asks for a `positiveInt`.
pub(super) fn int32(n: i64, positive: bool) -> Option<J> {
    let fits = i32::try_from(n).is_ok() && (!positive || n > 0);
    fits.then(|| J::int(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(value: &str, precision: Precision) -> PartialDateTime {
        PartialDateTime {
            value: Some(value.into()),
            precision: Some(precision),
            ..Default::default()
        }
    }

    #[test]
    fn oids_become_uris() {
        let uri = |s| system_uri(s).unwrap();
        assert_eq!(uri("2.16.840.1.113883.6.96"), "http://snomed.info/sct");
        assert_eq!(uri("2.16.840.1.113883.6.1"), "http://loinc.org");
        assert_eq!(
            uri("2.16.840.1.113883.6.88"),
            "http://www.nlm.nih.gov/research/umls/rxnorm"
        );
        assert_eq!(
            uri("2.16.840.1.113883.12.292"),
            "http://hl7.org/fhir/sid/cvx"
        );
        assert_eq!(
            uri("2.16.840.1.113883.6.90"),
            "http://hl7.org/fhir/sid/icd-10-cm"
        );
        assert_eq!(
            uri("2.16.840.1.113883.6.12"),
            "http://www.ama-assn.org/go/cpt"
        );
        assert_eq!(uri("2.16.840.1.113883.6.69"), "http://hl7.org/fhir/sid/ndc");
        assert_eq!(uri("2.16.840.1.113883.6.8"), UCUM);
        assert_eq!(uri("urn:oid:2.16.840.1.113883.6.1"), "http://loinc.org");
        assert_eq!(
            uri("2.16.840.1.113883.19.5"),
            "urn:oid:2.16.840.1.113883.19.5"
        );
        assert_eq!(
            uri("DB34C3A4-7A4F-4D5A-9E0F-1C2B3A4D5E6F"),
            "urn:uuid:db34c3a4-7a4f-4d5a-9e0f-1c2b3a4d5e6f"
        );
        assert_eq!(uri("http://loinc.org"), "http://loinc.org");
        assert_eq!(system_uri("not a uri"), None);
    }

    #[test]
    fn dates_keep_their_precision_and_never_gain_any() {
        let w = |v, p| date_time(&at(v, p));
        assert_eq!(w("2013", Precision::Year).as_deref(), Some("2013"));
        assert_eq!(w("2013-05", Precision::Month).as_deref(), Some("2013-05"));
        assert_eq!(
            w("2013-05-01", Precision::Day).as_deref(),
            Some("2013-05-01")
        );
        // FHIR has no minute precision and wants a zone with a time: the date is kept.
        assert_eq!(
            w("2013-05-01T10:30-05:00", Precision::Minute).as_deref(),
            Some("2013-05-01")
        );
        assert_eq!(
            w("2013-05-01T10:30:15", Precision::Second).as_deref(),
            Some("2013-05-01")
        );
        assert_eq!(
            w("2013-05-01T10:30:15-05:00", Precision::Second).as_deref(),
            Some("2013-05-01T10:30:15-05:00")
        );
        assert_eq!(
            w("2013-05-01T10:30:15.25Z", Precision::Subsecond).as_deref(),
            Some("2013-05-01T10:30:15.25Z")
        );
        assert_eq!(w("2013-13", Precision::Month), None);
        assert_eq!(w("2011-06-31", Precision::Day), None);
        assert_eq!(
            w("2012-02-29", Precision::Day).as_deref(),
            Some("2012-02-29")
        );
        assert_eq!(w("2013-02-29", Precision::Day), None);
        let null = PartialDateTime {
            null_flavor: Some("UNK".into()),
            ..Default::default()
        };
        assert_eq!(date_time(&null), None);
        assert_eq!(
            date_only(&at("2013-05-01T10:30:15Z", Precision::Second)).as_deref(),
            Some("2013-05-01")
        );
        assert_eq!(instant(&at("2013-05-01", Precision::Day)), None);
    }

    #[test]
    fn quantities_and_money_keep_exact_decimals() {
        let q = Quantity {
            value: Some("12.50".into()),
            unit: Some("mg/dL".into()),
            ..Default::default()
        };
        assert_eq!(
            quantity(&q, true).unwrap().compact(),
            r#"{"value":12.50,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}"#
        );
        assert_eq!(
            quantity(&q, false).unwrap().compact(),
            r#"{"value":12.50,"unit":"mg/dL"}"#
        );
        let m = Money {
            value: Some("1040.10".into()),
            currency: Some("USD".into()),
        };
        assert_eq!(
            money(&m).unwrap().compact(),
            r#"{"value":1040.10,"currency":"USD"}"#
        );
    }

    #[test]
    fn concepts_identifiers_and_absent_values() {
        let c = Coded {
            code: Some(" 7980 ".into()),
            system: Some("2.16.840.1.113883.6.88".into()),
            display: Some("Penicillin G".into()),
            original_text: Some("penicillin".into()),
            translations: vec![Coding {
                code: Some("70618".into()),
                system: Some("2.16.840.1.113883.6.88".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(
            concept(&c).unwrap().compact(),
            concat!(
                r#"{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"7980","display":"Penicillin G"},"#,
                r#"{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"70618"}],"text":"penicillin"}"#
            )
        );
        let null = Coded {
            null_flavor: Some("ASKU".into()),
            ..Default::default()
        };
        assert_eq!(
            required_concept(Some(&null)).compact(),
            r#"{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"asked-unknown"}]}"#
        );
        let root_only = Identifier {
            system: Some("2.16.840.1.113883.19.5.99999.1".into()),
            ..Default::default()
        };
        assert_eq!(
            identifier(&root_only).unwrap().compact(),
            r#"{"system":"urn:ietf:rfc:3986","value":"urn:oid:2.16.840.1.113883.19.5.99999.1"}"#
        );
        let masked = Identifier {
            system: Some("2.16.840.1.113883.4.1".into()),
            null_flavor: Some("MSK".into()),
            ..Default::default()
        };
        assert_eq!(identifier(&masked), None);
    }
}
