//! PQ, IVL_PQ, RTO and INT: amounts whose decimal text is kept exactly as written.

use bluebutton_model::{Quantity, QuantityRange, Ratio, WarningCode};

use super::coded::read_coding;
use crate::ccda::context::{own, Attrs, Cx, Res};
use crate::xml::Elem;

/// A PQ from attributes already read, plus `translation` children.
pub(crate) fn pq_with<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, a: &Attrs<'_>) -> Res<Option<Quantity>> {
    let mut q = Quantity {
        value: own(&a.value),
        unit: own(&a.unit).or_else(|| own(&a.currency)),
        null_flavor: own(&a.null_flavor),
        ..Quantity::default()
    };
    check_number(cx, q.value.as_deref(), e);
    while let Some(c) = cx.child(e)? {
        if c.is("translation") {
            q.translations.push(read_coding(cx, &c)?);
        } else {
            cx.skip(&c)?;
        }
    }
    Ok((q != Quantity::default()).then_some(q))
}

fn check_number(cx: &mut Cx<'_>, value: Option<&str>, e: &Elem<'_>) {
    if let Some(v) = value {
        let numeric = v.parse::<f64>().is_ok_and(f64::is_finite)
            && v.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
        if !numeric {
            cx.warn(
                WarningCode::InvalidNumber,
                format!(
                    "<{}> has a value that is not a number; kept as written",
                    e.local()
                ),
                e.offset(),
            );
        }
    }
}

/// Reads a PQ element (`doseQuantity`, `width`, `value` of type PQ, ...).
pub(crate) fn read_pq<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Quantity>> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    pq_with(cx, e, &a)
}

/// A PQ that may be given as an IVL_PQ: `value` when the element carries `@value` (or a
/// `center`), `range` when it has `low` or `high`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PqOrRange {
    /// The single amount.
    pub value: Option<Quantity>,
    /// The range.
    pub range: Option<QuantityRange>,
}

/// Reads a PQ or IVL_PQ element.
pub(crate) fn read_pq_or_range<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<PqOrRange> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    range_with(cx, e, &a)
}

/// Reads a PQ or IVL_PQ whose attributes were already read.
pub(crate) fn range_with<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, a: &Attrs<'_>) -> Res<PqOrRange> {
    let mut single = Quantity {
        value: own(&a.value),
        unit: own(&a.unit),
        null_flavor: own(&a.null_flavor),
        ..Quantity::default()
    };
    check_number(cx, single.value.as_deref(), e);
    let mut range = QuantityRange::default();
    while let Some(c) = cx.child(e)? {
        match c.local() {
            "low" if c.is("low") => range.low = read_pq(cx, &c)?,
            "high" if c.is("high") => range.high = read_pq(cx, &c)?,
            "center" if c.is("center") => {
                if let Some(q) = read_pq(cx, &c)? {
                    single = q;
                }
            }
            "translation" if c.is("translation") => single.translations.push(read_coding(cx, &c)?),
            _ => cx.skip(&c)?,
        }
    }
    Ok(PqOrRange {
        value: (single != Quantity::default()).then_some(single),
        range: (range != QuantityRange::default()).then_some(range),
    })
}

/// Reads an RTO (`maxDoseQuantity`, a ratio value).
pub(crate) fn read_ratio<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Ratio>> {
    let mut ratio = Ratio::default();
    while let Some(c) = cx.child(e)? {
        match c.local() {
            "numerator" if c.is("numerator") => ratio.numerator = read_pq(cx, &c)?,
            "denominator" if c.is("denominator") => ratio.denominator = read_pq(cx, &c)?,
            _ => cx.skip(&c)?,
        }
    }
    Ok((ratio != Ratio::default()).then_some(ratio))
}

/// Reads an INT or IVL_INT (`repeatNumber`): `@value`, else `high`, else `low`.
pub(crate) fn read_int<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<i64>> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    let mut raw = own(&a.value);
    let (mut low, mut high) = (None, None);
    while let Some(c) = cx.child(e)? {
        if c.is("low") || c.is("high") {
            let v = cx.attr(&c, "value")?;
            if c.local() == "low" {
                low = v;
            } else {
                high = v;
            }
        }
        cx.skip(&c)?;
    }
    raw = raw.or(high).or(low);
    let Some(raw) = raw else { return Ok(None) };
    match raw.parse::<i64>() {
        Ok(n) => Ok(Some(n)),
        Err(_) => {
            cx.warn(
                WarningCode::InvalidNumber,
                format!(
                    "<{}> has a value that is not an integer; dropped",
                    e.local()
                ),
                e.offset(),
            );
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<T>(xml: &str, f: impl for<'a> FnOnce(&mut Cx<'a>, &Elem<'a>) -> T) -> (T, usize) {
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let t = f(&mut cx, &root);
        (t, cx.warnings.len())
    }

    #[test]
    fn pq_keeps_decimal_text() {
        let (q, w) = with(
            r#"<value xsi:type="PQ" value="7.10" unit="mg/dL"/>"#,
            |cx, e| read_pq(cx, e).unwrap(),
        );
        let q = q.unwrap();
        assert_eq!(q.value.as_deref(), Some("7.10"));
        assert_eq!(q.unit.as_deref(), Some("mg/dL"));
        assert_eq!(w, 0);
    }

    #[test]
    fn pq_with_translation_and_null_flavor() {
        let (q, _) = with(
            r#"<doseQuantity value="1"><translation code="TAB" codeSystem="2.16.840.1.113883.5.85"/></doseQuantity>"#,
            |cx, e| read_pq(cx, e).unwrap(),
        );
        assert_eq!(q.unwrap().translations[0].code.as_deref(), Some("TAB"));
        let (q, _) = with(r#"<doseQuantity nullFlavor="UNK"/>"#, |cx, e| {
            read_pq(cx, e).unwrap()
        });
        assert_eq!(q.unwrap().null_flavor.as_deref(), Some("UNK"));
        let (q, _) = with("<doseQuantity/>", |cx, e| read_pq(cx, e).unwrap());
        assert_eq!(q, None);
    }

    #[test]
    fn non_numbers_are_kept_with_a_warning() {
        let (q, w) = with(r#"<doseQuantity value="1-2"/>"#, |cx, e| {
            read_pq(cx, e).unwrap()
        });
        assert_eq!(q.unwrap().value.as_deref(), Some("1-2"));
        assert_eq!(w, 1);
    }

    #[test]
    fn ivl_pq_ranges() {
        let (r, _) = with(
            r#"<doseQuantity xsi:type="IVL_PQ"><low value="1"/><high value="2"/></doseQuantity>"#,
            |cx, e| read_pq_or_range(cx, e).unwrap(),
        );
        assert_eq!(r.value, None);
        let range = r.range.unwrap();
        assert_eq!(range.low.unwrap().value.as_deref(), Some("1"));
        assert_eq!(range.high.unwrap().value.as_deref(), Some("2"));
        let (r, _) = with(r#"<doseQuantity value="5" unit="mL"/>"#, |cx, e| {
            read_pq_or_range(cx, e).unwrap()
        });
        assert_eq!(r.value.unwrap().unit.as_deref(), Some("mL"));
        assert_eq!(r.range, None);
    }

    #[test]
    fn ratios_and_integers() {
        let (r, _) = with(
            r#"<maxDoseQuantity><numerator value="4" unit="g"/><denominator value="1" unit="d"/></maxDoseQuantity>"#,
            |cx, e| read_ratio(cx, e).unwrap(),
        );
        let r = r.unwrap();
        assert_eq!(r.numerator.unwrap().value.as_deref(), Some("4"));
        assert_eq!(r.denominator.unwrap().unit.as_deref(), Some("d"));
        let (n, _) = with(r#"<repeatNumber value="3"/>"#, |cx, e| {
            read_int(cx, e).unwrap()
        });
        assert_eq!(n, Some(3));
        let (n, _) = with(
            r#"<repeatNumber><low value="0"/><high value="5"/></repeatNumber>"#,
            |cx, e| read_int(cx, e).unwrap(),
        );
        assert_eq!(n, Some(5));
        let (n, w) = with(r#"<repeatNumber value="x"/>"#, |cx, e| {
            read_int(cx, e).unwrap()
        });
        assert_eq!((n, w), (None, 1));
    }
}
