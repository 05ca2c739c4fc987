package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind says what a token is.
type tokenKind uint8

const (
	wordToken     tokenKind = iota
	emojiToken              // a pictograph (its modifiers and joiners dropped)
	emoticonToken           // ":)", ":-(", "<3" … as the lexicon knows them
)

// token is one word, emoji or emoticon of a cleaned text.
type token struct {
	start, end int    // byte span in the cleaned text
	norm       string // lookup form: lower-case English, normalised Arabic
	kind       tokenKind
	script     script
	caps       bool // written in capitals (HELP), for VADER's emphasis rule
	stop       bool // a clause ends after it (, . ; : ! ? and Arabic ، ؛ ؟)
	elongated  bool // had a letter repeated 3+ times (soooo, رااائع)
}

type script uint8

const (
	noScript script = iota
	latinScript
	arabicScript
	otherScript // Cyrillic, Greek, Hebrew, CJK …
)

// tokenize splits a cleaned text into tokens. A white-space separated chunk
// that the emoticon set knows whole (":-)", "</3") is one token; otherwise
// words are runs of letters and digits (with inner apostrophes and hyphens),
// each emoji is a token, and punctuation only marks where clauses end.
func tokenize(s string, emoticons map[string]bool, out []token) []token {
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			j = len(s)
		} else {
			j += i
		}
		chunk := s[i:j]
		if len(chunk) >= 2 && len(emoticons) > 0 && emoticons[chunk] && !isWordy(chunk) {
			out = append(out, token{start: i, end: j, norm: chunk, kind: emoticonToken})
			i = j
			continue
		}
		out = splitChunk(s, i, j, emoticons, out)
		i = j
	}
	return out
}

// isWordy reports whether a chunk is all letters (then it is a word, even if
// the emoticon list has it, like "xd").
func isWordy(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func splitChunk(s string, i, j int, emoticons map[string]bool, out []token) []token {
	k := i
	for k < j {
		r, n := utf8.DecodeRuneInString(s[k:])
		switch {
		case isLetterOrDigit(r):
			start := k
			for k < j {
				r, n = utf8.DecodeRuneInString(s[k:])
				if isLetterOrDigit(r) || isArabicMark(r) {
					k += n
					continue
				}
				// an apostrophe or hyphen inside a word keeps it whole: don't, check-in
				if (r == '\'' || r == '’' || r == '-') && k+n < j {
					r2, _ := utf8.DecodeRuneInString(s[k+n:])
					if isLetterOrDigit(r2) {
						k += n
						continue
					}
				}
				break
			}
			if w := makeWord(s, start, k); w.norm != "" {
				out = append(out, w)
			}
		case isEmoji(r):
			start := k
			k += n
			for k < j { // modifiers, variation selectors and keycaps belong to it
				r2, n2 := utf8.DecodeRuneInString(s[k:])
				if r2 == 0xFE0F || r2 == 0x20E3 || r2 >= 0x1F3FB && r2 <= 0x1F3FF {
					k += n2
					continue
				}
				break
			}
			out = append(out, token{start: start, end: k, norm: string(r), kind: emojiToken})
		default:
			// an emoticon glued to a word's end: "great:)"
			if len(emoticons) > 0 && r < 0x80 && k+1 < j {
				if e := j - k; e >= 2 && e <= 4 && emoticons[s[k:j]] {
					out = append(out, token{start: k, end: j, norm: s[k:j], kind: emoticonToken})
					return out
				}
			}
			if isClauseEnd(r) && len(out) > 0 {
				out[len(out)-1].stop = true
			}
			k += n
		}
	}
	return out
}

func isLetterOrDigit(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isArabicMark: diacritics and tatweel sit inside Arabic words.
func isArabicMark(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 || r >= 0x06D6 && r <= 0x06ED
}

func isClauseEnd(r rune) bool {
	switch r {
	case ',', '.', ';', ':', '!', '?', '،', '؛', '؟', '…':
		return true
	}
	return false
}

// isEmoji reports pictographs: the emoticons, symbols and dingbats blocks.
func isEmoji(r rune) bool {
	return r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x1F000 && r <= 0x1F2FF ||
		r == 0x2B50 || r == 0x2B55 || r == 0x2764 || r == 0x203C || r == 0x2049
}

func isArabicLetter(r rune) bool {
	return r >= 0x0620 && r <= 0x064A || r >= 0x066E && r <= 0x06D3 || r >= 0x0750 && r <= 0x077F ||
		r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// makeWord builds the token of the word s[start:end]: its script, whether
// it is in capitals, and its normalised form.
func makeWord(s string, start, end int) token {
	w := s[start:end]
	t := token{start: start, end: end, kind: wordToken}
	upper, lower, arabic, foreign, ascii := 0, 0, 0, 0, true
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
			lower++
		case r >= 0x80:
			ascii = false
			if isArabicLetter(r) || r >= 0x0660 && r <= 0x06F9 {
				arabic++
			} else if r > 0x24F && unicode.IsLetter(r) {
				foreign++
			} else if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
		}
	}
	switch {
	case arabic > 0:
		t.script = arabicScript
		t.norm, t.elongated = NormalizeArabic(w)
		return t
	case foreign > upper+lower:
		t.script = otherScript
		t.norm = strings.ToLower(w)
		return t
	case upper+lower > 0:
		t.script = latinScript
	}
	t.caps = upper >= 2 && lower == 0
	norm := w
	if upper > 0 {
		norm = strings.ToLower(w)
	}
	if !ascii {
		norm = strings.ReplaceAll(norm, "’", "'")
	}
	t.norm, t.elongated = squeezeLatin(norm)
	return t
}

// squeezeLatin shortens letters repeated three or more times to two
// ("soooo" → "soo", "goooood" → "good"); the scorer tries one more when the
// two-letter form is unknown.
func squeezeLatin(w string) (string, bool) {
	run := 1
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] {
			run++
			if run >= 3 {
				goto squeeze
			}
		} else {
			run = 1
		}
	}
	return w, false
squeeze:
	b := make([]byte, 0, len(w))
	run = 0
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			run++
		} else {
			run = 1
		}
		if run <= 2 {
			b = append(b, w[i])
		}
	}
	return string(b), true
}

// squeezeOnce shortens every doubled letter to one ("soo" → "so").
func squeezeOnce(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b = append(b, w[i])
	}
	return string(b)
}
