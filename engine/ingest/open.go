package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/qalbhq/qalb/engine/message"
)

// Info says how a file was read.
type Info struct {
	Format     Format   `json:"format"`
	Encoding   string   `json:"encoding"`            // "utf-8", "utf-16le", "utf-16be", "windows-1256", "windows-1252"
	Delimiter  string   `json:"delimiter,omitempty"` // CSV only
	HeaderRows int      `json:"headerRows"`          // 2 for SurveyMonkey's two header rows, else 1 (0 for JSON)
	Notes      []string `json:"notes,omitempty"`     // human-readable remarks, e.g. "header row 2 merged (SurveyMonkey)"
}

// Open sniffs the format (from fm.Format, else the name's extension, else the first bytes),
// the encoding (BOM, UTF-8 validity, else Windows-1256 vs Windows-1252 by byte statistics;
// fm.Encoding overrides) and, for CSV, the delimiter (, ; tab | — fm.Delimiter overrides),
// and returns a streaming RowReader. name is used only for sniffing and messages.
//
// Only the first 64 KiB are looked at to decide; they are then read again by
// the reader, so nothing but an XLSX file (which needs random access) is held
// in memory whole. A file whose content is a zip archive is read as XLSX
// whatever its extension says, and a .json file holding one object per line
// is read as NDJSON. Errors are user-facing sentences that start with name.
//
// The XLSX reader also implements io.Closer: call Close when stopping before
// io.EOF to end its background parsing at once (if not, it is ended when the
// reader is garbage collected).
func Open(name string, r io.Reader, fm FileMapping) (RowReader, Info, error) {
	var info Info
	br := bufio.NewReaderSize(r, encSampleSize)
	sample, perr := br.Peek(encSampleSize)
	whole := perr != nil
	if perr != nil && perr != io.EOF && perr != bufio.ErrBufferFull {
		if len(sample) == 0 {
			return nil, info, fmt.Errorf("%s: %s", name, message.Format("fileUnreadable", perr))
		}
	}
	if len(sample) == 0 {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("empty"))
	}

	format := fm.Format
	switch format {
	case "", CSV, JSON, NDJSON, XLSX:
	default:
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("unknownFormat", strconv.Quote(string(format))))
	}
	ext := openExt(name)
	isZip := bytes.HasPrefix(sample, []byte("PK\x03\x04")) || bytes.HasPrefix(sample, []byte("PK\x05\x06"))
	isOLE := bytes.HasPrefix(sample, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	if format == "" {
		switch {
		case isZip:
			format = XLSX
			if ext != ".xlsx" && ext != ".xlsm" {
				info.Notes = append(info.Notes, message.Format("readAsExcel"))
			}
		case ext == ".xlsx" || ext == ".xlsm":
			format = XLSX
		case ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".tab":
			format = CSV
		case ext == ".ndjson" || ext == ".jsonl" || ext == ".ldjson":
			format = NDJSON
		}
	}
	if isOLE {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("oldExcel"))
	}
	if bytes.HasPrefix(sample, []byte{0x1F, 0x8B}) {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("gzip"))
	}
	if format == XLSX {
		if !isZip {
			if e, _, _ := encDetect(sample, whole); encBinaryAt(sample, e, 0) < 0 {
				return nil, info, fmt.Errorf("%s: %s", name, message.Format("xlsxIsText"))
			}
			return nil, info, fmt.Errorf("%s: %s", name, message.Format("xlsxNotZip"))
		}
		rr, xinfo, err := openXLSX(name, br)
		xinfo.Notes = append(info.Notes, xinfo.Notes...)
		return rr, xinfo, err
	}
	if isZip {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("zipNotText"))
	}

	// Text: encoding.
	enc, bom, badUTF8 := encDetect(sample, whole)
	if fm.Encoding != "" {
		e, ok := encNormalize(fm.Encoding)
		if !ok {
			return nil, info, fmt.Errorf("%s: unknown encoding %q (expected utf-8, utf-16le, utf-16be, windows-1256 or windows-1252)", name, fm.Encoding)
		}
		if be, n := encBOM(sample); be == e || (be == encUTF8 && n > 0 && e == encUTF8) {
			bom = n
		} else {
			bom = 0
		}
		enc, badUTF8 = e, false
	}
	if at := encBinaryAt(sample, enc, bom); at >= 0 {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("binary", int(at)))
	}
	if badUTF8 {
		info.Notes = append(info.Notes, message.Format("invalidUTF8"))
	}
	text := encDecodeSample(sample[bom:], enc)
	if enc == encUTF8 && bytes.HasPrefix(text, []byte("\xEF\xBB\xBF")) {
		text = text[3:]
		bom += 3
	}
	if len(bytes.TrimSpace(text)) == 0 && whole {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("empty"))
	}

	// Text: format from the content when neither the mapping nor the
	// extension decided it (".json" may hold an array or one object per line).
	if format == "" {
		format = openSniffText(text, ext == ".json")
	} else if format == NDJSON && fm.Format == "" && bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n\f\v"), []byte("[")) {
		format = JSON // a JSON array named .ndjson or .jsonl
	}
	if _, err := br.Discard(bom); err != nil {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("fileUnreadable", err))
	}
	src := encReader(br, enc)
	info.Format, info.Encoding = format, enc

	switch format {
	case CSV:
		var delim byte
		if fm.Delimiter != "" {
			d, err := openDelimiter(fm.Delimiter)
			if err != nil {
				return nil, info, fmt.Errorf("%s: %v", name, err)
			}
			delim = d
		}
		if delim == 0 && ext == ".tsv" {
			delim = '\t'
		}
		if delim == 0 && spaceAligned(text) {
			src, delim = newSpacesToTabs(src), '\t'
			info.Notes = append(info.Notes, message.Format("spaceAligned"))
		}
		c, err := newCSVReader(src, delim)
		if err != nil {
			return nil, info, fmt.Errorf("%s: %v", name, err)
		}
		c.base = int64(bom)
		info.Delimiter = string(c.comma)
		info.HeaderRows = c.headerRows
		info.Notes = append(info.Notes, c.notes...)
		return c, info, nil
	case JSON, NDJSON:
		j, err := newJSONReader(src, format)
		if err != nil {
			return nil, info, fmt.Errorf("%s: %v", name, err)
		}
		info.Notes = append(info.Notes, j.notes...)
		return j, info, nil
	}
	return nil, info, fmt.Errorf("%s: %s", name, message.Format("unknownFormat", strconv.Quote(string(format))))
}

// openExt returns the lower-case extension of a file name (".csv").
func openExt(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || strings.ContainsAny(name[i:], `/\`) {
		return ""
	}
	return strings.ToLower(name[i:])
}

// openSniffText decides between CSV, JSON and NDJSON from decoded text:
// '[' starts JSON; '{' starts NDJSON when the first line is a whole object
// and another line follows, else JSON (one object, possibly holding the
// records array); anything else is CSV, or JSON (which will then say what is
// wrong) for a file named .json.
func openSniffText(text []byte, jsonExt bool) Format {
	t := bytes.TrimLeft(text, " \t\r\n\f\v")
	if len(t) == 0 {
		return CSV
	}
	switch t[0] {
	case '[':
		return JSON
	case '{':
		nl := bytes.IndexByte(t, '\n')
		if nl < 0 {
			return JSON
		}
		first := bytes.TrimSpace(t[:nl])
		first = bytes.TrimSuffix(first, []byte(","))
		rest := bytes.TrimLeft(t[nl+1:], " \t\r\n\f\v")
		if len(rest) > 0 && rest[0] == '{' && gjson.ValidBytes(first) {
			return NDJSON
		}
		return JSON
	}
	if jsonExt {
		return JSON
	}
	return CSV
}

// openDelimiter parses FileMapping.Delimiter.
func openDelimiter(s string) (byte, error) {
	switch strings.ToLower(s) {
	case "\\t", "tab", "\t":
		return '\t', nil
	case "comma":
		return ',', nil
	case "semicolon":
		return ';', nil
	case "pipe":
		return '|', nil
	}
	if len(s) != 1 || s[0] >= utf8.RuneSelf {
		return 0, fmt.Errorf("the delimiter must be one ASCII character, not %s", strconv.Quote(s))
	}
	if s[0] == '"' || s[0] == '\n' || s[0] == '\r' {
		return 0, fmt.Errorf("%s cannot be a delimiter", strconv.Quote(s))
	}
	return s[0], nil
}

// openUniqueHeader trims header names, names empty ones "column N" (1-based)
// and makes duplicates unique as "Name (2)", "Name (3)" … The first
// occurrence keeps its name, and a generated name never takes one that is
// already in the header.
func openUniqueHeader(names []string) []string {
	out := make([]string, len(names))
	all := make(map[string]bool, len(names))
	for i, n := range names {
		n = strings.TrimSpace(strings.TrimPrefix(n, "\uFEFF"))
		if n == "" {
			n = "column " + strconv.Itoa(i+1)
		}
		out[i] = Shorten(n, MaxHeaderName)
		all[out[i]] = true
	}
	// Linear in the names however often one repeats: each name remembers
	// the next number to try (30,000 × "a" took 85 s when every repeat
	// counted up from 2).
	used := make(map[string]bool, len(names))
	next := map[string]int{}
	for i, n := range out {
		if !used[n] {
			used[n] = true
			continue
		}
		k := max(next[n], 2)
		for ; ; k++ {
			c := n + " (" + strconv.Itoa(k) + ")"
			if !used[c] && !all[c] {
				out[i] = c
				used[c] = true
				break
			}
		}
		next[n] = k + 1
	}
	return out
}

// openExcerpt quotes the start of a record for an error message.
func openExcerpt(b []byte, max int) string {
	b = bytes.TrimSpace(b)
	cut := false
	if len(b) > max {
		b = b[:max]
		b = b[:len(b)-encIncompleteTail(b)]
		cut = true
	}
	s := strings.ToValidUTF8(string(b), "�")
	if cut {
		s += "…"
	}
	return s
}
