package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/text/data"
)

// runSegment analyses files and exports the customers a rule selects as CSV.
func runSegment(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("segment", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rules := fs.String("rules", "", "a segment rule JSON file (engine/segment.Rule); default: every customer")
	out := fs.String("o", "", "write the CSV to this file (default: standard output)")
	bom := fs.Bool("bom", false, "start the CSV with a UTF-8 byte-order mark (Excel with Arabic text)")
	mappingFile := fs.String("mapping", "", "a mapping JSON that overrides kinds and column roles")
	asOf := fs.String("as-of", "", "date (YYYY-MM-DD) recency is measured from (default: the last date in the data)")
	rates := fs.String("rates", "", "exchange rates into -reporting for RFM, e.g. SAR=0.2667,EUR=1.08")
	reporting := fs.String("reporting", "", "the reporting currency the rates convert into, e.g. USD")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: qalb segment [-rules r.json] [-o out.csv] [flags] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no files given")
	}
	// With the text resources, as qalb analyze and the browser: the export's
	// sentiment and churn risk (which reads it) are the same as theirs.
	opts := engine.Options{TextResources: data.Load}
	if *mappingFile != "" {
		b, err := os.ReadFile(*mappingFile)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &opts.Mapping); err != nil {
			return fmt.Errorf("%s: %v", *mappingFile, err)
		}
	}
	if *asOf != "" {
		t, err := time.Parse("2006-01-02", *asOf)
		if err != nil {
			return fmt.Errorf("-as-of: %v", err)
		}
		opts.AsOf = t
	}
	var err error
	if opts.Rates, err = parseRates(*rates); err != nil {
		return err
	}
	opts.Reporting = strings.ToUpper(*reporting)
	if (opts.Rates == nil) != (opts.Reporting == "") {
		return errors.New("-rates and -reporting go together")
	}
	var rule []byte
	if *rules != "" {
		if rule, err = os.ReadFile(*rules); err != nil {
			return err
		}
	}
	inputs, err := fileInputs(fs.Args())
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	s, err := engine.Analyze(ctx, inputs, opts, nil)
	if err != nil {
		return err
	}
	// Check the rule before creating the output file.
	ans := s.Segment(engine.SegmentQuery{Rule: rule})
	if ans.Error != nil {
		return fmt.Errorf("%s: %v", *rules, ans.Error)
	}
	w := stdout
	if *out != "" && *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	n, err := s.ExportSegment(rule, w, *bom)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d of %d customers in the segment\n", n, ans.Total)
	return nil
}

// parseRates reads "SAR=0.2667,EUR=1.08".
func parseRates(v string) (map[string]float64, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	out := map[string]float64{}
	for _, part := range strings.Split(v, ",") {
		cur, rate, ok := strings.Cut(strings.TrimSpace(part), "=")
		r, err := strconv.ParseFloat(strings.TrimSpace(rate), 64)
		if !ok || err != nil || r <= 0 {
			return nil, fmt.Errorf("-rates: %q is not CURRENCY=RATE", part)
		}
		out[strings.ToUpper(strings.TrimSpace(cur))] = r
	}
	return out, nil
}
