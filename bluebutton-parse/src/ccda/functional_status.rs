//! Functional status, and the cognitive and mental status entries R1.1 keeps in the same
//! section: Functional / Cognitive / Mental Status Organizers and Observations,
//! Assessment Scale Observations with their supporting observations, functional and
//! cognitive problems, Self-Care Activities, pressure ulcers, Caregiver Characteristics
//! and Sensory Status (MODEL-NOTES §3.13, §3.14). One [`Observation`] per entry: an
//! organizer keeps its code, time and ids, and its observations become components.

use bluebutton_model::Observation;

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::observation;
use crate::ccda::related::warn_unknown;
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::templates::STATUS_ENTRIES;

/// Maps one entry of a functional status section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Observation {
    map_status(res, entry, section, "functional status")
}

/// Maps one entry of a functional or mental status section; `name` names the section in
/// warnings.
pub(crate) fn map_status(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
    name: &str,
) -> Observation {
    let at = entry.position();
    let Some(s) = entry.statement else {
        return Observation {
            source: section.source(at, Vec::new()),
            ..Observation::default()
        };
    };
    if !s.has_template(STATUS_ENTRIES) {
        warn_unknown(res, &s, name);
    }
    let source = section.source_of(&s, Reading::Whole);
    let mut o = observation(res, s);
    o.source = source;
    o
}
