//! TS, IVL_TS, PIVL_TS, EIVL_TS and SXPR_TS: points, intervals and schedules.

use std::borrow::Cow;

use bluebutton_model::{
    Coded, Frequency, FrequencyPart, Interval, PartialDateTime, Precision, Prune, QuantityRange,
    WarningCode,
};

use super::quantity::{read_pq, read_pq_or_range};
use crate::ccda::context::{flag, own, present, Attrs, Cx, Res};
use crate::text::Trimmed;
use crate::xml::Elem;

/// An `effectiveTime` as read: a point or interval, or a repeating schedule.
// Intervals, the usual kind, are filled in place in their statement's list; the rarer
// schedules, almost three times as large, are boxed so that they do not size every item.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Timing {
    /// TS or IVL_TS.
    Interval(Interval),
    /// PIVL_TS, EIVL_TS or SXPR_TS.
    Frequency(Box<Frequency>),
}

impl Timing {
    /// True when the timing holds nothing (checked field by field, without building a
    /// default to compare with).
    fn is_empty(&self) -> bool {
        match self {
            Timing::Interval(i) => i.holds_nothing(),
            Timing::Frequency(f) => f.holds_nothing(),
        }
    }
}

/// Parses an HL7 TS value (`YYYY[MM[DD[HH[MM[SS[.S+]]]]]][±ZZZZ]`) into ISO 8601 text
/// truncated to the source precision. The zone offset is kept when a time of day is
/// given (a zone on a bare date means nothing and is dropped). `None` when the value is
/// not a valid date.
pub(crate) fn parse_ts(value: &str) -> Option<(String, Precision)> {
    let value = value.trimmed();
    let (stamp, zone) = match value.bytes().position(|b| b == b'+' || b == b'-') {
        Some(i) => (value.get(..i)?, Some(value.get(i..)?)),
        None => (value, None),
    };
    let (digits, fraction) = match stamp.bytes().position(|b| b == b'.') {
        Some(i) => (stamp.get(..i)?, Some(stamp.get(i + 1..)?)),
        None => (stamp, None),
    };
    let d = digits.as_bytes();
    if !matches!(d.len(), 4 | 6 | 8 | 10 | 12 | 14) || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = two_digits(d, 0)? * 100 + two_digits(d, 2)?;
    let mut precision = Precision::Year;
    // Each further pair of digits: its valid range, and the precision it adds.
    let parts: [(usize, u32, Precision); 5] = [
        (4, 12, Precision::Month),
        (6, 31, Precision::Day),
        (8, 23, Precision::Hour),
        (10, 59, Precision::Minute),
        (12, 60, Precision::Second),
    ];
    let mut month = 0;
    for (at, max, part) in parts {
        if d.len() <= at {
            break;
        }
        let n = two_digits(d, at)?;
        let valid = match part {
            Precision::Month => (1..=max).contains(&n),
            Precision::Day => n >= 1 && n <= days_in_month(year, month),
            _ => n <= max,
        };
        if !valid {
            return None;
        }
        if part == Precision::Month {
            month = n;
        }
        precision = part;
    }
    if let Some(f) = fraction {
        if d.len() != 14 || f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        precision = Precision::Subsecond;
    }
    let mut zone_text = None;
    if let Some(z) = zone {
        // `+HHMM` or `-HHMM`.
        let [sign, h1, h2, m1, m2] = <[u8; 5]>::try_from(z.as_bytes()).ok()?;
        if ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let zone = [h1, h2, m1, m2];
        if two_digits(&zone, 0)? > 14 || two_digits(&zone, 2)? > 59 {
            return None;
        }
        if d.len() >= 10 {
            zone_text = Some([sign, h1, h2, b':', m1, m2]);
        }
    }
    // The checked digits into their places in `YYYY-MM-DDTHH:MM:SS`, taken as text at once
    // rather than pushed pair by pair and separator by separator (a `char` push is a call).
    const SLOTS: [usize; 14] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
    let mut stamp = *b"0000-00-00T00:00:00";
    for (&digit, &slot) in d.iter().zip(&SLOTS) {
        if let Some(b) = stamp.get_mut(slot) {
            *b = digit;
        }
    }
    let mut out = String::with_capacity(32);
    // 4, 6, ... 14 digits take 4, 7, ... 19 bytes.
    out.push_str(std::str::from_utf8(stamp.get(..d.len() + d.len() / 2 - 2)?).ok()?);
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    if let Some(z) = zone_text {
        out.push_str(std::str::from_utf8(&z).ok()?);
    }
    Some((out, precision))
}

/// The number the two ASCII digits at `i` of `digits` make (the caller checked them).
fn two_digits(digits: &[u8], i: usize) -> Option<u32> {
    let [tens, ones] = *digits.get(i..)?.first_chunk::<2>()?;
    Some(u32::from(tens.wrapping_sub(b'0')) * 10 + u32::from(ones.wrapping_sub(b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A TS from an element's `value` and `nullFlavor`; invalid text is kept in `raw` with a
/// warning. `None` when the element has neither.
fn ts_from(
    cx: &mut Cx<'_>,
    [value, null_flavor]: [&Option<Cow<'_, str>>; 2],
    offset: usize,
    tag: &str,
) -> Option<PartialDateTime> {
    let null_flavor = own(null_flavor);
    let raw = present(value);
    if raw.is_none() && null_flavor.is_none() {
        return None;
    }
    let mut ts = PartialDateTime {
        null_flavor,
        ..PartialDateTime::default()
    };
    if let Some(raw) = raw {
        match parse_ts(raw) {
            Some((value, precision)) => {
                ts.value = Some(value);
                ts.precision = Some(precision);
            }
            None => {
                cx.warn(
                    WarningCode::InvalidDate,
                    format!(
                        "<{tag}> has a value that is not a valid HL7 date/time; kept as raw text"
                    ),
                    offset,
                );
                ts.raw = Some(raw.to_owned());
            }
        }
    }
    Some(ts)
}

/// Reads a TS element (`birthTime`, `time`, `low`, ...).
pub(crate) fn read_ts<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<PartialDateTime>> {
    let [value, null_flavor] = cx.pick(e, ["value", "nullFlavor"])?;
    let ts = ts_from(cx, [&value, &null_flavor], e.offset(), e.local());
    cx.skip(e)?;
    Ok(ts)
}

/// Reads a TS or IVL_TS element into an interval; `None` when it holds nothing.
pub(crate) fn read_interval<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Interval>> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    let mut ivl = Interval::default();
    interval_with(cx, e, &a, &mut ivl)?;
    Ok((!ivl.holds_nothing()).then_some(ivl))
}

/// Reads a TS or IVL_TS element into `ivl`, which starts as the default.
fn interval_with<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, a: &Attrs<'_>, ivl: &mut Interval) -> Res<()> {
    if a.value.is_some() {
        ivl.value = ts_from(cx, [&a.value, &a.null_flavor], e.offset(), e.local());
    } else {
        ivl.null_flavor = own(&a.null_flavor);
    }
    while let Some(c) = cx.child(e)? {
        match c.local() {
            "low" if c.is("low") => ivl.low = read_ts(cx, &c)?,
            "high" if c.is("high") => ivl.high = read_ts(cx, &c)?,
            "center" if c.is("center") => ivl.center = read_ts(cx, &c)?,
            "width" if c.is("width") => ivl.width = read_pq(cx, &c)?.map(Box::new),
            _ => cx.skip(&c)?,
        }
    }
    Ok(())
}

/// Reads an `effectiveTime` onto the end of `times` (nothing when it holds nothing): TS /
/// IVL_TS as an interval, PIVL_TS / EIVL_TS / SXPR_TS as a schedule. Without `xsi:type`,
/// a `period`, `phase` or `event` child makes it a schedule. Intervals are filled in
/// place: an `Interval` is large, and returning one copies it.
pub(crate) fn read_effective_time<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    times: &mut Vec<Timing>,
) -> Res<()> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    match a.xsi_type() {
        Some("PIVL_TS" | "EIVL_TS" | "PIVL_PPD_TS" | "EIVL_PPD_TS") => {
            times.push(Timing::Frequency(frequency_with(cx, e, &a)?))
        }
        Some("SXPR_TS") => times.push(Timing::Frequency(schedule(cx, e)?)),
        Some(_) => {
            if let Some(ivl) = push_interval(times) {
                interval_with(cx, e, &a, ivl)?;
            }
        }
        None => mixed(cx, e, &a, times)?,
    }
    if times.last().is_some_and(Timing::is_empty) {
        times.pop();
    }
    Ok(())
}

/// Appends an empty interval to `times` and returns it, to be filled in place. Most
/// statements have one `effectiveTime`: the first gets a list of its own size (room for
/// four intervals is a 2 KB block, which the allocator serves at a higher cost).
fn push_interval(times: &mut Vec<Timing>) -> Option<&mut Interval> {
    if times.capacity() == 0 {
        *times = Vec::with_capacity(1);
    }
    times.resize_with(times.len() + 1, || Timing::Interval(Interval::default()));
    match times.last_mut() {
        Some(Timing::Interval(ivl)) => Some(ivl),
        _ => None,
    }
}

/// An `effectiveTime` without `xsi:type`, onto the end of `times`: an interval, unless a
/// child makes it a schedule.
fn mixed<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, a: &Attrs<'_>, times: &mut Vec<Timing>) -> Res<()> {
    let Some(ivl) = push_interval(times) else {
        return Ok(());
    };
    ivl.value = ts_from(cx, [&a.value, &a.null_flavor], e.offset(), e.local());
    ivl.null_flavor = a.value.is_none().then(|| own(&a.null_flavor)).flatten();
    // Made when the first schedule child shows up: most are plain intervals.
    let mut freq: Option<Box<Frequency>> = None;
    while let Some(c) = cx.child(e)? {
        match c.local() {
            "low" if c.is("low") => ivl.low = read_ts(cx, &c)?,
            "high" if c.is("high") => ivl.high = read_ts(cx, &c)?,
            "center" if c.is("center") => ivl.center = read_ts(cx, &c)?,
            "width" if c.is("width") => ivl.width = read_pq(cx, &c)?.map(Box::new),
            "period" | "phase" | "event" | "offset" if c.ns() == crate::xml::Ns::Cda => {
                frequency_child(cx, &c, freq.get_or_insert_with(Box::default))?;
            }
            _ => cx.skip(&c)?,
        }
    }
    if let Some(mut freq) = freq {
        freq.institution_specified = flag(&a.institution_specified);
        freq.alignment = own(&a.alignment);
        if let Some(last) = times.last_mut() {
            *last = Timing::Frequency(freq);
        }
    }
    Ok(())
}

fn frequency_with<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, a: &Attrs<'_>) -> Res<Box<Frequency>> {
    let mut freq = Box::new(Frequency {
        institution_specified: flag(&a.institution_specified),
        alignment: own(&a.alignment),
        ..Frequency::default()
    });
    while let Some(c) = cx.child(e)? {
        frequency_child(cx, &c, &mut freq)?;
    }
    Ok(freq)
}

fn frequency_child<'a>(cx: &mut Cx<'a>, c: &Elem<'a>, freq: &mut Frequency) -> Res<()> {
    match c.local() {
        "period" if c.is("period") => {
            let p = read_pq_or_range(cx, c)?;
            match p.range {
                Some(range) => {
                    freq.period = range.low;
                    freq.period_max = range.high;
                }
                None => freq.period = p.value,
            }
        }
        "phase" if c.is("phase") => freq.phase = read_interval(cx, c)?,
        "event" if c.is("event") => {
            let mut a = Attrs::default();
            cx.attrs_into(c, &mut a)?;
            let event = Coded {
                code: own(&a.code),
                system: own(&a.code_system),
                system_name: own(&a.code_system_name),
                display: own(&a.display_name),
                null_flavor: own(&a.null_flavor),
                ..Coded::default()
            };
            cx.skip(c)?;
            freq.event = (event != Coded::default()).then_some(event);
        }
        "offset" if c.is("offset") => {
            let p = read_pq_or_range(cx, c)?;
            freq.offset = match (p.range, p.value) {
                (Some(range), _) => Some(range),
                (None, Some(q)) => Some(QuantityRange {
                    low: Some(q.clone()),
                    high: Some(q),
                }),
                (None, None) => None,
            };
        }
        _ => cx.skip(c)?,
    }
    Ok(())
}

/// SXPR_TS: the first component is the schedule, the others its parts.
fn schedule<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Box<Frequency>> {
    let mut base: Option<Box<Frequency>> = None;
    let mut parts = Vec::new();
    let mut comp = Vec::new();
    while let Some(c) = cx.child(e)? {
        if !c.is("comp") {
            cx.skip(&c)?;
            continue;
        }
        let operator = cx.attr(&c, "operator")?;
        read_effective_time(cx, &c, &mut comp)?;
        match (comp.pop(), base.is_none()) {
            (Some(Timing::Frequency(f)), true) => base = Some(f),
            (Some(Timing::Frequency(f)), false) => parts.push(FrequencyPart {
                period: f.period,
                event: f.event,
                phase: f.phase,
                operator,
            }),
            (Some(Timing::Interval(i)), _) => parts.push(FrequencyPart {
                phase: Some(i),
                operator,
                ..FrequencyPart::default()
            }),
            (None, _) => {}
        }
    }
    let mut freq = base.unwrap_or_default();
    freq.parts.extend(parts);
    Ok(freq)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &str) -> Option<(String, Precision)> {
        parse_ts(v)
    }

    #[test]
    fn precisions() {
        assert_eq!(p("2013"), Some(("2013".into(), Precision::Year)));
        assert_eq!(p("201305"), Some(("2013-05".into(), Precision::Month)));
        assert_eq!(p("20130501"), Some(("2013-05-01".into(), Precision::Day)));
        assert_eq!(
            p("2013050110"),
            Some(("2013-05-01T10".into(), Precision::Hour))
        );
        assert_eq!(
            p("201305011030"),
            Some(("2013-05-01T10:30".into(), Precision::Minute))
        );
        assert_eq!(
            p("20130501103015"),
            Some(("2013-05-01T10:30:15".into(), Precision::Second))
        );
        assert_eq!(
            p("20130501103015.250"),
            Some(("2013-05-01T10:30:15.250".into(), Precision::Subsecond))
        );
    }

    #[test]
    fn zones() {
        assert_eq!(
            p("201305011030-0500"),
            Some(("2013-05-01T10:30-05:00".into(), Precision::Minute))
        );
        assert_eq!(
            p("20130501103015+0000"),
            Some(("2013-05-01T10:30:15+00:00".into(), Precision::Second))
        );
        // A zone on a bare date is dropped, not turned into a time.
        assert_eq!(
            p("20130501-0500"),
            Some(("2013-05-01".into(), Precision::Day))
        );
    }

    #[test]
    fn invalid_values() {
        for bad in [
            "",
            "201",
            "2013051",
            "20131301",
            "20130230",
            "2013050125",
            "201305011060",
            "200130311",
            "201507221405-500",
            "-08",
            "2013-05-01",
            "20130501.5",
            "2009027130000+0500",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
        assert_eq!(p("20000229").map(|x| x.1), Some(Precision::Day));
        assert_eq!(p("19000229"), None);
    }

    fn timing(xml: &str) -> (Option<Timing>, Vec<bluebutton_model::Warning>) {
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let mut times = Vec::new();
        read_effective_time(&mut cx, &root, &mut times).unwrap();
        assert!(times.len() <= 1);
        (times.pop(), cx.warnings)
    }

    #[test]
    fn interval_shapes() {
        let (t, _) = timing(
            r#"<effectiveTime xsi:type="IVL_TS"><low value="20120806"/><high nullFlavor="UNK"/></effectiveTime>"#,
        );
        let Some(Timing::Interval(i)) = t else {
            panic!("{t:?}")
        };
        assert_eq!(i.low.unwrap().value.as_deref(), Some("2012-08-06"));
        assert_eq!(i.high.unwrap().null_flavor.as_deref(), Some("UNK"));

        let (t, _) = timing(r#"<effectiveTime value="201208061015-0400"/>"#);
        let Some(Timing::Interval(i)) = t else {
            panic!("{t:?}")
        };
        assert_eq!(
            i.value.unwrap().value.as_deref(),
            Some("2012-08-06T10:15-04:00")
        );

        let (t, _) = timing(
            r#"<effectiveTime><center value="2012"/><width value="2" unit="d"/></effectiveTime>"#,
        );
        let Some(Timing::Interval(i)) = t else {
            panic!("{t:?}")
        };
        assert_eq!(i.center.unwrap().precision, Some(Precision::Year));
        assert_eq!(i.width.unwrap().value.as_deref(), Some("2"));

        let (t, _) = timing(r#"<effectiveTime nullFlavor="NI"/>"#);
        let Some(Timing::Interval(i)) = t else {
            panic!("{t:?}")
        };
        assert_eq!(i.null_flavor.as_deref(), Some("NI"));

        assert_eq!(timing("<effectiveTime/>").0, None);
    }

    #[test]
    fn invalid_dates_are_kept_raw_with_a_warning() {
        let (t, w) = timing("<effectiveTime>\n <low value=\"2013-13\"/></effectiveTime>");
        let Some(Timing::Interval(i)) = t else {
            panic!("{t:?}")
        };
        let low = i.low.unwrap();
        assert_eq!(low.raw.as_deref(), Some("2013-13"));
        assert_eq!(low.value, None);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, WarningCode::InvalidDate);
        assert_eq!((w[0].line, w[0].column), (Some(2), Some(2)));
        assert!(!w[0].message.contains("2013"));
    }

    #[test]
    fn periodic_and_event_schedules() {
        let (t, _) = timing(
            r#"<effectiveTime xsi:type="PIVL_TS" institutionSpecified="true" operator="A"><period value="8" unit="h"/></effectiveTime>"#,
        );
        let Some(Timing::Frequency(f)) = t else {
            panic!("{t:?}")
        };
        assert_eq!(f.period.unwrap().unit.as_deref(), Some("h"));
        assert_eq!(f.institution_specified, Some(true));

        let (t, _) = timing(
            r#"<effectiveTime xsi:type="PIVL_TS"><period xsi:type="IVL_PQ"><low value="4" unit="h"/><high value="6" unit="h"/></period><phase><low value="20120806080000"/><width value="10" unit="min"/></phase></effectiveTime>"#,
        );
        let Some(Timing::Frequency(f)) = t else {
            panic!("{t:?}")
        };
        assert_eq!(f.period.unwrap().value.as_deref(), Some("4"));
        assert_eq!(f.period_max.unwrap().value.as_deref(), Some("6"));
        assert_eq!(f.phase.unwrap().width.unwrap().unit.as_deref(), Some("min"));

        let (t, _) = timing(
            r#"<effectiveTime xsi:type="EIVL_TS"><event code="HS"/><offset><low value="30" unit="min"/></offset></effectiveTime>"#,
        );
        let Some(Timing::Frequency(f)) = t else {
            panic!("{t:?}")
        };
        assert_eq!(f.event.unwrap().code.as_deref(), Some("HS"));
        assert_eq!(f.offset.unwrap().low.unwrap().value.as_deref(), Some("30"));
    }
}
