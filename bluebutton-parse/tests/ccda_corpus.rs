//! Every CDA file of the shared corpus (`ccda/` and `c32/`, whatever the file name ends
//! with) parses, and each mapped section keeps one model item per `<entry>` (counted
//! independently here with quick-xml).

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
    if has(&ids(&[
        &format!("{P}10"),
        &format!("{C}10"),
        "1.3.6.1.4.1.19376.1.5.3.1.3.31",
        "2.16.840.1.113883.10.20.21.2.3",
        &format!("{P}61"),
    ])) {
        return Some("plan_of_care");
    }
    if has(&ids(&[&format!("{P}60")])) {
        return Some("goals");
    }
    if has(&ids(&[&format!("{P}58")])) {
        return Some("health_concerns");
    }
    if has(&ids(&[&format!("{P}500")])) {
        return Some("care_team");
    }
    if has(&ids(&[&format!("{P}65")])) {
        return Some("notes");
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
        "18776-5" | "62387-6" | "11383-7" => Some("plan_of_care"),
        "61146-7" => Some("goals"),
        "75310-3" => Some("health_concerns"),
        "85847-2" => Some("care_team"),
        _ => None,
    }
}

const NOTE_ACTIVITY: &str = "2.16.840.1.113883.10.20.22.4.202";
const CARE_TEAM_MEMBER: &str = "2.16.840.1.113883.10.20.22.4.500.1";

/// Counts the direct `<entry>` children of every section, per mapped list: a Note
/// Activity entry counts for `notes` whatever its section (and so does every Note Activity
/// nested in an entry), and a care team entry for each Care Team Member Act it holds (at
/// least one).
fn count_entries(bytes: &[u8]) -> HashMap<&'static str, usize> {
    struct Sec {
        depth: usize,
        templates: Vec<String>,
        code: Option<String>,
    }
    /// The entry being read: its depth, its statement's depth once seen, what it is.
    struct Entry {
        depth: usize,
        statement: Option<usize>,
        note: bool,
        nested_notes: usize,
        members: usize,
    }
    let mut counts = HashMap::new();
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Sec> = Vec::new();
    let mut entry: Option<Entry> = None;
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
                if let Some(e) = entry.take_if(|e| e.depth == depth) {
                    let sec = stack.last().unwrap();
                    let list = if e.note {
                        Some("notes")
                    } else {
                        section_list(&sec.templates, sec.code.as_deref())
                    };
                    if let Some(list) = list {
                        let n = if list == "care_team" {
                            e.members.max(1)
                        } else {
                            1
                        };
                        *counts.entry(list).or_default() += n;
                    }
                    *counts.entry("notes").or_default() += e.nested_notes;
                }
                if stack.last().is_some_and(|s| s.depth == depth) {
                    stack.pop();
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
                "entry" if !empty => {
                    entry = Some(Entry {
                        depth: child_depth,
                        statement: None,
                        note: false,
                        nested_notes: 0,
                        members: 0,
                    })
                }
                _ => {}
            }
        }
        if let Some(e) = entry.as_mut() {
            let is_statement = matches!(
                name.as_str(),
                "act"
                    | "observation"
                    | "substanceAdministration"
                    | "supply"
                    | "procedure"
                    | "encounter"
                    | "organizer"
                    | "observationMedia"
                    | "regionOfInterest"
            );
            if e.statement.is_none() && child_depth == e.depth + 1 && is_statement {
                e.statement = Some(child_depth);
            }
            if name == "templateId" {
                let root = attr(&start, "root");
                match e.statement {
                    Some(d) if d + 1 == child_depth => {
                        e.note |= root.as_deref() == Some(NOTE_ACTIVITY);
                        if root.as_deref() == Some(CARE_TEAM_MEMBER) {
                            e.members += 1;
                        }
                    }
                    // organizer/component/act/templateId
                    Some(d)
                        if d + 3 == child_depth && root.as_deref() == Some(CARE_TEAM_MEMBER) =>
                    {
                        e.members += 1;
                    }
                    Some(d) if d + 1 < child_depth && root.as_deref() == Some(NOTE_ACTIVITY) => {
                        e.nested_notes += 1;
                    }
                    _ => {}
                }
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
            ("plan_of_care", record.plan_of_care.len()),
            ("goals", record.goals.len()),
            ("health_concerns", record.health_concerns.len()),
            ("care_team", record.care_team.len()),
            (
                "notes",
                record
                    .notes
                    .iter()
                    .filter(|n| n.kind.as_deref() == Some("note"))
                    .count(),
            ),
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
            .chain(record.plan_of_care.iter().map(|a| &a.source))
            .chain(record.goals.iter().map(|g| &g.source))
            .chain(record.health_concerns.iter().map(|c| &c.source))
            .chain(record.care_team.iter().map(|m| &m.source))
            .chain(record.notes.iter().map(|n| &n.source))
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
        "plan_of_care",
    ] {
        assert!(
            totals[list].0 > 400,
            "{list}: too few entries counted: {totals:?}"
        );
    }
    for (list, least) in [("goals", 100), ("health_concerns", 150), ("notes", 3)] {
        assert!(
            totals[list].0 >= least,
            "{list}: too few entries counted: {totals:?}"
        );
    }
}
