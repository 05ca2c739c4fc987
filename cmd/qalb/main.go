// Command qalb runs the Qalb engine natively: it analyses customer exports
// into a report and serves the browser app with the share API.
//
//	qalb analyze [-o report.json] [-mapping m.json] [-profiles out.ndjson] FILE...
//	qalb serve [-addr 127.0.0.1:8080] [-dir site/dist]
package main

import (
	"fmt"
	"os"
	"runtime/debug"
)

const usage = `Qalb: customer intelligence that never leaves your machine.

Usage:
  qalb analyze [flags] FILE...   analyse exports into a report (qalb analyze -h)
  qalb segment [flags] FILE...   export the customers a rule selects as CSV (qalb segment -h)
  qalb serve [flags]             serve the browser app and the share API (qalb serve -h)
  qalb clv [flags] FILE...       fit BG/NBD + Gamma-Gamma lifetime-value models (qalb clv -h)
  qalb bench FILE...             analyse natively and print rows/s, MB/s, allocations, peak memory
  qalb eval sentiment FILE.tsv   score a labelled set: accuracy, macro-F1, Pearson r (JSON)
`

func main() {
	if os.Getenv("GOGC") == "" {
		// The engine's heap is typed columns and an arena, without
		// pointers, so a collection costs milliseconds: collecting early
		// keeps the heap near its live size. GOGC 15 with the limit that
		// follows the live heap (memlimit.go), against 30 without: 1M
		// narrow orders peak at 325–334 MB instead of 362–374 MB for
		// about 0.5 s more CPU (7 %, within this machine's noise), 5M
		// one-email rows at 696 MB instead of 852.
		debug.SetGCPercent(15)
	}
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	gcPercent := debug.SetGCPercent(-1)
	debug.SetGCPercent(gcPercent)
	var err error
	switch os.Args[1] {
	case "analyze", "analyse", "segment", "clv", "bench":
		stop := followLiveHeap(gcPercent)
		defer stop()
	}
	switch os.Args[1] {
	case "analyze", "analyse":
		err = runAnalyze(os.Args[2:], os.Stdout, os.Stderr)
	case "segment":
		err = runSegment(os.Args[2:], os.Stdout, os.Stderr)
	case "clv":
		err = runCLV(os.Args[2:], os.Stdout, os.Stderr)
	case "bench":
		err = runBench(os.Args[2:], os.Stdout, os.Stderr)
	case "serve":
		err = runServe(os.Args[2:])
	case "eval":
		err = runEval(os.Args[2:], os.Stdout, os.Stderr)
	case "headers":
		err = runHeaders(os.Stdout)
	case "-h", "-help", "--help", "help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "qalb: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "qalb:", err)
		os.Exit(1)
	}
}
