//! What each concrete field type does with one JSON value: accept it (maybe coerced), ignore it
//! (`ignore_above`), or refuse it with the Java exception ES's field mapper throws, which the
//! document parser wraps in "failed to parse field […]".

use std::borrow::Cow;
use std::sync::LazyLock;

use serde_json::Value;

use super::types::member;
use crate::error::EsError;
use crate::ingest::date::{DateFormat, Zone};

/// What a field made of one value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Accepted {
    /// Indexed.
    Indexed,
    /// Longer than `ignore_above`: kept in `_source`, listed in `_ignored`, not indexed.
    IgnoredAbove,
}

/// The Java exception a field mapper throws for a value it cannot take.
fn iae(reason: impl Into<String>) -> EsError {
    EsError::illegal_argument(reason)
}

/// Java's `Double.toString`: `12.7`, `12.0`, `1.0E20`.
pub(crate) fn java_double(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if v.is_nan() {
        return "NaN".into();
    }
    let abs = v.abs();
    if abs == 0.0 || (1e-3..1e7).contains(&abs) {
        let s = format!("{v}");
        if s.contains('.') { s } else { format!("{s}.0") }
    } else {
        let s = format!("{v:E}");
        let (mantissa, exp) = s.split_once('E').unwrap_or((&s, "0"));
        let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.0") };
        format!("{mantissa}E{exp}")
    }
}

/// The text `parser.text()` gives for a scalar (strings as-is, numbers as written, booleans).
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    scalar_str(value).map(Cow::into_owned)
}

/// [`scalar_text`], borrowed from a string value.
fn scalar_str(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        _ => None,
    }
}

/// The Java simple name ES's coercion messages use for a numeric type.
fn java_class(field_type: &str) -> &'static str {
    match field_type {
        "integer" | "short" | "byte" => "Integer",
        "double" | "scaled_float" => "Double",
        "float" | "half_float" => "Float",
        _ => "Long",
    }
}

/// Jackson refuses numeric accessors on a boolean token.
fn not_numeric(value: bool) -> EsError {
    let token = if value { "VALUE_TRUE" } else { "VALUE_FALSE" };
    EsError::new(
        400,
        "json_parse_exception",
        format!("Current token ({token}) not numeric, can not use numeric value accessors"),
    )
}

/// `NumberFormatException` of `Double.parseDouble` and friends.
fn number_format(text: &str) -> EsError {
    EsError::new(400, "number_format_exception", format!("For input string: \"{text}\""))
}

/// `NumberFieldMapper.NumberType#parse(XContentParser, coerce)` for the integer types: JSON
/// numbers are truncated unless `coerce` is false; strings are parsed (`AbstractXContentParser`
/// `longValue`/`intValue`) unless `coerce` is false.
fn parse_integer(field_type: &str, value: &Value, coerce: bool) -> Result<i128, EsError> {
    let (min, max, range_name): (i128, i128, &str) = match field_type {
        "integer" => (i32::MIN.into(), i32::MAX.into(), "an integer"),
        "short" => (i16::MIN.into(), i16::MAX.into(), "a short"),
        "byte" => (i8::MIN.into(), i8::MAX.into(), "a byte"),
        _ => (i64::MIN.into(), i64::MAX.into(), "a long"),
    };
    let parsed: i128 = match value {
        Value::String(text) => {
            if !coerce {
                return Err(iae(format!("{} value passed as String", java_class(field_type))));
            }
            if field_type == "long" {
                // AbstractXContentParser#toLong: BigDecimal, truncated.
                let trimmed = text.trim();
                if let Ok(v) = trimmed.parse::<i128>() {
                    v
                } else {
                    let d: f64 =
                        parse_java_decimal(trimmed).ok_or_else(|| iae(format!("For input string: \"{text}\"")))?;
                    if d.abs() >= 9.3e18 {
                        return Err(iae(format!("Value [{text}] is out of range for a long")));
                    }
                    d.trunc() as i128
                }
            } else {
                // intValue(coerce): Double.parseDouble, then the range of the type.
                let d = parse_java_decimal(text.trim()).ok_or_else(|| number_format(text))?;
                if d < min as f64 || d > max as f64 {
                    return Err(iae(format!("Value [{text}] is out of range for {range_name}")));
                }
                d.trunc() as i128
            }
        }
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                let d = n.as_f64().unwrap_or(f64::NAN);
                if !coerce && d.fract() != 0.0 {
                    return Err(iae(format!(
                        "{} cannot be converted to {} without data loss",
                        java_double(d),
                        java_class(field_type)
                    )));
                }
                if d.abs() >= 9.3e18 {
                    return Err(iae(format!("Value [{n}] is out of range for {range_name}")));
                }
                d.trunc() as i128
            }
        }
        Value::Bool(b) => return Err(not_numeric(*b)),
        _ => return Err(iae("not a scalar")),
    };
    if parsed < min || parsed > max {
        return Err(match field_type {
            // Jackson's range check on numeric tokens for int and long accessors.
            "integer" | "long" if !value.is_string() => EsError::new(
                400,
                "input_coercion_exception",
                format!(
                    "Numeric value ({}) out of range of {} ({min} - {max})",
                    scalar_text(value).unwrap_or_default(),
                    if field_type == "integer" { "int" } else { "long" }
                ),
            ),
            _ => iae(format!("Value [{}] is out of range for {range_name}", scalar_text(value).unwrap_or_default())),
        });
    }
    Ok(parsed)
}

/// Java's `Double.parseDouble` (and `BigDecimal`) accept what Rust does, plus a trailing `d`/`f`.
fn parse_java_decimal(text: &str) -> Option<f64> {
    let t = text.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(text);
    if t.eq_ignore_ascii_case("inf") || t.eq_ignore_ascii_case("infinity") || t.eq_ignore_ascii_case("nan") {
        return match t {
            "Infinity" => Some(f64::INFINITY),
            "NaN" => Some(f64::NAN),
            _ => None,
        };
    }
    t.parse().ok()
}

/// The floating-point types: `doubleValue(coerce)`/`floatValue(coerce)` then
/// `validateFiniteValue` ("[float] supports only finite values").
fn parse_floating(field_type: &str, value: &Value, coerce: bool) -> Result<f64, EsError> {
    let d = match value {
        Value::String(text) => {
            if !coerce {
                return Err(iae(format!("{} value passed as String", java_class(field_type))));
            }
            parse_java_decimal(text.trim()).ok_or_else(|| number_format(text))?
        }
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::Bool(b) => return Err(not_numeric(*b)),
        _ => return Err(iae("not a scalar")),
    };
    let stored = match field_type {
        "float" => f64::from(d as f32),
        "half_float" if d.abs() > 65504.0 => f64::INFINITY.copysign(d),
        _ => d,
    };
    if !stored.is_finite() {
        let name = if field_type == "scaled_float" { "double" } else { field_type };
        return Err(iae(format!("[{name}] supports only finite values, but got [{}]", java_double(stored))));
    }
    Ok(stored)
}

/// `UnsignedLongFieldMapper#parseUnsignedLong`: 0 to 2^64-1, decimals truncated.
fn parse_unsigned_long(value: &Value) -> Result<u64, EsError> {
    let text = scalar_text(value).filter(|_| !value.is_boolean()).ok_or_else(|| iae("not a number"))?;
    if let Ok(v) = text.trim().parse::<u64>() {
        return Ok(v);
    }
    match parse_java_decimal(text.trim()) {
        Some(d) if (0.0..18_446_744_073_709_551_616.0).contains(&d) => Ok(d.trunc() as u64),
        Some(_) => Err(iae(format!("Value [{text}] is out of range for unsigned_long"))),
        None => Err(number_format(&text)),
    }
}

/// A date field's `format`: `||`-separated alternatives of named formats or Java patterns.
#[derive(Debug, Clone)]
pub(crate) struct DateFieldFormat {
    alternatives: Vec<DateFormat>,
}

impl DateFieldFormat {
    /// `DateFieldMapper.DEFAULT_DATE_TIME_FORMATTER`.
    pub(crate) const DEFAULT: &'static str = "strict_date_optional_time||epoch_millis";

    /// Compiles a `format` (`DateFormatter.forPattern`).
    pub(crate) fn parse(spec: &str) -> Result<DateFieldFormat, String> {
        let alternatives = spec.split("||").map(|p| DateFormat::parse(p.trim())).collect::<Result<_, _>>()?;
        Ok(DateFieldFormat { alternatives })
    }

    /// True when some alternative parses `text`.
    pub(crate) fn accepts(&self, text: &str) -> bool {
        self.alternatives.iter().any(|f| f.parse_date(text, &Zone::utc(), 1970).is_ok())
    }
}

/// [`DateFieldFormat::DEFAULT`], compiled once: most date fields have no `format`.
static DEFAULT_DATE_FORMAT: LazyLock<Result<DateFieldFormat, String>> =
    LazyLock::new(|| DateFieldFormat::parse(DateFieldFormat::DEFAULT));

/// `DateFieldMapper#parseCreateField`: the text of the value, parsed with the field's format.
fn parse_date(def: &Value, value: &Value) -> Result<(), EsError> {
    let spec = member(def, "format").and_then(Value::as_str).unwrap_or(DateFieldFormat::DEFAULT);
    let text = scalar_str(value).ok_or_else(|| iae("not a scalar"))?;
    let format = match spec {
        DateFieldFormat::DEFAULT => Cow::Borrowed(DEFAULT_DATE_FORMAT.as_ref().map_err(|e| iae(e.as_str()))?),
        _ => Cow::Owned(DateFieldFormat::parse(spec).map_err(iae)?),
    };
    if value.is_boolean() || !format.accepts(&text) {
        return Err(iae(format!("failed to parse date field [{text}] with format [{spec}]")).caused_by(EsError::new(
            400,
            "date_time_parse_exception",
            "Failed to parse with all enclosed parsers",
        )));
    }
    Ok(())
}

/// `InetAddresses.forString`: dotted IPv4 or IPv6 (with an optional `%scope`).
fn parse_ip(value: &Value) -> Result<(), EsError> {
    let text = scalar_str(value).ok_or_else(|| iae("not a scalar"))?;
    let address = text.split('%').next().unwrap_or_default();
    if address.parse::<std::net::IpAddr>().is_ok() {
        Ok(())
    } else {
        Err(iae(format!("'{text}' is not an IP string literal.")))
    }
}

/// `BooleanFieldMapper#parseCreateField`: JSON booleans, `"true"`/`"false"`, and `""` (null).
fn parse_boolean(value: &Value) -> Result<(), EsError> {
    match value {
        Value::Bool(_) => Ok(()),
        Value::String(s) if s.is_empty() || s == "true" || s == "false" => Ok(()),
        Value::String(s) => Err(iae(format!("Failed to parse value [{s}] as only [true] or [false] are allowed."))),
        Value::Number(n) => Err(EsError::new(
            400,
            "json_parse_exception",
            format!(
                "Current token ({}) not of boolean type",
                if n.is_f64() { "VALUE_NUMBER_FLOAT" } else { "VALUE_NUMBER_INT" }
            ),
        )),
        _ => Err(iae("not a scalar")),
    }
}

/// The `ignore_above` of a field, if any.
fn ignore_above(def: &Value) -> Option<usize> {
    match member(def, "ignore_above")? {
        Value::Number(n) => n.as_u64().map(|n| n as usize),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Parses one scalar value into a concrete field (`FieldMapper#parseCreateField` of each type).
/// `index_coerce` is `index.mapping.coerce`, the default of the field's `coerce`.
pub(crate) fn accept_scalar(def: &Value, value: &Value, index_coerce: bool) -> Result<Accepted, EsError> {
    accept_scalar_of_type(def, super::types::field_type(def), value, index_coerce)
}

/// [`accept_scalar`] for a caller that already read the field's type.
pub(crate) fn accept_scalar_of_type(
    def: &Value,
    field_type: &str,
    value: &Value,
    index_coerce: bool,
) -> Result<Accepted, EsError> {
    let coerce = || member(def, "coerce").map_or(index_coerce, |c| c == &Value::Bool(true) || c == "true");
    match field_type {
        "keyword" | "wildcard" | "flattened" => {
            // A text no longer in bytes than the limit is no longer in characters.
            if let Some(limit) = ignore_above(def)
                && let Some(text) = scalar_str(value).filter(|text| text.len() > limit)
                && text.chars().count() > limit
            {
                return Ok(Accepted::IgnoredAbove);
            }
        }
        "text" | "match_only_text" | "binary" => {}
        "long" | "integer" | "short" | "byte" => {
            parse_integer(field_type, value, coerce())?;
        }
        "double" | "float" | "half_float" | "scaled_float" => {
            parse_floating(field_type, value, coerce())?;
        }
        "unsigned_long" => {
            parse_unsigned_long(value)?;
        }
        "boolean" => parse_boolean(value)?,
        "date" | "date_nanos" => parse_date(def, value)?,
        "ip" => parse_ip(value)?,
        _ => {}
    }
    Ok(Accepted::Indexed)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn refused(def: Value, value: Value) -> (String, String) {
        let e = accept_scalar(&def, &value, true).unwrap_err();
        (e.kind, e.reason)
    }

    fn ok(def: Value, value: Value) -> bool {
        accept_scalar(&def, &value, true).is_ok()
    }

    /// `AbstractXContentParser#longValue`/`toLong`: strings coerced, fractions truncated, text refused.
    #[test]
    fn long_coercion_follows_abstract_xcontent_parser() {
        let long = json!({"type": "long"});
        assert!(ok(long.clone(), json!("12")));
        assert!(ok(long.clone(), json!(12.7)));
        assert!(ok(long.clone(), json!("12.7")));
        assert_eq!(
            refused(long.clone(), json!("abc")),
            ("illegal_argument_exception".into(), "For input string: \"abc\"".into())
        );
        assert_eq!(
            refused(long.clone(), json!("1e20")),
            ("illegal_argument_exception".into(), "Value [1e20] is out of range for a long".into())
        );
        let strict = json!({"type": "long", "coerce": false});
        assert_eq!(refused(strict.clone(), json!("12")).1, "Long value passed as String");
        assert_eq!(refused(strict.clone(), json!(12.7)).1, "12.7 cannot be converted to Long without data loss");
        assert!(ok(strict, json!(12.0)));
    }

    /// `intValue(coerce)` and the byte/short range checks of `NumberFieldMapper.NumberType`.
    #[test]
    fn integer_types_check_their_range() {
        assert_eq!(refused(json!({"type": "byte"}), json!(200)).1, "Value [200] is out of range for a byte");
        assert_eq!(refused(json!({"type": "short"}), json!("40000")).1, "Value [40000] is out of range for a short");
        assert_eq!(
            refused(json!({"type": "integer"}), json!(3_000_000_000u64)),
            (
                "input_coercion_exception".into(),
                "Numeric value (3000000000) out of range of int (-2147483648 - 2147483647)".into()
            )
        );
        assert_eq!(
            refused(json!({"type": "integer"}), json!("x1")),
            ("number_format_exception".into(), "For input string: \"x1\"".into())
        );
        assert!(ok(json!({"type": "integer"}), json!("7.9")));
    }

    /// `NumberFieldMapper.NumberType#validateFiniteValue` and `floatValue(coerce)`.
    #[test]
    fn floating_types_refuse_non_finite_values() {
        assert_eq!(
            refused(json!({"type": "float"}), json!(1e39)).1,
            "[float] supports only finite values, but got [Infinity]"
        );
        assert_eq!(
            refused(json!({"type": "half_float"}), json!(70000)).1,
            "[half_float] supports only finite values, but got [Infinity]"
        );
        assert!(ok(json!({"type": "double"}), json!("1.5")));
        assert_eq!(
            refused(json!({"type": "double", "coerce": false}), json!("1.5")).1,
            "Double value passed as String"
        );
        assert!(ok(json!({"type": "scaled_float", "scaling_factor": 100}), json!(1.25)));
    }

    /// `UnsignedLongFieldMapper`: 0..2^64-1.
    #[test]
    fn unsigned_long_range() {
        assert!(ok(json!({"type": "unsigned_long"}), json!(18_446_744_073_709_551_615u64)));
        assert_eq!(
            refused(json!({"type": "unsigned_long"}), json!(-1)).1,
            "Value [-1] is out of range for unsigned_long"
        );
    }

    /// `BooleanFieldMapper`: only true/false (and the empty string, read as null).
    #[test]
    fn booleans_are_strict() {
        assert!(ok(json!({"type": "boolean"}), json!("false")));
        assert!(ok(json!({"type": "boolean"}), json!("")));
        assert_eq!(
            refused(json!({"type": "boolean"}), json!("yes")).1,
            "Failed to parse value [yes] as only [true] or [false] are allowed."
        );
        assert_eq!(refused(json!({"type": "boolean"}), json!(1)).0, "json_parse_exception");
    }

    /// `DateFieldMapper`: the field's format, default `strict_date_optional_time||epoch_millis`.
    #[test]
    fn dates_follow_the_field_format() {
        let date = json!({"type": "date"});
        assert!(ok(date.clone(), json!("2024-03-15T10:00:00Z")));
        assert!(ok(date.clone(), json!(1_710_460_800_000i64)));
        assert_eq!(
            refused(date, json!("yesterday")).1,
            "failed to parse date field [yesterday] with format [strict_date_optional_time||epoch_millis]"
        );
        let custom = json!({"type": "date", "format": "yyyy/MM/dd"});
        assert!(ok(custom.clone(), json!("2024/03/15")));
        assert!(!ok(custom, json!("2024-03-15")));
    }

    /// `IpFieldMapper` through `InetAddresses.forString`.
    #[test]
    fn ips_are_literals() {
        assert!(ok(json!({"type": "ip"}), json!("10.0.0.1")));
        assert!(ok(json!({"type": "ip"}), json!("::1")));
        assert_eq!(refused(json!({"type": "ip"}), json!("localhost")).1, "'localhost' is not an IP string literal.");
    }

    /// `KeywordFieldMapper`: values longer than `ignore_above` are ignored, not refused.
    #[test]
    fn keyword_ignore_above() {
        let def = json!({"type": "keyword", "ignore_above": 3});
        assert_eq!(accept_scalar(&def, &json!("abcd"), true).unwrap(), Accepted::IgnoredAbove);
        assert_eq!(accept_scalar(&def, &json!("abc"), true).unwrap(), Accepted::Indexed);
        assert_eq!(accept_scalar(&def, &json!(12345), true).unwrap(), Accepted::IgnoredAbove);
    }

    #[test]
    fn java_double_rendering() {
        assert_eq!(java_double(12.7), "12.7");
        assert_eq!(java_double(12.0), "12.0");
        assert_eq!(java_double(1e20), "1.0E20");
    }
}
