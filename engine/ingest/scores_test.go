package ingest

import "testing"

func TestParseScore(t *testing.T) {
	cases := map[string]float64{
		"10": 10, "7.5": 7.5, "٩": 9, "۱۰": 10, "10 - Extremely likely": 10, "0 - Not at all likely": 0,
		"5 (Very satisfied)": 5, "4/5": 4, "٣ - محايد": 3, "Very satisfied": 5, "very dissatisfied": 1,
		"Neither agree nor disagree": 4, "Strongly agree": 7, "Very easy": 5, "راضٍ جداً": 5, "غير راضٍ": 2,
	}
	for in, want := range cases {
		if got, ok := ParseScore([]byte(in)); !ok || got != want {
			t.Errorf("ParseScore(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"great", "10 apples", "Promoterish", ""} {
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
