//! Main-content selection, cleaning and output.

use crate::metadata::Metadata;
use crate::{Options, PageContext};
use scraper::{ElementRef, Html};

/// The article body in its three output forms, all from the same selection.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub is_article: bool,
    pub text: String,
    pub html: String,
    pub markdown: String,
}

/// Selects and renders the main content.
pub fn extract(html: &Html, _ctx: &PageContext, _meta: &Metadata, _options: &Options) -> Body {
    let paragraphs: Vec<String> = html
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "p")
        .map(crate::dom::text_of)
        .filter(|t| t.chars().count() > 40)
        .collect();
    let text = paragraphs.join("\n\n");
    Body {
        is_article: !text.is_empty(),
        markdown: text.clone(),
        html: String::new(),
        text,
    }
}
