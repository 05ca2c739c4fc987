package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/qalbhq/qalb/engine/identity"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/table"
)

// Version names this engine in reports.
const Version = "qalb 0.1.0"

// Session is the outcome of one analysis: the Report, and everything needed
// to answer detail questions about it without reading the files again.
type Session struct {
	Report *report.Report

	strs      *table.Strings
	sources   []*ingest.Source
	failed    []report.Source // files that could not be read at all
	ids       *identity.Resolver
	keyGroup  []int32   // customer of each identity key
	rowCust   [][]int32 // per source, per row: customer, or -1
	custs     []customer
	emails    []uint32           // per customer, its first email key's value; nil when no customer has one
	phones    []uint32           // the same for phones
	exts      []customerExt      // see customer.extAt
	attrs     []customerAttrs    // see customerExt
	acts      []customerActivity // see customerExt
	seen      []customerSeen     // see customerExt
	orders    []order
	orderRuns []orderRun // where each orders source's orders begin
	refunds   []float64  // per order, what was refunded; nil without refunds
	products  map[uint32]*productSales
	asOf      int64
	country   string   // default country for phone numbers
	countries []string // countries of the data, most frequent first
	first     int64    // first and last dated record
	last      int64
	byCust    custIndex
	keysOf    csr        // built on the first profile asked for
	detailMu  sync.Mutex // guards building keysOf, ordersOf, mergesOf
	ordersOf  csr
	mergesOf  csr
	tick      func()
	tasks     Tasks // of the analysis running; nil natively and after it
	badEmails int
	badPhones int
	search    []string // lower-cased search text per customer, built on first text search
	notNames  []bool   // per source: its name column is not people's names (names.go)
	// searchNames holds each customer's name as skeletons, for the search
	// across scripts (translit.go); built with search.
	searchNames [][]string
	sortCache   map[string][]int32
	inputs      inputsState

	// State each analysis keeps for detail queries and profiles (one file each).
	feedbackState  *feedbackState
	sentimentState *sentimentState
	segmentState   *segmentState
	predictState   *predictState
	behaviourState *behaviourState
}

// Analyze reads every input, resolves the customers behind the records and
// builds the report. Files are processed in name order, so the same files
// give the same report whatever order they were given in. A file that
// cannot be read is reported in the Report, not returned as an error; the
// error is for cancellation and for having no input at all.
func Analyze(ctx context.Context, inputs []Input, opts Options, progress func(Progress)) (*Session, error) {
	if len(inputs) == 0 {
		return nil, errors.New("no files to analyse")
	}
	if progress == nil {
		progress = func(Progress) {}
	}
	ins := append([]Input(nil), inputs...)
	uniqueInputNames(ins)
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].Name < ins[j].Name })
	var total int64
	for _, in := range ins {
		total += in.Size
	}
	s := &Session{strs: table.NewStrings()}
	p := Progress{Stage: StageRead, TotalBytes: total}
	var err error
	if s.inputs.sameAs, err = sameContent(ctx, ins); err != nil {
		return nil, err
	}
	for i, in := range ins {
		if first, ok := s.inputs.sameAs[i]; ok {
			s.failed = append(s.failed, sameContentSource(in, first))
			p.Bytes += in.Size
			continue
		}
		p.File = in.Name
		progress(p)
		base := p
		src, err := load(ctx, in, opts.Mapping.Files[in.Name], s.strs, func(rows, bytes int64) {
			q := base
			q.Rows += rows
			q.Bytes += bytes
			progress(q)
		})
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err != nil {
			s.failed = append(s.failed, report.Source{File: in.Name, Bytes: in.Size, Error: err.Error()})
			p.Bytes += in.Size
			continue
		}
		s.sources = append(s.sources, src)
		p.Rows += int64(src.Counts.Read)
		p.Bytes += src.Bytes
	}
	s.checkMapping(opts.Mapping, ins)
	p.File = ""
	p.Stage = StageResolve
	progress(p)
	// Long loops after reading report every few thousand rows, so a host
	// with one thread (the browser's worker) still hears from the engine.
	s.tick = func() { progress(p) }
	s.tasks = opts.Tasks
	// Phone numbers without a country code are read with the user's
	// default country, else the data's most frequent one.
	s.countries = s.countriesByFrequency()
	s.country = opts.Mapping.DefaultCountry
	if s.country == "" && len(s.countries) > 0 {
		s.country = s.countries[0]
	}
	// Reading and resolving each leave large slices behind (the parts'
	// tables, the union-find forest) just as the next stage makes its own
	// of other sizes: collecting between them keeps the peak at one
	// stage's live data rather than two (5 million one-id rows: peak RSS
	// 424 → 357 MB natively; a wasm heap never shrinks, so there it is the
	// tab's memory for good). Two collections, tens of milliseconds each.
	runtime.GC()
	if err := s.resolve(ctx); err != nil {
		return nil, err
	}
	runtime.GC()
	p.Stage = StageProfile
	progress(p)
	s.first, s.last = s.dateRange()
	s.asOf = s.last
	if !opts.AsOf.IsZero() {
		s.asOf = opts.AsOf.Unix()
	}
	if err := s.profile(ctx); err != nil {
		return nil, err
	}
	p.Stage = StageReport
	progress(p)
	s.Report = s.summarise()
	if opts.Overview != nil {
		opts.Overview(s.Report)
	}
	p.Stage = StageAnalyse
	// Behaviour runs beside predictions (analyse): their ticks and the
	// steps take turns at p and the host's callback. A blocking lock, not
	// a skipped tick: in the browser the tick that holds it waits for the
	// event loop, which turns only once every goroutine waits.
	var progressMu sync.Mutex
	s.tick = func() {
		progressMu.Lock()
		progress(p)
		progressMu.Unlock()
	}
	if err := s.analyse(ctx, opts, func(step string) {
		progressMu.Lock()
		p.Step = step
		progress(p)
		progressMu.Unlock()
	}); err != nil {
		return nil, err
	}
	s.tick = nil // queries on the session report no progress
	s.tasks = nil
	return s, nil
}

// inParallel calls f(0)…f(n-1), on up to GOMAXPROCS goroutines at once
// (one at a time in the browser, which has one thread), each with a
// progress tick that is safe to call from any of them. The calls must be
// independent: their results are the same in any order.
func (s *Session) inParallel(n int, f func(k int, tick func())) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for k := range n {
			f(k, s.tick)
		}
		return
	}
	var mu sync.Mutex
	tick := func() {
		if s.tick != nil && mu.TryLock() { // a tick already running is enough
			s.tick()
			mu.Unlock()
		}
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for k := range next {
				f(k, tick)
			}
		})
	}
	for k := range n {
		next <- k
	}
	close(next)
	wg.Wait()
}

// beat calls the progress tick every 16384 iterations of a long loop.
func (s *Session) beat(i int) {
	if i&0x3fff == 0 && s.tick != nil {
		s.tick()
	}
}

func load(ctx context.Context, in Input, fm ingest.FileMapping, strs *table.Strings, progress func(rows, bytes int64)) (*ingest.Source, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var r io.Reader = rc
	if ra, ok := rc.(io.ReaderAt); ok && in.Size > 0 {
		r = sizedReaderAt{sizedReader{rc, in.Size}, ra}
	} else if in.Size > 0 {
		r = sizedReader{rc, in.Size}
	}
	return ingest.Load(ctx, in.Name, r, fm, strs, progress)
}

// sizedReader tells ingest.Load how big the file is, to size its columns.
type sizedReader struct {
	io.Reader
	size int64
}

func (r sizedReader) Size() int64 { return r.size }

// sizedReaderAt also lets ingest.Load read a large file in parts at once,
// one per core (a file on disk, natively).
type sizedReaderAt struct {
	sizedReader
	io.ReaderAt
}

// dateRange is the first and last date in any Date column (0, 0 when
// nothing is dated); the last is the default as-of date.
func (s *Session) dateRange() (first, last int64) {
	found := false
	for _, src := range s.sources {
		c := src.Column(ingest.Date)
		if c == nil || src.Kind == ingest.Aggregates { // an analytics summary is no customer's record
			continue
		}
		for i, t := range c.Time {
			if c.IsNull(i) {
				continue
			}
			if !found || t < first {
				first = t
			}
			if !found || t > last {
				last = t
			}
			found = true
		}
	}
	return first, last
}

func day(t int64) string { return time.Unix(t, 0).UTC().Format("2006-01-02") }

// monthOf is the calendar month of a Unix time as year*12 + month-1,
// computed without time.Time (it runs once per order).
func monthOf(t int64) int32 {
	days := t / 86400
	if t < 0 && t%86400 != 0 {
		days--
	}
	// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int32(y*12 + m - 1)
}

// monthText formats a monthOf value as YYYY-MM.
func monthText(m int32) string {
	y, mo := m/12, m%12+1
	return fmt.Sprintf("%04d-%02d", y, mo)
}
