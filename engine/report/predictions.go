package report

// Predictions is the report section for churn risk and customer lifetime value (BG/NBD + Gamma-Gamma).
type Predictions struct{}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil.
func (x *Predictions) shareView(minGroup int, info *Shared) *Predictions {
	if x == nil {
		return nil
	}
	v := *x
	return &v
}
