//! The engine's public data: what goes in, what comes out.

use crate::body::Body;
use crate::metadata::Metadata;

/// One page to process.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    /// The page as served, in any charset.
    pub html: &'a [u8],
    /// The page's absolute address: the base for relative links and a hint for charset and zone.
    pub url: Option<&'a str>,
    /// The HTTP `Content-Type` value, if the caller has one (a charset hint).
    pub content_type: Option<&'a str>,
}

/// Caller-tunable behaviour. `Default` gives the service's defaults.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// "Now" for resolving relative dates such as `৩ ঘণ্টা আগে` or "2 hours ago". Without it,
    /// relative dates are reported raw only.
    pub reference_time: Option<jiff::Timestamp>,
    /// Zone applied to dates printed without an offset when the page states none and no site rule
    /// applies (e.g. `Asia/Dhaka`). `None` lets the engine pick from the site's country domain.
    pub default_time_zone: Option<String>,
    /// ListHeadlines: return every link, not only story links.
    pub all_links: bool,
}

/// Bounds on the work one page may cause.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_input_bytes: usize,
    pub max_elements: usize,
    /// Budget for the parser's estimated work (see [`crate::guard`]): pathological nesting or
    /// attribute counts over it are refused before parsing.
    pub max_parse_work: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 16 * 1024 * 1024,
            max_elements: 1_000_000,
            max_parse_work: 20_000_000,
        }
    }
}

/// What the engine learnt about the page while parsing it.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub page_url: Option<url::Url>,
    /// `<base href>` resolved against the page URL, else the page URL.
    pub base_url: Option<url::Url>,
    /// Name of the encoding the bytes were decoded with.
    pub encoding: &'static str,
}

/// A point in time as a page states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTime {
    /// The instant.
    pub instant: jiff::Timestamp,
    /// UTC offset of the page's own clock, in seconds (e.g. 21600 for +06:00).
    pub offset_seconds: i32,
    /// False when the source gave only a day: the time of day is then midnight and not meaningful.
    pub has_time: bool,
}

impl PageTime {
    /// RFC 3339 in the page's own offset, e.g. `2023-06-12T12:25:00+06:00`.
    pub fn local_rfc3339(&self) -> String {
        match jiff::tz::Offset::from_seconds(self.offset_seconds) {
            Ok(off) => {
                let dt = off.to_datetime(self.instant);
                let sign = if self.offset_seconds < 0 { '-' } else { '+' };
                let abs = self.offset_seconds.unsigned_abs();
                let (h, m) = (abs / 3600, (abs % 3600) / 60);
                format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{h:02}:{m:02}",
                    dt.year(),
                    dt.month(),
                    dt.day(),
                    dt.hour(),
                    dt.minute(),
                    dt.second()
                )
            }
            Err(_) => self.instant.to_string(),
        }
    }
}

/// The lead image of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Image {
    pub url: String,
    pub caption: String,
    pub credit: String,
}

/// Microseconds spent in each stage, for tracing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub parse_micros: u64,
    pub extract_micros: u64,
}

/// A structured article. Empty strings and `None` mean "not found".
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// True when a main body of text was found. False for listing pages, error pages, etc.
    pub is_article: bool,
    pub title: String,
    pub authors: Vec<String>,
    pub published: Option<PageTime>,
    /// The publication date as printed on the page (or in the source it came from).
    pub published_raw: String,
    pub modified: Option<PageTime>,
    /// BCP 47 tag, e.g. `bn`, `en-US`.
    pub language: String,
    pub site_name: String,
    pub canonical_url: String,
    pub description: String,
    pub section: String,
    pub tags: Vec<String>,
    pub lead_image: Option<Image>,
    /// Body text: paragraphs separated by one blank line.
    pub text: String,
    /// Cleaned, safe body HTML.
    pub html: String,
    pub markdown: String,
    pub word_count: u32,
    /// Encoding the page was decoded with.
    pub encoding: String,
    pub timings: Timings,
}

/// One story link on a listing page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headline {
    pub title: String,
    /// Absolute, fragment removed.
    pub url: String,
    /// The list's heading as a reader sees it; empty for an unlabelled lead block.
    pub group: String,
    /// 1-based within its group, in page order.
    pub rank: u32,
    pub published: Option<PageTime>,
    pub image_url: String,
    pub summary: String,
}

/// The headlines of a page.
#[derive(Debug, Clone, Default)]
pub struct HeadlineList {
    pub headlines: Vec<Headline>,
    /// The next page of this listing, when the page links one.
    pub pagination_next: Option<String>,
    /// Encoding the page was decoded with.
    pub encoding: String,
    pub timings: Timings,
}

/// Joins metadata and body into the public article.
pub(crate) fn assemble(
    meta: Metadata,
    body: Body,
    ctx: &PageContext,
    _options: &Options,
) -> Article {
    // Headline and standfirst are prose even when the body is a table or a list of names.
    let texts = [
        meta.title.as_str(),
        meta.description.as_str(),
        body.text.as_str(),
    ];
    let language = if meta.language.is_empty()
        || crate::metadata::script_contradicts(&meta.language, &body.text)
    {
        let detected = crate::metadata::detect_language(&texts);
        if detected.is_empty() {
            meta.language
        } else {
            detected
        }
    } else {
        meta.language
    };
    // Korean stories often name their writer only in the text: a sign-off with an address.
    let authors = if meta.authors.is_empty() {
        crate::metadata::signoff_byline(&body.text)
    } else {
        meta.authors
    };
    Article {
        is_article: body.is_article,
        title: meta.title,
        authors,
        published: meta.published,
        published_raw: meta.published_raw,
        modified: meta.modified,
        language,
        site_name: meta.site_name,
        canonical_url: meta.canonical_url,
        description: meta.description,
        section: meta.section,
        tags: meta.tags,
        lead_image: meta.lead_image,
        word_count: count_words(&body.text),
        text: body.text,
        html: body.html,
        markdown: body.markdown,
        encoding: ctx.encoding.to_string(),
        timings: Timings::default(),
    }
}

/// Words for the `word_count` field: whitespace-separated tokens with at least one letter or digit
/// (so `।` and dashes standing alone are not words).
pub fn count_words(text: &str) -> u32 {
    // One pass (same words as split_whitespace + any(is_alphanumeric)), by bytes: ASCII is
    // judged at once; a wider char is decoded only when a word may start with it.
    let b = text.as_bytes();
    let mut n = 0usize;
    // Whether the current word (since the last whitespace) has been counted.
    let mut counted = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            if c == b' ' || (b'\t'..=b'\r').contains(&c) {
                counted = false;
            } else if !counted && c.is_ascii_alphanumeric() {
                counted = true;
                n += 1;
            }
            continue;
        }
        let len = match c {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        if crate::dom::white_space_len(b, i) > 0 {
            counted = false;
        } else if !counted
            && text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_alphanumeric)
        {
            counted = true;
            n += 1;
        }
        i += len;
    }
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_words_matches_split_whitespace() {
        for t in [
            "",
            "  one two  three ",
            "— । - x",
            "ঢাকা, ১২ জুন । আজ\u{00A0}সকালে",
            "a\u{2003}b\tc\n\nd —",
            "১২",
            "ক\u{200B}খ\u{3000}গ\u{2028}ঘ\u{0085}ঙ x\u{00A0}— y\u{1680}z",
            "\u{2003}—\u{2003}ab—",
            "x\u{001F}y \u{000B}z\u{000C}ÿ\u{0085}\u{0084}é 😀 a😀 ١٢",
        ] {
            let want = t
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count() as u32;
            assert_eq!(super::count_words(t), want, "{t:?}");
        }
        // Every char as a word, a separator and a word's tail.
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let t = format!("{c} a{c}— {c}—x");
            let want = t
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count() as u32;
            assert_eq!(super::count_words(&t), want, "{t:?}");
        }
    }
}
