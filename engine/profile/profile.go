// Package profile is the unified customer profile, the 360° view of one
// customer: who they are, where, which company, what they did and said, and
// the timeline of every touchpoint. The engine builds profiles on demand
// from its columnar tables, so a profile costs memory only while it is looked at.
package profile

import "github.com/qalbhq/qalb/engine/report"

// Profile is one customer.
type Profile struct {
	ID           int           `json:"id"`
	Name         string        `json:"name"`     // the name, or the best identifier when the data has no name
	NameFrom     string        `json:"nameFrom"` // what Name is: name, email, phone or id
	Identities   Identities    `json:"identities"`
	Demographics Demographics  `json:"demographics"`
	Geography    Geography     `json:"geography"`
	Firmographic Firmographics `json:"firmographics"`
	Attributes   Attributes    `json:"attributes"`
	Behaviour    Behaviour     `json:"behaviour"`
	// Feedback holds the customer's own survey answers, reviews and tickets as given.
	Feedback Feedback `json:"feedback"`
	// Sentiment, Segments and Predictions are filled by the text, segment and
	// predict analyses; absent until those have run.
	Sentiment   *Sentiment   `json:"sentiment,omitempty"`
	Segments    []string     `json:"segments,omitempty"`
	Predictions *Predictions `json:"predictions,omitempty"`
	Sources     []SourceRef  `json:"sources"`
	MergeLog    []Merge      `json:"mergeLog"`
	Timeline    []Touchpoint `json:"timeline"`
	// Journey is the customer's path across channels (web, app, email,
	// store, support, feedback), built by the behaviour analysis.
	Journey []JourneyStage `json:"journey,omitempty"`
}

// JourneyStage is a run of touchpoints in one channel, in time order.
type JourneyStage struct {
	Channel     string   `json:"channel"`
	From        string   `json:"from"` // RFC 3339, UTC
	To          string   `json:"to"`
	Touchpoints int      `json:"touchpoints"`
	Events      []string `json:"events,omitempty"` // the first few distinct event names
}

// Identities are every key and name the customer was seen under.
type Identities struct {
	IDs    []string `json:"ids"`    // "system:value", e.g. "hubspot:5011"
	Emails []string `json:"emails"` // normalised
	Phones []string `json:"phones"` // E.164
	Names  []string `json:"names"`  // as written, most frequent first
}

// Demographics are personal facts when a source has them.
type Demographics struct {
	Gender    string `json:"gender,omitempty"`
	BirthDate string `json:"birthDate,omitempty"`
	Age       int    `json:"age,omitempty"`
	Language  string `json:"language,omitempty"`
	JobTitle  string `json:"jobTitle,omitempty"`
}

// Geography is where the customer is.
type Geography struct {
	Country string `json:"country,omitempty"` // ISO alpha-2 when recognised, else as written
	Region  string `json:"region,omitempty"`
	City    string `json:"city,omitempty"`
}

// Firmographics describe a B2B customer's company.
type Firmographics struct {
	Company   string `json:"company,omitempty"`
	Industry  string `json:"industry,omitempty"`
	Employees string `json:"employees,omitempty"` // as written
	Size      string `json:"size,omitempty"`      // band: 1-10, 11-50, 51-200, 201-1000, 1000+
}

// Attributes are personal attributes gathered from all sources.
type Attributes struct {
	Interests []string       `json:"interests,omitempty"`
	Devices   []report.Count `json:"devices,omitempty"`
	Channels  []report.Count `json:"channels,omitempty"`
	Products  []report.Count `json:"products,omitempty"` // bought, by quantity
}

// Behaviour is what the customer did.
type Behaviour struct {
	Orders      int            `json:"orders"`
	Excluded    int            `json:"excluded"` // refunded or cancelled orders
	Spend       []report.Money `json:"spend"`    // by currency
	AOV         []report.Money `json:"aov"`
	FirstOrder  string         `json:"firstOrder,omitempty"`
	LastOrder   string         `json:"lastOrder,omitempty"`
	RecencyDays *int           `json:"recencyDays,omitempty"` // days from the last order to the report's as-of date
	Tickets     int            `json:"tickets"`
	OpenTickets int            `json:"openTickets"`
	Reviews     int            `json:"reviews"`
	Answers     int            `json:"answers"`
	Events      int            `json:"events"`
	FirstSeen   string         `json:"firstSeen,omitempty"`
	LastSeen    string         `json:"lastSeen,omitempty"`
	// Stated is what a tool's customer export says of the customer as a
	// whole, kept next to what the orders above compute.
	Stated *Stated `json:"stated,omitempty"`
}

// Stated is a customer's totals and consent as a tool states them
// (Shopify, WooCommerce, Square or Stripe customer exports; Mailchimp,
// Klaviyo or HubSpot consent), from the most recent file row that has them.
type Stated struct {
	LifetimeSpend *report.Money `json:"lifetimeSpend,omitempty"`
	OrderCount    *int          `json:"orderCount,omitempty"`
	AverageOrder  *report.Money `json:"averageOrder,omitempty"`
	// Consent is marketing consent as written ("yes", "SUBSCRIBED", an
	// unsubscribe time …) with the column it came from; Subscribed reads
	// it: true (consents), false (unsubscribed, cleaned, declined) or
	// absent when it cannot be told.
	Consent       string `json:"consent,omitempty"`
	ConsentColumn string `json:"consentColumn,omitempty"`
	Subscribed    *bool  `json:"subscribed,omitempty"`
	Source        string `json:"source"`
}

// Feedback is what the customer told the business.
type Feedback struct {
	Scores []Score `json:"scores,omitempty"`
	// Answers are the customer's answers to survey questions other than
	// scores and comments: multiple choice, checkboxes (joined with ", "),
	// short answers, by question.
	Answers []Answer `json:"answers,omitempty"`
	// The latest answer to each metric (the feedback analysis).
	NPS  *MetricAnswer `json:"nps,omitempty"`
	CSAT *MetricAnswer `json:"csat,omitempty"`
	CES  *MetricAnswer `json:"ces,omitempty"`
}

// Answer is one survey question's answer.
type Answer struct {
	Date     string `json:"date,omitempty"`
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Source   string `json:"source"`
}

// MetricAnswer is a customer's latest answer to one metric, with its meaning:
// promoter/passive/detractor for NPS, satisfied/neutral/dissatisfied for
// CSAT, easy/neutral/difficult for CES.
type MetricAnswer struct {
	Survey   string       `json:"survey"`
	Date     string       `json:"date,omitempty"`
	Value    float64      `json:"value"`
	Scale    report.Scale `json:"scale"`
	Reversed bool         `json:"reversed,omitempty"`
	Category string       `json:"category"`
}

// Score is one answer on a scale: an NPS, CES or CSAT answer or a review's rating.
type Score struct {
	Date    string       `json:"date,omitempty"`
	Metric  string       `json:"metric"` // nps, ces, csat, rating
	Value   float64      `json:"value"`
	Scale   report.Scale `json:"scale"`
	Comment string       `json:"comment,omitempty"`
	Source  string       `json:"source"`
}

// Sentiment summarises the tone of everything the customer wrote.
type Sentiment struct {
	Score    float64 `json:"score"` // -1..1
	Texts    int     `json:"texts"`
	Negative int     `json:"negative"`
	Positive int     `json:"positive"`
}

// Predictions are model outputs for the customer.
type Predictions struct {
	ChurnRisk        float64  `json:"churnRisk"`
	ChurnReasons     []string `json:"churnReasons,omitempty"`
	ProbabilityAlive float64  `json:"probabilityAlive"`
	ExpectedOrders   float64  `json:"expectedOrders"` // in the model's horizon
	CLV              float64  `json:"clv"`
	Currency         string   `json:"currency"`
}

// SourceRef says how much of the customer one file holds.
type SourceRef struct {
	File string `json:"file"`
	Kind string `json:"kind"`
	Rows int    `json:"rows"`
}

// Merge explains why two sets of records were taken to be one customer.
type Merge struct {
	By    string `json:"by"`    // id, email, phone
	Key   string `json:"key"`   // the shared value
	Joins string `json:"joins"` // the other key it joined, e.g. "email:a@example.com"
	File  string `json:"file"`
	Line  int    `json:"line"`
}

// Touchpoint is one dated interaction.
type Touchpoint struct {
	Date    string `json:"date,omitempty"` // RFC 3339, UTC
	Kind    string `json:"kind"`           // source kind
	File    string `json:"file"`
	Line    int    `json:"line"`
	Summary string `json:"summary"`
}
