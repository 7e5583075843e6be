//! The CCD Purpose section: each Purpose Activity gives, through its reason
//! (`entryRelationship[@typeCode='RSON']`), why the document was made.

use bluebutton_model::{Coded, WarningCode};

use crate::ccda::narrative::Resolver;
use crate::ccda::related::{value_or_code, warn_unknown};
use crate::ccda::section::EntryRead;
use crate::ccda::templates::PURPOSE_ACTIVITY;

/// The purposes one entry of a purpose section gives.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead) -> Vec<Coded> {
    let Some(mut s) = entry.statement else {
        return Vec::new();
    };
    if !s.has_template(PURPOSE_ACTIVITY) {
        warn_unknown(res, &s, "purpose");
    }
    let purposes: Vec<Coded> = std::mem::take(&mut s.relationships)
        .into_iter()
        .filter(|r| r.type_code.as_deref() == Some("RSON"))
        .filter_map(|r| value_or_code(res, r.statement))
        .collect();
    if purposes.is_empty() {
        res.warn(
            WarningCode::MissingElement,
            "purpose activity gives no reason (entryRelationship RSON)",
            s.at,
        );
    }
    purposes
}
