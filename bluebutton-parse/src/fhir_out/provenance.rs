//! Who wrote an entry and when, and the encounter it belongs to.
//!
//! Each author of an entry is a Provenance of its own (one agent of type `author`, the
//! entry as its target): the participation's time is `occurred[x]` (a point or a span,
//! at its precision) and, when it is a full instant, also `recorded`, which FHIR
//! requires; a time that is no instant leaves `recorded` absent with a
//! `data-absent-reason`. The author's function in the act is the agent's `role`. The
//! resource's own author element, written by the resource modules (`recorder`,
//! `informationSource` and `expressedBy`: the first author who is a person; a
//! CarePlan's `author`, a ServiceRequest's `requester`: the first author; a
//! DocumentReference's `author`: every author), names them as well.
//!
//! An entry's link to an encounter is a Reference to the Encounter written for the
//! record's encounter with that identifier, holding the identifier too; an encounter the
//! record does not hold is named by its identifier alone.

use super::datatypes::{absent, concept, first_point, identifier, instant, put_time};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Identifier, Participant};

const PARTICIPANT_TYPE: &str = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

impl Writer<'_> {
    /// Adds a Provenance for each author of the entry at `url`.
    pub(super) fn authored(&self, url: &str, authors: &[Participant]) {
        for (j, p) in authors.iter().enumerate() {
            let prov_url = self.url(&format!("provenance/{url}/{j}"));
            let mut o = Writer::resource("Provenance", &prov_url);
            o.put("target", J::Arr(vec![super::datatypes::reference(url)]));
            put_time(&mut o, "occurred", p.time.as_ref());
            match p.time.as_ref().and_then(first_point).and_then(instant) {
                Some(t) => {
                    o.put("recorded", J::Str(t));
                }
                None => {
                    o.put("_recorded", absent(None));
                }
            }
            let mut kind = Obj::new();
            let mut coding = Obj::new();
            coding
                .put_str("system", Some(PARTICIPANT_TYPE))
                .put_str("code", Some("author"))
                .put_str("display", Some("Author"));
            kind.put("coding", J::Arr(vec![J::Obj(coding)]));
            let mut agent = Obj::new();
            agent
                .put("type", J::Obj(kind))
                .put_all("role", p.function.iter().filter_map(concept))
                // `who` is required: an author known only by its time is unknown.
                .put("who", self.party(p).unwrap_or_else(|| absent(None)));
            o.put("agent", J::Arr(vec![J::Obj(agent)]));
            self.provenances.borrow_mut().push((prov_url, o));
        }
    }

    /// A reference to the first author who is a person (a name, an identifier or a
    /// role), for a resource's own recorder element, which names no organization.
    pub(super) fn recorder(&self, authors: &[Participant]) -> Option<J> {
        authors
            .iter()
            .filter(|p| p.name.is_some() || !p.ids.is_empty() || p.role.is_some())
            .find_map(|p| self.party(p))
    }

    /// The Reference to the encounter an entry belongs to (its first encounter
    /// identifier): to the Encounter entry of the record's encounter with that
    /// identifier when there is one, and with the identifier itself; its further
    /// identifiers as `encounter-identifier` extensions.
    pub(super) fn encounter_of(&self, ids: &[Identifier]) -> Option<J> {
        let (id, written) = ids.iter().find_map(|i| Some((i, identifier(i)?)))?;
        let same = |other: &Identifier| other.system == id.system && other.value == id.value;
        let key = self
            .record
            .encounters
            .iter()
            .position(|e| e.ids.iter().any(same))
            .map(|i| format!("encounters/{i}"))
            .or_else(|| {
                let document = self.record.document.encounter.as_ref()?;
                document
                    .ids
                    .iter()
                    .any(same)
                    .then(|| "document/encounter".to_string())
            });
        // Further encounter identifiers have no element: `encounter-identifier`
        // extensions on the Reference.
        let further = ids
            .iter()
            .filter(|i| !std::ptr::eq(*i, id))
            .filter_map(identifier)
            .map(|i| super::extensions::identifier("encounter-identifier", i));
        let mut o = Obj::new();
        o.put_all("extension", further)
            .put_str("reference", key.map(|k| self.url(&k)).as_deref())
            .put("identifier", written);
        o.some()
    }
}
