//! Goals: Goal Observation (`observation` moodCode GOL, 22.4.121) in a Goals section or a
//! plan of care, with its targets (values), component goals, priority, progress and
//! authors (MODEL-NOTES §3.11). One goal per entry.

use bluebutton_model::{Goal, Source};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{
    note_text, priority_preference, role_of, value_or_code, warn_unknown, Role,
};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::Statement;
use crate::ccda::templates::{GOAL_OBSERVATION, GOAL_PROGRESS};

/// Maps one goal entry.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Goal {
    let at = entry.position();
    let Some(s) = entry.statement else {
        return Goal {
            source: section.source(at, Vec::new()),
            ..Goal::default()
        };
    };
    if !s.has_template(GOAL_OBSERVATION) {
        warn_unknown(res, &s, "goals");
    }
    let source = section.source_of(&s, Reading::ByRole);
    let mut g = goal(res, s);
    g.source = source;
    g
}

/// Maps a Goal Observation and the goals, progress, priority and comments it holds.
fn goal(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Goal {
    let at = s.at;
    let mut g = Goal {
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        time: s.take_interval(),
        authors: std::mem::take(&mut s.authors),
        source: Source {
            line: at.0,
            column: at.1,
            template_ids: std::mem::take(&mut s.template_ids),
            ..Source::default()
        },
        ..Goal::default()
    };
    g.code = res.coded_opt(s.code.take(), at);
    g.priority = res.coded_opt(s.priority.take().map(|p| *p), at);
    g.text = res.text(s.text.take(), at);
    g.targets = std::mem::take(&mut s.values)
        .into_iter()
        .map(|v| res.value(v, at))
        .collect();
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(GOAL_OBSERVATION) {
            g.components.push(goal(res, rel.statement));
            continue;
        }
        if rel.statement.has_template(GOAL_PROGRESS) {
            let progress = value_or_code(res, rel.statement);
            g.achievement = g.achievement.take().or(progress);
            continue;
        }
        match role_of(&rel) {
            Role::Priority => {
                let p = priority_preference(res, rel.statement);
                g.priority = g.priority.take().or(p);
            }
            Role::Comment => g.notes.extend(note_text(res, rel.statement)),
            _ => {}
        }
    }
    g
}
