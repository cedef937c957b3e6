// Child processes for the build: always an argument array (never a shell), always a timeout.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { envValue, pathOf } from '../toolchains/platform.js'
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
  const separators = platform === 'win32' ? /[\\/]/ : /\//
  if (separators.test(command)) return isFile(command) ? command : null
  return pathCandidates(command, env, platform).find(isFile) ?? null
}

/**
 * The files findOnPath tries, in order. Windows: the PATH variable under any spelling (`Path`), each folder with
 * the command plus each PATHEXT extension that can be started without a shell (.exe, .com: Node refuses .bat and
 * .cmd then), and the name as given only when it already ends in one: a file `go` beside `go.exe` is no program.
 */
export function pathCandidates(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const win = platform === 'win32'
  const p = pathOf(platform)
  const dirs = (envValue(env, 'PATH', platform) ?? '').split(win ? ';' : ':')
  const names = win ? windowsNames(command, envValue(env, 'PATHEXT', platform)) : [command]
  return dirs
    .map(dir => (win ? dir.replace(/^"(.*)"$/, '$1') : dir))
    .filter(Boolean)
    .flatMap(dir => names.map(name => p.join(dir, name)))
}

const STARTABLE = ['.EXE', '.COM']

function windowsNames(command: string, pathext: string | undefined): string[] {
  const exts = (pathext || '.COM;.EXE;.BAT;.CMD')
    .split(';')
    .map(ext => ext.trim().toUpperCase())
    .filter(ext => STARTABLE.includes(ext))
  if (exts.includes(path.win32.extname(command).toUpperCase())) return [command]
  return exts.map(ext => command + ext.toLowerCase())
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile()
  } catch {
    return false
  }
}
