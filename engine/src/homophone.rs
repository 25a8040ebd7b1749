//! English homophones by their vowel sounds. Double Metaphone keeps only consonants, so "baur", "bore", "bar" and
//! "bur" all sound alike to it ("PR"), and spelling puts "bar" and "bur" one edit from "baur", "bore" three. A
//! recognizer or a person spelling by ear writes a word as it sounds: "baur" is said like "bore", not "bar". This
//! module spells a word as it is said, roughly: a silent final e dropped, the common spellings of one vowel sound
//! made one ("au", "aw", "oa" → o; "igh" → i; "ea", "ie", "ee" → e), "wh" → w, "ph" → f, "ck" → k, a soft c → s,
//! doubled consonants single. Two different words with the same [`sound_key`] are taken as homophones.

/// A rough spelling of how an English word (folded, lowercase ASCII) sounds; other words are returned unchanged.
///
/// ```text
/// assert_eq!(sound_key("baur"), sound_key("bore"));
/// assert_ne!(sound_key("baur"), sound_key("bar"));
/// ```
pub(crate) fn sound_key(word: &str) -> String {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut w = word.as_bytes().to_vec();
    // A silent final e after a consonant ("bore", "white"), not in short words ("be") or after a vowel ("bee").
    if w.len() >= 4 && w.last() == Some(&b'e') && !is_vowel(w[w.len() - 2]) {
        w.pop();
    }
    const SPELLINGS: &[(&[u8], &[u8])] = &[
        (b"igh", b"i"),
        (b"au", b"o"),
        (b"aw", b"o"),
        (b"oa", b"o"),
        (b"ea", b"e"),
        (b"ie", b"e"),
        (b"ee", b"e"),
        (b"wh", b"w"),
        (b"ph", b"f"),
        (b"ck", b"k"),
    ];
    let mut out: Vec<u8> = Vec::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        if let Some((from, to)) = SPELLINGS.iter().find(|(from, _)| w[i..].starts_with(from)) {
            out.extend_from_slice(to);
            i += from.len();
            continue;
        }
        let b = w[i];
        let b = if b == b'c' && w.get(i + 1).is_some_and(|&n| matches!(n, b'e' | b'i' | b'y')) {
            b's'
        } else {
            b
        };
        // Doubled consonants sound single ("seller", "cellar").
        if out.last() != Some(&b) || is_vowel(b) {
            out.push(b);
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| word.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_sound(a: &str, b: &str) -> bool {
        a != b && sound_key(a) == sound_key(b)
    }

    #[test]
    fn homophones_the_issue_names_sound_the_same() {
        assert!(same_sound("baur", "bore"));
        assert!(same_sound("wight", "white"));
        assert!(same_sound("miele", "meal"));
        assert!(same_sound("nite", "night"));
    }

    #[test]
    fn different_vowels_do_not() {
        assert!(!same_sound("baur", "bar"));
        assert!(!same_sound("baur", "bur"));
        assert!(!same_sound("fork", "cork"));
        assert!(!same_sound("bore", "bore"), "a word is not its own homophone");
    }

    #[test]
    fn other_scripts_are_left_alone() {
        assert_eq!(sound_key("café"), "café");
        assert_eq!(sound_key(""), "");
    }
}
