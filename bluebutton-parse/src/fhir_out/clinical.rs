//! AllergyIntolerance, and Condition for problems and health concerns.

use super::datatypes::{
    annotations, concept, concept_opt, date_time_opt, fixed_concept, identifiers, put_time,
    required_concept,
};
use super::extensions::{self as ext, put_bound_code, put_extensions};
use super::json::{Obj, J};
use super::observations::observation;
use super::Writer;
use bluebutton_model::{Coded, Interval, Problem};

const ALLERGY_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
const ALLERGY_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
/// FHIR's code systems of an allergy's criticality and a reaction's severity.
pub(crate) const CRITICALITY: &str = "http://hl7.org/fhir/allergy-intolerance-criticality";
pub(crate) const REACTION_SEVERITY: &str = "http://hl7.org/fhir/reaction-event-severity";
const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const CONDITION_VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
const CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";
const US_CORE_CATEGORY: &str = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
const ALLERGY_PROFILE: &str =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance";
const PROBLEM_PROFILE: &str =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-problems-health-concerns";
const DIAGNOSIS_PROFILE: &str =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-encounter-diagnosis";

/// Writes allergies, problems and health concerns.
pub(super) fn write(w: &mut Writer<'_>) {
    for (i, a) in w.record.allergies.iter().enumerate() {
        let url = w.url(&format!("allergies/{i}"));
        let mut o = Writer::profiled("AllergyIntolerance", &url, &[ALLERGY_PROFILE]);
        let verification = if a.negated {
            Some("refuted")
        } else {
            status_code(a.verification_status.as_ref(), VERIFICATION)
        };
        // ait-1: clinicalStatus is required unless the entry is entered-in-error; when the
        // record has none, a data-absent-reason says it is unknown.
        let clinical = status_code(a.clinical_status.as_ref(), ALLERGY_STATUS)
            .or_else(|| concern_status(a.status.as_deref()));
        let categories = a
            .categories
            .iter()
            .map(String::as_str)
            .filter(|c| ["food", "medication", "environment", "biologic"].contains(c));
        // type: allergy or intolerance, when the kind says so in FHIR's words.
        let kind = a
            .kind
            .as_ref()
            .and_then(|k| k.code.as_deref())
            .map(str::trim);
        // Facts with no element: the kind as the source coded it, the overall severity
        // and its interpretations, and the concern's period.
        put_extensions(
            &mut o,
            ext::coded("allergy-kind", a.kind.as_ref())
                .into_iter()
                .chain(ext::coded("severity", a.severity.as_ref()))
                .chain(ext::coded_all(
                    "severity-interpretation",
                    &a.severity_interpretations,
                ))
                .chain(ext::interval("concern-period", a.concern_period.as_ref())),
        );
        o.put_all("identifier", identifiers(&a.ids));
        if verification != Some("entered-in-error") {
            o.put(
                "clinicalStatus",
                match clinical {
                    Some(c) => status_concept(ALLERGY_CLINICAL, c, a.clinical_status.as_ref()),
                    None => required_concept(None),
                },
            );
        }
        o.put(
            "verificationStatus",
            verification
                .map(|v| status_concept(ALLERGY_VERIFICATION, v, a.verification_status.as_ref())),
        );
        o.put_str(
            "type",
            kind.filter(|k| ["allergy", "intolerance"].contains(k)),
        )
        .put_all("category", categories.filter_map(J::str));
        put_bound_code(
            &mut o,
            "criticality",
            criticality(a.criticality.as_ref()),
            a.criticality.as_ref(),
            CRITICALITY,
        );
        o.put("code", concept_opt(a.allergen.as_ref()))
            .put("patient", w.subject())
            .put("encounter", w.encounter_of(&a.encounter_ids));
        put_time(&mut o, "onset", a.period.as_ref());
        o.put("recorder", w.recorder(&a.authors))
            .put_all("note", annotations(&a.notes));
        let reactions = a.reactions.iter().filter(|r| !r.negated).map(|r| {
            let mut x = Obj::new();
            // manifestation is required (1..*).
            x.put(
                "manifestation",
                J::Arr(vec![required_concept(r.manifestation.as_ref())]),
            )
            .put_str("description", r.text.as_deref())
            .put(
                "onset",
                r.period
                    .as_ref()
                    .and_then(super::datatypes::first_point)
                    .and_then(|t| date_time_opt(Some(t))),
            );
            put_bound_code(
                &mut x,
                "severity",
                severity(r.severity.as_ref()),
                r.severity.as_ref(),
                REACTION_SEVERITY,
            );
            // A reaction's span (onset is its first point) and the interpretations of
            // its severity have no element.
            let span = r
                .period
                .as_ref()
                .filter(|p| p.low.is_some() || p.high.is_some());
            put_extensions(
                &mut x,
                ext::coded_all("severity-interpretation", &r.severity_interpretations)
                    .chain(ext::interval("reaction-period", span)),
            );
            J::Obj(x)
        });
        o.put_all("reaction", reactions);
        put_extensions(&mut o, ext::source_template(&a.source));
        w.authored(&url, &a.authors);
        w.push(&url, o);
    }
    for (i, p) in w.record.problems.iter().enumerate() {
        let url = w.url(&format!("problems/{i}"));
        let o = condition(w, &url, p, "problem-list-item");
        w.push(&url, o);
    }
    for (i, c) in w.record.health_concerns.iter().enumerate() {
        let url = w.url(&format!("health_concerns/{i}"));
        // The observations a concern groups are written as Observations, its evidence.
        let mut evidence = Vec::new();
        for (j, obs) in c.observations.iter().enumerate() {
            let obs_url = w.url(&format!("health_concerns/{i}/{j}"));
            let resource = observation(w, &obs_url, obs, None);
            w.push(&obs_url, resource);
            let mut e = Obj::new();
            e.put(
                "detail",
                J::Arr(vec![super::datatypes::reference(&obs_url)]),
            );
            evidence.push(J::Obj(e));
        }
        let mut o = Writer::profiled("Condition", &url, &[PROBLEM_PROFILE]);
        let status = if c.negated {
            None
        } else {
            concern_status(c.status.as_deref())
        };
        o.put_all("identifier", identifiers(&c.ids))
            .put(
                "clinicalStatus",
                status.map(|s| fixed_concept(CONDITION_CLINICAL, s, None)),
            )
            .put(
                "verificationStatus",
                c.negated
                    .then(|| fixed_concept(CONDITION_VERIFICATION, "refuted", None)),
            )
            .put(
                "category",
                J::Arr(vec![fixed_concept(
                    US_CORE_CATEGORY,
                    "health-concern",
                    None,
                )]),
            )
            .put("code", required_concept(c.code.as_ref()))
            .put("subject", w.subject());
        onset_abatement(&mut o, c.period.as_ref());
        o.put("recorder", w.recorder(&c.authors))
            .put_all("evidence", evidence)
            .put_all("note", annotations(&c.notes));
        put_extensions(&mut o, ext::source_template(&c.source));
        w.authored(&url, &c.authors);
        w.push(&url, o);
    }
}

/// A Condition for a problem or an encounter diagnosis (`category` says which when the
/// problem has no category of its own).
pub(super) fn condition(w: &Writer<'_>, url: &str, p: &Problem, category: &str) -> Obj {
    let profile = if category == "encounter-diagnosis" {
        DIAGNOSIS_PROFILE
    } else {
        PROBLEM_PROFILE
    };
    let mut o = Writer::profiled("Condition", url, &[profile]);
    let verification = if p.negated {
        Some("refuted")
    } else {
        status_code(p.verification_status.as_ref(), CONDITION_VER)
    };
    let clinical = status_code(p.clinical_status.as_ref(), CONDITION_STATUS)
        .or_else(|| concern_status(p.status.as_deref()))
        // A resolution date means the problem is resolved.
        .or_else(|| {
            p.period
                .as_ref()
                .and_then(|i| i.high.as_ref())
                .and_then(|h| date_time_opt(Some(h)))
                .map(|_| "resolved")
        });
    let mut categories: Vec<J> = p.categories.iter().filter_map(concept).collect();
    if categories.is_empty() {
        categories.push(fixed_concept(CONDITION_CATEGORY, category, None));
    }
    // The kind of problem (C-CDA problem type: problem, diagnosis, symptom, finding...)
    // is a further category.
    categories.extend(concept_opt(p.kind.as_ref()));
    // Facts with no element: the concern's period, the health status, the status's
    // time, where it was found (`location` References) and the prognoses.
    let prognosis = ext::url("prognosis");
    put_extensions(
        &mut o,
        ext::interval("concern-period", p.concern_period.as_ref())
            .into_iter()
            .chain(ext::coded("health-status", p.health_status.as_ref()))
            .chain(ext::interval("status-time", p.status_time.as_ref()))
            .chain(
                p.locations
                    .iter()
                    .filter_map(|l| w.location(l))
                    .map(|r| ext::reference("location", r)),
            )
            .chain(
                p.prognoses
                    .iter()
                    .filter_map(|x| ext::observation(w, &prognosis, x)),
            ),
    );
    o.put_all("identifier", identifiers(&p.ids));
    // con-5: no clinicalStatus on an entered-in-error condition.
    if verification != Some("entered-in-error") {
        o.put(
            "clinicalStatus",
            clinical.map(|c| status_concept(CONDITION_CLINICAL, c, p.clinical_status.as_ref())),
        );
    }
    o.put(
        "verificationStatus",
        verification
            .map(|v| status_concept(CONDITION_VERIFICATION, v, p.verification_status.as_ref())),
    )
    .put("category", J::Arr(categories))
    .put("severity", concept_opt(p.severity.as_ref()))
    .put("code", required_concept(p.code.as_ref()))
    .put_all("bodySite", p.body_sites.iter().filter_map(concept))
    .put("subject", w.subject())
    .put("encounter", w.encounter_of(&p.encounter_ids));
    onset_abatement(&mut o, p.period.as_ref());
    if !o.has("onsetDateTime") {
        o.put(
            "onsetAge",
            super::datatypes::quantity_opt(p.onset_age.as_ref(), w.ucum),
        );
    }
    o.put("recordedDate", date_time_opt(p.recorded.as_ref()))
        .put("recorder", w.recorder(&p.authors))
        .put_all("note", annotations(&p.notes));
    put_extensions(&mut o, ext::source_template(&p.source));
    w.authored(url, &p.authors);
    o
}

/// `onsetDateTime` from the start (or single point) and `abatementDateTime` from the end.
fn onset_abatement(o: &mut Obj, period: Option<&Interval>) {
    let Some(i) = period else { return };
    o.put(
        "onsetDateTime",
        date_time_opt(i.low.as_ref().or(i.value.as_ref())),
    )
    .put("abatementDateTime", date_time_opt(i.high.as_ref()));
}

/// A status table: the FHIR codes, then other codes (SNOMED, HL7 v3) and words.
type Table = &'static [(&'static str, &'static [&'static str])];

const ALLERGY_STATUS: Table = &[
    ("active", &["active", "55561003"]),
    ("inactive", &["inactive", "73425007"]),
    ("resolved", &["resolved", "413322009"]),
];
const CONDITION_STATUS: Table = &[
    ("active", &["active", "55561003"]),
    ("recurrence", &["recurrence"]),
    ("relapse", &["relapse"]),
    ("inactive", &["inactive", "73425007"]),
    ("remission", &["remission"]),
    ("resolved", &["resolved", "413322009"]),
];
const VERIFICATION: Table = &[
    ("unconfirmed", &["unconfirmed"]),
    ("confirmed", &["confirmed"]),
    ("refuted", &["refuted"]),
    ("entered-in-error", &["entered-in-error"]),
];
const CONDITION_VER: Table = &[
    ("unconfirmed", &["unconfirmed"]),
    ("provisional", &["provisional"]),
    ("differential", &["differential"]),
    ("confirmed", &["confirmed"]),
    ("refuted", &["refuted"]),
    ("entered-in-error", &["entered-in-error"]),
];

/// A status as a CodeableConcept: FHIR's code first (the required binding), then the
/// source's own codings (SNOMED, HL7 v3) when they are other codes.
fn status_concept(system: &str, code: &str, source: Option<&Coded>) -> J {
    let mut codings = vec![];
    if let J::Obj(fixed) = fixed_concept(system, code, None) {
        if let Some(J::Arr(c)) = fixed.get("coding") {
            codings.extend(c.iter().cloned());
        }
    }
    let same = source
        .is_some_and(|s| s.code.as_deref() == Some(code) && s.system.as_deref() == Some(system));
    if !same {
        if let Some(J::Obj(c)) = concept_opt(source) {
            if let Some(J::Arr(more)) = c.get("coding") {
                codings.extend(more.iter().cloned());
            }
        }
    }
    let mut o = Obj::new();
    o.put("coding", J::Arr(codings));
    J::Obj(o)
}

/// A status concept's FHIR code by its code or, failing that, its display or text.
fn status_code(c: Option<&Coded>, table: Table) -> Option<&'static str> {
    let c = c?;
    let words = [
        c.code.as_deref(),
        c.display.as_deref(),
        c.original_text.as_deref(),
    ];
    words.into_iter().flatten().find_map(|word| {
        let word = word.trim().to_ascii_lowercase();
        table
            .iter()
            .find(|(_, names)| names.contains(&word.as_str()))
            .map(|(code, _)| *code)
    })
}

/// A concern act's `statusCode` as a clinical status: `active` is active, `completed`
/// resolved, `suspended` inactive; others say nothing.
fn concern_status(status: Option<&str>) -> Option<&'static str> {
    match status? {
        "active" => Some("active"),
        "completed" | "resolved" => Some("resolved"),
        "suspended" | "inactive" => Some("inactive"),
        _ => None,
    }
}

/// Criticality as FHIR's code (FHIR's codes; HL7 v3 `CRITL`, `CRITH`, `CRITU`).
fn criticality(c: Option<&Coded>) -> Option<&'static str> {
    let c = c?;
    let words = [c.code.as_deref(), c.display.as_deref()];
    words.into_iter().flatten().find_map(|w| {
        Some(match w.trim().to_ascii_lowercase().as_str() {
            "low" | "critl" | "low criticality" => "low",
            "high" | "crith" | "high criticality" => "high",
            "unable-to-assess" | "critu" => "unable-to-assess",
            _ => return None,
        })
    })
}

/// A reaction's severity as FHIR's code (FHIR's codes; SNOMED mild, moderate, severe).
fn severity(c: Option<&Coded>) -> Option<&'static str> {
    let c = c?;
    let words = [c.code.as_deref(), c.display.as_deref()];
    words.into_iter().flatten().find_map(|w| {
        Some(match w.trim().to_ascii_lowercase().as_str() {
            "mild" | "255604002" => "mild",
            "moderate" | "6736007" => "moderate",
            "severe" | "24484000" => "severe",
            _ => return None,
        })
    })
}
