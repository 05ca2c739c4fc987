// Package engine is Qalb's analysis engine: it reads customer exports,
// resolves the customers behind them and produces a report.Report, and keeps
// a Session that answers detail questions (search customers, one customer's
// profile). It is pure Go: the browser runs it compiled to WebAssembly in a
// Web Worker and the CLI runs it natively, with identical results.
package engine

import (
	"encoding/json"
	"io"
	"time"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/text"
)

// Input is one file to analyse. Open may be called more than once (a re-run
// after a mapping change reads the file again).
type Input struct {
	Name string
	Size int64 // bytes, for progress; 0 if unknown
	Open func() (io.ReadCloser, error)
}

// Options steer an analysis.
type Options struct {
	Mapping ingest.Mapping
	// AsOf is the date recency and "new" are measured from; zero means the
	// last dated record in the data, so the same files always give the same report.
	AsOf time.Time
	// TextResources loads the sentiment lexicons and models (text.ResourceFiles)
	// on first need: the CLI passes the embedded files, the browser's Worker
	// fetches them from the site. Nil: texts are not scored (no sentiment section).
	TextResources text.Loader
	// Rates convert amounts into one Reporting currency for RFM's monetary
	// score: the value of one unit of each currency in Reporting. Without
	// them amounts in different currencies are never compared or added.
	Rates     map[string]float64
	Reporting string
	// Funnels are the funnels the behaviour section computes besides the
	// automatic onboarding one (see FunnelSpec).
	Funnels []FunnelSpec
	// SessionGap is the inactivity that ends a session; 0 means 30 minutes.
	SessionGap time.Duration
	// Tasks, when not nil, runs independent fits of the analysis in other
	// instances of the engine (the browser's part Workers); nil runs them
	// here, on every core.
	Tasks Tasks
}

// Progress reports how far an analysis is.
type Progress struct {
	Stage      string `json:"stage"`          // read, resolve, profile, report, analyse
	Step       string `json:"step,omitempty"` // in analyse: sentiment, feedback, predictions, segments, behaviour
	File       string `json:"file,omitempty"`
	Bytes      int64  `json:"bytes"`      // read so far, over all files
	TotalBytes int64  `json:"totalBytes"` // sum of Input.Size
	Rows       int64  `json:"rows"`       // read so far, over all files
}

// CustomerQuery selects a page of customers. Text matches names, emails,
// phones, companies and ids (case-insensitive substring); the other fields
// are exact filters on the profile's values ("" = any).
type CustomerQuery struct {
	Text     string `json:"text,omitempty"`
	Country  string `json:"country,omitempty"`
	City     string `json:"city,omitempty"`
	Company  string `json:"company,omitempty"`
	Industry string `json:"industry,omitempty"`
	Kind     string `json:"kind,omitempty"`   // known to a source of this kind
	Buyers   bool   `json:"buyers,omitempty"` // only customers with orders
	NPS      string `json:"nps,omitempty"`    // latest NPS answer: "promoter", "passive" or "detractor"
	Sort     string `json:"sort,omitempty"`   // "spend" (default), "orders", "recent", "name"
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"` // default 50, at most 500

	// Segment keeps only the customers a segment rule selects
	// (engine/segment.Rule as JSON), so a segment filters the list.
	Segment json.RawMessage `json:"segment,omitempty"`
}

// CustomerPage is one page of a customer search.
type CustomerPage struct {
	Total     int           `json:"total"` // matches over all pages
	Offset    int           `json:"offset"`
	Customers []CustomerRow `json:"customers"`
	Error     string        `json:"error,omitempty"` // the Segment rule is not valid
}

// CustomerRow is a customer as a line of a list.
type CustomerRow struct {
	ID       int      `json:"id"`
	Name     string   `json:"name"`     // the name, or the best identifier when the data has no name
	NameFrom string   `json:"nameFrom"` // what Name is: name, email, phone or id
	Email    string   `json:"email,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Company  string   `json:"company,omitempty"`
	Country  string   `json:"country,omitempty"`
	City     string   `json:"city,omitempty"`
	Orders   int      `json:"orders"`
	Spend    float64  `json:"spend"`    // in Currency
	Currency string   `json:"currency"` // the customer's main currency
	LastSeen string   `json:"lastSeen,omitempty"`
	Kinds    []string `json:"kinds"` // kinds of sources the customer appears in
}

// Stages of an analysis, in order.
const (
	StageRead    = "read"
	StageResolve = "resolve"
	StageProfile = "profile"
	StageReport  = "report"
	StageAnalyse = "analyse" // the analyses' sections; Progress.Step names the analysis
)
