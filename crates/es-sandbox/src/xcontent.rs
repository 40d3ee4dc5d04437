//! How ES's XContent layer reads and writes things that `serde_json` alone does not reproduce:
//! positions inside a request body for the `[line:column]` prefixes of `x_content_parse_exception`
//! reasons (`[1:94] [lifecycle_policy] unknown field [name]`), the "did you mean" suggestions of
//! its object parsers, and its renderings of dates.
//!
//! `serde_json::Value` forgets where things were, so positions come from re-scanning the raw bytes
//! along a path of keys. Lines and columns are 1-based like Jackson's token locations.

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}:{}]", self.line, self.column)
    }
}

/// Where one field sits: its name token and the start of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldLocation {
    /// The opening quote of the field name.
    pub name: Location,
    /// The first character of the value.
    pub value: Location,
}

/// Finds the field at `path` (object keys; array elements by decimal index) in `body`.
/// `None` when the body is not JSON or the path does not exist.
pub fn field_location(body: &[u8], path: &[&str]) -> Option<FieldLocation> {
    let mut scanner = Scanner { bytes: body, pos: 0, line: 1, column: 1 };
    scanner.find(path)
}

/// The location of `path`'s name token, or `[1:1]`-style fallback when it cannot be found
/// (the message stays useful even when the position is unknown).
pub fn name_location(body: &[u8], path: &[&str]) -> Location {
    field_location(body, path).map(|f| f.name).unwrap_or(Location { line: 1, column: 2 })
}

/// The location of `path`'s value token, with the same fallback as [`name_location`].
pub fn value_location(body: &[u8], path: &[&str]) -> Location {
    field_location(body, path).map(|f| f.value).unwrap_or(Location { line: 1, column: 2 })
}

/// Formats epoch milliseconds like Java's `ZonedDateTime(UTC).toString()`: the fraction and even the
/// seconds are dropped when they are zero (`2021-06-23T18:42:08.381Z`, `…T18:42:08Z`, `…T18:42Z`).
pub fn zoned_date_time_string(millis: i64) -> String {
    let Some(dt) = chrono::DateTime::from_timestamp_millis(millis) else {
        return millis.to_string();
    };
    let minutes = dt.format("%Y-%m-%dT%H:%M").to_string();
    let seconds = dt.format("%S").to_string();
    match (seconds.as_str(), millis.rem_euclid(1000)) {
        ("00", 0) => format!("{minutes}Z"),
        (_, 0) => format!("{minutes}:{seconds}Z"),
        (_, ms) => format!("{minutes}:{seconds}.{ms:03}Z"),
    }
}

/// `strict_date_time` (`2024-01-15T10:20:30.123Z`): the `?human` form of ES's `*_millis` fields.
pub fn strict_date_time(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|dt| dt.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| millis.to_string())
}

/// ES's `[parser] unknown field [x]` message, with the "did you mean" suggestion its object
/// parsers add for known fields that are close (Levenshtein similarity above 0.5).
pub fn unknown_field_message(parser: &str, field: &str, known: &[&str]) -> String {
    let message = format!("[{parser}] unknown field [{field}]");
    let mut scored: Vec<(f32, &str)> =
        known.iter().map(|k| (similarity(field, k), *k)).filter(|(score, _)| *score > 0.5).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    match scored.as_slice() {
        [] => message,
        [(_, one)] => format!("{message} did you mean [{one}]?"),
        many => {
            format!("{message} did you mean any of [{}]?", many.iter().map(|(_, k)| *k).collect::<Vec<_>>().join(", "))
        }
    }
}

/// Lucene's `LevenshteinDistance.getDistance`: 1 - edits / longer length.
fn similarity(a: &str, b: &str) -> f32 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    1.0 - previous[b.len()] as f32 / longest as f32
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    column: usize,
}

impl Scanner<'_> {
    fn location(&self) -> Location {
        Location { line: self.line, column: self.column }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not UTF-8 continuation bytes.
                self.column += 1;
            }
            self.pos += 1;
        }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.bump();
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        if self.peek()? == byte {
            self.bump();
            Some(())
        } else {
            None
        }
    }

    /// Consumes a string token and returns its (escape-preserving) content.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let start = self.pos;
        loop {
            match self.peek()? {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => {
                    let s = String::from_utf8_lossy(&self.bytes[start..self.pos]).into_owned();
                    self.bump();
                    return Some(s);
                }
                _ => self.bump(),
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_whitespace();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.bump();
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.bump();
                }
            }
            _ => {
                while !matches!(self.peek(), None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) {
                    self.bump();
                }
                Some(())
            }
        }
    }

    fn find(&mut self, path: &[&str]) -> Option<FieldLocation> {
        let (first, rest) = path.split_first()?;
        self.skip_whitespace();
        match self.peek()? {
            b'{' => {
                self.bump();
                loop {
                    self.skip_whitespace();
                    if self.peek()? == b'}' {
                        return None;
                    }
                    let name = self.location();
                    let key = self.string()?;
                    self.expect(b':')?;
                    self.skip_whitespace();
                    let value = self.location();
                    if key == *first {
                        return if rest.is_empty() { Some(FieldLocation { name, value }) } else { self.find(rest) };
                    }
                    self.skip_value()?;
                    self.skip_whitespace();
                    if self.peek()? == b',' {
                        self.bump();
                    }
                }
            }
            b'[' => {
                let wanted: usize = first.parse().ok()?;
                self.bump();
                for index in 0.. {
                    self.skip_whitespace();
                    if self.peek()? == b']' {
                        return None;
                    }
                    let value = self.location();
                    if index == wanted {
                        return if rest.is_empty() {
                            Some(FieldLocation { name: value, value })
                        } else {
                            self.find(rest)
                        };
                    }
                    self.skip_value()?;
                    self.skip_whitespace();
                    if self.peek()? == b',' {
                        self.bump();
                    }
                }
                None
            }
            _ => None,
        }
    }
}

/// Jackson's token name for a value.
pub fn token_name(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::String(_) => "VALUE_STRING",
        Value::Number(_) => "VALUE_NUMBER",
        Value::Bool(_) => "VALUE_BOOLEAN",
        Value::Null => "VALUE_NULL",
        Value::Array(_) => "START_ARRAY",
        Value::Object(_) => "START_OBJECT",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_on_one_line() {
        let body = br#"{"policy":{"phases":{},"name":"x"}}"#;
        let loc = field_location(body, &["policy", "name"]).unwrap();
        assert_eq!(loc.name, Location { line: 1, column: 24 });
        assert_eq!(loc.value, Location { line: 1, column: 31 });
    }

    #[test]
    fn dates_render_like_java() {
        assert_eq!(zoned_date_time_string(1_624_473_728_381), "2021-06-23T18:42:08.381Z");
        assert_eq!(zoned_date_time_string(1_624_473_728_000), "2021-06-23T18:42:08Z");
        assert_eq!(zoned_date_time_string(1_624_473_720_000), "2021-06-23T18:42Z");
        assert_eq!(strict_date_time(1_624_473_720_000), "2021-06-23T18:42:00.000Z");
    }

    #[test]
    fn suggests_close_field_names() {
        assert_eq!(
            unknown_field_message("index_template", "created_date", &["index_patterns", "created_date_millis"]),
            "[index_template] unknown field [created_date] did you mean [created_date_millis]?"
        );
        assert_eq!(
            unknown_field_message("lifecycle_policy", "name", &["phases", "_meta"]),
            "[lifecycle_policy] unknown field [name]"
        );
    }

    #[test]
    fn counts_lines_and_skips_strings_with_braces() {
        let body = b"{\n  \"a\": \"}{\",\n  \"b\": [1, {\"c\": 2}]\n}";
        let loc = field_location(body, &["b", "1", "c"]).unwrap();
        assert_eq!(loc.name, Location { line: 3, column: 13 });
        assert_eq!(field_location(body, &["missing"]), None);
    }
}

/// Parses JSON text into a `Value` as `serde_json::from_str` does, faster for documents: each
/// object's entries are gathered first and the map built at its final size, where serde_json
/// grows (and rehashes) it key by key. Same values, same order, same errors; a repeated key keeps
/// its first position and takes the last value, as with `from_str`.
pub fn parse_value(text: &str) -> serde_json::Result<serde_json::Value> {
    use serde::de::DeserializeSeed as _;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = SizedValue.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// A `Value` whose maps are built at their final size (see [`parse_value`]).
struct SizedValue;

impl<'de> serde::de::DeserializeSeed<'de> for SizedValue {
    type Value = serde_json::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(SizedValue)
    }
}

impl<'de> serde::de::Visitor<'de> for SizedValue {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(s))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(SizedValue)? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(String, serde_json::Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value_seed(SizedValue)?));
        }
        Ok(serde_json::Value::Object(entries.into_iter().collect()))
    }
}

#[cfg(test)]
mod parse_value_tests {
    use super::parse_value;

    #[test]
    fn parses_what_serde_json_parses_the_same_way() {
        for text in [
            r#"{"b":1,"a":[1,-2,3.5,1e-400,"x",null,true,{"z":{}}],"c":{"d":"é\n"}}"#,
            r#"{"a":1,"b":2,"a":3}"#,
            r#"  [ 18446744073709551615 , -9223372036854775808 ] "#,
            "\"text\"",
        ] {
            let ours = parse_value(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
            assert_eq!(ours.to_string(), theirs.to_string(), "key order of {text}");
        }
        for text in [r#"{"a":1"#, r#"{"a":1} x"#, "", r#"{"a":01}"#, "[1e400]"] {
            let ours = parse_value(text).unwrap_err().to_string();
            let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err().to_string();
            assert_eq!(ours, theirs, "{text}");
        }
    }
}
