package segment

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// Rule is a segment definition: a group (Op "and" or "or" over Rules) or a
// condition on one field of Columns. Saved and reloaded as JSON, e.g.
//
//	{"op":"and","rules":[
//	  {"field":"country","op":"in","values":["SA","AE"]},
//	  {"op":"or","rules":[
//	    {"field":"spend","op":"range","min":500},
//	    {"field":"ordersInLast","days":90,"op":"range","min":2}]},
//	  {"field":"nps","op":"equals","value":"detractor","not":true}]}
//
// Conditions:
//   - equals (Value), in (Values), contains (Value): text fields, compared
//     without regard to case; equals and in also take numbers written as text.
//   - range (Min and/or Max, both inclusive): number fields; a customer
//     without the value is not in range.
//   - exists: the customer has a value (a number, a text, a date; for
//     ordersInLast at least one order in the window).
//   - before, after (Value, a date YYYY-MM-DD): date fields; before is
//     earlier than that day, after is later than that day.
//
// The field ordersInLast counts the customer's orders in the Days days up to
// the as-of date. Not negates a condition or group. An empty group "and"
// holds every customer; an empty "or" none.
type Rule struct {
	Op     string   `json:"op"`
	Rules  []Rule   `json:"rules,omitempty"`
	Field  string   `json:"field,omitempty"`
	Value  string   `json:"value,omitempty"`
	Values []string `json:"values,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	Days   int      `json:"days,omitempty"`
	Not    bool     `json:"not,omitempty"`
}

// OrdersInLast is the derived field "orders in the last Days days".
const OrdersInLast = "ordersInLast"

// RuleError says what is wrong with a rule: a stable Code (unknown_field,
// unknown_op, bad_date, bad_days, missing_value, bad_json) and the offending
// Arg, so an interface can say it in its language.
type RuleError struct {
	Code string `json:"code"`
	Arg  string `json:"arg,omitempty"`
}

func (e *RuleError) Error() string {
	switch e.Code {
	case "unknown_field":
		return fmt.Sprintf("unknown field %q", e.Arg)
	case "unknown_op":
		return fmt.Sprintf("unknown condition %q", e.Arg)
	case "bad_date":
		return fmt.Sprintf("%q is not a date (YYYY-MM-DD)", e.Arg)
	case "bad_days":
		return fmt.Sprintf("the number of days must be positive (%s)", e.Arg)
	case "missing_value":
		return fmt.Sprintf("condition %q needs a value", e.Arg)
	}
	return "rule is not valid JSON: " + e.Arg
}

// ParseRule reads a rule from JSON.
func ParseRule(data []byte) (Rule, error) {
	var r Rule
	if err := json.Unmarshal(data, &r); err != nil {
		return r, &RuleError{Code: "bad_json", Arg: err.Error()}
	}
	return r, nil
}

// Compile evaluates a rule over every customer into a Set. Each condition
// is one tight loop over a column; groups combine sets word by word.
func Compile(r Rule, c *Columns) (*Set, error) {
	var s *Set
	var err error
	switch r.Op {
	case "and", "or", "":
		if r.Op == "" && r.Field != "" {
			return nil, &RuleError{Code: "unknown_op", Arg: ""}
		}
		if r.Op == "or" {
			s = NewSet(c.N)
		} else {
			s = All(c.N)
		}
		for _, sub := range r.Rules {
			t, err := Compile(sub, c)
			if err != nil {
				return nil, err
			}
			if r.Op == "or" {
				s.Or(t)
			} else {
				s.And(t)
			}
		}
	default:
		s, err = condition(r, c)
		if err != nil {
			return nil, err
		}
	}
	if r.Not {
		s.Not()
	}
	return s, nil
}

func condition(r Rule, c *Columns) (*Set, error) {
	s := NewSet(c.N)
	if r.Field == OrdersInLast {
		return s, ordersInLast(r, c, s)
	}
	if col := c.TextCol(r.Field); col.Ok() {
		return s, textCondition(r, c, col, s)
	}
	if col := c.NumberCol(r.Field); col.Ok() {
		return s, numberCondition(r, col, c.N, s)
	}
	if col := c.DateCol(r.Field); col.Ok() {
		return s, dateCondition(r, col, c.N, s)
	}
	return nil, &RuleError{Code: "unknown_field", Arg: r.Field}
}

func textCondition(r Rule, c *Columns, col Col[uint32], s *Set) error {
	var want func(v string) bool
	switch r.Op {
	case "exists":
		for i := 0; i < c.N; i++ {
			id := col.At(i)
			if id != 0 {
				s.Add(i)
			}
		}
		return nil
	case "equals":
		if r.Value == "" {
			return &RuleError{Code: "missing_value", Arg: r.Op}
		}
		want = func(v string) bool { return strings.EqualFold(strings.TrimSpace(v), strings.TrimSpace(r.Value)) }
	case "in":
		if len(r.Values) == 0 {
			return &RuleError{Code: "missing_value", Arg: r.Op}
		}
		want = func(v string) bool {
			v = strings.TrimSpace(v)
			for _, w := range r.Values {
				if strings.EqualFold(v, strings.TrimSpace(w)) {
					return true
				}
			}
			return false
		}
	case "contains":
		if r.Value == "" {
			return &RuleError{Code: "missing_value", Arg: r.Op}
		}
		needle := strings.ToLower(r.Value)
		want = func(v string) bool { return strings.Contains(strings.ToLower(v), needle) }
	default:
		return &RuleError{Code: "unknown_op", Arg: r.Op}
	}
	// Decide each distinct value once. A slice indexed by string id is a
	// load per customer where a map is a hash (slow in wasm).
	if c.NStrings > 0 {
		decided := make([]uint8, c.NStrings+1) // 0 undecided, 1 in, 2 out
		for i := 0; i < c.N; i++ {
			id := col.At(i)
			if id == 0 {
				continue
			}
			if int(id) >= len(decided) {
				if want(c.Value(id)) {
					s.Add(i)
				}
				continue
			}
			d := decided[id]
			if d == 0 {
				d = 2
				if want(c.Value(id)) {
					d = 1
				}
				decided[id] = d
			}
			if d == 1 {
				s.Add(i)
			}
		}
		return nil
	}
	decided := make(map[uint32]bool, 64)
	for i := 0; i < c.N; i++ {
		id := col.At(i)
		if id == 0 {
			continue
		}
		in, ok := decided[id]
		if !ok {
			in = want(c.Value(id))
			decided[id] = in
		}
		if in {
			s.Add(i)
		}
	}
	return nil
}

func numberCondition(r Rule, col Col[float64], n int, s *Set) error {
	switch r.Op {
	case "exists":
		for i := 0; i < n; i++ {
			v := col.At(i)
			if !math.IsNaN(v) {
				s.Add(i)
			}
		}
	case "range":
		if r.Min == nil && r.Max == nil {
			return &RuleError{Code: "missing_value", Arg: r.Op}
		}
		lo, hi := math.Inf(-1), math.Inf(1)
		if r.Min != nil {
			lo = *r.Min
		}
		if r.Max != nil {
			hi = *r.Max
		}
		for i := 0; i < n; i++ {
			v := col.At(i)
			if v >= lo && v <= hi { // false for NaN
				s.Add(i)
			}
		}
	case "equals", "in":
		vals := r.Values
		if r.Op == "equals" {
			vals = []string{r.Value}
		}
		var want []float64
		for _, v := range vals {
			var f float64
			if _, err := fmt.Sscan(strings.TrimSpace(v), &f); err == nil {
				want = append(want, f)
			}
		}
		if len(want) == 0 {
			return &RuleError{Code: "missing_value", Arg: r.Op}
		}
		for i := 0; i < n; i++ {
			v := col.At(i)
			for _, w := range want {
				if v == w {
					s.Add(i)
					break
				}
			}
		}
	default:
		return &RuleError{Code: "unknown_op", Arg: r.Op}
	}
	return nil
}

// ParseDay reads a date YYYY-MM-DD (or an RFC 3339 time) as the Unix time
// of the start of that UTC day.
func ParseDay(v string) (int64, error) {
	v = strings.TrimSpace(v)
	if len(v) > 10 {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			v = t.UTC().Format("2006-01-02")
		}
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return 0, &RuleError{Code: "bad_date", Arg: v}
	}
	return t.Unix(), nil
}

func dateCondition(r Rule, col Col[int64], n int, s *Set) error {
	switch r.Op {
	case "exists":
		for i := 0; i < n; i++ {
			v := col.At(i)
			if v != 0 {
				s.Add(i)
			}
		}
		return nil
	case "before", "after":
	default:
		return &RuleError{Code: "unknown_op", Arg: r.Op}
	}
	day, err := ParseDay(r.Value)
	if err != nil {
		return err
	}
	if r.Op == "before" {
		for i := 0; i < n; i++ {
			v := col.At(i)
			if v != 0 && v < day {
				s.Add(i)
			}
		}
		return nil
	}
	next := day + 86400
	for i := 0; i < n; i++ {
		v := col.At(i)
		if v >= next {
			s.Add(i)
		}
	}
	return nil
}

// ordersInLast counts each customer's orders dated within the Days days up
// to the as-of date (the as-of day and the Days−1 days before it).
func ordersInLast(r Rule, c *Columns, s *Set) error {
	if r.Days <= 0 {
		return &RuleError{Code: "bad_days", Arg: fmt.Sprint(r.Days)}
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	switch r.Op {
	case "exists":
		lo = 1
	case "range":
		if r.Min == nil && r.Max == nil {
			return &RuleError{Code: "missing_value", Arg: r.Op}
		}
		if r.Min != nil {
			lo = *r.Min
		}
		if r.Max != nil {
			hi = *r.Max
		}
	default:
		return &RuleError{Code: "unknown_op", Arg: r.Op}
	}
	end := dayStart(c.AsOf) + 86400
	start := end - int64(r.Days)*86400
	counts := make([]int32, c.N)
	for oi, ci := range c.OrderCust {
		if t := c.OrderDate[oi]; t >= start && t < end && ci >= 0 {
			counts[ci]++
		}
	}
	for i, n := range counts {
		if v := float64(n); v >= lo && v <= hi {
			s.Add(i)
		}
	}
	return nil
}

func dayStart(t int64) int64 {
	d := t / 86400 * 86400
	if d > t {
		d -= 86400
	}
	return d
}
