// The functions behind an instruction count: cachegrind's out files of all five hosts (real runs, trimmed to a few
// dozen functions, the summary recomputed), their layers, merging runs, and the diff between revisions.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { countNoise, diffFunctions, functionCounts, MAX_NAME, single } from '../src/instructions/function-diff.js'
import { hostFunctions } from '../src/instructions/functions.js'
import { layerOf } from '../src/instructions/layers.js'
import { ffiSetJobs, workloadJobs } from '../src/instructions/plan.js'
import { mergeProfiles, NO_SYMBOL, parseProfile, perCallProfile, type Profile } from '../src/instructions/profile.js'

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'cachegrind')
const HOSTS = ['native', 'go', 'python', 'rust', 'node'] as const
const load = (host: string): Profile => parseProfile(readFileSync(path.join(FIXTURES, `${host}-workload.out`), 'utf8'))

/** A copy of `profile` with `extra` instructions added to (or a new) function at file:line. */
function withExtra(profile: Profile, name: string, extra: number, where = '???:0'): Profile {
  const functions = new Map([...profile.functions].map(([n, fn]) => [n, { instructions: fn.instructions, lines: new Map(fn.lines) }]))
  const fn = functions.get(name) ?? { instructions: 0, lines: new Map<string, number>() }
  fn.instructions += extra
  fn.lines.set(where, (fn.lines.get(where) ?? 0) + extra)
  functions.set(name, fn)
  return { total: profile.total + extra, functions }
}

test('every host: the functions add up to the summary, and the JIT-compiled code is one entry without a symbol', () => {
  for (const host of HOSTS) {
    const profile = load(host)
    const sum = [...profile.functions.values()].reduce((s, fn) => s + fn.instructions, 0)
    assert.equal(sum, profile.total, host)
    assert.ok(profile.functions.get(NO_SYMBOL)!.instructions > 0, `${host}: code without a symbol`)
    const counts = functionCounts(mergeProfiles([profile]))
    assert.equal(counts.layers.jit, profile.functions.get(NO_SYMBOL)!.instructions, host)
    assert.equal(
      Object.values(counts.layers).reduce((s, n) => s + n, 0),
      profile.total,
      `${host}: every instruction in one layer`
    )
  }
})

test('a function keeps the code inlined into it from other files; its place is the line with the most', () => {
  const go = load('go')
  const mallocgc = go.functions.get('runtime.mallocgc')!
  assert.ok(new Set([...mallocgc.lines.keys()].map(key => key.replace(/:\d+$/, ''))).size > 1, 'lines from several files')
  const top = functionCounts(mergeProfiles([go])).top
  assert.ok(top.length <= 30)
  const regalloc = top.find(f => f.function.startsWith('regalloc2::'))!
  assert.deepEqual([regalloc.layer, regalloc.file, regalloc.line], ['engine', null, null], 'no debug info: no file:line')
  const memcpy = top.find(f => f.function === '__memcpy_avx_unaligned_erms')!
  assert.equal(memcpy.layer, 'runtime')
  assert.match(`${memcpy.file}:${memcpy.line}`, /memmove-vec-unaligned-erms\.S:\d+$/)
})

test('layers: told from the symbol or the source path of each host', () => {
  const layersOf = (host: string) => {
    const counts = new Map<string, string>()
    for (const [name, fn] of load(host).functions) {
      const key = [...fn.lines.entries()].sort((a, b) => b[1] - a[1])[0][0]
      const file = key.startsWith('???:') ? null : key.replace(/:\d+$/, '')
      counts.set(name, layerOf(name, file))
    }
    return counts
  }
  const go = layersOf('go')
  assert.equal(go.get('main.cmdWorkload'), 'host')
  assert.equal(go.get('runtime.cgocall'), 'binding', 'cgo')
  assert.equal(go.get('_cgo_68ebc8f92932_Cfunc_wasmtime_store_context'), 'binding')
  assert.equal(go.get('wasmtime_func_call'), 'binding', 'the wasmtime C API')
  assert.equal(go.get('runtime.mallocgc'), 'runtime', "Go's runtime")
  assert.equal(go.get('cranelift_codegen::egraph::EgraphPass::run'), 'engine')
  assert.equal(go.get(NO_SYMBOL), 'jit')
  const python = layersOf('python')
  assert.equal(python.get('_PyEval_EvalFrameDefault'), 'runtime', 'CPython')
  assert.equal(python.get('_ctypes_callproc'), 'binding', 'ctypes')
  assert.equal(python.get('ffi_call'), 'binding', 'libffi')
  assert.equal(python.get('wasmtime_linker_delete'), 'binding')
  assert.equal(python.get('_int_malloc'), 'runtime', 'libc')
  const rust = layersOf('rust')
  assert.equal(rust.get('wasm_ffi_bench_rust_host::runtime::read_module'), 'host')
  assert.equal(rust.get('wasmtime_internal_cranelift::translate::func_translator::FuncTranslator::translate_body'), 'engine')
  assert.equal(layersOf('native').get('regalloc2::ion::<impl regalloc2::ion::data_structures::Env<F>>::run'), 'engine')
  const node = layersOf('node')
  assert.equal(node.get('node::wasi::WASI::New(v8::FunctionCallbackInfo<v8::Value> const&)'), 'binding', 'node:wasi')
  assert.equal(node.get('v8::internal::Deserializer<v8::internal::Isolate>::ReadObject()'), 'engine', 'V8')
  assert.equal(node.get('ossl_tolower'), 'runtime', "node's OpenSSL")
  assert.equal(layerOf('Builtins_GenericJSToWasmWrapper', null), 'binding', "V8's JS-to-wasm wrapper")
  assert.equal(layerOf('Builtins_LoadIC', null), 'engine')
})

test('an A/A run lists nothing: moves inside the count spread, the runtime wobble of Go included, stay out', () => {
  const go = load('go')
  // Three runs per revision, each with the runtime's own work moved by up to 100,000 instructions.
  const runs = (seed: number) =>
    [0, 1, 2].map(i =>
      withExtra(withExtra(go, 'runtime.mallocgc', ((seed + i) * 37_000) % 100_000), 'runtime.scanobject', (i * 53_000) % 90_000)
    )
  const head = mergeProfiles(runs(1))
  const base = mergeProfiles(runs(2))
  const noise = countNoise(head.totals, base.totals)
  assert.ok(noise >= 50_000, `the count's spread (${noise})`)
  const diff = diffFunctions(head, base, noise)
  assert.deepEqual(diff.changes, [])
  assert.ok(diff.within_noise > 0)
})

test('a busy loop in one named function: listed with its file and line, absolute and relative', () => {
  const go = load('go')
  const base = mergeProfiles([go, withExtra(go, 'runtime.mallocgc', 60_000), go])
  const slow = withExtra(go, 'main.readModule', 8_000_000, './wasm-ffi-bench/hosts/go/main.go:182')
  const head = mergeProfiles([slow, withExtra(slow, 'runtime.mallocgc', 80_000), slow])
  const diff = diffFunctions(head, base, countNoise(head.totals, base.totals))
  assert.equal(diff.changes.length, 1)
  const [entry] = diff.changes
  assert.deepEqual(
    { function: entry.function, layer: entry.layer, file: entry.file, line: entry.line, delta: entry.delta, relative: entry.relative },
    { function: 'main.readModule', layer: 'host', file: './wasm-ffi-bench/hosts/go/main.go', line: 182, delta: 8_000_000, relative: null }
  )
})

test('an inlining shows as a pair of entries that name each other', () => {
  const go = load('go')
  const callee = withExtra(go, 'main.helper', 3_000_000, './wasm-ffi-bench/hosts/go/main.go:90')
  const inlined = withExtra(go, 'main.cmdWorkload', 2_900_000, './wasm-ffi-bench/hosts/go/main.go:210')
  const diff = diffFunctions(single(inlined), single(callee), countNoise([inlined.total], [callee.total]))
  assert.deepEqual(
    diff.changes.map(c => [c.function, c.delta, c.pair]),
    [
      ['main.helper', -3_000_000, 'main.cmdWorkload'],
      ['main.cmdWorkload', 2_900_000, 'main.helper']
    ]
  )
  assert.equal(diff.changes[0].head, 0)
  assert.equal(diff.changes[1].line, 210, 'the line that grew')
})

test('per call: each function over the calls added, so a wrapper on the call path shows per call', () => {
  const base = load('rust')
  const calls = 10_000
  const doubled = withExtra(withExtra(base, 'wasmtime_func_call', 40 * calls), NO_SYMBOL, 5 * calls)
  const perCall = perCallProfile(base, doubled, calls)
  assert.equal(perCall.total, 45)
  assert.equal(perCall.functions.get('wasmtime_func_call')!.instructions, 40)
  assert.equal(perCall.functions.get('regalloc2::ion::<impl regalloc2::ion::data_structures::Env<F>>::run')!.instructions, 0)
  const wrapped = perCallProfile(base, withExtra(doubled, 'main.addWrapper', 12 * calls, 'hosts/go/ffi.go:210'), calls)
  const diff = diffFunctions(single(wrapped), single(perCall), 1)
  assert.deepEqual(
    diff.changes.map(c => [c.function, c.delta, c.file, c.line]),
    [['main.addWrapper', 12, 'hosts/go/ffi.go', 210]]
  )
})

test('malformed out files are refused with the reason', () => {
  assert.throws(() => parseProfile('events: Ir\nfl=a.c\nfn=f\n1 5\nsummary: 6\n'), /do not add up/)
  assert.throws(() => parseProfile('fl=a.c\nfn=f\n1 5\n'), /count line before/)
  assert.throws(() => parseProfile('events: Ir\n'), /no instruction count/)
  const crlf = parseProfile('events: Dr Ir\r\nfl=a.c\r\nfn=f\r\n3 1 5\r\n4 2\r\nsummary: 3 5\r\n')
  assert.equal(crlf.total, 5)
  assert.deepEqual([...crlf.functions.get('f')!.lines], [['a.c:3', 5]])
})

test('reading the out files of a default run takes well under a second each', () => {
  const text = readFileSync(path.join(FIXTURES, 'python-workload.out'), 'utf8')
  const started = performance.now()
  for (let i = 0; i < 20; i++) parseProfile(text)
  assert.ok(performance.now() - started < 2000)
})

test('a symbol longer than results carry is cut, so the results still pass their check', () => {
  const long = `core::ptr::drop_in_place<${'wasmtime::Closure<'.repeat(300)}>`
  const go = load('go')
  const diff = diffFunctions(single(withExtra(go, long, 9_000_000)), single(go), 1000)
  assert.equal(diff.changes[0].function.length, MAX_NAME)
  assert.ok(diff.changes[0].function.endsWith('…'))
})

test("per call: a few instructions more in the binding show; the Go runtime's wobble does not, its layer's sum does", () => {
  const go = load('go')
  const calls = { loop: 1, guest_loop: 1, export_noop: 1000, export_add: 400, import_noop: 1000, memory: 10 }
  const revisions = [{ hosts: ['go'] }, { hosts: ['go'] }]
  const jobs = [...workloadJobs(revisions, 3), ...ffiSetJobs(revisions, new Map([['go', calls]]))]
  const results = jobs.map(job => {
    // every process: the runtime moves by up to 100,000 instructions
    let profile = withExtra(
      go,
      'runtime.scanobject',
      (job.run * 41_000 + job.revision * 59_000 + (job.kind === 'ffi' ? 30_000 : 0)) % 100_000
    )
    if (job.kind === 'ffi' && job.doubled === 'export_add_ns' && job.revision === 0) {
      // the head's export add goes through a wrapper: 40 more binding instructions per call, and a finalizer each
      profile = withExtra(profile, 'wasmtime_instance_export_get', 40 * 400, '???:0')
      profile = withExtra(profile, 'main.(*bench).addViaLookup', 12 * 400, './wasm-ffi-bench/hosts/go/ffi.go:207')
      profile = withExtra(profile, 'runtime.addspecial', 150 * 400, './runtime/mheap.go:2084')
    }
    return profile
  })
  const head = hostFunctions(jobs, results, [new Map(), new Map()])[0].get('go')!.function_changes!
  assert.deepEqual(head.workload.changes, [], 'the workload did not change')
  const add = head.per_call!.export_add!
  assert.deepEqual(
    add.changes.map(c => [c.function, c.layer, c.delta]),
    [
      ['wasmtime_instance_export_get', 'binding', 40],
      ['main.(*bench).addViaLookup', 'host', 12]
    ]
  )
  assert.ok(add.noise > 150, `the runtime's functions beat ${add.noise} per call`)
  assert.ok(
    add.layers!.every(l => Math.abs(l.delta) > add.noise),
    'a layer is named only beyond the noise'
  )
  assert.deepEqual(head.per_call!.export_noop!.changes, [], 'the other figures: nothing')
})
