// Child processes for the build: always an argument array (never a shell), always a timeout.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { timedRun, type TimedRunOptions } from './spawn.js'

export interface ExecResult {
  ok: boolean
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** set when the process could not be started (ENOENT, EACCES) */
  spawnError?: string
}

export type ExecOptions = TimedRunOptions

export async function exec(file: string, args: string[], options: ExecOptions): Promise<ExecResult> {
  const run = await timedRun([file, ...args], options)
  const stdout = run.stdout.toString('utf8')
  return {
    ok: run.exitCode === 0 && !run.timedOut && !run.spawnError,
    code: run.exitCode,
    stdout,
    stderr: run.stderr,
    timedOut: run.timedOut,
    spawnError: run.spawnError
  }
}

/** Why a command failed, in one message with the tail of its output. */
export function describeFailure(what: string, result: ExecResult, timeoutMs: number): string {
  if (result.spawnError) return `${what}: could not start: ${result.spawnError}`
  if (result.timedOut) return `${what}: timed out after ${Math.round(timeoutMs / 1000)} s`
  const output = (result.stderr.trim() || result.stdout.trim()).split(/\r?\n/).slice(-15).join('\n')
  return `${what}: exit code ${result.code}${output ? `\n${output}` : ''}`
}

/** The full path of a command found on PATH (with PATHEXT on Windows), or null. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | null {
  if (command.includes('/') || command.includes('\\')) return isFile(command) ? command : null
  const pathVar = env.PATH ?? env.Path ?? ''
  const sep = platform === 'win32' ? ';' : ':'
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : ['']
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext.toLowerCase())
      if (isFile(candidate)) return candidate
      if (ext && isFile(path.join(dir, command + ext))) return path.join(dir, command + ext)
    }
  }
  return null
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile()
  } catch {
    return false
  }
}
