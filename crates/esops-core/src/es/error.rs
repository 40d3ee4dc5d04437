//! What can go wrong talking to a cluster, with messages that say what happened, to what, and
//! what to do about it.

use std::time::Duration;

use serde_json::Value;

/// A request the cluster answered with a non-2xx status.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterRefusal {
    /// HTTP status.
    pub status: u16,
    /// `METHOD /path` of the request.
    pub request: String,
    /// `error.type` (absent when ES sent a plain-string error or a non-JSON body).
    pub error_type: Option<String>,
    /// `error.root_cause[0].reason`, else `error.reason`, else the string error, else the status text.
    pub reason: String,
    /// The parsed body (`Value::Null` when it was not JSON).
    pub body: Value,
}

impl ClusterRefusal {
    /// Reads an Elasticsearch error body in any of the shapes ES uses: the standard error object,
    /// the plain-string `{"error":"alias [x] missing","status":404}`, an empty body, or a
    /// non-JSON body from a proxy in front of the cluster.
    pub fn from_response(status: u16, request: String, body_text: &str) -> Self {
        let body: Value = serde_json::from_str(body_text).unwrap_or(Value::Null);
        let (error_type, reason) = match body.get("error") {
            Some(Value::Object(err)) => {
                let root = err.get("root_cause").and_then(|r| r.get(0));
                let reason = root
                    .and_then(|r| r.get("reason"))
                    .or_else(|| err.get("reason"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let kind = err.get("type").and_then(Value::as_str).map(str::to_string);
                (kind, reason)
            }
            Some(Value::String(s)) => (None, Some(s.clone())),
            _ => (None, None),
        };
        let reason = reason.unwrap_or_else(|| {
            let text = body_text.trim();
            if text.is_empty() || body.is_object() {
                status_text(status).to_string()
            } else {
                // A proxy's HTML page or similar: keep the start, it usually names the problem.
                text.chars().take(200).collect()
            }
        });
        ClusterRefusal { status, request, error_type, reason, body }
    }

    /// True for statuses worth retrying: the cluster (or a proxy) is overloaded or restarting.
    pub fn is_transient(&self) -> bool {
        matches!(self.status, 429 | 502 | 503 | 504)
    }
}

impl std::fmt::Display for ClusterRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} answered {} {}", self.request, self.status, status_text(self.status))?;
        match &self.error_type {
            Some(t) => write!(f, ": {t}: {}", self.reason),
            None if self.reason != status_text(self.status) => write!(f, ": {}", self.reason),
            None => Ok(()),
        }
    }
}

/// Everything that can fail in a request.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// Nothing answered at the address.
    #[error("cannot connect to {url}: {detail}")]
    Connect {
        /// The cluster URL.
        url: String,
        /// What the operating system said.
        detail: String,
    },
    /// The TLS handshake failed (untrusted certificate, wrong host name, plain HTTP port…).
    #[error("TLS handshake with {url} failed: {detail}")]
    Tls {
        /// The cluster URL.
        url: String,
        /// What failed.
        detail: String,
    },
    /// No answer within the timeout.
    #[error("{request} to {url} timed out after {}", humantime::format_duration(*after))]
    Timeout {
        /// The cluster URL.
        url: String,
        /// `METHOD /path`.
        request: String,
        /// The timeout.
        after: Duration,
    },
    /// The connection broke mid-request.
    #[error("{request} to {url} failed: {detail}")]
    Transport {
        /// The cluster URL.
        url: String,
        /// `METHOD /path`.
        request: String,
        /// What happened.
        detail: String,
    },
    /// The cluster answered with an error status.
    #[error("{0}")]
    Refused(Box<ClusterRefusal>),
    /// Transient failures went on past the retry bound.
    #[error("gave up after {attempts} attempts over {}: {last}", humantime::format_duration(round_ms(*elapsed)))]
    RetriesExhausted {
        /// How many attempts were made.
        attempts: u32,
        /// Time spent.
        elapsed: Duration,
        /// The last failure.
        last: Box<RequestError>,
    },
    /// The answer was not what esops expected (a proxy, or a cluster that is not Elasticsearch).
    #[error("unexpected answer to {request}: {detail}")]
    Decode {
        /// `METHOD /path`.
        request: String,
        /// What did not fit.
        detail: String,
    },
}

fn round_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_millis() as u64 / 100 * 100)
}

impl RequestError {
    /// What the operator should check or do, when esops can tell.
    pub fn hint(&self) -> Option<String> {
        match self {
            RequestError::Connect { .. } => Some(
                "check that Elasticsearch is running and reachable from here, and that --url, ESOPS_URL \
                 or the current context point at it (`esops context show` tells which is used)"
                    .into(),
            ),
            RequestError::Tls { detail, .. } if detail.contains("certificate") || detail.contains("issuer") => Some(
                "pass the CA that signed the cluster's certificate with --ca-cert PATH (or ESOPS_CA_CERT, or \
                 `ca_cert` in the context); --insecure skips the check for a one-off diagnosis"
                    .into(),
            ),
            RequestError::Tls { .. } => {
                Some("check the URL scheme (http vs https) and port, and the cluster's TLS settings".into())
            }
            RequestError::Timeout { .. } => Some(
                "the cluster may be overloaded or unreachable through a firewall; raise --timeout if it is just slow"
                    .into(),
            ),
            RequestError::Transport { .. } => None,
            RequestError::Refused(r) => refusal_hint(r),
            RequestError::RetriesExhausted { last, .. } => last.hint().or_else(|| {
                Some("the cluster kept answering that it is busy or unavailable; check its health and try later".into())
            }),
            RequestError::Decode { .. } => {
                Some("is the URL an Elasticsearch cluster? A proxy or load balancer may be answering instead".into())
            }
        }
    }

    /// The refusal, if the cluster answered with an error status.
    pub fn refusal(&self) -> Option<&ClusterRefusal> {
        match self {
            RequestError::Refused(r) => Some(r),
            RequestError::RetriesExhausted { last, .. } => last.refusal(),
            _ => None,
        }
    }
}

fn refusal_hint(r: &ClusterRefusal) -> Option<String> {
    match r.status {
        401 => Some(
            // Elasticsearch's reason when the request carried no credentials at all: then there is
            // nothing to "not accept", only something to give.
            if r.reason.starts_with("missing authentication credentials") {
                "the cluster requires credentials and none were given: pass --api-key (or ESOPS_API_KEY), \
                 --user and --password (or ESOPS_USERNAME/ESOPS_PASSWORD) or --bearer-token, or put them in the \
                 context (`esops context show` tells what is in use)"
            } else {
                "the cluster did not accept the credentials: check --user/--password, --api-key or --bearer-token, \
                 the ESOPS_* variables and the context (`esops context show` tells which are in use)"
            }
            .into(),
        ),
        403 => Some(match extract_privileges(&r.reason) {
            Some(p) => format!("the credentials lack a privilege; the cluster says it is granted by {p}"),
            None => {
                "the credentials are valid but lack a privilege for this action; ask for a role that grants it".into()
            }
        }),
        404 if r.error_type.as_deref() == Some("index_not_found_exception") => Some(
            "no index, alias or data stream has that name on this cluster: check the spelling and the cluster \
             (--url, context); a pattern such as 'logs-*' matches zero or more indices without failing"
                .into(),
        ),
        // Every Elasticsearch answers `GET /` with its name and version.
        404 if r.request == "GET /" => Some(
            "is this Elasticsearch? The server answered 404 to GET /, which every Elasticsearch answers: check \
             --url (host, port, and any path prefix a proxy needs)"
                .into(),
        ),
        _ => None,
    }
}

/// From ES's 403 reason, the part naming the privileges that would grant the action.
fn extract_privileges(reason: &str) -> Option<String> {
    let at = reason.find("this action is granted by")?;
    Some(reason[at + "this action is granted by".len()..].trim().trim_end_matches('.').to_string())
}

/// The standard reason phrase of an HTTP status.
pub fn status_text(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(status: u16, body: &str) -> ClusterRefusal {
        ClusterRefusal::from_response(status, "GET /x".into(), body)
    }

    #[test]
    fn no_credentials_at_all_gets_a_hint_that_asks_for_them_not_one_that_blames_them() {
        let body = r#"{"error":{"type":"security_exception","reason":"missing authentication credentials for REST request [/]"},"status":401}"#;
        let none = RequestError::Refused(Box::new(refusal(401, body))).hint().unwrap();
        assert!(
            none.contains("requires credentials and none were given") && !none.contains("did not accept"),
            "{none}"
        );
        let body = r#"{"error":{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/]"},"status":401}"#;
        let wrong = RequestError::Refused(Box::new(refusal(401, body))).hint().unwrap();
        assert!(wrong.contains("did not accept the credentials"), "{wrong}");
    }

    #[test]
    fn a_404_on_get_root_asks_whether_this_is_elasticsearch() {
        let root = ClusterRefusal::from_response(404, "GET /".into(), "<html>Not Found</html>");
        assert!(RequestError::Refused(Box::new(root)).hint().unwrap().starts_with("is this Elasticsearch?"));
        assert_eq!(
            RequestError::Refused(Box::new(refusal(404, "{}"))).hint(),
            None,
            "another path's 404 is not about the server"
        );
    }

    #[test]
    fn standard_error_object_uses_root_cause_reason() {
        let r = refusal(
            400,
            r#"{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"inner"}],
                "type":"x_content_parse_exception","reason":"outer"},"status":400}"#,
        );
        assert_eq!(r.error_type.as_deref(), Some("x_content_parse_exception"));
        assert_eq!(r.reason, "inner");
        assert_eq!(r.to_string(), "GET /x answered 400 Bad Request: x_content_parse_exception: inner");
    }

    #[test]
    fn error_without_root_cause_uses_reason() {
        let r = refusal(404, r#"{"error":{"type":"resource_not_found_exception","reason":"gone"},"status":404}"#);
        assert_eq!(r.reason, "gone");
    }

    #[test]
    fn plain_string_error() {
        let r = refusal(404, r#"{"error":"alias [x] missing","status":404}"#);
        assert_eq!(r.error_type, None);
        assert_eq!(r.reason, "alias [x] missing");
        assert_eq!(r.to_string(), "GET /x answered 404 Not Found: alias [x] missing");
    }

    #[test]
    fn empty_and_non_json_bodies() {
        assert_eq!(refusal(404, "").reason, "Not Found");
        assert_eq!(refusal(404, "{}").reason, "Not Found");
        assert_eq!(refusal(502, "<html>Bad Gateway from nginx</html>").reason, "<html>Bad Gateway from nginx</html>");
        assert_eq!(refusal(404, "").to_string(), "GET /x answered 404 Not Found");
    }

    #[test]
    fn transient_statuses() {
        for s in [429, 502, 503, 504] {
            assert!(refusal(s, "").is_transient());
        }
        for s in [400, 401, 403, 404, 500] {
            assert!(!refusal(s, "").is_transient());
        }
    }

    #[test]
    fn missing_index_hint_says_what_to_check() {
        let r = refusal(
            404,
            r#"{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [nope]"}],
                "type":"index_not_found_exception","reason":"no such index [nope]"},"status":404}"#,
        );
        let hint = RequestError::Refused(Box::new(r)).hint().unwrap();
        assert!(hint.contains("check the spelling"), "{hint}");
        assert_eq!(RequestError::Refused(Box::new(refusal(404, "{}"))).hint(), None);
    }

    #[test]
    fn forbidden_hint_names_the_privilege() {
        let r = refusal(
            403,
            r#"{"error":{"root_cause":[{"type":"security_exception","reason":"action [indices:admin/delete] is unauthorized for user [ro] with effective roles [viewer], this action is granted by the index privileges [delete_index,manage,all]"}],"type":"security_exception","reason":"x"},"status":403}"#,
        );
        let hint = RequestError::Refused(Box::new(r)).hint().unwrap();
        assert!(hint.contains("the index privileges [delete_index,manage,all]"), "{hint}");
    }
}
