package engine

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/qalbhq/qalb/fixtures/gen/synth"
)

// BenchmarkAnalyzeOrders runs the whole engine on a generated Shopify orders
// export held in memory: read, type, resolve, fold orders, profile, report.
func BenchmarkAnalyzeOrders(b *testing.B) {
	var buf bytes.Buffer
	if _, err := synth.WriteOrders(&buf, 100_000, 1); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	in := []Input{{Name: "orders.csv", Size: int64(len(data)), Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Analyze(context.Background(), in, Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if s.Report.Rows.Used != 100_000 {
			b.Fatalf("used %d rows", s.Report.Rows.Used)
		}
	}
}
