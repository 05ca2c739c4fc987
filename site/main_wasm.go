//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"github.com/vugu/vugu"
	"github.com/vugu/vugu/domrender"
)

func main() {
	renderer, err := mount("#app")
	if err != nil {
		js.Global().Get("console").Call("error", "qalb: cannot start the interface: "+err.Error())
		return
	}
	defer renderer.Release()

	buildEnv, err := vugu.NewBuildEnv(renderer.EventEnv())
	if err != nil {
		panic(err)
	}
	env := renderer.EventEnv()

	host := newBrowserHost(env)
	app := NewApp(host, host.storedLanguage())
	host.app = app
	app.RegionName = host.regionName
	app.SaveFile = host.saveFile
	host.listen()
	root := &Root{App: app}

	// A page opened at /r/<id> is the viewer of a shared report, which needs
	// no engine; any other page follows the hash it was opened with (only
	// meaningful once a report exists).
	loc := js.Global().Get("location")
	app.Origin = loc.Get("origin").String()
	needsEngine := app.Start(loc.Get("pathname").String(), loc.Get("hash").String())
	host.applyLanguage(app.Lang) // <html lang dir>, and the title (the viewer has its own)

	if needsEngine {
		// engine-start.js started the Worker before this program; its messages so
		// far are waiting for us.
		host.startWorker()
	} else if e := js.Global().Get("qalbEngine"); e.Truthy() {
		e.Get("worker").Call("terminate")
	}
	for ok := true; ok; ok = renderer.EventWait() {
		buildResults := buildEnv.RunBuild(root)
		if err := renderer.Render(buildResults); err != nil {
			panic(err)
		}
		host.afterRender()
	}
}

// mount creates the DOM renderer. domrender installs its JS helper with
// window.eval, which the page's Content-Security-Policy forbids; the helper
// is therefore loaded as a normal script (static/vugu-render.js, generated
// from the vugu module) and eval is bridged for the one call domrender makes,
// then restored.
func mount(selector string) (*domrender.JSRenderer, error) {
	w := js.Global()
	if w.Get("vuguRender").Type() != js.TypeFunction {
		return nil, errors.New("vugu-render.js is not loaded")
	}
	orig := w.Get("eval")
	noop := js.FuncOf(func(this js.Value, args []js.Value) any { return nil })
	w.Set("eval", noop)
	defer func() {
		w.Set("eval", orig)
		noop.Release()
	}()
	return domrender.New(selector)
}

// browserHost is the Host in the browser: the engine worker, fetch for the
// demo, location.hash, localStorage and <html lang dir>.
type browserHost struct {
	env    vugu.EventEnv
	app    *App
	worker js.Value
	funcs  []js.Func
	lang   string
	names  map[string]js.Value // Intl.DisplayNames by language
	shown  string              // the page last rendered (page and hash), for the scroll reset

	lastDownload string // the Blob URL of the last saved file

	demo  demoFetch
	ahead *demoRun // the demo analysed ahead of the click, if any
	aid   int      // the last id a run ahead had (negative: never an App's)
}

// demoRun is the demo's analysis started on a visitor's intent, before the
// click (PrepareDemo). The engine's answers are held back until the click's
// Analyze takes the run over (adopted: the App's id for it), then handed to
// the App in order, as if the run had started on the click.
type demoRun struct {
	id       int          // the run's id in the engine's messages
	files    []*InputFile // the demo files it analyses
	held     []Message    // its messages not yet handed to the App
	adopted  int          // the App's id for it; 0 until the click
	draining bool         // held messages are being handed over
}

// demoFetch is the demo's files, fetched once — ahead of the click when
// the visitor points at the demo button (PrepareDemo), else on the click —
// and kept: Blobs do not change, so every demo run after the first starts
// at once. A failed fetch is forgotten, to be tried again.
type demoFetch struct {
	files []*InputFile
	busy  bool                        // a fetch is under way
	ahead bool                        // analyse the files ahead once fetched
	wait  []func([]*InputFile, error) // LoadDemo calls waiting for it
}

func newBrowserHost(env vugu.EventEnv) *browserHost {
	return &browserHost{env: env, names: map[string]js.Value{}}
}

// update runs f on the app under the render lock and re-renders.
func (h *browserHost) update(f func(a *App)) {
	go func() {
		h.env.Lock()
		defer h.env.UnlockRender()
		f(h.app)
	}()
}

func (h *browserHost) on(target js.Value, event string, f func(ev js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 {
			f(args[0])
		}
		return nil
	})
	h.funcs = append(h.funcs, fn)
	target.Call("addEventListener", event, fn)
}

const langKey = "qalb.lang" // also read by static/lang.js

// storedLanguage is the language static/lang.js chose for the page before
// the interface started (the stored choice, else the browser's).
func (h *browserHost) storedLanguage() string {
	lang := js.Global().Get("document").Get("documentElement").Call("getAttribute", "lang")
	if lang.Type() == js.TypeString && lang.String() == "ar" {
		return "ar"
	}
	return "en"
}

func (h *browserHost) applyLanguage(lang string) {
	h.lang = lang
	doc := js.Global().Get("document")
	el := doc.Get("documentElement")
	el.Call("setAttribute", "lang", lang)
	dir := "ltr"
	if lang == "ar" {
		dir = "rtl"
	}
	el.Call("setAttribute", "dir", dir)
	if h.app != nil {
		doc.Set("title", h.app.Title())
	}
}

// SetLanguage implements Host.
func (h *browserHost) SetLanguage(lang string) {
	func() {
		defer func() { recover() }()
		if ls := js.Global().Get("localStorage"); ls.Truthy() {
			ls.Call("setItem", langKey, lang)
		}
	}()
	h.applyLanguage(lang)
}

func (h *browserHost) regionName(lang, code string) string {
	dn, ok := h.names[lang]
	if !ok {
		func() {
			defer func() { recover() }()
			ctor := js.Global().Get("Intl").Get("DisplayNames")
			if ctor.Type() == js.TypeFunction {
				opts := js.Global().Get("Object").New()
				opts.Set("type", "region")
				opts.Set("fallback", "code")
				dn = ctor.New(js.ValueOf([]any{lang}), opts)
			}
		}()
		h.names[lang] = dn
	}
	if !dn.Truthy() {
		return ""
	}
	var out string
	func() {
		defer func() { recover() }() // RangeError for codes that are not regions
		if v := dn.Call("of", code); v.Type() == js.TypeString {
			out = v.String()
		}
	}()
	return out
}

// Navigate implements Host.
func (h *browserHost) Navigate(hash string) {
	loc := js.Global().Get("location")
	if loc.Get("hash").String() != hash && !(hash == "#/" && loc.Get("hash").String() == "") {
		loc.Set("hash", hash)
	}
}

// listen wires the browser events that are not vugu's: the URL hash,
// dropped files and the file picker.
func (h *browserHost) listen() {
	w := js.Global()
	doc := w.Get("document")
	h.on(w, "hashchange", func(ev js.Value) {
		hash := w.Get("location").Get("hash").String()
		h.update(func(a *App) { a.GoHash(hash) })
	})
	// A pointer over the demo button, or focus on it, is the time to fetch
	// the demo's files: the click then starts the analysis at once. The
	// state is read without a render: nothing on the page changes.
	intent := func(ev js.Value) {
		t := ev.Get("target")
		if t.Type() != js.TypeObject || t.Get("closest").Type() != js.TypeFunction || !t.Call("closest", "[data-testid=demo]").Truthy() {
			return
		}
		go func() {
			h.env.Lock()
			defer h.env.UnlockOnly()
			h.app.DemoIntent()
		}()
	}
	h.on(doc, "pointerover", intent)
	h.on(doc, "focusin", intent)
	h.on(doc, "keydown", func(ev js.Value) {
		if k := ev.Get("key"); k.Type() == js.TypeString && k.String() == "Escape" {
			h.update(func(a *App) { a.CloseShare() })
		}
	})
	body := doc.Get("body")
	h.on(doc, "dragover", func(ev js.Value) {
		ev.Call("preventDefault")
		if dt := ev.Get("dataTransfer"); dt.Truthy() {
			dt.Set("dropEffect", "copy")
		}
		body.Get("classList").Call("add", "dragging")
	})
	h.on(doc, "dragleave", func(ev js.Value) {
		if !ev.Get("relatedTarget").Truthy() {
			body.Get("classList").Call("remove", "dragging")
		}
	})
	h.on(doc, "drop", func(ev js.Value) {
		ev.Call("preventDefault")
		body.Get("classList").Call("remove", "dragging")
		dt := ev.Get("dataTransfer")
		if !dt.Truthy() {
			return
		}
		files := fileList(dt.Get("files"))
		if len(files) == 0 {
			return
		}
		h.dropAhead()
		h.update(func(a *App) {
			if a.RunID == 0 && a.Viewer == nil && (a.Page == PageLanding || a.Report == nil) {
				a.AddFiles(files)
			}
		})
	})
	h.on(doc, "change", func(ev js.Value) {
		t := ev.Get("target")
		if t.Get("id").String() != "file-input" {
			return
		}
		files := fileList(t.Get("files"))
		t.Set("value", "") // the same file can be chosen again
		if len(files) > 0 {
			h.dropAhead()
			h.update(func(a *App) { a.AddFiles(files) })
		}
	})
}

func fileList(list js.Value) []*InputFile {
	if !list.Truthy() {
		return nil
	}
	n := list.Get("length").Int()
	out := make([]*InputFile, 0, n)
	for i := 0; i < n; i++ {
		f := list.Index(i)
		out = append(out, &InputFile{Name: f.Get("name").String(), Size: int64(f.Get("size").Float()), Handle: f})
	}
	return out
}

// startWorker creates the engine worker and routes its messages to the app.
func (h *browserHost) startWorker() {
	ctor := js.Global().Get("Worker")
	if ctor.Type() != js.TypeFunction {
		h.update(func(a *App) { a.Notice = "error.noWorker" })
		return
	}
	onMessage := func(ev js.Value) {
		m := decodeMessage(ev.Get("data"))
		// A report (the overview's, the result's) is decoded here, in the
		// message's task, and the page drawn from it in a later one: one
		// task for both was the longest of the demo's path.
		split := m.Predecode()
		if !h.route(&m) {
			return
		}
		at := time.Now()
		go func() {
			if split {
				time.Sleep(time.Millisecond) // a timer: the JavaScript event loop turns first
			}
			h.env.Lock()
			quiet := h.app.Quiet(m, at)
			h.app.OnMessage(m)
			if quiet {
				h.env.UnlockOnly()
			} else {
				h.env.UnlockRender()
			}
		}()
	}
	onError := func(ev js.Value) {
		msg := "worker.js"
		if m := ev.Get("message"); m.Type() == js.TypeString {
			msg = m.String()
		}
		h.update(func(a *App) {
			a.OnMessage(Message{Type: "error", ID: a.RunID, Message: msg})
		})
	}
	engine := js.Global().Get("qalbEngine") // started by static/engine-start.js
	if !engine.Truthy() {
		h.worker = ctor.New("/worker.js")
		js.Global().Set("qalbEngine", js.Null()) // engine-start.js, if it runs late, starts no second one
		h.on(h.worker, "message", onMessage)
		h.on(h.worker, "error", onError)
		return
	}
	// No JavaScript runs while this does: what the Worker posted before is
	// handled first, then the listeners take over, in order.
	h.worker = engine.Get("worker")
	h.on(h.worker, "message", onMessage)
	h.on(h.worker, "error", onError)
	early := engine.Get("early")
	var msgs []Message // handled in one update: goroutines do not keep order
	for i := 0; i < early.Length(); i++ {
		ev := early.Index(i)
		if ev.Get("type").String() == "message" {
			msgs = append(msgs, decodeMessage(ev.Get("data")))
		} else {
			msg := "worker.js"
			if m := ev.Get("message"); m.Type() == js.TypeString {
				msg = m.String()
			}
			msgs = append(msgs, Message{Type: "error", Message: msg})
		}
	}
	engine.Call("taken")
	if len(msgs) > 0 {
		h.update(func(a *App) {
			for _, m := range msgs {
				a.OnMessage(m)
			}
		})
	}
}

func str(v js.Value, key string) string {
	if x := v.Get(key); x.Type() == js.TypeString {
		return x.String()
	}
	return ""
}

func num(v js.Value, key string) float64 {
	if x := v.Get(key); x.Type() == js.TypeNumber {
		return x.Float()
	}
	return 0
}

func decodeMessage(d js.Value) Message {
	if d.Type() != js.TypeObject {
		return Message{}
	}
	return Message{
		Type: str(d, "type"), ID: int(num(d, "id")), Protocol: int(num(d, "protocol")),
		Stage: str(d, "stage"), File: str(d, "file"), Bytes: int64(num(d, "bytes")),
		TotalBytes: int64(num(d, "totalBytes")), Rows: int64(num(d, "rows")),
		ElapsedMs: num(d, "elapsedMs"), RowsPerSec: num(d, "rowsPerSec"),
		Report: str(d, "report"), Overview: str(d, "overview"), Result: str(d, "result"), Message: str(d, "message"),
		Line: int(num(d, "line")),
	}
}

func jsonValue(v any) js.Value {
	b, err := json.Marshal(v)
	if err != nil {
		return js.Global().Get("Object").New()
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}

func (h *browserHost) post(m js.Value) {
	if h.worker.Truthy() {
		h.worker.Call("postMessage", m)
	}
}

func workerMessage(typ string, id int) js.Value {
	m := js.Global().Get("Object").New()
	m.Set("type", typ)
	m.Set("id", id)
	return m
}

// Analyze implements Host: the demo's run ahead, when these are its files,
// else a new analysis (which stops the one ahead in the engine).
func (h *browserHost) Analyze(id int, files []*InputFile, mapping Mapping) {
	if h.adoptAhead(id, files, mapping) {
		return
	}
	h.ahead = nil // its last messages (cancelled) reach the App, which ignores them
	h.postAnalyze(id, files, mapping)
}

func (h *browserHost) postAnalyze(id int, files []*InputFile, mapping Mapping) {
	m := workerMessage("analyze", id)
	handles := make([]any, len(files))
	names := make([]any, len(files))
	for i, f := range files {
		handles[i] = f.Handle.(js.Value)
		names[i] = f.Name
	}
	m.Set("files", js.ValueOf(handles))
	m.Set("names", js.ValueOf(names))
	m.Set("mapping", jsonValue(mapping))
	h.post(m)
}

// Cancel implements Host.
func (h *browserHost) Cancel(id int) {
	if r := h.ahead; r != nil && r.adopted == id {
		id = r.id
	}
	h.post(workerMessage("cancel", id))
}

// Query implements Host.
func (h *browserHost) Query(id int, query any) {
	m := workerMessage("query", id)
	m.Set("query", jsonValue(query))
	h.post(m)
}

// LoadDemo implements Host. The caller holds the render lock: files
// fetched before are handed over at once, in the same render as the click.
func (h *browserHost) LoadDemo(done func([]*InputFile, error)) {
	if h.demo.files != nil {
		done(h.demo.files, nil)
		return
	}
	h.demo.wait = append(h.demo.wait, func(files []*InputFile, err error) {
		h.update(func(a *App) { done(files, err) })
	})
	h.fetchDemo()
}

// PrepareDemo implements Host.
func (h *browserHost) PrepareDemo(ahead bool) {
	if h.demo.files == nil {
		h.demo.ahead = h.demo.ahead || ahead
		h.fetchDemo()
		h.warmRegionNames()
		return
	}
	if ahead {
		h.analyseAhead()
	}
}

// analyseAhead posts the demo's analysis before the click, unless one is
// running or held already; the caller holds the render lock.
func (h *browserHost) analyseAhead() {
	if !h.worker.Truthy() || !h.app.DemoAhead() || h.demo.files == nil || (h.ahead != nil && h.ahead.adopted == 0) {
		return
	}
	h.aid--
	h.ahead = &demoRun{id: h.aid, files: h.demo.files}
	h.postAnalyze(h.aid, h.demo.files, Mapping{})
}

// adoptAhead makes the run ahead the App's run id, when that is an analysis
// of the same demo files without a mapping, and hands its held messages to
// the App after this update. False when there is no such run.
func (h *browserHost) adoptAhead(id int, files []*InputFile, mapping Mapping) bool {
	r := h.ahead
	if r == nil || r.adopted != 0 || len(files) != len(r.files) || mapping.DefaultCountry != "" || mapping.SurveyRounds != "" || len(mapping.Files) != 0 {
		return false
	}
	for i := range files {
		if files[i] != r.files[i] {
			return false
		}
	}
	r.adopted, r.draining = id, true
	// Messages that arrive meanwhile join the held ones (route), so the App
	// sees them all in the engine's order, in one render.
	h.update(func(a *App) {
		for len(r.held) > 0 {
			m := r.held[0]
			r.held = r.held[1:]
			m.ID = id
			a.OnMessage(m)
		}
		r.held, r.draining = nil, false
	})
	return true
}

// dropAhead stops the demo's run ahead, unless the click took it over: the
// visitor chose files of their own instead.
func (h *browserHost) dropAhead() {
	if r := h.ahead; r != nil && r.adopted == 0 {
		h.ahead = nil
		h.post(workerMessage("cancel", r.id)) // its "cancelled" reaches the App, which ignores it
	}
}

// route sees a message of the engine before the App does: one of the run
// ahead is held back until that run is adopted, then carries the App's id.
// False when the message is held.
func (h *browserHost) route(m *Message) bool {
	r := h.ahead
	if r == nil || m.ID != r.id {
		return true
	}
	if r.adopted == 0 || r.draining {
		r.held = append(r.held, *m)
		return false
	}
	m.ID = r.adopted
	return true
}

// warmRegionNames makes the page language's Intl.DisplayNames in a task of
// its own: its first use loads the browser's region names (about 100 ms on
// a slow machine), which would otherwise lengthen the task that draws the
// demo's Overview (its countries chart).
func (h *browserHost) warmRegionNames() {
	lang := h.app.Lang
	if _, ok := h.names[lang]; ok {
		return
	}
	var fn js.Func
	fn = js.FuncOf(func(js.Value, []js.Value) any {
		fn.Release()
		h.regionName(lang, "SA")
		return nil
	})
	js.Global().Call("setTimeout", fn, 0)
}

// fetchDemo fetches the demo files, unless a fetch is under way, and hands
// them to the waiting LoadDemo calls.
func (h *browserHost) fetchDemo() {
	if h.demo.busy {
		return
	}
	h.demo.busy = true
	h.fetchDemoFiles(func(files []*InputFile, err error) {
		h.demo.busy = false
		if err == nil {
			h.demo.files = files
		}
		wait := h.demo.wait
		h.demo.wait = nil
		for _, done := range wait {
			done(files, err)
		}
		if h.demo.ahead && err == nil {
			h.demo.ahead = false
			go func() {
				h.env.Lock()
				defer h.env.UnlockOnly()
				h.analyseAhead() // DemoAhead is asked again: the page may have moved on
			}()
		}
	})
}

// fetchDemoFiles fetches the files /demo/index.json lists (same origin),
// each as a Blob, and calls finish on the JavaScript event loop. Paths are
// absolute so they do not depend on the page's path.
func (h *browserHost) fetchDemoFiles(finish func([]*InputFile, error)) {
	h.fetch("/demo/index.json", "text", func(v js.Value, err error) {
		if err != nil {
			finish(nil, err)
			return
		}
		names, err := demoIndex(v.String())
		if err != nil {
			finish(nil, err)
			return
		}
		files := make([]*InputFile, len(names))
		left := len(names)
		failed := false
		for i, e := range names {
			h.fetch("/"+e.Path, "blob", func(b js.Value, err error) {
				if failed {
					return
				}
				if err != nil {
					failed = true
					finish(nil, err)
					return
				}
				files[i] = &InputFile{Name: e.Name, Size: int64(b.Get("size").Float()), Handle: b}
				left--
				if left == 0 {
					finish(files, nil)
				}
			})
		}
	})
}

// fetch gets a same-origin URL as "text" or "blob" and calls back on the JS
// event loop.
func (h *browserHost) fetch(url, as string, cb func(js.Value, error)) {
	var then, fail, body js.Func
	release := func() { then.Release(); fail.Release(); body.Release() }
	fail = js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "network error"
		if len(args) > 0 {
			msg = args[0].Call("toString").String()
		}
		release()
		cb(js.Undefined(), fmt.Errorf("%s: %s", url, msg))
		return nil
	})
	body = js.FuncOf(func(this js.Value, args []js.Value) any {
		release()
		cb(args[0], nil)
		return nil
	})
	then = js.FuncOf(func(this js.Value, args []js.Value) any {
		r := args[0]
		if !r.Get("ok").Bool() {
			release()
			cb(js.Undefined(), fmt.Errorf("%s: HTTP %d", url, r.Get("status").Int()))
			return nil
		}
		r.Call(as).Call("then", body, fail)
		return nil
	})
	opts := js.Global().Get("Object").New()
	opts.Set("credentials", "same-origin")
	js.Global().Call("fetch", url, opts).Call("then", then, fail)
}

// afterRender keeps what vugu does not manage in step with the state:
// <html lang dir> and the charts (rendered by static/charts.js).
func (h *browserHost) afterRender() {
	if h.app.Lang != h.lang {
		h.applyLanguage(h.app.Lang)
	}
	if c := js.Global().Get("qalbCharts"); c.Truthy() {
		c.Call("sync")
	}
	// A new page starts at its top, not at the previous page's scroll position.
	if shown := h.app.Page + js.Global().Get("location").Get("hash").String(); shown != h.shown {
		h.shown = shown
		js.Global().Call("scrollTo", 0, 0)
	}
	if sel := h.app.TakeFocus(); sel != "" {
		if el := js.Global().Get("document").Call("querySelector", sel); el.Truthy() {
			el.Call("focus")
		}
	}
}

// saveFile offers data as a download: a Blob URL on a temporary <a
// download>. The previous URL is released when the next file is saved.
func (h *browserHost) saveFile(name, mime string, data []byte) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	opts := js.Global().Get("Object").New()
	opts.Set("type", mime)
	blob := js.Global().Get("Blob").New(js.ValueOf([]any{arr}), opts)
	urls := js.Global().Get("URL")
	if h.lastDownload != "" {
		urls.Call("revokeObjectURL", h.lastDownload)
	}
	h.lastDownload = urls.Call("createObjectURL", blob).String()
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", h.lastDownload)
	a.Set("download", name)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
}
