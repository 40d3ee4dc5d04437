//! Days until the flood stage: each family's daily size projected by a linear fit over its last
//! [`FIT_DAYS`] complete days, minus what its ILM delete phase will remove on the way — both the
//! indices that exist now (at their lifecycle date plus the delete age) and the ones still to be
//! written. A cluster whose families are all under a delete policy levels off; without one it
//! fills up. Pure arithmetic over day numbers.

use chrono::{Days, NaiveDate};

use super::report::{Confidence, Forecast};

/// Days of history the fit uses.
pub const FIT_DAYS: i64 = 14;

/// How far ahead the forecast looks.
pub const MAX_FORECAST_DAYS: u32 = 730;

/// What the forecast needs to know about one family.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FamilyGrowth {
    /// Bytes per complete day, oldest first, over at most [`FIT_DAYS`] days ending yesterday,
    /// starting no earlier than the family's first day.
    pub history: Vec<u64>,
    /// The delete phase's age in whole days, when the family's policy deletes.
    pub delete_after_days: Option<u32>,
    /// Existing members ILM will delete: (days from now, at least 1; bytes).
    pub scheduled_deletions: Vec<(u32, u64)>,
}

/// A least-squares line through `history` (x = 0, 1, …): (intercept, slope).
fn linear_fit(history: &[u64]) -> (f64, f64) {
    let n = history.len() as f64;
    if history.len() < 2 {
        return (history.first().copied().unwrap_or(0) as f64, 0.0);
    }
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = history.iter().map(|&y| y as f64).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (x, &y) in history.iter().enumerate() {
        let dx = x as f64 - mean_x;
        sxy += dx * (y as f64 - mean_y);
        sxx += dx * dx;
    }
    let slope = sxy / sxx;
    (mean_y - slope * mean_x, slope)
}

impl FamilyGrowth {
    /// Projected bytes written on day `k` from now (k ≥ 1), never negative.
    fn ingest(&self, fit: (f64, f64), k: u32) -> f64 {
        if self.history.is_empty() {
            return 0.0;
        }
        let x = (self.history.len() - 1) as f64 + f64::from(k);
        (fit.0 + fit.1 * x).max(0.0)
    }

    /// Bytes ILM deletes on day `k`: existing members due that day, and members written `delete
    /// age` days earlier.
    fn deleted(&self, fit: (f64, f64), k: u32) -> f64 {
        let existing: u64 = self.scheduled_deletions.iter().filter(|(day, _)| *day == k).map(|(_, b)| b).sum();
        let future = match self.delete_after_days {
            Some(d) if k > d => self.ingest(fit, k - d),
            _ => 0.0,
        };
        existing as f64 + future
    }
}

/// Forecasts when `used_bytes` reaches `flood_stage_bytes` (the sum over nodes), from `today`.
pub fn forecast(
    families: &[FamilyGrowth],
    used_bytes: u64,
    flood_stage_bytes: Option<u64>,
    today: NaiveDate,
) -> Forecast {
    let fits: Vec<(f64, f64)> = families.iter().map(|f| linear_fit(&f.history)).collect();
    let net =
        |k: u32| -> f64 { families.iter().zip(&fits).map(|(f, &fit)| f.ingest(fit, k) - f.deleted(fit, k)).sum() };
    let history_days = families.iter().map(|f| f.history.len()).max().unwrap_or(0) as u32;
    let confidence = match history_days {
        0..7 => Confidence::Low,
        7..14 => Confidence::Medium,
        _ => Confidence::High,
    };
    let days_until_flood_stage = flood_stage_bytes.and_then(|flood| {
        if used_bytes >= flood {
            return Some(0);
        }
        let mut used = used_bytes as f64;
        (1..=MAX_FORECAST_DAYS).find(|&k| {
            used += net(k);
            used >= flood as f64
        })
    });
    let method = format!(
        "linear fit of each family's daily size over the last {FIT_DAYS} complete days, \
         minus what ILM delete phases remove (existing indices at lifecycle date + delete age, \
         future ones after the delete age); {history_days} day{} of history",
        if history_days == 1 { "" } else { "s" }
    );
    Forecast {
        days_until_flood_stage,
        flood_stage_date: days_until_flood_stage.and_then(|d| today.checked_add_days(Days::new(u64::from(d)))),
        net_daily_growth_bytes: net(1).round() as i64,
        history_days,
        confidence,
        method,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GB: u64 = 1 << 30;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
    }

    #[test]
    fn steady_growth_without_deletion_fills_the_disk_linearly() {
        let f = FamilyGrowth { history: vec![10 * GB; 14], ..Default::default() };
        let fc = forecast(&[f], 100 * GB, Some(205 * GB), today());
        // 100 GB + 10 GB/day reaches 205 GB on day 11.
        assert_eq!(fc.days_until_flood_stage, Some(11));
        assert_eq!(fc.flood_stage_date, NaiveDate::from_ymd_opt(2024, 3, 26));
        assert_eq!(fc.net_daily_growth_bytes, (10 * GB) as i64);
        assert_eq!(fc.confidence, Confidence::High);
    }

    #[test]
    fn the_trend_is_extrapolated() {
        let history: Vec<u64> = (1..=14).map(|d| d * GB).collect();
        let f = FamilyGrowth { history, ..Default::default() };
        let fc = forecast(&[f], 0, Some(1000 * GB), today());
        assert_eq!(fc.net_daily_growth_bytes, (15 * GB) as i64);
        // 15 + 16 + … ≥ 1000 GB after 33 days (976 GB after 32).
        assert_eq!(fc.days_until_flood_stage, Some(33));
    }

    #[test]
    fn a_delete_phase_levels_the_disk_off() {
        // 10 GB/day kept 5 days: the 5 existing days go one per day, then each new day after 5.
        let scheduled = (1..=5).map(|d| (d, 10 * GB)).collect();
        let f = FamilyGrowth { history: vec![10 * GB; 14], delete_after_days: Some(5), scheduled_deletions: scheduled };
        let fc = forecast(&[f], 50 * GB, Some(60 * GB), today());
        assert_eq!(fc.days_until_flood_stage, None);
        assert_eq!(fc.net_daily_growth_bytes, 0);
    }

    #[test]
    fn little_history_means_low_confidence_and_no_disk_means_no_date() {
        let f = FamilyGrowth { history: vec![GB; 3], ..Default::default() };
        let fc = forecast(&[f], 0, None, today());
        assert_eq!(fc.confidence, Confidence::Low);
        assert_eq!(fc.days_until_flood_stage, None);
        assert!(fc.method.contains("3 days of history"), "{}", fc.method);
        assert_eq!(forecast(&[], 10, Some(5), today()).days_until_flood_stage, Some(0));
    }

    #[test]
    fn shrinking_families_never_project_negative_writes() {
        let history: Vec<u64> = (0..14).rev().map(|d| d * GB).collect();
        let f = FamilyGrowth { history, ..Default::default() };
        let fc = forecast(&[f], 0, Some(GB), today());
        assert_eq!(fc.net_daily_growth_bytes, 0);
        assert_eq!(fc.days_until_flood_stage, None);
    }
}
