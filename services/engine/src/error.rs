/// Everything that can make the engine refuse a page. A page without an article is *not* an
/// error (see `Article::is_article`); these are inputs the engine will not or cannot process.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    #[error("the html is empty")]
    EmptyInput,
    #[error("the html is {size} bytes, over the limit of {limit} bytes")]
    InputTooLarge { size: usize, limit: usize },
    #[error("the page has {count} elements, over the limit of {limit}")]
    TooManyElements { count: usize, limit: usize },
    #[error(
        "the page's markup is too deeply nested or has too many attributes to parse within \
         bounds (estimated work {work}, limit {limit})"
    )]
    TooComplex { work: u64, limit: u64 },
    #[error("the url is not a valid absolute URL: {0}")]
    InvalidUrl(String),
    #[error("the input is not HTML: {0}")]
    NotHtml(String),
}
