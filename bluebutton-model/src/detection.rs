//! What an input is, as told by `detect`.

use crate::macros::model;

model! {
    /// What kind of input a file is: a health-record format, or what else it turned out to be.
    pub enum InputKind {
        /// Nothing recognisable.
        #[default]
        Unknown,
        /// HL7 C-CDA XML.
        Ccda,
        /// HITSP C32 / HL7 CCD R1 XML.
        C32,
        /// VA My HealtheVet Blue Button text report.
        VaText,
        /// CMS MyMedicare.gov Blue Button text file.
        CmsText,
        /// FHIR JSON: one resource or a Bundle (`version` tells R4 from STU3).
        FhirJson,
        /// FHIR bulk-data NDJSON: one resource per line.
        FhirNdjson,
        /// Empty, or only white space.
        Empty,
        /// An HTML page (for example a rendered C-CDA or a saved web page).
        Html,
        /// A PDF document.
        Pdf,
        /// JSON that is not FHIR.
        Json,
        /// Well-formed XML that is not a clinical document.
        Xml,
        /// XML that is not well-formed (`line` and `column` say where).
        MalformedXml,
        /// A piece of a clinical document (a bare `section`), not a whole document.
        CdaFragment,
        /// A clinical document with a header but no body (and no patient).
        CdaHeaderOnly,
        /// Plain text that is not a known report.
        Text,
        /// Binary data that is not a known format.
        Binary,
    }
}

model! {
    /// The result of format detection.
    pub struct Detection {
        /// What the input is.
        pub kind: InputKind,
        /// The format version when known (`R2.1`, `R1.1`, `12.5`, `R4`, `STU3`).
        pub version: Option<String>,
        /// The document type when known (`CCD`, `Discharge Summary`, `ExplanationOfBenefit`).
        pub document_type: Option<String>,
        /// A short human-readable description of what was found.
        pub description: String,
        /// 1-based line of the problem, for malformed input.
        pub line: Option<u32>,
        /// 1-based column of the problem, for malformed input.
        pub column: Option<u32>,
    }
}

impl Detection {
    /// True when the input is a health-record format this library reads.
    pub fn is_health_record(&self) -> bool {
        matches!(
            self.kind,
            InputKind::Ccda
                | InputKind::C32
                | InputKind::VaText
                | InputKind::CmsText
                | InputKind::FhirJson
                | InputKind::FhirNdjson
        )
    }
}
