package htmlreport

import (
	"math"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// Numbers as the interface writes them: 12,345 in English; ١٢٬٣٤٥ with
// the Arabic decimal and thousands separators in Arabic.

func (p *Page) digits(s string) string {
	if p.Lang != "ar" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune('٠' + (r - '0'))
		case r == '.':
			b.WriteRune('٫')
		case r == ',':
			b.WriteRune('٬')
		case r == '%':
			b.WriteRune('٪')
		case r == '-':
			b.WriteRune('\u2212')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Num formats a count.
func (p *Page) Num(n int) string { return p.digits(group(strconv.Itoa(n))) }

// Dec formats a number with up to prec decimals.
func (p *Page) Dec(f float64, prec int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return p.digits(group(s))
}

// Pct formats a 0..1 rate.
func (p *Page) Pct(f float64) string {
	return p.digits(strconv.FormatFloat(f*100, 'f', 0, 64) + "%")
}

func currencyDigits(code string) int {
	switch strings.ToUpper(code) {
	case "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF":
		return 0
	case "BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD":
		return 3
	}
	return 2
}

// Money is "SAR 1,234.50", in Arabic "١٬٢٣٤٫٥٠ SAR": the same format as the
// interface's, with the currency's minor digits.
func (p *Page) Money(m report.Money) string {
	code := m.Currency
	if code == "" {
		code = p.T("money.nocurrency")
	}
	n := p.digits(group(strconv.FormatFloat(m.Amount, 'f', currencyDigits(m.Currency), 64)))
	if p.Lang == "ar" {
		return n + " " + code
	}
	return code + " " + n
}

// Month is "Mar 2024" / "مارس ٢٠٢٤".
func (p *Page) Month(s string) string {
	if len(s) < 7 {
		return s
	}
	m, err := strconv.Atoi(s[5:7])
	if err != nil || m < 1 || m > 12 {
		return s
	}
	return p.T("month."+strconv.Itoa(m)) + " " + p.digits(s[:4])
}

// Date is "5 Mar 2024" / "٥ مارس ٢٠٢٤".
func (p *Page) Date(s string) string {
	if len(s) < 10 {
		return p.Month(s)
	}
	d, err := strconv.Atoi(s[8:10])
	if err != nil {
		return s
	}
	return p.digits(strconv.Itoa(d)) + " " + p.Month(s[:7])
}

// N is a count with its noun in the CLDR plural form of the language
// ("n.<noun>.<category>" in the catalogs).
func (p *Page) N(noun string, n int) string {
	key := "n." + noun + "." + PluralCategory(p.Lang, n)
	if _, ok := catalogs[p.Lang][key]; !ok {
		key = "n." + noun + ".other"
	}
	return p.Tf(key, p.Num(n))
}

// PluralCategory is the CLDR plural category of a whole number n in lang
// (CLDR's cardinal rules): English has one and other; Arabic has zero,
// one, two, few (n % 100 in 3..10), many (n % 100 in 11..99) and other.
// The interface uses it too.
func PluralCategory(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	if lang == "ar" {
		switch m := n % 100; {
		case n == 0:
			return "zero"
		case n == 1:
			return "one"
		case n == 2:
			return "two"
		case m >= 3 && m <= 10:
			return "few"
		case m >= 11 && m <= 99:
			return "many"
		}
		return "other"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
