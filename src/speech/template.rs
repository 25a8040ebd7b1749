//! Templates for what is spoken: `"{count} {results} for {query}."`.
//!
//! Pure logic, tested on the host. A placeholder is a name of letters, digits and `_` in braces; anything else in
//! braces is text. A placeholder the caller does not know is spoken as written (and [`Template::unknown`] names it so
//! the config loader can warn), never a panic.

/// One parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Placeholder(String),
}

impl Template {
    /// Parse `source`; every input is a valid template.
    pub fn parse(source: &str) -> Self {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            if name_len > 0 && after[name_len..].starts_with('}') {
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(Part::Placeholder(after[..name_len].to_string()));
                rest = &after[name_len + 1..];
            } else {
                text.push('{');
                rest = after;
            }
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Self { parts }
    }

    /// The text with each placeholder replaced by `value(name)`; unknown names (`None`) stay as written, in braces.
    /// Runs of spaces left by empty values are collapsed.
    pub fn render(&self, value: impl Fn(&str) -> Option<String>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Placeholder(name) => match value(name) {
                    Some(text) => out.push_str(&text),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
        }
        // An empty value leaves "Lamp ." or "Lamp.." behind: tidy the spaces and stops around it.
        let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ").replace(" .", ".").replace(" ,", ",");
        if collapsed.contains("...") {
            collapsed
        } else {
            collapsed.replace("..", ".")
        }
    }

    /// Placeholders not in `known`, in order of appearance, without repeats.
    pub fn unknown(&self, known: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for part in &self.parts {
            if let Part::Placeholder(name) = part {
                if !known.contains(&name.as_str()) && !out.contains(name) {
                    out.push(name.clone());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(name: &str) -> Option<String> {
        match name {
            "count" => Some("3".into()),
            "query" => Some("lamp".into()),
            "empty" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn placeholders_are_replaced() {
        assert_eq!(Template::parse("{count} results for {query}.").render(values), "3 results for lamp.");
        assert_eq!(Template::parse("{query}{query}").render(values), "lamplamp");
        assert_eq!(Template::parse("no placeholders").render(values), "no placeholders");
    }

    #[test]
    fn unknown_and_malformed_placeholders_stay_as_text() {
        let template = Template::parse("{count} {colour} {} {not closed {a-b} }{");
        assert_eq!(template.render(values), "3 {colour} {} {not closed {a-b} }{");
        assert_eq!(template.unknown(&["count", "query"]), vec!["colour".to_string()]);
        assert_eq!(Template::parse("{x}{x}{y}").unknown(&[]), vec!["x".to_string(), "y".to_string()]);
    }

    #[test]
    fn empty_values_leave_no_gaps() {
        assert_eq!(Template::parse("Lamp. {empty}").render(values), "Lamp.");
        assert_eq!(Template::parse("{query}.  {empty}.").render(values), "lamp.");
        assert_eq!(Template::parse("a {empty} b").render(values), "a b");
    }
}
