package main

// The ffi command: per-call costs of the ffi guest module, each loop
// calibrated to take about --target-ms, or run a fixed --calls times.
//
// Figures (the report file's "ffi" object), in the same way in every host:
//   - export_noop_ns, export_add_ns: one call from the host into the guest,
//     less loop_ns, the cost of the host's own loop with the call removed
//     (measureLoop);
//   - import_noop_ns: one call from the guest into the host, less
//     guest_loop_ns, the guest's own loop with the call removed (its spin);
//   - memory_copy_ns_per_kib: writing 1 MiB into guest memory and calling the
//     guest's touch on it (which only reads two bytes), less loop_ns, per KiB:
//     the bytes crossing, with one call spread over 1,024 KiB. Nothing measured
//     apart is subtracted, so the figure stays stable on a busy machine.
//
// A difference below zero (noise around a cost that is all loop) is reported
// as 0.

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bytecodealliance/wasmtime-go/v39"
)

const (
	memChunk = 1 << 20
	// Host loops count in int64; the guest's loops take an i32 count.
	maxHostN  = int64(1) << 40
	maxGuestN = int64(math.MaxInt32)
	// How often calibrate may scale again after a timed run that fell short
	// of the target.
	rescales = 4
)

// loopNames are the loops of the ffi command, as the report's "calls" and
// the --calls option name them.
var loopNames = []string{"loop", "guest_loop", "export_noop", "export_add", "import_noop", "memory"}

// parseCalls reads --calls: LOOP=N for each of the six loops, comma-separated.
func parseCalls(spec string) map[string]int64 {
	calls := map[string]int64{}
	for _, part := range strings.Split(spec, ",") {
		name, count, _ := strings.Cut(part, "=")
		n, err := strconv.ParseInt(count, 10, 64)
		if !slices.Contains(loopNames, name) || err != nil || n < 1 || n > maxGuestN || strings.HasPrefix(count, "+") {
			usage(fmt.Sprintf("--calls takes LOOP=N for each of %s (N from 1 to %d), got %q", strings.Join(loopNames, ", "), maxGuestN, part))
		}
		calls[name] = n
	}
	if len(calls) != len(loopNames) {
		usage(fmt.Sprintf("--calls needs a count for each of %s, got %q", strings.Join(loopNames, ", "), spec))
	}
	return calls
}

type bench struct {
	rt                               *wasmRuntime
	wasm                             string
	noop, add, callHost, spin, touch *wasmtime.Func
	memory                           *wasmtime.Memory
	ptr                              int32
	buf                              []byte
}

type ffiFigures struct {
	ExportNoopNs       float64 `json:"export_noop_ns"`
	ExportAddNs        float64 `json:"export_add_ns"`
	ImportNoopNs       float64 `json:"import_noop_ns"`
	MemoryCopyNsPerKiB float64 `json:"memory_copy_ns_per_kib"`
}

type ffiCalls struct {
	Loop       int64 `json:"loop"`
	GuestLoop  int64 `json:"guest_loop"`
	ExportNoop int64 `json:"export_noop"`
	ExportAdd  int64 `json:"export_add"`
	ImportNoop int64 `json:"import_noop"`
	Memory     int64 `json:"memory"`
}

type ffiReport struct {
	Runtime     string     `json:"runtime"`
	Version     string     `json:"version"`
	Ffi         ffiFigures `json:"ffi"`
	LoopNs      float64    `json:"loop_ns"`
	GuestLoopNs float64    `json:"guest_loop_ns"`
	Calls       ffiCalls   `json:"calls"`
}

// call is for set-up and single calls; the loops call Func.Call themselves,
// the same way for noop and add.
func (b *bench) call(f *wasmtime.Func, name string, args ...interface{}) interface{} {
	v, err := f.Call(b.rt.store, args...)
	if err != nil {
		b.failed(name, err)
	}
	return v
}

func (b *bench) failed(name string, err error) {
	fail("module %s: %s failed: %s", b.wasm, name, firstLine(err.Error()))
}

// setup compiles and instantiates the ffi module with env.host_noop, and
// allocates the guest buffer that benchMemory fills with bytes 1..251.
func setup(path string) *bench {
	rt := newRuntime([]string{"ffi"})
	if err := rt.linker.FuncWrap("env", "host_noop", func() {}); err != nil {
		fail("cannot define env.host_noop: %s", firstLine(err.Error()))
	}
	instance := rt.instantiate(rt.compile(readModule(path), path), path)
	b := &bench{rt: rt, wasm: path}
	export := func(name string) *wasmtime.Func {
		f := instance.GetFunc(rt.store, name)
		if f == nil {
			fail("module %s has no %s export", path, name)
		}
		return f
	}
	if init := instance.GetFunc(rt.store, "_initialize"); init != nil {
		b.call(init, "_initialize")
	}
	b.noop, b.add, b.callHost, b.spin, b.touch = export("noop"), export("add"), export("call_host"), export("spin"), export("touch")
	mem := instance.GetExport(rt.store, "memory")
	if mem == nil || mem.Memory() == nil {
		fail("module %s has no memory export", path)
	}
	b.memory = mem.Memory()
	b.ptr = b.call(export("alloc"), "alloc", int32(memChunk)).(int32)
	if b.ptr <= 0 {
		fail("module %s: alloc(%d) returned %d", path, memChunk, b.ptr)
	}
	b.buf = make([]byte, memChunk)
	for i := range b.buf {
		b.buf[i] = byte(i%251 + 1)
	}
	return b
}

// calibrate doubles n until run(n) takes at least 10 ms (or n reaches maxN),
// scales n so that a run takes about targetMs and times that run. A timed run
// under half the target means the run it was scaled from was slowed down
// (descheduled on a busy machine): it is scaled again from the timed run, up
// to rescales times. Returns (n, nanoseconds per iteration).
func calibrate(targetMs float64, maxN int64, run func(n int64) time.Duration) (int64, float64) {
	n := int64(1)
	var d time.Duration
	for {
		d = run(n)
		if d >= 10*time.Millisecond || n >= maxN {
			break
		}
		n = min(n*2, maxN)
	}
	targetNs := targetMs * 1e6
	for i := 0; i <= rescales; i++ {
		n = max(1, min(int64(math.Ceil(float64(n)*targetNs/float64(d.Nanoseconds()+1))), maxN))
		d = run(n)
		if float64(d.Nanoseconds()) >= targetNs/2 || n >= maxN {
			break
		}
	}
	return n, float64(d.Nanoseconds()) / float64(n)
}

// measureLoop is the export benchmarks' loop with the call removed (Go's
// compiler keeps empty loops).
func measureLoop(n int64) time.Duration {
	t := now()
	for i := int64(0); i < n; i++ {
	}
	return since(t)
}

// measureGuestLoop is the guest's call_host loop with the import call removed.
func (b *bench) measureGuestLoop(n int64) time.Duration {
	t := now()
	b.call(b.spin, "spin", int32(n))
	return since(t)
}

func (b *bench) benchExportNoop(n int64) time.Duration {
	t := now()
	for i := int64(0); i < n; i++ {
		if _, err := b.noop.Call(b.rt.store); err != nil {
			b.failed("noop", err)
		}
	}
	return since(t)
}

func (b *bench) benchExportAdd(n int64) time.Duration {
	var last interface{}
	t := now()
	for i := int64(0); i < n; i++ {
		v, err := b.add.Call(b.rt.store, int32(i), int32(7))
		if err != nil {
			b.failed("add", err)
		}
		last = v
	}
	d := since(t)
	if want := int32(n-1) + 7; last.(int32) != want {
		fail("module %s: add(%d, 7) returned %v, expected %d", b.wasm, int32(n-1), last, want)
	}
	return d
}

func (b *bench) benchImportNoop(n int64) time.Duration {
	t := now()
	b.call(b.callHost, "call_host", int32(n))
	return since(t)
}

func (b *bench) benchMemory(n int64) time.Duration {
	var last interface{}
	t := now()
	for i := int64(0); i < n; i++ {
		copy(b.memory.UnsafeData(b.rt.store)[b.ptr:int(b.ptr)+memChunk], b.buf)
		v, err := b.touch.Call(b.rt.store, b.ptr, int32(memChunk))
		if err != nil {
			b.failed("touch", err)
		}
		last = v
	}
	d := since(t)
	if want := int32(b.buf[0]) + int32(b.buf[memChunk-1]); last.(int32) != want {
		fail("module %s: touch returned %v, expected %d", b.wasm, last, want)
	}
	return d
}

func cmdFfi(opts options) int {
	b := setup(opts.wasm)
	measure := func(name string, maxN int64, run func(n int64) time.Duration) (int64, float64) {
		n, fixed := opts.calls[name]
		if !fixed {
			return calibrate(opts.targetMs, maxN, run)
		}
		return n, float64(run(n).Nanoseconds()) / float64(n)
	}
	var r ffiReport
	var noopNs, addNs, importNs, memoryNs float64
	r.Calls.Loop, r.LoopNs = measure("loop", maxHostN, measureLoop)
	r.Calls.GuestLoop, r.GuestLoopNs = measure("guest_loop", maxGuestN, b.measureGuestLoop)
	r.Calls.ExportNoop, noopNs = measure("export_noop", maxHostN, b.benchExportNoop)
	r.Calls.ExportAdd, addNs = measure("export_add", maxHostN, b.benchExportAdd)
	r.Calls.ImportNoop, importNs = measure("import_noop", maxGuestN, b.benchImportNoop)
	r.Calls.Memory, memoryNs = measure("memory", maxHostN, b.benchMemory)

	r.Runtime, r.Version = runtimeName, runtimeVersion()
	r.Ffi = ffiFigures{
		ExportNoopNs:       max(0, noopNs-r.LoopNs),
		ExportAddNs:        max(0, addNs-r.LoopNs),
		ImportNoopNs:       max(0, importNs-r.GuestLoopNs),
		MemoryCopyNsPerKiB: max(0, memoryNs-r.LoopNs) / (memChunk / 1024),
	}
	appendReport(opts.report, r)
	return 0
}
