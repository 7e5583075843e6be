//! Claims and explanations of benefit.

use crate::coded::{Coded, Identifier, Money, NamedValue, Quantity};
use crate::macros::model;
use crate::party::{Location, Organization, Participant};
use crate::provenance::Source;
use crate::time::{Interval, PartialDateTime};

model! {
    /// A claim or explanation of benefit (CMS text Part A/B/D claims, FHIR
    /// ExplanationOfBenefit of every CMS / CARIN type).
    pub struct Claim {
        /// Identifiers (claim number).
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The claim type (institutional, professional, pharmacy; CMS carrier, inpatient, PDE).
        pub kind: Option<Coded>,
        /// The claim subtype.
        pub subtype: Option<Coded>,
        /// The adjudication outcome as found.
        pub outcome: Option<String>,
        /// The period billed (service dates).
        pub billable_period: Option<Interval>,
        /// When the claim was created or processed.
        pub created: Option<PartialDateTime>,
        /// The billing provider.
        pub provider: Option<Participant>,
        /// The facility.
        pub facility: Option<Location>,
        /// The insurer.
        pub insurer: Option<Organization>,
        /// The payee.
        pub payee: Option<Participant>,
        /// Care-team members (attending, prescriber, ...), each with its role in `function`.
        pub care_team: Vec<Participant>,
        /// Diagnoses.
        pub diagnoses: Vec<ClaimDiagnosis>,
        /// Procedures.
        pub procedures: Vec<ClaimProcedure>,
        /// Claim lines.
        pub items: Vec<ClaimItem>,
        /// Claim-level amounts (charged, allowed, paid, patient responsibility, ...).
        pub totals: Vec<ClaimAmount>,
        /// Further labelled facts (FHIR `supportingInfo`, text-report fields).
        pub details: Vec<NamedValue>,
        /// Comments.
        pub notes: Vec<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}

model! {
    /// A diagnosis on a claim.
    pub struct ClaimDiagnosis {
        /// Its sequence number on the claim.
        pub sequence: Option<i64>,
        /// The diagnosis (ICD-9-CM / ICD-10-CM).
        pub code: Option<Coded>,
        /// Its role (principal, admitting, other, ...).
        pub kinds: Vec<Coded>,
        /// Whether present on admission.
        pub on_admission: Option<Coded>,
    }
}

model! {
    /// A procedure on a claim.
    pub struct ClaimProcedure {
        /// Its sequence number on the claim.
        pub sequence: Option<i64>,
        /// The procedure (ICD-9 / ICD-10-PCS, CPT, HCPCS).
        pub code: Option<Coded>,
        /// When it was done.
        pub time: Option<PartialDateTime>,
    }
}

model! {
    /// An amount on a claim or claim line, with what it is.
    pub struct ClaimAmount {
        /// What the amount is (charged, allowed, paid to provider, deductible, ...).
        pub category: Option<Coded>,
        /// The amount, as exact decimal text.
        pub amount: Option<Money>,
        /// A reason code attached to the amount.
        pub reason: Option<Coded>,
    }
}

model! {
    /// One line of a claim.
    pub struct ClaimItem {
        /// Its sequence number on the claim.
        pub sequence: Option<i64>,
        /// The service or product (CPT, HCPCS, NDC).
        pub service: Option<Coded>,
        /// Modifiers.
        pub modifiers: Vec<Coded>,
        /// Revenue center code.
        pub revenue: Option<Coded>,
        /// Quantity.
        pub quantity: Option<Quantity>,
        /// When the service was given.
        pub period: Option<Interval>,
        /// Place of service.
        pub place: Option<Coded>,
        /// The rendering provider.
        pub provider: Option<Participant>,
        /// Line amounts.
        pub amounts: Vec<ClaimAmount>,
        /// Further labelled facts.
        pub details: Vec<NamedValue>,
    }
}
