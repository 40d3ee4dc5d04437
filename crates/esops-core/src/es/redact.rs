//! Keeping secrets out of `-v`/`-vv` traces and error messages.

use serde_json::Value;

/// JSON keys and query parameters whose values are never shown.
fn is_sensitive_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "credential", "encoded"]
        .iter()
        .any(|s| k.contains(s))
}

/// Removes known secret values and sensitive fields from text before it is logged.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// A redactor that also blanks every occurrence of the given secret values.
    pub fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        // Very short values would blank unrelated text; real secrets are longer than this.
        Redactor { secrets: secrets.into_iter().filter(|s| s.len() >= 4).collect() }
    }

    /// `text` with every known secret replaced by `<redacted>`.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            out = out.replace(s.as_str(), "<redacted>");
        }
        out
    }

    /// A JSON body for a trace: sensitive fields blanked, then known secrets removed.
    pub fn body(&self, body: &str) -> String {
        match serde_json::from_str::<Value>(body) {
            Ok(mut v) => {
                blank_sensitive(&mut v);
                self.text(&v.to_string())
            }
            Err(_) => self.text(body),
        }
    }

    /// A `key=value&…` query string with sensitive parameters blanked.
    pub fn query(&self, query: &[(String, String)]) -> String {
        let parts: Vec<String> = query
            .iter()
            .map(|(k, v)| if is_sensitive_key(k) { format!("{k}=<redacted>") } else { format!("{k}={v}") })
            .collect();
        self.text(&parts.join("&"))
    }
}

fn blank_sensitive(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                if is_sensitive_key(k) && !val.is_object() && !val.is_array() {
                    *val = Value::String("<redacted>".into());
                } else {
                    blank_sensitive(val);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(blank_sensitive),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_secrets_are_blanked_everywhere() {
        let r = Redactor::new(["hunter22".to_string(), "ab".to_string()]);
        assert_eq!(r.text("pw=hunter22 and hunter22"), "pw=<redacted> and <redacted>");
        // too short to be a secret worth hunting for
        assert_eq!(r.text("ab"), "ab");
    }

    #[test]
    fn sensitive_json_fields_are_blanked() {
        let r = Redactor::default();
        let out = r.body(r#"{"user":"u","password":"p","nested":{"api_key":"k","keep":1}}"#);
        assert_eq!(out, r#"{"user":"u","password":"<redacted>","nested":{"api_key":"<redacted>","keep":1}}"#);
    }

    #[test]
    fn sensitive_query_parameters_are_blanked() {
        let r = Redactor::default();
        let q = vec![("format".to_string(), "json".to_string()), ("token".to_string(), "t".to_string())];
        assert_eq!(r.query(&q), "format=json&token=<redacted>");
    }
}
