//! Medications: statements, orders, administrations and dispenses.

use crate::coded::{Coded, DatedCode, Identifier, Quantity, QuantityRange, Ratio};
use crate::macros::model;
use crate::party::{Organization, Participant};
use crate::provenance::Source;
use crate::time::{Frequency, Interval};

model! {
    /// A medication the patient takes, took, or is to take (C-CDA Medication Activity, C32
    /// medication, FHIR MedicationRequest / MedicationStatement / MedicationDispense,
    /// text-report medication).
    pub struct Medication {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found (`statusCode`, FHIR `status`).
        pub status: Option<String>,
        /// The clinical status (C-CDA / CCD Medication Status Observation: active, on hold,
        /// no longer active).
        pub clinical_status: Option<Coded>,
        /// The mood as found (C-CDA `EVN` taken, `INT` intended; FHIR `intent`).
        pub mood: Option<String>,
        /// True when the medication was NOT taken or given (`negationInd`).
        pub negated: bool,
        /// Why it was not taken or given.
        pub negation_reason: Option<Coded>,
        /// The kind of medication (C32 / CCD Type of Medication, or the activity's `code`:
        /// prescription drug, over-the-counter product).
        pub kind: Option<Coded>,
        /// The drug (`manufacturedMaterial/code`: RxNorm with translations).
        pub product: Option<Coded>,
        /// The drug's name as written (`manufacturedMaterial/name`).
        pub product_name: Option<String>,
        /// Identifiers of the product.
        pub product_ids: Vec<Identifier>,
        /// The manufacturer's name.
        pub manufacturer: Option<String>,
        /// The lot number.
        pub lot_number: Option<String>,
        /// When the medication is or was taken (first `effectiveTime`).
        pub period: Option<Interval>,
        /// How often (PIVL_TS / EIVL_TS `effectiveTime`, FHIR `timing`).
        pub frequency: Option<Frequency>,
        /// True when taken as needed (`precondition`, `asNeededBoolean`).
        pub as_needed: Option<bool>,
        /// Conditions for taking it ("as needed for pain").
        pub preconditions: Vec<Coded>,
        /// Route (`routeCode`).
        pub route: Option<Coded>,
        /// Body site (`approachSiteCode`).
        pub site: Option<Coded>,
        /// Dose per administration (`doseQuantity`).
        pub dose: Option<Quantity>,
        /// Dose range when a range is given ("1-2 tablets").
        pub dose_range: Option<QuantityRange>,
        /// Rate (`rateQuantity`).
        pub rate: Option<Quantity>,
        /// Maximum dose per period (`maxDoseQuantity`).
        pub max_dose: Option<Ratio>,
        /// Dose form or administration unit (`administrationUnitCode`, `formCode`).
        pub form: Option<Coded>,
        /// Number of repeats or refills (`repeatNumber`).
        pub repeat_number: Option<i64>,
        /// Why it is taken (Indication).
        pub indications: Vec<Coded>,
        /// The indications the source dates, each with its time (an Indication's
        /// `effectiveTime`: when the condition was noted or began); their codes are also in
        /// `indications`.
        pub indication_times: Vec<DatedCode>,
        /// Instructions for the patient (Instruction act).
        pub instructions: Vec<Coded>,
        /// The free-text sig.
        pub sig: Option<String>,
        /// A vehicle in which the drug is given (Drug Vehicle).
        pub vehicle: Option<Coded>,
        /// Who prescribed it.
        pub prescriber: Option<Participant>,
        /// Who gave it.
        pub performers: Vec<Participant>,
        /// Authors and recorders.
        pub authors: Vec<Participant>,
        /// Who monitors the medication (Drug Monitoring Act: its responsible parties, with
        /// the act's period as their time).
        pub monitors: Vec<Participant>,
        /// The prescription (Medication Supply Order); the first when there are several.
        pub order: Option<MedicationOrder>,
        /// Further prescriptions after the first (which is `order`), in document order.
        pub orders: Vec<MedicationOrder>,
        /// Fills (Medication Dispense).
        pub dispenses: Vec<Dispense>,
        /// Comments.
        pub notes: Vec<String>,
        /// Identifiers of the encounter the entry belongs to (a related `encounter` that
        /// holds only its `id`).
        pub encounter_ids: Vec<Identifier>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}

model! {
    /// A prescription: the order to supply a medication.
    pub struct MedicationOrder {
        /// Identifiers (prescription number).
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// When the order is valid, or when it was written.
        pub time: Option<Interval>,
        /// Number of fills allowed (`repeatNumber`).
        pub repeat_number: Option<i64>,
        /// Quantity to supply.
        pub quantity: Option<Quantity>,
        /// Days the supply should last.
        pub days_supply: Option<Quantity>,
        /// Who wrote the order.
        pub prescriber: Option<Participant>,
        /// Instructions for the pharmacist or patient.
        pub instructions: Vec<Coded>,
        /// Refills still left on the order when the record was made
        /// (VA `Refills Remaining`); not the fills allowed in all (`repeat_number`).
        pub refills_remaining: Option<i64>,
    }
}

model! {
    /// One fill of a prescription.
    pub struct Dispense {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// When it was dispensed.
        pub time: Option<Interval>,
        /// Quantity dispensed.
        pub quantity: Option<Quantity>,
        /// Days the fill should last.
        pub days_supply: Option<Quantity>,
        /// Which fill this is (`repeatNumber`).
        pub fill_number: Option<i64>,
        /// The dispensed product when it differs from the ordered one.
        pub product: Option<Coded>,
        /// The pharmacy.
        pub pharmacy: Option<Organization>,
        /// The dispensing person.
        pub performer: Option<Participant>,
    }
}
