#!/usr/bin/env python3
"""Drives OpenSearch's Python client (opensearch-py, unmodified) against an esops sandbox started
with `--distribution opensearch`: the root answer, the shared index APIs, and Index State
Management through the client's own `index_management` namespace — policies with optimistic
concurrency, auto-attachment by `ism_template`, explain, retry, add, remove and change_policy —
checking each answer has the fields OpenSearch's documentation gives it, and that the X-Pack APIs
OpenSearch lacks are refused as OpenSearch refuses them.

Usage: opensearch_suite.py URL  (run.sh starts the sandbox and installs the client).
Prints one line per failed check and a summary `N checks: P passed, F failed`; exits 1 on failure.
"""

import json
import sys
import urllib.request

from opensearchpy import ConflictError, NotFoundError, OpenSearch, RequestError, TransportError


class Suite:
    def __init__(self, url):
        self.url = url
        self.client = OpenSearch(url)
        self.passed = 0
        self.failed = 0

    def check(self, what, condition, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}: {detail}")

    def advance(self, by):
        """Moves the sandbox's clock (its control API, not OpenSearch's), so ISM's jobs run."""
        req = urllib.request.Request(f"{self.url}/_sandbox/clock/_advance?by={by}", method="POST")
        urllib.request.urlopen(req).read()

    def run(self):
        c = self.client
        info = c.info()
        self.check("info.distribution", info["version"].get("distribution") == "opensearch", info)
        for field in ("number", "lucene_version", "minimum_wire_compatibility_version", "minimum_index_compatibility_version"):
            self.check(f"info.version.{field}", isinstance(info["version"].get(field), str), info)

        # X-Pack's ILM does not exist on OpenSearch: the client gets OpenSearch's "no handler".
        try:
            c.transport.perform_request("GET", "/_ilm/policy")
            self.check("GET _ilm/policy refused", False, "answered 200")
        except RequestError as e:
            self.check("GET _ilm/policy refused", e.status_code == 400 and "no handler found" in str(e.info), e.info)

        policy = {
            "policy": {
                "description": "hot, then delete after 30 days",
                "default_state": "hot",
                "states": [
                    {"name": "hot", "actions": [{"replica_count": {"number_of_replicas": 0}}],
                     "transitions": [{"state_name": "delete", "conditions": {"min_index_age": "30d"}}]},
                    {"name": "delete", "actions": [{"delete": {}}], "transitions": []},
                ],
                "ism_template": [{"index_patterns": ["pyos-*"], "priority": 50}],
            }
        }
        im = c.index_management
        created = im.put_policy("pyos", body=policy)
        for field in ("_id", "_version", "_seq_no", "_primary_term", "policy"):
            self.check(f"put_policy.{field}", field in created, created)
        try:
            im.put_policy("pyos", body=policy)
            self.check("put_policy again conflicts", False, "no conflict")
        except ConflictError as e:
            self.check("put_policy again conflicts", e.error == "version_conflict_engine_exception", e.info)
        updated = im.put_policy(
            "pyos",
            body=policy,
            params={"if_seq_no": created["_seq_no"], "if_primary_term": created["_primary_term"]},
        )
        self.check("put_policy with if_seq_no updates", updated["_version"] == 2, updated)
        got = im.get_policy("pyos")
        self.check("get_policy._seq_no", got["_seq_no"] == updated["_seq_no"], got)
        self.check("get_policy.policy.states", len(got["policy"]["states"]) == 2, got)
        try:
            im.get_policy("nope")
            self.check("get_policy missing", False, "found")
        except NotFoundError:
            self.check("get_policy missing", True)

        # A matching index is managed by the template; explain reports it before and after its
        # first job run (ISM runs every 5 minutes).
        self.advance("1s")
        c.indices.create(index="pyos-1")
        explain = im.explain_index("pyos-1")
        self.check("explain.policy_id", explain["pyos-1"].get("index.plugins.index_state_management.policy_id") == "pyos", explain)
        self.check("explain.total_managed_indices", explain.get("total_managed_indices") == 1, explain)
        self.advance("5m")
        self.advance("5m")
        explain = im.explain_index("pyos-1")["pyos-1"]
        self.check("explain.state", explain.get("state", {}).get("name") == "hot", explain)
        self.check("explain.action", explain.get("action", {}).get("name") in ("replica_count", "transition"), explain)
        self.check("replica_count applied", c.indices.get_settings(index="pyos-1")["pyos-1"]["settings"]["index"]["number_of_replicas"] == "0")

        c.indices.create(index="other-1")
        added = im.add_policy("other-1", body={"policy_id": "pyos"})
        self.check("add_policy", added == {"updated_indices": 1, "failures": False, "failed_indices": []}, added)
        again = im.add_policy("other-1", body={"policy_id": "pyos"})
        self.check("add_policy twice fails per index", again["failures"] and again["failed_indices"][0]["index_name"] == "other-1", again)
        changed = im.change_policy("other-1", body={"policy_id": "pyos", "state": "hot"})
        self.check("change_policy", changed["updated_indices"] == 1, changed)
        retried = im.retry("other-1")
        self.check("retry of a healthy index fails per index", retried["failures"] is True, retried)
        removed = im.remove_policy_from_index("other-1")
        self.check("remove_policy", removed["updated_indices"] == 1, removed)

        # Thirty days on, ISM deletes the index.
        self.advance("31d")
        self.advance("5m")
        self.check("deleted by its policy", not c.indices.exists(index="pyos-1"))
        deleted = im.delete_policy("pyos")
        self.check("delete_policy", deleted.get("result") == "deleted", deleted)

    def summary(self):
        total = self.passed + self.failed
        print(f"opensearch-py {__import__('opensearchpy').__versionstr__}: {total} checks: {self.passed} passed, {self.failed} failed")
        return self.failed == 0


def main():
    suite = Suite(sys.argv[1])
    try:
        suite.run()
    except TransportError as e:
        suite.check("unexpected error", False, f"{e.status_code} {json.dumps(e.info)}")
    sys.exit(0 if suite.summary() else 1)


if __name__ == "__main__":
    main()
