// Starts a child process (argument array, never a shell, always a timeout, the allow-listed environment of env.ts)
// and times it from spawn to exit. The measured runs and the build steps (process/exec.ts) both start theirs here.
// A timeout ends the whole process tree (tree.ts), and the result never waits on a grandchild that holds the pipes.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { envValue, exeName } from '../toolchains/platform.js'
import { childEnv } from './env.js'
import { endStragglers, killTree, track } from './tree.js'

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
  /** passed through the allow-list of env.ts (default: the parent's environment) */
  env?: NodeJS.ProcessEnv
  timeoutMs: number
  /** called with each complete non-empty line of stdout and stderr (build progress) */
  onLine?: (line: string) => void
}

const MAX_STDOUT = 1 << 20
const KEEP_STDERR = 64 * 1024
/** How long the pipes may stay open after the process exited: what it wrote is read by then. */
export const PIPE_GRACE_MS = 500

export function timedRun(argv: string[], options: TimedRunOptions): Promise<TimedRun> {
  return new Promise(resolve => {
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    let timedOut = false
    let exitAt: bigint | null = null
    let settled = false
    const start = process.hrtime.bigint()
    // POSIX: the child leads a new process group, so that a timeout can end its children too.
    const detached = process.platform !== 'win32'
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: childEnv(options.env ?? process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
      detached
    })
    const untrack = detached && child.pid !== undefined ? track(child.pid) : () => {}
    let grace: NodeJS.Timeout | undefined
    const finish = (result: Omit<TimedRun, 'timedOut' | 'stdout' | 'stderr'>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(grace)
      untrack()
      child.stdout.destroy()
      child.stderr.destroy()
      resolve({ ...result, timedOut, stdout: Buffer.concat(stdout), stderr })
    }
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) killTree(child.pid, process.platform, () => child.kill('SIGKILL'))
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
    const ended = (exitCode: number | null, signal: NodeJS.Signals | null) =>
      finish({ wallMs: Number((exitAt ?? process.hrtime.bigint()) - start) / 1e6, exitCode, signal })
    // The clock stops at exit. The pipes close when every process holding them has exited; one that outlives
    // the child (a daemon, a sleeping grandchild) is ended after the grace, with the rest of the group (tree.ts).
    child.on('exit', (exitCode, signal) => {
      exitAt = process.hrtime.bigint()
      // It ended in time: a timeout now would call it timed out, and kill a tree by a PID that is gone.
      clearTimeout(timer)
      grace = setTimeout(() => {
        if (child.pid !== undefined) endStragglers(child.pid)
        ended(exitCode, signal)
      }, PIPE_GRACE_MS)
    })
    child.on('close', ended)
    child.on('error', error => finish({ wallMs: 0, exitCode: null, signal: null, spawnError: error.message }))
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

/** The program that does nothing, built by the launcher crate into the launcher's folder (`fn main() {}`). */
export const EMPTY_PROCESS_BIN = 'wasm-ffi-bench-empty'

/**
 * The argv of a process that does nothing, to measure the harness's own spawn cost. POSIX: `true`, a C program
 * with no runtime to start, on every runner even without the launcher. Windows has no such program (cmd.exe
 * starts a shell), so it is the launcher crate's empty binary; without a launcher, cmd.exe is all there is.
 */
export function emptyProcessArgv(platform: NodeJS.Platform, launcher: string | null, env: NodeJS.ProcessEnv): string[] {
  if (platform !== 'win32') return ['true']
  if (launcher) return [path.win32.join(path.win32.dirname(launcher), exeName(EMPTY_PROCESS_BIN, platform))]
  return [envValue(env, 'ComSpec', platform) ?? 'cmd.exe', '/d', '/c', 'rem']
}
