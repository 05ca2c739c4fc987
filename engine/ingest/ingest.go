// Package ingest turns customer exports (CSV, JSON, NDJSON, XLSX) into typed
// tables. It streams every file once, recognises well-known exports by their
// headers, infers each column's role from its header and its content, and
// accounts for every row: a row is either loaded or rejected with file, line,
// column and reason.
package ingest

import (
	"fmt"
	"maps"
	"slices"
)

// Format is a file's container format.
type Format string

const (
	CSV    Format = "csv"
	JSON   Format = "json"   // one array of objects (or one object holding one)
	NDJSON Format = "ndjson" // one object per line
	XLSX   Format = "xlsx"
)

// Row is one record as text fields. Fields alias the reader's buffers and are
// valid only until the next call to Next.
type Row struct {
	Line   int      // 1-based line (CSV, NDJSON), row (XLSX) or element (JSON) where the record starts
	Fields [][]byte // one per header column; a short record is not padded here
	Err    error    // non-nil: the record is malformed and must be rejected with this reason
	Note   string   // a problem the reader worked around; the record is still usable
}

// RowReader streams the records of one file.
type RowReader interface {
	// Header is the list of column names, made unique and non-empty.
	Header() []string
	// Next returns the next record, or io.EOF after the last one. Any other
	// error means the rest of the file cannot be read.
	Next() (*Row, error)
}

// Kind is what a source describes.
type Kind string

const (
	Contacts Kind = "contacts"
	Orders   Kind = "orders"
	Surveys  Kind = "surveys"
	Reviews  Kind = "reviews"
	Tickets  Kind = "tickets"
	Events   Kind = "events"
	// Aggregates are reports of counts by date, page, channel or country
	// (analytics summaries): they hold no customers.
	Aggregates Kind = "aggregates"
)

// Kinds lists every kind, in display order.
var Kinds = []Kind{Contacts, Orders, Surveys, Reviews, Tickets, Events, Aggregates}

// Role is what a column means.
type Role string

const (
	Ignore     Role = "ignore"
	CustomerID Role = "customer_id"
	Email      Role = "email"
	Phone      Role = "phone"
	FullName   Role = "full_name"
	FirstName  Role = "first_name"
	LastName   Role = "last_name"
	Company    Role = "company"
	Industry   Role = "industry"
	Employees  Role = "employees"
	Country    Role = "country"
	Region     Role = "region"
	City       Role = "city"
	Gender     Role = "gender"
	BirthDate  Role = "birth_date"
	Age        Role = "age"
	Language   Role = "language"
	JobTitle   Role = "job_title"
	Interests  Role = "interests"
	Date       Role = "date" // when the record happened (order placed, answer given, ticket opened, contact created)
	OrderID    Role = "order_id"
	Amount     Role = "amount"   // money: order total, payment amount
	Refunded   Role = "refunded" // money given back on an order
	Currency   Role = "currency"
	Quantity   Role = "quantity"
	Product    Role = "product"
	Category   Role = "category"
	Status     Role = "status"
	Channel    Role = "channel"
	Device     Role = "device"
	EventName  Role = "event"  // event type/name in event streams
	NPS        Role = "nps"    // 0–10 likelihood to recommend
	CES        Role = "ces"    // customer effort score
	CSAT       Role = "csat"   // customer satisfaction
	Rating     Role = "rating" // star rating of a review, or any other score
	Text       Role = "text"   // free text: comment, review body, ticket description
	Subject    Role = "subject"
	// Survey names the survey, its type or round when one file holds several
	// (a Delighted "Survey type", a HubSpot "Survey name"): scores are split by it.
	Survey Role = "survey"
	// Answer is a survey question's answer other than a score (multiple
	// choice, checkboxes, free-form short answers), kept for later analyses.
	Answer Role = "answer"
	// LifetimeSpend, OrderCount and AverageOrder are a customer's totals as a
	// tool states them (Shopify or WooCommerce customer exports), kept next to
	// what the orders compute.
	LifetimeSpend Role = "lifetime_spend"
	OrderCount    Role = "order_count"
	AverageOrder  Role = "average_order"
	// Consent is marketing consent or subscription status (Mailchimp's
	// subscribed/unsubscribed/cleaned, Shopify's accepts-marketing).
	Consent Role = "consent"
	// AnonymousID is an event tracker's anonymous or device id, joined to a
	// customer once an event carries both it and a customer key.
	AnonymousID Role = "anonymous_id"
)

// Roles lists every role, in the order a mapping dropdown shows them.
var Roles = []Role{Ignore, CustomerID, Email, Phone, FullName, FirstName, LastName,
	Company, Industry, Employees, Country, Region, City, Gender, BirthDate, Age,
	Language, JobTitle, Interests, Date, OrderID, Amount, Refunded, Currency, Quantity, Product,
	Category, Status, Channel, Device, EventName, NPS, CES, CSAT, Rating, Text, Subject,
	Survey, Answer, LifetimeSpend, OrderCount, AverageOrder, Consent, AnonymousID}

// DateOrder says how to read an ambiguous numeric date like 03/04/2024.
type DateOrder string

const (
	DateAuto DateOrder = ""
	DMY      DateOrder = "dmy"
	MDY      DateOrder = "mdy"
	YMD      DateOrder = "ymd"
)

// Scale is the range of a score column, e.g. {0, 10} for NPS or {1, 5} for stars.
type Scale struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// ColumnRole is the decided meaning of one column.
type ColumnRole struct {
	Column     string  `json:"column"`
	Index      int     `json:"index"`
	Role       Role    `json:"role"`
	By         string  `json:"by"`         // "export", "header", "content", "mapping" or "default"
	Confidence float64 `json:"confidence"` // 0..1
	Scale      *Scale  `json:"scale,omitempty"`
	// Reversed: the score's scale puts the good end low (CES "how much
	// effort…", 1 = very low effort); feedback turns its answers round.
	Reversed  bool      `json:"reversed,omitempty"`
	DateOrder DateOrder `json:"dateOrder,omitempty"`
}

// Mapping is what the user (or the UI) corrects: per file, the kind, the
// roles of chosen columns and reading options. Anything left out is inferred.
type Mapping struct {
	DefaultCountry string `json:"defaultCountry,omitempty"` // ISO 3166 alpha-2, for phone numbers without a country code
	// SurveyRounds says how answers to the same metric on the same scale
	// in several files or under several survey names are taken:
	// "combined" (one survey; the default) or "separate" (one per file and name).
	SurveyRounds string                 `json:"surveyRounds,omitempty"`
	Files        map[string]FileMapping `json:"files,omitempty"` // by file name
}

// FileMapping overrides what was inferred about one file.
type FileMapping struct {
	Kind      Kind             `json:"kind,omitempty"`
	Columns   map[string]Role  `json:"columns,omitempty"`  // header name → role
	Scales    map[string]Scale `json:"scales,omitempty"`   // header name → score scale
	Reversed  map[string]bool  `json:"reversed,omitempty"` // header name → the score's scale puts the good end low (or not)
	DateOrder DateOrder        `json:"dateOrder,omitempty"`
	Encoding  string           `json:"encoding,omitempty"`  // "utf-8", "utf-16le", "utf-16be", "windows-1256", "windows-1252"
	Delimiter string           `json:"delimiter,omitempty"` // one character
	Format    Format           `json:"format,omitempty"`
}

// ParseError is a problem with a record, naming where it is.
type ParseError struct {
	File   string
	Line   int
	Column string // "" when the whole record is at fault
	Reason string
}

func (e *ParseError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("%s:%d: column %q: %s", e.File, e.Line, e.Column, e.Reason)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
}

// Validate reports the first value of the mapping that Qalb does not know,
// so a typo in a mapping file is an error, not a silent no-op.
func (fm FileMapping) Validate() error {
	if fm.Kind != "" && !slices.Contains(Kinds, fm.Kind) {
		return fmt.Errorf("unknown kind %q in the mapping (known: %v)", fm.Kind, Kinds)
	}
	for _, col := range slices.Sorted(maps.Keys(fm.Columns)) {
		if r := fm.Columns[col]; !slices.Contains(Roles, r) {
			return fmt.Errorf("unknown role %q for column %q in the mapping", r, col)
		}
	}
	for _, col := range slices.Sorted(maps.Keys(fm.Scales)) {
		if sc := fm.Scales[col]; sc.Min >= sc.Max {
			return fmt.Errorf("the scale of column %q must go from a smaller to a larger number (got %d–%d)", col, sc.Min, sc.Max)
		}
	}
	switch fm.DateOrder {
	case DateAuto, DMY, MDY, YMD:
	default:
		return fmt.Errorf("unknown date order %q in the mapping (use dmy, mdy or ymd)", fm.DateOrder)
	}
	switch fm.Format {
	case "", CSV, JSON, NDJSON, XLSX:
	default:
		return fmt.Errorf("unknown format %q in the mapping (use csv, json, ndjson or xlsx)", fm.Format)
	}
	return nil
}
