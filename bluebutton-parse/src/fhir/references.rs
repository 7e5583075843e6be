//! References between resources, and the parties they name.
//!
//! A Reference resolves, in order, to a `contained` resource (`#id`), a resource of the
//! same Bundle or NDJSON set by its `fullUrl` (`urn:uuid:...`, an absolute URL), or by
//! `Type/id` (relative, or the tail of an absolute URL, `_history` dropped). Parties
//! (Organization, Practitioner, PractitionerRole, Location, Patient, RelatedPerson)
//! become model parties; a reference that does not resolve keeps its `display` and
//! `identifier`.

use super::datatypes::{addresses, coded_at, identifier, identifiers, names, telecoms};
use super::json::Object;
use super::Ctx;
use crate::fhir_out::patient::GENDER;
use bluebutton_model::{Location, Organization, Participant, PersonName, RelatedPerson};
use std::collections::HashMap;

/// The resources of one input, by `fullUrl` and by `Type/id`.
#[derive(Debug, Default)]
pub(crate) struct Index<'a> {
    by_url: HashMap<&'a str, &'a Object<'a>>,
    by_type_id: HashMap<(&'a str, &'a str), &'a Object<'a>>,
    /// An index of other resources, searched when this one finds nothing.
    base: Option<&'a Index<'a>>,
}

impl<'a> Index<'a> {
    /// An empty index that falls back on `base`.
    pub fn over(base: &'a Index<'a>) -> Self {
        Index {
            base: Some(base),
            ..Index::default()
        }
    }

    /// Adds a resource of `kind`, with its entry's `fullUrl` when it has one.
    pub fn add(&mut self, kind: &'a str, resource: &'a Object<'a>, full_url: Option<&'a str>) {
        if let Some(url) = full_url {
            self.by_url.insert(url, resource);
        }
        if let Some(id) = resource.str("id") {
            self.by_type_id.insert((kind, id), resource);
        }
    }

    /// The resource a reference string names, seen from `container` (for `#id`).
    pub fn resolve(&self, container: &'a Object<'a>, reference: &str) -> Option<&'a Object<'a>> {
        if let Some(id) = reference.strip_prefix('#') {
            return container
                .objects("contained")
                .find(|c| c.str("id") == Some(id));
        }
        let own = self.by_url.get(reference).copied().or_else(|| {
            let path = reference
                .split_once("/_history/")
                .map_or(reference, |(p, _)| p);
            let mut parts = path.rsplit('/');
            let id = parts.next()?;
            let kind = parts.next()?;
            self.by_type_id.get(&(kind, id)).copied()
        });
        own.or_else(|| self.base?.resolve(container, reference))
    }
}

/// A participant from what an unresolved Reference says itself: its identifier and
/// display.
fn unresolved(reference: &Object<'_>) -> Participant {
    Participant {
        ids: reference.objects("identifier").map(identifier).collect(),
        name: reference.string("display").map(|d| PersonName {
            text: Some(d),
            ..Default::default()
        }),
        ..Default::default()
    }
}

impl<'a> Ctx<'a> {
    /// Resolves the Reference `reference` found in `container`; a contained or
    /// bundle-local (`urn:`) reference that does not resolve gets a warning.
    pub fn target(
        &mut self,
        container: &'a Object<'a>,
        reference: &Object<'_>,
    ) -> Option<&'a Object<'a>> {
        reference.str("reference").and_then(|r| {
            let found = self.index.resolve(container, r);
            if let Some(t) = found {
                self.referenced.insert(std::ptr::from_ref(t) as usize);
            }
            if found.is_none() && (r.starts_with('#') || r.starts_with("urn:")) {
                self.warn(
                    bluebutton_model::WarningCode::UnresolvedLink,
                    "a contained or bundle-local reference names no resource of the input".into(),
                );
            }
            found
        })
    }

    /// The party a Reference names, as a participant.
    pub fn participant(
        &mut self,
        container: &'a Object<'a>,
        reference: &Object<'a>,
    ) -> Participant {
        let p = match self.target(container, reference) {
            Some(r) => self.party(r),
            None => Participant::default(),
        };
        if p == Participant::default() {
            return unresolved(reference);
        }
        p
    }

    /// The participant of the Reference member `key` of a resource (which holds the
    /// contained resources a `#id` reference names), when present.
    pub fn participant_at(&mut self, container: &'a Object<'a>, key: &str) -> Option<Participant> {
        let r = container.obj(key)?;
        Some(self.participant(container, r)).filter(|p| *p != Participant::default())
    }

    /// A resolved party resource as a participant: a Practitioner, a PractitionerRole
    /// (its practitioner, organization and code), an Organization, a Patient or a
    /// RelatedPerson.
    fn party(&mut self, r: &'a Object<'a>) -> Participant {
        match r.str("resourceType") {
            Some("PractitionerRole") => {
                // A role's practitioner is never read as another role: no loops.
                let mut p = match r.obj("practitioner") {
                    Some(pr) => match self.target(r, pr) {
                        Some(t) if t.str("resourceType") != Some("PractitionerRole") => {
                            self.party(t)
                        }
                        _ => unresolved(pr),
                    },
                    None => Participant::default(),
                };
                p.role = coded_at(r, "code")
                    .or_else(|| r.objects("code").next().map(super::datatypes::coded));
                if let Some(org) = r.obj("organization") {
                    p.organization =
                        Some(self.organization(r, org)).filter(|o| *o != Organization::default());
                }
                p.telecoms.extend(telecoms(r));
                p
            }
            Some("Organization") => Participant {
                organization: Some(self.organization_resource(r)),
                ..Default::default()
            },
            _ => {
                let (name, _) = names(self, r);
                Participant {
                    ids: identifiers(r),
                    name,
                    role: r
                        .objects("qualification")
                        .next()
                        .and_then(|q| coded_at(q, "code")),
                    addresses: addresses(self, r),
                    telecoms: telecoms(r),
                    ..Default::default()
                }
            }
        }
    }

    /// An Organization resource.
    pub fn organization_resource(&mut self, r: &Object<'a>) -> Organization {
        Organization {
            ids: identifiers(r),
            name: r.string("name"),
            kind: r.objects("type").next().map(super::datatypes::coded),
            addresses: addresses(self, r),
            telecoms: telecoms(r),
        }
    }

    /// The organization a Reference names (unresolved: its display and identifier).
    pub fn organization(
        &mut self,
        container: &'a Object<'a>,
        reference: &Object<'a>,
    ) -> Organization {
        match self.target(container, reference) {
            Some(r) if r.str("resourceType") == Some("Organization") => {
                self.organization_resource(r)
            }
            Some(r) => Organization {
                ids: identifiers(r),
                name: r.string("name"),
                addresses: addresses(self, r),
                telecoms: telecoms(r),
                ..Default::default()
            },
            None => Organization {
                ids: reference.objects("identifier").map(identifier).collect(),
                name: reference.string("display"),
                ..Default::default()
            },
        }
    }

    /// The organization of the Reference member `key`, when present.
    pub fn organization_at(
        &mut self,
        container: &'a Object<'a>,
        key: &str,
    ) -> Option<Organization> {
        let r = container.obj(key)?;
        Some(self.organization(container, r)).filter(|o| *o != Organization::default())
    }

    /// The place a Reference names: a Location, or an Organization as a place; `None`
    /// when nothing is known of it.
    pub fn location(
        &mut self,
        container: &'a Object<'a>,
        reference: &Object<'a>,
    ) -> Option<Location> {
        let place = match self.target(container, reference) {
            Some(r) => {
                let address = r.obj("address").map(|a| super::datatypes::address(self, a));
                let mut addresses = addresses(self, r);
                addresses.extend(address);
                Location {
                    ids: identifiers(r),
                    name: r.string("name"),
                    kind: r.objects("type").next().map(super::datatypes::coded),
                    addresses,
                    telecoms: telecoms(r),
                }
            }
            None => Location {
                ids: reference.objects("identifier").map(identifier).collect(),
                name: reference.string("display"),
                ..Default::default()
            },
        };
        Some(place).filter(|p| *p != Location::default())
    }

    /// The person a Reference names (Patient or RelatedPerson), as a related person.
    pub fn related_person(
        &mut self,
        container: &'a Object<'a>,
        reference: &Object<'a>,
    ) -> RelatedPerson {
        match self.target(container, reference) {
            Some(r) => {
                let (name, _) = names(self, r);
                RelatedPerson {
                    ids: identifiers(r),
                    relationship: r
                        .objects("relationship")
                        .next()
                        .map(super::datatypes::coded),
                    kind: r.string("resourceType"),
                    name,
                    gender: super::extensions::bound_code(r, "gender", GENDER),
                    birth_time: self.date_at(r, "birthDate"),
                    addresses: addresses(self, r),
                    telecoms: telecoms(r),
                }
            }
            None => RelatedPerson {
                ids: reference.objects("identifier").map(identifier).collect(),
                name: reference.string("display").map(|d| PersonName {
                    text: Some(d),
                    ..Default::default()
                }),
                ..Default::default()
            },
        }
    }
}
