//! `_cat` APIs: `indices`, `aliases`, `allocation`, `shards`, `health`, rendered like ES's
//! `RestTable`: `h` (names, aliases, wildcards), `s` (`col:desc`), `v`, `help`, `bytes`,
//! `format=json` (every value a string, missing values `null`), and the aligned text table
//! (right-aligned numeric columns, the last left-aligned column not padded).

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;

use super::datemath;
use super::disk;
use super::error::{EsError, EsResult};
use super::expression::{self, Expand, IndicesOptions, simple_match, split_list};
use super::http::{ResponseBody, SandboxRequest, SandboxResponse};
use super::indices::{Health, ShardTotals};
use super::media_type::ParsedMediaType;
use super::segments;
use super::state::{Cluster, Index};
use super::units::{ByteUnit, format_bytes_as};

/// A column of a cat table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Full name.
    pub name: &'static str,
    /// Short names accepted by `h` and `s`.
    pub aliases: &'static [&'static str],
    /// Shown without `h`.
    pub default: bool,
    /// Right-aligned in text output.
    pub right: bool,
    /// Description for `help`.
    pub desc: &'static str,
}

pub(crate) const fn col(
    name: &'static str,
    aliases: &'static [&'static str],
    default: bool,
    right: bool,
    desc: &'static str,
) -> Column {
    Column { name, aliases, default, right, desc }
}

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Missing (`null` in JSON, blank in text).
    Null,
    /// Text, borrowed from the cluster where it can be (100k rows must not copy every name).
    Text(Cow<'a, str>),
    /// A count (sorted numerically).
    Number(i128),
    /// A byte size (rendered per `?bytes=`).
    Bytes(u64),
}

impl Cell<'_> {
    fn render(&self, unit: Option<ByteUnit>) -> Option<Cow<'_, str>> {
        match self {
            Cell::Null => None,
            Cell::Text(t) => Some(Cow::Borrowed(t.as_ref())),
            Cell::Number(n) => Some(Cow::Owned(n.to_string())),
            Cell::Bytes(b) => Some(Cow::Owned(format_bytes_as(*b, unit))),
        }
    }

    fn compare(&self, other: &Cell) -> Ordering {
        match (self, other) {
            (Cell::Number(a), Cell::Number(b)) => a.cmp(b),
            (Cell::Bytes(a), Cell::Bytes(b)) => a.cmp(b),
            (Cell::Text(a), Cell::Text(b)) => a.cmp(b),
            (Cell::Null, Cell::Null) => Ordering::Equal,
            // ES sorts missing values first (last with `:desc`).
            (Cell::Null, _) => Ordering::Less,
            (_, Cell::Null) => Ordering::Greater,
            (a, b) => a.render(None).cmp(&b.render(None)),
        }
    }
}

pub(crate) fn text<'a>(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
    Cell::Text(s.into())
}

pub(crate) fn num(n: impl Into<i128>) -> Cell<'static> {
    Cell::Number(n.into())
}

/// Renders a table of pre-built rows (small tables).
pub fn respond_rows(columns: &[Column], rows: Vec<Vec<Cell<'_>>>, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    respond(columns, &rows, |row, i| row[i].clone(), req)
}

/// Renders a table for a cat request. `cell(item, column)` is asked only for the columns the
/// request shows or sorts by, which keeps `_cat/indices` over 100k indices cheap.
pub fn respond<'a, T>(
    columns: &[Column],
    items: &'a [T],
    cell: impl Fn(&'a T, usize) -> Cell<'a>,
    req: &SandboxRequest,
) -> EsResult<SandboxResponse> {
    if req.flag("help")? {
        // Every help cell is left-aligned and padded, the description too (ES's `buildHelpWidths`).
        let name_w = columns.iter().map(|c| c.name.len()).max().unwrap_or(0);
        let alias_w = columns.iter().map(|c| c.aliases.join(",").len()).max().unwrap_or(0);
        let desc_w = columns.iter().map(|c| c.desc.len()).max().unwrap_or(0);
        let mut out = String::new();
        for c in columns {
            out.push_str(&format!("{:<name_w$} | {:<alias_w$} | {:<desc_w$}\n", c.name, c.aliases.join(","), c.desc));
        }
        return Ok(text_response(out));
    }
    let unit = req.param("bytes").map(ByteUnit::parse).transpose()?;
    let selected = select_columns(columns, req)?;
    let sort = match req.param("s") {
        Some(s) => sort_keys(columns, s)?,
        None => Vec::new(),
    };
    // The columns to compute, and where each selected / sort column sits among them.
    let mut needed: Vec<usize> = Vec::new();
    let mut slot = |column: usize| match needed.iter().position(|&c| c == column) {
        Some(p) => p,
        None => {
            needed.push(column);
            needed.len() - 1
        }
    };
    let shown: Vec<(String, usize)> = selected.iter().map(|(d, c)| (d.clone(), slot(*c))).collect();
    let sort: Vec<(usize, bool)> = sort.iter().map(|&(c, desc)| (slot(c), desc)).collect();
    let mut rows: Vec<Vec<Cell<'a>>> =
        items.iter().map(|item| needed.iter().map(|&c| cell(item, c)).collect()).collect();
    if !sort.is_empty() {
        rows.sort_by(|a, b| {
            sort.iter()
                .map(|&(i, desc)| {
                    let o = a[i].compare(&b[i]);
                    if desc { o.reverse() } else { o }
                })
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        });
    }
    if wants_json(req) {
        return Ok(SandboxResponse {
            status: 200,
            body: ResponseBody::JsonText(json_table(&shown, &rows, unit)),
            headers: Vec::new(),
        });
    }
    let verbose = req.flag("v")?;
    let rendered: Vec<Vec<Option<Cow<'_, str>>>> =
        rows.iter().map(|r| shown.iter().map(|(_, i)| r[*i].render(unit)).collect()).collect();
    let widths: Vec<usize> = shown
        .iter()
        .enumerate()
        .map(|(k, (display, _))| {
            let header = if verbose { display.chars().count() } else { 0 };
            rendered.iter().map(|r| r[k].as_deref().map_or(0, |s| s.chars().count())).max().unwrap_or(0).max(header)
        })
        .collect();
    let right: Vec<bool> = selected.iter().map(|(_, c)| columns[*c].right).collect();
    let mut out = String::new();
    let mut line = |cells: Vec<Option<&str>>| {
        let last = cells.len().saturating_sub(1);
        for (k, cell) in cells.into_iter().enumerate() {
            let value = cell.unwrap_or("");
            let pad = widths[k].saturating_sub(value.chars().count());
            if right[k] && pad > 0 {
                out.push_str(&" ".repeat(pad));
                out.push_str(value);
            } else {
                out.push_str(value);
                if k != last {
                    out.push_str(&" ".repeat(pad));
                }
            }
            if k != last {
                out.push(' ');
            }
        }
        out.push('\n');
    };
    if verbose {
        line(shown.iter().map(|(d, _)| Some(d.as_str())).collect());
    }
    for r in &rendered {
        line(r.iter().map(|c| c.as_deref()).collect());
    }
    Ok(text_response(out))
}

/// The JSON array of a cat table, written directly: building a `Value` per row costs more than
/// the whole answer over 100k indices.
fn json_table(shown: &[(String, usize)], rows: &[Vec<Cell<'_>>], unit: Option<ByteUnit>) -> String {
    let keys: Vec<String> = shown.iter().map(|(d, _)| format!("{}:", Value::String(d.clone()))).collect();
    let mut out = String::with_capacity(rows.len() * 24 * shown.len().max(1) + 2);
    out.push('[');
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push(',');
        }
        out.push('{');
        for (k, (_, i)) in shown.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&keys[k]);
            match row[*i].render(unit) {
                Some(v) if v.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') => {
                    out.push('"');
                    out.push_str(&v);
                    out.push('"');
                }
                Some(v) => out.push_str(&Value::String(v.into_owned()).to_string()),
                None => out.push_str("null"),
            }
        }
        out.push('}');
    }
    out.push(']');
    out
}

fn text_response(body: String) -> SandboxResponse {
    SandboxResponse { status: 200, body: ResponseBody::Text(body), headers: Vec::new() }
}

/// JSON when `format=json`, or without `format` when the `Accept` header is one JSON media type
/// (the official clients' `Accept: application/json`); text otherwise: `curl`'s `*/*`, and a list
/// of media types, which ES ignores (`RestTable.buildResponse` reads `ParsedMediaType`).
fn wants_json(req: &SandboxRequest) -> bool {
    match req.param("format") {
        Some(f) => f.eq_ignore_ascii_case("json"),
        None => req.headers.get("accept").and_then(|a| ParsedMediaType::parse(a)).is_some_and(|m| m.is_json()),
    }
}

/// Columns to show, as `(display name, column)`: the defaults, or `h` (names, aliases shown as
/// typed, wildcards over names and aliases, each column once), with the `pri.` sibling of a
/// column after it under `?pri`; `ts=false` drops the timestamp columns (ES's `RestTable`).
fn select_columns(columns: &[Column], req: &SandboxRequest) -> EsResult<Vec<(String, usize)>> {
    let show_timestamps = req.param("ts").is_none() || req.flag("ts")?;
    let timestamp_ok = |c: &Column| show_timestamps || !matches!(c.name, "epoch" | "timestamp");
    let Some(h) = req.param("h") else {
        return Ok(columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.default && timestamp_ok(c))
            .map(|(i, c)| (c.name.to_string(), i))
            .collect());
    };
    let with_siblings = req.flag("pri")?;
    let mut wanted: Vec<(String, usize)> = Vec::new();
    for pattern in h.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        if pattern.contains('*') {
            for (i, c) in columns.iter().enumerate() {
                if simple_match(pattern, c.name) || c.aliases.iter().any(|a| simple_match(pattern, a)) {
                    wanted.push((c.name.to_string(), i));
                }
            }
        } else if let Some(i) = columns.iter().position(|c| c.name == pattern || c.aliases.contains(&pattern)) {
            wanted.push((pattern.to_string(), i));
        }
    }
    let mut out: Vec<(String, usize)> = Vec::new();
    for (display, i) in wanted {
        if out.iter().any(|(d, _)| *d == display) || !timestamp_ok(&columns[i]) {
            continue;
        }
        let sibling = format!("pri.{}", columns[i].name);
        out.push((display.clone(), i));
        if with_siblings && let Some(j) = columns.iter().position(|c| c.name == sibling) {
            out.push((format!("pri.{display}"), j));
        }
    }
    Ok(out)
}

fn sort_keys(columns: &[Column], s: &str) -> EsResult<Vec<(usize, bool)>> {
    s.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|key| {
            let (name, desc) = match key.rsplit_once(':') {
                Some((n, "desc")) => (n, true),
                Some((n, "asc")) => (n, false),
                _ => (key, false),
            };
            columns.iter().position(|c| c.name == name || c.aliases.contains(&name)).map(|i| (i, desc)).ok_or_else(
                || {
                    // A plain Java exception in ES, hence a 500.
                    EsError::new(
                        500,
                        "unsupported_operation_exception",
                        format!("Unable to sort by unknown sort key `{name}`"),
                    )
                },
            )
        })
        .collect()
}

/// `GET /_cat`
pub fn list(_cluster: &Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let endpoints = [
        "/_cat/allocation",
        "/_cat/shards",
        "/_cat/shards/{index}",
        "/_cat/indices",
        "/_cat/indices/{index}",
        "/_cat/aliases",
        "/_cat/aliases/{alias}",
        "/_cat/segments",
        "/_cat/segments/{index}",
        "/_cat/health",
    ];
    Ok(text_response(format!("=^.^=\n{}\n", endpoints.join("\n"))))
}

const INDEX_COLUMNS: &[Column] = &[
    col("health", &["h"], true, false, "current health status"),
    col("status", &["s"], true, false, "open/close status"),
    col("index", &["i", "idx"], true, false, "index name"),
    col("uuid", &["id", "uuid"], true, false, "index uuid"),
    col("pri", &["p", "shards.primary", "shardsPrimary"], true, true, "number of primary shards"),
    col("rep", &["r", "shards.replica", "shardsReplica"], true, true, "number of replica shards"),
    col("docs.count", &["dc", "docsCount"], true, true, "available docs"),
    col("docs.deleted", &["dd", "docsDeleted"], true, true, "deleted docs"),
    col("creation.date", &["cd"], false, false, "index creation date (millisecond value)"),
    col("creation.date.string", &["cds"], false, false, "index creation date (as string)"),
    col("store.size", &["ss", "storeSize"], true, true, "store size of primaries & replicas"),
    col("pri.store.size", &[], true, true, "store size of primaries"),
    col("dataset.size", &[], true, true, "total size of dataset"),
    col("indexing.delete_total", &["idto", "indexingDeleteTotal"], false, true, "number of delete ops"),
    col("pri.indexing.delete_total", &[], false, true, "number of delete ops"),
    col("indexing.index_total", &["iito", "indexingIndexTotal"], false, true, "number of indexing ops"),
    col("pri.indexing.index_total", &[], false, true, "number of indexing ops"),
    col("indexing.index_failed", &["iif", "indexingIndexFailed"], false, true, "number of failed indexing ops"),
    col("pri.indexing.index_failed", &[], false, true, "number of failed indexing ops"),
    col("segments.count", &["sc", "segmentsCount"], false, true, "number of segments"),
];

/// The numbers of one `_cat/indices` row, computed once per index.
struct IndexRow<'a> {
    index: &'a Index,
    health: Health,
    shards: u64,
    replicas: u64,
    primary_bytes: u64,
    total_bytes: u64,
    /// Assigned copies of each shard (primary included), which the unprefixed stats add up.
    copies: u64,
}

/// `GET /_cat/indices[/{index}]`
pub fn indices(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let health_filter = req.param("health").map(Health::parse).transpose()?;
    let opts = IndicesOptions::STRICT_EXPAND.from_request(req)?;
    let indices = expression::resolve_indices(cluster, &split_list(req.param("index")), opts)?;
    let with_dataset = cluster.version.at_least(8, 11);
    let columns: Vec<Column> =
        INDEX_COLUMNS.iter().copied().filter(|c| with_dataset || c.name != "dataset.size").collect();
    let nodes = cluster.nodes;
    let rows: Vec<IndexRow> = indices
        .into_iter()
        .map(|index| IndexRow {
            index,
            health: index.health(nodes),
            shards: index.shards(),
            replicas: index.replicas(nodes),
            primary_bytes: index.primary_store_bytes(),
            copies: 1 + index.assigned_replicas(nodes),
            total_bytes: index.total_store_bytes(nodes),
        })
        .filter(|row| health_filter.is_none_or(|f| f == row.health))
        .collect();
    respond(
        &columns,
        &rows,
        |row, column| {
            let index = row.index;
            // Closed indices have no stats: ES leaves those cells empty.
            let closed = index.is_closed();
            let stat = |v: Cell<'static>| if closed { Cell::Null } else { v };
            match columns[column].name {
                "health" => text(row.health.as_str()),
                "status" => text(index.state.as_str()),
                "index" => text(index.name.as_str()),
                "uuid" => text(index.uuid.as_str()),
                "pri" => num(row.shards),
                "rep" => num(row.replicas),
                "docs.count" => stat(num(index.doc_count())),
                "docs.deleted" => stat(num(0u8)),
                "creation.date" => num(index.creation_millis),
                "creation.date.string" => text(datemath::format_iso_millis(index.creation_millis)),
                "store.size" | "dataset.size" => stat(Cell::Bytes(row.total_bytes)),
                "pri.store.size" => stat(Cell::Bytes(row.primary_bytes)),
                "segments.count" => stat(num(segments::total_segments(index, nodes))),
                // Unprefixed: every shard copy's operations; `pri.`: the primaries'.
                "indexing.delete_total" => stat(num(index.indexing.times(row.copies).delete_total)),
                "pri.indexing.delete_total" => stat(num(index.indexing.delete_total)),
                "indexing.index_total" => stat(num(index.indexing.times(row.copies).index_total)),
                "pri.indexing.index_total" => stat(num(index.indexing.index_total)),
                "indexing.index_failed" => stat(num(index.indexing.times(row.copies).index_failed)),
                "pri.indexing.index_failed" => stat(num(index.indexing.index_failed)),
                _ => Cell::Null,
            }
        },
        req,
    )
}

const ALIAS_COLUMNS: &[Column] = &[
    col("alias", &["a"], true, false, "alias name"),
    col("index", &["i", "idx"], true, false, "index alias points to"),
    col("filter", &["f", "fi"], true, false, "filter"),
    col("routing.index", &["ri", "routingIndex"], true, false, "index routing"),
    col("routing.search", &["rs", "routingSearch"], true, false, "search routing"),
    col("is_write_index", &["w", "isWriteIndex"], true, false, "write index"),
];

/// `GET /_cat/aliases[/{name}]`
pub fn aliases(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expand = match req.param("expand_wildcards") {
        Some(e) => expression::parse_expand_wildcards(e)?,
        None => Expand { open: true, closed: true, hidden: true },
    };
    let patterns = split_list(req.param("name"));
    let mut rows = Vec::new();
    for index in cluster.indices.values() {
        if (index.is_closed() && !expand.closed) || (!index.is_closed() && !expand.open) {
            continue;
        }
        for (alias, meta) in &index.aliases {
            if meta.is_hidden == Some(true) && !expand.hidden {
                continue;
            }
            if !patterns.is_empty() && !patterns.iter().any(|p| p == "_all" || simple_match(p, alias)) {
                continue;
            }
            let dash = |v: Option<&String>| text(v.map_or("-".to_string(), String::clone));
            rows.push(vec![
                text(alias.as_str()),
                text(index.name.as_str()),
                text(if meta.filter.is_some() { "*" } else { "-" }),
                dash(meta.index_routing.as_ref()),
                dash(meta.search_routing.as_ref()),
                text(meta.is_write_index.map_or("-".to_string(), |w| w.to_string())),
            ]);
        }
    }
    let response = respond_rows(ALIAS_COLUMNS, rows, req)?;
    if req.param("local").is_some() && cluster.version.at_least(8, 12) {
        return Ok(response.with_warning(
            cluster.version,
            "the [?local=true] query parameter to cat-aliases requests has no effect and will be removed in a future version",
        ));
    }
    Ok(response)
}

const ALLOCATION_COLUMNS: &[Column] = &[
    col("shards", &["s"], true, true, "number of shards on node"),
    col("disk.indices", &["di", "diskIndices"], true, true, "disk used by ES indices"),
    col("disk.used", &["du", "diskUsed"], true, true, "disk used (total, not just ES)"),
    col("disk.avail", &["da", "diskAvail"], true, true, "disk available"),
    col("disk.total", &["dt", "diskTotal"], true, true, "total capacity of all volumes"),
    col("disk.percent", &["dp", "diskPercent"], true, true, "percent disk used"),
    col("host", &["h"], true, false, "host of node"),
    col("ip", &[], true, false, "ip of node"),
    col("node", &["n"], true, false, "name of node"),
    col("node.role", &["r", "role", "nodeRole"], false, false, "node roles"),
];

/// `GET /_cat/allocation[/{node_id}]`: a row per node, plus ES's `UNASSIGNED` row when replicas
/// (or anything else) could not be placed.
pub fn allocation(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let wanted = split_list(req.param("node_id"));
    let shards = ShardTotals::of(cluster.indices.values(), cluster.nodes);
    let total = cluster.disk_total_bytes;
    let mut rows = Vec::new();
    for (n, usage) in disk::node_usage(cluster).into_iter().enumerate() {
        let name = cluster.node_name_of(n);
        let local = n == 0;
        // A node is shown when any entry of the list names it (none: every node).
        let selected = wanted.is_empty()
            || wanted.iter().any(|w| {
                ["_all", "*"].contains(&w.as_str())
                    || (local && ["_local", "_master"].contains(&w.as_str()))
                    || simple_match(w, &name)
                    || *w == cluster.node_id_of(n)
            });
        if !selected {
            continue;
        }
        let used = usage.used_bytes;
        rows.push(vec![
            num(usage.shards),
            Cell::Bytes(usage.indices_bytes),
            Cell::Bytes(used),
            Cell::Bytes(total - used),
            Cell::Bytes(total),
            if total == 0 {
                Cell::Null
            } else {
                num(u64::try_from(u128::from(used) * 100 / u128::from(total)).unwrap_or(100))
            },
            text("127.0.0.1"),
            text("127.0.0.1"),
            text(name),
            text("cdfhilmrstw"),
        ]);
    }
    if shards.unassigned > 0 {
        let mut row = vec![Cell::Null; ALLOCATION_COLUMNS.len()];
        row[0] = num(shards.unassigned);
        row[8] = text("UNASSIGNED");
        rows.push(row);
    }
    respond_rows(ALLOCATION_COLUMNS, rows, req)
}

fn shard_columns(cluster: &Cluster) -> Vec<Column> {
    let mut cols = vec![
        col("index", &["i", "idx"], true, false, "index name"),
        col("shard", &["s", "sh"], true, true, "shard name"),
        col("prirep", &["p", "pr", "primaryOrReplica"], true, false, "primary or replica"),
        col("state", &["st"], true, false, "shard state"),
        col("docs", &["d", "dc"], true, true, "number of docs in shard"),
        col("store", &["sto"], true, true, "store size of shard (how much disk it uses)"),
    ];
    if cluster.version.at_least(8, 11) {
        cols.push(col("dataset", &[], true, true, "total size of dataset"));
    }
    cols.extend([
        col("ip", &[], true, false, "ip of node where it lives"),
        col("id", &[], false, false, "unique id of node where it lives"),
        col("node", &["n"], true, false, "name of node where it lives"),
        col("unassigned.reason", &["ur"], false, false, "reason shard became unassigned"),
    ]);
    cols
}

/// `GET /_cat/shards[/{index}]`
pub fn shards(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let columns = shard_columns(cluster);
    let with_dataset = cluster.version.at_least(8, 11);
    let opts =
        IndicesOptions { expand: Expand { open: true, closed: true, hidden: true }, ..IndicesOptions::STRICT_EXPAND }
            .from_request(req)?;
    let names = expression::resolve(cluster, &split_list(req.param("index")), opts)?;
    let mut rows = Vec::new();
    let nodes = cluster.nodes;
    for index in names.iter().filter_map(|n| cluster.indices.get(n)) {
        for shard in 0..index.shards().max(1) {
            let assigned = index.assigned_replicas(nodes);
            for copy in 0..=index.replicas(nodes) {
                let prirep = text(if copy == 0 { "p" } else { "r" });
                let mut row = vec![text(index.name.as_str()), num(shard), prirep];
                if copy <= assigned {
                    let bytes = Cell::Bytes(index.shard_share(index.primary_store_bytes(), shard));
                    row.extend([text("STARTED"), num(index.shard_share(index.doc_count(), shard)), bytes.clone()]);
                    if with_dataset {
                        row.push(bytes);
                    }
                    let node = index.node_of(shard, copy, nodes);
                    row.extend([
                        text("127.0.0.1"),
                        text(cluster.node_id_of(node)),
                        text(cluster.node_name_of(node)),
                        Cell::Null,
                    ]);
                } else {
                    row.extend([text("UNASSIGNED"), Cell::Null, Cell::Null]);
                    if with_dataset {
                        row.push(Cell::Null);
                    }
                    row.extend([Cell::Null, Cell::Null, Cell::Null, text("INDEX_CREATED")]);
                }
                rows.push(row);
            }
        }
    }
    respond_rows(&columns, rows, req)
}

const HEALTH_COLUMNS: &[Column] = &[
    col("epoch", &["t", "time"], true, true, "seconds since 1970-01-01 00:00:00"),
    col("timestamp", &["ts", "hms", "hhmmss"], true, false, "time in HH:MM:SS"),
    col("cluster", &["cl"], true, false, "cluster name"),
    col("status", &["st"], true, false, "health status"),
    col("node.total", &["nt", "nodeTotal"], true, true, "total number of nodes"),
    col("node.data", &["nd", "nodeData"], true, true, "number of nodes that can store data"),
    col("shards", &["t", "sh", "shards.total", "shardsTotal"], true, true, "total number of shards"),
    col("pri", &["p", "shards.primary", "shardsPrimary"], true, true, "number of primary shards"),
    col("relo", &["r", "shards.relocating", "shardsRelocating"], true, true, "number of relocating nodes"),
    col("init", &["i", "shards.initializing", "shardsInitializing"], true, true, "number of initializing nodes"),
    col("unassign", &["u", "shards.unassigned", "shardsUnassigned"], true, true, "number of unassigned shards"),
    col("pending_tasks", &["pt", "pendingTasks"], true, true, "number of pending tasks"),
    col("max_task_wait_time", &["mtwt", "maxTaskWaitTime"], true, true, "wait time of longest task pending"),
    col("active_shards_percent", &["asp", "activeShardsPercent"], true, true, "active number of shards in percent"),
];

/// `GET /_cat/health`
pub fn health(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let shards = ShardTotals::of(cluster.indices.values(), cluster.nodes);
    let time_of_day = datemath::format_iso_millis(cluster.now_millis());
    let row = vec![
        num(cluster.now_millis() / 1000),
        text(time_of_day.get(11..19).unwrap_or_default()),
        text(cluster.name.as_str()),
        text(shards.status.as_str()),
        num(cluster.nodes),
        num(cluster.nodes),
        num(shards.active),
        num(shards.primaries),
        num(0u8),
        num(0u8),
        num(shards.unassigned),
        num(0u8),
        text("-"),
        text(format!("{:.1}%", shards.active_percent())),
    ];
    respond_rows(HEALTH_COLUMNS, vec![row], req)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::http::Method;
    use crate::indices::{Origin, create_index};
    use crate::version::EsVersion;

    fn req(query: &[(&str, &str)]) -> SandboxRequest {
        SandboxRequest {
            method: Method::Get,
            path: "/_cat/indices".into(),
            segments: vec![],
            query: query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>(),
            headers: BTreeMap::new(),
            body: vec![],
        }
    }

    fn body_json(r: SandboxResponse) -> Value {
        match r.body {
            ResponseBody::JsonText(t) => serde_json::from_str(&t).unwrap(),
            other => panic!("not json: {other:?}"),
        }
    }

    fn body_text(r: SandboxResponse) -> String {
        match r.body {
            ResponseBody::Text(t) => t,
            other => panic!("not text: {other:?}"),
        }
    }

    fn cluster() -> Cluster {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        create_index(&mut c, "foo", &json!({"settings": {"number_of_replicas": 0}}), Origin::Api).unwrap();
        create_index(&mut c, "bar-long-name", &json!({}), Origin::Api).unwrap();
        c.indices.get_mut("bar-long-name").unwrap().seeded_primary_bytes = 90214 - 225;
        c
    }

    #[test]
    fn json_values_are_strings_and_follow_h_order_and_aliases() {
        let c = cluster();
        let r = indices(&c, &req(&[("format", "json"), ("bytes", "b"), ("h", "i,dc,ss,pri.store.size,cd")])).unwrap();
        let v = body_json(r);
        assert_eq!(
            v[0],
            json!({"i": "bar-long-name", "dc": "0", "ss": "90214", "pri.store.size": "90214", "cd": "1710460800000"})
        );
        let keys: Vec<&String> = v[0].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["i", "dc", "ss", "pri.store.size", "cd"]);
    }

    #[test]
    fn text_table_aligns_like_es() {
        let c = cluster();
        let t = body_text(
            indices(&c, &req(&[("h", "index,pri,store.size,health"), ("v", "true"), ("s", "index:desc")])).unwrap(),
        );
        assert_eq!(
            t,
            "index         pri store.size health\nfoo             1       225b green\nbar-long-name   1       88kb yellow\n"
        );
        let t = body_text(indices(&c, &req(&[("h", "index"), ("health", "green")])).unwrap());
        assert_eq!(t, "foo\n");
        assert!(indices(&c, &req(&[("health", "invalid")])).is_err());
        let help = body_text(indices(&c, &req(&[("help", "true")])).unwrap());
        assert!(help.starts_with("health "));
    }

    #[test]
    fn json_on_accept_header_wildcard_aliases_and_pri_siblings() {
        let c = cluster();
        let mut r = req(&[("h", "i,ss"), ("pri", "true"), ("s", "i")]);
        r.headers.insert("accept".into(), "application/json".into());
        let v = body_json(indices(&c, &r).unwrap());
        assert_eq!(v[0], json!({"i": "bar-long-name", "ss": "88kb", "pri.ss": "88kb"}));
        let t = body_text(indices(&c, &req(&[("h", "d*,docs.count"), ("s", "index")])).unwrap());
        // `d*` matches docs.count, docs.deleted, dataset.size and the `dc`/`dd` aliases; each once.
        assert_eq!(t, "0 0 88kb\n0 0 225b\n");
        let e = indices(&c, &req(&[("s", "nope")])).unwrap_err();
        assert_eq!((e.status, e.kind.as_str()), (500, "unsupported_operation_exception"));
    }

    #[test]
    fn numeric_columns_sort_numerically() {
        let mut c = cluster();
        c.indices.get_mut("foo").unwrap().creation_millis = 999;
        c.indices.get_mut("bar-long-name").unwrap().creation_millis = 1000;
        let t = body_text(indices(&c, &req(&[("h", "i,cd"), ("s", "cd:desc")])).unwrap());
        assert_eq!(t, "bar-long-name 1000\nfoo           999\n");
    }

    #[test]
    fn closed_indices_have_null_stats_and_hidden_are_skipped() {
        let mut c = cluster();
        c.indices.get_mut("foo").unwrap().state = "close".into();
        create_index(&mut c, "hid", &json!({"settings": {"index.hidden": true}}), Origin::Api).unwrap();
        let r = indices(&c, &req(&[("format", "json"), ("s", "index")])).unwrap();
        let v = body_json(r);
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(v[1]["status"], "close");
        assert_eq!(v[1]["docs.count"], Value::Null);
        assert_eq!(v[1]["pri"], "1");
    }

    #[test]
    fn allocation_has_an_unassigned_row_and_aliases_use_dashes() {
        let mut c = cluster();
        let r = allocation(&c, &req(&[("format", "json"), ("bytes", "b")])).unwrap();
        let v = body_json(r);
        assert_eq!(v[0]["shards"], "2");
        assert_eq!(v[0]["disk.indices"], "90439");
        assert_eq!(v[1]["node"], "UNASSIGNED");
        assert_eq!(v[1]["shards"], "1");
        assert_eq!(v[1]["disk.total"], Value::Null);
        c.indices.get_mut("foo").unwrap().aliases.insert("al".into(), Default::default());
        let t = body_text(aliases(&c, &req(&[])).unwrap());
        assert_eq!(t, "al foo - - - -\n");
    }

    #[test]
    fn allocation_lists_the_nodes_a_node_id_list_names() {
        let mut c = cluster();
        c.nodes = 3;
        let nodes = |c: &mut Cluster, id: &str| -> Vec<Value> {
            let v = body_json(allocation(c, &req(&[("format", "json"), ("node_id", id), ("h", "node")])).unwrap());
            v.as_array().unwrap().iter().map(|r| r["node"].clone()).collect()
        };
        assert_eq!(nodes(&mut c, "sandbox-node-1,sandbox-node-3"), [json!("sandbox-node-1"), json!("sandbox-node-3")]);
        assert_eq!(nodes(&mut c, "_local"), [json!("sandbox-node-1")]);
        assert_eq!(nodes(&mut c, "*-2"), [json!("sandbox-node-2")]);
        assert_eq!(nodes(&mut c, "nothing-matches"), Vec::<Value>::new());
    }
}
