package engine

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/table"
	"github.com/qalbhq/qalb/engine/text"
)

// sentimentState is what the sentiment analysis keeps for profiles and
// detail queries: every scored text (by reference to its row) and each
// customer's tally.
type sentimentState struct {
	an     *text.Analyzer
	texts  []textRow
	cust   []custTone         // per customer
	topics map[string][]int32 // pain point topic → indexes into texts
}

// textRow is one text of one row.
type textRow struct {
	src, row int32
	cust     int32 // -1 when the row matched no customer
	date     int64
	score    float64
	label    text.Label
	lang     text.Lang
	mixed    bool // negative and positive words both weigh in
	rated    bool // its row has a star rating (a domain model learned from it)
}

type custTone struct {
	sum                   float64
	n, positive, negative int32
}

// The analyzer is kept between analyses (a re-run after a mapping change,
// the next files): parsing the resources takes longer than scoring a few
// thousand texts. It is keyed by a hash of the resources' bytes, so a loader
// that gives other files gets another analyzer; only the last one is kept.
var (
	analyzerMu   sync.Mutex
	analyzerKey  uint64
	analyzerLast *text.Analyzer
)

func loadAnalyzer(load text.Loader) (*text.Analyzer, error) {
	files := make(map[string][]byte, len(text.ResourceFiles))
	h := fnv.New64a()
	for _, name := range text.ResourceFiles {
		b, err := load(name)
		if err != nil {
			return nil, fmt.Errorf("text resource %s: %w", name, err)
		}
		files[name] = b
		h.Write([]byte(name))
		h.Write(b)
	}
	key := h.Sum64()
	analyzerMu.Lock()
	defer analyzerMu.Unlock()
	if analyzerLast != nil && analyzerKey == key {
		return analyzerLast, nil
	}
	a, err := text.Load(func(name string) ([]byte, error) { return files[name], nil })
	if err != nil {
		return nil, err
	}
	analyzerKey, analyzerLast = key, a
	return a, nil
}

// textColumns are the columns whose text a row's customer wrote: the Text
// role (review body, ticket description, comment), or the Subject when a
// file has no Text column.
func textColumns(src *ingest.Source) []*table.Column {
	var cols []*table.Column
	for _, c := range src.Texts() {
		if src.RoleOf(c) == ingest.Text {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		if c := src.Column(ingest.Subject); c != nil && c.Type == table.String {
			cols = append(cols, c)
		}
	}
	return cols
}

// analyseSentiment fills s.Report.Sentiment (left nil when there is no data for it).
func (s *Session) analyseSentiment(ctx context.Context, opts Options) error {
	any := false
	for _, src := range s.sources {
		if len(textColumns(src)) > 0 {
			any = true
			break
		}
	}
	if !any || opts.TextResources == nil {
		return nil
	}
	an, err := loadAnalyzer(opts.TextResources)
	if err != nil {
		// The texts are there but cannot be read (the site's resource files
		// did not load): say so rather than fail the whole analysis.
		n := 0
		for si, src := range s.sources {
			if cols := textColumns(src); len(cols) > 0 {
				for row := range s.rowCust[si] {
					if strings.TrimSpace(s.rowText(cols, row)) != "" {
						n++
					}
				}
			}
		}
		s.Report.Sentiment = &report.Sentiment{Texts: n, Unavailable: err.Error(), Languages: []report.SentimentGroup{},
			Sources: []report.SentimentGroup{}, PainPoints: []report.PainPoint{}}
		return nil
	}
	st := &sentimentState{an: an, cust: make([]custTone, len(s.custs)), topics: map[string][]int32{}}
	s.sentimentState = st
	var mentions [][]string // per text: topics (themes "t:x", phrases "p:x")
	for si, src := range s.sources {
		cols := textColumns(src)
		if len(cols) == 0 {
			continue
		}
		dateCol := src.Column(ingest.Date)
		if dateCol != nil && dateCol.Type != table.Time {
			dateCol = nil
		}
		ratingCol := src.Column(ingest.Rating)
		for row := 0; row < len(s.rowCust[si]); row++ {
			if row&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			raw := s.rowText(cols, row)
			if strings.TrimSpace(raw) == "" {
				continue
			}
			tk := an.Read(raw)
			r := an.ScoreTokens(tk)
			tr := textRow{src: int32(si), row: int32(row), cust: s.rowCust[si][row], score: r.Score, label: r.Label, lang: r.Lang}
			if dateCol != nil && !dateCol.IsNull(row) {
				tr.date = dateCol.Time[row]
			}
			if ratingCol != nil && !ratingCol.IsNull(row) {
				tr.rated = true
			}
			pos, neg := false, false
			for _, d := range r.Drivers {
				pos = pos || d.Weight >= 0.5
				neg = neg || d.Weight <= -0.5
			}
			tr.mixed = pos && neg
			var ms []string
			if r.Label != text.Unscored {
				m := an.Mentions(tk)
				for _, x := range m.Themes {
					ms = append(ms, "t:"+x)
				}
				for _, x := range m.Phrases {
					ms = append(ms, "p:"+x)
				}
			}
			st.texts = append(st.texts, tr)
			mentions = append(mentions, ms)
		}
	}
	if len(st.texts) == 0 {
		return nil
	}
	sec := &report.Sentiment{Languages: []report.SentimentGroup{}, Sources: []report.SentimentGroup{}, PainPoints: []report.PainPoint{}}
	sec.DomainModel = s.fitDomainModel(st)
	for i := range st.texts {
		t := &st.texts[i]
		if t.label == text.Unscored || t.cust < 0 {
			continue
		}
		c := &st.cust[t.cust]
		c.sum += t.score
		c.n++
		switch t.label {
		case text.Positive:
			c.positive++
		case text.Negative:
			c.negative++
		}
	}
	s.Report.Sentiment = sec
	s.summariseSentiment(sec, st)
	s.painPoints(sec, st, mentions)
	return nil
}

// rowText joins a row's text columns.
func (s *Session) rowText(cols []*table.Column, row int) string {
	if len(cols) == 1 {
		if cols[0].IsNull(row) {
			return ""
		}
		return s.strs.Value(cols[0].Str[row])
	}
	var parts []string
	for _, c := range cols {
		if !c.IsNull(row) {
			parts = append(parts, s.strs.Value(c.Str[row]))
		}
	}
	return strings.Join(parts, " — ")
}

// tally accumulates a SentimentGroup.
type tally struct {
	g     report.SentimentGroup
	sum   float64
	custs map[int32]bool
}

func (t *tally) add(tr *textRow) {
	t.g.Texts++
	if tr.label == text.Unscored {
		return
	}
	t.g.Scored++
	t.sum += tr.score
	switch tr.label {
	case text.Positive:
		t.g.Positive++
	case text.Negative:
		t.g.Negative++
	default:
		t.g.Neutral++
	}
	if tr.cust >= 0 {
		if t.custs == nil {
			t.custs = map[int32]bool{}
		}
		t.custs[tr.cust] = true
	}
}

func (t *tally) done() report.SentimentGroup {
	g := t.g
	if g.Scored > 0 {
		g.Mean = round4(t.sum / float64(g.Scored))
	}
	g.Customers = len(t.custs)
	return g
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// groups turns named tallies into groups, largest first.
func groups(m map[string]*tally) []report.SentimentGroup {
	out := make([]report.SentimentGroup, 0, len(m))
	for _, t := range m {
		out = append(out, t.done())
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Texts != out[j].Texts {
			return out[i].Texts > out[j].Texts
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (s *Session) summariseSentiment(sec *report.Sentiment, st *sentimentState) {
	all := &tally{}
	langs, srcs, prods, segs := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	get := func(m map[string]*tally, k string) *tally {
		t := m[k]
		if t == nil {
			t = &tally{g: report.SentimentGroup{Name: k}}
			m[k] = t
		}
		return t
	}
	bins := make([]report.SentimentBin, 10)
	for i := range bins {
		bins[i] = report.SentimentBin{From: round4(-1 + 0.2*float64(i)), To: round4(-0.8 + 0.2*float64(i))}
	}
	months := map[int32]*tally{}
	for i := range st.texts {
		tr := &st.texts[i]
		src := s.sources[tr.src]
		all.add(tr)
		lang := string(tr.lang)
		if lang == "" {
			lang = "none"
		}
		get(langs, lang).add(tr)
		get(srcs, src.File).add(tr)
		if p := s.text(src, ingest.Product, int(tr.row)); p != "" {
			get(prods, p).add(tr)
		}
		if tr.cust >= 0 {
			if seg := s.rfmSegment(int(tr.cust)); seg != "" {
				get(segs, seg).add(tr)
			}
		}
		if tr.label == text.Unscored {
			continue
		}
		b := int((tr.score + 1) / 0.2)
		if b > 9 {
			b = 9
		}
		if b < 0 {
			b = 0
		}
		bins[b].Texts++
		if tr.date != 0 {
			m := monthOf(tr.date)
			if months[m] == nil {
				months[m] = &tally{}
			}
			months[m].add(tr)
		}
	}
	g := all.done()
	sec.Texts, sec.Scored, sec.Positive, sec.Neutral, sec.Negative, sec.Mean, sec.Customers =
		g.Texts, g.Scored, g.Positive, g.Neutral, g.Negative, g.Mean, g.Customers
	sec.Languages = groups(langs)
	for _, l := range sec.Languages {
		if !text.Lang(l.Name).Scored() && l.Name != "none" {
			sec.Unscored = append(sec.Unscored, l.Name)
		}
	}
	sec.Distribution = bins
	sec.Sources = groups(srcs)
	sec.Products = topGroups(groups(prods), 20)
	sec.Segments = groups(segs)
	keys := make([]int32, 0, len(months))
	for m := range months {
		keys = append(keys, m)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, m := range keys {
		g := months[m].done()
		sec.Trend = append(sec.Trend, report.SentimentPeriod{Period: monthText(m), Texts: g.Scored,
			Positive: g.Positive, Neutral: g.Neutral, Negative: g.Negative, Mean: g.Mean})
	}
	// Verbatims: the five most negative and five most positive scored texts.
	idx := make([]int, 0, len(st.texts))
	for i := range st.texts {
		if st.texts[i].label != text.Unscored {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return st.texts[idx[a]].score < st.texts[idx[b]].score })
	pick := func(i int) {
		sec.Verbatims = append(sec.Verbatims, s.verbatim(st, i))
	}
	for k := 0; k < 5 && k < len(idx) && st.texts[idx[k]].label == text.Negative; k++ {
		pick(idx[k])
	}
	for k := len(idx) - 1; k >= 0 && k >= len(idx)-5 && st.texts[idx[k]].label == text.Positive; k-- {
		pick(idx[k])
	}
}

func topGroups(g []report.SentimentGroup, n int) []report.SentimentGroup {
	if len(g) > n {
		return g[:n]
	}
	return g
}

// verbatim builds a text's Verbatim again from its row (texts are not kept
// twice: the row holds them), with the words that drove its score.
func (s *Session) verbatim(st *sentimentState, i int) report.Verbatim {
	tr := &st.texts[i]
	src := s.sources[tr.src]
	r := st.an.Score(s.rowText(textColumns(src), int(tr.row)))
	v := report.Verbatim{Customer: int(tr.cust), Source: src.File, Line: int(src.Table.Lines.At(int(tr.row))), Lang: string(tr.lang),
		Score: tr.score, Label: string(tr.label), Text: r.Text}
	if tr.cust >= 0 {
		v.Name, _ = s.displayName(int(tr.cust))
	}
	if tr.date != 0 {
		v.Date = day(tr.date)
	}
	if len(v.Text) > maxVerbatim {
		// A text pasted whole (a log, a document) would swell the report:
		// keep its start, cut on a character boundary.
		cut := maxVerbatim
		for cut > 0 && v.Text[cut]&0xC0 == 0x80 {
			cut--
		}
		v.Text = v.Text[:cut] + "…"
	}
	for _, d := range r.Drivers {
		if d.End <= len(v.Text) {
			v.Drivers = append(v.Drivers, report.TextSpan{Start: d.Start, End: d.End, Weight: round4(d.Weight)})
		}
	}
	return v
}

// maxVerbatim is the most bytes of a text a verbatim shows.
const maxVerbatim = 1500

// sentimentProfile adds the sentiment analysis' view of one customer to the profile.
func (s *Session) sentimentProfile(id int, p *profile.Profile) {
	score, n := s.customerSentiment(id)
	if n == 0 {
		return
	}
	c := s.sentimentState.cust[id]
	p.Sentiment = &profile.Sentiment{Score: round4(score), Texts: n, Negative: int(c.negative), Positive: int(c.positive)}
}

// customerSentiment is the mean sentiment (-1..1) of the texts the customer
// wrote and how many there were; n = 0 when none. Other analyses read it.
func (s *Session) customerSentiment(ci int) (score float64, n int) {
	st := s.sentimentState
	if st == nil || ci < 0 || ci >= len(st.cust) || st.cust[ci].n == 0 {
		return 0, 0
	}
	c := st.cust[ci]
	return c.sum / float64(c.n), int(c.n)
}
