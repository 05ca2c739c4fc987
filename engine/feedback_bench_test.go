package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkFeedback analyses a generated NPS export of 100,000 answers
// from 20,000 customers in 8 countries and 3 channels, a third with a
// comment; reported per answer.
func BenchmarkFeedback(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Email,How likely are you to recommend us?,Country,Channel,Comment,Date\n")
	countries := []string{"SA", "AE", "EG", "US", "GB", "JO", "KW", "QA"}
	channels := []string{"email", "web", "sms"}
	const n = 100_000
	for i := 0; i < n; i++ {
		comment := ""
		if i%3 == 0 {
			comment = "the delivery was late again"
		}
		fmt.Fprintf(&sb, "c%d@x.example,%d,%s,%s,%s,2024-%02d-%02d\n", i%20000, (i*7+i/13)%11,
			countries[(i/20000+i)%8], channels[i%3], comment, 1+i%12, 1+i%28)
	}
	body := sb.String()
	b.ResetTimer()
	for b.Loop() {
		s, err := Analyze(context.Background(), []Input{memInput("nps.csv", body)}, Options{}, nil)
		if err != nil || s.Report.Feedback == nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/answer")
}
