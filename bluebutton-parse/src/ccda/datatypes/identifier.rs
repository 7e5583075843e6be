//! II: instance identifiers and template ids.

use bluebutton_model::Identifier;

use crate::ccda::context::{own, present, something, Cx, Res};
use crate::xml::Elem;

/// Reads an `II` (`id`, `setId`, ...): root → system, extension → value; `None` for an
/// element with nothing in it (`<id/>`).
pub(crate) fn read_ii<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Identifier>> {
    let [root, extension, assigner, null_flavor] = cx.pick(
        e,
        ["root", "extension", "assigningAuthorityName", "nullFlavor"],
    )?;
    let id = Identifier {
        system: own(&root),
        value: own(&extension),
        assigner: own(&assigner),
        kind: None,
        null_flavor: own(&null_flavor),
    };
    cx.skip(e)?;
    Ok(something(id))
}

/// Reads a `templateId` as `root` or `root:extension`; notes R2.1 (2015-08-01 or later)
/// extensions in the context. `None` when it has no root.
pub(crate) fn template_id<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<String>> {
    let [root, extension] = cx.pick(e, ["root", "extension"])?;
    let id = present(&root).map(|root| match present(&extension) {
        Some(x) => [root, ":", x].concat(),
        None => root.to_owned(),
    });
    cx.skip(e)?;
    Ok(id)
}
