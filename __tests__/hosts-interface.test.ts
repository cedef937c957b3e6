// Every host on both guest modules, for real: identical guest output, parseable reports with positive phase
// times and per-call costs, a runtime version; and the bad cases end with a clear message, never a hang.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { buildAll, buildContext } from '../src/builders/index.js'
import { parseReport } from '../src/measure/report-file.js'
import { findWasmRustc } from '../src/toolchains/rust.js'
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

test('the ffi module gives positive per-call costs on every host but native', () => {
  for (const host of build.hosts) {
    const report = path.join(tmp, `${host.name}-ffi.jsonl`)
    const argv = host.ffiArgv(build.guest.ffi!, report)
    if (host.name === 'native') {
      assert.equal(argv, null, 'the CLI cannot report per-call costs')
      continue
    }
    const result = run(argv!, host.cwd)
    assert.equal(result.status, 0, `${host.name}: ${result.stderr}`)
    const ffi = parseReport(readFileSync(report, 'utf8')).ffi!
    assert.deepEqual(Object.keys(ffi).sort(), ['export_add_ns', 'export_noop_ns', 'import_noop_ns', 'memory_ns_per_kib'])
    for (const [metric, value] of Object.entries(ffi)) assert.ok(value > 0, `${host.name} ${metric} = ${value}`)
  }
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
  const noStart = spawnSync(process.execPath, [cli, '--wasm', build.guest.ffi!, '--iterations', '1'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000
  })
  assert.equal(noStart.status, 1)
  assert.match(noStart.stderr, /error: wasm: .*has no _start export \(it must be a WASI command module\)/)

  const trap = spawnSync(process.execPath, [cli, '--wasm', trapWasm, '--iterations', '1', '--warmup', '0', '--hosts', 'native,rust,node'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000
  })
  assert.equal(trap.status, 1)
  for (const host of ['native', 'rust', 'node']) assert.match(trap.stderr, new RegExp(`warning: ${host} failed: workload: exit code \\d+`))
  assert.match(trap.stdout, /failed/)
  assert.doesNotMatch(trap.stderr, /^\s+at /m)
})
