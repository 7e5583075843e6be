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
//!
//! Links are noted by the address of the resource they are about; a resource that a
//! Provenance target, a prior prescription or a `basedOn` names on an NDJSON line read
//! later (`Unread`) has them noted by its place, and given to it when its line is read
//! (`Links::over`).

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
    "DeviceUseStatement",
    "Appointment",
    "DeviceRequest",
    "NutritionOrder",
    "CommunicationRequest",
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
#[derive(Debug, Default)]
pub(super) struct Links<'a> {
    /// The Provenances naming each resource as a target.
    provenances: HashMap<usize, Vec<&'a Object<'a>>>,
    /// Provenances read as authors, not kept whole.
    read: HashSet<usize>,
    /// The further supply orders of each medication resource, in input order.
    orders: HashMap<usize, Vec<&'a Object<'a>>>,
    /// The MedicationRequests read as further supply orders, not as medications.
    folded: HashSet<usize>,
    /// Where the resources that Provenance targets, prior prescriptions and the orders
    /// statements are based on name lie when they are not among the resources prepared
    /// (NDJSON lines read later), by reference.
    unread: HashMap<Box<str>, Unread>,
    /// What is said of those resources, by their place.
    later: HashMap<Place, Said<'a>>,
    /// The links of the resources prepared, when these are the links of others read later.
    base: Option<&'a Links<'a>>,
}

/// A resource's place in an NDJSON input: its line's index among the non-blank lines,
/// and its index among the line's resources.
pub(super) type Place = (usize, usize);

/// A resource that a Provenance target, a renewal's prior prescription or a statement's
/// `basedOn` names, on a line read only after the links are prepared (never a supply
/// order: a statement based on one reads it).
#[derive(Debug)]
pub(super) struct Unread {
    /// Where it lies.
    pub place: Place,
    /// Its `resourceType`.
    pub kind: Box<str>,
}

/// What the links say of a resource read after they were prepared.
#[derive(Debug, Default)]
pub(super) struct Said<'a> {
    /// The Provenances naming it as a target, in input order.
    provenances: Vec<&'a Object<'a>>,
    /// Its further supply orders, in input order.
    orders: Vec<&'a Object<'a>>,
}

/// What a Provenance target, a prior prescription or a `basedOn` names: a resource
/// prepared, or one read later.
#[derive(Clone, Copy)]
enum Named<'a, 'u> {
    /// A resource among those prepared.
    Here(&'a Object<'a>),
    /// A resource read later.
    Later(&'u Unread),
}

/// Where a named resource's links go: its address, or its place when read later.
#[derive(Clone, Copy)]
enum At {
    /// The address of a resource prepared.
    Address(usize),
    /// The place of a resource read later.
    Place(Place),
}

impl Named<'_, '_> {
    /// Where the named resource's links go.
    fn at(&self) -> At {
        match self {
            Named::Here(o) => At::Address(key(o)),
            Named::Later(u) => At::Place(u.place),
        }
    }

    /// The named resource's type.
    fn kind(&self) -> &str {
        match self {
            Named::Here(o) => o.str("resourceType").unwrap_or_default(),
            Named::Later(u) => &u.kind,
        }
    }
}

impl<'a> Links<'a> {
    /// Links whose Provenance targets, prior prescriptions and `basedOn`s may name
    /// resources read later (`unread`, by reference).
    pub fn with_unread(unread: HashMap<Box<str>, Unread>) -> Self {
        Links {
            unread,
            ..Links::default()
        }
    }

    /// Takes what is said of the resource read later at `place`, if anything.
    pub fn take_later(&mut self, place: Place) -> Option<Said<'a>> {
        self.later.remove(&place)
    }

    /// Links over `base` for resources read after its own were prepared, with what is
    /// said of each of them (from [`Links::take_later`]).
    pub fn over(base: &'a Links<'a>, later: Vec<(&Object<'_>, Said<'a>)>) -> Self {
        let mut links = Links {
            base: Some(base),
            ..Links::default()
        };
        for (o, said) in later {
            if !said.provenances.is_empty() {
                links.provenances.insert(key(o), said.provenances);
            }
            if !said.orders.is_empty() {
                links.orders.insert(key(o), said.orders);
            }
        }
        links
    }

    /// What a Provenance target, prior prescription or `basedOn` `reference` in `o` names.
    fn named<'u>(
        &'u self,
        index: &super::references::Index<'a>,
        o: &'a Object<'a>,
        reference: &str,
    ) -> Option<Named<'a, 'u>> {
        match self.unread.get(reference) {
            Some(u) => Some(Named::Later(u)),
            None => index.resolve(o, reference).map(Named::Here),
        }
    }

    /// Notes the Provenance `provenance` as naming the resource `at`.
    fn add_provenance(&mut self, at: At, provenance: &'a Object<'a>) {
        match at {
            At::Address(a) => self.provenances.entry(a).or_default().push(provenance),
            At::Place(p) => self
                .later
                .entry(p)
                .or_default()
                .provenances
                .push(provenance),
        }
    }

    /// Notes `order` as a further supply order of the medication resource `at`.
    fn add_order(&mut self, at: At, order: &'a Object<'a>) {
        match at {
            At::Address(a) => self.orders.entry(a).or_default().push(order),
            At::Place(p) => self.later.entry(p).or_default().orders.push(order),
        }
    }

    /// The Provenances naming the resource at `address`.
    fn provenances_of(&self, address: usize) -> Option<&Vec<&'a Object<'a>>> {
        self.provenances
            .get(&address)
            .or_else(|| self.base?.provenances_of(address))
    }

    /// The further orders of the resource at `address`.
    fn orders_of(&self, address: usize) -> Option<&Vec<&'a Object<'a>>> {
        self.orders
            .get(&address)
            .or_else(|| self.base?.orders_of(address))
    }

    /// Whether the Provenance at `address` is read as authors.
    fn is_read(&self, address: usize) -> bool {
        self.read.contains(&address) || self.base.is_some_and(|b| b.is_read(address))
    }

    /// Whether the MedicationRequest at `address` is read as a further order.
    fn is_folded(&self, address: usize) -> bool {
        self.folded.contains(&address) || self.base.is_some_and(|b| b.is_folded(address))
    }
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
    let members = o.members.iter().all(|(k, _)| is_order_member(k));
    is_supply_order(o.str("resourceType"), o.str("intent"), members)
}

/// Whether a member may be one of a MedicationRequest read as a supply order.
pub(super) fn is_order_member(key: &str) -> bool {
    ORDER_MEMBERS.contains(&key)
}

/// Whether a resource of type `kind` and `intent`, whose members are all supply order
/// members when `order_members`, holds only what a supply order holds.
pub(super) fn is_supply_order(
    kind: Option<&str>,
    intent: Option<&str>,
    order_members: bool,
) -> bool {
    kind == Some("MedicationRequest") && intent == Some("order") && order_members
}

/// How many `priorPrescription` links are followed to the first prescription.
const MAX_RENEWALS: usize = 16;

/// The prescription a supply order renews, through the supply orders before it: the
/// first MedicationRequest of its `priorPrescription` chain that is no supply order
/// renewing another (none when the order renews nothing, or the chain loops). One read
/// later renews nothing: a resource naming a prior prescription is always prepared.
fn first_prescription<'a, 'u>(ctx: &'u Ctx<'a>, order: &'a Object<'a>) -> Option<Named<'a, 'u>> {
    let prior = |o: &'a Object<'a>| {
        o.obj("priorPrescription")
            .and_then(|r| r.str("reference"))
            .and_then(|r| ctx.links.named(&ctx.index, o, r))
            .filter(|p| p.kind() == "MedicationRequest")
    };
    let mut at = prior(order)?;
    for _ in 0..MAX_RENEWALS {
        let Named::Here(here) = at else {
            return Some(at);
        };
        match prior(here) {
            // A chain back to the order itself names no first prescription.
            Some(Named::Here(before)) if std::ptr::eq(before, order) => return None,
            Some(before) if is_order_only(here) => at = before,
            _ => return Some(at),
        }
    }
    None
}

/// Before mapping: indexes Provenances by target and further supply orders by the
/// medication they belong to, and marks those orders as read with it. Those naming
/// resources read later are noted by their place.
pub(super) fn prepare<'a>(ctx: &mut Ctx<'a>, resources: &[Resource<'a>]) {
    for res in resources {
        let o = res.obj;
        match res.kind {
            "Provenance" => {
                let agents: Vec<_> = o.objects("agent").collect();
                let mut all_entries = !agents.is_empty() && agents.iter().all(|a| is_author(a));
                let mut targets = Vec::new();
                for t in o.objects("target") {
                    let found = t
                        .str("reference")
                        .and_then(|r| ctx.links.named(&ctx.index, o, r));
                    match found {
                        Some(target) => {
                            all_entries &= AUTHORED.contains(&target.kind());
                            targets.push(target.at());
                        }
                        None => all_entries = false,
                    }
                }
                for target in targets {
                    ctx.links.add_provenance(target, o);
                }
                if all_entries {
                    ctx.links.read.insert(key(o));
                }
            }
            // An order is read with one medication only (a renewal that a statement is
            // also based on, with the first that names it).
            "MedicationRequest" if is_order_only(o) && !ctx.links.folded.contains(&key(o)) => {
                if let Some(first) = first_prescription(ctx, o).map(|f| f.at()) {
                    ctx.links.add_order(first, o);
                    ctx.links.folded.insert(key(o));
                }
            }
            "MedicationStatement" => {
                for r in o.objects("basedOn") {
                    // One read later is no supply order (those are always prepared).
                    let order = r
                        .str("reference")
                        .and_then(|r| match ctx.links.named(&ctx.index, o, r)? {
                            Named::Here(t) => Some(t),
                            Named::Later(_) => None,
                        })
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
    // Only preparing looks up resources read later by reference.
    ctx.links.unread = HashMap::new();
}

impl<'a> Ctx<'a> {
    /// Whether a MedicationRequest is read as a further supply order of another
    /// medication resource.
    pub fn is_further_order(&self, o: &Object<'_>) -> bool {
        self.links.is_folded(key(o))
    }

    /// Whether a Provenance was read as the authors of its targets.
    pub fn is_read_provenance(&self, o: &Object<'_>) -> bool {
        self.links.is_read(key(o))
    }

    /// The authors of the resource `o`: those its Provenances name, else `own` (read
    /// from its own author element).
    pub fn authors(&mut self, o: &Object<'_>, own: Vec<Participant>) -> Vec<Participant> {
        let Some(provenances) = self.links.provenances_of(key(o)).cloned() else {
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
        let mut next = self.links.orders_of(key(o)).cloned().unwrap_or_default();
        next.reverse();
        while let Some(r) = next.pop() {
            if found.iter().any(|f| std::ptr::eq(*f, r)) {
                continue;
            }
            found.push(r);
            if let Some(more) = self.links.orders_of(key(r)) {
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
