//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// The UI only runs in a browser; natively this package is built for its tests.
func main() {
	fmt.Fprintln(os.Stderr, "site: build with GOOS=js GOARCH=wasm (scripts/site-build.sh)")
	os.Exit(2)
}
