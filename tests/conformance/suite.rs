//! The YAML test files, read into a model: `setup`, `teardown` and named tests, each a list of steps.
//!
//! See `rest-api-spec/src/yamlRestTest/resources/rest-api-spec/test/README.asciidoc` in the corpus.
//! Malformed steps do not abort loading: they become [`Step::Invalid`] and fail the test that holds
//! them, so one odd file never hides the rest.

use serde_json::{Map, Value};

/// One YAML file.
#[derive(Debug, Default)]
pub struct TestFile {
    /// Runs before every test.
    pub setup: Section,
    /// Runs after every test.
    pub teardown: Section,
    /// The tests, in file order.
    pub tests: Vec<TestCase>,
}

/// A named test.
#[derive(Debug)]
pub struct TestCase {
    /// The test's name (the YAML key).
    pub name: String,
    /// Its prerequisites and steps.
    pub section: Section,
}

/// A list of steps, with the `skip`/`requires` entries that lead it pulled out.
#[derive(Debug, Default)]
pub struct Section {
    /// Leading `skip` and `requires` entries.
    pub prerequisites: Vec<Prerequisite>,
    /// Everything else, in order.
    pub steps: Vec<Step>,
}

/// A `skip:` or `requires:` entry.
#[derive(Debug, Clone)]
pub enum Prerequisite {
    /// Skip when any condition holds.
    Skip(Map<String, Value>),
    /// Run only when every condition holds.
    Requires(Map<String, Value>),
}

/// One step of a test.
#[derive(Debug, Clone)]
pub enum Step {
    /// `do`: call an API.
    Do(Box<DoStep>),
    /// `match`, `length`, `is_true`, `gt`, …: check the last response.
    Assert(Assertion),
    /// `set: {path: name}`: stash values of the last response.
    Set(Vec<(String, String)>),
    /// `transform_and_set: {name: "#fn(args)"}`.
    TransformAndSet(Vec<(String, String)>),
    /// A step this runner cannot execute (e.g. `is_after`); fails the test as an unsupported feature.
    Unsupported(String),
    /// A step that could not be read; fails the test as an error.
    Invalid(String),
}

/// An assertion on the last response.
#[derive(Debug, Clone)]
pub struct Assertion {
    /// `match`, `length`, `is_true`, `is_false`, `gt`, `gte`, `lt`, `lte`, `contains`, `exists`, `close_to`.
    pub kind: String,
    /// Path into the response (or a stash reference such as `$body`).
    pub path: String,
    /// Expected value (`Null` for `is_true`/`is_false`/`exists`).
    pub expected: Value,
}

/// A `do` step.
#[derive(Debug, Clone, Default)]
pub struct DoStep {
    /// API name, e.g. `indices.create`.
    pub api: String,
    /// Parameters other than `body`, in file order, unconverted.
    pub params: Vec<(String, Value)>,
    /// The `body` parameter, if any.
    pub body: Option<Value>,
    /// `catch`.
    pub catch: Option<String>,
    /// Request headers.
    pub headers: Vec<(String, Value)>,
    /// Warnings that must come back.
    pub warnings: Vec<String>,
    /// Regexes that some warning must match.
    pub warnings_regex: Vec<String>,
    /// Warnings that may come back.
    pub allowed_warnings: Vec<String>,
    /// Regexes of warnings that may come back.
    pub allowed_warnings_regex: Vec<String>,
}

/// Step keys that are assertions.
const ASSERTIONS: &[&str] =
    &["match", "length", "is_true", "is_false", "gt", "gte", "lt", "lte", "contains", "exists", "close_to"];

/// Parses a file's text (several YAML documents).
pub fn parse_file(text: &str) -> Result<TestFile, String> {
    let docs: Vec<Value> = serde_saphyr::from_multiple(text).map_err(|e| first_line(&e.to_string()))?;
    let mut file = TestFile::default();
    for doc in docs {
        let Value::Object(entries) = doc else {
            if doc.is_null() {
                continue;
            }
            return Err("a document is not a mapping".into());
        };
        for (name, body) in entries {
            let section = parse_section(&body);
            match name.as_str() {
                "setup" => file.setup = section,
                "teardown" => file.teardown = section,
                _ => file.tests.push(TestCase { name, section }),
            }
        }
    }
    Ok(file)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// Reads a list of steps; leading `skip`/`requires` entries become prerequisites.
fn parse_section(body: &Value) -> Section {
    let mut section = Section::default();
    let Some(items) = body.as_array() else {
        section.steps.push(Step::Invalid("section is not a list of steps".into()));
        return section;
    };
    for item in items {
        let Some((kind, arg)) = single_entry(item) else {
            section.steps.push(Step::Invalid(format!("step is not a single-key mapping: {item}")));
            continue;
        };
        match (kind, arg) {
            ("skip", Value::Object(m)) if section.steps.is_empty() => {
                section.prerequisites.push(Prerequisite::Skip(m.clone()))
            }
            ("requires", Value::Object(m)) if section.steps.is_empty() => {
                section.prerequisites.push(Prerequisite::Requires(m.clone()))
            }
            _ => section.steps.push(parse_step(kind, arg)),
        }
    }
    section
}

fn single_entry(item: &Value) -> Option<(&str, &Value)> {
    match item {
        Value::Object(m) if m.len() == 1 => m.iter().next().map(|(k, v)| (k.as_str(), v)),
        _ => None,
    }
}

fn parse_step(kind: &str, arg: &Value) -> Step {
    match kind {
        "do" => parse_do(arg).map_or_else(Step::Invalid, |d| Step::Do(Box::new(d))),
        "set" => string_pairs(arg).map_or_else(Step::Invalid, Step::Set),
        "transform_and_set" => string_pairs(arg).map_or_else(Step::Invalid, Step::TransformAndSet),
        "is_true" | "is_false" | "exists" => match arg {
            Value::String(path) => {
                Step::Assert(Assertion { kind: kind.into(), path: path.clone(), expected: Value::Null })
            }
            Value::Null => Step::Assert(Assertion { kind: kind.into(), path: String::new(), expected: Value::Null }),
            other => Step::Invalid(format!("{kind} expects a path, got {other}")),
        },
        k if ASSERTIONS.contains(&k) => match single_entry(arg) {
            Some((path, expected)) => {
                Step::Assert(Assertion { kind: kind.into(), path: path.into(), expected: expected.clone() })
            }
            None => Step::Invalid(format!("{kind} expects one `path: value` entry, got {arg}")),
        },
        "skip" | "requires" => Step::Invalid(format!("`{kind}` must come before the other steps")),
        other => Step::Unsupported(other.to_string()),
    }
}

/// `{a: b, c: d}` with string values.
fn string_pairs(arg: &Value) -> Result<Vec<(String, String)>, String> {
    let map = arg.as_object().ok_or_else(|| format!("expected a mapping, got {arg}"))?;
    map.iter()
        .map(|(k, v)| match v {
            Value::String(s) => Ok((k.clone(), s.clone())),
            other => Err(format!("expected a string for [{k}], got {other}")),
        })
        .collect()
}

fn parse_do(arg: &Value) -> Result<DoStep, String> {
    let map = arg.as_object().ok_or_else(|| format!("`do` expects a mapping, got {arg}"))?;
    let mut step = DoStep::default();
    for (key, value) in map {
        match key.as_str() {
            "catch" => step.catch = Some(scalar_text(value).ok_or("catch must be a string")?),
            "headers" => {
                let headers = value.as_object().ok_or("headers must be a mapping")?;
                step.headers = headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            }
            "warnings" => step.warnings = strings(value)?,
            "warnings_regex" => step.warnings_regex = strings(value)?,
            "allowed_warnings" => step.allowed_warnings = strings(value)?,
            "allowed_warnings_regex" => step.allowed_warnings_regex = strings(value)?,
            // a single node: every node is the right one
            "node_selector" => {}
            api => {
                if !step.api.is_empty() {
                    return Err(format!("`do` names two APIs: [{}] and [{api}]", step.api));
                }
                step.api = api.to_string();
                match value {
                    Value::Null => {}
                    Value::Object(params) => {
                        for (name, v) in params {
                            if name == "body" {
                                step.body = Some(v.clone());
                            } else {
                                step.params.push((name.clone(), v.clone()));
                            }
                        }
                    }
                    other => return Err(format!("parameters of [{api}] must be a mapping, got {other}")),
                }
            }
        }
    }
    if step.api.is_empty() {
        return Err("`do` without an API".into());
    }
    Ok(step)
}

fn strings(value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::Array(items) => {
            items.iter().map(|v| scalar_text(v).ok_or_else(|| format!("expected strings, got {v}"))).collect()
        }
        Value::Null => Ok(Vec::new()),
        other => scalar_text(other).map(|s| vec![s]).ok_or_else(|| format!("expected a list of strings, got {other}")),
    }
}

/// The text of a scalar as the Java YAML parser hands it over (`1` → `"1"`, `true` → `"true"`).
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILE: &str = r#"
---
setup:
  - skip:
      features: headers
  - do:
      indices.create:
        index: test
        body: { settings: { number_of_shards: 1 } }
---
"Basic":
  - requires:
      cluster_features: ["gte_v8.0.0"]
      reason: new
  - do:
      catch: missing
      allowed_warnings: [ "w" ]
      node_selector: { version: current }
      indices.get:
        index: [a, b]
  - match: { error.type: index_not_found_exception }
  - is_false: ''
  - set: { _id: id }
  - frobnicate: {}
---
"Second":
  - do:
      ilm.get_status: {}
  - length: { $body: 1 }
"#;

    #[test]
    fn reads_setup_tests_and_steps() {
        let file = parse_file(FILE).unwrap();
        assert_eq!(file.setup.prerequisites.len(), 1);
        assert_eq!(file.setup.steps.len(), 1);
        assert_eq!(file.tests.len(), 2);
        let basic = &file.tests[0];
        assert_eq!(basic.name, "Basic");
        assert!(matches!(basic.section.prerequisites[0], Prerequisite::Requires(_)));
        let Step::Do(d) = &basic.section.steps[0] else { panic!("not a do") };
        assert_eq!(d.api, "indices.get");
        assert_eq!(d.catch.as_deref(), Some("missing"));
        assert_eq!(d.params, vec![("index".to_string(), json!(["a", "b"]))]);
        assert_eq!(d.allowed_warnings, ["w"]);
        assert!(matches!(&basic.section.steps[2], Step::Assert(a) if a.kind == "is_false" && a.path.is_empty()));
        assert!(matches!(&basic.section.steps[4], Step::Unsupported(k) if k == "frobnicate"));
        let Step::Do(d) = &file.tests[1].section.steps[0] else { panic!("not a do") };
        assert!(d.params.is_empty() && d.body.is_none());
    }

    #[test]
    fn body_stays_structured() {
        let file = parse_file(FILE).unwrap();
        let Step::Do(d) = &file.setup.steps[0] else { panic!("not a do") };
        assert_eq!(d.body, Some(json!({"settings": {"number_of_shards": 1}})));
    }
}
