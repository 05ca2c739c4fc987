package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/report"
)

func TestSentimentTypes(t *testing.T) {
	sameJSON(t, SentimentQuery{}, engine.SentimentQuery{})
	sameJSON(t, SentimentAnswer{}, engine.SentimentPage{})
}

// TestSegments: driver spans cut the text into runs; spans out of range,
// overlapping or inside a character are ignored; the text is kept whole and
// as text.
func TestSegments(t *testing.T) {
	a := NewApp(&fakeHost{}, "en")
	v := report.Verbatim{Text: "Late <b>and</b> رائع", Drivers: []report.TextSpan{
		{Start: 0, End: 4, Weight: -1.2},
		{Start: 2, End: 6, Weight: 1},    // overlaps the first: ignored
		{Start: 17, End: 20, Weight: 2},  // inside a character: ignored
		{Start: 16, End: 24, Weight: 2},  // رائع
		{Start: 30, End: 40, Weight: -1}, // out of range
	}}
	segs := a.Segments(v)
	var whole strings.Builder
	for _, s := range segs {
		whole.WriteString(s.Text)
	}
	if whole.String() != v.Text {
		t.Fatalf("segments %q do not make the text", whole.String())
	}
	want := []Segment{{Text: "Late", Class: "drv-neg", Title: "−1.20"}, {Text: " <b>and</b> "}, {Text: "رائع", Class: "drv-pos", Title: "+2.00"}}
	if len(segs) != len(want) {
		t.Fatalf("segments %+v", segs)
	}
	for i := range want {
		if segs[i] != want[i] {
			t.Errorf("segment %d: %+v, want %+v", i, segs[i], want[i])
		}
	}
}

// TestSentimentDrillDown: a pain point's drill-down asks the worker once,
// takes only its own answer and pages.
func TestSentimentDrillDown(t *testing.T) {
	a, h := analysed(t)
	a.Report.Sentiment = &report.Sentiment{Texts: 3, PainPoints: []report.PainPoint{{Topic: "delivery", Theme: true, Negative: 25}}}
	a.OpenPainPoint(a.Report.Sentiment.PainPoints[0])
	id, q := h.lastQuery()
	b, _ := json.Marshal(q)
	if string(b) != `{"sentiment":{"topic":"delivery","theme":true,"limit":20},"what":"sentiment"}` {
		t.Fatalf("query %s", b)
	}
	if a.Senti.Title != "Delivery" || !a.Senti.Loading {
		t.Errorf("state %+v", a.Senti)
	}
	a.OnMessage(Message{Type: "answer", ID: id + 100, Result: `{"total":1}`}) // someone else's
	if a.Senti.Page != nil {
		t.Fatal("took another query's answer")
	}
	a.OnMessage(Message{Type: "answer", ID: id, Result: `{"total":25,"offset":0,"texts":[{"customer":3,"text":"late","score":-0.5,"label":"negative"}],"customers":[]}`})
	if a.Senti.Page == nil || a.Senti.Page.Total != 25 || a.Senti.Loading {
		t.Fatalf("answer not taken: %+v", a.Senti)
	}
	a.TextsPageBy(1)
	_, q = h.lastQuery()
	b, _ = json.Marshal(q)
	if !strings.Contains(string(b), `"offset":20`) {
		t.Errorf("next page query %s", b)
	}
	a.CloseTexts()
	if a.SentiOpen() {
		t.Error("still open")
	}
}

func TestSentimentFormat(t *testing.T) {
	a := NewApp(&fakeHost{}, "ar")
	if got := a.Score(0.5); got != "+٠٫٥٠" {
		t.Errorf("Score(0.5) in Arabic = %q", got)
	}
	if got := a.Score(-0.25); got != "−٠٫٢٥" {
		t.Errorf("Score(-0.25) in Arabic = %q", got)
	}
	if got := a.Topic(report.PainPoint{Topic: "refund", Theme: true}); got != "الاسترجاع والإرجاع" {
		t.Errorf("theme in Arabic %q", got)
	}
	if got := a.Topic(report.PainPoint{Topic: "<script>"}); got != "<script>" {
		t.Errorf("a phrase is shown as written: %q", got)
	}
}
