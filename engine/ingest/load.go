package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/table"
)

// sampleRows is how many rows role inference looks at.
const sampleRows = 200

// maxProperties is how many columns without a role an event file keeps.
const maxProperties = 24

// maxProblems is how many rejected rows and cell issues a source keeps as examples.
const maxProblems = 50

// Source is one file read into a typed table, with everything that was
// decided about it and every row accounted for.
type Source struct {
	File    string
	Bytes   int64
	Info    Info
	Export  *Export // nil when the export was not recognised
	Kind    Kind
	Header  []string
	Roles   []ColumnRole // one per header column
	Table   *table.Table // one column per header column with a role other than Ignore (and Properties)
	Quality []ColumnQuality
	Counts  RowCounts
	// Rejected and Issues hold the first maxProblems rejected rows and
	// unreadable cells; Reasons counts every rejection by reason, one entry
	// per message code under the first text of that code.
	Rejected []ParseError
	Issues   []CellIssue
	Reasons  map[string]int
	Notes    []string
	// KindConfidence says how sure the kind is (0.5–1; 1 when the user set
	// it); RunnerUp is the next best kind ("" when nothing else fits).
	KindConfidence float64
	RunnerUp       Kind
	// Meta holds the file's '#' lines before its header; Tables its
	// tables when it holds several (structure.go).
	Meta   []string
	Tables []TablePart
	// Aggregates summarises the tables of an aggregate report
	// (aggregate.go); PeriodFrom and PeriodTo are the period its metadata
	// states, YYYY-MM-DD.
	Aggregates           []AggregateTable
	PeriodFrom, PeriodTo string
	// NotRevenue marks the rows kept out of revenue: payments made in test
	// mode, balance movements that are not sales (revenue.go).
	NotRevenue table.Bitmap

	decimalComma bool // amounts are written 1.234,56
	agg          *aggRows
	calls        *callTypes // Segment's call types (calls.go)
	fills        [][2]int   // (column, column that fills its blanks), in order of preference
	identityCall bool       // the row being added is an identify call: no event name needed

	reasonGroups map[string]*reasonGroup // by message code
	byRole       map[Role]*table.Column
	all          map[Role][]*table.Column
	texts        []*table.Column
	props        []*table.Column
	// loose counts the distinct values of each header column that is not
	// in the table (nil for those that are): data quality's figures,
	// without typing or keeping the values nothing else reads.
	loose []*distinctCount
}

// RowCounts accounts for every record of a file: Read = Used + Rejected.
type RowCounts struct{ Read, Used, Rejected int }

// ColumnQuality is what was found in one column.
type ColumnQuality struct {
	Filled   int
	Distinct int
	// Estimated says Distinct is an estimate, with relative standard
	// error DistinctError: the column had more than exactDistinct values.
	Estimated bool
	Failures  int
	Examples  []string
}

// CellIssue is a value that could not be read as its column's type; the row
// was still used, with the cell empty.
type CellIssue struct {
	ParseError
	Value string
}

// Column returns the first column with role r, or nil.
func (s *Source) Column(r Role) *table.Column { return s.byRole[r] }

// Columns returns every column with role r, in header order.
func (s *Source) Columns(r Role) []*table.Column { return s.all[r] }

// Properties returns the columns of an event file that have no role, kept
// as text (at most maxProperties, in header order): the events' own fields
// (a plan, a button, a price) that funnel steps can test.
func (s *Source) Properties() []*table.Column { return s.props }

// Texts returns every free-text column (Text and Subject roles), in header order.
func (s *Source) Texts() []*table.Column { return s.texts }

// RoleOf returns the role of the table column c.
func (s *Source) RoleOf(c *table.Column) Role {
	for _, r := range s.Roles {
		if r.Column == c.Name {
			return r.Role
		}
	}
	return Ignore
}

// TypeOf is the column type that values of role r are stored as.
func TypeOf(r Role) table.Type {
	switch r {
	case Date, BirthDate:
		return table.Time
	case Amount, Refunded, Quantity, NPS, CES, CSAT, Rating, LifetimeSpend, OrderCount, AverageOrder:
		return table.Float
	case Age:
		return table.Int
	}
	return table.String
}

// slot is one typed column being filled, with what it needs to parse values.
type slot struct {
	index   int // in the header
	col     *table.Column
	role    Role
	order   DateOrder
	scale   Scale
	seen    table.Bitmap // string ids already counted as distinct
	numbers *distinctCount
	curCol  *table.Column // for Amount without a Currency column: the currency found in the value
	comma   bool          // money written with a decimal comma: 1.234,56
	quality *ColumnQuality

	// Interning is the hot path: rows often repeat the previous row's
	// value (the line items of one order), which needs no lookup at all.
	last   []byte
	lastID uint32

	f      []byte // the row's trimmed value
	h      uint64 // its hash, when hashed
	hashed bool

	state cellState // of the row being added
	bad   []byte    // the unreadable value, when state is cellFailed
}

type cellState uint8

const (
	cellEmpty cellState = iota
	cellValue
	cellFailed
)

// Load reads one file into a typed table. strs is shared by all files of an
// analysis so the same text has the same id everywhere. progress, if not
// nil, is called every few thousand rows with the rows and bytes read so far.
// An error means nothing of the file could be used; row-level problems are
// in the Source.
func Load(ctx context.Context, name string, r io.Reader, fm FileMapping, strs *table.Strings, progress func(rows, bytes int64)) (*Source, error) {
	if err := fm.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	counter := &countingReader{r: r}
	rr, info, err := Open(name, counter, fm)
	if err != nil {
		return nil, err
	}
	rr, info = limitColumns(rr, info)
	if c, ok := rr.(io.Closer); ok {
		defer c.Close() // the XLSX reader's goroutine ends on Close
	}
	if info.Format == XLSX {
		if rr, err = sheetHeaderRows(rr, &info); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	src := &Source{File: name, Info: info, Header: rr.Header(), Reasons: map[string]int{}}
	csvr, _ := rr.(*csvReader)
	if csvr != nil {
		src.Meta = csvr.Meta()
	}
	src.Notes = append(src.Notes, info.Notes...)
	if info.HeaderRows > 0 || info.Format != CSV { // a file without a header said so once
		src.Notes = append(src.Notes, headerNotes(src.Header)...)
	}

	// Role inference looks at a copy of the first rows; they are then replayed.
	var sample [][]string
	var sampleRowsKept []Row
	// At most sampleRows records are held, good or bad, so a file of bad
	// rows streams like any other.
	for len(sampleRowsKept) < sampleRows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		kept := Row{Line: row.Line, Err: row.Err, Note: row.Note, Fields: make([][]byte, len(row.Fields))}
		texts := make([]string, len(row.Fields))
		for i, f := range row.Fields {
			texts[i] = string(f)
			kept.Fields[i] = []byte(texts[i])
		}
		sampleRowsKept = append(sampleRowsKept, kept)
		if row.Err == nil {
			sample = append(sample, texts)
		}
	}

	src.decide(sample, fm)
	if src.Kind == Aggregates {
		src.agg = &aggRows{}
	}
	capacity := estimateRows(r, sampleRowsKept)
	slots := src.makeTable(strs, capacity)

	for i := range sampleRowsKept {
		src.addRow(&sampleRowsKept[i], slots, strs)
	}
	sampleRowsKept = nil
	ps := src.startParts(ctx, rr, r, slots, capacity)
	defer stopParts(ps)
	stop := func() {}
	if ps == nil {
		rr, stop = prefetch(rr)
	}
	defer func() { stop() }()
	first, _ := rr.(*csvReader)
	next := 0 // the next part the first reader may reach
	var joined []*part
	var tick func() // progress with the parts' rows and bytes
	if progress != nil {
		tick = func() {
			rows, bytes := int64(src.Counts.Read), counter.bytes()
			if next < len(ps) {
				bytes = min(bytes, ps[next].start)
			}
			for _, p := range ps[next:] {
				rows, bytes = rows+p.rows.Load(), bytes+p.read.bytes()
			}
			progress(rows, bytes)
		}
	}
	for n := 0; ; n++ {
		if n&0x3fff == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if tick != nil {
				tick()
			}
		}
		if next < len(ps) {
			at, ok := first.next()
			if !ok {
				// Offsets are no longer known: read on alone.
				stopParts(ps[next:])
				next = len(ps)
			}
			for ok && next < len(ps) && at > ps[next].start {
				ps[next].cancel() // it started inside a record
				next++
			}
			if ok && next < len(ps) && at == ps[next].start {
				if partReaderFrom(ctx) != nil {
					if joined = src.joinAsRead(ps, next, slots, strs, first.line, tick); joined != nil {
						break
					}
				} else if joined = chain(ps, next, tick); joined != nil {
					line := first.line
					for _, p := range joined {
						src.join(p, slots, strs, line)
						line += p.lines
					}
					break
				}
				ps[next].cancel()
				next++
			}
			if next == len(ps) { // no part left to join: read ahead instead
				rr, stop = prefetch(rr)
			}
		}
		row, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The rest of the file is unreadable: say where, keep what was read.
			src.reject(ParseError{File: name, Line: src.lastLine() + 1, Reason: message.Format("restUnreadable", err)})
			src.Counts.Read++
			break
		}
		src.addRow(row, slots, strs)
	}
	src.Bytes = counter.bytes()
	if len(joined) > 0 {
		last := joined[len(joined)-1]
		src.Bytes = last.start + last.read.bytes()
	}
	if pr := partReaderFrom(ctx); pr != nil {
		pr.Done(name, 1+len(joined))
	}
	if progress != nil {
		progress(int64(src.Counts.Read), src.Bytes)
	}
	for j, d := range src.loose {
		if d != nil {
			n, exact := d.count()
			src.Quality[j].Distinct, src.Quality[j].Estimated = n, !exact
		}
	}
	for _, s := range slots {
		if s.numbers != nil {
			n, exact := s.numbers.count()
			s.quality.Distinct, s.quality.Estimated = n, !exact
		}
		if s.role == Amount && s.curCol != nil && s.curCol.NullCount() == s.curCol.Len() {
			// No value carried a currency sign: drop the empty helper column.
			src.dropColumn(s.curCol)
		}
	}
	if src.Counts.Read == 0 {
		src.Notes = append(src.Notes, message.Format("noRows"))
	}
	src.finishStructure(csvr)
	src.markNotRevenue()
	return src, nil
}

func (s *Source) lastLine() int {
	return int(s.Table.Lines.Last(int32(s.Info.HeaderRows)))
}

// decide sets the export, the roles and the kind.
func (s *Source) decide(sample [][]string, fm FileMapping) {
	s.Export = recognise(s.Header, s.Meta)
	kind := fm.Kind
	if kind == "" && s.Export != nil {
		kind = s.Export.Kind
	}
	s.Roles = inferRoles(s.Header, sample, kind)
	if s.Info.HeaderRows == 0 && s.Info.Format == CSV {
		plainRoles(s.Roles, sample)
	}
	column := func(j int) [][]byte {
		var vals [][]byte
		for _, row := range sample {
			if j < len(row) && strings.TrimSpace(row[j]) != "" {
				vals = append(vals, []byte(strings.TrimSpace(row[j])))
			}
		}
		return vals
	}
	set := func(j int, role Role, by string, conf float64) {
		cr := &s.Roles[j]
		cr.Role, cr.By, cr.Confidence = role, by, conf
		cr.Scale, cr.DateOrder, cr.Reversed = nil, DateAuto, false
		switch role {
		case Date, BirthDate:
			cr.DateOrder = DetectDateOrder(column(j))
		case NPS, CES, CSAT, Rating:
			sc := ScoreScale(role, column(j))
			cr.Scale, cr.Reversed = &sc, ReversedScale(s.Header[j], role)
		}
	}
	if s.Export != nil {
		for j, h := range s.Header {
			if role, ok := s.Export.Roles[h]; ok {
				if s.Export.ScoreVaries && role == NPS {
					role = scoreType(s.Header, sample, j)
				}
				set(j, role, "export", 1)
			}
		}
	}
	for j, h := range s.Header {
		if role, ok := fm.Columns[h]; ok {
			set(j, role, "mapping", 1)
		}
		if rev, ok := fm.Reversed[h]; ok && s.Roles[j].Role != Ignore {
			s.Roles[j].Reversed = rev
		}
		if sc, ok := fm.Scales[h]; ok && s.Roles[j].Role != Ignore {
			sc := sc
			s.Roles[j].Scale = &sc
		}
		if fm.DateOrder != DateAuto && (s.Roles[j].Role == Date || s.Roles[j].Role == BirthDate) {
			s.Roles[j].DateOrder = fm.DateOrder
		}
	}
	s.scoreCompanions(fm)
	s.npsGroupColumn(sample, fm)
	s.keepOnePerRole()
	s.decideKind(fm)
	s.decimalComma = s.Export != nil && s.Export.DecimalComma || decimalCommaSample(s.Roles, sample)
	if s.Export != nil && s.Export.CallTypes && s.Kind == Events {
		s.calls = newCallTypes(s.Header, s.Roles)
	}
}

// onePerFile are the roles a file may give to one column only.
var onePerFile = map[Role]bool{CustomerID: true, Email: true, Date: true, Amount: true,
	OrderID: true, Refunded: true, FullName: true, FirstName: true, LastName: true, Company: true, Country: true,
	City: true, Currency: true, Quantity: true, NPS: true, CES: true, CSAT: true, EventName: true, Device: true, AnonymousID: true}

// scoreType says whether score column j of an export that runs several
// kinds of survey holds NPS, CES or CSAT: by its "Survey type" column when
// the sample agrees on one, else by the values — all within 1–5 is CSAT,
// within 1–7 CES, anything else NPS — once there are enough of them to
// tell (a handful of NPS answers can all be 1–5).
func scoreType(header []string, sample [][]string, j int) Role {
	typeCol := -1
	for k, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), "survey type") {
			typeCol = k
		}
	}
	byType := map[string]Role{"nps": NPS, "enps": NPS, "ces": CES, "csat": CSAT, "5-star": CSAT, "smileys": CSAT}
	said := map[Role]bool{}
	lo, hi, n := math.Inf(1), math.Inf(-1), 0
	for _, row := range sample {
		if typeCol >= 0 && typeCol < len(row) {
			if r, ok := byType[strings.ToLower(strings.TrimSpace(row[typeCol]))]; ok {
				said[r] = true
			}
		}
		if j < len(row) {
			if v, ok := ParseNumber([]byte(row[j])); ok {
				lo, hi, n = math.Min(lo, v), math.Max(hi, v), n+1
			}
		}
	}
	if len(said) == 1 {
		for r := range said {
			return r
		}
	}
	switch {
	case n >= 20 && lo >= 1 && hi <= 5:
		return CSAT
	case n >= 20 && lo >= 1 && hi <= 7:
		return CES
	}
	return NPS
}

// keepOnePerRole leaves each unique role on one column: the user's choice
// first, then the recognised export's, then the inferred one with the
// highest confidence. The others are ignored.
func (s *Source) keepOnePerRole() {
	rank := func(cr ColumnRole) float64 {
		switch cr.By {
		case "mapping":
			return 3
		case "export":
			return 2
		}
		return cr.Confidence
	}
	// Among the export's own columns of one role, the layout's order of
	// preference decides.
	pref := func(j int) int {
		if s.Export == nil || s.Roles[j].By != "export" {
			return 0
		}
		return s.Export.Preference[s.Header[j]]
	}
	best := map[Role]int{}
	for j, cr := range s.Roles {
		if !onePerFile[cr.Role] {
			continue
		}
		b, ok := best[cr.Role]
		if !ok || rank(cr) > rank(s.Roles[b]) || rank(cr) == rank(s.Roles[b]) && pref(j) < pref(b) {
			best[cr.Role] = j
		}
	}
	// The export's other columns of the role fill the kept one's blanks
	// (the same value, written in another place on other rows), in order.
	var fills [][2]int
	for j, cr := range s.Roles {
		if !onePerFile[cr.Role] || best[cr.Role] == j {
			continue
		}
		if b := best[cr.Role]; cr.By == "export" && s.Roles[b].By == "export" {
			fills = append(fills, [2]int{b, j})
		}
		s.Roles[j].Role, s.Roles[j].By, s.Roles[j].Confidence = Ignore, "default", 0
		s.Roles[j].Scale, s.Roles[j].DateOrder = nil, DateAuto
	}
	slices.SortStableFunc(fills, func(a, b [2]int) int { return pref(a[1]) - pref(b[1]) })
	s.fills = fills
}

// fill puts, in a blank field of a column the export fills from others,
// the first of them that has a value.
func (s *Source) fill(row *Row) {
	for _, f := range s.fills {
		k, alt := f[0], f[1]
		if k < len(row.Fields) && alt < len(row.Fields) && blank(row.Fields[k]) && !blank(row.Fields[alt]) {
			row.Fields[k] = row.Fields[alt]
		}
	}
}

// estimateRows guesses how many records a file holds from its size (when
// the reader knows it) and the sample's bytes per record, so columns are
// allocated once instead of growing by copies.
func estimateRows(r io.Reader, sample []Row) int {
	sized, ok := r.(interface{ Size() int64 })
	if !ok || len(sample) == 0 {
		return 1024
	}
	var bytes int
	for _, row := range sample {
		bytes++ // line end
		for _, f := range row.Fields {
			bytes += len(f) + 1
		}
	}
	est := sized.Size() * int64(len(sample)) / int64(max(bytes, 1))
	est += est / 16 // quoting and escapes make rows longer than their fields
	return int(min(max(est, 1024), 1<<28))
}

func (s *Source) makeTable(strs *table.Strings, capacity int) []*slot {
	s.Table = &table.Table{File: s.File, Strings: strs}
	s.Quality = make([]ColumnQuality, len(s.Header))
	s.byRole = map[Role]*table.Column{}
	s.all = map[Role][]*table.Column{}
	var slots []*slot
	hasCurrency := false
	for _, cr := range s.Roles {
		if cr.Role == Currency {
			hasCurrency = true
		}
	}
	properties := 0
	for j, cr := range s.Roles {
		if cr.Role == Ignore {
			// An event's other fields are its properties (a plan, a
			// button, a price): kept as text, for funnel conditions,
			// unless the user chose to ignore the column.
			if s.Kind != Events || cr.By == "mapping" || properties == maxProperties {
				continue
			}
			properties++
		}
		col := table.NewColumn(s.Header[j], TypeOf(cr.Role), capacity)
		s.Table.Columns = append(s.Table.Columns, col)
		if cr.Role == Ignore {
			s.props = append(s.props, col)
		} else if _, ok := s.byRole[cr.Role]; !ok {
			s.byRole[cr.Role] = col
		}
		if cr.Role != Ignore {
			s.all[cr.Role] = append(s.all[cr.Role], col)
		}
		if cr.Role == Text || cr.Role == Subject {
			s.texts = append(s.texts, col)
		}
		sl := &slot{index: j, col: col, role: cr.Role, order: cr.DateOrder, quality: &s.Quality[j], comma: s.decimalComma && moneyRole(cr.Role)}
		if cr.Scale != nil {
			sl.scale = *cr.Scale
		}
		if col.Type != table.String {
			sl.numbers = &distinctCount{}
		}
		if cr.Role == Amount && !hasCurrency && s.byRole[Currency] == nil {
			sl.curCol = table.NewColumn("currency (from "+s.Header[j]+")", table.String, capacity)
			s.Table.Columns = append(s.Table.Columns, sl.curCol)
			s.byRole[Currency] = sl.curCol
			hasCurrency = true
		}
		slots = append(slots, sl)
	}
	s.loose = make([]*distinctCount, len(s.Header))
	for j := range s.loose {
		s.loose[j] = &distinctCount{}
	}
	for _, sl := range slots {
		s.loose[sl.index] = nil
	}
	return slots
}

func (s *Source) dropColumn(c *table.Column) {
	cols := s.Table.Columns[:0]
	for _, x := range s.Table.Columns {
		if x != c {
			cols = append(cols, x)
		}
	}
	s.Table.Columns = cols
	for r, x := range s.byRole {
		if x == c {
			delete(s.byRole, r)
		}
	}
}

// reject counts a rejected row under its reason's message code: Reasons
// is keyed by the first text of each code (texts quote the line, so two
// million invalid lines would otherwise make two million reasons);
// Rejected keeps the first maxProblems rows as examples.
func (s *Source) reject(e ParseError) {
	s.Counts.Rejected++
	code, ok := message.CodeOf(e.Reason)
	if !ok {
		code = e.Reason
	}
	if s.reasonGroups == nil {
		s.reasonGroups = map[string]*reasonGroup{}
	}
	g := s.reasonGroups[code]
	if g == nil {
		g = &reasonGroup{key: e.Reason}
		s.reasonGroups[code] = g
	}
	s.Reasons[g.key]++
	if len(s.Rejected) < maxProblems {
		s.Rejected = append(s.Rejected, e)
	}
}

// reasonGroup is the rejections of one message code.
type reasonGroup struct {
	key string // the first reason's text: its key in Reasons
}

// addRow counts one record read and types it into the table, or rejects it.
func (s *Source) addRow(row *Row, slots []*slot, strs *table.Strings) {
	s.Counts.Read++
	if row.Err != nil {
		s.reject(ParseError{File: s.File, Line: row.Line, Reason: row.Err.Error()})
		return
	}
	if s.agg != nil {
		s.agg.add(row)
	}
	if len(row.Fields) > len(s.Header) && s.Kind != Aggregates {
		for _, f := range row.Fields[len(s.Header):] {
			if len(bytes.TrimSpace(f)) != 0 {
				s.reject(ParseError{File: s.File, Line: row.Line,
					Reason: message.Format("fieldCount", len(row.Fields), len(s.Header))})
				return
			}
		}
	}
	if len(row.Fields) < len(s.Header) && s.Info.Format == CSV && s.Kind != Aggregates && !s.shortAllowed(len(row.Fields)) {
		s.reject(ParseError{File: s.File, Line: row.Line,
			Reason: message.Format("fieldCount", len(row.Fields), len(s.Header))})
		return
	}
	if s.fills != nil {
		s.fill(row)
	}
	s.identityCall = s.calls != nil && s.calls.apply(row)
	n := s.Table.Rows()
	any := false
	// The text values this row must look up are hashed first and their
	// places in the table read together (see Strings.Warm).
	var hs [table.WarmBatch]uint64
	k := 0
	for _, sl := range slots {
		sl.f, sl.hashed = nil, false
		if sl.index < len(row.Fields) {
			// trimSpace's test, written out: this runs for every cell
			// (a call costs most in wasm) and mostly finds nothing to trim.
			f := row.Fields[sl.index]
			if n := len(f); n > 0 && (f[0]-'!' >= 0x7f-'!' || f[n-1]-'!' >= 0x7f-'!') {
				f = bytes.TrimSpace(f)
			}
			sl.f = f
		}
		if sl.col.Type == table.String && len(sl.f) != 0 && k < len(hs) && !sl.repeats(sl.f) {
			sl.h, sl.hashed = strs.Hash(sl.f), true
			hs[k] = sl.h
			k++
		}
	}
	strs.Warm(hs[:k])
	for _, sl := range slots {
		f := sl.f
		if sl.curCol != nil {
			sl.curCol.AppendNull()
		}
		sl.state = cellEmpty
		if len(f) == 0 {
			sl.col.AppendNull()
			continue
		}
		if sl.col.Type == table.String { // most values: no call to appendValue
			sl.col.AppendStr(sl.intern(f, strs))
			sl.state, any = cellValue, true
			continue
		}
		if ok := s.appendValue(sl, f, strs); !ok {
			sl.col.AppendNull()
			sl.state, sl.bad = cellFailed, f
			continue
		}
		sl.state = cellValue
		any = true
	}
	if reason := s.missing(any, n); reason != "" {
		reason = scoreRejection(reason, slots)
		for _, c := range s.Table.Columns {
			c.Truncate(n)
		}
		s.reject(ParseError{File: s.File, Line: row.Line, Reason: reason})
		return
	}
	// The row is used: only now does it count in the quality figures.
	for j, f := range row.Fields[:min(len(row.Fields), len(s.Header))] {
		if len(f) != 0 && (f[0]-'!' < 0x7f-'!' || !blank(f)) {
			s.Quality[j].Filled++
			if d := s.loose[j]; d != nil {
				f = trimSpace(f)
				d.add(hashValue(f))
				if len(s.Quality[j].Examples) < 3 {
					s.Quality[j].Examples = addExample(s.Quality[j].Examples, f)
				}
			}
		}
	}
	for _, sl := range slots {
		switch sl.state {
		case cellValue:
			if c := sl.col; c.Type != table.String {
				sl.countDistinct(n)
			} else if id := int(c.Str[n]); !sl.seen.Get(id) { // countDistinct's text case, without the call
				sl.seen.Set(id)
				sl.quality.Distinct++
				if len(sl.quality.Examples) < 3 {
					sl.quality.Examples = appendUnique(sl.quality.Examples, Shorten(strs.Value(c.Str[n]), 60))
				}
			}
		case cellFailed:
			sl.quality.Failures++
			if len(s.Issues) < maxProblems {
				s.Issues = append(s.Issues, CellIssue{
					ParseError: ParseError{File: s.File, Line: row.Line, Column: sl.col.Name, Reason: failureReason(sl)},
					Value:      Shorten(string(sl.bad), 80),
				})
			}
		}
	}
	if row.Note != "" && len(s.Issues) < maxProblems {
		s.Issues = append(s.Issues, CellIssue{ParseError: ParseError{File: s.File, Line: row.Line, Reason: row.Note}})
	}
	s.Table.Lines.Append(int32(row.Line))
	s.Counts.Used++
}

// shortAllowed reports whether a CSV row of n fields may stand for a full
// one: only the columns it lacks are unnamed ones (a header ending in
// delimiters), which exports often leave off the rows.
func (s *Source) shortAllowed(n int) bool {
	for _, h := range s.Header[n:] {
		if !strings.HasPrefix(h, "column ") {
			return false
		}
	}
	return true
}

// headerNotes says which header names the reader had to make up: empty
// names become "column N" and repeated ones "Name (2)".
// At most MaxHeaderNotes are written; the others are counted in one more.
func headerNotes(header []string) []string {
	var notes []string
	more := 0
	note := func(text string) {
		if len(notes) < MaxHeaderNotes {
			notes = append(notes, text)
		} else {
			more++
		}
	}
	seen := map[string]bool{}
	for i, h := range header {
		if h == "column "+strconv.Itoa(i+1) {
			note(message.Format("unnamedColumn", i+1, strconv.Quote(h)))
		}
		if j := strings.LastIndex(h, " ("); j > 0 && strings.HasSuffix(h, ")") && seen[h[:j]] {
			note(message.Format("duplicateHeader", strconv.Quote(Shorten(h[:j], 80)), i+1, strconv.Quote(Shorten(h, 80))))
		}
		if len(h) > MaxHeaderName && strings.HasSuffix(h, "…") {
			note(message.Format("limitHeaderName", i+1, MaxHeaderName))
		}
		seen[h] = true
	}
	if more > 0 {
		notes = append(notes, message.Format("limitHeaderNotes", more))
	}
	return notes
}

func blank(f []byte) bool { return len(trimSpace(f)) == 0 }

// trimSpace is bytes.TrimSpace without the call for the usual value, which
// starts and ends with a visible ASCII character.
func trimSpace(f []byte) []byte {
	if len(f) == 0 || (f[0]-'!' < 0x7f-'!' && f[len(f)-1]-'!' < 0x7f-'!') {
		return f
	}
	return bytes.TrimSpace(f)
}

// countDistinct adds the value of row n to the distinct count of a number
// or time column (addRow counts text in place).
func (sl *slot) countDistinct(n int) {
	c := sl.col
	switch c.Type {
	case table.Time:
		sl.numbers.add(hashNumber(uint64(c.Time[n])))
	case table.Int:
		sl.numbers.add(hashNumber(uint64(c.Int[n])))
	case table.Float:
		sl.numbers.add(hashNumber(math.Float64bits(c.Float[n])))
	}
}

// missing says why row n cannot be used, or "" when it can.
func (s *Source) missing(any bool, n int) string {
	if s.Kind == Aggregates {
		return "" // a row of counts needs no customer, and blank lines are no records
	}
	if !any {
		return message.Format("noValue")
	}
	has := func(r Role) bool {
		c := s.byRole[r]
		return c != nil && !c.IsNull(n)
	}
	switch s.Kind {
	case Events:
		if s.byRole[EventName] != nil && !has(EventName) && !s.identityCall {
			return message.Format("noEventName")
		}
	case Surveys:
		if !has(NPS) && !has(CES) && !has(CSAT) && !has(Rating) && !s.hasText(n) {
			return message.Format("noScoreOrComment")
		}
	case Reviews:
		if !has(Rating) && !s.hasText(n) {
			return message.Format("noRatingOrText")
		}
	case Orders:
		if !has(OrderID) && !has(Amount) && !has(Product) {
			return message.Format("noOrderData")
		}
	}
	return ""
}

func (s *Source) hasText(n int) bool {
	for _, c := range s.texts {
		if !c.IsNull(n) {
			return true
		}
	}
	return false
}

func (s *Source) appendValue(sl *slot, f []byte, strs *table.Strings) bool {
	c := sl.col
	switch c.Type {
	case table.String:
		c.AppendStr(sl.intern(f, strs))
		return true
	case table.Time:
		t, ok := ParseTime(f, sl.order)
		if !ok {
			if t, ok = compactDate(trim(f)); !ok {
				return false
			}
		}
		c.AppendTime(t)
		return true
	case table.Int:
		v, ok := ParseNumber(f)
		if !ok || v != math.Trunc(v) || v < 0 || v > 150 {
			return false
		}
		c.AppendInt(int64(v))
		return true
	case table.Float:
		var v float64
		var ok bool
		if moneyRole(sl.role) {
			var cur string
			if sl.comma {
				f = swapSeparators(f)
			}
			v, cur, ok = ParseAmount(f)
			if ok && cur != "" && sl.curCol != nil {
				sl.curCol.SetStr(sl.curCol.Len()-1, strs.IDString(cur))
			}
		} else if sl.role == NPS || sl.role == CES || sl.role == CSAT || sl.role == Rating {
			v, ok = parseScoreOn(f, sl.scale)
		} else {
			v, ok = ParseNumber(f)
		}
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
		switch sl.role {
		case NPS, CES, CSAT, Rating:
			if sl.scale.Max > sl.scale.Min && (v < float64(sl.scale.Min) || v > float64(sl.scale.Max)) {
				return false
			}
		case Quantity:
			if v < 0 {
				return false
			}
		}
		c.AppendFloat(v)
		return true
	}
	return false
}

// repeats reports whether f is the value of this column in the row before.
func (sl *slot) repeats(f []byte) bool { return sl.lastID != 0 && bytes.Equal(f, sl.last) }

func (sl *slot) intern(f []byte, strs *table.Strings) uint32 {
	if sl.repeats(f) {
		return sl.lastID
	}
	var id uint32
	if sl.hashed {
		id = strs.IDHashed(f, sl.h)
	} else {
		id = strs.ID(f)
	}
	sl.last = append(sl.last[:0], f...)
	sl.lastID = id
	return id
}

func failureReason(sl *slot) string {
	switch sl.col.Type {
	case table.Time:
		return message.Format("notDate")
	case table.Int:
		return message.Format("notWhole")
	case table.Float:
		switch sl.role {
		case Amount, Refunded:
			return message.Format("notAmount")
		case NPS, CES, CSAT, Rating:
			return message.Format("notScore", sl.scale.Min, sl.scale.Max)
		}
		return message.Format("notNumber")
	}
	return message.Format("unreadable")
}

// Shorten cuts s to at most n bytes plus an ellipsis, never inside a UTF-8
// sequence: for quoting data in reports and summaries.
func Shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && (s[cut]&0xC0) == 0x80 { // don't split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

// addExample appends f, shortened as text columns' examples are, unless
// the list holds it: without allocating when it does, since a column of
// few values meets its examples again on most rows.
func addExample(list []string, f []byte) []string {
	if len(f) > 60 {
		return appendUnique(list, Shorten(string(f[:61]), 60)) // Shorten reads no further
	}
	for _, x := range list {
		if x == string(f) {
			return list
		}
	}
	return append(list, string(f))
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// countingReader counts the bytes read; the count may be read from another
// goroutine than the one reading.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingReader) bytes() int64 { return c.n.Load() }
