// The CLI's `--compare-with REF`: any git ref the user's repository knows, resolved to a full commit id.
import { runGit, type GitOptions } from './git.js'

/** A `--compare-with` value that is not a commit: the CLI prints the message and exits 1, no stack trace. */
export class CompareRefError extends Error {
  constructor(
    readonly ref: string,
    readonly repo: string,
    detail = `is not a commit in ${repo}`
  ) {
    super(`--compare-with "${ref}" ${detail}`)
    this.name = 'CompareRefError'
  }
}

/** The repository's top-level directory, or null when dir is not inside a git work tree. */
export async function findWorkspace(dir: string, options: GitOptions = {}): Promise<string | null> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel'], options)
  return result.ok ? result.stdout.trim() : null
}

/** The full commit id of ref in the repository at repoDir; throws CompareRefError when there is none. */
export async function resolveRef(repoDir: string, ref: string, options: GitOptions = {}): Promise<string> {
  if (!ref.trim()) throw new CompareRefError(ref, repoDir, 'is empty: name a branch, tag or commit')
  // --end-of-options: a ref that starts with "-" is a ref, never an option.
  const result = await runGit(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], options)
  if (result.ok) return result.stdout.trim()
  if (result.spawnError || result.timedOut) {
    throw new CompareRefError(
      ref,
      repoDir,
      `could not be resolved: ${result.spawnError ? `git could not start (${result.spawnError})` : 'git timed out'}`
    )
  }
  const workspace = await findWorkspace(repoDir, options)
  throw new CompareRefError(
    ref,
    repoDir,
    workspace ? `is not a commit in ${workspace}` : `needs a git repository: ${repoDir} is not in one`
  )
}
