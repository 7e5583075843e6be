//! CD / CE / CV / CO: coded values with translations, qualifiers and original text.

use std::borrow::Cow;

use bluebutton_model::{Coded, Coding, Qualifier};

use super::text::read_text_ref;
use crate::ccda::context::{own, Attrs, Cx, PushOne, Res};
use crate::xml::Elem;

/// A coded value as read: the model value, plus the narrative reference of its
/// `originalText` until the section narrative resolves it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Cd {
    /// The value; `original_text` holds inline text only.
    pub coded: Coded,
    /// `originalText/reference/@value`.
    pub reference: Option<String>,
}

impl Cd {
    /// The value for places without a narrative (the header): inline text only.
    pub(crate) fn plain(self) -> Coded {
        self.coded
    }
}

/// The attributes of a coded element, in the order of [`CD_ATTRIBUTES`].
type CdAttributes<'v, 'e> = [&'v Option<Cow<'e, str>>; 6];

/// The attributes a coded element is read from.
const CD_ATTRIBUTES: [&str; 6] = [
    "code",
    "codeSystem",
    "codeSystemName",
    "codeSystemVersion",
    "displayName",
    "nullFlavor",
];

/// Reads a coded element.
pub(crate) fn read_cd<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Cd> {
    let [a, b, c, d, f, g] = cx.pick(e, CD_ATTRIBUTES)?;
    read_cd_from(cx, e, [&a, &b, &c, &d, &f, &g])
}

/// Reads a coded element whose attributes were already read.
pub(crate) fn read_cd_with<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, a: &Attrs<'_>) -> Res<Cd> {
    let attributes = [
        &a.code,
        &a.code_system,
        &a.code_system_name,
        &a.code_system_version,
        &a.display_name,
        &a.null_flavor,
    ];
    read_cd_from(cx, e, attributes)
}

fn read_cd_from<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, attributes: CdAttributes<'_, '_>) -> Res<Cd> {
    let [code, system, system_name, system_version, display, null_flavor] = attributes;
    let mut cd = Cd {
        coded: Coded {
            code: own(code),
            system: own(system),
            system_name: own(system_name),
            system_version: own(system_version),
            display: own(display),
            null_flavor: own(null_flavor),
            ..Coded::default()
        },
        reference: None,
    };
    while let Some(c) = cx.child(e)? {
        match c.local() {
            "originalText" if c.is("originalText") => {
                let t = read_text_ref(cx, &c)?;
                cd.coded.original_text = t.text;
                cd.reference = t.reference;
            }
            "translation" if c.is("translation") => {
                cd.coded.translations.push_one(read_coding(cx, &c)?)
            }
            "qualifier" if c.is("qualifier") => cd.coded.qualifiers.push(read_qualifier(cx, &c)?),
            _ => cx.skip(&c)?,
        }
    }
    Ok(cd)
}

/// Reads a single code (a `translation`, a qualifier part) from its attributes.
pub(crate) fn read_coding<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Coding> {
    let [code, system, system_name, system_version, display, null_flavor] =
        cx.pick(e, CD_ATTRIBUTES)?;
    let coding = Coding {
        code: own(&code),
        system: own(&system),
        system_name: own(&system_name),
        system_version: own(&system_version),
        display: own(&display),
        null_flavor: own(&null_flavor),
    };
    cx.skip(e)?;
    Ok(coding)
}

fn read_qualifier<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<Qualifier> {
    let mut q = Qualifier::default();
    while let Some(c) = cx.child(e)? {
        if c.is("name") {
            q.name = Some(read_coding(cx, &c)?);
        } else if c.is("value") {
            q.value = Some(read_coding(cx, &c)?);
        } else {
            cx.skip(&c)?;
        }
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ccda::context::Cx;

    fn cd(xml: &str) -> Cd {
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        read_cd(&mut cx, &root).unwrap()
    }

    #[test]
    fn reads_code_translations_and_original_text_reference() {
        let c = cd(
            r##"<value xsi:type="CD" code="233604007" codeSystem="2.16.840.1.113883.6.96"
            codeSystemName="SNOMED CT" displayName="Pneumonia">
            <originalText><reference value="#problem1"/></originalText>
            <translation code="J18.9" codeSystem="2.16.840.1.113883.6.90" displayName="Pneumonia, unspecified"/>
            <qualifier><name code="272741003"/><value code="7771000" displayName="Left"/></qualifier>
          </value>"##,
        );
        assert_eq!(c.coded.code.as_deref(), Some("233604007"));
        assert_eq!(c.coded.system.as_deref(), Some("2.16.840.1.113883.6.96"));
        assert_eq!(c.coded.system_name.as_deref(), Some("SNOMED CT"));
        assert_eq!(c.reference.as_deref(), Some("#problem1"));
        assert_eq!(c.coded.original_text, None);
        assert_eq!(c.coded.translations.len(), 1);
        assert_eq!(c.coded.translations[0].code.as_deref(), Some("J18.9"));
        assert_eq!(
            c.coded.qualifiers[0]
                .value
                .as_ref()
                .unwrap()
                .display
                .as_deref(),
            Some("Left")
        );
    }

    #[test]
    fn keeps_null_flavor_and_inline_original_text() {
        let c = cd(
            "<code nullFlavor=\"OTH\"><originalText>\n  Peanut   butter\n</originalText></code>",
        );
        assert_eq!(c.coded.code, None);
        assert_eq!(c.coded.null_flavor.as_deref(), Some("OTH"));
        assert_eq!(c.coded.original_text.as_deref(), Some("Peanut butter"));
        assert_eq!(c.reference, None);
    }

    #[test]
    fn blank_attributes_are_absent() {
        let c = cd("<code code=\" \" displayName=\"\"/>");
        assert_eq!(c.coded, Coded::default());
    }
}
