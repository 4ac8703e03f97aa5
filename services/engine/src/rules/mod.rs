//! Extraction rules as data: class/id patterns, boilerplate phrases, date-line labels and the
//! small table of per-site rules. Code elsewhere reads these tables; no selector or phrase is
//! hard-coded inside an algorithm. One file per consumer so that each table sits beside its peers.

pub mod body;
pub mod headlines;
pub mod metadata;
pub mod sites;
