// The guest modules: the bundled crate, a user's crate (`guest`) or a prebuilt command module (`wasm`).
// Built modules are cached under <cacheRoot>/guest/<hash>/, keyed by the sources, the rustc and the target.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { GuestModules } from '../types.js'
import { MINUTE, type BuildContext } from '../toolchains/context.js'
import { describeFailure, exec } from '../process/exec.js'
import { findWasmRustc, type WasmRustc } from '../toolchains/rust.js'
import { hashTree } from './hash.js'
import { inspectWasm, validateWorkload } from './wasm.js'

export interface GuestOptions {
  /** a user's Rust crate; null builds the bundled guest/ */
  guest: string | null
  /** a prebuilt WASI command module; wins over `guest` */
  wasm: string | null
}

const COMPILE_TIMEOUT = 15 * MINUTE
/** As `cargo build --release` does since Rust 1.77: optimised, without the standard library's debug info. */
const RUSTC_FLAGS = ['-C', 'opt-level=3', '-C', 'strip=debuginfo']

export async function buildGuest(ctx: BuildContext, options: GuestOptions): Promise<GuestModules> {
  if (options.wasm) {
    const wasm = path.resolve(options.wasm)
    await validateWorkload(wasm, 'wasm')
    return { workload: wasm, ffi: null }
  }
  const bundled = options.guest === null
  const dir = path.resolve(options.guest ?? path.join(ctx.repoRoot, 'guest'))
  if (!existsSync(path.join(dir, 'Cargo.toml'))) throw new Error(`guest: ${dir} is not a Rust crate (no Cargo.toml)`)
  const rustc = await findWasmRustc(ctx)
  const key = hashTree(dir, [rustc.version, rustc.target, bundled ? `bundled ${RUSTC_FLAGS.join(' ')}` : 'cargo']).slice(0, 16)
  const outDir = path.join(ctx.cacheRoot, 'guest', key)
  const modules = { workload: path.join(outDir, 'workload.wasm'), ffi: path.join(outDir, 'ffi.wasm') }

  if (existsSync(path.join(outDir, 'built.json'))) {
    ctx.log(`guest: cached ${outDir}`)
  } else {
    ctx.log(`guest: building ${dir} with ${rustc.version} (${rustc.target})`)
    const tmp = `${outDir}.tmp-${process.pid}`
    rmSync(tmp, { recursive: true, force: true })
    mkdirSync(tmp, { recursive: true })
    try {
      if (bundled) await compileBundled(ctx, rustc, dir, tmp)
      else await cargoBuild(ctx, rustc, dir, tmp)
      writeFileSync(
        path.join(tmp, 'built.json'),
        `${JSON.stringify({ source: dir, rustc: rustc.version, target: rustc.target, key }, null, 2)}\n`
      )
      rmSync(outDir, { recursive: true, force: true })
      renameSync(tmp, outDir)
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }
  await validateWorkload(modules.workload, 'guest')
  const hasFfi = existsSync(modules.ffi)
  if (hasFfi) await inspectWasm(modules.ffi, 'guest')
  const toolchains = { 'guest rustc': `${rustc.version.replace(/^rustc /, '')} (${rustc.target})` }
  return { workload: modules.workload, ffi: hasFfi ? modules.ffi : null, toolchains }
}

/** The bundled crate has no dependencies: rustc compiles it directly, with any rustc that has the target. */
async function compileBundled(ctx: BuildContext, rustc: WasmRustc, dir: string, out: string): Promise<void> {
  const units: Array<[string, string, string]> = [
    ['bin', 'workload', path.join(dir, 'src', 'bin', 'workload.rs')],
    ['cdylib', 'ffi', path.join(dir, 'src', 'ffi.rs')]
  ]
  for (const [crateType, name, source] of units) {
    const args = [
      '--edition',
      '2021',
      '--target',
      rustc.target,
      ...RUSTC_FLAGS,
      '--crate-type',
      crateType,
      '--crate-name',
      name,
      source,
      '-o',
      path.join(out, `${name}.wasm`)
    ]
    const result = await exec(rustc.rustc, args, { cwd: out, env: ctx.env, timeoutMs: COMPILE_TIMEOUT })
    if (!result.ok) throw new Error(describeFailure(`guest: rustc ${name}`, result, COMPILE_TIMEOUT))
  }
}

interface CargoTarget {
  name: string
  kind: string[]
}

/** A user's crate: cargo build --release for the wasm target; the bin `workload` (or the only bin) and `ffi`. */
async function cargoBuild(ctx: BuildContext, rustc: WasmRustc, dir: string, out: string): Promise<void> {
  if (!rustc.cargo) throw new Error(`guest: cargo not found (next to ${rustc.rustc} or on PATH) to build ${dir}`)
  const env = { ...ctx.env, RUSTC: rustc.rustc }
  const manifest = path.join(dir, 'Cargo.toml')
  const meta = await exec(rustc.cargo, ['metadata', '--no-deps', '--format-version', '1', '--manifest-path', manifest], {
    cwd: dir,
    env,
    timeoutMs: 5 * MINUTE
  })
  if (!meta.ok) throw new Error(describeFailure('guest: cargo metadata', meta, 5 * MINUTE))
  const targets: CargoTarget[] = (JSON.parse(meta.stdout) as { packages: Array<{ targets: CargoTarget[] }> }).packages.flatMap(
    p => p.targets
  )
  const bins = targets.filter(t => t.kind.includes('bin')).map(t => t.name)
  const bin = bins.includes('workload') ? 'workload' : bins.length === 1 ? bins[0] : null
  if (!bin) {
    throw new Error(`guest: ${dir} must have a bin target named "workload" or exactly one bin (found: ${bins.join(', ') || 'none'})`)
  }
  const ffi = targets.find(t => t.name === 'ffi' && t.kind.includes('cdylib'))
  const targetDir = path.join(ctx.cacheRoot, 'guest-target')
  const args = ['build', '--release', '--target', rustc.target, '--manifest-path', manifest, '--target-dir', targetDir]
  const built = await exec(rustc.cargo, args, {
    cwd: dir,
    env,
    timeoutMs: COMPILE_TIMEOUT,
    onLine: line => {
      if (/^\s*(Compiling|error)/.test(line)) ctx.log(`guest: ${line.trim()}`)
    }
  })
  if (!built.ok) throw new Error(describeFailure(`guest: cargo build of ${dir}`, built, COMPILE_TIMEOUT))
  const release = path.join(targetDir, rustc.target, 'release')
  copyFileSync(path.join(release, `${bin}.wasm`), path.join(out, 'workload.wasm'))
  if (ffi) copyFileSync(path.join(release, 'ffi.wasm'), path.join(out, 'ffi.wasm'))
}
