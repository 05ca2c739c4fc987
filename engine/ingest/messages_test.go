package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every message reads back as itself: code and arguments.
func TestMessagesRoundTrip(t *testing.T) {
	samples := [][]any{nil, {12}, {3, 10}, {`"Email"`, 4, `"Email (2)"`}, {7, 9, 7, 9}}
	texts := []any{"the file could not be read: unexpected EOF", `"orders"`, "sheet 2, row 5", "{\"a\": [1, 2"}
	for code, format := range Messages {
		n := strings.Count(format, "{")
		if strings.Contains(format, "({…})") {
			n-- // a literal brace in the text
		}
		for _, args := range [][]any{samples[min(n, len(samples)-1)], texts[:min(n, len(texts))]} {
			if len(args) != n {
				continue
			}
			text := msg(code, args...)
			got, gotArgs, ok := ParseMessage(text)
			if !ok || got != code || len(gotArgs) != n {
				t.Errorf("%s: %q read back as %q %q (ok %v)", code, text, got, gotArgs, ok)
				continue
			}
			for i, a := range args {
				if gotArgs[i] != fmt.Sprint(a) {
					t.Errorf("%s: argument %d read back as %q, want %q", code, i, gotArgs[i], fmt.Sprint(a))
				}
			}
			if strings.Contains(text, "{0}") {
				t.Errorf("%s: placeholder left in %q", code, text)
			}
		}
	}
	if _, _, ok := ParseMessage("something nobody wrote"); ok {
		t.Error("an unknown text was read as a message")
	}
	if _, _, ok := ParseMessage("the row has  fields but the header has 3"); ok {
		t.Error("an empty argument was accepted")
	}
}

// Every code the package writes is in Messages, and every message is
// written somewhere.
func TestMessagesUsed(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`msg\("([A-Za-z0-9]+)"`)
	var used []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			used = append(used, m[1])
		}
	}
	for _, code := range used {
		if _, ok := Messages[code]; !ok {
			t.Errorf("msg(%q) has no text", code)
		}
	}
	for code := range Messages {
		if !slices.Contains(used, code) {
			t.Errorf("message %q is never written", code)
		}
	}
}
