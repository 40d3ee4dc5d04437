//! The virtual clock, and the periodic work Elasticsearch does as time passes.
//!
//! The clock follows the wall clock, plus whatever `/_sandbox/clock/_advance` added or
//! `/_sandbox/clock/_set` moved it by, so that two indices created two seconds apart are two
//! seconds apart, as on a cluster. A frozen clock (`SandboxConfig::frozen_clock`,
//! `esops sandbox --frozen-clock`, and every `Cluster::new` in unit tests) only moves when told,
//! for deterministic tests.
//!
//! As on a cluster, ILM runs every `indices.lifecycle.poll_interval` of the clock (its
//! `IndexLifecycleService` schedules itself on that interval) and when the clock is moved, and the
//! disk-watermark monitor runs with it; SLM's scheduled snapshots and retention that fell due
//! run first.

use serde::{Deserialize, Serialize};

use super::data_stream_lifecycle;
use super::disk;
use super::error::EsResult;
use super::ilm;
use super::slm;
use super::state::Cluster;

/// The cluster's notion of "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Frozen: the time it reads, epoch millis. Following the wall clock: how far ahead of it the
    /// clock is (what was advanced or set), millis.
    millis: i64,
    /// Whether the clock only moves when advanced or set.
    frozen: bool,
}

impl Default for Clock {
    /// Wall time (a state file from before the clock followed the wall clock).
    fn default() -> Self {
        Clock { millis: 0, frozen: false }
    }
}

fn wall_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Clock {
    /// A clock that reads `at` now and then follows the wall clock.
    pub fn following_wall(at: i64) -> Self {
        Clock { millis: at - wall_millis(), frozen: false }
    }

    /// A clock that reads `at` until advanced or set.
    pub fn frozen(at: i64) -> Self {
        Clock { millis: at, frozen: true }
    }

    /// Whether the clock only moves when told.
    pub fn is_frozen(&self) -> bool {
        self.frozen
    }

    /// The time, epoch millis.
    pub fn now(&self) -> i64 {
        if self.frozen { self.millis } else { wall_millis() + self.millis }
    }

    /// Makes the clock read `at` (and follow the wall clock from there, unless frozen).
    pub fn set(&mut self, at: i64) {
        self.millis = if self.frozen { at } else { at - wall_millis() };
    }

    /// Moves the clock forward by `millis`.
    pub fn advance(&mut self, millis: i64) {
        self.millis += millis;
    }
}

/// Whether ILM's periodic run is due: a poll interval has passed on the clock since the last one.
/// Cheap, and needs only read access, so a read request only takes the write lock when it is.
pub fn periodic_due(cluster: &Cluster) -> bool {
    cluster.now_millis() - cluster.last_periodic_run_millis >= ilm::engine::poll_interval(cluster)
        || crate::opensearch::ism::runner::due(cluster)
}

/// What runs as time passes, as on a cluster: ILM's periodic run, the data stream lifecycle's
/// (ES schedules it on `data_streams.lifecycle.poll_interval`, 5m; here it runs with ILM's) and
/// the disk-watermark monitor. Runs every poll interval of the clock and whenever the clock is
/// moved.
pub fn run_periodic(cluster: &mut Cluster) -> EsResult<()> {
    let now = cluster.now_millis();
    slm::run_scheduled(cluster, now);
    cluster.last_periodic_run_millis = now;
    ilm::run_engine(cluster);
    crate::opensearch::ism::runner::run(cluster);
    data_stream_lifecycle::run(cluster);
    disk::apply_watermarks(cluster)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::EsVersion;

    #[test]
    fn a_wall_clock_moves_and_keeps_what_was_advanced_or_set() {
        let mut clock = Clock::following_wall(1_000);
        let first = clock.now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() >= first + 20, "the clock follows wall time");
        clock.set(5_000_000);
        clock.advance(1_000);
        let now = clock.now();
        assert!((5_001_000..5_001_000 + 1_000).contains(&now), "{now}");
    }

    #[test]
    fn a_frozen_clock_only_moves_when_told() {
        let mut clock = Clock::frozen(1_000);
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(clock.now(), 1_000);
        clock.advance(500);
        assert_eq!(clock.now(), 1_500);
        clock.set(10);
        assert_eq!(clock.now(), 10);
    }

    #[test]
    fn ilm_is_due_every_poll_interval_of_the_clock() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        run_periodic(&mut c).unwrap();
        assert!(!periodic_due(&c));
        c.clock.advance(9 * 60_000);
        assert!(!periodic_due(&c), "the default poll interval is 10m");
        c.clock.advance(60_000);
        assert!(periodic_due(&c));
        c.persistent_settings.insert("indices.lifecycle.poll_interval".into(), "1h".into());
        assert!(!periodic_due(&c), "the interval is the cluster setting's");
    }
}
