package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sync"
	"testing"

	"github.com/qalbhq/qalb/engine/predict"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/segment"
	"github.com/qalbhq/qalb/fixtures/gen/synth"
)

// inProcessTasks runs tasks through their wire format on goroutines, as
// the browser's part Workers do in other instances of the engine.
type inProcessTasks struct {
	free int
	mu   sync.Mutex
	runs map[string]int
	fail bool // every task fails: the caller must run it itself
}

func (t *inProcessTasks) Free() int { return t.free }

func (t *inProcessTasks) Run(ctx context.Context, kind string, input []byte) ([]byte, error) {
	t.mu.Lock()
	t.runs[kind]++
	t.mu.Unlock()
	if t.fail {
		return nil, context.Canceled
	}
	return RunTask(kind, bytes.Clone(input))
}

// The lifetime-value models, holdout checks and clusters' candidate k's
// fitted by tasks elsewhere give the report fitted here, byte for byte,
// and a task that fails is fitted here.
func TestTasksGiveTheSameReport(t *testing.T) {
	var buf bytes.Buffer
	if _, err := synth.WriteNarrowOrders(&buf, 12_000, 3); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	analyse := func(tasks Tasks) []byte {
		in := []Input{{Name: "orders.csv", Size: int64(len(data)), Open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data)), nil
		}}}
		s, err := Analyze(context.Background(), in, Options{Tasks: tasks}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.Report.Predictions == nil || len(s.Report.Predictions.Models) < 3 {
			t.Fatalf("want several currencies' models, got %+v", s.Report.Predictions)
		}
		checked := 0
		for _, m := range s.Report.Predictions.Models {
			if m.Holdout != nil && len(m.Holdout.Buckets) > 0 {
				checked++
			}
		}
		if checked == 0 {
			t.Fatalf("no model has a holdout check")
		}
		if s.Report.Segments == nil || s.Report.Segments.Clusters == nil || len(s.Report.Segments.Clusters.Tried) < 2 {
			t.Fatalf("want clusters chosen among several k, got %+v", s.Report.Segments)
		}
		b, err := json.Marshal(s.Report)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	here := analyse(nil)
	elsewhere := &inProcessTasks{free: 2, runs: map[string]int{}}
	if got := analyse(elsewhere); !bytes.Equal(got, here) {
		t.Errorf("the report with tasks elsewhere differs from the one fitted here")
	}
	for _, kind := range []string{taskModel, taskHoldout, taskKFit} {
		if elsewhere.runs[kind] == 0 {
			t.Errorf("tasks run elsewhere: %v, want every kind", elsewhere.runs)
		}
	}
	failing := &inProcessTasks{free: 2, runs: map[string]int{}, fail: true}
	if got := analyse(failing); !bytes.Equal(got, here) {
		t.Errorf("the report with failing tasks differs from the one fitted here")
	}
	if failing.runs[taskModel] == 0 {
		t.Errorf("no task was tried")
	}
}

// The wire format keeps every float exactly, NaN and infinities included,
// and refuses input cut short instead of reading past it.
func TestTaskWire(t *testing.T) {
	m := predict.Model{Period: predict.Week, Customers: 3, BGNBD: predict.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426},
		BGNBDFit:         predict.Fit{LogLikelihood: math.Inf(-1), Status: "NBD limit: Failure", Starts: 3, Agreeing: 1},
		SpendCorrelation: math.NaN(), Fallback: predict.FallbackNotConverged, MeanSpend: 1.0 / 3}
	var w wireWriter
	w.model(m)
	r := &wireReader{b: w.b}
	got := r.model()
	if r.err != nil || len(r.b) != 0 {
		t.Fatalf("read: %v, %d bytes left", r.err, len(r.b))
	}
	if !math.IsNaN(got.SpendCorrelation) || !math.IsInf(got.BGNBDFit.LogLikelihood, -1) {
		t.Errorf("NaN/Inf lost: %v %v", got.SpendCorrelation, got.BGNBDFit.LogLikelihood)
	}
	got.SpendCorrelation, m.SpendCorrelation = 0, 0
	if got != m {
		t.Errorf("model %+v, want %+v", got, m)
	}
	w = wireWriter{}
	w.int(int(predict.Week))
	w.int(12)
	w.float(0.01)
	w.customers([]predict.Customer{{ID: 1, Frequency: 2, Recency: 3, Age: 4}})
	for cut := 0; cut < len(w.b); cut++ {
		if _, err := RunTask(taskModel, w.b[:cut]); err == nil {
			t.Fatalf("input cut at %d of %d bytes: no error", cut, len(w.b))
		}
	}
	w = wireWriter{}
	w.int(int(predict.Week))
	w.int(12)
	w.float(0.01)
	w.int(1 << 60) // a count no input can hold
	if _, err := RunTask(taskModel, w.b); err == nil {
		t.Error("a huge count: no error")
	}
	w = wireWriter{}
	w.kfit(&segment.KFit{K: 2, D: 2, Rows: []float32{0, 0, 1, 1, 5, 5, float32(math.NaN()), 6}, Sil: []int32{0, 1, 2, 3}})
	out, err := RunTask(taskKFit, w.b)
	if err != nil {
		t.Fatal(err)
	}
	r = &wireReader{b: out}
	if cent, s := r.float32s(), r.float(); r.err != nil || len(cent) != 4 || len(r.b) != 0 {
		t.Errorf("k-means task: %v %v %v", cent, s, r.err)
	}
	for cut := 0; cut < len(w.b); cut++ {
		if _, err := RunTask(taskKFit, w.b[:cut]); err == nil {
			t.Fatalf("k-means input cut at %d of %d bytes: no error", cut, len(w.b))
		}
	}
	for _, bad := range []segment.KFit{
		{K: 3, D: 2, Rows: []float32{0, 0, 1, 1}},                   // more centres than rows
		{K: 2, D: 3, Rows: []float32{0, 0, 1, 1}},                   // rows cut short
		{K: 2, D: 2, Rows: []float32{0, 0, 1, 1}, Sil: []int32{2}},  // a silhouette row past the sample
		{K: 2, D: 0, Rows: []float32{0, 0, 1, 1}, Sil: []int32{-1}}, // no columns
	} {
		w = wireWriter{}
		w.kfit(&bad)
		if _, err := RunTask(taskKFit, w.b); err == nil {
			t.Errorf("k-means task %+v: no error", bad)
		}
	}
	for _, h := range []*report.Holdout{nil, {CalibrationEnd: "2024-01-01", Periods: math.NaN()},
		{HoldoutEnd: "2024-06-30", Actual: 12, Predicted: 11.5, Buckets: []report.HoldoutBucket{{Frequency: 1, Customers: 3, Actual: 2, Predicted: math.Inf(1)}}}} {
		w = wireWriter{}
		w.holdout(h)
		r = &wireReader{b: w.b}
		got := r.holdout()
		// %#v tells nil buckets from none, and prints NaN as NaN
		same := (got == nil) == (h == nil) && (h == nil || fmt.Sprintf("%#v", *got) == fmt.Sprintf("%#v", *h))
		if r.err != nil || len(r.b) != 0 || !same {
			t.Errorf("holdout %+v came back %+v (%v)", h, got, r.err)
		}
	}
	w = wireWriter{}
	w.bgnbd(predict.BGNBD{R: 1, Alpha: 2, A: 3, B: 4})
	w.int(0)
	w.int(200 * 86400)
	w.int(200 * 86400)
	w.transactions([]predict.Transaction{{Customer: 1, Day: 3, Amount: 9.5}, {Customer: 1, Day: 90, Amount: 4}})
	if _, err := RunTask(taskHoldout, w.b); err != nil {
		t.Errorf("holdout task: %v", err)
	}
	for cut := 0; cut < len(w.b); cut++ {
		if _, err := RunTask(taskHoldout, w.b[:cut]); err == nil {
			t.Fatalf("holdout input cut at %d of %d bytes: no error", cut, len(w.b))
		}
	}
	if _, err := RunTask("nope", nil); err == nil {
		t.Error("an unknown task: no error")
	}
}
