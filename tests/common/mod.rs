//! Helpers for integration tests: run the real `esops` binary in an isolated environment, and
//! get a cluster to run it against (the sandbox, or a real cluster named by `ESOPS_TEST_URL`).

#![allow(dead_code)] // each test binary uses a different subset

pub mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use es_sandbox::{BackgroundSandbox, SandboxConfig};

/// One run of the binary being prepared. Must be run and its outcome asserted.
#[must_use = "a test must run the command and assert its outcome"]
pub struct Esops {
    cmd: Command,
    home: tempfile::TempDir,
}

/// `esops` with a clean environment: no ESOPS_*/ES_* variables, an empty HOME (so no user
/// config file leaks in), no colour unless a test asks.
pub fn esops() -> Esops {
    let home = tempfile::tempdir().expect("temp home");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_esops"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .stdin(Stdio::null());
    Esops { cmd, home }
}

impl Esops {
    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Points esops at `cluster` (URL, and credentials when the cluster is a real one).
    pub fn against(mut self, cluster: &TestCluster) -> Self {
        self.cmd.env("ESOPS_URL", cluster.url());
        for (k, v) in &cluster.credentials_env {
            self.cmd.env(k, v);
        }
        self
    }

    /// Runs in `dir` instead of the crate root (whose `policies/` is the default tree).
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    /// The temporary HOME of this run.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Runs to completion.
    #[must_use = "assert something about the outcome"]
    pub fn run(mut self) -> Outcome {
        let out = self.cmd.output().expect("run esops");
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A run under way (for tests that signal it or race it against another).
pub struct Running {
    child: std::process::Child,
    _home: tempfile::TempDir,
}

impl Esops {
    /// Starts the run without waiting for it.
    pub fn spawn(mut self) -> Running {
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        Running { child: self.cmd.spawn().expect("spawn esops"), _home: self.home }
    }
}

impl Running {
    /// The process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the end, at most `limit`: a run still going then is killed and the test fails
    /// (a hang is a bug, never a slow pass).
    #[must_use = "assert something about the outcome"]
    pub fn wait_within(mut self, limit: std::time::Duration) -> Outcome {
        let started = std::time::Instant::now();
        while self.child.try_wait().expect("poll esops").is_none() {
            if started.elapsed() > limit {
                let _ = self.child.kill();
                let out = self.wait();
                panic!("esops still running after {limit:?}\n--- stdout\n{}\n--- stderr\n{}", out.stdout, out.stderr);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        self.wait()
    }

    /// Waits for the end.
    #[must_use = "assert something about the outcome"]
    pub fn wait(self) -> Outcome {
        let out = self.child.wait_with_output().expect("wait for esops");
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// What a run produced.
#[derive(Debug)]
pub struct Outcome {
    /// Exit code.
    pub code: i32,
    /// Stdout.
    pub stdout: String,
    /// Stderr.
    pub stderr: String,
}

impl Outcome {
    /// Asserts the exit code, showing the output when it differs.
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts exit code 0.
    pub fn success(self) -> Self {
        self.code(0)
    }

    /// Asserts exit code 1.
    pub fn failure(self) -> Self {
        self.code(1)
    }

    /// Asserts stderr contains `needle`.
    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}\n--- stderr\n{}", self.stderr);
        self
    }

    /// Asserts stdout contains `needle`.
    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}\n--- stdout\n{}", self.stdout);
        self
    }

    /// Asserts neither stream contains `needle` (for secrets).
    pub fn nowhere(self, needle: &str) -> Self {
        assert!(!self.stdout.contains(needle), "stdout leaks {needle:?}\n{}", self.stdout);
        assert!(!self.stderr.contains(needle), "stderr leaks {needle:?}\n{}", self.stderr);
        self
    }
}

/// The cluster a test runs against: a fresh sandbox, or the real cluster in `ESOPS_TEST_URL`.
pub struct TestCluster {
    sandbox: Option<BackgroundSandbox>,
    url: String,
    credentials_env: Vec<(String, String)>,
}

impl TestCluster {
    /// A fresh sandbox, or the real cluster named by `ESOPS_TEST_URL` (with `ESOPS_TEST_API_KEY` or
    /// `ESOPS_TEST_USERNAME`/`ESOPS_TEST_PASSWORD` for credentials).
    pub fn start() -> Self {
        if let Ok(url) = std::env::var("ESOPS_TEST_URL") {
            let mut credentials_env = Vec::new();
            for (from, to) in [
                ("ESOPS_TEST_API_KEY", "ESOPS_API_KEY"),
                ("ESOPS_TEST_USERNAME", "ESOPS_USERNAME"),
                ("ESOPS_TEST_PASSWORD", "ESOPS_PASSWORD"),
                ("ESOPS_TEST_CA_CERT", "ESOPS_CA_CERT"),
            ] {
                if let Ok(v) = std::env::var(from) {
                    credentials_env.push((to.to_string(), v));
                }
            }
            return TestCluster { sandbox: None, url, credentials_env };
        }
        Self::sandbox(SandboxConfig::default())
    }

    /// Always a sandbox, configured as given (for TLS, auth and fault-injection tests, which a
    /// real cluster cannot stage).
    pub fn sandbox(config: SandboxConfig) -> Self {
        let sandbox = BackgroundSandbox::start(config).expect("start sandbox");
        let url = sandbox.url();
        TestCluster { sandbox: Some(sandbox), url, credentials_env: Vec::new() }
    }

    /// True when running against a real cluster.
    pub fn is_real(&self) -> bool {
        self.sandbox.is_none()
    }

    /// Base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The sandbox's CA certificate, when it serves TLS.
    pub fn ca_pem(&self) -> Option<String> {
        self.sandbox.as_ref().and_then(BackgroundSandbox::ca_pem)
    }

    /// The sandbox CA's SHA-256 fingerprint, when it serves TLS.
    pub fn ca_fingerprint(&self) -> Option<String> {
        self.sandbox.as_ref().and_then(BackgroundSandbox::ca_fingerprint)
    }

    /// The sandbox's client certificate and key (PEM), when it serves TLS.
    pub fn client_pair(&self) -> Option<es_sandbox::tls::ClientPair> {
        self.sandbox.as_ref().and_then(BackgroundSandbox::client_pair)
    }

    /// Sends a raw request to the sandbox's control API (`/_sandbox/...`) or any path, returning
    /// status and body. Uses a plain TCP HTTP/1.1 exchange so tests need no HTTP client.
    pub fn raw(&self, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
        raw_http(&self.url, method, path, body)
    }
    /// A set-up request with a JSON body; panics unless the answer is 2xx, returns it parsed
    /// (`Null` when it is not JSON).
    pub fn request(&self, method: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
        let body = body.map(|b| b.to_string());
        let (status, text) = self.raw(method, path, body.as_deref());
        assert!(status < 300, "{method} {path} -> {status}: {text}");
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
    }
}

/// A minimal HTTP/1.1 client over plain TCP, for test set-up against a plain-HTTP sandbox.
pub fn raw_http(url: &str, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
    use std::io::{Read, Write};
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(host).expect("connect to sandbox");
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, dechunk(&body))
}

/// Decodes a chunked body if it is one (hyper chunks bodies of unknown length).
fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    loop {
        let Some((size_line, after)) = rest.split_once("\r\n") else { return body.to_string() };
        let Ok(size) = usize::from_str_radix(size_line.trim(), 16) else { return body.to_string() };
        if size == 0 {
            return out;
        }
        if after.len() < size {
            return body.to_string();
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
}

/// A file under a temporary directory with the given content.
/// Runs `esops ARGS` on a pseudo-terminal (util-linux `script`) with `env`, typing `answer`;
/// the exit code and the screen, or `None` when `script` is not installed.
pub fn on_a_terminal(env: &[(&str, &str)], args: &str, answer: &str) -> Option<(i32, String)> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let command = format!("{} --color never {args}", env!("CARGO_BIN_EXE_esops"));
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take().unwrap().write_all(answer.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Some((out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned()))
}

pub fn write_file(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, content).expect("write file");
    path
}

/// A cluster plus a name prefix unique to one test (`esops-KIND-TAG-PID-NANOS`), so that tests can
/// share a real cluster. A test file adds its own set-up helpers and `Drop` cleanup to it (each
/// test binary is a crate of its own, so each may).
pub struct Scoped {
    /// The cluster.
    pub cluster: TestCluster,
    /// The test's prefix.
    pub prefix: String,
}

impl Scoped {
    /// A fresh scope on [`TestCluster::start`].
    pub fn start(kind: &str, tag: &str) -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        Scoped { cluster: TestCluster::start(), prefix: format!("esops-{kind}-{tag}-{}-{nanos}", std::process::id()) }
    }

    /// `PREFIX-rest`.
    pub fn name(&self, rest: &str) -> String {
        format!("{}-{rest}", self.prefix)
    }

    /// A set-up request (see [`TestCluster::request`]).
    pub fn request(&self, method: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
        self.cluster.request(method, path, body)
    }
}

/// Declares this module's `Fixture`: the shared [`Scoped`] wrapped in a type of the module's own,
/// so that each test module can give it its helpers and its cleanup (`impl Drop`) while all of
/// them live in the one integration-test crate.
macro_rules! scoped_fixture {
    () => {
        /// A test's scope on the cluster (the shared `Scoped` with this module's helpers).
        struct Fixture($crate::common::Scoped);

        impl std::ops::Deref for Fixture {
            type Target = $crate::common::Scoped;

            fn deref(&self) -> &$crate::common::Scoped {
                &self.0
            }
        }
    };
}
pub(crate) use scoped_fixture;
