//! Character data: references, and white space collapsed for display.

/// The character a reference (`lt`, `#65`, `#x41`) stands for: the five predefined XML
/// entities and character references. Anything else is `None`: other entities are never
/// expanded.
pub(crate) fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')
        }
    }
}

/// Appends `text` to `out` with runs of white space collapsed to one space.
///
/// `pending_space` carries a space that was seen but not yet written across calls, so the
/// pieces of one text (split by references or markup) collapse as a whole. No space is
/// written at the start of `out` or after a line break or another space.
///
/// Most pieces are words separated by single spaces, with at most a run of white space at
/// either end: their middle is found by trimming those runs and copied in one piece. Any
/// other piece is collapsed word by word by [`push_collapsed_runs`].
pub(crate) fn push_collapsed(out: &mut String, text: &str, pending_space: &mut bool) {
    let bytes = text.as_bytes();
    let start = count_while(Some(bytes), |b| b.is_ascii_whitespace());
    if start >= bytes.len() {
        // Only white space (most texts in a narrative are the indentation between
        // elements): the space stays pending.
        *pending_space |= start > 0;
        return;
    }
    let end = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let middle = bytes.get(start..end).unwrap_or_default();
    if !is_single_spaced(middle) {
        push_collapsed_runs(out, text, pending_space);
        return;
    }
    // A first word gets room for the rest of this text at once, as in `push_collapsed_runs`.
    if out.capacity() == 0 {
        *out = String::with_capacity(bytes.len() - start);
    }
    // The last character is a line break or a space exactly when the last byte is.
    if (*pending_space || start > 0) && !matches!(out.as_bytes().last(), None | Some(b'\n' | b' '))
    {
        out.push(' ');
    }
    // `start` and `end` are at ASCII bytes or the ends, so both are char boundaries.
    out.push_str(text.get(start..end).unwrap_or_default());
    *pending_space = end < bytes.len();
}

/// Whether `middle` (which starts and ends with a byte that is not white space) has no
/// white space but single spaces: no `\t`, `\n`, `\x0C`, `\r` and no two spaces in a row.
/// May say `false` for some such texts (any byte below `\x0E`, a space before `!`): those
/// take the word-by-word way, which gives the same text.
fn is_single_spaced(middle: &[u8]) -> bool {
    if middle.len() < 8 {
        let mut after_space = false;
        for &b in middle {
            if b < 0x0E || (after_space && b == b' ') {
                return false;
            }
            after_space = b == b' ';
        }
        return true;
    }
    // Eight bytes at a time, each window overlapping the one before by a byte so that
    // every pair of neighbours lies in one window; the last window ends at the end.
    let mut at = 0;
    loop {
        let window = middle.get(at..).and_then(|rest| rest.first_chunk::<8>());
        let Some(window) = window else {
            let last = middle.last_chunk::<8>();
            return last.is_none_or(|w| single_spaced_window(u64::from_le_bytes(*w)));
        };
        if !single_spaced_window(u64::from_le_bytes(*window)) {
            return false;
        }
        at += 7;
    }
}

/// Whether eight bytes (as a little-endian word) hold no byte below `\x0E` and no two
/// spaces in a row; may say `false` when a space is followed by `!` (a borrow of the zero
/// byte test), never `true` wrongly.
fn single_spaced_window(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    // The high bit of each byte below 0x0E (and maybe of bytes after one).
    let control = word.wrapping_sub(ONES * 0x0E) & !word & HIGHS;
    // The high bit of each space (and maybe of a 0x21 byte after one).
    let spaces = word ^ (ONES * u64::from(b' '));
    let space = spaces.wrapping_sub(ONES) & !spaces & HIGHS;
    control | (space & (space >> 8)) == 0
}

/// [`push_collapsed`] word by word: each run of white space is remembered and written (as
/// one space) before the next word, and each stretch of words separated by single spaces
/// is copied as it stands.
fn push_collapsed_runs(out: &mut String, text: &str, pending_space: &mut bool) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A run of white space: remembered, written (as one space) before the next word.
        let word = at + count_while(bytes.get(at..), |b| b.is_ascii_whitespace());
        if word > at {
            *pending_space = true;
        }
        if word >= bytes.len() {
            // Text that ends in white space (most texts in a narrative are only the
            // indentation between elements) leaves the space pending.
            break;
        }
        // A stretch of words separated by single spaces is copied as it stands.
        let mut end = word;
        loop {
            end += count_while(bytes.get(end..), |b| !b.is_ascii_whitespace());
            let single = bytes.get(end) == Some(&b' ')
                && bytes.get(end + 1).is_some_and(|b| !b.is_ascii_whitespace());
            if !single {
                break;
            }
            end += 1;
        }
        // A first word gets room for the rest of this text at once (an upper bound on what
        // it adds), so that `out` is not grown piece by piece.
        if out.capacity() == 0 {
            *out = String::with_capacity(bytes.len() - word);
        }
        // The last character is a line break or a space exactly when the last byte is.
        if *pending_space && !matches!(out.as_bytes().last(), None | Some(b'\n' | b' ')) {
            out.push(' ');
        }
        // `word` and `end` are at ASCII bytes or the end, so both are char boundaries.
        out.push_str(text.get(word..end).unwrap_or_default());
        *pending_space = false;
        at = end;
    }
}

/// Text built by [`push_collapsed`] into an empty string, trimmed of the white space
/// [`collapse`] trims (Unicode's, wider than the ASCII runs collapsed); `None` when empty.
/// Equals [`collapse`] of the pieces joined, without building the joined copy first.
pub(crate) fn finish_collapsed(out: String) -> Option<String> {
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        (!out.is_empty()).then_some(out)
    } else {
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }
}

/// How many bytes at the start of `bytes` satisfy `keep`.
fn count_while(bytes: Option<&[u8]>, keep: impl Fn(u8) -> bool) -> usize {
    bytes.map_or(0, |b| b.iter().take_while(|&&c| keep(c)).count())
}

/// `text` with runs of white space collapsed to one space and trimmed; `None` when empty.
pub(crate) fn collapse(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    if !trimmed.contains(['\n', '\t', '\r', '\x0C']) && !trimmed.contains("  ") {
        return Some(trimmed.to_owned());
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut pending = false;
    push_collapsed(&mut out, trimmed, &mut pending);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_predefined_and_character_references() {
        assert_eq!(resolve_reference("amp"), Some('&'));
        assert_eq!(resolve_reference("#65"), Some('A'));
        assert_eq!(resolve_reference("#x263A"), Some('\u{263A}'));
        assert_eq!(resolve_reference("nbsp"), None);
        assert_eq!(resolve_reference("#xZZ"), None);
        assert_eq!(resolve_reference("#0"), None);
    }

    #[test]
    fn collapses_white_space() {
        assert_eq!(collapse("  a \n\t b  c "), Some("a b c".into()));
        assert_eq!(collapse("plain text"), Some("plain text".into()));
        assert_eq!(collapse(" \n "), None);
        let mut out = String::new();
        let mut pending = false;
        push_collapsed(&mut out, "Aspirin ", &mut pending);
        push_collapsed(&mut out, "81", &mut pending);
        push_collapsed(&mut out, "mg", &mut pending);
        assert_eq!(out, "Aspirin 81mg");
        let mut out = String::from("Line\n");
        let mut pending = true;
        push_collapsed(&mut out, "  two  words\there ", &mut pending);
        assert_eq!(out, "Line\ntwo words here");
        assert!(pending);
        push_collapsed(&mut out, "é x", &mut pending);
        assert_eq!(out, "Line\ntwo words here é x");
        assert!(!pending);
    }

    /// Every text made of up to four of a few pieces (words, each kind of white space,
    /// non-ASCII, bytes that trip the eight-byte test), pushed after each of a few starts
    /// and then followed by another such text, gives what the word-by-word way gives.
    #[test]
    fn fast_way_equals_word_by_word() {
        const PIECES: [&str; 13] = [
            "",
            "a",
            "é",
            "\u{a0}",
            "word-long!",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\x0C",
            "\x0B",
            " !",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| PIECES.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        let starts = ["", "x", "x\n", "x "];
        for (i, text) in texts.iter().enumerate() {
            let next = texts
                .get(i.wrapping_mul(7919) % texts.len())
                .map_or("", String::as_str);
            for start in starts {
                for pending in [false, true] {
                    let (mut fast, mut fast_pending) = (String::from(start), pending);
                    let (mut slow, mut slow_pending) = (String::from(start), pending);
                    for piece in [text.as_str(), next] {
                        push_collapsed(&mut fast, piece, &mut fast_pending);
                        push_collapsed_runs(&mut slow, piece, &mut slow_pending);
                        assert_eq!(
                            (&fast, fast_pending),
                            (&slow, slow_pending),
                            "{start:?} {pending} {text:?} {next:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn collapsing_piece_by_piece_equals_collapsing_the_whole() {
        let cases: [&[&str]; 6] = [
            &["\n  ", "Peanut", "  butter \n"],
            &["\u{a0} x", " \u{3000}"],
            &["\u{b} a\t", "\u{b}"],
            &[" \n\u{a0}\n ", "\u{2003}"],
            &["a \u{a0} ", " b"],
            &["", " ", "x"],
        ];
        for pieces in cases {
            let mut out = String::new();
            let mut pending = false;
            for piece in pieces {
                push_collapsed(&mut out, piece, &mut pending);
            }
            assert_eq!(
                finish_collapsed(out),
                collapse(&pieces.concat()),
                "{pieces:?}"
            );
        }
    }
}
