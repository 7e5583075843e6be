//! The source format, the document header and the patient.

use crate::coded::{Attachment, Coded, Identifier};
use crate::macros::model;
use crate::party::{Address, Organization, Participant, PersonName, RelatedPerson, Telecom};
use crate::time::{Interval, PartialDateTime};

model! {
    /// The families of input formats.
    pub enum FormatKind {
        /// HL7 C-CDA R1.1 / R2.x XML.
        #[default]
        Ccda,
        /// HITSP C32 / HL7 CCD R1 XML (and the C62 unstructured wrapper).
        C32,
        /// VA My HealtheVet Blue Button text report.
        VaText,
        /// CMS MyMedicare.gov Blue Button text file.
        CmsText,
        /// FHIR JSON: a resource or a Bundle.
        FhirJson,
        /// FHIR bulk-data NDJSON: one resource per line.
        FhirNdjson,
    }
}

model! {
    /// What the input was: format family, version and document type.
    pub struct SourceFormat {
        /// The format family.
        pub kind: FormatKind,
        /// The version as the source states it (`R2.1`, `R1.1`, `12.5`, `R4`).
        pub version: Option<String>,
        /// The document type (`CCD`, `Discharge Summary`, `Referral Note`, ...).
        pub document_type: Option<String>,
        /// The document-level template ids or profiles that identified it.
        pub template_ids: Vec<String>,
    }
}

model! {
    /// Facts about the document itself (C-CDA header, text report banner, FHIR Bundle).
    pub struct Document {
        /// Document identifiers (`ClinicalDocument/id`, `Bundle.identifier`).
        pub ids: Vec<Identifier>,
        /// The document set id (`setId`).
        pub set_id: Option<Identifier>,
        /// The version within the set (`versionNumber`).
        pub version_number: Option<i64>,
        /// The document type code (LOINC).
        pub code: Option<Coded>,
        /// The title.
        pub title: Option<String>,
        /// When the document was created (`effectiveTime`, report "produced on" line).
        pub created: Option<PartialDateTime>,
        /// Confidentiality (`confidentialityCode`).
        pub confidentiality: Option<Coded>,
        /// The document language (`languageCode`).
        pub language: Option<String>,
        /// Authors (people, devices, systems).
        pub authors: Vec<Participant>,
        /// The organization that keeps the document (`custodian`).
        pub custodian: Option<Organization>,
        /// The legal authenticator.
        pub legal_authenticator: Option<Participant>,
        /// Other authenticators.
        pub authenticators: Vec<Participant>,
        /// Informants.
        pub informants: Vec<Participant>,
        /// Intended recipients (`informationRecipient`).
        pub recipients: Vec<Participant>,
        /// Other participants (`participant`).
        pub participants: Vec<Participant>,
        /// The period the document covers (`documentationOf/serviceEvent/effectiveTime`).
        pub service_period: Option<Interval>,
        /// What the documented services were (`documentationOf/serviceEvent/code`: the
        /// procedure of an operative note, care provision, ...).
        pub service_codes: Vec<Coded>,
        /// Performers of the documented service (`serviceEvent/performer`).
        pub service_performers: Vec<Participant>,
        /// Why the document was made (CCD Purpose section: each Purpose Activity's reason,
        /// such as a transfer of care).
        pub purposes: Vec<Coded>,
        /// The encounter the document belongs to (`componentOf/encompassingEncounter`).
        pub encounter: Option<crate::encounter::Encounter>,
        /// A non-XML body (Unstructured Document), decoded where it is text.
        pub body: Option<Attachment>,
    }
}

model! {
    /// A language the patient uses.
    pub struct Language {
        /// The language code (BCP 47, `en-US`).
        pub code: Option<String>,
        /// How the language is used (expressed, received, written, ...).
        pub mode: Option<Coded>,
        /// How well the patient uses it.
        pub proficiency: Option<Coded>,
        /// True when it is the preferred language.
        pub preferred: Option<bool>,
    }
}

model! {
    /// The patient's demographics.
    pub struct Patient {
        /// Identifiers (MRN, SSN, member id), as found, including masked ones.
        pub ids: Vec<Identifier>,
        /// The primary (first legal, or first) name.
        pub name: Option<PersonName>,
        /// Further names (aliases, previous names).
        pub other_names: Vec<PersonName>,
        /// Administrative gender.
        pub gender: Option<Coded>,
        /// Birth date or date-time.
        pub birth_time: Option<PartialDateTime>,
        /// True when the patient is deceased.
        pub deceased: Option<bool>,
        /// When the patient died.
        pub deceased_time: Option<PartialDateTime>,
        /// Marital status.
        pub marital_status: Option<Coded>,
        /// Religious affiliation.
        pub religion: Option<Coded>,
        /// Races (the primary `raceCode` first, then `sdtc:raceCode`s).
        pub race: Vec<Coded>,
        /// Ethnicities (`ethnicGroupCode` first, then `sdtc:ethnicGroupCode`s).
        pub ethnicity: Vec<Coded>,
        /// Languages.
        pub languages: Vec<Language>,
        /// Addresses.
        pub addresses: Vec<Address>,
        /// Phone numbers and e-mail addresses.
        pub telecoms: Vec<Telecom>,
        /// Guardians, emergency contacts and next of kin.
        pub contacts: Vec<RelatedPerson>,
        /// Place of birth.
        pub birth_place: Option<Address>,
        /// The organization that provides the patient's care (`providerOrganization`).
        pub provider_organization: Option<Organization>,
    }
}
