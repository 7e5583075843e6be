//! Self-entered My Goals (current and completed) → `goals`, each goal's tasks as its
//! `components`. The report lists each goal twice: a summary (`My Goal:`) and the details
//! (`MY GOAL:`); the details are read.

use super::blocks::Blocks;
use super::demographics::coded;
use super::{Ctx, Fields};
use crate::text::interval::between;
use bluebutton_model::{Goal, Interval};

/// A value, unless it is the report's "None Entered" marker.
fn entered(value: Option<(String, u32)>) -> Option<(String, u32)> {
    value.filter(|(v, _)| !v.eq_ignore_ascii_case("None Entered"))
}

/// Reads a goals section.
pub(crate) fn read(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    let completed = ctx.section.to_ascii_uppercase().contains("COMPLETED");
    for entry in &parsed.entries {
        // Summary entries (`My Goal:`) repeat the details; skip them.
        if entry.fields.first().is_none_or(|f| f.label != "MY GOAL") {
            continue;
        }
        ctx.warn_unplaced(entry);
        let mut f = Fields::new(entry);
        let title = f.take("MY GOAL");
        let start = entered(f.take_at("Goal Start Date"));
        let low = ctx.date(start, "Goal Start Date");
        let end = entered(f.take_at("Goal End Date"));
        let high = ctx.date(end, "Goal End Date");
        let priority = f.take("Priority").map(coded);
        let done = f.take("Date Goal Completed");
        let mut notes: Vec<String> = f.take("Description").into_iter().collect();
        let tasks = tasks(ctx, &mut f);
        for label in ["Type", "Completion", "Strengths", "Obstacles", "Rewards"] {
            if let Some(v) = f
                .take(label)
                .filter(|v| !v.eq_ignore_ascii_case("None Entered"))
            {
                notes.push(format!("{label}: {v}"));
            }
        }
        notes.extend(f.rest());
        ctx.record.goals.push(Goal {
            status: Some(if completed { "completed" } else { "active" }.to_string()),
            code: title.map(coded),
            time: between(low, high),
            priority,
            achievement: done.map(|d| coded(format!("Completed {d}"))),
            notes,
            components: tasks,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// A goal's tasks as component goals: each `Task:` starts one (the task is its code), its
/// start and end dates are its time, `Date Task Finished` its achievement (`Completed
/// <date>`, or the text as written), its other fields its notes. The task fields are
/// marked as used.
fn tasks(ctx: &mut Ctx<'_>, f: &mut Fields<'_>) -> Vec<Goal> {
    let mut tasks: Vec<Goal> = Vec::new();
    let mut used = Vec::new();
    for (i, field) in f.iter_unused() {
        let label = field.label;
        if !(label.starts_with("Task") || label == "Date Task Finished") {
            continue;
        }
        if label == "Task" {
            tasks.push(Goal {
                source: ctx.source(field.line),
                ..Default::default()
            });
        }
        let Some(task) = tasks.last_mut() else {
            continue;
        };
        used.push(i);
        let Some((value, line)) = entered(Some((field.value.to_string(), field.line))) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        match label {
            "Task" => task.code = Some(coded(value)),
            "Task Start Date" | "Task End Date" => {
                let Some(date) = ctx.date(Some((value, line)), label) else {
                    continue;
                };
                let time = task.time.get_or_insert_with(Interval::default);
                if label == "Task Start Date" {
                    time.low = Some(date);
                } else {
                    time.high = Some(date);
                }
            }
            "Date Task Finished" => {
                let achievement = if super::dates::parse_date(&value).is_some() {
                    format!("Completed {value}")
                } else {
                    value
                };
                task.achievement = Some(coded(achievement));
            }
            _ => task.notes.push(format!("{label}: {value}")),
        }
    }
    for i in used {
        f.mark(i);
    }
    tasks
}
