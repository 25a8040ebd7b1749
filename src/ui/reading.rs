//! What Hark reads aloud for a search: the summary line, then the top results, from the site's templates.
//!
//! Pure: built from the response and `hark.json`'s `speak` settings, tested on the host.

use crate::search::config::SpeakConfig;
use crate::search::SearchResponse;
use crate::speech::coordinator::Part;
use crate::speech::read_back::Sentences;
use crate::speech::template::Template;
use crate::speech::text::{first_sentence, spoken_number};
use crate::speech::SpeechItem;

/// The items to speak for `response`: the summary (untagged), then each result read, tagged with its position in
/// the list so the page can highlight it. Empty when there is no query. What Hark says in its own words is in
/// `lang`, the recognition language (BCP-47) whose voice reads it ([`Sentences`]).
pub fn script(response: &SearchResponse, speak: &SpeakConfig, lang: &str) -> Vec<SpeechItem> {
    let query = response.query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let sentences = Sentences::for_lang(lang);
    let count = response.results.len();
    let read = count.min(speak.read_count());
    let summary = match (response.offset, count) {
        // What a shop catalog understood ("12 chairs, under $100.") replaces the template's sentence.
        (0, _) => response.summary.clone().unwrap_or_else(|| {
            let site_sentence = if count == 0 { speak.none.as_deref() } else { speak.summary.as_deref() };
            // The site's own sentence is in the site's language, and so is its `{results}`; Hark's is the listener's.
            let (template, words) = match site_sentence {
                Some(template) => (template, Sentences::for_lang(&speak.lang)),
                None => (if count == 0 { sentences.none } else { sentences.summary }, sentences),
            };
            Template::parse(template).render(|name| match name {
                "count" => Some(spoken_number(count)),
                "results" => Some(words.results_word(count).to_string()),
                "query" => Some(query.to_string()),
                "read" => Some(spoken_number(read)),
                _ => None,
            })
        }),
        // A later page ("next"): say where it starts.
        (_, 0) => sentences.no_more.to_string(),
        (offset, _) => sentences.page(&spoken_number(offset + 1), &spoken_number(offset + count)),
    };
    // The recognizer's runner-up, when it finds clearly different things, is asked right after the summary.
    let did_you_mean = response.did_you_mean.as_ref().map(|text| SpeechItem::plain(sentences.did_you_mean(text)));
    let result_template = Template::parse(&speak.result);
    let results = response.results.iter().take(read).enumerate().map(|(position, _)| result_item(response, position, &result_template));
    std::iter::once(SpeechItem::plain(summary)).chain(did_you_mean).chain(results.flatten()).filter(|item| !item.text.trim().is_empty()).collect()
}

/// The items to speak for part of `response`, as asked for by a voice command: the top, or one result; Hark's own
/// words in `lang` (see [`script`]).
pub fn script_part(response: &SearchResponse, speak: &SpeakConfig, part: Part, lang: &str) -> Vec<SpeechItem> {
    if response.query.trim().is_empty() {
        return Vec::new();
    }
    let template = Template::parse(&speak.result);
    let items: Vec<SpeechItem> = match part {
        Part::Top => return script(response, speak, lang),
        Part::One(position) => match result_item(response, position, &template) {
            Some(item) => vec![item],
            None => vec![SpeechItem::plain(Sentences::for_lang(lang).no_such_result(&spoken_number(position + 1)))],
        },
    };
    items.into_iter().filter(|item| !item.text.trim().is_empty()).collect()
}

/// The result at `position`, read by `template` and tagged with its position; `None` past the end.
fn result_item(response: &SearchResponse, position: usize, template: &Template) -> Option<SpeechItem> {
    let result = response.results.get(position)?;
    let text = template.render(|name| match name {
        "title" => Some(result.title.trim().to_string()),
        "description" => Some(result.description.trim().to_string()),
        "description_first_sentence" => Some(first_sentence(&result.description)),
        "category" => Some(result.category.trim().to_string()),
        "rank" => Some(spoken_number(response.offset + position + 1)),
        _ => None,
    });
    Some(SpeechItem::tagged(text, position))
}

/// `text` cut around the word a boundary event points at: before, the word, after. `char_index` and `char_length`
/// are UTF-16 offsets (as the browser sends them); a length of 0 (some voices) runs to the next space. `None` when
/// the index is past the end or not on a character boundary.
pub fn split_at_word(text: &str, char_index: u32, char_length: u32) -> Option<(&str, &str, &str)> {
    let start = utf16_to_byte(text, char_index as usize)?;
    let end = if char_length == 0 {
        text[start..].find(char::is_whitespace).map_or(text.len(), |offset| start + offset)
    } else {
        utf16_to_byte(text, char_index as usize + char_length as usize).unwrap_or(text.len())
    };
    (start < end).then(|| (&text[..start], &text[start..end], &text[end..]))
}

fn utf16_to_byte(text: &str, utf16: usize) -> Option<usize> {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units == utf16 {
            return Some(byte);
        }
        if units > utf16 {
            return None;
        }
        units += c.len_utf16();
    }
    (units == utf16).then_some(text.len())
}

/// How many results a reading of `response` covers.
pub fn read_count(response: &SearchResponse, speak: &SpeakConfig) -> usize {
    response.results.len().min(speak.read_count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchResult;

    fn result(title: &str, description: &str) -> SearchResult {
        SearchResult {
            id: title.into(),
            title: title.into(),
            title_spans: vec![],
            description: description.into(),
            description_spans: vec![],
            category: "lighting".into(),
            ..SearchResult::default()
        }
    }

    fn response(n: usize) -> SearchResponse {
        SearchResponse {
            seq: 1,
            query: "lamp".into(),
            results: (1..=n).map(|i| result(&format!("lamp {i}"), &format!("Light number {i}. It glows; \"a lamp\""))).collect(),
            ..SearchResponse::default()
        }
    }

    #[test]
    fn what_a_shop_understood_is_the_summary_and_the_runner_up_is_asked_after_it() {
        let response = SearchResponse {
            summary: Some("2 chairs, under $100.".into()),
            did_you_mean: Some("bread shoes".into()),
            ..response(2)
        };
        let items = script(&response, &SpeakConfig::default(), "en-US");
        assert_eq!(items[0].text, "2 chairs, under $100.");
        assert_eq!(items[1].text, "Did you mean bread shoes?");
        assert_eq!(items[2].tag, Some(0));
    }

    fn texts(items: &[SpeechItem]) -> Vec<(&str, Option<usize>)> {
        items.iter().map(|item| (item.text.as_str(), item.tag)).collect()
    }

    #[test]
    fn summary_then_the_top_three_with_their_first_sentence() {
        let items = script(&response(5), &SpeakConfig::default(), "en-US");
        assert_eq!(
            texts(&items),
            vec![
                ("5 results for lamp.", None),
                ("lamp 1. Light number 1.", Some(0)),
                ("lamp 2. Light number 2.", Some(1)),
                ("lamp 3. Light number 3.", Some(2)),
            ]
        );
        assert_eq!(read_count(&response(5), &SpeakConfig::default()), 3);
    }

    #[test]
    fn counts_are_natural_and_nothing_found_is_said() {
        assert_eq!(texts(&script(&response(1), &SpeakConfig::default(), "en-US"))[0], ("1 result for lamp.", None));
        assert_eq!(texts(&script(&response(0), &SpeakConfig::default(), "en-US")), vec![("No results for lamp.", None)]);
        let empty_query = SearchResponse::default();
        assert!(script(&empty_query, &SpeakConfig::default(), "en-US").is_empty());
        let mut many = response(1);
        many.results = (0..1200).map(|i| result(&i.to_string(), "")).collect();
        assert_eq!(script(&many, &SpeakConfig::default(), "en-US")[0].text, "1200 results for lamp.");
        assert_eq!(script(&many, &SpeakConfig::default(), "en-US")[1].text, "0.", "an empty description leaves no gap");
    }

    #[test]
    fn the_word_a_boundary_points_at() {
        assert_eq!(split_at_word("5 results for lamp.", 2, 7), Some(("5 ", "results", " for lamp.")));
        assert_eq!(split_at_word("5 results for lamp.", 14, 0), Some(("5 results for ", "lamp.", "")));
        assert_eq!(split_at_word("Crème brûlée, a dessert", 6, 6), Some(("Crème ", "brûlée", ", a dessert")));
        assert_eq!(split_at_word("😀 smile", 3, 5), Some(("😀 ", "smile", "")), "an emoji is two UTF-16 units");
        assert_eq!(split_at_word("😀 smile", 1, 1), None, "inside a surrogate pair");
        assert_eq!(split_at_word("lamp", 40, 2), None);
        assert_eq!(split_at_word("lamp", 4, 0), None);
        assert_eq!(split_at_word("lamp", 1, 90), Some(("l", "amp", "")));
    }

    #[test]
    fn commands_read_one_result_and_a_later_page_says_where_it_starts() {
        let speak = SpeakConfig::default();
        assert_eq!(texts(&script_part(&response(5), &speak, Part::One(1), "en-US")), vec![("lamp 2. Light number 2.", Some(1))]);
        assert_eq!(texts(&script_part(&response(2), &speak, Part::One(6), "en-US")), vec![("There is no result 7.", None)]);
        let next = SearchResponse { offset: 10, ..response(2) };
        assert_eq!(
            texts(&script(&next, &speak, "en-US")),
            vec![("Results 11 to 12.", None), ("lamp 1. Light number 1.", Some(0)), ("lamp 2. Light number 2.", Some(1))]
        );
        let past_the_end = SearchResponse { offset: 10, ..response(0) };
        assert_eq!(texts(&script(&past_the_end, &speak, "en-US")), vec![("There are no more results.", None)]);
        assert_eq!(script_part(&response(5), &speak, Part::Top, "en-US"), script(&response(5), &speak, "en-US"));
        assert!(script_part(&SearchResponse::default(), &speak, Part::One(0), "en-US").is_empty());
    }

    #[test]
    fn hark_speaks_its_own_words_in_the_listeners_language() {
        let speak = SpeakConfig::default();
        assert_eq!(texts(&script(&response(2), &speak, "es-ES"))[0], ("2 resultados para lamp.", None));
        assert_eq!(texts(&script(&response(1), &speak, "de-DE"))[0], ("1 Ergebnis für lamp.", None));
        assert_eq!(texts(&script(&response(0), &speak, "fr-FR")), vec![("Aucun résultat pour lamp.", None)]);
        let asked = SearchResponse { did_you_mean: Some("lampe".into()), ..response(1) };
        assert_eq!(script(&asked, &speak, "fr-CA")[1].text, "Vouliez-vous dire lampe ?");
        let next = SearchResponse { offset: 10, ..response(2) };
        assert_eq!(script(&next, &speak, "it-IT")[0].text, "Risultati da 11 a 12.");
        assert_eq!(texts(&script_part(&response(2), &speak, Part::One(6), "pt-BR")), vec![("Não há um resultado 7.", None)]);
        // A site's own sentence is said as written, `{results}` in the site's language.
        let own = SpeakConfig { summary: Some("{count} {results} para «{query}».".into()), lang: "es".into(), ..SpeakConfig::default() };
        assert_eq!(script(&response(3), &own, "es-MX")[0].text, "3 resultados para «lamp».");
        assert_eq!(script(&response(3), &own, "de-DE")[0].text, "3 resultados para «lamp».");
        // What a shop understood was said in the recognition language already.
        let understood = SearchResponse { summary: Some("2 sillas, menos de 100 €.".into()), ..response(2) };
        assert_eq!(script(&understood, &speak, "es-ES")[0].text, "2 sillas, menos de 100 €.");
    }

    #[test]
    fn templates_come_from_the_config_and_unknown_placeholders_are_read_as_written() {
        let speak = SpeakConfig {
            summary: Some("Top {read} of {count}:".into()),
            none: Some("Nichts für {query}.".into()),
            result: "Number {rank}, {title}, in {category}. {oops}".into(),
            read: 2,
            lang: "en".into(),
        };
        assert_eq!(
            texts(&script(&response(4), &speak, "en-US")),
            vec![
                ("Top 2 of 4:", None),
                ("Number 1, lamp 1, in lighting. {oops}", Some(0)),
                ("Number 2, lamp 2, in lighting. {oops}", Some(1)),
            ]
        );
        assert_eq!(script(&response(0), &speak, "en-US")[0].text, "Nichts für lamp.");
        let silent = SpeakConfig { read: 0, ..SpeakConfig::default() };
        assert_eq!(script(&response(4), &silent, "en-US").len(), 1, "read: 0 says only the summary");
    }
}
