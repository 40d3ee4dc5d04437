//! Typed calls that change indices — rollover and deletion — and the reads only retention and
//! rollover need (index templates, the rollover actions of ILM policies). The whole-cluster reads
//! both share with the audit live in [`super::cluster_state`].

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::{Client, EsRequest, Method, RequestError};
use crate::lifecycle::bootstrap::{
    BootstrapKind, BootstrapPlan, ExistingNames, NameOwner, first_index_name, template_view,
};
use crate::lifecycle::ilm::{BatchAnswer, BatchFailure, IlmVerb, IlmVerbSender};
use crate::lifecycle::ilm_change::StepKey;
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

/// What follows the index names in each [`IlmVerb`]'s request: batches are cut to fit it.
pub fn verb_suffix(verb: &IlmVerb) -> &'static str {
    match verb {
        IlmVerb::Retry => "/_ilm/retry",
        IlmVerb::Attach { .. } | IlmVerb::Switch { .. } => "/_settings",
        IlmVerb::Detach => "/_ilm/remove",
    }
}

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

/// Requests [`Client::retention_snapshot`] sends, whatever the number of indices.
pub const RETENTION_SNAPSHOT_REQUESTS: usize = 6;

impl Client {
    /// The cluster as retention sees it, in [`RETENTION_SNAPSHOT_REQUESTS`] concurrent requests
    /// whatever the number of indices: indices, aliases, data streams, settings, one
    /// `_ilm/explain` over everything, and the policies.
    pub async fn retention_snapshot(&self) -> Result<RetentionSnapshot, RequestError> {
        // Which lifecycle engine answers (ILM or OpenSearch's ISM) is known from the `GET /` a
        // command sends first; asked here once otherwise, not by each concurrent read.
        self.distribution().await?;
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

    /// `POST /a,b,c/_ilm/retry`, `PUT /a,b,c/_settings` or `POST /a,b,c/_ilm/remove` — explicit
    /// names only. Elasticsearch changes every named index in one cluster state update: all of
    /// them, or (when one is missing, or for a retry not in `ERROR`) none.
    pub async fn ilm_verb(&self, verb: &IlmVerb, names: &[String]) -> Result<BatchAnswer, RequestError> {
        if names.is_empty() {
            return Ok(BatchAnswer { acknowledged: true, ..BatchAnswer::default() }); // no request for "nothing"
        }
        if self.distribution().await? == super::api::Distribution::OpenSearch {
            return self.ism_verb(verb, names).await;
        }
        let path = format!("{}{}", index_list_path(names), verb_suffix(verb));
        let req = match verb {
            IlmVerb::Retry | IlmVerb::Detach => EsRequest::new(Method::Post, path),
            IlmVerb::Attach { policy } | IlmVerb::Switch { policy } => {
                EsRequest::new(Method::Put, path).json(serde_json::json!({"index.lifecycle.name": policy}))
            }
        };
        let body: Value = self.json(&req).await?;
        Ok(match verb {
            // `{"has_failures": false, "failed_indexes": []}`: no `acknowledged` field.
            IlmVerb::Detach => BatchAnswer {
                acknowledged: body.get("has_failures").and_then(Value::as_bool) == Some(false)
                    || body.get("failed_indexes").is_some(),
                failed: body
                    .get("failed_indexes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                ..BatchAnswer::default()
            },
            _ => BatchAnswer {
                acknowledged: body.get("acknowledged").and_then(Value::as_bool) == Some(true),
                ..BatchAnswer::default()
            },
        })
    }

    /// `POST /_ilm/move/{index}` from `current` to `next` (whose action and step may be left to
    /// Elasticsearch, 8.x). True when Elasticsearch acknowledged it.
    pub async fn ilm_move(&self, index: &str, current: &StepKey, next: &StepKey) -> Result<bool, RequestError> {
        let req = EsRequest::new(Method::Post, format!("/_ilm/move/{}", encode_name(index)))
            .json(serde_json::json!({"current_step": current, "next_step": next}));
        let body: Value = self.json(&req).await?;
        Ok(body.get("acknowledged").and_then(Value::as_bool) == Some(true))
    }

    /// `POST /_ilm/start` or `POST /_ilm/stop`. True when Elasticsearch acknowledged it.
    pub async fn ilm_set_running(&self, running: bool) -> Result<bool, RequestError> {
        let path = if running { "/_ilm/start" } else { "/_ilm/stop" };
        let body: Value = self.json(&EsRequest::new(Method::Post, path)).await?;
        Ok(body.get("acknowledged").and_then(Value::as_bool) == Some(true))
    }

    /// What carries `name` on the cluster (index, alias or data stream), and whether
    /// `NAME-000001` exists: concurrent requests, none of which creates anything.
    pub async fn existing_names(&self, name: &str) -> Result<ExistingNames, RequestError> {
        let exists = |n: String| async move {
            let answer = self.send(&EsRequest::new(Method::Head, format!("/{}", encode_name(&n)))).await?;
            Ok::<bool, RequestError>(answer.status != 404)
        };
        let alias = [name.to_string()];
        let (index_like, first, data_stream, aliases) = tokio::try_join!(
            exists(name.to_string()),
            exists(first_index_name(name)),
            self.data_stream(name),
            self.aliases(&alias),
        )?;
        let alias_of: Vec<String> =
            aliases.iter().filter(|(_, a)| a.iter().any(|a| a.alias == name)).map(|(i, _)| i.clone()).collect();
        let owner = match () {
            _ if data_stream.is_some() => Some(NameOwner::DataStream),
            _ if !alias_of.is_empty() => Some(NameOwner::Alias { indices: alias_of }),
            _ if index_like => Some(NameOwner::Index),
            _ => None,
        };
        Ok(ExistingNames { name: owner, first_index: first })
    }

    /// Creates a bootstrap's first index (`PUT /NAME-000001` with its write alias) or data stream
    /// (`PUT /_data_stream/NAME`). True when Elasticsearch acknowledged it.
    pub async fn bootstrap(&self, plan: &BootstrapPlan) -> Result<bool, RequestError> {
        let req = match &plan.kind {
            BootstrapKind::DataStream => {
                EsRequest::new(Method::Put, format!("/_data_stream/{}", encode_name(&plan.name)))
            }
            BootstrapKind::WriteAlias { first_index, sets_rollover_alias } => {
                let mut body = serde_json::json!({"aliases": {plan.name.as_str(): {"is_write_index": true}}});
                if *sets_rollover_alias {
                    body["settings"] = serde_json::json!({"index.lifecycle.rollover_alias": plan.name});
                }
                EsRequest::new(Method::Put, format!("/{}", encode_name(first_index))).json(body)
            }
        };
        let body: Value = self.json(&req).await?;
        Ok(body.get("acknowledged").and_then(Value::as_bool) == Some(true))
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
    let view = template_view(name, template, components);
    let lifecycle_name = view.setting("index.lifecycle.name").map(str::to_string);
    IndexTemplateInfo { name: name.to_string(), patterns: view.patterns, lifecycle_name }
}

impl IlmVerbSender for Client {
    async fn send(&self, verb: &IlmVerb, names: &[String]) -> Result<BatchAnswer, BatchFailure> {
        self.ilm_verb(verb, names).await.map_err(|e| batch_failure(&e))
    }
}

/// Sorts a refused batch by the refusals Elasticsearch gives for an index of the request: for a
/// retry (`TransportRetryAction`, ILM's `30_retry.yml` REST test) an IAE saying it is not in
/// ERROR or does not exist; for the settings update and `_ilm/remove`, which resolve names
/// strictly, a 404 `index_not_found_exception`.
fn batch_failure(e: &RequestError) -> BatchFailure {
    match e.refusal() {
        Some(r) if r.status == 400 && r.error_type.as_deref() == Some("illegal_argument_exception") => {
            if r.reason.contains("that has not encountered an error when running a Lifecycle Policy") {
                BatchFailure::NotApplicable
            } else if r.reason.starts_with("index [") && r.reason.ends_with("] does not exist") {
                BatchFailure::Missing
            } else {
                BatchFailure::Other(e.to_string())
            }
        }
        Some(r) if r.status == 404 && r.error_type.as_deref() == Some("index_not_found_exception") => {
            BatchFailure::Missing
        }
        _ => BatchFailure::Other(e.to_string()),
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
        assert_eq!(batch_failure(&refused(400, not_in_error)), BatchFailure::NotApplicable);
        assert_eq!(batch_failure(&refused(400, iae("index [x] does not exist"))), BatchFailure::Missing);
        assert!(matches!(batch_failure(&refused(400, iae("something else"))), BatchFailure::Other(_)));
        let forbidden = json!({"error": {"type": "security_exception", "reason": "action [indices:admin/ilm/retry] is unauthorized"}, "status": 403});
        assert!(matches!(batch_failure(&refused(403, forbidden)), BatchFailure::Other(m) if m.contains("403")));
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
    fn a_templates_policy_in_nested_or_flat_settings_or_from_its_components() {
        let components =
            BTreeMap::from([("c".to_string(), json!({"template": {"settings": {"index.lifecycle.name": "c"}}}))]);
        let policy = |t: Value| template_info("t", &t, &components).lifecycle_name;
        assert_eq!(
            policy(json!({"template": {"settings": {"index": {"lifecycle": {"name": "p"}}}}})).as_deref(),
            Some("p")
        );
        assert_eq!(policy(json!({"template": {"settings": {"index": {"lifecycle.name": "p"}}}})).as_deref(), Some("p"));
        assert_eq!(policy(json!({"composed_of": ["c"]})).as_deref(), Some("c"));
        assert_eq!(
            policy(json!({"composed_of": ["c"], "template": {"settings": {"lifecycle.name": "own"}}})).as_deref(),
            Some("own")
        );
        assert_eq!(policy(json!({"template": {"settings": {"index": {"number_of_shards": "1"}}}})), None);
    }
}
