//! A recursive-descent driver over quick-xml events, borrowing from the input.
//!
//! Reader functions receive an [`Elem`] and consume events up to its end tag, asking
//! [`XmlReader::next_child`] for each child element and [`XmlReader::skip`]ping the ones they
//! do not read. The driver keeps the nesting depth (capped at [`MAX_DEPTH`]), tells the
//! C-CDA (`urn:hl7-org:v3`) and `sdtc` namespaces apart by prefix, refuses entity
//! declarations, and turns quick-xml's byte offsets into lines and columns only when a
//! position is actually needed.
//!
//! quick-xml reads the prolog, the root element's start and end tags, what follows them,
//! and any input that is not UTF-8. Inside the root element of UTF-8 input the light
//! tokenizer of [`super::markup`] reads instead (see [`XmlReader::lighten`]): the same
//! events, checks and positions, more cheaply (on the corpus, about 450 instructions for
//! a mapped element's event against quick-xml's 550, and 230 for a narrative node), since
//! it slices a text checked once instead of checking every event.

use std::borrow::Cow;

use bluebutton_model::InputKind;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::{Reader, XmlVersion};

use super::attributes::{first, word, Attributes, HIGHS, ONES};
use super::markup::{lexeme, token, Token};
use super::position::LineIndex;
use super::text::{push_collapsed, resolve_reference};
use crate::error::{ErrorKind, ParseError};

/// The deepest element nesting accepted; deeper input is refused as
/// [`ErrorKind::LimitExceeded`].
pub(crate) const MAX_DEPTH: u32 = 256;

const CDA_NS: &str = "urn:hl7-org:v3";
const SDTC_NS: &str = "urn:hl7-org:sdtc";

/// The namespace an element belongs to, as far as a clinical document cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// HL7 v3 / CDA (`urn:hl7-org:v3`), also unprefixed elements and unbound prefixes.
    Cda,
    /// The SDTC extension namespace (`urn:hl7-org:sdtc`, or an unbound `sdtc:` prefix).
    Sdtc,
    /// Any other namespace.
    Other,
}

/// An element start (or empty element) that the driver has read.
pub(crate) struct Elem<'a> {
    start: BytesStart<'a>,
    /// Where the local name starts in the qualified name (after `prefix:`).
    local_at: usize,
    offset: usize,
    depth: u32,
    empty: bool,
    ns: Ns,
}

impl Elem<'_> {
    /// The local name, without prefix.
    pub(crate) fn local(&self) -> &str {
        let name = self.start.name().into_inner();
        name.get(self.local_at..).unwrap_or(name)
    }

    /// True when this is the C-CDA element `local`.
    pub(crate) fn is(&self, local: &str) -> bool {
        self.ns == Ns::Cda && self.local() == local
    }

    /// The element's namespace.
    pub(crate) fn ns(&self) -> Ns {
        self.ns
    }

    /// Byte offset of the element's `<` in the input.
    pub(crate) fn offset(&self) -> usize {
        self.offset
    }

    /// The raw attribute text of the start tag (for cheap "is it worth reading" checks).
    pub(crate) fn raw_attributes(&self) -> &str {
        self.start.attributes_raw()
    }

    /// True for an empty element (`<a/>`), which has no content to read.
    pub(crate) fn is_empty(&self) -> bool {
        self.empty
    }
}

/// One piece of mixed content inside an element (see [`XmlReader::next_node`]).
pub(crate) enum Node<'a> {
    /// A child element starts (or an empty child element).
    Open(Elem<'a>),
    /// A child element opened earlier ends.
    Close,
    /// Character data as written (line ends not normalised), references resolved.
    Text(Cow<'a, str>),
}

/// Whether a start tag's attribute text contains `xmlns` (a namespace declaration, or
/// those letters in a value: the caller looks closer). Tags are short and an `x` is rare
/// in them, so a byte search beats a substring searcher's setup. Only tags at or past
/// the next `xmlns` of the input are tested (see [`XmlReader::open`]).
fn mentions_xmlns(attributes: &[u8]) -> bool {
    memchr::memchr_iter(b'x', attributes).any(|i| attributes.get(i..i + 5) == Some(b"xmlns"))
}

/// How many bytes at the start of `rest` are at most a space: the white space between
/// elements, and any other control byte among it (where this is used, nothing reads text).
/// A word at a time, with an exact test for bytes above a space.
fn blank_len(rest: &[u8]) -> usize {
    let mut i = 0;
    while let Some(w) = word(rest, i) {
        let above = (((w & (ONES * 0x7f)) + ONES * (0x7f - u64::from(b' '))) | w) & HIGHS;
        if above != 0 {
            return i + first(above);
        }
        i += 8;
    }
    let tail = rest.get(i..).unwrap_or_default();
    i + tail.iter().take_while(|b| **b <= b' ').count()
}

/// How many bytes at the start of `rest` are ASCII white space (what [`push_collapsed`]
/// collapses): none at most calls, else a line break and indentation, a word at a time.
fn space_len(rest: &[u8]) -> usize {
    if rest.first().is_none_or(|b| *b > b' ') {
        return 0;
    }
    let mut i = 0;
    while let Some(w) = word(rest, i) {
        let spaces = zero(w ^ (ONES * 0x20))
            | zero(w ^ (ONES * 0x09))
            | zero(w ^ (ONES * 0x0a))
            | zero(w ^ (ONES * 0x0c))
            | zero(w ^ (ONES * 0x0d));
        let others = !spaces & HIGHS;
        if others != 0 {
            return i + first(others);
        }
        i += 8;
    }
    let tail = rest.get(i..).unwrap_or_default();
    i + tail.iter().take_while(|b| b.is_ascii_whitespace()).count()
}

/// The high bit of each byte of `w` that is zero, exactly: no carry crosses a byte.
fn zero(w: u64) -> u64 {
    !((((w & (ONES * 0x7f)) + ONES * 0x7f) | w) & HIGHS) & HIGHS
}

struct Binding {
    prefix: String,
    ns: Ns,
    depth: u32,
}

/// The event driver; see the module documentation.
pub(crate) struct XmlReader<'a> {
    inner: Reader<&'a [u8]>,
    lines: LineIndex<'a>,
    /// Open elements (started and not yet ended).
    depth: u32,
    bindings: Vec<Binding>,
    /// The namespace of unprefixed elements under the current bindings.
    default_ns: Ns,
    /// How many bytes of input are left from the next `xmlns` on (0 when there is none):
    /// only a tag reaching it can declare namespaces.
    xmlns_left: usize,
    /// Bytes taken from the input without quick-xml (white space skipped, see
    /// [`Self::skip_blank`], and the light tokenizer's events), which its positions do not
    /// count.
    skipped: usize,
    kind: InputKind,
    /// The whole input; once checked as UTF-8 (see [`Self::lighten`]), also as text.
    input: &'a [u8],
    text: &'a str,
    /// True while the light tokenizer ([`super::markup`]) reads instead of quick-xml.
    light: bool,
    /// The elements the light tokenizer opened and has not closed: their names' byte
    /// ranges.
    light_open: Vec<(usize, usize)>,
}

impl<'a> XmlReader<'a> {
    /// A driver over UTF-8 `input`; errors say the input was `kind`.
    pub(crate) fn new(input: &'a [u8], kind: InputKind) -> Self {
        XmlReader {
            inner: Reader::from_reader(input),
            lines: LineIndex::new(input),
            depth: 0,
            bindings: Vec::new(),
            default_ns: Ns::Cda,
            // Not looked for yet: the first tag looks.
            xmlns_left: usize::MAX,
            skipped: 0,
            kind,
            input,
            text: "",
            light: false,
            light_open: Vec::new(),
        }
    }

    /// Lets the light tokenizer ([`super::markup`]) read the rest of the root element, up
    /// to its end tag, instead of quick-xml: the same events, more cheaply. Called right
    /// after the root's start tag; only for UTF-8 input (the whole input is checked once,
    /// here), otherwise quick-xml reads on, to the same effect.
    fn lighten(&mut self) {
        if let Ok(text) = simdutf8::basic::from_utf8(self.input) {
            self.text = text;
            self.light = true;
        }
    }

    /// The light tokenizer's next event; `None` where quick-xml reads instead: the root's
    /// end tag (and from then on), and a DOCTYPE, which it refuses inside an element.
    ///
    /// Inlined, and the event built here from a flat [`Lexeme`](super::markup::Lexeme):
    /// an event returned from a call, or moved out of a [`Token`], was copied through
    /// memory with wide loads right after narrow stores, a store-forwarding stall for
    /// every event (`perf annotate`), which instruction counts do not show.
    #[inline(always)]
    fn light_event(&mut self) -> Option<Result<(Event<'a>, usize), ParseError>> {
        let at = self.offset();
        let Some(lexeme) = lexeme(self.text, at, &mut self.light_open) else {
            return self.rare_event(at);
        };
        self.take_off(lexeme.len);
        Some(Ok((lexeme.event(self.text), at)))
    }

    /// The light tokenizer's rarer tokens (see [`markup::lexeme`](super::markup::lexeme)),
    /// as [`Self::light_event`] gives them.
    #[cold]
    #[inline(never)]
    fn rare_event(&mut self, at: usize) -> Option<Result<(Event<'a>, usize), ParseError>> {
        Some(match token(self.text, at, &mut self.light_open) {
            Token::Event(event, len) => {
                self.take_off(len);
                Ok((event, at))
            }
            Token::Leave => {
                self.light = false;
                return None;
            }
            Token::Doctype => return None,
            Token::Malformed(e) => Err(self.malformed(&e, at)),
        })
    }

    /// 1-based line and column of a byte offset.
    pub(crate) fn position(&mut self, offset: usize) -> (u32, u32) {
        self.lines.locate(offset)
    }

    /// An error of `kind` located at byte `offset`.
    pub(crate) fn error_at(
        &mut self,
        kind: ErrorKind,
        message: impl Into<String>,
        offset: usize,
    ) -> ParseError {
        let (line, column) = self.position(offset);
        ParseError::new(kind, self.kind, message).at(line, column)
    }

    fn offset(&self) -> usize {
        usize::try_from(self.inner.buffer_position())
            .map_or(usize::MAX, |at| at.saturating_add(self.skipped))
    }

    /// Takes the white space before the next event off the input, where text is not read:
    /// a word-at-a-time scan instead of reading it as an event.
    /// Only between events, where the input starts with `<` or `&` unless it is in text.
    #[inline(always)]
    fn skip_blank(&mut self) {
        let n = blank_len(self.inner.get_ref());
        if n > 0 {
            self.take_off(n);
        }
    }

    /// Takes the first `n` bytes off the input, without quick-xml reading them; positions
    /// count them back ([`Self::offset`]).
    #[inline(always)]
    fn take_off(&mut self, n: usize) {
        let rest = self.inner.get_mut();
        *rest = rest.get(n..).unwrap_or_default();
        self.skipped += n;
    }

    /// Takes the white space before the next event off the input (the bytes that
    /// [`push_collapsed`] collapses), for readers of mixed content that render a run of it
    /// as one pending space: true when there was some. Spares reading it as a text event;
    /// most text in a narrative is indentation. Takes nothing once `parent` has ended.
    pub(crate) fn skip_space(&mut self, parent: &Elem<'a>) -> bool {
        if self.depth < parent.depth {
            return false;
        }
        let n = space_len(self.inner.get_ref());
        if n == 0 {
            return false;
        }
        self.take_off(n);
        true
    }

    /// The next raw event and the offset where it starts.
    ///
    /// Inlined into its callers, with the rare cases out of line: a call per event and the
    /// copy of its result cost more than the few bytes of code. The callers match on the
    /// result as it is: taking it apart with `?` first copied the event once more, with
    /// the same stall as in [`Self::light_event`].
    #[inline(always)]
    fn raw(&mut self) -> Result<(Event<'a>, usize), ParseError> {
        if self.light {
            if let Some(event) = self.light_event() {
                return event;
            }
        }
        let start = self.offset();
        match self.inner.read_event() {
            Ok(Event::DocType(doctype)) => self.doctype(doctype, start),
            Ok(event) => Ok((event, start)),
            Err(e) => Err(self.read_error(&e, start)),
        }
    }

    /// A DOCTYPE at `start`, refused when it declares entities or comes inside an element.
    #[cold]
    fn doctype(
        &mut self,
        doctype: BytesText<'a>,
        start: usize,
    ) -> Result<(Event<'a>, usize), ParseError> {
        if doctype.contains("<!ENTITY") {
            return Err(self.error_at(
                ErrorKind::LimitExceeded,
                "a DOCTYPE with entity declarations is refused",
                start,
            ));
        }
        if self.depth > 0 {
            return Err(self.error_at(
                ErrorKind::Malformed,
                "malformed XML: DOCTYPE inside an element",
                start,
            ));
        }
        Ok((Event::DocType(doctype), start))
    }

    /// The error for quick-xml's `e` while reading an event that starts at `start`.
    #[cold]
    fn read_error(&mut self, e: &quick_xml::Error, start: usize) -> ParseError {
        let at = usize::try_from(self.inner.error_position())
            .map_or(start, |at| at.saturating_add(self.skipped));
        match e {
            quick_xml::Error::Encoding(_) => {
                self.error_at(ErrorKind::Encoding, "the input is not valid UTF-8", at)
            }
            e => self.malformed(e, at),
        }
    }

    /// The error for quick-xml's (or the light tokenizer's) well-formedness error `e` at
    /// `at`.
    fn malformed(&mut self, e: &quick_xml::Error, at: usize) -> ParseError {
        self.error_at(ErrorKind::Malformed, format!("malformed XML: {e}"), at)
    }

    fn unexpected_eof(&mut self) -> ParseError {
        let at = self.offset();
        self.error_at(
            ErrorKind::Malformed,
            "malformed XML: the input ends inside an element",
            at,
        )
    }

    /// Opens an element from its start event: depth, namespace bindings, classification.
    /// Inlined so that the element is built where the caller returns it.
    #[inline(always)]
    fn open(
        &mut self,
        start: BytesStart<'a>,
        offset: usize,
        empty: bool,
    ) -> Result<Elem<'a>, ParseError> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(self.too_deep(offset));
        }
        if !empty {
            self.depth = depth;
        }
        let name = start.name().into_inner();
        // Names are short: a plain loop beats a `char` search here.
        let colon = name.bytes().position(|b| b == b':');
        let local_at = colon.map_or(0, |i| i + 1);
        let mut elem = Elem {
            start,
            local_at,
            offset,
            depth,
            empty,
            ns: Ns::Cda,
        };
        // Namespace declarations are rare after the root element: one search of the input
        // for the next `xmlns` spares testing every tag. A tag that ends past it contains
        // it or follows it (the occurrence may be in text or skipped markup), so it is
        // tested, and the search goes on after it.
        let rest: &[u8] = self.inner.get_ref();
        if self.xmlns_left > rest.len() {
            if mentions_xmlns(elem.start.attributes_raw().as_bytes()) {
                self.bind_namespaces(&elem)?;
            }
            self.xmlns_left = memchr::memmem::find(rest, b"xmlns").map_or(0, |i| rest.len() - i);
        }
        elem.ns = match colon {
            None => self.default_ns,
            Some(i) => self.resolve(elem.start.name().into_inner().get(..i).unwrap_or("")),
        };
        if empty {
            self.unbind_below(self.depth);
        }
        Ok(elem)
    }

    fn bind_namespaces(&mut self, elem: &Elem<'a>) -> Result<(), ParseError> {
        let mut found = Vec::new();
        self.for_each_attr(elem, |name, value| {
            let prefix = match name.strip_prefix("xmlns") {
                Some("") => "",
                Some(rest) => match rest.strip_prefix(':') {
                    Some(p) => p,
                    None => return,
                },
                None => return,
            };
            let ns = match value.as_ref() {
                CDA_NS => Ns::Cda,
                SDTC_NS => Ns::Sdtc,
                _ => Ns::Other,
            };
            found.push((prefix.to_owned(), ns));
        })?;
        let depth = elem.depth;
        self.bindings.extend(
            found
                .into_iter()
                .map(|(prefix, ns)| Binding { prefix, ns, depth }),
        );
        self.default_ns = self.resolve("");
        Ok(())
    }

    /// Namespace of elements with this prefix (`""` for unprefixed ones). Unprefixed
    /// elements are CDA unless the default namespace is SDTC; an unbound `sdtc` prefix is
    /// SDTC and other unbound prefixes are read as CDA (lenient with documents that forget
    /// a declaration).
    fn resolve(&self, prefix: &str) -> Ns {
        match self.bindings.iter().rev().find(|b| b.prefix == prefix) {
            Some(b) if prefix.is_empty() && b.ns == Ns::Other => Ns::Cda,
            Some(b) => b.ns,
            None if prefix == "sdtc" => Ns::Sdtc,
            None => Ns::Cda,
        }
    }

    fn unbind_below(&mut self, depth: u32) {
        let before = self.bindings.len();
        while self.bindings.last().is_some_and(|b| b.depth > depth) {
            self.bindings.pop();
        }
        if self.bindings.len() != before {
            self.default_ns = self.resolve("");
        }
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        if self.bindings.last().is_some_and(|b| b.depth > self.depth) {
            self.unbind_below(self.depth);
        }
    }

    /// Reads up to the root element and returns it.
    pub(crate) fn root(&mut self) -> Result<Elem<'a>, ParseError> {
        loop {
            let (event, offset) = self.raw()?;
            match event {
                Event::Start(start) => {
                    let root = self.open(start, offset, false)?;
                    self.lighten();
                    return Ok(root);
                }
                Event::Empty(start) => return self.open(start, offset, true),
                Event::Text(t) if t.trim_ascii().is_empty() => {}
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Eof => {
                    return Err(self.error_at(
                        ErrorKind::Malformed,
                        "malformed XML: no root element",
                        offset,
                    ))
                }
                _ => {
                    return Err(self.error_at(
                        ErrorKind::Malformed,
                        "malformed XML: content before the root element",
                        offset,
                    ))
                }
            }
        }
    }

    /// After the root element: only comments, processing instructions and white space may
    /// follow.
    pub(crate) fn finish(&mut self) -> Result<(), ParseError> {
        self.skip_to(0)?;
        loop {
            let (event, offset) = self.raw()?;
            match event {
                Event::Eof => return Ok(()),
                Event::Text(t) if t.trim_ascii().is_empty() => {}
                Event::PI(_) | Event::Comment(_) => {}
                _ => {
                    return Err(self.error_at(
                        ErrorKind::Malformed,
                        "malformed XML: content after the root element",
                        offset,
                    ))
                }
            }
        }
    }

    /// The next child element of `parent`, or `None` at `parent`'s end. Text between
    /// children is ignored; a child that was neither read nor skipped is skipped now.
    pub(crate) fn next_child(&mut self, parent: &Elem<'a>) -> Result<Option<Elem<'a>>, ParseError> {
        if self.depth < parent.depth {
            return Ok(None);
        }
        if self.depth > parent.depth {
            self.skip_to(parent.depth)?;
        }
        loop {
            self.skip_blank();
            match self.raw() {
                Ok((Event::Start(start), offset)) => {
                    return self.open(start, offset, false).map(Some)
                }
                Ok((Event::Empty(start), offset)) => {
                    return self.open(start, offset, true).map(Some)
                }
                Ok((Event::End(_), _)) => {
                    self.close();
                    return Ok(None);
                }
                Ok((Event::Eof, _)) => return Err(self.unexpected_eof()),
                Ok((Event::GeneralRef(r), offset)) => {
                    self.check_reference(&r, offset)?;
                }
                Ok(_) => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The next piece of `parent`'s mixed content, or `None` at `parent`'s end. Unlike
    /// [`next_child`](Self::next_child) this reports the ends of nested elements
    /// ([`Node::Close`]); the caller keeps track of them.
    pub(crate) fn next_node(&mut self, parent: &Elem<'a>) -> Result<Option<Node<'a>>, ParseError> {
        if self.depth < parent.depth {
            return Ok(None);
        }
        loop {
            return match self.raw() {
                Ok((Event::Start(start), offset)) => {
                    self.open(start, offset, false).map(|e| Some(Node::Open(e)))
                }
                Ok((Event::Empty(start), offset)) => {
                    self.open(start, offset, true).map(|e| Some(Node::Open(e)))
                }
                Ok((Event::End(_), _)) => {
                    let at_parent = self.depth == parent.depth;
                    self.close();
                    Ok((!at_parent).then_some(Node::Close))
                }
                Ok((Event::Text(t), _)) => Ok(Some(Node::Text(t.into_inner()))),
                Ok((Event::CData(c), _)) => Ok(Some(Node::Text(c.into_inner()))),
                Ok((Event::GeneralRef(r), offset)) => {
                    let c = self.check_reference(&r, offset)?;
                    Ok(Some(Node::Text(Cow::Owned(c.to_string()))))
                }
                Ok((Event::Eof, _)) => Err(self.unexpected_eof()),
                Ok(_) => continue,
                Err(e) => Err(e),
            };
        }
    }

    fn check_reference(&mut self, name: &str, offset: usize) -> Result<char, ParseError> {
        resolve_reference(name).ok_or_else(|| {
            self.error_at(
                ErrorKind::Malformed,
                "malformed XML: reference to an undefined entity",
                offset,
            )
        })
    }

    /// Skips the rest of `elem` (nothing to do for an empty element or one already ended).
    pub(crate) fn skip(&mut self, elem: &Elem<'a>) -> Result<(), ParseError> {
        if self.depth >= elem.depth {
            self.skip_to(elem.depth - 1)?;
        }
        Ok(())
    }

    /// One more element is open (a start tag at `offset`), within [`MAX_DEPTH`].
    fn descend(&mut self, offset: usize) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.too_deep(offset));
        }
        Ok(())
    }

    /// The error for an element at `offset` nested past [`MAX_DEPTH`].
    fn too_deep(&mut self, offset: usize) -> ParseError {
        self.error_at(
            ErrorKind::LimitExceeded,
            format!("elements nest deeper than {MAX_DEPTH} levels"),
            offset,
        )
    }

    /// Reads events until only `depth` elements are open. This is quick-xml's
    /// `read_to_end` plus the depth cap, so skipped content cannot nest without limit
    /// either; nothing in it is decoded or expanded.
    fn skip_to(&mut self, depth: u32) -> Result<(), ParseError> {
        while self.depth > depth {
            self.skip_blank();
            match self.raw() {
                Ok((Event::Start(_), offset)) => self.descend(offset)?,
                Ok((Event::End(_), _)) => self.close(),
                Ok((Event::Eof, _)) => return Err(self.unexpected_eof()),
                Ok(_) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// All character data inside `elem` (nested elements included), as written (line ends
    /// not normalised); `elem` is consumed.
    pub(crate) fn text(&mut self, elem: &Elem<'a>) -> Result<String, ParseError> {
        self.text_with(elem, |out, text| out.push_str(text))
    }

    /// [`text`](Self::text) with white space collapsed and trimmed, in one pass.
    pub(crate) fn text_collapsed(&mut self, elem: &Elem<'a>) -> Result<String, ParseError> {
        let mut pending = false;
        self.text_with(elem, |out, text| push_collapsed(out, text, &mut pending))
    }

    fn text_with(
        &mut self,
        elem: &Elem<'a>,
        mut push: impl FnMut(&mut String, &str),
    ) -> Result<String, ParseError> {
        let mut out = String::new();
        if elem.empty {
            return Ok(out);
        }
        while self.depth >= elem.depth {
            match self.raw() {
                Ok((Event::Start(_), offset)) => self.descend(offset)?,
                Ok((Event::End(_), _)) => self.close(),
                Ok((Event::Text(t), _)) => push(&mut out, &t),
                Ok((Event::CData(c), _)) => push(&mut out, &c),
                Ok((Event::GeneralRef(r), offset)) => {
                    let c = self.check_reference(&r, offset)?;
                    push(&mut out, c.encode_utf8(&mut [0; 4]));
                }
                Ok((Event::Eof, _)) => return Err(self.unexpected_eof()),
                Ok(_) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Calls `f` with each attribute's qualified name and its value (references resolved,
    /// white space normalised as XML requires). Namespace declarations are included.
    ///
    /// quick-xml's duplicate check allocates for every element, so it is off here: callers
    /// report duplicates among the attributes they read (see [`Self::duplicate`]).
    pub(crate) fn for_each_attr<'e>(
        &mut self,
        elem: &'e Elem<'_>,
        mut f: impl FnMut(&'e str, Cow<'e, str>),
    ) -> Result<(), ParseError> {
        let name_len = elem.start.name().into_inner().len();
        let mut attributes = Attributes::new(elem.start.attributes_raw(), name_len);
        while let Some(attr) = attributes.next_attr() {
            let super::attributes::Attr {
                name,
                value: raw,
                special,
            } = match attr {
                Ok(attr) => attr,
                Err(e) => {
                    let message = format!("malformed XML: in <{}>, {}", elem.local(), e.what);
                    return Err(self.error_at(
                        ErrorKind::Malformed,
                        message,
                        elem.offset + 1 + e.at,
                    ));
                }
            };
            // Values with references or control bytes (white space that normalisation
            // turns into spaces) take the careful path; only these change.
            let value = if special {
                let attr = Attribute {
                    key: QName(name),
                    value: Cow::Borrowed(raw),
                };
                match attr.normalized_value(XmlVersion::Implicit1_0) {
                    Ok(v) => Cow::Owned(v.into_owned()),
                    Err(_) => {
                        return Err(self.error_at(
                            ErrorKind::Malformed,
                            "malformed XML: reference to an undefined entity in an attribute",
                            elem.offset,
                        ))
                    }
                }
            } else {
                Cow::Borrowed(raw)
            };
            f(name, value);
        }
        Ok(())
    }
}

impl XmlReader<'_> {
    /// The error for an element that repeats an attribute.
    pub(crate) fn duplicate(&mut self, elem: &Elem<'_>) -> ParseError {
        self.error_at(
            ErrorKind::Malformed,
            format!("malformed XML: <{}> repeats an attribute", elem.local()),
            elem.offset,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(xml: &str) -> XmlReader<'_> {
        XmlReader::new(xml.as_bytes(), InputKind::Ccda)
    }

    #[test]
    fn walks_children_and_skips_unread_ones() {
        let mut r = reader("<a><b><x/><y>t</y></b><c>hi &amp; bye</c><d/></a>");
        let a = r.root().unwrap();
        let b = r.next_child(&a).unwrap().unwrap();
        assert_eq!(b.local(), "b");
        // `b` is not consumed: next_child skips it.
        let c = r.next_child(&a).unwrap().unwrap();
        assert_eq!(r.text(&c).unwrap(), "hi & bye");
        let d = r.next_child(&a).unwrap().unwrap();
        assert!(d.is_empty());
        assert!(r.next_child(&d).unwrap().is_none());
        assert!(r.next_child(&a).unwrap().is_none());
        r.finish().unwrap();
    }

    #[test]
    fn namespaces_by_prefix() {
        let xml = r#"<cda:ClinicalDocument xmlns:cda="urn:hl7-org:v3" xmlns:s="urn:hl7-org:sdtc" xmlns:x="urn:other"><s:raceCode/><cda:code/><x:code/><sdtc:y/></cda:ClinicalDocument>"#;
        let mut r = reader(xml);
        let root = r.root().unwrap();
        assert!(root.is("ClinicalDocument"));
        let mut seen = Vec::new();
        while let Some(c) = r.next_child(&root).unwrap() {
            seen.push((c.local().to_owned(), c.ns()));
        }
        assert_eq!(
            seen,
            vec![
                ("raceCode".into(), Ns::Sdtc),
                ("code".into(), Ns::Cda),
                ("code".into(), Ns::Other),
                ("y".into(), Ns::Sdtc)
            ]
        );
    }

    #[test]
    fn namespaces_declared_below_the_root() {
        let xml = r#"<a><t>xmlns</t><b xmlns:s="urn:hl7-org:sdtc"><s:x/></b><s:y/><!-- xmlns --><c a="1" xmlns="urn:hl7-org:sdtc"><d/></c><e/></a>"#;
        let mut r = reader(xml);
        let a = r.root().unwrap();
        let mut seen = Vec::new();
        while let Some(c) = r.next_child(&a).unwrap() {
            seen.push((c.local().to_owned(), c.ns()));
            while let Some(g) = r.next_child(&c).unwrap() {
                seen.push((g.local().to_owned(), g.ns()));
            }
        }
        let names = ["t", "b", "x", "y", "c", "d", "e"];
        let ns = [
            Ns::Cda,
            Ns::Cda,
            Ns::Sdtc,
            Ns::Cda,
            Ns::Sdtc,
            Ns::Sdtc,
            Ns::Cda,
        ];
        let expected: Vec<_> = names.iter().map(|n| n.to_string()).zip(ns).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn malformed_input_has_a_position() {
        let mut r = reader("<a>\n  <b></a>");
        let a = r.root().unwrap();
        let err = loop {
            match r.next_child(&a) {
                Err(e) => break e,
                Ok(Some(_)) => {}
                Ok(None) => panic!("no error"),
            }
        };
        assert_eq!(err.kind(), ErrorKind::Malformed);
        assert_eq!((err.line(), err.column()), (Some(2), Some(6)));
    }

    #[test]
    fn unclosed_root_is_malformed() {
        let mut r = reader("<a><b>");
        let a = r.root().unwrap();
        let err = r.skip(&a).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
    }

    #[test]
    fn entity_declarations_are_refused() {
        let mut r = reader("<!DOCTYPE a [<!ENTITY x 'y'>]>\n<a>&x;</a>");
        let err = r.root().err().unwrap();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
        assert_eq!(err.line(), Some(1));
    }

    #[test]
    fn undefined_entities_are_not_expanded() {
        let mut r = reader("<a>&x;</a>");
        let a = r.root().unwrap();
        assert_eq!(r.text(&a).unwrap_err().kind(), ErrorKind::Malformed);
    }

    #[test]
    fn counts_white_space_as_a_byte_loop_does() {
        let mut texts = vec![
            String::new(),
            "\n\t\t\t\t<td>".into(),
            "\r\n            x".into(),
            " \x0b ".into(),
            "\x0c\x0d\x09\x0a\x20\x21\x1f".into(),
        ];
        // Every byte value at every position of a word, after white space.
        for at in 0..10 {
            for b in 0..=255u8 {
                let mut t = vec![b' '; at];
                t.push(b);
                t.extend_from_slice(b"  ");
                texts.push(String::from_utf8_lossy(&t).into_owned());
            }
        }
        for text in &texts {
            let bytes = text.as_bytes();
            let expected = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
            assert_eq!(space_len(bytes), expected, "{text:?}");
        }
    }

    #[test]
    fn depth_is_capped() {
        let xml = "<a>".repeat(300) + &"</a>".repeat(300);
        let mut r = reader(&xml);
        let a = r.root().unwrap();
        assert_eq!(r.skip(&a).unwrap_err().kind(), ErrorKind::LimitExceeded);
    }

    #[test]
    fn bad_attributes_point_into_the_tag() {
        let mut r = reader("<a>\n<b\n  <!-- x -->/></a>");
        let a = r.root().unwrap();
        let b = r.next_child(&a).unwrap().unwrap();
        let err = r.for_each_attr(&b, |_, _| {}).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
        assert_eq!(err.line(), Some(3));
    }

    /// What the reader gives for `xml`, as mixed content (every node) and as children
    /// (reading the text of `t` elements, skipping the others), with the light tokenizer
    /// or with quick-xml alone.
    fn readings(xml: &str, light: bool) -> [(Vec<String>, Result<(), ParseError>); 2] {
        [false, true].map(|as_children| {
            let mut seen = Vec::new();
            let mut r = reader(xml);
            let outcome = (|| {
                let root = r.root()?;
                r.light &= light;
                if as_children {
                    while let Some(child) = r.next_child(&root)? {
                        seen.push(format!("<{}> {:?}", child.local(), child.ns()));
                        if child.local() == "t" {
                            seen.push(r.text_collapsed(&child)?);
                        }
                    }
                } else {
                    while let Some(node) = r.next_node(&root)? {
                        seen.push(match node {
                            Node::Open(e) => format!("<{}> {}", e.local(), e.is_empty()),
                            Node::Close => "close".to_owned(),
                            Node::Text(t) => t.into_owned(),
                        });
                    }
                }
                r.finish()
            })();
            (seen, outcome)
        })
    }

    /// Pieces of a document's content, whole and broken.
    const PIECES: &[&str] = &[
        "<t>",
        "</t>",
        "<s:t xmlns:s=\"urn:hl7-org:sdtc\">",
        "</s:t>",
        "<u a=\"1\" b='x>y'/>",
        "<v xmlns=\"urn:other\">",
        "</v>",
        "<w\n/>",
        "</w >",
        "text",
        "  ",
        "\r\n\t",
        "&amp;",
        "&#x41;",
        "&x;",
        "&",
        "<",
        ">",
        "\"",
        "<!-- c -->",
        "<!-",
        "<![CDATA[ <raw> ]]>",
        "<![",
        "<?pi x?>",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE d>",
        "<!DOCTYPE d [<!ENTITY e 'f'>]>",
        "<!DOCTYPE d",
        "</",
        "</r>",
        "é",
    ];

    proptest::proptest! {
        /// Any document made of these pieces reads the same, to the same error at the same
        /// position, with the light tokenizer as with quick-xml alone.
        #[test]
        fn light_tokenizer_reads_as_quick_xml(
            picks in proptest::collection::vec(0..PIECES.len(), 0..20),
            tail in proptest::collection::vec(0..PIECES.len(), 0..3),
        ) {
            let piece = |i: &usize| PIECES.get(*i).copied();
            let xml = format!(
                "<?xml version=\"1.0\"?>\n<r>{}</r>{}",
                picks.iter().filter_map(piece).collect::<String>(),
                tail.iter().filter_map(piece).collect::<String>(),
            );
            proptest::prop_assert_eq!(readings(&xml, true), readings(&xml, false), "{:?}", xml);
        }
    }

    #[test]
    fn content_after_the_root_is_malformed() {
        let mut r = reader("<a/><b/>");
        r.root().unwrap();
        assert_eq!(r.finish().unwrap_err().kind(), ErrorKind::Malformed);
        let mut r = reader("<a/>\n<!-- ok -->\n");
        r.root().unwrap();
        r.finish().unwrap();
    }
}
