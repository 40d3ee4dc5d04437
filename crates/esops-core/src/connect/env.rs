//! The environment variables esops reads for its connection, defined once. The README's table is
//! checked against [`ENV_VARS`], so a variable added here must be documented there.

use std::path::PathBuf;

/// Reads one environment variable. Injected so that resolution stays pure and testable; the
/// binary passes a wrapper around `std::env::var`.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// One environment variable esops reads, with the names other Elastic tools use for the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvVar {
    /// The esops name, checked first.
    pub name: &'static str,
    /// Names shared with other Elastic tooling (Beats, the official clients, Docker images),
    /// checked in this order when `name` is unset.
    pub fallbacks: &'static [&'static str],
    /// What it sets, in one line (for the README table).
    pub meaning: &'static str,
}

impl EnvVar {
    /// The value of the first of `name` and `fallbacks` that is set, with the name it was found
    /// under. An empty value counts as unset: `ESOPS_URL= esops …` and CI templates that render
    /// a missing value as `""` mean "not given", not "an empty URL".
    pub fn lookup(&self, env: EnvLookup<'_>) -> Option<(String, &'static str)> {
        std::iter::once(self.name)
            .chain(self.fallbacks.iter().copied())
            .find_map(|name| env(name).filter(|v| !v.is_empty()).map(|v| (v, name)))
    }
}

/// `ESOPS_URL`: the cluster URL.
pub const URL: EnvVar = EnvVar {
    name: "ESOPS_URL",
    fallbacks: &["ELASTICSEARCH_URL", "ES_URL"],
    meaning: "Cluster URL, e.g. `https://es.example.com:9200` (credentials in it become basic auth)",
};

/// `ESOPS_CLOUD_ID`: an Elastic Cloud ID instead of a URL.
pub const CLOUD_ID: EnvVar =
    EnvVar { name: "ESOPS_CLOUD_ID", fallbacks: &["ELASTIC_CLOUD_ID"], meaning: "Elastic Cloud ID, instead of a URL" };

/// `ESOPS_API_KEY`: an API key, encoded or `id:key`.
pub const API_KEY: EnvVar = EnvVar {
    name: "ESOPS_API_KEY",
    fallbacks: &["ES_API_KEY", "ELASTIC_API_KEY"],
    meaning: "API key: the `encoded` value, or `id:key`",
};

/// `ESOPS_USERNAME`: the basic-auth user.
pub const USERNAME: EnvVar =
    EnvVar { name: "ESOPS_USERNAME", fallbacks: &["ES_USERNAME"], meaning: "User for basic authentication" };

/// `ESOPS_PASSWORD`: the basic-auth password.
///
/// `ELASTIC_PASSWORD` is what Elastic's Docker images use for the `elastic` superuser, so when the
/// password comes from it and no user is set anywhere (flag, environment, context), the user is
/// `elastic`. A password from any other variable without a user is an error: guessing a user there
/// would turn a missing setting into a confusing 401.
pub const PASSWORD: EnvVar = EnvVar {
    name: "ESOPS_PASSWORD",
    fallbacks: &["ES_PASSWORD", "ELASTIC_PASSWORD"],
    meaning: "Password for basic authentication (`ELASTIC_PASSWORD` alone implies user `elastic`)",
};

/// The fallback of [`PASSWORD`] that implies the user `elastic`.
pub(crate) const ELASTIC_PASSWORD: &str = "ELASTIC_PASSWORD";

/// `ESOPS_BEARER_TOKEN`: a bearer token.
pub const BEARER_TOKEN: EnvVar = EnvVar {
    name: "ESOPS_BEARER_TOKEN",
    fallbacks: &[],
    meaning: "Bearer token (service account token, OAuth2 access token, JWT)",
};

/// `ESOPS_CA_CERT`: a PEM CA certificate to trust.
pub const CA_CERT: EnvVar = EnvVar {
    name: "ESOPS_CA_CERT",
    fallbacks: &["ES_CA_CERT"],
    meaning: "PEM file with the CA that signed the cluster's certificate",
};

/// `ESOPS_CA_FINGERPRINT`: the SHA-256 fingerprint of the CA (or the certificate) to pin.
pub const CA_FINGERPRINT: EnvVar = EnvVar {
    name: "ESOPS_CA_FINGERPRINT",
    fallbacks: &["ES_CA_FINGERPRINT"],
    meaning: "SHA-256 fingerprint (hex) of the cluster's CA or certificate to trust, as Elasticsearch prints it at first start",
};

/// `ESOPS_CLIENT_CERT`: the client certificate for mutual TLS.
pub const CLIENT_CERT: EnvVar = EnvVar {
    name: "ESOPS_CLIENT_CERT",
    fallbacks: &["ES_CLIENT_CERT"],
    meaning: "PEM file with the client certificate (and any intermediates) for mutual TLS",
};

/// `ESOPS_CLIENT_KEY`: the client certificate's private key.
pub const CLIENT_KEY: EnvVar = EnvVar {
    name: "ESOPS_CLIENT_KEY",
    fallbacks: &["ES_CLIENT_KEY"],
    meaning: "PEM file with the client certificate's private key (unencrypted PKCS#8, PKCS#1 or SEC1)",
};

/// `ESOPS_HEADERS`: extra request headers.
pub const HEADERS: EnvVar = EnvVar {
    name: "ESOPS_HEADERS",
    fallbacks: &[],
    meaning: "Extra request headers, one `Name: value` per line (a gateway's routing or auth header)",
};

/// `ESOPS_PROXY`: the proxy for esops only, above a context's `proxy` and the generic variables.
pub const PROXY: EnvVar = EnvVar {
    name: "ESOPS_PROXY",
    fallbacks: &[],
    meaning: "HTTP(S) proxy URL for esops, or `none`; beats a context's `proxy` and the generic variables below",
};

/// The generic proxy variables (curl's, reqwest's), for an `https://` cluster. Below a context's
/// `proxy`: they are ambient, set for every program in the shell, while a context names its cluster.
pub const HTTPS_PROXY: EnvVar = EnvVar {
    name: "HTTPS_PROXY",
    fallbacks: &["https_proxy"],
    meaning: "Proxy for `https://` clusters without `proxy` in their context (`NO_PROXY` exempts hosts)",
};

/// The generic proxy variables for an `http://` cluster. Lower-case first, as curl does: the
/// upper-case `HTTP_PROXY` can be set by a request header under CGI ("httpoxy").
pub const HTTP_PROXY: EnvVar = EnvVar {
    name: "http_proxy",
    fallbacks: &["HTTP_PROXY"],
    meaning: "Proxy for `http://` clusters without `proxy` in their context (`NO_PROXY` exempts hosts)",
};

/// The generic proxy for either scheme, when the scheme's own variable is unset.
pub const ALL_PROXY: EnvVar = EnvVar {
    name: "ALL_PROXY",
    fallbacks: &["all_proxy"],
    meaning: "Proxy for clusters of either scheme when the variable above for their scheme is unset",
};

/// Hosts the generic proxy variables do not apply to.
pub const NO_PROXY: EnvVar = EnvVar {
    name: "NO_PROXY",
    fallbacks: &["no_proxy"],
    meaning: "Comma-separated hosts, domains (`.example.com`), IP ranges (`10.0.0.0/8`) or `*` to reach without the generic proxy",
};

/// `ESOPS_AWS_SIGV4`: sign requests with AWS SigV4.
pub const AWS_SIGV4: EnvVar = EnvVar {
    name: "ESOPS_AWS_SIGV4",
    fallbacks: &[],
    meaning: "`true` to sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK's chain",
};

/// `ESOPS_AWS_REGION`: the region to sign for.
pub const AWS_REGION: EnvVar = EnvVar {
    name: "ESOPS_AWS_REGION",
    fallbacks: &["AWS_REGION", "AWS_DEFAULT_REGION"],
    meaning: "AWS region to sign for (default: the one in an `*.amazonaws.com` URL)",
};

/// `ESOPS_AWS_SERVICE`: the service to sign for.
pub const AWS_SERVICE: EnvVar = EnvVar {
    name: "ESOPS_AWS_SERVICE",
    fallbacks: &[],
    meaning: "AWS signing service: `es` (OpenSearch Service, Elasticsearch Service) or `aoss` (Serverless); default from the URL, else `es`",
};

/// `ESOPS_TIMEOUT`: the request timeout.
pub const TIMEOUT: EnvVar = EnvVar {
    name: "ESOPS_TIMEOUT",
    fallbacks: &[],
    meaning: "Timeout of each request, connecting included (e.g. `30s`, `2m`; default 30s)",
};

/// `ESOPS_CONTEXT`: the context to use instead of `current_context`.
pub const CONTEXT: EnvVar = EnvVar {
    name: "ESOPS_CONTEXT",
    fallbacks: &[],
    meaning: "Context of the config file to use, instead of its `current_context`",
};

/// `ESOPS_CONFIG`: the config file.
pub const CONFIG: EnvVar = EnvVar {
    name: "ESOPS_CONFIG",
    fallbacks: &[],
    meaning: "Config file (default `$XDG_CONFIG_HOME/esops/config.yaml`, else `~/.config/esops/config.yaml`)",
};

/// Every connection variable esops reads, in the order the README lists them.
///
/// There is deliberately no `ESOPS_INSECURE`: skipping certificate checks should be a visible,
/// per-run decision (`--insecure`) or a property of one named context, never ambient state that
/// silently applies to every cluster a shell talks to.
pub const ENV_VARS: &[EnvVar] = &[
    URL,
    CLOUD_ID,
    API_KEY,
    USERNAME,
    PASSWORD,
    BEARER_TOKEN,
    CA_CERT,
    CA_FINGERPRINT,
    CLIENT_CERT,
    CLIENT_KEY,
    HEADERS,
    PROXY,
    HTTPS_PROXY,
    HTTP_PROXY,
    ALL_PROXY,
    NO_PROXY,
    AWS_SIGV4,
    AWS_REGION,
    AWS_SERVICE,
    TIMEOUT,
    CONTEXT,
    CONFIG,
];

/// Where the config file is: `$ESOPS_CONFIG`, else `$XDG_CONFIG_HOME/esops/config.yaml`, else
/// `$HOME/.config/esops/config.yaml`; `None` when none of them is set. The file need not exist.
pub fn config_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    if let Some((path, _)) = CONFIG.lookup(env) {
        return Some(PathBuf::from(path));
    }
    let set = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    if let Some(xdg) = set("XDG_CONFIG_HOME").filter(|p| p.is_absolute()) {
        return Some(xdg.join("esops").join("config.yaml"));
    }
    set("HOME").map(|home| home.join(".config").join("esops").join("config.yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn primary_name_beats_fallbacks_and_fallbacks_go_in_order() {
        let env = env_of(&[("ES_URL", "http://c"), ("ELASTICSEARCH_URL", "http://b")]);
        assert_eq!(URL.lookup(&env), Some(("http://b".into(), "ELASTICSEARCH_URL")));
        let env = env_of(&[("ES_URL", "http://c"), ("ESOPS_URL", "http://a")]);
        assert_eq!(URL.lookup(&env), Some(("http://a".into(), "ESOPS_URL")));
    }

    #[test]
    fn empty_values_count_as_unset() {
        let env = env_of(&[("ESOPS_URL", ""), ("ES_URL", "http://c")]);
        assert_eq!(URL.lookup(&env), Some(("http://c".into(), "ES_URL")));
    }

    #[test]
    fn config_path_prefers_esops_config_then_xdg_then_home() {
        let env = env_of(&[("ESOPS_CONFIG", "/x/c.yaml"), ("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")]);
        assert_eq!(config_path(&env), Some(PathBuf::from("/x/c.yaml")));
        let env = env_of(&[("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")]);
        assert_eq!(config_path(&env), Some(PathBuf::from("/xdg/esops/config.yaml")));
        let env = env_of(&[("XDG_CONFIG_HOME", "relative"), ("HOME", "/home/u")]);
        assert_eq!(config_path(&env), Some(PathBuf::from("/home/u/.config/esops/config.yaml")));
        assert_eq!(config_path(&env_of(&[])), None);
    }

    #[test]
    fn names_are_unique_across_the_table() {
        let mut names: Vec<&str> =
            ENV_VARS.iter().flat_map(|v| std::iter::once(v.name).chain(v.fallbacks.iter().copied())).collect();
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), total);
    }
}
