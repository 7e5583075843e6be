//! A light tokenizer for the content of the root element.
//!
//! quick-xml checks the UTF-8 of every event it returns and copies every open element's
//! name; this tokenizer slices a text checked once (see
//! [`XmlReader::lighten`](super::XmlReader::lighten)) and keeps the names' byte ranges
//! instead. It gives quick-xml's events, at the same positions, with the same
//! well-formedness checks and errors (end tags match their start tags; tags, quoted
//! attribute values, comments, CDATA sections, processing instructions and references
//! are closed); the tests hold it to quick-xml's reading. It stops at the end tag of the
//! element it was started in, and at a DOCTYPE: quick-xml reads those.

use memchr::{memchr2, memchr3, memchr3_iter, memmem};
use quick_xml::errors::{Error, IllFormedError, SyntaxError};
use quick_xml::events::{
    BytesCData, BytesDecl, BytesEnd, BytesPI, BytesRef, BytesStart, BytesText, Event,
};

use super::attributes::is_space;

/// What the input holds at a position.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// An event, and how many bytes of input it spans.
    Event(Event<'a>, usize),
    /// The end tag of the element the tokenizer was started in: left for quick-xml.
    Leave,
    /// A DOCTYPE, which cannot come inside an element: left for quick-xml, which refuses
    /// it with the reason (unclosed, declaring entities, or misplaced).
    Doctype,
    /// Markup that is not well-formed; the error is at the token's start.
    Malformed(Error),
}

/// The token of `text` at byte `at`, which starts an event (not inside markup).
///
/// `open` holds the byte ranges of the names of the elements opened since the tokenizer
/// was started and not yet closed: a start tag pushes its name, an end tag pops it and
/// must match it, and an end tag with nothing open is the [`Token::Leave`].
pub(crate) fn token<'a>(text: &'a str, at: usize, open: &mut Vec<(usize, usize)>) -> Token<'a> {
    match lexeme(text, at, open) {
        Some(lexeme) => Token::Event(lexeme.event(text), lexeme.len),
        None => rare(text, at, open),
    }
}

/// The common tokens (tags, text, references, the end), flat: a kind and byte ranges,
/// which stay in registers. An [`Event`] built in a [`Token`] and moved out of it was
/// copied through memory with wide loads right after narrow stores: a store-forwarding
/// stall for every event.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lexeme {
    /// What it is.
    pub kind: Lex,
    /// Where the event's content starts in the text: a tag's name and attributes
    /// (without `<`, `/` and `>`), an end tag's name, the text, the reference's name.
    pub from: usize,
    /// Where the event's content ends.
    pub to: usize,
    /// How long a start tag's name is.
    pub name_len: usize,
    /// How many bytes of input the token spans.
    pub len: usize,
}

/// What a [`Lexeme`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// A start tag.
    Start,
    /// An empty-element tag (`<x/>`).
    Empty,
    /// An end tag that matches the last start tag.
    End,
    /// Text up to the next `<` or `&`.
    Text,
    /// A reference (`&name;`), not yet checked.
    Reference,
    /// The end of the input.
    Eof,
}

impl Lexeme {
    /// The lexeme's event; `text` is the text it was found in.
    #[inline(always)]
    pub(crate) fn event<'a>(&self, text: &'a str) -> Event<'a> {
        let content = slice(text, self.from, self.to);
        match self.kind {
            Lex::Start => Event::Start(BytesStart::from_content(content, self.name_len)),
            Lex::Empty => Event::Empty(BytesStart::from_content(content, self.name_len)),
            Lex::End => Event::End(BytesEnd::new(content)),
            Lex::Text => Event::Text(BytesText::from_escaped(content)),
            Lex::Reference => Event::GeneralRef(BytesRef::new(content)),
            Lex::Eof => Event::Eof,
        }
    }
}

/// The common token at `at` (see [`token`]); `None` for the rest, which [`rare`] reads:
/// comments, CDATA sections, processing instructions, DOCTYPEs, the [`Token::Leave`] and
/// anything malformed. `open` is only changed when a lexeme is returned.
#[inline(always)]
pub(crate) fn lexeme(text: &str, at: usize, open: &mut Vec<(usize, usize)>) -> Option<Lexeme> {
    let rest = text.as_bytes().get(at..).unwrap_or_default();
    let flat = |kind, from, to, len| {
        Some(Lexeme {
            kind,
            from,
            to,
            name_len: 0,
            len,
        })
    };
    match rest.first() {
        None => flat(Lex::Eof, at, at, 0),
        Some(b'<') => tag(text, at, rest, open),
        Some(b'&') => match memchr3(b';', b'<', b'&', rest.get(1..).unwrap_or_default()) {
            Some(i) if rest.get(1 + i) == Some(&b';') => {
                flat(Lex::Reference, at + 1, at + 1 + i, i + 2)
            }
            _ => None,
        },
        Some(_) => {
            let n = memchr2(b'<', b'&', rest).unwrap_or(rest.len());
            flat(Lex::Text, at, at + n, n)
        }
    }
}

/// The start, empty-element or end tag at `at` (`rest` starts with its `<`); `None` for
/// other markup, a malformed tag, an end tag that does not match, and the [`Token::Leave`].
#[inline(always)]
fn tag(text: &str, at: usize, rest: &[u8], open: &mut Vec<(usize, usize)>) -> Option<Lexeme> {
    match rest.get(1)? {
        b'/' => {
            let (_, gt) = name_and_end(rest, 2).ok()?;
            let len = end_name_len(rest.get(2..gt).unwrap_or_default());
            let &(start, end) = open.last()?;
            if text.as_bytes().get(at + 2..at + 2 + len) != text.as_bytes().get(start..end) {
                return None;
            }
            open.pop();
            Some(Lexeme {
                kind: Lex::End,
                from: at + 2,
                to: at + 2 + len,
                name_len: 0,
                len: gt + 1,
            })
        }
        b'!' | b'?' => None,
        _ => {
            let (name_end, gt) = name_and_end(rest, 1).ok()?;
            let empty = gt > 1 && rest.get(gt - 1) == Some(&b'/');
            let end = if empty { gt - 1 } else { gt };
            // The name runs to the first white space (a quote does not end it).
            let name_len = match rest.get(name_end) {
                Some(b'"' | b'\'') => {
                    let content = rest.get(1..end).unwrap_or_default();
                    content
                        .iter()
                        .position(|b| is_space(*b))
                        .unwrap_or(content.len())
                }
                _ => name_end.min(end) - 1,
            };
            if !empty {
                open.push((at + 1, at + 1 + name_len));
            }
            Some(Lexeme {
                kind: if empty { Lex::Empty } else { Lex::Start },
                from: at + 1,
                to: at + end,
                name_len,
                len: gt + 1,
            })
        }
    }
}

/// How long the name in an end tag's content is: as quick-xml reads it, white space at
/// the end is not part of it, unless it is all there is (and anything else after the
/// name is, so that it does not match).
fn end_name_len(content: &[u8]) -> usize {
    match content.iter().rposition(|b| !is_space(*b)) {
        Some(last) => last + 1,
        None => content.len(),
    }
}

/// The tokens that [`lexeme`] leaves (see there), at `at`: rare in documents, so out of
/// the common path.
#[cold]
#[inline(never)]
fn rare<'a>(text: &'a str, at: usize, open: &mut Vec<(usize, usize)>) -> Token<'a> {
    let syntax = |e| Token::Malformed(Error::Syntax(e));
    let rest = text.as_bytes().get(at..).unwrap_or_default();
    match (rest.first(), rest.get(1)) {
        (Some(b'&'), _) => Token::Malformed(Error::IllFormed(IllFormedError::UnclosedReference)),
        (_, None) => syntax(SyntaxError::UnclosedTag),
        (_, Some(b'!' | b'?')) => special(text, at, rest),
        (_, Some(b'/')) => {
            let gt = match name_and_end(rest, 2) {
                Ok((_, gt)) => gt,
                Err(e) => return syntax(e),
            };
            let len = end_name_len(rest.get(2..gt).unwrap_or_default());
            let name = slice(text, at + 2, at + 2 + len);
            let Some((start, end)) = open.pop() else {
                return Token::Leave;
            };
            let expected = slice(text, start, end);
            if name != expected {
                return mismatched(expected, name);
            }
            Token::Event(Event::End(BytesEnd::new(name)), gt + 1)
        }
        // `lexeme` reads every start tag but one that is not closed.
        (_, Some(_)) => syntax(
            name_and_end(rest, 1)
                .err()
                .unwrap_or(SyntaxError::UnclosedTag),
        ),
    }
}

/// Comments, CDATA sections, processing instructions and DOCTYPEs at `at` (`rest` starts
/// with their `<`): rare inside documents, so out of the common path.
#[cold]
#[inline(never)]
fn special<'a>(text: &'a str, at: usize, rest: &[u8]) -> Token<'a> {
    let syntax = |e| Token::Malformed(Error::Syntax(e));
    match rest.get(1) {
        Some(b'!') => {
            let (open_with, close_with, unclosed) = match rest.get(2) {
                Some(b'-') => ("<!--", "-->", SyntaxError::UnclosedComment),
                Some(b'[') => ("<![CDATA[", "]]>", SyntaxError::UnclosedCData),
                Some(b'D' | b'd') => return Token::Doctype,
                _ => return syntax(SyntaxError::InvalidBangMarkup),
            };
            // A `<!-` that does not open a comment is an unclosed one, as quick-xml
            // reads it (and a `<![` an unclosed CDATA section).
            if !rest.starts_with(open_with.as_bytes()) {
                return syntax(unclosed);
            }
            let from = open_with.len();
            let Some(i) = memmem::find(rest.get(from..).unwrap_or_default(), close_with.as_bytes())
            else {
                return syntax(unclosed);
            };
            let content = slice(text, at + from, at + from + i);
            let event = match close_with {
                "-->" => Event::Comment(BytesText::from_escaped(content)),
                _ => Event::CData(BytesCData::new(content)),
            };
            Token::Event(event, from + i + close_with.len())
        }
        // The first `?>` ends it, even with the opening `?` (`<?>` is unclosed).
        Some(b'?') => match memmem::find(rest.get(1..).unwrap_or_default(), b"?>") {
            Some(i) if i > 0 => {
                let content = slice(text, at + 2, at + 1 + i);
                // `<?xml` and white space (or nothing) is a declaration, as quick-xml reads
                // it, if a misplaced one.
                let decl = content
                    .strip_prefix("xml")
                    .is_some_and(|after| after.as_bytes().first().is_none_or(|b| is_space(*b)));
                let event = if decl {
                    Event::Decl(BytesDecl::from_start(BytesStart::from_content(content, 3)))
                } else {
                    Event::PI(BytesPI::new(content))
                };
                Token::Event(event, i + 3)
            }
            _ => syntax(SyntaxError::UnclosedPI),
        },
        _ => syntax(SyntaxError::InvalidBangMarkup),
    }
}

/// An end tag `found` where `expected` was open.
#[cold]
#[inline(never)]
fn mismatched<'a>(expected: &str, found: &str) -> Token<'a> {
    Token::Malformed(Error::IllFormed(IllFormedError::MismatchedEndTag {
        expected: expected.to_owned(),
        found: found.to_owned(),
    }))
}

/// Where the name that starts at `from` in the tag `rest` ends, and the index of the `>`
/// that closes the tag. Most tags are a name and `>` (or `/>`), with no attributes to look
/// through for quoted values: then one pass finds both.
fn name_and_end(rest: &[u8], from: usize) -> Result<(usize, usize), SyntaxError> {
    match name_then(rest, from) {
        (n, Some(b'>')) => Ok((n, n)),
        (n, _) => tag_end(rest, n).map(|gt| (n, gt)),
    }
}

/// Where the name that starts at `from` in `rest` ends (at white space, `>`, a quote or
/// the end of the input; a `/` is part of a name, as quick-xml reads names), and the byte
/// there.
fn name_then(rest: &[u8], from: usize) -> (usize, Option<u8>) {
    let tail = rest.get(from..).unwrap_or_default();
    match tail
        .iter()
        .position(|b| matches!(b, b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\''))
    {
        Some(i) => (from + i, tail.get(i).copied()),
        None => (rest.len(), None),
    }
}

/// The index of the `>` that closes the tag starting `rest`, looking from `from`: the
/// first one outside a quoted value, as quick-xml reads tags.
fn tag_end(rest: &[u8], from: usize) -> Result<usize, SyntaxError> {
    let mut quote = None;
    let tail = rest.get(from..).unwrap_or_default();
    for i in memchr3_iter(b'>', b'"', b'\'', tail) {
        let b = tail.get(i).copied();
        match (quote, b) {
            (None, Some(b'>')) => return Ok(from + i),
            (None, q) => quote = q,
            (Some(q), Some(b)) if q == b => quote = None,
            _ => {}
        }
    }
    Err(match quote {
        None => SyntaxError::UnclosedTag,
        Some(b'\'') => SyntaxError::UnclosedSingleQuotedAttributeValue,
        Some(_) => SyntaxError::UnclosedDoubleQuotedAttributeValue,
    })
}

/// `text[start..end]`. Every boundary the tokenizer cuts at is an ASCII delimiter (`<`,
/// `>`, `&`, `;`, a quote or white space) or the end of the text, so always a character
/// boundary of the (valid UTF-8) text: the empty fallback is never taken.
fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use quick_xml::Reader;

    /// What both readings give at a DOCTYPE: quick-xml reads it, and the reader refuses it.
    const DOCTYPE: &str = "a DOCTYPE, for quick-xml";

    /// Every event of `xml` (the content of an element) as quick-xml reads it inside
    /// `<r>`, and as the tokenizer reads it: debug strings, so errors compare too.
    fn both(xml: &str) -> (Vec<String>, Vec<String>) {
        let doc = format!("<r>{xml}</r>");
        let mut reader = Reader::from_str(&doc);
        let mut theirs = Vec::new();
        let mut depth = 0;
        loop {
            match reader.read_event() {
                Ok(Event::Start(_)) if depth == 0 => depth = 1,
                Ok(Event::End(_)) if depth == 1 => break,
                Ok(Event::Eof) => {
                    theirs.push("Eof".to_owned());
                    break;
                }
                Ok(Event::DocType(_)) | Err(Error::Syntax(SyntaxError::UnclosedDoctype)) => {
                    theirs.push(DOCTYPE.to_owned());
                    break;
                }
                Ok(e) => {
                    if matches!(e, Event::Start(_)) {
                        depth += 1;
                    }
                    if matches!(e, Event::End(_)) {
                        depth -= 1;
                    }
                    theirs.push(format!("{e:?}"));
                }
                Err(e) => {
                    theirs.push(format!("error: {e}"));
                    break;
                }
            }
        }
        let mut ours = Vec::new();
        let mut open = Vec::new();
        let mut at = 3;
        loop {
            match token(&doc, at, &mut open) {
                Token::Event(Event::Eof, _) => {
                    ours.push("Eof".to_owned());
                    break;
                }
                Token::Event(e, len) => {
                    ours.push(format!("{e:?}"));
                    at += len;
                }
                // quick-xml reads this end tag, with only `r` open: it closes `r` (where
                // quick-xml stopped too) or is refused.
                Token::Leave => {
                    let rest = format!("<r>{}", doc.get(at..).unwrap_or_default());
                    let mut quick = Reader::from_str(&rest);
                    let _root = quick.read_event();
                    match quick.read_event() {
                        Ok(Event::End(_)) => {}
                        Ok(e) => ours.push(format!("{e:?}")),
                        Err(e) => ours.push(format!("error: {e}")),
                    }
                    break;
                }
                Token::Doctype => {
                    ours.push(DOCTYPE.to_owned());
                    break;
                }
                Token::Malformed(e) => {
                    ours.push(format!("error: {e}"));
                    break;
                }
            }
        }
        (theirs, ours)
    }

    #[test]
    fn reads_as_quick_xml_does() {
        for xml in [
            "plain text",
            "<table border=\"1\"><tr><td>a &amp; b</td><td ID='x'>c&#x41;d</td></tr></table>",
            "<br/><br /><content styleCode=\"Bold\">x</content>",
            "a<!-- a comment -->b<![CDATA[<raw> & ]]>c<?pi data?>d",
            "<list><item>one</item>\n  <item>two</item></list>",
            "<content a=\"x>y\" b='\"'>q</content >",
            "<a/ >x</a/><b\"c\" d>e</b\"c\"><f'g'/><h/>",
            "<sdtc:x>y</sdtc:x>",
            "tail &gt;",
            // Found by the property test below: a misplaced declaration is one.
            "<?xml version=\"1.0\"?>x<?xml?><?xml-stylesheet a?>",
            "<!D",
        ] {
            let (theirs, ours) = both(xml);
            assert_eq!(ours, theirs, "{xml}");
        }
    }

    #[test]
    fn refuses_what_quick_xml_refuses() {
        for xml in [
            "<a><b></a></b>",
            "<a>text</b>",
            "x & y",
            "x &amp y<b/>",
            "<a b=\"c>",
            "<a b='c>",
            "<!-- open",
            "<![CDATA[ open",
            "<!x>",
            "<a",
            "<",
            "<?pi",
            // Found by the property test below: `<?>` is unclosed, a DOCTYPE is refused.
            "<?>?>",
            // quick-xml reads a `<!-` or `<![` that opens nothing as unclosed.
            "<!-x-->",
            "<![CDAT]]>",
            // Found by the property test below: white space alone is an end tag's name,
            // and an end tag with nothing open is quick-xml's to refuse.
            "<e\n></ >",
            "</<a>",
        ] {
            let (theirs, ours) = both(xml);
            // Refused, or cut off by the end of the input (which the reader refuses),
            // the same way by both.
            let end = |events: &[String]| match events.last() {
                Some(e) if e.starts_with("error") => "refused",
                Some(e) if e == "Eof" => "cut off",
                _ => "read",
            };
            assert_ne!(end(&theirs), "read", "{xml}: {theirs:?}");
            assert_eq!(ours, theirs, "{xml}");
        }
    }

    #[test]
    fn leaves_at_the_end_of_its_element() {
        let doc = "<t>x<b>y</b></t>";
        let mut open = Vec::new();
        let mut at = 3;
        let mut events = 0;
        while let Token::Event(_, len) = token(doc, at, &mut open) {
            at += len;
            events += 1;
        }
        assert_eq!((events, &doc[at..]), (4, "</t>"));
        assert!(matches!(
            token("<!DOCTYPE x>", 0, &mut open),
            Token::Doctype
        ));
        assert!(matches!(token("</t>", 0, &mut open), Token::Leave));
    }

    /// Pieces of markup, whole and broken, that random inputs are made of.
    const PIECES: &[&str] = &[
        "<a>",
        "</a>",
        "<b x=\"1\">",
        "</b>",
        "<c/>",
        "<d y='>'/>",
        "<e\n>",
        "</e >",
        "text",
        " ",
        "\n",
        "é",
        "&amp;",
        "&#65;",
        "&",
        ";",
        "<",
        ">",
        "/",
        "\"",
        "'",
        "=",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<?",
        "?>",
        "<!",
        "<!-",
        "<![",
        "<!D",
        "<!DOCTYPE d>",
        "<?xml version=\"1.0\"?>",
        "</",
    ];

    proptest! {
        /// Any mix of these pieces gives quick-xml's events, and fails where and as it
        /// fails.
        #[test]
        fn agrees_with_quick_xml(picks in prop::collection::vec(0..PIECES.len(), 0..24)) {
            let xml: String = picks.iter().filter_map(|i| PIECES.get(*i).copied()).collect();
            let (theirs, ours) = both(&xml);
            prop_assert_eq!(ours, theirs, "{:?}", xml);
        }
    }
}
