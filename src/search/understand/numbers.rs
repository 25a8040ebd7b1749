//! Numbers as people say and recognizers write them: digits (`50`, `99.99`, `1,299`, `49,99`,
//! `1.5k`) and number words in English, German, French and Spanish ("fifty", "twenty-five",
//! "one hundred and fifty", "fünfundzwanzig", "quatre-vingt-dix", "treinta y cinco").

use super::lang::Lang;
use super::text::Token;

/// A number found at some word, and how many words it took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number {
    /// Its value.
    pub value: f64,
    /// Words consumed.
    pub len: usize,
}

/// Reads a number starting at word `at` (digits, or number words of `lang`).
pub(crate) fn number_at(tokens: &[Token], used: &[bool], at: usize, lang: Lang) -> Option<Number> {
    if used.get(at).copied().unwrap_or(true) {
        return None;
    }
    let first = &tokens.get(at)?.key;
    if let Some(v) = digits(first, lang) {
        // "1.5 thousand", "2 mil"
        if let Some(next) = tokens.get(at + 1) {
            if !used.get(at + 1).copied().unwrap_or(true) && lang.thousand_words().contains(&next.key.as_str()) {
                return Some(Number { value: v * 1000.0, len: 2 });
            }
        }
        return Some(Number { value: v, len: 1 });
    }
    words(tokens, used, at, lang)
}

/// Digits with `.`/`,` as decimal or thousands separators and an optional `k` suffix.
/// A comma followed by exactly two digits is a decimal comma outside English (`49,99`);
/// followed by three, a thousands separator (`1,299`).
fn digits(s: &str, lang: Lang) -> Option<f64> {
    let (body, scale) = match s.strip_suffix('k') {
        Some(b) => (b, 1000.0),
        None => (s, 1.0),
    };
    if body.is_empty() || !body.chars().next()?.is_ascii_digit() {
        return None;
    }
    if !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let mut normal = String::with_capacity(body.len());
    let groups: Vec<&str> = body.split(',').collect();
    for (i, g) in groups.iter().enumerate() {
        if i == 0 {
            normal.push_str(g);
        } else if i == groups.len() - 1 && g.len() == 2 && lang != Lang::En && !body.contains('.') {
            normal.push('.');
            normal.push_str(g);
        } else {
            normal.push_str(g);
        }
    }
    // "1.299" in German is a thousand: a dot followed by exactly three digits, outside English.
    if lang != Lang::En && !body.contains(',') {
        let parts: Vec<&str> = normal.split('.').collect();
        if parts.len() > 1 && parts.iter().skip(1).all(|p| p.len() == 3) {
            normal = parts.concat();
        }
    }
    let v = crate::number::parse_decimal(&normal)?;
    (v.is_finite()).then_some(v * scale)
}

/// What a number word does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Word {
    /// Adds its value ("fifty", "doscientos").
    Value(f64),
    /// Multiplies what came before by 100 ("hundred", "cent", "ciento").
    Hundred,
    /// Multiplies everything before by 1000 ("thousand", "mille", "mil").
    Thousand,
}

/// Number words spelled as several words (hyphens split: "twenty-five" → "twenty", "five").
fn words(tokens: &[Token], used: &[bool], at: usize, lang: Lang) -> Option<Number> {
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut consumed = 0;
    let mut any = false;
    let mut last_was_big = false;
    let mut i = at;
    while let Some(t) = tokens.get(i) {
        if used.get(i).copied().unwrap_or(true) {
            break;
        }
        let key = t.key.as_str();
        // A connector inside a number: "one hundred and fifty", "vingt et un", "treinta y cinco".
        if any && lang.number_connectors().contains(&key) {
            let next_ok = tokens.get(i + 1).is_some_and(|n| {
                let parts = split_word(&n.key, lang);
                matches!(parts.as_deref(), Some([Word::Value(v), ..]) if *v < 100.0)
            });
            let prev_ok = last_was_big || lang.connects_after_tens(current);
            if next_ok && prev_ok && !used.get(i + 1).copied().unwrap_or(true) {
                i += 1;
                continue;
            }
            break;
        }
        // "a hundred", "a thousand"
        let article = !any && lang == Lang::En && (key == "a" || key == "an");
        let next_is_big =
            tokens.get(i + 1).is_some_and(|n| matches!(lang.number_word(&n.key), Some(Word::Hundred | Word::Thousand)));
        if article && next_is_big && !used.get(i + 1).copied().unwrap_or(true) {
            current = 1.0;
            any = true;
            i += 1;
            continue;
        }
        let Some(parts) = split_word(key, lang) else { break };
        for w in parts {
            match w {
                Word::Value(v) => {
                    // French "quatre-vingts" (4 × 20).
                    if v == 20.0 && current == 4.0 && lang == Lang::Fr {
                        current = 80.0;
                    } else {
                        current += v;
                    }
                    last_was_big = false;
                }
                Word::Hundred => {
                    current = current.max(1.0) * 100.0;
                    last_was_big = true;
                }
                Word::Thousand => {
                    total += current.max(1.0) * 1000.0;
                    current = 0.0;
                    last_was_big = true;
                }
            }
        }
        any = true;
        i += 1;
        consumed = i - at;
    }
    (any && consumed > 0).then_some(Number { value: total + current, len: consumed })
}

/// A word as number parts: hyphenated parts, and German compounds ("fünfundzwanzig",
/// "zweihundertfünfzig"). `None` when any part is not a number word.
pub(crate) fn split_word(key: &str, lang: Lang) -> Option<Vec<Word>> {
    let mut out = Vec::new();
    for part in key.split('-').filter(|p| !p.is_empty()) {
        if let Some(w) = lang.number_word(part) {
            out.push(w);
        } else if lang == Lang::De {
            out.extend(german_compound(part)?);
        } else if lang == Lang::Fr && part == "et" && !out.is_empty() {
            // "vingt-et-un"
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// German numbers written as one word: `[x]tausend[y]`, `[x]hundert[y]`, `unit und tens`.
fn german_compound(s: &str) -> Option<Vec<Word>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    if let Some(w) = Lang::De.number_word(s) {
        return Some(vec![w]);
    }
    for (big, word) in [("tausend", Word::Thousand), ("hundert", Word::Hundred)] {
        if let Some(pos) = s.find(big) {
            let (left, right) = (s.get(..pos)?, s.get(pos + big.len()..)?);
            let mut out = german_compound(left)?;
            out.push(word);
            out.extend(german_compound(right)?);
            return Some(out);
        }
    }
    if let Some(pos) = s.find("und") {
        let (unit, tens) = (s.get(..pos)?, s.get(pos + 3..)?);
        match (Lang::De.number_word(unit), Lang::De.number_word(tens)) {
            (Some(Word::Value(u)), Some(Word::Value(t))) if u < 10.0 && t >= 20.0 => {
                return Some(vec![Word::Value(t + u)])
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::understand::text::tokenize;

    fn num(s: &str, lang: Lang) -> Option<f64> {
        let t = tokenize(s);
        let used = vec![false; t.len()];
        number_at(&t, &used, 0, lang).map(|n| n.value)
    }

    #[test]
    fn digits_in_every_spelling() {
        assert_eq!(num("50", Lang::En), Some(50.0));
        assert_eq!(num("99.99", Lang::En), Some(99.99));
        assert_eq!(num("1,299", Lang::En), Some(1299.0));
        assert_eq!(num("1.5k", Lang::En), Some(1500.0));
        assert_eq!(num("49,99", Lang::De), Some(49.99));
        assert_eq!(num("1.299", Lang::De), Some(1299.0));
        assert_eq!(num("2 thousand", Lang::En), Some(2000.0));
        assert_eq!(num("k", Lang::En), None);
    }

    #[test]
    fn english_words() {
        assert_eq!(num("fifty", Lang::En), Some(50.0));
        assert_eq!(num("twenty-five", Lang::En), Some(25.0));
        assert_eq!(num("twenty five dollars", Lang::En), Some(25.0));
        assert_eq!(num("one hundred and fifty", Lang::En), Some(150.0));
        assert_eq!(num("a hundred", Lang::En), Some(100.0));
        assert_eq!(num("two thousand five hundred", Lang::En), Some(2500.0));
        assert_eq!(num("twenty and forty", Lang::En), Some(20.0), "no 'and' after tens");
        assert_eq!(num("chairs", Lang::En), None);
    }

    #[test]
    fn german_french_spanish_words() {
        assert_eq!(num("fünfzig", Lang::De), Some(50.0));
        assert_eq!(num("fünfundzwanzig", Lang::De), Some(25.0));
        assert_eq!(num("zweihundertfünfzig", Lang::De), Some(250.0));
        assert_eq!(num("tausend", Lang::De), Some(1000.0));
        assert_eq!(num("cinquante", Lang::Fr), Some(50.0));
        assert_eq!(num("quatre-vingt-dix", Lang::Fr), Some(90.0));
        assert_eq!(num("soixante-dix", Lang::Fr), Some(70.0));
        assert_eq!(num("vingt et un", Lang::Fr), Some(21.0));
        assert_eq!(num("deux cents", Lang::Fr), Some(200.0));
        assert_eq!(num("cincuenta", Lang::Es), Some(50.0));
        assert_eq!(num("treinta y cinco", Lang::Es), Some(35.0));
        assert_eq!(num("ciento veinte", Lang::Es), Some(120.0));
        assert_eq!(num("doscientos", Lang::Es), Some(200.0));
        assert_eq!(num("veinticinco", Lang::Es), Some(25.0));
        assert_eq!(num("dos mil", Lang::Es), Some(2000.0));
    }
}
