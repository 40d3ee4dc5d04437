//! `/_sandbox/*`: the only non-Elasticsearch endpoints. They are never authenticated, faulted or
//! counted.
//!
//! | endpoint | does |
//! |---|---|
//! | `GET /_sandbox/clock` | `{"now_millis":…,"now":"ISO","frozen":false}` of the virtual clock (see [`super::clock`]) |
//! | `POST /_sandbox/clock/_advance?by=7d` | moves the clock forward (`ms`, `s`, `m`, `h`, `d`, `w`), running SLM's schedule on the way, then ILM |
//! | `POST /_sandbox/clock/_set?to=2024-03-15T00:00:00Z` | sets the clock (ISO date or epoch millis), then runs ILM |
//! | `POST /_sandbox/faults` | queues a fault rule (see [`super::faults::FaultRule`]) |
//! | `POST /_sandbox/snapshot_faults` | forces snapshot outcomes (see [`super::snapshots::SnapshotFault`]) |
//! | `DELETE /_sandbox/snapshot_faults` | clears them |
//! | `GET` / `DELETE /_sandbox/faults` | lists / clears the rules |
//! | `GET` / `DELETE /_sandbox/requests` | `{"total":N,"by_route":{"GET /_cat/indices":3}}` / resets it |
//! | `GET /_sandbox/disk` | the simulated disk: total, other (non-index) and used bytes |
//! | `POST /_sandbox/disk?total=500gb&other=20gb` | resizes it; ES's watermark monitor then runs |
//! | `POST /_sandbox/seed` | seeds demo data (body: [`super::seed::SeedSpec`], all fields optional) |
//! | `POST /_sandbox/reset` | an empty cluster, same version and clock |
//! | `GET /_sandbox/state` | the whole cluster state, as the state file holds it |

use serde_json::{Value, json};

use super::clock;
use super::datemath;
use super::disk;
use super::error::{EsError, EsResult};
use super::http::{Method, SandboxRequest, SandboxResponse};
use super::router::no_handler;
use super::seed::{self, SeedSpec};
use super::server::{Shared, lock, read, write};
use super::state::Cluster;
use super::units::parse_time_millis;
use super::{slm, snapshots};

/// Answers a `/_sandbox/…` request.
pub fn handle(shared: &Shared, req: &SandboxRequest) -> SandboxResponse {
    route(shared, req).unwrap_or_else(SandboxResponse::from)
}

fn route(shared: &Shared, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let parts: Vec<&str> = req.segments.iter().skip(1).map(String::as_str).collect();
    match (req.method, parts.as_slice()) {
        (Method::Get, ["faults"]) => Ok(SandboxResponse::ok(lock(&shared.faults).list())),
        (Method::Post, ["faults"]) => {
            let body = req.json()?.ok_or_else(|| EsError::illegal_argument("a fault rule body is required"))?;
            lock(&shared.faults).add(body)?;
            Ok(SandboxResponse::acknowledged())
        }
        (Method::Delete, ["faults"]) => {
            lock(&shared.faults).clear();
            Ok(SandboxResponse::acknowledged())
        }
        (Method::Get, ["requests"]) => Ok(SandboxResponse::ok(lock(&shared.requests).to_json())),
        (Method::Delete, ["requests"]) => {
            lock(&shared.requests).reset();
            Ok(SandboxResponse::acknowledged())
        }
        (Method::Get, ["clock"]) => Ok(SandboxResponse::ok(clock_body(&read(&shared.cluster)))),
        (Method::Post, ["clock", "_advance"]) => {
            let by = req.param("by").ok_or_else(|| EsError::illegal_argument("[by] is required, e.g. ?by=7d"))?;
            let millis = parse_time_millis(by, "by")?;
            if millis < 0 {
                return Err(EsError::illegal_argument("the clock only moves forward: [by] must not be negative"));
            }
            let mut cluster = write(&shared.cluster);
            let to = cluster.now_millis() + millis;
            advance_clock_to(&mut cluster, to)?;
            Ok(SandboxResponse::ok(clock_body(&cluster)))
        }
        (Method::Post, ["clock", "_set"]) => {
            let to = req
                .param("to")
                .ok_or_else(|| EsError::illegal_argument("[to] is required, e.g. ?to=2024-03-15T00:00:00Z"))?;
            let millis = datemath::parse_date_millis(to).or_else(|| to.parse().ok()).ok_or_else(|| {
                EsError::illegal_argument(format!("cannot parse [{to}] as an ISO date or epoch millis"))
            })?;
            let mut cluster = write(&shared.cluster);
            if millis > cluster.now_millis() {
                advance_clock_to(&mut cluster, millis)?;
            } else {
                // Setting the clock back is a jump, not time passing: nothing is scheduled on the way.
                cluster.clock.set(millis);
                clock::run_periodic(&mut cluster)?;
            }
            Ok(SandboxResponse::ok(clock_body(&cluster)))
        }
        (Method::Post, ["seed"]) => {
            let spec: SeedSpec = match req.json()? {
                Some(body) => serde_json::from_value(body)
                    .map_err(|e| EsError::illegal_argument(format!("invalid seed spec: {e}")))?,
                None => SeedSpec::default(),
            };
            let report = seed::seed(&mut write(&shared.cluster), &spec)?;
            Ok(SandboxResponse::ok(json!(report)))
        }
        (Method::Get, ["disk"]) => Ok(SandboxResponse::ok(disk::summary(&read(&shared.cluster)))),
        (Method::Post, ["disk"]) => {
            let mut cluster = write(&shared.cluster);
            disk::resize(&mut cluster, req.param("total"), req.param("other")).map(SandboxResponse::ok)
        }
        (Method::Post, ["reset"]) => {
            let mut cluster = write(&shared.cluster);
            // The node's own settings survive: they are not cluster state.
            let clock = cluster.clock;
            let path_repo = std::mem::take(&mut cluster.path_repo);
            let node_settings = std::mem::take(&mut cluster.node_settings);
            *cluster = Cluster::new(cluster.version, cluster.now_millis());
            cluster.clock = clock;
            cluster.path_repo = path_repo;
            cluster.node_settings = node_settings;
            Ok(SandboxResponse::acknowledged())
        }
        (Method::Post, ["snapshot_faults"]) => {
            let body = req.json()?.ok_or_else(|| EsError::illegal_argument("a snapshot fault body is required"))?;
            snapshots::add_fault(&mut write(&shared.cluster), body)?;
            Ok(SandboxResponse::acknowledged())
        }
        (Method::Get, ["snapshot_faults"]) => {
            Ok(SandboxResponse::ok(json!({"snapshot_faults": read(&shared.cluster).snapshot_faults})))
        }
        (Method::Delete, ["snapshot_faults"]) => {
            write(&shared.cluster).snapshot_faults.clear();
            Ok(SandboxResponse::acknowledged())
        }
        (Method::Get, ["state"]) => {
            let cluster = read(&shared.cluster);
            serde_json::to_value(&*cluster)
                .map(SandboxResponse::ok)
                .map_err(|e| EsError::new(500, "exception", e.to_string()))
        }
        _ => Err(no_handler(req.method, &req.path)),
    }
}

/// Lets the virtual clock run forward to `to`: SLM's scheduled runs and retention happen on the
/// way and snapshots complete as their ends pass; then the periodic work runs (ILM, the data
/// stream lifecycle, the disk monitor). Also what a request that waits (`wait_for_completion`) does.
pub fn advance_clock_to(cluster: &mut Cluster, to: i64) -> EsResult<()> {
    slm::run_scheduled(cluster, to);
    clock::run_periodic(cluster)
}

fn clock_body(cluster: &Cluster) -> Value {
    let now = cluster.now_millis();
    json!({"now_millis": now, "now": datemath::format_iso_millis(now), "frozen": cluster.clock.is_frozen()})
}
