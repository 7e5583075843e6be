//! PN, AD and TEL: person names, postal addresses and telecom URIs.

use bluebutton_model::{Address, PersonName, Telecom};

use super::time::read_interval;
use crate::ccda::context::{own, present, something, Cx, Res};
use crate::xml::{collapse, Elem, Node};

/// Reads a person name (PN): structured parts, or the unstructured text.
pub(crate) fn read_name<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<PersonName>> {
    let [usage, null_flavor] = cx.pick(e, ["use", "nullFlavor"])?;
    let mut name = PersonName {
        usage: own(&usage),
        null_flavor: own(&null_flavor),
        ..PersonName::default()
    };
    let mut family: Vec<String> = Vec::new();
    let loose = read_mixed(cx, e, |cx, child, loose| {
        match child.local() {
            "given" => name.given.extend(cx.text(child)?),
            "family" => family.extend(cx.text(child)?),
            "prefix" => name.prefix.extend(cx.text(child)?),
            "suffix" => name.suffix.extend(cx.text(child)?),
            "validTime" => name.period = read_interval(cx, child)?.map(Box::new),
            "delimiter" => cx.skip(child)?,
            _ => {
                let inner = cx.r.text(child)?;
                loose.push(' ');
                loose.push_str(&inner);
            }
        }
        Ok(())
    })?;
    if !family.is_empty() {
        name.family = Some(family.join(" "));
    }
    let structured = !(name.given.is_empty()
        && name.family.is_none()
        && name.prefix.is_empty()
        && name.suffix.is_empty());
    if !structured {
        name.text = collapse(&loose);
    }
    Ok(something(name))
}

/// Reads a postal address (AD): structured parts, or the unstructured text; `None` for an
/// element with nothing in it (`<addr/>`).
pub(crate) fn read_addr<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Address>> {
    let [usage, null_flavor] = cx.pick(e, ["use", "nullFlavor"])?;
    let mut addr = Address {
        usage: own(&usage),
        null_flavor: own(&null_flavor),
        ..Address::default()
    };
    let loose = read_mixed(cx, e, |cx, child, _| {
        match child.local() {
            "city" => addr.city = cx.text(child)?,
            "state" => addr.state = cx.text(child)?,
            "postalCode" => addr.postal_code = cx.text(child)?,
            "county" => addr.district = cx.text(child)?,
            "country" => addr.country = cx.text(child)?,
            "useablePeriod" => addr.period = read_interval(cx, child)?.map(Box::new),
            "delimiter" => cx.skip(child)?,
            // streetAddressLine, and the finer street parts some systems use.
            _ => addr.lines.extend(cx.text(child)?),
        }
        Ok(())
    })?;
    let structured = !(addr.lines.is_empty()
        && addr.city.is_none()
        && addr.state.is_none()
        && addr.postal_code.is_none()
        && addr.district.is_none()
        && addr.country.is_none());
    if !structured {
        addr.text = collapse(&loose);
    }
    Ok(something(addr))
}

/// Reads `e`'s mixed content: its text is collected and returned (for names and addresses
/// written without parts; white space is for collapsing, not kept as written), and each
/// child element goes to `on_child`, which may add to that text.
fn read_mixed<'a>(
    cx: &mut Cx<'a>,
    e: &Elem<'a>,
    mut on_child: impl FnMut(&mut Cx<'a>, &Elem<'a>, &mut String) -> Res<()>,
) -> Res<String> {
    let mut loose = String::new();
    loop {
        // Both callers collapse white space, so a blank run (the indentation between
        // parts) is one space, and none at the start: no copy, no allocation. The run
        // before the next event is taken off the input rather than read as a text event;
        // a text that goes on after it comes without it, which collapses the same.
        if cx.r.skip_space(e) {
            space(&mut loose);
        }
        let Some(node) = cx.r.next_node(e)? else {
            break;
        };
        match node {
            // What skip_space leaves: a blank reference or CDATA section.
            Node::Text(t) if t.trim_ascii().is_empty() => space(&mut loose),
            Node::Text(t) => loose.push_str(&t),
            Node::Close => {}
            Node::Open(child) => on_child(cx, &child, &mut loose)?,
        }
    }
    Ok(loose)
}

/// A run of white space in `loose`, which is collapsed: one space, none at the start or
/// after another.
fn space(loose: &mut String) {
    if !loose.is_empty() && !loose.ends_with(' ') {
        loose.push(' ');
    }
}

/// Reads a telecom (TEL): the system comes from the URI scheme, which is removed from the
/// value (`tel:+1-555-0100` → phone `+1-555-0100`); web addresses keep their scheme.
pub(crate) fn read_telecom<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Option<Telecom>> {
    let [usage, null_flavor, value] = cx.pick(e, ["use", "nullFlavor", "value"])?;
    let mut t = Telecom {
        usage: own(&usage),
        null_flavor: own(&null_flavor),
        ..Telecom::default()
    };
    if let Some(uri) = present(&value) {
        let (system, value) = split_uri(uri);
        t.system = system.map(str::to_owned);
        t.value = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    }
    cx.skip(e)?;
    Ok(something(t))
}

/// The telecom system named by a URI's scheme, and the value to keep.
fn split_uri(uri: &str) -> (Option<&'static str>, &str) {
    let Some((scheme, rest)) = uri.split_once(':') else {
        return (None, uri);
    };
    // Compared without case, not lowered into a new string for each telecom.
    let is = |names: &[&str]| names.iter().any(|n| scheme.eq_ignore_ascii_case(n));
    if is(&["tel"]) {
        (Some("phone"), rest)
    } else if is(&["fax"]) {
        (Some("fax"), rest)
    } else if is(&["mailto"]) {
        (Some("email"), rest)
    } else if is(&["http", "https"]) {
        (Some("url"), uri)
    } else if is(&["sms", "mms", "modem", "x-text-tel", "x-text-fax"]) {
        (Some("other"), rest)
    } else {
        (None, uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<T>(xml: &str, f: impl for<'a> FnOnce(&mut Cx<'a>, &Elem<'a>) -> Res<T>) -> T {
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        f(&mut cx, &root).unwrap()
    }

    #[test]
    fn structured_and_unstructured_names() {
        let n = run(
            r#"<name use="L"><prefix>Dr.</prefix><given>Ada</given><given>M</given><family>Lovelace</family><suffix>PhD</suffix><validTime><low value="1990"/></validTime></name>"#,
            read_name,
        ).unwrap();
        assert_eq!(n.usage.as_deref(), Some("L"));
        assert_eq!(n.given, vec!["Ada", "M"]);
        assert_eq!(n.family.as_deref(), Some("Lovelace"));
        assert_eq!(n.prefix, vec!["Dr."]);
        assert_eq!(n.suffix, vec!["PhD"]);
        assert!(n.period.is_some());
        assert_eq!(n.text, None);
        let n = run("<name>\n  Ada   Lovelace </name>", read_name).unwrap();
        assert_eq!(n.text.as_deref(), Some("Ada Lovelace"));
        let n = run(r#"<name nullFlavor="UNK"/>"#, read_name).unwrap();
        assert_eq!(n.null_flavor.as_deref(), Some("UNK"));
    }

    #[test]
    fn addresses() {
        let a = run(
            r#"<addr use="HP"><streetAddressLine>1 Main St</streetAddressLine><streetAddressLine>Apt 2</streetAddressLine><city>Springfield</city><state>OR</state><postalCode>97401</postalCode><country>US</country></addr>"#,
            read_addr,
        )
        .unwrap();
        assert_eq!(a.lines, vec!["1 Main St", "Apt 2"]);
        assert_eq!(a.city.as_deref(), Some("Springfield"));
        assert_eq!(a.usage.as_deref(), Some("HP"));
        let a = run("<addr>1 Main St, Springfield</addr>", read_addr).unwrap();
        assert_eq!(a.text.as_deref(), Some("1 Main St, Springfield"));
        assert_eq!(
            run("<addr/>", read_addr),
            None,
            "an empty <addr/> is no address"
        );
        assert!(run(r#"<addr nullFlavor="UNK"/>"#, read_addr).is_some());
    }

    #[test]
    fn odd_white_space_in_unstructured_names_and_addresses() {
        let name = |xml: &str| run(xml, read_name).and_then(|n| n.text);
        let addr = |xml: &str| run(xml, read_addr).and_then(|a| a.text);
        // Tabs, CR LF and form feeds before, between and after the words.
        let xml = "<name>\t\r\n Ada\x0C\x0C Lovelace \r\n\t</name>";
        assert_eq!(name(xml).as_deref(), Some("Ada Lovelace"));
        // Text before and after parts that add nothing (a delimiter is skipped) or that
        // add their own text (an unknown part), each with a blank run around it.
        let xml =
            "<name>\r\n\tDr.\x0C<delimiter>,</delimiter>\n  Ada <x> M </x>\tLovelace\x0C</name>";
        assert_eq!(name(xml).as_deref(), Some("Dr. Ada M Lovelace"));
        let xml = "<name>\n  <delimiter/>\n  Ada\n  <delimiter/>\n  <delimiter/>\n</name>";
        assert_eq!(name(xml).as_deref(), Some("Ada"));
        let xml = "<name><x/>\x0C<x>  </x>\r\nAda<x/> \t</name>";
        assert_eq!(name(xml).as_deref(), Some("Ada"));
        // No white space: none is added.
        let xml = "<name>Dr.<delimiter/>Ada<x>M</x></name>";
        assert_eq!(name(xml).as_deref(), Some("Dr.Ada M"));
        // Blank references and CDATA sections are blank runs too.
        let xml = "<name>Ada&#32;<delimiter/>&#x9;Lovelace<![CDATA[ \n ]]>Jr</name>";
        assert_eq!(name(xml).as_deref(), Some("Ada Lovelace Jr"));
        // A vertical tab is not XML white space: it stays in the text, trimmed at the ends.
        let xml = "<name>\x0B Ada\x0B<delimiter/> \x0BLovelace</name>";
        assert_eq!(name(xml).as_deref(), Some("Ada\x0B \x0BLovelace"));
        // Only white space: no text.
        assert_eq!(name("<name>\n\t\x0C\r\n</name>"), None);
        let xml = "<addr>\r\n  1 Main St,\x0C\n  <delimiter/>\tSpringfield\r\n</addr>";
        assert_eq!(addr(xml).as_deref(), Some("1 Main St, Springfield"));
        let xml = "<addr>\n  <delimiter/>\n</addr>";
        assert_eq!(run(xml, read_addr), None);
        // With parts, the text between them is not kept.
        let a = run(
            "<addr>\n  Somewhere\n  <streetAddressLine>\n 1 Main\tSt \n</streetAddressLine>\x0C<city>X</city>\n</addr>",
            read_addr,
        )
        .unwrap();
        assert_eq!(
            (a.lines, a.city, a.text),
            (vec!["1 Main St".into()], Some("X".into()), None)
        );
    }

    #[test]
    fn telecom_schemes() {
        let t = run(
            r#"<telecom use="HP" value="tel:+1(555)555-2003"/>"#,
            read_telecom,
        )
        .unwrap();
        assert_eq!(
            (t.system.as_deref(), t.value.as_deref()),
            (Some("phone"), Some("+1(555)555-2003"))
        );
        let t = run(
            r#"<telecom value="mailto:someone@example.org"/>"#,
            read_telecom,
        )
        .unwrap();
        assert_eq!(
            (t.system.as_deref(), t.value.as_deref()),
            (Some("email"), Some("someone@example.org"))
        );
        let t = run(r#"<telecom value="fax:555-0101"/>"#, read_telecom).unwrap();
        assert_eq!(t.system.as_deref(), Some("fax"));
        let t = run(r#"<telecom value="http://example.org/x"/>"#, read_telecom).unwrap();
        assert_eq!(
            (t.system.as_deref(), t.value.as_deref()),
            (Some("url"), Some("http://example.org/x"))
        );
        let t = run(r#"<telecom value="555-0100"/>"#, read_telecom).unwrap();
        assert_eq!((t.system, t.value.as_deref()), (None, Some("555-0100")));
        let t = run(r#"<telecom nullFlavor="UNK"/>"#, read_telecom).unwrap();
        assert_eq!(t.null_flavor.as_deref(), Some("UNK"));
    }
}
