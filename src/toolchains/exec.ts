// Child processes for the build: always an argument array (never a shell), always a timeout.
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'

export interface ExecResult {
  ok: boolean
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** set when the process could not be started (ENOENT, EACCES) */
  spawnError?: string
}

export interface ExecOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  timeoutMs: number
  /** called with each complete line of stderr and stdout (build progress) */
  onLine?: (line: string) => void
}

const KEEP = 64 * 1024

export function exec(file: string, args: string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise(resolve => {
    let stdout = ''
    let stderr = ''
    let timedOut = false
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true
    })
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs)
    const collect = (which: 'out' | 'err') => {
      let partial = ''
      return (chunk: Buffer) => {
        const text = chunk.toString('utf8')
        if (which === 'out') stdout = (stdout + text).slice(-KEEP)
        else stderr = (stderr + text).slice(-KEEP)
        if (!options.onLine) return
        const lines = (partial + text).split(/\r?\n/)
        partial = lines.pop() ?? ''
        for (const line of lines) if (line.trim()) options.onLine(line)
      }
    }
    child.stdout.on('data', collect('out'))
    child.stderr.on('data', collect('err'))
    child.on('error', error => {
      clearTimeout(timer)
      resolve({ ok: false, code: null, stdout, stderr, timedOut, spawnError: error.message })
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ ok: code === 0 && !timedOut, code, stdout, stderr, timedOut })
    })
  })
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
