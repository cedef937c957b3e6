//go:build !windows

package main

import "time"

// stamp is a monotonic clock reading: time.Now carries one, with nanosecond
// resolution on Linux and macOS. Windows has its own clock (clock_windows.go).
type stamp struct{ t time.Time }

func now() stamp { return stamp{time.Now()} }

// sub is the time from earlier to s.
func (s stamp) sub(earlier stamp) time.Duration { return s.t.Sub(earlier.t) }

func since(s stamp) time.Duration { return time.Since(s.t) }
