//go:build js && wasm

// These tests run the worker's message protocol in Node (GOOS=js
// GOARCH=wasm go test -exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec"),
// with Node's Blob standing in for the browser's; site/e2e/worker.test.mjs
// runs the same protocol in Chromium.

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"syscall/js"
	"testing"
	"testing/iotest"
	"time"
)

func jsBlob(b []byte) js.Value {
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	return js.Global().Get("Blob").New([]any{arr})
}

func TestBlobReader(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 1000, chunkSize - 1, chunkSize, chunkSize + 1, 2*chunkSize + 12345} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(rnd.IntN(256))
		}
		blob := jsBlob(data)
		r := newBlobReader(t.Context(), "x.bin", blob, int64(n))
		got, err := io.ReadAll(r)
		r.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("size %d: read %d bytes, err %v, equal %v", n, len(got), err, bytes.Equal(got, data))
		}
		if n <= chunkSize+1 {
			r := newBlobReader(t.Context(), "x.bin", blob, int64(n))
			if err := iotest.TestReader(iotest.HalfReader(r), data); err != nil {
				t.Errorf("size %d: %v", n, err)
			}
			r.Close()
		}
	}
	// Closing with a chunk in flight must not leave a released callback behind.
	data := bytes.Repeat([]byte("abcdefgh"), chunkSize/4)
	r := newBlobReader(t.Context(), "x.bin", jsBlob(data), int64(len(data)))
	var p [10]byte
	if _, err := r.Read(p[:]); err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := r.Read(p[:]); err == nil {
		t.Error("Read after Close succeeded")
	}
	yieldToEventLoop()
}

// page is the main thread, as seen from the worker.
type page struct {
	t    *testing.T
	w    *worker
	msgs chan js.Value
	all  []map[string]any
}

func newPage(t *testing.T) *page {
	p := &page{t: t, msgs: make(chan js.Value, 1<<16)}
	scope := js.Global().Get("Object").New()
	post := js.FuncOf(func(this js.Value, args []js.Value) any {
		p.msgs <- args[0]
		return nil
	})
	t.Cleanup(post.Release)
	scope.Set("postMessage", post)
	p.w = newWorker(scope)
	return p
}

func (p *page) send(m map[string]any) {
	p.w.handle(js.Undefined(), []js.Value{js.ValueOf(m)})
}

// decode turns a posted message into Go values (via JSON, as a test sees it).
func decode(v js.Value) map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", v).String()), &m); err != nil {
		panic(err)
	}
	return m
}

// until collects messages for id until one of the given types arrives.
func (p *page) until(id any, types ...string) (last map[string]any, progress []map[string]any) {
	p.t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case v := <-p.msgs:
			m := decode(v)
			p.all = append(p.all, m)
			if fmt.Sprint(m["id"]) != fmt.Sprint(id) {
				continue
			}
			for _, t := range types {
				if m["type"] == t {
					return m, progress
				}
			}
			if m["type"] == "progress" || m["type"] == "overview" {
				progress = append(progress, m)
				continue
			}
			p.t.Fatalf("unexpected message %v", m)
		case <-deadline:
			p.t.Fatalf("no %v for %v in 60 s", types, id)
		}
	}
}

func contactsCSV(n int) string {
	var b strings.Builder
	b.WriteString("Email,First Name,Last Name,Country\n")
	for i := range n {
		fmt.Fprintf(&b, "customer%d@example.com,Name%d,Family%d,DE\n", i, i, i)
	}
	return b.String()
}

func TestAnalyzeQueryCancel(t *testing.T) {
	p := newPage(t)

	// Query before any analysis.
	p.send(map[string]any{"type": "query", "id": "q0", "query": map[string]any{"what": "customers"}})
	if m, _ := p.until("q0", "error"); m["code"] != codeNoSession {
		t.Errorf("query before analysis: %v", m)
	}

	csv := contactsCSV(1000)
	p.send(map[string]any{"type": "analyze", "id": 1, "files": []any{jsBlob([]byte(csv))}, "names": []any{"contacts.csv"}})
	early, prog := p.until(1, "overview", "result", "error")
	if early["type"] != "overview" {
		t.Fatalf("analyze: %v before an overview", early)
	}
	res, more := p.until(1, "result", "error")
	if res["type"] != "result" {
		t.Fatalf("analyze: %v", res)
	}
	for _, m := range more {
		if m["type"] != "progress" {
			t.Errorf("after the overview: %v", m)
		}
	}
	prog = append(prog, more...)
	// The overview is the final report without the analyses' sections.
	var final map[string]json.RawMessage
	if err := json.Unmarshal([]byte(res["report"].(string)), &final); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"feedback", "sentiment", "segments", "predictions", "behaviour"} {
		delete(final, k)
	}
	want, _ := json.Marshal(final)
	var summary map[string]json.RawMessage
	if err := json.Unmarshal([]byte(early["overview"].(string)), &summary); err != nil {
		t.Fatal(err)
	}
	if g, _ := json.Marshal(summary); !bytes.Equal(g, want) {
		t.Errorf("overview %s\nis not the result's summary %s", g, want)
	}
	if len(prog) == 0 {
		t.Error("no progress message")
	}
	if res["parts"] != float64(1) {
		t.Errorf("result parts %v, want 1 (no part Workers here)", res["parts"])
	}
	for _, k := range []string{"stage", "bytes", "totalBytes", "rows", "elapsedMs", "rowsPerSec"} {
		if len(prog) > 0 && prog[0][k] == nil {
			t.Errorf("progress lacks %s: %v", k, prog[0])
		}
	}
	if len(prog) > 0 && prog[0]["totalBytes"] != float64(len(csv)) {
		t.Errorf("totalBytes %v, want %d", prog[0]["totalBytes"], len(csv))
	}
	var rep struct {
		Rows    struct{ Read, Used int }
		Sources []struct{ File string }
	}
	if err := json.Unmarshal([]byte(res["report"].(string)), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Rows.Read != 1000 || len(rep.Sources) != 1 || rep.Sources[0].File != "contacts.csv" {
		t.Errorf("report: rows %+v sources %+v", rep.Rows, rep.Sources)
	}

	p.send(map[string]any{"type": "query", "id": "q1", "query": map[string]any{"what": "customers", "limit": 5}})
	ans, _ := p.until("q1", "answer")
	var page struct {
		Total     int
		Customers []struct{ ID int }
	}
	if err := json.Unmarshal([]byte(ans["result"].(string)), &page); err != nil || page.Total == 0 || len(page.Customers) == 0 {
		t.Fatalf("customers answer %v: %v", ans, err)
	}
	p.send(map[string]any{"type": "query", "id": "q2", "query": map[string]any{"what": "customer", "customer": page.Customers[0].ID}})
	ans, _ = p.until("q2", "answer")
	if !strings.Contains(ans["result"].(string), `"id":`) {
		t.Errorf("customer answer: %v", ans)
	}
	p.send(map[string]any{"type": "query", "id": "q3", "query": map[string]any{"what": "customer", "customer": 1 << 30}})
	if m, _ := p.until("q3", "error"); m["code"] != codeNotFound {
		t.Errorf("unknown customer: %v", m)
	}

	// Cancel a bigger analysis once it is under way.
	big := []byte(contactsCSV(300000))
	p.send(map[string]any{"type": "analyze", "id": 2, "files": []any{jsBlob(big)}, "names": []any{"big.csv"}})
	got := false
	deadline := time.After(60 * time.Second)
	for !got {
		select {
		case v := <-p.msgs:
			m := decode(v)
			if m["id"] == 2.0 && m["type"] == "progress" {
				p.send(map[string]any{"type": "cancel", "id": 2})
				got = true
			} else if m["id"] == 2.0 {
				t.Fatalf("before cancel: %v", m)
			}
		case <-deadline:
			t.Fatal("no progress on the big file")
		}
	}
	if m, _ := p.until(2, "cancelled", "result", "error"); m["type"] != "cancelled" {
		t.Fatalf("cancel: %v", m)
	}
	// The cancelled analysis replaced the session.
	p.send(map[string]any{"type": "query", "id": "q4", "query": map[string]any{"what": "customers"}})
	if m, _ := p.until("q4", "error"); m["code"] != codeNoSession {
		t.Errorf("query after cancel: %v", m)
	}
}

func TestBadMessages(t *testing.T) {
	p := newPage(t)
	cases := []map[string]any{
		{"type": "analyze", "id": "a", "files": "nope"},
		{"type": "analyze", "id": "b", "files": []any{}},
		{"type": "analyze", "id": "c", "files": []any{"not a blob"}},
		{"type": "analyze", "id": "d", "files": []any{jsBlob([]byte("a\n1\n"))}, "mapping": map[string]any{"files": 3}},
		{"type": "analyze", "id": "d1", "files": []any{jsBlob([]byte("a\n1\n"))}, "parts": 0},
		{"type": "analyze", "id": "d2", "files": []any{jsBlob([]byte("a\n1\n"))}, "parts": 1.5},
		{"type": "analyze", "id": "d3", "files": []any{jsBlob([]byte("a\n1\n"))}, "parts": "two"},
		{"type": "frobnicate", "id": "e"},
		{"type": "query", "id": "f", "query": map[string]any{"what": "everything"}},
		{"type": "query", "id": "g"},
	}
	for _, c := range cases {
		p.send(c)
		if m, _ := p.until(c["id"], "error"); m["code"] != codeBadRequest || m["message"] == "" {
			t.Errorf("%v: %v", c, m)
		}
	}
	p.w.handle(js.Undefined(), []js.Value{js.ValueOf("just a string")})
	if m, _ := p.until(nil, "error"); m["code"] != codeBadRequest {
		t.Errorf("string message: %v", m)
	}
}

// TestPanicIsAnError feeds a Blob whose reads throw: the JavaScript
// exception becomes a Go panic inside the analysis, which must come back as
// an error message, with the worker still answering afterwards.
func TestPanicIsAnError(t *testing.T) {
	p := newPage(t)
	evil := js.Global().Get("Object").Call("create", js.Global().Get("Blob").Get("prototype"))
	throw := js.Global().Get("Function").New("throw new Error('hostile blob')")
	evil = js.Global().Get("Object").Call("create", js.Global().Get("Blob").Get("prototype"), map[string]any{
		"slice": map[string]any{"value": throw},
		"size":  map[string]any{"value": 100},
		"name":  map[string]any{"value": "evil.csv"},
	})
	p.send(map[string]any{"type": "analyze", "id": 7, "files": []any{evil}})
	m, _ := p.until(7, "error", "result")
	if m["type"] == "result" {
		// An engine may record an unreadable file in the report instead.
		if !strings.Contains(m["report"].(string), "hostile blob") {
			t.Errorf("hostile blob: %v", m)
		}
	} else if m["code"] != codeInternal && m["code"] != codeFailed {
		t.Errorf("hostile blob: %v", m)
	}
	p.send(map[string]any{"type": "analyze", "id": 8, "files": []any{jsBlob([]byte(contactsCSV(10)))}})
	if m, _ := p.until(8, "result", "error"); m["type"] != "result" {
		t.Errorf("after a panic: %v", m)
	}
}

// BenchmarkBlobReader measures the Blob → Go copy path alone (Node's Blob).
func BenchmarkBlobReader(b *testing.B) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 2<<20) // 32 MiB
	blob := jsBlob(data)
	b.SetBytes(int64(len(data)))
	buf := make([]byte, 512<<10)
	for b.Loop() {
		r := newBlobReader(b.Context(), "x", blob, int64(len(data)))
		if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}

// After each analysis the engine collects what only building needed, and
// a new analysis releases the last Session first: the live heap after the
// same analysis run again, and after many queries, stays where it was.
func TestHeapDoesNotGrowAcrossAnalysesAndQueries(t *testing.T) {
	p := newPage(t)
	csv := []byte(contactsCSV(20000))
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var after []uint64
	for i := range 3 {
		p.send(map[string]any{"type": "analyze", "id": i + 1, "files": []any{jsBlob(csv)}, "names": []any{"contacts.csv"}})
		if m, _ := p.until(i+1, "result", "error"); m["type"] != "result" {
			t.Fatalf("analyze: %v", m)
		}
		for q := range 10 {
			id := fmt.Sprintf("q%d-%d", i, q)
			p.send(map[string]any{"type": "query", "id": id, "query": map[string]any{"what": "customers", "offset": q * 50, "sort": "name"}})
			p.until(id, "answer")
		}
		after = append(after, live())
	}
	t.Logf("live heap after each analysis and its queries: %v", after)
	if after[2] > after[0]+after[0]/4 {
		t.Errorf("the live heap grows across analyses: %v bytes", after)
	}
}
