//! A small non-validating XML scanner for detection.
//!
//! It checks the well-formedness of the window (tags nest and match, attributes are
//! `name="value"`, comments, processing instructions, CDATA and the DOCTYPE are closed,
//! `&` starts a reference, nothing but white space outside the root) and reports every
//! start tag to a [`Visitor`]. It never expands an entity and never reads a DTD: a DOCTYPE
//! is skipped over, and the reader decides what to do with it. A visitor that needs
//! nothing more from deep elements lets the scan skim them ([`Visitor::skims_deep`]). It
//! loops, never recurses, and stops (without an error) past [`MAX_DEPTH`] open elements,
//! leaving deep nesting to the reader's own limit, or when the visitor has seen enough.
//!
//! Namespaces are not checked (an unbound `xsi:` prefix is the reader's business), nor
//! are named entity references (`&nbsp;` is syntax, not a detection matter).

use crate::xml::{equal, first, word};

/// Past this many open elements the scan stops: detection has what it needs by then.
const MAX_DEPTH: usize = 1024;

/// Receives the start tags the scanner finds.
pub(super) trait Visitor<'t> {
    /// A start tag or empty-element tag: `depth` 0 is the root; `attributes` is the raw
    /// text between the name and the closing `>` (read it with [`attributes`]). Returns
    /// false when the visitor has seen enough: the scan stops there, without an error.
    fn start(&mut self, depth: usize, name: &'t str, attributes: &'t str) -> bool;

    /// True once elements deeper than the root's grandchildren no longer matter to the
    /// visitor: the scan then skims their content (see [`SKIM_DEPTH`]).
    fn skims_deep(&self) -> bool {
        false
    }
}

/// How many open elements (the root, a child, a grandchild) the scan checks fully once the
/// visitor [skims deep content](Visitor::skims_deep). Below them it only follows tags to
/// find where the grandchild ends: it looks for `<`, for the `>` of each tag (quoted
/// values jumped), and through comments, CDATA and processing instructions. Names,
/// attributes, references and end-tag names down there are left for the reader, which
/// checks them as it reads the whole input.
const SKIM_DEPTH: usize = 3;

/// What the scan found.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    /// The first well-formedness error, if any.
    pub error: Option<XmlError>,
    /// Whether the root element's end tag was seen.
    pub root_closed: bool,
}

/// A well-formedness error: where (byte offset in the scanned text) and why.
#[derive(Debug)]
pub(super) struct XmlError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong, citing tag names only.
    pub reason: String,
}

enum Stop {
    /// A real error.
    Error(XmlError),
    /// The text ended inside a construct ("inside a comment"...): an error only when the
    /// text is the whole input.
    Ended(String),
    /// The scan stopped on purpose (the visitor has enough, or it is too deep to be
    /// worth following).
    Enough,
}

fn error(offset: usize, reason: impl Into<String>) -> Stop {
    Stop::Error(XmlError {
        offset,
        reason: reason.into(),
    })
}

/// Scans `text`. `complete` says whether `text` is the whole input (so that ending inside
/// an element is an error) or only the window (so that it is not).
pub(super) fn scan<'t>(text: &'t str, complete: bool, visitor: &mut impl Visitor<'t>) -> Scanned {
    let mut scanner = Scanner {
        text,
        b: text.as_bytes(),
        i: 0,
        stack: Vec::new(),
        root_seen: false,
        root_closed: false,
        markup_seen: false,
    };
    let error = match scanner.run(visitor) {
        Ok(()) | Err(Stop::Enough) => None,
        Err(Stop::Ended(_)) if !complete => None,
        Err(Stop::Ended(context)) => Some(XmlError {
            offset: text.len(),
            reason: format!("the input ends {context}"),
        }),
        Err(Stop::Error(e)) => Some(e),
    };
    Scanned {
        error,
        root_closed: scanner.root_closed,
    }
}

/// The `(name, value)` pairs of a start tag's raw attribute text (values not unescaped),
/// split as the XML reader splits them; the scan has checked the tag's syntax already.
pub(super) fn attributes(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    crate::xml::Attributes::new(raw, 0).map_while(Result::ok)
}

/// A name's part after its namespace prefix.
pub(super) fn local_name(name: &str) -> &str {
    // Names are short: a byte loop beats a `char` searcher here.
    match name.bytes().rposition(|b| b == b':') {
        Some(colon) => name.get(colon + 1..).unwrap_or(name),
        None => name,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

/// [`is_name_char`] for every byte: names are most of what the scanner reads, and one
/// table look-up per byte beats the chain of range tests.
// Indexing runs at compile time here (a bad index fails the build, it cannot panic).
#[allow(clippy::indexing_slicing)]
const NAME_CHARS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'-' | b'.') || c >= 0x80;
        b += 1;
    }
    table
};

fn is_name_char(b: u8) -> bool {
    // Never `None` (the table has 256 entries); the check compiles away.
    NAME_CHARS.get(usize::from(b)).copied().unwrap_or(false)
}

/// A tag name for a message: at most 64 bytes, cut on a character boundary.
fn shown(name: &str) -> &str {
    let mut end = name.len().min(64);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name.get(..end).unwrap_or_default()
}

struct Scanner<'t> {
    text: &'t str,
    b: &'t [u8],
    i: usize,
    /// Byte ranges of the open elements' names.
    stack: Vec<(usize, usize)>,
    root_seen: bool,
    root_closed: bool,
    markup_seen: bool,
}

impl<'t> Scanner<'t> {
    fn slice(&self, from: usize, to: usize) -> &'t str {
        self.text.get(from..to).unwrap_or_default()
    }

    fn top_name(&self) -> &'t str {
        self.stack
            .last()
            .map_or("", |&(from, to)| self.slice(from, to))
    }

    /// Where `needle` next occurs from `from`. The needles are short closers (`-->`,
    /// `?>`, `]]>`): a memchr for their first byte and a compare beats setting up a
    /// substring searcher for every comment.
    fn find(&self, from: usize, needle: &[u8]) -> Option<usize> {
        let first = *needle.first()?;
        let mut at = from;
        loop {
            let hit = self.find_char(at, first)?;
            if self.b.get(hit..hit + needle.len()) == Some(needle) {
                return Some(hit);
            }
            at = hit + 1;
        }
    }

    /// Where the byte `needle` next occurs from `from` (a memchr).
    fn find_char(&self, from: usize, needle: u8) -> Option<usize> {
        memchr::memchr(needle, self.b.get(from..)?).map(|at| from + at)
    }

    /// [`Self::find_char`] for a byte that is usually near (the end of a short value,
    /// the next tag after indentation): the first bytes are read eight at a time, and
    /// only a longer search is left to a memchr, whose set-up would cost more.
    #[inline(always)]
    fn find_near(&self, from: usize, needle: u8) -> Option<usize> {
        let mut i = from;
        for _ in 0..4 {
            let Some(w) = word(self.b, i) else { break };
            let hit = equal(w, needle);
            if hit != 0 {
                return Some(i + first(hit));
            }
            i += 8;
        }
        self.find_char(i, needle)
    }

    fn run(&mut self, visitor: &mut impl Visitor<'t>) -> Result<(), Stop> {
        loop {
            if self.stack.len() >= SKIM_DEPTH && visitor.skims_deep() {
                self.skim()?;
            }
            self.char_data()?;
            let lt = self.i;
            if lt >= self.b.len() {
                return self.finish();
            }
            match self.b.get(lt + 1) {
                None => return Err(Stop::Ended("inside a tag".into())),
                Some(b'?') => self.processing_instruction(lt)?,
                Some(b'!') => self.bang(lt)?,
                Some(b'/') => self.end_tag(lt)?,
                Some(&c) if is_name_start(c) => self.start_tag(lt, visitor)?,
                Some(_) => return Err(error(lt + 1, "'<' is not followed by a tag name")),
            }
            self.markup_seen = true;
        }
    }

    fn finish(&self) -> Result<(), Stop> {
        if !self.stack.is_empty() {
            return Err(Stop::Ended(format!(
                "before <{}> is closed",
                shown(self.top_name())
            )));
        }
        if !self.root_seen {
            return Err(Stop::Ended("before any element".into()));
        }
        Ok(())
    }

    /// Text up to the next `<`: only white space outside the root, and well-formed
    /// references inside it.
    fn char_data(&mut self) -> Result<(), Stop> {
        if !self.stack.is_empty() {
            // Inside the root, only '<' and '&' matter.
            loop {
                match self.next_lt_or_amp(self.i) {
                    Some(at) if self.b.get(at) == Some(&b'&') => {
                        self.i = at;
                        self.reference()?;
                    }
                    Some(at) => {
                        self.i = at;
                        return Ok(());
                    }
                    None => {
                        self.i = self.b.len();
                        return Ok(());
                    }
                }
            }
        }
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'<' => break,
                _ if self.stack.is_empty() && !is_space(c) => {
                    let where_ = if self.root_closed { "after" } else { "before" };
                    return Err(error(self.i, format!("text {where_} the root element")));
                }
                b'&' => self.reference()?,
                _ => self.i += 1,
            }
        }
        Ok(())
    }

    /// Where the next '<' or '&' is from `from`. Text between tags is mostly short
    /// indentation: its first bytes are read eight at a time, and only longer text is
    /// left to a memchr2, whose set-up would cost more than the short text.
    fn next_lt_or_amp(&self, from: usize) -> Option<usize> {
        let mut i = from;
        for _ in 0..4 {
            let Some(w) = word(self.b, i) else { break };
            let stop = equal(w, b'<') | equal(w, b'&');
            if stop != 0 {
                return Some(i + first(stop));
            }
            i += 8;
        }
        memchr::memchr2(b'<', b'&', self.b.get(i..)?).map(|at| i + at)
    }

    /// `&name;`, `&#123;` or `&#x1F;` at `self.i`.
    fn reference(&mut self) -> Result<(), Stop> {
        let amp = self.i;
        let mut j = amp + 1;
        let bare = || error(amp, "a bare '&' (write it as &amp;)");
        match self.b.get(j) {
            None => return Err(Stop::Ended("inside an entity reference".into())),
            Some(b'#') => {
                j += 1;
                let hex = self.b.get(j) == Some(&b'x');
                if hex {
                    j += 1;
                }
                let digits = j;
                while self.b.get(j).is_some_and(|c| {
                    if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    }
                }) {
                    j += 1;
                }
                if j == digits && j < self.b.len() {
                    return Err(bare());
                }
            }
            Some(&c) if is_name_start(c) => {
                while self.b.get(j).is_some_and(|&c| is_name_char(c)) {
                    j += 1;
                }
            }
            Some(_) => return Err(bare()),
        }
        match self.b.get(j) {
            Some(b';') => {
                self.i = j + 1;
                Ok(())
            }
            None => Err(Stop::Ended("inside an entity reference".into())),
            Some(_) => Err(bare()),
        }
    }

    fn processing_instruction(&mut self, lt: usize) -> Result<(), Stop> {
        let mut j = lt + 2;
        while self.b.get(j).is_some_and(|&c| is_name_char(c)) {
            j += 1;
        }
        let target = self.slice(lt + 2, j);
        if target.eq_ignore_ascii_case("xml") && (self.markup_seen || self.root_seen) {
            return Err(error(lt, "an XML declaration that is not at the start"));
        }
        let end = self
            .find(lt + 2, b"?>")
            .ok_or_else(|| Stop::Ended("inside a processing instruction".into()))?;
        self.i = end + 2;
        Ok(())
    }

    fn bang(&mut self, lt: usize) -> Result<(), Stop> {
        let rest = self.b.get(lt..).unwrap_or_default();
        let prefix_of = |full: &[u8]| rest.len() < full.len() && full.starts_with(rest);
        if rest.starts_with(b"<!--") {
            let end = self
                .find(lt + 4, b"-->")
                .ok_or_else(|| Stop::Ended("inside a comment".into()))?;
            self.i = end + 3;
        } else if rest.starts_with(b"<![CDATA[") {
            if self.stack.is_empty() {
                return Err(error(lt, "a CDATA section outside the root element"));
            }
            let end = self
                .find(lt + 9, b"]]>")
                .ok_or_else(|| Stop::Ended("inside a CDATA section".into()))?;
            self.i = end + 3;
        } else if rest.starts_with(b"<!DOCTYPE") {
            if self.root_seen {
                return Err(error(lt, "a DOCTYPE after the root element"));
            }
            self.doctype(lt + 9)?;
        } else if prefix_of(b"<!--") || prefix_of(b"<![CDATA[") || prefix_of(b"<!DOCTYPE") {
            return Err(Stop::Ended("inside a tag".into()));
        } else {
            return Err(error(
                lt,
                "'<!' that starts no comment, CDATA section or DOCTYPE",
            ));
        }
        Ok(())
    }

    /// Skips a DOCTYPE (from after `<!DOCTYPE`), its internal subset included.
    fn doctype(&mut self, from: usize) -> Result<(), Stop> {
        let ended = || Stop::Ended("inside the DOCTYPE".into());
        let mut j = from;
        let mut in_subset = false;
        loop {
            match self.b.get(j) {
                None => return Err(ended()),
                Some(b'"') => j = self.find_char(j + 1, b'"').ok_or_else(ended)? + 1,
                Some(b'\'') => j = self.find_char(j + 1, b'\'').ok_or_else(ended)? + 1,
                Some(b'<') if in_subset && self.b.get(j..j + 4) == Some(b"<!--") => {
                    j = self.find(j + 4, b"-->").ok_or_else(ended)? + 3;
                }
                Some(b'<') if !in_subset => return Err(error(j, "'<' inside the DOCTYPE")),
                Some(b'[') if !in_subset => {
                    in_subset = true;
                    j += 1;
                }
                Some(b']') if in_subset => {
                    in_subset = false;
                    j += 1;
                }
                Some(b'>') if !in_subset => {
                    self.i = j + 1;
                    return Ok(());
                }
                Some(_) => j += 1,
            }
        }
    }

    fn name_end(&self, from: usize) -> usize {
        let rest = self.b.get(from..).unwrap_or_default();
        from + rest
            .iter()
            .position(|&c| !is_name_char(c))
            .unwrap_or(rest.len())
    }

    fn skip_space(&mut self) -> bool {
        let rest = self.b.get(self.i..).unwrap_or_default();
        let spaces = rest
            .iter()
            .position(|&c| !is_space(c))
            .unwrap_or(rest.len());
        self.i += spaces;
        spaces > 0
    }

    fn end_tag(&mut self, lt: usize) -> Result<(), Stop> {
        let name_end = self.name_end(lt + 2);
        if name_end == lt + 2 {
            return match self.b.get(name_end) {
                None => Err(Stop::Ended("inside an end tag".into())),
                Some(_) => Err(error(lt + 2, "'</' is not followed by a tag name")),
            };
        }
        // The name as text only for a message: it is compared as bytes (names end on
        // ASCII bytes, so no check of character boundaries is needed).
        let text = self.text;
        let name = || shown(text.get(lt + 2..name_end).unwrap_or_default());
        self.i = name_end;
        self.skip_space();
        match self.b.get(self.i) {
            None => return Err(Stop::Ended(format!("inside the end tag </{}>", name()))),
            Some(b'>') => self.i += 1,
            Some(_) => {
                return Err(error(
                    self.i,
                    format!("unexpected character in the end tag </{}>", name()),
                ))
            }
        }
        let Some(&(from, to)) = self.stack.last() else {
            let reason = if self.root_closed {
                format!("end tag </{}> after the root element ended", name())
            } else {
                format!("end tag </{}> with no open element", name())
            };
            return Err(error(lt, reason));
        };
        if self.b.get(from..to) != self.b.get(lt + 2..name_end) {
            let open = shown(self.slice(from, to));
            let reason = format!("end tag </{}> does not match the open <{open}>", name());
            return Err(error(lt, reason));
        }
        self.stack.pop();
        if self.stack.is_empty() {
            self.root_closed = true;
        }
        Ok(())
    }

    fn start_tag(&mut self, lt: usize, visitor: &mut impl Visitor<'t>) -> Result<(), Stop> {
        let name_end = self.name_end(lt + 1);
        let name = self.slice(lt + 1, name_end);
        let ended = || Stop::Ended(format!("inside the <{}> start tag", shown(name)));
        self.i = name_end;
        let attributes_start = name_end;
        let (attributes_end, empty) = loop {
            let spaced = self.skip_space();
            let at = self.i;
            match self.b.get(at) {
                None => return Err(ended()),
                Some(b'>') => {
                    self.i += 1;
                    break (at, false);
                }
                Some(b'/') => match self.b.get(at + 1) {
                    Some(b'>') => {
                        self.i += 2;
                        break (at, true);
                    }
                    None => return Err(ended()),
                    Some(_) => {
                        return Err(error(
                            at + 1,
                            format!("expected '>' after '/' in <{}>", shown(name)),
                        ))
                    }
                },
                Some(&c) if is_name_start(c) => {
                    if !spaced {
                        return Err(error(
                            at,
                            format!(
                                "missing white space before an attribute in <{}>",
                                shown(name)
                            ),
                        ));
                    }
                    self.attribute(name)?;
                }
                Some(b'<') => {
                    return Err(error(
                        at,
                        format!(
                            "unexpected '<' inside the <{}> start tag (is a '>' missing?)",
                            shown(name)
                        ),
                    ))
                }
                Some(_) => {
                    return Err(error(
                        at,
                        format!("unexpected character in the <{}> start tag", shown(name)),
                    ))
                }
            }
        };
        if self.stack.is_empty() {
            if self.root_closed {
                return Err(error(
                    lt,
                    format!(
                        "a second root element <{}> after the first ended",
                        shown(name)
                    ),
                ));
            }
            self.root_seen = true;
        }
        let more = visitor.start(
            self.stack.len(),
            name,
            self.slice(attributes_start, attributes_end),
        );
        if !more {
            return Err(Stop::Enough);
        }
        if empty {
            if self.stack.is_empty() {
                self.root_closed = true;
            }
        } else {
            if self.stack.len() >= MAX_DEPTH {
                return Err(Stop::Enough);
            }
            self.stack.push((lt + 1, name_end));
        }
        Ok(())
    }

    /// Skims the content of the open element, up to the `<` of its end tag (which the
    /// caller checks in full), or to the end of the text (which the caller reports).
    fn skim(&mut self) -> Result<(), Stop> {
        // Elements opened inside, not yet ended.
        let mut open = 0usize;
        loop {
            let Some(lt) = self.find_near(self.i, b'<') else {
                self.i = self.b.len();
                return Ok(());
            };
            self.i = lt;
            match self.b.get(lt + 1) {
                None => return Ok(()),
                Some(b'/') if open == 0 => return Ok(()),
                Some(b'/') => {
                    let gt = self
                        .find_near(lt + 2, b'>')
                        .ok_or_else(|| Stop::Ended("inside an end tag".into()))?;
                    self.i = gt + 1;
                    open -= 1;
                }
                Some(b'?') => self.processing_instruction(lt)?,
                Some(b'!') => self.bang(lt)?,
                Some(_) => {
                    let gt = self.tag_end(lt + 1)?;
                    if self.b.get(gt - 1) != Some(&b'/') {
                        open += 1;
                    }
                    self.i = gt + 1;
                }
            }
        }
    }

    /// The `>` that closes the tag whose text starts at `from`, quoted values jumped
    /// (a `>` may stand in one).
    fn tag_end(&self, from: usize) -> Result<usize, Stop> {
        let ended = || Stop::Ended("inside a tag".into());
        let mut i = from;
        loop {
            let at = self.first_of(i, [b'>', b'"', b'\'']);
            match self.b.get(at) {
                None => return Err(ended()),
                Some(&quote @ (b'"' | b'\'')) => {
                    i = self.find_near(at + 1, quote).ok_or_else(ended)? + 1;
                }
                Some(_) => return Ok(at),
            }
        }
    }

    /// The first `quote`, '<' or '&' from `from`, or the end of the text.
    fn value_stop(&self, from: usize, quote: u8) -> usize {
        self.first_of(from, [quote, b'<', b'&'])
    }

    /// Where the first of `bytes` is from `from`, or the end of the text. What it looks
    /// for is usually near (the end of a value or of a tag): eight bytes at a time, as a
    /// memchr's set-up would cost more.
    #[inline(always)]
    fn first_of(&self, from: usize, [a, b, c]: [u8; 3]) -> usize {
        let mut i = from;
        while let Some(w) = word(self.b, i) {
            let stop = equal(w, a) | equal(w, b) | equal(w, c);
            if stop != 0 {
                return i + first(stop);
            }
            i += 8;
        }
        let rest = self.b.get(i..).unwrap_or_default();
        i + rest
            .iter()
            .position(|&x| x == a || x == b || x == c)
            .unwrap_or(rest.len())
    }

    /// `name = "value"` at `self.i`, inside the start tag of `element`.
    fn attribute(&mut self, element: &str) -> Result<(), Stop> {
        let ended = || Stop::Ended(format!("inside the <{}> start tag", shown(element)));
        let name_start = self.i;
        self.i = self.name_end(name_start);
        let name = self.slice(name_start, self.i);
        self.skip_space();
        match self.b.get(self.i) {
            None => return Err(ended()),
            Some(b'=') => self.i += 1,
            Some(_) => {
                return Err(error(
                    self.i,
                    format!(
                        "attribute {} of <{}> has no '=' and value",
                        shown(name),
                        shown(element)
                    ),
                ))
            }
        }
        self.skip_space();
        let quote = match self.b.get(self.i) {
            None => return Err(ended()),
            Some(&q @ (b'"' | b'\'')) => q,
            Some(_) => {
                return Err(error(
                    self.i,
                    format!(
                        "the value of attribute {} of <{}> is not quoted",
                        shown(name),
                        shown(element)
                    ),
                ))
            }
        };
        self.i += 1;
        // Jump to the closing quote when no '<' or '&' comes first.
        self.i = self.value_stop(self.i, quote);
        if self.b.get(self.i) == Some(&quote) {
            self.i += 1;
            return Ok(());
        }
        loop {
            match self.b.get(self.i) {
                None => return Err(ended()),
                Some(&c) if c == quote => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'<') => {
                    return Err(error(
                        self.i,
                        format!(
                            "'<' in the value of attribute {} of <{}>",
                            shown(name),
                            shown(element)
                        ),
                    ))
                }
                Some(b'&') => self.reference()?,
                Some(_) => self.i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Names(Vec<(usize, String)>);

    impl Visitor<'_> for Names {
        fn start(&mut self, depth: usize, name: &str, _attributes: &str) -> bool {
            self.0.push((depth, name.to_string()));
            name != "stop"
        }
    }

    fn check(text: &str) -> Option<(usize, String)> {
        scan(text, true, &mut Names::default())
            .error
            .map(|e| (e.offset, e.reason))
    }

    #[test]
    fn accepts_well_formed_documents() {
        for ok in [
            "<a/>",
            " <?xml version='1.0'?>\n<!-- c --><?pi x?><a x='1' y=\"&lt;&#65;&#x41;\"><b>t&amp;</b><![CDATA[<]]></a>\n",
            "<!DOCTYPE a [<!ENTITY e \"<b>\"> <!-- ] -->]><a>&e;</a>",
            "<cda:ClinicalDocument xmlns:cda='urn:hl7-org:v3'></cda:ClinicalDocument>",
        ] {
            assert_eq!(check(ok), None, "{ok}");
        }
    }

    #[test]
    fn reports_where_xml_breaks() {
        let cases = [
            ("<a>< b</a>", 4, "not followed by a tag name"),
            ("<a><</a>", 4, "not followed by a tag name"),
            ("<a b></a>", 4, "no '='"),
            ("<a>&</a>", 3, "bare '&'"),
            ("<a x=\"<\"/>", 6, "'<' in the value"),
            ("<a/><b/>", 4, "second root"),
            ("<a>x</b>", 4, "does not match"),
            ("<a>", 3, "before <a> is closed"),
            ("<?xml version=\"1.0\"?>", 21, "before any element"),
            ("<a/><?xml version='1.0'?>", 4, "not at the start"),
            ("<a x='1'y='2'/>", 8, "missing white space"),
            ("<a>\n<b\n  <c/></b></a>", 9, "is a '>' missing"),
            ("x<a/>", 0, "text before"),
            ("<a/>x", 4, "text after"),
        ];
        for (text, offset, reason) in cases {
            let (at, why) = check(text).unwrap_or_else(|| panic!("no error for {text}"));
            assert_eq!(at, offset, "{text}: {why}");
            assert!(why.contains(reason), "{text}: {why}");
        }
    }

    #[test]
    fn finds_quotes_and_markup_at_every_place_in_a_word() {
        for n in 0..40 {
            let pad = "x".repeat(n);
            let at = 6 + n;
            assert_eq!(check(&format!("<a x='{pad}'/>")), None, "{n}");
            assert_eq!(check(&format!("<a x=\"{pad}'\"/>")), None, "{n}");
            assert_eq!(
                check(&format!("<a x='{pad}&amp;{pad}'>{pad}&lt;{pad}</a>")),
                None
            );
            let (offset, why) = check(&format!("<a x='{pad}<'/>")).unwrap_or_default();
            assert_eq!(
                (offset, why.contains("'<' in the value")),
                (at, true),
                "{n}"
            );
            let (offset, why) = check(&format!("<a x='{pad}& '/>")).unwrap_or_default();
            assert_eq!((offset, why.contains("bare '&'")), (at, true), "{n}");
            let (offset, why) = check(&format!("<a>{pad}& </a>")).unwrap_or_default();
            assert_eq!((offset, why.contains("bare '&'")), (3 + n, true), "{n}");
            // Cut inside the value or the text: not an error, unless the input is whole.
            for text in [format!("<a x='{pad}"), format!("<a>{pad}")] {
                assert!(scan(&text, false, &mut Names::default()).error.is_none());
                assert!(scan(&text, true, &mut Names::default()).error.is_some());
            }
        }
    }

    #[test]
    fn a_cut_window_is_not_an_error() {
        let text = "<a><b x='1";
        assert!(scan(text, false, &mut Names::default()).error.is_none());
        assert!(scan(text, true, &mut Names::default()).error.is_some());
    }

    #[test]
    fn reports_start_tags_with_depth() {
        let mut names = Names::default();
        let scanned = scan("<r><a><b/></a><c/></r>", true, &mut names);
        assert!(scanned.root_closed);
        let depths: Vec<_> = names.0.iter().map(|(d, n)| format!("{d}{n}")).collect();
        assert_eq!(depths, ["0r", "1a", "2b", "1c"]);
    }

    #[test]
    fn stops_when_the_visitor_has_enough() {
        let scanned = scan("<a><stop/><b></a>", true, &mut Names::default());
        assert!(scanned.error.is_none());
        assert!(!scanned.root_closed);
    }

    #[test]
    fn stops_quietly_when_too_deep() {
        let deep = "<a>".repeat(MAX_DEPTH + 10);
        let scanned = scan(&deep, true, &mut Names::default());
        assert!(scanned.error.is_none());
    }

    #[test]
    fn reads_attributes() {
        let attrs: Vec<_> = attributes(r#" root="1.2" extension='2015-08-01' "#).collect();
        assert_eq!(attrs, [("root", "1.2"), ("extension", "2015-08-01")]);
        assert_eq!(local_name("cda:section"), "section");
    }
}
