//! Elasticsearch's REST API specification (`rest-api-spec/api/*.json`): which HTTP method and path
//! an API name such as `indices.rollover` stands for.
//!
//! The corpus mixes two formats. Current files list `url.paths` as objects, each with its own
//! `methods` and `parts`; older ones (7.x and before) put `methods` at the top, `url.paths` as plain
//! strings and the params inside `url`. Both are read into the same [`ApiSpec`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

/// Query parameters every API accepts (`rest-api-spec/api/_common.json`).
const GLOBAL_PARAMS: &[&str] = &["pretty", "human", "error_trace", "source", "filter_path"];

/// One API of the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiSpec {
    /// Name, e.g. `indices.rollover`.
    pub name: String,
    /// URL patterns, in spec order.
    pub paths: Vec<SpecPath>,
    /// Names of the documented query parameters.
    pub params: BTreeSet<String>,
    /// Whether the body is sent as newline-delimited JSON (`_bulk`).
    pub ndjson: bool,
}

/// One URL pattern of an API.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecPath {
    /// The pattern, e.g. `/{index}/_rollover/{new_index}`.
    pub path: String,
    /// Allowed methods, in spec order.
    pub methods: Vec<String>,
    /// The `{part}` names the pattern contains.
    pub parts: Vec<String>,
}

/// A request ready to send: method, encoded path and query parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpCall {
    /// HTTP method.
    pub method: String,
    /// Path with the parts filled in and percent-encoded.
    pub path: String,
    /// Query parameters, unencoded.
    pub query: Vec<(String, String)>,
}

/// Why a request could not be built. The Java runner treats both as a client-side
/// error, which is what `catch: param` expects.
#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// No URL pattern has all its parts among the supplied params.
    NoMatchingPath,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::NoMatchingPath => write!(f, "no path of the API matches the supplied parts"),
        }
    }
}

/// All API specs by name.
#[derive(Debug, Default)]
pub struct ApiRegistry {
    apis: BTreeMap<String, ApiSpec>,
}

impl ApiRegistry {
    /// Reads every `*.json` spec in `dir` (files whose name starts with `_` are shared definitions).
    pub fn load_dir(dir: &Path) -> Result<Self, String> {
        let mut registry = ApiRegistry::default();
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let is_spec = file.extension().is_some_and(|e| e == "json")
                && !file.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_'));
            if is_spec {
                let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                registry.add_json(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            }
        }
        Ok(registry)
    }

    /// Adds the APIs of one spec document (an object of `name → definition`); existing names win,
    /// so supplementary specs never shadow the corpus.
    pub fn add_json(&mut self, text: &str) -> Result<(), String> {
        let doc: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
        let Value::Object(apis) = doc else { return Err("spec is not a JSON object".into()) };
        for (name, def) in apis {
            let spec = parse_api(&name, &def)?;
            self.apis.entry(name).or_insert(spec);
        }
        Ok(())
    }

    /// The spec of `name`.
    pub fn get(&self, name: &str) -> Option<&ApiSpec> {
        self.apis.get(name)
    }

    /// Number of known APIs.
    pub fn len(&self) -> usize {
        self.apis.len()
    }
}

/// Reads one API definition in either format.
fn parse_api(name: &str, def: &Value) -> Result<ApiSpec, String> {
    let url = def.get("url").ok_or_else(|| format!("API [{name}] has no url"))?;
    let top_methods = string_list(def.get("methods"));
    let mut paths = Vec::new();
    for entry in url.get("paths").and_then(Value::as_array).into_iter().flatten() {
        let (path, methods) = match entry {
            // current format: {"path": "...", "methods": [...], "parts": {...}}
            Value::Object(obj) => {
                let path = obj
                    .get("path")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("API [{name}]: path without a pattern"))?;
                (path.to_string(), string_list(obj.get("methods")))
            }
            // old format: plain strings, methods at the top level
            Value::String(path) => (path.clone(), top_methods.clone()),
            _ => return Err(format!("API [{name}]: unreadable path entry")),
        };
        paths.push(SpecPath { parts: placeholders(&path), path, methods });
    }
    if paths.is_empty() {
        // very old files only have `url.path`
        if let Some(path) = url.get("path").and_then(Value::as_str) {
            paths.push(SpecPath { parts: placeholders(path), path: path.to_string(), methods: top_methods });
        }
    }
    if paths.is_empty() {
        return Err(format!("API [{name}] has no paths"));
    }
    let mut params = BTreeSet::new();
    for holder in [def.get("params"), url.get("params")].into_iter().flatten() {
        if let Value::Object(map) = holder {
            params.extend(map.keys().cloned());
        }
    }
    let ndjson = string_list(def.pointer("/headers/content_type")).iter().any(|t| t.contains("ndjson"))
        || def.pointer("/body/serialize").and_then(Value::as_str) == Some("bulk");
    Ok(ApiSpec { name: name.to_string(), paths, params, ndjson })
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    value.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
}

/// The `{part}` names in a URL pattern, in order.
fn placeholders(path: &str) -> Vec<String> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string())).collect()
}

impl ApiSpec {
    /// Whether `name` is a path part or a documented/global query parameter.
    pub fn knows_param(&self, name: &str) -> bool {
        self.params.contains(name)
            || GLOBAL_PARAMS.contains(&name)
            || self.paths.iter().any(|p| p.parts.iter().any(|q| q == name))
    }

    /// Builds the request the Java runner would send: among the paths whose parts are all supplied,
    /// those with the most parts win; the first of them in spec order is used (Java picks one at
    /// random, so any of them must work). Params that are not parts of that path go to the query string.
    ///
    /// The method is the first one the path lists, except that a request with a body prefers the
    /// first method that conventionally carries one (`PUT`/`POST`), so `GET|POST` APIs get a POST.
    ///
    ///
    /// A supplied param the spec does not know, whose name contains or is contained in the name of
    /// the one part a path lacks, fills that part: the corpus mixes tests and specs from different
    /// Elasticsearch commits, and parts were renamed over time (`policy_name` vs `{policy}`).
    pub fn build(&self, params: &[(String, String)], has_body: bool) -> Result<HttpCall, BuildError> {
        match self.rename_drifted_part(params) {
            Some(renamed) => self.build_exact(&renamed, has_body),
            None => self.build_exact(params, has_body),
        }
    }

    /// `params` with an unknown param renamed to the part it stands for, if there is exactly one such pair.
    fn rename_drifted_part(&self, params: &[(String, String)]) -> Option<Vec<(String, String)>> {
        let unknown: Vec<&String> = params.iter().map(|(k, _)| k).filter(|k| !self.knows_param(k)).collect();
        let [unknown] = unknown.as_slice() else { return None };
        let supplied = |part: &String| params.iter().any(|(k, _)| k == part);
        let mut candidates = self.paths.iter().filter_map(|p| {
            let missing: Vec<&String> = p.parts.iter().filter(|part| !supplied(part)).collect();
            match missing.as_slice() {
                [only] if unknown.contains(only.as_str()) || only.contains(unknown.as_str()) => Some((*only).clone()),
                _ => None,
            }
        });
        let part = candidates.next()?;
        Some(params.iter().map(|(k, v)| (if k == *unknown { part.clone() } else { k.clone() }, v.clone())).collect())
    }

    fn build_exact(&self, params: &[(String, String)], has_body: bool) -> Result<HttpCall, BuildError> {
        let supplied = |part: &String| params.iter().any(|(k, _)| k == part);
        let best = self
            .paths
            .iter()
            .enumerate()
            .filter(|(_, p)| p.parts.iter().all(supplied))
            .max_by_key(|(i, p)| (p.parts.len(), std::cmp::Reverse(*i)))
            .map(|(_, p)| p)
            .ok_or(BuildError::NoMatchingPath)?;
        let mut path = best.path.clone();
        let mut query = Vec::new();
        for (key, value) in params {
            if best.parts.contains(key) {
                path = path.replace(&format!("{{{key}}}"), &encode_path_part(value));
            } else {
                query.push((key.clone(), value.clone()));
            }
        }
        let method = if has_body {
            best.methods.iter().find(|m| m.as_str() == "PUT" || m.as_str() == "POST").or(best.methods.first())
        } else {
            best.methods.first()
        };
        Ok(HttpCall { method: method.cloned().unwrap_or_else(|| "GET".to_string()), path, query })
    }
}

/// Percent-encodes one path part the way `java.net.URI` does for the Java runner, plus `/`
/// (a part may contain a slash, which must not split the path).
pub fn encode_path_part(part: &str) -> String {
    const KEEP: &[u8] = b"-_.!~*'(),;:$&+=@";
    let mut out = String::with_capacity(part.len());
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || KEEP.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURRENT: &str = r#"{"indices.rollover": {
        "url": {"paths": [
            {"path": "/{alias}/_rollover", "methods": ["POST"], "parts": {"alias": {}}},
            {"path": "/{alias}/_rollover/{new_index}", "methods": ["POST"], "parts": {"alias": {}, "new_index": {}}}
        ]},
        "params": {"dry_run": {}}
    }}"#;

    const OLD: &str = r#"{"indices.create": {
        "methods": ["PUT", "POST"],
        "url": {"path": "/{index}", "paths": ["/{index}"], "parts": {"index": {}}, "params": {"timeout": {}}}
    }}"#;

    fn registry(text: &str) -> ApiRegistry {
        let mut r = ApiRegistry::default();
        r.add_json(text).unwrap();
        r
    }

    fn params(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn current_format_prefers_the_path_with_most_parts() {
        let r = registry(CURRENT);
        let api = r.get("indices.rollover").unwrap();
        let call =
            api.build(&params(&[("alias", "logs"), ("new_index", "logs-2"), ("dry_run", "true")]), true).unwrap();
        assert_eq!(call.method, "POST");
        assert_eq!(call.path, "/logs/_rollover/logs-2");
        assert_eq!(call.query, params(&[("dry_run", "true")]));
        let call = api.build(&params(&[("alias", "logs")]), false).unwrap();
        assert_eq!(call.path, "/logs/_rollover");
        assert_eq!(api.build(&params(&[("new_index", "x")]), false), Err(BuildError::NoMatchingPath));
    }

    #[test]
    fn a_renamed_part_is_filled_by_the_unknown_param_that_names_it() {
        let r = registry(CURRENT);
        let api = r.get("indices.rollover").unwrap();
        let call = api.build(&params(&[("alias_name", "logs"), ("dry_run", "true")]), false).unwrap();
        assert_eq!(call.path, "/logs/_rollover");
        assert_eq!(api.build(&params(&[("target", "logs")]), false), Err(BuildError::NoMatchingPath));
        let r = registry(
            r#"{"ilm.get_lifecycle": {"url": {"paths": [
                {"path": "/_ilm/policy/{policy}", "methods": ["GET"]}, {"path": "/_ilm/policy", "methods": ["GET"]}
            ]}}}"#,
        );
        let call = r.get("ilm.get_lifecycle").unwrap().build(&params(&[("policy_name", "p")]), false).unwrap();
        assert_eq!((call.path.as_str(), call.query.len()), ("/_ilm/policy/p", 0));
    }

    #[test]
    fn old_format_reads_top_level_methods_and_url_params() {
        let r = registry(OLD);
        let api = r.get("indices.create").unwrap();
        assert!(api.knows_param("timeout"));
        assert!(api.knows_param("index"));
        assert!(!api.knows_param("nope"));
        let call = api.build(&params(&[("index", "test")]), true).unwrap();
        assert_eq!((call.method.as_str(), call.path.as_str()), ("PUT", "/test"));
    }

    #[test]
    fn body_prefers_post_over_get() {
        let r = registry(
            r#"{"ingest.simulate": {"url": {"paths": [{"path": "/_ingest/pipeline/_simulate", "methods": ["GET", "POST"]}]}}}"#,
        );
        let api = r.get("ingest.simulate").unwrap();
        assert_eq!(api.build(&[], true).unwrap().method, "POST");
        assert_eq!(api.build(&[], false).unwrap().method, "GET");
    }

    #[test]
    fn path_parts_are_encoded() {
        assert_eq!(encode_path_part("a,b*"), "a,b*");
        assert_eq!(encode_path_part("<logs-{now/d}>"), "%3Clogs-%7Bnow%2Fd%7D%3E");
        assert_eq!(encode_path_part("test-weird-index-中文"), "test-weird-index-%E4%B8%AD%E6%96%87");
        assert_eq!(encode_path_part("a b#"), "a%20b%23");
    }

    #[test]
    fn existing_names_win() {
        let mut r = registry(OLD);
        r.add_json(r#"{"indices.create": {"url": {"paths": [{"path": "/x/{index}", "methods": ["PUT"]}]}}}"#).unwrap();
        assert_eq!(r.get("indices.create").unwrap().paths[0].path, "/{index}");
    }
}
