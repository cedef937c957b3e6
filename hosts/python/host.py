"""wasm-ffi-bench host built on wasmtime-py.

Usage:
  python host.py version
  python host.py workload <module.wasm> --report <file> [-- <guest args...>]
  python host.py ffi <module.wasm> --report <file> [--target-ms 100]

`version` prints one JSON line: {"runtime":"wasmtime-py","version":"..."}.
`workload` runs the WASI command's _start (guest argv = ["workload", args...],
stdio inherited, empty environment, no preopens) and appends one JSON line of
phase times in nanoseconds to the report file. The exit code is the guest's
exit status; a trap, a missing _start or an unreadable module exits 1 with a
one-line message on stderr.
`ffi` calibrates and measures per-call costs of the ffi guest module and
appends one JSON line to the report file.

Test hook: if WASM_FFI_BENCH_SLOWDOWN is set to a number f, the workload
command sleeps f x (time since this program started) after _start returns,
which lets tests simulate a slower host.

The compilation cache is off: wasmtime-py only enables it when asked to
(Config.cache), and this program never does.
"""

import time

PROGRAM_START_NS = time.perf_counter_ns()

import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from importlib import metadata  # noqa: E402

import wasmtime  # noqa: E402
from wasmtime import (  # noqa: E402
    Engine,
    ExitTrap,
    FuncType,
    Linker,
    Module,
    Store,
    Trap,
    WasiConfig,
    WasmtimeError,
)

RUNTIME = "wasmtime-py"
MEM_CHUNK = 64 * 1024


def runtime_version():
    try:
        return metadata.version("wasmtime")
    except metadata.PackageNotFoundError:
        return getattr(wasmtime, "__version__", "unknown")


def fail(message):
    sys.stderr.write("error: %s\n" % message)
    sys.stderr.flush()
    sys.exit(1)


def usage(message):
    sys.stderr.write(
        "error: %s\nusage: host.py version | workload <module.wasm> --report <file> "
        "[-- <guest args...>] | ffi <module.wasm> --report <file> [--target-ms N]\n" % message
    )
    sys.exit(2)


def one_line(err):
    """One line of a wasmtime error: the context and the root cause, with
    wasm backtraces and multi-line details dropped."""
    text = err.message if isinstance(err, Trap) else str(err)
    cut = text.find("\nStack backtrace:")
    if cut >= 0:
        text = text[:cut]
    text = text.strip()
    head = text.split("\n", 1)[0].strip()
    i = text.rfind("Caused by:")
    if i < 0:
        return head
    cause = text[i + len("Caused by:"):].strip().split("\n", 1)[0].strip()
    if cause.endswith(("[", "{")) and " - " in cause:
        cause = cause[: cause.rfind(" - ")]
    if head.endswith("backtrace:"):
        return cause
    return head + ": " + cause


def check_binary(wasm, path):
    # wasmtime-py's Module() would try to parse anything that is not a wasm
    # binary as the text format, which gives confusing messages for a corrupt
    # file; the hosts only take binaries.
    if wasm[:4] != b"\0asm":
        fail("cannot compile module %s: not a WebAssembly binary (bad magic number)" % path)


def parse_options(args, allow_guest_args):
    wasm = report = None
    target_ms = 100.0
    guest_args = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--" and allow_guest_args:
            guest_args = list(args[i + 1:])
            break
        elif a == "--report":
            i += 1
            if i >= len(args):
                usage("--report needs a file")
            report = args[i]
        elif a == "--target-ms" and not allow_guest_args:
            i += 1
            if i >= len(args):
                usage("--target-ms needs a number")
            try:
                target_ms = float(args[i])
            except ValueError:
                target_ms = -1.0
            if not (target_ms > 0 and math.isfinite(target_ms)):
                usage("--target-ms must be a positive number, got %r" % args[i])
        elif a.startswith("--"):
            usage("unknown option %r" % a)
        elif wasm is None:
            wasm = a
        else:
            usage("unexpected argument %r" % a)
        i += 1
    if wasm is None:
        usage("missing module path")
    if report is None:
        usage("missing --report <file>")
    return wasm, report, target_ms, guest_args


def append_report(path, value):
    line = json.dumps(value, separators=(",", ":"))
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
    except OSError as e:
        fail("cannot write report %s: %s" % (path, e.strerror or e))


def read_module(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        fail("cannot read module %s: %s" % (path, e.strerror or e))


def compile_module(engine, wasm, path):
    try:
        return Module(engine, wasm)
    except WasmtimeError as e:
        fail("cannot compile module %s: %s" % (path, one_line(e)))


def instantiate(linker, store, module, path):
    try:
        return linker.instantiate(store, module)
    except (WasmtimeError, Trap) as e:
        fail("cannot instantiate module %s: %s" % (path, one_line(e)))


def cmd_workload(args):
    path, report, _, guest_args = parse_options(args, True)
    wasm = read_module(path)
    check_binary(wasm, path)

    t0 = time.perf_counter_ns()
    engine = Engine()
    linker = Linker(engine)
    linker.define_wasi()
    wasi = WasiConfig()
    wasi.argv = ["workload"] + guest_args
    wasi.env = []
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    store = Store(engine)
    store.set_wasi(wasi)
    t1 = time.perf_counter_ns()

    module = compile_module(engine, wasm, path)
    t2 = time.perf_counter_ns()
    if not any(e.name == "_start" for e in module.exports):
        fail("module %s has no _start export" % path)

    t3a = time.perf_counter_ns()
    instance = instantiate(linker, store, module, path)
    t3 = time.perf_counter_ns()

    start = instance.exports(store).get("_start")
    if not isinstance(start, wasmtime.Func):
        fail("module %s has no _start function" % path)
    sys.stdout.flush()
    status = 0
    t4 = time.perf_counter_ns()
    try:
        start(store)
    except ExitTrap as e:
        status = e.code
    except (WasmtimeError, Trap) as e:
        fail("module %s trapped: %s" % (path, one_line(e)))
    t5 = time.perf_counter_ns()

    if status != 0:
        # The guest reported a failure itself (its message is on stderr).
        return status

    append_report(report, {
        "runtime": RUNTIME,
        "version": runtime_version(),
        "phases_ns": {
            "setup": t1 - t0,
            "compile": t2 - t1,
            "instantiate": t3 - t3a,
            "execute": t5 - t4,
        },
    })

    # Test hook, see the module docstring.
    slowdown = os.environ.get("WASM_FFI_BENCH_SLOWDOWN")
    if slowdown:
        try:
            f = float(slowdown)
        except ValueError:
            f = 0.0
        if f > 0 and math.isfinite(f):
            time.sleep(f * seconds_since_start())
    return 0


def seconds_since_start():
    """Time since this process started: from /proc where available (so that
    interpreter start-up counts), else since this module was loaded."""
    try:
        with open("/proc/self/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22, starttime, in clock ticks since boot
        boot_now = time.clock_gettime(time.CLOCK_BOOTTIME)
        elapsed = boot_now - start_ticks / os.sysconf("SC_CLK_TCK")
        if elapsed >= 0:
            return elapsed
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return (time.perf_counter_ns() - PROGRAM_START_NS) / 1e9


def calibrate(target_ms, run):
    """Doubles n until run(n) takes at least 10 ms, scales n so that a run
    takes about target_ms, and returns the measured (n, ns per call)."""
    n = 1
    while True:
        d = run(n)
        if d >= 10_000_000 or n >= 1 << 40:
            break
        n *= 2
    scaled = max(1, math.ceil(n * target_ms * 1e6 / (d + 1)))
    d = run(scaled)
    return scaled, d / scaled


def cmd_ffi(args):
    path, report, target_ms, _ = parse_options(args, False)
    wasm = read_module(path)
    check_binary(wasm, path)

    engine = Engine()
    linker = Linker(engine)
    linker.define_wasi()
    linker.define_func("env", "host_noop", FuncType([], []), lambda: None)
    wasi = WasiConfig()
    wasi.argv = ["ffi"]
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    store = Store(engine)
    store.set_wasi(wasi)
    module = compile_module(engine, wasm, path)
    instance = instantiate(linker, store, module, path)
    exports = instance.exports(store)

    def export(name, kind):
        item = exports.get(name)
        if not isinstance(item, kind):
            fail("module %s has no %s export" % (path, name))
        return item

    def call(func, name, *params):
        try:
            return func(store, *params)
        except (WasmtimeError, Trap) as e:
            fail("module %s: %s failed: %s" % (path, name, one_line(e)))

    init = exports.get("_initialize")
    if isinstance(init, wasmtime.Func):
        call(init, "_initialize")
    noop = export("noop", wasmtime.Func)
    add = export("add", wasmtime.Func)
    call_host = export("call_host", wasmtime.Func)
    alloc = export("alloc", wasmtime.Func)
    checksum = export("checksum", wasmtime.Func)
    memory = export("memory", wasmtime.Memory)
    clock = time.perf_counter_ns

    def run_noop(n):
        t = clock()
        for _ in range(n):
            call(noop, "noop")
        return clock() - t

    def run_add(n):
        t = clock()
        for i in range(n):
            a = i & 0x3FFFFFFF
            got = call(add, "add", a, 7)
            if got != a + 7:
                fail("module %s: add(%d, 7) returned %r" % (path, a, got))
        return clock() - t

    def run_import(n):
        n = min(n, 0x7FFFFFFF)
        t = clock()
        call(call_host, "call_host", n)
        return clock() - t

    ptr = call(alloc, "alloc", MEM_CHUNK)
    if not isinstance(ptr, int) or ptr <= 0:
        fail("module %s: alloc(%d) returned %r" % (path, MEM_CHUNK, ptr))
    buf = bytearray(i % 251 for i in range(MEM_CHUNK))
    expected = sum(buf)

    def run_memory(n):
        t = clock()
        for _ in range(n):
            memory.write(store, buf, ptr)
            got = call(checksum, "checksum", ptr, MEM_CHUNK)
            if got != expected:
                fail("module %s: checksum returned %r, expected %d" % (path, got, expected))
        return clock() - t

    calls = {}
    costs = {}
    calls["export_noop"], costs["export_noop_ns"] = calibrate(target_ms, run_noop)
    calls["export_add"], costs["export_add_ns"] = calibrate(target_ms, run_add)
    calls["import_noop"], costs["import_noop_ns"] = calibrate(target_ms, run_import)
    calls["memory"], per_round = calibrate(target_ms, run_memory)
    costs["memory_ns_per_kib"] = per_round / (MEM_CHUNK // 1024)

    append_report(report, {
        "runtime": RUNTIME,
        "version": runtime_version(),
        "ffi": costs,
        "calls": calls,
    })
    return 0


def main(argv):
    if not argv:
        usage("missing command")
    command, rest = argv[0], argv[1:]
    if command == "version":
        print(json.dumps({"runtime": RUNTIME, "version": runtime_version()}, separators=(",", ":")))
        return 0
    if command == "workload":
        return cmd_workload(rest)
    if command == "ffi":
        return cmd_ffi(rest)
    usage("unknown command %r" % command)


if __name__ == "__main__":
    try:
        code = main(sys.argv[1:])
        sys.stdout.flush()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 1
    sys.exit(code)
