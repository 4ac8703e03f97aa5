//! Article metadata from every source a page offers, each parsed strictly, best source first:
//! JSON-LD ([`jsonld`]), OpenGraph / `article:*` / Dublin Core / parsely / Twitter / microdata
//! meta tags, `<time>` elements, and the visible lines around the headline (date lines and
//! bylines, [`lines`]). Dates from all sources vote ([`date`]); the consistent majority wins.

pub mod date;
pub mod jsonld;
pub mod lines;

use crate::dom::{GetAttr, collapse_ws, local_name, text_of};
use crate::rules::metadata as rules;
use crate::{Image, Options, PageContext, PageTime};
use scraper::{ElementRef, Html};

/// Metadata found on a page.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: String,
    pub authors: Vec<String>,
    pub published: Option<PageTime>,
    pub published_raw: String,
    pub modified: Option<PageTime>,
    pub language: String,
    pub site_name: String,
    pub canonical_url: String,
    pub description: String,
    pub section: String,
    pub tags: Vec<String>,
    pub lead_image: Option<Image>,
    /// JSON-LD `articleBody`, for the body extractor's fallback.
    pub article_body: String,
}

/// What one pass over the document collects.
#[derive(Default)]
struct Collected<'a> {
    metas: Vec<(String, String)>,
    ld: Vec<String>,
    html_lang: String,
    title_tag: String,
    canonical: String,
    h1: Option<(usize, ElementRef<'a>)>,
    h2s: Vec<(usize, ElementRef<'a>)>,
    /// h1s inside page furniture (a full-width page header): the headline when the title
    /// chosen from the metadata is theirs.
    furniture_h1s: Vec<(usize, ElementRef<'a>)>,
    times: Vec<(usize, ElementRef<'a>)>,
    item_dates: Vec<(String, String)>,
    item_authors: Vec<String>,
    elements: Vec<ElementRef<'a>>,
}

impl Collected<'_> {
    /// The first non-empty value among meta keys, in the given order.
    fn meta(&self, keys: &[&str]) -> String {
        for k in keys {
            if let Some((_, v)) = self
                .metas
                .iter()
                .find(|(mk, v)| mk == k && !v.trim().is_empty())
            {
                return collapse_ws(v);
            }
        }
        String::new()
    }

    fn metas_all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn collect(html: &Html) -> Collected<'_> {
    let mut c = Collected::default();
    let mut in_body = false;
    // Room for every node (an over-estimate of the elements) spares the vector's regrowth
    // copies on large pages.
    c.elements.reserve(html.tree.nodes().len());
    for e in crate::dom::elements_in(html.tree.root()) {
        let v = e.value();
        let idx = c.elements.len();
        c.elements.push(e);
        let tag = v.name();
        match tag {
            "html" => {
                c.html_lang = v
                    .get_attr("lang")
                    .or(v.get_attr("xml:lang"))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            }
            "body" => in_body = true,
            "meta" => {
                let key = v
                    .get_attr("property")
                    .or(v.get_attr("name"))
                    .or(v.get_attr("itemprop"))
                    .or(v.get_attr("http-equiv"));
                if let (Some(k), Some(content)) = (key, v.get_attr("content")) {
                    c.metas
                        .push((k.trim().to_ascii_lowercase(), content.to_string()));
                }
            }
            "link"
                if c.canonical.is_empty()
                    && v.get_attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                c.canonical = v.get_attr("href").unwrap_or("").trim().to_string();
            }
            "script"
                if v.get_attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                c.ld.push(e.text().collect());
            }
            "title" if c.title_tag.is_empty() && !in_body => c.title_tag = text_plain(e),
            "h1" if c.h1.is_none() && in_body && !text_of(e).is_empty() && !in_furniture(e) => {
                c.h1 = Some((idx, e));
            }
            "h1" if in_body && c.furniture_h1s.len() < 3 => c.furniture_h1s.push((idx, e)),
            // Where the h1 is the logo (or missing), the story's headline is often an h2.
            "h2" if c.h2s.len() < 12 && in_body && !in_furniture(e) => c.h2s.push((idx, e)),
            // Older and East Asian CMSs print the headline in a <dt> or a "title" box.
            "dt" | "h3" | "div" | "p" | "strong" | "span" | "td"
                if c.h2s.len() < 24
                    && in_body
                    && v.attr_by(&local_name!("class")).is_some_and(is_title_class)
                    || tag == "dt" && c.h2s.len() < 24 && in_body =>
            {
                c.h2s.push((idx, e))
            }
            "time" => c.times.push((idx, e)),
            _ => {}
        }
        if let Some(prop) = v.attr_by(&local_name!("itemprop")) {
            match prop {
                "datePublished" | "dateModified" | "dateCreated"
                    if tag != "meta" && !in_comment(e) =>
                {
                    // Microdata's value: the datetime or content attribute, else the text.
                    let val = match v.get_attr("datetime").or(v.get_attr("content")) {
                        Some(val) => val.to_string(),
                        None => text_of(e),
                    };
                    if !val.is_empty() && val.len() <= 64 {
                        c.item_dates.push((prop.to_string(), val));
                    }
                }
                "author" | "creator" if tag != "meta" => {
                    // <span itemprop="author" itemscope><span itemprop="name">…</span></span>
                    let name = e
                        .descendants()
                        .filter_map(ElementRef::wrap)
                        .find(|n| n.value().get_attr("itemprop") == Some("name"))
                        .map_or_else(|| text_of(e), text_of);
                    if !name.is_empty() {
                        c.item_authors.push(name);
                    }
                }
                _ => {}
            }
        }
    }
    c
}

/// A class attribute naming a title box ("title", "Title", "headline"). Runs for thousands of
/// elements a page, so it only compares where memchr finds a possible first letter
/// (`str::contains` sets up a searcher per call).
fn is_title_class(class: &str) -> bool {
    let b = class.as_bytes();
    let at = |i: usize| {
        let rest = &b[i..];
        match rest[0] {
            b'h' => rest.starts_with(b"headline"),
            b't' | b'T' => rest.get(1..5) == Some(b"itle"),
            _ => false,
        }
    };
    // Most class values are short: a plain loop beats setting up the vector search.
    if b.len() < 64 {
        return (0..b.len()).any(at);
    }
    memchr::memchr3_iter(b't', b'T', b'h', b).any(at)
}

fn text_plain(e: ElementRef<'_>) -> String {
    collapse_ws(&e.text().collect::<String>())
}

/// Inside navigation, a page header, footer or sidebar.
/// Inside a reader comment (a `Comment` item, or a box named for comments): its dates are the
/// comment's, not the story's.
pub(crate) fn in_comment(e: ElementRef<'_>) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let v = a.value();
        v.get_attr("itemtype")
            .is_some_and(|t| t.ends_with("/Comment"))
            || [v.get_attr("class"), v.get_attr("id")]
                .into_iter()
                .flatten()
                .any(|n| contains_ignore_ascii_case(n, "comment"))
    })
}

fn in_furniture(e: ElementRef<'_>) -> bool {
    let mut in_article = false;
    for a in e.ancestors().filter_map(ElementRef::wrap) {
        match a.value().name() {
            "article" | "main" => in_article = true,
            // An embedded post or a quotation carries its own dates and names.
            "nav" | "footer" | "aside" | "blockquote" => return true,
            "header" if !in_article => {
                // A page header; an article's own header holds the headline and byline, and
                // is named so even where no <article> wraps it ("ArticleHeader", "post-header").
                if [a.value().get_attr("class"), a.value().get_attr("id")]
                    .into_iter()
                    .flatten()
                    .any(names_a_story)
                {
                    return false;
                }
                return !a
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|x| matches!(x.value().name(), "article" | "main"));
            }
            _ => {}
        }
    }
    false
}

/// A class or id naming the story itself: article, story, post, entry.
fn names_a_story(name: &str) -> bool {
    names_any(name, &["article", "story", "post", "entry"])
}

/// Whether a class or id value holds any of `words` (lower-case), ignoring ASCII case.
pub(crate) fn names_any(name: &str, words: &[&str]) -> bool {
    words.iter().any(|w| contains_ignore_ascii_case(name, w))
}

/// Reads the page's metadata.
pub fn extract(html: &Html, ctx: &PageContext, options: &Options) -> Metadata {
    let c = collect(html);
    let ld = jsonld::parse(&c.ld);
    let base = ctx.base_url.as_ref();

    let language = normalize_lang(
        &[
            c.html_lang.clone(),
            c.meta(&["og:locale"]),
            c.meta(&["content-language", "dc.language", "language"]),
            ld.language.clone(),
        ]
        .into_iter()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default(),
    );

    let h1_text = c.h1.map(|(_, e)| text_of(e)).unwrap_or_default();
    let host = ctx
        .page_url
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or("");
    let site_name = choose_site_name(&c, &ld, &h1_text, host);
    let title = choose_title(&c, &ld, &h1_text, &site_name, ctx);

    let zone = date::page_zone(ctx, options, &language);
    let dctx = date::DateContext {
        zone,
        reference_time: options.reference_time,
    };
    let headline = headline_element(&c, &h1_text, &title);
    let near = lines::near_headline(&c.elements, headline);
    let (published, published_raw, modified) = choose_dates(&c, &ld, &near, &dctx, ctx);

    let host = ctx
        .page_url
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or("");
    let mut authors = choose_authors(html, &c, &ld, &near, &site_name, host);
    authors.dedup();

    let canonical_url = [c.canonical.clone(), c.meta(&["og:url"]), ld.url.clone()]
        .into_iter()
        .filter(|u| !u.is_empty())
        .find_map(|u| crate::dom::resolve(base, &u).map(String::from))
        .unwrap_or_default();

    let description = [
        c.meta(&["description"]),
        c.meta(&["og:description", "twitter:description", "dc.description"]),
        ld.description.clone(),
    ]
    .into_iter()
    .map(|d| without_share_labels(&strip_tags(&d)))
    .find(|d| !d.is_empty())
    .unwrap_or_default();

    let section = choose_section(&c, &ld, &title, &site_name);
    let tags = choose_tags(&c, &ld, &title);
    let mut lead_image = lines::lead_image(&c.elements, headline, &image_candidates(&c, &ld), base);
    // A caption that repeats the headline is the image's title, not a caption.
    if let Some(img) = lead_image.as_mut()
        && !title.is_empty()
        && alnum_key(&img.caption) == alnum_key(&title)
    {
        img.caption.clear();
    }

    Metadata {
        title,
        authors,
        published,
        published_raw,
        modified,
        language,
        site_name,
        canonical_url,
        description,
        section,
        tags,
        lead_image,
        article_body: ld.body,
    }
}

fn image_candidates(c: &Collected<'_>, ld: &jsonld::LdArticle) -> Vec<String> {
    [
        c.meta(&["og:image", "og:image:url", "og:image:secure_url"]),
        c.meta(&["twitter:image", "twitter:image:src"]),
        ld.image.clone(),
        c.meta(&["thumbnailurl", "image"]),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// `en_US` → `en-US`, `BN` → `bn`; only well-formed tags.
pub fn normalize_lang(raw: &str) -> String {
    let raw = raw.trim().replace('_', "-");
    let mut parts = raw.split('-');
    let Some(primary) = parts
        .next()
        .filter(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
    else {
        return String::new();
    };
    let mut out = primary.to_ascii_lowercase();
    if let Some(region) = parts.next()
        && region.len() == 2
        && region.chars().all(|c| c.is_ascii_alphabetic())
    {
        out.push('-');
        out.push_str(&region.to_ascii_uppercase());
    }
    out
}

/// The element index of the story's headline: the h1, unless it is not the title (a logo) and an
/// h2 is.
fn headline_element(c: &Collected<'_>, h1_text: &str, title: &str) -> Option<usize> {
    let norm = alnum_key;
    let nt = norm(title);
    if nt.is_empty() || c.h1.is_some() && norm(h1_text) == nt {
        return c.h1.map(|(i, _)| i);
    }
    c.h2s
        .iter()
        .chain(&c.furniture_h1s)
        .find(|(_, e)| norm(&text_of(*e)) == nt)
        .map(|(i, _)| *i)
        .or(c.h1.map(|(i, _)| i))
}

/// Lower-case letters and digits only: how titles, sites and names are compared.
fn alnum_key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The publication's name: the first written as a name (og:site_name, JSON-LD WebSite or
/// publisher, application-name, the `<title>`'s site part), taglines cut ("LinkNaija | Nigeria's
/// popular news platform"); a domain, slug or handle ("livescience.com", "usatoday",
/// "SputnikInt") only when nothing better is given.
fn choose_site_name(c: &Collected<'_>, ld: &jsonld::LdArticle, h1: &str, host: &str) -> String {
    let handle = c
        .meta(&["twitter:site"])
        .trim_start_matches('@')
        .to_string();
    let mut from_title = site_in_title(&c.title_tag, &[h1, &c.meta(&["og:title"]), &ld.headline]);
    if from_title.is_empty() {
        from_title = site_in_title_by_host(&c.title_tag, host);
    }
    let named = [
        c.meta(&["og:site_name"]),
        ld.site_name.clone(),
        ld.publisher.clone(),
        c.meta(&["application-name"]),
        from_title,
    ];
    let cleaned: Vec<String> = named
        .iter()
        .map(|s| {
            site_from_url(s).unwrap_or_else(|| cut_tagline(s.trim().trim_start_matches("www.")))
        })
        .filter(|s| !s.is_empty())
        .collect();
    cleaned
        .iter()
        .find(|s| !is_weak_site_name(s))
        .or(cleaned.first())
        .cloned()
        .unwrap_or(handle)
}

/// A name that is a domain, a lower-case slug or a handle: one word with a dot, no capital,
/// or a trailing underscore.
fn is_weak_site_name(s: &str) -> bool {
    !s.contains(' ')
        && (s.contains('.') || !s.chars().any(char::is_uppercase) || s.ends_with('_'))
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

/// "Name | tagline", "Name - tagline": the name.
fn cut_tagline(s: &str) -> String {
    let s = collapse_ws(s);
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((name, _)) = s.split_once(sep)
            && name.chars().count() >= 3
        {
            return name.trim().to_string();
        }
    }
    s
}

/// The site's part of a `<title>` ("About bugs – Vortex Cannon Entertainment"): the first or
/// last part, when the rest is the headline and the part itself is short.
fn site_in_title(title: &str, headlines: &[&str]) -> String {
    let title = collapse_ws(title);
    let keys: Vec<String> = headlines
        .iter()
        .map(|h| alnum_key(h))
        .filter(|k| k.chars().count() >= 8)
        .collect();
    let is_headline = |part: &str| {
        let k = alnum_key(part);
        k.chars().count() >= 8
            && keys
                .iter()
                .any(|h| h.contains(&k) || k.contains(h.as_str()))
    };
    for sep in SITE_PART_SEPARATORS {
        let Some((first, last)) = title.rsplit_once(sep) else {
            continue;
        };
        if is_headline(first) && is_short_site_part(last) && !is_headline(last) {
            return last.trim().to_string();
        }
        if let Some((first, rest)) = title.split_once(sep)
            && is_headline(rest)
            && is_short_site_part(first)
            && !is_headline(first)
        {
            return first.trim().to_string();
        }
    }
    String::new()
}

/// The writer a Korean story names only in its closing lines: a role and a name of two to four
/// Hangul syllables just before an e-mail address ("홍길동 기자 hong@…", "칼럼니스트 박생강
/// pillgoo9@…"). Nothing when no such sign-off ends the text.
pub fn signoff_byline(text: &str) -> Vec<String> {
    let hangul_name = |w: &str| {
        (2..=4).contains(&w.chars().count()) && w.chars().all(|c| ('가'..='힣').contains(&c))
    };
    for para in text.rsplit("\n\n").take(3) {
        for line in para.lines().rev() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let Some(at) = words.iter().position(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '.');
                w.split_once('@')
                    .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            }) else {
                continue;
            };
            let before = &words[at.saturating_sub(2)..at];
            let name = match before {
                [role, name] if rules::KO_ROLES.contains(role) && hangul_name(name) => name,
                [name, role] if rules::KO_ROLES.contains(role) && hangul_name(name) => name,
                _ => continue,
            };
            return vec![(*name).to_string()];
        }
    }
    Vec::new()
}

/// A description without the share-button labels an excerpt of the post's markup starts with.
fn without_share_labels(d: &str) -> String {
    let mut rest = d.trim_start();
    'strip: loop {
        for label in rules::SHARE_LABELS {
            if let Some(head) = rest.get(..label.len())
                && head.eq_ignore_ascii_case(label)
            {
                rest = rest[label.len()..].trim_start();
                continue 'strip;
            }
        }
        break;
    }
    rest.to_string()
}

/// What separates a `<title>`'s site part from its headline.
const SITE_PART_SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " » "];

/// A site's part of a title is a name: a few words.
fn is_short_site_part(part: &str) -> bool {
    part.split_whitespace().count() <= 5 && part.chars().count() <= 40
}

/// The end of a `<title>` that spells the site's domain name ("… - Entermedia" on
/// entermedia.co.kr, "The Space Review: …" on thespacereview.com): where the page's h1 is its
/// logo, the headline cannot tell the parts apart, the address can.
fn site_in_title_by_host(title: &str, host: &str) -> String {
    let Some(label) = host_label(host) else {
        return String::new();
    };
    let title = collapse_ws(title);
    let names_host = |part: &str| {
        let k = alnum_key(part);
        is_short_site_part(part) && (k == label || k.strip_prefix("the") == Some(label.as_str()))
    };
    // A colon too: "The Space Review: …" (the domain leaves no doubt whose name it is).
    for sep in SITE_PART_SEPARATORS.iter().chain(&[": "]) {
        if let Some((_, last)) = title.rsplit_once(sep)
            && names_host(last)
        {
            return last.trim().to_string();
        }
        if let Some((first, _)) = title.split_once(sep)
            && names_host(first)
        {
            return first.trim().to_string();
        }
    }
    String::new()
}

/// The name part of a host: "entermedia" for entermedia.co.kr, "cnn" for edition.cnn.com.
fn host_label(host: &str) -> Option<String> {
    let mut labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    labels.pop()?; // the top-level domain
    // A second-level part of a country's domain ("co.kr", "com.au").
    if labels.len() > 1
        && labels.last().is_some_and(|l| {
            matches!(
                *l,
                "co" | "com" | "net" | "org" | "ac" | "gov" | "or" | "ne"
            )
        })
    {
        labels.pop();
    }
    let label = labels.pop()?.to_lowercase();
    (label.chars().count() >= 3 && label.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(label)
}

/// A site name given as an address ("https://www.example.com") becomes its host name.
fn site_from_url(s: &str) -> Option<String> {
    let u = url::Url::parse(s.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    Some(u.host_str()?.trim_start_matches("www.").to_string())
}

fn choose_title(
    c: &Collected<'_>,
    ld: &jsonld::LdArticle,
    h1: &str,
    site: &str,
    ctx: &PageContext,
) -> String {
    let og = c.meta(&["og:title", "twitter:title", "parsely-title", "dc.title"]);
    let metas = [og.clone(), ld.headline.clone(), c.title_tag.clone()];
    let norm = alnum_key;
    let host = ctx
        .page_url
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_string();
    // An h1 that is the site's name (a logo heading) is not the story's title.
    let h1_is_site = !site.is_empty() && norm(h1) == norm(site);
    if !h1.is_empty() && h1.chars().count() >= 8 && !h1_is_site {
        let nh = norm(h1);
        if metas.iter().any(|m| {
            // Compare with the title minus its " | Site" part, which would match a logo h1.
            let nm = norm(&strip_site(m, site, &host, true));
            !nm.is_empty()
                && (nm == nh || nm.contains(&nh) || (nh.contains(&nm) && nm.len() * 2 > nh.len()))
        }) {
            return h1.to_string();
        }
        // The printed headline often differs from the SEO title in the metas ("HS Roundup" for
        // "High School Roundup", a rewritten social headline). The h1 is what readers see; it
        // wins when it shares at least two content words with a meta title, so a section or
        // promo h1 does not.
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_lowercase)
                .collect()
        };
        let hw = words(h1);
        if hw.len() >= 3
            && metas.iter().any(|m| {
                let mw = words(m);
                hw.iter().filter(|w| mw.contains(w)).count() >= 2
            })
        {
            return h1.to_string();
        }
    }
    for m in [&og, &ld.headline] {
        if !m.is_empty() {
            return strip_site(m, site, &host, false);
        }
    }
    if !c.title_tag.is_empty() {
        return strip_site(&c.title_tag, site, &host, true);
    }
    h1.to_string()
}

/// Removes a " | Site" suffix (or "Site | " prefix). Without a known site name, only a
/// `<title>`'s short trailing part after a separator goes.
pub fn strip_site(title: &str, site: &str, host: &str, is_title_tag: bool) -> String {
    let t = title.trim();
    let norm = alnum_key;
    let site_n = norm(site);
    let host_n = norm(host.split('.').next().unwrap_or(""));
    let is_site = |part: &str| {
        let p = norm(part);
        !p.is_empty()
            && ((!site_n.is_empty() && (p == site_n || p.contains(&site_n) || site_n.contains(&p)))
                || (!host_n.is_empty() && (p == host_n || p.contains(&host_n))))
    };
    for sep in rules::TITLE_SEPARATORS {
        if let Some((left, right)) = t.rsplit_once(sep)
            && is_site(right)
            && !left.trim().is_empty()
        {
            return left.trim().to_string();
        }
        if let Some((left, right)) = t.split_once(sep)
            && is_site(left)
            && !right.trim().is_empty()
        {
            return right.trim().to_string();
        }
    }
    // "Site: Headline" — a colon only separates a prefix; after a headline it is part of it.
    if let Some((left, right)) = t.split_once(": ")
        && !norm(left).is_empty()
        && (norm(left) == site_n || norm(left) == host_n)
        && !right.trim().is_empty()
    {
        return right.trim().to_string();
    }
    if is_title_tag {
        for sep in [" | ", " - ", " – ", " — "] {
            if let Some((left, right)) = t.rsplit_once(sep)
                && right.split_whitespace().count() <= 4
                && left.chars().count() > right.chars().count() * 2
            {
                return left.trim().to_string();
            }
        }
    }
    t.to_string()
}

fn choose_tags(c: &Collected<'_>, ld: &jsonld::LdArticle, title: &str) -> Vec<String> {
    // The values are read where they are: no copy before splitting.
    fn split<'v>(values: impl Iterator<Item = &'v str>, title: &str) -> Vec<String> {
        values
            .flat_map(|v| v.split([',', ';']))
            .map(collapse_ws)
            .filter(|t| is_real_tag(t, title))
            .collect()
    }
    let mut tags = split(c.metas_all("article:tag"), title);
    if tags.is_empty() {
        tags = split(ld.keywords.iter().map(String::as_str), title);
    }
    if tags.is_empty() {
        let kw = c.meta(&["news_keywords", "parsely-tags", "sailthru.tags"]);
        tags = split(std::iter::once(kw.as_str()), title);
    }
    if tags.is_empty() {
        // Plain `keywords` is often one long list for the whole site: such a list is kept only
        // when one of its words (by its first five letters) is in the title or description.
        let kw = split(std::iter::once(c.meta(&["keywords"]).as_str()), title);
        let about = format!("{title} {}", c.meta(&["description", "og:description"]));
        let stem = |w: &str| w.to_lowercase().chars().take(5).collect::<String>();
        let about: std::collections::HashSet<String> = about
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(stem)
            .collect();
        let related = kw.iter().any(|k| {
            k.split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .any(|w| about.contains(&stem(w)))
        });
        if kw.len() < 8 || related {
            tags = kw;
        }
    }
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.to_lowercase()));
    tags.truncate(30);
    tags
}

/// A tag a reader would see: not a CMS flag ("@river", "_no-apple-news", "ctp_video", "/article"),
/// not an entity fragment ("&quot"), not "Uncategorized", not the headline itself.
fn is_real_tag(t: &str, title: &str) -> bool {
    let n = t.chars().count();
    (1..=80).contains(&n)
        && !t.starts_with(['@', '_', '/', '&', '#'])
        && (t.contains(' ') || !t.contains('_'))
        && !t.eq_ignore_ascii_case("uncategorized")
        && (title.is_empty() || alnum_key(t) != alnum_key(title))
}

/// The story's section: article:section / parsely / JSON-LD articleSection (first of a list,
/// not a CMS value like "post" or "Front Page"), else the JSON-LD breadcrumb's last section.
fn choose_section(c: &Collected<'_>, ld: &jsonld::LdArticle, title: &str, site: &str) -> String {
    const NOT_SECTIONS: &[&str] = &[
        "post",
        "posts",
        "all",
        "front page",
        "frontpage",
        "home",
        "homepage",
        "uncategorized",
        "article",
        "articles",
        "story",
        "stories",
        "page",
        "default",
        "general",
        "none",
        "null",
    ];
    let clean = |s: &str| -> String {
        let first = collapse_ws(s.split(',').next().unwrap_or(""));
        // "News - News": a CMS path that repeats itself.
        let first = match first.split_once(" - ") {
            Some((a, b)) if a.eq_ignore_ascii_case(b) => a.to_string(),
            _ => first,
        };
        if NOT_SECTIONS.contains(&first.to_lowercase().as_str()) {
            String::new()
        } else {
            first
        }
    };
    let given = [
        c.meta(&["article:section", "parsely-section", "section"]),
        ld.section.clone(),
    ]
    .iter()
    .map(|s| clean(s))
    .find(|s| !s.is_empty());
    if let Some(s) = given {
        return s;
    }
    let (tk, sk) = (alnum_key(title), alnum_key(site));
    ld.breadcrumb
        .iter()
        .rev()
        .map(|b| clean(b))
        .find(|b| {
            let k = alnum_key(b);
            !b.is_empty()
                && b.chars().count() <= 40
                && k != sk
                // The list's last item is often the story itself, its title cut short.
                && !(k.len() >= 12 && tk.starts_with(&k))
                && !(k.len() * 2 >= tk.len() && (tk.contains(&k) || k.contains(&tk)))
        })
        .unwrap_or_default()
}

/// Text of a value that carries HTML tags ("<p>Share this…</p>").
fn strip_tags(s: &str) -> String {
    // Only real markup: "<The Palace>" in a Korean title is text.
    if !(s.contains("</") || s.contains("<br") || s.contains("<p>") || s.contains("<p ")) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    collapse_ws(&out)
}

/// A name-looking author string, cleaned; `None` for usernames, URLs, e-mail addresses, job
/// titles, the site's own name and other things that are not a byline.
pub fn clean_author(raw: &str, site: &str) -> Option<String> {
    clean_author_on(raw, site, "")
}

/// [`clean_author`], also refusing the site's domain name ("LinkNaija" on linknaija.com).
pub fn clean_author_on(raw: &str, site: &str, host: &str) -> Option<String> {
    let mut s = collapse_ws(raw);
    let lower = s.to_lowercase();
    for p in rules::BYLINE_PREFIXES {
        if lower.starts_with(p) {
            s = s.get(p.len()..).unwrap_or("").trim().to_string();
            break;
        }
    }
    // "Ann Lee | NJ Advance Media", "HNN Staff | November 18": the name comes first.
    if let Some((name, _)) = s.split_once(" | ") {
        s = name.to_string();
    }
    // "Ann Lee - Staff Writer", "Ann Lee — Senior Correspondent": a job title after a dash.
    for dash in [" - ", " – ", " — "] {
        if let Some((name, role)) = s.rsplit_once(dash)
            && role.split_whitespace().count() <= 4
            && role
                .split_whitespace()
                .last()
                .is_some_and(|w| rules::ROLE_WORDS.contains(&w.to_lowercase().as_str()))
        {
            s = name.trim().to_string();
        }
    }
    // "홍길동 기자", "记者 王小明", "文/王小明": East Asian bylines put the role or a credit
    // mark beside the name.
    for mark in ["文/", "文／", "記者", "记者", "기자"] {
        if let Some(rest) = s.strip_prefix(mark)
            && !rest.trim().is_empty()
        {
            s = rest.trim().to_string();
        }
    }
    for role in [
        " 기자",
        " 특파원",
        " 記者",
        " 记者",
        " 特派員",
        "记者",
        "記者",
    ] {
        if let Some(rest) = s.strip_suffix(role)
            && !rest.trim().is_empty()
        {
            s = rest.trim().to_string();
        }
    }
    let s = strip_trailers(&s);
    let lower = s.to_lowercase();
    if rules::BYLINE_PREFIXES
        .iter()
        .any(|p| p.trim_end_matches([' ', ':']) == lower)
    {
        return None; // a bare "By"
    }
    let n = s.chars().count();
    if !(2..=80).contains(&n) || s.contains("://") || s.contains('@') || s.contains("www.") {
        return None;
    }
    // CMS logins ("satter", "admin", "editor2"): one lower-case ASCII word.
    if !s.contains(' ')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
    {
        return None;
    }
    let norm = alnum_key;
    let ns = norm(&s);
    // The publisher, named alone or as part of the site's name ("Business Insider" on
    // "Business Insider Deutschland").
    let nsite = norm(site);
    if !nsite.is_empty()
        && (ns == nsite
            || (ns.chars().count() >= 6 && nsite.contains(&ns))
            || (nsite.chars().count() >= 6 && ns.starts_with(&nsite) && !is_desk(&s)))
    {
        return None;
    }
    let host_label = host
        .trim_start_matches("www.")
        .split('.')
        .next()
        .unwrap_or("");
    if ns.len() >= 4 && ns == norm(host_label) {
        return None;
    }
    if s.chars().filter(char::is_ascii_digit).count() > 2 {
        return None;
    }
    // A job title, not a name: "AP Sports Writer", "Staff Writer".
    let words: Vec<&str> = s.split_whitespace().collect();
    // Latin initials alone ("AS", "jk") are an account, not a byline (a two-character Chinese
    // name is a name).
    if words.len() == 1
        && words[0].is_ascii()
        && words[0].chars().filter(|c| c.is_alphabetic()).count() <= 2
    {
        return None;
    }
    if words.len() <= 4
        && words
            .last()
            .is_some_and(|w| rules::ROLE_WORDS.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    if let [word] = words.as_slice() {
        // A station or desk code ("KWCHCIK"): one all-capitals word, not a name.
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 4
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return None;
        }
        // The account named after the site ("Vortex" on "Vortex Media", on vortexcannon.org).
        let key = norm(word);
        if key.chars().count() >= 4
            && (site.split_whitespace().any(|w| norm(w) == key)
                || norm(host_label).starts_with(&key))
        {
            return None;
        }
    }
    // "November 18th": a date piece split off a byline line.
    if words
        .first()
        .is_some_and(|w| crate::rules::metadata::month_number(&w.to_lowercase()).is_some())
        && s.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(name_case(&s))
}

/// "TOM KRISHER" (wire feeds shout the byline) is printed "Tom Krisher"; names with any
/// lower-case letter ("Ann McDonald", "DJ Khaled") are kept as written.
fn name_case(s: &str) -> String {
    let all_caps = s.split_whitespace().count() >= 2
        && s.chars().any(|c| c.is_alphabetic())
        && s.chars()
            .all(|c| !c.is_alphabetic() || c.is_ascii_uppercase());
    if !all_caps {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            // After a space, hyphen or apostrophe a new part begins ("O'NEIL", "ANNE-MARIE").
            start = matches!(c, ' ' | '-' | '\'' | '.');
        }
    }
    out
}

/// A desk byline: "<Site> Desk", "Reuters Staff", "কালবেলা ডেস্ক".
fn is_desk(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower
        .split_whitespace()
        .any(|w| rules::DESK_WORDS.contains(&w))
        || rules::BYLINE_WORDS.iter().any(|w| s.contains(w.as_str()))
}

/// Cuts connector words and separators from the end of a name ("Ann Lee on", "Ann Lee |").
fn strip_trailers(s: &str) -> String {
    let mut s = s
        .trim_matches(|c: char| c == ',' || c == '|' || c == '-' || c == ':' || c.is_whitespace())
        .to_string();
    while let Some((head, last)) = s.rsplit_once(' ') {
        let last = last.to_lowercase();
        if !rules::BYLINE_TRAILERS.contains(&last.as_str()) && !rules::is_weekday(&last) {
            break;
        }
        s = head
            .trim_end_matches(|c: char| c == ',' || c == '|' || c == '-' || c.is_whitespace())
            .to_string();
    }
    s
}

/// Splits "A and B", "A, B", "A & B", "A ও B" into names.
fn split_authors(s: &str) -> Vec<String> {
    let mut out = vec![s.to_string()];
    for sep in [" and ", " & ", ", ", " ও ", " und ", " y ", " et ", ";"] {
        out = out
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    out.into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn choose_authors(
    html: &Html,
    c: &Collected<'_>,
    ld: &jsonld::LdArticle,
    near: &lines::Near,
    site: &str,
    host: &str,
) -> Vec<String> {
    let publisher = ld.publisher.clone();
    let clean = |names: Vec<String>| -> Vec<String> {
        names
            .iter()
            .flat_map(|n| split_authors(n))
            .filter_map(|n| clean_author_on(&n, site, host))
            .filter(|n| publisher.is_empty() || n.to_lowercase() != publisher.to_lowercase())
            .collect()
    };
    let from_ld = clean(ld.authors.clone());
    let from_near = near
        .byline
        .as_ref()
        .map(|b| clean(vec![b.clone()]))
        .unwrap_or_default();
    let meta = c.meta(&[
        "author",
        "article:author",
        "parsely-author",
        "dc.creator",
        "sailthru.author",
        "byl",
    ]);
    if !from_ld.is_empty() {
        // JSON-LD's Person is sometimes the CMS account that posted the story; a printed
        // "By …" line (or one a meta tag confirms) that names someone else is the byline.
        let keys = |v: &[String]| v.iter().map(|n| alnum_key(n)).collect::<Vec<_>>();
        let (ld_keys, near_keys) = (keys(&from_ld), keys(&from_near));
        let overlap = near_keys.iter().any(|n| {
            ld_keys
                .iter()
                .any(|l| n.contains(l.as_str()) || l.contains(n.as_str()))
        });
        let prefixed = near.byline.as_ref().is_some_and(|b| {
            let lower = b.trim_start().to_lowercase();
            rules::BYLINE_PREFIXES.iter().any(|p| lower.starts_with(p))
        });
        let meta_key = alnum_key(&meta);
        let confirmed = !meta_key.is_empty() && near_keys.iter().any(|n| meta_key.contains(n));
        if !from_near.is_empty() && !overlap && (prefixed || confirmed) {
            return from_near;
        }
        // With no byline printed near the headline, a name that the page shows nowhere is
        // the CMS account behind the post (a WordPress user in the Yoast graph), not a byline.
        if from_near.is_empty() && !shown_on_page(html, &from_ld) {
            return Vec::new();
        }
        return from_ld;
    }
    if !from_near.is_empty() {
        return from_near;
    }
    let from_items = clean(c.item_authors.clone());
    if !from_items.is_empty() {
        return from_items;
    }
    if !meta.is_empty() && !meta.contains("://") {
        let names = clean(vec![meta]);
        if shown_on_page(html, &names) {
            return names;
        }
    }
    Vec::new()
}

/// Whether any of `names` is printed in the page's text (not in scripts, styles or
/// attributes), ignoring ASCII case ("TOM KRISHER" shows "Tom Krisher").
fn shown_on_page(html: &Html, names: &[String]) -> bool {
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return false;
    }
    html.tree.nodes().any(|node| {
        let scraper::Node::Text(t) = node.value() else {
            return false;
        };
        let t: &str = t;
        // A byline or a writer's box is a short text; the story's paragraphs are not read.
        t.len() <= 300
            && names.iter().any(|n| contains_ignore_ascii_case(t, n))
            && !node.parent().is_some_and(|p| {
                p.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript" | "title"))
            })
    })
}

pub(crate) fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    if n.len() > h.len() {
        return false;
    }
    // Jump between candidate first bytes instead of comparing at every position.
    let last = h.len() - n.len();
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &h[..=last],
    )
    .any(|i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// One source's claim about a date.
struct Claim {
    time: PageTime,
    raw: String,
    /// Lower is more trusted, for ties.
    rank: u8,
    /// A clock time printed without offset or zone (placed in the page's default zone).
    naive: bool,
}

fn choose_dates(
    c: &Collected<'_>,
    ld: &jsonld::LdArticle,
    near: &lines::Near,
    dctx: &date::DateContext,
    ctx: &PageContext,
) -> (Option<PageTime>, String, Option<PageTime>) {
    let mut published: Vec<Claim> = Vec::new();
    let mut modified: Vec<Claim> = Vec::new();
    let claim = |list: &mut Vec<Claim>, raw: &str, rank: u8| {
        if raw.trim().is_empty() {
            return;
        }
        // Parsed once: the parts both place the date and tell whether it named a zone
        // (`date::parse_date` is this, relative dates first).
        let parts = date::parse_parts(raw);
        let time = date::parse_relative(raw, dctx.reference_time)
            .or_else(|| parts.as_ref().and_then(|p| date::resolve(p, &dctx.zone)));
        if let Some(time) = time {
            let naive =
                time.has_time && parts.is_some_and(|p| p.offset.is_none() && p.zone.is_none());
            list.push(Claim {
                time,
                raw: raw.trim().to_string(),
                rank,
                naive,
            });
        }
    };
    claim(&mut published, &ld.date_published, 0);
    claim(&mut modified, &ld.date_modified, 0);
    for &(k, rank) in PUBLISHED_META {
        let v = c.meta(&[k]);
        claim(&mut published, &v, rank);
    }
    // Other CMS tags naming the publication time ("article_date_original",
    // "cXenseParse:recs:publishtime"), least trusted.
    for (k, v) in &c.metas {
        if is_other_publish_key(k) {
            claim(&mut published, v, 5);
        }
    }
    for k in [
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "dcterms.modified",
        "last-modified",
    ] {
        let v = c.meta(&[k]);
        claim(&mut modified, &v, 1);
    }
    for (prop, v) in &c.item_dates {
        match prop.as_str() {
            "dateModified" => claim(&mut modified, v, 2),
            _ => claim(&mut published, v, 2),
        }
    }
    // <time> elements near the headline (not every <time> on the page: sidebars have many).
    let h1 = c.h1.map(|(i, _)| i);
    for (idx, t) in &c.times {
        let close = h1.is_none_or(|h| idx.abs_diff(h) <= lines::WINDOW);
        if !close || in_furniture(*t) || in_comment(*t) {
            continue;
        }
        let v = t.value();
        // Parts of a printed time often sit in separate elements with no space between them
        // ("Nov 20 2019<span class=divider></span>4:29 AM EST"): join them with one.
        let raw = v
            .get_attr("datetime")
            .map(str::to_string)
            .unwrap_or_else(|| crate::dom::collapse_ws(&t.text().collect::<Vec<_>>().join(" ")));
        let is_mod = v.get_attr("itemprop") == Some("dateModified")
            || v.get_attr("class")
                .is_some_and(|cl| cl.contains("updated") || cl.contains("modified"));
        if is_mod {
            claim(&mut modified, &raw, 3);
        } else {
            claim(&mut published, &raw, 3);
        }
    }
    for (raw, is_update) in &near.dates {
        if *is_update {
            claim(&mut modified, raw, 4);
        } else {
            claim(&mut published, raw, 4);
        }
    }
    // Last resort: a date in the URL (/2023/06/12/), day only.
    if published.is_empty()
        && let Some(p) = ctx.page_url.as_ref().and_then(|u| url_date(u.path()))
        && let Some(t) = date::resolve(&p, &dctx.zone)
    {
        published.push(Claim {
            time: t,
            raw: String::new(),
            rank: 9,
            naive: false,
        });
    }
    let stated: Vec<PageTime> = published
        .iter()
        .chain(&modified)
        .filter(|c| c.time.has_time && !c.naive)
        .map(|c| c.time.clone())
        .collect();
    place_naive(&mut published, &stated);
    place_naive(&mut modified, &stated);
    let (mut pub_time, mut pub_raw) = vote(&published, near);
    let (mut mod_time, _) = vote(&modified, near);
    // Some CMSs fill the published meta tags with the last-published time: when the vote lands
    // on the modification time and JSON-LD states an earlier publication, JSON-LD is right.
    if let (Some(p), Some(m)) = (&pub_time, &mod_time)
        && p.has_time
        && (p.instant.as_second() - m.instant.as_second()).abs() <= 60
        && let Some(first) = published.iter().find(|c| {
            let earlier = p.instant.as_second() - c.time.instant.as_second();
            c.rank == 0 && c.time.has_time && earlier > 60 && earlier <= 7 * 86_400
        })
    {
        pub_raw = printed(near, &published, &first.time).unwrap_or_else(|| first.raw.clone());
        pub_time = Some(first.time.clone());
    }
    let naive: Vec<&Claim> = published.iter().filter(|c| c.naive).collect();
    if let Some(t) = pub_time.as_mut() {
        page_clock(t, &stated, &naive);
    }
    if let Some(t) = mod_time.as_mut() {
        page_clock(t, &stated, &[]);
    }
    (pub_time, pub_raw, mod_time)
}

/// The instant most sources agree on (within a minute; a date-only claim supports any time on
/// its day), ties broken by source rank. A winning date-only claim takes the time of day from
/// an agreeing timed claim. The raw string is the visible line's when one agrees.
fn vote(claims: &[Claim], near: &lines::Near) -> (Option<PageTime>, String) {
    let agrees = agree;
    let mut best: Option<(usize, u8, usize)> = None; // (support, -rank, index)
    for (i, c) in claims.iter().enumerate() {
        let support = claims.iter().filter(|o| agrees(&c.time, &o.time)).count();
        // Timed claims beat date-only ones with the same support.
        let key = (support, u8::from(c.time.has_time), u8::MAX - c.rank);
        if best.is_none_or(|(s, r, bi)| {
            let bk = (s, u8::from(claims[bi].time.has_time), r);
            key > bk
        }) {
            best = Some((support, u8::MAX - c.rank, i));
        }
    }
    let Some((_, _, mut i)) = best else {
        return (None, String::new());
    };
    // A date-only winner only says which day: the timed claim on that day that most timed
    // claims agree with (then the most trusted) gives the time.
    if !claims[i].time.has_time {
        let day = claims[i].time.clone();
        let timed = |c: &&Claim| c.time.has_time && agrees(&c.time, &day);
        if let Some((j, _)) = claims
            .iter()
            .enumerate()
            .filter(|(_, c)| timed(c))
            .map(|(j, c)| {
                let support = claims
                    .iter()
                    .filter(|o| timed(o) && agrees(&c.time, &o.time))
                    .count();
                (j, (support, u8::MAX - c.rank))
            })
            .max_by_key(|(j, k)| (*k, usize::MAX - j))
        {
            i = j;
        }
    }
    let mut time = claims[i].time.clone();
    // Prefer the page's own clock (a visible line's offset) for the local rendering.
    let visible = claims
        .iter()
        .filter(|c| c.rank == 4 && agrees(&c.time, &time) && c.time.has_time)
        .map(|c| c.time.offset_seconds)
        .next();
    if let Some(off) = visible
        && time.has_time
    {
        time.offset_seconds = off;
    }
    let raw = printed(near, claims, &time).unwrap_or_else(|| claims[i].raw.clone());
    (Some(time), raw)
}

/// The visible date line (not an "updated" one) whose claim agrees with `time`: the raw string
/// as the page prints it.
fn printed(near: &lines::Near, claims: &[Claim], time: &PageTime) -> Option<String> {
    near.dates
        .iter()
        .filter(|(_, upd)| !upd)
        .map(|(r, _)| r)
        .find(|r| claims.iter().any(|c| &c.raw == *r && agree(&c.time, time)))
        .cloned()
}

/// Two claims name the same moment (within a minute), or, when either gives only a day, the
/// same calendar day in each claim's own offset.
fn agree(a: &PageTime, b: &PageTime) -> bool {
    if a.has_time && b.has_time {
        (a.instant.as_second() - b.instant.as_second()).abs() <= 60
    } else {
        let day =
            |t: &PageTime| (t.instant.as_second() + i64::from(t.offset_seconds)).div_euclid(86_400);
        day(a) == day(b)
    }
}

/// Wall clock of a time in its own offset, in seconds, to the minute.
fn wall_minute(t: &PageTime) -> i64 {
    (t.instant.as_second() + i64::from(t.offset_seconds)).div_euclid(60)
}

/// A meta name, outside the known list, for the publication time: it speaks of publishing or
/// an original date and of a date or time, and not of a modification.
fn is_other_publish_key(k: &str) -> bool {
    (k.contains("publish") || k.contains("original") || k.contains("pubdate"))
        && (k.contains("date") || k.contains("time"))
        && !k.contains("modif")
        && !k.contains("updat")
        && !PUBLISHED_META.iter().any(|(m, _)| *m == k)
}

/// Meta names of the publication time, with their rank (lower is more trusted).
const PUBLISHED_META: &[(&str, u8)] = &[
    ("article:published_time", 1),
    ("og:article:published_time", 1),
    ("datepublished", 2),
    ("parsely-pub-date", 2),
    ("dc.date.issued", 3),
    ("dcterms.created", 3),
    ("dc.date", 3),
    ("pubdate", 3),
    ("publish-date", 3),
    ("publishdate", 3),
    ("publication_date", 3),
    ("date", 4),
    ("sailthru.date", 4),
];

/// A clock time printed without a zone is placed by the page's zoned values: one with the same
/// wall clock ("2019-11-20 13:42" beside "2019-11-20 13:42:06+08:00") is that moment; else a
/// value of the same list stated in UTC a whole number of quarter hours away (a printed
/// "9:00 AM" beside "14:00Z") is that moment on the page's own clock. Otherwise it stays in
/// the default zone.
fn place_naive(claims: &mut [Claim], stated: &[PageTime]) {
    let utc: Vec<PageTime> = claims
        .iter()
        .filter(|c| !c.naive && c.time.has_time && c.time.offset_seconds == 0)
        .map(|c| c.time.clone())
        .collect();
    for c in claims.iter_mut().filter(|c| c.naive) {
        let wall = wall_minute(&c.time);
        if let Some(z) = stated
            .iter()
            .find(|z| z.offset_seconds != c.time.offset_seconds && wall_minute(z) == wall)
        {
            c.time.instant = z.instant;
            c.time.offset_seconds = z.offset_seconds;
            continue;
        }
        let shift = utc.iter().find_map(|z| {
            let minutes = wall - wall_minute(z);
            (minutes != 0 && minutes % 15 == 0 && minutes.abs() <= 14 * 60)
                .then(|| i32::try_from(minutes * 60).ok().map(|s| (z, s)))
                .flatten()
        });
        if let Some((z, secs)) = shift {
            c.time.instant = z.instant;
            c.time.offset_seconds = secs;
        }
    }
}

/// The chosen instant is shown on the page's own clock when the page states it in UTC (JSON-LD
/// and meta tags often do) but also shows its local clock: a zoned value for the same moment, a
/// zone-less printed time a whole number of quarter hours away (a visible "4:29 AM" for
/// 09:29Z), or else the one non-zero offset the page's other dates carry. The instant is kept,
/// unless a zoned value shows the same wall clock to the second (then the UTC label was wrong).
fn page_clock(t: &mut PageTime, stated: &[PageTime], naive: &[&Claim]) {
    let same = |a: &PageTime| (a.instant.as_second() - t.instant.as_second()).abs() <= 60;
    // Only a moment the page states in UTC; a zone-less clock stays as printed.
    if !t.has_time
        || t.offset_seconds != 0
        || !stated.iter().any(|z| z.offset_seconds == 0 && same(z))
    {
        return;
    }
    if let Some(z) = stated.iter().find(|z| z.offset_seconds != 0 && same(z)) {
        t.offset_seconds = z.offset_seconds;
        return;
    }
    // A local clock labelled UTC (a CMS left on UTC that writes the site's wall time): a zoned
    // value elsewhere on the page shows the very same wall clock, to the second. That value is
    // the moment; shifting the mislabelled one into the page's offset would invent a time no
    // source gives.
    let wall = t.instant.as_second();
    if let Some(z) = stated.iter().find(|z| {
        z.offset_seconds != 0 && z.instant.as_second() + i64::from(z.offset_seconds) == wall
    }) {
        *t = z.clone();
        return;
    }
    let at = t.instant.as_second().div_euclid(60);
    let clock = naive.iter().find_map(|c| {
        let minutes = wall_minute(&c.time) - at;
        (minutes != 0 && minutes % 15 == 0 && minutes.abs() <= 14 * 60).then_some(minutes * 60)
    });
    if let Some(secs) = clock.and_then(|s| i32::try_from(s).ok()) {
        t.offset_seconds = secs;
        return;
    }
    let mut offsets = stated.iter().map(|z| z.offset_seconds).filter(|&o| o != 0);
    if let Some(first) = offsets.next()
        && offsets.all(|o| o == first)
    {
        t.offset_seconds = first;
    }
}

fn url_date(path: &str) -> Option<date::Parsed> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    for w in parts.windows(3) {
        let (y, m, d) = (
            w[0].parse::<i16>().ok()?,
            w[1].parse::<i8>(),
            w[2].parse::<i8>(),
        );
        if (1995..=2100).contains(&y)
            && w[0].len() == 4
            && let (Ok(m), Ok(d)) = (m, d)
            && let Ok(date) = jiff::civil::Date::new(y, m, d)
        {
            return Some(date::Parsed {
                date,
                time: None,
                offset: None,
                zone: None,
            });
        }
    }
    None
}

/// Whether a declared Latin-script language is contradicted by the body: written in another
/// script (themes ship `lang="en-US"` on Bengali, Arabic or Russian sites), or surely in another
/// major Latin-script language (a confident detection, among languages the detector does not
/// confuse with a neighbour).
pub fn script_contradicts(declared: &str, text: &str) -> bool {
    const LATIN: &[&str] = &[
        "en", "fr", "de", "es", "pt", "it", "nl", "id", "ms", "tr", "pl", "vi", "sv", "da", "no",
        "nb", "fi", "cs", "ro", "hu", "sk", "hr", "sl", "et", "lv", "lt", "tl", "sw",
    ];
    let primary = declared.split(['-', '_']).next().unwrap_or("");
    if !LATIN.contains(&primary.to_ascii_lowercase().as_str()) {
        return false;
    }
    let primary = primary.to_ascii_lowercase();
    // A sample of Latin letters, punctuation and symbols only (most pages in a Latin-script
    // language) holds no other script for whatlang to find: settled without building it.
    let latin_only = text.chars().take(600).all(is_latin_or_punctuation);
    if !latin_only {
        let sample: String = text.chars().take(600).collect();
        if sample.chars().filter(|c| c.is_alphabetic()).count() < 100 {
            return false;
        }
        if whatlang::detect_script(&sample).is_some_and(|s| s != whatlang::Script::Latin) {
            return true;
        }
    }
    // A site-wide template language on a story in another major Latin-script language (a
    // German post under lang="en", an English wire story on a German edition): the text
    // decides when the detector is sure. Only languages it does not confuse with a neighbour.
    const DISTINCT: &[&str] = &[
        "en", "fr", "de", "es", "pt", "it", "nl", "pl", "tr", "vi", "fi", "hu", "ro",
    ];
    if !DISTINCT.contains(&primary.as_str()) {
        return false;
    }
    let end = text.char_indices().nth(1000).map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    // The detector is costly; a count of function words tells first whether to ask it.
    if !function_words_disagree(&primary, sample) {
        return false;
    }
    whatlang::detect(sample).is_some_and(|info| {
        let lang = iso639_1(info.lang());
        info.confidence() >= 0.9 && lang != primary && DISTINCT.contains(&lang)
    })
}

/// Common function words of some major languages: in running text a fifth or so of the words.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "was", "on", "are", "it",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "sich", "ein", "auf",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "et", "des", "est", "une", "du", "pour", "dans", "qui", "pas", "sur",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "que", "por", "con", "una", "para", "del", "es", "se",
        ],
    ),
    (
        "pt",
        &[
            "os", "as", "e", "que", "em", "para", "com", "uma", "não", "do", "da", "um",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "e", "per", "una", "non", "con", "della", "sono", "gli", "è",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "en", "van", "is", "niet", "dat", "op", "te", "met", "voor", "zijn",
        ],
    ),
];

/// Each function word with the languages (bit i = `FUNCTION_WORDS[i]`) it belongs to.
static FUNCTION_WORD_LANGS: std::sync::LazyLock<rules::FxMap<&'static str, u8>> =
    std::sync::LazyLock::new(|| {
        let mut m = rules::FxMap::default();
        for (i, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
            for w in *list {
                *m.entry(*w).or_insert(0u8) |= 1 << i;
            }
        }
        m
    });

/// Whether the sample's function words belong clearly to another language than `declared`
/// (only for the languages listed; others are never flagged here).
fn function_words_disagree(declared: &str, sample: &str) -> bool {
    let Some(own) = FUNCTION_WORDS.iter().position(|(l, _)| *l == declared) else {
        return false;
    };
    let mut counts = [0u32; FUNCTION_WORDS.len()];
    let mut words = 0u32;
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        // Function words are short: longer words cannot match, and most need no lowering.
        if w.len() > 6 {
            continue;
        }
        let lower;
        let w = if w.chars().any(char::is_uppercase) {
            lower = w.to_lowercase();
            lower.as_str()
        } else {
            w
        };
        if let Some(mask) = FUNCTION_WORD_LANGS.get(w) {
            for (i, c) in counts.iter_mut().enumerate() {
                *c += u32::from(mask >> i & 1 == 1);
            }
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    words >= 80 && best * 10 >= words && counts[own] * 2 < best
}

/// Below U+0250 (ASCII, Latin-1 and the Latin Extended blocks) or General Punctuation: chars
/// whatlang counts as Latin or as no script at all (checked by a test over every such char).
fn is_latin_or_punctuation(c: char) -> bool {
    (c as u32) < 0x250 || ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Detects the language of the page's texts (title, description, body), as a BCP 47 primary
/// tag; empty when unsure.
pub fn detect_language(texts: &[&str]) -> String {
    let mut sample = String::new();
    for t in texts {
        let room = 1000usize.saturating_sub(sample.chars().count());
        if room == 0 {
            break;
        }
        sample.extend(t.chars().take(room));
        sample.push('\n');
    }
    match whatlang::detect(&sample) {
        Some(info) if info.is_reliable() => iso639_1(info.lang()).to_string(),
        _ => String::new(),
    }
}

fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Ben => "bn",
        Eng => "en",
        Hin => "hi",
        Urd => "ur",
        Ara => "ar",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Por => "pt",
        Rus => "ru",
        Ita => "it",
        Nld => "nl",
        Jpn => "ja",
        Cmn => "zh",
        Kor => "ko",
        Tur => "tr",
        Pol => "pl",
        Ukr => "uk",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Guj => "gu",
        Pan => "pa",
        Kan => "kn",
        Mal => "ml",
        Ori => "or",
        Nep => "ne",
        Pes => "fa",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Heb => "he",
        Ell => "el",
        Swe => "sv",
        Dan => "da",
        Fin => "fi",
        Ces => "cs",
        Hun => "hu",
        Ron => "ro",
        _ => lang.code(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn korean_sign_off_bylines() {
        let story = "첫 문단입니다.\n\n둘째 문단입니다.";
        for (end, want) in [
            ("칼럼니스트 박생강 pillgoo9@gmail.com", vec!["박생강"]),
            ("홍길동 기자 hong@yna.co.kr", vec!["홍길동"]),
            (
                "[엔터미디어] 김철수 기자 <kim@example.co.kr>",
                vec!["김철수"],
            ),
            // An address without a role beside a name, or a company contact: no byline.
            ("문의 hong@example.com", vec![]),
            ("홍보팀 홍길동 대리 hong@example.com", vec![]),
        ] {
            let text = format!("{story}\n\n{end}");
            assert_eq!(signoff_byline(&text), want, "{end}");
        }
        // A sign-off far from the end is not the story's.
        let text = format!("홍길동 기자 hong@yna.co.kr\n\n{story}\n\n셋째.\n\n넷째.");
        assert!(signoff_byline(&text).is_empty());
    }

    #[test]
    fn latin_and_punctuation_are_no_other_script_to_whatlang() {
        for c in (0..0x250u32)
            .chain(0x2000..0x2070)
            .filter_map(char::from_u32)
        {
            assert!(super::is_latin_or_punctuation(c));
            let script = whatlang::detect_script(&c.to_string());
            assert!(
                script.is_none_or(|s| s == whatlang::Script::Latin),
                "{c:?}: {script:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn title_class_matches_contains() {
        for k in [
            "",
            "t",
            "title",
            "entry-title",
            "Title",
            "xTitl",
            "tit le",
            "head",
            "headline",
            "the-headlin",
            "thheadline",
            "ttitle",
            "তtitle",
            "headlinetitle",
        ] {
            let want = k.contains("title") || k.contains("Title") || k.contains("headline");
            assert_eq!(is_title_class(k), want, "{k:?}");
        }
    }

    #[test]
    fn titles_lose_site_suffixes() {
        assert_eq!(
            strip_site(
                "Ferry opens | The Gazette",
                "The Gazette",
                "gazette.example.com",
                false
            ),
            "Ferry opens"
        );
        assert_eq!(
            strip_site("The Gazette - Ferry opens", "The Gazette", "", false),
            "Ferry opens"
        );
        assert_eq!(
            strip_site(
                "পুতিনের ‘হাত ধরে’ পাশে থাকার প্রতিশ্রুতি কিমের | কালবেলা",
                "কালবেলা",
                "kalbela.com",
                true
            ),
            "পুতিনের ‘হাত ধরে’ পাশে থাকার প্রতিশ্রুতি কিমের"
        );
        assert_eq!(
            strip_site("Left-wing - right-wing debate heats up", "", "", false),
            "Left-wing - right-wing debate heats up"
        );
    }

    #[test]
    fn authors_are_names_only() {
        assert_eq!(clean_author("By Jane Doe", "").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_author("satter", ""), None);
        assert_eq!(clean_author("By", ""), None);
        assert_eq!(clean_author("AP Sports Writer", ""), None);
        assert_eq!(clean_author("Staff Writer", ""), None);
        assert_eq!(clean_author("November 18th", ""), None);
        assert_eq!(
            clean_author("Amy Lee | NJ Advance Media for NJ.com", "").as_deref(),
            Some("Amy Lee")
        );
        assert_eq!(
            clean_author("By Louis Jacobson on Monday", "").as_deref(),
            Some("Louis Jacobson")
        );
        assert_eq!(
            clean_author("Von Moritz Bachmann publiziert am", "").as_deref(),
            Some("Moritz Bachmann")
        );
        assert_eq!(
            clean_author("Текст: Венера Ерофеева", "").as_deref(),
            Some("Венера Ерофеева")
        );
        assert_eq!(clean_author_on("LinkNaija", "", "www.linknaija.com"), None);
        assert_eq!(clean_author("India Post News Weekly", "India Post"), None);
        assert_eq!(
            clean_author_on("Business Insider", "Business Insider Deutschland", ""),
            None
        );
        assert_eq!(clean_author("https://facebook.com/someone", ""), None);
        assert_eq!(clean_author("The Gazette", "The Gazette"), None);
        assert_eq!(
            clean_author("কালবেলা ডেস্ক", "কালবেলা").as_deref(),
            Some("কালবেলা ডেস্ক")
        );
        // East Asian role words and credit marks beside the name.
        assert_eq!(clean_author("홍길동 기자", "").as_deref(), Some("홍길동"));
        assert_eq!(clean_author("记者 王小明", "").as_deref(), Some("王小明"));
        assert_eq!(clean_author("文/王小明", "").as_deref(), Some("王小明"));
        assert_eq!(
            clean_author("山田太郎記者", "").as_deref(),
            Some("山田太郎")
        );
        assert_eq!(
            split_authors("Jane Doe and John Roe"),
            vec!["Jane Doe", "John Roe"]
        );
    }

    #[test]
    fn languages_are_bcp47() {
        assert_eq!(normalize_lang("bn_BD"), "bn-BD");
        assert_eq!(normalize_lang("EN-us"), "en-US");
        assert_eq!(normalize_lang("bn"), "bn");
        assert_eq!(normalize_lang("{{lang}}"), "");
    }
}
