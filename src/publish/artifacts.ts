// Results travel between the matrix jobs and the report job as artifacts (@actions/artifact). Failures are
// warnings with reasons: a missing artifact must not crash the job that still has a summary to write.
import fs from 'node:fs'
import path from 'node:path'
import * as core from '@actions/core'
import { DefaultArtifactClient, type Artifact } from '@actions/artifact'
import { captureLibraryMessages } from './capture.js'

// The library logs its own "... failed with error" warning before rethrowing; the reason is returned instead.
const LIBRARY_FAILURE = /^(Artifact upload|Download Artifact|Listing Artifacts) failed with error/

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]
}

export async function uploadResults(
  name: string,
  files: string[],
  rootDir: string
): Promise<{ uploaded: boolean; id?: number; warning?: string }> {
  const existing = files.filter(f => fs.existsSync(f))
  if (existing.length === 0) return { uploaded: false, warning: `no results files to upload for ${name}` }
  try {
    const client = new DefaultArtifactClient()
    const { value } = await captureLibraryMessages(() => client.uploadArtifact(name, existing, rootDir), LIBRARY_FAILURE)
    return { uploaded: true, id: value.id }
  } catch (error) {
    return { uploaded: false, warning: `artifact ${name} not uploaded: ${message(error)}` }
  }
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? listFiles(p) : e.isFile() ? [p] : []
  })
}

/** Bounds on what a report job downloads: artifacts may come from a fork's run. */
export interface DownloadLimits {
  /** artifacts read at most (default 16: one per OS and arch) */
  maxArtifacts?: number
  /** the largest artifact (zipped) downloaded (default 64 MiB) */
  maxArtifactBytes?: number
}

export interface DownloadOptions {
  runId?: number
  owner?: string
  repo?: string
  token?: string
  namePrefix: string
  onWarning?: (message: string) => void
  limits?: DownloadLimits
}

type FindBy = { token: string; workflowRunId: number; repositoryOwner: string; repositoryName: string }

// An artifact name becomes a folder name: nothing that could climb out of destDir.
const SAFE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/

/** How to reach another run's artifacts (REST API, token), undefined for this run's, or a reason it cannot. */
function findByOf(opts: DownloadOptions): FindBy | undefined | string {
  if (opts.runId === undefined) return undefined
  const [envOwner, envRepo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/')
  const owner = opts.owner ?? envOwner
  const repo = opts.repo ?? envRepo
  if (!opts.token || !owner || !repo) return `cannot download the artifacts of run ${opts.runId}: a token, owner and repo are required`
  return { token: opts.token, workflowRunId: opts.runId, repositoryOwner: owner, repositoryName: repo }
}

/** The files of one artifact, or a reason to skip it. Its content must match the digest recorded at upload. */
async function downloadOne(
  client: DefaultArtifactClient,
  a: Artifact,
  dir: string,
  findBy: FindBy | undefined
): Promise<string[] | string> {
  try {
    fs.mkdirSync(dir, { recursive: true })
    const options = { path: dir, ...(a.digest ? { expectedHash: a.digest } : {}), ...(findBy ? { findBy } : {}) }
    const { value } = await captureLibraryMessages(() => client.downloadArtifact(a.id, options), LIBRARY_FAILURE)
    if (!value.digestMismatch) return listFiles(dir)
    // The library extracts before it compares: what it extracted must not be read.
    fs.rmSync(dir, { recursive: true, force: true })
    return `artifact ${a.name}: its content does not match the digest recorded at upload; skipped`
  } catch (error) {
    return `artifact ${a.name} not downloaded: ${message(error)}`
  }
}

/**
 * Downloads every artifact whose name starts with `namePrefix` into `destDir/<artifact name>/` and returns the
 * files. Without `runId` it reads the current run (runtime token); with it, another run through the public REST
 * API (`findBy`, needs a token with actions:read). Note: @actions/github reads GITHUB_API_URL when first imported.
 * Artifacts are counted and size-capped; one whose digest does not match is removed and skipped.
 */
export async function downloadAllResults(destDir: string, opts: DownloadOptions = { namePrefix: '' }): Promise<string[]> {
  const warn = opts.onWarning ?? ((m: string) => core.warning(m))
  const maxArtifacts = opts.limits?.maxArtifacts ?? 16
  const maxBytes = opts.limits?.maxArtifactBytes ?? 64 * 1024 * 1024
  const findBy = findByOf(opts)
  if (typeof findBy === 'string') {
    warn(findBy)
    return []
  }
  const client = new DefaultArtifactClient()
  let artifacts: Artifact[]
  try {
    const { value } = await captureLibraryMessages(
      () => client.listArtifacts({ latest: true, ...(findBy ? { findBy } : {}) }),
      LIBRARY_FAILURE
    )
    artifacts = value.artifacts.filter(a => a.name.startsWith(opts.namePrefix)).sort((x, y) => x.name.localeCompare(y.name))
  } catch (error) {
    warn(`cannot list the artifacts of ${findBy ? `run ${findBy.workflowRunId}` : 'this run'}: ${message(error)}`)
    return []
  }
  if (artifacts.length > maxArtifacts) {
    warn(`${artifacts.length} artifacts named ${opts.namePrefix}*: only the first ${maxArtifacts} are read`)
    artifacts = artifacts.slice(0, maxArtifacts)
  }
  const files: string[] = []
  for (const a of artifacts) {
    const got = !SAFE_NAME.test(a.name)
      ? `artifact ${JSON.stringify(a.name.slice(0, 100))}: not a plain file name; skipped`
      : a.size > maxBytes
        ? `artifact ${a.name}: ${a.size} bytes, more than the ${maxBytes} allowed; skipped`
        : await downloadOne(client, a, path.join(destDir, a.name), findBy)
    if (typeof got === 'string') warn(got)
    else files.push(...got)
  }
  return files
}
