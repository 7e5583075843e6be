//! VA report dates: `03 Jul 2013 @ 0956`, `03 Jul 2013`, `Mar 01, 1948`, `JAN 25, 2013@07:01`,
//! `Jul 2013`, `2013`, `01/02/2013`. Times of day are local, without a zone.

use crate::text::iso::iso;
use crate::text::Trimmed;
use bluebutton_model::{PartialDateTime, Precision};

/// Month number from an English month name or abbreviation (any case).
fn month(name: &str) -> Option<u32> {
    let key = name.get(..3)?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| m.eq_ignore_ascii_case(key))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn number(text: &str, max_len: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Reads a time of day: `0956`, `09:56`, `07:02:25`. Returns (hour, minute, second).
fn time_of_day(text: &str) -> Option<(u32, u32, Option<u32>)> {
    let mut parts = text.trimmed().split(':');
    let (h, m, s) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(hm), None, ..) if hm.len() == 4 => {
            (number(hm.get(..2)?, 2)?, number(hm.get(2..)?, 2)?, None)
        }
        (Some(h), Some(m), None, _) => (number(h, 2)?, number(m, 2)?, None),
        (Some(h), Some(m), Some(s), None) => (number(h, 2)?, number(m, 2)?, Some(number(s, 2)?)),
        _ => return None,
    };
    (h < 24 && m < 60 && s.is_none_or(|s| s < 60)).then_some((h, m, s))
}

fn valid(year: u32, month: u32, day: u32) -> bool {
    (1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Reads the date part: returns (year, month?, day?).
fn date_part(text: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    // Words split at white space and commas.
    let mut words = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty());
    match (words.next(), words.next(), words.next(), words.next()) {
        // 03 Jul 2013
        (Some(d), Some(m), Some(y), None) if number(d, 2).is_some() => {
            let (y, m, d) = (number(y, 4)?, month(m)?, number(d, 2)?);
            valid(y, m, d).then_some((y, Some(m), Some(d)))
        }
        // Mar 01, 1948
        (Some(m), Some(d), Some(y), None) => {
            let (y, m, d) = (number(y, 4)?, month(m)?, number(d, 2)?);
            valid(y, m, d).then_some((y, Some(m), Some(d)))
        }
        // Jul 2013
        (Some(m), Some(y), None, _) => {
            let (y, m) = (number(y, 4)?, month(m)?);
            valid(y, m, 1).then_some((y, Some(m), None))
        }
        (Some(single), None, ..) => {
            if let Some(y) = number(single, 4) {
                return valid(y, 1, 1).then_some((y, None, None));
            }
            // 01/02/2013 (month/day/year)
            let mut parts = single.split('/');
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(m), Some(d), Some(y), None) => {
                    let (y, m, d) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
                    valid(y, m, d).then_some((y, Some(m), Some(d)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Reads a VA date or date-time, keeping its precision. `None` when the text is not a date.
pub(crate) fn parse_date(text: &str) -> Option<PartialDateTime> {
    let text = text.trimmed();
    if text.is_empty() {
        return None;
    }
    let (date, time) = match text.split_once('@') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let (y, m, d) = date_part(date)?;
    let (value, precision) = match (m, d) {
        (None, _) => (iso(&[y]), Precision::Year),
        (Some(m), None) => (iso(&[y, m]), Precision::Month),
        (Some(m), Some(d)) => match time {
            None => (iso(&[y, m, d]), Precision::Day),
            Some(t) => match time_of_day(t)? {
                (h, min, None) => (iso(&[y, m, d, h, min]), Precision::Minute),
                (h, min, Some(s)) => (iso(&[y, m, d, h, min, s]), Precision::Second),
            },
        },
    };
    Some(PartialDateTime {
        value: Some(value),
        precision: Some(precision),
        ..Default::default()
    })
}

/// Reads a date, or keeps the text in `raw` when it is not one (`None` for empty text).
/// The second value is true when the text was not a date.
pub(crate) fn date_or_raw(text: &str) -> (Option<PartialDateTime>, bool) {
    let text = text.trimmed();
    if text.is_empty() {
        return (None, false);
    }
    match parse_date(text) {
        Some(date) => (Some(date), false),
        None => (
            Some(PartialDateTime {
                raw: Some(text.to_string()),
                ..Default::default()
            }),
            true,
        ),
    }
}

/// Combines a date and a separate `hhmm` time (self-entered vitals) into one text.
pub(crate) fn join_time(date: &str, time: &str) -> String {
    if time.trimmed().is_empty() {
        date.trimmed().to_string()
    } else {
        format!("{} @ {}", date.trimmed(), time.trimmed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<(String, Precision)> {
        parse_date(text).and_then(|d| Some((d.value?, d.precision?)))
    }

    #[test]
    fn va_dates_keep_precision() {
        assert_eq!(
            value("03 Jul 2013 @ 0956"),
            Some(("2013-07-03T09:56".into(), Precision::Minute))
        );
        assert_eq!(
            value("03 Jul 2013"),
            Some(("2013-07-03".into(), Precision::Day))
        );
        assert_eq!(
            value("Mar 01, 1948"),
            Some(("1948-03-01".into(), Precision::Day))
        );
        assert_eq!(
            value("JAN 25, 2013@07:02:25"),
            Some(("2013-01-25T07:02:25".into(), Precision::Second))
        );
        assert_eq!(
            value("Jul 2013"),
            Some(("2013-07".into(), Precision::Month))
        );
        assert_eq!(value("2013"), Some(("2013".into(), Precision::Year)));
        assert_eq!(
            value("01/02/2013"),
            Some(("2013-01-02".into(), Precision::Day))
        );
    }

    #[test]
    fn non_dates_are_refused() {
        assert_eq!(parse_date("DUE NOW"), None);
        assert_eq!(parse_date("32 Jul 2013"), None);
        assert_eq!(parse_date("03 Jul 2013 @ 2599"), None);
        assert_eq!(parse_date(""), None);
        let (raw, bad) = date_or_raw("UNKNOWN");
        assert!(bad);
        assert_eq!(raw.and_then(|d| d.raw), Some("UNKNOWN".into()));
    }

    #[test]
    fn separate_time_joins() {
        assert_eq!(
            value(&join_time("06 Jan 2013", "1940")),
            Some(("2013-01-06T19:40".into(), Precision::Minute))
        );
    }
}
