// Drives the official Node.js client (@elastic/elasticsearch) against a running esops sandbox, as
// tests/clients/python/suite.py does the Python one, over the APIs Node users and Kibana-like
// tools call most. The Node client differs on the wire: it sends
// `Accept: application/vnd.elasticsearch+json; compatible-with=N,text/plain` on every request,
// which Elasticsearch ignores (a list of media types), and reads `_cat` as text.
//
// Usage: node suite.mjs URL SPEC_DIR CLIENT_DIR  (run.sh installs the client into CLIENT_DIR).
// Prints one line per failed check and `N checks: P passed, F failed`; exits 1 on failure.

import { readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const [url, specDir, clientDir] = process.argv.slice(2)
const require = createRequire(path.join(path.resolve(clientDir), 'index.js'))
const { Client, errors } = require('@elastic/elasticsearch')
const clientVersion = JSON.parse(readFileSync(path.join(clientDir, 'node_modules', '@elastic', 'elasticsearch', 'package.json'), 'utf8')).version
const major = Number(clientVersion.split('.')[0])

// Query parameters every endpoint accepts (rest-api-spec/api/_common.json).
const COMMON_PARAMS = new Set(['pretty', 'human', 'error_trace', 'source', 'filter_path'])
// Corpus spec files that contradict what Elasticsearch serves (see suite.py).
const SPEC_DIVERGENCES = { 'ping HEAD': 'the corpus copy of ping.json (commit 01a7940) names OPTIONS; Elasticsearch routes HEAD / to RestMainAction' }

let passed = 0
const failures = []
const unspecified = new Set()
const divergent = new Set()

function check (what, ok, detail = '') {
  if (ok) {
    passed++
  } else {
    failures.push(`${what}: ${detail}`)
    console.log(`FAIL ${what}: ${detail}`)
  }
}

const specs = new Map()
function spec (endpoint) {
  if (!specs.has(endpoint)) {
    const file = path.join(specDir, `${endpoint}.json`)
    specs.set(endpoint, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8'))[endpoint] : null)
  }
  return specs.get(endpoint)
}

function escapeRegex (text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function checkRequest (endpoint, method, requestPath, querystring) {
  if (SPEC_DIVERGENCES[`${endpoint} ${method}`]) {
    divergent.add(`${endpoint} ${method}: ${SPEC_DIVERGENCES[`${endpoint} ${method}`]}`)
    return
  }
  const s = spec(endpoint)
  if (!s) {
    unspecified.add(endpoint)
    return
  }
  const paths = s.url.paths.map(p => (typeof p === 'string' ? { path: p, methods: s.methods } : p))
  const matches = paths.filter(p => new RegExp('^' + escapeRegex(p.path).replace(/\\\{[^}]+\\\}/g, '[^/]+') + '$').test(requestPath))
  check(`${endpoint}: ${method} ${requestPath} is a path of the REST API spec`,
    matches.some(p => p.methods.includes(method)), `spec paths ${JSON.stringify(paths.map(p => p.path))}`)
  const known = new Set([...Object.keys(s.params ?? s.url.params ?? {}), ...COMMON_PARAMS])
  const unknown = Object.keys(querystring ?? {}).filter(k => !known.has(k))
  check(`${endpoint}: query parameters are in the spec`, unknown.length === 0, `not in the spec: ${unknown}`)
}

// JSON text of any value, `undefined` included (a failed step's result).
function show (value) {
  return String(JSON.stringify(value))
}

function get (doc, dotted) {
  for (const part of dotted.split('.')) {
    if (doc === null || doc === undefined || !(part in Object(doc))) throw new Error(`no ${part}`)
    doc = doc[part]
  }
  return doc
}

function shape (endpoint, body, required) {
  for (const [dotted, kind] of Object.entries(required)) {
    let value
    try {
      value = get(body, dotted)
    } catch {
      check(`${endpoint}: response has ${dotted}`, false, `missing in ${show(body).slice(0, 300)}`)
      continue
    }
    const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
    check(`${endpoint}: ${dotted} is ${kind}`, actual === kind, `${actual} ${show(value).slice(0, 120)}`)
  }
}

async function step (what, fn) {
  try {
    return await fn()
  } catch (e) {
    check(what, false, `${e.name}: ${e.message}`)
    return undefined
  }
}

const ACK = { acknowledged: 'boolean' }
const SHARDS = { '_shards.total': 'number', '_shards.successful': 'number', '_shards.failed': 'number' }

const client = new Client({ node: url, requestTimeout: 30000 })
const originalRequest = client.transport.request.bind(client.transport)
client.transport.request = (params, options) => {
  if (params.meta?.name) {
    checkRequest(params.meta.name, params.method, params.path.split('?')[0], params.querystring)
  }
  return originalRequest(params, options)
}

const started = Date.now()
const tag = `node${major}-${process.pid}`

const info = await step('info', () => client.info())
if (info) {
  shape('info', info, { name: 'string', cluster_name: 'string', 'version.number': 'string', tagline: 'string' })
  check("info: the sandbox emulates the client's major version", info.version.number.startsWith(`${major}.`), info.version.number)
}
check('ping', (await step('ping', () => client.ping())) === true)
const nodes = await step('nodes.info', () => client.nodes.info({ node_id: '_all', metric: 'http' }))
if (nodes) {
  shape('nodes.info', Object.values(nodes.nodes)[0], { name: 'string', version: 'string', 'http.publish_address': 'string' })
}
const sniffer = new Client({ node: url, sniffOnStart: true })
check('a client sniffing on start connects', Boolean(await step('sniffOnStart', () => sniffer.info())))
await sniffer.close()
const license = await step('license.get', () => client.license.get())
if (license) shape('license.get', license, { 'license.type': 'string', 'license.status': 'string' })
const xpack = await step('xpack.info', () => client.xpack.info())
if (xpack) shape('xpack.info', xpack, { 'license.mode': 'string', 'features.ilm.available': 'boolean' })
const health = await step('cluster.health', () => client.cluster.health())
if (health) shape('cluster.health', health, { status: 'string', number_of_nodes: 'number', timed_out: 'boolean' })

const index = `${tag}-logs-000001`
const created = await step('indices.create', () => client.indices.create({ index, aliases: { [`${tag}-logs`]: { is_write_index: true } } }))
if (created) shape('indices.create', created, { acknowledged: 'boolean', shards_acknowledged: 'boolean', index: 'string' })
check('indices.exists', (await step('indices.exists', () => client.indices.exists({ index }))) === true)
check('indices.exists: a missing index is false',
  (await step('indices.exists missing', () => client.indices.exists({ index: `${tag}-nope` }))) === false)
const doc = await step('index', () => client.index({ index, id: '1', document: { level: 'INFO' }, refresh: true }))
if (doc) shape('index', doc, { _index: 'string', _id: 'string', _version: 'number', result: 'string' })
const bulk = await step('helpers.bulk', () => client.helpers.bulk({
  datasource: Array.from({ length: 10 }, (_, n) => ({ n })),
  onDocument: () => ({ index: { _index: index } }),
  refreshOnCompletion: true
}))
check('helpers.bulk: every document', bulk?.successful === 10 && bulk?.failed === 0, JSON.stringify(bulk))
const count = await step('count', () => client.count({ index, query: { match_all: {} } }))
if (count) {
  shape('count', count, { count: 'number', ...SHARDS })
  check('count: every document', count.count === 11, JSON.stringify(count))
}
const search = await step('search', () => client.search({ index, query: { match_all: {} }, size: 2 }))
if (search) shape('search', search, { took: 'number', 'hits.hits': 'array', 'hits.total.value': 'number', ...SHARDS })

const flushed = await step('indices.flush', () => client.indices.flush({ index }))
if (flushed) shape('indices.flush', flushed, SHARDS)
const merged = await step('indices.forcemerge', () => client.indices.forcemerge({ index, max_num_segments: 1 }))
if (merged) shape('indices.forcemerge', merged, SHARDS)
const segments = await step('indices.segments', () => client.indices.segments({ index }))
if (segments) shape('indices.segments', segments, { [`indices.${index}.shards.0.0.num_search_segments`]: 'number', ...SHARDS })

for (const api of ['indices', 'aliases', 'allocation', 'shards', 'health', 'segments']) {
  const text = await step(`cat.${api}`, () => client.cat[api]({ v: true }))
  check(`cat.${api}: a text table`, typeof text === 'string' && text.includes('\n'), show(text).slice(0, 200))
  const rows = await step(`cat.${api} json`, () => client.cat[api]({ format: 'json' }))
  check(`cat.${api}: JSON rows`, Array.isArray(rows) && rows.every(r => typeof r === 'object'), show(rows).slice(0, 200))
}

await step('put data stream template', () => client.indices.putIndexTemplate({ name: `${tag}-ds`, index_patterns: [`${tag}-ds-*`], data_stream: {}, priority: 500 }))
const stream = `${tag}-ds-app`
const ds = await step('indices.create_data_stream', () => client.indices.createDataStream({ name: stream }))
if (ds) shape('indices.create_data_stream', ds, ACK)
const streams = await step('indices.get_data_stream', () => client.indices.getDataStream({ name: stream }))
if (streams) shape('indices.get_data_stream', streams, { 'data_streams.0.name': 'string', 'data_streams.0.indices': 'array', 'data_streams.0.status': 'string' })
await step('indices.delete_data_stream', () => client.indices.deleteDataStream({ name: stream }))
await step('indices.delete_index_template', () => client.indices.deleteIndexTemplate({ name: `${tag}-ds` }))

try {
  await client.indices.get({ index: `${tag}-missing` })
  check('a missing index is a ResponseError 404', false, 'no error')
} catch (e) {
  check('a missing index is a ResponseError 404',
    e instanceof errors.ResponseError && e.statusCode === 404 && e.body?.error?.type === 'index_not_found_exception', e.message)
}
const deleted = await step('indices.delete', () => client.indices.delete({ index }))
if (deleted) shape('indices.delete', deleted, ACK)
await client.close()

const total = passed + failures.length
console.log(`@elastic/elasticsearch ${clientVersion} against ${info?.version?.number ?? '?'}: ${total} checks: ${passed} passed, ${failures.length} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`)
if (unspecified.size) console.log(`  endpoints without a spec file in the corpus (request not checked): ${[...unspecified].sort().join(', ')}`)
for (const d of [...divergent].sort()) console.log(`  not checked against the corpus spec: ${d}`)
process.exit(failures.length ? 1 : 0)
