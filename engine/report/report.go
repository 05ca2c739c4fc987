// Package report defines the Report: the one versioned JSON document that
// the engine produces and that the UI, the CLI, the HTML export and shared
// links all read. Adding a field is a minor change; renaming or removing one
// bumps Version. Sections filled by later analyses (feedback, sentiment,
// segments, predictions, behaviour) are pointers left out of the JSON when an
// analysis did not run or had no data.
package report

// Version is the schema version of Report.
const Version = 1

// Report is the result of one analysis.
type Report struct {
	Version   int             `json:"version"`
	Engine    string          `json:"engine"` // "qalb <version>"
	AsOf      string          `json:"asOf"`   // YYYY-MM-DD the analysis is relative to (recency, "new this month")
	Period    Period          `json:"period"` // first and last dated record over all sources
	Sources   []Source        `json:"sources"`
	Rows      RowCounts       `json:"rows"` // over all sources
	Customers CustomerSummary `json:"customers"`
	Orders    OrderSummary    `json:"orders"`
	Identity  IdentitySummary `json:"identity"`
	Activity  ActivitySummary `json:"activity"`
	// The analyses: each section is absent when its analysis had no data.
	Feedback    *Feedback    `json:"feedback,omitempty"`    // NPS, CSAT, CES (feedback.go)
	Sentiment   *Sentiment   `json:"sentiment,omitempty"`   // sentiment and pain points (sentiment.go)
	Segments    *Segments    `json:"segments,omitempty"`    // RFM, clusters, ICP (segments.go)
	Predictions *Predictions `json:"predictions,omitempty"` // churn risk, CLV (predictions.go)
	Behaviour   *Behaviour   `json:"behaviour,omitempty"`   // funnels, cohorts, adoption (behaviour.go)
	// Shared is set on the copy of a report made for a shared link (ShareView).
	Shared *Shared `json:"shared,omitempty"`
}

// Period is a closed date range, YYYY-MM-DD; empty when nothing was dated.
type Period struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// RowCounts accounts for every row of a file: Read = Used + Rejected.
type RowCounts struct {
	Read     int `json:"read"`
	Used     int `json:"used"`
	Rejected int `json:"rejected"`
}

// Source describes one input file as it was read and understood.
type Source struct {
	File   string `json:"file"`
	Bytes  int64  `json:"bytes"`
	Kind   string `json:"kind"`             // contacts, orders, surveys, reviews, tickets, events, aggregates
	Export string `json:"export,omitempty"` // recognised export, e.g. "Shopify orders"
	Tool   string `json:"tool,omitempty"`   // the recognised export's tool, e.g. "Shopify"
	Layout string `json:"layout,omitempty"` // and its layout, e.g. "orders"
	// KindConfidence says how sure the kind is, 0.5–1 (1 when the user set
	// it); below 0.6 the interface asks the user. RunnerUp is the next best
	// kind, "" when no other kind fits at all.
	KindConfidence float64 `json:"kindConfidence"`
	RunnerUp       string  `json:"runnerUp,omitempty"`
	// Aggregate summarises an aggregate report (kind "aggregates").
	Aggregate  *Aggregate `json:"aggregate,omitempty"`
	Format     string     `json:"format"`
	Encoding   string     `json:"encoding"`
	Delimiter  string     `json:"delimiter,omitempty"`
	HeaderRows int        `json:"headerRows"`
	Columns    []Column   `json:"columns"`
	Rows       RowCounts  `json:"rows"`
	Records    int        `json:"records"`           // orders after folding line items; rows otherwise
	Unlinked   int        `json:"unlinked"`          // used rows with no customer key (anonymous events, guest orders)
	Rejected   []Problem  `json:"rejected"`          // first rejected rows, with reasons
	Reasons    []Count    `json:"reasons,omitempty"` // every rejection reason with its count
	Issues     []Problem  `json:"issues"`            // first cells that could not be read (the row was still used)
	Notes      []string   `json:"notes,omitempty"`
	Error      string     `json:"error,omitempty"` // set when the file could not be read at all
}

// Aggregate is what an aggregate report (an analytics summary: counts by
// date, page, channel or country) says: the period its metadata states and
// each of its tables.
type Aggregate struct {
	Period Period           `json:"period"`
	Tables []AggregateTable `json:"tables"`
}

// AggregateTable is one table of an aggregate report: its columns, its
// rows, the dates its first column spans and the total (or mean, for rates
// and positions) of each measure.
type AggregateTable struct {
	Columns []string `json:"columns"`
	Rows    int      `json:"rows"`
	Period  Period   `json:"period"`
	Metrics []Metric `json:"metrics"`
}

// Metric is one measure of an aggregate table.
type Metric struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Of    string  `json:"of"` // "sum" or "mean"
}

// Column is one column of a source: its role and its data quality.
type Column struct {
	Name       string  `json:"name"`
	Role       string  `json:"role"`
	By         string  `json:"by"` // export, header, content, mapping, default
	Confidence float64 `json:"confidence"`
	Type       string  `json:"type,omitempty"` // string, int, float, time, bool; empty for ignored columns
	Scale      *Scale  `json:"scale,omitempty"`
	DateOrder  string  `json:"dateOrder,omitempty"`
	Filled     int     `json:"filled"`   // rows with a value
	FillRate   float64 `json:"fillRate"` // Filled / used rows
	Distinct   int     `json:"distinct"` // distinct values
	// DistinctEstimated says Distinct is an estimate (a column of more
	// than 8192 values other than a text column with a role), with
	// relative standard error DistinctError (0 when exact).
	DistinctEstimated bool     `json:"distinctEstimated,omitempty"`
	DistinctError     float64  `json:"distinctError,omitempty"`
	Failures          int      `json:"failures"`           // values that could not be read as Type
	Examples          []string `json:"examples,omitempty"` // a few values, as text
}

// Scale is the range of a score column.
type Scale struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// Problem is a rejected row or an unreadable cell.
type Problem struct {
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Reason string `json:"reason"`
	Value  string `json:"value,omitempty"` // the offending text, shortened
}

// Count is a labelled number.
type Count struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// Money is an amount in one currency; amounts in different currencies are
// never added together (there is no exchange rate without a network).
type Money struct {
	Currency string  `json:"currency"` // ISO 4217, or "" when the source had none
	Amount   float64 `json:"amount"`
}

// CustomerSummary counts the unified customers.
type CustomerSummary struct {
	Total       int     `json:"total"`
	Buyers      int     `json:"buyers"`      // with at least one order
	MultiSource int     `json:"multiSource"` // found in two or more files
	WithEmail   int     `json:"withEmail"`
	WithPhone   int     `json:"withPhone"`
	B2B         int     `json:"b2b"`         // with a company
	NewPerMonth []Month `json:"newPerMonth"` // by first dated touchpoint
	Countries   []Count `json:"countries"`   // ISO alpha-2 where known
	Cities      []Count `json:"cities"`      // top 20
	Companies   []Count `json:"companies"`   // top 20
	Industries  []Count `json:"industries"`  // top 20
	Sizes       []Count `json:"sizes"`       // employee-count bands
	Languages   []Count `json:"languages,omitempty"`
	BySources   []Count `json:"bySources"` // how many customers each kind of source knows
}

// Month is a calendar month's count.
type Month struct {
	Month string `json:"month"` // YYYY-MM
	Count int    `json:"count"`
	// Suppressed is set in a shared report on a month of fewer than
	// MinGroup customers: the month stays (the time axis has no gaps), its
	// count is 0 and not to be read as one.
	Suppressed bool `json:"suppressed,omitempty"`
}

// OrderSummary is orders and revenue.
type OrderSummary struct {
	Orders    int          `json:"orders"`    // after folding line items
	LineItems int          `json:"lineItems"` // rows of line-item exports; equals Orders otherwise
	Buyers    int          `json:"buyers"`
	Excluded  int          `json:"excluded"` // cancelled, voided, failed or refunded in full: not in revenue
	Revenue   []Money      `json:"revenue"`  // by currency, largest first: totals less refunds of the other orders
	AOV       []Money      `json:"aov"`      // average order value by currency
	PerMonth  []MonthMoney `json:"perMonth"`
	Products  []Product    `json:"products"` // top 20 by quantity
	Repeat    int          `json:"repeat"`   // buyers with two or more orders
	First     string       `json:"first,omitempty"`
	Last      string       `json:"last,omitempty"`
}

// MonthMoney is one month's orders and revenue in one currency.
type MonthMoney struct {
	Month    string  `json:"month"`
	Currency string  `json:"currency"`
	Orders   int     `json:"orders"`
	Revenue  float64 `json:"revenue"`
	// Suppressed: a month of fewer than MinGroup orders in a shared report;
	// Orders and Revenue are 0 and not to be read as such.
	Suppressed bool `json:"suppressed,omitempty"`
}

// Product is a product's sales.
type Product struct {
	Name     string  `json:"name"`
	Quantity float64 `json:"quantity"`
	Orders   int     `json:"orders"`
}

// IdentitySummary says how records became customers.
type IdentitySummary struct {
	Records       int        `json:"records"`  // rows that carried at least one customer key
	Keys          []Count    `json:"keys"`     // distinct keys by type: id, email, phone
	Links         int        `json:"links"`    // records that tied a new key to a customer (the merge log)
	LinkedBy      []Count    `json:"linkedBy"` // links by the type of the key already known
	Merges        int        `json:"merges"`   // records that joined two customers seen apart until then
	Conflicts     []Conflict `json:"conflicts"`
	ConflictCount int        `json:"conflictCount"`
	Invalid       []Count    `json:"invalid"` // values that could not be keys: bad emails, bad phones
}

// Conflict is one customer whose keys disagree, such as one email under two
// ids of the same system.
type Conflict struct {
	Customer int      `json:"customer"`
	Reason   string   `json:"reason"`
	Keys     []string `json:"keys"`
	// Records say where each of the ids was read and which key tied it to
	// the others, so the conflict can be found and fixed in the source.
	Records []ConflictRecord `json:"records,omitempty"`
}

// ConflictRecord is a record that carried one id of a conflict.
type ConflictRecord struct {
	Key  string `json:"key"`           // the id, as "system:value"
	File string `json:"file"`          // where a record carrying it was read
	Line int    `json:"line"`          // its line in the file
	Via  string `json:"via,omitempty"` // the key of the same record that linked it ("email:…")
}

// ActivitySummary counts the other touchpoints.
type ActivitySummary struct {
	Tickets  int     `json:"tickets"`
	Reviews  int     `json:"reviews"`
	Answers  int     `json:"answers"` // survey responses
	Events   int     `json:"events"`
	Contacts int     `json:"contacts"`
	PerMonth []Kinds `json:"perMonth"`
	Channels []Count `json:"channels"`
	Devices  []Count `json:"devices"`
}

// Kinds is one month's touchpoints by kind of source.
type Kinds struct {
	Month   string `json:"month"`
	Kind    string `json:"kind"`
	Records int    `json:"records"`
	// Suppressed: fewer than MinGroup records in a shared report; Records is 0.
	Suppressed bool `json:"suppressed,omitempty"`
}
