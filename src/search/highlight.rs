//! Splitting a text into plain and highlighted pieces from the engine's byte ranges.

use std::ops::Range;

/// `text` cut into `(piece, highlighted)` segments. Ranges that are out of bounds, not on character boundaries, or
/// overlapping are repaired or ignored, so a bad range can never panic or garble the text.
pub fn segments<'a>(text: &'a str, spans: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut spans: Vec<Range<usize>> = spans
        .iter()
        .filter(|span| span.start < span.end && span.end <= text.len())
        .filter(|span| text.is_char_boundary(span.start) && text.is_char_boundary(span.end))
        .cloned()
        .collect();
    hark_engine::order::sort_by_key(&mut spans, |span| (span.start, span.end));
    let mut pieces = Vec::new();
    let mut at = 0;
    for span in spans {
        let start = span.start.max(at);
        if start >= span.end {
            continue; // fully inside the previous span
        }
        if start > at {
            pieces.push((&text[at..start], false));
        }
        pieces.push((&text[start..span.end], true));
        at = span.end;
    }
    if at < text.len() {
        pieces.push((&text[at..], false));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_spans() {
        assert_eq!(
            segments("espresso maker", &[0..8]),
            vec![("espresso", true), (" maker", false)]
        );
        assert_eq!(segments("a b c", &[2..3]), vec![("a ", false), ("b", true), (" c", false)]);
        assert_eq!(segments("plain", &[]), vec![("plain", false)]);
    }

    #[test]
    fn repairs_bad_spans() {
        // Unsorted and overlapping.
        assert_eq!(segments("abcdef", &[3..5, 1..4]), vec![("a", false), ("bcd", true), ("e", true), ("f", false)]);
        // Out of bounds, empty, and splitting a multi-byte character.
        assert_eq!(segments("café", &[0..99, 2..2, 4..5]), vec![("café", false)]);
    }
}
