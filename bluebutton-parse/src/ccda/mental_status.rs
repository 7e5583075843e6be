//! Mental status: Mental Status Organizer and Observation, Assessment Scale Observation
//! (PHQ-9 and the like) with its supporting observations, Cognitive Status Problem
//! Observation (MODEL-NOTES §3.14), read like functional status.

use bluebutton_model::Observation;

use crate::ccda::functional_status::map_status;
use crate::ccda::narrative::Resolver;
use crate::ccda::section::{EntryRead, SectionInfo};

/// Maps one entry of a mental status section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Observation {
    map_status(res, entry, section, "mental status")
}
