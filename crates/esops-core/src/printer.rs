//! All output goes through one [`Printer`]: data on stdout, messages on stderr, colour only on a
//! terminal (or when asked), nothing but errors and warnings with `-q`.

use std::io::{self, Write};
use std::sync::{Arc, RwLock};

use crate::es::redact::Redactor;

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    /// Colour when the stream is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always emit ANSI colour codes.
    Always,
    /// Never emit ANSI colour codes.
    Never,
}

/// How much esops says on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `-q`: errors and warnings only.
    Quiet,
    /// Default: progress messages too.
    Normal,
    /// `-v`: one line per HTTP request.
    Verbose,
    /// `-vv`: request and response bodies too (secrets redacted).
    Trace,
}

impl Verbosity {
    /// From the `-v` count and the `-q` flag.
    pub fn from_flags(verbose: u8, quiet: bool) -> Self {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, 0) => Verbosity::Normal,
            (false, 1) => Verbosity::Verbose,
            (false, _) => Verbosity::Trace,
        }
    }
}

/// Styles used across esops's output, so that colours mean the same thing everywhere.
pub mod styles {
    use super::*;
    /// Errors, deletions, failed checks.
    pub const BAD: Style = AnsiColor::Red.on_default().bold();
    /// Warnings, updates.
    pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
    /// Success, creations.
    pub const GOOD: Style = AnsiColor::Green.on_default();
    /// Hints and secondary text.
    pub const DIM: Style = Style::new().dimmed();
    /// Headings and names.
    pub const BOLD: Style = Style::new().bold();
}

struct PrinterInner {
    verbosity: Verbosity,
    stdout_choice: ColorChoice,
    stderr_choice: ColorChoice,
    stdout_is_terminal: bool,
    stderr_is_terminal: bool,
    /// The width messages on stderr are wrapped at: the terminal's, when stderr is one.
    stderr_width: Option<usize>,
    /// Secrets of the connections in use: blanked from everything printed, whatever path a
    /// server's echo took to get here (a cluster name, an error, a table cell).
    secrets: RwLock<Redactor>,
    /// For one cluster of a fleet run: the label its stderr lines start with, and the buffer
    /// that collects its stdout for the combined report.
    cluster: Option<ClusterOutput>,
}

struct ClusterOutput {
    label: String,
    stdout: std::sync::Mutex<String>,
}

/// The one writer of esops's output. Cheap to clone.
#[derive(Clone)]
pub struct Printer {
    inner: Arc<PrinterInner>,
}

impl Printer {
    /// A printer for this process's stdout and stderr.
    pub fn new(color: ColorMode, verbosity: Verbosity) -> Self {
        use std::io::IsTerminal;
        let choose = |auto: ColorChoice| match color {
            ColorMode::Always => ColorChoice::AlwaysAnsi,
            ColorMode::Never => ColorChoice::Never,
            ColorMode::Auto => auto,
        };
        Printer {
            inner: Arc::new(PrinterInner {
                verbosity,
                stdout_choice: choose(AutoStream::choice(&io::stdout())),
                stderr_choice: choose(AutoStream::choice(&io::stderr())),
                stdout_is_terminal: io::stdout().is_terminal(),
                stderr_is_terminal: io::stderr().is_terminal(),
                stderr_width: crate::render::terminal_width(io::stderr().is_terminal()),
                secrets: RwLock::new(Redactor::default()),
                cluster: None,
            }),
        }
    }

    /// A printer for one cluster of a fleet run: its data is kept (see [`Self::take_data`]) for
    /// the combined report, its messages go to stderr at once, each line starting with `[label] `
    /// (clusters run concurrently, so their lines interleave). No progress bars, no prompts.
    pub fn for_cluster(&self, label: &str) -> Printer {
        Printer {
            inner: Arc::new(PrinterInner {
                verbosity: self.inner.verbosity,
                stdout_choice: self.inner.stdout_choice,
                stderr_choice: self.inner.stderr_choice,
                stdout_is_terminal: false,
                stderr_is_terminal: false,
                stderr_width: None,
                secrets: RwLock::new(self.inner.secrets.read().unwrap_or_else(|p| p.into_inner()).clone()),
                cluster: Some(ClusterOutput { label: label.to_string(), stdout: std::sync::Mutex::new(String::new()) }),
            }),
        }
    }

    /// The data a [`Self::for_cluster`] printer has kept so far, leaving it empty.
    pub fn take_data(&self) -> String {
        match &self.inner.cluster {
            Some(cluster) => std::mem::take(&mut *cluster.stdout.lock().unwrap_or_else(|p| p.into_inner())),
            None => String::new(),
        }
    }

    /// The verbosity in force.
    pub fn verbosity(&self) -> Verbosity {
        self.inner.verbosity
    }

    /// True when stdout is a terminal (tables may use its width; prompts are possible).
    pub fn stdout_is_terminal(&self) -> bool {
        self.inner.stdout_is_terminal
    }

    /// True when progress bars may be drawn: stderr is a terminal and esops is not quiet.
    pub fn can_show_progress(&self) -> bool {
        self.inner.stderr_is_terminal && self.inner.verbosity >= Verbosity::Normal
    }

    /// True when stdout gets ANSI colour.
    pub fn stdout_has_color(&self) -> bool {
        self.inner.stdout_choice != ColorChoice::Never
    }

    /// True when stderr gets ANSI colour.
    pub fn stderr_has_color(&self) -> bool {
        self.inner.stderr_choice != ColorChoice::Never
    }

    /// Draws a progress bar on stderr, redrawn in place, when [`Self::can_show_progress`] (a
    /// terminal, not `-q`); nothing otherwise, so logs and pipes stay clean. The bar ends its line
    /// when `done == total`.
    pub fn progress(&self, label: &str, done: u64, total: u64) {
        if !self.can_show_progress() {
            return;
        }
        let mut err = AutoStream::new(io::stderr().lock(), self.inner.stderr_choice);
        let end = if done >= total { "\n" } else { "" };
        let _ = write!(err, "\r{}{end}", progress_line(label, done, total, 30));
        let _ = err.flush();
    }

    /// From now on, blanks `secrets` (every form of them) from all output.
    pub fn hide_secrets(&self, secrets: &Redactor) {
        self.inner.secrets.write().unwrap_or_else(|p| p.into_inner()).merge(secrets);
    }

    fn redacted(&self, text: &str) -> String {
        self.inner.secrets.read().unwrap_or_else(|p| p.into_inner()).text(text)
    }

    /// Writes data to stdout as-is (but for secrets). A broken pipe comes back as an `io::Error`
    /// of kind `BrokenPipe`.
    pub fn data(&self, text: &str) -> io::Result<()> {
        if let Some(cluster) = &self.inner.cluster {
            cluster.stdout.lock().unwrap_or_else(|p| p.into_inner()).push_str(&self.redacted(text));
            return Ok(());
        }
        let mut out = AutoStream::new(io::stdout().lock(), self.inner.stdout_choice);
        out.write_all(self.redacted(text).as_bytes())?;
        out.flush()
    }

    /// Writes one line of data to stdout.
    pub fn data_line(&self, text: &str) -> io::Result<()> {
        self.data(&format!("{text}\n"))
    }

    /// `text` in `style`, for stdout (the stream strips it when colour is off).
    pub fn paint(&self, style: Style, text: &str) -> String {
        format!("{}{text}{}", style.render(), style.render_reset())
    }

    fn message(&self, line: &str) {
        let mut err = AutoStream::new(io::stderr().lock(), self.inner.stderr_choice);
        // stderr going away is not worth failing over; there is nobody left to tell.
        let mut line = self.redacted(line);
        if let Some(width) = self.inner.stderr_width {
            line = crate::render::wrap_message(&line, width);
        }
        let _ = match &self.inner.cluster {
            Some(cluster) => writeln!(err, "[{}] {line}", cluster.label),
            None => writeln!(err, "{line}"),
        };
    }

    /// A progress or status message on stderr (hidden with `-q`).
    pub fn status(&self, text: &str) {
        if self.inner.verbosity >= Verbosity::Normal {
            self.message(text);
        }
    }

    /// A warning on stderr (shown even with `-q`).
    pub fn warn(&self, text: &str) {
        self.message(&format!("{}warning:{} {text}", styles::WARN.render(), styles::WARN.render_reset()));
    }

    /// An error on stderr, with an optional hint on what to do.
    pub fn error(&self, text: &str, hint: Option<&str>) {
        self.message(&format!("{}error:{} {text}", styles::BAD.render(), styles::BAD.render_reset()));
        if let Some(hint) = hint {
            self.message(&format!("{}hint:{} {hint}", styles::DIM.render(), styles::DIM.render_reset()));
        }
    }

    /// Asks `question` on stderr (shown even with `-q`: the answer is needed) and reads one line
    /// from stdin. Callers check first that both are terminals.
    pub fn prompt(&self, question: &str) -> io::Result<String> {
        {
            let mut err = AutoStream::new(io::stderr().lock(), self.inner.stderr_choice);
            write!(err, "{}{question}{}", styles::BOLD.render(), styles::BOLD.render_reset())?;
            err.flush()?;
        }
        let mut answer = String::new();
        io::stdin().read_line(&mut answer)?;
        Ok(answer)
    }

    /// A `-v` diagnostic line on stderr.
    pub fn verbose(&self, text: &str) {
        if self.inner.verbosity >= Verbosity::Verbose {
            self.message(&format!("{}{text}{}", styles::DIM.render(), styles::DIM.render_reset()));
        }
    }

    /// A `-vv` diagnostic line on stderr, built only when it is shown: traces redact whole
    /// response bodies, which costs more than the request itself on large answers. Callers
    /// redact secrets inside `text`.
    pub fn trace(&self, text: impl FnOnce() -> String) {
        if self.inner.verbosity >= Verbosity::Trace {
            self.message(&format!("{}{}{}", styles::DIM.render(), text(), styles::DIM.render_reset()));
        }
    }
}

/// `label [#########---------] done/total`, the bar `width` characters wide.
fn progress_line(label: &str, done: u64, total: u64, width: usize) -> String {
    let filled = if total == 0 { width } else { (done.min(total) as usize * width) / total as usize };
    format!("{label} [{}{}] {done}/{total}", "#".repeat(filled), "-".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_line_fills_in_proportion() {
        assert_eq!(progress_line("deleting", 0, 4, 8), "deleting [--------] 0/4");
        assert_eq!(progress_line("deleting", 1, 4, 8), "deleting [##------] 1/4");
        assert_eq!(progress_line("deleting", 4, 4, 8), "deleting [########] 4/4");
        assert_eq!(progress_line("deleting", 0, 0, 4), "deleting [####] 0/0");
    }

    #[test]
    fn traces_are_built_only_when_shown() {
        let built = std::cell::Cell::new(0);
        let build = || {
            built.set(built.get() + 1);
            String::new()
        };
        Printer::new(ColorMode::Never, Verbosity::Verbose).trace(build);
        assert_eq!(built.get(), 0, "-v must not pay for -vv traces");
    }

    #[test]
    fn a_cluster_printer_keeps_its_data() {
        let cluster = Printer::new(ColorMode::Never, Verbosity::Normal).for_cluster("prod");
        cluster.data("a\n").unwrap();
        cluster.data_line("b").unwrap();
        assert_eq!(cluster.take_data(), "a\nb\n");
        assert_eq!(cluster.take_data(), "");
    }

    #[test]
    fn verbosity_from_flags() {
        assert_eq!(Verbosity::from_flags(0, true), Verbosity::Quiet);
        assert_eq!(Verbosity::from_flags(3, true), Verbosity::Quiet);
        assert_eq!(Verbosity::from_flags(0, false), Verbosity::Normal);
        assert_eq!(Verbosity::from_flags(1, false), Verbosity::Verbose);
        assert_eq!(Verbosity::from_flags(2, false), Verbosity::Trace);
    }
}
