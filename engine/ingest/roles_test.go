package ingest

import (
	"fmt"
	"strings"
	"testing"
)

func TestNormalizeHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Customer_E-mail":       "customer e mail",
		"  Created   At ":       "created at",
		"customerId":            "customer id",
		"createdAt":             "created at",
		"IPAddress":             "ipaddress",
		"Order #":               "order #",
		"#":                     "#",
		"Submit Date (UTC)":     "submit date utc",
		"State/Region":          "state region",
		"E-Mail-Adresse":        "e mail adresse",
		"How likely…recommend?": "how likely recommend",
		"البريد الإلكتروني":     "البريد الالكتروني",
		"الــمــديــنــة":       "المدينه",
		"رقم الهاتف ١":          "رقم الهاتف 1",
		"مُسْتَوَى الرِّضَا":    "مستوي الرضا",
		"\u200fالاسم\u200f":     "الاسم",
		"ÉCOLE":                 "école",
		"":                      "",
		"---":                   "",
	} {
		if got := NormalizeHeader(in); got != want {
			t.Errorf("NormalizeHeader(%q) = %q, want %q", in, got, want)
		}
	}
	if NormalizeHeader("البريد الإلكتروني") != NormalizeHeader("البريد الالكتروني") {
		t.Error("alef forms are not unified")
	}
}

// rows builds a sample from columns of values (column-major, for readability).
func rows(cols ...[]string) [][]string {
	n := 0
	for _, c := range cols {
		n = max(n, len(c))
	}
	out := make([][]string, n)
	for i := range out {
		for _, c := range cols {
			v := ""
			if i < len(c) {
				v = c[i]
			}
			out[i] = append(out[i], v)
		}
	}
	return out
}

func repeat(n int, f func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

var (
	firstNames   = []string{"Sara", "Omar", "Lina", "James", "Aisha", "Noah", "Maya", "Yusuf", "Emma", "Khalid"}
	lastNames    = []string{"Haddad", "Smith", "Al-Otaibi", "Brown", "Mansour", "Garcia", "Nasser", "Lee", "Farouk", "Jones"}
	arabicNames  = []string{"محمد العتيبي", "سارة القحطاني", "أحمد الشمري", "نورة الدوسري", "خالد الحربي", "ريم الزهراني", "فهد المطيري", "هند الغامدي"}
	cities       = []string{"Riyadh", "Jeddah", "Dubai", "Cairo", "London", "Riyadh", "Dubai"}
	arabicCities = []string{"الرياض", "جدة", "الدمام", "مكة", "الرياض", "جدة"}
	comments     = []string{
		"The delivery was late and nobody answered my calls for two days",
		"Great service, the team was friendly and fixed my issue quickly",
		"I could not find the invoice in the app, very confusing screens",
		"Prices went up again this month without any notice at all",
		"Everything arrived on time and well packed, thank you so much",
	}
	arabicComments = []string{
		"الخدمة ممتازة والتوصيل كان سريع جدا شكرا لكم",
		"تأخر الطلب أسبوع كامل ولم يرد أحد على اتصالاتي",
		"التطبيق صعب الاستخدام ولا أجد الفاتورة بسهولة أبدا",
		"الأسعار مرتفعة مقارنة بالمنافسين لكن الجودة جيدة",
	}
)

func pick(list []string) func(int) string { return func(i int) string { return list[i%len(list)] } }

func name(i int) string { return firstNames[i%10] + " " + lastNames[(i*3)%10] }

func email(i int) string {
	return strings.ToLower(firstNames[i%10]) + fmt.Sprint(i) + "@example.com"
}

type want map[string]Role

func checkRoles(t *testing.T, label string, header []string, sample [][]string, w want) []ColumnRole {
	t.Helper()
	got := InferRoles(header, sample)
	if len(got) != len(header) {
		t.Fatalf("%s: %d roles for %d columns", label, len(got), len(header))
	}
	for j, cr := range got {
		if cr.Column != header[j] || cr.Index != j {
			t.Errorf("%s: column %d is %q/%d", label, j, cr.Column, cr.Index)
		}
		if cr.Confidence < 0 || cr.Confidence > 1 {
			t.Errorf("%s: %q confidence %v", label, cr.Column, cr.Confidence)
		}
		if cr.By == "" {
			t.Errorf("%s: %q has no By", label, cr.Column)
		}
		if strings.HasPrefix(string(cr.Role), "~") {
			t.Errorf("%s: %q leaks pseudo-role %q", label, cr.Column, cr.Role)
		}
		if r, ok := w[cr.Column]; ok && r != cr.Role {
			t.Errorf("%s: %q → %s (by %s, %.2f), want %s", label, cr.Column, cr.Role, cr.By, cr.Confidence, r)
		}
	}
	// At most one column per unique role.
	seen := map[Role]string{}
	for _, cr := range got {
		if _, ok := uniqueRoles[cr.Role]; ok {
			if prev, dup := seen[cr.Role]; dup {
				t.Errorf("%s: %s given to both %q and %q", label, cr.Role, prev, cr.Column)
			}
			seen[cr.Role] = cr.Column
		}
	}
	return got
}

func TestInferRolesEnglishContacts(t *testing.T) {
	const n = 40
	header := []string{"Customer ID", "Full Name", "Email Address", "Mobile", "City", "Country", "Company",
		"Industry", "No. of Employees", "Signup Date", "Gender", "Date of Birth", "Job Title", "Lifecycle Stage", "Notes"}
	sample := rows(
		repeat(n, func(i int) string { return fmt.Sprintf("C-%04d", 1000+i) }),
		repeat(n, name),
		repeat(n, email),
		repeat(n, func(i int) string { return fmt.Sprintf("+966 5%d %03d %04d", i%10, i*7%1000, i*37%10000) }),
		repeat(n, pick(cities)),
		repeat(n, pick([]string{"Saudi Arabia", "UAE", "Egypt", "United Kingdom"})),
		repeat(n, pick([]string{"Acme", "Globex", "Initech", "Umbrella", "Hooli"})),
		repeat(n, pick([]string{"Retail", "Software", "Healthcare"})),
		repeat(n, pick([]string{"1-10", "11-50", "51-200", "201-500"})),
		repeat(n, func(i int) string { return fmt.Sprintf("%02d/%02d/2023", 1+i%28, 1+i%12) }),
		repeat(n, pick([]string{"Female", "Male"})),
		repeat(n, func(i int) string { return fmt.Sprintf("19%02d-%02d-%02d", 60+i%40, 1+i%12, 1+i%28) }),
		repeat(n, pick([]string{"CTO", "Head of CX", "Marketing Manager"})),
		repeat(n, pick([]string{"lead", "customer", "opportunity"})),
		repeat(n, func(i int) string {
			if i%3 == 0 {
				return ""
			}
			return "met at the expo"
		}),
	)
	got := checkRoles(t, "en contacts", header, sample, want{
		"Customer ID": CustomerID, "Full Name": FullName, "Email Address": Email, "Mobile": Phone, "City": City,
		"Country": Country, "Company": Company, "Industry": Industry, "No. of Employees": Employees,
		"Signup Date": Date, "Gender": Gender, "Date of Birth": BirthDate, "Job Title": JobTitle,
		"Lifecycle Stage": Status,
	})
	for _, cr := range got {
		if cr.Role == Date && cr.DateOrder != DMY {
			t.Errorf("Signup Date order %q, want dmy", cr.DateOrder)
		}
		if cr.Role == BirthDate && cr.DateOrder != YMD {
			t.Errorf("Date of Birth order %q, want ymd", cr.DateOrder)
		}
		if cr.Role == Email && (cr.By != "header" || cr.Confidence < 0.9) {
			t.Errorf("Email: by %s confidence %v", cr.By, cr.Confidence)
		}
	}
	if k := InferKind(header, got); k != Contacts {
		t.Errorf("kind %s, want contacts", k)
	}
}

func TestInferRolesArabicContacts(t *testing.T) {
	const n = 30
	header := []string{"رقم العميل", "الاسم", "البريد الإلكتروني", "رقم الجوال", "المدينة", "الدولة", "الشركة",
		"القطاع", "عدد الموظفين", "تاريخ التسجيل", "الجنس", "العمر"}
	sample := rows(
		repeat(n, func(i int) string { return fmt.Sprintf("%d", 5000+i) }),
		repeat(n, pick(arabicNames)),
		repeat(n, email),
		repeat(n, func(i int) string { return fmt.Sprintf("٠٥٠%07d", i*7919%10000000) }),
		repeat(n, pick(arabicCities)),
		repeat(n, pick([]string{"السعودية", "الإمارات", "مصر"})),
		repeat(n, pick([]string{"شركة الأفق", "مؤسسة النور", "شركة الريادة"})),
		repeat(n, pick([]string{"التجزئة", "التقنية", "الصحة"})),
		repeat(n, pick([]string{"١٠", "٥٠", "٢٠٠"})),
		repeat(n, func(i int) string { return fmt.Sprintf("٢٠٢٣/%02d/%02d", 1+i%12, 1+i%28) }),
		repeat(n, pick([]string{"ذكر", "أنثى"})),
		repeat(n, func(i int) string { return fmt.Sprint(20 + i%40) }),
	)
	got := checkRoles(t, "ar contacts", header, sample, want{
		"رقم العميل": CustomerID, "الاسم": FullName, "البريد الإلكتروني": Email, "رقم الجوال": Phone,
		"المدينة": City, "الدولة": Country, "الشركة": Company, "القطاع": Industry, "عدد الموظفين": Employees,
		"تاريخ التسجيل": Date, "الجنس": Gender, "العمر": Age,
	})
	if k := InferKind(header, got); k != Contacts {
		t.Errorf("kind %s, want contacts", k)
	}
	// Other spellings.
	for h, r := range map[string]Role{"الايميل": Email, "الإيميل": Email, "البريد الالكتروني": Email, "الجوال": Phone,
		"رقم الهاتف": Phone, "الهاتف": Phone, "البلد": Country, "التاريخ": Date, "المبلغ": Amount, "الإجمالي": Amount,
		"التقييم": Rating, "التعليق": Text, "المراجعة": Text, "الملاحظات": Text, "الاسم الأول": FirstName,
		"اسم العائلة": LastName, "تاريخ الميلاد": BirthDate, "رقم الطلب": OrderID, "الكمية": Quantity,
		"المنتج": Product, "الحالة": Status, "القناة": Channel, "العملة": Currency, "المسمى الوظيفي": JobTitle} {
		if m := matchHeader(h); m.role != r {
			t.Errorf("header %q → %q (%.2f), want %s", h, m.role, m.score, r)
		}
	}
}

func TestInferRolesEnglishHeaders(t *testing.T) {
	for h, r := range map[string]Role{
		"email": Email, "E-mail": Email, "Email Address": Email, "Customer Email": Email, "customer_email": Email,
		"customerEmail": Email, "EmailAddress": Email, "Work e-mail": Email,
		"phone": Phone, "Phone Number": Phone, "Mobile": Phone, "Customer Phone": Phone, "WhatsApp": Phone,
		"name": FullName, "Full Name": FullName, "Customer Name": FullName, "First Name": FirstName,
		"firstName": FirstName, "Surname": LastName, "city": City, "Country": Country, "Company": Company,
		"Organization": Company, "Industry": Industry, "Employees": Employees, "Number of Employees": Employees,
		"date": Date, "Created At": Date, "created_at": Date, "createdAt": Date, "Order Date": Date,
		"Timestamp": Date, "Updated At": Ignore, "Last Activity Date": Ignore, "total": Amount, "Amount": Amount,
		"Order Total": Amount, "Total Price": Amount, "Amount Refunded": Refunded, "Discount Amount": Ignore,
		"rating": Rating, "Stars": Rating, "Star Rating": Rating, "comment": Text, "Comments": Text,
		"review": Text, "Feedback": Text, "message": Text, "Description": Text, "Order ID": OrderID,
		"Order Number": OrderID, "Order #": OrderID, "Invoice No": OrderID, "Customer ID": CustomerID,
		"customer_id": CustomerID, "customerId": CustomerID, "User ID": CustomerID, "Contact ID": CustomerID,
		"Requester ID": CustomerID, "Member ID": CustomerID, "Quantity": Quantity, "Qty": Quantity,
		"Product Name": Product, "SKU": Product, "Currency": Currency, "Status": Status, "Order Status": Status,
		"Channel": Channel, "utm_source": Channel, "Device": Device, "Event Name": EventName, "event": EventName,
		"Subject": Subject, "Date of Birth": BirthDate, "DOB": BirthDate, "Age": Age, "Language": Language,
		"Job Title": JobTitle, "Interests": Interests, "Gender": Gender, "State": Region, "Province": Region,
		"NPS": NPS, "NPS Score": NPS, "How likely are you to recommend us to a friend or colleague?": NPS,
		"On a scale of 0-10, how likely is it that you would recommend Acme?": NPS,
		"How easy was it to resolve your issue?":                              CES, "Customer Effort Score": CES,
		"How satisfied were you with the delivery?": CSAT, "Overall satisfaction": CSAT, "CSAT": CSAT,
		"ما مدى احتمال أن توصي بنا لصديق؟": NPS, "ما مدى سهولة التعامل معنا؟": CES, "ما مدى رضاك عن الخدمة؟": CSAT,
		"IP Address": Ignore, "Contact owner": Ignore, "Billing Country": Country, "Billing City": City,
		"Card Address Country": Country, "Zip": Ignore, "username": CustomerID, "Language Preference": Language,
		"How would you rate our service?": Rating, "csat_rating": CSAT, "nps_score": NPS,
		"What is the primary reason for your score?": Text, "Number of orders": OrderCount, "Last Order Date": Ignore,
		"Customer Since": Date, "Phone Country Code": Ignore, "Emirate": Region, "الإمارة": Region,
		"Would you recommend us?": NPS, "Occupation": JobTitle, "Company Size": Employees,
	} {
		if m := matchHeader(h); m.role != r {
			t.Errorf("header %q → %q (%.2f), want %s", h, m.role, m.score, r)
		}
	}
	for _, h := range []string{"col1", "Column 2", "field_3", "x", "Respondent ID", "Network ID", "foo bar"} {
		if m := matchHeader(h); m.role != "" {
			t.Errorf("header %q → %q (%.2f), want no match", h, m.role, m.score)
		}
	}
}

func TestInferRolesOrders(t *testing.T) {
	const n = 50
	header := []string{"Id", "Customer Email", "Order Date", "Total", "Subtotal", "Currency", "Product", "Qty",
		"Status", "Updated At", "Billing Phone"}
	sample := rows(
		repeat(n, func(i int) string { return fmt.Sprint(90001 + i) }),
		repeat(n, email),
		repeat(n, func(i int) string { return fmt.Sprintf("2024-%02d-%02d 10:%02d:00 +0300", 1+i%12, 1+i%28, i%60) }),
		repeat(n, func(i int) string { return fmt.Sprintf("%d.%02d", 50+i*13, i%100) }),
		repeat(n, func(i int) string { return fmt.Sprintf("%d.%02d", 40+i*13, i%100) }),
		repeat(n, pick([]string{"SAR", "AED", "USD"})),
		repeat(n, pick([]string{"Coffee beans 1kg", "Grinder", "Mug"})),
		repeat(n, func(i int) string { return fmt.Sprint(1 + i%3) }),
		repeat(n, pick([]string{"paid", "refunded", "pending"})),
		repeat(n, func(i int) string { return fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28) }),
		repeat(n, func(i int) string { return fmt.Sprintf("(555) %03d-%04d", 200+i, i*31%10000) }),
	)
	got := checkRoles(t, "orders", header, sample, want{
		"Id": OrderID, "Customer Email": Email, "Order Date": Date, "Total": Amount, "Subtotal": Ignore,
		"Currency": Currency, "Product": Product, "Qty": Quantity, "Status": Status, "Updated At": Ignore,
		"Billing Phone": Phone,
	})
	if k := InferKind(header, got); k != Orders {
		t.Errorf("kind %s, want orders", k)
	}
}

func TestInferRolesSurveys(t *testing.T) {
	const n = 60
	header := []string{"Response ID", "Email", "How likely are you to recommend us to a friend?",
		"How easy was it to get help?", "How satisfied are you with delivery?", "What could we improve?",
		"Submitted At"}
	sample := rows(
		repeat(n, func(i int) string { return fmt.Sprintf("r_%x", 0xabc000+i*7) }),
		repeat(n, email),
		repeat(n, func(i int) string { return fmt.Sprint(i % 11) }),
		repeat(n, func(i int) string { return fmt.Sprint(1 + i%7) }),
		repeat(n, func(i int) string { return fmt.Sprint(1 + i%5) }),
		repeat(n, pick(comments)),
		repeat(n, func(i int) string { return fmt.Sprintf("2024-03-%02dT09:%02d:00Z", 1+i%28, i%60) }),
	)
	got := checkRoles(t, "survey", header, sample, want{
		"Response ID": Ignore, "Email": Email, "How likely are you to recommend us to a friend?": NPS,
		"How easy was it to get help?": CES, "How satisfied are you with delivery?": CSAT,
		"What could we improve?": Text, "Submitted At": Date,
	})
	scales := map[Role]Scale{NPS: {0, 10}, CES: {1, 7}, CSAT: {1, 5}}
	for _, cr := range got {
		if sc, ok := scales[cr.Role]; ok && (cr.Scale == nil || *cr.Scale != sc) {
			t.Errorf("%s scale %v, want %v", cr.Role, cr.Scale, sc)
		}
	}
	if k := InferKind(header, got); k != Surveys {
		t.Errorf("kind %s, want surveys", k)
	}

	// Arabic survey, Arabic-Indic digits.
	header = []string{"البريد الالكتروني", "ما مدى احتمال أن توصي بنا لصديق؟", "ما مدى سهولة التعامل معنا؟",
		"ما مدى رضاك عن الخدمة؟", "ملاحظاتك", "التاريخ"}
	digits := []string{"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩", "١٠"}
	sample = rows(
		repeat(n, email),
		repeat(n, func(i int) string { return digits[i%11] }),
		repeat(n, func(i int) string { return digits[1+i%5] }),
		repeat(n, func(i int) string { return digits[1+i%5] }),
		repeat(n, pick(arabicComments)),
		repeat(n, func(i int) string { return fmt.Sprintf("%02d/03/2024", 1+i%28) }),
	)
	got = checkRoles(t, "ar survey", header, sample, want{
		"البريد الالكتروني": Email, "ما مدى احتمال أن توصي بنا لصديق؟": NPS, "ما مدى سهولة التعامل معنا؟": CES,
		"ما مدى رضاك عن الخدمة؟": CSAT, "ملاحظاتك": Text, "التاريخ": Date,
	})
	if k := InferKind(header, got); k != Surveys {
		t.Errorf("kind %s, want surveys", k)
	}
}

func TestInferRolesFromContentOnly(t *testing.T) {
	const n = 30
	header := []string{"col1", "col2", "col3", "col4", "col5", "col6", "col7", "col8"}
	sample := rows(
		repeat(n, email),
		repeat(n, func(i int) string { return fmt.Sprintf("%02d/%02d/2024", 1+i%28, 1+i%12) }),
		repeat(n, pick(comments)),
		repeat(n, func(i int) string { return fmt.Sprintf("$%d.%02d", 10+i*3, i%100) }),
		repeat(n, func(i int) string { return fmt.Sprintf("+44 7700 9%05d", i*17) }),
		repeat(n, pick([]string{"gold", "silver", "bronze"})),
		repeat(n, func(i int) string { return fmt.Sprintf("cus_%08x", 0x9f000000+i*977) }),
		repeat(n, func(i int) string { return fmt.Sprint(1 + i%5) }),
	)
	got := checkRoles(t, "content", header, sample, want{
		"col1": Email, "col2": Date, "col3": Text, "col4": Amount, "col5": Phone, "col6": Category,
		"col7": Ignore, "col8": Rating,
	})
	for _, cr := range got {
		if cr.Role != Ignore && cr.By != "content" {
			t.Errorf("%s: by %s, want content", cr.Column, cr.By)
		}
		if cr.Role == Ignore && cr.By != "default" {
			t.Errorf("%s: Ignore by %s, want default", cr.Column, cr.By)
		}
	}
	// An empty sample decides nothing by content; short rows are fine.
	got = checkRoles(t, "empty", header, nil, want{"col1": Ignore, "col2": Ignore})
	_ = got
	checkRoles(t, "short rows", []string{"email", "x", "y"}, [][]string{{"a@b.co"}, {}, {"c@d.co", "1"}}, want{"email": Email})
}

func TestInferRolesAmbiguousHeaders(t *testing.T) {
	const n = 20
	// "Customer" holding emails, "Contact" holding phones, "User" holding ids, "Requester" holding names.
	checkRoles(t, "persons", []string{"Customer", "Contact", "User", "Requester"}, rows(
		repeat(n, email),
		repeat(n, func(i int) string { return fmt.Sprintf("050%07d", 1234567+i) }),
		repeat(n, func(i int) string { return fmt.Sprintf("U-%05d", i) }),
		repeat(n, name),
	), want{"Customer": Email, "Contact": Phone, "User": CustomerID, "Requester": FullName})

	// A bare Id is the customer id of contacts, the order id of orders, ignored in tickets and surveys.
	checkRoles(t, "id contacts", []string{"ID", "Name", "Email"}, rows(
		repeat(n, func(i int) string { return fmt.Sprintf("C%04d", 77+i*3) }), repeat(n, name), repeat(n, email),
	), want{"ID": CustomerID})
	checkRoles(t, "id tickets", []string{"Id", "Subject", "Description", "Requester email"}, rows(
		repeat(n, func(i int) string { return fmt.Sprint(4000 + i) }), repeat(n, pick([]string{"Refund", "Login"})),
		repeat(n, pick(comments)), repeat(n, email),
	), want{"Id": Ignore, "Subject": Subject, "Description": Text, "Requester email": Email})
	// A row number is not an id.
	checkRoles(t, "row number", []string{"#", "Name", "Email"}, rows(
		repeat(n, func(i int) string { return fmt.Sprint(i + 1) }), repeat(n, name), repeat(n, email),
	), want{"#": Ignore, "Name": FullName})
	// Title: a job title in contacts, a subject elsewhere.
	checkRoles(t, "title contacts", []string{"Name", "Title", "Email"}, rows(
		repeat(n, name), repeat(n, pick([]string{"CEO", "CFO"})), repeat(n, email),
	), want{"Title": JobTitle})
	checkRoles(t, "title reviews", []string{"Title", "Rating", "Review", "Email"}, rows(
		repeat(n, pick([]string{"Great", "Bad"})), repeat(n, func(i int) string { return fmt.Sprint(1 + i%5) }),
		repeat(n, pick(comments)), repeat(n, email),
	), want{"Title": Subject, "Rating": Rating, "Review": Text})
}

func TestInferRolesContentOverridesWrongHeader(t *testing.T) {
	const n = 20
	got := checkRoles(t, "contradiction", []string{"Phone", "Email", "Satisfaction", "Score", "Why did you give this score?"}, rows(
		repeat(n, pick([]string{"yes", "no"})),
		repeat(n, email),
		repeat(n, pick([]string{"Good", "Bad", "Offered"})),
		repeat(n, func(i int) string { return fmt.Sprint(i % 11) }),
		repeat(n, pick(comments)),
	), want{"Phone": Category, "Email": Email, "Satisfaction": Category, "Score": Rating,
		"Why did you give this score?": Text})
	if got[0].By != "content" {
		t.Errorf("Phone column decided by %s", got[0].By)
	}
}

func TestInferRolesCodesUnderNameHeader(t *testing.T) {
	// Shopify-like line items: "Name" holds the order number, repeated per line item.
	const n = 30
	checkRoles(t, "order names", []string{"Name", "Email", "Total", "Lineitem name", "Billing Name"}, rows(
		repeat(n, func(i int) string { return fmt.Sprintf("#%d", 1001+i/2) }),
		repeat(n, func(i int) string { return email(i / 2) }),
		repeat(n, func(i int) string { return fmt.Sprintf("%d.00", 20+i) }),
		repeat(n, pick([]string{"Mug", "Tea"})),
		repeat(n, func(i int) string { return name(i / 2) }),
	), want{"Name": OrderID, "Email": Email, "Total": Amount, "Lineitem name": Product, "Billing Name": FullName})
}

func TestInferRolesOnePerUniqueRole(t *testing.T) {
	const n = 20
	got := checkRoles(t, "duplicates", []string{"Email", "Requester email", "Created at", "Order Date", "Updated at",
		"Comment", "Notes", "Phone", "Mobile Phone Number"}, rows(
		repeat(n, email), repeat(n, email),
		repeat(n, func(i int) string { return fmt.Sprintf("2024-01-%02d", 1+i) }),
		repeat(n, func(i int) string { return fmt.Sprintf("2024-02-%02d", 1+i) }),
		repeat(n, func(i int) string { return fmt.Sprintf("2024-03-%02d", 1+i) }),
		repeat(n, pick(comments)), repeat(n, pick(comments)),
		repeat(n, func(i int) string { return fmt.Sprintf("+1 202 555 %04d", i) }),
		repeat(n, func(i int) string { return fmt.Sprintf("+1 202 555 %04d", 100+i) }),
	), want{"Email": Email, "Requester email": Ignore, "Created at": Date, "Order Date": Ignore, "Updated at": Ignore,
		"Comment": Text, "Notes": Text, "Phone": Phone, "Mobile Phone Number": Ignore})
	_ = got
}

func TestInferKind(t *testing.T) {
	roles := func(rs ...Role) []ColumnRole {
		var out []ColumnRole
		for i, r := range rs {
			out = append(out, ColumnRole{Index: i, Role: r})
		}
		return out
	}
	cases := []struct {
		header []string
		roles  []ColumnRole
		want   Kind
	}{
		{nil, roles(Email, NPS, Text), Surveys},
		{nil, roles(Email, CES), Surveys},
		{nil, roles(CustomerID, CSAT, Date), Surveys},
		{nil, roles(Email, Rating, Text, Date), Reviews},
		{nil, roles(FullName, Rating), Reviews},
		{[]string{"Review", "Author"}, roles(Text, FullName), Reviews},
		{[]string{"المراجعة"}, roles(Text), Reviews},
		{nil, roles(Email, Subject, Text, Status), Tickets},
		{[]string{"Ticket ID", "Email", "Body"}, roles(Ignore, Email, Text), Tickets},
		{[]string{"Email", "Status", "Issue"}, roles(Email, Status, Text), Tickets},
		{[]string{"Email", "Status", "Notes"}, roles(Email, Status, Text), Contacts},
		{nil, roles(CustomerID, EventName, Date, Device), Events},
		{nil, roles(OrderID, Email, Amount, Date), Orders},
		{nil, roles(Email, Product, Quantity), Orders},
		{nil, roles(OrderID, Status, Text, Amount), Orders},
		{nil, roles(Email, FullName, City, Status), Contacts},
		{nil, roles(), Contacts},
	}
	for _, c := range cases {
		if got := InferKind(c.header, c.roles); got != c.want {
			var rs []Role
			for _, r := range c.roles {
				rs = append(rs, r.Role)
			}
			t.Errorf("InferKind(%q, %v) = %s, want %s", c.header, rs, got, c.want)
		}
	}
}
