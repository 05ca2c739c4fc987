package main

// SegmentsPage is the segments page: RFM segments, the rule builder, clusters with personas and ICP fit.
type SegmentsPage struct{ App *App }

func init() {
	addCatalog(map[string]string{
		"nav.segments": "Segments",
	}, map[string]string{
		"nav.segments": "الشرائح",
	})
}
