package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/report"
)

// fakeHost records what the app asks of the browser.
type fakeHost struct {
	analyzed []int
	mappings []Mapping
	cancels  []int
	queries  []any
	queryIDs []int
	hashes   []string
	lang     string
	demo     func([]*InputFile, error)
	prepared int       // PrepareDemo calls
	ahead    int       // of which asked to analyse ahead
	share    fakeShare // share_test.go
}

func (h *fakeHost) Analyze(id int, files []*InputFile, m Mapping) {
	h.analyzed = append(h.analyzed, id)
	h.mappings = append(h.mappings, m)
}
func (h *fakeHost) Cancel(id int) { h.cancels = append(h.cancels, id) }
func (h *fakeHost) Query(id int, q any) {
	h.queryIDs = append(h.queryIDs, id)
	h.queries = append(h.queries, q)
}
func (h *fakeHost) LoadDemo(done func([]*InputFile, error)) { h.demo = done }
func (h *fakeHost) PrepareDemo(ahead bool) {
	h.prepared++
	if ahead {
		h.ahead++
	}
}
func (h *fakeHost) Navigate(hash string)    { h.hashes = append(h.hashes, hash) }
func (h *fakeHost) SetLanguage(lang string) { h.lang = lang }
func (h *fakeHost) lastQuery() (int, any) {
	n := len(h.queryIDs) - 1
	return h.queryIDs[n], h.queries[n]
}
func (h *fakeHost) lastHash() string { return h.hashes[len(h.hashes)-1] }

func sampleReport(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/sample-report.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func analysed(t *testing.T) (*App, *fakeHost) {
	t.Helper()
	h := &fakeHost{}
	a := NewApp(h, "en")
	a.AddFiles([]*InputFile{{Name: "a.csv", Size: 10}, {Name: "b.csv", Size: 20}})
	a.Analyze()
	if a.Page != PageProgress || len(h.analyzed) != 1 {
		t.Fatalf("after Analyze: page %q, analyses %v", a.Page, h.analyzed)
	}
	a.OnMessage(Message{Type: "result", ID: h.analyzed[0], Report: sampleReport(t)})
	if a.Page != PageOverview || a.Report == nil {
		t.Fatalf("after result: page %q", a.Page)
	}
	return a, h
}

func TestAnalysisFlow(t *testing.T) {
	h := &fakeHost{}
	a := NewApp(h, "en")
	a.Analyze() // nothing chosen: nothing happens
	if len(h.analyzed) != 0 {
		t.Fatal("analysed without files")
	}
	a.AddFiles([]*InputFile{{Name: "a.csv", Size: 10}})
	a.AddFiles([]*InputFile{{Name: "a.csv", Size: 12}, {Name: "b.csv", Size: 5}})
	if len(a.Files) != 2 || a.TotalSize() != 17 {
		t.Fatalf("files %d size %d: a re-added file replaces the old one", len(a.Files), a.TotalSize())
	}
	a.Analyze()
	id := h.analyzed[0]
	a.OnMessage(Message{Type: "progress", ID: id + 99, Stage: "profile"}) // someone else's
	if a.Progress.Stage != "read" {
		t.Fatal("progress of another id was taken")
	}
	a.OnMessage(Message{Type: "progress", ID: id, Stage: "read", Bytes: 5, TotalBytes: 17, Rows: 100, RowsPerSec: 2e5})
	if v := a.ProgressValue(); v <= 0 || v >= 850 {
		t.Fatalf("progress value %d", v)
	}
	a.Cancel()
	if len(h.cancels) != 1 || h.cancels[0] != id || !a.Cancelling {
		t.Fatal("cancel not sent")
	}
	a.OnMessage(Message{Type: "cancelled", ID: id})
	if a.Page != PageLanding || a.RunID != 0 || a.Notice != "notice.cancelled" || len(a.Files) != 2 {
		t.Fatalf("after cancel: page %q run %d notice %q files %d", a.Page, a.RunID, a.Notice, len(a.Files))
	}
	a.Analyze()
	a.OnMessage(Message{Type: "error", ID: h.analyzed[1], Message: "bad file", File: "a.csv", Line: 3})
	if a.Page != PageLanding || a.ErrText != "bad file" || a.NoticeAt != "a.csv:3" {
		t.Fatalf("after error: page %q err %q at %q", a.Page, a.ErrText, a.NoticeAt)
	}
}

func TestDemo(t *testing.T) {
	h := &fakeHost{}
	a := NewApp(h, "en")
	a.StartDemo()
	if !a.LoadingDemo || h.demo == nil {
		t.Fatal("demo not requested")
	}
	h.demo([]*InputFile{{Name: "x.csv", Size: 3}}, nil)
	if a.LoadingDemo || a.Page != PageProgress || len(h.analyzed) != 1 {
		t.Fatal("demo files not analysed")
	}
}

// The demo is fetched on a visitor's intent, and analysed ahead only where
// that run costs nothing the visitor has: never with files chosen, a report
// shown or an analysis running.
func TestDemoIntent(t *testing.T) {
	h := &fakeHost{}
	a := NewApp(h, "en")
	a.DemoIntent()
	if h.prepared != 1 || h.ahead != 1 {
		t.Fatalf("on the empty landing page: prepared %d, ahead %d; want 1, 1", h.prepared, h.ahead)
	}
	a.AddFiles([]*InputFile{{Name: "mine.csv", Size: 9}})
	a.DemoIntent()
	if h.prepared != 2 || h.ahead != 1 || a.DemoAhead() {
		t.Fatalf("with a file chosen: prepared %d, ahead %d; want the files fetched, nothing analysed", h.prepared, h.ahead)
	}
	a.Analyze()
	a.DemoIntent()
	if h.prepared != 2 {
		t.Fatal("the demo was fetched while an analysis ran")
	}
	a.OnMessage(Message{Type: "result", ID: h.analyzed[0], Report: `{"version":1}`})
	a.RemoveFile("mine.csv")
	a.Go(PageLanding)
	if a.Report == nil || a.DemoAhead() {
		t.Fatal("the demo may be analysed ahead over a report's Session")
	}
}

func TestCustomersQueries(t *testing.T) {
	a, h := analysed(t)
	a.Go(PageCustomers)
	if h.lastHash() != "#/customers" || !a.CustLoading {
		t.Fatal("customers page did not query")
	}
	first, _ := h.lastQuery()
	a.SetSearch("sara")
	second, q := h.lastQuery()
	if q.(CustomerQuery).Text != "sara" || q.(CustomerQuery).What != "customers" || q.(CustomerQuery).Limit != PageSize {
		t.Fatalf("query %+v", q)
	}
	// the answer to the older query is ignored
	a.OnMessage(Message{Type: "answer", ID: first, Result: `{"total":99,"offset":0,"customers":[]}`})
	if a.CustPage != nil {
		t.Fatal("a stale answer was shown")
	}
	a.OnMessage(Message{Type: "answer", ID: second, Result: `{"total":120,"offset":0,"customers":[{"id":0,"name":"Sara","orders":1,"spend":5,"currency":"SAR","kinds":["orders"]}]}`})
	if a.CustPage == nil || a.CustPage.Total != 120 || a.RangeText() != "1–1 of 120" {
		t.Fatalf("page %+v range %q", a.CustPage, a.RangeText())
	}
	a.PageBy(1)
	_, q = h.lastQuery()
	if q.(CustomerQuery).Offset != PageSize {
		t.Fatalf("next page offset %d", q.(CustomerQuery).Offset)
	}
	// customer 0 exists: ids start at 0
	a.OpenCustomer(0)
	cid, cq := h.lastQuery()
	if a.Page != PageCustomer || h.lastHash() != "#/customer/0" {
		t.Fatalf("customer page %q hash %q", a.Page, h.lastHash())
	}
	if b, _ := json.Marshal(cq); string(b) != `{"what":"customer","customer":0}` {
		t.Fatalf("customer query %s", b)
	}
	a.GoHash("#/customer/0") // the link's own navigation: no second query
	if n, _ := h.lastQuery(); n != cid {
		t.Fatal("the same customer was asked for twice")
	}
	profile, _ := os.ReadFile("testdata/sample-profile.json")
	a.OnMessage(Message{Type: "answer", ID: cid, Result: string(profile)})
	if a.Customer == nil || a.Customer.Name != "Sara Haddad" {
		t.Fatal("profile not shown")
	}
	a.GoHash("#/customers")
	if a.Page != PageCustomers {
		t.Fatal("back to the list")
	}
	a.GoHash("#/customer/7")
	if a.Page != PageCustomer || a.CustomerID != 7 || a.Customer != nil {
		t.Fatal("a customer from the URL")
	}
}

func TestPagesNeedAReport(t *testing.T) {
	h := &fakeHost{}
	a := NewApp(h, "en")
	for _, p := range []string{"#/overview", "#/customers", "#/customer/3", "#/sources", "#/nonsense"} {
		a.GoHash(p)
		if a.Page != PageLanding {
			t.Errorf("%s without a report shows %q", p, a.Page)
		}
	}
	if a.Nav() != nil {
		t.Error("navigation without a report")
	}
	a, _ = analysed(t)
	var pages []string
	for _, n := range a.Nav() {
		pages = append(pages, n.Page)
	}
	if strings.Join(pages, ",") != "overview,customers,sources,quality" {
		t.Errorf("nav %v", pages)
	}
}

func TestMappingRerun(t *testing.T) {
	a, h := analysed(t)
	if a.HasEdits() {
		t.Fatal("edits before any change")
	}
	src := &a.Report.Sources[0]
	a.SetRole(src.File, src.Columns[0].Name, src.Columns[0].Role) // same role: no edit
	if a.HasEdits() {
		t.Fatal("setting the same role is not an edit")
	}
	a.SetRole(src.File, "Email", "ignore")
	a.SetKind("nps_survey.csv", "reviews")
	if !a.HasEdits() || a.RoleOf(src.File, &src.Columns[3]) != "ignore" {
		t.Fatal("edit not seen")
	}
	a.Rerun()
	if len(h.mappings) != 2 {
		t.Fatal("no re-run")
	}
	b, _ := json.Marshal(h.mappings[1])
	want := `{"files":{"hubspot-contacts.csv":{"columns":{"Email":"ignore","Record ID":"customer_id"}},"nps_survey.csv":{"kind":"reviews"}}}`
	if string(b) != want {
		t.Fatalf("mapping\n got %s\nwant %s", b, want)
	}
	a.OnMessage(Message{Type: "result", ID: h.analyzed[1], Report: sampleReport(t)})
	a.SetKind("shopify_orders.csv", "events")
	a.Rerun()
	b, _ = json.Marshal(h.mappings[2])
	if !strings.Contains(string(b), `"Email":"ignore"`) || !strings.Contains(string(b), `"shopify_orders.csv":{"kind":"events"}`) {
		t.Fatalf("a second re-run keeps the first edits: %s", b)
	}
}

// The engine's English texts about files are said in Arabic: numbers in
// local digits, a message inside a message translated too, delimiter names
// in words; anything else as written.
func TestEngineMessages(t *testing.T) {
	en := &App{Lang: "en"}
	ar := &App{Lang: "ar"}
	cases := []struct{ got, want string }{
		{ar.Message("the row has 12 fields but the header has 10"), "عدد حقول الصف ١٢ وعدد أعمدة الترويسة ١٠"},
		{en.Message("the row has 12 fields but the header has 10"), "the row has 12 fields but the header has 10"},
		{ar.Message("the rest of the file could not be read: unterminated quoted field starting at line 5"),
			"تعذّرت قراءة بقية الملف: حقل بين علامتي اقتباس يبدأ في السطر ٥ ولا يُغلق"},
		{ar.Message("delimiter semicolon set by the file's sep= line"), "الفاصل الفاصلة المنقوطة (;) حدّده سطر sep= في الملف"},
		{ar.Message(`the header names "Email" more than once; column 4 is called "Email (2)"`),
			`يتكرر الاسم "Email" في الترويسة؛ سُمّي العمود ٤ باسم "Email (2)"`},
		{ar.Message("not a score on the 0–10 scale"), "ليس درجة على مقياس ٠–١٠"},
		{ar.Message("something the engine never wrote"), "something the engine never wrote"},
		{ar.FileError(&report.Source{File: "x.csv", Error: "x.csv: the file is empty"}), "الملف فارغ"},
		{ar.FileError(&report.Source{File: "y.bin", Error: "y.bin: this is not a text file (binary content at byte 0)"}),
			"هذا ليس ملفًا نصيًا (محتوى ثنائي عند البايت ٠)"},
		{en.FileError(&report.Source{File: "x.csv", Error: "x.csv: the file is empty"}), "the file is empty"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: %q, want %q", i, c.got, c.want)
		}
	}
	for code := range message.Texts {
		if _, ok := catalogAR["msg."+code]; !ok {
			t.Errorf("no Arabic for message %q", code)
		}
	}
}

func TestFormatting(t *testing.T) {
	en := &App{Lang: "en"}
	ar := &App{Lang: "ar"}
	cases := []struct{ got, want string }{
		{en.Num(1234567), "1,234,567"},
		{ar.Num(1234567), "١٬٢٣٤٬٥٦٧"},
		{en.Num(-42), "-42"},
		{en.Dec(1234.5, 2), "1,234.5"},
		{ar.Dec(0.25, 2), "٠٫٢٥"},
		{en.Money(report.Money{Currency: "SAR", Amount: 1234.5}), "SAR 1,234.50"},
		{ar.Money(report.Money{Currency: "SAR", Amount: 1234.5}), "١٬٢٣٤٫٥٠ SAR"},
		{en.Money(report.Money{Currency: "KWD", Amount: 1}), "KWD 1.000"},
		{en.Money(report.Money{Currency: "JPY", Amount: 1500}), "JPY 1,500"},
		{en.MoneyShort(report.Money{Currency: "USD", Amount: 1234567}), "USD 1.2M"},
		{en.Pct(0.5), "50%"},
		{en.Pct(0.055), "5.5%"},
		{ar.Pct(0.5), "٥٠٪"},
		{en.Date("2024-03-05"), "5 Mar 2024"},
		{ar.Date("2024-03-05"), "٥ مارس ٢٠٢٤"},
		{en.Date("2025-05-20T09:12:00Z"), "20 May 2025 09:12"},
		{en.Date("2025-05-20T00:00:00Z"), "20 May 2025"},
		{en.Month("2024-12"), "Dec 2024"},
		{ar.Month("2024-12"), "ديسمبر ٢٠٢٤"},
		{en.Date("not a date"), "not a date"},
		{en.Period(report.Period{From: "2024-01-01", To: "2024-06-30"}), "1 Jan 2024 – 30 Jun 2024"},
		{en.Bytes(1536), "2 KB"},
		{en.Bytes(5 << 20), "5 MB"},
		{en.Tf("customers.range", "1", "50", "9"), "1–50 of 9"},
		{en.Role("customer_id"), "Customer id"},
		{ar.Role("email"), "البريد الإلكتروني"},
		{en.Kind("mystery"), "mystery"},
		{Initials("Sara Haddad"), "SH"},
		{Initials("سارة"), "س"},
		{Initials(""), "?"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("%d: got %q, want %q", i, c.got, c.want)
		}
	}
}

var keyRE = regexp.MustCompile(`\.(?:T|Tf|TOr)\("([a-zA-Z0-9_.]+)"`)

// TestCatalogs: every key the code uses exists in both languages, both
// catalogs have the same keys, and their placeholders agree.
func TestCatalogs(t *testing.T) {
	files, _ := filepath.Glob("*.vugu")
	gofiles, _ := filepath.Glob("*.go")
	used := map[string]bool{}
	for _, f := range append(files, gofiles...) {
		if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "_gen.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	// keys built from data
	for _, r := range roles {
		used["role."+string(r)] = true
	}
	for _, k := range kinds {
		used["kind."+string(k)] = true
	}
	for _, s := range []string{"read", "resolve", "profile", "report", "analyse"} {
		used["stage."+s] = true
	}
	for _, s := range (&App{}).Sorts() {
		used["sort."+s] = true
	}
	for _, k := range []string{"error.demo", "error.report", "error.analysis", "error.query", "error.worker", "error.noWorker", "notice.cancelled", "unit.K", "unit.M", "unit.Bn"} {
		used[k] = true
	}
	for i := 1; i <= 12; i++ {
		used["month."+strconv.Itoa(i)] = true
		used["month."+strconv.Itoa(i)+".short"] = true
	}
	for k := range used {
		if strings.HasSuffix(k, ".") {
			continue
		}
		for lang, cat := range catalogs {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s: missing key %q", lang, k)
			}
		}
	}
	ph := regexp.MustCompile(`\{\d\}`)
	// Plural forms ("n.<noun>.<category>") differ by language: English has
	// one and other, Arabic all six CLDR categories, and a form such as
	// "ملف واحد" says the number in words.
	for k := range catalogEN {
		if noun, ok := pluralNoun(k); ok {
			for _, cat := range []string{"zero", "one", "two", "few", "many", "other"} {
				if _, ok := catalogAR["n."+noun+"."+cat]; !ok {
					t.Errorf("ar: missing plural form %q", "n."+noun+"."+cat)
				}
			}
			if _, ok := catalogEN["n."+noun+".other"]; !ok {
				t.Errorf("en: missing %q", "n."+noun+".other")
			}
		}
	}
	for k, en := range catalogEN {
		if _, ok := pluralNoun(k); ok {
			continue
		}
		ar, ok := catalogAR[k]
		if !ok {
			t.Errorf("ar: missing %q", k)
			continue
		}
		a, b := ph.FindAllString(en, -1), ph.FindAllString(ar, -1)
		sort.Strings(a)
		sort.Strings(b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: placeholders en %v ar %v", k, a, b)
		}
	}
	for k := range catalogAR {
		if _, ok := pluralNoun(k); ok {
			continue
		}
		if _, ok := catalogEN[k]; !ok {
			t.Errorf("en: missing %q", k)
		}
	}
}

// pluralNoun is the noun of a plural-form key "n.<noun>.<category>".
func pluralNoun(k string) (string, bool) {
	if !strings.HasPrefix(k, "n.") {
		return "", false
	}
	i := strings.LastIndexByte(k, '.')
	return k[2:i], i > 2
}

func TestCharts(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		a, _ := analysed(t)
		a.Lang = lang
		charts := []*Chart{a.NewCustomersChart(), a.CountriesChart(), a.ActivityChart()}
		rev := a.RevenueCharts()
		if len(rev) != len(a.Report.Orders.Revenue) {
			t.Fatalf("%s: %d revenue charts for %d currencies", lang, len(rev), len(a.Report.Orders.Revenue))
		}
		charts = append(charts, rev...)
		for _, c := range charts {
			if c == nil {
				t.Fatalf("%s: a chart is missing", lang)
			}
			var spec map[string]any
			if err := json.Unmarshal([]byte(c.SpecJSON()), &spec); err != nil {
				t.Fatalf("%s %s: %v", lang, c.ID, err)
			}
			if spec["description"] != c.Label || c.Label == "" || c.Title == "" {
				t.Errorf("%s %s: no accessible label", lang, c.ID)
			}
			if len(c.Rows) == 0 || len(c.Rows[0]) != len(c.Cols) {
				t.Errorf("%s %s: table alternative %v / %v", lang, c.ID, c.Cols, c.Rows)
			}
			if strings.Contains(c.SpecJSON(), `"reverse":true`) != (lang == "ar") {
				t.Errorf("%s %s: mirrored %v", lang, c.ID, lang == "ar")
			}
		}
		// one currency per chart: its values are that currency's months only
		for _, c := range rev {
			cur := strings.TrimPrefix(c.ID, "revenue-")
			n := 0
			for _, m := range a.Report.Orders.PerMonth {
				if m.Currency == cur {
					n++
				}
			}
			if len(c.Rows) != n {
				t.Errorf("%s: %d rows for %d months", c.ID, len(c.Rows), n)
			}
		}
	}
}

func TestDemoIndex(t *testing.T) {
	got, err := demoIndex(`{"version":1,"files":[{"name":"a.csv","path":"demo/a.csv","bytes":3},{"name":"b b.json","path":"demo/b b.json"},"c.csv",{"name":"x","path":"https://evil.example/x"},{"name":"y","path":"../y"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	want := []demoEntry{{"a.csv", "demo/a.csv"}, {"b b.json", "demo/b b.json"}, {"c.csv", "demo/c.csv"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v", got)
	}
	if _, err := demoIndex(`{"files":[]}`); err == nil {
		t.Fatal("an empty demo is an error")
	}
}

// TestMarkupSafety: user data is only ever rendered as text, and nothing in
// the markup needs an inline style or script, which the CSP would block.
func TestMarkupSafety(t *testing.T) {
	files, _ := filepath.Glob("*.vugu")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		s := string(b)
		for _, bad := range []string{"vg-html", " style=", ":style=", "<style", "<script", "vugu.HTML"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", f, bad)
			}
		}
	}
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range gofiles {
		if strings.HasSuffix(f, "_gen.go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		if strings.Contains(string(b), "vugu.HTML(") || strings.Contains(string(b), `"github.com/vugu/vugu/js"`) {
			t.Errorf("%s uses vugu.HTML or vugu/js", f)
		}
	}
	html, _ := os.ReadFile("static/index.html")
	if regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`).Match(html) || strings.Contains(string(html), "style=") || strings.Contains(string(html), "<style") {
		t.Error("index.html has inline script or style")
	}
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(html), -1) {
		if strings.Contains(m[1], "//") && !strings.HasPrefix(m[1], "data:") { // data: is the page's own bytes
			t.Errorf("index.html loads %s from another origin", m[1])
		}
	}
}
