package behaviour

import (
	"math/rand/v2"
	"runtime"
	"testing"
)

// benchEvents generates n events of customers/20 customers in time order
// (as exports are written): a visitor's session walks a 5-step funnel and
// stops with a 30 % chance at each step, between other events.
func benchEvents(n, customers int) *Events {
	rng := rand.New(rand.NewPCG(1, 2))
	e := &Events{Customer: make([]int32, 0, n), Name: make([]uint32, 0, n), Time: make([]int64, 0, n)}
	step := make([]uint8, customers)
	t := int64(1_700_000_000)
	for e.Len() < n {
		c := int32(rng.IntN(customers))
		t += int64(rng.IntN(3))
		name := uint32(10 + rng.IntN(20)) // other events
		if s := step[c]; s < 5 && rng.IntN(3) == 0 {
			if rng.Float64() < 0.7 || s == 0 {
				name = uint32(1 + s)
				step[c]++
			} else {
				step[c] = 5 // gave up
			}
		}
		e.Append(c, name, t)
	}
	return e
}

// BenchmarkSessionsFunnel groups 5 million (and 1 million) events by
// customer, splits them into sessions and runs a 5-step funnel with a
// 7-day window:
//
//	go test -run X -bench SessionsFunnel -benchtime 3x ./engine/behaviour
//
// and the same in WebAssembly under Node's V8 (the browser's engine):
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" -run X -bench SessionsFunnel/1M -benchtime 3x ./engine/behaviour
func BenchmarkSessionsFunnel(b *testing.B) {
	b.Run("5M", func(b *testing.B) { benchSessionsFunnel(b, 5_000_000) })
	b.Run("1M", func(b *testing.B) { benchSessionsFunnel(b, 1_000_000) })
}

func benchSessionsFunnel(b *testing.B, n int) {
	customers := n / 20
	e := benchEvents(n, customers)
	steps := []Step{{Event: 1}, {Event: 2}, {Event: 3}, {Event: 4}, {Event: 5}}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	var r *FunnelResult
	for i := 0; i < b.N; i++ {
		l := Group(e, customers)
		s := Sessions(l, 0)
		_ = Summarise(l, s)
		r = Funnel(l, steps, 7*86400)
	}
	b.StopTimer()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MB-alloc/op")
	b.ReportMetric(float64(after.HeapSys)/(1<<20), "MB-heap-sys")
	if r.Entered[0] == 0 || r.Entered[4] == 0 {
		b.Fatalf("funnel %v", r.Entered)
	}
}
