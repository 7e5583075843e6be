//! "Plans", "Employer Subsidy", "Primary Insurance" and "Other Insurance" → `coverage`.
//! Labels with no field of their own go into `details` (name in `name.original_text`).

use super::demographics::address_text;
use super::values::{code_and_display, named_text, text_coded};
use super::{between, each_entry, Ctx, Section};
use crate::text::Trimmed;
use bluebutton_model::{Coded, Coverage, Identifier, Organization};

/// An identifier with what it is in `kind.original_text`.
fn labelled_id(label: &str, value: &str) -> Identifier {
    Identifier {
        value: Some(value.to_string()),
        kind: Some(text_coded(label)),
        ..Default::default()
    }
}

/// The payer, created on first use.
fn payer(item: &mut Coverage) -> &mut Organization {
    item.payer.get_or_insert_with(Organization::default)
}

/// "Plans": Medicare Advantage (Part C) and drug (Part D) plan enrollments.
pub(super) fn plans(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "contract id/plan id", |ctx, entry| {
        let mut item = Coverage {
            source: section.source(entry.line),
            ..Default::default()
        };
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "contract id/plan id" => match value.split_once('/') {
                    Some((contract, plan)) => {
                        if !contract.trimmed().is_empty() {
                            item.ids
                                .push(labelled_id("Contract ID", contract.trimmed()));
                        }
                        if !plan.trimmed().is_empty() {
                            item.ids.push(labelled_id("Plan ID", plan.trimmed()));
                        }
                    }
                    None => item.ids.push(labelled_id(field.label, &value)),
                },
                "plan period" => {
                    let (low, high) = match value.split_once(" - ") {
                        Some((l, h)) => (l.trimmed(), h.trimmed()),
                        None => (value.as_str(), ""),
                    };
                    let low = ctx.date_text(section.title, field.line, field.label, low);
                    let high = ctx.date_text(section.title, field.line, field.label, high);
                    item.period = between(low, high);
                    if value.trim_end().to_ascii_lowercase().ends_with("current") {
                        item.status = Some("current".into());
                    }
                }
                "plan name" => item.plan_name = Some(value),
                "marketing name" => payer(&mut item).name = Some(value),
                "plan address" => payer(&mut item).addresses.push(address_text(&value)),
                "plan type" => {
                    let mut kind = code_and_display(&value);
                    kind.original_text = Some(value);
                    item.kind = Some(kind);
                }
                _ => item.details.push(named_text(field.label, &value)),
            }
        }
        ctx.record.coverage.push(item);
    });
}

/// "Employer Subsidy".
pub(super) fn employer_subsidy(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "employer plan", |ctx, entry| {
        let mut item = Coverage {
            kind: Some(text_coded(section.title)),
            source: section.source(entry.line),
            ..Default::default()
        };
        let (mut low, mut high) = (None, None);
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "employer plan" => item.plan_name = Some(value),
                "employer subsidy start date" => low = ctx.date(section.title, field),
                "employer subsidy end date" => high = ctx.date(section.title, field),
                _ => item.details.push(named_text(field.label, &value)),
            }
        }
        item.period = between(low, high);
        ctx.record.coverage.push(item);
    });
}

/// "Primary Insurance" and "Other Insurance" (Medicare Secondary Payer records).
pub(super) fn insurance(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "msp type", |ctx, entry| {
        let mut item = Coverage {
            kind: Some(Coded {
                original_text: Some(section.title.to_string()),
                ..Default::default()
            }),
            source: section.source(entry.line),
            ..Default::default()
        };
        let (mut low, mut high) = (None, None);
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "policy number" => {
                    item.ids.push(labelled_id(field.label, &value));
                    item.subscriber_id = Some(value);
                }
                "insurer name" => payer(&mut item).name = Some(value),
                "insurer address" => payer(&mut item).addresses.push(address_text(&value)),
                "effective date" => low = ctx.date(section.title, field),
                "termination date" => high = ctx.date(section.title, field),
                _ => item.details.push(named_text(field.label, &value)),
            }
        }
        item.period = between(low, high);
        ctx.record.coverage.push(item);
    });
}
