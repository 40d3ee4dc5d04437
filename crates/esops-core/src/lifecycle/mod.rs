//! Index lifecycle logic that needs no cluster: families and dates in index names, retention,
//! rollover, and the ILM state of indices.
//! Pure functions from data to data; "now" is always passed in.

pub mod bootstrap;
pub mod date_format;
pub mod family;
pub mod ilm;
pub mod ilm_change;
pub mod index_action;
pub mod name_date;
pub mod retention;
pub mod rollover;

/// Time from `since` to `now`, epoch millis both; `None` when `since` is after `now`: the
/// cluster's clock is ahead of the one esops measures with (clock skew), so the age is unknown —
/// never a negative age.
pub fn elapsed_millis(now_millis: i64, since_millis: i64) -> Option<i64> {
    now_millis.checked_sub(since_millis).filter(|d| *d >= 0)
}
