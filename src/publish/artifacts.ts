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

// An artifact name becomes a folder name: nothing that could climb out of destDir.
const SAFE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/

/**
 * Downloads every artifact whose name starts with `namePrefix` into `destDir/<artifact name>/` and returns the
 * files. Without `runId` it reads the current run (runtime token); with it, another run through the public REST
 * API (`findBy`, needs a token with actions:read). Note: @actions/github reads GITHUB_API_URL when first imported.
 * An artifact whose content does not match the digest recorded at upload is removed and skipped.
 */
export async function downloadAllResults(
  destDir: string,
  opts: {
    runId?: number
    owner?: string
    repo?: string
    token?: string
    namePrefix: string
    onWarning?: (message: string) => void
    limits?: DownloadLimits
  } = {
    namePrefix: ''
  }
): Promise<string[]> {
  const warn = opts.onWarning ?? ((m: string) => core.warning(m))
  const maxArtifacts = opts.limits?.maxArtifacts ?? 16
  const maxBytes = opts.limits?.maxArtifactBytes ?? 64 * 1024 * 1024
  const [envOwner, envRepo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/')
  let findBy: { token: string; workflowRunId: number; repositoryOwner: string; repositoryName: string } | undefined
  if (opts.runId !== undefined) {
    const owner = opts.owner ?? envOwner
    const repo = opts.repo ?? envRepo
    if (!opts.token || !owner || !repo) {
      warn(`cannot download the artifacts of run ${opts.runId}: a token, owner and repo are required`)
      return []
    }
    findBy = { token: opts.token, workflowRunId: opts.runId, repositoryOwner: owner, repositoryName: repo }
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
    if (!SAFE_NAME.test(a.name)) {
      warn(`artifact ${JSON.stringify(a.name.slice(0, 100))}: not a plain file name; skipped`)
      continue
    }
    if (a.size > maxBytes) {
      warn(`artifact ${a.name}: ${a.size} bytes, more than the ${maxBytes} allowed; skipped`)
      continue
    }
    const dir = path.join(destDir, a.name)
    try {
      fs.mkdirSync(dir, { recursive: true })
      const { value } = await captureLibraryMessages(
        () => client.downloadArtifact(a.id, { path: dir, ...(a.digest ? { expectedHash: a.digest } : {}), ...(findBy ? { findBy } : {}) }),
        LIBRARY_FAILURE
      )
      if (value.digestMismatch) {
        // The library extracts before it compares: what it extracted must not be read.
        fs.rmSync(dir, { recursive: true, force: true })
        warn(`artifact ${a.name}: its content does not match the digest recorded at upload; skipped`)
        continue
      }
      files.push(...listFiles(dir))
    } catch (error) {
      warn(`artifact ${a.name} not downloaded: ${message(error)}`)
    }
  }
  return files
}
