package engine

import (
	"context"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/feedback"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/table"
	"github.com/qalbhq/qalb/engine/text"
)

// feedbackState is what the feedback analysis keeps for profiles and detail queries.
type feedbackState struct {
	surveys []*surveyAnswers
	// latest answer of each customer per metric
	latest map[feedback.Metric]map[int32]latestAnswer
}

// surveyAnswers are the answers of one survey: one metric on one scale.
type surveyAnswers struct {
	key     string
	metric  feedback.Metric
	name    string
	scale   feedback.Scale
	files   []string
	columns []string
	values  []float64
	times   []int64
	custs   []int32 // -1: an answer no customer key ties to anyone
	srcs    []int32
	rows    []int32
	labels  []string // survey name per answer (combined rounds)
	rounds  bool     // answers of several survey names (combined rounds)
}

type latestAnswer struct {
	survey int32
	answer int32
	time   int64
}

// minSegment is the fewest answers a segment or driver level needs to be
// shown at all; verdicts need feedback.MinN.
const minSegment = 5

// analyseFeedback fills s.Report.Feedback (left nil when there is no data for it).
func (s *Session) analyseFeedback(ctx context.Context, opts Options) error {
	st := &feedbackState{latest: map[feedback.Metric]map[int32]latestAnswer{}}
	s.feedbackState = st
	rounds := opts.Mapping.SurveyRounds
	if rounds != "separate" {
		rounds = "combined"
	}
	var notes []string
	byKey := map[string]*surveyAnswers{}
	for si, src := range s.sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		notes = append(notes, s.collectAnswers(si, src, opts.Mapping.Files[src.File], rounds, byKey, &st.surveys)...)
	}
	if len(st.surveys) == 0 && len(notes) == 0 {
		return nil
	}
	out := &report.Feedback{Rounds: rounds, Surveys: []report.Survey{}, Notes: notes}
	for i, sv := range st.surveys {
		s.beat(i)
		// Rounds taken together are named by their question, not by one round.
		if sv.rounds || len(sv.files) > 1 {
			sv.name = strings.Join(sv.columns, " · ")
		}
		sr := s.surveyReport(i, sv)
		roundFloats(reflect.ValueOf(&sr).Elem())
		out.Surveys = append(out.Surveys, sr)
		st.remember(int32(i), sv)
	}
	s.Report.Feedback = out
	return nil
}

// collectAnswers reads the score columns of one source into surveys: one
// per metric and scale (and, for separate rounds, per file and survey
// name). A file with a survey column is split by it, each survey's metric
// named by the survey (or the column's role) and its scale read from its
// own answers, so an NPS survey's 0–10 and a CSAT survey's 0–2 in one
// Rating column are never averaged together.
func (s *Session) collectAnswers(si int, src *ingest.Source, fm ingest.FileMapping, rounds string,
	byKey map[string]*surveyAnswers, list *[]*surveyAnswers) []string {
	var notes []string
	// Rows are split by the survey column; with several (a survey's name
	// and its type: HubSpot), by the first that has a value, and the
	// metric is the first any of them names.
	surveyCols := src.Columns(ingest.Survey)
	var surveyCol *table.Column
	if len(surveyCols) > 0 {
		surveyCol = surveyCols[0]
	}
	namedMetric := func(row int32) ingest.Role {
		for _, c := range surveyCols {
			if !c.IsNull(int(row)) {
				if m := ingest.SurveyMetric(s.strs.Value(c.Str[row])); m != "" {
					return m
				}
			}
		}
		return ""
	}
	for _, role := range []ingest.Role{ingest.NPS, ingest.CES, ingest.CSAT, ingest.Rating} {
		for _, col := range src.Columns(role) {
			var cr ingest.ColumnRole
			for _, r := range src.Roles {
				if r.Column == col.Name {
					cr = r
				}
			}
			// Rows by survey name (id 0: no name).
			groups := map[uint32][]int32{}
			var order []uint32
			for row := 0; row < col.Len(); row++ {
				if col.IsNull(row) {
					continue
				}
				var name uint32
				for _, c := range surveyCols {
					if !c.IsNull(row) {
						name = c.Str[row]
						break
					}
				}
				if _, ok := groups[name]; !ok {
					order = append(order, name)
				}
				groups[name] = append(groups[name], int32(row))
			}
			if len(order) == 0 && role != ingest.Rating {
				notes = append(notes, message.Format("scoreNoAnswers", src.File, strconv.Quote(col.Name)))
				continue
			}
			sort.Slice(order, func(i, j int) bool { return s.strs.Value(order[i]) < s.strs.Value(order[j]) })
			for _, nameID := range order {
				rows := groups[nameID]
				name := s.strs.Value(nameID)
				metric := feedback.Metric("")
				switch named := namedMetric(rows[0]); {
				case named != "":
					metric = feedback.Metric(named)
				case role != ingest.Rating:
					metric = feedback.Metric(role)
				}
				if metric == "" {
					if name != "" && src.Kind == ingest.Surveys {
						notes = append(notes, message.Format("surveyNoMetric", src.File, strconv.Quote(name), len(rows), strconv.Quote(col.Name)))
					}
					continue // a review's stars are not a survey metric
				}
				vals := make([]float64, len(rows))
				lo, hi := math.Inf(1), math.Inf(-1)
				for i, row := range rows {
					vals[i] = col.Float[row]
					lo, hi = math.Min(lo, vals[i]), math.Max(hi, vals[i])
				}
				sc := feedback.Scale{Min: 0, Max: 10, Reversed: cr.Reversed}
				_, userScale := fm.Scales[col.Name]
				switch {
				case metric == feedback.NPS && cr.Scale != nil && *cr.Scale == (ingest.Scale{Min: -1, Max: 1}):
					sc = feedback.Categories // answers given as their category only
				case metric == feedback.NPS:
				case cr.Scale != nil && (userScale || surveyCol == nil || cr.Scale.Max-cr.Scale.Min <= 2):
					sc.Min, sc.Max = float64(cr.Scale.Min), float64(cr.Scale.Max)
				default: // one survey among several in the column: the tool's documented scale, else its own answers say
					d, ok := src.Export.ScaleOf(ingest.Role(metric))
					if !ok {
						d = ingest.SurveyScale(vals, ingest.Role(metric))
					}
					sc.Min, sc.Max = float64(d.Min), float64(d.Max)
				}
				if lo < sc.Min || hi > sc.Max {
					off := 0
					for _, v := range vals {
						if v < sc.Min || v > sc.Max {
							off++
						}
					}
					notes = append(notes, message.Format("scoreOffScale", src.File, off, strconv.Quote(name), strconv.Quote(col.Name), int(sc.Min), int(sc.Max)))
					continue
				}
				key := string(metric) + "|" + strconv.FormatFloat(sc.Min, 'g', -1, 64) + "|" + strconv.FormatFloat(sc.Max, 'g', -1, 64) + "|" + strconv.FormatBool(sc.Reversed)
				if rounds == "separate" {
					key += "|" + src.File + "|" + name + "|" + col.Name
				}
				label := name // the round, for segments by survey
				if label == "" {
					label = col.Name
				}
				sv := byKey[key]
				if sv == nil {
					title := name
					if title == "" {
						title = col.Name
					}
					sv = &surveyAnswers{key: key, metric: metric, name: title, scale: sc}
					byKey[key] = sv
					*list = append(*list, sv)
				}
				sv.files = appendUnique(sv.files, src.File)
				sv.columns = appendUnique(sv.columns, col.Name)
				dates := src.Column(ingest.Date)
				for i, row := range rows {
					sv.values = append(sv.values, vals[i])
					var t int64
					if dates != nil && !dates.IsNull(int(row)) {
						t = dates.Time[row]
					}
					sv.times = append(sv.times, t)
					sv.custs = append(sv.custs, s.rowCust[si][row])
					sv.srcs = append(sv.srcs, int32(si))
					sv.rows = append(sv.rows, row)
					sv.rounds = sv.rounds || len(sv.labels) > 0 && sv.labels[len(sv.labels)-1] != label
					sv.labels = append(sv.labels, label)
				}
			}
		}
	}
	return notes
}

// roundFloats rounds every float in v to 10 significant digits. The math
// library's last bits differ between hosts (assembly natively, pure Go in
// wasm: Exp, Log, Lgamma under the p-values), and the browser and the CLI
// must write the same report.
func roundFloats(v reflect.Value) {
	switch v.Kind() {
	case reflect.Float64:
		if f := v.Float(); f != 0 && !math.IsInf(f, 0) && !math.IsNaN(f) {
			r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 10, 64), 64)
			v.SetFloat(r)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			roundFloats(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				roundFloats(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			roundFloats(v.Index(i))
		}
	}
}

// hasComment reports whether the row has free text (what comment would join).
func hasComment(src *ingest.Source, row int) bool {
	for _, c := range src.Texts() {
		if !c.IsNull(row) && src.RoleOf(c) == ingest.Text {
			return true
		}
	}
	return false
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// surveyReport computes one survey's section entry.
func (s *Session) surveyReport(id int, sv *surveyAnswers) report.Survey {
	r := report.Survey{ID: id, Metric: string(sv.metric), Name: sv.name, Files: sv.files, Columns: sv.columns,
		Scale: sv.scale, N: len(sv.values), Small: len(sv.values) < feedback.MinN}
	switch sv.metric {
	case feedback.NPS:
		x := feedback.NPSIn(sv.scale, sv.values)
		r.NPS = &x
	case feedback.CSAT:
		x := feedback.CSATOf(sv.values, sv.scale)
		r.CSAT = &x
	case feedback.CES:
		x := feedback.CESOf(sv.values, sv.scale)
		r.CES = &x
	}
	r.Headline = feedback.HeadlineOf(sv.metric, sv.scale, sv.values)
	dist := map[float64]int{}
	var first, last int64
	for i, v := range sv.values {
		dist[sv.scale.Orient(v)]++
		if t := sv.times[i]; t != 0 {
			if first == 0 || t < first {
				first = t
			}
			last = max(last, t)
		}
		if hasComment(s.sources[sv.srcs[i]], int(sv.rows[i])) {
			r.Verbatims++
		}
	}
	for v, c := range dist {
		r.Distribution = append(r.Distribution, report.ValueCount{Value: v, Count: c})
	}
	sort.Slice(r.Distribution, func(i, j int) bool { return r.Distribution[i].Value < r.Distribution[j].Value })
	if first != 0 {
		r.From, r.To = day(first), day(last)
	}
	for _, p := range feedback.Periods {
		if pts := feedback.Trend(sv.metric, sv.scale, sv.values, sv.times, p); len(pts) >= 2 {
			r.Trends = append(r.Trends, report.Trend{Period: string(p), Points: pts})
		}
	}
	attrs := s.answerAttributes(sv)
	topics := s.answerTopics(sv)
	if keep := feedback.MaxAttributes - len(topics); len(attrs) > keep {
		attrs = attrs[:keep] // room for the topics among the drivers
	}
	for _, a := range attrs {
		segs, small := feedback.BySegment(sv.metric, sv.scale, sv.values, a.Values, minSegment)
		if len(segs) > 0 {
			r.Segments = append(r.Segments, report.SegmentGroup{Attribute: a.Name, Segments: segs, Small: small})
		}
	}
	outcome := make([]float64, len(sv.values))
	for i, v := range sv.values {
		outcome[i] = feedback.Outcome(sv.metric, sv.scale, v)
	}
	r.Drivers = feedback.Drivers(outcome, append(attrs, topics...), minSegment)
	return r
}

// maxTopicDrivers is the most text topics the drivers model takes.
const maxTopicDrivers = 3

// answerTopics are the text topics of each answer's respondent as drivers:
// one attribute per pain point of the sentiment analysis ("theme:delivery",
// "phrase:local shops"), "yes" when the answer's own comment or another
// text its respondent wrote mentions the topic (whatever its tone), "no"
// when they wrote scored texts that do not, missing when they wrote none.
// Pain points come most customers hurt first; a topic is kept when at
// least minSegment answers are on each side, at most maxTopicDrivers.
func (s *Session) answerTopics(sv *surveyAnswers) []feedback.Attribute {
	st := s.sentimentState
	if st == nil || s.Report.Sentiment == nil {
		return nil
	}
	rowKey := func(src, row int32) int64 { return int64(src)<<32 | int64(row) }
	wrote := map[int64]bool{} // rows with a scored text
	for _, t := range st.texts {
		if t.label != text.Unscored {
			wrote[rowKey(t.src, t.row)] = true
		}
	}
	var out []feedback.Attribute
	for _, p := range s.Report.Sentiment.PainPoints {
		if len(out) == maxTopicDrivers {
			break
		}
		key := painKey(p)
		rows, custs := map[int64]bool{}, map[int32]bool{}
		for _, i := range st.topics[key] {
			t := &st.texts[i]
			rows[rowKey(t.src, t.row)] = true
			if t.cust >= 0 {
				custs[t.cust] = true
			}
		}
		vals := make([]string, len(sv.values))
		yes, no := 0, 0
		for i := range vals {
			k, ci := rowKey(sv.srcs[i], sv.rows[i]), sv.custs[i]
			switch {
			case rows[k] || ci >= 0 && custs[ci]:
				vals[i] = "yes"
				yes++
			case wrote[k] || ci >= 0 && st.cust[ci].n > 0:
				vals[i] = "no"
				no++
			}
		}
		if yes >= minSegment && no >= minSegment {
			out = append(out, feedback.Attribute{Name: painName(key), Values: vals})
		}
	}
	return out
}

// answerAttributes are the categorical attributes of each answer's
// respondent that segments and drivers use: the resolved profile's
// country, region, industry, company size, language and gender, the
// answer's channel, the RFM segment (segments analysis), and the survey
// name when rounds are combined. Only attributes with two values or more
// and at most 50 are kept. Text topics are drivers too (answerTopics).
func (s *Session) answerAttributes(sv *surveyAnswers) []feedback.Attribute {
	n := len(sv.values)
	type source struct {
		name string
		of   func(i int, c *customer, ci int32) string
	}
	attr := func(a int) func(int, *customer, int32) string {
		return func(_ int, c *customer, _ int32) string {
			if c == nil {
				return ""
			}
			return s.strs.Value(s.attrOf(c)[a])
		}
	}
	sources := []source{
		{"country", attr(attrCountry)}, {"region", attr(attrRegion)}, {"industry", attr(attrIndustry)},
		{"size", func(_ int, c *customer, _ int32) string {
			if c == nil {
				return ""
			}
			return sizeBand(s.strs.Value(s.attrOf(c)[attrEmployees]))
		}},
		{"language", attr(attrLanguage)}, {"gender", attr(attrGender)},
		{"channel", func(i int, _ *customer, _ int32) string {
			return s.text(s.sources[sv.srcs[i]], ingest.Channel, int(sv.rows[i]))
		}},
		{"rfm", func(_ int, c *customer, ci int32) string {
			if c == nil {
				return ""
			}
			return s.rfmSegment(int(ci))
		}},
		{"survey", func(i int, _ *customer, _ int32) string { return sv.labels[i] }},
	}
	var out []feedback.Attribute
	for _, src := range sources {
		vals := make([]string, n)
		distinct := map[string]bool{}
		for i := range vals {
			var c *customer
			ci := sv.custs[i]
			if ci >= 0 {
				c = &s.custs[ci]
			}
			vals[i] = src.of(i, c, ci)
			if vals[i] != "" && len(distinct) <= 50 {
				distinct[vals[i]] = true
			}
		}
		if len(distinct) >= 2 && len(distinct) <= 50 {
			out = append(out, feedback.Attribute{Name: src.name, Values: vals})
		}
	}
	return out
}

// remember keeps each customer's latest answer to a survey's metric.
func (st *feedbackState) remember(id int32, sv *surveyAnswers) {
	m := st.latest[sv.metric]
	if m == nil {
		m = map[int32]latestAnswer{}
		st.latest[sv.metric] = m
	}
	for i, ci := range sv.custs {
		if ci < 0 {
			continue
		}
		if old, ok := m[ci]; !ok || sv.times[i] >= old.time {
			m[ci] = latestAnswer{survey: id, answer: int32(i), time: sv.times[i]}
		}
	}
}

// latestOf is a customer's latest answer to a metric, if any.
func (s *Session) latestOf(ci int, m feedback.Metric) (*surveyAnswers, int, bool) {
	st := s.feedbackState
	if st == nil {
		return nil, 0, false
	}
	a, ok := st.latest[m][int32(ci)]
	if !ok {
		return nil, 0, false
	}
	return st.surveys[a.survey], int(a.answer), true
}

// feedbackProfile adds the feedback analysis' view of one customer to the
// profile: the latest NPS answer with its category, the latest CSAT and
// CES answers with whether they are in the top boxes.
func (s *Session) feedbackProfile(id int, p *profile.Profile) {
	s.relabelScores(id, p)
	for _, m := range []feedback.Metric{feedback.NPS, feedback.CSAT, feedback.CES} {
		sv, i, ok := s.latestOf(id, m)
		if !ok {
			continue
		}
		a := &profile.MetricAnswer{Survey: sv.name, Value: sv.values[i],
			Scale: report.Scale{Min: int(sv.scale.Min), Max: int(sv.scale.Max)}, Reversed: sv.scale.Reversed}
		if t := sv.times[i]; t != 0 {
			a.Date = day(t)
		}
		switch m {
		case feedback.NPS:
			a.Category = string(feedback.CategoryIn(sv.scale, sv.values[i]))
			p.Feedback.NPS = a
		case feedback.CSAT:
			a.Category = topBottom(sv.scale, sv.values[i], "satisfied", "dissatisfied")
			p.Feedback.CSAT = a
		case feedback.CES:
			a.Category = topBottom(sv.scale, sv.values[i], "easy", "difficult")
			p.Feedback.CES = a
		}
	}
}

// relabelScores gives the customer's answers in p.Feedback.Scores the
// metric and scale of the survey they belong to: a Rating column split by
// survey holds NPS and CSAT answers, each on its own scale, which the
// column's role and scale alone do not say. Answers are matched by file,
// day and value.
func (s *Session) relabelScores(id int, p *profile.Profile) {
	st := s.feedbackState
	if st == nil || len(p.Feedback.Scores) == 0 {
		return
	}
	type key struct {
		file, date string
		value      float64
	}
	type place struct {
		file string
		line int
	}
	found := map[key]*surveyAnswers{}
	lines := map[place]*surveyAnswers{}
	for _, sv := range st.surveys {
		for i, ci := range sv.custs {
			if int(ci) != id {
				continue
			}
			src := s.sources[sv.srcs[i]]
			k := key{src.File, "", sv.values[i]}
			if t := sv.times[i]; t != 0 {
				k.date = day(t)
			}
			found[k] = sv
			lines[place{src.File, int(src.Table.Lines.At(int(sv.rows[i])))}] = sv
		}
	}
	// On the timeline, a Rating column's answer reads "★ 9"; say the metric.
	for i := range p.Timeline {
		tp := &p.Timeline[i]
		if sv, ok := lines[place{tp.File, tp.Line}]; ok && strings.HasPrefix(tp.Summary, "★ ") {
			tp.Summary = strings.ToUpper(string(sv.metric)) + tp.Summary[len("★"):]
		}
	}
	for i := range p.Feedback.Scores {
		sc := &p.Feedback.Scores[i]
		if sv, ok := found[key{sc.Source, sc.Date, sc.Value}]; ok {
			sc.Metric = string(sv.metric)
			sc.Scale = report.Scale{Min: int(sv.scale.Min), Max: int(sv.scale.Max)}
		}
	}
}

func topBottom(sc feedback.Scale, v float64, top, bottom string) string {
	switch {
	case sc.Top(v):
		return top
	case sc.Bottom(v):
		return bottom
	}
	return "neutral"
}

// npsCategory is the customer's latest NPS answer as "promoter", "passive"
// or "detractor"; "" when they gave none. Other analyses read it (segment
// summaries, churn reasons).
func (s *Session) npsCategory(ci int) string {
	sv, i, ok := s.latestOf(ci, feedback.NPS)
	if !ok {
		return ""
	}
	return string(feedback.CategoryIn(sv.scale, sv.values[i]))
}

// VerbatimQuery asks for a page of one survey's comments, newest first,
// optionally only those of one category: promoter, passive or detractor
// (NPS); satisfied, neutral or dissatisfied (CSAT); easy, neutral or
// difficult (CES).
type VerbatimQuery struct {
	Survey   int    `json:"survey"` // report.Survey.ID
	Category string `json:"category,omitempty"`
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"` // default 20, at most 200
}

// VerbatimPage is one page of comments.
type VerbatimPage struct {
	Total     int        `json:"total"` // matches over all pages
	Offset    int        `json:"offset"`
	Verbatims []Verbatim `json:"verbatims"`
}

// Verbatim is one answer with its comment, as the customer wrote it.
type Verbatim struct {
	Customer int     `json:"customer"` // -1 when the answer ties to no customer
	Name     string  `json:"name,omitempty"`
	Date     string  `json:"date,omitempty"`
	Value    float64 `json:"value"`
	Category string  `json:"category"`
	Text     string  `json:"text"`
	File     string  `json:"file"`
	Line     int     `json:"line"`
}

// Verbatims answers a VerbatimQuery. Comments are read from the rows on
// demand: the report carries none of them.
func (s *Session) Verbatims(q VerbatimQuery) VerbatimPage {
	page := VerbatimPage{Offset: max(q.Offset, 0), Verbatims: []Verbatim{}}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	q.Limit = min(q.Limit, 200)
	st := s.feedbackState
	if st == nil || q.Survey < 0 || q.Survey >= len(st.surveys) {
		return page
	}
	sv := st.surveys[q.Survey]
	idx := make([]int, 0, len(sv.values))
	for i := range sv.values {
		idx = append(idx, i)
	}
	sort.SliceStable(idx, func(a, b int) bool { return sv.times[idx[a]] > sv.times[idx[b]] })
	for _, i := range idx {
		src := s.sources[sv.srcs[i]]
		row := int(sv.rows[i])
		cat := answerCategory(sv, i)
		if q.Category != "" && cat != q.Category {
			continue
		}
		text := s.comment(src, row)
		if text == "" {
			continue
		}
		if page.Total >= page.Offset && len(page.Verbatims) < q.Limit {
			v := Verbatim{Customer: int(sv.custs[i]), Value: sv.values[i], Category: cat, Text: ingest.Shorten(text, 2000),
				File: src.File, Line: int(src.Table.Lines.At(row))}
			if v.Customer >= 0 {
				v.Name, _ = s.displayName(v.Customer)
			}
			if t := sv.times[i]; t != 0 {
				v.Date = day(t)
			}
			page.Verbatims = append(page.Verbatims, v)
		}
		page.Total++
	}
	return page
}

// answerCategory is answer i's group in its metric's terms.
func answerCategory(sv *surveyAnswers, i int) string {
	v := sv.values[i]
	switch sv.metric {
	case feedback.NPS:
		return string(feedback.CategoryIn(sv.scale, v))
	case feedback.CSAT:
		return topBottom(sv.scale, v, "satisfied", "dissatisfied")
	}
	return topBottom(sv.scale, v, "easy", "difficult")
}
