//! The visible lines around the headline: labelled date lines (`প্রকাশ : …`, "Updated …"),
//! bylines, and the lead image with its caption and credit. Only a window of elements around
//! the `<h1>` is read, so a site header's "today" line, sidebars and body text are not.

use super::names_any;
use crate::Image;
use crate::dom::{GetAttr, collapse_ws, resolve, text_of};
use crate::rules::metadata as rules;
use scraper::ElementRef;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Elements before and after the headline that may hold its byline and date lines.
pub const WINDOW: usize = 60;

/// What the lines near the headline say.
#[derive(Debug, Default)]
pub struct Near {
    pub byline: Option<String>,
    /// (raw date text without its label, is an update)
    pub dates: Vec<(String, bool)>,
}

/// Inline tags: a line's children may be these and still make one line.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "span"
            | "a"
            | "b"
            | "strong"
            | "i"
            | "em"
            | "time"
            | "small"
            | "br"
            | "abbr"
            | "font"
            | "u"
            | "sup"
            | "sub"
            | "img"
            | "svg"
    )
}

/// A short leaf-like line: an element whose children are inline only; in a container that
/// also holds blocks, its own loose text ("<dl>…</dl> Posted: 2018-09-28 <div>…").
fn line_text(e: ElementRef<'_>) -> Option<String> {
    if e.children()
        .filter_map(ElementRef::wrap)
        .any(|c| !is_inline(c.value().name()))
    {
        // The loose texts joined by spaces, collapsed as they are read (no joined copy).
        let mut own = crate::dom::Collapser::default();
        let mut joined_len = 0;
        for t in e.children().filter_map(|n| n.value().as_text()) {
            if joined_len > 400 {
                return None;
            }
            joined_len += t.len() + 1;
            own.push(t);
            own.space();
        }
        let t = own.out;
        let n = t.chars().count();
        return (2..=200).contains(&n).then_some(t);
    }
    let t = crate::dom::short_text(e, 200)?;
    (t.chars().count() >= 2).then_some(t)
}

/// A box named for the date whose parts sit in blocks of their own ("November 20" above
/// "15:23 2019" in a calendar widget): its texts joined by spaces, when that is short.
fn date_box_text(e: ElementRef<'_>) -> Option<String> {
    // Cheap shape checks first (this runs for every container near the headline): a few
    // children, none of them loose text.
    let mut children = 0;
    for c in e.children() {
        match c.value() {
            scraper::Node::Element(_) => children += 1,
            scraper::Node::Text(t) if !t.trim().is_empty() => return None,
            _ => {}
        }
        if children > 4 {
            return None;
        }
    }
    if !names_a_date_box(e) {
        return None;
    }
    let mut c = crate::dom::Collapser::default();
    for t in e.text() {
        c.push(t);
        c.space();
        if c.out.len() > 160 {
            return None;
        }
    }
    let t = c.out.trim_end().to_string();
    (4..=80).contains(&t.chars().count()).then_some(t)
}

/// A class or id naming a box for the date ("post-date", "posted-on", "timestamp").
fn names_a_date_box(e: ElementRef<'_>) -> bool {
    let v = e.value();
    [v.get_attr("class"), v.get_attr("id")]
        .into_iter()
        .flatten()
        .any(|n| names_any(n, &["date", "posted", "publish", "timestamp"]))
}

fn has_other_calendar(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .any(rules::is_other_calendar_month)
}

/// Strips a label from the start of `seg`; returns (rest, label kind).
fn strip_label(seg: &str) -> (String, Option<bool>) {
    let s = seg.trim();
    // The labels in NFC, normalised once rather than per candidate line.
    static LABELS: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| {
        let updated = rules::UPDATED_LABELS
            .iter()
            .map(|l| (l.nfc().collect(), true));
        let published = rules::PUBLISHED_LABELS
            .iter()
            .map(|l| (l.nfc().collect(), false));
        updated.chain(published).collect()
    });
    let lower = s.to_lowercase();
    for &(ref l, is_update) in LABELS.iter() {
        if let Some(rest) = lower.strip_prefix(l.as_str()) {
            // Require a label boundary: ":", "on", whitespace.
            let rest_orig = s.get(s.len().saturating_sub(rest.len())..).unwrap_or(rest);
            let trimmed = rest_orig.trim_start_matches(|c: char| {
                c.is_whitespace() || c == ':' || c == '-' || c == '：'
            });
            let trimmed = trimmed.strip_prefix("on ").unwrap_or(trimmed);
            if rest.starts_with(|c: char| c.is_whitespace() || c == ':' || c == '：')
                || rest.is_empty()
            {
                return (trimmed.trim().to_string(), Some(is_update));
            }
        }
    }
    (s.to_string(), None)
}

fn looks_like_byline(e: ElementRef<'_>, text: &str) -> bool {
    let n = text.chars().count();
    if n > 80 {
        return false;
    }
    let lower = text.to_lowercase();
    // First bytes compared first: most lines start like no prefix.
    let first = lower.as_bytes().first();
    if n > 3
        && rules::BYLINE_PREFIXES
            .iter()
            .any(|p| p.as_bytes().first() == first && lower.starts_with(p))
    {
        return true;
    }
    let v = e.value();
    if v.get_attr("rel") == Some("author") || v.get_attr("itemprop") == Some("author") {
        return true;
    }
    // The class test only counts for short lines: the lower-cased names are built only then.
    if n <= 60 {
        let (c, i) = (
            v.get_attr("class").unwrap_or(""),
            v.get_attr("id").unwrap_or(""),
        );
        // "class id", lower-cased in place (no formatting machinery, one allocation).
        let mut class = String::with_capacity(c.len() + 1 + i.len());
        class.push_str(c);
        class.push(' ');
        class.push_str(i);
        class.make_ascii_lowercase();
        if BYLINE_CLASSES.is_match(&class) && !class.contains("date") {
            return true;
        }
    }
    // Bangladeshi desk / reporter / correspondent lines: short, no digits.
    n <= 40
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || ('\u{09E6}'..='\u{09EF}').contains(&c))
        && BYLINE_WORDS.is_match(text)
}

/// `rules::BYLINE_CLASSES` and `rules::BYLINE_WORDS` as automata: a line is scanned once
/// rather than once per entry (bylines are looked for on every line near the headline).
static BYLINE_CLASSES: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| automaton(rules::BYLINE_CLASSES));
static BYLINE_WORDS: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| automaton(&rules::BYLINE_WORDS));

fn automaton<P: AsRef<[u8]>>(patterns: &[P]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::new(patterns)
        // The patterns are static data: a build error is a bug in the rules table.
        .unwrap_or_else(|e| panic!("invalid metadata rules: {e}"))
}

/// A date found in a visible line.
struct FoundDate {
    /// The date as printed: its own words, with a weekday written just before it.
    raw: String,
    /// The text before the date (a byline, a label), trimmed.
    before: String,
    /// Letters and digits of the line outside the date.
    other_chars: usize,
    /// Whether the date states a time of day.
    has_time: bool,
}

fn date_in(text: &str) -> Option<FoundDate> {
    let Some((parsed, span)) = super::date::parse_span(text) else {
        // Relative dates ("3 hours ago") are kept whole.
        return super::date::parse_relative(text, Some(jiff::Timestamp::UNIX_EPOCH)).map(|_| {
            FoundDate {
                raw: text.trim().to_string(),
                before: String::new(),
                other_chars: 0,
                has_time: true,
            }
        });
    };
    let (mut head, tail) = (text.get(..span.start)?, text.get(span.end..)?);
    let mut start = span.start;
    // Take a weekday just before the date into the raw form ("Monday, June 12, 2023").
    let trimmed = head.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    if let Some(word) = trimmed.split_whitespace().last()
        && rules::is_weekday(&word.to_lowercase())
    {
        start = trimmed.len() - word.len();
        head = text.get(..start)?;
    }
    let raw = text.get(start..span.end)?.trim().to_string();
    let counted = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    Some(FoundDate {
        raw,
        before: head.trim().to_string(),
        other_chars: counted(head) + counted(tail),
        has_time: parsed.time.is_some(),
    })
}

/// The text of an author link inside a line ("by <a rel=author>Ann Lee</a> · 3 Comments").
fn marked_author(e: ElementRef<'_>) -> Option<String> {
    e.descendants()
        .filter_map(ElementRef::wrap)
        .find(|d| {
            let v = d.value();
            v.get_attr("rel") == Some("author") || v.get_attr("itemprop") == Some("author")
        })
        .map(|d| collapse_ws(&d.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// Inside a figure or a caption: text about a photo, whose dates are the photo's.
fn in_caption(e: ElementRef<'_>) -> bool {
    std::iter::once(e)
        .chain(e.ancestors().filter_map(ElementRef::wrap))
        .take(6)
        .any(|a| {
            let v = a.value();
            matches!(v.name(), "figure" | "figcaption")
                || v.get_attr("class")
                    .is_some_and(|c| c.to_ascii_lowercase().contains("caption"))
        })
}

/// Reads the date lines and the byline around the headline at element index `h1`.
pub fn near_headline(elements: &[ElementRef<'_>], h1: Option<usize>) -> Near {
    let mut near = Near::default();
    let Some(h) = h1 else {
        return near;
    };
    let lo = h.saturating_sub(WINDOW);
    let hi = (h + WINDOW).min(elements.len());
    let mut seen: Vec<String> = Vec::new();
    let mut byline: Option<(usize, String)> = None;
    for (i, &e) in elements.iter().enumerate().take(hi).skip(lo) {
        if i == h {
            continue;
        }
        // Furniture first: the ancestor walk is cheaper than reading the line's text.
        if super::in_furniture(e) {
            continue;
        }
        let Some(text) = line_text(e).or_else(|| date_box_text(e)) else {
            continue;
        };
        if seen.contains(&text) {
            continue;
        }
        seen.push(text.clone());
        let has_digit = text
            .chars()
            .any(|c| c.is_ascii_digit() || ('\u{09E6}'..='\u{09EF}').contains(&c));
        if has_digit && has_other_calendar(&text) {
            continue; // a header's "today" line carries the Bangla-calendar date beside it
        }
        let mut is_date_line = false;
        let mut seg_byline: Option<String> = None;
        // Date lines have digits (relative "আজ"/"yesterday" lines are not publication dates).
        let segments = if has_digit {
            text.split(['|', '•', '·']).collect()
        } else {
            Vec::new()
        };
        for seg in segments {
            let (rest, label) = strip_label(seg);
            if rest.is_empty() {
                continue;
            }
            let Some(mut found) = date_in(&rest) else {
                // "Text: Ann Lee · 24 June 2018": the line's other segment may be its byline.
                if label.is_none() && looks_like_byline(e, seg.trim()) {
                    seg_byline = Some(seg.trim().to_string());
                }
                continue;
            };
            with_clock_of_line(&mut found, &text);
            match label {
                Some(is_update) => {
                    near.dates.push((found.raw, is_update));
                    is_date_line = true;
                }
                // An unlabelled date line counts when it is little more than the date (and
                // perhaps a byline); a photo caption that mentions a date does not.
                None if found.other_chars <= 40 && i > h.saturating_sub(20) && !in_caption(e) => {
                    near.dates.push((found.raw, false));
                    is_date_line = true;
                    // "By Ann Lee on Monday, June 12, 2023": the byline before the date.
                    if !found.before.is_empty() && looks_like_byline(e, &found.before) {
                        let dist = i.abs_diff(h);
                        if byline.as_ref().is_none_or(|(d, _)| dist < *d) {
                            byline = Some((dist, found.before.clone()));
                        }
                    }
                }
                None => {}
            }
        }
        if is_date_line && let Some(b) = seg_byline {
            let dist = i.abs_diff(h);
            if byline.as_ref().is_none_or(|(d, _)| dist < *d) {
                byline = Some((dist, b));
            }
        }
        if !is_date_line && looks_like_byline(e, &text) {
            let dist = i.abs_diff(h);
            if byline.as_ref().is_none_or(|(d, _)| dist < *d) {
                byline = Some((dist, marked_author(e).unwrap_or(text)));
            }
        }
    }
    near.byline = byline.map(|(_, t)| t);
    if near.dates.is_empty() {
        near.dates = named_date_boxes(elements, hi, (h + 4 * WINDOW).min(elements.len()));
    }
    near
}

/// "Saturday, August 29, 2020 | 10:46 AM": a segment's day takes the clock from the next
/// segment when the whole line reads as one date and time.
fn with_clock_of_line(found: &mut FoundDate, line: &str) {
    if !found.has_time
        && let Some(whole) = date_in(&strip_label(line).0)
        && whole.has_time
        && whole.raw.contains(found.raw.as_str())
    {
        found.raw = whole.raw;
    }
}

/// Past the window, templates with long author menus and share bars still print the date in a
/// box named for it ("byline-date", "posted-on", "publish-time"): such boxes, furniture aside.
fn named_date_boxes(elements: &[ElementRef<'_>], from: usize, to: usize) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for &e in elements.iter().take(to).skip(from) {
        if !names_a_date_box(e) || super::in_furniture(e) || super::in_comment(e) {
            continue;
        }
        let Some(text) = line_text(e).or_else(|| date_box_text(e)) else {
            continue;
        };
        for seg in text.split(['|', '•', '·']) {
            let (rest, label) = strip_label(seg);
            let Some(mut found) = date_in(&rest) else {
                continue;
            };
            with_clock_of_line(&mut found, &text);
            match label {
                Some(is_update) => out.push((found.raw, is_update)),
                None if found.other_chars <= 40 => out.push((found.raw, false)),
                None => {}
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

/// Splits "caption ছবি : credit" / "caption Photo: credit" / "caption / Reuters".
pub fn split_credit(text: &str) -> (String, String) {
    let t = collapse_ws(text);
    let lower = t.to_lowercase();
    const MARKERS: &[&str] = &[
        "ছবি :",
        "ছবি:",
        "ছবি -",
        "ছবি-",
        "ছবি –",
        "ছবি—",
        "ছবি—",
        "(photo:",
        "photo:",
        "photo by",
        "photograph by",
        "photo illustration by",
        "photograph:",
        "(image:",
        "(credit:",
        "(source:",
        "[file:",
        "фото:",
        "фото@",
        "image:",
        "credit:",
        "picture:",
        "foto:",
        "bild:",
        "crédit :",
        "crédit:",
    ];
    // The markers in NFC, normalised once rather than per caption.
    static MARKERS_NFC: LazyLock<Vec<String>> =
        LazyLock::new(|| MARKERS.iter().map(|m| m.nfc().collect()).collect());
    let mut best: Option<(usize, usize)> = None;
    for m_n in MARKERS_NFC.iter() {
        if let Some(pos) = lower.rfind(m_n.as_str())
            && best.is_none_or(|(p, _)| pos > p)
        {
            best = Some((pos, m_n.len()));
        }
    }
    if let Some((pos, len)) = best
        && lower.is_char_boundary(pos)
        && t.is_char_boundary(pos)
        && t.is_char_boundary((pos + len).min(t.len()))
    {
        let mut caption = t[..pos]
            .trim()
            .trim_end_matches(['|', '/', '-', '–', '('])
            .trim()
            .to_string();
        caption = trim_credit_label(&caption);
        let credit = t[(pos + len).min(t.len())..]
            .trim()
            .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '©') || c.is_whitespace())
            .to_string();
        return (caption, credit);
    }
    // "… in 2018. (AP)", "… (onmeth.com)", "… [Reuters]": a short source in brackets at the end.
    if let Some(open) = t.rfind(['(', '['])
        && t.ends_with([')', ']'])
        && open > 0
    {
        let inner = t[open + 1..t.len() - 1]
            .trim()
            .trim_start_matches('©')
            .trim();
        let words = inner.split_whitespace().count();
        let domain = inner.contains('.') && !inner.contains(' ') && !inner.ends_with('.');
        let source_like = domain
            || inner.chars().next().is_some_and(char::is_uppercase)
                && (inner.chars().all(|c| !c.is_lowercase())
                    || inner.contains('.') && !inner.contains(' ')
                    || inner.contains('/')
                    || rules::CREDIT_WORDS
                        .iter()
                        .any(|w| inner.to_lowercase().contains(w)));
        if (1..=5).contains(&words) && inner.chars().count() >= 2 && source_like {
            return (t[..open].trim().to_string(), inner.to_string());
        }
    }
    // A caption that is only a credit ("Courtesy Google", "Getty Images").
    let lower_t = t.to_lowercase();
    if t.split_whitespace().count() <= 5
        && (lower_t.starts_with("courtesy")
            || rules::CREDIT_WORDS.iter().any(|w| lower_t.ends_with(w)))
    {
        return (String::new(), t);
    }
    if let Some((caption, credit)) = t.rsplit_once(" / ")
        && credit.split_whitespace().count() <= 4
        && !caption.is_empty()
    {
        return (caption.trim().to_string(), credit.trim().to_string());
    }
    (t, String::new())
}

/// The printed text of a caption box, without what only screen readers get ("Media caption"
/// in an off-screen span) and without scripts or styles.
fn caption_text(b: ElementRef<'_>) -> String {
    let hidden = |e: &scraper::node::Element| {
        matches!(e.name(), "script" | "style" | "noscript")
            || e.get_attr("aria-hidden") == Some("true")
            || e.get_attr("hidden").is_some()
            || e.get_attr("class").is_some_and(|c| {
                names_any(
                    c,
                    &[
                        "off-screen",
                        "offscreen",
                        "sr-only",
                        "visually-hidden",
                        "screen-reader",
                        // A shortened second copy of the caption, shown until "more" is clicked.
                        "truncated",
                    ],
                )
            })
    };
    // The toggle between the two copies ("less", "... more") is a control, not caption text.
    let toggle = |n: ego_tree::NodeRef<'_, scraper::Node>, t: &str| {
        let word = t.trim().trim_start_matches(['.', '…', ' ']);
        rules::CAPTION_TOGGLES
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
            && n.parent()
                .and_then(|p| p.value().as_element())
                .is_some_and(|e| matches!(e.name(), "a" | "button" | "span"))
    };
    let mut out = String::new();
    for n in b.descendants() {
        let scraper::Node::Text(t) = n.value() else {
            continue;
        };
        let shown = !toggle(n, t)
            && n.ancestors()
                .take_while(|a| a.id() != b.id())
                .filter_map(|a| a.value().as_element())
                .all(|e| !hidden(e));
        if shown {
            // Pieces in separate elements are separate words, but not before punctuation.
            if t.starts_with(['.', ',', ';', ':', '!', '?', ')']) && out.ends_with(' ') {
                out.pop();
            }
            out.push_str(t);
            out.push(' ');
        }
    }
    collapse_ws(&out)
}

/// "…года? Фото" once the credit has left: the credit's label word stays behind.
fn trim_credit_label(caption: &str) -> String {
    let mut c = caption.trim();
    for label in ["Фото", "Photo", "Foto", "ছবি", "Credit"] {
        if let Some(rest) = c.strip_suffix(label) {
            c = rest.trim_end_matches([':', ' ']).trim();
        }
    }
    c.to_string()
}

/// The address an `<img>` shows: a lazy-loading attribute first, then srcset, then src.
pub(crate) fn img_src<'a>(e: ElementRef<'a>) -> Option<&'a str> {
    let v = e.value();
    v.get_attr("data-src")
        .or(v.get_attr("data-original"))
        .or(v.get_attr("data-lazy-src"))
        .or_else(|| {
            v.get_attr("srcset")
                .and_then(|s| s.split_whitespace().next())
        })
        .or(v.get_attr("src"))
        .filter(|s| !s.trim().is_empty() && !s.starts_with("data:"))
}

fn file_name(u: &str) -> &str {
    let path = u.split(['?', '#']).next().unwrap_or(u);
    path.rsplit('/').next().unwrap_or(path)
}

/// Every address an `<img>` names: src, srcset entries and whatever lazy-loading attribute
/// the site uses (data-src, data-normal, data-lazy-srcset…).
fn img_sources<'a>(e: ElementRef<'a>) -> impl Iterator<Item = &'a str> {
    e.value()
        .attrs()
        .filter(|(name, _)| name.starts_with("data-") || name.starts_with("src"))
        // A srcset lists one picture in several sizes: its first address names it.
        .filter_map(|(_, value)| value.split_whitespace().next())
        .map(|v| v.trim_end_matches(','))
        .filter(|s| s.contains('/') && !s.starts_with("data:"))
}

/// One picture's identities across its sizes and crops: the file name without extension,
/// size or crop suffix and numeric size prefix ("1200-ferry-650x405.jpg" → "ferry"), and the
/// path's id segments ("…/18637072/5/rawImage.jpg" → "18637072").
fn image_keys(u: &str) -> Vec<String> {
    let path = u.split(['?', '#']).next().unwrap_or(u);
    let mut keys = Vec::new();
    let stem = file_stem_key(file_name(path));
    if stem.chars().count() >= 5 {
        keys.push(stem);
    }
    let dirs = path.rsplit_once('/').map_or("", |(d, _)| d);
    for seg in dirs.split('/').skip(3) {
        if seg.len() >= 6
            && seg.bytes().any(|b| b.is_ascii_digit())
            && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            keys.push(seg.to_ascii_lowercase());
        }
    }
    keys
}

fn file_stem_key(name: &str) -> String {
    let name = name.to_ascii_lowercase();
    let mut stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(s, _)| s)
        .to_string();
    // "1200-ferry": a size prefix.
    if let Some((size, rest)) = stem.split_once(['-', '_'])
        && (2..=4).contains(&size.len())
        && size.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
    {
        stem = rest.to_string();
    }
    loop {
        let before = stem.len();
        for suffix in [
            "-scaled",
            "@2x",
            "@3x",
            "-large",
            "-medium",
            "-thumbnail",
            "-thumb",
        ] {
            if let Some(s) = stem.strip_suffix(suffix) {
                stem = s.to_string();
            }
        }
        // "-1024x683", "_800x450"
        if let Some((head, size)) = stem.rsplit_once(['-', '_'])
            && let Some((w, h)) = size.split_once('x')
            && !w.is_empty()
            && !h.is_empty()
            && w.bytes().chain(h.bytes()).all(|b| b.is_ascii_digit())
        {
            stem = head.to_string();
        }
        if stem.len() == before {
            return stem;
        }
    }
}

/// The lead image: the page's declared image (og:image, JSON-LD) found in the page near the
/// headline, with the caption printed beside it (figcaption, a caption element, else alt text),
/// split into caption and credit.
pub fn lead_image(
    elements: &[ElementRef<'_>],
    h1: Option<usize>,
    declared: &[String],
    base: Option<&url::Url>,
) -> Option<Image> {
    let declared_abs: Vec<String> = declared
        .iter()
        .filter_map(|d| resolve(base, d).map(String::from))
        .collect();
    let names: Vec<String> = declared_abs.iter().flat_map(|d| image_keys(d)).collect();
    let (lo, hi) = match h1 {
        Some(h) => (h.saturating_sub(WINDOW), (h + WINDOW).min(elements.len())),
        None => (0, elements.len().min(400)),
    };
    let mut found: Option<ElementRef<'_>> = None;
    // Near the headline first, then anywhere: the declared image is the story's own, and
    // templates put the hero picture far from the <h1> in document order.
    let near = elements.iter().take(hi).skip(lo);
    let rest = elements.iter().take(lo).chain(elements.iter().skip(hi));
    for &e in near.chain(rest) {
        if names.is_empty() || e.value().name() != "img" {
            continue;
        }
        // A substring test first: most images share no key with the declared one; the
        // ancestor walk for furniture only for a match.
        if img_sources(e).any(|src| {
            names
                .iter()
                .any(|k| super::contains_ignore_ascii_case(src, k))
                && image_keys(src).iter().any(|k| names.contains(k))
        }) && !super::in_furniture(e)
        {
            found = Some(e);
            break;
        }
    }
    // No declared image: WordPress marks the post's featured image.
    if declared_abs.is_empty() && found.is_none() {
        found = elements.iter().copied().find(|e| {
            e.value().name() == "img"
                && e.value()
                    .get_attr("class")
                    .is_some_and(|c| c.contains("wp-post-image"))
                && !super::in_furniture(*e)
        });
    }
    // No declared image in the page: the first figure image after the headline.
    if found.is_none()
        && let Some(h) = h1
    {
        found = elements
            .iter()
            .take((h + 25).min(elements.len()))
            .skip(h)
            .copied()
            .find(|e| {
                e.value().name() == "img"
                    && e.ancestors()
                        .filter_map(ElementRef::wrap)
                        .take(3)
                        .any(|a| a.value().name() == "figure")
            });
    }
    let url = declared_abs.first().cloned().or_else(|| {
        found
            .and_then(img_src)
            .and_then(|s| resolve(base, s))
            .map(String::from)
    })?;
    let (caption, credit) = found.map(caption_of).unwrap_or_default();
    Some(Image {
        url,
        caption,
        credit,
    })
}

fn caption_of(img: ElementRef<'_>) -> (String, String) {
    // 1. A figcaption in the enclosing figure.
    for a in img.ancestors().filter_map(ElementRef::wrap).take(4) {
        if a.value().name() == "figure"
            && let Some(fc) = a
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|d| d.value().name() == "figcaption")
        {
            let (caption, credit) = caption_box(fc);
            if !caption.is_empty() || !credit.is_empty() {
                return (caption, credit);
            }
        }
    }
    // 2. A caption box (named for captions or credits) after the image or its wrappers.
    let mut node = Some(img);
    for _ in 0..3 {
        let Some(n) = node else { break };
        for sib in n.next_siblings().filter_map(ElementRef::wrap).take(3) {
            let t = text_of(sib);
            if !t.is_empty() && t.chars().count() <= 400 && names_caption(sib) {
                return caption_box(sib);
            }
            // A caption wrapper whose caption is one level down.
            if let Some(inner) = sib
                .children()
                .filter_map(ElementRef::wrap)
                .find(|c| names_caption(*c))
            {
                let (caption, credit) = caption_box(sib);
                if text_of(inner).chars().count() <= 400
                    && !(caption.is_empty() && credit.is_empty())
                {
                    return (caption, credit);
                }
            }
        }
        node = n.parent().and_then(ElementRef::wrap);
    }
    // An image whose own class names it a caption source (Drupal's and jQuery's caption
    // plugins print its title under it).
    if names_caption(img) {
        let v = img.value();
        let t = collapse_ws(v.get_attr("title").or(v.get_attr("alt")).unwrap_or(""));
        if t.chars().count() >= 3 {
            return split_credit(&t);
        }
    }
    // Otherwise alt text is a description for screen readers (often the headline or a file
    // title), not the caption the page prints.
    (String::new(), String::new())
}

/// The class or id names a caption, cutline or credit box.
fn names_caption(e: ElementRef<'_>) -> bool {
    let v = e.value();
    v.name() == "figcaption"
        || [v.get_attr("class"), v.get_attr("id")]
            .into_iter()
            .flatten()
            .any(|n| names_any(n, &["caption", "credit", "cutline", "legend"]))
}

/// Caption and credit of a caption box: a child named for the credit (or the photographer) is
/// the credit and leaves the caption; otherwise the credit is split off the text.
fn caption_box(b: ElementRef<'_>) -> (String, String) {
    let credit_el = b
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .find(|d| {
            let v = d.value();
            [v.get_attr("class"), v.get_attr("itemprop")]
                .into_iter()
                .flatten()
                .any(|n| {
                    names_any(
                        n,
                        &[
                            "credit",
                            "copyright",
                            "photographer",
                            "byline",
                            "source",
                            "attribution",
                        ],
                    )
                })
        });
    let whole = caption_text(b);
    if let Some(ce) = credit_el {
        let credit = caption_text(ce);
        if !credit.is_empty() && credit.len() < whole.len() {
            let caption = whole.replacen(credit.as_str(), " ", 1);
            let (caption, _) = split_credit(&caption);
            let credit = split_credit(&credit);
            // "Photo: Jane Doe" in the credit box: the name.
            let credit = if credit.1.is_empty() {
                credit.0
            } else {
                credit.1
            };
            // "© Jane Doe": the name.
            let credit = credit.trim_start_matches(['©', ' ']).to_string();
            return (trim_credit_label(&collapse_ws(&caption)), credit);
        }
    }
    split_credit(&whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_split_off() {
        let nfc = |s: &str| -> String { s.nfc().collect() };
        assert_eq!(
            split_credit(&nfc("উত্তর কোরিয়ার নেতা কিম জং উন। ছবি : সংগৃহীত")),
            (nfc("উত্তর কোরিয়ার নেতা কিম জং উন।"), "সংগৃহীত".to_string())
        );
        assert_eq!(split_credit("ঢাকায় বৃষ্টি। ছবি: কালবেলা").1, "কালবেলা");
        assert_eq!(
            split_credit("The new ferry at the pier. (Photo: Jane Doe)"),
            (
                "The new ferry at the pier.".to_string(),
                "Jane Doe".to_string()
            )
        );
        assert_eq!(
            split_credit("Protesters in Hong Kong / Reuters").1,
            "Reuters"
        );
        assert_eq!(split_credit("Just a caption").1, "");
        let pair = |c: &str, r: &str| (c.to_string(), r.to_string());
        // A short source in brackets at the end, or the usual credit phrasings.
        assert_eq!(
            split_credit("A cargo ship leaves the port. (AP)"),
            pair("A cargo ship leaves the port.", "AP")
        );
        assert_eq!(
            split_credit("Troops remain in the country [File: Reuters]"),
            pair("Troops remain in the country", "Reuters")
        );
        assert_eq!(
            split_credit("Stock fell. Photograph by Ann Lee/AFP/Getty Images"),
            pair("Stock fell.", "Ann Lee/AFP/Getty Images")
        );
        assert_eq!(
            split_credit("Rafael Nadal celebrates. (Manu Fernandez/AP)"),
            pair("Rafael Nadal celebrates.", "Manu Fernandez/AP")
        );
        // A caption that is only a credit; brackets that are part of the caption.
        assert_eq!(split_credit("Courtesy Google"), pair("", "Courtesy Google"));
        assert_eq!(split_credit("Kevin King (left) and Tim Weeks").1, "");
    }

    #[test]
    fn one_picture_in_its_sizes_has_one_key() {
        let k = |u: &str| image_keys(u);
        assert!(
            k("https://x.example/up/2019/11/1200-wework-thousands-650x405.jpg")
                .contains(&"wework-thousands".to_string())
        );
        assert!(
            k("https://x.example/up/493-wework-thousands.jpg")
                .contains(&"wework-thousands".to_string())
        );
        assert!(
            k("https://cdn.example/photos/01/07/18637072/5/rawImage.jpg")
                .contains(&"18637072".to_string())
        );
        assert_eq!(
            k("https://x.example/a/ferry-scaled@2x.jpg?w=800"),
            ["ferry"]
        );
        // Too short to identify anything.
        assert!(k("https://x.example/a/1.jpg").is_empty());
    }

    #[test]
    fn a_caption_box_with_a_credit_element() {
        let html = scraper::Html::parse_fragment(
            "<figcaption class=\"image__caption-credit\"><div class=\"image__caption\">John Ford in \
             1987.</div><div class=\"image__credit\">Photo by Ann Lee.</div></figcaption>",
        );
        let Some(fc) = html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "figcaption")
        else {
            panic!("no figcaption parsed");
        };
        assert_eq!(
            caption_box(fc),
            ("John Ford in 1987.".to_string(), "Ann Lee.".to_string())
        );
    }

    #[test]
    fn labels_are_stripped() {
        assert_eq!(
            strip_label("প্রকাশ : ১২ জুন ২০২৩, ১২:২৫ পিএম"),
            ("১২ জুন ২০২৩, ১২:২৫ পিএম".to_string(), Some(false))
        );
        assert_eq!(strip_label("আপডেট : ১৬ অক্টোবর ২০২৩").1, Some(true));
        assert_eq!(strip_label("প্রকাশিত:শুক্রবার ০৩ জুন ২০২২").0, "শুক্রবার ০৩ জুন ২০২২");
        assert_eq!(strip_label("Updated: Nov. 19, 2019").1, Some(true));
        assert_eq!(strip_label("Dateline Paris").1, None);
    }
}
