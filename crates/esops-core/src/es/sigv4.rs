//! AWS request signing (SigV4) for Amazon OpenSearch Service / Amazon Elasticsearch Service
//! domains (`es`) and OpenSearch Serverless collections (`aoss`) whose access policies name IAM
//! principals. Signing and credentials are the AWS SDK for Rust's own (`aws-sigv4`, and
//! `aws-config`'s default chain: environment, profile files with SSO and `credential_process`,
//! web identity, container and instance metadata), never hand-rolled.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_sigv4::http_request::{PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use tokio::sync::OnceCell;

use super::error::RequestError;
use crate::connect::AwsSigning;

/// Credentials closer than this to their expiry are fetched again before signing.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// Signs requests for one cluster. The credential chain is set up on the first request (it
/// may read files and, on AWS, ask the instance metadata service) and its answer kept until
/// shortly before it expires.
pub(crate) struct Signer {
    settings: AwsSigning,
    provider: OnceCell<SharedCredentialsProvider>,
    cached: Mutex<Option<Credentials>>,
}

impl Signer {
    pub(crate) fn new(settings: AwsSigning) -> Self {
        Signer { settings, provider: OnceCell::new(), cached: Mutex::new(None) }
    }

    async fn provider(&self) -> Result<&SharedCredentialsProvider, RequestError> {
        self.provider
            .get_or_try_init(|| async {
                let http = aws_smithy_http_client::Builder::new()
                    .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                        aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
                    ))
                    .build_https();
                let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
                    .http_client(http)
                    .region(aws_config::Region::new(self.settings.region.clone()));
                if let Some(profile) = &self.settings.profile {
                    loader = loader.profile_name(profile);
                }
                let config = loader.load().await;
                config.credentials_provider().ok_or_else(|| RequestError::AwsCredentials {
                    detail: "the AWS SDK found no credential provider to ask".into(),
                })
            })
            .await
    }

    /// Current credentials: the cached ones while they are fresh, else the chain's.
    async fn credentials(&self) -> Result<Credentials, RequestError> {
        let fresh = |c: &Credentials| c.expiry().is_none_or(|at| at > SystemTime::now() + REFRESH_BEFORE_EXPIRY);
        if let Some(cached) = self.cached.lock().unwrap_or_else(|p| p.into_inner()).as_ref().filter(|c| fresh(c)) {
            return Ok(cached.clone());
        }
        let credentials = self.provider().await?.provide_credentials().await.map_err(|e| {
            let sources = configured_sources(self.settings.profile.as_deref(), |name| std::env::var(name).ok());
            RequestError::AwsCredentials { detail: format!("{} (configured here: {sources})", error_chain(&e)) }
        })?;
        if let Some(expiry) = credentials.expiry().filter(|at| *at <= SystemTime::now()) {
            let at = chrono::DateTime::<chrono::Utc>::from(expiry).format("%Y-%m-%d %H:%M:%S UTC");
            return Err(RequestError::AwsCredentials {
                detail: format!("the AWS credentials expired at {at} (access key {})", credentials.access_key_id()),
            });
        }
        *self.cached.lock().unwrap_or_else(|p| p.into_inner()) = Some(credentials.clone());
        Ok(credentials)
    }

    /// Adds the SigV4 headers (`authorization`, `x-amz-date`, `x-amz-security-token` for
    /// temporary credentials, `x-amz-content-sha256` for `aoss`) to `request`.
    pub(crate) async fn sign(&self, request: &mut reqwest::Request) -> Result<(), RequestError> {
        let credentials = self.credentials().await?;
        let identity = credentials.into();
        let mut settings = SigningSettings::default();
        // OpenSearch Serverless requires the payload hash as a header.
        if self.settings.service == "aoss" {
            settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
        }
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.settings.region)
            .name(&self.settings.service)
            .time(SystemTime::now())
            .settings(settings)
            .build()
            .map_err(|e| RequestError::AwsCredentials { detail: format!("cannot sign: {e}") })?
            .into();
        let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
        let headers: Vec<(&str, &str)> =
            request.headers().iter().filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str(), v))).collect();
        let signable = SignableRequest::new(
            request.method().as_str(),
            request.url().as_str(),
            headers.into_iter(),
            SignableBody::Bytes(body),
        )
        .map_err(|e| RequestError::AwsCredentials { detail: format!("cannot sign: {e}") })?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|e| RequestError::AwsCredentials { detail: format!("cannot sign: {e}") })?
            .into_parts();
        let (headers, _params) = instructions.into_parts();
        for header in headers {
            let mut value = reqwest::header::HeaderValue::from_str(header.value())
                .map_err(|e| RequestError::AwsCredentials { detail: format!("cannot sign: {e}") })?;
            value.set_sensitive(header.sensitive());
            request.headers_mut().insert(header.name(), value);
        }
        Ok(())
    }
}

/// The credential sources of the AWS SDK's default chain that `env` configures, in the chain's
/// order, for an error that must say which one failed: the SDK's own messages often do not
/// ("No such file or directory" for a web identity token file that is not there).
fn configured_sources(profile: Option<&str>, env: impl Fn(&str) -> Option<String>) -> String {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let mut sources = Vec::new();
    if set("AWS_ACCESS_KEY_ID").is_some() {
        sources.push("keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY".to_string());
    }
    let profile = profile.map(str::to_string).or_else(|| set("AWS_PROFILE"));
    let config_file = set("AWS_CONFIG_FILE").unwrap_or_else(|| "~/.aws/config".into());
    sources.push(match profile {
        Some(profile) => format!("profile {profile} of {config_file}"),
        None => format!("the default profile of {config_file}, if any"),
    });
    if let Some(file) = set("AWS_WEB_IDENTITY_TOKEN_FILE") {
        let role = set("AWS_ROLE_ARN").unwrap_or_else(|| "no AWS_ROLE_ARN".into());
        let sts = set("AWS_ENDPOINT_URL_STS").or_else(|| set("AWS_ENDPOINT_URL"));
        let sts = sts.map(|url| format!(", STS at {url}")).unwrap_or_default();
        sources.push(format!("web identity (token file {file}, role {role}{sts})"));
    }
    if let Some(uri) =
        set("AWS_CONTAINER_CREDENTIALS_FULL_URI").or_else(|| set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
    {
        sources.push(format!("container credentials ({uri})"));
    }
    if !set("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        let endpoint = set("AWS_EC2_METADATA_SERVICE_ENDPOINT").unwrap_or_else(|| "http://169.254.169.254".into());
        sources.push(format!("the instance metadata service at {endpoint}"));
    }
    sources.join(", ")
}

/// An error and its causes, `: `-separated (the SDK's messages say what, their sources why).
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut cur = err.source();
    while let Some(e) = cur {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_the_sources_the_environment_configures() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        let web = configured_sources(
            None,
            env(&[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"),
                ("AWS_EC2_METADATA_DISABLED", "true"),
            ]),
        );
        assert_eq!(
            web,
            "the default profile of ~/.aws/config, if any, web identity (token file /var/run/token, role arn:aws:iam::1:role/r)"
        );
        let imds = configured_sources(Some("ops"), env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1")]));
        assert_eq!(imds, "profile ops of ~/.aws/config, the instance metadata service at http://127.0.0.1:1");
    }
}
