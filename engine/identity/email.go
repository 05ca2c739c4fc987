package identity

import "strings"

// NormalizeEmail returns the canonical form of an email address: trimmed,
// lowercased, without surrounding <> or quotes, a "mailto:" prefix, a
// display name ("Jane Doe <jane@x.com>") or a trailing dot on the domain.
// ok is false unless the result has the shape of an address: one @, a
// local part of 1–64 characters without spaces, control characters, <>()[],;:\"
// or leading, trailing or doubled dots, and a domain of two or more labels of
// letters, digits and hyphens (non-ASCII letters allowed), none starting or
// ending with a hyphen, the last not numeric.
//
// It does not remove dots or +tags from the local part: that would merge
// different people on most providers.
func NormalizeEmail(raw string) (string, bool) {
	s := strings.TrimSpace(trimInvisible(raw))
	if i := strings.LastIndexByte(s, '<'); i >= 0 && strings.HasSuffix(s, ">") {
		s = strings.TrimSpace(s[i+1 : len(s)-1])
	}
	s = strings.Trim(s, `"'`)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
		if i := strings.IndexByte(s, '?'); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ".")
	at := strings.IndexByte(s, '@')
	if at <= 0 || at > 64 || strings.IndexByte(s[at+1:], '@') >= 0 || len(s) > 254 {
		return "", false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return "", false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if c <= ' ' || c == 0x7F || strings.IndexByte(`<>()[],;:\"`, c) >= 0 {
			return "", false
		}
	}
	labels := 0
	lastNumeric := false
	for domain != "" {
		label := domain
		if i := strings.IndexByte(domain, '.'); i >= 0 {
			label, domain = domain[:i], domain[i+1:]
			if domain == "" {
				return "", false
			}
		} else {
			domain = ""
		}
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "", false
		}
		numeric := true
		for i := 0; i < len(label); i++ {
			c := label[i]
			switch {
			case c >= '0' && c <= '9':
			case c|0x20 >= 'a' && c|0x20 <= 'z', c == '-', c >= 0x80:
				numeric = false
			default:
				return "", false
			}
		}
		lastNumeric = numeric
		labels++
	}
	if labels < 2 || lastNumeric {
		return "", false
	}
	return strings.ToLower(s), true
}

// trimInvisible removes bidi marks, zero-width spaces and a BOM that
// right-to-left spreadsheets leave around values.
func trimInvisible(s string) string {
	if s == "" || s[0] < 0x80 && s[len(s)-1] < 0x80 {
		return s
	}
	for {
		t := s
		for _, m := range [...]string{"\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\u202a", "\u202b", "\u202c", "\u00a0"} {
			t = strings.TrimPrefix(t, m)
			t = strings.TrimSuffix(t, m)
		}
		if t == s {
			return s
		}
		s = t
	}
}
