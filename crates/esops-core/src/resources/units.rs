//! Durations and byte sizes: read in the forms people write (`1w`, `36 hours`, `1d12h`, `50GiB`),
//! written in the forms Elasticsearch reads (`7d`, `36h`, `50gb`).

use std::fmt;

/// Elasticsearch time units, largest first, with their length in nanoseconds.
const ES_TIME_UNITS: [(&str, u64); 7] = [
    ("d", 86_400_000_000_000),
    ("h", 3_600_000_000_000),
    ("m", 60_000_000_000),
    ("s", 1_000_000_000),
    ("ms", 1_000_000),
    ("micros", 1_000),
    ("nanos", 1),
];

/// Every spelling accepted on input, with its length in nanoseconds.
const TIME_SPELLINGS: [(&str, u64); 22] = [
    ("nanos", 1),
    ("ns", 1),
    ("micros", 1_000),
    ("us", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("sec", 1_000_000_000),
    ("secs", 1_000_000_000),
    ("second", 1_000_000_000),
    ("seconds", 1_000_000_000),
    ("m", 60_000_000_000),
    ("min", 60_000_000_000),
    ("mins", 60_000_000_000),
    ("minute", 60_000_000_000),
    ("minutes", 60_000_000_000),
    ("h", 3_600_000_000_000),
    ("hour", 3_600_000_000_000),
    ("hours", 3_600_000_000_000),
    ("d", 86_400_000_000_000),
    ("day", 86_400_000_000_000),
    ("days", 86_400_000_000_000),
    ("w", 7 * 86_400_000_000_000),
];

/// A duration, to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeValue {
    nanos: u64,
}

/// A duration as parsed, and whether it was already written the way Elasticsearch reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedTime {
    /// The value.
    pub value: TimeValue,
    /// True for a single number with an ES unit (`7d`, `500ms`, `0`); false for `1w`, `1d12h`, `2 days`.
    pub es_native: bool,
}

impl TimeValue {
    /// Zero.
    pub const ZERO: TimeValue = TimeValue { nanos: 0 };

    /// Parses `7d`, `12h`, `1w`, `90 days`, `1d12h`, `0`. Fractions are refused: Elasticsearch
    /// deprecated them, and `1.5d` is better written `36h`. Months and years are refused too:
    /// they have no fixed length.
    pub fn parse(text: &str) -> Result<ParsedTime, String> {
        let t = text.trim();
        if t == "0" {
            return Ok(ParsedTime { value: TimeValue::ZERO, es_native: true });
        }
        let parts = split_components(t)?;
        let mut nanos: u64 = 0;
        for (number, unit) in &parts {
            let lower = unit.to_ascii_lowercase();
            // `M` is a month in humantime and Java date patterns; here it would silently be minutes.
            if unit == "M" || matches!(lower.as_str(), "mo" | "month" | "months" | "y" | "year" | "years") {
                return Err(format!("`{text}`: months and years have no fixed length; use days (30d, 365d)"));
            }
            let Some((_, per)) = TIME_SPELLINGS.iter().find(|(s, _)| *s == lower) else {
                return Err(format!("`{text}`: unknown time unit `{unit}` (use d, h, m, s or ms, e.g. 7d or 12h)"));
            };
            nanos = number
                .checked_mul(*per)
                .and_then(|n| nanos.checked_add(n))
                .ok_or_else(|| format!("`{text}` is too long a duration"))?;
        }
        let es_native = parts.len() == 1
            && !t.contains(char::is_whitespace)
            && ES_TIME_UNITS.iter().any(|(u, _)| parts[0].1.eq_ignore_ascii_case(u));
        Ok(ParsedTime { value: TimeValue { nanos }, es_native })
    }

    /// The length in nanoseconds.
    pub fn nanos(self) -> u64 {
        self.nanos
    }

    /// In Elasticsearch's form, in the largest unit that keeps it exact: `7d`, `36h`, `90m`, `0ms`.
    pub fn to_es(self) -> String {
        if self.nanos == 0 {
            return "0ms".to_string();
        }
        let (unit, per) =
            ES_TIME_UNITS.iter().find(|(_, per)| self.nanos.is_multiple_of(*per)).expect("nanos divide by 1");
        format!("{}{unit}", self.nanos / per)
    }
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_es())
    }
}

/// Elasticsearch byte units, largest first.
const ES_BYTE_UNITS: [(&str, u64); 6] =
    [("pb", 1 << 50), ("tb", 1 << 40), ("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("b", 1)];

/// Every spelling accepted on input (lower case), with its size. Elasticsearch's units are binary
/// (`1kb` = 1024 bytes), so `kib` and friends are the same units spelt exactly.
const BYTE_SPELLINGS: [(&str, u64, bool); 16] = [
    ("b", 1, true),
    ("k", 1 << 10, true),
    ("kb", 1 << 10, true),
    ("kib", 1 << 10, false),
    ("m", 1 << 20, true),
    ("mb", 1 << 20, true),
    ("mib", 1 << 20, false),
    ("g", 1 << 30, true),
    ("gb", 1 << 30, true),
    ("gib", 1 << 30, false),
    ("t", 1 << 40, true),
    ("tb", 1 << 40, true),
    ("tib", 1 << 40, false),
    ("p", 1 << 50, true),
    ("pb", 1 << 50, true),
    ("pib", 1 << 50, false),
];

/// A byte size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSize {
    bytes: u64,
}

/// A byte size as parsed, and whether it was already written the way Elasticsearch reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedSize {
    /// The value.
    pub value: ByteSize,
    /// True for `50gb`, `50g`, `50GB`; false for `50GiB` or `50 gb`.
    pub es_native: bool,
}

impl ByteSize {
    /// Parses `50gb`, `512mb`, `1tb`, `50GiB`. Fractions are refused (write `1536mb`, not `1.5gb`).
    pub fn parse(text: &str) -> Result<ParsedSize, String> {
        let t = text.trim();
        if t == "0" {
            return Ok(ParsedSize { value: ByteSize { bytes: 0 }, es_native: true });
        }
        let parts = split_components(t)?;
        let [(number, unit)] = parts.as_slice() else {
            return Err(format!("`{text}`: write a byte size as one number and unit, e.g. 50gb"));
        };
        let lower = unit.to_ascii_lowercase();
        let Some((_, per, native)) = BYTE_SPELLINGS.iter().find(|(s, _, _)| *s == lower) else {
            return Err(format!("`{text}`: unknown size unit `{unit}` (use b, kb, mb, gb, tb or pb, e.g. 50gb)"));
        };
        let bytes = number.checked_mul(*per).ok_or_else(|| format!("`{text}` is too large"))?;
        Ok(ParsedSize { value: ByteSize { bytes }, es_native: *native && !t.contains(char::is_whitespace) })
    }

    /// In Elasticsearch's form, in the largest unit that keeps it exact: `50gb`, `1536mb`.
    pub fn to_es(self) -> String {
        if self.bytes == 0 {
            return "0b".to_string();
        }
        let (unit, per) =
            ES_BYTE_UNITS.iter().find(|(_, per)| self.bytes.is_multiple_of(*per)).expect("bytes divide by 1");
        format!("{}{unit}", self.bytes / per)
    }
}

/// `1d12h` or `1d 12h` → `[(1, "d"), (12, "h")]`. Numbers are whole.
fn split_components(text: &str) -> Result<Vec<(u64, String)>, String> {
    if text.is_empty() {
        return Err("empty value; write a number and a unit, e.g. 7d".to_string());
    }
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            return Err(if rest.starts_with('-') {
                format!("`{text}`: negative values are not allowed")
            } else {
                format!("`{text}`: expected a number, e.g. 7d or 50gb")
            });
        }
        let number: u64 = rest[..digits].parse().map_err(|_| format!("`{text}`: number too large"))?;
        rest = rest[digits..].trim_start();
        if rest.starts_with('.') || rest.starts_with(',') {
            return Err(format!("`{text}`: fractions are not allowed; use a smaller unit (36h instead of 1.5d)"));
        }
        let letters = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        if letters == 0 {
            return Err(format!("`{text}` has no unit; write e.g. {number}d for days or {number}gb for gigabytes"));
        }
        parts.push((number, rest[..letters].to_string()));
        rest = rest[letters..].trim_start();
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(text: &str) -> (String, bool) {
        let p = TimeValue::parse(text).unwrap();
        (p.value.to_es(), p.es_native)
    }

    #[test]
    fn durations_come_out_in_the_largest_exact_es_unit() {
        assert_eq!(time("7d"), ("7d".into(), true));
        assert_eq!(time("168h"), ("7d".into(), true));
        assert_eq!(time("36h"), ("36h".into(), true));
        assert_eq!(time("1w"), ("7d".into(), false));
        assert_eq!(time("2 days"), ("2d".into(), false));
        assert_eq!(time("1d12h"), ("36h".into(), false));
        assert_eq!(time("1d 30m"), ("1470m".into(), false));
        assert_eq!(time("90s"), ("90s".into(), true));
        assert_eq!(time("1500ms"), ("1500ms".into(), true));
        assert_eq!(time("0"), ("0ms".into(), true));
        assert_eq!(time("0d"), ("0ms".into(), true));
        assert_eq!(time("7D"), ("7d".into(), true));
    }

    #[test]
    fn bad_durations_say_why() {
        assert!(TimeValue::parse("7").unwrap_err().contains("has no unit"));
        assert!(TimeValue::parse("1.5d").unwrap_err().contains("fractions"));
        assert!(TimeValue::parse("1M").unwrap_err().contains("months"));
        assert!(TimeValue::parse("2y").unwrap_err().contains("months and years"));
        assert!(TimeValue::parse("7x").unwrap_err().contains("unknown time unit `x`"));
        assert!(TimeValue::parse("-1d").unwrap_err().contains("negative"));
        assert!(TimeValue::parse("soon").unwrap_err().contains("expected a number"));
        assert!(TimeValue::parse("").is_err());
    }

    #[test]
    fn durations_compare_by_value() {
        let week = TimeValue::parse("1w").unwrap().value;
        assert_eq!(week, TimeValue::parse("168h").unwrap().value);
        assert!(TimeValue::parse("5d").unwrap().value < week);
    }

    #[test]
    fn byte_sizes() {
        let size = |t: &str| {
            let p = ByteSize::parse(t).unwrap();
            (p.value.to_es(), p.es_native)
        };
        assert_eq!(size("50gb"), ("50gb".into(), true));
        assert_eq!(size("50GB"), ("50gb".into(), true));
        assert_eq!(size("50g"), ("50gb".into(), true));
        assert_eq!(size("51200mb"), ("50gb".into(), true));
        assert_eq!(size("50GiB"), ("50gb".into(), false));
        assert_eq!(size("1536mb"), ("1536mb".into(), true));
        assert_eq!(size("10b"), ("10b".into(), true));
        assert!(ByteSize::parse("50").unwrap_err().contains("no unit"));
        assert!(ByteSize::parse("1.5gb").unwrap_err().contains("fractions"));
        assert!(ByteSize::parse("50gigs").unwrap_err().contains("unknown size unit"));
        assert!(ByteSize::parse("1gb 2mb").is_err());
    }
}
