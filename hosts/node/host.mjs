// wasm-ffi-bench host on Node.js: node:wasi and the WebAssembly API (V8).
//
// Usage:
//   node host.mjs version
//   node host.mjs workload <module.wasm> --report <file> [-- <guest args...>]
//   node host.mjs ffi <module.wasm> --report <file> [--target-ms 100 | --calls LOOP=N,...]
//
// `version` prints one JSON line:
//   {"runtime":"node:wasi","version":"<node version>","engine":"V8 <v8 version>",
//    "flags":{"exec_argv":[...],"v8":{"<flag>":true|false,...}},"notes":"..."}
// where `flags.v8` holds the V8 flags that decide how JS calls Wasm (wrapper inlining, Wasm tiers), as this
// process runs them: the defaults that `node --v8-options` lists, overridden by any in `exec_argv`.
// `workload` runs the WASI command's _start (guest argv = ["workload", args...], stdio inherited, empty
// environment, no preopens) and appends one JSON line of phase times in nanoseconds to the report file. The exit
// code is the guest's exit status; a trap, a missing _start or an unreadable module exits 1 with a one-line
// message on stderr.
// `ffi` calibrates and measures per-call costs of the ffi guest module and appends one JSON line to the report
// file (see ffi.mjs). With --calls each loop runs the given number of times instead (all six loops named, e.g.
// loop=500,guest_loop=500,...), so that two runs under an instruction counter differ by the iterations of the one
// loop whose count differs.
//
// No dependencies. Node has no compilation cache for WebAssembly.compile().

import { spawnSync } from 'node:child_process'
import process from 'node:process'
import { HostError, RUNTIME, appendReport, compileModule, fail, instantiate, newWasi, now, oneLine, readModule } from './runtime.mjs'

// The V8 flags that shape the per-call figures, where this V8 has them.
const CALL_FLAGS = [
  'turbo-inline-js-wasm-calls',
  'turboshaft-wasm-in-js-inlining',
  'turbolev-inline-js-wasm-wrappers',
  'liftoff',
  'wasm-tier-up',
  'wasm-dynamic-tiering',
  'jitless'
]
const NOTES =
  "per-call figures are V8's JIT best case: hot loops optimised by TurboFan, JS-to-Wasm wrappers inlined where " +
  'turbo-inline-js-wasm-calls is on'

function usage(message) {
  process.stderr.write(
    `error: ${message}\nusage: host.mjs version | workload <module.wasm> --report <file> [-- <guest args...>] | ffi <module.wasm> --report <file> [--target-ms N | --calls LOOP=N,...]\n`
  )
  process.exit(2)
}

// The loops of the ffi command, as the report's "calls" and the --calls option name them.
const LOOP_NAMES = ['loop', 'guest_loop', 'export_noop', 'export_add', 'import_noop', 'memory']
// The guest's loops take an i32 count.
const MAX_CALLS = 0x7fffffff

// --calls: LOOP=N for each of the six loops, comma-separated.
function parseCalls(spec) {
  const calls = {}
  for (const part of spec.split(',')) {
    const [name, count] = part.split('=')
    const n = /^[0-9]+$/.test(count ?? '') ? Number(count) : 0
    if (!LOOP_NAMES.includes(name) || !(n >= 1 && n <= MAX_CALLS)) {
      usage(`--calls takes LOOP=N for each of ${LOOP_NAMES.join(', ')} (N from 1 to ${MAX_CALLS}), got ${JSON.stringify(part)}`)
    }
    calls[name] = n
  }
  if (Object.keys(calls).length !== LOOP_NAMES.length) {
    usage(`--calls needs a count for each of ${LOOP_NAMES.join(', ')}, got ${JSON.stringify(spec)}`)
  }
  return calls
}

function parseOptions(args, allowGuestArgs) {
  let wasm = null
  let report = null
  const plan = { targetMs: 100, calls: null }
  let guestArgs = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--' && allowGuestArgs) {
      guestArgs = args.slice(i + 1)
      break
    } else if (a === '--report') {
      if (++i >= args.length) usage('--report needs a file')
      report = args[i]
    } else if (a === '--target-ms' && !allowGuestArgs) {
      if (++i >= args.length) usage('--target-ms needs a number')
      plan.targetMs = Number(args[i])
      if (!(plan.targetMs > 0 && Number.isFinite(plan.targetMs))) {
        usage(`--target-ms must be a positive number, got ${JSON.stringify(args[i])}`)
      }
    } else if (a === '--calls' && !allowGuestArgs) {
      if (++i >= args.length) usage('--calls needs LOOP=N for every loop')
      plan.calls = parseCalls(args[i])
    } else if (a.startsWith('--')) {
      usage(`unknown option ${JSON.stringify(a)}`)
    } else if (wasm === null) {
      wasm = a
    } else {
      usage(`unexpected argument ${JSON.stringify(a)}`)
    }
  }
  if (wasm === null) usage('missing module path')
  if (report === null) usage('missing --report <file>')
  return { wasm, report, plan, guestArgs }
}

// CALL_FLAGS as this process runs them: V8's defaults (listed by `node --v8-options`), then exec_argv's overrides.
async function v8CallFlags() {
  // Loaded only here, so that the workload's wall time does not include it.
  const { callFlags } = await import('./v8-flags.mjs')
  const listed = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8', env: {}, timeout: 30_000 })
  return callFlags(listed.stdout ?? '', process.execArgv, CALL_FLAGS)
}

async function cmdVersion() {
  const line = {
    runtime: RUNTIME,
    version: process.versions.node,
    engine: `V8 ${process.versions.v8}`,
    flags: { exec_argv: process.execArgv, v8: await v8CallFlags() },
    notes: NOTES
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
  return 0
}

async function cmdWorkload(args) {
  const opts = parseOptions(args, true)
  const bytes = readModule(opts.wasm)

  const t0 = now()
  const wasi = newWasi(['workload', ...opts.guestArgs])
  const imports = wasi.getImportObject()
  const t1 = now()

  const module = await compileModule(bytes, opts.wasm)
  const t2 = now()
  if (!WebAssembly.Module.exports(module).some(e => e.name === '_start' && e.kind === 'function')) {
    fail(`module ${opts.wasm} has no _start export`)
  }

  const t3a = now()
  const instance = await instantiate(module, imports, opts.wasm)
  const t3 = now()

  let status
  const t4 = now()
  try {
    status = wasi.start(instance)
  } catch (e) {
    fail(`module ${opts.wasm} trapped: ${oneLine(e)}`)
  }
  const t5 = now()

  if (status !== 0) {
    // The guest reported a failure itself (its message is on stderr).
    return status
  }
  appendReport(opts.report, {
    runtime: RUNTIME,
    version: process.versions.node,
    phases_ns: {
      setup: Number(t1 - t0),
      compile: Number(t2 - t1),
      instantiate: Number(t3 - t3a),
      execute: Number(t5 - t4)
    }
  })
  return 0
}

async function cmdFfi(args) {
  const opts = parseOptions(args, false)
  // Loaded only here, so that the workload's wall time does not include it.
  const { cmdFfi: run } = await import('./ffi.mjs')
  return run(opts.wasm, opts.report, opts.plan)
}

async function main(argv) {
  const [command, ...rest] = argv
  switch (command) {
    case 'version':
      return cmdVersion()
    case 'workload':
      return cmdWorkload(rest)
    case 'ffi':
      return cmdFfi(rest)
    case undefined:
      return usage('missing command')
    default:
      return usage(`unknown command ${JSON.stringify(command)}`)
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (e) {
  process.stderr.write(`error: ${e instanceof HostError ? e.message : oneLine(e)}\n`)
  process.exitCode = 1
}
