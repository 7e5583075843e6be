//! Basic resources the FHIR writer made of a record's `other` items, read back into
//! `other` as the same items: the kind, title, text and content from the parts of the
//! project's `other-item` extension, the code from `Basic.code` (unless it is the
//! writer's code for an item without one). A Basic from elsewhere is no such item and is
//! kept whole like any resource with no place in the model.

use super::datatypes::{attachment_bytes, coded_at};
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::extensions::url;
use crate::fhir_out::other::{KEPT_SYSTEM, OTHER_ITEM};
use bluebutton_model::{OtherItem, WarningCode};

/// Whether a Basic resource is one the writer made of an `other` item: it has the
/// `other-item` extension or the writer's code for an item without a code.
pub(super) fn is_item(o: &Object<'_>) -> bool {
    let own = url(OTHER_ITEM);
    o.objects("extension").any(|e| e.str("url") == Some(&own)) || has_kept_code(o)
}

/// Whether `Basic.code` is the writer's code for an item without a code.
fn has_kept_code(o: &Object<'_>) -> bool {
    o.obj("code").is_some_and(|c| {
        c.objects("coding")
            .any(|c| c.str("system") == Some(KEPT_SYSTEM))
    })
}

/// Reads a Basic the writer made into `other`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut item = OtherItem {
        code: if has_kept_code(o) {
            None
        } else {
            coded_at(o, "code")
        },
        source: ctx.source(res),
        ..Default::default()
    };
    let own = url(OTHER_ITEM);
    let parts = o
        .objects("extension")
        .filter(|e| e.str("url") == Some(&own))
        .flat_map(|e| e.objects("extension"));
    for part in parts {
        match part.str("url") {
            Some("kind") => item.kind = part.string("valueString"),
            Some("title") => item.title = part.string("valueString"),
            Some("text") => item.text = part.string("valueString"),
            Some("content") => {
                let text = part
                    .obj("valueAttachment")
                    .and_then(attachment_bytes)
                    .and_then(|b| String::from_utf8(b).ok());
                if text.is_none() {
                    ctx.warn(
                        WarningCode::InvalidValue,
                        "a Basic other-item extension's content is not base64 UTF-8 data; left out"
                            .into(),
                    );
                }
                item.content = text;
            }
            _ => {}
        }
    }
    ctx.record.other.push(item);
}
