//go:build js && wasm

// Command engine is Qalb's analysis engine inside a dedicated Web Worker.
//
// site/worker.js loads wasm_exec.js, fetches and instantiates engine.wasm
// (the only request the worker makes) and runs this program, which registers
// its message handler and posts {type:"ready", protocol:1}. From then on the
// page talks to it with the messages of protocol v1, documented with every
// field in docs/protocol.md:
//
//	analyze  files (File/Blob objects) → progress… → overview (the Report's summary) → progress… → result (the Report as a JSON string)
//	cancel   → cancelled
//	query    customers page / one customer / a survey's comments / sentiment texts / a segment / a segment's CSV / a funnel → answer (a JSON string; CSV text for export)
//	         anything wrong → error
//
// Files are never read whole: each is streamed from the Blob in chunks
// (blob.slice(a, b).arrayBuffer(), awaited from Go over a channel while the
// JavaScript event loop keeps turning) through an io.Reader. The Session of
// the last analysis stays here; only pages of it cross to the page.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
)

// Protocol is the version of the message protocol (docs/protocol.md).
const Protocol = 1

// Error codes of {type:"error"} messages.
const (
	codeBadRequest = "bad-request" // the message itself is malformed
	codeNoSession  = "no-session"  // a query before any analysis finished
	codeNotFound   = "not-found"   // no such customer
	codeFailed     = "failed"      // the analysis failed (e.g. no files)
	codeInternal   = "internal"    // a bug: a recovered panic
)

func main() {
	// As in cmd/qalb: the engine's heap has few pointers, so collecting
	// early costs little and keeps the Worker's memory near the live data.
	debug.SetGCPercent(30)
	if js.Global().Get("qalbPartWorker").Truthy() {
		runPartWorker() // a Worker that reads parts of files for the engine Worker (parts.go)
		select {}
	}
	w := newWorker(js.Global())
	w.resources = prefetchTextResources()
	w.post(map[string]any{
		"type":     "ready",
		"protocol": Protocol,
		"engine":   engine.Version,
	})
	handler := js.FuncOf(w.handle)
	if start := js.Global().Get("qalbEngineStarted"); start.Type() == js.TypeFunction {
		// worker.js queued the messages that arrived while engine.wasm was
		// loading; it hands them over now, in order.
		start.Invoke(handler)
	} else {
		js.Global().Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
			return handler.Invoke(args[0].Get("data"))
		}))
	}
	select {}
}

// worker is the engine's state inside the Worker.
type worker struct {
	scope js.Value // the worker's global scope: postMessage goes through it

	session *engine.Session // the last finished analysis, for queries
	job     *job            // the running analysis, if any
	seq     int             // analyses started, to tell jobs apart

	resources <-chan struct{} // closed once the text resources are here (nil: nothing to wait for)
}

// job is one running analysis.
type job struct {
	seq    int
	id     js.Value
	cancel context.CancelFunc
}

func newWorker(scope js.Value) *worker {
	return &worker{scope: scope}
}

// handle is the message handler. It runs as a JavaScript callback, so it
// must never block: the work happens in goroutines.
func (w *worker) handle(this js.Value, args []js.Value) (ret any) {
	defer func() {
		if r := recover(); r != nil {
			logError("qalb engine: bad message:", fmt.Sprint(r))
			w.postError(js.Null(), codeBadRequest, fmt.Sprint("bad message: ", r), "", 0)
		}
	}()
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		w.postError(js.Null(), codeBadRequest, "a message must be an object with a type", "", 0)
		return nil
	}
	msg := args[0]
	id := msg.Get("id")
	if id.IsUndefined() {
		id = js.Null()
	}
	typ := msg.Get("type")
	if typ.Type() != js.TypeString {
		w.postError(id, codeBadRequest, "a message must be an object with a type", "", 0)
		return nil
	}
	switch typ.String() {
	case "analyze":
		w.startAnalysis(id, msg)
	case "cancel":
		if j := w.job; j != nil && (id.IsNull() || j.id.Equal(id)) {
			j.cancel()
		}
	case "query":
		go w.query(id, msg.Get("query"))
	default:
		w.postError(id, codeBadRequest, fmt.Sprintf("unknown message type %q", typ.String()), "", 0)
	}
	return nil
}

// startAnalysis cancels the running analysis, if any, forgets the last
// Session (a new analyze replaces it, and holding both would double the
// memory a big analysis needs) and starts the new one.
func (w *worker) startAnalysis(id js.Value, msg js.Value) {
	am, err := parseAnalyze(msg)
	if err != nil {
		w.postError(id, codeBadRequest, err.Error(), "", 0)
		return
	}
	if w.job != nil {
		w.job.cancel()
	}
	w.session = nil
	// The last Session is garbage from here; collect it before the new
	// analysis grows the heap, so the two never add up.
	runtime.GC()
	ctx, cancel := context.WithCancel(context.Background())
	w.seq++
	j := &job{seq: w.seq, id: id, cancel: cancel}
	w.job = j
	go w.analyze(ctx, j, am)
}

// analyzeMsg is what an analyze message asks for.
type analyzeMsg struct {
	files []fileInput
	opts  engine.Options
	parts int // most Workers to read a file with; 0: all there are
}

// parseAnalyze reads the files, names, mapping and parts of an analyze message.
func parseAnalyze(msg js.Value) (analyzeMsg, error) {
	var am analyzeMsg
	if p := msg.Get("parts"); !p.IsUndefined() && !p.IsNull() {
		if p.Type() != js.TypeNumber || p.Float() < 1 || p.Float() != float64(p.Int()) {
			return am, errors.New("analyze: parts must be a whole number, at least 1")
		}
		am.parts = p.Int()
	}
	var err error
	am.files, am.opts, err = parseFiles(msg)
	return am, err
}

// parseFiles reads the files, names and mapping of an analyze message.
func parseFiles(msg js.Value) ([]fileInput, engine.Options, error) {
	opts := engine.Options{TextResources: textResource}
	files := msg.Get("files")
	if files.Type() != js.TypeObject || files.Get("length").Type() != js.TypeNumber {
		return nil, opts, errors.New("analyze: files must be an array of File or Blob objects")
	}
	names := msg.Get("names")
	blob := js.Global().Get("Blob")
	n := files.Length()
	if n == 0 {
		return nil, opts, errors.New("analyze: no files")
	}
	inputs := make([]fileInput, n)
	seen := map[string]int{}
	for i := range n {
		f := files.Index(i)
		if f.Type() != js.TypeObject || !f.InstanceOf(blob) {
			return nil, opts, fmt.Errorf("analyze: files[%d] is not a File or Blob", i)
		}
		name := ""
		if names.Type() == js.TypeObject && i < names.Length() && names.Index(i).Type() == js.TypeString {
			name = names.Index(i).String()
		}
		if name == "" && f.Get("name").Type() == js.TypeString {
			name = f.Get("name").String()
		}
		if name == "" {
			name = "file-" + strconv.Itoa(i+1)
		}
		// Two files of the same name would be indistinguishable in the
		// report and in a mapping: the second becomes "name (2)".
		base := name
		for seen[name] > 0 {
			seen[base]++
			name = fmt.Sprintf("%s (%d)", base, seen[base])
		}
		seen[name]++
		inputs[i] = fileInput{name: name, blob: f, size: int64(f.Get("size").Float())}
	}
	if m := msg.Get("mapping"); !m.IsUndefined() && !m.IsNull() {
		var text string
		switch m.Type() {
		case js.TypeString: // a Go UI may send the mapping already encoded
			text = m.String()
		case js.TypeObject:
			text = js.Global().Get("JSON").Call("stringify", m).String()
		default:
			return nil, opts, errors.New("analyze: mapping must be an object")
		}
		if err := json.Unmarshal([]byte(text), &opts.Mapping); err != nil {
			return nil, opts, fmt.Errorf("analyze: mapping: %v", err)
		}
	}
	if a := msg.Get("asOf"); a.Type() == js.TypeString && a.String() != "" {
		t, err := time.Parse("2006-01-02", a.String())
		if err != nil {
			return nil, opts, fmt.Errorf("analyze: asOf must be YYYY-MM-DD: %v", err)
		}
		opts.AsOf = t
	}
	return inputs, opts, nil
}

// fileInput is one File or Blob to analyse.
type fileInput struct {
	name string
	blob js.Value
	size int64
}

// analyze runs one analysis and posts its outcome: result, cancelled or error.
func (w *worker) analyze(ctx context.Context, j *job, am analyzeMsg) {
	files, opts := am.files, am.opts
	start := time.Now()
	pool := newPartPool(files, am.parts)
	if pool != nil {
		ctx = ingest.WithPartReader(ctx, pool)
		opts.Tasks = pool
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	prog := newProgress(w, j.id, start, total)
	defer func() {
		prog.stop()
		j.cancel()
		if pool != nil {
			pool.pool.Call("heal") // part Workers that failed start again, after the analysis
		}
		if w.job == j {
			w.job = nil
		}
		if r := recover(); r != nil {
			logError("qalb engine: panic during analysis:", fmt.Sprint(r), "\n"+string(debug.Stack()))
			w.postError(j.id, codeInternal, fmt.Sprintf("internal error: %v", r), prog.file(), 0)
		}
	}()

	if w.resources != nil {
		<-w.resources // fetched before the analysis reads anything, never during it
	}
	inputs := make([]engine.Input, len(files))
	for i, f := range files {
		inputs[i] = engine.Input{
			Name: f.name,
			Size: f.size,
			Open: func() (io.ReadCloser, error) {
				r := newBlobReader(ctx, f.name, f.blob, f.size)
				r.onRead = prog.read
				return r, nil
			},
		}
	}
	opts.Overview = func(r *report.Report) { w.postOverview(ctx, j, r) }
	sess, err := engine.Analyze(ctx, inputs, opts, prog.update)
	prog.stop()
	stages := prog.stageTimes()
	if ctx.Err() != nil {
		// Cancelled, whether the engine noticed or finished first: the
		// page asked for nothing, so it gets nothing but "cancelled".
		w.post(map[string]any{"type": "cancelled", "id": j.id})
		return
	}
	if err != nil {
		var pe *ingest.ParseError
		if errors.As(err, &pe) {
			w.postError(j.id, codeFailed, err.Error(), pe.File, pe.Line)
		} else {
			w.postError(j.id, codeFailed, err.Error(), "", 0)
		}
		return
	}
	report, err := json.Marshal(sess.Report)
	if err != nil {
		w.postError(j.id, codeInternal, "encoding the report: "+err.Error(), "", 0)
		return
	}
	if ctx.Err() != nil { // cancelled or superseded while the report was encoded
		w.post(map[string]any{"type": "cancelled", "id": j.id})
		return
	}
	w.session = sess
	parts, tasks, kinds := 1, 0, map[string]any{}
	if pool != nil {
		parts, tasks = pool.most, pool.tasks
		for k, n := range pool.kinds {
			kinds[k] = n
		}
	}
	w.post(map[string]any{
		"type":      "result",
		"id":        j.id,
		"report":    string(report),
		"elapsedMs": float64(time.Since(start).Microseconds()) / 1000,
		"rows":      float64(prog.last.Rows),
		"parts":     parts,
		"tasks":     tasks,
		"taskKinds": kinds,
		"stages":    stages,
		"heapBytes": float64(heapBytes()),
	})
	// What only building needed (the report's bytes, the analyses' scratch)
	// is garbage now: collect it before the page starts asking questions,
	// so the heap the queries grow from is the Session alone.
	debug.FreeOSMemory()
}

// postOverview posts the report's summary as soon as the engine has it
// (engine.Options.Overview): the page shows the overview's figures while
// the analyses run. Not after a cancel: the page asked for nothing more.
func (w *worker) postOverview(ctx context.Context, j *job, r *report.Report) {
	b, err := json.Marshal(r)
	if err != nil || ctx.Err() != nil {
		return // the result will say what went wrong
	}
	w.post(map[string]any{"type": "overview", "id": j.id, "overview": string(b)})
}

// queryMsg is the query field of a query message.
type queryMsg struct {
	What      string                 `json:"what"`
	Customer  *int                   `json:"customer"`
	Sentiment *engine.SentimentQuery `json:"sentiment"` // what: "sentiment"
	engine.CustomerQuery
}

// query answers a question about the last Session.
func (w *worker) query(id js.Value, q js.Value) {
	defer func() {
		if r := recover(); r != nil {
			logError("qalb engine: panic during query:", fmt.Sprint(r), "\n"+string(debug.Stack()))
			w.postError(id, codeInternal, fmt.Sprintf("internal error: %v", r), "", 0)
		}
	}()
	if q.Type() != js.TypeObject {
		w.postError(id, codeBadRequest, "query: missing query object", "", 0)
		return
	}
	var qm queryMsg
	text := js.Global().Get("JSON").Call("stringify", q).String()
	if err := json.Unmarshal([]byte(text), &qm); err != nil {
		w.postError(id, codeBadRequest, "query: "+err.Error(), "", 0)
		return
	}
	if w.segmentQuery(id, qm.What, []byte(text)) || w.behaviourQuery(id, qm.What, text) {
		return
	}
	switch qm.What {
	case "verbatims":
		w.verbatims(id, text)
		return
	case "customers", "sentiment":
	case "customer":
		if qm.Customer == nil {
			w.postError(id, codeBadRequest, "query: customer needs a customer id", "", 0)
			return
		}
	default:
		w.postError(id, codeBadRequest, fmt.Sprintf("query: unknown what %q (customers, customer, verbatims, sentiment, segment, export, funnel, funnel-dropped, journey)", qm.What), "", 0)
		return
	}
	sess := w.session
	if sess == nil {
		w.postError(id, codeNoSession, "query: no finished analysis to ask about", "", 0)
		return
	}
	var result any
	switch qm.What {
	case "customers":
		result = sess.Customers(qm.CustomerQuery)
	case "sentiment":
		result = sentimentAnswer(sess, qm.Sentiment)
	case "customer":
		p, err := sess.Customer(*qm.Customer)
		if err != nil {
			w.postError(id, codeNotFound, err.Error(), "", 0)
			return
		}
		result = p
	}
	b, err := json.Marshal(result)
	if err != nil {
		w.postError(id, codeInternal, "query: encoding the answer: "+err.Error(), "", 0)
		return
	}
	w.post(map[string]any{"type": "answer", "id": id, "what": qm.What, "result": string(b)})
}

// verbatims answers a query for a page of a survey's comments
// (what: "verbatims", engine.VerbatimQuery).
func (w *worker) verbatims(id js.Value, text string) {
	var q engine.VerbatimQuery
	if err := json.Unmarshal([]byte(text), &q); err != nil {
		w.postError(id, codeBadRequest, "query: "+err.Error(), "", 0)
		return
	}
	if w.session == nil {
		w.postError(id, codeNoSession, "query: no finished analysis to ask about", "", 0)
		return
	}
	b, err := json.Marshal(w.session.Verbatims(q))
	if err != nil {
		w.postError(id, codeInternal, "query: encoding the answer: "+err.Error(), "", 0)
		return
	}
	w.post(map[string]any{"type": "answer", "id": id, "what": "verbatims", "result": string(b)})
}

// post sends a message to the page.
func (w *worker) post(m map[string]any) {
	w.scope.Call("postMessage", js.ValueOf(m))
}

func (w *worker) postError(id js.Value, code, message, file string, line int) {
	m := map[string]any{"type": "error", "id": id, "code": code, "message": message}
	if file != "" {
		m["file"] = file
	}
	if line > 0 {
		m["line"] = line
	}
	w.post(m)
}

func logError(args ...any) {
	js.Global().Get("console").Call("error", strings.TrimSpace(fmt.Sprintln(args...)))
}
