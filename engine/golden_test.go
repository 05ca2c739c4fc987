package engine

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"github.com/qalbhq/qalb/engine/text/data"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/report"
)

var update = flag.Bool("update", false, "rewrite the golden report of the demo fixtures")

const demoDir = "../fixtures/demo"
const goldenReport = "../fixtures/golden/demo-report.json"

// demoInputs are the demo exports, as the CLI and the browser's demo button read them.
func demoInputs(t *testing.T) []Input {
	t.Helper()
	entries, err := os.ReadDir(demoDir)
	if err != nil {
		t.Fatal(err)
	}
	var inputs []Input
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".ndjson")) {
			continue
		}
		path := filepath.Join(demoDir, name)
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Name: name, Size: st.Size(), Open: func() (io.ReadCloser, error) { return os.Open(path) }})
	}
	if len(inputs) != 7 {
		t.Fatalf("found %d demo files, want 7", len(inputs))
	}
	return inputs
}

func marshalReport(t *testing.T, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDemoGolden pins the whole report of the demo set. The same test runs
// natively and under GOOS=js GOARCH=wasm, so both hosts must produce these
// exact bytes; the CLI writes the same encoding (qalb analyze -o).
func TestDemoGolden(t *testing.T) {
	s := analyzeT(t, Options{TextResources: data.Load}, demoInputs(t)...)
	got := marshalReport(t, s.Report)
	if *update {
		if err := os.WriteFile(goldenReport, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenReport)
	if err != nil {
		t.Fatalf("%v (run go test ./engine -run TestDemoGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the demo report differs from %s; if the change is intended, rerun with -update and review the diff", goldenReport)
	}
}

// TestDemoAgainstIndependentCounts recomputes the headline figures straight
// from the raw files with encoding/csv and the generator's own facts, and
// compares them with the engine's report.
func TestDemoAgainstIndependentCounts(t *testing.T) {
	r := analyzeT(t, Options{}, demoInputs(t)...).Report
	var facts struct {
		Files map[string]struct {
			Rows int `json:"rows"`
		} `json:"files"`
		Identity struct {
			Exact struct {
				Profiles int `json:"profiles"`
			} `json:"exact_key_resolution"`
		} `json:"identity"`
		Orders struct {
			Count        int `json:"count"`
			LineItemRows int `json:"line_item_rows"`
		} `json:"orders"`
	}
	b, err := os.ReadFile(filepath.Join(demoDir, "FACTS.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &facts); err != nil {
		t.Fatal(err)
	}
	for _, src := range r.Sources {
		want, ok := facts.Files[src.File]
		if !ok {
			t.Errorf("%s not in FACTS.json", src.File)
			continue
		}
		if src.Rows.Read != want.Rows || src.Rows.Used != want.Rows {
			t.Errorf("%s: rows %+v, want %d read and used", src.File, src.Rows, want.Rows)
		}
	}
	if r.Customers.Total != facts.Identity.Exact.Profiles {
		t.Errorf("customers = %d, want %d (every row linked by its ids, emails and phones)", r.Customers.Total, facts.Identity.Exact.Profiles)
	}
	if r.Orders.Orders != facts.Orders.Count || r.Orders.LineItems != facts.Orders.LineItemRows {
		t.Errorf("orders = %d (%d line items), want %d (%d)", r.Orders.Orders, r.Orders.LineItems, facts.Orders.Count, facts.Orders.LineItemRows)
	}

	// Revenue from the raw Shopify file: an order's first row carries its
	// Total and Refunded Amount; cancelled or voided orders and orders
	// refunded in full are left out, the rest count net of refunds.
	f, err := os.Open(filepath.Join(demoDir, "shopify_orders.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	num := func(v string) float64 {
		if v == "" {
			return 0
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("amount %q: %v", v, err)
		}
		return x
	}
	revenue := map[string]float64{}
	excluded := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec[col["Total"]] == "" {
			continue // a later line item of an order
		}
		total, refunded := num(rec[col["Total"]]), num(rec[col["Refunded Amount"]])
		cancelled := rec[col["Cancelled at"]] != "" || rec[col["Financial Status"]] == "voided"
		if cancelled || (refunded > 0 && refunded >= total) {
			excluded++
			continue
		}
		revenue[rec[col["Currency"]]] += total - refunded
	}
	if r.Orders.Excluded != excluded {
		t.Errorf("excluded orders = %d, want %d", r.Orders.Excluded, excluded)
	}
	var want []report.Money
	for cur, v := range revenue {
		want = append(want, report.Money{Currency: cur, Amount: math.Round(v*100) / 100})
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Amount > want[j].Amount })
	if len(want) != len(r.Orders.Revenue) {
		t.Fatalf("revenue = %+v, want %+v", r.Orders.Revenue, want)
	}
	for i := range want {
		if want[i].Currency != r.Orders.Revenue[i].Currency || math.Abs(want[i].Amount-r.Orders.Revenue[i].Amount) > 0.005 {
			t.Errorf("revenue[%d] = %+v, want %+v", i, r.Orders.Revenue[i], want[i])
		}
	}
}
