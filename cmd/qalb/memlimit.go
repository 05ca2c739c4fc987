package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// followLiveHeap keeps the runtime's soft memory limit a little above what
// the collector would let the heap grow to anyway (the live heap × (1 +
// GOGC/100)), until stop is closed. The limit adds no collections of its
// own; what it changes is that the runtime returns freed pages to the
// system as soon as it is over the limit, instead of at its background
// pace. An analysis frees large slices stage after stage (the resolver's
// forest, a stage's transient columns) and allocates others of other
// sizes, so without it the resident size climbs well past the heap:
// 1M narrow orders, peak RSS 432 → 366 MB at the same CPU time. It is
// derived from the live heap, not from the input's size: a bound on the
// input would be below the live heap of some inputs (5 million customers
// in an 80 MB file) and make the collector run continuously.
//
// Nothing happens when GOMEMLIMIT is set: the user's limit stands.
func followLiveHeap(gcPercent int) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" || gcPercent < 0 {
		return func() {}
	}
	const (
		every = 20 * time.Millisecond
		// Room for what the limit counts besides the heap's objects
		// (stacks, the collector's metadata, read buffers in flight).
		slack = 16 << 20
		floor = 128 << 20
	)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		last := int64(-1)
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(live)
			l := int64(live[0].Value.Uint64())
			limit := max(l+l*int64(gcPercent)/100+slack, floor)
			if limit != last {
				debug.SetMemoryLimit(limit)
				last = limit
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
