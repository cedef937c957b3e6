// In-memory state shared by the artifact service (Twirp + blob) and the GitHub REST server, so an artifact
// uploaded by one "job" can be listed by another job of the run and, by run id, through the public REST API.
import crypto from 'node:crypto'

export interface StoredBlob {
  /** the `sig` query parameter the signed URL carries; requests without it are refused */
  sig: string
  blocks: Map<string, Buffer>
  data: Buffer | null
  contentType: string
}

export interface StoredArtifact {
  id: number
  runId: number
  runBackendId: string
  jobBackendId: string
  owner: string
  repo: string
  name: string
  blobPath: string
  size: number
  digest: string | null
  createdAt: Date
  finalized: boolean
  /** past its retention: listed with expired: true, its zip answers 410 Gone */
  expired?: boolean
}

export interface RunInfo {
  runId: number
  backendId: string
  owner: string
  repo: string
  headSha: string
  event: string
  pullRequests: number[]
  /** the workflow that ran it (GET .../actions/workflows/{id}/runs lists by it) */
  workflowId: number
  /** its head branch, and how it concluded */
  branch: string
  conclusion: 'success' | 'failure'
  createdAt: Date
}

export class Store {
  readonly blobs = new Map<string, StoredBlob>()
  readonly artifacts: StoredArtifact[] = []
  readonly runs = new Map<string, RunInfo>()
  /** origin of the server that serves blobs (set by the artifact server when it starts) */
  blobOrigin = ''
  private nextId = 1000

  /** A run the backend knows; its backend id is what the runtime token's `Actions.Results` scope names. */
  registerRun(r: {
    runId: number
    owner: string
    repo: string
    headSha?: string
    event?: string
    pullRequests?: number[]
    workflowId?: number
    branch?: string
    conclusion?: 'success' | 'failure'
  }): RunInfo {
    for (const run of this.runs.values()) if (run.runId === r.runId) return run
    const hex = r.runId.toString(16).padStart(12, '0')
    const info: RunInfo = {
      runId: r.runId,
      backendId: `00000000-0000-4000-8000-${hex}`,
      owner: r.owner,
      repo: r.repo,
      headSha: r.headSha ?? '0'.repeat(40),
      event: r.event ?? 'push',
      pullRequests: r.pullRequests ?? [],
      workflowId: r.workflowId ?? 1,
      branch: r.branch ?? 'main',
      conclusion: r.conclusion ?? 'success',
      // runs are numbered in the order they started
      createdAt: new Date(Date.UTC(2026, 0, 1) + r.runId * 60_000)
    }
    this.runs.set(info.backendId, info)
    return info
  }

  runById(runId: number): RunInfo | undefined {
    for (const run of this.runs.values()) if (run.runId === runId) return run
    return undefined
  }

  id(): number {
    return this.nextId++
  }

  /** Creates (or re-signs) a blob and returns its signed URL, as the results service hands out SAS URLs. */
  signBlob(blobPath: string, origin = this.blobOrigin): string {
    let blob = this.blobs.get(blobPath)
    if (!blob) {
      blob = { sig: crypto.randomBytes(12).toString('hex'), blocks: new Map(), data: null, contentType: 'application/octet-stream' }
      this.blobs.set(blobPath, blob)
    }
    const expires = new Date(Date.now() + 3600_000).toISOString()
    return `${origin}${blobPath}?sv=2021-08-06&se=${encodeURIComponent(expires)}&sr=b&sp=rcw&sig=${blob.sig}`
  }
}
