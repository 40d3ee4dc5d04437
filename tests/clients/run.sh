#!/usr/bin/env bash
# The client-compatibility suite: the official clients, each major against a sandbox of the same
# major — elasticsearch-py 8.x and 9.x, installed from PyPI into virtual environments (pinned in
# tests/clients/python/requirements-N.txt), and the Node.js client @elastic/elasticsearch 8.x and
# 9.x, installed from npm (pinned in tests/clients/node/client-N.txt) — kept under target/clients/
# and reinstalled only when a pin changes; and OpenSearch's opensearch-py (pinned in
# tests/clients/python/requirements-os.txt) against the sandbox's OpenSearch profile.
#
#   bash tests/clients/run.sh                  # all five; needs python3 (3.9+) with venv/pip,
#                                              # node (18+) with npm, and cargo
#   CLIENTS="py9 node9" bash tests/clients/run.sh   # some
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

# The Node client, installed with npm into its own prefix, reused while its pin is unchanged.
node_client_for() {
  local major="$1" pin="tests/clients/node/client-$1.txt" prefix="$WORK/node$1"
  if ! cmp -s "$pin" "$prefix/.installed" 2>/dev/null; then
    rm -rf "$prefix"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --no-save --silent "$(cat "$pin")" >/dev/null
    cp "$pin" "$prefix/.installed"
  fi
  echo "$prefix"
}

failed=0
for client in ${CLIENTS:-py8 py9 node8 node9 pyos}; do
  major="${client: -1}"
  profile=(--version "$(sandbox_version "$major")")
  case "$client" in
    pyos)
      # OpenSearch's own client against the OpenSearch profile; its suite moves the clock.
      venv="$(venv_for os)"; run=("$venv/bin/python" tests/clients/python/opensearch_suite.py)
      profile=(--distribution opensearch --frozen-clock) ;;
    py*) venv="$(venv_for "$major")"; run=("$venv/bin/python" tests/clients/python/suite.py) ;;
    node*) prefix="$(node_client_for "$major")"; run=(node tests/clients/node/suite.mjs) ;;
    *) echo "unknown client [$client]: py8, py9, node8, node9 or pyos" >&2; exit 2 ;;
  esac
  log="$WORK/sandbox-$client.log"
  # Port 0: the sandbox picks a free port and says which on stderr.
  "$ESOPS" sandbox "${profile[@]}" --listen 127.0.0.1:0 >"$log" 2>&1 &
  sandbox_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "the $major.x sandbox for $client did not start:" >&2
    cat "$log" >&2
    kill "$sandbox_pid" 2>/dev/null || true
    exit 1
  fi
  args=("$url" "$SPEC_DIR")
  [[ "$client" == node* ]] && args+=("$prefix")
  [[ "$client" == pyos ]] && args=("$url")
  if ! "${run[@]}" "${args[@]}"; then
    failed=1
  fi
  kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
done
exit "$failed"
