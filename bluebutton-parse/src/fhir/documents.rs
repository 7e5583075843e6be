//! DocumentReference and Binary: notes with their attachments, advance directive
//! documents (US Core ADI) as advance directives; Composition: the document
//! facts of a document Bundle (its attesters as the legal authenticator and the
//! authenticators, its events as the documented service, its encounter as the
//! document's, and the writer's header extensions). An attached clinical
//! document (C-CDA, C32, VA or CMS text), base64 in `attachment.data`, is decoded and read
//! with [`crate::parse`] into the same record, its entries marked with the attachment's
//! path. FHIR inside an attachment is not read again (that guards against recursion: the
//! XML and text readers never call back into this one).

use super::datatypes::{
    attachment, attachment_bytes, coded_all, coded_at, codes, identifier, identifiers, narrative,
};
use super::encounters::encounter;
use super::extensions::{
    bound_code, function, own_attachment, own_coded, own_coded_all, own_identifiers, own_parties,
    own_party, own_time, own_value, string_of,
};
use super::json::Object;
use super::observations::grouped_source;
use super::{Ctx, Resource};
use crate::fhir_out::composition::{V3_CONFIDENTIALITY, VERSION_NUMBER};
use crate::fhir_out::extensions::url;
use bluebutton_model::{
    AdvanceDirective, Attachment, Coded, HealthRecord, InputKind, Interval, Note, Participant,
    Source, Value, ValueKind, WarningCode,
};

/// Maps a DocumentReference or Binary into `notes`, reading attached documents.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let base = res.path.clone().unwrap_or_default();
    let mut attachments = Vec::new();
    if res.kind == "Binary" {
        attachments.push(read(ctx, o, &join(&base, "data"), res.file));
    }
    for (i, content) in o.objects("content").enumerate() {
        if let Some(a) = content.obj("attachment") {
            let path = join(&base, &format!("content[{i}].attachment"));
            attachments.push(read(ctx, a, &path, res.file));
        }
    }
    let mut authors: Vec<_> = o.objects("author").map(|a| ctx.participant(o, a)).collect();
    authors.retain(|p| *p != Default::default());
    let authors = ctx.authors(o, authors);
    if codes(o, "category").any(|c| c == ADVANCE_DIRECTIVE) {
        directive(ctx, res, attachments, authors);
        return;
    }
    let time = ctx
        .instant_at(o, "date")
        .or_else(|| o.obj("context").and_then(|c| ctx.period_at(c, "period")));
    let related_documents = o
        .objects("relatesTo")
        .filter_map(|r| r.obj("target")?.obj("identifier").map(identifier))
        .collect();
    let note = Note {
        ids: identifiers(o),
        related_documents,
        kind: Some(
            if res.kind == "Binary" {
                "binary"
            } else {
                "document"
            }
            .to_string(),
        ),
        code: coded_at(o, "type"),
        title: o.string("description"),
        text: narrative(o),
        time,
        authors,
        attachments,
        source: ctx.source(res),
    };
    ctx.record.notes.push(note);
}

/// The LOINC code of advance directive documents (US Core ADI DocumentReference
/// category).
const ADVANCE_DIRECTIVE: &str = "42348-3";

/// The party a Reference member names, with its function (`event-performerFunction`).
fn party_with_function<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, key: &str) -> Option<Participant> {
    let mut party = ctx.participant_at(o, key)?;
    party.function = function(o.obj(key)).or(party.function);
    Some(party)
}

/// An advance directive document (category LOINC 42348-3) into `advance_directives`: its
/// type is the kind of directive, its description what it says, its context period
/// (else its date) when it is in force, its authenticator the verifier.
fn directive<'a>(
    ctx: &mut Ctx<'a>,
    res: &Resource<'a>,
    documents: Vec<Attachment>,
    authors: Vec<Participant>,
) {
    let o = res.obj;
    let period = match o.obj("context").and_then(|c| ctx.period_at(c, "period")) {
        Some(p) => Some(p),
        None => ctx.instant_at(o, "date"),
    };
    let directive = AdvanceDirective {
        ids: identifiers(o),
        status: o.string("status"),
        code: coded_at(o, "type"),
        value: own_value(ctx, o, "directive-value").or_else(|| {
            o.string("description").map(|text| Value {
                kind: ValueKind::Text,
                text: Some(text),
                ..Default::default()
            })
        }),
        period,
        clinical_status: own_coded(o, "directive-status"),
        verifiers: party_with_function(ctx, o, "authenticator")
            .into_iter()
            .collect(),
        custodian: party_with_function(ctx, o, "custodian")
            .or_else(|| own_party(ctx, o, "custodian")),
        documents,
        authors,
        text: narrative(o),
        source: ctx.source(res),
        ..Default::default()
    };
    ctx.record.advance_directives.push(directive);
}

/// A path below `base` (which may be empty for a lone resource).
fn join(base: &str, element: &str) -> String {
    if base.is_empty() {
        element.to_string()
    } else {
        format!("{base}.{element}")
    }
}

/// An attachment at `path` in a resource of `file`; a clinical document in its data is
/// read into the record, and the attachment then keeps only its description.
fn read(ctx: &mut Ctx<'_>, a: &Object<'_>, path: &str, file: Option<&str>) -> Attachment {
    let mut kept = attachment(a);
    let Some(bytes) = attachment_bytes(a) else {
        return kept;
    };
    let detection = crate::detect(&bytes);
    match detection.kind {
        InputKind::Ccda | InputKind::C32 | InputKind::VaText | InputKind::CmsText => {
            match crate::parse(&bytes) {
                Ok(embedded) => {
                    merge(ctx, embedded, path, file);
                    kept.data = None;
                    kept.encoding = None;
                }
                Err(e) => ctx.warn(
                    WarningCode::Other,
                    format!(
                        "the document attached at {path} could not be read ({}); kept as an attachment",
                        e.kind().slug()
                    ),
                ),
            }
        }
        InputKind::FhirJson | InputKind::FhirNdjson => ctx.warn(
            WarningCode::UnmappedElement,
            format!("FHIR attached at {path} is not read again; kept as an attachment"),
        ),
        _ => {}
    }
    kept
}

/// `path` (the attachment's) in front of a path inside the attached document.
fn under(path: &str, inner: Option<String>) -> Option<String> {
    Some(match inner {
        Some(inner) => format!("{path}/{inner}"),
        None => path.to_string(),
    })
}

/// Marks an entry of an attached document with the attachment's path and file.
fn mark(source: &mut Source, path: &str, file: Option<&str>) {
    source.path = under(path, source.path.take());
    source.file = source.file.take().or(file.map(str::to_string));
}

/// Moves the entries of an attached document's record (attached at `path` in a resource
/// of `file`) into the record being built.
fn merge(ctx: &mut Ctx<'_>, embedded: HealthRecord, path: &str, file: Option<&str>) {
    // Destructured without `..`, so that a list added to the record cannot be left out
    // here (and its entries dropped). The attached document's own header stays with the
    // attachment.
    let HealthRecord {
        format: _,
        document: _,
        patient,
        allergies,
        medications,
        problems,
        procedures,
        results,
        vitals,
        immunizations,
        encounters,
        social_history,
        plan_of_care,
        goals,
        health_concerns,
        functional_status,
        mental_status,
        family_history,
        medical_equipment,
        advance_directives,
        payers,
        coverage,
        claims,
        care_team,
        notes,
        other,
        warnings,
    } = embedded;
    let record = &mut ctx.record;
    macro_rules! lists {
        ($($list:ident),*) => {$(
            for mut entry in $list {
                mark(&mut entry.source, path, file);
                record.$list.push(entry);
            }
        )*};
    }
    lists!(
        allergies,
        medications,
        problems,
        procedures,
        immunizations,
        encounters,
        social_history,
        plan_of_care,
        goals,
        health_concerns,
        functional_status,
        mental_status,
        family_history,
        medical_equipment,
        advance_directives,
        payers,
        coverage,
        claims,
        care_team,
        notes,
        other
    );
    for (groups, into) in [(results, &mut record.results), (vitals, &mut record.vitals)] {
        for mut group in groups {
            mark(&mut group.source, path, file);
            for o in &mut group.observations {
                mark(&mut o.source, path, file);
            }
            into.push(group);
        }
    }
    if record.patient == Default::default() {
        record.patient = patient;
    }
    // Warnings have no file of their own: their path names it, as the resource's do.
    let place = match file {
        Some(file) => format!("{file}#{path}"),
        None => path.to_string(),
    };
    for mut w in warnings {
        w.path = under(&place, w.path.take());
        record.warnings.push(w);
    }
}

/// Before mapping: marks the Encounter each Composition names as its `encounter` (the
/// document's encounter, mapped with the Composition and not as an entry of its own).
pub(super) fn prepare<'a>(ctx: &mut Ctx<'a>, resources: &[Resource<'a>]) {
    ctx.consume_named(resources, "Composition", "encounter", "Encounter");
}

/// Maps a Composition (the first resource of a document Bundle) into the document facts
/// (identifiers, set id and version, title, type, date, language, confidentiality,
/// custodian, authors, attesters, informants, recipients, participants, purposes, the
/// documented service's codes, period and performers, the encounter, a non-XML body), and
/// each of its sections that has narrative but no entries into `notes`.
pub(super) fn composition<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut authors: Vec<_> = o
        .objects("author")
        .map(|a| {
            let p = ctx.participant(o, a);
            with_function_and_time(ctx, a, p)
        })
        .collect();
    authors.retain(|p| *p != Default::default());
    let created = ctx.date_at(o, "date");
    let custodian = ctx.organization_at(o, "custodian");
    let (legal, authenticators) = attesters(ctx, o);
    let (service_codes, service_period, service_performers) = events(ctx, o);
    let encounter = o
        .obj("encounter")
        .and_then(|r| ctx.target(o, r))
        .filter(|t| t.str("resourceType") == Some("Encounter") && ctx.is_consumed(t))
        .map(|t| {
            let source = grouped_source(ctx, t);
            encounter(ctx, t, source)
        });
    let informants = own_parties(ctx, o, o, &url("informant"));
    let recipients = own_parties(ctx, o, o, &url("recipient"));
    let participants = own_parties(ctx, o, o, &url("participant"));
    let document = &mut ctx.record.document;
    document.ids.extend(identifiers(o));
    document
        .ids
        .extend(own_identifiers(o, "document-identifier"));
    document.set_id = document
        .set_id
        .take()
        .or_else(|| own_identifiers(o, "set-id").into_iter().next());
    document.version_number = document
        .version_number
        .or_else(|| string_of(o, VERSION_NUMBER).and_then(|n| n.trim().parse().ok()));
    document.title = document.title.take().or_else(|| o.string("title"));
    document.code = document.code.take().or_else(|| coded_at(o, "type"));
    document.created = document.created.take().or(created);
    document.language = document.language.take().or_else(|| o.string("language"));
    document.confidentiality = document
        .confidentiality
        .take()
        .or_else(|| bound_code(o, "confidentiality", V3_CONFIDENTIALITY));
    document.custodian = document.custodian.take().or(custodian);
    document.authors.extend(authors);
    document.legal_authenticator = document.legal_authenticator.take().or(legal);
    document.authenticators.extend(authenticators);
    document.informants.extend(informants);
    document.recipients.extend(recipients);
    document.participants.extend(participants);
    document.service_codes.extend(service_codes);
    document.service_period = document.service_period.take().or(service_period);
    document.service_performers.extend(service_performers);
    document.purposes.extend(own_coded_all(o, "purpose"));
    document.encounter = document.encounter.take().or(encounter);
    document.body = document
        .body
        .take()
        .or_else(|| own_attachment(o, "document-body"));
    for (i, section) in o.objects("section").enumerate() {
        if section.get("entry").is_some() {
            continue;
        }
        let Some(text) = narrative(section) else {
            continue;
        };
        let mut source = ctx.source(res);
        source.section_code = coded_at(section, "code").and_then(|c| c.code);
        source.section = section.string("title");
        source.path = Some(join(
            res.path.as_deref().unwrap_or_default(),
            &format!("section[{i}]"),
        ));
        ctx.record.notes.push(Note {
            kind: Some("section".into()),
            code: coded_at(section, "code"),
            title: section.string("title"),
            text: Some(text),
            source,
            ..Default::default()
        });
    }
}

/// The resource types a Composition's attesters and event details name as parties.
const PARTIES: &[&str] = &[
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Patient",
    "RelatedPerson",
];

/// A party named by the Reference `r` with the function (`event-performerFunction`) and
/// time (`participation-time`) the Reference carries.
fn with_function_and_time(ctx: &mut Ctx<'_>, r: &Object<'_>, mut p: Participant) -> Participant {
    p.function = function(Some(r)).or(p.function);
    p.time = own_time(ctx, r, "participation-time").or(p.time);
    p
}

/// The party the Reference `r` (in `o`) names, with its function and time, unless it
/// resolves to a resource that is no party (an event detail may name the documented
/// Procedure or Encounter).
fn named_party<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, r: &Object<'a>) -> Option<Participant> {
    let kind = r
        .str("reference")
        .and_then(|t| ctx.index.resolve(o, t))
        .map(|t| t.str("resourceType").unwrap_or_default());
    if kind.is_some_and(|k| !PARTIES.contains(&k)) {
        return None;
    }
    let p = ctx.participant(o, r);
    Some(with_function_and_time(ctx, r, p)).filter(|p| *p != Participant::default())
}

/// A Composition's attesters, with the time each attested: the first of mode `legal` as
/// the legal authenticator, the others as authenticators. An attester without a party
/// (known only by its time) is one too.
fn attesters<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> (Option<Participant>, Vec<Participant>) {
    let mut legal = None;
    let mut others = Vec::new();
    for a in o.objects("attester") {
        let mut party = match a.obj("party") {
            Some(r) => match named_party(ctx, o, r) {
                Some(p) => p,
                None => continue,
            },
            None => Participant::default(),
        };
        party.time = party.time.or_else(|| ctx.instant_at(a, "time"));
        if party == Participant::default() {
            continue;
        }
        if legal.is_none() && a.str("mode") == Some("legal") {
            legal = Some(party);
        } else {
            others.push(party);
        }
    }
    (legal, others)
}

/// The services a Composition documents (its `event`s): their codes, the first period,
/// and the parties their details name (the performers, with their function and time).
fn events<'a>(
    ctx: &mut Ctx<'a>,
    o: &'a Object<'a>,
) -> (Vec<Coded>, Option<Interval>, Vec<Participant>) {
    let (mut codes, mut period, mut performers) = (Vec::new(), None, Vec::new());
    for e in o.objects("event") {
        codes.extend(coded_all(e, "code"));
        if period.is_none() {
            period = ctx.period_at(e, "period");
        }
        for r in e.objects("detail") {
            performers.extend(named_party(ctx, o, r));
        }
    }
    (codes, period, performers)
}
