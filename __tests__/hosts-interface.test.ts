// Every host on both guest modules, for real: identical guest output, parseable reports with positive phase
// times, per-call costs with their loop costs, a runtime version; and the bad cases end with a clear message, never
// a hang.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { buildAll, buildContext } from '../src/builders/index.js'
import { parseReport } from '../src/measure/report-file.js'
import { findWasmRustc } from '../src/toolchains/rust.js'
import { FFI_METRICS } from '../src/vocabulary.js'
import type { BuildOutput, RunnableHost } from '../src/types.js'
import { REPO_ROOT } from './e2e/harness.js'

const HOSTS = ['native', 'go', 'python', 'rust', 'node']
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-hosts-'))
let build: BuildOutput
let trapWasm: string

function run(argv: string[], cwd: string) {
  return spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', timeout: 120_000 })
}

before(async () => {
  build = await buildAll({ repoRoot: REPO_ROOT, hosts: HOSTS, guest: null, wasm: null, ffi: true })
  assert.deepEqual(build.failures, [])
  // A guest that traps: a WASI command whose main panics (panic=abort on wasm: an `unreachable` trap).
  const rustc = await findWasmRustc(buildContext({ repoRoot: REPO_ROOT }))
  const source = path.join(tmp, 'trap.rs')
  writeFileSync(source, 'fn main() { let v: Vec<u8> = Vec::new(); if v.is_empty() { panic!("guest trapped on purpose") } }\n')
  trapWasm = path.join(tmp, 'trap.wasm')
  const compiled = spawnSync(rustc.rustc, ['--edition', '2021', '--target', rustc.target, '-C', 'panic=abort', source, '-o', trapWasm], {
    encoding: 'utf8'
  })
  assert.equal(compiled.status, 0, compiled.stderr)
})

const byName = (name: string): RunnableHost => build.hosts.find(h => h.name === name)!

test('the workload prints the same bytes on every host, and the reports hold positive phase times', () => {
  const outputs = new Map<string, string>()
  for (const host of build.hosts) {
    const report = path.join(tmp, `${host.name}-workload.jsonl`)
    const result = run(host.workloadArgv(build.guest.workload, report, []), host.cwd)
    assert.equal(result.status, 0, `${host.name}: ${result.stderr}`)
    outputs.set(host.name, result.stdout)
    assert.ok(host.version.match(/^\d+\.\d+\.\d+/), `${host.name} reports a runtime version, got "${host.version}"`)
    if (!host.reportsPhases) continue
    const phases = parseReport(readFileSync(report, 'utf8')).phases_ns!
    for (const [phase, ns] of Object.entries(phases)) assert.ok(ns > 0, `${host.name} ${phase} = ${ns}`)
  }
  assert.match(outputs.get('native')!, /^Vector length: 999999\nVector sum divided by total loops: [\d.]+\n$/)
  for (const [name, output] of outputs) assert.equal(output, outputs.get('native'), `${name} prints what native prints`)
  assert.equal(byName('native').reportsPhases, false, 'the CLI has no in-process phases')
})

test('the ffi module gives per-call costs on every host but native, with the loop costs measured and subtracted', () => {
  for (const host of build.hosts) {
    const report = path.join(tmp, `${host.name}-ffi.jsonl`)
    const argv = host.ffiArgv(build.guest.ffi!, report)
    if (host.name === 'native') {
      assert.equal(argv, null, 'the CLI cannot report per-call costs')
      continue
    }
    const result = run(argv!, host.cwd)
    assert.equal(result.status, 0, `${host.name}: ${result.stderr}`)
    const parsed = parseReport(readFileSync(report, 'utf8'))
    assert.deepEqual(Object.keys(parsed.ffi!).sort(), [...FFI_METRICS].sort())
    // A loop the compiler had deleted would take ~0 ns per iteration; no CPU runs a real one in under 0.05 ns.
    for (const loop of ['loop_ns', 'guest_loop_ns'] as const) assert.ok(parsed[loop]! > 0.05, `${host.name} ${loop} = ${parsed[loop]}`)
    for (const [metric, value] of Object.entries(parsed.ffi!)) assert.ok(value >= 0, `${host.name} ${metric} = ${value}`)
    assert.ok(parsed.ffi!.memory_copy_ns_per_kib > 0, `${host.name}: copying bytes into the guest costs something`)
    assertTimedRunsLongEnough(host.name, readFileSync(report, 'utf8'))
  }
})

/** Every timed run of the calibration lasted at least half the 100 ms target, however busy the machine. */
function assertTimedRunsLongEnough(host: string, reportText: string): void {
  type Line = { ffi: Record<string, number>; loop_ns: number; guest_loop_ns: number; calls: Record<string, number> }
  const { ffi, loop_ns, guest_loop_ns, calls } = JSON.parse(reportText.trim()) as Line
  const perIteration: Record<string, number> = {
    loop: loop_ns,
    guest_loop: guest_loop_ns,
    export_noop: ffi.export_noop_ns + loop_ns,
    export_add: ffi.export_add_ns + loop_ns,
    import_noop: ffi.import_noop_ns + guest_loop_ns,
    memory: ffi.memory_copy_ns_per_kib * 1024 + loop_ns
  }
  for (const [run, ns] of Object.entries(perIteration)) {
    assert.ok(calls[run] * ns >= 50e6, `${host} ${run}: ${calls[run]} iterations × ${ns} ns is under half the target`)
  }
}

test('--calls runs every ffi loop the given number of times, the same on every host; a bad value is a usage error', () => {
  const calls = { loop: 3, guest_loop: 4, export_noop: 50, export_add: 60, import_noop: 70, memory: 2 }
  const spec = Object.entries(calls)
    .map(([loop, n]) => `${loop}=${n}`)
    .join(',')
  for (const host of build.hosts) {
    const argv = host.ffiArgv(build.guest.ffi!, path.join(tmp, `${host.name}-calls.jsonl`))
    if (!argv) continue
    const result = run([...argv, '--calls', spec], host.cwd)
    assert.equal(result.status, 0, `${host.name}: ${result.stderr}`)
    const report = JSON.parse(readFileSync(path.join(tmp, `${host.name}-calls.jsonl`), 'utf8').trim()) as { calls: unknown }
    assert.deepEqual(report.calls, calls, host.name)
    for (const bad of ['loop=3', `${spec},foo=1`, spec.replace('memory=2', 'memory=0'), spec.replace('loop=3', 'loop=+3')]) {
      const refused = run([...argv, '--calls', bad], host.cwd)
      assert.equal(refused.status, 2, `${host.name} --calls ${bad}: ${refused.stderr}`)
      assert.match(
        refused.stderr,
        /^error: --calls (needs a count for each of|takes LOOP=N for each of) loop, guest_loop, export_noop/,
        host.name
      )
    }
  }
})

test('an ffi report without the current figures or loop costs is refused with the missing name', () => {
  const loops = '"loop_ns": 0.4, "guest_loop_ns": 0.2'
  const old = `{"ffi": {"export_noop_ns": 1, "export_add_ns": 1, "import_noop_ns": 1, "memory_ns_per_kib": 1}, ${loops}}`
  assert.throws(() => parseReport(old), /"ffi" has no "memory_copy_ns_per_kib"/)
  const noLoop = '{"ffi": {"export_noop_ns": 1, "export_add_ns": 1, "import_noop_ns": 1, "memory_copy_ns_per_kib": 1}}'
  assert.throws(() => parseReport(noLoop), /"loop_ns" must be a non-negative number/)
  assert.equal(parseReport(noLoop.replace(/}$/, `, ${loops}}`)).guest_loop_ns, 0.2)
})

test('the node host records the V8 flags that shape its per-call figures, as the process runs them', () => {
  const node = byName('node')
  const versionArgv = (execArgv: string[]) => {
    const [exe, ...rest] = node.ffiArgv(build.guest.ffi!, 'unused')!.slice(0, 2)
    return [exe, ...execArgv, ...rest, 'version']
  }
  type NodeVersion = { version: string; notes: string; flags: { exec_argv: string[]; v8: Record<string, boolean> } }
  const line = (execArgv: string[]): NodeVersion => {
    const result = run(versionArgv(execArgv), node.cwd)
    assert.equal(result.status, 0, result.stderr)
    return JSON.parse(result.stdout) as NodeVersion
  }
  const defaults = line([])
  assert.equal(defaults.version, process.versions.node)
  assert.deepEqual(defaults.flags.exec_argv, [])
  assert.equal(defaults.flags.v8['turbo-inline-js-wasm-calls'], true, 'JS-to-Wasm wrapper inlining is on by default')
  assert.equal(defaults.flags.v8.liftoff, true)
  assert.match(defaults.notes, /JIT best case/)
  const overridden = line(['--no-liftoff'])
  assert.deepEqual(overridden.flags.exec_argv, ['--no-liftoff'])
  assert.equal(overridden.flags.v8.liftoff, false)
})

const BAD_MODULES: Array<[string, () => string, RegExp]> = [
  ['a missing .wasm', () => path.join(tmp, 'missing.wasm'), /missing\.wasm/],
  ['a module without _start', () => build.guest.ffi!, /_start/],
  ['a guest that traps', () => trapWasm, /trap|unreachable|panick/i]
]

for (const [what, wasm, message] of BAD_MODULES) {
  test(`${what}: every host exits non-zero with a clear message`, () => {
    for (const host of build.hosts) {
      const result = run(host.workloadArgv(wasm(), path.join(tmp, 'bad.jsonl'), []), host.cwd)
      assert.equal(result.error, undefined, `${host.name} did not hang`)
      assert.notEqual(result.status, 0, `${host.name} exit status`)
      assert.match(result.stderr, message, `${host.name}: ${result.stderr}`)
    }
  })
}

test('the CLI refuses a module without _start and a missing .wasm before measuring; a trapping guest fails its rows', () => {
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js')
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'wfb-cli-'))
  const noStart = spawnSync(process.execPath, [cli, '--wasm', build.guest.ffi!, '--iterations', '1', '--instructions', 'off'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000
  })
  assert.equal(noStart.status, 1)
  assert.match(noStart.stderr, /error: wasm: .*has no _start export \(it must be a WASI command module\)/)

  const trap = spawnSync(
    process.execPath,
    [cli, '--wasm', trapWasm, '--iterations', '1', '--warmup', '0', '--hosts', 'native,rust,node', '--instructions', 'off'],
    {
      cwd,
      encoding: 'utf8',
      timeout: 120_000
    }
  )
  assert.equal(trap.status, 1)
  for (const host of ['native', 'rust', 'node']) assert.match(trap.stderr, new RegExp(`warning: ${host} failed: workload: exit code \\d+`))
  assert.match(trap.stdout, /failed/)
  assert.doesNotMatch(trap.stderr, /^\s+at /m)
})
