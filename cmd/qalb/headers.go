package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
)

// runHeaders prints the security headers of `qalb serve` as a Cloudflare
// `_headers` file, so the hosted site (Workers static assets) carries the
// same Content-Security-Policy as the self-hosted one. The site build
// writes it into site/dist.
func runHeaders(w io.Writer) error {
	hd := http.Header{}
	setPageHeaders(hd)
	fmt.Fprintln(w, "/*")
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range hd {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(w, "  %s: %s\n", k, hd.Get(k))
	}
	return nil
}
