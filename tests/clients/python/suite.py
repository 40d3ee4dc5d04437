#!/usr/bin/env python3
"""Drives the official Python client (elasticsearch-py) against a running esops sandbox through
every API the README says the sandbox serves, and checks two things per call:

- the request the client sent (method, path, query parameters) is one Elasticsearch's REST API
  specification (rest-api-spec/api/<endpoint>.json, in tests/conformance/corpus) defines for that
  endpoint: the sandbox answers the requests real clients make, at the paths the spec names;
- the answer has the fields the official API specification (elasticsearch-specification's
  response types) requires, with the types it gives them, as the client hands them back.

Usage: suite.py URL SPEC_DIR  (run.sh starts the sandboxes and installs the clients).
Prints one line per failed check and a summary `N checks: P passed, F failed`; exits 1 on failure.
"""

import json
import os
import re
import sys
import time
import traceback

import elasticsearch
from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError, helpers

# Corpus spec files that contradict what Elasticsearch serves, with the evidence: the request is
# not checked against them (reported, not counted).
SPEC_DIVERGENCES = {
    ("ping", "HEAD"): "the corpus copy of ping.json (commit 01a7940) names OPTIONS; Elasticsearch routes HEAD / "
    "to RestMainAction and released specs name HEAD",
}

# Query parameters every endpoint accepts (rest-api-spec/api/_common.json).
COMMON_PARAMS = {"pretty", "human", "error_trace", "source", "filter_path"}


class Suite:
    """Counts checks; remembers the requests the client makes to check them against the spec."""

    def __init__(self, spec_dir):
        self.spec_dir = spec_dir
        self.specs = {}
        self.passed = 0
        self.failures = []
        self.unspecified = set()
        self.divergent = set()
        self.requests = []

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failures.append(f"{what}: {detail}")
            print(f"FAIL {what}: {detail}", flush=True)

    def spec(self, endpoint):
        if endpoint not in self.specs:
            path = os.path.join(self.spec_dir, f"{endpoint}.json")
            try:
                with open(path, encoding="utf-8") as f:
                    self.specs[endpoint] = json.load(f)[endpoint]
            except FileNotFoundError:
                self.specs[endpoint] = None
        return self.specs[endpoint]

    def check_request(self, method, path, params, endpoint):
        """The request is one the REST API spec defines for `endpoint`."""
        spec = self.spec(endpoint)
        if (endpoint, method) in SPEC_DIVERGENCES:
            self.divergent.add(f"{endpoint} {method}: {SPEC_DIVERGENCES[(endpoint, method)]}")
            return
        if spec is None:
            self.unspecified.add(endpoint)
            return
        # The current format lists {path, methods} objects; some corpus files are in the 7.x
        # format (paths as strings, methods and params for all of them).
        paths = [p if isinstance(p, dict) else {"path": p, "methods": spec["methods"]} for p in spec["url"]["paths"]]
        matches = []
        for p in paths:
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(p["path"])) + "$"
            if re.match(pattern, path):
                matches.append(p)
        methods = sorted({m for p in matches for m in p["methods"]})
        self.check(
            f"{endpoint}: {method} {path} is a path of the REST API spec",
            any(method in p["methods"] for p in matches),
            f"spec paths {[p['path'] for p in paths]}, methods for this path {methods}",
        )
        known = set(spec.get("params", spec["url"].get("params", {}))) | COMMON_PARAMS
        unknown = sorted(set(params or {}) - known)
        self.check(f"{endpoint}: query parameters are in the spec", not unknown, f"not in the spec: {unknown}")

    def run(self, what, fn):
        """Runs one step; an exception is a failed check, never the end of the suite."""
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - every failure is reported, the suite goes on
            detail = f"{type(e).__name__}: {e}"
            if os.environ.get("CLIENT_SUITE_TRACE"):
                detail += "\n" + traceback.format_exc()
            self.check(what, False, detail)
            return None


def install_recorder(suite):
    """Wraps the client's single request entry point to check every request against the spec."""
    original = Elasticsearch.perform_request

    def recorded(self, method, path, *, params=None, headers=None, body=None, endpoint_id=None, path_parts=None):
        if endpoint_id:
            suite.check_request(method, path.split("?")[0], params, endpoint_id)
        return original(
            self, method, path, params=params, headers=headers, body=body, endpoint_id=endpoint_id, path_parts=path_parts
        )

    Elasticsearch.perform_request = recorded


def get(doc, dotted):
    """`a.b.0.c` in a JSON document, or KeyError."""
    for part in dotted.split("."):
        if isinstance(doc, list):
            doc = doc[int(part)]
        else:
            doc = doc[part]
    return doc


def shape(suite, endpoint, body, required):
    """`required`: {dotted path: type or tuple of types} from the specification's response type."""
    for dotted, kind in required.items():
        try:
            value = get(body, dotted)
        except (KeyError, IndexError, TypeError, ValueError):
            suite.check(f"{endpoint}: response has {dotted}", False, f"missing in {json.dumps(body)[:300]}")
            continue
        suite.check(
            f"{endpoint}: {dotted} is {kind}",
            isinstance(value, kind),
            f"{type(value).__name__} {json.dumps(value)[:120]}",
        )


ACK = {"acknowledged": bool}
SHARDS = {"_shards.total": int, "_shards.successful": int, "_shards.failed": int}


def main():
    url, spec_dir = sys.argv[1], sys.argv[2]
    major = int(elasticsearch.__versionstr__.split(".")[0])
    s = Suite(spec_dir)
    install_recorder(s)
    es = Elasticsearch(url, request_timeout=30)
    started = time.monotonic()
    tag = f"py{major}-{os.getpid()}"

    # Connect: what every client and agent asks first.
    info = s.run("info", lambda: es.info().body)
    if info:
        shape(s, "info", info, {"name": str, "cluster_name": str, "cluster_uuid": str, "version.number": str,
                                "version.lucene_version": str, "tagline": str})
        s.check("info: the sandbox emulates the client's major version",
                info["version"]["number"].startswith(f"{major}."), info["version"]["number"])
    s.check("ping", s.run("ping", es.ping) is True)
    nodes = s.run("nodes.info http", lambda: es.nodes.info(node_id="_all", metric="http").body)
    if nodes:
        shape(s, "nodes.info", nodes, {"_nodes.total": int, "cluster_name": str, "nodes": dict})
        node = next(iter(nodes["nodes"].values()))
        shape(s, "nodes.info", node, {"name": str, "version": str, "roles": list, "http.publish_address": str})
    sniffing = s.run("sniff_on_start", lambda: Elasticsearch(url, sniff_on_start=True).info().body)
    s.check("a client sniffing on start connects", bool(sniffing))
    lic = s.run("license.get", lambda: es.license.get().body)
    if lic:
        shape(s, "license.get", lic, {"license.status": str, "license.uid": str, "license.type": str,
                                      "license.issue_date_in_millis": int, "license.max_nodes": int})
    xp = s.run("xpack.info", lambda: es.xpack.info().body)
    if xp:
        shape(s, "xpack.info", xp, {"build.hash": str, "license.mode": str, "features.ilm.available": bool,
                                    "features.security.enabled": bool})

    # Cluster.
    health = s.run("cluster.health", lambda: es.cluster.health().body)
    if health:
        shape(s, "cluster.health", health, {"cluster_name": str, "status": str, "number_of_nodes": int,
                                            "active_shards": int, "timed_out": bool})
    put = s.run("cluster.put_settings", lambda: es.cluster.put_settings(
        persistent={"action.destructive_requires_name": "false"}).body)
    if put:
        shape(s, "cluster.put_settings", put, {"acknowledged": bool, "persistent": dict, "transient": dict})
    got = s.run("cluster.get_settings", lambda: es.cluster.get_settings(flat_settings=True).body)
    if got:
        s.check("cluster.get_settings: the setting is back",
                got.get("persistent", {}).get("action.destructive_requires_name") == "false", json.dumps(got))

    # ILM.
    policy = f"{tag}-policy"
    phases = {"hot": {"actions": {"rollover": {"max_age": "1d"}}}, "delete": {"min_age": "30d", "actions": {"delete": {}}}}
    r = s.run("ilm.put_lifecycle", lambda: es.ilm.put_lifecycle(name=policy, policy={"phases": phases}).body)
    if r:
        shape(s, "ilm.put_lifecycle", r, ACK)
    r = s.run("ilm.get_lifecycle", lambda: es.ilm.get_lifecycle(name=policy).body)
    if r:
        shape(s, "ilm.get_lifecycle", r, {f"{policy}.version": int, f"{policy}.modified_date": str,
                                          f"{policy}.policy.phases.hot.actions": dict})
    r = s.run("ilm.get_status", lambda: es.ilm.get_status().body)
    if r:
        shape(s, "ilm.get_status", r, {"operation_mode": str})
    s.run("ilm.stop", lambda: shape(s, "ilm.stop", es.ilm.stop().body, ACK))
    s.run("ilm.start", lambda: shape(s, "ilm.start", es.ilm.start().body, ACK))

    # Templates.
    component = f"{tag}-settings"
    r = s.run("cluster.put_component_template", lambda: es.cluster.put_component_template(
        name=component, template={"settings": {"number_of_shards": 1, "number_of_replicas": 0}}).body)
    if r:
        shape(s, "cluster.put_component_template", r, ACK)
    r = s.run("cluster.get_component_template", lambda: es.cluster.get_component_template(name=component).body)
    if r:
        shape(s, "cluster.get_component_template", r, {"component_templates.0.name": str,
                                                        "component_templates.0.component_template.template": dict})
    s.check("cluster.exists_component_template",
            bool(s.run("exists_component_template", lambda: es.cluster.exists_component_template(name=component))))
    template = f"{tag}-logs"
    r = s.run("indices.put_index_template", lambda: es.indices.put_index_template(
        name=template, index_patterns=[f"{tag}-logs-*"], composed_of=[component], priority=500,
        template={"settings": {"index.lifecycle.name": policy, "index.lifecycle.rollover_alias": f"{tag}-logs"}}).body)
    if r:
        shape(s, "indices.put_index_template", r, ACK)
    r = s.run("indices.get_index_template", lambda: es.indices.get_index_template(name=template).body)
    if r:
        shape(s, "indices.get_index_template", r, {"index_templates.0.name": str,
                                                    "index_templates.0.index_template.index_patterns": list,
                                                    "index_templates.0.index_template.composed_of": list})
    s.check("indices.exists_index_template",
            bool(s.run("exists_index_template", lambda: es.indices.exists_index_template(name=template))))
    r = s.run("indices.simulate_index_template", lambda: es.indices.simulate_index_template(
        name=f"{tag}-logs-000009").body)
    if r:
        shape(s, "indices.simulate_index_template", r, {"template.settings": dict, "overlapping": list})
    r = s.run("indices.simulate_template", lambda: es.indices.simulate_template(name=template).body)
    if r:
        shape(s, "indices.simulate_template", r, {"template.settings": dict})
    legacy = f"{tag}-legacy"
    s.run("indices.put_template", lambda: shape(s, "indices.put_template", es.indices.put_template(
        name=legacy, index_patterns=[f"{tag}-legacy-*"], order=1).body, ACK))
    r = s.run("indices.get_template", lambda: es.indices.get_template(name=legacy).body)
    if r:
        shape(s, "indices.get_template", r, {f"{legacy}.order": int, f"{legacy}.index_patterns": list})
    s.check("indices.exists_template", bool(s.run("exists_template", lambda: es.indices.exists_template(name=legacy))))
    s.run("indices.delete_template", lambda: shape(s, "indices.delete_template",
                                                   es.indices.delete_template(name=legacy).body, ACK))

    # Ingest.
    pipeline = f"{tag}-pipeline"
    processors = [{"set": {"field": "env", "value": "test"}}, {"lowercase": {"field": "level", "ignore_missing": True}}]
    s.run("ingest.put_pipeline", lambda: shape(s, "ingest.put_pipeline", es.ingest.put_pipeline(
        id=pipeline, processors=processors, description="client suite").body, ACK))
    r = s.run("ingest.get_pipeline", lambda: es.ingest.get_pipeline(id=pipeline).body)
    if r:
        shape(s, "ingest.get_pipeline", r, {f"{pipeline}.processors": list, f"{pipeline}.description": str})
    r = s.run("ingest.simulate", lambda: es.ingest.simulate(id=pipeline, docs=[{"_source": {"level": "WARN"}}]).body)
    if r:
        shape(s, "ingest.simulate", r, {"docs.0.doc._source": dict})
        s.check("ingest.simulate: the pipeline ran", r["docs"][0]["doc"]["_source"] == {"level": "warn", "env": "test"},
                json.dumps(r))

    # Indices.
    index = f"{tag}-logs-000001"
    r = s.run("indices.create", lambda: es.indices.create(index=index, aliases={f"{tag}-logs": {"is_write_index": True}}).body)
    if r:
        shape(s, "indices.create", r, {"acknowledged": bool, "shards_acknowledged": bool, "index": str})
    s.check("indices.exists", bool(s.run("indices.exists", lambda: es.indices.exists(index=index))))
    missing_index = s.run("indices.exists missing", lambda: es.indices.exists(index=f"{tag}-nope"))
    s.check("indices.exists: a missing index is false", missing_index is not None and not missing_index)
    r = s.run("indices.get", lambda: es.indices.get(index=index).body)
    if r:
        shape(s, "indices.get", r, {f"{index}.settings.index.number_of_shards": str, f"{index}.mappings": dict,
                                    f"{index}.aliases": dict})
    r = s.run("indices.get_settings", lambda: es.indices.get_settings(index=index).body)
    if r:
        shape(s, "indices.get_settings", r, {f"{index}.settings.index.lifecycle.name": str})
    s.run("indices.put_settings", lambda: shape(s, "indices.put_settings", es.indices.put_settings(
        index=index, settings={"index.refresh_interval": "5s"}).body, ACK))
    s.run("indices.put_mapping", lambda: shape(s, "indices.put_mapping", es.indices.put_mapping(
        index=index, properties={"message": {"type": "text"}}).body, ACK))
    r = s.run("indices.get_mapping", lambda: es.indices.get_mapping(index=index).body)
    if r:
        shape(s, "indices.get_mapping", r, {f"{index}.mappings": dict})

    # Documents.
    r = s.run("index", lambda: es.index(index=index, id="1", document={"level": "INFO", "message": "hello"},
                                        refresh=True).body)
    if r:
        shape(s, "index", r, {"_index": str, "_id": str, "_version": int, "result": str, "_seq_no": int,
                              "_primary_term": int, **SHARDS})
    r = s.run("create", lambda: es.create(index=index, id="2", document={"level": "ERROR"}).body)
    if r:
        shape(s, "create", r, {"result": str, "_version": int})
    r = s.run("get", lambda: es.get(index=index, id="1").body)
    if r:
        shape(s, "get", r, {"_index": str, "_id": str, "found": bool, "_source": dict, "_version": int})
    missing = s.run("get missing", lambda: es.options(ignore_status=404).get(index=index, id="nope").body)
    s.check("get: a missing document is found: false", isinstance(missing, dict) and missing.get("found") is False,
            json.dumps(missing))
    actions = [{"_index": index, "_id": str(i), "_source": {"level": "DEBUG", "n": i}} for i in range(10, 20)]
    ok = s.run("helpers.bulk", lambda: helpers.bulk(es, actions, refresh=True))
    s.check("helpers.bulk: every action succeeded", ok == (10, []), repr(ok))
    r = s.run("bulk", lambda: es.bulk(operations=[{"index": {"_index": index, "_id": "b1"}}, {"level": "INFO"},
                                                  {"delete": {"_index": index, "_id": "b1"}}], refresh=True).body)
    if r:
        shape(s, "bulk", r, {"errors": bool, "took": int, "items.0.index._id": str, "items.0.index.status": int,
                             "items.1.delete.result": str})
    try:
        es.bulk(operations=[{"index": {"_index": index}}][:0] or "\n")
        s.check("bulk: no actions is refused", False, "answered 2xx")
    except BadRequestError as e:
        s.check("bulk: no actions is refused", e.error == "action_request_validation_exception", e.error)
    r = s.run("count", lambda: es.count(index=index).body)
    if r:
        shape(s, "count", r, {"count": int, **SHARDS})
        s.check("count: every document", r["count"] == 12, json.dumps(r))
    r = s.run("search", lambda: es.search(index=index, query={"match_all": {}}, size=3).body)
    if r:
        shape(s, "search", r, {"took": int, "timed_out": bool, "hits.hits": list, "hits.total.value": int,
                               **SHARDS})
    r = s.run("delete", lambda: es.delete(index=index, id="2", refresh=True).body)
    if r:
        shape(s, "delete", r, {"result": str, "_version": int})

    # Aliases.
    alias = f"{tag}-readers"
    s.run("indices.put_alias", lambda: shape(s, "indices.put_alias", es.indices.put_alias(index=index, name=alias).body,
                                             ACK))
    r = s.run("indices.get_alias", lambda: es.indices.get_alias(name=alias).body)
    if r:
        shape(s, "indices.get_alias", r, {f"{index}.aliases.{alias}": dict})
    s.check("indices.exists_alias", bool(s.run("exists_alias", lambda: es.indices.exists_alias(name=alias))))
    s.run("indices.update_aliases", lambda: shape(s, "indices.update_aliases", es.indices.update_aliases(
        actions=[{"remove": {"index": index, "alias": alias}}, {"add": {"index": index, "alias": f"{alias}-2"}}]).body,
        ACK))
    s.run("indices.delete_alias", lambda: shape(s, "indices.delete_alias", es.indices.delete_alias(
        index=index, name=f"{alias}-2").body, ACK))

    # Stats, maintenance, segments.
    r = s.run("indices.stats", lambda: es.indices.stats(index=index).body)
    if r:
        shape(s, "indices.stats", r, {"_all.primaries.docs.count": int, f"indices.{index}.total.store.size_in_bytes": int,
                                      **SHARDS})
    s.run("indices.refresh", lambda: shape(s, "indices.refresh", es.indices.refresh(index=index).body, SHARDS))
    s.run("indices.flush", lambda: shape(s, "indices.flush", es.indices.flush(index=index).body, SHARDS))
    s.run("indices.forcemerge", lambda: shape(s, "indices.forcemerge", es.indices.forcemerge(
        index=index, max_num_segments=1).body, SHARDS))
    r = s.run("indices.segments", lambda: es.indices.segments(index=index).body)
    if r:
        shape(s, "indices.segments", r, {f"indices.{index}.shards.0.0.num_search_segments": int,
                                         f"indices.{index}.shards.0.0.routing.primary": bool, **SHARDS})

    # ILM on the index, rollover.
    r = s.run("ilm.explain_lifecycle", lambda: es.ilm.explain_lifecycle(index=index).body)
    if r:
        shape(s, "ilm.explain_lifecycle", r, {f"indices.{index}.managed": bool, f"indices.{index}.policy": str})
    r = s.run("indices.rollover dry_run", lambda: es.indices.rollover(alias=f"{tag}-logs", dry_run=True,
                                                                       conditions={"max_docs": 1}).body)
    if r:
        shape(s, "indices.rollover", r, {"acknowledged": bool, "old_index": str, "new_index": str, "rolled_over": bool,
                                         "dry_run": bool, "conditions": dict})
    r = s.run("indices.rollover", lambda: es.indices.rollover(alias=f"{tag}-logs").body)
    if r:
        s.check("indices.rollover: the next index", r.get("new_index") == f"{tag}-logs-000002", json.dumps(r))
    s.run("ilm.remove_policy", lambda: shape(s, "ilm.remove_policy", es.ilm.remove_policy(index=f"{tag}-logs-000002").body,
                                             {"has_failures": bool, "failed_indexes": list}))
    r = s.run("ilm.retry (not in ERROR)", lambda: es.options(ignore_status=400).ilm.retry(index=index).body)
    s.check("ilm.retry: an index not in ERROR is ES's 400", isinstance(r, dict) and r.get("status") == 400, json.dumps(r))

    # Open and close.
    s.run("indices.close", lambda: shape(s, "indices.close", es.indices.close(index=index).body,
                                         {"acknowledged": bool, "shards_acknowledged": bool}))
    s.run("indices.open", lambda: shape(s, "indices.open", es.indices.open(index=index).body,
                                        {"acknowledged": bool, "shards_acknowledged": bool}))

    # Data streams.
    ds_template = f"{tag}-ds"
    stream = f"{tag}-ds-app"
    s.run("put data stream template", lambda: es.indices.put_index_template(
        name=ds_template, index_patterns=[f"{tag}-ds-*"], data_stream={}, priority=500))
    s.run("indices.create_data_stream", lambda: shape(s, "indices.create_data_stream",
                                                      es.indices.create_data_stream(name=stream).body, ACK))
    r = s.run("indices.get_data_stream", lambda: es.indices.get_data_stream(name=stream).body)
    if r:
        required = {"data_streams.0.name": str, "data_streams.0.timestamp_field.name": str,
                    "data_streams.0.indices.0.index_name": str, "data_streams.0.generation": int,
                    "data_streams.0.status": str, "data_streams.0.template": str, "data_streams.0.hidden": bool}
        version = tuple(int(p) for p in info["version"]["number"].split(".")[:2]) if info else (0, 0)
        if version >= (9, 1) or (8, 19) <= version < (9, 0):
            # Required since the failure store's GA (8.19, 9.1).
            required.update({"data_streams.0.settings": dict, "data_streams.0.failure_store.enabled": bool,
                             "data_streams.0.indices.0.index_mode": str})
        shape(s, "indices.get_data_stream", r, required)
    r = s.run("doc into data stream", lambda: es.index(index=stream, document={"@timestamp": "2024-03-15T00:00:00Z"}).body)
    if r:
        s.check("index into a data stream: a backing index", r.get("_index", "").startswith(f".ds-{stream}-"), json.dumps(r))
    s.run("indices.delete_data_stream", lambda: shape(s, "indices.delete_data_stream",
                                                      es.indices.delete_data_stream(name=stream).body, ACK))

    # cat: text as the client asks for it (no format), and JSON.
    for api in ["indices", "aliases", "allocation", "shards", "health", "segments"]:
        fn = getattr(es.cat, api)
        text = s.run(f"cat.{api}", lambda: fn(v=True).body)
        s.check(f"cat.{api}: a text table", isinstance(text, str) and "\n" in text, repr(text)[:200])
        rows = s.run(f"cat.{api} json", lambda: fn(format="json").body)
        s.check(f"cat.{api}: JSON rows", isinstance(rows, list) and all(isinstance(r, dict) for r in rows), repr(rows)[:200])
    rows = s.run("cat.indices bytes", lambda: es.cat.indices(index=index, format="json", bytes="b", h="index,docs.count").body)
    s.check("cat.indices: every value a string", rows == [{"index": index, "docs.count": "11"}], repr(rows))

    # Errors as the client raises them.
    try:
        es.indices.get(index=f"{tag}-missing")
        s.check("a missing index raises NotFoundError", False, "no error")
    except NotFoundError as e:
        s.check("a missing index raises NotFoundError", e.error == "index_not_found_exception", e.error)
    try:
        es.indices.create(index="Bad-Name")
        s.check("an invalid name raises BadRequestError", False, "no error")
    except BadRequestError as e:
        s.check("an invalid name raises BadRequestError", e.error == "invalid_index_name_exception", e.error)

    # Clean up what the suite made (in reverse).
    s.run("indices.delete", lambda: shape(s, "indices.delete", es.indices.delete(index=f"{tag}-logs-*").body, ACK))
    s.run("indices.delete_index_template", lambda: shape(s, "indices.delete_index_template",
                                                         es.indices.delete_index_template(name=f"{tag}-*").body, ACK))
    s.run("cluster.delete_component_template", lambda: shape(s, "cluster.delete_component_template",
                                                             es.cluster.delete_component_template(name=component).body,
                                                             ACK))
    s.run("ingest.delete_pipeline", lambda: shape(s, "ingest.delete_pipeline",
                                                  es.ingest.delete_pipeline(id=pipeline).body, ACK))
    s.run("ilm.delete_lifecycle", lambda: shape(s, "ilm.delete_lifecycle",
                                                es.ilm.delete_lifecycle(name=policy).body, ACK))

    total = s.passed + len(s.failures)
    elapsed = time.monotonic() - started
    print(f"elasticsearch-py {elasticsearch.__versionstr__} against {info['version']['number'] if info else '?'}: "
          f"{total} checks: {s.passed} passed, {len(s.failures)} failed ({elapsed:.1f} s)")
    if s.unspecified:
        print(f"  endpoints without a spec file in the corpus (request not checked): {', '.join(sorted(s.unspecified))}")
    for d in sorted(s.divergent):
        print(f"  not checked against the corpus spec: {d}")
    return 1 if s.failures else 0


if __name__ == "__main__":
    sys.exit(main())
