//! ANY: an observation `value`, whose `xsi:type` says what it holds.

use bluebutton_model::{Attachment, Coded, Interval, Value, ValueKind, WarningCode};

use super::coded::read_cd_with;
use super::quantity::{pq_with, range_with, read_ratio};
use super::text::read_text_ref;
use super::time::read_interval;
use crate::ccda::context::{flag, own, Attrs, Cx, Res};
use crate::xml::Elem;

/// An observation value as read, plus the narrative reference of its text
/// (`originalText` of a CD, `reference` of an ED) until the narrative resolves it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Val {
    /// The value.
    pub value: Value,
    /// The unresolved narrative reference.
    pub reference: Option<String>,
}

/// Reads a `value` element by its `xsi:type` into `val`, which starts as the default
/// (filled in place: a `Val` is large, and returning one copies it). Without a type,
/// code attributes make it coded, `@value` a quantity, and text a string.
pub(crate) fn read_value<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, val: &mut Val) -> Res<()> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    let source_type = a.xsi_type();
    let v = &mut val.value;
    v.source_type = source_type.map(str::to_owned);
    v.null_flavor = own(&a.null_flavor);
    let ty = match source_type {
        Some(t) => t,
        None if a.code.is_some() || a.code_system.is_some() => "CD",
        None if a.value.is_some() => "PQ",
        None => "ST",
    };
    match ty {
        "CD" | "CE" | "CV" | "CO" | "CS" | "SC" if ty != "SC" || a.code.is_some() => {
            let cd = read_cd_with(cx, e, &a)?;
            v.kind = ValueKind::Coded;
            v.coded = Some(cd.coded);
            val.reference = cd.reference;
        }
        "PQ" | "REAL" | "MO" => {
            v.kind = ValueKind::Quantity;
            v.quantity = pq_with(cx, e, &a)?;
        }
        "IVL_PQ" | "IVL_REAL" => {
            let r = range_with(cx, e, &a)?;
            if let Some(range) = r.range {
                v.kind = ValueKind::Range;
                v.range = Some(Box::new(range));
            } else {
                v.kind = ValueKind::Quantity;
                v.quantity = r.value;
            }
        }
        t if t.starts_with("RTO") => {
            v.kind = ValueKind::Ratio;
            v.ratio = read_ratio(cx, e)?.map(Box::new);
        }
        "INT" => {
            let raw = own(&a.value);
            cx.skip(e)?;
            match raw.as_deref().map(str::parse::<i64>) {
                Some(Ok(n)) => {
                    v.kind = ValueKind::Integer;
                    v.integer = Some(n);
                }
                Some(Err(_)) => {
                    cx.warn(
                        WarningCode::InvalidNumber,
                        "<value xsi:type=\"INT\"> is not an integer; kept as text",
                        e.offset(),
                    );
                    v.kind = ValueKind::Text;
                    v.text = raw;
                }
                None => {}
            }
        }
        "BL" => {
            v.boolean = flag(&a.value);
            if v.boolean.is_some() {
                v.kind = ValueKind::Boolean;
            }
            cx.skip(e)?;
        }
        "TS" | "IVL_TS" => {
            // `read_interval` reads the attributes again; values are rarely times.
            let ivl: Option<Interval> = read_interval(cx, e)?;
            if ivl.is_some() {
                v.kind = ValueKind::Time;
                v.time = ivl.map(Box::new);
            }
        }
        "ED" => {
            let media_type = own(&a.media_type);
            let b64 = a.representation.as_deref() == Some("B64");
            let t = read_text_ref(cx, e)?;
            v.kind = ValueKind::Attachment;
            v.attachment = Some(Box::new(Attachment {
                media_type,
                data: t.text.clone(),
                encoding: b64.then(|| "base64".to_owned()),
                reference: t.reference.clone(),
                title: None,
            }));
            if !b64 {
                v.text = t.text;
                val.reference = t.reference;
            }
        }
        _ => {
            let t = read_text_ref(cx, e)?;
            v.text = t.text;
            val.reference = t.reference;
            if v.text.is_some() || val.reference.is_some() {
                v.kind = ValueKind::Text;
            }
        }
    }
    if val.value.kind == ValueKind::Quantity && val.value.quantity.is_none() {
        val.value.kind = ValueKind::Absent;
    }
    Ok(())
}

/// A value that holds nothing but a null flavor carries no payload: an empty quantity,
/// coded concept or attachment (`<value xsi:type="PQ" nullFlavor="NA"/>`,
/// `<value xsi:type="CD"/>`) leaves the kind absent, with the null flavor kept on the
/// value. Applied once references are resolved (a coded value may get its text then).
/// In place: a `Value` is large, and passing one through copies it.
pub(crate) fn tidy(v: &mut Value) {
    if v.quantity
        .as_ref()
        .is_some_and(|q| q.value.is_none() && q.unit.is_none() && q.translations.is_empty())
    {
        if let Some(q) = v.quantity.take() {
            v.null_flavor = v.null_flavor.take().or(q.null_flavor);
        }
    }
    if v.coded.as_ref().is_some_and(|c| {
        *c == Coded {
            null_flavor: c.null_flavor.clone(),
            ..Coded::default()
        }
    }) {
        if let Some(c) = v.coded.take() {
            v.null_flavor = v.null_flavor.take().or(c.null_flavor);
        }
    }
    if v.attachment
        .as_ref()
        .is_some_and(|a| **a == Attachment::default())
    {
        v.attachment = None;
    }
    let holds = match v.kind {
        ValueKind::Quantity => v.quantity.is_some(),
        ValueKind::Coded => v.coded.is_some(),
        ValueKind::Attachment => v.attachment.is_some() || v.text.is_some(),
        _ => true,
    };
    if !holds {
        v.kind = ValueKind::Absent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bluebutton_model::Quantity;

    fn val(xml: &str) -> Val {
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let mut val = Val::default();
        read_value(&mut cx, &root, &mut val).unwrap();
        val
    }

    #[test]
    fn typed_values() {
        let v =
            val(r#"<value xsi:type="CD" code="419199007" codeSystem="2.16.840.1.113883.6.96"/>"#);
        assert_eq!(v.value.kind, ValueKind::Coded);
        assert_eq!(v.value.source_type.as_deref(), Some("CD"));
        let v = val(r#"<value xsi:type="PQ" value="120" unit="mm[Hg]"/>"#);
        assert_eq!(v.value.quantity.unwrap().value.as_deref(), Some("120"));
        let v = val(r#"<value xsi:type="IVL_PQ"><low value="4" unit="a"/></value>"#);
        assert_eq!(v.value.kind, ValueKind::Range);
        let v = val(r#"<value xsi:type="ST">  free   text </value>"#);
        assert_eq!(v.value.text.as_deref(), Some("free text"));
        let v = val(r#"<value xsi:type="INT" value="3"/>"#);
        assert_eq!(v.value.integer, Some(3));
        let v = val(r#"<value xsi:type="BL" value="true"/>"#);
        assert_eq!(v.value.boolean, Some(true));
        let v = val(r#"<value xsi:type="TS" value="20200101"/>"#);
        assert_eq!(v.value.kind, ValueKind::Time);
        let v = val(r#"<value xsi:type="CD" nullFlavor="UNK"/>"#);
        assert_eq!(v.value.kind, ValueKind::Coded);
        assert_eq!(v.value.null_flavor.as_deref(), Some("UNK"));
        let v = val(r##"<value xsi:type="ED"><reference value="#n1"/></value>"##);
        assert_eq!(v.reference.as_deref(), Some("#n1"));
    }

    #[test]
    fn untyped_values_are_guessed_from_their_shape() {
        assert_eq!(
            val(r#"<value code="1" codeSystem="2"/>"#).value.kind,
            ValueKind::Coded
        );
        assert_eq!(
            val(r#"<value value="5" unit="kg"/>"#).value.kind,
            ValueKind::Quantity
        );
        assert_eq!(val("<value>text</value>").value.kind, ValueKind::Text);
        assert_eq!(val("<value/>").value.kind, ValueKind::Absent);
    }

    #[test]
    fn null_flavored_values_are_absent() {
        let mut v = Value {
            kind: ValueKind::Attachment,
            attachment: Some(Box::default()),
            null_flavor: Some("NI".into()),
            ..Value::default()
        };
        tidy(&mut v);
        assert_eq!((v.kind, v.attachment), (ValueKind::Absent, None));
        let mut v = Value {
            kind: ValueKind::Attachment,
            attachment: Some(Box::new(Attachment {
                data: Some("x".into()),
                ..Attachment::default()
            })),
            ..Value::default()
        };
        tidy(&mut v);
        assert_eq!(v.kind, ValueKind::Attachment);
        let mut v = Value {
            kind: ValueKind::Quantity,
            quantity: Some(Quantity {
                null_flavor: Some("NA".into()),
                ..Quantity::default()
            }),
            ..Value::default()
        };
        tidy(&mut v);
        assert_eq!((v.kind, v.quantity), (ValueKind::Absent, None));
        assert_eq!(v.null_flavor.as_deref(), Some("NA"));
        let mut v = Value {
            kind: ValueKind::Quantity,
            quantity: Some(Quantity {
                value: Some("1".into()),
                ..Quantity::default()
            }),
            ..Value::default()
        };
        tidy(&mut v);
        assert_eq!(v.kind, ValueKind::Quantity);
    }

    #[test]
    fn empty_coded_values_are_absent() {
        let mut v = Value {
            kind: ValueKind::Coded,
            coded: Some(Coded::default()),
            ..Value::default()
        };
        tidy(&mut v);
        assert_eq!((v.kind, v.coded), (ValueKind::Absent, None));
        let mut v = Value {
            kind: ValueKind::Coded,
            coded: Some(Coded {
                null_flavor: Some("UNK".into()),
                ..Coded::default()
            }),
            ..Value::default()
        };
        tidy(&mut v);
        assert_eq!(
            (v.kind, v.null_flavor.as_deref()),
            (ValueKind::Absent, Some("UNK"))
        );
        let mut v = Value {
            kind: ValueKind::Coded,
            coded: Some(Coded {
                original_text: Some("Positive".into()),
                ..Coded::default()
            }),
            ..Value::default()
        };
        tidy(&mut v);
        assert_eq!(v.kind, ValueKind::Coded);
    }
}
