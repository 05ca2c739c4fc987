//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/text"
)

// The text analysis' data files (lexicons and models) are not compiled into
// engine.wasm: worker.js fetches them from the site (text/<name>, same
// origin, precompressed, revalidated by ETag) through qalbTextResource, which
// keeps each one's bytes for the Worker's life. prefetchTextResources asks
// for all of them as soon as the engine runs, so an analysis never waits on
// (or makes) a request; textResource is the engine's text.Loader.

// prefetchTextResources asks for every resource file at once and returns a
// channel closed when all have arrived or failed. The engine says ready
// without waiting for them (a page can show itself and take files
// meanwhile); an analysis waits on the channel before it starts, so it
// never makes a request (the page's privacy promise: none while
// analysing). A failure is not fatal: textResource asks again when needed.
func prefetchTextResources() <-chan struct{} {
	all := make(chan struct{})
	fn := js.Global().Get("qalbTextResource")
	if fn.Type() != js.TypeFunction {
		close(all) // a host without it (tests): textResource reports the error when needed
		return all
	}
	done := make(chan struct{}, len(text.ResourceFiles))
	settle := js.FuncOf(func(js.Value, []js.Value) any {
		done <- struct{}{}
		return nil
	})
	for _, name := range text.ResourceFiles {
		fn.Invoke(name).Call("then", settle, settle)
	}
	go func() {
		for range text.ResourceFiles {
			<-done
		}
		settle.Release()
		close(all)
	}()
	return all
}

// textResource returns a resource file's bytes, waiting for worker.js's
// fetch. It blocks the calling goroutine (the analysis), never the event loop.
func textResource(name string) ([]byte, error) {
	fn := js.Global().Get("qalbTextResource")
	if fn.Type() != js.TypeFunction {
		return nil, errors.New("this worker cannot fetch text resources (no qalbTextResource)")
	}
	type result struct {
		buf js.Value
		err string
	}
	done := make(chan result, 1)
	ok := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- result{buf: args[0]}
		return nil
	})
	no := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- result{err: jsErrorText(args[0])}
		return nil
	})
	defer ok.Release()
	defer no.Release()
	fn.Invoke(name).Call("then", ok, no)
	r := <-done
	if r.err != "" {
		return nil, errors.New(r.err)
	}
	b := make([]byte, r.buf.Get("byteLength").Int())
	js.CopyBytesToGo(b, js.Global().Get("Uint8Array").New(r.buf))
	return b, nil
}

// sentimentAnswer answers {what:"sentiment", sentiment:{topic, theme, lang,
// label, offset, limit}}: a page of texts behind a part of the sentiment
// page, with their writers (engine.Session.SentimentTexts).
func sentimentAnswer(sess *engine.Session, q *engine.SentimentQuery) engine.SentimentPage {
	if q == nil {
		q = &engine.SentimentQuery{}
	}
	return sess.SentimentTexts(*q)
}
