//! What other resources say of an entry: its authors (Provenance), its further supply
//! orders (MedicationRequests that renew a request or that a statement is based on), and
//! the encounter it belongs to.
//!
//! A Provenance's `author` agents are authors of each resource it targets, with the
//! activity's time (`occurred[x]`, else `recorded`) as theirs; an entry with such
//! authors takes them instead of its own author element (which names the first of them
//! when the Bundle was written by `to_fhir`). A Provenance all of whose agents are
//! authors and all of whose targets are entries with authors is read that way and not
//! kept whole. A MedicationRequest of intent `order` that holds only what a supply
//! order holds (identifiers, status, drug, time, prescriber, dispense request) and
//! names a request as its `priorPrescription`, or that a MedicationStatement names as
//! `basedOn`, is a further order of that medication.

use super::datatypes::{coded_at, identifier, identifiers};
use super::json::Object;
use super::{Ctx, Resource};
use bluebutton_model::{Identifier, MedicationOrder, Participant};
use std::collections::{HashMap, HashSet};

/// The resource types read into entries that have authors.
const AUTHORED: &[&str] = &[
    "AllergyIntolerance",
    "Condition",
    "MedicationRequest",
    "MedicationStatement",
    "MedicationDispense",
    "MedicationAdministration",
    "Observation",
    "DiagnosticReport",
    "Immunization",
    "Procedure",
    "Encounter",
    "CarePlan",
    "ServiceRequest",
    "Goal",
    "Device",
    "DocumentReference",
];

/// The members a MedicationRequest read as a supply order may have.
const ORDER_MEMBERS: &[&str] = &[
    "resourceType",
    "id",
    "meta",
    "text",
    "identifier",
    "status",
    "intent",
    "medicationCodeableConcept",
    "medicationReference",
    "subject",
    "authoredOn",
    "requester",
    "priorPrescription",
    "dispenseRequest",
];

/// Links between resources found before mapping, by the address of the resource they
/// are about.
#[derive(Debug, Default, Clone)]
pub(super) struct Links<'a> {
    /// The Provenances naming each resource as a target.
    provenances: HashMap<usize, Vec<&'a Object<'a>>>,
    /// Provenances read as authors, not kept whole.
    read: HashSet<usize>,
    /// The further supply orders of each medication resource, in input order.
    orders: HashMap<usize, Vec<&'a Object<'a>>>,
    /// The MedicationRequests read as further supply orders, not as medications.
    folded: HashSet<usize>,
}

/// A resource's address, its key in the links.
fn key(o: &Object<'_>) -> usize {
    std::ptr::from_ref(o) as usize
}

/// Whether a Provenance agent is an author (its type's code is `author`).
fn is_author(agent: &Object<'_>) -> bool {
    agent
        .obj("type")
        .is_some_and(|t| t.objects("coding").any(|c| c.str("code") == Some("author")))
}

/// Whether a MedicationRequest holds only what a supply order holds.
fn is_order_only(o: &Object<'_>) -> bool {
    o.str("resourceType") == Some("MedicationRequest")
        && o.str("intent") == Some("order")
        && o.members
            .iter()
            .all(|(k, _)| ORDER_MEMBERS.contains(&k.as_ref()))
}

/// How many `priorPrescription` links are followed to the first prescription.
const MAX_RENEWALS: usize = 16;

/// The prescription a supply order renews, through the supply orders before it: the
/// first MedicationRequest of its `priorPrescription` chain that is no supply order
/// renewing another (none when the order renews nothing, or the chain loops).
fn first_prescription<'a>(ctx: &Ctx<'a>, order: &'a Object<'a>) -> Option<&'a Object<'a>> {
    let prior = |o: &'a Object<'a>| {
        o.obj("priorPrescription")
            .and_then(|r| r.str("reference"))
            .and_then(|r| ctx.index.resolve(o, r))
            .filter(|p| p.str("resourceType") == Some("MedicationRequest"))
    };
    let mut at = prior(order)?;
    for _ in 0..MAX_RENEWALS {
        match prior(at) {
            // A chain back to the order itself names no first prescription.
            Some(before) if std::ptr::eq(before, order) => return None,
            Some(before) if is_order_only(at) => at = before,
            _ => return Some(at),
        }
    }
    None
}

/// Before mapping: indexes Provenances by target and further supply orders by the
/// medication they belong to, and marks those orders as read with it.
pub(super) fn prepare<'a>(ctx: &mut Ctx<'a>, resources: &[Resource<'a>]) {
    for res in resources {
        let o = res.obj;
        match res.kind {
            "Provenance" => {
                let agents: Vec<_> = o.objects("agent").collect();
                let mut all_entries = !agents.is_empty() && agents.iter().all(|a| is_author(a));
                let mut targets = Vec::new();
                for t in o.objects("target") {
                    let found = t.str("reference").and_then(|r| ctx.index.resolve(o, r));
                    match found {
                        Some(target) => {
                            let kind = target.str("resourceType").unwrap_or_default();
                            all_entries &= AUTHORED.contains(&kind);
                            targets.push(target);
                        }
                        None => all_entries = false,
                    }
                }
                for target in targets {
                    ctx.links
                        .provenances
                        .entry(key(target))
                        .or_default()
                        .push(o);
                }
                if all_entries {
                    ctx.links.read.insert(key(o));
                }
            }
            // An order is read with one medication only (a renewal that a statement is
            // also based on, with the first that names it).
            "MedicationRequest" if is_order_only(o) && !ctx.links.folded.contains(&key(o)) => {
                if let Some(first) = first_prescription(ctx, o) {
                    ctx.links.orders.entry(key(first)).or_default().push(o);
                    ctx.links.folded.insert(key(o));
                }
            }
            "MedicationStatement" => {
                for r in o.objects("basedOn") {
                    let order = r
                        .str("reference")
                        .and_then(|r| ctx.index.resolve(o, r))
                        .filter(|t| is_order_only(t) && !ctx.links.folded.contains(&key(t)));
                    if let Some(order) = order {
                        ctx.links.orders.entry(key(o)).or_default().push(order);
                        ctx.links.folded.insert(key(order));
                    }
                }
            }
            _ => {}
        }
    }
}

impl<'a> Ctx<'a> {
    /// Whether a MedicationRequest is read as a further supply order of another
    /// medication resource.
    pub fn is_further_order(&self, o: &Object<'_>) -> bool {
        self.links.folded.contains(&key(o))
    }

    /// Whether a Provenance was read as the authors of its targets.
    pub fn is_read_provenance(&self, o: &Object<'_>) -> bool {
        self.links.read.contains(&key(o))
    }

    /// The authors of the resource `o`: those its Provenances name, else `own` (read
    /// from its own author element).
    pub fn authors(&mut self, o: &Object<'_>, own: Vec<Participant>) -> Vec<Participant> {
        let Some(provenances) = self.links.provenances.get(&key(o)).cloned() else {
            return own;
        };
        let mut authors = Vec::new();
        for prov in provenances {
            let time = self
                .time_choice(prov, "occurred")
                .or_else(|| self.instant_at(prov, "recorded"));
            for agent in prov.objects("agent").filter(|a| is_author(a)) {
                let mut p = match agent.obj("who") {
                    Some(who) => self.participant(prov, who),
                    None => Participant::default(),
                };
                if p.organization.is_none() {
                    p.organization = self
                        .organization_at(agent, "onBehalfOf")
                        .filter(|_| p.name.is_some() || !p.ids.is_empty());
                }
                p.function = coded_at(agent, "role")
                    .or_else(|| agent.objects("role").next().map(super::datatypes::coded));
                p.time.clone_from(&time);
                authors.push(p);
            }
        }
        if authors.is_empty() {
            own
        } else {
            authors
        }
    }

    /// The further supply orders of the medication resource `o`, with the orders that
    /// renew them in turn (each once).
    pub fn further_orders(&mut self, o: &Object<'_>) -> Vec<MedicationOrder> {
        let mut found: Vec<&'a Object<'a>> = Vec::new();
        let mut next = self.links.orders.get(&key(o)).cloned().unwrap_or_default();
        next.reverse();
        while let Some(r) = next.pop() {
            if found.iter().any(|f| std::ptr::eq(*f, r)) {
                continue;
            }
            found.push(r);
            if let Some(more) = self.links.orders.get(&key(r)) {
                next.extend(more.iter().rev());
            }
        }
        found.into_iter().map(|r| self.supply_order(r)).collect()
    }

    /// A MedicationRequest as a supply order: its identifiers, status, time (the
    /// dispense request's validity period, else `authoredOn`), prescriber, fills
    /// allowed, quantity and days of supply.
    pub fn supply_order(&mut self, o: &'a Object<'a>) -> MedicationOrder {
        let dispense = o.obj("dispenseRequest");
        let time = match dispense {
            Some(d) => self.period_at(d, "validityPeriod"),
            None => None,
        };
        MedicationOrder {
            ids: identifiers(o),
            status: o.string("status"),
            time: time.or_else(|| self.instant_at(o, "authoredOn")),
            repeat_number: dispense.and_then(|d| d.int("numberOfRepeatsAllowed")),
            quantity: dispense.and_then(|d| super::datatypes::quantity_at(d, "quantity")),
            days_supply: dispense
                .and_then(|d| super::datatypes::quantity_at(d, "expectedSupplyDuration")),
            prescriber: self.participant_at(o, "requester").map(|mut p| {
                p.time = o
                    .obj("requester")
                    .and_then(|r| super::extensions::own_time(self, r, "participation-time"));
                p
            }),
            instructions: dispense
                .map(|d| super::extensions::own_coded_all(d, "supply-instruction"))
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    /// The encounter the resource `o` belongs to (its Reference member `key`): the
    /// identifier the Reference holds (with its further `encounter-identifier`s), else the
    /// identifiers of the Encounter it names.
    pub fn encounter_ids(&mut self, o: &'a Object<'a>, key: &str) -> Vec<Identifier> {
        let Some(r) = o.obj(key) else {
            return Vec::new();
        };
        if let Some(id) = r.obj("identifier") {
            let mut ids = vec![identifier(id)];
            ids.extend(super::extensions::own_identifiers(
                r,
                "encounter-identifier",
            ));
            return ids;
        }
        match self.target(o, r) {
            Some(e) if e.str("resourceType") == Some("Encounter") => identifiers(e),
            _ => Vec::new(),
        }
    }
}
