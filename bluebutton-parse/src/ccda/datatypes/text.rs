//! Text that may point into the section narrative: `originalText`, entry `text` (ED).

use crate::ccda::context::{own, Attrs, Cx, Res};
use crate::xml::{finish_collapsed, push_collapsed, Elem, Node};

/// Inline text and a narrative reference (`reference/@value`, such as `#allergen1`),
/// as found; the reference is resolved once the section narrative is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Txt {
    /// The inline text, white space collapsed.
    pub text: Option<String>,
    /// The `reference/@value`.
    pub reference: Option<String>,
}

/// Reads mixed content with an optional `reference` child. The text is collapsed piece
/// by piece: the indentation around a lone `reference` allocates nothing.
pub(crate) fn read_text_ref<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Txt> {
    let mut text = String::new();
    let mut pending = false;
    let mut reference = None;
    while let Some(node) = cx.r.next_node(e)? {
        match node {
            Node::Text(t) => push_collapsed(&mut text, &t, &mut pending),
            Node::Open(child) if child.is("reference") => {
                let mut a = Attrs::default();
                cx.attrs_into(&child, &mut a)?;
                reference = own(&a.value);
                cx.skip(&child)?;
            }
            Node::Open(child) => {
                let inner = cx.r.text(&child)?;
                pending = true;
                push_collapsed(&mut text, &inner, &mut pending);
            }
            Node::Close => {}
        }
    }
    Ok(Txt {
        text: finish_collapsed(text),
        reference,
    })
}
