package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestHeadersFileCarriesTheCSP(t *testing.T) {
	var b bytes.Buffer
	if err := runHeaders(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "/*\n") || !strings.Contains(out, "  Content-Security-Policy: "+ContentSecurityPolicy+"\n") ||
		!strings.Contains(out, "connect-src 'self'") || !strings.Contains(out, "  X-Content-Type-Options: nosniff\n") {
		t.Errorf("_headers file:\n%s", out)
	}
}
