//! Where esops connects and how it authenticates: resolved once, from flags > environment >
//! the selected context of the config file > the default `http://localhost:9200`.
//!
//! The rest of esops only sees [`ResolvedConnection`]; nothing else reads the environment
//! or the config file. Entry points: [`resolve`], [`config_path`], [`ConfigFile`].

mod cloud_id;
mod config;
mod env;
mod error;
mod identity;
mod proxy;
mod resolve;
mod summary;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

pub use cloud_id::{CloudIdError, decode_cloud_id};
pub use config::{ConfigFile, ContextConfig, SecretKind, SecretRef};
pub use env::{
    ALL_PROXY, API_KEY, AWS_REGION, AWS_SERVICE, AWS_SIGV4, BEARER_TOKEN, CA_CERT, CA_FINGERPRINT, CLIENT_CERT,
    CLIENT_KEY, CLOUD_ID, CONFIG, CONTEXT, ENV_VARS, EnvLookup, EnvVar, HEADERS, HTTP_PROXY, HTTPS_PROXY, NO_PROXY,
    PASSWORD, PROXY, TIMEOUT, URL, USERNAME, config_path,
};
pub use error::ConnectError;
pub use identity::{CaFingerprint, ClientIdentity};
pub use proxy::no_proxy_matches;
pub(crate) use resolve::parse_timeout;
pub use resolve::{
    DEFAULT_TIMEOUT, DEFAULT_URL, PartialConnection, requested_context, resolve, resolve_each, select_context,
};
pub use summary::{BROKEN, ContextSummary, SettingLine, describe, summarize_contexts};

/// A secret value (password, API key, token). Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send it (the HTTP Authorization header).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Inline secrets in the config file are read straight into a `Secret`, so that no plain
/// `String` copy of them is left in a parsed structure that something might print.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

/// Where one resolved setting came from, shown by `esops context show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingSource {
    /// A command-line flag, e.g. `--url`.
    Flag(&'static str),
    /// An environment variable, by name.
    Env(&'static str),
    /// A context of the config file.
    Context {
        /// The context name.
        name: String,
        /// The config file path.
        file: PathBuf,
    },
    /// A secret read from a file named in a context (`password_file`, …).
    ContextFile {
        /// The context name.
        name: String,
        /// The secret file.
        file: PathBuf,
    },
    /// A secret read from an environment variable named in a context (`api_key_env`, …).
    ContextEnv {
        /// The context name.
        name: String,
        /// The variable named by the context.
        var: String,
    },
    /// The `current_context` of the config file (how a context gets selected when neither
    /// `--context` nor `ESOPS_CONTEXT` names one).
    CurrentContext {
        /// The config file path.
        file: PathBuf,
    },
    /// Basic-auth credentials whose user and password came from different places (e.g. the user
    /// from the context, the password from `ESOPS_PASSWORD`).
    UserAndPassword {
        /// Where the user came from.
        user: Box<SettingSource>,
        /// Where the password came from.
        password: Box<SettingSource>,
    },
    /// The built-in default.
    Default,
}

/// How `esops context show` and error messages name a source: `--url`, `env ESOPS_URL`,
/// `context prod (/home/me/.config/esops/config.yaml)`, `default`.
impl fmt::Display for SettingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingSource::Flag(flag) => f.write_str(flag),
            SettingSource::Env(var) => write!(f, "env {var}"),
            SettingSource::Context { name, file } => write!(f, "context {name}, {}", file.display()),
            SettingSource::ContextFile { name, file } => write!(f, "context {name}, file {}", file.display()),
            SettingSource::ContextEnv { name, var } => write!(f, "context {name}, env {var}"),
            SettingSource::CurrentContext { file } => write!(f, "current_context in {}", file.display()),
            SettingSource::UserAndPassword { user, password } => write!(f, "user: {user}; password: {password}"),
            SettingSource::Default => f.write_str("default"),
        }
    }
}

/// The cluster endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A plain URL (`https://es.example:9200`).
    Url(url::Url),
    /// An Elastic Cloud ID and the URL it decodes to.
    CloudId {
        /// The Cloud ID as given (not secret).
        id: String,
        /// The decoded Elasticsearch URL.
        url: url::Url,
    },
}

impl Endpoint {
    /// The URL requests go to.
    pub fn url(&self) -> &url::Url {
        match self {
            Endpoint::Url(u) => u,
            Endpoint::CloudId { url, .. } => url,
        }
    }
}

/// How esops authenticates. `Debug` shows the kind and the user, never a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    None,
    /// HTTP basic authentication.
    Basic {
        /// User name (not secret).
        user: String,
        /// Password.
        password: Secret,
    },
    /// An API key, already in its encoded form `base64(id:key)` (an `id:key` input is encoded on resolution).
    ApiKey(Secret),
    /// A bearer token (service account token, OAuth2 access token, JWT).
    Bearer(Secret),
    /// AWS SigV4 request signing with credentials from the AWS SDK's default chain.
    AwsSigV4(AwsSigning),
}

/// What AWS request signing needs besides the credentials (which the AWS SDK's chain finds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsSigning {
    /// The region the domain is in (`eu-west-1`).
    pub region: String,
    /// `es` (Amazon OpenSearch Service, Amazon Elasticsearch Service) or `aoss` (OpenSearch Serverless).
    pub service: String,
    /// A named profile of the AWS config files, instead of `AWS_PROFILE` or `default`.
    pub profile: Option<String>,
}

impl Auth {
    /// The kind of credentials, for people: `none`, `basic`, `api key`, `bearer token`.
    pub fn kind(&self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::Basic { .. } => "basic",
            Auth::ApiKey(_) => "api key",
            Auth::Bearer(_) => "bearer token",
            Auth::AwsSigV4(_) => "AWS SigV4",
        }
    }
}

/// Everything needed to open a connection, with where each part came from.
#[derive(Debug, Clone)]
pub struct ResolvedConnection {
    /// Name of the context in use, if any, and what selected it (`--context`, `ESOPS_CONTEXT`,
    /// or the file's `current_context`).
    pub context: Option<(String, SettingSource)>,
    /// The endpoint, and its source.
    pub endpoint: (Endpoint, SettingSource),
    /// Credentials, and their source (`Default` when there are none; `UserAndPassword` when the
    /// two halves of basic auth came from different places).
    pub auth: (Auth, SettingSource),
    /// A CA certificate (PEM) to trust in addition to the system store.
    pub ca_cert: Option<(PathBuf, SettingSource)>,
    /// Skip TLS certificate verification (loudly warned about).
    pub insecure: (bool, SettingSource),
    /// A pinned SHA-256 fingerprint of the cluster's CA (or of its certificate), instead of
    /// `ca_cert`: the chain the cluster presents must contain that certificate.
    pub ca_fingerprint: Option<(CaFingerprint, SettingSource)>,
    /// A client certificate and key for mutual TLS, already read and checked to belong together.
    pub client_identity: Option<ClientIdentity>,
    /// Extra headers sent with every request (a gateway's routing or authentication header),
    /// merged by name across levels: a flag's `X-Tenant` replaces the context's.
    pub headers: Vec<ExtraHeader>,
    /// Whether requests go through a proxy, and which.
    pub proxy: (ProxySetting, SettingSource),
    /// Per-request timeout (connect included).
    pub timeout: (Duration, SettingSource),
    /// Warnings collected while resolving (inline secrets in the config file, …), for the printer.
    pub warnings: Vec<String>,
}

/// Connection settings given on the command line (already parsed by clap, which stays in `cli.rs`).
#[derive(Debug, Clone, Default)]
pub struct ConnectionFlags {
    /// `--context NAME`
    pub context: Option<String>,
    /// `--url URL`
    pub url: Option<String>,
    /// `--cloud-id ID`
    pub cloud_id: Option<String>,
    /// `--api-key KEY` (encoded, or `id:key`)
    pub api_key: Option<Secret>,
    /// `--user NAME`
    pub user: Option<String>,
    /// `--password PASSWORD`
    pub password: Option<Secret>,
    /// `--bearer-token TOKEN`
    pub bearer_token: Option<Secret>,
    /// `--ca-cert PATH`
    pub ca_cert: Option<PathBuf>,
    /// `--insecure`
    pub insecure: bool,
    /// `--ca-fingerprint HEX`
    pub ca_fingerprint: Option<String>,
    /// `--client-cert PATH`
    pub client_cert: Option<PathBuf>,
    /// `--client-key PATH`
    pub client_key: Option<PathBuf>,
    /// `--header 'Name: value'` or `--header @FILE` (one `Name: value` per line), repeatable.
    pub headers: Vec<String>,
    /// `--proxy URL`
    pub proxy: Option<String>,
    /// `--no-proxy`: no proxy at all, whatever the environment or the context says.
    pub no_proxy: bool,
    /// `--aws-sigv4`: sign requests for AWS.
    pub aws_sigv4: bool,
    /// `--aws-region REGION`
    pub aws_region: Option<String>,
    /// `--aws-service es|aoss`
    pub aws_service: Option<String>,
    /// `--aws-profile NAME`
    pub aws_profile: Option<String>,
    /// `--timeout DURATION`
    pub timeout: Option<Duration>,
}

/// One extra request header. Its value may be a secret (a gateway token): it is shown redacted
/// and redacted from traces like credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraHeader {
    /// The header name, as given (HTTP names are case-insensitive).
    pub name: String,
    /// The value.
    pub value: Secret,
    /// Where it came from.
    pub source: SettingSource,
}

/// How requests reach the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxySetting {
    /// Straight to the cluster (no proxy variable applies, `--no-proxy`, `proxy: none`, or a
    /// `NO_PROXY` match).
    Direct,
    /// Through an HTTP proxy: `CONNECT` tunnels for `https://` clusters, forwarded requests for
    /// `http://` ones.
    Via {
        /// The proxy URL, without credentials.
        url: url::Url,
        /// Basic credentials for the proxy, from the proxy URL's userinfo.
        user: Option<String>,
        /// The proxy password.
        password: Option<Secret>,
    },
}
