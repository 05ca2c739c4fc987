package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"github.com/qalbhq/qalb/engine/identity"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/segment"
)

// SegmentQuery asks about the customers a rule selects (segment.Rule as
// JSON; empty for everyone): always their count and summary, optionally a
// page of members and breakdowns against the rest.
type SegmentQuery struct {
	Rule       json.RawMessage `json:"rule,omitempty"`
	Members    bool            `json:"members,omitempty"`
	Breakdowns bool            `json:"breakdowns,omitempty"`
	Sort       string          `json:"sort,omitempty"` // as CustomerQuery.Sort
	Offset     int             `json:"offset,omitempty"`
	Limit      int             `json:"limit,omitempty"` // default 50, at most 500
}

// SegmentAnswer is what a SegmentQuery finds. Error is set instead when
// the rule is not valid.
type SegmentAnswer struct {
	Count      int                    `json:"count"`
	Total      int                    `json:"total"` // all customers
	Summary    *report.SegmentSummary `json:"summary,omitempty"`
	Breakdowns []segment.Breakdown    `json:"breakdowns,omitempty"`
	Customers  []CustomerRow          `json:"customers,omitempty"`
	Offset     int                    `json:"offset"`
	Error      *segment.RuleError     `json:"error,omitempty"`
}

// segmentCols are the columns rules run over, built on first need when the
// segments analysis did not run.
func (s *Session) segmentCols() *segment.Columns {
	if s.segmentState == nil {
		s.segmentState = &segmentState{}
	}
	if s.segmentState.cols == nil {
		s.segmentState.cols = s.segmentColumns()
	}
	return s.segmentState.cols
}

// members compiles a rule (JSON) into the set of customers it selects.
func (s *Session) members(rule json.RawMessage) (*segment.Set, *segment.RuleError) {
	c := s.segmentCols()
	if len(bytes.TrimSpace(rule)) == 0 || string(bytes.TrimSpace(rule)) == "null" {
		return segment.All(c.N), nil
	}
	r, err := segment.ParseRule(rule)
	if err == nil {
		var set *segment.Set
		if set, err = segment.Compile(r, c); err == nil {
			return set, nil
		}
	}
	var re *segment.RuleError
	if errors.As(err, &re) {
		return nil, re
	}
	return nil, &segment.RuleError{Code: "bad_json", Arg: err.Error()}
}

// Segment answers a SegmentQuery.
func (s *Session) Segment(q SegmentQuery) SegmentAnswer {
	c := s.segmentCols()
	ans := SegmentAnswer{Total: c.N, Offset: q.Offset}
	set, rerr := s.members(q.Rule)
	if rerr != nil {
		ans.Error = rerr
		return ans
	}
	ans.Count = set.Count()
	sum := segment.Summarise(c, set, nil, "")
	ans.Summary = &sum
	if q.Breakdowns {
		ans.Breakdowns = segment.Breakdowns(c, set, 10)
	}
	if q.Members {
		if q.Limit <= 0 {
			q.Limit = 50
		}
		q.Limit = min(q.Limit, 500)
		q.Offset = max(q.Offset, 0)
		ans.Offset = q.Offset
		ans.Customers = []CustomerRow{}
		seen := 0
		for _, ci := range s.sorted(q.Sort) {
			if !set.Has(int(ci)) {
				continue
			}
			if seen >= q.Offset {
				ans.Customers = append(ans.Customers, s.row(int(ci)))
				if len(ans.Customers) >= q.Limit {
					break
				}
			}
			seen++
		}
	}
	return ans
}

// ExportSegment writes the customers a rule selects as CSV (see
// segment.CSVWriter: formula-safe, UTF-8, optional BOM for Excel), best
// spenders first, and returns how many it wrote.
func (s *Session) ExportSegment(rule json.RawMessage, w io.Writer, bom bool) (int, error) {
	set, rerr := s.members(rule)
	if rerr != nil {
		return 0, rerr
	}
	s.buildDetailIndex()
	cw, err := segment.NewCSVWriter(w, bom)
	if err != nil {
		return 0, err
	}
	if err := cw.Header("id", "email", "phone", "name", "company", "industry", "country", "city", "currency", "last_order",
		"rfm_segment", "nps", "orders", "spend", "r", "f", "m", "cluster", "icp_fit", "sentiment", "churn_risk"); err != nil {
		return 0, err
	}
	st := s.segmentState
	num := func(v float64, ok bool, places int) string {
		if !ok {
			return ""
		}
		return strconv.FormatFloat(v, 'f', places, 64)
	}
	n := 0
	for _, ci32 := range s.sorted("spend") {
		ci := int(ci32)
		if !set.Has(ci) {
			continue
		}
		c := &s.custs[ci]
		v := func(a int) string { return s.strs.Value(s.attrOf(c)[a]) }
		last := ""
		if s.act(c).lastOrder != 0 {
			last = day(s.act(c).lastOrder)
		}
		texts := []string{s.exportID(ci), s.strs.Value(s.emailOf(ci)), s.strs.Value(s.phoneOf(ci)), v(attrName), v(attrCompany),
			v(attrIndustry), v(attrCountry), v(attrCity), s.strs.Value(s.act(c).currency), last, s.rfmSegment(ci), s.npsCategory(ci)}
		var r, f, m, cl, fit string
		if st != nil && st.rfm != nil && st.rfm[ci].R > 0 {
			sc := st.rfm[ci]
			r, f, m = strconv.Itoa(int(sc.R)), strconv.Itoa(int(sc.F)), strconv.Itoa(int(sc.M))
		}
		if st != nil && st.cluster != nil && st.cluster[ci] > 0 {
			cl = strconv.Itoa(int(st.cluster[ci]))
		}
		if st != nil && st.icp != nil && st.icp[ci] >= 0 {
			fit = strconv.Itoa(int(st.icp[ci]))
		}
		sent, k := s.customerSentiment(ci)
		risk, ok := s.churnRisk(ci)
		nums := []string{strconv.Itoa(int(s.act(c).orders)), num(round2(s.act(c).spend), s.act(c).orders > 0, 2), r, f, m, cl, fit,
			num(sent, k > 0, 3), num(risk, ok, 1)}
		if err := cw.Row(append(texts, nums...)...); err != nil {
			return n, err
		}
		n++
	}
	return n, cw.Flush()
}

// exportID is the customer's first id in a source system ("shopify:1001"),
// else their email or phone, else the engine's number for them.
func (s *Session) exportID(ci int) string {
	for _, i := range s.keysOf.of(ci) {
		if s.ids.Key(i).Type == identity.ID {
			return s.keyText(i)
		}
	}
	for _, id := range []uint32{s.emailOf(ci), s.phoneOf(ci)} {
		if id != 0 {
			return s.strs.Value(id)
		}
	}
	return "customer:" + strconv.Itoa(ci)
}
