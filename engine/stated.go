package engine

import (
	"sort"
	"strings"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/table"
)

// addStated adds what the customer's files state of them as a whole —
// lifetime spend, order count, average order, marketing consent — and
// their answers to survey questions, to the profile.
func (s *Session) addStated(id int, p *profile.Profile) {
	var st profile.Stated
	var when [4]int64
	var seen [4]bool
	found := false
	s.eachRow(id, func(si, row int, src *ingest.Source) {
		var date int64
		if c := src.Column(ingest.Date); c != nil && !c.IsNull(row) {
			date = c.Time[row]
		}
		for _, c := range src.Columns(ingest.Answer) {
			if !c.IsNull(row) {
				p.Feedback.Answers = append(p.Feedback.Answers, profile.Answer{Date: dayOrEmpty(date),
					Question: c.Name, Answer: ingest.Shorten(s.strs.Value(c.Str[row]), 300), Source: src.File})
			}
		}
		spend, count, avg, consent := src.Column(ingest.LifetimeSpend), src.Column(ingest.OrderCount),
			src.Column(ingest.AverageOrder), src.Column(ingest.Consent)
		has := func(c *table.Column) bool { return c != nil && !c.IsNull(row) }
		// Each value comes from the most recent row that states it;
		// undated rows count as older than dated ones, and among equals
		// the first file read wins.
		newer := func(k int) bool {
			if seen[k] && date <= when[k] {
				return false
			}
			seen[k], when[k] = true, date
			found = true
			return true
		}
		cur := strings.ToUpper(s.text(src, ingest.Currency, row))
		if has(spend) && newer(0) {
			st.LifetimeSpend = &report.Money{Currency: cur, Amount: round2(spend.Float[row])}
			st.Source = src.File
		}
		if has(count) && newer(1) {
			n := int(count.Float[row])
			st.OrderCount = &n
		}
		if has(avg) && newer(2) {
			st.AverageOrder = &report.Money{Currency: cur, Amount: round2(avg.Float[row])}
		}
		if has(consent) && newer(3) {
			st.Consent, st.ConsentColumn = s.strs.Value(consent.Str[row]), consent.Name
			st.Subscribed = subscribed(consent.Name, st.Consent)
			if st.LifetimeSpend == nil {
				st.Source = src.File
			}
		}
	})
	if found {
		p.Behaviour.Stated = &st
	}
	sort.SliceStable(p.Feedback.Answers, func(i, j int) bool { return p.Feedback.Answers[i].Date > p.Feedback.Answers[j].Date })
}

// subscribed reads a consent value: a column that records leaving
// (Mailchimp's UNSUB_TIME or CLEAN_TIME, an "opt out" flag) means not
// subscribed when filled or true; otherwise yes/true/subscribed words mean
// subscribed and no/false/unsubscribed/cleaned mean not.
func subscribed(column, v string) *bool {
	yes, no := true, false
	h := ingest.NormalizeHeader(column)
	leaving := strings.Contains(h, "unsub") || strings.Contains(h, "clean") || strings.Contains(h, "opt out") ||
		strings.Contains(h, "opted out")
	w := strings.ToLower(strings.TrimSpace(v))
	b, isBool := ingest.ParseBool([]byte(w))
	switch {
	case leaving && isBool:
		if b {
			return &no
		}
		return &yes
	case leaving:
		return &no // a time or a reason: the customer left
	case isBool:
		if b {
			return &yes
		}
		return &no
	case strings.Contains(w, "unsub"), strings.Contains(w, "never"), strings.Contains(w, "clean"),
		strings.Contains(w, "non-marketing"), strings.Contains(w, "declined"), strings.Contains(w, "not "):
		return &no
	case strings.Contains(w, "subscribed"), strings.Contains(w, "opted in"), strings.Contains(w, "marketing contact"),
		strings.Contains(w, "consent"), w == "granted":
		return &yes
	}
	return nil
}
