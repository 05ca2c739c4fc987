package ingest

import (
	"strings"
	"testing"
)

// Headers as the services export them.
var (
	shopifyHeader = strings.Split("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,"+
		"Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"+
		"Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,"+
		"Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,"+
		"Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,"+
		"Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,"+
		"Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,"+
		"Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,"+
		"Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,"+
		"Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Phone,Receipt Number,Duties,Billing Province Name,"+
		"Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References", ",")
	hubspotHeader = []string{"Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
		"Company Name", "Industry", "Number of Employees", "Job Title", "City", "State/Region", "Country/Region",
		"Create Date", "Lifecycle Stage", "Contact owner", "Last Activity Date", "Preferred language", "Favourite colour"}
	zendeskHeader = []string{"Id", "Requester", "Requester id", "Requester external id", "Requester email",
		"Requester phone", "Submitter", "Assignee", "Group", "Subject", "Description", "Tags", "Status", "Priority",
		"Via", "Ticket type", "Created at", "Updated at", "Assigned at", "Organization", "Due date",
		"Initially assigned at", "Solved at", "Satisfaction Score", "Reopens", "Replies"}
	surveyMonkeyHeader = []string{"Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
		"Email Address", "First Name", "Last Name", "Custom Data 1",
		"How likely is it that you would recommend this company to a friend or colleague?",
		"What is the primary reason for your score?"}
	typeformHeader = []string{"#", "How likely are you to recommend Qalb to a friend?", "What's the main reason?",
		"email", "customer_id", "Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"}
	delightedHeader = []string{"Response ID", "Created", "Name", "Email", "Score", "Comment", "Permalink",
		"Delighted Source", "Tags", "Notes", "Plan", "Country"}
	stripeHeader = []string{"id", "Created date (UTC)", "Amount", "Amount Refunded", "Currency", "Captured",
		"Converted Amount", "Converted Amount Refunded", "Converted Currency", "Description", "Fee",
		"Refunded date (UTC)", "Statement Descriptor", "Status", "Seller Message", "Taxes On Fee", "Card ID",
		"Customer ID", "Customer Description", "Customer Email", "Card Brand", "Card Address City",
		"Card Address Country", "Card Issue Country"}
	googleFormsHeader = []string{"Timestamp", "Email Address", "How likely are you to recommend us to a friend?",
		"What do you like most about our product?", "What should we improve first?", "Which city do you live in?"}
)

func TestRecognise(t *testing.T) {
	cases := []struct {
		header    []string
		name      string
		system    string
		kind      Kind
		lineItems bool
		roles     map[string]Role
	}{
		{shopifyHeader, "Shopify orders", "shopify", Orders, true, map[string]Role{
			"Name": OrderID, "Email": Email, "Financial Status": Status, "Total": Amount, "Subtotal": Ignore,
			"Created at": Date, "Lineitem quantity": Quantity, "Lineitem name": Product, "Billing Name": FullName,
			"Billing Company": Company, "Billing City": City, "Billing Province": Region, "Billing Country": Country,
			"Billing Phone": Phone, "Phone": Phone, "Shipping City": Ignore, "Shipping Phone": Ignore,
			"Source": Channel, "Id": Ignore, "Currency": Currency, "Tax 1 Value": Ignore, "Cancelled at": Ignore,
		}},
		{hubspotHeader, "HubSpot contacts", "hubspot", Contacts, false, map[string]Role{
			"Record ID": CustomerID, "First Name": FirstName, "Last Name": LastName, "Email": Email,
			"Phone Number": Phone, "Mobile Phone Number": Phone, "Company Name": Company, "Industry": Industry,
			"Number of Employees": Employees, "Job Title": JobTitle, "City": City, "State/Region": Region,
			"Country/Region": Country, "Create Date": Date, "Lifecycle Stage": Status, "Contact owner": Ignore,
			"Last Activity Date": Ignore, "Preferred language": Language,
		}},
		{zendeskHeader, "Zendesk tickets", "zendesk", Tickets, false, map[string]Role{
			"Id": Ignore, "Subject": Subject, "Description": Text, "Status": Status, "Priority": Category,
			"Via": Channel, "Ticket type": Category, "Requester": FullName, "Requester id": CustomerID,
			"Requester email": Email, "Requester phone": Phone, "Organization": Company, "Created at": Date,
			"Updated at": Ignore, "Solved at": Ignore, "Satisfaction Score": Category,
		}},
		{surveyMonkeyHeader, "SurveyMonkey responses", "surveymonkey", Surveys, false, map[string]Role{
			"Respondent ID": Ignore, "Collector ID": Ignore, "Start Date": Ignore, "End Date": Date,
			"IP Address": Ignore, "Email Address": Email, "First Name": FirstName, "Last Name": LastName,
		}},
		{typeformHeader, "Typeform", "typeform", Surveys, false, map[string]Role{
			"#": Ignore, "Start Date (UTC)": Ignore, "Submit Date (UTC)": Date, "Network ID": Ignore,
		}},
		{delightedHeader, "Delighted", "delighted", Surveys, false, map[string]Role{
			"Response ID": Ignore, "Created": Date, "Name": FullName, "Email": Email, "Score": NPS, "Comment": Text,
			"Permalink": Ignore, "Delighted Source": Channel,
		}},
		{stripeHeader, "Stripe payments", "stripe", Orders, false, map[string]Role{
			"id": OrderID, "Created date (UTC)": Date, "Amount": Amount, "Amount Refunded": Refunded,
			"Currency": Currency, "Status": Status, "Customer ID": CustomerID, "Customer Description": FullName,
			"Customer Email": Email, "Card Address City": City, "Card Address Country": Country,
		}},
		{googleFormsHeader, "Google Forms responses", "google-forms", Surveys, false, map[string]Role{
			"Timestamp": Date, "Email Address": Email,
		}},
	}
	for _, c := range cases {
		e := Recognise(c.header)
		if e == nil {
			t.Errorf("%s not recognised", c.name)
			continue
		}
		if e.Name != c.name || e.System != c.system || e.Kind != c.kind || e.LineItems != c.lineItems {
			t.Errorf("%s recognised as %+v", c.name, *e)
		}
		for h, r := range c.roles {
			if got, ok := e.Roles[h]; !ok || got != r {
				t.Errorf("%s: %q → %q (%v), want %s", c.name, h, got, ok, r)
			}
		}
		// Roles are keyed by the file's own headers; questions and custom columns are left out.
		for h := range e.Roles {
			found := false
			for _, x := range c.header {
				found = found || x == h
			}
			if !found {
				t.Errorf("%s: role for %q, which is not in the header", c.name, h)
			}
		}
	}
	for _, h := range []string{"Favourite colour", "How likely are you to recommend Qalb to a friend?", "email", "customer_id", "Plan"} {
		for _, c := range cases {
			if e := Recognise(c.header); e != nil {
				if _, ok := e.Roles[h]; ok {
					t.Errorf("%s: %q should be left to InferRoles", e.Name, h)
				}
			}
		}
	}
}

func TestRecogniseVariants(t *testing.T) {
	// Case, spacing and punctuation differences still match; Roles use the file's spelling.
	e := Recognise([]string{"record_id", "email", "create date", "firstname"})
	if e == nil || e.Name != "HubSpot contacts" || e.Roles["record_id"] != CustomerID || e.Roles["create date"] != Date {
		t.Errorf("HubSpot variant: %+v", e)
	}
	e = Recognise([]string{"Record ID", "Email", "Lifecycle Stage", "Phone Number"})
	if e == nil || e.Name != "HubSpot contacts" {
		t.Errorf("HubSpot with Lifecycle Stage: %+v", e)
	}
	// HubSpot without a Phone Number column: the mobile number is the phone.
	e = Recognise([]string{"Record ID", "Email", "Create Date", "Mobile Phone Number"})
	if e == nil || e.Roles["Mobile Phone Number"] != Phone {
		t.Errorf("HubSpot mobile phone: %+v", e)
	}
	// Shopify without Billing Phone: the order's Phone column.
	var noBilling []string
	for _, h := range shopifyHeader {
		if h != "Billing Phone" {
			noBilling = append(noBilling, h)
		}
	}
	if e = Recognise(noBilling); e == nil || e.Roles["Phone"] != Phone {
		t.Errorf("Shopify phone: %+v", e)
	}
	// Stripe's older "Created (UTC)".
	e = Recognise([]string{"id", "Created (UTC)", "Amount", "Customer ID", "Customer Email"})
	if e == nil || e.Name != "Stripe payments" || e.Roles["Created (UTC)"] != Date {
		t.Errorf("Stripe Created (UTC): %+v", e)
	}
	// Delighted with Delighted Source instead of Permalink.
	if e = Recognise([]string{"Response ID", "Created", "Email", "Score", "Comment", "Delighted Source"}); e == nil || e.Name != "Delighted" {
		t.Errorf("Delighted variant: %+v", e)
	}
	// Every call returns its own Export.
	a, b := Recognise(hubspotHeader), Recognise(hubspotHeader)
	a.Roles["Email"] = Ignore
	if b.Roles["Email"] != Email {
		t.Error("Recognise shares its Roles between calls")
	}
}

func TestRecogniseNearMisses(t *testing.T) {
	without := func(header []string, drop ...string) []string {
		var out []string
	next:
		for _, h := range header {
			for _, d := range drop {
				if h == d {
					continue next
				}
			}
			out = append(out, h)
		}
		return out
	}
	for label, h := range map[string][]string{
		"shopify without Lineitem name":    without(shopifyHeader, "Lineitem name"),
		"shopify without Financial Status": without(shopifyHeader, "Financial Status"),
		"hubspot without Record ID":        without(hubspotHeader, "Record ID"),
		"hubspot without dates and stage":  without(hubspotHeader, "Create Date", "Lifecycle Stage"),
		"zendesk without Requester id":     without(zendeskHeader, "Requester id"),
		"surveymonkey without Collector":   without(surveyMonkeyHeader, "Collector ID"),
		"typeform without Network ID":      without(typeformHeader, "Network ID", "Start Date (UTC)"),
		"delighted without permalink":      without(delightedHeader, "Permalink", "Delighted Source"),
		"stripe without Customer Email":    without(stripeHeader, "Customer Email"),
		"forms with plain columns":         {"Timestamp", "Name", "Email", "City", "Phone"},
		"forms with Timestamp not first":   {"Email Address", "Timestamp", "How likely are you to recommend us to a friend?", "What do you like most about our product?"},
		"generic orders":                   {"Order ID", "Email", "Total", "Created at"},
		"generic contacts":                 {"id", "name", "email", "phone"},
		"empty":                            {},
	} {
		if e := Recognise(h); e != nil {
			t.Errorf("%s: recognised as %s", label, e.Name)
		}
	}
}

// TestKnownExportsWithInferRoles: what an export leaves out, InferRoles fills in.
func TestKnownExportsWithInferRoles(t *testing.T) {
	got := InferRoles(typeformHeader, [][]string{
		{"abc1", "9", "Fast support, friendly people, would use again", "a@x.com", "C-1", "2024-03-05 10:00:00", "2024-03-05 10:02:11", "n1", ""},
		{"abc2", "3", "The app keeps logging me out every single day", "b@x.com", "C-2", "2024-03-06 11:00:00", "2024-03-06 11:05:40", "n2", ""},
		{"abc3", "10", "Everything was great from start to finish", "c@x.com", "C-3", "2024-03-07 12:00:00", "2024-03-07 12:01:00", "n3", ""},
	})
	w := map[string]Role{"How likely are you to recommend Qalb to a friend?": NPS, "What's the main reason?": Text,
		"email": Email, "customer_id": CustomerID, "Submit Date (UTC)": Date}
	for _, cr := range got {
		if r, ok := w[cr.Column]; ok && r != cr.Role {
			t.Errorf("typeform %q → %s, want %s", cr.Column, cr.Role, r)
		}
	}
}
