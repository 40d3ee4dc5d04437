//! What validation finds: one [`Diagnostic`] per problem, each at a `file:line:column`, with the
//! resource it concerns, what is wrong and what to do.

use std::fmt;

use serde::Serialize;

use super::{DeclaredResource, Location};

/// How bad a finding is. Only errors make `validate` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Elasticsearch would refuse the resource, or it would not do what it says.
    Error,
    /// Valid, but likely not what was meant, or not testable offline.
    Warning,
}

/// A stable identifier per kind of finding, for CI consumers of `-o json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The file is not valid YAML.
    YamlSyntax,
    /// A document has no `kind`, or an unknown one.
    Kind,
    /// A document has no `name`, or an invalid one.
    Name,
    /// Two resources of a kind share a name.
    DuplicateName,
    /// A key that the resource (or Elasticsearch) does not know.
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value of the wrong type (a list where a string belongs, …).
    WrongType,
    /// A value of the right type that is not allowed (a negative count, an unknown codec, …).
    InvalidValue,
    /// A duration that cannot be read, or is not in Elasticsearch units where those are required.
    Duration,
    /// A byte size that cannot be read, or is not in Elasticsearch units where those are required.
    ByteSize,
    /// An ILM phase that does not exist.
    IlmPhase,
    /// An ILM action that does not exist, or is not allowed in its phase.
    IlmAction,
    /// Hot-phase actions that need a rollover in the hot phase.
    IlmRolloverRequired,
    /// A rollover action without a `max_*` condition.
    IlmRolloverCondition,
    /// Phases whose ages do not grow in ILM's phase order.
    IlmPhaseOrder,
    /// An enabled `migrate` and an `allocate` with rules in the same phase.
    IlmMigrateAllocate,
    /// Actions that cannot follow a searchable snapshot.
    IlmAfterSearchableSnapshot,
    /// Searchable snapshots to different repositories.
    IlmSnapshotRepository,
    /// A frozen phase without a searchable snapshot.
    IlmFrozenPhase,
    /// Downsampling intervals that do not grow by multiples.
    IlmDownsample,
    /// A delete phase that deletes nothing.
    IlmDeletePhase,
    /// A phase end that nothing follows.
    IlmPhaseEnd,
    /// An ISM policy OpenSearch would refuse (states, transitions, actions).
    IsmPolicy,
    /// Something with no OpenSearch equivalent, found translating for `--target opensearch`.
    OpensearchUntranslatable,
    /// A kind that does not exist on the target (an ism_policy for Elasticsearch).
    WrongTarget,
    /// Index patterns that are missing or malformed.
    TemplatePatterns,
    /// Index templates with overlapping patterns and equal priority.
    TemplateOverlap,
    /// A `composed_of` entry that names no component template.
    MissingComponentTemplate,
    /// `index.lifecycle.name` names no ILM policy.
    MissingIlmPolicy,
    /// `index.default_pipeline`, `index.final_pipeline` or a `pipeline` processor names no pipeline.
    MissingPipeline,
    /// A rollover policy on indices that have no rollover alias and are no data stream.
    RolloverWithoutAlias,
    /// An index setting Elasticsearch does not know.
    UnknownSetting,
    /// A mapping Elasticsearch would refuse.
    Mapping,
    /// A processor type that does not exist.
    UnknownProcessor,
    /// `if` conditions and `script` processors: valid, but Painless cannot be tested offline.
    Painless,
    /// The sandbox (an emulated cluster) refused the resource.
    SandboxRejected,
    /// A pipeline test case file that cannot be read (`tests/PIPELINE/CASE.*`).
    PipelineTestCase,
}

/// One problem found in a config tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem.
    pub code: Code,
    /// Where: the offending key or value.
    #[serde(flatten)]
    pub location: Location,
    /// `ilm_policy/python-logs`, when the problem concerns one resource.
    pub resource: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, code, location, resource: None, message: message.into(), hint: None }
    }

    /// A warning.
    pub fn warning(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, location, message) }
    }

    /// Names the resource concerned (`ilm_policy/python-logs`).
    pub fn resource(mut self, resource: impl Into<String>) -> Self {
        self.resource = Some(resource.into());
        self
    }

    /// Adds what to do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order diagnostics are shown in: by file, line and column, errors before warnings.
    pub fn sort(diagnostics: &mut [Diagnostic]) {
        diagnostics.sort_by(|a, b| (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message)));
    }
}

/// `file:line:column: resource: message` (the hint is shown separately).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        if let Some(resource) = &self.resource {
            write!(f, "{resource}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// A resource the sandbox refused, reported where the resource is declared.
pub fn sandbox_refusal(resource: &DeclaredResource, reason: &str) -> Diagnostic {
    Diagnostic::error(Code::SandboxRejected, resource.location.clone(), format!("the sandbox refused it: {reason}"))
        .resource(format!("{}/{}", resource.kind, resource.name))
        .hint("this is what Elasticsearch would answer to the PUT; `esops render` shows the body that was sent")
}
