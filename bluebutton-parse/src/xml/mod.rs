//! Shared XML plumbing for the XML readers (C-CDA, C32): input decoding, an event driver
//! for recursive descent over quick-xml events (a light tokenizer gives them inside the root),
//! positions, and character-data helpers.

mod attributes;
mod encoding;
mod markup;
mod position;
mod reader;
mod text;

pub(crate) use attributes::{equal, first, word, Attributes};
pub(crate) use encoding::{lossy, to_utf8, Decoded};
pub(crate) use reader::{Elem, Node, Ns, XmlReader};
pub(crate) use text::{collapse, finish_collapsed, push_collapsed};
