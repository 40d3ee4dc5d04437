//! When to try a request again, and how long to wait first.

use std::time::Duration;

/// Bounds on retrying transient failures (429/502/503/504 and broken connections) of idempotent requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
    /// Backoff before the first retry; doubles on each further one.
    pub base_delay: Duration,
    /// Longest single wait, also the cap on a server's `Retry-After`.
    pub max_delay: Duration,
    /// Total time after which no further attempt starts.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            budget: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retry number `retry` (1-based), given the server's `Retry-After`
    /// (seconds) and a jitter factor in `[0, 1)`. "Equal jitter": half the exponential delay is
    /// fixed, half random, so clients spread out without waiting near zero.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
        if let Some(ra) = retry_after {
            return ra.min(self.max_delay);
        }
        let exp = self.base_delay.saturating_mul(1u32 << (retry.saturating_sub(1)).min(16));
        let capped = exp.min(self.max_delay);
        capped / 2 + capped.mul_f64(jitter.clamp(0.0, 1.0) / 2.0)
    }

    /// Whether another attempt may start after `attempts` attempts and `elapsed` time, waiting `next_delay`.
    pub fn allows(&self, attempts: u32, elapsed: Duration, next_delay: Duration) -> bool {
        attempts < self.max_attempts && elapsed + next_delay < self.budget
    }
}

/// Reads a `Retry-After` header: delay-seconds (ES and proxies send that form).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, None, 0.0), Duration::from_millis(100));
        assert_eq!(p.delay(1, None, 0.999_999).as_millis(), 199);
        assert_eq!(p.delay(3, None, 0.0), Duration::from_millis(400));
        assert_eq!(p.delay(30, None, 0.0), Duration::from_secs(5));
    }

    #[test]
    fn retry_after_wins_but_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, Some(Duration::from_secs(2)), 0.5), Duration::from_secs(2));
        assert_eq!(p.delay(1, Some(Duration::from_secs(3600)), 0.5), p.max_delay);
    }

    #[test]
    fn bounded_by_count_and_time() {
        let p = RetryPolicy::default();
        assert!(p.allows(1, Duration::ZERO, Duration::from_millis(100)));
        assert!(!p.allows(5, Duration::ZERO, Duration::from_millis(100)));
        assert!(!p.allows(1, Duration::from_secs(59), Duration::from_secs(2)));
    }

    #[test]
    fn retry_after_header_forms() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
