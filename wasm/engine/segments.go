//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"syscall/js"

	"github.com/qalbhq/qalb/engine"
)

// segmentQuery answers the segment queries (docs/protocol.md, "segment"
// and "export"); it reports whether the query was one of them.
//
//	{what:"segment", rule, members, breakdowns, sort, offset, limit} → engine.SegmentAnswer
//	{what:"export", rule, bom} → the CSV text (formula-safe), and bom echoed
//
// The CSV text never starts with the byte-order mark itself: a string
// crossing from Go to JavaScript goes through TextDecoder, which drops a
// leading BOM. The page adds the BOM's bytes to the Blob it saves.
func (w *worker) segmentQuery(id js.Value, what string, text []byte) bool {
	if what != "segment" && what != "export" {
		return false
	}
	sess := w.session
	if sess == nil {
		w.postError(id, codeNoSession, "query: no finished analysis to ask about", "", 0)
		return true
	}
	var q struct {
		engine.SegmentQuery
		BOM bool `json:"bom"`
	}
	if err := json.Unmarshal(text, &q); err != nil {
		w.postError(id, codeBadRequest, "query: "+err.Error(), "", 0)
		return true
	}
	if what == "export" {
		var b bytes.Buffer
		n, err := sess.ExportSegment(q.Rule, &b, false)
		if err != nil {
			w.postError(id, codeBadRequest, "query: "+err.Error(), "", 0)
			return true
		}
		w.post(map[string]any{"type": "answer", "id": id, "what": what, "result": b.String(), "rows": n, "bom": q.BOM})
		return true
	}
	ans, err := json.Marshal(sess.Segment(q.SegmentQuery))
	if err != nil {
		w.postError(id, codeInternal, "query: encoding the answer: "+err.Error(), "", 0)
		return true
	}
	w.post(map[string]any{"type": "answer", "id": id, "what": what, "result": string(ans)})
	return true
}
