package ingest

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/qalbhq/qalb/engine/table"
	"github.com/qalbhq/qalb/fixtures/hostile/bombs"
)

// ldFuzzNames are the file names FuzzLoad reads its input under: the name
// steers format sniffing.
var ldFuzzNames = []string{"in.csv", "in.json", "in.ndjson", "in.xlsx", "in.txt", "in"}

// ldFuzzMappings are the mappings FuzzLoad reads its input with.
var ldFuzzMappings = []FileMapping{
	{},
	{Kind: Surveys, Scales: map[string]Scale{"NPS": {Min: 1, Max: 5}, "b": {Min: 0, Max: 10}}},
	{Kind: Events, Columns: map[string]Role{"a": Date, "b": Amount, "c": EventName, "Email": Email, "id": CustomerID}, DateOrder: MDY},
	{Kind: Orders, Columns: map[string]Role{"a": Age, "b": NPS, "c": Quantity, "email": Ignore}, DateOrder: DMY},
	{Encoding: "windows-1256", Delimiter: ";"},
	{Encoding: "utf-16le", Format: CSV},
	{Format: NDJSON, Columns: map[string]Role{"user.id": CustomerID, "event": EventName}},
	{Format: JSON, Kind: Reviews, Columns: map[string]Role{"a": Rating, "b": Text}},
}

// ldFuzzTimeout is how long one input may take: the inputs are small, so a
// Load that takes longer is stuck.
const ldFuzzTimeout = 20 * time.Second

// FuzzLoad: any bytes, under any of a few names and mappings, either fail
// with an error naming the file or load with every row accounted for,
// allocating no more than the resource budget allows. No input may panic.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"Customer ID,Full Name,Email,Phone,Signup Date\nC1,Ann Lee,ann@example.com,+966501234567,2024-01-05\nC2,\"Roe, Bob\",bob@example.com,,05/01/2024\n",
		"Order ID,Email,Total,Currency,Product,Quantity,Date\n1001,a@example.com,$12.50,,Tea,2,2024-03-01\n1001,a@example.com,,,Mug,1,2024-03-01\n1002,b@example.com,SAR 99,SAR,Dates,x,31/02/2024\n",
		"Email,NPS,Comment\na@example.com,9,\"great\nservice\"\nb@example.com,,\nc@example.com,11,too high\n",
		"a;b;c\n1;2;3\n4;\"5\n6\";7;8\n",
		"sep=|\na|b\n1|2\n",
		"Respondent ID,Collector ID,End Date,Q1,Q2\n,,,Response,Open-Ended Response\n1,2,01/13/2024 10:00:00 AM,9,ok\n",
		"a,b,c\n\"unterminated,1,2\n3,4,5\n",
		"\xEF\xBB\xBFname,city\n\xd9\x85\xd8\xad\xd9\x85\xd8\xaf,\xd8\xac\xd8\xaf\xd8\xa9\n",
		"\xc7\xe1\xc7\xd3\xe3,city\n\xe3\xcd\xe3\xcf,x\n",    // Windows-1256
		"\xff\xfea\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00", // UTF-16LE
		`[{"id":1,"user":{"email":"a@example.com"},"tags":["x","y"],"score":9},{"id":2,"user":null},3]`,
		`{"tickets":[{"id":1,"subject":"Broken","status":"open","requester":{"email":"a@example.com"}}]}`,
		"{\"event\":\"page_view\",\"user\":{\"id\":\"u1\"},\"ts\":\"2024-01-01T00:00:00Z\"}\n\nnot json\n{\"event\":\"\",\"user\":{\"id\":\"u2\"}},\n",
		"{\"a\":",
		"=cmd|' /C calc'!A0,<script>alert(1)</script>\n+1,-2\n@SUM(1),\"<img src=x onerror=alert(1)>\"\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i), uint8(i))
	}
	xlsx := ldXLSX(f, map[int][]string{
		1: {"Customer ID", "Email", "Total"},
		2: {"C1", "a@example.com", "12.5"},
		4: {"C2", "b@example.com", "SAR 3", "surplus"},
	})
	f.Add(xlsx, uint8(3), uint8(0))
	f.Add(xlsx, uint8(0), uint8(2))
	// The shapes of issue 23, small (see FuzzLoad's allocation check).
	f.Add(bombs.NDJSONManyKeys(30, 80, 50), uint8(2), uint8(0))
	f.Add(bombs.CSVDuplicateHeader(2000), uint8(0), uint8(0))
	f.Add(bombs.XLSXWideRow(MaxRowCells+1), uint8(3), uint8(0))
	f.Add(bombs.XLSXInlineCell(MaxTextRun+1), uint8(3), uint8(0))
	f.Add(bombs.NDJSONInvalidLines(300), uint8(2), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, name, mapping uint8) {
		fn := ldFuzzNames[int(name)%len(ldFuzzNames)]
		fm := ldFuzzMappings[int(mapping)%len(ldFuzzMappings)]
		var src *Source
		var err error
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		done := make(chan struct{})
		go func() {
			defer close(done)
			src, err = Load(context.Background(), fn, bytes.NewReader(data), fm, table.NewStrings(), nil)
		}()
		select {
		case <-done:
		case <-time.After(ldFuzzTimeout):
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("Load of %d bytes as %s did not return in %v:\n%s", len(data), fn, ldFuzzTimeout, buf)
		}
		// Memory follows the input's size, however it inflates (XLSX),
		// pads (JSON keys) or repeats (header names): limits.go.
		runtime.ReadMemStats(&after)
		if grew := after.TotalAlloc - before.TotalAlloc; grew > limAllocBudget(len(data)) {
			t.Fatalf("%d bytes as %s allocated %d MB, budget %d MB", len(data), fn, grew>>20, limAllocBudget(len(data))>>20)
		}
		if err != nil {
			if src != nil {
				t.Fatalf("a Source and an error: %v", err)
			}
			if !strings.HasPrefix(err.Error(), fn+": ") {
				t.Fatalf("error %q does not start with the file name", err)
			}
			return
		}
		for _, b := range append(ldInvariants(src), ldLines(src)...) {
			t.Error(b)
		}
		if src.Bytes != int64(len(data)) {
			t.Errorf("Source.Bytes %d, input %d bytes", src.Bytes, len(data))
		}
	})
}
