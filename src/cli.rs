//! The command line, as clap definitions only. Options are resolved into plain structs in
//! `commands/`; nothing below `commands/` sees clap.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes: 0 success / no changes, 1 error, 2 changes or findings (see README).
Connection: flags > environment (ESOPS_URL, ESOPS_API_KEY, …) > context in ~/.config/esops/config.yaml > http://localhost:9200.";

/// esops keeps an Elasticsearch cluster's index lifecycle in Git and carries it out safely.
#[derive(Debug, Parser)]
#[command(name = "esops", version, after_help = AFTER_HELP, arg_required_else_help = true)]
pub struct Cli {
    /// Options every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted by every command, before or after it.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`).
    /// Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands
    /// that change clusters show every plan, ask once, then go cluster by cluster.
    #[arg(long, global = true, value_name = "NAME", help_heading = "Connection")]
    pub context: Option<String>,
    /// Run on every context of the config file (as several --context).
    #[arg(long, global = true, conflicts_with = "context", help_heading = "Connection")]
    pub all_contexts: bool,
    /// With several contexts: how many clusters to work on at once.
    #[arg(long, global = true, value_name = "N", default_value_t = 4, help_heading = "Connection")]
    pub parallel: usize,
    /// With several contexts, for commands that change clusters: go on past a cluster that cannot
    /// be planned or fails (default: change nothing when one cannot be planned; stop at the first failure).
    #[arg(long, global = true, help_heading = "Connection")]
    pub keep_going: bool,
    /// Cluster URL, e.g. https://es.example.com:9200.
    #[arg(long, global = true, value_name = "URL", help_heading = "Connection")]
    pub url: Option<String>,
    /// Elastic Cloud ID (instead of --url).
    #[arg(long, global = true, value_name = "ID", help_heading = "Connection")]
    pub cloud_id: Option<String>,
    /// API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`.
    #[arg(long, global = true, value_name = "KEY", help_heading = "Connection")]
    pub api_key: Option<String>,
    /// User for basic authentication.
    #[arg(long, global = true, value_name = "NAME", help_heading = "Connection")]
    pub user: Option<String>,
    /// Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`.
    #[arg(long, global = true, value_name = "PASSWORD", help_heading = "Connection")]
    pub password: Option<String>,
    /// Bearer token (service account token, OAuth2 access token, JWT).
    #[arg(long, global = true, value_name = "TOKEN", help_heading = "Connection")]
    pub bearer_token: Option<String>,
    /// PEM file with the CA that signed the cluster's certificate (trusted in addition to the system store).
    #[arg(long, global = true, value_name = "PATH", help_heading = "Connection")]
    pub ca_cert: Option<PathBuf>,
    /// Do not verify the cluster's TLS certificate. Dangerous: for a one-off diagnosis only.
    #[arg(long, global = true, help_heading = "Connection")]
    pub insecure: bool,
    /// Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start.
    #[arg(long, global = true, value_name = "HEX", help_heading = "Connection")]
    pub ca_fingerprint: Option<String>,
    /// PEM client certificate for mutual TLS (with --client-key).
    #[arg(long, global = true, value_name = "PATH", help_heading = "Connection")]
    pub client_cert: Option<PathBuf>,
    /// PEM private key of the client certificate (unencrypted).
    #[arg(long, global = true, value_name = "PATH", help_heading = "Connection")]
    pub client_key: Option<PathBuf>,
    /// Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE.
    #[arg(long = "header", short = 'H', global = true, value_name = "HEADER", help_heading = "Connection")]
    pub headers: Vec<String>,
    /// HTTP(S) proxy URL (default: ESOPS_PROXY, the context's `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY).
    #[arg(long, global = true, value_name = "URL", conflicts_with = "no_proxy", help_heading = "Connection")]
    pub proxy: Option<String>,
    /// Connect directly, whatever proxy the environment or the context names.
    #[arg(long, global = true, help_heading = "Connection")]
    pub no_proxy: bool,
    /// Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK's chain.
    #[arg(long, global = true, help_heading = "Connection")]
    pub aws_sigv4: bool,
    /// AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL).
    #[arg(long, global = true, value_name = "REGION", help_heading = "Connection")]
    pub aws_region: Option<String>,
    /// AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless).
    #[arg(long, global = true, value_name = "SERVICE", help_heading = "Connection")]
    pub aws_service: Option<String>,
    /// Profile of the AWS config files to take credentials from (instead of AWS_PROFILE).
    #[arg(long, global = true, value_name = "NAME", help_heading = "Connection")]
    pub aws_profile: Option<String>,
    /// Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m).
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration, help_heading = "Connection")]
    pub timeout: Option<Duration>,
    /// Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off;
    /// the command then says what it did and what it left undone.
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration, help_heading = "Connection")]
    pub deadline: Option<Duration>,
    /// Run against a fresh in-process sandbox cluster instead of a real one.
    #[arg(long, global = true, help_heading = "Connection")]
    pub sandbox: bool,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN", help_heading = "Output")]
    pub color: ColorArg,
    /// More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = "Output")]
    pub verbose: u8,
    /// Only errors and warnings on stderr.
    #[arg(short, long, global = true, conflicts_with = "verbose", help_heading = "Output")]
    pub quiet: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Cluster name, version, distribution, health, ILM status and disk per node.
    Info(InfoArgs),
    /// Disk use per index family, growth, flood stage forecast, ILM health, retention and shard findings.
    Audit(AuditArgs),
    /// Named clusters in the config file (kubectl-style contexts).
    #[command(subcommand)]
    Context(ContextCommand),
    /// Check a config tree offline: YAML, schema, ILM rules, references, template overlaps.
    Validate(ValidateArgs),
    /// Print the exact requests (method, path, JSON body) a config tree stands for, shorthand expanded.
    Render(RenderArgs),
    /// Compare the declared tree with the cluster: what apply would change, and what that does to existing indices.
    Plan(PlanArgs),
    /// Carry out the plan in dependency order (asks on a terminal; needs --yes otherwise).
    Apply(ApplyArgs),
    /// Write the cluster's policies, templates and pipelines as an esops tree (adopting a cluster).
    Export(ExportArgs),
    /// Ingest pipelines: test them against expected (golden) results.
    #[command(subcommand)]
    Pipeline(PipelineCommand),
    /// Indices past their retention or beyond a count, size or disk limit: dry run by default, `--execute` deletes them.
    Retention(RetentionArgs),
    /// Close, open, forcemerge, set replicas of or shrink a selection of indices (retention's selection).
    Indices(IndicesArgs),
    /// Evaluate rollover conditions with Elasticsearch's own dry run; `--execute` rolls over what is due.
    Rollover(RolloverArgs),
    /// ILM state per index, errors first (`explain`); retry failed steps (`retry`); attach,
    /// switch, detach and move policies; start and stop ILM. On OpenSearch the same verbs drive
    /// ISM (`esops ism` is the same command).
    #[command(subcommand, visible_alias = "ism")]
    Ilm(IlmCommand),
    /// Create the first write index NAME-000001 with its write alias NAME, or the data stream NAME,
    /// as the matching index template says; dry run unless --execute.
    Bootstrap(BootstrapArgs),
    /// Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster).
    Sandbox(SandboxArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command with --out.
    Man(ManArgs),
}

/// `esops man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write every page (esops.1, esops-plan.1, esops-ilm-explain.1, …) into DIR instead of
    /// printing the top page. DIR is created if missing; existing pages are overwritten.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `esops info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
    pub output: DocumentFormat,
}

/// Output formats of commands that print one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Aligned text for people.
    Table,
    /// JSON (stable field names).
    Json,
    /// YAML.
    Yaml,
}

/// `esops plan`.
#[derive(Debug, Args)]
#[command(after_help = "\
Exit codes: 0 no changes (or changes without --detailed-exitcode), 1 error, 2 changes (with --detailed-exitcode).")]
pub struct PlanArgs {
    /// The config tree.
    #[command(flatten)]
    pub tree: TreeArgs,
    /// Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares.
    #[arg(long)]
    pub prune: bool,
    /// Exit 2 when there are changes (0 when there are none, 1 on errors).
    #[arg(long)]
    pub detailed_exitcode: bool,
    /// Also save the plan to FILE (JSON, created 0600); `esops apply FILE` then carries out
    /// exactly that plan, or refuses if the cluster no longer matches it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = PlanFormat::Table)]
    pub output: PlanFormat,
    /// Compute the impact on existing indices as of this time (RFC 3339), instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// One line per change, for a terminal.
    Table,
    /// JSON (stable, documented schema).
    Json,
    /// Markdown, for a pull-request comment.
    Markdown,
}

/// `esops apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The config tree.
    #[command(flatten)]
    pub tree: TreeArgs,
    /// Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares.
    #[arg(long)]
    pub prune: bool,
    /// Apply without asking (required when stdin or stdout is not a terminal, as in CI).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Compute the impact on existing indices as of this time (RFC 3339), instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// `esops export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only resources whose name matches one of these patterns (`*` wildcards).
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Only this kind (repeatable): cluster_settings, snapshot_repository, slm_policy, ilm_policy,
    /// component_template, index_template, ingest_pipeline.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Vec<esops_core::resources::ResourceKind>,
    /// Also Elastic's own resources (`_meta.managed: true`, names starting with `.`).
    #[arg(long)]
    pub include_managed: bool,
    /// Write one file per resource under DIR (DIR/ilm_policy/NAME.yaml, …) instead of one YAML stream on stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// With --out: overwrite files that exist.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// The config tree a command reads.
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Files and folders of the config tree (*.yaml, *.yml; folders are read recursively).
    #[arg(value_name = "PATHS", default_value = "policies")]
    pub paths: Vec<PathBuf>,
    /// Take KIND/NAME as existing on the cluster though the tree does not declare it
    /// (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable).
    #[arg(long, value_name = "KIND/NAME", value_parser = parse_kind_and_name)]
    pub assume_existing: Vec<(esops_core::resources::ResourceKind, String)>,
}

/// `esops validate`.
#[derive(Debug, Args)]
#[command(after_help = "\
No request is sent unless --sandbox is given: then the tree is also applied to a fresh in-process \
sandbox cluster, in dependency order, and what it refuses is reported. Exit codes: 0 no errors \
(warnings allowed), 1 errors.")]
pub struct ValidateArgs {
    /// The config tree.
    #[command(flatten)]
    pub tree: TreeArgs,
    /// Output format: table (messages on stderr) or json/yaml (a list of diagnostics on stdout).
    #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
    pub output: DocumentFormat,
    /// The distribution to check for: opensearch checks the translation of ILM policies to ISM.
    #[arg(long, value_enum, default_value_t = TargetArg::Elasticsearch)]
    pub target: TargetArg,
}

/// `--target` of `validate` and `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetArg {
    /// Elasticsearch (ILM).
    Elasticsearch,
    /// OpenSearch (ISM): ILM policies become ISM policies attached with ism_template.
    Opensearch,
}

impl From<TargetArg> for esops_core::resources::Target {
    fn from(t: TargetArg) -> Self {
        match t {
            TargetArg::Elasticsearch => esops_core::resources::Target::Elasticsearch,
            TargetArg::Opensearch => esops_core::resources::Target::OpenSearch,
        }
    }
}

/// `esops render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The config tree.
    #[command(flatten)]
    pub tree: TreeArgs,
    /// Output format (json is byte for byte what is sent).
    #[arg(short, long, value_enum, default_value_t = RenderFormat::Yaml)]
    pub output: RenderFormat,
    /// The distribution to render for: opensearch renders ILM policies as ISM policies.
    #[arg(long, value_enum, default_value_t = TargetArg::Elasticsearch)]
    pub target: TargetArg,
}

/// Output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// One YAML document per request.
    Yaml,
    /// A JSON list of requests.
    Json,
}

/// `esops pipeline …`.
#[derive(Debug, Subcommand)]
pub enum PipelineCommand {
    /// Run each pipeline's test documents through `_simulate` and compare the results with the expected files.
    Test(PipelineTestArgs),
}

/// `esops pipeline test`.
#[derive(Debug, Args)]
#[command(after_help = "\
Test cases of pipeline NAME, declared in DIR/FILE.yaml, live in DIR/tests/NAME/: CASE.input.ndjson \
(one document per line) and CASE.expected.json (one result per document, written by --update). \
The pipeline from the tree is sent inline: nothing is stored. The tree's pipelines that it calls \
through `pipeline` processors must already be on the cluster as declared (checked first), unless \
--sandbox or --put-nested. Exit codes: 0 all documents as expected (or --update), 1 a mismatch or an error.")]
pub struct PipelineTestArgs {
    /// The config tree.
    #[command(flatten)]
    pub tree: TreeArgs,
    /// Only this pipeline (default: every pipeline of the tree that has test cases).
    #[arg(long, value_name = "NAME")]
    pub pipeline: Option<String>,
    /// Test the pipeline stored on the cluster under the same name instead of the tree's.
    #[arg(long)]
    pub from_cluster: bool,
    /// PUT the tree's pipelines that the tested one calls, instead of requiring them on the cluster
    /// (changes the cluster: for test clusters and sandboxes).
    #[arg(long, conflicts_with = "from_cluster")]
    pub put_nested: bool,
    /// Rewrite the expected files with the results (review the diff before committing).
    #[arg(long)]
    pub update: bool,
    /// Compare this field by presence only, like event.ingested (repeatable; dotted path).
    #[arg(long, value_name = "FIELD")]
    pub ignore_field: Vec<String>,
}

/// `esops retention`.
#[derive(Debug, Args)]
#[command(after_help = "\
Never selected: write indices of aliases and data streams, the newest --keep-newest indices of each \
family, hidden and system indices (unless --include-hidden), indices whose name date is in the future \
or invalid, indices ILM or the data stream lifecycle manages (reported with when they delete them, unless \
--include-managed), anything younger than \
--min-age. An index's age counts from the end of the period its name covers (logs-2024.03.15: \
2024-03-16T00:00Z; logs-2024.03: 2024-04-01T00:00Z), in UTC. Selectors combine: an index goes when \
--older-than, --keep-last, --keep-total-below or --keep-disk-below asks for it.")]
pub struct RetentionArgs {
    /// Which indices.
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// How the deletion is carried out.
    #[command(flatten)]
    pub run: ActionRunArgs,
    /// Before deleting, take one snapshot of the selected indices into repository REPO and wait
    /// for it: only a SUCCESS snapshot holding every selected index lets the deletion go; on
    /// PARTIAL, FAILED or timeout nothing is deleted. The --log-file lines carry the restore request.
    #[arg(long, value_name = "REPO")]
    pub snapshot_to: Option<String>,
    /// With --snapshot-to: the snapshot's name (Elasticsearch date math allowed).
    #[arg(long, value_name = "NAME", requires = "snapshot_to", default_value = esops_core::lifecycle::snapshot_first::DEFAULT_SNAPSHOT_NAME)]
    pub snapshot_name: String,
    /// With --snapshot-to: how long to wait for the snapshot to finish.
    #[arg(long, value_name = "DURATION", requires = "snapshot_to", default_value = "1h", value_parser = parse_duration)]
    pub snapshot_timeout: Duration,
}

/// The selection every index action shares (`retention`, `indices close|open|…`).
#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Index patterns to consider, e.g. `python-logs-*`.
    #[arg(value_name = "PATTERN", required_unless_present_any = ["from_cluster_policies", "from", "plan"])]
    pub patterns: Vec<String>,
    /// Select indices older than this, e.g. 90d.
    #[arg(long, value_name = "AGE", value_parser = parse_duration, help_heading = "Selection",
          required_unless_present_any = ["from_cluster_policies", "from", "keep_last", "keep_total_below", "keep_disk_below", "plan"])]
    pub older_than: Option<Duration>,
    /// Keep the N newest indices of each family; select the older ones.
    #[arg(long, value_name = "N", help_heading = "Selection")]
    pub keep_last: Option<usize>,
    /// Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb —
    /// per family, or over every matched index with --total-of matched.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help_heading = "Selection")]
    pub keep_total_below: Option<u64>,
    /// What --keep-total-below counts over.
    #[arg(long, value_enum, default_value_t = TotalOfArg::Family, value_name = "SCOPE", requires = "keep_total_below", help_heading = "Selection")]
    pub total_of: TotalOfArg,
    /// Select oldest first, across the matched families, until the fullest data node's projected
    /// disk use (replicas and shard placement included) is under PCT, e.g. 80.
    #[arg(long, value_name = "PCT", value_parser = parse_percent, help_heading = "Selection")]
    pub keep_disk_below: Option<f64>,
    /// The floor: never select an index younger than this, whatever the pressure (default 1d, or
    /// --older-than when that is shorter).
    #[arg(long, value_name = "AGE", value_parser = parse_duration, help_heading = "Selection")]
    pub min_age: Option<Duration>,
    /// Take patterns and ages from the cluster: ILM policies with a delete phase and the index
    /// templates that attach them (`index.lifecycle.name`, in the template or its component templates).
    #[arg(long, conflicts_with_all = ["patterns", "older_than", "from"], help_heading = "Selection")]
    pub from_cluster_policies: bool,
    /// Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template
    /// attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`.
    #[arg(short = 'f', long = "from", value_name = "PATHS", num_args = 1.., conflicts_with_all = ["patterns", "older_than"], help_heading = "Selection")]
    pub from: Vec<PathBuf>,
    /// Where an index's age comes from: the date in its name, or its creation date.
    #[arg(long, value_enum, default_value_t = AgeFromArg::Name, value_name = "SOURCE", help_heading = "Selection")]
    pub age_from: AgeFromArg,
    /// The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…);
    /// default: inferred per family. Only names ending in a complete date of this format qualify.
    #[arg(long, value_name = "FORMAT", help_heading = "Selection")]
    pub date_format: Option<String>,
    /// Never select the N newest indices of each family.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Selection")]
    pub keep_newest: u32,
    /// Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices.
    #[arg(long, help_heading = "Selection")]
    pub include_hidden: bool,
    /// Also select indices an ILM policy or the data stream lifecycle manages (by default they are
    /// reported with when ILM or the lifecycle deletes them).
    #[arg(long, help_heading = "Selection")]
    pub include_managed: bool,
    /// The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now.
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339, help_heading = "Selection")]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no
    /// longer matches it (the selection flags come from the plan).
    #[arg(long, value_name = "FILE", requires = "execute", conflicts_with_all = ["patterns", "older_than", "from", "from_cluster_policies", "keep_last", "keep_total_below", "keep_disk_below", "min_age"])]
    pub plan: Option<PathBuf>,
}

/// Dry run or execution, shared by every index action.
#[derive(Debug, Args)]
pub struct ActionRunArgs {
    /// Carry out the action on the selected indices (after re-reading the cluster and checking the selection).
    #[arg(long)]
    pub execute: bool,
    /// With --execute: do not ask (required when stdin is not a terminal).
    #[arg(long, requires = "execute")]
    pub yes: bool,
    /// Refuse to act on more than N indices.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub max: usize,
    /// With --execute: append JSON lines to this file (an audit trail): the intent before each
    /// batch, the outcome of each index after it.
    #[arg(long, value_name = "PATH", requires = "execute")]
    pub log_file: Option<PathBuf>,
    /// Without --execute: save the plan to FILE, for `--execute --plan FILE` after review.
    #[arg(long, value_name = "FILE", conflicts_with = "execute")]
    pub plan_out: Option<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
    pub output: DocumentFormat,
}

/// `--total-of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TotalOfArg {
    /// Each family on its own.
    Family,
    /// Every matched index together.
    Matched,
}

/// `esops indices`: one action on a selection of indices.
#[derive(Debug, Args)]
#[command(after_help = "\
The selection is retention's (see `esops retention --help`): the same patterns, dates, families, \
protections, --min-age floor, re-check before acting, --max and confirmation. Dry run by default.")]
pub struct IndicesArgs {
    /// The action.
    #[command(subcommand)]
    pub action: IndicesAction,
}

/// `esops indices ACTION`.
#[derive(Debug, Subcommand)]
pub enum IndicesAction {
    /// Close the selected indices (`POST /{index}/_close`): they keep their disk but no heap.
    Close(IndicesActionArgs),
    /// Open the selected closed indices (`POST /{index}/_open`).
    Open(IndicesActionArgs),
    /// Merge the selected indices' segments (`POST /{index}/_forcemerge?max_num_segments=N`).
    Forcemerge(ForcemergeArgs),
    /// Set the number of replicas of the selected indices (`index.number_of_replicas`).
    SetReplicas(SetReplicasArgs),
    /// Shrink each selected index into `{index}-shrink` with fewer primary shards, once ES's
    /// prerequisites hold (write block, a copy of every shard on one node, green, a factor).
    Shrink(ShrinkArgs),
    /// Take one snapshot of the selected indices into a repository and wait for it: it counts
    /// only when it ends SUCCESS holding every selected index (PARTIAL, FAILED or a timeout exit
    /// 1). The --log-file lines carry the restore request of each index.
    Snapshot(SnapshotArgs),
}

/// `esops indices snapshot`.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// The snapshot repository (registered with `PUT _snapshot/REPO`, or declared as a
    /// `snapshot_repository`).
    #[arg(long, value_name = "REPO")]
    pub to: String,
    /// The snapshot's name; Elasticsearch date math allowed (`<nightly-{now/d}>`). The default is
    /// unique to the second, so runs never collide.
    #[arg(long, value_name = "NAME", default_value = esops_core::lifecycle::snapshot_first::DEFAULT_ACTION_SNAPSHOT_NAME)]
    pub snapshot_name: String,
    /// How long to wait for the snapshot to finish.
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_duration)]
    pub snapshot_timeout: Duration,
    /// Selection and run flags.
    #[command(flatten)]
    pub common: IndicesActionArgs,
}

/// Selection and run flags of an `indices` action.
#[derive(Debug, Args)]
pub struct IndicesActionArgs {
    /// Which indices.
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// How the action is carried out.
    #[command(flatten)]
    pub run: ActionRunArgs,
}

/// `esops indices forcemerge`.
#[derive(Debug, Args)]
pub struct ForcemergeArgs {
    /// Segments per shard to merge down to.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_segments: u32,
    /// Selection and run flags.
    #[command(flatten)]
    pub common: IndicesActionArgs,
}

/// `esops indices set-replicas`.
#[derive(Debug, Args)]
pub struct SetReplicasArgs {
    /// The replica count to set.
    #[arg(value_name = "N")]
    pub replicas: u32,
    /// Selection and run flags.
    #[command(flatten)]
    pub common: IndicesActionArgs,
}

/// `esops indices shrink`.
#[derive(Debug, Args)]
pub struct ShrinkArgs {
    /// Primary shards of the shrunk index (a factor of the source's).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub shards: u32,
    /// Selection and run flags.
    #[command(flatten)]
    pub common: IndicesActionArgs,
}

/// `--age-from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgeFromArg {
    /// The date in the index name.
    Name,
    /// The index creation date.
    Creation,
}

/// `esops rollover`.
#[derive(Debug, Args)]
#[command(after_help = "\
Conditions: the --max-*/--min-* flags, else the rollover action of the ILM policy governing the target. \
Elasticsearch decides whether each is met (POST /TARGET/_rollover?dry_run=true); any max_* met and \
every min_* met makes a target due.")]
pub struct RolloverArgs {
    /// Aliases with a write index or data streams (names or patterns); default: every target an
    /// ILM policy with a rollover action governs.
    #[arg(value_name = "TARGET")]
    pub targets: Vec<String>,
    /// Take the governing policies' rollover conditions from a declared config tree (e.g.
    /// `-f policies/`) instead of the cluster's ILM policies.
    #[arg(short = 'f', long = "from", value_name = "PATHS", num_args = 1..)]
    pub from: Vec<PathBuf>,
    /// Conditions.
    #[command(flatten)]
    pub conditions: RolloverConditionArgs,
    /// Roll over unconditionally (ignores conditions).
    #[arg(long, conflicts_with_all = RolloverConditionArgs::NAMES)]
    pub force: bool,
    /// Roll over the targets that are due (or all, with --force).
    #[arg(long)]
    pub execute: bool,
    /// With --execute on several contexts: roll over without asking (required when stdin or
    /// stdout is not a terminal). One cluster is never asked: a rollover deletes nothing.
    #[arg(long, short = 'y', requires = "execute")]
    pub yes: bool,
    /// The time to show ages against (RFC 3339); default: now.
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
    pub output: DocumentFormat,
}

/// Rollover condition flags, as Elasticsearch names them (`--max-age` is `max_age`).
#[derive(Debug, Args, Default)]
#[command(next_help_heading = "Conditions")]
pub struct RolloverConditionArgs {
    /// Roll over when the write index is this old (from its creation), e.g. 7d.
    #[arg(long, value_name = "AGE")]
    pub max_age: Option<String>,
    /// Roll over at this many primary documents.
    #[arg(long, value_name = "N")]
    pub max_docs: Option<String>,
    /// Roll over when the primaries reach this size, e.g. 50gb (deprecated by ES: prefer --max-primary-shard-size).
    #[arg(long, value_name = "SIZE")]
    pub max_size: Option<String>,
    /// Roll over when the largest primary shard reaches this size, e.g. 50gb.
    #[arg(long, value_name = "SIZE")]
    pub max_primary_shard_size: Option<String>,
    /// Roll over when the largest primary shard holds this many documents.
    #[arg(long, value_name = "N")]
    pub max_primary_shard_docs: Option<String>,
    /// Do not roll over before this age.
    #[arg(long, value_name = "AGE")]
    pub min_age: Option<String>,
    /// Do not roll over below this many documents.
    #[arg(long, value_name = "N")]
    pub min_docs: Option<String>,
    /// Do not roll over below this size.
    #[arg(long, value_name = "SIZE")]
    pub min_size: Option<String>,
    /// Do not roll over while the largest primary shard is smaller.
    #[arg(long, value_name = "SIZE")]
    pub min_primary_shard_size: Option<String>,
    /// Do not roll over while the largest primary shard holds fewer documents.
    #[arg(long, value_name = "N")]
    pub min_primary_shard_docs: Option<String>,
}

impl RolloverConditionArgs {
    /// The flags' argument ids, which `--force` conflicts with.
    pub const NAMES: [&'static str; 10] = [
        "max_age",
        "max_docs",
        "max_size",
        "max_primary_shard_size",
        "max_primary_shard_docs",
        "min_age",
        "min_docs",
        "min_size",
        "min_primary_shard_size",
        "min_primary_shard_docs",
    ];

    /// `(condition name, value)` for each flag given, in Elasticsearch's order.
    pub fn given(&self) -> Vec<(&'static str, &str)> {
        let values = [
            &self.max_age,
            &self.max_docs,
            &self.max_size,
            &self.max_primary_shard_size,
            &self.max_primary_shard_docs,
            &self.min_age,
            &self.min_docs,
            &self.min_size,
            &self.min_primary_shard_size,
            &self.min_primary_shard_docs,
        ];
        Self::NAMES.iter().zip(values).filter_map(|(n, v)| v.as_deref().map(|v| (*n, v))).collect()
    }
}

/// `esops bootstrap`.
#[derive(Debug, Args)]
#[command(after_help = "\
Picks the index template Elasticsearch would apply — the matching one with the highest priority, \
its component templates merged — from the cluster, or from a declared tree with -f (whose templates \
must then be on the cluster: ES applies the cluster's). A template creating data streams that \
matches NAME gives the data stream NAME (PUT /_data_stream/NAME); otherwise the template matching \
NAME-000001 gives that index with NAME as its write alias (and index.lifecycle.rollover_alias NAME \
when the template's policy rolls over and the template does not set it). Refused when an index, \
alias or data stream already carries NAME, when NAME-000001 exists, when no template matches, and \
when the template would break the rollover. With --execute it asks on a terminal (--yes elsewhere), \
creates, reads back and says what it did. Exit codes: 0; 1 on a refusal or error.")]
pub struct BootstrapArgs {
    /// The write alias or data stream to create, e.g. `app-orders` or `logs-app-default`.
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
    /// Take the templates from this declared tree (files and folders) instead of the cluster.
    #[arg(short = 'f', long = "from", value_name = "PATHS", num_args = 1..)]
    pub from: Vec<PathBuf>,
    #[command(flatten)]
    pub rails: ExecuteRails,
}

/// `esops ilm …`.
#[derive(Debug, Subcommand)]
pub enum IlmCommand {
    /// Where ILM stands with each index: errors first, with the step that failed and why.
    Explain(IlmExplainArgs),
    /// Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone).
    Retry(IlmRetryArgs),
    /// Put unmanaged indices under an ILM policy (sets index.lifecycle.name); dry run unless --execute.
    Attach(IlmAttachArgs),
    /// Take indices out of ILM (POST /NAMES/_ilm/remove); dry run unless --execute.
    Detach(IlmDetachArgs),
    /// Change the ILM policy of managed indices (each finishes its current phase first); dry run unless --execute.
    Switch(IlmAttachArgs),
    /// Move one index to another ILM step (POST /_ilm/move/INDEX); dry run unless --execute.
    Move(IlmMoveArgs),
    /// Start ILM on the cluster (POST /_ilm/start); dry run unless --execute.
    Start(IlmModeArgs),
    /// Stop ILM on the cluster (POST /_ilm/stop); dry run unless --execute.
    Stop(IlmModeArgs),
    /// ILM's operation mode and what it manages: indices per phase, in ERROR, waiting.
    Status(IlmStatusArgs),
}

/// The rails of every command that shows a change before making it: a dry run unless
/// `--execute`, a question on a terminal unless `--yes`.
#[derive(Debug, Args)]
pub struct ExecuteRails {
    /// Make the change (after showing it); without it, only show what would change.
    #[arg(long)]
    pub execute: bool,
    /// With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron).
    #[arg(long, short = 'y', requires = "execute")]
    pub yes: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
    pub output: DocumentFormat,
}

/// The rails every ILM verb that changes indices shares.
#[derive(Debug, Args)]
pub struct IlmChangeRails {
    #[command(flatten)]
    pub rails: ExecuteRails,
    /// Refuse to change more than N indices (nothing is changed then).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub max: usize,
    /// Measure ages for the preview against this time (RFC 3339); default: now. ILM itself
    /// always uses the cluster's clock.
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// `esops ilm attach` and `esops ilm switch`.
#[derive(Debug, Args)]
#[command(after_help = "\
Reads the targets' ILM state (GET /TARGET/_ilm/explain), the policies and the indices' creation dates \
and sizes, then shows per index what the policy would do: the phases whose min_age the index has \
already reached (ILM runs them at its next poll: a delete phase deletes at once) and when it deletes \
the index. attach changes unmanaged indices only (ILM ages them from their creation date); switch \
changes managed ones only: each finishes the phase it is in from the definition cached when it \
entered it, then follows the new policy. With --execute it sets index.lifecycle.name in as few \
PUT /NAMES/_settings requests as the URL limit allows, reads the indices back and reports each. \
Exit codes: 0; 1 when the policy does not exist, a change failed or could not be confirmed, or on errors.")]
pub struct IlmAttachArgs {
    /// The ILM policy (it must exist on the cluster).
    #[arg(value_name = "POLICY")]
    pub policy: String,
    /// Indices, aliases, data streams or patterns, e.g. `'python-logs-*'`.
    #[arg(value_name = "TARGET", required = true)]
    pub targets: Vec<String>,
    #[command(flatten)]
    pub rails: IlmChangeRails,
}

/// `esops ilm detach`.
#[derive(Debug, Args)]
#[command(after_help = "\
Reads the targets' ILM state, shows the managed indices ILM would let go of (with their policy and \
step), and with --execute removes their policy in as few POST /NAMES/_ilm/remove requests as the URL \
limit allows, then reads them back. Elasticsearch drops ILM's state whatever the step: an index in \
the middle of an action (a forcemerge that made it read-only, a shrink) stays as that action left it. \
Exit codes: 0; 1 when a change failed or could not be confirmed, or on errors.")]
pub struct IlmDetachArgs {
    /// Indices, aliases, data streams or patterns, e.g. `'python-logs-*'`.
    #[arg(value_name = "TARGET", required = true)]
    pub targets: Vec<String>,
    #[command(flatten)]
    pub rails: IlmChangeRails,
}

/// `esops ilm move`.
#[derive(Debug, Args)]
#[command(after_help = "\
Reads the index's ILM state and policy, checks the move as Elasticsearch does (the index is managed, \
the target phase and action exist in its policy) and shows the current and the target step. A move \
into the delete phase deletes the index; a move back runs the earlier phase again. With --execute \
it sends POST /_ilm/move/INDEX with the step read as current_step, so that a step ILM took meanwhile \
makes Elasticsearch refuse the move instead of skipping it. Exit codes: 0; 1 when the move is \
refused or fails, or on errors.")]
pub struct IlmMoveArgs {
    /// The index (one concrete index).
    #[arg(value_name = "INDEX")]
    pub index: String,
    /// The target step: PHASE[/ACTION[/STEP]], e.g. `warm`, `delete/delete`, `hot/rollover/check-rollover-ready`.
    #[arg(long, value_name = "STEP", value_parser = parse_step_key)]
    pub to: esops_core::lifecycle::ilm_change::StepKey,
    #[command(flatten)]
    pub rails: ExecuteRails,
}

/// `esops ilm start` and `esops ilm stop`.
#[derive(Debug, Args)]
#[command(after_help = "\
Shows ILM's operation mode and what it is doing (indices per phase, in ERROR), then with --execute \
sends POST /_ilm/start or /_ilm/stop and reads the mode back. Stopping is cluster-wide: every index \
stays where it is (STOPPING until no index is inside an unsafe action, then STOPPED); nothing ILM \
would delete is deleted until ILM starts again. Exit codes: 0; 1 on errors.")]
pub struct IlmModeArgs {
    #[command(flatten)]
    pub rails: ExecuteRails,
}

/// `esops ilm status`.
#[derive(Debug, Args)]
#[command(after_help = "\
Two requests: GET /_ilm/status and one GET /_all/_ilm/explain. Exit codes: 0, or 2 with \
--fail-on-stopped when ILM is not RUNNING; 1 on errors.")]
pub struct IlmStatusArgs {
    /// Exit 2 unless ILM is RUNNING (for monitoring).
    #[arg(long)]
    pub fail_on_stopped: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
    pub output: DocumentFormat,
}

fn parse_step_key(s: &str) -> Result<esops_core::lifecycle::ilm_change::StepKey, String> {
    esops_core::lifecycle::ilm_change::StepKey::parse(s)
}

/// `esops ilm explain`.
#[derive(Debug, Args)]
#[command(after_help = "\
One request (GET /TARGET/_ilm/explain), hidden and closed indices included. Rows in ERROR come \
first, each followed by the step that failed and Elasticsearch's reason (cut to 80 columns; in \
full with -o json); then indices whose policy does not exist; then the rest by phase and age. AGE \
counts from the lifecycle date (creation, or rollover), IN STEP from entering the current step, \
both against this machine's clock (or --now). Fix the cause, then `esops ilm retry INDEX`. \
Exit codes: 0; 2 with --fail-on-error when an index is in ERROR or its policy is missing; 1 on \
errors, a TARGET that names no index included.")]
pub struct IlmExplainArgs {
    /// Indices, aliases, data streams or patterns, e.g. `python-logs-*` (default: every index).
    #[arg(value_name = "TARGET")]
    pub targets: Vec<String>,
    /// Only indices in the ERROR step, or whose policy does not exist.
    #[arg(long)]
    pub only_errors: bool,
    /// Only indices managed by this policy (`*` wildcards allowed).
    #[arg(long, value_name = "NAME", conflicts_with = "unmanaged")]
    pub policy: Option<String>,
    /// List the indices no policy manages too (by default they are only counted, unless named).
    #[arg(long, conflicts_with = "only_errors")]
    pub unmanaged: bool,
    /// Exit 2 when an index is in the ERROR step or its policy does not exist (for cron and CI).
    #[arg(long)]
    pub fail_on_error: bool,
    /// Measure ages against this time (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now.
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = IlmExplainFormat::Table)]
    pub output: IlmExplainFormat,
}

/// `esops ilm explain -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IlmExplainFormat {
    /// A table for people; the reason of each error under its row.
    Table,
    /// JSON: every field, the whole `step_info` included.
    Json,
    /// CSV, ages in milliseconds.
    Csv,
    /// Markdown, for CI job summaries.
    Markdown,
}

/// `esops ilm retry`.
#[derive(Debug, Args)]
#[command(after_help = "\
Reads the targets' ILM state in one request (GET /TARGET/_ilm/explain), then retries the indices in \
the ERROR step by name, in as few POST /NAMES/_ilm/retry requests as the URL limit allows; every \
other index is reported and left alone. Elasticsearch moves each index back to the step that failed \
and runs it again, at once or at ILM's next poll (indices.lifecycle.poll_interval, 10m by default). \
If the cause is still there, the index goes back to ERROR: fix it first (`esops ilm explain` shows \
the reason). There is no default target: `'*'` retries every failed index, when written out. \
Before retrying it asks on a terminal, naming the cluster; elsewhere (cron, CI) it needs --yes. \
Exit codes: 0 (also when nothing was in ERROR), 1 when a retry failed or on errors.")]
pub struct IlmRetryArgs {
    /// Indices, aliases, data streams or patterns, e.g. `python-logs-2024.03.15` or `'python-logs-*'`.
    #[arg(value_name = "TARGET", required = true)]
    pub targets: Vec<String>,
    /// Retry without asking (required when stdin or stdout is not a terminal, as in cron).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
    pub output: DocumentFormat,
}

/// `esops audit`.
#[derive(Debug, Args)]
#[command(after_help = "\
Reads the cluster in nine requests whatever the number of indices. Exit codes: 0, or 2 when a finding \
reaches --fail-on; 1 on errors. Finding codes and the JSON schema are documented in docs/src/commands/audit.md.")]
pub struct AuditArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = AuditFormat::Table)]
    pub output: AuditFormat,
    /// Rows of the main table (and of CSV): index families, days of data, ILM phases or nodes.
    #[arg(long, value_enum, default_value_t = AuditBy::Family, value_name = "BREAKDOWN")]
    pub by: AuditBy,
    /// Only indices matching this pattern (`*` wildcards), e.g. `python-logs-*`.
    #[arg(long, value_name = "GLOB")]
    pub pattern: Option<String>,
    /// Only this index family (the name without date and generation), e.g. `python-logs`.
    #[arg(long, value_name = "NAME")]
    pub family: Option<String>,
    /// Report a flood stage forecast within this horizon.
    #[arg(long, default_value = "30d", value_parser = parse_duration, value_name = "DURATION")]
    pub horizon: Duration,
    /// Exit 2 when a finding reaches this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Audit as of this time (RFC 3339, e.g. 2024-06-01T00:00:00Z), for reproducible runs; default: now.
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// `esops audit -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// Tables and a trend chart for people.
    Table,
    /// JSON, versioned schema (`schema_version`).
    Json,
    /// CSV of the --by breakdown, sizes in bytes.
    Csv,
    /// Prometheus text exposition, for node_exporter's textfile collector.
    Prometheus,
    /// Markdown, for CI job summaries and pull request comments.
    Markdown,
}

/// `esops audit --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditBy {
    /// One row per index family.
    Family,
    /// One row per day of data.
    Day,
    /// One row per ILM phase.
    Phase,
    /// One row per node.
    Node,
    /// One row per snapshot repository: snapshots, size, newest success, verification.
    Repository,
}

/// `esops audit --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Warnings and errors.
    Warn,
    /// Errors only.
    Error,
}

/// `esops context …`.
#[derive(Debug, Subcommand)]
pub enum ContextCommand {
    /// List the contexts of the config file; the current one is marked with `*`.
    List {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
        output: DocumentFormat,
    },
    /// Make NAME the current context (rewrites `current_context` in the config file).
    Use {
        /// The context to select.
        name: String,
    },
    /// Show every resolved connection setting and where it came from (secrets redacted).
    Show {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = DocumentFormat::Table)]
        output: DocumentFormat,
    },
}

/// `esops sandbox`.
#[derive(Debug, Args)]
#[command(after_help = "\
The sandbox requires credentials when --user NAME:PASS (or --user NAME --password PASS) or \
--api-key ID:KEY is given. Everything sandbox-specific lives under /_sandbox \
(clock, seeding, fault injection, request counts).")]
pub struct SandboxArgs {
    /// Address to listen on (loopback only).
    #[arg(long, default_value = "127.0.0.1:9200", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// The distribution to emulate: elasticsearch, or opensearch (ISM under _plugins/_ism
    /// instead of ILM, OpenSearch's GET / answer).
    #[arg(long, value_enum, default_value_t = TargetArg::Elasticsearch, value_name = "DISTRIBUTION")]
    pub distribution: TargetArg,
    /// The release of --distribution to emulate: Elasticsearch 7.17, 8.x or 9.x (default 8.15.0);
    /// OpenSearch 2.11 to 2.19 or 3.0 to 3.2 (default 2.19.1).
    #[arg(long, visible_alias = "es-version", value_name = "VERSION")]
    pub version: Option<String>,
    /// Seed demo data: daily indices FAMILY-YYYY.MM.DD under an ILM policy of the same name,
    /// plus a data stream and some unmanaged clutter.
    #[arg(long, value_name = "FAMILY")]
    pub seed: Option<String>,
    /// With --seed: how many days of daily indices, ending today.
    #[arg(long, default_value_t = 30, value_name = "N", requires = "seed")]
    pub days: u32,
    /// Load the cluster state from FILE at start and save it there on exit.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Data nodes to emulate: replicas are assigned to other nodes than their primary (one node
    /// leaves them unassigned: yellow). Default 1, or what --state holds.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=64))]
    pub nodes: Option<u64>,
    /// Serve HTTPS with a self-signed certificate generated at start.
    #[arg(long)]
    pub tls: bool,
    /// With --tls: write the generated CA certificate (PEM) here, for --ca-cert.
    #[arg(long, value_name = "FILE", requires = "tls")]
    pub ca_cert_out: Option<PathBuf>,
    /// The node setting path.repo: a directory `fs` snapshot repositories may use (repeatable;
    /// relative locations resolve against the first). Without it, as on Elasticsearch, every `fs`
    /// repository is refused. Snapshots stay in memory (and in --state); nothing is written there.
    #[arg(long = "path-repo", value_name = "DIR")]
    pub path_repo: Vec<PathBuf>,
    /// With --tls: require a client certificate signed by the sandbox CA (mutual TLS, as
    /// `xpack.security.http.ssl.client_authentication: required`).
    #[arg(long, requires = "tls")]
    pub require_client_cert: bool,
    /// With --tls: write a client certificate signed by the sandbox CA here (PEM), for --client-cert.
    #[arg(long, value_name = "FILE", requires = "tls")]
    pub client_cert_out: Option<PathBuf>,
    /// With --tls: write the client certificate's private key here (PEM, mode 600), for --client-key.
    #[arg(long, value_name = "FILE", requires = "client_cert_out")]
    pub client_key_out: Option<PathBuf>,
    /// Refuse requests without this header, `Name: value`, as a gateway in front of the cluster would (repeatable).
    #[arg(long, value_name = "HEADER")]
    pub require_header: Vec<String>,
    /// Check AWS SigV4 signatures as Amazon OpenSearch Service does: SERVICE/REGION, e.g. es/eu-west-1 or aoss/us-east-1.
    #[arg(long, value_name = "SERVICE/REGION", requires = "sigv4_key")]
    pub require_sigv4: Option<String>,
    /// With --require-sigv4: an access key IAM knows, ACCESS_KEY_ID:SECRET (repeatable).
    #[arg(long, value_name = "ID:SECRET", requires = "require_sigv4")]
    pub sigv4_key: Vec<String>,
    /// Freeze the virtual clock: it moves only on POST /_sandbox/clock/_advance or _set (for
    /// deterministic tests). By default it follows the wall clock.
    #[arg(long)]
    pub frozen_clock: bool,
    /// Start the virtual clock at this time (RFC 3339) instead of the real time: --seed's daily
    /// indices end on that day. With --frozen-clock, a reproducible cluster (the docs' examples).
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// A node setting, as elasticsearch.yml would hold it (repeatable): cluster settings fall back
    /// to it and `include_defaults` shows it; `node.attr.NAME=VALUE` is a node attribute.
    #[arg(long = "node-setting", value_name = "KEY=VALUE", value_parser = parse_node_setting)]
    pub node_settings: Vec<(String, String)>,
}

fn parse_node_setting(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().to_string(), value.to_string())),
        _ => Err(format!("expected KEY=VALUE, e.g. action.destructive_requires_name=false, not [{text}]")),
    }
}

/// `esops completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn parse_kind(s: &str) -> Result<esops_core::resources::ResourceKind, String> {
    use esops_core::resources::ResourceKind;
    ResourceKind::parse_declared(s).ok_or_else(|| {
        let kinds: Vec<&str> = ResourceKind::DECLARABLE.iter().map(|k| k.as_str()).collect();
        format!("unknown kind (one of {})", kinds.join(", "))
    })
}

fn parse_kind_and_name(s: &str) -> Result<(esops_core::resources::ResourceKind, String), String> {
    let (kind, name) = s.split_once('/').ok_or("expected KIND/NAME, e.g. ilm_policy/shared-logs")?;
    if name.is_empty() {
        return Err("the name after KIND/ is empty".into());
    }
    Ok((parse_kind(kind)?, name.to_string()))
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    // A bare number is the commonest slip (`--older-than 90`): say which unit to add rather
    // than humantime's "time unit needed".
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{s}` has no unit: write {s}d for days (or {s}h, {s}m, {s}s)"));
    }
    humantime::parse_duration(s).map_err(|e| format!("{e} (examples: 30s, 2m, 1h, 90d)"))
}

fn parse_size(s: &str) -> Result<u64, String> {
    es_syntax::units::parse_bytes(s).map_err(|_| "a byte size, e.g. 500gb or 2tb".to_string())
}

fn parse_percent(s: &str) -> Result<f64, String> {
    let p: f64 = s.trim_end_matches('%').parse().map_err(|e| format!("{e} (example: 80)"))?;
    if p > 0.0 && p < 100.0 { Ok(p) } else { Err("a percentage between 0 and 100, e.g. 80".into()) }
}

/// A point in time: RFC 3339 (`2024-06-01T00:00:00Z`, `2024-06-01T02:00:00+02:00`), or a date
/// alone, meaning its midnight UTC.
fn parse_rfc3339(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    if let Ok(day) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(day.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    Err(format!(
        "`{s}` is not a time: write an RFC 3339 timestamp with its zone (2024-06-01T00:00:00Z, \
         2024-06-01T02:00:00+02:00) or a date (2024-06-01, midnight UTC); relative forms such as \
         `yesterday` or `now-1d` are not accepted"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_bare_number_as_a_duration_suggests_days() {
        let err = parse_duration("90").unwrap_err();
        assert!(err.contains("write 90d"), "{err}");
        assert_eq!(parse_duration("90d").unwrap(), Duration::from_secs(90 * 86_400));
    }

    #[test]
    fn a_time_that_is_not_rfc3339_explains_the_accepted_forms() {
        let err = parse_rfc3339("yesterday").unwrap_err();
        assert!(err.contains("2024-06-01T00:00:00Z") && err.contains("`yesterday`"), "{err}");
        assert_eq!(parse_rfc3339("2024-06-01").unwrap().to_rfc3339(), "2024-06-01T00:00:00+00:00");
        assert_eq!(parse_rfc3339("2024-06-01T02:00:00+02:00").unwrap().to_rfc3339(), "2024-06-01T00:00:00+00:00");
    }

    #[test]
    fn global_flags_go_after_the_command_too() {
        let cli = Cli::try_parse_from(["esops", "info", "--url", "http://x:9200", "-vv"]).unwrap();
        assert_eq!(cli.global.url.as_deref(), Some("http://x:9200"));
        assert_eq!(cli.global.verbose, 2);
    }

    #[test]
    fn timeout_takes_humantime_units() {
        let cli = Cli::try_parse_from(["esops", "--timeout", "2m", "info"]).unwrap();
        assert_eq!(cli.global.timeout, Some(Duration::from_secs(120)));
        assert!(Cli::try_parse_from(["esops", "--timeout", "soon", "info"]).is_err());
    }
}
