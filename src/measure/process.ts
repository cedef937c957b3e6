// Starts one measured process (argument array, never a shell) and times it from spawn to exit.
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
  cwd: string
  env?: NodeJS.ProcessEnv
  timeoutMs: number
}

const MAX_CAPTURE = 1 << 20

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
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes < MAX_CAPTURE) stdout.push(chunk)
      stdoutBytes += chunk.length
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_CAPTURE) stderr += chunk.toString('utf8')
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
