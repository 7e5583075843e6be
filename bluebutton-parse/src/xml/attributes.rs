//! A start tag's attributes, split from its raw text.
//!
//! quick-xml's attribute iterator walks values byte by byte; attribute values are most of a
//! C-CDA start tag (OIDs, codes, display names), so this splitter finds each closing quote
//! with `memchr` instead. It accepts and refuses the same input as quick-xml's iterator
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

/// Iterates over `(name, raw value)` pairs of a start tag's attribute text. `raw` is the
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

    fn error(
        &mut self,
        at: usize,
        what: &'static str,
    ) -> Option<Result<(&'t str, &'t str), AttrError>> {
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
        let bytes = self.raw.as_bytes();
        let start = self.skip_space(self.at);
        if start >= bytes.len() {
            self.at = bytes.len();
            return None;
        }
        let mut end = start;
        while bytes.get(end).is_some_and(|b| *b != b'=' && !is_space(*b)) {
            end += 1;
        }
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
        let rest = bytes.get(open + 1..).unwrap_or_default();
        let Some(len) = memchr::memchr(quote, rest) else {
            return self.error(bytes.len(), "an attribute value is not closed");
        };
        let value = self.raw.get(open + 1..open + 1 + len).unwrap_or_default();
        self.at = open + 2 + len;
        Some(Ok((name, value)))
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
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
        let ours = Attributes::new(start.attributes_raw(), name_len)
            .map(|r| {
                r.map(|(n, v)| (n.to_owned(), v.to_owned()))
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
}
