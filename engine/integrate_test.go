package engine

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/behaviour"
	"github.com/qalbhq/qalb/engine/feedback"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/text"
	"github.com/qalbhq/qalb/engine/text/data"
)

// The analyses read each other's results: these tests check the seams on
// small constructed data (values computed by hand) and on the demo.

// TestTopicDrivers: a pain point of the respondents' texts is a yes/no
// driver of NPS. 20 answers whose comment complains of delivery (15
// detractors, 5 passives), 5 answers without a comment from customers
// whose ticket complains of a delayed parcel (detractors), 20 answers with
// a happy comment (15 promoters, 5 passives) and 2 passives without any
// text (missing, not "no").
func TestTopicDrivers(t *testing.T) {
	var survey, tickets strings.Builder
	survey.WriteString("Email,How likely are you to recommend us?,Comment\n")
	tickets.WriteString("Requester email,Subject,Description,Status\n")
	late := []string{"The delivery was late again, very disappointing.", "Courier delayed my order, awful.",
		"Shipping took forever, terrible.", "The parcel arrived late and broken, bad."}
	happy := []string{"Really happy, thank you so much!", "Wonderful, I love it.", "Great, thanks a lot!"}
	for i := 0; i < 20; i++ {
		score := 3
		if i >= 15 {
			score = 7
		}
		fmt.Fprintf(&survey, "late%d@x.example,%d,%q\n", i, score, late[i%len(late)])
	}
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&survey, "ticket%d@x.example,0,\n", i)
		fmt.Fprintf(&tickets, "ticket%d@x.example,Order %d,My parcel was delayed by two weeks. Awful.,open\n", i, i)
	}
	for i := 0; i < 20; i++ {
		score := 10
		if i >= 15 {
			score = 8
		}
		fmt.Fprintf(&survey, "happy%d@x.example,%d,%q\n", i, score, happy[i%len(happy)])
	}
	survey.WriteString("quiet0@x.example,8,\nquiet1@x.example,8,\n")
	s := analyzeT(t, Options{TextResources: data.Load}, memInput("survey.csv", survey.String()), memInput("tickets.csv", tickets.String()))
	nps := surveyNamed(t, s.Report, "nps")
	if len(nps) != 1 || nps[0].N != 47 || nps[0].Drivers == nil {
		t.Fatalf("nps %+v", nps)
	}
	var d *feedback.Driver
	for i := range nps[0].Drivers.Drivers {
		if nps[0].Drivers.Drivers[i].Attribute == "theme:delivery" {
			d = &nps[0].Drivers.Drivers[i]
		}
	}
	if d == nil {
		t.Fatalf("no delivery driver: %+v", nps[0].Drivers)
	}
	// Outcome per answer: +100 promoter, 0 passive, −100 detractor.
	yesSum, noSum := 15*-100.0+5*0+5*-100, 15*100.0+5*0
	total := yesSum + noSum + 2*0
	want := map[string]feedback.Level{
		"yes": {N: 25, Mean: yesSum / 25, Effect: yesSum/25 - (total-yesSum)/22},
		"no":  {N: 20, Mean: noSum / 20, Effect: noSum/20 - (total-noSum)/27},
	}
	if len(d.Levels) != 2 || !d.Significant || d.P > 1e-6 {
		t.Fatalf("delivery driver %+v", *d)
	}
	for _, l := range d.Levels {
		w := want[l.Value]
		if l.N != w.N || math.Abs(l.Mean-w.Mean) > 1e-6 || math.Abs(l.Effect-w.Effect) > 1e-6 {
			t.Errorf("level %+v, want %+v", l, w)
		}
	}
	if d.Levels[0].Value != "no" { // by effect: not complaining of delivery raises the score
		t.Errorf("levels %+v", d.Levels)
	}
}

// TestDemoTopicDriversAndSentimentBySegment: on the demo, the drivers of
// every survey include the top pain points, whose "yes" answers are those
// of respondents who mention them; sentiment by RFM segment covers every
// scored text of a customer with a segment.
func TestDemoTopicDriversAndSentimentBySegment(t *testing.T) {
	s, sec := demoSentiment(t)
	for _, sv := range s.Report.Feedback.Surveys {
		topics := 0
		for _, d := range sv.Drivers.Drivers {
			if strings.HasPrefix(d.Attribute, "theme:") || strings.HasPrefix(d.Attribute, "phrase:") {
				topics++
			}
		}
		if topics == 0 {
			t.Errorf("%s: no topic among the drivers %+v", sv.Name, sv.Drivers.Drivers)
		}
	}
	// NPS: price is the strongest driver on the demo and lowers the score
	// (customs fees and "too expensive" in detractors' comments).
	nps := surveyNamed(t, s.Report, "nps")[0]
	if d := nps.Drivers.Drivers[0]; d.Attribute != "theme:price" || !d.Significant || d.Levels[len(d.Levels)-1].Value != "yes" ||
		d.Levels[len(d.Levels)-1].Effect > -20 {
		t.Errorf("nps top driver %+v", d)
	}
	// Sentiment by segment, counted independently.
	want := map[string]int{}
	for _, tr := range s.sentimentState.texts {
		if tr.cust >= 0 {
			if seg := s.rfmSegment(int(tr.cust)); seg != "" {
				want[seg]++
			}
		}
	}
	if len(sec.Segments) == 0 || len(sec.Segments) != len(want) {
		t.Fatalf("sentiment segments %+v, want %v", sec.Segments, want)
	}
	for _, g := range sec.Segments {
		if g.Texts != want[g.Name] {
			t.Errorf("segment %s: %d texts, want %d", g.Name, g.Texts, want[g.Name])
		}
	}
}

// TestDemoPersonaPains: each cluster's pains count its members who wrote
// a negative or mixed text on the topic, counted here from the texts; the
// clusters' counts add up to the pain point's customers in clusters.
func TestDemoPersonaPains(t *testing.T) {
	s, sec := demoSentiment(t)
	cl := s.Report.Segments.Clusters
	if cl == nil || len(cl.Clusters) == 0 {
		t.Fatal("no clusters on the demo")
	}
	st := s.sentimentState
	for _, c := range cl.Clusters {
		if len(c.Persona.Pains) == 0 || len(c.Persona.Quotes) == 0 {
			t.Errorf("cluster %d: pains %v quotes %v", c.ID, c.Persona.Pains, c.Persona.Quotes)
		}
		for _, p := range c.Persona.Pains {
			var pp *report.PainPoint
			for i := range sec.PainPoints {
				if painName(painKey(sec.PainPoints[i])) == p.Key {
					pp = &sec.PainPoints[i]
				}
			}
			if pp == nil {
				t.Fatalf("cluster %d: pain %q is no pain point", c.ID, p.Key)
			}
			members := map[int32]bool{}
			for _, i := range st.topics[painKey(*pp)] {
				tr := &st.texts[i]
				if tr.cust >= 0 && int(s.segmentState.cluster[tr.cust]) == c.ID &&
					(tr.label == text.Negative || tr.mixed && tr.label != text.Unscored) {
					members[tr.cust] = true
				}
			}
			if p.Count != len(members) || p.Count > pp.Customers {
				t.Errorf("cluster %d %s: %d members, counted %d (pain point: %d customers)", c.ID, p.Key, p.Count, len(members), pp.Customers)
			}
		}
	}
}

// TestDemoChurnReasonsFromFeedbackAndSentiment: "NPS detractor" and
// "negative sentiment" are given exactly to the customers whose latest NPS
// answer is a detractor's and whose texts are negative on average (unless
// three stronger reasons fill the list), and to no one else.
func TestDemoChurnReasonsFromFeedbackAndSentiment(t *testing.T) {
	s, _ := demoSentiment(t)
	detractors, negatives := 0, 0
	for ci := range s.custs {
		cp := s.predictState.get(ci)
		has := map[string]bool{}
		for _, r := range cp.reasons[:cp.nReasons] {
			has[r.code] = true
		}
		full := cp.nReasons == maxChurnReasons
		detractor := s.npsCategory(ci) == "detractor"
		score, n := s.customerSentiment(ci)
		negative := n > 0 && score <= -0.05
		if detractor {
			detractors++
		}
		if negative {
			negatives++
		}
		if (detractor || negative) && !cp.scored {
			t.Errorf("customer %d: detractor %v, negative %v, not scored", ci, detractor, negative)
		}
		if has["churnDetractor"] != detractor && !(detractor && full) {
			t.Errorf("customer %d: detractor %v, reasons %v", ci, detractor, cp.reasonTexts())
		}
		if has["churnNegative"] != negative && !(negative && full) {
			t.Errorf("customer %d: sentiment %.3f (%d texts), reasons %v", ci, score, n, cp.reasonTexts())
		}
		if detractor && negative && cp.scored {
			p, err := s.Customer(ci)
			if err != nil {
				t.Fatal(err)
			}
			if !containsPrefix(p.Predictions.ChurnReasons, "NPS detractor") {
				t.Errorf("customer %d: profile reasons %v", ci, p.Predictions.ChurnReasons)
			}
		}
	}
	if detractors == 0 || negatives == 0 {
		t.Fatalf("demo: %d detractors, %d negative customers", detractors, negatives)
	}
	counts := map[string]int{}
	for _, r := range s.Report.Predictions.Churn.Reasons {
		counts[r.Key] = r.Count
	}
	if counts["churnDetractor"] == 0 || counts["churnDetractor"] > detractors || counts["churnNegative"] == 0 || counts["churnNegative"] > negatives {
		t.Errorf("reasons %v; %d detractors, %d negative", counts, detractors, negatives)
	}
}

// TestDemoBehaviourReadsTheOthers: on the demo, onboarding friction counts
// the followed customers whose texts are negative, adoption gives the NPS
// of each event's users, and the retention curves by RFM segment cover
// every buyer with a segment; each checked against a count made here.
func TestDemoBehaviourReadsTheOthers(t *testing.T) {
	s, _ := demoSentiment(t)
	b := s.Report.Behaviour
	if b == nil || b.Friction == nil || len(b.Friction.Steps) == 0 || len(b.Adoption) == 0 {
		t.Fatal("no friction or adoption on the demo")
	}
	// Customers with events, their negative ones and their NPS answers.
	followed, negative := 0, 0
	var cats []string
	for ci := range s.custs {
		if s.act(&s.custs[ci]).events == 0 {
			continue
		}
		followed++
		if score, n := s.customerSentiment(ci); n > 0 && score < -0.05 {
			negative++
		}
		if c := s.npsCategory(ci); c != "" {
			cats = append(cats, c)
		}
	}
	// Friction follows the customers whose onboarding starts in the data.
	start, n := s.onboardingStarts(s.behaviourState.log)
	onboarded := 0
	for ci, t0 := range start {
		if score, k := s.customerSentiment(ci); t0 != behaviour.NoStart && k > 0 && score < -0.05 {
			onboarded++
		}
	}
	st := b.Friction.Steps[0]
	if st.Reached != n || n != b.Friction.Customers || math.Abs(st.NegativeBaseline*float64(n)-float64(onboarded)) > 0.5 || onboarded == 0 {
		t.Errorf("friction step 0 %+v: %d of %d onboarded customers negative", st, onboarded, n)
	}
	stalledNegative := 0
	for _, x := range b.Friction.Steps {
		stalledNegative += x.Negative
	}
	if stalledNegative == 0 || stalledNegative > negative {
		t.Errorf("negative stalled customers %d (of %d negative)", stalledNegative, negative)
	}
	// An event every followed customer did: its users' NPS is everyone's.
	var all *report.Adoption
	for i := range b.Adoption {
		if b.Adoption[i].Customers == followed {
			all = &b.Adoption[i]
			break
		}
	}
	if all == nil {
		t.Fatalf("no event done by all %d followed customers: %+v", followed, b.Adoption[0])
	}
	promoters, detractors := 0, 0
	for _, c := range cats {
		switch c {
		case "promoter":
			promoters++
		case "detractor":
			detractors++
		}
	}
	wantNPS := math.Round(1000*float64(promoters-detractors)/float64(len(cats))) / 10
	if all.Answered != len(cats) || all.NPSUsers == nil || math.Abs(*all.NPSUsers-wantNPS) > 0.05 {
		t.Errorf("adoption of %s: %d answered, NPS %v; want %d, %.1f", all.Event, all.Answered, all.NPSUsers, len(cats), wantNPS)
	}
	// Retention by RFM segment: every buyer with a first order, by segment.
	want := map[string]int{}
	for ci := range s.custs {
		if seg := s.rfmSegment(ci); seg != "" && s.act(&s.custs[ci]).firstOrder != 0 {
			want[seg]++
		}
	}
	for _, tbl := range b.Cohorts {
		if tbl.By != "first_purchase" {
			continue
		}
		if len(tbl.Segments) != len(want) {
			t.Fatalf("segments %+v, want %v", tbl.Segments, want)
		}
		for _, sc := range tbl.Segments {
			if sc.Customers != want[sc.Segment] || len(sc.Curve) == 0 || sc.Curve[0] != 1 {
				t.Errorf("segment %s: %d customers (want %d), curve %v", sc.Segment, sc.Customers, want[sc.Segment], sc.Curve)
			}
		}
	}
}
