package main

// The UI's copy of the ingest contract: kinds, roles and the Mapping JSON
// sent to the worker on a re-run. The UI does not import engine/ingest, whose
// readers (XLSX, JSON paths, encodings) would otherwise be linked into the
// UI's wasm binary; mapping_test.go keeps these equal to ingest.Kinds,
// ingest.Roles and ingest.Mapping.

// Kind is what a source describes.
type Kind string

// Role is what a column means.
type Role string

// kinds lists every kind, in display order (ingest.Kinds).
var kinds = []Kind{"contacts", "orders", "surveys", "reviews", "tickets", "events", "aggregates"}

// roles lists every role in the order the mapping dropdown shows them (ingest.Roles).
var roles = []Role{"ignore", "customer_id", "email", "phone", "full_name", "first_name", "last_name",
	"company", "industry", "employees", "country", "region", "city", "gender", "birth_date", "age",
	"language", "job_title", "interests", "date", "order_id", "amount", "refunded", "currency", "quantity", "product",
	"category", "status", "channel", "device", "event", "nps", "ces", "csat", "rating", "text", "subject",
	"survey", "answer", "lifetime_spend", "order_count", "average_order", "consent", "anonymous_id"}

// Scale is the range of a score column.
type Scale struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// Mapping is what the user corrects, per file (ingest.Mapping).
type Mapping struct {
	DefaultCountry string                 `json:"defaultCountry,omitempty"`
	SurveyRounds   string                 `json:"surveyRounds,omitempty"` // combined (default) or separate
	Files          map[string]FileMapping `json:"files,omitempty"`
}

// FileMapping overrides what was inferred about one file (ingest.FileMapping).
type FileMapping struct {
	Kind      Kind             `json:"kind,omitempty"`
	Columns   map[string]Role  `json:"columns,omitempty"`
	Scales    map[string]Scale `json:"scales,omitempty"`
	Reversed  map[string]bool  `json:"reversed,omitempty"`
	DateOrder string           `json:"dateOrder,omitempty"`
	Encoding  string           `json:"encoding,omitempty"`
	Delimiter string           `json:"delimiter,omitempty"`
	Format    string           `json:"format,omitempty"`
}
