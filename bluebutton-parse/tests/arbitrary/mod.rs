//! Proptest strategies for arbitrary records with realistic value shapes: codes from a
//! few systems named by OID and by URI, dates of every precision with and without zones,
//! decimal amounts as exact text. Shared by the property tests that write records.

use bluebutton_parse::model::*;
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

/// Code systems as C-CDA and FHIR name them: well-known OIDs, their URIs, an OID FHIR has
/// no URI for (bare and as `urn:oid:`), and a local URI.
const SYSTEMS: &[&str] = &[
    "2.16.840.1.113883.6.96",
    "2.16.840.1.113883.6.1",
    "2.16.840.1.113883.6.88",
    "2.16.840.1.113883.12.292",
    "2.16.840.1.113883.6.90",
    "2.16.840.1.113883.6.12",
    "2.16.840.1.113883.6.69",
    "2.16.840.1.113883.19.5.99",
    "urn:oid:2.16.840.1.113883.3.247.1.1",
    "http://snomed.info/sct",
    "http://loinc.org",
    "http://www.nlm.nih.gov/research/umls/rxnorm",
    "https://bluebutton.cms.gov/resources/codesystem/adjudication",
    "http://example.org/fhir/CodeSystem/local",
];

/// A code system.
pub fn system() -> impl Strategy<Value = String> {
    proptest::sample::select(SYSTEMS).prop_map(str::to_string)
}

/// A code: digits, a LOINC-like `nnnn-n`, an ICD-like `Ann.n`, or a short word.
pub fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        "[1-9][0-9]{2,8}",
        "[1-9][0-9]{2,5}-[0-9]",
        "[A-Z][0-9]{2}(\\.[0-9]{1,2})?",
        "[a-z]{3,10}",
    ]
}

/// Display text.
pub fn text() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{2,8}( [a-z]{2,8}){0,2}"
}

/// A translation.
pub fn coding() -> impl Strategy<Value = Coding> {
    (code(), system(), of(text())).prop_map(|(code, system, display)| Coding {
        code: Some(code),
        system: Some(system),
        display,
        ..Default::default()
    })
}

/// A coded concept with a code, a system, maybe a display, text and translations.
pub fn coded() -> impl Strategy<Value = Coded> {
    (
        code(),
        system(),
        of(text()),
        of(text()),
        vec(coding(), 0..2),
    )
        .prop_map(
            |(code, system, display, original_text, translations)| Coded {
                code: Some(code),
                system: Some(system),
                display,
                original_text,
                translations,
                ..Default::default()
            },
        )
        .boxed()
}

/// A zone as ISO 8601 writes it: none, `Z`, `+hh:mm` or `-hh:mm`.
fn zone() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Z".to_string()),
        (0u32..14, prop_oneof![Just(0u32), Just(30)], any::<bool>())
            .prop_map(|(h, m, minus)| format!("{}{h:02}:{m:02}", if minus { '-' } else { '+' })),
    ]
}

/// A date or date-time of any precision (year to fractions of a second), with a zone
/// when it has a time, as the readers write them.
pub fn date_time() -> impl Strategy<Value = PartialDateTime> {
    (
        1900u32..2030,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        "[0-9]{1,3}",
        0usize..7,
        zone(),
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, p, zone)| {
            let (value, precision) = match p {
                0 => (format!("{y:04}"), Precision::Year),
                1 => (format!("{y:04}-{mo:02}"), Precision::Month),
                2 => (format!("{y:04}-{mo:02}-{d:02}"), Precision::Day),
                3 => (
                    format!("{y:04}-{mo:02}-{d:02}T{h:02}{zone}"),
                    Precision::Hour,
                ),
                4 => (
                    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}{zone}"),
                    Precision::Minute,
                ),
                5 => (
                    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}"),
                    Precision::Second,
                ),
                _ => (
                    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{frac}{zone}"),
                    Precision::Subsecond,
                ),
            };
            PartialDateTime {
                value: Some(value),
                precision: Some(precision),
                ..Default::default()
            }
        })
}

/// An interval: a single point, or a start with or without an end.
pub fn interval() -> impl Strategy<Value = Interval> {
    prop_oneof![
        date_time().prop_map(|t| Interval {
            value: Some(t),
            ..Default::default()
        }),
        (date_time(), of(date_time())).prop_map(|(low, high)| Interval {
            low: Some(low),
            high,
            ..Default::default()
        }),
    ]
    .boxed()
}

/// A single point in time as an interval.
pub fn point() -> impl Strategy<Value = Interval> {
    date_time().prop_map(|t| Interval {
        value: Some(t),
        ..Default::default()
    })
}

/// An interval given as a start and an end (a FHIR Period).
pub fn period() -> impl Strategy<Value = Interval> {
    (of(date_time()), of(date_time())).prop_map(|(low, high)| Interval {
        low,
        high,
        ..Default::default()
    })
}

/// A period with maybe a point besides its bounds (C-CDA's `value` next to `low` and
/// `high`: the Period's `interval-point` extension).
pub fn period_with_point() -> impl Strategy<Value = Interval> {
    (period(), of(date_time())).prop_map(|(p, value)| Interval {
        value: value.filter(|_| p.low.is_some() || p.high.is_some()),
        ..p
    })
}

/// A decimal as exact text (`12.50`, `-0.5`, `1040`).
pub fn decimal() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,5})(\\.[0-9]{1,3})?"
}

/// A quantity in a UCUM unit, maybe with the same amount in other units (translations).
pub fn quantity() -> impl Strategy<Value = Quantity> {
    (
        decimal(),
        proptest::sample::select(&["mg", "mL", "kg", "mm[Hg]", "/min", "%"][..]),
        vec(coding(), 0..2),
    )
        .prop_map(|(value, unit, translations)| Quantity {
            value: Some(value),
            unit: Some(unit.to_string()),
            unit_system: Some("http://unitsofmeasure.org".into()),
            translations,
            ..Default::default()
        })
        .boxed()
}

/// An identifier: a namespace OID or URI and a value.
pub fn identifier() -> impl Strategy<Value = Identifier> {
    (
        prop_oneof![
            Just("2.16.840.1.113883.19.5".to_string()),
            Just("http://hl7.org/fhir/sid/us-npi".to_string()),
        ],
        "[A-Z0-9]{4,10}",
    )
        .prop_map(|(system, value)| Identifier {
            system: Some(system),
            value: Some(value),
            ..Default::default()
        })
        .boxed()
}

/// A person's name.
pub fn name() -> impl Strategy<Value = PersonName> {
    ("[A-Z][a-z]{2,8}", vec("[A-Z][a-z]{2,8}", 1..3)).prop_map(|(family, given)| PersonName {
        family: Some(family),
        given,
        ..Default::default()
    })
}

/// A clinician: identifiers and a name, maybe a role (a specialty) and an organization.
pub fn participant() -> impl Strategy<Value = Participant> {
    (
        vec(identifier(), 0..2),
        name(),
        of(coded()),
        of(organization()),
    )
        .prop_map(|(ids, name, role, organization)| Participant {
            ids,
            name: Some(name),
            role,
            organization,
            ..Default::default()
        })
}

/// An author: a clinician, maybe with a function in the act, and when they wrote the
/// entry (a point or a span, of any precision).
pub fn author() -> impl Strategy<Value = Participant> {
    (participant(), of(coded()), of(interval())).prop_map(|(p, function, time)| Participant {
        function,
        time,
        ..p
    })
}

/// Entries of `entry` with up to two authors each (`set` stores them).
pub fn authored<T: std::fmt::Debug + Clone + 'static>(
    entry: impl Strategy<Value = T> + 'static,
    set: fn(&mut T, Vec<Participant>),
) -> BoxedStrategy<T> {
    (entry, vec(author(), 0..3))
        .prop_map(move |(mut e, authors)| {
            set(&mut e, authors);
            e
        })
        .boxed()
}

/// A supply order: identifiers, a time (a point: when written; a span: when valid),
/// fills allowed, quantity, days of supply, maybe a prescriber.
fn supply_order_core() -> impl Strategy<Value = MedicationOrder> {
    (
        vec(identifier(), 0..2),
        of(prop_oneof![point(), period()]),
        of(0i64..6),
        of(quantity()),
        of(quantity()),
        of(participant()),
    )
        .prop_map(
            |(ids, time, repeat_number, quantity, days_supply, prescriber)| MedicationOrder {
                ids,
                status: Some("active".into()),
                time: time.filter(|t| t.value.is_some() || t.low.is_some() || t.high.is_some()),
                repeat_number,
                quantity,
                days_supply,
                prescriber,
                ..Default::default()
            },
        )
}

/// A supply order with instructions, its prescriber maybe with when they signed it.
pub fn supply_order() -> impl Strategy<Value = MedicationOrder> {
    (
        supply_order_core().boxed(),
        vec(coded(), 0..2),
        of(interval()),
    )
        .prop_map(|(o, instructions, signed)| MedicationOrder {
            instructions,
            prescriber: o
                .prescriber
                .clone()
                .map(|p| Participant { time: signed, ..p }),
            ..o
        })
        .boxed()
}

/// A postal address.
pub fn address() -> impl Strategy<Value = Address> {
    (
        vec("[1-9][0-9]{0,3} [A-Z][a-z]{3,8} (St|Ave)", 1..2),
        "[A-Z][a-z]{3,8}",
        "[A-Z]{2}",
        "[0-9]{5}",
        of(period()),
    )
        .prop_map(|(lines, city, state, postal_code, period)| Address {
            usage: Some("HP".into()),
            lines,
            city: Some(city),
            state: Some(state),
            postal_code: Some(postal_code),
            period: period
                .filter(|p| p.low.is_some() || p.high.is_some())
                .map(Box::new),
            ..Default::default()
        })
}

/// A phone number or e-mail address.
pub fn telecom() -> impl Strategy<Value = Telecom> {
    prop_oneof![
        "\\+1-[0-9]{3}-[0-9]{3}-[0-9]{4}".prop_map(|v| Telecom {
            system: Some("phone".into()),
            value: Some(v),
            usage: Some("HP".into()),
            ..Default::default()
        }),
        "[a-z]{3,8}@example\\.org".prop_map(|v| Telecom {
            system: Some("email".into()),
            value: Some(v),
            ..Default::default()
        }),
    ]
}

/// A coded concept without translations (an element FHIR holds as one Coding).
pub fn one_code() -> impl Strategy<Value = Coded> {
    coded().prop_map(|c| Coded {
        translations: Vec::new(),
        ..c
    })
}

/// A language with how it is used and how well (each one Coding in FHIR's
/// patient-proficiency extension).
pub fn language() -> impl Strategy<Value = Language> {
    (
        proptest::sample::select(&["en-US", "es", "fr-CA"][..]),
        of(one_code()),
        of(one_code()),
        of(any::<bool>()),
    )
        .prop_map(|(code, mode, proficiency, preferred)| Language {
            code: Some(code.to_string()),
            mode,
            proficiency,
            preferred,
        })
}

/// A CDC race or ethnicity code, maybe with translations.
fn cdc(codes: &'static [&'static str]) -> impl Strategy<Value = Coded> {
    (proptest::sample::select(codes), vec(coding(), 0..2)).prop_map(|(code, translations)| Coded {
        code: Some(code.to_string()),
        system: Some("2.16.840.1.113883.6.238".into()),
        display: Some("Category".into()),
        translations,
        ..Default::default()
    })
}

/// An organization: identifiers and a name.
pub fn organization() -> impl Strategy<Value = Organization> {
    (
        vec(identifier(), 0..2),
        "[A-Z][a-z]{3,8} (Health|Clinic|Insurance)",
    )
        .prop_map(|(ids, name)| Organization {
            ids,
            name: Some(name),
            ..Default::default()
        })
}

/// A patient with identifiers, names, gender, birth date, maybe a death date, marital
/// status, races and ethnicities, addresses and contact points.
fn patient_core() -> impl Strategy<Value = Patient> {
    (
        vec(identifier(), 1..3),
        name(),
        vec(name(), 0..2),
        proptest::sample::select(&["F", "M", "UN", "female", "male", "unknown"][..]),
        date_time(),
        (
            of(date_time()),
            of(coded()),
            vec(
                cdc(&["2106-3", "2054-5", "2028-9", "1002-5", "2076-8"]),
                0..2,
            ),
            vec(cdc(&["2135-2", "2186-5"]), 0..2),
            vec(address(), 0..2),
            vec(telecom(), 0..2),
            vec(language(), 0..2),
        ),
    )
        .prop_map(
            |(
                ids,
                name,
                other_names,
                gender,
                birth,
                (deceased_time, marital_status, race, ethnicity, addresses, telecoms, languages),
            )| Patient {
                deceased_time,
                languages,
                marital_status,
                race,
                ethnicity,
                addresses,
                telecoms,
                ids,
                name: Some(name),
                other_names,
                gender: Some(Coded {
                    code: Some(gender.to_string()),
                    system: Some("2.16.840.1.113883.5.1".into()),
                    ..Default::default()
                }),
                birth_time: Some(birth),
                ..Default::default()
            },
        )
}

/// A patient whose gender is any code (written as FHIR's code with the source's own
/// code beside it).
pub fn patient() -> impl Strategy<Value = Patient> {
    (patient_core().boxed(), of(coded()))
        .prop_map(|(p, other)| Patient {
            gender: other.or(p.gender.clone()),
            ..p
        })
        .boxed()
}

/// An allergy with its substance, onset, status and reactions.
fn allergy_core() -> impl Strategy<Value = Allergy> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(interval()),
        proptest::sample::select(&["active", "completed"][..]),
        vec(
            (
                coded(),
                of(date_time()),
                of(fhir_code(REACTION_SEVERITY, SEVERITIES)),
            ),
            0..3,
        ),
        of(fhir_code(CRITICALITY, CRITICALITIES)),
        of(proptest::sample::select(
            &["55561003", "73425007", "413322009"][..],
        )),
    )
        .prop_map(
            |(ids, allergen, period, status, reactions, criticality, clinical)| Allergy {
                ids,
                status: Some(status.to_string()),
                clinical_status: clinical.map(|code| Coded {
                    code: Some(code.into()),
                    system: Some("2.16.840.1.113883.6.96".into()),
                    ..Default::default()
                }),
                allergen: Some(allergen),
                period,
                criticality,
                reactions: reactions
                    .into_iter()
                    .map(|(manifestation, time, severity)| Reaction {
                        manifestation: Some(manifestation),
                        period: time.map(|t| Interval {
                            value: Some(t),
                            ..Default::default()
                        }),
                        severity,
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            },
        )
}

/// An allergy with the facts FHIR has no element for: its kind, overall severity and
/// its interpretations, concern period, any criticality, and each reaction's whole
/// period, any severity and its interpretations.
pub fn allergy() -> impl Strategy<Value = Allergy> {
    (
        allergy_core().boxed(),
        (
            of(coded()),
            of(coded()),
            vec(coded(), 0..2),
            of(period_with_point()),
            of(coded()),
            vec(
                (of(coded()), vec(coded(), 0..2), of(period_with_point())),
                0..3,
            ),
        ),
    )
        .prop_map(
            |(a, (kind, severity, interpretations, concern_period, criticality, more))| {
                let mut reactions = a.reactions.clone();
                for (r, (severity, interpretations, period)) in reactions.iter_mut().zip(more) {
                    r.severity = severity.or(r.severity.take());
                    r.severity_interpretations = interpretations;
                    r.period = period.or(r.period.take());
                }
                Allergy {
                    kind,
                    severity,
                    severity_interpretations: interpretations,
                    concern_period,
                    criticality: criticality.or(a.criticality.clone()),
                    reactions,
                    ..a
                }
            },
        )
        .boxed()
}

/// FHIR's reaction severity codes and their system.
const REACTION_SEVERITY: &str = "http://hl7.org/fhir/reaction-event-severity";
const SEVERITIES: &[&str] = &["mild", "moderate", "severe"];
/// FHIR's allergy criticality codes and their system.
const CRITICALITY: &str = "http://hl7.org/fhir/allergy-intolerance-criticality";
const CRITICALITIES: &[&str] = &["low", "high", "unable-to-assess"];

/// A code of one of FHIR's own code lists, with its system.
fn fhir_code(system: &'static str, codes: &'static [&'static str]) -> impl Strategy<Value = Coded> {
    proptest::sample::select(codes).prop_map(move |code| Coded {
        code: Some(code.to_string()),
        system: Some(system.to_string()),
        ..Default::default()
    })
}

/// A medication taken (a statement) or ordered (a request), with its route, dose,
/// reasons and fills.
fn medication_core() -> impl Strategy<Value = Medication> {
    (
        vec(identifier(), 0..2),
        coded(),
        prop_oneof![
            Just(None),
            Just(Some("EVN")),
            Just(Some("INT")),
            Just(Some("RQO"))
        ],
        of(interval()),
        of(coded()),
        of(quantity()),
        vec(coded(), 0..2),
        vec((of(coded()), of(interval()), of(quantity())), 0..2),
        (
            of(coded()),
            of(coded()),
            of(coded()),
            of(quantity()),
            vec(coded(), 0..2),
            vec(supply_order(), 0..3),
        ),
        (
            of(frequency()),
            of((quantity(), quantity())),
            of((quantity(), quantity())),
            of(participant()),
            of((period(), of(quantity()), of(quantity()))),
            (
                of(coded()),
                vec(identifier(), 0..2),
                of(text()),
                of("[A-Z0-9]{4,8}"),
            ),
        ),
    )
        .prop_map(
            |(
                ids,
                product,
                mood,
                period,
                route,
                dose,
                indications,
                dispenses,
                (kind, site, negation_reason, rate, instructions, supply_orders),
                (
                    frequency,
                    dose_range,
                    max_dose,
                    prescriber,
                    order,
                    (form, product_ids, manufacturer, lot_number),
                ),
            )| Medication {
                form,
                product_ids,
                manufacturer,
                lot_number,
                frequency,
                dose_range: dose_range.filter(|_| dose.is_none()).map(|(low, high)| {
                    QuantityRange {
                        low: Some(low),
                        high: Some(high),
                    }
                }),
                max_dose: max_dose.map(|(numerator, denominator)| Ratio {
                    numerator: Some(numerator),
                    denominator: Some(denominator),
                }),
                // A prescriber and an order in the resource are a request's, with
                // further orders of its own; a statement's orders are all supply
                // orders.
                prescriber: prescriber.filter(|_| matches!(mood, Some("INT" | "RQO"))),
                order: match mood {
                    Some("INT" | "RQO") => {
                        order.map(|(time, quantity, days_supply)| MedicationOrder {
                            time: Some(time).filter(|t| t.low.is_some() || t.high.is_some()),
                            quantity,
                            days_supply,
                            ..Default::default()
                        })
                    }
                    _ => supply_orders.first().cloned(),
                },
                orders: match mood {
                    Some("INT" | "RQO") => supply_orders,
                    _ => supply_orders.into_iter().skip(1).collect(),
                },
                ids,
                status: Some("active".into()),
                mood: mood.map(str::to_string),
                negated: negation_reason.is_some(),
                negation_reason,
                kind,
                product: Some(product),
                period,
                route,
                site,
                dose,
                rate,
                indications,
                instructions,
                dispenses: dispenses
                    .into_iter()
                    .map(|(product, time, quantity)| Dispense {
                        status: Some("completed".into()),
                        product,
                        time,
                        quantity,
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            },
        )
}

/// A code with maybe its time: a dated reason, a device's group.
pub fn dated() -> impl Strategy<Value = DatedCode> {
    (coded(), of(period())).prop_map(|(code, time)| DatedCode {
        code: Some(code),
        time,
    })
}

/// A medication with its vehicle, clinical status, dated indications and performers.
pub fn medication() -> impl Strategy<Value = Medication> {
    (
        medication_core().boxed(),
        (
            of(coded()),
            of(coded()),
            vec(dated(), 0..2),
            vec(performer(), 0..2),
        ),
    )
        .prop_map(
            |(m, (vehicle, clinical_status, indication_times, performers))| Medication {
                vehicle,
                clinical_status,
                indication_times,
                performers,
                ..m
            },
        )
        .boxed()
}

/// A dosing schedule: every so many hours or days, so many times.
fn frequency_core() -> impl Strategy<Value = Frequency> {
    (
        "[1-9][0-9]?",
        proptest::sample::select(&["h", "d", "wk"][..]),
        of(1i64..5),
    )
        .prop_map(|(value, unit, count)| Frequency {
            period: Some(Quantity {
                value: Some(value),
                unit: Some(unit.to_string()),
                ..Default::default()
            }),
            count,
            ..Default::default()
        })
}

/// A dosing schedule, maybe at an event (an HL7 v3 TimingEvent code, as C-CDA writes
/// it, or any code).
pub fn frequency() -> impl Strategy<Value = Frequency> {
    (
        frequency_core().boxed(),
        of(prop_oneof![
            proptest::sample::select(&["HS", "AC", "PC", "WAKE"][..]).prop_map(|c| Coded {
                code: Some(c.into()),
                system: Some("2.16.840.1.113883.5.139".into()),
                ..Default::default()
            }),
            coded()
        ]),
    )
        .prop_map(|(f, event)| Frequency { event, ..f })
        .boxed()
}

/// A problem with onset and resolution, recorded date, body sites and severity.
fn problem_core() -> impl Strategy<Value = Problem> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(period()),
        of(date_time()),
        vec(coded(), 0..2),
        of(coded()),
        vec(coded(), 0..2),
        of(coded()),
    )
        .prop_map(
            |(ids, code, period, recorded, body_sites, severity, categories, kind)| Problem {
                ids,
                status: Some("active".into()),
                categories,
                kind,
                code: Some(code),
                period: period.filter(|p| p.low.is_some() || p.high.is_some()),
                recorded,
                body_sites,
                severity,
                ..Default::default()
            },
        )
}

/// A problem with its concern period, health status, status time, prognoses and
/// qualifiers of its code.
pub fn problem() -> impl Strategy<Value = Problem> {
    (
        problem_core().boxed(),
        (
            of(period()),
            of(coded()),
            of(period()),
            vec(component(), 0..2),
            vec(qualifier(), 0..2),
        ),
    )
        .prop_map(
            |(p, (concern_period, health_status, status_time, prognoses, qualifiers))| Problem {
                concern_period,
                health_status,
                status_time,
                prognoses,
                code: p.code.clone().map(|c| Coded { qualifiers, ..c }),
                ..p
            },
        )
        .boxed()
}

/// A procedure done, with its time, reasons, body sites and performers.
fn procedure_core() -> impl Strategy<Value = Procedure> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(interval()),
        vec(coded(), 0..2),
        vec(coded(), 0..2),
        vec(performer(), 0..2),
        vec(coded(), 0..2),
    )
        .prop_map(
            |(ids, code, period, reasons, body_sites, performers, devices)| Procedure {
                devices,
                ids,
                status: Some("completed".into()),
                code: Some(code),
                period,
                reasons,
                body_sites,
                performers,
                ..Default::default()
            },
        )
}

/// A procedure with its methods, priority, specimens, a result (the observation
/// variant's value) and dated reasons.
pub fn procedure() -> impl Strategy<Value = Procedure> {
    (
        procedure_core().boxed(),
        (
            vec(coded(), 0..2),
            of(coded()),
            vec(coded(), 0..2),
            of(value()),
            vec(dated(), 0..2),
        ),
    )
        .prop_map(
            |(p, (methods, priority, specimens, value, reason_times))| Procedure {
                reason_times,
                methods,
                priority,
                specimens,
                value,
                ..p
            },
        )
        .boxed()
}

/// An observation value: a quantity, a code, text.
pub fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        quantity().prop_map(|q| Value {
            kind: ValueKind::Quantity,
            quantity: Some(q),
            ..Default::default()
        }),
        coded().prop_map(|c| Value {
            kind: ValueKind::Coded,
            coded: Some(c),
            ..Default::default()
        }),
        text().prop_map(|t| Value {
            kind: ValueKind::Text,
            text: Some(t),
            ..Default::default()
        }),
        (quantity(), quantity()).prop_map(|(low, high)| Value {
            kind: ValueKind::Range,
            range: Some(Box::new(QuantityRange {
                low: Some(low),
                high: Some(high),
            })),
            ..Default::default()
        }),
        (-1000i64..100_000).prop_map(|n| Value {
            kind: ValueKind::Integer,
            integer: Some(n),
            ..Default::default()
        }),
        any::<bool>().prop_map(|b| Value {
            kind: ValueKind::Boolean,
            boolean: Some(b),
            ..Default::default()
        }),
        interval().prop_map(|t| Value {
            kind: ValueKind::Time,
            time: Some(Box::new(t)),
            ..Default::default()
        }),
    ]
    .boxed()
}

/// A component of an observation: a code, a value, interpretations.
fn component_core() -> impl Strategy<Value = Observation> {
    (coded(), of(value()), vec(coded(), 0..2)).prop_map(|(code, value, interpretations)| {
        Observation {
            code: Some(code),
            value,
            interpretations,
            ..Default::default()
        }
    })
}

/// A component with a time and components of its own.
pub fn component() -> impl Strategy<Value = Observation> {
    (
        component_core().boxed(),
        (of(interval()), vec(nested_observation(), 0..2)),
    )
        .prop_map(|(c, (time, components))| Observation {
            time,
            components,
            ..c
        })
        .boxed()
}

/// A reference range: bounds, what they mean, maybe a coded normal value.
pub fn reference_range() -> impl Strategy<Value = ReferenceRange> {
    (quantity(), of(quantity()), of(coded()), of(coded())).prop_map(
        |(low, high, meaning, normal)| ReferenceRange {
            low: Some(low),
            high,
            meaning,
            normal,
            ..Default::default()
        },
    )
}

/// An observation with its code, categories, time, value, interpretations, method,
/// body site, reference ranges, components, performers and specimen.
pub fn observation() -> impl Strategy<Value = Observation> {
    (
        vec(identifier(), 0..2),
        coded(),
        vec(coded(), 0..2),
        of(interval()),
        of(value()),
        vec(coded(), 0..2),
        of(coded()),
        of(coded()),
        vec(reference_range(), 0..2),
        vec(component(), 0..2),
        vec(participant(), 0..2),
        of(coded()),
    )
        .prop_map(
            |(
                ids,
                code,
                categories,
                time,
                value,
                interpretations,
                method,
                site,
                reference_ranges,
                components,
                performers,
                specimen,
            )| Observation {
                performers,
                specimen,
                ids,
                status: Some("completed".into()),
                code: Some(code),
                categories,
                time,
                value,
                interpretations,
                method,
                body_sites: site.into_iter().collect(),
                reference_ranges,
                components,
                ..Default::default()
            },
        )
}

/// A panel of observations (with a code), or a group without a code: a lone
/// observation, or one holding more (its own identifiers, parties, several
/// observations), with no time of its own.
pub fn group() -> impl Strategy<Value = ObservationGroup> {
    (
        vec(identifier(), 0..2),
        of(coded()),
        of(interval()),
        vec(observation(), 1..4),
        vec(participant(), 0..2),
        vec(author(), 0..2),
    )
        .prop_map(|(ids, code, time, observations, performers, authors)| {
            let lone = code.is_none();
            ObservationGroup {
                ids,
                performers,
                authors,
                status: Some("completed".into()),
                time: if lone { None } else { time },
                observations,
                code,
                ..Default::default()
            }
        })
}

/// A lab result group (a panel, or a group without a code): it may name its specimen and
/// hold the procedures and encounters its results came from.
pub fn result_group() -> impl Strategy<Value = ObservationGroup> {
    (
        group(),
        of(coded()),
        vec(procedure(), 0..2),
        vec(encounter(), 0..2),
    )
        .prop_map(|(g, specimen, procedures, encounters)| ObservationGroup {
            specimen,
            procedures,
            // An encounter's diagnoses are read back as problems of their own.
            encounters: encounters
                .into_iter()
                .map(|e| Encounter {
                    diagnoses: Vec::new(),
                    ..e
                })
                .collect(),
            ..g
        })
}

/// An immunization given or refused, at one time (FHIR's `occurrence` has no period).
fn immunization_core() -> impl Strategy<Value = Immunization> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(point()),
        any::<bool>(),
        of(coded()),
        of(coded()),
        of("[A-Z0-9]{4,8}"),
        of(coded()),
        of(quantity()),
        vec(performer(), 0..2),
    )
        .prop_map(
            |(ids, vaccine, time, negated, route, site, lot_number, reason, dose, performers)| {
                Immunization {
                    performers,
                    ids,
                    status: Some("completed".into()),
                    negated,
                    refusal_reason: reason.filter(|_| negated),
                    dose,
                    vaccine: Some(vaccine),
                    time,
                    route,
                    site,
                    lot_number,
                    ..Default::default()
                }
            },
        )
}

/// An immunization with instructions.
pub fn immunization() -> impl Strategy<Value = Immunization> {
    (immunization_core().boxed(), vec(coded(), 0..2))
        .prop_map(|(m, instructions)| Immunization { instructions, ..m })
        .boxed()
}

/// An encounter with its type, time, performers, locations, reasons (some dated) and
/// diagnoses.
pub fn encounter() -> impl Strategy<Value = Encounter> {
    (encounter_core().boxed(), vec(dated(), 0..2))
        .prop_map(|(e, reason_times)| Encounter { reason_times, ..e })
        .boxed()
}

/// An encounter with its type, time, performers, locations, reasons and diagnoses.
fn encounter_core() -> impl Strategy<Value = Encounter> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(period()),
        vec(member(), 0..2),
        vec("[A-Z][a-z]{3,8} (Clinic|Ward|Hospital)", 0..2),
        vec(coded(), 0..2),
        vec(problem(), 0..2),
        of(coded()),
        of(coded()),
    )
        .prop_map(
            |(ids, code, period, performers, places, reasons, diagnoses, disposition, priority)| {
                Encounter {
                    ids,
                    status: Some("completed".into()),
                    priority,
                    code: Some(code),
                    period: period.filter(|p| p.low.is_some() || p.high.is_some()),
                    performers,
                    locations: places
                        .into_iter()
                        .map(|name| Location {
                            name: Some(name),
                            ..Default::default()
                        })
                        .collect(),
                    reasons,
                    diagnoses,
                    discharge_disposition: disposition,
                    ..Default::default()
                }
            },
        )
}

/// A coverage: its kind, payer, subscriber id, relationship and period.
fn coverage_core() -> impl Strategy<Value = Coverage> {
    (
        vec(identifier(), 0..2),
        coded(),
        organization(),
        of("[A-Z0-9]{6,10}"),
        of(coded()),
        of(period()),
        vec((coded(), "[A-Z0-9]{3,8}"), 0..3),
    )
        .prop_map(
            |(ids, kind, payer, subscriber_id, relationship, period, classes)| Coverage {
                classes: classes
                    .into_iter()
                    .map(|(kind, value)| NamedValue {
                        name: Some(kind),
                        value: Some(Value {
                            kind: ValueKind::Coded,
                            coded: Some(Coded {
                                code: Some(value),
                                ..Default::default()
                            }),
                            ..Default::default()
                        }),
                        ..Default::default()
                    })
                    .collect(),
                ids,
                status: Some("active".into()),
                kind: Some(kind),
                payer: Some(payer),
                subscriber_id,
                relationship,
                period: period.filter(|p| p.low.is_some() || p.high.is_some()),
                ..Default::default()
            },
        )
}

/// A coverage's subscriber or covered party: identifiers, relationship, name, gender (any
/// code), birth time, addresses and telecoms.
pub fn insured_person() -> impl Strategy<Value = RelatedPerson> {
    (
        vec(identifier(), 0..2),
        of(coded()),
        of(name()),
        of(coded()),
        of(date_time()),
        vec(address(), 0..2),
        vec(telecom(), 0..2),
    )
        .prop_map(
            |(ids, relationship, name, gender, birth_time, addresses, telecoms)| RelatedPerson {
                ids,
                relationship,
                name,
                gender,
                birth_time,
                addresses,
                telecoms,
                ..Default::default()
            },
        )
}

/// A coverage with a guarantor (with a function), a subscriber and a covered party (with
/// their demographics) and details named by a category whose value is a code (an
/// authorized procedure).
pub fn coverage() -> impl Strategy<Value = Coverage> {
    (
        coverage_core().boxed(),
        of(function_of(participant())),
        vec((coded(), coded()), 0..2),
        of(insured_person()),
        of(insured_person()),
    )
        .prop_map(
            |(c, guarantor, details, subscriber, beneficiary)| Coverage {
                guarantor,
                subscriber,
                beneficiary,
                details: details
                    .into_iter()
                    .map(|(name, value)| NamedValue {
                        name: Some(name),
                        value: Some(Value {
                            kind: ValueKind::Coded,
                            coded: Some(value),
                            ..Default::default()
                        }),
                        ..Default::default()
                    })
                    .collect(),
                ..c
            },
        )
        .boxed()
}

/// Money in US dollars.
pub fn money() -> impl Strategy<Value = Money> {
    "(0|[1-9][0-9]{0,5})\\.[0-9]{2}".prop_map(|value| Money {
        value: Some(value),
        currency: Some("USD".into()),
    })
}

/// An amount with its category and maybe a reason.
pub fn amount() -> impl Strategy<Value = ClaimAmount> {
    (coded(), money(), of(coded())).prop_map(|(category, amount, reason)| ClaimAmount {
        category: Some(category),
        amount: Some(amount),
        reason,
    })
}

/// A claim line: service, time, quantity and amounts.
pub fn item() -> impl Strategy<Value = ClaimItem> {
    (
        coded(),
        of(interval()),
        vec(coded(), 0..2),
        vec(amount(), 0..3),
        of(coded()),
        of(coded()),
        of(quantity()),
    )
        .prop_map(
            |(service, period, modifiers, amounts, revenue, place, quantity)| ClaimItem {
                service: Some(service),
                period,
                modifiers,
                revenue,
                place,
                quantity,
                amounts,
                ..Default::default()
            },
        )
}

/// A labelled fact of a claim (a `supportingInfo`): a coded category and a quantity,
/// text or code, maybe with a date.
pub fn detail() -> impl Strategy<Value = NamedValue> {
    (
        coded(),
        prop_oneof![
            quantity().prop_map(|q| Value {
                kind: ValueKind::Quantity,
                quantity: Some(q),
                ..Default::default()
            }),
            text().prop_map(|t| Value {
                kind: ValueKind::Text,
                text: Some(t),
                ..Default::default()
            }),
            coded().prop_map(|c| Value {
                kind: ValueKind::Coded,
                coded: Some(c),
                ..Default::default()
            }),
        ],
        of(date_time()),
    )
        .prop_map(|(name, value, time)| NamedValue {
            name: Some(name),
            value: Some(value),
            time,
        })
}

/// A participant with a function in the act (a claim's care-team member or payee).
pub fn member() -> impl Strategy<Value = Participant> {
    (participant(), coded()).prop_map(|(p, function)| Participant {
        function: Some(function),
        ..p
    })
}

/// A performer of an act: a member, maybe with when they took part (a point or a span).
pub fn performer() -> impl Strategy<Value = Participant> {
    (member(), of(interval())).prop_map(|(p, time)| Participant { time, ..p })
}

/// A claim: type, billable period, created date, insurer, provider, diagnoses,
/// procedures, lines and totals.
pub fn claim() -> impl Strategy<Value = Claim> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(period()),
        date_time(),
        organization(),
        participant(),
        vec(coded(), 0..3),
        vec((coded(), of(date_time())), 0..2),
        vec(item(), 0..3),
        vec(amount(), 0..3),
        (vec(member(), 0..3), of(member()), vec(detail(), 0..3)),
    )
        .prop_map(
            |(
                ids,
                kind,
                billable,
                created,
                insurer,
                provider,
                dx,
                px,
                items,
                totals,
                (team, payee, details),
            )| Claim {
                details,
                ids,
                status: Some("active".into()),
                outcome: Some("complete".into()),
                kind: Some(kind),
                billable_period: billable.filter(|p| p.low.is_some() || p.high.is_some()),
                created: Some(created),
                insurer: Some(insurer),
                provider: Some(provider),
                diagnoses: dx
                    .into_iter()
                    .enumerate()
                    .map(|(i, code)| ClaimDiagnosis {
                        sequence: i64::try_from(i + 1).ok(),
                        kinds: code
                            .translations
                            .first()
                            .map(|t| Coded {
                                code: t.code.clone(),
                                system: t.system.clone(),
                                ..Default::default()
                            })
                            .into_iter()
                            .collect(),
                        code: Some(code),
                        ..Default::default()
                    })
                    .collect(),
                care_team: team,
                payee,
                procedures: px
                    .into_iter()
                    .map(|(code, time)| ClaimProcedure {
                        code: Some(code),
                        time,
                        ..Default::default()
                    })
                    .collect(),
                items,
                totals,
                ..Default::default()
            },
        )
}

/// A goal: what, when it starts and is due, targets, priority and achievement.
pub fn goal() -> impl Strategy<Value = Goal> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(period()),
        vec(value(), 0..2),
        of(coded()),
        of(coded()),
    )
        .prop_map(|(ids, code, time, targets, priority, achievement)| Goal {
            ids,
            status: Some("active".into()),
            code: Some(code),
            time: time.filter(|t| t.low.is_some() || t.high.is_some()),
            // A time has no place among a goal's targets (`detail[x]` has no dateTime).
            targets: targets
                .into_iter()
                .filter(|v| v.kind != ValueKind::Time)
                .collect(),
            priority,
            achievement,
            ..Default::default()
        })
}

/// A member of the care team with a role, a period and its provenance (template ids and
/// fixed codes).
pub fn care_team_member() -> impl Strategy<Value = CareTeamMember> {
    (
        of("[A-Z][a-z]{3,8} team"),
        participant(),
        of(coded()),
        of(period()),
        source(),
    )
        .prop_map(|(team, member, role, period, source)| CareTeamMember {
            team,
            member: Some(member),
            role,
            period: period.filter(|p| p.low.is_some() || p.high.is_some()),
            source,
            ..Default::default()
        })
}

/// A note: its kind, title, text, time and authors.
pub fn note() -> impl Strategy<Value = Note> {
    (
        vec(identifier(), 0..2),
        of(coded()),
        text(),
        "[A-Za-z .,]{1,60}",
        of(interval()),
        vec(participant(), 0..2),
    )
        .prop_map(|(ids, code, title, text, time, authors)| Note {
            ids,
            code,
            title: Some(title),
            text: Some(text),
            time,
            authors,
            ..Default::default()
        })
}

/// An advance directive that exists: its kind and when it is in force.
fn advance_directive_core() -> impl Strategy<Value = AdvanceDirective> {
    (vec(identifier(), 0..2), coded(), of(period())).prop_map(|(ids, code, period)| {
        AdvanceDirective {
            ids,
            code: Some(code),
            period: period.filter(|p| p.low.is_some() || p.high.is_some()),
            ..Default::default()
        }
    })
}

/// An advance directive with a coded value, a status, a verifier and a custodian (a
/// person or an organization), each with their function.
pub fn advance_directive() -> impl Strategy<Value = AdvanceDirective> {
    (
        advance_directive_core().boxed(),
        (
            of(value()),
            of(function_of(participant())),
            of(coded()),
            of(prop_oneof![
                function_of(participant().prop_map(|p| Participant {
                    organization: None,
                    ..p
                })),
                function_of(organization().prop_map(|o| Participant {
                    organization: Some(o),
                    ..Default::default()
                }))
            ]),
        ),
    )
        .prop_map(
            |(d, (value, verifier, clinical_status, custodian))| AdvanceDirective {
                value: value.filter(|v| v.kind == ValueKind::Coded),
                clinical_status,
                verifiers: verifier.into_iter().collect(),
                custodian,
                ..d
            },
        )
        .boxed()
}

/// A relative and their conditions.
fn family_member_core() -> impl Strategy<Value = FamilyMember> {
    (
        coded(),
        of(date_time()),
        of(date_time()),
        vec((coded(), of(period())), 1..3),
    )
        .prop_map(|(relationship, birth, death, conditions)| FamilyMember {
            status: Some("completed".into()),
            relative: Some(RelatedPerson {
                relationship: Some(relationship),
                birth_time: birth,
                ..Default::default()
            }),
            deceased: death.as_ref().map(|_| true),
            deceased_time: death,
            observations: conditions
                .into_iter()
                .map(|(condition, time)| Observation {
                    value: Some(Value {
                        kind: ValueKind::Coded,
                        coded: Some(condition),
                        ..Default::default()
                    }),
                    time: time.filter(|p| p.low.is_some() || p.high.is_some()),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        })
}

/// A relative of any gender whose conditions may have a code of their own (the
/// condition is then their value) and further observations (age at onset, death).
pub fn family_member() -> impl Strategy<Value = FamilyMember> {
    (
        family_member_core().boxed(),
        (
            of(coded()),
            vec((of(coded()), vec(nested_observation(), 0..2)), 0..3),
        ),
    )
        .prop_map(|(f, (gender, more))| {
            let mut observations = f.observations.clone();
            for (o, (code, components)) in observations.iter_mut().zip(more) {
                o.code = code;
                o.components = components;
            }
            FamilyMember {
                relative: f.relative.clone().map(|r| RelatedPerson { gender, ..r }),
                observations,
                ..f
            }
        })
        .boxed()
}

/// A device: its kind, identifiers and expiry.
fn device_core() -> impl Strategy<Value = MedicalDevice> {
    (vec(identifier(), 0..2), coded(), of(date_time())).prop_map(|(ids, code, expiry)| {
        MedicalDevice {
            ids,
            status: Some("active".into()),
            code: Some(code),
            expiry,
            ..Default::default()
        }
    })
}

/// A device with when and where it was used, the procedure that used it and its group.
pub fn device() -> impl Strategy<Value = MedicalDevice> {
    (
        device_core().boxed(),
        (of(interval()), vec(coded(), 0..2), of(coded()), of(dated())),
    )
        .prop_map(|(d, (time, body_sites, procedure, group))| MedicalDevice {
            group,
            time,
            body_sites,
            procedure,
            ..d
        })
        .boxed()
}

/// A planned activity: a care plan or a planned service, with its time, reasons,
/// body sites and performers.
fn planned_core() -> impl Strategy<Value = PlannedActivity> {
    (
        vec(identifier(), 0..2),
        any::<bool>(),
        coded(),
        of(interval()),
        vec(coded(), 0..2),
        vec(coded(), 0..2),
        vec(participant(), 0..2),
    )
        .prop_map(
            |(ids, care_plan, code, time, reasons, body_sites, performers)| {
                if care_plan {
                    // A CarePlan: a category, a period and an author.
                    PlannedActivity {
                        ids,
                        kind: Some("care-plan".into()),
                        status: Some("active".into()),
                        code: Some(code),
                        time: time.map(|t| Interval {
                            low: t.value.or(t.low),
                            high: t.high,
                            ..Default::default()
                        }),
                        authors: performers.into_iter().take(1).collect(),
                        ..Default::default()
                    }
                } else {
                    PlannedActivity {
                        ids,
                        kind: Some("procedure".into()),
                        mood: Some("RQO".into()),
                        status: Some("active".into()),
                        code: Some(code),
                        time,
                        reasons,
                        body_sites,
                        performers,
                        ..Default::default()
                    }
                }
            },
        )
}

/// A planned activity with any priority, a route, performers with their function, the
/// activities it groups (nested) and dated reasons.
pub fn planned() -> impl Strategy<Value = PlannedActivity> {
    (
        planned_core().boxed(),
        (
            of(coded()),
            of(coded()),
            vec(coded(), 0..2),
            vec(planned_component(), 0..2),
            vec(dated(), 0..2),
        ),
    )
        .prop_map(
            |(a, (priority, route, functions, components, reason_times))| {
                let mut performers = a.performers.clone();
                for (p, f) in performers.iter_mut().zip(functions) {
                    p.function = Some(f);
                }
                // A CarePlan has no priority, route nor performers.
                let service = a.kind.as_deref() != Some("care-plan");
                PlannedActivity {
                    priority: priority.filter(|_| service),
                    route: route.filter(|_| service),
                    performers,
                    components,
                    reason_times,
                    ..a
                }
            },
        )
        .boxed()
}

/// A health concern with its observations.
pub fn concern() -> impl Strategy<Value = Concern> {
    (
        vec(identifier(), 0..2),
        coded(),
        of(period()),
        vec(observation(), 0..2),
    )
        .prop_map(|(ids, code, period, observations)| Concern {
            ids,
            status: Some("active".into()),
            code: Some(code),
            period: period.filter(|p| p.low.is_some() || p.high.is_some()),
            observations,
            ..Default::default()
        })
}

/// A header party: an author-like clinician with a function and a time, or (as a null
/// flavor leaves one) a party known only by its time.
fn header_party() -> impl Strategy<Value = Participant> {
    prop_oneof![
        3 => author(),
        1 => interval().prop_map(|time| Participant {
            time: Some(time),
            ..Default::default()
        }),
    ]
}

/// A non-XML body: text, or base64 content of another type.
fn body() -> impl Strategy<Value = Attachment> {
    prop_oneof![
        "[A-Za-z .,]{1,40}".prop_map(|text| Attachment {
            media_type: Some("text/plain".into()),
            data: Some(text),
            ..Default::default()
        }),
        "[A-Za-z0-9]{4,12}".prop_map(|b64| Attachment {
            media_type: Some("application/pdf".into()),
            data: Some(b64),
            encoding: Some("base64".into()),
            ..Default::default()
        }),
    ]
}

/// The header of a clinical document with every field: ids, set id and version, type,
/// title, date, confidentiality, language, authors, custodian, legal authenticator,
/// authenticators, informants, recipients, participants (each with a function and a
/// time), the documented service's period, codes and performers, purposes, the
/// encounter and a non-XML body.
pub fn document() -> impl Strategy<Value = Document> {
    let about = (
        vec(identifier(), 1..3),
        of(identifier()),
        of(1..100i64),
        coded(),
        text(),
        date_time(),
        of(coded()),
        of(proptest::sample::select(&["en-US", "es", "fr-CA"][..])),
    )
        .boxed();
    let parties = (
        vec(author(), 1..3),
        of(organization()),
        of(header_party()),
        vec(header_party(), 0..2),
        vec(header_party(), 0..2),
        vec(header_party(), 0..2),
        vec(header_party(), 0..2),
    )
        .boxed();
    let service = (
        of(period()),
        vec(coded(), 0..2),
        vec(header_party(), 0..2),
        vec(coded(), 0..2),
        of(encounter()),
        of(body()),
    )
        .boxed();
    (about, parties, service).prop_map(
        |(
            (ids, set_id, version_number, code, title, created, confidentiality, language),
            (
                authors,
                custodian,
                legal_authenticator,
                authenticators,
                informants,
                recipients,
                participants,
            ),
            (service_period, service_codes, service_performers, purposes, encounter, body),
        )| Document {
            ids,
            set_id,
            version_number,
            code: Some(code),
            title: Some(title),
            created: Some(created),
            confidentiality,
            language: language.map(str::to_string),
            authors,
            custodian,
            legal_authenticator,
            authenticators,
            informants,
            recipients,
            participants,
            service_period: service_period.filter(|p| p.low.is_some() || p.high.is_some()),
            service_codes,
            service_performers,
            purposes,
            encounter,
            body,
        },
    )
}

/// An observation with authors.
fn authored_observation() -> impl Strategy<Value = Observation> {
    authored(observation(), |o, a| o.authors = a)
}

/// A record of any input format with every list above (a document header when the
/// format is a clinical document's), entries with authors, and entries that belong to
/// an encounter (see `link_encounters`).
pub fn record() -> impl Strategy<Value = HealthRecord> {
    let clinical = (
        vec(authored(allergy(), |e, a| e.authors = a), 0..3),
        vec(authored(medication(), |e, a| e.authors = a), 0..3),
        vec(authored(problem(), |e, a| e.authors = a), 0..3),
        vec(authored(procedure(), |e, a| e.authors = a), 0..3),
        vec(result_group(), 0..3),
        vec(group(), 0..3),
        vec(authored(immunization(), |e, a| e.authors = a), 0..3),
        vec(authored(encounter(), |e, a| e.authors = a), 0..3),
    )
        .boxed();
    let financial = (vec(coverage(), 0..2), vec(claim(), 0..2)).boxed();
    let observations = (
        vec(authored_observation(), 0..2),
        vec(authored_observation(), 0..2),
        vec(authored_observation(), 0..2),
    )
        .boxed();
    let care = (
        vec(authored(goal(), |e, a| e.authors = a), 0..2),
        vec(care_team_member(), 0..3),
        vec(authored(note(), |e, a| e.authors = a), 0..2),
        vec(authored(advance_directive(), |e, a| e.authors = a), 0..2),
        vec(family_member(), 0..2),
        vec(authored(device(), |e, a| e.authors = a), 0..2),
        vec(authored(planned(), |e, a| e.authors = a), 0..3),
        vec(authored(concern(), |e, a| e.authors = a), 0..2),
    )
        .boxed();
    let format = proptest::sample::select(
        &[
            FormatKind::Ccda,
            FormatKind::C32,
            FormatKind::VaText,
            FormatKind::CmsText,
            FormatKind::FhirJson,
        ][..],
    );
    let header = (format, of(document()), patient()).boxed();
    let extra = (vec(source(), 1..4), vec(author(), 1..4), vec(place(), 1..3)).boxed();
    (header, clinical, financial, observations, care, extra).prop_map(
        |(
            (kind, document, patient),
            (
                allergies,
                medications,
                problems,
                procedures,
                results,
                vitals,
                immunizations,
                encounters,
            ),
            (coverage, claims),
            (social_history, functional_status, mental_status),
            (
                goals,
                care_team,
                notes,
                advance_directives,
                family_history,
                medical_equipment,
                plan_of_care,
                health_concerns,
            ),
            (sources, parties, places),
        )| {
            let record = link_encounters(HealthRecord {
                format: SourceFormat {
                    kind,
                    ..Default::default()
                },
                document: document
                    .filter(|_| kind != FormatKind::FhirJson)
                    .unwrap_or_default(),
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
                coverage,
                claims,
                care_team,
                notes,
                ..Default::default()
            });
            with_parties(with_sources(record, &sources), &parties, &places)
        },
    )
}

/// A place: a name and maybe its type.
pub fn place() -> impl Strategy<Value = Location> {
    ("[A-Z][a-z]{3,8} (Clinic|Ward|Hospital)", of(coded())).prop_map(|(name, kind)| Location {
        name: Some(name),
        kind,
        ..Default::default()
    })
}

/// Gives entries, from `parties` and `places` in turn, the parties FHIR has no element
/// for (a medication's monitors, an encounter's, panel's or observation's other
/// participants, a component's participants and authors at any depth, a plan component's
/// performers and authors) and planned activities and problems their places.
fn with_parties(
    mut record: HealthRecord,
    parties: &[Participant],
    places: &[Location],
) -> HealthRecord {
    let mut next = parties.iter().cycle();
    let mut take = |n: usize| -> Vec<Participant> { next.by_ref().take(n).cloned().collect() };
    for (i, m) in record.medications.iter_mut().enumerate() {
        m.monitors = take(i % 3);
    }
    for (i, e) in record.encounters.iter_mut().enumerate() {
        e.participants = take(i % 3);
    }
    // A panel's or report's own participants (with or without a code).
    let panels = record.results.iter_mut().chain(record.vitals.iter_mut());
    for (i, g) in panels.enumerate() {
        g.participants = take((i + 1) % 3);
    }
    for (i, p) in record.problems.iter_mut().enumerate() {
        p.locations = places.iter().take((i + 1) % 3).cloned().collect();
    }
    let groups = record
        .results
        .iter_mut()
        .chain(record.vitals.iter_mut())
        .flat_map(|g| g.observations.iter_mut());
    let observations = record
        .social_history
        .iter_mut()
        .chain(record.functional_status.iter_mut())
        .chain(record.mental_status.iter_mut())
        .chain(groups)
        .chain(
            record
                .health_concerns
                .iter_mut()
                .flat_map(|c| c.observations.iter_mut()),
        );
    for (i, o) in observations.enumerate() {
        o.participants = take(i % 2);
        for (j, c) in o.components.iter_mut().enumerate() {
            component_parties(c, &mut take, i + j);
        }
    }
    for (i, a) in record.plan_of_care.iter_mut().enumerate() {
        a.locations = places.iter().take(i % 3).cloned().collect();
        for (j, c) in a.components.iter_mut().enumerate() {
            plan_parties(c, &mut take, i + j);
        }
    }
    record
}

/// Gives a component and its own components participants and authors.
fn component_parties(
    o: &mut Observation,
    take: &mut impl FnMut(usize) -> Vec<Participant>,
    n: usize,
) {
    o.participants = take(n % 2);
    o.authors = take((n + 1) % 2);
    for (j, c) in o.components.iter_mut().enumerate() {
        component_parties(c, take, n + j + 1);
    }
}

/// Gives a plan component and its own components performers and authors.
fn plan_parties(
    a: &mut PlannedActivity,
    take: &mut impl FnMut(usize) -> Vec<Participant>,
    n: usize,
) {
    a.performers = take(n % 2);
    a.authors = take((n + 1) % 2);
    for (j, c) in a.components.iter_mut().enumerate() {
        plan_parties(c, take, n + j + 1);
    }
}

/// An entry's provenance: codes its templates fix (any codes) and template ids.
pub fn source() -> impl Strategy<Value = Source> {
    (
        vec(coding(), 0..3),
        vec(
            "2\\.16\\.840\\.1\\.113883\\.10\\.20\\.[0-9]{1,2}\\.[0-9]{1,3}",
            0..2,
        ),
    )
        .prop_map(|(codes, template_ids)| Source {
            codes,
            template_ids,
            ..Default::default()
        })
}

/// Gives each entry written as a resource of its own (every group and every observation
/// of a group too) one of `sources` in turn; a lone observation's group has the
/// observation's.
fn with_sources(mut record: HealthRecord, sources: &[Source]) -> HealthRecord {
    let mut next = sources.iter().cycle();
    let groups = record
        .results
        .iter_mut()
        .chain(record.vitals.iter_mut())
        .flat_map(|g| {
            let ObservationGroup {
                source,
                observations,
                ..
            } = g;
            std::iter::once(source).chain(observations.iter_mut().map(|o| &mut o.source))
        });
    let entries = record
        .allergies
        .iter_mut()
        .map(|e| &mut e.source)
        .chain(record.medications.iter_mut().map(|e| &mut e.source))
        .chain(record.problems.iter_mut().map(|e| &mut e.source))
        .chain(record.procedures.iter_mut().map(|e| &mut e.source))
        .chain(groups)
        .chain(record.immunizations.iter_mut().map(|e| &mut e.source))
        .chain(record.encounters.iter_mut().map(|e| &mut e.source))
        .chain(record.coverage.iter_mut().map(|e| &mut e.source))
        .chain(record.claims.iter_mut().map(|e| &mut e.source))
        .chain(
            record
                .social_history
                .iter_mut()
                .chain(record.functional_status.iter_mut())
                .chain(record.mental_status.iter_mut())
                .map(|e| &mut e.source),
        )
        .chain(record.goals.iter_mut().map(|e| &mut e.source))
        .chain(record.notes.iter_mut().map(|e| &mut e.source))
        .chain(record.advance_directives.iter_mut().map(|e| &mut e.source))
        .chain(record.family_history.iter_mut().map(|e| &mut e.source))
        .chain(record.medical_equipment.iter_mut().map(|e| &mut e.source))
        .chain(record.plan_of_care.iter_mut().map(|e| &mut e.source))
        .chain(record.health_concerns.iter_mut().map(|e| &mut e.source));
    for s in entries {
        *s = next.next().cloned().unwrap_or_default();
    }
    // A lone observation (a group without a code) is its own group.
    for g in record.results.iter_mut().chain(record.vitals.iter_mut()) {
        if let (None, [o]) = (&g.code, g.observations.as_slice()) {
            g.source = o.source.clone();
        }
    }
    record
}

/// Links entries to encounters by identifier, as C-CDA entries that name their
/// encounter: every other entry of each list names an encounter of the record (in turn),
/// and the rest of the entries of a list whose position is a multiple of three name an
/// encounter the record does not hold (by one identifier or two).
fn link_encounters(mut record: HealthRecord) -> HealthRecord {
    let known: Vec<Identifier> = record
        .encounters
        .iter()
        .filter_map(|e| e.ids.first().cloned())
        .collect();
    let mut next = 0;
    let mut pick = |i: usize| -> Vec<Identifier> {
        if i % 2 == 0 && !known.is_empty() {
            next += 1;
            known.get(next % known.len()).cloned().into_iter().collect()
        } else if i % 3 == 0 {
            // An encounter the record does not hold, by one identifier or (every other
            // time) two.
            let id = |n: usize| Identifier {
                system: Some("2.16.840.1.113883.19.5.1".into()),
                value: Some(format!("ENC{n}")),
                ..Default::default()
            };
            (0..1 + i % 2).map(|k| id(i * 10 + k)).collect()
        } else {
            Vec::new()
        }
    };
    for (i, e) in record.allergies.iter_mut().enumerate() {
        e.encounter_ids = pick(i);
    }
    for (i, e) in record.problems.iter_mut().enumerate() {
        e.encounter_ids = pick(i);
    }
    for (i, e) in record.medications.iter_mut().enumerate() {
        e.encounter_ids = pick(i);
    }
    for (i, e) in record.procedures.iter_mut().enumerate() {
        e.encounter_ids = pick(i);
    }
    for (i, e) in record.immunizations.iter_mut().enumerate() {
        e.encounter_ids = pick(i);
    }
    for (i, e) in record.plan_of_care.iter_mut().enumerate() {
        e.encounter_ids = pick(i);
    }
    let groups = record.results.iter_mut().chain(record.vitals.iter_mut());
    let lists = [
        &mut record.social_history,
        &mut record.functional_status,
        &mut record.mental_status,
    ];
    let observations = groups
        .flat_map(|g| g.observations.iter_mut())
        .chain(lists.into_iter().flatten());
    for (i, o) in observations.enumerate() {
        o.encounter_ids = pick(i);
    }
    record
}

/// An observation a component or a relative's condition holds in an extension: a code,
/// a value, a time, interpretations, and (once more) components of its own.
fn nested_observation() -> impl Strategy<Value = Observation> {
    let leaf = || {
        (coded(), of(value()), of(interval()), vec(coded(), 0..2)).prop_map(
            |(code, value, time, interpretations)| Observation {
                code: Some(code),
                value,
                time,
                interpretations,
                ..Default::default()
            },
        )
    };
    (leaf(), vec(leaf(), 0..2))
        .prop_map(|(o, components)| Observation { components, ..o })
        .boxed()
}

/// A party with a function in the act.
fn function_of(
    party: impl Strategy<Value = Participant> + 'static,
) -> impl Strategy<Value = Participant> {
    (party, coded())
        .prop_map(|(p, function)| Participant {
            function: Some(function),
            ..p
        })
        .boxed()
}

/// An activity a plan groups: its kind, mood, code, time, value, product, dose, route,
/// body sites, priority, reasons, notes, and (once more) activities of its own.
fn planned_component() -> impl Strategy<Value = PlannedActivity> {
    (planned_leaf(), vec(planned_leaf(), 0..2))
        .prop_map(|(a, components)| PlannedActivity { components, ..a })
        .boxed()
}

/// A planned activity with nothing nested.
fn planned_leaf() -> impl Strategy<Value = PlannedActivity> {
    (
        proptest::sample::select(&["act", "procedure", "observation", "encounter"][..]),
        proptest::sample::select(&["INT", "EVN", "RQO"][..]),
        of(coded()),
        of(interval()),
        of(value()),
        (of(coded()), of(quantity()), of(coded())),
        vec(coded(), 0..2),
        of(coded()),
        vec(coded(), 0..2),
        vec(text(), 0..2),
        any::<bool>(),
    )
        .prop_map(
            |(
                kind,
                mood,
                code,
                time,
                value,
                (product, dose, route),
                body_sites,
                priority,
                reasons,
                notes,
                negated,
            )| PlannedActivity {
                kind: Some(kind.into()),
                mood: Some(mood.into()),
                status: Some("active".into()),
                negated,
                code,
                time,
                value,
                product,
                dose,
                route,
                body_sites,
                priority,
                reasons,
                notes,
                ..Default::default()
            },
        )
        .boxed()
}

/// A qualifier of a coded concept: a name and a value.
fn qualifier() -> impl Strategy<Value = Qualifier> {
    (coding(), coding()).prop_map(|(name, value)| Qualifier {
        name: Some(name),
        value: Some(value),
    })
}
