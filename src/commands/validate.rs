//! `esops validate`: check a config tree offline; with `--sandbox`, also apply it to a fresh
//! emulated cluster and report what it refuses.

use crate::cli::{GlobalArgs, TargetArg, TreeArgs, ValidateArgs};
use esops_core::connect::ConnectionFlags;
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;
use esops_core::resources::{self, CheckOptions, Checked, DeclaredResource, Diagnostic, Target};

/// Runs `esops validate`.
pub async fn run(
    global: &GlobalArgs,
    flags: &ConnectionFlags,
    args: &ValidateArgs,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    if global.sandbox && args.target == TargetArg::Opensearch {
        anyhow::bail!(
            "the sandbox emulates Elasticsearch: --sandbox cannot check a tree for --target opensearch (drop one of them)"
        );
    }
    let mut checked = check_tree_for(&args.tree, args.target.into())?;
    // Pipeline test cases are checked here only: a broken test must not block `plan` or `apply`.
    checked.diagnostics.extend(esops_core::pipeline_test::cases::check_tree_cases(&checked.resources)?);
    Diagnostic::sort(&mut checked.diagnostics);
    if global.sandbox {
        if checked.has_errors() {
            printer.status("not applying to the sandbox: fix the errors first");
        } else {
            let resources = &checked.resources;
            let mut refusals = Vec::new();
            let sink = &mut refusals;
            super::with_cluster(global, flags, printer, |client| async move {
                *sink = apply_to_sandbox(&client, resources, printer).await?;
                Ok(ExitStatus::Success)
            })
            .await?;
            checked.diagnostics.extend(refusals);
            Diagnostic::sort(&mut checked.diagnostics);
        }
    }
    match super::document(&checked.diagnostics, args.output)? {
        Some(doc) => printer.data(&doc)?,
        None => print_diagnostics(printer, &checked.diagnostics),
    }
    printer.status(&summary(&args.tree, &checked));
    Ok(if checked.has_errors() { ExitStatus::Failure } else { ExitStatus::Success })
}

/// Reads and checks the tree the arguments name, for Elasticsearch.
pub fn check_tree(tree: &TreeArgs) -> anyhow::Result<Checked> {
    check_tree_for(tree, Target::Elasticsearch)
}

/// Reads and checks the tree the arguments name, for `target`.
pub fn check_tree_for(tree: &TreeArgs, target: Target) -> anyhow::Result<Checked> {
    if let Some(missing) = tree.paths.iter().find(|p| !p.exists()) {
        let here = std::env::current_dir().map(|d| format!(" in {}", d.display())).unwrap_or_default();
        let default = if tree.paths.len() == 1 && missing.as_os_str() == "policies" {
            " (`policies/` is the tree read when no path is given)"
        } else {
            ""
        };
        anyhow::bail!(
            "{}: no such file or folder{here}{default}; pass the tree's folders or files after the command, \
             e.g. `esops plan infra/policies/`",
            missing.display()
        );
    }
    let files = resources::read_tree(&tree.paths)?;
    Ok(resources::check(&files, &CheckOptions { assume_existing: tree.assume_existing.clone(), target }))
}

/// Every diagnostic on stderr: errors and warnings, each with its hint.
pub fn print_diagnostics(printer: &Printer, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        if d.is_error() {
            printer.error(&d.to_string(), d.hint.as_deref());
        } else {
            match &d.hint {
                Some(hint) => printer.warn(&format!("{d}\nhint: {hint}")),
                None => printer.warn(&d.to_string()),
            }
        }
    }
}

/// `policies: 5 resources, 2 errors, 1 warning`.
fn summary(tree: &TreeArgs, checked: &Checked) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    let paths: Vec<String> = tree.paths.iter().map(|p| p.display().to_string()).collect();
    format!(
        "{}: {}, {}, {}",
        paths.join(", "),
        count(checked.resources.len(), "resource"),
        count(errors, "error"),
        count(warnings, "warning")
    )
}

/// PUTs every resource in dependency order; each refusal becomes an error at the resource.
async fn apply_to_sandbox(
    client: &Client,
    resources: &[DeclaredResource],
    printer: &Printer,
) -> anyhow::Result<Vec<Diagnostic>> {
    let mut refusals = Vec::new();
    for resource in resources::apply_order(resources) {
        match client.put_resource(resource.kind, &resource.name, &resource.body).await {
            Ok(()) => printer.verbose(&format!("sandbox accepted {}/{}", resource.kind, resource.name)),
            Err(e) => match e.refusal() {
                Some(refusal) => refusals.push(resources::sandbox_refusal(resource, &refusal.reason)),
                None => return Err(e.into()),
            },
        }
    }
    Ok(refusals)
}
