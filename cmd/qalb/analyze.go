package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/qalbhq/qalb/engine/text/data"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/report/htmlreport"
	"github.com/schollz/progressbar/v3"
)

func runAnalyze(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the report JSON to this file (default: standard output)")
	mappingFile := fs.String("mapping", "", "a mapping JSON that overrides kinds and column roles")
	profiles := fs.String("profiles", "", "write every customer profile to this file as NDJSON")
	country := fs.String("country", "", "default country (ISO alpha-2) for phone numbers without a country code")
	asOf := fs.String("as-of", "", "date (YYYY-MM-DD) recency is measured from (default: the last date in the data)")
	rates := fs.String("rates", "", "exchange rates into -reporting for RFM's monetary score, e.g. SAR=0.2667,EUR=1.08")
	reporting := fs.String("reporting", "", "the reporting currency -rates convert into, e.g. USD")
	quiet := fs.Bool("q", false, "no progress bar")
	htmlOut := fs.String("html", "", "also write the report as a self-contained HTML file (no script, no request)")
	lang := fs.String("lang", "en", "language of the HTML report: en or ar")
	funnelFile := fs.String("funnel", "", `a funnel JSON (or an array of them) for the behaviour section: {"steps":[{"event":"signed_up"},…],"window":"7d"}`)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: qalb analyze [flags] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no files given")
	}
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
	if *country != "" {
		opts.Mapping.DefaultCountry = *country
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
	if opts.Reporting = strings.ToUpper(*reporting); (opts.Rates == nil) != (opts.Reporting == "") {
		return errors.New("-rates and -reporting go together")
	}
	if *funnelFile != "" {
		b, err := os.ReadFile(*funnelFile)
		if err != nil {
			return err
		}
		if opts.Funnels, err = engine.ParseFunnels(b); err != nil {
			return fmt.Errorf("%s: %v", *funnelFile, err)
		}
	}
	inputs, err := fileInputs(fs.Args())
	if err != nil {
		return err
	}
	if err := checkMappingFiles(*mappingFile, opts.Mapping, inputs); err != nil {
		return err
	}
	// An output that cannot be written fails now, not after the analysis.
	outFile, err := createOutput(*out)
	if err != nil {
		return err
	}
	wrote := false
	if outFile != nil {
		defer func() {
			outFile.Close()
			if !wrote {
				os.Remove(outFile.Name()) // no report: leave no empty file behind
			}
		}()
	}
	var total int64
	for _, in := range inputs {
		total += in.Size
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	progress := func(engine.Progress) {}
	var bar *progressbar.ProgressBar
	if !*quiet {
		bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetDescription("reading"),
			progressbar.OptionClearOnFinish(),
		)
		stage := ""
		progress = func(p engine.Progress) {
			if p.Stage != stage || p.File != "" {
				desc := p.Stage
				if p.File != "" {
					desc = "reading " + p.File
				}
				bar.Describe(desc)
				stage = p.Stage
			}
			_ = bar.Set64(p.Bytes)
		}
	}
	start := time.Now()
	s, err := engine.Analyze(ctx, inputs, opts, progress)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}
	r := s.Report
	read := 0
	for _, src := range r.Sources {
		if src.Error != "" {
			fmt.Fprintln(stderr, "qalb:", src.Error)
		} else {
			read++
		}
		if src.Rows.Rejected > 0 {
			fmt.Fprintf(stderr, "qalb: %s: %d of %d rows rejected (see sources[].rejected in the report)\n", src.File, src.Rows.Rejected, src.Rows.Read)
		}
	}
	if !*quiet {
		fmt.Fprintf(stderr, "%d files, %d rows, %d customers, %d orders in %s\n",
			read, r.Rows.Read, r.Customers.Total, r.Orders.Orders, time.Since(start).Round(time.Millisecond))
		printSources(stderr, r)
		printSections(stderr, r)
	}
	if bad := s.MappingUnmatched(); len(bad) > 0 {
		return mappingError(*mappingFile, bad)
	}
	var w io.Writer = stdout
	if outFile != nil {
		w = outFile
	}
	b, err := report.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	wrote = true
	if outFile != nil {
		if err := outFile.Close(); err != nil {
			return err
		}
	}
	if *htmlOut != "" {
		if err := writeHTML(*htmlOut, r, *lang); err != nil {
			return err
		}
	}
	if *profiles != "" {
		if err := writeProfiles(*profiles, s); err != nil {
			return err
		}
	}
	if read == 0 {
		return errors.New("none of the files could be read")
	}
	return nil
}

// fileInputs opens nothing yet: each input opens its file when the engine
// reads it. Files are named by their base name, or, when two share one, by
// the shortest path suffix that tells them apart. Only regular files are
// taken: a FIFO or a device would block or never end.
func fileInputs(paths []string) ([]engine.Input, error) {
	var inputs []engine.Input
	names := ingest.UniqueNames(paths)
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory; pass the files in it", p)
		}
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s is not a regular file (a pipe or a device); save it to a file first", p)
		}
		path := p
		inputs = append(inputs, engine.Input{
			Name: names[i],
			Size: st.Size(),
			Open: func() (io.ReadCloser, error) { return os.Open(path) },
		})
	}
	return inputs, nil
}

// writeHTML writes the self-contained HTML report: the same bytes as the
// browser's "Download report (HTML)" in the same language.
func writeHTML(path string, r *report.Report, lang string) error {
	var b bytes.Buffer
	if err := htmlreport.Render(&b, r, lang); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// createOutput creates the report's file (nil for standard output).
func createOutput(path string) (*os.File, error) {
	if path == "" || path == "-" {
		return nil, nil
	}
	return os.Create(path)
}

// checkMappingFiles refuses a mapping that names a file not given, before
// the analysis (columns are checked after, once the headers are known).
func checkMappingFiles(file string, m ingest.Mapping, inputs []engine.Input) error {
	names := make([]string, len(inputs))
	for i, in := range inputs {
		names[i] = in.Name
	}
	files, _ := m.Unmatched(names, nil)
	if len(files) > 0 {
		return mappingError(file, files)
	}
	return nil
}

func mappingError(file string, problems []string) error {
	if file == "" {
		file = "mapping"
	}
	return fmt.Errorf("%s: %s", file, strings.Join(problems, "; "))
}

func writeProfiles(path string, s *engine.Session) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for id := 0; id < s.Report.Customers.Total; id++ {
		p, err := s.Customer(id)
		if err != nil {
			f.Close()
			return err
		}
		if err := enc.Encode(p); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
