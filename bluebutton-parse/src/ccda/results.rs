//! Results: Result Organizer (C-CDA 22.4.1, CCD 1.32) → Result Observations (22.4.2),
//! one group per entry (MODEL-NOTES §3.5).

use bluebutton_model::ObservationGroup;

use crate::ccda::narrative::Resolver;
use crate::ccda::observations::{map_group, Expected};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::templates::{RESULT_OBSERVATION, RESULT_ORGANIZER};

const EXPECTED: Expected = Expected {
    section: "results",
    organizer: RESULT_ORGANIZER,
    observation: RESULT_OBSERVATION,
};

/// Maps one entry of a results section.
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> ObservationGroup {
    map_group(res, entry, section, &EXPECTED)
}
