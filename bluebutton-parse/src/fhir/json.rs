//! A borrowed JSON tree that keeps every number's exact text.
//!
//! FHIR decimals are exact ("12.50" is not "12.5"), so numbers stay the text the source
//! wrote. serde_json keeps that text only with its `arbitrary_precision` feature, which
//! Cargo would switch on for every crate of the workspace; this small reader keeps it for
//! the FHIR reader alone. Strings without escapes and all numbers borrow from the input;
//! objects remember where they start, for provenance and for keeping a resource whole.

use std::borrow::Cow;

/// How deep arrays and objects may nest before the input is refused.
pub(super) const MAX_DEPTH: usize = 256;

/// A JSON value borrowing from the input text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly as written.
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object.
    Object(Object<'a>),
}

/// A JSON object: its members in source order and where it lies in the input.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Object<'a> {
    /// Byte offset of the opening `{`.
    pub start: usize,
    /// Byte offset just past the closing `}`.
    pub end: usize,
    /// The members in source order.
    pub members: Vec<(Cow<'a, str>, Json<'a>)>,
}

/// A syntax error or a nesting too deep, at a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was wrong.
    pub what: &'static str,
    /// True when the nesting limit was hit rather than the syntax broken.
    pub too_deep: bool,
}

static EMPTY: Vec<Json<'static>> = Vec::new();

impl<'a> Json<'a> {
    /// The value as an object.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The value as text (a string).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

impl<'a> Object<'a> {
    /// The member named `key`.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The string member named `key`, when not empty.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str().filter(|s| !s.is_empty())
    }

    /// The string member named `key` as an owned string.
    pub fn string(&self, key: &str) -> Option<String> {
        self.str(key).map(str::to_string)
    }

    /// The object member named `key`.
    pub fn obj(&self, key: &str) -> Option<&Object<'a>> {
        self.get(key)?.as_object()
    }

    /// The number member named `key`, as written.
    pub fn number(&self, key: &str) -> Option<&'a str> {
        match self.get(key)? {
            Json::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The integer member named `key`.
    pub fn int(&self, key: &str) -> Option<i64> {
        self.number(key)?.parse().ok()
    }

    /// The boolean member named `key`.
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The array member named `key`, or an empty slice.
    pub fn array(&self, key: &str) -> &[Json<'a>] {
        match self.get(key) {
            Some(Json::Array(items)) => items,
            _ => &EMPTY,
        }
    }

    /// The objects in the array member named `key` (a lone object counts as one).
    pub fn objects<'s>(&'s self, key: &str) -> impl Iterator<Item = &'s Object<'a>> + 's {
        let (items, single): (&'s [Json<'a>], _) = match self.get(key) {
            Some(Json::Array(items)) => (items, None),
            Some(Json::Object(o)) => (&[], Some(o)),
            _ => (&[], None),
        };
        items.iter().filter_map(Json::as_object).chain(single)
    }

    /// The strings in the array member named `key`.
    pub fn strings(&self, key: &str) -> Vec<String> {
        self.array(key)
            .iter()
            .filter_map(Json::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The first member whose name is `prefix` followed by an upper-case type name
    /// (`value[x]`, `effective[x]`): the type suffix and the value.
    pub fn choice(&self, prefix: &str) -> Option<(&str, &Json<'a>)> {
        self.members.iter().find_map(|(k, v)| {
            let suffix = k.strip_prefix(prefix)?;
            suffix
                .starts_with(|c: char| c.is_ascii_uppercase())
                .then_some((suffix, v))
        })
    }
}

/// Parses one JSON value that fills `text` (white space around it allowed).
pub(super) fn parse(text: &str) -> Result<Json<'_>, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected content after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, what: &'static str) -> SyntaxError {
        SyntaxError {
            offset: self.pos,
            what,
            too_deep: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &'static str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn literal(&mut self, word: &[u8], value: Json<'a>) -> Result<Json<'a>, SyntaxError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self) -> Result<Json<'a>, SyntaxError> {
        match self.peek() {
            Some(b'{') => self.object().map(Json::Object),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal(b"true", Json::Bool(true)),
            Some(b'f') => self.literal(b"false", Json::Bool(false)),
            Some(b'n') => self.literal(b"null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError {
                too_deep: true,
                ..self.error("arrays and objects nest too deeply")
            });
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Object<'a>, SyntaxError> {
        self.enter()?;
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(self.error("expected a member name in quotes"));
                }
                let key = self.string()?;
                self.skip_ws();
                self.expect(b':', "expected ':' after a member name")?;
                self.skip_ws();
                let value = self.value()?;
                members.push((key, value));
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.error("expected ',' or '}' in an object")),
                }
            }
        }
        self.depth -= 1;
        Ok(Object {
            start,
            end: self.pos,
            members,
        })
    }

    fn array(&mut self) -> Result<Json<'a>, SyntaxError> {
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                items.push(self.value()?);
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.error("expected ',' or ']' in an array")),
                }
            }
        }
        self.depth -= 1;
        Ok(Json::Array(items))
    }

    fn slice(&self, start: usize, end: usize) -> Result<&'a str, SyntaxError> {
        self.text
            .get(start..end)
            .ok_or_else(|| self.error("invalid text"))
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.pos += 1;
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or_default();
        match memchr::memchr2(b'"', b'\\', rest) {
            Some(n) if rest.get(n) == Some(&b'"') => {
                self.pos = start + n + 1;
                Ok(Cow::Borrowed(self.slice(start, start + n)?))
            }
            Some(n) => {
                let mut out = self.slice(start, start + n)?.to_string();
                self.pos = start + n;
                self.escaped(&mut out)?;
                Ok(Cow::Owned(out))
            }
            None => {
                self.pos = self.bytes.len();
                Err(self.error("unterminated string"))
            }
        }
    }

    /// The rest of a string from its first backslash, into `out`.
    fn escaped(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            let Some(n) = memchr::memchr2(b'"', b'\\', rest) else {
                self.pos = self.bytes.len();
                return Err(self.error("unterminated string"));
            };
            out.push_str(self.slice(self.pos, self.pos + n)?);
            self.pos += n;
            if self.peek() == Some(b'"') {
                self.pos += 1;
                return Ok(());
            }
            self.pos += 1;
            let escape = self
                .peek()
                .ok_or_else(|| self.error("unterminated string"))?;
            self.pos += 1;
            match escape {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => out.push(self.unicode()?),
                _ => {
                    self.pos -= 1;
                    return Err(self.error("invalid escape in a string"));
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(digits)
    }

    fn unicode(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first)
            && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            } else {
                self.pos = save;
                first
            }
        } else {
            first
        };
        Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.pos;
        let invalid = SyntaxError {
            offset: start,
            what: "invalid number",
            too_deep: false,
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let leading_zero = self.peek() == Some(b'0');
        let int = self.digits();
        if int == 0 || (leading_zero && int > 1) {
            return Err(invalid);
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(invalid);
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(invalid);
            }
        }
        Ok(Json::Number(self.slice(start, self.pos)?))
    }
}

/// Walks one JSON value that fills `text` without building it, as [`parse`] would read it
/// (the same errors at the same offsets), calling `member` with each object member's depth
/// (1 for the members of a root object), name and value when the value is a string.
/// Returns whether the value is an object.
pub(super) fn skim<'a>(
    text: &'a str,
    member: &mut impl FnMut(usize, &str, Option<&Cow<'a, str>>),
) -> Result<bool, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    let object = p.peek() == Some(b'{');
    p.skim_value(member)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected content after the JSON value"));
    }
    Ok(object)
}

impl<'a> Parser<'a> {
    /// A value, as `value` reads it, built only as far as its strings.
    fn skim_value(
        &mut self,
        member: &mut impl FnMut(usize, &str, Option<&Cow<'a, str>>),
    ) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(b'{') => self.skim_object(member),
            Some(b'[') => self.skim_array(member),
            _ => self.value().map(drop),
        }
    }

    /// An object, as `object` reads it.
    fn skim_object(
        &mut self,
        member: &mut impl FnMut(usize, &str, Option<&Cow<'a, str>>),
    ) -> Result<(), SyntaxError> {
        self.enter()?;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(self.error("expected a member name in quotes"));
                }
                let key = self.string()?;
                self.skip_ws();
                self.expect(b':', "expected ':' after a member name")?;
                self.skip_ws();
                if self.peek() == Some(b'"') {
                    let value = self.string()?;
                    member(self.depth, &key, Some(&value));
                } else {
                    member(self.depth, &key, None);
                    self.skim_value(member)?;
                }
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.error("expected ',' or '}' in an object")),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// An array, as `array` reads it.
    fn skim_array(
        &mut self,
        member: &mut impl FnMut(usize, &str, Option<&Cow<'a, str>>),
    ) -> Result<(), SyntaxError> {
        self.enter()?;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                self.skim_value(member)?;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.error("expected ',' or ']' in an array")),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_number_text_and_borrows_strings() {
        let json =
            parse(r#" {"a": 12.50, "b": [0, -1e3, true, null], "c": "x\"y\u00e9"} "#).unwrap();
        let o = json.as_object().unwrap();
        assert_eq!(o.number("a"), Some("12.50"));
        assert_eq!(o.array("b").len(), 4);
        assert_eq!(o.array("b")[1], Json::Number("-1e3"));
        assert_eq!(o.str("c"), Some("x\"yé"));
        assert_eq!((o.start, o.end), (1, 60));
    }

    #[test]
    fn surrogate_pairs_join() {
        let json = parse(r#""\ud83d\ude00 \ud800x""#).unwrap();
        assert_eq!(json.as_str(), Some("😀 \u{FFFD}x"));
    }

    #[test]
    fn reports_offsets_of_errors() {
        assert_eq!(parse(r#"{"a": }"#).unwrap_err().offset, 6);
        assert_eq!(parse(r#"{"a": 01}"#).unwrap_err().what, "invalid number");
        assert_eq!(parse(r#"[1, 2"#).unwrap_err().offset, 5);
        assert_eq!(parse(r#"{} x"#).unwrap_err().offset, 3);
        assert!(parse(r#""abc"#).is_err());
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().too_deep);
    }

    #[test]
    fn skim_reads_as_parse_does() {
        let text = r#" {"a": "x", "b": [{"c": "y\u0041", "d": 1}], "e": {"a": null}} "#;
        let mut seen = Vec::new();
        let object = skim(text, &mut |depth, key, value| {
            seen.push((depth, key.to_string(), value.map(|v| v.to_string())));
        })
        .unwrap();
        assert!(object);
        let expected = [
            (1, "a", Some("x")),
            (1, "b", None),
            (3, "c", Some("yA")),
            (3, "d", None),
            (1, "e", None),
            (2, "a", None),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(d, k, v)| (*d, k.to_string(), v.map(str::to_string)))
            .collect();
        assert_eq!(seen, expected);
        assert!(!skim("[1]", &mut |_, _, _| {}).unwrap());
        for bad in [r#"{"a": }"#, r#"{"a": 01}"#, "[1, 2", "{} x", r#""abc"#] {
            assert_eq!(
                skim(bad, &mut |_, _, _| {}).err(),
                parse(bad).err(),
                "{bad}"
            );
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(skim(&deep, &mut |_, _, _| {}).unwrap_err().too_deep);
    }

    #[test]
    fn choice_finds_typed_members() {
        let json = parse(r#"{"valueQuantity": {"value": 1}, "valueset": 2}"#).unwrap();
        let o = json.as_object().unwrap();
        assert_eq!(o.choice("value").map(|(k, _)| k), Some("Quantity"));
        assert!(o.choice("effective").is_none());
    }
}
