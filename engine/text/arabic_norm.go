package text

import "strings"

// NormalizeArabic returns an Arabic word in the one spelling the lexicon and
// the model use, and whether a letter was drawn out (elongation, a sign of
// emphasis). It removes diacritics (tashkeel, superscript alef) and tatweel,
// writes the alef forms أ إ آ ٱ as ا, alef maqsura ى as ي, ta marbuta ة as ه,
// the hamza seats ؤ ئ as و ي (رائع and رايع, مسؤول and مسوول are one word:
// people write them both ways, dialect writers mostly without the hamza),
// the Persian forms ک ی as ك ي, Arabic-Indic and Eastern digits as 0–9, and
// shortens a letter repeated three or more times to one (رااااائع → رايع);
// a doubled letter (لل) is spelling and stays.
func NormalizeArabic(w string) (string, bool) {
	var buf [64]rune
	rs := buf[:0]
	for _, r := range w {
		if isArabicMark(r) {
			continue
		}
		rs = append(rs, foldArabic(r))
	}
	var b strings.Builder
	b.Grow(len(w))
	elongated := false
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		if j-i >= 3 && rs[i] >= 0x0600 {
			b.WriteRune(rs[i])
			elongated = true
		} else {
			for k := i; k < j; k++ {
				b.WriteRune(rs[k])
			}
		}
		i = j
	}
	return b.String(), elongated
}

func foldArabic(r rune) rune {
	switch {
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ى' || r == 'ی':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ک':
		return 'ك'
	case r == 'ؤ':
		return 'و'
	case r == 'ئ':
		return 'ي'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	}
	return r
}
