"""Turns log lines into the documents Filebeat sends to Elasticsearch, for pipeline tests.

Emulates the `filestream` input with the `ndjson` parser as configured in filebeat.yml
(`target: ""`, `add_error_key: true`) plus the `add_locale` processor:

- a JSON object line: its keys at the root, next to Filebeat's own fields;
- any other line: `message` is the raw line, and `error.message`/`error.type: json` say why
  (Filebeat's wording: "Error decoding JSON: <Go's decoder error>");
- `event.timezone`: the host's UTC offset, as `add_locale` (format: offset) adds it; when the
  record already has a non-object `event` (structlog's message key), Filebeat cannot add it and
  the record keeps its `event` — so neither does this script.

Filebeat's own fields are fixed (but `@timestamp`, the time of the run), so that regenerating
the samples changes the documents only where the loggers' output changed. Usage: filebeat_events.py LOG_FILE > INPUT.ndjson
"""

import json
import sys
import time
from datetime import datetime, timezone

# When Filebeat read the lines: the time the samples were made, so that it follows the records'.
FILEBEAT_TIMESTAMP = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def utc_offset():
    offset = time.strftime("%z")  # +0200
    return f"{offset[:3]}:{offset[3:]}"


def go_decode_error(line):
    """What Go's encoding/json says about the first character of a line that is no JSON."""
    first = line.lstrip()[:1]
    if not first:
        return "unexpected end of JSON input"
    return f"invalid character '{first}' looking for beginning of value"


def event(path, offset, line):
    doc = {
        "@timestamp": FILEBEAT_TIMESTAMP,
        "agent": {"type": "filebeat", "version": "8.15.0", "name": "app-host-1"},
        "ecs": {"version": "8.0.0"},
        "host": {"name": "app-host-1"},
        "input": {"type": "filestream"},
        "log": {"offset": offset, "file": {"path": f"/var/log/python/{path}"}},
    }
    try:
        decoded = json.loads(line)
    except json.JSONDecodeError:
        decoded = None
    if isinstance(decoded, dict):
        doc.update(decoded)
    else:
        doc["message"] = line
        doc["error"] = {"message": f"Error decoding JSON: {go_decode_error(line)}", "type": "json"}
    if not isinstance(doc.get("event", {}), dict):
        return doc
    doc.setdefault("event", {})["timezone"] = utc_offset()
    return doc


def main(log_file):
    name = log_file.rsplit("/", 1)[-1]
    offset = 0
    with open(log_file, encoding="utf-8") as lines:
        for raw in lines:
            line = raw.rstrip("\n")
            print(json.dumps(event(name, offset, line), ensure_ascii=False))
            offset += len(raw.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1])
