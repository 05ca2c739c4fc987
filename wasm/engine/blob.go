//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"io"
	"syscall/js"
)

// chunkSize is how much of a Blob is read per request. Each chunk is copied
// once into a reused Go buffer and the next one is requested at once.
// Fewer, larger requests read faster: a 391 MB file reads in 2.3 s in
// 8 MiB slices against 4.7 s in 2 MiB ones (16 and 32 MiB gain nothing).
const chunkSize = 8 << 20

// maxRead bounds one Read, so a consumer with a big buffer still comes
// back every 64 KiB: each Read is a chance to post progress and let a
// cancel message in (see progress.read).
const maxRead = 64 << 10

var uint8Array = js.Global().Get("Uint8Array")

var readers int // blobReaders made so far

// blobReader reads a Blob (a File is one) as an io.Reader. Read blocks the
// calling goroutine on a channel until the browser has delivered a chunk;
// while it waits, control is back in the JavaScript event loop, so other
// messages (cancel, queries) are handled.
type blobReader struct {
	ctx  context.Context
	name string
	blob js.Value
	size int64
	// reader is worker.js's qalbReader, which reads slices ahead in a
	// Worker of its own (undefined where there is none); key names this
	// blobReader's requests to it.
	reader js.Value
	key    float64

	off     int64 // first byte not yet requested
	pending bool  // a chunk request is in flight
	buf     []byte
	r, w    int // unread bytes are buf[r:w]
	err     error

	done       chan chunkResult // capacity 1: one request at a time
	onOK, onNo js.Func

	delivered int64                              // bytes handed to the reader's caller
	onRead    func(name string, delivered int64) // progress hook, may be nil
}

type chunkResult struct {
	buf js.Value // an ArrayBuffer
	err string
}

func newBlobReader(ctx context.Context, name string, blob js.Value, size int64) *blobReader {
	readers++
	b := &blobReader{ctx: ctx, name: name, blob: blob, size: size, key: float64(readers), done: make(chan chunkResult, 1)}
	if size > chunkSize {
		// Only a file of several chunks gains by the reader Worker's read
		// ahead; the first chunk is awaited either way, and handing a
		// Blob to another Worker costs milliseconds (the demo's seven
		// files, each opened twice, spent 0.2 s of the engine's time on it).
		b.reader = js.Global().Get("qalbReader")
	}
	// These run as JavaScript callbacks: they must not block, and the
	// channel always has room because only one request is in flight.
	b.onOK = js.FuncOf(func(this js.Value, args []js.Value) any {
		b.done <- chunkResult{buf: args[0]}
		return nil
	})
	b.onNo = js.FuncOf(func(this js.Value, args []js.Value) any {
		b.done <- chunkResult{err: jsErrorText(args[0])}
		return nil
	})
	return b
}

// request asks for the next chunk: from worker.js's reader Worker when
// there is one (it has the chunk read ahead), else from the Blob itself.
func (b *blobReader) request() {
	end := min(b.off+chunkSize, b.size)
	if b.reader.Type() == js.TypeObject {
		b.reader.Call("read", b.key, b.blob, float64(b.off), float64(end), b.onOK, b.onNo)
	} else {
		b.blob.Call("slice", float64(b.off), float64(end)).Call("arrayBuffer").Call("then", b.onOK, b.onNo)
	}
	b.off = end
	b.pending = true
}

func (b *blobReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if b.r == b.w {
		if err := b.fill(); err != nil {
			return 0, err
		}
	}
	if len(p) > maxRead {
		p = p[:maxRead]
	}
	n := copy(p, b.buf[b.r:b.w])
	b.r += n
	b.delivered += int64(n)
	if b.onRead != nil {
		b.onRead(b.name, b.delivered)
	}
	return n, nil
}

// fill waits for the requested chunk, copies it into buf and requests the
// next one.
func (b *blobReader) fill() error {
	if b.err != nil {
		return b.err
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	for {
		if !b.pending {
			if b.off >= b.size {
				b.err = io.EOF
				return b.err
			}
			b.request()
		}
		res := <-b.done
		b.pending = false
		if res.err != "" {
			b.err = fmt.Errorf("reading %s: %s", b.name, res.err)
			return b.err
		}
		arr := uint8Array.New(res.buf)
		n := arr.Length()
		if n > cap(b.buf) {
			// No bigger than the file: the demo's seven small files are
			// each opened twice, and an 8 MiB buffer apiece was 112 MiB
			// to allocate and clear before the first figure.
			b.buf = make([]byte, max(n, int(min(chunkSize, b.size))))
		}
		b.buf = b.buf[:cap(b.buf)]
		js.CopyBytesToGo(b.buf[:n], arr)
		b.r, b.w = 0, n
		if b.off < b.size {
			b.request() // read ahead while the engine works on this chunk
		}
		if n > 0 {
			return nil
		}
		// An empty chunk: the file shrank since it was picked. Go on; the
		// loop ends at size.
	}
}

// ReadAt reads a slice of the Blob on its own, apart from Read's chunks:
// where parts of a large file start, and the range of a part whose Worker
// failed (ingest reads parts through an io.ReaderAt).
func (b *blobReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= b.size {
		return 0, io.EOF
	}
	end := min(off+int64(len(p)), b.size)
	done := make(chan chunkResult, 1)
	ok := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- chunkResult{buf: args[0]}
		return nil
	})
	no := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- chunkResult{err: jsErrorText(args[0])}
		return nil
	})
	b.blob.Call("slice", float64(off), float64(end)).Call("arrayBuffer").Call("then", ok, no)
	res := <-done // awaited even when cancelled: the callbacks must run before release
	ok.Release()
	no.Release()
	if res.err != "" {
		return 0, fmt.Errorf("reading %s: %s", b.name, res.err)
	}
	arr := uint8Array.New(res.buf)
	n := min(arr.Length(), len(p))
	js.CopyBytesToGo(p[:n], arr)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// Close releases the reader. A chunk still in flight is awaited in the
// background so its callback is never called after release.
func (b *blobReader) Close() error {
	if b.err == nil {
		b.err = io.ErrClosedPipe
	}
	b.buf, b.r, b.w = nil, 0, 0
	if b.reader.Type() == js.TypeObject {
		b.reader.Call("forget", b.key) // fails the request in flight, if any
	}
	if b.pending {
		b.pending = false
		go func() {
			<-b.done
			b.release()
		}()
		return nil
	}
	b.release()
	return nil
}

func (b *blobReader) release() {
	b.onOK.Release()
	b.onNo.Release()
}

// jsErrorText describes a rejected promise's reason (usually a DOMException
// such as NotReadableError when the file changed on disk after it was picked).
func jsErrorText(v js.Value) string {
	if v.Type() == js.TypeObject {
		name, msg := v.Get("name"), v.Get("message")
		if msg.Type() == js.TypeString {
			if name.Type() == js.TypeString && name.String() != "" {
				return name.String() + ": " + msg.String()
			}
			return msg.String()
		}
	}
	return js.Global().Get("String").Invoke(v).String()
}
