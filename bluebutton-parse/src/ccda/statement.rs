//! Clinical statements (`act`, `observation`, `substanceAdministration`, `supply`, ...)
//! read generically, with their entry relationships, so that section mappers work on
//! typed data rather than on XML.

use bluebutton_model::{
    Address, Coded, Identifier, Interval, Organization, PartialDateTime, Participant, PersonName,
    Quantity, Ratio, Telecom,
};

use crate::ccda::context::{flag, own, Attrs, Cx, PushOne, Res};
use crate::ccda::datatypes::{
    read_addr, read_cd, read_effective_time, read_ii, read_int, read_interval, read_name, read_pq,
    read_pq_or_range, read_ratio, read_telecom, read_text_ref, read_ts, read_value, template_id,
    Cd, PqOrRange, Timing, Txt, Val,
};
use crate::ccda::external::{read_reference, ExternalDocument};
use crate::ccda::participants::{push_participant, read_organization};
use crate::ccda::section::push_default;
use crate::ccda::subject::{read_subject, Subject};
use crate::ccda::templates::any_of;
use crate::xml::{Elem, Ns};

/// The clinical statement classes of CDA (the default only so that a [`Statement`] can
/// be made in its box and then given its kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum StatementKind {
    /// `act`.
    Act,
    /// `observation`.
    Observation,
    /// `substanceAdministration`.
    SubstanceAdministration,
    /// `supply`.
    Supply,
    /// `procedure`.
    Procedure,
    /// `encounter`.
    Encounter,
    /// `organizer`.
    Organizer,
    /// `observationMedia`, `regionOfInterest`.
    #[default]
    Other,
}

impl StatementKind {
    /// The kind of a C-CDA element, if it is a clinical statement.
    pub(crate) fn of(e: &Elem<'_>) -> Option<StatementKind> {
        if e.ns() != Ns::Cda {
            return None;
        }
        Some(match e.local() {
            "act" => StatementKind::Act,
            "observation" => StatementKind::Observation,
            "substanceAdministration" => StatementKind::SubstanceAdministration,
            "supply" => StatementKind::Supply,
            "procedure" => StatementKind::Procedure,
            "encounter" => StatementKind::Encounter,
            "organizer" => StatementKind::Organizer,
            "observationMedia" | "regionOfInterest" => StatementKind::Other,
            _ => return None,
        })
    }
}

/// A product (`consumable` / `product` → `manufacturedProduct`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Product {
    /// `manufacturedProduct` template ids.
    pub template_ids: Vec<String>,
    /// `manufacturedProduct/id`.
    pub ids: Vec<Identifier>,
    /// `manufacturedMaterial/code`.
    pub code: Option<Cd>,
    /// `manufacturedMaterial/name`.
    pub name: Option<String>,
    /// `manufacturedMaterial/lotNumberText`.
    pub lot_number: Option<String>,
    /// `manufacturedMaterial/formCode`.
    pub form: Option<Cd>,
    /// `manufacturerOrganization/name`.
    pub manufacturer: Option<String>,
    /// `manufacturerOrganization/standardIndustryClassCode`.
    pub manufacturer_kind: Option<Coded>,
}

/// An entry participant (`participant/participantRole/playingEntity`).
#[derive(Debug, Clone, Default)]
pub(crate) struct EntryParticipant {
    /// `@typeCode` (CSM for a consumable such as an allergen or a vehicle).
    pub type_code: Option<String>,
    /// `participantRole` template ids.
    pub template_ids: Vec<String>,
    /// `participantRole/code`.
    pub role_code: Option<Cd>,
    /// `playingEntity/code` (or `playingDevice/code`).
    pub entity_code: Option<Cd>,
    /// `playingEntity/name` as text.
    pub entity_name: Option<String>,
    /// `participantRole/@classCode` (CAREGIVER, PAT, MANU, AGNT, ...).
    pub class_code: Option<String>,
    /// `participant/time`.
    pub time: Option<Interval>,
    /// `participantRole/id`s (a member id, a device's UDI).
    pub ids: Vec<Identifier>,
    /// `participantRole/addr`s.
    pub addresses: Vec<Address>,
    /// `participantRole/telecom`s.
    pub telecoms: Vec<Telecom>,
    /// `playingEntity/name` as a person's name.
    pub person: Option<PersonName>,
    /// `playingEntity/sdtc:birthTime`.
    pub birth_time: Option<PartialDateTime>,
    /// `playingDevice/manufacturerModelName`.
    pub device_model: Option<String>,
    /// `scopingEntity`: `id`s and `desc` (a device's manufacturer).
    pub scoping: Option<Organization>,
}

/// A precondition (`precondition/criterion`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Precondition {
    /// `criterion/code`.
    pub code: Option<Cd>,
    /// `criterion/value`.
    pub value: Option<Val>,
}

/// A reference range (`referenceRange/observationRange`).
#[derive(Debug, Clone, Default)]
pub(crate) struct RangeRead {
    /// `observationRange/text`.
    pub text: Option<Txt>,
    /// `observationRange/value` (IVL_PQ low/high, or a coded normal value).
    pub value: Option<Val>,
    /// `observationRange/interpretationCode`: what the range means.
    pub meaning: Option<Cd>,
}

/// What only observations and organizers carry (kept apart: rarely present elsewhere).
#[derive(Debug, Clone, Default)]
pub(crate) struct Observed {
    /// `methodCode`s.
    pub methods: Vec<Cd>,
    /// `specimen/specimenRole/specimenPlayingEntity/code`s.
    pub specimens: Vec<Cd>,
    /// `referenceRange`s.
    pub ranges: Vec<RangeRead>,
}

/// An `entryRelationship` (or organizer `component`) and the statement it holds.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    /// `@typeCode` (SUBJ, REFR, RSON, MFST, COMP, ...); COMP for organizer components.
    pub type_code: Option<String>,
    /// The related statement.
    pub statement: Box<Statement>,
}

/// A clinical statement as read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Statement {
    /// Which statement class.
    pub kind: StatementKind,
    /// 1-based line and column of the element.
    pub at: (u32, u32),
    /// `@classCode`.
    pub class_code: Option<String>,
    /// `@moodCode`.
    pub mood: Option<String>,
    /// `@negationInd`.
    pub negated: bool,
    /// `templateId`s as `root` or `root:extension`.
    pub template_ids: Vec<String>,
    /// `id`s.
    pub ids: Vec<Identifier>,
    /// `code`.
    pub code: Option<Cd>,
    /// `text`.
    pub text: Option<Txt>,
    /// `statusCode/@code`.
    pub status: Option<String>,
    /// `effectiveTime`s, in order.
    pub times: Vec<Timing>,
    /// `priorityCode`.
    pub priority: Option<Box<Cd>>,
    /// `value`s.
    pub values: Vec<Val>,
    /// `interpretationCode`s.
    pub interpretations: Vec<Cd>,
    /// `targetSiteCode`s.
    pub target_sites: Vec<Cd>,
    /// What only substance administrations and supplies carry (kept apart: it is large).
    pub dosing: Option<Box<Dosing>>,
    /// Methods, specimens and reference ranges (observations and organizers).
    pub observed: Option<Box<Observed>>,
    /// `author`s.
    pub authors: Vec<Participant>,
    /// `performer`s.
    pub performers: Vec<Participant>,
    /// `informant`s.
    pub informants: Vec<Participant>,
    /// `participant`s.
    pub participants: Vec<EntryParticipant>,
    /// `entryRelationship`s and organizer `component`s.
    pub relationships: Vec<Relationship>,
    /// `sdtc:dischargeDispositionCode` (encounters).
    pub discharge_disposition: Option<Box<Cd>>,
    /// `subject/relatedSubject` (a relative in family history).
    pub subject: Option<Box<Subject>>,
    /// `reference/externalDocument`s.
    pub references: Vec<ExternalDocument>,
}

/// The parts of a `substanceAdministration` or `supply` other statements lack.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dosing {
    /// `routeCode`.
    pub route: Option<Cd>,
    /// `approachSiteCode`s.
    pub approach_sites: Vec<Cd>,
    /// `doseQuantity`.
    pub dose: PqOrRange,
    /// `rateQuantity`.
    pub rate: PqOrRange,
    /// `maxDoseQuantity`.
    pub max_dose: Option<Ratio>,
    /// `administrationUnitCode`.
    pub admin_unit: Option<Cd>,
    /// `repeatNumber`.
    pub repeat_number: Option<i64>,
    /// `quantity` (supply).
    pub quantity: Option<Quantity>,
    /// `expectedUseTime` (supply).
    pub expected_use: Option<Interval>,
    /// `consumable` or `product`.
    pub product: Option<Product>,
    /// `precondition`s.
    pub preconditions: Vec<Precondition>,
}

impl Statement {
    /// True when the statement carries a template whose root is in `roots`.
    pub(crate) fn has_template(&self, roots: &[&str]) -> bool {
        any_of(&self.template_ids, roots)
    }

    /// The statement's `code/@code`.
    pub(crate) fn code_value(&self) -> Option<&str> {
        self.code.as_ref()?.coded.code.as_deref()
    }

    /// Takes the first point-or-interval `effectiveTime`.
    pub(crate) fn take_interval(&mut self) -> Option<Interval> {
        let i = self
            .times
            .iter()
            .position(|t| matches!(t, Timing::Interval(_)))?;
        match self.times.remove(i) {
            Timing::Interval(ivl) => Some(ivl),
            Timing::Frequency(_) => None,
        }
    }

    /// The dosing parts, created when first needed.
    fn dosing(&mut self) -> &mut Dosing {
        self.dosing.get_or_insert_with(Box::default)
    }

    /// The observation parts, created when first needed.
    fn observed(&mut self) -> &mut Observed {
        self.observed.get_or_insert_with(Box::default)
    }

    /// Takes the observation parts (empty when the statement has none).
    pub(crate) fn take_observed(&mut self) -> Observed {
        self.observed.take().map(|o| *o).unwrap_or_default()
    }

    /// Takes the dosing parts (empty when the statement has none).
    pub(crate) fn take_dosing(&mut self) -> Dosing {
        self.dosing.take().map(|d| *d).unwrap_or_default()
    }

    /// Takes the first `value`.
    pub(crate) fn take_value(&mut self) -> Option<Val> {
        (!self.values.is_empty()).then(|| self.values.remove(0))
    }
}

/// Reads a clinical statement element (see [`StatementKind::of`]).
///
/// Statements are large and nest, so they live on the heap.
pub(crate) fn read_statement<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    kind: StatementKind,
) -> Res<Box<Statement>> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    let at = cx.r.position(e.offset());
    // `Box::default` writes the empty statement in the box; `Box::new(Statement { .. })`
    // would build it on the stack and copy it there.
    let mut s = Box::<Statement>::default();
    s.kind = kind;
    s.at = at;
    s.class_code = own(&a.class_code);
    s.mood = own(&a.mood_code);
    s.negated = flag(&a.negation_ind) == Some(true);
    while let Some(c) = cx.child(e)? {
        if c.ns() == Ns::Sdtc && c.local() == "dischargeDispositionCode" {
            s.discharge_disposition = Some(Box::new(read_cd(cx, &c)?));
            continue;
        }
        if c.ns() != Ns::Cda {
            cx.skip(&c)?;
            continue;
        }
        match c.local() {
            "templateId" => s.template_ids.extend(template_id(cx, &c)?),
            "id" => s.ids.push_some(read_ii(cx, &c)?),
            "code" => s.code = Some(read_cd(cx, &c)?),
            "text" => s.text = Some(read_text_ref(cx, &c)?),
            "statusCode" => {
                s.status = cx.attr(&c, "code")?;
                cx.skip(&c)?;
            }
            "effectiveTime" => read_effective_time(cx, &c, &mut s.times)?,
            "priorityCode" => s.priority = Some(Box::new(read_cd(cx, &c)?)),
            "value" => {
                if let Some(v) = push_default(&mut s.values) {
                    read_value(cx, &c, v)?;
                }
            }
            "interpretationCode" => s.interpretations.push(read_cd(cx, &c)?),
            "targetSiteCode" => s.target_sites.push(read_cd(cx, &c)?),
            "methodCode" => s.observed().methods.push(read_cd(cx, &c)?),
            "specimen" => {
                if let Some(cd) = read_specimen(cx, &c)? {
                    s.observed().specimens.push(cd);
                }
            }
            "referenceRange" => {
                if let Some(r) = read_reference_range(cx, &c)? {
                    s.observed().ranges.push(r);
                }
            }
            "routeCode" => s.dosing().route = Some(read_cd(cx, &c)?),
            "approachSiteCode" => s.dosing().approach_sites.push(read_cd(cx, &c)?),
            "doseQuantity" => s.dosing().dose = read_pq_or_range(cx, &c)?,
            "rateQuantity" => s.dosing().rate = read_pq_or_range(cx, &c)?,
            "maxDoseQuantity" => s.dosing().max_dose = read_ratio(cx, &c)?,
            "administrationUnitCode" => s.dosing().admin_unit = Some(read_cd(cx, &c)?),
            "repeatNumber" => s.dosing().repeat_number = read_int(cx, &c)?,
            "quantity" => s.dosing().quantity = read_pq(cx, &c)?,
            "expectedUseTime" => s.dosing().expected_use = read_interval(cx, &c)?,
            "consumable" | "product" => s.dosing().product = read_product(cx, &c)?,
            "author" => push_participant(cx, &c, &mut s.authors)?,
            "performer" => push_participant(cx, &c, &mut s.performers)?,
            "informant" => push_participant(cx, &c, &mut s.informants)?,
            "participant" => s.participants.push(read_entry_participant(cx, &c)?),
            "entryRelationship" | "component" => s.relationships.extend(read_relationship(cx, &c)?),
            "precondition" => s.dosing().preconditions.push(read_precondition(cx, &c)?),
            "subject" => s.subject = read_subject(cx, &c)?.or(s.subject.take()),
            "reference" => s.references.extend(read_reference(cx, &c)?),
            _ => cx.skip(&c)?,
        }
    }
    Ok(s)
}

fn read_relationship<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Relationship>> {
    let mut a = Attrs::default();
    cx.attrs_into(e, &mut a)?;
    let type_code = own(&a.type_code).or_else(|| e.is("component").then(|| "COMP".to_owned()));
    let mut statement = None;
    while let Some(c) = cx.child(e)? {
        match StatementKind::of(&c) {
            Some(kind) if statement.is_none() => statement = Some(read_statement(cx, &c, kind)?),
            _ => cx.skip(&c)?,
        }
    }
    Ok(statement.map(|statement| Relationship {
        type_code,
        statement,
    }))
}

/// `specimen/specimenRole/specimenPlayingEntity/code`.
fn read_specimen<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Cd>> {
    let mut code = None;
    while let Some(role) = cx.child(e)? {
        if !role.is("specimenRole") {
            cx.skip(&role)?;
            continue;
        }
        while let Some(entity) = cx.child(&role)? {
            if !entity.is("specimenPlayingEntity") {
                cx.skip(&entity)?;
                continue;
            }
            while let Some(c) = cx.child(&entity)? {
                if c.is("code") && code.is_none() {
                    code = Some(read_cd(cx, &c)?);
                } else {
                    cx.skip(&c)?;
                }
            }
        }
    }
    Ok(code)
}

/// `referenceRange/observationRange`: text, value and interpretation code.
fn read_reference_range<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<RangeRead>> {
    let mut range = None;
    while let Some(o) = cx.child(e)? {
        if !o.is("observationRange") || range.is_some() {
            cx.skip(&o)?;
            continue;
        }
        let mut r = RangeRead::default();
        while let Some(c) = cx.child(&o)? {
            match (c.ns(), c.local()) {
                (Ns::Cda, "text") => r.text = Some(read_text_ref(cx, &c)?),
                (Ns::Cda, "value") => read_value(cx, &c, r.value.insert(Val::default()))?,
                (Ns::Cda, "interpretationCode") => r.meaning = Some(read_cd(cx, &c)?),
                _ => cx.skip(&c)?,
            }
        }
        range = Some(r);
    }
    Ok(range)
}

fn read_product<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Product>> {
    let mut product = None;
    while let Some(c) = cx.child(e)? {
        if c.is("manufacturedProduct") && product.is_none() {
            product = Some(read_manufactured_product(cx, &c)?);
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(product)
}

fn read_manufactured_product<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Product> {
    let mut p = Product::default();
    while let Some(c) = cx.child(e)? {
        match (c.ns(), c.local()) {
            (Ns::Cda, "templateId") => p.template_ids.extend(template_id(cx, &c)?),
            (Ns::Cda, "id") => p.ids.push_some(read_ii(cx, &c)?),
            (Ns::Cda, "manufacturedMaterial" | "manufacturedLabeledDrug") => {
                while let Some(m) = cx.child(&c)? {
                    match (m.ns(), m.local()) {
                        (Ns::Cda, "code") => p.code = Some(read_cd(cx, &m)?),
                        (Ns::Cda, "name") => p.name = cx.text(&m)?,
                        (Ns::Cda, "lotNumberText") => p.lot_number = cx.text(&m)?,
                        (Ns::Cda, "formCode") => p.form = Some(read_cd(cx, &m)?),
                        _ => cx.skip(&m)?,
                    }
                }
            }
            (Ns::Cda, "manufacturerOrganization") => {
                let org = read_organization(cx, &c)?;
                p.manufacturer = org.name;
                p.manufacturer_kind = org.kind;
            }
            _ => cx.skip(&c)?,
        }
    }
    Ok(p)
}

fn read_entry_participant<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<EntryParticipant> {
    let mut p = EntryParticipant {
        type_code: cx.attr(e, "typeCode")?,
        ..EntryParticipant::default()
    };
    while let Some(c) = cx.child(e)? {
        if c.is("time") {
            p.time = read_interval(cx, &c)?;
            continue;
        }
        if !c.is("participantRole") {
            cx.skip(&c)?;
            continue;
        }
        p.class_code = cx.attr(&c, "classCode")?;
        while let Some(r) = cx.child(&c)? {
            match (r.ns(), r.local()) {
                (Ns::Cda, "templateId") => p.template_ids.extend(template_id(cx, &r)?),
                (Ns::Cda, "id") => p.ids.push_some(read_ii(cx, &r)?),
                (Ns::Cda, "code") => p.role_code = Some(read_cd(cx, &r)?),
                (Ns::Cda, "addr") => p.addresses.push_some(read_addr(cx, &r)?),
                (Ns::Cda, "telecom") => p.telecoms.push_some(read_telecom(cx, &r)?),
                (Ns::Cda, "playingEntity" | "playingDevice") => read_playing(cx, &r, &mut p)?,
                (Ns::Cda, "scopingEntity") => p.scoping = Some(read_scoping(cx, &r)?),
                _ => cx.skip(&r)?,
            }
        }
    }
    Ok(p)
}

/// `playingEntity` / `playingDevice`: code, name, birth time, model name.
fn read_playing<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, p: &mut EntryParticipant) -> Res<()> {
    while let Some(x) = cx.child(e)? {
        match (x.ns(), x.local()) {
            (Ns::Cda, "code") if p.entity_code.is_none() => {
                p.entity_code = Some(read_cd(cx, &x)?);
            }
            (Ns::Cda, "name") if p.entity_name.is_none() => {
                let name = read_name(cx, &x)?;
                p.entity_name = name.as_ref().and_then(name_text);
                p.person = name;
            }
            (Ns::Cda, "manufacturerModelName") => p.device_model = cx.text(&x)?,
            (Ns::Sdtc, "birthTime") => p.birth_time = read_ts(cx, &x)?,
            _ => cx.skip(&x)?,
        }
    }
    Ok(())
}

/// A name as one line: its text, else its parts in order.
fn name_text(name: &PersonName) -> Option<String> {
    if name.text.is_some() {
        return name.text.clone();
    }
    let parts: Vec<&str> = name
        .prefix
        .iter()
        .chain(&name.given)
        .chain(&name.family)
        .chain(&name.suffix)
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `scopingEntity`: its `id`s, and its `desc` as the name.
fn read_scoping<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Organization> {
    let mut org = Organization::default();
    while let Some(c) = cx.child(e)? {
        match (c.ns(), c.local()) {
            (Ns::Cda, "id") => org.ids.push_some(read_ii(cx, &c)?),
            (Ns::Cda, "desc") => org.name = cx.text(&c)?,
            (Ns::Cda, "code") => org.kind = Some(read_cd(cx, &c)?.plain()),
            _ => cx.skip(&c)?,
        }
    }
    Ok(org)
}

fn read_precondition<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Precondition> {
    let mut p = Precondition::default();
    while let Some(c) = cx.child(e)? {
        if !c.is("criterion") {
            cx.skip(&c)?;
            continue;
        }
        while let Some(x) = cx.child(&c)? {
            match (x.ns(), x.local()) {
                (Ns::Cda, "code") => p.code = Some(read_cd(cx, &x)?),
                (Ns::Cda, "value") => read_value(cx, &x, p.value.insert(Val::default()))?,
                _ => cx.skip(&x)?,
            }
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(xml: &str) -> Box<Statement> {
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let kind = StatementKind::of(&root).unwrap();
        read_statement(&mut cx, &root, kind).unwrap()
    }

    #[test]
    fn reads_method_specimen_and_reference_ranges() {
        let mut s = statement(
            r#"<organizer classCode="BATTERY" moodCode="EVN">
              <specimen><specimenRole><id root="1"/><specimenPlayingEntity><code code="119297000"/></specimenPlayingEntity></specimenRole></specimen>
              <component><observation classCode="OBS" moodCode="EVN">
                <methodCode code="M1"/><methodCode code="M2"/>
                <referenceRange><observationRange><text>4-10</text>
                  <value xsi:type="IVL_PQ"><low value="4"/><high value="10"/></value>
                  <interpretationCode code="N"/></observationRange></referenceRange>
                <referenceRange><observationRange><value xsi:type="CD" code="NEG"/></observationRange></referenceRange>
              </observation></component></organizer>"#,
        );
        assert_eq!(s.kind, StatementKind::Organizer);
        let o = s.take_observed();
        assert_eq!(o.specimens[0].coded.code.as_deref(), Some("119297000"));
        let mut obs = s.relationships.remove(0).statement;
        assert_eq!(obs.kind, StatementKind::Observation);
        let o = obs.take_observed();
        assert_eq!(o.methods.len(), 2);
        assert_eq!(o.ranges.len(), 2);
        let r = &o.ranges[0];
        assert_eq!(r.text.as_ref().unwrap().text.as_deref(), Some("4-10"));
        assert_eq!(r.meaning.as_ref().unwrap().coded.code.as_deref(), Some("N"));
        assert!(r.value.as_ref().unwrap().value.range.is_some());
        assert!(o.ranges[1].value.as_ref().unwrap().value.coded.is_some());
        assert!(obs.take_observed().ranges.is_empty());
    }

    #[test]
    fn reads_entry_participants_with_roles_people_and_devices() {
        let mut s = statement(
            r#"<act classCode="ACT" moodCode="EVN" xmlns:sdtc="urn:hl7-org:sdtc">
              <participant typeCode="COV"><time><low value="2011"/></time>
                <participantRole classCode="PAT"><id root="1.2" extension="m1"/>
                  <code code="SELF"/><addr><city>Town</city></addr><telecom value="tel:1"/>
                  <playingEntity><name><given>A</given><family>B</family></name><sdtc:birthTime value="1975"/></playingEntity>
                </participantRole></participant>
              <participant typeCode="DEV"><participantRole>
                <playingDevice><code code="D1"/><manufacturerModelName>M</manufacturerModelName></playingDevice>
                <scopingEntity><id root="3.4"/><desc>Maker</desc></scopingEntity>
              </participantRole></participant>
            </act>"#,
        );
        let dev = s.participants.pop().unwrap();
        assert_eq!(dev.entity_code.unwrap().coded.code.as_deref(), Some("D1"));
        assert_eq!(dev.device_model.as_deref(), Some("M"));
        let maker = dev.scoping.unwrap();
        assert_eq!(maker.name.as_deref(), Some("Maker"));
        assert_eq!(maker.ids.len(), 1);
        let cov = s.participants.pop().unwrap();
        assert_eq!(cov.type_code.as_deref(), Some("COV"));
        assert_eq!(cov.class_code.as_deref(), Some("PAT"));
        assert!(cov.time.unwrap().low.is_some());
        assert_eq!(cov.ids[0].value.as_deref(), Some("m1"));
        assert_eq!(cov.addresses.len(), 1);
        assert_eq!(cov.telecoms.len(), 1);
        assert_eq!(cov.entity_name.as_deref(), Some("A B"));
        assert_eq!(cov.person.unwrap().family.as_deref(), Some("B"));
        assert_eq!(cov.birth_time.unwrap().value.as_deref(), Some("1975"));
    }
}
