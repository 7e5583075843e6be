//! `bluebutton detect`: what each file is, one line per file.

use crate::inputs::expand;
use crate::output::{report, Outcome, Output};
use crate::DetectFormat;
use bluebutton_model::Detection;
use std::path::PathBuf;

/// One line of `--format json`: the path, then the detection's fields.
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    path: &'a str,
    #[serde(flatten)]
    detection: &'a Detection,
}

/// Detects every input and prints one line for each.
pub(crate) fn run(paths: &[PathBuf], format: DetectFormat, output: &mut Output) -> Outcome {
    let mut outcome = Outcome::OK;
    for input in expand(paths) {
        let label = input.label();
        let bytes = match input.read_start() {
            Ok(bytes) => bytes,
            Err(e) => {
                outcome = outcome.and(output.flush()).and(Outcome::FAILED);
                report(&label, &e);
                if outcome.stopped {
                    break;
                }
                continue;
            }
        };
        let detection = bluebutton_parse::detect(&bytes);
        let line = match format {
            DetectFormat::Text => text_line(&label, &detection),
            DetectFormat::Json => match serde_json::to_string(&JsonLine {
                path: &label,
                detection: &detection,
            }) {
                Ok(line) => line,
                Err(e) => {
                    report(&label, &e.to_string());
                    outcome = outcome.and(Outcome::FAILED);
                    continue;
                }
            },
        };
        outcome = outcome.and(output.line(&line));
        if outcome.stopped {
            break;
        }
    }
    outcome
}

/// `PATH<TAB>KIND<TAB>VERSION<TAB>DOCUMENT TYPE<TAB>DESCRIPTION`, `-` where unknown.
fn text_line(label: &str, d: &Detection) -> String {
    let kind = serde_json::to_value(d.kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_else(|| format!("{:?}", d.kind));
    let position = match (d.line, d.column) {
        (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
        _ => String::new(),
    };
    [
        clean(label),
        kind,
        clean(d.version.as_deref().unwrap_or("-")),
        clean(d.document_type.as_deref().unwrap_or("-")),
        clean(&format!("{}{position}", d.description)),
    ]
    .join("\t")
}

/// A field without tabs, line breaks or other control characters.
fn clean(field: &str) -> String {
    field
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bluebutton_model::InputKind;

    #[test]
    fn text_lines_have_five_fields() {
        let d = Detection {
            kind: InputKind::MalformedXml,
            description: "XML that is not well-formed".into(),
            line: Some(2),
            column: Some(10),
            ..Default::default()
        };
        assert_eq!(
            text_line("a\tb.xml", &d),
            "a b.xml\tmalformed_xml\t-\t-\tXML that is not well-formed (line 2, column 10)"
        );
    }
}
