package report

// Segments is the report section for RFM scores and segments, automatic clusters with personas, ICP fit.
type Segments struct{}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil.
func (x *Segments) shareView(minGroup int, info *Shared) *Segments {
	if x == nil {
		return nil
	}
	v := *x
	return &v
}
