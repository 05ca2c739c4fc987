package engine

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/feedback"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
)

func surveyNamed(t *testing.T, r *report.Report, metric string) []report.Survey {
	t.Helper()
	if r.Feedback == nil {
		t.Fatal("no feedback section")
	}
	var out []report.Survey
	for _, s := range r.Feedback.Surveys {
		if s.Metric == metric {
			out = append(out, s)
		}
	}
	return out
}

// One Rating column holds an NPS survey's 0–10 and a CSAT survey's 0–2,
// told apart by the Survey column: each is scored on its own scale.
func TestFeedbackTwoSurveysInOneColumn(t *testing.T) {
	body := "Email,Survey,Rating,Date,Comment\n" +
		"a@x.example,NPS,10,2024-01-02,great\n" +
		"b@x.example,NPS,9,2024-01-03,\n" +
		"c@x.example,NPS,2,2024-01-04,slow\n" +
		"d@x.example,NPS,7,2024-01-05,\n" +
		"a@x.example,CSAT,2,2024-01-06,\n" +
		"b@x.example,CSAT,1,2024-01-07,\n" +
		"c@x.example,CSAT,0,2024-01-08,\n" +
		"d@x.example,CSAT,2,2024-01-09,\n" +
		"e@x.example,NPS,,2024-01-10,no score given\n"
	s := analyzeT(t, Options{}, memInput("mixed.csv", body))
	nps := surveyNamed(t, s.Report, "nps")
	csat := surveyNamed(t, s.Report, "csat")
	if len(nps) != 1 || len(csat) != 1 {
		t.Fatalf("surveys %+v", s.Report.Feedback)
	}
	// NPS: 2 promoters, 1 passive, 1 detractor of 4 → 25; the blank score is no answer.
	if n := nps[0].NPS; n.N != 4 || n.Score != 25 || n.Top != 2 || n.Bottom != 1 {
		t.Errorf("nps %+v", n)
	}
	// CSAT on 0–2: the top box only, 2 of 4.
	if c := csat[0].CSAT; c.Scale.Max != 2 || c.Scale.Min != 0 || c.Satisfied.Count != 2 || c.Satisfied.N != 4 {
		t.Errorf("csat %+v", c)
	}
	// Per customer: c's latest NPS answer makes them a detractor; the filter finds them alone.
	page := s.Customers(CustomerQuery{NPS: "detractor"})
	if page.Total != 1 || page.Customers[0].Email != "c@x.example" {
		t.Errorf("detractors %+v", page)
	}
	p, err := s.Customer(page.Customers[0].ID)
	if err != nil || p.Feedback.NPS == nil || p.Feedback.NPS.Value != 2 || p.Feedback.NPS.Category != "detractor" ||
		p.Feedback.CSAT == nil || p.Feedback.CSAT.Category != "dissatisfied" {
		t.Errorf("profile feedback %+v %+v", p.Feedback.NPS, p.Feedback.CSAT)
	}
	// The timeline names the metric of a Rating column's answers.
	var summaries []string
	for _, tp := range p.Timeline {
		summaries = append(summaries, tp.Summary)
	}
	if strings.Join(summaries, "|") != "NPS 2 · slow|CSAT 0" && strings.Join(summaries, "|") != "CSAT 0|NPS 2 · slow" {
		t.Errorf("timeline %q", summaries)
	}
	// The answers in the profile carry their survey's metric and scale, not the Rating column's.
	for _, sc := range p.Feedback.Scores {
		if sc.Value == 0 && (sc.Metric != "csat" || sc.Scale.Max != 2) || sc.Value == 2 && (sc.Metric != "nps" || sc.Scale.Max != 10) {
			t.Errorf("score %+v", sc)
		}
	}
}

// Two rounds in two files: combined by default (one NPS over both),
// separate when the mapping says so.
func TestFeedbackRounds(t *testing.T) {
	q1 := "Email,How likely are you to recommend us?,Date\na@x.example,10,2024-01-02\nb@x.example,3,2024-01-03\n"
	q2 := "Email,How likely are you to recommend us?,Date\na@x.example,9,2024-04-02\nc@x.example,10,2024-04-03\nd@x.example,8,2024-04-04\n"
	in := []Input{memInput("nps_q1.csv", q1), memInput("nps_q2.csv", q2)}
	s := analyzeT(t, Options{}, in...)
	all := surveyNamed(t, s.Report, "nps")
	if len(all) != 1 || all[0].N != 5 || math.Abs(all[0].NPS.Score-40) > 1e-6 {
		t.Fatalf("combined %+v", all)
	}
	s = analyzeT(t, Options{Mapping: ingest.Mapping{SurveyRounds: "separate"}}, in...)
	sep := surveyNamed(t, s.Report, "nps")
	if len(sep) != 2 || sep[0].N != 2 || sep[0].NPS.Score != 0 || sep[1].N != 3 || math.Abs(sep[1].NPS.Score-200.0/3) > 1e-6 {
		t.Fatalf("separate %+v", sep)
	}
	// a's latest answer is from the second round: a promoter.
	if got := s.npsCategory(s.Customers(CustomerQuery{Text: "a@x.example"}).Customers[0].ID); got != "promoter" {
		t.Errorf("a is %q", got)
	}
}

// Scores written as text, Arabic-Indic digits and a reversed CES scale.
func TestFeedbackTextScoresAndReversedCES(t *testing.T) {
	body := "Email,How likely are you to recommend us?,How satisfied were you?,How much effort did you personally have to put forth?\n" +
		"a@x.example,10 - Extremely likely,Very satisfied,1\n" +
		"b@x.example,٩,Satisfied,2\n" +
		"c@x.example,0 - Not at all likely,Very dissatisfied,5\n" +
		"d@x.example,٦,Neutral,4\n" +
		"e@x.example,8,Dissatisfied,1\n"
	s := analyzeT(t, Options{}, memInput("text.csv", body))
	nps := surveyNamed(t, s.Report, "nps")
	if len(nps) != 1 || nps[0].NPS.Top != 2 || nps[0].NPS.Middle != 1 || nps[0].NPS.Bottom != 2 {
		t.Fatalf("nps %+v", nps)
	}
	csat := surveyNamed(t, s.Report, "csat")
	if len(csat) != 1 || csat[0].CSAT.Satisfied.Count != 2 || csat[0].N != 5 || csat[0].CSAT.Scale.Max != 5 {
		t.Fatalf("csat %+v", csat)
	}
	ces := surveyNamed(t, s.Report, "ces")
	if len(ces) != 1 || !ces[0].Scale.Reversed {
		t.Fatalf("ces %+v", ces)
	}
	// Reversed 1–5: answers 1,2,5,4,1 turn into 5,4,1,2,5: easy (4–5) 3, difficult (1–2) 2.
	want := feedback.CESOf([]float64{5, 4, 1, 2, 5}, feedback.Scale{Min: 1, Max: 5})
	if c := ces[0].CES; c.Easy.Count != want.Easy.Count || c.Difficult.Count != want.Difficult.Count ||
		math.Abs(c.Easy.Low-want.Easy.Low) > 1e-6 || math.Abs(c.Mean.Mean-3.4) > 1e-9 {
		t.Errorf("ces %+v", c)
	}
}

// A survey column naming no metric leaves its Rating answers unscored,
// with a note; a file with no score answers makes no section.
func TestFeedbackNotesAndAbsence(t *testing.T) {
	body := "Email,Survey,Rating\na@x.example,Website feedback,4\nb@x.example,Website feedback,5\n"
	s := analyzeT(t, Options{Mapping: ingest.Mapping{Files: map[string]ingest.FileMapping{"f.csv": {Kind: ingest.Surveys}}}}, memInput("f.csv", body))
	if f := s.Report.Feedback; f == nil || len(f.Surveys) != 0 || len(f.Notes) != 1 {
		t.Fatalf("%+v", f)
	}
	s = analyzeT(t, Options{}, memInput("contacts.csv", "Email,Name\na@x.example,A\n"))
	if s.Report.Feedback != nil {
		t.Errorf("feedback from contacts: %+v", s.Report.Feedback)
	}
}

// Verbatims come from the rows on demand, newest first, filtered by category.
func TestFeedbackVerbatims(t *testing.T) {
	body := "Email,How likely are you to recommend us?,Comment,Date\n" +
		"a@x.example,10,love it,2024-01-02\n" +
		"b@x.example,3,too slow,2024-01-03\n" +
		"c@x.example,5,<script>alert(1)</script>,2024-01-04\n" +
		"d@x.example,8,,2024-01-05\n"
	s := analyzeT(t, Options{}, memInput("v.csv", body))
	sv := surveyNamed(t, s.Report, "nps")[0]
	if sv.Verbatims != 3 {
		t.Errorf("verbatims %d", sv.Verbatims)
	}
	all := s.Verbatims(VerbatimQuery{Survey: sv.ID})
	if all.Total != 3 || all.Verbatims[0].Text != "<script>alert(1)</script>" || all.Verbatims[0].Line != 4 {
		t.Fatalf("%+v", all)
	}
	det := s.Verbatims(VerbatimQuery{Survey: sv.ID, Category: "detractor", Limit: 1, Offset: 1})
	if det.Total != 2 || len(det.Verbatims) != 1 || det.Verbatims[0].Text != "too slow" || det.Verbatims[0].Name == "" {
		t.Fatalf("%+v", det)
	}
	if p := s.Verbatims(VerbatimQuery{Survey: 9}); p.Total != 0 || p.Verbatims == nil {
		t.Errorf("%+v", p)
	}
}

// Qualtrics names an NPS question's group next to it (Q1_NPS_GROUP): Q1
// is NPS whatever its header. HubSpot feedback has a survey name and a
// survey type: the type names the metric when the name does not.
func TestFeedbackQualtricsAndHubSpotLayouts(t *testing.T) {
	qualtrics := "ResponseId,RecipientEmail,RecordedDate,Q1,Q1_NPS_GROUP,Q2\n" +
		"R_1,a@x.example,2024-03-01 10:02:00,9,Promoter,Great\n" +
		"R_2,b@x.example,2024-03-02 10:02:00,3,Detractor,Slow\n" +
		"R_3,c@x.example,2024-03-03 10:02:00,7,Passive,\n" +
		"R_4,d@x.example,2024-03-04 10:02:00,10,Promoter,Love it\n"
	s := analyzeT(t, Options{}, memInput("qualtrics.csv", qualtrics))
	nps := surveyNamed(t, s.Report, "nps")
	if len(nps) != 1 || nps[0].N != 4 || nps[0].NPS.Score != 25 || nps[0].Columns[0] != "Q1" {
		t.Fatalf("qualtrics %+v", s.Report.Feedback)
	}
	hubspot := "Submission date,Survey name,Survey type,Contact email,Rating\n" +
		"2024-05-01,Spring check-in,NPS,a@x.example,9\n" +
		"2024-05-02,Spring check-in,NPS,b@x.example,4\n" +
		"2024-05-03,After support,CSAT,c@x.example,2\n" +
		"2024-05-04,After support,CSAT,d@x.example,0\n" +
		"2024-05-05,After support,CSAT,e@x.example,2\n"
	s = analyzeT(t, Options{}, memInput("hubspot.csv", hubspot))
	nps, csat := surveyNamed(t, s.Report, "nps"), surveyNamed(t, s.Report, "csat")
	if len(nps) != 1 || nps[0].Name != "Spring check-in" || nps[0].NPS.Score != 0 || nps[0].N != 2 {
		t.Fatalf("hubspot nps %+v", nps)
	}
	if len(csat) != 1 || csat[0].Scale.Max != 2 || csat[0].CSAT.Satisfied.Count != 2 || csat[0].N != 3 {
		t.Fatalf("hubspot csat %+v", csat)
	}
}

// A Delighted export of several survey types: its Survey type column splits
// the Score column into an NPS on 0–10 and a CSAT on 1–5.
func TestFeedbackDelightedSurveyTypes(t *testing.T) {
	var b strings.Builder
	b.WriteString("Response ID,Created,Name,Email,Score,Comment,Permalink,Delighted Source,Survey type\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "%d,2024-02-%02d,P%d,p%d@x.example,%d,,https://delighted.example/r/%d,email,nps\n", i, 1+i%28, i, i, i%11, i)
		fmt.Fprintf(&b, "%d,2024-02-%02d,Q%d,q%d@x.example,%d,,https://delighted.example/r/%d,email,csat\n", 100+i, 1+i%28, i, i, 1+i%5, 100+i)
	}
	s := analyzeT(t, Options{}, memInput("delighted.csv", b.String()))
	nps, csat := surveyNamed(t, s.Report, "nps"), surveyNamed(t, s.Report, "csat")
	if len(nps) != 1 || len(csat) != 1 || nps[0].N != 30 || csat[0].N != 30 || csat[0].Scale.Max != 5 || csat[0].Scale.Min != 1 {
		t.Fatalf("%+v", s.Report.Feedback)
	}
	// NPS of 0..10 repeated (30 answers: 0..10, 0..10, 0..7): promoters 9,10 ×2 = 4; detractors 0–6: 7+7+7 = 21.
	if nps[0].NPS.Top != 4 || nps[0].NPS.Bottom != 21 {
		t.Errorf("nps %+v", nps[0].NPS)
	}
	// CSAT 1..5 ×6: top two boxes 12 of 30.
	if csat[0].CSAT.Satisfied.Count != 12 {
		t.Errorf("csat %+v", csat[0].CSAT.Satisfied)
	}
}

// Text that is not a score and values off the scale are not answers, with
// a reason; the rest of the answers are scored. A score column with no
// answers at all is a note.
func TestFeedbackBadScores(t *testing.T) {
	body := "Email,How likely are you to recommend us?,How satisfied are you?\n" +
		"a@x.example,10,\n" + "b@x.example,great,\n" + "c@x.example,11,\n" + "d@x.example,0,\n" +
		"e@x.example,9,\n" + "f@x.example,8,\n"
	s := analyzeT(t, Options{Mapping: ingest.Mapping{Files: map[string]ingest.FileMapping{"bad.csv": {
		Columns: map[string]ingest.Role{"How satisfied are you?": ingest.CSAT}}}}}, memInput("bad.csv", body))
	nps := surveyNamed(t, s.Report, "nps")
	if len(nps) != 1 || nps[0].N != 4 || nps[0].NPS.Score != 25 {
		t.Fatalf("%+v", nps)
	}
	src := sourceNamed(t, s.Report, "bad.csv")
	// A survey row whose only score cannot be read is rejected, with that reason.
	reasons := map[string]int{}
	for _, p := range src.Rejected {
		reasons[p.Reason]++
	}
	if reasons["not a score on the 0–10 scale"] != 2 || src.Rows.Used != 4 {
		t.Errorf("rejected %+v, used %d", src.Rejected, src.Rows.Used)
	}
	if n := s.Report.Feedback.Notes; len(n) != 1 || n[0] != `bad.csv: the score column "How satisfied are you?" has no answers` {
		t.Errorf("notes %q", n)
	}
}

// NPS answers given only as their group (Promoter, Passive, Detractor)
// give the NPS exactly: the categories are all it needs.
func TestFeedbackNPSGroupsOnly(t *testing.T) {
	body := "Email,NPS category\n" + "a@x.example,Promoter\n" + "b@x.example,Promoter\n" + "c@x.example,Passive\n" +
		"d@x.example,Detractor\n" + "e@x.example,مروّج\n"
	s := analyzeT(t, Options{}, memInput("groups.csv", body))
	nps := surveyNamed(t, s.Report, "nps")
	if len(nps) != 1 || nps[0].N != 5 || nps[0].NPS.Top != 3 || nps[0].NPS.Bottom != 1 || math.Abs(nps[0].NPS.Score-40) > 1e-9 {
		t.Fatalf("%+v", s.Report.Feedback)
	}
	if nps[0].Scale != feedback.Categories {
		t.Errorf("scale %+v", nps[0].Scale)
	}
	if got := s.Customers(CustomerQuery{NPS: "passive"}); got.Total != 1 || got.Customers[0].Email != "c@x.example" {
		t.Errorf("passives %+v", got)
	}
}

// Two rounds in one file, named by its survey column (spring: 7 promoters,
// 1 detractor of 10 → 60; autumn: 2 and 6 → −40; together 9 and 7 of 20 →
// 10): one NPS with a
// segment per round when combined, one NPS per round when separate.
func TestFeedbackRoundsInOneFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("Email,Survey,How likely are you to recommend us?\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, "a%d@x.example,Spring round,%d\n", i, []int{10, 10, 9, 8, 2, 10, 9, 9, 7, 10}[i])
		fmt.Fprintf(&b, "b%d@x.example,Autumn round,%d\n", i, []int{3, 4, 9, 8, 2, 10, 6, 5, 7, 1}[i])
	}
	in := memInput("rounds.csv", b.String())
	s := analyzeT(t, Options{}, in)
	all := surveyNamed(t, s.Report, "nps")
	if len(all) != 1 || all[0].N != 20 || math.Abs(all[0].NPS.Score-(9.0-7)/20*100) > 1e-6 || all[0].Name != "How likely are you to recommend us?" {
		t.Fatalf("combined %+v", all)
	}
	var rounds []string
	for _, g := range all[0].Segments {
		if g.Attribute == "survey" {
			for _, sg := range g.Segments {
				rounds = append(rounds, fmt.Sprintf("%s %g", sg.Group, sg.Value))
			}
		}
	}
	if len(rounds) != 2 {
		t.Errorf("rounds as segments: %v", rounds)
	}
	s = analyzeT(t, Options{Mapping: ingest.Mapping{SurveyRounds: "separate"}}, in)
	sep := surveyNamed(t, s.Report, "nps")
	if len(sep) != 2 || sep[0].Name != "Autumn round" || sep[0].NPS.Score != -40 || sep[1].NPS.Score != 60 {
		t.Fatalf("separate %+v", sep)
	}
}
