package ingest

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qalbhq/qalb/engine/table"
)

// The synthetic exports in fixtures/exports, one per layout of the
// registry, written with each tool's documented headers: each is
// recognised as its tool, read as the right kind, every data row counted
// (header, label, comment and later-table header rows are not data), and
// its main columns get their roles.
func TestExportFixtures(t *testing.T) {
	cases := []struct {
		file   string
		export string
		kind   Kind
		rows   int
		roles  map[string]Role
	}{
		{"shopify_orders.csv", "Shopify orders", Orders, 3, map[string]Role{"Name": OrderID, "Total": Amount, "Accepts Marketing": Consent, "Lineitem name": Product}},
		{"shopify_customers_legacy.csv", "Shopify customers", Contacts, 3, map[string]Role{"Email": Email, "Total Spent": LifetimeSpend, "Total Orders": OrderCount, "Accepts Marketing": Consent}},
		{"shopify_customers_2024.csv", "Shopify customers", Contacts, 3, map[string]Role{"Customer ID": CustomerID, "Accepts Email Marketing": Consent, "Total Spent": LifetimeSpend, "Default Address City": City}},
		{"woocommerce_orders.csv", "WooCommerce orders", Orders, 3, map[string]Role{"Order #": OrderID, "Net sales": Amount, "Customer": FullName}},
		{"woocommerce_customers.csv", "WooCommerce customers", Contacts, 3, map[string]Role{"Email": Email, "Orders": OrderCount, "Total spend": LifetimeSpend, "AOV": AverageOrder}},
		{"stripe_payments_titlecase.csv", "Stripe payments", Orders, 3, map[string]Role{"id": OrderID, "Created date (UTC)": Date, "Customer Email": Email}},
		{"stripe_payments_snake.csv", "Stripe payments", Orders, 3, map[string]Role{"id": OrderID, "created": Date, "amount": Amount, "customer_email": Email, "customer_id": CustomerID}},
		{"stripe_customers.csv", "Stripe customers", Contacts, 3, map[string]Role{"id": CustomerID, "Email": Email, "Total Spend": LifetimeSpend}},
		{"stripe_subscriptions.csv", "Stripe subscriptions", Orders, 3, map[string]Role{"id": OrderID, "Customer ID": CustomerID, "Amount": Amount}},
		{"paypal_activity.csv", "PayPal activity", Orders, 3, map[string]Role{"Gross": Amount, "From Email Address": Email, "Transaction ID": OrderID, "Fee": Ignore}},
		{"paypal_statement.csv", "PayPal statement", Orders, 3, map[string]Role{"Gross": Amount, "Description": Category, "Balance": Ignore}},
		{"paypal_statement_es.csv", "PayPal statement (Spanish)", Orders, 3, map[string]Role{"Bruto": Amount, "Fecha": Date, "Id. de transacción": OrderID, "Correo electrónico del remitente": Email}},
		{"paypal_statement_fr.csv", "PayPal statement (French)", Orders, 3, map[string]Role{"Brut": Amount, "Numéro de transaction": OrderID, "Adresse email de l'expéditeur": Email}},
		{"paypal_activity_de.csv", "PayPal activity (German)", Orders, 3, map[string]Role{"Brutto": Amount, "Transaktionscode": OrderID, "Absender E-Mail-Adresse": Email, "Typ": Category}},
		{"square_transactions.csv", "Square transactions", Orders, 3, map[string]Role{"Total Collected": Amount, "Transaction ID": OrderID, "Customer ID": CustomerID}},
		{"square_customers.csv", "Square customers", Contacts, 3, map[string]Role{"Square Customer ID": CustomerID, "Total Spend": LifetimeSpend, "Transaction Count": OrderCount}},
		{"salla_orders.csv", "Salla orders", Orders, 3, map[string]Role{"رقم الطلب": OrderID, "إجمالي الطلب": Amount, "جوال العميل": Phone}},
		{"zid_orders.csv", "Zid orders", Orders, 3, map[string]Role{"Order ID": OrderID, "Order Total": Amount, "Customer Mobile": Phone}},
		{"hubspot_contacts.csv", "HubSpot contacts", Contacts, 3, map[string]Role{"Record ID": CustomerID, "Email": Email, "Marketing contact status": Consent}},
		{"hubspot_companies.csv", "HubSpot companies", Contacts, 3, map[string]Role{"Company name": Company, "Industry": Industry}},
		{"hubspot_deals.csv", "HubSpot deals", Orders, 3, map[string]Role{"Amount": Amount, "Deal Stage": Status}},
		{"hubspot_feedback.csv", "HubSpot feedback submissions", Surveys, 6, map[string]Role{"Survey type": Survey, "Response": Text, "Email": Email}},
		{"hubspot_feedback_by_type.csv", "HubSpot feedback submissions", Surveys, 4, map[string]Role{"Survey type": Survey, "Response": Text,
			"Contact email": Email, "Submission date": Date, "Rating": NPS}},
		{"salesforce_contacts_api.csv", "Salesforce Data Loader (API names)", Contacts, 3, map[string]Role{"Id": CustomerID, "FirstName": FirstName, "CreatedDate": Date, "AccountId": Ignore}},
		{"salesforce_contacts_report.csv", "Salesforce report (labels)", Contacts, 3, map[string]Role{"Contact ID": CustomerID, "Account Name": Company}},
		{"mailchimp_subscribed.csv", "Mailchimp audience", Contacts, 3, map[string]Role{"Email Address": Email, "MEMBER_RATING": Ignore, "OPTIN_TIME": Date}},
		{"mailchimp_unsubscribed.csv", "Mailchimp audience", Contacts, 2, map[string]Role{"UNSUB_TIME": Consent, "UNSUB_REASON_OTHER": Text}},
		{"mailchimp_cleaned.csv", "Mailchimp audience", Contacts, 3, map[string]Role{"CLEAN_TIME": Consent}},
		{"klaviyo_profiles.csv", "Klaviyo profiles", Contacts, 3, map[string]Role{"Klaviyo ID": CustomerID, "Email Marketing Consent": Consent}},
		{"pipedrive_people.csv", "Pipedrive people", Contacts, 3, map[string]Role{"Person - Email - Work": Email, "Person - Name": FullName}},
		{"zoho_contacts.csv", "Zoho CRM contacts and leads", Contacts, 3, map[string]Role{"Record Id": CustomerID, "Email Opt Out": Consent}},
		{"intercom_users.csv", "Intercom users", Contacts, 3, map[string]Role{"User ID": CustomerID, "Unsubscribed from Emails": Consent}},
		{"zendesk_tickets.csv", "Zendesk tickets", Tickets, 3, map[string]Role{"Requester id": CustomerID, "Subject": Subject}},
		{"zendesk_tickets_api.json", "Zendesk tickets (API JSON)", Tickets, 3, map[string]Role{"requester_id": CustomerID, "subject": Subject, "via.channel": Channel, "description": Text}},
		{"freshdesk_tickets.csv", "Freshdesk tickets", Tickets, 3, map[string]Role{"Subject": Subject, "Email": Email}},
		{"helpscout_conversations.csv", "Help Scout conversations", Tickets, 3, map[string]Role{"Customer Email": Email}},
		{"intercom_conversations.csv", "Intercom conversations", Tickets, 3, map[string]Role{"User email": Email, "Conversation rating": Rating}},
		{"gorgias_tickets.csv", "Gorgias tickets", Tickets, 3, map[string]Role{"Customer email": Email, "Channel": Channel}},
		{"surveymonkey_raw.csv", "SurveyMonkey responses", Surveys, 3, map[string]Role{
			"Email Address": Email, "Which products do you use? — Coffee": Answer,
			"How likely is it that you would recommend this company to a friend or colleague?": NPS}},
		{"surveymonkey_pandas.csv", "SurveyMonkey responses", Surveys, 3, map[string]Role{
			"column 1": Ignore, "Which products do you use? — Tea": Answer,
			"How likely is it that you would recommend this company to a friend or colleague?": NPS}},
		{"surveymonkey_oneheader.csv", "SurveyMonkey responses", Surveys, 3, map[string]Role{"Which products do you use?": Answer}},
		{"typeform.csv", "Typeform", Surveys, 3, map[string]Role{"Submit Date (UTC)": Date, "How likely are you to recommend us to a friend?": NPS}},
		{"google_forms.csv", "Google Forms responses", Surveys, 3, map[string]Role{"Timestamp": Date, "Which features do you use?": Answer}},
		{"microsoft_forms.csv", "Microsoft Forms responses", Surveys, 3, map[string]Role{"Completion time": Date, "How satisfied are you with our service?": CSAT}},
		{"qualtrics.csv", "Qualtrics responses", Surveys, 3, map[string]Role{
			"Recorded Date": Date, "Recipient Email": Email, "Response ID": Ignore,
			"How likely are you to recommend us to a friend or colleague?":         NPS,
			"How likely are you to recommend us to a friend or colleague? - Group": Category,
			"Why did you give that score?":                                         Text, "Which plan are you on?": Answer}},
		{"alchemer.csv", "Alchemer responses (SurveyGizmo)", Surveys, 3, map[string]Role{"Date Submitted": Date, "Which of these do you use?:Reports": Answer}},
		{"delighted.csv", "Delighted", Surveys, 3, map[string]Role{"Score": NPS, "Comment": Text}},
		{"google_play_reviews.csv", "Google Play Console reviews", Reviews, 3, map[string]Role{"Star Rating": Rating, "Review Text": Text}},
		{"app_store_reviews.csv", "App Store Connect ratings and reviews", Reviews, 3, map[string]Role{"Rating": Rating, "Review": Text}},
		{"trustpilot_reviews.csv", "Trustpilot reviews", Reviews, 3, map[string]Role{"Review Stars": Rating, "Review Content": Text}},
		{"google_business_reviews.json", "Google Business Profile reviews", Reviews, 3, map[string]Role{"starRating": Rating, "comment": Text}},
		{"yelp_reviews.json", "Yelp reviews (open dataset)", Reviews, 3, map[string]Role{"stars": Rating, "user_id": CustomerID}},
		{"amazon_reviews.jsonl", "Amazon reviews (data set)", Reviews, 3, map[string]Role{"rating": Rating, "text": Text, "user_id": CustomerID}},
		{"amazon_fine_food_reviews.csv", "Amazon reviews (data set)", Reviews, 3, map[string]Role{"Score": Rating, "Text": Text, "UserId": CustomerID, "Time": Date, "Summary": Subject}},
		{"app_store_scraped_reviews.csv", "App Store Connect ratings and reviews", Reviews, 3, map[string]Role{"rating": Rating, "review": Text, "userName": FullName, "date": Date}},
		{"segment_events.ndjson", "Segment events", Events, 6, map[string]Role{"event": EventName, "anonymousId": AnonymousID, "userId": CustomerID,
			"name": Ignore, "context.traits.email": Email, "traits.name": FullName}},
		{"mixpanel_export.ndjson", "Mixpanel raw events", Events, 3, map[string]Role{"event": EventName, "properties.distinct_id": AnonymousID, "properties.time": Date}},
		{"amplitude_export.ndjson", "Amplitude raw events", Events, 3, map[string]Role{"event_type": EventName, "device_id": AnonymousID, "user_id": CustomerID}},
		{"posthog_events.csv", "PostHog events", Events, 3, map[string]Role{"event": EventName, "distinct_id": AnonymousID}},
		{"ga4_report.csv", "Google Analytics 4 report export", Aggregates, 9, nil},
		{"search_console_queries.csv", "Google Search Console performance export", Aggregates, 3, nil},
		{"search_console_dates.csv", "Google Search Console performance export", Aggregates, 3, map[string]Role{"Date": Date}},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.file] = true
		src := loadFixture(t, c.file)
		if src == nil {
			continue
		}
		if src.Export == nil || src.Export.Name != c.export {
			t.Errorf("%s: export %v, want %s", c.file, src.Export, c.export)
		}
		if src.Kind != c.kind {
			t.Errorf("%s: kind %s, want %s", c.file, src.Kind, c.kind)
		}
		if src.Counts.Read != c.rows {
			t.Errorf("%s: %d data rows read, want %d", c.file, src.Counts.Read, c.rows)
		}
		for _, cr := range src.Roles {
			if want, ok := c.roles[cr.Column]; ok && cr.Role != want {
				t.Errorf("%s: %q → %s, want %s", c.file, cr.Column, cr.Role, want)
			}
		}
		for col := range c.roles {
			found := false
			for _, h := range src.Header {
				found = found || h == col
			}
			if !found {
				t.Errorf("%s: no column %q in %q", c.file, col, src.Header)
			}
		}
	}
	// Every fixture is in the table.
	files, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "exports", "*"))
	for _, f := range files {
		if b := filepath.Base(f); !seen[b] && b != "README.md" {
			t.Errorf("fixture %s has no case", b)
		}
	}
}

func loadFixture(t *testing.T, name string) *Source {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "fixtures", "exports", name))
	if err != nil {
		t.Error(err)
		return nil
	}
	defer f.Close()
	src, err := Load(context.Background(), name, f, FileMapping{}, table.NewStrings(), nil)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return nil
	}
	return src
}

// Localized PayPal files write amounts with a decimal comma; internal
// movements and test-mode payments are marked out of revenue.
func TestExportMoneyQuirks(t *testing.T) {
	amounts := func(src *Source) []float64 {
		c := src.Column(Amount)
		var out []float64
		for i := range c.Float {
			out = append(out, c.Float[i])
		}
		return out
	}
	for file, want := range map[string][]float64{
		"paypal_statement_es.csv": {1234.56, -100, 12.5},
		"paypal_statement_fr.csv": {45, -43.39, 1200},
		"paypal_activity_de.csv":  {45, -20, 2500},
		"paypal_activity.csv":     {1045, -500, 20},
	} {
		src := loadFixture(t, file)
		got := amounts(src)
		for i := range want {
			if i >= len(got) || math.Abs(got[i]-want[i]) > 1e-9 {
				t.Errorf("%s: amounts %v, want %v", file, got, want)
				break
			}
		}
		// The second row is a conversion, withdrawal or transfer.
		if src.NotRevenue.Count() != 1 || !src.NotRevenue.Get(1) {
			t.Errorf("%s: rows out of revenue %d (row 1: %v), want row 1 only", file, src.NotRevenue.Count(), src.NotRevenue.Get(1))
		}
	}
	for _, file := range []string{"stripe_payments_titlecase.csv", "stripe_payments_snake.csv"} {
		src := loadFixture(t, file)
		if src.NotRevenue.Count() != 1 || !src.NotRevenue.Get(2) {
			t.Errorf("%s: test-mode rows %d, want the third row", file, src.NotRevenue.Count())
		}
	}
	// English statements keep a decimal point.
	if src := loadFixture(t, "paypal_statement.csv"); src.decimalComma {
		t.Error("paypal_statement.csv read with a decimal comma")
	}
}

// An aggregate report is summarised per table: rows, period and measures.
func TestExportAggregates(t *testing.T) {
	src := loadFixture(t, "ga4_report.csv")
	if len(src.Tables) != 3 || len(src.Aggregates) != 3 {
		t.Fatalf("tables %d, aggregates %d, want 3", len(src.Tables), len(src.Aggregates))
	}
	for i, rows := range []int{3, 4, 2} {
		if src.Tables[i].Rows != rows {
			t.Errorf("table %d: %d rows, want %d", i, src.Tables[i].Rows, rows)
		}
	}
	if src.PeriodFrom != "2024-03-01" || src.PeriodTo != "2024-03-07" {
		t.Errorf("period %s–%s", src.PeriodFrom, src.PeriodTo)
	}
	want := []struct {
		rows   int
		metric string
		value  float64
	}{{3, "Active users", 353}, {4, "Sessions", 717}, {2, "New users", 153}}
	for i, w := range want {
		a := src.Aggregates[i]
		found := false
		for _, m := range a.Metrics {
			if m.Name == w.metric {
				found = true
				if m.Value != w.value || m.Of != "sum" {
					t.Errorf("table %d: %s = %v (%s), want sum %v", i, m.Name, m.Value, m.Of, w.value)
				}
			}
		}
		if a.Rows != w.rows || !found {
			t.Errorf("table %d: %+v, want %d rows and %s", i, a, w.rows, w.metric)
		}
	}
	if src.Counts.Rejected != 0 {
		t.Errorf("rejected %d rows of an aggregate report", src.Counts.Rejected)
	}
	sc := loadFixture(t, "search_console_dates.csv")
	a := sc.Aggregates[0]
	if a.From != "2024-03-01" || a.To != "2024-03-03" || len(a.Metrics) != 4 {
		t.Fatalf("search console: %+v", a)
	}
	if m := a.Metrics[0]; m.Name != "Clicks" || m.Value != 195 || m.Of != "sum" {
		t.Errorf("clicks %+v", m)
	}
	if m := a.Metrics[3]; m.Name != "Position" || math.Abs(m.Value-5.1) > 1e-9 || m.Of != "mean" {
		t.Errorf("position %+v", m)
	}
}

// sheetXML writes rows as inline-string cells of a <sheetData>.
func sheetXML(rows [][]string) string {
	var b strings.Builder
	for i, r := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, v := range r {
			if v == "" {
				continue
			}
			fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+j, i+1, html.EscapeString(v))
		}
		b.WriteString(`</row>`)
	}
	return b.String()
}

// Workbooks of survey tools have the same header rows as their CSV files.
func TestSheetHeaderRows(t *testing.T) {
	qualtrics := [][]string{
		{"StartDate", "EndDate", "RecordedDate", "ResponseId", "RecipientEmail", "Q1_NPS_GROUP", "Q1", "Q2"},
		{"Start Date", "End Date", "Recorded Date", "Response ID", "Recipient Email", "How likely are you to recommend us? - Group", "How likely are you to recommend us?", "Why?"},
		{`{"ImportId":"startDate"}`, `{"ImportId":"endDate"}`, `{"ImportId":"recordedDate"}`, `{"ImportId":"_recordId"}`, `{"ImportId":"recipientEmail"}`, `{"ImportId":"QID1_NPS_GROUP"}`, `{"ImportId":"QID1"}`, `{"ImportId":"QID2_TEXT"}`},
		{"2024-03-01 10:00:00", "2024-03-01 10:03:00", "2024-03-01 10:03:01", "R_1", "ana@example.test", "Promoter", "9", "Fast"},
		{"2024-03-02 10:00:00", "2024-03-02 10:03:00", "2024-03-02 10:03:01", "R_2", "bo@example.test", "Detractor", "2", "Slow"},
	}
	monkey := [][]string{
		{"Respondent ID", "Collector ID", "End Date", "Email Address", "Which products do you use?", ""},
		{"", "", "", "", "Coffee", "Tea"},
		{"1", "9", "2024-03-01", "ana@example.test", "Coffee", ""},
	}
	for _, c := range []struct {
		name    string
		rows    [][]string
		hdrRows int
		read    int
		role    map[string]Role
	}{
		{"qualtrics.xlsx", qualtrics, 3, 2, map[string]Role{"How likely are you to recommend us?": NPS, "Recorded Date": Date, "Why?": Text}},
		{"monkey.xlsx", monkey, 2, 1, map[string]Role{"Which products do you use? — Tea": Answer, "Email Address": Email}},
	} {
		data := rdtXLSX(t, []string{"Sheet1"}, map[string]string{"Sheet1": sheetXML(c.rows)}, nil, false)
		src, err := Load(context.Background(), c.name, bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if src.Info.HeaderRows != c.hdrRows || src.Counts.Read != c.read || src.Export == nil {
			t.Errorf("%s: header rows %d, rows %d, export %v", c.name, src.Info.HeaderRows, src.Counts.Read, src.Export)
		}
		for _, cr := range src.Roles {
			if want, ok := c.role[cr.Column]; ok && cr.Role != want {
				t.Errorf("%s: %q → %s, want %s", c.name, cr.Column, cr.Role, want)
			}
		}
	}
}

// Files no layout matches get their kind from the whole file.
func TestKindFromWholeFile(t *testing.T) {
	cases := []struct {
		name, file string
		want       Kind
		runnerUp   Kind
	}{
		{"email and names, no amounts", "Email,First name,Last name,Member rating,Signup source\n" +
			"a@example.test,Ann,Lee,4,web\nb@example.test,Bo,Kim,2,import\nc@example.test,Cy,Ng,5,web\nd@example.test,Di,Ro,1,web\ne@example.test,Ed,Fu,3,api\n", Contacts, ""},
		{"0–10 score with a comment", "When,Customer,Likelihood,Why\n" +
			"2024-03-01,a@example.test,9,Great service overall\n2024-03-02,b@example.test,3,Slow and unhelpful support\n" +
			"2024-03-03,c@example.test,10,Everything worked as promised\n2024-03-04,d@example.test,6,Okay but pricey for what it is\n", Surveys, ""},
		{"ratings and text", "Author,Stars,Review\nAnn,5,Lovely place and kind staff\nBo,2,Cold food and a long wait\nCy,4,Nice coffee but noisy room\n", Reviews, ""},
		{"ids, amounts, dates", "Ref,Client email,Paid on,Sum\nR-1,a@example.test,2024-03-01,12.50\nR-2,b@example.test,2024-03-02,99.00\nR-3,c@example.test,2024-03-03,5.25\n", Orders, ""},
		{"survey named by a column", "Survey name,Rating,Response,Email\nQ1 NPS,9,Fast and kind,a@example.test\nQ1 NPS,4,Too slow to answer,b@example.test\nQ1 NPS,10,,c@example.test\n", Surveys, ""},
		{"counts by page, no person", "Page path,Views,Users,Bounce rate\n/,1200,800,41%\n/pricing,300,250,35%\n/blog,90,80,70%\n", Aggregates, ""},
	}
	for _, c := range cases {
		src := ldLoad(t, "x.csv", c.file, FileMapping{})
		if src.Kind != c.want || src.KindConfidence < 0.5 || src.KindConfidence > 1 {
			var rs []string
			for _, r := range src.Roles {
				rs = append(rs, r.Column+"="+string(r.Role))
			}
			t.Errorf("%s: kind %s (%.2f, runner-up %s), want %s; roles %v", c.name, src.Kind, src.KindConfidence, src.RunnerUp, c.want, rs)
		}
		if src.Kind == Aggregates && src.Counts.Rejected != 0 {
			t.Errorf("%s: rejected %d", c.name, src.Counts.Rejected)
		}
	}
	// The user's kind decides, at confidence 1, and the roles follow it: a
	// bare "Id" is the order id of orders, the customer id of contacts.
	const file = "Id,Email,Total\n7,a@example.test,10\n9,b@example.test,20\n12,c@example.test,30\n"
	for kind, role := range map[Kind]Role{Orders: OrderID, Contacts: CustomerID} {
		src := ldLoad(t, "y.csv", file, FileMapping{Kind: kind})
		if src.Kind != kind || src.KindConfidence != 1 || src.Roles[0].Role != role {
			t.Errorf("kind %s: got %s (%.2f), Id → %s, want %s", kind, src.Kind, src.KindConfidence, src.Roles[0].Role, role)
		}
	}
}

// Files of no known layout, in Spanish, French, German and Arabic, with
// amounts written with a decimal comma: the main roles come from the
// localized headers and the amounts read as the locale writes them.
func TestLocalizedHeadersAndDecimalComma(t *testing.T) {
	cases := []struct {
		name, file string
		roles      map[string]Role
		amounts    []float64
	}{
		{"es", "Nombre;Correo electrónico;Teléfono;Ciudad;País;Fecha;Importe\n" +
			"Ana Díaz;ana@example.test;+34 600 000 001;Madrid;España;01/03/2024;1.234,56\n" +
			"Luis Gil;luis@example.test;+34 600 000 002;Sevilla;España;02/03/2024;99,90\n" +
			"Eva Sanz;eva@example.test;+34 600 000 003;Bilbao;España;03/03/2024;1.500\n",
			map[string]Role{"Nombre": FullName, "Correo electrónico": Email, "Teléfono": Phone, "Ciudad": City, "País": Country, "Fecha": Date, "Importe": Amount},
			[]float64{1234.56, 99.9, 1500}},
		{"fr", "Prénom;Nom de famille;Courriel;Ville;Montant;Devise\n" +
			"Anne;Martin;anne@example.test;Lyon;12,50;EUR\nLuc;Petit;luc@example.test;Lille;1.024,00;EUR\nMia;Roux;mia@example.test;Nice;7,05;EUR\n",
			map[string]Role{"Prénom": FirstName, "Nom de famille": LastName, "Courriel": Email, "Ville": City, "Montant": Amount, "Devise": Currency},
			[]float64{12.5, 1024, 7.05}},
		{"de", "Vorname;Nachname;E-Mail;Stadt;Land;Betrag;Währung\n" +
			"Jan;Weber;jan@example.test;Berlin;Deutschland;2.000,00;EUR\nEva;Koch;eva@example.test;Köln;Deutschland;19,99;EUR\nTim;Wolf;tim@example.test;Bonn;Deutschland;0,50;EUR\n",
			map[string]Role{"Vorname": FirstName, "Nachname": LastName, "E-Mail": Email, "Stadt": City, "Land": Country, "Betrag": Amount, "Währung": Currency},
			[]float64{2000, 19.99, 0.5}},
		{"ar", "الاسم,البريد الإلكتروني,رقم الجوال,المدينة,المبلغ\n" +
			"سارة أحمد,sara@example.test,0551234567,الرياض,250.00\nخالد علي,khalid@example.test,0559876543,جدة,99.50\nمنى سعيد,mona@example.test,0501112233,الدمام,40.00\n",
			map[string]Role{"الاسم": FullName, "البريد الإلكتروني": Email, "رقم الجوال": Phone, "المدينة": City, "المبلغ": Amount},
			[]float64{250, 99.5, 40}},
	}
	for _, c := range cases {
		src := ldLoad(t, c.name+".csv", c.file, FileMapping{})
		for _, cr := range src.Roles {
			if want, ok := c.roles[cr.Column]; ok && cr.Role != want {
				t.Errorf("%s: %q → %s, want %s", c.name, cr.Column, cr.Role, want)
			}
		}
		col := src.Column(Amount)
		if col == nil {
			t.Errorf("%s: no amount", c.name)
			continue
		}
		for i, want := range c.amounts {
			if i >= len(col.Float) || math.Abs(col.Float[i]-want) > 1e-9 {
				t.Errorf("%s: amounts %v, want %v", c.name, col.Float, c.amounts)
				break
			}
		}
	}
}

// Google Business Profile gives its star ratings as the API's starRating
// enum (ONE … FIVE): they read as 1–5, and a review with stars and no
// comment is used, not rejected.
func TestExportRatingWords(t *testing.T) {
	src := loadFixture(t, "google_business_reviews.json")
	if src == nil {
		return
	}
	c := src.Column(Rating)
	want := []float64{5, 2, 4}
	if c == nil || len(c.Float) != len(want) || src.Counts.Rejected != 0 {
		t.Fatalf("ratings %v, rejected %d", c, src.Counts.Rejected)
	}
	for i, w := range want {
		if c.IsNull(i) || c.Float[i] != w {
			t.Errorf("row %d: rating %v, want %v", i, c.Float[i], w)
		}
	}
	if len(src.Issues) != 0 {
		t.Errorf("issues %v", src.Issues)
	}
}

// Segment's page and screen calls have no "event": they are named as
// Segment's destinations name them; an identify call is used for the ids it
// links and names no event; a track call without its event is rejected.
func TestExportSegmentCalls(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "fixtures", "exports", "segment_events.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	strs := table.NewStrings()
	src, err := Load(context.Background(), "segment_events.ndjson", f, FileMapping{}, strs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if src.Counts.Read != 6 || src.Counts.Used != 5 || src.Counts.Rejected != 1 || src.Reasons["no event name"] != 1 {
		t.Fatalf("counts %+v, reasons %v", src.Counts, src.Reasons)
	}
	if len(src.Rejected) != 1 || src.Rejected[0].Line != 6 {
		t.Errorf("rejected %+v, want line 6 (a track call without its event)", src.Rejected)
	}
	ev, anon, email := src.Column(EventName), src.Column(AnonymousID), src.Columns(Email)
	want := []string{"Order Completed", "Viewed Home Page", "Signed Up", "", "Loaded a Screen"}
	for i, w := range want {
		got := ""
		if !ev.IsNull(i) {
			got = strs.Value(ev.Str[i])
		}
		if got != w {
			t.Errorf("row %d: event %q, want %q", i, got, w)
		}
	}
	// The identify row links anon-2 (the page view) to its email.
	linked := false
	for _, c := range email {
		linked = linked || !c.IsNull(3) && strs.Value(c.Str[3]) == "bo@example.test"
	}
	if !linked || anon.IsNull(3) || strs.Value(anon.Str[3]) != "anon-2" {
		t.Error("identify row: anonymousId and traits.email not kept together")
	}
}

// GA4's raw events: event_date (YYYYMMDD) is the date where it is the only
// one, and fills the rows whose event_timestamp is blank; where both are
// there, event_timestamp (microseconds) keeps the time of day.
func TestGA4EventDate(t *testing.T) {
	day := func(y, m, d int) int64 { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() }
	only := ldLoad(t, "ga4.csv", "event_date,event_name,user_pseudo_id\n20240301,page_view,111.222\n20240302,purchase,111.222\n20241231,page_view,333.444\n", FileMapping{})
	if only.Export == nil || only.Export.Tool != "Google Analytics 4" || only.Counts.Used != 3 {
		t.Fatalf("export %v, counts %+v", only.Export, only.Counts)
	}
	c := only.Column(Date)
	want := []int64{day(2024, 3, 1), day(2024, 3, 2), day(2024, 12, 31)}
	for i, w := range want {
		if c == nil || c.IsNull(i) || c.Time[i] != w {
			t.Fatalf("dates %v, want %v", c, want)
		}
	}
	both := ldLoad(t, "ga4b.csv", "event_date,event_timestamp,event_name,user_pseudo_id\n20240301,1709290800000000,page_view,1.1\n20240302,,purchase,1.1\n", FileMapping{})
	c = both.Column(Date)
	if c == nil || c.Name != "event_timestamp" || c.Time[0] != day(2024, 3, 1)+11*3600 || c.Time[1] != day(2024, 3, 2) {
		t.Fatalf("date column %v", c)
	}
}

// Plausible files of no known layout: the kind comes from the whole file,
// sure enough not to ask (at least KindFloor), and the roles that decided
// it are the expected ones.
func TestKindOfUnmatchedFiles(t *testing.T) {
	cases := []struct {
		name, file string
		want       Kind
		roles      map[string]Role
	}{
		{"orders without an order id", "Date,Customer email,Product,Quantity,Total\n" +
			"2024-03-01,a@example.test,Mug,2,18.00\n2024-03-02,b@example.test,Tea,1,7.50\n2024-03-03,a@example.test,Pot,1,32.00\n",
			Orders, map[string]Role{"Total": Amount, "Product": Product, "Date": Date}},
		{"contact list with a created date", "Name,Email,Phone,Created Date\n" +
			"Ann Lee,a@example.test,+14155550101,2024-01-02\nBo Kim,b@example.test,+14155550102,2024-02-03\nCy Ng,c@example.test,+14155550103,2024-03-04\n",
			Contacts, map[string]Role{"Email": Email, "Created Date": Date}},
		{"reviews with stars and body", "author,stars,body,date\n" +
			"Ann,5,Lovely place and kind staff,2024-03-01\nBo,2,Cold food and a long wait,2024-03-02\nCy,4,Nice coffee but noisy,2024-03-03\n",
			Reviews, map[string]Role{"author": FullName, "stars": Rating, "body": Text}},
		{"tickets with priority and status", "ID,Requester email,Priority,Status,Created,Updated\n" +
			"101,a@example.test,High,Open,2024-03-01,2024-03-02\n102,b@example.test,Low,Solved,2024-03-02,2024-03-05\n103,c@example.test,Normal,Pending,2024-03-03,2024-03-03\n",
			Tickets, map[string]Role{"Status": Status, "Requester email": Email}},
		// A 0–10 score is a likelihood question's scale (stars start at 1):
		// with a comment, a survey, and its score the NPS question.
		{"0–10 score with a comment", "Submitted,Email,Score,Comment\n" +
			"2024-03-01,a@example.test,9,Great service overall\n2024-03-02,b@example.test,3,Slow and unhelpful\n" +
			"2024-03-03,c@example.test,10,Everything worked\n2024-03-04,d@example.test,0,Never again\n",
			Surveys, map[string]Role{"Score": NPS, "Comment": Text}},
		// Called a rating, a 0–10 question stays a rating: no NPS computed
		// from a question that did not ask for a recommendation.
		{"0–10 rating with a comment", "Submitted,Email,Rating,Comment\n" +
			"2024-03-01,a@example.test,9,Great service overall\n2024-03-02,b@example.test,3,Slow and unhelpful\n" +
			"2024-03-03,c@example.test,10,Everything worked\n2024-03-04,d@example.test,0,Never again\n",
			Surveys, map[string]Role{"Rating": Rating, "Comment": Text}},
		{"dates × sessions × users", "Date,Sessions,Users\n2024-03-01,120,98\n2024-03-02,140,110\n2024-03-03,90,71\n",
			Aggregates, map[string]Role{"Date": Date, "Users": Ignore}},
	}
	for _, c := range cases {
		src := ldLoad(t, "x.csv", c.file, FileMapping{})
		if c.want == Reviews && src.KindConfidence < 0.75 {
			// A reviewer's name is no contact list: names alone weigh little.
			t.Errorf("%s: confidence %.2f", c.name, src.KindConfidence)
		}
		if src.Export != nil {
			t.Errorf("%s: recognised as %s", c.name, src.Export.Name)
		}
		if src.Kind != c.want || src.KindConfidence < KindFloor || src.Counts.Rejected != 0 {
			t.Errorf("%s: kind %s (%.2f, runner-up %s), rejected %d; want %s", c.name, src.Kind, src.KindConfidence, src.RunnerUp, src.Counts.Rejected, c.want)
		}
		for _, cr := range src.Roles {
			if want, ok := c.roles[cr.Column]; ok && cr.Role != want {
				t.Errorf("%s: %q → %s, want %s", c.name, cr.Column, cr.Role, want)
			}
		}
	}
}
