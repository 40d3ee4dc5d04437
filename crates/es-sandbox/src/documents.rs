//! Documents: index/create/get/delete, `_bulk`, `_count` and a `match_all` `_search`. Writes go
//! through aliases' write indices and data streams, auto-create indices and data streams from
//! templates, and run default pipelines, as ES's write path does.

use serde_json::{Map, Value, json};

use super::data_streams::create_data_stream;
use super::error::{EsError, EsResult};
use super::expression::{self, Abstraction, IndicesOptions, split_list};
use super::failure_store;
use super::fetch::{SourceFilter, StoredFields};
use super::http::{SandboxRequest, SandboxResponse};
use super::ilm;
use super::indices::{self, BlockedOperation, Origin, shards_header};
use super::ingest;
use super::mapping::{self, Limits, RequestedTemplates};
use super::routing;
use super::state::{Cluster, DocMeta, StoredDoc};
use super::templates;

/// An index's write operations since its creation, counted per primary as `_stats`'s `indexing`
/// section reports them (`InternalIndexingStats`): an update that changes the document counts
/// as an index operation, one that changes nothing as a no-op.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexingCounts {
    /// Index operations (creates, overwrites and applied updates).
    pub index_total: u64,
    /// Deletes of existing documents.
    pub delete_total: u64,
    /// Updates whose partial document changed nothing (`detect_noop`).
    pub noop_update_total: u64,
    /// Index operations the engine refused (version conflicts); documents refused by their
    /// mapping never reach the engine, so ES does not count them here.
    #[serde(default)]
    pub index_failed: u64,
}

impl IndexingCounts {
    /// The counts of `copies` shard copies that each applied these operations.
    pub fn times(self, copies: u64) -> IndexingCounts {
        IndexingCounts {
            index_total: self.index_total * copies,
            delete_total: self.delete_total * copies,
            noop_update_total: self.noop_update_total * copies,
            index_failed: self.index_failed * copies,
        }
    }
}

impl std::ops::AddAssign for IndexingCounts {
    fn add_assign(&mut self, other: IndexingCounts) {
        self.index_total += other.index_total;
        self.delete_total += other.delete_total;
        self.noop_update_total += other.noop_update_total;
        self.index_failed += other.index_failed;
    }
}

/// `index` or `create`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpType {
    Index,
    Create,
}

/// Where a write lands: the concrete index, and whether the target was a data stream.
fn write_index(cluster: &mut Cluster, target: &str, op: OpType) -> EsResult<String> {
    match expression::lookup(cluster, target) {
        Some(Abstraction::Index) => {
            if let Some(ds) = cluster.data_streams.values().find(|ds| ds.indices.iter().any(|i| i == target)) {
                return Err(EsError::illegal_argument(match op {
                    OpType::Create => format!(
                        "index request with op_type=create targeting backing indices is disallowed, target corresponding data stream [{}] instead",
                        ds.name
                    ),
                    OpType::Index => format!(
                        "index request with op_type=index and no if_primary_term and if_seq_no set targeting backing indices is disallowed, target corresponding data stream [{}] instead",
                        ds.name
                    ),
                }));
            }
            Ok(target.to_string())
        }
        Some(Abstraction::DataStream(backing)) => {
            if op != OpType::Create {
                return Err(EsError::illegal_argument(
                    "only write ops with an op_type of create are allowed in data streams",
                ));
            }
            backing.last().cloned().ok_or_else(|| EsError::index_not_found(target))
        }
        Some(Abstraction::Alias(_)) => expression::alias_write_index(cluster, target).ok_or_else(|| {
            EsError::illegal_argument(format!(
                "no write index is defined for alias [{target}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index"
            ))
        }),
        None => {
            // Auto-create: a template with `data_stream` makes a data stream, anything else an index.
            let template = templates::resolve_for_new_index(cluster, target);
            check_auto_create(cluster, target, template.as_ref())?;
            let data_stream = template.is_some_and(|t| t.data_stream);
            let created = if data_stream {
                create_data_stream(cluster, target)?;
                write_index(cluster, target, op)?
            } else {
                indices::create_index(cluster, target, &json!({}), Origin::Api)?
            };
            ilm::engine::run_index(cluster, &created);
            Ok(created)
        }
    }
}

/// ES's `AutoCreateIndex`: a matching template's `allow_auto_create` decides first, then the
/// `action.auto_create_index` cluster setting (`true`, `false`, or `+pattern,-pattern` lists).
fn check_auto_create(cluster: &Cluster, index: &str, template: Option<&templates::ResolvedTemplate>) -> EsResult<()> {
    let refused = |why: String| {
        let mut e = EsError::index_not_found(index);
        e.reason = format!("no such index [{index}] and {why}");
        e
    };
    if let Some(allowed) = template.and_then(|t| t.allow_auto_create) {
        return if allowed {
            Ok(())
        } else {
            Err(refused(format!(
                "composable template [{}] forbids index auto creation",
                template.map_or("", |t| &t.name)
            )))
        };
    }
    const KEY: &str = "action.auto_create_index";
    match cluster.setting(KEY) {
        None | Some("true") => Ok(()),
        Some("false") => Err(refused(format!("[{KEY}] is [false]"))),
        Some(patterns) => {
            for pattern in patterns.split(',').map(str::trim) {
                let (include, expr) = match pattern.strip_prefix('-') {
                    Some(e) => (false, e),
                    None => (true, pattern.strip_prefix('+').unwrap_or(pattern)),
                };
                if expression::simple_match(expr, index) {
                    return if include {
                        Ok(())
                    } else {
                        Err(refused(format!(
                            "[{KEY}] contains [-{expr}] which forbids automatic creation of the index"
                        )))
                    };
                }
            }
            Err(refused(format!("[{KEY}] ([{patterns}]) doesn't match")))
        }
    }
}

/// Deterministic 20-character auto id (ES ids are URL-safe base64 of 15 bytes of a time-based
/// UUID): 6 bytes of the clock, 6 of a per-index sequence, 3 of the index name.
fn auto_id(now_millis: i64, index: &str, seq: u64) -> String {
    use base64::Engine;
    let name_hash = index.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let bytes: Vec<u8> = now_millis.to_be_bytes()[2..]
        .iter()
        .chain(&seq.to_be_bytes()[2..])
        .chain(&name_hash.to_be_bytes()[1..])
        .copied()
        .collect();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether a write goes through ingest pipelines.
#[derive(Debug, Clone, Copy)]
enum Ingest<'a> {
    /// Updates bypass ingest, as in ES.
    Bypass,
    /// `?pipeline=` if given, else the target's default pipeline; then its final pipeline.
    Run(Option<&'a str>),
}

/// Stores one document; returns the per-item result body and its HTTP status.
/// One document write, as the index API and each `_bulk` item describe it.
#[derive(Debug, Clone, Copy)]
struct WriteOp<'a> {
    target: &'a str,
    id: Option<&'a str>,
    op: OpType,
    ingest: Ingest<'a>,
    /// `require_alias`: the (final) target must be an alias.
    require_alias: bool,
    /// Optimistic concurrency control the write asks for.
    expect: Expectation,
    /// `routing`.
    routing: Option<&'a str>,
    /// `dynamic_templates` of a `_bulk` index/create action: template names for new fields.
    dynamic_templates: &'a RequestedTemplates,
}

/// No `dynamic_templates` (every write but `_bulk`'s index and create actions).
static NO_TEMPLATES: RequestedTemplates = RequestedTemplates::new();

/// What a write or read expects of the current document (`if_seq_no`/`if_primary_term`, or
/// `version` with `version_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Expectation {
    #[default]
    Nothing,
    /// `if_seq_no` and `if_primary_term` (the sandbox's primary term is always 1).
    SeqNo { seq_no: u64, primary_term: u64 },
    /// `version` with `version_type` `internal` (reads only), `external` or `external_gte`.
    Version { version: u64, kind: VersionType },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VersionType {
    Internal,
    External,
    ExternalGte,
}

impl Expectation {
    /// Reads the parameters from a request's query or a `_bulk` action's metadata.
    fn from(get: impl Fn(&str) -> Option<String>) -> EsResult<Expectation> {
        let number = |key: &str| -> EsResult<Option<u64>> {
            get(key)
                .map(|v| {
                    v.parse::<u64>()
                        .map_err(|_| EsError::illegal_argument(format!("[{key}] must be a number, got [{v}]")))
                })
                .transpose()
        };
        if let (Some(seq_no), Some(primary_term)) = (number("if_seq_no")?, number("if_primary_term")?) {
            return Ok(Expectation::SeqNo { seq_no, primary_term });
        }
        let Some(version) = number("version")? else { return Ok(Expectation::Nothing) };
        let kind = match get("version_type").as_deref() {
            None | Some("internal") => VersionType::Internal,
            Some("external") => VersionType::External,
            Some("external_gte") => VersionType::ExternalGte,
            Some(other) => return Err(EsError::illegal_argument(format!("No version type match [{other}]"))),
        };
        Ok(Expectation::Version { version, kind })
    }

    /// `VersionConflictEngineException` of a write (`InternalEngine#planIndexingAsPrimary`).
    fn check_write(self, id: &str, current: Option<DocMeta>) -> Result<(), String> {
        match (self, current) {
            (Expectation::Nothing, _) => Ok(()),
            (Expectation::SeqNo { seq_no, primary_term }, None) => Err(format!(
                "[{id}]: version conflict, required seqNo [{seq_no}], primary term [{primary_term}]. but no document was found"
            )),
            (Expectation::SeqNo { seq_no, primary_term }, Some(c)) if c.seq_no != seq_no || primary_term != 1 => {
                Err(format!(
                    "[{id}]: version conflict, required seqNo [{seq_no}], primary term [{primary_term}]. current document has seqNo [{}] and primary term [1]",
                    c.seq_no
                ))
            }
            (Expectation::Version { version, kind: VersionType::External }, Some(c)) if c.version >= version => {
                Err(format!(
                    "[{id}]: version conflict, current version [{}] is higher or equal to the one provided [{version}]",
                    c.version
                ))
            }
            (Expectation::Version { version, kind: VersionType::ExternalGte }, Some(c)) if c.version > version => {
                Err(format!(
                    "[{id}]: version conflict, current version [{}] is higher than the one provided [{version}]",
                    c.version
                ))
            }
            _ => Ok(()),
        }
    }

    /// The version a successful write gets: the external one when given.
    fn new_version(self, current: Option<DocMeta>) -> u64 {
        match self {
            Expectation::Version { version, kind: VersionType::External | VersionType::ExternalGte } => version,
            _ => current.map_or(1, |c| c.version + 1),
        }
    }
}

fn version_conflict(reason: String, index: &crate::state::Index) -> EsError {
    EsError::new(409, "version_conflict_engine_exception", reason)
        .with("index_uuid", index.uuid.clone())
        .with("shard", "0")
        .with("index", index.name.clone())
}

fn write_document(cluster: &mut Cluster, write: WriteOp, source: Value) -> EsResult<(Value, u16)> {
    let nodes = cluster.nodes;
    let WriteOp { target, id, op, ingest, require_alias, expect, routing, dynamic_templates } = write;
    check_id(id)?;
    // The document as sent is what a failure store keeps of an ingest failure; copied only when
    // a failure store could take it.
    let store = failure_store::taking(cluster, target);
    let sent = store.as_ref().map(|_| source.clone());
    let (redirected, source) = match ingest {
        Ingest::Bypass => (target.to_string(), source),
        Ingest::Run(pipeline) => match ingest::run_default_pipelines(cluster, target, pipeline, source) {
            Ok(Some(processed)) => processed,
            Err(e) => return divert(cluster, store, Rejected { target, id, routing, source: sent.as_ref() }, e),
            // A `drop` processor: ES answers a no-op with the "any version" marker.
            Ok(None) => {
                return Ok((
                    json!({"_index": target, "_id": id.unwrap_or_default(), "_version": -3, "result": "noop",
                           "_shards": shards_header(0, 0)}),
                    200,
                ));
            }
        },
    };
    let target = redirected.as_str();
    let store = failure_store::taking(cluster, target);
    let rejected = Rejected { target, id, routing, source: Some(&source) };
    if require_alias && !matches!(expression::lookup(cluster, target), Some(Abstraction::Alias(_))) {
        let mut missing = EsError::index_not_found(target);
        missing.reason = format!(
            "no such index [{target}] and [require_alias] request flag is [true] and [{target}] is not an alias"
        );
        return Err(missing);
    }
    let index_name = write_index(cluster, target, op)?;
    if cluster.data_streams.contains_key(target) {
        let missing = match source.get("@timestamp") {
            None => Some("data stream timestamp field [@timestamp] is missing"),
            Some(Value::Array(_)) => Some("data stream timestamp field [@timestamp] encountered multiple values"),
            Some(_) => None,
        };
        if let Some(reason) = missing {
            return divert(cluster, store, rejected, timestamp_error(reason));
        }
    }
    let index = cluster.indices.get(&index_name).ok_or_else(|| EsError::index_not_found(&index_name))?;
    if index.is_closed() {
        return Err(indices::index_closed(index));
    }
    indices::check_block(index, BlockedOperation::Write)?;
    let id = match id {
        Some(i) => i.to_string(),
        None => (index.next_seq_no..)
            .map(|n| auto_id(cluster.now_millis(), &index_name, n))
            .find(|candidate| !index.docs.contains_key(candidate))
            .unwrap_or_default(),
    };
    let version = cluster.version;
    let mut index = cluster.indices.get_mut(&index_name).ok_or_else(|| EsError::index_not_found(&index_name))?;
    // ES parses the document on the primary before the engine looks at versions, so a malformed
    // document is refused as such even when its id exists.
    let limits = Limits::of(&index, version);
    let parsed = match mapping::parse_document(&index.mappings, &limits, version, &id, &source, dynamic_templates) {
        Ok(parsed) => parsed,
        Err(e) => {
            drop(index);
            // The id is the generated one when the request had none (ES assigns it up front).
            return divert(cluster, store, Rejected { id: Some(&id), ..rejected }, e);
        }
    };
    let current = index.docs.get(&id).map(|d| d.meta);
    if let Some(current) = current
        && op == OpType::Create
    {
        let reason =
            format!("[{id}]: version conflict, document already exists (current version [{}])", current.version);
        index.indexing.index_failed += 1;
        return Err(version_conflict(reason, &index));
    }
    if let Err(reason) = expect.check_write(&id, current) {
        index.indexing.index_failed += 1;
        return Err(version_conflict(reason, &index));
    }
    if let Some(updated) = parsed.mapping_update {
        index.mappings = updated;
    }
    let meta = DocMeta { version: expect.new_version(current), seq_no: index.next_seq_no };
    index.next_seq_no += 1;
    let mut stored = StoredDoc::new(&source, meta, parsed.ignored);
    stored.routing = routing.map(Into::into);
    index.docs.insert(id.clone(), stored);
    index.indexing.index_total += 1;
    if index.refresh_disabled() {
        index.unrefreshed.insert(id.clone());
    } else {
        index.unrefreshed.remove(&id);
    }
    let shards = shards_header(1 + index.replicas(nodes), 1 + index.assigned_replicas(nodes));
    let (result, status) = if current.is_some() { ("updated", 200) } else { ("created", 201) };
    // Built field by field: `json!` would copy `_shards` (it serializes `Value` expressions).
    let mut body = Map::new();
    body.insert("_index".into(), Value::String(index_name));
    body.insert("_id".into(), Value::String(id));
    body.insert("_version".into(), json!(meta.version));
    body.insert("result".into(), json!(result));
    body.insert("_shards".into(), shards);
    body.insert("_seq_no".into(), json!(meta.seq_no));
    body.insert("_primary_term".into(), json!(1));
    Ok((Value::Object(body), status))
}

/// A document its target refused, as a failure store records it.
#[derive(Debug, Clone, Copy)]
struct Rejected<'a> {
    /// The data stream (or index) the document was sent to.
    target: &'a str,
    id: Option<&'a str>,
    routing: Option<&'a str>,
    /// The document as the failure store keeps it; `None` when no failure store could take it.
    source: Option<&'a Value>,
}

/// A document its mapping or an ingest pipeline refused: stored in the failure store of the
/// data stream `store` names (its item then says `"failure_store": "used"`), else refused.
fn divert(cluster: &mut Cluster, store: Option<String>, rejected: Rejected, error: EsError) -> EsResult<(Value, u16)> {
    let (Some(data_stream), Some(source)) = (store, rejected.source) else {
        return Err(error);
    };
    let failure_index = failure_store::write_index(cluster, &data_stream)?;
    let document = failure_store::failure_document(
        cluster.now_millis(),
        rejected.target,
        rejected.id,
        rejected.routing,
        source,
        &error,
    );
    let write = WriteOp {
        target: &failure_index,
        id: None,
        op: OpType::Create,
        ingest: Ingest::Bypass,
        require_alias: false,
        expect: Expectation::Nothing,
        routing: None,
        dynamic_templates: &NO_TEMPLATES,
    };
    let (mut body, status) = write_document(cluster, write, document)?;
    body["failure_store"] = json!("used");
    Ok((body, status))
}

/// `refresh=true` (or an empty `refresh`): the write refreshed the shard itself, which its
/// response says (`forced_refresh`).
fn forces_refresh(req: &SandboxRequest) -> bool {
    matches!(req.param("refresh"), Some("" | "true"))
}

/// `refresh=true|wait_for`: the write returns once searches see it. With `wait_for` ES waits for
/// the next refresh rather than forcing one; without time passing, both leave the write visible.
fn refreshes(req: &SandboxRequest) -> bool {
    forces_refresh(req) || req.param("refresh") == Some("wait_for")
}

/// Refreshes the named index (if it still exists): its pending writes become searchable.
fn refresh_index(cluster: &mut Cluster, name: &str) {
    if let Some(mut index) = cluster.indices.get_mut(name) {
        index.unrefreshed.clear();
    }
}

/// `IndexRequest#validate` and `#process`: an id is non-empty and at most 512 bytes.
fn check_id(id: Option<&str>) -> EsResult<()> {
    match id {
        Some("") => Err(EsError::illegal_argument("if _id is specified it must not be empty")),
        Some(id) if id.len() > 512 => Err(EsError::validation(&[format!(
            "id [{id}] is too long, must be no longer than 512 bytes but was: {}",
            id.len()
        )])),
        _ => Ok(()),
    }
}

fn timestamp_error(reason: &str) -> EsError {
    EsError::new(400, "document_parsing_exception", format!("[1:1] failed to parse: {reason}"))
        .caused_by(EsError::illegal_argument(reason))
}

fn op_type_param(req: &SandboxRequest, default: OpType) -> EsResult<OpType> {
    match req.param("op_type") {
        None => Ok(default),
        Some("index") => Ok(OpType::Index),
        Some("create") => Ok(OpType::Create),
        Some(other) => Err(EsError::illegal_argument(format!("opType must be 'create' or 'index', found: [{other}]"))),
    }
}

fn document_body(req: &SandboxRequest) -> EsResult<Value> {
    match req.json()? {
        Some(v @ Value::Object(_)) => Ok(v),
        Some(_) => Err(EsError::new(400, "mapper_parsing_exception", "failed to parse, document is empty")),
        None => Err(EsError::validation(&["source is missing".to_string(), "content type is missing".to_string()])),
    }
}

/// `IndexRequest#validate` for `op_type=create`: only a new document, so no version to match.
fn check_create(op: OpType, expect: Expectation) -> EsResult<()> {
    match create_refusal(op, expect) {
        Some(refusal) => Err(EsError::validation(&[refusal.to_string()])),
        None => Ok(()),
    }
}

/// Why `IndexRequest#validate` refuses a `create` with `expect`, if it does.
fn create_refusal(op: OpType, expect: Expectation) -> Option<&'static str> {
    let refusal = match (op, expect) {
        (OpType::Create, Expectation::Version { kind: VersionType::External | VersionType::ExternalGte, .. }) => {
            "create operations only support internal versioning. use index instead"
        }
        (OpType::Create, Expectation::Version { .. }) => {
            "create operations do not support explicit versions. use index instead"
        }
        (OpType::Create, Expectation::SeqNo { .. }) => {
            "create operations do not support compare and set. use index instead"
        }
        _ => return None,
    };
    Some(refusal)
}

/// A write through the document API: target and pipeline from the request.
fn api_write(cluster: &mut Cluster, req: &SandboxRequest, id: Option<&str>, op: OpType) -> EsResult<SandboxResponse> {
    let target = req.param("index").unwrap_or_default();
    let expect = Expectation::from(|k| req.param(k).map(str::to_string))?;
    check_create(op, expect)?;
    let write = WriteOp {
        target,
        id,
        op,
        ingest: Ingest::Run(req.param("pipeline")),
        require_alias: req.flag("require_alias")?,
        expect,
        routing: req.param("routing"),
        dynamic_templates: &NO_TEMPLATES,
    };
    let (mut body, status) = write_document(cluster, write, document_body(req)?)?;
    if refreshes(req) {
        refresh_index(cluster, body["_index"].as_str().unwrap_or_default());
    }
    if forces_refresh(req) {
        body["forced_refresh"] = json!(true);
    }
    Ok(SandboxResponse::json(status, body))
}

/// `PUT|POST /{index}/_doc/{id}`
pub fn index_with_id(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let op = op_type_param(req, OpType::Index)?;
    api_write(cluster, req, req.param("id"), op)
}

/// `POST /{index}/_doc` (auto id; always op_type create, as ES does for generated ids)
pub fn index_auto_id(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    api_write(cluster, req, None, OpType::Create)
}

/// `PUT /{index}/_create/{id}`
pub fn create(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    api_write(cluster, req, req.param("id"), OpType::Create)
}

/// The single index a GET/DELETE by id reads (an alias must point at exactly one index).
fn read_index(cluster: &Cluster, target: &str) -> EsResult<String> {
    match expression::lookup(cluster, target) {
        Some(Abstraction::Index) => Ok(target.to_string()),
        Some(Abstraction::Alias(m)) | Some(Abstraction::DataStream(m)) if m.len() == 1 => Ok(m[0].clone()),
        Some(_) => Err(EsError::illegal_argument(format!(
            "alias [{target}] has more than one index associated with it [{}], can't execute a single index op",
            expression::alias_members(cluster, target).join(", ")
        ))),
        None => Err(EsError::index_not_found(target)),
    }
}

/// `GET /{index}/_doc/{id}`: realtime by default (an unrefreshed document is found);
/// `realtime=false` reads what searches see, after a refresh when `refresh=true`.
pub fn get(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let index_name = read_index(cluster, req.param("index").unwrap_or_default())?;
    let id = req.param("id").unwrap_or_default();
    if req.flag("refresh")? {
        refresh_index(cluster, &index_name);
    }
    let realtime = req.param("realtime").is_none() || req.flag("realtime")?;
    let stored_fields = StoredFields::from_params(req);
    // `ShardGetService#normalizeFetchSourceContent`: stored fields without `_source` among them
    // leave the source out unless a `_source` parameter asks for it.
    let source_filter = SourceFilter::from_params(req).unwrap_or_else(|| match &stored_fields {
        Some(fields) if !fields.wants_source() => SourceFilter { fetch: false, ..SourceFilter::ALL },
        _ => SourceFilter::ALL,
    });
    let index = cluster.indices.get(&index_name).ok_or_else(|| EsError::index_not_found(&index_name))?;
    indices::check_block(index, BlockedOperation::Read)?;
    // Reads conflict whenever the version differs, whatever the version type.
    if let (Some(doc), Expectation::Version { version, .. }) =
        (index.docs.get(id), Expectation::from(|k| req.param(k).map(str::to_string))?)
        && version != doc.meta.version
    {
        let reason = format!(
            "[{id}]: version conflict, current version [{}] is different than the one provided [{version}]",
            doc.meta.version
        );
        return Err(version_conflict(reason, index));
    }
    // A document on another shard than the request's routing points at is not found.
    let shard = routing::shard_of(index, id, req.param("routing"));
    let found = index
        .docs
        .get(id)
        .filter(|d| routing::shard_of(index, id, d.routing.as_deref()) == shard)
        .filter(|_| realtime || index.searchable(id));
    Ok(match found {
        Some(doc) => {
            let mut body = json!({"_index": index_name, "_id": id, "_version": doc.meta.version,
                "_seq_no": doc.meta.seq_no, "_primary_term": 1});
            // 8.15 moved `_ignored` from a stored field to doc values, which GET does not read.
            if !doc.ignored.is_empty() && !cluster.version.at_least(8, 15) {
                body["_ignored"] = json!(doc.ignored);
            }
            if let Some(r) = &doc.routing {
                body["_routing"] = json!(r);
            }
            body["found"] = json!(true);
            let source = doc.source();
            if let Some(fields) = &stored_fields {
                let values = fields.values(&index.mappings, &source);
                if !values.is_empty() {
                    body["fields"] = Value::Object(values);
                }
            }
            if let Some(filtered) = source_filter.apply(source) {
                body["_source"] = filtered;
            }
            SandboxResponse::ok(body)
        }
        None => SandboxResponse::json(404, json!({"_index": index_name, "_id": id, "found": false})),
    })
}

/// `DELETE /{index}/_doc/{id}`
pub fn delete(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let target = req.param("index").unwrap_or_default().to_string();
    let expect = Expectation::from(|k| req.param(k).map(str::to_string))?;
    let (body, status) = delete_document(cluster, &target, req.param("id"), expect)?;
    Ok(SandboxResponse::json(status, body))
}

/// One `_bulk` item's outcome as ES lists it under `items`.
fn bulk_item(op: &str, result: EsResult<(Value, u16)>, index: &str, id: Option<&str>) -> (Value, bool) {
    match result {
        Ok((mut body, status)) => {
            body["status"] = json!(status);
            (Value::Object(Map::from_iter([(op.to_string(), body)])), false)
        }
        Err(e) => {
            let mut item = Map::new();
            item.insert("_index".into(), json!(index));
            item.insert("status".into(), json!(e.status));
            item.insert("error".into(), e.to_body()["error"].take());
            if let Some(id) = id {
                item.insert("_id".into(), json!(id));
            }
            (Value::Object(Map::from_iter([(op.to_string(), Value::Object(item))])), true)
        }
    }
}

/// The `dynamic_templates` of a bulk action line (`{"field.path": "template name"}`).
fn bulk_dynamic_templates(meta: &Value, line: usize) -> EsResult<RequestedTemplates> {
    match meta.get("dynamic_templates") {
        None | Some(Value::Null) => Ok(RequestedTemplates::new()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(path, name)| match name {
                Value::String(name) => Ok((path.clone(), name.clone())),
                other => Err(EsError::illegal_argument(format!(
                    "Action/metadata line [{line}]: [dynamic_templates] of field [{path}] must be a template name, found [{}]",
                    crate::xcontent::token_name(other)
                ))),
            })
            .collect(),
        Some(other) => Err(EsError::illegal_argument(format!(
            "Action/metadata line [{line}]: [dynamic_templates] must be an object, found [{}]",
            crate::xcontent::token_name(other)
        ))),
    }
}

/// One `_bulk` action as read from the request, before anything runs.
struct BulkAction<'a> {
    /// `index`, `create`, `update` or `delete`.
    op: String,
    index: String,
    id: Option<String>,
    pipeline: Option<String>,
    /// The line after the action (every action but `delete`), parsed when the action runs.
    source: Option<&'a str>,
    require_alias: bool,
    routing: Option<String>,
    /// `_source` of an update's result.
    fetch: Option<SourceFilter>,
    expect: Expectation,
    dynamic_templates: RequestedTemplates,
}

impl BulkAction<'_> {
    /// What the item's own `validate` refuses (`IndexRequest`, `DeleteRequest`, `UpdateRequest`),
    /// which refuses the whole bulk request.
    fn validate(&self) -> Option<String> {
        // A refused `create` says only that (`IndexRequest#validate` returns early).
        if self.op == "create"
            && let Some(refusal) = create_refusal(OpType::Create, self.expect)
        {
            return Some(refusal.to_string());
        }
        match (self.op.as_str(), self.id.as_deref()) {
            ("delete" | "update", None | Some("")) => Some("id is missing".to_string()),
            (_, Some(id)) if id.len() > 512 => {
                Some(format!("id [{id}] is too long, must be no longer than 512 bytes but was: {}", id.len()))
            }
            _ => None,
        }
    }
}

/// `POST /[{index}/]_bulk` (NDJSON)
pub fn bulk(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    // `RestBulkAction` reads `requiredContent()`.
    if req.body.is_empty() {
        return Err(EsError::parse("request body is required"));
    }
    // Checked with `from_utf8` first: much faster than the lossy decoder on valid text.
    let text = match std::str::from_utf8(&req.body) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(&req.body),
    };
    // `BulkRequest.validate`: a request without actions is refused before anything runs.
    if text.lines().all(|l| l.trim().is_empty()) {
        return Err(EsError::validation(&["no requests added".to_string()]));
    }
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).enumerate();
    let default_index = req.param("index").map(str::to_string);
    let forced_refresh = forces_refresh(req);
    // `_source` of update results: the action line's, else the request's.
    let default_fetch = SourceFilter::from_params(req);
    // `BulkRequestParser` reads every action before anything runs: a malformed line refuses the
    // whole request, and so does `BulkRequest#validate` (each item's `validate`).
    let mut actions = Vec::new();
    while let Some((n, line)) = lines.next() {
        let action: Value = serde_json::from_str(line).map_err(|e| {
            EsError::illegal_argument(format!(
                "Malformed action/metadata line [{}], expected START_OBJECT but found [{e}]",
                n + 1
            ))
        })?;
        let first = match action {
            Value::Object(action) => action.into_iter().next(),
            _ => None,
        };
        let Some((op, meta)) = first else {
            return Err(EsError::illegal_argument(format!(
                "Malformed action/metadata line [{}], expected FIELD_NAME but found [END_OBJECT]",
                n + 1
            )));
        };
        // BulkRequestParser: any other key of the action line refuses the whole request.
        const KNOWN: &[&str] = &[
            "_index",
            "_id",
            "routing",
            "op_type",
            "version",
            "version_type",
            "if_seq_no",
            "if_primary_term",
            "retry_on_conflict",
            "pipeline",
            "_source",
            "require_alias",
            "require_data_stream",
            "dynamic_templates",
            "list_executed_pipelines",
        ];
        let legacy_type = cluster.version.major == 7;
        if let Some(unknown) = meta
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
            .find(|k| !(KNOWN.contains(&k.as_str()) || legacy_type && *k == "_type"))
        {
            return Err(EsError::illegal_argument(format!(
                "Action/metadata line [{}] contains an unknown parameter [{unknown}]",
                n + 1
            )));
        }
        let dynamic_templates = bulk_dynamic_templates(&meta, n + 1)?;
        // BulkRequestParser: only index and create requests name dynamic templates.
        if !dynamic_templates.is_empty() && (op == "update" || op == "delete") {
            let kind = if op == "update" { "Update" } else { "Delete" };
            return Err(EsError::illegal_argument(format!(
                "{kind} request in line [{}] does not accept dynamic_templates",
                n + 1
            )));
        }
        let index = meta.get("_index").and_then(Value::as_str).map(str::to_string).or_else(|| default_index.clone());
        let id =
            meta.get("_id").and_then(|v| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|i| i.to_string())));
        let Some(index) = index else {
            return Err(EsError::validation(&["index is missing".to_string()]));
        };
        let pipeline = meta
            .get("pipeline")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| req.param("pipeline").map(str::to_string));
        let needs_source = op != "delete";
        let source = if needs_source {
            let (_, src) = lines
                .next()
                .ok_or_else(|| EsError::illegal_argument("The bulk request must be terminated by a newline [\\n]"))?;
            Some(src)
        } else {
            None
        };
        let require_alias = match meta.get("require_alias") {
            Some(v) => v == &json!(true) || v == &json!("true"),
            None => req.flag("require_alias")?,
        };
        let routing = meta
            .get("routing")
            .and_then(|v| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|i| i.to_string())));
        let fetch = match meta.get("_source") {
            Some(v) => Some(SourceFilter::from_value(v)?),
            None => default_fetch.clone(),
        };
        let expect = Expectation::from(|k| match meta.get(k)? {
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        })?;
        if !matches!(op.as_str(), "index" | "create" | "update" | "delete") {
            return Err(EsError::illegal_argument(format!(
                "Malformed action/metadata line [{}], expected one of [create, delete, index, update] but found [{op}]",
                n + 1
            )));
        }
        actions.push(BulkAction {
            op,
            index,
            id,
            pipeline,
            source,
            require_alias,
            routing,
            fetch,
            expect,
            dynamic_templates,
        });
    }
    let refusals: Vec<String> = actions.iter().flat_map(BulkAction::validate).collect();
    if !refusals.is_empty() {
        return Err(EsError::validation(&refusals));
    }
    let mut items = Vec::with_capacity(actions.len());
    let mut errors = false;
    for action in actions {
        let BulkAction { op, index, id, pipeline, source, require_alias, routing, fetch, expect, dynamic_templates } =
            action;
        let source = source.map(|src| {
            crate::xcontent::parse_value(src)
                .map_err(|e| EsError::new(400, "mapper_parsing_exception", format!("failed to parse: {e}")))
        });
        let write = |op| WriteOp {
            target: &index,
            id: id.as_deref(),
            op,
            ingest: Ingest::Run(pipeline.as_deref()),
            require_alias,
            expect,
            routing: routing.as_deref(),
            dynamic_templates: &dynamic_templates,
        };
        let outcome = match (op.as_str(), source) {
            ("index", Some(src)) => src.and_then(|s| write_document(cluster, write(OpType::Index), s)),
            ("create", Some(src)) => src.and_then(|s| write_document(cluster, write(OpType::Create), s)),
            ("update", Some(src)) => {
                src.and_then(|s| update_document(cluster, &index, id.as_deref(), &s, fetch.as_ref()))
            }
            _ => delete_document(cluster, &index, id.as_deref(), expect),
        };
        let outcome = outcome.map(|(mut body, status)| {
            if forced_refresh {
                body["forced_refresh"] = json!(true);
            }
            (body, status)
        });
        let (item, failed) = bulk_item(&op, outcome, &index, id.as_deref());
        errors |= failed;
        items.push(item);
    }
    if refreshes(req) {
        let written: std::collections::BTreeSet<&str> =
            items.iter().filter_map(|i| i.as_object()?.values().next()?.get("_index")?.as_str()).collect();
        for name in written {
            refresh_index(cluster, name);
        }
    }
    // Built field by field: `json!` would copy every item (it serializes `Value` expressions).
    let mut answer = Map::new();
    answer.insert("errors".into(), Value::Bool(errors));
    answer.insert("took".into(), json!(1));
    answer.insert("items".into(), Value::Array(items));
    Ok(SandboxResponse::ok(Value::Object(answer)))
}

/// A partial update (`doc`, `doc_as_upsert`, `upsert`) as `UpdateHelper` applies it: the partial
/// document is merged into the current source object by object; with `detect_noop` (the default)
/// an update that changes nothing is a `noop` and writes nothing. `fetch` is the bulk action's
/// `_source` (or the request's), which beats the one in the update body.
fn update_document(
    cluster: &mut Cluster,
    target: &str,
    id: Option<&str>,
    body: &Value,
    fetch: Option<&SourceFilter>,
) -> EsResult<(Value, u16)> {
    let id = id.ok_or_else(|| EsError::validation(&["id is missing".to_string()]))?;
    let index_name = read_index(cluster, target)?;
    let fetch = match (fetch, body.get("_source")) {
        (Some(f), _) => Some(f.clone()),
        (None, Some(v)) => Some(SourceFilter::from_value(v)?),
        (None, None) => None,
    };
    let stored = cluster.indices[&index_name].docs.get(id);
    let existing = stored.map(|d| (d.source(), d.meta));
    // An update keeps the document where it is.
    let routing: Option<String> = stored.and_then(|d| d.routing.as_deref().map(str::to_string));
    let partial = body.get("doc").cloned().unwrap_or_else(|| json!({}));
    let detect_noop = body.get("detect_noop") != Some(&json!(false));
    let merged = match existing {
        Some((Value::Object(mut current), meta)) => {
            let changed = match partial {
                Value::Object(p) => merge_partial(&mut current, p),
                _ => false,
            };
            if detect_noop && !changed {
                let mut index =
                    cluster.indices.get_mut(&index_name).ok_or_else(|| EsError::index_not_found(&index_name))?;
                index.indexing.noop_update_total += 1;
                let mut response = json!({"_index": index_name, "_id": id, "_version": meta.version, "result": "noop",
                    "_shards": shards_header(0, 0), "_seq_no": meta.seq_no, "_primary_term": 1});
                add_get_result(&mut response, fetch.as_ref(), Value::Object(current));
                return Ok((response, 200));
            }
            Value::Object(current)
        }
        _ if body.get("doc_as_upsert") == Some(&json!(true)) => partial,
        _ => match body.get("upsert") {
            Some(u) => u.clone(),
            None => {
                return Err(EsError::new(404, "document_missing_exception", format!("[{id}]: document missing"))
                    .with("index", index_name.clone()));
            }
        },
    };
    let write = WriteOp {
        target: &index_name,
        id: Some(id),
        op: OpType::Index,
        ingest: Ingest::Bypass,
        require_alias: false,
        expect: Expectation::Nothing,
        routing: routing.as_deref(),
        dynamic_templates: &NO_TEMPLATES,
    };
    let (mut response, status) = write_document(cluster, write, merged.clone())?;
    add_get_result(&mut response, fetch.as_ref(), merged);
    Ok((response, status))
}

/// `XContentHelper#update`: merges `changes` into `source`, objects key by key, anything else
/// replaced; true when something differs afterwards.
fn merge_partial(source: &mut Map<String, Value>, changes: Map<String, Value>) -> bool {
    let mut modified = false;
    for (key, new) in changes {
        match (source.get_mut(&key), new) {
            (Some(Value::Object(old)), Value::Object(new)) => modified |= merge_partial(old, new),
            (old, new) => {
                modified |= old.is_none_or(|o| *o != new);
                source.insert(key, new);
            }
        }
    }
    modified
}

/// The `get` section of an update result when its `_source` is asked for (`UpdateHelper#extractGetResult`).
fn add_get_result(response: &mut Value, fetch: Option<&SourceFilter>, source: Value) {
    if let Some(filtered) = fetch.and_then(|f| f.apply(source)) {
        response["get"] = json!({"_seq_no": response["_seq_no"], "_primary_term": 1, "found": true,
                                 "_source": filtered});
    }
}

fn delete_document(
    cluster: &mut Cluster,
    target: &str,
    id: Option<&str>,
    expect: Expectation,
) -> EsResult<(Value, u16)> {
    let nodes = cluster.nodes;
    let id = id.ok_or_else(|| EsError::validation(&["id is missing".to_string()]))?;
    let index_name = read_index(cluster, target)?;
    let mut index = cluster.indices.get_mut(&index_name).ok_or_else(|| EsError::index_not_found(&index_name))?;
    indices::check_block(&index, BlockedOperation::Write)?;
    if let Err(reason) = expect.check_write(id, index.docs.get(id).map(|d| d.meta)) {
        return Err(version_conflict(reason, &index));
    }
    let removed = index.docs.remove(id);
    let found = removed.is_some();
    index.unrefreshed.remove(id);
    if found {
        index.indexing.delete_total += 1;
    }
    // The version a delete reports is the next one; the sandbox keeps no tombstones, so a
    // document indexed again later starts over at version 1.
    let version = removed.map_or(1, |d| d.meta.version + 1);
    let seq_no = index.next_seq_no;
    index.next_seq_no += 1;
    let shards = shards_header(1 + index.replicas(nodes), 1 + index.assigned_replicas(nodes));
    Ok((
        json!({"_index": index_name, "_id": id, "_version": version, "result": if found { "deleted" } else { "not_found" },
               "_shards": shards, "_seq_no": seq_no, "_primary_term": 1}),
        if found { 200 } else { 404 },
    ))
}

/// The sandbox evaluates no queries but `match_all`, and nothing besides paging: anything else
/// is refused rather than answered wrongly.
/// What the sandbox evaluates of a search body: `match_all`, or `exists` on `_ignored` (the
/// documents with values kept out of the index); `_source: false`; one `terms` aggregation on
/// `_index`. Anything else is refused by name, never ignored.
#[derive(Debug, Default)]
struct SearchBody {
    ignored_only: bool,
    /// `term`, `terms` or `ids` on `_id`: only these documents.
    ids: Option<Vec<String>>,
    /// `_source` of the body.
    source: Option<SourceFilter>,
    /// (name, size) of a `terms` aggregation on `_index`.
    index_terms: Option<(String, usize)>,
    /// `size` and `from` of the body.
    size: Option<u64>,
    from: Option<u64>,
}

impl SearchBody {
    fn matches(&self, id: &str, doc: &crate::state::StoredDoc) -> bool {
        (!self.ignored_only || !doc.ignored.is_empty())
            && self.ids.as_ref().is_none_or(|ids| ids.iter().any(|i| i == id))
    }

    /// Whether only some documents match (a query other than `match_all`).
    fn filters(&self) -> bool {
        self.ignored_only || self.ids.is_some()
    }
}

/// The ids of a `term`, `terms` or `ids` query on `_id` (`{"term": {"_id": "1"}}`,
/// `{"term": {"_id": {"value": "1"}}}`, `{"terms": {"_id": ["1", "2"]}}`,
/// `{"ids": {"values": ["1"]}}`); ids may be written as numbers.
fn id_query(query: &Value) -> Option<Vec<String>> {
    let (kind, body) = query.as_object().filter(|q| q.len() == 1)?.iter().next()?;
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let list = |v: &Value| v.as_array()?.iter().map(text).collect::<Option<Vec<String>>>();
    match kind.as_str() {
        "term" => {
            let value = body.as_object().filter(|b| b.len() == 1)?.get("_id")?;
            match value {
                Value::Object(o) if o.len() == 1 => o.get("value").and_then(text).map(|id| vec![id]),
                other => text(other).map(|id| vec![id]),
            }
        }
        "terms" => list(body.as_object().filter(|b| b.len() == 1)?.get("_id")?),
        "ids" => list(body.as_object().filter(|b| b.len() == 1)?.get("values")?),
        _ => None,
    }
}

/// The search (or count) request's body and the URL parameters the sandbox does not evaluate,
/// refused by name.
fn parse_search_body(req: &SandboxRequest) -> EsResult<SearchBody> {
    if let Some(q) = req.param("q") {
        return Err(EsError::illegal_argument(format!(
            "the esops sandbox only evaluates match_all queries, got [q={q}]"
        )));
    }
    // URL parameters that change the hits: refused by name rather than silently ignored.
    const UNEVALUATED: [&str; 8] = [
        "sort",
        "stored_fields",
        "docvalue_fields",
        "scroll",
        "version",
        "seq_no_primary_term",
        "explain",
        "terminate_after",
    ];
    if let Some(param) = UNEVALUATED.iter().find(|p| req.param(p).is_some()) {
        return Err(EsError::illegal_argument(format!(
            "the esops sandbox does not support [{param}] in search requests"
        )));
    }
    let mut parsed = SearchBody::default();
    let Some(body) = req.json()? else { return Ok(parsed) };
    let unsupported = |what: &str, value: &Value| {
        EsError::illegal_argument(format!(
            "the esops sandbox does not evaluate {what} in search requests, got [{value}]"
        ))
    };
    for (key, value) in body.as_object().into_iter().flatten() {
        match key.as_str() {
            "query" if value.get("match_all").is_some() => {}
            "query" if value.pointer("/exists/field").and_then(Value::as_str) == Some("_ignored") => {
                parsed.ignored_only = true;
            }
            "query" => match id_query(value) {
                Some(ids) => parsed.ids = Some(ids),
                None => {
                    return Err(EsError::illegal_argument(format!(
                        "the esops sandbox only evaluates match_all queries, exists on _ignored and term, terms or ids on _id, got [{value}]"
                    )));
                }
            },
            "_source" => parsed.source = Some(SourceFilter::from_value(value)?),
            "aggs" | "aggregations" => {
                let single = value.as_object().filter(|aggs| aggs.len() == 1).and_then(|aggs| aggs.iter().next());
                let Some((name, agg)) = single else { return Err(unsupported("several aggregations", value)) };
                let terms = agg.get("terms").filter(|_| agg.as_object().is_some_and(|a| a.len() == 1));
                match terms {
                    Some(terms) if terms.get("field").and_then(Value::as_str) == Some("_index") => {
                        let size = terms.get("size").and_then(Value::as_u64).unwrap_or(10) as usize;
                        parsed.index_terms = Some((name.clone(), size));
                    }
                    _ => return Err(unsupported("aggregations but a terms aggregation on _index", value)),
                }
            }
            "size" => parsed.size = value.as_u64(),
            "from" => parsed.from = value.as_u64(),
            "track_total_hits" => {}
            other => {
                return Err(EsError::illegal_argument(format!(
                    "the esops sandbox does not support [{other}] in search requests"
                )));
            }
        }
    }
    Ok(parsed)
}

fn searched_indices(cluster: &Cluster, req: &SandboxRequest) -> EsResult<Vec<String>> {
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let names = expression::resolve(cluster, &split_list(req.param("index")), opts)?;
    for index in names.iter().filter_map(|n| cluster.indices.get(n)) {
        if index.is_closed() {
            return Err(indices::index_closed(index));
        }
        indices::check_block(index, BlockedOperation::Read)?;
    }
    Ok(names)
}

fn search_shards(cluster: &Cluster, names: &[String]) -> Value {
    let total: u64 = names.iter().filter_map(|n| cluster.indices.get(n)).map(|i| i.shards()).sum();
    json!({"total": total, "successful": total, "skipped": 0, "failed": 0})
}

/// `GET|POST /[{index}/]_count`
pub fn count(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let body = parse_search_body(req)?;
    if body.source.is_some() || body.index_terms.is_some() {
        return Err(EsError::parse("request does not support [aggs] or [_source]"));
    }
    let names = searched_indices(cluster, req)?;
    let count: u64 = names
        .iter()
        .filter_map(|n| cluster.indices.get(n))
        .map(|i| {
            if body.filters() {
                i.docs.iter().filter(|(id, d)| i.searchable(id) && body.matches(id, d)).count() as u64
            } else {
                i.searchable_count()
            }
        })
        .sum();
    Ok(SandboxResponse::ok(json!({"count": count, "_shards": search_shards(cluster, &names)})))
}

/// `GET|POST /[{index}/]_search` with `match_all`: the indexed documents, in index then id order.
pub fn search(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let mut search = parse_search_body(req)?;
    // `RestSearchAction`: the URL's `_source`, `_source_includes`, `_source_excludes` replace the
    // body's `_source`.
    let filter = SourceFilter::from_params(req).or_else(|| search.source.take()).unwrap_or(SourceFilter::ALL);
    let names = searched_indices(cluster, req)?;
    let size = req.param("size").and_then(|s| s.parse().ok()).or(search.size).unwrap_or(10) as usize;
    let from = req.param("from").and_then(|s| s.parse().ok()).or(search.from).unwrap_or(0) as usize;
    let mut total = 0u64;
    let mut stored = Vec::new();
    let mut per_index: Vec<(String, u64)> = Vec::new();
    for index in names.iter().filter_map(|n| cluster.indices.get(n)) {
        let before = stored.len();
        stored.extend(
            index
                .docs
                .iter()
                .filter(|(id, doc)| index.searchable(id) && search.matches(id, doc))
                .map(|(id, doc)| (&index.name, id, doc)),
        );
        let matched = (stored.len() - before) as u64;
        total += matched;
        if matched > 0 {
            per_index.push((index.name.clone(), matched));
        }
    }
    // Only the page's sources are read back from their stored text.
    let page: Vec<Value> = stored
        .into_iter()
        .skip(from)
        .take(size)
        .map(|(index, id, doc)| {
            let mut hit = json!({"_index": index, "_id": id, "_score": 1.0});
            if !doc.ignored.is_empty() {
                hit["_ignored"] = json!(doc.ignored);
            }
            if let Some(source) = filter.fetch.then(|| filter.apply(doc.source())).flatten() {
                hit["_source"] = source;
            }
            hit
        })
        .collect();
    let total_value =
        if req.flag("rest_total_hits_as_int")? { json!(total) } else { json!({"value": total, "relation": "eq"}) };
    let mut hits_obj = Map::new();
    hits_obj.insert("total".into(), total_value);
    hits_obj.insert("max_score".into(), if page.is_empty() { Value::Null } else { json!(1.0) });
    hits_obj.insert("hits".into(), Value::Array(page));
    let mut response =
        json!({"took": 1, "timed_out": false, "_shards": search_shards(cluster, &names), "hits": hits_obj});
    if let Some((name, size)) = search.index_terms {
        // `terms` orders buckets by count, then key; what does not fit is summed.
        per_index.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let other: u64 = per_index.iter().skip(size).map(|(_, n)| n).sum();
        let buckets: Vec<Value> =
            per_index.iter().take(size).map(|(key, n)| json!({"key": key, "doc_count": n})).collect();
        response["aggregations"] =
            json!({name: {"doc_count_error_upper_bound": 0, "sum_other_doc_count": other, "buckets": buckets}});
    }
    Ok(SandboxResponse::ok(response))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::http::{Method, ResponseBody};
    use crate::version::EsVersion;

    /// Sends a request through the router, as the server would: status and JSON body (`null`
    /// for other bodies).
    pub(crate) fn call(cluster: &mut Cluster, method: Method, uri: &str, body: &str) -> (u16, Value) {
        let req = SandboxRequest::from_uri(method, uri, BTreeMap::new(), body.as_bytes().to_vec());
        let routed = crate::router::find(&req, uri).unwrap();
        let r = routed.route.handler.call(cluster, &routed.request).unwrap_or_else(SandboxResponse::from);
        let v = match r.body {
            ResponseBody::Json(v) => v,
            ResponseBody::JsonText(t) => serde_json::from_str(&t).unwrap_or(Value::Null),
            _ => Value::Null,
        };
        (r.status, v)
    }

    /// What `esops audit` asks about ignored values: the documents with `_ignored`, counted per
    /// index by a `terms` aggregation on `_index`, their `_ignored` in the hits, no sources.
    #[test]
    fn documents_with_ignored_values_by_index() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        let mapping = r#"{"settings": {"index.mapping.ignore_malformed": true}, "mappings": {"properties": {"n": {"type": "long"}}}}"#;
        for index in ["a-1", "a-2"] {
            assert_eq!(call(&mut c, Method::Put, &format!("/{index}"), mapping).0, 200);
        }
        for (index, n) in [("a-1", "\"x\""), ("a-1", "\"y\""), ("a-1", "1"), ("a-2", "\"z\""), ("a-2", "2")] {
            assert_eq!(call(&mut c, Method::Post, &format!("/{index}/_doc"), &format!("{{\"n\": {n}}}")).0, 201);
        }
        let body = r#"{"size": 100, "_source": false, "query": {"exists": {"field": "_ignored"}},
                       "aggs": {"indices": {"terms": {"field": "_index", "size": 1}}}}"#;
        let (status, r) = call(&mut c, Method::Post, "/a-*/_search", body);
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["hits"]["total"]["value"], 3);
        assert!(
            r["hits"]["hits"]
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h["_ignored"] == json!(["n"]) && h.get("_source").is_none())
        );
        assert_eq!(
            r["aggregations"]["indices"],
            json!({"doc_count_error_upper_bound": 0, "sum_other_doc_count": 1, "buckets": [{"key": "a-1", "doc_count": 2}]})
        );
        let count = r#"{"query": {"exists": {"field": "_ignored"}}}"#;
        assert_eq!(call(&mut c, Method::Post, "/a-*/_count", count).1["count"], 3);
        let (status, r) = call(&mut c, Method::Post, "/a-*/_search", r#"{"query": {"exists": {"field": "n"}}}"#);
        assert_eq!(status, 400, "other queries are refused, not ignored: {r}");
    }

    #[test]
    fn bulk_into_data_streams_and_their_backing_indices() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        call(&mut c, Method::Put, "/_index_template/t", r#"{"index_patterns":"logs-*","data_stream":{}}"#);
        let (status, v) = call(&mut c, Method::Post, "/logs-foobar/_doc", r#"{"@timestamp":"2020-12-12"}"#);
        assert_eq!(status, 201, "{v}");
        let backing = v["_index"].as_str().unwrap().to_string();
        let (status, _) = call(&mut c, Method::Post, "/logs-foobar/_doc", r#"{"foo":"bar"}"#);
        assert_eq!(status, 400);
        let bulk_body = format!(
            "{{\"create\":{{\"_index\":\"{backing}\"}}}}\n{{\"@timestamp\":\"2020-12-12\"}}\n{{\"index\":{{\"_index\":\"{backing}\"}}}}\n{{\"@timestamp\":\"2020-12-12\"}}\n{{\"create\":{{\"_index\":\"logs-foobar\"}}}}\n{{\"@timestamp\":\"2020-12-12\"}}\n"
        );
        let (status, v) = call(&mut c, Method::Post, "/_bulk", &bulk_body);
        assert_eq!(status, 200);
        assert_eq!(v["errors"], true);
        assert_eq!(v["items"][0]["create"]["status"], 400);
        assert_eq!(v["items"][1]["index"]["status"], 400);
        assert_eq!(v["items"][2]["create"]["result"], "created", "{v}");
        let (status, _) = call(&mut c, Method::Put, "/logs-other", "");
        assert_eq!(status, 400);
    }

    #[test]
    // bulk/12_noop.yml and bulk/40_source.yml: an update changing nothing is a `noop` counted
    // in `_stats`; a deep partial merge; `_source` of the action line beats the body's.
    fn updates_detect_noops_merge_objects_and_return_the_source_asked_for() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        call(&mut c, Method::Put, "/docs/_doc/1", r#"{"a":{"x":1,"y":2},"b":"keep"}"#);
        let bulk = concat!(
            "{\"update\":{\"_index\":\"docs\",\"_id\":\"1\"}}\n{\"doc\":{\"a\":{\"x\":1}}}\n",
            "{\"update\":{\"_index\":\"docs\",\"_id\":\"1\",\"_source\":{\"includes\":\"a.*\"}}}\n",
            "{\"_source\":false,\"doc\":{\"a\":{\"x\":5}}}\n"
        );
        let (_, v) = call(&mut c, Method::Post, "/_bulk", bulk);
        assert_eq!(v["items"][0]["update"]["result"], "noop");
        assert_eq!(v["items"][0]["update"]["_shards"]["total"], 0);
        assert_eq!(v["items"][0]["update"].get("get"), None);
        assert_eq!(v["items"][1]["update"]["result"], "updated");
        assert_eq!(v["items"][1]["update"]["get"]["_source"], json!({"a": {"x": 5, "y": 2}}));
        let (_, stats) = call(&mut c, Method::Get, "/docs/_stats/indexing", "");
        let indexing = &stats["_all"]["primaries"]["indexing"];
        assert_eq!((indexing["index_total"].clone(), indexing["noop_update_total"].clone()), (json!(2), json!(1)));
        let (_, v) = call(&mut c, Method::Get, "/docs/_doc/1?_source_excludes=a.x", "");
        assert_eq!(v["_source"], json!({"a": {"y": 2}, "b": "keep"}));
        // A version conflict is a failed index operation; `_cat/indices` shows the counters.
        assert_eq!(call(&mut c, Method::Put, "/docs/_create/1", r#"{"b":"x"}"#).0, 409);
        let (_, cat) =
            call(&mut c, Method::Get, "/_cat/indices/docs?h=i,iito,pri.indexing.index_total,iif&format=json", "");
        assert_eq!(cat, json!([{"i": "docs", "iito": "2", "pri.indexing.index_total": "2", "iif": "1"}]));
    }

    #[test]
    // bulk/11_dynamic_templates.yml with types the sandbox maps: a named template applies to
    // the new field whatever its conditions; an unknown name refuses the item; a mapped field
    // ignores the parameter; a template's type refuses what it cannot parse.
    fn bulk_dynamic_templates_name_the_template_of_new_fields() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        let mappings = r#"{"mappings":{"dynamic_templates":[
            {"ips":{"match":"never","mapping":{"type":"ip"}}},
            {"string":{"mapping":{"type":"keyword"}}}]}}"#;
        call(&mut c, Method::Put, "/t", mappings);
        let line = |id: &str, templates: &str, doc: &str| {
            format!("{{\"index\":{{\"_index\":\"t\",\"_id\":\"{id}\",\"dynamic_templates\":{templates}}}}}\n{doc}\n")
        };
        let body = [
            line("1", r#"{"addr":"ips"}"#, r#"{"addr":"10.0.0.1"}"#),
            line("2", r#"{"other":"nope"}"#, r#"{"other":"x"}"#),
            line("3", r#"{"addr":"nope"}"#, r#"{"addr":"10.0.0.2"}"#),
            line("4", r#"{"foo":"string"}"#, r#"{"foo.bar":"hello world"}"#),
            line("5", r#"{"foo.bar":"string"}"#, r#"{"foo.bar":"hello world"}"#),
        ]
        .concat();
        let (_, v) = call(&mut c, Method::Post, "/_bulk", &body);
        let item = |i: usize| v["items"][i]["index"].clone();
        assert_eq!(item(0)["result"], "created");
        assert_eq!(item(1)["error"]["type"], "document_parsing_exception");
        assert_eq!(
            item(1)["error"]["reason"],
            "[1:10] failed to parse: Can't find dynamic template for dynamic template name [nope] of field [other]"
        );
        assert_eq!(item(2)["result"], "created", "a mapped field ignores the parameter");
        assert_eq!(
            item(3)["error"]["reason"],
            "[1:12] failed to parse field [foo] of type [keyword] in document with id '4'. Preview of field's value: '{bar=hello world}'"
        );
        assert_eq!(item(4)["result"], "created", "{}", item(4));
        let (_, m) = call(&mut c, Method::Get, "/t/_mapping", "");
        let props = &m["t"]["mappings"]["properties"];
        assert_eq!(
            (props["addr"]["type"].clone(), props["foo"]["properties"]["bar"]["type"].clone()),
            (json!("ip"), json!("keyword"))
        );
        let (status, v) = call(
            &mut c,
            Method::Post,
            "/_bulk",
            "{\"update\":{\"_index\":\"t\",\"_id\":\"1\",\"dynamic_templates\":{\"a\":\"ips\"}}}\n{\"doc\":{}}\n",
        );
        assert_eq!(
            (status, v["error"]["reason"].clone()),
            (400, json!("Update request in line [1] does not accept dynamic_templates"))
        );
    }

    #[test]
    // get/60_realtime_refresh.yml: with refresh disabled, only realtime GETs see a new document
    // until something refreshes the index.
    fn realtime_false_reads_only_refreshed_documents() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        call(&mut c, Method::Put, "/docs", r#"{"settings":{"index":{"refresh_interval":"-1"}}}"#);
        call(&mut c, Method::Put, "/docs/_doc/1", r#"{"a":1}"#);
        assert_eq!(call(&mut c, Method::Get, "/docs/_doc/1?realtime=false", "").0, 404);
        assert_eq!(call(&mut c, Method::Get, "/docs/_doc/1", "").0, 200);
        assert_eq!(call(&mut c, Method::Get, "/docs/_count", "").1["count"], 0);
        assert_eq!(call(&mut c, Method::Get, "/docs/_doc/1?realtime=false&refresh=true", "").0, 200);
        assert_eq!(call(&mut c, Method::Get, "/docs/_count", "").1["count"], 1);
        call(&mut c, Method::Put, "/docs/_doc/2?refresh=true", r#"{"a":2}"#);
        assert_eq!(call(&mut c, Method::Get, "/docs/_doc/2?realtime=false", "").0, 200);
    }

    #[test]
    // create/35_external_version.yml
    fn create_refuses_external_versions() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        let (status, v) = call(&mut c, Method::Put, "/docs/_create/1?version=5&version_type=external", r#"{"a":1}"#);
        assert_eq!(status, 400);
        assert_eq!(
            v["error"]["reason"],
            "Validation Failed: 1: create operations only support internal versioning. use index instead;"
        );
    }

    #[test]
    fn versions_and_sequence_numbers_follow_each_write() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        let (status, v) = call(&mut c, Method::Put, "/docs/_doc/1", r#"{"a":1}"#);
        assert_eq!(
            (status, v["_version"].clone(), v["_seq_no"].clone(), v["result"].clone()),
            (201, json!(1), json!(0), json!("created"))
        );
        let (status, v) = call(&mut c, Method::Put, "/docs/_doc/1", r#"{"a":2}"#);
        assert_eq!(
            (status, v["_version"].clone(), v["_seq_no"].clone(), v["result"].clone()),
            (200, json!(2), json!(1), json!("updated"))
        );
        let (_, v) = call(&mut c, Method::Get, "/docs/_doc/1", "");
        assert_eq!((v["_version"].clone(), v["_source"]["a"].clone()), (json!(2), json!(2)));
        let (status, v) = call(&mut c, Method::Put, "/docs/_create/1", r#"{"a":3}"#);
        assert_eq!(status, 409);
        assert_eq!(v["error"]["reason"], "[1]: version conflict, document already exists (current version [2])");
        let (status, v) = call(&mut c, Method::Delete, "/docs/_doc/1", "");
        assert_eq!((status, v["_version"].clone(), v["result"].clone()), (200, json!(3), json!("deleted")));
        let (status, _) = call(&mut c, Method::Get, "/docs/_doc/1", "");
        assert_eq!(status, 404);
    }

    /// `InternalEngine`'s optimistic concurrency control: `if_seq_no`/`if_primary_term`, external
    /// versions on writes, any version mismatch on reads.
    #[test]
    fn compare_and_swap_and_external_versions() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        call(&mut c, Method::Put, "/docs/_doc/1", r#"{"a":1}"#);
        let (status, v) = call(&mut c, Method::Put, "/docs/_doc/1?if_seq_no=5&if_primary_term=1", r#"{"a":2}"#);
        assert_eq!(status, 409);
        assert_eq!(
            v["error"]["reason"],
            "[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [0] and primary term [1]"
        );
        assert_eq!(call(&mut c, Method::Put, "/docs/_doc/1?if_seq_no=0&if_primary_term=1", r#"{"a":2}"#).0, 200);
        let (status, v) = call(&mut c, Method::Put, "/docs/_doc/2?version=7&version_type=external", "{}");
        assert_eq!((status, v["_version"].clone()), (201, json!(7)));
        let (status, v) = call(&mut c, Method::Put, "/docs/_doc/2?version=7&version_type=external&refresh=true", "{}");
        assert_eq!(status, 409);
        assert_eq!(
            v["error"]["reason"],
            "[2]: version conflict, current version [7] is higher or equal to the one provided [7]"
        );
        let (status, v) =
            call(&mut c, Method::Put, "/docs/_doc/2?version=7&version_type=external_gte&refresh=true", "{}");
        assert_eq!((status, v["forced_refresh"].clone()), (200, json!(true)));
        assert_eq!(call(&mut c, Method::Get, "/docs/_doc/2?version=6", "").0, 409);
        assert_eq!(call(&mut c, Method::Get, "/docs/_doc/2?version=7", "").0, 200);
    }

    /// The issue's example through `_bulk`: the refused item fails alone, with ES's error.
    #[test]
    fn bulk_refuses_a_malformed_item_and_indexes_the_others() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        let body = "{\"index\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n{\"status\":200}\n\
                    {\"index\":{\"_index\":\"logs\",\"_id\":\"2\"}}\n{\"status\":\"timeout\"}\n\
                    {\"index\":{\"_index\":\"logs\",\"_id\":\"3\"}}\n{\"status\":404}\n";
        let (status, v) = call(&mut c, Method::Post, "/_bulk", body);
        assert_eq!((status, v["errors"].clone()), (200, json!(true)));
        assert_eq!(v["items"][1]["index"]["status"], 400);
        assert_eq!(v["items"][1]["index"]["error"]["type"], "document_parsing_exception");
        assert_eq!(
            v["items"][1]["index"]["error"]["reason"],
            "[1:11] failed to parse field [status] of type [long] in document with id '2'. Preview of field's value: 'timeout'"
        );
        assert_eq!(v["items"][2]["index"]["result"], "created");
        let (_, m) = call(&mut c, Method::Get, "/logs/_mapping", "");
        assert_eq!(m["logs"]["mappings"]["properties"]["status"], json!({"type": "long"}));
        assert_eq!(call(&mut c, Method::Get, "/logs/_count", "").1["count"], 2);
    }

    #[test]
    fn bulk_reads_and_validates_every_action_before_running_any() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        // `BulkRequest#validate`: every item's refusal, numbered, and nothing written.
        let body = "{\"index\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n{\"a\":1}\n\
                    {\"delete\":{\"_index\":\"logs\"}}\n\
                    {\"create\":{\"_index\":\"logs\",\"_id\":\"2\",\"version\":5,\"version_type\":\"external\"}}\n{\"a\":2}\n";
        let (status, v) = call(&mut c, Method::Post, "/_bulk", body);
        assert_eq!(status, 400);
        assert_eq!(v["error"]["type"], "action_request_validation_exception");
        assert_eq!(
            v["error"]["reason"],
            "Validation Failed: 1: id is missing;2: create operations only support internal versioning. use index instead;"
        );
        assert_eq!(call(&mut c, Method::Head, "/logs", "").0, 404, "the first item ran");
        // A malformed action line after a good one: the good one does not run either.
        let body =
            "{\"index\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n{\"a\":1}\n{\"upsert\":{\"_index\":\"logs\"}}\n{}\n";
        let (status, v) = call(&mut c, Method::Post, "/_bulk", body);
        assert_eq!(status, 400);
        assert_eq!(
            v["error"]["reason"],
            "Malformed action/metadata line [3], expected one of [create, delete, index, update] but found [upsert]"
        );
        assert_eq!(call(&mut c, Method::Head, "/logs", "").0, 404, "the first item ran");
    }

    #[test]
    fn search_filters_sources_by_body_and_url() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        call(&mut c, Method::Put, "/logs/_doc/1?refresh=true", r#"{"a":1,"b":{"c":2,"d":3}}"#);
        let source =
            |c: &mut Cluster, uri: &str, body: &str| call(c, Method::Post, uri, body).1["hits"]["hits"][0].clone();
        assert_eq!(source(&mut c, "/logs/_search", r#"{"_source":["b.c"]}"#)["_source"], json!({"b": {"c": 2}}));
        assert_eq!(
            source(&mut c, "/logs/_search", r#"{"_source":{"includes":["b.*"],"excludes":["b.d"]}}"#)["_source"],
            json!({"b": {"c": 2}})
        );
        assert_eq!(source(&mut c, "/logs/_search", r#"{"_source":false}"#).get("_source"), None);
        // The URL's parameters replace the body's `_source`.
        assert_eq!(
            source(&mut c, "/logs/_search?_source_excludes=b", r#"{"_source":false}"#)["_source"],
            json!({"a": 1})
        );
        assert_eq!(source(&mut c, "/logs/_search?_source=a", "")["_source"], json!({"a": 1}));
        assert_eq!(source(&mut c, "/logs/_search", "")["_source"], json!({"a": 1, "b": {"c": 2, "d": 3}}));
        call(&mut c, Method::Put, "/logs/_doc/2?refresh=true", r#"{"a":2}"#);
        let ids = |c: &mut Cluster, uri: &str, body: &str| -> Vec<Value> {
            let v = call(c, Method::Post, uri, body).1;
            v["hits"]["hits"].as_array().map(|h| h.iter().map(|h| h["_id"].clone()).collect()).unwrap_or_default()
        };
        assert_eq!(ids(&mut c, "/logs/_search", r#"{"query":{"term":{"_id":"2"}}}"#), [json!("2")]);
        assert_eq!(ids(&mut c, "/logs/_search", r#"{"query":{"term":{"_id":{"value":2}}}}"#), [json!("2")]);
        assert_eq!(ids(&mut c, "/logs/_search", r#"{"query":{"terms":{"_id":["1","3"]}}}"#), [json!("1")]);
        assert_eq!(ids(&mut c, "/logs/_search", r#"{"query":{"ids":{"values":["1","2"]}}}"#).len(), 2);
        assert_eq!(call(&mut c, Method::Post, "/logs/_count", r#"{"query":{"ids":{"values":["2"]}}}"#).1["count"], 1);
        // What the sandbox does not evaluate is refused, never ignored.
        let (status, v) = call(&mut c, Method::Get, "/logs/_search?docvalue_fields=a", "");
        assert_eq!(status, 400);
        assert_eq!(v["error"]["reason"], "the esops sandbox does not support [docvalue_fields] in search requests");
    }

    #[test]
    fn index_blocks_refuse_writes_like_es() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        call(&mut c, Method::Put, "/full", "{}");
        let (status, _) =
            call(&mut c, Method::Put, "/full/_settings", r#"{"index.blocks.read_only_allow_delete": true}"#);
        assert_eq!(status, 200);
        let (status, v) = call(&mut c, Method::Put, "/full/_doc/1", r#"{"a":1}"#);
        assert_eq!(status, 429);
        assert_eq!(
            v["error"]["reason"],
            "index [full] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];"
        );
        let (status, _) = call(&mut c, Method::Put, "/full/_settings", r#"{"index.number_of_replicas": 0}"#);
        assert_eq!(status, 429, "settings are metadata writes");
        let (status, _) =
            call(&mut c, Method::Put, "/full/_settings", r#"{"index.blocks.read_only_allow_delete": null}"#);
        assert_eq!(status, 200, "the block itself can always be lifted");
        assert_eq!(call(&mut c, Method::Put, "/full/_doc/1", r#"{"a":1}"#).0, 201);
        call(&mut c, Method::Put, "/full/_settings", r#"{"index.blocks.write": true}"#);
        let bulk = "{\"index\":{\"_index\":\"full\",\"_id\":\"2\"}}\n{\"a\":2}\n";
        let (_, v) = call(&mut c, Method::Post, "/_bulk", bulk);
        assert_eq!(v["items"][0]["index"]["status"], 403);
        assert_eq!(call(&mut c, Method::Get, "/full/_doc/1", "").0, 200, "reads stay allowed");
    }

    #[test]
    fn auto_creation_follows_the_setting_and_templates() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        call(
            &mut c,
            Method::Put,
            "/_cluster/settings",
            r#"{"persistent":{"action.auto_create_index":"+logs-*,-tmp-*"}}"#,
        );
        assert_eq!(call(&mut c, Method::Put, "/logs-a/_doc/1", "{}").0, 201);
        let (status, v) = call(&mut c, Method::Put, "/tmp-a/_doc/1", "{}");
        assert_eq!(status, 404);
        assert_eq!(
            v["error"]["reason"],
            "no such index [tmp-a] and [action.auto_create_index] contains [-tmp-*] which forbids automatic creation of the index"
        );
        assert_eq!(call(&mut c, Method::Put, "/other/_doc/1", "{}").0, 404);
        call(&mut c, Method::Put, "/_index_template/t", r#"{"index_patterns":["other*"],"allow_auto_create":true}"#);
        assert_eq!(call(&mut c, Method::Put, "/other/_doc/1", "{}").0, 201, "the template overrides the setting");
    }
}
