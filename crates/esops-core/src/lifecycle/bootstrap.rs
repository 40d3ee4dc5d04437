//! The first write index of a rollover family (`NAME-000001` behind the write alias `NAME`) or a
//! data stream `NAME`, decided from the index templates as Elasticsearch would apply them: the
//! template with the highest priority whose patterns match the new name. Pure: the templates,
//! what already owns the name and the policies in; a plan or the reason to refuse out.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::reconcile::normalize::flat_settings;
use es_syntax::glob::simple_match;

/// An index template as it applies to a new index: its own settings over those of its component
/// templates, in `composed_of` order (Elasticsearch merges them so).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TemplateView {
    /// Template name.
    pub name: String,
    /// `index_patterns`.
    pub patterns: Vec<String>,
    /// `priority` (absent: 0).
    pub priority: i64,
    /// True when it creates data streams (`data_stream: {}`).
    pub data_stream: bool,
    /// Resolved settings, flat with the `index.` prefix, values as strings.
    pub settings: BTreeMap<String, String>,
    /// Aliases it adds to every index it creates (its own and its components').
    pub aliases: Vec<String>,
}

impl TemplateView {
    /// A resolved setting, e.g. `index.lifecycle.name`.
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.settings.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }

    fn matches(&self, index: &str) -> bool {
        self.patterns.iter().any(|p| simple_match(p, index))
    }
}

/// Reads an index template body (as GET returns it or as declared) with the component template
/// bodies by name.
pub fn template_view(name: &str, template: &Value, components: &BTreeMap<String, Value>) -> TemplateView {
    let patterns = match template.get("index_patterns") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let composed: Vec<&Value> = template
        .get("composed_of")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|c| components.get(c))
        .collect();
    let mut settings = BTreeMap::new();
    let mut aliases = Vec::new();
    for part in composed.into_iter().chain(std::iter::once(template)) {
        if let Some(Value::Object(flat)) = part.pointer("/template/settings").map(flat_settings) {
            for (key, value) in flat {
                settings.insert(key, value.as_str().unwrap_or_default().to_string());
            }
        }
        if let Some(map) = part.pointer("/template/aliases").and_then(Value::as_object) {
            aliases.extend(map.keys().filter(|a| !aliases.contains(*a)).cloned().collect::<Vec<_>>());
        }
    }
    TemplateView {
        name: name.to_string(),
        patterns,
        priority: template.get("priority").and_then(Value::as_i64).unwrap_or(0),
        data_stream: template.get("data_stream").is_some_and(Value::is_object),
        settings,
        aliases,
    }
}

/// The template Elasticsearch applies to a new index or data stream named `name`: the matching
/// one with the highest priority (Elasticsearch refuses two overlapping templates of equal
/// priority, so there is one at most; on a tie the first by name is taken).
pub fn matching_template<'a>(templates: &'a [TemplateView], name: &str) -> Option<&'a TemplateView> {
    templates
        .iter()
        .filter(|t| t.matches(name))
        .max_by(|a, b| a.priority.cmp(&b.priority).then_with(|| b.name.cmp(&a.name)))
}

/// What already carries a name on the cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NameOwner {
    /// An index of that name.
    Index,
    /// An alias, on these indices.
    Alias {
        /// The indices it points to.
        indices: Vec<String>,
    },
    /// A data stream.
    DataStream,
}

/// The cluster's names that a bootstrap could collide with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExistingNames {
    /// What carries `NAME`, if anything.
    pub name: Option<NameOwner>,
    /// Whether `NAME-000001` exists (as anything).
    pub first_index: bool,
}

/// What a bootstrap creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BootstrapKind {
    /// `PUT /_data_stream/NAME`: its first backing index comes with it.
    DataStream,
    /// `PUT /NAME-000001` with `NAME` as its write alias.
    WriteAlias {
        /// `NAME-000001`.
        first_index: String,
        /// Whether esops sets `index.lifecycle.rollover_alias: NAME` on it (the template does
        /// not, and the policy rolls over: ILM's rollover needs it).
        sets_rollover_alias: bool,
    },
}

/// A bootstrap esops would make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BootstrapPlan {
    /// The alias or data stream.
    pub name: String,
    /// What is created.
    #[serde(flatten)]
    pub kind: BootstrapKind,
    /// The index template that applies.
    pub template: String,
    /// The ILM policy it attaches (`index.lifecycle.name`).
    pub policy: Option<String>,
    /// What the operator should know (policy missing, never rolls over, …).
    pub notes: Vec<String>,
}

/// `NAME-000001`.
pub fn first_index_name(name: &str) -> String {
    format!("{name}-000001")
}

/// Elasticsearch's rules for index, alias and data stream names (`MetadataCreateIndexService`):
/// lower case, no `\ / * ? " < > | , # :` or space, not starting with `-`, `_` or `+`, not `.`
/// or `..`, at most 255 bytes.
fn check_name(name: &str) -> Result<(), String> {
    let invalid = name.chars().find(|c| "\\/*?\"<>|,#: ".contains(*c));
    let problem = if name.is_empty() {
        Some("it is empty".to_string())
    } else if let Some(c) = invalid {
        Some(format!("it contains `{c}`"))
    } else if name.to_lowercase() != name {
        Some("it has upper-case letters".into())
    } else if name.starts_with(['-', '_', '+']) {
        Some("it starts with `-`, `_` or `+`".into())
    } else if name == "." || name == ".." {
        Some("it is `.` or `..`".into())
    } else if name.starts_with(".ds-") {
        Some("`.ds-` names are data streams' backing indices".into())
    } else if first_index_name(name).len() > 255 {
        Some("NAME-000001 would be longer than 255 bytes".into())
    } else {
        None
    };
    match problem {
        Some(p) => Err(format!("`{name}` cannot name an alias or data stream: {p}")),
        None => Ok(()),
    }
}

/// Whether `policy` (`{"phases": {…}}`) has a rollover action.
fn rolls_over(policy: &Value) -> bool {
    policy
        .get("phases")
        .and_then(Value::as_object)
        .is_some_and(|phases| phases.values().any(|p| p.pointer("/actions/rollover").is_some()))
}

/// Decides what bootstrapping `name` creates, or why not. A template creating data streams that
/// matches `name` makes it a data stream; otherwise the template matching `NAME-000001` must be
/// an ordinary one, and `NAME` becomes its write alias. `policies` are the cluster's (body
/// `{"phases": {…}}` by name).
pub fn plan_bootstrap(
    name: &str,
    templates: &[TemplateView],
    existing: &ExistingNames,
    policies: &BTreeMap<String, Value>,
) -> Result<BootstrapPlan, String> {
    check_name(name)?;
    if let Some(owner) = &existing.name {
        let what = match owner {
            NameOwner::Index => "an index".to_string(),
            NameOwner::Alias { indices } => format!("an alias (of {})", indices.join(", ")),
            NameOwner::DataStream => "a data stream".to_string(),
        };
        return Err(format!("`{name}` is already {what}: there is nothing to bootstrap"));
    }
    let first = first_index_name(name);
    let (template, kind) = match matching_template(templates, name).filter(|t| t.data_stream) {
        Some(t) => (t, BootstrapKind::DataStream),
        None => {
            let Some(t) = matching_template(templates, &first) else {
                return Err(format!(
                    "no index template matches `{first}` (nor `{name}` as a data stream): its first index \
                     would get no rollover settings; declare one (`-f PATHS`) and apply it, or name \
                     another family"
                ));
            };
            if t.data_stream {
                return Err(format!(
                    "template [{}] creates data streams for `{first}` (patterns {}): Elasticsearch refuses \
                     to create it as an index; a data stream is named to match the patterns itself",
                    t.name,
                    t.patterns.join(", ")
                ));
            }
            if existing.first_index {
                return Err(format!("`{first}` already exists: bootstrap it by hand or pick another name"));
            }
            if let Some(alias) = t.setting("index.lifecycle.rollover_alias").filter(|a| *a != name) {
                return Err(format!(
                    "template [{}] sets index.lifecycle.rollover_alias to [{alias}], not [{name}]: ILM would \
                     roll `{first}` over through the wrong alias; bootstrap `{alias}` instead",
                    t.name
                ));
            }
            if t.aliases.iter().any(|a| a == name) {
                return Err(format!(
                    "template [{}] adds the alias [{name}] to every index it creates: Elasticsearch refuses \
                     to roll over an alias a template adds (duplicated alias); remove it from the template",
                    t.name
                ));
            }
            let policy_rolls = t.setting("index.lifecycle.name").and_then(|p| policies.get(p)).is_some_and(rolls_over);
            let sets = policy_rolls && t.setting("index.lifecycle.rollover_alias").is_none();
            (t, BootstrapKind::WriteAlias { first_index: first, sets_rollover_alias: sets })
        }
    };
    let policy = template.setting("index.lifecycle.name").map(str::to_string);
    let mut notes = Vec::new();
    match policy.as_deref().map(|p| (p, policies.get(p))) {
        None if template.data_stream => notes.push(format!(
            "template [{}] attaches no ILM policy: a data stream lifecycle, if the template has one, \
             manages it, else nothing does",
            template.name
        )),
        None => notes.push(format!(
            "template [{}] attaches no ILM policy: nothing rolls `{name}` over but `esops rollover`",
            template.name
        )),
        Some((p, None)) => notes.push(format!(
            "policy [{p}] does not exist on the cluster: ILM leaves the index blocked until it does \
             (`esops apply` creates declared ones)"
        )),
        Some((p, Some(body))) if !rolls_over(body) => {
            notes.push(format!("policy [{p}] has no rollover action: nothing rolls `{name}` over but `esops rollover`"))
        }
        Some(_) => {}
    }
    Ok(BootstrapPlan { name: name.to_string(), kind, template: template.name.clone(), policy, notes })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn components() -> BTreeMap<String, Value> {
        BTreeMap::from([(
            "ct-ilm".to_string(),
            json!({"template": {"settings": {"index": {"lifecycle": {"name": "rolling"}}}}}),
        )])
    }

    fn templates() -> Vec<TemplateView> {
        let c = components();
        vec![
            template_view("app", &json!({"index_patterns": ["app-*"], "composed_of": ["ct-ilm"], "priority": 10}), &c),
            template_view("ds", &json!({"index_patterns": ["logs-*-*"], "data_stream": {}, "priority": 200}), &c),
            template_view(
                "aliased",
                &json!({"index_patterns": ["web-*"], "template": {"settings": {"index.lifecycle.name": "rolling",
                    "index.lifecycle.rollover_alias": "web-other"}, "aliases": {"web": {}}}}),
                &c,
            ),
            template_view("catch-all", &json!({"index_patterns": ["*"], "priority": 0}), &c),
        ]
    }

    fn policies() -> BTreeMap<String, Value> {
        BTreeMap::from([
            ("rolling".to_string(), json!({"phases": {"hot": {"actions": {"rollover": {"max_age": "1d"}}}}})),
            ("daily".to_string(), json!({"phases": {"delete": {"min_age": "30d", "actions": {"delete": {}}}}})),
        ])
    }

    fn plan(name: &str, existing: ExistingNames) -> Result<BootstrapPlan, String> {
        plan_bootstrap(name, &templates(), &existing, &policies())
    }

    #[test]
    fn a_template_with_a_rolling_policy_gives_a_write_alias_and_its_rollover_alias_setting() {
        let p = plan("app-orders", ExistingNames::default()).unwrap();
        assert_eq!(p.template, "app");
        assert_eq!(p.policy.as_deref(), Some("rolling"), "from the component template");
        assert_eq!(
            p.kind,
            BootstrapKind::WriteAlias { first_index: "app-orders-000001".into(), sets_rollover_alias: true }
        );
        assert!(p.notes.is_empty(), "{:?}", p.notes);
    }

    #[test]
    fn a_data_stream_template_gives_a_data_stream() {
        let p = plan("logs-app-default", ExistingNames::default()).unwrap();
        assert_eq!((p.kind, p.template.as_str()), (BootstrapKind::DataStream, "ds"));
        assert!(p.notes[0].contains("attaches no ILM policy"), "{:?}", p.notes);
    }

    #[test]
    fn whatever_owns_the_name_is_refused() {
        for (owner, what) in [
            (NameOwner::Index, "an index"),
            (NameOwner::Alias { indices: vec!["app-x-000003".into()] }, "an alias (of app-x-000003)"),
            (NameOwner::DataStream, "a data stream"),
        ] {
            let err = plan("app-x", ExistingNames { name: Some(owner), first_index: false }).unwrap_err();
            assert_eq!(err, format!("`app-x` is already {what}: there is nothing to bootstrap"));
        }
        let err = plan("app-x", ExistingNames { name: None, first_index: true }).unwrap_err();
        assert!(err.contains("`app-x-000001` already exists"), "{err}");
    }

    #[test]
    fn templates_that_would_break_the_rollover_are_refused() {
        let err = plan("web", ExistingNames::default()).unwrap_err();
        assert!(err.contains("rollover_alias to [web-other], not [web]"), "{err}");
        // `logs-x` matches no data stream pattern, `logs-x-000001` does.
        let err = plan("logs-x", ExistingNames::default()).unwrap_err();
        assert!(err.contains("template [ds] creates data streams for `logs-x-000001`"), "{err}");
        let no_policy = plan("other", ExistingNames::default()).unwrap();
        assert_eq!(no_policy.template, "catch-all");
        assert!(no_policy.notes[0].contains("nothing rolls `other` over"), "{:?}", no_policy.notes);
        let none = plan_bootstrap("other", &templates()[..3], &ExistingNames::default(), &policies()).unwrap_err();
        assert!(none.starts_with("no index template matches `other-000001`"), "{none}");
    }

    #[test]
    fn names_elasticsearch_refuses_are_refused() {
        for bad in ["App", "a*b", "_x", "-x", "a b", ".ds-x", ""] {
            assert!(plan(bad, ExistingNames::default()).is_err(), "{bad}");
        }
    }

    #[test]
    fn own_settings_win_over_components_and_the_highest_priority_wins() {
        let c = components();
        let t = template_view(
            "t",
            &json!({"index_patterns": "app-*", "composed_of": ["ct-ilm", "missing"],
                    "template": {"settings": {"lifecycle.name": "own"}}}),
            &c,
        );
        assert_eq!(t.setting("index.lifecycle.name"), Some("own"));
        assert_eq!(t.patterns, ["app-*"]);
        assert_eq!(matching_template(&templates(), "app-1").unwrap().name, "app");
    }
}
