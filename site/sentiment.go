package main

import (
	"encoding/json"
	"math"
	"sort"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// SentimentPage is the sentiment page: the tone of every review, ticket and
// comment, and the pain points in them.
type SentimentPage struct{ App *App }

// SentiState is the page's drill-down: the texts and customers behind a pain
// point, a language or a label, asked of the worker one page at a time.
type SentiState struct {
	Query   SentimentQuery
	Title   string // what the drill-down shows, already translated
	Page    *SentimentAnswer
	Loading bool
	ErrText string
	queryID int
	report  *report.Report // the report the drill-down belongs to
}

// SentimentQuery mirrors engine.SentimentQuery (contract_test.go).
type SentimentQuery struct {
	Topic  string `json:"topic,omitempty"`
	Theme  bool   `json:"theme,omitempty"`
	Lang   string `json:"lang,omitempty"`
	Label  string `json:"label,omitempty"`
	Offset int    `json:"offset,omitempty"`
	Limit  int    `json:"limit,omitempty"`
}

// SentimentAnswer mirrors engine.SentimentPage.
type SentimentAnswer struct {
	Total     int               `json:"total"`
	Offset    int               `json:"offset"`
	Texts     []report.Verbatim `json:"texts"`
	Customers []CustomerRow     `json:"customers"`
}

// sentiPageSize is how many texts a drill-down shows at once.
const sentiPageSize = 20

// OpenTexts asks the worker for the texts behind a part of the page.
func (a *App) OpenTexts(q SentimentQuery, title string) {
	if a.Host == nil || a.Report == nil || a.Viewer != nil {
		return
	}
	q.Limit = sentiPageSize
	a.Senti = SentiState{Query: q, Title: title, Loading: true, queryID: a.newID(), report: a.Report}
	a.Host.Query(a.Senti.queryID, map[string]any{"what": "sentiment", "sentiment": q})
	a.focus = "[data-testid=senti-drill]"
}

// OpenPainPoint drills into a pain point.
func (a *App) OpenPainPoint(p report.PainPoint) {
	a.OpenTexts(SentimentQuery{Topic: p.Topic, Theme: p.Theme}, a.Topic(p))
}

// OpenLang drills into the texts of one language.
func (a *App) OpenLang(lang string) { a.OpenTexts(SentimentQuery{Lang: lang}, a.LangName(lang)) }

// TextsPageBy moves the drill-down by n pages.
func (a *App) TextsPageBy(n int) {
	s := a.Senti
	if s.Page == nil {
		return
	}
	q := s.Query
	q.Offset = max(0, q.Offset+n*sentiPageSize)
	if q.Offset >= s.Page.Total {
		return
	}
	a.OpenTexts(q, s.Title)
}

// CloseTexts closes the drill-down.
func (a *App) CloseTexts() { a.Senti = SentiState{} }

// SentiOpen reports whether a drill-down of the current report is open.
func (a *App) SentiOpen() bool { return a.Senti.queryID != 0 && a.Senti.report == a.Report }

// sentimentAnswer takes the worker's answer to a drill-down; false when the
// message is not one.
func (a *App) sentimentAnswer(m Message) bool {
	if m.ID == 0 || m.ID != a.Senti.queryID || (m.Type != "answer" && m.Type != "error") {
		return false
	}
	a.Senti.Loading = false
	if m.Type == "error" {
		a.Senti.ErrText = m.Message
		return true
	}
	var p SentimentAnswer
	if err := json.Unmarshal([]byte(m.Result), &p); err != nil {
		a.Senti.ErrText = err.Error()
		return true
	}
	a.Senti.Page = &p
	return true
}

// Sentiment is the report's section, nil when absent.
func (a *App) Sentiment() *report.Sentiment {
	if a.Report == nil {
		return nil
	}
	return a.Report.Sentiment
}

// SentiKPIs are the page's headline figures.
func (a *App) SentiKPIs() []KPI {
	x := a.Sentiment()
	if x == nil {
		return nil
	}
	share := func(n int) string {
		if x.Scored == 0 {
			return "–"
		}
		return a.Pct(float64(n) / float64(x.Scored))
	}
	return []KPI{
		{ID: "texts", Label: a.T("senti.texts"), Value: a.Num(x.Texts), Raw: itoa(x.Texts), Sub: a.Tf("senti.scoredOf", a.Num(x.Scored))},
		{ID: "positive", Label: a.T("senti.positive"), Value: share(x.Positive), Raw: itoa(x.Positive), Sub: a.Num(x.Positive)},
		{ID: "neutral", Label: a.T("senti.neutral"), Value: share(x.Neutral), Raw: itoa(x.Neutral), Sub: a.Num(x.Neutral)},
		{ID: "negative", Label: a.T("senti.negative"), Value: share(x.Negative), Raw: itoa(x.Negative), Sub: a.Num(x.Negative)},
		{ID: "mean", Label: a.T("senti.mean"), Value: a.Score(x.Mean), Raw: ftoa(x.Mean), Sub: a.Tf("senti.writers", a.Num(x.Customers))},
	}
}

// Score formats a sentiment score with its sign: +0.42, −0.18.
func (a *App) Score(v float64) string {
	s := a.Fixed(math.Abs(v), 2)
	switch {
	case v >= 0.005:
		return "+" + s
	case v <= -0.005:
		return "−" + s
	}
	return s
}

// LangName names a detected language.
func (a *App) LangName(code string) string { return a.T("senti.lang." + code) }

// LabelName names a sentiment label.
func (a *App) LabelName(l string) string { return a.T("senti." + l) }

// TopicName names a topic as the other analyses give it ("theme:delivery",
// "phrase:local shops"): a theme by the catalog, a phrase as written.
func (a *App) TopicName(key string) string {
	if t, ok := strings.CutPrefix(key, "theme:"); ok {
		return a.T("senti.theme." + t)
	}
	return strings.TrimPrefix(key, "phrase:")
}

// Topic names a pain point: a theme by the catalog, a phrase as written.
func (a *App) Topic(p report.PainPoint) string {
	if p.Theme {
		return a.T("senti.theme." + p.Topic)
	}
	return p.Topic
}

// PainRevenue lists a pain point's revenue, one amount per currency.
func (a *App) PainRevenue(ms []report.Money) string {
	if len(ms) == 0 {
		return "–"
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = a.MoneyShort(m)
	}
	return strings.Join(parts, a.Sep())
}

// Spikes names the months a pain point spiked in.
func (a *App) Spikes(p report.PainPoint) string {
	parts := make([]string, len(p.Spikes))
	for i, m := range p.Spikes {
		parts[i] = a.Month(m)
	}
	sep := ", "
	if a.Lang == "ar" {
		sep = "، "
	}
	return strings.Join(parts, sep)
}

// TrendLine is a pain point's monthly negative texts as a short text for
// the table ("Jan 2025 3 · Feb 2025 7"), the last six months.
func (a *App) TrendLine(p report.PainPoint) string {
	t := p.Trend
	if len(t) > 6 {
		t = t[len(t)-6:]
	}
	parts := make([]string, len(t))
	for i, m := range t {
		parts[i] = a.Month(m.Period) + " " + a.Num(m.Negative)
	}
	return strings.Join(parts, a.Sep())
}

// Segment is a run of a verbatim's text, marked when a word in it moved the score.
type Segment struct {
	Text  string
	Class string // "", "drv-pos", "drv-neg"
	Title string // the weight, for a tooltip
}

// Segments cuts a verbatim into runs of plain text and driver words. The
// spans are byte offsets from the engine; anything out of range or not on a
// character boundary is ignored, and the text stays text (never HTML).
func (a *App) Segments(v report.Verbatim) []Segment {
	ds := append([]report.TextSpan(nil), v.Drivers...)
	sort.Slice(ds, func(i, j int) bool { return ds[i].Start < ds[j].Start })
	var out []Segment
	at := 0
	for _, d := range ds {
		if d.Start < at || d.End > len(v.Text) || d.Start >= d.End || !boundary(v.Text, d.Start) || !boundary(v.Text, d.End) {
			continue
		}
		if d.Start > at {
			out = append(out, Segment{Text: v.Text[at:d.Start]})
		}
		cls := "drv-pos"
		if d.Weight < 0 {
			cls = "drv-neg"
		}
		out = append(out, Segment{Text: v.Text[d.Start:d.End], Class: cls, Title: a.Score(d.Weight)})
		at = d.End
	}
	if at < len(v.Text) {
		out = append(out, Segment{Text: v.Text[at:]})
	}
	return out
}

func boundary(s string, i int) bool {
	return i == len(s) || i >= 0 && i < len(s) && (s[i]&0xC0) != 0x80
}

// LabelClass is the badge class of a label.
func LabelClass(l string) string { return "badge senti-" + l }

// DistributionChart is the scored texts by score.
func (a *App) DistributionChart() *Chart {
	x := a.Sentiment()
	if x == nil || x.Scored == 0 {
		return nil
	}
	c := &Chart{ID: "senti-distribution", Title: a.T("senti.distribution"), Cols: []string{a.T("senti.score"), a.T("senti.texts")}}
	var values []map[string]any
	for _, b := range x.Distribution {
		label := a.Score(b.From) + " … " + a.Score(b.To)
		values = append(values, map[string]any{"label": label, "value": b.Texts})
		c.Rows = append(c.Rows, []string{label, a.Num(b.Texts)})
	}
	c.Label = a.Tf("senti.distributionLabel", a.Num(x.Scored))
	finish(c, a.barSpec(values, a.T("senti.texts"), ",d", colorMain, 180))
	return c
}

// TrendChart is the scored texts per month, stacked by label.
func (a *App) TrendChart() *Chart {
	x := a.Sentiment()
	if x == nil || len(x.Trend) < 2 {
		return nil
	}
	c := &Chart{ID: "senti-trend", Title: a.T("senti.trend"),
		Cols: []string{a.T("chart.month"), a.T("senti.positive"), a.T("senti.neutral"), a.T("senti.negative"), a.T("senti.mean")}}
	var values []map[string]any
	for _, p := range x.Trend {
		m := a.Month(p.Period)
		for _, kv := range []struct {
			k string
			n int
		}{{"positive", p.Positive}, {"neutral", p.Neutral}, {"negative", p.Negative}} {
			values = append(values, map[string]any{"month": m, "label": a.T("senti." + kv.k), "value": kv.n})
		}
		c.Rows = append(c.Rows, []string{m, a.Num(p.Positive), a.Num(p.Neutral), a.Num(p.Negative), a.Score(p.Mean)})
	}
	rtl := a.Lang == "ar"
	valueAxis := map[string]any{"tickCount": 5}
	if rtl {
		valueAxis["orient"] = "right"
	}
	spec := map[string]any{
		"width": "container", "height": 200,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data":     map[string]any{"values": values},
		"mark":     map[string]any{"type": "bar", "tooltip": true},
		"encoding": map[string]any{
			"x": map[string]any{"field": "month", "type": "ordinal", "sort": nil, "title": nil,
				"scale": map[string]any{"reverse": rtl}, "axis": map[string]any{"labelAngle": 0, "labelOverlap": "greedy"}},
			"y": map[string]any{"field": "value", "type": "quantitative", "stack": true, "title": nil, "axis": valueAxis},
			"color": map[string]any{"field": "label", "type": "nominal", "title": nil, "sort": nil,
				"scale": map[string]any{"domain": []string{a.T("senti.positive"), a.T("senti.neutral"), a.T("senti.negative")},
					"range": []string{"#2e7d7a", "#8d9aa8", "#c2185b"}}},
			"order": map[string]any{"field": "label", "sort": "ascending"},
		},
		"config": chartConfig(),
	}
	c.Label = a.Tf("senti.trendLabel", a.Num(len(x.Trend)))
	finish(c, spec)
	return c
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func ftoa(f float64) string { b, _ := json.Marshal(f); return string(b) }

func init() {
	addCatalog(map[string]string{
		"nav.sentiment":           "Sentiment",
		"senti.title":             "Sentiment and pain points",
		"senti.sub":               "The tone of every review, ticket and comment, in English and Arabic, and what hurts customers most.",
		"senti.unavailable":       "The texts were counted but not scored: the language resources did not load ({0}). Reload the page to try again.",
		"senti.texts":             "Texts",
		"senti.scoredOf":          "{0} scored",
		"senti.positive":          "Positive",
		"senti.neutral":           "Neutral",
		"senti.negative":          "Negative",
		"senti.unscored":          "Not scored",
		"senti.mean":              "Mean score",
		"senti.writers":           "{0} customers wrote",
		"senti.score":             "Score",
		"senti.distribution":      "Texts by score",
		"senti.distributionLabel": "Bar chart of {0} scored texts by sentiment score, from −1 to +1.",
		"senti.trend":             "Sentiment per month",
		"senti.trendLabel":        "Stacked bar chart of positive, neutral and negative texts over {0} months.",
		"senti.painPoints":        "Pain points",
		"senti.painHelp":          "Topics of negative and mixed texts, the most customers hurt first. Revenue is the lifetime spend of those customers, per currency.",
		"senti.noPain":            "No topic stands out in the negative texts.",
		"senti.topic":             "Topic",
		"senti.terms":             "Words used",
		"senti.customers":         "Customers",
		"senti.shareNegative":     "Negative",
		"senti.revenue":           "Revenue of those customers",
		"senti.trendCol":          "Negative texts by month",
		"senti.spike":             "Spike",
		"senti.spikeIn":           "Spiked in {0}",
		"senti.view":              "Texts",
		"senti.languages":         "By language",
		"senti.language":          "Language",
		"senti.languagesHelp":     "Languages without resources are counted, not scored.",
		"senti.sources":           "By source",
		"senti.products":          "By product",
		"senti.segments":          "By segment",
		"senti.group":             "Group",
		"senti.verbatims":         "Most negative and most positive",
		"senti.drivers":           "Highlighted: the words that moved the score (green up, red down).",
		"senti.drill":             "Texts: {0}",
		"senti.drillCount":        "{0} texts",
		"senti.drillCustomers":    "Customers who wrote them",
		"senti.close":             "Close",
		"senti.loading":           "Loading…",
		"senti.model":             "Model learned from your ratings",
		"senti.modelLine":         "From the star ratings in {0}: {1} rated texts, {2}-fold cross-validated accuracy {3} against {4} for the built-in model.",
		"senti.modelApplied":      "It scores the {0} texts without a rating.",
		"senti.modelNotApplied":   "The built-in model does as well, so it is kept.",
		"senti.lang.en":           "English",
		"senti.lang.ar":           "Arabic",
		"senti.lang.mixed":        "Arabic and English",
		"senti.lang.fr":           "French",
		"senti.lang.es":           "Spanish",
		"senti.lang.de":           "German",
		"senti.lang.other":        "Other language",
		"senti.lang.none":         "No words (emoji, numbers)",
		"senti.theme.delivery":    "Delivery",
		"senti.theme.price":       "Price and fees",
		"senti.theme.quality":     "Product quality",
		"senti.theme.support":     "Customer service",
		"senti.theme.refund":      "Refunds and returns",
		"senti.theme.waiting":     "Waiting",
		"senti.theme.order":       "Order accuracy",
		"senti.theme.app":         "App and website",
		"senti.theme.payment":     "Payment",
		"senti.theme.packaging":   "Packaging",
		"senti.theme.taste":       "Taste and freshness",
		"senti.theme.cleanliness": "Cleanliness",
		"senti.phrase":            "key phrase",
	}, map[string]string{
		"nav.sentiment":           "المشاعر",
		"senti.title":             "المشاعر ونقاط الألم",
		"senti.sub":               "نبرة كل مراجعة وتذكرة وتعليق، بالعربية والإنجليزية، وما يزعج العملاء أكثر.",
		"senti.unavailable":       "عُدّت النصوص ولم تُقيَّم: لم تُحمَّل موارد اللغة ({0}). أعد تحميل الصفحة للمحاولة مجددًا.",
		"senti.texts":             "النصوص",
		"senti.scoredOf":          "{0} مقيَّمة",
		"senti.positive":          "إيجابي",
		"senti.neutral":           "محايد",
		"senti.negative":          "سلبي",
		"senti.unscored":          "غير مقيَّم",
		"senti.mean":              "متوسط الدرجة",
		"senti.writers":           "كتبها {0} عميل",
		"senti.score":             "الدرجة",
		"senti.distribution":      "النصوص حسب الدرجة",
		"senti.distributionLabel": "مخطط أعمدة لـ {0} نص مقيَّم حسب درجة المشاعر من −١ إلى +١.",
		"senti.trend":             "المشاعر شهريًا",
		"senti.trendLabel":        "مخطط أعمدة مكدسة للنصوص الإيجابية والمحايدة والسلبية على مدى {0} شهر.",
		"senti.painPoints":        "نقاط الألم",
		"senti.painHelp":          "مواضيع النصوص السلبية والمختلطة، الأكثر عملاءً أولًا. الإيراد هو إنفاق هؤلاء العملاء طوال تعاملهم، لكل عملة.",
		"senti.noPain":            "لا يبرز موضوع في النصوص السلبية.",
		"senti.topic":             "الموضوع",
		"senti.terms":             "الكلمات المستخدمة",
		"senti.customers":         "العملاء",
		"senti.shareNegative":     "سلبي",
		"senti.revenue":           "إيراد هؤلاء العملاء",
		"senti.trendCol":          "النصوص السلبية شهريًا",
		"senti.spike":             "ارتفاع",
		"senti.spikeIn":           "ارتفاع في {0}",
		"senti.view":              "النصوص",
		"senti.languages":         "حسب اللغة",
		"senti.language":          "اللغة",
		"senti.languagesHelp":     "اللغات التي لا موارد لها تُعدّ ولا تُقيَّم.",
		"senti.sources":           "حسب المصدر",
		"senti.products":          "حسب المنتج",
		"senti.segments":          "حسب الشريحة",
		"senti.group":             "المجموعة",
		"senti.verbatims":         "الأكثر سلبية والأكثر إيجابية",
		"senti.drivers":           "المظلَّل: الكلمات التي حرّكت الدرجة (الأخضر يرفع، الأحمر يخفض).",
		"senti.drill":             "النصوص: {0}",
		"senti.drillCount":        "{0} نص",
		"senti.drillCustomers":    "العملاء الذين كتبوها",
		"senti.close":             "إغلاق",
		"senti.loading":           "جارٍ التحميل…",
		"senti.model":             "نموذج تعلّم من تقييماتك",
		"senti.modelLine":         "من تقييمات النجوم في {0}: {1} نص مقيَّم، دقة بالتحقق المتقاطع ({2} أجزاء) {3} مقابل {4} للنموذج المدمج.",
		"senti.modelApplied":      "يقيّم النصوص الـ {0} التي بلا تقييم.",
		"senti.modelNotApplied":   "النموذج المدمج يؤدي مثله، فبقي هو المستخدم.",
		"senti.lang.en":           "الإنجليزية",
		"senti.lang.ar":           "العربية",
		"senti.lang.mixed":        "عربي وإنجليزي",
		"senti.lang.fr":           "الفرنسية",
		"senti.lang.es":           "الإسبانية",
		"senti.lang.de":           "الألمانية",
		"senti.lang.other":        "لغة أخرى",
		"senti.lang.none":         "بلا كلمات (رموز، أرقام)",
		"senti.theme.delivery":    "التوصيل",
		"senti.theme.price":       "السعر والرسوم",
		"senti.theme.quality":     "جودة المنتج",
		"senti.theme.support":     "خدمة العملاء",
		"senti.theme.refund":      "الاسترجاع والإرجاع",
		"senti.theme.waiting":     "الانتظار",
		"senti.theme.order":       "دقة الطلب",
		"senti.theme.app":         "التطبيق والموقع",
		"senti.theme.payment":     "الدفع",
		"senti.theme.packaging":   "التغليف",
		"senti.theme.taste":       "الطعم والطزاجة",
		"senti.theme.cleanliness": "النظافة",
		"senti.phrase":            "عبارة متكررة",
	})
}

// ScoreOrDash is a group's mean, or a dash when none of its texts was scored.
func (a *App) ScoreOrDash(g report.SentimentGroup) string {
	if g.Scored == 0 {
		return "–"
	}
	return a.Score(g.Mean)
}

// SentiGroupTable is one breakdown of the page (sources, products, segments).
type SentiGroupTable struct {
	ID     string
	Title  string
	Groups []report.SentimentGroup
}

// SentiGroups are the breakdowns that have rows.
func (a *App) SentiGroups() []SentiGroupTable {
	x := a.Sentiment()
	if x == nil {
		return nil
	}
	var out []SentiGroupTable
	// RFM segments by their names in the page's language.
	segs := make([]report.SentimentGroup, len(x.Segments))
	for i, g := range x.Segments {
		g.Name = a.SegName(g.Name)
		segs[i] = g
	}
	for _, t := range []SentiGroupTable{{"sources", a.T("senti.sources"), x.Sources}, {"products", a.T("senti.products"), x.Products}, {"segments", a.T("senti.segments"), segs}} {
		if len(t.Groups) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// ModelLine says what the model learned from the data's ratings did.
func (a *App) ModelLine() string {
	x := a.Sentiment()
	if x == nil || x.DomainModel == nil {
		return ""
	}
	d := x.DomainModel
	s := a.Tf("senti.modelLine", d.Source, a.Num(d.Examples), a.Num(d.Folds), a.Pct(d.Accuracy), a.Pct(d.BuiltIn))
	if d.Applied {
		return s + " " + a.Tf("senti.modelApplied", a.Num(d.AppliedTo))
	}
	return s + " " + a.T("senti.modelNotApplied")
}

// Terms lists a pain point's words.
func (a *App) Terms(p report.PainPoint) string {
	sep := ", "
	if a.Lang == "ar" {
		sep = "، "
	}
	return strings.Join(p.Terms, sep)
}
