package segment

import "sort"

// Breakdown compares a segment with the rest of the customers on one field.
type Breakdown struct {
	Field string         `json:"field"`
	In    int            `json:"in"`   // members
	Rest  int            `json:"rest"` // everyone else
	Rows  []BreakdownRow `json:"rows"` // most frequent among members first; the rest folded into "" (other or none)
}

// BreakdownRow is one value of the field: how many members and others have
// it, and the shares of each side.
type BreakdownRow struct {
	Value     string  `json:"value"`
	In        int     `json:"in"`
	Rest      int     `json:"rest"`
	InShare   float64 `json:"inShare"`
	RestShare float64 `json:"restShare"`
}

// BreakdownFields are the demographic, geographic and firmographic fields
// a segment is broken down by, when the data has them.
var BreakdownFields = []string{"country", "city", "region", "gender", "language", "industry", "size", "nps", "rfm"}

// Breakdowns compares members with the rest on every breakdown field the
// data has, keeping the top values (by members) of each.
func Breakdowns(c *Columns, members *Set, top int) []Breakdown {
	var out []Breakdown
	for _, f := range BreakdownFields {
		col := c.TextCol(f)
		if !col.Ok() {
			continue
		}
		in, rest := map[uint32]int{}, map[uint32]int{}
		nIn, any := 0, false
		for i := 0; i < c.N; i++ {
			id := col.At(i)
			if id != 0 {
				any = true
			}
			if members.Has(i) {
				in[id]++
				nIn++
			} else {
				rest[id]++
			}
		}
		if !any {
			continue
		}
		b := Breakdown{Field: f, In: nIn, Rest: c.N - nIn, Rows: []BreakdownRow{}}
		ids := make([]uint32, 0, len(in)+len(rest))
		for id := range in {
			if id != 0 {
				ids = append(ids, id)
			}
		}
		for id := range rest {
			if _, ok := in[id]; !ok && id != 0 {
				ids = append(ids, id)
			}
		}
		sort.Slice(ids, func(a, b int) bool {
			if in[ids[a]] != in[ids[b]] {
				return in[ids[a]] > in[ids[b]]
			}
			if rest[ids[a]] != rest[ids[b]] {
				return rest[ids[a]] > rest[ids[b]]
			}
			return c.Value(ids[a]) < c.Value(ids[b])
		})
		other := BreakdownRow{}
		for k, id := range ids {
			if k < top {
				b.Rows = append(b.Rows, BreakdownRow{Value: c.Value(id), In: in[id], Rest: rest[id]})
			} else {
				other.In += in[id]
				other.Rest += rest[id]
			}
		}
		other.In += in[0]
		other.Rest += rest[0]
		if other.In+other.Rest > 0 {
			b.Rows = append(b.Rows, other)
		}
		for k := range b.Rows {
			r := &b.Rows[k]
			if b.In > 0 {
				r.InShare = round(float64(r.In)/float64(b.In), 4)
			}
			if b.Rest > 0 {
				r.RestShare = round(float64(r.Rest)/float64(b.Rest), 4)
			}
		}
		out = append(out, b)
	}
	return out
}
