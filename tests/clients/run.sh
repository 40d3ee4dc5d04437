#!/usr/bin/env bash
# The client-compatibility suite: the official Python client, elasticsearch-py 8.x against an
# 8.x sandbox and 9.x against a 9.x sandbox, each installed from PyPI into its own virtual
# environment (pinned in tests/clients/python/requirements-N.txt, kept under
# target/clients/ and reinstalled only when the pins change).
#
#   bash tests/clients/run.sh            # both; needs python3 (3.9+) with venv/pip, and cargo
#   CLIENTS=9 bash tests/clients/run.sh  # one major only
#
# Exits non-zero when a check fails; .ci/run runs it after the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON="${PYTHON:-python3}"
SPEC_DIR="tests/conformance/corpus/rest-api-spec/src/main/resources/rest-api-spec/api"
WORK="target/clients"
mkdir -p "$WORK"

cargo build --quiet --locked --bin esops
ESOPS="target/debug/esops"

# The emulated version each client major is driven against.
sandbox_version() {
  case "$1" in
    8) echo "8.19.0" ;;
    9) echo "9.1.0" ;;
  esac
}

# A virtual environment with the pinned client, reused while its pins are unchanged.
venv_for() {
  local major="$1" requirements="tests/clients/python/requirements-$1.txt" venv="$WORK/py$1"
  if ! cmp -s "$requirements" "$venv/.installed" 2>/dev/null; then
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --requirement "$requirements"
    cp "$requirements" "$venv/.installed"
  fi
  echo "$venv"
}

failed=0
for major in ${CLIENTS:-8 9}; do
  venv="$(venv_for "$major")"
  log="$WORK/sandbox-$major.log"
  # Port 0: the sandbox picks a free port and says which on stderr.
  "$ESOPS" sandbox --es-version "$(sandbox_version "$major")" --listen 127.0.0.1:0 >"$log" 2>&1 &
  sandbox_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "the $major.x sandbox did not start:" >&2
    cat "$log" >&2
    kill "$sandbox_pid" 2>/dev/null || true
    exit 1
  fi
  if ! "$venv/bin/python" tests/clients/python/suite.py "$url" "$SPEC_DIR"; then
    failed=1
  fi
  kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
done
exit "$failed"
