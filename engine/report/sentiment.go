package report

// Sentiment is the report section for the sentiment of every text customers
// wrote (reviews, ticket descriptions, survey comments) and the pain points
// found in them. Scores are in [−1, 1]; a text is positive at ≥ +0.05,
// negative at ≤ −0.05 (VADER's convention), "unscored" when its language has
// no resources (French, Spanish, German … are counted, not scored).
type Sentiment struct {
	Texts     int     `json:"texts"`  // texts read (non-empty)
	Scored    int     `json:"scored"` // texts with a score
	Positive  int     `json:"positive"`
	Neutral   int     `json:"neutral"`
	Negative  int     `json:"negative"`
	Mean      float64 `json:"mean"`      // mean score of the scored texts
	Customers int     `json:"customers"` // customers who wrote a scored text

	Languages    []SentimentGroup  `json:"languages"`               // by language: en, ar, mixed, fr, es, de, other, none
	Distribution []SentimentBin    `json:"distribution"`            // scored texts in 10 bins of −1 … 1
	Trend        []SentimentPeriod `json:"trend,omitempty"`         // by month of the dated texts
	Sources      []SentimentGroup  `json:"sources"`                 // by file
	Products     []SentimentGroup  `json:"products,omitempty"`      // by product named on the row
	Segments     []SentimentGroup  `json:"segments,omitempty"`      // by RFM segment of the writer
	PainPoints   []PainPoint       `json:"painPoints"`              // topics of negative and mixed text, worst first
	Verbatims    []Verbatim        `json:"verbatims,omitempty"`     // the most negative and most positive texts
	DomainModel  *DomainModel      `json:"domainModel,omitempty"`   // learned from the data's own star ratings
	Unscored     []string          `json:"unscoredLangs,omitempty"` // languages seen but not scored
	Unavailable  string            `json:"unavailable,omitempty"`   // why no text was scored (resources did not load)
}

// SentimentGroup is the sentiment of the texts of one group (a language, a
// file, a product, a segment).
type SentimentGroup struct {
	Name      string  `json:"name"`
	Texts     int     `json:"texts"`
	Scored    int     `json:"scored"`
	Customers int     `json:"customers"`
	Positive  int     `json:"positive"`
	Neutral   int     `json:"neutral"`
	Negative  int     `json:"negative"`
	Mean      float64 `json:"mean"`
}

// SentimentBin counts scored texts with From ≤ score < To (the last bin
// includes 1).
type SentimentBin struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Texts int     `json:"texts"`
}

// SentimentPeriod is one month of dated texts.
type SentimentPeriod struct {
	Period   string  `json:"period"` // YYYY-MM
	Texts    int     `json:"texts"`  // scored
	Positive int     `json:"positive"`
	Neutral  int     `json:"neutral"`
	Negative int     `json:"negative"`
	Mean     float64 `json:"mean"`
}

// PainPoint is a topic of negative and mixed texts: a known theme (delivery,
// price, support …, in English and Arabic together) or a key phrase that
// recurs in negative texts.
type PainPoint struct {
	Topic         string       `json:"topic"`            // theme id ("delivery") or the phrase itself
	Theme         bool         `json:"theme"`            // a known theme, named in the UI's catalog
	Terms         []string     `json:"terms"`            // the words and phrases seen, most frequent first
	Texts         int          `json:"texts"`            // scored texts mentioning it
	Negative      int          `json:"negative"`         // of which negative
	Mixed         int          `json:"mixed"`            // of which mixed (negative and positive words)
	Customers     int          `json:"customers"`        // distinct writers of its negative and mixed texts
	Mean          float64      `json:"mean"`             // mean score of its texts
	ShareNegative float64      `json:"shareNegative"`    // Negative / Texts
	Revenue       []Money      `json:"revenue"`          // lifetime spend of those customers, per currency
	Trend         []TopicMonth `json:"trend,omitempty"`  // by month
	Spikes        []string     `json:"spikes,omitempty"` // months its negative texts spiked (early warning)
	Examples      []Verbatim   `json:"examples,omitempty"`
}

// TopicMonth is a topic's texts in one month.
type TopicMonth struct {
	Period   string `json:"period"`
	Texts    int    `json:"texts"`
	Negative int    `json:"negative"`
}

// Verbatim is one text as a customer wrote it (cleaned), with the words
// that drove its score as spans (byte offsets into Text) to highlight.
type Verbatim struct {
	Customer int        `json:"customer"` // -1 when the row matched no customer
	Name     string     `json:"name,omitempty"`
	Source   string     `json:"source"`
	Line     int        `json:"line"`
	Date     string     `json:"date,omitempty"`
	Lang     string     `json:"lang"`
	Score    float64    `json:"score"`
	Label    string     `json:"label"`
	Text     string     `json:"text"`
	Drivers  []TextSpan `json:"drivers,omitempty"`
}

// TextSpan is a byte range of a Verbatim's Text and how it moved the score.
type TextSpan struct {
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Weight float64 `json:"weight"`
}

// DomainModel is a sentiment model fitted to the data's own rated reviews
// (star ratings as labels: 4–5 positive, 1–2 negative on a 5-point scale).
type DomainModel struct {
	Source    string  `json:"source"`    // the file whose ratings taught it
	Examples  int     `json:"examples"`  // rated texts used (3 stars left out)
	Folds     int     `json:"folds"`     // cross-validation folds
	Accuracy  float64 `json:"accuracy"`  // cross-validated accuracy on the rated texts
	BuiltIn   float64 `json:"builtIn"`   // the built-in model's accuracy on the same texts
	Applied   bool    `json:"applied"`   // used for the unrated texts (it beat the built-in model)
	AppliedTo int     `json:"appliedTo"` // unrated texts it scored
}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers (verbatims and examples are dropped; pain
// points keep their terms, which are words many customers used).
func (x *Sentiment) shareView(minGroup int, info *Shared) *Sentiment {
	if x == nil {
		return nil
	}
	v := *x
	v.Verbatims = nil
	keep := func(gs []SentimentGroup) []SentimentGroup {
		out := []SentimentGroup{}
		for _, g := range gs {
			if g.Customers < minGroup {
				info.Suppressed++
				continue
			}
			out = append(out, g)
		}
		return out
	}
	v.Languages = keep(x.Languages)
	v.Sources = keep(x.Sources)
	v.Products = keep(x.Products)
	v.Segments = keep(x.Segments)
	v.PainPoints = []PainPoint{}
	for _, p := range x.PainPoints {
		if p.Customers < minGroup {
			info.Suppressed++
			continue
		}
		p.Examples = nil
		v.PainPoints = append(v.PainPoints, p)
	}
	return &v
}
