package ingest

// Column roles from headers and content. A header is normalised, split into
// words and matched against English and Arabic phrases for every role; a
// sample of the column's values is classified by shape (emails, phones,
// dates, money, scores, free text, ids, names, categories). Header evidence
// beats content; content breaks ties, settles ambiguous headers ("Customer",
// "Id", "Title") and fills the gaps.

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeHeader lowercases and trims a header, folds punctuation,
// underscores and runs of spaces to single spaces, splits camelCase
// ("customerId" → "customer id"), strips Arabic diacritics, tatweel and
// bidi marks, unifies the alef forms (أ إ آ ٱ → ا), alef maqsura (ى → ي) and
// teh marbuta (ة → ه), and reads Arabic-Indic digits as ASCII. '#' is kept as
// a word of its own. So "Customer_E-mail" → "customer e mail", "Order #" →
// "order #", and "البريد الإلكتروني" matches "البريد الالكتروني".
func NormalizeHeader(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	space := false // a separator is pending
	prevLower := false
	for _, r := range h {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x0610 && r <= 0x061A, r == 0x0640:
			continue // diacritics, tatweel
		case r >= 0x0660 && r <= 0x0669:
			r = '0' + r - 0x0660
		case r >= 0x06F0 && r <= 0x06F9:
			r = '0' + r - 0x06F0
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case unicode.Is(unicode.Cf, r):
			continue // bidi marks, zero-width characters
		}
		if r == '#' {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteByte('#')
			space, prevLower = true, false
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			space = true
			prevLower = false
			continue
		}
		if unicode.IsUpper(r) && prevLower {
			space = true
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r) && prevLower
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Pseudo-roles of ambiguous headers, settled by content or by the file's kind.
const (
	anyID     Role = "~id"      // "Id", "#", "No": the file's own record id
	anyPerson Role = "~person"  // "Customer", "Contact": id, email, phone or name
	anyTitle  Role = "~title"   // "Title": a job title in contacts, a subject elsewhere
	idContent Role = "~content" // content: unique code-like values
)

// synonymText lists header phrases per role, '|'-separated. A phrase that
// starts with '=' matches only the whole header; '~' marks weaker evidence
// (0.8), '^' stronger (survey question wording, 1.3); "a * b" means both
// phrases, in that order, anywhere in the header.
var synonymText = [...]struct {
	role    Role
	phrases string
}{
	{CustomerID, "id de cliente|número de cliente|numero de cliente|identifiant client|numéro client|kundennummer|kunden id|customer id|customer number|customer no|customer #|customer code|customer ref|customer reference|" +
		"cust id|client id|client number|client code|user id|userid|uid|contact id|person id|member id|" +
		"membership number|account id|account number|requester id|buyer id|shopper id|subscriber id|profile id|" +
		"visitor id|~external id|~distinct id|~username|~user name|~login|رقم العميل|معرف العميل|كود العميل|رمز العميل|" +
		"رقم المستخدم|معرف المستخدم|رقم الحساب|رقم العضويه|رقم الزبون|هويه العميل"},
	// Trackers' ids for a visitor not yet signed in: Segment's anonymousId,
	// Amplitude's device_id, GA4's user_pseudo_id, Snowplow's domain_userid.
	{AnonymousID, "anonymous id|anonymousid|anon id|visitor id|device id|user pseudo id|domain userid|cookie id"},
	{anyID, "=id|=#|=no|=number|=ref|=reference|=record id|=key|=serial|=رقم|=الرقم|=المعرف|=معرف|=م"},
	{anyPerson, "=customer|=client|=user|=contact|=person|=member|=buyer|=requester|=subscriber|=shopper|" +
		"=respondent|=العميل|=الزبون|=المستخدم|=عميل|=المشترك"},
	{anyTitle, "=title"},
	{Email, "correo electrónico|correo electronico|correo|courriel|adresse e mail|adresse email|e mail adresse|email|e mail|email address|e mail address|~mail|customer email|contact email|user email|" +
		"requester email|buyer email|billing email|work email|personal email|البريد الالكتروني|البريد|الايميل|" +
		"ايميل|بريد الكتروني|الاميل|البريد الالكتروني للعميل"},
	{Phone, "teléfono|telefono|móvil|celular|téléphone|telephone portable|portable|telefon|telefonnummer|handy|handynummer|phone|phone number|telephone|telephone number|tel|mobile|mobile phone|mobile number|" +
		"mobile phone number|cell|cell phone|cellphone|whatsapp|whatsapp number|contact number|msisdn|billing phone|" +
		"الجوال|رقم الجوال|الهاتف|رقم الهاتف|هاتف|الموبايل|رقم الموبايل|تليفون|التليفون|الواتساب|رقم الواتساب|" +
		"رقم التواصل|المحمول|رقم المحمول|الهاتف المحمول|رقم الهاتف المحمول"},
	{FullName, "nombre|nombre completo|nom|nom complet|vollständiger name|name|full name|fullname|customer name|client name|contact name|display name|buyer name|" +
		"billing name|~shipping name|recipient|recipient name|member name|requester name|author|author name|reviewer|reviewer name|" +
		"الاسم|اسم العميل|الاسم الكامل|اسم|الاسم الثلاثي|اسم الزبون|الاسم بالكامل"},
	{FirstName, "prénom|prenom|vorname|nombre de pila|first name|firstname|given name|forename|fname|=first|الاسم الاول"},
	{LastName, "apellido|apellidos|nom de famille|nachname|familienname|last name|lastname|surname|family name|lname|=last|اسم العائله|العائله|الاسم الاخير|اللقب|الكنيه"},
	{Company, "empresa|entreprise|société|societe|firma|unternehmen|company|company name|organization|organisation|org|organization name|business|business name|" +
		"employer|~account|~account name|firm|billing company|الشركه|اسم الشركه|المنشاه|اسم المنشاه|المؤسسه|" +
		"جهه العمل|الجهه"},
	{Industry, "industry|sector|vertical|business type|القطاع|الصناعه|المجال|النشاط|مجال العمل|نوع النشاط"},
	{Employees, "employees|number of employees|employee count|no of employees|headcount|company size|~size|" +
		"team size|عدد الموظفين|حجم الشركه|عدد العاملين"},
	{Country, "país|pais|pays|land|country|~country code|nation|country region|billing country|shipping country|country name|" +
		"~nationality|الدوله|البلد|بلد|دوله|~الجنسيه"},
	{Region, "region|state|province|state region|county|emirate|governorate|billing province|billing state|" +
		"shipping province|territory|المنطقه|الولايه|المحافظه|الاماره|الاقليم"},
	{City, "ciudad|ville|stadt|ort|city|town|billing city|shipping city|locality|المدينه|مدينه"},
	{Gender, "género|genero|sexo|genre|geschlecht|gender|sex|الجنس|النوع الاجتماعي"},
	{BirthDate, "birth date|birthdate|date of birth|dob|birthday|born|born on|تاريخ الميلاد|الميلاد|يوم الميلاد"},
	{Age, "age|age years|~age group|~age range|العمر|السن|~الفئه العمريه"},
	{Language, "idioma|langue|sprache|language|preferred language|language preference|lang|locale|اللغه|اللغه المفضله"},
	{JobTitle, "job title|job|position|role|designation|occupation|job role|المسمي الوظيفي|الوظيفه|المنصب|المهنه"},
	{Interests, "interests|interest|hobbies|~preferences|topics of interest|الاهتمامات|اهتمامات|الهوايات"},
	{Date, "fecha|fecha de creación|date de création|date de creation|datum|erstellt am|date|created at|created|created date|create date|creation date|date created|created on|order date|" +
		"purchase date|transaction date|payment date|timestamp|~time|datetime|date time|submitted at|submit date|" +
		"submission date|submitted on|date submitted|response date|completed at|completed|^end date|event time|" +
		"occurred at|event date|review date|ticket date|opened at|signup date|sign up date|registration date|" +
		"registered at|joined|join date|date joined|visit date|~start date|customer since|member since|client since|التاريخ|تاريخ|تاريخ الطلب|تاريخ الانشاء|" +
		"تاريخ الاضافه|الوقت|وقت|تاريخ التسجيل|تاريخ الشراء|تاريخ الرد|تاريخ التقييم|تاريخ الزياره"},
	{OrderID, "id de transacción|número de transacción|numéro de transaction|transaktionscode|transaction code|número de pedido|numero de pedido|id del pedido|numéro de commande|bestellnummer|auftragsnummer|order id|order number|order no|order #|~order|order ref|order reference|order name|invoice|" +
		"invoice number|invoice id|invoice no|transaction id|transaction number|receipt|receipt number|receipt no|" +
		"purchase id|payment id|charge id|booking id|booking reference|رقم الطلب|رقم الفاتوره|الفاتوره|" +
		"رقم العمليه|~الطلب|رقم الحجز|رقم الايصال|رقم المعامله"},
	{Amount, "importe|monto|importe total|montant|montant total|betrag|gesamtbetrag|summe|bruto|brut|brutto|amount|total|order total|total amount|grand total|total price|total paid|amount paid|revenue|" +
		"sales|spend|spent|net amount|gross amount|payment amount|order value|order amount|" +
		"transaction amount|~subtotal|~price|~unit price|~value|~sum|~paid|المبلغ|الاجمالي|المجموع|~القيمه|" +
		"~السعر|قيمه الطلب|المبلغ المدفوع|اجمالي المبلغ|المبلغ الاجمالي|الاجمالي الكلي|المبلغ الكلي"},
	{Currency, "moneda|divisa|devise|währung|currency|currency code|العمله|رمز العمله"},
	{Quantity, "cantidad|quantité|quantite|menge|anzahl|quantity|qty|units|items|item count|number of items|lineitem quantity|pieces|الكميه|عدد القطع|كميه"},
	{Product, "producto|produit|produkt|artikel|product|product name|item|item name|lineitem name|~sku|~product id|~item id|~variant|plan|" +
		"~plan name|~service|~product title|المنتج|اسم المنتج|الصنف|الخدمه|الباقه|المنتجات"},
	{Category, "category|type|segment|tier|group|~tags|~tag|label|priority|level|plan type|customer type|" +
		"membership|loyalty tier|payment method|payment type|الفئه|التصنيف|النوع|الاولويه|الشريحه|المستوي|طريقه الدفع"},
	{Status, "estado|statut|état|status|order status|financial status|payment status|ticket status|lifecycle stage|stage|" +
		"deal stage|الحاله|حاله الطلب|حاله التذكره"},
	{Channel, "channel|source|via|medium|utm source|utm medium|acquisition channel|lead source|referrer|" +
		"referral source|sales channel|source name|القناه|المصدر|قناه البيع"},
	{Device, "device|device type|platform|os|operating system|browser|user agent|الجهاز|نوع الجهاز|المنصه"},
	{EventName, "event|event name|event type|action|activity|event action|الحدث|اسم الحدث|نوع الحدث|الاجراء"},
	{NPS, "nps|nps score|nps rating|net promoter|net promoter score|^likely to recommend|^likelihood to recommend|" +
		"^how likely * recommend|^would you recommend|~recommend|^احتمال * توصي|^احتمال * ترشيح|^توصي|ترشيح|توصيه|^ترشح"},
	{CES, "ces|ces score|ces rating|customer effort|customer effort score|^effort|effort score|^how easy|~ease|~easy|" +
		"^made it easy|^easy to handle|^easy for me|^how much effort|^how difficult|" +
		"^سهوله|~سهل|^الجهد|^كم كان سهلا"},
	{CSAT, "csat|csat score|csat rating|satisfaction rating|satisfaction|satisfaction score|^satisfied|^how satisfied|customer satisfaction|" +
		"overall satisfaction|^رضا|^الرضا|^راض|^راضي|^رضاك|^مستوي الرضا"},
	{Rating, "calificación|calificacion|puntuación|puntuacion|valoración|valoracion|bewertung|sterne|étoiles|estrellas|rating|ratings|stars|star rating|score|rate|review rating|overall rating|review score|~grade|" +
		"^how would you rate|^how do you rate|^rate your|^please rate|^كيف تقيم|^قيم|" +
		"التقييم|تقييم|النجوم|عدد النجوم|الدرجه|التقييم العام"},
	{Text, "comentario|comentarios|commentaire|commentaires|kommentar|bemerkung|avis|reseña|comment|comments|review|review text|review body|feedback|message|description|body|text|~notes|~note|" +
		"content|details|complaint|~reason|~why|suggestion|suggestions|additional comments|other comments|" +
		"anything else|verbatim|open ended|^reason for|^main reason|^primary reason|^why did you|^why do you|" +
		"^what could we|^what can we|^how can we improve|^what would you|^what do you like|^what did you like|" +
		"^tell us|^please explain|^please describe|^لماذا|^ما سبب|^ما الذي|^اقتراحاتك|^ملاحظاتك|التعليق|تعليق|التعليقات|المراجعه|مراجعه|الملاحظات|" +
		"ملاحظات|الرساله|رساله|الوصف|النص|الشكوي|السبب|اقتراحات|الاقتراحات|رايك|تفاصيل|التفاصيل"},
	{Subject, "asunto|objet|betreff|subject|topic|summary|headline|ticket subject|review title|الموضوع|عنوان التذكره|الملخص"},
	{LifetimeSpend, "total spent|lifetime spend|lifetime value|total spend|amount spent|customer lifetime value|" +
		"lifetime revenue|total purchases value|اجمالي المشتريات|اجمالي الانفاق"},
	{OrderCount, "total orders|orders count|order count|number of orders|no of orders|orders|purchase count|" +
		"total purchases|transaction count|عدد الطلبات"},
	{AverageOrder, "aov|average order value|avg order value|average order|متوسط قيمه الطلب"},
	{Consent, "accepts marketing|accepts email marketing|email opt in|opt in|opted in|subscription status|" +
		"email subscription status|marketing consent|email consent|email marketing consent|unsubscribed|" +
		"unsubscribed from emails|email opt out|gdpr consent|consent|موافقه التسويق"},
	{Survey, "survey|survey name|survey type|survey title|nps survey|questionnaire|اسم الاستبيان|نوع الاستبيان|الاستبيان"},
	{AnonymousID, "anonymous id|anonymousid|device id|distinct id|cookie id|client id ga"},
	// Columns that look like a role's but are not: refunds, fees, other dates, addresses, owners.
	{Refunded, "amount refunded|refunded amount|refund amount|refunded|total refunded|المبلغ المسترد|المسترد"},
	{Ignore, "refund|discount|discount amount|discount code|tax|" +
		"taxes|vat|fee|fees|shipping|shipping cost|shipping amount|tip|balance|credit|updated at|updated|" +
		"last updated|modified|modified at|last modified|date modified|last activity date|last activity|last seen|" +
		"last login|paid at|fulfilled at|closed at|solved at|resolved at|cancelled at|canceled at|shipped at|" +
		"delivered at|due date|expiry date|expiration date|first seen|ip address|ip|address|street|address line 1|" +
		"address line 2|address 1|address 2|zip|zip code|postal code|postcode|password|token|url|link|permalink|" +
		"latitude|longitude|lat|lng|owner|contact owner|owner name|assignee|assigned to|agent|sales rep|" +
		"account manager|email opt in|email marketing|email subscription|email subscribed|accepts email marketing|" +
		"email consent|email verified|email status|email domain|phone verified|sms consent|accepts sms marketing|" +
		"last order date|first order date|last order|last purchase date|last purchase|first purchase date|" +
		"number of orders|orders count|order count|total orders|orders|annual revenue|company revenue|arr|mrr|" +
		"phone country code|dial code|calling code|تاريخ اخر طلب|اخر طلب|عدد الطلبات|" +
		"الضريبه|الخصم|قيمه الخصم|الشحن|رسوم|رسوم الشحن|المبلغ المسترد|تاريخ التحديث|اخر تحديث|تاريخ الاغلاق|" +
		"العنوان|الرمز البريدي|المسؤول|الموظف"},
}

type synonym struct {
	role    Role
	toks    []string   // stemmed words
	compact string     // the normalised phrase without spaces
	parts   [][]string // for "a * b"
	exact   bool
	weight  float64
}

var synonyms = func() []synonym {
	var out []synonym
	for _, st := range synonymText {
		for _, p := range strings.Split(st.phrases, "|") {
			s := synonym{role: st.role, weight: 1}
			for len(p) > 0 && (p[0] == '=' || p[0] == '~' || p[0] == '^') {
				switch p[0] {
				case '=':
					s.exact = true
				case '~':
					s.weight = 0.8
				case '^':
					s.weight = 1.3
				}
				p = p[1:]
			}
			if strings.Contains(p, "*") {
				for _, part := range strings.Split(p, "*") {
					s.parts = append(s.parts, headerTokens(NormalizeHeader(part)))
				}
			}
			n := NormalizeHeader(p)
			if p == "#" {
				n = "#"
			}
			s.toks = headerTokens(n)
			s.compact = strings.ReplaceAll(n, " ", "")
			out = append(out, s)
		}
	}
	return out
}()

// headerTokens splits a normalised header into stemmed words: the Arabic
// article ال is dropped from words of four letters or more, and a plural s
// from Latin words of four letters or more (not "ss").
func headerTokens(n string) []string {
	toks := strings.Fields(n)
	for i, t := range toks {
		if strings.HasPrefix(t, "ال") && utf8.RuneCountInString(t) >= 4 {
			t = t[len("ال"):]
		} else if len(t) > 3 && t[len(t)-1] == 's' && t[len(t)-2] != 's' && t[0] < 0x80 {
			t = t[:len(t)-1]
		}
		toks[i] = t
	}
	return toks
}

// indexTokens returns where sub starts in toks as a contiguous run, or -1.
func indexTokens(toks, sub []string) int {
	if len(sub) == 0 {
		return -1
	}
outer:
	for i := 0; i+len(sub) <= len(toks); i++ {
		for j, s := range sub {
			if toks[i+j] != s {
				continue outer
			}
		}
		return i
	}
	return -1
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func isArabicText(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// headerMatch is the best role a header suggests.
type headerMatch struct {
	role  Role
	score float64
	words int // length of the phrase that matched
	pos   int // where it matched, in words
}

func (a headerMatch) better(b headerMatch, arabic bool) bool {
	if math.Abs(a.score-b.score) > 1e-9 {
		return a.score > b.score
	}
	if a.words != b.words {
		return a.words > b.words
	}
	if arabic {
		return a.pos < b.pos // Arabic puts the head noun first
	}
	return a.pos+a.words > b.pos+b.words // English puts it last
}

// matchHeader scores a header against every phrase.
func matchHeader(h string) headerMatch {
	n := NormalizeHeader(h)
	toks := headerTokens(n)
	if len(toks) == 0 {
		return headerMatch{}
	}
	compact := strings.ReplaceAll(n, " ", "")
	arabic := isArabicText(n)
	var best headerMatch
	for i := range synonyms {
		s := &synonyms[i]
		m := headerMatch{role: s.role, words: len(s.toks)}
		switch {
		case equalTokens(toks, s.toks):
			m.score = s.weight
		case compact == s.compact:
			m.score = 0.95 * s.weight
		case s.exact:
			continue
		case s.parts != nil:
			at := 0
			for _, p := range s.parts {
				k := indexTokens(toks[at:], p)
				if k < 0 {
					at = -1
					break
				}
				at += k + len(p)
			}
			if at < 0 {
				continue
			}
			m.score, m.pos = 0.9*s.weight, at-1
		default:
			if k := indexTokens(toks, s.toks); k >= 0 {
				cover := float64(len(s.toks)) / float64(len(toks))
				m.score, m.pos = (0.6+0.35*cover)*s.weight, k
			} else if !arabic && len(s.compact) >= 5 && strings.Contains(compact, s.compact) {
				cover := float64(len(s.compact)) / float64(len(compact))
				m.score, m.pos = (0.5+0.3*cover)*s.weight, strings.Index(compact, s.compact)*len(toks)/len(compact)
			} else {
				continue
			}
		}
		m.score = math.Min(m.score, 1)
		if m.better(best, arabic) {
			best = m
		}
	}
	if best.score < 0.5 {
		return headerMatch{}
	}
	// "Response ID", "Session ID", "Event ID": an id of something that is
	// not a customer, an order or a product says nothing about the column.
	switch last := toks[len(toks)-1]; last {
	case "id", "uuid", "guid", "key", "token":
		switch best.role {
		case CustomerID, OrderID, Product, Ignore, anyID, AnonymousID:
		default:
			return headerMatch{}
		}
	}
	// Arabic puts the head noun first: "رقم المراجعة" is the review's number,
	// not a review.
	switch toks[0] {
	case "رقم", "معرف", "كود", "رمز":
		if len(toks) > 1 {
			switch best.role {
			case CustomerID, OrderID, Product, Phone, Ignore, anyID:
			default:
				return headerMatch{}
			}
		}
	}
	return best
}

// contentStats describes a sample of one column's values.
type contentStats struct {
	n                         int // non-empty values
	email, phone, phoneLoose  int
	date, number, integer     int
	money, currency, twoDec   int
	boolean, long, spaced     int
	idLike, nameLike, country int
	distinct                  int
	totalLen                  int
	nums                      []float64
	values                    [][]byte
	sequential                bool // integers 1..n (or 0..n-1) in order: a row number
}

// nullish values count as empty.
func nullish(s string) bool {
	switch strings.ToLower(s) {
	case "", "null", "nil", "none", "n/a", "na", "#n/a", "nan", "-", "--", "—", "undefined", "(blank)", "غير متوفر", "لا يوجد":
		return true
	}
	return false
}

func looksLikeEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || strings.Count(s, "@") != 1 || strings.ContainsAny(s, " \t,;") {
		return false
	}
	dot := strings.LastIndexByte(s, '.')
	return dot > at+1 && dot < len(s)-2
}

// phoneShape reports whether s is written like a phone number: 7–15
// digits with only + ( ) - . / and spaces around them. strong means the
// writing says phone (a leading + or 00, a leading 0 with 9–12 digits,
// parentheses or separators), not just a long integer.
func phoneShape(s string) (loose, strong bool) {
	digits, seps := 0, 0
	plus, paren := false, false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 0x660 && r <= 0x669, r >= 0x6F0 && r <= 0x6F9:
			digits++
		case r == '+' && i == 0:
			plus = true
		case r == '(' || r == ')':
			paren = true
			seps++
		case r == ' ' || r == '-' || r == '.' || r == '/' || r == 0xA0 || r == 0x200E || r == 0x200F:
			seps++
		default:
			return false, false
		}
	}
	if digits < 7 || digits > 15 {
		return false, false
	}
	first := s[0]
	switch {
	case plus, strings.HasPrefix(s, "00"), paren:
		return true, true
	case first == '0' && digits >= 9 && digits <= 12:
		return true, true
	case seps >= 2 && digits >= 9:
		return true, true
	}
	return true, false
}

func looksLikeID(s string) bool {
	if len(s) == 0 || len(s) > 40 {
		return false
	}
	hasDigit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			hasDigit = true
		case c|0x20 >= 'a' && c|0x20 <= 'z', c == '-', c == '_', c == '#', c == ':', c == '.', c == '/':
		default:
			return false
		}
	}
	return hasDigit
}

func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 || len(s) > 60 {
		return false
	}
	for _, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		latin := first < 0x600
		if latin && !unicode.IsUpper(first) {
			return false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '\'' && r != '-' && r != '.' && !unicode.Is(unicode.Mn, r) {
				return false
			}
		}
	}
	return true
}

func hasTwoDecimals(s string) bool {
	s = strings.TrimRight(s, " %")
	n := len(s)
	return n >= 3 && (s[n-3] == '.' || s[n-3] == ',') && isDigit(s[n-2]) && isDigit(s[n-1])
}

func columnStats(sample [][]string, j int) *contentStats {
	st := &contentStats{}
	seen := map[string]bool{}
	for _, row := range sample {
		if j >= len(row) {
			continue
		}
		v := strings.TrimSpace(row[j])
		if nullish(v) {
			continue
		}
		st.n++
		st.totalLen += utf8.RuneCountInString(v)
		if !seen[v] {
			seen[v] = true
			st.distinct++
		}
		b := []byte(v)
		st.values = append(st.values, b)
		if strings.Contains(v, " ") {
			st.spaced++
		}
		if looksLikeEmail(v) {
			st.email++
			continue
		}
		loose, strong := phoneShape(v)
		if loose {
			st.phoneLoose++
		}
		if strong {
			if _, ok := ParseTime(b, DateAuto); !ok {
				st.phone++
				continue
			}
		}
		if _, ok := ParseTime(b, DateAuto); ok {
			st.date++
			continue
		}
		if x, cur, ok := ParseAmount(b); ok {
			st.number++
			st.nums = append(st.nums, x)
			if x == math.Trunc(x) && !strings.ContainsAny(v, ".,٫") {
				st.integer++
			}
			if cur != "" {
				st.currency++
			}
			if hasTwoDecimals(v) {
				st.twoDec++
			}
			if cur != "" || hasTwoDecimals(v) {
				st.money++
			}
		}
		if _, ok := ParseBool(b); ok {
			st.boolean++
		}
		if looksLikeID(v) {
			st.idLike++
		}
		if looksLikeName(v) {
			st.nameLike++
		}
		if _, ok := CountryCode(v); ok {
			st.country++
		}
	}
	if st.n > 0 && st.integer == st.n {
		st.sequential = true
		for i, x := range st.nums {
			if x != st.nums[0]+float64(i) || st.nums[0] > 1 || st.nums[0] < 0 {
				st.sequential = false
				break
			}
		}
	}
	return st
}

func (st *contentStats) frac(k int) float64 {
	if st.n == 0 {
		return 0
	}
	return float64(k) / float64(st.n)
}

func (st *contentStats) avgLen() float64 { return float64(st.totalLen) / math.Max(1, float64(st.n)) }

// fromContent decides a role from content alone.
func (st *contentStats) role() (Role, float64) {
	if st.n == 0 {
		return "", 0
	}
	conf := func(k int) float64 { return 0.5 + 0.45*st.frac(k) }
	unique := st.distinct == st.n && st.n >= 3
	switch {
	case st.frac(st.email) >= 0.7:
		return Email, conf(st.email)
	case st.frac(st.phone) >= 0.7:
		return Phone, conf(st.phone)
	case st.frac(st.date) >= 0.8:
		return Date, conf(st.date)
	case st.frac(st.number) >= 0.9:
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range st.nums {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		switch {
		case st.currency*2 >= st.number || st.twoDec*10 >= st.number*6 && st.integer < st.number:
			return Amount, conf(st.money)
		case st.integer == st.number && lo >= 0 && hi <= 10 && !st.sequential && st.n >= 3:
			return Rating, 0.5
		case unique && st.integer == st.number:
			return idContent, 0.5
		}
		return "", 0
	case st.frac(st.boolean) >= 0.9:
		return Category, 0.5
	case st.avgLen() > 25 && st.frac(st.spaced) >= 0.5:
		return Text, math.Min(0.9, 0.5+st.avgLen()/200)
	case unique && st.frac(st.idLike) >= 0.9:
		return idContent, 0.5
	case st.frac(st.country) >= 0.8 && st.n >= 3:
		return Country, conf(st.country) * 0.9
	case st.frac(st.nameLike) >= 0.8 && st.distinct*2 >= st.n:
		return FullName, 0.55
	case st.n >= 4 && st.distinct <= max(2, min(30, st.n/3)):
		return Category, 0.5
	}
	return "", 0
}

// contradicts reports whether the content of a column rules out the role its
// header suggests (with enough values to tell).
func (st *contentStats) contradicts(r Role) bool {
	if st.n < 5 {
		return false
	}
	switch r {
	case Email:
		return st.frac(st.email) < 0.2
	case Phone:
		return st.frac(st.phoneLoose) < 0.2
	case Date, BirthDate:
		return st.frac(st.date) < 0.2
	case Amount, Quantity, Age:
		return st.frac(st.number) < 0.2
	case NPS, CES, CSAT, Rating:
		return st.frac(st.number+scoreLike(st.values)) < 0.5
	case FullName, FirstName, LastName:
		return st.frac(st.email) >= 0.7 || st.frac(st.number) >= 0.9 || st.frac(st.idLike) >= 0.9
	case Company, City, Country, Region:
		return st.frac(st.email) >= 0.7 || st.frac(st.number) >= 0.9
	}
	return false
}

// uniqueRoles may be held by one column only; the best keeps it. Text,
// Subject, scores, categories and the like may apply to several columns.
var uniqueRoles = map[Role]Role{ // role → what the other columns fall back to
	CustomerID: Ignore, Email: Ignore, Phone: Ignore, Date: Ignore, Amount: Ignore, OrderID: Ignore,
	FullName: Ignore, FirstName: Ignore, LastName: Ignore, Company: Ignore, Country: Ignore, Region: Ignore,
	City: Ignore, BirthDate: Ignore, Currency: Ignore, Quantity: Ignore, Gender: Category, Age: Ignore,
	Language: Category, JobTitle: Ignore, Industry: Category, Employees: Ignore, Product: Category,
}

// InferRoles decides a role for every header column from the header text
// (English and Arabic phrases) and from a sample of rows (sample[i][j] is row
// i, column j; rows may be short).
//
// Header evidence beats content: a column keeps its header's role unless
// its content rules it out (a "Phone" column without digits), and then the
// content decides. Content alone decides for headers that match nothing
// ("col1") and for ambiguous ones: "Customer", "Contact" … become the
// email, phone, id or name they hold; a bare "Id", "#" or "No" is the
// customer id of a contacts file, the order id of an orders file and
// ignored elsewhere (also when it is a row number 1, 2, 3 …); "Title" is a
// job title in contacts and a subject elsewhere. Unique code-like values
// become a CustomerID only when the header says customer/user/contact/
// person/requester/member id.
//
// Each ColumnRole says By "header", "content" or "default" (Ignore because
// nothing fits), with a Confidence in 0..1; NPS/CES/CSAT/Rating columns get
// a Scale (DetectScale on the sample) and Date/BirthDate columns a DateOrder
// (DetectDateOrder). CustomerID, Email, Phone, Date, Amount, OrderID and the
// single-valued attributes (names, company, geography, currency, quantity,
// birth date …) go to one column each, the most confident (then the
// leftmost); the others fall back to Ignore, or Category for categorical
// attributes. Text, Subject, scores, Category, Status and the like may
// apply to several columns.
func InferRoles(header []string, sample [][]string) []ColumnRole {
	return inferRoles(header, sample, "")
}

// inferRoles is InferRoles for a file whose kind is known (a recognised
// export, or the user's choice): ambiguous columns settle by it.
func inferRoles(header []string, sample [][]string, kind Kind) []ColumnRole {
	out := make([]ColumnRole, len(header))
	stats := make([]*contentStats, len(header))
	var pending []int // columns with a pseudo-role settled by the file's kind
	for j, h := range header {
		cr := ColumnRole{Column: h, Index: j, Role: Ignore, By: "default"}
		st := columnStats(sample, j)
		stats[j] = st
		hm := matchHeader(h)
		crole, cconf := st.role()
		switch hm.role {
		case "":
			if crole != "" && crole != idContent {
				cr.Role, cr.By, cr.Confidence = crole, "content", cconf
			}
		case anyPerson:
			cr.By, cr.Confidence = "header", 0.7
			switch crole {
			case Email, Phone:
				cr.Role = crole
			case idContent:
				cr.Role = CustomerID
			default:
				cr.Role = FullName
			}
		case anyID, anyTitle:
			cr.Role, cr.By, cr.Confidence = hm.role, "header", 0.6
			pending = append(pending, j)
		default:
			if st.contradicts(hm.role) {
				if st.frac(st.idLike) >= 0.9 {
					// Codes under a name-like header ("Name": #1001): the
					// file's own record id, settled by the kind.
					cr.Role, cr.By, cr.Confidence = anyID, "content", 0.5
					pending = append(pending, j)
					break
				}
				if crole != "" && crole != idContent {
					cr.Role, cr.By, cr.Confidence = crole, "content", cconf*0.8
				} else {
					cr.Role, cr.By, cr.Confidence = hm.role, "header", 0.3
				}
				break
			}
			cr.Role, cr.By, cr.Confidence = hm.role, "header", hm.score
			if crole == hm.role {
				cr.Confidence = math.Min(1, cr.Confidence+0.05)
			}
		}
		out[j] = cr
	}
	// Content-only names when the header names the person's name elsewhere.
	for j := range out {
		if out[j].Role == FullName && out[j].By == "content" {
			for k := range out {
				if k != j && out[k].By == "header" && (out[k].Role == FirstName || out[k].Role == LastName || out[k].Role == FullName) {
					out[j].Role, out[j].Confidence = Ignore, 0
					break
				}
			}
		}
	}
	keepBest(out)
	if len(pending) > 0 {
		if kind == "" {
			kind = InferKind(header, out)
		}
		has := map[Role]bool{}
		for _, c := range out {
			has[c.Role] = true
		}
		for _, j := range pending {
			cr := &out[j]
			switch {
			case cr.Role == anyTitle && kind == Contacts:
				cr.Role = JobTitle
			case cr.Role == anyTitle:
				cr.Role = Subject
			case stats[j].sequential:
				cr.Role, cr.Confidence = Ignore, 0.7
			case kind == Orders && !has[OrderID]:
				cr.Role = OrderID
			case kind == Contacts && !has[CustomerID]:
				cr.Role = CustomerID
			default:
				cr.Role = Ignore
			}
			has[cr.Role] = true
		}
		keepBest(out)
	}
	for j := range out {
		cr := &out[j]
		if cr.Role == Ignore && cr.By == "default" {
			cr.Confidence = 0
		}
		switch cr.Role {
		case NPS, CES, CSAT, Rating:
			sc := ScoreScale(cr.Role, stats[j].values)
			cr.Scale, cr.Reversed = &sc, ReversedScale(header[j], cr.Role)
		case Date, BirthDate:
			cr.DateOrder = DetectDateOrder(stats[j].values)
		}
		cr.Confidence = math.Round(cr.Confidence*100) / 100
	}
	return out
}

// keepBest leaves each unique role to its most confident column.
func keepBest(out []ColumnRole) {
	byRole := map[Role][]int{}
	for j, c := range out {
		if _, ok := uniqueRoles[c.Role]; ok {
			byRole[c.Role] = append(byRole[c.Role], j)
		}
	}
	for role, cols := range byRole {
		if len(cols) < 2 {
			continue
		}
		sort.SliceStable(cols, func(a, b int) bool {
			ca, cb := out[cols[a]], out[cols[b]]
			if ca.Confidence != cb.Confidence {
				return ca.Confidence > cb.Confidence
			}
			if (ca.By == "header") != (cb.By == "header") {
				return ca.By == "header"
			}
			return cols[a] < cols[b]
		})
		for _, j := range cols[1:] {
			out[j].Role = uniqueRoles[role]
			out[j].Confidence /= 2
		}
	}
}

// kindWords are header words that name a kind outright.
var kindWords = map[string]Kind{
	"review": Reviews, "reviews": Reviews, "مراجعه": Reviews, "المراجعه": Reviews, "المراجعات": Reviews,
	"ticket": Tickets, "tickets": Tickets, "تذكره": Tickets, "التذكره": Tickets, "التذاكر": Tickets,
	"order": Orders, "orders": Orders, "invoice": Orders, "payment": Orders, "transaction": Orders, "purchase": Orders,
	"الطلب": Orders, "طلب": Orders, "الفاتوره": Orders, "الدفع": Orders,
}

// supportWords are header words of support desks; with a status or free
// text they make a file of tickets.
var supportWords = map[string]bool{
	"priority": true, "issue": true, "case": true, "assignee": true, "agent": true, "resolution": true,
	"resolved": true, "escalated": true, "sla": true, "الاولويه": true, "المشكله": true, "البلاغ": true,
	"الموظف": true, "المسؤول": true,
}

// InferKind picks the source kind from the roles present and header
// words: the best of ScoreKinds.
func InferKind(header []string, roles []ColumnRole) Kind {
	k, _, _ := DecideKind(header, roles)
	return k
}
