//! `esops pipeline test`: golden-file tests of ingest pipelines through `_simulate`.

use crate::cli::PipelineTestArgs;
use crate::commands::{load_declared, read_target};
use esops_core::es::Client;
use esops_core::es::ingest::SimulatedPipeline;
use esops_core::exit::ExitStatus;
use esops_core::pipeline_test::cases::{self, TestCase};
use esops_core::pipeline_test::golden::{self, DEFAULT_VOLATILE_FIELDS};
use esops_core::pipeline_test::{NestedState, nested_pipelines, stale_nested};
use esops_core::printer::{Printer, styles};
use esops_core::resources::{DeclaredResource, ResourceKind};

/// Runs `esops pipeline test`. `fresh_sandbox`: the cluster is an in-process sandbox started for
/// this run (`--sandbox`), which may be changed freely.
pub async fn run_test(
    client: &Client,
    args: &PipelineTestArgs,
    fresh_sandbox: bool,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let declared = load_declared(&args.tree, printer)?;
    let suites = test_suites(&declared, args, printer)?;
    read_target(client, printer).await?;
    let volatile: Vec<String> =
        DEFAULT_VOLATILE_FIELDS.iter().map(|f| f.to_string()).chain(args.ignore_field.iter().cloned()).collect();
    let mut totals = Totals::default();
    for (pipeline, cases) in &suites {
        printer.data_line(&format!("{} ({})", pipeline.name, pipeline.location.file.display()))?;
        let target = if args.from_cluster {
            SimulatedPipeline::Stored(&pipeline.name)
        } else {
            prepare_nested(client, pipeline, &declared, fresh_sandbox || args.put_nested, printer).await?;
            SimulatedPipeline::Inline(&pipeline.body)
        };
        for case in cases {
            let sources: Vec<serde_json::Value> = case.documents.iter().map(|d| d.source.clone()).collect();
            let results = client.simulate(target, &sources).await?;
            let actual: Vec<serde_json::Value> = results.iter().map(|r| golden::entry(r, &volatile)).collect();
            totals.documents += case.documents.len();
            run_case(case, &actual, args.update, &mut totals, printer)?;
        }
    }
    printer.data_line(&totals.line())?;
    Ok(if totals.failed_documents > 0 && !args.update { ExitStatus::Failure } else { ExitStatus::Success })
}

/// The pipelines to test, each with its cases (read and checked; any error stops the run).
fn test_suites<'a>(
    declared: &'a [DeclaredResource],
    args: &PipelineTestArgs,
    printer: &Printer,
) -> anyhow::Result<Vec<(&'a DeclaredResource, Vec<TestCase>)>> {
    let pipelines: Vec<&DeclaredResource> = declared
        .iter()
        .filter(|r| r.kind == ResourceKind::IngestPipeline)
        .filter(|r| args.pipeline.as_ref().is_none_or(|name| *name == r.name))
        .collect();
    if let Some(name) = &args.pipeline
        && pipelines.is_empty()
    {
        anyhow::bail!("the tree declares no ingest_pipeline named {name}");
    }
    let mut suites = Vec::new();
    let mut errors = 0;
    for pipeline in pipelines {
        let dir = cases::cases_dir(&pipeline.location.file, &pipeline.name);
        let (files, _) = cases::read_case_files(&dir)?;
        if files.is_empty() {
            if args.pipeline.is_some() {
                anyhow::bail!("ingest_pipeline/{} has no test cases in {}", pipeline.name, dir.display());
            }
            continue;
        }
        let mut ready = Vec::new();
        for file in &files {
            let (case, problems) = cases::parse_case(file);
            // A missing expected file is reported by the run itself, as a failing case.
            for problem in problems.iter().filter(|p| p.is_error()) {
                printer.error(&problem.to_string(), problem.hint.as_deref());
                errors += 1;
            }
            ready.extend(case);
        }
        suites.push((pipeline, ready));
    }
    if errors > 0 {
        anyhow::bail!("{errors} test case file error(s); nothing was sent (`esops validate` shows the same)");
    }
    if suites.is_empty() {
        anyhow::bail!(
            "no pipeline of the tree has test cases (they go in tests/NAME/ next to the file declaring pipeline NAME)"
        );
    }
    Ok(suites)
}

/// Makes sure the pipelines `pipeline` calls are on the cluster as the tree declares them:
/// stores them when allowed, otherwise checks and refuses to test against other versions.
async fn prepare_nested(
    client: &Client,
    pipeline: &DeclaredResource,
    declared: &[DeclaredResource],
    may_store: bool,
    printer: &Printer,
) -> anyhow::Result<()> {
    let nested = nested_pipelines(pipeline, declared);
    if nested.is_empty() {
        return Ok(());
    }
    if may_store {
        for resource in &nested {
            client.put_resource(resource.kind, &resource.name, &resource.body).await?;
            printer.status(&format!("stored {}/{} (called by {})", resource.kind, resource.name, pipeline.name));
        }
        return Ok(());
    }
    let stored = client.stored_resources(ResourceKind::IngestPipeline).await?;
    let stale = stale_nested(&nested, &stored);
    if stale.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = stale
        .iter()
        .map(|(r, state)| {
            let state = match state {
                NestedState::Missing => "not on the cluster",
                NestedState::Differs => "differs on the cluster",
            };
            format!("{} ({state})", r.name)
        })
        .collect();
    anyhow::bail!(
        "{} calls pipelines that the cluster does not hold as declared: {}. _simulate runs the stored \
         versions of called pipelines, so the test would not test the tree. Apply them first \
         (`esops apply`), test offline with --sandbox, or let esops store them with --put-nested",
        pipeline.name,
        listed.join(", ")
    )
}

/// Compares one case, prints the outcome, and rewrites its expected file with `--update`.
fn run_case(
    case: &TestCase,
    actual: &[serde_json::Value],
    update: bool,
    totals: &mut Totals,
    printer: &Printer,
) -> anyhow::Result<()> {
    let count = case.documents.len();
    let plural = if count == 1 { "" } else { "s" };
    let failed = match &case.expected {
        None => {
            let what = format!("no expected results ({})", case.expected_path.display());
            printer.data_line(&format!("  {} {}: {what}", failing(printer, update), case.name))?;
            count
        }
        Some(expected) => {
            let lines: Vec<usize> = case.documents.iter().map(|d| d.line).collect();
            let mismatches = golden::compare(&lines, expected, actual);
            if mismatches.is_empty() {
                printer.data_line(&format!(
                    "  {} {} ({count} document{plural})",
                    printer.paint(styles::GOOD, "ok  "),
                    case.name
                ))?;
            } else {
                printer.data_line(&format!(
                    "  {} {}: {} of {count} document{plural} differ (- expected, + actual)",
                    failing(printer, update),
                    case.name,
                    mismatches.len()
                ))?;
                for mismatch in &mismatches {
                    printer.data_line(&format!("    {}:{}", case.input_path.display(), mismatch.line))?;
                    for line in golden::describe(mismatch).lines() {
                        printer.data_line(&format!("      {line}"))?;
                    }
                }
            }
            mismatches.len()
        }
    };
    totals.failed_documents += failed;
    if failed > 0 && update {
        std::fs::write(&case.expected_path, golden::file_text(actual))
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", case.expected_path.display()))?;
        printer.data_line(&format!("    updated {}", case.expected_path.display()))?;
        totals.updated += 1;
    }
    Ok(())
}

fn failing(printer: &Printer, update: bool) -> String {
    if update { printer.paint(styles::WARN, "diff") } else { printer.paint(styles::BAD, "FAIL") }
}

/// Counts over the whole run.
#[derive(Debug, Default)]
struct Totals {
    documents: usize,
    failed_documents: usize,
    updated: usize,
}

impl Totals {
    /// `23 documents: 22 as expected, 1 differs`.
    fn line(&self) -> String {
        let mut line = format!(
            "{} documents: {} as expected, {} differ",
            self.documents,
            self.documents - self.failed_documents,
            self.failed_documents
        );
        if self.updated > 0 {
            line.push_str(&format!("; {} expected file(s) updated", self.updated));
        }
        line
    }
}
