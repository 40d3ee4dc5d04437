#!/usr/bin/env bash
# Regenerates the sample log lines of the three libraries, and the pipeline test inputs made
# from them (policies/tests/python-logs/*.input.ndjson: the samples as Filebeat ships them).
#
# Creates a virtualenv in .venv (not committed), installs the pinned libraries from PyPI, and runs
# each example program. TZ is fixed to Europe/Berlin so that python-json-logger's asctime (local
# time, no offset) is reproducibly *not* UTC: the pipeline has to be told the zone.
# The expected results are not touched: run `esops pipeline test --update` afterwards and review
# the diff.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cases="$here/../../policies/tests/python-logs"
cd "$here"

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt

export TZ=Europe/Berlin
export PYTHONIOENCODING=utf-8
for library in python_json_logger structlog loguru; do
    sample="samples/${library//_/-}.jsonl"
    .venv/bin/python "log_${library}.py" > "$sample"
    echo "wrote $sample ($(wc -l < "$sample") lines)"
done

mkdir -p "$cases"
for sample in samples/*.jsonl; do
    name="$(basename "$sample" .jsonl)"
    .venv/bin/python filebeat_events.py "$sample" > "$cases/$name.input.ndjson"
    echo "wrote policies/tests/python-logs/$name.input.ndjson"
done
