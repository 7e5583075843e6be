//! Every CDA file of the shared corpus (`ccda/` and `c32/`, whatever the file name ends
//! with) parses, and each mapped section keeps one model item per `<entry>` (counted
//! independently here with quick-xml); medical equipment and advance directive
//! organizers give one item per component, a Coverage Activity one per policy and a Care
//! Team Organizer one per member, Note Activities count as notes wherever they are, and
//! each entry of a procedure note's anesthesia, indications or specimens section, of a
//! nutrition, assessment, referral reason, discharge instructions or skin findings
//! section, or of an imaging report's section, counts in the list its statement belongs
//! in.

use std::collections::HashMap;
use std::path::PathBuf;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

mod common;
use common::{doc, parse, section};

mod corpus_files;
use corpus_files::{all_files, corpus_dir};

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

/// HITSP C83 and IHE PCC section templates, and the list each one's entries map to.
const HITSP_IHE_SECTIONS: &[(&str, &str)] = &[
    ("2.16.840.1.113883.3.88.11.83.102", "allergies"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.13", "allergies"),
    ("2.16.840.1.113883.3.88.11.83.112", "medications"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.19", "medications"),
    ("2.16.840.1.113883.3.88.11.83.103", "problems"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.6", "problems"),
    ("2.16.840.1.113883.3.88.11.83.108", "procedures"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.12", "procedures"),
    ("2.16.840.1.113883.3.88.11.83.122", "results"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.28", "results"),
    ("2.16.840.1.113883.3.88.11.83.119", "vitals"),
    ("1.3.6.1.4.1.19376.1.5.3.1.1.5.3.2", "vitals"),
    ("2.16.840.1.113883.3.88.11.83.117", "immunizations"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.23", "immunizations"),
    ("2.16.840.1.113883.3.88.11.83.127", "encounters"),
    ("1.3.6.1.4.1.19376.1.5.3.1.1.5.3.3", "encounters"),
    ("2.16.840.1.113883.3.88.11.83.126", "social_history"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.16", "social_history"),
    ("2.16.840.1.113883.3.88.11.83.124", "plan_of_care"),
    ("2.16.840.1.113883.3.88.11.83.109", "functional_status"),
    ("2.16.840.1.113883.3.88.11.83.125", "family_history"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.15", "family_history"),
    ("2.16.840.1.113883.3.88.11.83.128", "medical_equipment"),
    ("1.3.6.1.4.1.19376.1.5.3.1.1.5.3.5", "medical_equipment"),
    ("2.16.840.1.113883.3.88.11.83.116", "advance_directives"),
    ("1.3.6.1.4.1.19376.1.5.3.1.3.35", "advance_directives"),
    ("2.16.840.1.113883.3.88.11.83.101", "payers"),
    ("1.3.6.1.4.1.19376.1.5.3.1.1.5.3.7", "payers"),
];

const P: &str = "2.16.840.1.113883.10.20.22.2.";
const C: &str = "2.16.840.1.113883.10.20.1.";

/// Which mapped list a section's entries belong to: by template root, or (for sections
/// with no known template id) by LOINC code.
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
        &format!("{P}43"),
        &format!("{P}24"),
        &format!("{P}34"),
        &format!("{P}35"),
        &format!("{P}36"),
        &format!("{P}37"),
        &format!("{P}28"),
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
    if has(&ids(&[
        &format!("{P}10"),
        &format!("{P}9"),
        &format!("{P}45"),
        &format!("{P}30"),
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
    if has(&ids(&[
        &format!("{P}25"),
        &format!("{P}29"),
        &format!("{P}31"),
        &format!("{P}57"),
        &format!("{P}8"),
        "1.3.6.1.4.1.19376.1.5.3.1.3.1",
        &format!("{P}41"),
        &format!("{P}63"),
        "2.16.840.1.113883.10.20.6.1.1",
        "2.16.840.1.113883.10.20.6.1.2",
    ])) {
        return Some(MIXED);
    }
    // HITSP C83 and IHE PCC section templates (C32 documents; a few C-CDA vendors).
    let ancestor = HITSP_IHE_SECTIONS
        .iter()
        .find(|(root, _)| templates.iter().any(|t| t == root));
    if let Some((_, list)) = ancestor {
        return Some(list);
    }
    // No known template: the LOINC code says.
    match code? {
        "48765-2" => Some("allergies"),
        "10160-0" | "10183-2" | "42346-7" | "29549-3" => Some("medications"),
        "11450-4" | "11348-0" | "46241-6" | "11535-2" | "10219-4" | "10218-6" | "59769-0"
        | "55109-3" | "59776-5" => Some("problems"),
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
        "18776-5" | "62387-6" | "11383-7" | "51847-2" | "69730-0" | "59772-4" => {
            Some("plan_of_care")
        }
        "61146-7" => Some("goals"),
        "75310-3" => Some("health_concerns"),
        "85847-2" => Some("care_team"),
        // Diagnostic Imaging Report sections (DICOM codes; History also LOINC).
        "121060" | "11329-0" | "121062" | "121064" | "121066" | "121068" | "121070" | "121072"
        | "121074" | "121076" | "121078" | "121109" | "121110" | "121111" | "121113" | "121181" => {
            Some(MIXED)
        }
        _ => None,
    }
}

/// Sections whose entries each go to the list their statement belongs in (Procedure
/// Anesthesia, Procedure Indications, Procedure Specimens Taken, Nutrition, Assessment,
/// Reason for Referral, Hospital Discharge Instructions, Physical Findings of Skin, the
/// Diagnostic Imaging Report's sections): see [`mixed_list`].
const MIXED: &str = "mixed";

/// The list an entry of a mixed section goes to: by the root statement's template
/// (Indication, problem and diagnosis acts, immunization, medication, procedure, imaging
/// procedure context and study, vital signs, results and imaging observations, functional
/// and nutritional status, encounter, planned activities), else by its element; `None`
/// for a Comment Activity, and when it has no statement or one no list holds.
fn mixed_list(root: Option<&str>, templates: &[String]) -> Option<&'static str> {
    let has = |prefix: &str, ns: &[&str]| {
        templates
            .iter()
            .any(|t| ns.iter().any(|n| *t == format!("{prefix}{n}")))
    };
    let c = "2.16.840.1.113883.10.20.22.4.";
    let dir = "2.16.840.1.113883.10.20.6.2.";
    // A Comment Activity is a remark on the section, in no list.
    if has(c, &["64"]) || has("2.16.840.1.113883.10.20.1.", &["40"]) {
        return None;
    }
    let by_template = [
        (
            c,
            &["19", "3", "4", "33", "34", "65", "51", "80"][..],
            "problems",
        ),
        (c, &["52"], "immunizations"),
        (c, &["16", "35", "36"], "medications"),
        (c, &["14", "12", "13"], "procedures"),
        (dir, &["5", "6"], "procedures"),
        (c, &["26"], "vitals"),
        (c, &["1", "2"], "results"),
        (dir, &["12", "13", "14"], "results"),
        (
            c,
            &[
                "124", "66", "67", "68", "69", "70", "72", "73", "74", "75", "76", "77", "86",
                "114", "127", "128",
            ],
            "functional_status",
        ),
        (c, &["49"], "encounters"),
        (
            c,
            &[
                "39", "40", "41", "42", "43", "44", "120", "129", "20", "130", "141", "140", "131",
                "146", "144", "121",
            ],
            "plan_of_care",
        ),
    ]
    .into_iter()
    .find(|(prefix, ns, _)| has(prefix, ns));
    if let Some((_, _, list)) = by_template {
        return Some(list);
    }
    match root? {
        "substanceAdministration" | "supply" => Some("medications"),
        "procedure" | "act" => Some("procedures"),
        "observation" | "organizer" => Some("results"),
        "encounter" => Some("encounters"),
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

/// Problem Observation roots: a concern or diagnosis act holding several gives one
/// problem per observation.
const PROBLEM_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.4",
    "2.16.840.1.113883.10.20.1.28",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5",
];

const NOTE_ACTIVITY: &str = "2.16.840.1.113883.10.20.22.4.202";
const CARE_TEAM_MEMBER: &str = "2.16.840.1.113883.10.20.22.4.500.1";

/// The trimmed value of attribute `key` of `e`.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.into_inner() == key)
        .map(|a| a.value.trim().to_owned())
}

/// The statement of a `component` or `entryRelationship` of an entry's root statement.
#[derive(Default)]
struct Related {
    /// Held by a `component` (an organizer member).
    component: bool,
    /// An `act` not in definition mood (a policy of a Coverage Activity).
    act: bool,
    /// A Note Activity: it counts as a note, not as a member of its entry.
    note: bool,
    /// A Care Team Member Act.
    care_team_member: bool,
    /// An `observation`.
    observation: bool,
    /// A Problem Observation.
    problem: bool,
}

/// One `<entry>` being counted: its root statement (the first one), and the statements
/// its components and entry relationships hold.
#[derive(Default)]
struct EntryCount {
    depth: usize,
    /// Element name of the root statement.
    root: Option<String>,
    /// Inside the root statement (not a further statement of the entry).
    in_root: bool,
    root_is_note: bool,
    root_is_policy: bool,
    root_is_member: bool,
    /// The root statement's template roots.
    root_templates: Vec<String>,
    /// The relationship whose statement comes next.
    relation: Option<String>,
    related: Vec<Related>,
    /// Inside the last of `related`.
    in_related: bool,
    /// Note Activities nested (at any depth) in the root statement.
    nested_notes: usize,
}

impl EntryCount {
    /// Takes in an element starting at `depth`, inside the entry.
    fn see(&mut self, name: &str, depth: usize, start: &BytesStart<'_>, empty: bool) {
        let statement = STATEMENTS.contains(&name);
        let level = depth - self.depth;
        if level == 1 {
            self.in_root = statement && self.root.is_none();
            if self.in_root {
                self.root = Some(name.to_owned());
            }
        }
        if !self.in_root {
            return;
        }
        let template = (name == "templateId").then(|| attr(start, "root").unwrap_or_default());
        let template = template.as_deref();
        if level > 2 && template == Some(NOTE_ACTIVITY) {
            self.nested_notes += 1;
        }
        match level {
            2 if template.is_some() => {
                self.root_templates.extend(template.map(str::to_owned));
                self.root_is_note |= template == Some(NOTE_ACTIVITY);
                self.root_is_policy |= template.is_some_and(|t| POLICY.contains(&t));
                self.root_is_member |= template == Some(CARE_TEAM_MEMBER);
            }
            2 if name == "component" || name == "entryRelationship" => {
                self.relation = (!empty).then(|| name.to_owned());
            }
            2 => self.relation = None,
            3 => {
                self.in_related = statement && self.relation.is_some();
                if self.in_related {
                    self.related.push(Related {
                        component: self.relation.as_deref() == Some("component"),
                        act: name == "act" && attr(start, "moodCode").as_deref() != Some("DEF"),
                        observation: name == "observation",
                        ..Related::default()
                    });
                    // One statement per relationship.
                    self.relation = None;
                }
            }
            4 if self.in_related && template.is_some() => {
                if let Some(r) = self.related.last_mut() {
                    r.note |= template == Some(NOTE_ACTIVITY);
                    r.care_team_member |= template == Some(CARE_TEAM_MEMBER);
                    r.problem |=
                        r.observation && template.is_some_and(|t| PROBLEM_OBSERVATION.contains(&t));
                }
            }
            _ => {}
        }
    }

    /// Adds the entry's items to `counts`: a Note Activity is a note whatever its section
    /// (`section` is the section's list); nested Note Activities are notes too.
    fn tally(&self, section: Option<&'static str>, counts: &mut HashMap<&'static str, usize>) {
        let list = if self.root_is_note {
            Some("notes")
        } else if section == Some(MIXED) {
            mixed_list(self.root.as_deref(), &self.root_templates)
        } else {
            section
        };
        if let Some(list) = list {
            *counts.entry(list).or_default() += self.items(list);
        }
        *counts.entry("notes").or_default() += self.nested_notes;
    }

    /// Items the entry gives to `list`: one, except that organizers of medical equipment
    /// and advance directives give one per component, a Coverage Activity one per policy,
    /// a concern or diagnosis act with several Problem Observations one per observation,
    /// and a care team entry one per Care Team Member Act (at least one). Related Note
    /// Activities are no members.
    fn items(&self, list: &str) -> usize {
        let members = || self.related.iter().filter(|r| !r.note);
        match list {
            "medical_equipment" | "advance_directives" => {
                let n = members().filter(|r| r.component).count();
                if self.root.as_deref() == Some("organizer") && n > 0 {
                    n
                } else {
                    1
                }
            }
            "payers" => {
                let n = members().filter(|r| r.act).count();
                if self.root_is_policy || n == 0 {
                    1
                } else {
                    n
                }
            }
            "problems" => {
                let n = members().filter(|r| r.problem).count();
                if self.root.as_deref() != Some("observation") && n > 1 {
                    n
                } else {
                    1
                }
            }
            "care_team" => {
                let n = members().filter(|r| r.care_team_member).count();
                (usize::from(self.root_is_member) + n).max(1)
            }
            _ => 1,
        }
    }
}

/// Counts the direct `<entry>` children of every section, per mapped list (see
/// [`EntryCount::tally`]).
fn count_entries(bytes: &[u8]) -> HashMap<&'static str, usize> {
    struct Sec {
        depth: usize,
        templates: Vec<String>,
        code: Option<String>,
    }
    let mut counts = HashMap::new();
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Sec> = Vec::new();
    let mut entry: Option<EntryCount> = None;
    let mut depth = 0usize;
    let local = |name: &str| name.rsplit(':').next().unwrap_or(name).to_owned();
    let list = |s: &Sec| section_list(&s.templates, s.code.as_deref());
    loop {
        let (start, empty) = match reader.read_event().unwrap() {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if let Some(e) = entry.take_if(|e| e.depth == depth) {
                    e.tally(list(stack.last().unwrap()), &mut counts);
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
                "entry" if empty => EntryCount::default().tally(list(sec), &mut counts),
                "entry" => {
                    entry = Some(EntryCount {
                        depth: child_depth,
                        ..EntryCount::default()
                    })
                }
                _ => {}
            }
        } else if let Some(e) = entry.as_mut() {
            e.see(&name, child_depth, &start, empty);
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
            ("functional_status", record.functional_status.len()),
            ("mental_status", record.mental_status.len()),
            ("family_history", record.family_history.len()),
            ("medical_equipment", record.medical_equipment.len()),
            ("advance_directives", record.advance_directives.len()),
            ("payers", record.payers.len()),
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
            .chain(record.functional_status.iter().map(|o| &o.source))
            .chain(record.mental_status.iter().map(|o| &o.source))
            .chain(record.family_history.iter().map(|f| &f.source))
            .chain(record.medical_equipment.iter().map(|d| &d.source))
            .chain(record.advance_directives.iter().map(|d| &d.source))
            .chain(record.payers.iter().map(|c| &c.source))
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
    for (list, least) in [("goals", 100), ("health_concerns", 150), ("notes", 3)] {
        assert!(
            totals[list].0 >= least,
            "{list}: too few entries counted: {totals:?}"
        );
    }
}

/// Where the rules of the counter meet and the corpus has no example: Note Activities
/// among the policies of a Coverage Activity, the devices of an equipment organizer and
/// the members of a care team count as notes only, as does a Note Activity entry of a
/// payers section.
#[test]
fn notes_among_members_count_as_notes_only() {
    let note = r#"<act classCode="ACT" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.202"/><code code="34109-9" codeSystem="2.16.840.1.113883.6.1"/></act>"#;
    let policy = r#"<entryRelationship typeCode="COMP"><act classCode="ACT" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.61"/></act></entryRelationship>"#;
    let coverage = format!(
        r#"<entry><act classCode="ACT" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.60"/>{policy}{policy}<entryRelationship typeCode="SUBJ">{note}</entryRelationship></act></entry><entry>{note}</entry>"#
    );
    let supply = r#"<component><supply classCode="SPLY" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.50"/></supply></component>"#;
    let equipment = format!(
        r#"<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.135"/>{supply}{supply}<component>{note}</component></organizer></entry>"#
    );
    let member = r#"<component><act classCode="PCPR" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.500.1"/></act></component>"#;
    let team = format!(
        r#"<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.500"/>{member}{member}<component>{note}</component></organizer></entry>"#
    );
    let body = [
        section("2.16.840.1.113883.10.20.22.2.18", "48768-6", "", &coverage),
        section("2.16.840.1.113883.10.20.22.2.23", "46264-8", "", &equipment),
        section("2.16.840.1.113883.10.20.22.2.500", "85847-2", "", &team),
    ]
    .concat();
    let counted = count_entries(doc(&body).as_bytes());
    let want = [
        ("payers", 2),
        ("medical_equipment", 2),
        ("care_team", 2),
        ("notes", 4),
    ];
    assert_eq!(counted, HashMap::from(want));
    let r = parse(&body);
    let notes = r.notes.iter().filter(|n| n.kind.as_deref() == Some("note"));
    let got = [
        ("payers", r.payers.len()),
        ("medical_equipment", r.medical_equipment.len()),
        ("care_team", r.care_team.len()),
        ("notes", notes.count()),
    ];
    assert_eq!(got, want);
}
