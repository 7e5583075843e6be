//! Section narrative (`section/text`): rendered as plain text, with the text of every
//! element that carries an `ID`, so that `#id` references from entries resolve.

use bluebutton_model::{Coded, Value, ValueKind, Warning, WarningCode};

use crate::ccda::context::{present, warning, Cx, Res};
use crate::ccda::datatypes::{tidy, Cd, Txt, Val};
use crate::xml::{push_collapsed, Elem, Node};

/// A section's narrative as readable plain text: paragraphs, list items, captions and
/// table rows on their own lines, table cells joined by ` | `, white space collapsed.
#[derive(Debug, Default)]
pub(crate) struct Narrative {
    text: String,
    /// The `ID`s, one after another (one string for all: no allocation for each).
    names: String,
    /// The texts of elements marked `revised="delete"`, one after another: left out of the
    /// narrative, but an entry may still name one (a placeholder text kept out of sight).
    deleted: String,
    /// The `ID`s and what they name, sorted by name once read, one for each name.
    ids: Vec<Id>,
}

/// An `ID` and the text it names.
#[derive(Debug, Clone, Copy)]
struct Id {
    /// Byte range of the name in [`Narrative::names`].
    name: (usize, usize),
    claim: Claim,
    /// Byte range of the text in [`Narrative::text`], or in [`Narrative::deleted`] for a
    /// [`Claim::Deleted`].
    at: (usize, usize),
    /// How many `ID`s came before this one.
    seq: usize,
}

impl Id {
    /// The `ID`'s name, kept in `names` ([`Narrative::names`]).
    fn name_in<'n>(&self, names: &'n str) -> &'n str {
        names.get(self.name.0..self.name.1).unwrap_or_default()
    }
}

/// What names a text, in order of precedence when elements share an `ID`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Claim {
    /// An element's own `ID`: the last such element wins.
    Element,
    /// An empty element marking the rest of its parent's text, or the `ID` of the
    /// narrative itself: the first wins, and only when no element has the `ID`.
    Marker,
    /// An element marked deleted: the first wins, and only when nothing rendered has it.
    Deleted,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Block,
    Row(u32),
    Inline,
}

/// What a narrative element's local name makes of it, told once per element.
#[derive(Clone, Copy)]
enum Tag {
    /// `td`, `th`: a table cell, joined to the one before by ` | `.
    Cell,
    /// `tr`: a table row, on its own line.
    Row,
    /// `br`: a line break.
    Break,
    /// `paragraph`, `item`, `caption`, `list`, `table`, `thead`, `tbody`, `tfoot`,
    /// `footnote`: a block, on its own line.
    Block,
    /// `renderMultiMedia`, `footnoteRef`: left out.
    Skipped,
    /// Anything else (`content`, `sub`, `sup`, ...): text in line.
    Inline,
}

impl Tag {
    /// The tag of an element named `name`, the commonest names first.
    fn of(name: &str) -> Tag {
        match name {
            "td" | "th" => Tag::Cell,
            "tr" => Tag::Row,
            "content" => Tag::Inline,
            "br" => Tag::Break,
            "paragraph" | "item" | "caption" | "list" | "table" | "thead" | "tbody" | "tfoot"
            | "footnote" => Tag::Block,
            "renderMultiMedia" | "footnoteRef" => Tag::Skipped,
            _ => Tag::Inline,
        }
    }
}

struct Frame {
    /// Byte range of the element's `ID` in [`Narrative::names`].
    id: Option<(usize, usize)>,
    start: usize,
    kind: Kind,
    /// Empty elements with an `ID` inside this one (`<td><content ID="x"/>Eggs</td>`):
    /// some systems mark text that way, so they name the rest of this element's text.
    markers: Vec<((usize, usize), usize)>,
}

impl Narrative {
    /// Reads a narrative block (`section/text`) to its end, keeping the text of elements
    /// with an `ID` for reference lookups (entries of any section may point into it, if
    /// only a Note Activity); an `ID` on `text` itself names the whole narrative.
    pub(crate) fn read<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Narrative> {
        let mut n = Narrative {
            text: String::with_capacity(1024),
            ..Narrative::default()
        };
        let own_id = if may_matter(e.raw_attributes()) {
            cx.attr(e, "ID")?.map(|id| n.name(&id))
        } else {
            None
        };
        let mut pending = false;
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            // White space alone (the indentation between elements) is only a space.
            if cx.r.skip_space(e) {
                pending = true;
            }
            let Some(node) = cx.r.next_node(e)? else {
                break;
            };
            let el = match node {
                Node::Text(t) => {
                    push_collapsed(&mut n.text, &t, &mut pending);
                    continue;
                }
                Node::Close => {
                    if let Some(frame) = stack.pop() {
                        n.end(frame, &mut pending);
                    }
                    continue;
                }
                Node::Open(el) => el,
            };
            let (id, deleted) = if may_matter(el.raw_attributes()) {
                let a = cx.attrs(&el)?;
                (
                    present(&a.id).map(|id| n.name(id)),
                    a.revised.as_deref() == Some("delete"),
                )
            } else {
                (None, false)
            };
            let name = el.local();
            if deleted {
                match id {
                    Some(id) => {
                        if let Some(t) = cx.text(&el)? {
                            let start = n.deleted.len();
                            n.deleted.push_str(&t);
                            n.claim(id, Claim::Deleted, (start, n.deleted.len()));
                        }
                    }
                    None => cx.skip(&el)?,
                }
                continue;
            }
            let kind = match Tag::of(name) {
                Tag::Skipped => {
                    cx.skip(&el)?;
                    continue;
                }
                Tag::Break => {
                    n.line_break(true);
                    pending = false;
                    Kind::Inline
                }
                Tag::Block => {
                    n.line_break(false);
                    pending = false;
                    Kind::Block
                }
                Tag::Row => {
                    n.line_break(false);
                    pending = false;
                    Kind::Row(0)
                }
                Tag::Cell => {
                    if let Some(Frame {
                        kind: Kind::Row(cells),
                        ..
                    }) = stack.last_mut()
                    {
                        if *cells > 0 {
                            let bare = n.text.is_empty() || n.text.ends_with([' ', '\n']);
                            n.text.push_str(if bare { "| " } else { " | " });
                        }
                        *cells += 1;
                        pending = false;
                    }
                    Kind::Inline
                }
                Tag::Inline => Kind::Inline,
            };
            let start = n.text.len();
            match (el.is_empty(), id, stack.last_mut()) {
                (true, Some(id), Some(parent)) if kind == Kind::Inline => {
                    parent.markers.push((id, start))
                }
                (true, id, _) => n.end(
                    Frame {
                        id,
                        start,
                        kind,
                        markers: Vec::new(),
                    },
                    &mut pending,
                ),
                (false, id, _) => stack.push(Frame {
                    id,
                    start,
                    kind,
                    markers: Vec::new(),
                }),
            }
        }
        let end = n.text.trim_end().len();
        n.text.truncate(end);
        if let Some(id) = own_id {
            n.claim(id, Claim::Marker, (0, end));
        }
        n.index();
        Ok(n)
    }

    /// Keeps an `ID`'s name, returning where it is in [`Self::names`].
    fn name(&mut self, id: &str) -> (usize, usize) {
        let start = self.names.len();
        self.names.push_str(id);
        (start, self.names.len())
    }

    /// Records that the `ID` at `name` names the text at `at`.
    fn claim(&mut self, name: (usize, usize), claim: Claim, at: (usize, usize)) {
        let seq = self.ids.len();
        self.ids.push(Id {
            name,
            claim,
            at,
            seq,
        });
    }

    /// Sorts the `ID`s by name for lookups, keeping one of each name: the one that takes
    /// precedence (see [`Claim`]). `O(n log n)` however many there are.
    fn index(&mut self) {
        let names = self.names.as_str();
        let name = |id: &Id| id.name_in(names);
        // Precedence within a name: by claim, then the last element or else the first.
        let order = |id: &Id| match id.claim {
            Claim::Element => usize::MAX - id.seq,
            Claim::Marker | Claim::Deleted => id.seq,
        };
        self.ids.sort_unstable_by(|a, b| {
            name(a)
                .cmp(name(b))
                .then(a.claim.cmp(&b.claim))
                .then(order(a).cmp(&order(b)))
        });
        self.ids.dedup_by(|later, first| name(later) == name(first));
    }

    fn line_break(&mut self, always: bool) {
        let end = self.text.trim_end_matches(' ').len();
        self.text.truncate(end);
        if !self.text.is_empty() && (always || !self.text.ends_with('\n')) {
            self.text.push('\n');
        }
    }

    fn end(&mut self, frame: Frame, pending: &mut bool) {
        let end = self.text.len();
        if let Some(id) = frame.id {
            self.claim(id, Claim::Element, (frame.start, end));
        }
        for (id, start) in frame.markers {
            self.claim(id, Claim::Marker, (start, end));
        }
        if matches!(frame.kind, Kind::Block | Kind::Row(_)) {
            self.line_break(false);
            *pending = false;
        }
    }

    /// The whole narrative as plain text; `None` when blank.
    pub(crate) fn text(&self) -> Option<&str> {
        let t = self.text.trim();
        (!t.is_empty()).then_some(t)
    }

    /// The text of the element a reference (`#id`) names, also of one marked deleted;
    /// `None` when nothing has that `ID` or its text is blank.
    pub(crate) fn lookup(&self, reference: &str) -> Option<&str> {
        let key = reference.trim();
        let key = key.strip_prefix('#').unwrap_or(key);
        let found = self
            .ids
            .binary_search_by(|id| id.name_in(&self.names).cmp(key))
            .ok()?;
        let id = self.ids.get(found)?;
        let (start, end) = id.at;
        if id.claim == Claim::Deleted {
            return self.deleted.get(start..end);
        }
        let t = self.text.get(start..end.min(self.text.len()))?.trim();
        (!t.is_empty()).then_some(t)
    }
}

/// Whether a narrative element's attributes may hold an `ID` or `revised` (most hold
/// only `styleCode`, or nothing): saves reading the others. One search for the `I` of
/// `ID` or the `v` of `revised`: a substring searcher's set-up would cost more than these
/// short attribute texts.
fn may_matter(raw: &str) -> bool {
    let b = raw.as_bytes();
    memchr::memchr2_iter(b'I', b'v', b).any(|i| match b.get(i) {
        Some(b'I') => b.get(i + 1) == Some(&b'D'),
        _ => i
            .checked_sub(2)
            .is_some_and(|at| b.get(at..at + 7) == Some(b"revised")),
    })
}

/// Resolves entry references against one section's narrative while entries are mapped,
/// collecting warnings for references that name nothing.
pub(crate) struct Resolver<'n> {
    narrative: Option<&'n Narrative>,
    /// Warnings raised while mapping.
    pub warnings: Vec<Warning>,
}

impl<'n> Resolver<'n> {
    /// A resolver over a section's narrative (`None` when the section has none).
    pub(crate) fn new(narrative: Option<&'n Narrative>) -> Self {
        Resolver {
            narrative,
            warnings: Vec::new(),
        }
    }

    /// Records a warning at a line and column.
    pub(crate) fn warn(&mut self, code: WarningCode, message: impl Into<String>, at: (u32, u32)) {
        self.warnings.push(warning(code, message, at));
    }

    fn resolve(&mut self, reference: &str, what: &str, at: (u32, u32)) -> Option<String> {
        let found = self
            .narrative
            .and_then(|n| n.lookup(reference))
            .map(str::to_owned);
        if found.is_none() {
            self.warn(
                WarningCode::UnresolvedReference,
                format!("a narrative reference in <{what}> names no text in the section narrative"),
                at,
            );
        }
        found
    }

    /// A coded value with its `originalText` reference resolved (the inline text is kept
    /// when the reference does not resolve, or when it says more: see [`fuller`]).
    pub(crate) fn coded(&mut self, cd: Cd, at: (u32, u32)) -> Coded {
        let mut coded = cd.coded;
        if let Some(r) = cd.reference {
            if let Some(t) = self.resolve(&r, "originalText", at) {
                coded.original_text = Some(fuller(coded.original_text.take(), t));
            }
        }
        coded
    }

    /// [`coded`](Self::coded) for an optional value.
    pub(crate) fn coded_opt(&mut self, cd: Option<Cd>, at: (u32, u32)) -> Option<Coded> {
        cd.map(|cd| self.coded(cd, at))
    }

    /// The text of an entry's `text` element: the referenced narrative, else inline text.
    pub(crate) fn text(&mut self, txt: Option<Txt>, at: (u32, u32)) -> Option<String> {
        let txt = txt?;
        if let Some(r) = &txt.reference {
            if let Some(t) = self.resolve(r, "text", at) {
                return Some(fuller(txt.text, t));
            }
        }
        txt.text
    }

    /// An observation value with its narrative reference resolved.
    pub(crate) fn value(&mut self, val: Val, at: (u32, u32)) -> Value {
        let mut value = val.value;
        if let Some(r) = val.reference {
            if let Some(t) = self.resolve(&r, "value", at) {
                match value.coded.as_mut() {
                    Some(c) => c.original_text = Some(fuller(c.original_text.take(), t)),
                    None => {
                        value.text = Some(fuller(value.text.take(), t));
                        if value.kind == ValueKind::Absent {
                            value.kind = ValueKind::Text;
                        }
                    }
                }
            }
        }
        tidy(&mut value);
        value
    }

    /// An observation value as a coded concept: a coded value as is, a text value as the
    /// concept's original text (systems that put free text where codes belong).
    pub(crate) fn value_coded(&mut self, val: Val, at: (u32, u32)) -> Option<Coded> {
        let value = self.value(val, at);
        match (value.coded, value.text) {
            (Some(c), _) => Some(c),
            (None, Some(text)) => Some(Coded {
                original_text: Some(text),
                ..Coded::default()
            }),
            (None, None) => value.null_flavor.map(|nf| Coded {
                null_flavor: Some(nf),
                ..Coded::default()
            }),
        }
    }
}

/// The text a reference resolved to, or the inline text beside the reference when that
/// holds all of it and more (`Antihypertensive combinations + Enalapril 10 MG` inline,
/// `Enalapril 10 MG` in the narrative): the narrative is the usual home of the text, but
/// some systems write a fuller text inline, which would otherwise be lost.
fn fuller(inline: Option<String>, resolved: String) -> String {
    match inline {
        Some(inline) if inline.len() > resolved.len() && inline.contains(resolved.as_str()) => {
            inline
        }
        _ => resolved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_attributes_that_may_matter() {
        for raw in [
            r#" ID="a""#,
            r#" styleCode="Bold" ID='x'"#,
            r#" revised="delete""#,
            r#"revised="insert""#,
            r#" v="1" revised="delete" I="2""#,
            "ID",
        ] {
            assert!(may_matter(raw), "{raw}");
        }
        for raw in [
            "",
            r#" styleCode="Italics""#,
            r#" I="v" rev="ised""#,
            "Irevise",
            "vised",
            "I",
        ] {
            assert!(!may_matter(raw), "{raw}");
        }
    }

    #[test]
    fn fuller_inline_text_wins_over_its_reference() {
        let inline = || Some("Combinations + Enalapril 10 MG".to_owned());
        assert_eq!(
            fuller(inline(), "Enalapril 10 MG".into()),
            inline().unwrap()
        );
        assert_eq!(
            fuller(inline(), "Enalapril 10 MG tablet".into()),
            "Enalapril 10 MG tablet"
        );
        assert_eq!(fuller(None, "Enalapril".into()), "Enalapril");
        assert_eq!(fuller(Some("Enal".into()), "Enalapril".into()), "Enalapril");
    }

    fn narrative(xml: &str) -> Narrative {
        read_bytes(xml.as_bytes()).unwrap()
    }

    fn read_bytes(xml: &[u8]) -> Res<Narrative> {
        let mut cx = Cx::new(xml);
        let root = cx.r.root()?;
        Narrative::read(&mut cx, &root)
    }

    /// The light tokenizer reads narratives of UTF-8 input; quick-xml reads them when the
    /// input is not (here: a byte after the narrative), and both read them alike.
    #[test]
    fn light_and_quick_xml_readings_agree() {
        let xml = r#"<text ID="all"><table><tr><td ID="a">x &amp; <b>y</b></td>
            <td><![CDATA[<z>]]><!-- note --><?pi?></td></tr></table>
            <list><item ID="i">one<br/>two</item></list><content revised="delete" ID="d">old</content></text>"#;
        let light = format!("{:?}", narrative(xml));
        let mut bytes = xml.as_bytes().to_vec();
        bytes.extend_from_slice(b"<!-- \xff -->");
        let quick = format!("{:?}", read_bytes(&bytes).unwrap());
        assert_eq!(light, quick);
        assert!(light.contains("x & y"), "{light}");
    }

    #[test]
    fn malformed_narrative_is_refused_with_its_position() {
        for (xml, expected) in [
            ("<text>\n<td>x</tr></text>", (2, 6)),
            ("<text><td a='1>x</td></text>", (1, 7)),
            ("<text>a & b</text>", (1, 9)),
        ] {
            let e = read_bytes(xml.as_bytes()).unwrap_err();
            assert_eq!(e.kind(), crate::error::ErrorKind::Malformed, "{xml}");
            assert_eq!(
                (e.line(), e.column()),
                (Some(expected.0), Some(expected.1)),
                "{xml}"
            );
        }
    }

    #[test]
    fn renders_tables_lists_and_paragraphs() {
        let n = narrative(
            r#"<text>
              <paragraph>Intro   text</paragraph>
              <table border="1">
                <thead><tr><th>Substance</th><th>Reaction</th></tr></thead>
                <tbody>
                  <tr ID="row1"><td ID="a1">Penicillin <content ID="c1">G</content></td><td>Hives</td></tr>
                  <tr><td/><td>Rash</td></tr>
                  <tr><td><content ID="m1"/>Eggs</td><td>Mild</td></tr>
                </tbody>
              </table>
              <list><item>One</item><item>Two<br/>lines</item></list>
              <content revised="delete">gone</content>
              <content ID="hidden" revised="delete">Text <content>not</content>   available</content>
              <renderMultiMedia referencedObject="x"/>
            </text>"#,
        );
        assert_eq!(
            n.text().unwrap(),
            "Intro text\nSubstance | Reaction\nPenicillin G | Hives\n| Rash\nEggs | Mild\nOne\nTwo\nlines"
        );
        assert_eq!(n.lookup("#a1"), Some("Penicillin G"));
        assert_eq!(n.lookup("c1"), Some("G"));
        assert_eq!(n.lookup("#row1"), Some("Penicillin G | Hives"));
        assert_eq!(n.lookup("#missing"), None);
        assert_eq!(n.lookup("#m1"), Some("Eggs"));
        // Deleted text is not rendered, but a reference to it still resolves.
        assert_eq!(n.lookup("#hidden"), Some("Text not available"));
    }

    #[test]
    fn shared_ids_resolve_by_precedence() {
        let n = narrative(
            r#"<text>
              <content ID="d" revised="delete">gone</content>
              <content ID="dd" revised="delete">first</content>
              <content ID="dd" revised="delete">second</content>
              <paragraph ID="x">A</paragraph><paragraph ID="x">B</paragraph>
              <paragraph><content ID="m"/>C</paragraph><paragraph ID="m">D</paragraph>
              <paragraph><content ID="mm"/>E</paragraph><paragraph><content ID="mm"/>F</paragraph>
              <paragraph ID="d">G</paragraph>
            </text>"#,
        );
        assert_eq!(n.lookup("#x"), Some("B"));
        assert_eq!(n.lookup("#m"), Some("D"));
        assert_eq!(n.lookup("#mm"), Some("E"));
        assert_eq!(n.lookup("#d"), Some("G"));
        assert_eq!(n.lookup("#dd"), Some("first"));
        assert_eq!(n.lookup("#"), None);
    }

    #[test]
    fn an_id_on_text_names_the_whole_narrative() {
        let n = narrative(r#"<text ID="all"><paragraph ID="p">One</paragraph>Two</text>"#);
        assert_eq!(n.lookup("#all"), Some("One\nTwo"));
        assert_eq!(n.lookup("#p"), Some("One"));
    }

    #[test]
    fn resolver_resolves_and_warns() {
        let n = narrative(r#"<text><content ID="r1">Peanuts</content></text>"#);
        let mut r = Resolver::new(Some(&n));
        let cd = Cd {
            coded: Coded {
                code: Some("1".into()),
                ..Coded::default()
            },
            reference: Some("#r1".into()),
        };
        assert_eq!(
            r.coded(cd, (1, 1)).original_text.as_deref(),
            Some("Peanuts")
        );
        let missing = Txt {
            text: Some("inline".into()),
            reference: Some("#nope".into()),
        };
        assert_eq!(r.text(Some(missing), (3, 4)).as_deref(), Some("inline"));
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].code, WarningCode::UnresolvedReference);
        assert_eq!(r.warnings[0].line, Some(3));
    }
}
