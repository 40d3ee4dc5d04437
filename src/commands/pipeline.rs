//! `esops pipeline test`: golden-file tests of ingest pipelines through `_simulate`.

use crate::cli::PipelineTestArgs;
use crate::commands::{load_declared, read_target};
use esops_core::es::Client;
use esops_core::es::ingest::{SimulatedDocument, SimulatedPipeline};
use esops_core::exit::ExitStatus;
use esops_core::pipeline_test::cases::{self, TestCase};
use esops_core::pipeline_test::golden::{self, DEFAULT_VOLATILE_FIELDS};
use esops_core::pipeline_test::{IndexingTarget, NestedState, indexing_target, nested_pipelines, stale_nested};
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
        // In a fresh sandbox, the outputs are also indexed under the declared template's
        // mappings: a document the pipeline shapes but the mapping refuses is lost in production.
        let indexing = if fresh_sandbox { indexing_target(&pipeline.name, &declared) } else { None };
        if let Some(target) = &indexing {
            prepare_index(client, target, printer).await?;
        }
        for case in cases {
            let sources: Vec<serde_json::Value> = case.documents.iter().map(|d| d.source.clone()).collect();
            let results = client.simulate(target, &sources).await?;
            let actual: Vec<serde_json::Value> = results.iter().map(|r| golden::entry(r, &volatile)).collect();
            let rejections = match &indexing {
                Some(target) => index_outputs(client, &target.index, &results).await?,
                None => vec![None; results.len()],
            };
            totals.documents += case.documents.len();
            run_case(case, &actual, &rejections, args.update, &mut totals, printer)?;
        }
    }
    printer.data_line(&totals.line())?;
    let failed = totals.refused_documents > 0 || (totals.failed_documents > 0 && !args.update);
    Ok(if failed { ExitStatus::Failure } else { ExitStatus::Success })
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

/// Stores the template (and its declared component templates) the outputs are indexed under.
async fn prepare_index(client: &Client, target: &IndexingTarget<'_>, printer: &Printer) -> anyhow::Result<()> {
    for resource in target.components.iter().chain([&target.index_template]) {
        client.put_resource(resource.kind, &resource.name, &resource.body).await?;
    }
    printer.status(&format!(
        "outputs are indexed into {} under index_template/{}",
        target.index, target.index_template.name
    ));
    Ok(())
}

/// Indexes the processed outputs; per simulated document, ES's refusal if any (failed and
/// dropped documents are not indexed).
async fn index_outputs(
    client: &Client,
    index: &str,
    results: &[SimulatedDocument],
) -> anyhow::Result<Vec<Option<String>>> {
    let processed: Vec<serde_json::Value> = results
        .iter()
        .filter_map(|r| match r {
            SimulatedDocument::Processed(source) => Some(source.clone()),
            _ => None,
        })
        .collect();
    let mut refusals = client.index_outputs(index, &processed).await?.into_iter();
    Ok(results
        .iter()
        .map(|r| match r {
            SimulatedDocument::Processed(_) => refusals.next().flatten(),
            _ => None,
        })
        .collect())
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
/// `rejections`: per document, the error with which the index refused its output.
fn run_case(
    case: &TestCase,
    actual: &[serde_json::Value],
    rejections: &[Option<String>],
    update: bool,
    totals: &mut Totals,
    printer: &Printer,
) -> anyhow::Result<()> {
    let count = case.documents.len();
    let plural = if count == 1 { "" } else { "s" };
    let refused: Vec<(usize, &String)> = rejections
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().map(|r| (case.documents.get(i).map_or(0, |d| d.line), r)))
        .collect();
    let (failed, rewrite) = match &case.expected {
        None => {
            let what = format!("no expected results ({})", case.expected_path.display());
            printer.data_line(&format!("  {} {}: {what}", failing(printer, update), case.name))?;
            (count, true)
        }
        Some(expected) => {
            let lines: Vec<usize> = case.documents.iter().map(|d| d.line).collect();
            let mismatches = golden::compare(&lines, expected, actual);
            if mismatches.is_empty() && refused.is_empty() {
                printer.data_line(&format!(
                    "  {} {} ({count} document{plural})",
                    printer.paint(styles::GOOD, "ok  "),
                    case.name
                ))?;
            } else if !mismatches.is_empty() {
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
            if !refused.is_empty() {
                // `--update` cannot fix these: the output is what the pipeline makes, and the
                // mapping refuses it.
                printer.data_line(&format!(
                    "  {} {}: {} of {count} document{plural} refused by the index mappings",
                    printer.paint(styles::BAD, "FAIL"),
                    case.name,
                    refused.len()
                ))?;
                for (line, reason) in &refused {
                    printer.data_line(&format!("    {}:{line}", case.input_path.display()))?;
                    printer.data_line(&format!("      {reason}"))?;
                }
            }
            let differing: std::collections::BTreeSet<usize> =
                mismatches.iter().map(|m| m.line).chain(refused.iter().map(|(l, _)| *l)).collect();
            (differing.len(), !mismatches.is_empty())
        }
    };
    totals.failed_documents += failed;
    totals.refused_documents += refused.len();
    if rewrite && update {
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
    /// Documents whose output the index mappings refused (failures `--update` cannot fix).
    refused_documents: usize,
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
        if self.refused_documents > 0 {
            line.push_str(&format!("; {} refused by the index mappings", self.refused_documents));
        }
        if self.updated > 0 {
            line.push_str(&format!("; {} expected file(s) updated", self.updated));
        }
        line
    }
}
