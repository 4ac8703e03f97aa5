//! Headline lists of home, section and article pages.

use crate::{HeadlineList, Options, PageContext};
use scraper::Html;

/// Finds every story link with its visible headline, list heading and rank.
pub fn extract(_html: &Html, _ctx: &PageContext, _options: &Options) -> HeadlineList {
    HeadlineList::default()
}
