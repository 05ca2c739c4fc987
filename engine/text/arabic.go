package text

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
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
func arabicStem(w string) string {
	rs := []rune(w)
	if len(rs) > 4 && rs[0] == 'و' {
		rs = rs[1:]
	}
	if len(rs) > 5 && (rs[0] == 'ب' || rs[0] == 'ك' || rs[0] == 'ف') && rs[1] == 'ا' && rs[2] == 'ل' {
		rs = rs[3:]
	} else if len(rs) > 4 && rs[0] == 'ا' && rs[1] == 'ل' {
		rs = rs[2:]
	} else if len(rs) > 4 && rs[0] == 'ل' && rs[1] == 'ل' {
		rs = rs[2:]
	}
	return string(rs)
}

// bagFeatures are the learned models' features of a text: each word (its
// normalised form, marked "!" when a negator reaches it), its stem when that
// differs, each pair of neighbouring words in one clause, each emoji. The
// anchor of each feature is the token it belongs to (for drivers).
func bagFeatures(toks []token, negators map[string]bool, onlyScript script, out []feature) []feature {
	neg := 0
	prev := -1
	for i, t := range toks {
		if t.kind == wordToken && onlyScript != noScript && t.script != onlyScript {
			prev, neg = -1, 0
			continue
		}
		if negators[t.norm] {
			neg = negationReach + 1
		}
		mark := ""
		if neg > 0 && !negators[t.norm] {
			mark = "!"
		}
		out = append(out, feature{key: mark + t.norm, anchor: i})
		if t.script == arabicScript {
			if s := arabicStem(t.norm); s != t.norm {
				out = append(out, feature{key: mark + "~" + s, anchor: i})
			}
			out = charGrams(t.norm, i, out)
		}
		if prev >= 0 {
			out = append(out, feature{key: toks[prev].norm + " " + t.norm, anchor: i, pair: prev})
		}
		prev = i
		if neg > 0 {
			neg--
		}
		if t.stop {
			prev, neg = -1, 0
		}
	}
	return out
}

// feature is one feature occurrence of a text.
type feature struct {
	key    string
	anchor int // token index
	pair   int // the other token of a pair (0 otherwise, anchor > 0 then)
}

// scoreArabic scores the Arabic tokens (and emoji) of a text: the model's
// log-odds of positive, mapped to [−1, 1]. Each token's share of the
// log-odds becomes a driver.
func (a *Analyzer) scoreArabic(toks []token, drivers []Driver) (float64, []Driver) {
	per := make([]float64, len(toks))
	feats := bagFeatures(toks, a.arabicLex.negators, arabicScript, nil)
	z := a.arabicModel.Bias
	for _, f := range feats {
		w, ok := a.arabicModel.Weights[f.key]
		if !ok {
			continue
		}
		z += w
		if strings.IndexByte(f.key, ' ') > 0 {
			per[f.anchor] += w / 2
			per[f.pair] += w / 2
		} else {
			per[f.anchor] += w
		}
	}
	lexPer := make([]float64, len(toks))
	lex := a.arabicLex.lexiconScore(toks, lexPer)
	z += a.arabicModel.LexWeight * lex
	for i := range per {
		per[i] += a.arabicModel.LexWeight * lexPer[i]
		if math.Abs(per[i]) >= 0.25 {
			drivers = append(drivers, Driver{Start: toks[i].start, End: toks[i].end, Weight: per[i]})
		}
	}
	return math.Tanh(z / 2), drivers
}

// charGrams adds the letter 4-grams of a word with its ends marked ("<كلم",
// "لمه>"): they carry a dialect's spellings and inflections of a word the
// model has seen in another form.
func charGrams(w string, anchor int, out []feature) []feature {
	var buf [48]rune
	rs := append(buf[:0], '<')
	for _, r := range w {
		rs = append(rs, r)
	}
	rs = append(rs, '>')
	const n = 4
	if len(rs) <= n+1 {
		return out // short words are their own feature already
	}
	for i := 0; i+n <= len(rs); i++ {
		out = append(out, feature{key: "#" + string(rs[i:i+n]), anchor: anchor})
	}
	return out
}
