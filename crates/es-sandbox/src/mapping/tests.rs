//! Document parsing against mappings, each rule with the ES class it follows.

use serde_json::{Value, json};

use super::*;
use crate::version::EsVersion;

const V8: EsVersion = EsVersion::new(8, 15, 0);
const V7: EsVersion = EsVersion::new(7, 17, 0);

fn limits() -> Limits {
    Limits {
        index: "test".into(),
        total_fields: 1000,
        ignore_dynamic_beyond_limit: false,
        depth: 20,
        nested_fields: 50,
        nested_objects: 10_000,
        field_name_length: usize::MAX,
        ignore_malformed: false,
        coerce: true,
    }
}

fn parse(mapping: Value, doc: Value) -> Result<ParsedDocument, crate::EsError> {
    parse_document(&mapping, &limits(), V8, "1", &doc, &RequestedTemplates::new())
}

fn update(mapping: Value, doc: Value) -> Value {
    parse(mapping, doc).unwrap().mapping_update.unwrap_or(Value::Null)
}

/// `DocumentParser` + `DynamicFieldsBuilder`: a log line maps to ES's dynamic types; arrays take
/// their elements' type; null and empty arrays add nothing.
#[test]
fn dynamic_mapping_of_a_log_line() {
    let m = update(
        json!({}),
        json!({"@timestamp": "2024-03-15T10:00:00.123Z", "message": "hi", "status": 200, "took": 1.5,
               "ok": true, "tags": ["a", "b"], "user": {"id": 7}, "nothing": null, "empty": []}),
    );
    assert_eq!(
        m,
        json!({"properties": {
            "@timestamp": {"type": "date"},
            "message": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
            "status": {"type": "long"},
            "took": {"type": "float"},
            "ok": {"type": "boolean"},
            "tags": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
            "user": {"properties": {"id": {"type": "long"}}}
        }})
    );
}

/// `DocumentParser#parseObject`: dotted names are objects.
#[test]
fn dotted_names_are_objects() {
    let m = update(json!({}), json!({"log.level": "info"}));
    assert_eq!(m["properties"]["log"]["properties"]["level"]["type"], "text");
    let e = parse(json!({"properties": {"log": {"type": "keyword"}}}), json!({"log.level": "info"})).unwrap_err();
    assert_eq!(
        e.caused_by.unwrap().reason,
        "Could not dynamically add mapping for field [log.level]. Existing mapping for [log] must be of type object but found [keyword]."
    );
}

/// The example: `200` in one record, `"timeout"` in the next — the second is refused
/// (`FieldMapper#parse` wrapping `AbstractXContentParser#toLong`'s error).
#[test]
fn a_string_after_a_number_is_refused_with_es_error() {
    let m = update(json!({}), json!({"status": 200}));
    let e = parse(m, json!({"status": "timeout"})).unwrap_err();
    assert_eq!(e.status, 400);
    assert_eq!(e.kind, "document_parsing_exception");
    assert_eq!(
        e.reason,
        "[1:11] failed to parse field [status] of type [long] in document with id '1'. Preview of field's value: 'timeout'"
    );
    let cause = e.caused_by.as_ref().unwrap();
    assert_eq!(
        (cause.kind.as_str(), cause.reason.as_str()),
        ("illegal_argument_exception", "For input string: \"timeout\"")
    );
    let body = e.to_body();
    assert_eq!(body["error"]["root_cause"][0]["type"], "document_parsing_exception");
}

/// 7.17's `DocumentParser#wrapInMapperParsingException`: no location, `mapper_parsing_exception`.
#[test]
fn seven_seventeen_reports_mapper_parsing_exception() {
    let m = json!({"properties": {"n": {"type": "long"}}});
    let e = parse_document(&m, &limits(), V7, "1", &json!({"n": "x"}), &RequestedTemplates::new()).unwrap_err();
    assert_eq!(e.kind, "mapper_parsing_exception");
    assert_eq!(
        e.reason,
        "failed to parse field [n] of type [long] in document with id '1'. Preview of field's value: 'x'"
    );
}

/// Arrays mix types as ES parses them one element at a time: the first maps, the next must fit.
#[test]
fn array_elements_must_fit_the_first_elements_type() {
    let e = parse(json!({}), json!({"a": [1, "x"]})).unwrap_err();
    assert!(e.reason.starts_with("[1:9] failed to parse field [a] of type [long]"), "{}", e.reason);
    assert_eq!(update(json!({}), json!({"a": ["x", 1]}))["properties"]["a"]["type"], "text");
}

/// `DocumentParser#parseValue`: a concrete value where the mapping has an object; `FieldMapper`:
/// an object where the mapping has a concrete field.
#[test]
fn object_and_concrete_conflicts() {
    let m = json!({"properties": {"user": {"properties": {"id": {"type": "long"}}}, "msg": {"type": "keyword"}}});
    let e = parse(m.clone(), json!({"user": "bob"})).unwrap_err();
    assert_eq!(
        e.reason,
        "[1:9] object mapping for [user] tried to parse field [user] as object, but found a concrete value"
    );
    let e = parse(m, json!({"msg": {"text": "hi"}})).unwrap_err();
    assert_eq!(
        e.reason,
        "[1:8] failed to parse field [msg] of type [keyword] in document with id '1'. Preview of field's value: '{text=hi}'"
    );
    assert_eq!(e.caused_by.unwrap().reason, "Can't get text on a START_OBJECT at 1:8");
}

/// `ObjectMapper.Dynamic`: strict refuses, false skips, runtime adds runtime fields; inherited.
#[test]
fn dynamic_modes_at_any_level() {
    let strict =
        json!({"dynamic": "strict", "properties": {"a": {"type": "long"}, "o": {"dynamic": true, "properties": {}}}});
    let e = parse(strict.clone(), json!({"b": 1})).unwrap_err();
    assert_eq!(e.kind, "strict_dynamic_mapping_exception");
    assert_eq!(e.reason, "[1:6] mapping set to strict, dynamic introduction of [b] within [_doc] is not allowed");
    assert_eq!(update(strict, json!({"o": {"x": 1}}))["properties"]["o"]["properties"]["x"]["type"], "long");
    let inner = json!({"properties": {"o": {"dynamic": "strict", "properties": {}}}});
    let e = parse(inner, json!({"o": {"x": 1}})).unwrap_err();
    assert_eq!(e.reason, "[1:11] mapping set to strict, dynamic introduction of [x] within [o] is not allowed");
    let off = parse(json!({"dynamic": false}), json!({"a": 1, "o": {"b": "x"}})).unwrap();
    assert_eq!(off.mapping_update, None);
    let rt = update(json!({"dynamic": "runtime"}), json!({"a": "x", "o": {"b": 1.5}}));
    assert_eq!(rt, json!({"dynamic": "runtime", "runtime": {"a": {"type": "keyword"}, "o.b": {"type": "double"}}}));
}

/// `ignore_malformed` (field and `index.mapping.ignore_malformed`) and `ignore_above` feed
/// `_ignored`.
#[test]
fn ignore_malformed_and_ignore_above_fill_ignored() {
    let m = json!({"properties": {
        "n": {"type": "long", "ignore_malformed": true},
        "k": {"type": "keyword", "ignore_above": 3},
        "d": {"type": "date"}
    }});
    let p = parse(m.clone(), json!({"n": "x", "k": "long text"})).unwrap();
    assert_eq!(p.ignored, vec!["n", "k"]);
    let mut l = limits();
    l.ignore_malformed = true;
    let p = parse_document(&m, &l, V8, "1", &json!({"d": "never"}), &RequestedTemplates::new()).unwrap();
    assert_eq!(p.ignored, vec!["d"]);
    let p = parse(json!({}), json!({"m": "x".repeat(300)})).unwrap();
    assert_eq!(p.ignored, vec!["m.keyword"]);
}

/// `coerce: false` on the field, `index.mapping.coerce` for the index.
#[test]
fn coerce_per_field_and_index() {
    let m = json!({"properties": {"n": {"type": "integer", "coerce": false}, "f": {"type": "integer"}}});
    assert_eq!(
        parse(m.clone(), json!({"n": "5"})).unwrap_err().caused_by.unwrap().reason,
        "Integer value passed as String"
    );
    parse(m.clone(), json!({"f": "5"})).unwrap();
    let mut l = limits();
    l.coerce = false;
    assert!(parse_document(&m, &l, V8, "1", &json!({"f": "5"}), &RequestedTemplates::new()).is_err());
}

/// `RootObjectMapper` dynamic_templates through `DynamicFieldsBuilder`.
#[test]
fn dynamic_templates_apply_in_order() {
    let m = json!({"dynamic_templates": [
        {"strings_as_keywords": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}
    ]});
    assert_eq!(update(m, json!({"a": "x"}))["properties"]["a"], json!({"type": "keyword"}));
}

/// `DocumentParserContext#addDynamicMapper`: the total-fields limit (8.13+ message), and
/// `ignore_dynamic_beyond_limit`.
#[test]
fn total_fields_limit_on_dynamic_updates() {
    let mut l = limits();
    l.total_fields = 2;
    let e =
        parse_document(&json!({}), &l, V8, "1", &json!({"a": 1, "b": "x"}), &RequestedTemplates::new()).unwrap_err();
    assert_eq!(
        e.reason,
        "[1:1] failed to parse: Limit of total fields [2] has been exceeded while adding new fields [3]"
    );
    l.ignore_dynamic_beyond_limit = true;
    let p = parse_document(&json!({}), &l, V8, "1", &json!({"a": 1, "b": "x"}), &RequestedTemplates::new()).unwrap();
    assert_eq!(p.ignored, vec!["b"]);
    assert_eq!(p.mapping_update.unwrap(), json!({"properties": {"a": {"type": "long"}}}));
}

/// `ConstantKeywordFieldMapper`: the first value fixes the mapping; others are refused.
#[test]
fn constant_keyword() {
    let m = json!({"properties": {"c": {"type": "constant_keyword"}}});
    let fixed = update(m, json!({"c": "prod"}));
    assert_eq!(fixed["properties"]["c"], json!({"type": "constant_keyword", "value": "prod"}));
    let e = parse(fixed, json!({"c": "dev"})).unwrap_err();
    assert_eq!(
        e.caused_by.unwrap().reason,
        "[constant_keyword] field [c] only accepts values that are equal to the value defined in the mappings [prod], but got [dev]"
    );
}

/// `FieldAliasMapper`: aliases cannot be written; `NestedObjectMapper`: arrays of objects.
#[test]
fn aliases_and_nested() {
    let m = json!({"properties": {"a": {"type": "alias", "path": "b"}, "b": {"type": "long"},
                                   "n": {"type": "nested", "properties": {"x": {"type": "long"}}}}});
    let e = parse(m.clone(), json!({"a": 1})).unwrap_err();
    assert_eq!(e.caused_by.unwrap().reason, "Cannot write to a field alias [a].");
    parse(m.clone(), json!({"n": [{"x": 1}, {"x": 2}]})).unwrap();
    let mut l = limits();
    l.nested_objects = 1;
    assert!(parse_document(&m, &l, V8, "1", &json!({"n": [{"x": 1}, {"x": 2}]}), &RequestedTemplates::new()).is_err());
}

/// Multi-fields parse the same value (`FieldMapper.MultiFields`), `copy_to` copies it.
#[test]
fn multi_fields_and_copy_to() {
    let m = json!({"properties": {"code": {"type": "keyword", "fields": {"n": {"type": "long"}}, "copy_to": "all"}}});
    parse(m.clone(), json!({"code": "12"})).unwrap();
    let e = parse(m.clone(), json!({"code": "x"})).unwrap_err();
    assert!(e.reason.contains("failed to parse field [code.n] of type [long]"), "{}", e.reason);
    assert_eq!(update(m, json!({"code": "12"}))["properties"]["all"]["type"], "text");
}

/// `FlattenedFieldParser`: objects only.
#[test]
fn flattened_takes_objects() {
    let m = json!({"properties": {"labels": {"type": "flattened"}}});
    parse(m.clone(), json!({"labels": {"a": {"b": "c"}}})).unwrap();
    assert!(parse(m, json!({"labels": "x"})).is_err());
}

/// The `[line:column]` of a refusal deep in a document: inside objects, arrays of arrays and
/// dotted keys, where the parser records its path only once a value is refused; 7.17 names no
/// column in its reason but keeps Jackson's in the cause.
#[test]
fn refusals_deep_in_a_document_name_the_parsers_column() {
    let m = json!({"properties": {
        "o": {"properties": {"list": {"type": "long"}, "p": {"dynamic": "strict", "properties": {}}}},
        "n": {"type": "long"}
    }});
    let e = parse(m.clone(), json!({"a": 1, "o": {"list": [1, {"x": "y"}]}})).unwrap_err();
    assert_eq!(
        e.reason,
        "[1:23] failed to parse field [o.list] of type [long] in document with id '1'. Preview of field's value: '{x=y}'"
    );
    assert_eq!(e.caused_by.unwrap().reason, "Can't get text on a START_OBJECT at 1:23");
    let e = parse(m.clone(), json!({"n": [[1, "x"]]})).unwrap_err();
    assert_eq!(
        e.reason,
        "[1:10] failed to parse field [n] of type [long] in document with id '1'. Preview of field's value: 'x'"
    );
    let e = parse(m.clone(), json!({"a": 1, "o.list": "x"})).unwrap_err();
    assert_eq!(
        e.reason,
        "[1:17] failed to parse field [o.list] of type [long] in document with id '1'. Preview of field's value: 'x'"
    );
    let e = parse(m.clone(), json!({"o": {"p": {"q": 1}}})).unwrap_err();
    assert_eq!(e.reason, "[1:16] mapping set to strict, dynamic introduction of [q] within [o.p] is not allowed");
    let e = parse_document(&m, &limits(), V7, "1", &json!({"o": {"list": [{"x": "y"}]}}), &RequestedTemplates::new())
        .unwrap_err();
    assert_eq!(e.kind, "mapper_parsing_exception");
    assert_eq!(
        e.reason,
        "failed to parse field [o.list] of type [long] in document with id '1'. Preview of field's value: '{x=y}'"
    );
    assert_eq!(e.caused_by.unwrap().reason, "Can't get text on a START_OBJECT at 1:15");
}
