package report

// Feedback is the report section for NPS, CSAT and CES: scores with intervals, trends, segments and drivers.
type Feedback struct{}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil.
func (x *Feedback) shareView(minGroup int, info *Shared) *Feedback {
	if x == nil {
		return nil
	}
	v := *x
	return &v
}
