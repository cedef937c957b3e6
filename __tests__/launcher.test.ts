// The native launcher (launcher/), built for real with cargo: what it passes through, what it times, how it fails,
// and the Node clock that takes over when it cannot be built.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe as suite, it } from 'node:test'
import { buildContext } from '../src/builders/index.js'
import { buildLauncher } from '../src/builders/launcher.js'
import { clockedRun, parseTiming } from '../src/measure/launcher.js'
import { measure } from '../src/measure/runner.js'
import { EMPTY_PROCESS_BIN, failureReason } from '../src/process/spawn.js'
import { exeName } from '../src/toolchains/platform.js'
import type { Results } from '../src/types.js'
import { standInConfig, standInHost } from './fixtures/stand-in-host.js'
import { REPO_ROOT } from './e2e/harness.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-launcher-'))
const cache = path.join(tmp, 'cache')
const node = process.execPath
const POSIX = process.platform !== 'win32'
let launcher: string
let runs = 0

/** Runs argv through the launcher, each run with its own timing file. */
function launched(argv: string[], timeoutMs = 60_000) {
  return clockedRun(argv, { timeoutMs }, { path: launcher, timingFile: path.join(tmp, `timing-${runs++}.json`) })
}

/** PATH where each folder that holds `command` is replaced by a copy of it (symbolic links) without `command`. */
function pathWithout(command: string): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).map((dir, index) => {
    if (!existsSync(path.join(dir, command))) return dir
    const shadow = path.join(tmp, `path-without-${command}`, String(index))
    if (!existsSync(shadow)) {
      mkdirSync(shadow, { recursive: true })
      for (const name of readdirSync(dir)) if (name !== command) symlinkSync(path.join(dir, name), path.join(shadow, name))
    }
    return shadow
  })
  return dirs.join(path.delimiter)
}

/** A process that is gone (a zombie counts as gone: only its parent's reaping is left). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = `/proc/${pid}/stat`
  return !(existsSync(stat) && readFileSync(stat, 'utf8').split(') ')[1]?.startsWith('Z'))
}

after(() => rmSync(tmp, { recursive: true, force: true }))

suite('launcher', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    const built = await buildLauncher(buildContext({ repoRoot: REPO_ROOT, cacheRoot: cache }))
    assert.ok(built.path, `the launcher did not build: ${built.path === null ? built.error : ''}`)
    launcher = built.path
  })
  it('is built once, into the cache, then found there', async () => {
    assert.ok(launcher.startsWith(path.join(cache, 'launcher')), launcher)
    const log: string[] = []
    const again = await buildLauncher(buildContext({ repoRoot: REPO_ROOT, cacheRoot: cache, log: m => log.push(m) }))
    assert.equal(again.path, launcher)
    assert.deepEqual(
      log.map(line => line.replace(/ .*/, '')),
      ['launcher:']
    )
    assert.match(log[0]!, /^launcher: cached /)
  })

  it("holds the empty program beside it, which the Windows spawn cost times (cmd.exe timed a shell's start)", async () => {
    const empty = path.join(path.dirname(launcher), exeName(EMPTY_PROCESS_BIN, process.platform))
    assert.ok(existsSync(empty), `${empty} is missing`)
    const run = await launched([empty])
    assert.equal(failureReason(run, 60_000), null)
    assert.ok(run.cpuMs, 'the launcher timed it')
  })

  it('passes stdout and the exit code through, and times the process', async () => {
    const run = await launched([node, '-e', 'process.stdout.write("hello\\n"); process.exit(3)'])
    assert.equal(run.stdout.toString(), 'hello\n')
    assert.equal(run.exitCode, 3)
    assert.equal(run.signal, null)
    assert.equal(failureReason(run, 60_000), 'exit code 3')
    assert.ok(run.cpuMs && run.cpuMs.user + run.cpuMs.system > 0, JSON.stringify(run.cpuMs))
    assert.ok(run.wallMs > 0)
    // Only macOS counts a process's instructions for its parent (proc_pid_rusage); elsewhere the line has none.
    if (process.platform !== 'darwin') assert.equal(run.instructions, null)
  })

  it('splits user CPU time from waiting: a busy process and a sleeping one', async () => {
    // Busy until the process itself has used 300 ms of user CPU, however loaded the machine is.
    const busy = await launched([node, '-e', 'while (process.cpuUsage().user < 300000) {}'])
    const sleeping = await launched([node, '-e', 'setTimeout(() => {}, 400)'])
    assert.equal(busy.exitCode, 0)
    assert.equal(sleeping.exitCode, 0)
    assert.ok(busy.cpuMs!.user >= 300, `busy user CPU ${busy.cpuMs!.user} ms`)
    assert.ok(busy.wallMs >= busy.cpuMs!.user / os.cpus().length, `busy wall ${busy.wallMs} ms`)
    assert.ok(sleeping.wallMs >= 400, `sleeping wall ${sleeping.wallMs} ms`)
    assert.ok(sleeping.cpuMs!.user < sleeping.wallMs - 200, `sleeping user CPU ${sleeping.cpuMs!.user} ms of ${sleeping.wallMs} ms`)
  })

  it('ends as its child ended: by the same signal', { skip: !POSIX && 'signals are POSIX' }, async () => {
    const run = await launched([node, '-e', 'process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 5000)'])
    assert.equal(run.signal, 'SIGTERM')
    assert.equal(run.exitCode, null)
    assert.match(failureReason(run, 60_000)!, /^killed by SIGTERM/)
  })

  it('says clearly that a missing program could not be started', async () => {
    const missing = path.join(tmp, 'no-such-program')
    const run = await launched([missing])
    assert.match(
      failureReason(run, 60_000)!,
      new RegExp(`^could not start: ${missing.replace(/\\/g, '\\\\')}: .*(not found|No such file)`, 'i')
    )
    assert.equal(run.cpuMs, null)
  })

  it('is ended with its child by a timeout', async () => {
    // The child writes its pid to a file and holds the launcher's stdout: if it outlived the launcher, the run
    // would never end, so the test gives up after a deadline and kills it itself.
    const pidFile = path.join(tmp, 'child.pid')
    const child = `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`
    const started = performance.now()
    const deadline = new Promise<'hung'>(resolve => setTimeout(() => resolve('hung'), 10_000).unref())
    const run = await Promise.race([launched([node, '-e', child], 3_000), deadline])
    const pid = Number(readFileSync(pidFile, 'utf8'))
    // A signalled child ends when it is next scheduled, which on a busy machine can come after the run resolved.
    const gone = performance.now() + 1_000
    while (isRunning(pid) && performance.now() < gone) await new Promise(resolve => setTimeout(resolve, 20))
    const survived = isRunning(pid)
    if (survived) process.kill(pid, 'SIGKILL')
    if (run === 'hung') assert.fail(`the run did not end ${performance.now() - started} ms after it started`)
    assert.ok(run.timedOut)
    assert.equal(survived, false, `the launcher's child ${pid} outlived the timeout`)
  })
})

suite('timing file', () => {
  it('parses a timing line and an error line, and rejects anything else', () => {
    assert.deepEqual(parseTiming('{"wall_ns":1500000,"user_ns":1000,"system_ns":0}\n'), { wall_ns: 1.5e6, user_ns: 1000, system_ns: 0 })
    assert.deepEqual(parseTiming('{"error":"x: not found"}'), { error: 'x: not found' })
    assert.throws(() => parseTiming(''), /empty timing file/)
    assert.throws(() => parseTiming('{"wall_ns":-1,"user_ns":0,"system_ns":0}'), /"wall_ns" is not a non-negative number/)
    assert.throws(() => parseTiming('{"wall_ns":1,"user_ns":"0","system_ns":0}'), /"user_ns"/)
    assert.throws(() => parseTiming('{"wall_ns":1,'), SyntaxError)
  })

  it("reads macOS's instruction count when the line has one, 0 (a virtual machine) included", () => {
    const line = (instructions: unknown) => JSON.stringify({ wall_ns: 2, user_ns: 1, system_ns: 0, instructions })
    assert.deepEqual(parseTiming(line(655_000_123)), { wall_ns: 2, user_ns: 1, system_ns: 0, instructions: 655_000_123 })
    assert.equal((parseTiming(line(0)) as { instructions: number }).instructions, 0)
    for (const bad of [-1, 1.5, '7', 2 ** 64]) assert.throws(() => parseTiming(line(bad)), /"instructions" is not a non-negative integer/)
  })
})

suite('without a launcher', { timeout: 15 * 60_000 }, () => {
  it('is not built without cargo, and says why', async () => {
    const ctx = buildContext({ repoRoot: REPO_ROOT, cacheRoot: cache, env: { ...process.env, PATH: pathWithout('cargo') } })
    assert.deepEqual(await buildLauncher(ctx), {
      path: null,
      error: 'cargo not found on PATH (install Rust with rustup, e.g. dtolnay/rust-toolchain)'
    })
  })

  it('is not built from broken sources, and says why', async () => {
    const repo = path.join(tmp, 'broken-repo')
    cpSync(path.join(REPO_ROOT, 'launcher'), path.join(repo, 'launcher'), {
      recursive: true,
      filter: src => !src.includes(`${path.sep}target`)
    })
    writeFileSync(path.join(repo, 'launcher', 'src', 'main.rs'), 'fn main() { this is not rust }\n')
    const built = await buildLauncher(buildContext({ repoRoot: repo, cacheRoot: path.join(tmp, 'broken-cache') }))
    assert.equal(built.path, null)
    assert.match(built.path === null ? built.error : '', /^cargo build: exit code 101/)
  })

  it('measures with the Node clock and records it; with the launcher, CPU times too', async () => {
    const script = path.join(tmp, 'host.js')
    writeFileSync(script, 'console.log("Vector length: 3")\n')
    const host = standInHost(tmp, () => [node, script])
    const config = standInConfig(host, { iterations: 3, warmup: 1 })
    const revisions = [{ label: 'head', build: { guest: { workload: script, ffi: null }, hosts: [host], failures: [] } }]
    const options = { workDir: path.join(tmp, 'measure'), progress: { round: () => {} }, timeoutMs: 60_000, env: process.env }
    const fallback = await measure(revisions, config, {
      ...options,
      launcher: { path: null, error: 'cargo not found on PATH' }
    })
    const fallbackRun = fallback.revisions[0]!.hosts[0]!
    assert.deepEqual(fallback.clock, { source: 'node', note: 'launcher not built: cargo not found on PATH' })
    assert.equal(fallbackRun.status, 'ok', fallbackRun.error)
    assert.equal(fallbackRun.wall_ms.length, 3)
    assert.equal(fallbackRun.cpu_ms, null)
    assert.equal(fallback.spawn_ms.length, 3)

    const timed = await measure(revisions, config, { ...options, launcher: { path: launcher } })
    const timedRun = timed.revisions[0]!.hosts[0]!
    assert.deepEqual(timed.clock, { source: 'launcher', note: null })
    assert.equal(timedRun.status, 'ok', timedRun.error)
    assert.equal(timedRun.wall_ms.length, 3)
    assert.equal(timedRun.cpu_ms!.user.length, 3)
    assert.equal(timedRun.cpu_ms!.system.length, 3)
    assert.equal(timed.spawn_ms.length, 3)
  })

  it('the CLI warns in one line, and the results and the report name the clock', () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'wfb-cli-node-clock-'))
    const args = [
      path.join(REPO_ROOT, 'dist', 'cli.js'),
      '--hosts',
      'node',
      '--iterations',
      '2',
      '--warmup',
      '0',
      '--no-ffi',
      '--instructions',
      'off'
    ]
    const run = spawnSync(node, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, PATH: pathWithout('cargo') } })
    assert.equal(run.status, 0, run.stderr)
    const warnings = run.stderr.split('\n').filter(line => line.startsWith('warning:') && line.includes('launcher'))
    assert.deepEqual(warnings, [
      "warning: launcher: cargo not found on PATH (install Rust with rustup, e.g. dtolnay/rust-toolchain); wall times fall back to Node's spawn-to-exit clock"
    ])
    const results = JSON.parse(readFileSync(path.join(cwd, '.wasm-ffi-bench', 'results.json'), 'utf8')) as Results
    assert.equal(results.harness.clock.source, 'node')
    assert.equal(results.hosts[0]!.workload.cpu_ms, null)
    assert.match(run.stdout, /Wall times from Node \(spawn to 'exit' event\): launcher not built: cargo not found on PATH/)
    assert.doesNotMatch(run.stdout, /CPU time per workload run/)
  })
})
