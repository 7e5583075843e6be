//! "Claim Summary" and "Claim Lines for Claim Number: N" → `claims`, with one `items`
//! entry per claim line (and one for a Part D claim's drug). A claim can span sections:
//! its summary, then its lines; a Part D claim is a "Claim Lines" section of its own.
//! Labels with no field of their own go into `details` (name in `name.original_text`).

use super::demographics::{address_text, person_name};
use super::values::{code_and_display, is_not_available, named_text, parse_money, text_coded};
use super::{Ctx, Field, Item, Section};
use crate::text::Trimmed;
use bluebutton_model::{
    Claim, ClaimAmount, ClaimDiagnosis, ClaimItem, Coded, Identifier, Interval, Organization,
    Participant, PersonName, Quantity, WarningCode,
};

/// HL7 adjudication categories.
const ADJUDICATION: &str = "http://terminology.hl7.org/CodeSystem/adjudication";
/// CARIN BB adjudication categories.
const C4BB_ADJUDICATION: &str = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication";
/// The NPI system.
const NPI: &str = "http://hl7.org/fhir/sid/us-npi";
/// The NDC system.
const NDC: &str = "http://hl7.org/fhir/sid/ndc";

/// The claim being read and its open line, boxed: they are taken out and put back for
/// every field, which then moves a pointer rather than the whole claim.
#[derive(Debug, Default)]
pub(super) struct ClaimState {
    claim: Option<Box<Claim>>,
    item: Option<Box<ClaimItem>>,
    /// The current claim's number.
    number: Option<String>,
    /// Whether a `Claim Number:` line was met for the current claim.
    number_seen: bool,
}

/// Closes the open line into its claim.
fn flush_item(ctx: &mut Ctx) {
    if let Some(item) = ctx.claims.item.take() {
        match ctx.claims.claim.as_mut() {
            Some(claim) => claim.items.push(*item),
            None => ctx.record.claims.push(Claim {
                items: vec![*item],
                ..Default::default()
            }),
        }
    }
}

/// Closes the open line and claim.
pub(super) fn close(ctx: &mut Ctx) {
    flush_item(ctx);
    if let Some(claim) = ctx.claims.claim.take() {
        ctx.record.claims.push(*claim);
    }
    ctx.claims.number = None;
    ctx.claims.number_seen = false;
}

/// Closes whatever is open at the end of the input.
pub(super) fn finish_all(ctx: &mut Ctx) {
    close(ctx);
}

/// Starts a new claim numbered `number` whose first line is `line`.
fn start(ctx: &mut Ctx, section: &Section<'_>, line: u32, number: Option<&str>) {
    close(ctx);
    let mut claim = Claim {
        source: section.source(line),
        ..Default::default()
    };
    if let Some(n) = number.filter(|n| !n.is_empty()) {
        claim.ids.push(Identifier {
            value: Some(n.to_string()),
            kind: Some(text_coded("Claim Number")),
            ..Default::default()
        });
    }
    ctx.claims.number = number.map(str::to_string);
    ctx.claims.claim = Some(Box::new(claim));
}

/// "Claim Summary".
pub(super) fn summary(ctx: &mut Ctx, section: &Section<'_>) {
    for item in &section.items {
        line(ctx, section, item);
    }
}

/// "Claim Lines for Claim Number: N": the lines of claim N, or a Part D claim of its own.
pub(super) fn lines(ctx: &mut Ctx, section: &Section<'_>) {
    flush_item(ctx);
    let number = section
        .title
        .split_once(':')
        .map(|(_, n)| n.trimmed())
        .filter(|n| !n.is_empty());
    let same =
        ctx.claims.claim.is_some() && number.is_some() && ctx.claims.number.as_deref() == number;
    if !same {
        close(ctx);
        let earlier = number.and_then(|n| {
            ctx.record
                .claims
                .iter()
                .rposition(|c| c.ids.iter().any(|id| id.value.as_deref() == Some(n)))
        });
        match earlier {
            // The lines of a claim summarised earlier (summaries listed before their lines).
            Some(index) if index < ctx.record.claims.len() => {
                ctx.claims.claim = Some(Box::new(ctx.record.claims.remove(index)));
                ctx.claims.number = number.map(str::to_string);
                ctx.claims.number_seen = true;
            }
            _ => start(ctx, section, section.line, number),
        }
    }
    for item in &section.items {
        line(ctx, section, item);
    }
}

/// Reads one line of a claim section.
fn line(ctx: &mut Ctx, section: &Section<'_>, item: &Item<'_>) {
    let Some((label, value)) = item.field else {
        ctx.warn(
            WarningCode::UnrecognizedLine,
            item.line,
            format!(
                "section '{}': line {} could not be placed; kept in the claim's notes",
                section.title, item.line
            ),
        );
        if ctx.claims.claim.is_none() {
            start(ctx, section, item.line, None);
        }
        if let Some(claim) = ctx.claims.claim.as_mut() {
            claim.notes.push(item.text.to_string());
        }
        return;
    };
    let field = Field {
        line: item.line,
        label,
        value,
    };
    let key = field.key();
    if key == "claim number" {
        flush_item(ctx);
        let continues = ctx.claims.claim.is_some()
            && !ctx.claims.number_seen
            && ctx.claims.number.as_deref() == Some(value);
        if !continues {
            start(ctx, section, item.line, Some(value));
        }
        ctx.claims.number_seen = true;
        return;
    }
    if ctx.claims.claim.is_none() {
        start(ctx, section, item.line, None);
    }
    if key == "line number" {
        flush_item(ctx);
        let mut line_item = Box::<ClaimItem>::default();
        if !value.is_empty() {
            match value.parse::<i64>() {
                Ok(n) => line_item.sequence = Some(n),
                Err(_) => {
                    ctx.warn(
                        WarningCode::InvalidNumber,
                        item.line,
                        format!(
                            "section '{}': the '{label}' value is not a number; kept in details",
                            section.title
                        ),
                    );
                    line_item.details.push(named_text(label, value));
                }
            }
        }
        ctx.claims.item = Some(line_item);
        return;
    }
    if value.is_empty() {
        return;
    }
    if is_item_label(&key) {
        let mut line_item = ctx.claims.item.take().unwrap_or_default();
        item_field(ctx, section, &mut line_item, &field, &key);
        ctx.claims.item = Some(line_item);
    } else if ctx.claims.item.is_some() && !is_claim_label(&key) {
        let mut line_item = ctx.claims.item.take().unwrap_or_default();
        line_item.details.push(named_text(label, value));
        ctx.claims.item = Some(line_item);
    } else if let Some(mut claim) = ctx.claims.claim.take() {
        claim_field(ctx, section, &mut claim, &field, &key);
        ctx.claims.claim = Some(claim);
    }
}

/// Labels of a claim line (or of a Part D claim's drug).
fn is_item_label(key: &str) -> bool {
    matches!(
        key,
        "date of service from"
            | "date of service to"
            | "revenue code/description"
            | "procedure code/description"
            | "quantity billed/units"
            | "submitted amount/charges"
            | "allowed amount"
            | "non-covered"
            | "place of service/description"
            | "type of service/description"
            | "rendering provider no"
            | "rendering provider npi"
            | "drug code"
            | "drug name"
            | "fill number"
            | "days' supply"
    ) || (key.starts_with("modifier ") && key.ends_with("/description"))
}

/// Labels of a claim's summary.
fn is_claim_label(key: &str) -> bool {
    matches!(
        key,
        "provider"
            | "provider billing address"
            | "service start date"
            | "service end date"
            | "claim service date"
            | "amount charged"
            | "medicare approved"
            | "provider paid"
            | "you may be billed"
            | "claim type"
            | "pharmacy / service provider"
            | "pharmacy name"
            | "prescriber identifer"
            | "prescriber identifier"
            | "prescriber name"
    ) || key.starts_with("diagnosis code")
}

/// The adjudication category of an amount label.
fn amount_category(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "amount charged" | "submitted amount/charges" => ("submitted", ADJUDICATION),
        "medicare approved" | "allowed amount" => ("eligible", ADJUDICATION),
        "provider paid" => ("paidtoprovider", C4BB_ADJUDICATION),
        "you may be billed" => ("memberliability", C4BB_ADJUDICATION),
        "non-covered" => ("noncovered", C4BB_ADJUDICATION),
        _ => return None,
    })
}

/// Reads an amount into `amounts`; text that is no amount goes into `details`.
fn amount(
    ctx: &mut Ctx,
    section: &Section<'_>,
    field: &Field<'_>,
    (code, system): (&str, &str),
    amounts: &mut Vec<ClaimAmount>,
    details: &mut Vec<bluebutton_model::NamedValue>,
) {
    match parse_money(field.value) {
        Some(money) => amounts.push(ClaimAmount {
            category: Some(Coded {
                code: Some(code.to_string()),
                system: Some(system.to_string()),
                original_text: Some(field.label.to_string()),
                ..Default::default()
            }),
            amount: Some(money),
            reason: None,
        }),
        None => {
            if !is_not_available(field.value) {
                ctx.warn(
                    WarningCode::InvalidNumber,
                    field.line,
                    format!(
                        "section '{}': the '{}' value is not an amount; kept in details",
                        section.title, field.label
                    ),
                );
            }
            details.push(named_text(field.label, field.value));
        }
    }
}

/// Reads a field of a claim line.
fn item_field(
    ctx: &mut Ctx,
    section: &Section<'_>,
    item: &mut ClaimItem,
    field: &Field<'_>,
    key: &str,
) {
    let value = field.value;
    if let Some(category) = amount_category(key) {
        amount(
            ctx,
            section,
            field,
            category,
            &mut item.amounts,
            &mut item.details,
        );
        return;
    }
    match key {
        "date of service from" => {
            let low = ctx.date(section.title, field);
            item.period.get_or_insert_with(Interval::default).low = low;
        }
        "date of service to" => {
            let high = ctx.date(section.title, field);
            item.period.get_or_insert_with(Interval::default).high = high;
        }
        "revenue code/description" => item.revenue = Some(code_and_display(value)),
        "procedure code/description" => item.service = Some(code_and_display(value)),
        "quantity billed/units" => {
            item.quantity = Some(Quantity {
                value: Some(value.to_string()),
                ..Default::default()
            });
        }
        "place of service/description" => item.place = Some(code_and_display(value)),
        "rendering provider no" | "rendering provider npi" => {
            let provider = item.provider.get_or_insert_with(Participant::default);
            provider.ids.push(Identifier {
                system: (key == "rendering provider npi").then(|| NPI.to_string()),
                value: Some(value.to_string()),
                kind: Some(text_coded(field.label)),
                ..Default::default()
            });
        }
        "drug code" => {
            let service = item.service.get_or_insert_with(Coded::default);
            service.code = Some(value.to_string());
            service.system = Some(NDC.to_string());
        }
        "drug name" => {
            item.service.get_or_insert_with(Coded::default).display = Some(value.to_string())
        }
        k if k.starts_with("modifier ") => item.modifiers.push(code_and_display(value)),
        _ => item.details.push(named_text(field.label, value)),
    }
}

/// True for the claim's prescriber.
fn is_prescriber(p: &Participant) -> bool {
    p.function.as_ref().and_then(|f| f.original_text.as_deref()) == Some("Prescriber")
}

/// The claim's prescriber, created on first use.
fn prescriber(claim: &mut Claim) -> Option<&mut Participant> {
    if !claim.care_team.iter().any(is_prescriber) {
        claim.care_team.push(Participant {
            function: Some(text_coded("Prescriber")),
            ..Default::default()
        });
    }
    claim.care_team.iter_mut().rfind(|p| is_prescriber(p))
}

/// Reads a field of a claim's summary.
fn claim_field(
    ctx: &mut Ctx,
    section: &Section<'_>,
    claim: &mut Claim,
    field: &Field<'_>,
    key: &str,
) {
    let value = field.value;
    if let Some(category) = amount_category(key) {
        amount(
            ctx,
            section,
            field,
            category,
            &mut claim.totals,
            &mut claim.details,
        );
        return;
    }
    if is_not_available(value) {
        claim.details.push(named_text(field.label, value));
        return;
    }
    match key {
        "provider" => {
            claim.provider.get_or_insert_with(Participant::default).name = Some(PersonName {
                text: Some(value.to_string()),
                ..Default::default()
            });
        }
        "provider billing address" => claim
            .provider
            .get_or_insert_with(Participant::default)
            .addresses
            .push(address_text(value)),
        "service start date" | "claim service date" => {
            let low = ctx.date(section.title, field);
            claim
                .billable_period
                .get_or_insert_with(Interval::default)
                .low = low;
        }
        "service end date" => {
            let high = ctx.date(section.title, field);
            claim
                .billable_period
                .get_or_insert_with(Interval::default)
                .high = high;
        }
        "claim type" => claim.kind = Some(text_coded(value)),
        k if k.starts_with("diagnosis code") => {
            let sequence = k
                .trim_start_matches("diagnosis code")
                .trimmed()
                .parse::<i64>()
                .ok();
            claim.diagnoses.push(ClaimDiagnosis {
                sequence,
                code: Some(Coded {
                    code: Some(value.to_string()),
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
        "pharmacy / service provider" | "pharmacy name" => {
            let provider = claim.provider.get_or_insert_with(Participant::default);
            let org = provider.organization.get_or_insert_with(|| Organization {
                kind: Some(text_coded("Pharmacy")),
                ..Default::default()
            });
            if key == "pharmacy name" {
                org.name = Some(value.to_string());
            } else {
                org.ids.push(Identifier {
                    value: Some(value.to_string()),
                    kind: Some(text_coded(field.label)),
                    ..Default::default()
                });
            }
        }
        "prescriber identifer" | "prescriber identifier" => {
            if let Some(p) = prescriber(claim) {
                p.ids.push(Identifier {
                    value: Some(value.to_string()),
                    kind: Some(text_coded(field.label)),
                    ..Default::default()
                });
            }
        }
        "prescriber name" => {
            if let Some(p) = prescriber(claim) {
                p.name = Some(person_name(value));
            }
        }
        _ => claim.details.push(named_text(field.label, value)),
    }
}
