package main

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"

	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"
)

// render builds the whole component tree natively (vugu's static
// renderer) and returns the HTML: what the page would show in this state.
func render(t *testing.T, a *App) string {
	t.Helper()
	var buf bytes.Buffer
	r := staticrender.New(&buf)
	env, err := vugu.NewBuildEnv(r.EventEnv())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(env.RunBuild(&Root{App: a})); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func mustHave(t *testing.T, name, html string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Errorf("%s: no %q", name, w)
		}
	}
}

func mustNotHave(t *testing.T, name, html string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(html, b) {
			t.Errorf("%s: has %q", name, b)
		}
	}
}

// TestRenderShare renders the dialog in each of its states, in both
// languages.
func TestRenderShare(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		a, h := analysed(t)
		a.Origin = "https://qalb.test"
		a.SetLang(lang)
		html := render(t, a)
		mustHave(t, lang+" overview", html, `data-testid="share-open"`)
		mustNotHave(t, lang+" overview", html, `data-testid="share-dialog"`, ` inert=`)

		a.OpenShare()
		html = render(t, a)
		mustHave(t, lang+" form", html, `data-testid="share-dialog"`, `role="dialog"`, `aria-modal="true"`,
			`data-testid="share-customers"`, `data-testid="share-ttl"`, `<option selected="selected" value="604800">`, `inert="inert"`)
		mustNotHave(t, lang+" form", html, `data-testid="share-warning"`, `data-testid="share-link"`)

		a.SetShareCustomers(true)
		mustHave(t, lang+" rows", render(t, a), `data-testid="share-warning"`, `role="alert"`)
		a.SetShareCustomers(false)

		h.share.uploadErr = &HTTPError{Status: 429, Message: "too many requests"}
		a.StartShare()
		html = render(t, a)
		mustHave(t, lang+" busy", html, `aria-busy="true"`, a.T("share.stage.upload"))
		h.flush()
		mustHave(t, lang+" error", render(t, a), `data-error="share.err.rate"`, a.T("share.err.rate"))

		h.share.uploadErr = nil
		a.StartShare()
		h.flush()
		html = render(t, a)
		mustHave(t, lang+" link", html, `data-testid="share-link"`, `data-testid="share-copy"`, `data-testid="share-delete"`,
			`data-testid="share-expires"`, `data-value="2026-01-07T14:03:00Z"`)
		a.DeleteLink()
		h.flush()
		html = render(t, a)
		mustHave(t, lang+" deleted", html, `data-testid="share-deleted"`, `data-testid="share-new"`)
		mustNotHave(t, lang+" deleted", html, `data-testid="share-copy"`, `data-testid="share-delete"`)
	}
}

// TestRenderViewer renders the viewer's pages and every error page; a
// hostile payload renders as text.
func TestRenderViewer(t *testing.T) {
	a, h := analysed(t)
	a.Origin = "https://qalb.test"
	id, key := shared(t, a, h)
	for _, lang := range []string{"en", "ar"} {
		v := viewer(t, h, "/r/"+id, "#"+key)
		v.SetLang(lang)
		mustHave(t, lang+" loading", render(t, v), `data-testid="viewer-loading"`)
		h.flush()
		for _, page := range []string{PageOverview, PageSources, PageQuality} {
			v.Go(page)
			html := render(t, v)
			mustHave(t, lang+" "+page, html, `data-testid="viewer-banner"`, `data-testid="`+page+`"`, `href="#`+key+`/sources"`, `href="/"`)
			mustNotHave(t, lang+" "+page, html, `data-testid="share-open"`, `data-testid="new-analysis"`,
				`data-testid="role-select"`, `data-testid="kind-select"`, `data-testid="rerun"`, `data-testid="nav-customers"`)
		}
	}
	for _, reason := range ViewerErrors {
		v := NewApp(h, "en")
		v.Viewer = &Viewer{ID: id, Err: reason, ErrDetail: "HTTP 503"}
		v.Page = PageShared
		for _, lang := range []string{"en", "ar"} {
			v.Lang = lang
			html := render(t, v)
			mustHave(t, reason, html, `data-reason="`+reason+`"`, v.ViewerTitle(), `data-testid="viewer-home"`)
			mustNotHave(t, reason, html, "viewer.", "{0}")
		}
	}

	// someone can encrypt anything under a key of their own: it is text
	hostile := `{"version":1,"report":{"version":1,"customers":{"total":3,"cities":[{"key":"<img src=x onerror=alert(1)>","count":9}]},` +
		`"sources":[{"file":"<script>alert(1)</script>.csv","kind":"<b>x</b>","columns":[{"name":"\"><svg onload=alert(1)>","role":"email"}]}]},` +
		`"customers":[{"name":"<script>x</script>","email":"a@b.c\"><img src=x>","orders":1,"spend":1,"currency":"<i>"}]}`
	k := make([]byte, 32)
	rand.Read(k)
	h.share.store[id] = &fakeRecord{body: seal(k, []byte(hostile))}
	v := viewer(t, h, "/r/"+id, "#"+EncodeKey(k))
	h.flush()
	if v.Viewer.Err != "" {
		t.Fatal(v.Viewer.Err)
	}
	for _, page := range []string{PageOverview, PageSources, PageQuality, PageCustomers} {
		v.Go(page)
		if v.Page != page {
			t.Fatalf("page %q shown as %q", page, v.Page)
		}
		html := render(t, v)
		mustNotHave(t, "hostile "+page, html, "<script>", "<img src=x", "<svg onload", "<b>x</b>", "<i>")
	}
	mustHave(t, "hostile customers", render(t, v), "&lt;script&gt;x&lt;/script&gt;")
}
