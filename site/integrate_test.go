package main

import (
	"strings"
	"testing"
)

// TestPagesNameTopicsAndSegments: on the demo report, the Feedback page's
// drivers show text topics by name with their direction, its segments and
// the Sentiment page's breakdown name RFM segments, and the personas' pains
// are worded; in English and Arabic.
func TestPagesNameTopicsAndSegments(t *testing.T) {
	want := map[string]struct{ topic, yes, no, seg string }{
		"en": {"Topic: Price and fees *", "mentions it (", "does not (+", "Champions"},
		"ar": {"الموضوع: ", "يذكره (", "لا يذكره (", "الأبطال"},
	}
	for lang, w := range want {
		a, _ := demoApp(t, lang)
		fp := &FeedbackPage{App: a}
		ch := fp.DriversChart(fp.Chosen()) // NPS: price is its strongest driver
		if ch == nil || len(ch.Rows) == 0 {
			t.Fatalf("%s: no drivers chart", lang)
		}
		top := ch.Rows[0]
		if !strings.HasPrefix(top[0], w.topic) || !strings.HasPrefix(top[3], w.no) || !strings.HasPrefix(top[4], w.yes) {
			t.Errorf("%s: top driver row %q", lang, top)
		}
		for _, r := range ch.Rows {
			if strings.Contains(r[0], "theme:") || strings.Contains(r[0], "fb.attr") || strings.Contains(r[3], "fb.topic") {
				t.Errorf("%s: driver row not worded %q", lang, r)
			}
		}
		rfm := false
		for _, r := range fp.SegmentRows(fp.Chosen()) {
			rfm = rfm || r.Group == w.seg
			if strings.Contains(r.Group, "_") {
				t.Errorf("%s: segment row %+v", lang, r)
			}
		}
		if !rfm {
			t.Errorf("%s: no %s among the NPS segments", lang, w.seg)
		}
		found := false
		for _, g := range a.SentiGroups() {
			if g.ID != "segments" {
				continue
			}
			for _, x := range g.Groups {
				found = found || x.Name == w.seg
				if strings.Contains(x.Name, "_") || strings.HasPrefix(x.Name, "rfm.") {
					t.Errorf("%s: sentiment segment %q", lang, x.Name)
				}
			}
		}
		if !found {
			t.Errorf("%s: sentiment by segment lacks %s", lang, w.seg)
		}
		pains := 0
		for _, cl := range a.ClusterList().Clusters {
			for _, p := range cl.Persona.Pains {
				pains++
				if l := a.PainLine(p); strings.Contains(l, "theme:") || strings.Contains(l, "senti.theme") || strings.Contains(l, "seg.painLine") {
					t.Errorf("%s: pain %q", lang, l)
				}
			}
		}
		if pains == 0 {
			t.Errorf("%s: no persona pains", lang)
		}
	}
}
