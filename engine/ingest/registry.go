package ingest

// The registry of known exports: one entry per tool and layout, as data.
// Headers are written as the tool writes them (several spellings, old and
// new layouts, translations separated by '|'); they are compared after
// NormalizeHeader, so case, punctuation and spacing do not matter.
// docs/exports.md is generated from this table (TestExportsDoc).
//
// Match lists the header sets that identify the layout: every header of one
// set must be present ("a|b|c" is one set). Roles maps each role to the
// headers that carry it; Prefixes does the same for families of columns
// ("Shipping …"). Columns left out (survey questions, custom properties)
// are left to InferRoles. Quirks name what else a reader must know.
//
// Sources are the tools' public documentation and help-centre pages on
// their exports, and the headers of public sample files.

// quirk is a known peculiarity of an export layout.
type quirk string

const (
	// lineItems: one row per line item; rows sharing the order id are one
	// order and only the first carries the totals (Shopify).
	quirkLineItems quirk = "line-items"
	// scoreVaries: the score column is NPS, CES or CSAT by survey; a
	// survey-type column or the values say which (Delighted, HubSpot).
	quirkScoreVaries quirk = "score-varies"
	// questions: the first column is "Timestamp" and most others are
	// questions (Google Forms, which has no other fixed column).
	quirkQuestions quirk = "questions"
	// decimalComma: amounts are written 1.234,56 (localized PayPal files).
	quirkDecimalComma quirk = "decimal-comma"
	// testMode: rows made in test mode are kept out of revenue (Stripe's
	// Mode / livemode column).
	quirkTestMode quirk = "test-mode"
	// internalRows: balance movements that are not sales (currency
	// conversions, withdrawals, holds) are kept out of revenue (PayPal).
	quirkInternalRows quirk = "internal-rows"
	// npsGroup: "Qn_NPS_GROUP" (or "… - Group") next to a question marks
	// that question as the NPS one (Qualtrics).
	quirkNPSGroup quirk = "nps-group"
	// headerRows: the file has two or three header rows, merged by the
	// reader (SurveyMonkey, Qualtrics).
	quirkHeaderRows quirk = "header-rows"
	// commentLines: '#' metadata lines and several blank-line-separated
	// tables (GA4).
	quirkCommentLines quirk = "comment-lines"
	// utf16: the tool writes UTF-16 (Google Play Console).
	quirkUTF16 quirk = "utf-16"
	// callTypes: a "type" column says the call; page and screen calls are
	// events named from the page's name, identify calls link ids and are
	// no event (Segment; calls.go).
	quirkCallTypes quirk = "call-types"
)

// layout is one export layout of one tool.
type layout struct {
	Tool, Layout string
	System       string // identity namespace of the ids the tool issues
	Kind         Kind
	Match        []string
	Roles        map[Role]string
	Prefixes     map[Role]string
	Quirks       []quirk
	// Scales are the tool's documented scales of its score metrics, for a
	// score column shared by several surveys (quirkScoreVaries), where a
	// few answers cannot show the scale (a CES of 2 is 1–5 or 1–7).
	Scales map[Role]Scale
	Doc    string // where the layout is documented
}

// Common header groups.
const (
	paypalENIgnore = "Time|TimeZone|Time Zone|Fee|Net|To Email Address|Shipping Address|Address Status|Item ID|" +
		"Shipping and Handling Amount|Insurance Amount|Sales Tax|Option 1 Name|Option 1 Value|Option 2 Name|" +
		"Option 2 Value|Reference Txn ID|Invoice Number|Invoice ID|Custom Number|Receipt ID|Balance|Address Line 1|" +
		"Address Line 2/District/Neighborhood|State/Province/Region/County/Territory/Prefecture/Republic|" +
		"Zip/Postal Code|Subject|Note|Country Code|Balance Impact|Bank Name|Bank Account|Auction Site|Buyer ID|" +
		"Item URL|Closing Date|Escrow Id|Invoice Id|Transaction Event Code|Payment Tracking ID|Bank Reference|" +
		"Tip|Discount|Seller ID|Risk Filter"
	paypalESIgnore = "Hora|Zona horaria|Tarifa|Comisión|Neto|A la dirección de correo electrónico|" +
		"Correo electrónico del destinatario|Dirección de envío|Estado de la dirección|Número del artículo|" +
		"Id. del artículo|Importe de envío y manipulación|Importe del seguro|Impuesto sobre las ventas|IVA|" +
		"Nombre de la opción 1|Valor de la opción 1|Nombre de la opción 2|Valor de la opción 2|" +
		"Id. de transacción de referencia|Id. de referencia de la transacción|Número de factura|Id. de factura|" +
		"Número personalizado|Id. de recibo|Saldo|Impacto en el saldo|Nombre del banco|Cuenta bancaria|Asunto|Nota|" +
		"Código de país|Línea de dirección 1|Línea de dirección 2|Código postal"
	paypalFRIgnore = "Heure|Fuseau horaire|Commission|Frais|Net|À l'adresse email|Adresse de livraison|" +
		"Statut de l'adresse|Numéro de l'objet|Montant des frais de livraison et de traitement|" +
		"Montant de l'assurance|TVA|Nom de l'option 1|Valeur de l'option 1|Nom de l'option 2|Valeur de l'option 2|" +
		"Numéro de la transaction de référence|Numéro de facture|Numéro personnalisé|Numéro de reçu|Solde|" +
		"Impact sur le solde|Nom de la banque|Compte bancaire|Objet|Remarque|Code pays|Adresse 1|Adresse 2|Code postal"
	paypalDEIgnore = "Uhrzeit|Zeitzone|Gebühr|Entgelt|Netto|Empfänger E-Mail-Adresse|Lieferadresse|Adress-Status|" +
		"Artikelnummer|Versand- und Bearbeitungsgebühr|Versicherungsbetrag|Umsatzsteuer|Option 1 Name|Option 1 Wert|" +
		"Option 2 Name|Option 2 Wert|Zugehöriger Transaktionscode|Rechnungsnummer|Zollnummer|Empfangsnummer|" +
		"Guthaben|Adresszeile 1|Adresszusatz|Bundesland|PLZ|Betreff|Hinweis|Ländervorwahl|Auswirkung auf Guthaben|" +
		"Name der Bank|Bankkonto|Bankreferenz|Transaktionsereigniscode"
	// PayPal's internal movements, by type, in the four languages.
	paypalInternalTypes = "currency conversion|conversión de divisa|conversión de moneda|conversion de devise|" +
		"währungsumrechnung|withdrawal|retirada|retiro|retrait|abbuchung|auszahlung|transfer to bank|" +
		"bank deposit|depósito bancario|virement|bankgutschrift|general hold|hold on balance|retención|" +
		"blocage|einbehaltung|authorization|autorización|autorisation|autorisierung|reversal of general account hold|" +
		"account hold|user initiated withdrawal|general credit card deposit|transferencia a banco"
)

var registry = []layout{
	// ── Commerce and payments ────────────────────────────────────────────
	{
		Tool: "Shopify", Layout: "orders", System: "shopify", Kind: Orders, Quirks: []quirk{quirkLineItems},
		Doc:   "help.shopify.com › Exporting orders (CSV columns, one row per line item)",
		Match: []string{"Name|Email|Financial Status|Lineitem quantity|Lineitem name"},
		Roles: map[Role]string{
			OrderID: "Name", Email: "Email", Status: "Financial Status", Currency: "Currency", Amount: "Total",
			Category: "Discount Code|Payment Method", Date: "Created at", Quantity: "Lineitem quantity",
			Product: "Lineitem name", FullName: "Billing Name", Company: "Billing Company", City: "Billing City",
			Region: "Billing Province", Country: "Billing Country", Phone: "Billing Phone|Phone",
			Refunded: "Refunded Amount", Channel: "Source", Consent: "Accepts Marketing|Accepts Email Marketing",
			Ignore: "Paid at|Fulfillment Status|Fulfilled at|Subtotal|Shipping|Taxes|Discount Amount|" +
				"Shipping Method|Lineitem price|Lineitem compare at price|Lineitem sku|Lineitem requires shipping|" +
				"Lineitem taxable|Lineitem fulfillment status|Lineitem discount|Billing Street|Billing Address1|" +
				"Billing Address2|Billing Zip|Billing Province Name|Notes|Note Attributes|Cancelled at|" +
				"Payment Reference|Vendor|Outstanding Balance|Employee|Location|Device ID|Id|Tags|Risk Level|" +
				"Receipt Number|Duties|Payment ID|Payment Terms Name|Next Payment Due At|Payment References",
		},
		Prefixes: map[Role]string{Ignore: "Shipping |Tax "},
	},
	{
		Tool: "Shopify", Layout: "customers", System: "shopify", Kind: Contacts,
		Doc: "help.shopify.com › Exporting customers (legacy layout, and the 2024 layout with Customer ID and Default Address columns)",
		Match: []string{"First Name|Last Name|Email|Accepts Marketing|Total Spent|Total Orders",
			"First Name|Last Name|Email|Accepts Email Marketing|Total Spent|Total Orders",
			"Customer ID|Email|Accepts Email Marketing|Default Address Company"},
		Roles: map[Role]string{
			CustomerID: "Customer ID", FirstName: "First Name", LastName: "Last Name", Email: "Email",
			Company: "Company|Default Address Company", City: "City|Default Address City",
			Region:  "Province|Province Code|Default Address Province Code",
			Country: "Country|Country Code|Default Address Country Code",
			Phone:   "Phone|Default Address Phone", Consent: "Accepts Marketing|Accepts Email Marketing",
			LifetimeSpend: "Total Spent", OrderCount: "Total Orders", Interests: "Tags",
			Ignore: "Address1|Address2|Zip|Default Address Address1|Default Address Address2|Default Address Zip|" +
				"Note|Tax Exempt|Accepts SMS Marketing|Accepts WhatsApp Marketing",
		},
	},
	{
		Tool: "WooCommerce", Layout: "orders", System: "woocommerce", Kind: Orders,
		Doc: "woocommerce.com › Analytics › Orders report download; Customer/Order CSV Export column reference",
		Match: []string{"Order #|Status|Customer|Customer type|Net sales", "Order Number|Order Status|Order Date|Email (Billing)",
			"order_id|order_number|order_date|status|order_total|billing_email", "order_key|created_via|billing.email",
			"number|order_key|date_created|total|customer_id"},
		Roles: map[Role]string{
			OrderID: "Order #|Order Number|order_number|number", Status: "Status|Order Status|status", Date: "Date|Order Date|order_date|date_created",
			FullName: "Customer|billing_full_name", Category: "Customer type|Coupon(s)|Payment Method Title|payment_method",
			Product: "Product(s)|Item Name|Product Name", Quantity: "Items sold|Quantity|Quantity (- Refund)",
			Amount: "Net sales|Order Total Amount|order_total|total", Channel: "Attribution|created_via",
			Email: "Email (Billing)|billing_email|billing.email", Phone: "Phone (Billing)|billing_phone|billing.phone",
			FirstName: "First Name (Billing)|billing_first_name|billing.first_name", LastName: "Last Name (Billing)|billing_last_name|billing.last_name",
			Company: "Company (Billing)|billing_company|billing.company", City: "City (Billing)|billing_city|billing.city",
			Country: "Country Code (Billing)|billing_country|billing.country", Region: "State Code (Billing)|billing_state|billing.state",
			Refunded: "Order Refund Amount|refunded_total", Currency: "order_currency|Order Currency|currency",
			CustomerID: "customer_id|Customer User ID",
			Ignore: "order_id|id|parent_id|order_key|date_modified|date_paid|date_completed|shipping_total|total_tax|cart_hash|customer_ip_address|customer_user_agent|Order Subtotal Amount|Order Shipping Amount|Order Total Tax Amount|Cart Discount Amount|" +
				"Customer Note|shipping_total|tax_total|cart_discount|discount_total",
		},
	},
	{
		Tool: "WooCommerce", Layout: "customers", System: "woocommerce", Kind: Contacts,
		Doc: "woocommerce.com › Analytics › Customers report download; Customer/Order CSV Export customers columns",
		Match: []string{"Name|Username|Last active|Sign up|Email|Orders|Total spend",
			"customer_id|first_name|last_name|email|date_registered|total_spent|order_count",
			"customer_id|user_login|email|date_registered", "id|date_created|email|username|is_paying_customer"},
		Roles: map[Role]string{
			FullName: "Name", Email: "Email|email|billing_email", Date: "Sign up|date_registered|date_created",
			OrderCount: "Orders|order_count", LifetimeSpend: "Total spend|total_spent", AverageOrder: "AOV",
			Country: "Country / Region|Country|billing_country", City: "City|billing_city", Region: "Region|billing_state",
			CustomerID: "customer_id|id", FirstName: "first_name", LastName: "last_name", Phone: "billing_phone|billing.phone",
			Company: "billing_company",
			Ignore:  "Username|user_login|Last active|Postal code|user_pass|billing_postcode|billing_address_1|billing_address_2",
		},
	},
	{
		Tool: "Stripe", Layout: "payments", System: "stripe", Kind: Orders, Quirks: []quirk{quirkTestMode},
		Doc: "stripe.com › Payments export (dashboard Title Case columns; older snake_case columns of the legacy export)",
		Match: []string{"id|Created date (UTC)|Amount|Customer ID|Customer Email",
			"id|Created (UTC)|Amount|Customer ID|Customer Email",
			"id|created|amount|amount_refunded|currency|customer_id|customer_email",
			"id|created|amount|currency|status|customer_email|card_brand", "id|created|amount|currency|status|captured|customer"},
		Roles: map[Role]string{
			OrderID: "id", Date: "Created date (UTC)|Created (UTC)|created", Amount: "Amount|amount",
			Refunded: "Amount Refunded|amount_refunded", Currency: "Currency|currency", Status: "Status|status",
			CustomerID: "Customer ID|customer_id|customer", FullName: "Customer Description|customer_description",
			Email: "Customer Email|customer_email", Category: "Card Brand|card_brand|Mode|mode|livemode",
			City: "Card Address City|card_address_city", Region: "Card Address State|card_address_state",
			Country: "Card Address Country|card_address_country",
			Ignore: "Captured|captured|Converted Amount|converted_amount|Converted Amount Refunded|converted_amount_refunded|" +
				"Converted Currency|converted_currency|Description|description|Fee|fee|Tax|tax|Refunded date (UTC)|" +
				"Seller Message|seller_message|Statement Descriptor|statement_descriptor|Card ID|card_id|Card Last4|card_last4|" +
				"Card Funding|card_funding|Card Exp Month|card_exp_month|Card Exp Year|card_exp_year|Card Name|card_name|" +
				"Card Address Line1|card_address_line1|Card Address Line2|card_address_line2|Card Address Zip|card_address_zip|" +
				"Card Issue Country|card_issue_country|Card Fingerprint|card_fingerprint|Card CVC Status|card_cvc_status|" +
				"Card AVS Zip Status|card_avs_zip_status|Card AVS Line1 Status|card_avs_line1_status|" +
				"Card Tokenization Method|Disputed Amount|disputed_amount|Dispute Status|dispute_status|Dispute Reason|" +
				"dispute_reason|Dispute Date (UTC)|Dispute Evidence Due (UTC)|Invoice ID|invoice_id|invoice|" +
				"Payment Source Type|Destination|destination|Transfer|transfer|Transfer Group|transfer_group|" +
				"PaymentIntent ID|Payment Intent ID|payment_intent|Taxes On Fee",
		},
	},
	{
		Tool: "Stripe", Layout: "customers", System: "stripe", Kind: Contacts, Quirks: []quirk{quirkTestMode},
		Doc: "stripe.com › Customers export (Title Case and snake_case)",
		Match: []string{"id|Description|Email|Created (UTC)|Delinquent", "id|description|email|created|delinquent",
			"id|Email|Name|Created (UTC)|Total Spend", "id|email|name|created|account_balance"},
		Roles: map[Role]string{
			CustomerID: "id", FullName: "Name|name", Email: "Email|email", Date: "Created (UTC)|created",
			Phone: "Phone|phone", Currency: "Currency|currency", LifetimeSpend: "Total Spend|total_spend",
			OrderCount: "Payment Count|payment_count", Status: "Status|status", Category: "Plan|plan",
			Country: "Address Country|address_country|Card Address Country", City: "Address City|address_city",
			Ignore: "Description|description|Delinquent|delinquent|Balance|Account Balance|account_balance|" +
				"Card ID|card_id|Business Vat ID|business_vat_id|Refunded Volume|Dispute Losses|Discount|" +
				"Cancel At Period End|Coupon|Tax Exempt|Default Source|Invoice Prefix|Address Line1|Address Line2|" +
				"Address State|Address Zip|Shipping Name|Shipping Phone|Shipping Address Line1|Shipping Address Line2|" +
				"Shipping Address City|Shipping Address State|Shipping Address Country|Shipping Address Postal Code|livemode|Mode|mode",
		},
	},
	{
		Tool: "Stripe", Layout: "subscriptions", System: "stripe", Kind: Orders, Quirks: []quirk{quirkTestMode},
		Doc: "stripe.com › Subscriptions export (Title Case and snake_case)",
		Match: []string{"id|Customer ID|Plan|Interval|Current Period Start (UTC)",
			"id|Customer ID|Customer Email|Interval|Status|Created (UTC)",
			"id|customer|plan|interval|current_period_start", "id|customer_id|customer_email|interval|status|created"},
		Roles: map[Role]string{
			OrderID: "id", CustomerID: "Customer ID|customer|customer_id", Email: "Customer Email|customer_email",
			FullName: "Customer Description|customer_description", Product: "Product|product|Plan|plan",
			Quantity: "Quantity|quantity", Currency: "Currency|currency", Amount: "Amount|amount",
			Status: "Status|status", Date: "Created (UTC)|created",
			Category: "Interval|interval",
			Ignore: "Start (UTC)|start|Current Period Start (UTC)|current_period_start|Current Period End (UTC)|" +
				"current_period_end|Trial Start (UTC)|trial_start|Trial End (UTC)|trial_end|Application Fee Percent|" +
				"application_fee_percent|Coupon|coupon|Tax Percent|tax_percent|Canceled At (UTC)|canceled_at|" +
				"Ended At (UTC)|ended_at|Mode|mode|livemode",
		},
	},
	{
		Tool: "PayPal", Layout: "activity", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows},
		Doc: "paypal.com › Activity download (All transactions CSV): Date, Time, TimeZone, Name, Type, Status, Currency, Gross …",
		Match: []string{"Date|Time|Name|Type|Status|Currency|Gross|Fee|Net|Transaction ID",
			"Date|Time|Name|Type|Status|Currency|Gross|Net|From Email Address|Transaction ID"},
		Roles: map[Role]string{
			Date: "Date", FullName: "Name", Category: "Type", Status: "Status", Currency: "Currency", Amount: "Gross",
			Email: "From Email Address", OrderID: "Transaction ID", Product: "Item Title", Quantity: "Quantity",
			City: "Town/City", Country: "Country", Phone: "Contact Phone Number",
			Ignore: paypalENIgnore,
		},
	},
	{
		Tool: "PayPal", Layout: "statement", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows},
		Doc:   "paypal.com › Statements › Activity statement CSV: Date, Time, Time Zone, Description, Currency, Gross, Fee, Net, Balance …",
		Match: []string{"Date|Time|Description|Currency|Gross|Net|Balance|Transaction ID"},
		Roles: map[Role]string{
			Date: "Date", Category: "Description", Currency: "Currency", Amount: "Gross", OrderID: "Transaction ID",
			Email: "From Email Address|Sender Email Address", FullName: "Name", Ignore: paypalENIgnore,
		},
	},
	{
		Tool: "PayPal", Layout: "activity (Spanish)", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows, quirkDecimalComma},
		Doc:   "paypal.com (es) › Descargar actividad: Fecha, Hora, Zona horaria, Nombre, Tipo, Estado, Divisa, Bruto, Tarifa, Neto …",
		Match: []string{"Fecha|Hora|Nombre|Tipo|Estado|Divisa|Bruto|Neto"},
		Roles: map[Role]string{
			Date: "Fecha", FullName: "Nombre", Category: "Tipo", Status: "Estado", Currency: "Divisa|Moneda", Amount: "Bruto",
			Email:   "De la dirección de correo electrónico|Correo electrónico del remitente|Dirección de correo electrónico del remitente",
			OrderID: "Id. de transacción|Id de transacción|Número de transacción", Product: "Título del artículo|Nombre del artículo",
			Quantity: "Cantidad", City: "Ciudad", Country: "País", Phone: "Número de teléfono de contacto",
			Ignore: paypalESIgnore,
		},
	},
	{
		Tool: "PayPal", Layout: "statement (Spanish)", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows, quirkDecimalComma},
		Doc:   "paypal.com (es) › Extractos: Fecha, Hora, Zona horaria, Descripción, Divisa, Bruto, Tarifa, Neto, Saldo …",
		Match: []string{"Fecha|Hora|Descripción|Divisa|Bruto|Neto|Saldo", "Fecha|Hora|Descripción|Moneda|Bruto|Neto|Saldo"},
		Roles: map[Role]string{
			Date: "Fecha", Category: "Descripción", Currency: "Divisa|Moneda", Amount: "Bruto",
			OrderID: "Id. de transacción|Id de transacción|Número de transacción", FullName: "Nombre",
			Email:  "De la dirección de correo electrónico|Correo electrónico del remitente|Dirección de correo electrónico del remitente",
			Ignore: paypalESIgnore,
		},
	},
	{
		Tool: "PayPal", Layout: "activity (French)", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows, quirkDecimalComma},
		Doc:   "paypal.com (fr) › Télécharger l'historique: Date, Heure, Fuseau horaire, Nom, Type, État, Devise, Avant commission …",
		Match: []string{"Date|Heure|Nom|Type|État|Devise|Net", "Date|Heure|Nom|Type|Etat|Devise|Net"},
		Roles: map[Role]string{
			Date: "Date", FullName: "Nom", Category: "Type", Status: "État|Etat", Currency: "Devise",
			Amount: "Avant commission|Brut", Email: "De l'adresse email|Adresse email de l'expéditeur",
			OrderID: "Numéro de transaction", Product: "Titre de l'objet|Nom de l'objet", Quantity: "Quantité",
			City: "Ville", Country: "Pays", Phone: "Numéro de téléphone du contact",
			Ignore: paypalFRIgnore,
		},
	},
	{
		Tool: "PayPal", Layout: "statement (French)", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows, quirkDecimalComma},
		Doc:   "paypal.com (fr) › Relevés: Date, Heure, Fuseau horaire, Description, Devise, Brut, Frais, Net, Solde, Numéro de transaction …",
		Match: []string{"Date|Heure|Description|Devise|Brut|Net|Solde"},
		Roles: map[Role]string{
			Date: "Date", Category: "Description", Currency: "Devise", Amount: "Brut|Avant commission",
			OrderID: "Numéro de transaction", Email: "Adresse email de l'expéditeur|De l'adresse email", FullName: "Nom",
			Ignore: paypalFRIgnore,
		},
	},
	{
		Tool: "PayPal", Layout: "activity (German)", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows, quirkDecimalComma},
		Doc:   "paypal.com (de) › Aktivitäten herunterladen: Datum, Uhrzeit, Zeitzone, Name, Typ, Status, Währung, Brutto, Gebühr, Netto …",
		Match: []string{"Datum|Uhrzeit|Name|Typ|Status|Währung|Brutto|Netto"},
		Roles: map[Role]string{
			Date: "Datum", FullName: "Name", Category: "Typ", Status: "Status", Currency: "Währung", Amount: "Brutto",
			Email: "Absender E-Mail-Adresse", OrderID: "Transaktionscode", Product: "Artikelbezeichnung",
			Quantity: "Anzahl", City: "Ort", Country: "Land", Phone: "Telefon|Telefonnummer der Kontaktperson",
			Ignore: paypalDEIgnore,
		},
	},
	{
		Tool: "PayPal", Layout: "statement (German)", System: "paypal", Kind: Orders, Quirks: []quirk{quirkInternalRows, quirkDecimalComma},
		Doc:   "paypal.com (de) › Kontoauszüge: Datum, Uhrzeit, Zeitzone, Beschreibung, Währung, Brutto, Entgelt, Netto, Guthaben, Transaktionscode …",
		Match: []string{"Datum|Uhrzeit|Beschreibung|Währung|Brutto|Netto|Guthaben"},
		Roles: map[Role]string{
			Date: "Datum", Category: "Beschreibung", Currency: "Währung", Amount: "Brutto", OrderID: "Transaktionscode",
			Email: "Absender E-Mail-Adresse", FullName: "Name", Ignore: paypalDEIgnore,
		},
	},
	{
		Tool: "Square", Layout: "transactions", System: "square", Kind: Orders,
		Doc:   "squareup.com › Export transactions (Transactions CSV)",
		Match: []string{"Date|Time|Gross Sales|Net Sales|Total Collected|Transaction ID"},
		Roles: map[Role]string{
			Date: "Date", Amount: "Total Collected", OrderID: "Transaction ID", Category: "Card Brand|Source|Event Type",
			Product: "Description", CustomerID: "Customer ID", FullName: "Customer Name", Channel: "Dining Option",
			Ignore: "Time|Time Zone|Gross Sales|Discounts|Service Charges|Net Sales|Gift Card Sales|Tax|Tip|" +
				"Partial Refunds|Card|Card Entry Methods|Cash|Square Gift Card|Other Tender|Other Tender Type|" +
				"Other Tender Note|Fees|Net Total|Payment ID|PAN Suffix|Device Name|Staff Name|Staff ID|Details|" +
				"Location|Customer Reference ID|Device Nickname|Deposit ID|Deposit Date|Deposit Details|Fee Percentage Rate|Fee Fixed Rate",
		},
	},
	{
		Tool: "Square", Layout: "customers", System: "square", Kind: Contacts,
		Doc:   "squareup.com › Export your customer directory",
		Match: []string{"Square Customer ID|Email Address|Creation Source", "Reference ID|First Name|Last Name|Email Address|Transaction Count|Total Spend"},
		Roles: map[Role]string{
			CustomerID: "Square Customer ID", FirstName: "First Name", LastName: "Last Name", Email: "Email Address",
			Phone: "Phone Number", Company: "Company Name", City: "City", Region: "State", BirthDate: "Birthday",
			Channel: "Creation Source", Date: "First Visit", OrderCount: "Transaction Count", LifetimeSpend: "Total Spend",
			Consent: "Email Subscription Status",
			Ignore:  "Reference ID|Nickname|Street Address 1|Street Address 2|Postal Code|Memo|Last Visit|Instant Profile",
		},
	},
	{
		Tool: "Salla", Layout: "orders", System: "salla", Kind: Orders,
		Doc:   "salla.sa help centre › تصدير الطلبات (orders export, Arabic headers)",
		Match: []string{"رقم الطلب|تاريخ الطلب|حالة الطلب|اسم العميل", "رقم الطلب|حالة الطلب|جوال العميل"},
		Roles: map[Role]string{
			OrderID: "رقم الطلب", Date: "تاريخ الطلب", Status: "حالة الطلب", FullName: "اسم العميل",
			Phone: "جوال العميل|رقم الجوال", Email: "البريد الإلكتروني|بريد العميل", City: "المدينة", Country: "الدولة",
			Amount: "إجمالي الطلب|الإجمالي|المجموع", Category: "طريقة الدفع", Product: "المنتجات", Currency: "العملة",
			Ignore: "شركة الشحن|رقم التتبع|الشحن|الضريبة",
		},
	},
	{
		Tool: "Zid", Layout: "orders", System: "zid", Kind: Orders,
		Doc:   "zid.sa help centre › تصدير الطلبات (orders export, Arabic and English headers)",
		Match: []string{"رقم الطلب|اسم العميل|جوال العميل|حالة الطلب|إجمالي الطلب", "Order ID|Customer Name|Customer Mobile|Order Status|Order Total"},
		Roles: map[Role]string{
			OrderID: "رقم الطلب|Order ID", Date: "تاريخ الطلب|Order Date|Created At", Status: "حالة الطلب|Order Status",
			FullName: "اسم العميل|Customer Name", Phone: "جوال العميل|Customer Mobile", Email: "بريد العميل|Customer Email",
			City: "المدينة|City", Amount: "إجمالي الطلب|Order Total", Category: "طريقة الدفع|Payment Method",
			Currency: "العملة|Currency",
		},
	},

	// ── CRM and marketing ────────────────────────────────────────────────
	{
		Tool: "HubSpot", Layout: "contacts", System: "hubspot", Kind: Contacts,
		Doc:   "knowledge.hubspot.com › Export your records (contacts: Record ID, Create Date, Lifecycle Stage …)",
		Match: []string{"Record ID|Email|Create Date", "Record ID|Email|Lifecycle Stage"},
		Roles: map[Role]string{
			CustomerID: "Record ID", FirstName: "First Name", LastName: "Last Name", Email: "Email",
			Phone: "Phone Number|Mobile Phone Number", Company: "Company Name", Industry: "Industry",
			Employees: "Number of Employees", JobTitle: "Job Title", City: "City", Region: "State/Region",
			Country: "Country/Region", Date: "Create Date", Status: "Lifecycle Stage", Language: "Preferred language",
			Channel: "Original Source", Consent: "Marketing contact status",
			Ignore: "Contact owner|Last Activity Date|Lead Status|Associated Company",
		},
	},
	{
		Tool: "HubSpot", Layout: "companies", System: "hubspot", Kind: Contacts,
		Doc:   "knowledge.hubspot.com › Export your records (companies)",
		Match: []string{"Record ID|Company name|Company Domain Name", "Record ID|Company name|Create Date|Company owner"},
		Roles: map[Role]string{
			CustomerID: "Record ID", Company: "Company name", Industry: "Industry", Employees: "Number of Employees",
			City: "City", Region: "State/Region", Country: "Country/Region", Phone: "Phone Number", Date: "Create Date",
			Status: "Lifecycle Stage",
			Ignore: "Company Domain Name|Company owner|Last Activity Date|Annual Revenue|Time Zone|Website URL|Associated Contact",
		},
	},
	{
		Tool: "HubSpot", Layout: "deals", System: "hubspot", Kind: Orders,
		Doc:   "knowledge.hubspot.com › Export your records (deals)",
		Match: []string{"Record ID|Deal Name|Deal Stage|Amount", "Record ID|Deal Name|Pipeline|Close Date"},
		Roles: map[Role]string{
			OrderID: "Record ID", Product: "Deal Name", Status: "Deal Stage", Amount: "Amount", Date: "Close Date|Create Date",
			Category: "Pipeline|Deal Type", Company: "Associated Company", Currency: "Currency",
			Ignore: "Deal owner|Last Activity Date|Associated Contact",
		},
	},
	{
		Tool: "HubSpot", Layout: "feedback submissions", System: "hubspot", Kind: Surveys, Quirks: []quirk{quirkScoreVaries},
		// knowledge.hubspot.com › feedback submission properties (Sentiment):
		// CSAT 0–2, CES 1–7, NPS 0–10.
		Scales: map[Role]Scale{NPS: {Min: 0, Max: 10}, CSAT: {Min: 0, Max: 2}, CES: {Min: 1, Max: 7}},
		Doc:    "knowledge.hubspot.com › Analyze feedback survey responses (export submissions); developers.hubspot.com › feedback_submissions properties",
		Match: []string{"Survey name|Survey type|Rating", "Survey Name|Rating|Response", "hs_survey_type|hs_response_value",
			"Survey type|Rating|Sentiment", "Record ID|Survey name|Rating", "Survey name|Survey type", "Survey name|Response group",
			"hs_survey_name|hs_value", "hs_survey_type|hs_content", "Survey type|Rating|Response", "Survey type|Rating|Submission date"},
		Roles: map[Role]string{
			Survey: "Survey name|Survey type|hs_survey_name|hs_survey_type", NPS: "Rating|hs_response_value|Response value|Value|hs_value",
			Text:     "Response|hs_content|Feedback|Content|Response content",
			Category: "Sentiment|hs_sentiment|Source|Survey channel|hs_survey_channel|Response group|hs_response_group",
			Date:     "Submitted on|Submission date|Submitted at|Submission timestamp|hs_submission_timestamp|Create Date|hs_createdate",
			Email:    "Email|Contact email|hs_contact_email_rollup",
			FullName: "Contact|Contact name", FirstName: "First Name", LastName: "Last Name", CustomerID: "Contact ID",
			Ignore: "Record ID|hs_object_id|Feedback submission ID|Survey ID|hs_survey_id|hs_lastmodifieddate|Last Modified Date|" +
				"hs_visitor_id|hs_engagement_id|hs_form_guid|hs_ingestion_id|hs_contact_id|Object create date/time",
		},
	},
	{
		Tool: "Salesforce", Layout: "Data Loader (API names)", System: "salesforce", Kind: Contacts,
		Doc: "developer.salesforce.com › Data Loader export (object field API names: Id, FirstName, CreatedDate …)",
		Match: []string{"Id|FirstName|LastName|Email|AccountId", "Id|LastName|Email|CreatedDate|OwnerId",
			"Id|IsDeleted|CreatedDate|SystemModstamp", "Id|Email|LeadSource|Status|Company"},
		Roles: map[Role]string{
			CustomerID: "Id", FirstName: "FirstName", LastName: "LastName", FullName: "Name", Email: "Email",
			Phone: "Phone|MobilePhone", Company: "Company", JobTitle: "Title", Industry: "Industry",
			Employees: "NumberOfEmployees", City: "MailingCity|City", Region: "MailingState|State",
			Country: "MailingCountry|Country", Date: "CreatedDate", Channel: "LeadSource", Status: "Status",
			Consent: "HasOptedOutOfEmail", BirthDate: "Birthdate",
			Ignore: "AccountId|OwnerId|IsDeleted|SystemModstamp|CreatedById|LastModifiedDate|LastModifiedById|" +
				"MasterRecordId|MailingStreet|MailingPostalCode|Street|PostalCode|LastActivityDate|Salutation|" +
				"Fax|Description|IsConverted|ConvertedDate|ConvertedAccountId|ConvertedContactId|PhotoUrl",
		},
	},
	{
		Tool: "Salesforce", Layout: "report (labels)", System: "salesforce", Kind: Contacts,
		Doc: "help.salesforce.com › Export a report (column labels: Contact ID, Contact Owner, Account Name …)",
		Match: []string{"Contact ID|Contact Owner|Account Name", "Lead ID|Lead Owner|Company",
			"Contact Owner|First Name|Last Name|Account Name|Mailing City", "Lead Owner|First Name|Last Name|Company|Lead Status"},
		Roles: map[Role]string{
			CustomerID: "Contact ID|Lead ID", FirstName: "First Name", LastName: "Last Name", Email: "Email",
			Phone: "Phone|Mobile", Company: "Account Name|Company / Account|Company", JobTitle: "Title",
			Industry: "Industry", City: "Mailing City|City", Region: "Mailing State/Province|State/Province",
			Country: "Mailing Country|Country", Date: "Created Date", Channel: "Lead Source", Status: "Lead Status",
			Consent: "Email Opt Out",
			Ignore:  "Contact Owner|Lead Owner|Salutation|Last Activity|Mailing Street|Mailing Zip/Postal Code|Zip/Postal Code|Street",
		},
	},
	{
		Tool: "Salesforce", Layout: "opportunities", System: "salesforce", Kind: Orders,
		Doc:   "help.salesforce.com › Opportunity reports (Opportunity ID, Opportunity Name, Stage, Amount, Close Date)",
		Match: []string{"Opportunity ID|Opportunity Name|Stage|Amount", "Id|Name|StageName|Amount|CloseDate"},
		Roles: map[Role]string{
			OrderID: "Opportunity ID|Id", Product: "Opportunity Name|Name", Status: "Stage|StageName", Amount: "Amount",
			Date: "Close Date|CloseDate", Company: "Account Name", Category: "Type|Lead Source|LeadSource",
			Ignore: "Opportunity Owner|Probability (%)|Probability|AccountId|OwnerId|Fiscal Period|Created Date|CreatedDate",
		},
	},
	{
		Tool: "Mailchimp", Layout: "audience", System: "mailchimp", Kind: Contacts,
		Doc:   "mailchimp.com/help › Export your audience (subscribed, unsubscribed and cleaned files; MEMBER_RATING, OPTIN_TIME, LEID …)",
		Match: []string{"Email Address|MEMBER_RATING|OPTIN_TIME", "Email Address|LEID|EUID", "Email Address|MEMBER_RATING|LAST_CHANGED"},
		Roles: map[Role]string{
			Email: "Email Address", FirstName: "First Name", LastName: "Last Name", Phone: "Phone Number|Phone",
			BirthDate: "Birthday", Company: "Company", Country: "CC|Country", Region: "REGION", Date: "OPTIN_TIME",
			Consent: "UNSUB_TIME|CLEAN_TIME", Interests: "TAGS", Text: "UNSUB_REASON_OTHER", Category: "UNSUB_REASON",
			Ignore: "Address|MEMBER_RATING|OPTIN_IP|CONFIRM_IP|CONFIRM_TIME|LATITUDE|LONGITUDE|GMTOFF|DSTOFF|TIMEZONE|" +
				"LAST_CHANGED|LEID|EUID|NOTES|UNSUB_CAMPAIGN_TITLE|UNSUB_CAMPAIGN_ID|CLEAN_CAMPAIGN_TITLE|CLEAN_CAMPAIGN_ID|SSL_CHANGED",
		},
	},
	{
		Tool: "Klaviyo", Layout: "profiles", System: "klaviyo", Kind: Contacts,
		Doc:   "help.klaviyo.com › Export a list or segment (Email, Klaviyo ID, Profile Created On, Email Marketing Consent …)",
		Match: []string{"Email|Klaviyo ID", "Email|Profile Created On|Email Marketing Consent", "Email|First Name|Last Name|Date Added|Last Active"},
		Roles: map[Role]string{
			Email: "Email", FirstName: "First Name", LastName: "Last Name", Phone: "Phone Number", Company: "Organization",
			JobTitle: "Title", City: "City", Region: "State / Region", Country: "Country", CustomerID: "Klaviyo ID|External ID",
			Date: "Profile Created On|Date Added", Channel: "Source", Consent: "Email Marketing Consent|Accepts Marketing",
			Language: "Locale",
			Ignore: "Address|Address 2|Zip Code|Latitude|Longitude|IP Address|Last Active|Last Open|Last Click|" +
				"SMS Marketing Consent|Email Marketing Consent Timestamp|Time Zone|Initial Source",
		},
	},
	{
		Tool: "Pipedrive", Layout: "people", System: "pipedrive", Kind: Contacts,
		Doc:   "support.pipedrive.com › Exporting data (people: Person - Name, Person - Email …)",
		Match: []string{"Person - ID|Person - Name", "Person - Name|Person - Email", "Person - Name|Person - Email - Work"},
		Roles: map[Role]string{
			CustomerID: "Person - ID", FullName: "Person - Name", FirstName: "Person - First name", LastName: "Person - Last name",
			Email:   "Person - Email|Person - Email - Work|Person - Email - Home|Person - Email - Other",
			Phone:   "Person - Phone|Person - Phone - Work|Person - Phone - Mobile|Person - Phone - Home",
			Company: "Person - Organization|Organization - Name", Date: "Person - Person created",
			Category: "Person - Label", JobTitle: "Person - Job title",
			Ignore: "Person - Owner|Person - Visible to|Person - Update time|Person - Open deals|Person - Closed deals|" +
				"Person - Won deals|Person - Lost deals|Person - Next activity date|Person - Last activity date|Person - Email messages count",
		},
	},
	{
		Tool: "Pipedrive", Layout: "deals", System: "pipedrive", Kind: Orders,
		Doc:   "support.pipedrive.com › Exporting data (deals: Deal - Title, Deal - Value …)",
		Match: []string{"Deal - ID|Deal - Title|Deal - Value", "Deal - Title|Deal - Value|Deal - Status"},
		Roles: map[Role]string{
			OrderID: "Deal - ID", Product: "Deal - Title", Amount: "Deal - Value", Currency: "Deal - Currency",
			Status: "Deal - Status", Date: "Deal - Deal created", Company: "Deal - Organization",
			FullName: "Deal - Contact person", Category: "Deal - Stage|Deal - Pipeline",
			Email: "Person - Email|Person - Email - Work", Phone: "Person - Phone|Person - Phone - Work",
			Ignore: "Deal - Owner|Deal - Won time|Deal - Lost time|Deal - Close date|Deal - Expected close date|Deal - Update time|Deal - Lost reason",
		},
	},
	{
		Tool: "Zoho CRM", Layout: "contacts and leads", System: "zoho", Kind: Contacts,
		Doc:   "help.zoho.com › CRM › Export data (Record Id, Contact Owner, Created Time …)",
		Match: []string{"Record Id|Contact Owner|Created Time", "Record Id|Lead Owner|Created Time", "Contact Owner|Lead Source|Account Name|Email|Created Time"},
		Roles: map[Role]string{
			CustomerID: "Record Id", FirstName: "First Name", LastName: "Last Name", FullName: "Full Name", Email: "Email",
			Phone: "Phone|Mobile", Company: "Account Name|Company", JobTitle: "Title", Industry: "Industry",
			Employees: "No. of Employees", City: "Mailing City|City", Region: "Mailing State|State",
			Country: "Mailing Country|Country", Date: "Created Time", Channel: "Lead Source", Status: "Lead Status",
			Consent: "Email Opt Out", BirthDate: "Date of Birth",
			Ignore: "Contact Owner|Lead Owner|Created By|Modified By|Modified Time|Mailing Street|Mailing Zip|Street|Zip Code|" +
				"Salutation|Secondary Email|Last Activity Time|Home Phone|Other Phone|Fax|Assistant|Asst Phone|Department|Tag|Description",
		},
	},
	{
		Tool: "Intercom", Layout: "users", System: "intercom", Kind: Contacts,
		Doc: "intercom.com/help › Export your users and leads (User ID, Signed up, Last seen, Unsubscribed from Emails …)",
		Match: []string{"User ID|Email|Signed up|Last seen", "Email|Last seen|Unsubscribed from Emails", "User ID|Email|First Seen|Last Seen",
			"User ID|Email|Unsubscribed from Emails", "Email|Signed up (UTC)|Last seen (UTC)"},
		Roles: map[Role]string{
			CustomerID: "User ID|External ID", Email: "Email", FullName: "Name", Phone: "Phone",
			Date: "Signed up|Signed up (UTC)|First Seen|First Seen (UTC)|Created at", Company: "Company name|Company Name",
			City: "City", Region: "Region", Country: "Country", Consent: "Unsubscribed from Emails",
			Language: "Browser Language|Language Override", Device: "OS|Browser", Category: "Type|Role",
			Ignore: "Last seen|Last Seen|Last contacted|Last heard from|Web sessions|Company ID|Intercom ID|Timezone|" +
				"Avatar|Owner|Conversation Rating|Last Opened Email|Last Clicked on Link in Email|Last Seen (UTC)",
		},
	},

	// ── Support ──────────────────────────────────────────────────────────
	{
		Tool: "Zendesk", Layout: "tickets", System: "zendesk", Kind: Tickets,
		Doc:   "support.zendesk.com › Exporting data (ticket CSV export)",
		Match: []string{"Id|Requester|Requester id|Subject|Created at"},
		Roles: map[Role]string{
			Subject: "Subject", Text: "Description", Status: "Status", Category: "Priority|Ticket type|Satisfaction Score",
			Channel: "Via", FullName: "Requester", CustomerID: "Requester id", Email: "Requester email",
			Phone: "Requester phone", Company: "Organization", Date: "Created at",
			Ignore: "Id|Requester external id|Updated at|Solved at|Assigned at|Initially assigned at|Due date|Tags|" +
				"Assignee|Assignee id|Group|Submitter|Brand|URL",
		},
	},
	{
		Tool: "Zendesk", Layout: "tickets (API JSON)", System: "zendesk", Kind: Tickets,
		Doc:   "developer.zendesk.com › Tickets API (JSON {\"tickets\":[…]}: requester_id, submitter_id, via.channel …)",
		Match: []string{"id|subject|requester_id|submitter_id|created_at", "id|subject|requester_id|via.channel"},
		Roles: map[Role]string{
			Subject: "subject", Text: "description", Status: "status", Category: "priority|type|satisfaction_rating.score",
			Channel: "via.channel", CustomerID: "requester_id", Date: "created_at", Email: "requester.email|via.source.from.address",
			FullName: "requester.name|via.source.from.name",
			Ignore: "id|url|external_id|raw_subject|recipient|submitter_id|assignee_id|organization_id|group_id|" +
				"collaborator_ids|follower_ids|email_cc_ids|forum_topic_id|problem_id|has_incidents|is_public|due_at|tags|" +
				"custom_fields|fields|sharing_agreement_ids|followup_ids|brand_id|allow_channelback|allow_attachments|" +
				"from_messaging_channel|updated_at|ticket_form_id|custom_status_id|generated_timestamp|encoded_id|" +
				"via.source.rel|via.source.to|via.source.from|via.source.to.name|via.source.to.address|satisfaction_rating.id|satisfaction_rating.comment",
		},
	},
	{
		Tool: "Freshdesk", Layout: "tickets", System: "freshdesk", Kind: Tickets,
		Doc:   "support.freshdesk.com › Exporting tickets (Ticket ID, Subject, Status, Priority, Source, Type, Agent, Group, Created time …)",
		Match: []string{"Ticket ID|Subject|Status|Priority|Source|Created time", "Ticket ID|Subject|Agent|Resolution status"},
		Roles: map[Role]string{
			Subject: "Subject", Text: "Description", Status: "Status", Category: "Priority|Type|Survey results",
			Channel: "Source", Date: "Created time", FullName: "Full name|Requester Name|Contact Name",
			Email: "Email|Requester Email", Phone: "Work phone|Mobile phone", CustomerID: "Contact ID",
			Company: "Company Name|Company",
			Ignore: "Ticket ID|Agent|Group|Due by Time|Resolved time|Closed time|Last update time|Initial response time|" +
				"Time tracked|First response time (in hrs)|Resolution time (in hrs)|Agent interactions|Customer interactions|" +
				"Resolution status|First response status|Tags|Skill|Association type|Product",
		},
	},
	{
		Tool: "Help Scout", Layout: "conversations", System: "helpscout", Kind: Tickets,
		Doc:   "docs.helpscout.com › Export conversations (Conversation ID, Number, Mailbox, Customer …)",
		Match: []string{"Conversation ID|Mailbox|Customer Email", "Conversation Number|Mailbox|Subject", "Number|Mailbox|Customer Name|Customer Email"},
		Roles: map[Role]string{
			Subject: "Subject", Text: "Preview|Thread|Body", Status: "Status", Category: "Type|Tags|Rating",
			FullName: "Customer Name|Customer", Email: "Customer Email|Customer Email Addresses|Customer email addresses",
			Date: "Created At|Created", Channel: "Source|Mailbox",
			Ignore: "Conversation ID|Conversation Number|Number|Assigned To|Assignee|Closed At|Closed|Modified At|Thread Count|Closed By|Waiting Since",
		},
	},
	{
		Tool: "Intercom", Layout: "conversations", System: "intercom", Kind: Tickets,
		Doc:   "intercom.com/help › Export conversation data (Conversation ID, Conversation started at, Conversation rating …)",
		Match: []string{"Conversation ID|Conversation started at", "Conversation ID|User email|Conversation rating", "Conversation ID|Created at|Conversation rating remark"},
		Roles: map[Role]string{
			Subject: "Conversation title|Subject", Text: "First message|Conversation rating remark|Initial message",
			Status: "State|Status", Rating: "Conversation rating", Date: "Conversation started at|Created at",
			Email: "User email|Contact email", FullName: "User name|Contact name", CustomerID: "User ID|User external ID",
			Channel: "Channel|Conversation initiated via", Category: "Tags|Topics",
			Ignore: "Conversation ID|Conversation URL|Conversation last updated at|Updated at|Conversation first response at|" +
				"Assignee|Teammate assigned|Team assigned|Conversation closed at|Closed at|Intercom ID|Company name",
		},
	},
	{
		Tool: "Gorgias", Layout: "tickets", System: "gorgias", Kind: Tickets,
		Doc:   "docs.gorgias.com › Export tickets (Ticket id, Channel, Customer email, Survey score …)",
		Match: []string{"Ticket id|Channel|Customer email|Status", "Ticket ID|Customer Email|Channel|Created Datetime"},
		Roles: map[Role]string{
			Subject: "Subject", Text: "First message|Excerpt|Message", Status: "Status", Channel: "Channel",
			Email: "Customer email", FullName: "Customer name", Date: "Created date|Created Datetime|Created",
			Category: "Tags|Survey score", CustomerID: "Customer id",
			Ignore: "Ticket id|Assignee|Assignee user|Closed date|Closed Datetime|Updated date|Language|Integrations|Spam",
		},
	},

	// ── Surveys ──────────────────────────────────────────────────────────
	{
		Tool: "SurveyMonkey", Layout: "responses", System: "surveymonkey", Kind: Surveys, Quirks: []quirk{quirkHeaderRows},
		Doc:   "help.surveymonkey.com › Exporting responses (All responses, expanded: two header rows; re-saved copies with one row or a pandas index)",
		Match: []string{"Respondent ID|Collector ID"},
		Roles: map[Role]string{
			Date: "End Date", Email: "Email Address", FirstName: "First Name", LastName: "Last Name",
			Ignore: "Respondent ID|Collector ID|Start Date|IP Address",
		},
		Prefixes: map[Role]string{Answer: "Custom Data"},
	},
	{
		Tool: "Typeform", Layout: "", System: "typeform", Kind: Surveys,
		Doc:   "typeform.com/help › Download your responses (#, Start Date (UTC), Submit Date (UTC), Network ID, Tags)",
		Match: []string{"#|Submit Date (UTC)|Network ID", "#|Start Date (UTC)|Submit Date (UTC)", "Response Type|Start Date (UTC)|Submit Date (UTC)"},
		Roles: map[Role]string{
			Date:   "Submit Date (UTC)",
			Ignore: "#|Start Date (UTC)|Stage Date (UTC)|Network ID|Tags|Response Type|Ending",
		},
	},
	{
		Tool: "Google Forms", Layout: "responses", System: "google-forms", Kind: Surveys, Quirks: []quirk{quirkQuestions},
		Doc:   "support.google.com/docs › View & manage form responses (Timestamp, Email Address, one column per question)",
		Match: []string{"Timestamp"},
		Roles: map[Role]string{Date: "Timestamp", Email: "Email Address", Ignore: "Score"},
	},
	{
		Tool: "Microsoft Forms", Layout: "responses", System: "microsoft-forms", Kind: Surveys,
		Doc:   "support.microsoft.com › Check your form results (Open in Excel: ID, Start time, Completion time, Email, Name)",
		Match: []string{"ID|Start time|Completion time|Email|Name"},
		Roles: map[Role]string{
			Date: "Completion time", Email: "Email", FullName: "Name", Ignore: "ID|Start time|Last modified time|Total points|Quiz feedback",
		},
	},
	{
		Tool: "Qualtrics", Layout: "responses", System: "qualtrics", Kind: Surveys, Quirks: []quirk{quirkHeaderRows, quirkNPSGroup},
		Doc: "qualtrics.com/support › Data export formats (CSV: field ids, question labels, and an ImportId JSON row)",
		Match: []string{"StartDate|EndDate|ResponseId", "Start Date|End Date|Response ID|Recorded Date", "StartDate|RecordedDate|ResponseID",
			"ResponseId|RecordedDate|DistributionChannel"},
		Roles: map[Role]string{
			Date: "RecordedDate|Recorded Date", Email: "RecipientEmail|Recipient Email", FirstName: "RecipientFirstName|Recipient First Name",
			LastName: "RecipientLastName|Recipient Last Name", Channel: "DistributionChannel|Distribution Channel",
			Language: "UserLanguage|User Language", CustomerID: "ExternalReference|External Data Reference|External Reference",
			Ignore: "StartDate|Start Date|EndDate|End Date|Status|Response Type|IPAddress|IP Address|Progress|" +
				"Duration (in seconds)|Finished|ResponseId|ResponseID|Response ID|LocationLatitude|Location Latitude|" +
				"LocationLongitude|Location Longitude|Q_RecaptchaScore|Q_RelevantIDDuplicate|Q_RelevantIDDuplicateScore|" +
				"Q_RelevantIDFraudScore|Q_RelevantIDLastStartDate|Q_BallotBoxStuffing|Q_TotalDuration",
		},
	},
	{
		Tool: "Alchemer", Layout: "responses (SurveyGizmo)", System: "alchemer", Kind: Surveys,
		Doc:   "help.alchemer.com › CSV/Excel export (Response ID, Time Started, Date Submitted, Status, Contact ID …)",
		Match: []string{"Response ID|Time Started|Date Submitted|Status", "Response ID|Date Submitted|SessionID|User Agent"},
		Roles: map[Role]string{
			Date: "Date Submitted", Status: "Status", Language: "Language", Country: "Country", City: "City",
			Region: "State/Region", CustomerID: "Contact ID", Email: "Email|Email Address",
			Ignore: "Response ID|Time Started|Legacy Comments|Comments|Referer|Extended Referer|SessionID|User Agent|" +
				"Extended User Agent|Tags|IP Address|Longitude|Latitude|Postal|Link Name|URL Redirect|Invite Status|Invite Link",
		},
	},
	{
		Tool: "Delighted", Layout: "", System: "delighted", Kind: Surveys, Quirks: []quirk{quirkScoreVaries},
		Doc:   "help.delighted.com › Exporting your data (Response ID, Created, Score, Comment, Permalink …)",
		Match: []string{"Response ID|Score|Comment|Permalink", "Response ID|Score|Comment|Delighted Source"},
		Roles: map[Role]string{
			Date: "Created", FullName: "Name", Email: "Email", NPS: "Score", Text: "Comment", Channel: "Delighted Source",
			Survey: "Survey type", Ignore: "Response ID|Permalink|Tags|Notes|Updated",
		},
	},

	// ── Reviews ──────────────────────────────────────────────────────────
	{
		Tool: "Google Play Console", Layout: "reviews", System: "google-play", Kind: Reviews, Quirks: []quirk{quirkUTF16},
		Doc:   "support.google.com/googleplay/android-developer › Download reports › Reviews (monthly CSV, UTF-16)",
		Match: []string{"Package Name|Star Rating|Review Text", "Package Name|Review Submit Date and Time|Star Rating"},
		Roles: map[Role]string{
			Rating: "Star Rating", Text: "Review Text", Subject: "Review Title", Date: "Review Submit Date and Time",
			Language: "Reviewer Language", Device: "Device", Product: "App Version Name",
			Ignore: "Package Name|App Version Code|Review Submit Millis Since Epoch|Review Last Update Date and Time|" +
				"Review Last Update Millis Since Epoch|Developer Reply Date and Time|Developer Reply Millis Since Epoch|" +
				"Developer Reply Text|Review Link",
		},
	},
	{
		Tool: "App Store Connect", Layout: "ratings and reviews", System: "app-store", Kind: Reviews,
		Doc: "developer.apple.com › App Store Connect API customerReviews (rating, title, body, reviewerNickname, createdDate, territory)",
		Match: []string{"rating|title|body|reviewerNickname|createdDate", "attributes.rating|attributes.body|attributes.createdDate", "Rating|Title|Review|Nickname|Territory",
			"review|rating|isEdited|userName|title"},
		Roles: map[Role]string{
			Rating: "rating|attributes.rating|Rating", Subject: "title|attributes.title|Title", Text: "body|attributes.body|Review|review",
			Date: "createdDate|attributes.createdDate|Date|date", FullName: "reviewerNickname|attributes.reviewerNickname|Nickname|userName",
			Country: "territory|attributes.territory|Territory", Product: "Version|App Version",
			Ignore: "id|type|links.self|isEdited|developerResponse|developerResponse.body|developerResponse.modified|developerResponse.id",
		},
	},
	{
		Tool: "Trustpilot", Layout: "reviews", System: "trustpilot", Kind: Reviews,
		Doc:   "support.trustpilot.com › Export your reviews (Review Created (UTC), Review Stars, Review Title, Review Content …)",
		Match: []string{"Review Stars|Review Content", "Review Created (UTC)|Review Stars"},
		Roles: map[Role]string{
			Rating: "Review Stars", Text: "Review Content", Subject: "Review Title", Date: "Review Created (UTC)",
			FullName: "Review Consumer User Name|Consumer Name", Email: "Review Consumer Email|Consumer Email",
			CustomerID: "Reference Id|Review Consumer User Id", Language: "Review Language", Channel: "Source Of Review",
			Ignore: "Review Id|Review Reply Content|Company Reply Date (UTC)|Domain URL|Webshop Name|Business Unit Id|" +
				"Tags|Location Name|Location Id|Review Verification Level|Review Invitation Date (UTC)",
		},
	},
	{
		Tool: "Google Business Profile", Layout: "reviews", System: "google-business", Kind: Reviews,
		Doc:   "developers.google.com/my-business › accounts.locations.reviews (reviewer.displayName, starRating, comment, createTime)",
		Match: []string{"starRating|comment|createTime", "reviewer.displayName|starRating", "Star Rating|Reviewer|Review Comment"},
		Roles: map[Role]string{
			Rating: "starRating|Star Rating", Text: "comment|Review Comment|Comment", Date: "createTime|Create Time|Date",
			FullName: "reviewer.displayName|Reviewer", Ignore: "reviewId|name|updateTime|reviewReply.comment|reviewReply.updateTime|reviewer.profilePhotoUrl|reviewer.isAnonymous",
		},
	},
	{
		Tool: "Yelp", Layout: "reviews (open dataset)", System: "yelp", Kind: Reviews,
		Doc:   "yelp.com/dataset › review.json (review_id, user_id, business_id, stars, useful, funny, cool, text, date)",
		Match: []string{"review_id|user_id|business_id|stars|text"},
		Roles: map[Role]string{
			Rating: "stars", Text: "text", Date: "date", CustomerID: "user_id", Product: "business_id",
			Ignore: "review_id|useful|funny|cool",
		},
	},
	{
		Tool: "Amazon", Layout: "reviews (data set)", System: "amazon", Kind: Reviews,
		Doc: "Amazon review data sets: McAuley lab 2014/2018 (reviewerID, asin, overall, reviewText, summary, unixReviewTime), 2023 (rating, title, text, user_id, timestamp), Amazon Customer Reviews TSV (star_rating, review_body …)",
		Match: []string{"reviewerID|asin|overall|reviewText", "rating|title|text|asin|user_id|timestamp",
			"customer_id|review_id|product_id|star_rating|review_body", "asin|rating|text|parent_asin",
			"ProductId|UserId|ProfileName|Score|Summary|Text", "reviews.rating|reviews.text|asins"},
		Roles: map[Role]string{
			CustomerID: "reviewerID|user_id|customer_id|UserId", FullName: "reviewerName|ProfileName|reviews.username",
			Rating: "overall|rating|star_rating|Score|reviews.rating",
			Text:   "reviewText|text|review_body|reviews.text", Subject: "summary|title|review_headline|reviews.title",
			Product: "asin|product_title|ProductId|name",
			Date:    "unixReviewTime|timestamp|review_date|Time|reviews.date", Category: "product_category|verified_purchase|verified|reviews.doRecommend",
			Ignore: "reviewTime|helpful|helpful_vote|images|parent_asin|marketplace|review_id|product_id|product_parent|" +
				"helpful_votes|total_votes|vine|style|image|vote|Id|HelpfulnessNumerator|HelpfulnessDenominator|id|dateAdded|" +
				"dateUpdated|asins|brand|categories|primaryCategories|imageURLs|keys|manufacturer|manufacturerNumber|" +
				"reviews.dateSeen|reviews.didPurchase|reviews.id|reviews.numHelpful|reviews.sourceURLs|sourceURLs",
		},
	},

	// ── Events and analytics ─────────────────────────────────────────────
	{
		Tool: "Segment", Layout: "events", System: "segment", Kind: Events, Quirks: []quirk{quirkCallTypes},
		Doc:   "segment.com/docs › Spec: common fields (type, event, userId, anonymousId, messageId, timestamp, context, properties); Page (name), Identify (traits)",
		Match: []string{"anonymousId|messageId|type", "userId|messageId|event|timestamp", "anonymous_id|message_id|event"},
		Roles: map[Role]string{
			EventName: "event", CustomerID: "userId|user_id", AnonymousID: "anonymousId|anonymous_id",
			Date: "timestamp|received_at", Email: "context.traits.email|traits.email|properties.email",
			FullName: "traits.name|context.traits.name", FirstName: "traits.firstName|context.traits.firstName",
			LastName: "traits.lastName|context.traits.lastName", Phone: "traits.phone|context.traits.phone",
			Category: "type", Device: "context.device.type|context.os.name", Channel: "context.campaign.source|context.channel",
			Ignore: "messageId|message_id|receivedAt|sentAt|originalTimestamp|version|channel|integrations|context.library.name|" +
				"context.library.version|context.ip|context.userAgent|context.page.url|context.page.path|context.page.referrer|writeKey|" +
				"name|category|properties.name|properties.title|properties.url|properties.path|properties.referrer|properties.search",
		},
	},
	{
		Tool: "Mixpanel", Layout: "raw events", System: "mixpanel", Kind: Events,
		Doc: "developer.mixpanel.com › Raw Event Export (event, properties.time, properties.distinct_id, properties.$insert_id …)",
		Match: []string{"event|properties.time|properties.distinct_id", "event|time|distinct_id|$insert_id", "event|properties.distinct_id|properties.$insert_id",
			"Event Name|Time|Distinct ID"},
		Roles: map[Role]string{
			EventName: "event|Event Name", Date: "properties.time|time", CustomerID: "properties.$user_id|$user_id|properties.user_id",
			AnonymousID: "properties.$device_id|$device_id", Email: "properties.$email|properties.email",
			Country: "properties.mp_country_code|mp_country_code", City: "properties.$city|$city", Region: "properties.$region|$region",
			Device: "properties.$device|properties.$os|$os", Channel: "properties.utm_source|properties.$referring_domain",
			Ignore: "properties.$insert_id|$insert_id|properties.mp_lib|mp_lib|properties.$lib_version|properties.mp_processing_time_ms|" +
				"properties.$mp_api_endpoint|properties.$mp_api_timestamp_ms|properties.$current_url|properties.$screen_height|properties.$screen_width",
		},
	},
	{
		// Exports made before ID merge carry the distinct_id alone: it is the
		// only key, an anonymous one until identify() made it the user's id.
		Tool: "Mixpanel", Layout: "raw events (distinct_id only)", System: "mixpanel", Kind: Events,
		Doc:   "developer.mixpanel.com › Raw Event Export (event, properties.time, properties.distinct_id)",
		Match: []string{"event|properties.time|properties.distinct_id", "event|time|distinct_id"},
		Roles: map[Role]string{
			EventName: "event", Date: "properties.time|time", AnonymousID: "properties.distinct_id|distinct_id",
			Email: "properties.$email|properties.email", Country: "properties.mp_country_code|mp_country_code",
			City: "properties.$city|$city", Region: "properties.$region|$region", Device: "properties.$os|$os",
			Ignore: "properties.$insert_id|$insert_id|properties.mp_lib|mp_lib|properties.$lib_version",
		},
	},
	{
		Tool: "Amplitude", Layout: "raw events", System: "amplitude", Kind: Events,
		Doc:   "amplitude.com/docs › Export API (event_type, user_id, device_id, amplitude_id, event_time, event_properties …)",
		Match: []string{"event_type|amplitude_id", "event_type|device_id|event_time|user_id"},
		Roles: map[Role]string{
			EventName: "event_type", CustomerID: "user_id", AnonymousID: "device_id", Date: "event_time|client_event_time",
			Country: "country", City: "city", Region: "region", Language: "language", Device: "device_type|os_name|platform",
			Email: "user_properties.email|user_properties.Email",
			Ignore: "amplitude_id|event_id|session_id|insert_id|uuid|client_upload_time|server_upload_time|server_received_time|" +
				"processed_time|app|version_name|os_version|device_brand|device_manufacturer|device_model|device_family|" +
				"ip_address|location_lat|location_lng|library|dma|start_version|paying|adid|idfa|$insert_id|data|groups|user_creation_time",
		},
	},
	{
		Tool: "PostHog", Layout: "events", System: "posthog", Kind: Events,
		Doc:   "posthog.com/docs › Events export (event, distinct_id, timestamp, uuid, properties.*, person_id)",
		Match: []string{"event|distinct_id|timestamp|uuid", "*.event|*.distinct_id|*.timestamp", "event|distinct_id|timestamp|person_id"},
		Roles: map[Role]string{
			EventName: "event|*.event", AnonymousID: "distinct_id|*.distinct_id", CustomerID: "person_id|*.person_id",
			Date: "timestamp|*.timestamp", Email: "person.properties.email|properties.email|*.person.properties.email",
			Country: "properties.$geoip_country_code", City: "properties.$geoip_city_name", Device: "properties.$device_type|properties.$os",
			Channel: "properties.$referring_domain|properties.utm_source",
			Ignore: "uuid|*.uuid|elements_chain|created_at|team_id|properties.$lib|properties.$lib_version|properties.$current_url|" +
				"properties.$pathname|properties.$session_id|properties.$window_id|properties.$insert_id",
		},
	},
	{
		// event_timestamp is microseconds since the epoch; event_date
		// (YYYYMMDD, the day in the property's time zone) loses the time of
		// day, so it is the date only where it is the only one (a query that
		// kept it alone, or a row without a timestamp). user_id is the
		// site's own id, left to inference (the common namespace, where the
		// store's ids live).
		Tool: "Google Analytics 4", Layout: "raw events (BigQuery export)", System: "ga4", Kind: Events,
		Doc:   "support.google.com/analytics › BigQuery Export schema (event_date, event_timestamp, event_name, user_pseudo_id, user_id, device.category …)",
		Match: []string{"event_timestamp|event_name|user_pseudo_id", "event_date|event_name|user_pseudo_id"},
		Roles: map[Role]string{
			Date: "event_timestamp|event_date", EventName: "event_name", AnonymousID: "user_pseudo_id", Device: "device.category|device_category",
			Ignore: "event_previous_timestamp|user_first_touch_timestamp|platform",
		},
	},
	{
		Tool: "Google Analytics 4", Layout: "report export", System: "ga4", Kind: Aggregates, Quirks: []quirk{quirkCommentLines},
		Doc:   "support.google.com/analytics › Download report data (CSV: '#' metadata lines — account, property, start and end date — then one table per card, separated by blank lines)",
		Match: []string{"#meta property|#meta start date", "#meta account|#meta property", "#meta start date|#meta end date"},
	},
	{
		Tool: "Google Search Console", Layout: "performance export", System: "search-console", Kind: Aggregates,
		Doc:   "support.google.com/webmasters › Performance report export (Queries, Pages, Countries, Devices, Dates: Clicks, Impressions, CTR, Position)",
		Match: []string{"Clicks|Impressions|CTR|Position"},
		Roles: map[Role]string{
			Date: "Date", Ignore: "Top queries|Top pages|Query|Page|Country|Device|Search Appearance|Clicks|Impressions|CTR|Position",
		},
	},
}
