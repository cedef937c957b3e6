// The functions behind an instruction change in the comment (collapsed under the host's row), escaped; and the
// results that carry them, checked like the rest, with @3's per-call keys still read.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { validateResults } from '../src/publish/validate-results.js'
import { FUNCTIONS_BUDGET, functionChangeSections, shortFile } from '../src/report/function-changes.js'
import { renderCombinedReport, renderTerminal } from '../src/report/markdown.js'
import { parseConfig } from '../src/config.js'
import { RESULTS_SCHEMA, type FunctionChange, type FunctionChanges, type Results } from '../src/types.js'
import { comparison, countedHost, INSTRUCTION_RUN, results as fixture } from './fixtures/report-results.js'

const REVISION = {
  kind: 'revision',
  commit: 'f'.repeat(40),
  source: 'base of the pull request',
  note: null,
  rounds: 20,
  seconds: 60,
  decided: true
} as const

function change(fn: string, delta: number, overrides: Partial<FunctionChange> = {}): FunctionChange {
  return {
    function: fn,
    layer: 'host',
    file: './wasm-ffi-bench/hosts/go/main.go',
    line: 182,
    base: 1000,
    head: 1000 + delta,
    delta,
    relative: delta / 1000,
    ...overrides
  }
}

const CHANGES: FunctionChanges = {
  workload: {
    noise: 98_000,
    changes: [
      change('main.readModule', 8_000_016, { base: 0, head: 8_000_016, relative: null }),
      change('runtime.mallocgc', 150_000, { layer: 'runtime', file: './runtime/malloc.go', line: 1100 })
    ],
    within_noise: 211
  },
  per_call: {
    export_add: {
      noise: 3,
      changes: [change('main.addWrapper', 11, { base: 0, head: 11, relative: null, file: './wasm-ffi-bench/hosts/go/ffi.go', line: 201 })],
      within_noise: 4
    }
  }
}

function run(changes: FunctionChanges | null, verdict: 'regression' | '~' = 'regression'): Results {
  return fixture({
    compared_with: REVISION,
    instructions: INSTRUCTION_RUN,
    hosts: [countedHost('native', [600e6]), countedHost('go', [610e6], null, {}), countedHost('python', [900e6])].map(h =>
      h.name === 'go' && h.instructions ? { ...h, instructions: { ...h.instructions, function_changes: changes } } : h
    ),
    comparisons: [
      comparison('go', 'overhead', 0.04, { verdict }),
      comparison('go', 'instructions', 0.0131, { verdict, unit: 'instructions', ci_level: 1 }),
      comparison('python', 'instructions', 0, { verdict: '~', unit: 'instructions', ci_level: 1 })
    ]
  })
}

test('a host whose count changed: its functions collapsed under the table, with layer and file:line; the others nothing', () => {
  const text = functionChangeSections(run(CHANGES), 'markdown')
  assert.match(text, /^<details><summary>go: the functions behind the instruction change \+1\.31%, head against base<\/summary>/)
  assert.match(text, /\| main\.readModule +\| host program +\| hosts\/go\/main\.go:182 +\| 0 +\| 8,000,016 +\| \+8,000,016 \(new\) +\|/)
  assert.match(text, /runtime\.mallocgc +\| language runtime +\| runtime\/malloc\.go:1100/)
  assert.match(text, /Per call, export add/)
  assert.match(text, /main\.addWrapper +\| host program +\| hosts\/go\/ffi\.go:201 +\| 0 +\| 11\.0 +\| \+11\.0 \(new\)/)
  assert.match(text, /New on this path: main\.addWrapper \(host program, hosts\/go\/ffi\.go:201, \+11\.0\)\./)
  assert.match(text, /Left out as noise: 211 functions that moved by less than 98,000 instructions/)
  assert.doesNotMatch(text, /python/)
  const comment = renderCombinedReport([run(CHANGES)])
  assert.ok(
    comment.indexOf('<summary>go: the functions') < comment.indexOf('<details><summary>Details'),
    'above the details, under the rows'
  )
})

test("a Python host's functions by lines executed, under its instruction changes, in a unit of their own", () => {
  const pythonChanges: FunctionChanges = {
    workload: {
      noise: 450_000,
      changes: [change('_PyEval_EvalFrameDefault', 2_400_000, { layer: 'runtime', file: '/tmp/Python-3.11.7/Python/ceval.c', line: 1197 })],
      within_noise: 120
    },
    per_call: null,
    python_lines: {
      noise: 97,
      changes: [
        change('wasm_runtime.Runtime.instantiate', 40_000, {
          base: 4,
          head: 40_004,
          relative: 10_000,
          file: '/home/runner/work/x/x/hosts/python/wasm_runtime.py',
          line: 99
        }),
        change('wasmtime._linker.Linker.instantiate', -12, {
          layer: 'binding',
          file: '/home/runner/.cache/wasm-ffi-bench/hosts/python-linux-x64-1/venv/lib/python3.11/site-packages/wasmtime/_linker.py',
          line: 180
        })
      ],
      within_noise: 3
    }
  }
  const text = functionChangeSections(run(pythonChanges), 'markdown')
  assert.match(text, /Python functions \(source lines executed in the workload; noise 97 lines\):/)
  assert.match(text, /\| Python function +\| layer +\| where +\| base lines +\| head lines +\| change +\|/)
  assert.match(
    text,
    /\| wasm\\_runtime\.Runtime\.instantiate +\| host program +\| hosts\/python\/wasm\\_runtime\.py:99 +\| 4 +\| 40,004 +\| \+40,000/
  )
  assert.match(text, /wasmtime\.\\_linker\.Linker\.instantiate +\| binding +\| wasmtime\/\\_linker\.py:180 +\| 1,000 +\| 988 +\| -12 \(/)
  assert.doesNotMatch(text, /\/home\/runner/)
  const lines = run(pythonChanges).hosts[1].instructions!.function_changes!.python_lines!
  const checked = validateResults(JSON.parse(JSON.stringify(run(pythonChanges))) as Record<string, unknown>)
  assert.deepEqual(checked.results?.hosts[1].instructions?.function_changes?.python_lines, lines)
  // Only Python lines beyond the noise still make a list, the count itself unchanged.
  const onlyLines = { ...pythonChanges, workload: { noise: 450_000, changes: [], within_noise: 121 } }
  assert.match(functionChangeSections(run(onlyLines, '~'), 'markdown'), /wasm\\_runtime\.Runtime\.instantiate/)
})

test('nothing for a host with no function beyond the noise (an A/A run), nor for a comparison with a stored baseline', () => {
  const aa: FunctionChanges = {
    workload: { noise: 145_000, changes: [], within_noise: 225 },
    per_call: { export_add: { noise: 750, changes: [], within_noise: 357 } }
  }
  assert.equal(functionChangeSections(run(aa, '~'), 'markdown'), '')
  assert.match(functionChangeSections(run(aa, 'regression'), 'markdown'), /No function moved beyond the noise in the workload/)
  assert.match(functionChangeSections(run(CHANGES, '~'), 'markdown'), /main\.readModule/, 'below the threshold, beyond the noise')
  assert.equal(functionChangeSections({ ...run(CHANGES), compared_with: { ...REVISION, kind: 'baseline' } }, 'markdown'), '')
  assert.match(functionChangeSections(run(CHANGES, '~'), 'terminal', true), /^go: the functions behind/)
})

test("function-lists: all shows an A/A host's (empty) list in the comment and the terminal; changed (the default) does not", () => {
  const aa: FunctionChanges = {
    workload: { noise: 145_000, changes: [], within_noise: 225 },
    per_call: { export_add: { noise: 750, changes: [], within_noise: 357 } }
  }
  const unchanged = run(aa, '~')
  assert.doesNotMatch(renderCombinedReport([unchanged]), /go: the functions behind/)
  assert.match(renderCombinedReport([unchanged], { functionLists: 'all' }), /<summary>go: the functions behind/)
  assert.doesNotMatch(renderTerminal(unchanged), /go: the functions behind/)
  assert.match(renderTerminal(unchanged, 'all'), /go: the functions behind/)
  assert.equal(parseConfig({ 'function-lists': 'all' }, 'cli').functionLists, 'all')
  assert.throws(() => parseConfig({ 'function-lists': 'some' }, 'action'), /function-lists.*changed.*all/)
})

test('names from the binary are escaped; files never show local paths', () => {
  const hostile = change('<img src=x onerror=alert(1)>|`x`*[a](http://e)', 5_000_000, {
    file: '/home/user/secret/project/hosts/go/main.go',
    pair: '@someone #12'
  })
  const text = functionChangeSections(run({ workload: { noise: 1, changes: [hostile], within_noise: 0 }, per_call: null }), 'markdown')
  assert.doesNotMatch(text, /[^\\]<img|[^\\]\]\(http|[^\\]`x|@someone/)
  assert.doesNotMatch(text, /\/home\/user/)
  assert.equal(shortFile('/tmp/python-build.1/Python-3.11.7/Python/ceval.c'), 'Python/ceval.c')
  assert.equal(shortFile('./wasm-ffi-bench/hosts/go/main.go'), 'hosts/go/main.go')
})

test('results with function lists pass the check; @3 results are read with their per-call counts renamed', () => {
  const current = JSON.parse(JSON.stringify(run(CHANGES))) as Record<string, unknown>
  const checked = validateResults(current)
  assert.ok(checked.results, JSON.stringify(checked.refused))
  assert.deepEqual(checked.results.hosts[1].instructions?.function_changes, CHANGES)

  const perCall = { export_noop_ns: null, export_add_ns: null, import_noop_ns: null, memory_copy_ns_per_kib: null }
  const old = JSON.parse(JSON.stringify(fixture({ hosts: [countedHost('go', [610e6], { export_add_ns: [120] })] }))) as Results
  const oldJson = {
    ...old,
    schema: 'wasm-ffi-bench/results@3',
    hosts: old.hosts.map(h => ({
      ...h,
      instructions: { ...h.instructions, per_call: { ...perCall, export_add_ns: h.instructions!.per_call!.export_add } }
    }))
  }
  const read = validateResults(oldJson)
  assert.ok(read.results, JSON.stringify(read.refused))
  assert.equal(read.results.schema, RESULTS_SCHEMA)
  assert.equal(read.results.hosts[0].instructions?.per_call?.export_add?.median, 120)
  assert.equal(read.results.hosts[0].instructions?.per_call?.export_noop, null)
  assert.equal(validateResults({ ...oldJson, schema: 'wasm-ffi-bench/results@2' }).refused?.kind, 'schema')
})

test('every host changed at once, with long symbols: the lists stay within their share of the comment', () => {
  const long = (i: number) => `<wasmtime::runtime::vm::Instance as core::ops::Drop>::drop::<${'T'.repeat(200)}>${i}`
  const many: FunctionChanges = {
    workload: { noise: 1, changes: Array.from({ length: 100 }, (_, i) => change(long(i), 1e6 - i)), within_noise: 0 },
    per_call: Object.fromEntries(
      ['export_noop', 'export_add', 'import_noop', 'memory_copy_per_kib'].map(k => [
        k,
        { noise: 1, changes: Array.from({ length: 100 }, (_, i) => change(long(i), 100 - i / 10)), within_noise: 0 }
      ])
    )
  }
  const names = ['native', 'go', 'python', 'rust', 'node']
  const all = fixture({
    compared_with: REVISION,
    instructions: INSTRUCTION_RUN,
    hosts: names.map(name => {
      const h = countedHost(name, [610e6])
      return { ...h, instructions: { ...h.instructions!, function_changes: many } }
    }),
    comparisons: names.map(name => comparison(name, 'instructions', 0.2, { verdict: 'regression', unit: 'instructions', ci_level: 1 }))
  })
  const text = functionChangeSections(all, 'markdown')
  assert.ok(text.length <= FUNCTIONS_BUDGET, `${text.length} characters`)
  assert.equal(text.match(/<details>/g)?.length, 5, 'every host keeps its list')
})
