// wasm-ffi-bench host on Node.js: node:wasi and the WebAssembly API (V8).
//
// Usage:
//   node host.mjs version
//   node host.mjs workload <module.wasm> --report <file> [-- <guest args...>]
//   node host.mjs ffi <module.wasm> --report <file> [--target-ms 100]
//
// `version` prints one JSON line:
//   {"runtime":"node:wasi","version":"<node version>","engine":"V8 <v8 version>"}.
// `workload` runs the WASI command's _start (guest argv = ["workload", args...],
// stdio inherited, empty environment, no preopens) and appends one JSON line of
// phase times in nanoseconds to the report file. The exit code is the guest's
// exit status; a trap, a missing _start or an unreadable module exits 1 with a
// one-line message on stderr.
// `ffi` calibrates and measures per-call costs of the ffi guest module and
// appends one JSON line to the report file.
//
// Test hook: if WASM_FFI_BENCH_SLOWDOWN is set to a number f, the workload
// command sleeps f × (time since this process started) after _start returns,
// which lets tests simulate a slower host.
//
// No dependencies. Node has no compilation cache for WebAssembly.compile().

import { appendFileSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const RUNTIME = 'node:wasi';
const MEM_CHUNK = 64 * 1024;
const now = () => process.hrtime.bigint();

// node:wasi prints an ExperimentalWarning on load on some Node versions; keep
// stderr for real diagnostics.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'ExperimentalWarning') process.stderr.write(`${w.name}: ${w.message}\n`);
});
const { WASI } = await import('node:wasi');

class HostError extends Error {}

function fail(message) {
  throw new HostError(message);
}

function usage(message) {
  process.stderr.write(
    `error: ${message}\nusage: host.mjs version | workload <module.wasm> --report <file> [-- <guest args...>] | ffi <module.wasm> --report <file> [--target-ms N]\n`,
  );
  process.exit(2);
}

function oneLine(err) {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.split('\n')[0].trim();
}

function parseOptions(args, allowGuestArgs) {
  let wasm = null;
  let report = null;
  let targetMs = 100;
  let guestArgs = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--' && allowGuestArgs) {
      guestArgs = args.slice(i + 1);
      break;
    } else if (a === '--report') {
      if (++i >= args.length) usage('--report needs a file');
      report = args[i];
    } else if (a === '--target-ms' && !allowGuestArgs) {
      if (++i >= args.length) usage('--target-ms needs a number');
      targetMs = Number(args[i]);
      if (!(targetMs > 0 && Number.isFinite(targetMs))) {
        usage(`--target-ms must be a positive number, got ${JSON.stringify(args[i])}`);
      }
    } else if (a.startsWith('--')) {
      usage(`unknown option ${JSON.stringify(a)}`);
    } else if (wasm === null) {
      wasm = a;
    } else {
      usage(`unexpected argument ${JSON.stringify(a)}`);
    }
  }
  if (wasm === null) usage('missing module path');
  if (report === null) usage('missing --report <file>');
  return { wasm, report, targetMs, guestArgs };
}

function appendReport(path, value) {
  try {
    appendFileSync(path, `${JSON.stringify(value)}\n`);
  } catch (e) {
    fail(`cannot write report ${path}: ${e.message}`);
  }
}

function readModule(path) {
  try {
    return readFileSync(path);
  } catch (e) {
    return fail(`cannot read module ${path}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
  }
}

async function compileModule(bytes, path) {
  try {
    return await WebAssembly.compile(bytes);
  } catch (e) {
    return fail(`cannot compile module ${path}: ${oneLine(e)}`);
  }
}

async function instantiate(module, imports, path) {
  try {
    return await WebAssembly.instantiate(module, imports);
  } catch (e) {
    return fail(`cannot instantiate module ${path}: ${oneLine(e)}`);
  }
}

async function cmdWorkload(args) {
  const opts = parseOptions(args, true);
  const bytes = readModule(opts.wasm);

  const t0 = now();
  const wasi = new WASI({
    version: 'preview1',
    args: ['workload', ...opts.guestArgs],
    env: {},
    preopens: {},
    returnOnExit: true,
  });
  const imports = wasi.getImportObject();
  const t1 = now();

  const module = await compileModule(bytes, opts.wasm);
  const t2 = now();
  if (!WebAssembly.Module.exports(module).some((e) => e.name === '_start' && e.kind === 'function')) {
    fail(`module ${opts.wasm} has no _start export`);
  }

  const t3a = now();
  const instance = await instantiate(module, imports, opts.wasm);
  const t3 = now();

  let status;
  const t4 = now();
  try {
    status = wasi.start(instance);
  } catch (e) {
    fail(`module ${opts.wasm} trapped: ${oneLine(e)}`);
  }
  const t5 = now();

  if (status !== 0) {
    // The guest reported a failure itself (its message is on stderr).
    return status;
  }

  appendReport(opts.report, {
    runtime: RUNTIME,
    version: process.versions.node,
    phases_ns: {
      setup: Number(t1 - t0),
      compile: Number(t2 - t1),
      instantiate: Number(t3 - t3a),
      execute: Number(t5 - t4),
    },
  });

  // Test hook, see the header comment.
  const slowdown = Number(process.env.WASM_FFI_BENCH_SLOWDOWN || '');
  if (slowdown > 0 && Number.isFinite(slowdown)) {
    // performance.now() counts milliseconds since the process started.
    const ms = slowdown * performance.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
  return 0;
}

// Doubles n until run(n) takes at least 10 ms, scales n so that a run takes
// about targetMs, and returns [n, nanoseconds per call].
function calibrate(targetMs, run) {
  let n = 1;
  let d;
  for (;;) {
    d = run(n);
    if (d >= 10_000_000 || n >= 2 ** 40) break;
    n *= 2;
  }
  const scaled = Math.max(1, Math.ceil((n * targetMs * 1e6) / (d + 1)));
  d = run(scaled);
  return [scaled, d / scaled];
}

async function cmdFfi(args) {
  const opts = parseOptions(args, false);
  const path = opts.wasm;
  const bytes = readModule(path);

  const wasi = new WASI({ version: 'preview1', args: ['ffi'], env: {}, returnOnExit: true });
  const imports = wasi.getImportObject();
  imports.env = { host_noop: () => {} };
  const module = await compileModule(bytes, path);
  const instance = await instantiate(module, imports, path);
  const ex = instance.exports;
  for (const name of ['noop', 'add', 'call_host', 'alloc', 'checksum']) {
    if (typeof ex[name] !== 'function') fail(`module ${path} has no ${name} export`);
  }
  if (!(ex.memory instanceof WebAssembly.Memory)) fail(`module ${path} has no memory export`);
  try {
    wasi.initialize(instance); // binds WASI to the memory; runs _initialize if present
  } catch (e) {
    fail(`module ${path}: WASI initialisation failed: ${oneLine(e)}`);
  }
  const { noop, add, call_host: callHost, alloc, checksum, memory } = ex;

  const guard = (name, f) => {
    try {
      return f();
    } catch (e) {
      if (e instanceof HostError) throw e;
      return fail(`module ${path}: ${name} failed: ${oneLine(e)}`);
    }
  };

  const runNoop = (n) =>
    guard('noop', () => {
      const t = now();
      for (let i = 0; i < n; i++) noop();
      return Number(now() - t);
    });

  const runAdd = (n) =>
    guard('add', () => {
      const t = now();
      for (let i = 0; i < n; i++) {
        const a = i & 0x3fffffff;
        const got = add(a, 7);
        if (got !== a + 7) fail(`module ${path}: add(${a}, 7) returned ${got}`);
      }
      return Number(now() - t);
    });

  const runImport = (n) =>
    guard('call_host', () => {
      const m = Math.min(n, 0x7fffffff);
      const t = now();
      callHost(m);
      return Number(now() - t);
    });

  const ptr = guard('alloc', () => alloc(MEM_CHUNK));
  if (!(ptr > 0)) fail(`module ${path}: alloc(${MEM_CHUNK}) returned ${ptr}`);
  const buf = new Uint8Array(MEM_CHUNK);
  let expected = 0n;
  for (let i = 0; i < MEM_CHUNK; i++) {
    buf[i] = i % 251;
    expected += BigInt(buf[i]);
  }
  const runMemory = (n) =>
    guard('checksum', () => {
      const t = now();
      for (let i = 0; i < n; i++) {
        new Uint8Array(memory.buffer, ptr, MEM_CHUNK).set(buf);
        const got = checksum(ptr, MEM_CHUNK); // i64 -> BigInt
        if (got !== expected) fail(`module ${path}: checksum returned ${got}, expected ${expected}`);
      }
      return Number(now() - t);
    });

  const [exportNoopCalls, exportNoopNs] = calibrate(opts.targetMs, runNoop);
  const [exportAddCalls, exportAddNs] = calibrate(opts.targetMs, runAdd);
  const [importNoopCalls, importNoopNs] = calibrate(opts.targetMs, runImport);
  const [memoryCalls, perRound] = calibrate(opts.targetMs, runMemory);

  appendReport(opts.report, {
    runtime: RUNTIME,
    version: process.versions.node,
    ffi: {
      export_noop_ns: exportNoopNs,
      export_add_ns: exportAddNs,
      import_noop_ns: importNoopNs,
      memory_ns_per_kib: perRound / (MEM_CHUNK / 1024),
    },
    calls: {
      export_noop: exportNoopCalls,
      export_add: exportAddCalls,
      import_noop: importNoopCalls,
      memory: memoryCalls,
    },
  });
  return 0;
}

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'version':
      process.stdout.write(
        `${JSON.stringify({ runtime: RUNTIME, version: process.versions.node, engine: `V8 ${process.versions.v8}` })}\n`,
      );
      return 0;
    case 'workload':
      return cmdWorkload(rest);
    case 'ffi':
      return cmdFfi(rest);
    case undefined:
      return usage('missing command');
    default:
      return usage(`unknown command ${JSON.stringify(command)}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`error: ${e instanceof HostError ? e.message : oneLine(e)}\n`);
  process.exitCode = 1;
}
