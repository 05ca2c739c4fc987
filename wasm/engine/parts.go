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
	tasks int            // tasks of the analyses run by part Workers (tasks.go)
	kinds map[string]int // of which, per kind
}

// newPartPool returns the pool of part Workers for an analysis of files,
// or nil where worker.js started none.
func newPartPool(files []fileInput, limit int) *partPool {
	pool := js.Global().Get("qalbParts")
	if pool.Type() != js.TypeObject {
		return nil
	}
	pp := &partPool{pool: pool, limit: limit, files: map[string]fileInput{}, most: 1, by: map[string]map[int]bool{}, kinds: map[string]int{}}
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

// await hands a job to a part Worker through queue, which passes the
// callbacks to qalbParts and returns the job's key (0 when it could not be
// queued), and waits for the job's answer: the arguments its onDone was
// called with. A cancelled ctx cancels the job.
func (pp *partPool) await(ctx context.Context, queue func(onDone, onFail js.Func) js.Value) ([]js.Value, error) {
	type answer struct {
		args []js.Value
		err  string
	}
	done := make(chan answer, 1) // one final answer: a send never blocks
	onDone := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- answer{args: args}
		return nil
	})
	onFail := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- answer{err: args[0].String()}
		return nil
	})
	defer func() { // qalbParts calls neither after the final answer or cancel
		onDone.Release()
		onFail.Release()
	}()
	key := queue(onDone, onFail)
	if key.Int() == 0 {
		return nil, errors.New("no part Worker")
	}
	select {
	case a := <-done:
		if a.err != "" {
			return nil, errors.New(a.err)
		}
		return a.args, nil
	case <-ctx.Done():
		pp.pool.Call("cancel", key)
		return nil, ctx.Err()
	}
}

// ReadPart has the next free part Worker read the part and waits for its
// segments. A cancelled ctx cancels the part Worker's reading.
func (pp *partPool) ReadPart(ctx context.Context, file string, start int64, spec []byte, progress func(rows, bytes int64)) ([][]byte, error) {
	f, ok := pp.files[file]
	if !ok {
		return nil, fmt.Errorf("no file %q", file)
	}
	onProgress := js.FuncOf(func(this js.Value, args []js.Value) any {
		progress(int64(args[0].Float()), int64(args[1].Float()))
		return nil
	})
	defer onProgress.Release()
	arr := uint8Array.New(len(spec))
	js.CopyBytesToJS(arr, spec)
	args, err := pp.await(ctx, func(onDone, onFail js.Func) js.Value {
		return pp.pool.Call("read", f.blob, float64(start), arr, onProgress, onDone, onFail)
	})
	if err != nil {
		return nil, err
	}
	res, worker := args[0], args[1].Int() // an Array of ArrayBuffers; which part Worker read it
	if pp.by[file] == nil {
		pp.by[file] = map[int]bool{}
	}
	pp.by[file][worker] = true
	segs := make([][]byte, res.Length())
	for i := range segs {
		b := uint8Array.New(res.Index(i))
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
