// The artifact half of the Actions results service as @actions/artifact 6 talks to it: Twirp JSON under
// /twirp/github.actions.results.api.v1.ArtifactService/*, plus the blob storage behind the signed URLs.
import { handleBlob } from './blob.js'
import { Faults, json, parseJson, serve, type Listening, type RecordedRequest, type Reply, type Req } from './http.js'
import { Store, type StoredArtifact } from './store.js'

const PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/'

export interface ArtifactServer {
  url: string
  store: Store
  faults: Faults
  requests: RecordedRequest[]
  /** faults, then the handler: the results service routes artifact requests here */
  answer: Listening['answer']
  close(): Promise<void>
}

function twirpError(status: number, code: string, msg: string): Reply {
  return json(status, { code, msg })
}

/** Decodes the bearer JWT's `Actions.Results:<run>:<job>` scope, the same claim the library reads. */
export function scopeOf(req: Req): { run: string; job: string } | null {
  const auth = String(req.headers.authorization ?? '')
  const token = auth.replace(/^Bearer\s+/i, '')
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { scp?: string }
    for (const s of (payload.scp ?? '').split(' ')) {
      const p = s.split(':')
      if (p[0] === 'Actions.Results' && p.length === 3) return { run: p[1], job: p[2] }
    }
  } catch {
    /* not a JWT */
  }
  return null
}

function monolith(a: StoredArtifact): object {
  return {
    workflow_run_backend_id: a.runBackendId,
    workflow_job_run_backend_id: a.jobBackendId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size),
    created_at: a.createdAt.toISOString(),
    ...(a.digest ? { digest: a.digest } : {})
  }
}

export async function startArtifactServer(opts: { store?: Store } = {}): Promise<ArtifactServer> {
  const store = opts.store ?? new Store()
  const faults = new Faults()
  const requests: RecordedRequest[] = []

  function handler(req: Req): Reply {
    const blob = handleBlob(req, store.blobs)
    if (blob) return blob
    if (req.method !== 'POST' || !req.path.startsWith(PREFIX)) return twirpError(404, 'bad_route', `no route ${req.path}`)
    const scope = scopeOf(req)
    if (!scope) return twirpError(401, 'unauthenticated', 'missing or invalid runtime token')
    const body = parseJson(req)
    const run = String(body.workflow_run_backend_id ?? '')
    const job = String(body.workflow_job_run_backend_id ?? '')
    const method = req.path.slice(PREFIX.length)
    // A token reads every artifact of its own run (other jobs' too), but writes only as its own job.
    const writes = method === 'CreateArtifact' || method === 'FinalizeArtifact'
    if (run !== scope.run || (writes && job !== scope.job))
      return twirpError(403, 'permission_denied', 'backend ids do not match the token')
    const info = store.runs.get(run)
    if (!info) return twirpError(404, 'not_found', `unknown workflow run ${run}`)
    const name = String(body.name ?? '')
    const ofRun = store.artifacts.filter(a => a.runBackendId === run)
    switch (method) {
      case 'CreateArtifact': {
        if (body.version !== 7) return twirpError(400, 'invalid_argument', `unsupported version ${String(body.version)}`)
        if (ofRun.some(a => a.name === name && a.finalized))
          return twirpError(409, 'already_exists', `an artifact with this name already exists on the workflow run`)
        const blobPath = `/devstoreaccount1/actions-results/${run}/${job}/${encodeURIComponent(name)}.zip`
        const existing = ofRun.find(a => a.name === name)
        if (!existing)
          store.artifacts.push({
            id: store.id(),
            runId: info.runId,
            runBackendId: run,
            jobBackendId: job,
            owner: info.owner,
            repo: info.repo,
            name,
            blobPath,
            size: 0,
            digest: null,
            createdAt: new Date(),
            finalized: false
          })
        return json(200, { ok: true, signed_upload_url: store.signBlob(blobPath) })
      }
      case 'FinalizeArtifact': {
        const a = ofRun.find(x => x.name === name && !x.finalized)
        if (!a) return twirpError(404, 'not_found', `artifact ${name} was not created`)
        const data = store.blobs.get(a.blobPath)?.data
        if (!data) return twirpError(400, 'failed_precondition', 'blob was not uploaded')
        if (Number(body.size) !== data.length) return twirpError(400, 'invalid_argument', `size ${String(body.size)} != ${data.length}`)
        a.size = data.length
        a.digest = typeof body.hash === 'string' ? body.hash : null
        a.finalized = true
        a.createdAt = new Date()
        return json(200, { ok: true, artifact_id: String(a.id) })
      }
      case 'ListArtifacts': {
        let list = ofRun.filter(a => a.finalized)
        if (typeof body.name_filter === 'string') list = list.filter(a => a.name === body.name_filter)
        if (body.id_filter !== undefined) list = list.filter(a => String(a.id) === String(body.id_filter))
        return json(200, { artifacts: list.map(monolith) })
      }
      case 'GetSignedArtifactURL': {
        const a = ofRun.find(x => x.name === name && x.jobBackendId === job && x.finalized)
        if (!a) return twirpError(404, 'not_found', `artifact ${name} not found`)
        return json(200, { signed_url: store.signBlob(a.blobPath) })
      }
      default:
        return twirpError(404, 'bad_route', `no method ${method}`)
    }
  }

  const l = await serve(handler, faults, requests)
  store.blobOrigin = l.url
  return { url: l.url, store, faults, requests, answer: l.answer, close: l.close }
}
