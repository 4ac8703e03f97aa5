//! Main-content selection, cleaning and output.
//!
//! [`arena`] records every element's boilerplate verdict and text statistics in one pass;
//! [`score`] picks the story's container(s); [`render`] turns them into blocks, drops
//! furniture, and writes text, HTML and Markdown from the same blocks.

pub mod arena;
pub mod render;
pub mod score;

use crate::metadata::Metadata;
use crate::{Options, PageContext};
use scraper::Html;

/// The article body in its three output forms, all from the same selection.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub is_article: bool,
    pub text: String,
    pub html: String,
    pub markdown: String,
}

/// Below this many non-space chars a selection is not an article body.
const MIN_ARTICLE_CHARS: usize = 200;

/// Selects and renders the main content.
pub fn extract(html: &Html, ctx: &PageContext, meta: &Metadata, _options: &Options) -> Body {
    let mut arena = arena::Arena::build(html);
    let roots = score::select(&mut arena);
    let mut blocks = render::blocks(&arena, &roots, ctx.base_url.as_ref());
    clean(&mut blocks, meta);
    let mut chars: usize = blocks.iter().map(|b| b.text.chars().count()).sum();
    if chars < MIN_ARTICLE_CHARS {
        // The scored container was poor: fall back to every kept paragraph of the page.
        let all: Vec<u32> = (0..arena.nodes.len() as u32)
            .filter(|&i| {
                let n = &arena.nodes[i as usize];
                !n.dropped && n.name() == "p" && n.text >= 60 && n.link_density() < 0.3
            })
            .collect();
        let mut fallback = render::blocks(&arena, &all, ctx.base_url.as_ref());
        clean(&mut fallback, meta);
        let fallback_chars: usize = fallback.iter().map(|b| b.text.chars().count()).sum();
        if fallback_chars > chars {
            blocks = fallback;
            chars = fallback_chars;
        }
    }
    let (text, html, markdown) = render::write(&blocks);
    Body {
        is_article: chars >= MIN_ARTICLE_CHARS && has_prose(&blocks),
        text,
        html,
        markdown,
    }
}

/// Drops furniture blocks, the headline when the body repeats it, and the lead figure's
/// caption (reported with the lead image; captions of figures further down stay in the story).
fn clean(blocks: &mut Vec<render::Block>, meta: &Metadata) {
    let title = crate::dom::collapse_ws(&meta.title);
    let lead_caption = meta
        .lead_image
        .as_ref()
        .map(|i| crate::dom::collapse_ws(&i.caption))
        .unwrap_or_default();
    drop_above_headline(blocks, &title);
    let mut seen_text = false;
    let mut seen_prose = false;
    blocks.retain(|b| {
        if render::is_furniture(b) {
            return false;
        }
        if b.kind == render::Kind::Caption {
            // Above the first paragraph it captions the lead figure.
            return seen_prose && (lead_caption.is_empty() || b.text != lead_caption);
        }
        if b.kind != render::Kind::Row && b.text.chars().count() >= 80 {
            seen_prose = true;
        }
        if let render::Kind::Heading(level) = b.kind
            && (level == 1 && !seen_text || (!title.is_empty() && b.text == title))
        {
            return false;
        }
        seen_text = true;
        true
    });
    drop_trailing_link_list(blocks);
}

/// Short lines above the headline inside the story's container (breadcrumbs, section
/// labels, kickers) are page furniture: the story starts at its headline.
fn drop_above_headline(blocks: &mut Vec<render::Block>, title: &str) {
    let Some(h) = blocks.iter().take(6).position(|b| {
        matches!(b.kind, render::Kind::Heading(1))
            || (!title.is_empty() && matches!(b.kind, render::Kind::Heading(_)) && b.text == title)
    }) else {
        return;
    };
    if h > 0 && blocks[..h].iter().all(|b| b.text.chars().count() < 80) {
        blocks.drain(..h);
    }
}

/// A story that ends in a list whose every item links back into the site ("More great
/// stories", "Related"), under a short heading line, ends before that list.
fn drop_trailing_link_list(blocks: &mut Vec<render::Block>) {
    let items = blocks
        .iter()
        .rev()
        .take_while(|b| matches!(b.kind, render::Kind::Item { .. }) && b.own_link_share() >= 0.3)
        .count();
    if items < 3 || items == blocks.len() {
        return;
    }
    let keep = blocks.len() - items;
    blocks.truncate(keep);
    // Its heading: a short line that is not a sentence.
    if let Some(last) = blocks.last()
        && last.text.chars().count() <= 60
        && !last.text.ends_with(['.', '!', '?', ':'])
        && blocks.len() > 1
    {
        blocks.pop();
    }
}

/// A body has at least one real paragraph, not only a list of short lines.
fn has_prose(blocks: &[render::Block]) -> bool {
    blocks
        .iter()
        .any(|b| b.kind != render::Kind::Row && b.text.chars().count() >= 80)
}
