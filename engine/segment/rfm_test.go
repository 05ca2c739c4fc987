package segment

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func TestQuintilesTies(t *testing.T) {
	cases := []struct {
		vals []float64
		want []uint8
	}{
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []uint8{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		// Six tied at the bottom share score 1; the next value has six
		// strictly below it: 1 + floor(30/10) = 4; the top two have eight below: 5.
		{[]float64{1, 1, 1, 1, 1, 1, 2, 2, 3, 3}, []uint8{1, 1, 1, 1, 1, 1, 4, 4, 5, 5}},
		// Input order does not matter.
		{[]float64{3, 1, 2, 1, 3, 1, 1, 2, 1, 1}, []uint8{5, 1, 4, 1, 5, 1, 1, 4, 1, 1}},
		// All equal: everyone gets 1.
		{[]float64{7, 7, 7}, []uint8{1, 1, 1}},
		// n = 3: 1 + floor(5·w/3) for w = 0, 1, 2 → 1, 2, 4.
		{[]float64{10, 20, 30}, []uint8{1, 2, 4}},
		{[]float64{42}, []uint8{1}},
	}
	for _, c := range cases {
		m := make([]int32, len(c.vals))
		for i := range m {
			m[i] = int32(i)
		}
		got := make([]uint8, len(c.vals))
		Quintiles(c.vals, m, got)
		if string(got) != string(c.want) {
			t.Errorf("Quintiles(%v) = %v, want %v", c.vals, got, c.want)
		}
	}
}

func TestRFMHandMade(t *testing.T) {
	// Six buyers, two currencies. Recency ties at 10 days; one undated buyer.
	buyers := []Buyer{
		{RecencyDays: 10, Orders: 1, Monetary: 100, Group: 1},  // a
		{RecencyDays: 10, Orders: 5, Monetary: 900, Group: 1},  // b
		{RecencyDays: 3, Orders: 2, Monetary: 50, Group: 2},    // c
		{RecencyDays: 200, Orders: 1, Monetary: 300, Group: 2}, // d
		{Undated: true, Orders: 1, Monetary: 300, Group: 2},    // e: undated
		{RecencyDays: 40, Orders: 8, Monetary: 20, Group: 1},   // f
	}
	// R, worse = more days; order of worth: e(undated) < d(200) < f(40) < a=b(10) < c(3)
	//   w: e0 d1 f2 a3 b3 c5 → 1+5w/6: e1 d1 f2 a3 b3 c5
	// F: values 1,5,2,1,1,8 → w: a0 b4 c3 d0 e0 f5 → a1 b4 c3 d1 e1 f5
	// M in group 1 (a100 b900 f20): w a1 b2 f0 → 1+5w/3: a2 b4 f1
	// M in group 2 (c50 d300 e300): w c0 d1 e1 → c1 d2 e2
	want := []Score{
		{3, 1, 2, SegmentOf(3, 1, 2)},
		{3, 4, 4, SegmentOf(3, 4, 4)},
		{5, 3, 1, SegmentOf(5, 3, 1)},
		{1, 1, 2, SegmentOf(1, 1, 2)},
		{1, 1, 2, SegmentOf(1, 1, 2)},
		{2, 5, 1, SegmentOf(2, 5, 1)},
	}
	got := RFM(buyers)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("buyer %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	// FM = floor((F+M)/2): a (3,1) → About to sleep; b (3,4) → Loyal;
	// c (5,2) → Potential loyalists; d, e (1,1) → Lost; f (2,3) → At risk.
	names := []Segment{AboutToSleep, Loyal, PotentialLoyalists, Lost, Lost, AtRisk}
	for i, n := range names {
		if got[i].Segment != n {
			t.Errorf("buyer %d: segment %s, want %s", i, got[i].Segment, n)
		}
	}
}

func TestRFMOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	buyers := make([]Buyer, 500)
	for i := range buyers {
		buyers[i] = Buyer{RecencyDays: r.IntN(60), Orders: 1 + r.IntN(4), Monetary: float64(r.IntN(20) * 10), Group: uint32(r.IntN(2))}
	}
	base := RFM(buyers)
	perm := r.Perm(len(buyers))
	shuffled := make([]Buyer, len(buyers))
	for i, p := range perm {
		shuffled[i] = buyers[p]
	}
	got := RFM(shuffled)
	for i, p := range perm {
		if got[i] != base[p] {
			t.Fatalf("buyer %d scores %+v after shuffling, %+v before", p, got[i], base[p])
		}
	}
	counts := map[Segment]int{}
	for _, s := range base {
		counts[s.Segment]++
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if total != len(buyers) {
		t.Fatalf("segments hold %d buyers, want %d", total, len(buyers))
	}
}

// TestGridMatchesDoc reads the grid printed in the package doc and checks
// the code uses exactly that table.
func TestGridMatchesDoc(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	label := map[string]Segment{"New": New, "Potential loyalists": PotentialLoyalists, "Champions": Champions,
		"Promising": Promising, "Loyal": Loyal, "About to sleep": AboutToSleep, "Need attention": NeedAttention,
		"Hibernating": Hibernating, "At risk": AtRisk, "Can't lose them": CantLose, "Lost": Lost}
	rows := 0
	for _, line := range strings.Split(string(doc), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
		if len(line) < 4 || !strings.HasPrefix(line, "R=") {
			continue
		}
		r := int(line[2] - '0')
		cells := splitCells(line[3:])
		if len(cells) != 5 {
			t.Fatalf("doc row %q has %d cells", line, len(cells))
		}
		for fm, cell := range cells {
			seg, ok := label[cell]
			if !ok {
				t.Fatalf("doc cell %q is not a segment", cell)
			}
			if g := grid[r-1][fm]; g != seg {
				t.Errorf("R=%d FM=%d: code %s, doc %s", r, fm+1, g, seg)
			}
		}
		rows++
	}
	if rows != 5 {
		t.Fatalf("found %d grid rows in the doc", rows)
	}
	seen := map[Segment]bool{}
	for _, row := range grid {
		for _, s := range row {
			seen[s] = true
		}
	}
	if len(seen) != len(Segments) {
		t.Errorf("grid reaches %d segments, want all %d", len(seen), len(Segments))
	}
}

// splitCells splits a doc table row at runs of two or more spaces.
func splitCells(s string) []string {
	var out []string
	for _, f := range strings.Split(strings.TrimSpace(s), "  ") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
