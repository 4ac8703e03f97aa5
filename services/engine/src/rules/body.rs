//! Rules read by `crate::body`: which elements are boilerplate, which look like content, and
//! which short lines are furniture rather than story. Matching is on lower-cased class/id text.

/// class/id substrings that mark a block as not part of the story (navigation, promos, social,
/// comments, related links, ads, bylines and other metadata rendered separately).
pub static NEGATIVE_SUBSTRINGS: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "promo",
    "sidebar",
    "side-bar",
    "footer",
    "breadcrumb",
    "cookie",
    "consent",
    "gdpr",
    "popular",
    "trending",
    "mostread",
    "most-read",
    "most_read",
    "outbrain",
    "taboola",
    "sponsor",
    "advert",
    "masthead",
    "navbar",
    "nav-bar",
    "navigation",
    "menu",
    "pagination",
    "byline",
    "author-bio",
    "authorbio",
    "author-info",
    "author_info",
    "author-box",
    "about-author",
    "tag-list",
    "taglist",
    "tags-list",
    "tags_list",
    "post-tags",
    "article-tags",
    "entry-tags",
    "dateline",
    "timestamp",
    "published-date",
    "print-",
    "toolbar",
    "follow-us",
    "followus",
    "google-news",
    "googlenews",
    "disqus",
    "modal",
    "popup",
    "overlay",
    "banner",
    "skip-link",
    "skiplink",
    "read-more",
    "readmore",
    "more-news",
    "morenews",
    "more-stories",
    "next-article",
    "prev-article",
    "jump-link",
    "login",
    "also-read",
    "alsoread",
    "you-may-like",
    "inline-related",
    "rel-news",
    "next-prev",
    "prev-next",
    "nextprev",
    "prevnext",
    "post-nav",
];

/// class/id substrings of image captions and credits (`wp-caption-text`, `imageEmbedCaption`,
/// `photo-credit`): dropped even when the name also looks like content.
pub static CAPTION_SUBSTRINGS: &[&str] = &["caption", "credit"];

/// class names that mark boilerplate when a class is exactly the token or starts with
/// `token-` / `token_` (e.g. `ad`, `ad-slot`, `share_bar`); too short to match as substrings
/// ("ad" is inside "header", "shadow", "download").
pub static NEGATIVE_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advt",
    "adbox",
    "adslot",
    "nav",
    "tags",
    "tag",
    "share",
    "social",
    "meta",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "caption",
    "credit",
    "print",
    "rss",
    "subscription",
    "author",
    "hidden",
];

/// class/id substrings that mark the story's container. As in Readability, a name that matches
/// both lists is kept ("content-with-sidebar"): block-level cleaning deals with what is left.
pub static POSITIVE_SUBSTRINGS: &[&str] = &[
    "article",
    "content",
    "entry",
    "story",
    "post-body",
    "postbody",
    "post-content",
    "blog",
    "main",
    "text",
    "body",
    "detail",
    "prose",
    "news-body",
    "rich-text",
    "richtext",
    "column",
    // Embedded posts quoted by the story (`social-media-embed`): the "social" in the name
    // must not drop them.
    "embed",
];

/// class/id substrings of the story's own container. An element named like boilerplate (say
/// a "sticky-sidebar" wrapper) that contains one of these is a layout wrapper, not furniture.
pub static STORY_MARKERS: &[&str] = &[
    "articlebody",
    "article-body",
    "article__body",
    "article_body",
    "article-content",
    "articlecontent",
    "article__content",
    "entry-content",
    "post-content",
    "postcontent",
    "post-body",
    "postbody",
    "story-body",
    "storybody",
    "story-content",
    "main-content",
    "news-content",
    "news-body",
    "content-body",
];

/// Text (non-space chars) above which an `<article>` or `<main>` element counts as the story's
/// container for [`STORY_MARKERS`]'s purpose.
pub const STORY_ELEMENT_MIN_CHARS: u32 = 1000;

/// A tag list and its membership test from one list of names: the test is a `match`, which
/// compares lengths and then a few bytes instead of scanning the table (it runs for every
/// element).
macro_rules! tag_list {
    ($(#[$doc:meta])* $list:ident, $test:ident, [$($tag:literal),* $(,)?]) => {
        $(#[$doc])*
        pub static $list: &[&str] = &[$($tag),*];

        /// Whether `name` is in
        #[doc = concat!("[`", stringify!($list), "`].")]
        pub fn $test(name: &str) -> bool {
            matches!(name, $($tag)|*)
        }
    };
}

tag_list!(
    /// Tags whose whole subtree is never body text.
    SKIP_TAGS,
    is_skip_tag,
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "head",
        "title",
        "meta",
        "link",
        "nav",
        "aside",
        "footer",
        "dialog",
        "audio",
        "video",
        "map",
        "menu",
    ]
);

/// ARIA roles of non-story landmarks.
pub static SKIP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "tablist",
    "alert",
];

/// Short lines that are page furniture in any story (compared lower-cased, NFC). A block is
/// dropped when it is short and starts with, or consists of, one of these.
pub static BOILERPLATE_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "related:",
    "related articles",
    "related news",
    "related posts",
    "related stories",
    "more from",
    "recommended",
    "advertisement",
    "sponsored",
    "share this",
    "sharing is caring",
    "share on",
    "follow us",
    "sign up",
    "subscribe",
    "click here",
    "photo:",
    "image:",
    "getty images",
    "this article was",
    "tags:",
    "filed under",
    "you may also like",
    "you may also be interested",
    "you might also like",
    "you might like",
    "have a tip?",
    "see also:",
    "more:",
    "watch:",
    "listen:",
    "leia também",
    "leia mais",
    "lesen sie auch",
    "lire aussi",
    "lee también",
    "আরও পড়ুন",
    "আরো পড়ুন",
    "আরও পড়ুন",
    "মন্তব্য করুন",
    "বিজ্ঞাপন",
    "এ সম্পর্কিত",
    "সংশ্লিষ্ট খবর",
    "শেয়ার করুন",
    "ট্যাগ",
    "updated ",
    "updated:",
    "published ",
    "published:",
    "posted:",
    "posted on",
    "last updated",
    "প্রকাশ :",
    "প্রকাশ:",
    "আপডেট :",
    "আপডেট:",
    "প্রকাশিত:",
    "হালনাগাদ:",
    "অনলাইন সংস্করণ",
    "প্রিন্ট সংস্করণ",
];

/// Whole lines (lower-cased, trailing ':' / '.' ignored) that are labels of furniture: ad
/// slots, comment counters, dialog buttons.
pub static BOILERPLATE_EXACT: &[&str] = &[
    "ad",
    "advert",
    "advertisement",
    "anzeige",
    "werbung",
    "publicidad",
    "publicidade",
    "publicité",
    "pubblicità",
    "iklan",
    "реклама",
    "comments",
    "comment",
    "no comments",
    "leave a comment",
    "close",
    "caption",
    "toggle caption",
    "hide caption",
    "enlarge this image",
    "text size",
    "topics",
    "tags",
    // Share-bar buttons that are scripts rather than links.
    "share",
    "tweet",
    "facebook",
    "twitter",
    "pinterest",
    "linkedin",
    "reddit",
    "whatsapp",
    "telegram",
    "flipboard",
    "email",
    "print",
];

/// Phrases that mark a short block as a promo wherever they occur in it.
pub static BOILERPLATE_CONTAINS: &[&str] = &[
    "photo ©",
    "photos ©",
    "photo credit",
    "in your inbox",
    "may be reached at",
    "share it with",
    "share this story",
    "share this article",
    "tell us what you think",
    "google news",
    "গুগল নিউজ",
    "ফিডটি অনুসরণ করুন",
    "follow us on",
    "sign up for our",
    "subscribe to our",
    "download our app",
    "our newsletter",
    "cookies",
    "javascript is disabled",
    "enable javascript",
    "your browser does not support",
];

/// Longest block (in chars) that the phrase rules may drop: real paragraphs that merely mention
/// "subscribe" are longer.
pub const BOILERPLATE_MAX_CHARS: usize = 160;
