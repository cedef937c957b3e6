// Builds the hosts of the registry into <cacheRoot>/hosts/<name>-<platformTag>-<hash16>/, keyed by the host
// folder's files and the toolchain (versions and programs). A folder with `built.json` (written last) is never
// built again. Each host carries the record of its toolchain and the environment its toolchain needs.
// One host's failure never stops the others: it becomes a BuildFailure with the reason.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { BuildFailure, RunnableHost } from '../types.js'
import { MINUTE, type BuildContext } from '../toolchains/context.js'
import { describeFailure, exec } from '../process/exec.js'
import { platformTag } from '../toolchains/platform.js'
import { HOST_NAMES, HOSTS, hostSpec, type HostSpec, type Toolchain } from '../host-registry.js'
import { isHostFolder, ManifestError, nameOfBroken, readManifest } from './manifest.js'
import { userHostSpec } from './user-host.js'
import { formatToolchain } from '../toolchains/record.js'
import { hashTree } from './hash.js'

export interface HostBuildResult {
  hosts: RunnableHost[]
  failures: BuildFailure[]
}

interface BuiltMarker {
  name: string
  key: string
  toolchain: Record<string, string>
  runtime: string
  version: string
  built_at: string
}

const PROBE_TIMEOUT = 2 * MINUTE

/**
 * `names`: bundled host names, and folders of hosts of the user's repository (paths with a manifest), which
 * resolve against `userRoot` (default: the working directory; the base revision's own tree for the base).
 */
export async function buildHosts(names: string[], ctx: BuildContext, userRoot: string = process.cwd()): Promise<HostBuildResult> {
  const hosts: RunnableHost[] = []
  const failures: BuildFailure[] = []
  for (const entry of names) {
    const found = specOf(entry, userRoot)
    if ('error' in found) {
      ctx.log(`${entry}: failed: ${found.error}`)
      failures.push({ name: found.name, error: found.error })
      continue
    }
    const spec = found.spec
    const name = spec.name
    if (hosts.some(h => h.name === name)) {
      failures.push({ name, error: `${entry}: the name "${name}" is taken by another host of this run` })
      continue
    }
    const started = Date.now()
    try {
      const host = await buildHost(spec, ctx)
      ctx.log(`${name}: ready, ${host.runtime} ${host.version} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      hosts.push(host)
    } catch (error) {
      const message = (error as Error).message
      ctx.log(`${name}: failed: ${message}`)
      failures.push({ name, error: message })
    }
  }
  return { hosts, failures }
}

/** A bundled host's entry, or a host folder's manifest turned into one; what is wrong with it otherwise. */
function specOf(entry: string, userRoot: string): { spec: HostSpec } | { name: string; error: string } {
  if (!isHostFolder(entry)) {
    const spec = hostSpec(entry)
    return spec ? { spec } : { name: entry, error: `unknown host (known: ${HOSTS.map(h => h.name).join(', ')}, or a host folder)` }
  }
  const folder = path.resolve(userRoot, entry)
  try {
    return { spec: userHostSpec(readManifest(folder, entry, HOST_NAMES), folder) }
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error
    return { name: nameOfBroken(folder, entry), error: error.message }
  }
}

/** The cache folder of a host for this toolchain and these sources. */
export function hostDir(spec: HostSpec, tc: Toolchain, ctx: BuildContext): string {
  const tag = platformTag(ctx.platform, ctx.arch)
  // The programs' paths too: a virtual environment points at the interpreter it was made with.
  const toolchain = [...Object.entries(tc.versions), ...Object.entries(tc.tools)].map(([k, v]) => `${k}=${v}`).sort()
  const key = hashTree(path.resolve(ctx.repoRoot, spec.folder), [spec.name, tag, ...toolchain]).slice(0, 16)
  return path.join(ctx.cacheRoot, 'hosts', `${spec.name}-${tag}-${key}`)
}

async function buildHost(spec: HostSpec, buildCtx: BuildContext): Promise<RunnableHost> {
  const tc = await spec.toolchain(buildCtx)
  const ctx = { ...buildCtx, env: { ...buildCtx.env, ...tc.env } }
  // Hosts without a build run from the checkout; the same key still says whether two checkouts hold the same host.
  const dir = hostDir(spec, tc, ctx)
  if (!spec.build) return (await started(spec, ctx, tc, '', dir)).host
  const marker = path.join(dir, 'built.json')
  if (existsSync(marker)) {
    // Cached: only check that it still starts (a restored cache may lack a file the key does not cover).
    const cached = await started(spec, ctx, tc, dir, dir).catch((error: Error) => {
      ctx.log(`${spec.name}: cached build in ${dir} does not start (${error.message}); building again`)
      return null
    })
    if (cached) {
      ctx.log(`${spec.name}: cached ${dir}`)
      return cached.host
    }
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  ctx.log(`${spec.name}: building into ${dir} (${formatToolchain(tc.versions)})`)
  await spec.build(ctx, tc, dir)
  // The command and its environment are read from the build (the python host's pyvenv.cfg on Windows).
  const { host, probed } = await started(spec, ctx, tc, dir, dir)
  const built: BuiltMarker = {
    name: spec.name,
    key: path.basename(dir),
    toolchain: tc.versions,
    runtime: probed.runtime,
    version: probed.version,
    built_at: new Date().toISOString()
  }
  writeFileSync(marker, `${JSON.stringify(built, null, 2)}\n`)
  return host
}

/** The built host's command and environment, checked by its version probe. */
async function started(
  spec: HostSpec,
  ctx: BuildContext,
  tc: Toolchain,
  outDir: string,
  dir: string
): Promise<{ host: RunnableHost; probed: ProbedVersion }> {
  const command = spec.command(ctx, tc, outDir)
  const env = { ...tc.env, ...spec.runEnv?.(ctx, tc, outDir) }
  const cwd = spec.cwd?.(ctx, outDir) ?? ctx.repoRoot
  const probed = await probeVersion(spec, command, cwd, { ...ctx, env: { ...ctx.env, ...env } })
  return { host: runnable(spec, command, probed, cwd, env, tc, dir), probed }
}

/** Runs `<host> version` (or the spec's own version command) and reads the runtime and its version. */
async function probeVersion(spec: HostSpec, command: string[], cwd: string, ctx: BuildContext): Promise<ProbedVersion> {
  const argv = spec.versionArgv ? spec.versionArgv(command) : [...command, 'version']
  const result = await exec(argv[0], argv.slice(1), { cwd, env: ctx.env, timeoutMs: PROBE_TIMEOUT })
  if (!result.ok) throw new Error(describeFailure(`${argv.map(a => path.basename(a)).join(' ')}`, result, PROBE_TIMEOUT))
  const parsed = spec.parseVersion ? spec.parseVersion(result.stdout) : parseVersionLine(result.stdout)
  if (!parsed) throw new Error(`\`${spec.name} version\` printed no {"runtime","version"} line: ${result.stdout.trim().slice(0, 200)}`)
  return parsed
}

export interface ProbedVersion {
  runtime: string
  version: string
  /** engine flags that shape the figures (node: V8's Wasm tiers and wrapper inlining), as "name=on, ..." */
  flags?: string
}

/** "turbo-inline-js-wasm-calls=on, wasm-tier-up=on" from {"v8": {...}, "exec_argv": [...]}; unknown shapes give nothing. */
function describeFlags(flags: unknown): string | undefined {
  if (typeof flags !== 'object' || flags === null) return undefined
  const { v8, exec_argv: execArgv } = flags as { v8?: unknown; exec_argv?: unknown }
  const parts =
    typeof v8 === 'object' && v8 !== null
      ? Object.entries(v8).map(([name, on]) => `${name}=${on === true ? 'on' : on === false ? 'off' : String(on)}`)
      : []
  if (Array.isArray(execArgv) && execArgv.length > 0) parts.push(`argv ${execArgv.join(' ')}`)
  return parts.length > 0 ? parts.join(', ').slice(0, 300) : undefined
}

export function parseVersionLine(stdout: string): ProbedVersion | null {
  for (const line of stdout.split(/\r?\n/).reverse()) {
    if (!line.trim().startsWith('{')) continue
    try {
      const value = JSON.parse(line) as { runtime?: unknown; version?: unknown; flags?: unknown }
      if (typeof value.runtime !== 'string' || typeof value.version !== 'string') continue
      const flags = describeFlags(value.flags)
      return { runtime: value.runtime, version: value.version, ...(flags ? { flags } : {}) }
    } catch {
      // not JSON; keep looking
    }
  }
  return null
}

function runnable(
  spec: HostSpec,
  command: string[],
  probed: ProbedVersion,
  cwd: string,
  env: Record<string, string>,
  tc: Toolchain,
  dir: string
): RunnableHost {
  const runtime = spec.runtimeFromManifest ? spec.runtime : probed.runtime || spec.runtime
  return {
    name: spec.name,
    key: path.basename(dir),
    workloadArgv: (wasm, reportFile, guestArgs) =>
      spec.workloadArgv
        ? spec.workloadArgv(command, wasm, reportFile, guestArgs)
        : [...command, 'workload', wasm, '--report', reportFile, '--', ...guestArgs],
    ffiArgv: (wasm, reportFile) => (spec.ffi ? [...command, 'ffi', wasm, '--report', reportFile] : null),
    reportsPhases: spec.reportsPhases,
    cwd,
    runtime,
    version: probed.version,
    // The binding (wasmtime-go, wasmtime-py, ...) is part of the toolchain that shaped the figures.
    toolchains: {
      ...tc.versions,
      [runtime]: probed.version,
      ...(runtime !== probed.runtime ? { [probed.runtime]: probed.version } : {}),
      ...(probed.flags ? { [`${runtime} flags`]: probed.flags } : {})
    },
    env,
    counted: {
      argv: argv => [argv[0], ...(spec.counted?.flags ?? []), ...argv.slice(1)],
      env: spec.counted?.env ?? {},
      perCall: spec.counted?.perCall ?? true,
      pythonLines: spec.counted?.pythonLines ?? false
    }
  }
}
