//! One module per subcommand, each the same shape: resolve options, call the library, print.

pub mod apply;
pub mod audit;
pub mod bootstrap;
pub mod completions;
pub mod confirm;
pub mod context;
pub mod export;
pub mod fleet;
pub mod ilm;
pub mod indices;
pub mod info;
pub mod man;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod retention;
pub mod rollover;
pub mod sandbox;
pub mod validate;

use std::time::Duration;

use crate::cli::{Cli, ColorArg, Command, DocumentFormat, GlobalArgs, IlmCommand, PipelineCommand, TreeArgs};
use esops_core::connect::{
    self, Auth, ConnectionFlags, Endpoint, ProxySetting, ResolvedConnection, Secret, SettingSource,
};
use esops_core::es::Client;
use esops_core::es::api::Distribution;
use esops_core::exit::ExitStatus;
use esops_core::printer::{ColorMode, Printer, Verbosity};
use esops_core::resources::{DeclaredResource, Target};

/// The printer the global flags ask for.
pub fn printer_for(global: &GlobalArgs) -> Printer {
    let color = match global.color {
        ColorArg::Auto => ColorMode::Auto,
        ColorArg::Always => ColorMode::Always,
        ColorArg::Never => ColorMode::Never,
    };
    Printer::new(color, Verbosity::from_flags(global.verbose, global.quiet))
}

/// The connection flags as a plain struct, for `connect::resolve`.
fn connection_flags(global: &GlobalArgs) -> ConnectionFlags {
    ConnectionFlags {
        context: global.context.clone(),
        url: global.url.clone(),
        cloud_id: global.cloud_id.clone(),
        api_key: global.api_key.clone().map(Secret::new),
        user: global.user.clone(),
        password: global.password.clone().map(Secret::new),
        bearer_token: global.bearer_token.clone().map(Secret::new),
        ca_cert: global.ca_cert.clone(),
        insecure: global.insecure,
        ca_fingerprint: global.ca_fingerprint.clone(),
        client_cert: global.client_cert.clone(),
        client_key: global.client_key.clone(),
        headers: global.headers.clone(),
        proxy: global.proxy.clone(),
        no_proxy: global.no_proxy,
        aws_sigv4: global.aws_sigv4,
        aws_region: global.aws_region.clone(),
        aws_service: global.aws_service.clone(),
        aws_profile: global.aws_profile.clone(),
        timeout: global.timeout,
    }
}

fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Runs the parsed command line.
pub async fn run(cli: Cli, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let flags = connection_flags(&cli.global);
    if fleet::requested(&cli) {
        return fleet::run(&cli, &flags, printer).await;
    }
    match &cli.command {
        Command::Completions(args) => completions::run_completions(args, printer),
        Command::Man(args) => man::run(args, printer),
        Command::Sandbox(args) => sandbox::run(args, &flags, printer).await,
        Command::Context(cmd) => {
            let config = connect::config_path(&process_env);
            context::run(cmd, &flags, &process_env, config.as_deref(), printer)
        }
        Command::Validate(args) => validate::run(&cli.global, &flags, args, printer).await,
        Command::Render(args) => render::run(args, printer),
        _ => {
            let fresh_sandbox = cli.global.sandbox;
            with_cluster(&cli.global, &flags, printer, |client| async move {
                on_cluster(&cli.command, &client, fresh_sandbox, printer).await
            })
            .await
        }
    }
}

/// Runs a command that works on a cluster, on `client`: the one of `--url`/`--context`, or one
/// cluster of a fleet. `fresh_sandbox`: the cluster is `--sandbox`'s, made for this run.
pub(crate) async fn on_cluster(
    command: &Command,
    client: &Client,
    fresh_sandbox: bool,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Plan(args) => plan::run(client, args, printer).await,
        Command::Apply(args) => apply::run(client, args, printer).await,
        Command::Export(args) => export::run(client, args, printer).await,
        Command::Pipeline(PipelineCommand::Test(args)) => {
            pipeline::run_test(client, args, fresh_sandbox, printer).await
        }
        Command::Info(args) => info::run(client, args, printer).await,
        Command::Audit(args) => audit::run(client, args, printer).await,
        Command::Retention(args) => retention::run(client, args, printer).await,
        Command::Indices(args) => indices::run(client, args, printer).await,
        Command::Rollover(args) => rollover::run(client, args, printer).await,
        Command::Bootstrap(args) => bootstrap::run(client, args, printer).await,
        Command::Ilm(IlmCommand::Explain(args)) => ilm::run_explain(client, args, printer).await,
        Command::Ilm(IlmCommand::Retry(args)) => ilm::run_retry(client, args, printer).await,
        Command::Ilm(IlmCommand::Attach(args)) => ilm::change::run_attach(client, args, printer).await,
        Command::Ilm(IlmCommand::Switch(args)) => ilm::change::run_switch(client, args, printer).await,
        Command::Ilm(IlmCommand::Detach(args)) => ilm::change::run_detach(client, args, printer).await,
        Command::Ilm(IlmCommand::Move(args)) => {
            ilm_only(client, "move", "ISM has no move-to-step: `esops ilm retry` takes a failed index back to its failed action, and `POST _plugins/_ism/retry/INDEX {\"state\": \"NAME\"}` restarts it in another state").await?;
            ilm::change::run_move(client, args, printer).await
        }
        Command::Ilm(IlmCommand::Start(args)) => {
            ilm_only(
                client,
                "start",
                "ISM runs while the cluster setting plugins.index_state_management.enabled is true (its default)",
            )
            .await?;
            ilm::change::run_mode(client, args, true, printer).await
        }
        Command::Ilm(IlmCommand::Stop(args)) => {
            ilm_only(
                client,
                "stop",
                "set the cluster setting plugins.index_state_management.enabled to false to pause ISM",
            )
            .await?;
            ilm::change::run_mode(client, args, false, printer).await
        }
        Command::Ilm(IlmCommand::Status(args)) => {
            ilm_only(client, "status", "`esops ilm explain` shows where ISM stands with each index").await?;
            ilm::change::run_status(client, args, printer).await
        }
        Command::Completions(_)
        | Command::Man(_)
        | Command::Sandbox(_)
        | Command::Context(_)
        | Command::Validate(_)
        | Command::Render(_) => anyhow::bail!("this command does not work on a cluster"),
    }
}

/// Refuses an ILM verb ISM has no counterpart for, on OpenSearch, with what to do there instead.
async fn ilm_only(client: &Client, verb: &str, instead: &str) -> anyhow::Result<()> {
    if client.distribution().await? == Distribution::OpenSearch {
        anyhow::bail!(
            "`esops ilm {verb}` is ILM's; {} is OpenSearch, whose ISM has no such operation: {instead}",
            client.url()
        );
    }
    Ok(())
}

/// The cluster a command works on, as it prints it before changing anything.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TargetCluster {
    /// The config-file context, if one chose the cluster.
    pub context: Option<String>,
    /// URL without credentials.
    pub url: String,
    /// `cluster_name`.
    pub cluster_name: String,
    /// `cluster_uuid`.
    pub cluster_uuid: String,
    /// Version number.
    pub version: String,
    /// What answered `GET /`.
    pub distribution: esops_core::es::api::Distribution,
}

impl TargetCluster {
    /// `context prod, https://es:9200 (cluster logs-prod, version 8.15.0)`; OpenSearch says so
    /// (`OpenSearch 2.19.1`).
    pub fn describe(&self) -> String {
        let product = match self.distribution {
            Distribution::OpenSearch => "OpenSearch",
            _ => "version",
        };
        format!(
            "{}{} (cluster {}, {product} {})",
            self.context.as_ref().map(|c| format!("context {c}, ")).unwrap_or_default(),
            self.url,
            self.cluster_name,
            self.version
        )
    }

    /// The distribution a tree is checked and sent for on this cluster.
    pub fn resource_target(&self) -> Target {
        match self.distribution {
            Distribution::OpenSearch => Target::OpenSearch,
            _ => Target::Elasticsearch,
        }
    }
}

/// Loads and checks the tree, printing every finding; fails when any is an error, before
/// anything is sent to a cluster.
pub fn load_declared(tree: &TreeArgs, printer: &Printer) -> anyhow::Result<Vec<DeclaredResource>> {
    load_declared_for(tree, Target::Elasticsearch, printer)
}

/// The tree, checked offline for the distribution it implies (OpenSearch when it declares an
/// `ism_policy`), so that a broken tree is refused before any request; then, once `target`'s
/// `GET /` has told the cluster's distribution, checked again for it when that differs.
pub struct TreeForCluster {
    implied: Target,
    declared: Vec<DeclaredResource>,
}

impl TreeForCluster {
    /// Reads and checks `tree` offline (see the type).
    pub fn precheck(tree: &TreeArgs, printer: &Printer) -> anyhow::Result<Self> {
        let files_declare_ism = validate::check_tree_for(tree, Target::Elasticsearch)?
            .resources
            .iter()
            .any(|r| r.kind == esops_core::resources::ResourceKind::IsmPolicy);
        let implied = if files_declare_ism { Target::OpenSearch } else { Target::Elasticsearch };
        Ok(TreeForCluster { implied, declared: load_declared_for(tree, implied, printer)? })
    }

    /// The declared resources as sent to `cluster`.
    pub fn for_cluster(
        &self,
        tree: &TreeArgs,
        cluster: &TargetCluster,
        printer: &Printer,
    ) -> anyhow::Result<Vec<DeclaredResource>> {
        match cluster.resource_target() {
            t if t == self.implied => Ok(self.declared.clone()),
            t => load_declared_for(tree, t, printer),
        }
    }
}

/// [`load_declared`] for the distribution `target` (on OpenSearch, ILM policies become ISM
/// policies, as `render --target opensearch` shows).
pub fn load_declared_for(tree: &TreeArgs, target: Target, printer: &Printer) -> anyhow::Result<Vec<DeclaredResource>> {
    let checked = validate::check_tree_for(tree, target)?;
    validate::print_diagnostics(printer, &checked.diagnostics);
    if checked.has_errors() {
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        anyhow::bail!("the tree has {errors} error(s); nothing was sent (`esops validate` shows the same findings)");
    }
    Ok(checked.resources)
}

/// Writes `contents` to `path` readable by its owner only (0600 on Unix), also when the file
/// exists with wider permissions: esops's files hold cluster data or secrets.
pub fn write_private_file(path: &std::path::Path, contents: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| anyhow::anyhow!("cannot restrict {} to its owner: {e}", path.display()))?;
        }
    }
    let mut file = options.open(path).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    file.write_all(contents).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

/// Says what an ISM policy update does not do: ISM gives each managed index a copy of its policy
/// when it starts managing it, so indices already managed keep the old one until they are moved
/// with ISM's change_policy.
pub fn note_ism_updates(plan: &esops_core::reconcile::plan::Plan, printer: &Printer) {
    use esops_core::reconcile::plan::ChangeAction;
    let updated: Vec<&str> = plan
        .changes
        .iter()
        .filter(|c| c.kind == esops_core::resources::ResourceKind::IsmPolicy && c.action == ChangeAction::Update)
        .map(|c| c.name.as_str())
        .collect();
    if !updated.is_empty() {
        printer.status(&format!(
            "note: indices ISM already manages with {} keep the policy version they started with; \
             `POST _plugins/_ism/change_policy/INDEX {{\"policy_id\": \"POLICY\"}}` moves them to the new one once their current state is done",
            updated.join(", ")
        ));
    }
}

/// Refuses a plan that would take over resources another tree owns (`_meta.esops_owner`).
pub fn refuse_conflicts(plan: &esops_core::reconcile::plan::Plan) -> anyhow::Result<()> {
    if plan.conflicts.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = plan.conflicts.iter().map(|(r, owner)| format!("{r} (owner {owner})")).collect();
    anyhow::bail!(
        "{} declared resource(s) belong to another tree on this cluster: {}; nothing was changed. Rename them, or \
         remove them from the other tree first (its `kind: esops` owner is in their `_meta.esops_owner`)",
        list.len(),
        list.join(", ")
    )
}

/// Reads who the cluster is and says so on stderr. Commands repeat it as a warning (shown even
/// with `-q`) right before they change anything, so that nobody deletes on the wrong cluster for
/// want of a look, while a cron run that changes nothing stays silent.
pub async fn read_target(client: &Client, printer: &Printer) -> anyhow::Result<TargetCluster> {
    let root = client.root_info().await?;
    let distribution = root.distribution();
    let target = TargetCluster {
        context: client.context().map(str::to_string),
        url: client.url().to_string(),
        cluster_name: root.cluster_name,
        cluster_uuid: root.cluster_uuid,
        distribution,
        version: root.version.number,
    };
    printer.status(&format!("cluster: {}", target.describe()));
    Ok(target)
}

/// Resolves the connection (or starts an in-process sandbox for `--sandbox`), builds the
/// client and hands it to `job`.
async fn with_cluster<F, Fut>(
    global: &GlobalArgs,
    flags: &ConnectionFlags,
    printer: &Printer,
    job: F,
) -> anyhow::Result<ExitStatus>
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<ExitStatus>>,
{
    if global.sandbox {
        // The real cluster's path.repo is unknown here: any absolute fs repository location passes.
        let config = es_sandbox::SandboxConfig { path_repo: vec!["/".into()], ..Default::default() };
        let sandbox = es_sandbox::RunningSandbox::start(config).await?;
        printer.status(&format!("using a fresh in-process sandbox at {}", sandbox.url()));
        let conn = sandbox_connection(sandbox.url(), flags.timeout);
        let client = bounded(Client::new(&conn, printer.clone())?, global);
        let outcome = job(client).await;
        sandbox.shutdown().await?;
        return outcome;
    }
    let config = connect::config_path(&process_env);
    let conn = connect::resolve(flags, &process_env, config.as_deref())?;
    for w in &conn.warnings {
        printer.warn(w);
    }
    if conn.insecure.0 {
        printer.warn(
            "TLS certificate verification is OFF (--insecure): anyone on the path can read and change this traffic",
        );
    }
    job(bounded(Client::new(&conn, printer.clone())?, global)).await
}

/// The client with the run's `--deadline`, counted from now.
fn bounded(client: Client, global: &GlobalArgs) -> Client {
    match global.deadline {
        Some(d) => client.with_deadline(std::time::Instant::now() + d),
        None => client,
    }
}

/// Ctrl-C while a command changes things: the first one asks the command to stop after the
/// request under way (so it can say what it did), a second one exits at once.
pub struct Interrupt {
    requested: std::sync::Arc<std::sync::atomic::AtomicBool>,
    listener: tokio::task::JoinHandle<()>,
}

impl Interrupt {
    /// Starts listening for Ctrl-C (until dropped).
    pub fn listen(printer: &Printer) -> Self {
        let requested = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = requested.clone();
        let printer = printer.clone();
        let listener = tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_err() {
                return;
            }
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            printer.warn("interrupted: stopping after the request under way (Ctrl-C again to quit at once)");
            if tokio::signal::ctrl_c().await.is_ok() {
                printer.warn("interrupted again: quitting without reporting what was done");
                std::process::exit(130);
            }
        });
        Interrupt { requested, listener }
    }

    /// True once Ctrl-C was pressed.
    pub fn requested(&self) -> bool {
        self.requested.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for Interrupt {
    fn drop(&mut self) {
        self.listener.abort();
    }
}

/// A connection to a sandbox this process started: no credentials, no TLS.
fn sandbox_connection(url: &str, timeout: Option<Duration>) -> ResolvedConnection {
    ResolvedConnection {
        context: None,
        endpoint: (
            Endpoint::Url(url::Url::parse(url).expect("sandbox URL is valid")),
            SettingSource::Flag("--sandbox"),
        ),
        auth: (Auth::None, SettingSource::Default),
        ca_cert: None,
        insecure: (false, SettingSource::Default),
        ca_fingerprint: None,
        client_identity: None,
        headers: Vec::new(),
        proxy: (ProxySetting::Direct, SettingSource::Default),
        timeout: (timeout.unwrap_or(connect::DEFAULT_TIMEOUT), SettingSource::Default),
        warnings: Vec::new(),
    }
}

/// `value` as a JSON or YAML document; `None` for the table format, which each command draws itself.
pub fn document<T: serde::Serialize>(value: &T, format: DocumentFormat) -> anyhow::Result<Option<String>> {
    Ok(match format {
        DocumentFormat::Table => None,
        DocumentFormat::Json => Some(format!("{}\n", serde_json::to_string_pretty(value)?)),
        DocumentFormat::Yaml => Some(serde_saphyr::to_string(value)?),
    })
}
