// Package vocab normalises the values of a few common vocabularies so that
// values that mean the same thing are counted together: languages to
// ISO 639-1 codes, contact channels and devices to a small documented set
// of keys. Each entry lists its synonyms in English and Arabic (and, for
// languages, the name in the language itself and the ISO 639-2 code).
//
// A value that is no known synonym is kept as written (trimmed): the data
// may hold a channel we did not think of, and a wrong guess would be worse
// than an extra row. A bare number is never a value of these kinds (it is
// an id or a count in the wrong column) and is dropped.
//
// The package is a leaf (no engine imports), so the interface and the HTML
// report can name the keys in English and Arabic without the engine.
package vocab

import (
	"strings"
	"unicode"
)

// Term is one key of a vocabulary with its names in the two interface
// languages and the synonyms that mean it.
type Term struct {
	Key      string
	English  string
	Arabic   string
	Synonyms []string // matched after Fold; the key and both names match too
}

// Languages are the languages customers state most often in the exports of
// the Gulf, the Levant, North Africa and beyond, keyed by ISO 639-1.
var Languages = []Term{
	{"ar", "Arabic", "العربية", []string{"ara", "arb", "arabic", "عربي", "عربية", "العربيه", "arabe", "arabisch"}},
	{"en", "English", "الإنجليزية", []string{"eng", "english", "انجليزي", "انجليزيه", "الانجليزيه", "انكليزي", "الانكليزيه", "inglés", "anglais", "englisch"}},
	{"fr", "French", "الفرنسية", []string{"fre", "fra", "french", "français", "francais", "فرنسي", "الفرنسيه"}},
	{"es", "Spanish", "الإسبانية", []string{"spa", "spanish", "español", "espanol", "اسباني", "الاسبانيه"}},
	{"de", "German", "الألمانية", []string{"ger", "deu", "german", "deutsch", "الماني", "الالمانيه"}},
	{"it", "Italian", "الإيطالية", []string{"ita", "italian", "italiano", "الايطاليه"}},
	{"pt", "Portuguese", "البرتغالية", []string{"por", "portuguese", "português", "portugues", "البرتغاليه"}},
	{"tr", "Turkish", "التركية", []string{"tur", "turkish", "türkçe", "turkce", "تركي", "التركيه"}},
	{"fa", "Persian", "الفارسية", []string{"per", "fas", "persian", "farsi", "فارسی", "فارسي", "الفارسيه"}},
	{"ur", "Urdu", "الأردية", []string{"urd", "urdu", "اردو", "الارديه"}},
	{"hi", "Hindi", "الهندية", []string{"hin", "hindi", "हिन्दी", "هندي", "الهنديه"}},
	{"bn", "Bengali", "البنغالية", []string{"ben", "bengali", "bangla", "বাংলা", "البنغاليه"}},
	{"ru", "Russian", "الروسية", []string{"rus", "russian", "русский", "روسي", "الروسيه"}},
	{"zh", "Chinese", "الصينية", []string{"chi", "zho", "chinese", "mandarin", "中文", "صيني", "الصينيه"}},
	{"ja", "Japanese", "اليابانية", []string{"jpn", "japanese", "日本語", "الياباني", "اليابانيه"}},
	{"ko", "Korean", "الكورية", []string{"kor", "korean", "한국어", "الكوريه"}},
	{"id", "Indonesian", "الإندونيسية", []string{"ind", "indonesian", "bahasa indonesia", "الاندونيسيه"}},
	{"ms", "Malay", "الملايوية", []string{"may", "msa", "malay", "bahasa melayu", "الملايويه"}},
	{"tl", "Tagalog", "التاغالوغية", []string{"tgl", "tagalog", "filipino", "fil", "التاغالوغيه"}},
	{"he", "Hebrew", "العبرية", []string{"heb", "hebrew", "עברית", "العبريه"}},
	{"nl", "Dutch", "الهولندية", []string{"dut", "nld", "dutch", "nederlands", "الهولنديه"}},
	{"sw", "Swahili", "السواحيلية", []string{"swa", "swahili", "kiswahili", "السواحيليه"}},
	{"ku", "Kurdish", "الكردية", []string{"kur", "kurdish", "kurdî", "كوردی", "الكرديه"}},
	{"so", "Somali", "الصومالية", []string{"som", "somali", "الصوماليه"}},
	{"am", "Amharic", "الأمهرية", []string{"amh", "amharic", "አማርኛ", "الامهريه"}},
}

// Channels are the ways a customer reaches or is reached by the business.
var Channels = []Term{
	{"email", "Email", "البريد الإلكتروني", []string{"e-mail", "mail", "email marketing", "newsletter", "بريد", "بريد الكتروني", "ايميل", "الايميل"}},
	{"sms", "SMS", "الرسائل النصية", []string{"text", "text message", "رساله نصيه", "رسائل نصيه", "رساله"}},
	{"phone", "Phone", "الهاتف", []string{"call", "phone call", "telephone", "voice", "call center", "هاتف", "اتصال", "مكالمه", "الاتصال"}},
	{"whatsapp", "WhatsApp", "واتساب", []string{"whats app", "wa", "واتس اب", "واتس"}},
	{"chat", "Chat", "المحادثة", []string{"live chat", "livechat", "messaging", "messenger", "دردشه", "محادثه", "المحادثه المباشره"}},
	{"web", "Website", "الموقع", []string{"website", "web site", "online", "web form", "webform", "site", "الموقع الالكتروني", "موقع", "الويب"}},
	{"app", "App", "التطبيق", []string{"mobile app", "in-app", "in app", "application", "تطبيق", "التطبيق"}},
	{"social", "Social media", "وسائل التواصل", []string{"social media", "facebook", "instagram", "twitter", "x", "tiktok", "linkedin", "snapchat", "وسائل التواصل الاجتماعي", "تواصل اجتماعي", "سوشيال ميديا"}},
	{"store", "In store", "في المتجر", []string{"in store", "in-store", "instore", "retail", "walk-in", "branch", "pos", "المتجر", "الفرع", "فرع"}},
	{"search", "Search", "البحث", []string{"organic", "organic search", "seo", "google", "bing", "بحث"}},
	{"ads", "Paid ads", "الإعلانات", []string{"paid", "paid search", "cpc", "ppc", "ads", "advertising", "adwords", "google ads", "اعلان", "اعلانات", "الاعلانات"}},
	{"referral", "Referral", "الإحالة", []string{"referral", "referred", "word of mouth", "احاله", "توصيه"}},
	{"direct", "Direct", "مباشر", []string{"direct", "none", "(direct)", "مباشر"}},
	{"push", "Push", "الإشعارات", []string{"push notification", "push notifications", "notification", "اشعار", "اشعارات"}},
}

// Devices are the kinds of device or platform an event came from.
var Devices = []Term{
	{"mobile", "Mobile", "الجوال", []string{"smartphone", "phone", "mobile phone", "cell", "cellphone", "جوال", "موبايل", "هاتف محمول", "الهاتف المحمول", "هاتف"}},
	{"desktop", "Desktop", "الكمبيوتر", []string{"computer", "pc", "laptop", "desktop computer", "كمبيوتر", "حاسوب", "حاسب", "الحاسوب", "لابتوب"}},
	{"tablet", "Tablet", "الجهاز اللوحي", []string{"ipad", "tab", "جهاز لوحي", "لوحي", "تابلت"}},
	{"ios", "iOS", "آي أو إس", []string{"iphone", "ios app", "apple", "ايفون", "ios"}},
	{"android", "Android", "أندرويد", []string{"android app", "اندرويد", "أندرويد"}},
	{"windows", "Windows", "ويندوز", []string{"win", "win10", "windows 10", "windows 11", "ويندوز"}},
	{"macos", "macOS", "ماك", []string{"mac", "mac os", "os x", "osx", "macintosh", "ماك"}},
	{"linux", "Linux", "لينكس", []string{"ubuntu", "لينكس"}},
	{"web", "Web browser", "المتصفح", []string{"browser", "web", "website", "متصفح", "المتصفح"}},
}

// Vocabulary is one of the lists above, indexed for lookups.
type Vocabulary struct {
	terms []Term
	index map[string]int
}

func build(terms []Term) *Vocabulary {
	v := &Vocabulary{terms: terms, index: map[string]int{}}
	for i, t := range terms {
		for _, s := range append([]string{t.Key, t.English, t.Arabic}, t.Synonyms...) {
			v.index[Fold(s)] = i
		}
	}
	return v
}

var (
	languages = build(Languages)
	channels  = build(Channels)
	devices   = build(Devices)
)

// Language returns the ISO 639-1 code of a stated language; a locale such
// as "en-US" or "ar_SA" is its language. Unknown names are kept as written.
func Language(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if bareNumber(v) {
		return "", false
	}
	if k, ok := languages.lookup(v); ok {
		return k, true
	}
	if i := strings.IndexAny(v, "-_"); i == 2 || i == 3 {
		if k, ok := languages.lookup(v[:i]); ok {
			return k, true
		}
	}
	return v, true
}

// Channel returns the key of a contact channel, or the value as written.
func Channel(v string) (string, bool) { return channels.normalise(v) }

// Device returns the key of a device or platform, or the value as written.
func Device(v string) (string, bool) { return devices.normalise(v) }

func (voc *Vocabulary) normalise(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if bareNumber(v) {
		return "", false
	}
	if k, ok := voc.lookup(v); ok {
		return k, true
	}
	return v, true
}

func (voc *Vocabulary) lookup(v string) (string, bool) {
	if i, ok := voc.index[Fold(v)]; ok {
		return voc.terms[i].Key, true
	}
	return "", false
}

// Name is the name of key in the interface language ("en" or "ar"), or ""
// when key is not one of the vocabulary's keys (a value kept as written).
func name(terms []Term, key, lang string) string {
	for _, t := range terms {
		if t.Key == key {
			if lang == "ar" {
				return t.Arabic
			}
			return t.English
		}
	}
	return ""
}

// LanguageName names a language code in the interface language.
func LanguageName(code, lang string) string { return name(Languages, code, lang) }

// ChannelName names a channel key in the interface language.
func ChannelName(key, lang string) string { return name(Channels, key, lang) }

// DeviceName names a device key in the interface language.
func DeviceName(key, lang string) string { return name(Devices, key, lang) }

// bareNumber reports whether v is only digits (and number punctuation):
// an id or a count that landed in a category column.
func bareNumber(v string) bool {
	digits := 0
	for _, r := range v {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == ',' || r == '-' || r == '+' || r == ' ' || r == '٫' || r == '٬':
		default:
			return false
		}
	}
	return digits > 0
}

// Fold is the form values are compared in: lower case, spaces and
// punctuation collapsed, Arabic letter variants unified (أ إ آ → ا, ة → ه,
// ى → ي) and diacritics and tatweel dropped, so "E-Mail", "e mail" and
// "البريد الإلكتروني" / "البريد الالكتروني" meet.
func Fold(v string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(v)) {
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ة':
			r = 'ه'
		case r == 'ى':
			r = 'ي'
		case r == 'ـ' || (r >= 0x064B && r <= 0x065F) || r == 0x0670:
			continue
		case r == '-' || r == '_' || r == '/' || r == '.' || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
