package text_test

import (
	"testing"

	"github.com/qalbhq/qalb/engine/text"
	"github.com/qalbhq/qalb/engine/text/data"
)

func analyzer(t testing.TB) *text.Analyzer {
	t.Helper()
	a, err := text.Load(data.Load)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Great<br />product":             "Great product",
		"line one\\nline two\\r\\n":      "line one line two",
		"  a\n\tb  ":                     "a b",
		"Tom &amp; Jerry &quot;ok&quot;": `Tom & Jerry "ok"`,
		"I <3 it, 2 < 3":                 "I <3 it, 2 < 3",
		"<p>Hello</p><script>x</script>": "Hello x",
		"plain":                          "plain",
	} {
		if got := text.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeArabic(t *testing.T) {
	for in, want := range map[string]string{
		"رااااائع": "رايع",   // elongation, hamza on ya
		"رايع":     "رايع",   // the same word written without the hamza
		"مسؤول":    "مسوول",  // hamza on waw
		"جميــــل": "جميل",   // tatweel
		"مُمْتَاز": "ممتاز",  // diacritics
		"أحسن":     "احسن",   // hamza on alef
		"إدارة":    "اداره",  // hamza below, ta marbuta
		"مستشفى":   "مستشفي", // alef maqsura
		"٣٤٥":      "345",    // Arabic-Indic digits
		"الله":     "الله",   // a doubled letter stays
	} {
		got, _ := text.NormalizeArabic(in)
		if got != want {
			t.Errorf("NormalizeArabic(%q) = %q, want %q", in, got, want)
		}
	}
	if _, el := text.NormalizeArabic("رااااائع"); !el {
		t.Error("elongation not flagged")
	}
}

func TestLanguage(t *testing.T) {
	a := analyzer(t)
	for in, want := range map[string]text.Lang{
		"The delivery was late and the box was broken": text.English,
		"great": text.English,
		"الخدمة ممتازة والتوصيل سريع":            text.Arabic,
		"Le produit est très bien, merci":        text.French,
		"El servicio fue muy malo":               text.Spanish,
		"Die Lieferung war sehr gut und schnell": text.German,
		"the app is great بس التوصيل تأخر كثير":  text.Mixed,
		"Три дня ждал доставку":                  text.Other,
		"12345": text.None,
		"Three die after plane crash, officials say": text.English,
	} {
		if got := a.Score(in).Lang; got != want {
			t.Errorf("lang(%q) = %q, want %q", in, got, want)
		}
	}
	// Other languages are counted, never scored with the English lexicon.
	r := a.Score("Le service était horrible, terrible")
	if r.Label != text.Unscored || r.Score != 0 {
		t.Errorf("French text scored: %+v", r)
	}
}
