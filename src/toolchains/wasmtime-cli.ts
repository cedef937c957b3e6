// The wasmtime CLI of the pinned version (the `native` host): from the local cache, the official release
// asset on GitHub runners (used only when its sha256 matches the pinned one), or `cargo install` of that version.
import { copyFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { WASMTIME_ASSET_SHA256, WASMTIME_VERSION } from '../versions.js'
import { MINUTE, type BuildContext } from './context.js'
import { describeFailure, exec, findOnPath } from '../process/exec.js'
import { envValue, exeName, wasmtimeAsset, wasmtimeCliDir } from './platform.js'
import { downloadVerified } from './verified-download.js'

export interface WasmtimeCli {
  path: string
  version: string
  /** how this binary was made: the release asset, or cargo install with its features and rustc */
  build: string
}

/** Written next to bin/ when the binary is the release asset (cargo install leaves its own .crates2.json). */
const RELEASE_MARKER = 'release.json'

/** `cargo install` features: what `wasmtime run` needs, without the rest (keep in sync with the cache). */
const CLI_FEATURES = 'run,cranelift,cache,parallel-compilation,pooling-allocator,wat,component-model'

export function cargoInstallArgs(root: string, cacheRoot: string, version: string = WASMTIME_VERSION): string[] {
  return [
    'install',
    'wasmtime-cli',
    '--version',
    `=${version}`,
    '--locked',
    '--no-default-features',
    '--features',
    CLI_FEATURES,
    '--root',
    root,
    '--target-dir',
    path.join(cacheRoot, 'cargo-target')
  ]
}

export async function ensureWasmtimeCli(ctx: BuildContext, version: string = WASMTIME_VERSION): Promise<WasmtimeCli> {
  const root = wasmtimeCliDir(ctx.cacheRoot, ctx.platform, ctx.arch, version)
  const local = path.join(root, 'bin', exeName('wasmtime', ctx.platform))
  if (existsSync(local)) {
    const found = await cliVersion(local, ctx)
    if (found === version) return { path: local, version, build: describeCliBuild(root) }
    ctx.log(`wasmtime CLI: ${local} reports ${found ?? 'no version'}, not ${version}; installing again`)
  }

  let downloadError: string | null = null
  if (envValue(ctx.env, 'GITHUB_ACTIONS', ctx.platform) === 'true') {
    try {
      await downloadRelease(ctx, version, local)
      return await verified(root, version, ctx)
    } catch (error) {
      downloadError = (error as Error).message
      ctx.log(`wasmtime CLI: release download failed (${downloadError}); falling back to cargo install`)
    }
  }
  rmSync(path.join(root, RELEASE_MARKER), { force: true })
  await cargoInstall(ctx, root, version, downloadError)
  return await verified(root, version, ctx)
}

async function verified(root: string, version: string, ctx: BuildContext): Promise<WasmtimeCli> {
  const cli = path.join(root, 'bin', exeName('wasmtime', ctx.platform))
  const found = await cliVersion(cli, ctx)
  if (found !== version) throw new Error(`wasmtime CLI: ${cli} reports version ${found ?? '(none)'}, expected ${version}`)
  return { path: cli, version, build: describeCliBuild(root) }
}

interface CargoInstall {
  features?: string[]
  no_default_features?: boolean
  rustc?: string
}

/** How the CLI under `root` was made, from what the release download or `cargo install --root` left there. */
export function describeCliBuild(root: string): string {
  const read = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as unknown
    } catch {
      return null
    }
  }
  const release = read(RELEASE_MARKER) as { asset?: unknown } | null
  if (typeof release?.asset === 'string') return `release asset ${release.asset}`
  const installs = (read('.crates2.json') as { installs?: Record<string, CargoInstall> } | null)?.installs ?? {}
  const entry = Object.entries(installs).find(([crate]) => crate.startsWith('wasmtime-cli '))?.[1]
  if (!entry) return 'unknown (not installed by wasm-ffi-bench)'
  const features = entry.no_default_features ? `features ${(entry.features ?? []).join(',')} only` : 'default features'
  const rustc = (entry.rustc ?? '').split(/\r?\n/)[0] || 'rustc unknown'
  return `cargo install, ${features}, ${rustc}`
}

/** "wasmtime 39.0.1 (abc 2025-01-01)" -> "39.0.1" */
export function parseWasmtimeVersion(output: string): string | null {
  return /wasmtime(?:-cli)? (\d+\.\d+\.\d+\S*)/.exec(output)?.[1] ?? null
}

async function cliVersion(cli: string, ctx: BuildContext): Promise<string | null> {
  const result = await exec(cli, ['--version'], { env: ctx.env, timeoutMs: MINUTE })
  return result.ok ? parseWasmtimeVersion(result.stdout) : null
}

async function downloadRelease(ctx: BuildContext, version: string, target: string): Promise<void> {
  const asset = wasmtimeAsset(version, ctx.platform, ctx.arch)
  if (!asset) throw new Error(`no release asset for ${ctx.platform}-${ctx.arch}`)
  const tc = await import('@actions/tool-cache')
  let toolDir = tc.find('wasmtime', version, ctx.arch)
  if (!toolDir) {
    const sha256 = WASMTIME_ASSET_SHA256[asset.name]
    if (!sha256) throw new Error(`no pinned sha256 for ${asset.name} in src/versions.ts`)
    ctx.log(`wasmtime CLI: downloading ${asset.url}`)
    const archive = await downloadVerified(asset.url, sha256, asset.name)
    const extracted = asset.archive === 'zip' ? await tc.extractZip(archive) : await tc.extractTar(archive, undefined, ['xJ'])
    toolDir = await tc.cacheDir(path.join(extracted, asset.dir), 'wasmtime', version, ctx.arch)
  }
  const binary = path.join(toolDir, exeName('wasmtime', ctx.platform))
  if (!existsSync(binary)) throw new Error(`${asset.name} has no ${exeName('wasmtime', ctx.platform)}`)
  // A copy in the cache root, so that @actions/cache persists it with the built hosts.
  mkdirSync(path.dirname(target), { recursive: true })
  copyFileSync(binary, target)
  if (ctx.platform !== 'win32') chmodSync(target, 0o755)
  writeFileSync(path.join(path.dirname(path.dirname(target)), RELEASE_MARKER), `${JSON.stringify({ asset: asset.name, url: asset.url })}\n`)
}

async function cargoInstall(ctx: BuildContext, root: string, version: string, downloadError: string | null): Promise<void> {
  const cargo = findOnPath('cargo', ctx.env, ctx.platform)
  if (!cargo) {
    const why = downloadError ? `the release download failed (${downloadError}) and ` : ''
    throw new Error(
      `wasmtime CLI: ${why}cargo is not on PATH to build it (install Rust with rustup, or put wasmtime ${version} at ${path.join(root, 'bin')})`
    )
  }
  const args = cargoInstallArgs(root, ctx.cacheRoot, version)
  ctx.log(`wasmtime CLI: cargo ${args.join(' ')} (this takes several minutes, once)`)
  const timeoutMs = 90 * MINUTE
  const result = await exec(cargo, args, {
    env: ctx.env,
    timeoutMs,
    onLine: line => {
      if (/^\s*(Installing|Installed|error)/.test(line)) ctx.log(line.trim())
    }
  })
  if (!result.ok) throw new Error(describeFailure('wasmtime CLI: cargo install wasmtime-cli', result, timeoutMs))
}
