//! "Plans", "Employer Subsidy", "Primary Insurance" and "Other Insurance" → `coverage`.
//! Labels with no field of their own go into `details` (name in `name.original_text`).

use super::demographics::address_text;
use super::values::{code_and_display, named_text, text_coded};
use super::{between, date, date_text, each_entry, push_default, Ctx, Section};
use crate::text::Trimmed;
use bluebutton_model::{Coded, Coverage, Identifier, Organization};

/// An identifier with what it is in `kind.original_text`.
fn labelled_id(label: &str, value: &str) -> Identifier {
    Identifier {
        value: Some(value.to_string()),
        kind: Some(Box::new(text_coded(label))),
        ..Default::default()
    }
}

/// The payer, created on first use.
fn payer(item: &mut Coverage) -> &mut Organization {
    item.payer.get_or_insert_with(Organization::default)
}

/// "Plans": Medicare Advantage (Part C) and drug (Part D) plan enrollments.
pub(super) fn plans(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "contract id/plan id",
        |r| &mut r.coverage,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.coverage) else {
                return;
            };
            item.source = section.source(entry.line);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"contract id/plan id" => match value.split_once('/') {
                        Some((contract, plan)) => {
                            if !contract.trimmed().is_empty() {
                                item.ids
                                    .push(labelled_id("Contract ID", contract.trimmed()));
                            }
                            if !plan.trimmed().is_empty() {
                                item.ids.push(labelled_id("Plan ID", plan.trimmed()));
                            }
                        }
                        None => item.ids.push(labelled_id(field.label, value)),
                    },
                    b"plan period" => {
                        let (low, high) = match value.split_once(" - ") {
                            Some((l, h)) => (l.trimmed(), h.trimmed()),
                            None => (value, ""),
                        };
                        let low = date_text(
                            &mut record.warnings,
                            section.title,
                            field.line,
                            field.label,
                            low,
                        );
                        let high = date_text(
                            &mut record.warnings,
                            section.title,
                            field.line,
                            field.label,
                            high,
                        );
                        item.period = between(low, high);
                        if value.trim_end().to_ascii_lowercase().ends_with("current") {
                            item.status = Some("current".into());
                        }
                    }
                    b"plan name" => item.plan_name = Some(value.to_string()),
                    b"marketing name" => payer(item).name = Some(value.to_string()),
                    b"plan address" => payer(item).addresses.push(address_text(value)),
                    b"plan type" => {
                        let mut kind = code_and_display(value);
                        kind.original_text = Some(value.to_string());
                        item.kind = Some(kind);
                    }
                    _ => item.details.push(named_text(field.label, value)),
                }
            }
        },
    );
}

/// "Employer Subsidy".
pub(super) fn employer_subsidy(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "employer plan",
        |r| &mut r.coverage,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.coverage) else {
                return;
            };
            item.kind = Some(text_coded(section.title));
            item.source = section.source(entry.line);
            let (mut low, mut high) = (None, None);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"employer plan" => item.plan_name = Some(value.to_string()),
                    b"employer subsidy start date" => {
                        low = date(&mut record.warnings, section.title, field)
                    }
                    b"employer subsidy end date" => {
                        high = date(&mut record.warnings, section.title, field)
                    }
                    _ => item.details.push(named_text(field.label, value)),
                }
            }
            item.period = between(low, high);
        },
    );
}

/// "Primary Insurance" and "Other Insurance" (Medicare Secondary Payer records).
pub(super) fn insurance(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "msp type",
        |r| &mut r.coverage,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.coverage) else {
                return;
            };
            item.kind = Some(Coded {
                original_text: Some(section.title.to_string()),
                ..Default::default()
            });
            item.source = section.source(entry.line);
            let (mut low, mut high) = (None, None);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"policy number" => {
                        item.ids.push(labelled_id(field.label, value));
                        item.subscriber_id = Some(value.to_string());
                    }
                    b"insurer name" => payer(item).name = Some(value.to_string()),
                    b"insurer address" => payer(item).addresses.push(address_text(value)),
                    b"effective date" => low = date(&mut record.warnings, section.title, field),
                    b"termination date" => high = date(&mut record.warnings, section.title, field),
                    _ => item.details.push(named_text(field.label, value)),
                }
            }
            item.period = between(low, high);
        },
    );
}
