package vocab

import "testing"

func TestVocabularies(t *testing.T) {
	for _, tt := range []struct {
		f        func(string) (string, bool)
		in, want string
		wantKeep bool
	}{
		{Language, "English", "en", true},
		{Language, "en", "en", true},
		{Language, "EN-us", "en", true},
		{Language, "ar_SA", "ar", true},
		{Language, "Arabic", "ar", true},
		{Language, "العربية", "ar", true},
		{Language, "عربي", "ar", true},
		{Language, "ara", "ar", true},
		{Language, "Français", "fr", true},
		{Language, "Klingon", "Klingon", true},
		{Language, "294517", "", false},
		{Channel, "email", "email", true},
		{Channel, "Mail", "email", true},
		{Channel, "E-Mail", "email", true},
		{Channel, "البريد الإلكتروني", "email", true},
		{Channel, "البريد الالكتروني", "email", true},
		{Channel, "WhatsApp", "whatsapp", true},
		{Channel, "واتساب", "whatsapp", true},
		{Channel, " Live Chat ", "chat", true},
		{Channel, "Carrier pigeon", "Carrier pigeon", true},
		{Channel, "294517", "", false},
		{Channel, "1,234", "", false},
		{Device, "iPhone", "ios", true},
		{Device, "Mobile", "mobile", true},
		{Device, "جوال", "mobile", true},
		{Device, "PC", "desktop", true},
		{Device, "Smart TV", "Smart TV", true},
		{Device, "42", "", false},
	} {
		got, keep := tt.f(tt.in)
		if got != tt.want || keep != tt.wantKeep {
			t.Errorf("%q → %q %v, want %q %v", tt.in, got, keep, tt.want, tt.wantKeep)
		}
	}
}

// Every synonym belongs to one term only: an ambiguous synonym would count
// a value under whichever term happened to be indexed last.
func TestSynonymsUnambiguous(t *testing.T) {
	for name, terms := range map[string][]Term{"languages": Languages, "channels": Channels, "devices": Devices} {
		seen := map[string]string{}
		for _, tm := range terms {
			for _, s := range append([]string{tm.Key, tm.English, tm.Arabic}, tm.Synonyms...) {
				f := Fold(s)
				if other, ok := seen[f]; ok && other != tm.Key {
					t.Errorf("%s: %q means both %s and %s", name, s, other, tm.Key)
				}
				seen[f] = tm.Key
			}
		}
	}
}

func TestNames(t *testing.T) {
	if LanguageName("ar", "ar") != "العربية" || LanguageName("en", "en") != "English" || LanguageName("xx", "en") != "" {
		t.Error("language names")
	}
	if ChannelName("email", "ar") != "البريد الإلكتروني" || DeviceName("mobile", "en") != "Mobile" {
		t.Error("channel or device names")
	}
}
