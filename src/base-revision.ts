// The base revision of a same-job comparison, ready for the pipeline: materialised outside the workspace, with
// the trees its guest and hosts build from. Anything that fails becomes a note, and the stored baseline is used.
import type { BaseRevision, BenchmarkContext, Logger } from './pipeline.js'
import { materialiseRevision, revisionDestDir, revisionTrees, type Comparison } from './revision/index.js'

export interface PreparedBase {
  base: BenchmarkContext['base']
  /** whether the stored baseline is compared (or shown as context): not with `compare: none` */
  useStored: boolean
  /** removes the materialised tree; call it when the run is done */
  cleanup: () => Promise<void>
}

export interface PrepareOptions {
  /** the repository under test: GITHUB_WORKSPACE on runners, the git top level in the CLI */
  workspace: string
  /** the action's own checkout (findRepoRoot) */
  actionRoot: string
  guest: string | null
  wasm: string | null
  /** the `hosts` entries that are host folders of the repository (relative to the working directory) */
  hostFolders?: string[]
  log: Logger
}

const nothing = async (): Promise<void> => {}

export async function prepareBase(choice: Comparison, opts: PrepareOptions): Promise<PreparedBase> {
  if (choice.kind === 'none') return { base: null, useStored: false, cleanup: nothing }
  if (choice.kind === 'baseline') return { base: null, useStored: true, cleanup: nothing }
  const fallback = (reason: string): PreparedBase => {
    const note = `${choice.why}: ${reason}; compared with the stored baseline instead`
    opts.log.warning(note)
    return { base: { note }, useStored: true, cleanup: nothing }
  }
  const materialised = await materialiseRevision({ repoDir: opts.workspace, sha: choice.sha, destDir: revisionDestDir(choice.sha) })
  if (!materialised.ok) return fallback(materialised.reason)
  const cleanup = async (): Promise<void> => {
    const left = await materialised.cleanup()
    if (left) opts.log.warning(left)
  }
  const trees = revisionTrees({
    actionRoot: opts.actionRoot,
    workspace: opts.workspace,
    revisionRoot: materialised.root,
    guest: opts.guest,
    wasm: opts.wasm,
    hostFolders: opts.hostFolders ?? []
  })
  if (!trees.ok) {
    await cleanup()
    return fallback(trees.reason)
  }
  opts.log.info(`${choice.why}: measured in this job from ${materialised.root} (hosts from the ${trees.hostsFrom}'s tree)`)
  const base: BaseRevision = {
    sha: materialised.sha,
    source: choice.label,
    repoRoot: trees.repoRoot,
    guest: trees.guest,
    wasm: trees.wasm,
    userRoot: trees.userRoot
  }
  return { base, useStored: true, cleanup }
}
