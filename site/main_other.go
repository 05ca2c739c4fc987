//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// The UI runs in a browser. Natively this package is built for its tests
// and, at site build time, to pre-render the landing page into index.html:
//
//	go run ./site prerender IN.html OUT.html
func main() {
	if len(os.Args) == 4 && os.Args[1] == "prerender" {
		if err := prerenderFile(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "site:", err)
			os.Exit(1)
		}
		return
	}
	fmt.Fprintln(os.Stderr, "site: build with GOOS=js GOARCH=wasm (scripts/site-build.sh), or: go run ./site prerender IN.html OUT.html")
	os.Exit(2)
}

func prerenderFile(in, out string) error {
	index, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	html, err := Prerender(index)
	if err != nil {
		return err
	}
	return os.WriteFile(out, html, 0o644)
}
