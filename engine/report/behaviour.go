package report

// Behaviour is the report section for sessions, funnels, onboarding
// friction, journeys, adoption and retention cohorts (engine/behaviour).
// Figures that cannot be computed (a median of nothing) are absent, never 0.
type Behaviour struct {
	Events     int            `json:"events"`     // events of known customers, dated
	Customers  int            `json:"customers"`  // customers with at least one event
	EventNames []Count        `json:"eventNames"` // event names and how many events carry each, most first (the 200 most frequent)
	Sessions   SessionSummary `json:"sessions"`
	// Funnels: the automatic onboarding funnel first (auto), then the
	// funnels given in the options, in their order.
	Funnels  []Funnel       `json:"funnels,omitempty"`
	Friction *Friction      `json:"friction,omitempty"`
	Journeys []Journey      `json:"journeys,omitempty"`
	Adoption []Adoption     `json:"adoption,omitempty"`
	Cohorts  []CohortTable  `json:"cohorts,omitempty"`
	Channels []ChannelCount `json:"channels,omitempty"` // customers reached per channel (web, app, email, store, support)
}

// SessionSummary describes the customers' sessions: runs of events with no
// gap longer than GapMinutes.
type SessionSummary struct {
	GapMinutes    int      `json:"gapMinutes"`
	Sessions      int      `json:"sessions"`
	MedianEvents  *float64 `json:"medianEvents,omitempty"`
	MedianMinutes *float64 `json:"medianMinutes,omitempty"`
}

// Funnel is ordered steps and how many customers reached each one.
type Funnel struct {
	Name   string       `json:"name"`
	Auto   bool         `json:"auto,omitempty"`   // found by the engine: new customers' most common first steps
	Window string       `json:"window,omitempty"` // the conversion window, e.g. "7d"; empty: none
	Steps  []FunnelStep `json:"steps"`
	// Missing lists step events no event of the data carries.
	Missing   []string         `json:"missing,omitempty"`
	Breakdown *FunnelBreakdown `json:"breakdown,omitempty"`
}

// FunnelStep is one step: the customers who reached it, its conversion
// from the step before (Conversion) and from the first step (Overall), the
// customers lost since the step before, and the median minutes they took.
type FunnelStep struct {
	Event         string   `json:"event"`
	Where         string   `json:"where,omitempty"` // the property condition, as text: "plan = pro"
	Customers     int      `json:"customers"`
	Conversion    float64  `json:"conversion"`
	Overall       float64  `json:"overall"`
	DropOff       int      `json:"dropOff"`
	MedianMinutes *float64 `json:"medianMinutes,omitempty"`
}

// FunnelBreakdown splits a funnel by a profile attribute or segment, with
// a chi-squared test of whether conversion (first to last step) differs
// between the groups, and each group against the rest.
type FunnelBreakdown struct {
	By        string        `json:"by"`
	Groups    []FunnelGroup `json:"groups"`
	ChiSquare float64       `json:"chiSquare"`
	DF        int           `json:"df"`
	P         *float64      `json:"p,omitempty"`
}

// FunnelGroup is one value of the breakdown attribute.
type FunnelGroup struct {
	Value      string   `json:"value"`
	Customers  []int    `json:"customers"` // per step
	Conversion float64  `json:"conversion"`
	P          *float64 `json:"p,omitempty"` // two-proportion z-test against the other groups
}

// Friction is where new customers stall in their first Days: the steps of
// the automatic onboarding funnel (run over those days) with, for the
// customers who went no further, the share who opened a support ticket
// within 7 days of the step or whose comments are negative overall, next to
// the same shares over everyone who reached the step.
type Friction struct {
	Days      int            `json:"days"`
	Customers int            `json:"customers"` // new customers followed
	Steps     []FrictionStep `json:"steps"`
}

// FrictionStep is the move from one step to the next.
type FrictionStep struct {
	From             string    `json:"from"`
	To               string    `json:"to"`
	Reached          int       `json:"reached"`
	Stalled          int       `json:"stalled"`
	DropShare        float64   `json:"dropShare"`
	MedianHours      *float64  `json:"medianHours,omitempty"` // of those who went on
	Tickets          int       `json:"tickets"`
	TicketShare      float64   `json:"ticketShare"` // of the stalled
	TicketBaseline   float64   `json:"ticketBaseline"`
	Negative         int       `json:"negative"`
	NegativeShare    float64   `json:"negativeShare"`
	NegativeBaseline float64   `json:"negativeBaseline"`
	Examples         []Example `json:"examples,omitempty"`
}

// Example names a customer who illustrates a finding (left out of shared reports).
type Example struct {
	Customer int    `json:"customer"` // the id a customer query takes
	Name     string `json:"name"`
}

// Journey is the most common paths of sessions from or to one event.
type Journey struct {
	Direction string        `json:"direction"` // "from" or "to"
	Event     string        `json:"event"`
	Sessions  int           `json:"sessions"` // sessions holding the event
	Paths     []JourneyPath `json:"paths"`
}

// JourneyPath is one path (repeats of an event in a row count once).
type JourneyPath struct {
	Events   []string `json:"events"`
	Sessions int      `json:"sessions"`
}

// Adoption is how much one event (a feature, an action) is used and how
// its early use goes with retention and NPS. Retention: of customers first
// seen at least 60 days before asOf, active in its last 30 days; early
// users used the event within 30 days of their first event.
type Adoption struct {
	Event           string   `json:"event"`
	Customers       int      `json:"customers"`
	Share           float64  `json:"share"` // of customers with events
	MedianDays      *float64 `json:"medianDays,omitempty"`
	EarlyUsers      int      `json:"earlyUsers"`
	RetentionUsers  *float64 `json:"retentionUsers,omitempty"`
	Others          int      `json:"others"`
	RetentionOthers *float64 `json:"retentionOthers,omitempty"`
	RetentionP      *float64 `json:"retentionP,omitempty"`
	NPSUsers        *float64 `json:"npsUsers,omitempty"` // promoters − detractors, points
	NPSOthers       *float64 `json:"npsOthers,omitempty"`
	Answered        int      `json:"answered"` // users who answered an NPS survey
}

// CohortTable is retention by cohort: customers grouped by the period of
// their first purchase (by "first_purchase") or sign-up ("signup").
type CohortTable struct {
	By       string         `json:"by"`
	Period   string         `json:"period"`             // "month" or "week"
	Currency string         `json:"currency,omitempty"` // of the revenue figures: the currency of most orders
	Cohorts  []Cohort       `json:"cohorts"`
	Curve    []float64      `json:"curve"` // all cohorts together, per period since the start
	Segments []SegmentCurve `json:"segments,omitempty"`
}

// Cohort is one row of the heatmap: Retention[k] is the share of its
// customers active k periods after the start; RevenueRetention[k] is the
// revenue of period k over the revenue of period 0.
type Cohort struct {
	Start            string    `json:"start"` // YYYY-MM, or the Monday YYYY-MM-DD of the week
	Customers        int       `json:"customers"`
	Active           []int     `json:"active"`
	Retention        []float64 `json:"retention"`
	Revenue          []float64 `json:"revenue,omitempty"`
	RevenueRetention []float64 `json:"revenueRetention,omitempty"`
}

// SegmentCurve is the retention curve of the customers of one RFM segment.
type SegmentCurve struct {
	Segment   string    `json:"segment"`
	Customers int       `json:"customers"`
	Curve     []float64 `json:"curve"`
}

// ChannelCount is how many customers were seen in one channel.
type ChannelCount struct {
	Channel   string `json:"channel"`
	Customers int    `json:"customers"`
}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil.
func (x *Behaviour) shareView(minGroup int, info *Shared) *Behaviour {
	if x == nil {
		return nil
	}
	v := *x
	v.Funnels = nil
	for _, f := range x.Funnels {
		if len(f.Steps) > 0 && f.Steps[0].Customers < minGroup {
			info.Suppressed++
			continue
		}
		if f.Breakdown != nil {
			b := *f.Breakdown
			b.Groups = nil
			for _, g := range f.Breakdown.Groups {
				if len(g.Customers) > 0 && g.Customers[0] < minGroup {
					info.Suppressed++
					continue
				}
				b.Groups = append(b.Groups, g)
			}
			f.Breakdown = &b
		}
		v.Funnels = append(v.Funnels, f)
	}
	if x.Friction != nil {
		fr := *x.Friction
		fr.Steps = nil
		for _, s := range x.Friction.Steps {
			if s.Reached < minGroup {
				info.Suppressed++
				continue
			}
			s.Examples = nil
			fr.Steps = append(fr.Steps, s)
		}
		v.Friction = &fr
	}
	v.Journeys = nil
	for _, j := range x.Journeys {
		paths := j.Paths
		j.Paths = nil
		for _, p := range paths {
			if p.Sessions < minGroup {
				info.Suppressed++
				continue
			}
			j.Paths = append(j.Paths, p)
		}
		v.Journeys = append(v.Journeys, j)
	}
	v.Adoption = nil
	for _, a := range x.Adoption {
		if a.Customers < minGroup {
			info.Suppressed++
			continue
		}
		v.Adoption = append(v.Adoption, a)
	}
	v.Cohorts = nil
	for _, t := range x.Cohorts {
		cs, segs := t.Cohorts, t.Segments
		t.Cohorts, t.Segments = nil, nil
		for _, c := range cs {
			if c.Customers < minGroup {
				info.Suppressed++
				continue
			}
			t.Cohorts = append(t.Cohorts, c)
		}
		for _, s := range segs {
			if s.Customers < minGroup {
				info.Suppressed++
				continue
			}
			t.Segments = append(t.Segments, s)
		}
		v.Cohorts = append(v.Cohorts, t)
	}
	v.Channels = nil
	for _, c := range x.Channels {
		if c.Customers < minGroup {
			info.Suppressed++
			continue
		}
		v.Channels = append(v.Channels, c)
	}
	return &v
}
