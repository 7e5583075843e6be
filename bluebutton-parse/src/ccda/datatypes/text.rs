//! Text that may point into the section narrative: `originalText`, entry `text` (ED).

use crate::ccda::context::{own, Attrs, Cx, Res};
use crate::xml::{collapse, Elem, Node};

/// Inline text and a narrative reference (`reference/@value`, such as `#allergen1`),
/// as found; the reference is resolved once the section narrative is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Txt {
    /// The inline text, white space collapsed.
    pub text: Option<String>,
    /// The `reference/@value`.
    pub reference: Option<String>,
}

/// Reads mixed content with an optional `reference` child.
pub(crate) fn read_text_ref<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Txt> {
    let mut buf = String::new();
    let mut reference = None;
    while let Some(node) = cx.r.next_node(e)? {
        match node {
            Node::Text(t) => buf.push_str(&t),
            Node::Open(child) if child.is("reference") => {
                let mut a = Attrs::default();
                cx.attrs_into(&child, &mut a)?;
                reference = own(&a.value);
                cx.skip(&child)?;
            }
            Node::Open(child) => {
                let inner = cx.r.text(&child)?;
                buf.push(' ');
                buf.push_str(&inner);
            }
            Node::Close => {}
        }
    }
    Ok(Txt {
        text: collapse(&buf),
        reference,
    })
}
