package text

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ThemesFile lists the pain-point themes and stop words.
const ThemesFile = "topics.txt"

// Themes map words and two-word phrases of both languages to pain-point
// themes (delivery, price, support …), and know the stop words that are
// never key phrases.
type Themes struct {
	terms map[string]string // normalised term → theme
	stop  map[string]bool
}

// ParseThemes reads topics.txt: "THEME<TAB>TERM" lines; theme "-" marks a
// stop word.
func ParseThemes(data []byte) (*Themes, error) {
	th := &Themes{terms: map[string]string{}, stop: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		theme, term, ok := strings.Cut(l, "\t")
		if !ok || term == "" {
			return nil, fmt.Errorf("%s line %d: want THEME<TAB>TERM", ThemesFile, line)
		}
		words := strings.Fields(term)
		for i, w := range words {
			if n, _ := NormalizeArabic(w); n != "" {
				words[i] = strings.ToLower(n)
			}
		}
		key := strings.Join(words, " ")
		if theme == "-" {
			th.stop[key] = true
		} else {
			th.terms[key] = theme
		}
	}
	return th, sc.Err()
}

// Mentions are what a text talks about: the themes it touches and its key
// phrase candidates (content words and pairs of neighbouring content words,
// normalised), each once.
type Mentions struct {
	Themes  []string
	Phrases []string
}

// Mentions finds the themes and key phrases of a text already read.
func (a *Analyzer) Mentions(t Tokens) Mentions {
	var m Mentions
	th := a.themes
	if th == nil {
		return m
	}
	seen := map[string]bool{}
	addTheme := func(x string) {
		if !seen["\x00"+x] {
			seen["\x00"+x] = true
			m.Themes = append(m.Themes, x)
		}
	}
	addPhrase := func(x string) {
		if !seen[x] {
			seen[x] = true
			m.Phrases = append(m.Phrases, x)
		}
	}
	prev := ""
	for i, k := range t.toks {
		if k.kind != wordToken {
			prev = ""
			continue
		}
		w := k.norm
		if i > 0 && t.toks[i-1].kind == wordToken {
			if x, ok := th.terms[t.toks[i-1].norm+" "+w]; ok {
				addTheme(x)
			}
		}
		x, ok := th.terms[w]
		stem := w
		if !ok && k.script == arabicScript {
			stem = arabicStem(w)
			x, ok = th.terms[stem]
		}
		if ok {
			addTheme(x)
		}
		content := !th.stop[w] && !th.stop[stem] && utf8.RuneCountInString(w) >= 3 && !isNumber(w) &&
			!a.isNegator(w) && (k.script == arabicScript || k.script == latinScript)
		if !content {
			prev = ""
			continue
		}
		// A sentiment word alone is how they felt, not what about: it joins
		// pairs ("late delivery") but is no key phrase by itself.
		if !a.isSentimentWord(w) {
			addPhrase(stem)
		}
		if prev != "" {
			addPhrase(prev + " " + stem)
		}
		prev = stem
		if k.stop {
			prev = ""
		}
	}
	return m
}

func (a *Analyzer) isNegator(w string) bool {
	return a.english != nil && a.english.negators[w] || a.arabicLex != nil && a.arabicLex.negators[w]
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != '.' && w[i] != ',' {
			return false
		}
	}
	return true
}

// IsThemeTerm reports whether a key phrase is one of the themes' own terms
// (then the theme stands for it).
func (a *Analyzer) IsThemeTerm(phrase string) bool {
	if a.themes == nil {
		return false
	}
	if _, ok := a.themes.terms[phrase]; ok {
		return true
	}
	for _, w := range strings.Fields(phrase) {
		if _, ok := a.themes.terms[w]; ok {
			return true
		}
	}
	return false
}

// ThemeWords are the words (and pairs) of a text that put it under theme.
func (a *Analyzer) ThemeWords(t Tokens, theme string) []string {
	if a.themes == nil {
		return nil
	}
	var out []string
	for i, k := range t.toks {
		if k.kind != wordToken {
			continue
		}
		if i > 0 {
			pair := t.toks[i-1].norm + " " + k.norm
			if a.themes.terms[pair] == theme {
				out = append(out, pair)
				continue
			}
		}
		if a.themes.terms[k.norm] == theme {
			out = append(out, k.norm)
		} else if k.script == arabicScript && a.themes.terms[arabicStem(k.norm)] == theme {
			out = append(out, arabicStem(k.norm))
		}
	}
	return out
}

func (a *Analyzer) isSentimentWord(w string) bool {
	if a.english != nil {
		if v, ok := a.english.words[w]; ok && v != 0 {
			return true
		}
	}
	if a.arabicLex != nil {
		if p, ok := a.arabicLex.lookup(w); ok && p != 0 {
			return true
		}
	}
	return false
}
