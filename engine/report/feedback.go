package report

import "github.com/qalbhq/qalb/engine/feedback"

// Feedback is the report section for NPS, CSAT and CES: one entry per
// survey (a metric on one scale; several surveys in one file are split by
// its survey column and never averaged across scales), each with its
// score, interval and n, trends, segments and drivers.
type Feedback struct {
	// Rounds says how rounds of the same metric on the same scale in
	// several files or survey names were taken: "combined" (one survey,
	// the default) or "separate" (one per file and survey name).
	Rounds  string   `json:"rounds"`
	Surveys []Survey `json:"surveys"`
	// Notes are messages (engine/message) about score columns that could
	// not be used: mixed scales, no answers.
	Notes []string `json:"notes,omitempty"`
}

// Survey is one metric's answers on one scale.
type Survey struct {
	ID      int            `json:"id"`      // index in Surveys, for detail queries (verbatims)
	Metric  string         `json:"metric"`  // nps, csat, ces
	Name    string         `json:"name"`    // the survey's name, else the question's header
	Files   []string       `json:"files"`   // files the answers came from
	Columns []string       `json:"columns"` // score columns
	Scale   feedback.Scale `json:"scale"`
	N       int            `json:"n"`              // answers
	Small   bool           `json:"small"`          // fewer than feedback.MinN answers: figures shown, no verdicts
	From    string         `json:"from,omitempty"` // first and last dated answer, YYYY-MM-DD
	To      string         `json:"to,omitempty"`
	// Exactly one of NPS, CSAT, CES is set, by Metric.
	NPS  *feedback.Net        `json:"nps,omitempty"`
	CSAT *feedback.CSATResult `json:"csat,omitempty"`
	CES  *feedback.CESResult  `json:"ces,omitempty"`
	// Headline is the figure trends and segments compare: NPS, % satisfied, mean effort.
	Headline feedback.Headline `json:"headline"`
	// Distribution counts the answers per (oriented) value.
	Distribution []ValueCount          `json:"distribution"`
	Trends       []Trend               `json:"trends,omitempty"`
	Segments     []SegmentGroup        `json:"segments,omitempty"`
	Drivers      *feedback.DriverModel `json:"drivers,omitempty"`
	Verbatims    int                   `json:"verbatims"` // answers with a comment, fetched by detail query
}

// ValueCount is how many answers gave one value.
type ValueCount struct {
	Value float64 `json:"value"`
	Count int     `json:"count"`
}

// Trend is the headline per week, month or quarter, with its band and flagged changes.
type Trend struct {
	Period string           `json:"period"` // week, month, quarter
	Points []feedback.Point `json:"points"`
}

// SegmentGroup is one attribute's values, each compared with the rest,
// most significant first.
type SegmentGroup struct {
	Attribute string             `json:"attribute"` // country, industry, size, language, gender, channel, rfm, survey
	Segments  []feedback.Segment `json:"segments"`
	Small     int                `json:"small"` // values left out for having too few answers
}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil. Segments, driver
// levels and trend steps of fewer than minGroup answers are dropped; the
// section quotes no customer's words (verbatims are fetched on demand and
// never part of a report).
func (x *Feedback) shareView(minGroup int, info *Shared) *Feedback {
	if x == nil {
		return nil
	}
	v := *x
	v.Surveys = make([]Survey, len(x.Surveys))
	for i, s := range x.Surveys {
		var trends []Trend
		for _, t := range s.Trends {
			pts := make([]feedback.Point, 0, len(t.Points))
			for _, p := range t.Points {
				if p.N >= minGroup {
					pts = append(pts, p)
				} else {
					info.Suppressed++
				}
			}
			trends = append(trends, Trend{Period: t.Period, Points: pts})
		}
		s.Trends = trends
		var segs []SegmentGroup
		for _, g := range s.Segments {
			kept := make([]feedback.Segment, 0, len(g.Segments))
			for _, sg := range g.Segments {
				if sg.N >= minGroup {
					kept = append(kept, sg)
				} else {
					info.Suppressed++
				}
			}
			g.Segments = kept
			segs = append(segs, g)
		}
		s.Segments = segs
		if s.Drivers != nil {
			d := *s.Drivers
			d.Drivers = make([]feedback.Driver, len(s.Drivers.Drivers))
			for j, dr := range s.Drivers.Drivers {
				lv := make([]feedback.Level, 0, len(dr.Levels))
				for _, l := range dr.Levels {
					if l.N >= minGroup {
						lv = append(lv, l)
					} else {
						info.Suppressed++
					}
				}
				dr.Levels = lv
				d.Drivers[j] = dr
			}
			s.Drivers = &d
		}
		v.Surveys[i] = s
	}
	return &v
}
