//! Text analysis: folding, word segmentation, stop words, stemming and spoken-filler stripping.
//!
//! The same pipeline runs when an index is built and when a query is read, so a query word and a
//! document word meet in the same form:
//!
//! 1. **Segmentation** ([`word_ranges`]): a word is a run of letters, digits and combining marks;
//!    an apostrophe between two such characters joins them (`don't`, `children’s`); every Han,
//!    Hiragana or Katakana character is a word of its own (those scripts do not separate words
//!    with spaces, and single characters are the usual unit for such search). Everything else
//!    separates words. This replaces the UAX #29 tables of `unicode-segmentation` (tens of KB in
//!    wasm) with `char::is_alphanumeric`, which the standard library links anyway.
//! 2. **Folding** ([`Folder`]): compatibility decomposition (NFKD), combining marks removed,
//!    lowercase, a few letters that have no decomposition spelled out (`ß`→`ss`, `æ`→`ae`,
//!    `ø`→`o`, `ł`→`l`…), apostrophes dropped. ASCII words skip the folder (lowercase only).
//!    With the `unicode-normalization` feature (on by default, for native builds and the CLI) the
//!    decomposition uses that crate. Without it the default folder knows Latin-1 and Latin
//!    Extended-A only; the browser app plugs in a folder that calls `String.prototype.normalize`
//!    (see [`Folder`]), because normalisation tables cost ~54 KB gzip in the wasm while the
//!    browser already has them. A prebuilt index is folded natively at build time, so a page
//!    that only searches a prebuilt index pays for nothing.
//! 3. **Stop words** ([`is_stop_word`]): dropped from descriptions, categories and keywords at
//!    index time (titles keep them, so a title made of stop words stays findable) and from
//!    queries unless the query has nothing else.
//! 4. **Stemming** ([`Language`]): Snowball, chosen by the catalog's BCP-47 language tag.
//! 5. **Filler** ([`strip_filler`]): what people say around a voice query ("show me … please").

use std::ops::Range;
use std::sync::Arc;

/// Folds one word (a token from [`word_ranges`]) into its search form.
///
/// Implementations must produce exactly what the built-in folder produces for the index to
/// match: compatibility-decompose (NFKD), then hand the result to [`finish_fold`]. The browser
/// app, built without the `unicode-normalization` feature, can do that with the browser's tables:
///
/// ```ignore
/// struct BrowserFolder;
/// impl hark_engine::Folder for BrowserFolder {
///     fn fold(&self, word: &str, out: &mut String) {
///         let nfkd: String = js_sys::JsString::from(word).normalize("NFKD").into();
///         hark_engine::finish_fold(&nfkd, out);
///     }
/// }
/// index.set_folder(BrowserFolder);
/// ```
///
/// The folder is only called for words that contain non-ASCII characters; ASCII words are
/// lowercased directly. Any `Fn(&str, &mut String) + Send + Sync` closure is a `Folder` too.
pub trait Folder: Send + Sync {
    /// Appends the folded form of `word` to `out`.
    fn fold(&self, word: &str, out: &mut String);
}

impl<F: Fn(&str, &mut String) + Send + Sync> Folder for F {
    fn fold(&self, word: &str, out: &mut String) {
        self(word, out)
    }
}

/// The built-in folder: NFKD from the `unicode-normalization` crate when that feature is on,
/// otherwise a small Latin-1 + Latin Extended-A decomposition table.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultFolder;

impl Folder for DefaultFolder {
    fn fold(&self, word: &str, out: &mut String) {
        #[cfg(feature = "unicode-normalization")]
        {
            use unicode_normalization::UnicodeNormalization;
            let decomposed: String = word.nfkd().collect();
            finish_fold(&decomposed, out);
        }
        #[cfg(not(feature = "unicode-normalization"))]
        {
            let mut decomposed = String::with_capacity(word.len());
            for c in word.chars() {
                decomposed.push(fallback_decompose(c));
            }
            finish_fold(&decomposed, out);
        }
    }
}

/// Base letters of U+00C0..U+017F where NFKD gives one ASCII letter plus marks; other
/// characters map to themselves (and [`finish_fold`] spells out the ones that need it).
#[cfg(any(not(feature = "unicode-normalization"), test))]
const LATIN_BASE: &str = "AAAAAAÆCEEEEIIIIÐNOOOOO×ØUUUUYÞßaaaaaaæceeeeiiiiðnooooo÷øuuuuyþyAaAaAaCcCcCcCcDdĐđEeEeEeEeEeGgGgGgGgHhĦħIiIiIiIiIıĲĳJjKkĸLlLlLlĿŀŁłNnNnNnŉŊŋOoOoOoŒœRrRrRrSsSsSsSsTtTtŦŧUuUuUuUuUuUuWwYyYZzZzZzs";

/// The fallback decomposition used without the `unicode-normalization` feature.
#[cfg(any(not(feature = "unicode-normalization"), test))]
fn fallback_decompose(c: char) -> char {
    let cp = c as u32;
    if (0xC0..0x180).contains(&cp) {
        LATIN_BASE.chars().nth((cp - 0xC0) as usize).unwrap_or(c)
    } else {
        c
    }
}

/// Finishes folding an already compatibility-decomposed word: drops combining marks and
/// anything that is not a letter or digit (apostrophes), lowercases, and spells out letters that
/// have no decomposition (`ß`→`ss`, `æ`→`ae`, `œ`→`oe`, `ø`→`o`, `ł`→`l`, `đ`/`ð`→`d`, `þ`→`th`, `ı`→`i`…).
pub fn finish_fold(decomposed: &str, out: &mut String) {
    for c in decomposed.chars() {
        if is_mark(c) {
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                'ĳ' => out.push_str("ij"),
                'ø' => out.push('o'),
                'ð' | 'đ' => out.push('d'),
                'ł' | 'ŀ' => out.push('l'),
                'ħ' => out.push('h'),
                'ı' => out.push('i'),
                'ĸ' => out.push('k'),
                'ŧ' => out.push('t'),
                'ŋ' => out.push('n'),
                'ſ' => out.push('s'),
                'ʼ' => {}
                l if l.is_alphanumeric() => out.push(l),
                _ => {}
            }
        }
    }
}

/// Combining marks in the blocks that matter for Latin, Greek, Cyrillic, Hebrew and Arabic text
/// (enough to keep decomposed accents inside a word and to strip them when folding).
pub fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x064B..=0x065F
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x302A..=0x302F | 0x3099..=0x309A
        | 0xFE20..=0xFE2F)
        || is_indic_mark(c)
}

/// Vowel signs and viramas of the Indic scripts (U+0900..U+0DFF): they belong inside words.
fn is_indic_mark(c: char) -> bool {
    let cp = c as u32;
    (0x0900..=0x0DFF).contains(&cp)
        && !c.is_alphanumeric()
        && !matches!(cp & 0x7F, 0x64 | 0x65 | 0x70)
}

/// Characters that form a word on their own (scripts written without spaces).
fn is_single_char_word(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Byte ranges of the words of `text` (see the module docs for what a word is).
///
/// ```
/// let t = "Don't panic: café-crème!";
/// let words: Vec<&str> = hark_engine::analysis::word_ranges(t).map(|r| &t[r]).collect();
/// assert_eq!(words, ["Don't", "panic", "café", "crème"]);
/// ```
pub fn word_ranges(text: &str) -> WordRanges<'_> {
    WordRanges { text, pos: 0 }
}

/// Iterator returned by [`word_ranges`].
#[derive(Debug, Clone)]
pub struct WordRanges<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for WordRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let rest = self.text.get(self.pos..)?;
        let mut chars = rest.char_indices().peekable();
        // Skip separators.
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                if is_single_char_word(c) {
                    let s = self.pos + i;
                    self.pos = s + c.len_utf8();
                    return Some(s..self.pos);
                }
                break i;
            }
        };
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            if is_single_char_word(c) {
                end = i;
                break;
            }
            if is_word_char(c) {
                continue;
            }
            if is_apostrophe(c) {
                if let Some(&(_, n)) = chars.peek() {
                    if is_word_char(n) && !is_single_char_word(n) {
                        continue;
                    }
                }
            }
            end = i;
            break;
        }
        let range = self.pos + start..self.pos + end;
        self.pos += end;
        Some(range)
    }
}

/// A shared folder, as the analyzer holds it.
pub(crate) type SharedFolder = Arc<dyn Folder>;

/// Appends the folded form of one word to `out` (ASCII fast path, else the folder).
pub(crate) fn fold_word(folder: &dyn Folder, word: &str, out: &mut String) {
    if word.is_ascii() {
        for b in word.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase() as char);
            }
        }
    } else {
        folder.fold(word, out);
    }
}

/// Folds a whole text into its words' search forms, with the built-in folder.
///
/// ```
/// assert_eq!(hark_engine::analysis::fold_text("Crème Brûlée, STRASSE & Straße"),
///            ["creme", "brulee", "strasse", "strasse"]);
/// ```
pub fn fold_text(text: &str) -> Vec<String> {
    fold_text_with(&DefaultFolder, text)
}

/// [`fold_text`] with a given folder.
pub fn fold_text_with(folder: &dyn Folder, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in word_ranges(text) {
        let mut w = String::new();
        fold_word(folder, &text[r], &mut w);
        if !w.is_empty() {
            out.push(w);
        }
    }
    out
}

/// Longest query text analysed, in bytes (cut at a character boundary; the rest is ignored).
/// A spoken or typed query is a few dozen characters: this only bounds the work a pasted page
/// of text can cause.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Most words of one query (or one alternative) that are searched for; later words are ignored.
pub const MAX_QUERY_WORDS: usize = 32;
/// Longest query word, in characters after folding; longer words are cut. Typo automata and
/// edit distances grow with word length, and no real word is this long.
pub const MAX_QUERY_WORD_CHARS: usize = 64;
/// Most recognizer alternatives of one query that are searched; later ones are ignored.
pub const MAX_ALTERNATIVES: usize = 16;

/// Folds query text into its words' search forms like [`fold_text_with`], within the query
/// limits: at most [`MAX_QUERY_BYTES`] of text, [`MAX_QUERY_WORDS`] words, each at most
/// [`MAX_QUERY_WORD_CHARS`] characters. The work of analysing and searching a query is therefore
/// bounded whatever its length.
///
/// ```
/// use hark_engine::analysis::{fold_query_with, DefaultFolder, MAX_QUERY_WORDS};
/// let long = "fork ".repeat(2000);
/// assert_eq!(fold_query_with(&DefaultFolder, &long).len(), MAX_QUERY_WORDS);
/// assert_eq!(fold_query_with(&DefaultFolder, &"a".repeat(100))[0].len(), 64);
/// ```
pub fn fold_query_with(folder: &dyn Folder, text: &str) -> Vec<String> {
    let mut end = text.len().min(MAX_QUERY_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let mut out = Vec::new();
    for r in word_ranges(text) {
        if out.len() == MAX_QUERY_WORDS {
            break;
        }
        let mut w = String::new();
        fold_word(folder, &text[r], &mut w);
        if let Some((cut, _)) = w.char_indices().nth(MAX_QUERY_WORD_CHARS) {
            w.truncate(cut);
        }
        if !w.is_empty() {
            out.push(w);
        }
    }
    out
}

/// A catalog language: the Snowball stemmer and stop words chosen from a BCP-47 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// A language with a Snowball stemmer compiled into this build (its primary subtag, e.g. `"en"`).
    Stemmed(&'static str),
    /// No stemming (an unknown language, or one whose `lang-*` feature is off).
    Unstemmed,
}

/// The Snowball algorithms by primary language subtag, each behind its `lang-xx` feature.
const STEMMERS: &[(&str, bool)] = &[
    ("ar", cfg!(feature = "lang-ar")),
    ("da", cfg!(feature = "lang-da")),
    ("de", cfg!(feature = "lang-de")),
    ("el", cfg!(feature = "lang-el")),
    ("en", cfg!(feature = "lang-en")),
    ("es", cfg!(feature = "lang-es")),
    ("fi", cfg!(feature = "lang-fi")),
    ("fr", cfg!(feature = "lang-fr")),
    ("hu", cfg!(feature = "lang-hu")),
    ("it", cfg!(feature = "lang-it")),
    ("nl", cfg!(feature = "lang-nl")),
    ("no", cfg!(feature = "lang-no")),
    ("pt", cfg!(feature = "lang-pt")),
    ("ro", cfg!(feature = "lang-ro")),
    ("ru", cfg!(feature = "lang-ru")),
    ("sv", cfg!(feature = "lang-sv")),
    ("ta", cfg!(feature = "lang-ta")),
    ("tr", cfg!(feature = "lang-tr")),
    ("id", cfg!(feature = "lang-id")),
];

impl Language {
    /// The language for a BCP-47 tag (`"en"`, `"en-GB"`, `"nb-NO"`, `"pt_BR"`); the primary subtag
    /// decides. `nb` and `nn` use the Norwegian stemmer. Returns `None` for a language without a
    /// stemmer in this build (callers report that as a warning and index without stemming).
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let primary = match primary.as_str() {
            "nb" | "nn" => "no",
            p => p,
        };
        STEMMERS
            .iter()
            .find(|(code, on)| *on && *code == primary)
            .map(|(code, _)| Language::Stemmed(code))
    }

    /// The primary subtag, or `""` when unstemmed.
    pub fn code(self) -> &'static str {
        match self {
            Language::Stemmed(c) => c,
            Language::Unstemmed => "",
        }
    }

    pub(crate) fn stemmer(self) -> Option<Stemmer> {
        use rust_stemmers::Algorithm as A;
        let code = match self {
            Language::Stemmed(c) => c,
            Language::Unstemmed => return None,
        };
        #[cfg(feature = "lang-id")]
        if code == "id" {
            return Some(Stemmer::Indonesian);
        }
        // Each arm only exists with its feature, so a wasm build links only the stemmers it asks for.
        let algo: Option<A> = match code {
            #[cfg(feature = "lang-ar")]
            "ar" => Some(A::Arabic),
            #[cfg(feature = "lang-da")]
            "da" => Some(A::Danish),
            #[cfg(feature = "lang-de")]
            "de" => Some(A::German),
            #[cfg(feature = "lang-el")]
            "el" => Some(A::Greek),
            #[cfg(feature = "lang-en")]
            "en" => Some(A::English),
            #[cfg(feature = "lang-es")]
            "es" => Some(A::Spanish),
            #[cfg(feature = "lang-fi")]
            "fi" => Some(A::Finnish),
            #[cfg(feature = "lang-fr")]
            "fr" => Some(A::French),
            #[cfg(feature = "lang-hu")]
            "hu" => Some(A::Hungarian),
            #[cfg(feature = "lang-it")]
            "it" => Some(A::Italian),
            #[cfg(feature = "lang-nl")]
            "nl" => Some(A::Dutch),
            #[cfg(feature = "lang-no")]
            "no" => Some(A::Norwegian),
            #[cfg(feature = "lang-pt")]
            "pt" => Some(A::Portuguese),
            #[cfg(feature = "lang-ro")]
            "ro" => Some(A::Romanian),
            #[cfg(feature = "lang-ru")]
            "ru" => Some(A::Russian),
            #[cfg(feature = "lang-sv")]
            "sv" => Some(A::Swedish),
            #[cfg(feature = "lang-ta")]
            "ta" => Some(A::Tamil),
            #[cfg(feature = "lang-tr")]
            "tr" => Some(A::Turkish),
            _ => None,
        };
        algo.map(|a| Stemmer::Snowball(rust_stemmers::Stemmer::create(a)))
    }
}

/// A language's stemmer: a Snowball one from `rust-stemmers`, or Indonesian ([`crate::stem_id`]).
pub(crate) enum Stemmer {
    Snowball(rust_stemmers::Stemmer),
    #[cfg(feature = "lang-id")]
    Indonesian,
}

impl Stemmer {
    /// The stem of a folded word.
    pub(crate) fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        match self {
            Stemmer::Snowball(s) => s.stem(word),
            #[cfg(feature = "lang-id")]
            Stemmer::Indonesian => std::borrow::Cow::Owned(crate::stem_id::stem(word)),
        }
    }
}

/// English stop words (folded, sorted): the Snowball list without negations, plus a few
/// contractions as they fold (`im`, `dont`).
const STOP_EN: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "im",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];
const STOP_FR: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux",
    "il", "je", "la", "le", "les", "leur", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon",
    "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se",
    "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre",
    "vous",
];
const STOP_DE: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "das", "dass", "dem",
    "den", "der", "des", "die", "du", "ein", "eine", "einem", "einen", "einer", "eines", "er",
    "es", "fur", "hat", "ich", "im", "in", "ist", "ja", "mit", "nach", "nicht", "noch", "oder",
    "sie", "sind", "so", "uber", "um", "und", "uns", "von", "vor", "war", "was", "wie", "wir",
    "zu", "zum", "zur",
];
const STOP_ES: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "mas", "me",
    "mi", "no", "o", "para", "pero", "por", "que", "se", "si", "su", "sus", "un", "una", "uno",
    "y", "ya",
];

const STOP_IT: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "anche", "che", "chi", "ci", "coi",
    "col", "come", "con", "da", "dai", "dal", "dalla", "dalle", "dei", "del", "della", "delle",
    "dello", "di", "e", "ed", "gli", "i", "il", "in", "la", "le", "lo", "ma", "mi", "ne", "negli",
    "nei", "nel", "nella", "nelle", "non", "o", "per", "piu", "si", "su", "sua", "sue", "sui",
    "sul", "sulla", "suo", "tra", "tu", "un", "una", "uno", "vi",
];
const STOP_NL: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "door", "een",
    "en", "er", "het", "hij", "hoe", "ik", "in", "is", "je", "maar", "met", "naar", "niet", "nog",
    "of", "om", "ook", "op", "over", "te", "tot", "uit", "van", "voor", "wat", "we", "wie", "wij",
    "zij", "zo",
];
const STOP_PT: &[&str] = &[
    "a", "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "em", "entre",
    "mais", "mas", "na", "nas", "no", "nos", "o", "os", "ou", "para", "pela", "pelas", "pelo",
    "pelos", "por", "que", "se", "sem", "seu", "sua", "um", "uma", "umas", "uns",
];
const STOP_ID: &[&str] = &[
    "ada", "adalah", "agar", "akan", "atau", "bagi", "bahwa", "dalam", "dan", "dari", "dengan",
    "di", "ini", "itu", "juga", "kami", "karena", "ke", "kita", "oleh", "pada", "saya", "sebagai",
    "telah", "tersebut", "untuk", "yaitu", "yang",
];
/// Whether `word` (folded) is a stop word of `lang`. Languages without a list have none.
pub fn is_stop_word(lang: Language, word: &str) -> bool {
    let list = match lang.code() {
        "en" => STOP_EN,
        "fr" => STOP_FR,
        "de" => STOP_DE,
        "es" => STOP_ES,
        "it" => STOP_IT,
        "nl" => STOP_NL,
        "pt" => STOP_PT,
        "id" => STOP_ID,
        _ => return false,
    };
    list.binary_search(&word).is_ok()
}

/// Spoken lead-ins, as folded word sequences, longest first within a shared start.
const LEADING_FILLER: &[&[&str]] = &[
    &["hey", "hark"],
    &["ok", "hark"],
    &["okay"],
    &["ok"],
    &["hey"],
    &["um"],
    &["uh"],
    &["please"],
    &["can", "you", "please", "find", "me"],
    &["can", "you", "please", "find"],
    &["can", "you", "please", "show", "me"],
    &["can", "you", "find", "me"],
    &["can", "you", "find"],
    &["can", "you", "search", "for"],
    &["can", "you", "show", "me"],
    &["could", "you", "find", "me"],
    &["could", "you", "find"],
    &["could", "you", "show", "me"],
    &["i", "am", "looking", "for"],
    &["im", "looking", "for"],
    &["i", "m", "looking", "for"],
    &["looking", "for"],
    &["i", "would", "like", "to", "find"],
    &["i", "would", "like"],
    &["id", "like", "to", "find"],
    &["id", "like"],
    &["i", "want", "to", "find"],
    &["i", "want", "to", "see"],
    &["i", "want"],
    &["i", "need", "to", "find"],
    &["i", "need"],
    &["search", "for"],
    &["show", "me"],
    &["find", "me"],
    &["find"],
    &["look", "for"],
    &["look", "up"],
    &["give", "me"],
    &["get", "me"],
    &["tell", "me", "about"],
    &["what", "is"],
    &["what", "are"],
    &["whats"],
    &["where", "is"],
    &["where", "can", "i", "find"],
    &["do", "you", "have"],
];
/// Spoken tails.
const TRAILING_FILLER: &[&[&str]] = &[
    &["please"],
    &["thanks"],
    &["thank", "you"],
    &["for", "me"],
    &["now"],
];
/// Articles that may follow a lead-in ("show me a tuning fork").
const ARTICLES: &[&str] = &["a", "an", "some", "the", "any"];

/// The folded words of one query text, as the engine searches them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerms {
    /// Words that are not stop words; all the words when nothing else is left.
    pub content: Vec<String>,
    /// The stop words among them (the engine scores these only as title coverage).
    pub stop: Vec<String>,
    /// Whether the text was made of stop words only (then `content` holds them).
    pub all_stop: bool,
}

/// Folds a query with `folder`, strips spoken filler (when `strip` is set: [`strip_filler`]) and
/// splits off `lang`'s stop words unless nothing else is left. This is what the embedded engine
/// searches for, and what the page sends a remote cluster, so both see the same words:
///
/// ```
/// use hark_engine::analysis::{query_terms, Language};
/// let terms = query_terms(&hark_engine::DefaultFolder, Language::from_tag("en").unwrap(),
///                         "show me the bows quiet comfort please", true);
/// assert_eq!(terms.content, ["bows", "quiet", "comfort"]); // "the" goes with the lead-in
/// let terms = query_terms(&hark_engine::DefaultFolder, Language::from_tag("en").unwrap(), "lamp for the desk", true);
/// assert_eq!((terms.content, terms.stop), (vec!["lamp".to_string(), "desk".into()], vec!["for".to_string(), "the".into()]));
/// ```
pub fn query_terms(folder: &dyn Folder, lang: Language, text: &str, strip: bool) -> QueryTerms {
    let words = fold_query_with(folder, text);
    let words = if strip { strip_filler(&words).to_vec() } else { words };
    let (stop, content): (Vec<String>, Vec<String>) =
        words.iter().cloned().partition(|w| is_stop_word(lang, w));
    if content.is_empty() {
        QueryTerms { content: words, stop: Vec::new(), all_stop: true }
    } else {
        QueryTerms { content, stop, all_stop: false }
    }
}

/// Removes spoken filler from folded query words: lead-ins ("search for", "show me", "I'm looking
/// for", "find me", "can you find", "I want"…, repeatedly, with a following article), and tails
/// ("please", "thanks", "for me"). If nothing would be left, the words are kept as they were (a
/// product may well be called "Find").
pub fn strip_filler(words: &[String]) -> &[String] {
    let mut start = 0;
    let mut end = words.len();
    let matches = |at: usize, end: usize, phrase: &[&str]| {
        at + phrase.len() <= end
            && phrase
                .iter()
                .zip(&words[at..])
                .all(|(p, w)| *p == w.as_str())
    };
    let mut changed = true;
    while changed {
        changed = false;
        for phrase in LEADING_FILLER {
            if matches(start, end, phrase) {
                start += phrase.len();
                changed = true;
                break;
            }
        }
        for phrase in TRAILING_FILLER {
            if end >= start + phrase.len() && matches(end - phrase.len(), end, phrase) {
                end -= phrase.len();
                changed = true;
                break;
            }
        }
    }
    if start > 0 {
        while start < end && ARTICLES.contains(&words[start].as_str()) {
            start += 1;
        }
    }
    if start >= end {
        words
    } else {
        &words[start..end]
    }
}

/// Maximum typos tolerated for a word of `chars` characters: 0 up to 3, 1 for 4–7, 2 from 8.
pub fn max_typos(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment edit distance (insert, delete, substitute, swap neighbours = 1 each),
/// over chars. Used to rank typo and sound-alike candidates.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n]
}

/// A word's consonant skeleton: its first letter, then its other letters without vowels, `y`, `h`, `w`, the silent
/// `g` of `gh`, and doubled letters ("wight" → "wt", "white" → "wt", "cellar" → "clr").
fn skeleton(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let silent_g = c == 'g' && chars.get(i + 1) == Some(&'h');
        if i > 0
            && (matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w')
                || silent_g
                || out.ends_with(c))
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether two words have the same consonants, in order, with at least two of them: vowel spellings vary far more
/// than consonants between homophones ("miele"/"meal", "baur"/"bore", "wight"/"white" are three or four edits
/// apart). Search allows such sound-alikes two edits more than others.
pub fn same_consonants(a: &str, b: &str) -> bool {
    let s = skeleton(a);
    s.chars().count() >= 2 && s == skeleton(b)
}

/// Double Metaphone codes (primary, then alternate if different) of a folded word, for
/// sound-alike matching. Words without at least two ASCII letters have none.
pub fn phonetic_codes(word: &str) -> Vec<String> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || word.len() < 2 {
        return Vec::new();
    }
    let dm = rphonetic::DoubleMetaphone::new(Some(6));
    let r = dm.double_metaphone(word);
    let mut codes = Vec::with_capacity(2);
    let p = r.primary();
    if !p.is_empty() {
        codes.push(p);
    }
    let a = r.alternate();
    if !a.is_empty() && !codes.contains(&a) {
        codes.push(a);
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        word_ranges(t).map(|r| &t[r]).collect()
    }

    #[test]
    fn segmentation_splits_on_punctuation_and_keeps_apostrophes_inside() {
        assert_eq!(words("  Hello, world!  "), ["Hello", "world"]);
        assert_eq!(
            words("rock'n'roll isn't 'quoted'"),
            ["rock'n'roll", "isn't", "quoted"]
        );
        assert_eq!(words("e-mail 3.5mm"), ["e", "mail", "3", "5mm"]);
        assert_eq!(
            words("<img src=x onerror=alert(1)>"),
            ["img", "src", "x", "onerror", "alert", "1"]
        );
        assert_eq!(
            words("東京タワー tokyo"),
            ["東", "京", "タ", "ワ", "ー", "tokyo"]
        );
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words("’’"), Vec::<&str>::new());
    }

    #[test]
    fn segmentation_keeps_decomposed_accents_in_the_word() {
        let t = "cafe\u{301} noir";
        assert_eq!(words(t), ["cafe\u{301}", "noir"]);
    }

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold_text("Crème BRÛLÉE"), ["creme", "brulee"]);
        assert_eq!(
            fold_text("Straße Ærøskøbing Łódź"),
            ["strasse", "aeroskobing", "lodz"]
        );
        assert_eq!(fold_text("ﬁsh ＦＵＬＬ"), ["fish", "full"]);
        assert_eq!(fold_text("don't"), ["dont"]);
        assert_eq!(fold_text("Ελληνικά Русский"), ["ελληνικα", "русскии"]);
    }

    #[test]
    fn fallback_table_agrees_with_nfkd_where_it_decomposes() {
        for cp in 0xC0u32..0x180 {
            let c = char::from_u32(cp).unwrap();
            let mut a = String::new();
            finish_fold(&fallback_decompose(c).to_string(), &mut a);
            let mut b = String::new();
            DefaultFolder.fold(&c.to_string(), &mut b);
            #[cfg(feature = "unicode-normalization")]
            if c.is_alphabetic() && !"ĲĳĿŀŉ".contains(c) {
                assert_eq!(a, b, "U+{cp:04X} {c}");
            }
            let _ = (a, b);
        }
    }

    #[test]
    fn custom_folder_closure() {
        let f = |w: &str, out: &mut String| out.push_str(&w.to_uppercase());
        let mut out = String::new();
        fold_word(&f, "été", &mut out);
        assert_eq!(out, "ÉTÉ");
        out.clear();
        fold_word(&f, "Plain", &mut out);
        assert_eq!(out, "plain", "ASCII words never reach the folder");
    }

    #[test]
    fn stop_words_are_sorted_and_found() {
        for list in [
            STOP_EN, STOP_FR, STOP_DE, STOP_ES, STOP_IT, STOP_NL, STOP_PT, STOP_ID,
        ] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                list.windows(2).find(|w| w[0] >= w[1])
            );
        }
        let en = Language::from_tag("en-US").unwrap();
        assert!(is_stop_word(en, "the"));
        assert!(!is_stop_word(en, "fork"));
        assert!(!is_stop_word(Language::Unstemmed, "the"));
    }

    #[test]
    fn language_tags_choose_stemmers() {
        assert_eq!(Language::from_tag("en-GB").map(Language::code), Some("en"));
        assert_eq!(Language::from_tag("nb-NO").map(Language::code), Some("no"));
        assert_eq!(Language::from_tag("pt_BR").map(Language::code), Some("pt"));
        assert_eq!(Language::from_tag("tlh"), None);
        assert_eq!(Language::from_tag(""), None);
        let s = Language::from_tag("en").unwrap().stemmer().unwrap();
        assert_eq!(s.stem("running"), "run");
        assert_eq!(s.stem("makers"), "maker");
        let fr = Language::from_tag("fr").unwrap().stemmer().unwrap();
        assert_eq!(fr.stem("chevaux"), "cheval");
    }

    fn strip(q: &str) -> Vec<String> {
        let w = fold_text(q);
        strip_filler(&w).to_vec()
    }

    #[test]
    fn filler_is_stripped_at_both_ends() {
        assert_eq!(strip("show me a tuning fork please"), ["tuning", "fork"]);
        assert_eq!(strip("Search for cheddar"), ["cheddar"]);
        assert_eq!(
            strip("I'm looking for the espresso maker"),
            ["espresso", "maker"]
        );
        assert_eq!(strip("can you find me a hammer, thanks"), ["hammer"]);
        assert_eq!(strip("find knight"), ["knight"]);
        assert_eq!(strip("I want cheese please"), ["cheese"]);
        assert_eq!(strip("look for bread for me"), ["bread"]);
        assert_eq!(strip("tuning fork"), ["tuning", "fork"]);
        assert_eq!(strip("find"), ["find"], "never strips everything");
        assert_eq!(strip("show me please"), ["show", "me", "please"]);
        assert_eq!(
            strip("the who"),
            ["the", "who"],
            "articles only go after a lead-in"
        );
    }

    #[test]
    fn typo_budget_scales_with_length() {
        assert_eq!(max_typos(3), 0);
        assert_eq!(max_typos(4), 1);
        assert_eq!(max_typos(7), 1);
        assert_eq!(max_typos(8), 2);
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("cheddar", "chedder"), 1);
        assert_eq!(edit_distance("espresso", "expresso"), 1);
        assert_eq!(edit_distance("fork", "frok"), 1);
        assert_eq!(edit_distance("night", "knight"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn homophones_share_their_consonants() {
        assert_eq!(skeleton("wight"), "wt");
        assert_eq!(skeleton("cellar"), "clr");
        assert!(same_consonants("miele", "meal"));
        assert!(same_consonants("baur", "bore"));
        assert!(same_consonants("wight", "white"));
        assert!(!same_consonants("fork", "cork"));
        assert!(!same_consonants("oosual", "wesley"));
        assert!(
            !same_consonants("ai", "oi"),
            "one consonant is too little to go on"
        );
    }

    #[test]
    fn phonetic_codes_match_homophones() {
        assert_eq!(phonetic_codes("night")[0], phonetic_codes("knight")[0]);
        assert_eq!(phonetic_codes("cheddar")[0], phonetic_codes("chedder")[0]);
        assert!(phonetic_codes("42").is_empty());
        assert!(phonetic_codes("é").is_empty());
    }
}
