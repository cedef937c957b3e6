// The Windows check: the launcher, the rust and go hosts cross-built for x86_64-pc-windows-gnu and Node for Windows
// (scripts/windows-build.sh), run under Wine. Each host's guest output must be byte-identical to its Linux build's,
// its phases and per-call figures present and positive; the launcher must time, pass exit codes on and end a
// process tree on timeout through the harness's own win32 code; the bundled CLI must run on Windows Node.
// Wine gives no CPU times (GetProcessTimes reads zero there), so only their presence is checked.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { build as bundle } from 'esbuild'
import { buildAll } from '../src/builders/index.js'
import { parseReport } from '../src/measure/report-file.js'
import { parseTiming } from '../src/measure/launcher.js'
import { parseVersionLine } from '../src/builders/hosts.js'
import { validateResultsFile } from '../src/publish/validate-results.js'
import { FFI_METRICS, PHASES } from '../src/vocabulary.js'
import type { BuildOutput, RunnableHost } from '../src/types.js'
import { REPO_ROOT } from './e2e/harness.js'
import { windowsBuild, wine, winPath, type WindowsBuild } from './fixtures/wine.js'

const found = windowsBuild()
const skip = 'skip' in found ? found.skip : false
const win = 'build' in found ? found.build : ({} as WindowsBuild)
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-windows-'))
const HOSTS = ['rust', 'go', 'node'] as const
let linux: BuildOutput

/** The Windows argv of a host: its .exe, or Windows Node with the host's script. */
function windowsHost(name: (typeof HOSTS)[number]): string[] {
  if (name === 'node') return [win.node, winPath(path.join(REPO_ROOT, 'hosts', 'node', 'host.mjs'))]
  return [win[name]]
}

const linuxHost = (name: string): RunnableHost => linux.hosts.find(h => h.name === name)!
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

before(async () => {
  if (skip) return
  linux = await buildAll({ repoRoot: REPO_ROOT, hosts: [...HOSTS], guest: null, wasm: null, ffi: true })
  assert.deepEqual(linux.failures, [])
})

test('each Windows host reports the runtime and version of its Linux build', { skip }, () => {
  for (const name of HOSTS) {
    const run = wine(win, [...windowsHost(name), 'version'])
    assert.equal(run.status, 0, `${name}: ${run.stderr}`)
    const parsed = parseVersionLine(run.stdout)
    assert.deepEqual(
      parsed && { runtime: parsed.runtime, version: parsed.version },
      { runtime: linuxHost(name).runtime, version: linuxHost(name).version },
      `${name} on Windows`
    )
  }
})

test(
  'the workload prints the bytes the Linux host prints, and every phase is above zero (the go host: QueryPerformanceCounter)',
  { skip },
  () => {
    for (const name of HOSTS) {
      const host = linuxHost(name)
      const linuxOut = runLinux(host.workloadArgv(linux.guest.workload, path.join(tmp, `${name}-linux.jsonl`), []), host.cwd)
      const report = path.join(tmp, `${name}-windows.jsonl`)
      const run = wine(win, [...windowsHost(name), 'workload', winPath(linux.guest.workload), '--report', winPath(report)])
      assert.equal(run.status, 0, `${name}: ${run.stderr}`)
      const phases = parseReport(readFileSync(report, 'utf8')).phases_ns!
      const shown = PHASES.map(phase => `${phase} ${(phases[phase] / 1e6).toFixed(3)} ms`).join(', ')
      console.log(`windows ${name}: guest output sha256 ${sha256(run.stdout)} (linux ${name}: ${sha256(linuxOut)}); phases ${shown}`)
      assert.equal(run.stdout, linuxOut, `${name} on Windows prints what it prints on Linux`)
      for (const phase of PHASES) assert.ok(phases[phase] > 0, `${name} ${phase} = ${phases[phase]} ns`)
    }
  }
)

test('the ffi module gives every per-call figure, positive, on each Windows host', { skip }, () => {
  for (const name of HOSTS) {
    const report = path.join(tmp, `${name}-windows-ffi.jsonl`)
    const run = wine(win, [...windowsHost(name), 'ffi', winPath(linux.guest.ffi!), '--report', winPath(report)])
    assert.equal(run.status, 0, `${name}: ${run.stderr}`)
    const parsed = parseReport(readFileSync(report, 'utf8'))
    assert.deepEqual(Object.keys(parsed.ffi!).sort(), [...FFI_METRICS].sort())
    const shown = FFI_METRICS.map(metric => `${metric} ${parsed.ffi![metric].toFixed(1)}`).join(', ')
    console.log(`windows ${name}: ffi ${shown}`)
    for (const metric of FFI_METRICS) assert.ok(parsed.ffi![metric] > 0, `${name} ${metric} = ${parsed.ffi![metric]}`)
    for (const loop of ['loop_ns', 'guest_loop_ns'] as const) assert.ok(parsed[loop]! > 0, `${name} ${loop} = ${parsed[loop]}`)
  }
})

test('the launcher times the empty process, passes an exit code on, and says 127 for a program it cannot start', { skip }, () => {
  const timing = path.join(tmp, 'timing.json')
  const empty = wine(win, [win.launcher, winPath(timing), win.empty])
  assert.equal(empty.status, 0, empty.stderr)
  const line = readFileSync(timing, 'utf8')
  const parsed = parseTiming(line)
  assert.ok('wall_ns' in parsed && parsed.wall_ns > 0, line)
  console.log(`windows launcher: empty process ${line.trim()}`)

  const exit = wine(win, [win.launcher, winPath(timing), win.node, '-e', 'process.exitCode = 42'])
  assert.equal(exit.status, 42, exit.stderr)
  assert.ok('wall_ns' in parseTiming(readFileSync(timing, 'utf8')))
  console.log(`windows launcher: a child's exit code 42 came back as ${exit.status}`)

  const missing = wine(win, [win.launcher, winPath(timing), winPath(path.join(tmp, 'no-such-program.exe'))])
  assert.equal(missing.status, 127)
  const error = parseTiming(readFileSync(timing, 'utf8'))
  assert.ok('error' in error && error.error.includes('no-such-program.exe'), JSON.stringify(error))
  console.log(`windows launcher: a program that cannot start gives exit ${missing.status} and ${JSON.stringify(error)}`)
})

test('a timeout ends the whole tree under the launcher, through the harness win32 process layer on Windows Node', { skip }, async () => {
  const driver = path.join(tmp, 'tree-kill.mjs')
  await bundle({
    entryPoints: [path.join(REPO_ROOT, '__tests__', 'wine', 'tree-kill.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: driver,
    logLevel: 'error'
  })
  const result = path.join(tmp, 'tree-kill.json')
  const heartbeat = path.join(tmp, 'heartbeat')
  const run = wine(win, [
    win.node,
    winPath(driver),
    win.launcher,
    winPath(path.join(tmp, 'kill-timing.json')),
    winPath(heartbeat),
    winPath(result)
  ])
  assert.equal(run.status, 0, run.stderr)
  const outcome = JSON.parse(readFileSync(result, 'utf8')) as {
    timedOut: boolean
    wallMs: number
    atReturn: number
    threeSecondsLater: number
  }
  console.log(
    `windows launcher: timeout after ${Math.round(outcome.wallMs)} ms; grandchild heartbeats ${outcome.atReturn}, 3 s later ${outcome.threeSecondsLater}`
  )
  assert.equal(outcome.timedOut, true)
  assert.ok(outcome.atReturn > 0, 'the grandchild ran')
  assert.equal(outcome.threeSecondsLater, outcome.atReturn, 'the grandchild ended with the tree')
})

test('the bundled CLI runs on Windows Node: it measures the node host and reports the hosts it cannot build', { skip }, () => {
  const work = mkdtempSync(path.join(tmp, 'cli-'))
  const output = path.join(work, 'results.json')
  const argv = ['--hosts', 'node,go,rust', '--optional-hosts', 'go,rust', '--wasm', winPath(linux.guest.workload), '--no-ffi']
  argv.push('--iterations', '3', '--warmup', '1', '--output', winPath(output), '--markdown', winPath(path.join(work, 'comment.md')))
  const run = wine(win, [win.node, winPath(path.join(REPO_ROOT, 'dist', 'cli.js')), ...argv], { cwd: work })
  writeFileSync(path.join(work, 'log.txt'), run.stdout + run.stderr)
  assert.equal(run.status, 0, run.stdout + run.stderr)
  const validated = validateResultsFile(output)
  assert.ok(validated.results, JSON.stringify(validated.refused))
  const { runner, hosts } = validated.results
  assert.equal(runner.os, 'Windows')
  const node = hosts.find(h => h.name === 'node')!
  assert.equal(node.status, 'ok')
  const wall = node.workload?.wall_ms
  assert.equal(wall?.n, 3)
  for (const name of ['go', 'rust']) {
    const host = hosts.find(h => h.name === name)!
    assert.equal(host.status, 'failed')
    assert.match(host.error ?? '', /not found on PATH/)
  }
  const where = (run.stdout + run.stderr).split(/\r?\n/).filter(line => /^(launcher|go|rust|node): /.test(line))
  console.log(`windows CLI on Windows Node: node measured (median ${wall!.median} ms over 3 rounds); ${where.join(' | ')}`)
})

function runLinux(argv: string[], cwd: string): string {
  const result = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', timeout: 120_000 })
  assert.equal(result.status, 0, result.stderr)
  return result.stdout
}
