//! One test per metadata source, through the public `extract` API: each page carries a single
//! source (plus a story body), so a field can only come from the parser under test.

use article_engine::{Article, Input, Options, extract};

const BODY: &str = "<p>The harbour authority said on Tuesday that the new ferry line would carry \
commuters across the bay every twenty minutes from the first week of the season, cutting the \
journey by half.</p><p>Officials expect ten thousand passengers a day once the second vessel \
arrives, and the fares will match the existing bus tickets so that riders can change freely \
between the two.</p><p>Residents of the northern shore, who have waited a decade for a direct \
link, welcomed the plan but asked for later evening departures during the summer months.</p>";

/// The writers' box at the foot of the page: a byline from markup alone is taken only when the
/// page shows the name somewhere.
const WRITERS: &str = "<footer class=\"author-box\"><p>Maria Lopez and Ken Ito report on \
transport. Tom O'Neil-Smith covers cars; DJ McAllister, boats.</p></footer>";

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head>{head}</head><body>{body}{WRITERS}</body></html>")
}

fn run(html: &str, url: &str) -> Article {
    let input = Input {
        html: html.as_bytes(),
        url: Some(url),
        content_type: None,
    };
    match extract(&input, &Options::default()) {
        Ok(article) => article,
        Err(e) => panic!("extract failed: {e}"),
    }
}

/// The lead image's caption and credit.
fn caption_and_credit(a: &Article) -> Option<(&str, &str)> {
    a.lead_image
        .as_ref()
        .map(|i| (i.caption.as_str(), i.credit.as_str()))
}

fn published(a: &Article) -> String {
    a.published
        .as_ref()
        .map(|p| p.local_rfc3339())
        .unwrap_or_default()
}

#[test]
fn json_ld_graph_with_nested_author_and_publisher() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Harbour Times","url":"https://news.example/"},
      {"@type":["NewsArticle"],"headline":"Ferry line to cross the bay every twenty minutes",
       "author":[{"@type":"Person","name":"Maria Lopez"},{"@type":"Person","name":"Ken Ito"}],
       "publisher":{"@type":"Organization","name":"Harbour Times"},
       "datePublished":"2024-03-05T09:30:00+01:00","dateModified":"2024-03-05T11:00:00+01:00",
       "articleSection":"City","keywords":"ferries, transport",
       "image":{"@type":"ImageObject","url":"https://news.example/ferry.jpg"}}]}</script>"#;
    let a = run(&page(ld, BODY), "https://news.example/city/ferry");
    assert_eq!(a.title, "Ferry line to cross the bay every twenty minutes");
    assert_eq!(a.authors, ["Maria Lopez", "Ken Ito"]);
    assert_eq!(published(&a), "2024-03-05T09:30:00+01:00");
    assert_eq!(
        a.modified.as_ref().map(|p| p.local_rfc3339()).as_deref(),
        Some("2024-03-05T11:00:00+01:00")
    );
    assert_eq!(a.section, "City");
    assert_eq!(a.tags, ["ferries", "transport"]);
    assert_eq!(a.site_name, "Harbour Times");
    assert_eq!(
        a.lead_image.as_ref().map(|i| i.url.as_str()),
        Some("https://news.example/ferry.jpg")
    );
}

#[test]
fn json_ld_with_a_trailing_comma_is_still_read() {
    // CMS templates often leave a trailing comma; the story's facts are still there.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle",
      "headline":"Ferry line approved","datePublished":"2024-03-05T09:30:00Z",}</script>"#;
    let a = run(&page(ld, BODY), "https://news.example/a");
    assert_eq!(a.title, "Ferry line approved");
    assert_eq!(published(&a), "2024-03-05T09:30:00+00:00");
}

#[test]
fn opengraph_and_article_properties() {
    let head = r#"<title>Ferry line approved | Harbour Times</title>
      <meta property="og:title" content="Ferry line approved">
      <meta property="og:site_name" content="Harbour Times">
      <meta property="og:image" content="/img/ferry.jpg">
      <meta property="og:description" content="A new ferry line will cross the bay.">
      <meta property="article:published_time" content="2024-03-05T09:30:00-05:00">
      <meta property="article:modified_time" content="2024-03-06T10:00:00-05:00">
      <meta property="article:section" content="Transport">
      <meta property="article:tag" content="ferries">
      <meta property="article:tag" content="bay">"#;
    let a = run(&page(head, BODY), "https://news.example/city/ferry");
    assert_eq!(a.title, "Ferry line approved");
    assert_eq!(a.site_name, "Harbour Times");
    assert_eq!(published(&a), "2024-03-05T09:30:00-05:00");
    assert_eq!(a.section, "Transport");
    assert_eq!(a.tags, ["ferries", "bay"]);
    assert_eq!(a.description, "A new ferry line will cross the bay.");
    // Relative image URLs resolve against the page.
    assert_eq!(
        a.lead_image.as_ref().map(|i| i.url.as_str()),
        Some("https://news.example/img/ferry.jpg")
    );
}

#[test]
fn dublin_core() {
    let head = r#"<meta name="DC.title" content="Ferry line approved">
      <meta name="DC.creator" content="Maria Lopez">
      <meta name="DC.date.issued" content="2024-03-05">
      <meta name="DC.language" content="en">"#;
    let a = run(&page(head, BODY), "https://news.example/a");
    assert_eq!(a.title, "Ferry line approved");
    assert_eq!(a.authors, ["Maria Lopez"]);
    let p = a
        .published
        .as_ref()
        .map(|p| (p.has_time, p.local_rfc3339()));
    assert!(
        matches!(&p, Some((false, s)) if s.starts_with("2024-03-05")),
        "{p:?}"
    );
    assert_eq!(a.language, "en");
}

#[test]
fn parsely_meta() {
    let head = r#"<meta name="parsely-title" content="Ferry line approved">
      <meta name="parsely-author" content="Ken Ito">
      <meta name="parsely-pub-date" content="2024-03-05T14:30:00Z">
      <meta name="parsely-section" content="Transport">"#;
    let a = run(&page(head, BODY), "https://news.example/a");
    assert_eq!(a.title, "Ferry line approved");
    assert_eq!(a.authors, ["Ken Ito"]);
    assert_eq!(published(&a), "2024-03-05T14:30:00+00:00");
}

#[test]
fn microdata() {
    let body = format!(
        r#"<article itemscope itemtype="https://schema.org/NewsArticle">
        <h1 itemprop="headline">Ferry line approved</h1>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person">
          <span itemprop="name">Maria Lopez</span></span>
        <meta itemprop="datePublished" content="2024-03-05T09:30:00+02:00">
        <div itemprop="articleBody">{BODY}</div></article>"#
    );
    let a = run(&page("", &body), "https://news.example/a");
    assert_eq!(a.title, "Ferry line approved");
    assert_eq!(a.authors, ["Maria Lopez"]);
    assert_eq!(published(&a), "2024-03-05T09:30:00+02:00");
}

#[test]
fn microdata_dates_given_as_text() {
    // No datetime or content attribute: the microdata value is the element's text, and its
    // offset places the zone-less date line the page prints.
    let body = format!(
        r#"<h1>Ferry line approved</h1><p class="post-date"><span>13.11.2019, 23:06</span></p>
        <div hidden itemscope itemtype="https://schema.org/NewsArticle">
        <div itemprop="datePublished">2019-11-13T23:06:00+01:00</div>
        <div itemprop="dateModified">2019-11-13T23:30:08+01:00</div></div>{BODY}"#
    );
    let a = run(&page("", &body), "https://news.example/a");
    assert_eq!(published(&a), "2019-11-13T23:06:00+01:00");
    let modified = a.modified.as_ref().map(|m| m.local_rfc3339());
    assert_eq!(modified.as_deref(), Some("2019-11-13T23:30:08+01:00"));
}

#[test]
fn a_date_box_whose_parts_sit_in_blocks_of_their_own() {
    let body = format!(
        r#"<h1>Ferry line approved</h1><div class="article-controls"><div class="date">
        <div class="calendar-date">November 20</div>
        <div class="calendar-time"><font>15:23</font> <font>2019</font></div></div></div>{BODY}"#
    );
    let a = run(&page("", &body), "https://news.example/a");
    assert_eq!(published(&a), "2019-11-20T15:23:00+00:00");
    assert_eq!(a.published_raw, "November 20 15:23 2019");
}

#[test]
fn a_headline_in_a_full_width_page_header_still_anchors_the_date_line() {
    // The h1 sits in the page's <header> (furniture), the byline box in the <article> below.
    let head = r#"<meta property="og:title" content="Ferry line approved">
      <meta property="article:published_time" content="2019-11-19T13:40:05+00:00">"#;
    let body = format!(
        "<header class=\"page-header large-featured\"><img src=\"/ferry.jpg\">\
         <h1 class=\"entry-title\"><span>Ferry line approved</span></h1></header>\
         <article><div class=\"page-header\"><div class=\"byline\">\
         <div class=\"author-name\"><a href=\"/author/jo\">Jo Park</a></div>\
         <div class=\"posted-on\">November 19th, 2019 at 8:40 AM</div></div></div>{BODY}</article>"
    );
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(published(&a), "2019-11-19T08:40:05-05:00");
    assert_eq!(a.published_raw, "November 19th, 2019 at 8:40 AM");
}

#[test]
fn time_element_near_the_headline() {
    let body = format!(
        r#"<article><h1>Ferry line approved</h1>
        <time datetime="2024-03-05T09:30:00+09:00">5 March 2024</time>{BODY}</article>"#
    );
    let a = run(
        &page("<title>Ferry line approved</title>", &body),
        "https://news.example/a",
    );
    assert_eq!(published(&a), "2024-03-05T09:30:00+09:00");
}

#[test]
fn visible_byline_and_date_line() {
    let body = format!(
        r#"<article><h1>Ferry line approved</h1>
        <p class="byline">By Maria Lopez and Ken Ito</p>
        <p>March 5, 2024, 9:30 AM EST</p>{BODY}</article>"#
    );
    let a = run(
        &page("<title>Ferry line approved</title>", &body),
        "https://news.example/a",
    );
    assert_eq!(a.authors, ["Maria Lopez", "Ken Ito"]);
    assert_eq!(published(&a), "2024-03-05T09:30:00-05:00");
    assert_eq!(a.published_raw, "March 5, 2024, 9:30 AM EST");
}

#[test]
fn bengali_visible_date_with_bengali_digits() {
    let body = format!(
        r#"<article><h1>ফেরি চলাচল শুরু</h1>
        <p>প্রকাশ: ০৫ মার্চ ২০২৪, ০৯:৩০ পিএম</p>{BODY}</article>"#
    );
    let a = run(
        &page("<title>ফেরি চলাচল শুরু</title>", &body),
        "https://news.example.bd/a",
    );
    assert_eq!(published(&a), "2024-03-05T21:30:00+06:00");
}

#[test]
fn an_undated_page_gets_no_date() {
    // Copyright years and a header's "today" line are not publication dates.
    let body = format!(
        r#"<header><p>Tuesday, 5 March 2024</p></header><article><h1>Ferry line approved</h1>{BODY}</article>
        <footer>© 2024 Harbour Times</footer>"#
    );
    let a = run(
        &page("<title>Ferry line approved</title>", &body),
        "https://news.example/a",
    );
    assert_eq!(a.published, None, "raw: {:?}", a.published_raw);
}

#[test]
fn language_is_detected_when_markup_is_silent() {
    let body = "<article><h1>Nueva línea de ferry</h1><p>La autoridad portuaria anunció el martes \
        que la nueva línea de ferry cruzará la bahía cada veinte minutos desde la primera semana de \
        la temporada, reduciendo el viaje a la mitad.</p><p>Los funcionarios esperan diez mil \
        pasajeros al día cuando llegue el segundo barco, y las tarifas serán iguales a las de los \
        autobuses.</p></article>";
    let a = run(&page("", body), "https://news.example/a");
    assert_eq!(a.language, "es");
}

#[test]
fn title_loses_the_site_suffix_and_prefix() {
    for t in [
        "Ferry line approved | Harbour Times",
        "Ferry line approved - Harbour Times",
        "Harbour Times: Ferry line approved",
    ] {
        let head =
            format!(r#"<title>{t}</title><meta property="og:site_name" content="Harbour Times">"#);
        let a = run(&page(&head, BODY), "https://news.example/a");
        assert_eq!(a.title, "Ferry line approved", "from {t:?}");
    }
    // Unspaced separators of Chinese and Japanese titles.
    for t in ["渡轮航线获批_港湾时报", "渡轮航线获批｜港湾时报"] {
        let head =
            format!(r#"<title>{t}</title><meta property="og:site_name" content="港湾时报">"#);
        let a = run(&page(&head, BODY), "https://news.example/a");
        assert_eq!(a.title, "渡轮航线获批", "from {t:?}");
    }
}

#[test]
fn bylines_lose_prefixes_and_publisher_names() {
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry line approved",
      "author":[{"@type":"Person","name":"By Maria Lopez"},{"@type":"Organization","name":"Harbour Times"}],
      "publisher":{"@type":"Organization","name":"Harbour Times"}}</script>"#;
    let a = run(&page(ld, BODY), "https://news.example/a");
    assert_eq!(a.authors, ["Maria Lopez"]);
}

#[test]
fn a_day_only_source_borrows_the_time_the_page_prints() {
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle",
      "headline":"Ferry line approved","datePublished":"2024-03-05"}</script>"#;
    let body = format!(
        r#"<article><h1>Ferry line approved</h1><p>Published March 5, 2024 at 9:30 p.m. EST</p>{BODY}</article>"#
    );
    let a = run(&page(ld, &body), "https://news.example/a");
    assert_eq!(published(&a), "2024-03-05T21:30:00-05:00");
}

#[test]
fn cms_usernames_are_not_bylines() {
    for name in [
        "admin",
        "editor2",
        "webdesk",
        "news_desk",
        "user123",
        "AS",
        "KWCHCIK",
    ] {
        let ld = format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle",
            "headline":"Ferry line approved","author":{{"@type":"Person","name":"{name}"}}}}</script>"#
        );
        let a = run(&page(&ld, BODY), "https://news.example/a");
        assert!(a.authors.is_empty(), "{name:?} gave {:?}", a.authors);
    }
}

#[test]
fn a_date_in_the_url_gives_the_day() {
    let a = run(
        &page("<title>Ferry line approved</title>", BODY),
        "https://news.example/2024/03/05/ferry-line-approved",
    );
    let p = a
        .published
        .as_ref()
        .map(|p| (p.has_time, p.local_rfc3339()));
    assert!(
        matches!(&p, Some((false, s)) if s.starts_with("2024-03-05")),
        "{p:?}"
    );
}

#[test]
fn bangla_calendar_and_hijri_lines_are_not_publication_dates() {
    let body = format!(
        r#"<header><p>ঢাকা, বুধবার, ৭ চৈত্র ১৪২৪, ২১ মার্চ ২০১৮, ৩ রজব ১৪৩৯</p></header>
        <article><h1>ফেরি চলাচল শুরু</h1>{BODY}</article>"#
    );
    let a = run(
        &page("<title>ফেরি চলাচল শুরু</title>", &body),
        "https://news.example.bd/a",
    );
    assert_eq!(a.published, None, "raw: {:?}", a.published_raw);
}

#[test]
fn language_comes_from_headline_and_standfirst_when_the_body_is_a_table() {
    let head = r#"<title>Classificação final do campeonato de automobilismo</title>
      <meta name="description" content="Nesta página você terá sempre a classificação atualizada do campeonato até a última corrida da temporada.">"#;
    let mut rows = String::new();
    for (i, name) in [
        "Kyle Busch",
        "Martin Truex",
        "Kevin Harvick",
        "Denny Hamlin",
        "Joey Logano",
    ]
    .iter()
    .enumerate()
    {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{name}</td><td>{}</td></tr>",
            i + 1,
            5040 - i * 7
        ));
    }
    let body = format!("<article><h1>Classificação final</h1><table>{rows}</table></article>");
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(a.language, "pt");
}

#[test]
fn a_headline_in_a_definition_term_anchors_the_date_line() {
    // Logo h1, headline in a <dt>, a labelled date as loose text before the story.
    let body = format!(
        r#"<a href="/"><h1>엔터 미디어</h1></a><h2>칼럼진별</h2>
        <div class="view"><dl class="newsTitle"><dt>악녀의 덫에 걸린 이유리, 의외로 막장극 어울리는 남상미</dt></dl>
        기사입력 :[ 2018-09-28 17:32 ]
        <div class="newsArticle">{BODY}</div></div>"#
    );
    let head = "<title>악녀의 덫에 걸린 이유리, 의외로 막장극 어울리는 남상미 - Entermedia</title>";
    let a = run(
        &page(head, &body),
        "http://www.entermedia.example.kr/news/view.html?idx=1",
    );
    assert_eq!(
        a.title,
        "악녀의 덫에 걸린 이유리, 의외로 막장극 어울리는 남상미"
    );
    assert_eq!(published(&a), "2018-09-28T17:32:00+09:00");
}

#[test]
fn a_meta_box_with_date_and_clock_in_separate_segments() {
    // The box also holds a block (a view counter), so its own loose text is the date line.
    let body = format!(
        r#"<article><header><h1>Ferry line approved</h1>
        <div class="meta"><div class="views">1537</div> <i class="icon-user"></i> |
        <i class="icon-calendar"></i> Saturday, August 29, 2020 | <i class="icon-clock"></i> 10:46 am</div>
        </header>{BODY}</article>"#
    );
    let head = r#"<title>Ferry line approved</title>
      <meta property="article:published_time" content="2020-08-29T10:46:06+06:00">"#;
    let a = run(
        &page(head, &body),
        "https://news.example.com.bd/2020/08/23646/",
    );
    assert_eq!(published(&a), "2020-08-29T10:46:06+06:00");
    assert_eq!(a.published_raw, "Saturday, August 29, 2020 | 10:46 am");
}

#[test]
fn a_printed_by_line_beats_the_cms_account_in_json_ld() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"NewsArticle","headline":"Ferry line approved","author":{"@id":"https://news.example/#/person/9"}},
      {"@type":"Person","@id":"https://news.example/#/person/9","name":"Kevin Rebong"}]}</script>"#;
    let body = format!(
        r#"<article><h1>Ferry line approved</h1><span class="single-header-byline">By <a href="/by/dj">David Jeans</a></span>{BODY}</article>"#
    );
    let a = run(&page(ld, &body), "https://news.example/a");
    assert_eq!(a.authors, ["David Jeans"]);
    // The same person in both, with a job title printed: JSON-LD's clean name stands.
    let body = format!(
        r#"<article><h1>Ferry line approved</h1><p class="byline">By Kevin Rebong - Staff Writer</p>{BODY}</article>"#
    );
    let a = run(&page(ld, &body), "https://news.example/a");
    assert_eq!(a.authors, ["Kevin Rebong"]);
}

#[test]
fn a_job_title_after_a_dash_is_not_part_of_the_name() {
    let body = format!(
        r#"<article><h1>Ferry line approved</h1><p class="byline">By Yasemin Saplakoglu - Staff Writer</p>{BODY}</article>"#
    );
    let a = run(
        &page("<title>Ferry line approved</title>", &body),
        "https://news.example/a",
    );
    assert_eq!(a.authors, ["Yasemin Saplakoglu"]);
}

#[test]
fn a_theme_default_lang_gives_way_to_the_script_of_the_story() {
    let story = "<p>কুষ্টিয়া-১ আসনের সংসদ সদস্যের ফুপাতো ভাইকে নিজ বাড়ির সামনেই কুপিয়ে হত্যা করা হয়েছে। \
        এ সময় আরেকজন আহত হন। আজ শনিবার সকাল সাড়ে ৭টার দিকে উপজেলার একটি গ্রামে এ ঘটনা ঘটে। \
        হামলাকারীকে আটক করেছে স্থানীয়রা। পুলিশ জানিয়েছে, ঘটনার তদন্ত চলছে এবং মামলা হবে।</p>";
    let html = format!(
        r#"<!doctype html><html lang="en-US"><head><title>হত্যা</title></head><body><article><h1>এমপির ভাইকে কুপিয়ে হত্যা</h1>{story}</article></body></html>"#
    );
    assert_eq!(run(&html, "https://news.example/a").language, "bn");
    // A declared language in the story's own script stands.
    let html = html.replace(r#"lang="en-US""#, r#"lang="as""#);
    assert_eq!(run(&html, "https://news.example/a").language, "as");
}

#[test]
fn the_printed_headline_beats_a_rewritten_seo_title() {
    let head = r#"<title>HS Roundup: Viera defeats Rockledge to remain undefeated</title>
      <meta property="og:title" content="HS Roundup: Viera defeats Rockledge to remain undefeated">"#;
    let body = format!(
        r#"<article><h1>High School Roundup: Viera defeats Rockledge to remain undefeated</h1>{BODY}</article>"#
    );
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(
        a.title,
        "High School Roundup: Viera defeats Rockledge to remain undefeated"
    );
    // A section h1 that shares nothing with the title is not the headline.
    let body = format!(r#"<h1>Entertainment News Today</h1><article>{BODY}</article>"#);
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(
        a.title,
        "HS Roundup: Viera defeats Rockledge to remain undefeated"
    );
}

#[test]
fn a_moment_stated_in_utc_is_shown_on_the_pages_own_clock() {
    // JSON-LD in UTC; the page prints its local clock with no zone.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle",
      "headline":"Ferry line to cross the bay","datePublished":"2019-11-14T14:00:00.000Z"}</script>"#;
    let body = format!(
        "<h1>Ferry line to cross the bay</h1><time class=\"publish-date\">11.14.2019 09:00 AM</time>{BODY}"
    );
    let a = run(&page(ld, &body), "https://news.example/ferry");
    assert_eq!(published(&a), "2019-11-14T09:00:00-05:00");
    // Without the printed clock the page's UTC statement stands.
    let a = run(
        &page(ld, &format!("<h1>Ferry line to cross the bay</h1>{BODY}")),
        "https://news.example/ferry",
    );
    assert_eq!(published(&a), "2019-11-14T14:00:00+00:00");
}

#[test]
fn a_local_clock_labelled_utc_yields_to_the_zoned_value_with_the_same_wall_clock() {
    // The meta tags write the site's wall time with "+00:00"; the theme's <time> has the zone.
    let head = r#"<meta property="article:published_time" content="2014-09-15T14:22:02+00:00">"#;
    let body = format!(
        "<h1>Ferry line to cross the bay</h1><time class=\"entry-date published\" \
         datetime=\"2014-09-15T14:22:02-05:00\">September 15, 2014</time>{BODY}"
    );
    let a = run(&page(head, &body), "https://news.example/ferry");
    assert_eq!(published(&a), "2014-09-15T14:22:02-05:00");
    // A different wall clock is a different statement: the UTC moment is kept, on the page's clock.
    let body = body.replace("14:22:02-05:00", "16:40:00-05:00");
    let a = run(&page(head, &body), "https://news.example/ferry");
    assert_eq!(published(&a), "2014-09-15T09:22:02-05:00");
}

#[test]
fn a_zone_less_value_takes_the_zone_of_a_value_with_the_same_wall_clock() {
    let head = r#"<meta property="article:published_time" content="2019-11-20 13:42:06">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry line",
      "datePublished":"2019-11-20 13:42:06+08:00"}</script>"#;
    let a = run(&page(head, BODY), "https://news.example/ferry");
    assert_eq!(published(&a), "2019-11-20T13:42:06+08:00");
}

#[test]
fn a_printed_time_in_parts_inside_a_named_article_header() {
    // A <header> outside any <article>, named for the article, with the clock in its own span.
    let body = format!(
        "<header class=\"ArticleHeader-articleHeader\"><h1>Ferry line to cross the bay</h1>\
         <time>Published Wed, Nov 20 2019<span class=\"divider\"></span>4:29 AM EST</time></header>{BODY}"
    );
    let head = r#"<meta property="article:published_time" content="2019-11-20T09:29:08+0000">"#;
    let a = run(&page(head, &body), "https://news.example/ferry");
    assert_eq!(published(&a), "2019-11-20T04:29:08-05:00");
}

#[test]
fn a_reader_comments_date_is_not_the_storys() {
    let body = format!(
        "<h1>Ferry line to cross the bay</h1>{BODY}<ol class=\"commentlist\"><li>\
         <time itemprop=\"datePublished\" datetime=\"2018-08-11T11:35:33-06:00\">August 11, 2018</time>\
         <p>Great news for the north shore.</p></li></ol>"
    );
    let head = r#"<meta property="article:published_time" content="2018-08-08T10:00:04+00:00">"#;
    let a = run(&page(head, &body), "https://news.example/ferry");
    assert_eq!(published(&a), "2018-08-08T10:00:04+00:00");
}

#[test]
fn a_site_wide_lang_gives_way_to_a_story_surely_in_another_latin_language() {
    let de = "<h1>Die Fähre über die Bucht</h1><p>Die Hafenbehörde hat am Dienstag mitgeteilt, dass \
die neue Fährlinie ab der ersten Woche der Saison alle zwanzig Minuten Pendler über die Bucht \
bringen wird, und die Fahrt wird damit um die Hälfte kürzer.</p><p>Die Verantwortlichen erwarten \
zehntausend Fahrgäste am Tag, sobald das zweite Schiff angekommen ist, und die Preise sollen den \
Busfahrkarten entsprechen, damit die Fahrgäste ohne Aufpreis zwischen den beiden wechseln \
können.</p><p>Die Bewohner des nördlichen Ufers, die seit einem Jahrzehnt auf eine direkte \
Verbindung warten, begrüßten den Plan, baten aber im Sommer um spätere Abfahrten am Abend, \
weil viele von ihnen erst spät von der Arbeit nach Hause kommen.</p>";
    let html = format!("<!doctype html><html lang=\"en-US\"><head></head><body>{de}</body></html>");
    let a = run(&html, "https://blog.example/faehre");
    assert_eq!(a.language, "de");
    // English under lang="en" stays English; German under lang="de" stays German.
    let html =
        format!("<!doctype html><html lang=\"en-US\"><head></head><body>{BODY}</body></html>");
    assert_eq!(run(&html, "https://news.example/ferry").language, "en-US");
    let html = format!("<!doctype html><html lang=\"de\"><head></head><body>{de}</body></html>");
    assert_eq!(run(&html, "https://blog.example/faehre").language, "de");
}

#[test]
fn a_shouted_wire_byline_is_printed_in_name_case() {
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry line",
      "author":{"@type":"Person","name":"By TOM O'NEIL-SMITH, AP Auto Writer"}}</script>"#;
    let a = run(&page(ld, BODY), "https://news.example/a");
    assert_eq!(a.authors, ["Tom O'Neil-Smith"]);
    // Mixed case is the writer's own: kept as written.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry line",
      "author":{"@type":"Person","name":"DJ McAllister"}}</script>"#;
    assert_eq!(
        run(&page(ld, BODY), "https://news.example/a").authors,
        ["DJ McAllister"]
    );
}

#[test]
fn a_markup_author_the_page_never_shows_is_the_cms_account() {
    // A Yoast graph names the WordPress user; the page prints no byline and never the name.
    let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"Article",
      "headline":"Ferry line approved","author":{"@id":"https://news.example/#/schema/person/1"}},
      {"@type":"Person","@id":"https://news.example/#/schema/person/1","name":"Josh Keller"}]}</script>
      <meta name="author" content="Josh Keller">"#;
    let html = format!("<!doctype html><html><head>{ld}</head><body>{BODY}</body></html>");
    assert!(run(&html, "https://news.example/a").authors.is_empty());
    // Printed anywhere (here in a box at the foot of the page), it is the writer.
    let html = format!(
        "<!doctype html><html><head>{ld}</head><body>{BODY}<footer>Josh Keller writes on ferries.</footer></body></html>"
    );
    assert_eq!(
        run(&html, "https://news.example/a").authors,
        ["Josh Keller"]
    );
}

#[test]
fn a_published_tag_holding_the_update_time_loses_to_json_ld() {
    // The meta tags carry the last-published time (= dateModified); JSON-LD the original.
    let head = r#"<meta itemprop="datePublished" content="2019-11-19T13:21:00.000Z">
      <meta property="article:published_time" content="2019-11-19T13:21:00.000Z">
      <meta property="article:modified_time" content="2019-11-19T13:21:00.000Z">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry line",
      "datePublished":"2019-11-19T13:02:00.000Z","dateModified":"2019-11-19T13:21:00.000Z"}</script>"#;
    let a = run(&page(head, BODY), "https://news.example/a");
    assert_eq!(published(&a), "2019-11-19T13:02:00+00:00");
    // Without a modification at that time, the majority stands.
    let head = head
        .replace("\"dateModified\":\"2019-11-19T13:21:00.000Z\"", "\"x\":1")
        .replace(
            r#"<meta property="article:modified_time" content="2019-11-19T13:21:00.000Z">"#,
            "",
        );
    let a = run(&page(&head, BODY), "https://news.example/a");
    assert_eq!(published(&a), "2019-11-19T13:21:00+00:00");
}

#[test]
fn an_unlisted_cms_publish_tag_gives_the_pages_clock() {
    let head = r#"<meta property="article:published_time" content="2019-11-19T01:19:34.819Z">
      <meta name="article_date_original" content="Monday, November 18, 2019, 08:19 PM">
      <meta name="article_date_updated" content="Tuesday, November 19, 2019, 09:00 AM">"#;
    let a = run(&page(head, BODY), "https://news.example/a");
    assert_eq!(published(&a), "2019-11-18T20:19:34-05:00");
}

#[test]
fn the_sites_own_account_is_not_a_byline() {
    let body = format!(
        "<h1>Ferry line approved</h1><p class=\"byline\">Posted by <a href=\"/author/vortex/\">Vortex</a></p>{BODY}"
    );
    let a = run(&page("", &body), "https://vortexcannon.example/ferry");
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    // A writer whose name is not the site's keeps the byline.
    let body = body.replace("Vortex</a>", "Maria Lopez</a>");
    assert_eq!(
        run(&page("", &body), "https://vortexcannon.example/ferry").authors,
        ["Maria Lopez"]
    );
}

#[test]
fn the_site_name_is_a_name_not_a_domain_slug_handle_or_tagline() {
    let cases = [
        // A domain in og:site_name; the publisher's name in JSON-LD.
        (
            r#"<meta property="og:site_name" content="harbourtimes.example">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry line approved",
            "publisher":{"@type":"Organization","name":"The Harbour Times"}}</script>"#,
            "The Harbour Times",
        ),
        // A slug; nothing better: the slug stays.
        (
            r#"<meta property="og:site_name" content="harbourtimes">"#,
            "harbourtimes",
        ),
        // Name and tagline.
        (
            r#"<meta property="og:site_name" content="Harbour Times | The bay's own paper">"#,
            "Harbour Times",
        ),
        // Only a handle and the <title>'s site part.
        (
            r#"<title>Ferry line approved – Harbour Times Online</title>
            <meta name="twitter:site" content="@harbourtimes">"#,
            "Harbour Times Online",
        ),
        // Only a handle.
        (
            r#"<meta name="twitter:site" content="@harbourtimes">"#,
            "harbourtimes",
        ),
    ];
    for (head, want) in cases {
        let body = format!("<h1>Ferry line approved</h1>{BODY}");
        let a = run(&page(head, &body), "https://harbourtimes.example/ferry");
        assert_eq!(a.site_name, want, "{head}");
    }
}

#[test]
fn the_titles_part_that_spells_the_domain_is_the_site_name() {
    // The h1 is the logo, so the headline cannot tell the title's parts apart; the address can.
    let body = format!("<h1>Harbour Times</h1><h2 class=\"title\">Ferry line approved</h2>{BODY}");
    let head = "<title>Ferry line approved for the bay - Harbour Times</title>";
    let a = run(&page(head, &body), "https://harbourtimes.co.kr/news?idx=1");
    assert_eq!(a.site_name, "Harbour Times");
    // A prefix before a colon, on thespacereview-style addresses ("The …").
    let body = format!("<h1>Seeking a bigger role for a big rocket</h1>{BODY}");
    let head = "<title>The Harbour Review: Seeking a bigger role for a big rocket</title>";
    let a = run(
        &page(head, &body),
        "https://www.harbourreview.com/article/3834/1",
    );
    assert_eq!(a.site_name, "The Harbour Review");
    // A colon that is not the site's: no name.
    let head = "<title>Analysis: Seeking a bigger role for a big rocket</title>";
    let a = run(
        &page(head, &body),
        "https://www.harbourreview.com/article/3834/1",
    );
    assert_eq!(a.site_name, "");
}

#[test]
fn a_description_loses_the_share_labels_it_starts_with() {
    let head = r#"<meta property="og:description" content="Share this on WhatsAppShare on FacebookThe new ferry line will cross the bay every twenty minutes.">"#;
    let body = format!("<h1>Ferry line approved</h1>{BODY}");
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(
        a.description,
        "The new ferry line will cross the bay every twenty minutes."
    );
    // A description that only speaks of sharing keeps its words.
    let head = r#"<meta name="description" content="Share this recipe with the family.">"#;
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(a.description, "Share this recipe with the family.");
}

#[test]
fn sections_are_real_sections() {
    let body = format!("<h1>Ferry line approved</h1>{BODY}");
    let sec = |head: &str| run(&page(head, &body), "https://news.example/a").section;
    // The first of a list; a repeated CMS path once; a post type is no section.
    assert_eq!(
        sec(r#"<meta property="article:section" content="City, City Transport, City Transport">"#),
        "City"
    );
    assert_eq!(
        sec(r#"<meta property="article:section" content="News - News">"#),
        "News"
    );
    assert_eq!(
        sec(r#"<meta property="article:section" content="post">"#),
        ""
    );
    // From a JSON-LD breadcrumb: the last section before the story itself.
    let crumbs = r#"<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[
      {"@type":"ListItem","position":3,"item":{"@id":"https://news.example/a","name":"Ferry line approved"}},
      {"@type":"ListItem","position":1,"name":"Home","item":"https://news.example/"},
      {"@type":"ListItem","position":2,"name":"Transport","item":"https://news.example/transport/"}]}</script>"#;
    assert_eq!(sec(crumbs), "Transport");
}

#[test]
fn tags_are_split_and_cms_flags_dropped() {
    let body = format!("<h1>Ferry line approved</h1>{BODY}");
    let tags = |head: &str| run(&page(head, &body), "https://news.example/a").tags;
    assert_eq!(
        tags(
            r#"<meta property="article:tag" content="ferries, transport">
            <meta property="article:tag" content="@river"><meta property="article:tag" content="ctp_video">
            <meta property="article:tag" content="_no-apple-news"><meta property="article:tag" content="Uncategorized">
            <meta property="article:tag" content="Ferry line approved">"#
        ),
        ["ferries", "transport"]
    );
    // A long site-wide keyword list with nothing of the story in it is not the story's tags.
    let site_wide = r#"<meta name="keywords" content="breaking news, politics, elections, football,
      cricket, weather, markets, celebrities, recipes">"#;
    assert!(tags(site_wide).is_empty());
    let about = r#"<meta name="description" content="The new ferries will cross the bay.">
      <meta name="keywords" content="breaking news, politics, elections, football, cricket,
      weather, markets, celebrities, ferry">"#;
    assert_eq!(tags(about).len(), 9);
}

#[test]
fn a_description_with_markup_is_read_as_text() {
    let head =
        r#"<meta name="description" content="<p>The new ferries <b>will</b> cross the bay.</p>">"#;
    let a = run(&page(head, BODY), "https://news.example/a");
    assert_eq!(a.description, "The new ferries will cross the bay.");
    // Angle brackets around a title are text.
    let head = r#"<meta name="description" content="<The Palace> opens the festival.">"#;
    assert_eq!(
        run(&page(head, BODY), "https://news.example/a").description,
        "<The Palace> opens the festival."
    );
}

#[test]
fn the_lead_pictures_own_caption_found_across_sizes_and_lazy_loading() {
    let head =
        r#"<meta property="og:image" content="https://cdn.example/up/2024/03/ferry-1200x630.jpg">"#;
    let body = format!(
        "<h1>Ferry line approved</h1><div class=\"hero\"><img class=\"lazy\" \
         data-normal=\"https://cdn.example/up/2024/03/ferry-780x520.jpg\" alt=\"Ferry line approved\">\
         <div class=\"hero-caption\">The new ferry at the north pier. (Harbour Times/Jo Park)</div></div>{BODY}"
    );
    let a = run(&page(head, &body), "https://news.example/a");
    let img = caption_and_credit(&a);
    assert_eq!(
        img,
        Some(("The new ferry at the north pier.", "Harbour Times/Jo Park"))
    );
    // Alt text alone is not a caption.
    let body = format!(
        "<h1>Ferry line approved</h1><img src=\"https://cdn.example/up/2024/03/ferry-780x520.jpg\" \
         alt=\"A ferry\">{BODY}"
    );
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(a.lead_image.as_ref().map(|i| i.caption.as_str()), Some(""));
}

#[test]
fn a_caption_with_a_truncated_copy_and_more_less_toggles() {
    let head = r#"<meta property="og:image" content="https://cdn.example/ferry.jpg">"#;
    let body = format!(
        "<h1>Ferry line approved</h1><figure><img src=\"https://cdn.example/ferry.jpg\">\
         <figcaption><div class=\"caption-full\">The new ferry at the north pier on Tuesday.\
         <a class=\"more-caption\"> less</a></div><div class=\"caption-truncated\">The new \
         ferry at the<a class=\"more-caption\"> ... more</a></div>\
         <span class=\"credit\">Photo: Jo Park, AP</span></figcaption></figure>{BODY}"
    );
    let a = run(&page(head, &body), "https://news.example/a");
    let img = caption_and_credit(&a);
    assert_eq!(
        img,
        Some(("The new ferry at the north pier on Tuesday.", "Jo Park, AP"))
    );
}

#[test]
fn a_credit_named_attribution_before_the_caption() {
    let head = r#"<meta property="og:image" content="https://cdn.example/ferry.jpg">"#;
    let body = format!(
        "<h1>Ferry line approved</h1><span class=\"storyimage\"><span class=\"image\">\
         <img src=\"https://cdn.example/ferry.jpg\"></span><span class=\"caption truncate\">\
         <span class=\"attribution\">© Jo Park</span> The new ferry at the north pier.</span>\
         </span>{BODY}"
    );
    let a = run(&page(head, &body), "https://news.example/a");
    let img = caption_and_credit(&a);
    assert_eq!(img, Some(("The new ferry at the north pier.", "Jo Park")));
}

#[test]
fn a_named_date_box_past_a_long_author_menu() {
    let menu: String = (0..40)
        .map(|i| format!("<li><a href=\"/author/{i}\"><span>Link {i}</span></a></li>"))
        .collect();
    let body = format!(
        "<h1>Ferry line approved</h1><ul class=\"author-menu\">{menu}</ul>\
         <p class=\"byline-date\">November 19, 2019 <span>|</span> 4:20am</p>{BODY}"
    );
    let head = r#"<meta property="article:published_time" content="2019-11-19T09:20:50Z">"#;
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(published(&a), "2019-11-19T04:20:50-05:00");
    assert_eq!(a.published_raw, "November 19, 2019 | 4:20am");
}

#[test]
fn without_a_declared_image_the_featured_image_leads() {
    let body = format!(
        "<header><img class=\"site-logo\" src=\"/logo.png\"></header><article><figure class=\"entry-thumbnail\">\
         <img class=\"attachment-full size-full wp-post-image\" src=\"/up/2018/08/ferry.jpg\"></figure>\
         <h1>Ferry line approved</h1>{BODY}</article>"
    );
    let a = run(&page("", &body), "https://news.example/a");
    assert_eq!(
        a.lead_image.as_ref().map(|i| i.url.as_str()),
        Some("https://news.example/up/2018/08/ferry.jpg")
    );
}

#[test]
fn an_embedded_posts_date_and_a_screen_reader_label_stay_out() {
    let head = r#"<meta property="article:published_time" content="2019-11-19T01:19:34Z">
      <meta property="og:image" content="https://cdn.example/ferry.jpg">"#;
    let body = format!(
        "<h1>Ferry line approved</h1><figure><img src=\"https://cdn.example/ferry.jpg\">\
         <figcaption><span class=\"off-screen\">Media caption</span>The ferry at dawn</figcaption></figure>\
         <blockquote class=\"twitter-tweet\"><p>Big news for the bay!</p>\
         <a href=\"https://twitter.example/status/1\">November 18, 2019</a></blockquote>{BODY}"
    );
    let a = run(&page(head, &body), "https://news.example/a");
    assert_eq!(a.published_raw, "2019-11-19T01:19:34Z");
    assert_eq!(
        a.lead_image.as_ref().map(|i| i.caption.as_str()),
        Some("The ferry at dawn")
    );
}
