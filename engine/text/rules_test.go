package text_test

import (
	"math"
	"testing"

	"github.com/qalbhq/qalb/engine/text"
)

// label checks a text's label.
func label(t *testing.T, a *text.Analyzer, s string, want text.Label) text.Result {
	t.Helper()
	r := a.Score(s)
	if r.Label != want {
		t.Errorf("%q: %s (%+.3f), want %s; drivers %v", s, r.Label, r.Score, want, r.Drivers)
	}
	return r
}

func TestEnglishNegationScope(t *testing.T) {
	a := analyzer(t)
	// VADER's known faults: a negated complaint is praise.
	label(t, a, "no problems", text.Positive)
	label(t, a, "no complaints", text.Positive)
	label(t, a, "not bad", text.Positive)
	label(t, a, "Not bad at all, actually really good!", text.Positive)
	label(t, a, "not good", text.Negative)
	label(t, a, "The courier was not helpful", text.Negative)
	// Negation stops at the clause: "not" does not reach "great".
	r1 := a.Score("The app is not slow, great work")
	r2 := a.Score("The app is great work")
	if r1.Label != text.Positive || r2.Label != text.Positive {
		t.Errorf("clause-bounded negation: %+v / %+v", r1, r2)
	}
	// "never so/this" is emphasis (VADER's rule).
	label(t, a, "I have never slept so well", text.Positive)
}

func TestEnglishContrastAndIntensity(t *testing.T) {
	a := analyzer(t)
	// Contrast: after "but" counts 1.5×, before it 0.5×.
	label(t, a, "The food was good but the service was rude", text.Negative)
	label(t, a, "The wait was long but the staff were lovely", text.Positive)
	plain := a.Score("The food was great").Score
	for _, s := range []string{"The food was very great", "The food was GREAT", "The food was greaaaat"} {
		if got := a.Score(s).Score; !(got > plain) {
			t.Errorf("%q scores %.3f, not above plain %.3f", s, got, plain)
		}
	}
	if got := a.Score("The service was barely adequate").Score; !(got < a.Score("The service was adequate").Score) {
		t.Errorf("a dampener does not dampen: %.3f", got)
	}
	// "!" emphasises.
	if a.Score("good!!!").Score <= a.Score("good").Score {
		t.Error("exclamation marks do not emphasise")
	}
}

func TestEnglishServiceVocabulary(t *testing.T) {
	a := analyzer(t)
	for _, s := range []string{"Delivery was late", "My parcel never arrived", "I waited three weeks", "Still waiting for my refund",
		"The agent was rude", "The blender arrived broken", "Overcharged on my card", "Cold food, 😡"} {
		label(t, a, s, text.Negative)
	}
	for _, s := range []string{"The agent was helpful", "Arrived on time, as described", "no issues at all, works great", "👍"} {
		label(t, a, s, text.Positive)
	}
	label(t, a, "Order 1234 shipped on Monday", text.Neutral)
}

func TestDriversAreSpansOfTheCleanedText(t *testing.T) {
	a := analyzer(t)
	r := a.Score("The box was <b>broken</b>\\nand the courier rude")
	if r.Text != "The box was broken and the courier rude" {
		t.Fatalf("cleaned text %q", r.Text)
	}
	got := map[string]float64{}
	for _, d := range r.Drivers {
		got[r.Text[d.Start:d.End]] += d.Weight
	}
	if got["broken"] >= 0 || got["rude"] >= 0 {
		t.Errorf("drivers %v: want broken and rude negative", got)
	}
}

func TestArabicRules(t *testing.T) {
	a := analyzer(t)
	// Negators across dialects turn the word after them.
	for _, pair := range [][2]string{
		{"حلو", "مش حلو"},     // Egyptian/Levantine
		{"جيد", "ليس جيدا"},   // MSA, accusative ending
		{"زين", "مو زين"},     // Gulf
		{"عجبني", "ما عجبني"}, // Gulf/Levantine
		{"مزيان", "ماشي مزيان"},
	} {
		label(t, a, pair[0], text.Positive)
		if pair[1] != "ماشي مزيان" {
			label(t, a, pair[1], text.Negative)
		}
	}
	// Negated negative is positive (the demo's Gulf example).
	label(t, a, "مو سيء أبد، بالعكس ممتاز", text.Positive)
	// Intensifiers and elongation strengthen.
	base := a.Score("حلو").Score
	for _, s := range []string{"حلو جدا", "حلو مرة", "حلو أوي", "حلووووو"} {
		if got := a.Score(s).Score; !(got > base) {
			t.Errorf("%q scores %.3f, not above %q %.3f", s, got, "حلو", base)
		}
	}
	// Spelling variants read the same: diacritics, tatweel, hamza forms, elongation.
	if x, y := a.Score("رائع").Score, a.Score("رااااائــــع").Score; math.Abs(x-y) > 0.2 || y <= 0 {
		t.Errorf("رائع %.3f vs elongated %.3f", x, y)
	}
	label(t, a, "الخدمة سيئة والتوصيل متأخر", text.Negative)
	label(t, a, "الخدمة ممتازة والتوصيل سريع", text.Positive)
	label(t, a, "😡😡", text.Negative)
}

func TestMixedText(t *testing.T) {
	a := analyzer(t)
	r := label(t, a, "the app is great بس التوصيل سيء جدا جدا", text.Negative)
	if r.Lang != text.Mixed {
		t.Errorf("lang %s, want mixed", r.Lang)
	}
}

func TestMentions(t *testing.T) {
	a := analyzer(t)
	m := a.Mentions(a.Read("The delivery was late and the refund never came"))
	want := map[string]bool{"delivery": true, "refund": true}
	for _, th := range m.Themes {
		delete(want, th)
	}
	if len(want) > 0 {
		t.Errorf("themes %v: missing %v", m.Themes, want)
	}
	m = a.Mentions(a.Read("التوصيل تأخر والسعر غالي"))
	got := map[string]bool{}
	for _, th := range m.Themes {
		got[th] = true
	}
	if !got["delivery"] || !got["price"] {
		t.Errorf("Arabic themes %v, want delivery and price", m.Themes)
	}
	for _, p := range m.Phrases {
		if p == "و" || p == "" {
			t.Errorf("phrase %q", p)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := text.Load(nil); err == nil {
		t.Error("nil loader accepted")
	}
	_, err := text.Load(func(name string) ([]byte, error) { return []byte("x\ty\n"), nil })
	if err == nil {
		t.Error("garbage resources accepted")
	}
}

func TestKeyPhrasesAreNotFeelings(t *testing.T) {
	a := analyzer(t)
	m := a.Mentions(a.Read("Terrible experience with the local shops, disappointed"))
	got := map[string]bool{}
	for _, p := range m.Phrases {
		got[p] = true
	}
	if got["disappointed"] || got["terrible"] {
		t.Errorf("a sentiment word alone is a phrase: %v", m.Phrases)
	}
	if !got["local shops"] || !got["terrible experience"] || !got["experience"] {
		t.Errorf("phrases %v", m.Phrases)
	}
	if got["the"] || got["with"] {
		t.Errorf("stop words in %v", m.Phrases)
	}
}

// TestEnglishVaderRules checks the lexicon's sum (before the learned
// weights) against VADER's published rules, by hand: "good" is 1.9.
func TestEnglishVaderRules(t *testing.T) {
	a := analyzer(t)
	sum := func(s string) float64 { return a.EnglishSum(a.Read(s)) }
	near := func(s string, want float64) {
		t.Helper()
		if got := sum(s); math.Abs(got-want) > 1e-9 {
			t.Errorf("%q: sum %.4f, want %.4f", s, got, want)
		}
	}
	// Contractions negate as their apostrophe-less forms do (VADER's "n't").
	near("it isn't good", 1.9*-0.74)
	near("they don't care", sum("they dont care"))
	near("I won't recommend it", sum("I wont recommend it"))
	// The three words a negator reaches do not count one-letter words.
	near("not a b c good", 1.9*-0.74)
	// "least" turns the word after it, unless "at least" / "very least".
	near("the least good film", 1.9*-0.74)
	near("at least good", 1.9)
	// "?" adds 0.18 each when two or three, 0.96 from four on; "!" 0.292 each up to four.
	near("good??", 1.9+2*0.18)
	near("good???", 1.9+3*0.18)
	near("good?????", 1.9+0.96)
	near("good!!!!!!", 1.9+4*0.292)
	// VADER's boosters beyond the common ones; a booster has no valence of its own.
	near("hella good", 1.9+0.293)
	near("slight good", 1.9-0.293)
	near("hella", 0)
	// A negator turns words, not the emoji after them.
	near("can't complain 👌", 1.5*0.74+sum("👌"))
	// "despite" negates what follows (VADER's negation list).
	if s := sum("despite the problems"); !(s > 0) {
		t.Errorf("despite the problems: %.3f", s)
	}
}
