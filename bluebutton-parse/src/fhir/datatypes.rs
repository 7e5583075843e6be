//! FHIR data types into model values: CodeableConcept and Coding, date/dateTime and
//! Period, Quantity, Money, Range, Ratio, Identifier, HumanName, Address, ContactPoint,
//! Attachment, Annotation and `value[x]`.
//!
//! Decimals keep the text the source wrote; dates keep their precision and zone.

use super::json::{Json, Object};
use super::Ctx;
use crate::fhir_out::extensions::url;
use base64::Engine;
use bluebutton_model::{
    Address, Attachment, Coded, Coding, Identifier, Money, NamedValue, PartialDateTime, PersonName,
    Precision, Quantity, QuantityRange, Ratio, Telecom, Value, ValueKind, WarningCode,
};

/// A CodeableConcept: the first coding is the code, the others its translations.
pub(super) fn coded(o: &Object<'_>) -> Coded {
    let mut codings = o.objects("coding").map(coding);
    let first = codings.next().unwrap_or_default();
    Coded {
        code: first.code,
        system: first.system,
        system_version: first.system_version,
        display: first.display,
        original_text: o.string("text"),
        translations: codings.collect(),
        qualifiers: super::extensions::qualifiers(o),
        ..Default::default()
    }
}

/// A CodeableConcept member, when present and not empty.
pub(super) fn coded_at(o: &Object<'_>, key: &str) -> Option<Coded> {
    o.obj(key).map(coded).filter(|c| *c != Coded::default())
}

/// Every CodeableConcept of an array member.
pub(super) fn coded_all(o: &Object<'_>, key: &str) -> Vec<Coded> {
    o.objects(key).map(coded).collect()
}

/// One Coding.
pub(super) fn coding(o: &Object<'_>) -> Coding {
    Coding {
        code: o.string("code"),
        system: o.string("system"),
        system_version: o.string("version"),
        display: o.string("display"),
        ..Default::default()
    }
}

/// A Coding as a coded value with no translations.
pub(super) fn coding_as_coded(o: &Object<'_>) -> Coded {
    let c = coding(o);
    Coded {
        code: c.code,
        system: c.system,
        system_version: c.system_version,
        display: c.display,
        ..Default::default()
    }
}

/// A bare `code` value (FHIR `code` type) as a coded value in `system`.
pub(super) fn code_in(o: &Object<'_>, key: &str, system: &str) -> Option<Coded> {
    Some(Coded {
        code: o.string(key),
        system: Some(system.to_string()),
        ..Default::default()
    })
    .filter(|c| c.code.is_some())
}

/// The codes of every CodeableConcept of an array member (FHIR `category` as text).
pub(super) fn codes<'s>(o: &'s Object<'_>, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
    o.objects(key)
        .flat_map(|c| c.objects("coding"))
        .filter_map(|c| c.str("code"))
}

/// The precision of FHIR date/dateTime/instant text, or `None` when it is not one.
pub(super) fn precision(text: &str) -> Option<Precision> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let at = |i: usize| b.get(i).copied();
    if !digits(0..4) {
        return None;
    }
    if b.len() == 4 {
        return Some(Precision::Year);
    }
    if at(4) != Some(b'-') || !digits(5..7) {
        return None;
    }
    if b.len() == 7 {
        return Some(Precision::Month);
    }
    if at(7) != Some(b'-') || !digits(8..10) {
        return None;
    }
    if b.len() == 10 {
        return Some(Precision::Day);
    }
    if at(10) != Some(b'T') || !digits(11..13) || at(13) != Some(b':') || !digits(14..16) {
        return None;
    }
    let (mut precision, mut i) = (Precision::Minute, 16);
    if at(16) == Some(b':') {
        if !digits(17..19) {
            return None;
        }
        precision = Precision::Second;
        i = 19;
        if at(19) == Some(b'.') {
            let n = b
                .get(20..)
                .unwrap_or_default()
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if n == 0 {
                return None;
            }
            precision = Precision::Subsecond;
            i = 20 + n;
        }
    }
    let zone = b.get(i..).unwrap_or_default();
    let zone_ok = match zone {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    };
    zone_ok.then_some(precision)
}

/// Dates, times, `value[x]` and extensions: the data types whose reading may warn (a date
/// that is not one).
impl Ctx<'_> {
    /// A FHIR date, dateTime or instant; text that is not one is kept in `raw` with a
    /// warning naming `element`.
    pub fn date(&mut self, text: &str, element: &str) -> PartialDateTime {
        match precision(text) {
            Some(p) => PartialDateTime {
                value: Some(text.to_string()),
                precision: Some(p),
                ..Default::default()
            },
            None => {
                self.warn(
                    WarningCode::InvalidDate,
                    format!("{element} is not a FHIR date or dateTime; kept as raw text"),
                );
                PartialDateTime {
                    raw: Some(text.to_string()),
                    ..Default::default()
                }
            }
        }
    }

    /// The date member `key`, when present.
    pub fn date_at(&mut self, o: &Object<'_>, key: &str) -> Option<PartialDateTime> {
        let text = o.str(key)?;
        Some(self.date(text, key))
    }

    /// A Period: `start` and `end`, and the point of the project's `interval-point`
    /// extension.
    pub fn period(&mut self, o: &Object<'_>) -> bluebutton_model::Interval {
        let point = url("interval-point");
        let value = o
            .objects("extension")
            .find(|e| e.str("url") == Some(point.as_str()))
            .and_then(|e| self.date_at(e, "valueDateTime"));
        bluebutton_model::Interval {
            value,
            low: self.date_at(o, "start"),
            high: self.date_at(o, "end"),
            ..Default::default()
        }
    }

    /// The Period member `key`, when present and not empty.
    pub fn period_at(&mut self, o: &Object<'_>, key: &str) -> Option<bluebutton_model::Interval> {
        let p = o.obj(key)?;
        Some(self.period(p)).filter(|i| *i != bluebutton_model::Interval::default())
    }

    /// A point in time as an interval's `value`.
    pub fn instant_at(&mut self, o: &Object<'_>, key: &str) -> Option<bluebutton_model::Interval> {
        self.date_at(o, key).map(|d| bluebutton_model::Interval {
            value: Some(d),
            ..Default::default()
        })
    }

    /// A choice of time types (`effective[x]`, `onset[x]`, `performed[x]`, ...):
    /// dateTime, date, instant or Period; other kinds are left to the caller.
    pub fn time_choice(
        &mut self,
        o: &Object<'_>,
        prefix: &str,
    ) -> Option<bluebutton_model::Interval> {
        let (kind, value) = o.choice(prefix)?;
        match (kind, value) {
            ("DateTime" | "Date" | "Instant", Json::String(s)) if !s.is_empty() => {
                let d = self.date(s, prefix);
                Some(bluebutton_model::Interval {
                    value: Some(d),
                    ..Default::default()
                })
            }
            ("Period", Json::Object(p)) => Some(self.period(p)),
            _ => None,
        }
    }

    /// A choice of time types that may also be a Timing (`timing[x]`, `occurrence[x]` of
    /// requests): as `time_choice`, or a Timing's bounds, else its first event.
    pub fn scheduled(
        &mut self,
        o: &Object<'_>,
        prefix: &str,
    ) -> Option<bluebutton_model::Interval> {
        self.time_choice(o, prefix).or_else(|| {
            let t = o.obj(&format!("{prefix}Timing"))?;
            let bounds = t
                .obj("repeat")
                .and_then(|r| self.period_at(r, "boundsPeriod"));
            bounds.or_else(|| {
                let first = t.array("event").first()?.as_str()?;
                let d = self.date(first, prefix);
                Some(bluebutton_model::Interval {
                    value: Some(d),
                    ..Default::default()
                })
            })
        })
    }

    /// A `value[x]` (or other polymorphic member named `prefix[x]`).
    pub fn value(&mut self, o: &Object<'_>, prefix: &str) -> Option<Value> {
        let (kind, json) = o.choice(prefix)?;
        let source_type = Some(format!("{prefix}{kind}"));
        let mut v = Value {
            source_type,
            ..Default::default()
        };
        match (kind, json) {
            (
                "Quantity" | "Age" | "Duration" | "Distance" | "Count" | "SimpleQuantity",
                Json::Object(q),
            ) => {
                v.kind = ValueKind::Quantity;
                v.quantity = Some(quantity(q));
            }
            ("CodeableConcept", Json::Object(c)) => {
                v.kind = ValueKind::Coded;
                v.coded = Some(coded(c));
            }
            ("Coding", Json::Object(c)) => {
                v.kind = ValueKind::Coded;
                v.coded = Some(coding_as_coded(c));
            }
            (
                "String" | "Markdown" | "Code" | "Uri" | "Url" | "Canonical" | "Id" | "Oid"
                | "Time",
                Json::String(s),
            ) => {
                v.kind = ValueKind::Text;
                v.text = Some(s.to_string());
            }
            ("Boolean", Json::Bool(b)) => {
                v.kind = ValueKind::Boolean;
                v.boolean = Some(*b);
            }
            ("Integer" | "PositiveInt" | "UnsignedInt", Json::Number(n)) => {
                v.kind = ValueKind::Integer;
                v.integer = n.parse().ok();
            }
            ("Decimal", Json::Number(n)) => {
                v.kind = ValueKind::Quantity;
                v.quantity = Some(Quantity {
                    value: Some(n.to_string()),
                    ..Default::default()
                });
            }
            ("Range", Json::Object(r)) => {
                v.kind = ValueKind::Range;
                v.range = Some(Box::new(range(r)));
            }
            ("Ratio", Json::Object(r)) => {
                v.kind = ValueKind::Ratio;
                v.ratio = Some(Box::new(ratio(r)));
            }
            ("Money", Json::Object(m)) => {
                v.kind = ValueKind::Quantity;
                let m = money(m);
                v.quantity = Some(Quantity {
                    value: m.value,
                    unit: m.currency,
                    unit_system: Some("urn:iso:std:iso:4217".into()),
                    ..Default::default()
                });
            }
            ("DateTime" | "Date" | "Instant" | "Period", _) => {
                v.kind = ValueKind::Time;
                v.time = self.time_choice(o, prefix).map(Box::new);
            }
            ("Attachment", Json::Object(a)) => {
                v.kind = ValueKind::Attachment;
                v.attachment = Some(Box::new(attachment(a)));
            }
            ("Reference", Json::Object(r)) => {
                v.kind = ValueKind::Text;
                v.text = r.string("display").or_else(|| r.string("reference"));
            }
            ("Identifier", Json::Object(i)) => {
                v.kind = ValueKind::Text;
                v.text = i.string("value");
            }
            _ => {}
        }
        Some(v)
    }

    /// Extensions as labelled values: the name's code is the extension URL; nested
    /// extensions (US Core race, CARIN) become one value each, named `url` then `part`.
    /// The FHIR writer's own extensions, read where they belong, are left out.
    pub fn extensions(&mut self, o: &Object<'_>) -> Vec<NamedValue> {
        let mut out = Vec::new();
        for ext in o.objects("extension") {
            let Some(url) = ext.str("url") else { continue };
            if super::extensions::is_own(url) {
                continue;
            }
            if let Some(value) = self.value(ext, "value") {
                out.push(named(url, value));
            }
            for part in ext.objects("extension") {
                let Some(part_url) = part.str("url") else {
                    continue;
                };
                if let Some(value) = self.value(part, "value") {
                    out.push(named(&format!("{url}#{part_url}"), value));
                }
            }
        }
        out
    }
}

/// A labelled value whose name is `label`.
pub(super) fn named(label: &str, value: Value) -> NamedValue {
    NamedValue {
        name: Some(Coded {
            code: Some(label.to_string()),
            ..Default::default()
        }),
        value: Some(value),
        ..Default::default()
    }
}

/// A text value.
pub(super) fn text_value(text: String) -> Value {
    Value {
        kind: ValueKind::Text,
        text: Some(text),
        ..Default::default()
    }
}

/// A coded value.
pub(super) fn coded_value(coded: Coded) -> Value {
    Value {
        kind: ValueKind::Coded,
        coded: Some(coded),
        ..Default::default()
    }
}

/// A Quantity; the value keeps its decimal text, the unit is `unit` or else `code`; its
/// `quantity-translation` extensions are its translations.
pub(super) fn quantity(o: &Object<'_>) -> Quantity {
    let translation = url("quantity-translation");
    Quantity {
        value: o.number("value").map(str::to_string),
        unit: o.string("unit").or_else(|| o.string("code")),
        unit_system: o.string("system"),
        comparator: o.string("comparator"),
        translations: o
            .objects("extension")
            .filter(|e| e.str("url") == Some(translation.as_str()))
            .filter_map(|e| e.obj("valueCoding"))
            .map(coding)
            .collect(),
        ..Default::default()
    }
}

/// The Quantity member `key`, when present.
pub(super) fn quantity_at(o: &Object<'_>, key: &str) -> Option<Quantity> {
    o.obj(key).map(quantity)
}

/// A Range.
pub(super) fn range(o: &Object<'_>) -> QuantityRange {
    QuantityRange {
        low: quantity_at(o, "low"),
        high: quantity_at(o, "high"),
    }
}

/// A Ratio.
pub(super) fn ratio(o: &Object<'_>) -> Ratio {
    Ratio {
        numerator: quantity_at(o, "numerator"),
        denominator: quantity_at(o, "denominator"),
    }
}

/// Money, as exact decimal text.
pub(super) fn money(o: &Object<'_>) -> Money {
    Money {
        value: o.number("value").map(str::to_string),
        currency: o.string("currency"),
    }
}

/// An Identifier.
pub(super) fn identifier(o: &Object<'_>) -> Identifier {
    Identifier {
        system: o.string("system"),
        value: o.string("value"),
        assigner: o.obj("assigner").and_then(|a| a.string("display")),
        kind: coded_at(o, "type").map(Box::new),
        ..Default::default()
    }
}

/// Every Identifier of the `identifier` member (an array, or one object).
pub(super) fn identifiers(o: &Object<'_>) -> Vec<Identifier> {
    o.objects("identifier").map(identifier).collect()
}

/// A HumanName.
pub(super) fn human_name(ctx: &mut Ctx<'_>, o: &Object<'_>) -> PersonName {
    PersonName {
        usage: o.string("use"),
        prefix: o.strings("prefix"),
        given: o.strings("given"),
        family: o.string("family"),
        suffix: o.strings("suffix"),
        text: o.string("text"),
        period: ctx.period_at(o, "period").map(Box::new),
        ..Default::default()
    }
}

/// The names of the `name` member: the `official` (or else first) one, then the others.
pub(super) fn names(ctx: &mut Ctx<'_>, o: &Object<'_>) -> (Option<PersonName>, Vec<PersonName>) {
    let mut all: Vec<PersonName> = o.objects("name").map(|n| human_name(ctx, n)).collect();
    let primary = all
        .iter()
        .position(|n| n.usage.as_deref() == Some("official"))
        .unwrap_or(0);
    if all.is_empty() {
        return (None, all);
    }
    let first = all.remove(primary);
    (Some(first), all)
}

/// An Address.
pub(super) fn address(ctx: &mut Ctx<'_>, o: &Object<'_>) -> Address {
    Address {
        usage: o.string("use"),
        lines: o.strings("line"),
        city: o.string("city"),
        district: o.string("district"),
        state: o.string("state"),
        postal_code: o.string("postalCode"),
        country: o.string("country"),
        text: o.string("text"),
        period: ctx.period_at(o, "period").map(Box::new),
        ..Default::default()
    }
}

/// Every Address of the `address` member.
pub(super) fn addresses(ctx: &mut Ctx<'_>, o: &Object<'_>) -> Vec<Address> {
    o.objects("address").map(|a| address(ctx, a)).collect()
}

/// Every ContactPoint of the `telecom` member.
pub(super) fn telecoms(o: &Object<'_>) -> Vec<Telecom> {
    o.objects("telecom")
        .map(|t| Telecom {
            system: t.string("system"),
            value: t.string("value"),
            usage: t.string("use"),
            ..Default::default()
        })
        .collect()
}

/// The texts of the Annotations of the `note` member.
pub(super) fn notes(o: &Object<'_>) -> Vec<String> {
    o.objects("note").filter_map(|n| n.string("text")).collect()
}

/// The narrative `text.div`, as found (XHTML).
pub(super) fn narrative(o: &Object<'_>) -> Option<String> {
    o.obj("text").and_then(|t| t.string("div"))
}

/// Whether a MIME type names text content.
fn is_text(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|m| {
        let m = m.to_ascii_lowercase();
        m.starts_with("text/") || m.contains("xml") || m.contains("json")
    })
}

/// The decoded bytes of an Attachment's base64 `data`.
pub(super) fn attachment_bytes(o: &Object<'_>) -> Option<Vec<u8>> {
    let data = o.str("data")?;
    let compact: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .ok()
}

/// An Attachment: text content is decoded, binary content stays base64 as found.
pub(super) fn attachment(o: &Object<'_>) -> Attachment {
    let media_type = o.string("contentType");
    let decoded = is_text(media_type.as_deref())
        .then(|| attachment_bytes(o))
        .flatten()
        .and_then(|b| String::from_utf8(b).ok());
    let (data, encoding) = match decoded {
        Some(text) => (Some(text), None),
        None => (
            o.string("data"),
            o.str("data").map(|_| "base64".to_string()),
        ),
    };
    Attachment {
        media_type,
        data,
        encoding,
        reference: o.string("url"),
        title: o.string("title"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_follows_the_text() {
        assert_eq!(precision("2013"), Some(Precision::Year));
        assert_eq!(precision("2013-05"), Some(Precision::Month));
        assert_eq!(precision("2013-05-01"), Some(Precision::Day));
        assert_eq!(precision("2013-05-01T10:30"), Some(Precision::Minute));
        assert_eq!(
            precision("2013-05-01T10:30:00-05:00"),
            Some(Precision::Second)
        );
        assert_eq!(
            precision("2013-05-01T10:30:00.123Z"),
            Some(Precision::Subsecond)
        );
        assert_eq!(precision("2013-5-1"), None);
        assert_eq!(precision("2013-05-01T10:30:00+0500"), None);
        assert_eq!(precision("May 2013"), None);
    }
}
