package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/text/data"
)

func memInput(name, body string) Input {
	return Input{Name: name, Size: int64(len(body)), Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(body)), nil
	}}
}

const contactsCSV = `Customer ID,Full Name,Email,Phone,Company,Country,City,Signup Date
C1,Sara Al-Qahtani,Sara@Example.com,0501234567,,Saudi Arabia,Riyadh,2024-01-05
C2,John Smith,john@example.com,+44 7700 900123,Acme Ltd,United Kingdom,London,2024-02-10
C3,Omar Haddad,omar@example.com,,,Jordan,Amman,2024-03-01
`

const ordersCSV = `Order ID,Email,Phone,Order Date,Total,Currency,Product,Quantity,Status
1001,sara@example.com,,2024-01-10,100.00,SAR,Dates,2,paid
1002, SARA@example.com ,,2024-02-10,50.50,SAR,Coffee,1,paid
1003,,+966 50 123 4567,2024-03-10,20,SAR,Tea,1,refunded
1004,john@example.com,,2024-02-15,30,GBP,Coffee,3,paid
1005,new@example.com,,2024-04-01,10,USD,Tea,1,paid
1006,bad-email,,2024-04-02,5,USD,Tea,1,paid
1007,john@example.com,,2024-04-03,1,GBP,Tea,1,paid,surplus
`

const eventsNDJSON = `{"event":"page_view","timestamp":"2024-04-05T10:00:00Z","user":{"id":"C1"},"context":{"device":"mobile","channel":"web"}}
{"event":"signup","timestamp":"2024-04-06T10:00:00Z","user":{"id":"C9","email":"omar@example.com"},"context":{"device":"desktop","channel":"web"}}
this is not json
{"event":"page_view","timestamp":"2024-04-07T10:00:00Z","user":{"anonymous_id":"a1"},"context":{"device":"mobile","channel":"web"}}
`

func analyzeT(t *testing.T, opts Options, inputs ...Input) *Session {
	t.Helper()
	s, err := Analyze(context.Background(), inputs, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func roleOf(t *testing.T, src report.Source, col string) string {
	t.Helper()
	for _, c := range src.Columns {
		if c.Name == col {
			return c.Role
		}
	}
	t.Fatalf("%s has no column %q", src.File, col)
	return ""
}

func sourceNamed(t *testing.T, r *report.Report, name string) report.Source {
	t.Helper()
	for _, s := range r.Sources {
		if s.File == name {
			return s
		}
	}
	t.Fatalf("no source %s", name)
	return report.Source{}
}

func TestAnalyzeResolvesCustomersAcrossFiles(t *testing.T) {
	s := analyzeT(t, Options{}, memInput("orders.csv", ordersCSV), memInput("contacts.csv", contactsCSV), memInput("events.ndjson", eventsNDJSON))
	r := s.Report

	// Sara: contact C1 + orders 1001, 1002 (email, any case and spaces) + 1003
	// (her national phone, read as Saudi from her country) + the page view by
	// id C1 in events — no: events ids live in the events file's namespace,
	// which is the same unnamed namespace as the contacts file, so C1 links.
	// John: C2 + 1004 + 1007 (rejected: surplus field). Omar: C3 + the signup
	// event (email). new@example.com: 1005. 1006's email is invalid: unlinked.
	if r.Customers.Total != 4 {
		t.Fatalf("customers = %d, want 4", r.Customers.Total)
	}
	if r.Customers.Buyers != 3 {
		t.Errorf("buyers = %d, want 3", r.Customers.Buyers)
	}
	if r.Orders.Orders != 6 || r.Orders.Excluded != 1 {
		t.Errorf("orders = %d excluded %d, want 6 and 1", r.Orders.Orders, r.Orders.Excluded)
	}
	wantRevenue := []report.Money{{Currency: "SAR", Amount: 150.5}, {Currency: "GBP", Amount: 30}, {Currency: "USD", Amount: 15}}
	if !reflect.DeepEqual(r.Orders.Revenue, wantRevenue) {
		t.Errorf("revenue = %+v, want %+v", r.Orders.Revenue, wantRevenue)
	}
	orders := sourceNamed(t, r, "orders.csv")
	if orders.Rows != (report.RowCounts{Read: 7, Used: 6, Rejected: 1}) {
		t.Errorf("orders rows = %+v", orders.Rows)
	}
	if len(orders.Rejected) != 1 || orders.Rejected[0].Line != 8 || !strings.Contains(orders.Rejected[0].Reason, "fields") {
		t.Errorf("orders rejected = %+v, want line 8 for its extra field", orders.Rejected)
	}
	if orders.Unlinked != 1 {
		t.Errorf("unlinked orders = %d, want 1 (the invalid email)", orders.Unlinked)
	}
	events := sourceNamed(t, r, "events.ndjson")
	if events.Rows != (report.RowCounts{Read: 4, Used: 3, Rejected: 1}) || events.Rejected[0].Line != 3 {
		t.Errorf("events rows = %+v rejected %+v", events.Rows, events.Rejected)
	}
	if events.Unlinked != 1 {
		t.Errorf("anonymous events = %d, want 1", events.Unlinked)
	}
	if got := roleOf(t, events, "user.email"); got != string(ingest.Email) {
		t.Errorf("user.email role = %s", got)
	}
	// Omar is C3 in the contacts and C9 in the events, one email: a conflict.
	if r.Identity.ConflictCount != 1 || len(r.Identity.Conflicts[0].Keys) != 2 {
		t.Errorf("conflicts = %+v", r.Identity.Conflicts)
	}
	// … listed with where each id was read and the key that tied them.
	wantRecords := []report.ConflictRecord{
		{Key: "id:C3", File: "contacts.csv", Line: 4, Via: "email:omar@example.com"},
		{Key: "id:C9", File: "events.ndjson", Line: 2, Via: "email:omar@example.com"},
	}
	if len(r.Identity.Conflicts) == 1 && !reflect.DeepEqual(r.Identity.Conflicts[0].Records, wantRecords) {
		t.Errorf("conflict records = %+v, want %+v", r.Identity.Conflicts[0].Records, wantRecords)
	}
	if r.Period != (report.Period{From: "2024-01-05", To: "2024-04-07"}) || r.AsOf != "2024-04-07" {
		t.Errorf("period = %+v as of %s", r.Period, r.AsOf)
	}

	page := s.Customers(CustomerQuery{Text: "qahtani"})
	if page.Total != 1 {
		t.Fatalf("search qahtani: %+v", page)
	}
	sara := page.Customers[0]
	if sara.Orders != 2 || sara.Spend != 150.5 || sara.Currency != "SAR" || sara.Country != "SA" {
		t.Errorf("sara row = %+v", sara)
	}
	p, err := s.Customer(sara.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Identities.Phones, []string{"+966501234567"}) || !reflect.DeepEqual(p.Identities.Emails, []string{"sara@example.com"}) {
		t.Errorf("identities = %+v", p.Identities)
	}
	if p.Behaviour.Excluded != 1 || p.Behaviour.FirstOrder != "2024-01-10" || p.Behaviour.LastOrder != "2024-02-10" {
		t.Errorf("behaviour = %+v", p.Behaviour)
	}
	if p.Behaviour.RecencyDays == nil || *p.Behaviour.RecencyDays != 57 { // 2024-02-10 → 2024-04-07
		t.Errorf("recency = %v", p.Behaviour.RecencyDays)
	}
	// Timeline: 3 orders, the contact record and the page view, newest first.
	if len(p.Timeline) != 5 || !strings.HasPrefix(p.Timeline[0].Date, "2024-04-05") || p.Timeline[0].Kind != "events" {
		t.Errorf("timeline = %+v", p.Timeline)
	}
	// Summaries are data, no words: the interface names the kind.
	var orderSummaries []string
	for _, tp := range p.Timeline {
		if tp.Kind == "orders" {
			orderSummaries = append(orderSummaries, tp.Summary)
		}
	}
	if want := []string{"1003 · SAR 20.00 · Tea · refunded", "1002 · SAR 50.50 · Coffee · paid", "1001 · SAR 100.00 · Dates · paid"}; !reflect.DeepEqual(orderSummaries, want) {
		t.Errorf("order summaries = %q, want %q", orderSummaries, want)
	}
	if len(p.MergeLog) == 0 {
		t.Errorf("no merge log for a customer seen in three files")
	}
	for _, m := range p.MergeLog {
		if m.File == "" || m.Line == 0 || m.Key == "" || m.Joins == "" {
			t.Errorf("incomplete merge entry %+v", m)
		}
	}
	if page := s.Customers(CustomerQuery{Buyers: true, Sort: "spend", Limit: 2}); page.Total != 3 || len(page.Customers) != 2 || page.Customers[0].ID != sara.ID {
		t.Errorf("buyers page = %+v", page)
	}
	if page := s.Customers(CustomerQuery{Country: "GB"}); page.Total != 1 || page.Customers[0].Name != "John Smith" {
		t.Errorf("GB filter = %+v", page)
	}
	if page := s.Customers(CustomerQuery{Text: "0501234567"}); page.Total != 0 {
		// The stored phone is E.164; digits-only search finds it by its digits.
		if page2 := s.Customers(CustomerQuery{Text: "966501234567"}); page2.Total != 1 {
			t.Errorf("phone search = %+v", page2)
		}
	}
}

func TestAnalyzeIsOrderIndependent(t *testing.T) {
	a := analyzeT(t, Options{}, memInput("orders.csv", ordersCSV), memInput("contacts.csv", contactsCSV), memInput("events.ndjson", eventsNDJSON))
	b := analyzeT(t, Options{}, memInput("events.ndjson", eventsNDJSON), memInput("contacts.csv", contactsCSV), memInput("orders.csv", ordersCSV))
	ja, _ := json.Marshal(a.Report)
	jb, _ := json.Marshal(b.Report)
	if string(ja) != string(jb) {
		t.Errorf("reports differ with input order")
	}
}

func TestMappingOverrideChangesResult(t *testing.T) {
	opts := Options{Mapping: ingest.Mapping{Files: map[string]ingest.FileMapping{
		"orders.csv": {Columns: map[string]ingest.Role{"Email": ingest.Ignore, "Phone": ingest.Ignore}},
	}}}
	s := analyzeT(t, opts, memInput("orders.csv", ordersCSV), memInput("contacts.csv", contactsCSV))
	if s.Report.Customers.Buyers != 0 {
		t.Errorf("buyers = %d, want 0 once orders carry no customer key", s.Report.Customers.Buyers)
	}
	if got := roleOf(t, sourceNamed(t, s.Report, "orders.csv"), "Email"); got != "ignore" {
		t.Errorf("Email role = %s", got)
	}
}

func TestUnreadableFileIsReportedNotFatal(t *testing.T) {
	s := analyzeT(t, Options{}, memInput("contacts.csv", contactsCSV), memInput("empty.csv", ""))
	src := sourceNamed(t, s.Report, "empty.csv")
	if src.Error == "" {
		t.Errorf("empty file has no error")
	}
	if s.Report.Customers.Total != 3 {
		t.Errorf("customers = %d", s.Report.Customers.Total)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Analyze(ctx, []Input{memInput("contacts.csv", contactsCSV)}, Options{}, nil)
	if err == nil {
		t.Fatal("cancelled analysis returned no error")
	}
}

func TestMonthOf(t *testing.T) {
	for _, tc := range []struct {
		date string
		want string
	}{{"1970-01-01T00:00:00Z", "1970-01"}, {"2024-02-29T23:59:59Z", "2024-02"}, {"2024-03-01T00:00:00Z", "2024-03"},
		{"2000-12-31T12:00:00Z", "2000-12"}, {"1969-12-31T23:00:00Z", "1969-12"}, {"2100-01-15T00:00:00Z", "2100-01"}} {
		tm, _ := time.Parse(time.RFC3339, tc.date)
		if got := monthText(monthOf(tm.Unix())); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.date, got, tc.want)
		}
	}
	for ts := int64(-86400 * 800); ts < 86400*365*200; ts += 86400*7 + 3607 {
		if got, want := monthText(monthOf(ts)), time.Unix(ts, 0).UTC().Format("2006-01"); got != want {
			t.Fatalf("%d: %s, want %s", ts, got, want)
		}
	}
}

// After reading, the engine keeps reporting while it works, so a host with
// one thread (the browser's worker) can keep its progress bar moving.
func TestProgressDuringLaterStages(t *testing.T) {
	var b strings.Builder
	b.WriteString("Order ID,Email,Order Date,Total\n")
	for i := 0; i < 70000; i++ {
		b.WriteString("o" + strconv.Itoa(i) + ",c" + strconv.Itoa(i%5000) + "@example.com,2024-01-02," + strconv.Itoa(i%90) + "\n")
	}
	stages := map[string]int{}
	_, err := Analyze(context.Background(), []Input{memInput("orders.csv", b.String())}, Options{}, func(p Progress) { stages[p.Stage]++ })
	if err != nil {
		t.Fatal(err)
	}
	if stages[StageResolve] < 3 || stages[StageProfile] < 3 {
		t.Errorf("progress calls per stage: %v; want several while resolving and profiling 70,000 rows", stages)
	}
}

// The analyses are a stage of their own, each named as it starts, and
// their long loops keep reporting within it.
func TestProgressDuringAnalyses(t *testing.T) {
	var b strings.Builder
	b.WriteString("Order ID,Email,Order Date,Total\n")
	for i := 0; i < 70000; i++ {
		b.WriteString("o" + strconv.Itoa(i) + ",c" + strconv.Itoa(i%5000) + "@example.com,2024-01-" + strconv.Itoa(10+i%20) + "," + strconv.Itoa(i%90) + "\n")
	}
	var steps []string
	calls := map[string]int{}
	_, err := Analyze(context.Background(), []Input{memInput("orders.csv", b.String())}, Options{}, func(p Progress) {
		if p.Stage != StageAnalyse {
			if p.Step != "" {
				t.Errorf("step %q outside the analyse stage (%s)", p.Step, p.Stage)
			}
			return
		}
		if len(steps) == 0 || steps[len(steps)-1] != p.Step {
			steps = append(steps, p.Step)
		}
		calls[p.Step]++
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"rfm", "sentiment", "feedback", "predictions", "behaviour", "segments"}; !slices.Equal(steps, want) {
		t.Errorf("steps %v, want %v", steps, want)
	}
	// 70,000 orders: the predictions' passes over them beat every 16,384.
	if calls["predictions"] < 8 {
		t.Errorf("progress calls per analysis: %v; want several while predicting over 70,000 orders", calls)
	}
}

// A customer's record is paid once per customer, millions of times on a
// large file: attributes, activity and dates live in side tables
// (customerAttrs, customerActivity, customerSeen) and the fields are
// ordered without padding.
func TestCustomerRecordSize(t *testing.T) {
	if n := unsafe.Sizeof(customer{}); n > 24 {
		t.Errorf("customer is %d bytes, want at most 24", n)
	}
	// An order is paid once per row of a one-row-per-order export.
	if n := unsafe.Sizeof(order{}); n > 32 {
		t.Errorf("order is %d bytes, want at most 32", n)
	}
	if n := unsafe.Sizeof(customerPrediction{}); n > 152 {
		t.Errorf("customerPrediction is %d bytes, want at most 152", n)
	}
}

// The customer index numbers rows across sources; every customer's rows
// come back with their source and row, empty sources included.
func TestCustomerIndexAcrossSources(t *testing.T) {
	s := &Session{custs: make([]customer, 3)}
	s.rowCust = [][]int32{{0, -1, 2, 0}, {}, {1, 1}, {}, {2}}
	s.sources = make([]*ingest.Source, len(s.rowCust))
	s.buildIndex()
	want := map[int][][2]int{0: {{0, 0}, {0, 3}}, 1: {{2, 0}, {2, 1}}, 2: {{0, 2}, {4, 0}}}
	for c := range s.custs {
		var got [][2]int
		s.eachRow(c, func(si, row int, _ *ingest.Source) { got = append(got, [2]int{si, row}) })
		if !slices.Equal(got, want[c]) {
			t.Errorf("customer %d: rows %v, want %v", c, got, want[c])
		}
	}
	if len(s.byCust.entries) != 6 || cap(s.byCust.entries) != 6 {
		t.Errorf("%d entries (cap %d), want 6", len(s.byCust.entries), cap(s.byCust.entries))
	}
	// Row r is customer r's one row: the index is the identity, stored as nothing.
	s = &Session{custs: make([]customer, 4)}
	s.rowCust = [][]int32{{0, 1}, {}, {2, 3}}
	s.sources = make([]*ingest.Source, len(s.rowCust))
	s.buildIndex()
	if s.byCust.offsets != nil || s.byCust.entries != nil {
		t.Errorf("identity index stored: %v %v", s.byCust.offsets, s.byCust.entries)
	}
	want = map[int][][2]int{0: {{0, 0}}, 1: {{0, 1}}, 2: {{2, 0}}, 3: {{2, 1}}}
	for c := range s.custs {
		var got [][2]int
		s.eachRow(c, func(si, row int, _ *ingest.Source) { got = append(got, [2]int{si, row}) })
		if !slices.Equal(got, want[c]) {
			t.Errorf("identity index, customer %d: rows %v, want %v", c, got, want[c])
		}
	}
}

// The overview callback comes once, before any analysis starts, with every
// figure of the summary already final: the JSON it could post is the final
// report's without the analyses' sections.
func TestOverviewBeforeAnalysesWithFinalFigures(t *testing.T) {
	var early []byte
	var stageAtOverview string
	calls := 0
	last := ""
	opts := Options{TextResources: data.Load, Overview: func(r *report.Report) {
		calls++
		stageAtOverview = last
		if r.Feedback != nil || r.Sentiment != nil || r.Segments != nil || r.Predictions != nil || r.Behaviour != nil {
			t.Error("an analysis section is already in the report at the overview")
		}
		var err error
		if early, err = json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	}}
	s, err := Analyze(context.Background(), demoInputs(t), opts, func(p Progress) { last = p.Stage })
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("overview called %d times, want once", calls)
	}
	if stageAtOverview != StageReport {
		t.Errorf("overview came during stage %q, want it right after %q (before the analyses)", stageAtOverview, StageReport)
	}
	final := *s.Report
	if final.Feedback == nil || final.Sentiment == nil || final.Segments == nil || final.Predictions == nil || final.Behaviour == nil {
		t.Fatal("the demo's final report lacks an analysis section: the test would prove little")
	}
	final.Feedback, final.Sentiment, final.Segments, final.Predictions, final.Behaviour = nil, nil, nil, nil, nil
	want, err := json.Marshal(&final)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(early, want) {
		t.Errorf("the overview's summary differs from the final report's:\n early %.300s\n final %.300s", early, want)
	}
	if s.Report.Customers.Total == 0 || s.Report.Orders.Orders == 0 {
		t.Errorf("the demo has %d customers and %d orders", s.Report.Customers.Total, s.Report.Orders.Orders)
	}
}
