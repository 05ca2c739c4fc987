package ingest

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"sync/atomic"

	"github.com/qalbhq/qalb/engine/table"
)

// A large CSV file that can be read at any offset is read in two halves at
// once on machines with two cores or more: the second half from the first
// line start past the middle, into a table of its own, while the first half
// is read as usual. When the first half's reader reaches exactly that line
// start, that was a record boundary and the second half is appended to the
// first — renumbered lines, remapped string ids, merged quality figures —
// giving the same Source, byte for byte, as one reader would have. When it
// was not (the middle fell inside a quoted field, or the text was repaired
// or transcoded so offsets are not known), the second half is thrown away
// and the first reader goes on to the end.
var halves = struct {
	minBytes int64 // smaller files are read in one go; 0 also reads in halves on one core (tests)
	// at returns where the second half should start, or -1.
	at func(r io.ReaderAt, from, size int64) int64
}{minBytes: 32 << 20, at: lineAfterMiddle}

// lineAfterMiddle is the offset just after the first line feed past the
// middle of [from, size), or -1.
func lineAfterMiddle(r io.ReaderAt, from, size int64) int64 {
	mid := from + (size-from)/2
	buf := make([]byte, 64<<10)
	n, err := r.ReadAt(buf, mid)
	if n == 0 && err != nil {
		return -1
	}
	if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 && mid+int64(i)+1 < size {
		return mid + int64(i) + 1
	}
	return -1
}

// half is the second half of a file, read on its own goroutine.
type half struct {
	start  int64 // input offset of its first byte
	src    *Source
	strs   *table.Strings
	slots  []*slot
	rows   atomic.Int64
	read   *countingReader // its bytes, for progress
	err    error           // a read error or cancellation: the half cannot be used
	done   chan struct{}
	cancel context.CancelFunc
}

// startHalf starts reading the second half of the file behind rr, or
// returns nil when the file is not one to read in halves.
func (s *Source) startHalf(ctx context.Context, rr RowReader, r io.Reader, capacity int) *half {
	c, ok := rr.(*csvReader)
	if !ok || c.nl != '\n' {
		return nil
	}
	ra, ok := r.(io.ReaderAt)
	sized, ok2 := r.(interface{ Size() int64 })
	if !ok || !ok2 || sized.Size() < halves.minBytes || (halves.minBytes > 0 && runtime.GOMAXPROCS(0) < 2) {
		return nil
	}
	from, ok := c.next()
	if !ok {
		return nil
	}
	size := sized.Size()
	start := halves.at(ra, from, size)
	if start <= from || start >= size {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	h := &half{start: start, strs: table.NewStrings(), done: make(chan struct{}), cancel: cancel}
	h.src = &Source{File: s.File, Info: s.Info, Export: s.Export, Kind: s.Kind, Header: s.Header, Roles: s.Roles, Reasons: map[string]int{}}
	h.slots = h.src.makeTable(h.strs, capacity/2)
	h.read = &countingReader{r: io.NewSectionReader(ra, start, size-start)}
	part := newCSVPart(&encUTF8Fixer{r: h.read}, c)
	go h.run(ctx, part)
	return h
}

func (h *half) run(ctx context.Context, part *csvReader) {
	defer close(h.done)
	for n := 1; ; n++ {
		if n&0x3fff == 0 {
			if h.err = ctx.Err(); h.err != nil {
				return
			}
		}
		row, err := part.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			h.err = err
			return
		}
		h.src.addRow(row, h.slots, h.strs)
		h.rows.Add(1)
	}
}

// stop ends the half's reading and waits for its goroutine.
func (h *half) stop() {
	h.cancel()
	<-h.done
}

// joins counts the halves joined, for tests.
var joins int

// join appends the half to s, read by a reader at line firstLine when it
// reached the half's start.
func (s *Source) join(h *half, slots []*slot, strs *table.Strings, firstLine int) {
	joins++
	remap := make([]uint32, h.strs.Len())
	var hs [32]uint64
	for first := 1; first < len(remap); first += len(hs) {
		batch := hs[:min(len(hs), len(remap)-first)]
		for k := range batch {
			batch[k] = strs.Hash(h.strs.Bytes(uint32(first + k)))
		}
		strs.Warm(batch)
		for k, hash := range batch {
			remap[first+k] = strs.IDHashed(h.strs.Bytes(uint32(first+k)), hash)
		}
	}
	lines := int32(firstLine - 1)
	n := len(s.Table.Lines)
	for k, c := range s.Table.Columns {
		c.AppendColumn(h.src.Table.Columns[k], remap)
	}
	for _, l := range h.src.Table.Lines {
		s.Table.Lines = append(s.Table.Lines, l+lines)
	}
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
