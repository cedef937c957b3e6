// The build stage: the guest modules and the hosts, ready to run. Guest errors (a bad .wasm, no rustc with the
// wasm target) throw; a host that cannot be built becomes a failure and the others still build.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { BuildOutput } from '../types.js'
import type { BuildContext } from '../toolchains/context.js'
import { cacheRoot as defaultCacheRoot, platformTag } from '../toolchains/platform.js'
import { childEnv } from '../process/env.js'
import { TOOLCHAINS_FROM_PATH, type ToolchainSettings } from '../toolchains/setup.js'
import { WASMTIME_VERSION } from '../versions.js'
import { buildGuest } from './guest.js'
import { sha256, sourceFiles } from './hash.js'
import { buildHosts } from './hosts.js'
import { LAUNCHER_FOLDER } from './launcher.js'

export { buildGuest } from './guest.js'
export { buildHosts } from './hosts.js'
export { buildLauncher } from './launcher.js'
export type { BuildContext } from '../toolchains/context.js'

export interface BuildOptions {
  repoRoot: string
  hosts: string[]
  /** a user's guest crate, or null for the bundled guest/ */
  guest: string | null
  /** a prebuilt WASI command module (wins over guest) */
  wasm: string | null
  /** the ffi module is built either way; the measure stage decides whether to run it */
  ffi: boolean
  cacheRoot?: string
  log?: (message: string) => void
  /** the environment build processes start from (default process.env); PATH decides the toolchains */
  env?: NodeJS.ProcessEnv
  /** the Go and Python to set up for the hosts (default: those on PATH) */
  toolchains?: ToolchainSettings
  /** what host folders (hosts of the user's repository) resolve against (default: the working directory) */
  userRoot?: string
}

export function buildContext(opts: Pick<BuildOptions, 'repoRoot' | 'cacheRoot' | 'log' | 'env' | 'toolchains'>): BuildContext {
  const env = opts.env ?? process.env
  return {
    repoRoot: path.resolve(opts.repoRoot),
    cacheRoot: path.resolve(opts.cacheRoot ?? defaultCacheRoot(env, process.platform, os.homedir())),
    platform: process.platform,
    arch: process.arch,
    // Only the allow-list: toolchains are found on its PATH, and no build step sees a token (process/env.ts).
    env: childEnv(env),
    toolchains: opts.toolchains ?? TOOLCHAINS_FROM_PATH,
    log: opts.log ?? (() => {})
  }
}

export async function buildAll(opts: BuildOptions): Promise<BuildOutput> {
  const ctx = buildContext(opts)
  ctx.log(`build cache: ${ctx.cacheRoot}`)
  const guest = await buildGuest(ctx, { guest: opts.guest, wasm: opts.wasm })
  const { hosts, failures } = await buildHosts(opts.hosts, ctx, opts.userRoot)
  return { guest, hosts, failures }
}

/** The files whose contents decide what the build cache holds (absolute paths): the action's, then host folders'. */
export function cacheKeyFiles(repoRoot: string, hostFolders: string[] = []): string[] {
  const files: string[] = []
  for (const folder of ['guest', 'hosts', LAUNCHER_FOLDER, ...hostFolders.map(f => path.resolve(f))]) {
    const dir = path.resolve(repoRoot, folder)
    if (existsSync(dir)) files.push(...sourceFiles(dir).map(f => path.join(dir, ...f.split('/'))))
  }
  return files
}

/** What to persist with @actions/cache: built hosts, guest modules, the launcher and the wasmtime CLI (not cargo's target dir). */
export function cachePaths(cacheRoot: string): string[] {
  return ['hosts', 'guest', 'launcher', 'wasmtime-cli'].map(p => path.join(cacheRoot, p))
}

/**
 * An @actions/cache key for cachePaths: OS, arch, the pinned wasmtime version and the hash of cacheKeyFiles.
 * Restore with the prefix `wasm-ffi-bench-build-v1-<tag>-`: every folder inside is keyed on its own, so a
 * partly stale cache still saves the unchanged hosts.
 */
export async function cacheKey(
  repoRoot: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  hostFolders: string[] = []
): Promise<{ key: string; restorePrefix: string }> {
  const parts: string[] = [WASMTIME_VERSION]
  for (const file of cacheKeyFiles(repoRoot, hostFolders))
    parts.push(path.relative(repoRoot, file).split(path.sep).join('/'), sha256(await readFile(file)))
  const restorePrefix = `wasm-ffi-bench-build-v1-${platformTag(platform, arch)}-`
  return { key: `${restorePrefix}${sha256(parts.join('\n')).slice(0, 16)}`, restorePrefix }
}
