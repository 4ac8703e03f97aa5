//! Article extraction engine: a pure library (no async runtime, no RPC types) that turns a news
//! page's HTML bytes into a structured [`Article`] or into the [`HeadlineList`] a listing page shows.
//!
//! Map of the crate, in pipeline order:
//! - [`charset`]: bytes → `String` (BOM, Content-Type hint, `<meta charset>`, then detection), NFC.
//! - [`guard`]: a pre-scan that bounds the parser's work and hands it the lean page (no
//!   comments, script code, style sheets or SVG drawings: no extractor reads them).
//! - [`dom`]: small helpers over `scraper` (visible text, link density, iterative walks).
//! - [`rules`]: every selector, class/id pattern, boilerplate phrase and per-site rule, as data.
//! - [`metadata`]: title, authors, dates, language, site, canonical URL, tags, lead image — from
//!   JSON-LD, meta tags, microdata and visible page lines (`metadata::date` parses dates in many
//!   languages, Bengali first-class).
//! - [`body`]: main-content selection, cleaning, and text / HTML / Markdown output.
//! - [`headlines`]: the ranked, grouped story lists of home, section and article pages.
//!
//! Entry points: [`extract`] and [`list_headlines`]. Both parse once, bound their work by
//! [`Limits`], and never panic on any input.

pub mod body;
pub mod charset;
pub mod dom;
mod error;
pub mod eval;
pub mod guard;
pub mod headlines;
pub mod metadata;
pub mod rules;
mod types;

pub use error::Error;
pub use types::*;

use std::time::Instant;

/// Extracts the article a page carries. A page with no article body is not an error: the result
/// has `is_article == false` and whatever metadata was found.
pub fn extract(input: &Input<'_>, options: &Options) -> Result<Article, Error> {
    let started = Instant::now();
    let doc = parse(input, options)?;
    let parsed = Instant::now();
    let meta = metadata::extract(&doc.html, &doc.ctx, options);
    let body = body::extract(&doc.html, &doc.ctx, &meta, options);
    let mut article = types::assemble(meta, body, &doc.ctx, options);
    article.timings = Timings {
        parse_micros: micros(parsed - started),
        extract_micros: micros(parsed.elapsed()),
    };
    Ok(article)
}

/// Lists the story headlines a page shows, grouped by the list heading a reader sees.
pub fn list_headlines(input: &Input<'_>, options: &Options) -> Result<HeadlineList, Error> {
    let started = Instant::now();
    let doc = parse(input, options)?;
    let parsed = Instant::now();
    let mut list = headlines::extract(&doc.html, &doc.ctx, options);
    list.encoding = doc.ctx.encoding.to_string();
    list.timings = Timings {
        parse_micros: micros(parsed - started),
        extract_micros: micros(parsed.elapsed()),
    };
    Ok(list)
}

fn micros(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// A parsed page and what the engine knows about where it came from.
pub struct Document {
    pub html: scraper::Html,
    pub ctx: PageContext,
}

/// Decodes, checks limits and parses. Exposed so that benchmarks can time parsing alone.
pub fn parse(input: &Input<'_>, options: &Options) -> Result<Document, Error> {
    let limits = &options.limits;
    if input.html.is_empty() {
        return Err(Error::EmptyInput);
    }
    if input.html.len() > limits.max_input_bytes {
        return Err(Error::InputTooLarge {
            size: input.html.len(),
            limit: limits.max_input_bytes,
        });
    }
    let page_url = match input.url {
        Some(u) if !u.trim().is_empty() => {
            Some(url::Url::parse(u.trim()).map_err(|e| Error::InvalidUrl(format!("{u:?}: {e}")))?)
        }
        _ => None,
    };
    let decoded = charset::decode_unnormalized(input.html, input.content_type, page_url.as_ref())?;
    let scan = guard::scan(&decoded.text, true);
    if scan.work > limits.max_parse_work {
        return Err(Error::TooComplex {
            work: scan.work,
            limit: limits.max_parse_work,
        });
    }
    // The parser gets the page without comments, script code and style sheets (see `guard`),
    // in NFC (only what is kept is normalised).
    let html = scraper::Html::parse_document(&charset::nfc_cow(scan.lean));
    // One pass over the node arena (in memory order, cheap) counts elements and notes whether a
    // <base> exists; only then is the tree walked in document order to find the first one.
    let mut elements = 0usize;
    let mut has_base = false;
    for n in html.tree.nodes() {
        if let scraper::Node::Element(e) = n.value() {
            elements += 1;
            has_base |= e.name() == "base";
        }
    }
    if elements > limits.max_elements {
        return Err(Error::TooManyElements {
            count: elements,
            limit: limits.max_elements,
        });
    }
    let base_url = if has_base {
        dom::base_url(&html, page_url.as_ref())
    } else {
        page_url.clone()
    };
    Ok(Document {
        html,
        ctx: PageContext {
            page_url,
            base_url,
            encoding: decoded.encoding.name(),
        },
    })
}
