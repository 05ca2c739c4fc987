package ingest

import (
	"math"
	"slices"
	"strings"
)

// The kind of a file that no registry layout matches is decided from the
// whole file: every kind gets a score from the roles its columns took and
// from header words, and the best wins. The margin over the runner-up is
// the confidence; below KindFloor an interface should ask the user.

// KindFloor is the confidence below which a kind is a guess worth asking
// the user about.
const KindFloor = 0.6

// KindScore is the evidence found for one kind.
type KindScore struct {
	Kind  Kind
	Score float64
}

// metricWords are the measures of analytics reports: a file of them with
// no person in it is an aggregate report.
var metricWords = map[string]bool{
	"sessions": true, "users": true, "active users": true, "new users": true, "total users": true, "views": true,
	"pageviews": true, "page views": true, "clicks": true, "impressions": true, "ctr": true, "position": true,
	"conversions": true, "key events": true, "event count": true, "engagement rate": true, "bounce rate": true,
	"engaged sessions": true, "total revenue": true, "transactions": true, "visits": true, "visitors": true,
	"unique visitors": true, "hits": true, "average engagement time": true, "average session duration": true,
	"views per user": true, "sessions per user": true, "purchase revenue": true, "ecommerce purchases": true,
	"average position": true, "unique pageviews": true, "pages per session": true, "الجلسات": true, "المستخدمون": true,
	"النقرات": true, "مرات الظهور": true, "المشاهدات": true, "sitzungen": true, "nutzer": true, "klicks": true,
	"impressionen": true, "sesiones": true, "usuarios": true, "clics": true, "impresiones": true, "clics totales": true,
	"utilisateurs": true, "clics totaux": true,
}

// surveyWords name surveys outright.
var surveyWords = map[string]bool{"survey": true, "respondent": true, "questionnaire": true, "استبيان": true, "الاستبيان": true}

// ScoreKinds scores every kind for a file with these headers and roles,
// best first (ties in the order of Kinds).
func ScoreKinds(header []string, roles []ColumnRole) []KindScore {
	has := map[Role]int{}
	zeroToTen, stars := false, false
	for _, r := range roles {
		if metricWords[NormalizeHeader(r.Column)] {
			continue // "Users", "Bounce rate": measures, whatever their values look like
		}
		has[r.Role]++
		if r.Role == Rating && r.Scale != nil && r.Scale.Max == 10 && (r.Scale.Min == 0 || !starWords(r.Column)) {
			zeroToTen = true // a likelihood question's scale (0–10, or 1–10 not called a rating)
		}
		if r.Role == Rating && (r.Scale == nil || r.Scale.Min != 0 || r.Scale.Max != 10) {
			stars = true // stars start at 1: an 11-point 0–10 scale is a likelihood question's, not a review's
		}
	}
	words := map[Kind]bool{}
	support, survey, metrics := false, false, 0
	for _, h := range header {
		n := NormalizeHeader(h)
		if metricWords[n] {
			metrics++
		}
		for _, w := range strings.Fields(n) {
			if k, ok := kindWords[w]; ok {
				words[k] = true
			}
			support = support || supportWords[w]
			survey = survey || surveyWords[w]
		}
	}
	person := has[CustomerID] + has[Email] + has[Phone] + has[FullName] + has[FirstName] + has[LastName] + has[AnonymousID]
	orders := has[OrderID] > 0 || has[Amount] > 0 || has[Quantity] > 0 || has[Product] > 0
	score := map[Kind]float64{}

	if has[NPS]+has[CES]+has[CSAT] > 0 {
		score[Surveys] += 4
	}
	if zeroToTen && has[Text] > 0 {
		score[Surveys] += 3.5 // a 0–10 question with a comment
	}
	score[Surveys] += math.Min(1, 0.5*float64(has[Answer])) + b2f(survey) + 2.5*b2f(has[Survey] > 0) // a column naming the survey

	switch {
	case has[Rating] > 0 && has[Text] > 0 && stars:
		score[Reviews] += 3
	case has[Rating] > 0 && has[Text] > 0:
		score[Reviews] += 1.5 // a 0–10 score and a comment: more a survey's answer than a review
	case has[Rating] > 0 && !orders:
		score[Reviews] += 2
	}
	if words[Reviews] {
		score[Reviews] += 3
	}

	if has[Subject] > 0 {
		score[Tickets] += 3
	}
	if words[Tickets] {
		score[Tickets] += 3
	}
	if support && (has[Status] > 0 || has[Text] > 0) && !orders {
		score[Tickets] += 2.5
	}

	if has[EventName] > 0 {
		score[Events] += 7 + b2f(has[AnonymousID] > 0) // an event column decides, whatever the properties carry
	}

	score[Orders] += 2*b2f(has[OrderID] > 0) + 2*b2f(has[Amount] > 0) + b2f(has[Quantity] > 0) +
		b2f(has[Product] > 0) + 0.5*b2f(has[Refunded] > 0)
	if has[Amount] > 0 && has[Date] > 0 {
		score[Orders]++ // a dated amount is a transaction
	}
	if words[Orders] && orders {
		score[Orders] += 1.5 // "order date", "payment amount"
	}
	if has[EventName] > 0 {
		score[Orders] *= 0.3 // order fields of an event stream are its events' properties
	}

	names := has[FullName] + has[FirstName] + has[LastName]
	switch {
	case person > names: // a key to reach or find someone by: an id, an email, a phone
		score[Contacts] += 1
		if names > 0 {
			score[Contacts] += 0.75
		}
	case names > 0:
		score[Contacts] += 0.75 // names alone: the authors of reviews or answers as often as a list of people
	}
	if has[Email] > 0 && names > 0 {
		score[Contacts] += 0.5 // an email and a name: a contact list
	}
	attrs := has[City] + has[Country] + has[Region] + has[Company] + has[JobTitle] + has[Industry] + has[Employees] +
		has[Gender] + has[BirthDate] + has[Age]
	score[Contacts] += math.Min(1.5, 0.5*float64(attrs))
	// What a tool says about a customer as a whole makes a customer list.
	score[Contacts] += 2 * b2f(has[LifetimeSpend]+has[OrderCount]+has[AverageOrder]+has[Consent] > 0)

	if person == 0 && metrics > 0 {
		score[Aggregates] += 4 + math.Min(2, 0.5*float64(metrics-1))
	}

	out := make([]KindScore, 0, len(Kinds))
	for _, k := range Kinds {
		out = append(out, KindScore{Kind: k, Score: math.Round(score[k]*100) / 100})
	}
	slices.SortStableFunc(out, func(a, b KindScore) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}

// DecideKind returns the best kind for the file, how sure that is (0.5
// when the runner-up scores as much, 1 when nothing else scores; lower
// when the evidence is thin) and the runner-up ("" when nothing else
// scores). With no evidence at all the file is contacts, at confidence 0.5.
func DecideKind(header []string, roles []ColumnRole) (Kind, float64, Kind) {
	sc := ScoreKinds(header, roles)
	best, second := sc[0], sc[1]
	if best.Score == 0 {
		return Contacts, 0.5, ""
	}
	conf := best.Score / (best.Score + second.Score)
	if best.Score < 1.5 {
		conf *= 0.85 // one weak clue
	}
	var runner Kind
	if second.Score > 0 {
		runner = second.Kind
	}
	return best.Kind, math.Round(conf*100) / 100, runner
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// starWords: a header that calls its column a rating, stars or a score.
func starWords(h string) bool {
	for _, w := range strings.Fields(NormalizeHeader(h)) {
		switch w {
		case "rating", "ratings", "stars", "star", "score", "rate", "grade", "التقييم", "تقييم", "النجوم":
			return true
		}
	}
	return false
}
