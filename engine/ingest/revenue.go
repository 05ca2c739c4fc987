package ingest

import (
	"strings"

	"github.com/qalbhq/qalb/engine/message"
)

// decideKind sets the kind, its confidence and the runner-up: the user's
// kind, else the recognised export's, else the best scored from the whole
// file (kind.go). Then the roles are fitted to the kind.
func (s *Source) decideKind(fm FileMapping) {
	scores := ScoreKinds(s.Header, s.Roles)
	runnerUp := func(k Kind) Kind {
		for _, sc := range scores {
			if sc.Kind != k && sc.Score > 0 {
				return sc.Kind
			}
		}
		return ""
	}
	switch {
	case fm.Kind != "":
		s.Kind, s.KindConfidence = fm.Kind, 1
		s.RunnerUp = runnerUp(fm.Kind)
	case s.Export != nil:
		s.Kind, s.KindConfidence = s.Export.Kind, s.Export.Confidence
		s.RunnerUp = runnerUp(s.Kind)
	default:
		s.Kind, s.KindConfidence, s.RunnerUp = DecideKind(s.Header, s.Roles)
	}
	s.fitRoles()
}

// fitRoles adjusts inferred roles that do not fit the kind: an aggregate
// report names no customers (a "User" column of counts is a measure), and
// a review's score is a rating, not an NPS answer.
func (s *Source) fitRoles() {
	for j := range s.Roles {
		cr := &s.Roles[j]
		if cr.By == "mapping" {
			continue
		}
		switch s.Kind {
		case Aggregates:
			switch cr.Role {
			case CustomerID, Email, Phone, FullName, FirstName, LastName, AnonymousID, OrderID:
				cr.Role, cr.By, cr.Confidence = Ignore, "default", 0
			}
		case Reviews:
			if cr.By != "export" && (cr.Role == NPS || cr.Role == CSAT || cr.Role == CES) {
				cr.Role = Rating
			}
		case Surveys:
			// A survey's 0–10 score that its header does not name is the
			// 0–10 scale's standard question, likelihood to recommend: NPS
			// (unless a survey column names each row's metric, or the header
			// calls it a rating: "Rate our service 0–10" is no NPS).
			if cr.By != "export" && cr.Role == Rating && cr.Scale != nil && cr.Scale.Min == 0 && cr.Scale.Max == 10 &&
				!s.hasScoreRole() && !ratingWords(s.Header[j]) {
				cr.Role = NPS
			}
			// A question's answers that are not a score or free text
			// (multiple choice, checkboxes) are answers, not products or
			// categories of a customer.
			if cr.By != "export" && questionLike(s.Header[j]) {
				switch cr.Role {
				case Product, Category, Status, Interests, Ignore, Channel, Device:
					cr.Role, cr.By = Answer, "header"
					cr.Confidence = 0.7
				}
			}
		}
	}
}

// moneyRole: roles whose values are money.
func moneyRole(r Role) bool {
	return r == Amount || r == Refunded || r == LifetimeSpend || r == AverageOrder
}

// swapSeparators exchanges '.' and ',' so a number written with a decimal
// comma reads as one written with a decimal point: 1.234,56 → 1,234.56.
func swapSeparators(f []byte) []byte {
	out := make([]byte, len(f))
	for i, c := range f {
		switch c {
		case '.':
			c = ','
		case ',':
			c = '.'
		}
		out[i] = c
	}
	return out
}

// decimalCommaSample reports whether the money columns of a sample are
// written with a decimal comma: some values end in a comma and one or two
// digits (12,50 or 1.234,5) and none in a point and one or two digits.
func decimalCommaSample(roles []ColumnRole, sample [][]string) bool {
	comma, point := 0, 0
	for _, cr := range roles {
		if !moneyRole(cr.Role) {
			continue
		}
		for _, row := range sample {
			if cr.Index >= len(row) {
				continue
			}
			v := strings.TrimRight(strings.TrimSpace(row[cr.Index]), " €$£%abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
			n := len(v)
			switch {
			case n >= 2 && v[n-2] == ',' && isDigit(v[n-1]), n >= 3 && v[n-3] == ',' && isDigit(v[n-1]) && isDigit(v[n-2]):
				comma++
			case n >= 2 && v[n-2] == '.' && isDigit(v[n-1]), n >= 3 && v[n-3] == '.' && isDigit(v[n-1]) && isDigit(v[n-2]):
				point++
			}
		}
	}
	return comma > 0 && point == 0
}

// finishStructure keeps what the reader found about the file's structure
// and summarises an aggregate report's tables.
func (s *Source) finishStructure(c *csvReader) {
	if c != nil {
		s.Tables = c.Tables()
		if len(s.Tables) > 1 {
			s.Notes = append(s.Notes, message.Format("tables", len(s.Tables)))
		}
		if len(s.Meta) > 0 {
			s.Notes = append(s.Notes, message.Format("commentLines", len(s.Meta)))
		}
	}
	s.PeriodFrom, s.PeriodTo = metaPeriod(s.Meta)
	if s.agg != nil {
		s.Aggregates = s.agg.tables(s.Header, s.Tables)
		s.agg = nil
	}
}

// markNotRevenue marks the rows a payments export says are not sales:
// Stripe payments made in test mode, PayPal's currency conversions,
// withdrawals and holds. Their amounts stay in the table; orders built
// from them are excluded from revenue, and a note says how many.
func (s *Source) markNotRevenue() {
	if s.Export == nil || !s.Export.TestMode && !s.Export.InternalRows || s.Table == nil {
		return
	}
	strs := s.Table.Strings
	n := 0
	for j, cr := range s.Roles {
		if cr.Role == Ignore {
			continue
		}
		h := NormalizeHeader(s.Header[j])
		var match func(v string) bool
		switch {
		case s.Export.TestMode && (h == "mode" || h == "livemode"):
			match = func(v string) bool {
				v = strings.ToLower(v)
				return v == "test" || h == "livemode" && v == "false"
			}
		case s.Export.InternalRows && cr.Role == Category:
			match = internalMovement
		default:
			continue
		}
		col := s.Table.Columns[0]
		for _, c := range s.Table.Columns {
			if c.Name == s.Header[j] {
				col = c
			}
		}
		if col.Name != s.Header[j] || col.Str == nil {
			continue
		}
		cache := map[uint32]bool{}
		for i, id := range col.Str {
			if id == 0 {
				continue
			}
			m, ok := cache[id]
			if !ok {
				m = match(strs.Value(id))
				cache[id] = m
			}
			if m && !s.NotRevenue.Get(i) {
				s.NotRevenue.Set(i)
				n++
			}
		}
	}
	switch {
	case n > 0 && s.Export.TestMode:
		s.Notes = append(s.Notes, message.Format("testModeRows", n))
	case n > 0:
		s.Notes = append(s.Notes, message.Format("internalRows", n))
	}
}

// internalMovement reports a PayPal transaction type (in English, Spanish,
// French or German) that moves money within the account rather than
// selling: conversions, withdrawals, transfers, holds, authorisations.
func internalMovement(v string) bool {
	v = strings.ToLower(v)
	for _, w := range strings.Split(paypalInternalTypes, "|") {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// questionLike reports a survey column named by its question: a question
// mark (Latin or Arabic), a "question — option" or "question:option" name,
// or four words and more.
func questionLike(h string) bool {
	if strings.ContainsAny(h, "?؟") || strings.Contains(h, " — ") {
		return true
	}
	return len(strings.Fields(NormalizeHeader(h))) >= 4
}

// hasScoreRole reports whether a column is already an NPS, CES or CSAT
// question, or names the survey of each row.
func (s *Source) hasScoreRole() bool {
	for _, cr := range s.Roles {
		if cr.Role == NPS || cr.Role == CES || cr.Role == CSAT || cr.Role == Survey {
			return true
		}
	}
	return false
}

// ratingWords: a header that calls its column a rating or stars (a score
// may be anything; a rating is not a likelihood to recommend).
func ratingWords(h string) bool {
	for _, w := range strings.Fields(NormalizeHeader(h)) {
		switch w {
		case "rating", "ratings", "rate", "stars", "star", "grade", "التقييم", "تقييم", "النجوم":
			return true
		}
	}
	return false
}
