//! The patient: `recordTarget/patientRole` and its `patient` (MODEL-NOTES §2.1).

use bluebutton_model::{Language, Participant, Patient, PersonName, RelatedPerson};

use crate::ccda::context::{flag, Cx, PushOne, Res};
use crate::ccda::datatypes::{read_addr, read_cd, read_ii, read_name, read_telecom, read_ts};
use crate::ccda::participants::{read_organization, read_role};
use crate::xml::{Elem, Ns};

/// Reads a `recordTarget` into `patient`.
pub(crate) fn read_record_target<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    patient: &mut Patient,
) -> Res<()> {
    while let Some(c) = cx.child(e)? {
        if c.is("patientRole") {
            read_patient_role(cx, &c, patient)?;
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(())
}

fn read_patient_role<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, p: &mut Patient) -> Res<()> {
    while let Some(c) = cx.child(e)? {
        if c.ns() != Ns::Cda {
            cx.skip(&c)?;
            continue;
        }
        match c.local() {
            "id" => p.ids.push_some(read_ii(cx, &c)?),
            "addr" => p.addresses.push_some(read_addr(cx, &c)?),
            "telecom" => p.telecoms.push_some(read_telecom(cx, &c)?),
            "patient" => read_patient(cx, &c, p)?,
            "providerOrganization" => p.provider_organization = Some(read_organization(cx, &c)?),
            _ => cx.skip(&c)?,
        }
    }
    Ok(())
}

fn read_patient<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, p: &mut Patient) -> Res<()> {
    let mut names = Vec::new();
    let mut sdtc_race = Vec::new();
    let mut sdtc_ethnicity = Vec::new();
    while let Some(c) = cx.child(e)? {
        match (c.ns(), c.local()) {
            (Ns::Cda, "name") => names.push_some(read_name(cx, &c)?),
            (Ns::Cda, "administrativeGenderCode") => p.gender = Some(read_cd(cx, &c)?.plain()),
            (Ns::Cda, "birthTime") => p.birth_time = read_ts(cx, &c)?,
            (Ns::Cda, "maritalStatusCode") => p.marital_status = Some(read_cd(cx, &c)?.plain()),
            (Ns::Cda, "religiousAffiliationCode") => p.religion = Some(read_cd(cx, &c)?.plain()),
            (Ns::Cda, "raceCode") => p.race.push(read_cd(cx, &c)?.plain()),
            (Ns::Cda, "ethnicGroupCode") => p.ethnicity.push(read_cd(cx, &c)?.plain()),
            (Ns::Sdtc, "raceCode") => sdtc_race.push(read_cd(cx, &c)?.plain()),
            (Ns::Sdtc, "ethnicGroupCode") => sdtc_ethnicity.push(read_cd(cx, &c)?.plain()),
            (Ns::Sdtc, "deceasedInd") => {
                p.deceased = flag(&cx.attrs(&c)?.value);
                cx.skip(&c)?;
            }
            (Ns::Sdtc, "deceasedTime") => p.deceased_time = read_ts(cx, &c)?,
            (Ns::Cda, "guardian") => p.contacts.push(read_guardian(cx, &c)?),
            (Ns::Cda, "birthplace") => p.birth_place = read_birthplace(cx, &c)?,
            (Ns::Cda, "languageCommunication") => p.languages.push(read_language(cx, &c)?),
            _ => cx.skip(&c)?,
        }
    }
    p.race.append(&mut sdtc_race);
    p.ethnicity.append(&mut sdtc_ethnicity);
    let primary = names
        .iter()
        .position(|n| {
            n.usage
                .as_deref()
                .is_some_and(|u| u.split_whitespace().any(|x| x == "L"))
        })
        .unwrap_or(0);
    if primary < names.len() {
        p.name = Some(names.remove(primary));
    }
    p.other_names = names;
    Ok(())
}

fn read_guardian<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<RelatedPerson> {
    let mut role = Participant::default();
    let class = read_role(cx, e, &mut role)?;
    Ok(related_person(
        role,
        class.or_else(|| Some("GUARD".to_owned())),
    ))
}

/// A related person from a role read as a participant (a guardian, a header participant's
/// associated entity).
pub(crate) fn related_person(p: Participant, class_code: Option<String>) -> RelatedPerson {
    let name = p.name.or_else(|| {
        p.organization.and_then(|o| o.name).map(|n| PersonName {
            text: Some(n),
            ..PersonName::default()
        })
    });
    RelatedPerson {
        ids: p.ids,
        relationship: p.role,
        kind: class_code,
        name,
        addresses: p.addresses,
        telecoms: p.telecoms,
        ..RelatedPerson::default()
    }
}

fn read_birthplace<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<bluebutton_model::Address>> {
    let mut addr = None;
    while let Some(c) = cx.child(e)? {
        if c.is("place") {
            while let Some(x) = cx.child(&c)? {
                if x.is("addr") && addr.is_none() {
                    addr = read_addr(cx, &x)?;
                } else {
                    cx.skip(&x)?;
                }
            }
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(addr)
}

fn read_language<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Language> {
    let mut lang = Language::default();
    while let Some(c) = cx.child(e)? {
        match (c.ns(), c.local()) {
            (Ns::Cda, "languageCode") => {
                lang.code = cx.attr(&c, "code")?;
                cx.skip(&c)?;
            }
            (Ns::Cda, "modeCode") => lang.mode = Some(read_cd(cx, &c)?.plain()),
            (Ns::Cda, "proficiencyLevelCode") => lang.proficiency = Some(read_cd(cx, &c)?.plain()),
            (Ns::Cda, "preferenceInd") => {
                lang.preferred = flag(&cx.attrs(&c)?.value);
                cx.skip(&c)?;
            }
            _ => cx.skip(&c)?,
        }
    }
    Ok(lang)
}
