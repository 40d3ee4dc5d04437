//! `--date-format`: an explicit format for the date at the end of index names, checked before any
//! request so that only complete dates can ever age an index.
//!
//! Curator deleted data through timestrings without a year (`%m.%d` matches the same day of every
//! year) and through month formats that also match daily indices (`%Y.%m` inside
//! `2024.03.15`). Here a format must name a year and a month, and the date must be the whole
//! suffix of the name ([`super::family::family_of`] reads it from the end), so neither can happen.

use super::name_date::DateFormat;

/// Why a `--date-format` is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--date-format {format:?}: {reason}")]
pub struct DateFormatError {
    /// The format as given.
    pub format: String,
    /// What is wrong with it, and what to use instead.
    pub reason: String,
}

/// One field of a date pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    TwoDigitYear,
    Month,
    MonthName,
    Day,
    DayOfYear,
    Week,
    Hour,
    Minute,
}

/// Pattern tokens in both spellings: strftime (Curator's `timestring`) and Java (Logstash,
/// Elasticsearch date math). Longest first, so `yyyy` wins over `yy`.
const TOKENS: [(&str, Field); 24] = [
    ("yyyy", Field::Year),
    ("uuuu", Field::Year),
    ("%Y", Field::Year),
    ("%G", Field::Year),
    ("yy", Field::TwoDigitYear),
    ("%y", Field::TwoDigitYear),
    ("MMM", Field::MonthName),
    ("%b", Field::MonthName),
    ("MM", Field::Month),
    ("%m", Field::Month),
    ("DDD", Field::DayOfYear),
    ("%j", Field::DayOfYear),
    ("dd", Field::Day),
    ("%d", Field::Day),
    ("ww", Field::Week),
    ("%W", Field::Week),
    ("%U", Field::Week),
    ("%V", Field::Week),
    ("HH", Field::Hour),
    ("%H", Field::Hour),
    ("mm", Field::Minute),
    ("%M", Field::Minute),
    ("hh", Field::Hour),
    ("%I", Field::Hour),
];

fn tokenize(format: &str) -> Result<Vec<Field>, String> {
    let mut fields = Vec::new();
    let mut rest = format;
    while !rest.is_empty() {
        if let Some((token, field)) = TOKENS.iter().find(|(t, _)| rest.starts_with(t)) {
            fields.push(*field);
            rest = &rest[token.len()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        if !matches!(c, '.' | '-' | '_') {
            return Err(format!("{c:?} is neither a date field (yyyy, MM, dd or %Y, %m, %d) nor a separator (. - _)"));
        }
        rest = &rest[c.len_utf8()..];
    }
    Ok(fields)
}

/// Reads a `--date-format` (`yyyy.MM.dd`, `%Y.%m.%d`, …) into one of the layouts esops reads from
/// index names. Year-less, two-digit-year, partial and sub-day formats are refused with the reason.
pub fn parse_date_format(format: &str) -> Result<DateFormat, DateFormatError> {
    let refuse = |reason: String| DateFormatError { format: format.to_string(), reason };
    let fields = tokenize(format).map_err(refuse)?;
    let has = |f: Field| fields.contains(&f);
    if has(Field::TwoDigitYear) {
        return Err(refuse(
            "a two-digit year (yy, %y) cannot tell 1924 from 2024; use a four-digit year (yyyy, %Y)".into(),
        ));
    }
    if !has(Field::Year) {
        return Err(refuse(
            "it has no year, so `03.15` would match March 15 of every year and last year's indices would look \
             months old instead of a year old (Curator users lost data this way); use a full date such as yyyy.MM.dd"
                .into(),
        ));
    }
    if has(Field::Week) || has(Field::DayOfYear) || has(Field::MonthName) {
        return Err(refuse(
            "week numbers, days of the year and month names are not supported; esops reads yyyy.MM.dd, \
             yyyy-MM-dd, yyyyMMdd and yyyy.MM"
                .into(),
        ));
    }
    if has(Field::Hour) || has(Field::Minute) {
        return Err(refuse(
            "hours and minutes are not supported: retention works on daily and monthly indices \
             (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM)"
                .into(),
        ));
    }
    if !has(Field::Month) {
        return Err(refuse(
            "a year alone is a partial date; esops needs at least year and month (yyyy.MM for monthly indices)".into(),
        ));
    }
    format.parse::<DateFormat>().map_err(|_| {
        refuse(format!(
            "this layout is not supported; use one of {} (or their %Y/%m/%d forms)",
            DateFormat::ALL.iter().map(|f| f.pattern()).collect::<Vec<_>>().join(", ")
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_of_the_supported_layouts() {
        assert_eq!(parse_date_format("yyyy.MM.dd"), Ok(DateFormat::DottedDay));
        assert_eq!(parse_date_format("%Y.%m.%d"), Ok(DateFormat::DottedDay));
        assert_eq!(parse_date_format("%Y-%m-%d"), Ok(DateFormat::DashedDay));
        assert_eq!(parse_date_format("yyyyMMdd"), Ok(DateFormat::CompactDay));
        assert_eq!(parse_date_format("%Y.%m"), Ok(DateFormat::DottedMonth));
    }

    #[test]
    fn year_less_formats_are_refused_with_the_reason() {
        for f in ["%m.%d", "MM.dd", "dd", "%d-%m"] {
            let e = parse_date_format(f).unwrap_err();
            assert!(e.reason.contains("no year"), "{f}: {e}");
        }
        assert!(parse_date_format("yy.MM.dd").unwrap_err().reason.contains("two-digit year"));
        assert!(parse_date_format("%y%m%d").unwrap_err().reason.contains("two-digit year"));
    }

    #[test]
    fn partial_and_unsupported_formats_are_refused() {
        assert!(parse_date_format("%Y").unwrap_err().reason.contains("partial"));
        assert!(parse_date_format("yyyy.dd").unwrap_err().reason.contains("partial"));
        assert!(parse_date_format("%Y.%W").unwrap_err().reason.contains("week"));
        assert!(parse_date_format("%Y.%j").unwrap_err().reason.contains("week"));
        assert!(parse_date_format("yyyy.MM.dd.HH").unwrap_err().reason.contains("hours"));
        assert!(parse_date_format("dd.MM.yyyy").unwrap_err().reason.contains("not supported"));
        assert!(parse_date_format("yyyy/MM/dd").unwrap_err().reason.contains("separator"));
        let e = parse_date_format("%m.%d").unwrap_err().to_string();
        assert!(e.starts_with("--date-format \"%m.%d\": it has no year"), "{e}");
    }
}
