//! Vital signs: Vital Signs Organizer (C-CDA 22.4.26, CCD 1.35) → Vital Sign
//! Observations (22.4.27), one group per entry (MODEL-NOTES §3.6).

use bluebutton_model::ObservationGroup;

use crate::ccda::narrative::Resolver;
use crate::ccda::observations::{map_group, Expected};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::templates::{VITAL_OBSERVATION, VITAL_ORGANIZER};

const EXPECTED: Expected = Expected {
    section: "vital signs",
    organizer: VITAL_ORGANIZER,
    observation: VITAL_OBSERVATION,
};

/// Maps one entry of a vital signs section.
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> ObservationGroup {
    map_group(res, entry, section, &EXPECTED)
}
