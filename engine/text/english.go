package text

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// EnglishLexicon is the English scorer's knowledge, read from en-lexicon.txt.
type EnglishLexicon struct {
	words     map[string]float64 // valence −4 … +4 of words, emoticons and emoji
	phrases   map[string]float64 // "w1 w2" and "w1 w2 w3"
	starts    map[string]bool    // first words of phrases
	boosters  map[string]float64 // + intensifies, − dampens
	negators  map[string]bool
	emoticons map[string]bool // lexicon terms that are not words: tokenize keeps them whole
}

// ParseEnglishLexicon reads the lexicon file (format in its header).
// A later line for the same term replaces an earlier one.
func ParseEnglishLexicon(data []byte) (*EnglishLexicon, error) {
	x := &EnglishLexicon{
		words: map[string]float64{}, phrases: map[string]float64{}, starts: map[string]bool{},
		boosters: map[string]float64{}, negators: map[string]bool{}, emoticons: map[string]bool{},
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		num := func() (float64, error) {
			if len(f) < 3 {
				return 0, fmt.Errorf("en-lexicon line %d: want 3 fields", line)
			}
			return strconv.ParseFloat(f[2], 64)
		}
		var err error
		var v float64
		switch f[0] {
		case "w":
			if v, err = num(); err == nil {
				x.words[f[1]] = v
				if !isWordy(f[1]) && !isEmojiTerm(f[1]) {
					x.emoticons[f[1]] = true
				}
			}
		case "p":
			if v, err = num(); err == nil {
				x.phrases[f[1]] = v
				x.starts[strings.Fields(f[1])[0]] = true
			}
		case "b":
			if v, err = num(); err == nil {
				x.boosters[f[1]] = v
			}
		case "n":
			x.negators[f[1]] = true
		default:
			err = fmt.Errorf("unknown kind %q", f[0])
		}
		if err != nil {
			return nil, fmt.Errorf("en-lexicon line %d: %v", line, err)
		}
	}
	if len(x.words) == 0 {
		return nil, fmt.Errorf("en-lexicon: no words")
	}
	return x, sc.Err()
}

func isEmojiTerm(s string) bool {
	for _, r := range s {
		return isEmoji(r)
	}
	return false
}

// VADER's constants (Hutto & Gilbert 2014), measured from human ratings.
const (
	boostCaps     = 0.733 // a sentiment word in CAPITALS among lower-case text
	negationScale = -0.74 // a negated word keeps 74 % of its strength, turned
	butBefore     = 0.5   // sentiment before "but" counts half
	butAfter      = 1.5   // and after it half as much again
	exclaimBoost  = 0.292 // per "!", at most four
	questionBoost = 0.18  // per "?" when two or three; 0.96 for four or more
	normAlpha     = 15.0  // compound = s / sqrt(s² + α)
	elongBoost    = 0.293 // "sooo goood": a drawn-out word counts as boosted
)

// scoreEnglish scores the English tokens of a text: VADER's rules with the
// fixes this project needs. Negation reaches to the end of its clause (at
// most three words back, as VADER, but never across a comma or a "but"), so
// "no problems, great" is positive and "not bad" is mildly so; a negator
// that negates a sentiment word is not itself negative ("no complaints");
// phrases (idioms and service phrases such as "never arrived") are scored
// as one. It returns the sum of valences (before normalising) and appends
// each token's contribution to drivers.
func (x *EnglishLexicon) score(s string, toks []token, drivers []Driver) (float64, []Driver) {
	mixedCase := false
	upper, lower := 0, 0
	for _, t := range toks {
		if t.script == latinScript {
			if t.caps {
				upper++
			} else {
				lower++
			}
		}
	}
	mixedCase = upper > 0 && lower > 0
	first := len(drivers)
	butAt := -1
	sum := 0.0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.script == arabicScript {
			continue
		}
		if butAt < 0 && i > 0 && (t.norm == "but" || t.norm == "however") {
			butAt = len(drivers)
		}
		end := i + 1
		v, ok := 0.0, false
		if x.starts[t.norm] {
			v, end, ok = x.phrase(toks, i)
		}
		if !ok {
			if _, b := x.boosters[t.norm]; b {
				continue
			}
			v, ok = x.word(t)
			if !ok || v == 0 {
				continue
			}
			if x.negators[t.norm] && x.negatesNext(toks, i) {
				continue // "no" in "no complaints" carries no sentiment of its own
			}
		}
		if v == 0 {
			i = end - 1
			continue
		}
		if t.caps && mixedCase {
			v += math.Copysign(boostCaps, v)
		}
		if t.elongated {
			v += math.Copysign(elongBoost, v)
		}
		// "least" before a word turns it as a negator does, unless it is
		// "at least" or "very least" (VADER's rule): "the least funny".
		if i > 0 && toks[i-1].norm == "least" && !toks[i-1].stop {
			if i < 2 || toks[i-2].stop || toks[i-2].norm != "at" && toks[i-2].norm != "very" {
				v *= negationScale
			}
		}
		// Look back within the clause for boosters and negators, three
		// words, not counting one-letter words ("not a good", "isn't I
		// think great"): VADER drops them before it counts.
		d := 0
		for k := i - 1; k >= 0 && d < 3; k-- {
			p := toks[k]
			if p.stop || p.norm == "but" || p.script == arabicScript {
				break
			}
			if len(p.norm) == 1 && p.script == latinScript {
				continue
			}
			d++
			if b, ok := x.boosters[p.norm]; ok {
				scale := [...]float64{1, 0.95, 0.9}[d-1]
				add := b * scale // negative for a dampener
				if p.caps && mixedCase {
					add += math.Copysign(boostCaps, b)
				}
				if v < 0 {
					add = -add // away from zero for a booster, towards it for a dampener
				}
				v += add
			}
			// A negator turns words, not emoji or emoticons: they say what
			// the writer feels of the whole ("can't complain 👌").
			if x.negators[p.norm] && t.kind == wordToken {
				// "never so good", "never this happy": VADER's rule, an
				// emphasis, not a negation.
				if p.norm == "never" && emphasisBetween(toks[k+1:i]) {
					v *= 1.25
				} else {
					v *= negationScale
				}
			}
		}
		drivers = append(drivers, Driver{Start: t.start, End: toks[end-1].end, Weight: v})
		i = end - 1
	}
	for k := first; k < len(drivers); k++ {
		if butAt >= 0 {
			if k < butAt {
				drivers[k].Weight *= butBefore
			} else {
				drivers[k].Weight *= butAfter
			}
		}
		sum += drivers[k].Weight
	}
	return sum, drivers
}

// phrase finds the longest phrase of the lexicon that starts at token i.
func (x *EnglishLexicon) phrase(toks []token, i int) (float64, int, bool) {
	for n := 3; n >= 2; n-- {
		if i+n > len(toks) {
			continue
		}
		var b strings.Builder
		ok := true
		for k := i; k < i+n; k++ {
			if k > i {
				if toks[k-1].stop {
					ok = false
					break
				}
				b.WriteByte(' ')
			}
			b.WriteString(toks[k].norm)
		}
		if !ok {
			continue
		}
		if v, found := x.phrases[b.String()]; found {
			return v, i + n, true
		}
	}
	return 0, i + 1, false
}

func (x *EnglishLexicon) word(t token) (float64, bool) {
	if v, ok := x.words[t.norm]; ok {
		return v, true
	}
	if t.elongated {
		if v, ok := x.words[squeezeOnce(t.norm)]; ok {
			return v, true
		}
	}
	return 0, false
}

// negatesNext reports whether a negator at i has a sentiment word within
// three words after it in the same clause.
func (x *EnglishLexicon) negatesNext(toks []token, i int) bool {
	if toks[i].stop {
		return false
	}
	for k := i + 1; k <= i+3 && k < len(toks); k++ {
		if _, ok := x.words[toks[k].norm]; ok && !x.negators[toks[k].norm] {
			return true
		}
		if toks[k].stop {
			break
		}
	}
	return false
}

// punctuationEmphasis is VADER's amplification by "!" and "?".
func punctuationEmphasis(s string, sum float64) float64 {
	if sum == 0 {
		return 0
	}
	ep, qm := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '!':
			ep++
		case '?':
			qm++
		}
	}
	if ep > 4 {
		ep = 4
	}
	add := float64(ep) * exclaimBoost
	switch {
	case qm > 3:
		add += 0.96
	case qm > 1:
		add += float64(qm) * questionBoost
	}
	return math.Copysign(add, sum)
}

// compound maps a sum of valences to [−1, 1] as VADER does.
func compound(sum float64) float64 {
	if sum == 0 {
		return 0
	}
	c := sum / math.Sqrt(sum*sum+normAlpha)
	return math.Max(-1, math.Min(1, c))
}

// emphasisBetween: "so" or "this" between "never" and its word.
func emphasisBetween(between []token) bool {
	for _, t := range between {
		if t.norm == "so" || t.norm == "this" {
			return true
		}
	}
	return false
}
