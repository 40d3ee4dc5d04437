//! Decoding of the large whole-cluster answers (100,000 indices and more: `_cat/indices`,
//! `_ilm/explain`, `_settings`, `_alias`) as they are read, without intermediate copies: strings
//! borrowed from the answer where they can be, elements turned into what is kept one by one
//! ([`Items`], [`Entries`]) into vectors sized up front — a vector grown by doubling to 100,000
//! elements copies itself some seventeen times, and a map or vector of raw entries built only to
//! be filtered and dropped costs as much as the decoding itself.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A string borrowed from an answer where it can be (no escapes). Use it for optional values
/// too (`Option<Text>`): serde borrows a `Cow<str>` only where it is a field's own type, and an
/// `Option<Cow<str>>` is decoded as an owned copy.
#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Text<'a>(#[serde(borrow)] pub(crate) Cow<'a, str>);

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// A string value, borrowed where it can be; `None` for a value of any other type, read past (as
/// `Value::as_str` reads it). Missing is `None` too (`#[serde(default)]`).
#[derive(Default)]
pub(crate) struct Lenient<'a>(pub(crate) Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Lenient<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Lenient(match d.deserialize_any(ScalarVisitor)? {
            Scalar::Text(text) => Some(text),
            Scalar::Flag(_) | Scalar::Other => None,
        }))
    }
}

/// `true` only for the JSON `true`; any other value is read past as false (`Value::as_bool`'s
/// reading). Missing is false too (`#[serde(default)]`).
#[derive(Default)]
pub(crate) struct Flag(pub(crate) bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Flag(matches!(d.deserialize_any(ScalarVisitor)?, Scalar::Flag(true))))
    }
}

/// A value as [`Lenient`] and [`Flag`] read it: strings and booleans kept, anything else read past
/// without a copy (serde's untagged enums would buffer it first).
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Flag(bool),
    Other,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Flag(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

/// How many times `needle` occurs in `body`: the number of elements of an answer, counted by a
/// key each element has once, to size the vector they are decoded into.
pub(crate) fn count(body: &str, needle: &str) -> usize {
    memchr::memmem::find_iter(body.as_bytes(), needle).count()
}

/// A JSON array decoded item by item (`T`), each turned by `keep` into what is kept (`None`:
/// nothing).
pub(crate) struct Items<T, F> {
    capacity: usize,
    keep: F,
    item: PhantomData<fn() -> T>,
}

impl<T, F> Items<T, F> {
    /// `capacity`: how many items are expected.
    pub(crate) fn new(capacity: usize, keep: F) -> Self {
        Items { capacity, keep, item: PhantomData }
    }
}

impl<'de, T: Deserialize<'de>, U, F: FnMut(T) -> Option<U>> DeserializeSeed<'de> for Items<T, F> {
    type Value = Vec<U>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<U>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, U, F: FnMut(T) -> Option<U>> Visitor<'de> for Items<T, F> {
    type Value = Vec<U>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Vec<U>, A::Error> {
        let mut kept = Vec::with_capacity(self.capacity);
        while let Some(item) = seq.next_element::<T>()? {
            kept.extend((self.keep)(item));
        }
        Ok(kept)
    }
}

/// A JSON object decoded entry by entry (`K`, `V`) in the answer's order, each turned by `keep`
/// into what is kept (`None`: nothing).
pub(crate) struct Entries<K, V, F> {
    capacity: usize,
    keep: F,
    entry: PhantomData<fn() -> (K, V)>,
}

impl<K, V, F> Entries<K, V, F> {
    /// `capacity`: how many entries are expected.
    pub(crate) fn new(capacity: usize, keep: F) -> Self {
        Entries { capacity, keep, entry: PhantomData }
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>, U, F: FnMut(K, V) -> Option<U>> DeserializeSeed<'de>
    for Entries<K, V, F>
{
    type Value = Vec<U>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<U>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>, U, F: FnMut(K, V) -> Option<U>> Visitor<'de> for Entries<K, V, F> {
    type Value = Vec<U>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Vec<U>, A::Error> {
        let mut kept = Vec::with_capacity(self.capacity);
        while let Some((key, value)) = map.next_entry::<K, V>()? {
            kept.extend((self.keep)(key, value));
        }
        Ok(kept)
    }
}

/// The value of one field of a JSON object, decoded by `seed`, the other fields skipped unread;
/// `None` when the object lacks it (as `filter_path` leaves an answer with nothing to show).
pub(crate) struct Field<S> {
    name: &'static str,
    seed: S,
}

impl<S> Field<S> {
    pub(crate) fn new(name: &'static str, seed: S) -> Self {
        Field { name, seed }
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Field<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Field<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an object with a field `{}`", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seed = Some(self.seed);
        let mut found = None;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match seed.take_if(|_| key.0 == self.name) {
                Some(seed) => found = Some(map.next_value_seed(seed)?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

/// A JSON object's entries in the order the answer has them (a field's types in `_field_caps`
/// keep Elasticsearch's order, as `serde_json`'s `preserve_order` map does).
pub(crate) struct InOrder<K, V>(pub(crate) Vec<(K, V)>);

impl<K, V> Default for InOrder<K, V> {
    fn default() -> Self {
        InOrder(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for InOrder<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Entries::new(0, |k, v| Some((k, v))).deserialize(d).map(InOrder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode<'a, S: DeserializeSeed<'a>>(text: &'a str, seed: S) -> Result<S::Value, serde_json::Error> {
        let mut d = serde_json::Deserializer::from_str(text);
        let value = seed.deserialize(&mut d)?;
        d.end()?;
        Ok(value)
    }

    #[test]
    fn items_and_entries_keep_what_keep_returns_in_order() {
        let odd = decode("[1, 2, 3, 4, 5]", Items::new(5, |n: u32| (n % 2 == 1).then_some(n * 10))).unwrap();
        assert_eq!(odd, vec![10, 30, 50]);
        let entries = decode(r#"{"b": 1, "a": 0, "c": 2}"#, Entries::new(3, |k: String, v: u32| (v > 0).then_some(k)));
        assert_eq!(entries.unwrap(), vec!["b".to_string(), "c".to_string()]);
        // A value of the wrong type is an error, not a skipped element.
        assert!(decode(r#"[1, "x"]"#, Items::new(2, |n: u32| Some(n))).is_err());
    }

    #[test]
    fn field_decodes_one_field_and_skips_the_others() {
        let seed = Field::new("indices", Entries::new(1, |k: String, _: IgnoredAny| Some(k)));
        let found = decode(r#"{"other": {"x": [1, {"y": 2}]}, "indices": {"a": {}, "b": 1}}"#, seed).unwrap();
        assert_eq!(found, Some(vec!["a".to_string(), "b".to_string()]));
        let seed = Field::new("indices", Entries::new(1, |k: String, _: IgnoredAny| Some(k)));
        assert_eq!(decode("{}", seed).unwrap(), None);
    }

    #[test]
    fn lenient_keeps_strings_and_flag_keeps_true_reading_past_the_rest() {
        #[derive(Deserialize)]
        struct Row<'a> {
            #[serde(borrow, default)]
            text: Lenient<'a>,
            #[serde(default)]
            flag: Flag,
        }
        let read = |json: &'static str| {
            let row: Row<'static> = serde_json::from_str(json).unwrap();
            (row.text.0.map(Cow::into_owned), row.flag.0)
        };
        assert_eq!(read(r#"{"text": "a\"b", "flag": true}"#), (Some("a\"b".to_string()), true));
        assert_eq!(read(r#"{"text": ["x", {"y": 1}], "flag": "true"}"#), (None, false));
        assert_eq!(read(r#"{"text": 3, "flag": {"z": [true]}}"#), (None, false));
        assert_eq!(read(r#"{"text": null}"#), (None, false));
        let row: Row<'_> = serde_json::from_str(r#"{"text": "plain"}"#).unwrap();
        assert!(matches!(row.text.0, Some(Cow::Borrowed("plain"))), "borrowed from the answer");
    }

    #[test]
    fn count_counts_occurrences() {
        assert_eq!(count(r#"[{"index":"a"},{"index":"b"}]"#, r#""index":"#), 2);
        assert_eq!(count("", "x"), 0);
    }
}
