package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/qalbhq/qalb/engine/text/data"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine"
)

// runBench analyses files natively and prints throughput, allocations and
// peak memory: the native half of `make bench`.
func runBench(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	label := fs.String("label", "", "name of this run in the output")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the analysis to this file")
	memprofile := fs.String("memprofile", "", "write a heap profile taken near the analysis's largest live heap to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("usage: qalb bench [-label L] FILE...")
	}
	inputs, err := fileInputs(fs.Args())
	if err != nil {
		return err
	}
	var size int64
	for _, in := range inputs {
		size += in.Size
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	var stages []string
	// Each stage's wall time, and its CPU time: the analyses run on one
	// thread, so on a busy machine their CPU time is the steadier figure.
	stage, stageStart, stageCPU := "", start, cpuTime()
	// The heap's high-water mark per stage, sampled at each progress
	// call: it says which stage makes the peak resident size.
	heap := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var stageHeap, profiled, largestLive uint64
	sampleHeap := func() {
		metrics.Read(heap)
		v := heap[0].Value.Uint64()
		stageHeap = max(stageHeap, v)
		// At each 5 % step up of the heap (garbage included) collect,
		// and keep the profile whose live heap is the largest so far.
		if *memprofile != "" && v > profiled+profiled/20 {
			profiled = v
			runtime.GC()
			metrics.Read(heap)
			if live := heap[0].Value.Uint64(); live > largestLive {
				largestLive = live
				if err := writeHeapProfile(*memprofile); err != nil {
					fmt.Fprintln(stderr, "memprofile:", err)
					*memprofile = ""
				}
			}
		}
	}
	line := func(now time.Time, cpu time.Duration) string {
		return fmt.Sprintf("%s %.2f s (cpu %.2f, heap %.0f MB, peak RSS so far %.0f MB)", stage, now.Sub(stageStart).Seconds(), (cpu - stageCPU).Seconds(), float64(stageHeap)/1e6, float64(peakRSS())/1e6)
	}
	s, err := engine.Analyze(context.Background(), inputs, engine.Options{TextResources: data.Load}, func(p engine.Progress) {
		if p.Step != "" {
			p.Stage = p.Step // the analyse stage is timed per analysis
		}
		if p.Stage != stage {
			now, cpu := time.Now(), cpuTime()
			if stage != "" {
				stages = append(stages, line(now, cpu))
			}
			stage, stageStart, stageCPU, stageHeap = p.Stage, now, cpu, 0
		}
		sampleHeap()
	})
	if err != nil {
		return err
	}
	sampleHeap()
	elapsed := time.Since(start)
	stages = append(stages, line(time.Now(), cpuTime()))
	runtime.ReadMemStats(&after)
	rows := s.Report.Rows.Read
	peak := peakRSS()
	if *label == "" {
		*label = inputs[0].Name
	}
	fmt.Fprintf(stdout, "%-22s %12s rows %9.1f MB %8.3f s %12.0f rows/s %8.1f MB/s %8.2f allocs/row  peak RSS %7.1f MB (%.2f× file)  customers %d orders %d  (%s)\n",
		*label, strconv.Itoa(rows), float64(size)/1e6, elapsed.Seconds(), float64(rows)/elapsed.Seconds(),
		float64(size)/1e6/elapsed.Seconds(), float64(after.Mallocs-before.Mallocs)/float64(max(rows, 1)),
		float64(peak)/1e6, float64(peak)/float64(max(size, 1)), s.Report.Customers.Total, s.Report.Orders.Orders, strings.Join(stages, ", "))
	return nil
}

// writeHeapProfile collects and writes the live heap (the collection
// changes the run's memory, so profile and peak RSS are separate runs).
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// peakRSS is the process's high-water resident set size in bytes (Linux), or 0.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}
