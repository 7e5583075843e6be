//! Intervals from the dates the text readers find: a point in time, or a range with
//! either end optional.

use bluebutton_model::{Interval, PartialDateTime};

/// A point-in-time interval; `None` without a time.
pub(crate) fn at(time: Option<PartialDateTime>) -> Option<Interval> {
    time.map(|t| Interval {
        value: Some(t),
        ..Default::default()
    })
}

/// An interval from optional ends; `None` when both are absent.
pub(crate) fn between(
    low: Option<PartialDateTime>,
    high: Option<PartialDateTime>,
) -> Option<Interval> {
    if low.is_none() && high.is_none() {
        return None;
    }
    Some(Interval {
        low,
        high,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_and_ranges() {
        let year = || PartialDateTime {
            raw: Some("2020".into()),
            ..Default::default()
        };
        assert_eq!(at(None), None);
        assert_eq!(at(Some(year())).and_then(|i| i.value), Some(year()));
        assert_eq!(between(None, None), None);
        let open = between(None, Some(year())).unwrap();
        assert_eq!((open.low, open.high), (None, Some(year())));
    }
}
