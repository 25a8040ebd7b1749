//! Text prepared for a voice: the first sentence of a description, sentence-sized pieces, and counts.
//!
//! Pure logic, tested on the host. Chrome stops Google's network voices after about 15 seconds of one utterance, so
//! everything the reader says is cut into pieces of at most [`MAX_PIECE_CHARS`] characters, at sentence ends where it can,
//! else at clause breaks, else between words.

/// The longest piece the reader hands to the browser in one utterance (about 12 seconds at the normal rate).
pub const MAX_PIECE_CHARS: usize = 200;

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] =
    &["e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "st", "no", "approx", "ca", "cf", "jr", "sr", "u.s", "fig"];

/// Whether the character at `index` (a `.`, `!`, `?`, `;`, …) ends a sentence in `text`.
fn ends_sentence(text: &str, index: usize, mark: char) -> bool {
    let after = &text[index + mark.len_utf8()..];
    // CJK full stops need no space after them.
    if matches!(mark, '。' | '！' | '？') {
        return true;
    }
    let next = after.chars().next();
    if !(next.is_none() || next.is_some_and(char::is_whitespace) || next.is_some_and(|c| "\"”’)]".contains(c))) {
        return false; // 3.5, example.com, "U.S."'s inner stops
    }
    if mark != '.' {
        return true;
    }
    let word = text[..index].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let word = word.to_ascii_lowercase();
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    let next_word_lowercase =
        after.trim_start().chars().next().is_some_and(|c| c.is_lowercase());
    !(single_letter || ABBREVIATIONS.contains(&word.as_str()) || next_word_lowercase)
}

/// The byte index just after each sentence end in `text` (including a final one at the end when text remains).
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') && ends_sentence(text, i, c))
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    if ends.last().is_none_or(|&end| !text[end..].trim().is_empty()) {
        ends.push(text.len());
    }
    ends
}

/// The first sentence of `text`, trimmed, with its closing mark. A `;` also ends it: catalog descriptions such as
/// WordNet's glosses put examples after one (`a seat for one person; "he sat in the chair"`).
pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let end = sentence_ends(text).first().copied().unwrap_or(text.len());
    let sentence = &text[..end];
    let sentence = sentence.split(';').next().unwrap_or(sentence).trim();
    sentence.to_string()
}

/// `text` cut into pieces of at most `max_chars` characters: whole sentences where they fit (never two sentences in
/// one piece, so a highlight or a cancel lands between sentences), long sentences at `;`, `:`, `,` or spaces.
pub fn pieces(text: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(20);
    let text = text.trim();
    let mut out = Vec::new();
    let mut start = 0;
    for end in sentence_ends(text) {
        let sentence = text[start..end].trim();
        start = end;
        if !sentence.is_empty() {
            split_long(sentence, max_chars, &mut out);
        }
    }
    out
}

fn split_long(sentence: &str, max_chars: usize, out: &mut Vec<String>) {
    let mut rest = sentence;
    while rest.chars().count() > max_chars {
        // The byte index of the `max_chars`-th character: cut at or before it.
        let limit = rest.char_indices().nth(max_chars).map_or(rest.len(), |(i, _)| i);
        let window = &rest[..limit];
        let cut = [";", ":", ",", " "]
            .iter()
            .find_map(|sep| window.rfind(sep).filter(|&i| i > max_chars / 3).map(|i| i + sep.len()))
            .unwrap_or(limit);
        out.push(rest[..cut].trim().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.trim().is_empty() {
        out.push(rest.trim().to_string());
    }
}

/// A count as a voice reads it best: plain digits. Every voice says "1200" naturally in its own language, while a
/// thousands separator is read as a decimal point by some (German "1,200" is one point two).
pub fn spoken_number(n: usize) -> String {
    n.to_string()
}

/// `one` for 1, else `many`: "1 result", "3 results".
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_the_first_full_stop_or_semicolon() {
        assert_eq!(first_sentence("A lamp. It gives light."), "A lamp.");
        assert_eq!(first_sentence("a seat for one person; \"he sat in the chair\""), "a seat for one person");
        assert_eq!(first_sentence("  no stop at all  "), "no stop at all");
        assert_eq!(first_sentence("Costs 3.5 dollars, e.g. at Dr. Smith's. Next."), "Costs 3.5 dollars, e.g. at Dr. Smith's.");
        assert_eq!(first_sentence("Made in the U.S. by hand! Really."), "Made in the U.S. by hand!");
        assert_eq!(first_sentence("Is it? Yes."), "Is it?");
        assert_eq!(first_sentence("東京の地図。二番目。"), "東京の地図。");
        assert_eq!(first_sentence(""), "");
    }

    #[test]
    fn pieces_are_sentences_and_never_too_long() {
        assert_eq!(pieces("One. Two! Three?", 200), vec!["One.", "Two!", "Three?"]);
        let long = "word ".repeat(100);
        let cut = pieces(&long, 50);
        assert!(cut.len() >= 10);
        assert!(cut.iter().all(|p| p.chars().count() <= 50), "{cut:?}");
        assert_eq!(cut.join(" "), long.trim());
        let clauses = format!("{}, {}.", "a".repeat(30), "b".repeat(30));
        assert_eq!(pieces(&clauses, 40), vec![format!("{},", "a".repeat(30)), format!("{}.", "b".repeat(30))]);
        // A single word longer than the limit is cut, never looped on.
        let word = "x".repeat(95);
        assert_eq!(pieces(&word, 40).concat(), word);
        assert!(pieces("   ", 40).is_empty());
        // Multi-byte text is cut at character boundaries.
        let greek = "αβγ ".repeat(40);
        assert!(pieces(&greek, 30).iter().all(|p| p.chars().count() <= 30));
    }

    #[test]
    fn numbers_and_plurals() {
        assert_eq!(spoken_number(1200), "1200");
        assert_eq!(plural(1, "result", "results"), "result");
        assert_eq!(plural(0, "result", "results"), "results");
        assert_eq!(plural(3, "result", "results"), "results");
    }
}
