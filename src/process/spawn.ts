// Starts a child process (argument array, never a shell, always a timeout) and times it from spawn to exit.
// The measured runs and the build steps (process/exec.ts) both start their processes here.
import { spawn } from 'node:child_process'

export interface TimedRun {
  wallMs: number
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: Buffer
  stderr: string
  /** set when the process could not be started at all (ENOENT, EACCES) */
  spawnError?: string
}

export interface TimedRunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  timeoutMs: number
  /** called with each complete non-empty line of stdout and stderr (build progress) */
  onLine?: (line: string) => void
}

const MAX_STDOUT = 1 << 20
const KEEP_STDERR = 64 * 1024

export function timedRun(argv: string[], options: TimedRunOptions): Promise<TimedRun> {
  return new Promise(resolve => {
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    let timedOut = false
    let exitAt: bigint | null = null
    const start = process.hrtime.bigint()
    const child = spawn(argv[0], argv.slice(1), {
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
    const lines = options.onLine ? lineSplitter(options.onLine) : null
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes < MAX_STDOUT) stdout.push(chunk)
      stdoutBytes += chunk.length
      lines?.out(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      // The tail of stderr says why a process failed.
      stderr = (stderr + chunk.toString('utf8')).slice(-KEEP_STDERR)
      lines?.err(chunk)
    })
    // The clock stops at exit; output may still be draining after that.
    child.on('exit', () => {
      exitAt = process.hrtime.bigint()
    })
    child.on('error', error => {
      clearTimeout(timer)
      resolve({ wallMs: 0, exitCode: null, signal: null, timedOut, stdout: Buffer.alloc(0), stderr, spawnError: error.message })
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      const end = exitAt ?? process.hrtime.bigint()
      resolve({ wallMs: Number(end - start) / 1e6, exitCode, signal, timedOut, stdout: Buffer.concat(stdout), stderr })
    })
  })
}

function lineSplitter(onLine: (line: string) => void): { out: (chunk: Buffer) => void; err: (chunk: Buffer) => void } {
  const stream = () => {
    let partial = ''
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split(/\r?\n/)
      partial = lines.pop() ?? ''
      for (const line of lines) if (line.trim()) onLine(line)
    }
  }
  return { out: stream(), err: stream() }
}

/** Why a run failed, in one line, or null when it succeeded. */
export function failureReason(run: TimedRun, timeoutMs: number): string | null {
  if (run.spawnError) return `could not start: ${run.spawnError}`
  if (run.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s`
  if (run.exitCode === 0) return null
  const lastLine = run.stderr.trim().split(/\r?\n/).filter(Boolean).pop() ?? ''
  const status = run.signal ? `killed by ${run.signal}` : `exit code ${run.exitCode}`
  return lastLine ? `${status}: ${lastLine.slice(0, 300)}` : status
}

/** The argv of a process that does nothing, to measure the harness's own spawn cost. */
export function emptyProcessArgv(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') return [env.ComSpec ?? 'cmd.exe', '/d', '/c', 'rem']
  return ['true']
}
