package ingest

// Value parsing on the hot path: every function here reads one cell without
// allocating. They accept what people and spreadsheet programs write, in
// English and Arabic locales: Arabic-Indic digits (٠-٩) and Extended
// Arabic-Indic digits (۰-۹), the Arabic decimal and thousands separators,
// bidirectional marks around values, non-breaking spaces as grouping.

import (
	"math"
	"strconv"
)

// NormalizeDigits appends b to dst with Arabic-Indic (U+0660–U+0669) and
// Extended Arabic-Indic (U+06F0–U+06F9) digits replaced by ASCII digits, the
// Arabic decimal separator ٫ by '.', the Arabic thousands separator ٬ by ','
// and the Arabic percent sign ٪ by '%'. Everything else is copied unchanged.
func NormalizeDigits(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if (c == 0xD9 || c == 0xDB) && i+1 < len(b) {
			d := b[i+1]
			switch {
			case c == 0xD9 && d >= 0xA0 && d <= 0xA9:
				dst = append(dst, '0'+d-0xA0)
				i++
				continue
			case c == 0xDB && d >= 0xB0 && d <= 0xB9:
				dst = append(dst, '0'+d-0xB0)
				i++
				continue
			case c == 0xD9 && d == 0xAA:
				dst = append(dst, '%')
				i++
				continue
			case c == 0xD9 && d == 0xAB:
				dst = append(dst, '.')
				i++
				continue
			case c == 0xD9 && d == 0xAC:
				dst = append(dst, ',')
				i++
				continue
			}
		}
		dst = append(dst, c)
	}
	return dst
}

// arabicDigit returns the ASCII digit of an Arabic-Indic or Extended
// Arabic-Indic digit at the start of b, and 2; or 0, 0.
func arabicDigit(b []byte) (byte, int) {
	if len(b) < 2 {
		return 0, 0
	}
	switch c, d := b[0], b[1]; {
	case c == 0xD9 && d >= 0xA0 && d <= 0xA9:
		return '0' + d - 0xA0, 2
	case c == 0xDB && d >= 0xB0 && d <= 0xB9:
		return '0' + d - 0xB0, 2
	}
	return 0, 0
}

// spaceLen returns the length of the white space, invisible formatting
// character (bidi marks, zero-width space, BOM) at the start of b, or 0.
func spaceLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch c := b[0]; c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return 1
	case 0xC2: // U+00A0 no-break space
		if len(b) > 1 && b[1] == 0xA0 {
			return 2
		}
	case 0xD8: // U+061C Arabic letter mark
		if len(b) > 1 && b[1] == 0x9C {
			return 2
		}
	case 0xE2:
		if len(b) < 3 {
			return 0
		}
		switch b[1] {
		case 0x80: // U+2000–U+200B spaces, U+200E/F marks, U+202A–U+202E embeddings, U+202F narrow NBSP
			if d := b[2]; d <= 0x8B || d == 0x8E || d == 0x8F || (d >= 0xAA && d <= 0xAF) {
				return 3
			}
		case 0x81: // U+205F, U+2060 word joiner, U+2066–U+2069 isolates
			if d := b[2]; d == 0x9F || d == 0xA0 || (d >= 0xA6 && d <= 0xA9) {
				return 3
			}
		}
	case 0xE3: // U+3000 ideographic space
		if len(b) > 2 && b[1] == 0x80 && b[2] == 0x80 {
			return 3
		}
	case 0xEF: // U+FEFF byte order mark
		if len(b) > 2 && b[1] == 0xBB && b[2] == 0xBF {
			return 3
		}
	}
	return 0
}

// spaceLenBefore is spaceLen for the end of b.
func spaceLenBefore(b []byte) int {
	n := len(b)
	if n == 0 {
		return 0
	}
	if b[n-1] < 0x80 {
		return spaceLen(b[n-1:])
	}
	if n >= 2 && spaceLen(b[n-2:]) == 2 {
		return 2
	}
	if n >= 3 && spaceLen(b[n-3:]) == 3 {
		return 3
	}
	return 0
}

// trim removes white space and invisible marks from both ends of b.
func trim(b []byte) []byte {
	for {
		n := spaceLen(b)
		if n == 0 {
			break
		}
		b = b[n:]
	}
	for {
		n := spaceLenBefore(b)
		if n == 0 {
			break
		}
		b = b[:len(b)-n]
	}
	return b
}

// signLen returns the length of a sign at the start of b ('+', '-' or
// U+2212 minus sign) and whether it is negative.
func signLen(b []byte) (int, bool) {
	if len(b) == 0 {
		return 0, false
	}
	switch b[0] {
	case '-':
		return 1, true
	case '+':
		return 1, false
	case 0xE2:
		if len(b) > 2 && b[1] == 0x88 && b[2] == 0x92 {
			return 3, true
		}
	}
	return 0, false
}

// trimPercent removes one leading or trailing percent sign (% or ٪).
func trimPercent(b []byte) []byte {
	switch {
	case len(b) > 0 && b[0] == '%':
		return trim(b[1:])
	case len(b) > 0 && b[len(b)-1] == '%':
		return trim(b[:len(b)-1])
	case len(b) > 1 && b[0] == 0xD9 && b[1] == 0xAA:
		return trim(b[2:])
	case len(b) > 1 && b[len(b)-2] == 0xD9 && b[len(b)-1] == 0xAA:
		return trim(b[:len(b)-2])
	}
	return b
}

const maxNumberLen = 64

// ParseNumber reads a number as people and spreadsheets write it:
// 1234.5, -3, +3, 1,234.56, 1.234,56, 1 234,5 (spaces, no-break spaces or
// apostrophes as grouping), Indian grouping 1,23,456.78, (12.50) as
// negative, U+2212 minus, 1e-3, Arabic-Indic and Extended Arabic-Indic
// digits, the Arabic decimal separator ٫ and thousands separator ٬, and one
// leading or trailing % or ٪ (50% reads as 50, not 0.5).
//
// Which of '.' and ',' is the decimal separator: the last of the two when
// both occur; a separator that occurs more than once is grouping; a single
// '.' is decimal; a single ',' is grouping when exactly three digits follow
// it and one to three digits (not a lone 0) precede it, so "1,234" is 1234
// while "1,5", "0,125" and "1234,567" are decimals. Grouping must be
// well-formed (the last group has three digits). A lone ',' with spaces or
// apostrophes as grouping is decimal ("1 234,5").
func ParseNumber(b []byte) (float64, bool) {
	return parseNumber(b)
}

func parseNumber(b []byte) (float64, bool) {
	b = trim(b)
	if v, ok := plainNumber(b); ok {
		return v, true
	}
	return parseGeneralNumber(b)
}

func parseGeneralNumber(b []byte) (float64, bool) {
	neg := false
	if len(b) >= 2 && b[0] == '(' && b[len(b)-1] == ')' {
		neg = true
		b = trim(b[1 : len(b)-1])
	}
	b = trimPercent(b)
	if n, minus := signLen(b); n > 0 {
		if minus {
			neg = !neg
		}
		b = trim(b[n:])
	}
	if len(b) == 0 {
		return 0, false
	}
	// Map every character to one byte: digits, '.', ',', 'D' (Arabic decimal
	// separator), 'G' (Arabic thousands separator), ' ' (a space), '\''
	// (apostrophe), 'e', and '+'/'-' (valid only after 'e').
	var m [maxNumberLen]byte
	n := 0
	for i := 0; i < len(b); {
		c := b[i]
		w := 1
		var out byte
		switch {
		case c >= '0' && c <= '9', c == '.', c == ',', c == '\'', c == '+', c == '-':
			out = c
		case c == ' ':
			out = ' '
		case c == 'e' || c == 'E':
			out = 'e'
		case c >= 0x80:
			if d, dw := arabicDigit(b[i:]); dw > 0 {
				out, w = d, dw
				break
			}
			if c == 0xD9 && i+1 < len(b) && (b[i+1] == 0xAB || b[i+1] == 0xAC) {
				out, w = 'D', 2
				if b[i+1] == 0xAC {
					out = 'G'
				}
				break
			}
			if c == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0x98 || b[i+2] == 0x99) { // ‘ ’
				out, w = '\'', 3
				break
			}
			if sw := spaceLen(b[i:]); sw > 0 {
				w = sw
				if sw == 2 && c == 0xD8 { // Arabic letter mark: invisible
					out = 0
				} else if c == 0xE2 && (b[i+2] == 0x8E || b[i+2] == 0x8F || b[i+2] >= 0xAA && b[i+2] <= 0xAE || b[i+1] == 0x81 && b[i+2] != 0x9F) {
					out = 0 // bidi marks and joiners: invisible
				} else if c == 0xEF {
					out = 0
				} else {
					out = ' '
				}
				break
			}
			return 0, false
		default:
			return 0, false
		}
		i += w
		if out == 0 {
			continue
		}
		if n == len(m) {
			return 0, false
		}
		m[n] = out
		n++
	}
	return buildNumber(m[:n], neg)
}

// plainNumber reads the usual number, digits with at most one '.' inside,
// without the general parser's mapping and validation. Up to 15 digits the
// mantissa and the power of ten are exact floats, so one division rounds
// correctly and the result is strconv's.
func plainNumber(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) > 16 {
		return 0, false
	}
	var m uint64
	dot := -1
	for i, c := range b {
		switch {
		case c-'0' <= 9:
			m = m*10 + uint64(c-'0')
		case c == '.' && dot < 0 && i > 0 && i < len(b)-1:
			dot = i
		default:
			return 0, false
		}
	}
	if dot < 0 {
		if len(b) > 15 {
			return 0, false
		}
		return float64(m), true
	}
	return float64(m) / pow10[len(b)-1-dot], true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// buildNumber validates the mapped characters of a number and converts them.
func buildNumber(m []byte, neg bool) (float64, bool) {
	mant, exp := m, m[:0]
	for i, c := range m {
		if c == 'e' {
			if i == 0 || m[i-1] < '0' || m[i-1] > '9' {
				return 0, false
			}
			mant, exp = m[:i], m[i+1:]
			if len(exp) > 0 && (exp[0] == '+' || exp[0] == '-') {
				if len(exp) == 1 {
					return 0, false
				}
				for _, d := range exp[1:] {
					if d < '0' || d > '9' {
						return 0, false
					}
				}
			} else {
				if len(exp) == 0 {
					return 0, false
				}
				for _, d := range exp {
					if d < '0' || d > '9' {
						return 0, false
					}
				}
			}
			break
		}
	}
	dots, commas, others := 0, 0, 0
	lastDot, lastComma, arabicDec := -1, -1, -1
	for i, c := range mant {
		switch c {
		case '.':
			dots++
			lastDot = i
		case ',':
			commas++
			lastComma = i
		case 'D':
			if arabicDec >= 0 {
				return 0, false
			}
			arabicDec = i
		case ' ', '\'', 'G':
			others++
		case '+', '-':
			return 0, false
		}
	}
	dec := -1
	switch {
	case arabicDec >= 0:
		dec = arabicDec
	case dots > 0 && commas > 0:
		if lastDot > lastComma {
			if dots > 1 {
				return 0, false
			}
			dec = lastDot
		} else {
			if commas > 1 {
				return 0, false
			}
			dec = lastComma
		}
	case dots == 1:
		dec = lastDot
	case commas == 1:
		if others > 0 {
			dec = lastComma
		} else if frac := len(mant) - lastComma - 1; frac != 3 || lastComma < 1 || lastComma > 3 || mant[0] == '0' {
			dec = lastComma
		}
	}
	intPart, frac := mant, mant[:0]
	if dec >= 0 {
		intPart, frac = mant[:dec], mant[dec+1:]
	}
	var out [maxNumberLen + 8]byte
	k := 0
	if neg {
		out[k] = '-'
		k++
	}
	// Integer part, with well-formed grouping.
	var group byte
	groups, glen, digits := 0, 0, 0
	for _, c := range intPart {
		if c >= '0' && c <= '9' {
			out[k] = c
			k++
			glen++
			digits++
			continue
		}
		if group == 0 {
			group = c
		} else if c != group {
			return 0, false
		}
		if groups == 0 {
			if glen < 1 || glen > 3 {
				return 0, false
			}
		} else if glen < 2 || glen > 3 {
			return 0, false
		}
		groups++
		glen = 0
	}
	if groups > 0 && glen != 3 {
		return 0, false
	}
	if digits == 0 {
		out[k] = '0'
		k++
	}
	if dec >= 0 {
		out[k] = '.'
		k++
		for _, c := range frac {
			if c < '0' || c > '9' {
				return 0, false
			}
			out[k] = c
			k++
		}
		if digits == 0 && len(frac) == 0 {
			return 0, false
		}
	}
	if len(exp) > 0 {
		out[k] = 'e'
		k++
		k += copy(out[k:], exp)
	}
	v, err := strconv.ParseFloat(string(out[:k]), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// ParseAmount is ParseNumber plus a currency written before or after the
// number, with or without a space: a symbol ($ € £ ¥ ₹ ﷼ …, "US$", "R$"), an
// ISO 4217 code in any case ("SAR 99", "99 usd", "USD1,200.00") or an
// Arabic abbreviation or name ("99 ر.س", "د.إ 50", "50 ج.م", "ريال"). A sign
// may come before the currency ("-$12.50") or after it ("$-12.50"), and
// parentheses around either mean negative. currency is the ISO code, or ""
// when there is none or it is ambiguous ("kr", "دينار"); "$" is USD and "¥"
// JPY. currency is always a constant: ParseAmount does not allocate.
func ParseAmount(b []byte) (v float64, currency string, ok bool) {
	if v, ok := plainNumber(b); ok {
		return v, "", true
	}
	s := trim(b)
	neg := false
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		neg = true
		s = trim(s[1 : len(s)-1])
	}
	if n, minus := signLen(s); n > 0 {
		if minus {
			neg = !neg
		}
		s = trim(s[n:])
	}
	if cur, n := currencyPrefix(s); n > 0 {
		currency = cur
		s = trim(s[n:])
	} else if cur, n := currencySuffix(s); n > 0 {
		currency = cur
		s = trim(s[:len(s)-n])
	}
	v, ok = parseNumber(s)
	if !ok {
		return 0, "", false
	}
	if neg {
		v = -v
	}
	return v, currency, true
}

// currencySymbols are written forms of currencies other than ISO codes,
// longest first where one is a prefix of another. ASCII letters compare
// without case.
var currencySymbols = [...]struct{ sym, iso string }{
	{"US$", "USD"}, {"USD$", "USD"}, {"CA$", "CAD"}, {"C$", "CAD"}, {"AU$", "AUD"}, {"A$", "AUD"},
	{"NZ$", "NZD"}, {"HK$", "HKD"}, {"SG$", "SGD"}, {"S$", "SGD"}, {"R$", "BRL"}, {"MX$", "MXN"},
	{"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"¥", "JPY"}, {"￥", "JPY"}, {"円", "JPY"}, {"元", "CNY"},
	{"₹", "INR"}, {"₩", "KRW"}, {"₺", "TRY"}, {"₽", "RUB"}, {"₪", "ILS"}, {"₦", "NGN"}, {"₱", "PHP"},
	{"฿", "THB"}, {"₫", "VND"}, {"₴", "UAH"}, {"৳", "BDT"}, {"₨", "PKR"}, {"GH₵", "GHS"}, {"₵", "GHS"},
	{"E£", "EGP"}, {"L.E.", "EGP"}, {"L.E", "EGP"}, {"LE", "EGP"}, {"SR", "SAR"}, {"Rs.", "INR"}, {"Rs", "INR"},
	{"Dhs.", "AED"}, {"Dhs", "AED"}, {"DH", "MAD"}, {"zł", "PLN"}, {"Kč", "CZK"}, {"Ft", "HUF"}, {"lei", "RON"},
	{"Rp", "IDR"}, {"RM", "MYR"}, {"S/.", "PEN"}, {"S/", "PEN"}, {"KSh", "KES"}, {"TL", "TRY"},
	{"Fr.", "CHF"}, {"kr.", ""}, {"kr", ""},
	{"\u20c1", "SAR"}, // the Saudi riyal sign (2025)
	{"﷼", "SAR"},
	{"ريال سعودي", "SAR"}, {"ر.س.", "SAR"}, {"ر.س", "SAR"}, {"رس", "SAR"}, {"ريال", "SAR"},
	{"درهم إماراتي", "AED"}, {"درهم اماراتي", "AED"}, {"د.إ.", "AED"}, {"د.إ", "AED"}, {"درهم", "AED"},
	{"جنيه مصري", "EGP"}, {"ج.م.", "EGP"}, {"ج.م", "EGP"}, {"جنيه", "EGP"},
	{"دينار كويتي", "KWD"}, {"د.ك.", "KWD"}, {"د.ك", "KWD"},
	{"ريال قطري", "QAR"}, {"ر.ق.", "QAR"}, {"ر.ق", "QAR"},
	{"دينار بحريني", "BHD"}, {"د.ب.", "BHD"}, {"د.ب", "BHD"},
	{"ريال عماني", "OMR"}, {"ر.ع.", "OMR"}, {"ر.ع", "OMR"},
	{"دينار أردني", "JOD"}, {"دينار اردني", "JOD"}, {"د.أ.", "JOD"}, {"د.أ", "JOD"}, {"د.ا.", "JOD"}, {"د.ا", "JOD"},
	{"د.ع.", "IQD"}, {"د.ع", "IQD"}, {"د.م.", "MAD"}, {"د.م", "MAD"}, {"د.ت.", "TND"}, {"د.ت", "TND"},
	{"د.ج.", "DZD"}, {"د.ج", "DZD"}, {"د.ل.", "LYD"}, {"د.ل", "LYD"}, {"ل.د.", "LYD"}, {"ل.د", "LYD"},
	{"ل.ل.", "LBP"}, {"ل.ل", "LBP"}, {"ل.س.", "SYP"}, {"ل.س", "SYP"}, {"ج.س.", "SDG"}, {"ج.س", "SDG"},
	{"ر.ي.", "YER"}, {"ر.ي", "YER"}, {"دينار", ""},
}

// symbolFirst and symbolLast flag the bytes that currency symbols start and
// end with (ASCII letters in both cases).
var symbolFirst, symbolLast = func() (first, last [256]bool) {
	for _, c := range currencySymbols {
		first[c.sym[0]] = true
		last[c.sym[len(c.sym)-1]] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		first[c], first[c-32], last[c], last[c-32] = true, true, true, true
	}
	return first, last
}()

// isoCurrencies holds the active ISO 4217 codes, sorted, three letters each.
const isoCurrencies = "AEDAFNALLAMDANGAOAARSAUDAWGAZNBAMBBDBDTBGNBHDBIFBMDBNDBOBBRLBSDBTNBWPBYNBZD" +
	"CADCDFCHFCLPCNYCOPCRCCUPCVECZKDJFDKKDOPDZDEGPERNETBEURFJDFKPGBPGELGHSGIPGMDGNFGTQGYD" +
	"HKDHNLHTGHUFIDRILSINRIQDIRRISKJMDJODJPYKESKGSKHRKMFKPWKRWKWDKYDKZTLAKLBPLKRLRDLSLLYD" +
	"MADMDLMGAMKDMMKMNTMOPMRUMURMVRMWKMXNMYRMZNNADNGNNIONOKNPRNZDOMRPABPENPGKPHPPKRPLNPYG" +
	"QARRONRSDRUBRWFSARSBDSCRSDGSEKSGDSHPSLESOSSRDSSPSTNSVCSYPSZLTHBTJSTMTTNDTOPTRYTTDTWD" +
	"TZSUAHUGXUSDUYUUZSVESVNDVUVWSTXAFXCDXOFXPFYERZARZMWZWL"

// isoCurrency returns the ISO code spelled by the three ASCII letters c (any
// case), as a substring of isoCurrencies, or "".
func isoCurrency(c []byte) string {
	if len(c) != 3 {
		return ""
	}
	var u [3]byte
	for i, x := range c {
		if x >= 'a' && x <= 'z' {
			x -= 'a' - 'A'
		}
		if x < 'A' || x > 'Z' {
			return ""
		}
		u[i] = x
	}
	lo, hi := 0, len(isoCurrencies)/3
	for lo < hi {
		mid := (lo + hi) / 2
		code := isoCurrencies[mid*3 : mid*3+3]
		switch {
		case code == string(u[:]):
			return code
		case code < string(u[:]):
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return ""
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// hasPrefixFold reports whether b starts with s, ASCII letters compared
// without case.
func hasPrefixFold(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		x, y := b[i], s[i]
		if x != y && !(isASCIILetter(x) && x|0x20 == y|0x20) {
			return false
		}
	}
	return true
}

// isArabicLetterAt reports whether an Arabic letter starts at b[i].
func isArabicLetterAt(b []byte, i int) bool {
	return i+1 < len(b) && (b[i] == 0xD8 || b[i] == 0xD9) && !(b[i] == 0xD9 && b[i+1] >= 0xA0 && b[i+1] <= 0xAC)
}

// endsWithArabicLetter reports whether s ends with an Arabic letter.
func endsWithArabicLetter(s string) bool {
	l := len(s)
	return l >= 2 && (s[l-2] == 0xD8 || s[l-2] == 0xD9)
}

// currencyPrefix finds a currency at the start of s and returns its ISO code
// and length, or n = 0.
func currencyPrefix(s []byte) (iso string, n int) {
	if len(s) == 0 || isDigit(s[0]) || s[0] == '.' || s[0] == ',' || s[0] == '(' {
		return "", 0
	}
	if _, w := arabicDigit(s); w > 0 {
		return "", 0
	}
	if !symbolFirst[s[0]] && !isASCIILetter(s[0]) {
		return "", 0
	}
	first := s[0] | 0x20
	for _, c := range currencySymbols {
		if c.sym[0]|0x20 != first || !hasPrefixFold(s, c.sym) {
			continue
		}
		l := len(c.sym)
		last := c.sym[l-1]
		if l < len(s) && (isASCIILetter(last) && isASCIILetter(s[l]) || endsWithArabicLetter(c.sym) && isArabicLetterAt(s, l)) {
			continue // part of a longer word
		}
		return c.iso, l
	}
	if len(s) > 3 && !isASCIILetter(s[3]) {
		if code := isoCurrency(s[:3]); code != "" {
			return code, 3
		}
	}
	return "", 0
}

// currencySuffix finds a currency at the end of s.
func currencySuffix(s []byte) (iso string, n int) {
	if len(s) == 0 || isDigit(s[len(s)-1]) || s[len(s)-1] == ')' {
		return "", 0
	}
	if len(s) >= 2 {
		if _, w := arabicDigit(s[len(s)-2:]); w > 0 {
			return "", 0
		}
	}
	if !symbolLast[s[len(s)-1]] && !isASCIILetter(s[len(s)-1]) {
		return "", 0
	}
	last := s[len(s)-1] | 0x20
	for _, c := range currencySymbols {
		l := len(c.sym)
		if c.sym[l-1]|0x20 != last || len(s) <= l || !hasPrefixFold(s[len(s)-l:], c.sym) {
			continue
		}
		before := s[len(s)-l-1]
		if isASCIILetter(c.sym[0]) && isASCIILetter(before) {
			continue
		}
		if c.sym[0] >= 0xD8 && c.sym[0] <= 0xD9 && len(s)-l-2 >= 0 && isArabicLetterAt(s, len(s)-l-2) {
			continue
		}
		return c.iso, l
	}
	if len(s) > 3 && !isASCIILetter(s[len(s)-4]) {
		if code := isoCurrency(s[len(s)-3:]); code != "" {
			return code, 3
		}
	}
	return "", 0
}

// ParseBool reads true/false, yes/no, y/n, t/f, 1/0, on/off in any case, and
// نعم/لا, صح/خطأ.
func ParseBool(b []byte) (value bool, ok bool) {
	b = trim(b)
	switch len(b) {
	case 0:
		return false, false
	case 1:
		switch b[0] {
		case 'y', 'Y', 't', 'T', '1':
			return true, true
		case 'n', 'N', 'f', 'F', '0':
			return false, true
		}
		return false, false
	}
	for _, w := range [...]string{"true", "yes", "on", "نعم", "صح", "صحيح"} {
		if len(b) == len(w) && hasPrefixFold(b, w) {
			return true, true
		}
	}
	for _, w := range [...]string{"false", "no", "off", "لا", "خطأ", "خطا"} {
		if len(b) == len(w) && hasPrefixFold(b, w) {
			return false, true
		}
	}
	return false, false
}

// DetectScale returns the scale of a score column from its observed values
// (NaNs are skipped) and its role:
//   - NPS is always {0, 10}.
//   - Otherwise the smallest standard scale that holds every value, among
//     {1,5}, {0,5}, {1,7}, {1,10}, {0,10}, {0,100}; except that a column
//     with no score role (any other role) whose values fit 0..10 and hold a
//     0 or a value above 7 is taken as {0,10}, the likelihood-to-recommend
//     scale.
//   - Values outside 0..100 give the observed range, widened to integers.
//   - No values: {0,10} for NPS, {1,7} for CES, {1,5} for CSAT, Rating and
//     anything else.
func DetectScale(values []float64, role Role) Scale {
	if role == NPS {
		return Scale{0, 10}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if math.IsNaN(v) {
			continue
		}
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	if math.IsInf(lo, 1) {
		if role == CES {
			return Scale{1, 7}
		}
		return Scale{1, 5}
	}
	scoreRole := role == CES || role == CSAT || role == Rating
	if !scoreRole && lo >= 0 && hi <= 10 && (lo < 1 || hi > 7) {
		return Scale{0, 10}
	}
	for _, s := range [...]Scale{{1, 5}, {0, 5}, {1, 7}, {1, 10}, {0, 10}, {0, 100}} {
		if lo >= float64(s.Min) && hi <= float64(s.Max) {
			return s
		}
	}
	return Scale{int(math.Floor(lo)), int(math.Ceil(hi))}
}

// maxTimeLen bounds the normalised text of a date-time; longer values are
// not dates.
const maxTimeLen = 96

// normTime copies b into dst for date parsing: ASCII letters lowercased,
// Arabic-Indic digits as ASCII, the Arabic comma as ',', white space as ' ',
// bidi marks dropped. It stops at '(' (JavaScript's "(Arabian Standard
// Time)" suffix). ok is false when the text is too long.
func normTime(dst, b []byte) ([]byte, bool) {
	for i := 0; i < len(b); {
		c := b[i]
		if c == '(' {
			break
		}
		if len(dst) == cap(dst) {
			return dst, false
		}
		switch {
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+'a'-'A')
			i++
		case c < 0x80:
			if c == '\t' || c == '\n' || c == '\r' {
				c = ' '
			}
			dst = append(dst, c)
			i++
		default:
			if d, w := arabicDigit(b[i:]); w > 0 {
				dst = append(dst, d)
				i += w
				continue
			}
			if c == 0xD8 && i+1 < len(b) && b[i+1] == 0x8C { // ، Arabic comma
				dst = append(dst, ',')
				i += 2
				continue
			}
			if w := spaceLen(b[i:]); w > 0 {
				if w == 2 && c == 0xD8 || w == 3 && c == 0xE2 && (b[i+2] == 0x8E || b[i+2] == 0x8F || b[i+1] == 0x80 && b[i+2] >= 0xAA || b[i+1] == 0x81 && b[i+2] != 0x9F) || c == 0xEF {
					i += w // invisible
					continue
				}
				dst = append(dst, ' ')
				i += w
				continue
			}
			dst = append(dst, c)
			i++
		}
	}
	return dst, true
}

// tscan is a cursor over normalised date text.
type tscan struct {
	s []byte
	i int
}

func (p *tscan) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *tscan) peekAt(k int) byte {
	if p.i+k < len(p.s) {
		return p.s[p.i+k]
	}
	return 0
}

func (p *tscan) eof() bool { return p.i >= len(p.s) }

func (p *tscan) spaces() int {
	n := 0
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
		n++
	}
	return n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// num reads a run of digits; nd is its length (v is meaningless above 9).
func (p *tscan) num() (v, nd int) {
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		if nd < 9 {
			v = v*10 + int(p.s[p.i]-'0')
		}
		nd++
		p.i++
	}
	return v, nd
}

// word reads a run of ASCII letters or of non-ASCII bytes (Arabic words).
func (p *tscan) word() []byte {
	start := p.i
	if p.i < len(p.s) && p.s[p.i] >= 0x80 {
		for p.i < len(p.s) && p.s[p.i] >= 0x80 {
			p.i++
		}
	} else {
		for p.i < len(p.s) && p.s[p.i] >= 'a' && p.s[p.i] <= 'z' {
			p.i++
		}
	}
	return p.s[start:p.i]
}

func isWordStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 0x80 }

// monthNames maps lowercased month names to months: English full names and
// abbreviations, Arabic (Egypt/Gulf and Levant, alef variants).
var monthNames = [...]struct {
	name string
	m    int
}{
	{"jan", 1}, {"january", 1}, {"feb", 2}, {"february", 2}, {"mar", 3}, {"march", 3},
	{"apr", 4}, {"april", 4}, {"may", 5}, {"jun", 6}, {"june", 6}, {"jul", 7}, {"july", 7},
	{"aug", 8}, {"august", 8}, {"sep", 9}, {"sept", 9}, {"september", 9}, {"oct", 10}, {"october", 10},
	{"nov", 11}, {"november", 11}, {"dec", 12}, {"december", 12},
	{"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"أبريل", 4}, {"ابريل", 4}, {"إبريل", 4},
	{"مايو", 5}, {"يونيو", 6}, {"يونيه", 6}, {"يوليو", 7}, {"يوليه", 7}, {"أغسطس", 8}, {"اغسطس", 8},
	{"سبتمبر", 9}, {"أكتوبر", 10}, {"اكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12},
	{"شباط", 2}, {"آذار", 3}, {"اذار", 3}, {"نيسان", 4}, {"أيار", 5}, {"ايار", 5}, {"حزيران", 6},
	{"تموز", 7}, {"آب", 8}, {"اب", 8}, {"أيلول", 9}, {"ايلول", 9},
}

// month reads a month name; 0 when the next word is none.
func (p *tscan) month() int {
	save := p.i
	w := p.word()
	if len(w) == 0 {
		return 0
	}
	for _, mn := range monthNames {
		if string(w) == mn.name {
			if mn.m == 5 && p.peek() == '.' { // "May." is not an abbreviation
				return 5
			}
			if p.peek() == '.' && len(w) == 3 { // "Mar."
				p.i++
			}
			return mn.m
		}
	}
	// Levant: كانون الثاني (1), تشرين الأول (10), تشرين الثاني (11), كانون الأول (12).
	if string(w) == "كانون" || string(w) == "تشرين" {
		p.spaces()
		w2 := p.word()
		second := string(w2) == "الثاني"
		first := string(w2) == "الأول" || string(w2) == "الاول"
		switch {
		case string(w) == "كانون" && second:
			return 1
		case string(w) == "كانون" && first:
			return 12
		case string(w) == "تشرين" && first:
			return 10
		case string(w) == "تشرين" && second:
			return 11
		}
	}
	p.i = save
	return 0
}

var weekdayNames = [...]string{
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
	"fri", "friday", "sat", "saturday", "sun", "sunday",
	"الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "الاحد",
}

// skipWeekday consumes a leading day name with the comma and spaces after it.
func (p *tscan) skipWeekday() {
	if !isWordStart(p.peek()) {
		return
	}
	save := p.i
	w := p.word()
	for _, d := range weekdayNames {
		if string(w) == d {
			if p.peek() == '.' {
				p.i++
			}
			if p.peek() == ',' {
				p.i++
			}
			p.spaces()
			return
		}
	}
	p.i = save
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(m, y int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d (proleptic
// Gregorian), for y ≥ 1.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// twoDigitYear reads yy as 1969–2068, like Go's time package.
func twoDigitYear(yy int) int {
	if yy >= 69 {
		return 1900 + yy
	}
	return 2000 + yy
}

// Epoch bounds: 10 digits are seconds, 13 milliseconds, between 2001-09-09
// (the first 10-digit second) and 2100-01-01, so that most 10-digit phone
// numbers and ids are not taken for times.
const (
	minEpoch = 1_000_000_000
	maxEpoch = 4_102_444_800
)

// ParseTime reads a date or date-time and returns Unix seconds (UTC).
//
// It accepts RFC 3339 and ISO 8601 dates and date-times with or without a
// zone ("2024-03-05", "2024-03-05T14:30:00Z", "2024-03-05 14:30:00 +0300",
// "2024-03-05T14:30:00.123+03:00"); numeric dates d/m/y, m/d/y and y/m/d
// with '/', '-' or '.' and 2- or 4-digit years (2-digit years are
// 1969–2068); month names in English (full or abbreviated) and Arabic
// ("Mar 5, 2024", "5 March 2024", "05-Mar-24", "Tue, 05 Mar 2024 14:30:00
// GMT", "Tue Mar 5 14:30:00 2024", JavaScript's "Tue Mar 05 2024 14:30:00
// GMT+0300 (…)", "5 مارس 2024"); an optional weekday; a time "14:30",
// "14:30:05", "14:30:05.123" with AM/PM (also "a.m.", ص/م) after 'T', a
// space, a comma, "at" or ':'; zones Z, UTC, GMT, ±hh, ±hhmm, ±hh:mm,
// GMT+3 and the US abbreviations (EST, PDT …); Unix epochs of 10 digits
// (seconds, optionally with a fraction) or 13 (milliseconds) between 2001
// and 2100; Arabic-Indic digits anywhere. Fractions of seconds are dropped.
//
// order decides ambiguous numeric dates: DMY or MDY read day and month in
// that order, YMD reads a date whose three parts have two digits each as
// yy/mm/dd (and other day-month dates as DMY); DateAuto reads d/m/y unless the first number is ≤ 12 and the
// second > 12. A date that is impossible in the given order but possible
// with day and month swapped (13/25/2024 read as DMY) is read swapped: the
// order settles ambiguity, it does not reject unambiguous values. A year
// first (2024/03/05) is always y/m/d. Times without a zone are UTC.
// Impossible dates (31/02/2024, month 13, hour 25) are rejected.
func ParseTime(b []byte, order DateOrder) (int64, bool) {
	b = trim(b)
	if t, ok := isoTime(b); ok {
		return t, true
	}
	return parseGeneralTime(b, order)
}

// compactDate reads ISO 8601's basic form YYYYMMDD ("19970101"), as data
// sets and older tools write dates. It is tried only in a column already
// known to hold dates (by its header or the mapping): by content alone an
// eight-digit number is more often an id. Years 1900–2099 only.
func compactDate(b []byte) (int64, bool) {
	if len(b) != 8 {
		return 0, false
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[4:6])
	d, ok3 := digits(b[6:8])
	if !ok1 || !ok2 || !ok3 || y < 1900 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) {
		return 0, false
	}
	return daysFromCivil(y, mo, d) * 86400, true
}

// isoTime reads the usual machine-written forms without the general
// parser's normalising: "2024-03-05", with " 14:30:00" or "T14:30:00", then
// fractions of a second or not, then nothing, "Z", or a zone "+0300",
// " +0300" or "+03:00". Anything else,
// or an impossible value, is left to the general parser.
func isoTime(b []byte) (int64, bool) {
	if len(b) != 10 && (len(b) < 19 || len(b) > 35) || b[4] != '-' || b[7] != '-' {
		return 0, false
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) {
		return 0, false
	}
	days := daysFromCivil(y, mo, d) * 86400
	if len(b) == 10 {
		return days, true
	}
	if b[10] != ' ' && b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return 0, false
	}
	h, ok1 := digits(b[11:13])
	mi, ok2 := digits(b[14:16])
	sec, ok3 := digits(b[17:19])
	if !ok1 || !ok2 || !ok3 || h > 23 || mi > 59 || sec > 59 {
		return 0, false
	}
	t := days + int64(h*3600+mi*60+sec)
	zone := b[19:]
	if len(zone) > 0 && zone[0] == '.' { // fractions of a second are dropped
		j := 1
		for j < len(zone) && zone[j]-'0' <= 9 {
			j++
		}
		if j == 1 || j > 10 {
			return 0, false
		}
		zone = zone[j:]
	}
	switch {
	case len(zone) == 0:
		return t, true
	case len(zone) == 1 && zone[0] == 'Z':
		return t, true
	case len(zone) == 6 && zone[0] == ' ':
		zone = zone[1:]
	case len(zone) == 6 && zone[3] == ':':
		zone = []byte{zone[0], zone[1], zone[2], zone[4], zone[5]}
	}
	if len(zone) != 5 || zone[0] != '+' && zone[0] != '-' {
		return 0, false
	}
	zh, ok1 := digits(zone[1:3])
	zm, ok2 := digits(zone[3:5])
	if !ok1 || !ok2 || zh > 14 || zm > 59 {
		return 0, false
	}
	off := int64(zh*3600 + zm*60)
	if zone[0] == '-' {
		off = -off
	}
	return t - off, true
}

// digits is the value of b, all ASCII digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c-'0' > 9 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func parseGeneralTime(b []byte, order DateOrder) (int64, bool) {
	var buf [maxTimeLen]byte
	s, ok := normTime(buf[:0], b)
	if !ok {
		return 0, false
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	if t, ok := parseEpoch(s); ok {
		return t, true
	}
	p := tscan{s: s}
	p.spaces()
	p.skipWeekday()
	var y, mo, d int
	yearAfterTime := false
	switch c := p.peek(); {
	case isWordStart(c):
		// Month first: "Mar 5, 2024", "March 5 2024 2:30 PM", "Mar 5 14:30:00 2024".
		if mo = p.month(); mo == 0 {
			return 0, false
		}
		if p.spaces() == 0 && (p.peek() == '-' || p.peek() == '/' || p.peek() == '.') {
			p.i++
		}
		var nd int
		if d, nd = p.num(); nd < 1 || nd > 2 {
			return 0, false
		}
		p.ordinal()
		if p.peek() == ',' {
			p.i++
		}
		if p.spaces() == 0 && (p.peek() == '-' || p.peek() == '/' || p.peek() == '.') {
			p.i++
		}
		save := p.i
		yy, ny := p.num()
		switch {
		case ny == 4:
			y = yy
		case ny == 2 && p.peek() != ':':
			y = twoDigitYear(yy)
		case ny >= 1 && ny <= 2 && p.peek() == ':':
			p.i = save
			yearAfterTime = true
		default:
			return 0, false
		}
	case isDigit(c):
		a, na := p.num()
		p.ordinal()
		sep := p.peek()
		switch {
		case sep == '/' || sep == '-' || sep == '.':
			p.i++
			if isWordStart(p.peek()) { // 05-Mar-2024, 2024-Mar-05
				if mo = p.month(); mo == 0 {
					return 0, false
				}
				if p.peek() != sep && p.peek() != ' ' {
					return 0, false
				}
				p.i++
				c, nc := p.num()
				switch {
				case na == 4 && nc >= 1 && nc <= 2:
					y, d = a, c
				case na >= 1 && na <= 2 && nc == 4:
					d, y = a, c
				case na >= 1 && na <= 2 && nc == 2:
					d, y = a, twoDigitYear(c)
				default:
					return 0, false
				}
				break
			}
			bb, nb := p.num()
			if p.peek() != sep || nb < 1 || nb > 2 {
				return 0, false
			}
			p.i++
			c, nc := p.num()
			if y, mo, d, ok = resolveDate(a, na, bb, nb, c, nc, order); !ok {
				return 0, false
			}
		case sep == ' ' || sep == ',':
			// "5 March 2024", "05 Mar 2024 14:30:00 GMT", "5th of March, 2024".
			if na < 1 || na > 2 {
				return 0, false
			}
			d = a
			if p.peek() == ',' {
				p.i++
			}
			p.spaces()
			if p.peek() == 'o' && p.peekAt(1) == 'f' && p.peekAt(2) == ' ' {
				p.i += 3
			}
			if mo = p.month(); mo == 0 {
				return 0, false
			}
			if p.peek() == ',' {
				p.i++
			}
			if p.spaces() == 0 && p.peek() != '-' {
				return 0, false
			}
			if p.peek() == '-' {
				p.i++
			}
			yy, ny := p.num()
			switch ny {
			case 4:
				y = yy
			case 2:
				y = twoDigitYear(yy)
			default:
				return 0, false
			}
		default:
			return 0, false
		}
	default:
		return 0, false
	}
	secs, off, ok := p.timeOfDay()
	if !ok {
		return 0, false
	}
	if yearAfterTime {
		p.spaces()
		yy, ny := p.num()
		if ny != 4 {
			return 0, false
		}
		y = yy
	}
	p.spaces()
	if !p.eof() {
		return 0, false
	}
	if y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) {
		return 0, false
	}
	return daysFromCivil(y, mo, d)*86400 + int64(secs) - int64(off), true
}

// ordinal consumes "st", "nd", "rd", "th" after a day number.
func (p *tscan) ordinal() {
	a, b := p.peek(), p.peekAt(1)
	if (a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h') && !isWordStart(p.peekAt(2)) {
		p.i += 2
	}
}

// resolveDate orders the three parts of a numeric date.
func resolveDate(a, na, b, nb, c, nc int, order DateOrder) (y, m, d int, ok bool) {
	if na == 4 { // year first
		if nc < 1 || nc > 2 {
			return 0, 0, 0, false
		}
		return a, b, c, true
	}
	if na < 1 || na > 2 {
		return 0, 0, 0, false
	}
	switch nc {
	case 4:
		y = c
	case 2:
		if order == YMD && na == 2 && nb == 2 {
			return twoDigitYear(a), b, c, true
		}
		y = twoDigitYear(c)
	default:
		return 0, 0, 0, false
	}
	switch order {
	case MDY:
		m, d = a, b
		if m > 12 && d <= 12 {
			m, d = d, m
		}
	case DMY, YMD:
		d, m = a, b
		if m > 12 && d <= 12 {
			m, d = d, m
		}
	default:
		d, m = a, b
		if a <= 12 && b > 12 {
			m, d = a, b
		}
	}
	return y, m, d, true
}

// timeOfDay reads an optional time and zone after a date: the seconds since
// midnight and the zone offset in seconds.
func (p *tscan) timeOfDay() (secs, off int, ok bool) {
	start := p.i
	switch c := p.peek(); {
	case c == 't' && isDigit(p.peekAt(1)):
		p.i++
	case c == ':' && isDigit(p.peekAt(1)):
		p.i++
	case c == ',' || c == ' ':
		if c == ',' {
			p.i++
		}
		p.spaces()
		if p.peek() == 'a' && p.peekAt(1) == 't' && p.peekAt(2) == ' ' {
			p.i += 3
			p.spaces()
		}
	}
	if !isDigit(p.peek()) {
		if p.eof() {
			return 0, 0, true
		}
		// A date with a zone but no time is not a thing; but the year of
		// "Mar 5 14:30:00 2024" is read by the caller.
		p.i = start
		p.spaces()
		return 0, 0, p.eof()
	}
	h, nh := p.num()
	if nh < 1 || nh > 2 {
		p.i = start
		return 0, 0, true
	}
	mi, sec := 0, 0
	if p.peek() != ':' {
		// "2pm", "2 PM": an hour alone needs AM/PM.
		save := p.i
		p.spaces()
		if _, isAMPM := p.ampm(); !isAMPM {
			// Not a time: perhaps the year of an ANSI C date.
			p.i = start
			return 0, 0, true
		}
		p.i = save
	} else {
		p.i++
		var nm int
		if mi, nm = p.num(); nm != 2 {
			return 0, 0, false
		}
	}
	if p.peek() == ':' {
		p.i++
		var ns int
		if sec, ns = p.num(); ns != 2 {
			return 0, 0, false
		}
		if (p.peek() == '.' || p.peek() == ',') && isDigit(p.peekAt(1)) {
			p.i++
			p.num()
		}
	}
	if mi > 59 || sec > 60 {
		return 0, 0, false
	}
	if sec == 60 {
		sec = 59
	}
	// AM/PM.
	save := p.i
	p.spaces()
	if pm, isAMPM := p.ampm(); isAMPM {
		if h < 1 || h > 12 {
			if !(h == 0 && !pm) {
				return 0, 0, false
			}
		}
		if h == 12 {
			h = 0
		}
		if pm {
			h += 12
		}
	} else {
		p.i = save
	}
	if h > 23 {
		return 0, 0, false
	}
	off, ok = p.zone()
	if !ok {
		return 0, 0, false
	}
	return h*3600 + mi*60 + sec, off, true
}

// ampm reads "am", "pm", "a.m.", "p.m.", "a", "p" or the Arabic ص/م,
// صباحا/مساء.
func (p *tscan) ampm() (pm, ok bool) {
	c := p.peek()
	if c == 'a' || c == 'p' {
		k := 1
		if p.peekAt(k) == '.' {
			k++
		}
		if p.peekAt(k) == 'm' {
			k++
			if p.peekAt(k) == '.' {
				k++
			}
		}
		if isWordStart(p.peekAt(k)) {
			return false, false
		}
		p.i += k
		return c == 'p', true
	}
	if c >= 0x80 {
		save := p.i
		w := p.word()
		switch string(w) {
		case "ص", "صباحا", "صباحاً", "صباح", "ق.ظ":
			return false, true
		case "م", "مساء", "مساءً", "مساءا", "ب.ظ":
			return true, true
		}
		p.i = save
	}
	return false, false
}

// zone reads an optional zone: Z, UTC/GMT/UT with an optional offset, an
// offset ±h, ±hh, ±hhmm, ±hh:mm, or a US zone abbreviation.
func (p *tscan) zone() (off int, ok bool) {
	save := p.i
	p.spaces()
	if p.eof() {
		return 0, true
	}
	c := p.peek()
	if c == '+' || c == '-' {
		return p.offset()
	}
	if c < 'a' || c > 'z' {
		p.i = save
		return 0, true
	}
	w := p.word()
	switch string(w) {
	case "z":
		return 0, true
	case "utc", "gmt", "ut":
		if c := p.peek(); c == '+' || c == '-' {
			return p.offset()
		}
		return 0, true
	}
	for _, z := range usZones {
		if string(w) == z.name {
			return z.off * 3600, true
		}
	}
	p.i = save
	return 0, true
}

var usZones = [...]struct {
	name string
	off  int
}{
	{"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
	{"cet", 1}, {"cest", 2}, {"eet", 2}, {"eest", 3}, {"msk", 3},
}

// offset reads ±h, ±hh, ±hhmm or ±hh:mm.
func (p *tscan) offset() (int, bool) {
	sign := 1
	if p.peek() == '-' {
		sign = -1
	}
	p.i++
	v, n := p.num()
	var h, m int
	switch n {
	case 1, 2:
		h = v
		if p.peek() == ':' {
			p.i++
			var nm int
			if m, nm = p.num(); nm != 2 {
				return 0, false
			}
		}
	case 4:
		h, m = v/100, v%100
	default:
		return 0, false
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	return sign * (h*3600 + m*60), true
}

// parseEpoch reads 10 digits (seconds, optionally with a fraction), 13
// (milliseconds) or 16 (microseconds: GA4's event_timestamp) in the
// accepted range.
func parseEpoch(s []byte) (int64, bool) {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	if n != 10 && n != 13 && n != 16 || s[0] == '0' {
		return 0, false
	}
	if n < len(s) {
		if n != 10 || s[n] != '.' || len(s) == n+1 {
			return 0, false
		}
		for _, c := range s[n+1:] {
			if !isDigit(c) {
				return 0, false
			}
		}
	}
	var v int64
	for _, c := range s[:n] {
		v = v*10 + int64(c-'0')
	}
	switch n {
	case 13:
		v /= 1000
	case 16:
		v /= 1000000
	}
	if v < minEpoch || v >= maxEpoch {
		return 0, false
	}
	return v, true
}

// numericDate finds the three numbers of a numeric date at the start of a
// value (after an optional weekday).
func numericDate(b []byte) (a, na, bb, nb, c, nc int, ok bool) {
	var buf [maxTimeLen]byte
	s, ok := normTime(buf[:0], trim(b))
	if !ok {
		return
	}
	p := tscan{s: s}
	p.skipWeekday()
	if a, na = p.num(); na == 0 {
		return a, na, 0, 0, 0, 0, false
	}
	sep := p.peek()
	if sep != '/' && sep != '-' && sep != '.' {
		return a, na, 0, 0, 0, 0, false
	}
	p.i++
	if bb, nb = p.num(); nb == 0 || p.peek() != sep {
		return a, na, bb, nb, 0, 0, false
	}
	p.i++
	c, nc = p.num()
	return a, na, bb, nb, c, nc, nc > 0
}

// DetectDateOrder decides how to read the ambiguous numeric dates of a
// column from a sample of its values. A value whose first number is above
// 12 (25/03/2024) counts for DMY, one whose second number is above 12
// (03/25/2024) for MDY; the larger count wins (DMY on a tie). With no such
// evidence: DMY if any value is an ambiguous day-month date (03/04/2024 —
// the more common reading worldwide and in the Arab world), else YMD if any
// value is year-first (2024-03-04, or yy/mm/dd can't be told apart and is
// not assumed), else DateAuto (no numeric dates: ISO, month names, epochs).
func DetectDateOrder(samples [][]byte) DateOrder {
	dmy, mdy, ambiguous, ymd := 0, 0, 0, 0
	for _, v := range samples {
		a, na, b, nb, _, nc, ok := numericDate(v)
		if !ok {
			continue
		}
		switch {
		case na == 4:
			ymd++
		case na > 2 || nb > 2 || (nc != 2 && nc != 4):
		case a > 12 && b <= 12:
			dmy++
		case b > 12 && a <= 12:
			mdy++
		case a <= 12 && b <= 12:
			ambiguous++
		}
	}
	switch {
	case dmy > 0 || mdy > 0:
		if mdy > dmy {
			return MDY
		}
		return DMY
	case ambiguous > 0:
		return DMY
	case ymd > 0:
		return YMD
	}
	return DateAuto
}
