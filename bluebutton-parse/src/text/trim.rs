//! Trimming fast on ASCII text: report lines are padded with long runs of spaces, and
//! `str::trim` decodes every character of them.

/// [`str::trim`] with an ASCII fast path; the same result on any text.
pub(crate) trait Trimmed {
    /// `self` without leading and trailing white space (Unicode `White_Space`, as
    /// [`str::trim`]).
    fn trimmed(&self) -> &str;
}

impl Trimmed for str {
    fn trimmed(&self) -> &str {
        let t = self.trim_ascii();
        let edge_space = |c: Option<char>| c.is_some_and(char::is_whitespace);
        if edge_space(t.chars().next()) || edge_space(t.chars().next_back()) {
            t.trim()
        } else {
            t
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
        }
    }

    proptest! {
        #[test]
        fn same_as_str_trim(s in "[ \\t\\r\\n\\x0b\\x0c\\u{a0}\\u{85}\\u{2003}a-zé]{0,24}") {
            prop_assert_eq!(s.trimmed(), s.trim());
        }
    }
}
