//! Self-entered My Goals (current and completed) → `goals`. The report lists each goal
//! twice: a summary (`My Goal:`) and the details (`MY GOAL:`); the details are read.

use super::blocks::Blocks;
use super::demographics::coded;
use super::{Ctx, Fields};
use crate::text::interval::between;
use bluebutton_model::Goal;

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
        // Tasks: each `Task:` starts a new one; its fields are joined on one line.
        let mut tasks: Vec<String> = Vec::new();
        let mut task_fields = Vec::new();
        for (i, field) in f.iter_unused() {
            if field.label.starts_with("Task") || field.label == "Date Task Finished" {
                if field.label == "Task" {
                    tasks.push(String::new());
                }
                if let Some(task) = tasks.last_mut() {
                    if !field.value.is_empty() {
                        if !task.is_empty() {
                            task.push_str("; ");
                        }
                        task.push_str(&format!("{}: {}", field.label, field.value));
                    }
                    task_fields.push(i);
                }
            }
        }
        for i in task_fields {
            f.mark(i);
        }
        for label in ["Type", "Completion", "Strengths", "Obstacles", "Rewards"] {
            if let Some(v) = f
                .take(label)
                .filter(|v| !v.eq_ignore_ascii_case("None Entered"))
            {
                notes.push(format!("{label}: {v}"));
            }
        }
        notes.extend(tasks);
        notes.extend(f.rest());
        ctx.record.goals.push(Goal {
            status: Some(if completed { "completed" } else { "active" }.to_string()),
            code: title.map(coded),
            time: between(low, high),
            priority,
            achievement: done.map(|d| coded(format!("Completed {d}"))),
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}
