//! Values in the report: `M/D/YYYY` dates (with an optional `h:mm AM` time) and `$1,234.50`
//! amounts, read exactly (amounts stay decimal text, never floats).

use crate::text::iso::iso;
use crate::text::Trimmed;
use bluebutton_model::{Coded, Money, NamedValue, PartialDateTime, Precision, Value, ValueKind};

/// Reads `M/D/YYYY`, `M/D/YYYY h:mm AM|PM`, `M/YYYY` or `YYYY`. `None` when it is not a date.
pub(crate) fn parse_date(text: &str) -> Option<PartialDateTime> {
    let text = text.trimmed();
    let (date, time) = match text.split_once(char::is_whitespace) {
        Some((d, t)) => (d, Some(t.trimmed())),
        None => (text, None),
    };
    // A one-character array pattern: compared char by char, cheaper than the memchr-based
    // search of `'/'` on text this short.
    let mut parts = date.split(['/']);
    let (value, precision) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(d), Some(y), None) => {
            let (m, d, y) = (number(m, 1, 12)?, number(d, 1, 31)?, year(y)?);
            match time {
                None => (iso(&[y, m, d]), Precision::Day),
                Some(t) => {
                    let (h, min) = parse_time(t)?;
                    (iso(&[y, m, d, h, min]), Precision::Minute)
                }
            }
        }
        (Some(m), Some(y), None, _) if time.is_none() => {
            (iso(&[year(y)?, number(m, 1, 12)?]), Precision::Month)
        }
        (Some(y), None, ..) if time.is_none() => (iso(&[year(y)?]), Precision::Year),
        _ => return None,
    };
    Some(PartialDateTime {
        value: Some(value),
        precision: Some(precision),
        ..Default::default()
    })
}

/// Reads `h:mm AM|PM` (or 24-hour `hh:mm`) into hour and minute.
fn parse_time(text: &str) -> Option<(u32, u32)> {
    let text = text.trimmed();
    let (clock, meridiem) = match text.split_once(char::is_whitespace) {
        Some((c, m)) => (c, Some(m.trimmed())),
        None => (text, None),
    };
    let (h, m) = clock.split_once([':'])?;
    let (h, m) = (number(h, 0, 23)?, number(m, 0, 59)?);
    let twelve_hour = (1..=12).contains(&h);
    let h = match meridiem {
        None => h,
        Some(am) if am.eq_ignore_ascii_case("AM") && twelve_hour => h % 12,
        Some(pm) if pm.eq_ignore_ascii_case("PM") && twelve_hour => h % 12 + 12,
        Some(_) => return None,
    };
    Some((h, m))
}

fn number(text: &str, low: u32, high: u32) -> Option<u32> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = text.parse().ok()?;
    (low..=high).contains(&n).then_some(n)
}

fn year(text: &str) -> Option<u32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Reads `$1,234.50` (optionally negative, `-$5.00` or `($5.00)`) into exact decimal text.
pub(crate) fn parse_money(text: &str) -> Option<Money> {
    let mut t = text.trimmed();
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        negative = true;
        t = inner.trimmed();
    }
    if let Some(rest) = t.strip_prefix('-') {
        negative = !negative;
        t = rest.trimmed();
    }
    let t = t.strip_prefix('$')?.trimmed();
    let digits: String = t.chars().filter(|c| *c != ',').collect();
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits.as_str(), None),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    Some(Money {
        value: Some(if negative {
            format!("-{digits}")
        } else {
            digits
        }),
        currency: Some("USD".into()),
    })
}

/// True for the report's "no value" markers (`* Not Available *`, `No Information Available`).
pub(crate) fn is_not_available(text: &str) -> bool {
    let t = text.trimmed().trim_matches('*').trimmed();
    t.eq_ignore_ascii_case("Not Available") || t.eq_ignore_ascii_case("No Information Available")
}

/// A free-text concept: the text as found in `original_text`.
pub(crate) fn text_coded(text: &str) -> Coded {
    Coded {
        original_text: Some(text.to_string()),
        ..Default::default()
    }
}

/// `98941 - Chiropractic ...` as a code with its display; text without ` - ` is a bare code.
pub(crate) fn code_and_display(text: &str) -> Coded {
    match text.split_once(" - ") {
        Some((code, display)) => Coded {
            code: Some(code.trimmed().to_string()).filter(|c| !c.is_empty()),
            display: Some(display.trimmed().to_string()).filter(|d| !d.is_empty()),
            ..Default::default()
        },
        None => Coded {
            code: Some(text.trimmed().to_string()),
            ..Default::default()
        },
    }
}

/// A labelled text fact (`details`): the label in `name.original_text`.
pub(crate) fn named_text(label: &str, value: &str) -> NamedValue {
    NamedValue {
        name: Some(text_coded(label)),
        value: Some(Value {
            kind: ValueKind::Text,
            text: Some(value.to_string()),
            ..Default::default()
        }),
        time: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Option<(String, Precision)> {
        parse_date(text).and_then(|d| Some((d.value?, d.precision?)))
    }

    #[test]
    fn dates() {
        assert_eq!(v("01/01/2013"), Some(("2013-01-01".into(), Precision::Day)));
        assert_eq!(v("1/27/1942"), Some(("1942-01-27".into(), Precision::Day)));
        assert_eq!(
            v("03/16/2013 5:10 AM"),
            Some(("2013-03-16T05:10".into(), Precision::Minute))
        );
        assert_eq!(
            v("2/7/2008 12:00 AM"),
            Some(("2008-02-07T00:00".into(), Precision::Minute))
        );
        assert_eq!(
            v("2/7/2008 12:17 PM"),
            Some(("2008-02-07T12:17".into(), Precision::Minute))
        );
        assert_eq!(v("02/2014"), Some(("2014-02".into(), Precision::Month)));
        assert_eq!(v("1999"), Some(("1999".into(), Precision::Year)));
        assert_eq!(v("13/01/2013"), None);
        assert_eq!(v("current"), None);
        assert_eq!(v("1/1/13"), None);
        assert_eq!(v("1/1/2013 25:00 PM"), None);
        assert_eq!(v(""), None);
    }

    #[test]
    fn money() {
        let m = |t: &str| parse_money(t).and_then(|m| m.value);
        assert_eq!(m("$1,234.50"), Some("1234.50".into()));
        assert_eq!(m("$0.00"), Some("0.00".into()));
        assert_eq!(m("$60"), Some("60".into()));
        assert_eq!(m("-$5.10"), Some("-5.10".into()));
        assert_eq!(m("($5.10)"), Some("-5.10".into()));
        assert_eq!(m("* Not Available *"), None);
        assert_eq!(m("$1.2.3"), None);
        assert_eq!(m("12.00"), None);
        assert_eq!(
            parse_money("$1.00").and_then(|m| m.currency),
            Some("USD".into())
        );
        assert!(is_not_available("* Not Available *"));
        assert!(is_not_available("No Information Available"));
    }

    #[test]
    fn codes() {
        let c = code_and_display("11 - Office");
        assert_eq!(
            (c.code.as_deref(), c.display.as_deref()),
            (Some("11"), Some("Office"))
        );
        let c = code_and_display("RH");
        assert_eq!((c.code.as_deref(), c.display), (Some("RH"), None));
    }
}
