//! The document: header (MODEL-NOTES §2.2), then the structured or non-XML body.

use base64::Engine as _;
use bluebutton_model::{Attachment, Encounter, FormatKind, HealthRecord, Location, WarningCode};

use crate::ccda::context::{own, something, Cx, PushOne, Res};
use crate::ccda::datatypes::{read_addr, read_cd, read_ii, read_interval, read_ts, template_id};
use crate::ccda::participants::{
    push_participant, read_organization, read_participation, Participation,
};
use crate::ccda::patient::{read_record_target, related_person};
use crate::ccda::section::read_section;
use crate::xml::{Elem, Node, Ns};

/// What reading the document found about its completeness.
pub(crate) struct Completeness {
    /// A `recordTarget` was present.
    pub has_patient: bool,
    /// The body holds at least one section with a template id, or is a non-XML body.
    pub has_body: bool,
}

/// Reads a `ClinicalDocument` to its end into `rec` (a default record): filled in place
/// because the record is large (moving it costs a copy of several kilobytes).
pub(crate) fn read_document<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    rec: &mut HealthRecord,
) -> Res<Completeness> {
    rec.format.kind = FormatKind::Ccda;
    let mut done = Completeness {
        has_patient: false,
        has_body: false,
    };
    while let Some(c) = cx.child(e)? {
        if c.ns() != Ns::Cda {
            cx.skip(&c)?;
            continue;
        }
        let doc = &mut rec.document;
        match c.local() {
            "templateId" => rec.format.template_ids.extend(template_id(cx, &c)?),
            "id" => doc.ids.push_some(read_ii(cx, &c)?),
            "code" => doc.code = Some(read_cd(cx, &c)?.plain()),
            "title" => doc.title = cx.text(&c)?,
            "effectiveTime" => doc.created = read_ts(cx, &c)?,
            "confidentialityCode" => doc.confidentiality = Some(read_cd(cx, &c)?.plain()),
            "languageCode" => {
                doc.language = cx.attr(&c, "code")?;
                cx.skip(&c)?;
            }
            "setId" => doc.set_id = read_ii(cx, &c)?,
            "versionNumber" => {
                let raw = cx.attr(&c, "value")?;
                doc.version_number = raw.as_deref().and_then(|v| v.parse().ok());
                if raw.is_some() && doc.version_number.is_none() {
                    cx.warn(
                        WarningCode::InvalidNumber,
                        "<versionNumber> is not an integer",
                        c.offset(),
                    );
                }
                cx.skip(&c)?;
            }
            "recordTarget" if done.has_patient => {
                cx.warn(
                    WarningCode::UnmappedElement,
                    "more than one <recordTarget>; only the first is read",
                    c.offset(),
                );
                cx.skip(&c)?;
            }
            "recordTarget" => {
                done.has_patient = true;
                read_record_target(cx, &c, &mut rec.patient)?;
            }
            "author" => push_participant(cx, &c, &mut doc.authors)?,
            "dataEnterer" => doc
                .participants
                .push(read_participation(cx, &c)?.with_type_as_function()),
            "informant" => push_participant(cx, &c, &mut doc.informants)?,
            "custodian" => doc.custodian = read_custodian(cx, &c)?,
            "informationRecipient" => push_participant(cx, &c, &mut doc.recipients)?,
            "legalAuthenticator" => {
                doc.legal_authenticator = Some(read_participation(cx, &c)?.participant)
            }
            "authenticator" => push_participant(cx, &c, &mut doc.authenticators)?,
            "participant" => {
                let p = read_participation(cx, &c)?;
                if is_contact(&p) {
                    rec.patient
                        .contacts
                        .push(related_person(p.participant, p.class_code));
                } else {
                    doc.participants.push(p.with_type_as_function());
                }
            }
            "documentationOf" => read_documentation_of(cx, &c, rec)?,
            "componentOf" => {
                while let Some(x) = cx.child(&c)? {
                    if x.is("encompassingEncounter") {
                        rec.document.encounter = Some(read_encounter(cx, &x)?);
                    } else {
                        cx.skip(&x)?;
                    }
                }
            }
            "component" => done.has_body |= read_body(cx, &c, rec)?,
            _ => cx.skip(&c)?,
        }
    }
    Ok(done)
}

/// Header participants that are the patient's people: next of kin, emergency contacts,
/// guardians, caregivers, other personal relations, or any "indirect target".
fn is_contact(p: &Participation) -> bool {
    p.type_code.as_deref() == Some("IND")
        || matches!(
            p.class_code.as_deref(),
            Some("NOK" | "ECON" | "GUARD" | "CAREGIVER" | "PRS")
        )
}

fn read_custodian<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
) -> Res<Option<bluebutton_model::Organization>> {
    let mut org = None;
    while let Some(c) = cx.child(e)? {
        if !c.is("assignedCustodian") {
            cx.skip(&c)?;
            continue;
        }
        while let Some(x) = cx.child(&c)? {
            if x.is("representedCustodianOrganization") && org.is_none() {
                org = Some(read_organization(cx, &x)?);
            } else {
                cx.skip(&x)?;
            }
        }
    }
    Ok(org)
}

fn read_documentation_of<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, rec: &mut HealthRecord) -> Res<()> {
    while let Some(c) = cx.child(e)? {
        if !c.is("serviceEvent") {
            cx.skip(&c)?;
            continue;
        }
        while let Some(x) = cx.child(&c)? {
            match (x.ns(), x.local()) {
                (Ns::Cda, "effectiveTime") if rec.document.service_period.is_none() => {
                    rec.document.service_period = read_interval(cx, &x)?;
                }
                (Ns::Cda, "code") => {
                    let code = read_cd(cx, &x)?.plain();
                    rec.document.service_codes.extend(something(code));
                }
                (Ns::Cda, "performer") => {
                    let p = read_participation(cx, &x)?.with_type_as_function();
                    rec.document.service_performers.push(p);
                }
                _ => cx.skip(&x)?,
            }
        }
    }
    Ok(())
}

fn read_encounter<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Encounter> {
    let mut enc = Encounter::default();
    while let Some(c) = cx.child(e)? {
        if c.ns() != Ns::Cda {
            cx.skip(&c)?;
            continue;
        }
        match c.local() {
            "id" => enc.ids.push_some(read_ii(cx, &c)?),
            "code" => enc.code = Some(read_cd(cx, &c)?.plain()),
            "effectiveTime" => enc.period = read_interval(cx, &c)?,
            "dischargeDispositionCode" => {
                enc.discharge_disposition = Some(read_cd(cx, &c)?.plain())
            }
            "responsibleParty" => {
                let mut p = read_participation(cx, &c)?;
                p.type_code.get_or_insert_with(|| "RESP".to_owned());
                enc.performers.push(p.with_type_as_function());
            }
            "encounterParticipant" => enc
                .performers
                .push(read_participation(cx, &c)?.with_type_as_function()),
            "location" => {
                while let Some(x) = cx.child(&c)? {
                    if x.is("healthCareFacility") {
                        enc.locations.push(read_facility(cx, &x)?);
                    } else {
                        cx.skip(&x)?;
                    }
                }
            }
            _ => cx.skip(&c)?,
        }
    }
    Ok(enc)
}

/// A `healthCareFacility`: its ids and code, the place's name and address; the service
/// provider's name stands in when the place has none.
fn read_facility<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Location> {
    let mut loc = Location::default();
    let mut provider = None;
    while let Some(c) = cx.child(e)? {
        match (c.ns(), c.local()) {
            (Ns::Cda, "id") => loc.ids.push_some(read_ii(cx, &c)?),
            (Ns::Cda, "code") => loc.kind = Some(read_cd(cx, &c)?.plain()),
            (Ns::Cda, "location") => {
                while let Some(x) = cx.child(&c)? {
                    match (x.ns(), x.local()) {
                        (Ns::Cda, "name") => loc.name = cx.text(&x)?,
                        (Ns::Cda, "addr") => loc.addresses.push_some(read_addr(cx, &x)?),
                        _ => cx.skip(&x)?,
                    }
                }
            }
            (Ns::Cda, "serviceProviderOrganization") => provider = Some(read_organization(cx, &c)?),
            _ => cx.skip(&c)?,
        }
    }
    if let Some(org) = provider {
        if loc.name.is_none() {
            loc.name = org.name;
        }
        if loc.addresses.is_empty() {
            loc.addresses = org.addresses;
        }
        loc.telecoms = org.telecoms;
    }
    Ok(loc)
}

/// Reads the document's `component`: a structured body (sections) or a non-XML body.
/// Returns true when it holds a templated section or a non-XML body.
fn read_body<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, rec: &mut HealthRecord) -> Res<bool> {
    let mut has_body = false;
    while let Some(c) = cx.child(e)? {
        if c.is("structuredBody") {
            while let Some(comp) = cx.child(&c)? {
                if !comp.is("component") {
                    cx.skip(&comp)?;
                    continue;
                }
                while let Some(s) = cx.child(&comp)? {
                    if s.is("section") {
                        has_body |= read_section(cx, &s, rec)?;
                    } else {
                        cx.skip(&s)?;
                    }
                }
            }
        } else if c.is("nonXMLBody") {
            has_body = true;
            while let Some(x) = cx.child(&c)? {
                if x.is("text") {
                    rec.document.body = Some(read_non_xml_text(cx, &x)?);
                } else {
                    cx.skip(&x)?;
                }
            }
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(has_body)
}

/// An ED body: text kept as text; base64 decoded when the media type is text, else kept
/// as base64 (white space removed).
fn read_non_xml_text<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Attachment> {
    let a = cx.attrs(e)?;
    let media_type = own(&a.media_type);
    let b64 = a.representation.as_deref().map(str::trim) == Some("B64");
    let offset = e.offset();
    let mut text = String::new();
    let mut reference = None;
    while let Some(node) = cx.r.next_node(e)? {
        match node {
            Node::Text(t) => text.push_str(&t),
            Node::Open(x) if x.is("reference") => {
                reference = cx.attr(&x, "value")?;
                cx.skip(&x)?;
            }
            Node::Open(x) => cx.skip(&x)?,
            Node::Close => {}
        }
    }
    let trimmed = text.trim();
    let mut att = Attachment {
        media_type,
        reference,
        ..Attachment::default()
    };
    match (!trimmed.is_empty()).then_some(trimmed) {
        Some(data) if b64 => {
            let cleaned: String = data.split_ascii_whitespace().collect();
            let textual = att
                .media_type
                .as_deref()
                .is_some_and(|m| m.starts_with("text/"));
            let decoded = textual
                .then(|| {
                    base64::engine::general_purpose::STANDARD
                        .decode(cleaned.as_bytes())
                        .ok()
                })
                .flatten()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
            match decoded {
                Some(text) => att.data = Some(text),
                None => {
                    if textual {
                        cx.warn(
                            WarningCode::InvalidEncoding,
                            "<nonXMLBody><text> is not valid base64; kept as found",
                            offset,
                        );
                    }
                    att.data = Some(cleaned);
                    att.encoding = Some("base64".to_owned());
                }
            }
        }
        data => att.data = data.map(|d| d.replace("\r\n", "\n")),
    }
    Ok(att)
}
