package main

import (
	"math"
	"strconv"

	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

// PredictionsPage is the predictions page: churn risk with its reasons and customer lifetime value.
type PredictionsPage struct{ App *App }

// PredModel is one currency's lifetime-value model as the page shows it.
type PredModel struct {
	ID      string // the currency, for test ids
	Title   string
	KPIs    []PredKPI
	Fit     string   // the fitted parameters in one line, or ""
	Notes   []string // fallback and doubts, translated
	Charts  []*Chart
	Top     []PredCustomer
	Holdout string // the holdout check in words, or ""
}

// PredKPI is a headline number.
type PredKPI struct {
	ID, Label, Value string
	Raw              string // the number, for tests
}

// PredCustomer is a row of the top-CLV or churn list.
type PredCustomer struct {
	ID      int
	Label   string
	Value   string
	Detail  string
	Risk    float64
	Reasons []string
}

// Predictions is the report's predictions section, or nil.
func (a *App) Predictions() *report.Predictions {
	if a.Report == nil {
		return nil
	}
	return a.Report.Predictions
}

// PredSubtitle says what the models and the horizon are.
func (a *App) PredSubtitle() string {
	x := a.Predictions()
	if x == nil {
		return ""
	}
	return a.Tf("pred.sub", a.Num(x.HorizonMonths), a.Dec(x.MonthlyDiscount*100, 2))
}

// PredModels lists the models, one per currency.
func (a *App) PredModels() []PredModel {
	x := a.Predictions()
	if x == nil {
		return nil
	}
	var out []PredModel
	for _, m := range x.Models {
		money := func(v float64) string { return a.MoneyShort(report.Money{Currency: m.Currency, Amount: v}) }
		cur := m.Currency
		if cur == "" {
			cur = a.T("money.nocurrency")
		}
		pm := PredModel{ID: m.Currency, Title: a.Tf("pred.model", cur, a.Num(m.Customers))}
		pm.KPIs = append(pm.KPIs,
			PredKPI{ID: "total-clv", Label: a.T("pred.totalCLV"), Value: money(m.TotalCLV), Raw: rawNum(m.TotalCLV)},
			PredKPI{ID: "mean-clv", Label: a.T("pred.meanCLV"), Value: money(m.MeanCLV), Raw: rawNum(m.MeanCLV)},
			PredKPI{ID: "expected-orders", Label: a.T("pred.expectedOrders"), Value: a.Dec(m.ExpectedOrders, 0), Raw: rawNum(m.ExpectedOrders)},
			PredKPI{ID: "revenue-at-risk", Label: a.T("pred.revenueAtRisk"), Value: money(m.RevenueAtRisk), Raw: rawNum(m.RevenueAtRisk)})
		if m.Converged {
			pm.KPIs = append(pm.KPIs, PredKPI{ID: "mean-alive", Label: a.T("pred.meanAlive"), Value: a.Pct(m.MeanPAlive), Raw: rawNum(m.MeanPAlive)})
			pm.Fit = a.Tf("pred.fit", a.Dec(m.R, 3), a.Dec(m.Alpha, 3), a.Dec(m.A, 3), a.Dec(m.B, 3),
				a.Dec(m.LogLikelihood, 1), a.Num(m.Agreeing), a.Num(m.Starts))
			if m.SpendModel {
				pm.Fit += a.Sep() + a.Tf("pred.fitSpend", a.Dec(m.P, 2), a.Dec(m.Q, 2), a.Dec(m.Gamma, 2))
			}
		}
		for _, n := range m.Notes {
			pm.Notes = append(pm.Notes, a.Message(n))
		}
		if c := a.clvChart(m); c != nil {
			pm.Charts = append(pm.Charts, c)
		}
		if c := a.aliveChart(m, x.Period); c != nil {
			pm.Charts = append(pm.Charts, c)
		}
		if h := m.Holdout; h != nil {
			pm.Charts = append(pm.Charts, a.holdoutChart(m))
			pm.Holdout = a.Tf("pred.holdout", a.Date(h.CalibrationEnd), a.Date(h.HoldoutEnd), a.Dec(h.Actual, 0), a.Dec(h.Predicted, 0))
		}
		for _, t := range m.Top {
			pm.Top = append(pm.Top, PredCustomer{ID: t.Customer, Label: a.Tf("pred.customer", a.localDigits(strconv.Itoa(t.Customer))),
				Value: a.Money(report.Money{Currency: m.Currency, Amount: t.CLV}), Detail: a.aliveText(t.PAlive, m.Converged)})
		}
		out = append(out, pm)
	}
	return out
}

func (a *App) aliveText(p float64, model bool) string {
	if !model {
		return ""
	}
	return a.Tf("pred.aliveShort", a.Pct(p))
}

func rawNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// ChurnKPIs are the churn counts.
func (a *App) ChurnKPIs() []PredKPI {
	x := a.Predictions()
	if x == nil || x.Churn.Scored == 0 {
		return nil
	}
	c := x.Churn
	return []PredKPI{
		{ID: "churn-scored", Label: a.T("pred.scored"), Value: a.Num(c.Scored), Raw: strconv.Itoa(c.Scored)},
		{ID: "churn-high", Label: a.T("pred.high"), Value: a.Num(c.High), Raw: strconv.Itoa(c.High)},
		{ID: "churn-medium", Label: a.T("pred.medium"), Value: a.Num(c.Medium), Raw: strconv.Itoa(c.Medium)},
		{ID: "churn-low", Label: a.T("pred.low"), Value: a.Num(c.Low), Raw: strconv.Itoa(c.Low)},
	}
}

// ChurnLabelText says how risk was learned when the data has a churn label ("" otherwise).
func (a *App) ChurnLabelText() string {
	x := a.Predictions()
	if x == nil || x.Churn.Label == nil {
		return ""
	}
	l := x.Churn.Label
	return a.Tf("pred.label", l.Column, a.Num(l.Customers), a.Num(l.Churned), a.Dec(l.AUC, 3))
}

// ChurnReasonCounts are the reasons with how many customers have each.
func (a *App) ChurnReasonCounts() []PredKPI {
	x := a.Predictions()
	if x == nil {
		return nil
	}
	var out []PredKPI
	for _, r := range x.Churn.Reasons {
		out = append(out, PredKPI{ID: r.Key, Label: a.T("pred.reason." + r.Key), Value: a.Num(r.Count), Raw: strconv.Itoa(r.Count)})
	}
	return out
}

// ChurnList is the customers at highest risk, with their reasons.
func (a *App) ChurnList() []PredCustomer {
	x := a.Predictions()
	if x == nil {
		return nil
	}
	var out []PredCustomer
	for _, r := range x.Churn.Top {
		pc := PredCustomer{ID: r.Customer, Label: a.Tf("pred.customer", a.localDigits(strconv.Itoa(r.Customer))), Value: a.Dec(r.Risk, 0), Risk: r.Risk}
		for _, t := range r.Reasons {
			pc.Reasons = append(pc.Reasons, a.reasonText(t))
		}
		out = append(out, pc)
	}
	return out
}

// reasonText says a churn reason (an engine/message text) in the
// interface's language, its numbers in local digits, decimals included
// ("7.5×" is ٧٫٥ in Arabic).
func (a *App) reasonText(t string) string {
	code, args, ok := message.Parse(t)
	if !ok || a.Lang == "en" {
		return a.Message(t)
	}
	for i, v := range args {
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			args[i] = a.localDigits(v)
		}
	}
	return a.Tf("msg."+code, args...)
}

// RiskClass colours a churn risk.
func RiskClass(risk float64) string {
	switch {
	case risk >= 70:
		return "risk risk-high"
	case risk >= 40:
		return "risk risk-medium"
	}
	return "risk risk-low"
}

// predBarSpec is a column chart of labelled values; with a series field
// the bars of each label stand side by side. Mirrored in Arabic.
func (a *App) predBarSpec(vals []map[string]any, xTitle, yTitle string, series []string) map[string]any {
	rtl := a.Lang == "ar"
	valueAxis := map[string]any{"tickCount": 5, "labelFlush": true}
	if rtl {
		valueAxis["orient"] = "right"
	}
	enc := map[string]any{
		"x": map[string]any{"field": "label", "type": "ordinal", "sort": nil, "title": xTitle,
			"scale": map[string]any{"reverse": rtl, "paddingInner": 0.2},
			"axis":  map[string]any{"labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 8, "ticks": false}},
		"y": map[string]any{"field": "value", "type": "quantitative", "title": yTitle, "axis": valueAxis},
		"tooltip": []any{
			map[string]any{"field": "label", "type": "ordinal", "title": xTitle},
			map[string]any{"field": "value", "type": "quantitative", "title": yTitle, "format": ",.3~f"},
		},
	}
	if len(series) > 0 {
		var dom []any
		for _, s := range series {
			dom = append(dom, s)
		}
		enc["xOffset"] = map[string]any{"field": "series", "type": "nominal", "sort": dom}
		enc["color"] = map[string]any{"field": "series", "type": "nominal", "title": nil,
			"scale": map[string]any{"domain": dom, "range": []any{colorMain, colorAlt}}}
		enc["tooltip"] = append(enc["tooltip"].([]any), map[string]any{"field": "series", "type": "nominal", "title": nil})
	}
	return map[string]any{
		"width":    "container",
		"height":   200,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data":     map[string]any{"values": vals},
		"mark":     map[string]any{"type": "bar", "color": colorMain, "cornerRadiusTopLeft": 2, "cornerRadiusTopRight": 2, "tooltip": true},
		"encoding": enc,
		"config":   chartConfig(),
	}
}

// clvChart is the distribution of lifetime values.
func (a *App) clvChart(m report.CLVModel) *Chart {
	if len(m.CLVBins) < 2 {
		return nil
	}
	c := &Chart{ID: "clv-" + chartKey(m.Currency), Title: a.T("pred.clvChart"),
		Cols: []string{a.T("pred.clvRange"), a.T("pred.customers")}}
	var vals []map[string]any
	for i, b := range m.CLVBins {
		label := a.Dec(b.From, 0) + "–" + a.Dec(b.To, 0)
		if i == len(m.CLVBins)-1 {
			label = a.Dec(b.From, 0) + "+"
		}
		vals = append(vals, map[string]any{"label": label, "value": b.Count})
		c.Rows = append(c.Rows, []string{label, a.Num(b.Count)})
	}
	c.Label = a.Tf("pred.clvChart.label", a.Num(m.Customers))
	finish(c, a.predBarSpec(vals, a.T("pred.clvRange"), a.T("pred.customers"), nil))
	return c
}

// aliveChart is the mean probability of being active by time since the last purchase.
func (a *App) aliveChart(m report.CLVModel, period string) *Chart {
	if len(m.AliveByRecency) < 2 {
		return nil
	}
	unit := a.T("pred.unit." + period)
	c := &Chart{ID: "alive-" + chartKey(m.Currency), Title: a.T("pred.aliveChart"),
		Cols: []string{a.Tf("pred.since", unit), a.T("pred.customers"), a.T("pred.alive")}}
	var vals []map[string]any
	for _, r := range m.AliveByRecency {
		label := a.Dec(r.Periods, 0)
		vals = append(vals, map[string]any{"label": label, "value": math.Round(r.PAlive*1000) / 10})
		c.Rows = append(c.Rows, []string{label, a.Num(r.Customers), a.Pct(r.PAlive)})
	}
	c.Label = a.T("pred.aliveChart.label")
	finish(c, a.predBarSpec(vals, a.Tf("pred.since", unit), a.T("pred.alivePct"), nil))
	return c
}

// holdoutChart sets actual against forecast holdout purchases by calibration frequency.
func (a *App) holdoutChart(m report.CLVModel) *Chart {
	h := m.Holdout
	actual, forecast := a.T("pred.actual"), a.T("pred.forecast")
	c := &Chart{ID: "holdout-" + chartKey(m.Currency), Title: a.T("pred.holdoutChart"),
		Cols: []string{a.T("pred.frequency"), a.T("pred.customers"), actual, forecast}}
	var vals []map[string]any
	for i, b := range h.Buckets {
		label := a.Num(b.Frequency)
		if i == len(h.Buckets)-1 {
			label += "+"
		}
		vals = append(vals, map[string]any{"label": label, "series": actual, "value": b.Actual},
			map[string]any{"label": label, "series": forecast, "value": math.Round(b.Predicted*10) / 10})
		c.Rows = append(c.Rows, []string{label, a.Num(b.Customers), a.Dec(b.Actual, 0), a.Dec(b.Predicted, 1)})
	}
	c.Label = a.Tf("pred.holdoutChart.label", a.Dec(h.Actual, 0), a.Dec(h.Predicted, 0))
	finish(c, a.predBarSpec(vals, a.T("pred.frequency"), a.T("pred.purchases"), []string{actual, forecast}))
	return c
}

func chartKey(currency string) string {
	if currency == "" {
		return "none"
	}
	return currency
}

func init() {
	addCatalog(map[string]string{
		"nav.predictions":              "Predictions",
		"pred.sub":                     "Lifetime value over {0} months, discounted {1}% a month; BG/NBD + Gamma-Gamma fitted in this tab, one model per currency.",
		"pred.model":                   "{0} · {1} customers",
		"pred.totalCLV":                "Lifetime value, all customers",
		"pred.meanCLV":                 "Lifetime value per customer",
		"pred.expectedOrders":          "Orders expected",
		"pred.revenueAtRisk":           "Revenue at risk (last 12 months of customers at risk ≥ 50)",
		"pred.meanAlive":               "Probability active, average",
		"pred.fit":                     "BG/NBD r {0}, α {1}, a {2}, b {3}; log-likelihood {4}; {5} of {6} starts agree",
		"pred.fitSpend":                "Gamma-Gamma p {0}, q {1}, γ {2}",
		"pred.holdout":                 "Holdout check: fitted on orders up to {0}, the model expected {3} purchases until {1}; customers made {2}.",
		"pred.customer":                "Customer {0}",
		"pred.aliveShort":              "active {0}",
		"pred.topCLV":                  "Highest lifetime values",
		"pred.clv":                     "Lifetime value",
		"pred.churn":                   "Churn risk",
		"pred.churnSub":                "0–100 per customer, from the probability of being active and the gaps between orders, with detractor answers, negative sentiment, open tickets and subscription status when the data has them.",
		"pred.scored":                  "Customers scored",
		"pred.high":                    "High risk (≥ 70)",
		"pred.medium":                  "Medium (40–69)",
		"pred.low":                     "Low (< 40)",
		"pred.reasons":                 "Reasons",
		"pred.atRisk":                  "Customers at highest risk",
		"pred.risk":                    "Risk",
		"pred.why":                     "Why",
		"pred.customers":               "Customers",
		"pred.clvChart":                "Distribution of lifetime values",
		"pred.clvChart.label":          "Lifetime values of {0} customers, in bins",
		"pred.clvRange":                "Lifetime value",
		"pred.aliveChart":              "Probability active by time since the last order",
		"pred.aliveChart.label":        "Mean probability of being active against time since the last order",
		"pred.alive":                   "Probability active",
		"pred.alivePct":                "Probability active (%)",
		"pred.since":                   "{0} since the last order",
		"pred.unit.week":               "Weeks",
		"pred.unit.day":                "Days",
		"pred.holdoutChart":            "Holdout check: actual and forecast purchases",
		"pred.holdoutChart.label":      "Actual {0} and forecast {1} holdout purchases by number of earlier repeat purchases",
		"pred.frequency":               "Repeat purchases before",
		"pred.purchases":               "Purchases",
		"pred.actual":                  "Actual",
		"pred.forecast":                "Forecast",
		"pred.reason.churnPAlive":      "Probably no longer active",
		"pred.reason.churnGap":         "Overdue against the usual gap",
		"pred.reason.churnOneOrder":    "One order, long ago",
		"pred.reason.churnDetractor":   "NPS detractor",
		"pred.reason.churnNegative":    "Negative sentiment",
		"pred.reason.churnOpenTickets": "Open tickets",
		"pred.reason.churnCancelled":   "Subscription cancelled",
		"pred.reason.churnPastDue":     "Payment past due",
		"pred.reason.churnEnding":      "Subscription ending",
	}, map[string]string{
		"nav.predictions":              "التنبؤات",
		"pred.sub":                     "القيمة الدائمة على مدى {0} شهرًا بخصم {1}٪ شهريًا؛ نموذجا BG/NBD وGamma-Gamma مُقدَّران في هذه الصفحة، نموذج لكل عملة.",
		"pred.model":                   "{0}، {1} عميل",
		"pred.totalCLV":                "القيمة الدائمة لكل العملاء",
		"pred.meanCLV":                 "القيمة الدائمة للعميل",
		"pred.expectedOrders":          "الطلبات المتوقعة",
		"pred.revenueAtRisk":           "إيراد معرّض للخطر (آخر ١٢ شهرًا لعملاء خطرهم ٥٠ فأكثر)",
		"pred.meanAlive":               "متوسط احتمال النشاط",
		"pred.fit":                     "BG/NBD: r {0}، α {1}، a {2}، b {3}؛ لوغاريتم الإمكان {4}؛ {5} من {6} نقاط بدء متفقة",
		"pred.fitSpend":                "Gamma-Gamma: p {0}، q {1}، γ {2}",
		"pred.holdout":                 "اختبار الفترة المحجوزة: قُدِّر النموذج على الطلبات حتى {0} فتوقّع {3} عملية شراء حتى {1}؛ وأجرى العملاء {2}.",
		"pred.customer":                "العميل {0}",
		"pred.aliveShort":              "نشط {0}",
		"pred.topCLV":                  "أعلى القيم الدائمة",
		"pred.clv":                     "القيمة الدائمة",
		"pred.churn":                   "خطر فقدان العميل",
		"pred.churnSub":                "من ٠ إلى ١٠٠ لكل عميل، من احتمال النشاط والفجوات بين الطلبات، مع إجابات المنتقدين والمشاعر السلبية والتذاكر المفتوحة وحالة الاشتراك حين تتوفر.",
		"pred.scored":                  "عملاء مُقيَّمون",
		"pred.high":                    "خطر مرتفع (٧٠ فأكثر)",
		"pred.medium":                  "متوسط (٤٠–٦٩)",
		"pred.low":                     "منخفض (أقل من ٤٠)",
		"pred.reasons":                 "الأسباب",
		"pred.atRisk":                  "العملاء الأعلى خطرًا",
		"pred.risk":                    "الخطر",
		"pred.why":                     "السبب",
		"pred.customers":               "العملاء",
		"pred.clvChart":                "توزيع القيم الدائمة",
		"pred.clvChart.label":          "القيم الدائمة لـ {0} عميل في فئات",
		"pred.clvRange":                "القيمة الدائمة",
		"pred.aliveChart":              "احتمال النشاط حسب المدة منذ آخر طلب",
		"pred.aliveChart.label":        "متوسط احتمال النشاط مقابل المدة منذ آخر طلب",
		"pred.alive":                   "احتمال النشاط",
		"pred.alivePct":                "احتمال النشاط (٪)",
		"pred.since":                   "{0} منذ آخر طلب",
		"pred.unit.week":               "أسابيع",
		"pred.unit.day":                "أيام",
		"pred.holdoutChart":            "اختبار الفترة المحجوزة: المشتريات الفعلية والمتوقعة",
		"pred.holdoutChart.label":      "المشتريات الفعلية {0} والمتوقعة {1} في الفترة المحجوزة حسب عدد المشتريات المتكررة السابقة",
		"pred.frequency":               "المشتريات المتكررة السابقة",
		"pred.purchases":               "المشتريات",
		"pred.actual":                  "فعلي",
		"pred.forecast":                "متوقع",
		"pred.reason.churnPAlive":      "على الأرجح لم يعد نشطًا",
		"pred.reason.churnGap":         "تأخر عن فجوته المعتادة",
		"pred.reason.churnOneOrder":    "طلب واحد قديم",
		"pred.reason.churnDetractor":   "منتقد في NPS",
		"pred.reason.churnNegative":    "مشاعر سلبية",
		"pred.reason.churnOpenTickets": "تذاكر مفتوحة",
		"pred.reason.churnCancelled":   "اشتراك ملغى",
		"pred.reason.churnPastDue":     "دفعة متأخرة",
		"pred.reason.churnEnding":      "اشتراك ينتهي",
		// The engine's texts (engine/message), said again in Arabic.
		"msg.clvFewRepeat":       "بيانات الشراء المتكرر قليلة لنموذج BG/NBD: {0} عميلًا اشتروا في يومين أو أكثر (المطلوب {1})؛ القيم الدائمة تستخدم متوسط معدل التكرار ومتوسط إنفاق كل عميل",
		"msg.clvNotConverged":    "لم يتقارب تقدير نموذج BG/NBD؛ القيم الدائمة تستخدم متوسط معدل التكرار ومتوسط إنفاق كل عميل",
		"msg.clvSpendCorrelated": "الإنفاق للطلب وعدد الطلبات مترابطان ({0})؛ قد تكون تقديرات الإنفاق في Gamma-Gamma منحازة",
		"msg.churnPAlive":        "احتمال النشاط {0}٪",
		"msg.churnGap":           "لا طلب منذ {0} يومًا، {1} ضعف فجوته المعتادة البالغة {2} يومًا",
		"msg.churnOneOrder":      "طلب واحد فقط، قبل {0} يومًا",
		"msg.churnDetractor":     "منتقد في NPS",
		"msg.churnNegative":      "مشاعر سلبية ({0} نصوص)",
		"msg.churnOpenTickets":   "تذاكر دعم مفتوحة: {0}",
		"msg.churnCancelled":     "اشتراك ملغى",
		"msg.churnPastDue":       "دفعة متأخرة",
		"msg.churnEnding":        "الاشتراك سينتهي بنهاية الفترة الحالية",
		// How the engine read a space-aligned file without a header (CDNOW).
		"msg.spaceAligned": "أعمدة تفصل بينها مسافات متتالية",
		"msg.noHeader":     "الصف الأول بيانات لا ترويسة: سُمّيت الأعمدة عمود ١، عمود ٢، …",
	})
}

// predictionFacts are the customer page's predictions: churn risk 0–100
// with its reasons in the interface's language, the probability of being
// active (absent under the fallback, where it is −1), the orders expected
// and the lifetime value over the report's horizon.
func (a *App) predictionFacts(ps *Section, pr *profile.Predictions) {
	ps.add(a.T("profile.churnRisk"), a.Tf("pred.riskOf", a.Dec(pr.ChurnRisk, 0), a.Num(100)))
	if pr.ProbabilityAlive >= 0 {
		ps.add(a.T("profile.alive"), a.Pct(pr.ProbabilityAlive))
	}
	if x := a.Predictions(); x != nil && (pr.Currency != "" || pr.CLV != 0 || pr.ExpectedOrders != 0) {
		ps.add(a.Tf("pred.expectedIn", a.Num(x.HorizonMonths)), a.Dec(pr.ExpectedOrders, 1))
		ps.add(a.Tf("pred.clvIn", a.Num(x.HorizonMonths)), a.Money(report.Money{Currency: pr.Currency, Amount: pr.CLV}))
	}
	var why []string
	for _, r := range pr.ChurnReasons {
		why = append(why, a.reasonText(r))
	}
	ps.list(a.T("profile.churnReasons"), why, false)
}

func init() {
	addCatalog(map[string]string{
		"pred.riskOf":     "{0} / {1}",
		"pred.label":      "Learned from the column “{0}”: a logistic model of {1} customers ({2} churned); cross-validated AUC {3}.",
		"pred.expectedIn": "Orders expected in {0} months",
		"pred.clvIn":      "Lifetime value, {0} months",
	}, map[string]string{
		"pred.riskOf":     "{0} من {1}",
		"pred.label":      "مُتعلَّم من العمود «{0}»: نموذج انحدار لوجستي لـ {1} عميل ({2} غادروا)؛ AUC بالتحقق المتقاطع {3}.",
		"pred.expectedIn": "الطلبات المتوقعة خلال {0} شهرًا",
		"pred.clvIn":      "القيمة الدائمة خلال {0} شهرًا",
	})
}
