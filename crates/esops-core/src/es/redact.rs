//! Keeping secrets out of `-v`/`-vv` traces and error messages.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use serde_json::Value;

/// Standard base64, as HTTP basic auth and API keys use it.
pub fn base64(text: &str) -> String {
    STANDARD.encode(text)
}

/// Every form in which esops may have sent `secret`, or a server may echo it: as is, percent-
/// and form-encoded (a URL's user info, a query string), and base64 (a header value).
pub fn secret_forms(secret: &str) -> Vec<String> {
    let mut forms = vec![secret.to_string(), base64(secret), URL_SAFE.encode(secret)];
    let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    forms.push(encoded);
    let mut upper = String::new();
    let mut lower = String::new();
    for b in secret.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            upper.push(b as char);
            lower.push(b as char);
        } else {
            upper.push_str(&format!("%{b:02X}"));
            lower.push_str(&format!("%{b:02x}"));
        }
    }
    forms.extend([upper, lower]);
    forms.sort();
    forms.dedup();
    forms
}

/// The forms of a basic-auth password, including the `Authorization` value's `base64(user:password)`.
pub fn basic_auth_forms(user: &str, password: &str) -> Vec<String> {
    let mut forms = secret_forms(password);
    forms.push(base64(&format!("{user}:{password}")));
    forms
}

/// The forms of an encoded API key (`base64(id:key)`): the encoded value, the decoded `id:key`
/// and the key half, each in every [`secret_forms`] encoding.
pub fn api_key_forms(encoded: &str) -> Vec<String> {
    let mut forms = secret_forms(encoded);
    if let Some(decoded) = STANDARD.decode(encoded.trim()).ok().and_then(|b| String::from_utf8(b).ok()) {
        forms.extend(secret_forms(&decoded));
        if let Some((_, key)) = decoded.split_once(':') {
            forms.extend(secret_forms(key));
        }
    }
    forms
}

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
        // Very short values would blank unrelated text; real secrets are longer than this. Longest
        // first, so that a secret containing another is blanked whole.
        let mut redactor = Redactor::default();
        redactor.merge(&Redactor { secrets: secrets.into_iter().filter(|s| s.len() >= 4).collect() });
        redactor
    }

    /// Adds `other`'s secrets to these.
    pub fn merge(&mut self, other: &Redactor) {
        self.secrets.extend(other.secrets.iter().cloned());
        self.secrets.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        self.secrets.dedup();
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
    fn every_encoding_esops_sends_is_blanked() {
        let r = Redactor::new(basic_auth_forms("elastic", "p@ss w0rd/+"));
        let header = base64("elastic:p@ss w0rd/+");
        let echoed = format!("raw p@ss w0rd/+ b64 {header} url p%40ss%20w0rd%2F%2B form p%40ss+w0rd%2F%2B");
        assert_eq!(r.text(&echoed), "raw <redacted> b64 <redacted> url <redacted> form <redacted>");
        let encoded = base64("key-id:the-api-key");
        let r = Redactor::new(api_key_forms(&encoded));
        let echoed = format!("ApiKey {encoded} id:key key-id:the-api-key key the-api-key");
        assert_eq!(r.text(&echoed), "ApiKey <redacted> id:key <redacted> key <redacted>");
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
