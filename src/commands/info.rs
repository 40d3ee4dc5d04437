//! `esops info`: what cluster this is and how it is doing.

use serde::Serialize;

use crate::cli::InfoArgs;
use esops_core::es::Client;
use esops_core::es::api::{ClusterHealth, Distribution, NodeDisk};
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;
use esops_core::render;

/// Everything `info` shows, as `-o json|yaml` prints it.
#[derive(Debug, Serialize)]
struct ClusterInfo {
    cluster_name: String,
    cluster_uuid: String,
    url: String,
    version: String,
    distribution: Distribution,
    health: ClusterHealth,
    /// `RUNNING`/`STOPPING`/`STOPPED`, or null where ILM does not exist (OpenSearch, Serverless).
    ilm_operation_mode: Option<String>,
    nodes: Vec<NodeDisk>,
}

/// Runs `esops info`.
pub async fn run(client: &Client, args: &InfoArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let root = client.root_info().await?;
    let distribution = root.distribution();
    let health = client.cluster_health().await?;
    let ilm_operation_mode = match distribution {
        Distribution::Elasticsearch => Some(client.ilm_operation_mode().await?),
        // OpenSearch has ISM instead; Serverless manages lifecycles itself.
        Distribution::OpenSearch | Distribution::ElasticsearchServerless => None,
    };
    let nodes = client.node_disks().await?;
    let info = ClusterInfo {
        cluster_name: root.cluster_name,
        cluster_uuid: root.cluster_uuid,
        url: client.url().to_string(),
        version: root.version.number,
        distribution,
        health,
        ilm_operation_mode,
        nodes,
    };
    match super::document(&info, args.output)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&table(&info, printer))?,
    }
    Ok(ExitStatus::Success)
}

fn distribution_name(d: Distribution) -> &'static str {
    match d {
        Distribution::Elasticsearch => "Elasticsearch",
        Distribution::ElasticsearchServerless => "Elasticsearch Serverless",
        Distribution::OpenSearch => "OpenSearch",
    }
}

fn table(info: &ClusterInfo, printer: &Printer) -> String {
    let h = &info.health;
    let health_style = match h.status.as_str() {
        "green" => esops_core::printer::styles::GOOD,
        "yellow" => esops_core::printer::styles::WARN,
        _ => esops_core::printer::styles::BAD,
    };
    let ilm = match (&info.ilm_operation_mode, info.distribution) {
        (Some(mode), _) => mode.clone(),
        (None, Distribution::OpenSearch) => "not available (OpenSearch uses ISM)".into(),
        (None, _) => "not available (Serverless manages data lifecycles)".into(),
    };
    let mut out = String::new();
    let mut field = |name: &str, value: String| out.push_str(&format!("{name:<13}{value}\n"));
    field("cluster", format!("{} ({})", info.cluster_name, info.cluster_uuid));
    field("url", info.url.clone());
    field("version", format!("{} {}", distribution_name(info.distribution), info.version));
    field(
        "health",
        format!(
            "{} - {} node{}, {} primary / {} active shards, {} unassigned",
            printer.paint(health_style, &h.status),
            h.number_of_nodes,
            if h.number_of_nodes == 1 { "" } else { "s" },
            h.active_primary_shards,
            h.active_shards,
            h.unassigned_shards
        ),
    );
    field("ilm", ilm);
    out.push('\n');
    let mut t = render::table(
        &["NODE", "SHARDS", "INDEX DATA", "DISK USED", "DISK TOTAL", "USED%"],
        printer.stdout_is_terminal(),
    );
    let opt = |v: Option<u64>| v.map(render::human_bytes).unwrap_or_else(|| "-".into());
    for n in &info.nodes {
        t.add_row(vec![
            n.node.clone(),
            n.shards.to_string(),
            opt(n.indices_bytes),
            opt(n.used_bytes),
            opt(n.total_bytes),
            n.percent.map(|p| format!("{p}%")).unwrap_or_else(|| "-".into()),
        ]);
    }
    for i in 1..6 {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    out.push_str(&render::table_text(&mut t));
    out
}
