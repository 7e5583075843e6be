//! The line stream: 1-based line numbers over `\r\n`, `\n` or lone-`\r` input.

/// One input line without its terminator, with its 1-based number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub(crate) number: u32,
    /// The line's text, untrimmed, without `\r`/`\n`.
    pub(crate) text: &'a str,
}

/// How a carriage return that is not directly followed by `\n` counts. The two readers
/// differ only here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CarriageReturns {
    /// Each `\r` ends a line unless `\n` follows it: `a\r\r\nb` is `a`, ``, `b` (CMS).
    EachEndsALine,
    /// A run of `\r` before `\n` ends one line: `a\r\r\nb` is `a`, `b`, as a doubled
    /// carriage return left by a second conversion (VA). A run not followed by `\n` is
    /// still one line end per `\r`.
    RunBeforeNewline,
}

/// Splits text into lines at `\r\n`, `\n` or a lone `\r`, numbering them from 1. Text
/// after the last terminator is a line; an empty text has none.
pub(crate) fn lines(text: &str, carriage_returns: CarriageReturns) -> Lines<'_> {
    Lines {
        rest: text,
        number: 0,
        carriage_returns,
    }
}

/// The iterator [`lines`] returns; cloning it looks ahead without consuming.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    rest: &'a str,
    number: u32,
    carriage_returns: CarriageReturns,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.rest;
        if rest.is_empty() {
            return None;
        }
        self.number = self.number.saturating_add(1);
        let bytes = rest.as_bytes();
        let end = memchr::memchr2(b'\r', b'\n', bytes).unwrap_or(rest.len());
        let text = rest.get(..end).unwrap_or_default();
        let next = match bytes.get(end) {
            Some(b'\r') => {
                // The carriage returns a `\n` may follow.
                let returns = match self.carriage_returns {
                    CarriageReturns::EachEndsALine => 1,
                    CarriageReturns::RunBeforeNewline => bytes
                        .get(end..)
                        .unwrap_or_default()
                        .iter()
                        .take_while(|&&b| b == b'\r')
                        .count(),
                };
                if bytes.get(end + returns) == Some(&b'\n') {
                    end + returns + 1
                } else {
                    end + 1
                }
            }
            Some(_) => end + 1,
            None => end,
        };
        self.rest = rest.get(next..).unwrap_or_default();
        Some(Line {
            number: self.number,
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use CarriageReturns::{EachEndsALine, RunBeforeNewline};

    fn split(text: &str, cr: CarriageReturns) -> Vec<(u32, &str)> {
        lines(text, cr).map(|l| (l.number, l.text)).collect()
    }

    #[test]
    fn lines_number_crlf_lf_and_cr() {
        for cr in [EachEndsALine, RunBeforeNewline] {
            assert_eq!(
                split("a\r\nb\nc\rd", cr),
                vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]
            );
            assert_eq!(split("a\r\nb\rc\nd", cr).len(), 4);
            assert_eq!(split("x\n", cr), vec![(1, "x")]);
            assert!(split("", cr).is_empty());
            let blank: Vec<&str> = lines("a\r\n\r\nb\r\n", cr).map(|l| l.text).collect();
            assert_eq!(blank, vec!["a", "", "b"]);
            let lone: Vec<&str> = lines("a\r\rb", cr).map(|l| l.text).collect();
            assert_eq!(lone, vec!["a", "", "b"]);
        }
    }

    #[test]
    fn doubled_carriage_returns_differ_between_readers() {
        let va: Vec<&str> = lines("a\r\r\nb\r\r\n", RunBeforeNewline)
            .map(|l| l.text)
            .collect();
        assert_eq!(va, vec!["a", "b"]);
        let cms: Vec<&str> = lines("a\r\r\nb\r\r\n", EachEndsALine)
            .map(|l| l.text)
            .collect();
        assert_eq!(cms, vec!["a", "", "b", ""]);
    }

    /// The CMS reader's splitter before the two were merged.
    fn cms_reference(text: &str) -> Vec<(u32, &str)> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let (mut start, mut number, mut i) = (0usize, 1u32, 0usize);
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    out.push((number, &text[start..i]));
                    number += 1;
                    i += 1;
                    start = i;
                }
                b'\r' => {
                    out.push((number, &text[start..i]));
                    number += 1;
                    i += 1;
                    if bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i;
                }
                _ => i += 1,
            }
        }
        if start < bytes.len() {
            out.push((number, &text[start..]));
        }
        out
    }

    /// The VA reader's splitter before the two were merged.
    fn va_reference(text: &str) -> Vec<(u32, &str)> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut number = 0u32;
        while !rest.is_empty() {
            number += 1;
            let end = memchr::memchr2(b'\r', b'\n', rest.as_bytes()).unwrap_or(rest.len());
            out.push((number, &rest[..end]));
            let after = &rest[end..];
            let after_cr = after.trim_start_matches('\r');
            rest = if let Some(next) = after_cr.strip_prefix('\n') {
                next
            } else if let Some(next) = after.strip_prefix('\r') {
                next
            } else {
                after
            };
        }
        out
    }

    proptest! {
        #[test]
        fn matches_both_former_splitters(text in "[ab\r\n]{0,24}") {
            prop_assert_eq!(split(&text, EachEndsALine), cms_reference(&text));
            prop_assert_eq!(split(&text, RunBeforeNewline), va_reference(&text));
        }
    }
}
