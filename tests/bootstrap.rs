//! `esops bootstrap` end to end, under a unique prefix: a write alias and a data stream from the
//! cluster's templates or a declared tree, and each refusal (name owned, no template, a template
//! that would break the rollover, a declared template not yet applied). Runs against the sandbox,
//! or a real cluster with `ESOPS_TEST_URL`.

use crate::common::{Outcome, Scoped, esops, write_file};
use serde_json::{Value, json};

crate::common::scoped_fixture!();

impl Fixture {
    /// A rolling policy, an alias template `PREFIX-app-*` and a data stream template
    /// `PREFIX-ds-*-*`, both attaching it.
    fn new(tag: &str) -> Self {
        let f = Fixture(Scoped::start("bootstrap", tag));
        f.request(
            "PUT",
            &format!("/_ilm/policy/{}", f.name("rolling")),
            Some(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_age": "1d"}}}}}})),
        );
        let settings = json!({"index.lifecycle.name": f.name("rolling"), "number_of_replicas": 0});
        f.template(
            "app",
            json!({"index_patterns": [f.name("app-*")], "priority": 500, "template": {"settings": settings}}),
        );
        f.template(
            "ds",
            json!({"index_patterns": [f.name("ds-*-*")], "priority": 500, "data_stream": {}, "template": {"settings": settings}}),
        );
        f
    }

    fn template(&self, rest: &str, body: Value) {
        self.request("PUT", &format!("/_index_template/{}", self.name(rest)), Some(body));
    }

    fn esops(&self, args: &[&str]) -> Outcome {
        esops().against(&self.cluster).args(args).run()
    }

    fn status(&self, path: &str) -> u16 {
        self.cluster.raw("GET", path, None).0
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        let _ = self.cluster.raw("DELETE", &format!("/_data_stream/{}", self.name("ds-*")), None);
        let _ = self.cluster.raw("DELETE", &format!("/{}", self.name("app-*")), None);
        for t in ["app", "ds", "aliased", "declared"] {
            let _ = self.cluster.raw("DELETE", &format!("/_index_template/{}", self.name(t)), None);
        }
        let _ = self.cluster.raw("DELETE", &format!("/_ilm/policy/{}", self.name("rolling")), None);
    }
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_rollover_template_gives_the_first_index_and_its_write_alias() {
    let f = Fixture::new("alias");
    let name = f.name("app-orders");
    let first = format!("{name}-000001");
    let dry = f.esops(&["bootstrap", &name]).success();
    let text = flat(&dry.stdout);
    assert!(
        text.contains(&format!(
            "{name}: index {first} with write alias {name} and index.lifecycle.rollover_alias {name}"
        )),
        "{text}"
    );
    assert!(dry.stderr.contains("dry run: nothing was created"), "{}", dry.stderr);
    assert_eq!(f.status(&format!("/{first}")), 404, "a dry run creates nothing");

    let refused = f.esops(&["bootstrap", &name, "--execute"]).failure();
    assert!(refused.stderr.contains("pass --yes to bootstrap"), "{}", refused.stderr);

    let out = f.esops(&["bootstrap", &name, "--execute", "--yes"]).success();
    assert!(flat(&out.stdout).contains(&format!("{name}: created {first} as its write index")), "{}", out.stdout);
    let alias = f.request("GET", &format!("/_alias/{name}"), None);
    assert_eq!(alias[&first]["aliases"][&name]["is_write_index"], true, "{alias}");
    let settings = f.request("GET", &format!("/{first}/_settings?flat_settings=true"), None);
    assert_eq!(settings[&first]["settings"]["index.lifecycle.rollover_alias"], json!(name));

    let again = f.esops(&["bootstrap", &name, "--execute", "--yes"]).failure();
    assert!(
        flat(&again.stdout).contains(&format!("REFUSED: `{name}` is already an alias (of {first})")),
        "{}",
        again.stdout
    );
}

#[test]
fn a_data_stream_template_gives_the_data_stream() {
    let f = Fixture::new("ds");
    let name = f.name("ds-app-default");
    let out = f.esops(&["bootstrap", &name, "--execute", "--yes", "-o", "json"]).success();
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let entry = &doc["names"][0];
    assert_eq!((entry["plan"]["kind"].as_str(), doc["executed"].as_bool()), (Some("data_stream"), Some(true)));
    let backing = entry["created"][0].as_str().unwrap();
    assert!(backing.starts_with(&format!(".ds-{name}-")), "{doc}");
    assert_eq!(f.status(&format!("/_data_stream/{name}")), 200);
    let again = f.esops(&["bootstrap", &name]).failure();
    assert!(flat(&again.stdout).contains("is already a data stream"), "{}", again.stdout);
}

#[test]
fn names_owned_or_without_a_template_are_refused_and_nothing_is_created() {
    let f = Fixture::new("refuse");
    let taken = f.name("app-taken");
    f.request("PUT", &format!("/{taken}"), Some(json!({"settings": {"number_of_replicas": 0}})));
    let nothing = f.name("nothing");
    let first_taken = f.name("app-first");
    f.request("PUT", &format!("/{first_taken}-000001"), Some(json!({"settings": {"number_of_replicas": 0}})));
    let out = f.esops(&["bootstrap", &taken, &nothing, &first_taken, "Upper", "--execute", "--yes"]).failure();
    let text = flat(&out.stdout);
    assert!(text.contains(&format!("{taken}: REFUSED: `{taken}` is already an index")), "{text}");
    assert!(text.contains(&format!("{first_taken}: REFUSED: `{first_taken}-000001` already exists")), "{text}");
    assert!(text.contains("Upper: REFUSED: `Upper` cannot name an alias or data stream: it has upper-case letters"));
    // On a shared real cluster a catch-all template may match; on the sandbox none does.
    if !f.cluster.is_real() {
        assert!(text.contains(&format!("REFUSED: no index template matches `{nothing}-000001`")), "{text}");
    }
    assert!(out.stderr.contains("nothing was created"), "{}", out.stderr);
}

#[test]
fn a_template_whose_rollover_alias_is_another_is_refused() {
    let f = Fixture::new("aliased");
    f.template(
        "aliased",
        json!({"index_patterns": [f.name("web-*")], "priority": 500, "template": {"settings": {
            "index.lifecycle.name": f.name("rolling"), "index.lifecycle.rollover_alias": f.name("web-other")}}}),
    );
    let out = f.esops(&["bootstrap", &f.name("web-a")]).failure();
    assert!(flat(&out.stdout).contains(&format!(
        "rollover_alias to [{}], not [{}]",
        f.name("web-other"),
        f.name("web-a")
    )));
    // A data stream template matching NAME-000001 but not NAME: ES would refuse the index.
    let out = f.esops(&["bootstrap", &f.name("ds-x")]).failure();
    assert!(flat(&out.stdout).contains("creates data streams for"), "{}", out.stdout);
}

#[test]
fn a_declared_template_must_be_applied_first() {
    let f = Fixture::new("declared");
    let dir = tempfile::tempdir().unwrap();
    let tree = format!(
        "kind: ilm_policy\nname: {policy}\nphases:\n  hot: {{until: 7d, rollover: {{max_age: 1d}}}}\n  delete: true\n---\n\
         kind: index_template\nname: {}\nindex_patterns: [\"{}\"]\npriority: 600\ntemplate:\n  settings:\n    \
         index.lifecycle.name: {policy}\n    index.lifecycle.rollover_alias: {}\n",
        f.name("declared"),
        f.name("svc-*"),
        f.name("svc-a"),
        policy = f.name("rolling")
    );
    write_file(dir.path(), "templates.yaml", &tree);
    let path = dir.path().to_str().unwrap();
    let name = f.name("svc-a");
    let out = f.esops(&["bootstrap", &name, "-f", path]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(flat(&out.stdout).contains("is declared but not on the cluster"), "{}\n{}", out.stdout, out.stderr);
    f.esops(&["apply", path, "--yes"]).success();
    let ok = f.esops(&["bootstrap", &name, "-f", path]).success();
    assert!(flat(&ok.stdout).contains(&format!("template {}", f.name("declared"))), "{}", ok.stdout);
}
