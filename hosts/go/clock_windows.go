//go:build windows

package main

import (
	"syscall"
	"time"
	"unsafe"
)

// On Windows time.Now advances in coarse steps (golang/go#67066): a phase that
// takes less than a step reads 0. QueryPerformanceCounter has sub-microsecond
// resolution on every supported Windows.
var (
	kernel32     = syscall.NewLazyDLL("kernel32.dll")
	qpc          = kernel32.NewProc("QueryPerformanceCounter")
	qpcFrequency = readFrequency()
)

// stamp is a reading of the performance counter, in its own ticks.
type stamp int64

func readFrequency() int64 {
	var f int64
	proc := kernel32.NewProc("QueryPerformanceFrequency")
	if r, _, err := proc.Call(uintptr(unsafe.Pointer(&f))); r == 0 || f <= 0 {
		fail("QueryPerformanceFrequency failed: %v", err)
	}
	return f
}

func now() stamp {
	var c int64
	qpc.Call(uintptr(unsafe.Pointer(&c)))
	return stamp(c)
}

// sub is the time from earlier to s.
func (s stamp) sub(earlier stamp) time.Duration {
	ticks := int64(s - earlier)
	// Split to avoid overflow: ticks * 1e9 overflows int64 after ~15 minutes at 10 MHz.
	secs, rest := ticks/qpcFrequency, ticks%qpcFrequency
	return time.Duration(secs)*time.Second + time.Duration(rest*int64(time.Second)/qpcFrequency)
}

func since(s stamp) time.Duration { return now().sub(s) }
