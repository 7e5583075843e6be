//! Practitioner, PractitionerRole, Organization, Location and RelatedPerson resources for
//! the people, organizations and places the record names (authors, performers, providers,
//! payers, custodians, encounter and procedure locations, coverages' subscribers and
//! covered parties). Each is written once, by content, and the clinical resources refer
//! to it by its `fullUrl` (with its name as `display`).
//!
//! A person with an organization or a role is a PractitionerRole that names the
//! Practitioner, the Organization and the role; a party that is only an organization is
//! the Organization. A party with neither a person's nor an organization's name (an
//! authoring device, a bare identifier) keeps a display-only Reference.

use super::datatypes::{
    absent, address, concept, concept_opt, date_only, human_name, identifiers, name_text,
    party_reference, telecom,
};
use super::extensions::put_bound_code;
use super::json::{Obj, J};
use super::patient::{gender, GENDER};
use super::Writer;
use bluebutton_model::{Location, Organization, Participant, RelatedPerson};

const US_CORE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/";

impl Writer<'_> {
    /// A reference to a resource of `kind` made by `build` for content `key`, written the
    /// first time the content is met (`build` must not write shared resources itself).
    pub(super) fn shared(&self, kind: &str, key: &str, build: impl FnOnce(&str) -> Obj) -> String {
        let url = self.url(&format!("{kind}/{key}"));
        let mut parties = self.parties.borrow_mut();
        if !parties.iter().any(|(u, _)| *u == url) {
            let resource = build(&url);
            parties.push((url.clone(), resource));
        }
        url
    }

    /// A reference to a person or organization taking part: a PractitionerRole, a
    /// Practitioner or an Organization written for them, or else a display-only
    /// Reference.
    pub(super) fn party(&self, p: &Participant) -> Option<J> {
        let display = p.name.as_ref().and_then(name_text);
        let person = display.is_some() || !identifiers(&p.ids).is_empty();
        let org = p.organization.as_ref().and_then(|o| self.organization(o));
        let role = concept_opt(p.role.as_ref());
        if !person && role.is_none() {
            return org.or_else(|| party_reference(p));
        }
        let practitioner = person.then(|| {
            let key = serde_json::to_string(&(&p.ids, &p.name, &p.addresses, &p.telecoms))
                .unwrap_or_default();
            self.shared("Practitioner", &key, |url| {
                let mut o = Writer::profiled(
                    "Practitioner",
                    url,
                    &[&format!("{US_CORE}us-core-practitioner")],
                );
                let name = p.name.as_ref().and_then(human_name);
                o.put_all("identifier", identifiers(&p.ids))
                    // US Core requires a name: one the record does not hold is absent.
                    .put_all("name", Some(name.unwrap_or_else(|| absent(None))))
                    .put_all("telecom", p.telecoms.iter().filter_map(telecom))
                    .put_all("address", p.addresses.iter().filter_map(address));
                o
            })
        });
        if let (Some(url), None, None) = (&practitioner, &org, &role) {
            return Some(named(url, display.as_deref()));
        }
        let key = format!(
            "{}|{}",
            practitioner.as_deref().unwrap_or_default(),
            serde_json::to_string(&(&p.organization, &p.role)).unwrap_or_default()
        );
        let url = self.shared("PractitionerRole", &key, |url| {
            let mut o = Writer::profiled(
                "PractitionerRole",
                url,
                &[&format!("{US_CORE}us-core-practitionerrole")],
            );
            o.put(
                "practitioner",
                practitioner
                    .as_deref()
                    .map(|u| named(u, display.as_deref())),
            )
            .put("organization", org)
            .put_all("code", role);
            o
        });
        Some(named(&url, display.as_deref()))
    }

    /// A reference to an Organization written for `org`, when it has a name or an
    /// identifier.
    pub(super) fn organization(&self, org: &Organization) -> Option<J> {
        let name = org.name.as_deref().filter(|n| !n.trim().is_empty());
        if name.is_none() && identifiers(&org.ids).is_empty() {
            return None;
        }
        let key = serde_json::to_string(org).unwrap_or_default();
        let url = self.shared("Organization", &key, |url| {
            let mut o = Writer::profiled(
                "Organization",
                url,
                &[&format!("{US_CORE}us-core-organization")],
            );
            o.put_all("identifier", identifiers(&org.ids))
                .put("active", J::Bool(true))
                .put_all("type", org.kind.iter().filter_map(concept))
                .put_str("name", name)
                .put_all("telecom", org.telecoms.iter().filter_map(telecom))
                .put_all("address", org.addresses.iter().filter_map(address));
            o
        });
        Some(named(&url, name))
    }

    /// A reference to a RelatedPerson written for `person` (a coverage's subscriber or
    /// covered party: identifiers, relationship, name, gender, birth date, addresses and
    /// telecoms), related to the Patient; nothing when the record knows none of those.
    pub(super) fn related_person(&self, person: &RelatedPerson) -> Option<J> {
        let known = RelatedPerson {
            kind: None,
            ..person.clone()
        };
        if known == RelatedPerson::default() {
            return None;
        }
        let display = person.name.as_ref().and_then(name_text);
        let key = serde_json::to_string(&known).unwrap_or_default();
        let url = self.shared("RelatedPerson", &key, |url| {
            let mut o = Writer::resource("RelatedPerson", url);
            o.put_all("identifier", identifiers(&person.ids))
                .put("patient", self.subject())
                .put_all(
                    "relationship",
                    person.relationship.iter().filter_map(concept),
                )
                .put_all("name", person.name.as_ref().and_then(human_name))
                .put_all("telecom", person.telecoms.iter().filter_map(telecom));
            put_bound_code(
                &mut o,
                "gender",
                gender(person.gender.as_ref()),
                person.gender.as_ref(),
                GENDER,
            );
            o.put_str(
                "birthDate",
                person.birth_time.as_ref().and_then(date_only).as_deref(),
            )
            .put_all("address", person.addresses.iter().filter_map(address));
            o
        });
        Some(named(&url, display.as_deref()))
    }

    /// A reference to a Location written for `place`, when it has a name, a kind or an
    /// identifier.
    pub(super) fn location(&self, place: &Location) -> Option<J> {
        let name = place.name.as_deref().filter(|n| !n.trim().is_empty());
        let kind = concept_opt(place.kind.as_ref());
        if name.is_none() && kind.is_none() && identifiers(&place.ids).is_empty() {
            return None;
        }
        let key = serde_json::to_string(place).unwrap_or_default();
        let url = self.shared("Location", &key, |url| {
            let mut o = Writer::profiled("Location", url, &[&format!("{US_CORE}us-core-location")]);
            o.put_all("identifier", identifiers(&place.ids))
                .put_str("name", name)
                .put_all("type", kind)
                .put_all("telecom", place.telecoms.iter().filter_map(telecom))
                .put("address", place.addresses.iter().find_map(address));
            o
        });
        Some(named(&url, name))
    }
}

/// A Reference to a Bundle entry, with a display when there is one.
fn named(url: &str, display: Option<&str>) -> J {
    let mut o = Obj::new();
    o.put_str("reference", Some(url))
        .put_str("display", display);
    J::Obj(o)
}
