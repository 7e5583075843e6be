//! Device, and DeviceUseStatement (a device the patient uses, with its device's facts).

use super::datatypes::{coded_at, identifiers, narrative, notes};
use super::extensions::{own_coded, own_coded_all, own_dated, own_period};
use super::json::Object;
use super::{Ctx, Resource};
use bluebutton_model::MedicalDevice;

/// Marks the Devices that DeviceUseStatements name as read into those statements, so that
/// each is one entry (the device as used), not two.
pub(super) fn prepare<'a>(ctx: &mut Ctx<'a>, resources: &[Resource<'a>]) {
    ctx.consume_named(resources, "DeviceUseStatement", "device", "Device");
}

/// Maps a Device into `medical_equipment`, unless a DeviceUseStatement reads it.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    if ctx.is_consumed(res.obj) {
        return;
    }
    let device = MedicalDevice {
        source: ctx.source(res),
        ..device(ctx, res.obj)
    };
    ctx.record.medical_equipment.push(device);
}

/// Everything a Device resource says, but where it was found.
fn device<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> MedicalDevice {
    MedicalDevice {
        status: o.string("status"),
        time: own_period(ctx, o, "device-use-period"),
        body_sites: own_coded_all(o, "body-site"),
        procedure: own_coded(o, "device-procedure"),
        group: own_dated(ctx, o, "device-group").into_iter().next(),
        authors: ctx.authors(o, Vec::new()),
        notes: notes(o),
        text: narrative(o),
        ..facts(ctx, o)
    }
}

/// Maps a DeviceUseStatement into `medical_equipment`: the device it names (everything
/// the input says of it, else the reference's text as its name), used as the statement
/// says (status, `timing[x]`, body site), stated by its `source`; the statement's own
/// facts come first where both have some.
pub(super) fn statement<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let named = o.obj("device");
    let base = match named.and_then(|r| ctx.target(o, r)) {
        Some(d) => device(ctx, d),
        None => MedicalDevice {
            name: named.and_then(|r| r.string("display")),
            ..Default::default()
        },
    };
    let mut authors = ctx.participant_at(o, "source").into_iter().collect();
    authors = ctx.authors(o, authors);
    let used = MedicalDevice {
        ids: [identifiers(o), base.ids].concat(),
        status: o.string("status").or(base.status),
        time: ctx.scheduled(o, "timing").or(base.time),
        body_sites: coded_at(o, "bodySite")
            .into_iter()
            .chain(base.body_sites)
            .collect(),
        authors: [authors, base.authors].concat(),
        notes: [notes(o), base.notes].concat(),
        text: narrative(o).or(base.text),
        source: ctx.source(res),
        ..base
    };
    ctx.record.medical_equipment.push(used);
}

/// What a Device resource says of the device itself: identifiers (with the UDI device
/// identifier), kind, name, UDI, manufacturer, model, lot and serial numbers, expiry.
fn facts<'a>(ctx: &mut Ctx<'a>, o: &Object<'_>) -> MedicalDevice {
    let udi = o.objects("udiCarrier").next();
    let mut ids = identifiers(o);
    if let Some(di) = udi.and_then(|u| u.string("deviceIdentifier")) {
        ids.push(bluebutton_model::Identifier {
            system: udi.and_then(|u| u.string("issuer")),
            value: Some(di),
            ..Default::default()
        });
    }
    MedicalDevice {
        ids,
        code: coded_at(o, "type"),
        name: o.objects("deviceName").find_map(|n| n.string("name")),
        udi: udi.and_then(|u| u.string("carrierHRF")),
        manufacturer: o.string("manufacturer"),
        model: o.string("modelNumber"),
        lot_number: o.string("lotNumber"),
        serial_number: o.string("serialNumber"),
        expiry: ctx.date_at(o, "expirationDate"),
        ..Default::default()
    }
}
