//! Medical equipment and implants: Non-Medicinal Supply Activity (`supply`), Procedure
//! Activity Procedure with a device participant (implants), each device described by its
//! Product Instance (`playingDevice/code`, the UDI in `id[@root=FDA UDI]`, the
//! manufacturer in `scopingEntity`); a Medical Equipment Organizer is flattened into its
//! devices, each keeping the organizer's code and time as its group (MODEL-NOTES §3.16).

use bluebutton_model::{DatedCode, MedicalDevice, WarningCode};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::unmapped;
use crate::ccda::related::{note_text, role_of, warn_unknown, Role};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{EntryParticipant, Statement, StatementKind};
use crate::ccda::templates::{
    any_of, EQUIPMENT_ORGANIZER, PROCEDURE_PROCEDURE, PRODUCT_INSTANCE, SUPPLY_ACTIVITY, UDI_ROOT,
};

/// Maps one entry of a medical equipment section: one device, or one per component of
/// an organizer.
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> Vec<MedicalDevice> {
    let at = entry.position();
    let Some(mut root) = entry.statement else {
        return vec![MedicalDevice {
            source: section.source(at, Vec::new()),
            ..MedicalDevice::default()
        }];
    };
    if root.kind != StatementKind::Organizer || root.relationships.is_empty() {
        return vec![device(res, root, section)];
    }
    if !root.has_template(EQUIPMENT_ORGANIZER) {
        warn_unknown(res, &root, "medical equipment");
    }
    let time = root.take_interval();
    let status = root.status.take();
    let code = res.coded_opt(root.code.take(), root.at);
    let group = (code.is_some() || time.is_some()).then(|| DatedCode {
        code,
        time: time.clone(),
    });
    let mut devices = Vec::new();
    for rel in std::mem::take(&mut root.relationships) {
        let mut d = device(res, rel.statement, section);
        if d.time.is_none() {
            d.time.clone_from(&time);
        }
        d.group.clone_from(&group);
        if d.status.is_none() {
            d.status.clone_from(&status);
        }
        devices.push(d);
    }
    devices
}

/// One supply or procedure as a device.
fn device(res: &mut Resolver<'_>, mut s: Box<Statement>, section: &SectionInfo) -> MedicalDevice {
    if !s.has_template(SUPPLY_ACTIVITY) && !s.has_template(PROCEDURE_PROCEDURE) {
        warn_unknown(res, &s, "medical equipment");
    }
    let at = s.at;
    let mut d = MedicalDevice {
        source: section.source_of(&s, Reading::ByRole),
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        negated: s.negated,
        time: s.take_interval(),
        authors: std::mem::take(&mut s.authors),
        ..MedicalDevice::default()
    };
    d.text = res.text(s.text.take(), at);
    d.body_sites = std::mem::take(&mut s.target_sites)
        .into_iter()
        .map(|cd| res.coded(cd, at))
        .collect();
    let own_code = res.coded_opt(s.code.take(), at);
    if let Some(p) = s.take_dosing().product {
        d.code = res.coded_opt(p.code, at);
        d.name = p.name;
        d.lot_number = p.lot_number;
        d.manufacturer = p.manufacturer;
        d.ids.extend(p.ids);
    }
    let mut products = std::mem::take(&mut s.participants)
        .into_iter()
        .filter(is_product);
    if let Some(p) = products.next() {
        product_instance(res, p, at, &mut d);
    }
    let extra = products.count();
    if extra > 0 {
        res.warn(
            WarningCode::UnmappedElement,
            format!("a medical equipment entry names {extra} further device(s); only the first is mapped"),
            at,
        );
    }
    // A procedure without a described device (or a supply without a product): its own
    // code is what the entry says of the equipment.
    match (&d.code, s.kind) {
        (None, _) => d.code = own_code,
        (Some(_), StatementKind::Procedure) => d.procedure = own_code,
        (Some(_), _) => {
            if own_code.is_some() {
                res.warn(
                    WarningCode::UnmappedElement,
                    "a medical equipment supply has both a code and a product code; its own code is not mapped",
                    at,
                );
            }
        }
    }
    for rel in std::mem::take(&mut s.relationships) {
        match role_of(&rel) {
            Role::Comment => d.notes.extend(note_text(res, rel.statement)),
            _ => unmapped(res, &rel.statement, "a medical equipment entry"),
        }
    }
    d
}

/// A product or device participant (`PRD`, `DEV`, or a Product Instance role).
fn is_product(p: &EntryParticipant) -> bool {
    matches!(p.type_code.as_deref(), Some("PRD" | "DEV"))
        || any_of(&p.template_ids, PRODUCT_INSTANCE)
}

/// Product Instance: the device code, the UDI, other ids, model and manufacturer.
fn product_instance(
    res: &mut Resolver<'_>,
    p: EntryParticipant,
    at: (u32, u32),
    d: &mut MedicalDevice,
) {
    if let Some(code) = res.coded_opt(p.entity_code, at) {
        d.code = Some(code);
    }
    if d.name.is_none() {
        d.name = p.entity_name;
    }
    for id in p.ids {
        if id.system.as_deref() == Some(UDI_ROOT) && d.udi.is_none() && id.value.is_some() {
            d.udi.clone_from(&id.value);
        }
        d.ids.push(id);
    }
    d.model = p.device_model;
    if let Some(org) = p.scoping {
        if d.manufacturer.is_none() {
            d.manufacturer = org.name;
        }
    }
}
