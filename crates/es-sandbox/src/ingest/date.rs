//! Dates as the `date` processor reads and writes them: Java `DateTimeFormatter` patterns
//! (`yyyy-MM-dd HH:mm:ss,SSS`, `dd/MMM/yyyy:H:m:s Z`, optional `[…]` sections), ES's `ISO8601`,
//! `UNIX`, `UNIX_MS` and `TAI64N` formats and a few named formats, and Java time zone ids
//! (offsets, `UTC`, and region ids read from the system's tz database).
//!
//! Locales are not modelled: month and day names are English, as with ES's default `ENGLISH`.
//! Week-based fields (`YYYY`, `ww`, numeric `e`) follow ISO rules (weeks start on Monday, week 1
//! holds the year's first Thursday): ES 8.x installs its `IsoCalendarDataProvider`, which gives
//! every locale those rules, and `DateFormatters.localDateFromWeekBasedDate` resolves a week
//! without a day to its first day.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// One element of a Java pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(String),
    /// A pattern letter repeated `count` times.
    Field(char, usize),
    /// `[…]`: parsed if present.
    Optional(Vec<Token>),
}

/// A format of the `formats` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFormat {
    /// `ISO8601` and ES's ISO named formats (`strict_date_optional_time`, …).
    Iso8601,
    /// `UNIX`, `epoch_second`: seconds, with an optional fraction.
    Unix,
    /// `UNIX_MS`, `epoch_millis`.
    UnixMs,
    /// `TAI64N`.
    Tai64n,
    /// A Java pattern.
    Java(String, Vec<TokenList>),
}

/// A compiled Java pattern (kept opaque).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenList(Vec<Token>);

impl DateFormat {
    /// Compiles a format as the `date` processor does when the pipeline is stored.
    pub fn parse(spec: &str) -> Result<DateFormat, String> {
        Ok(match spec {
            "ISO8601"
            | "strict_date_optional_time"
            | "date_optional_time"
            | "strict_date_time"
            | "date_time"
            | "strict_date_time_no_millis"
            | "date_time_no_millis"
            | "strict_date_optional_time_nanos"
            | "strict_date"
            | "date" => DateFormat::Iso8601,
            "UNIX" | "epoch_second" => DateFormat::Unix,
            "UNIX_MS" | "epoch_millis" => DateFormat::UnixMs,
            "TAI64N" => DateFormat::Tai64n,
            "basic_date" => DateFormat::Java(spec.into(), vec![TokenList(tokenize("yyyyMMdd")?)]),
            "basic_date_time" => DateFormat::Java(spec.into(), vec![TokenList(tokenize("yyyyMMdd'T'HHmmss.SSSZ")?)]),
            _ if spec.contains('_') && spec.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                return Err(format!("the esops sandbox does not support the named date format [{spec}]"));
            }
            // `||` separates alternatives, as in ES's date formats.
            _ => DateFormat::Java(
                spec.into(),
                spec.split("||").map(|p| tokenize(p).map(TokenList)).collect::<Result<_, _>>()?,
            ),
        })
    }

    /// Parses `text`; `zone` applies when the text carries no offset, `default_year` when it
    /// carries no year. The error is ES's message.
    pub fn parse_date(&self, text: &str, zone: &Zone, default_year: i32) -> Result<DateTime<FixedOffset>, String> {
        self.read(text, zone, default_year).ok_or_else(|| format!("failed to parse date field [{text}]"))
    }

    /// [`parse_date`](Self::parse_date) without the message: a `date` processor tries its
    /// formats in turn on every document, and most of them fail.
    pub fn read(&self, text: &str, zone: &Zone, default_year: i32) -> Option<DateTime<FixedOffset>> {
        match self {
            DateFormat::UnixMs => {
                let millis: i64 = text.trim().parse().ok()?;
                Some(zone.at_utc_millis(millis))
            }
            DateFormat::Unix => {
                let seconds: f64 = text.trim().parse().ok()?;
                Some(zone.at_utc_millis((seconds * 1000.0) as i64))
            }
            DateFormat::Tai64n => {
                let input = text.strip_prefix('@').unwrap_or(text);
                if input.len() < 24 || !input.is_ascii() {
                    return None;
                }
                let base = i64::from_str_radix(&input[1..16], 16).ok()?;
                let rest = i64::from_str_radix(&input[16..24], 16).ok()?;
                Some(zone.at_utc_millis(base * 1000 - 10000 + rest / 1_000_000))
            }
            DateFormat::Iso8601 => parse_iso(text, zone),
            DateFormat::Java(_, alternatives) => alternatives.iter().find_map(|tokens| {
                let mut fields = Fields::default();
                let rest = parse_tokens(&tokens.0, text, &mut fields)?;
                rest.is_empty().then_some(())?;
                fields.resolve(zone, default_year)
            }),
        }
    }
}

/// A Java pattern dates are written with (`output_format`), compiled once when the pipeline is
/// stored rather than for every document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFormat(TokenList);

impl OutputFormat {
    /// Compiles a pattern; the error is ES's for an invalid one.
    pub fn parse(pattern: &str) -> Result<OutputFormat, String> {
        Ok(OutputFormat(TokenList(tokenize(pattern)?)))
    }

    /// Writes `date` in this format.
    pub fn format(&self, date: &DateTime<FixedOffset>) -> String {
        let mut out = String::new();
        format_tokens(&self.0.0, date, &mut out);
        out
    }
}

fn tokenize(pattern: &str) -> Result<Vec<Token>, String> {
    fn inner(chars: &[char], i: &mut usize, pattern: &str, nested: bool) -> Result<Vec<Token>, String> {
        let mut tokens = Vec::new();
        while *i < chars.len() {
            let c = chars[*i];
            if c == '\'' {
                let mut literal = String::new();
                *i += 1;
                loop {
                    match chars.get(*i) {
                        None => {
                            return Err(format!(
                                "Invalid format: [{pattern}]: Pattern ends with an incomplete string literal: {pattern}"
                            ));
                        }
                        Some('\'') if chars.get(*i + 1) == Some(&'\'') => {
                            literal.push('\'');
                            *i += 2;
                        }
                        Some('\'') => {
                            *i += 1;
                            break;
                        }
                        Some(other) => {
                            literal.push(*other);
                            *i += 1;
                        }
                    }
                }
                if literal.is_empty() {
                    literal.push('\'');
                }
                tokens.push(Token::Literal(literal));
            } else if c == '[' {
                *i += 1;
                tokens.push(Token::Optional(inner(chars, i, pattern, true)?));
            } else if c == ']' && nested {
                *i += 1;
                return Ok(tokens);
            } else if c.is_ascii_alphabetic() {
                let mut count = 0;
                while chars.get(*i) == Some(&c) {
                    count += 1;
                    *i += 1;
                }
                if !"GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZp".contains(c) {
                    return Err(format!("Invalid format: [{pattern}]: Unknown pattern letter: {c}"));
                }
                tokens.push(Token::Field(c, count));
            } else {
                tokens.push(Token::Literal(c.to_string()));
                *i += 1;
            }
        }
        Ok(tokens)
    }
    let chars: Vec<char> = pattern.chars().collect();
    inner(&chars, &mut 0, pattern, false)
}

/// Date-time fields collected while parsing.
#[derive(Debug, Default, Clone)]
struct Fields {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    hour12: Option<u32>,
    pm: Option<bool>,
    minute: Option<u32>,
    second: Option<u32>,
    nanos: Option<u32>,
    offset_seconds: Option<i32>,
    zone: Option<Zone>,
    /// `Y`: the week-based year.
    week_year: Option<i32>,
    /// `w`: the week of the week-based year.
    week: Option<u32>,
    /// `E`, `e`, `c`: the day of the week, 1 (Monday) to 7.
    weekday: Option<u32>,
}

impl Fields {
    fn resolve(&self, zone: &Zone, default_year: i32) -> Option<DateTime<FixedOffset>> {
        let hour = match (self.hour, self.hour12, self.pm) {
            (Some(h), _, _) => h,
            (None, Some(h), pm) => h % 12 + if pm == Some(true) { 12 } else { 0 },
            (None, None, _) => 0,
        };
        let date = match self.week_year {
            // A week date (`DateFormatters.from` → `localDateFromWeekBasedDate`): the given day of
            // the week, else the week's first day, of week 1 when only the year is given.
            Some(week_year) if self.year.is_none() && self.month.is_none() => NaiveDate::from_isoywd_opt(
                week_year,
                self.week.unwrap_or(1),
                chrono::Weekday::try_from(u8::try_from(self.weekday.unwrap_or(1) - 1).ok()?).ok()?,
            )?,
            _ => NaiveDate::from_ymd_opt(
                self.year.unwrap_or(default_year),
                self.month.unwrap_or(1),
                self.day.unwrap_or(1),
            )?,
        };
        let local =
            date.and_hms_nano_opt(hour, self.minute.unwrap_or(0), self.second.unwrap_or(0), self.nanos.unwrap_or(0))?;
        match (self.offset_seconds, &self.zone) {
            (Some(offset), _) => FixedOffset::east_opt(offset)?.from_local_datetime(&local).single(),
            (None, Some(parsed_zone)) => Some(parsed_zone.from_local(&local)),
            (None, None) => Some(zone.from_local(&local)),
        }
    }
}

fn take_digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let len = text.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if len < min {
        return None;
    }
    Some((text[..len].parse().ok()?, &text[len..]))
}

/// A fraction of a second written with up to nine digits, in nanoseconds (`5` → 500000000).
fn nanos(digits: &str) -> Option<u32> {
    let scale = 10u32.pow(9u32.checked_sub(u32::try_from(digits.len()).ok()?)?);
    Some(digits.parse::<u32>().ok()? * scale)
}

fn take_name<'t>(text: &'t str, names: &[&str], short: bool) -> Option<(usize, &'t str)> {
    names.iter().enumerate().find_map(|(i, name)| {
        let candidate = if short { &name[..3] } else { name };
        let head = text.get(..candidate.len())?;
        head.eq_ignore_ascii_case(candidate).then(|| (i, &text[candidate.len()..]))
    })
}

/// `+01:00`, `+0100`, `+01`, or `Z` when `z_allowed`.
fn take_offset(text: &str, z_allowed: bool, colon: Option<bool>) -> Option<(i32, &str)> {
    if z_allowed && let Some(rest) = text.strip_prefix('Z') {
        return Some((0, rest));
    }
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let rest = &text[1..];
    let (hours, rest) = take_digits(rest, 2, 2)?;
    let (minutes, rest) = match (colon, rest.strip_prefix(':')) {
        (Some(false), _) | (None, None) => match take_digits(rest, 2, 2) {
            Some((m, r)) => (m, r),
            None if colon.is_none() => (0, rest),
            None => return None,
        },
        (_, Some(after)) => take_digits(after, 2, 2)?,
        (Some(true), None) => return None,
    };
    Some((sign * (hours as i32 * 3600 + minutes as i32 * 60), rest))
}

fn is_numeric(token: Option<&Token>) -> bool {
    matches!(token, Some(Token::Field(c, n)) if "yuYwMdHhKkmsSD".contains(*c) && !(*c == 'M' && *n >= 3))
}

fn parse_tokens<'t>(tokens: &[Token], mut text: &'t str, fields: &mut Fields) -> Option<&'t str> {
    for (i, token) in tokens.iter().enumerate() {
        let adjacent = is_numeric(tokens.get(i + 1));
        text = match token {
            Token::Literal(l) => text.strip_prefix(l.as_str())?,
            Token::Optional(inner) => {
                let mut attempt = fields.clone();
                match parse_tokens(inner, text, &mut attempt) {
                    Some(rest) => {
                        *fields = attempt;
                        rest
                    }
                    None => text,
                }
            }
            Token::Field(c, n) => {
                let n = *n;
                let (min, max) = match (c, n) {
                    (_, _) if adjacent => (
                        n.max(if "yuY".contains(*c) && n != 2 { 4 } else { n }),
                        n.max(if "yuY".contains(*c) && n != 2 { 4 } else { n }),
                    ),
                    ('y' | 'u' | 'Y', 2) => (2, 2),
                    ('y' | 'u' | 'Y', _) => (n.max(1), 9),
                    ('S', _) => (n, 9),
                    (_, 1) => (1, 2),
                    _ => (n, n),
                };
                match c {
                    'y' | 'u' => {
                        let (v, rest) = take_digits(text, min, max)?;
                        fields.year = Some(if n == 2 { 2000 + v as i32 } else { v as i32 });
                        rest
                    }
                    'Y' => {
                        let (v, rest) = take_digits(text, min, max)?;
                        fields.week_year = Some(if n == 2 { 2000 + v as i32 } else { v as i32 });
                        rest
                    }
                    'M' | 'L' if n >= 3 => {
                        let (m, rest) = take_name(text, &MONTHS, n == 3)?;
                        fields.month = Some(m as u32 + 1);
                        rest
                    }
                    'E' | 'e' | 'c' if n >= 3 || *c == 'E' => {
                        let (d, rest) = take_name(text, &DAYS, n <= 3)?;
                        fields.weekday = Some(d as u32 + 1);
                        rest
                    }
                    'a' => {
                        let upper = text.get(..2)?.to_ascii_uppercase();
                        fields.pm = Some(match upper.as_str() {
                            "AM" => false,
                            "PM" => true,
                            _ => return None,
                        });
                        &text[2..]
                    }
                    'Z' if n == 4 => {
                        let rest = text.strip_prefix("GMT")?;
                        let (o, rest) = take_offset(rest, false, Some(true)).unwrap_or((0, rest));
                        fields.offset_seconds = Some(o);
                        rest
                    }
                    'Z' => {
                        let (o, rest) = take_offset(text, n == 5, Some(n == 5))?;
                        fields.offset_seconds = Some(o);
                        rest
                    }
                    'X' | 'x' => {
                        let colon = match n {
                            1 => None,
                            2 | 4 => Some(false),
                            _ => Some(true),
                        };
                        let (o, rest) = take_offset(text, *c == 'X', colon)?;
                        fields.offset_seconds = Some(o);
                        rest
                    }
                    'z' | 'V' | 'O' => {
                        let len = text.find(|ch: char| ch.is_whitespace()).unwrap_or(text.len());
                        fields.zone = Some(Zone::parse(&text[..len]).ok()?);
                        &text[len..]
                    }
                    'S' => {
                        let digits = text.bytes().take(max).take_while(u8::is_ascii_digit).count();
                        if digits < min {
                            return None;
                        }
                        fields.nanos = Some(nanos(&text[..digits])?);
                        &text[digits..]
                    }
                    _ => {
                        let (v, rest) = take_digits(text, min, max)?;
                        match c {
                            'M' | 'L' => fields.month = Some(v),
                            'd' => fields.day = Some(v),
                            'H' => fields.hour = Some(v),
                            'k' => fields.hour = Some(v % 24),
                            'h' | 'K' => fields.hour12 = Some(v),
                            'm' => fields.minute = Some(v),
                            's' => fields.second = Some(v),
                            'w' => fields.week = Some(v),
                            // Localized day-of-week number; ISO rules make Monday 1.
                            'e' | 'c' if (1..=7).contains(&v) => fields.weekday = Some(v),
                            _ => return None,
                        }
                        rest
                    }
                }
            }
        };
    }
    Some(text)
}

fn format_tokens(tokens: &[Token], date: &DateTime<FixedOffset>, out: &mut String) {
    for token in tokens {
        match token {
            Token::Literal(l) => out.push_str(l),
            Token::Optional(inner) => format_tokens(inner, date, out),
            Token::Field(c, n) => {
                let n = *n;
                let offset = date.offset().local_minus_utc();
                // Written in place: a `format!` per field was most of the processor's allocations.
                let number = |v: i64, out: &mut String| {
                    let _ = write!(out, "{v:0n$}");
                };
                match c {
                    'y' | 'u' if n == 2 => number(i64::from(date.year() % 100), out),
                    'y' | 'u' => number(i64::from(date.year()), out),
                    'Y' if n == 2 => number(i64::from(date.iso_week().year() % 100), out),
                    'Y' => number(i64::from(date.iso_week().year()), out),
                    'w' => number(i64::from(date.iso_week().week()), out),
                    'e' | 'c' if n < 3 => number(i64::from(date.weekday().number_from_monday()), out),
                    'M' | 'L' if n >= 4 => out.push_str(MONTHS[date.month0() as usize]),
                    'M' | 'L' if n == 3 => out.push_str(&MONTHS[date.month0() as usize][..3]),
                    'M' | 'L' => number(i64::from(date.month()), out),
                    'd' => number(i64::from(date.day()), out),
                    'H' => number(i64::from(date.hour()), out),
                    'k' => number(i64::from(if date.hour() == 0 { 24 } else { date.hour() }), out),
                    'h' => number(i64::from((date.hour() + 11) % 12 + 1), out),
                    'K' => number(i64::from(date.hour() % 12), out),
                    'm' => number(i64::from(date.minute()), out),
                    's' => number(i64::from(date.second()), out),
                    'S' => {
                        let fraction = date.nanosecond() % 1_000_000_000 / 10u32.pow(9 - n.min(9) as u32);
                        let _ = write!(out, "{fraction:0width$}", width = n.min(9));
                    }
                    'a' => out.push_str(if date.hour() < 12 { "AM" } else { "PM" }),
                    'E' if n >= 4 => out.push_str(DAYS[date.weekday().num_days_from_monday() as usize]),
                    'E' => out.push_str(&DAYS[date.weekday().num_days_from_monday() as usize][..3]),
                    'X' if offset == 0 => out.push('Z'),
                    'X' | 'x' | 'Z' => {
                        let sign = if offset < 0 { '-' } else { '+' };
                        let (h, m) = (offset.abs() / 3600, offset.abs() % 3600 / 60);
                        match (c, n) {
                            (_, 1) if *c != 'Z' && m == 0 => {
                                let _ = write!(out, "{sign}{h:02}");
                            }
                            ('Z', 4) => {
                                let _ = write!(out, "GMT{sign}{h:02}:{m:02}");
                            }
                            (_, 2) | ('Z', _) if !(*c == 'Z' && n == 5) => {
                                let _ = write!(out, "{sign}{h:02}{m:02}");
                            }
                            _ => {
                                let _ = write!(out, "{sign}{h:02}:{m:02}");
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// ES's lenient ISO 8601 (`strict_date_optional_time`): date, optional time, fraction and offset.
fn parse_iso(text: &str, zone: &Zone) -> Option<DateTime<FixedOffset>> {
    let mut fields = Fields::default();
    let (year, mut rest) = take_digits(text, 4, 9)?;
    fields.year = Some(year as i32);
    if let Some(r) = rest.strip_prefix('-') {
        let (month, r) = take_digits(r, 2, 2)?;
        fields.month = Some(month);
        rest = r;
        if let Some(r) = rest.strip_prefix('-') {
            let (day, r) = take_digits(r, 2, 2)?;
            fields.day = Some(day);
            rest = r;
        }
    }
    if let Some(r) = rest.strip_prefix('T') {
        let (hour, r) = take_digits(r, 2, 2)?;
        fields.hour = Some(hour);
        rest = r;
        if let Some(r) = rest.strip_prefix(':') {
            let (minute, r) = take_digits(r, 2, 2)?;
            fields.minute = Some(minute);
            rest = r;
            if let Some(r) = rest.strip_prefix(':') {
                let (second, r) = take_digits(r, 2, 2)?;
                fields.second = Some(second);
                rest = r;
                if let Some(r) = rest.strip_prefix(['.', ',']) {
                    let digits = r.bytes().take(9).take_while(u8::is_ascii_digit).count();
                    if digits == 0 {
                        return None;
                    }
                    fields.nanos = Some(nanos(&r[..digits])?);
                    rest = &r[digits..];
                }
            }
        }
        if !rest.is_empty() {
            let (offset, r) = take_offset(rest, true, None)?;
            fields.offset_seconds = Some(offset);
            rest = r;
        }
    }
    rest.is_empty().then_some(())?;
    fields.resolve(zone, 1970)
}

/// A Java `ZoneId`: a fixed offset, or a region's rules from the tz database.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    /// `Z`, `UTC`, `+01:00`, `GMT+2`, …
    Fixed(FixedOffset),
    /// `Europe/Amsterdam`, from the tz database.
    Region {
        /// UTC transition times (seconds) and the offset (seconds) in force from each; shared
        /// by every use of the zone (see [`region`]).
        transitions: Arc<[(i64, i32)]>,
        /// The offset before the first transition.
        initial: i32,
    },
}

impl Zone {
    /// UTC.
    pub fn utc() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(0).expect("zero offset"))
    }

    /// `ZoneId.of(id)`; the error is Java's.
    pub fn parse(id: &str) -> Result<Zone, String> {
        let fixed = |seconds: i32| FixedOffset::east_opt(seconds).map(Zone::Fixed);
        if matches!(id, "Z" | "UTC" | "GMT" | "UT" | "Etc/UTC" | "Etc/GMT") {
            return Ok(Zone::utc());
        }
        let offset_part = ["UTC", "GMT", "UT"].iter().find_map(|p| id.strip_prefix(p)).unwrap_or(id);
        if offset_part.starts_with(['+', '-']) {
            let sign = if offset_part.starts_with('-') { -1 } else { 1 };
            let digits = &offset_part[1..];
            let (h, m) = match digits.split_once(':') {
                Some((h, m)) => (h.parse::<i32>().ok(), m.parse::<i32>().ok()),
                None if digits.len() == 4 => (digits[..2].parse().ok(), digits[2..].parse().ok()),
                None => (digits.parse().ok(), Some(0)),
            };
            if let (Some(h), Some(m)) = (h, m)
                && let Some(zone) = fixed(sign * (h * 3600 + m * 60))
            {
                return Ok(zone);
            }
            return Err(format!("Invalid ID for offset-based ZoneId: {id}"));
        }
        region(id).ok_or_else(|| format!("Unknown time-zone ID: {id}"))
    }

    fn offset_at_utc(&self, utc_seconds: i64) -> i32 {
        match self {
            Zone::Fixed(f) => f.local_minus_utc(),
            Zone::Region { transitions, initial } => {
                let after = transitions.partition_point(|(at, _)| *at <= utc_seconds);
                if after == 0 { *initial } else { transitions[after - 1].1 }
            }
        }
    }

    /// The instant `millis` shown in this zone.
    pub fn at_utc_millis(&self, millis: i64) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(self.offset_at_utc(millis.div_euclid(1000)))
            .unwrap_or(FixedOffset::east_opt(0).expect("zero"));
        Utc.timestamp_millis_opt(millis).single().unwrap_or_default().with_timezone(&offset)
    }

    /// Interprets a local date-time in this zone (the earlier offset in a DST overlap, like Java).
    pub fn from_local(&self, local: &NaiveDateTime) -> DateTime<FixedOffset> {
        let naive_seconds = local.and_utc().timestamp();
        let guess = self.offset_at_utc(naive_seconds);
        let offset = self.offset_at_utc(naive_seconds - i64::from(guess));
        let fixed = FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).expect("zero"));
        fixed
            .from_local_datetime(local)
            .earliest()
            .unwrap_or_else(|| Utc.from_utc_datetime(local).with_timezone(&fixed))
    }
}

/// A region's rules from the tz database, read once per process and id: a `date` processor's
/// `timezone` is rendered for every document, and reading the file each time cost more than the
/// rest of the processor. Only zones that exist are kept, so the cache is bounded by the database.
fn region(id: &str) -> Option<Zone> {
    static REGIONS: Mutex<BTreeMap<String, Zone>> = Mutex::new(BTreeMap::new());
    if let Some(known) = REGIONS.lock().unwrap_or_else(PoisonError::into_inner).get(id) {
        return Some(known.clone());
    }
    let valid = !id.is_empty() && id.split('/').all(|p| !p.is_empty() && p != "." && p != "..");
    let bytes = valid.then(|| std::fs::read(format!("/usr/share/zoneinfo/{id}")).ok()).flatten();
    let zone = bytes.as_deref().and_then(parse_tzif)?;
    REGIONS.lock().unwrap_or_else(PoisonError::into_inner).insert(id.to_string(), zone.clone());
    Some(zone)
}

/// Reads a TZif file: transition times and offsets (the 64-bit block of v2+ files when present).
/// Instants after the last transition keep the last offset, which holds for the "fat" files that
/// Debian's tzdata installs up to 2037.
fn parse_tzif(data: &[u8]) -> Option<Zone> {
    let header = |at: usize| -> Option<[usize; 6]> {
        if data.get(at..at + 4)? != b"TZif" {
            return None;
        }
        let mut counts = [0usize; 6];
        for (i, c) in counts.iter_mut().enumerate() {
            let start = at + 20 + i * 4;
            *c = u32::from_be_bytes(data.get(start..start + 4)?.try_into().ok()?) as usize;
        }
        Some(counts)
    };
    let [isut, isstd, leap, time, types, chars] = header(0)?;
    let v1_len = time * 5 + types * 6 + chars + leap * 8 + isstd + isut;
    let (base, [_, _, _, time, types, _], width) = if data[4] >= b'2' {
        let at = 44 + v1_len;
        (at + 44, header(at)?, 8)
    } else {
        (44, [isut, isstd, leap, time, types, chars], 4)
    };
    let read_time = |i: usize| -> Option<i64> {
        let start = base + i * width;
        let bytes = data.get(start..start + width)?;
        Some(if width == 8 {
            i64::from_be_bytes(bytes.try_into().ok()?)
        } else {
            i64::from(i32::from_be_bytes(bytes.try_into().ok()?))
        })
    };
    let index_base = base + time * width;
    let type_base = index_base + time;
    let offset_of = |t: usize| -> Option<i32> {
        let start = type_base + t * 6;
        Some(i32::from_be_bytes(data.get(start..start + 4)?.try_into().ok()?))
    };
    let mut transitions = Vec::with_capacity(time);
    for i in 0..time {
        let kind = *data.get(index_base + i)? as usize;
        transitions.push((read_time(i)?, offset_of(kind)?));
    }
    let initial = if types > 0 { offset_of(0)? } else { 0 };
    Some(Zone::Region { transitions: transitions.into(), initial })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUT: &str = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    fn parse(format: &str, text: &str, zone: &str) -> String {
        let zone = Zone::parse(zone).unwrap();
        let date = DateFormat::parse(format).unwrap().parse_date(text, &zone, 2024).unwrap();
        OutputFormat::parse(OUT).unwrap().format(&date)
    }

    #[test]
    fn java_patterns() {
        assert_eq!(
            parse("yyyy-MM-dd'T'HH:mm:ss.SSSZZ", "2018-02-05T13:44:56.657+0100", "UTC"),
            "2018-02-05T13:44:56.657+01:00"
        );
        assert_eq!(parse("yyyy-MM-dd HH:mm:ss Z", "2017-04-04 13:43:09 +0200", "UTC"), "2017-04-04T13:43:09.000+02:00");
        assert_eq!(parse("dd/MMM/yyyy:H:m:s Z", "10/Aug/2018:09:45:56 +0200", "UTC"), "2018-08-10T09:45:56.000+02:00");
        assert_eq!(parse("yyyy-MM-dd HH:mm:ss,SSS", "2024-03-15 10:20:30,123", "UTC"), "2024-03-15T10:20:30.123Z");
        assert_eq!(parse("yyyyMMdd", "20240315", "UTC"), "2024-03-15T00:00:00.000Z");
        assert_eq!(parse("MMM d HH:mm:ss", "Mar 5 10:20:30", "UTC"), "2024-03-05T10:20:30.000Z");
        assert_eq!(parse("yyyy-MM-dd[ HH:mm]", "2024-03-15", "UTC"), "2024-03-15T00:00:00.000Z");
        assert!(DateFormat::parse("yyyy").unwrap().parse_date("20x", &Zone::utc(), 2024).is_err());
        assert!(DateFormat::parse("yyyy-bb").is_err());
    }

    #[test]
    fn week_based_patterns_use_iso_weeks() {
        // ISO week 33 of 2020 starts on Monday 10 August; without a day, the week's first day.
        assert_eq!(parse("YYYY-ww", "2020-33", "UTC"), "2020-08-10T00:00:00.000Z");
        // Week 1 of 2021 starts on 4 January (1 January 2021 is a Friday, in week 53 of 2020).
        assert_eq!(parse("YYYY-ww", "2021-01", "UTC"), "2021-01-04T00:00:00.000Z");
        assert_eq!(parse("YYYY", "2021", "UTC"), "2021-01-04T00:00:00.000Z");
        assert_eq!(parse("YYYY-ww-e", "2020-53-5", "UTC"), "2021-01-01T00:00:00.000Z");
        assert_eq!(parse("YYYY-ww EEE", "2020-33 Wed", "UTC"), "2020-08-12T00:00:00.000Z");
        assert_eq!(parse("YYYYww", "202033", "+02:00"), "2020-08-10T00:00:00.000+02:00");
        let date = DateFormat::parse("yyyy-MM-dd").unwrap().parse_date("2021-01-01", &Zone::utc(), 2024).unwrap();
        assert_eq!(OutputFormat::parse("YYYY-ww-e").unwrap().format(&date), "2020-53-5");
    }

    #[test]
    fn named_and_epoch_formats() {
        assert_eq!(parse("ISO8601", "2018-02-05T13:44:56.657+0100", "UTC"), "2018-02-05T13:44:56.657+01:00");
        assert_eq!(parse("ISO8601", "2010-06-01T00:00:00.000", "+01:00"), "2010-06-01T00:00:00.000+01:00");
        assert_eq!(parse("UNIX", "1", "UTC"), "1970-01-01T00:00:01.000Z");
        assert_eq!(parse("UNIX_MS", "1", "UTC"), "1970-01-01T00:00:00.001Z");
        assert_eq!(parse("epoch_second", "1688548995.987654321", "UTC"), "2023-07-05T09:23:15.987Z");
        assert_eq!(parse("TAI64N", "4000000050d506482dbdf024", "UTC"), "2012-12-22T01:00:46.767Z");
    }

    #[test]
    fn region_zones_from_the_tz_database() {
        if !std::path::Path::new("/usr/share/zoneinfo/Europe/Amsterdam").exists() {
            return;
        }
        assert_eq!(parse("dd/MM/yyyy", "12/06/2010", "Europe/Amsterdam"), "2010-06-12T00:00:00.000+02:00");
        assert_eq!(parse("dd/MM/yyyy", "12/01/2010", "Europe/Amsterdam"), "2010-01-12T00:00:00.000+01:00");
        assert_eq!(Zone::parse("Mars/Olympus").unwrap_err(), "Unknown time-zone ID: Mars/Olympus");
        // Read once, then remembered; an unknown id stays unknown.
        assert_eq!(Zone::parse("Europe/Amsterdam"), Zone::parse("Europe/Amsterdam"));
        assert_eq!(Zone::parse("Mars/Olympus").unwrap_err(), "Unknown time-zone ID: Mars/Olympus");
    }
}
