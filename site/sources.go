package main

import (
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// Texts of the Sources page's recognition panel (tool, layout, kind
// confidence and runner-up, aggregate tables) and of the engine's notes
// on file structure, in English and Arabic.

func init() {
	addCatalog(map[string]string{
		"sources.tool":        "Recognised as",
		"sources.kindSure":    "Kind confidence",
		"sources.runnerUp":    "Next best kind",
		"sources.askKind":     "Qalb is not sure what this file holds. Please check its kind.",
		"sources.tables":      "Tables in the report",
		"sources.table":       "Table {0}",
		"sources.period":      "Period",
		"sources.metricSum":   "total",
		"sources.metricMean":  "mean",
		"sources.aggregateNo": "An aggregate report holds counts, not customers: it adds no customers and no row is rejected for lacking one.",
		"sources.metrics":     "Measures",
		"sources.sure":        "Kind {0} sure",
		"sources.sureRunner":  "Kind {0} sure · next: {1}",
	}, map[string]string{
		"sources.tool":        "تم التعرف عليه كـ",
		"sources.kindSure":    "الثقة في النوع",
		"sources.runnerUp":    "النوع التالي الأرجح",
		"sources.askKind":     "لم يتأكد قلب مما يحتويه هذا الملف. يُرجى التحقق من نوعه.",
		"sources.tables":      "الجداول في التقرير",
		"sources.table":       "الجدول {0}",
		"sources.period":      "الفترة",
		"sources.metricSum":   "المجموع",
		"sources.metricMean":  "المتوسط",
		"sources.aggregateNo": "التقرير الإجمالي يحوي أعدادًا لا عملاء: لا يضيف عملاء ولا يُرفض أي صف لخلوه من عميل.",
		"sources.metrics":     "المقاييس",
		"sources.sure":        "الثقة في النوع {0}",
		"sources.sureRunner":  "الثقة في النوع {0}، التالي: {1}",

		"msg.tables":       "يحوي الملف {0} جداول لكل منها ترويسته؛ قُرئت صفوفها معًا",
		"msg.commentLines": "{0} سطر تعليق (#) قبل الترويسة حُفظت بيانات وصفية للملف",
		"msg.qualtrics":    "دُمجت صفوف الترويسة ٢–{0} (عناوين أسئلة Qualtrics)",
		"msg.testModeRows": "{0} دفعة في وضع الاختبار أُبقيت خارج الإيرادات",
		"msg.internalRows": "{0} حركة داخلية (تحويل عملات، سحب، حجز) أُبقيت خارج الإيرادات",
	})
}

// kindFloor is the kind confidence below which the page asks the user
// (engine/ingest.KindFloor).
const kindFloor = 0.6

// KindSure says how sure the kind is, and the next best kind.
func (c *Sources) KindSure(s *report.Source) string {
	if s.RunnerUp == "" {
		return c.App.Tf("sources.sure", c.App.Pct(s.KindConfidence))
	}
	return c.App.Tf("sources.sureRunner", c.App.Pct(s.KindConfidence), c.App.Kind(s.RunnerUp))
}

// SureClass colours a kind decided on thin evidence.
func (c *Sources) SureClass(s *report.Source) string {
	if s.KindConfidence < kindFloor {
		return "warn"
	}
	return "muted"
}

// AskKind: the kind is a guess and the user has not chosen one.
func (c *Sources) AskKind(s *report.Source) bool {
	if c.App.ReadOnly() || s.Error != "" || s.KindConfidence <= 0 || s.KindConfidence >= kindFloor {
		return false
	}
	fm := c.App.Draft[s.File]
	return fm == nil || fm.Kind == ""
}

// AggTable is one table of an aggregate report, as the page shows it.
type AggTable struct {
	Title, RowsText, Period, Metrics string
	Rows                             int
}

// AggTables lists an aggregate report's tables: their columns, rows,
// period and measures.
func (c *Sources) AggTables(s *report.Source) []AggTable {
	if s.Aggregate == nil {
		return nil
	}
	var out []AggTable
	for _, t := range s.Aggregate.Tables {
		a := AggTable{Title: strings.Join(t.Columns, c.App.Sep()), Rows: t.Rows, RowsText: c.App.Num(t.Rows), Period: c.AggPeriod(t.Period)}
		var ms []string
		for _, m := range t.Metrics {
			of := c.App.T("sources.metricSum")
			if m.Of == "mean" {
				of = c.App.T("sources.metricMean")
			}
			ms = append(ms, m.Name+": "+c.App.Dec(m.Value, 2)+" ("+of+")")
		}
		a.Metrics = strings.Join(ms, c.App.Sep())
		out = append(out, a)
	}
	return out
}

// AggPeriod writes a period as from – to.
func (c *Sources) AggPeriod(p report.Period) string {
	if p.From == "" {
		return ""
	}
	return p.From + " – " + p.To
}
