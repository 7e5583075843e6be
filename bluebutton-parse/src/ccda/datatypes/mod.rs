//! HL7 v3 data types as C-CDA uses them, each read from its element into the model:
//! coded values (CD/CE), identifiers (II), times (TS, IVL_TS, PIVL_TS, EIVL_TS),
//! quantities (PQ, IVL_PQ, RTO), names, addresses, telecoms, text with narrative
//! references (ED) and polymorphic observation values (ANY).

mod coded;
mod contact;
mod identifier;
mod quantity;
mod text;
mod time;
mod value;

pub(crate) use coded::{read_cd, Cd};
pub(crate) use contact::{read_addr, read_name, read_telecom};
pub(crate) use identifier::{read_ii, template_id};
pub(crate) use quantity::{read_int, read_pq, read_pq_or_range, read_ratio, PqOrRange};
pub(crate) use text::{read_text_ref, Txt};
pub(crate) use time::{read_effective_time, read_interval, read_ts, Timing};
pub(crate) use value::{read_value, tidy, Val};
