//go:build !(js && wasm)

package main

import (
	"os"
	"strings"
	"testing"
)

func TestPrerender(t *testing.T) {
	index, err := os.ReadFile("static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Prerender(index)
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	if strings.Contains(html, placeholder) {
		t.Fatal("the placeholder is still there")
	}
	live, tmpl, ok := strings.Cut(html, `<template id="landing-ar">`)
	if !ok {
		t.Fatal("no Arabic template")
	}
	// the English landing is the page's mount point, inert until the wasm takes over
	mustHave(t, "page", live, `<div id="app" data-prerendered inert class="app" data-page="landing">`,
		`data-testid="file-input"`, `data-testid="demo"`, "Understand your customers without uploading them")
	mustHave(t, "Arabic template", tmpl, `<div id="app" data-prerendered inert class="app" data-page="landing">`,
		"افهم عملاءك دون رفع بياناتهم", `data-testid="file-input"`)
	if n := strings.Count(live, `id="app"`); n != 1 {
		t.Errorf("%d mount points outside the template", n)
	}
	// the scripts that take the page over are still there, lang.js after the landing
	if i, j := strings.Index(html, `<template id="landing-ar">`), strings.Index(html, `<script src="/lang.js">`); j < i {
		t.Error("lang.js must come after the pre-rendered landing and its template")
	}
	mustNotHave(t, "page", html, "<script>", "onclick=", "onload=")

	if _, err := Prerender([]byte("<html><body></body></html>")); err == nil {
		t.Error("an index.html without the placeholder was accepted")
	}
}
