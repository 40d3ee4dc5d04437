//! From files to checked resources: find the YAML files of a tree, split them into documents,
//! read `kind` and `name`, build each body (expanding the ILM shorthand), mark it as esops's, and
//! run every check — all problems of all files in one pass.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::{Map, Value, json};

use super::diagnostic::{Code, Diagnostic};
use super::ilm::PolicyForm;
use super::references::{self, AssumedExisting};
use super::report::{self, At, Report, SourceMap};
use super::schema::unknown_key;
use super::yaml::{self, Node, NodeValue, Pos};
use super::{
    DeclaredResource, Location, ResourceKind, Target, cluster_settings, ilm, ism, pipeline, shorthand, snapshots,
    templates,
};
use crate::suggest::did_you_mean;

/// The `_meta.managed_by` value that marks resources esops applied (and may prune).
pub const MANAGED_BY: &str = "esops";

/// The `_meta` key naming the tree that applied a resource (declared by the tree's
/// `kind: esops` document): `--prune` of a tree only deletes resources carrying its own owner.
pub const TREE_OWNER_KEY: &str = "esops_owner";

/// The `kind` of the document that describes the tree itself rather than a resource.
const TREE_KIND: &str = "esops";

/// One file of a config tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path, as found from the paths given (relative stays relative).
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Reads the files of a config tree: files as given, and every `*.yaml`/`*.yml` below folders
/// (hidden entries skipped, symbolic links to folders not followed), sorted for determinism.
pub fn read_tree(paths: &[PathBuf]) -> anyhow::Result<Vec<SourceFile>> {
    let mut found = Vec::new();
    for path in paths {
        fs::symlink_metadata(path).with_context(|| format!("reading {}", path.display()))?;
        // Anything but a folder is read as a file, which refuses what is not a regular one.
        if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            let before = found.len();
            collect_yaml(path, &mut found)?;
            if found.len() == before {
                anyhow::bail!("{} holds no *.yaml or *.yml files", path.display());
            }
        } else {
            found.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(p.clone()));
    found
        .into_iter()
        .map(|path| {
            let text = super::input::read_text_file(&path)?;
            Ok(SourceFile { path, text })
        })
        .collect()
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading {}", dir.display()))?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().with_context(|| format!("reading {}", path.display()))?;
        if kind.is_dir() {
            collect_yaml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            // A YAML name that is not a regular file is an error, never a silent skip: a skipped
            // file's resources would look deleted to `apply --prune`.
            if let Some(what) = super::input::not_a_regular_file(&path) {
                anyhow::bail!(
                    "{}: is {what}; esops reads only regular files (remove it or fix the link)",
                    path.display()
                );
            }
            out.push(path);
        }
    }
    Ok(())
}

/// What checking a tree needs besides its files.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Resources that exist on the cluster without being declared (`--assume-existing`).
    pub assume_existing: Vec<(ResourceKind, String)>,
    /// The distribution the tree is for.
    pub target: Target,
}

/// A checked tree: its resources (also when some have errors), and everything found.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Every resource that has a valid kind and name, in file order.
    pub resources: Vec<DeclaredResource>,
    /// Errors and warnings, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// True when some diagnostic is an error: nothing should be sent then.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A resource with what is needed to report on it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The resource.
    pub resource: DeclaredResource,
    /// Where each part of its body came from.
    pub map: SourceMap,
    /// Where its name is written.
    pub name_at: Pos,
}

impl Loaded {
    /// `ilm_policy/python-logs`.
    pub fn label(&self) -> String {
        format!("{}/{}", self.resource.kind, self.resource.name)
    }
}

/// Loads and checks a tree: syntax, kinds and names, each body, and references across resources.
pub fn check(files: &[SourceFile], options: &CheckOptions) -> Checked {
    let mut diagnostics = Vec::new();
    let mut loaded = Vec::new();
    let mut owner: Option<(String, Location)> = None;
    for file in files {
        match yaml::parse_documents(&file.text) {
            Ok(docs) => {
                for doc in &docs {
                    if doc.get("kind").and_then(|k| k.value.as_str()) == Some(TREE_KIND) {
                        read_tree_owner(&file.path, doc, &mut owner, &mut diagnostics);
                        continue;
                    }
                    loaded.extend(load_document(&file.path, doc, &mut diagnostics));
                }
            }
            Err(e) => diagnostics.push(Diagnostic::error(
                Code::YamlSyntax,
                Location { file: file.path.clone(), line: e.at.line, column: e.at.column },
                format!("invalid YAML: {}", e.message),
            )),
        }
    }
    if let Some((id, _)) = &owner {
        for l in &mut loaded {
            let mut r = Report::new(&l.resource.location.file, Some(l.label()), &l.map, &mut diagnostics);
            mark_tree_owner(&mut r, l.resource.kind, &mut l.resource.body, id);
            l.resource.owner = Some(id.clone());
        }
    }
    references::check(
        &loaded,
        &AssumedExisting::new(options.assume_existing.clone()),
        options.target,
        &mut diagnostics,
    );
    for_target(options.target, &mut loaded, &mut diagnostics);
    Diagnostic::sort(&mut diagnostics);
    Checked { resources: loaded.into_iter().map(|l| l.resource).collect(), diagnostics }
}

fn load_document(file: &Path, doc: &Node, out: &mut Vec<Diagnostic>) -> Option<Loaded> {
    let empty = SourceMap::default();
    let mut r = Report::new(file, None, &empty, out);
    if doc.entries().is_none() {
        r.error(Code::Kind, At::Pos(doc.at), "a resource must be a mapping with `kind`, `name` and its body")
            .hint("start each document with e.g. `kind: ilm_policy` and `name: python-logs`");
        return None;
    }
    let kind = read_kind(&mut r, doc);
    let (name, name_at) = read_name(&mut r, doc, kind)?;
    let kind = kind?;
    let label = format!("{kind}/{name}");
    let (mut body, map, form) = match kind {
        ResourceKind::IlmPolicy if doc.get("phases").is_some() => {
            let mut r = Report::new(file, Some(label.clone()), &empty, out);
            if let Some(policy) = doc.get("policy") {
                r.error(Code::UnknownKey, At::Pos(policy.key_at), "a policy is written either as `phases:` (shorthand) or as `policy:` (Elasticsearch body), not both");
            }
            let (body, map) = shorthand::expand(&mut r, doc);
            (body, map, PolicyForm::Shorthand)
        }
        _ => {
            let mut map = SourceMap::default();
            map.record_tree("", None, doc);
            let body: Map<String, Value> = doc
                .entries()
                .unwrap_or_default()
                .iter()
                .filter(|e| e.key != "kind" && e.key != "name")
                .map(|e| (e.key.clone(), e.value.to_json()))
                .collect();
            (Value::Object(body), map, PolicyForm::Elasticsearch)
        }
    };
    let mut r = Report::new(file, Some(label), &map, out);
    mark_managed(&mut r, kind, &mut body);
    match kind {
        ResourceKind::ClusterSettings => cluster_settings::check(&mut r, &name, &body),
        ResourceKind::SnapshotRepository => snapshots::check_repository(&mut r, &body),
        ResourceKind::SlmPolicy => {
            snapshots::check_slm_policy(&mut r, &body);
            body = snapshots::slm_put_body(&body);
        }
        ResourceKind::IlmPolicy => {
            if form == PolicyForm::Elasticsearch && body.get("policy").is_none() {
                r.error(
                    Code::MissingKey,
                    At::Pos(doc.at),
                    "an ilm_policy needs `phases` (the shorthand) or `policy` (the Elasticsearch body)",
                )
                .hint("e.g. `phases: {hot: 7d, warm: 30d, delete: true}`; see docs/src/shorthand.md");
                // Neither form recognized: a misspelt `phases` or `policy` is the likely cause.
                let known: Vec<&str> = shorthand::DOCUMENT_KEYS.iter().copied().chain(["policy"]).collect();
                for key in body.as_object().into_iter().flat_map(|m| m.keys()).filter(|k| !known.contains(&k.as_str()))
                {
                    unknown_key(&mut r, At::Key(&report::child("", key)), key, "an ilm_policy", &known);
                }
            } else {
                ilm::check(&mut r, &body, form);
            }
        }
        ResourceKind::ComponentTemplate => templates::check_component_template(&mut r, &body),
        ResourceKind::IndexTemplate => templates::check_index_template(&mut r, &body),
        ResourceKind::IngestPipeline => pipeline::check(&mut r, &body),
        ResourceKind::DataStreamLifecycle => templates::check_lifecycle(&mut r, "", &body),
        ResourceKind::IsmPolicy => ism::check(&mut r, &body),
    }
    let location = Location { file: file.to_path_buf(), line: doc.at.line, column: doc.at.column };
    let written = map.written().clone();
    Some(Loaded { resource: DeclaredResource { kind, name, body, location, owner: None, written }, map, name_at })
}

/// Makes the checked resources the ones sent to `target`. Elasticsearch: an `ism_policy` is an
/// error. OpenSearch: each ILM policy becomes an ISM policy attached (`ism_template`) to the index
/// patterns of the index templates naming it, and templates lose their `index.lifecycle.*`
/// settings; what has no OpenSearch equivalent is an error at the key written.
fn for_target(target: Target, loaded: &mut [Loaded], out: &mut Vec<Diagnostic>) {
    match target {
        Target::Elasticsearch => {
            for l in loaded.iter().filter(|l| l.resource.kind == ResourceKind::IsmPolicy) {
                let mut r = Report::new(&l.resource.location.file, Some(l.label()), &l.map, out);
                r.error(Code::WrongTarget, At::Pos(l.name_at), "an ism_policy is an OpenSearch resource; Elasticsearch has no ISM")
                    .hint("check and render this tree with `--target opensearch`, or write the policy as an ilm_policy, which esops translates for OpenSearch");
            }
        }
        Target::OpenSearch => {
            let attachments = ism_attachments(loaded);
            let ism_names: Vec<String> = loaded
                .iter()
                .filter(|l| l.resource.kind == ResourceKind::IsmPolicy)
                .map(|l| l.resource.name.clone())
                .collect();
            for l in loaded.iter_mut() {
                let file = l.resource.location.file.clone();
                let mut r = Report::new(&file, Some(l.label()), &l.map, out);
                let resource = &mut l.resource;
                match resource.kind {
                    ResourceKind::IlmPolicy => {
                        if ism_names.contains(&resource.name) {
                            r.error(
                                Code::DuplicateName,
                                At::Pos(l.name_at),
                                format!(
                                    "an ism_policy is also called `{}`: on OpenSearch both are ISM policy {}",
                                    resource.name, resource.name
                                ),
                            )
                            .hint("rename one of them");
                        }
                        let attach: Vec<ism::Attachment> =
                            attachments.iter().filter(|(p, _)| *p == resource.name).map(|(_, a)| a.clone()).collect();
                        resource.body = ism::translate(&mut r, &resource.name, &resource.body, &attach);
                        resource.kind = ResourceKind::IsmPolicy;
                    }
                    ResourceKind::IndexTemplate | ResourceKind::ComponentTemplate => {
                        resource.body = ism::opensearch_template(&mut r, &resource.body);
                    }
                    ResourceKind::DataStreamLifecycle => {
                        r.error(
                            Code::OpensearchUntranslatable,
                            At::Pos(l.name_at),
                            "OpenSearch has no data stream lifecycle: its data streams are managed by ISM",
                        )
                        .hint("declare an ism_policy whose ism_template matches the data stream's backing indices");
                    }
                    ResourceKind::SlmPolicy => {
                        r.error(
                            Code::OpensearchUntranslatable,
                            At::Pos(l.name_at),
                            "OpenSearch has no SLM: its snapshot policies are the Snapshot Management plugin's",
                        )
                        .hint("define the policy with OpenSearch's `POST _plugins/_sm/policies/NAME` and leave it out of this tree");
                    }
                    // The same `_cluster/settings` and `_snapshot` APIs on OpenSearch.
                    ResourceKind::ClusterSettings
                    | ResourceKind::SnapshotRepository
                    | ResourceKind::IngestPipeline
                    | ResourceKind::IsmPolicy => {}
                }
            }
        }
    }
}

/// (ILM policy name, where it attaches) for each index template whose settings — its own, else
/// those of its component templates, the last one winning as in Elasticsearch — name a policy.
fn ism_attachments(loaded: &[Loaded]) -> Vec<(String, ism::Attachment)> {
    let policy_in = |body: &Value| {
        let settings = body.pointer("/template/settings")?;
        let flat = templates::flatten_settings(settings, "");
        templates::setting(&flat, "index.lifecycle.name").map(|(name, _)| name.to_string())
    };
    let component = |name: &str| {
        loaded
            .iter()
            .find(|l| l.resource.kind == ResourceKind::ComponentTemplate && l.resource.name == name)
            .and_then(|l| policy_in(&l.resource.body))
    };
    let mut out = Vec::new();
    for l in loaded.iter().filter(|l| l.resource.kind == ResourceKind::IndexTemplate) {
        let body = &l.resource.body;
        let composed = templates::string_list(body.get("composed_of"));
        let policy = policy_in(body).or_else(|| composed.iter().rev().find_map(|c| component(c)));
        if let Some(policy) = policy {
            let index_patterns = templates::string_list(body.get("index_patterns"));
            let priority = body.get("priority").and_then(Value::as_i64).unwrap_or(0);
            out.push((policy, ism::Attachment { index_patterns, priority }));
        }
    }
    out
}

fn read_kind(r: &mut Report, doc: &Node) -> Option<ResourceKind> {
    let kinds: Vec<&str> = ResourceKind::DECLARABLE.iter().map(|k| k.as_str()).collect();
    let Some(entry) = doc.get("kind") else {
        r.error(Code::Kind, At::Pos(doc.at), "this document has no `kind`")
            .hint(format!("add `kind:` — one of {}", kinds.join(", ")));
        return None;
    };
    let Some(text) = entry.value.as_str() else {
        r.error(Code::WrongType, At::Pos(entry.value.at), "`kind` must be a string")
            .hint(format!("one of {}", kinds.join(", ")));
        return None;
    };
    let kind = ResourceKind::parse_declared(text);
    if kind.is_none() {
        let reported = r.error(Code::Kind, At::Pos(entry.value.at), format!("unknown kind `{text}`"));
        match did_you_mean(text, &kinds) {
            Some(best) => reported.hint(format!("did you mean `{best}`?")),
            None => reported.hint(format!("kinds are {}", kinds.join(", "))),
        }
    }
    kind
}

/// The name, checked against what every kind's API accepts in a URL path and what Elasticsearch
/// refuses; names starting with `.` belong to Elastic.
fn read_name(r: &mut Report, doc: &Node, kind: Option<ResourceKind>) -> Option<(String, Pos)> {
    let Some(entry) = doc.get("name") else {
        r.error(Code::Name, At::Pos(doc.at), "this document has no `name`").hint("add e.g. `name: python-logs`");
        return None;
    };
    let at = entry.value.at;
    let name = match &entry.value.value {
        NodeValue::Str(s) => s.clone(),
        _ => {
            r.error(Code::WrongType, At::Pos(at), "`name` must be a string");
            return None;
        }
    };
    let problem = if name.is_empty() {
        Some("must not be empty".to_string())
    } else if name.starts_with('.') {
        Some("must not start with `.`: such names belong to Elastic-managed resources".to_string())
    } else if name.starts_with('_') {
        Some("must not start with `_`".to_string())
    } else if name.len() > 255 {
        Some(format!("is too long ({} > 255 bytes)", name.len()))
    } else if let Some(c) =
        name.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '+')))
    {
        Some(format!("must not contain `{c}` (use letters, digits, `.`, `_`, `-`, `@`, `+`)"))
    } else if kind == Some(ResourceKind::IndexTemplate) && name.chars().any(|c| c.is_ascii_uppercase()) {
        Some("must be lower case (Elasticsearch refuses upper-case index template names)".to_string())
    } else if kind == Some(ResourceKind::DataStreamLifecycle)
        && (name.chars().any(|c| c.is_ascii_uppercase()) || name.starts_with(['-', '+']))
    {
        Some("is no data stream name (lower case, not starting with `-` or `+`)".to_string())
    } else {
        None
    };
    if let Some(problem) = problem {
        r.error(Code::Name, At::Pos(at), format!("name `{name}` {problem}"));
        return None;
    }
    Some((name, at))
}

/// Reads the tree's `kind: esops` document: `owner: ID`, the name of this tree on the cluster.
fn read_tree_owner(file: &Path, doc: &Node, owner: &mut Option<(String, Location)>, out: &mut Vec<Diagnostic>) {
    let empty = SourceMap::default();
    let mut r = Report::new(file, Some("esops".into()), &empty, out);
    for e in doc.entries().unwrap_or_default() {
        if e.key != "kind" && e.key != "owner" {
            unknown_key(&mut r, At::Pos(e.key_at), &e.key, "the `kind: esops` document", &["kind", "owner"]);
        }
    }
    let Some(entry) = doc.get("owner") else {
        r.error(Code::MissingKey, At::Pos(doc.at), "the `kind: esops` document needs `owner`")
            .hint("e.g. `owner: payments-logs`: the name of this tree, written into `_meta.esops_owner`");
        return;
    };
    let id = match entry.value.as_str() {
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) => id,
        _ => {
            r.error(
                Code::InvalidValue,
                At::Pos(entry.value.at),
                "`owner` must be a non-empty name of letters, digits, `.`, `_` and `-`",
            );
            return;
        }
    };
    let here = Location { file: file.to_path_buf(), line: entry.value.at.line, column: entry.value.at.column };
    match owner {
        Some((first, at)) if first != id => {
            r.error(
                Code::InvalidValue,
                At::Pos(entry.value.at),
                format!(
                    "the tree already names its owner `{first}` ({}:{}); a tree has one owner",
                    at.file.display(),
                    at.line
                ),
            );
        }
        Some(_) => {}
        None => *owner = Some((id.to_string(), here)),
    }
}

/// Writes the tree's owner into `_meta.esops_owner` (under `policy` for ILM, in
/// `config.metadata` for SLM); another owner written there by hand is an error.
fn mark_tree_owner(r: &mut Report, kind: ResourceKind, body: &mut Value, owner: &str) {
    let Some((meta, pointer)) = mark_place(kind, body) else { return };
    match meta.get(TREE_OWNER_KEY) {
        Some(Value::String(o)) if o == owner => {}
        Some(other) => {
            r.error(
                Code::InvalidValue,
                At::Value(&format!("{pointer}/{TREE_OWNER_KEY}")),
                format!("`_meta.{TREE_OWNER_KEY}` is {other}, but this tree's owner is `{owner}`"),
            )
            .hint("remove it: esops writes the owner of the `kind: esops` document into every resource");
        }
        None => {
            meta.insert(TREE_OWNER_KEY.into(), json!(owner));
        }
    }
}

/// Where a resource of `kind` carries esops's marks (`managed_by`, `esops_owner`), created when
/// missing, with its JSON pointer: `_meta` (under `policy` for ILM), an SLM policy's
/// `config.metadata` (it has no `_meta`). `None` for kinds without a place for them.
fn mark_place(kind: ResourceKind, body: &mut Value) -> Option<(&mut Map<String, Value>, &'static str)> {
    if !kind.carries_ownership() {
        return None;
    }
    let (container, key, pointer) = match kind {
        ResourceKind::IlmPolicy => (body.get_mut("policy"), "_meta", "/policy/_meta"),
        ResourceKind::SlmPolicy => {
            let config = body.as_object_mut().map(|b| b.entry("config").or_insert_with(|| json!({})));
            (config, "metadata", "/config/metadata")
        }
        _ => (Some(&mut *body), "_meta", "/_meta"),
    };
    let meta = container?.as_object_mut()?.entry(key).or_insert_with(|| json!({}));
    Some((meta.as_object_mut()?, pointer))
}

/// Adds `_meta.managed_by: esops` (under `policy` for ILM, in `config.metadata` for SLM), which
/// `--prune` relies on to never delete what esops did not create. Another owner written there is
/// an error. Kinds without a place for the mark (cluster settings, repositories, data stream
/// lifecycles and ISM policies, which refuse unknown fields) get none, and are never pruned.
fn mark_managed(r: &mut Report, kind: ResourceKind, body: &mut Value) {
    let Some((meta, pointer)) = mark_place(kind, body) else { return };
    match meta.get("managed_by") {
        Some(Value::String(owner)) if owner == MANAGED_BY => {}
        Some(other) => {
            r.error(Code::InvalidValue, At::Value(&format!("{pointer}/managed_by")), format!("`_meta.managed_by` is {other}, but esops is to manage this resource"))
                .hint("remove managed_by: esops sets `managed_by: esops` on everything it applies, and --prune only deletes what carries it");
        }
        None => {
            meta.insert("managed_by".into(), json!(MANAGED_BY));
        }
    }
}
