package text

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// The resource files, by the name the site serves them under and the CLI
// embeds them as.
const (
	EnglishLexiconFile = "en-lexicon.txt"
	EnglishModelFile   = "en-model.txt"
	ArabicLexiconFile  = "ar-lexicon.txt"
	ArabicModelFile    = "ar-model.txt"
)

// ResourceFiles lists every file Load asks for.
var ResourceFiles = []string{EnglishLexiconFile, EnglishModelFile, ArabicLexiconFile, ArabicModelFile, ThemesFile}

// Loader returns the bytes of a resource file by name (fetched from the
// site in the browser, embedded in the CLI).
type Loader func(name string) ([]byte, error)

// Label is a text's sentiment class.
type Label string

const (
	Positive Label = "positive"
	Negative Label = "negative"
	Neutral  Label = "neutral"
	Unscored Label = "unscored" // a language without resources, or no words
)

// Threshold is where a score stops being neutral (VADER's ±0.05).
const Threshold = 0.05

// LabelOf classes a score in [−1, 1].
func LabelOf(score float64) Label {
	switch {
	case score >= Threshold:
		return Positive
	case score <= -Threshold:
		return Negative
	}
	return Neutral
}

// Driver is a word (or phrase, emoji) that moved a text's score: its byte
// span in Result.Text and its signed weight (valence for English, share of
// the log-odds for Arabic).
type Driver struct {
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Weight float64 `json:"weight"`
}

// Result is the reading of one text.
type Result struct {
	Text    string   // the cleaned text the drivers point into
	Lang    Lang     // language detected
	Score   float64  // −1 … 1; 0 when unscored
	Label   Label    //
	Drivers []Driver // in text order
}

// Analyzer scores texts with the loaded resources. It is safe for
// concurrent use: scoring only reads it.
type Analyzer struct {
	english      *EnglishLexicon
	englishLearn *Linear // learned word weights added to the lexicon's sum
	arabicLex    *ArabicLexicon
	arabicModel  *Linear
	themes       *Themes
}

// Load reads every resource through load and builds an Analyzer.
func Load(load Loader) (*Analyzer, error) {
	if load == nil {
		return nil, errors.New("text: no resource loader")
	}
	get := func(name string) ([]byte, error) {
		b, err := load(name)
		if err != nil {
			return nil, fmt.Errorf("text resource %s: %w", name, err)
		}
		return b, nil
	}
	en, err := get(EnglishLexiconFile)
	if err != nil {
		return nil, err
	}
	enm, err := get(EnglishModelFile)
	if err != nil {
		return nil, err
	}
	arl, err := get(ArabicLexiconFile)
	if err != nil {
		return nil, err
	}
	arm, err := get(ArabicModelFile)
	if err != nil {
		return nil, err
	}
	thm, err := get(ThemesFile)
	if err != nil {
		return nil, err
	}
	a := &Analyzer{}
	if a.themes, err = ParseThemes(thm); err != nil {
		return nil, err
	}
	if a.english, err = ParseEnglishLexicon(en); err != nil {
		return nil, err
	}
	if a.englishLearn, err = ParseLinear(enm); err != nil {
		return nil, fmt.Errorf("%s: %w", EnglishModelFile, err)
	}
	if a.arabicLex, err = ParseArabicLexicon(arl); err != nil {
		return nil, err
	}
	if a.arabicModel, err = ParseLinear(arm); err != nil {
		return nil, fmt.Errorf("%s: %w", ArabicModelFile, err)
	}
	return a, nil
}

// Tokens is a text read for the models: cleaned, split and its language told.
type Tokens struct {
	Text string
	Lang Lang
	toks []token
}

// Read cleans and tokenises a text and detects its language.
func (a *Analyzer) Read(raw string) Tokens {
	s := Clean(raw)
	var em map[string]bool
	if a != nil && a.english != nil {
		em = a.english.emoticons
	}
	toks := tokenize(s, em, nil)
	return Tokens{Text: s, Lang: detect(s, toks), toks: toks}
}

// Score reads one text: its language, score and label, and the words that
// drove the score.
func (a *Analyzer) Score(raw string) Result {
	t := a.Read(raw)
	return a.ScoreTokens(t)
}

// ScoreTokens scores a text already read.
func (a *Analyzer) ScoreTokens(t Tokens) Result {
	r := Result{Text: t.Text, Lang: t.Lang, Label: Unscored}
	if !t.Lang.Scored() || len(t.toks) == 0 {
		return r
	}
	var enWords, arWords int
	for _, k := range t.toks {
		switch k.script {
		case latinScript:
			enWords++
		case arabicScript:
			arWords++
		}
	}
	switch t.Lang {
	case English, None:
		sum, d := a.english.score(t.Text, t.toks, nil)
		sum, d = a.learnedEnglish(t.toks, sum, d)
		sum += punctuationEmphasis(t.Text, sum)
		r.Score, r.Drivers = compound(sum), d
	case Arabic:
		r.Score, r.Drivers = a.scoreArabic(t.toks, nil)
	case Mixed:
		// Each part by its own scorer, weighted by its words.
		en, d := a.english.score(t.Text, t.toks, nil)
		en, d = a.learnedEnglish(t.toks, en, d)
		ar, d2 := a.scoreArabic(t.toks, nil)
		r.Score = (compound(en)*float64(enWords) + ar*float64(arWords)) / float64(enWords+arWords)
		r.Drivers = mergeDrivers(d, d2)
	}
	if t.Lang == None && len(r.Drivers) == 0 {
		return r // nothing to read: digits, punctuation
	}
	r.Score = math.Round(r.Score*1e4) / 1e4
	r.Label = LabelOf(r.Score)
	return r
}

// mergeDrivers merges two lists in text order.
func mergeDrivers(a, b []Driver) []Driver {
	out := make([]Driver, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || i < len(a) && a[i].Start <= b[j].Start {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// Features are the features a learned model reads from a text (for the
// built-in Arabic model, in any script for a domain model) and the hand
// lexicon's score of it.
func (a *Analyzer) Features(t Tokens, only Lang) ([]string, float64) {
	sc := noScript
	if only == Arabic {
		sc = arabicScript
	}
	neg := a.arabicLex.negators
	if only == English {
		neg = a.english.negators
		sc = latinScript
	} else if only != Arabic {
		neg = unionNegators(a.english.negators, a.arabicLex.negators)
	}
	var keys []string
	visitFeatures(t.toks, neg, sc, func(key []byte, _, _ int) { keys = append(keys, string(key)) })
	lex := a.arabicLex.lexiconScore(t.toks, nil)
	if only != Arabic && a.english != nil {
		s, _ := a.english.score(t.Text, t.toks, nil)
		lex += s / 4
	}
	return keys, lex
}

func unionNegators(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// LearnedDeadZone is how much learned evidence a text needs before it moves
// the English score: below it a text stays as the lexicon reads it, so texts
// with only weak cues stay neutral (measured on VADER's tweets and movie
// snippets by 5-fold cross-validation: data/README.md).
const LearnedDeadZone = 2.0

// learnedEnglish adds the learned word weights to the lexicon's sum, beyond
// the dead zone, and their drivers.
func (a *Analyzer) learnedEnglish(toks []token, sum float64, drivers []Driver) (float64, []Driver) {
	if a.englishLearn == nil {
		return sum, drivers
	}
	var pbuf [32]float64
	per := pbuf[:0]
	if len(toks) <= len(pbuf) {
		per = pbuf[:len(toks)]
	} else {
		per = make([]float64, len(toks))
	}
	l := 0.0
	weights := a.englishLearn.Weights
	visitFeatures(toks, a.english.negators, latinScript, func(key []byte, anchor, _ int) {
		if w, ok := weights[string(key)]; ok {
			l += w
			per[anchor] += w
		}
	})
	if math.Abs(l) <= LearnedDeadZone {
		return sum, drivers
	}
	add := l - math.Copysign(LearnedDeadZone, l)
	scale := add / l
	n := len(drivers)
	for i, w := range per {
		if w *= scale; math.Abs(w) >= 0.3 {
			drivers = append(drivers, Driver{Start: toks[i].start, End: toks[i].end, Weight: w})
		}
	}
	if len(drivers) > n {
		sort.SliceStable(drivers, func(i, j int) bool { return drivers[i].Start < drivers[j].Start })
	}
	return sum + add, drivers
}

// EnglishSum is the English lexicon's raw sum of valences for a text (before
// punctuation emphasis and normalising); for fitting.
func (a *Analyzer) EnglishSum(t Tokens) float64 {
	s, _ := a.english.score(t.Text, t.toks, nil)
	return s + punctuationEmphasis(t.Text, s)
}

// Compound maps a sum of valences to [−1, 1] as VADER does.
func Compound(sum float64) float64 { return compound(sum) }
