// The other revision's files, outside the workspace: fetched shallowly when the clone lacks the commit, then
// checked out with `git worktree add --detach`.
//
// Why a worktree and not `git archive | tar -x`: one git command and no tar; it needs only the commit and its
// tree, so it works in a shallow clone (and fetches missing blobs lazily in a partial clone); and it checks files
// out exactly as the head was checked out (core.autocrlf, LFS and other filters from the clone's configuration)
// where an archive would drop `export-ignore` paths and skip those filters. It does write an entry under
// .git/worktrees, which the cleanup removes (and `git worktree prune` forgets if a job dies first).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gitFailure, isFullSha, NETWORK_TIMEOUT, runGit, type GitOptions } from './git.js'

export interface MaterialiseOptions {
  /** the clone that knows (or can fetch from its `origin`) the commit */
  repoDir: string
  /** the full commit id to materialise */
  sha: string
  /** an empty or absent directory outside the workspace (revisionDestDir makes one); removed when this fails */
  destDir: string
  git?: GitOptions
}

export type Materialised =
  | {
      ok: true
      /** the root of the revision's tree */
      root: string
      /** the commit checked out there */
      sha: string
      /** whether the commit had to be fetched from origin */
      fetched: boolean
      /** removes the tree and its worktree entry; never throws, returns a warning when something is left */
      cleanup: () => Promise<string | null>
    }
  /** one line saying why; the caller falls back to the cached baseline with a warning */
  | { ok: false; reason: string }

/** A fresh empty directory for a revision's tree: under RUNNER_TEMP on runners, the system's temp dir locally. */
export function revisionDestDir(sha: string, env: NodeJS.ProcessEnv = process.env): string {
  const parent = env.RUNNER_TEMP || os.tmpdir()
  return mkdtempSync(path.join(parent, `wasm-ffi-bench-${sha.slice(0, 12)}-`))
}

export async function materialiseRevision(options: MaterialiseOptions): Promise<Materialised> {
  const { repoDir, sha, git } = options
  const short = typeof sha === 'string' ? sha.slice(0, 12) : ''
  if (!isFullSha(sha)) return { ok: false, reason: `"${short}" is not a full commit id` }
  const destDir = path.resolve(options.destDir)
  // Only a directory that holds nothing is ours to check out into and to delete again.
  if (!isEmptyOrAbsent(destDir)) return { ok: false, reason: `${destDir} is not an empty directory` }
  const cleanup = () => removeRevision(repoDir, destDir, git)
  const fail = async (reason: string): Promise<Materialised> => {
    await cleanup()
    return { ok: false, reason }
  }
  const present = await hasCommit(repoDir, sha, git)
  if (!present) {
    const fetch = ['fetch', '--depth=1', '--no-tags', '--quiet', 'origin', sha]
    const fetched = await runGit(repoDir, fetch, git, NETWORK_TIMEOUT)
    if (!fetched.ok) return fail(`cannot fetch ${short} from origin: ${gitFailure(fetch, fetched, NETWORK_TIMEOUT)}`)
    if (!(await hasCommit(repoDir, sha, git))) return fail(`${short} is not a commit in origin`)
  }
  // No hooks in a tree that is only built and measured: a user's post-checkout hook has no business there.
  const add = ['-c', `core.hooksPath=${os.devNull}`, 'worktree', 'add', '--quiet', '--detach', destDir, sha]
  const added = await runGit(repoDir, add, git, NETWORK_TIMEOUT)
  if (!added.ok) return fail(`cannot check out ${short}: ${gitFailure(add.slice(2), added, NETWORK_TIMEOUT)}`)
  const head = await runGit(destDir, ['rev-parse', '--verify', 'HEAD'], git)
  const checkedOut = head.stdout.trim()
  if (!head.ok || checkedOut !== sha) return fail(`checking out ${short} gave ${checkedOut.slice(0, 12) || 'no commit'}`)
  return { ok: true, root: destDir, sha: checkedOut, fetched: !present, cleanup }
}

function isEmptyOrAbsent(dir: string): boolean {
  try {
    return !existsSync(dir) || readdirSync(dir).length === 0
  } catch {
    return false
  }
}

async function hasCommit(repoDir: string, sha: string, git: GitOptions | undefined): Promise<boolean> {
  return (await runGit(repoDir, ['cat-file', '-e', `${sha}^{commit}`], git)).ok
}

/** Removes the worktree and whatever git leaves behind, then forgets it. */
async function removeRevision(repoDir: string, destDir: string, git: GitOptions | undefined): Promise<string | null> {
  // remove fails harmlessly when the checkout itself failed; prune then forgets the entry of the deleted directory.
  await runGit(repoDir, ['worktree', 'remove', '--force', destDir], git)
  try {
    rmSync(destDir, { recursive: true, force: true, maxRetries: 3 })
  } catch (error) {
    return `cannot delete ${destDir}: ${(error as Error).message}`
  }
  const prune = ['worktree', 'prune']
  const pruned = await runGit(repoDir, prune, git)
  return pruned.ok ? null : `cannot forget the worktree ${destDir}: ${gitFailure(prune, pruned)}`
}
