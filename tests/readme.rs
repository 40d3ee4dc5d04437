//! The README stays true to the code: its environment-variable table is generated from
//! `esops_core::connect::ENV_VARS`. Regenerate with `ESOPS_BLESS=1 cargo test --test integration readme::`.

use std::path::Path;

use esops_core::connect::ENV_VARS;

const START: &str = "<!-- env-table:start -->\n";
const END: &str = "<!-- env-table:end -->";

fn env_table() -> String {
    let mut out = String::from("| variable | fallbacks | what |\n|---|---|---|\n");
    for var in ENV_VARS {
        let fallbacks = if var.fallbacks.is_empty() {
            "—".to_string()
        } else {
            var.fallbacks.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
        };
        out.push_str(&format!("| `{}` | {} | {} |\n", var.name, fallbacks, var.meaning));
    }
    out
}

#[test]
fn readme_env_table_matches_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("README has the env-table:start marker") + START.len();
    let end = readme.find(END).expect("README has the env-table:end marker");
    let expected = env_table();
    if std::env::var_os("ESOPS_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "README's environment table is out of date: run `ESOPS_BLESS=1 cargo test --test integration readme::`"
    );
}
