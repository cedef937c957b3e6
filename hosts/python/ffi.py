"""The ffi command of host.py: per-call costs of the ffi guest module, each
loop calibrated to take about --target-ms, or run a fixed --calls times.

Figures (the report file's "ffi" object), in the same way in every host:
- export_noop_ns, export_add_ns: one call from the host into the guest, less
  loop_ns, the cost of the host's own loop with the call removed
  (measure_loop);
- import_noop_ns: one call from the guest into the host, less guest_loop_ns,
  the guest's own loop with the call removed (its spin);
- memory_copy_ns_per_kib: writing 1 MiB into guest memory and calling the
  guest's touch on it (which only reads two bytes), less loop_ns, per KiB: the
  bytes crossing, with one call spread over 1,024 KiB. Nothing measured apart
  is subtracted, so the figure stays stable on a busy machine.

A difference below zero (noise around a cost that is all loop) is reported
as 0. noop and add are called the same way: Func.__call__(store, *args).
"""

import math
import time

import wasmtime
from wasmtime import FuncType, Trap, WasmtimeError

from wasm_runtime import RUNTIME, Runtime, append_report, fail, one_line, read_module, runtime_version

MEM_CHUNK = 1 << 20
# Host loops have no limit of their own; the guest's loops take an i32 count.
MAX_HOST_N = 1 << 40
MAX_GUEST_N = 0x7FFFFFFF
# How often calibrate may scale again after a timed run that fell short of the target.
RESCALES = 4
clock = time.perf_counter_ns


class Bench:
    """The instantiated ffi module and the 1 MiB that bench_memory copies in."""

    def __init__(self, path, runtime, exports, ptr):
        self.path = path
        self.store = runtime.store
        self.noop = exports["noop"]
        self.add = exports["add"]
        self.call_host = exports["call_host"]
        self.spin = exports["spin"]
        self.touch = exports["touch"]
        self.memory = exports["memory"]
        self.ptr = ptr
        self.buf = bytearray(i % 251 + 1 for i in range(MEM_CHUNK))

    def failed(self, name, err):
        fail("module %s: %s failed: %s" % (self.path, name, one_line(err)))


def setup(path):
    """Compiles and instantiates the ffi module with env.host_noop and
    allocates the guest buffer."""
    runtime = Runtime(["ffi"])
    runtime.linker.define_func("env", "host_noop", FuncType([], []), lambda: None)
    instance = runtime.instantiate(runtime.compile(read_module(path), path), path)
    exports = instance.exports(runtime.store)
    for name in ("noop", "add", "call_host", "spin", "alloc", "touch"):
        if not isinstance(exports.get(name), wasmtime.Func):
            fail("module %s has no %s export" % (path, name))
    if not isinstance(exports.get("memory"), wasmtime.Memory):
        fail("module %s has no memory export" % path)
    try:
        init = exports.get("_initialize")
        if isinstance(init, wasmtime.Func):
            init(runtime.store)
        ptr = exports["alloc"](runtime.store, MEM_CHUNK)
    except (WasmtimeError, Trap) as e:
        fail("module %s: set-up failed: %s" % (path, one_line(e)))
    if not isinstance(ptr, int) or ptr <= 0:
        fail("module %s: alloc(%d) returned %r" % (path, MEM_CHUNK, ptr))
    return Bench(path, runtime, exports, ptr)


def calibrate(target_ms, max_n, run):
    """Doubles n until run(n) takes at least 10 ms (or n reaches max_n),
    scales n so that a run takes about target_ms and times that run. A timed
    run under half the target means the run it was scaled from was slowed
    down (descheduled on a busy machine): it is scaled again from the timed
    run, up to RESCALES times. Returns (n, ns per iteration)."""
    n = 1
    while True:
        d = run(n)
        if d >= 10_000_000 or n >= max_n:
            break
        n = min(n * 2, max_n)
    target_ns = target_ms * 1e6
    for _ in range(RESCALES + 1):
        n = min(max(1, math.ceil(n * target_ns / (d + 1))), max_n)
        d = run(n)
        if d >= target_ns / 2 or n >= max_n:
            break
    return n, d / n


def measure_loop(n):
    """The export benchmarks' loop with the call removed."""
    t = clock()
    for _ in range(n):
        pass
    return clock() - t


def measure_guest_loop(b, n):
    """The guest's call_host loop with the import call removed."""
    t = clock()
    try:
        b.spin(b.store, n)
    except (WasmtimeError, Trap) as e:
        b.failed("spin", e)
    return clock() - t


def bench_export_noop(b, n):
    noop, store = b.noop, b.store
    t = clock()
    try:
        for _ in range(n):
            noop(store)
    except (WasmtimeError, Trap) as e:
        b.failed("noop", e)
    return clock() - t


def bench_export_add(b, n):
    add, store, last = b.add, b.store, None
    t = clock()
    try:
        for i in range(n):
            last = add(store, i, 7)
    except (WasmtimeError, Trap) as e:
        b.failed("add", e)
    elapsed = clock() - t
    if last != n - 1 + 7:
        fail("module %s: add(%d, 7) returned %r" % (b.path, n - 1, last))
    return elapsed


def bench_import_noop(b, n):
    t = clock()
    try:
        b.call_host(b.store, n)
    except (WasmtimeError, Trap) as e:
        b.failed("call_host", e)
    return clock() - t


def bench_memory(b, n):
    memory, touch, store, buf, ptr, last = b.memory, b.touch, b.store, b.buf, b.ptr, None
    t = clock()
    try:
        for _ in range(n):
            memory.write(store, buf, ptr)
            last = touch(store, ptr, MEM_CHUNK)
    except (WasmtimeError, Trap) as e:
        b.failed("touch", e)
    elapsed = clock() - t
    if last != buf[0] + buf[-1]:
        fail("module %s: touch returned %r, expected %d" % (b.path, last, buf[0] + buf[-1]))
    return elapsed


def cmd_ffi(path, report, plan):
    b = setup(path)

    def measure(name, max_n, run):
        if plan["calls"] is None:
            return calibrate(plan["target_ms"], max_n, run)
        n = plan["calls"][name]
        return n, run(n) / n

    calls, per = {}, {}
    calls["loop"], per["loop"] = measure("loop", MAX_HOST_N, measure_loop)
    calls["guest_loop"], per["guest_loop"] = measure("guest_loop", MAX_GUEST_N, lambda n: measure_guest_loop(b, n))
    calls["export_noop"], per["export_noop"] = measure("export_noop", MAX_HOST_N, lambda n: bench_export_noop(b, n))
    calls["export_add"], per["export_add"] = measure("export_add", MAX_HOST_N, lambda n: bench_export_add(b, n))
    calls["import_noop"], per["import_noop"] = measure("import_noop", MAX_GUEST_N, lambda n: bench_import_noop(b, n))
    calls["memory"], per["memory"] = measure("memory", MAX_HOST_N, lambda n: bench_memory(b, n))

    append_report(report, {
        "runtime": RUNTIME,
        "version": runtime_version(),
        "ffi": {
            "export_noop_ns": max(0.0, per["export_noop"] - per["loop"]),
            "export_add_ns": max(0.0, per["export_add"] - per["loop"]),
            "import_noop_ns": max(0.0, per["import_noop"] - per["guest_loop"]),
            "memory_copy_ns_per_kib": max(0.0, per["memory"] - per["loop"]) / (MEM_CHUNK // 1024),
        },
        "loop_ns": per["loop"],
        "guest_loop_ns": per["guest_loop"],
        "calls": calls,
    })
    return 0
