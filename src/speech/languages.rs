//! The recognition languages Hark offers: the locales of Chrome's Web Speech demo, grouped by language, with
//! readable names ("English (United Kingdom)", "中文 (普通话, 中国大陆)") and BCP-47 tags as values.

/// One language with its dialects (each a BCP-47 tag the recognizer accepts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageGroup {
    /// The language's own name for itself, e.g. "Deutsch".
    pub name: &'static str,
    /// The dialects: tag and region name in the language itself (empty when the language has one dialect).
    pub dialects: &'static [(&'static str, &'static str)],
}

/// A single selectable locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// BCP-47 tag, e.g. `en-GB`.
    pub tag: &'static str,
    /// The group it belongs to.
    pub language: &'static str,
    /// The region or variant, empty when the language has one dialect.
    pub region: &'static str,
}

impl Locale {
    /// The readable name shown in the picker: "English (United Kingdom)", or just "Deutsch".
    pub fn label(&self) -> String {
        if self.region.is_empty() {
            self.language.to_string()
        } else {
            format!("{} ({})", self.language, self.region)
        }
    }
}

/// The tag used when the browser's language is not in the list.
pub const FALLBACK_TAG: &str = "en-US";

macro_rules! group {
    ($name:expr, [$(($tag:expr, $region:expr)),* $(,)?]) => {
        LanguageGroup { name: $name, dialects: &[$(($tag, $region)),*] }
    };
}

/// Every language group, in the order shown.
pub const LANGUAGES: &[LanguageGroup] = &[
    group!("Afrikaans", [("af-ZA", "")]),
    group!("አማርኛ", [("am-ET", "")]),
    group!("Azərbaycanca", [("az-AZ", "")]),
    group!("বাংলা", [("bn-BD", "বাংলাদেশ"), ("bn-IN", "ভারত")]),
    group!("Bahasa Indonesia", [("id-ID", "")]),
    group!("Bahasa Melayu", [("ms-MY", "")]),
    group!("Català", [("ca-ES", "")]),
    group!("Čeština", [("cs-CZ", "")]),
    group!("Dansk", [("da-DK", "")]),
    group!("Deutsch", [("de-DE", "")]),
    group!(
        "English",
        [
            ("en-AU", "Australia"),
            ("en-CA", "Canada"),
            ("en-IN", "India"),
            ("en-KE", "Kenya"),
            ("en-TZ", "Tanzania"),
            ("en-GH", "Ghana"),
            ("en-NZ", "New Zealand"),
            ("en-NG", "Nigeria"),
            ("en-ZA", "South Africa"),
            ("en-PH", "Philippines"),
            ("en-GB", "United Kingdom"),
            ("en-US", "United States"),
        ]
    ),
    group!(
        "Español",
        [
            ("es-AR", "Argentina"),
            ("es-BO", "Bolivia"),
            ("es-CL", "Chile"),
            ("es-CO", "Colombia"),
            ("es-CR", "Costa Rica"),
            ("es-EC", "Ecuador"),
            ("es-SV", "El Salvador"),
            ("es-ES", "España"),
            ("es-US", "Estados Unidos"),
            ("es-GT", "Guatemala"),
            ("es-HN", "Honduras"),
            ("es-MX", "México"),
            ("es-NI", "Nicaragua"),
            ("es-PA", "Panamá"),
            ("es-PY", "Paraguay"),
            ("es-PE", "Perú"),
            ("es-PR", "Puerto Rico"),
            ("es-DO", "República Dominicana"),
            ("es-UY", "Uruguay"),
            ("es-VE", "Venezuela"),
        ]
    ),
    group!("Euskara", [("eu-ES", "")]),
    group!("Filipino", [("fil-PH", "")]),
    group!("Français", [("fr-FR", "")]),
    group!("Basa Jawa", [("jv-ID", "")]),
    group!("Galego", [("gl-ES", "")]),
    group!("ગુજરાતી", [("gu-IN", "")]),
    group!("Hrvatski", [("hr-HR", "")]),
    group!("IsiZulu", [("zu-ZA", "")]),
    group!("Íslenska", [("is-IS", "")]),
    group!("Italiano", [("it-IT", "Italia"), ("it-CH", "Svizzera")]),
    group!("ಕನ್ನಡ", [("kn-IN", "")]),
    group!("ភាសាខ្មែរ", [("km-KH", "")]),
    group!("Latviešu", [("lv-LV", "")]),
    group!("Lietuvių", [("lt-LT", "")]),
    group!("മലയാളം", [("ml-IN", "")]),
    group!("मराठी", [("mr-IN", "")]),
    group!("Magyar", [("hu-HU", "")]),
    group!("ລາວ", [("lo-LA", "")]),
    group!("Nederlands", [("nl-NL", "")]),
    group!("नेपाली भाषा", [("ne-NP", "")]),
    group!("Norsk bokmål", [("nb-NO", "")]),
    group!("Polski", [("pl-PL", "")]),
    group!("Português", [("pt-BR", "Brasil"), ("pt-PT", "Portugal")]),
    group!("Română", [("ro-RO", "")]),
    group!("සිංහල", [("si-LK", "")]),
    group!("Slovenščina", [("sl-SI", "")]),
    group!("Basa Sunda", [("su-ID", "")]),
    group!("Slovenčina", [("sk-SK", "")]),
    group!("Suomi", [("fi-FI", "")]),
    group!("Svenska", [("sv-SE", "")]),
    group!("Kiswahili", [("sw-TZ", "Tanzania"), ("sw-KE", "Kenya")]),
    group!("ქართული", [("ka-GE", "")]),
    group!("Հայերեն", [("hy-AM", "")]),
    group!(
        "தமிழ்",
        [("ta-IN", "இந்தியா"), ("ta-SG", "சிங்கப்பூர்"), ("ta-LK", "இலங்கை"), ("ta-MY", "மலேசியா")]
    ),
    group!("తెలుగు", [("te-IN", "")]),
    group!("Tiếng Việt", [("vi-VN", "")]),
    group!("Türkçe", [("tr-TR", "")]),
    group!("اُردُو", [("ur-PK", "پاکستان"), ("ur-IN", "بھارت")]),
    group!("Ελληνικά", [("el-GR", "")]),
    group!("Български", [("bg-BG", "")]),
    group!("Русский", [("ru-RU", "")]),
    group!("Српски", [("sr-RS", "")]),
    group!("Українська", [("uk-UA", "")]),
    group!("한국어", [("ko-KR", "")]),
    group!(
        "中文",
        [
            ("cmn-Hans-CN", "普通话, 中国大陆"),
            ("cmn-Hans-HK", "普通话, 香港"),
            ("cmn-Hant-TW", "國語, 台灣"),
            ("yue-Hant-HK", "粵語, 香港"),
        ]
    ),
    group!("日本語", [("ja-JP", "")]),
    group!("हिन्दी", [("hi-IN", "")]),
    group!("ภาษาไทย", [("th-TH", "")]),
];

/// Every locale, flattened in display order.
pub fn all_locales() -> impl Iterator<Item = Locale> {
    LANGUAGES.iter().flat_map(|group| {
        group.dialects.iter().map(move |&(tag, region)| Locale { tag, language: group.name, region })
    })
}

/// The language of a BCP-47 tag, lower case: `"de-AT"` and `"DE_at"` → `"de"`.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// The locale for an exact tag (compared case-insensitively), if Hark offers it.
pub fn find(tag: &str) -> Option<Locale> {
    all_locales().find(|locale| locale.tag.eq_ignore_ascii_case(tag.trim()))
}

/// The best offered locale for a browser language such as `navigator.language`.
///
/// An exact tag wins; then Chinese script/region aliases (`zh-CN` → `cmn-Hans-CN`); then the language's usual
/// locale (`de` → `de-DE`, `en` → `en-US`); `None` when the language is not offered at all.
pub fn best_match(browser_tag: &str) -> Option<Locale> {
    let tag = browser_tag.trim().replace('_', "-");
    if let Some(locale) = find(&tag) {
        return Some(locale);
    }
    let lower = tag.to_ascii_lowercase();
    let alias = match lower.as_str() {
        "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" | "zh-sg" => Some("cmn-Hans-CN"),
        "zh-tw" | "zh-hant" | "zh-hant-tw" => Some("cmn-Hant-TW"),
        "zh-hk" | "zh-hant-hk" | "yue" => Some("yue-Hant-HK"),
        "no" | "nb" | "nn" | "no-no" | "nn-no" => Some("nb-NO"),
        "tl" | "fil" => Some("fil-PH"),
        _ => None,
    };
    if let Some(alias) = alias {
        return find(alias);
    }
    let primary = lower.split('-').next().unwrap_or_default();
    if primary.is_empty() {
        return None;
    }
    let usual = match primary {
        "en" => Some("en-US"),
        "pt" => Some("pt-BR"),
        _ => None,
    };
    if let Some(tag) = usual {
        return find(tag);
    }
    let same_language: Vec<Locale> = all_locales()
        .filter(|locale| locale.tag.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary)))
        .collect();
    // Prefer the locale whose region repeats the language (de-DE, fr-FR, it-IT, es-ES), else the first.
    same_language
        .iter()
        .find(|locale| locale.tag.rsplit('-').next().is_some_and(|region| region.eq_ignore_ascii_case(primary)))
        .or_else(|| same_language.first())
        .copied()
}

/// The default recognition language: the first browser language Hark offers, else [`FALLBACK_TAG`].
pub fn default_tag<'a>(browser_languages: impl IntoIterator<Item = &'a str>) -> &'static str {
    browser_languages.into_iter().find_map(best_match).map_or(FALLBACK_TAG, |locale| locale.tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_at_least_the_chrome_demo_locales() {
        assert!(all_locales().count() >= 60, "{}", all_locales().count());
    }

    #[test]
    fn tags_are_unique_bcp47() {
        let mut tags: Vec<&str> = all_locales().map(|l| l.tag).collect();
        for tag in &tags {
            let parts: Vec<&str> = tag.split('-').collect();
            assert!((2..=3).contains(&parts.len()), "{tag}");
            assert!(parts[0].chars().all(|c| c.is_ascii_lowercase()) && (2..=3).contains(&parts[0].len()), "{tag}");
            let region = parts[parts.len() - 1];
            assert!(region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase()), "{tag}");
        }
        let count = tags.len();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(tags.len(), count, "duplicate tags");
    }

    #[test]
    fn readable_labels() {
        assert_eq!(find("en-GB").map(|l| l.label()).as_deref(), Some("English (United Kingdom)"));
        assert_eq!(find("id-ID").map(|l| l.label()).as_deref(), Some("Bahasa Indonesia"));
        assert_eq!(find("cmn-Hans-CN").map(|l| l.label()).as_deref(), Some("中文 (普通话, 中国大陆)"));
    }

    #[test]
    fn browser_language_matching() {
        assert_eq!(best_match("en-GB").map(|l| l.tag), Some("en-GB"));
        assert_eq!(best_match("EN-gb").map(|l| l.tag), Some("en-GB"));
        assert_eq!(best_match("en").map(|l| l.tag), Some("en-US"));
        assert_eq!(best_match("de").map(|l| l.tag), Some("de-DE"));
        assert_eq!(best_match("de-AT").map(|l| l.tag), Some("de-DE"));
        assert_eq!(best_match("es").map(|l| l.tag), Some("es-ES"));
        assert_eq!(best_match("zh-CN").map(|l| l.tag), Some("cmn-Hans-CN"));
        assert_eq!(best_match("zh-TW").map(|l| l.tag), Some("cmn-Hant-TW"));
        assert_eq!(best_match("pt_BR").map(|l| l.tag), Some("pt-BR"));
        assert_eq!(best_match("xx-YY"), None);
        assert_eq!(best_match(""), None);
    }

    #[test]
    fn default_is_first_offered_browser_language_else_en_us() {
        assert_eq!(default_tag(["xx", "fr-CA", "de"]), "fr-FR");
        assert_eq!(default_tag(["id-ID"]), "id-ID");
        assert_eq!(default_tag(["xx-YY"]), FALLBACK_TAG);
        assert_eq!(default_tag([]), FALLBACK_TAG);
    }
}
