//! AWS Signature Version 4, checked as Amazon OpenSearch Service (`es`) and OpenSearch Serverless
//! (`aoss`) check it in front of a domain whose access policy names IAM principals: the
//! `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header is
//! recomputed from the request and refused with AWS's 403 `{"message": …}` bodies when it does not
//! match, names an unknown key, is outside the allowed clock skew, or carries an expired token.
//!
//! Written from AWS's published algorithm (canonical request → string to sign → HMAC-SHA256
//! chain), not with the AWS SDK's signer: the sandbox is a library for any tool and must not pull
//! the SDK in, and a verifier that shared the signer's code would agree with the signer's bugs.

use std::collections::BTreeMap;

use ring::{digest, hmac};
use serde_json::json;

use super::http::{SandboxRequest, SandboxResponse};

/// AWS refuses a signature dated more than 15 minutes away from its clock.
const MAX_SKEW_SECONDS: i64 = 15 * 60;

/// The IAM side of a sandbox that checks SigV4 signatures.
#[derive(Debug, Clone)]
pub struct AwsSigV4 {
    /// The region requests must be signed for (`eu-west-1`).
    pub region: String,
    /// The signing service: `es` (Amazon OpenSearch Service / Amazon Elasticsearch Service) or
    /// `aoss` (OpenSearch Serverless, which also requires `x-amz-content-sha256`).
    pub service: String,
    /// The access keys IAM knows.
    pub keys: Vec<AwsKey>,
}

/// One access key.
#[derive(Debug, Clone)]
pub struct AwsKey {
    /// `AKIA…` / `ASIA…`.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token of temporary credentials, which must then be sent as `x-amz-security-token`.
    pub session_token: Option<String>,
    /// True when the session has expired: AWS answers "The security token included in the
    /// request is expired".
    pub expired: bool,
}

fn refused(message: &str) -> SandboxResponse {
    SandboxResponse::json(403, json!({ "message": message }))
}

/// The parts of the `Authorization` header.
struct Authorization<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn parse_authorization(header: &str) -> Option<Authorization<'_>> {
    let rest = header.strip_prefix("AWS4-HMAC-SHA256 ")?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',').map(str::trim) {
        let (key, value) = part.split_once('=')?;
        match key {
            "Credential" => credential = Some(value),
            "SignedHeaders" => signed_headers = Some(value),
            "Signature" => signature = Some(value),
            _ => {}
        }
    }
    let mut scope = credential?.split('/');
    let (access_key_id, date, region, service, terminator) =
        (scope.next()?, scope.next()?, scope.next()?, scope.next()?, scope.next()?);
    if terminator != "aws4_request" {
        return None;
    }
    Some(Authorization {
        access_key_id,
        date,
        region,
        service,
        signed_headers: signed_headers?.split(';').collect(),
        signature: signature?,
    })
}

impl AwsSigV4 {
    /// Checks the signature of `req` (`uri`: the path and query as sent) against the sandbox's
    /// keys; `None` when it is valid, else AWS's refusal. `now_seconds` is the real time: a
    /// signature is about the caller's clock, not the cluster's virtual one.
    pub fn check(&self, req: &SandboxRequest, uri: &str, now_seconds: i64) -> Option<SandboxResponse> {
        let Some(header) = req.headers.get("authorization") else {
            return Some(refused(
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
            ));
        };
        let Some(auth) = parse_authorization(header) else {
            return Some(refused(
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
            ));
        };
        let Some(key) = self.keys.iter().find(|k| k.access_key_id == auth.access_key_id) else {
            return Some(refused("The security token included in the request is invalid."));
        };
        if key
            .session_token
            .as_deref()
            .is_some_and(|token| req.headers.get("x-amz-security-token").map(String::as_str) != Some(token))
        {
            return Some(refused("The security token included in the request is invalid."));
        }
        if key.expired {
            return Some(refused("The security token included in the request is expired"));
        }
        if auth.region != self.region || auth.service != self.service {
            return Some(refused(&format!(
                "Credential should be scoped to a valid region. Credential should be scoped to correct service: '{}'. ",
                self.service
            )));
        }
        let Some(amz_date) = req.headers.get("x-amz-date") else {
            return Some(refused(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
            ));
        };
        let signed_at =
            chrono::NaiveDateTime::parse_from_str(amz_date, "%Y%m%dT%H%M%SZ").ok().map(|t| t.and_utc().timestamp());
        match signed_at {
            Some(at) if (at - now_seconds).abs() <= MAX_SKEW_SECONDS => {}
            _ => {
                return Some(refused(&format!(
                    "Signature expired: {amz_date} is now earlier than the allowed time window (15 min). Check the clock of the signing machine."
                )));
            }
        }
        if !amz_date.starts_with(auth.date) {
            return Some(refused(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP",
            ));
        }
        let payload_hash = match req.headers.get("x-amz-content-sha256") {
            Some(hash) => hash.clone(),
            None if self.service == "aoss" => {
                return Some(refused("x-amz-content-sha256 header is required for OpenSearch Serverless"));
            }
            None => hex(digest::digest(&digest::SHA256, &req.body).as_ref()),
        };
        let mut signed = auth.signed_headers.clone();
        signed.sort_unstable();
        if !signed.contains(&"host") {
            return Some(refused("'Host' must be a 'SignedHeader' in the AWS Authorization."));
        }
        let canonical_headers: String = signed
            .iter()
            .map(|name| {
                let value = req.headers.get(*name).map(String::as_str).unwrap_or_default();
                format!("{name}:{}\n", value.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .collect();
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let canonical_request = format!(
            "{}\n{}\n{}\n{canonical_headers}\n{}\n{payload_hash}",
            super::router::method_name(req.method),
            canonical_uri(path),
            canonical_query(query),
            signed.join(";"),
        );
        let scope = format!("{}/{}/{}/aws4_request", auth.date, self.region, self.service);
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
            hex(digest::digest(&digest::SHA256, canonical_request.as_bytes()).as_ref())
        );
        let signing_key = [auth.date, &self.region, &self.service, "aws4_request"]
            .iter()
            .fold(format!("AWS4{}", key.secret_access_key).into_bytes(), |key, part| {
                hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &key), part.as_bytes()).as_ref().to_vec()
            });
        let expected =
            hex(hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &signing_key), string_to_sign.as_bytes()).as_ref());
        if expected != auth.signature {
            return Some(refused(&format!(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'{canonical_request}'\n\nThe String-to-Sign should have been\n'{string_to_sign}'\n"
            )));
        }
        None
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// RFC 3986 encoding of everything but the unreserved characters (and `/` in paths).
fn uri_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            b'/' if keep_slash => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The path as sent, normalized (`.`/`..` segments and repeated slashes removed) and encoded once
/// more: for every service but S3, AWS encodes the already-encoded path again.
fn canonical_uri(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let trailing = path.len() > 1 && path.ends_with('/');
    let joined = format!("/{}{}", segments.join("/"), if trailing && !segments.is_empty() { "/" } else { "" });
    uri_encode(&joined, true)
}

/// Query parameters decoded as the server reads them (form encoding: `+` is a space), then each
/// name and value encoded and the pairs sorted.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (uri_encode(&k, false), uri_encode(&v, false)))
        .collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// Headers as the verifier reads them, for tests: names lower-cased.
pub fn lowercase_headers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    /// AWS's documented example (the `get-vanilla` case of the SigV4 test suite): service
    /// `service`, region `us-east-1`, the documentation's example key, 2015-08-30T12:36:00Z.
    #[test]
    fn the_get_vanilla_example_of_the_aws_test_suite_verifies() {
        let iam = AwsSigV4 {
            region: "us-east-1".into(),
            service: "service".into(),
            keys: vec![AwsKey {
                access_key_id: "AKIDEXAMPLE".into(),
                secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
                session_token: None,
                expired: false,
            }],
        };
        let headers = lowercase_headers(&[
            ("Host", "example.amazonaws.com"),
            ("X-Amz-Date", "20150830T123600Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            ),
        ]);
        let req = SandboxRequest::from_uri(Method::Get, "/", headers, Vec::new());
        let now = chrono::DateTime::parse_from_rfc3339("2015-08-30T12:40:00Z").unwrap().timestamp();
        assert!(iam.check(&req, "/", now).is_none());
        let later = now + 3600;
        assert_eq!(iam.check(&req, "/", later).unwrap().status, 403);
    }

    #[test]
    fn paths_are_encoded_again_and_queries_sorted() {
        assert_eq!(canonical_uri("/logs-%2A/./_settings"), "/logs-%252A/_settings");
        assert_eq!(canonical_uri("/a*,b/"), "/a%2A%2Cb/");
        assert_eq!(canonical_query("b=2&a=x+y&a=1"), "a=1&a=x%20y&b=2");
    }
}
