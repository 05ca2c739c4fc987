package engine

// Analyze over fixtures/hostile, one file at a time and all together: no
// panic; every file is either refused with a clear sentence or read with
// every row accounted for (the expectations are those of the directory's
// README); and script, HTML, formula and control-character payloads come
// back byte for byte in the profiles. Escaping is the UI's job and formula
// guarding the CSV exporter's: the engine keeps text as text.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

const hstDir = "../fixtures/hostile"

// hstFiles lists the hostile files: every file of the directory but the
// README and the generator. The README's sections must each have a file.
func hstFiles(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(hstDir, "README.md"))
	if err != nil {
		t.Fatalf("the hostile fixtures are missing: %v", err)
	}
	entries, err := os.ReadDir(hstDir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && e.Name() != "README.md" {
			files = append(files, e.Name())
		}
	}
	for _, m := range regexp.MustCompile(`(?m)^## (\S+) —`).FindAllSubmatch(readme, -1) {
		if !slices.Contains(files, string(m[1])) {
			t.Errorf("the README describes %s, which is not in %s", m[1], hstDir)
		}
	}
	if len(files) == 0 {
		t.Fatalf("no files in %s", hstDir)
	}
	return files
}

func hstInput(name string) Input {
	path := filepath.Join(hstDir, name)
	var size int64
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	return Input{Name: name, Size: size, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// hstAnalyze runs Analyze, turning a panic into a test failure that names the files.
func hstAnalyze(t *testing.T, names ...string) (s *Session) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("Analyze(%q) panicked: %v", names, p)
		}
	}()
	var in []Input
	for _, n := range names {
		in = append(in, hstInput(n))
	}
	s, err := Analyze(context.Background(), in, Options{}, nil)
	if err != nil {
		t.Fatalf("Analyze(%q): %v", names, err)
	}
	return s
}

// hstSource returns the report's entry for file, and its loaded source (nil
// when the file was refused).
func hstSource(t *testing.T, s *Session, file string) (report.Source, *ingest.Source) {
	t.Helper()
	var rs *report.Source
	for i := range s.Report.Sources {
		if s.Report.Sources[i].File == file {
			if rs != nil {
				t.Fatalf("%s is in the report twice", file)
			}
			rs = &s.Report.Sources[i]
		}
	}
	if rs == nil {
		t.Fatalf("%s is not in the report's sources", file)
	}
	for _, src := range s.sources {
		if src.File == file {
			return *rs, src
		}
	}
	return *rs, nil
}

// hstOracle is how to read a hostile CSV file with the standard library, to
// know what the engine must keep, and which of its columns hold what.
type hstOracle struct {
	enc                 encoding.Encoding
	comma               rune
	email, first, last  string
	name, company, city string
	phone, comment      string
	commentInTimeline   bool
}

var hstOracles = map[string]hstOracle{
	"html_script_names.csv": {enc: encoding.Nop, comma: ',', email: "email", first: "first_name", last: "last_name",
		company: "company", comment: "comment"},
	"formula_injection.csv": {enc: encoding.Nop, comma: ',', email: "email", name: "name", company: "company", phone: "phone"},
	"arabic_windows1256.csv": {enc: charmap.Windows1256, comma: ';', email: "البريد الإلكتروني", name: "الاسم",
		city: "المدينة", comment: "التعليق", commentInTimeline: true},
	"latin1_windows1252.csv": {enc: charmap.Windows1252, comma: ',', email: "Email", name: "Name", city: "City"},
	"utf16_contacts.csv": {enc: xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), comma: '\t',
		email: "Email", first: "First Name", last: "Last Name"},
}

// records decodes and parses file strictly (RFC 4180).
func (o hstOracle) records(t *testing.T, file string) (header []string, rows []map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(hstDir, file))
	if err != nil {
		t.Fatal(err)
	}
	text, err := o.enc.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	recs, err := hstParseCSV(bytes.TrimPrefix(text, []byte("\uFEFF")), byte(o.comma))
	if err != nil {
		t.Fatalf("%s is not the strict CSV the README says: %v", file, err)
	}
	header = recs[0]
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for j, h := range header {
			row[h] = rec[j]
		}
		rows = append(rows, row)
	}
	return header, rows
}

// hstParseCSV is a strict RFC 4180 reader that, unlike encoding/csv, keeps
// a CR before a line feed inside a quoted field: the file's bytes exactly.
// Empty lines between records are skipped.
func hstParseCSV(text []byte, comma byte) ([][]string, error) {
	var recs [][]string
	i, line := 0, 1
	for i < len(text) {
		if text[i] == '\n' {
			i++
			line++
			continue
		}
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i += 2
			line++
			continue
		}
		var rec []string
		for {
			var f []byte
			if i < len(text) && text[i] == '"' {
				start := line
				for i++; ; i++ {
					if i >= len(text) {
						return nil, fmt.Errorf("line %d: unterminated quoted field", start)
					}
					if text[i] == '"' {
						if i+1 < len(text) && text[i+1] == '"' {
							f = append(f, '"')
							i++
							continue
						}
						i++
						break
					}
					if text[i] == '\n' {
						line++
					}
					f = append(f, text[i])
				}
			} else {
				for i < len(text) && text[i] != comma && text[i] != '\n' && !(text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n') {
					if text[i] == '"' {
						return nil, fmt.Errorf("line %d: bare quote in an unquoted field", line)
					}
					f = append(f, text[i])
					i++
				}
			}
			rec = append(rec, string(f))
			if i >= len(text) {
				break
			}
			if text[i] == comma {
				i++
				continue
			}
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			if text[i] != '\n' {
				return nil, fmt.Errorf("line %d: text after a closing quote", line)
			}
			i++
			line++
			break
		}
		if len(recs) > 0 && len(rec) != len(recs[0]) {
			return nil, fmt.Errorf("line %d: %d fields, the header has %d", line-1, len(rec), len(recs[0]))
		}
		recs = append(recs, rec)
	}
	if len(recs) == 0 {
		return nil, errors.New("no header")
	}
	return recs, nil
}

// hstKeep is what the engine keeps of a cell: the text without the spaces
// around it (a cell's surrounding whitespace is not data), nothing else changed.
func hstKeep(v string) string { return strings.TrimSpace(v) }

// checkOracle compares every loaded text cell and every profile with the
// file's own text.
func (o hstOracle) check(t *testing.T, s *Session, file string) {
	t.Helper()
	header, rows := o.records(t, file)
	rs, src := hstSource(t, s, file)
	if src == nil {
		t.Errorf("%s was refused: %s", file, rs.Error)
		return
	}
	if rs.Rows.Used != len(rows) || rs.Rows.Rejected != 0 {
		t.Errorf("%s: rows %+v, want all %d used", file, rs.Rows, len(rows))
		return
	}
	// Table level: every text column, every row, byte for byte.
	for _, c := range src.Table.Columns {
		if !slices.Contains(header, c.Name) || c.Str == nil {
			continue
		}
		for i := range rows {
			want := hstKeep(rows[i][c.Name])
			got := ""
			if !c.IsNull(i) {
				got = s.strs.Value(c.Str[i])
			}
			if got != want {
				t.Errorf("%s row %d column %q: %q, want %q", file, i+1, c.Name, got, want)
			}
		}
	}
	// Profile level: find each row's customer by e-mail.
	for i, row := range rows {
		email := strings.ToLower(hstKeep(row[o.email]))
		page := s.Customers(CustomerQuery{Text: email, Limit: 500})
		var p *profile.Profile
		for _, c := range page.Customers {
			q, err := s.Customer(c.ID)
			if err != nil {
				t.Fatalf("%s: customer %d: %v", file, c.ID, err)
			}
			if slices.Contains(q.Identities.Emails, email) {
				p = q
			}
		}
		if p == nil {
			t.Errorf("%s row %d: no customer with e-mail %q (search found %d)", file, i+1, email, page.Total)
			continue
		}
		merged := len(p.Identities.Emails) > 1 // one person under two e-mails (same phone): several names
		name := ""
		if o.name != "" {
			name = hstKeep(row[o.name])
		} else {
			name = strings.TrimSpace(hstKeep(row[o.first]) + " " + hstKeep(row[o.last]))
		}
		if p.Name != name && !(merged && slices.Contains(p.Identities.Names, p.Name)) {
			t.Errorf("%s row %d: profile name %q, want %q", file, i+1, p.Name, name)
		}
		if !slices.Contains(p.Identities.Names, name) {
			t.Errorf("%s row %d: identity names %q lack %q", file, i+1, p.Identities.Names, name)
		}
		if o.company != "" && !merged && p.Firmographic.Company != hstKeep(row[o.company]) {
			t.Errorf("%s row %d: company %q, want %q", file, i+1, p.Firmographic.Company, hstKeep(row[o.company]))
		}
		if o.city != "" && !merged && p.Geography.City != hstKeep(row[o.city]) {
			t.Errorf("%s row %d: city %q, want %q", file, i+1, p.Geography.City, hstKeep(row[o.city]))
		}
		// A phone written in E.164 is its own key; local numbers depend on the default country.
		if ph := hstKeep(row[o.phone]); o.phone != "" && strings.HasPrefix(ph, "+") && !strings.ContainsAny(ph, " -()") && !slices.Contains(p.Identities.Phones, ph) {
			t.Errorf("%s row %d: phones %q lack %q", file, i+1, p.Identities.Phones, row[o.phone])
		}
		if o.comment != "" && o.commentInTimeline {
			comment := hstKeep(row[o.comment])
			found := false
			for _, tp := range p.Timeline {
				// Summaries may be shortened, never altered.
				found = found || strings.Contains(tp.Summary, comment)
				if cut, ok := strings.CutSuffix(tp.Summary, "…"); ok {
					part := cut[strings.LastIndex(cut, " · ")+len(" · "):]
					found = found || len(part) > 0 && strings.HasPrefix(comment, part)
				}
			}
			if !found {
				t.Errorf("%s row %d: no timeline entry holds the comment %q: %+v", file, i+1, comment, p.Timeline)
			}
			scored := false
			for _, sc := range p.Feedback.Scores {
				scored = scored || sc.Comment == comment
			}
			if !scored {
				t.Errorf("%s row %d: no feedback score carries the comment %q: %+v", file, i+1, comment, p.Feedback.Scores)
			}
		}
		hstRoundTrip(t, file, p)
	}
}

// hstRoundTrip: the JSON the UI receives decodes to the same text.
func hstRoundTrip(t *testing.T, file string, p *profile.Profile) {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Errorf("%s: profile %d does not marshal: %v", file, p.ID, err)
		return
	}
	var back profile.Profile
	if err := json.Unmarshal(b, &back); err != nil {
		t.Errorf("%s: profile %d JSON does not decode: %v", file, p.ID, err)
		return
	}
	again, _ := json.Marshal(&back)
	if !bytes.Equal(again, b) || back.Name != p.Name || back.Firmographic.Company != p.Firmographic.Company ||
		!slices.Equal(back.Identities.Names, p.Identities.Names) || len(back.Timeline) != len(p.Timeline) {
		t.Errorf("%s: profile %d changes through JSON", file, p.ID)
	}
	for i := range min(len(back.Timeline), len(p.Timeline)) {
		if back.Timeline[i].Summary != p.Timeline[i].Summary {
			t.Errorf("%s: profile %d: summary %q becomes %q through JSON", file, p.ID, p.Timeline[i].Summary, back.Timeline[i].Summary)
		}
	}
}

// hstLines returns the lines of the used rows and of the rejected ones.
func hstLines(src *ingest.Source, rs report.Source) (used, rejected []int) {
	if src != nil {
		for _, l := range src.Table.Lines.Slice() {
			used = append(used, int(l))
		}
	}
	for _, p := range rs.Rejected {
		rejected = append(rejected, p.Line)
	}
	sort.Ints(rejected)
	return used, rejected
}

// hstExpect checks one file against its README section.
var hstExpect = map[string]func(t *testing.T, s *Session){
	"empty.csv": func(t *testing.T, s *Session) {
		hstRefused(t, s, "empty.csv", "empty")
	},
	"binary_junk.csv": func(t *testing.T, s *Session) {
		hstRefused(t, s, "binary_junk.csv", "binary")
	},
	"header_only.csv": func(t *testing.T, s *Session) {
		rs, src := hstSource(t, s, "header_only.csv")
		if src == nil {
			t.Fatalf("header_only.csv refused: %s", rs.Error)
		}
		if rs.Rows != (report.RowCounts{}) {
			t.Errorf("header_only.csv: rows %+v, want none", rs.Rows)
		}
		roles := map[string]string{}
		for _, c := range rs.Columns {
			roles[c.Name] = c.Role
		}
		if want := map[string]string{"email": "email", "name": "full_name", "phone": "phone"}; !reflect.DeepEqual(roles, want) {
			t.Errorf("header_only.csv: roles %v, want %v", roles, want)
		}
		if len(rs.Notes) == 0 {
			t.Errorf("header_only.csv: no notice that the file has no rows")
		}
	},
	"not_json.json": func(t *testing.T, s *Session) {
		rs, src := hstSource(t, s, "not_json.json")
		if src == nil {
			if !strings.Contains(rs.Error, "truncated") && !strings.Contains(rs.Error, "ends") {
				t.Errorf("not_json.json refused without saying it is truncated: %q", rs.Error)
			}
			return
		}
		used, rejected := hstLines(src, rs)
		if !slices.Equal(used, []int{1, 2}) || !slices.Equal(rejected, []int{3}) {
			t.Errorf("not_json.json: used lines %v, rejected %v; want elements 1–2 used and the cut element (line 3) rejected", used, rejected)
		}
		if len(rs.Rejected) == 1 && !strings.Contains(rs.Rejected[0].Reason, "truncated") {
			t.Errorf("not_json.json: the rejection does not say the file is truncated: %q", rs.Rejected[0].Reason)
		}
	},
	"ndjson_broken_lines.ndjson": func(t *testing.T, s *Session) {
		const file = "ndjson_broken_lines.ndjson"
		rs, src := hstSource(t, s, file)
		if src == nil {
			t.Fatalf("%s refused: %s", file, rs.Error)
		}
		used, rejected := hstLines(src, rs)
		if !slices.Equal(used, []int{1, 2, 9, 12, 14}) {
			t.Errorf("%s: used lines %v, want [1 2 9 12 14]", file, used)
		}
		if !slices.Equal(rejected, []int{3, 4, 6, 7, 8, 10, 13}) {
			t.Errorf("%s: rejected lines %v, want [3 4 6 7 8 10 13]; rejected %+v", file, rejected, rs.Rejected)
		}
		if ev := src.Column(ingest.EventName); ev == nil || src.Table.Rows() != 5 {
			t.Errorf("%s: no events", file)
		} else {
			var got []string
			for i := range src.Table.Lines.Slice() {
				got = append(got, s.strs.Value(ev.Str[i]))
			}
			// The BOM before line 1 and the CR of line 9 are not part of the data.
			if want := []string{"page_view", "login", "add_to_cart", "page_view", "order_completed"}; !slices.Equal(got, want) {
				t.Errorf("%s: events %q, want %q", file, got, want)
			}
		}
		// user.name is read as the customer's name when the mapping says so
		// (whether "user name" is a person or a login is the user's call).
		named, err := Analyze(context.Background(), []Input{hstInput(file)}, Options{Mapping: ingest.Mapping{
			Files: map[string]ingest.FileMapping{file: {Columns: map[string]ingest.Role{"user.name": ingest.FullName}}}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		page := named.Customers(CustomerQuery{Text: "C-7"})
		if len(page.Customers) != 1 {
			t.Fatalf("%s: customer C-7: %+v", file, page)
		}
		p, _ := named.Customer(page.Customers[0].ID)
		if p.Name != "سارة" || !slices.Contains(p.Identities.Names, "سارة") {
			t.Errorf("%s: C-7 is named %q %q, want سارة", file, p.Name, p.Identities.Names)
		}
		if len(p.Timeline) != 1 || p.Timeline[0].Line != 12 || p.Timeline[0].File != file {
			t.Errorf("%s: C-7's timeline %+v, want one touchpoint at line 12", file, p.Timeline)
		}
	},
	"broken_quoting.csv": func(t *testing.T, s *Session) {
		const file = "broken_quoting.csv"
		rs, src := hstSource(t, s, file)
		if src == nil {
			t.Fatalf("%s refused: %s", file, rs.Error)
		}
		if len(src.Header) != 6 || src.Header[4] == "" || src.Header[5] == "name" || src.Header[1] != "name" {
			t.Errorf("%s: header %q: want 6 columns, the 5th named, the second name made unique", file, src.Header)
		}
		headerNote := false
		for _, n := range rs.Notes {
			headerNote = headerNote || strings.Contains(n, "header") || strings.Contains(n, "column")
		}
		if !headerNote {
			t.Errorf("%s: no warning that the header has an empty and a duplicate name (notes %q)", file, rs.Notes)
		}
		ids := map[int]string{} // line → id
		idCol := src.Table.Column("id")
		for i, l := range src.Table.Lines.Slice() {
			if idCol != nil && !idCol.IsNull(i) {
				ids[int(l)] = s.strs.Value(idCol.Str[i])
			} else {
				ids[int(l)] = "?"
			}
		}
		used, rejected := hstLines(src, rs)
		reported := func(line int) bool {
			if slices.Contains(rejected, line) {
				return true
			}
			for _, p := range rs.Issues {
				if p.Line == line {
					return true
				}
			}
			for _, n := range rs.Notes {
				if strings.Contains(n, fmt.Sprintf("line %d", line)) {
					return true
				}
			}
			return false
		}
		// Loaded, strict or lenient: ids 1, 5, 6, 10, 11, 12.
		for line, id := range map[int]string{2: "1", 6: "5", 8: "6", 12: "10", 13: "11", 15: "12"} {
			if ids[line] != id {
				t.Errorf("%s: line %d: id %q, want row id %s loaded", file, line, ids[line], id)
			}
		}
		// Rejected: the short and the long row and the record with the
		// unclosed quote; line 3's bare quote must at least be reported.
		for _, line := range []int{4, 5, 9} {
			if !slices.Contains(rejected, line) {
				t.Errorf("%s: line %d is not rejected (used lines %v → ids %v, rejected %v)", file, line, used, ids, rs.Rejected)
			}
		}
		if !reported(3) {
			t.Errorf("%s: line 3 (a bare quote in an unquoted field) is neither rejected nor reported", file)
		}
		for _, line := range used {
			if line != 3 && line != 10 && line != 11 && !slices.Contains([]int{2, 6, 8, 12, 13, 15}, line) {
				t.Errorf("%s: line %d (id %s) must not be loaded", file, line, ids[line])
			}
		}
		if rs.Rows.Read != rs.Rows.Used+rs.Rows.Rejected {
			t.Errorf("%s: rows %+v", file, rs.Rows)
		}
		// Eve's quoted name keeps its quotes; Frank's CRLF line leaves no \r.
		names := map[string]string{}
		for _, row := range s.Customers(CustomerQuery{Limit: 500}).Customers {
			names[row.Email] = row.Name
		}
		if names["eve@example.com"] != `Eve "The Quote" Example` || names["frank@example.com"] != "Frank Example" {
			t.Errorf("%s: names %q", file, names)
		}
		if n := src.Table.Column("note"); n != nil {
			for i := range src.Table.Lines.Slice() {
				if v := s.strs.Value(n.Str[i]); strings.ContainsRune(v, '\r') {
					t.Errorf("%s: note %q keeps a \\r", file, v)
				}
			}
		}
	},
	"html_script_names.csv": func(t *testing.T, s *Session) {
		rs, _ := hstSource(t, s, "html_script_names.csv")
		if rs.Rows != (report.RowCounts{Read: 14, Used: 14}) {
			t.Errorf("html_script_names.csv: rows %+v, want 14 used", rs.Rows)
		}
		if len(s.Report.Sources) == 1 && s.Report.Customers.Total != 14 {
			t.Errorf("html_script_names.csv: %d profiles, want 14", s.Report.Customers.Total)
		}
	},
	"arabic_windows1256.csv": func(t *testing.T, s *Session) {
		const file = "arabic_windows1256.csv"
		rs, _ := hstSource(t, s, file)
		if rs.Encoding != "windows-1256" || rs.Delimiter != ";" || rs.Rows.Used != 8 {
			t.Errorf("%s: encoding %q, delimiter %q, rows %+v; want windows-1256, ;, 8 used", file, rs.Encoding, rs.Delimiter, rs.Rows)
		}
		var roles []string
		for _, c := range rs.Columns {
			roles = append(roles, c.Role)
			if c.Role == "rating" && (c.Scale == nil || *c.Scale != (report.Scale{Min: 1, Max: 5})) {
				t.Errorf("%s: rating scale %+v, want 1–5", file, c.Scale)
			}
		}
		if want := []string{"customer_id", "full_name", "email", "city", "rating", "text"}; !slices.Equal(roles, want) {
			t.Errorf("%s: roles %q, want %q", file, roles, want)
		}
	},
	"utf16_contacts.csv": func(t *testing.T, s *Session) {
		rs, _ := hstSource(t, s, "utf16_contacts.csv")
		if rs.Encoding != "utf-16le" || rs.Delimiter != "\t" || rs.Rows.Used != 7 {
			t.Errorf("utf16_contacts.csv: encoding %q, delimiter %q, rows %+v; want utf-16le, tab, 7 used", rs.Encoding, rs.Delimiter, rs.Rows)
		}
	},
	"latin1_windows1252.csv": func(t *testing.T, s *Session) {
		const file = "latin1_windows1252.csv"
		rs, src := hstSource(t, s, file)
		if rs.Encoding != "windows-1252" || rs.Rows.Used != 8 {
			t.Errorf("%s: encoding %q, rows %+v; want windows-1252, 8 used", file, rs.Encoding, rs.Rows)
		}
		if src == nil {
			return
		}
		amount := src.Column(ingest.Amount)
		if want := []float64{12.5, 30, 45.9, 8, 19.99, 22, 15, 9}; amount == nil || !slices.Equal(amount.Float, want) || amount.Nulls.Count() != 0 {
			t.Errorf("%s: amounts %+v, want %v", file, amount, want)
		}
	},
	"formula_injection.csv": func(t *testing.T, s *Session) {
		const file = "formula_injection.csv"
		rs, src := hstSource(t, s, file)
		if src == nil {
			t.Fatalf("%s refused: %s", file, rs.Error)
		}
		amount := src.Column(ingest.Amount)
		if amount == nil {
			t.Fatalf("%s: no amount column; roles %+v", file, src.Roles)
		}
		want := []float64{10, 20, -12.5, 30, 40, 50, 60, -0.99, 70}
		if !slices.Equal(amount.Float, want) || amount.Nulls.Count() != 0 {
			t.Errorf("%s: amounts %v, want %v", file, amount.Float, want)
		}
	},
}

// hstRefused checks that file was refused with a sentence naming the problem.
func hstRefused(t *testing.T, s *Session, file, word string) {
	t.Helper()
	rs, src := hstSource(t, s, file)
	if src != nil {
		t.Errorf("%s was loaded (rows %+v), want it refused", file, rs.Rows)
		return
	}
	if !strings.HasPrefix(rs.Error, file+": ") || !strings.Contains(rs.Error, word) || len(rs.Error) < len(file)+15 {
		t.Errorf("%s refused with %q: want a sentence naming the file and saying %q", file, rs.Error, word)
	}
	if rs.Rows != (report.RowCounts{}) {
		t.Errorf("%s refused but counts rows %+v", file, rs.Rows)
	}
}

// hstGeneric holds for every file: refused with a message, or every row
// accounted for with lines and reasons.
func hstGeneric(t *testing.T, s *Session, file string) {
	t.Helper()
	rs, src := hstSource(t, s, file)
	if src == nil {
		if !strings.HasPrefix(rs.Error, file+": ") {
			t.Errorf("%s refused with %q: the message must start with the file name", file, rs.Error)
		}
		return
	}
	if rs.Error != "" {
		t.Errorf("%s loaded with an error %q", file, rs.Error)
	}
	if rs.Rows.Read != rs.Rows.Used+rs.Rows.Rejected || src.Table.Rows() != rs.Rows.Used {
		t.Errorf("%s: rows %+v, table %d rows", file, rs.Rows, src.Table.Rows())
	}
	for _, c := range src.Table.Columns {
		if c.Len() != src.Table.Rows() {
			t.Errorf("%s: column %q has %d values for %d rows", file, c.Name, c.Len(), src.Table.Rows())
		}
	}
	for _, p := range rs.Rejected {
		if p.Line < 1 || p.Reason == "" {
			t.Errorf("%s: rejected row without line or reason: %+v", file, p)
		}
	}
	n := 0
	for _, c := range rs.Reasons {
		n += c.Count
	}
	if n != rs.Rows.Rejected {
		t.Errorf("%s: reasons add up to %d, %d rejected", file, n, rs.Rows.Rejected)
	}
}

func hstCheckFile(t *testing.T, s *Session, file string) {
	hstGeneric(t, s, file)
	if o, ok := hstOracles[file]; ok {
		o.check(t, s, file)
	}
	if f, ok := hstExpect[file]; ok {
		f(t, s)
	}
	if _, ok := hstOracles[file]; !ok && hstExpect[file] == nil {
		t.Logf("%s: no file-specific expectations; generic checks only", file)
	}
}

// TestHostileFilesOneByOne analyses each hostile file alone.
func TestHostileFilesOneByOne(t *testing.T) {
	for _, file := range hstFiles(t) {
		t.Run(file, func(t *testing.T) {
			s := hstAnalyze(t, file)
			if len(s.Report.Sources) != 1 {
				t.Fatalf("%d sources for one file", len(s.Report.Sources))
			}
			hstCheckFile(t, s, file)
			if _, err := json.Marshal(s.Report); err != nil {
				t.Errorf("the report does not marshal: %v", err)
			}
		})
	}
}

// TestHostileFilesTogether analyses every hostile file in one analysis:
// one bad file affects nothing but itself.
func TestHostileFilesTogether(t *testing.T) {
	files := hstFiles(t)
	all := hstAnalyze(t, files...)
	if len(all.Report.Sources) != len(files) {
		t.Fatalf("%d sources for %d files", len(all.Report.Sources), len(files))
	}
	total := report.RowCounts{}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			alone := hstAnalyze(t, file)
			a, _ := hstSource(t, alone, file)
			b, _ := hstSource(t, all, file)
			if a.Error != b.Error || a.Rows != b.Rows || !reflect.DeepEqual(a.Rejected, b.Rejected) || a.Encoding != b.Encoding || a.Kind != b.Kind {
				t.Errorf("%s reads differently next to the other files:\nalone    %+v\ntogether %+v", file, a, b)
			}
			hstCheckFile(t, all, file)
		})
		rs, _ := hstSource(t, all, file)
		total.Read += rs.Rows.Read
		total.Used += rs.Rows.Used
		total.Rejected += rs.Rows.Rejected
	}
	if all.Report.Rows != total {
		t.Errorf("report rows %+v, sum of sources %+v", all.Report.Rows, total)
	}
	b, err := json.Marshal(all.Report)
	if err != nil {
		t.Fatal(err)
	}
	var back report.Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(&back); !bytes.Equal(again, b) {
		t.Errorf("the report changes through JSON")
	}
}

// Every text the engine writes about the hostile files — rejection
// reasons, unreadable cells, notes, file errors — is a known message, so
// the interface can show it in Arabic.
func TestHostileTextsAreMessages(t *testing.T) {
	files := hstFiles(t)
	all := hstAnalyze(t, files...)
	seen := map[string]bool{}
	check := func(file, what, text string) {
		code, _, ok := message.Parse(text)
		if !ok {
			t.Errorf("%s: %s %q is not a message", file, what, text)
		}
		seen[code] = true
	}
	for _, s := range all.Report.Sources {
		for _, p := range s.Rejected {
			check(s.File, "rejection", p.Reason)
		}
		for _, r := range s.Reasons {
			check(s.File, "reason", r.Key)
		}
		for _, p := range s.Issues {
			check(s.File, "issue", p.Reason)
		}
		for _, n := range s.Notes {
			check(s.File, "note", n)
		}
		if s.Error != "" {
			check(s.File, "error", strings.TrimPrefix(s.Error, s.File+": "))
		}
	}
	// The files do produce messages of each sort.
	for _, code := range []string{"empty", "binary", "noRows", "fieldCount", "quoteMissing", "bareQuote", "duplicateHeader", "jsonInvalid", "jsonTruncated"} {
		if !seen[code] {
			t.Errorf("no %q message from the hostile files (saw %v)", code, seen)
		}
	}
}
