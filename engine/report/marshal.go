package report

import (
	"bytes"
	"encoding/json"
)

// Marshal is the Report as the file `qalb analyze -o` writes and the
// browser's "Download report (JSON)" saves: indented by two spaces, HTML
// characters not escaped, a final newline. Both call it, so the bytes are
// the same.
func Marshal(r *Report) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
