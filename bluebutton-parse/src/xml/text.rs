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
pub(crate) fn push_collapsed(out: &mut String, text: &str, pending_space: &mut bool) {
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
