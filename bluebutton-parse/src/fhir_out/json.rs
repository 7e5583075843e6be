//! A small ordered JSON tree and its writer.
//!
//! Numbers are held as text and written verbatim, so a decimal keeps exactly the digits
//! the model kept (`12.50` stays `12.50`); nothing goes through a float. Keys keep their
//! insertion order (FHIR's conventional order: `resourceType` first), and members that
//! hold nothing (an empty string, array or object) are never added.

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum J {
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text (checked by [`J::decimal`] or made from an integer).
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object.
    Obj(Obj),
}

/// A JSON object whose members keep their order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Obj(Vec<(String, J)>);

impl J {
    /// A string value, or nothing for an empty or blank string.
    pub fn str(text: &str) -> Option<J> {
        (!text.trim().is_empty()).then(|| J::Str(text.to_string()))
    }

    /// An integer.
    pub fn int(n: i64) -> J {
        J::Num(n.to_string())
    }

    /// A decimal written from its text verbatim, when the text is a FHIR decimal
    /// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`). A leading `+` is dropped and a
    /// bare leading or trailing point gets its zero (`.5` → `0.5`, `5.` → `5`), which
    /// changes no digit; anything else is no decimal.
    pub fn decimal(text: &str) -> Option<J> {
        let t = text.trim();
        let t = t.strip_prefix('+').unwrap_or(t);
        let (sign, digits) = match t.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", t),
        };
        let mut fixed = String::with_capacity(digits.len() + 2);
        fixed.push_str(sign);
        if digits.starts_with('.') {
            fixed.push('0');
        }
        fixed.push_str(digits.strip_suffix('.').unwrap_or(digits));
        is_decimal(&fixed).then_some(J::Num(fixed))
    }

    /// Whether the value holds nothing worth writing.
    fn is_empty(&self) -> bool {
        match self {
            J::Str(s) => s.is_empty(),
            J::Arr(a) => a.is_empty(),
            J::Obj(o) => o.0.is_empty(),
            J::Bool(_) | J::Num(_) => false,
        }
    }

    /// The compact JSON text.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// The JSON text indented by two spaces, as `serde_json::to_string_pretty` writes it.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => escape(s, out),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent.map(|n| n + 1));
                    item.write(out, indent.map(|n| n + 1));
                }
                newline(out, indent);
                out.push(']');
            }
            J::Obj(o) => {
                out.push('{');
                for (i, (key, value)) in o.0.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent.map(|n| n + 1));
                    escape(key, out);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    value.write(out, indent.map(|n| n + 1));
                }
                newline(out, indent);
                out.push('}');
            }
        }
    }
}

impl From<Obj> for J {
    fn from(o: Obj) -> J {
        J::Obj(o)
    }
}

impl Obj {
    /// An empty object.
    pub fn new() -> Obj {
        Obj::default()
    }

    /// Adds a member when it holds something.
    pub fn put(&mut self, key: &str, value: impl Into<Option<J>>) -> &mut Obj {
        if let Some(v) = value.into().filter(|v| !v.is_empty()) {
            self.0.push((key.to_string(), v));
        }
        self
    }

    /// Adds a string member when the text is not blank.
    pub fn put_str(&mut self, key: &str, text: Option<&str>) -> &mut Obj {
        self.put(key, text.and_then(J::str))
    }

    /// Adds an array member of the values that hold something.
    pub fn put_all(&mut self, key: &str, values: impl IntoIterator<Item = J>) -> &mut Obj {
        let items: Vec<J> = values.into_iter().filter(|v| !v.is_empty()).collect();
        self.put(key, J::Arr(items))
    }

    /// Appends a value to the array member `key` (which it creates when missing).
    pub fn append(&mut self, key: &str, value: J) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, J::Arr(items))) => items.push(value),
            Some(_) => {}
            None => self.0.push((key.to_string(), J::Arr(vec![value]))),
        }
    }

    /// The member `key`, when present.
    pub fn get(&self, key: &str) -> Option<&J> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether the object has a member `key`.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// Whether the object holds nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The object as a value, or nothing when it is empty.
    pub fn some(self) -> Option<J> {
        (!self.is_empty()).then_some(J::Obj(self))
    }
}

/// Whether `t` matches FHIR's decimal grammar (which is also JSON's number grammar).
fn is_decimal(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |from: usize| {
        b.iter()
            .skip(from)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let n = digits(i);
    if n == 0 || (n > 1 && b.get(i) == Some(&b'0')) {
        return false;
    }
    i += n;
    if b.get(i) == Some(&b'.') {
        let f = digits(i + 1);
        if f == 0 {
            return false;
        }
        i += 1 + f;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let e = digits(i);
        if e == 0 {
            return false;
        }
        i += e;
    }
    i == b.len()
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(n) = indent {
        out.push('\n');
        for _ in 0..n {
            out.push_str("  ");
        }
    }
}

fn escape(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_text() {
        assert_eq!(J::decimal("12.50"), Some(J::Num("12.50".into())));
        assert_eq!(J::decimal("-0.0010"), Some(J::Num("-0.0010".into())));
        assert_eq!(J::decimal("1e3"), Some(J::Num("1e3".into())));
        assert_eq!(J::decimal("+7"), Some(J::Num("7".into())));
        assert_eq!(J::decimal(".5"), Some(J::Num("0.5".into())));
        assert_eq!(J::decimal("5."), Some(J::Num("5".into())));
        assert_eq!(J::decimal("007"), None);
        assert_eq!(J::decimal("1,000"), None);
        assert_eq!(J::decimal("abc"), None);
        assert_eq!(J::decimal(""), None);
    }

    #[test]
    fn writes_compact_and_pretty_like_serde_json() {
        let mut o = Obj::new();
        o.put("a", J::decimal("12.50"))
            .put_str("b", Some("x\"\n\u{1}"))
            .put_str("empty", Some(" "))
            .put_all("list", [J::Bool(true), J::Arr(vec![])]);
        let j = J::Obj(o);
        assert_eq!(
            j.compact(),
            "{\"a\":12.50,\"b\":\"x\\\"\\n\\u0001\",\"list\":[true]}"
        );
        let parsed: serde_json::Value = serde_json::from_str(&j.pretty()).unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&parsed).unwrap(),
            j.pretty().replace("12.50", "12.5")
        );
    }
}
