//! `skip:` and `requires:`: whether a test runs against this cluster with this runner.
//!
//! Decisions, mirroring the Java runner where it can be known:
//! - `version` ranges are compared with the version `GET /` reports.
//! - `features` / `test_runner_features` name runner features; see [`RUNNER_FEATURES`].
//! - `cluster_features`: the synthetic `gte_vX.Y.Z` features and a few historical features (see
//!   [`HISTORICAL_FEATURES`]) are decided by the version; any other feature is unknown to us, so `requires` skips the test (`needs-feature:cluster:<name>`) and
//!   `skip` does not (the feature is taken to be absent).
//! - `capabilities` are asked of the cluster (`GET /_capabilities`), as the Java runner does.
//! - `awaits_fix` always skips; `os` never matches (the sandbox is no operating system).

use serde_json::{Map, Value};

use super::suite::Prerequisite;

/// Runner features this runner implements (README "Available test runner features").
pub const RUNNER_FEATURES: &[&str] = &[
    "headers",
    "warnings",
    "warnings_regex",
    "allowed_warnings",
    "allowed_warnings_regex",
    "contains",
    "arbitrary_key",
    "transform_and_set",
    "stash_in_path",
    "stash_in_key",
    "embedded_stash_key",
    "default_shards",
    "node_selector",
    "catch_unauthorized",
    "close_to",
    "capabilities",
    "xpack",
    "fips_140",
    "skip_os",
    "exists",
];

/// An `x.y.z` version; missing or non-numeric components count as 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u32, pub u32, pub u32);

impl Version {
    /// Parses `8.15.0`, `8.15.0-SNAPSHOT`, `1.0.0.Beta1`, `7`.
    pub fn parse(s: &str) -> Option<Version> {
        let mut nums = s.trim().split(['.', '-']).map(|p| {
            let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        });
        let major = nums.next().flatten()?;
        Some(Version(major, nums.next().flatten().unwrap_or(0), nums.next().flatten().unwrap_or(0)))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// Whether `version` falls into a `skip.version` expression: `all`, or comma-separated
/// `lower - upper` ranges with either bound optional. `Err` for an unreadable expression.
pub fn version_in_ranges(expr: &str, version: Version) -> Result<bool, String> {
    if expr.trim() == "all" {
        return Ok(true);
    }
    for range in expr.split(',') {
        let Some((lower, upper)) = range.split_once('-') else {
            return Err(format!("version range [{range}] has no `-`"));
        };
        let bound = |s: &str, default: Version| {
            if s.trim().is_empty() {
                Ok(default)
            } else {
                Version::parse(s).ok_or_else(|| format!("bad version [{s}]"))
            }
        };
        let lower = bound(lower, Version(0, 0, 0))?;
        let upper = bound(upper, Version(u32::MAX, u32::MAX, u32::MAX))?;
        if lower <= version && version <= upper {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A capability check from `requires.capabilities`.
#[derive(Debug, Clone, PartialEq)]
pub struct CapabilityCheck {
    /// HTTP method.
    pub method: String,
    /// Path pattern.
    pub path: String,
    /// Parameters.
    pub parameters: Vec<String>,
    /// Capabilities.
    pub capabilities: Vec<String>,
}

/// What the prerequisites need to know about the target.
pub struct Environment<'a> {
    /// The cluster's version.
    pub version: Version,
    /// Asks the cluster whether it has a capability.
    pub has_capability: &'a mut dyn FnMut(&CapabilityCheck) -> bool,
}

/// Why a test does not run.
#[derive(Debug, Clone, PartialEq)]
pub struct SkipVerdict {
    /// Report category: `version-skip`, `needs-feature:<name>`, `awaits-fix`.
    pub category: String,
    /// Explanation (the YAML `reason` where given).
    pub reason: String,
}

/// The first prerequisite that keeps the test from running, if any.
pub fn evaluate(prereqs: &[Prerequisite], env: &mut Environment<'_>) -> Option<SkipVerdict> {
    prereqs.iter().find_map(|p| match p {
        Prerequisite::Skip(m) => evaluate_skip(m, env),
        Prerequisite::Requires(m) => evaluate_requires(m, env),
    })
}

fn verdict(category: impl Into<String>, reason: impl Into<String>) -> Option<SkipVerdict> {
    Some(SkipVerdict { category: category.into(), reason: reason.into() })
}

fn reason_of(m: &Map<String, Value>) -> String {
    m.get("reason").and_then(Value::as_str).unwrap_or("").to_string()
}

fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => s.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect(),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn missing_runner_feature(features: &[String]) -> Option<&String> {
    features.iter().find(|f| !RUNNER_FEATURES.contains(&f.as_str()))
}

/// Elasticsearch's historical cluster features: present on every cluster from that version on
/// (versions as the tests' own `reason`s state them).
const HISTORICAL_FEATURES: &[(&str, Version)] =
    &[("indices_alias_date_math", Version(7, 13, 0)), ("indices_rollover_conditions", Version(8, 4, 0))];

/// Whether a cluster of `version` has the feature: `gte_v8.12.0` (synthetic) and the historical
/// features are decided by the version; `None` for any other feature.
fn synthetic_feature(name: &str, version: Version) -> Option<bool> {
    if let Some((_, since)) = HISTORICAL_FEATURES.iter().find(|(feature, _)| *feature == name) {
        return Some(version >= *since);
    }
    let v = Version::parse(name.strip_prefix("gte_v")?)?;
    Some(version >= v)
}

fn evaluate_skip(m: &Map<String, Value>, env: &mut Environment<'_>) -> Option<SkipVerdict> {
    if let Some(f) = missing_runner_feature(&names(m.get("features"))) {
        return verdict(format!("needs-feature:{f}"), format!("runner feature [{f}]"));
    }
    if m.contains_key("awaits_fix") {
        return verdict("awaits-fix", reason_of(m));
    }
    if let Some(expr) = m.get("version").and_then(Value::as_str) {
        match version_in_ranges(expr, env.version) {
            Ok(true) => return verdict("version-skip", format!("{} in [{expr}]: {}", env.version, reason_of(m))),
            Ok(false) => {}
            Err(e) => return verdict("error", e),
        }
    }
    for feature in names(m.get("cluster_features")) {
        if synthetic_feature(&feature, env.version) == Some(true) {
            return verdict("version-skip", format!("skip on [{feature}]: {}", reason_of(m)));
        }
    }
    for issue in m.get("known_issues").and_then(Value::as_array).into_iter().flatten() {
        let has = |key: &str| {
            issue.get(key).and_then(Value::as_str).and_then(|f| synthetic_feature(f, env.version)).unwrap_or(false)
        };
        if has("cluster_feature") && !has("fixed_by") {
            return verdict("version-skip", format!("known issue: {}", reason_of(m)));
        }
    }
    None
}

fn evaluate_requires(m: &Map<String, Value>, env: &mut Environment<'_>) -> Option<SkipVerdict> {
    if let Some(f) = missing_runner_feature(&names(m.get("test_runner_features"))) {
        return verdict(format!("needs-feature:{f}"), format!("runner feature [{f}]"));
    }
    for feature in names(m.get("cluster_features")) {
        match synthetic_feature(&feature, env.version) {
            Some(true) => {}
            Some(false) => return verdict("version-skip", format!("requires [{feature}]: {}", reason_of(m))),
            None => {
                return verdict(
                    format!("needs-feature:cluster:{feature}"),
                    format!("unknown cluster feature: {}", reason_of(m)),
                );
            }
        }
    }
    for check in m.get("capabilities").and_then(Value::as_array).into_iter().flatten() {
        let check = CapabilityCheck {
            method: check.get("method").and_then(Value::as_str).unwrap_or("GET").to_string(),
            path: check.get("path").and_then(Value::as_str).unwrap_or("/").to_string(),
            parameters: names(check.get("parameters")),
            capabilities: names(check.get("capabilities")),
        };
        if !(env.has_capability)(&check) {
            let what = format!("{} {} {:?}", check.method, check.path, check.capabilities);
            return verdict("needs-feature:capabilities", format!("cluster lacks capability {what}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const V: Version = Version(8, 15, 0);

    #[test]
    fn parses_versions() {
        assert_eq!(Version::parse("8.15.0-SNAPSHOT"), Some(V));
        assert_eq!(Version::parse("1.0.0.Beta1"), Some(Version(1, 0, 0)));
        assert_eq!(Version::parse("7"), Some(Version(7, 0, 0)));
        assert_eq!(Version::parse("x"), None);
    }

    #[test]
    fn version_ranges() {
        assert!(version_in_ranges("all", V).unwrap());
        assert!(!version_in_ranges(" - 7.3.99", V).unwrap());
        assert!(version_in_ranges("7.4.0 - ", V).unwrap());
        assert!(version_in_ranges("- 8.15.0", V).unwrap());
        assert!(!version_in_ranges("- 8.14.99", V).unwrap());
        assert!(version_in_ranges(" - 8.0.99, 8.8.0 - ", V).unwrap());
        assert!(!version_in_ranges(" - 8.0.99, 8.16.0 - ", V).unwrap());
        assert!(version_in_ranges("8.15", V).is_err());
    }

    fn run(prereq: Prerequisite, capable: bool) -> Option<SkipVerdict> {
        let mut has = |_: &CapabilityCheck| capable;
        let mut env = Environment { version: V, has_capability: &mut has };
        evaluate(&[prereq], &mut env)
    }

    fn skip(v: Value) -> Prerequisite {
        Prerequisite::Skip(v.as_object().unwrap().clone())
    }

    fn requires(v: Value) -> Prerequisite {
        Prerequisite::Requires(v.as_object().unwrap().clone())
    }

    fn category(v: Option<SkipVerdict>) -> Option<String> {
        v.map(|v| v.category)
    }

    #[test]
    fn skip_sections() {
        assert_eq!(category(run(skip(json!({"version": " - 7.99.99", "reason": "x"})), true)), None);
        assert_eq!(
            category(run(skip(json!({"version": "8.0.0 - ", "reason": "x"})), true)).as_deref(),
            Some("version-skip")
        );
        assert_eq!(
            category(run(skip(json!({"features": ["headers", "yaml"]})), true)).as_deref(),
            Some("needs-feature:yaml")
        );
        assert_eq!(category(run(skip(json!({"features": "allowed_warnings"})), true)), None);
        assert_eq!(
            category(run(skip(json!({"cluster_features": "gte_v8.0.0"})), true)).as_deref(),
            Some("version-skip")
        );
        assert_eq!(category(run(skip(json!({"cluster_features": "something_new"})), true)), None);
        assert_eq!(category(run(skip(json!({"awaits_fix": "#1"})), true)).as_deref(), Some("awaits-fix"));
    }

    #[test]
    fn requires_sections() {
        assert_eq!(category(run(requires(json!({"cluster_features": ["gte_v8.11.0"]})), true)), None);
        assert_eq!(
            category(run(requires(json!({"cluster_features": ["gte_v8.16.0"]})), true)).as_deref(),
            Some("version-skip")
        );
        assert_eq!(
            category(run(requires(json!({"cluster_features": ["logs_stream"]})), true)).as_deref(),
            Some("needs-feature:cluster:logs_stream")
        );
        assert_eq!(category(run(requires(json!({"cluster_features": ["indices_rollover_conditions"]})), true)), None);
        assert_eq!(category(run(requires(json!({"test_runner_features": ["capabilities", "contains"]})), true)), None);
        let caps = json!({"test_runner_features": "capabilities", "capabilities": [{"method": "PUT", "path": "/x", "capabilities": ["y"]}]});
        assert_eq!(category(run(requires(caps.clone()), true)), None);
        assert_eq!(category(run(requires(caps), false)).as_deref(), Some("needs-feature:capabilities"));
    }
}
