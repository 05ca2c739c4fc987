package ingest

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/table"
)

// A large CSV file that can be read at any offset is read in parts at
// once, one per core: each part after the first from the first line start
// past its share of the file, into a table of its own, while the first
// part is read as usual. A part stops when its reader arrives exactly at
// the next part's start: that was a record boundary, and the parts join
// into a chain. When the first part's reader reaches exactly the start of
// a part whose chain runs to the end of the file, the chain is appended —
// renumbered lines, remapped string ids, merged quality figures — giving
// the same Source, byte for byte, as one reader would have. A start that
// was not a boundary (inside a quoted field) is passed over by the reader
// before it and its part thrown away; a part that cannot tell offsets
// (repaired or transcoded text) reads on to the end.
var parts = struct {
	minBytes int64      // a part is at least this large (0: any size, for tests)
	count    func() int // parts at most: one per core
	// starts returns where parts 1…n-1 should start (increasing), from
	// the first record after the header at from.
	starts func(r io.ReaderAt, from, size int64, n int) []int64
	// sub is how many parts the share of a file a PartReader's Worker
	// reads is cut into: each is joined as soon as it is read, while the
	// Worker reads the next, so little joining is left when the last
	// arrives.
	sub int
}{minBytes: 16 << 20, count: func() int { return runtime.GOMAXPROCS(0) }, starts: linesAfterShares, sub: 4}

// linesAfterShares puts part k at the first line start past k/n of the
// records.
func linesAfterShares(r io.ReaderAt, from, size int64, n int) []int64 {
	var starts []int64
	buf := make([]byte, 64<<10)
	for k := 1; k < n; k++ {
		at := from + (size-from)*int64(k)/int64(n)
		m, err := r.ReadAt(buf, at)
		if m == 0 && err != nil {
			break
		}
		i := bytes.IndexByte(buf[:m], '\n')
		if i < 0 || at+int64(i)+1 >= size {
			break
		}
		if start := at + int64(i) + 1; len(starts) == 0 || start > starts[len(starts)-1] {
			starts = append(starts, start)
		}
	}
	return starts
}

// part is a part of a file after the first, read on its own goroutine or,
// through a PartReader, elsewhere (partwire.go).
type part struct {
	start    int64 // input offset of its first byte
	src      *Source
	strs     partStrings
	slots    []*slot
	rows     atomic.Int64
	read     *countingReader // its bytes, for progress
	err      error           // a read error or cancellation: the part cannot be used
	next     int             // index of the part it ended at the start of; len(parts) at the end of the file
	lines    int             // lines it read, blank ones included
	done     chan struct{}
	cancel   context.CancelFunc
	progress func(rows, bytes int64) // when read elsewhere: reports how far it is
}

// partStrings is what joining needs of a part's strings: a table.Strings
// when the part was read here, a stringList when it came over the wire.
type partStrings interface {
	Len() int
	Bytes(id uint32) []byte
}

// startParts starts reading the parts after the first of the file behind
// rr, or returns nil when the file is not one to read in parts. With a
// PartReader in ctx the parts are read elsewhere, as many as it has room
// for, and those it cannot read are read here.
func (s *Source) startParts(ctx context.Context, rr RowReader, r io.Reader, slots []*slot, capacity int) []*part {
	c, ok := rr.(*csvReader)
	if !ok || c.nl != '\n' || c.structured() {
		return nil
	}
	ra, ok := r.(io.ReaderAt)
	sized, ok2 := r.(interface{ Size() int64 })
	if !ok || !ok2 {
		return nil
	}
	size := sized.Size()
	n := parts.count()
	pr := partReaderFrom(ctx)
	if pr != nil {
		n = pr.Parts()
	}
	if parts.minBytes > 0 {
		n = min(n, int(size/parts.minBytes))
	}
	from, ok := c.next()
	if n < 2 || !ok {
		return nil
	}
	var starts []int64
	if pr == nil {
		starts = parts.starts(ra, from, size, n)
	} else { // the first share is read here, each other one in parts.sub parts
		starts = parts.starts(ra, from, size, n*parts.sub)
		starts = starts[min(parts.sub-1, len(starts)):]
	}
	for len(starts) > 0 && starts[0] <= from {
		starts = starts[1:]
	}
	if len(starts) == 0 {
		return nil
	}
	ps := make([]*part, len(starts))
	ctxs := make([]context.Context, len(starts))
	capacity /= len(starts) + 1
	for k, start := range starts {
		var cancel context.CancelFunc
		ctxs[k], cancel = context.WithCancel(ctx)
		ps[k] = &part{start: start, done: make(chan struct{}), cancel: cancel, read: &countingReader{}}
	}
	here := func(k int) { // part k is read on a goroutine of this process
		p := ps[k]
		strs := table.NewStrings()
		s.setUpPart(p, strs, capacity)
		p.read.r = io.NewSectionReader(ra, p.start, size-p.start)
		p.run(ctxs[k], newCSVPart(&encUTF8Fixer{r: p.read}, c), strs, ps, k)
	}
	for k := range ps { // each reads the starts of those after it
		if pr == nil {
			go here(k)
			continue
		}
		spec := s.partSpec(c, capacity, starts, k)
		go ps[k].readElsewhere(ctxs[k], pr, s, slots, spec, ps, k, func() { here(k) })
	}
	return ps
}

// setUpPart gives p a Source and a table of its own, with the settings
// of s that reading rows needs.
func (s *Source) setUpPart(p *part, strs *table.Strings, capacity int) {
	p.src = &Source{File: s.File, Info: s.Info, Export: s.Export, Kind: s.Kind, Header: s.Header, Roles: s.Roles, Reasons: map[string]int{},
		decimalComma: s.decimalComma, fills: s.fills}
	if s.calls != nil {
		p.src.calls = newCallTypes(s.Header, s.Roles)
	}
	p.strs = strs
	p.slots = p.src.makeTable(strs, capacity)
}

// run reads part k of ps until it arrives exactly at a later part's
// start, or to the end of the file. Later parts it passes over started
// inside a record and are cancelled.
func (p *part) run(ctx context.Context, rr *csvReader, strs *table.Strings, ps []*part, k int) {
	defer close(p.done)
	p.next = len(ps)
	later := k + 1
	for n := 1; ; n++ {
		if n&0x3fff == 0 {
			if p.err = ctx.Err(); p.err != nil {
				return
			}
			if p.progress != nil {
				p.progress(p.rows.Load(), p.read.bytes())
			}
		}
		if later < len(ps) {
			at, ok := rr.next()
			at += p.start // the reader counts from the part's start
			for ok && later < len(ps) && at > ps[later].start {
				ps[later].cancel()
				later++
			}
			switch {
			case !ok:
				// Offsets are no longer known: read on to the end.
				for ; later < len(ps); later++ {
					ps[later].cancel()
				}
			case later < len(ps) && at == ps[later].start:
				p.next, p.lines = later, rr.line-1
				return
			}
		}
		row, err := rr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			p.err = err
			return
		}
		p.src.addRow(row, p.slots, strs)
		p.rows.Add(1)
	}
}

// chain returns the parts that, from part k on, cover the rest of the file
// without a gap, or nil when one of them cannot be used. It waits for
// them to be read, calling tick (if not nil) every 50 ms while it waits.
func chain(ps []*part, k int, tick func()) []*part {
	var c []*part
	for k < len(ps) {
		p := ps[k]
		wait(p.done, tick)
		if p.err != nil {
			return nil
		}
		c = append(c, p)
		k = p.next
	}
	return c
}

// joinAsRead joins the parts that, from part k on, cover the rest of the
// file, each as soon as it is read (chain waits for all before joining
// any); it returns them, or nil when part k cannot be used. A later part
// that cannot be used (its Worker's range, read here again, was
// unreadable) ends the file as an unreadable rest ends it for one reader.
func (s *Source) joinAsRead(ps []*part, k int, slots []*slot, strs *table.Strings, line int, tick func()) []*part {
	var joined []*part
	for k < len(ps) {
		p := ps[k]
		wait(p.done, tick)
		if p.err != nil {
			if len(joined) == 0 {
				return nil
			}
			s.reject(ParseError{File: s.File, Line: s.lastLine() + 1, Reason: message.Format("restUnreadable", p.err)})
			s.Counts.Read++
			return joined
		}
		s.join(p, slots, strs, line)
		line += p.lines
		p.src, p.strs, p.slots = nil, nil, nil // joined: its table can go
		joined = append(joined, p)
		k = p.next
	}
	return joined
}

// wait waits for done, calling tick (if not nil) every 50 ms meanwhile: a
// part read elsewhere may take longer than the first, and progress goes on.
func wait(done chan struct{}, tick func()) {
	if tick == nil {
		<-done
		return
	}
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			tick()
		}
	}
}

// stopParts ends the parts' reading and waits for their goroutines.
func stopParts(ps []*part) {
	for _, p := range ps {
		p.cancel()
	}
	for _, p := range ps {
		<-p.done
	}
}

// joins counts the parts joined, for tests.
var joins int

// join appends part h to s; its first line is firstLine.
func (s *Source) join(h *part, slots []*slot, strs *table.Strings, firstLine int) {
	joins++
	var remap []uint32
	if own, ok := h.strs.(*table.Strings); ok {
		remap = strs.Adopt(own) // read here: its text is taken over, not copied
	} else {
		remap = strs.Remap(h.strs.Len(), h.strs.Bytes)
	}
	lines := int32(firstLine - 1)
	n := s.Table.Rows()
	for k, c := range s.Table.Columns {
		c.AppendColumn(h.src.Table.Columns[k], remap)
	}
	s.Table.Lines.AppendShifted(&h.src.Table.Lines, lines)
	s.Counts.Read += h.src.Counts.Read
	s.Counts.Used += h.src.Counts.Used
	s.Counts.Rejected += h.src.Counts.Rejected
	for reason, k := range h.src.Reasons {
		s.Reasons[reason] += k
	}
	for _, e := range h.src.Rejected {
		if len(s.Rejected) < maxProblems {
			e.Line += int(lines)
			s.Rejected = append(s.Rejected, e)
		}
	}
	for _, e := range h.src.Issues {
		if len(s.Issues) < maxProblems {
			e.Line += int(lines)
			s.Issues = append(s.Issues, e)
		}
	}
	for j := range s.Quality {
		q, o := &s.Quality[j], h.src.Quality[j]
		q.Filled += o.Filled
		q.Failures += o.Failures
		for _, ex := range o.Examples {
			if len(q.Examples) < 3 {
				q.Examples = appendUnique(q.Examples, ex)
			}
		}
	}
	for j, d := range s.loose {
		if d != nil {
			d.merge(h.src.loose[j])
		}
	}
	for k, sl := range slots {
		if sl.numbers != nil {
			sl.numbers.merge(h.slots[k].numbers)
			continue
		}
		c := sl.col
		for i := n; i < c.Len(); i++ {
			if id := int(c.Str[i]); id != 0 && !sl.seen.Get(id) {
				sl.seen.Set(id)
				sl.quality.Distinct++
			}
		}
	}
}
