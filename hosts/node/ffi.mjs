// The ffi command of host.mjs: per-call costs of the ffi guest module, each loop calibrated to take about
// --target-ms, or run a fixed --calls times.
//
// Figures (the report file's "ffi" object), in the same way in every host:
// - export_noop_ns, export_add_ns: one call from the host into the guest, less loop_ns, the cost of the host's
//   own loop with the call removed (measureLoop);
// - import_noop_ns: one call from the guest into the host, less guest_loop_ns, the guest's own loop with the call
//   removed (its spin);
// - memory_copy_ns_per_kib: writing 1 MiB into guest memory and calling the guest's touch on it (which only reads
//   two bytes), less loop_ns, per KiB: the bytes crossing, with one call spread over 1,024 KiB. Nothing measured
//   apart is subtracted, so the figure stays stable on a busy machine.
// A difference below zero (noise around a cost that is all loop) is reported as 0.
//
// These are V8's JIT best case: each loop is hot, so TurboFan optimises it and inlines the JS-to-Wasm wrapper
// into it (--turbo-inline-js-wasm-calls, on by default); `node host.mjs version` records the flags.

import process from 'node:process'
import { HostError, RUNTIME, appendReport, compileModule, fail, instantiate, newWasi, now, oneLine, readModule } from './runtime.mjs'

const MEM_CHUNK = 1 << 20
// Host loops have no limit of their own; the guest's loops take an i32 count.
const MAX_HOST_N = 2 ** 40
const MAX_GUEST_N = 0x7fffffff
// How often calibrate may scale again after a timed run that fell short of the target.
const RESCALES = 4
const EXPORTS = ['noop', 'add', 'call_host', 'spin', 'alloc', 'touch']

// Compiles and instantiates the ffi module with env.host_noop and allocates the guest buffer.
async function setup(path) {
  const wasi = newWasi(['ffi'])
  const imports = { ...wasi.getImportObject(), env: { host_noop: () => {} } }
  const instance = await instantiate(await compileModule(readModule(path), path), imports, path)
  const ex = instance.exports
  for (const name of EXPORTS) if (typeof ex[name] !== 'function') fail(`module ${path} has no ${name} export`)
  if (!(ex.memory instanceof WebAssembly.Memory)) fail(`module ${path} has no memory export`)
  const b = { path, noop: ex.noop, add: ex.add, callHost: ex.call_host, spin: ex.spin, touch: ex.touch, memory: ex.memory }
  guarded(b, 'set-up', () => {
    wasi.initialize(instance) // binds WASI to the memory; runs _initialize if present
    b.ptr = ex.alloc(MEM_CHUNK)
  })()
  if (!(b.ptr > 0)) fail(`module ${path}: alloc(${MEM_CHUNK}) returned ${b.ptr}`)
  b.buf = new Uint8Array(MEM_CHUNK).map((_, i) => (i % 251) + 1)
  return b
}

// run(b, n), with a guest failure turned into a one-line message naming the benchmark.
function guarded(b, name, run) {
  return n => {
    try {
      return run(b, n)
    } catch (e) {
      if (e instanceof HostError) throw e
      return fail(`module ${b.path}: ${name} failed: ${oneLine(e)}`)
    }
  }
}

// Doubles n until run(n) takes at least 10 ms (or n reaches maxN), scales n so that a run takes about targetMs
// and times that run. A timed run under half the target means the run it was scaled from was slowed down
// (descheduled on a busy machine): it is scaled again from the timed run, up to RESCALES times. Returns
// [n, nanoseconds per iteration].
function calibrate(targetMs, maxN, run) {
  let n = 1
  let d
  for (;;) {
    d = run(n)
    if (d >= 10_000_000 || n >= maxN) break
    n = Math.min(n * 2, maxN)
  }
  const targetNs = targetMs * 1e6
  for (let i = 0; i <= RESCALES; i++) {
    n = Math.min(Math.max(1, Math.ceil((n * targetNs) / (d + 1))), maxN)
    d = run(n)
    if (d >= targetNs / 2 || n >= maxN) break
  }
  return [n, d / n]
}

// The export benchmarks' loop with the call removed.
function measureLoop(_b, n) {
  const t = now()
  for (let i = 0; i < n; i++);
  return Number(now() - t)
}

// The guest's call_host loop with the import call removed.
function measureGuestLoop(b, n) {
  const t = now()
  b.spin(n)
  return Number(now() - t)
}

function benchExportNoop(b, n) {
  const { noop } = b
  const t = now()
  for (let i = 0; i < n; i++) noop()
  return Number(now() - t)
}

function benchExportAdd(b, n) {
  const { add } = b
  let last
  const t = now()
  for (let i = 0; i < n; i++) last = add(i, 7)
  const elapsed = Number(now() - t)
  if (last !== ((n - 1 + 7) | 0)) fail(`module ${b.path}: add(${n - 1}, 7) returned ${last}`)
  return elapsed
}

function benchImportNoop(b, n) {
  const t = now()
  b.callHost(n)
  return Number(now() - t)
}

function benchMemory(b, n) {
  const { memory, touch, ptr, buf } = b
  let last
  const t = now()
  for (let i = 0; i < n; i++) {
    // A fresh view each time: memory.buffer changes when the guest grows its memory.
    new Uint8Array(memory.buffer, ptr, MEM_CHUNK).set(buf)
    last = touch(ptr, MEM_CHUNK)
  }
  const elapsed = Number(now() - t)
  const expected = buf[0] + buf[MEM_CHUNK - 1]
  if (last !== expected) fail(`module ${b.path}: touch returned ${last}, expected ${expected}`)
  return elapsed
}

export async function cmdFfi(path, report, plan) {
  const b = await setup(path)
  // `loop` names the loop as the report's "calls" does; `call` names the guest function it calls, for errors.
  const measure = (loop, maxN, call, run) => {
    const guardedRun = guarded(b, call, run)
    if (plan.calls === null) return calibrate(plan.targetMs, maxN, guardedRun)
    const n = plan.calls[loop]
    return [n, guardedRun(n) / n]
  }
  const [loopCalls, loopNs] = measure('loop', MAX_HOST_N, 'loop', measureLoop)
  const [guestLoopCalls, guestLoopNs] = measure('guest_loop', MAX_GUEST_N, 'spin', measureGuestLoop)
  const [noopCalls, noopNs] = measure('export_noop', MAX_HOST_N, 'noop', benchExportNoop)
  const [addCalls, addNs] = measure('export_add', MAX_HOST_N, 'add', benchExportAdd)
  const [importCalls, importNs] = measure('import_noop', MAX_GUEST_N, 'call_host', benchImportNoop)
  const [memoryCalls, memoryNs] = measure('memory', MAX_HOST_N, 'touch', benchMemory)

  appendReport(report, {
    runtime: RUNTIME,
    version: process.versions.node,
    ffi: {
      export_noop_ns: Math.max(0, noopNs - loopNs),
      export_add_ns: Math.max(0, addNs - loopNs),
      import_noop_ns: Math.max(0, importNs - guestLoopNs),
      memory_copy_ns_per_kib: Math.max(0, memoryNs - loopNs) / (MEM_CHUNK / 1024)
    },
    loop_ns: loopNs,
    guest_loop_ns: guestLoopNs,
    calls: {
      loop: loopCalls,
      guest_loop: guestLoopCalls,
      export_noop: noopCalls,
      export_add: addCalls,
      import_noop: importCalls,
      memory: memoryCalls
    }
  })
  return 0
}
