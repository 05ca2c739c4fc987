package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/report/htmlreport"
)

// Languages of the interface. Every visible string goes through a catalog
// (i18n_en.go, i18n_ar.go); a test checks both hold every key used.
var catalogs = map[string]map[string]string{"en": catalogEN, "ar": catalogAR}

// The names of kinds and roles are the HTML report's (one list of them).
func init() { addCatalog(htmlreport.Terms("en"), htmlreport.Terms("ar")) }

// addCatalog adds a page's own texts (kept in that page's Go file) to the
// catalogs; called from init, so every lookup sees them.
func addCatalog(en, ar map[string]string) {
	for k, v := range en {
		catalogEN[k] = v
	}
	for k, v := range ar {
		catalogAR[k] = v
	}
}

// T translates a message key. A missing key shows as the key itself, so a
// gap is visible rather than blank.
func (a *App) T(key string) string {
	if s, ok := catalogs[a.Lang][key]; ok {
		return s
	}
	if s, ok := catalogEN[key]; ok {
		return s
	}
	return key
}

// Tf translates a key and fills {0}, {1}, … with args (already formatted).
func (a *App) Tf(key string, args ...string) string {
	s := a.T(key)
	for i, v := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", v)
	}
	return s
}

// TOr translates key, or shows fallback (text from the data) when the
// catalog has no such key, e.g. for an engine's free-text reason.
func (a *App) TOr(key, fallback string) string {
	if s, ok := catalogs[a.Lang][key]; ok {
		return s
	}
	if s, ok := catalogEN[key]; ok {
		return s
	}
	return fallback
}

// Message says a text the engine wrote about a file — a rejection reason,
// an unreadable cell, a note, a file error — in the interface's language.
// The engine's English is read back into its code and arguments
// (engine/message) and said again from the catalog's "msg.<code>";
// arguments that are messages themselves are translated in turn, words
// such as a delimiter's name have "msgarg.<word>", numbers get local
// digits. A text that is no known message is shown as written.
func (a *App) Message(text string) string {
	code, args, ok := message.Parse(text)
	if !ok || a.Lang == "en" {
		return text
	}
	for i, v := range args {
		if word := a.TOr("msgarg."+v, ""); word != "" {
			args[i] = word
		} else if isNumber(v) {
			args[i] = a.localDigits(v)
		} else {
			args[i] = a.Message(v)
		}
	}
	return a.Tf("msg."+code, args...)
}

// FileError says why a file could not be read. The engine's error starts
// with the file's name, which the file's card already shows above it.
func (a *App) FileError(s *report.Source) string {
	return a.Message(strings.TrimPrefix(s.Error, s.File+": "))
}

// isNumber: a plain decimal number such as "12", "-0.36" or "4.5".
func isNumber(s string) bool {
	t := strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(t, ".")
	return isDigits(whole) && (!dot || isDigits(frac))
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Arabic uses Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩) with the Arabic decimal
// (٫) and thousands (٬) separators, as newspapers and banks in the Gulf and
// Egypt print them. Identifiers (ids, phone numbers, emails, file names,
// line numbers inside file:line) keep the digits they were written with.
const arabicDigits = "٠١٢٣٤٥٦٧٨٩"

func (a *App) localDigits(s string) string {
	if a.Lang != "ar" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune([]rune(arabicDigits)[r-'0'])
		case r == '.':
			b.WriteRune('٫')
		case r == ',':
			b.WriteRune('٬')
		case r == '%':
			b.WriteRune('٪')
		case r == '-':
			b.WriteRune('\u2212') // minus sign, keeps its place in RTL
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// group puts thousands separators into a plain decimal string.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
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

// Num formats a count: 12,345 or ١٢٬٣٤٥.
func (a *App) Num(n int) string { return a.localDigits(group(strconv.Itoa(n))) }

// Num64 formats a large count.
func (a *App) Num64(n int64) string { return a.localDigits(group(strconv.FormatInt(n, 10))) }

// Dec formats a number with up to prec decimals (trailing zeros dropped).
func (a *App) Dec(f float64, prec int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return a.localDigits(group(s))
}

// Fixed formats a number with exactly prec decimals.
func (a *App) Fixed(f float64, prec int) string {
	return a.localDigits(group(strconv.FormatFloat(f, 'f', prec, 64)))
}

// Pct formats a 0..1 rate as a percentage.
func (a *App) Pct(f float64) string {
	p := f * 100
	prec := 0
	if p > 0 && p < 10 && math.Abs(p-math.Round(p)) > 1e-9 {
		prec = 1
	}
	return a.localDigits(strconv.FormatFloat(p, 'f', prec, 64) + "%")
}

// currencyDigits is the number of minor-unit digits of a currency.
func currencyDigits(code string) int {
	switch strings.ToUpper(code) {
	case "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF":
		return 0
	case "BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD":
		return 3
	}
	return 2
}

// Money formats an amount in its currency: "SAR 1,234.50"; in Arabic the
// code follows the number. Amounts in different currencies are never added.
func (a *App) Money(m report.Money) string {
	code := m.Currency
	if code == "" {
		code = a.T("money.nocurrency")
	}
	n := a.Fixed(m.Amount, currencyDigits(m.Currency))
	if a.Lang == "ar" {
		return n + " " + code
	}
	return code + " " + n
}

// MoneyShort formats a large amount compactly: "SAR 1.2M".
func (a *App) MoneyShort(m report.Money) string {
	v := math.Abs(m.Amount)
	if v < 10000 {
		return a.Money(m)
	}
	unit, div := "M", 1e6
	if v < 1e6 {
		unit, div = "K", 1e3
	} else if v >= 1e9 {
		unit, div = "Bn", 1e9
	}
	n := a.Dec(m.Amount/div, 1) + a.T("unit."+unit)
	code := m.Currency
	if code == "" {
		code = a.T("money.nocurrency")
	}
	if a.Lang == "ar" {
		return n + " " + code
	}
	return code + " " + n
}

// Bytes formats a size.
func (a *App) Bytes(n int64) string {
	switch {
	case n >= 1<<30:
		return a.Dec(float64(n)/(1<<30), 1) + " " + a.T("unit.GB")
	case n >= 1<<20:
		return a.Dec(float64(n)/(1<<20), 1) + " " + a.T("unit.MB")
	case n >= 1<<10:
		return a.Dec(float64(n)/(1<<10), 0) + " " + a.T("unit.KB")
	}
	return a.Num64(n) + " " + a.T("unit.B")
}

func parseDate(s string) (time.Time, string, bool) {
	for _, l := range []struct{ layout, kind string }{
		{time.RFC3339Nano, "time"}, {time.RFC3339, "time"}, {"2006-01-02T15:04:05", "time"},
		{"2006-01-02 15:04:05", "time"}, {"2006-01-02", "day"}, {"2006-01", "month"},
	} {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.kind, true
		}
	}
	return time.Time{}, "", false
}

// MonthName is the localised name of a month (1..12).
func (a *App) MonthName(m time.Month, short bool) string {
	key := "month." + strconv.Itoa(int(m))
	if short {
		key += ".short"
	}
	return a.T(key)
}

// Date formats a date or timestamp: "5 Mar 2024", "٥ مارس ٢٠٢٤"; a
// timestamp with a time of day other than midnight adds the time (UTC).
func (a *App) Date(s string) string {
	if s == "" {
		return ""
	}
	t, kind, ok := parseDate(s)
	if !ok {
		return s
	}
	t = t.UTC()
	if kind == "month" {
		return a.Month(s)
	}
	d := a.localDigits(strconv.Itoa(t.Day())) + " " + a.MonthName(t.Month(), a.Lang != "ar") + " " + a.localDigits(strconv.Itoa(t.Year()))
	if kind == "time" && (t.Hour() != 0 || t.Minute() != 0) {
		d += " " + a.localDigits(fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute()))
	}
	return d
}

// Month formats "2024-03" as "Mar 2024" / "مارس ٢٠٢٤".
func (a *App) Month(s string) string {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		if t2, _, ok := parseDate(s); ok {
			t = t2
		} else {
			return s
		}
	}
	return a.MonthName(t.Month(), a.Lang != "ar") + " " + a.localDigits(strconv.Itoa(t.Year()))
}

// Period formats a date range.
func (a *App) Period(p report.Period) string {
	switch {
	case p.From == "" && p.To == "":
		return a.T("period.none")
	case p.From == p.To || p.To == "":
		return a.Date(p.From)
	case p.From == "":
		return a.Date(p.To)
	}
	return a.Date(p.From) + " – " + a.Date(p.To)
}

// Rate formats rows per second.
func (a *App) Rate(f float64) string {
	if f >= 1e6 {
		return a.Tf("progress.rate", a.Dec(f/1e6, 1)+a.T("unit.M"))
	}
	if f >= 1e4 {
		return a.Tf("progress.rate", a.Dec(f/1e3, 0)+a.T("unit.K"))
	}
	return a.Tf("progress.rate", a.Dec(f, 0))
}

// Seconds formats a duration in milliseconds.
func (a *App) Seconds(ms float64) string {
	return a.Tf("progress.seconds", a.Dec(ms/1000, 1))
}

// Country is the localised name of a country code ("SA" → "Saudi Arabia").
func (a *App) Country(code string) string {
	if code == "" {
		return ""
	}
	if len(code) == 2 && a.RegionName != nil {
		if n := a.RegionName(a.Lang, strings.ToUpper(code)); n != "" {
			return n
		}
	}
	return code
}

// Kind is the localised name of a source kind.
func (a *App) Kind(k string) string {
	if k == "" {
		return a.T("kind.unknown")
	}
	return a.TOr("kind."+k, k)
}

// Role is the localised name of a column role.
func (a *App) Role(r string) string { return a.TOr("role."+r, r) }

// Stage is the localised name of an analysis stage.
func (a *App) Stage(s string) string { return a.TOr("stage."+s, s) }

// Dir is the text direction of the language.
func (a *App) Dir() string {
	if a.Lang == "ar" {
		return "rtl"
	}
	return "ltr"
}
