package text

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ArabicLexicon is the hand-built Arabic knowledge (ar-lexicon.txt): words
// with a polarity, negators and intensifiers across MSA and the dialects.
type ArabicLexicon struct {
	polarity     map[string]float64 // normalised word (or emoji) → −1 … +1 (strength)
	negators     map[string]bool
	intensifiers map[string]bool
}

// ArabicModel is the learned part (ar-model.txt): weights of a logistic
// regression over the features of bagFeatures plus the lexicon's sum.
type ArabicModel struct {
	Linear
}

// ParseArabicLexicon reads ar-lexicon.txt: lines "w WORD POLARITY",
// "n WORD" (negator) and "i WORD" (intensifier); words are normalised here,
// so the file may spell them as people do (with hamza, ta marbuta …).
func ParseArabicLexicon(data []byte) (*ArabicLexicon, error) {
	x := &ArabicLexicon{polarity: map[string]float64{}, negators: map[string]bool{}, intensifiers: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("ar-lexicon line %d: want at least 2 fields", line)
		}
		w := normalizeTerm(f[1])
		switch f[0] {
		case "w":
			if len(f) < 3 {
				return nil, fmt.Errorf("ar-lexicon line %d: want 3 fields", line)
			}
			v, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return nil, fmt.Errorf("ar-lexicon line %d: %v", line, err)
			}
			x.polarity[w] = v
		case "n":
			x.negators[w] = true
		case "i":
			x.intensifiers[w] = true
		default:
			return nil, fmt.Errorf("ar-lexicon line %d: unknown kind %q", line, f[0])
		}
	}
	return x, sc.Err()
}

func normalizeTerm(w string) string {
	if isEmojiTerm(w) {
		return w
	}
	n, _ := NormalizeArabic(w)
	return n
}

// negationReach is how many words after a negator it turns (Arabic negates
// the verb or adjective that follows: ما عجبني, مش حلو, ليس جيدا).
const negationReach = 2

// intensity is how much an intensifier (جدا، كتير، مرة، أوي) or a drawn-out
// letter strengthens the sentiment words next to it.
const intensity = 1.5

// lexiconScore is the hand lexicon's reading of the tokens: the sum of the
// polarities, turned by a negator before them and strengthened by an
// intensifier next to them or by elongation. It writes each token's share
// into per (when not nil).
func (x *ArabicLexicon) lexiconScore(toks []token, per []float64) float64 {
	if x == nil {
		return 0
	}
	sum := 0.0
	neg := 0 // words still in a negator's reach
	for i, t := range toks {
		if t.kind == wordToken && t.script != arabicScript {
			neg = 0
			continue
		}
		if x.negators[t.norm] {
			neg = negationReach
			continue
		}
		p, ok := x.lookup(t.norm)
		if ok && p != 0 {
			if neg > 0 {
				p = -p
			}
			if t.elongated || i+1 < len(toks) && x.intensifiers[toks[i+1].norm] || i > 0 && x.intensifiers[toks[i-1].norm] {
				p *= intensity
			}
			sum += p
			if per != nil {
				per[i] += p
			}
		}
		if neg > 0 {
			neg--
		}
		if t.stop {
			neg = 0
		}
	}
	return sum
}

// lookup finds a word, or its form without the conjunction و and the article.
func (x *ArabicLexicon) lookup(w string) (float64, bool) {
	if p, ok := x.polarity[w]; ok {
		return p, true
	}
	s := arabicStem(w)
	if p, ok := x.polarity[s]; ok {
		return p, true
	}
	// the accusative ending (جيدا، سيئا): the adjective itself
	if rs := []rune(s); len(rs) > 3 && rs[len(rs)-1] == 'ا' {
		p, ok := x.polarity[string(rs[:len(rs)-1])]
		return p, ok
	}
	return 0, false
}

// arabicStem removes the clitics that most often sit on a sentiment word:
// the conjunction و, the prepositions ب ك ف ل before the article, and the
// article ال itself — only while a word of three letters or more remains.
// (Each of these letters is two bytes in UTF-8.)
func arabicStem(w string) string {
	n := utf8.RuneCountInString(w)
	if n > 4 && strings.HasPrefix(w, "و") {
		w, n = w[2:], n-1
	}
	switch {
	case n > 5 && (strings.HasPrefix(w, "بال") || strings.HasPrefix(w, "كال") || strings.HasPrefix(w, "فال")):
		w = w[6:]
	case n > 4 && (strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "لل")):
		w = w[4:]
	}
	return w
}

// visitFeatures calls emit with each feature of a text the learned models
// read: each word (its normalised form, marked "!" when a negator reaches
// it), its stem when that differs ("~"), for Arabic words their letter
// 4-grams ("#"), each pair of neighbouring words in one clause, each emoji.
// The key is only valid during the call (one buffer is reused, so scoring
// allocates no keys); anchor is the token it belongs to and pair the other
// token of a pair (-1 otherwise).
func visitFeatures(toks []token, negators map[string]bool, onlyScript script, emit func(key []byte, anchor, pair int)) {
	var buf [256]byte
	key := buf[:0]
	neg := 0
	prev := -1
	for i, t := range toks {
		if t.kind == wordToken && onlyScript != noScript && t.script != onlyScript {
			prev, neg = -1, 0
			continue
		}
		isNeg := negators[t.norm]
		if isNeg {
			neg = negationReach + 1
		}
		mark := neg > 0 && !isNeg
		key = key[:0]
		if mark {
			key = append(key, '!')
		}
		emit(append(key, t.norm...), i, -1)
		if t.script == arabicScript {
			if st := arabicStem(t.norm); st != t.norm {
				key = key[:0]
				if mark {
					key = append(key, '!')
				}
				key = append(key, '~')
				emit(append(key, st...), i, -1)
			}
			charGrams(t.norm, i, key[:0], emit)
		}
		if prev >= 0 {
			key = append(key[:0], toks[prev].norm...)
			key = append(key, ' ')
			emit(append(key, t.norm...), i, prev)
		}
		prev = i
		if neg > 0 {
			neg--
		}
		if t.stop {
			prev, neg = -1, 0
		}
	}
}

// scoreArabic scores the Arabic tokens (and emoji) of a text: the model's
// log-odds of positive, mapped to [−1, 1]. Each token's share of the
// log-odds becomes a driver.
func (a *Analyzer) scoreArabic(toks []token, drivers []Driver) (float64, []Driver) {
	per := make([]float64, len(toks))
	z := a.arabicModel.Bias
	weights := a.arabicModel.Weights
	visitFeatures(toks, a.arabicLex.negators, arabicScript, func(key []byte, anchor, pair int) {
		w, ok := weights[string(key)]
		if !ok {
			return
		}
		z += w
		if pair >= 0 {
			per[anchor] += w / 2
			per[pair] += w / 2
		} else {
			per[anchor] += w
		}
	})
	lexPer := make([]float64, len(toks))
	lex := a.arabicLex.lexiconScore(toks, lexPer)
	z += a.arabicModel.LexWeight * lex
	for i := range per {
		per[i] += a.arabicModel.LexWeight * lexPer[i]
		if math.Abs(per[i]) >= 0.25 {
			drivers = append(drivers, Driver{Start: toks[i].start, End: toks[i].end, Weight: per[i]})
		}
	}
	return LogitScore(z), drivers
}

// charGrams emits the letter 4-grams of a word with its ends marked
// ("#<كلم", "#لمه>"): they carry a dialect's spellings and inflections of a
// word the model has seen in another form. Words of three letters or fewer
// are their own feature already.
func charGrams(w string, anchor int, key []byte, emit func(key []byte, anchor, pair int)) {
	const n = 4
	runes := utf8.RuneCountInString(w) + 2 // with the two end marks
	if runes <= n+1 {
		return
	}
	// starts[i] is the byte offset of rune i of "<" + w + ">".
	var sbuf [64]int
	starts := sbuf[:0]
	starts = append(starts, 0)
	for off := range w {
		starts = append(starts, 1+off)
	}
	starts = append(starts, 1+len(w), 2+len(w))
	marked := make([]byte, 0, len(w)+2)
	marked = append(append(append(marked, '<'), w...), '>')
	for i := 0; i+n <= runes; i++ {
		key = append(append(key[:0], '#'), marked[starts[i]:starts[i+n]]...)
		emit(key, anchor, -1)
	}
}

// LogitScore maps a learned model's log-odds to a score in [−1, 1]:
// tanh(z) = 2·σ(2z) − 1. The steeper of the two natural choices (tanh(z/2)
// is 2σ(z) − 1): with the ±0.05 neutral band it leaves a text neutral only
// when the model is nearly indifferent (|z| < 0.05, p within 0.488 … 0.512),
// which suits models fitted on positive and negative texts only.
func LogitScore(z float64) float64 { return math.Tanh(z) }
