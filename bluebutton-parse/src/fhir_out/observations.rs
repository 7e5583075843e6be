//! Observation and DiagnosticReport: vital signs (with US Core vital-sign profiles by
//! LOINC code), results, social history, functional and mental status.
//!
//! A result group with a code is a DiagnosticReport referring to an Observation per
//! member (and to a Specimen for its specimen); a vital-signs group with a code is a
//! panel Observation whose `hasMember`s are its observations; a group without a code (a
//! lone observation) is just its observations, unless it holds more than an observation
//! carries (its own parties, procedures, encounters, ..., or several observations): then
//! it is a report or panel whose `code` is data-absent (read back as no code).

use super::datatypes::{
    annotations, concept, concept_opt, fixed_concept, identifiers, put_time, quantity_opt, range,
    reference, required_concept,
};
use super::extensions::{self as ext, put_extensions};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Coded, Observation, ObservationGroup, Value, ValueKind};

const CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const US_CORE_CATEGORY: &str = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
const REPORT_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/v2-0074";
const LOINC: &str = "http://loinc.org";
const US_CORE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/";

/// US Core vital-sign profiles by LOINC code.
const VITAL_PROFILES: &[(&str, &str)] = &[
    ("85353-1", "us-core-vital-signs"),
    ("85354-9", "us-core-blood-pressure"),
    ("39156-5", "us-core-bmi"),
    ("8302-2", "us-core-body-height"),
    ("8306-3", "us-core-body-height"),
    ("8310-5", "us-core-body-temperature"),
    ("29463-7", "us-core-body-weight"),
    ("9843-4", "us-core-head-circumference"),
    ("8867-4", "us-core-heart-rate"),
    ("59408-5", "us-core-pulse-oximetry"),
    ("2708-6", "us-core-pulse-oximetry"),
    ("9279-1", "us-core-respiratory-rate"),
    ("59576-9", "pediatric-bmi-for-age"),
    ("77606-2", "pediatric-weight-for-height"),
    ("8289-1", "head-occipital-frontal-circumference-percentile"),
];

/// Which list an observation comes from: its default category and profile.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Vital,
    Lab,
    Social,
    Functional,
    Mental,
}

impl Kind {
    /// The code of the category of the list.
    fn code(self) -> &'static str {
        match self {
            Kind::Vital => "vital-signs",
            Kind::Lab => "laboratory",
            Kind::Social => "social-history",
            Kind::Functional => "functional-status",
            Kind::Mental => "cognitive-status",
        }
    }

    /// The category written when the observation has none.
    fn category(self) -> J {
        match self {
            Kind::Vital => fixed_concept(CATEGORY, self.code(), Some("Vital Signs")),
            Kind::Lab => fixed_concept(CATEGORY, self.code(), Some("Laboratory")),
            Kind::Social => fixed_concept(CATEGORY, self.code(), Some("Social History")),
            Kind::Functional => {
                fixed_concept(US_CORE_CATEGORY, self.code(), Some("Functional Status"))
            }
            Kind::Mental => fixed_concept(US_CORE_CATEGORY, self.code(), Some("Cognitive Status")),
        }
    }
}

/// Writes every observation list.
pub(super) fn write(w: &mut Writer<'_>) {
    for (i, g) in w.record.vitals.iter().enumerate() {
        group(w, &format!("vitals/{i}"), g, Kind::Vital);
    }
    for (i, g) in w.record.results.iter().enumerate() {
        group(w, &format!("results/{i}"), g, Kind::Lab);
    }
    let lists = [
        ("social_history", &w.record.social_history, Kind::Social),
        (
            "functional_status",
            &w.record.functional_status,
            Kind::Functional,
        ),
        ("mental_status", &w.record.mental_status, Kind::Mental),
    ];
    for (name, list, kind) in lists {
        for (i, obs) in list.iter().enumerate() {
            let url = w.url(&format!("{name}/{i}"));
            let o = observation(w, &url, obs, Some(kind));
            w.push(&url, o);
        }
    }
}

/// Writes a group: its observations, and the report or panel that groups them.
fn group(w: &mut Writer<'_>, key: &str, g: &ObservationGroup, kind: Kind) {
    let mut members = Vec::new();
    for (j, obs) in g.observations.iter().enumerate() {
        let url = w.url(&format!("{key}/{j}"));
        let mut o = observation(w, &url, obs, Some(kind));
        if !o.has("effectiveDateTime") && !o.has("effectivePeriod") {
            // A member without its own time was observed at the group's time.
            put_time(&mut o, "effective", g.time.as_ref());
        }
        w.push(&url, o);
        members.push(reference(&url));
    }
    if g.code.is_none() && !holds_more_than_its_observation(g) {
        return;
    }
    let url = w.url(key);
    let categories = with_category(&g.categories, Some(kind));
    let mut o = match kind {
        Kind::Lab => {
            let mut o = Writer::profiled(
                "DiagnosticReport",
                &url,
                &[&format!("{US_CORE}us-core-diagnosticreport-lab")],
            );
            let category = if g.categories.is_empty() {
                vec![fixed_concept(REPORT_CATEGORY, "LAB", Some("Laboratory"))]
            } else {
                g.categories.iter().filter_map(concept).collect()
            };
            o.put_all("identifier", identifiers(&g.ids))
                .put_str("status", Some(report_status(g.status.as_deref())))
                .put("category", J::Arr(category));
            o
        }
        _ => {
            let profile = profile(g.code.as_ref(), kind);
            let mut o = Writer::profiled("Observation", &url, &[profile.as_deref().unwrap_or("")]);
            let category = categories;
            o.put_all("identifier", identifiers(&g.ids))
                .put_str("status", Some(observation_status(g.status.as_deref())))
                .put("category", J::Arr(category));
            o
        }
    };
    o.put("code", required_concept(g.code.as_ref()))
        .put("subject", w.subject());
    put_time(&mut o, "effective", g.time.as_ref());
    o.put_all("performer", g.performers.iter().filter_map(|p| w.party(p)));
    // The procedures and encounters the group holds: entries of their own, named by
    // `group-procedure` and `group-encounter` extensions.
    let mut held = Vec::new();
    for (k, p) in g.procedures.iter().enumerate() {
        let p_url = super::events::procedure(w, &format!("{key}/procedures/{k}"), p);
        held.extend(p_url.map(|u| ext::reference("group-procedure", reference(&u))));
    }
    for (k, e) in g.encounters.iter().enumerate() {
        let e_key = format!("{key}/encounters/{k}");
        super::events::encounter(w, &e_key, e);
        held.push(ext::reference("group-encounter", reference(&w.url(&e_key))));
    }
    put_extensions(&mut o, held);
    // Participants other than performers and authors: `participant` extensions.
    put_extensions(
        &mut o,
        ext::parties(w, &ext::url("participant"), &g.participants),
    );
    put_extensions(&mut o, ext::source_template(&g.source));
    w.authored(&url, &g.authors);
    match kind {
        Kind::Lab => {
            // The specimen (its type) as a Specimen entry of its own.
            let specimen = concept_opt(g.specimen.as_ref()).map(|kind| {
                let specimen_url = w.url(&format!("{key}/specimen"));
                let mut s = Writer::resource("Specimen", &specimen_url);
                s.put("type", kind).put("subject", w.subject());
                w.push(&specimen_url, s);
                reference(&specimen_url)
            });
            o.put_all("specimen", specimen)
                .put("result", J::Arr(members))
                .put_str("conclusion", g.conclusion.as_deref());
        }
        _ => {
            o.put_all("note", annotations(&g.notes))
                .put("hasMember", J::Arr(members));
        }
    }
    w.push(&url, o);
}

/// Whether a group without a code holds more than one observation alone carries (its
/// own identifiers, parties, procedures, encounters, specimen, conclusion or notes, or
/// several observations): then it is a report or panel too, its code data-absent.
fn holds_more_than_its_observation(g: &ObservationGroup) -> bool {
    !g.ids.is_empty()
        || !g.performers.is_empty()
        || !g.participants.is_empty()
        || !g.authors.is_empty()
        || !g.procedures.is_empty()
        || !g.encounters.is_empty()
        || g.specimen.is_some()
        || g.conclusion.is_some()
        || !g.notes.is_empty()
        || g.observations.len() > 1
}

/// An entry's categories, and its list's category when they do not include it (the
/// reader sorts Observations into lists by category, and US Core profiles require it).
fn with_category(categories: &[Coded], kind: Option<Kind>) -> Vec<J> {
    let mut out: Vec<J> = categories.iter().filter_map(concept).collect();
    if let Some(k) = kind {
        let code = k.code();
        if !categories.iter().any(|c| c.code.as_deref() == Some(code)) {
            out.push(k.category());
        }
    }
    out
}

/// The US Core profile of an observation by its LOINC code (vital signs) or list (lab).
fn profile(code: Option<&bluebutton_model::Coded>, kind: Kind) -> Option<String> {
    match kind {
        Kind::Vital => {
            let code = code?;
            let loinc = std::iter::once((code.code.as_deref(), code.system.as_deref()))
                .chain(
                    code.translations
                        .iter()
                        .map(|t| (t.code.as_deref(), t.system.as_deref())),
                )
                .filter(|(_, s)| s.and_then(super::datatypes::system_uri).as_deref() == Some(LOINC))
                .find_map(|(c, _)| c)?;
            VITAL_PROFILES
                .iter()
                .find(|(l, _)| *l == loinc.trim())
                .map(|(_, p)| format!("{US_CORE}{p}"))
        }
        Kind::Lab => Some(format!("{US_CORE}us-core-observation-lab")),
        Kind::Social => Some(format!("{US_CORE}us-core-observation-social-history")),
        Kind::Functional | Kind::Mental => None,
    }
}

/// An observation as an Observation resource; `kind` gives its default category and
/// profile (none for a health concern's observation, which has neither).
/// The id of an observation's contained Specimen.
const CONTAINED_SPECIMEN: &str = "specimen";

pub(super) fn observation(w: &Writer<'_>, url: &str, obs: &Observation, kind: Option<Kind>) -> Obj {
    let profile = kind.and_then(|k| profile(obs.code.as_ref(), k));
    let mut o = Writer::profiled("Observation", url, &[profile.as_deref().unwrap_or("")]);
    let categories = with_category(&obs.categories, kind);
    o.put_all("identifier", identifiers(&obs.ids))
        .put_str("status", Some(observation_status(obs.status.as_deref())))
        .put_all("category", categories)
        .put("code", required_concept(obs.code.as_ref()))
        .put("subject", w.subject())
        .put("encounter", w.encounter_of(&obs.encounter_ids));
    put_time(&mut o, "effective", obs.time.as_ref());
    o.put_all(
        "performer",
        obs.performers.iter().filter_map(|p| w.party(p)),
    );
    put_value(&mut o, obs.value.as_ref(), w.ucum);
    o.put_all(
        "interpretation",
        obs.interpretations.iter().filter_map(concept),
    )
    .put_all("note", annotations(&obs.notes))
    .put("bodySite", obs.body_sites.iter().find_map(concept))
    .put("method", concept_opt(obs.method.as_ref()))
    .put_all("referenceRange", reference_ranges(obs, w.ucum));
    // The specimen (its type) as a contained Specimen, which `specimen` names.
    if let Some(kind) = concept_opt(obs.specimen.as_ref()) {
        let mut s = Obj::new();
        s.put_str("resourceType", Some("Specimen"))
            .put_str("id", Some(CONTAINED_SPECIMEN))
            .put("type", kind);
        o.put("contained", J::Arr(vec![J::Obj(s)]))
            .put("specimen", reference(&format!("#{CONTAINED_SPECIMEN}")));
    }
    let components = obs.components.iter().map(|c| {
        let mut x = Obj::new();
        x.put("code", required_concept(c.code.as_ref()));
        put_value(&mut x, c.value.as_ref(), w.ucum);
        x.put_all(
            "interpretation",
            c.interpretations.iter().filter_map(concept),
        )
        .put_all("referenceRange", reference_ranges(c, w.ucum));
        // A component has no time nor components of its own in FHIR.
        put_extensions(
            &mut x,
            ext::interval("component-time", c.time.as_ref())
                .into_iter()
                .chain(
                    c.components
                        .iter()
                        .filter_map(|n| ext::observation(w, &ext::url("observation-component"), n)),
                )
                .chain(ext::parties(w, &ext::url("participant"), &c.participants))
                .chain(ext::parties(w, &ext::url("author"), &c.authors)),
        );
        J::Obj(x)
    });
    o.put_all("component", components);
    // Participants other than performers and authors: `participant` extensions.
    put_extensions(
        &mut o,
        ext::parties(w, &ext::url("participant"), &obs.participants),
    );
    put_extensions(&mut o, ext::source_template(&obs.source));
    w.authored(url, &obs.authors);
    o
}

/// Reference ranges (obs-3: each has a low, a high or a text).
fn reference_ranges(obs: &Observation, ucum: bool) -> Vec<J> {
    obs.reference_ranges
        .iter()
        .filter_map(|r| {
            let mut x = Obj::new();
            x.put("low", quantity_opt(r.low.as_ref(), ucum))
                .put("high", quantity_opt(r.high.as_ref(), ucum));
            let text = r.text.clone().or_else(|| {
                r.normal.as_ref().and_then(|n| {
                    n.display
                        .clone()
                        .or(n.original_text.clone())
                        .or(n.code.clone())
                })
            });
            x.put_str("text", text.as_deref());
            if x.is_empty() {
                return None;
            }
            // The normal value, when coded, has no element (the text holds its words).
            put_extensions(&mut x, ext::coded("normal-value", r.normal.as_ref()));
            x.put("type", concept_opt(r.meaning.as_ref()))
                .put_all("appliesTo", r.applies_to.iter().filter_map(concept))
                .put("age", r.age.as_ref().and_then(|a| range(a, ucum)));
            x.some()
        })
        .collect()
}

/// Puts `value[x]`, or `dataAbsentReason` for an absent value. An attachment has no
/// Observation value type in R4 and is left out.
fn put_value(o: &mut Obj, value: Option<&Value>, ucum: bool) {
    let Some(v) = value else { return };
    let written =
        v.kind != ValueKind::Attachment && super::datatypes::put_value(o, "value", v, ucum);
    if !written && v.null_flavor.is_some() {
        // obs-6: dataAbsentReason only when there is no value.
        let code = reason_code(v.null_flavor.as_deref());
        o.put(
            "dataAbsentReason",
            fixed_concept(
                "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                code,
                None,
            ),
        );
    }
}

/// A null flavor as a data-absent-reason code.
fn reason_code(null_flavor: Option<&str>) -> &'static str {
    match null_flavor {
        Some("MSK") => "masked",
        Some("ASKU") => "asked-unknown",
        Some("NASK") => "not-asked",
        Some("NA") => "not-applicable",
        Some("NAV") => "temp-unknown",
        Some("NAN") => "not-a-number",
        _ => "unknown",
    }
}

/// An observation's status: FHIR's codes as found; C-CDA `completed` final, `active`
/// preliminary, `aborted`/`cancelled` cancelled, `nullified` entered-in-error; else
/// `unknown`.
pub(super) fn observation_status(status: Option<&str>) -> &'static str {
    match status.unwrap_or_default() {
        "registered" => "registered",
        "preliminary" | "active" => "preliminary",
        "final" | "completed" => "final",
        "amended" => "amended",
        "corrected" => "corrected",
        "cancelled" | "aborted" => "cancelled",
        "entered-in-error" | "nullified" => "entered-in-error",
        _ => "unknown",
    }
}

/// A report's status, as [`observation_status`] with `partial` and `appended`.
fn report_status(status: Option<&str>) -> &'static str {
    match status.unwrap_or_default() {
        "partial" => "partial",
        "appended" => "appended",
        other => observation_status(Some(other)),
    }
}
