//! Plumbing shared by the line-oriented text readers (VA and CMS reports): numbered lines,
//! `Label: value` splitting and separator lines.

pub(crate) mod interval;
pub(crate) mod iso;
pub(crate) mod label;
pub(crate) mod lines;
pub(crate) mod trim;

pub(crate) use lines::{lines, CarriageReturns, Line, Lines};
pub(crate) use trim::Trimmed;
