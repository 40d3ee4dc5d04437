//! `Accept` and `Content-Type` values as Elasticsearch reads them (`ParsedMediaType` in
//! `org.elasticsearch.xcontent`): one media type with `;`-separated parameters, or nothing.
//!
//! ES does not negotiate: a value listing several media types (a comma — what the Node client
//! sends on every request, `application/vnd.elasticsearch+json; compatible-with=8,text/plain`) or
//! `*/*` is ignored as if the header were absent, so the request is answered in the handler's
//! default format (JSON, or the text table for `_cat/*`).

/// One media type, lower-cased: `type/subtype` and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMediaType {
    /// `type/subtype`, e.g. `application/vnd.elasticsearch+json`.
    pub essence: String,
    /// Parameters in order, names and values trimmed (`compatible-with`, `charset`).
    pub params: Vec<(String, String)>,
}

impl ParsedMediaType {
    /// Parses one header value; `None` when ES would ignore it (absent-equivalent): a media range
    /// (any comma), `*/*`, or a value without `type/subtype`.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if value.contains(',') || value == "*/*" || value.is_empty() {
            return None;
        }
        let mut parts = value.split(';');
        let essence = parts.next()?.trim().to_ascii_lowercase();
        let (kind, subtype) = essence.split_once('/')?;
        if kind.is_empty() || subtype.is_empty() {
            return None;
        }
        let params = parts
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Some(ParsedMediaType { essence, params })
    }

    /// A parameter's value.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Whether this is JSON, plain or ES's versioned `vnd.elasticsearch+json`.
    pub fn is_json(&self) -> bool {
        self.essence == "application/json" || self.essence == "application/vnd.elasticsearch+json"
    }

    /// Whether this is one of ES's versioned `application/vnd.elasticsearch+…` types.
    pub fn is_versioned(&self) -> bool {
        self.essence.starts_with("application/vnd.elasticsearch+")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_media_types_is_ignored_like_an_absent_header() {
        assert_eq!(ParsedMediaType::parse("application/vnd.elasticsearch+json; compatible-with=8,text/plain"), None);
        assert_eq!(ParsedMediaType::parse("*/*"), None);
        assert_eq!(ParsedMediaType::parse("text/html, */*"), None);
    }

    #[test]
    fn one_media_type_with_parameters() {
        let m = ParsedMediaType::parse("Application/VND.Elasticsearch+JSON; compatible-with = 9 ").unwrap();
        assert_eq!(m.essence, "application/vnd.elasticsearch+json");
        assert_eq!(m.param("compatible-with"), Some("9"));
        assert!(m.is_json() && m.is_versioned());
        assert!(!ParsedMediaType::parse("text/plain").unwrap().is_json());
    }
}
