package engine

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"
)

// segmentLog writes a Segment-style NDJSON event log of visitors who browse
// anonymously, some of whom sign up (the event carries the anonymous id,
// the user id and the email) and some of whom come back on a second
// device and log in by email. It returns the log and its records.
func segmentLog(seed uint64, people int) (string, []map[string]any) {
	rng := rand.New(rand.NewPCG(seed, 99))
	type rec struct {
		t   int64
		seq int
		m   map[string]any
	}
	var recs []rec
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Unix()
	names := []string{"page_view", "viewed_product", "added_to_cart", "checkout", "purchased"}
	add := func(t int64, m map[string]any) { recs = append(recs, rec{t, len(recs), m}) }
	for p := 0; p < people; p++ {
		anon := fmt.Sprintf("anon-%04x%02d", rng.IntN(1<<16), p)
		user, email := fmt.Sprintf("U%d", p), fmt.Sprintf("person%d@example.com", p)
		t := t0 + int64(rng.IntN(20*86400))
		signedUp := false
		for k := 5 + rng.IntN(25); k > 0; k-- {
			t += int64(rng.IntN(2 * 86400 / 3))
			m := map[string]any{"event": names[rng.IntN(len(names))], "timestamp": time.Unix(t, 0).UTC().Format(time.RFC3339)}
			switch {
			case !signedUp && rng.IntN(6) == 0 && p%5 != 0: // every fifth person stays anonymous
				m["event"], m["anonymousId"], m["userId"], m["email"] = "signed_up", anon, user, email
				signedUp = true
			case !signedUp:
				m["anonymousId"] = anon
			case rng.IntN(8) == 0: // a second device, known once they log in
				second := anon + "-b"
				add(t, map[string]any{"event": "page_view", "timestamp": m["timestamp"], "anonymousId": second})
				m["event"], m["anonymousId"], m["email"] = "logged_in", second, email
			default:
				m["userId"] = user
			}
			if m["event"] == "purchased" {
				m["properties"] = map[string]any{"plan": []string{"basic", "pro"}[rng.IntN(2)], "price": 10 + rng.IntN(90)}
			}
			add(t, m)
		}
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].t < recs[j].t })
	var b strings.Builder
	out := make([]map[string]any, len(recs))
	for i, r := range recs {
		line, _ := json.Marshal(r.m)
		b.Write(line)
		b.WriteByte('\n')
		out[i] = r.m
	}
	return b.String(), out
}

// independentFunnel resolves the records' people with a plain union-find
// over "anonymousId", "userId" and "email" and counts, per step, the people
// who reach it by trying every choice of events (not the engine's greedy
// pointers).
func independentFunnel(recs []map[string]any, steps []func(map[string]any) bool, window int64) []int {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == "" || parent[x] == x {
			parent[x] = x
			return x
		}
		r := find(parent[x])
		parent[x] = r
		return r
	}
	keysOf := func(m map[string]any) []string {
		var ks []string
		for _, f := range []string{"anonymousId", "userId", "email"} {
			if v, ok := m[f].(string); ok {
				ks = append(ks, f+":"+v)
			}
		}
		return ks
	}
	for _, m := range recs {
		ks := keysOf(m)
		for _, k := range ks[1:] {
			parent[find(k)] = find(ks[0])
		}
	}
	known := map[string]bool{}
	for _, m := range recs {
		for _, k := range keysOf(m) {
			if !strings.HasPrefix(k, "anonymousId:") {
				known[find(k)] = true
			}
		}
	}
	byPerson := map[string][]map[string]any{}
	for _, m := range recs { // already in time order
		root := find(keysOf(m)[0])
		if known[root] {
			byPerson[root] = append(byPerson[root], m)
		}
	}
	unix := func(m map[string]any) int64 {
		t, _ := time.Parse(time.RFC3339, m["timestamp"].(string))
		return t.Unix()
	}
	counts := make([]int, len(steps))
	for _, evs := range byPerson {
		var try func(j, from int, t0 int64) int
		try = func(j, from int, t0 int64) int {
			if j == len(steps) {
				return j
			}
			best := j
			for i := from; i < len(evs); i++ {
				if steps[j](evs[i]) && (window == 0 || unix(evs[i])-t0 <= window) {
					best = max(best, try(j+1, i+1, t0))
				}
			}
			return best
		}
		reach := 0
		for i, m := range evs {
			if steps[0](m) {
				reach = max(reach, try(1, i+1, unix(m)))
			}
		}
		for j := 0; j < reach; j++ {
			counts[j]++
		}
	}
	return counts
}

func TestFunnelMatchesIndependentCount(t *testing.T) {
	body, recs := segmentLog(3, 160)
	spec := FunnelSpec{Name: "buy pro", Window: "2d", Steps: []FunnelStepSpec{
		{Event: "viewed_product"}, {Event: "added_to_cart"}, {Event: "checkout"},
		{Event: "purchased", Property: "plan", Value: "pro"}}}
	s := analyzeT(t, Options{Funnels: []FunnelSpec{spec}}, memInput("events.ndjson", body))
	is := func(name string) func(map[string]any) bool {
		return func(m map[string]any) bool { return m["event"] == name }
	}
	pro := func(m map[string]any) bool {
		p, _ := m["properties"].(map[string]any)
		return m["event"] == "purchased" && p["plan"] == "pro"
	}
	want := independentFunnel(recs, []func(map[string]any) bool{is("viewed_product"), is("added_to_cart"), is("checkout"), pro}, 2*86400)
	b := s.Report.Behaviour
	if b == nil || len(b.Funnels) < 1 {
		t.Fatalf("no funnels: %+v", b)
	}
	f := b.Funnels[len(b.Funnels)-1]
	if f.Name != "buy pro" || f.Steps[3].Where != "plan = pro" {
		t.Fatalf("funnel %+v", f)
	}
	for j, st := range f.Steps {
		if st.Customers != want[j] {
			t.Fatalf("step %d (%s): %d customers, independent count %d (all: %+v, want %v)", j+1, st.Event, st.Customers, want[j], f.Steps, want)
		}
	}
	if want[0] < 50 || want[3] == 0 || want[3] >= want[0] {
		t.Fatalf("the constructed log should have a real funnel: %v", want)
	}
	// The same funnel asked live, and the customers who dropped at the last step.
	live, err := s.Funnel(spec)
	if err != nil || live.Steps[3].Customers != want[3] {
		t.Fatalf("live funnel %+v %v", live, err)
	}
	page, err := s.FunnelDropped(spec, 3, 0, 500)
	if err != nil || page.Total != want[2]-want[3] {
		t.Fatalf("dropped at the last step: %d, want %d (%v)", page.Total, want[2]-want[3], err)
	}
	// Without the property condition the last step has at least as many.
	spec.Steps[3] = FunnelStepSpec{Event: "purchased"}
	all, _ := s.Funnel(spec)
	if all.Steps[3].Customers < want[3] {
		t.Fatalf("unconditioned %d < %d", all.Steps[3].Customers, want[3])
	}
}

func TestAnonymousIDsJoinCustomers(t *testing.T) {
	const log = `{"event":"page_view","timestamp":"2024-03-01T10:00:00Z","anonymousId":"a-1"}
{"event":"viewed_product","timestamp":"2024-03-01T10:01:00Z","anonymousId":"a-1"}
{"event":"page_view","timestamp":"2024-03-01T11:00:00Z","anonymousId":"a-2"}
{"event":"signed_up","timestamp":"2024-03-01T10:05:00Z","anonymousId":"a-1","userId":"U1","email":"Sara@Example.com"}
{"event":"purchased","timestamp":"2024-03-02T09:00:00Z","userId":"U1"}
`
	s := analyzeT(t, Options{}, memInput("events.ndjson", log))
	r := s.Report
	// a-2 never signed in: no customer. a-1's two events belong to U1.
	if r.Customers.Total != 1 || r.Sources[0].Unlinked != 1 {
		t.Fatalf("customers %d, unlinked %d", r.Customers.Total, r.Sources[0].Unlinked)
	}
	if r.Behaviour == nil || r.Behaviour.Events != 4 || r.Behaviour.Customers != 1 {
		t.Fatalf("behaviour %+v", r.Behaviour)
	}
	p, err := s.Customer(0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range p.MergeLog {
		if m.By == "anonymous" && m.Key == "anonymous:a-1" && m.Line == 4 {
			found = true
		}
	}
	if !found {
		t.Fatalf("merge log %+v", p.MergeLog)
	}
	if len(p.Journey) != 1 || p.Journey[0].Channel != "web" || p.Journey[0].Touchpoints != 4 {
		t.Fatalf("journey %+v", p.Journey)
	}
	// Sessions: 10:00–10:05 and the next day.
	if r.Behaviour.Sessions.Sessions != 2 {
		t.Fatalf("sessions %+v", r.Behaviour.Sessions)
	}
}

func TestParseFunnels(t *testing.T) {
	one, err := ParseFunnels([]byte(`{"steps":[{"event":"signed_up"},{"event":"purchased","property":"plan","op":">=","value":"2"}],"window":"7d"}`))
	if err != nil || len(one) != 1 || one[0].Steps[1].Op != ">=" {
		t.Fatalf("%+v %v", one, err)
	}
	many, err := ParseFunnels([]byte(` [{"steps":[{"event":"a"}]},{"name":"b","steps":[{"event":"b"}],"breakdown":"segment"}]`))
	if err != nil || len(many) != 2 || many[1].Name != "b" {
		t.Fatalf("%+v %v", many, err)
	}
	for _, bad := range []string{
		``, `{`, `{"steps":[]}`, `{"steps":[{"event":" "}]}`, `{"steps":[{"event":"a","op":"~"}]}`,
		`{"steps":[{"event":"a","value":"x"}]}`, `{"steps":[{"event":"a"}],"window":"7"}`,
		`{"steps":[{"event":"a"}],"window":"-1d"}`, `{"steps":[{"event":"a"}],"window":"7y"}`,
		`{"steps":[{"event":"a"}],"breakdown":"shoe size"}`, `[{"steps":[{"event":"a"}]},{"steps":[]}]`,
	} {
		if _, err := ParseFunnels([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	for w, want := range map[string]time.Duration{"": 0, "30m": 30 * time.Minute, "12h": 12 * time.Hour, "7d": 7 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "1.5d": 36 * time.Hour} {
		if got, err := ParseWindow(w); err != nil || got != want {
			t.Errorf("%q: %v %v", w, got, err)
		}
	}
}

func TestFunnelPropertyConditions(t *testing.T) {
	// Properties without a role (kept as text) compared as text and as numbers.
	const log = `{"event":"viewed","timestamp":"2024-03-01T10:00:00Z","userId":"u1"}
{"event":"paid","timestamp":"2024-03-01T10:05:00Z","userId":"u1","properties":{"tier":"Gold","seats":"12"}}
{"event":"viewed","timestamp":"2024-03-01T10:00:00Z","userId":"u2"}
{"event":"paid","timestamp":"2024-03-01T10:05:00Z","userId":"u2","properties":{"tier":"silver","seats":"3"}}
{"event":"viewed","timestamp":"2024-03-01T10:00:00Z","userId":"u3"}
{"event":"paid","timestamp":"2024-03-01T10:05:00Z","userId":"u3"}
`
	s := analyzeT(t, Options{}, memInput("events.ndjson", log))
	for _, c := range []struct {
		prop, op, value string
		want            int
	}{
		{"tier", "", "gold", 1}, {"properties.tier", "=", "GOLD", 1}, {"tier", "!=", "gold", 2}, {"tier", "contains", "il", 1},
		{"seats", ">", "5", 1}, {"seats", "<=", "12", 2}, {"seats", ">=", "100", 0}, {"nothing", "=", "x", 0},
	} {
		f, err := s.Funnel(FunnelSpec{Steps: []FunnelStepSpec{{Event: "viewed"}, {Event: "paid", Property: c.prop, Op: c.op, Value: c.value}}})
		if err != nil || f.Steps[0].Customers != 3 || f.Steps[1].Customers != c.want {
			t.Errorf("%s %s %s: %+v %v, want %d", c.prop, c.op, c.value, f, err, c.want)
		}
	}
	// A step event the data does not have is named.
	f, _ := s.Funnel(FunnelSpec{Steps: []FunnelStepSpec{{Event: "viewed"}, {Event: "refunded"}}})
	if len(f.Missing) != 1 || f.Missing[0] != "refunded" || f.Steps[1].Customers != 0 {
		t.Fatalf("missing %+v", f)
	}
}

// Raw-event layouts of the trackers people export from, as their docs
// describe them: the anonymous visit before sign-up joins the customer, and
// a two-step funnel counts both customers in, one through.
func TestTrackerLayouts(t *testing.T) {
	layouts := map[string]string{
		"mixpanel.ndjson": `{"event":"Sign Up","properties":{"time":1714557600,"distinct_id":"$device:abc","$device_id":"abc"}}
{"event":"Sign Up","properties":{"time":1714557700,"distinct_id":"u1","$device_id":"abc","$user_id":"u1"}}
{"event":"Purchase","properties":{"time":1714561200,"distinct_id":"u1","$user_id":"u1","amount":20}}
{"event":"Sign Up","properties":{"time":1714557600,"distinct_id":"u2","$user_id":"u2"}}
`,
		"amplitude.ndjson": `{"event_type":"Sign Up","user_id":null,"device_id":"d1","event_time":"2024-05-01 10:00:00.123000"}
{"event_type":"Sign Up","user_id":"u1","device_id":"d1","event_time":"2024-05-01 10:01:40.000000"}
{"event_type":"Purchase","user_id":"u1","device_id":"d1","event_time":"2024-05-01 11:00:00.000000"}
{"event_type":"Sign Up","user_id":"u2","device_id":"d2","event_time":"2024-05-01 10:00:00.000000"}
`,
		"segment.ndjson": `{"type":"track","event":"Sign Up","anonymousId":"a1","timestamp":"2024-05-01T10:00:00.000Z"}
{"type":"track","event":"Sign Up","anonymousId":"a1","userId":"u1","timestamp":"2024-05-01T10:01:40.000Z"}
{"type":"track","event":"Purchase","userId":"u1","timestamp":"2024-05-01T11:00:00.000Z"}
{"type":"track","event":"Sign Up","userId":"u2","timestamp":"2024-05-01T10:00:00.000Z"}
`,
		"ga4.ndjson": `{"event_date":"20240501","event_timestamp":"1714557600000000","event_name":"Sign Up","user_pseudo_id":"123.456","user_id":null}
{"event_date":"20240501","event_timestamp":"1714557700000000","event_name":"Sign Up","user_pseudo_id":"123.456","user_id":"u1"}
{"event_date":"20240501","event_timestamp":"1714561200000000","event_name":"Purchase","user_pseudo_id":"123.456","user_id":"u1"}
{"event_date":"20240501","event_timestamp":"1714557600000000","event_name":"Sign Up","user_pseudo_id":"789.012","user_id":"u2"}
`,
	}
	spec := FunnelSpec{Steps: []FunnelStepSpec{{Event: "Sign Up"}, {Event: "Purchase"}}, Window: "1d"}
	for name, body := range layouts {
		s := analyzeT(t, Options{Funnels: []FunnelSpec{spec}}, memInput(name, body))
		r := s.Report
		if r.Customers.Total != 2 || r.Sources[0].Unlinked != 0 || r.Behaviour == nil || r.Behaviour.Events != 4 {
			t.Errorf("%s: customers %d, unlinked %d, behaviour %+v", name, r.Customers.Total, r.Sources[0].Unlinked, r.Behaviour)
			continue
		}
		f := r.Behaviour.Funnels[len(r.Behaviour.Funnels)-1]
		if f.Steps[0].Customers != 2 || f.Steps[1].Customers != 1 || f.Steps[1].MedianMinutes == nil || *f.Steps[1].MedianMinutes != 60 {
			t.Errorf("%s: funnel %+v", name, f.Steps)
		}
	}
}
