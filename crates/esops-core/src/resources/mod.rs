//! Declared resources: what a config tree of YAML files asks the cluster to hold.
//!
//! Loading turns files into [`DeclaredResource`]s whose `body` is the exact JSON esops would
//! send (shorthand already expanded); validation checks them offline; `reconcile` compares them
//! with the cluster.
//!
//! Entry points: [`read_tree`] (the only I/O: files → [`SourceFile`]s), then [`check`]
//! (pure: files → [`Checked`] resources and [`Diagnostic`]s). Callers must not send anything when
//! [`Checked::has_errors`].

pub mod cluster_settings;
pub mod diagnostic;
pub mod ilm;
pub mod input;
pub mod ism;
pub mod load;
pub mod pipeline;
pub mod references;
pub mod report;
pub mod schema;
pub mod shorthand;
pub mod snapshots;
pub mod templates;
pub mod units;
pub mod yaml;

use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

pub use diagnostic::{Code, Diagnostic, Severity, sandbox_refusal};
pub use load::{CheckOptions, Checked, MANAGED_BY, SourceFile, TREE_OWNER_KEY, check, read_tree};

/// The kinds of resources esops manages, in the order they are applied (deletes go in reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// `PUT /_cluster/settings` (`persistent`; the one resource is named `cluster`). First:
    /// settings such as `cluster.max_shards_per_node` decide whether what follows fits.
    ClusterSettings,
    /// `PUT /_snapshot/{name}`: before the SLM policies that snapshot into it.
    SnapshotRepository,
    /// `PUT /_slm/policy/{name}`: before the ILM policies whose `wait_for_snapshot` names it.
    SlmPolicy,
    /// `PUT /_component_template/{name}`.
    ComponentTemplate,
    /// `PUT /_ilm/policy/{name}`.
    IlmPolicy,
    /// `PUT /_ingest/pipeline/{name}`.
    IngestPipeline,
    /// `PUT /_plugins/_ism/policies/{name}`: OpenSearch only, declared or translated from an ILM
    /// policy for `--target opensearch`; not in [`ResourceKind::ALL`]. Applied before the
    /// templates, so a policy exists when the first index it attaches to is created.
    IsmPolicy,
    /// `PUT /_index_template/{name}`.
    IndexTemplate,
    /// `PUT /_data_stream/{name}/_lifecycle` (8.11+): the lifecycle of an existing data stream,
    /// named by the data stream. Applied last: the data stream has to exist.
    DataStreamLifecycle,
}

impl ResourceKind {
    /// Every Elasticsearch kind, in apply order (what plan, apply and export read from a cluster).
    pub const ALL: [ResourceKind; 8] = [
        ResourceKind::ClusterSettings,
        ResourceKind::SnapshotRepository,
        ResourceKind::SlmPolicy,
        ResourceKind::ComponentTemplate,
        ResourceKind::IlmPolicy,
        ResourceKind::IngestPipeline,
        ResourceKind::IndexTemplate,
        ResourceKind::DataStreamLifecycle,
    ];

    /// Every kind a tree may declare: the Elasticsearch ones and OpenSearch's `ism_policy`.
    pub const DECLARABLE: [ResourceKind; 9] = [
        ResourceKind::ClusterSettings,
        ResourceKind::SnapshotRepository,
        ResourceKind::SlmPolicy,
        ResourceKind::ComponentTemplate,
        ResourceKind::IlmPolicy,
        ResourceKind::IngestPipeline,
        ResourceKind::IsmPolicy,
        ResourceKind::IndexTemplate,
        ResourceKind::DataStreamLifecycle,
    ];

    /// The `kind:` value in YAML files.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::ClusterSettings => "cluster_settings",
            ResourceKind::SnapshotRepository => "snapshot_repository",
            ResourceKind::SlmPolicy => "slm_policy",
            ResourceKind::ComponentTemplate => "component_template",
            ResourceKind::IlmPolicy => "ilm_policy",
            ResourceKind::IngestPipeline => "ingest_pipeline",
            ResourceKind::IndexTemplate => "index_template",
            ResourceKind::DataStreamLifecycle => "data_stream_lifecycle",
            ResourceKind::IsmPolicy => "ism_policy",
        }
    }

    /// Parses a `kind:` value of a declared resource.
    pub fn parse_declared(s: &str) -> Option<Self> {
        Self::DECLARABLE.into_iter().find(|k| k.as_str() == s)
    }

    /// The API path of the resource called `name` (`/_ilm/policy/python-logs`). Declared names
    /// are checked to need no percent-encoding.
    pub fn api_path(self, name: &str) -> String {
        let base = match self {
            ResourceKind::ClusterSettings => return "/_cluster/settings".to_string(),
            ResourceKind::SnapshotRepository => "/_snapshot",
            ResourceKind::SlmPolicy => "/_slm/policy",
            ResourceKind::ComponentTemplate => "/_component_template",
            ResourceKind::IlmPolicy => "/_ilm/policy",
            ResourceKind::IngestPipeline => "/_ingest/pipeline",
            ResourceKind::IndexTemplate => "/_index_template",
            ResourceKind::DataStreamLifecycle => return format!("/_data_stream/{name}/_lifecycle"),
            ResourceKind::IsmPolicy => "/_plugins/_ism/policies",
        };
        format!("{base}/{name}")
    }

    /// The path listing every resource of the kind in one request. SLM takes no wildcard, so it
    /// is listed without a name, as are repositories.
    pub fn list_path(self) -> String {
        match self {
            ResourceKind::ClusterSettings => "/_cluster/settings".to_string(),
            ResourceKind::SnapshotRepository => "/_snapshot".to_string(),
            ResourceKind::SlmPolicy => "/_slm/policy".to_string(),
            // `GET _plugins/_ism/policies/*` asks for a policy called `*` (404 "Policy not found").
            ResourceKind::IsmPolicy => "/_plugins/_ism/policies".to_string(),
            _ => self.api_path("*"),
        }
    }

    /// Whether esops can mark resources of this kind as its own (`_meta.managed_by`, or an SLM
    /// policy's `config.metadata.managed_by`), which `--prune` needs. Repositories, cluster
    /// settings, data stream lifecycles (ES refuses unknown fields in one) and ISM policies
    /// (`Policy.kt` refuses `_meta`: "Invalid field") have no place for a mark: esops's ledger
    /// names them instead (`reconcile::ledger`), and only what it names is ever pruned (cluster
    /// settings never reset an undeclared key).
    pub fn carries_ownership(self) -> bool {
        !matches!(
            self,
            ResourceKind::ClusterSettings
                | ResourceKind::SnapshotRepository
                | ResourceKind::DataStreamLifecycle
                | ResourceKind::IsmPolicy
        )
    }
}

impl fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The distribution a tree is checked and rendered for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Target {
    /// Elasticsearch: ILM policies, templates and pipelines as written.
    #[default]
    Elasticsearch,
    /// OpenSearch: ILM policies become ISM policies attached through `ism_template`; templates lose
    /// their `index.lifecycle.*` settings.
    OpenSearch,
}

impl Target {
    /// The kinds the distribution has: OpenSearch has ISM policies instead of ILM's, and
    /// neither SLM nor a data stream lifecycle (those are X-Pack's).
    pub fn kinds(self) -> Vec<ResourceKind> {
        match self {
            Target::Elasticsearch => ResourceKind::ALL.to_vec(),
            Target::OpenSearch => ResourceKind::ALL
                .into_iter()
                .filter(|k| {
                    !matches!(k, ResourceKind::IlmPolicy | ResourceKind::SlmPolicy | ResourceKind::DataStreamLifecycle)
                })
                .chain([ResourceKind::IsmPolicy])
                .collect(),
        }
    }
}

/// A place in a config file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    /// The file, as given on the command line (relative paths stay relative).
    pub file: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One resource declared in the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredResource {
    /// Kind.
    pub kind: ResourceKind,
    /// Name (unique per kind across the tree).
    pub name: String,
    /// The exact JSON body esops would PUT, shorthand expanded, `_meta.managed_by: esops` added.
    pub body: Value,
    /// Where the document starts.
    pub location: Location,
    /// The tree's owner (its `kind: esops` document), also for the kinds whose body has no place
    /// for it: the ledger of those kinds is the owner's.
    pub owner: Option<String>,
    /// The parts written in another form than Elasticsearch's (the ILM shorthand), by JSON pointer
    /// into the body `plan` compares (for an ILM policy, inside `policy`): how and where the tree
    /// wrote them, so that a plan names `phases.cold` rather than `phases.delete.min_age`.
    pub written: std::collections::BTreeMap<String, WrittenAs>,
}

/// A part of a body as the tree wrote it: its path in the document (`phases.cold`) and its line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WrittenAs {
    /// The dotted path of the key in the YAML document.
    pub path: String,
    /// Its line in the file.
    pub line: usize,
}

impl DeclaredResource {
    /// How the tree wrote the part of the body at `pointer` (or its nearest ancestor), when that
    /// differs from Elasticsearch's form.
    pub fn written_as(&self, pointer: &str) -> Option<&WrittenAs> {
        let mut p = pointer;
        loop {
            if let Some(w) = self.written.get(p) {
                return Some(w);
            }
            p = &p[..p.rfind('/')?];
        }
    }
}

/// A body as a YAML document writes it, from the body that is PUT: the inverse of what loading
/// does (an SLM policy's ES `name` is the document's `snapshot_name`).
pub fn yaml_body(kind: ResourceKind, put_body: Value) -> Value {
    match kind {
        ResourceKind::SlmPolicy => snapshots::slm_yaml_body(&put_body),
        _ => put_body,
    }
}

/// `resources` in the order they are applied: component templates, ILM policies, pipelines, index
/// templates (each kind only refers to kinds before it), by name within a kind.
pub fn apply_order(resources: &[DeclaredResource]) -> Vec<&DeclaredResource> {
    let mut ordered: Vec<&DeclaredResource> = resources.iter().collect();
    ordered.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
    ordered
}
