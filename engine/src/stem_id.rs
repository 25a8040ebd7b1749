//! Indonesian stemming: the Snowball Indonesian algorithm (Fadillah Z. Tala, "A Study of Stemming Effects on
//! Information Retrieval in Bahasa Indonesia", 2003), which `rust-stemmers` does not ship.
//!
//! Written here rather than taken from a crate: `sastrawi-rs` (the maintained Indonesian stemmer on crates.io)
//! looks words up in an embedded 236 KB dictionary, far too much for a page, while this rule-based stemmer is a
//! few hundred bytes of code and matches the Snowball stemmers used for every other language.
//!
//! The word's *measure* is its number of vowels; nothing is removed from a word of two vowels or fewer, and each
//! removal lowers the measure by one. In order:
//! 1. a particle: `-kah`, `-lah`, `-pun`;
//! 2. a possessive pronoun: `-ku`, `-mu`, `-nya`;
//! 3. a first-order prefix (`di-`, `ke-`, `ter-`, `me-`/`meng-`/`men-`/`mem-`/`meny-`, `pe-`/`peng-`/`pen-`/
//!    `pem-`/`peny-`, where `meny`/`peny` + vowel become `s` and `mem`/`pem` + vowel become `p`), then a suffix
//!    (`-kan`, `-an`, `-i`, each only after compatible prefixes), then a second-order prefix (`per-`, `pe-`,
//!    `ber-`, `be-` before consonant + `er`, `pel-`/`bel-` in `pelajar`/`belajar`);
//! 4. or, without a first-order prefix, a second-order prefix and then a suffix.

/// Which first- or second-order prefix was removed; decides which suffixes may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    None,
    /// `di-`, `me-` family, `ter-`.
    DiMeTer,
    /// `ke-`, `pe-` family.
    KePe,
    /// `ber-`, `be-`, `bel-`.
    Ber,
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The stem of a folded (lowercase) Indonesian word. Words with non-ASCII letters are returned unchanged.
pub fn stem(word: &str) -> String {
    if !word.is_ascii() {
        return word.to_owned();
    }
    let mut w = word.to_owned();
    let mut measure = w.bytes().filter(|&b| is_vowel(b)).count();
    if measure <= 2 {
        return w;
    }
    if strip_suffix(&mut w, &["kah", "lah", "pun"]) {
        measure -= 1;
    }
    if measure > 2 && strip_suffix(&mut w, &["nya", "ku", "mu"]) {
        measure -= 1;
    }
    if measure <= 2 {
        return w;
    }
    let mut prefix = Prefix::None;
    if first_order_prefix(&mut w, &mut prefix) {
        measure -= 1;
        if measure > 2 && suffix(&mut w, prefix) {
            measure -= 1;
        }
        if measure > 2 {
            second_order_prefix(&mut w, &mut prefix);
        }
    } else {
        if second_order_prefix(&mut w, &mut prefix) {
            measure -= 1;
        }
        if measure > 2 {
            suffix(&mut w, prefix);
        }
    }
    w
}

/// Removes the first of `suffixes` (longest listed first) that `w` ends with.
fn strip_suffix(w: &mut String, suffixes: &[&str]) -> bool {
    match suffixes
        .iter()
        .find(|s| w.len() > s.len() && w.ends_with(*s))
    {
        Some(s) => {
            w.truncate(w.len() - s.len());
            true
        }
        None => false,
    }
}

/// `-kan` (not after `ke-`/`pe-`), `-an` (not after `di-`/`me-`/`ter-`), `-i` (only after no prefix or
/// `di-`/`me-`/`ter-`, and not after an `s`: `-si` is usually part of the word, as in `televisi`).
fn suffix(w: &mut String, prefix: Prefix) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with("kan") && n > 3 && prefix != Prefix::KePe {
        w.truncate(n - 3);
        return true;
    }
    if w.ends_with("an") && n > 2 && prefix != Prefix::DiMeTer {
        w.truncate(n - 2);
        return true;
    }
    if w.ends_with('i')
        && n > 1
        && matches!(prefix, Prefix::None | Prefix::DiMeTer)
        && b[n - 2] != b's'
    {
        w.truncate(n - 1);
        return true;
    }
    false
}

/// Replaces the first `len` bytes of `w` with `with`.
fn replace_start(w: &mut String, len: usize, with: &str) {
    w.replace_range(..len, with);
}

fn first_order_prefix(w: &mut String, prefix: &mut Prefix) -> bool {
    let b = w.as_bytes();
    let vowel_at = |i: usize| b.get(i).is_some_and(|&c| is_vowel(c));
    // Longest prefix first; a conditional one that does not apply falls back to the shorter ones.
    let (len, with, kind) = if w.starts_with("meny") && vowel_at(4) {
        (4, "s", Prefix::DiMeTer)
    } else if w.starts_with("peny") && vowel_at(4) {
        (4, "s", Prefix::KePe)
    } else if w.starts_with("meng") {
        (4, "", Prefix::DiMeTer)
    } else if w.starts_with("peng") {
        (4, "", Prefix::KePe)
    } else if w.starts_with("mem") {
        (3, if vowel_at(3) { "p" } else { "" }, Prefix::DiMeTer)
    } else if w.starts_with("pem") {
        (3, if vowel_at(3) { "p" } else { "" }, Prefix::KePe)
    } else if w.starts_with("men") || w.starts_with("ter") {
        (3, "", Prefix::DiMeTer)
    } else if w.starts_with("pen") {
        (3, "", Prefix::KePe)
    } else if w.starts_with("me") || w.starts_with("di") {
        (2, "", Prefix::DiMeTer)
    } else if w.starts_with("ke") {
        (2, "", Prefix::KePe)
    } else {
        return false;
    };
    if w.len() <= len {
        return false;
    }
    replace_start(w, len, with);
    *prefix = kind;
    true
}

fn second_order_prefix(w: &mut String, prefix: &mut Prefix) -> bool {
    let b = w.as_bytes();
    // `be` + consonant + `er`: bekerja → kerja.
    let ker = b.len() >= 5 && !is_vowel(b[2]) && &b[3..5] == b"er";
    let (len, kind) = if w == "pelajar" || w == "belajar" {
        (
            3,
            if w.starts_with('b') {
                Prefix::Ber
            } else {
                *prefix
            },
        )
    } else if w.starts_with("ber") {
        (3, Prefix::Ber)
    } else if w.starts_with("per") {
        (3, *prefix)
    } else if w.starts_with("be") && ker {
        (2, Prefix::Ber)
    } else if w.starts_with("pe") {
        (2, *prefix)
    } else {
        return false;
    };
    if w.len() <= len {
        return false;
    }
    replace_start(w, len, "");
    *prefix = kind;
    true
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn removes_particles_pronouns_and_affixes() {
        for (word, want) in [
            ("bukunya", "buku"),
            ("bukukah", "buku"),
            ("berlari", "lari"),
            ("pelari", "lari"),
            ("membaca", "baca"),
            ("memukul", "pukul"),
            ("menyapu", "sapu"),
            ("mengambil", "ambil"),
            ("dimakan", "makan"),
            ("makanan", "makan"),
            ("permainan", "main"),
            ("pelajar", "ajar"),
            ("pelajaran", "lajar"),
            ("belajar", "ajar"),
            ("bekerja", "kerja"),
            ("memperbaiki", "baik"),
            ("perempuan", "empu"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }

    #[test]
    fn leaves_short_and_foreign_words_alone() {
        assert_eq!(stem("buku"), "buku", "two vowels");
        assert_eq!(stem("sepatu"), "sepatu", "no affix");
        assert_eq!(stem("televisi"), "televisi", "-si is part of the word");
        assert_eq!(stem("kafé"), "kafé");
    }
}
