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
            // Not Elasticsearch's shape: gateways and proxies in front of it (AWS API Gateway,
            // Kong, …) put their reason in `message`.
            _ => (None, body.get("message").and_then(Value::as_str).map(str::to_string)),
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
    /// The cluster's certificate chain does not contain the pinned fingerprint.
    #[error("TLS handshake with {url} failed: {detail}")]
    FingerprintMismatch {
        /// The cluster URL.
        url: String,
        /// Both fingerprints: the pinned one and those presented.
        detail: String,
    },
    /// The proxy between esops and the cluster failed or refused.
    #[error("the proxy {proxy} did not get the request through to {url}: {detail}")]
    Proxy {
        /// The proxy URL, without credentials.
        proxy: String,
        /// The cluster URL.
        url: String,
        /// What happened.
        detail: String,
    },
    /// AWS credentials could not be found, loaded or used for signing.
    #[error("cannot sign the request for AWS: {detail}")]
    AwsCredentials {
        /// What the AWS SDK said.
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
    /// A plain-HTTP URL for a server that speaks TLS: it closed the connection without an answer
    /// (Elasticsearch 8 and later turn TLS on by default).
    #[error("{request} to {url} got no HTTP answer: the server speaks TLS (HTTPS), not plain HTTP")]
    PlainHttpToTls {
        /// The cluster URL, as given (`http://…`).
        url: String,
        /// `METHOD /path`.
        request: String,
        /// The same URL with `https://`.
        https: String,
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
    /// The cluster took the write but did not say it is in place everywhere (`acknowledged: false`):
    /// the outcome is unknown until read back.
    #[error("{request}: the cluster answered acknowledged: false (the change may or may not be in place)")]
    NotAcknowledged {
        /// `METHOD /path`.
        request: String,
    },
    /// The answer was larger than esops reads.
    #[error("the answer to {request} is larger than {} MiB; esops stopped reading it", limit / 1024 / 1024)]
    TooLarge {
        /// `METHOD /path`.
        request: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The run's `--deadline` passed before or during the request.
    #[error("{request} {}: the run reached its --deadline", if *sent { "was cut off" } else { "was not sent" })]
    Deadline {
        /// `METHOD /path`.
        request: String,
        /// Whether the request had gone out (its outcome is then unknown).
        sent: bool,
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
            RequestError::Tls { detail, .. } if detail.contains("CertificateRequired") => Some(
                "the cluster asks for a client certificate (mutual TLS): give it with --client-cert and \
                 --client-key (or ESOPS_CLIENT_CERT/ESOPS_CLIENT_KEY, or `client_cert`/`client_key` in the context)"
                    .into(),
            ),
            RequestError::Tls { detail, .. }
                if detail.contains("received fatal alert")
                    && ["UnknownCA", "BadCertificate", "DecryptError", "CertificateUnknown", "CertificateExpired"]
                        .iter()
                        .any(|alert| detail.contains(alert)) =>
            {
                Some(
                    "the cluster did not accept the client certificate: it must be signed by a CA the cluster trusts \
                     (xpack.security.http.ssl.certificate_authorities) and not be expired"
                        .into(),
                )
            }
            RequestError::FingerprintMismatch { .. } => Some(
                "check the fingerprint against the cluster's CA (`openssl x509 -noout -fingerprint -sha256 -in \
                 http_ca.crt`); if the cluster's certificates were renewed on purpose, pin the new CA"
                    .into(),
            ),
            RequestError::AwsCredentials { detail } if detail.contains("expired") => Some(
                "refresh the credentials: `aws sso login` for an SSO profile, a new session for temporary keys \
                 (AWS_SESSION_TOKEN), or check the clock of this machine"
                    .into(),
            ),
            RequestError::AwsCredentials { .. } => Some(
                "give credentials the AWS way: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or --aws-profile) \
                 with ~/.aws/config, SSO, web identity, or an instance role"
                    .into(),
            ),
            RequestError::Proxy { .. } => Some(
                "check the proxy setting (`esops context show` tells where it comes from); --no-proxy connects \
                 directly, NO_PROXY exempts hosts from HTTPS_PROXY/HTTP_PROXY"
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
            RequestError::PlainHttpToTls { https, .. } => Some(format!(
                "use {https} (--url, ESOPS_URL or the context's url); if its certificate is self-signed, \
                 trust its CA with --ca-cert or --ca-fingerprint"
            )),
            RequestError::Refused(r) => refusal_hint(r),
            RequestError::RetriesExhausted { last, .. } => last.hint().or_else(|| {
                Some("the cluster kept answering that it is busy or unavailable; check its health and try later".into())
            }),
            RequestError::Decode { .. } => {
                Some("is the URL an Elasticsearch cluster? A proxy or load balancer may be answering instead".into())
            }
            RequestError::NotAcknowledged { .. } => Some(
                "the master did not confirm within its ack timeout, usually because the cluster is busy; \
                 check with `esops plan` (or GET the resource) whether the change is in place"
                    .into(),
            ),
            RequestError::TooLarge { .. } => Some(
                "no Elasticsearch answer esops asks for is that large: check that --url points at the cluster \
                 and not at a proxy or file server"
                    .into(),
            ),
            RequestError::Deadline { .. } => {
                Some("raise --deadline, or run again: a re-run starts from what the cluster holds now".into())
            }
        }
    }

    /// True when the request may have been carried out although no success came back: the
    /// connection broke or timed out after sending, the server failed (5xx), the answer had the
    /// wrong shape, or the cluster did not acknowledge. A 4xx refusal, a failed connect or TLS
    /// handshake, and a redirect mean nothing was done.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            // Refused before reaching the cluster: the handshake, the proxy, or signing failed.
            RequestError::Connect { .. }
            | RequestError::Tls { .. }
            | RequestError::FingerprintMismatch { .. }
            | RequestError::Proxy { .. }
            | RequestError::PlainHttpToTls { .. }
            | RequestError::AwsCredentials { .. } => false,
            RequestError::Refused(r) => r.status >= 500,
            RequestError::RetriesExhausted { last, .. } => last.outcome_unknown(),
            RequestError::Deadline { sent, .. } => *sent,
            RequestError::Timeout { .. }
            | RequestError::Transport { .. }
            | RequestError::NotAcknowledged { .. }
            | RequestError::TooLarge { .. }
            | RequestError::Decode { .. } => true,
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
    let aws_message = r.body.get("message").and_then(Value::as_str).unwrap_or_default();
    match r.status {
        403 if aws_message.starts_with("Authorization header requires") => Some(
            "the domain expects AWS SigV4-signed requests: add --aws-sigv4 (and --aws-region), or set \
             ESOPS_AWS_SIGV4=true or `aws_sigv4: true` in the context"
                .into(),
        ),
        403 if aws_message.contains("security token included in the request is expired") => Some(
            "AWS refused expired credentials: refresh them (`aws sso login`, a new session token) and run again".into(),
        ),
        403 if aws_message.starts_with("Credential should be scoped") => Some(
            "sign for the domain's own region and service: --aws-region, and --aws-service es (OpenSearch Service) \
             or aoss (OpenSearch Serverless)"
                .into(),
        ),
        403 if aws_message.contains("signature we calculated does not match") => Some(
            "AWS computed another signature: check the secret access key, and that --aws-region and --aws-service \
             (es or aoss) match the domain"
                .into(),
        ),
        403 if aws_message.contains("security token included in the request is invalid") => Some(
            "AWS does not know this access key (or its session token): check AWS_ACCESS_KEY_ID, AWS_PROFILE and \
             AWS_SESSION_TOKEN"
                .into(),
        ),
        401 | 403 if r.error_type.is_none() && r.body.get("message").is_some() => Some(
            "this refusal is not Elasticsearch's (no `error` object): a gateway in front of the cluster sent it; \
             check the headers it requires (--header, ESOPS_HEADERS, `headers` in the context)"
                .into(),
        ),
        300..=399 => Some(
            "esops never follows redirects (a 303 would turn a write into a GET, a 307 would re-send it \
             elsewhere): point --url at the cluster itself; a redirect to a login page means an SSO proxy \
             stands in front of it"
                .into(),
        ),
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
