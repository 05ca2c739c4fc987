package ingest

import (
	"encoding/binary"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Text encodings, as named in Info.Encoding and FileMapping.Encoding.
const (
	encUTF8    = "utf-8"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	enc1256    = "windows-1256"
	enc1252    = "windows-1252"
)

// encSampleSize is how much of a file is looked at to decide its format and
// encoding. The sample is peeked, never consumed: the readers see it again.
const encSampleSize = 64 << 10

// encNormalize maps a user-supplied encoding name to one of ours.
func encNormalize(s string) (string, bool) {
	k := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == ' ' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	switch k {
	case "utf8", "utf8bom":
		return encUTF8, true
	case "utf16le", "utf16", "ucs2", "ucs2le", "unicode":
		return encUTF16LE, true
	case "utf16be", "ucs2be":
		return encUTF16BE, true
	case "windows1256", "cp1256", "arabic":
		return enc1256, true
	case "windows1252", "cp1252", "latin1", "iso88591", "ansi":
		return enc1252, true
	}
	return "", false
}

// encBOM reports the byte-order mark at the start of b, if any.
func encBOM(b []byte) (enc string, n int) {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return encUTF8, 3
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return encUTF16LE, 2
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return encUTF16BE, 2
	}
	return "", 0
}

// encDetect decides the encoding of a file from a sample of its first bytes
// (whole: the sample is the entire file). bom is the length of a byte-order
// mark to skip; badUTF8 reports invalid UTF-8 bytes in a file judged UTF-8.
//
// Order: a BOM decides; else a UTF-16 byte pattern (one byte of every pair
// almost always 0x00–0x07, the other almost never: ASCII and Arabic text
// both look like that in UTF-16); else valid UTF-8 — including a file whose
// few invalid bytes are outnumbered by valid multi-byte sequences, which is
// UTF-8 with damage, not a legacy code page; else Windows-1256 or
// Windows-1252 by encLegacy.
func encDetect(sample []byte, whole bool) (enc string, bom int, badUTF8 bool) {
	if e, n := encBOM(sample); e != "" {
		if e == encUTF8 {
			_, invalid := encUTF8Stats(sample[n:], whole)
			return e, n, invalid > 0
		}
		return e, n, false
	}
	if e := encUTF16Guess(sample); e != "" {
		return e, 0, false
	}
	multi, invalid := encUTF8Stats(sample, whole)
	if invalid == 0 || (multi > 0 && invalid <= multi) {
		return encUTF8, 0, invalid > 0
	}
	return encLegacy(sample), 0, false
}

// encUTF16Guess recognises UTF-16 without a BOM. In UTF-16 text the high
// byte of nearly every code unit is 0x00 (ASCII) or a small value (0x06 for
// Arabic, 0x04 Cyrillic …), while the low byte is rarely below 0x08. Eight-bit
// text never has half of its bytes below 0x08, and binary files have such
// bytes on both parities.
func encUTF16Guess(b []byte) string {
	pairs := len(b) / 2
	if pairs < 2 {
		return ""
	}
	var low [2]int
	for i := 0; i < pairs*2; i++ {
		if b[i] < 0x08 {
			low[i&1]++
		}
	}
	switch {
	case low[1]*2 >= pairs && low[0]*20 < pairs:
		return encUTF16LE
	case low[0]*2 >= pairs && low[1]*20 < pairs:
		return encUTF16BE
	}
	return ""
}

// encUTF8Stats counts valid multi-byte sequences and invalid bytes. A
// sequence cut by the end of a partial sample is neither.
func encUTF8Stats(b []byte, whole bool) (multi, invalid int) {
	if !whole {
		b = b[:len(b)-encIncompleteTail(b)]
	}
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi, invalid
}

// encIncompleteTail returns how many bytes at the end of b start a UTF-8
// sequence that b cuts short (0 when b ends on a rune boundary or on a byte
// that is invalid anyway).
func encIncompleteTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if c >= 0xC0 {
			need := 0
			switch {
			case c >= 0xF0 && c <= 0xF4:
				need = 4
			case c >= 0xE0 && c < 0xF0:
				need = 3
			case c >= 0xC2 && c < 0xE0:
				need = 2
			}
			if need > i {
				return i
			}
			return 0
		}
	}
	return 0
}

// Byte classes of the legacy code pages, for encLegacy.
var encArabic1256, encLatin1252 = func() (ar, la [128]bool) {
	for i := range 128 {
		b := byte(0x80 + i)
		r := charmap.Windows1256.DecodeByte(b)
		ar[i] = unicode.Is(unicode.Arabic, r) && (unicode.IsLetter(r) || unicode.Is(unicode.Mn, r))
		r = charmap.Windows1252.DecodeByte(b)
		la[i] = unicode.IsLetter(r) && unicode.Is(unicode.Latin, r)
	}
	return
}()

// encLegacy tells Windows-1256 (Arabic) from Windows-1252 (Western) text.
//
// Both code pages put ASCII in the low half and differ in the high half, so
// only runs of high bytes (≥ 0x80) matter. Arabic words in Windows-1256 are
// runs of several high bytes that decode to Arabic letters, separated from
// Latin letters by spaces or punctuation. Accented letters in Windows-1252
// are one or two high bytes glued to ASCII letters inside a Latin word
// ("Café", "Müller"). So: a run touching an ASCII letter votes for 1252 with
// the number of its bytes that are Latin letters in 1252; a free-standing run
// that is mostly Arabic letters in 1256 votes for 1256 with its length. The
// larger vote wins; a tie (no evidence) is Windows-1252. Note that 0xE9 (é)
// and 0xFC (ü) are the same letters in both pages, so "Café Müller" decodes
// identically — only the word-shape evidence separates them.
func encLegacy(b []byte) string {
	arabic, latin := 0, 0
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		j := i
		ar, la := 0, 0
		for j < len(b) && b[j] >= 0x80 {
			if encArabic1256[b[j]-0x80] {
				ar++
			}
			if encLatin1252[b[j]-0x80] {
				la++
			}
			j++
		}
		glued := (i > 0 && encASCIILetter(b[i-1])) || (j < len(b) && encASCIILetter(b[j]))
		switch {
		case glued:
			latin += la
		case ar*4 >= (j-i)*3:
			arabic += j - i
		}
		i = j
	}
	if arabic > latin {
		return enc1256
	}
	return enc1252
}

func encASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// encBinaryAt returns the offset of the first byte that shows the sample is
// not text, or -1. Control characters (NUL included; not tab, newline, CR,
// form feed, vertical tab or the old ^Z end marker) make a file binary when
// they are more than 5% of the sample. A stray NUL is not enough: one deep in
// a file is only ever seen by the reader, which replaces it with U+FFFD
// (encUTF8Fixer), so one near the start is treated the same way.
func encBinaryAt(sample []byte, enc string, bom int) int {
	b := sample[bom:]
	first, ctrl, n := -1, 0, 0
	if enc == encUTF16LE || enc == encUTF16BE {
		for i := 0; i+1 < len(b); i += 2 {
			u := uint16(b[i]) | uint16(b[i+1])<<8
			if enc == encUTF16BE {
				u = uint16(b[i])<<8 | uint16(b[i+1])
			}
			n++
			if u < 0x20 && !encAllowedControl(byte(u)) {
				if first < 0 {
					first = bom + i
				}
				ctrl++
			}
		}
	} else {
		for i, c := range b {
			if c < 0x20 && !encAllowedControl(c) {
				if first < 0 {
					first = bom + i
				}
				ctrl++
			}
		}
		n = len(b)
	}
	if ctrl > 0 && ctrl*20 > n {
		return first
	}
	return -1
}

func encAllowedControl(c byte) bool {
	return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1A
}

// encDecoding returns the decoder of a non-UTF-8 encoding.
func encDecoding(enc string) encoding.Encoding {
	switch enc {
	case encUTF16LE:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case encUTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	case enc1256:
		return charmap.Windows1256
	case enc1252:
		return charmap.Windows1252
	}
	return nil
}

// encReader returns r transcoded to UTF-8 while streaming. r must already be
// past any byte-order mark. UTF-8 input passes through a checker that leaves
// valid text untouched (no copy) and replaces invalid bytes with U+FFFD.
func encReader(r io.Reader, enc string) io.Reader {
	if d := encDecoding(enc); d != nil {
		return transform.NewReader(r, d.NewDecoder())
	}
	return &encUTF8Fixer{r: r}
}

// encDecodeSample decodes a sample for sniffing (format, delimiter).
func encDecodeSample(b []byte, enc string) []byte {
	d := encDecoding(enc)
	if d == nil {
		return b
	}
	out, _, _ := transform.Bytes(d.NewDecoder(), b)
	return out
}

// encUTF8Fixer passes UTF-8 through, replacing each invalid byte, and each
// NUL (never text, and a C string's end to many tools), with U+FFFD.
// Valid input is returned in place, in the caller's buffer; a rune cut by the
// end of one read is held back and completed by the next.
type encUTF8Fixer struct {
	r     io.Reader
	tail  [utf8.UTFMax]byte
	ntail int
	pend  []byte // fixed text that did not fit into the caller's buffer
	fix   []byte
	err   error
	fixed bool // an invalid byte was replaced: output offsets no longer equal input offsets
}

const encReplacement = "\uFFFD"

// encValidUTF8 is utf8.Valid, false on a NUL too, with a faster path for
// ASCII: 32 bytes per step.
func encValidUTF8(b []byte) bool {
	const hi, lo = 0x8080808080808080, 0x0101010101010101
	i := 0
	for i < len(b) {
		if i+32 <= len(b) {
			w0, w1 := binary.LittleEndian.Uint64(b[i:]), binary.LittleEndian.Uint64(b[i+8:])
			w2, w3 := binary.LittleEndian.Uint64(b[i+16:]), binary.LittleEndian.Uint64(b[i+24:])
			// A word has a zero byte when (w-lo)&^w&hi != 0.
			zero := (w0-lo)&^w0 | (w1-lo)&^w1 | (w2-lo)&^w2 | (w3-lo)&^w3
			if (w0|w1|w2|w3|zero)&hi == 0 {
				i += 32
				continue
			}
		}
		for end := min(i+32, len(b)); i < end; {
			if b[i] < utf8.RuneSelf {
				if b[i] == 0 {
					return false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			i += size
		}
	}
	return true
}

func (f *encUTF8Fixer) Read(p []byte) (int, error) {
	if len(f.pend) > 0 {
		n := copy(p, f.pend)
		f.pend = f.pend[n:]
		return n, nil
	}
	if f.err != nil {
		return 0, f.err
	}
	if len(p) < 2*utf8.UTFMax {
		// Too small to hold a held-back rune plus progress: go through pend.
		var tmp [64]byte
		n, err := f.Read(tmp[:])
		f.pend = append(f.pend[:0], tmp[:n]...)
		m := copy(p, f.pend)
		f.pend = f.pend[m:]
		if m == 0 {
			return 0, err
		}
		return m, nil
	}
	n := copy(p, f.tail[:f.ntail])
	f.ntail = 0
	m, err := f.r.Read(p[n:])
	n += m
	if err != nil {
		f.err = err
	} else if k := encIncompleteTail(p[:n]); k > 0 {
		copy(f.tail[:], p[n-k:n])
		f.ntail = k
		n -= k
	}
	if encValidUTF8(p[:n]) {
		if n == 0 && f.err != nil {
			return 0, f.err
		}
		return n, nil
	}
	f.fix = f.fix[:0]
	f.fixed = true
	for i := 0; i < n; {
		c := p[i]
		if c == 0 {
			f.fix = append(f.fix, encReplacement...)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			f.fix = append(f.fix, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:n])
		if r == utf8.RuneError && size == 1 {
			f.fix = append(f.fix, encReplacement...)
		} else {
			f.fix = append(f.fix, p[i:i+size]...)
		}
		i += size
	}
	k := copy(p, f.fix)
	f.pend = f.fix[k:]
	return k, nil
}
