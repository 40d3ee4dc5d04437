//! `esops context list | use | show`, through the real binary. The resolution rules behind
//! them are pinned in `tests/connect.rs`.

use std::path::PathBuf;

use crate::common::esops;

const TWO_CONTEXTS: &str =
    "current_context: a\ncontexts:\n  - name: a\n    url: http://a:9200\n  - name: b\n    url: http://b:9200\n";

const CANARY: &str = "canary-Qx42-secret";

/// A temporary `config.yaml` with the given text.
struct ConfigFile {
    dir: tempfile::TempDir,
}

impl ConfigFile {
    fn new(text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.yaml"), text).unwrap();
        ConfigFile { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("config.yaml")
    }

    fn read(&self) -> String {
        std::fs::read_to_string(self.path()).unwrap()
    }
}

#[test]
fn context_use_then_list_marks_the_new_current_context() {
    let config = ConfigFile::new(TWO_CONTEXTS);
    esops()
        .env("ESOPS_CONFIG", config.path())
        .args(["context", "use", "b"])
        .run()
        .success()
        .stderr_has("current context is now `b`");
    let listed = esops().env("ESOPS_CONFIG", config.path()).args(["context", "list"]).run().success();
    let starred: Vec<&str> = listed.stdout.lines().filter(|l| l.trim_start().starts_with('*')).collect();
    assert_eq!(starred.len(), 1, "{}", listed.stdout);
    assert!(starred[0].contains(" b ") && starred[0].contains("http://b:9200"), "{}", listed.stdout);
}

#[test]
fn context_use_of_an_unknown_context_fails_listing_the_available_ones() {
    let config = ConfigFile::new(TWO_CONTEXTS);
    esops()
        .env("ESOPS_CONFIG", config.path())
        .args(["context", "use", "prod"])
        .run()
        .failure()
        .stderr_has("context `prod` is not defined in")
        .stderr_has("available: a, b");
    assert_eq!(config.read(), TWO_CONTEXTS);
}

#[test]
fn context_list_finds_the_file_in_the_default_location() {
    let run = esops();
    let dir = run.home().join(".config").join("esops");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.yaml"), TWO_CONTEXTS).unwrap();
    run.args(["context", "list", "-o", "json"]).run().success().stdout_has("\"name\": \"b\"");
}

#[test]
fn context_list_without_a_config_file_says_where_it_looked() {
    esops().args(["context", "list"]).run().success().stderr_has("no config file at");
}

#[test]
fn context_show_json_gives_each_value_and_source() {
    let config = ConfigFile::new(TWO_CONTEXTS);
    let out = esops()
        .env("ESOPS_CONFIG", config.path())
        .env("ES_API_KEY", CANARY)
        .args(["--context", "b", "context", "show", "-o", "json"])
        .run()
        .success()
        .nowhere(CANARY);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["context"]["source"], "--context");
    assert_eq!(doc["url"]["value"], "http://b:9200");
    assert_eq!(doc["auth"], serde_json::json!({ "value": "api key <redacted>", "source": "env ES_API_KEY" }));
}

#[test]
fn context_commands_never_print_an_inline_canary() {
    let config = ConfigFile::new(&format!(
        "current_context: c\ncontexts:\n  - name: c\n    url: https://u:{CANARY}@es:9200\n  - name: d\n    user: u\n    password: {CANARY}\n    password_env: ALSO\n"
    ));
    esops().env("ESOPS_CONFIG", config.path()).args(["context", "list"]).run().failure().nowhere(CANARY);
    let config = ConfigFile::new(&format!(
        "current_context: c\ncontexts:\n  - name: c\n    url: https://u:{CANARY}@es:9200\n  - name: d\n    password: {CANARY}\n"
    ));
    esops().env("ESOPS_CONFIG", config.path()).args(["context", "list"]).run().success().nowhere(CANARY);
    esops().env("ESOPS_CONFIG", config.path()).args(["context", "show"]).run().success().nowhere(CANARY);
    esops()
        .env("ESOPS_CONFIG", config.path())
        .args(["--context", "d", "context", "show"])
        .run()
        .failure()
        .stderr_has("password is set")
        .nowhere(CANARY);
}

#[test]
fn context_show_on_a_partly_broken_context_shows_the_rest_and_fails() {
    let config = ConfigFile::new(
        "current_context: prod\ncontexts:\n  - name: prod\n    url: https://es-prod:9200\n    api_key_env: PROD_KEY\n    timeout: 1m\n",
    );
    let out = esops().env("ESOPS_CONFIG", config.path()).args(["context", "show"]).run().code(1);
    let line = |setting: &str| out.stdout.lines().find(|l| l.starts_with(setting)).unwrap_or_default().to_string();
    assert!(line("url").contains("https://es-prod:9200"), "{}", out.stdout);
    assert!(line("timeout").contains("1m"), "{}", out.stdout);
    assert!(line("auth").contains("BROKEN") && line("auth").contains("PROD_KEY"), "{}", out.stdout);
    assert!(out.stderr.contains("error: ") && out.stderr.contains("PROD_KEY"), "{}", out.stderr);
    assert!(out.stderr.contains("cannot be used (auth)"), "{}", out.stderr);
}
