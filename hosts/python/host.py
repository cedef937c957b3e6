"""wasm-ffi-bench host built on wasmtime-py.

Usage:
  python host.py version
  python host.py workload <module.wasm> --report <file> [-- <guest args...>]
  python host.py ffi <module.wasm> --report <file> [--target-ms 100 | --calls LOOP=N,...]

`version` prints one JSON line: {"runtime":"wasmtime-py","version":"..."}.
`workload` runs the WASI command's _start (guest argv = ["workload", args...],
stdio inherited, empty environment, no preopens) and appends one JSON line of
phase times in nanoseconds to the report file. The exit code is the guest's
exit status; a trap, a missing _start or an unreadable module exits 1 with a
one-line message on stderr.
`ffi` calibrates and measures per-call costs of the ffi guest module and
appends one JSON line to the report file (see ffi.py). With --calls each loop
runs the given number of times instead (all six loops named, e.g.
loop=500,guest_loop=500,...), so that two runs under an instruction counter
differ by the iterations of the one loop whose count differs.

The compilation cache is off: wasmtime-py only enables it when asked to
(Config.cache), and this program never does.
"""

import json
import math
import os
import sys
import time

# Built from its manifest (wasm-ffi-bench.host.json), the host's wheels are in .deps next to this file.
_DEPS = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".deps")
if os.path.isdir(_DEPS):
    sys.path.insert(0, _DEPS)

import wasmtime  # noqa: E402
from wasmtime import ExitTrap, Trap, WasmtimeError  # noqa: E402

from wasm_runtime import RUNTIME, Runtime, append_report, fail, one_line, read_module, runtime_version  # noqa: E402


# The loops of the ffi command, as the report's "calls" and the --calls option name them.
LOOP_NAMES = ("loop", "guest_loop", "export_noop", "export_add", "import_noop", "memory")
# The guest's loops take an i32 count.
MAX_CALLS = 0x7FFFFFFF


def usage(message):
    sys.stderr.write(
        "error: %s\nusage: host.py version | workload <module.wasm> --report <file> "
        "[-- <guest args...>] | ffi <module.wasm> --report <file> [--target-ms N | --calls LOOP=N,...]\n" % message
    )
    sys.exit(2)


def parse_calls(spec):
    """--calls: LOOP=N for each of the six loops, comma-separated."""
    calls = {}
    for part in spec.split(","):
        name, _, count = part.partition("=")
        if name not in LOOP_NAMES or not (count.isascii() and count.isdigit()) or not 1 <= int(count) <= MAX_CALLS:
            usage("--calls takes LOOP=N for each of %s (N from 1 to %d), got %r" % (", ".join(LOOP_NAMES), MAX_CALLS, part))
        calls[name] = int(count)
    if len(calls) != len(LOOP_NAMES):
        usage("--calls needs a count for each of %s, got %r" % (", ".join(LOOP_NAMES), spec))
    return calls


def parse_options(args, allow_guest_args):
    wasm = report = None
    plan = {"target_ms": 100.0, "calls": None}
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
                plan["target_ms"] = float(args[i])
            except ValueError:
                plan["target_ms"] = -1.0
            if not (plan["target_ms"] > 0 and math.isfinite(plan["target_ms"])):
                usage("--target-ms must be a positive number, got %r" % args[i])
        elif a == "--calls" and not allow_guest_args:
            i += 1
            if i >= len(args):
                usage("--calls needs LOOP=N for every loop")
            plan["calls"] = parse_calls(args[i])
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
    return wasm, report, plan, guest_args


def cmd_workload(args):
    path, report, _, guest_args = parse_options(args, True)
    wasm = read_module(path)

    t0 = time.perf_counter_ns()
    runtime = Runtime(["workload"] + guest_args)
    t1 = time.perf_counter_ns()

    module = runtime.compile(wasm, path)
    t2 = time.perf_counter_ns()
    if not any(e.name == "_start" for e in module.exports):
        fail("module %s has no _start export" % path)

    t3a = time.perf_counter_ns()
    instance = runtime.instantiate(module, path)
    t3 = time.perf_counter_ns()

    start = instance.exports(runtime.store).get("_start")
    if not isinstance(start, wasmtime.Func):
        fail("module %s has no _start function" % path)
    sys.stdout.flush()
    status = 0
    t4 = time.perf_counter_ns()
    try:
        start(runtime.store)
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
        path, report, plan, _ = parse_options(rest, False)
        # Loaded only here, so that the workload's wall time does not include it.
        from ffi import cmd_ffi
        return cmd_ffi(path, report, plan)
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
