package ingest

import (
	"bytes"
	"strings"

	"github.com/qalbhq/qalb/engine/message"
)

// Scores: what an answer to an NPS, CSAT or CES question means when it is
// not a bare number, which survey a name stands for, and which way a scale
// runs. The roles of score columns come from roles.go (headers, content)
// and known.go (tools' layouts); this file only reads their values.

// ParseScore reads a score as survey tools write it: a number (any form
// ParseNumber reads, Arabic-Indic digits included), a number followed by
// its label ("10 - Extremely likely", "5 (Very satisfied)", "4 – راضٍ"),
// a number out of a maximum ("4/5"), or a label alone on a standard
// scale (scoreLabels): satisfaction 1–5 (very dissatisfied … very
// satisfied), ease 1–5 (very difficult … very easy), agreement 1–7
// (strongly disagree … strongly agree), and the three-point
// negative/neutral/positive 0–2, in English and Arabic; or a number
// written as a word, zero to ten ("FIVE": the starRating enum of Google
// Business Profile reviews, ONE … FIVE).
func ParseScore(b []byte) (float64, bool) {
	b = bytes.TrimSpace(b)
	if v, ok := ParseNumber(b); ok {
		return v, true
	}
	if v, ok := leadingNumber(b); ok {
		return v, true
	}
	v, ok := scoreLabels[normalLabel(string(b))]
	return v, ok
}

// leadingNumber reads "10 - Extremely likely", "5 (Very satisfied)",
// "4/5", "٩ - ممتاز": a number, then a separator and anything.
func leadingNumber(b []byte) (float64, bool) {
	end := 0
	for end < len(b) {
		r := b[end]
		if r >= '0' && r <= '9' || r == '.' {
			end++
			continue
		}
		// Arabic-Indic (U+0660–0669) and Extended (U+06F0–06F9) digits: two bytes.
		if end+1 < len(b) && (r == 0xD9 && b[end+1] >= 0xA0 && b[end+1] <= 0xA9 || r == 0xDB && b[end+1] >= 0xB0 && b[end+1] <= 0xB9) {
			end += 2
			continue
		}
		break
	}
	if end == 0 || end == len(b) {
		return 0, false
	}
	rest := strings.TrimSpace(string(b[end:]))
	if rest == "" || !strings.ContainsAny(rest[:1], "-–—(/:=.,") && !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, "—") {
		return 0, false
	}
	return ParseNumber(b[:end])
}

// normalLabel lower-cases a label and folds the spellings that differ
// only in Arabic letter forms, diacritics or punctuation.
func normalLabel(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	r := strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا", "ى", "ي", "ة", "ه", "ً", "", "ٍ", "", "ُ", "", "َ", "", "ِ", "", "ّ", "",
		"_", " ", "-", " ", ".", "", "!", "")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}

// scoreLabels are the labels of standard answer scales, by their value.
var scoreLabels = map[string]float64{
	// Satisfaction, 1–5 (a 3-point dissatisfied/neutral/satisfied reads as 2/3/4 of it).
	"very dissatisfied": 1, "extremely dissatisfied": 1, "very unsatisfied": 1, "dissatisfied": 2,
	"unsatisfied": 2, "somewhat dissatisfied": 2, "neither satisfied nor dissatisfied": 3,
	"neutral": 3, "satisfied": 4, "somewhat satisfied": 4, "very satisfied": 5, "extremely satisfied": 5,
	"غير راض على الاطلاق": 1, "غير راض تماما": 1, "غير راض ابدا": 1, "غير راض جدا": 1, "غير راض": 2, "محايد": 3,
	"راض": 4, "راضي": 4, "راض جدا": 5, "راضي جدا": 5, "راض تماما": 5,
	// Ease, 1–5.
	"very difficult": 1, "extremely difficult": 1, "difficult": 2, "somewhat difficult": 2,
	"neither easy nor difficult": 3, "somewhat easy": 4, "easy": 4, "very easy": 5, "extremely easy": 5,
	"صعب جدا": 1, "صعب": 2, "سهل": 4, "سهل جدا": 5,
	// Agreement, 1–7 (CES 2.0: "The company made it easy for me …").
	"strongly disagree": 1, "disagree": 2, "somewhat disagree": 3, "neither agree nor disagree": 4,
	"somewhat agree": 5, "agree": 6, "strongly agree": 7,
	"غير موافق بشده": 1, "غير موافق": 2, "موافق": 6, "موافق بشده": 7,
	// Numbers as words: an API's enum of star ratings (Google Business
	// Profile's starRating is ONE … FIVE) or a spelled-out answer.
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10,
}

// threePoint are the labels of a three-point scale, 0–2 (HubSpot's CSAT,
// sentiment-style answers); a column whose answers are all among them is
// read on 0–2.
var threePoint = map[string]float64{"negative": 0, "neutral": 1, "positive": 2, "سلبي": 0, "محايد": 1, "ايجابي": 2}

// npsGroups are the labels of NPS answers given only as their category
// (Qualtrics' _NPS_GROUP, a CRM's NPS category), read as −1, 0, +1 on
// the scale −1–1 (feedback.Categories).
var npsGroups = map[string]float64{"detractor": -1, "passive": 0, "promoter": 1, "detractors": -1, "passives": 0,
	"promoters": 1, "neutral": 0, "منتقد": -1, "محايد": 0, "مروج": 1, "المنتقدون": -1, "المحايدون": 0, "المروجون": 1}

// ParseScoreIn reads a score of a column whose labels are known to be the
// three-point ones when threePt is true (see ThreePointLabels).
func ParseScoreIn(b []byte, threePt bool) (float64, bool) {
	if threePt {
		if v, ok := threePoint[normalLabel(string(b))]; ok {
			return v, true
		}
	}
	return ParseScore(b)
}

// parseScoreOn reads a score of a column on scale sc: three-point labels
// on 0–2, NPS groups on −1–1, else ParseScore.
func parseScoreOn(b []byte, sc Scale) (float64, bool) {
	if sc.Min == -1 && sc.Max == 1 {
		if v, ok := npsGroups[normalLabel(string(b))]; ok {
			return v, true
		}
	}
	return ParseScoreIn(b, sc.Min == 0 && sc.Max == 2)
}

// NPSGroupLabels reports whether the non-empty values are all NPS groups
// (Promoter, Passive, Detractor), at least one of them not passive.
func NPSGroupLabels(values [][]byte) bool {
	seen := false
	for _, v := range values {
		l := normalLabel(string(v))
		if l == "" {
			continue
		}
		x, ok := npsGroups[l]
		if !ok {
			return false
		}
		seen = seen || x != 0
	}
	return seen
}

// ThreePointLabels reports whether the non-empty values are all labels of
// the three-point negative/neutral/positive scale, at least one of them
// not "neutral".
func ThreePointLabels(values [][]byte) bool {
	seen := false
	for _, v := range values {
		l := normalLabel(string(v))
		if l == "" {
			continue
		}
		x, ok := threePoint[l]
		if !ok {
			return false
		}
		seen = seen || x != 1
	}
	return seen
}

// SurveyMetric is the metric a survey's name or type names ("NPS",
// "Net Promoter", "CSAT", "Customer satisfaction", "CES", "Customer
// effort", and the Arabic terms), or "" when it names none.
func SurveyMetric(name string) Role {
	n := " " + normalLabel(name) + " "
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has(" nps ", " enps ", "net promoter", "recommend", "صافي نقاط الترويج", "توصي", "ترشيح"):
		return NPS
	case has(" ces ", "effort", "ease", " easy ", "الجهد", "سهوله"):
		return CES
	case has(" csat ", "satisf", " 5 star ", " smileys ", "رضا", "الرضا"):
		return CSAT
	}
	return ""
}

// ReversedScale reports whether a score question's header says that the
// low end is the good one: CES 1.0's "How much effort did you personally
// have to put forth" (1 = very low effort), "how difficult was it".
func ReversedScale(header string, role Role) bool {
	if role != CES {
		return false
	}
	h := " " + normalLabel(header) + " "
	for _, w := range []string{"how much effort", "effort did you", "level of effort", "how difficult", "how hard", "كم من الجهد", "مقدار الجهد", "ما مدى صعوبه"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// ScoreScale decides the scale of a score column from its sample values:
// three-point labels give 0–2; otherwise the values read by ParseScore go
// to DetectScale. (Which way it runs is ReversedScale's, from the header.)
func ScoreScale(role Role, values [][]byte) Scale {
	var sc Scale
	switch {
	case role == NPS && NPSGroupLabels(values):
		sc = Scale{Min: -1, Max: 1}
	case ThreePointLabels(values):
		sc = Scale{Min: 0, Max: 2}
	default:
		var nums []float64
		for _, b := range values {
			if v, ok := ParseScore(b); ok {
				nums = append(nums, v)
			}
		}
		sc = SurveyScale(nums, role)
	}
	return sc
}

// SurveyScale is DetectScale with the three-point scale survey tools use
// for CSAT (HubSpot's 0–2: negative, neutral, positive): satisfaction
// answers that are all 0, 1 or 2, with a 0 among them, are on 0–2.
func SurveyScale(values []float64, role Role) Scale {
	if role == CSAT {
		zero, three := false, len(values) > 0
		for _, v := range values {
			zero = zero || v == 0
			three = three && (v == 0 || v == 1 || v == 2)
		}
		if zero && three {
			return Scale{Min: 0, Max: 2}
		}
	}
	return DetectScale(values, role)
}

// scoreLike counts the values that read as scores only through their
// labels (ParseNumber does not read them), so a column of "Very
// satisfied" answers under a satisfaction header keeps its score role.
func scoreLike(values [][]byte) int {
	n := 0
	sc := Scale{}
	switch {
	case NPSGroupLabels(values):
		sc = Scale{Min: -1, Max: 1}
	case ThreePointLabels(values):
		sc = Scale{Min: 0, Max: 2}
	}
	for _, b := range values {
		if _, ok := ParseNumber(b); ok {
			continue
		}
		if _, ok := parseScoreOn(b, sc); ok {
			n++
		}
	}
	return n
}

// npsGroupColumn gives the NPS role, on the −1–1 scale of groups, to a
// column whose header names NPS and whose answers are all NPS groups
// (Promoter, Passive, Detractor) — when the file has no NPS score and no
// survey column of its own (then the group only repeats the score).
func (s *Source) npsGroupColumn(sample [][]string, fm FileMapping) {
	for _, cr := range s.Roles {
		if cr.Role == NPS || cr.Role == Survey {
			return
		}
	}
	for j, h := range s.Header {
		if _, mapped := fm.Columns[h]; mapped {
			continue
		}
		n := " " + NormalizeHeader(h) + " "
		if !strings.Contains(n, " nps ") && !strings.Contains(n, "net promoter") && !strings.Contains(n, "صافي نقاط الترويج") {
			continue
		}
		var vals [][]byte
		for _, row := range sample {
			if j < len(row) {
				vals = append(vals, []byte(row[j]))
			}
		}
		if NPSGroupLabels(vals) {
			cr := &s.Roles[j]
			cr.Role, cr.By, cr.Confidence = NPS, "content", 0.9
			cr.Scale, cr.Reversed = &Scale{Min: -1, Max: 1}, false
			return
		}
	}
}

// scoreCompanions gives the NPS role to a question whose export names its
// NPS group next to it: Qualtrics writes, for an NPS question "Q7", a
// column "Q7_NPS_GROUP" (1–3 or Detractor/Passive/Promoter). The question
// is then NPS on 0–10 whatever its header says; the group column is a
// category. A column the user mapped keeps its role.
func (s *Source) scoreCompanions(fm FileMapping) {
	for _, h := range s.Header {
		u := strings.ToUpper(strings.TrimSpace(h))
		if !strings.HasSuffix(u, "_NPS_GROUP") {
			continue
		}
		q := strings.TrimSpace(h)[:len(strings.TrimSpace(h))-len("_NPS_GROUP")]
		for j, name := range s.Header {
			if _, mapped := fm.Columns[name]; mapped || !strings.EqualFold(strings.TrimSpace(name), q) {
				continue
			}
			cr := &s.Roles[j]
			cr.Role, cr.By, cr.Confidence = NPS, "header", 1
			cr.Scale, cr.Reversed = &Scale{Min: 0, Max: 10}, false
		}
		for j, name := range s.Header {
			if _, mapped := fm.Columns[name]; !mapped && name == h && s.Roles[j].Role == NPS {
				s.Roles[j].Role, s.Roles[j].Scale = Category, nil
			}
		}
	}
}

// scoreRejection says why a survey row without a usable score is
// rejected: when its score was there but could not be read (text that is
// not a score, a value off the scale), that is the reason, not "no score".
func scoreRejection(reason string, slots []*slot) string {
	if reason != message.Format("noScoreOrComment") {
		return reason
	}
	for _, sl := range slots {
		if sl.state == cellFailed && (sl.role == NPS || sl.role == CES || sl.role == CSAT || sl.role == Rating) {
			return failureReason(sl)
		}
	}
	return reason
}
