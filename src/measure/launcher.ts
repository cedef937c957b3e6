// Times a measured process through the native launcher (launcher/): it spawns the process and waits for it itself,
// so the wall time is the process's from spawn to exit, without Node's spawn and event loop, plus the process's
// user and system CPU time. Without a launcher, Node's spawn-to-exit time is the fallback.
import { readFileSync, rmSync } from 'node:fs'
import { timedRun, type TimedRun, type TimedRunOptions } from '../process/spawn.js'

/** What the launcher writes to its timing file: one JSON line; `instructions` on macOS only (proc_pid_rusage). */
export type LauncherTiming = { wall_ns: number; user_ns: number; system_ns: number; instructions?: number } | { error: string }

/** A built launcher and the file it writes each run's timing to. */
export interface Launcher {
  path: string
  timingFile: string
}

export interface ClockedRun extends TimedRun {
  /** CPU time of the process, when the launcher timed it */
  cpuMs: { user: number; system: number } | null
  /** the instructions the process retired, where the OS counts them (macOS; 0 in a virtual machine) */
  instructions: number | null
}

/** What a run the launcher did not time (no launcher, or it failed) has of its figures. */
const UNCLOCKED = { cpuMs: null, instructions: null }

export function launcherArgv(launcher: string, timingFile: string, argv: string[]): string[] {
  return [launcher, timingFile, ...argv]
}

export function parseTiming(text: string): LauncherTiming {
  const line = text.trim()
  if (!line) throw new Error('empty timing file')
  const value = JSON.parse(line) as Record<string, unknown>
  if (typeof value.error === 'string') return { error: value.error }
  for (const key of ['wall_ns', 'user_ns', 'system_ns']) {
    const n = value[key]
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`"${key}" is not a non-negative number`)
  }
  const timing = { wall_ns: value.wall_ns as number, user_ns: value.user_ns as number, system_ns: value.system_ns as number }
  if (value.instructions === undefined) return timing
  if (!Number.isSafeInteger(value.instructions) || (value.instructions as number) < 0)
    throw new Error('"instructions" is not a non-negative integer')
  return { ...timing, instructions: value.instructions as number }
}

/**
 * Runs argv, timed by the launcher when there is one (its timing file replaces Node's wall time), else by Node.
 * A launcher that could not start the program reports it as Node would: a spawnError.
 */
export async function clockedRun(argv: string[], options: TimedRunOptions, launcher: Launcher | null): Promise<ClockedRun> {
  if (!launcher) return { ...(await timedRun(argv, options)), ...UNCLOCKED }
  rmSync(launcher.timingFile, { force: true })
  const run = await timedRun(launcherArgv(launcher.path, launcher.timingFile, argv), options)
  if (run.spawnError || run.timedOut) return { ...run, ...UNCLOCKED }
  let timing: LauncherTiming
  try {
    timing = parseTiming(readFileSync(launcher.timingFile, 'utf8'))
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no timing file' : (error as Error).message
    // The launcher's own stderr line says what went wrong (e.g. it could not write the file).
    return { ...run, ...UNCLOCKED, spawnError: `launcher: ${why}${run.stderr.trim() ? `: ${run.stderr.trim().split(/\r?\n/).pop()}` : ''}` }
  }
  if ('error' in timing) return { ...run, ...UNCLOCKED, spawnError: timing.error }
  return {
    ...run,
    wallMs: timing.wall_ns / 1e6,
    cpuMs: { user: timing.user_ns / 1e6, system: timing.system_ns / 1e6 },
    instructions: timing.instructions ?? null
  }
}
