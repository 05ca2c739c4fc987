package ingest

import "strings"

// Export is a well-known export format, recognised by its header.
type Export struct {
	Name   string // "Shopify orders", "HubSpot contacts", "Zendesk tickets", "SurveyMonkey", "Typeform", "Delighted", "Stripe payments", "Google Forms"
	System string // identity namespace of its customer ids: "shopify", "hubspot", "zendesk", "surveymonkey", "typeform", "delighted", "stripe", "google-forms"
	Kind   Kind
	// Roles maps the columns this export defines, by their header exactly as
	// written in the file being read, to their roles. Columns not listed
	// (survey questions, custom properties, hidden fields) are left to
	// InferRoles.
	Roles map[string]Role
	// LineItems is true when the export has one row per line item (Shopify):
	// rows sharing the OrderID fold into one order. Only the first row of an
	// order carries its totals; later rows repeat the order number, email and
	// date and have their own line-item fields.
	LineItems bool
	// ScoreVaries is true when the export's score column is NPS, CES or
	// CSAT depending on the survey (Delighted): the file tells which.
	ScoreVaries bool
}

// knownExport describes one export: its columns (normalised header → role),
// its signatures (sets of normalised headers that must all be present; any
// one set suffices) and adjustments that depend on the other columns.
type knownExport struct {
	name, system string
	kind         Kind
	lineItems    bool
	scoreVaries  bool
	roles        map[string]Role
	signatures   [][]string
	prefixes     map[string]Role          // normalised header prefix → role, for column families
	check        func(norm []string) bool // an extra condition on the whole header
	adjust       func(e *Export, header, norm []string)
}

var knownExports = []knownExport{
	{
		name: "Shopify orders", system: "shopify", kind: Orders, lineItems: true,
		signatures: [][]string{{"name", "email", "financial status", "lineitem quantity", "lineitem name"}},
		roles: map[string]Role{
			"name": OrderID, "email": Email, "financial status": Status, "paid at": Ignore,
			"fulfillment status": Ignore, "fulfilled at": Ignore, "accepts marketing": Ignore, "currency": Currency,
			"subtotal": Ignore, "shipping": Ignore, "taxes": Ignore, "total": Amount, "discount code": Category,
			"discount amount": Ignore, "shipping method": Ignore, "created at": Date, "lineitem quantity": Quantity,
			"lineitem name": Product, "lineitem price": Ignore, "lineitem compare at price": Ignore,
			"lineitem sku": Ignore, "lineitem requires shipping": Ignore, "lineitem taxable": Ignore,
			"lineitem fulfillment status": Ignore, "lineitem discount": Ignore, "billing name": FullName,
			"billing street": Ignore, "billing address1": Ignore, "billing address2": Ignore,
			"billing company": Company, "billing city": City, "billing zip": Ignore, "billing province": Region,
			"billing province name": Ignore, "billing country": Country, "billing phone": Phone, "notes": Ignore,
			"note attributes": Ignore, "cancelled at": Ignore, "payment method": Category,
			"payment reference": Ignore, "refunded amount": Refunded, "vendor": Ignore, "outstanding balance": Ignore,
			"employee": Ignore, "location": Ignore, "device id": Ignore, "id": Ignore, "tags": Ignore,
			"risk level": Ignore, "source": Channel, "phone": Ignore, "receipt number": Ignore, "duties": Ignore,
			"payment id": Ignore, "payment terms name": Ignore, "next payment due at": Ignore,
			"payment references": Ignore,
		},
		prefixes: map[string]Role{"shipping ": Ignore, "tax ": Ignore},
		adjust: func(e *Export, header, norm []string) {
			// The order's own Phone column is a second phone: guest checkouts
			// often fill only one of the two.
			setRole(e, header, norm, "phone", Phone)
		},
	},
	{
		name: "HubSpot contacts", system: "hubspot", kind: Contacts,
		signatures: [][]string{{"record id", "email", "create date"}, {"record id", "email", "lifecycle stage"}},
		roles: map[string]Role{
			"record id": CustomerID, "first name": FirstName, "last name": LastName, "email": Email,
			"phone number": Phone, "mobile phone number": Ignore, "company name": Company, "industry": Industry,
			"number of employees": Employees, "job title": JobTitle, "city": City, "state region": Region,
			"country region": Country, "create date": Date, "lifecycle stage": Status, "contact owner": Ignore,
			"last activity date": Ignore, "preferred language": Language, "lead status": Ignore,
			"associated company": Ignore, "original source": Channel, "marketing contact status": Ignore,
		},
		adjust: func(e *Export, header, norm []string) {
			// Contacts often have only a mobile: both columns are phones.
			setRole(e, header, norm, "mobile phone number", Phone)
		},
	},
	{
		name: "Zendesk tickets", system: "zendesk", kind: Tickets,
		signatures: [][]string{{"id", "requester", "requester id", "subject", "created at"}},
		roles: map[string]Role{
			"id": Ignore, "subject": Subject, "description": Text, "status": Status, "priority": Category,
			"via": Channel, "ticket type": Category, "requester": FullName, "requester id": CustomerID,
			"requester email": Email, "requester phone": Phone, "requester external id": Ignore,
			"organization": Company, "created at": Date, "updated at": Ignore, "solved at": Ignore,
			"assigned at": Ignore, "initially assigned at": Ignore, "due date": Ignore,
			"satisfaction score": Category, "tags": Ignore, "assignee": Ignore, "assignee id": Ignore,
			"group": Ignore, "submitter": Ignore, "brand": Ignore, "url": Ignore,
		},
	},
	{
		name: "SurveyMonkey", system: "surveymonkey", kind: Surveys,
		signatures: [][]string{{"respondent id", "collector id"}},
		roles: map[string]Role{
			"respondent id": Ignore, "collector id": Ignore, "start date": Ignore, "end date": Date,
			"ip address": Ignore, "email address": Email, "first name": FirstName, "last name": LastName,
		},
	},
	{
		name: "Typeform", system: "typeform", kind: Surveys,
		signatures: [][]string{{"#", "submit date utc", "network id"}},
		roles: map[string]Role{
			"#": Ignore, "start date utc": Ignore, "submit date utc": Date, "stage date utc": Ignore,
			"network id": Ignore, "tags": Ignore, "response type": Ignore,
		},
	},
	{
		name: "Delighted", system: "delighted", kind: Surveys, scoreVaries: true,
		signatures: [][]string{{"response id", "score", "comment", "permalink"}, {"response id", "score", "comment", "delighted source"}},
		roles: map[string]Role{
			"response id": Ignore, "created": Date, "name": FullName, "email": Email, "score": NPS,
			"comment": Text, "permalink": Ignore, "delighted source": Channel, "tags": Ignore, "notes": Ignore,
			"updated": Ignore, "survey type": Survey,
		},
	},
	{
		name: "Stripe payments", system: "stripe", kind: Orders,
		signatures: [][]string{
			{"id", "created date utc", "amount", "customer id", "customer email"},
			{"id", "created utc", "amount", "customer id", "customer email"},
		},
		roles: map[string]Role{
			"id": OrderID, "created date utc": Date, "created utc": Date, "amount": Amount, "amount refunded": Refunded,
			"currency": Currency, "captured": Ignore, "converted amount": Ignore, "converted amount refunded": Ignore,
			"converted currency": Ignore, "description": Ignore, "fee": Ignore, "refunded date utc": Ignore,
			"status": Status, "seller message": Ignore, "statement descriptor": Ignore, "customer id": CustomerID,
			"customer description": FullName, "customer email": Email, "card id": Ignore, "card last4": Ignore,
			"card brand": Category, "card funding": Ignore, "card exp month": Ignore, "card exp year": Ignore,
			"card name": Ignore, "card address line1": Ignore, "card address line2": Ignore,
			"card address city": City, "card address state": Region, "card address country": Country,
			"card address zip": Ignore, "card issue country": Ignore, "card fingerprint": Ignore,
			"card cvc status": Ignore, "card avs zip status": Ignore, "card avs line1 status": Ignore,
			"card tokenization method": Ignore, "disputed amount": Ignore, "dispute status": Ignore,
			"dispute reason": Ignore, "dispute date utc": Ignore, "dispute evidence due utc": Ignore,
			"invoice id": Ignore, "payment source type": Ignore, "destination": Ignore, "transfer": Ignore,
			"transfer group": Ignore, "payment intent id": Ignore, "taxes on fee": Ignore,
		},
	},
	{
		name: "Google Forms", system: "google-forms", kind: Surveys,
		signatures: [][]string{{"timestamp"}},
		roles:      map[string]Role{"timestamp": Date, "email address": Email},
		check:      looksLikeGoogleForm,
	},
}

// looksLikeGoogleForm: the first column is "Timestamp" and most of the
// others read as questions (a '?', or five words and more), at least two of
// them.
func looksLikeGoogleForm(norm []string) bool {
	if len(norm) < 3 || norm[0] != "timestamp" {
		return false
	}
	questions, others := 0, 0
	for _, h := range norm[1:] {
		if h == "email address" || h == "score" {
			continue
		}
		others++
		if strings.HasSuffix(h, "?") || len(strings.Fields(h)) >= 5 {
			questions++
		}
	}
	return questions >= 2 && questions*3 >= others*2
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// setRole sets the role of the file's column whose normalised header is n.
func setRole(e *Export, header, norm []string, n string, r Role) {
	for j, h := range norm {
		if h == n {
			e.Roles[header[j]] = r
		}
	}
}

// Recognise matches a header against the signatures of the known exports
// (sets of columns that must all be present, compared after NormalizeHeader)
// and returns the best match — the one that defines the most of the file's
// columns — or nil when none matches. The Export's Roles are keyed by the
// file's own header strings. Each call returns a new Export.
func Recognise(header []string) *Export {
	norm := make([]string, len(header))
	raw := make([]string, len(header)) // normalised, '?' kept for the Google Forms check
	present := map[string]bool{}
	for j, h := range header {
		norm[j] = NormalizeHeader(h)
		raw[j] = norm[j]
		if strings.Contains(h, "?") {
			raw[j] += "?"
		}
		present[norm[j]] = true
	}
	var best *knownExport
	bestCover := 0
	for i := range knownExports {
		k := &knownExports[i]
		matched := false
		for _, sig := range k.signatures {
			all := true
			for _, c := range sig {
				if !present[c] {
					all = false
					break
				}
			}
			if all {
				matched = true
				break
			}
		}
		if !matched || k.check != nil && !k.check(raw) {
			continue
		}
		cover := 0
		for _, n := range norm {
			if _, ok := k.roles[n]; ok {
				cover++
			}
		}
		if cover > bestCover {
			best, bestCover = k, cover
		}
	}
	if best == nil {
		return nil
	}
	e := &Export{Name: best.name, System: best.system, Kind: best.kind, LineItems: best.lineItems, ScoreVaries: best.scoreVaries, Roles: map[string]Role{}}
	for j, n := range norm {
		if r, ok := best.roles[n]; ok {
			e.Roles[header[j]] = r
			continue
		}
		for p, r := range best.prefixes {
			if strings.HasPrefix(n, p) {
				e.Roles[header[j]] = r
			}
		}
	}
	if best.adjust != nil {
		best.adjust(e, header, norm)
	}
	return e
}
