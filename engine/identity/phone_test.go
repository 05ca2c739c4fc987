package identity

import "testing"

func TestNormalizePhone(t *testing.T) {
	cases := []struct {
		raw, country, want string
	}{
		// Saudi Arabia: mobiles 05x → +9665x.
		{"0501234567", "SA", "+966501234567"},
		{"050 123 4567", "SA", "+966501234567"},
		{"050-123-4567", "SA", "+966501234567"},
		{"501234567", "SA", "+966501234567"},
		{"+966 50 123 4567", "SA", "+966501234567"},
		{"+966501234567", "", "+966501234567"},
		{"00966501234567", "SA", "+966501234567"},
		{"00966 50 123 4567", "EG", "+966501234567"},
		{"966501234567", "SA", "+966501234567"},
		{"9660501234567", "SA", "+966501234567"},
		{"+966 (0) 50 123 4567", "", "+966501234567"},
		{"٠٥٠١٢٣٤٥٦٧", "SA", "+966501234567"},
		{"۰۵۰۱۲۳۴۵۶۷", "SA", "+966501234567"},
		{"\u200f+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧\u200f", "SA", "+966501234567"},
		{"011 234 5678", "SA", "+966112345678"},
		{"sa-ignored: +966501234567", "", ""},
		// United Arab Emirates.
		{"050 123 4567", "AE", "+971501234567"},
		{"+971 50 123 4567", "SA", "+971501234567"},
		{"04 123 4567", "AE", "+97141234567"},
		{"0097141234567", "US", "+97141234567"},
		// Egypt: 01x mobiles, 02 Cairo.
		{"01001234567", "EG", "+201001234567"},
		{"010 0123 4567", "EG", "+201001234567"},
		{"0111 234 5678", "EG", "+201112345678"},
		{"+20 10 01234567", "", "+201001234567"},
		{"02 2345 6789", "EG", "+20223456789"},
		// United Kingdom.
		{"07700 900123", "GB", "+447700900123"},
		{"+44 7700 900123", "", "+447700900123"},
		{"+44 (0)7700 900123", "", "+447700900123"},
		{"020 7946 0958", "gb", "+442079460958"},
		{"0044 20 7946 0958", "FR", "+442079460958"},
		// United States and Canada.
		{"(201) 555-0123", "US", "+12015550123"},
		{"201-555-0123", "US", "+12015550123"},
		{"201.555.0123", "US", "+12015550123"},
		{"1 (201) 555-0123", "US", "+12015550123"},
		{"+1 201 555 0123", "", "+12015550123"},
		{"011 966 50 123 4567", "US", "+966501234567"},
		{"(416) 555-0123", "CA", "+14165550123"},
		{"201-555-0123 ext. 42", "US", "+12015550123"},
		{"201-555-0123 x42", "US", "+12015550123"},
		{"201-555-0123#42", "US", "+12015550123"},
		{"tel:+1-201-555-0123;ext=42", "", "+12015550123"},
		{"Tel: +1 201 555 0123", "", "+12015550123"},
		// Others.
		{"01 23 45 67 89", "FR", "+33123456789"},
		{"06 12 34 56 78", "FR", "+33612345678"},
		{"030 1234567", "DE", "+49301234567"},
		{"030/1234567", "DE", "+49301234567"},
		{"06 1234 5678", "IT", "+390612345678"},
		{"8 (912) 345-67-89", "RU", "+79123456789"},
		{"06 1 234 5678", "HU", "+3612345678"},
		{"0412 345 678", "AU", "+61412345678"},
		{"0011 44 20 7946 0958", "AU", "+442079460958"},
		{"0965 123 456", "KW", ""}, // Kuwait has no trunk prefix and 8-digit numbers
		{"9651 2345", "KW", "+96596512345"},
		{"011 15-2345-6789", "AR", "+5491123456789"},
		{"+54 9 11 2345-6789", "", "+5491123456789"},
		{"0501234567, 0551234567", "SA", "+966501234567"},
		{"0501234567 تحويلة 12", "SA", "+966501234567"},
		{"+800 1234 5678", "", "+80012345678"},
		// Not phone numbers.
		{"", "SA", ""},
		{"abc", "SA", ""},
		{"0501234567", "", ""},
		{"050123456", "SA", ""},
		{"05012345678", "SA", ""},
		{"12345", "US", ""},
		{"+999 123 456", "", ""},
		{"+0 123", "", ""},
		{"1-800-FLOWERS", "US", ""},
		{"050 123 4567", "XX", ""},
		{"+", "SA", ""},
		{"50+1234567", "SA", ""},
		{"call me", "SA", ""},
	}
	for _, c := range cases {
		got, ok := NormalizePhone(c.raw, c.country)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("NormalizePhone(%q, %q) = %q, %v; want %q", c.raw, c.country, got, ok, c.want)
		}
	}
}

func TestCountryOfPhone(t *testing.T) {
	for e164, want := range map[string]string{
		"+966501234567": "SA", "+971501234567": "AE", "+201001234567": "EG", "+447700900123": "GB",
		"+12015550123": "US", "+14165550123": "CA", "+18095550123": "DO", "+18765550123": "JM",
		"+79123456789": "RU", "+77012345678": "KZ", "+390612345678": "IT", "+33612345678": "FR",
		"+96596512345": "KW", "+80012345678": "", "+999123": "", "966501234567": "", "+": "", "": "",
		"+96650x": "",
	} {
		if got := CountryOfPhone(e164); got != want {
			t.Errorf("CountryOfPhone(%q) = %q, want %q", e164, got, want)
		}
	}
}

func TestPhoneTable(t *testing.T) {
	if len(phoneCountries) < 240 {
		t.Errorf("phone table has %d countries, want all (≥ 240)", len(phoneCountries))
	}
	for _, iso := range []string{"SA", "AE", "EG", "KW", "QA", "BH", "OM", "JO", "LB", "SY", "IQ", "YE", "PS",
		"SD", "LY", "TN", "DZ", "MA", "MR", "SO", "DJ", "KM", "GB", "FR", "DE", "US", "CA", "IN", "BR", "CN"} {
		c := countryByISO(iso)
		if c == nil || c.lens == [10]uint32{} || c.cc == 0 {
			t.Errorf("country %s missing from the phone table", iso)
		}
	}
	// Calling codes are prefix-free.
	for cc := 1; cc < 1000; cc++ {
		if phoneByCC[cc] == 0 {
			continue
		}
		for p := cc / 10; p > 0; p /= 10 {
			if phoneByCC[p] != 0 {
				t.Errorf("calling code %d has the prefix %d", cc, p)
			}
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	for raw, want := range map[string]string{
		"Jane.Doe@Example.com":              "jane.doe@example.com",
		"  jane@example.com  ":              "jane@example.com",
		"<jane@example.com>":                "jane@example.com",
		"Jane Doe <Jane@Example.COM>":       "jane@example.com",
		"mailto:jane@example.com":           "jane@example.com",
		"MAILTO:jane@example.com?subject=x": "jane@example.com",
		"jane+news@gmail.com":               "jane+news@gmail.com",
		"j.a.n.e@gmail.com":                 "j.a.n.e@gmail.com",
		"jane@mail.example.co.uk":           "jane@mail.example.co.uk",
		"jane@example.com.":                 "jane@example.com",
		"\u200fjane@example.sa\u200f":       "jane@example.sa",
		"\"jane@example.com\"":              "jane@example.com",
		"o'brien@example.ie":                "o'brien@example.ie",
		"user@xn--mgbh0fb.xn--kgbechtv":     "user@xn--mgbh0fb.xn--kgbechtv",
		"user@مثال.السعودية":                "user@مثال.السعودية",
		"ALI_99@my-domain.ae":               "ali_99@my-domain.ae",
	} {
		got, ok := NormalizeEmail(raw)
		if !ok || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
	for _, raw := range []string{"", "jane", "jane@", "@example.com", "jane@example", "jane@@example.com",
		"ja ne@example.com", "jane@exa mple.com", "jane@example..com", ".jane@example.com", "jane.@example.com",
		"ja..ne@example.com", "jane@-example.com", "jane@example-.com", "jane@example.123", "jane@.com",
		"a@b@example.com", "jane@example.com, joe@example.com", "n/a", "-", "jane@exam_ple.com", "jane@1.2.3.4"} {
		if got, ok := NormalizeEmail(raw); ok {
			t.Errorf("NormalizeEmail(%q) = %q, true; want false", raw, got)
		}
	}
}

func BenchmarkNormalizePhone(b *testing.B) {
	for _, c := range []struct{ name, raw, country string }{
		{"e164", "+966501234567", ""},
		{"national", "050 123 4567", "SA"},
		{"us", "(201) 555-0123", "US"},
		{"arabic", "٠٥٠١٢٣٤٥٦٧", "SA"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NormalizePhone(c.raw, c.country)
			}
		})
	}
}

func BenchmarkNormalizeEmail(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NormalizeEmail("Jane.Doe@Example.com")
	}
}
