package engine

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/qalbhq/qalb/engine/segment"
)

// txn is one order row as a test writes it.
type txn struct {
	cust, date, currency string
	amount               float64
}

// independentRFM computes the documented RFM segments from raw orders by
// brute force (w counted pair by pair), sharing no code with the engine
// but the grid's definition: segment sizes by key.
func independentRFM(txns []txn, asOf string) map[string]int {
	type agg struct {
		last      string
		orders    int
		currency  string
		first     string
		spend     float64
		seenFirst bool
	}
	by := map[string]*agg{}
	for _, t := range txns {
		a := by[t.cust]
		if a == nil {
			a = &agg{}
			by[t.cust] = a
		}
		a.orders++
		if t.date > a.last {
			a.last = t.date
		}
		// Main currency: that of the first order (the test files list
		// each customer's orders in date order and keep one currency).
		if !a.seenFirst {
			a.currency, a.first, a.seenFirst = t.currency, t.date, true
		}
		if t.currency == a.currency {
			a.spend += t.amount
		}
	}
	end, _ := time.Parse("2006-01-02", asOf)
	type row struct {
		rec         float64 // larger is better: minus days
		freq, money float64
		currency    string
		r, f, m     int
	}
	var rows []*row
	for _, a := range by {
		d, _ := time.Parse("2006-01-02", a.last)
		rows = append(rows, &row{rec: -end.Sub(d).Hours() / 24, freq: float64(a.orders), money: a.spend, currency: a.currency})
	}
	score := func(get func(*row) float64, same func(a, b *row) bool, set func(*row, int)) {
		for _, x := range rows {
			n, w := 0, 0
			for _, y := range rows {
				if !same(x, y) {
					continue
				}
				n++
				if get(y) < get(x) {
					w++
				}
			}
			set(x, 1+5*w/n)
		}
	}
	all := func(a, b *row) bool { return true }
	score(func(r *row) float64 { return r.rec }, all, func(r *row, s int) { r.r = s })
	score(func(r *row) float64 { return r.freq }, all, func(r *row, s int) { r.f = s })
	score(func(r *row) float64 { return r.money }, func(a, b *row) bool { return a.currency == b.currency }, func(r *row, s int) { r.m = s })
	// The grid as printed in engine/segment's doc, rows R=1..5, columns FM=1..5.
	grid := [5][5]string{
		{"lost", "hibernating", "at_risk", "at_risk", "cant_lose"},
		{"hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"},
		{"about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"},
		{"promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"},
		{"new", "potential_loyalists", "potential_loyalists", "champions", "champions"},
	}
	out := map[string]int{}
	for _, r := range rows {
		out[grid[r.r-1][(r.f+r.m)/2-1]]++
	}
	return out
}

func txnCSV(txns []txn) string {
	var b strings.Builder
	b.WriteString("customer_id,order_date,total,currency\n")
	for _, t := range txns {
		fmt.Fprintf(&b, "%s,%s,%.2f,%s\n", t.cust, t.date, t.amount, t.currency)
	}
	return b.String()
}

func rfmSizes(t *testing.T, s *Session) map[string]int {
	t.Helper()
	sec := s.Report.Segments
	if sec == nil || sec.RFM == nil {
		t.Fatal("no segments.rfm in the report")
	}
	got := map[string]int{}
	total := 0
	for _, seg := range sec.RFM.Segments {
		if seg.Size > 0 {
			got[seg.Key] = seg.Size
		}
		total += seg.Size
	}
	if total != s.Report.Customers.Buyers || sec.RFM.Buyers != total {
		t.Fatalf("segments hold %d customers (rfm.buyers %d), customers with orders %d", total, sec.RFM.Buyers, s.Report.Customers.Buyers)
	}
	return got
}

func sameSizes(t *testing.T, got, want map[string]int) {
	t.Helper()
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	for k := range keys {
		if got[k] != want[k] {
			t.Errorf("segment %s: engine %d, independent %d", k, got[k], want[k])
		}
	}
}

func TestRFMHandMadeOrders(t *testing.T) {
	// As of 2025-06-30. Ten customers, two currencies, ties on recency and frequency.
	txns := []txn{
		{"c1", "2025-06-29", "SAR", 500}, {"c1", "2025-05-01", "SAR", 700}, {"c1", "2025-03-01", "SAR", 300},
		{"c2", "2025-06-29", "SAR", 100},
		{"c3", "2025-06-20", "SAR", 900}, {"c3", "2025-01-20", "SAR", 900},
		{"c4", "2025-01-05", "SAR", 50},
		{"c5", "2024-07-01", "SAR", 2000}, {"c5", "2024-06-01", "SAR", 2000}, {"c5", "2024-05-01", "SAR", 2000}, {"c5", "2024-04-01", "SAR", 2000},
		{"c6", "2025-06-30", "USD", 40},
		{"c7", "2025-06-29", "USD", 400}, {"c7", "2025-06-01", "USD", 40},
		{"c8", "2024-12-31", "USD", 10},
		{"c9", "2025-04-15", "USD", 70}, {"c9", "2025-02-15", "USD", 70},
		{"c10", "2024-01-01", "USD", 5},
	}
	asOf, _ := time.Parse("2006-01-02", "2025-06-30")
	s := analyzeT(t, Options{AsOf: asOf}, memInput("orders.csv", txnCSV(txns)))
	got := rfmSizes(t, s)
	sameSizes(t, got, independentRFM(txns, "2025-06-30"))
	// By hand. Recency days: c6 0; c1 c2 c7 1; c3 10; c9 76; c4 176; c8 181; c5 364; c10 546.
	//   R = 1+floor(5w/10): c10 1, c5 1, c8 2, c4 2, c9 3, c3 3, c1/c2/c7 (w=6) 4, c6 5.
	// Orders: c5 4; c1 3; c3 c7 c9 2; the rest 1 (five customers).
	//   F: ones 1; twos w=5 → 3; c1 w=8 → 5; c5 w=9 → 5.
	// M within SAR (c1 1500, c2 100, c3 1800, c4 50, c5 8000): c4 1, c2 2, c1 3, c3 4, c5 5.
	// M within USD (c6 40, c7 440, c8 10, c9 140, c10 5): c10 1, c8 2, c6 3, c9 4, c7 5.
	// FM = floor((F+M)/2) and the grid:
	want := map[string]string{
		"c1":  "loyal",               // R4 F5 M3 → FM4
		"c2":  "promising",           // R4 F1 M2 → FM1
		"c3":  "need_attention",      // R3 F3 M4 → FM3
		"c4":  "hibernating",         // R2 F1 M1 → FM1
		"c5":  "cant_lose",           // R1 F5 M5 → FM5
		"c6":  "potential_loyalists", // R5 F1 M3 → FM2
		"c7":  "loyal",               // R4 F3 M5 → FM4
		"c8":  "hibernating",         // R2 F1 M2 → FM1
		"c9":  "need_attention",      // R3 F3 M4 → FM3
		"c10": "lost",                // R1 F1 M1 → FM1
	}
	count := map[string]int{}
	for _, v := range want {
		count[v]++
	}
	sameSizes(t, got, count)
	// Each customer's own segment, through the search and the profile.
	for ci := range s.custs {
		p, err := s.Customer(ci)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimPrefix(p.Identities.IDs[0], "id:")
		if i := strings.LastIndex(id, ":"); i >= 0 {
			id = id[i+1:]
		}
		if w := want[id]; s.rfmSegment(ci) != w || len(p.Segments) == 0 || p.Segments[0] != "rfm:"+w {
			t.Errorf("customer %s: segment %q, profile %v, want %s", id, s.rfmSegment(ci), p.Segments, w)
		}
	}
}

func TestRFMReportingCurrency(t *testing.T) {
	txns := []txn{
		{"a", "2025-06-01", "SAR", 375}, // 100 USD
		{"b", "2025-06-01", "USD", 90},
		{"c", "2025-06-01", "USD", 200},
	}
	asOf, _ := time.Parse("2006-01-02", "2025-06-30")
	s := analyzeT(t, Options{AsOf: asOf, Rates: map[string]float64{"SAR": 1 / 3.75}, Reporting: "USD"}, memInput("orders.csv", txnCSV(txns)))
	r := s.Report.Segments.RFM
	if r.Reporting != "USD" || len(r.Currencies) != 0 {
		t.Fatalf("reporting %q, currencies %v", r.Reporting, r.Currencies)
	}
	// M over all three: b 90 (w0 → 1), a 100 (w1 → 2), c 200 (w2 → 4).
	m := map[int]int{}
	for ci := range s.custs {
		m[int(s.segmentState.rfm[ci].M)]++
	}
	if m[1] != 1 || m[2] != 1 || m[4] != 1 {
		t.Fatalf("M scores %v, want one each of 1, 2 and 4", m)
	}
}

// TestRFMOnCDNOW checks segment sizes on the CDNOW sample against the
// independent computation (skipped when the reference data is absent).
func TestRFMOnCDNOW(t *testing.T) {
	f, err := os.Open("../../shared/eval/clv/CDNOW_sample.txt")
	if err != nil {
		t.Skip("CDNOW sample not available")
	}
	defer f.Close()
	var txns []txn
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 5 {
			continue
		}
		v, _ := strconv.ParseFloat(fs[4], 64)
		d := fs[2][:4] + "-" + fs[2][4:6] + "-" + fs[2][6:]
		txns = append(txns, txn{cust: fs[0], date: d, currency: "USD", amount: v})
	}
	sort.SliceStable(txns, func(i, j int) bool { return txns[i].date < txns[j].date })
	asOf, _ := time.Parse("2006-01-02", "1998-06-30")
	s := analyzeT(t, Options{AsOf: asOf}, memInput("cdnow.csv", txnCSV(txns)))
	got := rfmSizes(t, s)
	want := independentRFM(txns, "1998-06-30")
	sameSizes(t, got, want)
	if s.Report.Customers.Buyers != 2357 {
		t.Errorf("buyers %d, want 2357", s.Report.Customers.Buyers)
	}
	_ = segment.Segments
}

func TestExportSegmentIsFormulaSafe(t *testing.T) {
	body := "customer_id,name,email,city,order_date,total,currency\n" +
		"1,=HYPERLINK(\"http://evil.example\";\"x\"),a@example.com,Riyadh,2025-06-01,100,SAR\n" +
		"2,+cmd|' /C calc'!A0,b@example.com,@Jeddah,2025-05-01,50,SAR\n" +
		"3,عائشة الحربي,c@example.com,الرياض,2025-04-01,70,SAR\n" +
		"4,-2+3,d@example.com,Riyadh,2025-03-01,20,SAR\n"
	s := analyzeT(t, Options{}, memInput("orders.csv", body))
	var b strings.Builder
	n, err := s.ExportSegment([]byte(`{"field":"orders","op":"range","min":1}`), &b, true)
	if err != nil || n != 4 {
		t.Fatalf("exported %d, err %v", n, err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "\uFEFF") {
		t.Fatal("no byte-order mark")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 {
		t.Fatalf("%d records", len(recs))
	}
	names := map[string]bool{}
	for _, rec := range recs[1:] {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
		names[rec[3]] = true
	}
	for _, want := range []string{"'=HYPERLINK(\"http://evil.example\";\"x\")", "'+cmd|' /C calc'!A0", "عائشة الحربي", "'-2+3"} {
		if !names[want] {
			t.Errorf("name %q not exported as %q (got %v)", want, want, names)
		}
	}
	if recs[0][0] != "id" || recs[1][0] != "id:1" || recs[1][13] != "100.00" {
		t.Errorf("first rows %q", recs[:2])
	}
	// A rule that is not valid is an error, not an empty file.
	if _, err := s.ExportSegment([]byte(`{"field":"nope","op":"exists"}`), &b, false); err == nil {
		t.Error("unknown field exported")
	}
}

func TestSegmentQuery(t *testing.T) {
	txns := []txn{{"a", "2025-06-01", "SAR", 300}, {"b", "2025-06-02", "SAR", 100}, {"c", "2025-01-01", "USD", 50}}
	s := analyzeT(t, Options{}, memInput("orders.csv", txnCSV(txns)))
	ans := s.Segment(SegmentQuery{Rule: []byte(`{"field":"currency","op":"equals","value":"sar"}`), Members: true, Breakdowns: true})
	if ans.Error != nil || ans.Count != 2 || ans.Total != 3 || len(ans.Customers) != 2 || ans.Customers[0].Spend != 300 {
		t.Fatalf("answer %+v", ans)
	}
	if ans.Summary.Revenue[0].Currency != "SAR" || ans.Summary.Revenue[0].Share != 1 {
		t.Errorf("summary %+v", ans.Summary)
	}
	bad := s.Segment(SegmentQuery{Rule: []byte(`{"field":"x","op":"exists"}`)})
	if bad.Error == nil || bad.Error.Code != "unknown_field" {
		t.Errorf("bad rule answer %+v", bad)
	}
}

func TestRFMMonetaryTiesInCents(t *testing.T) {
	// 10.10 + 20.20 is 30.299999999999997 in floating point; in cents it
	// ties with 30.30. An order without a date makes its buyer the least recent.
	body := "customer_id,order_date,total,currency\n" +
		"x,2025-06-01,10.10,SAR\nx,2025-06-02,20.20,SAR\ny,2025-06-03,30.30,SAR\nz,2025-06-04,5,SAR\nu,,99,SAR\n"
	asOf, _ := time.Parse("2006-01-02", "2025-06-30")
	s := analyzeT(t, Options{AsOf: asOf}, memInput("orders.csv", body))
	m := map[string]segment.Score{}
	for ci := range s.custs {
		p, _ := s.Customer(ci)
		m[p.Identities.IDs[0]] = s.segmentState.rfm[ci]
	}
	// M among four: z 5 (w0 → 1), x = y 30.30 (w1 → 2), u 99 (w3 → 4).
	if m["id:x"].M != 2 || m["id:y"].M != 2 || m["id:z"].M != 1 || m["id:u"].M != 4 {
		t.Errorf("M scores %+v", m)
	}
	// R: u undated (w0 → 1), x (w1 → 2), y (w2 → 3), z (w3 → 4).
	if m["id:u"].R != 1 || m["id:x"].R != 2 || m["id:y"].R != 3 || m["id:z"].R != 4 {
		t.Errorf("R scores %+v", m)
	}
}

func TestCustomersFilteredBySegment(t *testing.T) {
	txns := []txn{{"a", "2025-06-01", "SAR", 300}, {"b", "2025-06-02", "SAR", 100}, {"c", "2025-01-01", "USD", 50}}
	s := analyzeT(t, Options{}, memInput("orders.csv", txnCSV(txns)))
	page := s.Customers(CustomerQuery{Segment: []byte(`{"field":"spend","op":"range","min":100}`), Sort: "spend"})
	if page.Total != 2 || len(page.Customers) != 2 || page.Customers[0].Spend != 300 || page.Customers[1].Spend != 100 {
		t.Fatalf("page %+v", page)
	}
	bad := s.Customers(CustomerQuery{Segment: []byte(`{"field":"shoe","op":"exists"}`)})
	if bad.Total != 0 || bad.Error != `unknown field "shoe"` {
		t.Errorf("bad rule page %+v", bad)
	}
}

// A column of one value repeated is shared between columns of that value;
// columns of zeros of every type share one buffer; any other is a column
// of its own with every value in place.
func TestSegmentColumnSharing(t *testing.T) {
	s := &Session{}
	var shared [][]float64
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	nan := math.NaN()
	zeros := column(s, 4, &shared, same, func(int) float64 { return 0 })
	zeros2 := column(s, 4, &shared, same, func(int) float64 { return 0 })
	nans := column(s, 4, &shared, same, func(int) float64 { return nan })
	negZeros := column(s, 4, &shared, same, func(int) float64 { return math.Copysign(0, -1) })
	if &zeros[0] != &zeros2[0] || len(shared) != 2 || !math.IsNaN(nans[3]) || zeros[2] != 0 || !math.Signbit(negZeros[1]) {
		t.Errorf("constant columns: shared %d slices, zeros %v %v, NaNs %v, -0 %v", len(shared), zeros, zeros2, nans, negZeros)
	}
	var sharedIDs [][]uint32
	var sharedDates [][]int64
	noIDs := column(s, 4, &sharedIDs, func(a, b uint32) bool { return a == b }, func(int) uint32 { return 0 })
	noDates := column(s, 4, &sharedDates, func(a, b int64) bool { return a == b }, func(int) int64 { return 0 })
	if unsafe.Pointer(&noIDs[0]) != unsafe.Pointer(&zeros[0]) || unsafe.Pointer(&noDates[0]) != unsafe.Pointer(&zeros[0]) || len(noIDs) != 4 || noDates[3] != 0 {
		t.Errorf("columns of zeros do not share the zero buffer: %v %v", noIDs, noDates)
	}
	varied := column(s, 4, &shared, same, func(i int) float64 { return float64(i / 2) })
	if want := []float64{0, 0, 1, 1}; !slices.Equal(varied, want) || &varied[0] == &zeros[0] {
		t.Errorf("varied column %v, want %v in a slice of its own", varied, want)
	}
}
