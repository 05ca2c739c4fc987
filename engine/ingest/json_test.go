package ingest

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func TestJSONReader(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		data   string
		format Format
		header []string
		rows   []rdtRow
		notes  []string
	}{
		{
			name: "array", file: "a.json", format: JSON,
			data: `[
  {"id": 1, "name": "Amal", "tags": ["vip", "ar"], "customer": {"email": "amal@example.com", "address": {"city": "Riyadh"}}},
  {"id": 2.50, "name": "Bob \"B\" \u00e9", "extra": true, "customer": null, "tags": []},
  {"id": 1e3, "name": null, "customer": {"email": "c@x.org"}, "n": false}
]`,
			header: []string{"id", "name", "tags", "customer.email", "customer.address.city", "extra", "n"},
			rows: []rdtRow{
				{Line: 2, Fields: []string{"1", "Amal", "vip, ar", "amal@example.com", "Riyadh", "", ""}},
				{Line: 3, Fields: []string{"2.50", `Bob "B" é`, "", "", "", "true", ""}},
				{Line: 4, Fields: []string{"1e3", "", "", "c@x.org", "", "", "false"}},
			},
		},
		{
			name: "wrapped", file: "tickets.json", format: JSON,
			data:   `{"count": 2, "tags": ["a"], "empty": [], "tickets": [{"id": 10, "subject": "Late"}, {"id": 11, "subject": "Broken"}], "next_page": null}`,
			header: []string{"id", "subject"},
			rows:   []rdtRow{{Line: 1, Fields: []string{"10", "Late"}}, {Line: 1, Fields: []string{"11", "Broken"}}},
			notes:  []string{`records read from the "tickets" field`},
		},
		{
			name: "one object", file: "one.json", format: JSON,
			data:   "{\n\"id\": 7,\n \"ids\": [1, 2, null, 3], \"meta\": {}}",
			header: []string{"id", "ids", "meta"},
			rows:   rdtRows(1, []string{"7", "1, 2, 3", ""}),
			notes:  []string{"the file is one object: read as one record"},
		},
		{
			name: "pretty-printed object stream", file: "s.json", format: JSON,
			data:   "{\n  \"id\": 1\n}\n{\n  \"id\": 2,\n  \"x\": [1]\n}\n42\n{\"id\":3}",
			header: []string{"id", "x"},
			rows: []rdtRow{
				{Line: 1, Fields: []string{"1", ""}},
				{Line: 4, Fields: []string{"2", "1"}},
				{Line: 8, Err: "not a JSON object: 42"},
				{Line: 9, Fields: []string{"3", ""}},
			},
		},
		{
			name: "array named ndjson", file: "a.jsonl", format: JSON,
			data:   "[{\"a\":1},\n{\"a\":2}]",
			header: []string{"a"},
			rows:   rdtRows(1, []string{"1"}, []string{"2"}),
		},
		{
			name: "arrays of objects stay one field", file: "orders.json", format: JSON,
			data:   `[{"id":1,"line_items":[ {"sku": "A", "qty": 2}, {"sku":"B","qty":1} ],"matrix":[[1,2],[3]]}]`,
			header: []string{"id", "line_items", "matrix"},
			rows:   rdtRows(1, []string{"1", `[{"sku":"A","qty":2},{"sku":"B","qty":1}]`, "[[1,2],[3]]"}),
		},
		{
			name: "dotted keys", file: "d.json", format: JSON,
			data:   `[{"a.b": 1, "a": {"b": 2}, "properties": {"device": "ios", "$os": "iOS 17"}}]`,
			header: []string{"a.b", "a.b (2)", "properties.device", "properties.$os"},
			rows:   rdtRows(1, []string{"1", "2", "ios", "iOS 17"}),
		},
		{
			name: "null parent dropped", file: "n.json", format: JSON,
			data:   "[{\"customer\": null, \"always_null\": null}, {\"customer\": {\"id\": 5}}]",
			header: []string{"always_null", "customer.id"},
			rows:   []rdtRow{{Line: 1, Fields: []string{"", ""}}, {Line: 1, Fields: []string{"", "5"}}},
		},
		{
			name: "bad elements", file: "b.json", format: JSON,
			data:   "[{\"a\":1},\n 42,\n {\"a\": tru},\n {\"a\":3}\n]",
			header: []string{"a"},
			rows: []rdtRow{
				{Line: 1, Fields: []string{"1"}},
				{Line: 2, Err: "not a JSON object: 42"},
				{Line: 3, Err: `invalid JSON: {"a": tru}`},
				{Line: 4, Fields: []string{"3"}},
			},
		},
		{
			name: "truncated", file: "t.json", format: JSON,
			data:   "[{\"a\":1},\n{\"a\":2,\n\"b\":",
			header: []string{"a"},
			rows: []rdtRow{
				{Line: 1, Fields: []string{"1"}},
				{Line: 2, Err: "the file ends inside this record (is it truncated?): {\"a\":2,\n\"b\":"},
			},
		},
		{
			name: "ndjson", file: "events.ndjson", format: NDJSON,
			data:   "{\"event\":\"open\",\"user\":{\"id\":1}}\n{broken\n\n{\"event\":\"click\",\"props\":{\"x\":1}}\r\n[1,2]\n  {\"event\":\"close\"},\n",
			header: []string{"event", "user.id", "props.x"},
			rows: []rdtRow{
				{Line: 1, Fields: []string{"open", "1", ""}},
				{Line: 2, Err: "invalid JSON: {broken"},
				{Line: 4, Fields: []string{"click", "", "1"}},
				{Line: 5, Err: "not a JSON object: [1,2]"},
				{Line: 6, Fields: []string{"close", "", ""}},
			},
		},
		{
			name: "ndjson named json", file: "events.json", format: NDJSON,
			data:   "{\"a\":1}\n{\"a\":2}",
			header: []string{"a"},
			rows:   rdtRows(1, []string{"1"}, []string{"2"}),
		},
		{
			name: "ndjson by content", file: "export", format: NDJSON,
			data:   "\xEF\xBB\xBF{\"a\":1}\n\n{\"a\":2}\n",
			header: []string{"a"},
			rows:   []rdtRow{{Line: 1, Fields: []string{"1"}}, {Line: 3, Fields: []string{"2"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "onebyte"} {
				var r io.Reader = strings.NewReader(tt.data)
				if mode == "onebyte" {
					r = iotest.OneByteReader(r)
				}
				rr, info, err := Open(tt.file, r, FileMapping{})
				if err != nil {
					t.Fatal(err)
				}
				if info.Format != tt.format || info.HeaderRows != 0 {
					t.Errorf("info %+v", info)
				}
				if !reflect.DeepEqual(info.Notes, tt.notes) {
					t.Errorf("notes %q, want %q", info.Notes, tt.notes)
				}
				if got := rr.Header(); !reflect.DeepEqual(got, tt.header) {
					t.Errorf("header %q, want %q", got, tt.header)
				}
				got := rdtReadAll(t, rr)
				for i := range got {
					if got[i].Err != "" {
						got[i].Fields = nil
					}
				}
				if !reflect.DeepEqual(got, tt.rows) {
					t.Errorf("%s rows\n got %q\nwant %q", mode, got, tt.rows)
				}
			}
		})
	}
}

func TestJSONOpenErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"a.json", `"just a string"`, "a.json: line 1: this is not a JSON array of records"},
		{"a.json", "hello", "a.json: line 1: this is not a JSON array of records"},
		{"a.json", "[]", "a.json: the file holds no records"},
		{"a.json", `{"tickets": []}`, `a.json: the records field "tickets" is empty`},
		{"a.ndjson", "\n\n", "a.ndjson: the file is empty"},
		{"a.json", "{1:2}", "a.json: line 1: this is not valid JSON"},
	}
	for _, tt := range tests {
		_, _, err := Open(tt.name, strings.NewReader(tt.data), FileMapping{})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Open(%s, %q): %v, want %q", tt.name, tt.data, err, tt.want)
		}
	}
}

func TestJSONStreaming(t *testing.T) {
	// Many records, more than the header scan and several buffers; the
	// header only has paths from the first 1,000.
	var b strings.Builder
	b.WriteString("{\"data\": [\n")
	n := 30000
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `  {"id": %d, "name": "n%d", "note": "a \"quoted\" \\ text with ] and }"`, i, i)
		if i == 2000 {
			b.WriteString(`, "late": 1`)
		}
		b.WriteString("}")
	}
	b.WriteString("\n]}")
	rr, _, err := Open("big.json", iotest.HalfReader(strings.NewReader(b.String())), FileMapping{})
	if err != nil {
		t.Fatal(err)
	}
	if h := rr.Header(); !reflect.DeepEqual(h, []string{"id", "name", "note"}) {
		t.Fatalf("header %q", h)
	}
	rows := rdtReadAll(t, rr)
	if len(rows) != n {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		if r.Line != i+2 || r.Fields[0] != fmt.Sprint(i) || r.Fields[2] != `a "quoted" \ text with ] and }` {
			t.Fatalf("row %d: %q", i, r)
		}
	}
}

func TestNDJSONLongLines(t *testing.T) {
	long := strings.Repeat("x", 3<<20)
	data := `{"a":"` + long + "\"}\n{\"a\":\"short\"}\n"
	rr, _ := rdtOpen(t, "l.ndjson", data, FileMapping{})
	rows := rdtReadAll(t, rr)
	if len(rows) != 2 || rows[0].Fields[0] != long || rows[1].Line != 2 {
		t.Fatalf("rows: %d", len(rows))
	}
}

func TestJSONDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	data := "[{\"a\":1}," + deep + ",{\"a\":" + deep + "}]"
	rr, _ := rdtOpen(t, "deep.json", data, FileMapping{})
	rows := rdtReadAll(t, rr)
	if len(rows) != 3 || rows[1].Err == "" || rows[2].Err == "" {
		t.Fatalf("rows %d", len(rows))
	}
	deepObj := strings.Repeat(`{"k":`, 40) + "1" + strings.Repeat("}", 40)
	rr, _ = rdtOpen(t, "deep.ndjson", deepObj+"\n", FileMapping{})
	if h := rr.Header(); len(h) != 1 || !strings.HasPrefix(h[0], "k.k.k") {
		t.Fatalf("header %q", h)
	}
	rows = rdtReadAll(t, rr)
	if len(rows) != 1 || rows[0].Err != "" || !strings.HasPrefix(rows[0].Fields[0], `{"k":`) {
		t.Fatalf("rows %q", rows)
	}
}

func TestJSONElementAtBufferEnd(t *testing.T) {
	// Elements of 32 bytes: with each padding, one ends exactly where the
	// first buffer does.
	elem := `{"id":"` + strings.Repeat("x", 22) + `"},`
	n := jsonBufSize/len(elem) + 100
	for pad := range len(elem) + 2 {
		data := "[" + strings.Repeat(" ", pad) + strings.Repeat(elem, n) + `{"id":"end"}]`
		rr, _ := rdtOpen(t, "b.json", data, FileMapping{})
		rows := rdtReadAll(t, rr)
		if len(rows) != n+1 || rows[n].Fields[0] != "end" {
			t.Fatalf("pad %d: %d rows", pad, len(rows))
		}
		for _, r := range rows {
			if r.Err != "" {
				t.Fatalf("pad %d: %s", pad, r)
			}
		}
	}
}
