//go:build js && wasm

package main

// Go in WebAssembly runs on one thread, so the engine Worker reads a large
// CSV file in parts with other Workers running this same program: the
// part Workers worker.js starts with the engine (qalbParts). The engine
// Worker reads the first part itself and hands each later one, as an
// ingest part spec, to an idle part Worker, which reads its byte range of
// the same File (ingest.ReadPart) and posts the part's table back as
// transferred ArrayBuffers; ingest.Load joins them as it joins parts read
// on threads natively. A part Worker that fails leaves its range to the
// engine Worker, which reads it itself.

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"syscall/js"
	"time"

	"github.com/qalbhq/qalb/engine/ingest"
)

// partPool is the ingest.PartReader of one analysis.
type partPool struct {
	pool  js.Value             // worker.js's qalbParts
	limit int                  // most parts a file is read in (the analyze message's parts; 0: as many as there are Workers)
	files map[string]fileInput // the analysis' files by name
	most  int                  // most Workers any file was read by at once
	// by is, per file, the part Workers that read parts of it.
	by    map[string]map[int]bool
	tasks int // tasks of the analyses run by part Workers (tasks.go)
}

// newPartPool returns the pool of part Workers for an analysis of files,
// or nil where worker.js started none.
func newPartPool(files []fileInput, limit int) *partPool {
	pool := js.Global().Get("qalbParts")
	if pool.Type() != js.TypeObject {
		return nil
	}
	pp := &partPool{pool: pool, limit: limit, files: map[string]fileInput{}, most: 1, by: map[string]map[int]bool{}}
	for _, f := range files {
		pp.files[f.name] = f
	}
	return pp
}

// Parts is the engine Worker plus the part Workers running.
func (pp *partPool) Parts() int {
	n := 1 + pp.pool.Call("workers").Int()
	if pp.limit > 0 {
		n = min(n, pp.limit)
	}
	return n
}

// Done counts the Workers that read file: the engine Worker and the part
// Workers whose parts were joined.
func (pp *partPool) Done(file string, parts int) {
	if parts > 1 {
		pp.most = max(pp.most, 1+min(parts-1, len(pp.by[file])))
	}
}

// partResult is what a part Worker answered.
type partResult struct {
	segs   js.Value // an Array of ArrayBuffers
	worker int      // which part Worker read it
	err    string
}

// ReadPart has the next free part Worker read the part and waits for its
// segments. A cancelled ctx cancels the part Worker's reading.
func (pp *partPool) ReadPart(ctx context.Context, file string, start int64, spec []byte, progress func(rows, bytes int64)) ([][]byte, error) {
	f, ok := pp.files[file]
	if !ok {
		return nil, fmt.Errorf("no file %q", file)
	}
	done := make(chan partResult, 1) // one final answer: a send never blocks
	onProgress := js.FuncOf(func(this js.Value, args []js.Value) any {
		progress(int64(args[0].Float()), int64(args[1].Float()))
		return nil
	})
	onDone := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- partResult{segs: args[0], worker: args[1].Int()}
		return nil
	})
	onFail := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- partResult{err: args[0].String()}
		return nil
	})
	defer func() { // qalbParts calls none of them after the final answer or cancel
		onProgress.Release()
		onDone.Release()
		onFail.Release()
	}()
	arr := uint8Array.New(len(spec))
	js.CopyBytesToJS(arr, spec)
	key := pp.pool.Call("read", f.blob, float64(start), arr, onProgress, onDone, onFail)
	if key.Int() == 0 {
		return nil, errors.New("no part Worker")
	}
	var res partResult
	select {
	case res = <-done:
	case <-ctx.Done():
		pp.pool.Call("cancel", key)
		return nil, ctx.Err()
	}
	if res.err != "" {
		return nil, errors.New(res.err)
	}
	if pp.by[file] == nil {
		pp.by[file] = map[int]bool{}
	}
	pp.by[file][res.worker] = true
	segs := make([][]byte, res.segs.Length())
	for i := range segs {
		b := uint8Array.New(res.segs.Index(i))
		segs[i] = make([]byte, b.Length())
		js.CopyBytesToGo(segs[i], b)
	}
	return segs, nil
}

// partWorker is this program when it runs in a part Worker: it reads the
// parts the engine Worker asks for, one at a time.
type partWorker struct {
	scope js.Value
	jobs  map[float64]context.CancelFunc // by key
}

// runPartWorker answers part and part-cancel messages:
//
//	{type:"part", key, blob, start, spec}  → part-progress…, then part-done {key, segs} (transferred) or part-error {key, message}
//	{type:"part-cancel", key}               → part-error {key, message, cancelled: true}
func runPartWorker() {
	pw := &partWorker{scope: js.Global(), jobs: map[float64]context.CancelFunc{}}
	handler := js.FuncOf(pw.handle)
	js.Global().Get("qalbEngineStarted").Invoke(handler)
	pw.scope.Call("postMessage", map[string]any{"type": "part-ready"})
}

func (pw *partWorker) handle(this js.Value, args []js.Value) any {
	msg := args[0]
	key := msg.Get("key").Float()
	switch msg.Get("type").String() {
	case "part":
		ctx, cancel := context.WithCancel(context.Background())
		pw.jobs[key] = cancel
		spec := make([]byte, msg.Get("spec").Length())
		js.CopyBytesToGo(spec, msg.Get("spec"))
		go pw.read(ctx, key, msg.Get("blob"), int64(msg.Get("start").Float()), spec)
	case "task":
		input := make([]byte, msg.Get("input").Length())
		js.CopyBytesToGo(input, msg.Get("input"))
		go pw.task(key, msg.Get("kind").String(), input)
	case "part-cancel":
		if cancel := pw.jobs[key]; cancel != nil {
			cancel()
		}
	}
	return nil
}

// read reads one part and posts it.
func (pw *partWorker) read(ctx context.Context, key float64, blob js.Value, start int64, spec []byte) {
	defer func() {
		if r := recover(); r != nil {
			logError("qalb part: panic:", fmt.Sprint(r), "\n"+string(debug.Stack()))
			pw.scope.Call("postMessage", map[string]any{"type": "part-error", "key": key, "message": fmt.Sprint("internal error: ", r)})
		}
		pw.jobs[key]()
		delete(pw.jobs, key)
	}()
	size := int64(blob.Get("size").Float())
	r := newBlobReader(ctx, "part", blob, size)
	r.off = start
	defer r.Close()
	var last time.Time
	segs, err := ingest.ReadPart(ctx, spec, r, func(rows, bytes int64) {
		if now := time.Now(); now.Sub(last) >= progressEvery {
			last = now
			pw.scope.Call("postMessage", map[string]any{"type": "part-progress", "key": key, "rows": float64(rows), "bytes": float64(bytes)})
		}
	})
	if err != nil {
		pw.scope.Call("postMessage", map[string]any{"type": "part-error", "key": key, "message": err.Error(), "cancelled": ctx.Err() != nil})
		return
	}
	bufs := make([]any, len(segs))
	for i, s := range segs {
		arr := uint8Array.New(len(s))
		js.CopyBytesToJS(arr, s)
		bufs[i] = arr.Get("buffer")
		segs[i] = nil // the table's memory can go as soon as it is copied
	}
	pw.scope.Call("postMessage", map[string]any{"type": "part-done", "key": key, "segs": bufs}, bufs)
}
