package htmlreport

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/report"
)

func demoReport(t *testing.T) *report.Report {
	t.Helper()
	b, err := os.ReadFile("../../../fixtures/golden/demo-report.json")
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func render(t *testing.T, r *report.Report, lang string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, r, lang); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The file is self-contained: no script, no URL to fetch, no external style
// or font; and the same report gives the same bytes.
func TestSelfContained(t *testing.T) {
	r := demoReport(t)
	for _, lang := range []string{"en", "ar"} {
		h := render(t, r, lang)
		for _, bad := range []string{"<script", "http:", "https:", "src=", "href=", "@import", "url("} {
			if strings.Contains(h, bad) {
				t.Errorf("%s: the report contains %q", lang, bad)
			}
		}
		if h != render(t, r, lang) {
			t.Errorf("%s: two renders differ", lang)
		}
		if n := strings.Count(h, "<svg"); n < 2 {
			t.Errorf("%s: %d charts, want the monthly charts as inline SVG", lang, n)
		}
	}
}

// The numbers are the report's, in each language's digits.
func TestNumbers(t *testing.T) {
	r := demoReport(t)
	en, ar := render(t, r, "en"), render(t, r, "ar")
	total := r.Customers.Total
	p := &Page{Lang: "en"}
	if !strings.Contains(en, `<span class="value">`+p.Num(total)+`</span>`) {
		t.Errorf("en: customers %d not shown", total)
	}
	pa := &Page{Lang: "ar"}
	if !strings.Contains(ar, `<span class="value">`+pa.Num(total)+`</span>`) || !strings.Contains(ar, `dir="rtl"`) {
		t.Errorf("ar: customers %s not shown, or not right to left", pa.Num(total))
	}
	m := r.Orders.Revenue[0]
	if !strings.Contains(en, p.Money(m)) || !strings.Contains(ar, pa.Money(m)) {
		t.Errorf("revenue %v not shown as %q / %q", m, p.Money(m), pa.Money(m))
	}
	// Arabic text carries no Western digit outside values from the data
	// (table cells isolated with <bdi>, file names) and the SVG's geometry.
	text := regexp.MustCompile(`(?s)<style>.*?</style>|<bdi[^>]*>.*?</bdi>|<[^>]*>`).ReplaceAllString(ar, " ")
	text = regexp.MustCompile(`[^\s]*\.(csv|ndjson|json|xlsx)(:\d+)?`).ReplaceAllString(text, " ")
	if w := regexp.MustCompile(`[0-9]+`).FindAllString(text, 5); len(w) > 0 {
		t.Errorf("ar: Western digits in the text: %q", w)
	}
}

// Count axes tick at whole numbers, months with no data keep their place,
// and months hidden in a shared report are drawn as hidden, not dropped.
func TestChartsAxes(t *testing.T) {
	r := &report.Report{Customers: report.CustomerSummary{Total: 3, NewPerMonth: []report.Month{
		{Month: "2024-01", Count: 2}, {Month: "2024-03", Count: 1}}}}
	h := render(t, r, "en")
	ticks := regexp.MustCompile(`class="tick">([^<]*)<`).FindAllStringSubmatch(h, -1)
	var labels []string
	for _, m := range ticks {
		labels = append(labels, m[1])
	}
	got := strings.Join(labels, "|")
	if got != "0|1|2|Jan 2024|Feb 2024|Mar 2024" {
		t.Errorf("axis labels %q", got)
	}
	v := report.ShareView(&report.Report{Customers: report.CustomerSummary{Total: 12, NewPerMonth: []report.Month{
		{Month: "2024-01", Count: 10}, {Month: "2024-02", Count: 2}}}}, report.MinGroup)
	h = render(t, v, "en")
	if !strings.Contains(h, `class="hidden"><title>Feb 2024: fewer than 5 customers</title>`) {
		t.Error("the suppressed month is not drawn as hidden")
	}
	if !strings.Contains(h, "New customers per month: 1 left out or hidden, each fewer than 5.") {
		t.Error("the page does not say what was suppressed")
	}
}
