// Package data holds the text analysis' resource files (lexicons and the
// Arabic model) embedded, for native programs: the CLI and tests. The
// browser's engine does not import it; its Worker fetches the same files
// from the site, which serves this directory's .txt files (scripts/site-build.sh).
package data

import (
	"embed"

	"github.com/qalbhq/qalb/engine/text"
)

//go:embed *.txt
var files embed.FS

// Load returns a resource file by name: a text.Loader.
func Load(name string) ([]byte, error) { return files.ReadFile(name) }

var _ text.Loader = Load
