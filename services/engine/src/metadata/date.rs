//! Date parsing for metadata values and visible date lines, in many languages, Bengali first-class.

use crate::PageTime;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// How to read a date that carries no offset of its own.
#[derive(Debug, Clone)]
pub struct DateContext {
    /// Zone for dates printed without an offset.
    pub zone: TimeZone,
    /// "Now", for relative dates; without it they are not resolved.
    pub reference_time: Option<Timestamp>,
}

/// Parses one date string (ISO 8601 / RFC 3339 only, for now).
pub fn parse_date(text: &str, _ctx: &DateContext) -> Option<PageTime> {
    let text = text.trim();
    let ts: Timestamp = text.parse().ok()?;
    let offset = jiff::fmt::temporal::DateTimeParser::new()
        .parse_pieces(text)
        .ok()
        .and_then(|p| p.offset().map(|o| o.to_numeric_offset()))
        .map_or(0, |o| o.seconds());
    Some(PageTime {
        instant: ts,
        offset_seconds: offset,
        has_time: true,
    })
}

/// The zone for a page's offset-less dates: the caller's default, else a site rule, else the
/// country-code domain, else UTC.
pub fn page_zone(ctx: &crate::PageContext, options: &crate::Options) -> TimeZone {
    let named = options.default_time_zone.as_deref().or_else(|| {
        let host = ctx.page_url.as_ref()?.host_str()?;
        if let Some(rule) = crate::rules::sites::site_rule(host) {
            return rule.time_zone;
        }
        let tld = host.rsplit('.').next()?;
        crate::rules::sites::TLD_ZONES
            .iter()
            .find(|(t, _)| *t == tld)
            .map(|(_, z)| *z)
    });
    named
        .and_then(|z| TimeZone::get(z).ok())
        .unwrap_or(TimeZone::UTC)
}
