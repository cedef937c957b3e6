// Command host is the wasm-ffi-bench host built on wasmtime-go.
//
// Usage:
//
//	host version
//	host workload <module.wasm> --report <file> [-- <guest args...>]
//	host ffi <module.wasm> --report <file> [--target-ms 100 | --calls LOOP=N,...]
//
// `version` prints one JSON line: {"runtime":"wasmtime-go","version":"..."}.
// `workload` runs the WASI command's _start (guest argv = ["workload", args...],
// stdio inherited, empty environment, no preopens) and appends one JSON line of
// phase times in nanoseconds to the report file. The exit code is the guest's
// exit status; a trap, a missing _start or an unreadable module exits 1 with a
// one-line message on stderr.
// `ffi` calibrates and measures per-call costs of the ffi guest module and
// appends one JSON line to the report file (see ffi.go). With --calls each
// loop runs the given number of times instead (all six loops named, e.g.
// loop=500,guest_loop=500,...), so that two runs under an instruction counter
// differ by the iterations of the one loop whose count differs.
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

	"github.com/bytecodealliance/wasmtime-go/v39"
)

const (
	runtimeName = "wasmtime-go"
	modulePath  = "github.com/bytecodealliance/wasmtime-go/v39"
)

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
	fmt.Fprintf(os.Stderr, "error: %s\nusage: host version | host workload <module.wasm> --report <file> [-- <guest args...>] | host ffi <module.wasm> --report <file> [--target-ms N | --calls LOOP=N,...]\n", msg)
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
	calls     map[string]int64
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
		case a == "--calls" && !allowGuestArgs:
			if i+1 >= len(args) {
				usage("--calls needs LOOP=N for every loop")
			}
			i++
			opts.calls = parseCalls(args[i])
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

	t0 := now()
	rt := newRuntime(append([]string{"workload"}, opts.guestArgs...))
	t1 := now()

	module := rt.compile(wasm, opts.wasm)
	t2 := now()
	if !hasExport(module, "_start") {
		fail("module %s has no _start export", opts.wasm)
	}

	t3a := now()
	instance := rt.instantiate(module, opts.wasm)
	t3 := now()

	start := instance.GetFunc(rt.store, "_start")
	if start == nil {
		fail("module %s has no _start export", opts.wasm)
	}
	t4 := now()
	_, err := start.Call(rt.store)
	t5 := now()

	if status := exitStatus(err, opts.wasm); status != 0 {
		// The guest reported a failure itself (its message is on stderr).
		return status
	}
	appendReport(opts.report, workloadReport{
		Runtime: runtimeName,
		Version: runtimeVersion(),
		PhasesNs: phases{
			Setup:       t1.sub(t0).Nanoseconds(),
			Compile:     t2.sub(t1).Nanoseconds(),
			Instantiate: t3.sub(t3a).Nanoseconds(),
			Execute:     t5.sub(t4).Nanoseconds(),
		},
	})
	return 0
}

// exitStatus is the guest's WASI exit status (0 when _start returned); a trap
// ends the program with a one-line message.
func exitStatus(err error, path string) int {
	if err == nil {
		return 0
	}
	var werr *wasmtime.Error
	if !errors.As(err, &werr) {
		fail("module %s trapped: %s", path, firstLine(err.Error()))
	}
	code, ok := werr.ExitStatus()
	if !ok {
		fail("module %s failed: %s", path, firstLine(err.Error()))
	}
	return int(code)
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
