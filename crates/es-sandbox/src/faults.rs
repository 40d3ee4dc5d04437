//! Fault injection (`/_sandbox/faults`) and request accounting (`/_sandbox/requests`).
//!
//! Both live outside the [`super::state::Cluster`]: they describe the wire, not the cluster, and are
//! never persisted.

use std::collections::BTreeMap;

use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::{EsError, EsResult};

/// One queued fault, as posted to `/_sandbox/faults`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// Status to answer with; absent = only delay (or drop) and then answer normally.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Body: JSON, or a string sent as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// Extra response headers (`Retry-After`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// How many requests the rule answers; absent = forever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// How many matching requests to answer normally before the rule starts (`"skip": 2` faults
    /// the third matching request).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skip: u64,
    /// Substring of the request URI, or `/regex/`; absent = every request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// HTTP method to match (case-insensitive); absent = any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Delay before answering.
    #[serde(default)]
    pub latency_ms: u64,
    /// Close the TCP connection without any response (the request is not carried out).
    #[serde(default)]
    pub drop_connection: bool,
    /// Carry the request out first, then delay, drop or answer as the rule says: the answer of
    /// a request that did its work is lost (a 504 from a proxy, a connection cut on the way back).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_work: bool,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What the server must do for a faulted request.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// Delay first.
    pub latency_ms: u64,
    /// Then close the connection…
    pub drop_connection: bool,
    /// Carry the request out before the delay, drop or answer.
    pub after_work: bool,
    /// …or answer with this (`None` = answer normally after the delay).
    pub answer: Option<FaultAnswer>,
}

/// The answer a fault rule gives instead of the cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultAnswer {
    /// HTTP status.
    pub status: u16,
    /// Body: JSON, or a JSON string sent as text; `None` = empty.
    pub body: Option<Value>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
}

#[derive(Debug)]
struct QueuedRule {
    rule: FaultRule,
    pattern: Option<Regex>,
}

/// The queued fault rules, first match wins.
#[derive(Debug, Default)]
pub struct FaultBook {
    rules: Vec<QueuedRule>,
}

impl FaultBook {
    /// Queues a rule from a `/_sandbox/faults` POST body.
    pub fn add(&mut self, body: Value) -> EsResult<()> {
        let rule: FaultRule =
            serde_json::from_value(body).map_err(|e| EsError::illegal_argument(format!("invalid fault rule: {e}")))?;
        let pattern = match rule.path.as_deref() {
            Some(p) if p.len() >= 2 && p.starts_with('/') && p.ends_with('/') => Some(
                Regex::new(&p[1..p.len() - 1])
                    .map_err(|e| EsError::illegal_argument(format!("invalid fault path regex: {e}")))?,
            ),
            _ => None,
        };
        self.rules.push(QueuedRule { rule, pattern });
        Ok(())
    }

    /// The queued rules, as `GET /_sandbox/faults` shows them.
    pub fn list(&self) -> Value {
        json!({"faults": self.rules.iter().map(|q| json!(q.rule)).collect::<Vec<_>>()})
    }

    /// Removes every rule.
    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// Finds the first rule matching `method` and `uri` (path plus query), uses it up once and says what to do.
    pub fn take(&mut self, method: &str, uri: &str) -> Option<Fault> {
        let position = self.rules.iter().position(|q| {
            let method_ok = q.rule.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method));
            let path_ok = match (&q.pattern, q.rule.path.as_deref()) {
                (Some(re), _) => re.is_match(uri),
                (None, Some(sub)) => uri.contains(sub),
                (None, None) => true,
            };
            method_ok && path_ok
        })?;
        if self.rules[position].rule.skip > 0 {
            self.rules[position].rule.skip -= 1;
            return None;
        }
        let rule = self.rules[position].rule.clone();
        if let Some(count) = self.rules[position].rule.count.as_mut() {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.rules.remove(position);
            }
        }
        Some(Fault {
            latency_ms: rule.latency_ms,
            drop_connection: rule.drop_connection,
            after_work: rule.after_work,
            answer: rule.status.map(|status| FaultAnswer {
                status,
                body: rule.body.clone(),
                headers: rule.headers.clone().into_iter().collect(),
            }),
        })
    }
}

/// How many requests the sandbox answered, per route (`GET /_cat/indices`).
#[derive(Debug, Default)]
pub struct RequestLog {
    total: u64,
    by_route: BTreeMap<String, u64>,
}

impl RequestLog {
    /// Counts one request.
    pub fn record(&mut self, route: String) {
        self.total += 1;
        *self.by_route.entry(route).or_insert(0) += 1;
    }

    /// `{"total":N,"by_route":{…}}`.
    pub fn to_json(&self) -> Value {
        json!({"total": self.total, "by_route": self.by_route})
    }

    /// Forgets everything.
    pub fn reset(&mut self) {
        *self = RequestLog::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_by_method_and_path_and_run_out() {
        let mut book = FaultBook::default();
        book.add(
            json!({"status": 429, "count": 2, "path": "/_cat/", "method": "get", "headers": {"Retry-After": "1"}}),
        )
        .unwrap();
        assert!(book.take("POST", "/_cat/indices").is_none());
        let f = book.take("GET", "/_cat/indices?format=json").unwrap();
        assert_eq!(f.answer.as_ref().unwrap().status, 429);
        assert_eq!(f.answer.unwrap().headers, vec![("Retry-After".to_string(), "1".to_string())]);
        assert!(book.take("GET", "/_cat/aliases").is_some());
        assert!(book.take("GET", "/_cat/aliases").is_none());
    }

    #[test]
    fn skip_lets_matching_requests_through_first() {
        let mut book = FaultBook::default();
        book.add(json!({"status": 500, "count": 1, "skip": 2, "method": "PUT"})).unwrap();
        assert!(book.take("GET", "/a").is_none(), "not matching: does not use up the skip");
        assert!(book.take("PUT", "/a").is_none());
        assert!(book.take("PUT", "/b").is_none());
        assert_eq!(book.take("PUT", "/c").unwrap().answer.unwrap().status, 500);
        assert!(book.take("PUT", "/d").is_none());
    }

    #[test]
    fn regex_paths_latency_and_forever_rules() {
        let mut book = FaultBook::default();
        book.add(json!({"path": "/^/logs-\\d+$/", "latency_ms": 5})).unwrap();
        assert!(book.take("GET", "/other").is_none());
        for _ in 0..3 {
            let f = book.take("GET", "/logs-1").unwrap();
            assert_eq!((f.latency_ms, f.answer), (5, None));
        }
        assert_eq!(book.list()["faults"].as_array().unwrap().len(), 1);
        book.clear();
        assert!(book.take("GET", "/logs-1").is_none());
        assert!(book.add(json!({"bogus": 1})).is_err());
    }

    #[test]
    fn answers_of_carried_out_requests_can_be_delayed_or_dropped() {
        let mut book = FaultBook::default();
        book.add(json!({"method": "PUT", "after_work": true, "latency_ms": 700, "count": 1})).unwrap();
        book.add(json!({"method": "DELETE", "after_work": true, "drop_connection": true})).unwrap();
        let delayed = book.take("PUT", "/x").unwrap();
        assert_eq!(
            (delayed.after_work, delayed.latency_ms, delayed.drop_connection, delayed.answer),
            (true, 700, false, None)
        );
        let dropped = book.take("DELETE", "/x").unwrap();
        assert!(dropped.after_work && dropped.drop_connection);
        assert_eq!(
            book.list()["faults"][0],
            json!({"method": "DELETE", "after_work": true, "latency_ms": 0, "drop_connection": true})
        );
    }

    #[test]
    fn request_log_counts_per_route() {
        let mut log = RequestLog::default();
        log.record("GET /_cat/indices".into());
        log.record("GET /_cat/indices".into());
        assert_eq!(log.to_json(), json!({"total": 2, "by_route": {"GET /_cat/indices": 2}}));
        log.reset();
        assert_eq!(log.to_json()["total"], 0);
    }
}
