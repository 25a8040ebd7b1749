//! Decimal numbers read from text ("100", "12.5", "-3", "1e3"): a price said or linked, a rate kept in storage.
//!
//! In the page the browser's `parseFloat` reads them, so the wasm carries no float parser of its own (Rust's
//! `f64::from_str` links the Eisel–Lemire tables, about 21 KB of the page wasm); natively the standard parser does,
//! and the tests below pin that both accept the same text.

/// The finite number `text` spells, or `None`. Accepts an optional sign, digits with at most one decimal point
/// (".5" and "5." too) and an optional exponent, as JSON and Rust do; nothing else (no spaces, no "Infinity",
/// no "0x10", no trailing text — unlike `parseFloat`, which reads "12abc" as 12).
pub fn parse_decimal(text: &str) -> Option<f64> {
    is_decimal(text).then(|| imp::parse(text)).flatten().filter(|n| n.is_finite())
}

/// Whether `text` is `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`.
fn is_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(bytes.get(i), Some(b'+' | b'-')));
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn parse(text: &str) -> Option<f64> {
        Some(js_sys::Number::parse_float(text))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn parse(text: &str) -> Option<f64> {
        text.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn reads_what_json_and_rust_read() {
        for (text, value) in [("100", 100.0), ("12.5", 12.5), ("-3", -3.0), ("+4", 4.0), (".5", 0.5), ("5.", 5.0)] {
            assert_eq!(parse_decimal(text), Some(value), "{text}");
        }
        assert_eq!(parse_decimal("1e3"), Some(1000.0));
        assert_eq!(parse_decimal("2.5E-1"), Some(0.25));
    }

    #[test]
    fn refuses_what_parse_float_would_cut_short_or_stretch() {
        for text in ["", " 1", "1 ", "12abc", "0x10", "Infinity", "inf", "NaN", ".", "-", "1e", "1e+", "1.2.3", "١٢", "1,5"] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn an_overflowing_exponent_is_not_a_number() {
        assert_eq!(parse_decimal("1e400"), None);
    }
}
