//! Words of an utterance: split on spaces and punctuation, each kept as written (for the text
//! that remains to search) and folded (lower case, accents off) for matching phrase tables.
//!
//! Everything works on `char`s, never on byte offsets, so no input can split a character.

/// One word of an utterance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// As written.
    pub raw: String,
    /// Lower case without accents (`Größe` → `grosse`, `más` → `mas`).
    pub key: String,
}

/// Lower case without the accents of English, German, French and Spanish (a small table
/// instead of Unicode normalisation tables in the page; see DESIGN.md).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => out.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '’' | '‘' => out.push('\''),
            // Combining accents (text in NFD, as some recognizers and keyboards send it).
            '\u{300}'..='\u{36f}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Currency signs, split off as words of their own (`$50` → `$`, `50`).
pub(crate) const CURRENCY_SIGNS: [char; 4] = ['$', '€', '£', '¥'];

/// Splits an utterance into words. Currency signs become words; a French elision keeps its
/// apostrophe (`jusqu'à` → `jusqu'`, `à`); digits keep their `.`/`,` (`1,299.99`) and a `k`
/// suffix; other punctuation separates words.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    let flush = |cur: &mut String, words: &mut Vec<String>| {
        let w = cur.trim_matches(|c: char| c == '.' || c == ',' || c == '-');
        if !w.is_empty() {
            words.push(w.to_owned());
        }
        cur.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if CURRENCY_SIGNS.contains(&c) {
            flush(&mut cur, &mut words);
            words.push(c.to_string());
        } else if c.is_alphanumeric()
            || c == '-'
            || c == '&'
            || ('\u{300}'..='\u{36f}').contains(&c)
            || ((c == '.' || c == ',') && prev_digit && next_digit)
        {
            // Letters, digits, combining accents, and separators inside numbers.
            cur.push(c);
        } else if c == '\'' || c == '’' {
            cur.push('\'');
            flush(&mut cur, &mut words);
        } else {
            flush(&mut cur, &mut words);
        }
    }
    flush(&mut cur, &mut words);
    words.into_iter().filter(|w| w != "'").map(|raw| Token { key: fold(&raw), raw }).collect()
}

/// Joins the words not consumed back into text (no space after an elision: `l'` `ordinateur`).
pub(crate) fn join(tokens: &[Token], used: &[bool]) -> String {
    let mut out = String::new();
    for (t, _) in tokens.iter().zip(used).filter(|(_, u)| !**u) {
        if !out.is_empty() && !out.ends_with('\'') {
            out.push(' ');
        }
        out.push_str(&t.raw);
    }
    out
}

/// How many words of `phrase` (space-separated, folded) match `tokens` from `at`, skipping
/// none; `None` when they do not all match.
pub(crate) fn phrase_at(tokens: &[Token], used: &[bool], at: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for word in phrase.split(' ') {
        let i = at + n;
        let t = tokens.get(i)?;
        if used.get(i).copied().unwrap_or(true) || t.key != word {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The longest phrase of `phrases` matching at `at`, with its table entry.
pub(crate) fn longest_at<'p, T>(
    tokens: &[Token],
    used: &[bool],
    at: usize,
    phrases: &'p [(&'p str, T)],
) -> Option<(usize, &'p T)> {
    phrases.iter().filter_map(|(p, v)| phrase_at(tokens, used, at, p).map(|n| (n, v))).max_by_key(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn words_signs_and_numbers() {
        assert_eq!(keys("Red shoes under $50!"), ["red", "shoes", "under", "$", "50"]);
        assert_eq!(keys("49,99€ und 1,299.99"), ["49,99", "€", "und", "1,299.99"]);
        assert_eq!(keys("jusqu'à 50 euros"), ["jusqu'", "a", "50", "euros"]);
        assert_eq!(keys("twenty-five, 1.5k."), ["twenty-five", "1.5k"]);
        assert_eq!(keys("MÁS BARATOS größe"), ["mas", "baratos", "grosse"]);
        assert_eq!(keys("u\u{308}ber funfzig"), ["uber", "funfzig"], "decomposed accents");
        assert!(keys("  ,,, '' -- ").is_empty());
    }

    #[test]
    fn join_keeps_what_is_left_as_written() {
        let t = tokenize("l'ordinateur Portable pas cher");
        assert_eq!(join(&t, &[false, false, false, true, true]), "l'ordinateur Portable");
    }
}
