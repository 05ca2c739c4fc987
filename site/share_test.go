package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qalbhq/qalb/engine/report"
)

// fakeShare is the share API and WebCrypto as the fake host sees them: it
// seals and opens exactly as the browser host does (AES-GCM-256, the 96-bit
// IV before the ciphertext) over an in-memory store. Answers wait in
// pending until the test calls flush, as a network would make them wait.
type fakeShare struct {
	store   map[string]*fakeRecord
	pending []func()
	ttls    []int
	plains  [][]byte
	deletes []string
	copies  []string
	copyOK  bool
	// failures to answer with instead of success
	uploadErr, deleteErr, openErr error
}

type fakeRecord struct {
	body  []byte
	token string
	ttl   int
}

func (s *fakeShare) later(f func()) { s.pending = append(s.pending, f) }

func (h *fakeHost) flush() {
	for len(h.share.pending) > 0 {
		f := h.share.pending[0]
		h.share.pending = h.share.pending[1:]
		f()
	}
}

func seal(key, plain []byte) []byte {
	block, _ := aes.NewCipher(key)
	gcm, _ := cipher.NewGCM(block)
	iv := make([]byte, gcm.NonceSize())
	rand.Read(iv)
	return gcm.Seal(iv, iv, plain, nil)
}

func openSealed(key, body []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, _ := cipher.NewGCM(block)
	if len(body) < gcm.NonceSize()+gcm.Overhead() {
		return nil, ErrDecrypt
	}
	out, err := gcm.Open(nil, body[:12], body[12:], nil)
	if err != nil {
		return nil, ErrDecrypt
	}
	return out, nil
}

func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (h *fakeHost) UploadShared(plain []byte, ttl int, done func(Upload, error)) {
	s := &h.share
	s.ttls = append(s.ttls, ttl)
	s.plains = append(s.plains, plain)
	s.later(func() {
		if s.uploadErr != nil {
			done(Upload{}, s.uploadErr)
			return
		}
		key := make([]byte, 32)
		rand.Read(key)
		id, token := randomID(16), randomID(32)
		if s.store == nil {
			s.store = map[string]*fakeRecord{}
		}
		s.store[id] = &fakeRecord{body: seal(key, plain), token: token, ttl: ttl}
		exp := time.Date(2026, 1, 7, 14, 3, 0, 0, time.UTC).Format(time.RFC3339)
		done(Upload{ID: id, DeleteToken: token, Expires: exp, Key: key}, nil)
	})
}

func (h *fakeHost) DeleteShared(id, token string, done func(error)) {
	s := &h.share
	s.deletes = append(s.deletes, id)
	s.later(func() {
		switch r := s.store[id]; {
		case s.deleteErr != nil:
			done(s.deleteErr)
		case r == nil:
			done(&HTTPError{Status: 404, Message: "report not found or expired"})
		case r.token != token:
			done(&HTTPError{Status: 403, Message: "wrong delete token"})
		default:
			delete(s.store, id)
			done(nil)
		}
	})
}

func (h *fakeHost) OpenShared(id string, key []byte, done func([]byte, string, error)) {
	s := &h.share
	s.later(func() {
		if s.openErr != nil {
			done(nil, "", s.openErr)
			return
		}
		r := s.store[id]
		if r == nil {
			done(nil, "", &HTTPError{Status: 404, Message: "report not found or expired"})
			return
		}
		plain, err := openSealed(key, r.body)
		done(plain, "2026-01-07T14:03:00Z", err)
	})
}

func (h *fakeHost) CopyText(text, selector string, done func(bool)) {
	h.share.copies = append(h.share.copies, text+" "+selector)
	ok := h.share.copyOK
	h.share.later(func() { done(ok) })
}

var linkRE = regexp.MustCompile(`^https://qalb\.test/r/([A-Za-z0-9_-]{22})#([A-Za-z0-9_-]{43})$`)

// shared makes a link of the sample report and returns its id and key.
func shared(t *testing.T, a *App, h *fakeHost) (id, key string) {
	t.Helper()
	a.OpenShare()
	a.StartShare()
	h.flush()
	if a.Share.Link == nil {
		t.Fatalf("no link: %q %q", a.Share.Err, a.Share.ErrDetail)
	}
	m := linkRE.FindStringSubmatch(a.Share.Link.URL)
	if m == nil {
		t.Fatalf("link %q", a.Share.Link.URL)
	}
	return m[1], m[2]
}

func TestShareAggregates(t *testing.T) {
	a, h := analysed(t)
	a.Origin = "https://qalb.test"
	a.Loc = time.UTC
	if !a.CanShare() {
		t.Fatal("a report can be shared")
	}
	if a.PrivacyNote() != a.T("privacy.short") {
		t.Fatal("privacy note")
	}
	a.OpenShare()
	if !a.Share.Open || a.Share.TTL != DefaultShareTTL || a.ShareTTLValue() != "604800" || a.TakeFocus() != "#share-dialog" {
		t.Fatalf("dialog %+v", a.Share)
	}
	if a.Share.Customers {
		t.Fatal("customer rows are opt-in")
	}
	a.SetShareTTL("12345") // not a choice
	a.SetShareTTL("86400")
	if a.Share.TTL != 86400 {
		t.Fatalf("ttl %d", a.Share.TTL)
	}
	var opts []string
	for _, o := range a.ShareTTLOptions() {
		opts = append(opts, o.Value+"="+o.Label)
	}
	if strings.Join(opts, ",") != "3600=1 hour,86400=1 day,604800=7 days,2592000=30 days" {
		t.Fatalf("expiry options %v", opts)
	}
	queries := len(h.queries)
	a.StartShare()
	if !a.Share.Busy || a.Share.Stage != "upload" || len(h.queries) != queries {
		t.Fatalf("aggregates need no worker query: %+v", a.Share)
	}
	a.CloseShare() // not while busy
	if !a.Share.Open {
		t.Fatal("the dialog closed while a link was being made")
	}
	h.flush()
	l := a.Share.Link
	m := linkRE.FindStringSubmatch(l.URL)
	if m == nil || a.Share.Busy || a.Share.Err != "" {
		t.Fatalf("link %q busy %v err %q", l.URL, a.Share.Busy, a.Share.Err)
	}
	if a.PrivacyNote() != a.T("privacy.shared") {
		t.Fatalf("after sharing the note still says %q", a.PrivacyNote())
	}
	if a.TakeFocus() != "#share-copy" || a.ShareLinkExpiry() != "7 Jan 2026 14:03" || a.ShareContents() != "Aggregates only" {
		t.Fatalf("expiry %q contents %q", a.ShareLinkExpiry(), a.ShareContents())
	}
	rec := h.share.store[m[1]]
	if rec == nil || rec.ttl != 86400 {
		t.Fatalf("stored %+v", rec)
	}
	// the server holds ciphertext only: not JSON, nothing of the report
	plain := h.share.plains[0]
	if json.Valid(rec.body) || bytes.Contains(rec.body, []byte(`"version"`)) || len(rec.body) != 12+len(plain)+16 {
		t.Fatalf("stored %d bytes for %d of plaintext", len(rec.body), len(plain))
	}
	key, err := DecodeKey(m[2])
	if err != nil {
		t.Fatal(err)
	}
	got, err := openSealed(key, rec.body)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("the link's key does not open the stored report: %v", err)
	}
	// the payload: version 1 and the report's share view, nothing else
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(plain, &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw["version"]) != "1" || raw["customers"] != nil || len(raw) != 2 {
		t.Fatalf("payload keys %v", keys(raw))
	}
	want, _ := json.Marshal(report.ShareView(a.Report, report.MinGroup))
	if !bytes.Equal(raw["report"], want) {
		t.Fatal("the payload's report is not ShareView(report, MinGroup)")
	}
	var p SharePayload
	json.Unmarshal(plain, &p)
	if p.Report.Shared == nil || p.Report.Shared.MinGroup != report.MinGroup {
		t.Fatalf("shared %+v", p.Report.Shared)
	}
	for _, s := range p.Report.Sources {
		for _, c := range s.Columns {
			if len(c.Examples) > 0 {
				t.Fatalf("%s/%s: examples shared", s.File, c.Name)
			}
		}
	}
	// reopening shows the same link until the report changes
	a.CloseShare()
	if a.Share.Open || a.TakeFocus() != "[data-testid=share-open]" {
		t.Fatal("close")
	}
	a.OpenShare()
	if a.Share.Link != l {
		t.Fatal("the link was forgotten")
	}
	a.OnMessage(Message{Type: "result", ID: h.analyzed[0], Report: sampleReport(t)}) // not the running id: ignored
	a.Rerun()
	a.OnMessage(Message{Type: "result", ID: h.analyzed[len(h.analyzed)-1], Report: sampleReport(t)})
	if a.Share.Link != nil || a.Share.Open || a.PrivacyNote() != a.T("privacy.short") {
		t.Fatal("a new report keeps the old report's link")
	}
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestShareCustomerRows(t *testing.T) {
	a, h := analysed(t)
	a.Origin = "https://qalb.test"
	a.OpenShare()
	if a.ShareRowsOffered() != min(a.Report.Customers.Total, 500) {
		t.Fatalf("rows offered %d", a.ShareRowsOffered())
	}
	a.SetShareCustomers(true)
	a.StartShare()
	id, q := h.lastQuery()
	if a.Share.Stage != "rows" || !a.Share.Busy {
		t.Fatalf("stage %q", a.Share.Stage)
	}
	if b, _ := json.Marshal(q); string(b) != `{"what":"customers","sort":"spend","limit":500}` {
		t.Fatalf("rows query %s", b)
	}
	if len(h.share.plains) != 0 {
		t.Fatal("uploaded before the rows came")
	}
	a.OnMessage(Message{Type: "answer", ID: id, Result: `{"total":2,"offset":0,"customers":[` +
		`{"id":7,"name":"Sara AlQahtani","email":"sara@example.com","phone":"+966501234567","orders":3,"spend":120.5,"currency":"SAR","kinds":["orders"]},` +
		`{"id":9,"name":"Omar","orders":0,"spend":0,"currency":"","kinds":["contacts"]}]}`})
	if a.Share.Stage != "upload" || len(h.share.plains) != 1 {
		t.Fatalf("after the rows: stage %q", a.Share.Stage)
	}
	if a.CustPage != nil {
		t.Fatal("the rows answer was taken for the customers page")
	}
	h.flush()
	var p SharePayload
	if err := json.Unmarshal(h.share.plains[0], &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Customers) != 2 || p.Customers[0].Email != "sara@example.com" || p.Customers[0].Spend != 120.5 {
		t.Fatalf("customers %+v", p.Customers)
	}
	if bytes.Contains(h.share.plains[0], []byte(`"id":7`)) {
		t.Fatal("the engine's internal ids are shared")
	}
	if a.Share.Link == nil || a.Share.Link.Customers != 2 || a.ShareContents() != "Aggregates and 2 customer rows" {
		t.Fatalf("link %+v", a.Share.Link)
	}

	// too large with the rows: leave them out
	a.NewShareLink()
	h.share.uploadErr = &HTTPError{Status: 413, Message: "report larger than 5242880 bytes"}
	a.StartShare()
	id, _ = h.lastQuery()
	a.OnMessage(Message{Type: "answer", ID: id, Result: `{"total":1,"offset":0,"customers":[{"id":1,"name":"x","orders":0,"spend":0,"currency":"","kinds":[]}]}`})
	h.flush()
	if a.Share.Err != "share.err.tooLargeRows" {
		t.Fatalf("413 with rows: %q", a.Share.Err)
	}
	h.share.uploadErr = nil

	// the worker fails to answer
	a.StartShare()
	id, _ = h.lastQuery()
	a.OnMessage(Message{Type: "error", ID: id, Message: "session gone"})
	if a.Share.Busy || a.Share.Err != "share.err.rows" || a.Share.ErrDetail != "session gone" || a.Share.Link != nil {
		t.Fatalf("rows error: %+v", a.Share)
	}
	if a.Notice != "" {
		t.Fatal("the rows error went to the page's banner")
	}
}

func TestShareErrors(t *testing.T) {
	cases := []struct {
		err    error
		key    string
		detail string
	}{
		{&HTTPError{Status: 413, Message: "report larger than 5242880 bytes"}, "share.err.tooLarge", "report larger than 5242880 bytes"},
		{&HTTPError{Status: 429, Message: "too many requests"}, "share.err.rate", ""},
		{&HTTPError{Status: 404, Message: "not found"}, "share.err.unavailable", "not found"},
		{&HTTPError{Status: 500, Message: "storage unavailable"}, "share.err.server", "HTTP 500: storage unavailable"},
		{&NetworkError{Err: "TypeError: Failed to fetch"}, "share.err.network", "TypeError: Failed to fetch"},
		{ErrNoCrypto, "share.err.crypto", ""},
	}
	for _, c := range cases {
		a, h := analysed(t)
		h.share.uploadErr = c.err
		a.OpenShare()
		a.StartShare()
		h.flush()
		if a.Share.Err != c.key || a.Share.ErrDetail != c.detail || a.Share.Busy || a.Share.Link != nil {
			t.Errorf("%v: err %q detail %q", c.err, a.Share.Err, a.Share.ErrDetail)
		}
		// and a retry works
		h.share.uploadErr = nil
		a.StartShare()
		h.flush()
		if a.Share.Link == nil || a.Share.Err != "" {
			t.Errorf("%v: retry failed", c.err)
		}
	}
	// an answer without a usable id is an error, not a broken link
	a, h := analysed(t)
	a.OpenShare()
	a.StartShare()
	a.uploaded(Upload{ID: "../../x", Key: make([]byte, 32)}, 0, nil)
	if a.Share.Link != nil || a.Share.Err != "share.err.internal" {
		t.Fatalf("bad id: %+v", a.Share)
	}
	_ = h
	for _, k := range ShareErrors {
		for lang, cat := range catalogs {
			if cat[k] == "" {
				t.Errorf("%s: missing %q", lang, k)
			}
		}
	}
	for _, r := range ViewerErrors {
		for _, part := range []string{".title", ".text"} {
			for lang, cat := range catalogs {
				if cat["viewer."+r+part] == "" {
					t.Errorf("%s: missing %q", lang, "viewer."+r+part)
				}
			}
		}
	}
	for _, o := range shareTTLs {
		for lang, cat := range catalogs {
			if cat[o.Key] == "" {
				t.Errorf("%s: missing %q", lang, o.Key)
			}
		}
	}
}

func TestShareCopyAndDelete(t *testing.T) {
	a, h := analysed(t)
	a.Origin = "https://qalb.test/"
	id, _ := shared(t, a, h)
	a.CopyLink()
	h.flush()
	if a.Share.Copied != "selected" || h.share.copies[0] != a.Share.Link.URL+" #share-link" {
		t.Fatalf("copy: %q %v", a.Share.Copied, h.share.copies)
	}
	h.share.copyOK = true
	a.CopyLink()
	h.flush()
	if a.Share.Copied != "copied" {
		t.Fatal("copied")
	}

	h.share.deleteErr = &HTTPError{Status: 500, Message: "storage unavailable"}
	a.DeleteLink()
	if !a.Share.Deleting {
		t.Fatal("deleting")
	}
	h.flush()
	if a.Share.Link.Deleted || a.Share.Err != "share.err.delete" || h.share.store[id] == nil {
		t.Fatalf("failed delete: %+v", a.Share)
	}
	h.share.deleteErr = nil
	a.DeleteLink()
	h.flush()
	if !a.Share.Link.Deleted || a.Share.Err != "" || a.Share.Deleting || h.share.store[id] != nil {
		t.Fatalf("delete: %+v", a.Share)
	}
	if a.TakeFocus() != "[data-testid=share-new]" {
		t.Fatal("focus after delete")
	}
	n := len(h.share.deletes)
	a.DeleteLink() // once is enough
	a.CopyLink()
	if len(h.share.deletes) != n || len(h.share.pending) != 0 {
		t.Fatal("a deleted link was deleted or copied again")
	}
	// a link that expired meanwhile counts as deleted
	shared(t, a, h)
	for k := range h.share.store {
		delete(h.share.store, k)
	}
	a.DeleteLink()
	h.flush()
	if !a.Share.Link.Deleted || a.Share.Err != "" {
		t.Fatalf("404 on delete: %+v", a.Share)
	}
}

// viewer opens a page on a link, as main_wasm.go does at start-up.
func viewer(t *testing.T, h *fakeHost, path, hash string) *App {
	t.Helper()
	a := NewApp(h, "en")
	a.Loc = time.UTC
	if a.Start(path, hash) {
		t.Fatal("the viewer asked for the engine")
	}
	return a
}

func TestViewer(t *testing.T) {
	a, h := analysed(t)
	a.Origin = "https://qalb.test"
	id, key := shared(t, a, h)
	want := reportNumbers(a.Report)

	v := viewer(t, h, "/r/"+id, "#"+key)
	if v.Page != PageShared || !v.Viewer.Loading || v.Report != nil {
		t.Fatalf("while loading: page %q", v.Page)
	}
	h.flush()
	if v.Page != PageOverview || v.Viewer.Err != "" || v.Report == nil {
		t.Fatalf("page %q err %q %q", v.Page, v.Viewer.Err, v.Viewer.ErrDetail)
	}
	if got := reportNumbers(v.Report); got != want {
		t.Fatalf("numbers %v, the sharer's %v", got, want)
	}
	if h.lastHash() != "#"+key {
		t.Fatalf("hash %q: the key must stay in the fragment", h.lastHash())
	}
	if v.CanShare() || !v.ReadOnly() || v.HomeHref() != "/" || v.Title() != "Shared report · Qalb" {
		t.Fatal("the viewer is read-only")
	}
	if v.ViewerExpiry() != "expires 7 Jan 2026 14:03" {
		t.Fatalf("expiry %q", v.ViewerExpiry())
	}
	var pages []string
	for _, n := range v.Nav() {
		pages = append(pages, n.Page)
	}
	if strings.Join(pages, ",") != "overview,sources,quality" {
		t.Fatalf("nav %v: no customers without rows", pages)
	}
	if v.Href(PageSources) != "#"+key+"/sources" || v.Href(PageOverview) != "#"+key {
		t.Fatalf("href %q", v.Href(PageSources))
	}
	v.Go(PageSources)
	if v.Page != PageSources || h.lastHash() != "#"+key+"/sources" {
		t.Fatalf("sources: %q %q", v.Page, h.lastHash())
	}
	v.GoHash("#" + key + "/quality") // back/forward
	if v.Page != PageQuality {
		t.Fatal("quality")
	}
	v.GoHash("#" + key + "/customers")
	if v.Page != PageOverview {
		t.Fatal("customers without rows")
	}
	v.GoHash("#" + key + "/customer/3")
	if v.Page != PageOverview {
		t.Fatal("a customer page in the viewer")
	}
	// nothing of the analysis runs in the viewer
	n := len(h.analyzed) + len(h.queries)
	v.AddFiles([]*InputFile{{Name: "x.csv"}})
	v.Analyze()
	v.StartDemo()
	v.OpenShare()
	v.StartShare()
	v.OpenCustomer(1)
	if len(v.Files) != 0 || len(h.analyzed)+len(h.queries) != n || v.Share.Open || h.demo != nil {
		t.Fatal("the viewer started something")
	}

	// opened on a page
	v = viewer(t, h, "/r/"+id+"/", "#"+key+"/quality")
	h.flush()
	if v.Page != PageQuality {
		t.Fatalf("opened on quality: %q", v.Page)
	}
}

type numbers struct {
	customers, orders int
	revenue           string
	period            report.Period
}

func reportNumbers(r *report.Report) numbers {
	var rev []string
	for _, m := range r.Orders.Revenue {
		b, _ := json.Marshal(m)
		rev = append(rev, string(b))
	}
	return numbers{r.Customers.Total, r.Orders.Orders, strings.Join(rev, ","), r.Period}
}

func TestViewerCustomerRows(t *testing.T) {
	a, h := analysed(t)
	a.Origin = "https://qalb.test"
	a.OpenShare()
	a.SetShareCustomers(true)
	a.StartShare()
	qid, _ := h.lastQuery()
	a.OnMessage(Message{Type: "answer", ID: qid, Result: `{"total":1,"offset":0,"customers":[{"id":0,"name":"Sara","email":"s@example.com","orders":1,"spend":5,"currency":"SAR","kinds":["orders"]}]}`})
	h.flush()
	m := linkRE.FindStringSubmatch(a.Share.Link.URL)
	v := viewer(t, h, "/r/"+m[1], "#"+m[2]+"/customers")
	h.flush()
	if v.Page != PageCustomers || len(v.Viewer.Customers) != 1 || v.Viewer.Customers[0].Email != "s@example.com" {
		t.Fatalf("rows page %q %+v", v.Page, v.Viewer.Customers)
	}
	nav := v.Nav()
	if len(nav) != 4 || nav[1].Page != PageCustomers || nav[1].Count != "1" {
		t.Fatalf("nav %+v", nav)
	}
	if !strings.Contains(v.ViewerContents(), "1 customer rows") {
		t.Fatalf("contents %q", v.ViewerContents())
	}
	if v.CustLoading || len(h.queries) != 1 {
		t.Fatal("the viewer queried a worker")
	}
}

func TestViewerErrors(t *testing.T) {
	a, h := analysed(t)
	a.Origin = "https://qalb.test"
	id, key := shared(t, a, h)
	otherKey := EncodeKey(bytes.Repeat([]byte{7}, 32))
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	var saved []byte
	cases := []struct {
		name, path, hash, reason string
		setup, undo              func()
	}{
		{"no id", "/r/", "#" + key, "badlink", nil, nil},
		{"short id", "/r/abc", "#" + key, "badlink", nil, nil},
		{"no key", "/r/" + id, "", "nokey", nil, nil},
		{"empty key", "/r/" + id, "#", "nokey", nil, nil},
		{"short key", "/r/" + id, "#" + key[:20], "key", nil, nil},
		{"key with a bad character", "/r/" + id, "#" + key[:10] + "*" + key[11:], "key", nil, nil},
		{"another key", "/r/" + id, "#" + otherKey, "key", nil, nil},
		{"one character of the key changed", "/r/" + id, "#" + flip(key, 5), "key", nil, nil},
		{"tampered ciphertext", "/r/" + id, "#" + key, "key",
			func() { h.share.store[id].body[20] ^= 1 }, func() { h.share.store[id].body[20] ^= 1 }},
		{"truncated ciphertext", "/r/" + id, "#" + key, "key",
			func() { saved = h.share.store[id].body; h.share.store[id].body = saved[:20] }, func() { h.share.store[id].body = saved }},
		{"unknown id (expired or deleted)", "/r/" + flip(id, 3), "#" + key, "gone", nil, nil},
		{"network", "/r/" + id, "#" + key, "network", func() { h.share.openErr = &NetworkError{Err: "offline"} }, func() { h.share.openErr = nil }},
		{"rate", "/r/" + id, "#" + key, "rate", func() { h.share.openErr = &HTTPError{Status: 429} }, func() { h.share.openErr = nil }},
		{"server", "/r/" + id, "#" + key, "server", func() { h.share.openErr = &HTTPError{Status: 503} }, func() { h.share.openErr = nil }},
		{"no WebCrypto", "/r/" + id, "#" + key, "crypto", func() { h.share.openErr = ErrNoCrypto }, func() { h.share.openErr = nil }},
	}
	for _, c := range cases {
		if c.setup != nil {
			c.setup()
		}
		v := viewer(t, h, c.path, c.hash)
		h.flush()
		if v.Viewer.Err != c.reason || v.Page != PageShared || v.Report != nil || v.Viewer.Loading {
			t.Errorf("%s: reason %q page %q", c.name, v.Viewer.Err, v.Page)
		}
		if v.ViewerTitle() == "" || strings.Contains(v.ViewerText(), "{0}") {
			t.Errorf("%s: message %q / %q", c.name, v.ViewerTitle(), v.ViewerText())
		}
		if c.undo != nil {
			c.undo()
		}
	}

	// a payload this version cannot read
	key2 := make([]byte, 32)
	rand.Read(key2)
	for _, body := range []string{`{"version":2,"report":{}}`, `{"version":1}`, `not json`} {
		h.share.store[id] = &fakeRecord{body: seal(key2, []byte(body))}
		v := viewer(t, h, "/r/"+id, "#"+EncodeKey(key2))
		h.flush()
		if v.Viewer.Err != "payload" {
			t.Errorf("%s: reason %q", body, v.Viewer.Err)
		}
	}

	// the key corrected in the address bar opens the report
	v := viewer(t, h, "/r/"+id, "#"+otherKey)
	h.flush()
	if v.Viewer.Err != "key" {
		t.Fatal(v.Viewer.Err)
	}
	h.share.store[id] = &fakeRecord{body: seal(key2, []byte(`{"version":1,"report":{"version":1}}`))}
	v.GoHash("#" + EncodeKey(key2))
	h.flush()
	if v.Viewer.Err != "" || v.Page != PageOverview {
		t.Fatalf("after fixing the key: %q %q", v.Viewer.Err, v.Page)
	}
	// an answer for a link that is no longer open is dropped
	v.GoHash("#" + otherKey)
	v.GoHash("#" + EncodeKey(key2))
	h.flush()
	if v.Viewer.Err != "" || v.Report == nil {
		t.Fatalf("stale answer taken: %q", v.Viewer.Err)
	}
}

func TestStartApp(t *testing.T) {
	h := &fakeHost{}
	a := NewApp(h, "en")
	if !a.Start("/", "#/overview") || a.Page != PageLanding || a.Viewer != nil {
		t.Fatal("the app at /")
	}
	for _, p := range []string{"/r", "/r/", "/r/x/y"} {
		if !IsSharePath(p) {
			t.Errorf("%s is the viewer's", p)
		}
	}
	for _, p := range []string{"/", "/report", "/rx", "/index.html"} {
		if IsSharePath(p) {
			t.Errorf("%s is not the viewer's", p)
		}
	}
}

func TestDateTime(t *testing.T) {
	at := time.Date(2026, 3, 5, 9, 7, 0, 0, time.UTC)
	en := &App{Lang: "en", Loc: time.UTC}
	ar := &App{Lang: "ar", Loc: time.FixedZone("AST", 3*3600)}
	if got := en.DateTime(at); got != "5 Mar 2026 09:07" {
		t.Error(got)
	}
	if got := ar.DateTime(at); got != "٥ مارس ٢٠٢٦ ١٢:٠٧" {
		t.Error(got)
	}
}

func TestShareKeys(t *testing.T) {
	k := make([]byte, 32)
	rand.Read(k)
	s := EncodeKey(k)
	if len(s) != 43 || strings.ContainsAny(s, "+/=") {
		t.Fatalf("key %q", s)
	}
	for _, in := range []string{s, s + "=", " " + s + "\n"} {
		if got, err := DecodeKey(in); err != nil || !bytes.Equal(got, k) {
			t.Errorf("%q: %v", in, err)
		}
	}
	for _, bad := range []string{"", s[:42], s + "A", strings.ReplaceAll(s, s[:1], "+"), EncodeKey(k[:16])} {
		if _, err := DecodeKey(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if !ValidShareID(randomID(16)) || ValidShareID(randomID(15)) || ValidShareID("abcdefghijklmnopqrstu.") {
		t.Error("ids")
	}
}
