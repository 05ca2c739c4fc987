package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns the text with the debris of exports removed: HTML tags such
// as "<br />" become spaces, the common HTML entities are decoded, escaped
// newlines and tabs ("\n" written as two characters) and real ones become
// spaces, runs of white space collapse to one and the ends are trimmed.
// Everything else is kept as written (case, punctuation, emoji), because the
// scorers read it.
func Clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start: drop leading space
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '<':
			if n := tagLen(s[i:]); n > 0 {
				i += n
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
		case c == '&':
			if r, n := entity(s[i:]); n > 0 {
				i += n
				if r == ' ' {
					if !space {
						b.WriteByte(' ')
						space = true
					}
				} else {
					b.WriteRune(r)
					space = false
				}
				continue
			}
		case c == '\\' && i+1 < len(s) && (s[i+1] == 'n' || s[i+1] == 'r' || s[i+1] == 't'):
			i += 2
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// needsClean is the fast path: most texts have nothing to clean.
func needsClean(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '<', '&', '\\', '\n', '\r', '\t', '\v', '\f':
			return true
		case ' ':
			if prevSpace {
				return true
			}
			prevSpace = true
			continue
		}
		if c >= 0x80 && (c == 0xC2 || c == 0xE2 || c == 0xE3) {
			return true // possible non-ASCII space (NBSP, U+2000…, U+3000)
		}
		prevSpace = false
	}
	return false
}

// tagLen is the length of an HTML tag at the start of s ("<br>", "<br />",
// "</p>", "<a href=…>"), or 0 when s does not start with one. A "<" that is
// not followed by a letter (or "/" and a letter) is text: "<3", "a < b".
func tagLen(s string) int {
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i >= len(s) || !(s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		return 0
	}
	for j := i; j < len(s) && j < 200; j++ {
		switch s[j] {
		case '>':
			return j + 1
		case '<', '\n':
			return 0
		}
	}
	return 0
}

var entities = map[string]rune{
	"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": ' ', "#39": '\'', "#34": '"',
}

// entity decodes a common HTML entity at the start of s.
func entity(s string) (rune, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 6 {
		return 0, 0
	}
	if r, ok := entities[s[1:end]]; ok {
		return r, end + 1
	}
	return 0, 0
}
