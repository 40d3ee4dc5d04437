//! What `esops context show` and `esops context list` report, as data (secrets already redacted).

use std::path::Path;

use serde::Serialize;

use super::config::{ConfigFile, ContextConfig, SecretRef};
use super::env::{self, EnvLookup};
use super::resolve::PartialConnection;
use super::resolve::redact_userinfo;
use super::{Auth, ConnectError, Endpoint, ProxySetting, decode_cloud_id};

/// One resolved setting and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingLine {
    /// `config`, `context`, `url`, `cloud_id`, `auth`, `ca_cert`, `ca_fingerprint`, `insecure`,
    /// `client_cert`, `client_key`, `header` (one line each), `proxy`, `timeout`.
    pub setting: &'static str,
    /// The value; secrets appear as `<redacted>`.
    pub value: String,
    /// Where it came from (`--url`, `env ESOPS_API_KEY`, `context prod, /path`, `default`).
    pub source: String,
}

/// The value shown for a setting that cannot be resolved; the source column then says why.
pub const BROKEN: &str = "BROKEN";

/// Every setting of `conn` with its source, in the order `context show` prints them, preceded
/// by the config file in use. A setting that cannot be resolved is shown as [`BROKEN`], with the
/// problem (which names the file, context or variable at fault) in place of its source.
pub fn describe(conn: &PartialConnection, env: EnvLookup<'_>, config_path: Option<&Path>) -> Vec<SettingLine> {
    let line = |setting, value: String, source: String| SettingLine { setting, value, source };
    let broken = |setting, problem: &ConnectError| SettingLine {
        setting,
        value: BROKEN.to_string(),
        source: problem.to_string().lines().next().unwrap_or_default().to_string(),
    };
    let config_source = if env::CONFIG.lookup(env).is_some() { "env ESOPS_CONFIG" } else { "default location" };
    let mut lines = vec![match config_path {
        Some(path) if path.exists() => line("config", path.display().to_string(), config_source.into()),
        Some(path) => line("config", format!("{} (does not exist)", path.display()), config_source.into()),
        None => line("config", "none".into(), "neither ESOPS_CONFIG nor HOME is set".into()),
    }];
    lines.push(match &conn.context {
        Ok(Some((name, source))) => line("context", name.clone(), source.to_string()),
        Ok(None) => line("context", "none".into(), "no --context, ESOPS_CONTEXT or current_context".into()),
        Err(problem) => broken("context", problem),
    });
    match &conn.endpoint {
        Ok((endpoint, source)) => {
            if let Endpoint::CloudId { id, .. } = endpoint {
                lines.push(line("cloud_id", id.clone(), source.to_string()));
            }
            let url_source = match endpoint {
                Endpoint::Url(_) => source.to_string(),
                Endpoint::CloudId { .. } => "decoded from cloud_id".into(),
            };
            lines.push(line("url", display_url(endpoint.url()), url_source));
        }
        Err(problem) => lines.push(broken("url", problem)),
    }
    lines.push(match &conn.auth {
        Ok((auth, source)) => line("auth", auth_text(auth), source.to_string()),
        Err(problem) => broken("auth", problem),
    });
    match &conn.trust {
        Ok((ca_cert, ca_fingerprint)) => {
            lines.push(match (ca_cert, ca_fingerprint) {
                (Some((path, source)), _) => line("ca_cert", path.display().to_string(), source.to_string()),
                (None, Some(_)) => line("ca_cert", "none (the fingerprint below decides)".into(), "default".into()),
                (None, None) => line("ca_cert", "none (system trust store)".into(), "default".into()),
            });
            if let Some((fingerprint, source)) = ca_fingerprint {
                lines.push(line("ca_fingerprint", fingerprint.to_string(), source.to_string()));
            }
        }
        Err(problem) => lines.push(broken("ca_cert", problem)),
    }
    lines.push(line("insecure", conn.insecure.0.to_string(), conn.insecure.1.to_string()));
    match &conn.client_identity {
        Ok(Some(identity)) => {
            let (cert, cert_source) = &identity.cert;
            let (key, key_source) = &identity.key;
            lines.push(line("client_cert", cert.display().to_string(), cert_source.to_string()));
            lines.push(line("client_key", key.display().to_string(), key_source.to_string()));
        }
        Ok(None) => lines.push(line("client_cert", "none".into(), "default".into())),
        Err(problem) => lines.push(broken("client_cert", problem)),
    }
    match &conn.headers {
        Ok(headers) => {
            for header in headers {
                lines.push(line("header", format!("{}: {}", header.name, header.value), header.source.to_string()));
            }
        }
        Err(problem) => lines.push(broken("header", problem)),
    }
    lines.push(match &conn.proxy {
        Ok((proxy, source)) => {
            let value = match proxy {
                ProxySetting::Direct => "none (direct)".to_string(),
                ProxySetting::Via { url, user: Some(user), .. } => format!("{}, user {user}", display_url(url)),
                ProxySetting::Via { url, user: None, .. } => display_url(url),
            };
            line("proxy", value, source.to_string())
        }
        Err(problem) => broken("proxy", problem),
    });
    lines.push(line("timeout", humantime::format_duration(conn.timeout.0).to_string(), conn.timeout.1.to_string()));
    lines
}

fn auth_text(auth: &Auth) -> String {
    match auth {
        Auth::None => "none".to_string(),
        Auth::Basic { user, password } => format!("basic, user {user}, password {password}"),
        Auth::ApiKey(key) => format!("api key {key}"),
        Auth::Bearer(token) => format!("bearer token {token}"),
        Auth::AwsSigV4(aws) => format!(
            "AWS SigV4, service {}, region {}, credentials from the AWS SDK's chain{}",
            aws.service,
            aws.region,
            aws.profile.as_ref().map(|p| format!(" (profile {p})")).unwrap_or_default()
        ),
    }
}

/// One context of the config file, as `context list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextSummary {
    /// True for the context in use.
    pub current: bool,
    /// The context name.
    pub name: String,
    /// Where it points: the URL (credentials removed), the URL a Cloud ID decodes to, or `none`.
    pub endpoint: String,
    /// The kind of credentials and where the secret lives: `api key, env ES_PROD_API_KEY`.
    pub auth: String,
}

/// The contexts of `config`, marking `current` (the context in use, see
/// [`requested_context`](super::requested_context)). Secrets are not read.
pub fn summarize_contexts(config: &ConfigFile, current: Option<&str>) -> Vec<ContextSummary> {
    config
        .contexts
        .iter()
        .map(|ctx| ContextSummary {
            current: current == Some(ctx.name.as_str()),
            name: ctx.name.clone(),
            endpoint: context_endpoint(ctx),
            auth: context_auth(ctx),
        })
        .collect()
}

fn context_endpoint(ctx: &ContextConfig) -> String {
    match (&ctx.url, &ctx.cloud_id) {
        (Some(url), _) => {
            let url = redact_userinfo(url);
            url.strip_suffix('/').map(str::to_string).unwrap_or(url)
        }
        (None, Some(id)) => match decode_cloud_id(id) {
            Ok(url) => format!("{} (cloud_id)", display_url(&url)),
            Err(_) => "invalid cloud_id".into(),
        },
        (None, None) => format!("none (default {})", super::DEFAULT_URL),
    }
}

fn context_auth(ctx: &ContextConfig) -> String {
    let place = |reference: &SecretRef| match reference {
        SecretRef::Inline { .. } => "inline".to_string(),
        SecretRef::File(path) => format!("file {}", path.display()),
        SecretRef::Env(var) => format!("env {var}"),
    };
    if ctx.aws_sigv4 == Some(true) {
        "AWS SigV4".into()
    } else if let Some(key) = &ctx.api_key {
        format!("api key, {}", place(key))
    } else if let Some(token) = &ctx.bearer_token {
        format!("bearer token, {}", place(token))
    } else if let Some(user) = &ctx.user {
        match &ctx.password {
            Some(password) => format!("basic, user {user}, password {}", place(password)),
            None => format!("basic, user {user}"),
        }
    } else {
        "none".into()
    }
}

/// A URL as people write it: no trailing `/` when there is no path.
fn display_url(url: &url::Url) -> String {
    let text = url.as_str();
    if url.path() == "/" && url.query().is_none() && url.fragment().is_none() {
        text.trim_end_matches('/').to_string()
    } else {
        text.to_string()
    }
}
