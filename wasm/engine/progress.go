//go:build js && wasm

package main

import (
	"runtime"
	"sync"
	"syscall/js"
	"time"

	"github.com/qalbhq/qalb/engine"
)

// progressEvery is the longest a progress message waits for a newer one.
// The protocol promises one at least every 100 ms while an analysis runs;
// posting after 50 ms leaves room for a busy event loop.
const progressEvery = 50 * time.Millisecond

// progress turns the engine's progress callbacks into progress messages,
// throttled by time, and keeps posting from a ticker while a stage is long.
//
// Go in WebAssembly has one thread and no preemption: while the engine
// computes, nothing else runs, neither the ticker nor the JavaScript event
// loop that delivers a cancel message. So each time update posts a message
// it also yields to the event loop (yieldToEventLoop), which is where a
// cancel gets through; the engine calls its progress callback often enough,
// in every stage, for this to happen several times a second.
type progress struct {
	w        *worker
	id       js.Value
	start    time.Time
	lastPost time.Time
	last     engine.Progress
	fileBase int64 // Bytes when the engine started the current file
	stopped  bool
	quit     chan struct{}
	// stages is the time spent in each stage (and each analysis of the
	// analyse stage) so far, in the order they ran: the result carries it,
	// so a benchmark sees where a browser's time goes.
	stages []stageTime
}

// stageTime is one stage's wall time: "read", "resolve", …, or
// "analyse:segments" for one analysis.
type stageTime struct {
	name  string
	since time.Time
	ms    float64
}

// newProgress posts a first progress message at once (stage read, nothing
// read yet), so the page knows the analysis started and how big it is.
func newProgress(w *worker, id js.Value, start time.Time, totalBytes int64) *progress {
	p := &progress{w: w, id: id, start: start, quit: make(chan struct{})}
	p.last = engine.Progress{Stage: engine.StageRead, TotalBytes: totalBytes}
	p.stages = []stageTime{{name: engine.StageRead, since: start}}
	p.post(start)
	go p.tick()
	return p
}

// update is the engine's progress callback.
func (p *progress) update(e engine.Progress) {
	if p.stopped {
		return
	}
	if e.File != "" && e.File != p.last.File {
		p.fileBase = e.Bytes // bytes of the files before this one
	}
	// Never go backwards: read() may have counted bytes the engine has not
	// reported yet.
	e.Bytes = max(e.Bytes, p.last.Bytes)
	e.Rows = max(e.Rows, p.last.Rows)
	if e.Stage != p.last.Stage || e.Step != p.last.Step {
		p.enter(stageName(e))
	}
	p.last = e
	p.maybePost()
}

// read is called by a file's reader each time it hands bytes to the engine
// (every few tens of kilobytes): while a file is read, progress and the
// chance to cancel do not depend on how often the engine reports.
func (p *progress) read(file string, delivered int64) {
	if p.stopped {
		return
	}
	if file == p.last.File {
		p.last.Bytes = max(p.last.Bytes, p.fileBase+delivered)
	}
	p.maybePost()
}

// maybePost posts when the last message is old enough, and then lets the
// event loop turn.
func (p *progress) maybePost() {
	if now := time.Now(); now.Sub(p.lastPost) >= progressEvery {
		p.post(now)
		yieldToEventLoop()
	}
}

// tick posts the latest progress again when nothing newer came for a while
// (a long read waiting on the disk, a long stage between callbacks).
func (p *progress) tick() {
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case now := <-t.C:
			if !p.stopped && now.Sub(p.lastPost) >= progressEvery {
				p.post(now)
			}
		}
	}
}

func (p *progress) post(now time.Time) {
	p.lastPost = now
	elapsed := now.Sub(p.start)
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.last.Rows) / s
	}
	msg := map[string]any{
		"type":       "progress",
		"id":         p.id,
		"stage":      p.last.Stage,
		"file":       p.last.File,
		"bytes":      float64(p.last.Bytes),
		"totalBytes": float64(p.last.TotalBytes),
		"rows":       float64(p.last.Rows),
		"elapsedMs":  float64(elapsed.Microseconds()) / 1000,
		"rowsPerSec": float64(int64(rate)),
	}
	if p.last.Step != "" {
		msg["step"] = p.last.Step
	}
	p.w.post(msg)
}

func stageName(e engine.Progress) string {
	if e.Step != "" {
		return e.Stage + ":" + e.Step
	}
	return e.Stage
}

// enter ends the current stage's time and starts name's.
func (p *progress) enter(name string) {
	now := time.Now()
	cur := &p.stages[len(p.stages)-1]
	cur.ms += float64(now.Sub(cur.since).Microseconds()) / 1000
	p.stages = append(p.stages, stageTime{name: name, since: now})
}

// stageTimes is the stages' wall times for the result message, the last
// one ended now: [{stage, ms}…] in the order they ran.
func (p *progress) stageTimes() []any {
	out := make([]any, len(p.stages))
	for i, st := range p.stages {
		ms := st.ms
		if i == len(p.stages)-1 {
			ms += float64(time.Since(st.since).Microseconds()) / 1000
		}
		out[i] = map[string]any{"stage": st.name, "ms": ms}
	}
	return out
}

// file is the file being read, for error messages.
func (p *progress) file() string { return p.last.File }

// stop ends the progress messages; it may be called more than once.
func (p *progress) stop() {
	if !p.stopped {
		p.stopped = true
		close(p.quit)
	}
}

// yieldToEventLoop blocks the calling goroutine until the JavaScript event
// loop has turned once: with no other goroutine runnable, the Go scheduler
// returns control to JavaScript, which delivers pending messages (cancel,
// queries) and then the MessageChannel message that resumes us. A
// MessageChannel task, unlike setTimeout(0), is not clamped to 4 ms.
func yieldToEventLoop() {
	yielder.once.Do(func() {
		yielder.ch = make(chan struct{}, 1)
		mc := js.Global().Get("MessageChannel").New()
		mc.Get("port1").Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
			select {
			case yielder.ch <- struct{}{}:
			default:
			}
			return nil
		}))
		yielder.port = mc.Get("port2")
	})
	yielder.port.Call("postMessage", nil)
	<-yielder.ch
}

var yielder struct {
	once sync.Once
	port js.Value
	ch   chan struct{}
}

// heapBytes is the memory the Go runtime has taken from the WebAssembly
// instance; linear memory never shrinks, so this is the peak so far.
func heapBytes() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Sys
}
