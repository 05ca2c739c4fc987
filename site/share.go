package main

// Sharing a report, and the read-only viewer of a shared one.
//
// Sharing: the dialog (share-dialog.vugu) builds the payload
//
//	{"version":1,"report":<report.ShareView(report, report.MinGroup)>,"customers":[…]}
//
// ("customers" only when the user ticks "Include per-customer rows": at
// most ShareRowsMax rows asked of the worker, highest spend first). The host
// encrypts it with AES-GCM-256 under a fresh WebCrypto key, a random 96-bit
// IV prepended to the ciphertext, and POSTs only those bytes to
// /api/reports?ttl=SECONDS. The link is <origin>/r/<id>#<key>, the key in
// base64url without padding: it lives only in the #fragment, which browsers
// never send to a server.
//
// Viewing: a page opened at /r/<id> is the viewer (App.Start). It fetches
// /api/reports/<id>, decrypts it in the page with the key from the
// fragment and shows the report with the overview, sources and quality
// pages, read-only; customer rows, when the payload has them, in a plain
// table. The engine worker is not started. Inside the viewer the fragment
// stays "<key>" or "<key>/<page>", so the key is never lost from the
// address bar and back/forward still work.

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine/report"
)

// PageShared is the viewer's page while a shared report loads, or when it
// cannot be shown.
const PageShared = "shared"

// ShareVersion is the version of the shared payload.
const ShareVersion = 1

// ShareRowsMax is the most customer rows a shared link carries.
const ShareRowsMax = 500

// DefaultShareTTL is the expiry the dialog starts with: 7 days.
const DefaultShareTTL = 7 * 24 * 3600

// shareTTLs are the expiry choices, in seconds, with their labels.
var shareTTLs = []struct {
	Seconds int
	Key     string
}{
	{3600, "share.ttl.hour"},
	{24 * 3600, "share.ttl.day"},
	{7 * 24 * 3600, "share.ttl.week"},
	{30 * 24 * 3600, "share.ttl.month"},
}

// SharePayload is what a shared link holds, before encryption.
type SharePayload struct {
	Version   int              `json:"version"`
	Report    *report.Report   `json:"report"`
	Customers []SharedCustomer `json:"customers,omitempty"`
}

// SharedCustomer is one customer row of a shared link (only when the user
// chose to include them). The engine's internal id is not shared.
type SharedCustomer struct {
	Name     string   `json:"name"`
	Email    string   `json:"email,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Company  string   `json:"company,omitempty"`
	Country  string   `json:"country,omitempty"`
	City     string   `json:"city,omitempty"`
	Orders   int      `json:"orders"`
	Spend    float64  `json:"spend"`
	Currency string   `json:"currency,omitempty"`
	LastSeen string   `json:"lastSeen,omitempty"`
	Kinds    []string `json:"kinds,omitempty"`
}

// Upload is what the host reports after storing a shared report: the
// share API's answer and the key the ciphertext was sealed with.
type Upload struct {
	ID          string
	DeleteToken string
	Expires     string // RFC 3339
	Key         []byte // 32 bytes, AES-256
}

// HTTPError is an answer of the share API other than success.
type HTTPError struct {
	Status  int
	Message string // the API's {"error": …}, when it sent one
}

func (e *HTTPError) Error() string {
	if e.Message != "" {
		return fmt.Sprintf("HTTP %d: %s", e.Status, e.Message)
	}
	return fmt.Sprintf("HTTP %d", e.Status)
}

// NetworkError is a request that got no answer at all.
type NetworkError struct{ Err string }

func (e *NetworkError) Error() string { return "network error: " + e.Err }

// ErrDecrypt: the ciphertext does not open with the key (a wrong or altered
// key, or altered or truncated ciphertext: AES-GCM cannot tell them apart).
var ErrDecrypt = errors.New("the report does not decrypt with this key")

// ErrNoCrypto: WebCrypto is missing (browsers offer it only to secure
// contexts: https or localhost).
var ErrNoCrypto = errors.New("WebCrypto is not available")

// ShareState is the share dialog.
type ShareState struct {
	Open      bool
	Customers bool // include per-customer rows
	TTL       int  // seconds
	Busy      bool
	Stage     string // "rows" while the worker collects rows, then "upload"
	Err       string // message key
	ErrDetail string // the server's words, shown as they are
	Link      *ShareLink
	Copied    string // "copied", or "selected" when the clipboard refused
	Deleting  bool
	Uploaded  bool // a link of this report was made: something left the tab
	rowsQuery int  // the worker query for customer rows
}

// ShareLink is a link this tab made.
type ShareLink struct {
	URL       string
	ID        string
	Expires   time.Time
	Customers int  // customer rows in it
	Deleted   bool // deleted from this tab
	token     string
}

// Viewer is the state of a page opened on a shared link.
type Viewer struct {
	ID         string
	Loading    bool
	Err        string // why it cannot be shown: see ViewerErrors
	ErrDetail  string
	Expires    time.Time
	Customers  []SharedCustomer
	Suppressed int // breakdown rows left out for being small groups
	MinGroup   int

	key  string // the key as the link spells it
	path string
	page string // the page asked for in the fragment
}

// ViewerErrors are the reasons a shared link cannot be shown.
var ViewerErrors = []string{"badlink", "nokey", "key", "gone", "network", "rate", "server", "payload", "crypto"}

// --- links and keys ---

// EncodeKey spells a key as the link carries it: base64url, no padding.
func EncodeKey(key []byte) string { return base64.RawURLEncoding.EncodeToString(key) }

// DecodeKey reads the key of a link: 32 bytes in base64url (padding, if
// someone added it, is ignored).
func DecodeKey(s string) ([]byte, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "=")
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, err
	}
	if len(b) != 32 {
		return nil, fmt.Errorf("key of %d bytes, want 32", len(b))
	}
	return b, nil
}

// ValidShareID accepts the ids the share API makes: 16 bytes in base64url.
func ValidShareID(id string) bool {
	if len(id) != 22 {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(id)
	return err == nil && len(b) == 16
}

// SharePath is the path of the viewer for a report id.
func SharePath(id string) string { return "/r/" + id }

// IsSharePath says whether a page path belongs to the viewer (/r/…).
func IsSharePath(p string) bool { return p == "/r" || strings.HasPrefix(p, "/r/") }

// splitFragment reads "#<key>" or "#<key>/<page>".
func splitFragment(hash string) (key, page string) {
	h := strings.TrimPrefix(hash, "#")
	key, page, _ = strings.Cut(h, "/")
	return key, page
}

// --- start-up ---

// Start shows the page the browser opened: the viewer for /r/<id>, else
// the app at the URL's hash. It says whether the engine worker is needed
// (the viewer never runs an analysis).
func (a *App) Start(pathname, hash string) bool {
	if IsSharePath(pathname) {
		a.OpenSharedLink(pathname, hash)
		return false
	}
	a.GoHash(hash)
	return true
}

// OpenSharedLink opens a shared report: pathname /r/<id>, hash #<key>.
func (a *App) OpenSharedLink(pathname, hash string) {
	key, page := splitFragment(hash)
	id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(pathname, "/r"), "/"), "/")
	v := &Viewer{ID: id, key: key, path: pathname, page: page}
	a.Viewer = v
	a.Report, a.ReportJSON = nil, ""
	a.Notice, a.NoticeAt, a.ErrText = "", "", ""
	a.Page = PageShared
	switch {
	case !ValidShareID(id):
		v.Err = "badlink"
		return
	case key == "":
		v.Err = "nokey"
		return
	}
	raw, err := DecodeKey(key)
	if err != nil {
		v.Err = "key"
		return
	}
	if a.Host == nil {
		return
	}
	v.Loading = true
	a.Host.OpenShared(id, raw, func(plain []byte, expires string, err error) {
		if a.Viewer != v { // another link was opened meanwhile
			return
		}
		a.sharedLoaded(plain, expires, err)
	})
}

// sharedLoaded shows a decrypted payload; the caller holds the render lock.
func (a *App) sharedLoaded(plain []byte, expires string, err error) {
	v := a.Viewer
	v.Loading = false
	if err != nil {
		v.Err, v.ErrDetail = viewerReason(err)
		return
	}
	var p SharePayload
	if err := json.Unmarshal(plain, &p); err != nil || p.Version != ShareVersion || p.Report == nil {
		v.Err = "payload"
		if err == nil {
			v.ErrDetail = fmt.Sprintf("version %d", p.Version)
		}
		return
	}
	if t, err := time.Parse(time.RFC3339, expires); err == nil {
		v.Expires = t
	}
	v.Customers = p.Customers
	if s := p.Report.Shared; s != nil {
		v.Suppressed, v.MinGroup = s.Suppressed, s.MinGroup
	}
	a.Report = p.Report
	a.goViewer(v.page)
}

func viewerReason(err error) (reason, detail string) {
	var he *HTTPError
	var ne *NetworkError
	switch {
	case errors.Is(err, ErrDecrypt):
		return "key", ""
	case errors.Is(err, ErrNoCrypto):
		return "crypto", ""
	case errors.As(err, &ne):
		return "network", ne.Err
	case errors.As(err, &he):
		switch he.Status {
		case 404, 410:
			return "gone", ""
		case 400:
			return "badlink", ""
		case 429:
			return "rate", ""
		}
		return "server", strconv.Itoa(he.Status)
	}
	return "server", err.Error()
}

// goViewer shows a page of the shared report and records it in the fragment.
func (a *App) goViewer(page string) {
	v := a.Viewer
	if a.Report == nil {
		a.Page = PageShared
		return
	}
	switch page {
	case PageSources, PageQuality:
		if len(a.Report.Sources) == 0 {
			page = PageOverview
		}
	case PageCustomers:
		if len(v.Customers) == 0 {
			page = PageOverview
		}
	case PageFeedback, PageSentiment, PageSegments, PagePredictions, PageBehaviour:
		if !a.hasPage(page) {
			page = PageOverview
		}
	default:
		page = PageOverview
	}
	a.Page, v.page = page, page
	if a.Host != nil {
		a.Host.Navigate(a.hashFor(page))
	}
}

// viewerHash follows the fragment inside the viewer: another key opens the
// report again, the same key moves between pages.
func (a *App) viewerHash(hash string) {
	v := a.Viewer
	key, page := splitFragment(hash)
	if key != v.key || (v.Err != "" && !v.Loading) {
		a.OpenSharedLink(v.path, hash)
		return
	}
	if v.Loading {
		v.page = page
		return
	}
	if page == "" {
		page = PageOverview
	}
	if page == a.Page {
		return
	}
	a.goViewer(page)
}

// ReadOnly says whether the report is a shared one (no edits, no re-run).
func (a *App) ReadOnly() bool { return a.Viewer != nil }

// Href is the link to a page of the report: "#/sources" in the app,
// "#<key>/sources" in the viewer.
func (a *App) Href(page string) string { return a.hashFor(page) }

// HomeHref is where the brand in the top bar leads: the landing page, or
// from a shared report the app's own start page.
func (a *App) HomeHref() string {
	if a.Viewer != nil {
		return "/"
	}
	return "#/"
}

// Title is the document's title.
func (a *App) Title() string {
	if a.Viewer != nil {
		return a.T("viewer.docTitle")
	}
	return a.T("app.title")
}

// PrivacyNote is the line at the foot of the navigation.
func (a *App) PrivacyNote() string {
	if a.Viewer != nil {
		return a.T("viewer.privacy")
	}
	if a.Share.Uploaded {
		return a.T("privacy.shared")
	}
	return a.T("privacy.short")
}

// ViewerTitle and ViewerText explain why a shared report cannot be shown.
func (a *App) ViewerTitle() string {
	switch a.Viewer.Err {
	case "badlink":
		return a.T("viewer.badlink.title")
	case "nokey":
		return a.T("viewer.nokey.title")
	case "key":
		return a.T("viewer.key.title")
	case "gone":
		return a.T("viewer.gone.title")
	case "network":
		return a.T("viewer.network.title")
	case "rate":
		return a.T("viewer.rate.title")
	case "payload":
		return a.T("viewer.payload.title")
	case "crypto":
		return a.T("viewer.crypto.title")
	}
	return a.T("viewer.server.title")
}

// ViewerText is the explanation under ViewerTitle.
func (a *App) ViewerText() string {
	switch a.Viewer.Err {
	case "badlink":
		return a.T("viewer.badlink.text")
	case "nokey":
		return a.T("viewer.nokey.text")
	case "key":
		return a.T("viewer.key.text")
	case "gone":
		return a.T("viewer.gone.text")
	case "network":
		return a.T("viewer.network.text")
	case "rate":
		return a.T("viewer.rate.text")
	case "payload":
		return a.T("viewer.payload.text")
	case "crypto":
		return a.T("viewer.crypto.text")
	}
	return a.Tf("viewer.server.text", a.Viewer.ErrDetail)
}

// ViewerExpiry is the banner's "expires …" text.
func (a *App) ViewerExpiry() string {
	if a.Viewer == nil || a.Viewer.Expires.IsZero() {
		return ""
	}
	return a.Tf("viewer.expires", a.DateTime(a.Viewer.Expires))
}

// ViewerContents describes what the shared report holds.
func (a *App) ViewerContents() string {
	v := a.Viewer
	if v == nil {
		return ""
	}
	min := v.MinGroup
	if min == 0 {
		min = report.MinGroup
	}
	if n := len(v.Customers); n > 0 {
		return a.Tf("viewer.aggregatesRows", a.Num(min), a.Num(n))
	}
	return a.Tf("viewer.aggregates", a.Num(min))
}

// DateTime formats an instant in the reader's time zone: "7 Jan 2026 14:03".
func (a *App) DateTime(t time.Time) string {
	loc := a.Loc
	if loc == nil {
		loc = time.Local
	}
	t = t.In(loc)
	return a.localDigits(strconv.Itoa(t.Day())) + " " + a.MonthName(t.Month(), a.Lang != "ar") + " " +
		a.localDigits(strconv.Itoa(t.Year())) + " " + a.localDigits(fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute()))
}

// --- the share dialog ---

// CanShare says whether the Share button is offered.
func (a *App) CanShare() bool { return a.Report != nil && a.Viewer == nil && a.RunID == 0 }

// OpenShare opens the share dialog (showing the last link, if this report
// has one).
func (a *App) OpenShare() {
	if !a.CanShare() {
		return
	}
	if a.Share.TTL == 0 {
		a.Share.TTL = DefaultShareTTL
	}
	a.Share.Open = true
	a.Share.Err, a.Share.ErrDetail = "", ""
	a.focus = "#share-dialog"
}

// CloseShare closes the dialog; not while a link is being made.
func (a *App) CloseShare() {
	if !a.Share.Open || a.Share.Busy {
		return
	}
	a.Share.Open = false
	a.Share.Copied = ""
	a.focus = "[data-testid=share-open]"
}

// SetShareCustomers ticks or unticks "Include per-customer rows".
func (a *App) SetShareCustomers(on bool) {
	if a.Share.Busy {
		return
	}
	a.Share.Customers = on
}

// SetShareTTL picks the expiry (seconds, as the select's value).
func (a *App) SetShareTTL(v string) {
	n, err := strconv.Atoi(v)
	if err != nil || a.Share.Busy {
		return
	}
	for _, t := range shareTTLs {
		if t.Seconds == n {
			a.Share.TTL = n
		}
	}
}

// ShareTTLValue is the select's value.
func (a *App) ShareTTLValue() string {
	if a.Share.TTL == 0 {
		return strconv.Itoa(DefaultShareTTL)
	}
	return strconv.Itoa(a.Share.TTL)
}

// Option is one choice of a select.
type Option struct {
	Value string
	Label string
}

// ShareTTLOptions are the expiry choices.
func (a *App) ShareTTLOptions() []Option {
	out := make([]Option, len(shareTTLs))
	for i, t := range shareTTLs {
		out[i] = Option{Value: strconv.Itoa(t.Seconds), Label: a.T(t.Key)}
	}
	return out
}

// ShareRowsOffered is how many customer rows "Include per-customer rows"
// would put in the link.
func (a *App) ShareRowsOffered() int {
	if a.Report == nil {
		return 0
	}
	return min(a.Report.Customers.Total, ShareRowsMax)
}

// StartShare makes a link: asks the worker for customer rows if they are
// wanted, then has the host encrypt and upload the payload.
func (a *App) StartShare() {
	if !a.CanShare() || a.Share.Busy || a.Host == nil {
		return
	}
	if a.Share.TTL == 0 {
		a.Share.TTL = DefaultShareTTL
	}
	a.Share.Err, a.Share.ErrDetail, a.Share.Copied = "", "", ""
	a.Share.Busy = true
	if a.Share.Customers && a.ShareRowsOffered() > 0 {
		a.Share.Stage = "rows"
		a.Share.rowsQuery = a.newID()
		a.Host.Query(a.Share.rowsQuery, CustomerQuery{What: "customers", Sort: "spend", Limit: ShareRowsMax})
		return
	}
	a.upload(nil)
}

// shareRows takes the worker's answer to the rows query.
func (a *App) shareRows(m Message) {
	a.Share.rowsQuery = 0
	if m.Type == "error" {
		a.Share.Busy, a.Share.Stage = false, ""
		a.Share.Err, a.Share.ErrDetail = "share.err.rows", m.Message
		return
	}
	var p CustomerPage
	if err := json.Unmarshal([]byte(m.Result), &p); err != nil {
		a.Share.Busy, a.Share.Stage = false, ""
		a.Share.Err, a.Share.ErrDetail = "share.err.rows", err.Error()
		return
	}
	rows := p.Customers
	if len(rows) > ShareRowsMax {
		rows = rows[:ShareRowsMax]
	}
	if rows == nil {
		rows = []CustomerRow{}
	}
	a.upload(rows)
}

// SharePayloadJSON is the plaintext of a link: the report's share view and,
// when given (not nil), the customer rows.
func (a *App) SharePayloadJSON(rows []CustomerRow) ([]byte, error) {
	if a.Report == nil {
		return nil, errors.New("no report")
	}
	p := SharePayload{Version: ShareVersion, Report: report.ShareView(a.Report, report.MinGroup)}
	if rows != nil {
		p.Customers = make([]SharedCustomer, len(rows))
		for i, r := range rows {
			p.Customers[i] = SharedCustomer{
				Name: r.Name, Email: r.Email, Phone: r.Phone, Company: r.Company, Country: r.Country,
				City: r.City, Orders: r.Orders, Spend: r.Spend, Currency: r.Currency, LastSeen: r.LastSeen,
				Kinds: r.Kinds,
			}
		}
	}
	return json.Marshal(p)
}

func (a *App) upload(rows []CustomerRow) {
	plain, err := a.SharePayloadJSON(rows)
	if err != nil {
		a.Share.Busy, a.Share.Stage = false, ""
		a.Share.Err, a.Share.ErrDetail = "share.err.internal", err.Error()
		return
	}
	a.Share.Stage = "upload"
	n := len(rows)
	a.Host.UploadShared(plain, a.Share.TTL, func(up Upload, err error) { a.uploaded(up, n, err) })
}

// uploaded takes the host's answer; the caller holds the render lock.
func (a *App) uploaded(up Upload, rows int, err error) {
	a.Share.Busy, a.Share.Stage = false, ""
	if err == nil && (!ValidShareID(up.ID) || len(up.Key) != 32) {
		err = fmt.Errorf("unexpected answer from the server (id %q)", up.ID)
	}
	if err != nil {
		a.Share.Err, a.Share.ErrDetail = shareReason(err)
		if a.Share.Err == "share.err.tooLarge" && rows > 0 {
			a.Share.Err = "share.err.tooLargeRows"
		}
		return
	}
	l := &ShareLink{
		URL:       strings.TrimSuffix(a.Origin, "/") + SharePath(up.ID) + "#" + EncodeKey(up.Key),
		ID:        up.ID,
		Customers: rows,
		token:     up.DeleteToken,
	}
	if t, err := time.Parse(time.RFC3339, up.Expires); err == nil {
		l.Expires = t
	}
	a.Share.Link = l
	a.Share.Uploaded = true
	a.focus = "#share-copy"
}

// shareReason is the message key (and detail) for a failed share or delete.
func shareReason(err error) (key, detail string) {
	var he *HTTPError
	var ne *NetworkError
	switch {
	case errors.Is(err, ErrNoCrypto):
		return "share.err.crypto", ""
	case errors.As(err, &ne):
		return "share.err.network", ne.Err
	case errors.As(err, &he):
		switch he.Status {
		case 413:
			return "share.err.tooLarge", he.Message
		case 429:
			return "share.err.rate", ""
		case 404, 405, 501:
			return "share.err.unavailable", he.Message
		}
		return "share.err.server", he.Error()
	}
	return "share.err.internal", err.Error()
}

// ShareErrors are the message keys shareReason gives (for the catalog test).
var ShareErrors = []string{"share.err.crypto", "share.err.network", "share.err.tooLarge", "share.err.tooLargeRows", "share.err.rate",
	"share.err.unavailable", "share.err.server", "share.err.internal", "share.err.rows", "share.err.delete"}

// CopyLink copies the link; when the clipboard refuses, the host selects
// the link's text so the user can copy it.
func (a *App) CopyLink() {
	l := a.Share.Link
	if l == nil || l.Deleted || a.Host == nil {
		return
	}
	a.Share.Copied = ""
	a.Host.CopyText(l.URL, "#share-link", func(ok bool) {
		if a.Share.Link != l {
			return
		}
		if ok {
			a.Share.Copied = "copied"
		} else {
			a.Share.Copied = "selected"
		}
	})
}

// DeleteLink deletes the link from the server now.
func (a *App) DeleteLink() {
	l := a.Share.Link
	if l == nil || l.Deleted || a.Share.Deleting || a.Host == nil {
		return
	}
	a.Share.Deleting = true
	a.Share.Err, a.Share.ErrDetail, a.Share.Copied = "", "", ""
	a.Host.DeleteShared(l.ID, l.token, func(err error) {
		a.Share.Deleting = false
		var he *HTTPError
		if err == nil || (errors.As(err, &he) && he.Status == 404) {
			l.Deleted = true // a 404: it had expired or was already deleted
			l.token = ""
			a.focus = "[data-testid=share-new]"
			return
		}
		key, detail := shareReason(err)
		if key == "share.err.server" || key == "share.err.internal" || key == "share.err.unavailable" {
			key = "share.err.delete"
		}
		a.Share.Err, a.Share.ErrDetail = key, detail
	})
}

// NewShareLink goes back from a link to the form, to make another.
func (a *App) NewShareLink() {
	if a.Share.Busy || a.Share.Deleting {
		return
	}
	a.Share.Link = nil
	a.Share.Err, a.Share.ErrDetail, a.Share.Copied = "", "", ""
	a.focus = "#share-dialog"
}

// resetShare forgets the dialog when the report changes.
func (a *App) resetShare() {
	a.Share = ShareState{TTL: DefaultShareTTL}
}

// ShareLinkExpiry is the link's expiry for the dialog.
func (a *App) ShareLinkExpiry() string {
	if a.Share.Link == nil || a.Share.Link.Expires.IsZero() {
		return ""
	}
	return a.DateTime(a.Share.Link.Expires)
}

// ShareContents describes what the made link holds.
func (a *App) ShareContents() string {
	l := a.Share.Link
	if l == nil || l.Customers == 0 {
		return a.T("share.contents.aggregates")
	}
	return a.Tf("share.contents.rows", a.Num(l.Customers))
}

// TakeFocus returns (once) the element to focus after the next render.
func (a *App) TakeFocus() string {
	s := a.focus
	a.focus = ""
	return s
}
