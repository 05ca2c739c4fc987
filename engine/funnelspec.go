package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FunnelSpec is a funnel a user asks for: `qalb analyze --funnel f.json`,
// engine.Options.Funnels, or the Behaviour page's builder (a worker query).
//
//	{"name":"Onboarding","steps":[{"event":"signed_up"},{"event":"viewed_product"},
//	 {"event":"purchased","property":"plan","op":"=","value":"pro"}],"window":"7d","breakdown":"country"}
type FunnelSpec struct {
	Name  string           `json:"name,omitempty"`
	Steps []FunnelStepSpec `json:"steps"`
	// Window is the conversion window from the first step: a number with a
	// unit, "30m", "12h", "7d", "2w"; empty for no limit.
	Window string `json:"window,omitempty"`
	// Breakdown splits the funnel by a profile attribute (country, city,
	// company, industry, language, gender), the RFM "segment" or the "nps" category.
	Breakdown string `json:"breakdown,omitempty"`
}

// FunnelStepSpec is one step: an event name and, optionally, a condition on
// one of the event's properties — a column of the event file, named as in
// its header ("properties.plan") or by its last part ("plan").
type FunnelStepSpec struct {
	Event    string `json:"event"`
	Property string `json:"property,omitempty"`
	Op       string `json:"op,omitempty"` // =, !=, <, <=, >, >=, contains; default =
	Value    string `json:"value,omitempty"`
}

// FunnelBreakdowns are the attributes a funnel can be split by.
var FunnelBreakdowns = []string{"country", "city", "company", "industry", "language", "gender", "segment", "nps"}

const maxFunnelSteps = 20

// ParseFunnels reads one funnel object or an array of them and checks them.
func ParseFunnels(b []byte) ([]FunnelSpec, error) {
	b = bytes.TrimSpace(b)
	var specs []FunnelSpec
	if len(b) > 0 && b[0] == '[' {
		if err := json.Unmarshal(b, &specs); err != nil {
			return nil, fmt.Errorf("funnels: %v", err)
		}
	} else {
		var one FunnelSpec
		if err := json.Unmarshal(b, &one); err != nil {
			return nil, fmt.Errorf("funnel: %v", err)
		}
		specs = []FunnelSpec{one}
	}
	for i := range specs {
		if err := specs[i].Check(); err != nil {
			return nil, err
		}
	}
	return specs, nil
}

// Check reports the first thing wrong with the funnel, in words for a person.
func (f *FunnelSpec) Check() error {
	if len(f.Steps) == 0 {
		return fmt.Errorf("a funnel needs at least one step: {\"steps\":[{\"event\":\"signed_up\"},…]}")
	}
	if len(f.Steps) > maxFunnelSteps {
		return fmt.Errorf("a funnel has at most %d steps (got %d)", maxFunnelSteps, len(f.Steps))
	}
	for i, s := range f.Steps {
		if strings.TrimSpace(s.Event) == "" {
			return fmt.Errorf("step %d of the funnel names no event", i+1)
		}
		switch s.Op {
		case "", "=", "!=", "<", "<=", ">", ">=", "contains":
		default:
			return fmt.Errorf("step %d: unknown comparison %q (use =, !=, <, <=, >, >= or contains)", i+1, s.Op)
		}
		if s.Property == "" && (s.Op != "" || s.Value != "") {
			return fmt.Errorf("step %d compares a value but names no property", i+1)
		}
	}
	if _, err := ParseWindow(f.Window); err != nil {
		return err
	}
	if f.Breakdown != "" {
		ok := false
		for _, b := range FunnelBreakdowns {
			ok = ok || b == f.Breakdown
		}
		if !ok {
			return fmt.Errorf("unknown funnel breakdown %q (use one of %s)", f.Breakdown, strings.Join(FunnelBreakdowns, ", "))
		}
	}
	return nil
}

// ParseWindow reads a conversion window: a positive number followed by m
// (minutes), h (hours), d (days) or w (weeks); "" is no window (0).
func ParseWindow(w string) (time.Duration, error) {
	w = strings.TrimSpace(w)
	if w == "" {
		return 0, nil
	}
	units := map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	unit, ok := units[w[len(w)-1]]
	n, err := strconv.ParseFloat(w[:len(w)-1], 64)
	if !ok || err != nil || n <= 0 || n > 3650*24 {
		return 0, fmt.Errorf("conversion window %q: write a number and a unit, e.g. 30m, 12h, 7d or 2w", w)
	}
	return time.Duration(n * float64(unit)), nil
}
