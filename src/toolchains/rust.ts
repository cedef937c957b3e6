// A Rust compiler that can build the guest: any rustc with a wasm32-wasip1 or wasm32-wasi standard library.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { MINUTE, type BuildContext } from './context.js'
import { exec, findOnPath } from '../process/exec.js'
import { envValue, exeName, rustWasmTargets } from './platform.js'

export interface WasmRustc {
  rustc: string
  target: string
  /** `rustc --version`, e.g. "rustc 1.63.0" */
  version: string
  /** the cargo that belongs to this rustc, when there is one */
  cargo: string | null
}

const PROBE_TIMEOUT = MINUTE
const RUSTUP_TIMEOUT = 3 * MINUTE

/** rustc candidates: $RUSTC, rustc on PATH, then the distribution's /usr/bin/rustc. */
export function rustcCandidates(ctx: Pick<BuildContext, 'env' | 'platform'>): string[] {
  const list: string[] = []
  const rustc = envValue(ctx.env, 'RUSTC', ctx.platform)
  if (rustc) list.push(rustc)
  const onPath = findOnPath('rustc', ctx.env, ctx.platform)
  if (onPath) list.push(onPath)
  if (ctx.platform !== 'win32') list.push('/usr/bin/rustc')
  return [...new Set(list)].filter(p => existsSync(p))
}

export async function findWasmRustc(ctx: BuildContext, candidates: string[] = rustcCandidates(ctx)): Promise<WasmRustc> {
  // First any rustc that has the target already: no network, no waiting.
  for (const rustc of candidates) {
    const found = await probe(rustc, ctx)
    if (found) return found
  }
  // Then ask rustup for the target (on GitHub runners this downloads it).
  const rustup = findOnPath('rustup', ctx.env, ctx.platform)
  const tried: string[] = candidates.map(c => `${c} (no ${rustWasmTargets().join('/')} std)`)
  if (rustup) {
    ctx.log('rust: rustup target add wasm32-wasip1')
    const added = await exec(rustup, ['target', 'add', 'wasm32-wasip1'], { env: ctx.env, timeoutMs: RUSTUP_TIMEOUT })
    if (added.ok) {
      const rustc = findOnPath('rustc', ctx.env, ctx.platform)
      const found = rustc ? await probe(rustc, ctx) : null
      if (found) return found
    }
    const why = added.timedOut ? 'timed out' : (added.spawnError ?? (added.stderr.trim().split(/\r?\n/).pop() || `exit code ${added.code}`))
    tried.push(`rustup target add wasm32-wasip1 (${why})`)
  }
  throw new Error(
    `guest: no Rust compiler with a wasm32-wasip1 or wasm32-wasi standard library was found` +
      (tried.length ? ` (tried: ${tried.join('; ')})` : ' (no rustc on PATH)') +
      `. Fix it with \`rustup target add wasm32-wasip1\` (needs network access), or install a rustc that ships the ` +
      `target, e.g. Debian/Ubuntu: \`apt-get install rustc libstd-rust-dev-wasm32\`; or pass a prebuilt module with --wasm.`
  )
}

async function probe(rustc: string, ctx: BuildContext): Promise<WasmRustc | null> {
  const sysroot = await exec(rustc, ['--print', 'sysroot'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT })
  if (!sysroot.ok) return null
  const root = sysroot.stdout.trim()
  const target = rustWasmTargets().find(t => existsSync(path.join(root, 'lib', 'rustlib', t, 'lib')))
  if (!target) return null
  const version = await exec(rustc, ['--version'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT })
  if (!version.ok) return null
  const sibling = path.join(path.dirname(rustc), exeName('cargo', ctx.platform))
  const cargo = existsSync(sibling) ? sibling : findOnPath('cargo', ctx.env, ctx.platform)
  return { rustc, target, version: version.stdout.trim(), cargo }
}
