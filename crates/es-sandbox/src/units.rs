//! Time values and byte sizes as Elasticsearch parses and prints them.
//!
//! Printing follows Java's `TimeValue.toString()` / `ByteSizeValue.toString()`: the largest unit that
//! keeps the value at least 1, with the fraction *truncated* to the requested number of digits
//! (`90m` → `1.5h`, `1024mb` → `1gb`, 90214 bytes → `88kb`). Rollover condition keys and `_cat`
//! sizes depend on this exact rendering.

use super::error::{EsError, EsResult};
use es_syntax::units::{self, UnitError};

const NANOS_PER_MILLI: i128 = 1_000_000;

/// Time units from the largest down, with their length in nanoseconds and ES suffix.
const TIME_UNITS: [(i128, &str); 7] = [
    (86_400_000_000_000, "d"),
    (3_600_000_000_000, "h"),
    (60_000_000_000, "m"),
    (1_000_000_000, "s"),
    (1_000_000, "ms"),
    (1_000, "micros"),
    (1, "nanos"),
];

/// Byte units from the largest down, with their size and ES suffix.
const BYTE_UNITS: [(u64, &str); 6] =
    [(1 << 50, "pb"), (1 << 40, "tb"), (1 << 30, "gb"), (1 << 20, "mb"), (1 << 10, "kb"), (1, "b")];

/// Parses an ES time value (`7d`, `12h`, `30s`, `500ms`, `0`, `-1`) into milliseconds.
/// `setting` names the parameter in the error message, as ES does.
pub fn parse_time_millis(value: &str, setting: &str) -> EsResult<i64> {
    units::parse_time_millis(value).map_err(|_| {
        EsError::illegal_argument(format!(
            "failed to parse setting [{setting}] with value [{value}] as a time value: unit is missing or unrecognized"
        ))
    })
}

/// Parses an ES byte size (`50gb`, `100mb`, `10b`, `1.5kb`) into bytes.
pub fn parse_bytes(value: &str, setting: &str) -> EsResult<u64> {
    units::parse_bytes(value).map_err(|e| match e {
        UnitError::Unit => EsError::parse(format!(
            "failed to parse setting [{setting}] with value [{value}] as a size in bytes: unit is missing or unrecognized"
        )),
        UnitError::Number => EsError::parse(format!("failed to parse [{value}]")),
    })
}

/// Java's `Strings.format1Decimals`-style rendering: at most `digits` fraction digits, truncated,
/// and no fraction at all when those digits are zero.
fn format_truncated(value: f64, digits: usize) -> String {
    let text = format!("{value}");
    match text.find('.') {
        None => text,
        Some(dot) => {
            let end = (dot + 1 + digits).min(text.len());
            let fraction = &text[dot + 1..end];
            if digits == 0 || fraction.chars().all(|c| c == '0') {
                text[..dot].to_string()
            } else {
                text[..end].to_string()
            }
        }
    }
}

/// `ByteSizeValue.toString()`: `90214` → `88kb`, `1073741824` → `1gb`, `10` → `10b`.
pub fn format_bytes(bytes: u64) -> String {
    let (size, suffix) = BYTE_UNITS.iter().find(|(size, _)| bytes >= *size).copied().unwrap_or((1, "b"));
    format!("{}{}", format_truncated(bytes as f64 / size as f64, 1), suffix)
}

/// The `_cat` rendering of a byte count under `?bytes=` (integer division, like ES), or the
/// human form when no unit was requested.
pub fn format_bytes_as(bytes: u64, unit: Option<ByteUnit>) -> String {
    match unit {
        None => format_bytes(bytes),
        Some(u) => (bytes / u.size()).to_string(),
    }
}

/// A unit accepted by `?bytes=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteUnit {
    /// Bytes.
    B,
    /// Kibibytes.
    Kb,
    /// Mebibytes.
    Mb,
    /// Gibibytes.
    Gb,
    /// Tebibytes.
    Tb,
    /// Pebibytes.
    Pb,
}

impl ByteUnit {
    /// Parses the `bytes` parameter as ES's `ByteSizeUnit.parse` does.
    pub fn parse(s: &str) -> EsResult<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "b" => ByteUnit::B,
            "k" | "kb" => ByteUnit::Kb,
            "m" | "mb" => ByteUnit::Mb,
            "g" | "gb" => ByteUnit::Gb,
            "t" | "tb" => ByteUnit::Tb,
            "p" | "pb" => ByteUnit::Pb,
            _ => {
                return Err(EsError::illegal_argument(format!("failed to parse unit [{s}]")));
            }
        })
    }

    fn size(self) -> u64 {
        match self {
            ByteUnit::B => 1,
            ByteUnit::Kb => 1 << 10,
            ByteUnit::Mb => 1 << 20,
            ByteUnit::Gb => 1 << 30,
            ByteUnit::Tb => 1 << 40,
            ByteUnit::Pb => 1 << 50,
        }
    }
}

/// `TimeValue.toHumanReadableString(fraction_digits)`; `toString()` is the 1-digit form.
pub fn format_millis(millis: i64, fraction_digits: usize) -> String {
    if millis < 0 {
        return millis.to_string();
    }
    let nanos = i128::from(millis) * NANOS_PER_MILLI;
    if nanos == 0 {
        return "0s".to_string();
    }
    let (size, suffix) = TIME_UNITS.iter().find(|(size, _)| nanos >= *size).copied().unwrap_or((1, "nanos"));
    format!("{}{}", format_truncated(nanos as f64 / size as f64, fraction_digits), suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_values_parse_and_print_like_java() {
        assert_eq!(parse_time_millis("7d", "max_age").unwrap(), 7 * 86_400_000);
        assert_eq!(parse_time_millis("500ms", "x").unwrap(), 500);
        assert_eq!(parse_time_millis("90m", "x").unwrap(), 5_400_000);
        assert!(parse_time_millis("7x", "max_age").unwrap_err().reason.contains("unit is missing"));
        assert_eq!(format_millis(7 * 86_400_000, 1), "7d");
        assert_eq!(format_millis(5_400_000, 1), "1.5h");
        assert_eq!(format_millis(86_400_000, 1), "1d");
        assert_eq!(format_millis(0, 1), "0s");
        assert_eq!(format_millis(1_000, 1), "1s");
    }

    #[test]
    fn byte_sizes_parse_and_print_like_java() {
        assert_eq!(parse_bytes("100mb", "max_size").unwrap(), 100 << 20);
        assert_eq!(parse_bytes("10b", "max_size").unwrap(), 10);
        assert_eq!(parse_bytes("1.5kb", "max_size").unwrap(), 1536);
        assert_eq!(format_bytes(100 << 20), "100mb");
        assert_eq!(format_bytes(1024 << 20), "1gb");
        assert_eq!(format_bytes(90214), "88kb");
        assert_eq!(format_bytes(225), "225b");
        assert_eq!(format_bytes(1946), "1.9kb");
        assert_eq!(format_bytes_as(90214, Some(ByteUnit::B)), "90214");
        assert_eq!(format_bytes_as(90214, Some(ByteUnit::Kb)), "88");
    }
}
