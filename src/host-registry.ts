// The hosts: ONE entry each, with its folder, runtime, toolchain, build step and command line.
// src/builders/hosts.ts turns an entry into a RunnableHost (cache, version probe, failures).
import { copyFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { MINUTE, type BuildContext } from './toolchains/context.js'
import { describeFailure, exec, findOnPath } from './process/exec.js'
import { cgoEnv, exeName, goSemver, goVersionOf, pythonCandidates, venvPython } from './toolchains/platform.js'
import { setupGo } from './toolchains/setup-go.js'
import { setupPython } from './toolchains/setup-python.js'
import { venvRun } from './toolchains/venv.js'
import { ensureWasmtimeCli, parseWasmtimeVersion } from './toolchains/wasmtime-cli.js'

/** A toolchain found or set up for a host: what shaped its figures, the programs its build uses, its environment. */
export interface Toolchain {
  /** tool -> version, e.g. { go: '1.26.8' }: recorded with the host's figures and part of its build cache key */
  versions: Record<string, string>
  tools: Record<string, string>
  /** added to the environment of the host's build, probes and measured runs (a set-up Go or Python first on PATH) */
  env: Record<string, string>
}

export interface HostSpec {
  name: string
  /** the host's folder in the checkout (or an absolute path: a host of the user's repository); its files key the cache */
  folder: string
  /** the runtime name until the host reports its own */
  runtime: string
  /** a host of the user's repository: its manifest's runtime label is shown, not the one its `version` prints */
  runtimeFromManifest?: boolean
  reportsPhases: boolean
  ffi: boolean
  /** finds the toolchain, or throws an Error whose message says how to get it */
  toolchain(ctx: BuildContext): Promise<Toolchain>
  /** builds into outDir (a fresh folder in the cache); absent when the host runs from the checkout */
  build?(ctx: BuildContext, tc: Toolchain, outDir: string): Promise<void>
  /** the argv prefix that starts the host program, once built (outDir is '' for hosts without a build) */
  command(ctx: BuildContext, tc: Toolchain, outDir: string): string[]
  /** where its processes run (default the checkout's root) */
  cwd?(ctx: BuildContext, outDir: string): string
  /** added to the host's environment for its probes and runs, once built (on top of the toolchain's) */
  runEnv?(ctx: BuildContext, tc: Toolchain, outDir: string): Record<string, string>
  /** argv that prints the runtime and version; parsed by `parseVersion` */
  versionArgv?(command: string[]): string[]
  parseVersion?(stdout: string): { runtime: string; version: string } | null
  workloadArgv?(command: string[], wasm: string, reportFile: string, guestArgs: string[]): string[]
  /** what makes the host's instruction count repeat under valgrind: runtime flags after argv[0], environment;
   *  `perCall: false` where even then its per-call counts do not repeat; `pythonLines` for a Python script, whose
   *  functions the counts see as one eval loop (instructions/python-lines.ts names them) */
  counted?: { flags?: string[]; env?: Record<string, string>; perCall?: false; pythonLines?: true }
}

const BUILD_TIMEOUT = 30 * MINUTE
const PROBE_TIMEOUT = MINUTE

async function run(
  what: string,
  file: string,
  args: string[],
  ctx: BuildContext,
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; hint?: string } = {}
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? BUILD_TIMEOUT
  const result = await exec(file, args, { cwd: options.cwd, env: options.env ?? ctx.env, timeoutMs })
  if (!result.ok) throw new Error(describeFailure(what, result, timeoutMs) + (options.hint ? `\n(${options.hint})` : ''))
  return result.stdout.trim()
}

function required(command: string, ctx: BuildContext, missing: string): string {
  const found = findOnPath(command, ctx.env, ctx.platform)
  if (!found) throw new Error(`toolchain not found on PATH (${missing})`)
  return found
}

const native = {
  name: 'native' as const,
  folder: 'hosts/native',
  runtime: 'wasmtime-cli',
  reportsPhases: false,
  ffi: false,
  async toolchain(ctx) {
    const cli = await ensureWasmtimeCli(ctx)
    return { versions: { 'wasmtime-cli': cli.version, 'wasmtime-cli build': cli.build }, tools: { wasmtime: cli.path }, env: {} }
  },
  command: (_ctx, tc) => [tc.tools.wasmtime],
  versionArgv: command => [...command, '--version'],
  parseVersion: stdout => {
    const version = parseWasmtimeVersion(stdout)
    return version ? { runtime: 'wasmtime-cli', version } : null
  },
  // The compilation cache is on by default in the CLI; every host runs without it.
  workloadArgv: (command, wasm, _report, guestArgs) => [...command, 'run', '-C', 'cache=n', wasm, ...guestArgs]
} satisfies HostSpec

const go = {
  name: 'go' as const,
  folder: 'hosts/go',
  runtime: 'wasmtime-go',
  reportsPhases: true,
  ffi: true,
  async toolchain(ctx) {
    const setUp = await setupGo(ctx.toolchains.go, ctx)
    const env = setUp?.env ?? {}
    const hostCtx = { ...ctx, env: { ...ctx.env, ...env } }
    const goBin = setUp?.executable ?? required('go', ctx, 'set up Go, e.g. actions/setup-go')
    const cgo = cgoEnv(ctx.platform)
    if (cgo.compiler && !findOnPath(cgo.compiler, hostCtx.env, ctx.platform)) {
      throw new Error(`C compiler ${cgo.compiler} not found on PATH: ${cgo.hint}`)
    }
    const stdout = await run('go version', goBin, ['version'], hostCtx, { timeoutMs: PROBE_TIMEOUT })
    const version = goSemver(goVersionOf(stdout) ?? '') ?? stdout
    return { versions: { go: version }, tools: { go: goBin }, env }
  },
  async build(ctx, tc, outDir) {
    const cgo = cgoEnv(ctx.platform)
    const out = path.join(outDir, exeName('host', ctx.platform))
    ctx.log('go: go build (cgo, wasmtime-go)')
    await run('go build', tc.tools.go, ['build', '-trimpath', '-o', out, '.'], ctx, {
      cwd: path.join(ctx.repoRoot, this.folder),
      env: { ...ctx.env, ...cgo.env },
      hint: cgo.hint
    })
  },
  command: (ctx, _tc, outDir) => [path.join(outDir, exeName('host', ctx.platform))]
} satisfies HostSpec

/** Asks a Python on PATH whether it can run the host, and its version. */
const PYTHON_PROBE = 'import sys; print(sys.version_info >= (3, 9)); print(sys.version.split()[0])'

/** The version PYTHON_PROBE printed when the Python is new enough, else null. */
export function parsePythonProbe(stdout: string): string | null {
  const [ok, version] = stdout.trim().split(/\r?\n/)
  return ok === 'True' && version ? version : null
}

const python = {
  name: 'python' as const,
  folder: 'hosts/python',
  runtime: 'wasmtime-py',
  reportsPhases: true,
  ffi: true,
  async toolchain(ctx) {
    const setUp = await setupPython(ctx.toolchains.python, ctx)
    if (setUp) return { versions: { python: setUp.version }, tools: { python: setUp.executable }, env: setUp.env }
    for (const candidate of pythonCandidates(ctx.platform)) {
      const found = findOnPath(candidate, ctx.env, ctx.platform)
      if (!found) continue
      const result = await exec(found, ['-c', PYTHON_PROBE], { env: ctx.env, timeoutMs: PROBE_TIMEOUT })
      const version = result.ok ? parsePythonProbe(result.stdout) : null
      if (version) return { versions: { python: version }, tools: { python: found }, env: {} }
    }
    throw new Error(
      `toolchain not found on PATH (set up Python 3.9 or newer, e.g. actions/setup-python; tried ${pythonCandidates(ctx.platform).join(', ')})`
    )
  },
  async build(ctx, tc, outDir) {
    const venv = path.join(outDir, 'venv')
    ctx.log(`python: virtual environment with ${path.join(this.folder, 'requirements.txt')}`)
    await run('python -m venv', tc.tools.python, ['-m', 'venv', venv], ctx, { timeoutMs: 5 * MINUTE })
    const requirements = path.join(ctx.repoRoot, this.folder, 'requirements.txt')
    await run(
      'pip install',
      venvPython(venv, ctx.platform),
      // Every file pinned by its sha256, wheels only: nothing unpinned is fetched, no setup.py is run.
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--require-hashes', '--only-binary=:all:', '-r', requirements],
      ctx,
      {
        timeoutMs: 15 * MINUTE
      }
    )
  },
  // Windows: the interpreter itself, not the venv's redirector (toolchains/venv.ts).
  command: (ctx, _tc, outDir) => [
    venvRun(path.join(outDir, 'venv'), ctx.platform, ctx.env).python,
    path.join(ctx.repoRoot, 'hosts', 'python', 'host.py')
  ],
  runEnv: (ctx, _tc, outDir) => venvRun(path.join(outDir, 'venv'), ctx.platform, ctx.env).env,
  // A fixed string-hash seed: with random ones, dict and set work varies from run to run.
  counted: { env: { PYTHONHASHSEED: '0' }, pythonLines: true }
} satisfies HostSpec

const RUST_BIN = 'wasm-ffi-bench-rust-host'

const rust = {
  name: 'rust' as const,
  folder: 'hosts/rust',
  runtime: 'wasmtime',
  reportsPhases: true,
  ffi: true,
  async toolchain(ctx) {
    const cargo = required('cargo', ctx, 'install Rust with rustup, e.g. dtolnay/rust-toolchain')
    const cargoVersion = await run('cargo --version', cargo, ['--version'], ctx, { timeoutMs: PROBE_TIMEOUT })
    const rustc = findOnPath('rustc', ctx.env, ctx.platform)
    const rustcVersion = rustc ? await run('rustc --version', rustc, ['--version'], ctx, { timeoutMs: PROBE_TIMEOUT }) : ''
    const versions = { cargo: cargoVersion.replace(/^cargo /, ''), rustc: rustcVersion.replace(/^rustc /, '') || 'not on PATH' }
    return { versions, tools: { cargo }, env: {} }
  },
  async build(ctx, tc, outDir) {
    const targetDir = path.join(ctx.cacheRoot, 'cargo-target')
    const manifest = path.join(ctx.repoRoot, this.folder, 'Cargo.toml')
    ctx.log('rust: cargo build --release (wasmtime crates; several minutes the first time)')
    await run(
      'cargo build',
      tc.tools.cargo,
      ['build', '--release', '--locked', '--manifest-path', manifest, '--target-dir', targetDir],
      ctx,
      {
        cwd: path.join(ctx.repoRoot, this.folder),
        timeoutMs: 60 * MINUTE
      }
    )
    const binary = path.join(targetDir, 'release', exeName(RUST_BIN, ctx.platform))
    if (!existsSync(binary)) throw new Error(`cargo build succeeded but ${binary} is missing`)
    copyFileSync(binary, path.join(outDir, exeName(RUST_BIN, ctx.platform)))
  },
  command: (ctx, _tc, outDir) => [path.join(outDir, exeName(RUST_BIN, ctx.platform))]
} satisfies HostSpec

const node = {
  name: 'node' as const,
  folder: 'hosts/node',
  runtime: 'node:wasi',
  reportsPhases: true,
  ffi: true,
  // The action's own Node runs the host; the host reports its version as the runtime's (node:wasi).
  toolchain: async () => ({ versions: { v8: process.versions.v8 }, tools: { node: process.execPath }, env: {} }),
  command: (ctx, tc) => [tc.tools.node, path.join(ctx.repoRoot, 'hosts', 'node', 'host.mjs')],
  // V8's predictable mode: one thread, so tiering and GC do not depend on timing (the workload's count repeats to
  // 0.001%). Its per-call counts still moved by up to 60% between runs (whether V8 optimised a loop, a GC), so
  // they are not counted.
  counted: { flags: ['--predictable'], perCall: false }
} satisfies HostSpec

export const HOSTS = [native, go, python, rust, node] as const
export type HostName = (typeof HOSTS)[number]['name']
export const HOST_NAMES: readonly HostName[] = HOSTS.map(host => host.name)

export function hostSpec(name: string): HostSpec | undefined {
  return HOSTS.find(host => host.name === name)
}

export function isHostName(name: string): name is HostName {
  return (HOST_NAMES as readonly string[]).includes(name)
}
