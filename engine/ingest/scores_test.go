package ingest

import (
	"math"
	"testing"
)

func TestParseScore(t *testing.T) {
	cases := map[string]float64{
		"10": 10, "7.5": 7.5, "٩": 9, "۱۰": 10, "10 - Extremely likely": 10, "0 - Not at all likely": 0,
		"5 (Very satisfied)": 5, "4/5": 4, "٣ - محايد": 3, "Very satisfied": 5, "very dissatisfied": 1,
		"Neither agree nor disagree": 4, "Strongly agree": 7, "Very easy": 5, "راضٍ جداً": 5, "غير راضٍ": 2,
		"FIVE": 5, "ONE": 1, "Four": 4, "zero": 0, "ten": 10,
	}
	for in, want := range cases {
		if got, ok := ParseScore([]byte(in)); !ok || got != want {
			t.Errorf("ParseScore(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"great", "10 apples", "Promoterish", "", "STAR_RATING_UNSPECIFIED", "eleven"} {
		if v, ok := ParseScore([]byte(bad)); ok {
			t.Errorf("ParseScore(%q) = %v, want no score", bad, v)
		}
	}
	three := [][]byte{[]byte("Positive"), []byte("Neutral"), []byte("negative"), []byte("إيجابي")}
	if !ThreePointLabels(three) || ScoreScale(CSAT, three) != (Scale{Min: 0, Max: 2}) {
		t.Error("three-point labels")
	}
	if v, _ := ParseScoreIn([]byte("Positive"), true); v != 2 {
		t.Errorf("Positive = %v", v)
	}
}

func TestSurveyMetricAndReversed(t *testing.T) {
	for name, want := range map[string]Role{"NPS": NPS, "Net Promoter Score Q3": NPS, "CSAT survey": CSAT,
		"Customer satisfaction": CSAT, "CES": CES, "Customer Effort": CES, "Website feedback": "", "استبيان الرضا": CSAT} {
		if got := SurveyMetric(name); got != want {
			t.Errorf("SurveyMetric(%q) = %q, want %q", name, got, want)
		}
	}
	if !ReversedScale("How much effort did you personally have to put forth?", CES) ||
		ReversedScale("The company made it easy for me to handle my issue", CES) ||
		ReversedScale("How much effort did you personally have to put forth?", CSAT) {
		t.Error("ReversedScale")
	}
	if SurveyScale([]float64{0, 1, 2, 2}, CSAT) != (Scale{Min: 0, Max: 2}) || SurveyScale([]float64{1, 2, 2}, CSAT) != (Scale{Min: 1, Max: 5}) {
		t.Error("SurveyScale")
	}
}

// Survey questions in English and Arabic get their metric, scale and
// direction from the header and the answers.
func TestScoreHeaders(t *testing.T) {
	header := []string{"Email",
		"How likely is it that you would recommend us to a friend?",
		"The company made it easy for me to handle my issue.",
		"How much effort did you personally have to put forth to handle your request?",
		"How satisfied are you with the service?",
		"ما مدى احتمال أن توصي بنا لصديق؟",
		"ما مدى رضاك عن الخدمة؟",
		"ما مدى سهولة حل مشكلتك؟"}
	var sample [][]string
	for i := 0; i < 12; i++ {
		sample = append(sample, []string{
			"p" + string(rune('a'+i)) + "@x.example",
			[]string{"10 - Extremely likely", "9", "0 - Not at all likely", "7", "8", "6"}[i%6],
			[]string{"Strongly agree", "Agree", "Somewhat agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"}[i%6],
			[]string{"1", "2", "3", "4", "5"}[i%5],
			[]string{"Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied"}[i%5],
			[]string{"١٠", "٩", "٣", "٧", "٠", "٨"}[i%6],
			[]string{"راضٍ جداً", "راضٍ", "محايد", "غير راضٍ"}[i%4],
			[]string{"1", "2", "3", "4", "5", "4"}[i%6],
		})
	}
	roles := InferRoles(header, sample)
	want := []struct {
		role     Role
		min, max int
		reversed bool
	}{{Email, 0, 0, false}, {NPS, 0, 10, false}, {CES, 1, 7, false}, {CES, 1, 5, true}, {CSAT, 1, 5, false},
		{NPS, 0, 10, false}, {CSAT, 1, 5, false}, {CES, 1, 5, false}}
	for j, w := range want {
		cr := roles[j]
		if cr.Role != w.role {
			t.Errorf("%q: role %s, want %s", header[j], cr.Role, w.role)
			continue
		}
		if w.max > 0 && (cr.Scale == nil || cr.Scale.Min != w.min || cr.Scale.Max != w.max || cr.Reversed != w.reversed) {
			t.Errorf("%q: scale %+v reversed %v, want %d–%d %v", header[j], cr.Scale, cr.Reversed, w.min, w.max, w.reversed)
		}
	}
}

func FuzzParseScore(f *testing.F) {
	for _, s := range []string{"10 - Extremely likely", "٩", "4/5", "Very satisfied", "راضٍ جداً", "1e308", "-", "٣ -"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := ParseScore([]byte(s)); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Errorf("ParseScore(%q) = %v", s, v)
		}
		ThreePointLabels([][]byte{[]byte(s)})
		SurveyMetric(s)
	})
}
