//! Per-site rules: the one table of site-specific knowledge. General signals come first; an entry
//! here only adds what structure alone cannot tell (a site's time zone, a vendor template's
//! byline or date container). Keyed by registrable-domain suffix.

/// What the engine knows about one site or vendor template.
#[derive(Debug, Clone, Copy)]
pub struct SiteRule {
    /// Host suffix the rule applies to (`kalbela.com` matches `www.kalbela.com`).
    pub host_suffix: &'static str,
    /// IANA zone for dates the site prints without an offset.
    pub time_zone: Option<&'static str>,
}

/// The table. Keep it small: every row is a site general rules could not handle.
pub static SITES: &[SiteRule] = &[SiteRule {
    host_suffix: "ukbdnews.com",
    time_zone: Some("Europe/London"),
}];

/// Zone by country-code top-level domain, for dates printed without an offset.
pub static TLD_ZONES: &[(&str, &str)] = &[
    ("bd", "Asia/Dhaka"),
    ("in", "Asia/Kolkata"),
    ("pk", "Asia/Karachi"),
    ("np", "Asia/Kathmandu"),
    ("lk", "Asia/Colombo"),
    ("uk", "Europe/London"),
    ("de", "Europe/Berlin"),
    ("fr", "Europe/Paris"),
    ("jp", "Asia/Tokyo"),
];

/// Zone by page language, when neither a site rule nor the domain tells: the country where
/// most of that language's news is published (Bengali: Bangladesh; Indian Bengali sites use .in
/// domains or a site rule).
pub static LANGUAGE_ZONES: &[(&str, &str)] = &[("bn", "Asia/Dhaka")];

/// The rule for a host, if any.
pub fn site_rule(host: &str) -> Option<&'static SiteRule> {
    SITES
        .iter()
        .find(|r| crate::dom::is_host_or_subdomain(host, r.host_suffix))
}
