package engine

import (
	"strings"
	"unicode"
)

// Search across scripts: "أحمد" finds Ahmed and "Mohammed" finds محمد.
//
// Both spellings of a name are reduced to the same skeleton of consonant
// classes, the way a name is recognised across the many Latin spellings of
// one Arabic name (Mohammed, Muhammad, Mohamed). The transliteration:
//
//   - Vowels are dropped: Latin a e i o u, and y and w inside a word; the
//     Arabic long vowels and weak letters ا و ي ى, ء ئ ؤ, and ع inside a word.
//     A word that starts with a vowel, ا or ع starts with "a"; a word that
//     starts with y/ي or w/و keeps "y" or "w".
//   - Consonants map to classes: b/p ب → b; t/th ت ط ث → t; j/g ج → j;
//     h ح ه → h; kh/k/q/c خ ق ك → k; d/dh د ض ذ → d; r ر → r; z ز ظ → z;
//     s ص س → s; sh/ch ش → x; gh غ → g; f/v/ph ف → f; l ل → l; m م → m; n ن → n.
//   - The article is dropped: a word starting with ال (and longer than it),
//     and Latin "al", "el" as a word or before a hyphen.
//   - A word's final ة or ه, and a Latin final "h" after "a" (Sarah, Abdullah),
//     are dropped: both write the same ending.
//   - Doubled classes collapse: Mohammed → mhmd, محمد → mhmd.
//
// A query matches when each of its words' skeletons (two classes or more)
// begins a word skeleton of the customer's name. The plain substring search
// is unchanged; this only adds matches.

// nameSkeletons returns the skeleton of every word of a name; a Latin word
// that may carry the article ("Alqahtani") gives its skeleton both with and
// without it, since "Alice" must keep hers.
func nameSkeletons(name string) []string {
	var out []string
	for _, w := range nameWords(name) {
		out = append(out, wordSkeletons(w)...)
	}
	return out
}

func wordSkeletons(w string) []string {
	var out []string
	if k := skeleton(w); len(k) >= 2 {
		out = append(out, k)
	}
	if len(w) > 4 && (strings.HasPrefix(w, "al") || strings.HasPrefix(w, "el")) {
		if k := skeleton(w[2:]); len(k) >= 2 {
			out = append(out, k)
		}
	}
	return out
}

// querySkeletons returns, per word of a query, its skeletons (any may match).
func querySkeletons(q string) [][]string {
	var out [][]string
	for _, w := range nameWords(q) {
		if ks := wordSkeletons(w); len(ks) > 0 {
			out = append(out, ks)
		}
	}
	return out
}

// nameWords splits a name into words, lower-cased, Latin diacritics removed
// and the article dropped.
func nameWords(name string) []string {
	name = strings.Map(plainLatin, strings.ToLower(name))
	var words []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '\'' || r == '’' || r == '.' || r == ',' || r == '_'
	}) {
		if w == "al" || w == "el" {
			continue
		}
		if r := []rune(w); len(r) > 3 && r[0] == 'ا' && r[1] == 'ل' {
			w = string(r[2:])
		}
		words = append(words, w)
	}
	return words
}

// plainLatin drops the accents of the Latin letters names are written with
// (Hélène, Çelik, Müller), without the Unicode normalisation tables.
func plainLatin(r rune) rune {
	if r < 0xC0 || r > 0x17F {
		return r
	}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćč", 'd': "ď", 'e': "èéêëēĕėęě", 'g': "ğ", 'i': "ìíîïīı",
		'n': "ñńň", 'o': "òóôõöøō", 's': "śşš", 't': "ţť", 'u': "ùúûüūů", 'y': "ýÿ", 'z': "źżž",
	} {
		if strings.ContainsRune(accented, r) {
			return base
		}
	}
	return r
}

var arabicClass = map[rune]byte{
	'ب': 'b', 'ت': 't', 'ط': 't', 'ث': 't', 'ج': 'j', 'ح': 'h', 'ه': 'h', 'خ': 'k', 'ق': 'k', 'ك': 'k',
	'د': 'd', 'ض': 'd', 'ذ': 'd', 'ر': 'r', 'ز': 'z', 'ظ': 'z', 'س': 's', 'ص': 's', 'ش': 'x', 'غ': 'g',
	'ف': 'f', 'ل': 'l', 'م': 'm', 'ن': 'n', 'پ': 'b', 'گ': 'j', 'چ': 'x', 'ڤ': 'f',
}

var latinClass = map[rune]byte{
	'b': 'b', 'p': 'b', 't': 't', 'j': 'j', 'g': 'j', 'h': 'h', 'k': 'k', 'q': 'k', 'c': 'k',
	'd': 'd', 'r': 'r', 'z': 'z', 's': 's', 'f': 'f', 'v': 'f', 'l': 'l', 'm': 'm', 'n': 'n',
}

var latinDigraph = map[string]byte{"kh": 'k', "sh": 'x', "ch": 'x', "th": 't', "dh": 'd', "gh": 'g', "ph": 'f'}

// skeleton is one word's consonant classes (see above).
func skeleton(w string) string {
	rs := []rune(w)
	var b []byte
	add := func(c byte) {
		if len(b) == 0 || b[len(b)-1] != c {
			b = append(b, c)
		}
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		first := i == 0
		last := i == len(rs)-1
		switch {
		case unicode.Is(unicode.Mn, r) || r == 'ـ':
			continue // diacritics, harakat, tatweel
		case r >= 'a' && r <= 'z':
			if i+1 < len(rs) {
				if c, ok := latinDigraph[string(rs[i:i+2])]; ok {
					add(c)
					i++
					continue
				}
			}
			switch r {
			case 'a', 'e', 'i', 'o', 'u':
				if first {
					add('a')
				}
			case 'y', 'w':
				if first {
					add(byte(r))
				}
			case 'h':
				if last && i > 0 && rs[i-1] == 'a' {
					continue // Sarah, Abdullah: the ending ة
				}
				add('h')
			case 'x':
				add('k')
				add('s')
			default:
				if c, ok := latinClass[r]; ok {
					add(c)
				}
			}
		default:
			switch r {
			case 'ا', 'أ', 'إ', 'آ', 'ٱ', 'ع':
				if first {
					add('a')
				}
			case 'ي', 'ى', 'ئ':
				if first {
					add('y')
				}
			case 'و', 'ؤ':
				if first {
					add('w')
				}
			case 'ء':
			case 'ة':
			case 'ه':
				if !last {
					add('h')
				}
			default:
				if c, ok := arabicClass[r]; ok {
					add(c)
				}
			}
		}
	}
	return string(b)
}

// skeletonsMatch reports whether every word of the query has a skeleton
// that begins one of the name's skeletons.
func skeletonsMatch(query [][]string, name []string) bool {
	if len(query) == 0 {
		return false
	}
	for _, alts := range query {
		found := false
		for _, q := range alts {
			for _, n := range name {
				if strings.HasPrefix(n, q) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}
