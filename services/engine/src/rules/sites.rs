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
    ("ie", "Europe/Dublin"),
    ("pt", "Europe/Lisbon"),
    ("es", "Europe/Madrid"),
    ("it", "Europe/Rome"),
    ("nl", "Europe/Amsterdam"),
    ("be", "Europe/Brussels"),
    ("at", "Europe/Vienna"),
    ("ch", "Europe/Zurich"),
    ("pl", "Europe/Warsaw"),
    ("cz", "Europe/Prague"),
    ("se", "Europe/Stockholm"),
    ("no", "Europe/Oslo"),
    ("dk", "Europe/Copenhagen"),
    ("fi", "Europe/Helsinki"),
    ("gr", "Europe/Athens"),
    ("ro", "Europe/Bucharest"),
    ("ua", "Europe/Kyiv"),
    ("tr", "Europe/Istanbul"),
    // Russia spans eleven zones; its national news runs on Moscow time.
    ("ru", "Europe/Moscow"),
    ("il", "Asia/Jerusalem"),
    ("eg", "Africa/Cairo"),
    ("ae", "Asia/Dubai"),
    ("sa", "Asia/Riyadh"),
    ("ir", "Asia/Tehran"),
    ("ng", "Africa/Lagos"),
    ("ke", "Africa/Nairobi"),
    ("za", "Africa/Johannesburg"),
    ("kr", "Asia/Seoul"),
    ("cn", "Asia/Shanghai"),
    ("tw", "Asia/Taipei"),
    ("hk", "Asia/Hong_Kong"),
    ("sg", "Asia/Singapore"),
    ("my", "Asia/Kuala_Lumpur"),
    ("th", "Asia/Bangkok"),
    ("vn", "Asia/Ho_Chi_Minh"),
    ("ph", "Asia/Manila"),
    // Western Indonesia time covers Jakarta and most of the population.
    ("id", "Asia/Jakarta"),
    // Brasília time: the national news clock.
    ("br", "America/Sao_Paulo"),
    ("ar", "America/Argentina/Buenos_Aires"),
    // Not .co: widely used as a generic domain.
    ("cl", "America/Santiago"),
    ("pe", "America/Lima"),
    ("nz", "Pacific/Auckland"),
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
