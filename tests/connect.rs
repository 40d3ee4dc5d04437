//! Connection resolution, end to end through `esops_core::connect::resolve`: precedence per setting
//! (flag > environment > context > default), the config file's error messages, Cloud IDs, and
//! that secrets never leak into debug output, errors, or `context show`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use esops_core::connect::{
    self, Auth, ConfigFile, ConnectError, ConnectionFlags, Endpoint, ResolvedConnection, Secret, SettingSource,
};

/// A fake environment: only the given variables are set.
fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// A temporary folder holding `config.yaml` with `text`, plus any other files a test writes.
struct ConfigDir {
    dir: tempfile::TempDir,
}

impl ConfigDir {
    fn new(text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.yaml"), text).unwrap();
        ConfigDir { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("config.yaml")
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    fn read(&self) -> String {
        std::fs::read_to_string(self.path()).unwrap()
    }
}

fn resolve(
    flags: &ConnectionFlags,
    env: &[(&str, &str)],
    config: Option<&Path>,
) -> Result<ResolvedConnection, ConnectError> {
    connect::resolve(flags, &env_of(env), config)
}

fn no_flags() -> ConnectionFlags {
    ConnectionFlags::default()
}

fn url_of(conn: &ResolvedConnection) -> &str {
    conn.endpoint.0.url().as_str()
}

fn context_source(name: &str, config: &ConfigDir) -> SettingSource {
    SettingSource::Context { name: name.into(), file: config.path() }
}

fn api_key(conn: &ResolvedConnection) -> &str {
    match &conn.auth.0 {
        Auth::ApiKey(key) => key.expose(),
        other => panic!("expected an API key, got {other:?}"),
    }
}

fn basic(conn: &ResolvedConnection) -> (&str, &str) {
    match &conn.auth.0 {
        Auth::Basic { user, password } => (user, password.expose()),
        other => panic!("expected basic auth, got {other:?}"),
    }
}

const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

// ---------------------------------------------------------------- defaults and precedence

#[test]
fn nothing_set_means_localhost_without_credentials() {
    let conn = resolve(&no_flags(), &[], None).unwrap();
    assert_eq!(url_of(&conn), "http://localhost:9200/");
    assert_eq!(conn.endpoint.1, SettingSource::Default);
    assert_eq!(conn.auth, (Auth::None, SettingSource::Default));
    assert_eq!(conn.timeout, (Duration::from_secs(30), SettingSource::Default));
    assert_eq!(conn.insecure, (false, SettingSource::Default));
    assert_eq!(conn.ca_cert, None);
    assert_eq!(conn.context, None);
    assert!(conn.warnings.is_empty());
}

#[test]
fn a_missing_config_file_is_no_error_when_no_context_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let conn = resolve(&no_flags(), &[], Some(&dir.path().join("absent.yaml"))).unwrap();
    assert_eq!(conn.endpoint.1, SettingSource::Default);
}

#[test]
fn url_comes_from_each_source() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    url: http://ctx:9200\n");
    let flags = ConnectionFlags { url: Some("http://flag:9200".into()), ..no_flags() };
    let check = |flags: &ConnectionFlags, env: &[(&str, &str)], url: &str, source: SettingSource| {
        let conn = resolve(flags, env, Some(&config.path())).unwrap();
        assert_eq!((url_of(&conn), &conn.endpoint.1), (url, &source));
    };
    check(&flags, &[], "http://flag:9200/", SettingSource::Flag("--url"));
    check(&no_flags(), &[("ESOPS_URL", "http://a:9200")], "http://a:9200/", SettingSource::Env("ESOPS_URL"));
    let b = [("ELASTICSEARCH_URL", "http://b:9200")];
    check(&no_flags(), &b, "http://b:9200/", SettingSource::Env("ELASTICSEARCH_URL"));
    check(&no_flags(), &[("ES_URL", "http://c:9200")], "http://c:9200/", SettingSource::Env("ES_URL"));
    check(&no_flags(), &[], "http://ctx:9200/", context_source("c", &config));
}

#[test]
fn url_precedence_is_flag_then_esops_then_fallbacks_in_order_then_context() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    url: http://ctx:9200\n");
    let all = [("ESOPS_URL", "http://a:9200"), ("ELASTICSEARCH_URL", "http://b:9200"), ("ES_URL", "http://c:9200")];
    let flags = ConnectionFlags { url: Some("http://flag:9200".into()), ..no_flags() };
    assert_eq!(url_of(&resolve(&flags, &all, Some(&config.path())).unwrap()), "http://flag:9200/");
    assert_eq!(url_of(&resolve(&no_flags(), &all, Some(&config.path())).unwrap()), "http://a:9200/");
    assert_eq!(url_of(&resolve(&no_flags(), &all[1..], Some(&config.path())).unwrap()), "http://b:9200/");
    assert_eq!(url_of(&resolve(&no_flags(), &all[2..], Some(&config.path())).unwrap()), "http://c:9200/");
}

#[test]
fn each_setting_is_decided_on_its_own() {
    // URL from the flag, credentials and timeout from the context, CA from the environment.
    let config = ConfigDir::new(
        "current_context: prod\ncontexts:\n  - name: prod\n    url: https://ctx:9200\n    api_key_env: PROD_KEY\n    timeout: 1m\n",
    );
    let ca = config.file("ca.pem", PEM);
    let flags = ConnectionFlags { url: Some("https://other-node:9200".into()), ..no_flags() };
    let ca_text = ca.to_str().unwrap();
    let conn =
        resolve(&flags, &[("PROD_KEY", "encodedkey"), ("ESOPS_CA_CERT", ca_text)], Some(&config.path())).unwrap();
    assert_eq!(url_of(&conn), "https://other-node:9200/");
    assert_eq!(api_key(&conn), "encodedkey");
    assert_eq!(conn.auth.1, SettingSource::ContextEnv { name: "prod".into(), var: "PROD_KEY".into() });
    assert_eq!(conn.timeout, (Duration::from_secs(60), context_source("prod", &config)));
    assert_eq!(conn.ca_cert, Some((ca, SettingSource::Env("ESOPS_CA_CERT"))));
    assert_eq!(conn.context, Some(("prod".into(), SettingSource::CurrentContext { file: config.path() })));
}

// ---------------------------------------------------------------- credentials

#[test]
fn api_key_comes_from_each_source() {
    let config = ConfigDir::new("");
    let key_file = config.file("key", "from-file\n");
    let ctx = |line: &str| {
        config.file("ctx.yaml", &format!("current_context: c\ncontexts:\n  - name: c\n    {line}\n"));
        config.dir.path().join("ctx.yaml")
    };
    let flags = ConnectionFlags { api_key: Some(Secret::new("from-flag")), ..no_flags() };
    let conn = resolve(&flags, &[("ESOPS_API_KEY", "from-env")], None).unwrap();
    assert_eq!((api_key(&conn), &conn.auth.1), ("from-flag", &SettingSource::Flag("--api-key")));
    for var in ["ESOPS_API_KEY", "ES_API_KEY", "ELASTIC_API_KEY"] {
        let conn = resolve(&no_flags(), &[(var, "from-env")], None).unwrap();
        assert_eq!((api_key(&conn), &conn.auth.1), ("from-env", &SettingSource::Env(var)));
    }
    let path = ctx("api_key: inline-key");
    let conn = resolve(&no_flags(), &[], Some(&path)).unwrap();
    assert_eq!(api_key(&conn), "inline-key");
    assert_eq!(conn.auth.1, SettingSource::Context { name: "c".into(), file: path.clone() });
    let conn = resolve(&no_flags(), &[], Some(&ctx(&format!("api_key_file: {}", key_file.display())))).unwrap();
    assert_eq!(
        (api_key(&conn), &conn.auth.1),
        ("from-file", &SettingSource::ContextFile { name: "c".into(), file: key_file })
    );
    let conn = resolve(&no_flags(), &[("MY_KEY", "from-ctx-env")], Some(&ctx("api_key_env: MY_KEY"))).unwrap();
    assert_eq!(api_key(&conn), "from-ctx-env");
}

#[test]
fn api_key_fallbacks_go_in_order() {
    let conn = resolve(&no_flags(), &[("ELASTIC_API_KEY", "c"), ("ES_API_KEY", "b")], None).unwrap();
    assert_eq!(conn.auth.1, SettingSource::Env("ES_API_KEY"));
    let conn =
        resolve(&no_flags(), &[("ELASTIC_API_KEY", "c"), ("ES_API_KEY", "b"), ("ESOPS_API_KEY", "a")], None).unwrap();
    assert_eq!(api_key(&conn), "a");
}

#[test]
fn id_colon_key_api_keys_are_base64_encoded() {
    let conn = resolve(&no_flags(), &[("ESOPS_API_KEY", "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw")], None).unwrap();
    assert_eq!(api_key(&conn), "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
}

#[test]
fn basic_auth_from_flags_and_each_env_pair() {
    let flags = ConnectionFlags { user: Some("u".into()), password: Some(Secret::new("p")), ..no_flags() };
    let conn = resolve(&flags, &[], None).unwrap();
    assert_eq!(basic(&conn), ("u", "p"));
    assert_eq!(
        conn.auth.1,
        SettingSource::UserAndPassword {
            user: Box::new(SettingSource::Flag("--user")),
            password: Box::new(SettingSource::Flag("--password"))
        }
    );
    for (user_var, password_var) in [("ESOPS_USERNAME", "ESOPS_PASSWORD"), ("ES_USERNAME", "ES_PASSWORD")] {
        let conn = resolve(&no_flags(), &[(user_var, "u"), (password_var, "p")], None).unwrap();
        assert_eq!(basic(&conn), ("u", "p"), "{user_var}/{password_var}");
    }
}

#[test]
fn elastic_password_alone_implies_the_elastic_user() {
    let conn = resolve(&no_flags(), &[("ELASTIC_PASSWORD", "p")], None).unwrap();
    assert_eq!(basic(&conn), ("elastic", "p"));
    assert_eq!(conn.auth.1, SettingSource::Env("ELASTIC_PASSWORD"));
}

#[test]
fn elastic_password_with_a_user_elsewhere_uses_that_user() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    user: esops\n");
    let conn = resolve(&no_flags(), &[("ELASTIC_PASSWORD", "p")], Some(&config.path())).unwrap();
    assert_eq!(basic(&conn), ("esops", "p"));
}

#[test]
fn user_from_the_context_and_password_from_the_environment() {
    let config =
        ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    user: esops\n    password_env: UNSET_VAR\n");
    // The context's password_env is not read at all: the environment's password wins.
    let conn = resolve(&no_flags(), &[("ESOPS_PASSWORD", "p")], Some(&config.path())).unwrap();
    assert_eq!(basic(&conn), ("esops", "p"));
    assert_eq!(
        conn.auth.1,
        SettingSource::UserAndPassword {
            user: Box::new(context_source("c", &config)),
            password: Box::new(SettingSource::Env("ESOPS_PASSWORD"))
        }
    );
}

#[test]
fn the_highest_level_with_credentials_decides_their_kind() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    user: esops\n    password: inline\n");
    let conn = resolve(&no_flags(), &[("ESOPS_API_KEY", "k")], Some(&config.path())).unwrap();
    assert_eq!(api_key(&conn), "k");
    let flags = ConnectionFlags { bearer_token: Some(Secret::new("t")), ..no_flags() };
    let conn = resolve(&flags, &[("ESOPS_API_KEY", "k")], Some(&config.path())).unwrap();
    assert_eq!(conn.auth, (Auth::Bearer(Secret::new("t")), SettingSource::Flag("--bearer-token")));
}

#[test]
fn bearer_token_from_flag_env_and_context() {
    let conn = resolve(&no_flags(), &[("ESOPS_BEARER_TOKEN", "t")], None).unwrap();
    assert_eq!(conn.auth, (Auth::Bearer(Secret::new("t")), SettingSource::Env("ESOPS_BEARER_TOKEN")));
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    bearer_token_env: TOKEN\n");
    let conn = resolve(&no_flags(), &[("TOKEN", "t2")], Some(&config.path())).unwrap();
    assert_eq!(conn.auth.0, Auth::Bearer(Secret::new("t2")));
}

#[test]
fn two_kinds_of_credentials_at_one_level_is_an_error_naming_both() {
    let err = resolve(&no_flags(), &[("ESOPS_API_KEY", "k"), ("ESOPS_BEARER_TOKEN", "t")], None).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ConnectError::AuthConflict { .. }), "{msg}");
    assert!(msg.contains("ESOPS_API_KEY") && msg.contains("ESOPS_BEARER_TOKEN"), "{msg}");
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    user: u\n    api_key_env: K\n");
    let msg = resolve(&no_flags(), &[], Some(&config.path())).unwrap_err().to_string();
    assert!(msg.contains("conflicting credentials") && msg.contains("context c"), "{msg}");
}

#[test]
fn user_without_password_names_where_the_user_came_from() {
    let msg = resolve(&no_flags(), &[("ES_USERNAME", "bob")], None).unwrap_err().to_string();
    assert!(msg.contains("user `bob` (env ES_USERNAME) has no password"), "{msg}");
}

#[test]
fn password_without_user_is_an_error_unless_it_is_elastic_password() {
    let msg = resolve(&no_flags(), &[("ESOPS_PASSWORD", "p")], None).unwrap_err().to_string();
    assert!(msg.contains("password is set (env ESOPS_PASSWORD) but no user"), "{msg}");
}

#[test]
fn credentials_in_a_url_become_basic_auth_and_leave_the_url() {
    let conn = resolve(&no_flags(), &[("ESOPS_URL", "https://elastic:p%40ss@es.example.com:9200")], None).unwrap();
    assert_eq!(url_of(&conn), "https://es.example.com:9200/");
    assert_eq!(basic(&conn), ("elastic", "p@ss"));
    assert_eq!(conn.auth.1, SettingSource::Env("ESOPS_URL"));
}

#[test]
fn credentials_in_a_url_conflict_with_a_user_at_the_same_level() {
    let flags = ConnectionFlags {
        url: Some("https://a:b@es:9200".into()),
        user: Some("c".into()),
        password: Some(Secret::new("d")),
        ..no_flags()
    };
    assert!(matches!(resolve(&flags, &[], None), Err(ConnectError::AuthConflict { .. })));
}

// ---------------------------------------------------------------- endpoints

#[test]
fn urls_need_an_http_scheme() {
    let msg = resolve(&no_flags(), &[("ESOPS_URL", "localhost:9200")], None).unwrap_err().to_string();
    assert!(msg.contains("`localhost:9200` (env ESOPS_URL)") && msg.contains("no scheme"), "{msg}");
    let msg = resolve(&no_flags(), &[("ESOPS_URL", "ftp://x")], None).unwrap_err().to_string();
    assert!(msg.contains("scheme is `ftp`"), "{msg}");
}

fn cloud_id(payload: &str) -> String {
    use base64::Engine;
    format!("deployment:{}", base64::engine::general_purpose::STANDARD.encode(payload))
}

#[test]
fn cloud_id_comes_from_flag_env_and_context() {
    let id = cloud_id("us-east-1.aws.found.io$abc123$kib456");
    let flags = ConnectionFlags { cloud_id: Some(id.clone()), ..no_flags() };
    let conn = resolve(&flags, &[], None).unwrap();
    assert_eq!(
        conn.endpoint,
        (
            Endpoint::CloudId { id: id.clone(), url: "https://abc123.us-east-1.aws.found.io".parse().unwrap() },
            SettingSource::Flag("--cloud-id")
        )
    );
    for var in ["ESOPS_CLOUD_ID", "ELASTIC_CLOUD_ID"] {
        let conn = resolve(&no_flags(), &[(var, &id)], None).unwrap();
        assert_eq!(conn.endpoint.1, SettingSource::Env(var));
    }
    let config = ConfigDir::new(&format!("current_context: c\ncontexts:\n  - name: c\n    cloud_id: \"{id}\"\n"));
    let conn = resolve(&no_flags(), &[], Some(&config.path())).unwrap();
    assert_eq!(url_of(&conn), "https://abc123.us-east-1.aws.found.io/");
}

#[test]
fn cloud_id_decoding_follows_the_reference() {
    let decode = |payload: &str| connect::decode_cloud_id(&cloud_id(payload)).map(|u| u.to_string());
    assert_eq!(decode("cloud-endpoint.example$3dadf823$3f26e160").unwrap(), "https://3dadf823.cloud-endpoint.example/");
    assert_eq!(
        decode("cloud-endpoint.example:4463$3dadf823$3f26e160").unwrap(),
        "https://3dadf823.cloud-endpoint.example:4463/"
    );
    assert_eq!(decode("cloud-endpoint.example:443$abc").unwrap(), "https://abc.cloud-endpoint.example/");
    let unpadded = cloud_id("cloud-endpoint.example$abc");
    assert_eq!(
        connect::decode_cloud_id(unpadded.trim_end_matches('=')).unwrap().as_str(),
        "https://abc.cloud-endpoint.example/"
    );
    assert!(decode("cloud-endpoint.example").is_err());
    assert!(decode("$abc").is_err());
    assert!(connect::decode_cloud_id(":Zm9v").is_err());
}

#[test]
fn an_invalid_cloud_id_says_where_it_came_from() {
    let msg = resolve(&no_flags(), &[("ELASTIC_CLOUD_ID", "nonsense")], None).unwrap_err().to_string();
    assert!(msg.contains("invalid Cloud ID (env ELASTIC_CLOUD_ID)"), "{msg}");
}

#[test]
fn url_and_cloud_id_at_the_same_level_is_an_error() {
    let env = [("ESOPS_URL", "http://a:9200"), ("ELASTIC_CLOUD_ID", "x")];
    let err = resolve(&no_flags(), &env, None).unwrap_err();
    assert!(
        matches!(
            &err,
            ConnectError::EndpointConflict {
                url: SettingSource::Env("ESOPS_URL"),
                cloud_id: SettingSource::Env("ELASTIC_CLOUD_ID")
            }
        ),
        "{err}"
    );
}

#[test]
fn a_url_at_a_higher_level_beats_a_cloud_id_below() {
    let flags = ConnectionFlags { url: Some("http://flag:9200".into()), ..no_flags() };
    let conn = resolve(&flags, &[("ESOPS_CLOUD_ID", "not even valid")], None).unwrap();
    assert_eq!(url_of(&conn), "http://flag:9200/");
    let config = ConfigDir::new(&format!(
        "current_context: c\ncontexts:\n  - name: c\n    cloud_id: {}\n",
        cloud_id("x.io$abc")
    ));
    let conn = resolve(&no_flags(), &[("ES_URL", "http://env:9200")], Some(&config.path())).unwrap();
    assert_eq!(url_of(&conn), "http://env:9200/");
}

// ---------------------------------------------------------------- TLS and timeout

#[test]
fn ca_cert_comes_from_flag_each_env_var_and_context_relative_to_the_file() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    ca_cert: ca.pem\n");
    let ca = config.file("ca.pem", PEM);
    let conn = resolve(&no_flags(), &[], Some(&config.path())).unwrap();
    assert_eq!(conn.ca_cert, Some((ca.clone(), context_source("c", &config))));
    for var in ["ESOPS_CA_CERT", "ES_CA_CERT"] {
        let conn = resolve(&no_flags(), &[(var, ca.to_str().unwrap())], None).unwrap();
        assert_eq!(conn.ca_cert, Some((ca.clone(), SettingSource::Env(var))));
    }
    let flags = ConnectionFlags { ca_cert: Some(ca.clone()), ..no_flags() };
    let conn = resolve(&flags, &[("ESOPS_CA_CERT", "/nowhere")], None).unwrap();
    assert_eq!(conn.ca_cert, Some((ca, SettingSource::Flag("--ca-cert"))));
}

#[test]
fn a_missing_or_non_pem_ca_cert_is_an_error() {
    let config = ConfigDir::new("");
    let flags = ConnectionFlags { ca_cert: Some(config.dir.path().join("absent.pem")), ..no_flags() };
    let msg = resolve(&flags, &[], None).unwrap_err().to_string();
    assert!(msg.contains("absent.pem (--ca-cert) does not exist"), "{msg}");
    let flags =
        ConnectionFlags { ca_cert: Some(config.file("key.pem", "-----BEGIN PRIVATE KEY-----\n")), ..no_flags() };
    let msg = resolve(&flags, &[], None).unwrap_err().to_string();
    assert!(msg.contains("holds no PEM certificate"), "{msg}");
}

#[test]
fn insecure_from_the_flag_or_the_context() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    insecure: true\n");
    let conn = resolve(&no_flags(), &[], Some(&config.path())).unwrap();
    assert_eq!(conn.insecure, (true, context_source("c", &config)));
    let flags = ConnectionFlags { insecure: true, ..no_flags() };
    assert_eq!(resolve(&flags, &[], None).unwrap().insecure, (true, SettingSource::Flag("--insecure")));
}

#[test]
fn timeout_from_flag_env_context_and_default() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    timeout: 45s\n");
    let flags = ConnectionFlags { timeout: Some(Duration::from_secs(5)), ..no_flags() };
    let env = [("ESOPS_TIMEOUT", "2m")];
    assert_eq!(
        resolve(&flags, &env, Some(&config.path())).unwrap().timeout,
        (Duration::from_secs(5), SettingSource::Flag("--timeout"))
    );
    assert_eq!(
        resolve(&no_flags(), &env, Some(&config.path())).unwrap().timeout,
        (Duration::from_secs(120), SettingSource::Env("ESOPS_TIMEOUT"))
    );
    assert_eq!(resolve(&no_flags(), &[], Some(&config.path())).unwrap().timeout.0, Duration::from_secs(45));
}

#[test]
fn invalid_timeouts_are_errors_naming_their_source() {
    let msg = resolve(&no_flags(), &[("ESOPS_TIMEOUT", "soon")], None).unwrap_err().to_string();
    assert!(msg.contains("invalid timeout `soon` (env ESOPS_TIMEOUT)"), "{msg}");
    let flags = ConnectionFlags { timeout: Some(Duration::ZERO), ..no_flags() };
    assert!(matches!(resolve(&flags, &[], None), Err(ConnectError::InvalidTimeout { .. })));
    let config = ConfigDir::new("contexts:\n  - name: c\n    timeout: 0s\n");
    let msg = resolve(&no_flags(), &[], Some(&config.path())).unwrap_err().to_string();
    assert!(msg.contains("config.yaml:3:14: invalid timeout `0s`"), "{msg}");
}

// ---------------------------------------------------------------- context selection

const TWO_CONTEXTS: &str =
    "current_context: a\ncontexts:\n  - name: a\n    url: http://a:9200\n  - name: b\n    url: http://b:9200\n";

#[test]
fn context_selection_is_flag_then_env_then_current_context() {
    let config = ConfigDir::new(TWO_CONTEXTS);
    let path = config.path();
    let conn = resolve(&no_flags(), &[], Some(&path)).unwrap();
    assert_eq!(conn.context, Some(("a".into(), SettingSource::CurrentContext { file: path.clone() })));
    let conn = resolve(&no_flags(), &[("ESOPS_CONTEXT", "b")], Some(&path)).unwrap();
    assert_eq!(
        (url_of(&conn), conn.context.clone()),
        ("http://b:9200/", Some(("b".into(), SettingSource::Env("ESOPS_CONTEXT"))))
    );
    let flags = ConnectionFlags { context: Some("a".into()), ..no_flags() };
    let conn = resolve(&flags, &[("ESOPS_CONTEXT", "b")], Some(&path)).unwrap();
    assert_eq!(conn.context, Some(("a".into(), SettingSource::Flag("--context"))));
}

#[test]
fn an_unknown_context_lists_the_available_ones() {
    let config = ConfigDir::new(TWO_CONTEXTS);
    let flags = ConnectionFlags { context: Some("prod".into()), ..no_flags() };
    let msg = resolve(&flags, &[], Some(&config.path())).unwrap_err().to_string();
    assert!(msg.contains("context `prod` (--context) is not defined in") && msg.ends_with("available: a, b"), "{msg}");
    let config = ConfigDir::new("current_context: gone\ncontexts: []\n");
    let msg = resolve(&no_flags(), &[], Some(&config.path())).unwrap_err().to_string();
    assert!(msg.contains("(current_context in") && msg.contains("defines no contexts yet"), "{msg}");
}

#[test]
fn asking_for_a_context_without_a_config_file_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let absent = dir.path().join("config.yaml");
    let msg = resolve(&no_flags(), &[("ESOPS_CONTEXT", "prod")], Some(&absent)).unwrap_err().to_string();
    assert!(
        msg.contains("context `prod` (env ESOPS_CONTEXT) needs a config file") && msg.contains("does not exist"),
        "{msg}"
    );
}

// ---------------------------------------------------------------- config file errors

fn config_error(text: &str) -> String {
    let config = ConfigDir::new(text);
    let msg = resolve(&no_flags(), &[], Some(&config.path())).unwrap_err().to_string();
    msg.replace(&config.path().display().to_string(), "config.yaml")
}

#[test]
fn malformed_yaml_is_reported_with_file_line_and_column() {
    let msg = config_error("contexts:\n  - name: a\n    url: [unclosed\n");
    assert!(msg.starts_with("config.yaml:"), "{msg}");
    let location: Vec<&str> = msg.splitn(4, ':').collect();
    assert!(location[1].parse::<u32>().is_ok() && location[2].parse::<u32>().is_ok(), "{msg}");
}

#[test]
fn an_unknown_key_suggests_the_closest_valid_one() {
    assert_eq!(
        config_error("contexts:\n  - name: a\n    api_key_envv: X\n"),
        "config.yaml:3:5: unknown key `api_key_envv` in a context; did you mean `api_key_env`?"
    );
    assert_eq!(
        config_error("current-context: a\n"),
        "config.yaml:1:1: unknown key `current-context` at the top level; did you mean `current_context`?"
    );
    let msg = config_error("contexts:\n  - name: a\n    colour: red\n");
    assert!(msg.starts_with("config.yaml:3:5: unknown key `colour` in a context; valid keys: name, url"), "{msg}");
}

#[test]
fn a_wrong_type_is_reported_at_its_location() {
    let msg = config_error("contexts:\n  - name: a\n    insecure: maybe\n");
    assert!(msg.starts_with("config.yaml:3:15: "), "{msg}");
}

#[test]
fn contradictions_inside_a_context_point_at_it() {
    let msg = config_error("contexts:\n  - name: a\n    password: x\n    password_file: y\n");
    assert_eq!(msg, "config.yaml:2:11: context `a` sets password and password_file; keep one");
    let msg = config_error("contexts:\n  - name: a\n    url: http://x\n    cloud_id: y\n");
    assert_eq!(msg, "config.yaml:2:11: context `a` sets both `url` and `cloud_id`; keep one");
    let msg = config_error("contexts:\n  - name: a\n  - name: a\n");
    assert_eq!(msg, "config.yaml:3:11: context `a` is defined twice; rename or remove one");
}

#[test]
fn an_empty_or_comment_only_file_is_an_empty_config() {
    for text in ["", "# nothing yet\n"] {
        let config = ConfigDir::new(text);
        let parsed = ConfigFile::load(&config.path()).unwrap().unwrap();
        assert!(parsed.contexts.is_empty() && parsed.current_context.is_none());
    }
}

#[test]
fn inline_secrets_are_warned_about_with_their_line() {
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    user: u\n    password: hunter2\n");
    let conn = resolve(&no_flags(), &[], Some(&config.path())).unwrap();
    assert_eq!(conn.warnings.len(), 1);
    let warning = &conn.warnings[0];
    assert!(warning.contains("config.yaml:5: context `c` has its password written in the config file"), "{warning}");
    assert!(warning.contains("password_file") && !warning.contains("hunter2"), "{warning}");
}

#[test]
fn a_missing_secret_file_or_variable_names_the_context_and_the_reference() {
    let config =
        ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    user: u\n    password_file: no-such-file\n");
    let msg = resolve(&no_flags(), &[], Some(&config.path())).unwrap_err().to_string();
    assert!(msg.starts_with("context `c`: cannot read password_file ") && msg.contains("no-such-file"), "{msg}");
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    api_key_env: PROD_KEY\n");
    let msg = resolve(&no_flags(), &[], Some(&config.path())).unwrap_err().to_string();
    assert!(
        msg.contains("context `c`: api_key_env names the environment variable PROD_KEY, which is not set"),
        "{msg}"
    );
    let config = ConfigDir::new("current_context: c\ncontexts:\n  - name: c\n    bearer_token_file: empty\n");
    config.file("empty", "\n");
    let msg = resolve(&no_flags(), &[], Some(&config.path())).unwrap_err().to_string();
    assert!(msg.contains("bearer_token_file") && msg.contains("the file is empty"), "{msg}");
}

// ---------------------------------------------------------------- secrets never leak

const CANARY: &str = "canary-Qx42-secret";

#[test]
fn a_canary_secret_from_every_channel_never_shows_in_debug_or_context_show() {
    let config = ConfigDir::new("");
    let secret_file = config.file("secret", CANARY);
    let text = format!(
        "contexts:\n  - name: inline\n    user: u\n    password: {CANARY}\n  - name: file\n    api_key_file: {}\n  - name: env\n    bearer_token_env: TOKEN\n  - name: url\n    url: https://u:{CANARY}@es:9200\n",
        secret_file.display()
    );
    let config = ConfigDir::new(&text);
    let path = config.path();
    let url_with_canary = format!("https://u:{CANARY}@es:9200");
    let with_context = |name: &str| ConnectionFlags { context: Some(name.into()), ..no_flags() };
    let runs: Vec<(ConnectionFlags, Vec<(&str, &str)>)> = vec![
        (ConnectionFlags { api_key: Some(Secret::new(CANARY)), ..no_flags() }, vec![]),
        (ConnectionFlags { user: Some("u".into()), password: Some(Secret::new(CANARY)), ..no_flags() }, vec![]),
        (ConnectionFlags { bearer_token: Some(Secret::new(CANARY)), ..no_flags() }, vec![]),
        (ConnectionFlags { url: Some(format!("https://u:{CANARY}@es:9200")), ..no_flags() }, vec![]),
        (no_flags(), vec![("ESOPS_API_KEY", CANARY)]),
        (no_flags(), vec![("ESOPS_USERNAME", "u"), ("ESOPS_PASSWORD", CANARY)]),
        (no_flags(), vec![("ELASTIC_PASSWORD", CANARY)]),
        (no_flags(), vec![("ESOPS_BEARER_TOKEN", CANARY)]),
        (no_flags(), vec![("ES_URL", &url_with_canary)]),
        (with_context("inline"), vec![]),
        (with_context("file"), vec![]),
        (with_context("env"), vec![("TOKEN", CANARY)]),
        (with_context("url"), vec![]),
    ];
    for (flags, env) in runs {
        let conn = resolve(&flags, &env, Some(&path)).unwrap();
        assert_ne!(conn.auth.0, Auth::None, "{flags:?}");
        let lookup = env_of(&env);
        let each = connect::resolve_each(&flags, &lookup, Some(&path)).unwrap();
        let shown =
            format!("{conn:?}\n{:?}\n{}", connect::describe(&each, &lookup, Some(&path)), conn.warnings.join("\n"));
        assert!(!shown.contains(CANARY), "secret leaked:\n{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }
    let listed = format!("{:?}", connect::summarize_contexts(&ConfigFile::load(&path).unwrap().unwrap(), None));
    assert!(!listed.contains(CANARY), "{listed}");
}

#[test]
fn a_canary_secret_never_shows_in_error_messages() {
    let broken_url = format!("https://u:{CANARY}/x@es:9200");
    let config = ConfigDir::new(&format!(
        "current_context: c\ncontexts:\n  - name: c\n    password: {CANARY}\n    passwrd: {CANARY}\n"
    ));
    let errors = [
        // Conflicts at one level, with a secret on each side.
        resolve(&no_flags(), &[("ESOPS_API_KEY", CANARY), ("ESOPS_BEARER_TOKEN", CANARY)], None).unwrap_err(),
        resolve(&no_flags(), &[("ESOPS_PASSWORD", CANARY)], None).unwrap_err(),
        // A URL that does not parse because of its password.
        resolve(&no_flags(), &[("ESOPS_URL", &broken_url)], None).unwrap_err(),
        resolve(&no_flags(), &[("ESOPS_URL", &format!("u:{CANARY}@es:9200"))], None).unwrap_err(),
        // A config file error on a line that holds a secret.
        resolve(&no_flags(), &[], Some(&config.path())).unwrap_err(),
        resolve(&ConnectionFlags { user: Some(format!("u:{CANARY}")), ..no_flags() }, &[], None).unwrap_err(),
    ];
    for err in errors {
        let shown = format!("{err}\n{err:?}");
        assert!(!shown.contains(CANARY), "secret leaked:\n{shown}");
    }
}

// ---------------------------------------------------------------- context use / list / show data

#[test]
fn use_rewrites_only_the_current_context_line() {
    let config = ConfigDir::new(&format!("# clusters\n{TWO_CONTEXTS}# end\n"));
    ConfigFile::load(&config.path()).unwrap().unwrap().set_current_context("b").unwrap();
    assert_eq!(
        config.read(),
        format!("# clusters\n{}# end\n", TWO_CONTEXTS.replace("current_context: a", "current_context: b"))
    );
}

#[test]
fn use_adds_current_context_when_absent() {
    let text = TWO_CONTEXTS.replace("current_context: a\n", "");
    let config = ConfigDir::new(&format!("# clusters\n{text}"));
    ConfigFile::load(&config.path()).unwrap().unwrap().set_current_context("b").unwrap();
    assert_eq!(config.read(), format!("# clusters\ncurrent_context: b\n{text}"));
}

#[test]
fn use_refuses_an_unknown_context_and_leaves_the_file_alone() {
    let config = ConfigDir::new(TWO_CONTEXTS);
    let err = ConfigFile::load(&config.path()).unwrap().unwrap().set_current_context("c").unwrap_err();
    assert!(err.to_string().ends_with("available: a, b"), "{err}");
    assert_eq!(config.read(), TWO_CONTEXTS);
}

#[cfg(unix)]
#[test]
fn use_writes_through_a_symlink_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let config = ConfigDir::new(TWO_CONTEXTS);
    std::fs::set_permissions(config.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = config.dir.path().join("link.yaml");
    std::os::unix::fs::symlink(config.path(), &link).unwrap();
    ConfigFile::load(&link).unwrap().unwrap().set_current_context("b").unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(config.read().starts_with("current_context: b\n"));
    assert_eq!(std::fs::metadata(config.path()).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn list_shows_endpoints_without_credentials_and_auth_kinds() {
    let config = ConfigDir::new(
        "contexts:\n  - name: a\n    url: https://u:pw@es:9200\n  - name: b\n    url: http://b:9200/\n    api_key_env: K\n",
    );
    let rows = connect::summarize_contexts(&ConfigFile::load(&config.path()).unwrap().unwrap(), Some("b"));
    assert_eq!(rows[0].endpoint, "https://<redacted>@es:9200");
    assert_eq!(rows[1].endpoint, "http://b:9200");
    assert_eq!(rows[1].auth, "api key, env K");
    assert_eq!((rows[0].current, rows[1].current), (false, true));
}

#[test]
fn show_resolves_what_it_can_of_a_partly_broken_context() {
    // The URL and timeout are fine; the API key's file is missing and the CA file does not exist.
    let config = ConfigDir::new(
        "current_context: prod\ncontexts:\n  - name: prod\n    url: https://es-prod:9200\n    \
         api_key_file: missing-key\n    ca_cert: missing-ca.pem\n    timeout: 1m\n",
    );
    let env_pairs = [("ESOPS_CONFIG", "set")];
    let env = env_of(&env_pairs);
    let conn = connect::resolve_each(&no_flags(), &env, Some(&config.path())).unwrap();
    let lines = connect::describe(&conn, &env, Some(&config.path()));
    let value =
        |setting: &str| lines.iter().find(|l| l.setting == setting).map(|l| (l.value.clone(), l.source.clone()));
    assert_eq!(value("url").unwrap().0, "https://es-prod:9200");
    assert_eq!(value("timeout").unwrap().0, "1m");
    let (auth, why) = value("auth").unwrap();
    assert_eq!(auth, connect::BROKEN);
    assert!(why.contains("missing-key") && why.contains("prod"), "{why}");
    let (ca, why) = value("ca_cert").unwrap();
    assert_eq!(ca, connect::BROKEN);
    assert!(why.contains("missing-ca.pem"), "{why}");
    let problems: Vec<&str> = conn.problems().iter().map(|(setting, _)| *setting).collect();
    assert_eq!(problems, ["auth", "ca_cert"]);
    // The command's own resolution stops at the first of them, as before.
    let first = resolve(&no_flags(), &env_pairs, Some(&config.path())).unwrap_err().to_string();
    assert!(first.contains("missing-key"), "{first}");
}

#[test]
fn show_says_where_every_setting_came_from() {
    let config = ConfigDir::new("current_context: prod\ncontexts:\n  - name: prod\n    url: https://es-prod:9200\n");
    let env = [("ESOPS_API_KEY", "k"), ("ESOPS_CONFIG", "set")];
    let flags = ConnectionFlags { context: Some("prod".into()), ..no_flags() };
    let conn = connect::resolve_each(&flags, &env_of(&env), Some(&config.path())).unwrap();
    let lines: Vec<(&str, String, String)> = connect::describe(&conn, &env_of(&env), Some(&config.path()))
        .into_iter()
        .map(|l| (l.setting, l.value, l.source))
        .collect();
    let file = config.path().display().to_string();
    assert_eq!(
        lines,
        [
            ("config", file.clone(), "env ESOPS_CONFIG".into()),
            ("context", "prod".into(), "--context".into()),
            ("url", "https://es-prod:9200".into(), format!("context prod, {file}")),
            ("auth", "api key <redacted>".into(), "env ESOPS_API_KEY".into()),
            ("ca_cert", "none (system trust store)".into(), "default".into()),
            ("insecure", "false".into(), "default".into()),
            ("client_cert", "none".into(), "default".into()),
            ("proxy", "none (direct)".into(), "default".into()),
            ("timeout", "30s".into(), "default".into()),
        ]
        .map(|(s, v, src): (&str, String, String)| (s, v, src))
    );
}

#[test]
fn env_var_table_matches_the_design() {
    let table: Vec<(&str, Vec<&str>)> = connect::ENV_VARS.iter().map(|v| (v.name, v.fallbacks.to_vec())).collect();
    for expected in [
        ("ESOPS_URL", vec!["ELASTICSEARCH_URL", "ES_URL"]),
        ("ESOPS_API_KEY", vec!["ES_API_KEY", "ELASTIC_API_KEY"]),
        ("ESOPS_USERNAME", vec!["ES_USERNAME"]),
        ("ESOPS_PASSWORD", vec!["ES_PASSWORD", "ELASTIC_PASSWORD"]),
        ("ESOPS_CLOUD_ID", vec!["ELASTIC_CLOUD_ID"]),
        ("ESOPS_CA_CERT", vec!["ES_CA_CERT"]),
        ("ESOPS_CONTEXT", vec![]),
    ] {
        assert!(table.contains(&expected), "{expected:?} missing from ENV_VARS");
    }
    // The generic proxy variables are read under their own names: they are every program's.
    let generic =
        [connect::HTTPS_PROXY.name, connect::HTTP_PROXY.name, connect::ALL_PROXY.name, connect::NO_PROXY.name];
    assert!(
        connect::ENV_VARS
            .iter()
            .all(|v| (v.name.starts_with("ESOPS_") || generic.contains(&v.name)) && !v.meaning.is_empty())
    );
}
