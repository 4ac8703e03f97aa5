//! Article metadata from every source a page offers, each parsed strictly, best source first.

pub mod date;

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
}

/// Reads the page's metadata.
pub fn extract(html: &Html, _ctx: &PageContext, _options: &Options) -> Metadata {
    let mut meta = Metadata::default();
    for e in html.tree.root().descendants().filter_map(ElementRef::wrap) {
        let v = e.value();
        match v.name() {
            "title" if meta.title.is_empty() => meta.title = crate::dom::text_of(e),
            "html" => {
                if let Some(lang) = v.attr("lang") {
                    meta.language = lang.trim().to_string();
                }
            }
            _ => {}
        }
    }
    meta
}

/// Detects the language of body text, as a BCP 47 primary tag; empty when unsure.
pub fn detect_language(text: &str) -> String {
    match whatlang::detect(text) {
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
