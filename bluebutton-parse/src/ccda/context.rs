//! The reading context shared by every C-CDA reader function.

use std::borrow::Cow;

use bluebutton_model::{InputKind, Warning, WarningCode};

use crate::error::ParseError;
use crate::text::Trimmed;
use crate::xml::{Elem, XmlReader};

/// The event driver plus what reading collects on the side: warnings.
pub(crate) struct Cx<'a> {
    /// The event driver.
    pub r: XmlReader<'a>,
    /// Warnings met so far, in document order.
    pub warnings: Vec<Warning>,
}

/// The result of every reader function.
pub(crate) type Res<T> = Result<T, ParseError>;

impl<'a> Cx<'a> {
    /// A context over UTF-8 `input`.
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Cx {
            r: XmlReader::new(input, InputKind::Ccda),
            warnings: Vec::new(),
        }
    }

    /// The next child element of `parent` (see [`XmlReader::next_child`]).
    pub(crate) fn child(&mut self, parent: &Elem<'a>) -> Res<Option<Elem<'a>>> {
        self.r.next_child(parent)
    }

    /// Skips the rest of `elem`.
    pub(crate) fn skip(&mut self, elem: &Elem<'a>) -> Res<()> {
        self.r.skip(elem)
    }

    /// The text inside `elem`, white space collapsed; `None` when blank.
    pub(crate) fn text(&mut self, elem: &Elem<'a>) -> Res<Option<String>> {
        let t = self.r.text_collapsed(elem)?;
        Ok((!t.is_empty()).then_some(t))
    }

    /// The attributes of `elem` that C-CDA readers look at.
    pub(crate) fn attrs<'e>(&mut self, elem: &'e Elem<'a>) -> Res<Attrs<'e>> {
        let mut a = Attrs::default();
        self.attrs_into(elem, &mut a)?;
        Ok(a)
    }

    /// [`Self::attrs`] into a caller's `a` (which should start empty): on hot paths this
    /// saves copying the large struct out of a `Result` twice.
    pub(crate) fn attrs_into<'e>(&mut self, elem: &'e Elem<'a>, a: &mut Attrs<'e>) -> Res<()> {
        let mut repeated = false;
        self.r.for_each_attr(elem, |name, value| {
            let slot = match name {
                "code" => &mut a.code,
                "codeSystem" => &mut a.code_system,
                "codeSystemName" => &mut a.code_system_name,
                "codeSystemVersion" => &mut a.code_system_version,
                "displayName" => &mut a.display_name,
                "nullFlavor" => &mut a.null_flavor,
                "value" => &mut a.value,
                "unit" => &mut a.unit,
                "root" => &mut a.root,
                "extension" => &mut a.extension,
                "assigningAuthorityName" => &mut a.assigning_authority_name,
                "use" => &mut a.use_,
                "typeCode" => &mut a.type_code,
                "classCode" => &mut a.class_code,
                "moodCode" => &mut a.mood_code,
                "negationInd" => &mut a.negation_ind,
                "operator" => &mut a.operator,
                "institutionSpecified" => &mut a.institution_specified,
                "alignment" => &mut a.alignment,
                "mediaType" => &mut a.media_type,
                "representation" => &mut a.representation,
                "ID" => &mut a.id,
                "revised" => &mut a.revised,
                "currency" => &mut a.currency,
                _ if name.ends_with(":type") => &mut a.xsi_type,
                _ => return,
            };
            repeated |= slot.is_some();
            *slot = Some(value);
        })?;
        if repeated {
            return Err(self.r.duplicate(elem));
        }
        Ok(())
    }

    /// The values of just the attributes `names` of `elem`, as [`Self::attrs`] reads them
    /// (a repeated one is an error), for the many readers that need one or a few: no
    /// large struct to fill, return and drop for every element.
    pub(crate) fn pick<'e, const N: usize>(
        &mut self,
        elem: &'e Elem<'a>,
        names: [&str; N],
    ) -> Res<[Option<Cow<'e, str>>; N]> {
        let mut found: [Option<Cow<'e, str>>; N] = [const { None }; N];
        let mut repeated = false;
        self.r.for_each_attr(elem, |name, value| {
            if let Some(slot) = names
                .iter()
                .position(|n| *n == name)
                .and_then(|i| found.get_mut(i))
            {
                repeated |= slot.is_some();
                *slot = Some(value);
            }
        })?;
        if repeated {
            return Err(self.r.duplicate(elem));
        }
        Ok(found)
    }

    /// The value of one attribute of `elem`, trimmed and owned (see [`own`]).
    pub(crate) fn attr(&mut self, elem: &Elem<'a>, name: &str) -> Res<Option<String>> {
        let [value] = self.pick(elem, [name])?;
        Ok(own(&value))
    }

    /// Records a warning about the element at byte `offset`.
    pub(crate) fn warn(&mut self, code: WarningCode, message: impl Into<String>, offset: usize) {
        let at = self.r.position(offset);
        self.warn_at(code, message, at);
    }

    /// Records a warning at a known line and column.
    pub(crate) fn warn_at(
        &mut self,
        code: WarningCode,
        message: impl Into<String>,
        at: (u32, u32),
    ) {
        self.warnings.push(warning(code, message, at));
    }
}

/// A warning at a line and column.
pub(crate) fn warning(code: WarningCode, message: impl Into<String>, at: (u32, u32)) -> Warning {
    Warning {
        code,
        message: message.into(),
        line: Some(at.0),
        column: Some(at.1),
        path: None,
    }
}

/// The attributes C-CDA readers look at, borrowed from the element (one pass over them).
#[derive(Default)]
pub(crate) struct Attrs<'e> {
    pub code: Option<Cow<'e, str>>,
    pub code_system: Option<Cow<'e, str>>,
    pub code_system_name: Option<Cow<'e, str>>,
    pub code_system_version: Option<Cow<'e, str>>,
    pub display_name: Option<Cow<'e, str>>,
    pub null_flavor: Option<Cow<'e, str>>,
    pub value: Option<Cow<'e, str>>,
    pub unit: Option<Cow<'e, str>>,
    pub root: Option<Cow<'e, str>>,
    pub extension: Option<Cow<'e, str>>,
    pub assigning_authority_name: Option<Cow<'e, str>>,
    pub use_: Option<Cow<'e, str>>,
    pub type_code: Option<Cow<'e, str>>,
    pub class_code: Option<Cow<'e, str>>,
    pub mood_code: Option<Cow<'e, str>>,
    pub negation_ind: Option<Cow<'e, str>>,
    pub operator: Option<Cow<'e, str>>,
    pub institution_specified: Option<Cow<'e, str>>,
    pub alignment: Option<Cow<'e, str>>,
    pub media_type: Option<Cow<'e, str>>,
    pub representation: Option<Cow<'e, str>>,
    pub id: Option<Cow<'e, str>>,
    pub revised: Option<Cow<'e, str>>,
    pub currency: Option<Cow<'e, str>>,
    /// `xsi:type` (any prefix), without its own prefix (`CD`, `PQ`, `IVL_TS`).
    pub xsi_type: Option<Cow<'e, str>>,
}

impl Attrs<'_> {
    /// `xsi:type` without a namespace prefix (`v3:CD` → `CD`).
    pub(crate) fn xsi_type(&self) -> Option<&str> {
        let t = self.xsi_type.as_deref()?.trim();
        Some(t.rsplit(':').next().unwrap_or(t))
    }
}

/// Adding to the model's lists, most of which hold one item: the first item gets a list
/// of its own size. (`Vec::push` and `extend` make room for four at once, which for
/// identifiers, addresses and names is over a kilobyte per list, allocated the slow
/// way and kept in the record.)
pub(crate) trait PushOne<T> {
    /// Appends `item`, making room for just it when the list is empty.
    fn push_one(&mut self, item: T);
    /// Appends the item, if any.
    fn push_some(&mut self, item: Option<T>) {
        if let Some(item) = item {
            self.push_one(item);
        }
    }
}

impl<T> PushOne<T> for Vec<T> {
    fn push_one(&mut self, item: T) {
        if self.capacity() == 0 {
            self.reserve_exact(1);
        }
        self.push(item);
    }
}

/// An attribute value as an owned string: trimmed, `None` when absent or blank.
#[inline]
pub(crate) fn own(value: &Option<Cow<'_, str>>) -> Option<String> {
    present(value).map(str::to_owned)
}

/// An attribute value trimmed, `None` when absent or blank ([`own`] without the copy).
#[inline]
pub(crate) fn present<'v>(value: &'v Option<Cow<'_, str>>) -> Option<&'v str> {
    let v = value.as_deref()?.trimmed();
    (!v.is_empty()).then_some(v)
}

/// An attribute holding an XML Schema boolean.
pub(crate) fn flag(value: &Option<Cow<'_, str>>) -> Option<bool> {
    match value.as_deref()?.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// `Some(value)` unless it holds nothing at all (an empty `<addr/>`, `<id/>`, `<name/>`):
/// such elements carry no fact, and a list of empty objects would only be noise.
pub(crate) fn something<T: Default + PartialEq>(value: T) -> Option<T> {
    (value != T::default()).then_some(value)
}
