//! The sentences Hark says around the results it reads, in the listener's language: the summary and "nothing found"
//! (when the site's `hark.json` does not set its own), the word for "result", "Did you mean …?" and the paging
//! sentences. The listener's language is the recognition language, whose voice reads them.
//!
//! English, German, French, Spanish, Italian, Dutch and Portuguese (the languages the page's engine stems); any
//! other language hears English. Pure, tested on the host.

use super::languages::primary_language;
use super::template::Template;
use super::text::plural;

/// What is said around the results in one language. The templates use the same `{placeholders}` as `hark.json`'s
/// `speak` ([`crate::search::config::SpeakConfig`]) and [`Template`].
#[derive(Debug, PartialEq, Eq)]
pub struct Sentences {
    /// The language, as the primary subtag of a BCP-47 tag (`"es"`).
    pub language: &'static str,
    /// Said first when there are results: `{count}`, `{results}`, `{query}`, `{read}`.
    pub summary: &'static str,
    /// Said when nothing was found: `{query}`.
    pub none: &'static str,
    /// One result, and several: what `{results}` becomes.
    pub result: (&'static str, &'static str),
    /// The recognizer's runner-up, asked after the summary: `{text}`.
    pub did_you_mean: &'static str,
    /// "next" past the last result.
    pub no_more: &'static str,
    /// A later page: `{from}`, `{to}`.
    pub page: &'static str,
    /// A result asked for by number that is not there: `{rank}`.
    pub no_such_result: &'static str,
}

impl Sentences {
    /// The sentences for a BCP-47 recognition language (`"es-MX"` → Spanish); English for any other.
    pub fn for_lang(tag: &str) -> &'static Sentences {
        let primary = primary_language(tag);
        SENTENCE_LANGUAGES.into_iter().find(|sentences| sentences.language == primary).unwrap_or(&EN)
    }

    /// `result` or its plural, for `count`.
    pub fn results_word(&self, count: usize) -> &'static str {
        plural(count, self.result.0, self.result.1)
    }

    /// "Did you mean `text`?"
    pub fn did_you_mean(&self, text: &str) -> String {
        fill(self.did_you_mean, &[("text", text)])
    }

    /// "Results `from` to `to`."
    pub fn page(&self, from: &str, to: &str) -> String {
        fill(self.page, &[("from", from), ("to", to)])
    }

    /// "There is no result `rank`."
    pub fn no_such_result(&self, rank: &str) -> String {
        fill(self.no_such_result, &[("rank", rank)])
    }
}

/// Every language with sentences of its own.
pub const SENTENCE_LANGUAGES: [&Sentences; 7] = [&EN, &DE, &FR, &ES, &IT, &NL, &PT];

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    Template::parse(template).render(|name| values.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string()))
}

const EN: Sentences = Sentences {
    language: "en",
    summary: "{count} {results} for {query}.",
    none: "No results for {query}.",
    result: ("result", "results"),
    did_you_mean: "Did you mean {text}?",
    no_more: "There are no more results.",
    page: "Results {from} to {to}.",
    no_such_result: "There is no result {rank}.",
};

const DE: Sentences = Sentences {
    language: "de",
    summary: "{count} {results} für {query}.",
    none: "Keine Ergebnisse für {query}.",
    result: ("Ergebnis", "Ergebnisse"),
    did_you_mean: "Meinten Sie {text}?",
    no_more: "Es gibt keine weiteren Ergebnisse.",
    page: "Ergebnisse {from} bis {to}.",
    no_such_result: "Es gibt kein Ergebnis {rank}.",
};

const FR: Sentences = Sentences {
    language: "fr",
    summary: "{count} {results} pour {query}.",
    none: "Aucun résultat pour {query}.",
    result: ("résultat", "résultats"),
    did_you_mean: "Vouliez-vous dire {text} ?",
    no_more: "Il n'y a pas d'autres résultats.",
    page: "Résultats {from} à {to}.",
    no_such_result: "Il n'y a pas de résultat {rank}.",
};

const ES: Sentences = Sentences {
    language: "es",
    summary: "{count} {results} para {query}.",
    none: "No hay resultados para {query}.",
    result: ("resultado", "resultados"),
    did_you_mean: "¿Quisiste decir {text}?",
    no_more: "No hay más resultados.",
    page: "Resultados {from} a {to}.",
    no_such_result: "No hay un resultado {rank}.",
};

const IT: Sentences = Sentences {
    language: "it",
    summary: "{count} {results} per {query}.",
    none: "Nessun risultato per {query}.",
    result: ("risultato", "risultati"),
    did_you_mean: "Forse cercavi {text}?",
    no_more: "Non ci sono altri risultati.",
    page: "Risultati da {from} a {to}.",
    no_such_result: "Non c'è un risultato {rank}.",
};

const NL: Sentences = Sentences {
    language: "nl",
    summary: "{count} {results} voor {query}.",
    none: "Geen resultaten voor {query}.",
    result: ("resultaat", "resultaten"),
    did_you_mean: "Bedoelde je {text}?",
    no_more: "Er zijn geen resultaten meer.",
    page: "Resultaten {from} tot {to}.",
    no_such_result: "Er is geen resultaat {rank}.",
};

const PT: Sentences = Sentences {
    language: "pt",
    summary: "{count} {results} para {query}.",
    none: "Nenhum resultado para {query}.",
    result: ("resultado", "resultados"),
    did_you_mean: "Você quis dizer {text}?",
    no_more: "Não há mais resultados.",
    page: "Resultados {from} a {to}.",
    no_such_result: "Não há um resultado {rank}.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::config::SUMMARY_PLACEHOLDERS;

    #[test]
    fn the_recognition_language_picks_the_sentences() {
        assert_eq!(Sentences::for_lang("es-MX"), &ES);
        assert_eq!(Sentences::for_lang("pt_BR"), &PT);
        assert_eq!(Sentences::for_lang("DE"), &DE);
        assert_eq!(Sentences::for_lang("ja-JP"), &EN, "a language without sentences hears English");
        assert_eq!(Sentences::for_lang(""), &EN);
        assert_eq!(ES.did_you_mean("zapatos negros"), "¿Quisiste decir zapatos negros?");
        assert_eq!(DE.page("11", "20"), "Ergebnisse 11 bis 20.");
        assert_eq!(FR.results_word(1), "résultat");
        assert_eq!(FR.results_word(0), "résultats");
    }

    #[test]
    fn every_language_uses_only_the_placeholders_its_sentence_is_given() {
        for sentences in SENTENCE_LANGUAGES {
            assert!(Template::parse(sentences.summary).unknown(SUMMARY_PLACEHOLDERS).is_empty(), "{sentences:?}");
            assert!(Template::parse(sentences.none).unknown(SUMMARY_PLACEHOLDERS).is_empty(), "{sentences:?}");
            assert!(!sentences.did_you_mean("x").contains('{'), "{sentences:?}");
            assert!(!sentences.page("1", "2").contains('{'), "{sentences:?}");
            assert!(!sentences.no_such_result("3").contains('{'), "{sentences:?}");
        }
    }
}
