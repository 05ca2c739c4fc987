package main

// BehaviourPage is the behaviour page: funnels, onboarding friction, journeys, adoption and retention cohorts.
type BehaviourPage struct{ App *App }

func init() {
	addCatalog(map[string]string{
		"nav.behaviour": "Behaviour",
	}, map[string]string{
		"nav.behaviour": "السلوك",
	})
}
