package engine

import (
	"context"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/predict"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/table"
)

// predictState is what the predictions analysis keeps for profiles and detail queries.
type predictState struct {
	// slot is per customer 1 + the index of their prediction in preds,
	// or 0 for none: most customers of a large contacts file have none,
	// and 4 bytes each cost less than a prediction each. It is made at
	// the first prediction: a file of contacts alone has none, and 5
	// million customers' slots are 20 MB.
	slot      []int32
	ncust     int
	preds     []customerPrediction
	purchases map[string][]predict.Transaction
	spans     map[string]orderSpan // per currency, for the report's models
}

// orderSpan is what the report's model of one currency reads of its
// orders besides the purchases: their first and last dates, and the last
// 12 months' spend of the customers at risk. One pass over the orders
// fills every currency's.
type orderSpan struct {
	first, last int64
	atRisk      float64
}

// customerPrediction is the models' and the churn score's view of one customer.
// It is kept for every customer with a model or a score (152 bytes: the
// fields ordered without padding).
type customerPrediction struct {
	pAlive   float64
	expected float64
	clv      float64
	risk     float64
	currency string
	reasons  [maxChurnReasons]churnReason // strongest first
	nReasons uint8
	model    bool // a lifetime-value model covers the customer
	scored   bool // churn risk known
}

// churnReason is a reason for churn risk, kept as its code and numbers and
// written out only for the customers someone looks at.
type churnReason struct {
	code string
	f    float64
	n    int32
	m    int32
}

// noPrediction is what get returns for a customer without a prediction;
// it is never written.
var noPrediction customerPrediction

// get is the customer's prediction, for reading (noPrediction when none).
func (st *predictState) get(ci int) *customerPrediction {
	if ci < 0 || ci >= len(st.slot) || st.slot[ci] == 0 {
		return &noPrediction
	}
	return &st.preds[st.slot[ci]-1]
}

// at is the customer's prediction for writing, made when there is none;
// the pointer holds until the next at.
func (st *predictState) at(ci int) *customerPrediction {
	if st.slot == nil {
		st.slot = make([]int32, st.ncust)
	}
	if st.slot[ci] == 0 {
		st.preds = append(st.preds, customerPrediction{})
		st.slot[ci] = int32(len(st.preds))
	}
	return &st.preds[st.slot[ci]-1]
}

// text is the reason as engine/message writes it.
func (r churnReason) text() string {
	switch r.code {
	case "churnPAlive":
		return message.Format("churnPAlive", int(r.n))
	case "churnGap":
		return message.Format("churnGap", int(r.n), strconv.FormatFloat(r.f, 'f', -1, 64), int(r.m))
	case "churnOneOrder":
		return message.Format("churnOneOrder", int(r.n))
	case "churnDetractor":
		return message.Format("churnDetractor")
	case "churnNegative":
		return message.Format("churnNegative", int(r.n))
	case "churnOpenTickets":
		return message.Format("churnOpenTickets", int(r.n))
	case "churnCancelled":
		return message.Format("churnCancelled")
	case "churnPastDue":
		return message.Format("churnPastDue")
	case "churnEnding":
		return message.Format("churnEnding")
	}
	return ""
}

// reasonTexts are the customer's reasons as texts.
func (cp *customerPrediction) reasonTexts() []string {
	out := make([]string, cp.nReasons)
	for i := range out {
		out[i] = cp.reasons[i].text()
	}
	return out
}

// CLVOptions steer a lifetime-value analysis (qalb clv). Zero times mean:
// calibration up to the report's as-of date, no holdout.
type CLVOptions struct {
	CalibrationEnd time.Time
	HoldoutEnd     time.Time
	Period         predict.Period // predict.Week when 0
	Horizon        predict.Horizon
}

// CLVResult is the lifetime-value model of one currency's customers.
type CLVResult struct {
	Currency  string
	Model     predict.Model
	Holdout   *predict.Holdout // nil without a holdout period
	Customers []predict.Customer
	Predicted []predict.Prediction // per customer over the horizon
}

// purchases are the dated, kept orders of each currency as transactions.
// Rows of a subscriptions export are left out: a subscription's row is its
// start, not a purchase; its status speaks to churn instead.
func (s *Session) purchases() map[string][]predict.Transaction {
	if s.predictState != nil && s.predictState.purchases != nil {
		return s.predictState.purchases
	}
	out := map[string][]predict.Transaction{}
	if s.predictState != nil {
		defer func() { s.predictState.purchases = out }()
	}
	subs := make([]bool, len(s.sources))
	for si, src := range s.sources {
		subs[si] = subscriptionsFile(src.Header)
	}
	counted := func(oi int) bool {
		o := &s.orders[oi]
		return o.cust >= 0 && !o.excluded() && o.date != 0 && !subs[s.orderSource(oi)]
	}
	// Counted first, so each currency's slice is made once at its size:
	// a million orders are 16 MB of transactions, and growing by copies
	// would leave as much again behind.
	var curs fewIDs
	var count []int
	for i := range s.orders {
		s.beat(i)
		if counted(i) {
			if k := curs.index(s.orders[i].currency); k < len(count) {
				count[k]++
			} else {
				count = append(count, 1)
			}
		}
	}
	byCur := make([][]predict.Transaction, len(count))
	for k, n := range count {
		byCur[k] = make([]predict.Transaction, 0, n)
	}
	for i := range s.orders {
		s.beat(i)
		if !counted(i) {
			continue
		}
		o := &s.orders[i]
		k := curs.index(o.currency)
		byCur[k] = append(byCur[k], predict.Transaction{Customer: o.cust, Day: int32(floorDiv(o.date, 86400)), Amount: s.revenue(i)})
	}
	for k, txs := range byCur {
		out[s.strs.Value(curs.ids[k])] = txs // one id per text: the strings are interned
	}
	return out
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// CLV fits the lifetime-value models of each currency's customers.
func (s *Session) CLV(o CLVOptions) []CLVResult { return s.clv(context.Background(), o) }

func (s *Session) clv(ctx context.Context, o CLVOptions) []CLVResult {
	if o.Period == 0 {
		o.Period = predict.Week
	}
	if o.Horizon.Months == 0 {
		o.Horizon = predict.DefaultHorizon
	}
	calEnd := floorDiv(s.asOf, 86400)
	if !o.CalibrationEnd.IsZero() {
		calEnd = floorDiv(o.CalibrationEnd.Unix(), 86400)
	}
	holdEnd := int64(math.MinInt64)
	if !o.HoldoutEnd.IsZero() {
		holdEnd = floorDiv(o.HoldoutEnd.Unix(), 86400)
	}
	purchases := s.purchases()
	// Largest first, so the fits spread evenly over the cores or Workers.
	curs := slices.SortedFunc(maps.Keys(purchases), func(a, b string) int {
		if na, nb := len(purchases[a]), len(purchases[b]); na != nb {
			return nb - na
		}
		return strings.Compare(a, b)
	})
	out := make([]CLVResult, len(curs))
	s.fanOut(len(curs), func(k int, remote bool, tick func()) {
		cs := predict.Summarise(purchases[curs[k]], calEnd, holdEnd, o.Period)
		if len(cs) == 0 {
			return
		}
		m, predicted := s.fitModel(ctx, cs, o.Period, o.Horizon, remote, tick)
		r := CLVResult{Currency: curs[k], Model: m, Customers: cs, Predicted: predicted}
		if holdEnd > calEnd && r.Model.Fallback == "" {
			h := predict.CheckHoldout(r.Model.BGNBD, cs, float64(holdEnd-calEnd)/float64(o.Period), 7)
			r.Holdout = &h
		}
		out[k] = r
	})
	out = slices.DeleteFunc(out, func(r CLVResult) bool { return len(r.Customers) == 0 })
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Customers) != len(out[j].Customers) {
			return len(out[i].Customers) > len(out[j].Customers)
		}
		return out[i].Currency < out[j].Currency
	})
	return out
}

// FallbackText is the message explaining why a model fell back ("" when it did not).
func FallbackText(m predict.Model) string {
	switch m.Fallback {
	case predict.FallbackFewRepeat:
		return message.Format("clvFewRepeat", m.RepeatCustomers, predict.MinRepeatCustomers)
	case predict.FallbackNotConverged:
		return message.Format("clvNotConverged")
	}
	return ""
}

// analysePredictions fills s.Report.Predictions (left nil when there is no data for it).
func (s *Session) analysePredictions(ctx context.Context, opts Options) error {
	st := &predictState{ncust: len(s.custs)}
	s.predictState = st
	results := s.clv(ctx, CLVOptions{})
	total := 0
	for _, r := range results {
		total += len(r.Customers)
	}
	st.preds = slices.Grow(st.preds, total)
	x := &report.Predictions{Period: predict.Week.String(), HorizonMonths: predict.DefaultHorizon.Months,
		MonthlyDiscount: predict.DefaultHorizon.MonthlyDiscount, Models: []report.CLVModel{}}
	for _, r := range results {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i, c := range r.Customers {
			s.beat(i)
			// A customer buying in several currencies is described in the
			// currency of their first order, as elsewhere in the report.
			if st.get(c.ID).model && s.strs.Value(s.act(&s.custs[c.ID]).currency) != r.Currency {
				continue
			}
			p := r.Predicted[i]
			*st.at(c.ID) = customerPrediction{model: true, pAlive: p.PAlive, expected: p.Expected, clv: p.CLV, currency: r.Currency}
		}
	}
	// The holdout checks read the orders' dates alone; churn scoring runs
	// beside them (in the browser, while part Workers refit the checks).
	st.spans = s.orderSpans()
	holdouts := make([]*report.Holdout, len(results))
	var label *report.ChurnLabel
	s.fanOutBeside(len(results), func(k int, remote bool, tick func()) {
		if results[k].Model.Fallback == "" {
			holdouts[k] = s.holdoutCheck(ctx, results[k].Currency, results[k].Model.BGNBD, remote, tick)
		}
	}, func() {
		s.scoreChurn(results)
		label = s.churnLabelModel()
	})
	s.revenueAtRisk(st.spans)
	for k, r := range results {
		x.Models = append(x.Models, s.modelSection(r, holdouts[k]))
	}
	x.Churn = s.churnSection()
	x.Churn.Label = label
	st.purchases, st.spans = nil, nil // only the analysis needs them
	if len(x.Models) == 0 && x.Churn.Scored == 0 {
		return nil
	}
	s.Report.Predictions = x
	return nil
}

// modelSection is one currency's model as the report shows it, with its
// own calibration/holdout check when the orders span long enough: the
// first two thirds of the period calibrate, the last third holds out.
func (s *Session) modelSection(r CLVResult, holdout *report.Holdout) report.CLVModel {
	m := r.Model
	v := report.CLVModel{Currency: r.Currency, Customers: m.Customers, RepeatCustomers: m.RepeatCustomers,
		SpendModel: m.SpendModel, SpendCorrelation: round4(m.SpendCorrelation)}
	if t := FallbackText(m); t != "" {
		v.Notes = append(v.Notes, t)
	} else {
		v.R, v.Alpha, v.A, v.B = round4(m.BGNBD.R), round4(m.BGNBD.Alpha), round4(m.BGNBD.A), round4(m.BGNBD.B)
		v.LogLikelihood = round2(m.BGNBDFit.LogLikelihood)
		v.Converged, v.Starts, v.Agreeing = m.BGNBDFit.Converged, m.BGNBDFit.Starts, m.BGNBDFit.Agreeing
	}
	if m.SpendModel {
		v.P, v.Q, v.Gamma = round4(m.Spend.P), round4(m.Spend.Q), round4(m.Spend.Gamma)
		if math.Abs(m.SpendCorrelation) > predict.MaxSpendCorrelation {
			v.Notes = append(v.Notes, message.Format("clvSpendCorrelated", strconv.FormatFloat(round2(m.SpendCorrelation), 'f', 2, 64)))
		}
	}
	clvs := make([]float64, len(r.Predicted))
	var alive float64
	for i, p := range r.Predicted {
		clvs[i] = p.CLV
		v.TotalCLV += p.CLV
		v.ExpectedOrders += p.Expected
		if !math.IsNaN(p.PAlive) {
			alive += p.PAlive
		}
	}
	n := float64(len(r.Predicted))
	v.MeanCLV = round2(v.TotalCLV / n)
	v.TotalCLV, v.ExpectedOrders = round2(v.TotalCLV), round2(v.ExpectedOrders)
	if m.Fallback == "" {
		v.MeanPAlive = round4(alive / n)
	}
	v.CLVBins = clvBins(clvs)
	if m.Fallback == "" {
		v.AliveByRecency = aliveByRecency(r)
	}
	v.Top = topCLV(r, 20)
	v.RevenueAtRisk = round2(s.predictState.spans[r.Currency].atRisk)
	v.Holdout = holdout
	return v
}

// orderSpans reads each currency's first and last order dates in one
// pass over the orders (dated, kept orders); revenueAtRisk adds the rest
// of each orderSpan once churn risk is scored.
func (s *Session) orderSpans() map[string]orderSpan {
	var curs fewIDs
	var spans []orderSpan
	for i := range s.orders {
		s.beat(i)
		o := &s.orders[i]
		if o.cust < 0 || o.excluded() {
			continue
		}
		k := curs.index(o.currency)
		if k == len(spans) {
			spans = append(spans, orderSpan{})
		}
		sp := &spans[k]
		if o.date != 0 {
			if sp.first == 0 || o.date < sp.first {
				sp.first = o.date
			}
			sp.last = max(sp.last, o.date)
		}
	}
	out := make(map[string]orderSpan, len(spans))
	for k, sp := range spans {
		out[s.strs.Value(curs.ids[k])] = sp
	}
	return out
}

// fewIDs numbers the distinct values of a column that has few of them
// (currencies), in the order they come: a scan of a handful costs less
// per order than a map's hash.
type fewIDs struct {
	ids []uint32
	at  map[uint32]int // made once there are more than fewIDsScan
}

const fewIDsScan = 16

// index is id's number, given it at its first time.
func (f *fewIDs) index(id uint32) int {
	if f.at == nil {
		for k, v := range f.ids {
			if v == id {
				return k
			}
		}
		if len(f.ids) < fewIDsScan {
			f.ids = append(f.ids, id)
			return len(f.ids) - 1
		}
		f.at = make(map[uint32]int, 2*len(f.ids))
		for k, v := range f.ids {
			f.at[v] = k
		}
	}
	k, ok := f.at[id]
	if !ok {
		k = len(f.ids)
		f.ids = append(f.ids, id)
		f.at[id] = k
	}
	return k
}

// revenueAtRisk sets each currency's revenue at risk in spans: the last
// 12 months' spend of the customers whose churn risk is 50 or more.
func (s *Session) revenueAtRisk(spans map[string]orderSpan) {
	from := s.asOf - 365*86400
	byID := map[uint32]float64{}
	for i := range s.orders {
		s.beat(i)
		o := &s.orders[i]
		if o.cust < 0 || o.excluded() {
			continue
		}
		if o.date > from && o.date <= s.asOf {
			if cp := s.predictState.get(int(o.cust)); cp.scored && cp.risk >= 50 {
				byID[o.currency] += s.revenue(i)
			}
		}
	}
	for id, v := range byID {
		cur := s.strs.Value(id)
		sp := spans[cur]
		sp.atRisk = v
		spans[cur] = sp
	}
}

// holdoutCheck refits the BG/NBD model on the first two thirds of the
// order period and compares its forecast of the last third with what
// happened; nil when the period is shorter than 12 weeks or the
// calibration part cannot support the model. With remote, a task
// elsewhere does the work (holdoutOf there) from the currency's purchases.
func (s *Session) holdoutCheck(ctx context.Context, cur string, model predict.BGNBD, remote bool, tick func()) *report.Holdout {
	sp := s.predictState.spans[cur]
	txs := s.purchases()[cur]
	if remote && min(s.asOf, sp.last)-sp.first >= holdoutMinSpan {
		var w wireWriter
		w.bgnbd(model)
		w.int(int(sp.first))
		w.int(int(sp.last))
		w.int(int(s.asOf))
		w.transactions(txs)
		if out, err := s.tasks.Run(ctx, taskHoldout, w.b); err == nil {
			r := &wireReader{b: out}
			h := r.holdout()
			if r.err == nil {
				return h
			}
		}
	}
	return holdoutOf(txs, sp.first, sp.last, s.asOf, model, tick)
}

// holdoutMinSpan is the shortest order period checked on a holdout.
const holdoutMinSpan = 12 * 7 * 86400

// holdoutOf is holdoutCheck's work on one currency's purchases, dated
// first to last.
func holdoutOf(txs []predict.Transaction, first, last, asOf int64, model predict.BGNBD, tick func()) *report.Holdout {
	end := min(asOf, last)
	if end-first < holdoutMinSpan {
		return nil
	}
	calEnd := first + (end-first)*2/3
	cs := predict.Summarise(txs, floorDiv(calEnd, 86400), floorDiv(end, 86400), predict.Week)
	// A check, not the model: on many customers the BG/NBD model (the one
	// checked; the spend model is not needed) is refitted on an evenly
	// spread sample of them, which tells as much for a fraction of the
	// time; its forecast is then compared with what all of them did.
	fitOn := cs
	if n := len(cs); n > holdoutSample {
		fitOn = make([]predict.Customer, holdoutSample)
		for i := range fitOn {
			fitOn[i] = cs[i*n/holdoutSample]
		}
	}
	repeat := 0
	for _, c := range fitOn {
		if c.Frequency > 0 {
			repeat++
		}
	}
	if repeat < predict.MinRepeatCustomers {
		return nil
	}
	bg, fit, err := predict.FitBGNBDFrom(fitOn, model, tick)
	if err != nil || !fit.Converged {
		return nil
	}
	h := predict.CheckHoldout(bg, cs, float64(floorDiv(end, 86400)-floorDiv(calEnd, 86400))/7, 7)
	out := &report.Holdout{CalibrationEnd: day(calEnd), HoldoutEnd: day(end), Periods: round2(h.Periods),
		Actual: h.Actual, Predicted: round2(h.Predicted)}
	for _, b := range h.Buckets {
		out.Buckets = append(out.Buckets, report.HoldoutBucket{Frequency: b.Frequency, Customers: b.Customers,
			Actual: b.Actual, Predicted: round2(b.Predicted)})
	}
	return out
}

// holdoutSample is the most customers the report's holdout check fits.
const holdoutSample = 25000

// clvBins spreads lifetime values over 10 bins of equal width from 0 to
// the 99th percentile, the last bin holding everything above.
func clvBins(v []float64) []report.Bin {
	if len(v) == 0 {
		return nil
	}
	sorted := append([]float64(nil), v...)
	sort.Float64s(sorted)
	hi := sorted[int(0.99*float64(len(sorted)-1))]
	if hi <= 0 {
		hi = sorted[len(sorted)-1]
	}
	if hi <= 0 {
		return []report.Bin{{From: 0, To: 0, Count: len(v)}}
	}
	width := niceWidth(hi / 10)
	bins := make([]report.Bin, 10)
	for i := range bins {
		bins[i] = report.Bin{From: round2(float64(i) * width), To: round2(float64(i+1) * width)}
	}
	for _, x := range sorted {
		bins[min(int(x/width), 9)].Count++
	}
	bins[9].To = round2(math.Max(bins[9].To, sorted[len(sorted)-1]))
	return bins
}

// niceWidth rounds a bin width up to 1, 2 or 5 times a power of ten.
func niceWidth(w float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(w)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= w {
			return m * p
		}
	}
	return 10 * p
}

// aliveByRecency is the mean P(alive) by periods since the last purchase,
// in 10 bins of equal width up to the oldest.
func aliveByRecency(r CLVResult) []report.RecencyAlive {
	maxR := 0.0
	for _, c := range r.Customers {
		maxR = math.Max(maxR, c.Age-c.Recency)
	}
	width := niceWidth(math.Max(maxR, 1) / 10)
	var bins []report.RecencyAlive
	sums := map[int]float64{}
	counts := map[int]int{}
	for i, c := range r.Customers {
		b := int((c.Age - c.Recency) / width)
		sums[b] += r.Predicted[i].PAlive
		counts[b]++
	}
	keys := make([]int, 0, len(counts))
	for b := range counts {
		keys = append(keys, b)
	}
	sort.Ints(keys)
	for _, b := range keys {
		bins = append(bins, report.RecencyAlive{Periods: round2(float64(b) * width), Customers: counts[b], PAlive: round4(sums[b] / float64(counts[b]))})
	}
	return bins
}

func topCLV(r CLVResult, n int) []report.CustomerCLV {
	idx := make([]int, len(r.Customers))
	for i := range idx {
		idx[i] = i
	}
	// CLV high to low, then customer number: a total order, so any sort
	// gives the same list.
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp(r.Predicted[b].CLV, r.Predicted[a].CLV); c != 0 {
			return c
		}
		return r.Customers[a].ID - r.Customers[b].ID
	})
	var out []report.CustomerCLV
	for _, i := range idx[:min(n, len(idx))] {
		p := r.Predicted[i]
		c := report.CustomerCLV{Customer: r.Customers[i].ID, CLV: round2(p.CLV), Expected: round4(p.Expected)}
		if !math.IsNaN(p.PAlive) {
			c.PAlive = round4(p.PAlive)
		}
		out = append(out, c)
	}
	return out
}

// Churn risk. Each signal is a probability-like weight; they combine as a
// noisy OR, 1 − Π(1 − wᵢ), so any one strong signal is enough and more
// signals raise the risk without passing 100. The model's weight is
// 1 − P(alive); without a fitted model, the gap since the last order
// against the customer's usual gap (or the customers' median gap for a
// one-order customer) gives since/(since + k·gap): one half at k = 2 gaps.
// Feedback and subscription weights are fixed judgements, documented in
// docs/report.md, since the data holds no outcome to learn them from.
const (
	churnGapK          = 2.0
	weightDetractor    = 0.3
	weightNegative     = 0.2
	weightOpenTickets  = 0.15
	weightCancelled    = 1.0
	weightPastDue      = 0.5
	weightEnding       = 0.9
	maxChurnReasons    = 3
	churnHigh, churnMd = 70.0, 40.0
)

type churnSignal struct {
	weight float64
	reason churnReason // code "" for none
}

// scoreChurn scores every customer who has orders, feedback, tickets or a
// subscription status.
func (s *Session) scoreChurn(results []CLVResult) {
	st := s.predictState
	// Usual gap between purchase days per customer, and the median over
	// repeat customers for those with one order. Made only when a model
	// has customers: a file of millions of contacts without orders has
	// none, and would pay 10 bytes a customer for nothing.
	var gaps []float64
	var hasGap, fallback []bool
	for _, r := range results {
		if len(r.Customers) > 0 {
			gaps = make([]float64, len(s.custs))
			hasGap = make([]bool, len(s.custs))
			fallback = make([]bool, len(s.custs))
			break
		}
	}
	var all []float64
	for _, r := range results {
		for _, c := range r.Customers {
			if r.Model.Fallback != "" {
				fallback[c.ID] = true
			}
			if c.Frequency > 0 {
				g := float64(c.LastDay-c.FirstDay) / c.Frequency
				gaps[c.ID], hasGap[c.ID] = g, true
				all = append(all, g)
			}
		}
	}
	sort.Float64s(all)
	median := 30.0
	if len(all) > 0 {
		median = all[len(all)/2]
	}
	subs := s.subscriptionStatus()
	var sig []churnSignal // reused: nothing is allocated per customer
	for ci := range s.custs {
		s.beat(ci)
		c := &s.custs[ci]
		cp := st.get(ci) // read-only until it is scored below
		sig = sig[:0]
		if cp.model && s.act(c).lastOrder != 0 && gaps != nil {
			since := float64(floorDiv(s.asOf, 86400) - floorDiv(s.act(c).lastOrder, 86400))
			gap, repeat := gaps[ci], hasGap[ci]
			if !repeat {
				gap = median
			}
			gap = math.Max(gap, 1)
			if !math.IsNaN(cp.pAlive) && !fallback[ci] {
				var reason churnReason
				if cp.pAlive < 0.5 {
					reason = churnReason{code: "churnPAlive", n: int32(math.Round(cp.pAlive * 100))}
				}
				sig = append(sig, churnSignal{1 - cp.pAlive, reason})
			} else {
				sig = append(sig, churnSignal{since / (since + churnGapK*gap), churnReason{}})
			}
			switch {
			case repeat && since > churnGapK*gap:
				sig = append(sig, churnSignal{0, churnReason{code: "churnGap", n: int32(since), f: math.Round(since/gap*10) / 10, m: int32(math.Round(gap))}})
			case !repeat && since > churnGapK*gap:
				sig = append(sig, churnSignal{0, churnReason{code: "churnOneOrder", n: int32(since)}})
			}
		}
		if s.npsCategory(ci) == "detractor" {
			sig = append(sig, churnSignal{weightDetractor, churnReason{code: "churnDetractor"}})
		}
		if score, n := s.customerSentiment(ci); n > 0 && score <= -0.05 {
			sig = append(sig, churnSignal{weightNegative, churnReason{code: "churnNegative", n: int32(n)}})
		}
		if s.act(c).open > 0 {
			sig = append(sig, churnSignal{weightOpenTickets, churnReason{code: "churnOpenTickets", n: s.act(c).open}})
		}
		switch subs[ci] {
		case subCancelled:
			sig = append(sig, churnSignal{weightCancelled, churnReason{code: "churnCancelled"}})
		case subPastDue:
			sig = append(sig, churnSignal{weightPastDue, churnReason{code: "churnPastDue"}})
		case subEnding:
			sig = append(sig, churnSignal{weightEnding, churnReason{code: "churnEnding"}})
		}
		if len(sig) == 0 {
			continue
		}
		cp = st.at(ci)
		keep := 1.0
		for _, g := range sig {
			keep *= 1 - math.Min(math.Max(g.weight, 0), 1)
		}
		cp.scored = true
		cp.risk = math.Round((1-keep)*1000) / 10
		// Reasons, strongest first; the gap, which explains the model's
		// weight rather than adding to it, comes after the weighted ones.
		slices.SortStableFunc(sig, func(a, b churnSignal) int { return cmp(b.weight, a.weight) })
		cp.nReasons = 0
		for _, g := range sig {
			if g.reason.code != "" && cp.nReasons < maxChurnReasons {
				cp.reasons[cp.nReasons] = g.reason
				cp.nReasons++
			}
		}
	}
}

const (
	subNone = iota
	subCancelled
	subPastDue
	subEnding // cancelled, running to the end of the paid period
)

// subscriptionStatus reads each customer's latest subscription status from
// the status column of sources that hold customers' standing rather than
// single sales: contacts and other kinds but tickets, and orders files
// that are subscriptions (a Stripe subscriptions export is read as
// payments; its header names the billing period). Stripe's canceled,
// unpaid, past_due and incomplete_expired count, the usual words for a
// customer who left, and "Cancel At Period End" set on a live subscription.
func (s *Session) subscriptionStatus() map[int]int {
	out := map[int]int{}
	latest := map[int]int64{}
	for si, src := range s.sources {
		if src.Kind == ingest.Tickets || (src.Kind == ingest.Orders && !subscriptionsFile(src.Header)) {
			continue
		}
		status := src.Column(ingest.Status)
		if status == nil {
			continue
		}
		var atEnd *table.Column
		for _, c := range src.Table.Columns {
			if n := strings.ToLower(strings.Join(strings.FieldsFunc(c.Name, func(r rune) bool { return r == '_' || r == ' ' }), " ")); n == "cancel at period end" {
				atEnd = c
			}
		}
		date := src.Column(ingest.Date)
		cache := map[uint32]int{}
		for row, ci := range s.rowCust[si] {
			if ci < 0 || status.IsNull(row) {
				continue
			}
			id := status.Str[row]
			v, ok := cache[id]
			if !ok {
				v = subscriptionWord(s.strs.Value(id))
				cache[id] = v
			}
			var t int64
			if date != nil && !date.IsNull(row) {
				t = date.Time[row]
			}
			if prev, seen := latest[int(ci)]; seen && t < prev {
				continue
			}
			if v == subNone && atEnd != nil && atEnd.Type == table.String && !atEnd.IsNull(row) {
				if b, ok := ingest.ParseBool([]byte(s.strs.Value(atEnd.Str[row]))); ok && b {
					v = subEnding
				}
			}
			latest[int(ci)] = t
			out[int(ci)] = v
		}
	}
	return out
}

// subscriptionsFile reports whether an orders file's header is that of a
// subscriptions export: it names a billing period or a plan's interval.
func subscriptionsFile(header []string) bool {
	for _, h := range header {
		h = strings.ToLower(h)
		if strings.Contains(h, "subscription") || strings.Contains(h, "current period") ||
			strings.Contains(h, "current_period") || strings.Contains(h, "cancel at period end") ||
			strings.Contains(h, "cancel_at_period_end") {
			return true
		}
	}
	return false
}

func subscriptionWord(v string) int {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "canceled", "cancelled", "churned", "ended", "expired", "incomplete_expired", "inactive", "unsubscribed", "ملغى", "ملغي", "منتهي":
		return subCancelled
	case "past_due", "past due", "unpaid", "overdue", "متأخر":
		return subPastDue
	}
	return subNone
}

// churnSection summarises the scores.
func (s *Session) churnSection() report.Churn {
	var ch report.Churn
	reasons := map[string]int{}
	var ids []int
	for ci := range s.predictState.slot {
		cp := s.predictState.get(ci)
		if !cp.scored {
			continue
		}
		ch.Scored++
		switch {
		case cp.risk >= churnHigh:
			ch.High++
		case cp.risk >= churnMd:
			ch.Medium++
		default:
			ch.Low++
		}
		for _, r := range cp.reasons[:cp.nReasons] {
			reasons[r.code]++
		}
		ids = append(ids, ci)
	}
	ch.Reasons = top(reasons, 0)
	if ch.Reasons == nil {
		ch.Reasons = []report.Count{}
	}
	st := s.predictState
	// Risk high to low, then customer number (ids ascend).
	slices.SortFunc(ids, func(a, b int) int {
		if c := cmp(st.get(b).risk, st.get(a).risk); c != 0 {
			return c
		}
		return a - b
	})
	for _, ci := range ids[:min(50, len(ids))] {
		ch.Top = append(ch.Top, report.ChurnRow{Customer: ci, Risk: st.get(ci).risk, Reasons: st.get(ci).reasonTexts()})
	}
	return ch
}

// predictProfile adds the predictions analysis' view of one customer to the profile.
func (s *Session) predictProfile(id int, p *profile.Profile) {
	if s.predictState == nil {
		return
	}
	cp := s.predictState.get(id)
	if !cp.model && !cp.scored {
		return
	}
	pp := &profile.Predictions{ChurnRisk: cp.risk, ChurnReasons: cp.reasonTexts(), Currency: cp.currency,
		ProbabilityAlive: -1}
	if cp.model {
		pp.ExpectedOrders, pp.CLV = round4(cp.expected), round2(cp.clv)
		if !math.IsNaN(cp.pAlive) {
			pp.ProbabilityAlive = round4(cp.pAlive)
		}
	}
	p.Predictions = pp
}

// churnRisk is the customer's churn risk 0..100; ok is false when the
// customer could not be scored. Other analyses read it.
func (s *Session) churnRisk(ci int) (risk float64, ok bool) {
	if s.predictState == nil || !s.predictState.get(ci).scored {
		return 0, false
	}
	return s.predictState.get(ci).risk, true
}

// customerCLV is the customer's predicted lifetime value in currency; ok is
// false when there is none. Other analyses read it.
func (s *Session) customerCLV(ci int) (clv float64, currency string, ok bool) {
	if s.predictState == nil || !s.predictState.get(ci).model {
		return 0, "", false
	}
	cp := s.predictState.get(ci)
	return cp.clv, cp.currency, true
}

// CustomerKey is the customer's first key as people read it
// ("id:00004", "email:a@example.com"), for per-customer exports.
func (s *Session) CustomerKey(ci int) string {
	s.buildDetailIndex()
	if ci < 0 || ci >= len(s.custs) {
		return ""
	}
	if keys := s.keysOf.of(ci); len(keys) > 0 {
		return s.keyText(keys[0])
	}
	return ""
}

// churnLabels finds a column saying who churned ("Churned", "Churn",
// "Exited", "Attrition", "Is churned"…, yes/no, true/false or 1/0) and
// reads each customer's latest label: the column name and label by customer.
func (s *Session) churnLabels() (string, map[int]bool) {
	for si, src := range s.sources {
		for _, c := range src.Table.Columns {
			if !churnLabelName(c.Name) {
				continue
			}
			labels := map[int]bool{}
			for row, ci := range s.rowCust[si] {
				if ci < 0 || c.IsNull(row) {
					continue
				}
				var v, ok bool
				switch c.Type {
				case table.String:
					v, ok = ingest.ParseBool([]byte(s.strs.Value(c.Str[row])))
				case table.Float, table.Int:
					f := c.Float[row]
					v, ok = f == 1, f == 0 || f == 1
				}
				if ok {
					labels[int(ci)] = v
				}
			}
			if len(labels) > 0 {
				return c.Name, labels
			}
		}
	}
	return "", nil
}

func churnLabelName(name string) bool {
	n := strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' || r == '?' {
			return -1
		}
		return unicode.ToLower(r)
	}, name)
	switch n {
	case "churn", "churned", "ischurned", "haschurned", "churnlabel", "churnflag", "exited", "attrition", "attritionflag", "customerchurn", "مغادر", "منسحب":
		return true
	}
	return false
}

// minLabelClass is the fewest customers of each label for a logistic model.
const minLabelClass = 10

// churnLabelModel fits a logistic model of the churn label, when the data
// has one, on what is known of each customer (recency, tenure, orders,
// spend, tickets, NPS, sentiment and the heuristic risk), reports its
// cross-validated AUC, and makes its probability the churn risk.
func (s *Session) churnLabelModel() *report.ChurnLabel {
	column, labels := s.churnLabels()
	if len(labels) == 0 {
		return nil
	}
	ids := make([]int, 0, len(labels))
	churned := 0
	for ci, v := range labels {
		ids = append(ids, ci)
		if v {
			churned++
		}
	}
	if churned < minLabelClass || len(ids)-churned < minLabelClass {
		return nil
	}
	sort.Ints(ids)
	features := func(ci int) []float64 {
		c := &s.custs[ci]
		days := func(t int64) float64 {
			if t == 0 {
				return 0
			}
			return float64(s.asOf-t) / 86400
		}
		detractor := 0.0
		if s.npsCategory(ci) == "detractor" {
			detractor = 1
		}
		sentiment, _ := s.customerSentiment(ci)
		cp := s.predictState.get(ci)
		return []float64{days(s.lastSeen(c)), days(s.firstSeen(c)), float64(s.act(c).orders), math.Log1p(math.Max(s.act(c).spend, 0)),
			float64(s.act(c).tickets), float64(s.act(c).open), detractor, sentiment, cp.risk / 100}
	}
	x := make([][]float64, len(ids))
	y := make([]bool, len(ids))
	for i, ci := range ids {
		x[i], y[i] = features(ci), labels[ci]
	}
	auc := predict.CrossValidatedAUC(x, y, 5)
	m := predict.FitLogistic(x, y)
	for ci := range s.custs {
		if _, labelled := labels[ci]; !s.predictState.get(ci).scored && !labelled {
			continue
		}
		risk := math.Round(m.Probability(features(ci))*1000) / 10
		cp := s.predictState.at(ci)
		cp.scored, cp.risk = true, risk
	}
	out := &report.ChurnLabel{Column: column, Customers: len(ids), Churned: churned}
	if !math.IsNaN(auc) {
		out.AUC = round4(auc)
	}
	return out
}
