//! "Claim Summary" and "Claim Lines for Claim Number: N" → `claims`, with one `items`
//! entry per claim line (and one for a Part D claim's drug). A claim can span sections:
//! its summary, then its lines; a Part D claim is a "Claim Lines" section of its own.
//! Labels with no field of their own go into `details` (name in `name.original_text`).

use super::demographics::{address_text, person_name};
use super::values::{code_and_display, is_not_available, named_text, parse_money, text_coded};
use super::{date, push_default, warn, Ctx, Field, Item, Section};
use crate::text::Trimmed;
use bluebutton_model::{
    Claim, ClaimAmount, ClaimDiagnosis, ClaimItem, Coded, Identifier, Interval, Organization,
    Participant, PersonName, Quantity, Warning, WarningCode,
};

/// HL7 adjudication categories.
const ADJUDICATION: &str = "http://terminology.hl7.org/CodeSystem/adjudication";
/// CARIN BB adjudication categories.
const C4BB_ADJUDICATION: &str = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication";
/// The NPI system.
const NPI: &str = "http://hl7.org/fhir/sid/us-npi";
/// The NDC system.
const NDC: &str = "http://hl7.org/fhir/sid/ndc";

/// The claim being read and its open line. Both are read in place, where they stay: the
/// open claim is the record's last claim, and its open line that claim's last line (claims
/// and lines are large; building them elsewhere and moving them in would copy them).
#[derive(Debug, Default)]
pub(super) struct ClaimState {
    /// Whether the record's last claim is open.
    open: bool,
    /// Whether the open claim's last line is open.
    item_open: bool,
    /// The current claim's number.
    number: Option<String>,
    /// Whether a `Claim Number:` line was met for the current claim.
    number_seen: bool,
}

/// The open claim, if any.
fn open_claim<'c>(ctx: &'c mut Ctx) -> Option<&'c mut Claim> {
    if ctx.claims.open {
        ctx.record.claims.last_mut()
    } else {
        None
    }
}

/// Closes the open line (it stays where it is, the claim's last line).
fn flush_item(ctx: &mut Ctx) {
    ctx.claims.item_open = false;
}

/// Closes the open line and claim.
pub(super) fn close(ctx: &mut Ctx) {
    flush_item(ctx);
    ctx.claims.open = false;
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
    if let Some(claim) = push_default(&mut ctx.record.claims) {
        claim.source = section.source(line);
        if let Some(n) = number.filter(|n| !n.is_empty()) {
            claim.ids.push(Identifier {
                value: Some(n.to_string()),
                kind: Some(Box::new(text_coded("Claim Number"))),
                ..Default::default()
            });
        }
    }
    ctx.claims.number = number.map(str::to_string);
    ctx.claims.open = true;
}

/// "Claim Summary".
pub(super) fn summary(ctx: &mut Ctx, section: &Section<'_>) {
    // Room for the section's claims at once: growing the list would copy every claim.
    let count = section
        .items
        .iter()
        .filter(|i| {
            i.field
                .is_some_and(|(l, _)| l.eq_ignore_ascii_case("claim number"))
        })
        .count();
    ctx.record.claims.reserve(count);
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
    let same = ctx.claims.open && number.is_some() && ctx.claims.number.as_deref() == number;
    if !same {
        close(ctx);
        let earlier = number.and_then(|n| {
            ctx.record
                .claims
                .iter()
                .rposition(|c| c.ids.iter().any(|id| id.value.as_deref() == Some(n)))
        });
        match earlier {
            // The lines of a claim summarised earlier (summaries listed before their lines):
            // it becomes the last claim again, and open.
            Some(index) if index < ctx.record.claims.len() => {
                if index + 1 < ctx.record.claims.len() {
                    let claim = ctx.record.claims.remove(index);
                    ctx.record.claims.push(claim);
                }
                ctx.claims.open = true;
                ctx.claims.number = number.map(str::to_string);
                ctx.claims.number_seen = true;
            }
            _ => start(ctx, section, section.line, number),
        }
    }
    // Room for the section's claim lines at once: growing the list would copy every line.
    let count = section
        .items
        .iter()
        .filter(|i| {
            i.field
                .is_some_and(|(l, _)| l.eq_ignore_ascii_case("line number"))
        })
        .count();
    if let Some(claim) = open_claim(ctx) {
        claim.items.reserve(count);
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
        if !ctx.claims.open {
            start(ctx, section, item.line, None);
        }
        if let Some(claim) = open_claim(ctx) {
            claim.notes.push(item.text.to_string());
        }
        return;
    };
    let field = Field {
        line: item.line,
        label,
        value,
    };
    let lowered = field.key();
    let key = lowered.as_bytes();
    if key == b"claim number" {
        flush_item(ctx);
        let continues = ctx.claims.open
            && !ctx.claims.number_seen
            && ctx.claims.number.as_deref() == Some(value);
        if !continues {
            start(ctx, section, item.line, Some(value));
        }
        ctx.claims.number_seen = true;
        return;
    }
    if !ctx.claims.open {
        start(ctx, section, item.line, None);
    }
    if key == b"line number" {
        flush_item(ctx);
        let sequence = (!value.is_empty()).then(|| value.parse::<i64>());
        if let Some(Err(_)) = sequence {
            ctx.warn(
                WarningCode::InvalidNumber,
                item.line,
                format!(
                    "section '{}': the '{label}' value is not a number; kept in details",
                    section.title
                ),
            );
        }
        if let Some(claim) = open_claim(ctx) {
            if let Some(line_item) = push_default(&mut claim.items) {
                match sequence {
                    Some(Ok(n)) => line_item.sequence = Some(n),
                    Some(Err(_)) => line_item.details.push(named_text(label, value)),
                    None => {}
                }
            }
        }
        ctx.claims.item_open = true;
        return;
    }
    if value.is_empty() {
        return;
    }
    let item_label = is_item_label(key);
    let to_item = item_label || (ctx.claims.item_open && !is_claim_label(key));
    let item_open = ctx.claims.item_open;
    if !ctx.claims.open {
        return;
    }
    let record = &mut *ctx.record;
    let (warnings, Some(claim)) = (&mut record.warnings, record.claims.last_mut()) else {
        return;
    };
    if to_item {
        let line_item = if item_open {
            claim.items.last_mut()
        } else {
            push_default(&mut claim.items)
        };
        let Some(line_item) = line_item else {
            return;
        };
        if item_label {
            item_field(warnings, section, line_item, &field, key);
        } else {
            line_item.details.push(named_text(label, value));
        }
        ctx.claims.item_open = true;
    } else {
        claim_field(warnings, section, claim, &field, key);
    }
}

/// Labels of a claim line (or of a Part D claim's drug).
fn is_item_label(key: &[u8]) -> bool {
    matches!(
        key,
        b"date of service from"
            | b"date of service to"
            | b"revenue code/description"
            | b"procedure code/description"
            | b"quantity billed/units"
            | b"submitted amount/charges"
            | b"allowed amount"
            | b"non-covered"
            | b"place of service/description"
            | b"type of service/description"
            | b"rendering provider no"
            | b"rendering provider npi"
            | b"drug code"
            | b"drug name"
            | b"fill number"
            | b"days' supply"
    ) || (key.starts_with(b"modifier ") && key.ends_with(b"/description"))
}

/// Labels of a claim's summary.
fn is_claim_label(key: &[u8]) -> bool {
    matches!(
        key,
        b"provider"
            | b"provider billing address"
            | b"service start date"
            | b"service end date"
            | b"claim service date"
            | b"amount charged"
            | b"medicare approved"
            | b"provider paid"
            | b"you may be billed"
            | b"claim type"
            | b"pharmacy / service provider"
            | b"pharmacy name"
            | b"prescriber identifer"
            | b"prescriber identifier"
            | b"prescriber name"
    ) || key.starts_with(b"diagnosis code")
}

/// The adjudication category of an amount label.
fn amount_category(key: &[u8]) -> Option<(&'static str, &'static str)> {
    Some(match key {
        b"amount charged" | b"submitted amount/charges" => ("submitted", ADJUDICATION),
        b"medicare approved" | b"allowed amount" => ("eligible", ADJUDICATION),
        b"provider paid" => ("paidtoprovider", C4BB_ADJUDICATION),
        b"you may be billed" => ("memberliability", C4BB_ADJUDICATION),
        b"non-covered" => ("noncovered", C4BB_ADJUDICATION),
        _ => return None,
    })
}

/// Reads an amount into `amounts`; text that is no amount goes into `details`.
fn amount(
    warnings: &mut Vec<Warning>,
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
                warn(
                    warnings,
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
    warnings: &mut Vec<Warning>,
    section: &Section<'_>,
    item: &mut ClaimItem,
    field: &Field<'_>,
    key: &[u8],
) {
    let value = field.value;
    if let Some(category) = amount_category(key) {
        amount(
            warnings,
            section,
            field,
            category,
            &mut item.amounts,
            &mut item.details,
        );
        return;
    }
    match key {
        b"date of service from" => {
            let low = date(warnings, section.title, field);
            item.period.get_or_insert_with(Interval::default).low = low;
        }
        b"date of service to" => {
            let high = date(warnings, section.title, field);
            item.period.get_or_insert_with(Interval::default).high = high;
        }
        b"revenue code/description" => item.revenue = Some(code_and_display(value)),
        b"procedure code/description" => item.service = Some(code_and_display(value)),
        b"quantity billed/units" => {
            item.quantity = Some(Quantity {
                value: Some(value.to_string()),
                ..Default::default()
            });
        }
        b"place of service/description" => item.place = Some(code_and_display(value)),
        b"rendering provider no" | b"rendering provider npi" => {
            let provider = item.provider.get_or_insert_with(Participant::default);
            provider.ids.push(Identifier {
                system: (key == b"rendering provider npi").then(|| NPI.to_string()),
                value: Some(value.to_string()),
                kind: Some(Box::new(text_coded(field.label))),
                ..Default::default()
            });
        }
        b"drug code" => {
            let service = item.service.get_or_insert_with(Coded::default);
            service.code = Some(value.to_string());
            service.system = Some(NDC.to_string());
        }
        b"drug name" => {
            item.service.get_or_insert_with(Coded::default).display = Some(value.to_string())
        }
        k if k.starts_with(b"modifier ") => item.modifiers.push(code_and_display(value)),
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
    warnings: &mut Vec<Warning>,
    section: &Section<'_>,
    claim: &mut Claim,
    field: &Field<'_>,
    key: &[u8],
) {
    let value = field.value;
    if let Some(category) = amount_category(key) {
        amount(
            warnings,
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
        b"provider" => {
            claim.provider.get_or_insert_with(Participant::default).name = Some(PersonName {
                text: Some(value.to_string()),
                ..Default::default()
            });
        }
        b"provider billing address" => claim
            .provider
            .get_or_insert_with(Participant::default)
            .addresses
            .push(address_text(value)),
        b"service start date" | b"claim service date" => {
            let low = date(warnings, section.title, field);
            claim
                .billable_period
                .get_or_insert_with(Interval::default)
                .low = low;
        }
        b"service end date" => {
            let high = date(warnings, section.title, field);
            claim
                .billable_period
                .get_or_insert_with(Interval::default)
                .high = high;
        }
        b"claim type" => claim.kind = Some(text_coded(value)),
        k if k.starts_with(b"diagnosis code") => {
            let sequence = std::str::from_utf8(k)
                .unwrap_or_default()
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
        b"pharmacy / service provider" | b"pharmacy name" => {
            let provider = claim.provider.get_or_insert_with(Participant::default);
            let org = provider.organization.get_or_insert_with(|| Organization {
                kind: Some(text_coded("Pharmacy")),
                ..Default::default()
            });
            if key == b"pharmacy name" {
                org.name = Some(value.to_string());
            } else {
                org.ids.push(Identifier {
                    value: Some(value.to_string()),
                    kind: Some(Box::new(text_coded(field.label))),
                    ..Default::default()
                });
            }
        }
        b"prescriber identifer" | b"prescriber identifier" => {
            if let Some(p) = prescriber(claim) {
                p.ids.push(Identifier {
                    value: Some(value.to_string()),
                    kind: Some(Box::new(text_coded(field.label))),
                    ..Default::default()
                });
            }
        }
        b"prescriber name" => {
            if let Some(p) = prescriber(claim) {
                p.name = Some(person_name(value));
            }
        }
        _ => claim.details.push(named_text(field.label, value)),
    }
}
