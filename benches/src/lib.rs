//! Shared inputs for the benchmarks: the corpus files, loaded once into memory.

use std::path::{Path, PathBuf};

// The allocator the `bluebutton` command and the Python module ship with, so the figures
// are what their users get (`README.md` gives the system allocator's too).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// The corpus folder beside the repository (`../shared/corpus`).
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

/// Every file under `dir` (recursively, sorted) whose name ends with one of `extensions`
/// (compared case-insensitively), read into memory.
pub fn load(dir: &Path, extensions: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut paths = Vec::new();
    walk(dir, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter(|p| {
            let name = p.to_string_lossy().to_ascii_lowercase();
            extensions.iter().any(|e| name.ends_with(e))
        })
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The C-CDA documents of the corpus that parse, with their total size in bytes.
pub fn ccda_documents() -> (Vec<Vec<u8>>, usize) {
    documents_that_parse("ccda", &[".xml"])
}

/// The documents of a corpus folder (`va-text`, `cms-text`, ...) whose names end with one of
/// `extensions` and that parse, with their total size in bytes.
pub fn documents_that_parse(folder: &str, extensions: &[&str]) -> (Vec<Vec<u8>>, usize) {
    let docs: Vec<Vec<u8>> = load(&corpus_dir().join(folder), extensions)
        .into_iter()
        .filter(|(_, bytes)| bluebutton_parse::parse(bytes).is_ok())
        .map(|(_, bytes)| bytes)
        .collect();
    let total = docs.iter().map(Vec::len).sum();
    (docs, total)
}

/// The FHIR R4 files of the corpus (JSON and NDJSON) that parse, with their total size in
/// bytes; the STU3 folder is refused by `parse` and so left out.
pub fn fhir_documents() -> (Vec<Vec<u8>>, usize) {
    documents_that_parse("fhir", &[".json", ".ndjson"])
}

/// The quick-xml event loop with nothing else: the ceiling for any XML reader.
/// Returns the number of events, so the loop cannot be optimised away.
pub fn bare_event_loop(xml: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) | Err(_) => return events,
            Ok(_) => events += 1,
        }
    }
}

/// A large CCD made by repeating the entries of a real one `times` times inside its
/// first `<structuredBody>` (for the linear-time check).
pub fn repeated_document(xml: &[u8], times: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let (Some(start), Some(end)) = (text.find("<component>"), text.rfind("</structuredBody>"))
    else {
        return xml.to_vec();
    };
    let body_start = text[start..]
        .find("<structuredBody>")
        .map_or(start, |i| start + i + "<structuredBody>".len());
    let body = &text[body_start..end];
    let mut out = String::with_capacity(xml.len() * times);
    out.push_str(&text[..body_start]);
    for _ in 0..times {
        out.push_str(body);
    }
    out.push_str(&text[end..]);
    out.into_bytes()
}

/// A generated bulk-data NDJSON of at least `bytes` bytes: Condition resources, one per
/// line, in the shape Synthea exports them (profile, clinical and verification status,
/// category, SNOMED code, subject, encounter, dates), spread over `patients` patients.
/// Made in memory, for the large-NDJSON bench and profiles; never stored.
pub fn generated_conditions(bytes: usize, patients: usize) -> Vec<u8> {
    use std::fmt::Write;
    const CODES: [(&str, &str); 4] = [
        ("44054006", "Diabetes mellitus type 2 (disorder)"),
        (
            "38341003",
            "Hypertensive disorder, systemic arterial (disorder)",
        ),
        ("91302008", "Sepsis (disorder)"),
        ("195662009", "Acute viral pharyngitis (disorder)"),
    ];
    let patients = patients.max(1);
    let mut out = String::with_capacity(bytes + 2048);
    let mut n = 0usize;
    while out.len() < bytes {
        let (code, display) = CODES[n % CODES.len()];
        let status = if n.is_multiple_of(3) {
            "resolved"
        } else {
            "active"
        };
        let year = 1950 + n % 70;
        let _ = writeln!(
            out,
            concat!(
                r#"{{"resourceType":"Condition","id":"c{n:012}","meta":{{"profile":["#,
                r#""http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-encounter-diagnosis"]}},"#,
                r#""clinicalStatus":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"{status}"}}]}},"#,
                r#""verificationStatus":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}}]}},"#,
                r#""category":[{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"encounter-diagnosis","display":"Encounter Diagnosis"}}]}}],"#,
                r#""code":{{"coding":[{{"system":"http://snomed.info/sct","code":"{code}","display":"{display}"}}],"text":"{display}"}},"#,
                r#""subject":{{"reference":"Patient/p{patient:08}"}},"encounter":{{"reference":"Encounter/e{n:012}"}},"#,
                r#""onsetDateTime":"{year}-01-19T22:58:16-05:00","recordedDate":"{year}-01-19T22:58:16-05:00"}}"#
            ),
            n = n,
            status = status,
            code = code,
            display = display,
            patient = n % patients,
            year = year,
        );
        n += 1;
    }
    out.into_bytes()
}
