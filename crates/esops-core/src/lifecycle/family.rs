//! Index families: the indices that differ only by the date or generation at the end of their
//! name. `python-logs-2024.03.15` and `python-logs-2024.03.16` are the family `python-logs`;
//! `logs-000001` and `logs-000002` are `logs`; the data stream backing index
//! `.ds-logs-app-default-2024.03.15-000001` is `logs-app-default`.
//!
//! Pure: names in, families out. Dates are calendar dates in UTC (see [`super::name_date`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::name_date::{DateFormat, NameDate, split_date_suffix};

/// The prefix Elasticsearch gives data stream backing indices.
pub const DATA_STREAM_BACKING_PREFIX: &str = ".ds-";

/// What an index name says about the index besides its family: the date and the generation it
/// carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NameParts {
    /// The date in the name.
    pub date: NameDate,
    /// The rollover generation (`-000123` → 123).
    pub generation: Option<u32>,
    /// True for data stream backing indices (`.ds-…`), whose name date is the day the backing
    /// index was created rather than the day of the data in it.
    pub data_stream_backing: bool,
}

/// Reads the family (a slice of `index`), date and generation out of an index name.
///
/// Suffixes are stripped from the end: first a rollover generation (`-` then six digits or more:
/// `-000001`, as `_rollover` and data streams write it), then a date (`-yyyy.MM.dd`,
/// `-yyyy-MM-dd`, `-yyyyMMdd`, `-yyyy.MM`). Digits elsewhere stay in the family name
/// (`app2-logs-2024.03.15` → `app2-logs`; `filebeat-8.12.0-2024.03.15` → `filebeat-8.12.0`).
/// A name that is nothing but a suffix keeps its full name as family. The family is the name
/// without date and generation suffixes (and without `.ds-` for backing indices, so that a data
/// stream's family is the data stream's name).
pub fn family_of(index: &str) -> (&str, NameParts) {
    let (rest, data_stream_backing) = match index.strip_prefix(DATA_STREAM_BACKING_PREFIX) {
        Some(rest) if !rest.is_empty() => (rest, true),
        _ => (index, false),
    };
    let (rest, generation) = match split_generation_suffix(rest) {
        Some((prefix, generation)) => (prefix, Some(generation)),
        None => (rest, None),
    };
    let (family, date) = split_date_suffix(rest).unwrap_or((rest, NameDate::None));
    (family, NameParts { date, generation, data_stream_backing })
}

/// `("logs", 123)` for `logs-000123`. Eight digits starting like a year are a compact date, not a
/// generation; fewer than six digits (`node-1`, `app-2024`) are part of the name.
fn split_generation_suffix(name: &str) -> Option<(&str, u32)> {
    let (prefix, digits) = name.rsplit_once('-')?;
    if prefix.is_empty() || digits.len() < 6 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if DateFormat::CompactDay.has_shape(digits) && (digits.starts_with("19") || digits.starts_with("20")) {
        return None;
    }
    Some((prefix, digits.parse().ok()?))
}

/// One index of a family, with what its name says.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyMember<T> {
    /// What the caller grouped (a name, a `_cat/indices` row, …).
    pub index: T,
    /// Date and generation from its name.
    pub key: NameParts,
}

/// Indices sharing a family name.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFamily<T> {
    /// The family name.
    pub name: String,
    /// The members, oldest first: by name date (members without a valid date first), then
    /// generation, then index name. The last member is the newest.
    pub members: Vec<FamilyMember<T>>,
}

impl<T> IndexFamily<T> {
    /// The oldest valid date in the members' names.
    pub fn oldest_date(&self) -> Option<NaiveDate> {
        self.members.iter().find_map(|m| m.key.date.date())
    }

    /// The newest valid date in the members' names.
    pub fn newest_date(&self) -> Option<NaiveDate> {
        self.members.iter().rev().find_map(|m| m.key.date.date())
    }

    /// The newest member: latest date, then highest generation. It is usually the one being
    /// written to, which is why retention never selects it.
    pub fn newest(&self) -> Option<&FamilyMember<T>> {
        self.members.last()
    }

    /// The distinct date formats used by the members (more than one is worth a look: two
    /// shippers writing one family).
    pub fn date_formats(&self) -> Vec<DateFormat> {
        let mut formats: Vec<DateFormat> = self.members.iter().filter_map(|m| m.key.date.format()).collect();
        formats.sort();
        formats.dedup();
        formats
    }

    /// True when any member is a data stream backing index.
    pub fn is_data_stream(&self) -> bool {
        self.members.iter().any(|m| m.key.data_stream_backing)
    }
}

/// Groups `indices` into families, sorted by family name; `name_of` gives each item's index name.
pub fn group<T>(indices: impl IntoIterator<Item = T>, name_of: impl Fn(&T) -> &str) -> Vec<IndexFamily<T>> {
    let mut families: BTreeMap<String, Vec<FamilyMember<T>>> = BTreeMap::new();
    // The family being filled: indices sorted by name come family after family, so most find
    // theirs here, without a search among the families (100,000 indices, 1,000 families).
    let mut current: Option<(String, Vec<FamilyMember<T>>)> = None;
    for index in indices {
        let (family, key) = family_of(name_of(&index));
        match &mut current {
            Some((name, members)) if name == family => members.push(FamilyMember { index, key }),
            _ => {
                // The family's name is copied once per run of its members.
                let name = family.to_string();
                if let Some((name, members)) = current.take() {
                    families.insert(name, members);
                }
                let mut members = families.remove(&name).unwrap_or_default();
                members.push(FamilyMember { index, key });
                current = Some((name, members));
            }
        }
    }
    if let Some((name, members)) = current {
        families.insert(name, members);
    }
    families
        .into_iter()
        .map(|(name, mut members)| {
            sort_members(&mut members, &name_of);
            IndexFamily { name, members }
        })
        .collect()
}

/// Oldest first: by name date (members without a valid date first), then generation, then name.
fn sort_members<T>(members: &mut [FamilyMember<T>], name_of: &impl Fn(&T) -> &str) {
    members.sort_by(|a, b| {
        (a.key.date.date(), a.key.generation, name_of(&a.index)).cmp(&(
            b.key.date.date(),
            b.key.generation,
            name_of(&b.index),
        ))
    });
}

/// One grouping out of groupings of parts of the indices (each made by [`group`], as on several
/// threads): a family found in several parts is one family, its members in order.
pub fn merge<T>(
    parts: impl IntoIterator<Item = Vec<IndexFamily<T>>>,
    name_of: impl Fn(&T) -> &str,
) -> Vec<IndexFamily<T>> {
    let mut families: BTreeMap<String, (Vec<FamilyMember<T>>, bool)> = BTreeMap::new();
    for family in parts.into_iter().flatten() {
        match families.entry(family.name) {
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert((family.members, false));
            }
            std::collections::btree_map::Entry::Occupied(mut e) => {
                let (members, joined) = e.get_mut();
                members.extend(family.members);
                *joined = true;
            }
        }
    }
    families
        .into_iter()
        .map(|(name, (mut members, joined))| {
            if joined {
                sort_members(&mut members, &name_of);
            }
            IndexFamily { name, members }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn key(family: &str, date: NameDate, generation: Option<u32>) -> (&str, NameParts) {
        (family, NameParts { date, generation, data_stream_backing: false })
    }

    #[test]
    fn daily_monthly_and_compact_names() {
        assert_eq!(
            family_of("python-logs-2024.03.15"),
            key("python-logs", NameDate::Parsed(day(2024, 3, 15), DateFormat::DottedDay), None)
        );
        assert_eq!(
            family_of("python-logs-2024-03-15"),
            key("python-logs", NameDate::Parsed(day(2024, 3, 15), DateFormat::DashedDay), None)
        );
        assert_eq!(
            family_of("billing-2024.03"),
            key("billing", NameDate::Parsed(day(2024, 3, 1), DateFormat::DottedMonth), None)
        );
        assert_eq!(
            family_of("audit-20240315"),
            key("audit", NameDate::Parsed(day(2024, 3, 15), DateFormat::CompactDay), None)
        );
    }

    #[test]
    fn generations_and_dates_with_generations() {
        assert_eq!(family_of("logs-000123"), key("logs", NameDate::None, Some(123)));
        assert_eq!(
            family_of("logs-2024.03.15-000002"),
            key("logs", NameDate::Parsed(day(2024, 3, 15), DateFormat::DottedDay), Some(2))
        );
        assert_eq!(family_of("logs-1000000"), key("logs", NameDate::None, Some(1_000_000)));
        // Short counters are part of the name.
        assert_eq!(family_of("node-1"), key("node-1", NameDate::None, None));
    }

    #[test]
    fn data_stream_backing_indices_belong_to_their_stream() {
        let (family, k) = family_of(".ds-logs-app-default-2024.03.15-000001");
        assert_eq!(family, "logs-app-default");
        assert_eq!(k.date.date(), Some(day(2024, 3, 15)));
        assert_eq!(k.generation, Some(1));
        assert!(k.data_stream_backing);
        // 7.x names carry no date.
        let (family, old) = family_of(".ds-metrics-000004");
        assert_eq!((family, old.generation, old.data_stream_backing), ("metrics", Some(4), true));
        assert!(!family_of(".kibana_1").1.data_stream_backing);
    }

    #[test]
    fn digits_in_the_family_name_stay() {
        assert_eq!(family_of("app2-logs-2024.03.15").0, "app2-logs");
        assert_eq!(family_of("filebeat-8.12.0-2024.03.15").0, "filebeat-8.12.0");
        assert_eq!(family_of("filebeat-8.12.0").0, "filebeat-8.12.0");
        assert_eq!(family_of("2024-logs-2024.03.15").0, "2024-logs");
    }

    #[test]
    fn invalid_dates_keep_the_index_in_its_family() {
        for name in ["logs-2024.02.30", "logs-2024.13.01", "logs-2023.02.29"] {
            let (family, k) = family_of(name);
            assert_eq!(family, "logs", "{name}");
            assert!(matches!(k.date, NameDate::Unparsable(_)), "{name}");
        }
    }

    #[test]
    fn names_without_suffix_are_their_own_family() {
        assert_eq!(family_of("clutter"), key("clutter", NameDate::None, None));
        assert_eq!(family_of(".kibana"), key(".kibana", NameDate::None, None));
        assert_eq!(family_of("2024.03.15"), key("2024.03.15", NameDate::None, None));
        assert_eq!(family_of(".ds-"), key(".ds-", NameDate::None, None));
    }

    #[test]
    fn grouping_orders_members_oldest_first_across_month_and_year_boundaries() {
        let names = [
            "logs-2024.01.01",
            "other",
            "logs-2023.12.31",
            "logs-2024.02.30",
            "logs-2023-11-30",
            "logs-2024.02.29",
            "logs-2024.03.01",
        ];
        let families = group(names, |n| n);
        assert_eq!(families.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["logs", "other"]);
        let logs = &families[0];
        let order: Vec<&str> = logs.members.iter().map(|m| m.index).collect();
        assert_eq!(
            order,
            [
                "logs-2024.02.30",
                "logs-2023-11-30",
                "logs-2023.12.31",
                "logs-2024.01.01",
                "logs-2024.02.29",
                "logs-2024.03.01"
            ]
        );
        assert_eq!(logs.oldest_date(), Some(day(2023, 11, 30)));
        assert_eq!(logs.newest_date(), Some(day(2024, 3, 1)));
        assert_eq!(logs.newest().unwrap().index, "logs-2024.03.01");
        assert_eq!(logs.date_formats(), [DateFormat::DottedDay, DateFormat::DashedDay]);
    }

    #[test]
    fn a_family_of_one_and_rollover_generations() {
        let families = group(["solo-2024.03.15", "roll-000002", "roll-000010", "roll-000001"], |n| n);
        let roll = families.iter().find(|f| f.name == "roll").unwrap();
        assert_eq!(roll.newest().unwrap().index, "roll-000010");
        assert_eq!(roll.oldest_date(), None);
        let solo = families.iter().find(|f| f.name == "solo").unwrap();
        assert_eq!(solo.members.len(), 1);
        assert_eq!(solo.oldest_date(), solo.newest_date());
    }

    #[test]
    fn groupings_of_parts_merge_into_the_grouping_of_the_whole() {
        let names = [
            "b-2024.03.02",
            "a-2024.03.01",
            "b-2024.03.01",
            "c-000001",
            "a-2024.02.28",
            "b-2024.03.03",
            "c-000002",
            "a",
        ];
        let whole = group(names, |n| n);
        for split in 0..=names.len() {
            let (left, right) = names.split_at(split);
            let parts = [group(left.iter().copied(), |n| n), group(right.iter().copied(), |n| n)];
            assert_eq!(merge(parts, |n| n), whole, "split at {split}");
        }
    }

    #[test]
    fn grouping_works_on_any_item() {
        struct Row {
            name: String,
            bytes: u64,
        }
        let rows = vec![Row { name: ".ds-web-2024.03.15-000001".into(), bytes: 5 }, Row { name: "x".into(), bytes: 1 }];
        let families = group(rows, |r| r.name.as_str());
        assert_eq!(families[0].name, "web");
        assert!(families[0].is_data_stream());
        assert_eq!(families[0].members[0].index.bytes, 5);
    }
}
