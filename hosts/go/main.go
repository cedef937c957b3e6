// Command host is the wasm-ffi-bench host built on wasmtime-go.
//
// Usage:
//
//	host version
//	host workload <module.wasm> --report <file> [-- <guest args...>]
//	host ffi <module.wasm> --report <file> [--target-ms 100]
//
// `version` prints one JSON line: {"runtime":"wasmtime-go","version":"..."}.
// `workload` runs the WASI command's _start (guest argv = ["workload", args...],
// stdio inherited, empty environment, no preopens) and appends one JSON line of
// phase times in nanoseconds to the report file. The exit code is the guest's
// exit status; a trap, a missing _start or an unreadable module exits 1 with a
// one-line message on stderr.
// `ffi` calibrates and measures per-call costs of the ffi guest module and
// appends one JSON line to the report file.
//
// Test hook: if WASM_FFI_BENCH_SLOWDOWN is set to a number f, the workload
// command sleeps f × (time since this program started) after _start returns,
// which lets tests simulate a slower host.
//
// The compilation cache is off: wasmtime-go only enables it when asked to
// (Config.CacheConfigLoad*), and this program never does.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/bytecodealliance/wasmtime-go/v39"
)

const (
	runtimeName = "wasmtime-go"
	modulePath  = "github.com/bytecodealliance/wasmtime-go/v39"
	memChunk    = 64 * 1024
)

var programStart = time.Now()

func runtimeVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == modulePath {
				if dep.Replace != nil && dep.Replace.Version != "" {
					return strings.TrimPrefix(dep.Replace.Version, "v")
				}
				return strings.TrimPrefix(dep.Version, "v")
			}
		}
	}
	return "unknown"
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "error: "+format+"\n", args...)
	os.Exit(1)
}

func usage(msg string) {
	fmt.Fprintf(os.Stderr, "error: %s\nusage: host version | host workload <module.wasm> --report <file> [-- <guest args...>] | host ffi <module.wasm> --report <file> [--target-ms N]\n", msg)
	os.Exit(2)
}

// firstLine keeps an error message to one line. wasmtime errors look like
// "<context>\n\nCaused by:\n    <reason>\n\nStack backtrace: ..." and a trap's
// context is itself a wasm backtrace, so this keeps the context's first line
// and the first line of the root cause (dropping the backtraces).
func firstLine(s string) string {
	if i := strings.Index(s, "\nStack backtrace:"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	head := strings.TrimSpace(strings.SplitN(s, "\n", 2)[0])
	i := strings.LastIndex(s, "Caused by:")
	if i < 0 {
		return head
	}
	cause := strings.TrimSpace(strings.SplitN(strings.TrimSpace(s[i+len("Caused by:"):]), "\n", 2)[0])
	if strings.HasSuffix(cause, "[") || strings.HasSuffix(cause, "{") {
		if j := strings.LastIndex(cause, " - "); j >= 0 {
			cause = cause[:j]
		}
	}
	if strings.HasSuffix(head, "backtrace:") {
		return cause
	}
	return head + ": " + cause
}

func hasExport(module *wasmtime.Module, name string) bool {
	for _, e := range module.Exports() {
		if e.Name() == name {
			return true
		}
	}
	return false
}

type options struct {
	wasm      string
	report    string
	targetMs  float64
	guestArgs []string
}

func parseOptions(args []string, allowGuestArgs bool) options {
	opts := options{targetMs: 100}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--" && allowGuestArgs:
			opts.guestArgs = append([]string{}, args[i+1:]...)
			i = len(args)
		case a == "--report":
			if i+1 >= len(args) {
				usage("--report needs a file")
			}
			i++
			opts.report = args[i]
		case a == "--target-ms" && !allowGuestArgs:
			if i+1 >= len(args) {
				usage("--target-ms needs a number")
			}
			i++
			v, err := strconv.ParseFloat(args[i], 64)
			if err != nil || !(v > 0) || math.IsInf(v, 0) {
				usage(fmt.Sprintf("--target-ms must be a positive number, got %q", args[i]))
			}
			opts.targetMs = v
		case strings.HasPrefix(a, "--"):
			usage(fmt.Sprintf("unknown option %q", a))
		case opts.wasm == "":
			opts.wasm = a
		default:
			usage(fmt.Sprintf("unexpected argument %q", a))
		}
	}
	if opts.wasm == "" {
		usage("missing module path")
	}
	if opts.report == "" {
		usage("missing --report <file>")
	}
	return opts
}

func appendReport(path string, value interface{}) {
	line, err := json.Marshal(value)
	if err != nil {
		fail("cannot encode report: %v", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		fail("cannot open report %s: %v", path, err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		fail("cannot write report %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		fail("cannot write report %s: %v", path, err)
	}
}

func readModule(path string) []byte {
	bytes, err := os.ReadFile(path)
	if err != nil {
		fail("cannot read module %s: %v", path, err)
	}
	return bytes
}

type phases struct {
	Setup       int64 `json:"setup"`
	Compile     int64 `json:"compile"`
	Instantiate int64 `json:"instantiate"`
	Execute     int64 `json:"execute"`
}

type workloadReport struct {
	Runtime  string `json:"runtime"`
	Version  string `json:"version"`
	PhasesNs phases `json:"phases_ns"`
}

func cmdWorkload(opts options) int {
	wasm := readModule(opts.wasm)

	t0 := time.Now()
	engine := wasmtime.NewEngine()
	linker := wasmtime.NewLinker(engine)
	if err := linker.DefineWasi(); err != nil {
		fail("cannot define WASI: %s", firstLine(err.Error()))
	}
	wasi := wasmtime.NewWasiConfig()
	wasi.SetArgv(append([]string{"workload"}, opts.guestArgs...))
	wasi.SetEnv([]string{}, []string{})
	wasi.InheritStdin()
	wasi.InheritStdout()
	wasi.InheritStderr()
	store := wasmtime.NewStore(engine)
	store.SetWasi(wasi)
	t1 := time.Now()

	module, err := wasmtime.NewModule(engine, wasm)
	if err != nil {
		fail("cannot compile module %s: %s", opts.wasm, firstLine(err.Error()))
	}
	t2 := time.Now()
	if !hasExport(module, "_start") {
		fail("module %s has no _start export", opts.wasm)
	}

	t3a := time.Now()
	instance, err := linker.Instantiate(store, module)
	if err != nil {
		fail("cannot instantiate module %s: %s", opts.wasm, firstLine(err.Error()))
	}
	t3 := time.Now()

	start := instance.GetFunc(store, "_start")
	if start == nil {
		fail("module %s has no _start export", opts.wasm)
	}
	t4 := time.Now()
	_, err = start.Call(store)
	t5 := time.Now()

	status := 0
	if err != nil {
		var werr *wasmtime.Error
		if errors.As(err, &werr) {
			if code, ok := werr.ExitStatus(); ok {
				status = int(code)
			} else {
				fail("module %s failed: %s", opts.wasm, firstLine(err.Error()))
			}
		} else {
			fail("module %s trapped: %s", opts.wasm, firstLine(err.Error()))
		}
	}
	if status != 0 {
		// The guest reported a failure itself (its message is on stderr).
		return status
	}

	appendReport(opts.report, workloadReport{
		Runtime: runtimeName,
		Version: runtimeVersion(),
		PhasesNs: phases{
			Setup:       t1.Sub(t0).Nanoseconds(),
			Compile:     t2.Sub(t1).Nanoseconds(),
			Instantiate: t3.Sub(t3a).Nanoseconds(),
			Execute:     t5.Sub(t4).Nanoseconds(),
		},
	})

	// Test hook, see the package comment.
	if s := os.Getenv("WASM_FFI_BENCH_SLOWDOWN"); s != "" {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && !math.IsInf(f, 0) {
			time.Sleep(time.Duration(f * float64(time.Since(programStart))))
		}
	}
	return 0
}

// calibrate doubles n until run(n) takes at least 10 ms, scales n so that a run
// takes about targetMs, and returns the measured (n, nanoseconds per call).
func calibrate(targetMs float64, run func(n int64) time.Duration) (int64, float64) {
	n := int64(1)
	var d time.Duration
	for {
		d = run(n)
		if d >= 10*time.Millisecond || n >= 1<<40 {
			break
		}
		n *= 2
	}
	scaled := int64(math.Ceil(float64(n) * targetMs * 1e6 / float64(d.Nanoseconds()+1)))
	if scaled < 1 {
		scaled = 1
	}
	d = run(scaled)
	return scaled, float64(d.Nanoseconds()) / float64(scaled)
}

type ffiCosts struct {
	ExportNoopNs   float64 `json:"export_noop_ns"`
	ExportAddNs    float64 `json:"export_add_ns"`
	ImportNoopNs   float64 `json:"import_noop_ns"`
	MemoryNsPerKiB float64 `json:"memory_ns_per_kib"`
}

type ffiCalls struct {
	ExportNoop int64 `json:"export_noop"`
	ExportAdd  int64 `json:"export_add"`
	ImportNoop int64 `json:"import_noop"`
	Memory     int64 `json:"memory"`
}

type ffiReport struct {
	Runtime string   `json:"runtime"`
	Version string   `json:"version"`
	Ffi     ffiCosts `json:"ffi"`
	Calls   ffiCalls `json:"calls"`
}

func cmdFfi(opts options) int {
	wasm := readModule(opts.wasm)

	engine := wasmtime.NewEngine()
	linker := wasmtime.NewLinker(engine)
	if err := linker.DefineWasi(); err != nil {
		fail("cannot define WASI: %s", firstLine(err.Error()))
	}
	if err := linker.FuncWrap("env", "host_noop", func() {}); err != nil {
		fail("cannot define env.host_noop: %s", firstLine(err.Error()))
	}
	wasi := wasmtime.NewWasiConfig()
	wasi.SetArgv([]string{"ffi"})
	wasi.InheritStdout()
	wasi.InheritStderr()
	store := wasmtime.NewStore(engine)
	store.SetWasi(wasi)

	module, err := wasmtime.NewModule(engine, wasm)
	if err != nil {
		fail("cannot compile module %s: %s", opts.wasm, firstLine(err.Error()))
	}
	instance, err := linker.Instantiate(store, module)
	if err != nil {
		fail("cannot instantiate module %s: %s", opts.wasm, firstLine(err.Error()))
	}
	getFunc := func(name string) *wasmtime.Func {
		f := instance.GetFunc(store, name)
		if f == nil {
			fail("module %s has no %s export", opts.wasm, name)
		}
		return f
	}
	if init := instance.GetFunc(store, "_initialize"); init != nil {
		if _, err := init.Call(store); err != nil {
			fail("module %s: _initialize failed: %s", opts.wasm, firstLine(err.Error()))
		}
	}
	noop, add, callHost := getFunc("noop"), getFunc("add"), getFunc("call_host")
	alloc, checksum := getFunc("alloc"), getFunc("checksum")
	memExt := instance.GetExport(store, "memory")
	if memExt == nil || memExt.Memory() == nil {
		fail("module %s has no memory export", opts.wasm)
	}
	memory := memExt.Memory()

	call := func(f *wasmtime.Func, name string, args ...interface{}) interface{} {
		v, err := f.Call(store, args...)
		if err != nil {
			fail("module %s: %s failed: %s", opts.wasm, name, firstLine(err.Error()))
		}
		return v
	}

	var report ffiReport
	report.Runtime = runtimeName
	report.Version = runtimeVersion()

	report.Calls.ExportNoop, report.Ffi.ExportNoopNs = calibrate(opts.targetMs, func(n int64) time.Duration {
		t := time.Now()
		for i := int64(0); i < n; i++ {
			call(noop, "noop")
		}
		return time.Since(t)
	})

	report.Calls.ExportAdd, report.Ffi.ExportAddNs = calibrate(opts.targetMs, func(n int64) time.Duration {
		t := time.Now()
		for i := int64(0); i < n; i++ {
			a := int32(i)
			if got := call(add, "add", a, int32(7)).(int32); got != a+7 {
				fail("module %s: add(%d, 7) returned %d", opts.wasm, a, got)
			}
		}
		return time.Since(t)
	})

	report.Calls.ImportNoop, report.Ffi.ImportNoopNs = calibrate(opts.targetMs, func(n int64) time.Duration {
		if n > math.MaxInt32 {
			n = math.MaxInt32
		}
		t := time.Now()
		call(callHost, "call_host", int32(n))
		return time.Since(t)
	})

	ptr := call(alloc, "alloc", int32(memChunk)).(int32)
	if ptr <= 0 {
		fail("module %s: alloc(%d) returned %d", opts.wasm, memChunk, ptr)
	}
	buf := make([]byte, memChunk)
	var expected int64
	for i := range buf {
		buf[i] = byte(i % 251)
		expected += int64(buf[i])
	}
	var memCalls int64
	memCalls, perRound := calibrate(opts.targetMs, func(n int64) time.Duration {
		t := time.Now()
		for i := int64(0); i < n; i++ {
			data := memory.UnsafeData(store)
			copy(data[ptr:int(ptr)+memChunk], buf)
			if got := call(checksum, "checksum", ptr, int32(memChunk)).(int64); got != expected {
				fail("module %s: checksum returned %d, expected %d", opts.wasm, got, expected)
			}
		}
		return time.Since(t)
	})
	report.Calls.Memory = memCalls
	report.Ffi.MemoryNsPerKiB = perRound / (memChunk / 1024)

	appendReport(opts.report, report)
	return 0
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		usage("missing command")
	}
	switch args[0] {
	case "version":
		line, _ := json.Marshal(map[string]string{"runtime": runtimeName, "version": runtimeVersion()})
		fmt.Println(string(line))
	case "workload":
		os.Exit(cmdWorkload(parseOptions(args[1:], true)))
	case "ffi":
		os.Exit(cmdFfi(parseOptions(args[1:], false)))
	default:
		usage(fmt.Sprintf("unknown command %q", args[0]))
	}
}
