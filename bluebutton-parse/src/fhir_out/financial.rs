//! Coverage (C-CDA payers and enrollment) and ExplanationOfBenefit (claims).
//!
//! Labelled details go back where the FHIR reader found them: a detail named by an
//! extension URL is that extension (`url#part` a nested one); one named by a coded
//! category is a `supportingInfo` (a claim), a `costToBeneficiary` (a coverage's amount;
//! any other value is a `coverage-detail` extension) or a value-only `adjudication` (a
//! claim line); one named by an element path (`use`,
//! `referral`, `insurance.coverage`, `payment.date`, `item.category`, `item.detail`,
//! `network`, `order`) is that element.

use super::datatypes::{
    absent, concept, concept_opt, date_only, date_time, date_time_opt, display_reference,
    first_point, identifiers, int32, money, period, put_required_code, put_value, quantity_opt,
    required_concept,
};
use super::extensions as ext;
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Claim, ClaimAmount, Coded, Coverage, NamedValue, Value, ValueKind};

/// Writes payers and coverage as Coverage, claims as ExplanationOfBenefit.
pub(super) fn write(w: &mut Writer<'_>) {
    let lists = [
        ("payers", &w.record.payers),
        ("coverage", &w.record.coverage),
    ];
    for (name, list) in lists {
        for (i, c) in list.iter().enumerate() {
            let url = w.url(&format!("{name}/{i}"));
            let o = coverage(w, &url, c);
            w.push(&url, o);
        }
    }
    for (i, c) in w.record.claims.iter().enumerate() {
        let url = w.url(&format!("claims/{i}"));
        let o = claim(w, &url, c);
        w.push(&url, o);
    }
}

/// How a detail is named.
enum Name<'a> {
    /// An extension URL (`url` or `url#part`).
    Extension(&'a str),
    /// A FHIR element path the reader labels a detail with.
    Element(&'a str),
    /// A coded category.
    Category(&'a Coded),
}

/// The element paths the writer puts labelled details back into (the FHIR reader's
/// labels for what it keeps of those elements).
const ELEMENTS: &[&str] = &[
    "use",
    "referral",
    "insurance.coverage",
    "payment.date",
    "item.category",
    "item.detail",
    "network",
    "order",
];

/// The labels the FHIR reader gives a line's `unitPrice` and `net` among its amounts.
pub(crate) const ITEM_UNIT_PRICE: &str = "item.unitPrice";
/// See [`ITEM_UNIT_PRICE`].
pub(crate) const ITEM_NET: &str = "item.net";

/// How a detail is named, or nothing when it has no name. A code without a system is an
/// element path only when it is one of [`ELEMENTS`]: any other is a category whose code
/// system the source did not name.
fn name_of(n: &NamedValue) -> Option<Name<'_>> {
    let name = n.name.as_ref()?;
    let code = name.code.as_deref();
    match code {
        Some(c) if name.system.is_none() && (c.contains("://") || c.starts_with("urn:")) => {
            Some(Name::Extension(c))
        }
        Some(c) if name.system.is_none() && ELEMENTS.contains(&c) => Some(Name::Element(c)),
        _ => Some(Name::Category(name)),
    }
}

/// The text of a detail's value (a text, a code, a number).
fn value_text(v: Option<&Value>) -> Option<String> {
    let v = v?;
    v.text
        .clone()
        .or_else(|| v.coded.as_ref().and_then(|c| c.code.clone()))
        .or_else(|| v.quantity.as_ref().and_then(|q| q.value.clone()))
        .or_else(|| v.integer.map(|n| n.to_string()))
}

/// The extensions of the details named by extension URLs, nested ones grouped under
/// their outer URL in order of appearance.
fn extensions(details: &[NamedValue], ucum: bool) -> Vec<J> {
    let mut out: Vec<(String, Obj)> = Vec::new();
    for d in details {
        let Some(Name::Extension(url)) = name_of(d) else {
            continue;
        };
        let Some(v) = d.value.as_ref() else { continue };
        let (outer, part) = match url.split_once('#') {
            Some((outer, part)) => (outer, Some(part)),
            None => (url, None),
        };
        let mut ext = Obj::new();
        ext.put_str("url", Some(part.unwrap_or(outer)));
        if !put_value(&mut ext, "value", v, ucum) {
            continue;
        }
        match part {
            None => out.push((outer.to_string(), ext)),
            Some(part) => {
                // The last extension of that URL takes the part, unless it has that part
                // already: then the part starts the next one (repeated extensions).
                let at = out
                    .iter()
                    .rposition(|(u, o)| u == outer && o.has("extension"))
                    .filter(|i| out.get(*i).is_some_and(|(_, o)| !has_part(o, part)));
                match at.and_then(|i| out.get_mut(i)) {
                    Some((_, parent)) => parent.append("extension", J::Obj(ext)),
                    None => {
                        let mut parent = Obj::new();
                        parent
                            .put_str("url", Some(outer))
                            .put("extension", J::Arr(vec![J::Obj(ext)]));
                        out.push((outer.to_string(), parent));
                    }
                }
            }
        }
    }
    out.into_iter().map(|(_, o)| J::Obj(o)).collect()
}

/// Whether a nested extension has a part named `part`.
fn has_part(parent: &Obj, part: &str) -> bool {
    match parent.get("extension") {
        Some(J::Arr(parts)) => parts.iter().any(|p| match p {
            J::Obj(o) => o.get("url") == Some(&J::Str(part.to_string())),
            _ => false,
        }),
        _ => false,
    }
}

/// A detail named by an element path: its value, when the name is `element`.
fn element<'a>(details: &'a [NamedValue], element: &str) -> impl Iterator<Item = &'a NamedValue> {
    let element = element.to_string();
    details
        .iter()
        .filter(move |d| matches!(name_of(d), Some(Name::Element(e)) if e == element))
}

/// The details named by a coded category.
fn categorised(details: &[NamedValue]) -> impl Iterator<Item = (&Coded, &NamedValue)> {
    details.iter().filter_map(|d| match name_of(d) {
        Some(Name::Category(c)) => Some((c, d)),
        _ => None,
    })
}

/// A Coverage. `status`, `beneficiary` and `payor` are required: a status the record
/// does not give and a payer it does not name are written as data-absent-reason.
fn coverage(w: &Writer<'_>, url: &str, c: &Coverage) -> Obj {
    let mut o = Writer::resource("Coverage", url);
    let status = match c.status.as_deref().unwrap_or_default() {
        "active" => Some("active"),
        "cancelled" => Some("cancelled"),
        "draft" => Some("draft"),
        "entered-in-error" | "nullified" => Some("entered-in-error"),
        _ => None,
    };
    // A guarantor has no element on a Coverage: the `guarantor` extension's Reference.
    let guarantor = c
        .guarantor
        .as_ref()
        .and_then(|p| ext::with_function(w.party(p), p.function.as_ref()))
        .map(|r| ext::reference("guarantor", r));
    // `beneficiary` names the Patient: the covered party as the source names them (its
    // own identifiers, name, birth date, ...) is the `beneficiary` extension's
    // RelatedPerson.
    let beneficiary = c
        .beneficiary
        .as_ref()
        .and_then(|b| w.related_person(b))
        .map(|r| ext::reference("beneficiary", r));
    o.put_all(
        "extension",
        extensions(&c.details, w.ucum)
            .into_iter()
            .chain(guarantor)
            .chain(beneficiary),
    )
    .put_all("identifier", identifiers(&c.ids));
    put_required_code(&mut o, "status", status);
    let subscriber = c.subscriber.as_ref().and_then(|s| w.related_person(s));
    o.put("type", concept_opt(c.kind.as_ref()))
        .put("subscriber", subscriber)
        .put_str("subscriberId", c.subscriber_id.as_deref())
        .put("beneficiary", w.subject());
    if let Some(order) = element(&c.details, "order").find_map(|d| d.value.as_ref()?.integer) {
        o.put("order", int32(order, true));
    }
    o.put_str(
        "network",
        element(&c.details, "network")
            .find_map(|d| value_text(d.value.as_ref()))
            .as_deref(),
    )
    .put("relationship", concept_opt(c.relationship.as_ref()))
    .put("period", c.period.as_ref().and_then(period))
    .put(
        "payor",
        J::Arr(vec![c
            .payer
            .as_ref()
            .and_then(|org| w.organization(org))
            .unwrap_or_else(|| absent(None))]),
    )
    .put_all("class", c.classes.iter().filter_map(class));
    if let Some(plan) = c.plan_name.as_deref().filter(|_| !o.has("class")) {
        let mut x = Obj::new();
        x.put(
            "type",
            super::datatypes::fixed_concept(
                "http://terminology.hl7.org/CodeSystem/coverage-class",
                "plan",
                None,
            ),
        )
        .put_str("value", Some(plan))
        .put_str("name", Some(plan));
        o.put("class", J::Arr(vec![J::Obj(x)]));
    }
    let costs = categorised(&c.details).filter_map(|(category, d)| {
        let mut x = Obj::new();
        x.put("type", concept(category));
        let v = d.value.as_ref()?;
        if v.kind != ValueKind::Quantity {
            return None;
        }
        // value[x] is required: an amount given only as text in an extension is absent.
        if !put_value(&mut x, "value", v, w.ucum) {
            x.put("valueMoney", absent(None));
        }
        Some(J::Obj(x))
    });
    o.put_all("costToBeneficiary", costs);
    // A detail named by a category whose value is no amount (an authorized procedure):
    // the project's `coverage-detail` extension, complex with the parts `name`
    // (CodeableConcept) and `value[x]`.
    let others = categorised(&c.details).filter_map(|(category, d)| {
        let v = d.value.as_ref().filter(|v| v.kind != ValueKind::Quantity)?;
        let mut name = Obj::new();
        name.put_str("url", Some("name"))
            .put("valueCodeableConcept", concept(category)?);
        let mut value = Obj::new();
        value.put_str("url", Some("value"));
        if !put_value(&mut value, "value", v, w.ucum) {
            return None;
        }
        let mut x = Obj::new();
        x.put_str("url", Some(&ext::url("coverage-detail")))
            .put("extension", J::Arr(vec![J::Obj(name), J::Obj(value)]));
        Some(J::Obj(x))
    });
    ext::put_extensions(&mut o, others);
    ext::put_extensions(&mut o, ext::source_template(&c.source));
    o
}

/// A plan class (`type` and `value` are required).
fn class(n: &NamedValue) -> Option<J> {
    let value = n.value.as_ref()?;
    let text = value_text(Some(value))?;
    let mut x = Obj::new();
    x.put("type", required_concept(n.name.as_ref()))
        .put_str("value", Some(&text));
    if value.kind == ValueKind::Coded {
        x.put_str(
            "name",
            value.coded.as_ref().and_then(|c| c.display.as_deref()),
        );
    }
    x.some()
}

/// An ExplanationOfBenefit. Its required elements the record may lack (status, type,
/// created, insurer, provider, outcome, insurance) are written as data-absent-reason;
/// `use` is the record's when it is one of FHIR's, else `claim`, which every claim in the
/// record is.
fn claim(w: &Writer<'_>, url: &str, c: &Claim) -> Obj {
    let mut o = Writer::resource("ExplanationOfBenefit", url);
    let status = match c.status.as_deref().unwrap_or_default() {
        "active" => Some("active"),
        "cancelled" => Some("cancelled"),
        "draft" => Some("draft"),
        "entered-in-error" => Some("entered-in-error"),
        _ => None,
    };
    let outcome = match c.outcome.as_deref().unwrap_or_default() {
        "queued" => Some("queued"),
        "complete" => Some("complete"),
        "error" => Some("error"),
        "partial" => Some("partial"),
        _ => None,
    };
    let use_code = element(&c.details, "use")
        .find_map(|d| value_text(d.value.as_ref()))
        .filter(|u| ["claim", "preauthorization", "predetermination"].contains(&u.as_str()));
    o.put_all("extension", extensions(&c.details, w.ucum))
        .put_all("identifier", identifiers(&c.ids));
    put_required_code(&mut o, "status", status);
    o.put("type", required_concept(c.kind.as_ref()))
        .put("subType", concept_opt(c.subtype.as_ref()))
        .put_str("use", Some(use_code.as_deref().unwrap_or("claim")))
        .put("patient", w.subject())
        .put(
            "billablePeriod",
            c.billable_period.as_ref().and_then(period),
        );
    match c.created.as_ref().and_then(date_time) {
        Some(t) => {
            o.put("created", J::Str(t));
        }
        None => {
            o.put("_created", absent(None));
        }
    }
    o.put(
        "insurer",
        c.insurer
            .as_ref()
            .and_then(|org| w.organization(org))
            .unwrap_or_else(|| absent(None)),
    )
    .put(
        "provider",
        c.provider
            .as_ref()
            .and_then(|p| w.party(p))
            .unwrap_or_else(|| absent(None)),
    )
    .put(
        "facility",
        c.facility.as_ref().and_then(|f| {
            w.location(f).or_else(|| {
                let mut r = Obj::new();
                r.put(
                    "identifier",
                    f.ids.iter().find_map(super::datatypes::identifier),
                );
                r.some()
            })
        }),
    )
    .put(
        "referral",
        element(&c.details, "referral")
            .find_map(|d| value_text(d.value.as_ref()))
            .and_then(|t| display_reference(Some(&t))),
    );
    put_required_code(&mut o, "outcome", outcome);
    if let Some(p) = &c.payee {
        let mut x = Obj::new();
        x.put("type", concept_opt(p.function.as_ref()))
            .put("party", w.party(p));
        o.put("payee", x.some());
    }
    // Care-team sequence numbers, for the lines' `careTeamSequence`.
    let mut team = Vec::new();
    for (i, p) in c.care_team.iter().enumerate() {
        // provider is required: a member the record does not identify is absent.
        let provider = w.party(p).unwrap_or_else(|| absent(None));
        let sequence = i64::try_from(i).unwrap_or(0) + 1;
        let mut x = Obj::new();
        x.put("sequence", J::int(sequence))
            .put("provider", provider)
            .put("role", concept_opt(p.function.as_ref()))
            .put("qualification", concept_opt(p.role.as_ref()));
        team.push((sequence, p, J::Obj(x)));
    }
    o.put_all("careTeam", team.iter().map(|(_, _, x)| x.clone()));
    let infos = categorised(&c.details)
        .enumerate()
        .map(|(i, (category, d))| {
            let mut x = Obj::new();
            x.put("sequence", J::int(i64::try_from(i).unwrap_or(0) + 1))
                .put(
                    "category",
                    concept(category).unwrap_or_else(|| absent(None)),
                );
            match d.value.as_ref() {
                Some(v) if v.kind == ValueKind::Coded => {
                    x.put("code", concept_opt(v.coded.as_ref()));
                }
                Some(v) if v.kind == ValueKind::Time => {
                    x.put("timingPeriod", v.time.as_deref().and_then(period));
                }
                _ => {}
            }
            x.put(
                "timingDate",
                d.time.as_ref().and_then(date_only).map(J::Str),
            );
            if let Some(v) = d.value.as_ref() {
                if matches!(
                    v.kind,
                    ValueKind::Boolean
                        | ValueKind::Text
                        | ValueKind::Quantity
                        | ValueKind::Attachment
                ) {
                    put_value(&mut x, "value", v, w.ucum);
                }
            }
            J::Obj(x)
        });
    o.put_all("supportingInfo", infos);
    let diagnoses = c.diagnoses.iter().enumerate().filter_map(|(i, d)| {
        let mut x = Obj::new();
        x.put("sequence", sequence(d.sequence, i))
            .put("diagnosisCodeableConcept", concept_opt(d.code.as_ref())?)
            .put_all("type", d.kinds.iter().filter_map(concept))
            .put("onAdmission", concept_opt(d.on_admission.as_ref()));
        x.some()
    });
    o.put_all("diagnosis", diagnoses);
    let procedures = c.procedures.iter().enumerate().filter_map(|(i, p)| {
        let mut x = Obj::new();
        x.put("sequence", sequence(p.sequence, i))
            .put("date", date_time_opt(p.time.as_ref()))
            .put("procedureCodeableConcept", concept_opt(p.code.as_ref())?);
        x.some()
    });
    o.put_all("procedure", procedures);
    // insurance is required (1..*): the coverage as the source names it, else absent.
    let coverages: Vec<J> = element(&c.details, "insurance.coverage")
        .filter_map(|d| value_text(d.value.as_ref()))
        .chain(std::iter::once(String::new()))
        .enumerate()
        .filter_map(|(i, text)| {
            let reference = match display_reference(Some(&text)) {
                Some(r) => r,
                None if i == 0 => absent(None),
                None => return None,
            };
            let mut x = Obj::new();
            x.put("focal", J::Bool(i == 0)).put("coverage", reference);
            x.some()
        })
        .collect();
    o.put("insurance", J::Arr(coverages));
    let items = c.items.iter().enumerate().map(|(i, item)| {
        let mut x = Obj::new();
        x.put_all("extension", extensions(&item.details, w.ucum))
            .put("sequence", sequence(item.sequence, i));
        let on_team = item
            .provider
            .as_ref()
            .and_then(|p| team.iter().find(|(_, q, _)| *q == p))
            .map(|(s, _, _)| J::int(*s));
        x.put_all("careTeamSequence", on_team)
            .put("revenue", concept_opt(item.revenue.as_ref()))
            .put(
                "category",
                element(&item.details, "item.category")
                    .find_map(|d| concept_opt(d.value.as_ref()?.coded.as_ref())),
            )
            .put("productOrService", required_concept(item.service.as_ref()))
            .put_all("modifier", item.modifiers.iter().filter_map(concept));
        // serviced[x] is a date or a Period.
        match item.period.as_ref() {
            Some(p) if p.low.is_none() && p.high.is_none() => {
                x.put(
                    "servicedDate",
                    first_point(p).and_then(date_only).map(J::Str),
                );
            }
            Some(p) => {
                x.put("servicedPeriod", period(p));
            }
            None => {}
        }
        let value_only = categorised(&item.details).filter_map(|(category, d)| {
            let number = d.value.as_ref()?.quantity.as_ref()?.value.as_deref()?;
            let mut a = Obj::new();
            a.put("category", concept(category)?)
                .put("value", J::decimal(number)?);
            a.some()
        });
        // The line's unit price and net amount, which the reader labels as amounts.
        let labelled = |a: &ClaimAmount, label: &str| {
            a.reason.is_none()
                && a.category
                    .as_ref()
                    .is_some_and(|c| c.system.is_none() && c.code.as_deref() == Some(label))
        };
        let element_amount = |label: &str| {
            item.amounts
                .iter()
                .find(|a| labelled(a, label))
                .and_then(|a| a.amount.as_ref())
                .and_then(money)
        };
        let unit_price = element_amount(ITEM_UNIT_PRICE);
        let net = element_amount(ITEM_NET);
        let adjudications = item
            .amounts
            .iter()
            .filter(|a| {
                !(unit_price.is_some() && labelled(a, ITEM_UNIT_PRICE)
                    || net.is_some() && labelled(a, ITEM_NET))
            })
            .filter_map(adjudication)
            .chain(value_only)
            .collect::<Vec<_>>();
        x.put("locationCodeableConcept", concept_opt(item.place.as_ref()))
            .put("quantity", quantity_opt(item.quantity.as_ref(), w.ucum))
            .put("unitPrice", unit_price)
            .put("net", net)
            .put_all("adjudication", adjudications);
        let details = element(&item.details, "item.detail")
            .filter_map(|d| concept_opt(d.value.as_ref()?.coded.as_ref()))
            .enumerate()
            .map(|(j, product)| {
                let mut y = Obj::new();
                y.put("sequence", J::int(i64::try_from(j).unwrap_or(0) + 1))
                    .put("productOrService", product);
                J::Obj(y)
            });
        x.put_all("detail", details);
        J::Obj(x)
    });
    o.put_all("item", items);
    // Header adjudications: claim-level amounts the record holds without money (a
    // status, a discriminator) or with a reason (which a total has no element for) keep
    // their category and reason.
    let is_total =
        |t: &&ClaimAmount| t.reason.is_none() && t.amount.as_ref().and_then(money).is_some();
    let header = c.totals.iter().filter(|t| !is_total(t));
    o.put_all("adjudication", header.filter_map(adjudication));
    let totals = c.totals.iter().filter(is_total).filter_map(|t| {
        let mut x = Obj::new();
        x.put("category", required_concept(t.category.as_ref()))
            .put("amount", t.amount.as_ref().and_then(money)?);
        x.some()
    });
    o.put_all("total", totals);
    if let Some(date) = element(&c.details, "payment.date").find_map(|d| d.time.as_ref()) {
        let mut x = Obj::new();
        x.put("date", date_only(date).map(J::Str));
        o.put("payment", x.some());
    }
    o.put_all(
        "processNote",
        c.notes.iter().filter_map(|n| {
            let mut x = Obj::new();
            x.put_str("text", Some(n));
            x.some()
        }),
    );
    ext::put_extensions(&mut o, ext::source_template(&c.source));
    o
}

/// A sequence number: the record's, else the position (FHIR's are positive).
fn sequence(given: Option<i64>, index: usize) -> J {
    given
        .and_then(|n| int32(n, true))
        .unwrap_or_else(|| J::int(i64::try_from(index).unwrap_or(0) + 1))
}

/// An amount as an adjudication (`category` is required).
fn adjudication(a: &ClaimAmount) -> Option<J> {
    let mut x = Obj::new();
    x.put("category", required_concept(a.category.as_ref()))
        .put("reason", concept_opt(a.reason.as_ref()))
        .put("amount", a.amount.as_ref().and_then(money));
    x.some()
}
