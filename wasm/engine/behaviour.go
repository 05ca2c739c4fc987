//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/qalbhq/qalb/engine"
)

// behaviourQueryMsg is a behaviour page's question: a funnel built live
// (what "funnel"), a page of the customers who dropped at one of its steps
// ("funnel-dropped"), or the common paths from or to an event ("journey").
type behaviourQueryMsg struct {
	What      string            `json:"what"`
	Funnel    engine.FunnelSpec `json:"funnel"`
	Step      int               `json:"step"`
	Offset    int               `json:"offset"`
	Limit     int               `json:"limit"`
	Direction string            `json:"direction"`
	Event     string            `json:"event"`
}

// behaviourQuery answers the behaviour queries and reports whether what
// was one of them; the others are query's.
func (w *worker) behaviourQuery(id js.Value, what, text string) bool {
	switch what {
	case "funnel", "funnel-dropped", "journey":
	default:
		return false
	}
	var q behaviourQueryMsg
	if err := json.Unmarshal([]byte(text), &q); err != nil {
		w.postError(id, codeBadRequest, "query: "+err.Error(), "", 0)
		return true
	}
	sess := w.session
	if sess == nil {
		w.postError(id, codeNoSession, "query: no finished analysis to ask about", "", 0)
		return true
	}
	var result any
	var err error
	switch what {
	case "funnel":
		result, err = sess.Funnel(q.Funnel)
	case "funnel-dropped":
		result, err = sess.FunnelDropped(q.Funnel, q.Step, q.Offset, q.Limit)
	case "journey":
		result, err = sess.Journey(q.Direction, q.Event)
	}
	if err != nil {
		w.postError(id, codeBadRequest, fmt.Sprintf("query %s: %v", what, err), "", 0)
		return true
	}
	b, err := json.Marshal(result)
	if err != nil {
		w.postError(id, codeInternal, "query: encoding the answer: "+err.Error(), "", 0)
		return true
	}
	w.post(map[string]any{"type": "answer", "id": id, "what": what, "result": string(b)})
	return true
}
