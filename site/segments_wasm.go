//go:build js && wasm

package main

import "syscall/js"

func init() {
	saveFile = saveFileJS
	openTextFile = openTextFileJS
}

// saveFileJS offers bytes as a download: a Blob, an object URL and a
// temporary <a download> clicked from Go. Nothing leaves the browser, and
// no inline script or style is involved (CSP-safe).
func saveFileJS(name, mime string, data []byte) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	opts := js.Global().Get("Object").New()
	opts.Set("type", mime)
	blob := js.Global().Get("Blob").New(js.Global().Get("Array").Call("of", arr), opts)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Set("hidden", true)
	a.Call("setAttribute", "data-testid", "segment-download")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	var release js.Func
	release = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		a.Call("remove")
		release.Release()
		return nil
	})
	js.Global().Call("setTimeout", release, 60_000)
}

// openTextFileJS lets the user pick a small text file (a saved rule) and
// hands its text to done. The rule file is a few hundred bytes of the
// user's own JSON, not customer data, so it is read here, not in the worker.
func openTextFileJS(done func(text string)) {
	doc := js.Global().Get("document")
	in := doc.Call("createElement", "input")
	in.Set("type", "file")
	in.Set("accept", ".json,application/json")
	var onChange, onText js.Func
	onText = js.FuncOf(func(_ js.Value, args []js.Value) any {
		done(args[0].String())
		onText.Release()
		return nil
	})
	onChange = js.FuncOf(func(js.Value, []js.Value) any {
		onChange.Release()
		files := in.Get("files")
		if files.Length() > 0 {
			files.Index(0).Call("text").Call("then", onText)
		}
		return nil
	})
	in.Call("addEventListener", "change", onChange)
	in.Call("click")
}
