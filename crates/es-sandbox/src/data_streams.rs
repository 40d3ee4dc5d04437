//! Data streams: create (from a matching template with `data_stream`), get and delete, with
//! backing indices named `.ds-NAME-yyyy.MM.dd-00000N`.

use serde_json::{Map, Value, json};

use super::data_stream_lifecycle;
use super::error::{EsError, EsResult};
use super::expression::{self, parse_expand_wildcards, simple_match, split_list};
use super::failure_store::{self, FailureStore};
use super::http::{SandboxRequest, SandboxResponse};
use super::ilm;
use super::indices::{self, Health, Origin};
use super::rollover::backing_index_name;
use super::settings;
use super::state::{Cluster, DataStream, Index};
use super::templates;
use super::version::EsVersion;

fn validate_name(name: &str) -> EsResult<()> {
    let invalid = |why: &str| EsError::illegal_argument(format!("data_stream [{name}] {why}"));
    for c in ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':'] {
        if name.contains(c) {
            return Err(invalid(&format!("must not contain '{c}'")));
        }
    }
    if name != name.to_lowercase() {
        return Err(invalid("must be lowercase"));
    }
    if name.starts_with(['_', '-', '+']) {
        return Err(invalid("must not start with '_', '-', or '+'"));
    }
    if name.starts_with(".ds-") {
        return Err(invalid("must not start with '.ds-'"));
    }
    Ok(())
}

/// Creates a data stream and its first backing index. The name must match a template with `data_stream`.
pub fn create_data_stream(cluster: &mut Cluster, name: &str) -> EsResult<()> {
    validate_name(name)?;
    if cluster.data_streams.contains_key(name) {
        return Err(EsError::new(
            400,
            "resource_already_exists_exception",
            format!("data_stream [{name}] already exists"),
        ));
    }
    let template = templates::resolve_for_new_index(cluster, name).filter(|t| t.data_stream).ok_or_else(|| {
        EsError::illegal_argument(format!("no matching index template found for data stream [{name}]"))
    })?;
    let backing = backing_index_name(name, 1, cluster.now_millis());
    let created = indices::create_index(cluster, &backing, &json!({}), Origin::DataStreamBacking(name.to_string()))?;
    let meta = cluster.index_templates.get(&template.name).and_then(|t| t.get("_meta")).cloned();
    // The data stream keeps the options its template gave it (`MetadataCreateDataStreamService`).
    if failure_store_ga(cluster.version) {
        let store = FailureStore { options: template.data_stream_options.clone(), indices: Vec::new() };
        cluster.failure_stores.insert(name.to_string(), store);
    }
    cluster.data_streams.insert(
        name.to_string(),
        DataStream {
            name: name.to_string(),
            indices: vec![created],
            generation: 1,
            template: template.name,
            hidden: template.hidden,
            meta,
            lifecycle: template
                .lifecycle
                .as_ref()
                .and_then(Value::as_object)
                .filter(|_| cluster.version.at_least(8, 11))
                .map(crate::data_stream_lifecycle::stored_form),
        },
    );
    Ok(())
}

/// `PUT /_data_stream/{name}`
pub fn create(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = req.param("name").unwrap_or_default();
    create_data_stream(cluster, name)?;
    if let Some(first) = cluster.data_streams.get(name).and_then(|ds| ds.indices.first().cloned()) {
        ilm::engine::run_index(cluster, &first);
    }
    Ok(SandboxResponse::acknowledged())
}

/// Data streams selected by a name expression (comma list, wildcards); exact misses are INF.
pub(crate) fn select(cluster: &Cluster, req: &SandboxRequest) -> EsResult<Vec<String>> {
    let expand = match req.param("expand_wildcards") {
        Some(e) => parse_expand_wildcards(e)?,
        None => expression::Expand { open: true, closed: false, hidden: false },
    };
    let mut names = split_list(req.param("name"));
    if names.is_empty() || names == ["_all"] {
        names = vec!["*".to_string()];
    }
    let mut out = Vec::new();
    for pattern in &names {
        if pattern.contains('*') {
            out.extend(
                cluster
                    .data_streams
                    .values()
                    .filter(|ds| simple_match(pattern, &ds.name))
                    .filter(|ds| !ds.hidden || expand.hidden || (pattern.starts_with('.') && ds.name.starts_with('.')))
                    .map(|ds| ds.name.clone()),
            );
        } else if cluster.data_streams.contains_key(pattern) {
            out.push(pattern.clone());
        } else {
            return Err(EsError::index_not_found(pattern));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Who manages a data stream's next generation or one backing index (8.11+): ILM when a policy is
/// set and either `prefer_ilm` holds or no enabled data stream lifecycle competes, else the data
/// stream lifecycle when enabled, else nobody.
fn managed_by(ilm_policy: Option<&str>, prefer_ilm: bool, lifecycle_enabled: bool) -> &'static str {
    match (ilm_policy.is_some(), lifecycle_enabled) {
        (true, false) => "Index Lifecycle Management",
        (true, true) if prefer_ilm => "Index Lifecycle Management",
        (_, true) => "Data stream lifecycle",
        (false, false) => "Unmanaged",
    }
}

/// Whether the failure store is generally available, and so written by `GET /_data_stream`: 8.19
/// and 9.1 on (a feature flag of snapshot builds before).
pub(crate) fn failure_store_ga(v: EsVersion) -> bool {
    v.at_least(9, 1) || (v.major == 8 && v.at_least(8, 19))
}

/// `index.mode` as ES reports it (`IndexMode.toString()`): `standard` unless set.
fn index_mode(index: &Index) -> &str {
    index.setting("index.mode").unwrap_or("standard")
}

/// `GET /_data_stream[/{name}]`
pub fn get(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let v = cluster.version;
    let mut streams = Vec::new();
    for name in select(cluster, req)? {
        let ds = &cluster.data_streams[&name];
        // ES reads these from the template that matches the data stream now.
        let template = templates::resolve_for_new_index(cluster, &name).filter(|t| t.data_stream);
        let template_setting =
            |key: &str| template.as_ref().and_then(|t| settings::get(&t.settings, key)).map(str::to_string);
        let template_policy = template_setting("index.lifecycle.name").filter(|p| !p.is_empty());
        let template_prefers_ilm = template_setting("index.lifecycle.prefer_ilm").is_none_or(|p| p != "false");
        // The data stream's own lifecycle, not the template's: ES copies it at creation.
        let lifecycle = ds.lifecycle.clone();
        let lifecycle_enabled = lifecycle.as_ref().is_some_and(|l| l.get("enabled") != Some(&json!(false)));
        let mut status = Health::Green;
        let mut backing = Vec::new();
        for index_name in &ds.indices {
            let Some(index) = cluster.indices.get(index_name) else {
                continue;
            };
            status = status.max(index.health(cluster.nodes));
            let mut entry = json!({"index_name": index.name, "index_uuid": index.uuid});
            if v.at_least(8, 11) {
                let policy = index.setting("index.lifecycle.name").filter(|p| !p.is_empty());
                let prefer_ilm = index.setting("index.lifecycle.prefer_ilm") != Some("false");
                entry["prefer_ilm"] = json!(prefer_ilm);
                if let Some(p) = policy {
                    entry["ilm_policy"] = json!(p);
                }
                entry["managed_by"] = json!(managed_by(policy, prefer_ilm, lifecycle_enabled));
            }
            if failure_store_ga(v) {
                entry["index_mode"] = json!(index_mode(index));
            }
            backing.push(entry);
        }
        let mut body = Map::new();
        body.insert("name".into(), json!(ds.name));
        body.insert("timestamp_field".into(), json!({"name": "@timestamp"}));
        body.insert("indices".into(), Value::Array(backing));
        body.insert("generation".into(), json!(ds.generation));
        if let Some(meta) = &ds.meta {
            body.insert("_meta".into(), meta.clone());
        }
        body.insert("status".into(), json!(status.as_str().to_uppercase()));
        body.insert("template".into(), json!(ds.template));
        if v.at_least(8, 11)
            && let Some(l) = &lifecycle
        {
            // With the effective retention, as `GET /_data_stream/{name}/_lifecycle` shows it.
            body.insert("lifecycle".into(), data_stream_lifecycle::shown(cluster, &name, l, false));
        }
        if let Some(p) = &template_policy {
            body.insert("ilm_policy".into(), json!(p));
        }
        if v.at_least(8, 11) {
            body.insert(
                "next_generation_managed_by".into(),
                json!(managed_by(template_policy.as_deref(), template_prefers_ilm, lifecycle_enabled)),
            );
            body.insert("prefer_ilm".into(), json!(template_prefers_ilm));
        }
        body.insert("hidden".into(), json!(ds.hidden));
        body.insert("system".into(), json!(false));
        if v.major >= 8 {
            body.insert("allow_custom_routing".into(), json!(false));
        }
        body.insert("replicated".into(), json!(false));
        if v.at_least(8, 13) {
            body.insert("rollover_on_write".into(), json!(false));
        }
        // 8.19 and 9.1 (the failure store's GA) write the write index's mode, the data stream's own
        // settings (none until `PUT /_data_stream/{name}/_settings`) and the failure store
        // (`GetDataStreamAction.Response.DataStreamInfo.toXContent`). The failure store is created
        // lazily on the first failed document, so it rolls over on that write.
        if failure_store_ga(v) {
            if let Some(write) = ds.indices.last().and_then(|i| cluster.indices.get(i)) {
                body.insert("index_mode".into(), json!(index_mode(write)));
            }
            body.insert("settings".into(), json!({}));
            let failure_indices: Vec<Value> = failure_store::indices_of(cluster, &name)
                .iter()
                .filter_map(|i| cluster.indices.get(i))
                .map(|index| {
                    json!({"index_name": index.name, "index_uuid": index.uuid, "prefer_ilm": true,
                           "managed_by": managed_by(None, true, lifecycle_enabled), "index_mode": index_mode(index)})
                })
                .collect();
            body.insert(
                "failure_store".into(),
                json!({
                    "enabled": failure_store::enabled(cluster, &name),
                    "rollover_on_write": failure_indices.is_empty(),
                    "indices": failure_indices,
                }),
            );
        }
        streams.push(Value::Object(body));
    }
    Ok(SandboxResponse::ok(json!({"data_streams": streams})))
}

/// `DELETE /_data_stream/{name}`: removes the streams and all their backing indices.
pub fn delete(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    for name in select(cluster, req)? {
        if let Some(ds) = cluster.data_streams.remove(&name) {
            for index in ds.indices {
                cluster.indices.remove(&index);
            }
        }
        failure_store::remove(cluster, &name);
    }
    Ok(SandboxResponse::acknowledged())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Method, ResponseBody};
    use crate::router::test_request as request;
    use crate::version::EsVersion;

    fn json_of(r: SandboxResponse) -> Value {
        match r.body {
            ResponseBody::Json(v) => v,
            other => panic!("not JSON: {other:?}"),
        }
    }

    #[test]
    fn create_get_and_delete_with_backing_indices() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_505_800_000);
        let template = json!({"index_patterns": ["logs-*"], "data_stream": {},
            "template": {"settings": {"index.lifecycle.name": "logs"}}});
        templates::put_index_template(&mut c, &request(Method::Put, "/_index_template/logs", template)).unwrap();
        let e = create(&mut c, &request(Method::Put, "/_data_stream/other", Value::Null)).unwrap_err();
        assert_eq!(e.reason, "no matching index template found for data stream [other]");
        create(&mut c, &request(Method::Put, "/_data_stream/logs-app", Value::Null)).unwrap();
        let e = create(&mut c, &request(Method::Put, "/_data_stream/logs-app", Value::Null)).unwrap_err();
        assert_eq!(e.kind, "resource_already_exists_exception");
        let backing = ".ds-logs-app-2024.03.15-000001";
        assert_eq!(c.indices[backing].setting("index.hidden"), Some("true"));

        let got = json_of(get(&c, &request(Method::Get, "/_data_stream/logs-*", Value::Null)).unwrap());
        let ds = &got["data_streams"][0];
        assert_eq!(ds["indices"][0]["index_name"], backing);
        assert_eq!(ds["indices"][0]["ilm_policy"], "logs");
        assert_eq!(ds["ilm_policy"], "logs");
        assert_eq!(ds["next_generation_managed_by"], "Index Lifecycle Management");
        assert_eq!(ds["status"], "YELLOW");
        assert_eq!(ds["template"], "logs");
        let none = json_of(get(&c, &request(Method::Get, "/_data_stream/nothing-*", Value::Null)).unwrap());
        assert_eq!(none, json!({"data_streams": []}));
        assert_eq!(get(&c, &request(Method::Get, "/_data_stream/nothing", Value::Null)).unwrap_err().status, 404);

        delete(&mut c, &request(Method::Delete, "/_data_stream/logs-app", Value::Null)).unwrap();
        assert!(c.data_streams.is_empty());
        assert!(!c.indices.contains_key(backing));
    }

    #[test]
    fn the_failure_store_ga_versions_write_settings_failure_store_and_index_modes() {
        let shape = |version: EsVersion, options: Value| {
            let mut c = Cluster::new(version, 1_710_505_800_000);
            let mut template = json!({"index_patterns": ["logs-*"], "data_stream": {}});
            if !options.is_null() {
                template["template"] = json!({"data_stream_options": options});
            }
            templates::put_index_template(&mut c, &request(Method::Put, "/_index_template/logs", template)).unwrap();
            create(&mut c, &request(Method::Put, "/_data_stream/logs-app", Value::Null)).unwrap();
            json_of(get(&c, &request(Method::Get, "/_data_stream/logs-app", Value::Null)).unwrap())["data_streams"][0]
                .take()
        };
        for version in [EsVersion::new(9, 1, 0), EsVersion::new(8, 19, 0)] {
            let ds = shape(version, Value::Null);
            assert_eq!(ds["settings"], json!({}), "{version}");
            assert_eq!(ds["failure_store"], json!({"enabled": false, "rollover_on_write": true, "indices": []}));
            assert_eq!(ds["index_mode"], "standard");
            assert_eq!(ds["indices"][0]["index_mode"], "standard");
        }
        let ds = shape(EsVersion::new(9, 1, 0), json!({"failure_store": {"enabled": true}}));
        assert_eq!(ds["failure_store"]["enabled"], true);
        for version in [EsVersion::new(9, 0, 0), EsVersion::new(8, 18, 0)] {
            let ds = shape(version, Value::Null);
            assert!(ds.get("settings").is_none() && ds.get("failure_store").is_none(), "{version}: {ds}");
            assert!(ds["indices"][0].get("index_mode").is_none());
        }
    }

    #[test]
    fn who_manages_a_generation() {
        assert_eq!(managed_by(Some("p"), true, true), "Index Lifecycle Management");
        assert_eq!(managed_by(Some("p"), false, true), "Data stream lifecycle");
        assert_eq!(managed_by(Some("p"), false, false), "Index Lifecycle Management");
        assert_eq!(managed_by(None, true, false), "Unmanaged");
    }
}
