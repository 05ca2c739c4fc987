package report

// Segments is the report section for RFM scores and segments, automatic
// clusters with personas, and ICP fit (engine/segment).
type Segments struct {
	RFM      *RFM      `json:"rfm,omitempty"`      // when there are customers with orders
	Clusters *Clusters `json:"clusters,omitempty"` // when there are enough customers to cluster
	ICP      *ICP      `json:"icp,omitempty"`      // when there are companies with orders
}

// RFM is the recency, frequency, monetary scoring of the customers with
// orders and their named segments (definitions in engine/segment's doc).
type RFM struct {
	Buyers int `json:"buyers"` // customers scored: every customer with an order
	// Currencies are the groups M was scored within (main currencies);
	// Reporting is set instead when amounts were converted with rates.
	Currencies []string         `json:"currencies"`
	Reporting  string           `json:"reporting,omitempty"`
	Segments   []SegmentSummary `json:"segments"` // the 11 named segments, best first, empty ones included
	Grid       []RFMCell        `json:"grid"`     // the 25 cells of R × FM
	R          [5]int           `json:"r"`        // customers with R = 1..5
	F          [5]int           `json:"f"`
	M          [5]int           `json:"m"`
}

// RFMCell is one cell of the R × FM grid.
type RFMCell struct {
	R       int    `json:"r"`
	FM      int    `json:"fm"`
	Segment string `json:"segment"`
	Count   int    `json:"count"`
}

// SegmentSummary describes one group of customers. NPS, sentiment and
// churn risk appear only when those analyses have values for its members.
type SegmentSummary struct {
	Key       string          `json:"key"`
	Size      int             `json:"size"`
	Share     float64         `json:"share"`   // of the population the segment is taken from
	Revenue   []CurrencyShare `json:"revenue"` // by currency, with the share of that currency's total
	Orders    int             `json:"orders"`
	NPS       *NPSSummary     `json:"nps,omitempty"`
	Sentiment *Mean           `json:"sentiment,omitempty"` // -1..1
	ChurnRisk *Mean           `json:"churnRisk,omitempty"` // 0..100
}

// CurrencyShare is revenue in one currency and its share of all revenue in that currency.
type CurrencyShare struct {
	Currency string  `json:"currency"`
	Amount   float64 `json:"amount"`
	Share    float64 `json:"share"`
}

// NPSSummary is the Net Promoter Score of a group: % promoters − % detractors.
type NPSSummary struct {
	Score       float64 `json:"score"`
	Respondents int     `json:"respondents"`
	Promoters   int     `json:"promoters"`
	Passives    int     `json:"passives"`
	Detractors  int     `json:"detractors"`
}

// Mean is an average over N customers who have the value.
type Mean struct {
	Mean float64 `json:"mean"`
	N    int     `json:"n"`
}

// Clusters are automatic segments found by k-means.
type Clusters struct {
	Customers  int       `json:"customers"`  // customers clustered
	K          int       `json:"k"`          // chosen by silhouette
	Silhouette float64   `json:"silhouette"` // of the chosen k, on a sample
	Tried      []KScore  `json:"tried"`
	Features   []string  `json:"features"` // numeric features and categorical fields used
	Clusters   []Cluster `json:"clusters"` // largest first
}

// KScore is the silhouette of one k tried.
type KScore struct {
	K          int     `json:"k"`
	Silhouette float64 `json:"silhouette"`
}

// Cluster is one automatic segment: what sets it apart, and a persona.
type Cluster struct {
	ID          int            `json:"id"`
	Summary     SegmentSummary `json:"summary"`
	Distinctive []Trait        `json:"distinctive"` // most distinctive first
	Persona     Persona        `json:"persona"`
}

// Trait is one feature of a group compared with everyone. Kind "high" or
// "low" for a numeric feature (Value empty; Group and All are means, Z the
// group mean in standard deviations from the overall mean); "value" for a
// categorical one (Value is the category; Group and All are shares).
type Trait struct {
	Feature string  `json:"feature"`
	Kind    string  `json:"kind"`
	Value   string  `json:"value,omitempty"`
	Group   float64 `json:"group"`
	All     float64 `json:"all"`
	Z       float64 `json:"z,omitempty"`
}

// Persona is a readable portrait of a cluster. Name is the suggested name
// as traits (the interface words them); Quotes are members' own words.
type Persona struct {
	Name         []Trait  `json:"name"`
	Demographics []Trait  `json:"demographics"` // the most common value of each demographic field
	Behaviour    Habits   `json:"behaviour"`
	Pains        []Count  `json:"pains,omitempty"`  // pain points ("theme:delivery", "phrase:…") and how many members wrote of them negatively
	Quotes       []string `json:"quotes,omitempty"` // a few members' comments
}

// Habits are the medians of a group's behaviour.
type Habits struct {
	Orders      float64 `json:"orders"`
	Spend       []Money `json:"spend"` // median spend of the members in each main currency
	RecencyDays float64 `json:"recencyDays"`
	Tickets     float64 `json:"tickets"`
}

// ICP is the ideal customer profile of B2B accounts and every account's fit.
type ICP struct {
	Accounts  int           `json:"accounts"` // companies
	Best      int           `json:"best"`     // best accounts the profile is learnt from
	Profile   []ICPTrait    `json:"profile"`
	Top       []ICPAccount  `json:"top"`       // best-fit accounts
	Prospects []ICPProspect `json:"prospects"` // best-fit contacts who have not bought yet
}

// ICPTrait is one firmographic value that marks the best accounts.
type ICPTrait struct {
	Field  string  `json:"field"` // industry, size, country
	Value  string  `json:"value"`
	Best   float64 `json:"best"`   // share among the best accounts
	All    float64 `json:"all"`    // share among all accounts
	Weight float64 `json:"weight"` // points of the 0–100 score it gives
}

// ICPAccount is one account's fit.
type ICPAccount struct {
	Company   string   `json:"company"`
	Score     int      `json:"score"`
	Customers int      `json:"customers"`
	Revenue   []Money  `json:"revenue"`
	Reasons   []string `json:"reasons"` // "field=value" of the matched profile traits
}

// ICPProspect is a contact at a well-fitting account who has not bought yet.
type ICPProspect struct {
	ID      int      `json:"id"`
	Name    string   `json:"name"`
	Company string   `json:"company"`
	Score   int      `json:"score"`
	Reasons []string `json:"reasons"`
}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil.
func (x *Segments) shareView(minGroup int, info *Shared) *Segments {
	if x == nil {
		return nil
	}
	v := *x
	if x.RFM != nil {
		r := *x.RFM
		r.Segments = keepSummaries(x.RFM.Segments, minGroup, info)
		r.Grid = nil
		for _, c := range x.RFM.Grid {
			if c.Count == 0 || c.Count >= minGroup {
				r.Grid = append(r.Grid, c)
			} else {
				info.Suppressed++
			}
		}
		v.RFM = &r
	}
	if x.Clusters != nil {
		c := *x.Clusters
		c.Clusters = nil
		for _, cl := range x.Clusters.Clusters {
			if cl.Summary.Size < minGroup {
				info.Suppressed++
				continue
			}
			cl.Persona.Quotes = nil
			// Pains are topics; one told by fewer members than a group is not shown.
			var pains []Count
			for _, p := range cl.Persona.Pains {
				if p.Count >= minGroup {
					pains = append(pains, p)
				} else {
					info.Suppressed++
				}
			}
			cl.Persona.Pains = pains
			c.Clusters = append(c.Clusters, cl)
		}
		v.Clusters = &c
	}
	if x.ICP != nil {
		icp := *x.ICP
		icp.Prospects = nil // people, by name
		icp.Top = nil       // companies, by name, each maybe one customer
		v.ICP = &icp
	}
	return &v
}

// keepSummaries keeps the segments of at least minGroup customers (and
// the empty ones, which reveal no one).
func keepSummaries(in []SegmentSummary, minGroup int, info *Shared) []SegmentSummary {
	out := make([]SegmentSummary, 0, len(in))
	for _, s := range in {
		if s.Size > 0 && s.Size < minGroup {
			info.Suppressed++
			continue
		}
		out = append(out, s)
	}
	return out
}
