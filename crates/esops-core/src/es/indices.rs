//! Typed calls that change indices — rollover and deletion — and the reads only retention and
//! rollover need (index templates, the rollover actions of ILM policies). The whole-cluster reads
//! both share with the audit live in [`super::cluster_state`].

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::{Client, EsRequest, Method, RequestError};
use crate::lifecycle::ilm::{IlmRetrier, RetryFailure};
use crate::lifecycle::retention::RetentionSnapshot;
use crate::lifecycle::rollover::{RolloverAnswer, RolloverCondition, policy_rollover_conditions, request_body};

/// Percent-encodes one index, alias or data stream name for a URL path. Everything but
/// `A-Z a-z 0-9 - . _ ~` is encoded, so a name can never smuggle a `,`, `*`, `/` or `?` into the
/// expression Elasticsearch parses.
pub fn encode_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encodes an index expression (a name, alias, data stream or pattern) for a URL path:
/// like [`encode_name`], except that `*` stays a wildcard.
pub fn encode_expression(expression: &str) -> String {
    expression.split('*').map(encode_name).collect::<Vec<_>>().join("*")
}

/// The path naming explicit indices: `/a,b,c`, each name encoded (`DELETE` sends it as is,
/// other APIs append their endpoint).
pub fn index_list_path(names: &[String]) -> String {
    let encoded: Vec<String> = names.iter().map(|n| encode_name(n)).collect();
    format!("/{}", encoded.join(","))
}

/// The longest path esops sends when it lists index names (`DELETE /a,b,c`,
/// `POST /a,b,c/_ilm/retry`). Elasticsearch refuses request lines over 4 KB
/// (`http.max_initial_line_length`), and so do many proxies; the rest of the line (method, a
/// proxy path prefix, the query, `HTTP/1.1`) gets the remaining bytes.
pub const MAX_PATH_BYTES: usize = 3_800;

/// Splits `names` into batches whose path `/a,b,c{suffix}` (names percent-encoded) stays within
/// `max_path_bytes`: a few requests for hundreds of indices, each under the URL limits of
/// Elasticsearch and proxies. A name too long for any batch still gets a batch of its own.
pub fn index_list_batches(names: &[String], suffix: &str, max_path_bytes: usize) -> Vec<Vec<String>> {
    let mut batches: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    // The length of the path for `current`, kept as names are added: `/`, names, commas, suffix.
    let empty_len = 1 + suffix.len();
    let mut path_len = empty_len;
    for name in names {
        let encoded = encode_name(name).len();
        if !current.is_empty() && path_len + 1 + encoded > max_path_bytes {
            batches.push(std::mem::take(&mut current));
            path_len = empty_len;
        }
        path_len += encoded + usize::from(!current.is_empty());
        current.push(name.clone());
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

/// What follows the index names in a retry request.
pub const ILM_RETRY_SUFFIX: &str = "/_ilm/retry";

/// An index template, reduced to what retention reads from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexTemplateInfo {
    /// Template name.
    pub name: String,
    /// `index_patterns`.
    pub patterns: Vec<String>,
    /// `template.settings.index.lifecycle.name`, in any of its spellings (nested or flat).
    pub lifecycle_name: Option<String>,
}

fn lifecycle_name_of(settings: &Value) -> Option<String> {
    let candidates = [
        settings.pointer("/index/lifecycle/name"),
        settings.pointer("/index.lifecycle.name"),
        settings.pointer("/index/lifecycle.name"),
        settings.pointer("/lifecycle/name"),
        settings.pointer("/lifecycle.name"),
    ];
    candidates.into_iter().flatten().find_map(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Requests [`Client::retention_snapshot`] sends, whatever the number of indices.
pub const RETENTION_SNAPSHOT_REQUESTS: usize = 6;

impl Client {
    /// The cluster as retention sees it, in [`RETENTION_SNAPSHOT_REQUESTS`] concurrent requests
    /// whatever the number of indices: indices, aliases, data streams, settings, one
    /// `_ilm/explain` over everything, and the policies.
    pub async fn retention_snapshot(&self) -> Result<RetentionSnapshot, RequestError> {
        let (indices, aliases, data_streams, settings, explain, policies) = tokio::try_join!(
            self.cat_indices_all(),
            self.aliases_all(),
            self.data_streams_all(),
            self.index_settings_all(),
            self.ilm_explain_all(),
            self.ilm_policies(),
        )?;
        Ok(RetentionSnapshot::assemble(indices, &aliases, &data_streams, &settings, &explain, &policies))
    }

    /// `POST /{target}/_rollover` with `conditions`; `dry_run` only evaluates them (and is safe to
    /// repeat, so it is retried like a read).
    pub async fn rollover(
        &self,
        target: &str,
        conditions: &[RolloverCondition],
        dry_run: bool,
    ) -> Result<RolloverAnswer, RequestError> {
        let mut req =
            EsRequest::new(Method::Post, format!("/{}/_rollover", encode_name(target))).json(request_body(conditions));
        if dry_run {
            req = req.query("dry_run", "true").idempotent();
        }
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            new_index: String,
            #[serde(default)]
            rolled_over: bool,
            #[serde(default)]
            conditions: BTreeMap<String, bool>,
        }
        let raw: Raw = self.json(&req).await?;
        Ok(RolloverAnswer { new_index: raw.new_index, rolled_over: raw.rolled_over, conditions: raw.conditions })
    }

    /// `POST /a,b,c/_ilm/retry` — explicit names only. Elasticsearch moves every named index
    /// back to its failed step in one cluster state update: all of them, or (when one is not in
    /// `ERROR` or does not exist) none, with a 400 `illegal_argument_exception`.
    pub async fn ilm_retry(&self, names: &[String]) -> Result<(), RequestError> {
        if names.is_empty() {
            return Ok(()); // `POST /_ilm/retry` is no request for "nothing"
        }
        self.send(&EsRequest::new(Method::Post, format!("{}{ILM_RETRY_SUFFIX}", index_list_path(names))))
            .await
            .map(drop)
    }

    /// The rollover action of each ILM policy that has one (any phase; ILM only allows it in hot).
    pub async fn policy_rollover_conditions(&self) -> Result<BTreeMap<String, Vec<RolloverCondition>>, RequestError> {
        let req = EsRequest::get("/_ilm/policy").query("filter_path", "*.policy.phases.*.actions.rollover");
        let body: BTreeMap<String, Value> = self.json(&req).await?;
        Ok(body
            .into_iter()
            .filter_map(|(name, entry)| Some((name, policy_rollover_conditions(entry.get("policy")?)?)))
            .collect())
    }

    /// Every composable index template (`GET /_index_template`).
    pub async fn index_templates(&self) -> Result<Vec<IndexTemplateInfo>, RequestError> {
        let req = EsRequest::get("/_index_template").query(
            "filter_path",
            "index_templates.name,index_templates.index_template.index_patterns,\
             index_templates.index_template.composed_of,index_templates.index_template.template.settings",
        );
        let body: Value = self.json(&req).await?;
        // The policy is usually attached by a component template (as in esops's own policies/).
        let req = EsRequest::get("/_component_template")
            .query("filter_path", "component_templates.name,component_templates.component_template.template.settings");
        let components: BTreeMap<String, Value> = match self.json::<Value>(&req).await {
            Ok(v) => v
                .get("component_templates")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| Some((c.get("name")?.as_str()?.to_string(), c.get("component_template")?.clone())))
                .collect(),
            // No component templates at all: some versions answer 404.
            Err(e) if e.refusal().is_some_and(|r| r.status == 404) => BTreeMap::new(),
            Err(e) => return Err(e),
        };
        let templates = body.get("index_templates").and_then(Value::as_array).cloned().unwrap_or_default();
        Ok(templates
            .iter()
            .map(|t| {
                let name = t.get("name").and_then(Value::as_str).unwrap_or_default();
                template_info(name, t.get("index_template").unwrap_or(&Value::Null), &components)
            })
            .collect())
    }
}

/// An index template's patterns and the ILM policy it attaches, from its body (as GET returns it
/// or as declared) and the component templates by name. The policy is the template's own
/// `template.settings` if set, else that of the last component in `composed_of` that sets one —
/// Elasticsearch merges components in order and the template's own settings last.
pub fn template_info(name: &str, template: &Value, components: &BTreeMap<String, Value>) -> IndexTemplateInfo {
    let patterns = match template.get("index_patterns") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let own = template.pointer("/template/settings").and_then(lifecycle_name_of);
    let from_components = || {
        template
            .get("composed_of")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .rev()
            .find_map(|c| components.get(c)?.pointer("/template/settings").and_then(lifecycle_name_of))
    };
    IndexTemplateInfo { name: name.to_string(), patterns, lifecycle_name: own.or_else(from_components) }
}

impl IlmRetrier for Client {
    async fn retry(&self, names: &[String]) -> Result<(), RetryFailure> {
        self.ilm_retry(names).await.map_err(|e| retry_failure(&e))
    }
}

/// Sorts a refused retry by the two refusals Elasticsearch gives for an index of the request
/// (`TransportRetryAction`, ILM's `30_retry.yml` REST test): not in ERROR, or does not exist.
fn retry_failure(e: &RequestError) -> RetryFailure {
    match e.refusal() {
        Some(r) if r.status == 400 && r.error_type.as_deref() == Some("illegal_argument_exception") => {
            if r.reason.contains("that has not encountered an error when running a Lifecycle Policy") {
                RetryFailure::NotInError
            } else if r.reason.starts_with("index [") && r.reason.ends_with("] does not exist") {
                RetryFailure::Missing
            } else {
                RetryFailure::Other(e.to_string())
            }
        }
        _ => RetryFailure::Other(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_encoded_so_they_stay_one_name() {
        assert_eq!(encode_name("python-logs-2024.03.15"), "python-logs-2024.03.15");
        assert_eq!(encode_name("a,b*"), "a%2Cb%2A");
        assert_eq!(encode_name("é"), "%C3%A9");
        assert_eq!(index_list_path(&["a".into(), "b+c".into()]), "/a,b%2Bc");
    }

    #[test]
    fn expressions_keep_their_wildcards() {
        assert_eq!(encode_expression("python-logs-*"), "python-logs-*");
        assert_eq!(encode_expression("*"), "*");
        assert_eq!(encode_expression("<logs-{now/d}>"), "%3Clogs-%7Bnow%2Fd%7D%3E");
    }

    #[test]
    fn retry_refusals_are_sorted_by_what_elasticsearch_says() {
        use crate::es::ClusterRefusal;
        let refused = |status, body: serde_json::Value| {
            RequestError::Refused(Box::new(ClusterRefusal::from_response(
                status,
                "POST /x/_ilm/retry".into(),
                &body.to_string(),
            )))
        };
        let iae = |reason: &str| {
            json!({"error": {"root_cause": [{"type": "illegal_argument_exception", "reason": reason}],
                "type": "illegal_argument_exception", "reason": reason}, "status": 400})
        };
        let not_in_error = iae(
            "cannot retry an action for an index [x] that has not encountered an error when running a Lifecycle Policy",
        );
        assert_eq!(retry_failure(&refused(400, not_in_error)), RetryFailure::NotInError);
        assert_eq!(retry_failure(&refused(400, iae("index [x] does not exist"))), RetryFailure::Missing);
        assert!(matches!(retry_failure(&refused(400, iae("something else"))), RetryFailure::Other(_)));
        let forbidden = json!({"error": {"type": "security_exception", "reason": "action [indices:admin/ilm/retry] is unauthorized"}, "status": 403});
        assert!(matches!(retry_failure(&refused(403, forbidden)), RetryFailure::Other(m) if m.contains("403")));
    }

    #[test]
    fn batches_count_the_path_suffix() {
        let names: Vec<String> = (0..50).map(|i| format!("logs-{i:04}")).collect();
        let suffix = "/_ilm/retry";
        let batches = index_list_batches(&names, suffix, 100);
        assert!(batches.len() > 1);
        assert_eq!(batches.concat(), names);
        for b in &batches {
            assert!(format!("{}{suffix}", index_list_path(b)).len() <= 100, "{b:?}");
        }
        // A name longer than the limit is still sent, alone.
        let long = vec!["x".repeat(120), "y".into()];
        assert_eq!(index_list_batches(&long, "", 100), [vec!["x".repeat(120)], vec!["y".to_string()]]);
    }

    #[test]
    fn lifecycle_name_in_nested_and_flat_settings() {
        assert_eq!(lifecycle_name_of(&json!({"index": {"lifecycle": {"name": "p"}}})).as_deref(), Some("p"));
        assert_eq!(lifecycle_name_of(&json!({"index.lifecycle.name": "p"})).as_deref(), Some("p"));
        assert_eq!(lifecycle_name_of(&json!({"index": {"lifecycle.name": "p"}})).as_deref(), Some("p"));
        assert_eq!(lifecycle_name_of(&json!({"index": {"number_of_shards": "1"}})), None);
    }
}
