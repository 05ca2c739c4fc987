package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"

	"github.com/qalbhq/qalb/engine/predict"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/segment"
)

// Tasks runs pieces of an analysis in other instances of the engine: in
// the browser, where Go has one thread, the part Workers that read a large
// file in parts are idle once it is read, and the lifetime-value models of
// several currencies, their holdout checks and the clusters' candidate k's
// are independent fits that can run there at once. A task is a kind and its input, both bytes; the
// other instance answers with RunTask. Natively the engine runs the same
// fits on goroutines instead, and needs no Tasks.
type Tasks interface {
	// Free is how many tasks can run elsewhere at once now.
	Free() int
	// Run runs RunTask(kind, input) in another instance and returns its
	// output. It blocks its goroutine only; an error (the instance
	// stopped, ctx cancelled) makes the caller run the task itself.
	Run(ctx context.Context, kind string, input []byte) ([]byte, error)
}

// Task kinds.
const (
	taskModel   = "clv-model" // predict.NewModel + PredictAll of one currency's customers
	taskHoldout = "holdout"   // holdoutOf: one currency's holdout check
	taskKFit    = "kmeans-k"  // segment.KFit.Run: one candidate k of the clusters
)

// RunTask runs a task sent by another instance's Tasks and returns its
// output.
func RunTask(kind string, input []byte) ([]byte, error) {
	r := &wireReader{b: input}
	var w wireWriter
	switch kind {
	case taskModel:
		period := predict.Period(r.int())
		h := predict.Horizon{Months: r.int(), MonthlyDiscount: r.float()}
		cs := r.customers()
		if r.err != nil {
			return nil, r.err
		}
		m := predict.NewModel(cs, period)
		w.model(m)
		w.predictions(m.PredictAll(cs, h))
	case taskHoldout:
		model := r.bgnbd()
		first, last, asOf := int64(r.int()), int64(r.int()), int64(r.int())
		txs := r.transactions()
		if r.err != nil {
			return nil, r.err
		}
		w.holdout(holdoutOf(txs, first, last, asOf, model, nil))
	case taskKFit:
		f := r.kfit()
		if r.err != nil {
			return nil, r.err
		}
		res := f.Run()
		w.float32s(res.Cent)
		w.float(res.Silhouette)
	default:
		return nil, fmt.Errorf("engine: unknown task %q", kind)
	}
	return w.b, nil
}

// fitModel is one currency's model and its predictions, fitted here or by
// a task elsewhere (the same code, so the same numbers).
func (s *Session) fitModel(ctx context.Context, cs []predict.Customer, period predict.Period, h predict.Horizon, remote bool, tick func()) (predict.Model, []predict.Prediction) {
	if remote {
		var w wireWriter
		w.int(int(period))
		w.int(h.Months)
		w.float(h.MonthlyDiscount)
		w.customers(cs)
		if out, err := s.tasks.Run(ctx, taskModel, w.b); err == nil {
			r := &wireReader{b: out}
			m := r.model()
			ps := r.predictions(len(cs))
			if r.err == nil {
				return m, ps
			}
		}
	}
	m := predict.NewModelTicking(cs, period, tick)
	return m, m.PredictAll(cs, h)
}

// fitK fits the clusters' candidate k's (segment.Columns.FitK), largest
// k first, here and by tasks elsewhere.
func (s *Session) fitK(ctx context.Context, fits []segment.KFit) []segment.KResult {
	out := make([]segment.KResult, len(fits))
	s.fanOut(len(fits), func(j int, remote bool, tick func()) {
		i := len(fits) - 1 - j // the larger k, the longer its fit
		if remote {
			var w wireWriter
			w.kfit(&fits[i])
			if b, err := s.tasks.Run(ctx, taskKFit, w.b); err == nil {
				r := &wireReader{b: b}
				res := segment.KResult{Cent: r.float32s(), Silhouette: r.float()}
				if r.err == nil && len(res.Cent) == fits[i].K*fits[i].D {
					out[i] = res
					return
				}
			}
		}
		if tick != nil {
			tick()
		}
		out[i] = fits[i].Run()
	})
	return out
}

// fanOut calls f(k, remote, tick) for k = 0…n-1, like inParallel, and
// where the analysis has Tasks, also on the other instances: while jobs
// are left, each free instance takes the next with remote true, and this
// one the next with remote false. Jobs should come largest first.
func (s *Session) fanOut(n int, f func(k int, remote bool, tick func())) {
	s.fanOutBeside(n, f, nil)
}

// fanOutBeside is fanOut with work that only this instance can do and that
// is independent of the jobs: beside (when not nil) runs while the other
// instances take jobs, and this one joins them when it is done; natively,
// beside runs on a goroutine of its own beside the jobs'.
func (s *Session) fanOutBeside(n int, f func(k int, remote bool, tick func()), beside func()) {
	free := 0
	if s.tasks != nil {
		free = s.tasks.Free()
		if beside == nil {
			free = min(free, n-1) // this instance takes one at least
		}
		free = min(free, n)
	}
	if free <= 0 {
		done := make(chan struct{})
		if beside != nil {
			go func() {
				beside()
				close(done)
			}()
		} else {
			close(done)
		}
		s.inParallel(n, func(k int, tick func()) { f(k, false, tick) })
		<-done
		return
	}
	next := make(chan int, n)
	for k := range n {
		next <- k
	}
	close(next)
	done := make(chan struct{}, free)
	for range free {
		go func() {
			for k := range next {
				f(k, true, nil)
			}
			done <- struct{}{}
		}()
	}
	// With one thread (the browser) a goroutine runs only when this one
	// waits: let the others hand their first jobs out before this one
	// takes one to compute.
	runtime.Gosched()
	if beside != nil {
		beside()
	}
	for k := range next {
		f(k, false, s.tick)
	}
	for range free {
		<-done
	}
}

// wireWriter and wireReader encode the tasks' inputs and outputs: little-
// endian numbers, floats as their bits (so NaN and ±Inf, which the fits
// can give, survive, and every value comes back exactly).
type wireWriter struct{ b []byte }

func (w *wireWriter) u64(v uint64)    { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *wireWriter) int(v int)       { w.u64(uint64(int64(v))) }
func (w *wireWriter) float(v float64) { w.u64(math.Float64bits(v)) }
func (w *wireWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}
func (w *wireWriter) string(v string) { w.int(len(v)); w.b = append(w.b, v...) }

func (w *wireWriter) float32s(v []float32) {
	w.int(len(v))
	for _, f := range v {
		w.b = binary.LittleEndian.AppendUint32(w.b, math.Float32bits(f))
	}
}

func (w *wireWriter) int32s(v []int32) {
	w.int(len(v))
	for _, n := range v {
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(n))
	}
}

func (w *wireWriter) kfit(f *segment.KFit) {
	w.int(f.K)
	w.int(f.D)
	w.float32s(f.Rows)
	w.int32s(f.Sil)
}

func (w *wireWriter) transactions(txs []predict.Transaction) {
	w.int(len(txs))
	for _, t := range txs {
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(t.Customer))
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(t.Day))
		w.float(t.Amount)
	}
}

// holdout writes a holdout check, or its absence.
func (w *wireWriter) holdout(h *report.Holdout) {
	w.bool(h != nil)
	if h == nil {
		return
	}
	w.string(h.CalibrationEnd)
	w.string(h.HoldoutEnd)
	w.float(h.Periods)
	w.float(h.Actual)
	w.float(h.Predicted)
	w.bool(h.Buckets != nil)
	w.int(len(h.Buckets))
	for _, b := range h.Buckets {
		w.int(b.Frequency)
		w.int(b.Customers)
		w.float(b.Actual)
		w.float(b.Predicted)
	}
}

func (w *wireWriter) customers(cs []predict.Customer) {
	w.int(len(cs))
	for _, c := range cs {
		w.int(c.ID)
		for _, v := range [...]float64{c.Frequency, c.Recency, c.Age, c.Spend, c.Holdout, c.Total} {
			w.float(v)
		}
		w.int(int(c.FirstDay))
		w.int(int(c.LastDay))
	}
}

func (w *wireWriter) bgnbd(m predict.BGNBD) {
	for _, v := range [...]float64{m.R, m.Alpha, m.A, m.B} {
		w.float(v)
	}
}

func (w *wireWriter) fit(f predict.Fit) {
	w.float(f.LogLikelihood)
	w.bool(f.Converged)
	w.string(f.Status)
	w.int(f.Iterations)
	w.int(f.Evaluations)
	w.float(f.GradientNorm)
	w.int(f.Starts)
	w.int(f.Agreeing)
}

func (w *wireWriter) model(m predict.Model) {
	w.int(int(m.Period))
	w.int(m.Customers)
	w.int(m.RepeatCustomers)
	w.bgnbd(m.BGNBD)
	w.fit(m.BGNBDFit)
	w.float(m.Spend.P)
	w.float(m.Spend.Q)
	w.float(m.Spend.Gamma)
	w.fit(m.SpendFit)
	w.float(m.SpendCorrelation)
	w.bool(m.SpendModel)
	w.string(m.Fallback)
	w.float(m.RepeatRate)
	w.float(m.MeanSpend)
}

func (w *wireWriter) predictions(ps []predict.Prediction) {
	w.int(len(ps))
	for _, p := range ps {
		for _, v := range [...]float64{p.PAlive, p.Expected, p.Spend, p.CLV} {
			w.float(v)
		}
	}
}

type wireReader struct {
	b   []byte
	err error
}

var errWire = errors.New("engine: task data cut short")

func (r *wireReader) take(n int) []byte {
	if r.err != nil || n < 0 || len(r.b) < n {
		r.err = errWire
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *wireReader) u64() uint64 {
	if v := r.take(8); v != nil {
		return binary.LittleEndian.Uint64(v)
	}
	return 0
}
func (r *wireReader) int() int       { return int(int64(r.u64())) }
func (r *wireReader) float() float64 { return math.Float64frombits(r.u64()) }
func (r *wireReader) bool() bool {
	v := r.take(1)
	return v != nil && v[0] == 1
}
func (r *wireReader) string() string { return string(r.take(r.int())) }

// count reads a length of items of at least size bytes each, refusing one
// the rest of the input cannot hold.
func (r *wireReader) count(size int) int {
	n := r.int()
	if n < 0 || n > len(r.b)/size {
		r.err = errWire
		return 0
	}
	return n
}

func (r *wireReader) float32s() []float32 {
	v := make([]float32, r.count(4))
	for i := range v {
		if b := r.take(4); b != nil {
			v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b))
		}
	}
	return v
}

func (r *wireReader) int32s() []int32 {
	v := make([]int32, r.count(4))
	for i := range v {
		if b := r.take(4); b != nil {
			v[i] = int32(binary.LittleEndian.Uint32(b))
		}
	}
	return v
}

// kfit reads a candidate k, refusing one whose sizes disagree (Run would
// index out of its rows).
func (r *wireReader) kfit() segment.KFit {
	f := segment.KFit{K: r.int(), D: r.int()}
	f.Rows = r.float32s()
	f.Sil = r.int32s()
	if r.err != nil {
		return f
	}
	m := 0
	if f.D > 0 {
		m = len(f.Rows) / f.D
	}
	ok := f.D > 0 && len(f.Rows)%f.D == 0 && f.K >= 1 && f.K <= m && f.K <= math.MaxInt16 && len(f.Sil) <= m
	for _, p := range f.Sil {
		ok = ok && p >= 0 && int(p) < m
	}
	if !ok {
		r.err = errWire
	}
	return f
}

func (r *wireReader) transactions() []predict.Transaction {
	txs := make([]predict.Transaction, r.count(16))
	for i := range txs {
		if b := r.take(8); b != nil {
			txs[i].Customer = int32(binary.LittleEndian.Uint32(b))
			txs[i].Day = int32(binary.LittleEndian.Uint32(b[4:]))
		}
		txs[i].Amount = r.float()
	}
	return txs
}

func (r *wireReader) holdout() *report.Holdout {
	if !r.bool() || r.err != nil {
		return nil
	}
	h := &report.Holdout{CalibrationEnd: r.string(), HoldoutEnd: r.string(), Periods: r.float(), Actual: r.float(), Predicted: r.float()}
	made := r.bool()
	n := r.count(32)
	if made {
		h.Buckets = make([]report.HoldoutBucket, 0, n)
	}
	for range n {
		h.Buckets = append(h.Buckets, report.HoldoutBucket{Frequency: r.int(), Customers: r.int(), Actual: r.float(), Predicted: r.float()})
	}
	return h
}

func (r *wireReader) customers() []predict.Customer {
	cs := make([]predict.Customer, r.count(72))
	for i := range cs {
		c := &cs[i]
		c.ID = r.int()
		for _, v := range [...]*float64{&c.Frequency, &c.Recency, &c.Age, &c.Spend, &c.Holdout, &c.Total} {
			*v = r.float()
		}
		c.FirstDay = int64(r.int())
		c.LastDay = int64(r.int())
	}
	return cs
}

func (r *wireReader) bgnbd() predict.BGNBD {
	return predict.BGNBD{R: r.float(), Alpha: r.float(), A: r.float(), B: r.float()}
}

func (r *wireReader) fit() predict.Fit {
	return predict.Fit{LogLikelihood: r.float(), Converged: r.bool(), Status: r.string(), Iterations: r.int(),
		Evaluations: r.int(), GradientNorm: r.float(), Starts: r.int(), Agreeing: r.int()}
}

func (r *wireReader) model() predict.Model {
	m := predict.Model{Period: predict.Period(r.int()), Customers: r.int(), RepeatCustomers: r.int()}
	m.BGNBD = r.bgnbd()
	m.BGNBDFit = r.fit()
	m.Spend = predict.GammaGamma{P: r.float(), Q: r.float(), Gamma: r.float()}
	m.SpendFit = r.fit()
	m.SpendCorrelation = r.float()
	m.SpendModel = r.bool()
	m.Fallback = r.string()
	m.RepeatRate = r.float()
	m.MeanSpend = r.float()
	return m
}

// predictions reads want predictions; any other number is an error.
func (r *wireReader) predictions(want int) []predict.Prediction {
	n := r.count(32)
	if r.err == nil && n != want {
		r.err = errWire
	}
	ps := make([]predict.Prediction, n)
	for i := range ps {
		ps[i] = predict.Prediction{PAlive: r.float(), Expected: r.float(), Spend: r.float(), CLV: r.float()}
	}
	return ps
}
