package report

// Behaviour is the report section for funnels, onboarding friction, journeys, adoption and retention cohorts.
type Behaviour struct{}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil.
func (x *Behaviour) shareView(minGroup int, info *Shared) *Behaviour {
	if x == nil {
		return nil
	}
	v := *x
	return &v
}
