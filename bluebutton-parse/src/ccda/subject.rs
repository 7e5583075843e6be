//! The subject of a statement (`subject/relatedSubject`): the relative a Family History
//! Organizer or Observation is about.

use bluebutton_model::{Address, Identifier, PartialDateTime, PersonName, Telecom};

use crate::ccda::context::{flag, Cx, PushOne, Res};
use crate::ccda::datatypes::{read_addr, read_cd, read_ii, read_name, read_telecom, read_ts, Cd};
use crate::xml::{Elem, Ns};

/// A related subject as read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Subject {
    /// `relatedSubject/@classCode` (PRS).
    pub class_code: Option<String>,
    /// `relatedSubject/code`: the relationship (FTH, MTH, ...).
    pub relationship: Option<Cd>,
    /// `relatedSubject/subject/sdtc:id`s.
    pub ids: Vec<Identifier>,
    /// `relatedSubject/subject/name`.
    pub name: Option<PersonName>,
    /// `relatedSubject/subject/administrativeGenderCode`.
    pub gender: Option<Cd>,
    /// `relatedSubject/subject/birthTime`.
    pub birth_time: Option<PartialDateTime>,
    /// `relatedSubject/subject/sdtc:deceasedInd`.
    pub deceased: Option<bool>,
    /// `relatedSubject/subject/sdtc:deceasedTime`.
    pub deceased_time: Option<PartialDateTime>,
    /// `relatedSubject/addr`s.
    pub addresses: Vec<Address>,
    /// `relatedSubject/telecom`s.
    pub telecoms: Vec<Telecom>,
}

/// Reads a statement's `subject`; `None` when it holds no `relatedSubject`.
pub(crate) fn read_subject<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Box<Subject>>> {
    let mut out = None;
    while let Some(r) = cx.child(e)? {
        if !r.is("relatedSubject") || out.is_some() {
            cx.skip(&r)?;
            continue;
        }
        let mut s = Box::new(Subject {
            class_code: cx.attr(&r, "classCode")?,
            ..Subject::default()
        });
        while let Some(c) = cx.child(&r)? {
            match (c.ns(), c.local()) {
                (Ns::Cda, "code") => s.relationship = Some(read_cd(cx, &c)?),
                (Ns::Cda, "addr") => s.addresses.push_some(read_addr(cx, &c)?),
                (Ns::Cda, "telecom") => s.telecoms.push_some(read_telecom(cx, &c)?),
                (Ns::Cda, "subject") => read_person(cx, &c, &mut s)?,
                _ => cx.skip(&c)?,
            }
        }
        out = Some(s);
    }
    Ok(out)
}

/// `relatedSubject/subject`: the person.
fn read_person<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, s: &mut Subject) -> Res<()> {
    while let Some(c) = cx.child(e)? {
        match (c.ns(), c.local()) {
            (Ns::Cda, "name") if s.name.is_none() => s.name = read_name(cx, &c)?,
            (Ns::Cda, "administrativeGenderCode") => s.gender = Some(read_cd(cx, &c)?),
            (Ns::Cda, "birthTime") => s.birth_time = read_ts(cx, &c)?,
            (Ns::Sdtc, "id") => s.ids.push_some(read_ii(cx, &c)?),
            (Ns::Sdtc, "deceasedInd") => {
                s.deceased = flag(&cx.attrs(&c)?.value);
                cx.skip(&c)?;
            }
            (Ns::Sdtc, "deceasedTime") => s.deceased_time = read_ts(cx, &c)?,
            _ => cx.skip(&c)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_relationship_and_person() {
        let xml = r#"<subject xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc"><relatedSubject classCode="PRS">
            <code code="FTH" codeSystem="2.16.840.1.113883.5.111"/>
            <subject><sdtc:id root="1.2" extension="r1"/><administrativeGenderCode code="M"/>
              <birthTime value="1912"/><sdtc:deceasedInd value="true"/><sdtc:deceasedTime value="1969"/></subject>
          </relatedSubject></subject>"#;
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let s = read_subject(&mut cx, &root).unwrap().unwrap();
        assert_eq!(s.class_code.as_deref(), Some("PRS"));
        assert_eq!(s.relationship.unwrap().coded.code.as_deref(), Some("FTH"));
        assert_eq!(s.ids[0].value.as_deref(), Some("r1"));
        assert_eq!(s.gender.unwrap().coded.code.as_deref(), Some("M"));
        assert_eq!(s.birth_time.unwrap().value.as_deref(), Some("1912"));
        assert_eq!(s.deceased, Some(true));
        assert_eq!(s.deceased_time.unwrap().value.as_deref(), Some("1969"));
    }
}
