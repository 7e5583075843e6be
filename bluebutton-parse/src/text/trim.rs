//! Trimming fast on ASCII text: report lines are padded with long runs of spaces, and
//! `str::trim` decodes every character of them.

/// [`str::trim`] and [`str::trim_end`] with an ASCII fast path; the same results on any
/// text.
pub(crate) trait Trimmed {
    /// `self` without leading and trailing white space (Unicode `White_Space`, as
    /// [`str::trim`]).
    fn trimmed(&self) -> &str;

    /// `self` without trailing white space (as [`str::trim_end`]).
    fn trimmed_end(&self) -> &str;
}

/// True when an edge byte left by `trim_ascii` is certainly not white space: an ASCII byte
/// other than the vertical tab (white space that `trim_ascii` keeps), or no byte at all.
fn plain_edge(byte: Option<&u8>) -> bool {
    byte.is_none_or(|&b| b.is_ascii() && b != 0x0b)
}

impl Trimmed for str {
    #[inline]
    fn trimmed(&self) -> &str {
        // Most values (attribute values above all) have nothing to trim: their edge bytes
        // are visible ASCII, which no trim removes.
        let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
        if visible(self.as_bytes().first()) && visible(self.as_bytes().last()) {
            return self;
        }
        let t = self.trim_ascii();
        if plain_edge(t.as_bytes().first()) && plain_edge(t.as_bytes().last()) {
            t
        } else {
            t.trim()
        }
    }

    #[inline]
    fn trimmed_end(&self) -> &str {
        let t = self.trim_ascii_end();
        if plain_edge(t.as_bytes().last()) {
            t
        } else {
            t.trim_end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_like_str_trim() {
        for s in [
            "",
            "  a b  ",
            "\u{a0} x\u{b}",
            "\t\r\n",
            "é ",
            " \u{2003}y\u{85}",
        ] {
            assert_eq!(s.trimmed(), s.trim(), "{s:?}");
            assert_eq!(s.trimmed_end(), s.trim_end(), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn same_as_str_trim(s in "[ \\t\\r\\n\\x0b\\x0c\\u{a0}\\u{85}\\u{2003}a-zé]{0,24}") {
            prop_assert_eq!(s.trimmed(), s.trim());
            prop_assert_eq!(s.trimmed_end(), s.trim_end());
        }
    }
}
