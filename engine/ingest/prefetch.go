package ingest

import (
	"io"
	"runtime"
)

// prefetcher parses records on another goroutine while the caller types the
// previous ones: on a machine with two or more cores, reading and typing a
// file overlap. Records travel in batches whose bytes are copied once into
// an arena, so the reader's buffer can move on.
type prefetcher struct {
	header []string
	full   chan *rowBatch
	free   chan *rowBatch
	stop   chan struct{}
	cur    *rowBatch
	next   int
	err    error
}

type rowBatch struct {
	rows   []Row
	arena  []byte
	bounds []int32  // per field: end offset in arena; fields of row i are consecutive
	fields [][]byte // the rows' Fields, one backing array for the batch
	counts []int32  // fields per row
	err    error    // what ended the stream after these rows (io.EOF or a read error)
}

// prefetch returns rr itself when only one core is available (WebAssembly
// in the browser), else a RowReader that reads ahead on its own goroutine.
// The returned stop function must be called once, when the caller is done.
func prefetch(rr RowReader) (RowReader, func()) {
	if _, closer := rr.(io.Closer); closer || runtime.GOMAXPROCS(0) < 2 {
		// Readers with resources (XLSX) already read ahead on their own.
		return rr, func() {}
	}
	p := &prefetcher{header: rr.Header(), full: make(chan *rowBatch, 3), free: make(chan *rowBatch, 4), stop: make(chan struct{})}
	for i := 0; i < 4; i++ {
		p.free <- &rowBatch{}
	}
	go p.run(rr)
	return p, func() { close(p.stop) }
}

func (p *prefetcher) run(rr RowReader) {
	defer close(p.full)
	for {
		var b *rowBatch
		select {
		case b = <-p.free:
		case <-p.stop:
			return
		}
		b.rows, b.arena, b.bounds, b.counts, b.err = b.rows[:0], b.arena[:0], b.bounds[:0], b.counts[:0], nil
		// Bounded by fields too: a row padded with empty fields costs
		// no bytes (limits.go).
		for len(b.rows) < batchRows && len(b.arena) < batchBytes && len(b.bounds) < batchFields {
			row, err := rr.Next()
			if err != nil {
				b.err = err
				break
			}
			for _, f := range row.Fields {
				b.arena = append(b.arena, f...)
				b.bounds = append(b.bounds, int32(len(b.arena)))
			}
			b.rows = append(b.rows, Row{Line: row.Line, Err: row.Err, Note: row.Note})
			b.counts = append(b.counts, int32(len(row.Fields)))
		}
		// Point the fields into the arena now that it no longer moves.
		if cap(b.fields) < len(b.bounds) {
			b.fields = make([][]byte, len(b.bounds))
		}
		b.fields = b.fields[:len(b.bounds)]
		start := int32(0)
		for k, end := range b.bounds {
			b.fields[k] = b.arena[start:end:end]
			start = end
		}
		k := 0
		for i := range b.rows {
			n := int(b.counts[i])
			b.rows[i].Fields = b.fields[k : k+n : k+n]
			k += n
		}
		select {
		case p.full <- b:
		case <-p.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

func (p *prefetcher) Header() []string { return p.header }

func (p *prefetcher) Next() (*Row, error) {
	for p.cur == nil || p.next >= len(p.cur.rows) {
		if p.cur != nil {
			if p.cur.err != nil {
				p.err = p.cur.err
			}
			select {
			case p.free <- p.cur:
			default:
			}
			p.cur = nil
		}
		if p.err != nil {
			return nil, p.err
		}
		b, ok := <-p.full
		if !ok {
			return nil, io.EOF
		}
		p.cur, p.next = b, 0
	}
	r := &p.cur.rows[p.next]
	p.next++
	return r, nil
}
