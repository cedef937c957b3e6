"""What both commands of host.py share: the engine, linker and WASI store,
the steps that turn module bytes into an instance, errors as one line, and the
report file."""

import json
import sys
from importlib import metadata

import wasmtime
from wasmtime import Engine, Linker, Module, Store, Trap, WasiConfig, WasmtimeError

RUNTIME = "wasmtime-py"


def runtime_version():
    try:
        return metadata.version("wasmtime")
    except metadata.PackageNotFoundError:
        return getattr(wasmtime, "__version__", "unknown")


def fail(message):
    sys.stderr.write("error: %s\n" % message)
    sys.stderr.flush()
    sys.exit(1)


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
            wasm = f.read()
    except OSError as e:
        fail("cannot read module %s: %s" % (path, e.strerror or e))
    # wasmtime-py's Module() would try to parse anything that is not a wasm
    # binary as the text format, which gives confusing messages for a corrupt
    # file; the hosts only take binaries.
    if wasm[:4] != b"\0asm":
        fail("cannot compile module %s: not a WebAssembly binary (bad magic number)" % path)
    return wasm


class Runtime:
    """An engine with the default configuration (no compilation cache), a
    linker with WASI preview 1, and a store whose guest sees argv, an empty
    environment, the host's stdio and no preopened directories."""

    def __init__(self, argv):
        self.engine = Engine()
        self.linker = Linker(self.engine)
        self.linker.define_wasi()
        wasi = WasiConfig()
        wasi.argv = argv
        wasi.env = []
        wasi.inherit_stdin()
        wasi.inherit_stdout()
        wasi.inherit_stderr()
        self.store = Store(self.engine)
        self.store.set_wasi(wasi)

    def compile(self, wasm, path):
        try:
            return Module(self.engine, wasm)
        except WasmtimeError as e:
            fail("cannot compile module %s: %s" % (path, one_line(e)))

    def instantiate(self, module, path):
        try:
            return self.linker.instantiate(self.store, module)
        except (WasmtimeError, Trap) as e:
            fail("cannot instantiate module %s: %s" % (path, one_line(e)))
