//! The config file: kubectl-style named contexts, parsed strictly (unknown keys are errors with
//! `file:line:column` and a did-you-mean), and `current_context` rewritten in place.

use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use serde_saphyr::{MessageFormatter, Spanned};

use super::{CaFingerprint, ConnectError, ProxySetting, Secret, SettingSource};
use crate::suggest::did_you_mean;

/// A parsed and validated config file.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// The context used when neither `--context` nor `ESOPS_CONTEXT` names one.
    pub current_context: Option<String>,
    /// The contexts, in file order.
    pub contexts: Vec<ContextConfig>,
}

/// One named cluster of the config file. Paths are already resolved against the file's folder.
#[derive(Debug, Clone)]
pub struct ContextConfig {
    /// The context name.
    pub name: String,
    /// `url`, as written (parsed during resolution, like the same setting from a flag).
    pub url: Option<String>,
    /// `cloud_id`.
    pub cloud_id: Option<String>,
    /// `user`, for basic authentication.
    pub user: Option<String>,
    /// `password` / `password_file` / `password_env`.
    pub password: Option<SecretRef>,
    /// `api_key` / `api_key_file` / `api_key_env`.
    pub api_key: Option<SecretRef>,
    /// `bearer_token` / `bearer_token_file` / `bearer_token_env`.
    pub bearer_token: Option<SecretRef>,
    /// `ca_cert`.
    pub ca_cert: Option<PathBuf>,
    /// `insecure`.
    pub insecure: Option<bool>,
    /// `ca_fingerprint`.
    pub ca_fingerprint: Option<CaFingerprint>,
    /// `client_cert`.
    pub client_cert: Option<PathBuf>,
    /// `client_key`.
    pub client_key: Option<PathBuf>,
    /// `headers`: name → value, each value inline, `{env: VAR}` or `{file: PATH}`.
    pub headers: Vec<(String, SecretRef)>,
    /// `proxy`: a URL, or `none` ([`ProxySetting::Direct`]).
    pub proxy: Option<ProxySetting>,
    /// `aws_sigv4`.
    pub aws_sigv4: Option<bool>,
    /// `aws_region`.
    pub aws_region: Option<String>,
    /// `aws_service`.
    pub aws_service: Option<String>,
    /// `aws_profile`.
    pub aws_profile: Option<String>,
    /// `timeout`.
    pub timeout: Option<Duration>,
}

/// How a context supplies a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretRef {
    /// Written in the file itself (allowed, but warned about).
    Inline {
        /// The secret.
        secret: Secret,
        /// The line it is on, for the warning.
        line: u64,
    },
    /// Read from this file (trailing whitespace and newline removed).
    File(PathBuf),
    /// Read from this environment variable.
    Env(String),
}

/// The secrets a context can hold, each under three keys: inline, `_file` and `_env`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// `password`.
    Password,
    /// `api_key`.
    ApiKey,
    /// `bearer_token`.
    BearerToken,
}

impl SecretKind {
    /// The config keys for this secret: inline, file, environment variable.
    pub fn keys(self) -> [&'static str; 3] {
        match self {
            SecretKind::Password => ["password", "password_file", "password_env"],
            SecretKind::ApiKey => ["api_key", "api_key_file", "api_key_env"],
            SecretKind::BearerToken => ["bearer_token", "bearer_token_file", "bearer_token_env"],
        }
    }
}

/// The file format. Kept apart from [`ContextConfig`] so that the public model does not carry
/// parser types, and so that "which of the three keys" is decided once, at load.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    current_context: Option<String>,
    contexts: Option<Vec<RawContext>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    name: Spanned<String>,
    url: Option<String>,
    cloud_id: Option<String>,
    user: Option<String>,
    password: Option<Spanned<Secret>>,
    password_file: Option<PathBuf>,
    password_env: Option<String>,
    api_key: Option<Spanned<Secret>>,
    api_key_file: Option<PathBuf>,
    api_key_env: Option<String>,
    bearer_token: Option<Spanned<Secret>>,
    bearer_token_file: Option<PathBuf>,
    bearer_token_env: Option<String>,
    ca_cert: Option<PathBuf>,
    insecure: Option<bool>,
    ca_fingerprint: Option<Spanned<String>>,
    client_cert: Option<PathBuf>,
    client_key: Option<PathBuf>,
    headers: Option<Spanned<BTreeMap<String, RawHeaderValue>>>,
    proxy: Option<Spanned<String>>,
    aws_sigv4: Option<bool>,
    aws_region: Option<String>,
    aws_service: Option<Spanned<String>>,
    aws_profile: Option<String>,
    timeout: Option<Spanned<String>>,
}

/// A header value in a context: the value itself, or where to read it (for secrets).
#[derive(Deserialize)]
#[serde(untagged)]
enum RawHeaderValue {
    Text(String),
    Reference(RawHeaderReference),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeaderReference {
    env: Option<String>,
    file: Option<PathBuf>,
}

impl ConfigFile {
    /// Reads and validates the config file at `path`; `Ok(None)` when it does not exist.
    pub fn load(path: &Path) -> Result<Option<ConfigFile>, ConnectError> {
        match fs::read_to_string(path) {
            Ok(text) => ConfigFile::parse(&text, path).map(Some),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(error) => Err(ConnectError::ConfigRead { path: path.to_path_buf(), error }),
        }
    }

    /// Parses and validates config text; `path` is used in messages and to resolve relative paths.
    pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, ConnectError> {
        // No source snippets in errors: the snippet would quote the offending line, and that line
        // may hold an inline secret.
        let options = serde_saphyr::options! { with_snippet: false };
        // `Option` so that an empty or comments-only file is an empty config rather than an error.
        let raw: Option<RawConfig> =
            serde_saphyr::from_str_with_options(text, options).map_err(|e| yaml_error(path, text, &e))?;
        let raw = raw.unwrap_or(RawConfig { current_context: None, contexts: None });
        let base = path.parent().unwrap_or(Path::new(""));
        let mut contexts: Vec<ContextConfig> = Vec::new();
        for ctx in raw.contexts.unwrap_or_default() {
            let at = |message: String| invalid_at(path, &ctx.name, message);
            let name = &ctx.name.value;
            if name.trim().is_empty() {
                return Err(at("a context has an empty `name`; give it one".into()));
            }
            if contexts.iter().any(|c| &c.name == name) {
                return Err(at(format!("context `{name}` is defined twice; rename or remove one")));
            }
            if ctx.url.is_some() && ctx.cloud_id.is_some() {
                return Err(at(format!("context `{name}` sets both `url` and `cloud_id`; keep one")));
            }
            let secret = |kind, inline: Option<Spanned<Secret>>, file: Option<PathBuf>, env: Option<String>| {
                let [inline_key, file_key, env_key] = SecretKind::keys(kind);
                let given: Vec<&str> =
                    [(inline.is_some(), inline_key), (file.is_some(), file_key), (env.is_some(), env_key)]
                        .into_iter()
                        .filter_map(|(set, key)| set.then_some(key))
                        .collect();
                if given.len() > 1 {
                    return Err(at(format!("context `{name}` sets {}; keep one", given.join(" and "))));
                }
                Ok(inline
                    .map(|s| SecretRef::Inline { line: s.referenced.line(), secret: s.value })
                    .or(file.map(|f| SecretRef::File(base.join(f))))
                    .or(env.map(SecretRef::Env)))
            };
            let password = secret(SecretKind::Password, ctx.password, ctx.password_file, ctx.password_env)?;
            let api_key = secret(SecretKind::ApiKey, ctx.api_key, ctx.api_key_file, ctx.api_key_env)?;
            let bearer_token =
                secret(SecretKind::BearerToken, ctx.bearer_token, ctx.bearer_token_file, ctx.bearer_token_env)?;
            let timeout = match &ctx.timeout {
                None => None,
                Some(t) => Some(super::parse_timeout(&t.value).map_err(|reason| {
                    invalid_at(
                        path,
                        t,
                        format!("invalid timeout `{}`: {reason}; use a duration such as 30s or 2m", t.value),
                    )
                })?),
            };
            let ca_fingerprint = match &ctx.ca_fingerprint {
                None => None,
                Some(f) => Some(
                    CaFingerprint::parse(&f.value)
                        .map_err(|reason| invalid_at(path, f, format!("invalid `ca_fingerprint`: {reason}")))?,
                ),
            };
            let mut headers = Vec::new();
            if let Some(map) = &ctx.headers {
                let line = map.referenced.line();
                for (header, value) in &map.value {
                    let reference = match value {
                        RawHeaderValue::Text(text) => SecretRef::Inline { secret: Secret::new(text.clone()), line },
                        RawHeaderValue::Reference(RawHeaderReference { env: Some(var), file: None }) => {
                            SecretRef::Env(var.clone())
                        }
                        RawHeaderValue::Reference(RawHeaderReference { env: None, file: Some(file) }) => {
                            SecretRef::File(base.join(file))
                        }
                        RawHeaderValue::Reference(_) => {
                            return Err(invalid_at(
                                path,
                                map,
                                format!(
                                    "header `{header}` in context `{name}` needs a value, `{{env: VAR}}` or \
                                     `{{file: PATH}}` (exactly one)"
                                ),
                            ));
                        }
                    };
                    headers.push((header.clone(), reference));
                }
            }
            let proxy = match &ctx.proxy {
                None => None,
                Some(p) => {
                    let here = SettingSource::Context { name: name.clone(), file: path.to_path_buf() };
                    Some(super::proxy::parse_proxy(&p.value, &here).map_err(|e| invalid_at(path, p, e.to_string()))?)
                }
            };
            contexts.push(ContextConfig {
                name: ctx.name.value.clone(),
                url: ctx.url,
                cloud_id: ctx.cloud_id,
                user: ctx.user,
                password,
                api_key,
                bearer_token,
                ca_cert: ctx.ca_cert.map(|p| base.join(p)),
                insecure: ctx.insecure,
                ca_fingerprint,
                client_cert: ctx.client_cert.map(|p| base.join(p)),
                client_key: ctx.client_key.map(|p| base.join(p)),
                headers,
                proxy,
                aws_sigv4: ctx.aws_sigv4,
                aws_region: ctx.aws_region,
                aws_service: match ctx.aws_service {
                    None => None,
                    Some(service) => Some(
                        super::resolve::aws_service(&service.value)
                            .map_err(|reason| invalid_at(path, &service, format!("invalid `aws_service`: {reason}")))?,
                    ),
                },
                aws_profile: ctx.aws_profile,
                timeout,
            });
        }
        Ok(ConfigFile { path: path.to_path_buf(), current_context: raw.current_context, contexts })
    }

    /// The context called `name`.
    pub fn context(&self, name: &str) -> Option<&ContextConfig> {
        self.contexts.iter().find(|c| c.name == name)
    }

    /// The names of all contexts, in file order.
    pub fn names(&self) -> Vec<String> {
        self.contexts.iter().map(|c| c.name.clone()).collect()
    }

    /// Makes `name` the `current_context` of the file on disk, changing only that line (comments,
    /// order and formatting stay), or adding it at the top when absent. The file is replaced
    /// atomically, keeping its permissions (it may hold inline secrets), and written through a
    /// symlink rather than over it (dotfile managers link config files).
    pub fn set_current_context(&self, name: &str) -> Result<(), ConnectError> {
        if self.context(name).is_none() {
            return Err(ConnectError::UnknownContext {
                name: name.to_string(),
                requested_by: None,
                path: self.path.clone(),
                available: self.names(),
            });
        }
        let write_err = |error| ConnectError::ConfigWrite { path: self.path.clone(), error };
        let target = fs::canonicalize(&self.path).map_err(write_err)?;
        let text = fs::read_to_string(&target).map_err(write_err)?;
        let edited = with_current_context(&text, name)
            .filter(|edited| {
                // Trust the line edit only if the result still parses and says what we meant.
                ConfigFile::parse(edited, &self.path).is_ok_and(|c| c.current_context.as_deref() == Some(name))
            })
            .ok_or_else(|| ConnectError::CurrentContextNotEditable {
                path: self.path.clone(),
                name: name.to_string(),
            })?;
        let temp = target.with_file_name(format!(
            ".{}.esops-tmp",
            target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ));
        let permissions = fs::metadata(&target).map_err(write_err)?.permissions();
        fs::write(&temp, edited)
            .and_then(|()| fs::set_permissions(&temp, permissions))
            .and_then(|()| fs::rename(&temp, &target))
            .map_err(|error| {
                let _ = fs::remove_file(&temp);
                write_err(error)
            })
    }
}

/// `text` with its top-level `current_context:` line set to `name`, or `None` when there is more
/// than one such line. A trailing comment on the line is kept.
fn with_current_context(text: &str, name: &str) -> Option<String> {
    const KEY: &str = "current_context:";
    let value = yaml_scalar(name);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let existing: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with(KEY)).collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match existing[..] {
        [] => {
            // Below any leading comments, directives and document marker, above the first key.
            let at = lines
                .iter()
                .position(|l| {
                    let t = l.trim();
                    !(t.is_empty() || t.starts_with('#') || t.starts_with('%') || t == "---")
                })
                .unwrap_or(lines.len());
            if at == lines.len() && lines.last().is_some_and(|l| !l.ends_with('\n')) {
                out[at - 1].push('\n');
            }
            out.insert(at, format!("current_context: {value}\n"));
        }
        [i] => {
            let line = lines[i];
            let body = line.trim_end_matches(['\r', '\n']);
            let eol = &line[body.len()..];
            let rest = &body[KEY.len()..];
            // Keep a trailing comment, and the spaces that aligned it.
            let comment = match rest.find(" #") {
                Some(pos) if !rest[..pos].contains(['"', '\'']) => &rest[rest[..pos].trim_end().len()..],
                _ => "",
            };
            out[i] = format!("{KEY} {value}{comment}{eol}");
        }
        _ => return None,
    }
    Some(out.concat())
}

/// `s` as a YAML scalar: plain when that cannot be misread (as a boolean, null or number),
/// double-quoted otherwise (a JSON string is a valid YAML double-quoted scalar).
fn yaml_scalar(s: &str) -> String {
    const AMBIGUOUS: [&str; 11] = ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", ""];
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !AMBIGUOUS.contains(&s.to_ascii_lowercase().as_str());
    if plain { s.to_string() } else { serde_json::Value::String(s.to_string()).to_string() }
}

fn invalid_at<T>(path: &Path, at: &Spanned<T>, message: String) -> ConnectError {
    ConnectError::ConfigInvalid {
        path: path.to_path_buf(),
        line: at.referenced.line(),
        column: at.referenced.column(),
        message,
    }
}

/// A parser error as `file:line:column: what; what to do`. Unknown keys get a did-you-mean,
/// because a misspelt key would otherwise silently drop a setting (e.g. a CA certificate).
fn yaml_error(path: &Path, text: &str, err: &serde_saphyr::Error) -> ConnectError {
    let err = err.without_snippet();
    let (line, column) = err.location().map(|l| (l.line(), l.column())).filter(|&(l, _)| l > 0).unwrap_or((1, 1));
    let message = match err {
        serde_saphyr::Error::SerdeUnknownField { field, expected, .. } => {
            let place = if expected.contains(&"name") { "in a context" } else { "at the top level" };
            match did_you_mean(field, expected) {
                Some(best) => format!("unknown key `{field}` {place}; did you mean `{best}`?"),
                None => format!("unknown key `{field}` {place}; valid keys: {}", expected.join(", ")),
            }
        }
        serde_saphyr::Error::SerdeMissingField { field, .. } => {
            format!("missing key `{field}`; see docs/src/connecting.md (Contexts) for the config file format")
        }
        serde_saphyr::Error::DuplicateMappingKey { key: Some(key), .. } => {
            format!("`{key}` is set twice in the same mapping; keep one")
        }
        other => {
            // The formatter's text is raw parser output; keep control characters off the terminal.
            let what: String = serde_saphyr::DefaultMessageFormatter
                .format_message(other)
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            let key =
                usize::try_from(line).ok().and_then(|l| text.lines().nth(l.checked_sub(1)?)).and_then(key_of_line);
            match key {
                Some(key) => {
                    format!("`{key}`: {what}; see docs/src/connecting.md (Contexts) for the config file format")
                }
                None => format!("{what}; see docs/src/connecting.md (Contexts) for the config file format"),
            }
        }
    };
    ConnectError::ConfigInvalid { path: path.to_path_buf(), line, column, message }
}

/// The key a YAML line sets (`    - name: x` → `name`), to say which setting a parser error is
/// about. Only the key: the value may be a secret.
fn key_of_line(line: &str) -> Option<&str> {
    let line = line.trim_start().trim_start_matches("- ");
    let (key, _) = line.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_context_line_is_replaced_keeping_its_comment() {
        let text = "# mine\ncurrent_context: prod   # default\ncontexts: []\n";
        assert_eq!(
            with_current_context(text, "staging").unwrap(),
            "# mine\ncurrent_context: staging   # default\ncontexts: []\n"
        );
    }

    #[test]
    fn current_context_is_added_below_leading_comments() {
        let text = "# mine\n---\ncontexts: []\n";
        assert_eq!(with_current_context(text, "a").unwrap(), "# mine\n---\ncurrent_context: a\ncontexts: []\n");
        assert_eq!(with_current_context("# only", "a").unwrap(), "# only\ncurrent_context: a\n");
    }

    #[test]
    fn crlf_line_endings_are_kept() {
        assert_eq!(
            with_current_context("current_context: a\r\ncontexts: []\r\n", "b").unwrap(),
            "current_context: b\r\ncontexts: []\r\n"
        );
    }

    #[test]
    fn names_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_scalar("prod-eu.1"), "prod-eu.1");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("2024"), "\"2024\"");
        assert_eq!(yaml_scalar("a b: c"), "\"a b: c\"");
    }
}
