//! Participations (author, performer, informant, authenticators, recipients, header
//! participants) and the roles, people, devices and organizations inside them.

use bluebutton_model::{Coded, Organization, Participant, PersonName};

use crate::ccda::context::{Cx, PushOne, Res};
use crate::ccda::datatypes::{read_addr, read_cd, read_ii, read_interval, read_name, read_telecom};
use crate::ccda::section::push_default;
use crate::xml::{Elem, Ns};

/// A participation as read: the participant plus the codes that say what kind it is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Participation {
    /// The person, device or organization, with time and function.
    pub participant: Participant,
    /// The participation's `@typeCode` (PRF, IND, ATND, ...).
    pub type_code: Option<String>,
    /// The role's `@classCode` (ASSIGNED, NOK, ECON, GUARD, ...).
    pub class_code: Option<String>,
}

impl Participation {
    /// The participant, with the type code as its function when no `functionCode` says more.
    pub(crate) fn with_type_as_function(mut self) -> Participant {
        if self.participant.function.is_none() {
            self.participant.function = self.type_code.map(|code| Coded {
                code: Some(code),
                ..Coded::default()
            });
        }
        self.participant
    }
}

/// Reads a participation element (`author`, `performer`, `informant`, `legalAuthenticator`,
/// `authenticator`, `dataEnterer`, `informationRecipient`, `encounterParticipant`,
/// `responsibleParty`, header `participant`).
pub(crate) fn read_participation<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Participation> {
    let mut out = Participation::default();
    (out.type_code, out.class_code) = fill_participant(cx, e, &mut out.participant)?;
    Ok(out)
}

/// Reads a participation straight into a new item of `list` (participants are large;
/// this saves moving them).
pub(crate) fn push_participant<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    list: &mut Vec<Participant>,
) -> Res<()> {
    if let Some(p) = push_default(list) {
        fill_participant(cx, e, p)?;
    }
    Ok(())
}

/// Reads a participation into `p`; returns its `@typeCode` and its role's `@classCode`.
fn fill_participant<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    p: &mut Participant,
) -> Res<(Option<String>, Option<String>)> {
    let type_code = cx.attr(e, "typeCode")?;
    let mut class_code = None;
    while let Some(c) = cx.child(e)? {
        match (c.ns(), c.local()) {
            (Ns::Cda, "time") => p.time = read_interval(cx, &c)?,
            (Ns::Cda | Ns::Sdtc, "functionCode") => p.function = Some(read_cd(cx, &c)?.plain()),
            (
                Ns::Cda,
                "assignedAuthor" | "assignedEntity" | "intendedRecipient" | "relatedEntity"
                | "associatedEntity",
            ) => class_code = read_role(cx, &c, p)?,
            _ => cx.skip(&c)?,
        }
    }
    Ok((type_code, class_code))
}

/// Reads a role (`assignedEntity`, `assignedAuthor`, ...) into `p`; returns its
/// `@classCode`.
pub(crate) fn read_role<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    p: &mut Participant,
) -> Res<Option<String>> {
    let class_code = cx.attr(e, "classCode")?;
    while let Some(c) = cx.child(e)? {
        if c.ns() != Ns::Cda {
            cx.skip(&c)?;
            continue;
        }
        match c.local() {
            "id" => p.ids.push_some(read_ii(cx, &c)?),
            "code" => p.role = Some(read_cd(cx, &c)?.plain()),
            "addr" => p.addresses.push_some(read_addr(cx, &c)?),
            "telecom" => p.telecoms.push_some(read_telecom(cx, &c)?),
            "assignedPerson"
            | "informationRecipient"
            | "relatedPerson"
            | "associatedPerson"
            | "guardianPerson"
            | "person" => {
                let name = read_person(cx, &c)?;
                if p.name.is_none() {
                    p.name = name;
                }
            }
            "assignedAuthoringDevice" => p.device = read_device(cx, &c)?,
            "representedOrganization"
            | "receivedOrganization"
            | "scopingOrganization"
            | "representedCustodianOrganization"
            | "guardianOrganization" => {
                let org = read_organization(cx, &c)?;
                if p.organization.is_none() {
                    p.organization = Some(org);
                }
            }
            _ => cx.skip(&c)?,
        }
    }
    Ok(class_code)
}

/// The first name of a person element.
pub(crate) fn read_person<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<PersonName>> {
    let mut name = None;
    while let Some(c) = cx.child(e)? {
        if c.is("name") && name.is_none() {
            name = read_name(cx, &c)?;
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(name)
}

fn read_device<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<String>> {
    let mut parts = Vec::new();
    while let Some(c) = cx.child(e)? {
        if c.is("manufacturerModelName") || c.is("softwareName") {
            parts.extend(cx.text(&c)?);
        } else {
            cx.skip(&c)?;
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join("; ")))
}

/// Reads an organization (`representedOrganization`, `providerOrganization`, ...).
pub(crate) fn read_organization<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Organization> {
    let mut org = Organization::default();
    let mut names: Vec<String> = Vec::new();
    while let Some(c) = cx.child(e)? {
        if c.ns() != Ns::Cda {
            cx.skip(&c)?;
            continue;
        }
        match c.local() {
            "id" => org.ids.push_some(read_ii(cx, &c)?),
            "name" => names.extend(cx.text(&c)?),
            "telecom" => org.telecoms.push_some(read_telecom(cx, &c)?),
            "addr" => org.addresses.push_some(read_addr(cx, &c)?),
            "standardIndustryClassCode" => org.kind = Some(read_cd(cx, &c)?.plain()),
            _ => cx.skip(&c)?,
        }
    }
    if !names.is_empty() {
        org.name = Some(names.join("; "));
    }
    Ok(org)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_author_with_person_device_and_organization() {
        let xml = r#"<author>
            <time value="20150622"/>
            <assignedAuthor>
              <id root="2.16.840.1.113883.4.6" extension="1234567890"/>
              <code code="207Q00000X" codeSystem="2.16.840.1.113883.6.101" displayName="Family Medicine"/>
              <telecom use="WP" value="tel:555-555-1002"/>
              <assignedPerson><name><given>Henry</given><family>Seven</family></name></assignedPerson>
              <assignedAuthoringDevice><manufacturerModelName>Model</manufacturerModelName><softwareName>EHR</softwareName></assignedAuthoringDevice>
              <representedOrganization><id root="1.2.3"/><name>Good Health</name></representedOrganization>
            </assignedAuthor>
          </author>"#;
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let p = read_participation(&mut cx, &root).unwrap().participant;
        assert_eq!(p.ids[0].value.as_deref(), Some("1234567890"));
        assert_eq!(p.role.unwrap().code.as_deref(), Some("207Q00000X"));
        assert_eq!(p.name.unwrap().family.as_deref(), Some("Seven"));
        assert_eq!(p.device.as_deref(), Some("Model; EHR"));
        assert_eq!(p.organization.unwrap().name.as_deref(), Some("Good Health"));
        assert_eq!(
            p.time.unwrap().value.unwrap().value.as_deref(),
            Some("2015-06-22")
        );
        assert_eq!(p.telecoms[0].system.as_deref(), Some("phone"));
    }

    #[test]
    fn type_code_stands_in_for_a_missing_function() {
        let xml = r#"<performer typeCode="PRF"><assignedEntity classCode="ASSIGNED"><id root="1"/></assignedEntity></performer>"#;
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let p = read_participation(&mut cx, &root).unwrap();
        assert_eq!(p.class_code.as_deref(), Some("ASSIGNED"));
        assert_eq!(
            p.with_type_as_function().function.unwrap().code.as_deref(),
            Some("PRF")
        );
    }
}
