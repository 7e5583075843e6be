//! II: instance identifiers and template ids.

use bluebutton_model::Identifier;

use crate::ccda::context::{own, something, Cx, Res};
use crate::xml::Elem;

/// Reads an `II` (`id`, `setId`, ...): root → system, extension → value; `None` for an
/// element with nothing in it (`<id/>`).
pub(crate) fn read_ii<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Identifier>> {
    let a = cx.attrs(e)?;
    let id = Identifier {
        system: own(&a.root),
        value: own(&a.extension),
        assigner: own(&a.assigning_authority_name),
        kind: None,
        null_flavor: own(&a.null_flavor),
    };
    cx.skip(e)?;
    Ok(something(id))
}

/// Reads a `templateId` as `root` or `root:extension`; notes R2.1 (2015-08-01 or later)
/// extensions in the context. `None` when it has no root.
pub(crate) fn template_id<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<String>> {
    let a = cx.attrs(e)?;
    let root = own(&a.root);
    let ext = own(&a.extension);
    cx.skip(e)?;
    Ok(root.map(|r| match ext {
        Some(x) => format!("{r}:{x}"),
        None => r,
    }))
}
