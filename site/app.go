// Command site is Qalb's browser UI: vugu components compiled to WebAssembly.
// It runs on the page's main thread, hands the user's files to the engine in
// a Web Worker (see docs/protocol.md) and renders the Report that comes back.
// Files are never read here; only a page of customers or one profile crosses
// from the worker at a time.
//
// The state lives in App; the .vugu components render it and call its
// methods. Everything that touches the browser (the worker, fetch,
// localStorage, location.hash, charts) is behind the Host interface, so the
// state machine is tested natively.
package main

//go:generate go tool vugugen -skip-go-mod -skip-main .
//go:generate go fmt .
//go:generate go run ./internal/vendorjs -o static/vugu-render.js

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

// Pages of the app. The hash of the URL names the page ("#/overview").
const (
	PageLanding   = "landing"
	PageProgress  = "progress"
	PageOverview  = "overview"
	PageCustomers = "customers"
	PageCustomer  = "customer"
	PageSources   = "sources"
	PageQuality   = "quality"
	// One page per analysis, shown when the report has its section.
	PageFeedback    = "feedback"
	PageSentiment   = "sentiment"
	PageSegments    = "segments"
	PagePredictions = "predictions"
	PageBehaviour   = "behaviour"
)

// InputFile is a file the user chose (or a demo file), as the UI knows it.
// Handle is the browser's File or Blob; it is only passed on to the worker.
type InputFile struct {
	Name   string
	Size   int64
	Handle any
}

// Host is the browser around the app: the engine worker and the page.
type Host interface {
	// Analyze starts an analysis; the answer arrives through App.OnMessage.
	Analyze(id int, files []*InputFile, mapping Mapping)
	Cancel(id int)
	// Query asks the worker's session a detail question.
	Query(id int, query any)
	// LoadDemo gets the demo files; done is called with the render lock
	// held, with the files or an error: inside LoadDemo when PrepareDemo
	// (or an earlier LoadDemo) fetched them already, else later.
	LoadDemo(done func(files []*InputFile, err error))
	// PrepareDemo starts fetching the demo files, when a visitor shows an
	// intent to try the demo (pointer over or focus on its button), so the
	// click finds them here. Never while an analysis runs. With ahead, the
	// host also starts analysing them once fetched, if DemoAhead still
	// holds then, and holds the engine's answers back: an Analyze of those
	// same files without a mapping (the click) takes that run over, with
	// what it said so far; any other Analyze drops it.
	PrepareDemo(ahead bool)
	// Navigate records the page in the URL (location.hash).
	Navigate(hash string)
	// SetLanguage sets <html lang dir> and remembers the choice.
	SetLanguage(lang string)

	// Sharing (share.go). Each done is called later, from any goroutine,
	// with the render lock held (as the host's update does).

	// UploadShared encrypts plain with a fresh AES-GCM-256 key (a random
	// 96-bit IV prepended to the ciphertext) and stores the ciphertext
	// for ttl seconds: POST /api/reports?ttl=….
	UploadShared(plain []byte, ttl int, done func(Upload, error))
	// DeleteShared deletes a stored report with its delete token.
	DeleteShared(id, token string, done func(error))
	// OpenShared fetches a stored report and decrypts it with key;
	// expires is the API's X-Report-Expires.
	OpenShared(id string, key []byte, done func(plain []byte, expires string, err error))
	// CopyText puts text on the clipboard; when that fails it selects the
	// text of the element at selector and reports false.
	CopyText(text, selector string, done func(ok bool))
}

// Progress is the last progress message of a running analysis.
type Progress struct {
	Stage      string  `json:"stage"`
	File       string  `json:"file"`
	Bytes      int64   `json:"bytes"`
	TotalBytes int64   `json:"totalBytes"`
	Rows       int64   `json:"rows"`
	ElapsedMs  float64 `json:"elapsedMs"`
	RowsPerSec float64 `json:"rowsPerSec"`
}

// CustomerQuery mirrors engine.CustomerQuery (a test keeps them in step);
// the UI does not import the engine package so the engine stays out of the
// UI's wasm binary.
type CustomerQuery struct {
	What     string `json:"what"`
	Text     string `json:"text,omitempty"`
	Country  string `json:"country,omitempty"`
	City     string `json:"city,omitempty"`
	Company  string `json:"company,omitempty"`
	Industry string `json:"industry,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Buyers   bool   `json:"buyers,omitempty"`
	NPS      string `json:"nps,omitempty"` // promoter, passive, detractor
	Sort     string `json:"sort,omitempty"`
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"`

	Segment json.RawMessage `json:"segment,omitempty"` // a segment rule (segments.go)
}

// CustomerPage mirrors engine.CustomerPage.
type CustomerPage struct {
	Total     int           `json:"total"`
	Offset    int           `json:"offset"`
	Customers []CustomerRow `json:"customers"`
	Error     string        `json:"error,omitempty"`
}

// CustomerRow mirrors engine.CustomerRow.
type CustomerRow struct {
	ID       int      `json:"id"`
	Name     string   `json:"name"`
	NameFrom string   `json:"nameFrom"`
	Email    string   `json:"email,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Company  string   `json:"company,omitempty"`
	Country  string   `json:"country,omitempty"`
	City     string   `json:"city,omitempty"`
	Orders   int      `json:"orders"`
	Spend    float64  `json:"spend"`
	Currency string   `json:"currency"`
	LastSeen string   `json:"lastSeen,omitempty"`
	Kinds    []string `json:"kinds"`
}

type customerQueryMsg struct {
	What     string `json:"what"`
	Customer int    `json:"customer"`
}

// PageSize is how many customers one page of the list shows.
const PageSize = 50

// App is the whole UI state. Components hold a pointer to it; every method
// that changes it runs under the render lock (vugu event handlers do; the
// host's callbacks take it).
type App struct {
	Host Host
	Lang string
	Page string

	Ready    bool   // the worker said hello
	Notice   string // a message key shown in a banner (translated)
	NoticeAt string // a detail for the banner (file:line), not translated
	ErrText  string // a message from the engine, shown as text

	Files       []*InputFile // chosen files, kept for re-runs
	Dragging    bool
	LoadingDemo bool

	nextID   int
	RunID    int // the running analysis, 0 when none
	Progress Progress
	// progressDrawn is when progress was last rendered (early.go Quiet).
	progressDrawn time.Time
	Cancelling    bool

	Report     *report.Report
	ReportJSON string
	// Early says Report is the engine's overview of the running analysis
	// (its summary, without the analyses' sections): the Overview page is
	// shown from it while the rest is computed; the other pages show the
	// progress until the result. before is the report it replaced, back on
	// a cancel or an error.
	Early      bool
	before     *report.Report
	beforeJSON string
	Mapping    Mapping                 // the mapping the current report was made with
	Draft      map[string]*FileMapping // edits on the sources page, by file

	Query       CustomerQuery
	queryID     int
	CustPage    *CustomerPage
	CustLoading bool

	CustomerID      int  // engine ids start at 0
	customerOpen    bool // CustomerID names a customer
	customerQueryID int
	Customer        *profile.Profile
	CustomerLoading bool

	// SaveFile offers data to the user as a downloaded file (a Blob URL
	// and <a download>; nil natively).
	SaveFile func(name, mime string, data []byte)
	// RegionName turns an ISO country code into a localised name; the
	// browser build uses Intl.DisplayNames. Nil: the code is shown.
	RegionName func(lang, code string) string

	Behave *BehaviourState // the behaviour page (behaviour.go)

	Share  ShareState // the share dialog
	Senti  SentiState // the sentiment page's drill-down (sentiment.go)
	Viewer *Viewer    // set on a page opened on a shared link (/r/<id>)
	Origin string     // the page's origin, for links ("https://qalb.example")
	Loc    *time.Location
	focus  string // selector of the element to focus after the next render

	charts *overviewMemo // the overview's charts of the current report (charts.go)

	Seg      SegmentsState // the segments page (segments.go)
	Feedback FeedbackState // the Feedback page's chosen survey and comments (feedback.go)
}

// NewApp makes the app in its first state.
func NewApp(h Host, lang string) *App {
	if lang != "ar" {
		lang = "en"
	}
	return &App{Host: h, Lang: lang, Page: PageLanding, Query: CustomerQuery{What: "customers", Sort: "spend", Limit: PageSize},
		Share: ShareState{TTL: DefaultShareTTL}}
}

func (a *App) newID() int { a.nextID++; return a.nextID }

// SetLang switches the interface language.
func (a *App) SetLang(lang string) {
	if lang != "ar" {
		lang = "en"
	}
	a.Lang = lang
	if a.Host != nil {
		a.Host.SetLanguage(lang)
	}
}

// ToggleLang switches between English and Arabic.
func (a *App) ToggleLang() {
	if a.Lang == "ar" {
		a.SetLang("en")
	} else {
		a.SetLang("ar")
	}
}

// HasReport says whether the report pages can be shown.
func (a *App) HasReport() bool { return a.Report != nil }

// NavItem is one link of the navigation.
type NavItem struct {
	Page  string
	Label string
	Count string
}

// Nav lists the pages that have content, in order.
func (a *App) Nav() []NavItem {
	if a.Report == nil {
		return nil
	}
	r := a.Report
	var out []NavItem
	out = append(out, NavItem{Page: PageOverview, Label: a.T("nav.overview")})
	if a.Viewer != nil {
		if n := len(a.Viewer.Customers); n > 0 {
			out = append(out, NavItem{Page: PageCustomers, Label: a.T("nav.customers"), Count: a.Num(n)})
		}
	} else if r.Customers.Total > 0 {
		out = append(out, NavItem{Page: PageCustomers, Label: a.T("nav.customers"), Count: a.Num(r.Customers.Total)})
	}
	for _, pg := range a.analysisPages() {
		out = append(out, NavItem{Page: pg, Label: a.T("nav." + pg)})
	}
	if len(r.Sources) > 0 {
		out = append(out, NavItem{Page: PageSources, Label: a.T("nav.sources"), Count: a.Num(len(r.Sources))})
		out = append(out, NavItem{Page: PageQuality, Label: a.T("nav.quality")})
	}
	return out
}

// analysisPages lists the pages of the analyses whose sections the report has.
func (a *App) analysisPages() []string {
	var out []string
	for _, pg := range []string{PageFeedback, PageSentiment, PageSegments, PagePredictions, PageBehaviour} {
		if a.hasPage(pg) {
			out = append(out, pg)
		}
	}
	return out
}

// hasPage says whether the report has the section an analysis page shows.
func (a *App) hasPage(page string) bool {
	r := a.Report
	if r == nil {
		return false
	}
	switch page {
	case PageFeedback:
		return r.Feedback != nil
	case PageSentiment:
		return r.Sentiment != nil
	case PageSegments:
		return r.Segments != nil
	case PagePredictions:
		return r.Predictions != nil
	case PageBehaviour:
		return r.Behaviour != nil
	}
	return false
}

// Go shows a page (from a link or the URL hash).
func (a *App) Go(page string) {
	if a.Viewer != nil {
		a.goViewer(page)
		return
	}
	switch page {
	case PageOverview, PageSources, PageQuality, PageCustomers:
		if a.Report == nil {
			page = PageLanding
		} else if a.Early && page != PageOverview {
			page = PageProgress
		}
	case PageFeedback, PageSentiment, PageSegments, PagePredictions, PageBehaviour:
		if a.Report == nil {
			page = PageLanding
		} else if a.Early {
			page = PageProgress
		} else if !a.hasPage(page) {
			page = PageOverview
		}
	case PageCustomer:
		if a.Early {
			page = PageProgress
		} else if a.Report == nil || !a.customerOpen {
			page = PageLanding
			if a.Report != nil {
				page = PageCustomers
			}
		}
	case PageProgress:
		if a.RunID == 0 {
			page = PageLanding
		}
	default:
		page = PageLanding
	}
	if page == PageLanding && a.RunID != 0 {
		page = PageProgress
	}
	a.Page = page
	if page == PageCustomers && a.CustPage == nil && !a.CustLoading {
		a.runQuery()
	}
	if page == PageSegments {
		a.segmentsOpened()
	}
	if a.Host != nil {
		a.Host.Navigate(a.hashFor(page))
	}
}

func (a *App) hashFor(page string) string {
	if a.Viewer != nil {
		if page == PageOverview || page == PageShared || page == "" {
			return "#" + a.Viewer.key
		}
		return "#" + a.Viewer.key + "/" + page
	}
	if page == PageCustomer {
		return fmt.Sprintf("#/customer/%d", a.CustomerID)
	}
	if page == PageLanding {
		return "#/"
	}
	return "#/" + page
}

// GoHash follows a URL hash such as "#/customer/12".
func (a *App) GoHash(hash string) {
	if a.Viewer != nil {
		a.viewerHash(hash)
		return
	}
	h := strings.TrimPrefix(strings.TrimPrefix(hash, "#"), "/")
	if rest, ok := strings.CutPrefix(h, "customer/"); ok {
		var id int
		if _, err := fmt.Sscanf(rest, "%d", &id); err == nil && id >= 0 && a.Report != nil {
			if !a.customerOpen || id != a.CustomerID || (a.Customer == nil && !a.CustomerLoading) {
				a.OpenCustomer(id)
			} else {
				a.Page = PageCustomer
			}
			return
		}
	}
	if h == a.Page || (h == "" && a.Page == PageLanding) {
		return
	}
	a.Go(h)
}

// AddFiles adds chosen files to the list, replacing a file of the same name.
func (a *App) AddFiles(files []*InputFile) {
	if a.Viewer != nil {
		return
	}
	a.Notice, a.NoticeAt, a.ErrText = "", "", ""
	for _, f := range files {
		replaced := false
		for i, g := range a.Files {
			if g.Name == f.Name {
				a.Files[i] = f
				replaced = true
			}
		}
		if !replaced {
			a.Files = append(a.Files, f)
		}
	}
}

// RemoveFile takes a file off the list.
func (a *App) RemoveFile(name string) {
	out := a.Files[:0]
	for _, f := range a.Files {
		if f.Name != name {
			out = append(out, f)
		}
	}
	a.Files = out
}

// TotalSize is the size of all chosen files.
func (a *App) TotalSize() int64 {
	var n int64
	for _, f := range a.Files {
		n += f.Size
	}
	return n
}

// Analyze analyses the chosen files with the current mapping.
func (a *App) Analyze() {
	if len(a.Files) == 0 || a.RunID != 0 || a.Viewer != nil {
		return
	}
	a.start(a.Mapping)
}

// NewAnalysis returns to the landing page keeping the files.
func (a *App) NewAnalysis() {
	a.Report, a.ReportJSON = nil, ""
	a.Mapping, a.Draft = Mapping{}, nil
	a.resetDetails()
	a.resetShare()
	a.Go(PageLanding)
}

func (a *App) resetDetails() {
	a.CustPage, a.Customer, a.CustomerID, a.customerOpen = nil, nil, 0, false
	a.CustLoading, a.CustomerLoading = false, false
	a.queryID, a.customerQueryID = 0, 0
	a.Query = CustomerQuery{What: "customers", Sort: "spend", Limit: PageSize}
	a.Seg = SegmentsState{}
	a.Behave = nil
}

func (a *App) start(m Mapping) {
	a.Notice, a.NoticeAt, a.ErrText = "", "", ""
	a.RunID = a.newID()
	a.Progress = Progress{Stage: "read", TotalBytes: a.TotalSize()}
	a.Cancelling = false
	a.Page = PageProgress
	if a.Host != nil {
		a.Host.Navigate("#/progress")
		a.Host.Analyze(a.RunID, a.Files, m)
	}
}

// Cancel stops the running analysis.
func (a *App) Cancel() {
	if a.RunID == 0 || a.Cancelling {
		return
	}
	a.Cancelling = true
	if a.Host != nil {
		a.Host.Cancel(a.RunID)
	}
}

// StartDemo fetches the demo files and analyses them.
func (a *App) StartDemo() {
	if a.LoadingDemo || a.RunID != 0 || a.Host == nil || a.Viewer != nil {
		return
	}
	a.LoadingDemo = true
	a.Notice, a.NoticeAt, a.ErrText = "", "", ""
	a.Host.LoadDemo(a.demoLoaded) // may call back at once: the files were prepared
}

// DemoIntent is a visitor's pointer over (or focus on) the demo button: the
// host fetches the demo files ahead of the click, unless an analysis runs
// (it makes no request) or the page is a shared report's, and analyses
// them ahead when DemoAhead.
func (a *App) DemoIntent() {
	if a.RunID != 0 || a.Host == nil || a.Viewer != nil {
		return
	}
	a.Host.PrepareDemo(a.DemoAhead())
}

// DemoAhead says the demo may be analysed before its button is clicked: the
// landing page with nothing on it that the run would cost — no analysis
// running, no report (the engine keeps one Session: a new analysis replaces
// the last one's) and no files chosen.
func (a *App) DemoAhead() bool {
	return a.RunID == 0 && a.Viewer == nil && a.Report == nil && len(a.Files) == 0 && a.Page == PageLanding
}

// demoLoaded is called by the host; the caller holds the render lock.
func (a *App) demoLoaded(files []*InputFile, err error) {
	a.LoadingDemo = false
	if err != nil {
		a.Notice, a.ErrText = "error.demo", err.Error()
		return
	}
	a.Files = nil
	a.Mapping, a.Draft = Mapping{}, nil
	a.AddFiles(files)
	a.start(a.Mapping)
}

// Message is a message from the worker, decoded.
type Message struct {
	Type       string  `json:"type"`
	ID         int     `json:"id"`
	Protocol   int     `json:"protocol"`
	Stage      string  `json:"stage"`
	File       string  `json:"file"`
	Bytes      int64   `json:"bytes"`
	TotalBytes int64   `json:"totalBytes"`
	Rows       int64   `json:"rows"`
	ElapsedMs  float64 `json:"elapsedMs"`
	RowsPerSec float64 `json:"rowsPerSec"`
	Report     string  `json:"report"`
	Overview   string  `json:"overview"`
	Result     string  `json:"result"`
	Message    string  `json:"message"`
	Line       int     `json:"line"`

	// decoded is the overview's or the result's report, decoded by
	// Predecode before the message is handled; nil: OnMessage decodes it.
	decoded *report.Report
}

// Predecode decodes an overview's or a result's report ahead of OnMessage,
// so the host can do it in a task of its own and the task that draws the
// page does not decode too (tens of milliseconds each, on a slow machine).
// A report that cannot be decoded is left to OnMessage, which says so.
func (m *Message) Predecode() bool {
	var text string
	switch m.Type {
	case "overview":
		text = m.Overview
	case "result":
		text = m.Report
	default:
		return false
	}
	var r report.Report
	if json.Unmarshal([]byte(text), &r) == nil {
		m.decoded = &r
	}
	return true
}

// decode is the message's report: Predecode's, else text decoded now.
func (m *Message) decode(text string) (*report.Report, error) {
	if m.decoded != nil {
		return m.decoded, nil
	}
	var r report.Report
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// OnMessage handles a message from the worker; the caller holds the render lock.
func (a *App) OnMessage(m Message) {
	if a.behaviourMessage(m) {
		return
	}
	if m.ID != 0 && m.ID == a.Feedback.queryID && (m.Type == "answer" || m.Type == "error") {
		a.onVerbatims(m)
		return
	}
	if m.ID != 0 && m.ID == a.Share.rowsQuery && (m.Type == "answer" || m.Type == "error") {
		a.shareRows(m)
		return
	}
	if a.sentimentAnswer(m) || a.segmentsMessage(m) {
		return
	}
	switch m.Type {
	case "ready":
		a.Ready = true
	case "progress":
		if m.ID != a.RunID {
			return
		}
		a.Progress = Progress{Stage: m.Stage, File: m.File, Bytes: m.Bytes, TotalBytes: m.TotalBytes, Rows: m.Rows, ElapsedMs: m.ElapsedMs, RowsPerSec: m.RowsPerSec}
	case "overview":
		if m.ID != a.RunID || a.Early {
			return
		}
		r, err := m.decode(m.Overview)
		if err != nil {
			return // the result will come, whole
		}
		a.before, a.beforeJSON = a.Report, a.ReportJSON
		a.Report, a.ReportJSON, a.Early = r, "", true
		a.Draft = nil
		a.resetDetails()
		a.resetShare()
		if a.Page == PageProgress {
			a.Go(PageOverview)
		}
	case "result":
		if m.ID != a.RunID {
			return
		}
		a.RunID = 0
		early := a.Early
		a.Early, a.before, a.beforeJSON = false, nil, ""
		if early && (m.decoded != nil && a.takeSections(m.decoded, m.Report) || m.decoded == nil && a.addSections(m.Report)) {
			a.Go(PageOverview)
			return
		}
		r, err := m.decode(m.Report)
		if err != nil {
			if early {
				a.Report = nil // the overview of a result that cannot be read
			}
			a.Notice, a.ErrText = "error.report", err.Error()
			a.Go(PageLanding)
			return
		}
		a.Report, a.ReportJSON = r, m.Report
		if !early {
			a.Draft = nil
			a.resetDetails()
			a.resetShare()
		}
		a.Go(PageOverview)
	case "cancelled":
		if m.ID != a.RunID {
			return
		}
		a.RunID, a.Cancelling = 0, false
		a.dropEarly()
		a.Notice = "notice.cancelled"
		if a.Report != nil {
			a.Go(PageSources)
		} else {
			a.Go(PageLanding)
		}
	case "error":
		switch m.ID {
		case a.RunID:
			a.RunID, a.Cancelling = 0, false
			a.dropEarly()
			a.Notice, a.ErrText = "error.analysis", m.Message
			a.NoticeAt = location(m.File, m.Line)
			if a.Report != nil {
				a.Go(PageSources)
			} else {
				a.Go(PageLanding)
			}
		case a.queryID:
			a.CustLoading = false
			a.Notice, a.ErrText = "error.query", m.Message
		case a.customerQueryID:
			a.CustomerLoading = false
			a.Notice, a.ErrText = "error.query", m.Message
		default:
			if m.ID == 0 {
				a.Notice, a.ErrText = "error.worker", m.Message
				a.NoticeAt = location(m.File, m.Line)
			}
		}
	case "answer":
		switch m.ID {
		case a.queryID:
			var p CustomerPage
			if err := json.Unmarshal([]byte(m.Result), &p); err != nil {
				a.Notice, a.ErrText = "error.query", err.Error()
			} else {
				a.CustPage = &p
			}
			a.CustLoading = false
		case a.customerQueryID:
			var p profile.Profile
			if err := json.Unmarshal([]byte(m.Result), &p); err != nil {
				a.Notice, a.ErrText = "error.query", err.Error()
			} else {
				a.Customer = &p
			}
			a.CustomerLoading = false
		}
	}
}

// dropEarly puts back the report an analysis' overview replaced, when that
// analysis ends without a result.
func (a *App) dropEarly() {
	if a.Early {
		a.Report, a.ReportJSON = a.before, a.beforeJSON
		a.Early, a.before, a.beforeJSON = false, nil, ""
	}
}

func location(file string, line int) string {
	switch {
	case file != "" && line > 0:
		return fmt.Sprintf("%s:%d", file, line)
	default:
		return file
	}
}

// DismissNotice hides the banner.
func (a *App) DismissNotice() { a.Notice, a.NoticeAt, a.ErrText = "", "", "" }

// --- customers ---

func (a *App) runQuery() {
	if a.Host == nil || a.Report == nil || a.Viewer != nil {
		return
	}
	a.queryID = a.newID()
	a.CustLoading = true
	a.Query.What = "customers"
	if a.Query.Limit == 0 {
		a.Query.Limit = PageSize
	}
	a.Host.Query(a.queryID, a.Query)
}

// SetSearch changes the search text and asks for the first page.
func (a *App) SetSearch(text string) {
	a.Query.Text = text
	a.Query.Offset = 0
	a.runQuery()
}

// SetFilter changes one filter ("country", "kind", "sort", "buyers").
func (a *App) SetFilter(name, value string) {
	switch name {
	case "country":
		a.Query.Country = value
	case "kind":
		a.Query.Kind = value
	case "sort":
		a.Query.Sort = value
	case "buyers":
		a.Query.Buyers = value == "true"
	case "nps":
		a.Query.NPS = value
	}
	a.Query.Offset = 0
	a.runQuery()
}

// PageBy moves the customer list by n pages.
func (a *App) PageBy(n int) {
	if a.CustPage == nil {
		return
	}
	off := a.Query.Offset + n*a.Query.Limit
	if off < 0 || off >= a.CustPage.Total {
		return
	}
	a.Query.Offset = off
	a.runQuery()
}

// OpenCustomer shows one customer's page.
func (a *App) OpenCustomer(id int) {
	if a.Host == nil || a.Viewer != nil {
		return
	}
	a.CustomerID, a.customerOpen = id, true
	a.Customer = nil
	a.CustomerLoading = true
	a.customerQueryID = a.newID()
	a.Host.Query(a.customerQueryID, customerQueryMsg{What: "customer", Customer: id})
	a.Go(PageCustomer)
}

// --- mapping ---

func (a *App) draftFor(file string) *FileMapping {
	if a.Draft == nil {
		a.Draft = map[string]*FileMapping{}
	}
	fm := a.Draft[file]
	if fm == nil {
		fm = &FileMapping{}
		a.Draft[file] = fm
	}
	return fm
}

// SetKind overrides the kind of a file.
func (a *App) SetKind(file, kind string) {
	a.draftFor(file).Kind = Kind(kind)
}

// SetRole overrides the role of one column.
func (a *App) SetRole(file, column, role string) {
	fm := a.draftFor(file)
	if fm.Columns == nil {
		fm.Columns = map[string]Role{}
	}
	fm.Columns[column] = Role(role)
}

// KindOf is the kind shown for a file: the draft's, else the report's.
func (a *App) KindOf(s *report.Source) string {
	if fm := a.Draft[s.File]; fm != nil && fm.Kind != "" {
		return string(fm.Kind)
	}
	return s.Kind
}

// RoleOf is the role shown for a column: the draft's, else the report's.
func (a *App) RoleOf(file string, c *report.Column) string {
	if fm := a.Draft[file]; fm != nil {
		if r, ok := fm.Columns[c.Name]; ok {
			return string(r)
		}
	}
	return c.Role
}

// Edited says whether a column or kind differs from what the report used.
func (a *App) Edited(file string, c *report.Column) bool {
	return a.RoleOf(file, c) != c.Role
}

// HasEdits says whether Re-run would change anything.
func (a *App) HasEdits() bool {
	if a.Report == nil {
		return false
	}
	for i := range a.Report.Sources {
		s := &a.Report.Sources[i]
		if a.KindOf(s) != s.Kind {
			return true
		}
		for j := range s.Columns {
			if a.Edited(s.File, &s.Columns[j]) {
				return true
			}
		}
	}
	return false
}

// MergedMapping is the mapping the current report used plus the edits.
func (a *App) MergedMapping() Mapping {
	m := Mapping{DefaultCountry: a.Mapping.DefaultCountry, Files: map[string]FileMapping{}}
	for name, fm := range a.Mapping.Files {
		c := fm
		c.Columns = map[string]Role{}
		for k, v := range fm.Columns {
			c.Columns[k] = v
		}
		m.Files[name] = c
	}
	names := make([]string, 0, len(a.Draft))
	for name := range a.Draft {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		d := a.Draft[name]
		c := m.Files[name]
		if d.Kind != "" {
			c.Kind = d.Kind
		}
		if c.Columns == nil {
			c.Columns = map[string]Role{}
		}
		for k, v := range d.Columns {
			c.Columns[k] = v
		}
		if len(c.Columns) == 0 {
			c.Columns = nil
		}
		m.Files[name] = c
	}
	if len(m.Files) == 0 {
		m.Files = nil
	}
	return m
}

// Rerun analyses the same files again with the edited mapping.
func (a *App) Rerun() {
	if a.RunID != 0 || len(a.Files) == 0 || a.Viewer != nil {
		return
	}
	m := a.MergedMapping()
	a.Mapping = m
	a.start(m)
}

// ResetDraft forgets the edits.
func (a *App) ResetDraft() { a.Draft = nil }

// SetBuyers filters to customers with orders.
func (a *App) SetBuyers(on bool) {
	a.Query.Buyers = on
	a.Query.Offset = 0
	a.runQuery()
}
