//! Device.

use super::datatypes::{coded_at, identifiers, narrative, notes};
use super::extensions::{own_coded, own_coded_all, own_dated, own_period};
use super::{Ctx, Resource};
use bluebutton_model::MedicalDevice;

/// Maps a Device into `medical_equipment`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let udi = o.objects("udiCarrier").next();
    let mut ids = identifiers(o);
    if let Some(di) = udi.and_then(|u| u.string("deviceIdentifier")) {
        ids.push(bluebutton_model::Identifier {
            system: udi.and_then(|u| u.string("issuer")),
            value: Some(di),
            ..Default::default()
        });
    }
    let device = MedicalDevice {
        ids,
        status: o.string("status"),
        code: coded_at(o, "type"),
        name: o.objects("deviceName").find_map(|n| n.string("name")),
        udi: udi.and_then(|u| u.string("carrierHRF")),
        manufacturer: o.string("manufacturer"),
        model: o.string("modelNumber"),
        lot_number: o.string("lotNumber"),
        serial_number: o.string("serialNumber"),
        expiry: ctx.date_at(o, "expirationDate"),
        time: own_period(ctx, o, "device-use-period"),
        body_sites: own_coded_all(o, "body-site"),
        procedure: own_coded(o, "device-procedure"),
        group: own_dated(ctx, o, "device-group").into_iter().next(),
        authors: ctx.authors(o, Vec::new()),
        notes: notes(o),
        text: narrative(o),
        source: ctx.source(res),
        ..Default::default()
    };
    ctx.record.medical_equipment.push(device);
}
