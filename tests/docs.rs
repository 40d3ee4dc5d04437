//! The docs cannot rot: every ```` ```console ```` block of `README.md` and of the book
//! (`docs/src/**/*.md`) is run here, and its output compared with what the page shows.
//!
//! How a page is run:
//! - Each page gets a fresh folder (HOME and the working directory) holding copies of `policies/`
//!   and `examples/`; its blocks run in order, like one terminal session.
//! - In a block, a line `$ COMMAND` (continued by lines ending in `\`) is run by `sh` with stderr
//!   merged into stdout; the lines after it, up to the next `$`, are its expected output. `$?` is the
//!   exit code of the previous command, so `$ echo $?` shows it.
//! - `<!-- test: esops sandbox FLAGS -->` (an HTML comment: invisible on the rendered page) starts
//!   `esops sandbox FLAGS` for the page, replacing one on the same address. It listens on a free port,
//!   with a frozen clock reading `--now` (default 2024-06-01T00:00:00Z), so that dates, ages and sizes
//!   are stable. The page is written as if it listened on `--listen` (default 127.0.0.1:9200):
//!   that address in commands and files is replaced by the real one, and the real one in the output
//!   by it. `ESOPS_URL` points at the first sandbox started (as `http://localhost:9200` on the page;
//!   `https://` for a `--tls` one). Several addresses make several sandboxes (a fleet's clusters);
//!   what they write (`--ca-cert-out ca.pem`) lands in the page's folder.
//! - `<!-- test: terminal ANSWER -->` runs the next console block's commands on a pseudo-terminal
//!   (`script`), typing ANSWER once a command waits at a prompt: confirmations as an operator sees them.
//! - `<!-- test: file PATH -->` writes the next fenced block of the page to PATH (in the page's
//!   folder) before the blocks after it run: a config file shown on the page is the one used.
//! - `<!-- test: env NAME=VALUE -->` sets a variable for the page's later commands; `env -NAME` unsets it.
//!
//! In expected output, `[..]` matches any text within a line, a line `...` any number of lines,
//! and `[ROOT]` is the page's folder. Trailing spaces are ignored. `cargo run --release --` (the
//! README's first command, on a fresh clone) runs the binary under test, as `esops` does. Examples
//! that cannot run here (a real cluster, an installer) are fenced ```` ```text ```` instead; a
//! `sh` fence is refused, so that no shell example goes unchecked.
//!
//! `ESOPS_BLESS=1 cargo test --test integration docs::` rewrites the output of every command that
//! does not match, only the lines that differ (see [`blessed`]); `ESOPS_DOCS_PAGE=tls` runs the
//! pages whose path contains `tls`.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use esops_core::connect::ENV_VARS;

const DEFAULT_NOW: &str = "2024-06-01T00:00:00Z";
const DEFAULT_ADDR: &str = "127.0.0.1:9200";
/// How long one command of a page may run.
const COMMAND_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every page of the book (not docs/pending/, which is folded in later).
fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = vec![root().join("README.md")];
    walk(&root().join("docs/src"), &mut out);
    out.sort();
    out
}

/// One `$ command` of a block: where it is, and what the page says it prints.
#[derive(Debug)]
struct Step {
    line: usize,
    command: String,
    /// Line range of the expected output in the page.
    output: std::ops::Range<usize>,
}

#[derive(Debug)]
enum Item {
    Sandbox {
        line: usize,
        flags: String,
    },
    File {
        path: String,
        content: String,
    },
    Env {
        name: String,
        value: Option<String>,
    },
    /// A console block; `terminal`: run on a terminal, typing this answer at its prompt.
    Block {
        steps: Vec<Step>,
        terminal: Option<String>,
    },
}

fn directive(line: &str) -> Option<&str> {
    line.trim().strip_prefix("<!-- test:").and_then(|rest| rest.strip_suffix("-->")).map(str::trim)
}

/// The fence of a line opening or closing a code block (its backticks and info string).
fn fence(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let ticks = trimmed.chars().take_while(|&c| c == '`').count();
    (ticks >= 3).then(|| (ticks, trimmed[ticks..].trim()))
}

fn parse(lines: &[&str], page: &Path) -> Vec<Item> {
    let mut items = Vec::new();
    let mut pending_file: Option<String> = None;
    let mut pending_terminal: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        if let Some(d) = directive(lines[i]) {
            if let Some(flags) = d.strip_prefix("esops sandbox") {
                items.push(Item::Sandbox { line: i + 1, flags: flags.trim().to_string() });
            } else if let Some(path) = d.strip_prefix("file ") {
                pending_file = Some(path.trim().to_string());
            } else if let Some(answer) = d.strip_prefix("terminal") {
                pending_terminal = Some(answer.trim().to_string());
            } else if let Some(var) = d.strip_prefix("env ") {
                let var = var.trim();
                let item = match var.strip_prefix('-') {
                    Some(name) => Item::Env { name: name.to_string(), value: None },
                    None => {
                        let (name, value) = var
                            .split_once('=')
                            .unwrap_or_else(|| panic!("{}:{}: `env NAME=VALUE` or `env -NAME`", page.display(), i + 1));
                        Item::Env { name: name.to_string(), value: Some(value.to_string()) }
                    }
                };
                items.push(item);
            } else {
                panic!("{}:{}: unknown test directive `{d}`", page.display(), i + 1);
            }
            i += 1;
            continue;
        }
        let Some((ticks, info)) = fence(lines[i]) else {
            i += 1;
            continue;
        };
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && !fence(lines[end]).is_some_and(|(t, rest)| t >= ticks && rest.is_empty()) {
            end += 1;
        }
        if let Some(path) = pending_file.take() {
            let mut content = lines[start..end].join("\n");
            content.push('\n');
            items.push(Item::File { path, content });
        } else if info == "console" {
            items.push(Item::Block { steps: steps(lines, start, end, page), terminal: pending_terminal.take() });
        }
        i = end + 1;
    }
    items
}

fn steps(lines: &[&str], start: usize, end: usize, page: &Path) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut i = start;
    while i < end {
        let line = lines[i];
        if let Some(command) = line.strip_prefix("$ ") {
            let first = i;
            let mut command = command.to_string();
            while command.ends_with('\\') && i + 1 < end {
                i += 1;
                command.push('\n');
                command.push_str(lines[i]);
            }
            steps.push(Step { line: first + 1, command, output: i + 1..i + 1 });
        } else {
            match steps.last_mut() {
                Some(step) => step.output.end = i + 1,
                None => panic!("{}:{}: a console block starts with `$ COMMAND`", page.display(), i + 1),
            }
        }
        i += 1;
    }
    steps
}

/// A sandbox started for a page: the address the page shows, and the one it really listens on.
struct Sandbox {
    shown: String,
    real: String,
    /// `http` or, for `--tls`, `https`.
    scheme: String,
    child: Child,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One page being run: its folder, sandboxes and environment.
struct Session {
    dir: tempfile::TempDir,
    sandboxes: Vec<Sandbox>,
    /// Variables set (or, `None`, unset) by `env` directives.
    env: Vec<(String, Option<String>)>,
    last_code: i32,
}

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_esops")).parent().unwrap().to_path_buf()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Session {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&root().join("policies"), &dir.path().join("policies"));
        copy_tree(&root().join("examples"), &dir.path().join("examples"));
        Session { dir, sandboxes: Vec::new(), env: Vec::new(), last_code: 0 }
    }

    fn command(&self, script: &str) -> Command {
        let mut cmd = Command::new("sh");
        let path = format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap_or_default());
        cmd.env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.path())
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .arg("-c")
            .arg(format!("exec 2>&1\n{script}"));
        if let Some(first) = self.sandboxes.first() {
            cmd.env("ESOPS_URL", first.real_url("localhost"));
        }
        for (name, value) in &self.env {
            match value {
                Some(value) => cmd.env(name, value),
                None => cmd.env_remove(name),
            };
        }
        cmd
    }

    /// Starts `esops sandbox FLAGS` on a free port, replacing one shown at the same address.
    fn start_sandbox(&mut self, flags: &str, page: &Path, line: usize) {
        let mut words: Vec<String> = flags.split_whitespace().map(str::to_string).collect();
        let shown = match words.iter().position(|w| w == "--listen") {
            Some(at) => {
                words.remove(at);
                words.remove(at)
            }
            None => DEFAULT_ADDR.to_string(),
        };
        if !words.iter().any(|w| w == "--now") {
            words.extend(["--now".to_string(), DEFAULT_NOW.to_string()]);
        }
        self.sandboxes.retain(|s| s.shown != shown);
        let script = format!("exec esops sandbox --listen 127.0.0.1:0 --frozen-clock {}", words.join(" "));
        let mut cmd = self.command(&script);
        cmd.env_remove("ESOPS_URL").stdout(Stdio::piped());
        let mut child = cmd.spawn().expect("start esops sandbox");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut seen = String::new();
        let url = loop {
            let mut line_text = String::new();
            if out.read_line(&mut line_text).unwrap_or(0) == 0 {
                panic!("{}:{line}: `esops sandbox {flags}` did not start:\n{seen}", page.display());
            }
            seen.push_str(&line_text);
            if let Some(at) = line_text.find("listening on ") {
                break line_text[at + "listening on ".len()..].trim().to_string();
            }
        };
        // Keep reading what it prints, so that it never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = out.read_to_end(&mut sink);
        });
        let (scheme, real) = url.split_once("://").unwrap();
        let (scheme, real) = (scheme.to_string(), real.to_string());
        self.sandboxes.push(Sandbox { shown, real, scheme, child });
    }

    /// The page's text made real: shown addresses become the sandboxes' real ones, and the
    /// README's `cargo run --release --` (on a fresh clone) the binary being tested.
    fn to_real(&self, text: &str) -> String {
        let mut text = text.replace("cargo run --release -- ", "esops ");
        for s in &self.sandboxes {
            let (shown_port, real_port) = (port(&s.shown), port(&s.real));
            for host in ["127.0.0.1", "localhost"] {
                text = text.replace(&format!("{host}:{shown_port}"), &format!("{host}:{real_port}"));
            }
        }
        text
    }

    /// Real output made stable: the sandboxes' real addresses become the shown ones, the page's
    /// folder `[ROOT]`.
    fn to_shown(&self, text: &str) -> String {
        let mut text = text.to_string();
        for s in &self.sandboxes {
            let (shown_port, real_port) = (port(&s.shown), port(&s.real));
            for host in ["127.0.0.1", "localhost"] {
                let (real, shown) = (format!("{host}:{real_port}"), format!("{host}:{shown_port}"));
                // In a table (two spaces or more after it), the column stays aligned.
                let padded = format!("{shown}{}  ", " ".repeat(real.len().saturating_sub(shown.len())));
                text = text.replace(&format!("{real}  "), &padded).replace(&real, &shown);
            }
        }
        let dir = self.dir.path();
        if let Ok(canonical) = dir.canonicalize() {
            text = text.replace(&canonical.display().to_string(), "[ROOT]");
        }
        text.replace(&dir.display().to_string(), "[ROOT]")
    }

    /// Runs one command of the page; one still running after [`COMMAND_LIMIT`] (a server started
    /// in the foreground) is stopped with everything it started, and reported. With `terminal`, it
    /// runs on a terminal (a pseudo-terminal of `script`), and that answer is typed once it waits
    /// at a prompt (output that stops without a newline).
    fn run(&mut self, command: &str, terminal: Option<&str>) -> Vec<String> {
        use std::io::Write as _;
        use std::os::unix::process::CommandExt as _;
        use std::sync::{Arc, Mutex};
        let real = self.to_real(command);
        let script = match terminal {
            None => format!("(exit {})\n{real}", self.last_code),
            // A terminal of 100 columns, as wide as a page of the book shows.
            Some(_) => "exec script -qec 'stty cols 100 rows 50; sh -c \"$ESOPS_DOCS_COMMAND\"' /dev/null".to_string(),
        };
        let mut cmd = self.command(&script);
        cmd.env("ESOPS_DOCS_COMMAND", format!("(exit {})\n{real}", self.last_code));
        if terminal.is_some() {
            cmd.stdin(Stdio::piped());
        }
        let mut child = cmd.stdout(Stdio::piped()).process_group(0).spawn().expect("run sh");
        let mut stdin = child.stdin.take();
        let mut stdout = child.stdout.take().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let reader = std::thread::spawn({
            let output = Arc::clone(&output);
            move || {
                let mut chunk = [0u8; 4096];
                while let Ok(n) = stdout.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    output.lock().unwrap().extend_from_slice(&chunk[..n]);
                }
            }
        });
        let started = std::time::Instant::now();
        let mut last_change = (0, std::time::Instant::now());
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for sh") {
                break Some(status);
            }
            if started.elapsed() > COMMAND_LIMIT {
                let _ = Command::new("kill").arg("--").arg(format!("-{}", child.id())).status();
                let _ = child.wait();
                break None;
            }
            if let (Some(answer), Some(mut input)) = (terminal, stdin.take()) {
                let bytes = output.lock().unwrap().clone();
                if bytes.len() != last_change.0 {
                    last_change = (bytes.len(), std::time::Instant::now());
                }
                let waiting = !bytes.is_empty() && !bytes.ends_with(b"\n") && !bytes.ends_with(b"\r");
                if waiting && last_change.1.elapsed() > std::time::Duration::from_millis(300) {
                    let _ = writeln!(input, "{answer}");
                } else {
                    stdin = Some(input);
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        drop(stdin);
        reader.join().unwrap();
        let bytes = std::mem::take(&mut *output.lock().unwrap());
        self.last_code = status.and_then(|s| s.code()).unwrap_or(-1);
        let mut text = self.to_shown(&String::from_utf8_lossy(&bytes));
        if status.is_none() {
            text.push_str(&format!("\n(still running after {COMMAND_LIMIT:?}: stopped by tests/docs.rs)"));
        }
        // What a terminal shows of a line redrawn with carriage returns (a progress bar): its end.
        text.lines()
            .map(|l| {
                let l = l.trim_end();
                l.rsplit('\r').next().unwrap_or(l).trim_end().to_string()
            })
            .collect()
    }
}

impl Sandbox {
    fn real_url(&self, host: &str) -> String {
        format!("{}://{host}:{}", self.scheme, port(&self.real))
    }
}

fn port(addr: &str) -> &str {
    addr.rsplit(':').next().unwrap()
}

/// Whether one expected line matches an actual one: `[..]` stands for any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || !actual[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether the expected lines match the actual ones: a line `...` stands for any number of lines.
fn lines_match(expected: &[&str], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"...", rest)) => (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..])),
        Some((line, rest)) => {
            actual.first().is_some_and(|a| line_matches(line.trim_end(), a)) && lines_match(rest, &actual[1..])
        }
    }
}

/// What a blessed block shows: the actual output, keeping every line of the page that matched its
/// actual line (through `[..]` too: a random port stays `[..]`) and every `...`, which goes on
/// standing for the lines it covers. The page and the actual output are aligned as a diff aligns
/// them, writing as few actual lines as it can, so that a line added or removed does not make the
/// lines around it literal.
fn blessed(expected: &[&str], actual: &[String]) -> Vec<String> {
    #[derive(Clone, Copy, PartialEq)]
    enum Step {
        /// The page's line matches the actual one: it stays.
        Keep,
        /// The page's `...` ends here: it stays.
        DotsEnd,
        /// The page's line is replaced by the actual one.
        Replace,
        /// The actual line is added.
        Add,
        /// The page's `...` covers the actual line.
        Cover,
        /// The page's line goes.
        Drop,
    }
    let (n, m) = (expected.len(), actual.len());
    let dots = |i: usize| expected[i].trim_end() == "...";
    // cost[i][j]: what aligning expected[i..] with actual[j..] costs at best: an actual line written
    // costs 1, a page line lost 2 (so that a page line goes only when the actual output lost it).
    let mut cost = vec![vec![usize::MAX; m + 1]; n + 1];
    let mut choice = vec![vec![Step::Drop; m + 1]; n + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            if i == n && j == m {
                cost[i][j] = 0;
                continue;
            }
            // In order of preference when two cost the same.
            let mut options: Vec<(Step, usize)> = Vec::new();
            if i < n && j < m && !dots(i) && line_matches(expected[i].trim_end(), &actual[j]) {
                options.push((Step::Keep, cost[i + 1][j + 1]));
            }
            if i < n && dots(i) {
                options.push((Step::DotsEnd, cost[i + 1][j]));
            }
            if i < n && j < m && !dots(i) {
                options.push((Step::Replace, 2 + cost[i + 1][j + 1]));
            }
            if j < m {
                options.push((Step::Add, 1 + cost[i][j + 1]));
            }
            if i < n && j < m && dots(i) {
                options.push((Step::Cover, cost[i][j + 1]));
            }
            if i < n && !dots(i) {
                options.push((Step::Drop, 2 + cost[i + 1][j]));
            }
            let best = options.iter().map(|&(_, c)| c).min().unwrap();
            cost[i][j] = best;
            choice[i][j] = options.iter().find(|&&(_, c)| c == best).unwrap().0;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        match choice[i][j] {
            Step::Keep | Step::DotsEnd => out.push(expected[i].to_string()),
            Step::Replace | Step::Add => out.push(actual[j].clone()),
            Step::Cover | Step::Drop => {}
        }
        match choice[i][j] {
            Step::Keep | Step::Replace => (i, j) = (i + 1, j + 1),
            Step::DotsEnd | Step::Drop => i += 1,
            Step::Add | Step::Cover => j += 1,
        }
    }
    out
}

/// Runs one page; returns its failures, and the page rewritten when blessing.
fn run_page(page: &Path, bless: bool) -> (Vec<String>, Option<String>) {
    let text = std::fs::read_to_string(page).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let items = parse(&lines, page);
    if !items.iter().any(|i| matches!(i, Item::Block { .. })) {
        return (Vec::new(), None);
    }
    let mut session = Session::new();
    let mut failures = Vec::new();
    let mut replacements: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    let name = page.strip_prefix(root()).unwrap_or(page).display().to_string();
    for item in items {
        match item {
            Item::Sandbox { line, flags } => session.start_sandbox(&flags, page, line),
            Item::File { path, content } => {
                let target = session.dir.path().join(path);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(target, session.to_real(&content)).unwrap();
            }
            Item::Env { name, value } => {
                session.env.retain(|(n, _)| *n != name);
                session.env.push((name, value));
            }
            Item::Block { steps, terminal } => {
                for step in steps {
                    let actual = session.run(&step.command, terminal.as_deref());
                    let expected = &lines[step.output.clone()];
                    if lines_match(expected, &actual) {
                        continue;
                    }
                    if bless {
                        replacements.push((step.output.clone(), blessed(expected, &actual)));
                    } else {
                        failures.push(format!(
                            "{name}:{}: $ {}\n--- the page shows\n{}\n--- it printed\n{}\n",
                            step.line,
                            step.command,
                            expected.join("\n"),
                            actual.join("\n")
                        ));
                    }
                }
            }
        }
    }
    if replacements.is_empty() {
        return (failures, None);
    }
    let mut out: Vec<String> = Vec::new();
    let mut at = 0;
    for (range, new) in replacements {
        out.extend(lines[at..range.start].iter().map(|l| l.to_string()));
        out.extend(new);
        at = range.end;
    }
    out.extend(lines[at..].iter().map(|l| l.to_string()));
    (failures, Some(out.join("\n") + "\n"))
}

#[test]
fn every_console_example_prints_what_the_docs_show() {
    if std::env::var_os("ESOPS_TEST_URL").is_some() {
        eprintln!("skipped: the docs' examples run against sandboxes started for each page");
        return;
    }
    let bless = std::env::var_os("ESOPS_BLESS").is_some();
    // `ESOPS_DOCS_PAGE=tls` runs the pages whose path has that in it.
    let only = std::env::var("ESOPS_DOCS_PAGE").unwrap_or_default();
    let pages: Vec<PathBuf> = pages().into_iter().filter(|p| p.display().to_string().contains(&only)).collect();
    // A few pages at a time: each starts its own sandboxes and runs the real binary.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<&[PathBuf]> = pages.chunks(pages.len().div_ceil(3).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for page in chunk {
                        let (mut f, rewritten) = run_page(page, bless);
                        failures.append(&mut f);
                        if let Some(text) = rewritten {
                            std::fs::write(page, text).unwrap();
                        }
                    }
                    failures
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(
        failures.is_empty(),
        "{} example(s) no longer print what the docs show (ESOPS_BLESS=1 cargo test --test integration docs:: \
         rewrites them; review the diff):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Shell examples are either run (`console`) or marked as not runnable here (`text`): a `sh`
/// block would be an example nobody checks.
#[test]
fn every_shell_example_is_run_or_marked_as_not_runnable() {
    let mut unchecked = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for (n, line) in text.lines().enumerate() {
            if let Some((_, info)) = fence(line)
                && matches!(info, "sh" | "bash" | "shell" | "zsh" | "shell-session")
            {
                unchecked.push(format!("{}:{}: ```{info}", page.display(), n + 1));
            }
        }
    }
    assert!(
        unchecked.is_empty(),
        "shell examples must be ```console (run by tests/docs.rs) or ```text (cannot run here):\n{}",
        unchecked.join("\n")
    );
}

#[test]
fn the_runner_matches_placeholders() {
    assert!(line_matches("url http://localhost:[..] (env ESOPS_URL)", "url http://localhost:9200 (env ESOPS_URL)"));
    assert!(!line_matches("a [..] c", "a b d"));
    assert!(line_matches("[..]", ""));
    let actual: Vec<String> = ["one", "two", "three"].iter().map(|s| s.to_string()).collect();
    assert!(lines_match(&["one", "...", "three"], &actual));
    assert!(lines_match(&["...", "three"], &actual));
    assert!(!lines_match(&["one", "three"], &actual));
    assert!(!lines_match(&["one", "...", "four"], &actual));
    assert_eq!(blessed(&["one", "t[..]", "x"], &actual), ["one", "t[..]", "three"]);
}

fn strings(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|s| s.to_string()).collect()
}

/// Blessing rewrites only the lines that differ: one matched through a placeholder stays as the
/// page wrote it, even when lines were added or removed around it.
#[test]
fn blessing_keeps_the_lines_that_matched() {
    let page = ["url http://127.0.0.1:[..]", "status green", "took [..]ms"];
    // A line added in the middle: the placeholders stay, the new line is written.
    let actual = strings(&["url http://127.0.0.1:41234", "status green", "nodes 1", "took 12ms"]);
    let out = blessed(&page, &actual);
    assert_eq!(out, ["url http://127.0.0.1:[..]", "status green", "nodes 1", "took [..]ms"]);
    assert!(lines_match(&out.iter().map(String::as_str).collect::<Vec<_>>(), &actual));
    // A line removed, one changed.
    let actual = strings(&["url http://127.0.0.1:41234", "took 12ms", "done"]);
    assert_eq!(blessed(&page, &actual), ["url http://127.0.0.1:[..]", "took [..]ms", "done"]);
    // A changed line next to a placeholder line: only it is rewritten.
    let actual = strings(&["url http://127.0.0.1:41234", "status yellow", "took 3ms"]);
    assert_eq!(blessed(&page, &actual), ["url http://127.0.0.1:[..]", "status yellow", "took [..]ms"]);
    // `...` keeps standing for the lines it covers; a new last line is written.
    let page = ["first", "...", "last [..]"];
    let actual = strings(&["first", "a", "b", "last 7", "after"]);
    let out = blessed(&page, &actual);
    assert_eq!(out, ["first", "...", "last [..]", "after"]);
    assert!(lines_match(&out.iter().map(String::as_str).collect::<Vec<_>>(), &actual));
    // Nothing of the page matches: the actual output.
    assert_eq!(blessed(&["x", "y"], &strings(&["a"])), ["a"]);
}

// The environment-variable table of the connection page is generated from the code
// (`esops_core::connect::ENV_VARS`); `ESOPS_BLESS=1` regenerates it.

const ENV_TABLE_PAGE: &str = "docs/src/connecting.md";
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
fn the_environment_table_matches_the_code() {
    let path = root().join(ENV_TABLE_PAGE);
    let page = std::fs::read_to_string(&path).unwrap();
    let start = page.find(START).expect("the page has the env-table:start marker") + START.len();
    let end = page.find(END).expect("the page has the env-table:end marker");
    let expected = env_table();
    if std::env::var_os("ESOPS_BLESS").is_some() {
        std::fs::write(&path, format!("{}{}{}", &page[..start], expected, &page[end..])).unwrap();
        return;
    }
    assert_eq!(
        &page[start..end],
        expected,
        "{ENV_TABLE_PAGE}'s environment table is out of date: run `ESOPS_BLESS=1 cargo test --test integration docs::`"
    );
}
