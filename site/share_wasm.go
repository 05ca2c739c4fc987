//go:build js && wasm

package main

// The browser half of sharing (share.go): WebCrypto and the share API,
// called from Go through syscall/js promises. Every call here runs in its
// own goroutine (await blocks it, not the page) and reports back under the
// render lock through h.update.
//
// Envelope: AES-GCM with a 256-bit key made by crypto.subtle.generateKey,
// a random 96-bit IV from crypto.getRandomValues, a 128-bit tag; the stored
// bytes are IV ‖ ciphertext ‖ tag. The raw key goes into the link's
// #fragment (base64url) and nowhere else.

import (
	"encoding/json"
	"strconv"
	"syscall/js"
)

const ivBytes = 12

// await waits for a promise. Never call it from inside a js.FuncOf
// callback: only from a goroutine of its own.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(this js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	fail = js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "rejected"
		if len(args) > 0 {
			msg = jsErrorText(args[0])
		}
		ch <- result{err: &jsError{msg}}
		return nil
	})
	p.Call("then", ok, fail)
	r := <-ch
	ok.Release()
	fail.Release()
	return r.v, r.err
}

type jsError struct{ msg string }

func (e *jsError) Error() string { return e.msg }

func jsErrorText(v js.Value) string {
	defer func() { recover() }()
	if v.Type() == js.TypeObject {
		name, msg := v.Get("name"), v.Get("message")
		if name.Type() == js.TypeString && msg.Type() == js.TypeString {
			return name.String() + ": " + msg.String()
		}
	}
	return v.Call("toString").String()
}

func subtleCrypto() (crypto, subtle js.Value, err error) {
	crypto = js.Global().Get("crypto")
	if !crypto.Truthy() || !crypto.Get("subtle").Truthy() || !js.Global().Get("isSecureContext").Truthy() {
		return js.Value{}, js.Value{}, ErrNoCrypto
	}
	return crypto, crypto.Get("subtle"), nil
}

func uint8Array(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// goBytes copies an ArrayBuffer or a typed array into Go.
func goBytes(v js.Value) []byte {
	if !v.InstanceOf(js.Global().Get("Uint8Array")) {
		v = js.Global().Get("Uint8Array").New(v)
	}
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	return b
}

func gcmParams(iv js.Value) js.Value {
	return js.ValueOf(map[string]any{"name": "AES-GCM", "iv": iv, "tagLength": 128})
}

// request makes a same-origin request to the share API and returns the
// response, or a NetworkError or an HTTPError for anything but 2xx.
func request(method, url string, body js.Value, headers map[string]any) (js.Value, error) {
	opts := map[string]any{
		"method":      method,
		"credentials": "same-origin",
		"cache":       "no-store",
		"redirect":    "error",
		"headers":     headers,
	}
	if !body.IsUndefined() {
		opts["body"] = body
	}
	resp, err := await(js.Global().Call("fetch", url, js.ValueOf(opts)))
	if err != nil {
		return js.Value{}, &NetworkError{Err: err.Error()}
	}
	if !resp.Get("ok").Bool() {
		he := &HTTPError{Status: resp.Get("status").Int()}
		if t, err := await(resp.Call("text")); err == nil && t.Type() == js.TypeString {
			var e struct {
				Error string `json:"error"`
			}
			if json.Unmarshal([]byte(t.String()), &e) == nil {
				he.Message = e.Error
			}
		}
		return js.Value{}, he
	}
	return resp, nil
}

// UploadShared implements Host.
func (h *browserHost) UploadShared(plain []byte, ttl int, done func(Upload, error)) {
	go func() {
		up, err := uploadShared(plain, ttl)
		h.update(func(a *App) { done(up, err) })
	}()
}

func uploadShared(plain []byte, ttl int) (Upload, error) {
	crypto, subtle, err := subtleCrypto()
	if err != nil {
		return Upload{}, err
	}
	key, err := await(subtle.Call("generateKey",
		js.ValueOf(map[string]any{"name": "AES-GCM", "length": 256}), true, js.ValueOf([]any{"encrypt"})))
	if err != nil {
		return Upload{}, err
	}
	raw, err := await(subtle.Call("exportKey", "raw", key))
	if err != nil {
		return Upload{}, err
	}
	iv := js.Global().Get("Uint8Array").New(ivBytes)
	crypto.Call("getRandomValues", iv)
	ct, err := await(subtle.Call("encrypt", gcmParams(iv), key, uint8Array(plain)))
	if err != nil {
		return Upload{}, err
	}
	sealed := js.Global().Get("Uint8Array").New(ct)
	body := js.Global().Get("Uint8Array").New(ivBytes + sealed.Get("length").Int())
	body.Call("set", iv)
	body.Call("set", sealed, ivBytes)

	resp, err := request("POST", "/api/reports?ttl="+strconv.Itoa(ttl), body,
		map[string]any{"Content-Type": "application/octet-stream"})
	if err != nil {
		return Upload{}, err
	}
	t, err := await(resp.Call("text"))
	if err != nil {
		return Upload{}, &NetworkError{Err: err.Error()}
	}
	var ans struct {
		ID          string `json:"id"`
		DeleteToken string `json:"deleteToken"`
		Expires     string `json:"expires"`
	}
	if err := json.Unmarshal([]byte(t.String()), &ans); err != nil {
		return Upload{}, err
	}
	return Upload{ID: ans.ID, DeleteToken: ans.DeleteToken, Expires: ans.Expires, Key: goBytes(raw)}, nil
}

// DeleteShared implements Host.
func (h *browserHost) DeleteShared(id, token string, done func(error)) {
	go func() {
		_, err := request("DELETE", "/api/reports/"+id, js.Undefined(),
			map[string]any{"Authorization": "Bearer " + token})
		h.update(func(a *App) { done(err) })
	}()
}

// OpenShared implements Host.
func (h *browserHost) OpenShared(id string, key []byte, done func([]byte, string, error)) {
	go func() {
		plain, expires, err := openShared(id, key)
		h.update(func(a *App) { done(plain, expires, err) })
	}()
}

func openShared(id string, key []byte) ([]byte, string, error) {
	_, subtle, err := subtleCrypto()
	if err != nil {
		return nil, "", err
	}
	resp, err := request("GET", "/api/reports/"+id, js.Undefined(), map[string]any{})
	if err != nil {
		return nil, "", err
	}
	expires := ""
	if v := resp.Get("headers").Call("get", "X-Report-Expires"); v.Type() == js.TypeString {
		expires = v.String()
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, "", &NetworkError{Err: err.Error()}
	}
	all := js.Global().Get("Uint8Array").New(buf)
	n := all.Get("length").Int()
	if n < ivBytes+16 {
		return nil, "", ErrDecrypt
	}
	k, err := await(subtle.Call("importKey", "raw", uint8Array(key),
		js.ValueOf(map[string]any{"name": "AES-GCM"}), false, js.ValueOf([]any{"decrypt"})))
	if err != nil {
		return nil, "", ErrDecrypt
	}
	pt, err := await(subtle.Call("decrypt", gcmParams(all.Call("subarray", 0, ivBytes)), k, all.Call("subarray", ivBytes)))
	if err != nil {
		return nil, "", ErrDecrypt // OperationError: the tag does not match
	}
	return goBytes(pt), expires, nil
}

// CopyText implements Host. writeText is called now, inside the click that
// asked for it, and awaited in a goroutine.
func (h *browserHost) CopyText(text, selector string, done func(bool)) {
	var p js.Value
	func() {
		defer func() { recover() }()
		if c := js.Global().Get("navigator").Get("clipboard"); c.Truthy() && c.Get("writeText").Type() == js.TypeFunction {
			p = c.Call("writeText", text)
		}
	}()
	go func() {
		ok := false
		if p.Truthy() {
			_, err := await(p)
			ok = err == nil
		}
		if !ok {
			if el := js.Global().Get("document").Call("querySelector", selector); el.Truthy() {
				el.Call("focus")
				el.Call("select")
			}
		}
		h.update(func(a *App) { done(ok) })
	}()
}
