package ingest

import (
	"math"
	"strings"
	"time"
)

// Aggregate reports (analytics summaries: sessions by date, clicks by
// query) hold no customers. Their rows are read and summarised per table:
// how many rows, the period they cover, and each measure's total (or
// mean, for rates and positions).

// AggregateTable summarises one table of an aggregate report.
type AggregateTable struct {
	Columns []string `json:"columns"`
	Rows    int      `json:"rows"`
	From    string   `json:"from,omitempty"` // YYYY-MM-DD, when the first column holds dates
	To      string   `json:"to,omitempty"`
	Metrics []Metric `json:"metrics"`
}

// Metric is one measure of an aggregate table.
type Metric struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Of    string  `json:"of"` // "sum", or "mean" for rates, percentages and positions
}

// aggRows keeps, per row of an aggregate file, its line, the date in its
// first field and its numbers, for the per-table summary made once the
// tables are known. Aggregate reports are small; past aggMaxRows rows only
// the count is kept.
type aggRows struct {
	lines []int32
	dates []int64
	nums  [][]float64 // NaN where a field is not a number
}

const aggMaxRows = 200_000

func (a *aggRows) add(row *Row) {
	if len(a.lines) >= aggMaxRows {
		return
	}
	nums := make([]float64, len(row.Fields))
	var date int64
	for j, f := range row.Fields {
		f = trimSpace(f)
		nums[j] = math.NaN()
		if j == 0 {
			if t, ok := parseReportDate(f); ok {
				date = t
				continue
			}
		}
		if v, _, ok := ParseAmount(f); ok {
			nums[j] = v
		}
	}
	a.lines = append(a.lines, int32(row.Line))
	a.dates = append(a.dates, date)
	a.nums = append(a.nums, nums)
}

// parseReportDate reads the dates of analytics reports: ISO and the other
// forms ParseTime knows, and GA4's compact 20240131.
func parseReportDate(f []byte) (int64, bool) {
	if len(f) == 8 {
		if t, err := time.Parse("20060102", string(f)); err == nil && t.Year() >= 1990 && t.Year() <= 2100 {
			return t.Unix(), true
		}
	}
	if len(f) < 6 {
		return 0, false
	}
	return ParseTime(f, DateAuto)
}

// aggregateTables summarises the rows under each table; tables lists the
// file's tables (nil for a file of one table with header).
func (a *aggRows) tables(header []string, parts []TablePart) []AggregateTable {
	if len(parts) == 0 {
		parts = []TablePart{{Line: 0, Header: header}}
	}
	out := make([]AggregateTable, len(parts))
	k := 0
	for ti, p := range parts {
		t := AggregateTable{Columns: p.Header, Metrics: []Metric{}}
		end := int32(math.MaxInt32)
		if ti+1 < len(parts) {
			end = int32(parts[ti+1].Line)
		}
		sums := make([]float64, len(p.Header))
		counts := make([]int, len(p.Header))
		bad := make([]bool, len(p.Header))
		var lo, hi int64
		for ; k < len(a.lines) && a.lines[k] < end; k++ {
			t.Rows++
			if d := a.dates[k]; d != 0 {
				if lo == 0 || d < lo {
					lo = d
				}
				if d > hi {
					hi = d
				}
			}
			for j := 1; j < len(p.Header) && j < len(a.nums[k]); j++ {
				if v := a.nums[k][j]; math.IsNaN(v) {
					bad[j] = true
				} else {
					sums[j] += v
					counts[j]++
				}
			}
		}
		if lo != 0 {
			t.From, t.To = time.Unix(lo, 0).UTC().Format("2006-01-02"), time.Unix(hi, 0).UTC().Format("2006-01-02")
		}
		for j := 1; j < len(p.Header); j++ {
			if counts[j] == 0 || bad[j] && counts[j]*2 < t.Rows {
				continue
			}
			m := Metric{Name: p.Header[j], Value: sums[j], Of: "sum"}
			if meanMetric(p.Header[j]) {
				m.Value, m.Of = sums[j]/float64(counts[j]), "mean"
			}
			m.Value = math.Round(m.Value*1000) / 1000
			t.Metrics = append(t.Metrics, m)
		}
		out[ti] = t
	}
	return out
}

// meanMetric: measures that do not add up across rows.
func meanMetric(h string) bool {
	n := NormalizeHeader(h)
	for _, w := range []string{"rate", "ctr", "position", "average", "avg", "per", "duration", "ratio", "percent", "%"} {
		if strings.Contains(" "+n+" ", " "+w+" ") || strings.HasSuffix(h, "%") {
			return true
		}
	}
	return false
}

// metaPeriod reads "Start date: 20240101" and "End date: 20240131" from
// a file's metadata lines (GA4), as YYYY-MM-DD.
func metaPeriod(meta []string) (from, to string) {
	for _, m := range meta {
		k, v, ok := strings.Cut(m, ":")
		if !ok {
			continue
		}
		t, ok := parseReportDate([]byte(strings.TrimSpace(v)))
		if !ok {
			continue
		}
		d := time.Unix(t, 0).UTC().Format("2006-01-02")
		switch NormalizeHeader(k) {
		case "start date", "from", "date range start":
			from = d
		case "end date", "to", "date range end":
			to = d
		}
	}
	return from, to
}
