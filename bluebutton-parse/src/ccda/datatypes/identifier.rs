//! II: instance identifiers and template ids.

use bluebutton_model::Identifier;

use crate::ccda::context::{own, something, trimmed, Cx, Res};
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
    let id = root
        .as_deref()
        .map(trimmed)
        .filter(|r| !r.is_empty())
        .map(
            |root| match extension.as_deref().map(trimmed).filter(|x| !x.is_empty()) {
                Some(x) => [root, ":", x].concat(),
                None => root.to_owned(),
            },
        );
    cx.skip(e)?;
    Ok(id)
}
