// Which tree the other revision's programs are built from.
// Its guest is the same `guest`/`wasm` input, found at the same place inside its tree. Its hosts come from its
// tree when the repository holds the host programs (wasm-ffi-bench measuring itself: the action's root is the
// workspace); otherwise from the action's own checkout, the same host programs for both revisions.
import { existsSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

export interface RevisionTreesInput {
  /** the action's own checkout (guest/ and hosts/), as findRepoRoot() gives it */
  actionRoot: string
  /** the repository under test: GITHUB_WORKSPACE on runners, the git top level in the CLI */
  workspace: string
  /** the other revision's materialised tree */
  revisionRoot: string
  /** the `guest` and `wasm` inputs as given (relative to cwd, or absolute) */
  guest: string | null
  wasm: string | null
  /** host folders of the repository among the `hosts` (relative to cwd): the other revision builds its own */
  hostFolders?: string[]
  /** what relative inputs are relative to (default process.cwd()) */
  cwd?: string
}

export type RevisionTrees =
  | {
      ok: true
      /** the repoRoot to build the other revision's hosts (and the bundled guest, when no input names one) from */
      repoRoot: string
      hostsFrom: 'revision' | 'action'
      /** the `guest` and `wasm` inputs for the other revision's build */
      guest: string | null
      wasm: string | null
      /** where host folders resolve in the other revision's tree: the place of cwd inside it */
      userRoot: string
    }
  /** nothing of the other revision can be built: one line saying why */
  | { ok: false; reason: string }

export function revisionTrees(input: RevisionTreesInput): RevisionTrees {
  const cwd = input.cwd ?? process.cwd()
  const isActionRepo = samePath(input.actionRoot, input.workspace)
  const hostsFrom = isActionRepo && holdsHostPrograms(input.revisionRoot) ? 'revision' : 'action'
  const repoRoot = hostsFrom === 'revision' ? input.revisionRoot : input.actionRoot
  const where = insideRevision(input, cwd)
  const userRoot = where.ok ? where.path : input.revisionRoot
  const hostFolders = input.hostFolders ?? []
  for (const folder of hostFolders) {
    const inside = insideRevision(input, path.resolve(cwd, folder))
    if (!inside.ok) return { ok: false, reason: `host folder "${folder}" ${inside.reason}` }
  }
  if (input.wasm) {
    const wasm = insideRevision(input, path.resolve(cwd, input.wasm))
    if (!wasm.ok) return { ok: false, reason: `wasm "${input.wasm}" ${wasm.reason}` }
    if (!isFile(wasm.path)) return { ok: false, reason: `wasm "${input.wasm}" is not a file in the other revision (a build output?)` }
    return { ok: true, repoRoot, hostsFrom, guest: null, wasm: wasm.path, userRoot }
  }
  if (input.guest) {
    const guest = insideRevision(input, path.resolve(cwd, input.guest))
    if (!guest.ok) return { ok: false, reason: `guest "${input.guest}" ${guest.reason}` }
    if (!isFile(path.join(guest.path, 'Cargo.toml'))) {
      return { ok: false, reason: `guest "${input.guest}" is not a Rust crate (no Cargo.toml) in the other revision` }
    }
    return { ok: true, repoRoot, hostsFrom, guest: guest.path, wasm: null, userRoot }
  }
  // The bundled guest: the other revision's own, or none to build when it comes from the action's checkout.
  // The bundled guest, the same for both, still runs the repository's own host folders.
  if (hostsFrom === 'revision' || hostFolders.length > 0) return { ok: true, repoRoot, hostsFrom, guest: null, wasm: null, userRoot }
  if (isActionRepo) return { ok: false, reason: 'the other revision has no guest/ and hosts/ to build' }
  return { ok: false, reason: 'the repository holds neither the guest nor the hosts: both revisions would run the same programs' }
}

/** The same place inside the other revision's tree, for a path inside the workspace. */
function insideRevision(input: RevisionTreesInput, file: string): { ok: true; path: string } | { ok: false; reason: string } {
  const relative = path.relative(realPath(input.workspace), realPath(file))
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { ok: false, reason: `is outside the repository (${input.workspace}), so the other revision has no copy of its own` }
  }
  return { ok: true, path: path.join(input.revisionRoot, relative) }
}

/** The tree holds wasm-ffi-bench's own programs, as findRepoRoot recognises the action's checkout. */
function holdsHostPrograms(root: string): boolean {
  return existsSync(path.join(root, 'hosts')) && existsSync(path.join(root, 'guest'))
}

function samePath(a: string, b: string): boolean {
  return realPath(a) === realPath(b)
}

/** Symlinks resolved (macOS's /var is /private/var), so that equal places compare equal. */
function realPath(p: string): string {
  try {
    return realpathSync.native(p)
  } catch {
    return path.resolve(p)
  }
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile()
}
