"""What Filebeat sends to Elasticsearch for each line of a log file, with the shipped filebeat.yml.

A model of the `filestream` input with its `ndjson` parser and the processors filebeat.yml
configures, written from Filebeat's source (8.x and 9.x behave alike here):

- `libbeat/reader/readjson/json.go` (`JSONParser.Next`, `decode`): the line is decoded by Go's
  `encoding/json` into a map (numbers: int64 when they fit, else float64). A line that is no JSON
  object (text, an array, `null`, NaN inside an object) keeps the line as `message` and, with
  `add_error_key`, gets `error: {message: "Error decoding JSON: <Go's error>", type: json}` — under
  `target` when one is set, like the decoded keys.
- With `target: ""` the keys go to the root through `jsontransform.WriteJSONKeys`:
  `overwrite_keys: false` (the default) drops the record's `@timestamp`/`@metadata` and merges
  the rest *without overwriting* what the event already has (`log.offset`, `log.file.path`,
  added by filestream before the parsers); a record's object still replaces a non-object
  (mapstr's `DeepUpdateNoOverwrite`). `overwrite_keys: true` lets the record win, and its
  `@timestamp` replaces the event time when it parses as RFC 3339.
- With `target: NAME` the record is put under NAME, untouched: nothing collides.
- Then the fields libbeat adds to every event (`agent.*`, `ecs.version`, `host.name`; never over
  the event's own) and the processors, in order: `add_host_metadata` (replaces `host`:
  `replace_fields` defaults to true), `add_locale` (the host's UTC offset *now*: at read time),
  `add_fields` (overwrites).

Filebeat's own values (host, agent, the read time) are fixed here so that regenerating the corpus
changes the documents only where the libraries' output changed.

Usage: filebeat_events.py FILEBEAT_YML LOG_FILE [--version 9.1.0] > CASE.input.ndjson
"""

import argparse
import json
import os
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import yaml

READ_TIME = "2026-03-29T06:00:00.000Z"  # a backlog: read hours after the records were written
HOST_METADATA = {
    "architecture": "x86_64",
    "containerized": False,
    "hostname": "app-host-1",
    "id": "f3b1e2c4d5a6471889a0b1c2d3e4f5a6",
    "ip": ["10.0.3.17", "fe80::42:acff:fe11:3"],
    "mac": ["02-42-AC-11-00-03"],
    "name": "app-host-1",
    "os": {"family": "debian", "kernel": "6.1.0-28-amd64", "name": "Debian GNU/Linux", "platform": "debian", "type": "linux", "version": "12 (bookworm)"},
}
INT64 = range(-(2**63), 2**63)


class NotJson(Exception):
    """Go's decoding error, worded as `encoding/json` words it."""


def go_decode(line):
    """`json.NewDecoder(...).Decode(&map[string]interface{})` with UseNumber + TransformNumbers."""
    text = line.lstrip(" \t\r\n")
    if not text:
        raise NotJson("EOF")
    if text[0] not in '{["-0123456789tfn':
        raise NotJson(f"invalid character {go_char(text[0])} looking for beginning of value")

    def constant(name):  # NaN, Infinity: Python writes them, JSON has none
        raise NotJson(f"invalid character {go_char(name[0])} looking for beginning of value")

    try:
        # The decoder reads one value and ignores what follows it (a stream).
        value, _ = json.JSONDecoder(parse_constant=constant).raw_decode(text)
    except json.JSONDecodeError as e:
        bad = text[e.pos] if e.pos < len(text) else ""
        raise NotJson("unexpected EOF" if not bad else f"invalid character {go_char(bad)} {go_context(e.msg)}")
    if value is None:
        return None  # `null`: no error, no fields (json.go: "Error decoding JSON: <nil>")
    if not isinstance(value, dict):
        kind = {str: "string", list: "array", bool: "bool"}.get(type(value), "number")
        raise NotJson(f"json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}")
    return transform_numbers(value)


def go_char(c):
    return "'\\''" if c == "'" else f"'{c}'"


def go_context(python_message):
    if "delimiter" in python_message:
        return "after object key:value pair"
    if "property name" in python_message:
        return "looking for beginning of object key string"
    return "looking for beginning of value"


def transform_numbers(value):
    if isinstance(value, dict):
        return {k: transform_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [transform_numbers(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and value not in INT64:
        return float(value)  # json.Number.Int64 fails: Float64
    return value


def deep_update(event, keys, overwrite):
    """mapstr's DeepUpdate / DeepUpdateNoOverwrite."""
    for k, v in keys.items():
        if isinstance(v, dict):
            old = event.get(k)
            if isinstance(old, dict):
                deep_update(old, v, overwrite)
            else:
                event[k] = v  # a map replaces a non-map, even without overwrite
        elif overwrite or k not in event:
            event[k] = v


def parses_as_rfc3339(value):
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)", value)


class Filebeat:
    def __init__(self, config, version, environ):
        inputs = [i for i in config["filebeat.inputs"] if i.get("type") == "filestream"]
        parsers = [p["ndjson"] for p in inputs[0].get("parsers", []) if "ndjson" in p]
        self.ndjson = parsers[0]
        for unsupported in ("expand_keys", "message_key", "document_id", "ignore_decoding_error"):
            if self.ndjson.get(unsupported):
                raise SystemExit(f"filebeat_events.py does not model ndjson.{unsupported}")
        self.processors = expand_env(config.get("processors", []), environ)
        self.version = version
        self.environ = environ

    def event(self, path, offset, line):
        fields = {"log": {"offset": offset, "file": {"path": path}}, "input": {"type": "filestream"}}
        timestamp = READ_TIME
        target = self.ndjson.get("target", "")
        try:
            record = go_decode(line)
            error = None if record is not None else "Error decoding JSON: <nil>"
        except NotJson as e:
            record, error = None, f"Error decoding JSON: {e}"
        if record is None:
            fields["message"] = line
            record = {"error": {"message": error, "type": "json"}} if self.ndjson.get("add_error_key") else {}
        if target:
            if record:
                fields[target] = record
        else:
            if self.ndjson.get("overwrite_keys"):
                value = record.pop("@timestamp", None)
                if parses_as_rfc3339(value):
                    timestamp = value
                elif value is not None and self.ndjson.get("add_error_key"):
                    fields["error"] = {"message": f"@timestamp not overwritten (parse error on {value})", "type": "json"}
                record.pop("@metadata", None)
                deep_update(fields, record, overwrite=True)
            else:
                record.pop("@timestamp", None)
                record.pop("@metadata", None)
                deep_update(fields, record, overwrite=False)
        builtin = {
            "agent": {"type": "filebeat", "version": self.version, "name": HOST_METADATA["hostname"], "id": "8f1c5d2e-3b4a-4c6d-9e8f-0a1b2c3d4e5f", "ephemeral_id": "2d4f6a8c-1e3b-4d5f-8a7c-9e0b1d2f3a4c"},
            "ecs": {"version": "8.0.0"},
            "host": {"name": HOST_METADATA["hostname"]},
        }
        deep_update(fields, builtin, overwrite=False)
        for processor in self.processors:
            (name, options), = processor.items()
            if name == "add_host_metadata":
                deep_update(fields, {"host": json.loads(json.dumps(HOST_METADATA))}, overwrite=True)
            elif name == "add_locale":
                # The host's offset at read time (format: offset), whatever the record's time.
                read = datetime.fromisoformat(READ_TIME.replace("Z", "+00:00"))
                seconds = int(read.astimezone(ZoneInfo(self.environ.get("TZ", "UTC"))).utcoffset().total_seconds())
                sign, seconds = ("-", -seconds) if seconds < 0 else ("+", seconds)
                offset = f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
                if isinstance(fields.get("event", {}), dict):
                    fields.setdefault("event", {})["timezone"] = offset
            elif name == "add_fields":
                target_name = options.get("target", "fields")
                value = options["fields"]
                if target_name:
                    value = {target_name: value}
                deep_update(fields, json.loads(json.dumps(value)), overwrite=True)
            else:
                raise SystemExit(f"filebeat_events.py does not model the {name} processor")
        return {"@timestamp": timestamp, **fields}


def expand_env(value, environ):
    """Filebeat's `${VAR:default}` expansion."""
    if isinstance(value, str):
        return re.sub(r"\$\{(\w+)(?::([^}]*))?\}", lambda m: environ.get(m.group(1), m.group(2) or ""), value)
    if isinstance(value, list):
        return [expand_env(v, environ) for v in value]
    if isinstance(value, dict):
        return {k: expand_env(v, environ) for k, v in value.items()}
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("filebeat_yml")
    parser.add_argument("log_file")
    parser.add_argument("--version", default="9.1.0", help="agent.version (8.x and 9.x ship these lines alike)")
    parser.add_argument("--path", help="log.file.path (default: /var/log/python/<file name>)")
    args = parser.parse_args()
    with open(args.filebeat_yml, encoding="utf-8") as f:
        filebeat = Filebeat(yaml.safe_load(f), args.version, dict(os.environ))
    path = args.path or "/var/log/python/" + os.path.basename(args.log_file)
    offset = 0
    with open(args.log_file, "rb") as lines:
        for raw in lines:
            line = raw.decode("utf-8").rstrip("\n").rstrip("\r")
            # An empty line is shipped too: Go's decoder says EOF, `message` is "".
            print(json.dumps(filebeat.event(path, offset, line), ensure_ascii=False))
            offset += len(raw)


if __name__ == "__main__":
    main()
