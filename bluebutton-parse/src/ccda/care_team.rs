//! Care teams: Care Team Organizer (22.4.500) with its name, status and period, and one
//! member per Care Team Member Act (22.4.500.1): the performer (else a participant, for a
//! member who is not a clinician), its function as the role, the member's status and
//! period (MODEL-NOTES §3.21). A team without members is kept as
//! one item with the team's facts only.

use bluebutton_model::{CareTeamMember, Participant, Source, WarningCode};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{party, warn_unknown};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::Statement;
use crate::ccda::templates::{CARE_TEAM_MEMBER, CARE_TEAM_ORGANIZER};

/// Maps one entry of a care teams section into its members.
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> Vec<CareTeamMember> {
    let at = entry.position();
    let Some(mut s) = entry.statement else {
        return vec![CareTeamMember {
            source: section.source(at, Vec::new()),
            ..CareTeamMember::default()
        }];
    };
    if s.has_template(CARE_TEAM_MEMBER) {
        let source = section.source_of(&s, Reading::ByRole);
        return vec![member(res, s, None, source)];
    }
    if !s.has_template(CARE_TEAM_ORGANIZER) {
        warn_unknown(res, &s, "care team");
    }
    let at = s.at;
    let code = res.coded_opt(s.code.take(), at);
    let text = res.text(s.text.take(), at);
    let team = code.and_then(|c| c.original_text).or(text);
    let mut members = Vec::new();
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(CARE_TEAM_MEMBER) {
            let source = section.source_of(&rel.statement, Reading::ByRole);
            members.push(member(res, rel.statement, team.clone(), source));
        }
    }
    if members.is_empty() {
        members.push(CareTeamMember {
            ids: std::mem::take(&mut s.ids),
            status: s.status.take(),
            team,
            period: s.take_interval(),
            source: section.source(at, std::mem::take(&mut s.template_ids)),
            ..CareTeamMember::default()
        });
    }
    members
}

/// Maps a Care Team Member Act: its performer is the member, the performer's function
/// (`sdtc:functionCode`) the role.
fn member(
    res: &mut Resolver<'_>,
    mut s: Box<Statement>,
    team: Option<String>,
    source: Source,
) -> CareTeamMember {
    let at = s.at;
    let mut performers = std::mem::take(&mut s.performers).into_iter();
    let mut member: Option<Participant> = performers.next();
    if performers.next().is_some() {
        res.warn(
            WarningCode::UnmappedElement,
            "care team member act has more than one <performer>; only the first is mapped",
            at,
        );
    }
    if member.is_none() {
        // A member who is not a clinician: a participant (a related person).
        let first = std::mem::take(&mut s.participants).into_iter().next();
        member = first.map(|p| party(res, p, at));
    }
    CareTeamMember {
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        team,
        role: member.as_ref().and_then(|m| m.function.clone()),
        member,
        period: s.take_interval(),
        text: res.text(s.text.take(), at),
        source,
    }
}
