package report

// Sentiment is the report section for sentiment of every text and the pain points found in them.
type Sentiment struct{}

// shareView returns the section fit for a shared link: groups of fewer than
// minGroup customers left out (counted in info.Suppressed), no customer's
// own words or identifiers. A nil section stays nil.
func (x *Sentiment) shareView(minGroup int, info *Shared) *Sentiment {
	if x == nil {
		return nil
	}
	v := *x
	return &v
}
