package main

import (
	"fmt"
	"strings"

	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

// Components. Each holds the App it renders; the templates are the .vugu
// files of the same name.

// Root is the page frame: top bar, navigation, notices and the current page.
type Root struct{ App *App }

// Landing is the first page: drop zone, file list, demo.
type Landing struct{ App *App }

// ProgressView shows a running analysis.
type ProgressView struct{ App *App }

// Overview is the dashboard.
type Overview struct{ App *App }

// Customers is the searchable list of customers.
type Customers struct{ App *App }

// CustomerView is one customer's page.
type CustomerView struct {
	App    *App
	allFor *profile.Profile // the profile whose whole timeline is shown
}

// timelineShown is how many touchpoints show before "Show all".
const timelineShown = 30

// Timeline is the touchpoints shown: the most recent ones, or all of them.
func (c *CustomerView) Timeline() []profile.Touchpoint {
	t := c.App.Customer.Timeline
	if c.allFor == c.App.Customer || len(t) <= timelineShown {
		return t
	}
	return t[:timelineShown]
}

// MoreTouchpoints is how many touchpoints "Show all" would add.
func (c *CustomerView) MoreTouchpoints() int {
	return len(c.App.Customer.Timeline) - len(c.Timeline())
}

// ShowAll shows the whole timeline of this customer.
func (c *CustomerView) ShowAll() { c.allFor = c.App.Customer }

// Sources shows how each file was read and lets the user correct it.
type Sources struct{ App *App }

// Quality is the data-quality page.
type Quality struct{ App *App }

// ChartView renders a Chart with its table alternative.
type ChartView struct {
	App *App
	C   *Chart
}

// RankedView renders a ranked list.
type RankedView struct {
	App *App
	R   *Ranked
}

// CustomerHref is the link to a customer's page.
func CustomerHref(id int) string { return fmt.Sprintf("#/customer/%d", id) }

// ShellClass marks the layout with or without the sidebar.
func (c *Root) ShellClass() string {
	if len(c.App.Nav()) > 0 {
		return "shell with-nav"
	}
	return "shell"
}

// NavClass highlights the current page (a customer belongs to Customers).
func (c *Root) NavClass(page string) string {
	if page == c.App.Page || (page == PageCustomers && c.App.Page == PageCustomer) {
		return "nav-link active"
	}
	return "nav-link"
}

// Current is aria-current for the current page's link.
func (c *Root) Current(page string) any {
	if page == c.App.Page {
		return "page"
	}
	return nil
}

// AnalyzeLabel is the analyse button's text.
func (c *Landing) AnalyzeLabel() string {
	switch n := len(c.App.Files); n {
	case 0:
		return c.App.T("action.analyze")
	case 1:
		return c.App.T("action.analyzeOne")
	default:
		return c.App.Tf("action.analyzeN", c.App.N("files", n))
	}
}

// DemoLabel is the demo button's text.
func (c *Landing) DemoLabel() string {
	if c.App.LoadingDemo {
		return c.App.T("action.demoLoading")
	}
	return c.App.T("action.demo")
}

// CancelLabel is the cancel button's text.
func (c *ProgressView) CancelLabel() string {
	if c.App.Cancelling {
		return c.App.T("action.cancelling")
	}
	return c.App.T("action.cancel")
}

// Subtitle is the line under the overview's title.
func (c *Overview) Subtitle() string {
	r := c.App.Report
	parts := []string{c.App.N("sources", len(r.Sources)), c.App.N("rows", r.Rows.Read)}
	if r.AsOf != "" {
		parts = append(parts, c.App.Tf("overview.asOf", c.App.Date(r.AsOf)))
	}
	return strings.Join(parts, c.App.Sep())
}

// RejClass marks a non-zero rejected count.
func (c *Overview) RejClass(n int) string {
	if n > 0 {
		return "num warn"
	}
	return "num"
}

// CellClass aligns number columns (all but the first) to the end.
func (c *ChartView) CellClass(i int) string {
	if i == 0 {
		return ""
	}
	return "num"
}

// Busy is aria-busy while a page of customers is on its way.
func (c *Customers) Busy() string {
	if c.App.CustLoading {
		return "true"
	}
	return "false"
}

// Kinds are the kinds of source that know the customer.
func (c *CustomerView) Kinds() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range c.App.Customer.Sources {
		if !seen[s.Kind] {
			seen[s.Kind] = true
			out = append(out, s.Kind)
		}
	}
	return out
}

// KPIs are the numbers in the customer's header.
func (c *CustomerView) KPIs() []KPI {
	a, p := c.App, c.App.Customer
	var out []KPI
	b := p.Behaviour
	if b.Orders > 0 {
		out = append(out, KPI{Label: a.T("profile.orders"), Value: a.Num(b.Orders)})
	}
	if len(b.Spend) > 0 {
		out = append(out, KPI{Label: a.T("profile.spend"), Value: a.moneyList(b.Spend)})
	}
	if b.LastSeen != "" {
		out = append(out, KPI{Label: a.T("profile.lastSeen"), Value: a.Date(b.LastSeen)})
	}
	if n := len(p.Timeline); n > 0 {
		out = append(out, KPI{Label: a.T("profile.touchpoints"), Value: a.Num(n)})
	}
	return out
}

// TPDate formats a touchpoint's date, or says it had none.
func (c *CustomerView) TPDate(d string) string {
	if d == "" {
		return c.App.T("customer.undated")
	}
	return c.App.Date(d)
}

// ChipClass and ChipDir style identifier chips (emails, phones) left-to-right.
func (c *CustomerView) ChipClass(ltr bool) string {
	if ltr {
		return "chip ltr"
	}
	return "chip"
}

// ChipDir is the direction attribute of a chip.
func (c *CustomerView) ChipDir(ltr bool) string {
	if ltr {
		return "ltr"
	}
	return "auto"
}

// ProblemTable lists rejected rows or unreadable cells.
type ProblemTable struct {
	App *App
	P   []report.Problem
}

// List is the report's sources.
func (c *Sources) List() []*report.Source {
	out := make([]*report.Source, len(c.App.Report.Sources))
	for i := range c.App.Report.Sources {
		out[i] = &c.App.Report.Sources[i]
	}
	return out
}

// maxShownColumns bounds the columns a source's table shows: a file of
// thousands of columns (up to the engine's 16,384) made a table of a role
// menu each that froze the tab. Columns with a role are always shown.
const maxShownColumns = 300

// Columns are a source's columns: those with a role, and the ignored ones
// up to maxShownColumns in all (the table's title gives the total).
func (c *Sources) Columns(s *report.Source) []*report.Column {
	out := make([]*report.Column, 0, min(len(s.Columns), maxShownColumns))
	for i := range s.Columns {
		if len(out) < maxShownColumns || s.Columns[i].Role != "ignore" {
			out = append(out, &s.Columns[i])
		}
	}
	return out
}

// KindClass marks an edited kind.
func (c *Sources) KindClass(s *report.Source) string {
	if c.App.KindOf(s) != s.Kind {
		return "edited"
	}
	return ""
}

// RowClass marks edited and ignored columns.
func (c *Sources) RowClass(s *report.Source, col *report.Column) string {
	switch {
	case c.App.Edited(s.File, col):
		return "edited"
	case c.App.RoleOf(s.File, col) == "ignore":
		return "ignored"
	}
	return ""
}

// RejectedClass colours the rejected count.
func (c *Sources) RejectedClass(s *report.Source) string {
	if s.Rows.Rejected > 0 {
		return "rowcount warn"
	}
	return "rowcount"
}

// FactDir keeps identifiers left-to-right.
func (c *Sources) FactDir(f Fact) string {
	if f.LTR {
		return "ltr"
	}
	return "auto"
}

// Examples shows a column's example values.
func (c *Sources) Examples(col *report.Column) string {
	return strings.Join(col.Examples, c.App.Sep())
}

// List is the report's sources.
func (c *Quality) List() []*report.Source { return (&Sources{App: c.App}).List() }

// Columns are a source's columns.
func (c *Quality) Columns(s *report.Source) []*report.Column {
	return (&Sources{App: c.App}).Columns(s)
}

// Distinct is a column's distinct count, "≈ n" when estimated; blank for
// a column without a role in a report from before such columns were
// counted.
func (c *Quality) Distinct(col *report.Column) string {
	if col.Type == "" && col.Distinct == 0 {
		return "–"
	}
	if col.DistinctEstimated {
		return c.App.Tf("quality.estimate", c.App.Num(col.Distinct))
	}
	return c.App.Num(col.Distinct)
}

// DistinctTip says how far an estimated distinct count may be off.
func (c *Quality) DistinctTip(col *report.Column) string {
	if !col.DistinctEstimated {
		return ""
	}
	return c.App.Tf("quality.estimateTip", c.App.Pct(col.DistinctError))
}

// EstimateNote explains "≈" under a source's columns when one of them is
// estimated ("" otherwise).
func (c *Quality) EstimateNote(s *report.Source) string {
	for _, col := range s.Columns {
		if col.DistinctEstimated {
			return c.App.Tf("quality.estimateNote", c.App.Pct(col.DistinctError), c.App.Num(8192))
		}
	}
	return ""
}

// FailClass colours failures.
func (c *Quality) FailClass(col *report.Column) string {
	if col.Failures > 0 {
		return "num warn"
	}
	return "num muted"
}

// Invalid are the values that could not be keys.
func (c *Quality) Invalid() []report.Count { return c.App.Report.Identity.Invalid }

// KPIs are the page's headline numbers.
func (c *Quality) KPIs() []KPI {
	a, r := c.App, c.App.Report
	used := 0.0
	if r.Rows.Read > 0 {
		used = float64(r.Rows.Used) / float64(r.Rows.Read)
	}
	issues := 0
	for _, s := range r.Sources {
		for _, col := range s.Columns {
			issues += col.Failures
		}
	}
	return []KPI{
		{ID: "used", Label: a.T("quality.usedRate"), Value: a.Pct(used), Raw: fmt.Sprint(used), Sub: a.Tf("quality.usedSub", a.Num(r.Rows.Used), a.Num(r.Rows.Read))},
		{ID: "rejected", Label: a.T("quality.rejected"), Value: a.Num(r.Rows.Rejected), Raw: fmt.Sprint(r.Rows.Rejected)},
		{ID: "failures", Label: a.T("quality.failures"), Value: a.Num(issues), Raw: fmt.Sprint(issues)},
		{ID: "merges", Label: a.T("quality.merges"), Value: a.Num(r.Identity.Merges), Raw: fmt.Sprint(r.Identity.Merges), Sub: a.N("conflicts", r.Identity.ConflictCount)},
	}
}

// ShareDialog makes a link to the report (share.go).
type ShareDialog struct{ App *App }

// ViewerStatus is the viewer's page while a shared report loads, or when
// it cannot be shown.
type ViewerStatus struct{ App *App }

// SharedCustomers lists the customer rows a shared link carries.
type SharedCustomers struct{ App *App }

// Busy is aria-busy while the link is being made.
func (c *ShareDialog) Busy() string {
	if c.App.Share.Busy || c.App.Share.Deleting {
		return "true"
	}
	return "false"
}

// RowsText says which customers "Include per-customer rows" adds: all of
// them, or the first ShareRowsMax by spend.
func (c *ShareDialog) RowsText() string {
	n := c.App.ShareRowsOffered()
	if c.App.Report != nil && c.App.Report.Customers.Total > n {
		return c.App.Tf("share.rows.text", c.App.Num(n))
	}
	return c.App.Tf("share.rows.textAll", c.App.Num(n))
}

// MinGroup is the smallest group a shared report shows.
func (c *ShareDialog) MinGroup() int { return report.MinGroup }

// CreateLabel is the create button's text, which says what is happening.
func (c *ShareDialog) CreateLabel() string {
	switch {
	case c.App.Share.Busy && c.App.Share.Stage == "rows":
		return c.App.T("share.stage.rows")
	case c.App.Share.Busy:
		return c.App.T("share.stage.upload")
	}
	return c.App.T("share.create")
}

// DeleteLabel is the delete button's text.
func (c *ShareDialog) DeleteLabel() string {
	if c.App.Share.Deleting {
		return c.App.T("share.deleting")
	}
	return c.App.T("share.delete")
}

// CopyStatus says whether the link was copied or only selected.
func (c *ShareDialog) CopyStatus() string {
	switch c.App.Share.Copied {
	case "copied":
		return c.App.T("share.copied")
	case "selected":
		return c.App.T("share.selected")
	}
	return ""
}

// ExpiresRaw is the link's expiry, machine-readable (RFC 3339, UTC).
func (c *ShareDialog) ExpiresRaw() string {
	if l := c.App.Share.Link; l != nil && !l.Expires.IsZero() {
		return l.Expires.UTC().Format("2006-01-02T15:04:05Z")
	}
	return ""
}

// SharedPlace is "City, Country" of a shared customer row.
func (a *App) SharedPlace(r SharedCustomer) string {
	return a.RowPlace(CustomerRow{City: r.City, Country: r.Country})
}

// SharedSpend formats a shared customer row's spend.
func (a *App) SharedSpend(r SharedCustomer) string {
	return a.RowSpend(CustomerRow{Orders: r.Orders, Spend: r.Spend, Currency: r.Currency})
}

// SourcesSub is the sources page's subtitle: a shared report cannot be
// corrected and re-run.
func (c *Sources) SourcesSub() string {
	if c.App.ReadOnly() {
		return c.App.T("viewer.sources.sub")
	}
	return c.App.T("sources.sub")
}
