package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/message"
)

// Every code the package writes is in Messages, and every message is
// written somewhere.
func TestMessagesUsed(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	engine, _ := filepath.Glob("../*.go") // the engine writes the predictions' texts
	files = append(files, engine...)
	call := regexp.MustCompile(`message\.Format\("([A-Za-z0-9]+)"`)
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
		if _, ok := message.Texts[code]; !ok {
			t.Errorf("message.Format(%q) has no text", code)
		}
	}
	for code := range message.Texts {
		if !slices.Contains(used, code) {
			t.Errorf("message %q is never written", code)
		}
	}
}
