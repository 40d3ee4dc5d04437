#!/bin/sh
# Nightly `esops audit` for node_exporter's textfile collector.
#
# Writes the Prometheus metrics atomically (a temporary file in the same directory, then `mv`,
# so the collector never reads half a file) and passes esops's exit code on:
#   0  no finding at or above $FAIL_ON
#   1  the audit itself failed (cluster unreachable, refused…): the previous metrics stay, and
#      esops_audit_timestamp_seconds going stale is the alert
#   2  findings at or above $FAIL_ON: the metrics are written, and cron/systemd see a failure
#
# Connection settings come from the environment (ESOPS_CONTEXT, or ESOPS_URL + ESOPS_API_KEY).
set -u

TEXTFILE_DIR="${TEXTFILE_DIR:-/var/lib/node_exporter/textfile_collector}"
FAIL_ON="${FAIL_ON:-error}"
ESOPS="${ESOPS:-esops}"

tmp="$(mktemp "$TEXTFILE_DIR/.esops_audit.prom.XXXXXX")" || exit 1
"$ESOPS" audit --quiet --output prometheus --fail-on "$FAIL_ON" >"$tmp"
status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
    rm -f "$tmp"
    exit "$status"
fi
chmod 0644 "$tmp"
mv -f "$tmp" "$TEXTFILE_DIR/esops_audit.prom"
exit "$status"
