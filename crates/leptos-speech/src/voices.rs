//! Which synthesis voice fits a language, and which one the reader uses.
//!
//! Pure logic, tested on the host. Voice languages come in many spellings (`en-US`, `en_US` on Android, `zh-CN` for
//! the recognition tag `cmn-Hans-CN`), so tags are compared by language and region after normalising.

/// What the crate knows about one `SpeechSynthesisVoice`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VoiceInfo {
    /// `voiceURI`, the stable identifier an app stores (falls back to the name when a browser leaves it empty).
    pub uri: String,
    /// Human name, e.g. "Google UK English Female".
    pub name: String,
    /// BCP-47-ish language tag as the browser reports it.
    pub lang: String,
    /// Synthesised on the device (no network needed, no 15-second limit).
    pub local: bool,
    /// The browser's default voice.
    pub default: bool,
}

impl VoiceInfo {
    /// "Name (lang)" for the voice picker.
    pub fn label(&self) -> String {
        if self.lang.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.lang)
        }
    }

    /// Whether `key` (a stored preference) names this voice, by URI or by name.
    pub fn is(&self, key: &str) -> bool {
        !key.is_empty() && (self.uri == key || self.name == key)
    }
}

/// Recognition language subtags whose voices are filed under another language.
const ALIASES: &[(&str, &str)] = &[("cmn", "zh"), ("yue", "zh"), ("nb", "no"), ("nn", "no"), ("fil", "tl")];

/// `(language, region)` of a tag, lower-cased, aliases applied: `cmn-Hans-CN` → `("zh", "cn")`, `en_GB` → `("en", "gb")`.
fn language_and_region(tag: &str) -> (String, String) {
    let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or("").to_string();
    let language = ALIASES.iter().find(|(from, _)| *from == language).map_or(language, |(_, to)| to.to_string());
    let region = subtags
        .find(|s| (s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic())) || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit())))
        .unwrap_or("")
        .to_string();
    (language, region)
}

/// How well a voice's language fits the wanted one: 0 not at all, 1 same language, 2 same language and region.
pub fn fit(voice_lang: &str, wanted: &str) -> u8 {
    let (voice_language, voice_region) = language_and_region(voice_lang);
    let (language, region) = language_and_region(wanted);
    if voice_language.is_empty() || voice_language != language {
        0
    } else if !region.is_empty() && voice_region == region {
        2
    } else {
        1
    }
}

/// The voices for `lang`, best first: same region before same language, then the browser's default voice, then
/// voices on the device (they work offline and have no time limit), then the browser's order.
pub fn voices_for(voices: &[VoiceInfo], lang: &str) -> Vec<usize> {
    let rank = |i: usize| {
        let voice = &voices[i];
        (std::cmp::Reverse(fit(&voice.lang, lang)), !voice.default, !voice.local, i)
    };
    let mut fitting: Vec<usize> = Vec::new();
    // An insertion sort: a browser has tens of voices, and a library sort would add kilobytes to the page.
    for i in (0..voices.len()).filter(|&i| fit(&voices[i].lang, lang) > 0) {
        let at = fitting.iter().position(|&j| rank(i) < rank(j)).unwrap_or(fitting.len());
        fitting.insert(at, i);
    }
    fitting
}

/// The voice to use: the `preferred` one (URI or name) if it is installed, else the best voice for `lang`, else
/// none (the browser then picks by the utterance's language).
pub fn choose(voices: &[VoiceInfo], lang: &str, preferred: &str) -> Option<usize> {
    voices.iter().position(|voice| voice.is(preferred)).or_else(|| voices_for(voices, lang).first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice(name: &str, lang: &str, local: bool, default: bool) -> VoiceInfo {
        VoiceInfo { uri: format!("uri:{name}"), name: name.into(), lang: lang.into(), local, default }
    }

    fn list() -> Vec<VoiceInfo> {
        vec![
            voice("Remote US", "en-US", false, false),
            voice("Local GB", "en_GB", true, false),
            voice("Local US", "en-US", true, false),
            voice("Deutsch", "de-DE", true, true),
            voice("Mandarin", "zh-CN", false, false),
        ]
    }

    #[test]
    fn tags_fit_by_language_then_region() {
        assert_eq!(fit("en-US", "en-US"), 2);
        assert_eq!(fit("en_us", "en-US"), 2);
        assert_eq!(fit("en-GB", "en-US"), 1);
        assert_eq!(fit("en", "en-US"), 1);
        assert_eq!(fit("de-DE", "en-US"), 0);
        assert_eq!(fit("zh-CN", "cmn-Hans-CN"), 2);
        assert_eq!(fit("zh-HK", "yue-Hant-HK"), 2);
        assert_eq!(fit("es-419", "es-419"), 2);
        assert_eq!(fit("", "en-US"), 0);
    }

    #[test]
    fn best_voice_is_same_region_default_then_local() {
        let voices = list();
        let names = |lang: &str| voices_for(&voices, lang).into_iter().map(|i| voices[i].name.as_str()).collect::<Vec<_>>();
        assert_eq!(names("en-US"), vec!["Local US", "Remote US", "Local GB"]);
        assert_eq!(names("en-GB"), vec!["Local GB", "Local US", "Remote US"]);
        assert_eq!(names("de-DE"), vec!["Deutsch"]);
        assert_eq!(names("cmn-Hans-CN"), vec!["Mandarin"]);
        assert!(names("fr-FR").is_empty());

        let mut with_default = list();
        with_default[0].default = true;
        assert_eq!(voices_for(&with_default, "en-US")[0], 0, "the browser's default voice leads when it fits");
    }

    #[test]
    fn a_stored_choice_wins_when_installed() {
        let voices = list();
        assert_eq!(choose(&voices, "en-US", "uri:Remote US"), Some(0));
        assert_eq!(choose(&voices, "en-US", "Deutsch"), Some(3), "by name too, even for another language");
        assert_eq!(choose(&voices, "en-US", "uri:gone"), Some(2));
        assert_eq!(choose(&voices, "en-US", ""), Some(2));
        assert_eq!(choose(&voices, "fr-FR", ""), None);
        assert_eq!(choose(&[], "en-US", "x"), None);
        assert_eq!(voices[1].label(), "Local GB (en_GB)");
    }
}
