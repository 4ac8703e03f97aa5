//! Engine types → protobuf messages.

use article_engine::{Article, Headline, HeadlineList, PageTime, Timings};
use article_proto::v1 as pb;

pub fn timestamp(t: &PageTime) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: t.instant.as_second(),
        nanos: t.instant.subsec_nanosecond(),
    }
}

pub fn article(a: Article) -> pb::Article {
    pb::Article {
        published_time: a.published.as_ref().map(timestamp),
        published_time_local: a
            .published
            .as_ref()
            .map(PageTime::local_rfc3339)
            .unwrap_or_default(),
        published_time_has_time: a.published.as_ref().is_some_and(|p| p.has_time),
        published_time_raw: a.published_raw,
        modified_time: a.modified.as_ref().map(timestamp),
        modified_time_local: a
            .modified
            .as_ref()
            .map(PageTime::local_rfc3339)
            .unwrap_or_default(),
        title: a.title,
        authors: a.authors,
        language: a.language,
        site_name: a.site_name,
        canonical_url: a.canonical_url,
        description: a.description,
        section: a.section,
        tags: a.tags,
        lead_image: a.lead_image.map(|i| pb::Image {
            url: i.url,
            caption: i.caption,
            credit: i.credit,
        }),
        text: a.text,
        html: a.html,
        markdown: a.markdown,
        word_count: a.word_count,
    }
}

pub fn headline(h: Headline) -> pb::Headline {
    pb::Headline {
        published_time: h.published.as_ref().map(timestamp),
        published_time_local: h
            .published
            .as_ref()
            .map(PageTime::local_rfc3339)
            .unwrap_or_default(),
        title: h.title,
        url: h.url,
        group: h.group,
        rank: h.rank,
        image_url: h.image_url,
        summary: h.summary,
    }
}

pub fn headlines(list: HeadlineList) -> Vec<pb::Headline> {
    list.headlines.into_iter().map(headline).collect()
}

pub fn diagnostics(encoding: &str, input_bytes: usize, t: Timings) -> pb::Diagnostics {
    pb::Diagnostics {
        encoding: encoding.to_string(),
        input_bytes: input_bytes as u64,
        parse_micros: t.parse_micros,
        extract_micros: t.extract_micros,
    }
}
