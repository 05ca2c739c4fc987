package ingest

import "strings"

// countryNames lists, per ISO 3166 alpha-2 code, the names a country goes by
// in exports: English short and long names, alpha-3, common abbreviations and
// Arabic names. One line a country: CODE|name|name…
const countryNames = `
AE|United Arab Emirates|UAE|ARE|U.A.E.|Emirates|الإمارات|الامارات|الإمارات العربية المتحدة|الامارات العربية المتحدة
SA|Saudi Arabia|KSA|SAU|Kingdom of Saudi Arabia|السعودية|المملكة العربية السعودية|المملكة
EG|Egypt|EGY|Arab Republic of Egypt|مصر|جمهورية مصر العربية
JO|Jordan|JOR|Hashemite Kingdom of Jordan|الأردن|الاردن
KW|Kuwait|KWT|الكويت
QA|Qatar|QAT|قطر
BH|Bahrain|BHR|البحرين
OM|Oman|OMN|Sultanate of Oman|عمان|سلطنة عمان
LB|Lebanon|LBN|لبنان
SY|Syria|SYR|Syrian Arab Republic|سوريا|سورية
IQ|Iraq|IRQ|العراق
PS|Palestine|PSE|State of Palestine|Palestinian Territories|فلسطين
YE|Yemen|YEM|اليمن
MA|Morocco|MAR|المغرب
DZ|Algeria|DZA|الجزائر
TN|Tunisia|TUN|تونس
LY|Libya|LBY|ليبيا
SD|Sudan|SDN|السودان
MR|Mauritania|MRT|موريتانيا
SO|Somalia|SOM|الصومال
DJ|Djibouti|DJI|جيبوتي
KM|Comoros|COM|جزر القمر
GB|United Kingdom|UK|GBR|Great Britain|Britain|England|Scotland|Wales|Northern Ireland|United Kingdom of Great Britain and Northern Ireland|المملكة المتحدة|بريطانيا
US|United States|USA|U.S.|U.S.A.|United States of America|America|الولايات المتحدة|أمريكا|امريكا
CA|Canada|CAN|كندا
MX|Mexico|MEX
BR|Brazil|BRA|Brasil
AR|Argentina|ARG
CL|Chile|CHL
CO|Colombia|COL
PE|Peru|PER
IE|Ireland|IRL|أيرلندا
FR|France|FRA|فرنسا
DE|Germany|DEU|Deutschland|ألمانيا|المانيا
ES|Spain|ESP|España|إسبانيا|اسبانيا
PT|Portugal|PRT
IT|Italy|ITA|Italia|إيطاليا|ايطاليا
NL|Netherlands|NLD|The Netherlands|Holland|هولندا
BE|Belgium|BEL
LU|Luxembourg|LUX
CH|Switzerland|CHE|سويسرا
AT|Austria|AUT
SE|Sweden|SWE|السويد
NO|Norway|NOR
DK|Denmark|DNK
FI|Finland|FIN
IS|Iceland|ISL
PL|Poland|POL
CZ|Czechia|CZE|Czech Republic
SK|Slovakia|SVK
HU|Hungary|HUN
RO|Romania|ROU
BG|Bulgaria|BGR
GR|Greece|GRC
CY|Cyprus|CYP|قبرص
MT|Malta|MLT
HR|Croatia|HRV
SI|Slovenia|SVN
RS|Serbia|SRB
UA|Ukraine|UKR
RU|Russia|RUS|Russian Federation|روسيا
TR|Turkey|TUR|Türkiye|Turkiye|تركيا
IR|Iran|IRN|إيران|ايران
PK|Pakistan|PAK|باكستان
IN|India|IND|الهند
BD|Bangladesh|BGD
LK|Sri Lanka|LKA
NP|Nepal|NPL
AF|Afghanistan|AFG
CN|China|CHN|People's Republic of China|الصين
HK|Hong Kong|HKG
TW|Taiwan|TWN
JP|Japan|JPN|اليابان
KR|South Korea|KOR|Korea|Republic of Korea|كوريا الجنوبية
SG|Singapore|SGP|سنغافورة
MY|Malaysia|MYS|ماليزيا
ID|Indonesia|IDN|إندونيسيا|اندونيسيا
TH|Thailand|THA
VN|Vietnam|VNM|Viet Nam
PH|Philippines|PHL|الفلبين
AU|Australia|AUS|أستراليا|استراليا
NZ|New Zealand|NZL
ZA|South Africa|ZAF|جنوب أفريقيا
NG|Nigeria|NGA
KE|Kenya|KEN
ET|Ethiopia|ETH
GH|Ghana|GHA
SN|Senegal|SEN
TZ|Tanzania|TZA
UG|Uganda|UGA
IL|Israel|ISR
AZ|Azerbaijan|AZE
GE|Georgia|GEO
AM|Armenia|ARM
KZ|Kazakhstan|KAZ
UZ|Uzbekistan|UZB
`

var countryCodes = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(countryNames, "\n") {
		names := strings.Split(line, "|")
		if len(names) < 2 {
			continue
		}
		code := names[0]
		m[strings.ToLower(code)] = code
		for _, n := range names[1:] {
			m[NormalizeHeader(n)] = code
		}
	}
	return m
}()

// CountryCode returns the ISO 3166 alpha-2 code of a country written as a
// code or a name in English or Arabic, or ok=false when it is not known.
func CountryCode(v string) (code string, ok bool) {
	v = strings.TrimSpace(v)
	if len(v) == 2 {
		code, ok = countryCodes[strings.ToLower(v)]
		return code, ok
	}
	code, ok = countryCodes[NormalizeHeader(v)]
	return code, ok
}
