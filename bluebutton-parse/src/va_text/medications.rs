//! VA medication history and self-entered medications and supplements.

use super::blocks::Blocks;
use super::demographics::{coded, telecom};
use super::{Ctx, Fields};
use crate::text::interval::{at, between};
use crate::text::Trimmed;
use bluebutton_model::{
    Dispense, Frequency, Identifier, Medication, MedicationOrder, Organization, Quantity,
    WarningCode,
};

/// A count kept as written (`45`), without a unit unless one is given.
fn amount(text: String, unit: Option<&str>) -> Quantity {
    Quantity {
        value: Some(text),
        unit: unit.map(str::to_string),
        ..Default::default()
    }
}

/// Reads a medications section (VA history or self-entered).
pub(crate) fn read(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    ctx.record.medications.reserve(parsed.entries.len());
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let name = f.take_any(&["Medication", "Drug Name"]);
        let sig = f.take("Instructions");
        let status = f.take("Status");
        let refills = f.take_at("Refills Remaining");
        let last_filled = f.take_at("Last Filled On");
        let last_filled = ctx.date(last_filled, "Last Filled On");
        let ordered = f.take_at("Initially Ordered On");
        let ordered = ctx.date(ordered, "Initially Ordered On");
        let quantity = f.take("Quantity");
        let days = f.take("Days Supply");
        let pharmacy = f.take_any(&["Pharmacy", "Pharmacy Name"]);
        let pharmacy_phone = f.take("Pharmacy Phone");
        let rx = f.take("Prescription Number");
        let start = f.take_at("Start Date");
        let start = ctx.date(start, "Start Date");
        let stop = f.take_at("Stop Date");
        let stop = ctx.date(stop, "Stop Date");
        let frequency = f.take("Frequency").map(|t| Frequency {
            text: Some(t),
            ..Default::default()
        });
        let reason = f.take("Reason for taking");
        let mut notes: Vec<String> = Vec::new();
        for label in ["Category", "Strength", "Dose"] {
            if let Some(v) = f.take(label) {
                notes.push(format!("{label}: {v}"));
            }
        }
        notes.extend(f.take("Comments"));
        notes.extend(f.rest());

        let refills_remaining = match refills {
            Some((text, line)) => match text.trimmed().parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    notes.push(format!("Refills Remaining: {text}"));
                    let message = format!(
                        "`Refills Remaining` in section {} is not a number; kept in notes",
                        ctx.section
                    );
                    ctx.warn(WarningCode::InvalidNumber, message, line);
                    None
                }
            },
            None => None,
        };
        let ids: Vec<Identifier> = rx
            .iter()
            .map(|v| Identifier {
                value: Some(v.clone()),
                kind: Some(Box::new(coded("Prescription Number".into()))),
                ..Default::default()
            })
            .collect();
        let order = MedicationOrder {
            ids: ids.clone(),
            time: at(ordered),
            refills_remaining,
            quantity: quantity.map(|q| amount(q, None)),
            days_supply: days.map(|d| amount(d, Some("d"))),
            ..Default::default()
        };
        let mut dispenses = Vec::new();
        if last_filled.is_some() || pharmacy.is_some() {
            let mut org = Organization {
                name: pharmacy,
                ..Default::default()
            };
            org.telecoms
                .extend(pharmacy_phone.map(|p| telecom("phone", p, "WP")));
            dispenses.push(Dispense {
                time: at(last_filled),
                pharmacy: (org != Organization::default()).then_some(org),
                ..Default::default()
            });
        }
        ctx.record.medications.push(Medication {
            ids,
            status,
            product: name.clone().map(coded),
            product_name: name,
            period: between(start, stop),
            frequency,
            indications: reason.map(coded).into_iter().collect(),
            sig,
            order: (order != MedicationOrder::default()).then_some(order),
            dispenses,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}
