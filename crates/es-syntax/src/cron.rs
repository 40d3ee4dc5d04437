//! Elasticsearch's cron expressions (`org.elasticsearch.xpack.core.scheduler.Cron`, a fork of
//! Quartz's `CronExpression`), as SLM schedules and Watcher use them: six or seven fields
//! `seconds minutes hours day-of-month month day-of-week [year]`, always in UTC.
//!
//! | field | values | special |
//! |---|---|---|
//! | seconds, minutes | 0-59 | `, - * /` |
//! | hours | 0-23 | `, - * /` |
//! | day of month | 1-31 | `, - * ? / L W` (`L`, `L-3`, `15W`, `LW`) |
//! | month | 1-12 or JAN-DEC | `, - * /` |
//! | day of week | 1-7 or SUN-SAT (1 = Sunday) | `, - * ? / L #` (`6L`, `2#1`) |
//! | year (optional) | 1970-2199 | `, - * /` |
//!
//! Exactly one of day-of-month and day-of-week must be `?` (ES: "support for specifying both a
//! day-of-week AND a day-of-month parameter is not implemented"). Names are case-insensitive.
//! Ranges may wrap (`22-2`, `NOV-FEB`).

use std::collections::BTreeSet;

/// A parsed cron expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    expression: String,
    seconds: BTreeSet<u32>,
    minutes: BTreeSet<u32>,
    hours: BTreeSet<u32>,
    month_days: DaySpec,
    months: BTreeSet<u32>,
    week_days: DaySpec,
    years: Option<BTreeSet<u32>>,
}

/// What a day field asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DaySpec {
    /// `?`: no specific value (the other day field decides).
    NoSpec,
    /// A set of values (days of the month 1-31, or days of the week 1-7).
    Set(BTreeSet<u32>),
    /// Day of month `L` or `L-n`: the last day minus `n`; `weekday` for `LW`.
    LastOfMonth { offset: u32, weekday: bool },
    /// Day of month `nW`: the weekday nearest day `n`, within the month.
    NearestWeekday(u32),
    /// Day of week `nL`: the last such day of the month.
    LastWeekday(u32),
    /// Day of week `n#k`: the k-th such day of the month.
    NthWeekday(u32, u32),
}

const MONTHS: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// The fields in order: name (for messages), lowest and highest value.
const FIELDS: [(&str, u32, u32); 7] = [
    ("Second", 0, 59),
    ("Minute", 0, 59),
    ("Hour", 0, 23),
    ("Day-of-Month", 1, 31),
    ("Month", 1, 12),
    ("Day-of-Week", 1, 7),
    ("Year", 1970, 2199),
];

impl Cron {
    /// Parses `expression`; the error is ES's wording (`invalid cron expression [x]`, then why).
    pub fn parse(expression: &str) -> Result<Cron, String> {
        parse(expression).map_err(|why| format!("invalid cron expression [{expression}]: {why}"))
    }

    /// The expression as given.
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The first time strictly after `after_millis` (epoch millis, UTC) that the expression
    /// matches, on whole seconds; `None` when there is none (a year list in the past, `31 FEB`).
    pub fn next_after(&self, after_millis: i64) -> Option<i64> {
        let start = after_millis.div_euclid(1000) + 1;
        let (mut day, mut second_of_day) = (start.div_euclid(86_400), start.rem_euclid(86_400) as u32);
        // ES gives up after the year 2999; days are enough to walk (a few hundred thousand at most).
        let last_day = days_from_civil(3000, 1, 1);
        while day < last_day {
            let (year, month, dom) = civil_from_days(day);
            if self.day_matches(year, month, dom, day)
                && let Some(time) = self.first_time_from(second_of_day)
            {
                return Some((day * 86_400 + i64::from(time)) * 1000);
            }
            day += 1;
            second_of_day = 0;
        }
        None
    }

    fn first_time_from(&self, second_of_day: u32) -> Option<u32> {
        for &h in self.hours.range(second_of_day / 3600..) {
            for &m in &self.minutes {
                for &s in &self.seconds {
                    let t = h * 3600 + m * 60 + s;
                    if t >= second_of_day {
                        return Some(t);
                    }
                }
            }
        }
        None
    }

    fn day_matches(&self, year: i64, month: u32, dom: u32, day: i64) -> bool {
        if let Some(years) = &self.years
            && !u32::try_from(year).is_ok_and(|y| years.contains(&y))
        {
            return false;
        }
        if !self.months.contains(&month) {
            return false;
        }
        let length = month_length(year, month);
        // 1 = Sunday, as in ES; 1970-01-01 (day 0) was a Thursday.
        let weekday = ((day + 4).rem_euclid(7) + 1) as u32;
        let month_day_ok = match &self.month_days {
            DaySpec::NoSpec => true,
            DaySpec::Set(days) => days.contains(&dom),
            DaySpec::LastOfMonth { offset, weekday: false } => length.checked_sub(*offset) == Some(dom),
            DaySpec::LastOfMonth { offset, weekday: true } => {
                length.checked_sub(*offset).is_some_and(|target| nearest_weekday(target, length, day, dom) == dom)
            }
            DaySpec::NearestWeekday(target) => *target <= length && nearest_weekday(*target, length, day, dom) == dom,
            DaySpec::LastWeekday(_) | DaySpec::NthWeekday(..) => false,
        };
        let week_day_ok = match &self.week_days {
            DaySpec::NoSpec => true,
            DaySpec::Set(days) => days.contains(&weekday),
            DaySpec::LastWeekday(wanted) => *wanted == weekday && dom + 7 > length,
            DaySpec::NthWeekday(wanted, nth) => *wanted == weekday && (dom - 1) / 7 + 1 == *nth,
            DaySpec::LastOfMonth { .. } | DaySpec::NearestWeekday(_) => false,
        };
        month_day_ok && week_day_ok
    }
}

/// The weekday (Mon-Fri) nearest day `target` of the month that `day`/`dom` lie in, never
/// crossing into another month.
fn nearest_weekday(target: u32, length: u32, day: i64, dom: u32) -> u32 {
    let target_day = day - i64::from(dom) + i64::from(target);
    let weekday = (target_day + 4).rem_euclid(7); // 0 = Sunday
    match weekday {
        6 if target == 1 => target + 2, // Saturday the 1st: Monday the 3rd
        6 => target - 1,
        0 if target == length => target - 2, // Sunday the last: Friday before
        0 => target + 1,
        _ => target,
    }
}

fn parse(expression: &str) -> Result<Cron, String> {
    let upper = expression.to_ascii_uppercase();
    let fields: Vec<&str> = upper.split([' ', '\t']).filter(|f| !f.is_empty()).collect();
    if fields.len() < 6 {
        return Err(format!("unexpected end of expression at pos [{}].", expression.len()));
    }
    if fields.len() > 7 {
        return Err(format!("unexpected token [{}] after the year field", fields[7]));
    }
    let seconds = value_set(fields[0], 0)?;
    let minutes = value_set(fields[1], 1)?;
    let hours = value_set(fields[2], 2)?;
    let month_days = day_spec(fields[3], 3)?;
    let months = value_set(fields[4], 4)?;
    let week_days = day_spec(fields[5], 5)?;
    let years = fields.get(6).map(|f| value_set(f, 6)).transpose()?;
    if (month_days == DaySpec::NoSpec) == (week_days == DaySpec::NoSpec) {
        return Err(if month_days == DaySpec::NoSpec {
            "'?' can only be specified for Day-of-Month -OR- Day-of-Week.".to_string()
        } else {
            "support for specifying both a day-of-week AND a day-of-month parameter is not implemented.".to_string()
        });
    }
    Ok(Cron { expression: expression.to_string(), seconds, minutes, hours, month_days, months, week_days, years })
}

/// A day field: `?`, the special forms, or a plain value set.
fn day_spec(field: &str, position: usize) -> Result<DaySpec, String> {
    if field == "?" {
        return Ok(DaySpec::NoSpec);
    }
    if field.contains('?') {
        return Err(format!("illegal character after '?' in [{field}]"));
    }
    let month = position == 3;
    if field.contains('L') && field.len() > 1 && field.contains(',') {
        return Err(if month {
            "support for specifying 'L' and 'LW' with other days of the month is not implemented".to_string()
        } else {
            "support for specifying 'L' with other days of the week is not implemented".to_string()
        });
    }
    if month {
        if let Some(rest) = field.strip_prefix('L') {
            let (offset, weekday) = match rest.strip_suffix('W') {
                Some(r) => (r, true),
                None => (rest, false),
            };
            let offset = match offset.strip_prefix('-') {
                Some(n) => n.parse::<u32>().map_err(|_| format!("invalid offset from last day [{n}]"))?,
                None if offset.is_empty() => 0,
                None => return Err(format!("illegal characters [{rest}] after 'L'")),
            };
            if offset > 30 {
                return Err("offset from last day must be <= 30".to_string());
            }
            return Ok(DaySpec::LastOfMonth { offset, weekday });
        }
        if let Some(day) = field.strip_suffix('W') {
            let day = number(day, position)?;
            return Ok(DaySpec::NearestWeekday(day));
        }
    } else {
        if field == "L" {
            return Ok(DaySpec::Set([7].into()));
        }
        if let Some(day) = field.strip_suffix('L') {
            return Ok(DaySpec::LastWeekday(number(day, position)?));
        }
        if let Some((day, nth)) = field.split_once('#') {
            let nth = nth
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .ok_or_else(|| "a numeric value between 1 and 5 must follow the '#' option".to_string())?;
            return Ok(DaySpec::NthWeekday(number(day, position)?, nth));
        }
    }
    if field.contains(['L', 'W', '#']) && !field.chars().any(|c| c.is_ascii_alphabetic() && !"LW#".contains(c)) {
        return Err(format!("'L', 'W' and '#' cannot be combined with other values in [{field}]"));
    }
    Ok(DaySpec::Set(value_set(field, position)?))
}

/// A comma list of `*`, `*/n`, `a`, `a-b`, `a/n`, `a-b/n` (names allowed for months and weekdays).
fn value_set(field: &str, position: usize) -> Result<BTreeSet<u32>, String> {
    let (_, low, high) = FIELDS[position];
    let mut set = BTreeSet::new();
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s.parse().map_err(|_| "'/' must be followed by an integer.".to_string())?;
                if step == 0 || step > high {
                    return Err(format!("increment [{step}] > {}", high + u32::from(low == 0)));
                }
                (r, step)
            }
            None => (part, 1),
        };
        let (start, end) = match range {
            "*" => (low, high),
            _ => match range.split_once('-') {
                Some((a, b)) => (number(a, position)?, number(b, position)?),
                // `5/15` runs from 5 to the end of the field.
                None if part.contains('/') => (number(range, position)?, high),
                None => {
                    let n = number(range, position)?;
                    (n, n)
                }
            },
        };
        // A wrapping range (`22-2`, `NOV-FEB`) runs over the end of the field.
        let span = if end >= start { end - start } else { high - start + 1 + end - low };
        let mut offset = 0;
        while offset <= span {
            let value = start + offset;
            set.insert(if value > high { value - (high - low + 1) } else { value });
            offset += step;
        }
    }
    Ok(set)
}

/// One value of a field: a number in range, or a month or weekday name.
fn number(text: &str, position: usize) -> Result<u32, String> {
    let (name, low, high) = FIELDS[position];
    let named = match position {
        4 => MONTHS.iter().position(|m| *m == text).map(|i| i as u32 + 1),
        5 => DAYS.iter().position(|d| *d == text).map(|i| i as u32 + 1),
        _ => None,
    };
    let value = match named {
        Some(v) => v,
        None if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse().map_err(|_| format!("invalid {name} value [{text}]"))?
        }
        None if text.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && (position == 4 || position == 5) => {
            return Err(format!("invalid {name} value [{text}]"));
        }
        None => return Err(format!("illegal characters [{text}]")),
    };
    if !(low..=high).contains(&value) {
        return Err(format!("{name} values must be between {low} and {high}"));
    }
    Ok(value)
}

fn month_length(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn at(year: i64, month: u32, day: u32, h: i64, m: i64, s: i64) -> i64 {
        days_from_civil(year, month, day) * DAY + (h * 3600 + m * 60 + s) * 1000
    }

    #[test]
    fn next_times_follow_the_fields() {
        let start = at(2024, 3, 15, 12, 0, 0);
        let daily = Cron::parse("0 30 1 * * ?").unwrap();
        assert_eq!(daily.next_after(start), Some(at(2024, 3, 16, 1, 30, 0)));
        let quarter = Cron::parse("0 0/15 * * * ?").unwrap();
        assert_eq!(quarter.next_after(start), Some(at(2024, 3, 15, 12, 15, 0)));
        // ES's own test: "0 1 2 3 4 ? 2099" fires at 4078864860000
        assert_eq!(Cron::parse("0 1 2 3 4 ? 2099").unwrap().next_after(start), Some(4_078_864_860_000));
        let last_friday = Cron::parse("0 0 3 ? * 6L").unwrap();
        assert_eq!(last_friday.next_after(start), Some(at(2024, 3, 29, 3, 0, 0)));
        let first_monday = Cron::parse("0 0 3 ? * MON#1").unwrap();
        assert_eq!(first_monday.next_after(start), Some(at(2024, 4, 1, 3, 0, 0)));
        let last_day = Cron::parse("0 0 0 L * ?").unwrap();
        assert_eq!(last_day.next_after(at(2024, 2, 1, 0, 0, 0)), Some(at(2024, 2, 29, 0, 0, 0)));
        // the 1st of June 2024 is a Saturday: 1W is Monday the 3rd
        assert_eq!(
            Cron::parse("0 0 0 1W * ?").unwrap().next_after(at(2024, 5, 31, 0, 0, 0)),
            Some(at(2024, 6, 3, 0, 0, 0))
        );
        assert_eq!(Cron::parse("* * * 31 FEB ?").unwrap().next_after(start), None);
        let wrapping = Cron::parse("0 0 22-2 ? * *").unwrap();
        assert_eq!(wrapping.next_after(start), Some(at(2024, 3, 15, 22, 0, 0)));
    }

    #[test]
    fn bad_expressions_say_why() {
        let err = |e: &str| Cron::parse(e).unwrap_err();
        assert!(err("0 0 1 * *").contains("unexpected end of expression"));
        assert!(err("0 0 1 * * *").contains("both a day-of-week AND a day-of-month"));
        assert!(err("0 0 1 ? * ?").contains("'?' can only be specified for Day-of-Month -OR- Day-of-Week"));
        assert!(err("0 0 24 * * ?").contains("Hour values must be between 0 and 23"));
        assert!(err("0 0 1 * FOO ?").contains("invalid Month value [FOO]"));
        assert!(err("0 0 1 ? * 2#6").contains("between 1 and 5 must follow the '#'"));
        assert!(err("* * * * * L").starts_with("invalid cron expression [* * * * * L]"));
        assert!(Cron::parse("0 0 1 ? * mon-fri").is_ok());
    }
}
