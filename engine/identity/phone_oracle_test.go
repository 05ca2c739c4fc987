//go:build !js

package identity

// The oracle: github.com/nyaruka/phonenumbers (libphonenumber) checks the
// compact normaliser on a generated table of numbers. It runs natively only:
// under js/wasm its metadata would be compiled into the test binary.

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// oracleCountries are the countries whose numbers are generated: all the
// Arabic-speaking countries, Europe, North America and the large Asian,
// African and Latin American markets.
var oracleCountries = strings.Fields(`
SA AE EG KW QA BH OM JO LB SY IQ YE PS SD LY TN DZ MA MR SO DJ KM
GB IE FR DE IT ES PT NL BE LU CH AT SE NO DK FI IS PL CZ SK HU RO BG GR CY MT HR SI RS UA RU TR
US CA MX
CN IN PK BD ID JP KR PH VN TH MY SG HK TW IL IR AU NZ KZ
NG KE ZA ET GH TZ UG SN
BR AR CO CL PE`)

// knownNationalDifferences are styles where the normaliser intentionally
// differs from libphonenumber: national numbers whose reading needs
// carrier-selection codes or number transformations it does not model.
var knownNationalDifferences = map[string]string{}

func TestPhoneTableMatchesMetadata(t *testing.T) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range coll.GetMetadata() {
		id := m.GetId()
		if len(id) != 2 {
			continue
		}
		c := countryByISO(id)
		if c == nil {
			t.Errorf("%s: missing", id)
			continue
		}
		if c.cc != int(m.GetCountryCode()) {
			t.Errorf("%s: calling code %d, metadata %d", id, c.cc, m.GetCountryCode())
		}
		if c.trunk != m.GetNationalPrefix() {
			t.Errorf("%s: trunk prefix %q, metadata %q", id, c.trunk, m.GetNationalPrefix())
		}
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE,
			phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.VOIP,
			phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER, phonenumbers.UAN, phonenumbers.VOICEMAIL} {
			if ex := phonenumbers.GetExampleNumberForType(id, typ); ex != nil {
				// NANP: only ten-digit numbers (not Canada's 7-digit 310-xxxx service numbers).
				if nsn := phonenumbers.GetNationalSignificantNumber(ex); !c.valid([]byte(nsn)) && c.cc != 1 {
					t.Errorf("%s: example number %s (type %v) is not valid in the table", id, nsn, typ)
				}
			}
		}
	}
}

type oracleCase struct {
	region, style, text, want string
}

// oracleTable generates valid numbers of every type for each country (the
// metadata's example numbers with random subscriber digits) and writes each
// in many styles. want is libphonenumber's E.164 of the text parsed with the
// region as default; styles it does not read back as the same number are
// left out.
func oracleTable(t *testing.T, perType int) []oracleCase {
	rng := rand.New(rand.NewPCG(1, 2))
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
		phonenumbers.VOIP, phonenumbers.FIXED_LINE_OR_MOBILE}
	var out []oracleCase
	for _, region := range oracleCountries {
		seen := map[string]bool{}
		for _, typ := range types {
			ex := phonenumbers.GetExampleNumberForType(region, typ)
			if ex == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(ex)
			got := 0
			for k := 0; k < perType*8 && got < perType; k++ {
				// Randomise the last 4 digits (fewer for short numbers).
				b := []byte(nsn)
				keep := len(b) - 4
				if keep < 3 {
					keep = 3
				}
				for i := keep; i < len(b); i++ {
					b[i] = byte('0' + rng.IntN(10))
				}
				num, err := phonenumbers.Parse("+"+itoa(int(ex.GetCountryCode()))+string(b), region)
				if err != nil || !phonenumbers.IsValidNumber(num) {
					continue
				}
				e164 := phonenumbers.Format(num, phonenumbers.E164)
				if seen[e164] {
					continue
				}
				seen[e164] = true
				got++
				out = append(out, styles(region, num, e164)...)
			}
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func arabicIndic(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = '٠' + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func styles(region string, num *phonenumbers.PhoneNumber, e164 string) []oracleCase {
	intl := phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	national := phonenumbers.Format(num, phonenumbers.NATIONAL)
	rfc := phonenumbers.Format(num, phonenumbers.RFC3966)
	digitsOnly := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	list := []oracleCase{
		{style: "e164", text: e164},
		{style: "international", text: intl},
		{style: "00", text: "00" + e164[1:]},
		{style: "00-spaced", text: "00" + intl[1:]},
		{style: "international-dashes", text: strings.ReplaceAll(intl, " ", "-")},
		{style: "international-dots", text: strings.ReplaceAll(intl, " ", ".")},
		{style: "rfc3966", text: rfc},
		{style: "international-ext", text: intl + " ext. 123"},
		{style: "international-arabic", text: arabicIndic(intl)},
		{style: "national", text: national},
		{style: "national-digits", text: digitsOnly(national)},
		{style: "national-dashes", text: strings.NewReplacer(" ", "-", "(", "", ")", "").Replace(national)},
		{style: "national-arabic", text: arabicIndic(national)},
		{style: "national-ext", text: national + " x45"},
	}
	var out []oracleCase
	for _, c := range list {
		c.region = region
		// The style counts only when libphonenumber reads it back as the same valid number.
		p, err := phonenumbers.Parse(c.text, region)
		if err != nil || !phonenumbers.IsValidNumber(p) || phonenumbers.Format(p, phonenumbers.E164) != e164 {
			continue
		}
		c.want = e164
		out = append(out, c)
	}
	return out
}

func TestNormalizePhoneAgainstLibphonenumber(t *testing.T) {
	cases := oracleTable(t, 8)
	numbers := 0
	for _, c := range cases {
		if c.style == "e164" {
			numbers++
		}
	}
	if numbers < 2000 {
		t.Fatalf("only %d generated numbers", numbers)
	}
	type key struct{ region, style string }
	fails := map[key][]string{}
	total := 0
	for _, c := range cases {
		total++
		got, ok := NormalizePhone(c.text, c.region)
		if ok && got == c.want {
			continue
		}
		k := key{c.region, c.style}
		fails[k] = append(fails[k], c.text+" → "+got+" (want "+c.want+")")
	}
	var keys []key
	for k := range fails {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].region+keys[i].style < keys[j].region+keys[j].style
	})
	bad := 0
	for _, k := range keys {
		if why, ok := knownNationalDifferences[k.region+" "+k.style]; ok {
			t.Logf("known difference %s %s (%d): %s; e.g. %s", k.region, k.style, len(fails[k]), why, fails[k][0])
			continue
		}
		bad += len(fails[k])
		t.Errorf("%s %s: %d disagreements, e.g. %s", k.region, k.style, len(fails[k]), strings.Join(fails[k][:min(3, len(fails[k]))], "; "))
	}
	t.Logf("%d numbers written in %d ways (%d cases) across %d countries; %d disagreements",
		numbers, total/numbers, total, len(oracleCountries), bad)
}

// TestCountryOfPhoneAgainstLibphonenumber: for valid numbers of the oracle
// countries, CountryOfPhone names libphonenumber's region.
func TestCountryOfPhoneAgainstLibphonenumber(t *testing.T) {
	for _, c := range oracleTable(t, 3) {
		if c.style != "e164" {
			continue
		}
		num, _ := phonenumbers.Parse(c.want, "")
		want := phonenumbers.GetRegionCodeForNumber(num)
		if got := CountryOfPhone(c.want); got != want {
			t.Errorf("CountryOfPhone(%s) = %q, libphonenumber %q", c.want, got, want)
		}
	}
}

// TestNormalizePhoneAcceptsWhatLibphonenumberRejects reports (does not
// assert) how often the length-only check accepts numbers libphonenumber
// calls invalid: the documented, intended difference.
func TestNormalizePhoneAcceptsWhatLibphonenumberRejects(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	accepted, invalid := 0, 0
	for _, region := range oracleCountries {
		c := countryByISO(region)
		for k := 0; k < 50; k++ {
			n := 6 + rng.IntN(8)
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('0' + rng.IntN(10))
			}
			raw := "+" + itoa(c.cc) + string(b)
			p, err := phonenumbers.Parse(raw, "")
			libValid := err == nil && phonenumbers.IsValidNumber(p)
			got, ok := NormalizePhone(raw, "")
			if libValid && (!ok || got != phonenumbers.Format(p, phonenumbers.E164)) {
				t.Errorf("NormalizePhone(%s) = %q, %v; libphonenumber says valid %s", raw, got, ok, phonenumbers.Format(p, phonenumbers.E164))
			}
			if !libValid {
				invalid++
				if ok {
					accepted++
				}
			}
		}
	}
	t.Logf("random numbers libphonenumber rejects: %d, of which the length check accepts %d", invalid, accepted)
}
