package engine

import (
	"math"
	"sort"
	"strings"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/text"
)

// Pain points: how many kept, how much evidence a key phrase needs.
const (
	maxPainPoints   = 15
	maxPhrases      = 8
	minPhraseTexts  = 3 // negative or mixed texts that use it
	minPhraseCusts  = 2
	minPhraseShare  = 0.5 // a key phrase is a pain when most texts using it are negative
	phraseLift      = 1.5 // and clearly more than the texts overall
	painExamples    = 3
	spikeMinTexts   = 3 // negative texts in the last month, at least
	spikeMinHistory = 3 // earlier months to compare with

	maxDomainExamples = 4000 // rated texts a domain model learns from, at most
	maxTermTexts      = 300  // texts read to list a theme's words
)

// painPoints ranks the topics of negative and mixed texts: the known themes
// (both languages together) and key phrases that recur in negative texts
// more than the texts' overall share of negatives. A topic's figures cover
// every scored text that mentions it; its customers, revenue and examples
// are those of its negative and mixed texts.
func (s *Session) painPoints(sec *report.Sentiment, st *sentimentState, mentions [][]string) {
	byTopic := map[string][]int32{}
	for i, ms := range mentions {
		for _, m := range ms {
			byTopic[m] = append(byTopic[m], int32(i))
		}
	}
	overall := 0.0
	if sec.Scored > 0 {
		overall = float64(sec.Negative) / float64(sec.Scored)
	}
	lastMonth := int32(-1)
	for _, t := range st.texts {
		if t.date != 0 && t.label != text.Unscored {
			if m := monthOf(t.date); m > lastMonth {
				lastMonth = m
			}
		}
	}
	var themes, phrases []report.PainPoint
	for key, idx := range byTopic {
		kind, name := key[:2], key[2:]
		p := s.painPoint(st, name, idx, lastMonth)
		if p.Negative+p.Mixed == 0 {
			continue
		}
		if kind == "t:" {
			p.Theme = true
			p.Terms = s.themeTerms(st, idx, name)
			themes = append(themes, p)
			st.topics[key] = idx
			continue
		}
		if p.Negative+p.Mixed < minPhraseTexts || p.Customers < minPhraseCusts ||
			p.ShareNegative < math.Max(minPhraseShare, phraseLift*overall) || st.an.IsThemeTerm(name) {
			continue
		}
		p.Terms = []string{name}
		phrases = append(phrases, p)
	}
	phrases = preferPairs(phrases)
	sort.Slice(phrases, func(i, j int) bool { return worse(phrases[i], phrases[j]) })
	if len(phrases) > maxPhrases {
		phrases = phrases[:maxPhrases]
	}
	for _, p := range phrases {
		st.topics["p:"+p.Topic] = byTopic["p:"+p.Topic]
	}
	all := append(themes, phrases...)
	sort.Slice(all, func(i, j int) bool { return worse(all[i], all[j]) })
	if len(all) > maxPainPoints {
		all = all[:maxPainPoints]
	}
	for i := range all {
		key := "p:" + all[i].Topic
		if all[i].Theme {
			key = "t:" + all[i].Topic
		}
		all[i].Examples = s.examples(st, st.topics[key])
	}
	sec.PainPoints = all
}

// worse orders pain points: more customers hurt first, then more negative
// texts, then the lower mean, then by name (a stable report).
func worse(a, b report.PainPoint) bool {
	if a.Customers != b.Customers {
		return a.Customers > b.Customers
	}
	if a.Negative+a.Mixed != b.Negative+b.Mixed {
		return a.Negative+a.Mixed > b.Negative+b.Mixed
	}
	if a.Mean != b.Mean {
		return a.Mean < b.Mean
	}
	return a.Topic < b.Topic
}

func hurt(t *textRow) bool { return t.label == text.Negative || t.mixed && t.label != text.Unscored }

func (s *Session) painPoint(st *sentimentState, name string, idx []int32, lastMonth int32) report.PainPoint {
	p := report.PainPoint{Topic: name, Revenue: []report.Money{}}
	sum := 0.0
	custs := map[int32]bool{}
	months := map[int32]*report.TopicMonth{}
	for _, i := range idx {
		t := &st.texts[i]
		if t.label == text.Unscored {
			continue
		}
		p.Texts++
		sum += t.score
		if t.label == text.Negative {
			p.Negative++
		} else if t.mixed {
			p.Mixed++
		}
		if hurt(t) && t.cust >= 0 {
			custs[t.cust] = true
		}
		if t.date != 0 {
			m := monthOf(t.date)
			tm := months[m]
			if tm == nil {
				tm = &report.TopicMonth{Period: monthText(m)}
				months[m] = tm
			}
			tm.Texts++
			if t.label == text.Negative {
				tm.Negative++
			}
		}
	}
	if p.Texts > 0 {
		p.Mean = round4(sum / float64(p.Texts))
		p.ShareNegative = round4(float64(p.Negative) / float64(p.Texts))
	}
	p.Customers = len(custs)
	rev := map[string]float64{}
	for ci := range custs {
		c := &s.custs[ci]
		if a := s.act(c); a.spend != 0 {
			rev[s.strs.Value(a.currency)] += a.spend
		}
	}
	for cur, v := range rev {
		p.Revenue = append(p.Revenue, report.Money{Currency: cur, Amount: round2(v)})
	}
	sort.Slice(p.Revenue, func(i, j int) bool { return p.Revenue[i].Currency < p.Revenue[j].Currency })
	keys := make([]int32, 0, len(months))
	for m := range months {
		keys = append(keys, m)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, m := range keys {
		p.Trend = append(p.Trend, *months[m])
	}
	p.Spikes = spikes(months, keys, lastMonth)
	return p
}

// spikes flags the months in which a topic's negative texts stand out from
// the months before (the early warning): at least spikeMinTexts and more
// than the earlier months' mean plus two standard deviations (and at least
// one text more), months without texts counting as zero, with at least
// spikeMinHistory months to compare with. lastMonth is unused beyond
// bounding the range.
func spikes(months map[int32]*report.TopicMonth, keys []int32, last int32) []string {
	if len(keys) == 0 {
		return nil
	}
	var out []string
	for m := keys[0] + spikeMinHistory; m <= last; m++ {
		cur := months[m]
		if cur == nil || cur.Negative < spikeMinTexts {
			continue
		}
		var prev []float64
		for p := keys[0]; p < m; p++ {
			n := 0.0
			if months[p] != nil {
				n = float64(months[p].Negative)
			}
			prev = append(prev, n)
		}
		mean, sd := meanSD(prev)
		if float64(cur.Negative) > mean+math.Max(2*sd, 1) {
			out = append(out, cur.Period)
		}
	}
	return out
}

func meanSD(v []float64) (float64, float64) {
	m := 0.0
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	ss := 0.0
	for _, x := range v {
		ss += (x - m) * (x - m)
	}
	return m, math.Sqrt(ss / float64(len(v)))
}

// themeTerms lists the words of a theme its negative and mixed texts used,
// most frequent first (at most six).
func (s *Session) themeTerms(st *sentimentState, idx []int32, theme string) []string {
	count := map[string]int{}
	read := 0
	for _, i := range idx {
		t := &st.texts[i]
		if !hurt(t) {
			continue
		}
		if read++; read > maxTermTexts {
			break // the first few hundred texts show which words people use
		}
		tk := st.an.Read(s.rowText(textColumns(s.sources[t.src]), int(t.row)))
		for _, w := range st.an.ThemeWords(tk, theme) {
			count[w]++
		}
	}
	terms := make([]string, 0, len(count))
	for w := range count {
		terms = append(terms, w)
	}
	sort.Slice(terms, func(i, j int) bool {
		if count[terms[i]] != count[terms[j]] {
			return count[terms[i]] > count[terms[j]]
		}
		return terms[i] < terms[j]
	})
	if len(terms) > 6 {
		terms = terms[:6]
	}
	return terms
}

// examples are a topic's most negative texts (hurt ones first).
func (s *Session) examples(st *sentimentState, idx []int32) []report.Verbatim {
	var pick []int32
	for _, i := range idx {
		if hurt(&st.texts[i]) {
			pick = append(pick, i)
		}
	}
	sort.SliceStable(pick, func(a, b int) bool { return st.texts[pick[a]].score < st.texts[pick[b]].score })
	var out []report.Verbatim
	for k := 0; k < len(pick) && k < painExamples; k++ {
		out = append(out, s.verbatim(st, int(pick[k])))
	}
	return out
}

// SentimentQuery asks for the texts behind a part of the sentiment page: a
// pain point's topic (as in PainPoint.Topic, with Theme telling which kind),
// a language, a label; a page of them.
type SentimentQuery struct {
	Topic  string `json:"topic,omitempty"`
	Theme  bool   `json:"theme,omitempty"`
	Lang   string `json:"lang,omitempty"`
	Label  string `json:"label,omitempty"`
	Offset int    `json:"offset,omitempty"`
	Limit  int    `json:"limit,omitempty"` // default 20, at most 200
}

// SentimentPage is a page of texts and the customers who wrote them (over
// all pages, most texts first, at most 50).
type SentimentPage struct {
	Total     int               `json:"total"`
	Offset    int               `json:"offset"`
	Texts     []report.Verbatim `json:"texts"`
	Customers []CustomerRow     `json:"customers"`
}

// SentimentTexts answers a SentimentQuery: texts most negative first.
func (s *Session) SentimentTexts(q SentimentQuery) SentimentPage {
	page := SentimentPage{Offset: q.Offset, Texts: []report.Verbatim{}, Customers: []CustomerRow{}}
	st := s.sentimentState
	if st == nil {
		return page
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	if q.Limit > 200 {
		q.Limit = 200
	}
	var idx []int32
	if q.Topic != "" {
		key := "p:" + q.Topic
		if q.Theme {
			key = "t:" + q.Topic
		}
		idx = st.topics[key]
	} else {
		idx = make([]int32, len(st.texts))
		for i := range idx {
			idx[i] = int32(i)
		}
	}
	var sel []int32
	for _, i := range idx {
		t := &st.texts[i]
		lang := string(t.lang)
		if lang == "" {
			lang = "none"
		}
		if q.Lang != "" && lang != q.Lang || q.Label != "" && string(t.label) != q.Label {
			continue
		}
		if q.Topic != "" && !hurt(t) {
			continue // a pain point's drill-down: its negative and mixed texts
		}
		sel = append(sel, i)
	}
	sort.SliceStable(sel, func(a, b int) bool { return st.texts[sel[a]].score < st.texts[sel[b]].score })
	page.Total = len(sel)
	count := map[int32]int{}
	for k, i := range sel {
		if k >= q.Offset && len(page.Texts) < q.Limit {
			page.Texts = append(page.Texts, s.verbatim(st, int(i)))
		}
		if c := st.texts[i].cust; c >= 0 {
			count[c]++
		}
	}
	custs := make([]int32, 0, len(count))
	for c := range count {
		custs = append(custs, c)
	}
	sort.Slice(custs, func(a, b int) bool {
		if count[custs[a]] != count[custs[b]] {
			return count[custs[a]] > count[custs[b]]
		}
		return custs[a] < custs[b]
	})
	for k, c := range custs {
		if k >= 50 {
			break
		}
		page.Customers = append(page.Customers, s.row(int(c)))
	}
	return page
}

// fitDomainModel learns sentiment from the data's own star ratings (deliverable
// 5): the rated texts of the file with the most of them are the examples (on
// a 5-point scale 4–5 positive, 1–2 negative; on 10, 7+ and 4−), a logistic
// regression over their words is cross-validated, and when it beats the
// built-in scorer on the same texts it scores the unrated texts.
func (s *Session) fitDomainModel(st *sentimentState) *report.DomainModel {
	best, bestN := -1, 0
	for si, src := range s.sources {
		if c := src.Column(ingest.Rating); c != nil && len(textColumns(src)) > 0 {
			if n := c.Len() - c.NullCount(); n > bestN {
				best, bestN = si, n
			}
		}
	}
	if best < 0 {
		return nil
	}
	src := s.sources[best]
	rc := src.Column(ingest.Rating)
	hi := 0.0
	for i := 0; i < rc.Len(); i++ {
		if !rc.IsNull(i) {
			hi = math.Max(hi, rc.Float[i])
		}
	}
	posAt, negAt := 4.0, 2.0
	switch {
	case hi <= 5:
	case hi <= 10:
		posAt, negAt = 7, 4
	default:
		return nil
	}
	var ex []text.Example
	var builtIn int
	// A few thousand rated texts teach a linear model all they can; beyond
	// that every nth is taken, so a million reviews cost no more.
	rated := 0
	for i := range st.texts {
		if t := &st.texts[i]; int(t.src) == best && t.rated && t.label != text.Unscored {
			rated++
		}
	}
	stride := max(1, (rated+maxDomainExamples-1)/maxDomainExamples)
	k := -1
	for i := range st.texts {
		t := &st.texts[i]
		if int(t.src) != best || !t.rated || t.label == text.Unscored {
			continue
		}
		if k++; k%stride != 0 {
			continue
		}
		r := rc.Float[t.row]
		if r > negAt && r < posAt {
			continue
		}
		pos := r >= posAt
		tk := st.an.Read(s.rowText(textColumns(src), int(t.row)))
		f, lex := st.an.Features(tk, "")
		ex = append(ex, text.Example{Features: f, Lex: lex, Positive: pos})
		if t.label == text.Positive && pos || t.label == text.Negative && !pos {
			builtIn++
		}
	}
	npos := 0
	for _, e := range ex {
		if e.Positive {
			npos++
		}
	}
	const minExamples, minClass, folds = 30, 8, 5
	if len(ex) < minExamples || npos < minClass || len(ex)-npos < minClass {
		return nil
	}
	opts := text.FitOptions{L2: 0.01, Epochs: 10, MinCount: 1}
	correct := 0
	for k := 0; k < folds; k++ {
		var train []text.Example
		for i, e := range ex {
			if i%folds != k {
				train = append(train, e)
			}
		}
		m := text.Fit(train, opts)
		for i := k; i < len(ex); i += folds {
			if (m.Logit(ex[i].Features, ex[i].Lex) > 0) == ex[i].Positive {
				correct++
			}
		}
	}
	dm := &report.DomainModel{Source: src.File, Examples: len(ex), Folds: folds,
		Accuracy: round4(float64(correct) / float64(len(ex))), BuiltIn: round4(float64(builtIn) / float64(len(ex)))}
	if dm.Accuracy <= dm.BuiltIn {
		return dm
	}
	dm.Applied = true
	m := text.Fit(ex, opts)
	for i := range st.texts {
		t := &st.texts[i]
		if t.rated || t.label == text.Unscored {
			continue
		}
		tk := st.an.Read(s.rowText(textColumns(s.sources[t.src]), int(t.row)))
		f, lex := st.an.Features(tk, "")
		t.score = round4(text.LogitScore(m.Logit(f, lex)))
		t.label = text.LabelOf(t.score)
		dm.AppliedTo++
	}
	return dm
}

// preferPairs drops a one-word phrase when a pair containing it covers most
// of its negative texts ("local" and "shops" under "local shops"): the pair
// says more.
func preferPairs(ps []report.PainPoint) []report.PainPoint {
	out := ps[:0:0]
	for _, p := range ps {
		if !strings.Contains(p.Topic, " ") {
			covered := false
			for _, q := range ps {
				if words := strings.Fields(q.Topic); len(words) == 2 && (words[0] == p.Topic || words[1] == p.Topic) &&
					5*(q.Negative+q.Mixed) >= 4*(p.Negative+p.Mixed) {
					covered = true
					break
				}
			}
			if covered {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
