//! How esops reaches a cluster, end to end against sandboxes that demand it: client certificates
//! (mutual TLS), a pinned CA fingerprint, headers a gateway requires, and HTTP(S) proxies — and the
//! message for each way these go wrong. All sandbox-only: a real cluster cannot be made to require
//! a client certificate or a header on demand.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use es_sandbox::SandboxConfig;
use es_sandbox::tls::ClientAuthentication;

use crate::common::{TestCluster, esops, write_file};

/// A TLS sandbox requiring client certificates, with its CA and a valid client pair on disk.
struct MutualTls {
    cluster: TestCluster,
    dir: tempfile::TempDir,
}

impl MutualTls {
    fn start() -> Self {
        let cluster = TestCluster::sandbox(SandboxConfig {
            tls: true,
            client_auth: ClientAuthentication::Required,
            ..SandboxConfig::default()
        });
        let dir = tempfile::tempdir().unwrap();
        let pair = cluster.client_pair().unwrap();
        write_file(dir.path(), "ca.pem", &cluster.ca_pem().unwrap());
        write_file(dir.path(), "client.pem", &pair.cert_pem);
        write_file(dir.path(), "client-key.pem", &pair.key_pem);
        MutualTls { cluster, dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

#[test]
fn mutual_tls_works_with_the_client_certificate_from_flags_env_or_context() {
    let mtls = MutualTls::start();
    esops()
        .against(&mtls.cluster)
        .args(["info", "--ca-cert"])
        .args([mtls.path("ca.pem")])
        .args(["--client-cert"])
        .args([mtls.path("client.pem")])
        .args(["--client-key"])
        .args([mtls.path("client-key.pem")])
        .run()
        .success()
        .stdout_has("sandbox");
    esops()
        .against(&mtls.cluster)
        .env("ESOPS_CA_CERT", mtls.path("ca.pem"))
        .env("ES_CLIENT_CERT", mtls.path("client.pem"))
        .env("ESOPS_CLIENT_KEY", mtls.path("client-key.pem"))
        .args(["info"])
        .run()
        .success();
    // Relative paths in a context are relative to the config file.
    let config = write_file(
        mtls.dir.path(),
        "config.yaml",
        &format!(
            "current_context: m\ncontexts:\n  - name: m\n    url: {}\n    ca_cert: ca.pem\n    client_cert: client.pem\n    client_key: client-key.pem\n",
            mtls.cluster.url()
        ),
    );
    esops().env("ESOPS_CONFIG", &config).args(["info"]).run().success();
    esops()
        .env("ESOPS_CONFIG", &config)
        .args(["context", "show"])
        .run()
        .success()
        .stdout_has("client-key.pem")
        .stdout_has("context m");
}

#[test]
fn a_cluster_that_requires_a_client_certificate_says_how_to_give_one() {
    let mtls = MutualTls::start();
    esops()
        .against(&mtls.cluster)
        .args(["info", "--ca-cert"])
        .args([mtls.path("ca.pem")])
        .run()
        .failure()
        .stderr_has("TLS handshake")
        .stderr_has("asks for a client certificate")
        .stderr_has("--client-cert");
}

#[test]
fn a_client_certificate_from_another_ca_is_refused_by_the_cluster() {
    let mtls = MutualTls::start();
    let other = TestCluster::sandbox(SandboxConfig { tls: true, ..SandboxConfig::default() });
    let pair = other.client_pair().unwrap();
    write_file(mtls.dir.path(), "other.pem", &pair.cert_pem);
    write_file(mtls.dir.path(), "other-key.pem", &pair.key_pem);
    esops()
        .against(&mtls.cluster)
        .args(["info", "--ca-cert"])
        .args([mtls.path("ca.pem")])
        .args(["--client-cert"])
        .args([mtls.path("other.pem")])
        .args(["--client-key"])
        .args([mtls.path("other-key.pem")])
        .run()
        .failure()
        .stderr_has("did not accept the client certificate");
}

#[test]
fn client_key_problems_are_reported_before_connecting() {
    let mtls = MutualTls::start();
    let other = TestCluster::sandbox(SandboxConfig { tls: true, ..SandboxConfig::default() });
    write_file(mtls.dir.path(), "other-key.pem", &other.client_pair().unwrap().key_pem);
    let run = |cert: &Path, key: &Path| {
        esops()
            .against(&mtls.cluster)
            .args(["info", "--ca-cert"])
            .args([mtls.path("ca.pem")])
            .args(["--client-cert"])
            .args([cert])
            .args(["--client-key"])
            .args([key])
            .run()
            .failure()
    };
    run(&mtls.path("client.pem"), &mtls.path("other-key.pem"))
        .stderr_has("does not belong to the client certificate")
        .stderr_has("other-key.pem (--client-key)")
        .stderr_has("openssl pkey -pubout");
    let encrypted = write_file(
        mtls.dir.path(),
        "encrypted.pem",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n",
    );
    run(&mtls.path("client.pem"), &encrypted).stderr_has("is encrypted with a passphrase").stderr_has("openssl pkey");
    run(&mtls.path("client.pem"), &mtls.path("missing.pem")).stderr_has("missing.pem (--client-key) does not exist");
    run(&mtls.path("client-key.pem"), &mtls.path("client-key.pem")).stderr_has("holds no PEM certificate");
    run(&mtls.path("client.pem"), &mtls.path("client.pem")).stderr_has("holds a certificate but no private key");
    esops()
        .args(["--url", "https://127.0.0.1:1", "--client-cert"])
        .args([mtls.path("client.pem")])
        .args(["info"])
        .run()
        .failure()
        .stderr_has("a client certificate is set (--client-cert) but no client key");
}

#[test]
fn a_pinned_ca_fingerprint_trusts_the_cluster_and_a_wrong_one_shows_both() {
    let cluster = TestCluster::sandbox(SandboxConfig { tls: true, ..SandboxConfig::default() });
    let fingerprint = cluster.ca_fingerprint().unwrap();
    esops().against(&cluster).args(["info", "--ca-fingerprint", &fingerprint]).run().success();
    // openssl's form: upper case, colons.
    let openssl: Vec<String> =
        fingerprint.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).to_uppercase()).collect();
    esops().against(&cluster).env("ESOPS_CA_FINGERPRINT", openssl.join(":")).args(["info"]).run().success();
    let wrong = "ab".repeat(32);
    let out = esops()
        .against(&cluster)
        .args(["info", "--ca-fingerprint", &wrong])
        .run()
        .failure()
        .stderr_has(&format!("pinned SHA-256 fingerprint {wrong}"))
        .stderr_has(&format!("CA {fingerprint}"))
        .stderr_has("openssl x509 -noout -fingerprint -sha256");
    assert!(!out.stderr.contains("--insecure"), "a pin mismatch must not suggest --insecure:\n{}", out.stderr);
    esops()
        .against(&cluster)
        .args(["info", "--ca-fingerprint", "12:34"])
        .run()
        .failure()
        .stderr_has("invalid CA fingerprint (--ca-fingerprint): a SHA-256 fingerprint has 64 hex digits, this has 4");
}

#[test]
fn a_fingerprint_and_a_ca_certificate_at_one_level_contradict_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let ca = write_file(dir.path(), "ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    esops()
        .args(["--url", "https://127.0.0.1:1", "--ca-fingerprint", &"ab".repeat(32), "--ca-cert"])
        .args([&ca])
        .args(["info"])
        .run()
        .failure()
        .stderr_has("both a CA certificate (--ca-cert) and a CA fingerprint (--ca-fingerprint) are set");
}

#[test]
fn headers_a_gateway_requires_come_from_flags_env_files_or_the_context() {
    const TOKEN: &str = "gw-token-Qx7-secret";
    let cluster = TestCluster::sandbox(SandboxConfig {
        required_headers: vec![("X-Gateway-Token".into(), TOKEN.into()), ("X-Tenant".into(), "acme".into())],
        ..SandboxConfig::default()
    });
    esops()
        .against(&cluster)
        .args(["info", "--header", "X-Tenant: acme"])
        .run()
        .failure()
        .stderr_has("403")
        .stderr_has("missing header X-Gateway-Token");
    let dir = tempfile::tempdir().unwrap();
    let headers_file = write_file(dir.path(), "headers", &format!("# gateway\nX-Gateway-Token: {TOKEN}\n"));
    esops()
        .against(&cluster)
        .args(["-vv", "info", "-H", "X-Tenant: acme", "--header", &format!("@{}", headers_file.display())])
        .run()
        .success()
        .nowhere(TOKEN);
    esops()
        .against(&cluster)
        .env("ESOPS_HEADERS", format!("X-Tenant: acme\nX-Gateway-Token: {TOKEN}"))
        .args(["info"])
        .run()
        .success();
    let token_file = write_file(dir.path(), "token", &format!("{TOKEN}\n"));
    let config = write_file(
        dir.path(),
        "config.yaml",
        &format!(
            "current_context: gw\ncontexts:\n  - name: gw\n    url: {}\n    headers:\n      X-Tenant: acme\n      X-Gateway-Token: {{file: {}}}\n",
            cluster.url(),
            token_file.display()
        ),
    );
    esops().env("ESOPS_CONFIG", &config).args(["info"]).run().success();
    // A flag's header replaces the context's header of the same name (names are case-insensitive).
    esops()
        .env("ESOPS_CONFIG", &config)
        .args(["info", "--header", "x-tenant: other"])
        .run()
        .failure()
        .stderr_has("wrong value for header X-Tenant");
    esops()
        .env("ESOPS_CONFIG", &config)
        .args(["context", "show"])
        .run()
        .success()
        .stdout_has("X-Gateway-Token: <redacted>")
        .stdout_has(&format!("context gw, file {}", token_file.display()))
        .nowhere(TOKEN);
    let env_config = write_file(
        dir.path(),
        "env-config.yaml",
        &format!(
            "current_context: gw\ncontexts:\n  - name: gw\n    url: {}\n    headers:\n      X-Gateway-Token: {{env: GW_TOKEN}}\n",
            cluster.url()
        ),
    );
    esops()
        .env("ESOPS_CONFIG", &env_config)
        .args(["info"])
        .run()
        .failure()
        .stderr_has("context `gw`: headers names the environment variable GW_TOKEN, which is not set");
}

#[test]
fn headers_esops_owns_or_cannot_send_are_refused() {
    let url = ["--url", "http://127.0.0.1:1"];
    esops()
        .args(url)
        .args(["info", "--header", "Content-Type: text/plain"])
        .run()
        .failure()
        .stderr_has("invalid header `Content-Type` (--header): esops sets this header itself");
    esops()
        .args(url)
        .args(["info", "--api-key", "id:key", "--header", "Authorization: Bearer x"])
        .run()
        .failure()
        .stderr_has("it would replace the api key credentials");
    esops()
        .args(url)
        .args(["info", "--header", "X-Token=abc"])
        .run()
        .failure()
        .stderr_has("write it as `Name: value`")
        .nowhere("abc");
}

/// Which kind of proxy a [`TestProxy`] is.
#[derive(Clone, Copy)]
enum ProxyMode {
    /// Tunnels `CONNECT` and forwards absolute-form requests.
    Forward,
    /// Answers every request with this status and closes.
    Refuse(u16),
}

/// A minimal HTTP proxy on loopback that records the first line of every connection.
struct TestProxy {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl TestProxy {
    fn start(mode: ProxyMode) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        // The listener lives as long as the test process; each connection gets a thread.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = log.clone();
                std::thread::spawn(move || proxy_connection(stream, mode, &log));
            }
        });
        TestProxy { url, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn proxy_connection(mut client: TcpStream, mode: ProxyMode, log: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        if client.read(&mut byte).unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).to_string();
    let first = text.lines().next().unwrap_or_default().to_string();
    log.lock().unwrap().push(first.clone());
    if let ProxyMode::Refuse(status) = mode {
        let _ = client.write_all(
            format!("HTTP/1.1 {status} Refused\r\nContent-Length: 14\r\nConnection: close\r\n\r\naccess denied\n")
                .as_bytes(),
        );
        return;
    }
    let target = first.split_whitespace().nth(1).unwrap_or_default().to_string();
    let connect = first.starts_with("CONNECT ");
    let address = if connect {
        target
    } else {
        target.trim_start_matches("http://").split('/').next().unwrap_or_default().to_string()
    };
    let Ok(mut upstream) = TcpStream::connect(&address) else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    };
    if connect {
        let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
    } else {
        // Servers accept absolute-form request targets, so the head goes on unchanged.
        let _ = upstream.write_all(&head);
    }
    let (mut client_read, mut upstream_write) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
    let forward = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_read, &mut upstream_write);
        let _ = upstream_write.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut upstream, &mut client);
    let _ = client.shutdown(std::net::Shutdown::Both);
    let _ = forward.join();
}

#[test]
fn the_generic_proxy_variables_are_used_unless_no_proxy_or_a_flag_says_otherwise() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let proxy = TestProxy::start(ProxyMode::Forward);
    esops().against(&cluster).env("http_proxy", &proxy.url).args(["info"]).run().success();
    let through = proxy.seen();
    assert!(
        through.iter().any(|l| l.starts_with("GET http://127.0.0.1:")),
        "the request went around the proxy: {through:?}"
    );
    esops()
        .against(&cluster)
        .env("HTTP_PROXY", &proxy.url)
        .env("NO_PROXY", "localhost,127.0.0.0/8")
        .args(["info"])
        .run()
        .success();
    esops().against(&cluster).env("ALL_PROXY", &proxy.url).args(["--no-proxy", "info"]).run().success();
    assert_eq!(proxy.seen().len(), through.len(), "NO_PROXY or --no-proxy still went through the proxy");
    esops()
        .against(&cluster)
        .env("HTTP_PROXY", &proxy.url)
        .env("NO_PROXY", "127.0.0.1")
        .args(["context", "show"])
        .run()
        .success()
        .stdout_has("none (direct)")
        .stdout_has("env NO_PROXY");
}

#[test]
fn https_goes_through_a_connect_tunnel_and_a_context_can_name_its_own_proxy() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = TestCluster::sandbox(SandboxConfig { tls: true, ..SandboxConfig::default() });
    let ca = write_file(dir.path(), "ca.pem", &cluster.ca_pem().unwrap());
    let proxy = TestProxy::start(ProxyMode::Forward);
    let ambient = TestProxy::start(ProxyMode::Refuse(403));
    let config = write_file(
        dir.path(),
        "config.yaml",
        &format!(
            "current_context: p\ncontexts:\n  - name: p\n    url: {}\n    ca_cert: ca.pem\n    proxy: {}\n",
            cluster.url(),
            proxy.url
        ),
    );
    // The context's proxy beats the ambient HTTPS_PROXY.
    esops().env("ESOPS_CONFIG", &config).env("HTTPS_PROXY", &ambient.url).args(["info"]).run().success();
    assert!(proxy.seen().iter().any(|l| l.starts_with("CONNECT 127.0.0.1:")), "{:?}", proxy.seen());
    assert!(ambient.seen().is_empty());
    // ESOPS_PROXY beats the context.
    esops()
        .env("ESOPS_CONFIG", &config)
        .env("ESOPS_PROXY", &ambient.url)
        .args(["info"])
        .run()
        .failure()
        .stderr_has(&format!("the proxy {} did not get the request through", ambient.url))
        .stderr_has("it refused to open a tunnel");
    esops()
        .env("ESOPS_CONFIG", &config)
        .env("ESOPS_PROXY", "none")
        .args(["context", "show"])
        .run()
        .success()
        .stdout_has("none (direct)")
        .stdout_has("env ESOPS_PROXY");
    let _ = ca;
}

#[test]
fn a_refusing_or_absent_proxy_is_named_as_the_culprit() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let refusing = TestProxy::start(ProxyMode::Refuse(403));
    esops()
        .against(&cluster)
        .args(["info", "--proxy", &refusing.url])
        .run()
        .failure()
        .stderr_has(&format!("the proxy {} did not get the request through", refusing.url))
        .stderr_has("it answered 403")
        .stderr_has("--no-proxy");
    let wants_login = TestProxy::start(ProxyMode::Refuse(407));
    esops()
        .against(&cluster)
        .args(["info", "--proxy", &wants_login.url.replace("http://", "http://u:proxy-pw-secret@")])
        .run()
        .failure()
        .stderr_has("407 Proxy Authentication Required")
        .nowhere("proxy-pw-secret");
    // Nothing listens on port 1.
    esops()
        .against(&cluster)
        .args(["info", "--proxy", "http://127.0.0.1:1"])
        .run()
        .failure()
        .stderr_has("the proxy http://127.0.0.1:1 did not get the request through")
        .stderr_has("connection refused");
    esops()
        .against(&cluster)
        .args(["info", "--proxy", "socks5://127.0.0.1:1080"])
        .run()
        .failure()
        .stderr_has("invalid proxy `socks5://127.0.0.1:1080` (--proxy)")
        .stderr_has("not SOCKS");
}

#[test]
fn plain_http_to_a_tls_port_says_to_use_https_without_retrying() {
    // As Elasticsearch 8 (TLS on by default): the sandbox closes a plain-HTTP connection on its
    // HTTPS port without an answer.
    let cluster = TestCluster::sandbox(SandboxConfig { tls: true, ..Default::default() });
    let http = cluster.url().replacen("https://", "http://", 1);
    let out = esops().args(["-v", "--url", &http, "info"]).run().failure();
    let https = cluster.url().to_string();
    assert!(out.stderr.contains("the server speaks TLS (HTTPS), not plain HTTP"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("hint: use {https} ")), "{}", out.stderr);
    assert!(!out.stderr.contains("retry"), "a TLS port does not become plain HTTP by retrying:\n{}", out.stderr);
}
