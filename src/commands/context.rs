//! `esops context list | use NAME | show`: the named clusters of the config file.

use std::path::Path;

use crate::cli::{ContextCommand, DocumentFormat};
use esops_core::connect::{
    self, ConfigFile, ConnectError, ConnectionFlags, ContextSummary, EnvLookup, SettingLine, SettingSource,
};
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;
use esops_core::render;

/// Runs `esops context …`. `config_path` is the file chosen by [`connect::config_path`].
pub fn run(
    cmd: &ContextCommand,
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config_path: Option<&Path>,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    match cmd {
        ContextCommand::List { output } => list(flags, env, config_path, *output, printer),
        ContextCommand::Use { name } => use_context(name, flags, env, config_path, printer),
        ContextCommand::Show { output } => show(flags, env, config_path, *output, printer),
    }
}

fn list(
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config_path: Option<&Path>,
    output: DocumentFormat,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let config = match config_path {
        Some(path) => ConfigFile::load(path)?,
        None => None,
    };
    let rows = match &config {
        Some(config) => {
            let current = connect::requested_context(flags, env, Some(config));
            if let Some((name, source)) = &current
                && config.context(name).is_none()
            {
                printer.warn(&format!("context `{name}` ({source}) is not defined in {}", config.path.display()));
            }
            connect::summarize_contexts(config, current.as_ref().map(|(name, _)| name.as_str()))
        }
        None => {
            let place =
                config_path.map_or("(neither ESOPS_CONFIG nor HOME is set)".into(), |p| p.display().to_string());
            printer.status(&format!("no config file at {place}; see docs/src/connecting.md (Contexts) for its format"));
            Vec::new()
        }
    };
    match super::document(&rows, output)? {
        Some(doc) => printer.data(&doc)?,
        None if rows.is_empty() => {}
        None => printer.data(&contexts_table(&rows, printer.stdout_is_terminal()))?,
    }
    Ok(ExitStatus::Success)
}

fn contexts_table(rows: &[ContextSummary], terminal: bool) -> String {
    let mut table = render::table(&["CURRENT", "NAME", "ENDPOINT", "AUTH"], terminal);
    render::keep_whole(&mut table, &[1, 2]);
    for row in rows {
        table.add_row(vec![if row.current { "*" } else { "" }, &row.name, &row.endpoint, &row.auth]);
    }
    render::table_text(&mut table)
}

fn use_context(
    name: &str,
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config_path: Option<&Path>,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let no_file = || ConnectError::NoConfigFile {
        name: name.to_string(),
        requested_by: None,
        path: config_path.map(Path::to_path_buf),
    };
    let config = ConfigFile::load(config_path.ok_or_else(no_file)?)?.ok_or_else(no_file)?;
    config.set_current_context(name)?;
    printer.status(&format!("current context is now `{name}` ({})", config.path.display()));
    // The file changed, but a flag or variable may still pick another context for this run/shell.
    if let Some((other, source @ (SettingSource::Flag(_) | SettingSource::Env(_)))) =
        connect::requested_context(flags, env, Some(&config))
        && other != name
    {
        printer.warn(&format!("{source} selects `{other}`, which overrides current_context"));
    }
    Ok(ExitStatus::Success)
}

/// Every setting esops would use, and where it comes from. A broken setting (a secret file that
/// is missing, a bad URL in the context) does not hide the others: it is shown as BROKEN with its
/// problem, each problem is reported as an error, and the run exits 1.
fn show(
    flags: &ConnectionFlags,
    env: EnvLookup<'_>,
    config_path: Option<&Path>,
    output: DocumentFormat,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let conn = connect::resolve_each(flags, env, config_path)?;
    for warning in &conn.warnings {
        printer.warn(warning);
    }
    let lines = connect::describe(&conn, env, config_path);
    let document: serde_json::Map<String, serde_json::Value> = lines
        .iter()
        .map(|l| (l.setting.to_string(), serde_json::json!({ "value": l.value, "source": l.source })))
        .collect();
    match super::document(&document, output)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&settings_text(&lines))?,
    }
    let problems = conn.problems();
    if problems.is_empty() {
        return Ok(ExitStatus::Success);
    }
    for (_, problem) in &problems {
        printer.error(&problem.to_string(), None);
    }
    let settings: Vec<&str> = problems.iter().map(|(setting, _)| *setting).collect();
    printer.status(&format!(
        "{} of the settings above cannot be used ({}): commands against this cluster fail until it is fixed",
        settings.len(),
        settings.join(", ")
    ));
    Ok(ExitStatus::Failure)
}

/// `setting  value  (source)`, aligned in columns.
fn settings_text(lines: &[SettingLine]) -> String {
    let name_width = lines.iter().map(|l| l.setting.len()).max().unwrap_or(0) + 2;
    let value_width = lines.iter().map(|l| l.value.chars().count()).max().unwrap_or(0) + 3;
    lines.iter().map(|l| format!("{:<name_width$}{:<value_width$}({})\n", l.setting, l.value, l.source)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_aligned_with_their_source() {
        let lines = [
            SettingLine { setting: "context", value: "prod".into(), source: "--context".into() },
            SettingLine { setting: "timeout", value: "30s".into(), source: "default".into() },
        ];
        assert_eq!(settings_text(&lines), "context  prod   (--context)\ntimeout  30s    (default)\n");
    }

    #[test]
    fn the_current_context_is_starred() {
        let rows = [
            ContextSummary {
                current: false,
                name: "dev".into(),
                endpoint: "http://localhost:9200".into(),
                auth: "none".into(),
            },
            ContextSummary {
                current: true,
                name: "prod".into(),
                endpoint: "https://es:9200".into(),
                auth: "api key, env K".into(),
            },
        ];
        let text = contexts_table(&rows, false);
        let prod = text.lines().find(|l| l.contains("prod")).unwrap();
        assert!(prod.trim_start().starts_with('*'), "{text}");
        assert!(!text.lines().find(|l| l.contains("dev")).unwrap().contains('*'));
    }
}
