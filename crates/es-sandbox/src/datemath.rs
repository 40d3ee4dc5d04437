//! Date math in index names (`<logs-{now/d}-000001>`) and the date strings the sandbox accepts.
//!
//! ES resolves `<static{expr{format|tz}}static>` against the cluster clock when an index is created
//! and again at every rollover, which is why rolled-over names carry the rollover day.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};

use super::error::{EsError, EsResult};

/// Resolves a date-math index name against `now_millis`; plain names are returned unchanged.
pub fn resolve_index_name(name: &str, now_millis: i64) -> EsResult<String> {
    if !(name.starts_with('<') && name.ends_with('>')) || name.len() < 2 {
        return Ok(name.to_string());
    }
    let inner = &name[1..name.len() - 1];
    let invalid =
        |why: &str| EsError::new(400, "parse_exception", format!("invalid date math expression [{name}]: {why}"));
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => out.push(escaped),
                None => return Err(invalid("dangling escape")),
            },
            '{' => {
                // Collect up to the matching close brace; a nested `{format|tz}` may appear once.
                let mut expr = String::new();
                let mut format: Option<String> = None;
                loop {
                    match chars.next() {
                        Some('{') => {
                            let mut f = String::new();
                            loop {
                                match chars.next() {
                                    Some('}') => break,
                                    Some(ch) => f.push(ch),
                                    None => return Err(invalid("unclosed format")),
                                }
                            }
                            format = Some(f);
                        }
                        Some('}') => break,
                        Some(ch) => expr.push(ch),
                        None => return Err(invalid("missing closing '}'")),
                    }
                }
                out.push_str(&render_expression(&expr, format.as_deref(), now_millis).map_err(|e| invalid(&e))?);
            }
            '}' => return Err(invalid("unexpected '}'")),
            other => out.push(other),
        }
    }
    Ok(out)
}

fn render_expression(expr: &str, format: Option<&str>, now_millis: i64) -> Result<String, String> {
    let (pattern, zone) = match format {
        Some(f) => match f.split_once('|') {
            Some((p, z)) => (p, Some(z)),
            None => (f, None),
        },
        None => ("uuuu.MM.dd", None),
    };
    let offset = match zone {
        None => FixedOffset::east_opt(0).ok_or("bad zone")?,
        Some(z) => parse_offset(z).ok_or_else(|| format!("unsupported time zone [{z}]"))?,
    };
    let millis = evaluate(expr, now_millis, offset)?;
    let at = offset.timestamp_millis_opt(millis).single().ok_or("date out of range")?;
    Ok(at.format(&java_pattern_to_chrono(pattern)).to_string())
}

fn parse_offset(zone: &str) -> Option<FixedOffset> {
    if zone.eq_ignore_ascii_case("utc") || zone == "Z" {
        return FixedOffset::east_opt(0);
    }
    let sign = match zone.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let (h, m) = zone[1..].split_once(':').unwrap_or((&zone[1..], "0"));
    FixedOffset::east_opt(sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60))
}

/// Evaluates `now-1d/d` or `2022-12-31||+1M/M` to epoch millis; rounding is down, in `offset`.
fn evaluate(expr: &str, now_millis: i64, offset: FixedOffset) -> Result<i64, String> {
    let (anchor, mut ops) = if let Some(rest) = expr.strip_prefix("now") {
        (now_millis, rest)
    } else {
        let (date, rest) = expr.split_once("||").ok_or_else(|| format!("unsupported anchor in [{expr}]"))?;
        (parse_date_millis(date).ok_or_else(|| format!("cannot parse date [{date}]"))?, rest)
    };
    let mut at = offset.timestamp_millis_opt(anchor).single().ok_or("date out of range")?;
    while let Some(op) = ops.chars().next() {
        ops = &ops[1..];
        let digits: String = ops.chars().take_while(char::is_ascii_digit).collect();
        ops = &ops[digits.len()..];
        let unit = ops.chars().next().ok_or("missing unit")?;
        ops = &ops[unit.len_utf8()..];
        match op {
            '/' => at = round_down(at, unit)?,
            '+' | '-' => {
                let n: i64 = if digits.is_empty() { 1 } else { digits.parse().map_err(|_| "bad number")? };
                at = shift(at, if op == '+' { n } else { -n }, unit)?;
            }
            other => return Err(format!("operator not supported [{other}]")),
        }
    }
    Ok(at.timestamp_millis())
}

fn round_down(at: DateTime<FixedOffset>, unit: char) -> Result<DateTime<FixedOffset>, String> {
    let date = at.date_naive();
    let day_start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).ok_or("bad date");
    let naive = match unit {
        'y' => day_start(NaiveDate::from_ymd_opt(date.year(), 1, 1).ok_or("bad date")?)?,
        'M' => day_start(NaiveDate::from_ymd_opt(date.year(), date.month(), 1).ok_or("bad date")?)?,
        'w' => day_start(date - Duration::days(i64::from(date.weekday().num_days_from_monday())))?,
        'd' => day_start(date)?,
        'h' | 'H' => date.and_hms_opt(at.hour(), 0, 0).ok_or("bad date")?,
        'm' => date.and_hms_opt(at.hour(), at.minute(), 0).ok_or("bad date")?,
        's' => date.and_hms_opt(at.hour(), at.minute(), at.second()).ok_or("bad date")?,
        other => return Err(format!("rounding `/{other}` is not supported")),
    };
    at.offset().from_local_datetime(&naive).single().ok_or_else(|| "bad date".to_string())
}

fn shift(at: DateTime<FixedOffset>, n: i64, unit: char) -> Result<DateTime<FixedOffset>, String> {
    let months = |m: i64| {
        let m32 = i32::try_from(m).map_err(|_| "out of range".to_string())?;
        let shifted = if m32 >= 0 {
            at.checked_add_months(chrono::Months::new(m32.unsigned_abs()))
        } else {
            at.checked_sub_months(chrono::Months::new(m32.unsigned_abs()))
        };
        shifted.ok_or_else(|| "out of range".to_string())
    };
    match unit {
        'y' => months(n * 12),
        'M' => months(n),
        'w' => Ok(at + Duration::weeks(n)),
        'd' => Ok(at + Duration::days(n)),
        'h' | 'H' => Ok(at + Duration::hours(n)),
        'm' => Ok(at + Duration::minutes(n)),
        's' => Ok(at + Duration::seconds(n)),
        other => Err(format!("unit [{other}] not supported for date math")),
    }
}

/// Translates the Java date patterns used in index names (`yyyy.MM.dd`, `uuuu-MM-dd'T'HH`) to chrono.
fn java_pattern_to_chrono(pattern: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        if c == '\'' {
            let end = chars[i + 1..].iter().position(|&x| x == '\'').map_or(chars.len(), |p| i + 1 + p);
            out.extend(chars[i + 1..end].iter());
            i = end + 1;
            continue;
        }
        let token = match (c, run) {
            ('y' | 'u', 2) => "%y".to_string(),
            ('y' | 'u', _) => "%Y".to_string(),
            ('M', _) => "%m".to_string(),
            ('d', _) => "%d".to_string(),
            ('H', _) => "%H".to_string(),
            ('m', _) => "%M".to_string(),
            ('s', _) => "%S".to_string(),
            ('S', _) => "%3f".to_string(),
            ('%', _) => "%%".repeat(run),
            _ => c.to_string().repeat(run),
        };
        out.push_str(&token);
        i += run;
    }
    out
}

/// Parses `2024-03-15`, `2024-03-15T00:00:00Z` or an RFC 3339 timestamp into epoch millis (UTC).
pub fn parse_date_millis(s: &str) -> Option<i64> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.timestamp_millis());
    }
    if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Some(Utc.from_utc_datetime(&dt).timestamp_millis());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()?
        .and_hms_opt(0, 0, 0)
        .map(|dt| Utc.from_utc_datetime(&dt).timestamp_millis())
}

/// `strict_date_time` rendering of epoch millis: `2024-01-15T10:20:30.123Z`.
pub fn format_iso_millis(millis: i64) -> String {
    match Utc.timestamp_millis_opt(millis).single() {
        Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        None => millis.to_string(),
    }
}

/// The UTC calendar day of epoch millis in ES's default index date format `yyyy.MM.dd`.
pub fn format_index_day(millis: i64) -> String {
    match Utc.timestamp_millis_opt(millis).single() {
        Some(dt) => dt.format("%Y.%m.%d").to_string(),
        None => millis.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_710_505_800_000; // 2024-03-15T12:30:00Z

    #[test]
    fn resolves_date_math_index_names() {
        assert_eq!(resolve_index_name("plain", NOW).unwrap(), "plain");
        assert_eq!(resolve_index_name("<logs-{now/d}-000001>", NOW).unwrap(), "logs-2024.03.15-000001");
        assert_eq!(resolve_index_name("<logs-{now/M{yyyy.MM}}>", NOW).unwrap(), "logs-2024.03");
        assert_eq!(resolve_index_name("<logs-{now-1d/d}>", NOW).unwrap(), "logs-2024.03.14");
        assert_eq!(
            resolve_index_name("<logs_http_{2022-12-31||/d{yyyy-MM-dd}}>", NOW).unwrap(),
            "logs_http_2022-12-31"
        );
        assert_eq!(resolve_index_name("<x-{now/d{yyyy.MM.dd|+12:00}}>", NOW).unwrap(), "x-2024.03.16");
        assert!(resolve_index_name("<logs-{now/d>", NOW).is_err());
    }

    #[test]
    fn formats_dates() {
        assert_eq!(format_iso_millis(NOW), "2024-03-15T12:30:00.000Z");
        assert_eq!(format_index_day(NOW), "2024.03.15");
        assert_eq!(parse_date_millis("2024-03-15T12:30:00Z"), Some(NOW));
        assert_eq!(parse_date_millis("2024-03-15"), Some(NOW - 45_000_000));
    }
}
