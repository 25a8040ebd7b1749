//! JSON in and out of the page through the browser's own `JSON.parse` and `JSON.stringify`, so the wasm carries no
//! JSON text parser or writer: values cross as JS objects and serde reads or writes them
//! ([`serde_wasm_bindgen`]). Natively (the unit tests) the same types go through `serde_json`, with the same
//! derives, so what the tests pin is what the page reads.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Parse JSON text into `T`. The error names the position (malformed JSON) or the key and what was expected.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    imp::parse(text)
}

/// [`parse`] without the key path in front of the error, for types whose errors name their key themselves
/// ([`hark_engine::KnownKeys`]).
pub fn parse_plain<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    imp::parse_plain(text)
}

/// Write `value` as JSON text.
pub fn stringify<T: Serialize>(value: &T) -> Result<String, String> {
    imp::stringify(value)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    // `JSON.parse`'s `SyntaxError` message reads "Unexpected token … (line 3 column 5)".
    use crate::speech::recognition::describe;

    pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        let value = js_sys::JSON::parse(text).map_err(|error| describe(&error))?;
        serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|error| {
            let path = error.path().to_string();
            // serde-wasm-bindgen's errors are JS `Error`s: "Error: invalid type …".
            let inner = error.into_inner().to_string();
            let inner = inner.strip_prefix("Error: ").unwrap_or(&inner).to_string();
            if path == "." { inner } else { format!("{path}: {inner}") }
        })
    }

    pub fn parse_plain<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        let value = js_sys::JSON::parse(text).map_err(|error| describe(&error))?;
        T::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|error| {
            let text = error.to_string();
            text.strip_prefix("Error: ").unwrap_or(&text).to_string()
        })
    }

    pub fn stringify<T: Serialize>(value: &T) -> Result<String, String> {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = value.serialize(&serializer).map_err(|error| error.to_string())?;
        js_sys::JSON::stringify(&value).map(String::from).map_err(|error| describe(&error))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            let inner = error.into_inner();
            let (line, column) = (inner.line(), inner.column());
            let detail = inner.to_string();
            // serde_json appends " at line L column C"; lead with the position instead.
            let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
            let detail = if path == "." { detail } else { format!("{path}: {detail}") };
            format!("line {line}, column {column}: {detail}")
        })?;
        // Text after the value is refused, as JSON.parse refuses it.
        deserializer.end().map_err(|inner| position(&inner))?;
        Ok(value)
    }

    /// "line L, column C: what", serde_json's message with the position first.
    fn position(inner: &serde_json::Error) -> String {
        let detail = inner.to_string();
        let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
        format!("line {}, column {}: {detail}", inner.line(), inner.column())
    }

    pub fn parse_plain<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = T::deserialize(&mut deserializer).map_err(|inner| position(&inner))?;
        deserializer.end().map_err(|inner| position(&inner))?;
        Ok(value)
    }

    pub fn stringify<T: Serialize>(value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|error| error.to_string())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn text_after_the_value_is_refused_as_json_parse_refuses_it() {
        assert_eq!(parse::<serde_json::Value>(r#"{"hits": []}"#), Ok(serde_json::json!({"hits": []})));
        assert_eq!(parse::<serde_json::Value>("{\"hits\": []}  \n"), Ok(serde_json::json!({"hits": []})), "whitespace is fine");
        let trailing = parse::<serde_json::Value>(r#"{"hits": []}garbage"#).unwrap_err();
        assert!(trailing.starts_with("line 1, column 13: trailing characters"), "{trailing}");
        assert!(parse_plain::<serde_json::Value>("[1] [2]").is_err());
    }
}
