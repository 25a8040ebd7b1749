//! The index's `phrases` section (format version 4): the phrases chosen when the index was built, so that loading
//! an index of any size hands them to the recognizer without choosing them again.
//!
//! # Section format (integers little-endian)
//! ```text
//! n u32 (at most MAX_PHRASES), then per phrase, best first:
//!   boost u8 (tenths: 10–50, never more than the phrase before) · text length u16 · text UTF-8
//! ```
//! Loading checks the count, every length against the bytes left, UTF-8, that each text is non-empty, trimmed and
//! at most [`MAX_PHRASE_CHARS`] characters, and the boosts' range and order; nothing is allocated before its length
//! is checked, so hostile bytes give an [`IndexError`], never a panic or a large allocation.

use super::{Phrase, BOOST_TENTHS, MAX_PHRASES, MAX_PHRASE_CHARS};
use crate::index::IndexError;

/// The section's name in errors.
const SECTION: &str = "phrases";

/// The `phrases` section for `phrases` (best first, as [`super::distinctive_phrases`] returns them).
pub fn encode(phrases: &[Phrase]) -> Vec<u8> {
    let phrases = &phrases[..phrases.len().min(MAX_PHRASES)];
    let mut out = Vec::with_capacity(4 + phrases.iter().map(|p| 3 + p.text.len()).sum::<usize>());
    out.extend_from_slice(&(phrases.len() as u32).to_le_bytes());
    for phrase in phrases {
        // A chosen phrase has at most MAX_PHRASE_CHARS characters (≤ 4 bytes each), far below u16::MAX.
        let text = phrase.text.as_bytes();
        let text = &text[..text.len().min(usize::from(u16::MAX))];
        out.push(phrase.boost_tenths());
        out.extend_from_slice(&(text.len() as u16).to_le_bytes());
        out.extend_from_slice(text);
    }
    out
}

/// Reads and checks a `phrases` section written by [`encode`] (see the module docs for what is checked).
pub fn decode(bytes: &[u8]) -> Result<Vec<Phrase>, IndexError> {
    let mut rest = bytes;
    let n = u32::from_le_bytes(take(&mut rest, 4)?.try_into().map_err(|_| corrupt("the count is cut"))?) as usize;
    if n > MAX_PHRASES {
        return Err(corrupt(format!("{n} phrases, more than the {MAX_PHRASES} a recognizer is given")));
    }
    let mut phrases = Vec::with_capacity(n);
    let mut previous = *BOOST_TENTHS.end();
    for i in 0..n {
        let head = take(&mut rest, 3)?;
        let tenths = head[0];
        if !BOOST_TENTHS.contains(&tenths) || tenths > previous {
            return Err(corrupt(format!("phrase {i}: boost {tenths} tenths is out of range or out of order")));
        }
        previous = tenths;
        let len = usize::from(u16::from_le_bytes([head[1], head[2]]));
        let text = std::str::from_utf8(take(&mut rest, len)?)
            .map_err(|_| corrupt(format!("phrase {i} is not UTF-8")))?;
        if text.is_empty() || text.trim() != text || text.chars().count() > MAX_PHRASE_CHARS {
            return Err(corrupt(format!("phrase {i} is empty, untrimmed or longer than {MAX_PHRASE_CHARS} characters")));
        }
        phrases.push(Phrase { text: text.to_owned(), boost: Phrase::boost_of(tenths) });
    }
    if !rest.is_empty() {
        return Err(corrupt(format!("{} unexpected bytes at the end", rest.len())));
    }
    Ok(phrases)
}

/// The next `n` bytes of `rest`, or a truncation error.
fn take<'a>(rest: &mut &'a [u8], n: usize) -> Result<&'a [u8], IndexError> {
    if n > rest.len() {
        return Err(IndexError::Truncated { section: SECTION, needed: n, available: rest.len() });
    }
    let (head, tail) = rest.split_at(n);
    *rest = tail;
    Ok(head)
}

fn corrupt(reason: impl Into<String>) -> IndexError {
    IndexError::Corrupt { section: SECTION, reason: reason.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases() -> Vec<Phrase> {
        vec![
            Phrase { text: "Espresso maker".into(), boost: 5.0 },
            Phrase { text: "crème".into(), boost: 2.3 },
            Phrase { text: "cup".into(), boost: 1.0 },
        ]
    }

    #[test]
    fn phrases_round_trip_with_the_same_boosts() {
        let bytes = encode(&phrases());
        assert_eq!(decode(&bytes), Ok(phrases()));
        assert_eq!(decode(&encode(&[])), Ok(vec![]));
    }

    #[test]
    fn hostile_bytes_are_errors_not_panics() {
        let good = encode(&phrases());
        for cut in 0..good.len() {
            assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        let mut rng = crate::bench_queries::Rng::new(11);
        for _ in 0..2000 {
            let mut v = good.clone();
            let i = rng.below(v.len());
            v[i] = rng.next_u64() as u8;
            if let Ok(read) = decode(&v) {
                assert!(read.len() <= MAX_PHRASES && read.iter().all(|p| (1.0..=5.0).contains(&p.boost)));
            }
        }
        let mut extra = good.clone();
        extra.push(0);
        assert!(decode(&extra).is_err_and(|e| e.to_string().contains("unexpected bytes")));
    }

    #[test]
    fn each_check_names_what_is_wrong() {
        let message = |bytes: &[u8]| decode(bytes).map(|_| ()).unwrap_err().to_string();
        // Four billion phrases: refused before anything is allocated.
        assert!(message(&[0xFF, 0xFF, 0xFF, 0xFF]).contains("more than the 300"));
        let one = |tenths: u8, text: &str| {
            let mut v = 1u32.to_le_bytes().to_vec();
            v.push(tenths);
            v.extend_from_slice(&(text.len() as u16).to_le_bytes());
            v.extend_from_slice(text.as_bytes());
            v
        };
        assert!(message(&one(51, "lamp")).contains("boost 51 tenths"));
        assert!(message(&one(9, "lamp")).contains("boost 9 tenths"));
        assert!(message(&one(30, "")).contains("empty"));
        assert!(message(&one(30, " lamp")).contains("untrimmed"));
        assert!(message(&one(30, &"a".repeat(MAX_PHRASE_CHARS + 1))).contains("longer than 50"));
        let mut bad_utf8 = one(30, "ab");
        let last = bad_utf8.len() - 1;
        bad_utf8[last] = 0xC3;
        assert!(message(&bad_utf8).contains("not UTF-8"));
        let body = |phrase: &Phrase| encode(std::slice::from_ref(phrase))[4..].to_vec();
        let rising = [2u32.to_le_bytes().to_vec(), body(&phrases()[2]), body(&phrases()[0])].concat();
        assert!(message(&rising).contains("out of order"), "a weaker phrase before a stronger one");
        assert!(message(&[1, 0, 0]).starts_with("the index is truncated: phrases"));
    }
}
