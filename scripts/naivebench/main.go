// Command naivebench is the baseline `make bench` holds the native engine
// against: what a competent programmer writes in an afternoon to get per-customer
// figures out of an orders CSV with the standard library — encoding/csv (one
// reused record), time.Parse and strconv.ParseFloat per row, a map keyed by
// email and a group-by on country. It reads the narrow orders export of
// fixtures/gen (-kind narrow) or any CSV with the same header names, and
// prints one line: rows, customers, countries, wall and CPU time, peak RSS.
//
//	go run ./scripts/naivebench FILE
package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

type customer struct {
	orders      int
	revenue     float64
	first, last time.Time
}

type country struct {
	orders    int
	revenue   float64
	customers map[string]struct{}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: naivebench FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "naivebench:", err)
		os.Exit(1)
	}
}

func run(name string, out io.Writer) error {
	start, cpu0 := time.Now(), cpuTime()
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(h)] = i
	}
	need := func(n string) int {
		if i, ok := col[n]; ok {
			return i
		}
		err = errors.Join(err, fmt.Errorf("no column %q", n))
		return 0
	}
	email, ctry, date, total := need("email"), need("country"), need("order_date"), need("total")
	if err != nil {
		return err
	}
	customers := map[string]*customer{}
	countries := map[string]*country{}
	rows, bad := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		rows++
		at, err1 := time.Parse(time.RFC3339, rec[date])
		amount, err2 := strconv.ParseFloat(rec[total], 64)
		if err1 != nil || err2 != nil {
			bad++
			continue
		}
		// The record's strings are reused by the next Read: keys must be copies.
		c := customers[rec[email]]
		if c == nil {
			c = &customer{first: at, last: at}
			customers[strings.Clone(rec[email])] = c
		}
		c.orders++
		c.revenue += amount
		if at.Before(c.first) {
			c.first = at
		}
		if at.After(c.last) {
			c.last = at
		}
		g := countries[rec[ctry]]
		if g == nil {
			g = &country{customers: map[string]struct{}{}}
			countries[strings.Clone(rec[ctry])] = g
		}
		g.orders++
		g.revenue += amount
		if _, ok := g.customers[rec[email]]; !ok {
			g.customers[strings.Clone(rec[email])] = struct{}{}
		}
	}
	elapsed := time.Since(start)
	fmt.Fprintf(out, "naive encoding/csv %d rows (%d unparsed) %d customers %d countries %.3f s (cpu %.2f) peak RSS %.1f MB\n",
		rows, bad, len(customers), len(countries), elapsed.Seconds(), (cpuTime() - cpu0).Seconds(), float64(peakRSS())/1e6)
	return nil
}

// peakRSS is the process's high-water resident set size in bytes (Linux), or 0.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}
