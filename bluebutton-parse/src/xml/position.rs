//! Byte offsets to 1-based line and column numbers, counted incrementally.

/// Turns byte offsets into 1-based line and column numbers.
///
/// Offsets are usually asked for in increasing order (entries and warnings come in document
/// order), so the index only counts the newlines between the last offset and the new one;
/// an earlier offset restarts the count from the beginning.
pub(crate) struct LineIndex<'a> {
    input: &'a [u8],
    offset: usize,
    line: u32,
    line_start: usize,
}

impl<'a> LineIndex<'a> {
    /// An index over `input`, positioned at its start.
    pub(crate) fn new(input: &'a [u8]) -> Self {
        LineIndex {
            input,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The 1-based line and column (in bytes) of byte `offset` (clamped to the input).
    pub(crate) fn locate(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.input.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
            self.line_start = 0;
        }
        let from = self.offset;
        if let Some(gap) = self.input.get(from..offset) {
            // A vectorised count and one backward search, rather than a search per line:
            // gaps usually span many short lines.
            if let Some(last) = memchr::memrchr(b'\n', gap) {
                // The newlines before the last one, and it (none can follow it).
                let before = gap.get(..last).unwrap_or_default();
                let lines = memchr::memchr_iter(b'\n', before).count() + 1;
                self.line = self
                    .line
                    .saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
                self.line_start = from + last + 1;
            }
        }
        self.offset = offset;
        let column = u32::try_from(offset - self.line_start + 1).unwrap_or(u32::MAX);
        (self.line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn counts_lines_and_columns() {
        let text = b"ab\ncd\n\nefg";
        let mut idx = LineIndex::new(text);
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(1), (1, 2));
        assert_eq!(idx.locate(3), (2, 1));
        assert_eq!(idx.locate(6), (3, 1));
        assert_eq!(idx.locate(9), (4, 3));
        // Going back restarts the count.
        assert_eq!(idx.locate(4), (2, 2));
        // Past the end is clamped.
        assert_eq!(idx.locate(100), (4, 4));
    }
}
