//! Social history: Smoking Status, Tobacco Use, Social History Observation, Pregnancy
//! Observation, Birth Sex and any other observation, each entry one [`Observation`]
//! (MODEL-NOTES §3.9).

use bluebutton_model::Observation;

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::observation;
use crate::ccda::related::warn_unknown;
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::templates::SOCIAL_OBSERVATION;

/// Maps one entry of a social history section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Observation {
    let at = entry.position();
    let Some(s) = entry.statement else {
        return Observation {
            source: section.source(at, Vec::new()),
            ..Observation::default()
        };
    };
    if !s.has_template(SOCIAL_OBSERVATION) {
        warn_unknown(res, &s, "social history");
    }
    let source = section.source_of(&s, Reading::Whole);
    let mut o = observation(res, s);
    o.source = source;
    o
}
