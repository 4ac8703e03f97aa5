//! Headline lists of home, section and article pages: every visible story link with the
//! headline a reader sees, grouped under the label of its list (a section heading, a widget
//! title or a tab), ranked in page order.
//!
//! How: collect every link; keep links to stories (by URL shape and headline shape); find each
//! link's card (the largest nearby ancestor with no other story in it) for the headline when
//! the link itself is empty (`<h4 class="title">…</h4><a class="link" href=…></a>`), the image,
//! the teaser and the time; find its group from tab controls (`href="#pane"`, `data-target`,
//! `aria-controls`, or tab labels and panes in the same order) or the nearest label before it;
//! then de-duplicate per group and rank.

use crate::dom::{GetAttr, collapse_ws, resolve, text_of};
use crate::metadata::date;
use crate::rules::headlines as rules;
use crate::{Headline, HeadlineList, Options, PageContext};
use scraper::{ElementRef, Html};
use std::collections::HashMap;

/// Whether two addresses name the same page: host without "www.", path without a trailing
/// slash, and query alike (scheme and fragment aside).
fn same_page(a: &url::Url, b: &url::Url) -> bool {
    fn host(u: &url::Url) -> &str {
        u.host_str().unwrap_or("").trim_start_matches("www.")
    }
    fn path(u: &url::Url) -> &str {
        u.path().trim_end_matches('/')
    }
    host(a) == host(b) && path(a) == path(b) && a.query() == b.query()
}

/// Finds every story link with its visible headline, list heading and rank.
pub fn extract(html: &Html, ctx: &PageContext, options: &Options) -> HeadlineList {
    let base = ctx.base_url.as_ref();
    let site = ctx
        .page_url
        .as_ref()
        .or(base)
        .and_then(|u| u.host_str())
        .map(site_domain)
        .unwrap_or_default();
    let language = html
        .root_element()
        .value()
        .get_attr("lang")
        .unwrap_or("")
        .to_string();
    let dctx = date::DateContext {
        zone: date::page_zone(ctx, options, &language),
        reference_time: options.reference_time,
    };
    let tabs = tab_labels(html);
    let mut memo = HashMap::new();

    // Pass 1: every link with a usable URL, in page order.
    let mut links: Vec<(ElementRef<'_>, url::Url)> = Vec::new();
    let mut pagination_next = None;
    for e in html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let v = e.value();
        if pagination_next.is_none()
            && matches!(v.name(), "a" | "link")
            && v.get_attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("next")))
        {
            pagination_next = v
                .get_attr("href")
                .and_then(|h| resolve(base, h))
                .map(String::from);
        }
        if v.name() != "a" || !is_real_link(e) {
            continue;
        }
        let Some(u) = v.get_attr("href").and_then(|h| resolve(base, h)) else {
            continue;
        };
        if pagination_next.is_none() && is_next_link(e) {
            pagination_next = Some(u.to_string());
            continue;
        }
        links.push((e, u));
    }

    let mut out: Vec<Headline> = Vec::new();
    // (group, url) → index in `out`, for de-duplication.
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for (a, u) in &links {
        let url = u.to_string();
        let story = is_story_url(u, &site);
        // A link to the page itself ("0 Comments", "Share") is not another story.
        if !options.all_links && ctx.page_url.as_ref().is_some_and(|p| same_page(p, u)) {
            continue;
        }
        if !options.all_links && (!story || in_chrome(*a)) {
            continue;
        }
        let card = card_of(*a, u, &site);
        let (title, from_text) = headline_of(*a, card);
        if title.is_empty() {
            continue;
        }
        if !options.all_links && !looks_like_headline(&title) {
            continue;
        }
        let group = group_of(*a, &title, &tabs, &site, base, &mut memo);
        let key = (group.clone(), url.clone());
        if let Some(&i) = seen.get(&key) {
            // Same story twice in one list (image link and title link): one entry, the first.
            // A later text link only fills in an image the first card lacked.
            let other_card = out[i].title != title && !out[i].summary.is_empty();
            if from_text && !other_card && out[i].image_url.is_empty() {
                out[i].image_url = image_of(card, base);
            }
            continue;
        }
        let h = Headline {
            title,
            url,
            group,
            rank: 0,
            published: time_of(card, &dctx),
            image_url: image_of(card, base),
            summary: summary_of(card, *a),
        };
        seen.insert(key, out.len());
        out.push(h);
    }
    // Ranks: 1-based within each group, in page order.
    let mut counters: HashMap<String, u32> = HashMap::new();
    for h in &mut out {
        let c = counters.entry(h.group.clone()).or_insert(0);
        *c += 1;
        h.rank = *c;
    }
    HeadlineList {
        headlines: out,
        pagination_next,
        ..Default::default()
    }
}

/// The registrable part of a host, roughly: the last two labels, or three under a short
/// second-level label (`bbc.co.uk`, `prothomalo.com.bd`).
fn site_domain(host: &str) -> String {
    let labels: Vec<&str> = host.trim_start_matches("www.").split('.').collect();
    let n = labels.len();
    if n >= 3 && labels[n - 2].len() <= 3 && labels[n - 1].len() == 2 {
        labels[n - 3..].join(".")
    } else if n >= 2 {
        labels[n - 2..].join(".")
    } else {
        host.to_string()
    }
}

fn is_story_url(u: &url::Url, site: &str) -> bool {
    let Some(host) = u.host_str() else {
        return false;
    };
    if rules::SOCIAL_HOSTS
        .iter()
        .any(|s| crate::dom::is_host_or_subdomain(host, s))
    {
        return false;
    }
    if !(site.is_empty() || crate::dom::is_host_or_subdomain(host, site)) {
        return false;
    }
    let path = u.path();
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode(s).to_lowercase())
        .collect();
    if segments.is_empty() {
        return false;
    }
    if segments
        .iter()
        .any(|s| rules::NON_STORY_SEGMENTS.contains(&s.as_str()))
    {
        return false;
    }
    let last = segments.last().map(String::as_str).unwrap_or("");
    let has_id = segments.iter().any(|s| {
        let digits = s.chars().filter(char::is_ascii_digit).count();
        digits >= 4 || (digits >= 3 && s.chars().all(|c| c.is_ascii_digit()))
    }) || u
        .query()
        .is_some_and(|q| q.chars().filter(char::is_ascii_digit).count() >= 4);
    let slug_words = segments
        .iter()
        .map(|s| s.split(['-', '_']).filter(|w| !w.is_empty()).count())
        .max()
        .unwrap_or(0);
    let file = last.ends_with(".html")
        || last.ends_with(".htm")
        || last.ends_with(".details")
        || last.ends_with(".php")
        || last.ends_with(".aspx");
    // A lone multi-word segment is as often a section ("the-long-read") as a story.
    let slug_story = if segments.len() >= 2 {
        slug_words >= 3
    } else {
        slug_words >= 4
    };
    has_id || slug_story || (file && segments.len() >= 2)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Page chrome: navigation menus, the page header and footer.
fn in_chrome(e: ElementRef<'_>) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let v = a.value();
        matches!(v.name(), "nav" | "footer")
            || (v.name() == "header"
                && !a
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|x| matches!(x.value().name(), "article" | "section" | "main")))
            || v.get_attr("role")
                .is_some_and(|r| matches!(r, "navigation" | "contentinfo" | "menubar"))
    })
}

fn is_next_link(a: ElementRef<'_>) -> bool {
    let t = text_of(a).to_lowercase();
    !t.is_empty()
        && rules::NEXT_TEXTS.contains(&t.as_str())
        && a.ancestors().filter_map(ElementRef::wrap).take(4).any(|p| {
            let c = format!(
                "{} {}",
                p.value().get_attr("class").unwrap_or(""),
                p.value().get_attr("id").unwrap_or("")
            )
            .to_lowercase();
            c.contains("pagination")
                || c.contains("pager")
                || c.contains("page-nav")
                || c.contains("nav-links")
        })
}

/// The largest ancestor (up to four levels) that holds no other story link: the card.
fn card_of<'a>(a: ElementRef<'a>, url: &url::Url, site: &str) -> ElementRef<'a> {
    let mut card = a;
    for anc in a.ancestors().filter_map(ElementRef::wrap).take(4) {
        if matches!(
            anc.value().name(),
            "body" | "html" | "ul" | "ol" | "main" | "section"
        ) {
            break;
        }
        let other_story = anc
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|d| d.value().name() == "a")
            .filter_map(|d| d.value().get_attr("href"))
            .filter_map(|h| resolve(Some(url), h))
            .any(|u| u != *url && is_story_url(&u, site));
        if other_story {
            break;
        }
        card = anc;
    }
    card
}

/// The headline for link `a` in `card`, and whether it is visible text (not alt or aria).
fn headline_of(a: ElementRef<'_>, card: ElementRef<'_>) -> (String, bool) {
    let own = clean_title(&text_of(a));
    if !own.is_empty() && !is_non_title(&own) {
        return (own, true);
    }
    // The card's heading: h1–h6 or a ".title" element.
    for d in card.descendants().filter_map(ElementRef::wrap) {
        let v = d.value();
        let is_heading = matches!(v.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || v.get_attr("class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("title") || c.contains("headline")
            });
        if is_heading {
            let t = clean_title(&text_of(d));
            if !t.is_empty() && !is_non_title(&t) {
                return (t, true);
            }
        }
    }
    // A caption paragraph beside an image-only link (video galleries).
    if card != a
        && let Some(p) = card
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|d| d.value().name() == "p" && !text_of(*d).is_empty())
    {
        let t = clean_title(&text_of(p));
        if t.chars().count() <= 200 {
            return (t, true);
        }
    }
    let v = a.value();
    if let Some(t) = v
        .get_attr("aria-label")
        .or(v.get_attr("title"))
        .map(clean_title)
        .filter(|t| !t.is_empty())
    {
        return (t, false);
    }
    let alt = a
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|d| d.value().name() == "img")
        .and_then(|i| i.value().get_attr("alt"))
        .map(clean_title)
        .unwrap_or_default();
    (alt, false)
}

/// Whitespace collapsed. (Rank badges sit in their own elements beside the link on the pages
/// we know; a number inside the link text is part of the headline: "৮ এপ্রিল …".)
fn clean_title(t: &str) -> String {
    collapse_ws(t)
}

fn is_non_title(t: &str) -> bool {
    let lower = t.to_lowercase();
    rules::NON_TITLES.contains(&lower.as_str())
}

/// Headlines have words: at least two, or a long single run (scripts without spaces).
fn looks_like_headline(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let chars = t.chars().count();
    if is_non_title(t) || chars < 8 {
        return false;
    }
    words >= 2 || chars >= 12
}

/// Tab panes and their labels: `href="#id"`, `data-target`, `data-bs-target`, `aria-controls`,
/// `data-tab` controls, and label lists followed by their panes in the same order.
fn tab_labels(html: &Html) -> HashMap<ego_tree::NodeId, String> {
    let mut by_id: HashMap<String, String> = HashMap::new();
    let mut label_lists: Vec<ElementRef<'_>> = Vec::new();
    for e in html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let v = e.value();
        let target = v
            .get_attr("data-target")
            .or(v.get_attr("data-bs-target"))
            .or(v.get_attr("aria-controls"))
            .or(v.get_attr("data-tab"))
            .or_else(|| {
                v.get_attr("href")
                    .filter(|h| h.starts_with('#') && h.len() > 1)
            });
        if let Some(t) = target {
            let label = collapse_ws(&text_of(e));
            let n = label.chars().count();
            if (1..=rules::MAX_LABEL_CHARS).contains(&n) {
                by_id
                    .entry(t.trim_start_matches('#').to_string())
                    .or_insert(label);
            }
        }
        if matches!(v.name(), "ul" | "ol")
            && v.get_attr("class")
                .is_some_and(|c| c.to_ascii_lowercase().contains("tab"))
        {
            label_lists.push(e);
        }
    }
    let mut out = HashMap::new();
    for e in html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        if let Some(id) = e.value().get_attr("id")
            && let Some(label) = by_id.get(id)
            && e.value().name() != "a"
        {
            out.insert(e.id(), label.clone());
        }
    }
    // Positional tabs: <ul class="tabs"><li>A</li><li>B</li></ul> then a container whose
    // children are the panes, in the same order.
    for list in label_lists {
        let labels: Vec<String> = list
            .children()
            .filter_map(ElementRef::wrap)
            .map(|li| collapse_ws(&text_of(li)))
            .collect();
        if labels.len() < 2
            || labels
                .iter()
                .any(|l| l.is_empty() || l.chars().count() > rules::MAX_LABEL_CHARS)
        {
            continue;
        }
        let Some(panes_box) = list.next_siblings().filter_map(ElementRef::wrap).next() else {
            continue;
        };
        let panes: Vec<ElementRef<'_>> =
            panes_box.children().filter_map(ElementRef::wrap).collect();
        if panes.len() != labels.len() {
            continue;
        }
        for (pane, label) in panes.iter().zip(labels) {
            out.entry(pane.id()).or_insert(label);
        }
    }
    out
}

/// The label of the list `a` belongs to: a tab's label, else the nearest label before the
/// link's branch at some ancestor level — a label element, or the heading that opens an earlier
/// block of stories the link's block continues.
fn group_of(
    a: ElementRef<'_>,
    title: &str,
    tabs: &HashMap<ego_tree::NodeId, String>,
    site: &str,
    base: Option<&url::Url>,
    memo: &mut HashMap<ego_tree::NodeId, Option<BlockLabel>>,
) -> String {
    let mut child = a;
    for anc in a.ancestors().filter_map(ElementRef::wrap).take(12) {
        if let Some(label) = tabs.get(&anc.id()) {
            return label.clone();
        }
        if matches!(anc.value().name(), "body" | "html") {
            break;
        }
        for (n, sib) in child
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .enumerate()
        {
            if n >= 40 {
                break;
            }
            if tabs.contains_key(&sib.id()) {
                break; // another tab's pane
            }
            let found = memo
                .entry(sib.id())
                .or_insert_with(|| block_label(sib, site, base))
                .clone();
            match found {
                // The card's own headline (`<h4 class="title">` beside its link) is no label.
                Some(BlockLabel::Label(l)) if l == title => {}
                Some(BlockLabel::Label(l)) | Some(BlockLabel::Opens(l)) => return l,
                // An earlier card or row of the same list: its label is further back.
                Some(BlockLabel::Unlabelled) | None => {}
            }
        }
        child = anc;
    }
    String::new()
}

/// What an element before a link says about the link's group.
#[derive(Clone)]
enum BlockLabel {
    /// The element is a label.
    Label(String),
    /// The element is a block of stories opened by this heading.
    Opens(String),
    /// The element is a block of stories with no heading of its own.
    Unlabelled,
}

fn block_label(e: ElementRef<'_>, site: &str, base: Option<&url::Url>) -> Option<BlockLabel> {
    if let Some(l) = label_of(e, site, base) {
        return Some(BlockLabel::Label(l));
    }
    if !holds_story(e, site, base) {
        return None;
    }
    // A block of stories: does a heading open it, before its first story?
    for d in e.descendants().filter_map(ElementRef::wrap) {
        let v = d.value();
        if v.name() == "a"
            && is_real_link(d)
            && v.get_attr("href")
                .and_then(|h| resolve(base, h))
                .is_some_and(|u| is_story_url(&u, site))
        {
            return Some(BlockLabel::Unlabelled);
        }
        let heading = matches!(v.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || v.get_attr("class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                rules::LABEL_CLASSES.iter().any(|l| c.contains(l)) && !c.contains("title-link")
            });
        if heading {
            let t = collapse_ws(&text_of(d));
            let n = t.chars().count();
            if n > 0 && n <= rules::MAX_LABEL_CHARS && !holds_story(d, site, base) {
                return Some(BlockLabel::Opens(t));
            }
        }
    }
    Some(BlockLabel::Unlabelled)
}

fn holds_story(e: ElementRef<'_>, site: &str, base: Option<&url::Url>) -> bool {
    e.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|d| d.value().name() == "a" && is_real_link(*d))
        .filter_map(|d| d.value().get_attr("href").and_then(|h| resolve(base, h)))
        .any(|u| is_story_url(&u, site))
}

/// A link a reader can see: text, an image, a label, or a headline right before it. HTML
/// parsers re-open an unclosed `<a>` around later whitespace; those copies are not links.
fn is_real_link(a: ElementRef<'_>) -> bool {
    let v = a.value();
    if v.get_attr("aria-label").is_some() || v.get_attr("title").is_some() {
        return true;
    }
    if a.text().any(|t| !t.trim().is_empty())
        || a.descendants()
            .filter_map(ElementRef::wrap)
            .any(|d| d.value().name() == "img")
    {
        return true;
    }
    a.prev_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .is_some_and(|p| {
            matches!(p.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                || p.value()
                    .get_attr("class")
                    .is_some_and(|c| c.contains("title"))
        })
}

/// A list label: a heading or label-classed element with short text and no story link.
fn label_of(e: ElementRef<'_>, site: &str, base: Option<&url::Url>) -> Option<String> {
    let v = e.value();
    if matches!(
        v.name(),
        "script"
            | "style"
            | "img"
            | "figure"
            | "ul"
            | "ol"
            | "table"
            | "form"
            | "input"
            | "button"
            | "iframe"
    ) {
        return None;
    }
    let text = collapse_ws(&text_of(e));
    let n = text.chars().count();
    if n == 0 || n > rules::MAX_LABEL_CHARS || holds_story(e, site, base) {
        return None;
    }
    let heading = matches!(v.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    let class = format!(
        "{} {}",
        v.get_attr("class").unwrap_or(""),
        v.get_attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    let labelled = rules::LABEL_CLASSES.iter().any(|c| class.contains(c));
    let inner_heading = e
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| matches!(d.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    // A link to a section front standing alone before a list also labels it.
    let section_link = e
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|d| d.value().name() == "a")
        .count()
        == 1
        && n <= 30;
    (heading || labelled || inner_heading || section_link).then_some(text)
}

fn image_of(card: ElementRef<'_>, base: Option<&url::Url>) -> String {
    card.descendants()
        .filter_map(ElementRef::wrap)
        .find(|d| d.value().name() == "img")
        .and_then(|i| crate::metadata::lines::img_src(i).and_then(|s| resolve(base, s)))
        .map(String::from)
        .unwrap_or_default()
}

fn summary_of(card: ElementRef<'_>, a: ElementRef<'_>) -> String {
    if card == a {
        return String::new();
    }
    for d in card.descendants().filter_map(ElementRef::wrap) {
        if d.ancestors().any(|x| x.id() == a.id()) || d.id() == a.id() {
            continue;
        }
        let v = d.value();
        let class = v.get_attr("class").unwrap_or("").to_ascii_lowercase();
        if rules::SUMMARY_CLASSES.iter().any(|c| class.contains(c)) {
            let t = collapse_ws(&text_of(d));
            if t.chars().count() >= 20 {
                return t;
            }
        }
    }
    String::new()
}

fn time_of(card: ElementRef<'_>, dctx: &date::DateContext) -> Option<crate::PageTime> {
    for d in card.descendants().filter_map(ElementRef::wrap) {
        let v = d.value();
        if v.name() == "time" {
            let raw = v
                .get_attr("datetime")
                .map(str::to_string)
                .unwrap_or_else(|| text_of(d));
            if let Some(t) = date::parse_date(&raw, dctx) {
                return Some(t);
            }
        }
        let class = v.get_attr("class").unwrap_or("").to_ascii_lowercase();
        if class.contains("date") || class.contains("time") {
            let t = text_of(d);
            if t.chars().count() <= 60
                && let Some(p) = date::parse_date(&t, dctx)
            {
                return Some(p);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(u: &str) -> bool {
        url::Url::parse(u).is_ok_and(|u| is_story_url(&u, "example.com"))
    }

    #[test]
    fn story_urls_by_shape() {
        assert!(story("https://example.com/country-news/317254"));
        assert!(story(
            "https://www.example.com/world/2024/03/14/ferry-opens-on-the-river"
        ));
        assert!(story("https://example.com/news/bd/642665.details"));
        assert!(!story("https://example.com/sports"));
        assert!(!story("https://example.com/"));
        assert!(!story("https://example.com/author/jane-doe-smith"));
        assert!(!story("https://example.com/tags/ferry-boat-river"));
        assert!(!story("https://other.org/world/2024/03/14/ferry-opens"));
        assert!(!story(
            "https://facebook.com/sharer/sharer.php?u=https://example.com/a/12345"
        ));
    }

    #[test]
    fn links_to_the_page_itself_are_not_headlines() {
        let page = "<html><body><article><h1><a href=\"/2024/03/14/ferry-opens-on-the-river/\">\
            Ferry opens on the river</a></h1><a href=\"#comments\">0 Comments</a>\
            <a href=\"https://www.example.com/2024/03/14/ferry-opens-on-the-river?replytocom=1\">\
            Reply</a></article><aside><h2>More news</h2>\
            <a href=\"/2024/03/14/bridge-closes-for-repairs-this-week\">Bridge closes for repairs \
            this week</a></aside></body></html>";
        let input = crate::Input {
            html: page.as_bytes(),
            url: Some("https://example.com/2024/03/14/ferry-opens-on-the-river/"),
            content_type: None,
        };
        let list = crate::list_headlines(&input, &crate::Options::default());
        let titles: Vec<String> = list
            .map(|l| l.headlines.into_iter().map(|h| h.title).collect())
            .unwrap_or_default();
        assert_eq!(titles, ["Bridge closes for repairs this week"]);
    }

    #[test]
    fn headline_shapes() {
        assert_eq!(
            clean_title(" ৮ এপ্রিল  সংসদ অধিবেশন "),
            "৮ এপ্রিল সংসদ অধিবেশন"
        );
        assert!(!looks_like_headline("Read more"));
        assert!(!looks_like_headline("বিস্তারিত"));
        assert!(looks_like_headline("Ferry opens on the river"));
    }
}
