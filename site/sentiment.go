package main

// SentimentPage is the sentiment page: the tone of every review, ticket and comment, and the pain points in them.
type SentimentPage struct{ App *App }

func init() {
	addCatalog(map[string]string{
		"nav.sentiment": "Sentiment",
	}, map[string]string{
		"nav.sentiment": "المشاعر",
	})
}
