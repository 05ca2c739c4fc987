package ingest

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"unsafe"

	"github.com/qalbhq/qalb/engine/table"
)

// Where a program cannot read parts of a file on threads of its own — Go
// in the browser has one — a PartReader reads them elsewhere: the engine
// Worker hands each part to a Worker of its own running the same engine.
// A part travels there as a spec (where it starts, where the parts after
// it start, the settings its rows are read with), is read by ReadPart with
// exactly the rules of a part read here, and comes back as wire segments:
// the bulk (typed column arrays, line numbers, strings) in little-endian
// binary, so the host can move each segment as a transferred buffer, and
// the small rest as JSON. Load joins it as it joins a part read here, so
// the Source is byte for byte the one reader's.

// PartReader reads parts of files elsewhere.
type PartReader interface {
	// Parts is how many parts, the first one included (which Load reads
	// itself), a file may be read in at once.
	Parts() int
	// ReadPart has ReadPart run, elsewhere, on spec and the bytes of file
	// from start to its end, and returns its segments. progress may be
	// called meanwhile with the rows and bytes the part has read so far.
	ReadPart(ctx context.Context, file string, start int64, spec []byte, progress func(rows, bytes int64)) ([][]byte, error)
	// Done says that file was read, in parts parts (1: by one reader).
	Done(file string, parts int)
}

type partReaderKey struct{}

// WithPartReader returns a context in which Load reads the parts of a
// large file with pr. It travels in the context because Load's callers
// (every host and reader) need not know about it.
func WithPartReader(ctx context.Context, pr PartReader) context.Context {
	return context.WithValue(ctx, partReaderKey{}, pr)
}

func partReaderFrom(ctx context.Context) PartReader {
	pr, _ := ctx.Value(partReaderKey{}).(PartReader)
	return pr
}

// partSpec is what reading a part elsewhere needs: the settings of the
// file's Source and CSV reader that reading rows uses, and where the parts
// start.
type partSpec struct {
	File         string
	Info         Info
	Kind         Kind
	Header       []string
	Roles        []ColumnRole
	DecimalComma bool
	Fills        [][2]int // columns the export fills from others
	CallTypes    bool     // a "type" column says Segment's call
	HeaderRows   int
	Comma, NL    byte
	Special      []byte // the bytes that end an unquoted field or start a quoted one
	Capacity     int
	Starts       []int64
	K            int // the part to read: it starts at Starts[K]
}

func (s *Source) partSpec(c *csvReader, capacity int, starts []int64, k int) []byte {
	sp := partSpec{File: s.File, Info: s.Info, Kind: s.Kind, Header: s.Header, Roles: s.Roles, DecimalComma: s.decimalComma,
		Fills: s.fills, CallTypes: s.calls != nil, HeaderRows: c.headerRows, Comma: c.comma, NL: c.nl, Capacity: capacity, Starts: starts, K: k}
	for b, special := range c.special {
		if special {
			sp.Special = append(sp.Special, byte(b))
		}
	}
	b, err := json.Marshal(sp)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return b
}

// ReadPart reads the part spec describes from r, which starts at the
// part's first byte and runs to the end of the file, and returns it as
// wire segments for Load to join. progress, if not nil, is called every
// few thousand rows. It reads exactly as a part read in Load's process
// does: up to the start of a later part it arrives at exactly, or to the
// end of the file.
func ReadPart(ctx context.Context, spec []byte, r io.Reader, progress func(rows, bytes int64)) ([][]byte, error) {
	var sp partSpec
	if err := json.Unmarshal(spec, &sp); err != nil {
		return nil, fmt.Errorf("part spec: %v", err)
	}
	if sp.K < 0 || sp.K >= len(sp.Starts) || len(sp.Header) == 0 || len(sp.Roles) != len(sp.Header) {
		return nil, errors.New("part spec: no such part")
	}
	like := &csvReader{headerRows: sp.HeaderRows, comma: sp.Comma, nl: sp.NL, nlSep: []byte{sp.NL}, header: sp.Header}
	for _, b := range sp.Special {
		like.special[b] = true
	}
	file := &Source{File: sp.File, Info: sp.Info, Kind: sp.Kind, Header: sp.Header, Roles: sp.Roles, decimalComma: sp.DecimalComma, fills: sp.Fills}
	for _, f := range sp.Fills {
		if f[0] < 0 || f[1] < 0 || f[0] >= len(sp.Header) || f[1] >= len(sp.Header) {
			return nil, errors.New("part spec: no such column to fill")
		}
	}
	if sp.CallTypes {
		file.calls = newCallTypes(sp.Header, sp.Roles)
	}
	// The parts after this one are only where it may stop.
	ps := make([]*part, len(sp.Starts))
	for i, start := range sp.Starts {
		ps[i] = &part{start: start, cancel: func() {}}
	}
	p := ps[sp.K]
	p.done = make(chan struct{})
	strs := table.NewStrings()
	file.setUpPart(p, strs, sp.Capacity)
	p.read = &countingReader{r: r}
	p.progress = progress
	p.run(ctx, newCSVPart(&encUTF8Fixer{r: p.read}, like), strs, ps, sp.K)
	if p.err != nil {
		return nil, p.err
	}
	return p.wire(strs), nil
}

// readElsewhere has part k of ps read by pr; when pr cannot (a Worker
// that failed, ran out of memory, answered nonsense), here reads it in
// this process instead.
func (p *part) readElsewhere(ctx context.Context, pr PartReader, s *Source, slots []*slot, spec []byte, ps []*part, k int, here func()) {
	segs, err := pr.ReadPart(ctx, s.File, p.start, spec, func(rows, bytes int64) {
		p.rows.Store(rows)
		p.read.n.Store(bytes)
	})
	if err == nil {
		err = p.fromWire(segs, s, slots, len(ps))
	}
	if err == nil {
		for _, q := range ps[k+1 : p.next] {
			q.cancel() // it passed their starts: they started inside a record
		}
		close(p.done)
		return
	}
	if ctx.Err() != nil {
		p.err = ctx.Err()
		close(p.done)
		return
	}
	p.rows.Store(0)
	p.read.n.Store(0)
	here() // from the part's start, with a table of its own
}

// wireMeta is the first segment of a part on the wire: everything but the
// bulk, which follows in segments in this order: per column its values
// and (columns other than text) its null bitmap; the line numbers; the
// strings' bytes and their end offsets; per distinct count, the slots'
// then the loose columns', its exact set's hashes or its registers.
type wireMeta struct {
	Next, Lines int
	Rows, Bytes int64
	Counts      RowCounts
	Reasons     map[string]int
	Rejected    []ParseError
	Issues      []CellIssue
	Quality     []ColumnQuality
	Columns     []wireColumn
	Sketches    []*wireCount // per slot; nil for text
	Loose       []*wireCount // per header column; nil for those in the table
}

type wireColumn struct {
	Name string
	Type uint8
	Rows int
}

// wireCount says what a distinct count's segment holds: Hashes 64-bit
// hashes, or the registers when Registers.
type wireCount struct {
	Hashes    int
	Registers bool
}

func wireDistinct(d *distinctCount, segs [][]byte) (*wireCount, [][]byte) {
	if d == nil {
		return nil, segs
	}
	if d.regs != nil {
		return &wireCount{Registers: true}, append(segs, d.regs)
	}
	hs := d.hashes()
	return &wireCount{Hashes: len(hs)}, append(segs, toWire(hs))
}

// wire writes p's table, strings and quality state as segments.
func (p *part) wire(strs *table.Strings) [][]byte {
	src := p.src
	m := wireMeta{Next: p.next, Lines: p.lines, Rows: p.rows.Load(), Bytes: p.read.bytes(), Counts: src.Counts,
		Reasons: src.Reasons, Rejected: src.Rejected, Issues: src.Issues, Quality: src.Quality}
	segs := [][]byte{nil}
	for _, c := range src.Table.Columns {
		m.Columns = append(m.Columns, wireColumn{Name: c.Name, Type: uint8(c.Type), Rows: c.Len()})
		switch c.Type {
		case table.String:
			segs = append(segs, toWire(c.Str))
			continue
		case table.Int:
			segs = append(segs, toWire(c.Int))
		case table.Float:
			segs = append(segs, toWire(c.Float))
		case table.Time:
			segs = append(segs, toWire(c.Time))
		case table.Bool:
			b := make([]byte, len(c.Bool))
			for i, v := range c.Bool {
				if v {
					b[i] = 1
				}
			}
			segs = append(segs, b)
		}
		nulls := make([]byte, (c.Len()+7)/8)
		for i := range c.Len() {
			if c.Nulls.Get(i) {
				nulls[i/8] |= 1 << (i % 8)
			}
		}
		segs = append(segs, nulls)
	}
	segs = append(segs, toWire(src.Table.Lines.Encode()))
	var size int
	for id := range strs.Len() {
		size += len(strs.Bytes(uint32(id)))
	}
	text, ends := make([]byte, 0, size), make([]uint32, strs.Len())
	for id := range strs.Len() {
		text = append(text, strs.Bytes(uint32(id))...)
		ends[id] = uint32(len(text))
	}
	segs = append(segs, text, toWire(ends))
	for _, sl := range p.slots {
		var wc *wireCount
		wc, segs = wireDistinct(sl.numbers, segs)
		m.Sketches = append(m.Sketches, wc)
	}
	for _, d := range src.loose {
		var wc *wireCount
		wc, segs = wireDistinct(d, segs)
		m.Loose = append(m.Loose, wc)
	}
	meta, err := json.Marshal(m)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	segs[0] = meta
	return segs
}

// fromWire makes p the part segs describe, checking that it fits s, the
// Source it joins, in every column and slot: a part that does not fit is
// an error, never a wrong table.
func (p *part) fromWire(segs [][]byte, s *Source, into []*slot, parts int) error {
	bad := func(what string) error { return fmt.Errorf("part at byte %d: %s", p.start, what) }
	if len(segs) == 0 {
		return bad("no segments")
	}
	var m wireMeta
	if err := json.Unmarshal(segs[0], &m); err != nil {
		return bad(err.Error())
	}
	segs = segs[1:]
	take := func(size, n int) ([]byte, bool) {
		if len(segs) == 0 || len(segs[0]) != size*n {
			return nil, false
		}
		b := segs[0]
		segs = segs[1:]
		return b, true
	}
	if len(m.Columns) != len(s.Table.Columns) || len(m.Quality) != len(s.Quality) || m.Next <= 0 {
		return bad("columns do not match")
	}
	src := &Source{Table: &table.Table{}, Counts: m.Counts, Reasons: m.Reasons, Rejected: m.Rejected, Issues: m.Issues, Quality: m.Quality}
	if src.Reasons == nil {
		src.Reasons = map[string]int{}
	}
	for k, wc := range m.Columns {
		want := s.Table.Columns[k]
		if wc.Name != want.Name || table.Type(wc.Type) != want.Type || wc.Rows < 0 {
			return bad("column " + want.Name + " does not match")
		}
		c := &table.Column{Name: want.Name, Type: want.Type}
		n := wc.Rows
		var ok bool
		var b []byte
		switch c.Type {
		case table.String:
			if b, ok = take(4, n); ok {
				c.Str = fromWire[uint32](b)
			}
		case table.Int:
			if b, ok = take(8, n); ok {
				c.Int = fromWire[int64](b)
			}
		case table.Float:
			if b, ok = take(8, n); ok {
				c.Float = fromWire[float64](b)
			}
		case table.Time:
			if b, ok = take(8, n); ok {
				c.Time = fromWire[int64](b)
			}
		case table.Bool:
			if b, ok = take(1, n); ok {
				c.Bool = make([]bool, n)
				for i, v := range b {
					c.Bool[i] = v != 0
				}
			}
		}
		if ok && c.Type != table.String {
			if b, ok = take(1, (n+7)/8); ok {
				for j, by := range b {
					for ; by != 0; by &= by - 1 {
						if i := 8*j + bits.TrailingZeros8(by); i < n {
							c.Nulls.Set(i)
						}
					}
				}
			}
		}
		if !ok {
			return bad("column " + c.Name + ": wrong size")
		}
		src.Table.Columns = append(src.Table.Columns, c)
	}
	if len(segs) < 3 {
		return bad("no lines or strings")
	}
	lines, ok := take(4, len(segs[0])/4)
	if !ok {
		return bad("line numbers: wrong size")
	}
	decoded, err := table.DecodeRuns(fromWire[int32](lines))
	if err != nil {
		return bad(err.Error())
	}
	src.Table.Lines = decoded
	rows := src.Table.Rows()
	for _, c := range src.Table.Columns {
		if c.Len() != rows {
			return bad("columns of different lengths")
		}
	}
	text := segs[0]
	segs = segs[1:]
	endBytes, ok := take(4, len(segs[0])/4)
	if !ok {
		return bad("string offsets: wrong size")
	}
	list := &stringList{text: text, ends: fromWire[uint32](endBytes)}
	if err := list.check(); err != nil {
		return bad(err.Error())
	}
	for _, c := range src.Table.Columns {
		if c.Type == table.String {
			for _, id := range c.Str {
				if int(id) >= list.Len() {
					return bad("string id out of range")
				}
			}
		}
	}
	// A count comes off the wire only where the joining Source keeps one,
	// and only as a state add could have made.
	count := func(wc *wireCount, want bool) (*distinctCount, bool) {
		if wc == nil || !want {
			return nil, wc == nil && !want
		}
		if wc.Registers {
			b, ok := take(1, hllRegisters)
			if !ok {
				return nil, false
			}
			for _, r := range b {
				if r > 64-hllBits+1 {
					return nil, false
				}
			}
			return &distinctCount{regs: b}, true
		}
		if wc.Hashes < 0 || wc.Hashes > exactDistinct {
			return nil, false
		}
		b, ok := take(8, wc.Hashes)
		if !ok {
			return nil, false
		}
		d := &distinctCount{}
		for _, h := range fromWire[uint64](b) {
			d.add(h)
		}
		return d, d.n == wc.Hashes
	}
	if len(m.Sketches) != len(into) || len(m.Loose) != len(s.loose) {
		return bad("distinct counts do not match")
	}
	slots := make([]*slot, len(m.Sketches))
	for k, wc := range m.Sketches {
		slots[k] = &slot{}
		var ok bool
		if slots[k].numbers, ok = count(wc, into[k].numbers != nil); !ok {
			return bad("distinct count of column " + into[k].col.Name + " does not match")
		}
	}
	src.loose = make([]*distinctCount, len(m.Loose))
	for j, wc := range m.Loose {
		var ok bool
		if src.loose[j], ok = count(wc, s.loose[j] != nil); !ok {
			return bad("distinct count of column " + s.Header[j] + " does not match")
		}
	}
	if len(segs) != 0 || m.Next > parts {
		return bad("segments left over")
	}
	p.src, p.strs, p.slots = src, list, slots
	p.next, p.lines = m.Next, m.Lines
	p.rows.Store(m.Rows)
	p.read.n.Store(m.Bytes)
	return nil
}

// stringList is a part's strings as they came over the wire: id i is
// text[ends[i-1]:ends[i]], id 0 the empty string.
type stringList struct {
	text []byte
	ends []uint32
}

func (l *stringList) Len() int { return len(l.ends) }

func (l *stringList) Bytes(id uint32) []byte {
	from := uint32(0)
	if id > 0 {
		from = l.ends[id-1]
	}
	return l.text[from:l.ends[id]:l.ends[id]]
}

func (l *stringList) check() error {
	if len(l.ends) == 0 || l.ends[0] != 0 {
		return errors.New("strings: no empty string")
	}
	for i := 1; i < len(l.ends); i++ {
		if l.ends[i] < l.ends[i-1] {
			return errors.New("strings: offsets out of order")
		}
	}
	if int(l.ends[len(l.ends)-1]) != len(l.text) {
		return errors.New("strings: offsets do not match the bytes")
	}
	return nil
}

// littleEndian: the wire's byte order is the machine's (WebAssembly,
// amd64, arm64), so arrays go onto the wire and come off it as they are.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// toWire is v in little-endian bytes: v's own memory where that is the
// machine's order.
func toWire[T uint32 | int32 | int64 | uint64 | float64](v []T) []byte {
	size := int(unsafe.Sizeof(*new(T)))
	if len(v) == 0 {
		return []byte{}
	}
	if littleEndian {
		return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), len(v)*size)
	}
	b := make([]byte, len(v)*size)
	for i := range v {
		if size == 4 {
			binary.LittleEndian.PutUint32(b[4*i:], *(*uint32)(unsafe.Pointer(&v[i])))
		} else {
			binary.LittleEndian.PutUint64(b[8*i:], *(*uint64)(unsafe.Pointer(&v[i])))
		}
	}
	return b
}

// fromWire reads little-endian b (of a multiple of T's size) as []T,
// sharing b's memory where the machine's order and b's alignment allow.
func fromWire[T uint32 | int32 | int64 | uint64 | float64](b []byte) []T {
	size := int(unsafe.Sizeof(*new(T)))
	n := len(b) / size
	if n == 0 {
		return []T{}
	}
	if littleEndian && uintptr(unsafe.Pointer(unsafe.SliceData(b)))%unsafe.Alignof(*new(T)) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
	}
	v := make([]T, n)
	for i := range v {
		if size == 4 {
			*(*uint32)(unsafe.Pointer(&v[i])) = binary.LittleEndian.Uint32(b[4*i:])
		} else {
			*(*uint64)(unsafe.Pointer(&v[i])) = binary.LittleEndian.Uint64(b[8*i:])
		}
	}
	return v
}
