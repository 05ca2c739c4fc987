package ingest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

func TestNormalizeDigits(t *testing.T) {
	for in, want := range map[string]string{
		"٠١٢٣٤٥٦٧٨٩":  "0123456789",
		"۰۱۲۳۴۵۶۷۸۹":  "0123456789",
		"١٢٣٫٤٥":      "123.45",
		"١٬٢٣٤":       "1,234",
		"٥٠٪":         "50%",
		"abc مرحبا ١": "abc مرحبا 1",
		"":            "",
	} {
		if got := string(NormalizeDigits(nil, []byte(in))); got != want {
			t.Errorf("NormalizeDigits(%q) = %q, want %q", in, got, want)
		}
	}
	if got := string(NormalizeDigits([]byte("x="), []byte("٧"))); got != "x=7" {
		t.Errorf("NormalizeDigits appends: got %q", got)
	}
}

// The fast path for plain numbers must give exactly what the general
// parser and strconv give, and leave everything else to the general parser.
func TestPlainNumberEqualsGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := []string{"0", "00", "007", "0.5", "1.", ".5", "1..2", "1.2.3", "-1", "+1", "1e3", "1,5", " 1", "١٢", "",
		"999999999999999", "9999999999999999", "99999999999999.9", "0.000000000000001", "123456789012345.6"}
	for i := 0; i < 200000; i++ {
		digits := 1 + rng.IntN(17)
		b := make([]byte, 0, digits+1)
		for j := 0; j < digits; j++ {
			b = append(b, byte('0'+rng.IntN(10)))
		}
		if rng.IntN(3) > 0 {
			at := rng.IntN(len(b) + 1)
			b = append(b[:at], append([]byte{'.'}, b[at:]...)...)
		}
		inputs = append(inputs, string(b))
	}
	fast := 0
	for _, in := range inputs {
		v, ok := plainNumber([]byte(in))
		if !ok {
			continue
		}
		fast++
		g, gok := parseGeneralNumber([]byte(in))
		want, err := strconv.ParseFloat(in, 64)
		if !gok || err != nil || g != v || want != v {
			t.Fatalf("%q: fast %v, general %v %v, strconv %v %v", in, v, g, gok, want, err)
		}
	}
	if fast < 100000 {
		t.Fatalf("the fast path took only %d of %d inputs", fast, len(inputs))
	}
	for _, in := range []string{"1.", ".5", "1e3", "1,5", "-1", "١٢", "9999999999999999", "1.2.3"} {
		if _, ok := plainNumber([]byte(in)); ok {
			t.Errorf("%q taken by the fast path", in)
		}
	}
}

// The fast path for ISO times must give exactly what the general parser
// gives, including for impossible dates and times, which it leaves alone.
func TestISOTimeEqualsGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	two := func(lo, hi int) string { return fmt.Sprintf("%02d", lo+rng.IntN(hi-lo+1)) }
	zones := []string{"", "Z", " +0300", "+0300", "-0530", "+03:00", "-11:00", " +1400", " +1500", "+0360", " 0300", "z", "+03", " +03:00"}
	inputs := []string{"2024-02-29", "2023-02-29", "0000-01-01", "2024-1-05", "2024-01-05 7:05:00", "2024-01-05T24:00:00",
		"2024-01-05 23:59:60", "2024-01-05  10:00:00", "2024-01-05T10:00:00.Z", "2024-01-05T10:00:00.1234567890Z", "2024-01-05T10:00:00,5Z", "2024/01/05", "２０２４-01-05"}
	for i := 0; i < 100000; i++ {
		v := fmt.Sprintf("%04d-%s-%s", rng.IntN(2100), two(0, 13), two(0, 32))
		if rng.IntN(4) > 0 {
			sep := " "
			if rng.IntN(2) == 0 {
				sep = "T"
			}
			v += sep + two(0, 24) + ":" + two(0, 60) + ":" + two(0, 60)
			if rng.IntN(3) == 0 {
				v += "." + fmt.Sprintf("%06d", rng.IntN(1e6))[:1+rng.IntN(6)]
			}
			v += zones[rng.IntN(len(zones))]
		}
		inputs = append(inputs, v)
	}
	fast := 0
	for _, in := range inputs {
		v, ok := isoTime([]byte(in))
		g, gok := parseGeneralTime([]byte(in), DMY)
		if ok {
			fast++
			if !gok || g != v {
				t.Fatalf("%q: fast %v, general %v %v", in, v, g, gok)
			}
		}
		if full, fok := ParseTime([]byte(in), DMY); fok != gok || full != g {
			t.Fatalf("%q: ParseTime %v %v, general %v %v", in, full, fok, g, gok)
		}
	}
	if fast < 50000 {
		t.Fatalf("the fast path took only %d of %d inputs", fast, len(inputs))
	}
}

func TestParseNumber(t *testing.T) {
	ok := map[string]float64{
		"0":                   0,
		"1234.5":              1234.5,
		"-3":                  -3,
		"+3":                  3,
		"1,234.56":            1234.56,
		"1.234,56":            1234.56,
		"1 234,5":             1234.5,
		"1\u00a0234,5":        1234.5,
		"1\u202f234\u202f567": 1234567,
		"1'234.50":            1234.5,
		"1’234.50":            1234.5,
		"(12.50)":             -12.5,
		"( 12.50 )":           -12.5,
		"\u22123":             -3,
		"1,234":               1234,
		"12,345,678":          12345678,
		"1.234.567":           1234567,
		"1.234.567,89":        1234567.89,
		"1,234,567.89":        1234567.89,
		"1,23,456.78":         123456.78,
		"1,5":                 1.5,
		"0,125":               0.125,
		"1234,567":            1234.567,
		"1.234":               1.234,
		"0.5":                 0.5,
		".5":                  0.5,
		"5.":                  5,
		"١٢٣٤":                1234,
		"١٢٣٫٤٥":              123.45,
		"١٬٢٣٤٫٥":             1234.5,
		"۱۲۳۴":                1234,
		"۱۲٫۵":                12.5,
		"-١٢":                 -12,
		"50%":                 50,
		"%50":                 50,
		"12.5 %":              12.5,
		"٥٠٪":                 50,
		"1e3":                 1000,
		"1.5E-3":              0.0015,
		"  42  ":              42,
		"\u200f42\u200f":      42,
		"\u061c-7":            -7,
		"007":                 7,
	}
	for in, want := range ok {
		got, good := ParseNumber([]byte(in))
		if !good || math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, good, want)
		}
	}
	bad := []string{"", " ", "-", ".", ",", "abc", "12abc", "1,2,3", "1.2.3,4,5", "12 34", "1,2345,678",
		"1,234.5.6", "e5", "1e", "1e+", "--1", "$5", "5 USD", "1-2", "1/2", "2024-03-05", "NaN", "Inf",
		"1e999", "(12", "-(12.50)", "1,,234", "1 ,234"}
	for _, in := range bad {
		if v, good := ParseNumber([]byte(in)); good {
			t.Errorf("ParseNumber(%q) = %v, true; want false", in, v)
		}
	}
}

func TestParseAmount(t *testing.T) {
	type res struct {
		v   float64
		cur string
	}
	ok := map[string]res{
		"99":                 {99, ""},
		"$1,234.56":          {1234.56, "USD"},
		"$ 5":                {5, "USD"},
		"-$12.50":            {-12.5, "USD"},
		"$-12.50":            {-12.5, "USD"},
		"($12.50)":           {-12.5, "USD"},
		"€1.234,56":          {1234.56, "EUR"},
		"1.234,56 €":         {1234.56, "EUR"},
		"£20":                {20, "GBP"},
		"¥1000":              {1000, "JPY"},
		"₹1,23,456":          {123456, "INR"},
		"SAR 99":             {99, "SAR"},
		"sar 99":             {99, "SAR"},
		"99 SAR":             {99, "SAR"},
		"99SAR":              {99, "SAR"},
		"USD 1,200.00":       {1200, "USD"},
		"USD1,200.00":        {1200, "USD"},
		"1,200.00 usd":       {1200, "USD"},
		"AED 50":             {50, "AED"},
		"EGP 150.5":          {150.5, "EGP"},
		"99 ر.س":             {99, "SAR"},
		"99 ر.س.":            {99, "SAR"},
		"٩٩ ر.س":             {99, "SAR"},
		"ر.س ٩٩٫٥":           {99.5, "SAR"},
		"د.إ 50":             {50, "AED"},
		"50 د.إ":             {50, "AED"},
		"50 ج.م":             {50, "EGP"},
		"ج.م 50":             {50, "EGP"},
		"50 ريال":            {50, "SAR"},
		"100 ريال سعودي":     {100, "SAR"},
		"12.5 د.ك":           {12.5, "KWD"},
		"10 ر.ق":             {10, "QAR"},
		"25 جنيه":            {25, "EGP"},
		"﷼ 40":               {40, "SAR"},
		"US$ 10":             {10, "USD"},
		"R$ 10,50":           {10.5, "BRL"},
		"CA$10":              {10, "CAD"},
		"10 kr":              {10, ""},
		"CHF 1'000.00":       {1000, "CHF"},
		"Rs. 500":            {500, "INR"},
		"SR 75":              {75, "SAR"},
		"(USD 12.50)":        {-12.5, "USD"},
		"-EUR 3":             {-3, "EUR"},
		"\u200f99 ر.س\u200f": {99, "SAR"},
	}
	for in, want := range ok {
		v, cur, good := ParseAmount([]byte(in))
		if !good || math.Abs(v-want.v) > 1e-9 || cur != want.cur {
			t.Errorf("ParseAmount(%q) = %v, %q, %v; want %v, %q", in, v, cur, good, want.v, want.cur)
		}
	}
	bad := []string{"", "$", "USD", "ر.س", "abc", "XYZ 5", "5 dollars", "$$5", "USDX 5", "5 SARX"}
	for _, in := range bad {
		if v, cur, good := ParseAmount([]byte(in)); good {
			t.Errorf("ParseAmount(%q) = %v, %q, true; want false", in, v, cur)
		}
	}
}

func TestISOCurrenciesSorted(t *testing.T) {
	if len(isoCurrencies)%3 != 0 {
		t.Fatal("isoCurrencies length is not a multiple of 3")
	}
	for i := 3; i < len(isoCurrencies); i += 3 {
		if isoCurrencies[i-3:i] >= isoCurrencies[i:i+3] {
			t.Fatalf("isoCurrencies not sorted at %s", isoCurrencies[i:i+3])
		}
	}
	for _, c := range []string{"AED", "SAR", "EGP", "USD", "EUR", "ZWL", "AFN"} {
		if got := isoCurrency([]byte(c)); got != c {
			t.Errorf("isoCurrency(%s) = %q", c, got)
		}
	}
}

func unix(y int, m time.Month, d, h, mi, s int, offsetHours float64) int64 {
	zone := time.FixedZone("", int(offsetHours*3600))
	return time.Date(y, m, d, h, mi, s, 0, zone).Unix()
}

func TestParseTime(t *testing.T) {
	mar5 := unix(2024, 3, 5, 0, 0, 0, 0)
	mar5t := unix(2024, 3, 5, 14, 30, 0, 0)
	cases := []struct {
		in    string
		order DateOrder
		want  int64
	}{
		{"2024-03-05", DateAuto, mar5},
		{"2024-03-05T14:30:00Z", DateAuto, mar5t},
		{"2024-03-05T14:30:00", DateAuto, mar5t},
		{"2024-03-05 14:30", DateAuto, mar5t},
		{"2024-03-05 14:30:00 +0300", DateAuto, unix(2024, 3, 5, 14, 30, 0, 3)},
		{"2024-03-05T14:30:00.123+03:00", DateAuto, unix(2024, 3, 5, 14, 30, 0, 3)},
		{"2024-03-05T14:30:00.123456789-05:00", DateAuto, unix(2024, 3, 5, 14, 30, 0, -5)},
		{"2024-03-05T14:30:00+05:30", DateAuto, unix(2024, 3, 5, 14, 30, 0, 5.5)},
		{"2024-03-05 14:30:00 UTC", DateAuto, mar5t},
		{"2024-03-05 14:30:00 EST", DateAuto, unix(2024, 3, 5, 14, 30, 0, -5)},
		{"2024-03-05t14:30:00z", DateAuto, mar5t},
		{"2024/03/05", DMY, mar5},
		{"2024/3/5", MDY, mar5},
		{"2024.03.05", DateAuto, mar5},
		{"05/03/2024", DateAuto, mar5},
		{"05/03/2024", DMY, mar5},
		{"03/05/2024", MDY, mar5},
		{"3/5/2024", MDY, mar5},
		{"3/5/24", MDY, mar5},
		{"05.03.2024", DMY, mar5},
		{"05-03-2024", DMY, mar5},
		{"05/03/24", DMY, mar5},
		{"24/03/05", YMD, mar5},
		{"03/25/2024", DateAuto, unix(2024, 3, 25, 0, 0, 0, 0)},
		{"03/25/2024", DMY, unix(2024, 3, 25, 0, 0, 0, 0)}, // unambiguous: swapped
		{"25/03/2024", MDY, unix(2024, 3, 25, 0, 0, 0, 0)},
		{"25/03/2024", DateAuto, unix(2024, 3, 25, 0, 0, 0, 0)},
		{"05/03/2024 14:30", DMY, mar5t},
		{"05/03/2024 14:30:00", DMY, mar5t},
		{"3/5/2024 2:30 PM", MDY, mar5t},
		{"3/5/2024 2:30:00 pm", MDY, mar5t},
		{"3/5/2024 2:30 p.m.", MDY, mar5t},
		{"3/5/2024 12:05 AM", MDY, unix(2024, 3, 5, 0, 5, 0, 0)},
		{"3/5/2024 2 PM", MDY, unix(2024, 3, 5, 14, 0, 0, 0)},
		{"5 Mar 2024 2pm", DateAuto, unix(2024, 3, 5, 14, 0, 0, 0)},
		{"3/5/2024 12:05 PM", MDY, unix(2024, 3, 5, 12, 5, 0, 0)},
		{"05/03/1999", DMY, unix(1999, 3, 5, 0, 0, 0, 0)},
		{"05/03/70", DMY, unix(1970, 3, 5, 0, 0, 0, 0)},
		{"05/03/68", DMY, unix(2068, 3, 5, 0, 0, 0, 0)},
		{"Mar 5, 2024", DateAuto, mar5},
		{"March 5, 2024", DateAuto, mar5},
		{"March 5 2024", DateAuto, mar5},
		{"Mar. 5, 2024", DateAuto, mar5},
		{"March 5th, 2024", DateAuto, mar5},
		{"March 5, 2024 at 2:30 PM", DateAuto, mar5t},
		{"5 March 2024", DateAuto, mar5},
		{"5th of March, 2024", DateAuto, mar5},
		{"05 Mar 2024", DateAuto, mar5},
		{"05-Mar-2024", DateAuto, mar5},
		{"5-Mar-24", DateAuto, mar5},
		{"2024-Mar-05", DateAuto, mar5},
		{"05/Mar/2024:14:30:00 +0000", DateAuto, mar5t},
		{"Tue, 05 Mar 2024 14:30:00 GMT", DateAuto, mar5t},
		{"Tue, 05 Mar 2024 14:30:00 +0300", DateAuto, unix(2024, 3, 5, 14, 30, 0, 3)},
		{"Tuesday, March 5, 2024", DateAuto, mar5},
		{"Tue Mar  5 14:30:00 2024", DateAuto, mar5t},
		{"Tue Mar 05 2024 14:30:00 GMT+0300 (Arabian Standard Time)", DateAuto, unix(2024, 3, 5, 14, 30, 0, 3)},
		{"2024-03-05 14:30:00 GMT+3", DateAuto, unix(2024, 3, 5, 14, 30, 0, 3)},
		{"MARCH 5, 2024", DateAuto, mar5},
		{"1709649000", DateAuto, 1709649000},
		{"1709649000123", DateAuto, 1709649000},
		{"1709649000.5", DateAuto, 1709649000},
		{"٢٠٢٤-٠٣-٠٥", DateAuto, mar5},
		{"٠٥/٠٣/٢٠٢٤", DMY, mar5},
		{"۲۰۲۴/۰۳/۰۵", DateAuto, mar5},
		{"٠٥/٠٣/٢٠٢٤ ٢:٣٠ م", DMY, mar5t},
		{"٠٥/٠٣/٢٠٢٤ ٠٢:٣٠ ص", DMY, unix(2024, 3, 5, 2, 30, 0, 0)},
		{"٥ مارس ٢٠٢٤", DateAuto, mar5},
		{"5 آذار 2024", DateAuto, mar5},
		{"5 كانون الثاني 2024", DateAuto, unix(2024, 1, 5, 0, 0, 0, 0)},
		{"الثلاثاء، ٥ مارس ٢٠٢٤", DateAuto, mar5},
		{"\u200f05/03/2024\u200f", DMY, mar5},
		{"  2024-03-05  ", DateAuto, mar5},
		{"2024-02-29", DateAuto, unix(2024, 2, 29, 0, 0, 0, 0)},
		{"2000-02-29", DateAuto, unix(2000, 2, 29, 0, 0, 0, 0)},
		{"1900-01-01", DateAuto, unix(1900, 1, 1, 0, 0, 0, 0)},
		{"0001-01-01", DateAuto, unix(1, 1, 1, 0, 0, 0, 0)},
		{"2024-12-31T23:59:60Z", DateAuto, unix(2024, 12, 31, 23, 59, 59, 0)},
	}
	for _, c := range cases {
		got, ok := ParseTime([]byte(c.in), c.order)
		if !ok || got != c.want {
			t.Errorf("ParseTime(%q, %q) = %v (%s), %v; want %v (%s)", c.in, c.order, got,
				time.Unix(got, 0).UTC(), ok, c.want, time.Unix(c.want, 0).UTC())
		}
	}
	bad := []string{"", "2024", "2024-03", "31/02/2024", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
		"2024-04-31", "32/01/2024", "13/13/2024", "2024-03-05T25:00", "2024-03-05 14:61", "2024-03-05 13:30 PM",
		"05/03/202", "05/03-2024", "Mar 2024", "March", "hello", "5", "12:30", "0123456789", "999999999",
		"12345678901", "9999999999", "1 March", "2024-03-05 14:30 +1500", "2024-03-05 junk", "Foo 5, 2024",
		"2024-03-05T14:30:00ZZ", "05/03/2024/01", "1.5", "1,234", "5 Mar 2024 14", "20240305", "2024-03-05 2"}
	for _, in := range bad {
		if v, ok := ParseTime([]byte(in), DateAuto); ok {
			t.Errorf("ParseTime(%q) = %v (%s), true; want false", in, v, time.Unix(v, 0).UTC())
		}
	}
}

func TestParseTimeAgreesWithTimePackage(t *testing.T) {
	// Every day of several years, in three layouts, against time.Parse.
	for day := time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2031; day = day.AddDate(0, 0, 1) {
		ts := day.Add(13*time.Hour + 7*time.Minute + 9*time.Second)
		for _, c := range []struct {
			layout string
			order  DateOrder
		}{
			{time.RFC3339, DateAuto}, {"02/01/2006 15:04:05", DMY}, {"1/2/2006 3:04:05 PM", MDY},
			{time.RFC1123, DateAuto}, {"2 January 2006 15:04:05", DateAuto}, {"Jan 2, 2006 15:04:05", DateAuto},
		} {
			s := ts.Format(c.layout)
			got, ok := ParseTime([]byte(s), c.order)
			if !ok || got != ts.Unix() {
				t.Fatalf("ParseTime(%q, %q) = %d, %v; want %d", s, c.order, got, ok, ts.Unix())
			}
		}
	}
}

func TestDetectDateOrder(t *testing.T) {
	col := func(vs ...string) [][]byte {
		var out [][]byte
		for _, v := range vs {
			out = append(out, []byte(v))
		}
		return out
	}
	cases := []struct {
		samples [][]byte
		want    DateOrder
	}{
		{col("05/03/2024", "25/03/2024", "01/04/2024"), DMY},
		{col("03/05/2024", "03/25/2024", "4/1/2024"), MDY},
		{col("03/05/2024", "04/06/2024"), DMY}, // ambiguous: documented default
		{col("2024-03-05", "2024-03-25"), YMD},
		{col("2024-03-05T10:00:00Z", "2024/03/25"), YMD},
		{col("2024-03-05", "05/03/2024"), DMY},
		{col("Mar 5, 2024", "1709649000"), DateAuto},
		{col(), DateAuto},
		{col("٢٥/٠٣/٢٠٢٤"), DMY},
		{col("13.01.2024", "12/31/2024", "12/30/2024"), MDY},
	}
	for _, c := range cases {
		if got := DetectDateOrder(c.samples); got != c.want {
			t.Errorf("DetectDateOrder(%q) = %q, want %q", c.samples, got, c.want)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "TRUE": true, "True": true, "false": false, "FALSE": false,
		"yes": true, "Yes": true, "no": false, "NO": false, "y": true, "n": false, "Y": true, "1": true, "0": false,
		"t": true, "f": false, "on": true, "off": false, " yes ": true, "نعم": true, "لا": false, "صح": true, "خطأ": false} {
		got, ok := ParseBool([]byte(in))
		if !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "maybe", "2", "yess", "tru", "x", "-1", "نعمم"} {
		if _, ok := ParseBool([]byte(in)); ok {
			t.Errorf("ParseBool(%q) ok; want false", in)
		}
	}
}

func TestDetectScale(t *testing.T) {
	cases := []struct {
		vals []float64
		role Role
		want Scale
	}{
		{[]float64{9, 10, 8}, NPS, Scale{0, 10}},
		{nil, NPS, Scale{0, 10}},
		{[]float64{1, 5, 3}, NPS, Scale{0, 10}},
		{[]float64{1, 2, 3, 4, 5}, CSAT, Scale{1, 5}},
		{[]float64{1, 2, 3, 4, 5}, Rating, Scale{1, 5}},
		{[]float64{0, 2, 5}, Rating, Scale{0, 5}},
		{[]float64{1, 6, 7}, CES, Scale{1, 7}},
		{[]float64{1, 3, 5}, CES, Scale{1, 5}},
		{nil, CES, Scale{1, 7}},
		{nil, CSAT, Scale{1, 5}},
		{[]float64{1, 9, 10}, Rating, Scale{1, 10}},
		{[]float64{0, 6, 9}, Rating, Scale{0, 10}},
		{[]float64{1, 9, 10}, Ignore, Scale{0, 10}},
		{[]float64{0, 3, 5}, Ignore, Scale{0, 10}},
		{[]float64{2, 3, 5}, Ignore, Scale{1, 5}},
		{[]float64{4.5, 3.5}, Rating, Scale{1, 5}},
		{[]float64{20, 85, 100}, CSAT, Scale{0, 100}},
		{[]float64{-2, 2}, Rating, Scale{-2, 2}},
		{[]float64{150, 300.5}, Rating, Scale{150, 301}},
		{[]float64{math.NaN(), 4}, CSAT, Scale{1, 5}},
	}
	for _, c := range cases {
		if got := DetectScale(c.vals, c.role); got != c.want {
			t.Errorf("DetectScale(%v, %s) = %v, want %v", c.vals, c.role, got, c.want)
		}
	}
}

func TestValuesDoNotAllocate(t *testing.T) {
	nums := [][]byte{[]byte("1,234.56"), []byte("١٬٢٣٤٫٥"), []byte("(12.50)"), []byte("1 234,5"), []byte("1e3"), []byte("bad")}
	amts := [][]byte{[]byte("$1,234.56"), []byte("99 ر.س"), []byte("USD 1,200.00"), []byte("€1.234,56"), []byte("1200 eur"), []byte("x")}
	times := [][]byte{[]byte("2024-03-05T14:30:00.123+03:00"), []byte("05/03/2024 2:30 PM"), []byte("Tue, 05 Mar 2024 14:30:00 GMT"),
		[]byte("٠٥/٠٣/٢٠٢٤"), []byte("5 مارس 2024"), []byte("1709649000123"), []byte("nope")}
	bools := [][]byte{[]byte("yes"), []byte("نعم"), []byte("FALSE"), []byte("?")}
	var sink float64
	var sinks string
	check := func(name string, f func()) {
		if n := testing.AllocsPerRun(200, f); n != 0 {
			t.Errorf("%s allocates %v times per run", name, n)
		}
	}
	check("ParseNumber", func() {
		for _, b := range nums {
			v, _ := ParseNumber(b)
			sink += v
		}
	})
	check("ParseAmount", func() {
		for _, b := range amts {
			v, c, _ := ParseAmount(b)
			sink += v
			sinks = c
		}
	})
	check("ParseTime", func() {
		for _, b := range times {
			v, _ := ParseTime(b, DMY)
			sink += float64(v)
		}
	})
	check("ParseBool", func() {
		for _, b := range bools {
			v, _ := ParseBool(b)
			if v {
				sink++
			}
		}
	})
	_ = sinks
}

func BenchmarkParseTime(b *testing.B) {
	for _, c := range []struct{ name, v string }{
		{"iso", "2024-03-05T14:30:00.123+03:00"},
		{"shopify", "2024-03-05 14:30:00 +0300"},
		{"dmy", "05/03/2024 14:30"},
		{"rfc1123", "Tue, 05 Mar 2024 14:30:00 GMT"},
		{"arabic", "٠٥/٠٣/٢٠٢٤ ٢:٣٠ م"},
	} {
		v := []byte(c.v)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(v)))
			for b.Loop() {
				ParseTime(v, DMY)
			}
		})
	}
}

func BenchmarkParseAmount(b *testing.B) {
	for _, c := range []struct{ name, v string }{
		{"plain", "1234.56"},
		{"usd", "$1,234.56"},
		{"iso", "USD 1,200.00"},
		{"sar", "99 ر.س"},
		{"eu", "1.234,56 €"},
	} {
		v := []byte(c.v)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(v)))
			for b.Loop() {
				ParseAmount(v)
			}
		})
	}
}

func BenchmarkParseNumber(b *testing.B) {
	for _, v := range []string{"96.60", "1,234.56"} {
		b.Run(v, func(b *testing.B) {
			for b.Loop() {
				ParseNumber([]byte(v))
			}
		})
	}
}
