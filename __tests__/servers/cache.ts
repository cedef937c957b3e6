// The Actions cache service as @actions/cache 6.3 speaks it. v1 (the default when ACTIONS_CACHE_URL is set and
// ACTIONS_CACHE_SERVICE_V2 is not): `_apis/artifactcache` with reserve, chunked PATCH uploads, commit and an
// archiveLocation URL. v2 (ACTIONS_CACHE_SERVICE_V2 set): Twirp CacheService plus blob storage. Both share entries.
import { handleBlob } from './blob.js'
import { Faults, json, parseJson, serve, type Listening, type RecordedRequest, type Reply, type Req } from './http.js'
import { Store } from './store.js'

export interface CacheEntry {
  id: number
  key: string
  version: string
  /** creation order: lookups by prefix return the newest */
  seq: number
  size: number
  committed: boolean
  created: Date
  chunks: Array<{ start: number; data: Buffer }>
  blobPath: string
}

export interface CacheState {
  entries: CacheEntry[]
  requests: RecordedRequest[]
  faults: Faults
  /** the next `count` API calls (not archive downloads) answer `status` */
  failNext(count: number, status?: number): void
  /** the next `count` API calls (or those `match` picks) answer 200 with a body that is not the JSON the client expects */
  garbageNext(count: number, match?: (req: Req) => boolean): void
  /**
   * The next `count` API calls are rate limited as the service does it: 429 with Retry-After, the body each
   * protocol uses (v1: the service's RequestBlockedException JSON; v2: a Twirp `resource_exhausted` error).
   */
  rateLimitNext(count: number, retryAfterSeconds?: number): void
  /** archive downloads return bytes that are not a tar archive */
  corruptArchives: boolean
}

export interface CacheServer {
  /** base URL with the trailing slash the library expects in ACTIONS_CACHE_URL */
  url: string
  origin: string
  state: CacheState
  /** faults, then the handler: the results service routes the cache service v2 here */
  answer: Listening['answer']
  close(): Promise<void>
}

const V1 = '/_apis/artifactcache/'
export const CACHE_V2_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/'
const V2 = CACHE_V2_PREFIX
const isApi = (r: Req) => r.path.startsWith(V1) || r.path.startsWith(V2)

function rateLimited(v2: boolean, retryAfterSeconds: number): Reply {
  const body = v2
    ? { code: 'resource_exhausted', msg: 'cache service rate limit exceeded' }
    : {
        $id: '1',
        innerException: null,
        message: "Request was blocked due to exceeding usage of resource 'Count' in namespace ''.",
        typeName: 'Microsoft.TeamFoundation.Framework.Server.RequestBlockedException, Microsoft.TeamFoundation.Framework.Server',
        typeKey: 'RequestBlockedException',
        errorCode: 0,
        eventId: 3000
      }
  return { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) }, body }
}

/** GitHub's matching: each key in order, exact match first, then the newest entry whose key starts with it. */
export function lookup(entries: CacheEntry[], keys: string[], version: string): CacheEntry | null {
  const usable = entries.filter(e => e.committed && e.version === version).sort((a, b) => b.seq - a.seq)
  for (const k of keys) {
    const hit = usable.find(e => e.key === k) ?? usable.find(e => e.key.startsWith(k))
    if (hit) return hit
  }
  return null
}

export async function startCacheServer(opts: { token?: string } = {}): Promise<CacheServer> {
  const faults = new Faults()
  let seq = 0
  let nextId = 1
  let origin = ''
  const state: CacheState = {
    entries: [],
    requests: [],
    faults,
    corruptArchives: false,
    failNext(count, status = 500) {
      faults.add({ count, match: isApi, reply: json(status, { message: `injected ${status}` }) })
    },
    rateLimitNext(count, retryAfterSeconds = 60) {
      // One budget for both protocols: whichever the client speaks, the next `count` API calls are refused.
      let left = count
      const take = (protocol: string) => (r: Req) => r.path.startsWith(protocol) && left > 0 && left-- > 0
      faults.add({ count, match: take(V1), reply: rateLimited(false, retryAfterSeconds) })
      faults.add({ count, match: take(V2), reply: rateLimited(true, retryAfterSeconds) })
    },
    garbageNext(count, match) {
      faults.add({
        count,
        match: req => isApi(req) && (!match || match(req)),
        reply: { status: 200, headers: { 'content-type': 'application/json' }, body: '<html>¯\\_(ツ)_/¯' }
      })
    }
  }
  const store = new Store()

  function reserve(key: string, version: string): CacheEntry | null {
    if (state.entries.some(e => e.key === key && e.version === version)) return null
    const id = nextId++
    const e: CacheEntry = {
      id,
      key,
      version,
      seq: 0,
      size: 0,
      committed: false,
      created: new Date(),
      chunks: [],
      blobPath: `/cache-blobs/${id}`
    }
    state.entries.push(e)
    return e
  }
  function commit(e: CacheEntry, data: Buffer): void {
    e.committed = true
    e.seq = ++seq
    e.size = data.length
    e.created = new Date()
    store.signBlob(e.blobPath, origin)
    store.blobs.get(e.blobPath)!.data = data
  }
  function archiveUrl(e: CacheEntry): string {
    return store.signBlob(e.blobPath, origin)
  }

  function v1(req: Req, rest: string): Reply {
    const q = req.query
    if (req.method === 'GET' && rest === 'cache') {
      const keys = (q.get('keys') ?? '').split(',').filter(Boolean)
      const hit = lookup(state.entries, keys, q.get('version') ?? '')
      if (!hit) return { status: 204 }
      return json(200, {
        cacheKey: hit.key,
        scope: 'refs/heads/main',
        cacheVersion: hit.version,
        creationTime: hit.created.toISOString(),
        archiveLocation: archiveUrl(hit)
      })
    }
    if (req.method === 'GET' && rest === 'caches') {
      const list = state.entries.filter(e => e.committed && e.key.startsWith(q.get('key') ?? ''))
      return json(200, {
        totalCount: list.length,
        artifactCaches: list.map(e => ({ cacheKey: e.key, cacheVersion: e.version, scope: 'refs/heads/main' }))
      })
    }
    if (req.method === 'POST' && rest === 'caches') {
      const b = parseJson(req)
      const e = reserve(String(b.key ?? ''), String(b.version ?? ''))
      if (!e)
        return json(409, {
          message: `Cache already exists. Scope: refs/heads/main, Key: ${String(b.key)}, Version: ${String(b.version)}`,
          typeKey: 'ArtifactCacheEntryAlreadyExistsException'
        })
      return json(201, { cacheId: e.id })
    }
    const m = /^caches\/(\d+)$/.exec(rest)
    const e = m ? state.entries.find(x => x.id === Number(m[1]) && !x.committed) : undefined
    if (m && !e) return json(404, { message: `cache ${m[1]} is not reserved` })
    if (e && req.method === 'PATCH') {
      const r = /^bytes (\d+)-(\d+)\/\*$/.exec(String(req.headers['content-range'] ?? ''))
      if (!r || Number(r[2]) - Number(r[1]) + 1 !== req.body.length) return json(400, { message: 'bad Content-Range' })
      e.chunks.push({ start: Number(r[1]), data: req.body })
      return { status: 204 }
    }
    if (e && req.method === 'POST') {
      const data = Buffer.concat(e.chunks.sort((a, b) => a.start - b.start).map(c => c.data))
      const size = Number(parseJson(req).size)
      if (size !== data.length) return json(400, { message: `size ${size} does not match uploaded ${data.length}` })
      commit(e, data)
      return { status: 204 }
    }
    return json(404, { message: `no route ${req.method} ${rest}` })
  }

  function v2(req: Req, method: string): Reply {
    const b = parseJson(req)
    const key = String(b.key ?? '')
    const version = String(b.version ?? '')
    if (method === 'CreateCacheEntry') {
      const e = reserve(key, version)
      if (!e) return json(409, { code: 'already_exists', msg: `cache entry with the same key, version, and scope already exists` })
      return json(200, { ok: true, signed_upload_url: store.signBlob(e.blobPath, origin) })
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const e = state.entries.find(x => x.key === key && x.version === version && !x.committed)
      const data = e && store.blobs.get(e.blobPath)?.data
      if (!e || !data) return json(200, { ok: false, message: 'no uploaded entry to finalize' })
      if (Number(b.size_bytes) !== data.length) return json(200, { ok: false, message: 'size mismatch' })
      commit(e, data)
      return json(200, { ok: true, entry_id: String(e.id) })
    }
    if (method === 'GetCacheEntryDownloadURL') {
      const keys = [key, ...(Array.isArray(b.restore_keys) ? b.restore_keys.map(String) : [])]
      const hit = lookup(state.entries, keys, version)
      if (!hit) return json(200, { ok: false })
      return json(200, { ok: true, signed_download_url: archiveUrl(hit), matched_key: hit.key })
    }
    return json(404, { code: 'bad_route', msg: `no method ${method}` })
  }

  function handler(req: Req): Reply {
    const blob = handleBlob(req, store.blobs)
    if (blob) {
      if (state.corruptArchives && req.method === 'GET' && blob.status < 300)
        return {
          ...blob,
          body: Buffer.from('not a tar archive at all'.repeat(40)),
          headers: { ...blob.headers, 'content-length': String(24 * 40) }
        }
      return blob
    }
    const auth = String(req.headers.authorization ?? '')
    if (!auth.startsWith('Bearer ') || (opts.token && auth !== `Bearer ${opts.token}`)) return json(401, { message: 'unauthorized' })
    if (req.path.startsWith(V1)) return v1(req, req.path.slice(V1.length))
    if (req.path.startsWith(V2) && req.method === 'POST') return v2(req, req.path.slice(V2.length))
    return json(404, { message: 'not found' })
  }

  const l = await serve(handler, faults, state.requests)
  origin = l.url
  return { url: `${l.url}/`, origin: l.url, state, answer: l.answer, close: l.close }
}
