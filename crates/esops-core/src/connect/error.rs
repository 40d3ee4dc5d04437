//! Why a connection could not be resolved. Every message says what is wrong, where (flag,
//! variable, or `file:line:column`), and what to do — and never contains a secret.

use std::path::PathBuf;

use super::SettingSource;
use super::cloud_id::CloudIdError;

/// A connection setting is missing, malformed or contradictory. (Sources are boxed where a
/// variant holds several, to keep the `Result`s of the happy path small.)
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The config file exists but cannot be read.
    #[error("cannot read the config file {}: {error} (point ESOPS_CONFIG at another file, or fix its permissions)", path.display())]
    ConfigRead {
        /// The config file.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The config file is not valid YAML or does not match the expected shape.
    #[error("{}:{line}:{column}: {message}", path.display())]
    ConfigInvalid {
        /// The config file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What is wrong and what to do.
        message: String,
    },
    /// A context was asked for, but there is no config file.
    #[error("context `{name}`{} needs a config file, but {}", requested(requested_by), match path {
        Some(p) => format!("{} does not exist (create it, or point ESOPS_CONFIG at yours)", p.display()),
        None => "neither ESOPS_CONFIG nor HOME is set, so there is none (set ESOPS_CONFIG)".to_string(),
    })]
    NoConfigFile {
        /// The context asked for.
        name: String,
        /// Who asked for it (`None` for `esops context use NAME`).
        requested_by: Option<Box<SettingSource>>,
        /// Where the config file was looked for.
        path: Option<PathBuf>,
    },
    /// The selected context is not defined in the config file.
    #[error("context `{name}`{} is not defined in {}; {}", requested(requested_by), path.display(), available_contexts(available))]
    UnknownContext {
        /// The context asked for.
        name: String,
        /// Who asked for it (`None` for `esops context use NAME`, where that is obvious).
        requested_by: Option<Box<SettingSource>>,
        /// The config file.
        path: PathBuf,
        /// The contexts the file defines.
        available: Vec<String>,
    },
    /// A URL does not parse or is not http(s).
    #[error("invalid URL `{url}` ({origin}): {reason}")]
    InvalidUrl {
        /// The URL with any credentials in it replaced by `<redacted>`.
        url: String,
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong with it.
        reason: String,
    },
    /// A Cloud ID cannot be decoded.
    #[error(
        "invalid Cloud ID ({origin}): {reason}; copy it again from the deployment's page in the Elastic Cloud console"
    )]
    InvalidCloudId {
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong with it.
        reason: CloudIdError,
    },
    /// A URL and a Cloud ID at the same precedence level.
    #[error(
        "both a URL ({url}) and a Cloud ID ({cloud_id}) are set; keep only one, or override both with --url or --cloud-id"
    )]
    EndpointConflict {
        /// Where the URL came from.
        url: SettingSource,
        /// Where the Cloud ID came from.
        cloud_id: SettingSource,
    },
    /// Two kinds of credentials at the same precedence level.
    #[error(
        "conflicting credentials: {first_kind} ({first}) and {second_kind} ({second}); keep only one, or override them with a flag"
    )]
    AuthConflict {
        /// The first kind (`API key`, `bearer token`, `user/password`, `credentials in the URL`).
        first_kind: &'static str,
        /// Where it came from.
        first: Box<SettingSource>,
        /// The second kind.
        second_kind: &'static str,
        /// Where it came from.
        second: Box<SettingSource>,
    },
    /// A basic-auth user without a password.
    #[error(
        "user `{user}` ({origin}) has no password; give one with --password, ESOPS_PASSWORD, or `password_file`/`password_env` in the context"
    )]
    UserWithoutPassword {
        /// The user name (not secret).
        user: String,
        /// Where it came from.
        origin: SettingSource,
    },
    /// A basic-auth password without a user.
    #[error("a password is set ({origin}) but no user; give one with --user, ESOPS_USERNAME, or `user` in the context")]
    PasswordWithoutUser {
        /// Where the password came from.
        origin: SettingSource,
    },
    /// A user name containing `:`, which basic auth cannot carry (and is usually `user:password`).
    #[error("the user name ({origin}) contains `:`; give the password separately, with --password or ESOPS_PASSWORD")]
    UserWithColon {
        /// Where it came from.
        origin: SettingSource,
    },
    /// A secret file named by a context cannot be read or is empty.
    #[error("context `{context}`: cannot read {key} {}: {reason}", file.display())]
    SecretFile {
        /// The context.
        context: String,
        /// The config key (`password_file`, …).
        key: &'static str,
        /// The file.
        file: PathBuf,
        /// What went wrong (never the content).
        reason: String,
    },
    /// An environment variable named by a context is not set.
    #[error(
        "context `{context}`: {key} names the environment variable {var}, which is not set (export it, or change the context)"
    )]
    SecretEnvMissing {
        /// The context.
        context: String,
        /// The config key (`api_key_env`, …).
        key: &'static str,
        /// The variable.
        var: String,
    },
    /// The CA certificate file is missing or not PEM.
    #[error("CA certificate {} ({origin}) {reason}; give a PEM file containing -----BEGIN CERTIFICATE-----", path.display())]
    CaCert {
        /// The file.
        path: PathBuf,
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong with it.
        reason: String,
    },
    /// A CA fingerprint that is not 64 hex digits.
    #[error("invalid CA fingerprint ({origin}): {reason}")]
    InvalidFingerprint {
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong with it.
        reason: String,
    },
    /// A CA certificate and a CA fingerprint at the same precedence level.
    #[error(
        "both a CA certificate ({ca_cert}) and a CA fingerprint ({fingerprint}) are set; keep one: the fingerprint pins \
         the cluster's CA by itself"
    )]
    TrustConflict {
        /// Where the CA certificate came from.
        ca_cert: Box<SettingSource>,
        /// Where the fingerprint came from.
        fingerprint: Box<SettingSource>,
    },
    /// Half of a client certificate pair.
    #[error(
        "a client {given} is set ({origin}) but no client {missing}; mutual TLS needs both (--client-cert and --client-key, ESOPS_CLIENT_CERT and ESOPS_CLIENT_KEY, or `client_cert` and `client_key` in the context)"
    )]
    ClientPairIncomplete {
        /// `certificate` or `key`.
        given: &'static str,
        /// The other one.
        missing: &'static str,
        /// Where the given half came from.
        origin: SettingSource,
    },
    /// A client certificate or key file that cannot be used.
    #[error("{what} {} ({origin}) {reason}", path.display())]
    ClientCertFile {
        /// `client certificate` or `client key`.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong with it (never the content).
        reason: String,
    },
    /// A client key that belongs to another certificate.
    #[error(
        "the client key {} ({key_origin}) does not belong to the client certificate {} ({cert_origin}): their public keys \
         differ; give the key the certificate was issued for (compare `openssl x509 -noout -pubkey -in CERT` with \
         `openssl pkey -pubout -in KEY`)",
        key.display(), cert.display()
    )]
    ClientKeyMismatch {
        /// The certificate file.
        cert: PathBuf,
        /// Where it came from.
        cert_origin: Box<SettingSource>,
        /// The key file.
        key: PathBuf,
        /// Where it came from.
        key_origin: Box<SettingSource>,
    },
    /// An extra header that cannot be sent.
    #[error("invalid header {header} ({origin}): {reason}")]
    InvalidHeader {
        /// The header name, or the line as far as its name (never the value).
        header: String,
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong and what to do.
        reason: String,
    },
    /// A proxy URL that does not parse or is not an HTTP proxy.
    #[error("invalid proxy `{url}` ({origin}): {reason}")]
    InvalidProxy {
        /// The URL with any credentials in it replaced by `<redacted>`.
        url: String,
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong with it.
        reason: String,
    },
    /// An AWS signing setting that cannot be used.
    #[error("invalid AWS signing setting ({origin}): {reason}")]
    InvalidAwsSetting {
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong and what to do.
        reason: String,
    },
    /// AWS signing without a region to sign for.
    #[error(
        "AWS SigV4 signing needs the domain's region: give --aws-region, ESOPS_AWS_REGION (or AWS_REGION), or \
         `aws_region` in the context (an *.amazonaws.com URL names it by itself)"
    )]
    AwsRegionMissing,
    /// A timeout that is not a positive duration.
    #[error("invalid timeout `{value}` ({origin}): {reason}; use a duration such as 30s or 2m")]
    InvalidTimeout {
        /// The value as given.
        value: String,
        /// Where it came from.
        origin: SettingSource,
        /// What is wrong with it.
        reason: String,
    },
    /// `esops context use` could not write the config file.
    #[error("cannot write the config file {}: {error}", path.display())]
    ConfigWrite {
        /// The config file.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// `esops context use` found a `current_context` it cannot edit safely.
    #[error(
        "cannot update current_context in {} safely (it is not a plain `current_context: NAME` line); set `current_context: {name}` by hand",
        path.display()
    )]
    CurrentContextNotEditable {
        /// The config file.
        path: PathBuf,
        /// The context to select.
        name: String,
    },
}

fn available_contexts(available: &[String]) -> String {
    if available.is_empty() {
        "the file defines no contexts yet".to_string()
    } else {
        format!("available: {}", available.join(", "))
    }
}

fn requested(by: &Option<Box<SettingSource>>) -> String {
    by.as_ref().map(|by| format!(" ({by})")).unwrap_or_default()
}
