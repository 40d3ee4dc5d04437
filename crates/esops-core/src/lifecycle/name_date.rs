//! Dates in index names: `python-logs-2024.03.15`, `app-2024-03-15`, `metrics-2024.03`, `audit-20240315`.
//!
//! Parsing is strict on purpose. A name either carries a valid UTC calendar date in one of the
//! formats below, or it carries something that looks like a date but is not one (`2024.02.30`,
//! `2024.13.01`, `2024.3.15`), which callers must report instead of guessing — one malformed name
//! must never stop a retention run or an audit, and never be deleted on a guess. Year-less and
//! partial dates (`03.15`, `2024-03`) are never dates.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

/// How much time one index named by a date covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One UTC day.
    Day,
    /// One UTC calendar month.
    Month,
}

/// The date formats recognised at the end of index names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum DateFormat {
    /// `yyyy.MM.dd`, Logstash's and Filebeat's default (`%{+yyyy.MM.dd}`).
    #[serde(rename = "yyyy.MM.dd")]
    DottedDay,
    /// `yyyy-MM-dd`.
    #[serde(rename = "yyyy-MM-dd")]
    DashedDay,
    /// `yyyyMMdd`.
    #[serde(rename = "yyyyMMdd")]
    CompactDay,
    /// `yyyy.MM`, monthly indices.
    #[serde(rename = "yyyy.MM")]
    DottedMonth,
}

impl DateFormat {
    /// Every format, in the order [`split_date_suffix`] tries them.
    pub const ALL: [DateFormat; 4] =
        [DateFormat::DottedDay, DateFormat::DashedDay, DateFormat::CompactDay, DateFormat::DottedMonth];

    /// The period one index of this format covers.
    pub fn granularity(self) -> Granularity {
        match self {
            DateFormat::DottedMonth => Granularity::Month,
            DateFormat::DottedDay | DateFormat::DashedDay | DateFormat::CompactDay => Granularity::Day,
        }
    }

    /// The Java (Elasticsearch date math) pattern: `yyyy.MM.dd`.
    pub fn pattern(self) -> &'static str {
        match self {
            DateFormat::DottedDay => "yyyy.MM.dd",
            DateFormat::DashedDay => "yyyy-MM-dd",
            DateFormat::CompactDay => "yyyyMMdd",
            DateFormat::DottedMonth => "yyyy.MM",
        }
    }

    /// The same pattern for chrono's `format`/`parse`: `%Y.%m.%d`.
    pub fn strftime(self) -> &'static str {
        match self {
            DateFormat::DottedDay => "%Y.%m.%d",
            DateFormat::DashedDay => "%Y-%m-%d",
            DateFormat::CompactDay => "%Y%m%d",
            DateFormat::DottedMonth => "%Y.%m",
        }
    }

    /// Whether `text` has this format's shape (digits and separators in the right places),
    /// whatever the values. `2024.02.30` has the shape of `yyyy.MM.dd`; `2024.2.3` does not.
    pub fn has_shape(self, text: &str) -> bool {
        let shape: &[u8] = match self {
            DateFormat::DottedDay => b"dddd.dd.dd",
            DateFormat::DashedDay => b"dddd-dd-dd",
            DateFormat::CompactDay => b"dddddddd",
            DateFormat::DottedMonth => b"dddd.dd",
        };
        text.len() == shape.len()
            && text.bytes().zip(shape).all(|(c, &s)| if s == b'd' { c.is_ascii_digit() } else { c == s })
    }

    /// The date `text` names in this format, if it has the shape and is a real calendar date
    /// (`2024.02.29` yes, `2023.02.29` no). A month names its first day.
    pub fn parse(self, text: &str) -> Option<NaiveDate> {
        if !self.has_shape(text) {
            return None;
        }
        // The shape holds only ASCII digits and separators: the digits are read in place (one
        // name per index, 100,000 of them in an audit).
        let mut digits = text.bytes().filter(u8::is_ascii_digit).map(|c| u32::from(c - b'0'));
        let mut number = |len: usize| digits.by_ref().take(len).fold(0, |n, d| n * 10 + d);
        let (year, month) = (number(4), number(2));
        let day = if self.granularity() == Granularity::Month { 1 } else { number(2) };
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    }

    /// `date` written in this format.
    pub fn format(self, date: NaiveDate) -> String {
        date.format(self.strftime()).to_string()
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pattern())
    }
}

impl FromStr for DateFormat {
    type Err = String;

    /// Accepts the Java pattern (`yyyy.MM.dd`, as in index templates and Logstash configs) or
    /// the strftime one (`%Y.%m.%d`, as in Curator's `timestring`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateFormat::ALL.into_iter().find(|f| f.pattern() == s || f.strftime() == s).ok_or_else(|| {
            let known: Vec<&str> = DateFormat::ALL.iter().map(|f| f.pattern()).collect();
            format!("unknown date format {s:?}; known: {} (or their %Y/%m/%d forms)", known.join(", "))
        })
    }
}

/// The date an index name carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NameDate {
    /// A valid date, in UTC, and the format it was written in (which gives its granularity).
    /// A monthly index names the first day of its month.
    Parsed(NaiveDate, DateFormat),
    /// Something in the date position that is not a valid date: `2024.02.30`, `2024.13.01`,
    /// `2024.3.15`, `20241301`. The text is kept for messages.
    Unparsable(String),
    /// No date in the name.
    None,
}

impl NameDate {
    /// The date, when there is a valid one.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            NameDate::Parsed(date, _) => Some(*date),
            NameDate::Unparsable(_) | NameDate::None => None,
        }
    }

    /// The format, when the date is valid.
    pub fn format(&self) -> Option<DateFormat> {
        match self {
            NameDate::Parsed(_, format) => Some(*format),
            NameDate::Unparsable(_) | NameDate::None => None,
        }
    }

    /// The granularity, when the date is valid.
    pub fn granularity(&self) -> Option<Granularity> {
        self.format().map(DateFormat::granularity)
    }

    /// The first day after the period the name covers (the day after a daily index's date, the
    /// first of the next month for a monthly one): the index is complete from then on.
    pub fn period_end(&self) -> Option<NaiveDate> {
        let NameDate::Parsed(date, format) = self else { return None };
        match format.granularity() {
            Granularity::Day => date.succ_opt(),
            Granularity::Month => date.checked_add_months(Months::new(1)),
        }
    }

    /// True when the period the name covers starts after `now`'s UTC day (or month): a clock or
    /// shipper misconfiguration, and never something to delete by age.
    pub fn is_future(&self, now: DateTime<Utc>) -> bool {
        let today = now.date_naive();
        match self {
            NameDate::Parsed(date, format) => match format.granularity() {
                Granularity::Day => *date > today,
                Granularity::Month => (date.year(), date.month()) > (today.year(), today.month()),
            },
            NameDate::Unparsable(_) | NameDate::None => false,
        }
    }
}

/// Splits a trailing `-DATE` off `name`: `("python-logs", Parsed(2024-03-15, DottedDay))` for
/// `python-logs-2024.03.15`. Returns `None` when the name does not end with something in a date
/// position, or when nothing would be left before the date.
///
/// Date-like but invalid text is returned as [`NameDate::Unparsable`]: a dotted suffix starting
/// with a four-digit year (`2024.02.30`, `2024.3.15`, `2024.03.15.12`), a dashed day with bad
/// values (`2024-13-01`), or eight digits starting like a year (`20241301`).
pub fn split_date_suffix(name: &str) -> Option<(&str, NameDate)> {
    // Dashed days contain the separator, so they are found by length rather than by the last '-'.
    if let Some(prefix_len) = name.len().checked_sub("-yyyy-MM-dd".len()) {
        let (prefix, tail) = name.split_at_checked(prefix_len)?;
        if let Some(text) = tail.strip_prefix('-')
            && DateFormat::DashedDay.has_shape(text)
            && !prefix.is_empty()
        {
            return Some((prefix, parsed_or_unparsable(DateFormat::DashedDay, text)));
        }
    }
    let (prefix, text) = name.rsplit_once('-')?;
    if prefix.is_empty() {
        return None;
    }
    for format in [DateFormat::DottedDay, DateFormat::DottedMonth, DateFormat::CompactDay] {
        if format.has_shape(text) {
            if format == DateFormat::CompactDay && !(text.starts_with("19") || text.starts_with("20")) {
                // Eight digits that do not start like a year are a counter, not a date.
                return None;
            }
            return Some((prefix, parsed_or_unparsable(format, text)));
        }
    }
    if looks_like_dotted_date(text) {
        return Some((prefix, NameDate::Unparsable(text.to_string())));
    }
    None
}

fn parsed_or_unparsable(format: DateFormat, text: &str) -> NameDate {
    match format.parse(text) {
        Some(date) => NameDate::Parsed(date, format),
        None => NameDate::Unparsable(text.to_string()),
    }
}

/// `2024.3.15`, `2024.03.15.12`: a four-digit year followed by dotted numbers. Versions such as
/// `8.12.0` do not start with four digits, so `filebeat-8.12.0` keeps its name.
fn looks_like_dotted_date(text: &str) -> bool {
    let mut parts = text.split('.');
    let year_like = parts.next().is_some_and(|y| y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()));
    let rest: Vec<&str> = parts.collect();
    year_like && !rest.is_empty() && rest.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn now(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn each_format_is_recognised() {
        assert_eq!(
            split_date_suffix("python-logs-2024.03.15"),
            Some(("python-logs", NameDate::Parsed(day(2024, 3, 15), DateFormat::DottedDay)))
        );
        assert_eq!(
            split_date_suffix("app-2024-03-15"),
            Some(("app", NameDate::Parsed(day(2024, 3, 15), DateFormat::DashedDay)))
        );
        assert_eq!(
            split_date_suffix("audit-20240315"),
            Some(("audit", NameDate::Parsed(day(2024, 3, 15), DateFormat::CompactDay)))
        );
        assert_eq!(
            split_date_suffix("metrics-2024.03"),
            Some(("metrics", NameDate::Parsed(day(2024, 3, 1), DateFormat::DottedMonth)))
        );
    }

    #[test]
    fn leap_days_follow_the_calendar() {
        assert_eq!(split_date_suffix("logs-2024.02.29").unwrap().1.date(), Some(day(2024, 2, 29)));
        assert_eq!(split_date_suffix("logs-2023.02.29").unwrap().1, NameDate::Unparsable("2023.02.29".into()));
        assert_eq!(split_date_suffix("logs-2000-02-29").unwrap().1.date(), Some(day(2000, 2, 29)));
        assert_eq!(split_date_suffix("logs-19000229").unwrap().1, NameDate::Unparsable("19000229".into()));
    }

    #[test]
    fn invalid_dates_are_unparsable_not_part_of_the_name() {
        for (name, text) in [
            ("logs-2024.02.30", "2024.02.30"),
            ("logs-2024.13.01", "2024.13.01"),
            ("logs-2024.00.10", "2024.00.10"),
            ("logs-2024-13-01", "2024-13-01"),
            ("logs-20241301", "20241301"),
            ("logs-2024.3.15", "2024.3.15"),
            ("logs-2024.03.15.12", "2024.03.15.12"),
            ("logs-2024.13", "2024.13"),
        ] {
            assert_eq!(split_date_suffix(name), Some(("logs", NameDate::Unparsable(text.into()))), "{name}");
        }
    }

    #[test]
    fn year_less_partial_and_version_suffixes_are_not_dates() {
        for name in ["logs-03.15", "logs-2024-03", "logs-2024", "filebeat-8.12.0", "logs", "2024.03.15", "-2024.03.15"]
        {
            assert_eq!(split_date_suffix(name), None, "{name}");
        }
        // Eight digits that do not start like a year are a counter.
        assert_eq!(split_date_suffix("logs-00000123"), None);
    }

    #[test]
    fn periods_end_at_the_next_day_or_month() {
        let d = NameDate::Parsed(day(2024, 12, 31), DateFormat::DottedDay);
        assert_eq!(d.period_end(), Some(day(2025, 1, 1)));
        let m = NameDate::Parsed(day(2024, 12, 1), DateFormat::DottedMonth);
        assert_eq!(m.period_end(), Some(day(2025, 1, 1)));
        assert_eq!(NameDate::Unparsable("x".into()).period_end(), None);
    }

    #[test]
    fn future_is_judged_on_the_utc_day() {
        let d = NameDate::Parsed(day(2024, 3, 16), DateFormat::DottedDay);
        // 23:30 UTC on the 15th is already the 16th in Berlin: still future in UTC.
        assert!(d.is_future(now("2024-03-15T23:30:00Z")));
        assert!(d.is_future(now("2024-03-16T00:30:00+02:00")));
        assert!(!d.is_future(now("2024-03-16T00:00:00Z")));
        let m = NameDate::Parsed(day(2024, 4, 1), DateFormat::DottedMonth);
        assert!(m.is_future(now("2024-03-31T12:00:00Z")));
        assert!(!m.is_future(now("2024-04-01T00:00:00Z")));
        assert!(!NameDate::Unparsable("2999.02.30".into()).is_future(now("2024-01-01T00:00:00Z")));
    }

    #[test]
    fn formats_round_trip_and_parse_from_patterns() {
        for f in DateFormat::ALL {
            assert_eq!(f.parse(&f.format(day(2024, 2, 1))), Some(day(2024, 2, 1)));
            assert_eq!(f.pattern().parse::<DateFormat>(), Ok(f));
            assert_eq!(f.strftime().parse::<DateFormat>(), Ok(f));
        }
        assert!("dd.MM.yyyy".parse::<DateFormat>().unwrap_err().contains("yyyy.MM.dd"));
    }
}
