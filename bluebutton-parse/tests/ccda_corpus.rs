//! Every CDA file of the shared corpus (`ccda/` and `c32/`, whatever the file name ends
//! with) parses, and each mapped section keeps one model item per `<entry>` (counted
//! independently here with quick-xml); medical equipment and advance directive
//! organizers give one item per component, and a Coverage Activity one per policy.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    all_files(&corpus_dir().join("ccda"), &mut out);
    all_files(&corpus_dir().join("c32"), &mut out);
    assert!(
        out.len() > 290,
        "corpus not found or too small: {}",
        out.len()
    );
    out
}

const P: &str = "2.16.840.1.113883.10.20.22.2.";
const C: &str = "2.16.840.1.113883.10.20.1.";

/// Which mapped list a section's entries belong to: by template root, or (for sections
/// with no template id at all) by LOINC code.
fn section_list(templates: &[String], code: Option<&str>) -> Option<&'static str> {
    let has = |ids: &[String]| templates.iter().any(|t| ids.contains(t));
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    if has(&ids(&[
        &format!("{P}6"),
        &format!("{P}6.1"),
        &format!("{C}2"),
    ])) {
        return Some("allergies");
    }
    if has(&ids(&[
        &format!("{P}1"),
        &format!("{P}1.1"),
        &format!("{C}8"),
        &format!("{P}11"),
        &format!("{P}11.1"),
        &format!("{P}44"),
        &format!("{P}38"),
    ])) {
        return Some("medications");
    }
    if has(&ids(&[
        &format!("{P}5"),
        &format!("{P}5.1"),
        &format!("{C}11"),
        &format!("{P}20"),
    ])) {
        return Some("problems");
    }
    if has(&ids(&[
        &format!("{P}3"),
        &format!("{P}3.1"),
        &format!("{C}14"),
    ])) {
        return Some("results");
    }
    if has(&ids(&[
        &format!("{P}4"),
        &format!("{P}4.1"),
        &format!("{C}16"),
    ])) {
        return Some("vitals");
    }
    if has(&ids(&[
        &format!("{P}2"),
        &format!("{P}2.1"),
        &format!("{C}6"),
    ])) {
        return Some("immunizations");
    }
    if has(&ids(&[
        &format!("{P}7"),
        &format!("{P}7.1"),
        &format!("{C}12"),
    ])) {
        return Some("procedures");
    }
    if has(&ids(&[
        &format!("{P}22"),
        &format!("{P}22.1"),
        &format!("{C}3"),
    ])) {
        return Some("encounters");
    }
    if has(&ids(&[&format!("{P}17"), &format!("{C}15")])) {
        return Some("social_history");
    }
    if has(&ids(&[&format!("{P}14"), &format!("{C}5")])) {
        return Some("functional_status");
    }
    if has(&ids(&[&format!("{P}56")])) {
        return Some("mental_status");
    }
    if has(&ids(&[&format!("{P}15"), &format!("{C}4")])) {
        return Some("family_history");
    }
    if has(&ids(&[
        &format!("{P}23"),
        &format!("{C}7"),
        &format!("{P}40"),
    ])) {
        return Some("medical_equipment");
    }
    if has(&ids(&[
        &format!("{P}21"),
        &format!("{P}21.1"),
        &format!("{C}1"),
    ])) {
        return Some("advance_directives");
    }
    if has(&ids(&[&format!("{P}18"), &format!("{C}9")])) {
        return Some("payers");
    }
    if !templates.is_empty() {
        return None;
    }
    match code? {
        "48765-2" => Some("allergies"),
        "10160-0" | "10183-2" | "42346-7" | "29549-3" => Some("medications"),
        "11450-4" | "11348-0" => Some("problems"),
        "30954-2" => Some("results"),
        "8716-3" => Some("vitals"),
        "11369-6" => Some("immunizations"),
        "47519-4" => Some("procedures"),
        "46240-8" => Some("encounters"),
        "29762-2" => Some("social_history"),
        "47420-5" => Some("functional_status"),
        "10190-7" => Some("mental_status"),
        "10157-6" => Some("family_history"),
        "46264-8" | "55122-6" => Some("medical_equipment"),
        "42348-3" => Some("advance_directives"),
        "48768-6" => Some("payers"),
        _ => None,
    }
}

const STATEMENTS: &[&str] = &[
    "act",
    "observation",
    "substanceAdministration",
    "supply",
    "procedure",
    "encounter",
    "organizer",
    "observationMedia",
    "regionOfInterest",
];

/// Policy Activity roots: a policy placed directly in a payers section is one item.
const POLICY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.61",
    "2.16.840.1.113883.10.20.1.26",
    "1.3.6.1.4.1.19376.1.5.3.1.4.18",
    "2.16.840.1.113883.3.88.11.83.5",
    "2.16.840.1.113883.10.20.22.4.129",
];

/// One `<entry>` being counted: its root statement, and the statements its components
/// and entry relationships hold.
#[derive(Default)]
struct EntryCount {
    depth: usize,
    root: Option<String>,
    root_is_policy: bool,
    relation: Option<String>,
    /// Organizer components holding a statement.
    components: usize,
    /// Related acts not in definition mood (policies of a Coverage Activity).
    acts: usize,
}

impl EntryCount {
    /// Items for an entry of a list that flattens organizers (medical equipment, advance
    /// directives).
    fn organizer_members(&self) -> usize {
        if self.root.as_deref() == Some("organizer") && self.components > 0 {
            self.components
        } else {
            1
        }
    }

    /// Items for an entry of the payers list.
    fn policies(&self) -> usize {
        if self.root_is_policy || self.acts == 0 {
            1
        } else {
            self.acts
        }
    }
}

/// Counts the direct `<entry>` children of every section, per mapped list (flattened
/// lists count their members).
fn count_entries(bytes: &[u8]) -> HashMap<&'static str, usize> {
    struct Sec {
        depth: usize,
        templates: Vec<String>,
        code: Option<String>,
        entries: usize,
        organizer_members: usize,
        policies: usize,
        entry: Option<EntryCount>,
    }
    let mut counts = HashMap::new();
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Sec> = Vec::new();
    let mut depth = 0usize;
    let local = |name: &str| name.rsplit(':').next().unwrap_or(name).to_owned();
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.into_inner() == key)
            .map(|a| a.value.trim().to_owned())
    };
    loop {
        let (start, empty) = match reader.read_event().unwrap() {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if let Some(sec) = stack.last_mut() {
                    if sec.entry.as_ref().is_some_and(|e| e.depth == depth) {
                        let e = sec.entry.take().unwrap();
                        sec.organizer_members += e.organizer_members();
                        sec.policies += e.policies();
                    }
                }
                if stack.last().is_some_and(|s| s.depth == depth) {
                    let s = stack.pop().unwrap();
                    if let Some(list) = section_list(&s.templates, s.code.as_deref()) {
                        let n = match list {
                            "medical_equipment" | "advance_directives" => s.organizer_members,
                            "payers" => s.policies,
                            _ => s.entries,
                        };
                        *counts.entry(list).or_default() += n;
                    }
                }
                depth -= 1;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = local(start.name().into_inner());
        let child_depth = depth + 1;
        if let Some(sec) = stack.last_mut().filter(|s| s.depth + 1 == child_depth) {
            match name.as_str() {
                "templateId" => sec.templates.extend(attr(&start, "root")),
                "code" if sec.code.is_none() => sec.code = attr(&start, "code"),
                "entry" => {
                    sec.entries += 1;
                    if empty {
                        sec.organizer_members += 1;
                        sec.policies += 1;
                    } else {
                        sec.entry = Some(EntryCount {
                            depth: child_depth,
                            ..EntryCount::default()
                        });
                    }
                }
                _ => {}
            }
        }
        if let Some(e) = stack.last_mut().and_then(|s| s.entry.as_mut()) {
            let statement = STATEMENTS.contains(&name.as_str());
            match child_depth - e.depth {
                1 if statement && e.root.is_none() => e.root = Some(name.clone()),
                2 if name == "templateId" => {
                    let root = attr(&start, "root").unwrap_or_default();
                    e.root_is_policy |= POLICY.contains(&root.as_str());
                }
                2 if name == "component" || name == "entryRelationship" => {
                    e.relation = (!empty).then(|| name.clone());
                }
                2 => e.relation = None,
                3 if statement && e.relation.is_some() => {
                    if e.relation.as_deref() == Some("component") {
                        e.components += 1;
                    }
                    if name == "act" && attr(&start, "moodCode").as_deref() != Some("DEF") {
                        e.acts += 1;
                    }
                    // One statement per relationship.
                    e.relation = None;
                }
                _ => {}
            }
        }
        if empty {
            continue;
        }
        depth = child_depth;
        if name == "section" {
            stack.push(Sec {
                depth,
                templates: Vec::new(),
                code: None,
                entries: 0,
                organizer_members: 0,
                policies: 0,
                entry: None,
            });
        }
    }
    counts
}

#[test]
fn every_corpus_file_parses_with_one_item_per_entry() {
    let mut failures = Vec::new();
    let mut totals: HashMap<&str, (usize, usize)> = HashMap::new();
    let files = files();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path
            .strip_prefix(corpus_dir())
            .unwrap()
            .display()
            .to_string();
        let record = match bluebutton_parse::parse(&bytes) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: {e} [{}]", e.kind().slug()));
                continue;
            }
        };
        let expected = count_entries(&bytes);
        let got = [
            ("allergies", record.allergies.len()),
            ("medications", record.medications.len()),
            ("problems", record.problems.len()),
            ("results", record.results.len()),
            ("vitals", record.vitals.len()),
            ("immunizations", record.immunizations.len()),
            ("procedures", record.procedures.len()),
            ("encounters", record.encounters.len()),
            ("social_history", record.social_history.len()),
            ("functional_status", record.functional_status.len()),
            ("mental_status", record.mental_status.len()),
            ("family_history", record.family_history.len()),
            ("medical_equipment", record.medical_equipment.len()),
            ("advance_directives", record.advance_directives.len()),
            ("payers", record.payers.len()),
        ];
        for (list, n) in got {
            let want = expected.get(list).copied().unwrap_or(0);
            let t = totals.entry(list).or_default();
            t.0 += want;
            t.1 += n;
            if n != want {
                failures.push(format!("{name}: {list} has {n} items for {want} entries"));
            }
        }
        for item in record
            .allergies
            .iter()
            .map(|a| &a.source)
            .chain(record.medications.iter().map(|m| &m.source))
            .chain(record.problems.iter().map(|p| &p.source))
            .chain(record.results.iter().map(|g| &g.source))
            .chain(record.vitals.iter().map(|g| &g.source))
            .chain(record.immunizations.iter().map(|i| &i.source))
            .chain(record.procedures.iter().map(|p| &p.source))
            .chain(record.encounters.iter().map(|e| &e.source))
            .chain(record.social_history.iter().map(|o| &o.source))
            .chain(record.functional_status.iter().map(|o| &o.source))
            .chain(record.mental_status.iter().map(|o| &o.source))
            .chain(record.family_history.iter().map(|f| &f.source))
            .chain(record.medical_equipment.iter().map(|d| &d.source))
            .chain(record.advance_directives.iter().map(|d| &d.source))
            .chain(record.payers.iter().map(|c| &c.source))
        {
            if item.line == 0 || item.column == 0 {
                failures.push(format!("{name}: an item has no position"));
                break;
            }
        }
    }
    eprintln!(
        "{} files; entries (source, mapped): {totals:?}",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for list in [
        "allergies",
        "medications",
        "problems",
        "results",
        "vitals",
        "immunizations",
        "procedures",
        "encounters",
        "social_history",
    ] {
        assert!(
            totals[list].0 > 400,
            "{list}: too few entries counted: {totals:?}"
        );
    }
    for list in [
        "functional_status",
        "mental_status",
        "family_history",
        "medical_equipment",
        "advance_directives",
        "payers",
    ] {
        assert!(
            totals[list].0 > 25,
            "{list}: too few entries counted: {totals:?}"
        );
    }
}
