package ingest

// Tests of Load, the typed loader: every record of a file is either a row of
// the table or a rejected row with its file, line and reason; cells that
// cannot be read are listed with line, column and value while the row is
// still used; quality numbers, mapping overrides, well-known exports,
// nested JSON, legacy encodings and currencies written in amounts.

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/table"
)

// ldInvariants returns every way src breaks the accounting contract of
// Load; it is shared with FuzzLoad, so it assumes nothing about the content.
func ldInvariants(src *Source) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	if src == nil {
		return []string{"Load returned neither a Source nor an error"}
	}
	c := src.Counts
	if c.Read != c.Used+c.Rejected {
		fail("Read %d != Used %d + Rejected %d", c.Read, c.Used, c.Rejected)
	}
	if c.Read < 0 || c.Used < 0 || c.Rejected < 0 {
		fail("negative counts %+v", c)
	}
	if src.Table == nil {
		fail("no table")
		return bad
	}
	rows := src.Table.Rows()
	if rows != c.Used {
		fail("table has %d rows, Used is %d", rows, c.Used)
	}
	for _, col := range src.Table.Columns {
		if col.Len() != rows {
			fail("column %q has %d values, the table %d rows", col.Name, col.Len(), rows)
		}
		if col.Type == table.String {
			for i, id := range col.Str {
				if int(id) >= src.Table.Strings.Len() {
					fail("column %q row %d: string id %d out of range", col.Name, i, id)
					break
				}
			}
		}
	}
	last := int32(0)
	for i, l := range src.Table.Lines.Slice() {
		if l < 1 {
			fail("row %d: line %d < 1", i, l)
		}
		if l < last {
			fail("row %d: line %d after line %d", i, l, last)
		}
		last = l
	}
	n := 0
	for reason, k := range src.Reasons {
		if reason == "" || k <= 0 {
			fail("reason %q counted %d times", reason, k)
		}
		n += k
	}
	if n != c.Rejected {
		fail("reasons count %d rejections, Rejected is %d", n, c.Rejected)
	}
	if want := min(c.Rejected, maxProblems); len(src.Rejected) != want {
		fail("%d rejected rows listed, want %d", len(src.Rejected), want)
	}
	for _, e := range src.Rejected {
		if e.File != src.File || e.Line < 1 || e.Reason == "" {
			fail("rejected row without file, line or reason: %+v", e)
		}
		if src.Reasons[e.Reason] == 0 && !ldReasonCodeCounted(src, e.Reason) {
			fail("rejected row's reason %q is not counted in Reasons", e.Reason)
		}
	}
	if len(src.Issues) > maxProblems {
		fail("%d cell issues listed, at most %d", len(src.Issues), maxProblems)
	}
	cellIssues := 0
	for _, e := range src.Issues {
		if e.File != src.File || e.Line < 1 || e.Reason == "" {
			fail("issue without file, line or reason: %+v", e)
		}
		if e.Column == "" {
			continue // a remark on the whole row
		}
		cellIssues++
		if src.Table.Column(e.Column) == nil {
			fail("cell issue names column %q, which is not in the table", e.Column)
		}
		if !slices.Contains(src.Table.Lines.Slice(), int32(e.Line)) {
			fail("cell issue %+v is on a row that was not used", e)
		}
	}
	if len(src.Roles) != len(src.Header) || len(src.Quality) != len(src.Header) {
		fail("%d header names, %d roles, %d quality entries", len(src.Header), len(src.Roles), len(src.Quality))
	}
	seen := map[string]bool{}
	for j, h := range src.Header {
		if h == "" || seen[h] {
			fail("header name %d %q is empty or repeated", j, h)
		}
		seen[h] = true
		if j < len(src.Roles) && src.Roles[j].Column != h {
			fail("role %d is for column %q, the header says %q", j, src.Roles[j].Column, h)
		}
	}
	failures := 0
	for j, q := range src.Quality {
		if q.Failures > q.Filled || q.Filled > c.Read || q.Distinct < 0 {
			fail("column %d quality %+v with %d rows read", j, q, c.Read)
		}
		failures += q.Failures
	}
	if len(src.Issues) < maxProblems && cellIssues != failures {
		fail("%d cell issues listed, %d failures counted", cellIssues, failures)
	}
	typed := 0
	for _, r := range src.Roles {
		if r.Role != Ignore {
			typed++
		}
	}
	if extra := len(src.Table.Columns) - len(src.Properties()) - typed; extra != 0 && extra != 1 {
		fail("%d table columns for %d typed roles", len(src.Table.Columns), typed)
	}
	return bad
}

// ldLines checks that no line starts two records: every row of a CSV or
// NDJSON file is accounted for once, either used or rejected.
func ldLines(src *Source) []string {
	if src.Info.Format != CSV && src.Info.Format != NDJSON || src.Counts.Rejected > maxProblems {
		return nil
	}
	seen := map[int]string{}
	var bad []string
	for _, l := range src.Table.Lines.Slice() {
		if seen[int(l)] != "" {
			bad = append(bad, fmt.Sprintf("line %d used twice", l))
		}
		seen[int(l)] = "used"
	}
	for _, e := range src.Rejected {
		if seen[e.Line] != "" {
			bad = append(bad, fmt.Sprintf("line %d %s and rejected (%s)", e.Line, seen[e.Line], e.Reason))
		}
		seen[e.Line] = "rejected"
	}
	return bad
}

func ldLoadErr(t testing.TB, name string, data []byte, fm FileMapping) (*Source, error) {
	t.Helper()
	src, err := Load(context.Background(), name, bytes.NewReader(data), fm, table.NewStrings(), nil)
	if err != nil {
		if src != nil {
			t.Errorf("%s: Load returned a Source and an error", name)
		}
		return nil, err
	}
	for _, b := range append(ldInvariants(src), ldLines(src)...) {
		t.Errorf("%s: %s", name, b)
	}
	return src, nil
}

// ldLoad loads a file that must load, and checks the invariants.
func ldLoad(t testing.TB, name, data string, fm FileMapping) *Source {
	t.Helper()
	src, err := ldLoadErr(t, name, []byte(data), fm)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return src
}

// ldProblem is an expected rejected row or cell issue.
type ldProblem struct {
	line   int
	column string
	reason string // substring of the reason
	value  string
}

func ldCheckRejected(t *testing.T, src *Source, want []ldProblem) {
	t.Helper()
	if len(src.Rejected) != len(want) {
		t.Errorf("%s: rejected %s, want %d rows", src.File, ldFormat(src.Rejected), len(want))
		return
	}
	for i, w := range want {
		g := src.Rejected[i]
		if g.Line != w.line || g.Column != w.column || !strings.Contains(g.Reason, w.reason) {
			t.Errorf("%s: rejected row %d = line %d %q, want line %d with %q", src.File, i, g.Line, g.Reason, w.line, w.reason)
		}
	}
}

func ldCheckIssues(t *testing.T, src *Source, want []ldProblem) {
	t.Helper()
	got := make([]string, len(src.Issues))
	for i, e := range src.Issues {
		got[i] = fmt.Sprintf("%d/%s/%s/%q", e.Line, e.Column, e.Reason, e.Value)
	}
	if len(src.Issues) != len(want) {
		t.Errorf("%s: cell issues %q, want %d", src.File, got, len(want))
		return
	}
	for i, w := range want {
		g := src.Issues[i]
		if g.Line != w.line || g.Column != w.column || !strings.Contains(g.Reason, w.reason) || g.Value != w.value {
			t.Errorf("%s: issue %d = %s, want %d/%s/%s/%q", src.File, i, got[i], w.line, w.column, w.reason, w.value)
		}
	}
}

func ldFormat(ps []ParseError) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "[%d %q] ", p.Line, p.Reason)
	}
	return b.String()
}

// ldStr returns the text of every row of column name ("" for null).
func ldStr(t *testing.T, src *Source, name string) []string {
	t.Helper()
	c := src.Table.Column(name)
	if c == nil {
		t.Fatalf("%s: no column %q in %q (roles %+v)", src.File, name, ldColumnNames(src), src.Roles)
	}
	out := make([]string, c.Len())
	for i := range out {
		if !c.IsNull(i) {
			out[i] = src.Table.Strings.Value(c.Str[i])
		}
	}
	return out
}

// ldFloat returns column name as numbers (NaN for null).
func ldFloat(t *testing.T, src *Source, name string) []float64 {
	t.Helper()
	c := src.Table.Column(name)
	if c == nil {
		t.Fatalf("%s: no column %q in %q", src.File, name, ldColumnNames(src))
	}
	out := make([]float64, c.Len())
	for i := range out {
		out[i] = math.NaN()
		if !c.IsNull(i) {
			out[i] = c.Float[i]
		}
	}
	return out
}

// ldDays returns a time column as YYYY-MM-DD ("" for null).
func ldDays(t *testing.T, src *Source, name string) []string {
	t.Helper()
	c := src.Table.Column(name)
	if c == nil || c.Type != table.Time {
		t.Fatalf("%s: no time column %q in %q", src.File, name, ldColumnNames(src))
	}
	out := make([]string, c.Len())
	for i := range out {
		if !c.IsNull(i) {
			out[i] = time.Unix(c.Time[i], 0).UTC().Format("2006-01-02")
		}
	}
	return out
}

func ldColumnNames(src *Source) []string {
	var n []string
	for _, c := range src.Table.Columns {
		n = append(n, c.Name)
	}
	return n
}

func ldRole(t *testing.T, src *Source, col string) Role {
	t.Helper()
	for _, r := range src.Roles {
		if r.Column == col {
			return r.Role
		}
	}
	t.Fatalf("%s: no column %q in header %q", src.File, col, src.Header)
	return ""
}

func ldFloatsEqual(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
}

func ldLinesOf(src *Source) []int {
	out := make([]int, src.Table.Rows())
	for i, l := range src.Table.Lines.Slice() {
		out[i] = int(l)
	}
	return out
}

// TestLoadAccountsForEveryRow: Read = Used + Rejected, and every rejected
// row has its line and reason, after multi-line quoted fields too.
func TestLoadAccountsForEveryRow(t *testing.T) {
	tests := []struct {
		name, file string
		fm         FileMapping
		kind       Kind
		read, used int
		lines      []int // lines of the used rows
		rejected   []ldProblem
	}{
		{
			name: "clean.csv",
			file: "Customer ID,Full Name,Email\nC1,Ann Lee,ann@example.com\nC2,Bob Roe,bob@example.com\n",
			kind: Contacts, read: 2, used: 2, lines: []int{2, 3},
		},
		{
			name: "contacts.csv",
			file: "Customer ID,Full Name,Email,Comment\n" + // 1
				"C1,Ann Lee,ann@example.com,\"first\n" + // 2
				"second\"\n" + // 3
				"C2,Bob Roe,bob@example.com,plain,EXTRA\n" + // 4: a field too many
				"C3,Cy Dee,cy@example.com,\"a \"\"quoted\"\" word\"\n" + // 5
				",,,\n" + // 6: nothing in it
				"C4,Dee Fox,dee@example.com,\"x\n" + // 7
				"\n" + // 8 (inside the quotes)
				"y\"\n" + // 9
				"\n" + // 10: a blank line is not a record
				"C5,Eve Gee,eve@example.com,trailing empties,,\n" + // 11: empty extra fields are fine
				"C6,Fay Hu\n" + // 12: a short row: fields are missing
				"C7,Gus Ivy,gus@example.com,\"never closed\n" + // 13
				"C8,Hal Jo,hal@example.com,swallowed\n", // 14: inside the open quote
			fm:   FileMapping{Columns: map[string]Role{"Comment": Text}},
			kind: Contacts, read: 8, used: 4, lines: []int{2, 5, 7, 11},
			rejected: []ldProblem{
				{line: 4, reason: "the row has 5 fields but the header has 4"},
				{line: 6, reason: "no value in any column"},
				{line: 12, reason: "the row has 2 fields but the header has 4"},
				{line: 13, reason: "unterminated quoted field starting at line 13"},
			},
		},
		{
			name: "crlf.csv",
			file: "Customer ID,Email,Notes\r\nC1,a@example.com,\"one\r\ntwo\"\r\nC2,b@example.com,x,y\r\nC3,c@example.com,z\r\n",
			kind: Contacts, read: 3, used: 2, lines: []int{2, 5},
			rejected: []ldProblem{{line: 4, reason: "3"}},
		},
		{
			name: "cr.csv", // old Mac line ends
			file: "Customer ID,Email\rC1,a@example.com\rC2,b@example.com,x\r\"C3\",\"c@\rexample.com\"\rC4,d@example.com\r",
			kind: Contacts, read: 4, used: 3, lines: []int{2, 4, 6},
			rejected: []ldProblem{{line: 3, reason: "3 fields but the header has 2"}},
		},
		{
			name: "sep.csv", // the sep= line is a line of the file
			file: "sep=;\nCustomer ID;Email\nC1;a@example.com\n;\nC2;b@example.com\n",
			kind: Contacts, read: 3, used: 2, lines: []int{3, 5},
			rejected: []ldProblem{{line: 4, reason: "no value"}},
		},
		{
			name: "events.ndjson",
			file: `{"user_id":"u1","event":"page_view","timestamp":"2024-01-01T10:00:00Z"}` + "\n" +
				`{"user_id":"u2","event":"","timestamp":"2024-01-02T10:00:00Z"}` + "\n" +
				"\n" +
				`not json at all` + "\n" +
				`{"user_id":"u3","timestamp":"2024-01-03T10:00:00Z"}` + "\n" +
				`{"user_id":"u4","event":"signup","timestamp":"2024-01-04T10:00:00Z"},` + "\n" +
				`{"user_id":"u5","event":null}` + "\n",
			kind: Events, read: 6, used: 2, lines: []int{1, 6},
			rejected: []ldProblem{
				{line: 2, reason: "no event name"},
				{line: 4, reason: ""},
				{line: 5, reason: "no event name"},
				{line: 7, reason: "no event name"},
			},
		},
		{
			name: "nps.csv",
			file: "Email,How likely are you to recommend us (NPS),Comment\n" +
				"a@example.com,9,great\n" +
				"b@example.com,,\n" +
				"c@example.com,,slow delivery\n" +
				"d@example.com,0,\n" +
				"e@example.com,  ,  \n",
			kind: Surveys, read: 5, used: 3, lines: []int{2, 4, 5},
			rejected: []ldProblem{
				{line: 3, reason: "no score and no comment"},
				{line: 6, reason: "no score and no comment"},
			},
		},
		{
			name: "reviews.csv",
			file: "Reviewer Email,Rating,Review\n" +
				"a@example.com,5,Lovely\n" +
				"b@example.com,,\n" +
				"c@example.com,,Too small\n",
			kind: Reviews, read: 3, used: 2, lines: []int{2, 4},
			rejected: []ldProblem{{line: 3, reason: "no rating and no text"}},
		},
		{
			name: "orders.csv",
			file: "Order ID,Email,Total,Product\n" +
				"1001,a@example.com,10,Tea\n" +
				",b@example.com,,\n" +
				",c@example.com,5,\n",
			kind: Orders, read: 3, used: 2, lines: []int{2, 4},
			rejected: []ldProblem{{line: 3, reason: "no order number, amount or product"}},
		},
		{
			name: "tickets.json",
			file: "[\n" +
				`  {"id": 1, "requester": {"email": "a@example.com"}, "subject": "Broken", "status": "open"},` + "\n" +
				"  7,\n" +
				`  {"id": 2, "requester": {"email": "b@example.com"},` + "\n" +
				`   "subject": "Late", "status": "solved"},` + "\n" +
				`  {"id": 3, "requester": {"email": "c@example.com"}, "subject": "Where",` + "\n",
			kind: Tickets, read: 4, used: 2, lines: []int{2, 4},
			rejected: []ldProblem{
				{line: 3, reason: ""},
				{line: 6, reason: "the file ends inside this record"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ldLoad(t, tt.name, tt.file, tt.fm)
			if src.Kind != tt.kind {
				t.Errorf("kind %s, want %s (roles %+v)", src.Kind, tt.kind, src.Roles)
			}
			if src.Counts.Read != tt.read || src.Counts.Used != tt.used {
				t.Errorf("counts %+v, want read %d used %d", src.Counts, tt.read, tt.used)
			}
			if got := ldLinesOf(src); !slices.Equal(got, tt.lines) {
				t.Errorf("used lines %v, want %v", got, tt.lines)
			}
			ldCheckRejected(t, src, tt.rejected)
		})
	}
}

// TestLoadLinesPastTheSample: the first rows are read twice (role inference,
// then typing) and the rest through the read-ahead; line numbers and
// rejections must be right on both sides of that seam and of the batches.
func TestLoadLinesPastTheSample(t *testing.T) {
	var b strings.Builder
	b.WriteString("Customer ID,Email,Note\n")
	line := 2
	var used []int
	var rejected []ldProblem
	for i := 0; i < 3000; i++ {
		switch {
		case i%701 == 3: // a multi-line note
			fmt.Fprintf(&b, "C%d,c%d@example.com,\"one\ntwo\nthree\"\n", i, i)
			used = append(used, line)
			line += 3
		case i%293 == 7: // a field too many
			fmt.Fprintf(&b, "C%d,c%d@example.com,note,extra\n", i, i)
			rejected = append(rejected, ldProblem{line: line, reason: "the row has 4 fields but the header has 3"})
			line++
		case i%500 == 0: // blank lines are not records
			fmt.Fprintf(&b, "\n\nC%d,c%d@example.com,x\n", i, i)
			used = append(used, line+2)
			line += 3
		default:
			fmt.Fprintf(&b, "C%d,c%d@example.com,note %d\n", i, i, i)
			used = append(used, line)
			line++
		}
	}
	src := ldLoad(t, "many.csv", b.String(), FileMapping{})
	if src.Counts.Read != 3000 || src.Counts.Used != len(used) || src.Counts.Rejected != len(rejected) {
		t.Errorf("counts %+v, want 3000 read, %d used, %d rejected", src.Counts, len(used), len(rejected))
	}
	if got := ldLinesOf(src); !slices.Equal(got, used) {
		for i := range min(len(got), len(used)) {
			if got[i] != used[i] {
				t.Errorf("row %d: line %d, want %d", i, got[i], used[i])
				break
			}
		}
	}
	ldCheckRejected(t, src, rejected)
	ids := ldStr(t, src, "Customer ID")
	if ids[0] != "C0" || ids[len(ids)-1] != "C2999" {
		t.Errorf("ids %q … %q", ids[0], ids[len(ids)-1])
	}
}

// TestLoadCellIssues: values that cannot be read as their column's type
// are listed with line, column, reason and value, and the row is still used.
func TestLoadCellIssues(t *testing.T) {
	const file = "Email,Date,Amount,NPS,Comment\n" + // 1
		"a@example.com,2024-03-01,10.50,9,good\n" + // 2
		"b@example.com,31/02/2024,12,10,\"two\n" + // 3: an impossible date
		"lines\"\n" + // 4
		"c@example.com,2024-03-02,twelve,8,ok\n" + // 5: not an amount
		"d@example.com,2024-03-03,5,11,too high\n" + // 6: off the 0–10 scale
		"e@example.com,yesterday,5,-1,meh\n" // 7
	src := ldLoad(t, "answers.csv", file, FileMapping{Columns: map[string]Role{"Amount": Amount}})
	if src.Kind != Surveys {
		t.Fatalf("kind %s", src.Kind)
	}
	if src.Counts.Used != 5 || src.Counts.Rejected != 0 {
		t.Errorf("counts %+v: every row must be used", src.Counts)
	}
	ldCheckIssues(t, src, []ldProblem{
		{line: 3, column: "Date", reason: "not a date", value: "31/02/2024"},
		{line: 5, column: "Amount", reason: "not an amount", value: "twelve"},
		{line: 6, column: "NPS", reason: "not a score on the 0–10 scale", value: "11"},
		{line: 7, column: "Date", reason: "not a date", value: "yesterday"},
		{line: 7, column: "NPS", reason: "not a score on the 0–10 scale", value: "-1"},
	})
	if got := ldDays(t, src, "Date"); !slices.Equal(got, []string{"2024-03-01", "", "2024-03-02", "2024-03-03", ""}) {
		t.Errorf("dates %q", got)
	}
	if got, want := ldFloat(t, src, "NPS"), []float64{9, 10, 8, math.NaN(), math.NaN()}; !ldFloatsEqual(got, want) {
		t.Errorf("NPS %v, want %v", got, want)
	}
	if got, want := ldFloat(t, src, "Amount"), []float64{10.5, 12, math.NaN(), 5, 5}; !ldFloatsEqual(got, want) {
		t.Errorf("amounts %v, want %v", got, want)
	}
	if got := ldStr(t, src, "Comment"); got[1] != "two\nlines" {
		t.Errorf("multi-line comment %q", got[1])
	}
	long := strings.Repeat("x", 200)
	src = ldLoad(t, "long.csv", "Email,Date\na@example.com,"+long+"\n", FileMapping{Columns: map[string]Role{"Date": Date}})
	if len(src.Issues) != 1 || len(src.Issues[0].Value) > 90 || !strings.HasPrefix(src.Issues[0].Value, "xxxxxxxx") {
		t.Errorf("a long bad value must be listed shortened: %+v", src.Issues)
	}
}

// TestLoadQuality: Filled, Distinct and Failures, exactly, on a small file.
func TestLoadQuality(t *testing.T) {
	const file = "id,email,joined,age,city,notes\n" +
		"C1,a@example.com,2024-01-05,30,Riyadh,x\n" +
		"C2,B@example.com,yesterday,abc,Riyadh,\n" +
		"C1,,2024-01-05,30,,\n" +
		"C3,a@example.com,2024-02-01,151,Jeddah,y\n"
	fm := FileMapping{Kind: Contacts, Columns: map[string]Role{"id": CustomerID, "email": Email,
		"joined": Date, "age": Age, "city": City, "notes": Ignore}}
	src := ldLoad(t, "people.csv", file, fm)
	want := map[string][3]int{ // filled, distinct, failures
		"id":     {4, 3, 0},
		"email":  {3, 2, 0},
		"joined": {4, 2, 1},
		"age":    {4, 1, 2},
		"city":   {3, 2, 0},
		"notes":  {2, 2, 0}, // ignored: counted, not typed (so no failures)
	}
	for j, h := range src.Header {
		q := src.Quality[j]
		if got := [3]int{q.Filled, q.Distinct, q.Failures}; got != want[h] {
			t.Errorf("%s: filled, distinct, failures = %v, want %v", h, got, want[h])
		}
	}
	if ex := src.Quality[slices.Index(src.Header, "city")].Examples; !slices.Equal(ex, []string{"Riyadh", "Jeddah"}) {
		t.Errorf("city examples %q", ex)
	}
	if ex := src.Quality[slices.Index(src.Header, "notes")].Examples; !slices.Equal(ex, []string{"x", "y"}) {
		t.Errorf("notes examples %q", ex)
	}
	for j, q := range src.Quality {
		if q.Estimated {
			t.Errorf("%s: a count of a few values must be exact", src.Header[j])
		}
	}
	ldCheckIssues(t, src, []ldProblem{
		{line: 3, column: "joined", reason: "not a date", value: "yesterday"},
		{line: 3, column: "age", reason: "not a whole number in range", value: "abc"},
		{line: 5, column: "age", reason: "not a whole number in range", value: "151"},
	})
	if src.Table.Column("notes") != nil {
		t.Errorf("an ignored column must not be in the table")
	}
}

// TestLoadBlankCellIsNotFilled: a cell of spaces (tabs, no-break spaces
// pasted from a web page) is empty for the typed column (null) and must be
// empty for the quality numbers too; else the report's fill rate counts
// blanks as values.
func TestLoadBlankCellIsNotFilled(t *testing.T) {
	src := ldLoad(t, "blank.csv", "Customer ID,Email,City\nC1,a@example.com,Riyadh\nC2,   ,\t\nC3,c@example.com, \nC4,\u00a0,\u00a0\n",
		FileMapping{Kind: Contacts, Columns: map[string]Role{"Email": Email, "City": City}})
	if got := ldStr(t, src, "Email"); got[1] != "" || got[3] != "" {
		t.Fatalf("a cell of spaces must be null, got %q", got)
	}
	for j, h := range src.Header {
		want := map[string]int{"Customer ID": 4, "Email": 2, "City": 1}[h]
		if src.Quality[j].Filled != want {
			t.Errorf("%s: Filled %d, want %d (cells of spaces counted as values)", h, src.Quality[j].Filled, want)
		}
	}
}

// TestLoadQualityCountsUsedRowsOnly: a rejected row is not in the table, so
// its cells must not count as filled (the report's FillRate is Filled / Used
// and would go above 1), nor as distinct values, nor as failed cells of a
// row that "was still used".
func TestLoadQualityCountsUsedRowsOnly(t *testing.T) {
	const file = "user_id,event,timestamp,plan\n" +
		"u1,page_view,2024-01-01T10:00:00Z,pro\n" +
		"u2,,2024-01-02T10:00:00Z,free\n" +
		"u3,,2024-01-03T10:00:00Z,team\n" +
		"u4,,not a time,team\n"
	src := ldLoad(t, "events.csv", file, FileMapping{Kind: Events, Columns: map[string]Role{"event": EventName, "timestamp": Date, "user_id": CustomerID, "plan": Category}})
	if src.Counts.Used != 1 || src.Counts.Rejected != 3 {
		t.Fatalf("counts %+v", src.Counts)
	}
	for j, h := range src.Header {
		q := src.Quality[j]
		if q.Filled > src.Counts.Used {
			t.Errorf("%s: Filled %d > %d used rows: rejected rows counted (fill rate %.0f%%)", h, q.Filled, src.Counts.Used, 100*float64(q.Filled)/float64(src.Counts.Used))
		}
		if q.Distinct > src.Counts.Used {
			t.Errorf("%s: Distinct %d > %d used rows", h, q.Distinct, src.Counts.Used)
		}
		if q.Failures != 0 {
			t.Errorf("%s: %d failures counted on rejected rows", h, q.Failures)
		}
	}
	for _, is := range src.Issues {
		if !slices.Contains(src.Table.Lines.Slice(), int32(is.Line)) {
			t.Errorf("cell issue %+v is on a rejected row; CellIssue says the row was still used", is)
		}
	}
}

// TestLoadMappingOverrides: Columns → Ignore, Kind, Scales and DateOrder
// change what is loaded.
func TestLoadMappingOverrides(t *testing.T) {
	const file = "Customer ID,Email,Date,Rating,Comment\n" +
		"C1,a@example.com,03/04/2024,4,fine\n" +
		"C2,b@example.com,05/06/2024,9,meh\n" +
		"C3,c@example.com,12/11/2024,5,ok\n"
	t.Run("inferred", func(t *testing.T) {
		src := ldLoad(t, "r.csv", file, FileMapping{})
		if ldRole(t, src, "Email") != Email || ldRole(t, src, "Rating") != Rating || ldRole(t, src, "Date") != Date {
			t.Fatalf("roles %+v", src.Roles)
		}
		if src.Kind != Reviews {
			t.Errorf("kind %s, want reviews", src.Kind)
		}
		if got := ldFloat(t, src, "Rating"); !ldFloatsEqual(got, []float64{4, 9, 5}) {
			t.Errorf("ratings %v on the detected scale %+v", got, src.Roles[3].Scale)
		}
	})
	t.Run("ignore", func(t *testing.T) {
		src := ldLoad(t, "r.csv", file, FileMapping{Columns: map[string]Role{"Email": Ignore}})
		r := src.Roles[slices.Index(src.Header, "Email")]
		if r.Role != Ignore || r.By != "mapping" {
			t.Errorf("Email role %+v, want ignore by mapping", r)
		}
		if src.Table.Column("Email") != nil || src.Column(Email) != nil {
			t.Errorf("an ignored column is in the table")
		}
	})
	t.Run("kind", func(t *testing.T) {
		src := ldLoad(t, "r.csv", file, FileMapping{Kind: Surveys})
		if src.Kind != Surveys {
			t.Errorf("kind %s, want surveys", src.Kind)
		}
	})
	t.Run("scale", func(t *testing.T) {
		src := ldLoad(t, "r.csv", file, FileMapping{Scales: map[string]Scale{"Rating": {Min: 1, Max: 5}}})
		if sc := src.Roles[slices.Index(src.Header, "Rating")].Scale; sc == nil || *sc != (Scale{1, 5}) {
			t.Errorf("scale %+v, want 1–5", sc)
		}
		if got := ldFloat(t, src, "Rating"); !ldFloatsEqual(got, []float64{4, math.NaN(), 5}) {
			t.Errorf("ratings %v: 9 is off the mapped 1–5 scale", got)
		}
		ldCheckIssues(t, src, []ldProblem{{line: 3, column: "Rating", reason: "1–5", value: "9"}})
		if src.Counts.Used != 3 {
			t.Errorf("counts %+v: the row with a bad rating has a comment: used", src.Counts)
		}
	})
	t.Run("dmy", func(t *testing.T) {
		src := ldLoad(t, "r.csv", file, FileMapping{DateOrder: DMY})
		if got := ldDays(t, src, "Date"); !slices.Equal(got, []string{"2024-04-03", "2024-06-05", "2024-11-12"}) {
			t.Errorf("dmy dates %q", got)
		}
	})
	t.Run("mdy", func(t *testing.T) {
		src := ldLoad(t, "r.csv", file, FileMapping{DateOrder: MDY})
		if got := ldDays(t, src, "Date"); !slices.Equal(got, []string{"2024-03-04", "2024-05-06", "2024-12-11"}) {
			t.Errorf("mdy dates %q", got)
		}
	})
	t.Run("date order detected", func(t *testing.T) {
		src := ldLoad(t, "d.csv", "Email,Date\na@example.com,03/04/2024\nb@example.com,25/12/2024\n", FileMapping{})
		if got := ldDays(t, src, "Date"); !slices.Equal(got, []string{"2024-04-03", "2024-12-25"}) {
			t.Errorf("dates %q: 25/12 makes the column day-first", got)
		}
	})
	t.Run("role", func(t *testing.T) {
		src := ldLoad(t, "r.csv", file, FileMapping{Columns: map[string]Role{"Comment": Subject, "Rating": CSAT}})
		if src.Kind != Surveys || src.Column(CSAT) == nil || src.Column(Rating) != nil {
			t.Errorf("kind %s, roles %+v", src.Kind, src.Roles)
		}
		if len(src.Texts()) != 1 || src.Texts()[0].Name != "Comment" {
			t.Errorf("texts %v", src.Texts())
		}
	})
}

// ldShopifyHeader is the header of Shopify's orders export (Orders → Export).
var ldShopifyHeader = "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing," +
	"Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at," +
	"Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku," +
	"Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street," +
	"Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province," +
	"Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2," +
	"Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes," +
	"Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor," +
	"Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount," +
	"Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value," +
	"Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name," +
	"Payment ID,Payment Terms Name,Next Payment Due At,Payment References"

// ldShopifyRow builds a Shopify row from the named fields.
func ldShopifyRow(fields map[string]string) string {
	h := strings.Split(ldShopifyHeader, ",")
	out := make([]string, len(h))
	for i, n := range h {
		v := fields[n]
		if strings.ContainsAny(v, ",\"\n") {
			v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
		}
		out[i] = v
	}
	return strings.Join(out, ",") + "\n"
}

// TestLoadShopifyLineItems: the real Shopify header is recognised, with one
// row per line item; only the first row of an order carries its totals.
func TestLoadShopifyLineItems(t *testing.T) {
	file := ldShopifyHeader + "\n" +
		ldShopifyRow(map[string]string{"Name": "#1001", "Email": "sara@example.com", "Financial Status": "paid",
			"Currency": "SAR", "Subtotal": "150.00", "Total": "172.50", "Created at": "2024-03-05 14:02:11 +0300",
			"Lineitem quantity": "2", "Lineitem name": "Dates, Medjool 1kg", "Lineitem price": "50.00",
			"Billing Name": "Sara Al-Qahtani", "Billing City": "Riyadh", "Billing Country": "SA", "Billing Phone": "+966501234567"}) +
		ldShopifyRow(map[string]string{"Name": "#1001", "Email": "sara@example.com", "Created at": "2024-03-05 14:02:11 +0300",
			"Lineitem quantity": "1", "Lineitem name": `Coffee "Najd" 250g`, "Lineitem price": "50.00"}) +
		ldShopifyRow(map[string]string{"Name": "#1002", "Email": "john@example.com", "Financial Status": "refunded",
			"Currency": "GBP", "Total": "30.00", "Created at": "2024-03-06 09:00:00 +0000",
			"Lineitem quantity": "3", "Lineitem name": "Tea", "Billing Name": "John Smith"})
	src := ldLoad(t, "orders_export_1.csv", file, FileMapping{})
	if src.Export == nil || src.Export.Name != "Shopify orders" || !src.Export.LineItems {
		t.Fatalf("export %+v, want Shopify orders with line items", src.Export)
	}
	if src.Kind != Orders || src.Counts.Used != 3 || src.Counts.Rejected != 0 {
		t.Errorf("kind %s, counts %+v", src.Kind, src.Counts)
	}
	for col, role := range map[string]Role{"Name": OrderID, "Email": Email, "Total": Amount, "Currency": Currency,
		"Created at": Date, "Lineitem quantity": Quantity, "Lineitem name": Product, "Billing Name": FullName,
		"Billing Phone": Phone, "Financial Status": Status, "Subtotal": Ignore, "Lineitem price": Ignore} {
		if got := ldRole(t, src, col); got != role {
			t.Errorf("%s: role %s, want %s", col, got, role)
		}
	}
	if got := ldStr(t, src, "Name"); !slices.Equal(got, []string{"#1001", "#1001", "#1002"}) {
		t.Errorf("order ids %q", got)
	}
	if got := ldFloat(t, src, "Total"); !ldFloatsEqual(got, []float64{172.5, math.NaN(), 30}) {
		t.Errorf("totals %v: only the first row of an order has its total", got)
	}
	if got := ldStr(t, src, "Lineitem name"); !slices.Equal(got, []string{"Dates, Medjool 1kg", `Coffee "Najd" 250g`, "Tea"}) {
		t.Errorf("products %q", got)
	}
	if got := ldFloat(t, src, "Lineitem quantity"); !ldFloatsEqual(got, []float64{2, 1, 3}) {
		t.Errorf("quantities %v", got)
	}
	if got := ldDays(t, src, "Created at"); !slices.Equal(got, []string{"2024-03-05", "2024-03-05", "2024-03-06"}) {
		t.Errorf("dates %q", got)
	}
	if c := src.Table.Column("Created at"); c.Time[0] != time.Date(2024, 3, 5, 11, 2, 11, 0, time.UTC).Unix() {
		t.Errorf("created at %v: the +0300 offset must be applied", time.Unix(c.Time[0], 0).UTC())
	}
	if src.Table.Column("currency (from Total)") != nil {
		t.Errorf("a file with a Currency column needs no currency helper column")
	}
}

// TestLoadSurveyMonkey: two header rows merged; data starts on line 3.
func TestLoadSurveyMonkey(t *testing.T) {
	const file = "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name," +
		"How likely is it that you would recommend us to a friend or colleague?,What could we do better?,Which products do you use?,\n" +
		",,,,,,,,Response,Open-Ended Response,Coffee,Tea\n" +
		"114,431,01/13/2024 10:00:00 AM,01/13/2024 10:05:00 AM,10.0.0.1,ann@example.com,Ann,Lee,9,\"Faster\nshipping\",Coffee,\n" +
		"115,431,01/03/2024 10:00:00 AM,01/03/2024 10:05:00 AM,10.0.0.2,bob@example.com,Bob,Roe,,,,\n" +
		"116,431,01/14/2024 10:00:00 AM,01/14/2024 10:06:00 PM,10.0.0.3,cy@example.com,Cy,Dee,3,Too slow,,Tea\n"
	src := ldLoad(t, "survey.csv", file, FileMapping{})
	if src.Info.HeaderRows != 2 || src.Export == nil || src.Export.Name != "SurveyMonkey responses" || src.Kind != Surveys {
		t.Fatalf("header rows %d, export %+v, kind %s", src.Info.HeaderRows, src.Export, src.Kind)
	}
	wantHeader := []string{"Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
		"First Name", "Last Name", "How likely is it that you would recommend us to a friend or colleague?",
		"What could we do better? — Open-Ended Response", "Which products do you use? — Coffee", "Which products do you use? — Tea"}
	if !slices.Equal(src.Header, wantHeader) {
		t.Errorf("header %q,\nwant %q", src.Header, wantHeader)
	}
	if r := ldRole(t, src, wantHeader[8]); r != NPS {
		t.Errorf("the recommend question is %s, want nps", r)
	}
	if got := ldLinesOf(src); !slices.Equal(got, []int{3, 6}) {
		t.Errorf("used lines %v, want [3 6]", got)
	}
	ldCheckRejected(t, src, []ldProblem{{line: 5, reason: "no score and no comment"}})
	if got := ldDays(t, src, "End Date"); !slices.Equal(got, []string{"2024-01-13", "2024-01-14"}) {
		t.Errorf("end dates %q", got)
	}
	if got := ldStr(t, src, "Email Address"); !slices.Equal(got, []string{"ann@example.com", "cy@example.com"}) {
		t.Errorf("emails %q", got)
	}
}

// TestLoadJSONNestedPaths: nested fields are columns named by their dotted
// path; arrays of scalars are one field; records keep their lines.
func TestLoadJSONNestedPaths(t *testing.T) {
	const file = `{"orders": [` + "\n" + // 1
		`  {"id": "A-1", "customer": {"email": "a@example.com", "address": {"city": "Riyadh"}}, "tags": ["vip", "new"], "total": 10.5, "placed": "2024-05-01"},` + "\n" + // 2
		`  {"id": "A-2", "customer": {"email": "b@example.com", "address": {"city": "Jeddah"}}, "tags": [], "total": "SAR 3", "placed": "2024-05-02"},` + "\n" + // 3
		`  "not a record",` + "\n" + // 4
		`  {"id": "A-3",` + "\n" + // 5
		`   "customer": null, "total": 7}` + "\n" + // 6
		`]}` + "\n"
	src := ldLoad(t, "orders.json", file, FileMapping{Columns: map[string]Role{"customer.address.city": City, "tags": Interests}})
	for _, h := range []string{"id", "customer.email", "customer.address.city", "tags", "total", "placed"} {
		if !slices.Contains(src.Header, h) {
			t.Errorf("header %q has no %q", src.Header, h)
		}
	}
	if slices.Contains(src.Header, "customer") {
		t.Errorf("header %q: customer is only the parent of other paths", src.Header)
	}
	if ldRole(t, src, "customer.email") != Email || ldRole(t, src, "id") != OrderID || ldRole(t, src, "total") != Amount {
		t.Errorf("roles %+v", src.Roles)
	}
	if src.Kind != Orders {
		t.Errorf("kind %s", src.Kind)
	}
	if got := ldLinesOf(src); !slices.Equal(got, []int{2, 3, 5}) {
		t.Errorf("lines %v, want [2 3 5]", got)
	}
	ldCheckRejected(t, src, []ldProblem{{line: 4}})
	if got := ldStr(t, src, "customer.email"); !slices.Equal(got, []string{"a@example.com", "b@example.com", ""}) {
		t.Errorf("emails %q", got)
	}
	if got := ldStr(t, src, "customer.address.city"); !slices.Equal(got, []string{"Riyadh", "Jeddah", ""}) {
		t.Errorf("cities %q", got)
	}
	if got := ldStr(t, src, "tags"); !slices.Equal(got, []string{"vip, new", "", ""}) {
		t.Errorf("tags %q", got)
	}
	if got := ldFloat(t, src, "total"); !ldFloatsEqual(got, []float64{10.5, 3, 7}) {
		t.Errorf("totals %v", got)
	}
	if c := src.Column(Currency); c == nil || src.Table.Text(c, 1) != "SAR" || !c.IsNull(0) {
		t.Errorf("the currency written in an amount must be kept")
	}
}

// TestLoadArabicEncodings: Windows-1256 and UTF-16 files through Load give
// the right Arabic text in the table.
func TestLoadArabicEncodings(t *testing.T) {
	const text = "الاسم,البريد الإلكتروني,المدينة,التعليق\n" +
		"محمد أحمد,m@example.com,الرياض,الخدمة ممتازة جداً\n" +
		"فاطمة الزهراء,f@example.com,جدة,\"التوصيل تأخر، لكن المنتج جيد\"\n" +
		"عبدالله,a@example.com,مكة المكرمة,\"سطر أول\nسطر ثانٍ\"\n"
	fm := FileMapping{Columns: map[string]Role{"الاسم": FullName, "المدينة": City, "التعليق": Text}}
	utf16 := func(order xunicode.Endianness, bom xunicode.BOMPolicy) encoding.Encoding {
		return xunicode.UTF16(order, bom)
	}
	tests := []struct {
		name, encoding string
		enc            encoding.Encoding
		fm             FileMapping
	}{
		{"utf8.csv", "utf-8", encoding.Nop, fm},
		{"cp1256.csv", "windows-1256", charmap.Windows1256, fm},
		{"utf16le-bom.csv", "utf-16le", utf16(xunicode.LittleEndian, xunicode.UseBOM), fm},
		{"utf16be-bom.csv", "utf-16be", utf16(xunicode.BigEndian, xunicode.UseBOM), fm},
		{"utf16le.txt", "utf-16le", utf16(xunicode.LittleEndian, xunicode.IgnoreBOM), fm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := tt.enc.NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			src, err := ldLoadErr(t, tt.name, data, tt.fm)
			if err != nil {
				t.Fatal(err)
			}
			if src.Info.Encoding != tt.encoding {
				t.Errorf("encoding %q, want %q", src.Info.Encoding, tt.encoding)
			}
			if !slices.Equal(src.Header, []string{"الاسم", "البريد الإلكتروني", "المدينة", "التعليق"}) {
				t.Errorf("header %q", src.Header)
			}
			if src.Counts.Used != 3 || src.Counts.Rejected != 0 {
				t.Errorf("counts %+v", src.Counts)
			}
			if got := ldStr(t, src, "الاسم"); !slices.Equal(got, []string{"محمد أحمد", "فاطمة الزهراء", "عبدالله"}) {
				t.Errorf("names %q", got)
			}
			if got := ldStr(t, src, "المدينة"); !slices.Equal(got, []string{"الرياض", "جدة", "مكة المكرمة"}) {
				t.Errorf("cities %q", got)
			}
			if got := ldStr(t, src, "التعليق"); !slices.Equal(got, []string{"الخدمة ممتازة جداً", "التوصيل تأخر، لكن المنتج جيد", "سطر أول\nسطر ثانٍ"}) {
				t.Errorf("comments %q", got)
			}
			if ldRole(t, src, "البريد الإلكتروني") != Email {
				t.Errorf("the Arabic email header is %s", ldRole(t, src, "البريد الإلكتروني"))
			}
			if got := ldLinesOf(src); !slices.Equal(got, []int{2, 3, 4}) {
				t.Errorf("lines %v", got)
			}
		})
	}
}

// TestLoadCurrencyFromAmounts: with an Amount column and no Currency
// column, the currency written in the values ("$12.50", "SAR 99") becomes a
// column of its own; it is dropped when no value carries one.
func TestLoadCurrencyFromAmounts(t *testing.T) {
	const file = "Order ID,Email,Total\n" +
		"1,a@example.com,$12.50\n" +
		"2,b@example.com,SAR 99\n" +
		"3,c@example.com,15\n" +
		"4,d@example.com,99 ر.س\n" +
		"5,e@example.com,\"£1,234.50\"\n" +
		"6,f@example.com,USD abc\n" +
		"7,g@example.com,-€3\n"
	src := ldLoad(t, "orders.csv", file, FileMapping{})
	if ldRole(t, src, "Total") != Amount {
		t.Fatalf("roles %+v", src.Roles)
	}
	cur := src.Column(Currency)
	if cur == nil {
		t.Fatalf("no currency column; columns %q", ldColumnNames(src))
	}
	if cur.Name != "currency (from Total)" {
		t.Errorf("currency column %q", cur.Name)
	}
	var got []string
	for i := range cur.Len() {
		v := ""
		if !cur.IsNull(i) {
			v = src.Table.Text(cur, i)
		}
		got = append(got, v)
	}
	if want := []string{"USD", "SAR", "", "SAR", "GBP", "", "EUR"}; !slices.Equal(got, want) {
		t.Errorf("currencies %q, want %q", got, want)
	}
	if got, want := ldFloat(t, src, "Total"), []float64{12.5, 99, 15, 99, 1234.5, math.NaN(), -3}; !ldFloatsEqual(got, want) {
		t.Errorf("amounts %v, want %v", got, want)
	}
	ldCheckIssues(t, src, []ldProblem{{line: 7, column: "Total", reason: "not an amount", value: "USD abc"}})

	plain := ldLoad(t, "plain.csv", "Order ID,Email,Total\n1,a@example.com,12.50\n2,b@example.com,3\n", FileMapping{})
	if plain.Column(Currency) != nil || len(plain.Table.Columns) != 3 {
		t.Errorf("no value had a currency: the helper column must be dropped (columns %q)", ldColumnNames(plain))
	}
	// A row rejected after its amount was read leaves no currency behind.
	rej := ldLoad(t, "rej.csv", "Order ID,Email,Total,Extra\n1,a@example.com,$5,\n2,b@example.com,$6,x,y\n3,c@example.com,7,\n", FileMapping{})
	if c := rej.Column(Currency); c == nil || c.Len() != 2 || rej.Table.Text(c, 0) != "USD" || !c.IsNull(1) {
		t.Errorf("currency column after a rejected row: %+v", c)
	}
}

// ldXLSX builds a minimal workbook with one sheet of inline strings and
// numbers; rows are written at the given row numbers.
func ldXLSX(t testing.TB, rows map[int][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	var sd strings.Builder
	var nums []int
	for r := range rows {
		nums = append(nums, r)
	}
	slices.Sort(nums)
	for _, r := range nums {
		fmt.Fprintf(&sd, `<row r="%d">`, r)
		for i, v := range rows[r] {
			ref := fmt.Sprintf("%c%d", 'A'+i, r)
			if v == "" {
				continue
			}
			if _, ok := ParseNumber([]byte(v)); ok && !strings.ContainsAny(v, " ,") {
				fmt.Fprintf(&sd, `<c r="%s"><v>%s</v></c>`, ref, v)
			} else {
				var esc bytes.Buffer
				ldXMLEscape(&esc, v)
				fmt.Fprintf(&sd, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, esc.String())
			}
		}
		sd.WriteString(`</row>`)
	}
	add("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+sd.String()+`</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func ldXMLEscape(w *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		case '&':
			w.WriteString("&amp;")
		case '"':
			w.WriteString("&quot;")
		default:
			w.WriteRune(r)
		}
	}
}

// TestLoadXLSXRows: sheet rows keep their numbers, gaps included.
func TestLoadXLSXRows(t *testing.T) {
	data := ldXLSX(t, map[int][]string{
		1: {"Customer ID", "Email", "Comment"},
		2: {"C1", "a@example.com", "=HYPERLINK(\"http://x\",\"y\")"},
		4: {"C2", "b@example.com", "<b>bold</b> & more"},
		5: {"", "", ""},
		6: {"C3", "c@example.com", "", "surplus"},
	})
	src, err := ldLoadErr(t, "book.xlsx", data, FileMapping{Columns: map[string]Role{"Comment": Text}})
	if err != nil {
		t.Fatal(err)
	}
	if src.Info.Format != XLSX {
		t.Errorf("format %s", src.Info.Format)
	}
	if got := ldLinesOf(src); !slices.Equal(got, []int{2, 4}) {
		t.Errorf("rows %v, want [2 4]", got)
	}
	ldCheckRejected(t, src, []ldProblem{{line: 6, reason: "4 fields but the header has 3"}})
	if got := ldStr(t, src, "Comment"); !slices.Equal(got, []string{"=HYPERLINK(\"http://x\",\"y\")", "<b>bold</b> & more"}) {
		t.Errorf("comments %q", got)
	}
}

// TestLoadErrors: a file that cannot be used at all is an error naming the
// file, not a Source.
func TestLoadErrors(t *testing.T) {
	for name, data := range map[string]string{
		"empty.csv":   "",
		"spaces.csv":  "  \n\n ",
		"binary.csv":  "id,name\n1,\x00\x01\x02\x03\x00\x00\x00\x00",
		"gzip.csv":    "\x1f\x8b\x08\x00\x00\x00\x00\x00",
		"old.xls":     "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
		"text.xlsx":   "id,name\n1,x\n",
		"broken.json": "{\"a\":",
		"empty.json":  "[]",
	} {
		src, err := ldLoadErr(t, name, []byte(data), FileMapping{})
		if err == nil {
			// A file that loads must account for what it holds: nothing
			// (and say so) or rejected records with their reasons.
			if src.Counts.Used != 0 || (src.Counts.Read == 0) != (len(src.Notes) > 0 && src.Counts.Rejected == 0) {
				t.Errorf("%s: no error, counts %+v, notes %q", name, src.Counts, src.Notes)
			}
			continue
		}
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: error %q does not start with the file name", name, err)
		}
	}
	src := ldLoad(t, "header.csv", "Customer ID,Email\n", FileMapping{})
	if src.Counts != (RowCounts{}) || !slices.Contains(src.Notes, "the file has a header but no rows") {
		t.Errorf("header only: %+v %q", src.Counts, src.Notes)
	}
}

// TestLoadProgressAndCancel: progress ends on the rows read; a cancelled
// load returns the context's error.
func TestLoadProgressAndCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString("Customer ID,Email\n")
	for i := range 40000 {
		fmt.Fprintf(&b, "C%d,c%d@example.com\n", i, i)
	}
	var lastRows, lastBytes int64
	calls := 0
	src, err := Load(context.Background(), "p.csv", strings.NewReader(b.String()), FileMapping{}, table.NewStrings(), func(rows, bytes int64) {
		if rows < lastRows || bytes < lastBytes {
			t.Errorf("progress went back: %d,%d after %d,%d", rows, bytes, lastRows, lastBytes)
		}
		lastRows, lastBytes = rows, bytes
		calls++
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || lastRows != 40000 || lastBytes != int64(b.Len()) || src.Bytes != int64(b.Len()) {
		t.Errorf("%d progress calls, last %d rows %d bytes; file %d bytes, Source.Bytes %d", calls, lastRows, lastBytes, b.Len(), src.Bytes)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, "p.csv", strings.NewReader(b.String()), FileMapping{}, table.NewStrings(), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestLoadReadErrorMidFile: a read error after some rows keeps what was
// read and rejects the rest with a line and a reason.
func TestLoadReadErrorMidFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("Customer ID,Email\n")
	for i := range 30000 {
		fmt.Fprintf(&b, "C%d,c%d@example.com\n", i, i)
	}
	data := b.String()
	r := io.MultiReader(strings.NewReader(data[:len(data)-1000]), ldErrReader{})
	src, err := Load(context.Background(), "cut.csv", r, FileMapping{}, table.NewStrings(), nil)
	if err != nil {
		t.Fatalf("a read error after the first rows must not lose them: %v", err)
	}
	for _, b := range ldInvariants(src) {
		t.Error(b)
	}
	if src.Counts.Used < 29000 || src.Counts.Rejected != 1 {
		t.Errorf("counts %+v", src.Counts)
	}
	if len(src.Rejected) == 1 {
		e := src.Rejected[0]
		if e.Line != int(src.Table.Lines.At(src.Table.Rows()-1))+1 || !strings.Contains(e.Reason, "disk on fire") {
			t.Errorf("rejection %+v after line %d", e, src.Table.Lines.At(src.Table.Rows()-1))
		}
	}
}

type ldErrReader struct{}

func (ldErrReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// ldCancelReader cancels a context once after bytes have been read, and
// counts the bytes read after that.
type ldCancelReader struct {
	r      io.Reader
	after  int64
	read   int64
	late   int64
	cancel func()
}

func (c *ldCancelReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.read >= c.after {
		c.late += int64(n)
	}
	c.read += int64(n)
	if c.read >= c.after && c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	return n, err
}

// TestLoadCancelWithoutGoodRows: a file whose records are all unreadable is
// still a file being read: cancelling must stop the reading soon, also
// while role inference is still waiting for good rows to look at.
func TestLoadCancelWithoutGoodRows(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 8<<20; i++ {
		fmt.Fprintf(&b, "garbage line %d, not a JSON object\n", i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &ldCancelReader{r: strings.NewReader(b.String()), after: 256 << 10, cancel: cancel}
	progress := 0
	_, err := Load(ctx, "bad.ndjson", r, FileMapping{}, table.NewStrings(), func(rows, bytes int64) { progress++ })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if r.late > 2<<20 {
		t.Errorf("%d bytes (of %d) read after the cancel, %d progress calls: the sampling loop ignores the context", r.late, b.Len(), progress)
	}
}

// TestLoadNoGoodRowsStreams: role inference keeps a copy of the rows it
// looks at; a file whose rows are all bad (a Python dump with single quotes
// named .ndjson) must not be held in memory whole while it waits for good
// ones, and progress must be reported while it is read.
func TestLoadNoGoodRowsStreams(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 8<<20; i++ {
		fmt.Fprintf(&b, "{'event': 'page_view', 'user': 'u%d'}\n", i)
	}
	first := int64(-1)
	src, err := Load(context.Background(), "python.ndjson", strings.NewReader(b.String()), FileMapping{}, table.NewStrings(), func(rows, bytes int64) {
		if first < 0 {
			first = bytes
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range ldInvariants(src) {
		t.Error(bad)
	}
	if src.Counts.Used != 0 || src.Counts.Rejected != src.Counts.Read || src.Counts.Read < 100000 {
		t.Errorf("counts %+v", src.Counts)
	}
	if first > int64(b.Len())/2 {
		t.Errorf("first progress report at %d of %d bytes: the rows before it were all held for role inference", first, b.Len())
	}
}

// TestLoadRejectsUnknownMapping: a mapping comes from the UI or from a
// user's JSON file. An unknown format, encoding or delimiter is refused
// with a sentence; an unknown kind, role, date order or an inverted scale
// must be too, instead of being carried into the report ("order" for
// "orders" silently makes a file of orders count as no kind at all).
func TestLoadRejectsUnknownMapping(t *testing.T) {
	const file = "Customer ID,Email,Date,Score\nC1,a@example.com,03/04/2024,4\n"
	for _, tt := range []struct {
		fm   FileMapping
		word string
	}{
		{FileMapping{Format: "pdf"}, `"pdf"`},
		{FileMapping{Encoding: "klingon"}, `"klingon"`},
		{FileMapping{Kind: "order"}, `"order"`},
		{FileMapping{Columns: map[string]Role{"Email": "e-mail"}}, `"e-mail"`},
		{FileMapping{DateOrder: "dd/mm/yyyy"}, `"dd/mm/yyyy"`},
		{FileMapping{Scales: map[string]Scale{"Score": {Min: 5, Max: 1}}}, "Score"},
	} {
		src, err := ldLoadErr(t, "m.csv", []byte(file), tt.fm)
		if err == nil {
			t.Errorf("mapping %+v: loaded as kind %q with roles %+v; want an error naming %s", tt.fm, src.Kind, src.Roles, tt.word)
			continue
		}
		if !strings.HasPrefix(err.Error(), "m.csv: ") || !strings.Contains(err.Error(), tt.word) {
			t.Errorf("mapping %+v: error %q should name the file and %s", tt.fm, err, tt.word)
		}
	}
}

// TestLoadJSONLateFieldsAreReported: the JSON header is the union of the
// paths of the first 1,000 records. A field that first appears later (the
// e-mail of an "identify" event late in a stream) is not read: that must be
// said, not lost silently.
func TestLoadJSONLateFieldsAreReported(t *testing.T) {
	var b strings.Builder
	for i := range 1200 {
		if i < 1000 {
			fmt.Fprintf(&b, `{"user_id":"u%d","event":"page_view"}`+"\n", i)
		} else {
			fmt.Fprintf(&b, `{"user_id":"u%d","event":"identify","traits":{"email":"u%d@example.com"}}`+"\n", i, i)
		}
	}
	src := ldLoad(t, "late.ndjson", b.String(), FileMapping{})
	if slices.Contains(src.Header, "traits.email") {
		return // read after all
	}
	said := false
	for _, n := range src.Notes {
		said = said || strings.Contains(n, "traits.email")
	}
	for _, is := range src.Issues {
		said = said || strings.Contains(is.Reason, "traits.email")
	}
	if !said {
		t.Errorf("traits.email of 200 records was dropped without a word (header %q, notes %q)", src.Header, src.Notes)
	}
}

// A Delighted export's Score is NPS, CES or CSAT by survey: its "Survey
// type" column says which, else enough values on a 1–5 or 1–7 scale do.
func TestDelightedScoreType(t *testing.T) {
	file := func(surveyType string, scores ...int) string {
		var b strings.Builder
		b.WriteString("Response ID,Created,Email,Score,Comment,Permalink,Survey type\n")
		for i, sc := range scores {
			fmt.Fprintf(&b, "%d,2024-01-%02d,c%d@example.com,%d,,https://delighted.com/r/%d,%s\n", 100+i, 1+i%28, i, sc, i, surveyType)
		}
		return b.String()
	}
	cycle := func(n, lo, hi int) []int {
		var v []int
		for i := 0; i < n; i++ {
			v = append(v, lo+i%(hi-lo+1))
		}
		return v
	}
	cases := []struct {
		name  string
		data  string
		role  Role
		scale Scale
	}{
		{"nps by values", file("", cycle(30, 0, 10)...), NPS, Scale{0, 10}},
		{"csat by values", file("", cycle(30, 1, 5)...), CSAT, Scale{1, 5}},
		{"ces by values", file("", cycle(30, 1, 7)...), CES, Scale{1, 7}},
		{"too few to tell", file("", 3, 4, 5, 2, 1), NPS, Scale{0, 10}},
		{"ces by type", file("ces", 6, 7, 5), CES, Scale{1, 7}},
		{"csat by type", file("CSAT", 4, 5), CSAT, Scale{1, 5}},
		{"nps by type, low scores", file("nps", cycle(30, 1, 5)...), NPS, Scale{0, 10}},
	}
	for _, c := range cases {
		src := ldLoad(t, c.name+".csv", c.data, FileMapping{})
		if src.Export == nil || src.Export.Name != "Delighted" {
			t.Fatalf("%s: not recognised as Delighted: %+v", c.name, src.Export)
		}
		j := slices.Index(src.Header, "Score")
		cr := src.Roles[j]
		if cr.Role != c.role || cr.Scale == nil || *cr.Scale != c.scale || cr.By != "export" {
			t.Errorf("%s: Score read as %s %+v by %s, want %s %+v", c.name, cr.Role, cr.Scale, cr.By, c.role, c.scale)
		}
		if col := src.Column(c.role); col == nil || col.Float[0] != float64(firstScore(c.data)) || src.Counts.Used != strings.Count(c.data, "\n")-1 {
			t.Errorf("%s: the scores are not in the %s column (used %d)", c.name, c.role, src.Counts.Used)
		}
	}
}

func firstScore(data string) int {
	line := strings.Split(data, "\n")[1]
	v, _ := strconv.Atoi(strings.Split(line, ",")[3])
	return v
}

func TestEventPropertiesKept(t *testing.T) {
	const body = `{"event":"clicked","user_id":"U1","timestamp":"2024-01-02T10:00:00Z","properties":{"button":"upgrade","screen":"billing"}}
{"event":"clicked","user_id":"U2","timestamp":"2024-01-02T11:00:00Z","properties":{"button":"cancel"}}
`
	src, err := Load(context.Background(), "events.ndjson", strings.NewReader(body), FileMapping{Columns: map[string]Role{"properties.screen": Ignore}}, table.NewStrings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// properties.button has no role: kept as text; properties.screen was
	// ignored by the user: not kept.
	props := src.Properties()
	if src.Kind != Events || len(props) != 1 || props[0].Name != "properties.button" || props[0].Type != table.String {
		t.Fatalf("kind %s, properties %+v", src.Kind, props)
	}
	if got := src.Table.Strings.Value(props[0].Str[1]); got != "cancel" {
		t.Fatalf("row 2 button %q", got)
	}
	if src.Column(Ignore) != nil {
		t.Fatal("properties are not a role")
	}
}

// ldReasonCodeCounted: Reasons holds one text of each message code; reason
// is counted under it when they share the code.
func ldReasonCodeCounted(src *Source, reason string) bool {
	code, ok := message.CodeOf(reason)
	if !ok {
		return false
	}
	for k, n := range src.Reasons {
		if c, _ := message.CodeOf(k); c == code && n > 0 {
			return true
		}
	}
	return false
}
