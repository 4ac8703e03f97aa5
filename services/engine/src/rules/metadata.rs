//! Rules read by `crate::metadata`: month, weekday and clock words in many languages (Bengali
//! first-class), date labels, byline forms, and the zones of time-zone abbreviations.
//! Bengali entries are matched after NFC normalisation of both sides (NFC keeps য় decomposed).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Gregorian month names and their variants, lower-case.
static MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Bengali (Bangla Academy spellings and the variants seen on real pages)
    ("maret", 3),
    ("agustus", 8),
    ("desember", 12),
    ("январь", 1),
    ("января", 1),
    ("янв", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("фев", 2),
    ("март", 3),
    ("марта", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("апр", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июль", 7),
    ("июля", 7),
    ("август", 8),
    ("августа", 8),
    ("авг", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("сент", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("окт", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("дек", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    ("जनवरी", 1),
    ("फ़रवरी", 2),
    ("फरवरी", 2),
    ("मार्च", 3),
    ("अप्रैल", 4),
    ("मई", 5),
    ("जून", 6),
    ("जुलाई", 7),
    ("अगस्त", 8),
    ("सितंबर", 9),
    ("सितम्बर", 9),
    ("अक्टूबर", 10),
    ("नवंबर", 11),
    ("नवम्बर", 11),
    ("दिसंबर", 12),
    ("दिसम्बर", 12),
    // Polish (nominative and genitive)
    ("styczeń", 1),
    ("stycznia", 1),
    ("luty", 2),
    ("lutego", 2),
    ("marzec", 3),
    ("marca", 3),
    ("kwiecień", 4),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwiec", 6),
    ("czerwca", 6),
    ("lipiec", 7),
    ("lipca", 7),
    ("sierpień", 8),
    ("sierpnia", 8),
    ("wrzesień", 9),
    ("września", 9),
    ("październik", 10),
    ("października", 10),
    ("listopad", 11),
    ("listopada", 11),
    ("grudzień", 12),
    ("grudnia", 12),
    // Danish, Norwegian, Swedish where they differ from the above
    ("marts", 3),
    ("maj", 5),
    ("augusti", 8),
    // Arabic (Egyptian and Gulf usage)
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("জানুয়ারি", 1),
    ("জানুয়ারী", 1),
    ("জানু", 1),
    ("ফেব্রুয়ারি", 2),
    ("ফেব্রুয়ারী", 2),
    ("ফেব্রু", 2),
    ("ফেব", 2),
    ("মার্চ", 3),
    ("এপ্রিল", 4),
    ("মে", 5),
    ("জুন", 6),
    ("জুলাই", 7),
    ("আগস্ট", 8),
    ("অগাস্ট", 8),
    ("আগষ্ট", 8),
    ("অগস্ট", 8),
    ("সেপ্টেম্বর", 9),
    ("সেপ্টে", 9),
    ("অক্টোবর", 10),
    ("অক্টো", 10),
    ("নভেম্বর", 11),
    ("নভে", 11),
    ("ডিসেম্বর", 12),
    ("ডিসে", 12),
];

/// NFC month name → number, hashed once: every word of every candidate date line is looked up.
/// The first listing of a name wins, as a scan of the list would.
static MONTHS_NFC: LazyLock<FxMap<String, u8>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for (m, n) in MONTHS {
        map.entry(m.nfc().collect()).or_insert(*n);
    }
    map
});

/// A hash map keyed by short words, hashed with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc's `FxHasher`: month lookups hash short words, where the
/// default SipHash costs more than the rest of the lookup.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The month a word names, if any.
pub fn month_number(word: &str) -> Option<u8> {
    MONTHS_NFC.get(word).copied()
}

/// Bangla-calendar and Hijri month names (prefixes): a date written with them is never a
/// Gregorian date, so parsing stops where they begin.
static OTHER_CALENDAR_MONTHS: &[&str] = &[
    "বৈশাখ",
    "জ্যৈষ্ঠ",
    "জৈষ্ঠ",
    "আষাঢ়",
    "শ্রাবণ",
    "ভাদ্র",
    "আশ্বিন",
    "কার্তিক",
    "অগ্রহায়ণ",
    "পৌষ",
    "মাঘ",
    "ফাল্গুন",
    "চৈত্র",
    "বঙ্গাব্দ",
    "মহররম",
    "সফর",
    "রবিউল",
    "জমাদিউল",
    "জমাদিউস",
    "রজব",
    "শাবান",
    "রমজান",
    "শাওয়াল",
    "জিলকদ",
    "জিলক্বদ",
    "জিলহজ",
    "হিজরি",
    "muharram",
    "safar",
    "rabi",
    "jumada",
    "rajab",
    "shaban",
    "ramadan",
    "ramzan",
    "shawwal",
    "dhul",
    "hijri",
];

/// The names in NFC, grouped by their first char (sorted by it): a word is compared only with
/// the names that start like it (every word of a candidate date line is looked up). The flag
/// says an empty name is listed (a prefix of every word).
type NamesByFirstChar = Vec<(char, Vec<String>)>;

static OTHER_NFC: LazyLock<(bool, NamesByFirstChar)> = LazyLock::new(|| {
    let mut any_empty = false;
    let mut by_first: NamesByFirstChar = Vec::new();
    for m in OTHER_CALENDAR_MONTHS {
        let m: String = m.nfc().collect();
        let Some(first) = m.chars().next() else {
            any_empty = true;
            continue;
        };
        match by_first.iter_mut().find(|(c, _)| *c == first) {
            Some((_, names)) => names.push(m),
            None => by_first.push((first, vec![m])),
        }
    }
    by_first.sort_by_key(|(c, _)| *c);
    (any_empty, by_first)
});

pub fn is_other_calendar_month(word: &str) -> bool {
    let (any_empty, table) = &*OTHER_NFC;
    let Some(first) = word.chars().next() else {
        return *any_empty;
    };
    *any_empty
        || table
            .binary_search_by_key(&first, |(c, _)| *c)
            .ok()
            .and_then(|i| table.get(i))
            .is_some_and(|(_, names)| names.iter().any(|m| word.starts_with(m.as_str())))
}

static AM_RAW: &[&str] = &[
    "am",
    "a.m",
    "এএম",
    "পূর্বাহ্ণ",
    "পূর্বাহ্ন",
    "ভোর",
    "오전",
    "上午",
    "午前",
];
static PM_RAW: &[&str] = &[
    "pm",
    "p.m",
    "পিএম",
    "অপরাহ্ণ",
    "অপরাহ্ন",
    "오후",
    "下午",
    "午後",
];

pub static AM_WORDS: LazyLock<Vec<String>> =
    LazyLock::new(|| AM_RAW.iter().map(|m| m.nfc().collect()).collect());
pub static PM_WORDS: LazyLock<Vec<String>> =
    LazyLock::new(|| PM_RAW.iter().map(|m| m.nfc().collect()).collect());

pub fn is_am(word: &str) -> bool {
    AM_WORDS.iter().any(|w| w == word)
}

pub fn is_pm(word: &str) -> bool {
    PM_WORDS.iter().any(|w| w == word)
}

/// Words skipped between a date's parts: ordinal suffixes ("31st", "৩১শে", "১লা") and fillers
/// ("14 de marzo de 2024", "the 3rd of June").
static FILLER_RAW: &[&str] = &[
    "st", "nd", "rd", "th", "er", "de", "del", "of", "the", "শে", "লা", "রা", "ঠা", "ই",
    // CJK and Vietnamese unit words: "2019年11月19日", "2019년 11월 19일", "19 tháng 11 năm 2019"
    "年", "月", "日", "년", "월", "일", "tháng", "năm", "ngày",
];

static FILLERS: LazyLock<Vec<String>> =
    LazyLock::new(|| FILLER_RAW.iter().map(|m| m.nfc().collect()).collect());

pub fn is_filler(word: &str) -> bool {
    FILLERS.iter().any(|w| w == word)
}

/// Weekday names (full and short), which stand beside dates but are not part of them.
static WEEKDAYS_RAW: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "সোমবার",
    "মঙ্গলবার",
    "বুধবার",
    "বৃহস্পতিবার",
    "শুক্রবার",
    "শনিবার",
    "রবিবার",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
];

static WEEKDAYS: LazyLock<Vec<String>> =
    LazyLock::new(|| WEEKDAYS_RAW.iter().map(|m| m.nfc().collect()).collect());

/// `word` is lower-case.
pub fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']);
    WEEKDAYS.iter().any(|d| d == w)
}

/// A time-zone abbreviation: a fixed offset in seconds, or an IANA zone when the abbreviation
/// follows daylight saving ("ET").
pub enum ZoneAbbr {
    Fixed(i32),
    Named(&'static str),
}

/// The zone "BST" stands for: Europe/London, except on pages whose own zone is Asia/Dhaka.
pub const BST: &str = "BST";

pub fn zone_abbreviation(word: &str) -> Option<ZoneAbbr> {
    use ZoneAbbr::*;
    Some(match word {
        "gmt" | "utc" => Fixed(0),
        // British Summer Time, or Bangladesh Standard Time on Bangladeshi pages.
        "bst" => Named(BST),
        "cet" => Fixed(3600),
        "cest" => Fixed(7200),
        "eet" => Fixed(7200),
        "eest" => Fixed(10800),
        "msk" => Fixed(10800),
        "ist" => Fixed(19800),
        "pkt" => Fixed(18000),
        "npt" => Fixed(20700),
        "jst" | "kst" => Fixed(32400),
        "aest" => Fixed(36000),
        "aedt" => Fixed(39600),
        "est" => Fixed(-18000),
        "edt" => Fixed(-14400),
        "cst" => Fixed(-21600),
        "cdt" => Fixed(-18000),
        "mst" => Fixed(-25200),
        "mdt" => Fixed(-21600),
        "pst" => Fixed(-28800),
        "pdt" => Fixed(-25200),
        "hst" => Fixed(-36000),
        "akst" => Fixed(-32400),
        "akdt" => Fixed(-28800),
        "wib" => Fixed(25200),
        "wita" | "sgt" | "hkt" | "pht" | "myt" | "awst" => Fixed(28800),
        "wit" => Fixed(32400),
        "ict" => Fixed(25200),
        "wat" => Fixed(3600),
        "cat" | "sast" => Fixed(7200),
        "eat" => Fixed(10800),
        "gst" => Fixed(14400),
        "nzst" => Fixed(43200),
        "nzdt" => Fixed(46800),
        "et" => Named("America/New_York"),
        "ct" => Named("America/Chicago"),
        "mt" => Named("America/Denver"),
        "pt" => Named("America/Los_Angeles"),
        _ => return None,
    })
}

/// "ago" in the languages we read relative times in.
pub static AGO_WORDS: &[&str] = &["ago", "আগে"];

/// Seconds in one relative-time unit.
pub fn relative_unit_seconds(unit: &str) -> Option<i64> {
    let unit: String = unit.nfc().collect();
    Some(match unit.as_str() {
        "second" | "seconds" | "sec" | "secs" | "সেকেন্ড" => 1,
        "minute" | "minutes" | "min" | "mins" | "মিনিট" => 60,
        "hour" | "hours" | "hr" | "hrs" | "ঘণ্টা" | "ঘন্টা" => 3600,
        "day" | "days" | "দিন" => 86_400,
        "week" | "weeks" | "সপ্তাহ" => 604_800,
        _ => return None,
    })
}

/// Labels that introduce a publication date on a visible line.
pub static PUBLISHED_LABELS: &[&str] = &[
    "প্রকাশ",
    "প্রকাশিত",
    "published",
    "posted",
    "publicado",
    "publié",
    "veröffentlicht",
    "pubblicato",
    "date",
];

/// Labels that introduce an update date.
pub static UPDATED_LABELS: &[&str] = &[
    "আপডেট",
    "হালনাগাদ",
    "updated",
    "last updated",
    "modified",
    "actualizado",
    "mis à jour",
    "aktualisiert",
    "aggiornato",
];

/// Prefixes stripped from bylines.
pub static BYLINE_PREFIXES: &[&str] = &[
    "by:",
    "by ",
    "written by ",
    "words by ",
    "story by ",
    "reporting by ",
    "von ",
    "por ",
    "par ",
    "di ",
    "door ",
    "লিখেছেন:",
    "লিখেছেন ",
    "লেখক:",
    "প্রতিবেদক:",
    "author:",
    "reporter:",
    "posted by ",
    "text:",
    "texto:",
    "texte:",
    "текст:",
    "автор:",
    "av ",
    "af ",
    "oleh ",
    "door: ",
    "von: ",
];

/// Words after a name that lead into a date ("By Ann Lee on Monday, …", "Von Ann Lee
/// publiziert am …"): cut from the end of a byline.
pub static BYLINE_TRAILERS: &[&str] = &[
    "on",
    "at",
    "am",
    "um",
    "le",
    "el",
    "il",
    "em",
    "op",
    "published",
    "posted",
    "updated",
    "publiziert",
    "veröffentlicht",
    "publicado",
    "publié",
    "pubblicato",
    "|",
    "-",
    "–",
    "—",
    "·",
    "•",
    ",",
    "/",
    "／",
];

/// Job titles that follow or stand in for a name in a byline ("AP Sports Writer", "Staff
/// Writer"): such a string is not a person's name.
pub static ROLE_WORDS: &[&str] = &[
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "contributor",
    "columnist",
    "producer",
    "photographer",
];

/// Korean newsroom roles that stand beside a writer's name in a sign-off ("홍길동 기자
/// hong@…", "칼럼니스트 박생강 pillgoo9@…").
pub static KO_ROLES: &[&str] = &[
    "기자",
    "특파원",
    "칼럼니스트",
    "객원기자",
    "선임기자",
    "수습기자",
    "인턴기자",
    "전문기자",
    "대기자",
    "논설위원",
    "편집위원",
    "평론가",
    "소설가",
];

/// Words that make a short line a byline in Bangladeshi news (desks, staff reporters,
/// correspondents), compared after NFC.
static BYLINE_WORDS_RAW: &[&str] = &["ডেস্ক", "প্রতিবেদক", "প্রতিনিধি", "সংবাদদাতা", "অফিস", "ব্যুরো"];

pub static BYLINE_WORDS: LazyLock<Vec<String>> =
    LazyLock::new(|| BYLINE_WORDS_RAW.iter().map(|m| m.nfc().collect()).collect());

/// English newsroom bylines that are names of desks rather than people, still bylines.
pub static DESK_WORDS: &[&str] = &[
    "staff",
    "desk",
    "correspondent",
    "reporter",
    "bureau",
    "newsroom",
];

/// class/id substrings of byline elements.
pub static BYLINE_CLASSES: &[&str] = &[
    "byline",
    "author",
    "writer",
    "reporter",
    "contributor",
    "journalist",
];

/// JSON-LD `@type`s that describe an article.
pub static ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SatiricalArticle",
    "SocialMediaPosting",
    "WebPage",
    "MediaObject",
    "VideoObject",
];

/// Title separators between a headline and a site name.
/// The control between a caption's full and truncated copies ("less", "... more"), matched
/// without leading dots, ASCII case aside.
pub static CAPTION_TOGGLES: &[&str] = &[
    "less",
    "more",
    "show more",
    "show less",
    "read more",
    "see more",
    "expand",
];

/// Share-button labels that auto-generated descriptions (an excerpt of the post's markup) start
/// with: "Share this on WhatsAppNesta página…". Lower case; matched at the start, repeatedly.
pub static SHARE_LABELS: &[&str] = &[
    "share this on whatsapp",
    "share this on facebook",
    "share this on twitter",
    "share on whatsapp",
    "share on facebook",
    "share on twitter",
    "share on linkedin",
    "share on pinterest",
    "share on telegram",
    "share via email",
    "share this article",
    "share this story",
    "share this:",
    "click to share on whatsapp",
    "click to share on facebook",
    "click to share on twitter",
];

pub static TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " || ", " / ",
    // Unspaced, as Chinese, Japanese and Korean titles write them ("标题_网易新闻").
    "｜", "|", "_", "－", "—",
];

/// Words of photo credits and picture agencies, lower case ("Getty Images", "AP Photo",
/// "Shutterstock"): a short bracketed tail or a whole caption made of them is a credit.
pub static CREDIT_WORDS: &[&str] = &[
    "getty",
    "images",
    "photo",
    "reuters",
    "afp",
    "epa",
    "shutterstock",
    "istock",
    "alamy",
    "courtesy",
    "handout",
    "file",
    "nasa",
    "press association",
    "ap photo",
    "source",
    "credit",
];
