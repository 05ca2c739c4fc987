//go:build !(js && wasm)

package main

import (
	"bytes"
	"errors"
	"strings"

	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"
)

// placeholder is the element of static/index.html that the pre-rendered
// landing page replaces: the app's mount point with its loading mark.
const placeholder = `<div id="app"><div class="boot" aria-busy="true"><span class="boot-mark"></span></div></div>`

// Prerender puts the landing page, rendered natively from the same
// components, into the site's index.html: English in the mount point and
// Arabic in a <template> that static/lang.js swaps in before the first
// paint. The page then shows the real interface at once; it stays inert
// until the wasm interface takes the DOM over and, in its first render,
// drops the id, data-prerendered and inert attributes it did not set.
func Prerender(index []byte) ([]byte, error) {
	if bytes.Count(index, []byte(placeholder)) != 1 {
		return nil, errors.New("index.html: the app's mount point placeholder is missing or not unique")
	}
	var pre strings.Builder
	for _, lang := range []string{"en", "ar"} {
		html, err := renderLanding(lang)
		if err != nil {
			return nil, err
		}
		const root = `<div class="app" `
		if !strings.HasPrefix(html, root) {
			return nil, errors.New("prerender: the root component no longer starts with " + root)
		}
		html = `<div id="app" data-prerendered inert class="app" ` + html[len(root):]
		if lang == "en" {
			pre.WriteString(html)
		} else {
			pre.WriteString(`<template id="landing-` + lang + `">` + html + `</template>`)
		}
	}
	return bytes.Replace(index, []byte(placeholder), []byte(pre.String()), 1), nil
}

func renderLanding(lang string) (string, error) {
	var buf bytes.Buffer
	r := staticrender.New(&buf)
	env, err := vugu.NewBuildEnv(r.EventEnv())
	if err != nil {
		return "", err
	}
	if err := r.Render(env.RunBuild(&Root{App: NewApp(nil, lang)})); err != nil {
		return "", err
	}
	return strings.TrimSpace(buf.String()), nil
}
