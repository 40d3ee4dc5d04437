//! `esops render`: the exact requests a config tree stands for, shorthand expanded.

use serde::Serialize;
use serde_json::Value;

use crate::cli::{RenderArgs, RenderFormat};
use crate::commands::validate::{check_tree_for, print_diagnostics};
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;
use esops_core::resources::{self, ResourceKind};

/// One request, as printed.
#[derive(Debug, Serialize)]
struct Request<'a> {
    kind: ResourceKind,
    name: &'a str,
    method: &'static str,
    path: String,
    body: &'a Value,
}

/// Runs `esops render`.
pub fn run(args: &RenderArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let checked = check_tree_for(&args.tree, args.target.into())?;
    print_diagnostics(printer, &checked.diagnostics);
    if checked.has_errors() {
        // A body that Elasticsearch would refuse is no use to anyone; the findings say why.
        return Ok(ExitStatus::Failure);
    }
    let requests: Vec<Request> = resources::apply_order(&checked.resources)
        .into_iter()
        .map(|r| Request { kind: r.kind, name: &r.name, method: "PUT", path: r.kind.api_path(&r.name), body: &r.body })
        .collect();
    let text = match args.output {
        RenderFormat::Json => format!("{}\n", serde_json::to_string_pretty(&requests)?),
        RenderFormat::Yaml => {
            let docs: Vec<String> = requests.iter().map(serde_saphyr::to_string).collect::<Result<_, _>>()?;
            docs.join("---\n")
        }
    };
    printer.data(&text)?;
    Ok(ExitStatus::Success)
}
