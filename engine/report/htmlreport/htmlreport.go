// Package htmlreport writes a Report as one self-contained HTML file: the
// numbers, tables and charts (inline SVG) of the report in English or
// Arabic, laid out for the screen and for print, with no script and no
// request of any kind — it opens offline, from a mail attachment or a USB
// stick, and shows the same as it did the day it was made.
//
// The browser's "Download report (HTML)" and `qalb analyze --html FILE`
// both call Render, so they write the same bytes for the same report and
// language.
//
// # Adding a section
//
// A section is one function func(*Page, *report.Report) that writes its
// part with the Page's helpers (Heading, KPIs, Table, BarChart, Note) and
// returns without writing when the report has no data for it; add it to
// Sections, in reading order, and put its texts in the catalogs (texts.go)
// under its own prefix. Nothing else changes.
package htmlreport

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// Section renders one part of the report.
type Section struct {
	ID     string
	Render func(p *Page, r *report.Report)
}

// Sections are the report's parts in reading order.
var Sections = []Section{
	{"overview", overview},
	{"customers", customers},
	{"sources", sources},
	{"quality", quality},
}

// Render writes r as a self-contained HTML document in lang ("en" or "ar";
// anything else is English).
func Render(w io.Writer, r *report.Report, lang string) error {
	if lang != "ar" {
		lang = "en"
	}
	p := &Page{Lang: lang}
	dir := "ltr"
	if lang == "ar" {
		dir = "rtl"
	}
	p.printf(`<!doctype html>
<html lang="%s" dir="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>%s</title>
<style>%s</style>
</head>
<body>
<header class="head"><h1>%s</h1><p>%s</p></header>
<main>
`, lang, dir, p.esc(p.T("title")), css, p.esc(p.T("title")), p.esc(p.subtitle(r)))
	for _, s := range Sections {
		p.printf(`<section id="%s">`+"\n", s.ID)
		s.Render(p, r)
		p.printf("</section>\n")
	}
	// The engine's name and version is an identifier: it keeps its digits.
	footer := strings.Replace(p.esc(p.T("footer")), "{0}", `<bdi dir="ltr">`+p.esc(r.Engine)+"</bdi>", 1)
	p.printf("</main>\n<footer>%s</footer>\n</body>\n</html>\n", footer)
	_, err := io.WriteString(w, p.b.String())
	return err
}

// Page is the document being written, in one language.
type Page struct {
	Lang string
	b    strings.Builder
}

func (p *Page) printf(format string, args ...any) { fmt.Fprintf(&p.b, format, args...) }

// esc escapes text for HTML (the html package's entity tables would add to
// the interface's wasm, which links this package).
func (p *Page) esc(s string) string { return escaper.Replace(s) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// T is an interface text in the page's language.
func (p *Page) T(key string) string {
	if s, ok := catalogs[p.Lang][key]; ok {
		return s
	}
	if s, ok := catalogs["en"][key]; ok {
		return s
	}
	return key
}

// Tf fills {0}, {1}, … of a text with args (already formatted).
func (p *Page) Tf(key string, args ...string) string {
	s := p.T(key)
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", a)
	}
	return s
}

// Heading starts a section.
func (p *Page) Heading(title string) { p.printf("<h2>%s</h2>\n", p.esc(title)) }

// Note is a short paragraph.
func (p *Page) Note(text string) { p.printf("<p class=\"note\">%s</p>\n", p.esc(text)) }

// KPI is a labelled big number.
type KPI struct{ Label, Value, Sub string }

// KPIs writes a row of big numbers.
func (p *Page) KPIs(ks []KPI) {
	p.printf(`<div class="kpis">`)
	for _, k := range ks {
		p.printf(`<div class="kpi"><span class="label">%s</span><span class="value">%s</span>`, p.esc(k.Label), p.esc(k.Value))
		if k.Sub != "" {
			p.printf(`<span class="sub">%s</span>`, p.esc(k.Sub))
		}
		p.printf("</div>")
	}
	p.printf("</div>\n")
}

// Table writes a table; numeric columns (by index) align to the end.
// Values from the data are isolated (dir=auto) so they keep their direction.
func (p *Page) Table(caption string, cols []string, rows [][]string, numeric ...int) {
	if len(rows) == 0 {
		return
	}
	isNum := map[int]bool{}
	for _, i := range numeric {
		isNum[i] = true
	}
	p.printf("<table>")
	if caption != "" {
		p.printf("<caption>%s</caption>", p.esc(caption))
	}
	p.printf("<thead><tr>")
	for i, c := range cols {
		p.printf(`<th%s>%s</th>`, numClass(isNum[i]), p.esc(c))
	}
	p.printf("</tr></thead><tbody>\n")
	for _, r := range rows {
		p.printf("<tr>")
		for i, v := range r {
			if isNum[i] {
				p.printf(`<td class="num">%s</td>`, p.esc(v))
			} else {
				p.printf(`<td><bdi>%s</bdi></td>`, p.esc(v))
			}
		}
		p.printf("</tr>\n")
	}
	p.printf("</tbody></table>\n")
}

func numClass(num bool) string {
	if num {
		return ` class="num"`
	}
	return ""
}

// Bar is one bar of a chart; Hidden bars (suppressed in a shared report)
// keep their place on the axis with no bar.
type Bar struct {
	Label  string
	Value  float64
	Text   string // the value as written in the table and the tooltip
	Hidden bool
}

// BarChart writes a column chart as inline SVG with its title as the
// accessible name, mirrored in Arabic (first bar on the right), followed by
// the same data as a table. whole says the values are counts: the axis then
// ticks at whole numbers only.
func (p *Page) BarChart(title string, bars []Bar, valueTitle string, whole bool) {
	if len(bars) == 0 {
		return
	}
	const w, h, left, bottom, top = 720.0, 220.0, 72.0, 34.0, 10.0
	max := 0.0
	for _, b := range bars {
		if !b.Hidden && b.Value > max {
			max = b.Value
		}
	}
	step := niceStep(max, whole)
	axisMax := step * math.Ceil(max/step)
	if axisMax == 0 {
		axisMax = step
	}
	rtl := p.Lang == "ar"
	plotW := w - left - 10
	x0 := left
	if rtl {
		x0 = 10
	}
	bw := plotW / float64(len(bars))
	scale := (h - top - bottom) / axisMax
	p.printf(`<figure class="chart"><figcaption>%s</figcaption>`, p.esc(title))
	p.printf(`<svg viewBox="0 0 %g %g" role="img" aria-label="%s">`, w, h, p.esc(title))
	for v := 0.0; v <= axisMax+step/2; v += step {
		y := h - bottom - v*scale
		p.printf(`<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" class="grid"/>`, x0, x0+plotW, y, y)
		tx, anchor := left-6, "end"
		if rtl {
			tx, anchor = x0+plotW+6, "start"
		}
		p.printf(`<text x="%.1f" y="%.1f" text-anchor="%s" class="tick">%s</text>`, tx, y+4, anchor, p.esc(p.axisNum(v, whole)))
	}
	every := int(math.Ceil(float64(len(bars)) / 12))
	for i, b := range bars {
		pos := i
		if rtl {
			pos = len(bars) - 1 - i
		}
		x := x0 + float64(pos)*bw
		if !b.Hidden {
			bh := b.Value * scale
			p.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="bar"><title>%s: %s</title></rect>`,
				x+bw*0.15, h-bottom-bh, bw*0.7, bh, p.esc(b.Label), p.esc(b.Text))
		} else {
			p.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="hidden"><title>%s: %s</title></rect>`,
				x+bw*0.15, h-bottom-8, bw*0.7, 8.0, p.esc(b.Label), p.esc(b.Text))
		}
		if i%every == 0 {
			p.printf(`<text x="%.1f" y="%.1f" text-anchor="middle" class="tick">%s</text>`, x+bw/2, h-bottom+16, p.esc(b.Label))
		}
	}
	p.printf("</svg>")
	rows := make([][]string, len(bars))
	for i, b := range bars {
		rows[i] = []string{b.Label, b.Text}
	}
	p.printf("<details><summary>%s</summary>", p.esc(p.T("chart.table")))
	p.Table("", []string{p.T("col.month"), valueTitle}, rows, 1)
	p.printf("</details></figure>\n")
}

// niceStep is a tick step of 1, 2 or 5 × 10ⁿ giving about five ticks; for
// counts never below 1.
func niceStep(max float64, whole bool) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if whole && step < 1 {
		step = 1
	}
	return step
}

func (p *Page) axisNum(v float64, whole bool) string {
	if whole || v == math.Trunc(v) {
		return p.Num(int(math.Round(v)))
	}
	return p.Dec(v, 2)
}
