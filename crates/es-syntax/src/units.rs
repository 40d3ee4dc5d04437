//! Time values and byte sizes as Elasticsearch parses them: leniently (`1.5h`, `0.5gb`, `-1`),
//! with ES's units. Shared by esops's core (values read from a cluster: ILM ages, rollover
//! conditions, disk watermarks) and the sandbox, which words the errors as ES does. Declared input
//! is parsed strictly by `resources::units` instead.

/// Why a value did not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitError {
    /// No unit, an unknown unit, or a value too large.
    Unit,
    /// A unit, but no usable number before it.
    Number,
}

const NANOS_PER_MILLI: i128 = 1_000_000;

/// Parses an ES time value (`7d`, `12h`, `30s`, `500ms`, `1.5h`, `0`, `-1`) into milliseconds.
pub fn parse_time_millis(value: &str) -> Result<i64, UnitError> {
    let v = value.trim();
    if v == "0" {
        return Ok(0);
    }
    if v == "-1" {
        return Ok(-1);
    }
    let lower = v.to_ascii_lowercase();
    // `m` must be tried after `ms`, `micros` and `nanos` share no suffix with the others.
    let suffixes: [(&str, i128); 8] = [
        ("nanos", 1),
        ("micros", 1_000),
        ("ms", NANOS_PER_MILLI),
        ("s", 1_000_000_000),
        ("m", 60_000_000_000),
        ("h", 3_600_000_000_000),
        ("d", 86_400_000_000_000),
        ("w", 7 * 86_400_000_000_000),
    ];
    let (number, nanos_per_unit) = suffixes
        .iter()
        .filter(|(suffix, _)| lower.ends_with(suffix))
        .max_by_key(|(suffix, _)| suffix.len())
        .map(|(suffix, n)| (&lower[..lower.len() - suffix.len()], *n))
        .ok_or(UnitError::Unit)?;
    let number = number.trim();
    let nanos = if let Ok(n) = number.parse::<i64>() {
        i128::from(n) * nanos_per_unit
    } else if let Ok(f) = number.parse::<f64>() {
        (f * nanos_per_unit as f64) as i128
    } else {
        return Err(UnitError::Number);
    };
    Ok((nanos / NANOS_PER_MILLI) as i64)
}

/// Parses an ES byte size (`50gb`, `100mb`, `10b`, `1.5kb`, `0`) into bytes.
pub fn parse_bytes(value: &str) -> Result<u64, UnitError> {
    let lower = value.trim().to_ascii_lowercase();
    let units: [(&str, u64); 11] = [
        ("pb", 1 << 50),
        ("tb", 1 << 40),
        ("gb", 1 << 30),
        ("mb", 1 << 20),
        ("kb", 1 << 10),
        ("p", 1 << 50),
        ("t", 1 << 40),
        ("g", 1 << 30),
        ("m", 1 << 20),
        ("k", 1 << 10),
        ("b", 1),
    ];
    if lower == "0" {
        return Ok(0);
    }
    let (number, unit) = units
        .iter()
        .find(|(suffix, _)| lower.ends_with(suffix))
        .map(|(s, u)| (&lower[..lower.len() - s.len()], *u))
        .ok_or(UnitError::Unit)?;
    let number = number.trim();
    if let Ok(n) = number.parse::<u64>() {
        return n.checked_mul(unit).ok_or(UnitError::Unit);
    }
    match number.parse::<f64>() {
        Ok(f) if f >= 0.0 => Ok((f * unit as f64) as u64),
        _ => Err(UnitError::Number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_values_as_es_reads_them() {
        assert_eq!(parse_time_millis("7d"), Ok(7 * 86_400_000));
        assert_eq!(parse_time_millis("1.5h"), Ok(5_400_000));
        assert_eq!(parse_time_millis("500ms"), Ok(500));
        assert_eq!(parse_time_millis("-1"), Ok(-1));
        assert_eq!(parse_time_millis("7"), Err(UnitError::Unit));
        assert_eq!(parse_time_millis("xd"), Err(UnitError::Number));
    }

    #[test]
    fn byte_sizes_as_es_reads_them() {
        assert_eq!(parse_bytes("50gb"), Ok(50 << 30));
        assert_eq!(parse_bytes("1.5kb"), Ok(1536));
        assert_eq!(parse_bytes("0"), Ok(0));
        assert_eq!(parse_bytes("-1"), Err(UnitError::Unit));
        assert_eq!(parse_bytes("20000000pb"), Err(UnitError::Unit), "overflow");
        assert_eq!(parse_bytes("-5gb"), Err(UnitError::Number));
    }
}
