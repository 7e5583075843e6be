//! A start tag's attributes, split from its raw text.
//!
//! quick-xml's attribute iterator walks values byte by byte; attribute values are most of a
//! C-CDA start tag (OIDs, codes, display names), so this splitter finds each closing quote
//! eight bytes at a time instead. It accepts and refuses the same input as quick-xml's iterator
//! without duplicate checks (`with_checks(false)`), with the same error positions.

/// Why a start tag's attribute text is malformed, and where: a byte offset from the start
/// of the tag name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttrError {
    /// Byte offset from the start of the tag name.
    pub at: usize,
    /// What is wrong, for a message.
    pub what: &'static str,
}

/// One attribute of a start tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attr<'t> {
    /// The name, prefix included.
    pub name: &'t str,
    /// The value between the quotes, not normalised.
    pub value: &'t str,
    /// Whether the value holds a reference or a control byte, so needs normalising
    /// (found while looking for the closing quote).
    pub special: bool,
}

/// Iterates over the attributes of a start tag's attribute text. `raw` is the
/// text after the tag name and `base` the name's length, so errors count from the name.
pub(crate) struct Attributes<'t> {
    raw: &'t str,
    base: usize,
    at: usize,
}

impl<'t> Attributes<'t> {
    /// The attributes in `raw`, the text that follows a tag name `base` bytes long.
    pub(crate) fn new(raw: &'t str, base: usize) -> Self {
        Attributes { raw, base, at: 0 }
    }

    fn error(&mut self, at: usize, what: &'static str) -> Option<Result<Attr<'t>, AttrError>> {
        self.at = self.raw.len();
        Some(Err(AttrError {
            at: self.base + at,
            what,
        }))
    }

    /// The first byte from `from` that is not XML white space.
    fn skip_space(&self, from: usize) -> usize {
        let bytes = self.raw.as_bytes();
        let mut i = from;
        while bytes.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        i
    }
}

impl<'t> Iterator for Attributes<'t> {
    type Item = Result<(&'t str, &'t str), AttrError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_attr().map(|a| a.map(|a| (a.name, a.value)))
    }
}

impl<'t> Attributes<'t> {
    /// The next attribute with whether its value needs normalising, or the error that
    /// ends the attributes; `None` after the last.
    pub(crate) fn next_attr(&mut self) -> Option<Result<Attr<'t>, AttrError>> {
        let bytes = self.raw.as_bytes();
        let start = self.skip_space(self.at);
        if start >= bytes.len() {
            self.at = bytes.len();
            return None;
        }
        let end = name_end(bytes, start);
        let name = self.raw.get(start..end).unwrap_or_default();
        let eq = self.skip_space(end);
        match bytes.get(eq) {
            Some(b'=') => {}
            Some(_) => return self.error(eq, "an attribute name is not followed by '='"),
            None => return self.error(bytes.len(), "an attribute name is not followed by '='"),
        }
        let open = self.skip_space(eq + 1);
        let quote = match bytes.get(open) {
            Some(q @ (b'"' | b'\'')) => *q,
            Some(_) => return self.error(open, "an attribute value is not quoted"),
            None => return self.error(bytes.len(), "an attribute has no value"),
        };
        let Some((close, special)) = value_end(bytes, open + 1, quote) else {
            return self.error(bytes.len(), "an attribute value is not closed");
        };
        let value = self.raw.get(open + 1..close).unwrap_or_default();
        self.at = close + 1;
        Some(Ok(Attr {
            name,
            value,
            special,
        }))
    }
}

/// XML white space.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

// Names and values are short (in the corpus, names have 2 to 22 bytes and two values in
// three at most 16), too short for `memchr` to pay for its dispatch, so they are scanned eight bytes at a time in a `u64`
// with the bit tricks below instead of byte by byte.

/// `0x01` in every byte.
pub(super) const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// `0x80` in every byte.
pub(super) const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The eight bytes of `bytes` from `i`, if there are eight.
pub(crate) fn word(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(*chunk))
}

/// The bytes of `bytes` from `i` on, fewer than eight, in the low bytes of a word with
/// zeros above them; `None` when there are none. Read as the last eight bytes shifted
/// down when there are eight, so no byte loop runs.
fn tail_word(bytes: &[u8], i: usize) -> Option<u64> {
    let n = bytes.len().checked_sub(i).filter(|n| *n > 0)?;
    match bytes.last_chunk::<8>() {
        Some(last) => Some(u64::from_le_bytes(*last) >> (8 * (8 - n))),
        None => {
            let mut buf = [0; 8];
            for (to, from) in buf.iter_mut().zip(bytes.get(i..)?) {
                *to = *from;
            }
            Some(u64::from_le_bytes(buf))
        }
    }
}

/// The high bit of each byte of `w` below `n` (at most `0x80`). Exact up to and including
/// the lowest byte marked; above it, a borrow may mark bytes that are not below `n`.
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS
}

/// The high bit of each byte of `w` equal to `b`, exact as [`below`] is.
pub(crate) fn equal(w: u64, b: u8) -> u64 {
    below(w ^ (ONES * u64::from(b)), 1)
}

/// The offset of the first byte of `w` marked in `marks` (not zero).
pub(crate) fn first(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

/// Where the attribute name starting at `start` ends: at '=', white space or the end.
fn name_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    // Whole words up to the first '=' or byte up to ' '; the latter is usually white
    // space, and the byte loop below goes on past any other control byte.
    while let Some(w) = word(bytes, i) {
        let stop = equal(w, b'=') | below(w, b' ' + 1);
        if stop != 0 {
            i += first(stop);
            break;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|b| *b != b'=' && !is_space(*b)) {
        i += 1;
    }
    i
}

/// The closing `quote` of the value starting at `from`, and whether the value holds a
/// reference or a control byte (white space that normalisation turns into spaces):
/// `None` when the value is not closed. Not inlined: on its own its loop keeps its
/// constants in registers.
#[inline(never)]
fn value_end(bytes: &[u8], from: usize, quote: u8) -> Option<(usize, bool)> {
    let mut i = from;
    let mut special = 0;
    while let Some(w) = word(bytes, i) {
        let marks = below(w, b' ') | equal(w, b'&');
        let close = equal(w, quote);
        if close != 0 {
            // Only the bytes before the quote: the marks below its high bit, which are
            // exact, since a false mark needs a true one under it.
            let before = (close & close.wrapping_neg()) - 1;
            return Some((i + first(close), special | (marks & before) != 0));
        }
        special |= marks;
        i += 8;
    }
    // The rest, fewer than eight bytes, the same way: the zeros above them are not the
    // quote, and their marks are above any quote found, so not counted.
    let w = tail_word(bytes, i)?;
    let close = equal(w, quote);
    if close == 0 {
        return None;
    }
    let marks = below(w, b' ') | equal(w, b'&');
    let before = (close & close.wrapping_neg()) - 1;
    Some((i + first(close), special | (marks & before) != 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::BytesStart;

    /// Attributes as split, or an error's position.
    type Split = Vec<Result<(String, String), usize>>;

    /// Our splitter and quick-xml's iterator (without checks) on the same tag.
    fn both(tag: &str) -> (Split, Split) {
        let start = BytesStart::from_content(tag, tag.find(' ').unwrap_or(tag.len()));
        let name_len = start.name().into_inner().len();
        let mut attributes = Attributes::new(start.attributes_raw(), name_len);
        let ours = std::iter::from_fn(|| attributes.next_attr())
            .map(|r| {
                r.map(|a| {
                    let special = a.value.bytes().any(|b| b < b' ' || b == b'&');
                    assert_eq!(a.special, special, "{tag}: {}", a.value);
                    (a.name.to_owned(), a.value.to_owned())
                })
                .map_err(|e| e.at)
            })
            .collect();
        let theirs = start
            .attributes()
            .with_checks(false)
            .map(|r| {
                r.map(|a| (a.key.into_inner().to_owned(), a.value.into_owned()))
                    .map_err(|e| match e {
                        quick_xml::events::attributes::AttrError::ExpectedEq(p)
                        | quick_xml::events::attributes::AttrError::ExpectedValue(p)
                        | quick_xml::events::attributes::AttrError::UnquotedValue(p)
                        | quick_xml::events::attributes::AttrError::ExpectedQuote(p, _)
                        | quick_xml::events::attributes::AttrError::Duplicated(p, _) => p,
                    })
            })
            .collect();
        (ours, theirs)
    }

    #[test]
    fn agrees_with_quick_xml() {
        for tag in [
            "a",
            "a ",
            r#"code code="1" codeSystem='2.16.840.1' displayName="x &amp; y""#,
            "a b = \"1\"\n\tc='2' ",
            r#"a b="1"c="2""#,
            r#"a b="""#,
            r#"a b"#,
            r#"a b c="1""#,
            r#"a b="#,
            r#"a b=1"#,
            r#"a b="1"#,
            r#"a b='1"'"#,
            r#"a xmlns:x="urn:x" x:type="CD""#,
            // Long names and values, scanned a word at a time, and the bytes after them.
            r#"observation classCode="OBS" moodCode="EVN" negationInd="false""#,
            r#"code codeSystem="2.16.840.1.113883.6.96" displayName="Hypertension (disorder)""#,
            r#"a longAttributeName="1" assigningAuthorityName='A &amp; B' z="""#,
            "a b=\"1234567\" c=\"12345678\" d=\"123456789\" e=\"1234567890123456\"",
            // White space around '=' and between attributes, at every place in a word.
            "a abcdefgh = \"1\" abcdefg\t=\t'2' abcdef\n=\"3\" abcde\r\n= '4'",
            "a\tb=\"1\"\n\tc=\"2\"\r\n  d='3'\t",
            // Control bytes, references and other quotes inside values.
            "a b=\"x\ty\" c=\"01234567\n\" d=\"0123456789ab\r\" e='&lt;' f=\"1234567&amp;\"",
            "a b=\"it's\" c='say \"hi\"' d=\"\u{e9}t\u{e9} \u{1f600} long value\"",
            // A control byte inside a name, which belongs to the name.
            "a abc\u{1}defghij=\"1\" b\u{1}=\"2\"",
            // Empty values.
            r#"a b="" c='' abcdefghijk="""#,
            // Missing '=', at and past a word's length.
            r#"a abcdefghijk"#,
            r#"a abcdefghijk "1""#,
            r#"a b="1" abcdefghijklmnop"#,
            r#"a abcdefgh  "#,
            // Unquoted, missing and unclosed values, short and long.
            r#"a abcdefghijk=1234567890"#,
            r#"a abcdefghijk=  "#,
            r#"a b="12345678901234567890"#,
            r#"a b='12345678901234567890"""""""""#,
            r#"a b="1" c="123456789012345678901234567890'"#,
        ] {
            let (ours, theirs) = both(tag);
            // quick-xml keeps going after an error; the reader stops at the first one.
            let cut = theirs
                .iter()
                .position(Result::is_err)
                .map_or(theirs.len(), |i| i + 1);
            assert_eq!(ours, theirs[..cut], "{tag}");
        }
    }

    /// Values and names that end at every place of the last eight bytes of a tag, and
    /// past them, with special bytes anywhere in them.
    #[test]
    fn agrees_with_quick_xml_at_every_end() {
        let check = |tag: &str| {
            let (ours, theirs) = both(tag);
            let cut = theirs
                .iter()
                .position(Result::is_err)
                .map_or(theirs.len(), |i| i + 1);
            assert_eq!(ours, theirs[..cut], "{tag:?}");
        };
        let specials = [
            "&", "\u{1}", "\t", "\n", "\0", "\u{7f}", "\u{e9}", "'", "\"", "=",
        ];
        for len in 0..=16 {
            for lead in 0..8 {
                // A first attribute of `lead` more bytes moves the last one across a word.
                let first = format!("a z{}=''", "y".repeat(lead));
                let plain: String = "0123456789abcdef".chars().take(len).collect();
                let mut values = vec![plain.clone()];
                for special in specials {
                    for at in 0..=len {
                        let mut v = plain.clone();
                        v.insert_str(at, special);
                        values.push(v);
                    }
                }
                for v in &values {
                    for quote in ['"', '\''] {
                        check(&format!("{first} b={quote}{v}{quote}"));
                        check(&format!("{first} b={quote}{v}{quote} "));
                        check(&format!("{first} b={quote}{v}"));
                        check(v);
                        // As names (an empty one, which quick-xml refuses, is accepted
                        // here: not what this tests).
                        let name = v.trim_start_matches([' ', '\t', '\n', '\r']);
                        if name.is_empty() || name.starts_with('=') {
                            continue;
                        }
                        check(&format!("{first} {v}"));
                        check(&format!("{first} {v}="));
                        check(&format!("{first} {v} = {quote}{quote}"));
                        check(&format!("a b={quote}{v}{quote}"));
                    }
                }
            }
        }
    }
}
