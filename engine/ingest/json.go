package ingest

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"
	"unsafe"

	"github.com/tidwall/gjson"

	"github.com/qalbhq/qalb/engine/message"
)

// JSON and NDJSON records become rows of text fields.
//
//   - JSON: a top-level array of objects, or an object holding the records
//     in an array-valued field ({"tickets":[…]}: the first field whose array
//     starts with an object). An object with no such field is one record,
//     and objects following it (concatenated or pretty-printed one after
//     another) are records too.
//     Elements are streamed: a small state machine (strings, escapes,
//     nesting) finds each element's end in a growing buffer and hands the
//     element alone to gjson.
//   - NDJSON: one object per line; blank lines are skipped; a line that is
//     not an object is a row with Err (the reason and the line), and reading
//     goes on. A trailing comma after a line's object is tolerated.
//   - Header: the union of the leaf paths of the first 1,000 records, in
//     first-seen order, dotted ("customer.email"). Arrays of scalars are one
//     field joined by ", " (nulls left out); arrays holding objects or arrays
//     are one field of compact JSON text ("line_items"). A path that is only
//     ever null or {} is a column unless it is the parent of another path
//     (customer: null next to customer.email). Paths first seen after the
//     first 1,000 records are not read.
//   - Values: strings as their text, numbers as their literal text,
//     true/false, null → empty field. Row.Line is the line where the record
//     starts.

const (
	jsonBufSize       = 256 << 10
	jsonHeaderRecords = 1000
	jsonMaxRecord     = MaxJSONRecord
	jsonMaxDepth      = MaxJSONDepth
	jsonFlatDepth     = 32 // objects nested deeper are one field of JSON text
	jsonExcerpt       = 120
)

// jsonItem is one record's raw JSON, or why it is not one.
type jsonItem struct {
	line int
	raw  []byte
	bad  string
}

type jsonSource interface {
	// next returns the next record (its raw bytes valid until the next
	// call), io.EOF, or an error that ends the file.
	next() (jsonItem, error)
}

type jsonReader struct {
	src     jsonSource
	header  []string
	cols    map[string]int // internal path → column
	pending []jsonItem     // the records read to build the header, replayed first
	notes   []string

	// header building
	paths   []jsonPath
	pathIdx map[string]int

	row   Row
	field [][]byte
	arena []byte
	span  []int // per column: start and end of its value in arena
	path  []byte
	disp  []byte
	fill  bool
	late  map[string]bool // fields first seen after the header was built, already reported (at most MaxJSONKeys)
	// tooManyKeys: the first records have more than MaxJSONKeys distinct
	// fields; the later ones are not columns.
	tooManyKeys bool
	note        string // for the record being read
}

type jsonPath struct {
	key    string // internal: gjson path syntax, special characters escaped
	disp   string // shown: keys joined by "."
	valued bool   // seen with a value other than null or {}
	seen   int    // records holding it
}

// newJSONReader reads the start of r (UTF-8) and the first records, which
// decide the header.
func newJSONReader(r io.Reader, format Format) (*jsonReader, error) {
	b := &jsonBuf{r: r, buf: make([]byte, jsonBufSize), line: 1}
	b.fill()
	if b.rerr != nil && b.end == 0 {
		return nil, errors.New(message.Format("fileUnreadable", b.rerr))
	}
	if bytes.HasPrefix(b.buf[:b.end], []byte("\xEF\xBB\xBF")) {
		b.start = 3
	}
	j := &jsonReader{pathIdx: map[string]int{}}
	if format == NDJSON {
		j.src = &ndjsonSrc{b: b}
	} else {
		c, ok, err := b.skipSpace()
		if err != nil {
			return nil, errors.New(message.Format("fileUnreadable", err))
		}
		if !ok {
			return nil, errors.New(message.Format("empty"))
		}
		switch c {
		case '[':
			b.start++
			j.src = &jsonArraySrc{b: b}
		case '{':
			src, note, err := jsonUnwrap(b)
			if err != nil {
				return nil, err
			}
			j.src = src
			if note != "" {
				j.notes = append(j.notes, note)
			}
		default:
			return nil, errors.New(message.Format("notJSONArray", b.line))
		}
	}

	for len(j.pending) < jsonHeaderRecords {
		it, err := j.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		it.raw = bytes.Clone(it.raw)
		j.pending = append(j.pending, it)
		if it.bad == "" {
			j.walk(jsonParse(it.raw), 0, 0, 0)
		}
	}
	if len(j.pending) == 0 {
		return nil, errors.New(message.Format("noRecords"))
	}
	j.buildHeader()
	if j.tooManyKeys {
		j.notes = append(j.notes, message.Format("limitKeys", MaxJSONKeys))
	}
	j.fill = true
	return j, nil
}

// buildHeader turns the collected paths into the header.
func (j *jsonReader) buildHeader() {
	parents := map[string]bool{}
	for _, p := range j.paths {
		k := p.key
		for i := 0; i < len(k); i++ {
			switch k[i] {
			case '\\':
				i++
			case '.':
				parents[k[:i]] = true
			}
		}
	}
	keep := jsonCommonPaths(j.paths)
	j.tooManyKeys = keep != nil
	var names []string
	j.cols = map[string]int{}
	for i, p := range j.paths {
		if !p.valued && parents[p.key] || keep != nil && !keep[i] {
			continue
		}
		j.cols[p.key] = len(names)
		names = append(names, p.disp)
	}
	j.header = openUniqueHeader(names)
	j.span = make([]int, 2*len(names))
	j.field = make([][]byte, len(names))
	j.paths, j.pathIdx = nil, nil
}

// jsonCommonPaths chooses the MaxJSONKeys paths held by the most records
// (the first seen among equals) when there are more (limits.go), so that
// the fields every record has are read even behind thousands of one-off
// keys; nil when all are kept.
func jsonCommonPaths(paths []jsonPath) []bool {
	if len(paths) <= MaxJSONKeys {
		return nil
	}
	order := make([]int, len(paths))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return paths[b].seen - paths[a].seen })
	keep := make([]bool, len(paths))
	for _, i := range order[:MaxJSONKeys] {
		keep[i] = true
	}
	return keep
}

// Header implements RowReader.
func (j *jsonReader) Header() []string { return j.header }

// Next implements RowReader. The Row and its fields are reused.
func (j *jsonReader) Next() (*Row, error) {
	var it jsonItem
	if len(j.pending) > 0 {
		it = j.pending[0]
		j.pending[0] = jsonItem{}
		j.pending = j.pending[1:]
	} else {
		var err error
		if it, err = j.src.next(); err != nil {
			return nil, err
		}
	}
	if it.bad != "" {
		j.row = Row{Line: it.line, Err: errors.New(it.bad)}
		return &j.row, nil
	}
	j.arena = j.arena[:0]
	j.note = ""
	clear(j.span)
	j.walk(jsonParse(it.raw), 0, 0, 0)
	for i := range j.field {
		s, e := j.span[2*i], j.span[2*i+1]
		j.field[i] = j.arena[s:e:e]
	}
	j.row = Row{Line: it.line, Fields: j.field, Note: j.note}
	return &j.row, nil
}

// jsonParse parses raw without copying it.
func jsonParse(raw []byte) gjson.Result {
	if len(raw) == 0 {
		return gjson.Result{}
	}
	return gjson.Parse(unsafe.String(unsafe.SliceData(raw), len(raw)))
}

// walk visits the leaves of an object: collecting header paths, or, once the
// header is built (j.fill), writing their values into the arena.
func (j *jsonReader) walk(v gjson.Result, pathLen, dispLen, depth int) {
	v.ForEach(func(k, val gjson.Result) bool {
		j.path = j.path[:pathLen]
		j.disp = j.disp[:dispLen]
		if pathLen > 0 {
			j.path = append(j.path, '.')
			j.disp = append(j.disp, '.')
		}
		j.path = jsonEscapeKey(j.path, k.Str)
		j.disp = append(j.disp, k.Str...)
		empty := false
		if val.IsObject() {
			if jsonEmptyObject(val.Raw) {
				empty = true
			} else if depth < jsonFlatDepth {
				j.walk(val, len(j.path), len(j.disp), depth+1)
				return true
			}
		}
		j.leaf(val, empty || val.Type == gjson.Null)
		return true
	})
}

func (j *jsonReader) leaf(val gjson.Result, null bool) {
	if !j.fill {
		if i, ok := j.pathIdx[string(j.path)]; ok {
			j.paths[i].valued = j.paths[i].valued || !null
			j.paths[i].seen++
			return
		}
		j.pathIdx[string(j.path)] = len(j.paths)
		j.paths = append(j.paths, jsonPath{key: string(j.path), disp: string(j.disp), valued: !null, seen: 1})
		return
	}
	col, ok := j.cols[string(j.path)]
	if !ok && !null && !j.late[string(j.disp)] && len(j.late) < MaxJSONKeys {
		// A field that first appears after the records the header was built
		// from is not read: say so once, on the record where it appears.
		if j.late == nil {
			j.late = map[string]bool{}
		}
		j.late[string(j.disp)] = true
		j.note = message.Format("jsonLateField", strconv.Quote(string(j.disp)), jsonHeaderRecords)
	}
	if !ok || null {
		return
	}
	s := len(j.arena)
	j.arena = jsonAppendValue(j.arena, val)
	j.span[2*col], j.span[2*col+1] = s, len(j.arena)
}

// jsonAppendValue appends a leaf's text.
func jsonAppendValue(dst []byte, v gjson.Result) []byte {
	switch v.Type {
	case gjson.Null:
		return dst
	case gjson.False:
		return append(dst, "false"...)
	case gjson.True:
		return append(dst, "true"...)
	case gjson.Number:
		return append(dst, v.Raw...)
	case gjson.String:
		return append(dst, v.Str...)
	}
	if !v.IsArray() {
		return jsonCompact(dst, v.Raw)
	}
	scalars := true
	v.ForEach(func(_, e gjson.Result) bool {
		scalars = e.Type != gjson.JSON
		return scalars
	})
	if !scalars {
		return jsonCompact(dst, v.Raw)
	}
	first := true
	v.ForEach(func(_, e gjson.Result) bool {
		if e.Type == gjson.Null {
			return true
		}
		if !first {
			dst = append(dst, ", "...)
		}
		first = false
		dst = jsonAppendValue(dst, e)
		return true
	})
	return dst
}

// jsonCompact appends JSON text without the whitespace outside strings.
func jsonCompact(dst []byte, s string) []byte {
	inStr, esc := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			dst = append(dst, c)
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			inStr = true
		}
		dst = append(dst, c)
	}
	return dst
}

func jsonEmptyObject(raw string) bool {
	for i := 1; i < len(raw); i++ {
		switch raw[i] {
		case ' ', '\t', '\n', '\r':
		case '}':
			return true
		default:
			return false
		}
	}
	return false
}

// jsonEscapeKey appends a key in gjson path syntax: characters that mean
// something in a path are escaped with a backslash.
func jsonEscapeKey(dst []byte, key string) []byte {
	for i := 0; i < len(key); i++ {
		switch c := key[i]; c {
		case '\\', '.', '*', '?', '|', '#', '@', '!', '=', '<', '>', '%', '~':
			dst = append(dst, '\\', c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// jsonCheck says why raw is not a record, or "".
func jsonCheck(raw []byte, depth int) string {
	if depth > jsonMaxDepth {
		return message.Format("jsonNested", openExcerpt(raw, jsonExcerpt))
	}
	if !gjson.ValidBytes(raw) {
		return message.Format("jsonInvalid", openExcerpt(raw, jsonExcerpt))
	}
	if raw[0] != '{' {
		return message.Format("jsonNotObject", openExcerpt(raw, jsonExcerpt))
	}
	return ""
}

// jsonBuf is buffered input with line counting.
type jsonBuf struct {
	r     io.Reader
	buf   []byte
	start int
	end   int
	eof   bool
	rerr  error
	line  int // line of buf[start]
}

// fill moves the unconsumed bytes to the front, grows the buffer when they
// fill it, and reads until it is full. It reports whether bytes were added.
func (b *jsonBuf) fill() bool {
	if b.eof || b.rerr != nil {
		return false
	}
	if b.start > 0 {
		b.end = copy(b.buf, b.buf[b.start:b.end])
		b.start = 0
	}
	if b.end == len(b.buf) {
		nb := make([]byte, 2*len(b.buf))
		copy(nb, b.buf[:b.end])
		b.buf = nb
	}
	n0 := b.end
	for empty := 0; b.end < len(b.buf); {
		n, err := b.r.Read(b.buf[b.end:])
		b.end += n
		if err != nil {
			if err == io.EOF {
				b.eof = true
			} else {
				b.rerr = err
			}
			break
		}
		if n == 0 {
			if empty++; empty > 100 {
				b.rerr = io.ErrNoProgress
				break
			}
		}
	}
	return b.end > n0
}

func jsonSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace consumes white space and returns the next byte, unconsumed;
// false at the end of the input.
func (b *jsonBuf) skipSpace() (byte, bool, error) {
	for {
		for b.start < b.end {
			c := b.buf[b.start]
			if !jsonSpace(c) {
				return c, true, nil
			}
			if c == '\n' {
				b.line++
			}
			b.start++
		}
		if !b.fill() {
			return 0, false, b.rerr
		}
	}
}

// peekNonSpace returns the first non-space byte at or after b.start+from,
// consuming nothing.
func (b *jsonBuf) peekNonSpace(from int) (byte, bool, error) {
	i := b.start + from
	for {
		for ; i < b.end; i++ {
			if !jsonSpace(b.buf[i]) {
				return b.buf[i], true, nil
			}
		}
		off := i - b.start
		if !b.fill() {
			return 0, false, b.rerr
		}
		i = b.start + off
	}
}

// value consumes the JSON value at b.start (which is not white space) and
// returns its bytes, aliasing the buffer, and its nesting depth. A value cut
// by the end of the input comes back with bad set. Values are delimited,
// not validated: an object or array ends at its matching bracket, a string
// at its closing quote, anything else at white space , ] } or :.
func (b *jsonBuf) value() (it jsonItem, depth int, err error) {
	it.line = b.line
	first := b.buf[b.start]
	container := first == '{' || first == '['
	scalar := !container && first != '"'
	inStr := first == '"'
	esc := false
	level, nls := 0, 0
	if container {
		level, depth = 1, 1
	}
	i := b.start + 1
	complete := false
	for {
	scan:
		for ; i < b.end; i++ {
			c := b.buf[i]
			if scalar {
				if jsonSpace(c) || c == ',' || c == ']' || c == '}' || c == ':' {
					complete = true
					break scan
				}
				continue
			}
			if c == '\n' {
				nls++
			}
			if inStr {
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					if !container {
						i++
						complete = true
						break scan
					}
				}
				continue
			}
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				level++
				depth = max(depth, level)
			case '}', ']':
				level--
				if level == 0 {
					i++
					complete = true
					break scan
				}
			}
		}
		if complete || (scalar && b.eof) {
			break
		}
		if i-b.start >= jsonMaxRecord {
			return it, depth, errors.New(message.Format("jsonRecordTooBig", it.line, jsonMaxRecord>>20))
		}
		off := i - b.start
		if !b.fill() {
			if b.rerr != nil {
				return it, depth, b.rerr
			}
			it.raw = b.buf[b.start:b.end]
			it.bad = message.Format("jsonTruncated", openExcerpt(it.raw, jsonExcerpt))
			b.start = b.end
			b.line += nls
			return it, depth, nil
		}
		i = b.start + off
	}
	it.raw = b.buf[b.start:i]
	b.start = i
	b.line += nls
	return it, depth, nil
}

// jsonArraySrc streams the elements of an array whose '[' is consumed.
type jsonArraySrc struct {
	b    *jsonBuf
	done bool
}

func (a *jsonArraySrc) next() (jsonItem, error) {
	for !a.done {
		c, ok, err := a.b.skipSpace()
		if err != nil {
			return jsonItem{}, err
		}
		if !ok {
			a.done = true
			break
		}
		switch c {
		case ',':
			a.b.start++
			continue
		case ']':
			a.b.start++
			a.done = true
			return jsonItem{}, io.EOF
		}
		it, depth, err := a.b.value()
		if err != nil {
			return it, err
		}
		if it.bad == "" {
			it.bad = jsonCheck(it.raw, depth)
		}
		return it, nil
	}
	return jsonItem{}, io.EOF
}

// jsonUnwrap reads a top-level object up to its records array: the first
// field whose value is an array starting with an object. Other fields are
// skipped; with no such array, the object itself is a record (or there are
// no records, when an array field is empty), followed by any further
// top-level objects.
func jsonUnwrap(b *jsonBuf) (jsonSource, string, error) {
	line := b.line
	b.start++ // '{'
	var obj []byte
	obj = append(obj, '{')
	emptyField := ""
	for {
		c, ok, err := b.skipSpace()
		if err != nil {
			return nil, "", err
		}
		if !ok {
			break
		}
		if c == '}' {
			b.start++
			break
		}
		if c == ',' {
			b.start++
			continue
		}
		if c != '"' {
			return nil, "", errors.New(message.Format("jsonFieldName", b.line))
		}
		kit, _, err := b.value()
		if err != nil {
			return nil, "", err
		}
		if kit.bad != "" {
			break
		}
		key := jsonParse(kit.raw).Str
		if len(obj) > 1 {
			obj = append(obj, ',')
		}
		obj = append(obj, kit.raw...)
		obj = append(obj, ':')
		c, ok, err = b.skipSpace()
		if err != nil {
			return nil, "", err
		}
		if ok && c == ':' {
			b.start++
			c, ok, err = b.skipSpace()
			if err != nil {
				return nil, "", err
			}
		}
		if !ok {
			break
		}
		if c == '[' {
			c2, ok2, err := b.peekNonSpace(1)
			if err != nil {
				return nil, "", err
			}
			if ok2 && c2 == '{' {
				b.start++
				return &jsonArraySrc{b: b}, message.Format("jsonField", strconv.Quote(key)), nil
			}
			if ok2 && c2 == ']' && emptyField == "" {
				emptyField = key
			}
		}
		vit, _, err := b.value()
		if err != nil {
			return nil, "", err
		}
		obj = append(obj, vit.raw...)
		if vit.bad != "" {
			break
		}
	}
	if emptyField != "" {
		return &jsonArraySrc{done: true}, "", errors.New(message.Format("jsonEmptyField", strconv.Quote(emptyField)))
	}
	obj = append(obj, '}')
	it := jsonItem{line: line, raw: obj}
	it.bad = jsonCheck(obj, jsonDepth(obj))
	if c, ok, err := b.skipSpace(); err != nil {
		return nil, "", err
	} else if ok && c == '{' {
		return &jsonStreamSrc{b: b, first: &it}, "", nil
	}
	return &jsonStreamSrc{b: b, first: &it, done: true}, message.Format("jsonOneObject"), nil
}

// jsonStreamSrc streams top-level values one after another (objects
// concatenated or pretty-printed one after the other), the first already
// read.
type jsonStreamSrc struct {
	b     *jsonBuf
	first *jsonItem
	done  bool
}

func (s *jsonStreamSrc) next() (jsonItem, error) {
	if s.first != nil {
		it := *s.first
		s.first = nil
		return it, nil
	}
	for !s.done {
		c, ok, err := s.b.skipSpace()
		if err != nil {
			return jsonItem{}, err
		}
		if !ok {
			break
		}
		if c == ',' {
			s.b.start++
			continue
		}
		it, depth, err := s.b.value()
		if err != nil {
			return it, err
		}
		if it.bad == "" {
			it.bad = jsonCheck(it.raw, depth)
		}
		return it, nil
	}
	s.done = true
	return jsonItem{}, io.EOF
}

// jsonDepth returns the nesting depth of a JSON text.
func jsonDepth(b []byte) int {
	depth, level := 0, 0
	inStr, esc := false, false
	for _, c := range b {
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			level++
			depth = max(depth, level)
		case '}', ']':
			level--
		}
	}
	return depth
}

// ndjsonSrc streams one object per line.
type ndjsonSrc struct {
	b        *jsonBuf
	skipping bool // discarding the rest of an over-long line
}

func (n *ndjsonSrc) next() (jsonItem, error) {
	b := n.b
	for {
		i := bytes.IndexByte(b.buf[b.start:b.end], '\n')
		if n.skipping {
			if i < 0 {
				b.start = b.end
				if !b.fill() {
					if b.rerr != nil {
						return jsonItem{}, b.rerr
					}
					return jsonItem{}, io.EOF
				}
				continue
			}
			b.start += i + 1
			b.line++
			n.skipping = false
			continue
		}
		if i < 0 {
			if b.rerr != nil {
				return jsonItem{}, b.rerr
			}
			if !b.eof {
				if b.end-b.start >= jsonMaxRecord {
					it := jsonItem{line: b.line, bad: message.Format("jsonLineTooLong", jsonMaxRecord>>20, openExcerpt(b.buf[b.start:b.end], jsonExcerpt))}
					n.skipping = true
					return it, nil
				}
				b.fill()
				continue
			}
			if b.start >= b.end {
				return jsonItem{}, io.EOF
			}
			i = b.end - b.start
		}
		it := jsonItem{line: b.line, raw: b.buf[b.start : b.start+i]}
		b.start += i
		if b.start < b.end {
			b.start++ // '\n'
		}
		b.line++
		raw := bytes.TrimSpace(it.raw)
		if len(raw) == 0 {
			continue
		}
		if raw[len(raw)-1] == ',' {
			raw = bytes.TrimSpace(raw[:len(raw)-1])
			if len(raw) == 0 {
				continue
			}
		}
		it.raw = raw
		it.bad = jsonCheck(raw, jsonDepth(raw))
		return it, nil
	}
}
