package message

import (
	"fmt"
	"strings"
	"testing"
)

// Every message reads back as itself: code and arguments.
func TestMessagesRoundTrip(t *testing.T) {
	samples := [][]any{nil, {12}, {3, 10}, {`"Email"`, 4, `"Email (2)"`}, {7, 9, 7, 9}}
	texts := []any{"the file could not be read: unexpected EOF", `"orders"`, "sheet 2, row 5", "{\"a\": [1, 2"}
	for code, format := range Texts {
		n := strings.Count(format, "{")
		if strings.Contains(format, "({…})") {
			n-- // a literal brace in the text
		}
		for _, args := range [][]any{samples[min(n, len(samples)-1)], texts[:min(n, len(texts))]} {
			if len(args) != n {
				continue
			}
			text := Format(code, args...)
			got, gotArgs, ok := Parse(text)
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
	if _, _, ok := Parse("something nobody wrote"); ok {
		t.Error("an unknown text was read as a message")
	}
	if _, _, ok := Parse("the row has  fields but the header has 3"); ok {
		t.Error("an empty argument was accepted")
	}
}

// CodeOf finds the same code as Parse for every message.
func TestCodeOf(t *testing.T) {
	for code, format := range Texts {
		n := strings.Count(format, "{")
		args := make([]any, n)
		for i := range args {
			args[i] = fmt.Sprint("x", i)
		}
		text := Format(code, args...)
		want, _, _ := Parse(text)
		if got, ok := CodeOf(text); !ok || got != want {
			t.Errorf("CodeOf(%q) = %q, want %q", text, got, want)
		}
	}
	if _, ok := CodeOf("something nobody wrote"); ok {
		t.Error("an unknown text has a code")
	}
}
