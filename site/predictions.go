package main

// PredictionsPage is the predictions page: churn risk with its reasons and customer lifetime value.
type PredictionsPage struct{ App *App }

func init() {
	addCatalog(map[string]string{
		"nav.predictions": "Predictions",
	}, map[string]string{
		"nav.predictions": "التنبؤات",
	})
}
