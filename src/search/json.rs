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

/// JSON text parsed once and read as several types: `hark.json` is read as the key check, the page's config and
/// the engine's config, each a type of its own (a `#[serde(flatten)]` would link serde's buffering deserializer).
pub struct Document<'a> {
    /// The text, which the native reader parses per read so that its errors keep their line and column.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    text: &'a str,
    /// What `JSON.parse` made of it, in the page.
    #[cfg(target_arch = "wasm32")]
    value: wasm_bindgen::JsValue,
}

impl<'a> Document<'a> {
    /// Parse `text`; a malformed one fails here, naming the position.
    pub fn parse(text: &'a str) -> Result<Self, String> {
        imp::document(text)
    }

    /// Read it as `T`; the error names the key and what was expected.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, String> {
        imp::read(self)
    }

    /// [`Document::read`] without the key path in front of the error, for types whose errors name their key
    /// themselves ([`hark_engine::KnownKeys`]).
    pub fn read_plain<T: DeserializeOwned>(&self) -> Result<T, String> {
        imp::read_plain(self)
    }
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

    pub fn document(text: &str) -> Result<Document<'_>, String> {
        let value = js_sys::JSON::parse(text).map_err(|error| describe(&error))?;
        Ok(Document { text, value })
    }

    pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        read(&document(text)?)
    }

    pub fn read<T: DeserializeOwned>(document: &Document) -> Result<T, String> {
        serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(document.value.clone())).map_err(|error| {
            let path = error.path().to_string();
            // serde-wasm-bindgen's errors are JS `Error`s: "Error: invalid type …".
            let inner = error.into_inner().to_string();
            let inner = inner.strip_prefix("Error: ").unwrap_or(&inner).to_string();
            if path == "." { inner } else { format!("{path}: {inner}") }
        })
    }

    pub fn read_plain<T: DeserializeOwned>(document: &Document) -> Result<T, String> {
        T::deserialize(serde_wasm_bindgen::Deserializer::from(document.value.clone())).map_err(|error| {
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

    pub fn document(text: &str) -> Result<Document<'_>, String> {
        parse_plain::<serde::de::IgnoredAny>(text)?;
        Ok(Document { text })
    }

    pub fn read<T: DeserializeOwned>(document: &Document) -> Result<T, String> {
        parse(document.text)
    }

    pub fn read_plain<T: DeserializeOwned>(document: &Document) -> Result<T, String> {
        parse_plain(document.text)
    }

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

    fn parse_plain<T: DeserializeOwned>(text: &str) -> Result<T, String> {
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
        assert!(Document::parse("[1] [2]").is_err());
    }
}
