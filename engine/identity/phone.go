package identity

import "strconv"

// Phone numbers are normalised to E.164 with a compact table of our own
// (under 6 KB): for every country, its ITU calling code, its trunk
// (national) prefix and, for each first digit of a national significant
// number, the lengths such numbers have. The table follows the ITU-T E.164
// assignments and the national numbering plans as collected by
// libphonenumber (national prefixes; lengths computed exactly from the
// general national number patterns). github.com/nyaruka/phonenumbers is used
// only by the tests, as an independent oracle, because it adds 1.65 MB to
// the wasm binary.
//
// Validation is by first digit and length: a number is accepted when some
// number of its country starts with that digit and has that length, even if
// no operator uses its exact prefix. That is the intended difference from
// libphonenumber's IsValidNumber: every number it calls valid normalises to
// the same E.164 here, and some it calls invalid are accepted. Identity
// resolution needs the same customer's number, written in different ways,
// to give the same key; it does not need to know the number is in service.

// phoneTable lists every country as ISO alpha-2 + calling code (the
// non-geographic codes 800, 808 … without a country), then "/trunk prefix"
// when the country has one, then ":" and, per group of first digits of the
// national significant number, "digits=lengths" (n or n-m, comma-separated),
// groups separated by ';'.
const phoneTable = "" +
	"800:0123456789=8 808:123456789=8 870:2356=9;7=9,12 878:1=12 881:0123789=9;6=9,10 " +
	"882:1=7-12;25=10,12;3=7,9-12;4=8,10;9=8 883:12345=8-12 888:0123456789=11 979:1359=9 " +
	"AC247:01589=6;46=5 AD376:1=6,8;35789=6;6=6,9 AE971/0:23=8;4679=8,9;5=9;8=5-12 AF93/0:234567=9 " +
	"AG1/1:2589=10 AI1/1:2589=10 AL355/0:23457=8;6=9;8=6-8;9=6 AM374/0:123456789=8 AO244:29=9 " +
	"AR54/0:1236=10;8=10,11;9=11 AS1/1:5689=10 AT43/0:1=4-13;2=7-13;3467=6-13;5=5-13;8=8-13;9=9-13 " +
	"AU61/0:1=5-10,12;23478=9 AW297:256789=7 AX358/0:1345=6-10;2=5-10;6=8-10;7=6-12;8=7-9 " +
	"AZ994/0:123456789=9 BA387/0:345789=8;6=8,9 BB1/1:2589=10 " +
	"BD880/0:1=10;2=8-10;346=7-10;57=6-9;89=6-10 BE32/0:12356789=8;4=8,9 BF226:024567=8 " +
	"BG359/0:0=12;2=6-8;34567=7,8;89=7-9 BH973:136789=8 BI257:2367=8 BJ229:0=10;8=8 BL590/0:56789=9 " +
	"BM1/1:4589=10 BN673:234578=7 BO591/0:234567=8;8=9 BQ599:347=7 BR55/0:1267=10,11;34=8,10,11;589=9-11 " +
	"BS1/1:2589=10 BT975:1=8;23456=7;78=7,8 BW267:08=10;24569=7;3=7,8;7=8 BY375/8:1234=9;8=6-11;9=10 " +
	"BZ501:0=11;2345678=7 CA1/1:2456789=10;3=7,10 CC61/0:1=6-10,12;48=9 " +
	"CD243/0:18=7,9;2=7,8;346=7;5=7,10;9=9 CF236:2678=8 CG242:028=9 CH41/0:2345679=9;8=9,12 CI225:02=10 " +
	"CK682:234578=5 CL56:1=11;2345789=9;6=9-11 CM237:26=9;8=8,9 " +
	"CN86/0:1=7,8,10-12;2=7,8,10,12;345789=7-11;6=7-10 CO57/0:1=11;369=10;4=8 CR506:234567=8;8=8,10;9=10 " +
	"CU53/0:27=7,8;34=6-8;56=8;8=10 CV238:234589=7 CW599:3467=7;9=8 CX61/0:1=6-10,12;48=9 CY357:25789=8 " +
	"CZ420:2345678=9;9=9-12 DE49/0:1=4-14;2579=6-15;3468=5-15 DJ253:27=8 DK45:23456789=8 DM1/1:5789=10 " +
	"DO1/1:589=10 DZ213/0:1234=8;56789=9 EC593/0:1=10,11;234567=8;9=9 EE372:369=7;457=7,8;8=7,8,10 " +
	"EG20/0:1=8-10;246=9;3=8;5=8,9;89=9,10 EH212/0:5678=9 ER291/0:178=7 ES34:56789=9 ET251/0:12345789=9 " +
	"FI358/0:12356=5-10;4=6-10;7=6-12;89=5-9 FJ679:0=11;23456789=7 FK500:234567=5 FM691:389=7 " +
	"FO298:23456789=6 FR33/0:123456789=9 GA241:01=8;2345=7;67=7,8 GB44/0:1=9,10;23579=10;8=7,9,10 " +
	"GD1/1:4589=10 GE995/0:34578=9 GF594/0:56789=9 GG44/0:13579=10;8=7,9,10 GH233/0:235=9;8=8,9 " +
	"GI350:256=8 GL299:123456789=6 GM220:23456789=7 GN224:3=8;67=9 GP590/0:56789=9 GQ240:23589=9 " +
	"GR30:25679=10;8=10-12 GT502:1=11;2345678=8 GU1/1:5689=10 GW245:4=7,9;9=9 GY592:23456789=7 " +
	"HK852:234567=8;8=8,9;9=5-8,11 HN504:2379=8;8=8,11 HR385/0:17=8;23459=8,9;68=7-9 HT509:234589=8 " +
	"HU36/06:1489=8;23567=8,9 ID62/0:0=11-17;1=7,9-11;236=7-11;4579=8-11;8=8-12 " +
	"IE353/0:1=8-10;2569=7-9;4=7-10;7=9;8=9,10 IL972/0:1=7,8,10-12;23489=8;57=9 IM44/0:135789=10 " +
	"IN91/0:0=13;1=8-13;23456789=10 IO246:3=7 IQ964/0:1=8;23456=8,9;7=10 IR98/0:12345678=6,7,10;9=4,5,10 " +
	"IS354:3=9;456789=7 IT39:0=6-12;1=9-11;3=9-12;457=10;8=6,8-10 JE44/0:135789=10 JM1/1:5689=10 " +
	"JO962/0:235689=8;47=9 JP81/0:0=8-17;134=9;256789=9,10 KE254/0:179=9;2=8,9;456=7-9;8=9,10 " +
	"KG996/0:235679=9;8=9,10 KH855/0:1=8-10;23456789=8,9 KI686/0:2458=5;3=5,8;67=8 KM269:3478=7 " +
	"KN1/1:589=10 KP850/0:1=10;2345678=8 KR82/0:0=11-14;1=8-10;2=8,9;346=5,6,9,10;5=5,6,9-11;7=10;8=9 " +
	"KW965:1=7;24569=8 KY1/1:3589=10 KZ7/8:7=10;8=10,14 LA856/0:2=8,10;3=8-10;45678=8 " +
	"LB961/0:13456=7;2=8;789=7,8 LC1/1:5789=10 LI423/0:2379=7;6=9;8=7,9 LK94/0:123456789=9 " +
	"LR231/0:2=8,9;378=9;45=7,9;6=7 LS266:2568=8 LT370/0:3456789=8 LU352:2345789=4-11;6=9 LV371:26789=8 " +
	"LY218/0:23456789=9 MA212/0:5678=9 MC377/0:3489=8;67=9 MD373/0:2356789=8 ME382/0:2345679=8;8=8,9 " +
	"MF590/0:56789=9 MG261/0:23=9 MH692/1:23456=7 MK389/0:234578=8 ML223:2456789=8 " +
	"MM95/0:1=6-8;2=6-9;4567=7-9;8=7-10;9=8-10 MN976/0:12=8-10;56789=8 MO853:0=7;268=8 MP1/1:5689=10 " +
	"MQ596/0:56789=9 MR222:2348=8 MS1/1:5689=10 MT356:235789=8 MU230:2346=7;57=8;8=7,10 " +
	"MV960:3467=7;8=10;9=7,10 MW265/0:1=7,9;23789=9 MX52:23456789=10 MY60/0:1=9,10;3=9;456789=8 " +
	"MZ258:2=8;8=9 NA264/0:68=8,9 NC687:02345789=6 NE227:02789=8 NF672:13=6 NG234/0:29=10;78=10-14 " +
	"NI505:125678=8 NL31/0:1=5,6,9;234567=9;8=7-10;9=7-11 NO47:0=5;23456789=8 " +
	"NP977/0:1=8,11;2345678=8;9=8,10 NR674:2456789=7 NU683:4567=4;8=7 " +
	"NZ64/0:1=10;29=8-10;346=8;5=7,9,10;7=8,9;8=5-10 OM968:1279=8;5=7;8=8,9 " +
	"PA507:0=11;1234579=7;6=8;8=7,8,10 PE51/0:145678=8;9=9 PF689:4=6,8;8=8,9 PG675:1234569=7;7=8;8=7,8 " +
	"PH63/0:1=11-13;2=6,9;34567=9;8=8-10;9=10 PK92/0:1=9;24567=9-12;3=10;89=8-12 " +
	"PL48:134579=7,9;2=6,7,9;6=6-9;8=7,9,10 PM508/0:234569=6;78=6,9 PR1/1:5789=10 " +
	"PS970/0:1=10;2489=8;5=9 PT351:1236789=9 PW680:23456789=7 PY595/0:25=8,9;3678=6-9;4=7-9;9=6-11 " +
	"QA974:0=11;2=7;34567=8;8=7,9 RE262/0:26789=9 RO40/0:23=6,9;6789=9 " +
	"RS381/0:123=7-12;6=8-10;78=6-12;9=6-10 RU7/8:3479=10;8=10,14 RW250/0:0=8;2789=9 SA966/0:159=9;8=10 " +
	"SB677:12345=5;6=5,7;789=7 SC248:24689=7 SD249/0:19=9 " +
	"SE46/0:1348=7-9;2=6-9,12;5=8,9;6=7-9,12;7=9;9=7-10 SG65:17=11;369=8;8=8,10 SH290:256=5;8=4 " +
	"SI386/0:1234567=8;8=5-8;9=6-8 SJ47:0=5;4789=8 SK421/0:2345=6,7,9;68=9;9=7,9 SL232/0:236789=8 " +
	"SM378:0=10;567=8 SN221:3789=9 SO252/0:1=6-8;2=7,8;34=6,7,9;5=7;679=8,9;8=6,9 SR597:2345=6;6789=7 " +
	"SS211/0:19=9 ST239:29=7 SV503:2567=8;89=7,11 SX1/1:5789=10 SY963/0:1235=8,9;4=8;9=9 " +
	"SZ268:0237=8;9=9 TA290:8=4 TC1/1:5689=10 TD235:236789=8 TG228:279=8 " +
	"TH66/0:0=13;1=8-10;23457=8;689=9 TJ992:0123456789=9 TK690:2347=4-7 TL670:23489=7;7=7,8 " +
	"TM993/8:1234567=8 TN216:2345789=8 TO676:09=7;234=5;5678=5,7 TR90/0:2359=10;4=7,10;8=10,12,13 " +
	"TT1/1:589=10 TV688:2=5;7=7;9=6 TW886/0:2=7-9;34568=8,9;7=8,10,11;9=9 TZ255/0:2456789=9 " +
	"UA380/0:34567=9;89=9,10 UG256/0:234789=9 US1/1:2456789=10;3=7,10 " +
	"UY598/0:0=6-13;1=8;2=4,5,8;49=7,8;8=7 UZ998:2356789=9 VA39:0=6-11;1=9,10;3=9-12;5=10;8=6,8-10 " +
	"VC1/1:5789=10 VE58/0:245689=10 VG1/1:2589=10 VI1/1:3589=10 VN84/0:1=7-10;2=10;359=9;6=7-9;78=7,9 " +
	"VU678:234=5;579=7;8=5,7 WF681:479=6;8=6,9 WS685:2345=5;6=5,6;7=7;8=6,7,10 " +
	"XK383/0:2=8,9;3=8-12;489=8 YE967/0:1=7,8;23456=7;7=7,9 YT262/0:26789=9 ZA27/0:12345679=9;8=5-10 " +
	"ZM260/0:256789=9 ZW263/0:1=5-7;2=6-10;3=5-10;4=7,8;56=5-9;7=9;8=7,9,10;9=6,7 "

// phoneMain names the main country of calling codes shared by several.
const phoneMain = "1US 7RU 39IT 44GB 47NO 61AU 212MA 262RE 290SH 358FI 590GP 599CW"

// nanpAreas maps the NANP area codes outside the United States to their
// country: Canada and the Caribbean.
const nanpAreas = "CA204 CA226 CA236 CA249 CA250 CA257 CA263 CA289 CA306 CA343 CA354 CA365 CA367 CA368 " +
	"CA382 CA403 CA416 CA418 CA428 CA431 CA437 CA438 CA450 CA468 CA474 CA506 CA514 CA519 CA548 CA579 " +
	"CA581 CA584 CA587 CA600 CA604 CA613 CA622 CA633 CA639 CA647 CA672 CA683 CA705 CA709 CA742 CA753 " +
	"CA778 CA780 CA782 CA807 CA819 CA825 CA867 CA873 CA879 CA902 CA905 CA942 " +
	"AG268 AI264 AS684 BB246 BM441 BS242 DM767 DO809 DO829 DO849 GD473 GU671 JM658 JM876 KN869 KY345 " +
	"LC758 MP670 MS664 PR787 PR939 SX721 TC649 TT868 VC784 VG284 VI340"

// phonePlan is what the table says about one country, or about one calling
// code (the union of the countries sharing it).
type phonePlan struct {
	iso   string // "" for a non-geographic code
	cc    int
	trunk string
	lens  [10]uint32 // by first digit: bit n set when numbers of n digits exist
}

// valid reports whether nsn can be a national significant number.
func (c *phonePlan) valid(nsn []byte) bool {
	n := len(nsn)
	return n > 0 && n < 32 && c.lens[nsn[0]-'0']&(1<<n) != 0
}

var (
	phoneCountries []phonePlan    // one per country, in table order
	phoneCodes     []phonePlan    // one per calling code: the union of its countries
	phoneByISO     [26 * 26]int16 // index+1 into phoneCountries
	phoneByCC      [1000]int16    // index+1 into phoneCodes
	phoneMainOf    [1000]int16    // index+1 into phoneCountries of a calling code's main country
	nanpArea       [1000]uint16   // the country of a non-US NANP area code, two letters packed
)

func isoIndex(iso string) int {
	if len(iso) != 2 {
		return -1
	}
	a, b := iso[0]|0x20, iso[1]|0x20
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return -1
	}
	return int(a-'a')*26 + int(b-'a')
}

// parseLengths reads "5,6,8-12" as a bit set.
func parseLengths(s string) uint32 {
	var set uint32
	for s != "" {
		part := s
		if i := indexByte(s, ','); i >= 0 {
			part, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		lo, hi := part, part
		if i := indexByte(part, '-'); i >= 0 {
			lo, hi = part[:i], part[i+1:]
		}
		a, _ := strconv.Atoi(lo)
		b, _ := strconv.Atoi(hi)
		for n := a; n <= b && n < 32; n++ {
			set |= 1 << n
		}
	}
	return set
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// split calls f with each part of s between separators sep.
func split(s string, sep byte, f func(string)) {
	for s != "" {
		i := indexByte(s, sep)
		if i < 0 {
			f(s)
			return
		}
		if i > 0 {
			f(s[:i])
		}
		s = s[i+1:]
	}
}

func init() {
	split(phoneTable, ' ', func(e string) {
		colon := indexByte(e, ':')
		head := e[:colon]
		var c phonePlan
		if i := indexByte(head, '/'); i >= 0 {
			c.trunk = head[i+1:]
			head = head[:i]
		}
		if head[0] > '9' {
			c.iso, head = head[:2], head[2:]
		}
		c.cc, _ = strconv.Atoi(head)
		split(e[colon+1:], ';', func(g string) {
			eq := indexByte(g, '=')
			mask := parseLengths(g[eq+1:])
			for _, d := range g[:eq] {
				c.lens[d-'0'] |= mask
			}
		})
		if c.cc == 1 { // NANP: ten digits, area codes 2–9
			c.lens = [10]uint32{2: 1 << 10, 3: 1 << 10, 4: 1 << 10, 5: 1 << 10, 6: 1 << 10, 7: 1 << 10, 8: 1 << 10, 9: 1 << 10}
		}
		if c.iso != "" {
			phoneCountries = append(phoneCountries, c)
			phoneByISO[isoIndex(c.iso)] = int16(len(phoneCountries))
			if phoneMainOf[c.cc] == 0 {
				phoneMainOf[c.cc] = int16(len(phoneCountries))
			}
		}
		if i := phoneByCC[c.cc]; i > 0 {
			for d := range c.lens {
				phoneCodes[i-1].lens[d] |= c.lens[d]
			}
			return
		}
		code := c
		code.iso = ""
		phoneCodes = append(phoneCodes, code)
		phoneByCC[c.cc] = int16(len(phoneCodes))
	})
	split(phoneMain, ' ', func(e string) {
		cc, _ := strconv.Atoi(e[:len(e)-2])
		phoneMainOf[cc] = phoneByISO[isoIndex(e[len(e)-2:])]
	})
	for i := range phoneCodes {
		if m := phoneMainOf[phoneCodes[i].cc]; m > 0 {
			phoneCodes[i].trunk = phoneCountries[m-1].trunk
		}
	}
	split(nanpAreas, ' ', func(e string) {
		area, _ := strconv.Atoi(e[2:])
		nanpArea[area] = uint16(e[0])<<8 | uint16(e[1])
	})
}

func countryByISO(iso string) *phonePlan {
	i := isoIndex(iso)
	if i < 0 || phoneByISO[i] == 0 {
		return nil
	}
	return &phoneCountries[phoneByISO[i]-1]
}

// splitCallingCode finds the calling code at the start of international
// digits (codes are prefix-free).
func splitCallingCode[S []byte | string](d S) (code *phonePlan, rest S, ok bool) {
	v := 0
	for n := 1; n <= 3 && n <= len(d); n++ {
		v = v*10 + int(d[n-1]-'0')
		if v == 0 {
			break
		}
		if i := phoneByCC[v]; i > 0 {
			return &phoneCodes[i-1], d[n:], true
		}
	}
	return nil, rest, false
}

// phoneDigits extracts the digits of a written phone number, dropping
// formatting and an extension. plus reports a leading '+'.
func phoneDigits(raw string, d []byte) (n int, plus, ok bool) {
	s := raw
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == len(d) {
				return 0, false, false
			}
			d[n] = c
			n++
			i++
		case c == '+':
			if n > 0 || plus {
				return 0, false, false
			}
			plus = true
			i++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t' || c == '[' || c == ']':
			i++
		case c == ',' || c == ';' || c == '#' || c == '*':
			// A second number, RFC 3966 parameters, an extension.
			return n, plus, n > 0
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			j := i
			for j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
				j++
			}
			w := s[i:j]
			if n > 0 && isExtensionWord(w) {
				return n, plus, true
			}
			if n == 0 && !plus && (equalFold(w, "tel") || equalFold(w, "phone") || equalFold(w, "mobile") || equalFold(w, "mob") || equalFold(w, "cell")) {
				i = j
				if i < len(s) && (s[i] == ':' || s[i] == '.') {
					i++
				}
				continue
			}
			return 0, false, false
		case c >= 0x80:
			r, w := decodeRune(s[i:])
			switch {
			case r >= 0x660 && r <= 0x669 || r >= 0x6F0 && r <= 0x6F9:
				if n == len(d) {
					return 0, false, false
				}
				d[n] = byte('0' + r%16)
				n++
			case r == 0xA0 || r >= 0x2000 && r <= 0x200F || r >= 0x2010 && r <= 0x2015 || r == 0x2212 ||
				r >= 0x202A && r <= 0x202F || r >= 0x2066 && r <= 0x2069 || r == 0x61C || r == 0xFEFF || r == 0x3000:
				// spaces, dashes, bidi marks
			case r >= 0x600 && r <= 0x6FF:
				j := i
				for j < len(s) && s[j] >= 0x80 {
					j++
				}
				if n > 0 && isExtensionWord(s[i:j]) {
					return n, plus, true
				}
				return 0, false, false
			default:
				return 0, false, false
			}
			i += w
		default:
			return 0, false, false
		}
	}
	return n, plus, n > 0
}

func isExtensionWord(w string) bool {
	switch {
	case equalFold(w, "ext"), equalFold(w, "extn"), equalFold(w, "extension"), equalFold(w, "x"), equalFold(w, "ex"),
		w == "تحويلة", w == "داخلي", w == "فرعي":
		return true
	}
	return false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i]|0x20 != b[i]|0x20 {
			return false
		}
	}
	return true
}

// decodeRune decodes the UTF-8 sequence at the start of s (2 or 3 bytes;
// anything else returns 0xFFFD and 1).
func decodeRune(s string) (rune, int) {
	c := s[0]
	switch {
	case c&0xE0 == 0xC0 && len(s) > 1:
		return rune(c&0x1F)<<6 | rune(s[1]&0x3F), 2
	case c&0xF0 == 0xE0 && len(s) > 2:
		return rune(c&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return 0xFFFD, 1
}

func hasPrefix(d []byte, p string) bool {
	return len(d) >= len(p) && string(d[:len(p)]) == p
}

// NormalizePhone returns the E.164 form ("+966501234567") of a phone number
// written in any common way: with a +, 00 or 011 (from the US and Canada)
// international prefix, or as a national number with or without its trunk
// prefix (0 in SA/AE/EG/GB/FR/DE…, 1 in the NANP, 8 in RU/KZ, 06 in HU); a
// trunk prefix written after the country code is dropped ("+44 (0)20 …").
// Spaces, dashes, dots, slashes, parentheses, bidi marks, a leading label
// (tel:, phone, mobile, mob, cell) and an extension ("ext. 12", "x12", "#12", ";ext=12", "تحويلة 12") are
// ignored; Arabic-Indic digits are read. After a comma or semicolon the
// rest (often a second number) is ignored.
//
// defaultCountry (ISO 3166 alpha-2, any case) applies to numbers without an
// international prefix; a national number that is too long for it but
// starts with its calling code is read as international ("966501234567"
// with SA). The country-specific international prefixes 0011 (AU), 010
// (JP), 000 (KE), 009 (NG) and 810 (RU, KZ) are read for those countries;
// Argentinian mobiles written nationally with 15 ("011 15-2345-6789") get
// their international 9.
//
// ok is false when the text holds letters or other symbols, when there is
// no international prefix and no (known) default country, or when the
// number has the wrong length for its country's national numbers.
func NormalizePhone(raw string, defaultCountry string) (e164 string, ok bool) {
	var buf [24]byte
	n, plus, ok := phoneDigits(raw, buf[:])
	if !ok {
		return "", false
	}
	d := buf[:n]
	def := countryByISO(defaultCountry)
	intl := d
	switch {
	case plus:
	case def != nil && def.cc == 1 && hasPrefix(d, "011"):
		intl = d[3:]
	case def != nil && def.iso == "AU" && hasPrefix(d, "0011"):
		intl = d[4:]
	case def != nil && def.iso == "JP" && hasPrefix(d, "010"):
		intl = d[3:]
	case def != nil && def.iso == "KE" && hasPrefix(d, "000"):
		intl = d[3:]
	case def != nil && def.iso == "NG" && hasPrefix(d, "009"):
		intl = d[3:]
	case def != nil && def.cc == 7 && hasPrefix(d, "810"):
		intl = d[3:]
	case hasPrefix(d, "00"):
		intl = d[2:]
	default:
		intl = nil
	}
	if intl != nil {
		code, nsn, ok := splitCallingCode(intl)
		if !ok {
			return "", false
		}
		return finishPhone(code, nsn)
	}
	if def == nil {
		return "", false
	}
	if nsn, ok := nationalNumber(def, d); ok {
		return formatE164(def.cc, nsn), true
	}
	// The country code written without + or 00.
	var ccBuf [4]byte
	if cc := strconv.AppendInt(ccBuf[:0], int64(def.cc), 10); len(d) > len(cc) && string(d[:len(cc)]) == string(cc) {
		if nsn, ok := nationalNumber(def, d[len(cc):]); ok {
			return formatE164(def.cc, nsn), true
		}
	}
	return "", false
}

// nationalNumber strips the trunk prefix from a national number when that
// makes it valid, and checks it.
func nationalNumber(c *phonePlan, d []byte) ([]byte, bool) {
	if c.trunk != "" && hasPrefix(d, c.trunk) {
		if nsn := d[len(c.trunk):]; c.valid(nsn) {
			return nsn, true
		}
		if c.iso == "AR" && len(d) == 13 {
			if m := argentinaMobile(d[1:]); c.valid(m) {
				return m, true
			}
		}
	}
	if c.valid(d) {
		return d, true
	}
	return nil, false
}

// argentinaMobile turns a national mobile number with its "15" after the
// area code (2–4 digits) into the international form with a leading 9.
func argentinaMobile(d []byte) []byte {
	if len(d) != 12 {
		return d
	}
	for _, at := range [...]int{2, 3, 4} {
		if d[at] == '1' && d[at+1] == '5' {
			out := make([]byte, 11)
			out[0] = '9'
			copy(out[1:], d[:at])
			copy(out[1+at:], d[at+2:])
			return out
		}
	}
	return d
}

// finishPhone checks an international number's national part, dropping a
// trunk prefix written after the country code ("+44 (0)20 …").
// Like libphonenumber, it prefers the number without the trunk prefix when
// both readings are valid.
func finishPhone(code *phonePlan, nsn []byte) (string, bool) {
	if code.trunk != "" && hasPrefix(nsn, code.trunk) && code.valid(nsn[len(code.trunk):]) {
		return formatE164(code.cc, nsn[len(code.trunk):]), true
	}
	if code.valid(nsn) {
		return formatE164(code.cc, nsn), true
	}
	return "", false
}

func formatE164(cc int, nsn []byte) string {
	var out [24]byte
	b := append(out[:0], '+')
	b = strconv.AppendInt(b, int64(cc), 10)
	b = append(b, nsn...)
	return string(b)
}

// CountryOfPhone returns the ISO alpha-2 country of an E.164 number, or ""
// when it is not one or its calling code is not a country's. A shared code
// gives its main country (+44 → GB, +39 → IT …), except that NANP numbers
// (+1) go by area code to Canada or the Caribbean country that has it, and
// +7 numbers starting with 6 or 7 are Kazakh.
func CountryOfPhone(e164 string) string {
	if len(e164) < 2 || e164[0] != '+' {
		return ""
	}
	d := e164[1:]
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return ""
		}
	}
	code, nsn, ok := splitCallingCode(d)
	if !ok || phoneMainOf[code.cc] == 0 {
		return ""
	}
	switch code.cc {
	case 1:
		if len(nsn) >= 3 {
			area := int(nsn[0]-'0')*100 + int(nsn[1]-'0')*10 + int(nsn[2]-'0')
			if a := nanpArea[area]; a != 0 {
				return phoneCountries[phoneByISO[int(a>>8-'A')*26+int(a&0xFF-'A')]-1].iso
			}
		}
		return "US"
	case 7:
		if len(nsn) > 0 && (nsn[0] == '6' || nsn[0] == '7') {
			return "KZ"
		}
	}
	return phoneCountries[phoneMainOf[code.cc]-1].iso
}
