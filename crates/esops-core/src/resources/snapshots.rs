//! Snapshot repositories and SLM policies as declared resources.
//!
//! A `snapshot_repository` is `type` and `settings`, checked per type against the settings
//! Elasticsearch reads for it (ES itself silently stores a misspelt setting, so a typo in
//! `bucket` would only show at the first snapshot). Credentials never belong in YAML: ES reads
//! them from its keystore, and the error says which keystore entry to add.
//!
//! An `slm_policy` is `schedule` (ES's cron), `snapshot_name` (date math allowed; sent as ES's
//! `name`, since `name` is the resource's), `repository`, `config` and `retention`.

use es_syntax::cron::Cron;
use serde_json::{Map, Value};

use super::diagnostic::Code;
use super::report::{At, Report, child};
use super::schema::{Field, Ty, check_object, check_type, unknown_key};

/// Settings every blob-store repository type reads.
const COMMON_SETTINGS: [&str; 6] = [
    "compress",
    "chunk_size",
    "max_restore_bytes_per_sec",
    "max_snapshot_bytes_per_sec",
    "readonly",
    "max_number_of_snapshots",
];

/// The repository types of the default distribution and the HDFS plugin, with the settings each
/// reads (besides [`COMMON_SETTINGS`]) and the ones it requires.
const TYPES: [(&str, &[&str], &[&str]); 7] = [
    ("fs", &["location"], &["location"]),
    ("url", &["url", "http_max_retries", "http_socket_timeout"], &["url"]),
    ("source", &["delegate_type"], &["delegate_type"]),
    (
        "s3",
        &[
            "bucket",
            "client",
            "base_path",
            "buffer_size",
            "canned_acl",
            "server_side_encryption",
            "storage_class",
            "max_multipart_parts",
            "max_multipart_upload_cleanup_size",
            "delete_objects_max_size",
            "get_register_retry_delay",
            "throttled_delete_retry.delay_increment",
            "throttled_delete_retry.maximum_delay",
            "throttled_delete_retry.maximum_number_of_retries",
        ],
        &["bucket"],
    ),
    ("gcs", &["bucket", "client", "base_path", "application_name"], &["bucket"]),
    (
        "azure",
        &[
            "client",
            "container",
            "base_path",
            "location_mode",
            "max_single_part_upload_size",
            "delete_objects_max_size",
            "max_concurrent_batch_deletes",
        ],
        &[],
    ),
    ("hdfs", &["uri", "path", "load_defaults", "security.principal"], &["uri", "path"]),
];

/// Settings that are secrets, with the keystore entry (per client) that holds them instead.
const SECRETS: [(&str, &str, &str); 9] = [
    ("s3", "access_key", "s3.client.CLIENT.access_key"),
    ("s3", "secret_key", "s3.client.CLIENT.secret_key"),
    ("s3", "session_token", "s3.client.CLIENT.session_token"),
    ("gcs", "credentials_file", "gcs.client.CLIENT.credentials_file"),
    ("azure", "account", "azure.client.CLIENT.account"),
    ("azure", "key", "azure.client.CLIENT.key"),
    ("azure", "sas_token", "azure.client.CLIENT.sas_token"),
    ("url", "password", "a URL without credentials and repositories.url.allowed_urls"),
    ("hdfs", "keytab", "the node's config directory (repository-hdfs/krb5.keytab)"),
];

/// Repository settings as Elasticsearch stores them: flat keys (`a.b`), scalar values as strings.
pub fn flat_settings(settings: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    flatten_into("", settings, &mut out);
    out
}

fn flatten_into(prefix: &str, value: &Value, out: &mut Map<String, Value>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten_into(&key, v, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), Value::String(s.clone()));
        }
        Value::Null => {
            out.insert(prefix.to_string(), Value::Null);
        }
        Value::Array(items) => {
            out.insert(prefix.to_string(), Value::Array(items.iter().map(|v| Value::String(scalar(v))).collect()));
        }
        other => {
            out.insert(prefix.to_string(), Value::String(scalar(other)));
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks a `snapshot_repository` body.
pub fn check_repository(r: &mut Report, body: &Value) {
    const FIELDS: [Field; 2] = [("type", Ty::Str), ("settings", Ty::Object)];
    let Some(map) = check_object(r, "", body, "a snapshot_repository", &FIELDS, &["type"]) else { return };
    let Some(kind) = map.get("type").and_then(Value::as_str) else { return };
    let settings = map.get("settings").cloned().unwrap_or_else(|| Value::Object(Map::new()));
    check_settings(r, kind, &settings, "/settings");
}

/// Checks repository `settings` of type `kind` (recursing into a `source` repository's delegate).
fn check_settings(r: &mut Report, kind: &str, settings: &Value, pointer: &str) {
    let types: Vec<&str> = TYPES.iter().map(|(t, _, _)| *t).collect();
    let Some((_, own, required)) = TYPES.iter().find(|(t, _, _)| *t == kind) else {
        let reported = r.error(Code::InvalidValue, At::Value("/type"), format!("unknown repository type `{kind}`"));
        match crate::suggest::did_you_mean(kind, &types) {
            Some(best) => reported.hint(format!("did you mean `{best}`?")),
            None => reported.hint(format!("types are {}", types.join(", "))),
        }
        return;
    };
    let flat = flat_settings(settings);
    let delegate = flat.get("delegate_type").and_then(Value::as_str).filter(|_| kind == "source");
    let delegate_settings: &[&str] =
        delegate.and_then(|d| TYPES.iter().find(|(t, _, _)| *t == d)).map_or(&[], |(_, own, _)| own);
    let mut known: Vec<&str> = own.iter().chain(COMMON_SETTINGS.iter()).chain(delegate_settings).copied().collect();
    known.push("read_only");
    for (key, value) in &flat {
        let at = settings_pointer(pointer, settings, key);
        if let Some((_, _, keystore)) =
            SECRETS.iter().find(|(t, k, _)| (*t == kind || Some(*t) == delegate) && k == key)
        {
            r.error(
                Code::SecretInYaml,
                At::Key(&at),
                format!("`{key}` is a credential: it never goes in a config file (nor in Elasticsearch's repository settings)"),
            )
            .hint(format!(
                "put it in the Elasticsearch keystore of every node: `bin/elasticsearch-keystore add {keystore}` (CLIENT is the repository's `client`, `default` unless set), then `POST _nodes/reload_secure_settings`"
            ));
            continue;
        }
        let conf = kind == "hdfs" && key.starts_with("conf.");
        if !known.contains(&key.as_str()) && !conf {
            unknown_key(r, At::Key(&at), key, &format!("the settings of a `{kind}` repository"), &known);
            continue;
        }
        match key.as_str() {
            "compress" | "readonly" | "read_only" | "load_defaults"
                if !matches!(value.as_str(), Some("true" | "false")) =>
            {
                r.error(Code::WrongType, At::Value(&at), format!("`{key}` must be true or false"));
            }
            "chunk_size" | "max_restore_bytes_per_sec" | "max_snapshot_bytes_per_sec" | "buffer_size" => {
                check_type(r, &at, value, key, Ty::ByteSize);
            }
            "delegate_type" if value.as_str() == Some("source") || !types.contains(&value.as_str().unwrap_or("")) => {
                r.error(
                    Code::InvalidValue,
                    At::Value(&at),
                    format!(
                        "`delegate_type` must be the type of the repository that stores the data ({})",
                        types[..6].join(", ").replace("source, ", "")
                    ),
                );
            }
            "url" if !value.as_str().is_some_and(|u| u.contains(':')) => {
                r.error(Code::InvalidValue, At::Value(&at), "`url` must be a URL (file:, http:, https:, ftp: or jar:)")
                    .hint("http(s) and ftp URLs must also be listed in the nodes' repositories.url.allowed_urls");
            }
            "url"
                if value.as_str().is_some_and(|u| {
                    u.split_once("://")
                        .is_some_and(|(_, rest)| rest.split('/').next().is_some_and(|host| host.contains('@')))
                }) =>
            {
                r.error(Code::SecretInYaml, At::Value(&at), "`url` carries credentials (user:password@host)")
                    .hint("credentials never go in a config file: serve the repository without them, or use another repository type whose client reads them from the keystore");
            }
            _ => {}
        }
    }
    let required: Vec<&str> =
        required
            .iter()
            .copied()
            .chain(delegate.into_iter().flat_map(|d| {
                TYPES.iter().find(|(t, _, _)| *t == d).map_or(&[][..], |(_, _, req)| req).iter().copied()
            }))
            .collect();
    for key in required {
        if !flat.contains_key(key) {
            let at =
                if settings.is_object() && settings.as_object().is_some_and(|m| !m.is_empty()) { pointer } else { "" };
            r.error(Code::MissingKey, At::Key(at), format!("a `{kind}` repository needs `settings.{key}`"));
        }
    }
}

/// The pointer of flat key `key` in `settings` as written: nested (`a/b`) or flat (`a.b`).
fn settings_pointer(pointer: &str, settings: &Value, key: &str) -> String {
    if settings.get(key).is_some() {
        return child(pointer, key);
    }
    key.split('.').fold(pointer.to_string(), |p, part| child(&p, part))
}

/// Checks an `slm_policy` body as declared (`snapshot_name` still under its YAML key).
pub fn check_slm_policy(r: &mut Report, body: &Value) {
    const FIELDS: [Field; 5] = [
        ("schedule", Ty::Str),
        ("snapshot_name", Ty::Str),
        ("repository", Ty::Str),
        ("config", Ty::Object),
        ("retention", Ty::Object),
    ];
    let Some(map) = check_object(r, "", body, "an slm_policy", &FIELDS, &["schedule", "snapshot_name", "repository"])
    else {
        return;
    };
    if let Some(schedule) = map.get("schedule").and_then(Value::as_str)
        && let Err(why) = Cron::parse(schedule)
    {
        r.error(Code::Schedule, At::Value("/schedule"), format!("`schedule`: {why}")).hint(
            "SLM schedules are Elasticsearch cron expressions in UTC: seconds minutes hours day-of-month month day-of-week, e.g. `0 30 1 * * ?` (01:30 every day)",
        );
    } else if let Some(schedule) = map.get("schedule").and_then(Value::as_str)
        && let Some(interval) = interval_millis(schedule)
        && interval < 15 * 60 * 1000
    {
        r.error(
            Code::Schedule,
            At::Value("/schedule"),
            format!("`schedule` `{schedule}` runs every {}s: more often than SLM's minimum interval (slm.minimum_interval, 15m)", interval / 1000),
        )
        .hint("Elasticsearch refuses it; snapshot at most every 15 minutes");
    }
    if let Some(name) = map.get("snapshot_name").and_then(Value::as_str) {
        check_snapshot_name(r, name);
    }
    if let Some(config) = map.get("config") {
        const CONFIG: [Field; 6] = [
            ("indices", Ty::StrOrList),
            ("ignore_unavailable", Ty::Bool),
            ("include_global_state", Ty::Bool),
            ("partial", Ty::Bool),
            ("feature_states", Ty::List),
            ("metadata", Ty::Object),
        ];
        check_object(r, "/config", config, "`config`", &CONFIG, &[]);
        if config.get("metadata").and_then(|m| m.get("policy")).is_some() {
            r.error(
                Code::InvalidValue,
                At::Key("/config/metadata/policy"),
                "`config.metadata.policy` is reserved: SLM writes the policy's name there",
            );
        }
    }
    if let Some(retention) = map.get("retention") {
        const RETENTION: [Field; 3] =
            [("expire_after", Ty::Duration), ("min_count", Ty::Positive), ("max_count", Ty::Positive)];
        check_object(r, "/retention", retention, "`retention`", &RETENTION, &[]);
        let count = |k: &str| retention.get(k).and_then(Value::as_i64);
        if let (Some(min), Some(max)) = (count("min_count"), count("max_count"))
            && min > max
        {
            r.error(
                Code::InvalidValue,
                At::Value("/retention/min_count"),
                format!("`min_count` {min} is larger than `max_count` {max}"),
            );
        }
    }
}

/// Seconds between the next two runs of a cron schedule, from now on (the shortest gap decides
/// in practice; ES checks the next one the same way).
fn interval_millis(schedule: &str) -> Option<i64> {
    let cron = Cron::parse(schedule).ok()?;
    // A fixed start keeps validation reproducible: 2024-01-01T00:00:00Z.
    let first = cron.next_after(1_704_067_200_000)?;
    Some(cron.next_after(first)? - first)
}

/// ES's snapshot name rules, applied to the static parts of a date-math name.
fn check_snapshot_name(r: &mut Report, name: &str) {
    let static_text = static_parts(name);
    let problem = if name.is_empty() {
        Some("must not be empty".to_string())
    } else if static_text.starts_with('_') {
        Some("must not start with `_`".to_string())
    } else if static_text.chars().any(|c| c.is_ascii_uppercase()) {
        Some("must be lower case".to_string())
    } else {
        static_text.chars().find(|c| " \",*\\<|>/?#".contains(*c)).map(|c| format!("must not contain `{c}`"))
    };
    if let Some(problem) = problem {
        r.error(Code::InvalidValue, At::Value("/snapshot_name"), format!("`snapshot_name` `{name}` {problem}"))
            .hint("e.g. `<nightly-{now/d}>`: SLM adds a unique suffix to each snapshot's name");
    } else if name.starts_with('<') && !name.ends_with('>') || name.matches('{').count() != name.matches('}').count() {
        r.error(
            Code::InvalidValue,
            At::Value("/snapshot_name"),
            format!("`snapshot_name` `{name}` is not valid date math"),
        )
        .hint("date math is written `<static-{now/d}>`, e.g. `<nightly-{now/d{yyyy.MM.dd}}>`");
    }
}

/// The literal text of a name, date-math expressions (`{…}`) and the `<…>` wrapper removed.
fn static_parts(name: &str) -> String {
    let inner = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')).unwrap_or(name);
    let mut out = String::new();
    let mut depth = 0;
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The SLM policy body Elasticsearch takes: the YAML's `snapshot_name` becomes ES's `name`.
pub fn slm_put_body(declared: &Value) -> Value {
    let mut body = declared.as_object().cloned().unwrap_or_default();
    if let Some(name) = body.remove("snapshot_name") {
        body.insert("name".into(), name);
    }
    Value::Object(body)
}

/// The YAML form of an SLM policy body: ES's `name` becomes `snapshot_name`.
pub fn slm_yaml_body(put: &Value) -> Value {
    let mut body = put.as_object().cloned().unwrap_or_default();
    if let Some(name) = body.remove("name") {
        body.insert("snapshot_name".into(), name);
    }
    Value::Object(body)
}

/// The SLM policies an ILM policy body waits for (`wait_for_snapshot.policy`), with pointers.
pub fn waited_slm_policies(policy_body: &Value) -> Vec<(String, String)> {
    let phases = policy_body.get("policy").and_then(|p| p.get("phases")).and_then(Value::as_object);
    phases
        .into_iter()
        .flatten()
        .filter_map(|(phase, def)| {
            let name = def.get("actions")?.get("wait_for_snapshot")?.get("policy")?.as_str()?;
            Some((name.to_string(), format!("/policy/phases/{phase}/actions/wait_for_snapshot/policy")))
        })
        .collect()
}

/// The repositories an ILM policy body's `searchable_snapshot` actions use, with pointers.
pub fn searchable_snapshot_repositories(policy_body: &Value) -> Vec<(String, String)> {
    let phases = policy_body.get("policy").and_then(|p| p.get("phases")).and_then(Value::as_object);
    phases
        .into_iter()
        .flatten()
        .filter_map(|(phase, def)| {
            let name = def.get("actions")?.get("searchable_snapshot")?.get("snapshot_repository")?.as_str()?;
            Some((name.to_string(), format!("/policy/phases/{phase}/actions/searchable_snapshot/snapshot_repository")))
        })
        .collect()
}
