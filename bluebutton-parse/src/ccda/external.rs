//! Documents a statement refers to (`reference/externalDocument`): an advance directive's
//! signed form kept as an attachment by reference, the documents a note refers to.

use bluebutton_model::{Attachment, Identifier};

use crate::ccda::context::{Cx, PushOne, Res};
use crate::ccda::datatypes::{read_cd, read_ii};
use crate::xml::{collapse, Elem, Node};

/// An `externalDocument`: its ids, and what it says of itself as an attachment.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ExternalDocument {
    /// `id`s.
    pub ids: Vec<Identifier>,
    /// Title, media type, reference and inline text.
    pub attachment: Attachment,
}

/// Reads a `reference`; `None` when its `externalDocument` says nothing.
pub(crate) fn read_reference<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<ExternalDocument>> {
    let mut doc = None;
    while let Some(c) = cx.child(e)? {
        if c.is("externalDocument") && doc.is_none() {
            doc = Some(read_document(cx, &c)?).filter(|d| *d != ExternalDocument::default());
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(doc)
}

/// `externalDocument`: `id`s, `text/@mediaType`, `text/reference/@value`, inline text, and
/// the `code` (its display or original text) as the title.
fn read_document<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<ExternalDocument> {
    let mut ext = ExternalDocument::default();
    let doc = &mut ext.attachment;
    while let Some(c) = cx.child(e)? {
        if c.is("id") {
            ext.ids.push_some(read_ii(cx, &c)?);
        } else if c.is("code") {
            let cd = read_cd(cx, &c)?.plain();
            doc.title = cd.display.or(cd.original_text);
        } else if c.is("text") {
            doc.media_type = cx.attr(&c, "mediaType")?;
            let mut buf = String::new();
            while let Some(node) = cx.r.next_node(&c)? {
                match node {
                    Node::Text(t) => buf.push_str(&t),
                    Node::Open(child) if child.is("reference") => {
                        doc.reference = cx.attr(&child, "value")?;
                        cx.skip(&child)?;
                    }
                    Node::Open(child) => cx.skip(&child)?,
                    Node::Close => {}
                }
            }
            doc.data = collapse(&buf);
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_media_type_and_reference() {
        let xml = r#"<reference typeCode="REFR"><externalDocument><id root="1"/>
            <code code="371538006" displayName="Advance directive report"/>
            <text mediaType="application/pdf"><reference value="AD.pdf"/></text>
          </externalDocument></reference>"#;
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let ext = read_reference(&mut cx, &root).unwrap().unwrap();
        assert_eq!(ext.ids.len(), 1);
        let a = ext.attachment;
        assert_eq!(a.media_type.as_deref(), Some("application/pdf"));
        assert_eq!(a.reference.as_deref(), Some("AD.pdf"));
        assert_eq!(a.title.as_deref(), Some("Advance directive report"));
        assert_eq!(a.data, None);
    }
}
