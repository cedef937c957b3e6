// A Python host's own functions, which cachegrind sees as CPython's eval loop: the real python host's workload run
// with its lines counted (instructions/python-lines.ts) names them, a busy loop added to one of them is the top
// entry with its file and line, and two runs of the same host list nothing.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { buildContext, buildGuest, buildHosts } from '../src/builders/index.js'
import { countNoise, diffFunctions } from '../src/instructions/function-diff.js'
import { mergeProfiles, type Profile } from '../src/instructions/profile.js'
import { parsePythonLines, pythonLayerOf, pythonLinesArgv } from '../src/instructions/python-lines.js'
import type { GuestModules, RunnableHost } from '../src/types.js'
import { REPO_ROOT } from './e2e/harness.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-python-lines-'))
let host: RunnableHost
let guest: GuestModules

before(async () => {
  const ctx = buildContext({ repoRoot: REPO_ROOT })
  guest = await buildGuest(ctx, { guest: null, wasm: null })
  const built = await buildHosts(['python'], ctx)
  assert.deepEqual(built.failures, [])
  host = built.hosts[0]
})

/** The workload run of the host (or of `script`, a changed copy of its host.py) with its lines counted. */
function countLines(script?: string): Profile {
  const argv = host.workloadArgv(guest.workload, path.join(tmp, 'report.jsonl'), ['1000'])
  if (script) argv[1] = script
  const out = path.join(tmp, 'lines.json')
  const traced = pythonLinesArgv(argv, out)!
  const run = spawnSync(traced[0], traced.slice(1), {
    cwd: host.cwd,
    env: { ...process.env, ...host.env, ...host.counted.env },
    encoding: 'utf8'
  })
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /^Vector length: 1000\n/, "the guest's output is the untraced run's")
  return parsePythonLines(readFileSync(out, 'utf8'))
}

const diff = (head: Profile[], base: Profile[]) => {
  const [h, b] = [mergeProfiles(head), mergeProfiles(base)]
  return diffFunctions(h, b, countNoise(h.totals, b.totals), undefined, pythonLayerOf)
}

test('the python host is marked for line counts, a script run is traced and `python -m` is not', () => {
  assert.equal(host.counted.pythonLines, true)
  assert.equal(pythonLinesArgv(['python', '-m', 'host', 'workload'], 'out.json'), null)
  assert.equal(pythonLinesArgv(['python', '-X', 'dev', 'host.py'], 'out.json'), null)
  const argv = pythonLinesArgv(['python', 'host.py', 'workload', 'w.wasm'], 'out.json')!
  assert.deepEqual([argv[0], argv[1], ...argv.slice(3)], ['python', '-c', 'out.json', 'host.py', 'workload', 'w.wasm'])
})

test("a workload run's lines name the host's functions, wasmtime-py's and the standard library's", () => {
  const profile = countLines()
  const layer = (name: string) => {
    const fn = profile.functions.get(name)
    assert.ok(fn, `${name} among ${[...profile.functions.keys()].slice(0, 20).join(', ')}`)
    return pythonLayerOf(name, [...fn.lines.keys()][0].replace(/:\d+$/, ''))
  }
  assert.equal(layer('host.cmd_workload'), 'host')
  assert.equal(layer('wasm_runtime.Runtime.instantiate'), 'host')
  assert.equal(layer('wasmtime._linker.Linker.instantiate'), 'binding')
  assert.equal(layer('json.dumps'), 'runtime')
  assert.equal(
    [...profile.functions.values()].reduce((n, fn) => n + fn.instructions, 0),
    profile.total
  )
})

test('two runs of the same host list no function; a busy loop in one function is named with its file and line', () => {
  const base = [countLines(), countLines()]
  const same = diff([countLines(), countLines()], base)
  assert.deepEqual(same.changes, [], 'an A/A comparison lists nothing')

  // The head: the host with a loop added to Runtime.instantiate (wasm_runtime.py).
  const head = path.join(tmp, 'head')
  cpSync(path.join(REPO_ROOT, 'hosts', 'python'), head, { recursive: true, filter: source => !/__pycache__|\.deps$/.test(source) })
  const runtimeFile = path.join(head, 'wasm_runtime.py')
  const source = readFileSync(runtimeFile, 'utf8')
  const anchor = '    def instantiate(self, module, path):\n'
  assert.ok(source.includes(anchor))
  writeFileSync(runtimeFile, source.replace(anchor, `${anchor}        spin = 0\n        for i in range(20000):\n            spin += i\n`))
  const loopLine = source.slice(0, source.indexOf(anchor)).split('\n').length + 2

  const changed = diff([countLines(path.join(head, 'host.py')), countLines(path.join(head, 'host.py'))], base)
  const top = changed.changes[0]
  assert.equal(top.function, 'wasm_runtime.Runtime.instantiate')
  assert.equal(top.layer, 'host')
  assert.equal(top.file, runtimeFile)
  assert.equal(top.line, loopLine)
  assert.ok(top.delta >= 40_000, `${top.delta} more lines`)
  assert.ok(
    changed.changes.slice(1).every(c => c.file !== runtimeFile && Math.abs(c.delta) < 100),
    JSON.stringify(changed.changes.slice(1, 5))
  )
})
