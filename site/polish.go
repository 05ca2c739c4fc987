package main

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/report/htmlreport"
	"github.com/qalbhq/qalb/engine/vocab"
)

// What makes a report trustworthy at first glance: plural forms, a list
// separator that cannot be misread next to Arabic-Indic digits, the
// overview's warnings about files that gave little or nothing, names of
// normalised values, recognised exports and timeline lines in the
// interface's language.

// N is a count with its noun in the right plural form: "1 file", "3 files";
// "ملف واحد", "ملفان", "٣ ملفات", "١١ ملفًا", "١٠٠ ملف". The catalog holds
// "n.<noun>.<category>", with "n.<noun>.other" as the fallback.
func (a *App) N(noun string, n int) string {
	key := "n." + noun + "." + htmlreport.PluralCategory(a.Lang, n)
	if _, ok := catalogs[a.Lang][key]; !ok {
		key = "n." + noun + ".other"
	}
	return a.Tf(key, a.Num(n))
}

// Sep joins the parts of one line. The middle dot reads as the Arabic zero
// (٠) next to Arabic-Indic digits, so Arabic uses its comma.
func (a *App) Sep() string { return a.T("sep.parts") }

// Alert is a warning at the top of the overview: a file that gave little or
// nothing, and why, with a link to where it can be fixed.
type Alert struct {
	ID   string // error, rejected, nocustomers, nodates, empty
	File string
	Text string
}

// Alerts are the overview's warnings, most severe first: files that could
// not be read, files whose rows were mostly rejected (with the main
// reason), files that gave no customer, and a report without customers or
// dates. A report whose numbers are whole has none.
func (a *App) Alerts() []Alert {
	r := a.Report
	if r == nil {
		return nil
	}
	var out []Alert
	for i := range r.Sources {
		s := &r.Sources[i]
		switch {
		case s.Error != "":
			out = append(out, Alert{ID: "error", File: s.File, Text: a.Tf("alert.error", a.FileError(s))})
		case s.Rows.Read > 0 && s.Rows.Rejected*2 > s.Rows.Read:
			reason := ""
			if len(s.Reasons) > 0 {
				reason = a.Message(s.Reasons[0].Key)
			}
			out = append(out, Alert{ID: "rejected", File: s.File,
				Text: a.Tf("alert.rejected", a.Num(s.Rows.Rejected), a.N("rows", s.Rows.Read), reason)})
		case s.Rows.Used == 0:
			out = append(out, Alert{ID: "empty", File: s.File, Text: a.T("alert.empty")})
		case s.Unlinked == s.Rows.Used && s.Kind != "events":
			out = append(out, Alert{ID: "nocustomers", File: s.File, Text: a.T("alert.nocustomers")})
		case s.Kind != "contacts" && !hasDates(s) && r.Period.From != "":
			// Orders, answers, tickets without a date are counted but not on
			// any monthly chart and not in recency.
			out = append(out, Alert{ID: "nodates-file", File: s.File, Text: a.T("alert.nodatesFile")})
		}
	}
	if r.Customers.Total == 0 {
		out = append([]Alert{{ID: "nocustomers-all", Text: a.T("alert.nocustomersAll")}}, out...)
	}
	if r.Period.From == "" && r.Rows.Used > 0 {
		out = append(out, Alert{ID: "nodates", Text: a.T("alert.nodates")})
	}
	return out
}

// hasDates says whether a source has a date column with values.
func hasDates(s *report.Source) bool {
	for _, c := range s.Columns {
		if c.Role == "date" && c.Filled > 0 {
			return true
		}
	}
	return false
}

// NameFrom labels a customer shown by an identifier because the data gives
// no name: "email", "phone", "id"; "" for a name.
func (a *App) NameFrom(from string) string {
	if from == "" || from == "name" {
		return ""
	}
	return a.TOr("nameFrom."+from, from)
}

// Language names an ISO 639-1 code in the interface language; a value the
// engine kept as written is shown as written.
func (a *App) Language(v string) string {
	if n := vocab.LanguageName(v, a.Lang); n != "" {
		return n
	}
	return v
}

// Channel names a channel key (engine/vocab) in the interface language.
func (a *App) Channel(v string) string {
	if n := vocab.ChannelName(v, a.Lang); n != "" {
		return n
	}
	if k := "bh.channel." + v; a.hasKey(k) { // a journey's channels: web, app, store, support …
		return a.T(k)
	}
	return v
}

// Device names a device key (engine/vocab) in the interface language.
func (a *App) Device(v string) string {
	if n := vocab.DeviceName(v, a.Lang); n != "" {
		return n
	}
	return v
}

// ExportPart is a piece of a recognised export's name: the tool's name (a
// brand, shown as written, left to right) or the kind of export, said in
// the interface's language.
type ExportPart struct {
	Text  string
	Brand bool
}

// ExportParts splits "HubSpot contacts" into the brand and the kind of
// export ("export.contacts"), in the order the language puts them: "HubSpot
// contacts", "جهات اتصال HubSpot". A name whose last word is no known kind
// is all brand ("SurveyMonkey").
func (a *App) ExportParts(name string) []ExportPart {
	if name == "" {
		return nil
	}
	brand, word := name, ""
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		if w := strings.ToLower(name[i+1:]); a.TOr("export."+w, "") != "" {
			brand, word = name[:i], a.T("export."+w)
		}
	}
	if word == "" {
		return []ExportPart{{Text: name, Brand: true}}
	}
	if a.Lang == "ar" {
		return []ExportPart{{Text: word + " "}, {Text: brand, Brand: true}}
	}
	return []ExportPart{{Text: brand, Brand: true}, {Text: " " + word}}
}

// ExportName is ExportParts as one string (for titles and attributes).
func (a *App) ExportName(name string) string {
	var b strings.Builder
	for _, p := range a.ExportParts(name) {
		b.WriteString(p.Text)
	}
	return b.String()
}

// plainNumber reads a number as the engine writes it in a summary
// ("4586.1", "-3", "9"): digits, an optional minus and one decimal point.
func plainNumber(s string) (float64, bool) {
	digits, dot := 0, false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' && i == 0:
		case r == '.' && !dot && digits > 0:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// TouchpointSummary says a timeline line in the interface's language: the
// engine joins the row's values with " · "; amounts are written as money
// everywhere else is ("USD 4,586.10"), scores and numbers in the user's
// digits, and the parts joined with the language's separator. Text from
// the data (products, subjects, comments, order numbers) stays as written.
// (Parsed by hand: the regexp package would add 100 KB to the wasm.)
func (a *App) TouchpointSummary(s string) string {
	parts := strings.Split(s, " · ")
	for i, p := range parts {
		head, rest, spaced := strings.Cut(p, " ")
		switch {
		case !spaced:
			if f, ok := plainNumber(p); ok {
				parts[i] = a.Dec(f, 2)
			}
		case strings.Trim(head, "★") == "" && strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")"):
			if f, ok := plainNumber(rest[1 : len(rest)-1]); ok {
				parts[i] = head + " (" + a.Dec(f, 2) + ")"
			}
		case head == "NPS" || head == "CES" || head == "CSAT" || head == "★":
			if f, ok := plainNumber(rest); ok {
				label := "★"
				if head != "★" {
					label = a.Metric(strings.ToLower(head))
				}
				parts[i] = label + " " + a.Dec(f, 2)
			}
		case isCurrencyCode(head):
			if f, ok := plainNumber(rest); ok {
				parts[i] = a.Money(report.Money{Currency: head, Amount: f})
			}
		}
	}
	return strings.Join(parts, a.Sep())
}

func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func init() {
	addCatalog(map[string]string{
		"sep.parts":     " · ",
		"overview.asOf": "as of {0}",
		"msg.notNames":  "column {0} is not read as people's names: its {1} values repeat across {2} customers",

		"n.files.one":         "{0} file",
		"n.files.other":       "{0} files",
		"n.sources.one":       "{0} source",
		"n.sources.other":     "{0} sources",
		"n.rows.one":          "{0} row",
		"n.rows.other":        "{0} rows",
		"n.customers.one":     "{0} customer",
		"n.customers.other":   "{0} customers",
		"n.unified.one":       "{0} unified customer",
		"n.unified.other":     "{0} unified customers",
		"n.touchpoints.one":   "{0} touchpoint",
		"n.touchpoints.other": "{0} touchpoints",
		"n.days.one":          "{0} day",
		"n.days.other":        "{0} days",
		"n.conflicts.one":     "{0} conflict",
		"n.conflicts.other":   "{0} conflicts",
		"n.repeat.one":        "{0} repeat buyer",
		"n.repeat.other":      "{0} repeat buyers",

		"alert.title":          "Some files gave less than expected",
		"alert.error":          "This file could not be read: {0}",
		"alert.rejected":       "{0} of its {1} were rejected. Main reason: {2}",
		"alert.empty":          "This file has no rows Qalb could use.",
		"alert.nocustomers":    "No customer came from this file: none of its rows has a customer id, an email or a phone that Qalb could read.",
		"alert.nocustomersAll": "No customers were found in your files.",
		"alert.nodates":        "No dates were found in any file: there are no monthly charts, and recency cannot be measured.",
		"alert.nodatesFile":    "No dates were found in this file: its rows are counted but are on no monthly chart.",
		"alert.fix":            "Check the columns on the Sources page",

		"nameFrom.email": "email",
		"nameFrom.phone": "phone",
		"nameFrom.id":    "id",
		"nameFrom.title": "No name in the data: shown by their {0}",

		"export.contacts":      "contacts",
		"export.orders":        "orders",
		"export.payments":      "payments",
		"export.tickets":       "tickets",
		"export.responses":     "responses",
		"export.reviews":       "reviews",
		"export.events":        "events",
		"export.customers":     "customers",
		"export.subscribers":   "subscribers",
		"export.transactions":  "transactions",
		"export.members":       "members",
		"export.leads":         "leads",
		"export.invoices":      "invoices",
		"export.charges":       "charges",
		"export.submissions":   "submissions",
		"export.conversations": "conversations",
	}, map[string]string{
		"sep.parts":     "، ",
		"overview.asOf": "حتى {0}",
		"msg.notNames":  "العمود {0} لا يُقرأ على أنه أسماء أشخاص: قيمه ({1}) تتكرر عبر {2} عميل",

		"n.files.zero":        "لا ملفات",
		"n.files.one":         "ملف واحد",
		"n.files.two":         "ملفان",
		"n.files.few":         "{0} ملفات",
		"n.files.many":        "{0} ملفًا",
		"n.files.other":       "{0} ملف",
		"n.sources.zero":      "لا مصادر",
		"n.sources.one":       "مصدر واحد",
		"n.sources.two":       "مصدران",
		"n.sources.few":       "{0} مصادر",
		"n.sources.many":      "{0} مصدرًا",
		"n.sources.other":     "{0} مصدر",
		"n.rows.zero":         "لا صفوف",
		"n.rows.one":          "صف واحد",
		"n.rows.two":          "صفان",
		"n.rows.few":          "{0} صفوف",
		"n.rows.many":         "{0} صفًا",
		"n.rows.other":        "{0} صف",
		"n.customers.zero":    "لا عملاء",
		"n.customers.one":     "عميل واحد",
		"n.customers.two":     "عميلان",
		"n.customers.few":     "{0} عملاء",
		"n.customers.many":    "{0} عميلًا",
		"n.customers.other":   "{0} عميل",
		"n.unified.zero":      "لا عملاء موحَّدين",
		"n.unified.one":       "عميل موحَّد واحد",
		"n.unified.two":       "عميلان موحَّدان",
		"n.unified.few":       "{0} عملاء موحَّدين",
		"n.unified.many":      "{0} عميلًا موحَّدًا",
		"n.unified.other":     "{0} عميل موحَّد",
		"n.touchpoints.zero":  "لا نقاط تواصل",
		"n.touchpoints.one":   "نقطة تواصل واحدة",
		"n.touchpoints.two":   "نقطتا تواصل",
		"n.touchpoints.few":   "{0} نقاط تواصل",
		"n.touchpoints.many":  "{0} نقطة تواصل",
		"n.touchpoints.other": "{0} نقطة تواصل",
		"n.days.zero":         "{0} يوم",
		"n.days.one":          "يوم واحد",
		"n.days.two":          "يومان",
		"n.days.few":          "{0} أيام",
		"n.days.many":         "{0} يومًا",
		"n.days.other":        "{0} يوم",
		"n.conflicts.zero":    "لا تعارضات",
		"n.conflicts.one":     "تعارض واحد",
		"n.conflicts.two":     "تعارضان",
		"n.conflicts.few":     "{0} تعارضات",
		"n.conflicts.many":    "{0} تعارضًا",
		"n.conflicts.other":   "{0} تعارض",
		"n.repeat.zero":       "لا مشترين متكررين",
		"n.repeat.one":        "مشترٍ متكرر واحد",
		"n.repeat.two":        "مشتريان متكرران",
		"n.repeat.few":        "{0} مشترين متكررين",
		"n.repeat.many":       "{0} مشتريًا متكررًا",
		"n.repeat.other":      "{0} مشترٍ متكرر",

		"alert.title":          "بعض الملفات أعطت أقل من المتوقع",
		"alert.error":          "تعذّرت قراءة هذا الملف: {0}",
		"alert.rejected":       "رُفض {0} من {1}. السبب الرئيسي: {2}",
		"alert.empty":          "ليس في هذا الملف صفوف يمكن لقلب استخدامها.",
		"alert.nocustomers":    "لم يأتِ أي عميل من هذا الملف: لا يحمل أي صف فيه معرّف عميل أو بريدًا إلكترونيًا أو هاتفًا أمكن قراءته.",
		"alert.nocustomersAll": "لم يُعثر على أي عميل في ملفاتك.",
		"alert.nodates":        "لم يُعثر على تواريخ في أي ملف: لا مخططات شهرية، ولا يمكن قياس حداثة التعامل.",
		"alert.nodatesFile":    "لم يُعثر على تواريخ في هذا الملف: تُحسب صفوفه لكنها لا تظهر في أي مخطط شهري.",
		"alert.fix":            "راجع الأعمدة في صفحة المصادر",

		"nameFrom.email": "البريد الإلكتروني",
		"nameFrom.phone": "الهاتف",
		"nameFrom.id":    "المعرّف",
		"nameFrom.title": "لا اسم في البيانات: يُعرض بـ{0}",

		"export.contacts":      "جهات اتصال",
		"export.orders":        "طلبات",
		"export.payments":      "مدفوعات",
		"export.tickets":       "تذاكر",
		"export.responses":     "ردود",
		"export.reviews":       "مراجعات",
		"export.events":        "أحداث",
		"export.customers":     "عملاء",
		"export.subscribers":   "مشتركو",
		"export.transactions":  "معاملات",
		"export.members":       "أعضاء",
		"export.leads":         "عملاء محتملون",
		"export.invoices":      "فواتير",
		"export.charges":       "عمليات دفع",
		"export.submissions":   "إرسالات",
		"export.conversations": "محادثات",
	})
}

// PartClass and PartDir mark a brand in an export's name as a name from
// the data: kept left to right, as written.
func (a *App) PartClass(p ExportPart) string {
	if p.Brand {
		return "export-brand"
	}
	return "export-kind"
}

// PartDir is the direction of a part of an export's name.
func (a *App) PartDir(p ExportPart) string {
	if p.Brand {
		return "ltr"
	}
	return "auto"
}

// minGroup is the smallest group a shared report shows.
func (a *App) minGroup() int {
	if a.Report != nil && a.Report.Shared != nil && a.Report.Shared.MinGroup > 0 {
		return a.Report.Shared.MinGroup
	}
	return report.MinGroup
}

// SharedNote is one line of what a shared report leaves out and why.
type SharedNote struct {
	Key  string
	Text string
}

// SharedNotes say, per breakdown, what a shared report hides: "Top
// companies: 12 rows of fewer than 5 customers each are not shown". Empty
// outside a shared report.
func (a *App) SharedNotes() []SharedNote {
	if a.Report == nil || a.Report.Shared == nil {
		return nil
	}
	var out []SharedNote
	for _, b := range a.Report.Shared.Breakdowns {
		out = append(out, SharedNote{Key: b.Key, Text: a.Tf("shared.hidden",
			a.TOr("breakdown."+b.Key, b.Key), a.N("hiddenRows", b.Count), a.Num(a.minGroup()))})
	}
	return out
}

// SharedHidden is the note under a top list of a shared report whose
// small rows were left out ("" when none were, or outside a shared report).
func (a *App) SharedHidden(id string) string {
	if a.Report == nil || a.Report.Shared == nil {
		return ""
	}
	key := "customers." + id
	if id == "channels" || id == "devices" {
		key = "activity." + id
	}
	for _, b := range a.Report.Shared.Breakdowns {
		if b.Key == key {
			return a.Tf("shared.hiddenHere", a.N("hiddenRows", b.Count), a.Num(a.minGroup()))
		}
	}
	return ""
}

func init() {
	addCatalog(map[string]string{
		"chart.svgShort":                  "SVG",
		"chart.pngShort":                  "PNG",
		"shared.fewer":                    "fewer than {0} customers",
		"shared.fewerOrders":              "fewer than {0} orders",
		"shared.fewerShort":               "<{0}",
		"shared.fewerRecords":             "fewer than {0}",
		"breakdown.activity.perMonth":     "Touchpoints per month (months)",
		"shared.title":                    "Left out of this shared report",
		"shared.why":                      "To protect the people in the data, a shared report never shows a group of fewer than {0}: such rows are left out of lists, and such months are kept on the time axis with their numbers hidden. Totals still count everyone.",
		"shared.hidden":                   "{0}: {1} with fewer than {2} each",
		"shared.hiddenHere":               "{0} with fewer than {1} customers each are not shown.",
		"n.hiddenRows.one":                "{0} row",
		"n.hiddenRows.other":              "{0} rows",
		"breakdown.customers.countries":   "Countries",
		"breakdown.customers.cities":      "Top cities",
		"breakdown.customers.companies":   "Top companies",
		"breakdown.customers.industries":  "Industries",
		"breakdown.customers.sizes":       "Company sizes",
		"breakdown.customers.languages":   "Languages",
		"breakdown.customers.newPerMonth": "New customers per month (months)",
		"breakdown.orders.perMonth":       "Revenue per month (months)",
		"breakdown.activity.channels":     "Channels",
		"breakdown.activity.devices":      "Devices",
	}, map[string]string{
		"chart.svgShort":                  "رسم متجهي",
		"chart.pngShort":                  "صورة",
		"shared.fewer":                    "أقل من {0} عملاء",
		"shared.fewerOrders":              "أقل من {0} طلبات",
		"shared.fewerShort":               "أقل من {0}",
		"shared.fewerRecords":             "أقل من {0}",
		"breakdown.activity.perMonth":     "نقاط التواصل شهريًا (أشهر)",
		"shared.title":                    "ما حُجب من هذا التقرير المشترك",
		"shared.why":                      "حمايةً للأشخاص في البيانات، لا يعرض التقرير المشترك أي مجموعة أصغر من {0}: تُحذف هذه الصفوف من القوائم، وتبقى هذه الأشهر على المحور الزمني مع حجب أرقامها. أما المجاميع فتعدّ الجميع.",
		"shared.hidden":                   "{0}: {1} أقل من {2} لكل منها",
		"shared.hiddenHere":               "لا تُعرض {0} أقل من {1} عملاء لكل منها.",
		"n.hiddenRows.zero":               "لا صفوف",
		"n.hiddenRows.one":                "صف واحد",
		"n.hiddenRows.two":                "صفان",
		"n.hiddenRows.few":                "{0} صفوف",
		"n.hiddenRows.many":               "{0} صفًا",
		"n.hiddenRows.other":              "{0} صف",
		"breakdown.customers.countries":   "الدول",
		"breakdown.customers.cities":      "أبرز المدن",
		"breakdown.customers.companies":   "أبرز الشركات",
		"breakdown.customers.industries":  "القطاعات",
		"breakdown.customers.sizes":       "أحجام الشركات",
		"breakdown.customers.languages":   "اللغات",
		"breakdown.customers.newPerMonth": "العملاء الجدد شهريًا (أشهر)",
		"breakdown.orders.perMonth":       "الإيرادات الشهرية (أشهر)",
		"breakdown.activity.channels":     "القنوات",
		"breakdown.activity.devices":      "الأجهزة",
	})
}

// ConflictRow is one id of a conflict, as a row of the quality page's list.
type ConflictRow struct {
	report.ConflictRecord
	Customer int
	First    bool // the first row of its conflict shows the customer
}

// ConflictRows lists every id of every listed conflict with where it was
// read and the key that tied it to the others.
func (c *Quality) ConflictRows() []ConflictRow {
	var out []ConflictRow
	for _, cf := range c.App.Report.Identity.Conflicts {
		recs := cf.Records
		if len(recs) == 0 { // a report from before records were listed
			for _, k := range cf.Keys {
				recs = append(recs, report.ConflictRecord{Key: k})
			}
		}
		for i, r := range recs {
			out = append(out, ConflictRow{ConflictRecord: r, Customer: cf.Customer, First: i == 0})
		}
	}
	return out
}

func init() {
	addCatalog(map[string]string{
		"quality.countsTitle":  "Customers in several files, and merges",
		"quality.countsText":   "{0} found in two or more files: a record of the second file carried an id, email or phone already known, which links it to the customer (a link). Of the {1} links, {2} were merges: a record that tied together two customers seen apart until then. So a customer found in several files seldom needs a merge, and the two counts measure different things.",
		"quality.conflictsWhy": "Two ids of one system (two CRM records, say) belong to one customer because they share an email or a phone. They stay merged; fix the source if they are different people.",
		"quality.customerN":    "Customer {0}",
		"col.customer":         "Customer",
		"col.conflictId":       "Id",
		"col.where":            "File and line",
		"col.via":              "Linked by",
	}, map[string]string{
		"quality.countsTitle":  "العملاء في عدة ملفات، وعمليات الدمج",
		"quality.countsText":   "{0} في ملفين أو أكثر: حمل سجلٌّ من الملف الثاني معرّفًا أو بريدًا إلكترونيًا أو هاتفًا معروفًا من قبل، فارتبط بالعميل (ربط). ومن أصل {1} عملية ربط كانت {2} عمليات دمج: سجلٌّ جمع عميلين ظهرا منفصلين حتى تلك اللحظة. لذا نادرًا ما يحتاج العميل الموجود في عدة ملفات إلى دمج، والعددان يقيسان أمرين مختلفين.",
		"quality.conflictsWhy": "معرّفان من نظام واحد (سجلّان في نظام إدارة العملاء مثلًا) يعودان إلى عميل واحد لأنهما يتشاركان بريدًا إلكترونيًا أو هاتفًا. يبقيان مدموجين؛ صحّح المصدر إن كانا شخصين مختلفين.",
		"quality.customerN":    "العميل {0}",
		"col.customer":         "العميل",
		"col.conflictId":       "المعرّف",
		"col.where":            "الملف والسطر",
		"col.via":              "رُبط عبر",
	})
}

// DownloadJSON saves the report as the same bytes `qalb analyze -o` writes.
func (a *App) DownloadJSON() {
	if a.Report == nil || a.SaveFile == nil || a.Early {
		return
	}
	b, err := report.Marshal(a.Report)
	if err != nil {
		return
	}
	a.SaveFile("qalb-report.json", "application/json", b)
}

// DownloadHTML saves the report as one self-contained HTML file in the
// interface's language: the bytes `qalb analyze --html F --lang L` writes.
func (a *App) DownloadHTML() {
	if a.Report == nil || a.SaveFile == nil || a.Early {
		return
	}
	var b bytes.Buffer
	if err := htmlreport.Render(&b, a.Report, a.Lang); err != nil {
		return
	}
	a.SaveFile("qalb-report-"+a.Lang+".html", "text/html;charset=utf-8", b.Bytes())
}

func init() {
	addCatalog(map[string]string{
		"download.json": "Download report (JSON)",
		"download.html": "Download report (HTML)",
	}, map[string]string{
		"download.json": "تنزيل التقرير (بيانات)",
		"download.html": "تنزيل التقرير (صفحة ويب)",
	})
}
