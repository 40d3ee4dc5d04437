//! Resolution: flags > environment > selected context > default, decided per setting.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;

use super::config::{ConfigFile, ContextConfig, SecretKind, SecretRef};
use super::env::{self, EnvLookup, EnvVar};
use super::identity::{CaFingerprint, ClientIdentity};
use super::proxy::{no_proxy_matches, parse_proxy};
use super::{
    Auth, AwsSigning, ConnectError, ConnectionFlags, Endpoint, ExtraHeader, ProxySetting, ResolvedConnection, Secret,
    SettingSource, decode_cloud_id,
};

/// Where esops connects when nothing says otherwise.
pub const DEFAULT_URL: &str = "http://localhost:9200";

/// The request timeout when nothing says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Resolves where to connect and how to authenticate.
///
/// Each setting (endpoint, credentials, CA certificate, `insecure`, timeout) is taken from the
/// highest level that sets it: flags, then the environment ([`env::ENV_VARS`]), then the selected
/// context of the config file at `config_path` (a missing file is no error unless a context is
/// asked for), then the default. So `--url` can point a context's credentials at another node.
///
/// Within one level, contradictions are errors rather than guesses: a URL and a Cloud ID, or two
/// kinds of credentials. Across levels, the credential *kind* comes from the highest level that
/// has any; a basic-auth user and password may then come from different levels (user from the
/// context, password from `ESOPS_PASSWORD`). Credentials in a URL (`https://u:p@host`) are moved
/// into basic auth at that URL's level, so the URL can be shown.
///
/// Secret files and variables named by the context are read only when that secret is the one used.
pub fn resolve(
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config_path: Option<&Path>,
) -> Result<ResolvedConnection, ConnectError> {
    resolve_each(flags, env, config_path)?.complete()
}

/// Every setting resolved on its own, as far as it can be: what `esops context show` prints for a
/// context that is partly broken (a secret file missing, a bad URL), so that one broken setting
/// does not hide the others. [`PartialConnection::complete`] gives [`resolve`]'s answer.
///
/// Errors of the command line and the environment (a bad `--timeout`, `ESOPS_TIMEOUT`) are
/// returned at once: they are not the context's, and the command that has them fails anyway.
pub fn resolve_each(
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config_path: Option<&Path>,
) -> Result<PartialConnection, ConnectError> {
    let config = match config_path {
        Some(path) => ConfigFile::load(path),
        None => Ok(None),
    };
    let (config, config_error) = match config {
        Ok(config) => (config, None),
        Err(e) => (None, Some(e)),
    };
    let selected = match config_error {
        Some(e) => Err(e),
        None => select_context(flags, env, config.as_ref(), config_path),
    };
    let mut levels = vec![flag_level(flags)?, env_level(env)?];
    let mut warnings = Vec::new();
    if let (Some(config), Ok(Some((ctx, _)))) = (&config, &selected) {
        levels.push(context_level(ctx, &config.path));
        warnings.extend(inline_secret_warnings(ctx, &config.path));
    }
    let endpoint = resolve_endpoint(&mut levels);
    let default_url = url::Url::parse(DEFAULT_URL).expect("the default URL parses");
    let url = endpoint.as_ref().map_or(&default_url, |(e, _)| e.url()).clone();
    let auth = resolve_auth(&levels, env, &url);
    let trust = resolve_trust(&mut levels)
        .and_then(|(ca_cert, fingerprint)| Ok((ca_cert.map(|(p, s)| check_ca_cert(p, s)).transpose()?, fingerprint)));
    let insecure = levels.iter_mut().find_map(|l| l.insecure.take()).unwrap_or((false, SettingSource::Default));
    let client_cert = levels.iter_mut().find_map(|l| l.client_cert.take());
    let client_key = levels.iter_mut().find_map(|l| l.client_key.take());
    let client_identity = match (client_cert, client_key) {
        (None, None) => Ok(None),
        (Some(cert), Some(key)) => ClientIdentity::load(cert, key).map(Some),
        (Some((_, origin)), None) => {
            Err(ConnectError::ClientPairIncomplete { given: "certificate", missing: "key", origin })
        }
        (None, Some((_, origin))) => {
            Err(ConnectError::ClientPairIncomplete { given: "key", missing: "certificate", origin })
        }
    };
    let headers = resolve_headers(&levels, auth.as_ref().map_or(&Auth::None, |(a, _)| a), env);
    let proxy = match levels.iter_mut().find_map(|l| l.proxy.take()) {
        Some(proxy) => Ok(proxy),
        None => generic_proxy(&url, env).map(|p| p.unwrap_or((ProxySetting::Direct, SettingSource::Default))),
    };
    let timeout = levels.iter_mut().find_map(|l| l.timeout.take()).unwrap_or((DEFAULT_TIMEOUT, SettingSource::Default));
    Ok(PartialConnection {
        context: selected.map(|s| s.map(|(ctx, source)| (ctx.name.clone(), source))),
        endpoint,
        auth,
        trust,
        insecure,
        client_identity,
        headers,
        proxy,
        timeout,
        warnings,
    })
}

/// The outcome of [`resolve_each`]: each setting, or why it cannot be resolved.
#[derive(Debug)]
pub struct PartialConnection {
    /// The context in use (`None`: none asked for), or why the config file or the context cannot be used.
    pub context: Result<Option<(String, SettingSource)>, ConnectError>,
    pub endpoint: Result<(Endpoint, SettingSource), ConnectError>,
    pub auth: Result<(Auth, SettingSource), ConnectError>,
    /// `ca_cert` (checked to be a readable certificate) and `ca_fingerprint`.
    #[allow(clippy::type_complexity)]
    pub trust: Result<(Option<(PathBuf, SettingSource)>, Option<(CaFingerprint, SettingSource)>), ConnectError>,
    pub insecure: (bool, SettingSource),
    pub client_identity: Result<Option<ClientIdentity>, ConnectError>,
    pub headers: Result<Vec<ExtraHeader>, ConnectError>,
    pub proxy: Result<(ProxySetting, SettingSource), ConnectError>,
    pub timeout: (Duration, SettingSource),
    pub warnings: Vec<String>,
}

impl PartialConnection {
    /// The connection, or the first problem in the order the settings are resolved.
    pub fn complete(self) -> Result<ResolvedConnection, ConnectError> {
        let context = self.context?;
        let endpoint = self.endpoint?;
        let auth = self.auth?;
        let (ca_cert, ca_fingerprint) = self.trust?;
        Ok(ResolvedConnection {
            context,
            endpoint,
            auth,
            ca_cert,
            insecure: self.insecure,
            ca_fingerprint,
            client_identity: self.client_identity?,
            headers: self.headers?,
            proxy: self.proxy?,
            timeout: self.timeout,
            warnings: self.warnings,
        })
    }

    /// What cannot be resolved, as `(setting, problem)`, in the order `context show` lists them.
    pub fn problems(&self) -> Vec<(&'static str, &ConnectError)> {
        [
            ("context", self.context.as_ref().err()),
            ("url", self.endpoint.as_ref().err()),
            ("auth", self.auth.as_ref().err()),
            ("ca_cert", self.trust.as_ref().err()),
            ("client_cert", self.client_identity.as_ref().err()),
            ("header", self.headers.as_ref().err()),
            ("proxy", self.proxy.as_ref().err()),
        ]
        .into_iter()
        .filter_map(|(setting, problem)| problem.map(|p| (setting, p)))
        .collect()
    }
}

/// The context name asked for, and by whom: `--context` > `ESOPS_CONTEXT` > `current_context`
/// of the file. Not checked against the file (see [`select_context`]).
pub fn requested_context(
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config: Option<&ConfigFile>,
) -> Option<(String, SettingSource)> {
    flags
        .context
        .clone()
        .filter(|name| !name.is_empty())
        .map(|name| (name, SettingSource::Flag("--context")))
        .or_else(|| lookup(&env::CONTEXT, env))
        .or_else(|| {
            let config = config?;
            let name = config.current_context.clone()?;
            Some((name, SettingSource::CurrentContext { file: config.path.clone() }))
        })
}

/// The context in use (see [`requested_context`]), checked against the config file; `None` when
/// no context is asked for. `config_path` is only used to say where a missing file was looked for.
pub fn select_context<'c>(
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config: Option<&'c ConfigFile>,
    config_path: Option<&Path>,
) -> Result<Option<(&'c ContextConfig, SettingSource)>, ConnectError> {
    let Some((name, requested_by)) = requested_context(flags, env, config) else {
        return Ok(None);
    };
    let Some(config) = config else {
        return Err(ConnectError::NoConfigFile {
            name,
            requested_by: Some(Box::new(requested_by)),
            path: config_path.map(Path::to_path_buf),
        });
    };
    match config.context(&name) {
        Some(ctx) => Ok(Some((ctx, requested_by))),
        None => Err(ConnectError::UnknownContext {
            name,
            requested_by: Some(Box::new(requested_by)),
            path: config.path.clone(),
            available: config.names(),
        }),
    }
}

/// Parses a timeout written by a person (`30s`, `2m`, `1h 30m`). Zero is refused: it would make
/// every request fail at once, which is never what someone typing it meant.
pub(crate) fn parse_timeout(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text.trim()).map_err(|e| e.to_string()).and_then(positive_timeout)
}

fn positive_timeout(timeout: Duration) -> Result<Duration, String> {
    if timeout.is_zero() { Err("it must be more than zero".into()) } else { Ok(timeout) }
}

/// `raw` with everything between the scheme and the last `@` replaced by `<redacted>`, for
/// messages about a URL that may carry credentials. Deliberately blunt: a URL that failed to
/// parse may have an unencoded `/` or `#` inside its password.
pub(crate) fn redact_userinfo(raw: &str) -> String {
    let start = raw.find("://").map_or(0, |i| i + 3);
    match raw[start..].rfind('@') {
        Some(at) => format!("{}<redacted>{}", &raw[..start], &raw[start + at..]),
        None => raw.to_string(),
    }
}

/// What one precedence level (flags, environment, or the context) says, before choosing.
#[derive(Default)]
struct Level<'a> {
    url: Option<(String, SettingSource)>,
    cloud_id: Option<(String, SettingSource)>,
    user: Option<(String, SettingSource)>,
    password: Option<PendingSecret<'a>>,
    api_key: Option<PendingSecret<'a>>,
    bearer_token: Option<PendingSecret<'a>>,
    ca_cert: Option<(PathBuf, SettingSource)>,
    insecure: Option<(bool, SettingSource)>,
    ca_fingerprint: Option<(CaFingerprint, SettingSource)>,
    client_cert: Option<(PathBuf, SettingSource)>,
    client_key: Option<(PathBuf, SettingSource)>,
    headers: Vec<PendingHeader<'a>>,
    proxy: Option<(ProxySetting, SettingSource)>,
    aws_sigv4: Option<(bool, SettingSource)>,
    aws_region: Option<(String, SettingSource)>,
    aws_service: Option<(String, SettingSource)>,
    aws_profile: Option<(String, SettingSource)>,
    timeout: Option<(Duration, SettingSource)>,
}

/// An extra header whose value may still have to be read from a file or a variable.
struct PendingHeader<'a> {
    name: String,
    value: PendingSecret<'a>,
}

impl Level<'_> {
    fn has_auth(&self) -> bool {
        self.user.is_some()
            || self.password.is_some()
            || self.api_key.is_some()
            || self.bearer_token.is_some()
            || self.aws_sigv4.as_ref().is_some_and(|(on, _)| *on)
    }
}

/// A secret that is known, or named by a context and read only if it is the one used.
struct PendingSecret<'a> {
    source: SettingSource,
    value: SecretValue<'a>,
}

enum SecretValue<'a> {
    Known(Secret),
    InFile { context: &'a str, key: &'static str, file: &'a Path },
    InEnv { context: &'a str, key: &'static str, var: &'a str },
}

impl PendingSecret<'_> {
    fn known(secret: Secret, source: SettingSource) -> Self {
        PendingSecret { source, value: SecretValue::Known(secret) }
    }

    fn read(&self, env: EnvLookup<'_>) -> Result<Secret, ConnectError> {
        match &self.value {
            SecretValue::Known(secret) => Ok(secret.clone()),
            SecretValue::InFile { context, key, file } => {
                let failed = |reason: String| ConnectError::SecretFile {
                    context: context.to_string(),
                    key,
                    file: file.to_path_buf(),
                    reason,
                };
                let text = fs::read_to_string(file).map_err(|e| failed(e.to_string()))?;
                // Secret files written by `echo` or editors end in a newline that is not part of the secret.
                let secret = text.trim();
                if secret.is_empty() {
                    return Err(failed("the file is empty".into()));
                }
                Ok(Secret::new(secret))
            }
            SecretValue::InEnv { context, key, var } => {
                env(var).filter(|v| !v.is_empty()).map(Secret::new).ok_or_else(|| ConnectError::SecretEnvMissing {
                    context: context.to_string(),
                    key,
                    var: var.to_string(),
                })
            }
        }
    }
}

fn lookup(var: &EnvVar, env: EnvLookup<'_>) -> Option<(String, SettingSource)> {
    var.lookup(env).map(|(value, name)| (value, SettingSource::Env(name)))
}

fn flag_level(flags: &ConnectionFlags) -> Result<Level<'static>, ConnectError> {
    let flag = |value: &Option<String>, name| value.clone().map(|v| (v, SettingSource::Flag(name)));
    let secret =
        |value: &Option<Secret>, name| value.clone().map(|s| PendingSecret::known(s, SettingSource::Flag(name)));
    let timeout = match flags.timeout {
        None => None,
        Some(timeout) => {
            Some(positive_timeout(timeout).map(|t| (t, SettingSource::Flag("--timeout"))).map_err(|reason| {
                ConnectError::InvalidTimeout {
                    value: humantime::format_duration(timeout).to_string(),
                    origin: SettingSource::Flag("--timeout"),
                    reason,
                }
            })?)
        }
    };
    Ok(Level {
        url: flag(&flags.url, "--url"),
        cloud_id: flag(&flags.cloud_id, "--cloud-id"),
        user: flag(&flags.user, "--user"),
        password: secret(&flags.password, "--password"),
        api_key: secret(&flags.api_key, "--api-key"),
        bearer_token: secret(&flags.bearer_token, "--bearer-token"),
        ca_cert: flags.ca_cert.clone().map(|p| (p, SettingSource::Flag("--ca-cert"))),
        // A bare boolean flag can only turn checks off; leaving it out says nothing.
        insecure: flags.insecure.then_some((true, SettingSource::Flag("--insecure"))),
        ca_fingerprint: flags
            .ca_fingerprint
            .as_deref()
            .map(|f| fingerprint(f, SettingSource::Flag("--ca-fingerprint")))
            .transpose()?,
        client_cert: flags.client_cert.clone().map(|p| (p, SettingSource::Flag("--client-cert"))),
        client_key: flags.client_key.clone().map(|p| (p, SettingSource::Flag("--client-key"))),
        headers: flag_headers(&flags.headers)?,
        proxy: if flags.no_proxy {
            Some((ProxySetting::Direct, SettingSource::Flag("--no-proxy")))
        } else {
            let origin = SettingSource::Flag("--proxy");
            flags.proxy.as_deref().map(|p| parse_proxy(p, &origin).map(|p| (p, origin.clone()))).transpose()?
        },
        aws_sigv4: flags.aws_sigv4.then_some((true, SettingSource::Flag("--aws-sigv4"))),
        aws_region: flag(&flags.aws_region, "--aws-region"),
        aws_service: flags
            .aws_service
            .as_deref()
            .map(|s| {
                let origin = SettingSource::Flag("--aws-service");
                aws_service(s)
                    .map(|s| (s, origin.clone()))
                    .map_err(|reason| ConnectError::InvalidAwsSetting { origin, reason })
            })
            .transpose()?,
        aws_profile: flag(&flags.aws_profile, "--aws-profile"),
        timeout,
    })
}

fn env_level(env: EnvLookup<'_>) -> Result<Level<'static>, ConnectError> {
    let secret = |var: &EnvVar| lookup(var, env).map(|(v, source)| PendingSecret::known(Secret::new(v), source));
    Ok(Level {
        url: lookup(&env::URL, env),
        cloud_id: lookup(&env::CLOUD_ID, env),
        user: lookup(&env::USERNAME, env),
        password: secret(&env::PASSWORD),
        api_key: secret(&env::API_KEY),
        bearer_token: secret(&env::BEARER_TOKEN),
        ca_cert: lookup(&env::CA_CERT, env).map(|(v, source)| (PathBuf::from(v), source)),
        insecure: None,
        ca_fingerprint: lookup(&env::CA_FINGERPRINT, env).map(|(v, source)| fingerprint(&v, source)).transpose()?,
        client_cert: lookup(&env::CLIENT_CERT, env).map(|(v, source)| (PathBuf::from(v), source)),
        client_key: lookup(&env::CLIENT_KEY, env).map(|(v, source)| (PathBuf::from(v), source)),
        headers: match lookup(&env::HEADERS, env) {
            None => Vec::new(),
            Some((text, source)) => header_lines(&text, &source)?,
        },
        proxy: lookup(&env::PROXY, env).map(|(v, source)| parse_proxy(&v, &source).map(|p| (p, source))).transpose()?,
        aws_sigv4: env_bool(&env::AWS_SIGV4, env)?,
        aws_region: lookup(&env::AWS_REGION, env),
        aws_service: match lookup(&env::AWS_SERVICE, env) {
            None => None,
            Some((value, origin)) => match aws_service(&value) {
                Ok(service) => Some((service, origin)),
                Err(reason) => return Err(ConnectError::InvalidAwsSetting { origin, reason }),
            },
        },
        // The AWS SDK reads AWS_PROFILE itself.
        aws_profile: None,
        timeout: match lookup(&env::TIMEOUT, env) {
            None => None,
            Some((value, source)) => match parse_timeout(&value) {
                Ok(timeout) => Some((timeout, source)),
                Err(reason) => return Err(ConnectError::InvalidTimeout { value, origin: source, reason }),
            },
        },
    })
}

fn context_level<'a>(ctx: &'a ContextConfig, file: &Path) -> Level<'a> {
    let here = || SettingSource::Context { name: ctx.name.clone(), file: file.to_path_buf() };
    let secret = |kind: SecretKind, reference: &'a Option<SecretRef>| {
        let [_, file_key, env_key] = kind.keys();
        reference.as_ref().map(|reference| match reference {
            SecretRef::Inline { secret, .. } => PendingSecret::known(secret.clone(), here()),
            SecretRef::File(path) => PendingSecret {
                source: SettingSource::ContextFile { name: ctx.name.clone(), file: path.clone() },
                value: SecretValue::InFile { context: &ctx.name, key: file_key, file: path },
            },
            SecretRef::Env(var) => PendingSecret {
                source: SettingSource::ContextEnv { name: ctx.name.clone(), var: var.clone() },
                value: SecretValue::InEnv { context: &ctx.name, key: env_key, var },
            },
        })
    };
    Level {
        url: ctx.url.clone().map(|v| (v, here())),
        cloud_id: ctx.cloud_id.clone().map(|v| (v, here())),
        user: ctx.user.clone().map(|v| (v, here())),
        password: secret(SecretKind::Password, &ctx.password),
        api_key: secret(SecretKind::ApiKey, &ctx.api_key),
        bearer_token: secret(SecretKind::BearerToken, &ctx.bearer_token),
        ca_cert: ctx.ca_cert.clone().map(|p| (p, here())),
        insecure: ctx.insecure.map(|v| (v, here())),
        ca_fingerprint: ctx.ca_fingerprint.map(|v| (v, here())),
        client_cert: ctx.client_cert.clone().map(|p| (p, here())),
        client_key: ctx.client_key.clone().map(|p| (p, here())),
        headers: ctx
            .headers
            .iter()
            .map(|(name, reference)| PendingHeader {
                name: name.clone(),
                value: match reference {
                    SecretRef::Inline { secret, .. } => PendingSecret::known(secret.clone(), here()),
                    SecretRef::File(path) => PendingSecret {
                        source: SettingSource::ContextFile { name: ctx.name.clone(), file: path.clone() },
                        value: SecretValue::InFile { context: &ctx.name, key: "headers", file: path },
                    },
                    SecretRef::Env(var) => PendingSecret {
                        source: SettingSource::ContextEnv { name: ctx.name.clone(), var: var.clone() },
                        value: SecretValue::InEnv { context: &ctx.name, key: "headers", var },
                    },
                },
            })
            .collect(),
        proxy: ctx.proxy.clone().map(|v| (v, here())),
        aws_sigv4: ctx.aws_sigv4.map(|v| (v, here())),
        aws_region: ctx.aws_region.clone().map(|v| (v, here())),
        aws_service: ctx.aws_service.clone().map(|v| (v, here())),
        aws_profile: ctx.aws_profile.clone().map(|v| (v, here())),
        timeout: ctx.timeout.map(|v| (v, here())),
    }
}

fn inline_secret_warnings(ctx: &ContextConfig, file: &Path) -> Vec<String> {
    [
        (SecretKind::Password, &ctx.password),
        (SecretKind::ApiKey, &ctx.api_key),
        (SecretKind::BearerToken, &ctx.bearer_token),
    ]
    .into_iter()
    .filter_map(|(kind, reference)| match reference {
        Some(SecretRef::Inline { line, .. }) => {
            let [key, file_key, env_key] = kind.keys();
            Some(format!(
                "{}:{line}: context `{}` has its {key} written in the config file; \
                     move it to `{file_key}` or `{env_key}` so the file holds no secret",
                file.display(),
                ctx.name
            ))
        }
        _ => None,
    })
    .collect()
}

/// The endpoint from the highest level that has one. Credentials found in the URL are moved into
/// that level's user and password.
fn resolve_endpoint(levels: &mut [Level<'_>]) -> Result<(Endpoint, SettingSource), ConnectError> {
    for level in levels.iter_mut() {
        match (level.url.take(), level.cloud_id.take()) {
            (Some((_, url)), Some((_, cloud_id))) => return Err(ConnectError::EndpointConflict { url, cloud_id }),
            (Some((raw, source)), None) => {
                let (url, credentials) = parse_url(&raw, &source)?;
                if let Some(UrlCredentials { user, password }) = credentials {
                    let other = level.user.as_ref().map(|(_, s)| s).or(level.password.as_ref().map(|p| &p.source));
                    if let Some(other) = other {
                        return Err(ConnectError::AuthConflict {
                            first_kind: "credentials in the URL",
                            first: Box::new(source),
                            second_kind: "user/password",
                            second: Box::new(other.clone()),
                        });
                    }
                    level.user = user.map(|u| (u, source.clone()));
                    level.password = password.map(|p| PendingSecret::known(p, source.clone()));
                }
                return Ok((Endpoint::Url(url), source));
            }
            (None, Some((id, source))) => {
                let url = decode_cloud_id(&id)
                    .map_err(|reason| ConnectError::InvalidCloudId { origin: source.clone(), reason })?;
                return Ok((Endpoint::CloudId { id: id.trim().to_string(), url }, source));
            }
            (None, None) => {}
        }
    }
    let default = url::Url::parse(DEFAULT_URL).expect("the default URL is valid");
    Ok((Endpoint::Url(default), SettingSource::Default))
}

/// Credentials found in a URL's userinfo.
struct UrlCredentials {
    user: Option<String>,
    password: Option<Secret>,
}

/// A URL without its credentials, and the credentials if it had any.
fn parse_url(raw: &str, source: &SettingSource) -> Result<(url::Url, Option<UrlCredentials>), ConnectError> {
    let invalid =
        |reason: String| ConnectError::InvalidUrl { url: redact_userinfo(raw), origin: source.clone(), reason };
    let raw = raw.trim();
    // Without this check `localhost:9200` would parse as scheme `localhost`, path `9200`.
    if !raw.contains("://") {
        return Err(invalid("it has no scheme; start it with https:// or http://".into()));
    }
    let mut url = url::Url::parse(raw)
        .map_err(|e| invalid(format!("{e}; expected something like https://es.example.com:9200")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!("the scheme is `{}`, but Elasticsearch speaks http or https", url.scheme())));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host".into()));
    }
    if url.username().is_empty() && url.password().is_none() {
        return Ok((url, None));
    }
    let user = Some(percent_decode(url.username())).filter(|u| !u.is_empty());
    let password = url.password().map(|p| Secret::new(percent_decode(p)));
    // Cannot fail: the URL has a host (checked above), so it can carry and drop credentials.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Ok((url, Some(UrlCredentials { user, password })))
}

/// Decodes `%XX` escapes (the `url` crate keeps userinfo percent-encoded).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn resolve_auth(
    levels: &[Level<'_>],
    env: EnvLookup<'_>,
    url: &url::Url,
) -> Result<(Auth, SettingSource), ConnectError> {
    let Some(top) = levels.iter().position(Level::has_auth) else {
        return Ok((Auth::None, SettingSource::Default));
    };
    let level = &levels[top];
    let basic = level.user.as_ref().map(|(_, s)| s).or(level.password.as_ref().map(|p| &p.source));
    let kinds: Vec<(&'static str, &SettingSource)> = [
        ("an API key", level.api_key.as_ref().map(|p| &p.source)),
        ("a bearer token", level.bearer_token.as_ref().map(|p| &p.source)),
        ("user/password", basic),
        ("AWS SigV4 signing", level.aws_sigv4.as_ref().filter(|(on, _)| *on).map(|(_, s)| s)),
    ]
    .into_iter()
    .filter_map(|(kind, source)| source.map(|s| (kind, s)))
    .collect();
    if let [(first_kind, first), (second_kind, second), ..] = kinds[..] {
        return Err(ConnectError::AuthConflict {
            first_kind,
            first: Box::new(first.clone()),
            second_kind,
            second: Box::new(second.clone()),
        });
    }
    if let Some((true, source)) = &level.aws_sigv4 {
        return Ok((Auth::AwsSigV4(aws_signing(levels, url)?), source.clone()));
    }
    if let Some(key) = &level.api_key {
        return Ok((Auth::ApiKey(encode_api_key(&key.read(env)?)), key.source.clone()));
    }
    if let Some(token) = &level.bearer_token {
        return Ok((Auth::Bearer(token.read(env)?), token.source.clone()));
    }
    // Basic: the user and the password each from the highest level that has it.
    let user = levels[top..].iter().find_map(|l| l.user.as_ref());
    let password = levels[top..].iter().find_map(|l| l.password.as_ref());
    match (user, password) {
        (Some((user, user_source)), Some(password)) => {
            if user.contains(':') {
                return Err(ConnectError::UserWithColon { origin: user_source.clone() });
            }
            let source = if *user_source == password.source {
                password.source.clone()
            } else {
                SettingSource::UserAndPassword {
                    user: Box::new(user_source.clone()),
                    password: Box::new(password.source.clone()),
                }
            };
            Ok((Auth::Basic { user: user.clone(), password: password.read(env)? }, source))
        }
        (Some((user, user_source)), None) if user.contains(':') => {
            Err(ConnectError::UserWithColon { origin: user_source.clone() })
        }
        (Some((user, user_source)), None) => {
            Err(ConnectError::UserWithoutPassword { user: user.clone(), origin: user_source.clone() })
        }
        (None, Some(password)) if password.source == SettingSource::Env(env::ELASTIC_PASSWORD) => {
            Ok((Auth::Basic { user: "elastic".into(), password: password.read(env)? }, password.source.clone()))
        }
        (None, Some(password)) => Err(ConnectError::PasswordWithoutUser { origin: password.source.clone() }),
        (None, None) => Ok((Auth::None, SettingSource::Default)),
    }
}

/// An API key in the encoded form Elasticsearch expects: `id:key` is base64-encoded, anything
/// else is taken as already encoded (the `encoded` field of the create-API-key response).
fn encode_api_key(key: &Secret) -> Secret {
    let key = key.expose().trim();
    if key.contains(':') {
        Secret::new(base64::engine::general_purpose::STANDARD.encode(key))
    } else {
        Secret::new(key)
    }
}

/// The AWS signing settings: region and service each from the highest level that names them,
/// else from an `*.amazonaws.com` URL (`search-x.eu-west-1.es.amazonaws.com`,
/// `id.us-east-1.aoss.amazonaws.com`), the service defaulting to `es`.
fn aws_signing(levels: &[Level<'_>], url: &url::Url) -> Result<AwsSigning, ConnectError> {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let labels: Vec<&str> = host.strip_suffix(".amazonaws.com").map(|h| h.split('.').collect()).unwrap_or_default();
    // `…REGION.SERVICE.amazonaws.com`: the last two labels before the suffix.
    let (from_url_region, from_url_service) = match labels[..] {
        [.., region, service] if matches!(service, "es" | "aoss") => {
            (Some(region.to_string()), Some(service.to_string()))
        }
        _ => (None, None),
    };
    let region = levels
        .iter()
        .find_map(|l| l.aws_region.as_ref().map(|(r, _)| r.clone()))
        .or(from_url_region)
        .ok_or(ConnectError::AwsRegionMissing)?;
    let service = levels
        .iter()
        .find_map(|l| l.aws_service.as_ref().map(|(s, _)| s.clone()))
        .or(from_url_service)
        .unwrap_or_else(|| "es".into());
    let profile = levels.iter().find_map(|l| l.aws_profile.as_ref().map(|(p, _)| p.clone()));
    Ok(AwsSigning { region, service, profile })
}

/// A signing service name: `es` or `aoss`.
pub(crate) fn aws_service(text: &str) -> Result<String, String> {
    match text.trim() {
        s @ ("es" | "aoss") => Ok(s.to_string()),
        other => Err(format!(
            "`{other}` is not a service esops signs for: `es` (Amazon OpenSearch Service, Amazon Elasticsearch \
             Service) or `aoss` (OpenSearch Serverless)"
        )),
    }
}

fn env_bool(var: &EnvVar, env: EnvLookup<'_>) -> Result<Option<(bool, SettingSource)>, ConnectError> {
    let Some((value, source)) = lookup(var, env) else { return Ok(None) };
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(Some((true, source))),
        "0" | "false" | "no" | "off" => Ok(Some((false, source))),
        _ => Err(ConnectError::InvalidAwsSetting { origin: source, reason: format!("`{value}` is not true or false") }),
    }
}

fn fingerprint(text: &str, origin: SettingSource) -> Result<(CaFingerprint, SettingSource), ConnectError> {
    match CaFingerprint::parse(text) {
        Ok(f) => Ok((f, origin)),
        Err(reason) => Err(ConnectError::InvalidFingerprint { origin, reason }),
    }
}

/// How the cluster's certificate is trusted: the highest level that names a CA certificate or a
/// fingerprint decides (a flag's fingerprint replaces a context's `ca_cert`); naming both at one
/// level is a contradiction.
#[allow(clippy::type_complexity)]
fn resolve_trust(
    levels: &mut [Level<'_>],
) -> Result<(Option<(PathBuf, SettingSource)>, Option<(CaFingerprint, SettingSource)>), ConnectError> {
    let Some(level) = levels.iter_mut().find(|l| l.ca_cert.is_some() || l.ca_fingerprint.is_some()) else {
        return Ok((None, None));
    };
    match (level.ca_cert.take(), level.ca_fingerprint.take()) {
        (Some((_, ca_cert)), Some((_, fingerprint))) => {
            Err(ConnectError::TrustConflict { ca_cert: Box::new(ca_cert), fingerprint: Box::new(fingerprint) })
        }
        (ca_cert, fingerprint) => Ok((ca_cert, fingerprint)),
    }
}

/// Headers a request must not have set by hand: the HTTP layer owns them, and a wrong one breaks
/// the request in ways that are hard to see.
const RESERVED_HEADERS: [&str; 6] = ["host", "content-length", "content-type", "transfer-encoding", "connection", "te"];

/// `Name: value` lines (from `ESOPS_HEADERS` or a `--header @FILE`); empty lines and `#` comments skipped.
fn header_lines(text: &str, source: &SettingSource) -> Result<Vec<PendingHeader<'static>>, ConnectError> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| header_line(line, source))
        .collect()
}

fn header_line(line: &str, source: &SettingSource) -> Result<PendingHeader<'static>, ConnectError> {
    let Some((name, value)) = line.split_once(':') else {
        // Say only as much of the line as cannot be a secret: none of it, past a short prefix.
        let shown: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect();
        return Err(ConnectError::InvalidHeader {
            header: format!("`{shown}…`"),
            origin: source.clone(),
            reason: "write it as `Name: value` (a colon between the name and the value)".into(),
        });
    };
    Ok(PendingHeader {
        name: name.trim().to_string(),
        value: PendingSecret::known(Secret::new(value.trim()), source.clone()),
    })
}

fn flag_headers(given: &[String]) -> Result<Vec<PendingHeader<'static>>, ConnectError> {
    let source = SettingSource::Flag("--header");
    let mut headers = Vec::new();
    for arg in given {
        match arg.strip_prefix('@') {
            // curl's `-H @FILE`: the header lines in a file, so a secret value stays out of `ps`.
            Some(file) => {
                let text = fs::read_to_string(file).map_err(|e| ConnectError::InvalidHeader {
                    header: format!("file {file}"),
                    origin: source.clone(),
                    reason: format!("cannot read it: {e}"),
                })?;
                headers.extend(header_lines(&text, &source)?);
            }
            None => headers.push(header_line(arg, &source)?),
        }
    }
    Ok(headers)
}

/// The extra headers of every level, a higher level's header replacing a lower one's of the same
/// name. Values named by the context are read here (only those that are used).
fn resolve_headers(levels: &[Level<'_>], auth: &Auth, env: EnvLookup<'_>) -> Result<Vec<ExtraHeader>, ConnectError> {
    let mut headers: Vec<ExtraHeader> = Vec::new();
    for header in levels.iter().flat_map(|l| l.headers.iter()) {
        if headers.iter().any(|h| h.name.eq_ignore_ascii_case(&header.name)) {
            continue;
        }
        let invalid = |reason: String| ConnectError::InvalidHeader {
            header: format!("`{}`", header.name),
            origin: header.value.source.clone(),
            reason,
        };
        if reqwest::header::HeaderName::from_bytes(header.name.as_bytes()).is_err() || header.name.is_empty() {
            return Err(invalid("a header name is letters, digits and `-` (e.g. X-Tenant)".into()));
        }
        let lower = header.name.to_ascii_lowercase();
        if RESERVED_HEADERS.contains(&lower.as_str()) {
            return Err(invalid("esops sets this header itself; leave it out".into()));
        }
        if lower == "authorization" && *auth != Auth::None {
            return Err(invalid(format!(
                "it would replace the {} credentials also configured; keep one of the two",
                auth.kind()
            )));
        }
        let value = header.value.read(env)?;
        if reqwest::header::HeaderValue::from_str(value.expose()).is_err() {
            return Err(invalid(
                "its value has characters a header cannot carry (control characters or non-ASCII)".into(),
            ));
        }
        headers.push(ExtraHeader { name: header.name.clone(), value, source: header.value.source.clone() });
    }
    Ok(headers)
}

/// The proxy the generic variables ask for (curl's conventions): the variable for the cluster's
/// scheme, else `ALL_PROXY`; `NO_PROXY` exempts hosts. `None` when no variable is set.
fn generic_proxy(url: &url::Url, env: EnvLookup<'_>) -> Result<Option<(ProxySetting, SettingSource)>, ConnectError> {
    let scheme_var = if url.scheme() == "https" { &env::HTTPS_PROXY } else { &env::HTTP_PROXY };
    let Some((raw, source)) = lookup(scheme_var, env).or_else(|| lookup(&env::ALL_PROXY, env)) else {
        return Ok(None);
    };
    if let Some((no_proxy, no_source)) = lookup(&env::NO_PROXY, env)
        && no_proxy_matches(&no_proxy, url.host_str().unwrap_or_default())
    {
        return Ok(Some((ProxySetting::Direct, no_source)));
    }
    parse_proxy(&raw, &source).map(|p| Some((p, source)))
}

fn check_ca_cert(path: PathBuf, origin: SettingSource) -> Result<(PathBuf, SettingSource), ConnectError> {
    let problem = match fs::read(&path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Some("does not exist".to_string()),
        Err(e) => Some(format!("cannot be read: {e}")),
        Ok(bytes) if !String::from_utf8_lossy(&bytes).contains("-----BEGIN CERTIFICATE-----") => Some(
            "holds no PEM certificate (if it is DER, convert it: openssl x509 -inform der -in FILE -out ca.pem)".into(),
        ),
        Ok(_) => None,
    };
    match problem {
        Some(reason) => Err(ConnectError::CaCert { path, origin, reason }),
        None => Ok((path, origin)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_redacted_even_when_the_url_is_broken() {
        assert_eq!(redact_userinfo("https://elastic:pa/ss@host:9200"), "https://<redacted>@host:9200");
        assert_eq!(redact_userinfo("elastic:pw@host"), "<redacted>@host");
        assert_eq!(redact_userinfo("https://host:9200/x"), "https://host:9200/x");
    }

    #[test]
    fn percent_escapes_in_userinfo_are_decoded() {
        assert_eq!(percent_decode("p%40ss%3Aw%2"), "p@ss:w%2");
    }

    #[test]
    fn id_colon_key_api_keys_are_encoded_and_encoded_ones_kept() {
        assert_eq!(encode_api_key(&Secret::new("id:key")).expose(), "aWQ6a2V5");
        assert_eq!(encode_api_key(&Secret::new("aWQ6a2V5\n")).expose(), "aWQ6a2V5");
    }

    #[test]
    fn zero_and_unitless_timeouts_are_refused() {
        assert_eq!(parse_timeout("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_timeout("0s").is_err());
        assert!(parse_timeout("30").is_err());
    }
}
