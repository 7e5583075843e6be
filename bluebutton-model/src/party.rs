//! People, organizations, places and how to reach them.

use crate::coded::{Coded, Identifier};
use crate::macros::model;
use crate::time::{Interval, PartialDateTime};

model! {
    /// A person's name (C-CDA PN, FHIR HumanName).
    pub struct PersonName {
        /// The name's use as found (C-CDA `L`, `P`, `C`...; FHIR `official`, `usual`...).
        pub usage: Option<String>,
        /// Prefixes such as titles, in order.
        pub prefix: Vec<String>,
        /// Given names, in order.
        pub given: Vec<String>,
        /// The family name (several `family` parts are joined with a space).
        pub family: Option<String>,
        /// Suffixes such as credentials, in order.
        pub suffix: Vec<String>,
        /// The name as one text when the source gives it unstructured.
        pub text: Option<String>,
        /// When the name was in use.
        // Rarely given: boxed, so that a name (often inline in a participant) stays small.
        pub period: Option<Box<Interval>>,
        /// Why the name is absent (`@nullFlavor`).
        pub null_flavor: Option<String>,
    }
}

model! {
    /// A postal address (C-CDA AD, FHIR Address).
    pub struct Address {
        /// The address's use as found (`HP`, `WP`, `home`, `work`, ...).
        pub usage: Option<String>,
        /// Street address lines, in order.
        pub lines: Vec<String>,
        /// City.
        pub city: Option<String>,
        /// County or district.
        pub district: Option<String>,
        /// State or province.
        pub state: Option<String>,
        /// Postal code.
        pub postal_code: Option<String>,
        /// Country.
        pub country: Option<String>,
        /// The address as one text when the source gives it unstructured.
        pub text: Option<String>,
        /// When the address was in use (`useablePeriod`, `Address.period`).
        // Rarely given: boxed, so that an address stays small.
        pub period: Option<Box<Interval>>,
        /// Why the address is absent (`@nullFlavor`).
        pub null_flavor: Option<String>,
    }
}

model! {
    /// A phone number, e-mail address or other contact point (C-CDA TEL, FHIR ContactPoint).
    pub struct Telecom {
        /// `phone`, `fax`, `email`, `url`, `pager` or `other`, from the URI scheme or FHIR.
        pub system: Option<String>,
        /// The number or address, without its URI scheme (`tel:`, `mailto:`).
        pub value: Option<String>,
        /// The use as found (`HP`, `WP`, `MC`, `home`, `mobile`, ...).
        pub usage: Option<String>,
        /// Why the contact point is absent (`@nullFlavor`).
        pub null_flavor: Option<String>,
    }
}

model! {
    /// An organization (provider, payer, custodian, manufacturer, pharmacy).
    pub struct Organization {
        /// Identifiers (NPI, tax id, payer id, ...).
        pub ids: Vec<Identifier>,
        /// The name (several names are joined with "; ").
        pub name: Option<String>,
        /// What kind of organization it is.
        pub kind: Option<Coded>,
        /// Addresses.
        pub addresses: Vec<Address>,
        /// Phone numbers and e-mail addresses.
        pub telecoms: Vec<Telecom>,
    }
}

model! {
    /// A person or device taking part in the record: author, performer, prescriber,
    /// informant, provider, care-team member (C-CDA assignedEntity / assignedAuthor,
    /// FHIR Practitioner / PractitionerRole / RelatedPerson).
    pub struct Participant {
        /// Identifiers (NPI, local ids).
        pub ids: Vec<Identifier>,
        /// The person's name.
        pub name: Option<PersonName>,
        /// The role or specialty (C-CDA `code`, NUCC taxonomy; FHIR `PractitionerRole.code`).
        pub role: Option<Coded>,
        /// The function in this act (`functionCode`: PCP, ATTPHYS, ...; `@typeCode`).
        pub function: Option<Coded>,
        /// The organization the person acts for (`representedOrganization`).
        pub organization: Option<Organization>,
        /// Addresses.
        pub addresses: Vec<Address>,
        /// Phone numbers and e-mail addresses.
        pub telecoms: Vec<Telecom>,
        /// An authoring device or software (`manufacturerModelName`, `softwareName`).
        pub device: Option<String>,
        /// When the participation happened (`author/time`, `performer/time`).
        pub time: Option<Interval>,
    }
}

model! {
    /// A place where care happened (C-CDA Service Delivery Location, FHIR Location).
    pub struct Location {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// The location's name.
        pub name: Option<String>,
        /// The kind of location (HSLOC, SNOMED).
        pub kind: Option<Coded>,
        /// Addresses.
        pub addresses: Vec<Address>,
        /// Phone numbers and e-mail addresses.
        pub telecoms: Vec<Telecom>,
    }
}

model! {
    /// A related person: guardian, emergency contact, next of kin, family member.
    pub struct RelatedPerson {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// How the person is related (C-CDA `code`, FHIR `relationship`).
        pub relationship: Option<Coded>,
        /// The kind of contact (C-CDA `@classCode`: GUARD, ECON, NOK, PRS, ...).
        pub kind: Option<String>,
        /// The person's name.
        pub name: Option<PersonName>,
        /// Administrative gender.
        pub gender: Option<Coded>,
        /// Birth date.
        pub birth_time: Option<PartialDateTime>,
        /// Addresses.
        pub addresses: Vec<Address>,
        /// Phone numbers and e-mail addresses.
        pub telecoms: Vec<Telecom>,
    }
}
