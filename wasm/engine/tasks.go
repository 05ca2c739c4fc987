//go:build js && wasm

package main

// The part Workers are idle once the file is read; the analyses that
// follow hand them independent fits (engine.Tasks): the lifetime-value
// models of several currencies and their holdout checks, and the clusters'
// candidate k's, run on as many Workers at once.

import (
	"context"
	"fmt"
	"runtime/debug"
	"syscall/js"

	"github.com/qalbhq/qalb/engine"
)

// Free implements engine.Tasks: the part Workers running, within the
// analyze message's parts (parts 1 means one Worker does everything);
// tasks queue for them in worker.js.
func (pp *partPool) Free() int {
	return pp.Parts() - 1
}

// Run implements engine.Tasks: a free part Worker runs engine.RunTask.
func (pp *partPool) Run(ctx context.Context, kind string, input []byte) ([]byte, error) {
	arr := uint8Array.New(len(input))
	js.CopyBytesToJS(arr, input)
	args, err := pp.await(ctx, func(onDone, onFail js.Func) js.Value {
		return pp.pool.Call("task", kind, arr, onDone, onFail)
	})
	if err != nil {
		return nil, err
	}
	b := uint8Array.New(args[0])
	out := make([]byte, b.Length())
	js.CopyBytesToGo(out, b)
	pp.tasks++
	pp.kinds[kind]++
	return out, nil
}

// task runs one task in a part Worker and posts its output.
func (pw *partWorker) task(key float64, kind string, input []byte) {
	defer func() {
		if r := recover(); r != nil {
			logError("qalb part: panic:", fmt.Sprint(r), "\n"+string(debug.Stack()))
			pw.scope.Call("postMessage", map[string]any{"type": "task-error", "key": key, "message": fmt.Sprint("internal error: ", r)})
		}
	}()
	out, err := engine.RunTask(kind, input)
	if err != nil {
		pw.scope.Call("postMessage", map[string]any{"type": "task-error", "key": key, "message": err.Error()})
		return
	}
	arr := uint8Array.New(len(out))
	js.CopyBytesToJS(arr, out)
	buf := arr.Get("buffer")
	pw.scope.Call("postMessage", map[string]any{"type": "task-done", "key": key, "output": buf}, []any{buf})
}
