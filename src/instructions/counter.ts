// The instruction counter: valgrind's cachegrind, found on PATH or installed with apt on a GitHub Linux runner.
// Where it cannot be had, a one-line note says why and the run measures wall time only (never an error).
import path from 'node:path'
import { exec, findOnPath } from '../process/exec.js'

export const INSTRUCTIONS_MODES = ['auto', 'off'] as const
export type InstructionsMode = (typeof INSTRUCTIONS_MODES)[number]

export interface Counter {
  valgrind: string
  /** `valgrind --version`, e.g. "valgrind-3.19.0" */
  version: string
}

export type CounterLookup = { counter: Counter } | { note: string }

export interface CounterContext {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** a GitHub-hosted or self-hosted runner, where the action may install packages with sudo */
  onRunner: boolean
  log(message: string): void
}

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macOS', win32: 'Windows' }
const PROBE_TIMEOUT = 60_000
const INSTALL_TIMEOUT = 10 * 60_000

/** The counter, or why there is none: a missing counter never fails the run. */
export async function findCounter(mode: InstructionsMode, ctx: CounterContext): Promise<CounterLookup> {
  if (mode === 'off') return { note: 'not counted (instructions: off)' }
  if (ctx.platform !== 'linux')
    return { note: `not counted: valgrind runs on Linux only, this is ${OS_NAMES[ctx.platform] ?? ctx.platform}` }
  const found = findOnPath('valgrind', ctx.env, ctx.platform) ?? (ctx.onRunner ? await installValgrind(ctx) : null)
  if (!found) return { note: 'not counted: valgrind is not on PATH (install it, e.g. apt-get install valgrind)' }
  const result = await exec(found, ['--version'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT })
  const version = /valgrind-\S+/.exec(result.stdout)?.[0]
  if (!result.ok || !version)
    return { note: `not counted: ${found} --version did not answer (${result.stderr.trim().split('\n')[0] ?? ''})` }
  return { counter: { valgrind: found, version } }
}

/** apt-get install valgrind with sudo (no password on runners); null when it cannot be done. */
async function installValgrind(ctx: CounterContext): Promise<string | null> {
  const sudo = findOnPath('sudo', ctx.env, ctx.platform)
  const apt = findOnPath('apt-get', ctx.env, ctx.platform)
  if (!sudo || !apt) return null
  ctx.log('instructions: installing valgrind with apt-get')
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', '--no-install-recommends', 'valgrind']
  ]) {
    const result = await exec(sudo, ['-n', apt, ...args], { env: ctx.env, timeoutMs: INSTALL_TIMEOUT })
    if (!result.ok) {
      ctx.log(`instructions: apt-get ${args[0]} failed: ${(result.stderr.trim() || result.stdout.trim()).split('\n').pop() ?? ''}`)
      return null
    }
  }
  return findOnPath('valgrind', ctx.env, ctx.platform)
}

/** The argv that counts the instructions of `argv` into `outFile`: JIT code included, no cache simulation. */
export function cachegrindArgv(counter: Counter, outFile: string, argv: string[]): string[] {
  return [
    counter.valgrind,
    '--tool=cachegrind',
    '--cache-sim=no',
    // wasmtime, V8 and Python's ctypes write code at run time; valgrind must see every change of it.
    '--smc-check=all-non-file',
    `--cachegrind-out-file=${path.resolve(outFile)}`,
    '--quiet',
    ...argv
  ]
}

/** The instructions executed, from a cachegrind out file: its `summary:` line (the first event is Ir). */
export function parseCachegrindOut(text: string): number {
  const events = /^events:\s*(.+)$/m.exec(text)?.[1].trim().split(/\s+/)
  const summary = /^summary:\s*(.+)$/m.exec(text)?.[1].trim().split(/\s+/)
  const at = events?.indexOf('Ir') ?? -1
  const count = summary && at >= 0 ? Number(summary[at]) : Number.NaN
  if (!Number.isSafeInteger(count) || count <= 0) throw new Error('no instruction count (no "events: Ir" and "summary:" lines)')
  return count
}
