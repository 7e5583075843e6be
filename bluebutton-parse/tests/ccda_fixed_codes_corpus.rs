//! Every code a template fixes (a concern act's `CONC`, a severity observation's `SEV`, an
//! allergy observation's `ASSERTION`, a drug vehicle's role, ...) that a corpus document
//! carries inside an `<entry>` reaches the record: found here independently with
//! quick-xml, by the statement's template and the code the template fixes. And a code
//! kept in an item's `source.codes` is never also the code of one of its fields.

use std::collections::BTreeSet;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::Value;

mod corpus_files;
use corpus_files::{all_files, corpus_dir};

/// Statement (or participant role) templates and the code each one fixes: C-CDA and
/// their CCD R1 counterparts.
const FIXED: &[(&str, &str)] = &[
    ("2.16.840.1.113883.10.20.22.4.3", "CONC"),
    ("2.16.840.1.113883.10.20.22.4.30", "CONC"),
    ("2.16.840.1.113883.10.20.22.4.30", "48765-2"),
    ("2.16.840.1.113883.10.20.22.4.7", "ASSERTION"),
    ("2.16.840.1.113883.10.20.22.4.9", "ASSERTION"),
    ("2.16.840.1.113883.10.20.22.4.8", "SEV"),
    ("2.16.840.1.113883.10.20.1.55", "SEV"),
    ("2.16.840.1.113883.10.20.22.4.6", "33999-4"),
    ("2.16.840.1.113883.10.20.22.4.28", "33999-4"),
    ("2.16.840.1.113883.10.20.1.47", "33999-4"),
    ("2.16.840.1.113883.10.20.1.50", "33999-4"),
    ("2.16.840.1.113883.10.20.1.57", "33999-4"),
    ("2.16.840.1.113883.10.20.22.4.145", "82606-5"),
    ("2.16.840.1.113883.10.20.22.4.5", "11323-3"),
    ("2.16.840.1.113883.10.20.22.4.31", "445518008"),
    ("2.16.840.1.113883.10.20.22.4.64", "48767-8"),
    ("2.16.840.1.113883.10.20.1.40", "48767-8"),
    ("2.16.840.1.113883.10.20.22.4.60", "48768-6"),
    ("2.16.840.1.113883.10.20.22.4.80", "29308-4"),
    ("2.16.840.1.113883.10.20.22.4.35", "10183-2"),
    ("2.16.840.1.113883.10.20.22.4.147", "76662-6"),
    ("2.16.840.1.113883.10.20.22.4.52", "IMMUNIZ"),
    ("2.16.840.1.113883.10.20.1.46", "30973-2"),
    ("2.16.840.1.113883.10.20.22.4.24", "412307009"),
    ("2.16.840.1.113883.10.20.22.4.118", "416118004"),
    ("2.16.840.1.113883.10.20.22.4.123", "395170001"),
    ("2.16.840.1.113883.10.20.22.4.143", "225773000"),
    ("2.16.840.1.113883.10.20.24.3.88", "77301-0"),
    ("2.16.840.1.113883.10.20.22.4.108", "45473-6"),
];

/// The trimmed value of attribute `key` of `e`.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.into_inner() == key)
        .map(|a| a.value.trim().to_owned())
}

/// The template-fixed codes inside the document's entries: each element's `code` child
/// (with a code system and no null flavor) is checked against the element's templates.
fn fixed_codes_in(bytes: &[u8]) -> BTreeSet<String> {
    struct Open {
        templates: Vec<String>,
    }
    let mut found = BTreeSet::new();
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Open> = Vec::new();
    let mut in_entry = 0usize;
    loop {
        let (e, empty) = match reader.read_event().unwrap() {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if e.local_name().into_inner() == "entry" {
                    in_entry -= 1;
                }
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.local_name().into_inner().to_owned();
        if let Some(parent) = stack.last_mut() {
            match name.as_str() {
                "templateId" => parent.templates.extend(attr(&e, "root")),
                "code" if in_entry > 0 && attr(&e, "nullFlavor").is_none() => {
                    let code = attr(&e, "code").filter(|_| attr(&e, "codeSystem").is_some());
                    for (template, fixed) in FIXED {
                        let fixes = parent.templates.iter().any(|t| t == template);
                        if fixes && code.as_deref() == Some(*fixed) {
                            found.insert((*fixed).to_owned());
                        }
                    }
                }
                _ => {}
            }
        }
        if empty {
            continue;
        }
        if name == "entry" {
            in_entry += 1;
        }
        stack.push(Open {
            templates: Vec::new(),
        });
    }
    found
}

/// Every `code` string in `v`; with `fields_only`, only the item's fields' own codes
/// (leaving out `source` objects; `translations`, where another element may hold the same
/// string; and `components`, items of their own read from statements of their own).
fn codes(v: &Value, fields_only: bool, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let own = !matches!(k.as_str(), "source" | "translations" | "components");
                if fields_only && !own {
                    continue;
                }
                if let (true, Some(s)) = (k == "code", x.as_str()) {
                    out.insert(s.to_owned());
                }
                codes(x, fields_only, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| codes(x, fields_only, out)),
        _ => {}
    }
}

#[test]
fn every_template_fixed_code_in_the_corpus_is_kept_once() {
    let mut files = Vec::new();
    all_files(&corpus_dir().join("ccda"), &mut files);
    all_files(&corpus_dir().join("c32"), &mut files);
    assert!(files.len() > 290, "corpus not found: {}", files.len());
    let fixed: BTreeSet<&str> = FIXED.iter().map(|(_, c)| *c).collect();
    let (mut seen, mut lost, mut doubled) = (0usize, Vec::new(), Vec::new());
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.strip_prefix(corpus_dir()).unwrap().display();
        let Ok(record) = bluebutton_parse::parse_ccda(&bytes) else {
            continue;
        };
        let json = serde_json::to_value(&record).unwrap();
        let mut kept = BTreeSet::new();
        codes(&json, false, &mut kept);
        for code in fixed_codes_in(&bytes) {
            seen += 1;
            if !kept.contains(&code) {
                lost.push(format!("{name}: {code}"));
            }
        }
        // Within each item, a fixed code in `source.codes` is mapped nowhere else.
        for list in json
            .as_object()
            .unwrap()
            .values()
            .filter_map(Value::as_array)
        {
            for item in list {
                let in_source: BTreeSet<String> = item["source"]["codes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c["code"].as_str().map(str::to_owned))
                    .collect();
                let mut elsewhere = BTreeSet::new();
                codes(item, true, &mut elsewhere);
                for code in in_source.intersection(&elsewhere) {
                    if fixed.contains(code.as_str()) {
                        doubled.push(format!("{name}: {code}"));
                    }
                }
            }
        }
    }
    assert!(seen > 1200, "too few fixed codes found: {seen}");
    assert!(lost.is_empty(), "{} lost: {lost:#?}", lost.len());
    assert!(
        doubled.is_empty(),
        "{} doubled: {doubled:#?}",
        doubled.len()
    );
}
