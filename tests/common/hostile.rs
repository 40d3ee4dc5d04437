//! A small hostile HTTP server for reliability tests: it plays a one-node cluster that stores
//! ingest pipelines, and answers whatever a test scripts for the requests it picks — empty or
//! HTML 200s, redirects, `acknowledged: false`, 5xx after doing the work, dropped connections,
//! bodies that drip or never end, echoed credentials. Plain std threads, one request per
//! connection (`Connection: close`), so every behaviour is exact.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `GET`, `PUT`, …
    pub method: String,
    /// Path and query.
    pub target: String,
    /// Lower-cased header names.
    pub headers: BTreeMap<String, String>,
    /// Body text.
    pub body: String,
}

impl Seen {
    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

/// What the server does with a request.
pub enum Reply {
    /// Answer this.
    Send { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Read the request, then never answer (until the client gives up).
    Hang,
    /// Send the head and then one byte of body every `every`, forever.
    Drip { every: Duration },
    /// Send a 200 with a chunked body that never ends, as fast as the client reads.
    Endless,
    /// Close the connection without answering.
    Drop,
    /// Do what the stored cluster would (the default).
    Cluster,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: Value) -> Reply {
        Reply::Send {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    /// A raw answer with a content type.
    pub fn raw(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Send {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }
}

/// The server's state: stored pipelines and every request seen.
#[derive(Default)]
pub struct HostileState {
    /// `_ingest/pipeline` bodies by id.
    pub pipelines: BTreeMap<String, Value>,
    /// Requests in arrival order.
    pub seen: Vec<Seen>,
}

type Script = dyn Fn(&Seen, &mut HostileState) -> Reply + Send + Sync;

/// A running hostile server on a loopback port; it stops with the test process.
pub struct Hostile {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// What it stores and saw.
    pub state: Arc<Mutex<HostileState>>,
}

impl Hostile {
    /// Starts a server that answers with `script`, which returns [`Reply::Cluster`] for what it
    /// leaves to the emulated cluster.
    pub fn start(script: impl Fn(&Seen, &mut HostileState) -> Reply + Send + Sync + 'static) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(HostileState::default()));
        let script: Arc<Script> = Arc::new(script);
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (state, script) = (shared.clone(), script.clone());
                std::thread::spawn(move || serve(stream, &state, &*script));
            }
        });
        Hostile { url, state }
    }

    /// The requests seen so far, as `METHOD target`.
    pub fn seen(&self) -> Vec<String> {
        self.state.lock().unwrap().seen.iter().map(|s| format!("{} {}", s.method, s.target)).collect()
    }

    /// The stored pipeline `id`.
    pub fn pipeline(&self, id: &str) -> Option<Value> {
        self.state.lock().unwrap().pipelines.get(id).cloned()
    }
}

fn serve(stream: TcpStream, state: &Mutex<HostileState>, script: &Script) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    let mut headers = BTreeMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let length = headers.get("content-length").and_then(|l| l.parse::<usize>().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let seen = Seen { method, target, headers, body: String::from_utf8_lossy(&body).into_owned() };
    let reply = {
        let mut st = state.lock().unwrap();
        st.seen.push(seen.clone());
        match script(&seen, &mut st) {
            Reply::Cluster => cluster(&seen, &mut st),
            other => other,
        }
    };
    let mut out = stream;
    match reply {
        Reply::Send { status, headers, body } => {
            let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = out.write_all(head.as_bytes());
            let _ = out.write_all(&body);
        }
        Reply::Hang => std::thread::sleep(Duration::from_secs(600)),
        Reply::Drip { every } => {
            let _ =
                out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            while out.write_all(b" ").is_ok() {
                std::thread::sleep(every);
            }
        }
        Reply::Endless => {
            let _ = out
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            let chunk = format!("{:x}\r\n{}\r\n", 65536, " ".repeat(65536));
            while out.write_all(chunk.as_bytes()).is_ok() {}
        }
        Reply::Drop | Reply::Cluster => {}
    }
}

/// The emulated one-node cluster: `GET /`, empty listings for every kind but pipelines (no data
/// streams either), and
/// pipelines stored and listed as Elasticsearch does.
fn cluster(seen: &Seen, st: &mut HostileState) -> Reply {
    let path = seen.path();
    match (seen.method.as_str(), path) {
        ("GET", "/") => Reply::json(
            200,
            json!({"name": "n1", "cluster_name": "hostile", "cluster_uuid": "hostile-uuid",
                   "version": {"number": "8.15.0"}, "tagline": "You Know, for Search"}),
        ),
        ("GET", p) if p.starts_with("/_ilm/policy") => Reply::json(200, json!({})),
        ("GET", p) if p.starts_with("/_component_template") => Reply::json(404, json!({"component_templates": []})),
        ("GET", p) if p.starts_with("/_index_template") => Reply::json(404, json!({"index_templates": []})),
        // No data streams: ES answers the lifecycle listing of `*` with an empty list.
        ("GET", "/_data_stream/*/_lifecycle") => Reply::json(200, json!({"data_streams": []})),
        ("GET", p) if p.starts_with("/_ingest/pipeline") => {
            if st.pipelines.is_empty() {
                Reply::json(404, json!({}))
            } else {
                Reply::json(200, json!(st.pipelines))
            }
        }
        ("PUT", p) if p.starts_with("/_ingest/pipeline/") => {
            store_pipeline(seen, st);
            Reply::json(200, json!({"acknowledged": true}))
        }
        _ => Reply::json(
            404,
            json!({"error": {"type": "illegal_argument_exception", "reason": format!("no handler for {path}")}, "status": 404}),
        ),
    }
}

/// Stores the pipeline a PUT carries, as the cluster would (for scripts that do the work and
/// then answer badly).
pub fn store_pipeline(seen: &Seen, st: &mut HostileState) {
    let id = seen.path().trim_start_matches("/_ingest/pipeline/").to_string();
    let body: Value = serde_json::from_str(&seen.body).unwrap_or(Value::Null);
    st.pipelines.insert(id, body);
}
