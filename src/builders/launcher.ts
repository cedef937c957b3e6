// Builds the native launcher (launcher/, a small Rust program) that times every measured process, into
// <cacheRoot>/launcher/<platformTag>-<hash16>/, keyed like a host by its folder's files and the Rust toolchain.
// It is not a host: when it cannot be built, measuring goes on with Node's clock, so this never throws.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LauncherBuild } from '../types.js'
import { MINUTE, type BuildContext } from '../toolchains/context.js'
import { describeFailure, exec, findOnPath } from '../process/exec.js'
import { EMPTY_PROCESS_BIN, emptyProcessArgv } from '../process/spawn.js'
import { exeName, platformTag } from '../toolchains/platform.js'
import { clockedRun } from '../measure/launcher.js'
import { hashTree } from './hash.js'

export const LAUNCHER_FOLDER = 'launcher'
const LAUNCHER_BIN = 'wasm-ffi-bench-launcher'
const BUILD_TIMEOUT = 10 * MINUTE
const PROBE_TIMEOUT = MINUTE

export async function buildLauncher(ctx: BuildContext): Promise<LauncherBuild> {
  try {
    return { path: await ensureLauncher(ctx) }
  } catch (error) {
    const message = (error as Error).message
    ctx.log(`launcher: failed: ${message}`)
    return { path: null, error: message.split(/\r?\n/)[0] }
  }
}

async function ensureLauncher(ctx: BuildContext): Promise<string> {
  const cargo = findOnPath('cargo', ctx.env, ctx.platform)
  if (!cargo) throw new Error('cargo not found on PATH (install Rust with rustup, e.g. dtolnay/rust-toolchain)')
  const toolchain = await rustToolchain(cargo, ctx)
  const dir = launcherDir(ctx, toolchain)
  const exe = path.join(dir, exeName(LAUNCHER_BIN, ctx.platform))
  if (existsSync(path.join(dir, 'built.json'))) {
    // Cached: check that it still times a process (a restored cache may lack a file the key does not cover).
    const probed = await probe(exe, ctx).catch((error: Error) => {
      ctx.log(`launcher: cached ${dir} does not work (${error.message}); building again`)
      return false
    })
    if (probed) {
      ctx.log(`launcher: cached ${dir}`)
      return exe
    }
  }
  ctx.log(`launcher: building into ${dir} (${toolchain})`)
  // Built beside the final folder and renamed into place: other runs may share the cache.
  const tmp = `${dir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp, { recursive: true })
  try {
    const targetDir = path.join(tmp, 'target')
    const manifest = path.join(ctx.repoRoot, LAUNCHER_FOLDER, 'Cargo.toml')
    const args = ['build', '--release', '--locked', '--manifest-path', manifest, '--target-dir', targetDir]
    const result = await exec(cargo, args, { cwd: path.join(ctx.repoRoot, LAUNCHER_FOLDER), env: ctx.env, timeoutMs: BUILD_TIMEOUT })
    if (!result.ok) throw new Error(describeFailure('cargo build', result, BUILD_TIMEOUT))
    // The empty program too: the spawn cost's empty process on Windows (process/spawn.ts), one layout everywhere.
    for (const bin of [LAUNCHER_BIN, EMPTY_PROCESS_BIN]) {
      copyFileSync(path.join(targetDir, 'release', exeName(bin, ctx.platform)), path.join(tmp, exeName(bin, ctx.platform)))
    }
    rmSync(targetDir, { recursive: true, force: true })
    writeFileSync(
      path.join(tmp, 'built.json'),
      `${JSON.stringify({ name: 'launcher', toolchain, built_at: new Date().toISOString() }, null, 2)}\n`
    )
    rmSync(dir, { recursive: true, force: true })
    renameSync(tmp, dir)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  await probe(exe, ctx)
  return exe
}

/** The cache folder of the launcher for this toolchain and these sources. */
export function launcherDir(ctx: BuildContext, toolchain: string): string {
  const tag = platformTag(ctx.platform, ctx.arch)
  const key = hashTree(path.join(ctx.repoRoot, LAUNCHER_FOLDER), [LAUNCHER_FOLDER, tag, toolchain]).slice(0, 16)
  return path.join(ctx.cacheRoot, 'launcher', `${tag}-${key}`)
}

async function rustToolchain(cargo: string, ctx: BuildContext): Promise<string> {
  const versions: string[] = []
  for (const [tool, file] of [
    ['cargo', cargo],
    ['rustc', findOnPath('rustc', ctx.env, ctx.platform)]
  ] as const) {
    if (!file) continue
    const result = await exec(file, ['--version'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT })
    if (!result.ok) throw new Error(describeFailure(`${tool} --version`, result, PROBE_TIMEOUT))
    versions.push(result.stdout.trim())
  }
  return versions.join('; ')
}

/** The launcher works when it times the empty process (on Windows its sibling program) and writes a timing line that parses. */
async function probe(exe: string, ctx: BuildContext): Promise<true> {
  const timingFile = path.join(os.tmpdir(), `wasm-ffi-bench-launcher-probe-${process.pid}.json`)
  const run = await clockedRun(
    emptyProcessArgv(ctx.platform, exe, ctx.env),
    { env: ctx.env, timeoutMs: PROBE_TIMEOUT },
    { path: exe, timingFile }
  )
  rmSync(timingFile, { force: true })
  if (run.spawnError || run.timedOut || run.exitCode !== 0 || !run.cpuMs) {
    const why = run.spawnError ?? (run.timedOut ? 'timed out' : `exit code ${run.exitCode}: ${run.stderr.trim().slice(-300)}`)
    throw new Error(`${exe} does not time the empty process (${why})`)
  }
  return true
}
