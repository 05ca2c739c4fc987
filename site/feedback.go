package main

// FeedbackPage is the feedback page: NPS, CSAT and CES with their intervals, trends, segments and drivers.
type FeedbackPage struct{ App *App }

func init() {
	addCatalog(map[string]string{
		"nav.feedback": "Feedback",
	}, map[string]string{
		"nav.feedback": "آراء العملاء",
	})
}
