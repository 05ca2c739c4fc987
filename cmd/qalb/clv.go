package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"time"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/predict"
)

// runCLV fits BG/NBD and Gamma-Gamma to the orders of the files, one model
// per currency, and prints the parameters, the fit and, with a holdout
// period, the forecast against what happened, as JSON.
func runCLV(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("clv", flag.ContinueOnError)
	fs.SetOutput(stderr)
	calEnd := fs.String("calibration-end", "", "last day (YYYY-MM-DD) of the calibration period (default: the last order)")
	holdEnd := fs.String("holdout-end", "", "last day (YYYY-MM-DD) of the holdout period after it (default: none)")
	period := fs.String("period", "week", "the models' time unit: day or week")
	perCustomer := fs.String("per-customer", "", "write each customer's summary and predictions to this CSV file")
	mappingFile := fs.String("mapping", "", "a mapping JSON that overrides kinds and column roles")
	months := fs.Int("months", predict.DefaultHorizon.Months, "lifetime value horizon in months")
	discount := fs.Float64("discount", predict.DefaultHorizon.MonthlyDiscount, "discount rate per month")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: qalb clv [--calibration-end DATE] [--holdout-end DATE] [--period day|week] [--per-customer out.csv] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no files given")
	}
	o := engine.CLVOptions{Horizon: predict.Horizon{Months: *months, MonthlyDiscount: *discount}}
	switch *period {
	case "week":
		o.Period = predict.Week
	case "day":
		o.Period = predict.Day
	default:
		return fmt.Errorf("--period: %q is neither day nor week", *period)
	}
	if *months < 1 || *discount < 0 || math.IsNaN(*discount) {
		return errors.New("--months must be at least 1 and --discount at least 0")
	}
	var opts engine.Options
	for _, d := range []struct {
		text string
		to   *time.Time
		name string
	}{{*calEnd, &o.CalibrationEnd, "--calibration-end"}, {*holdEnd, &o.HoldoutEnd, "--holdout-end"}} {
		if d.text == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.text)
		if err != nil {
			return fmt.Errorf("%s: %v", d.name, err)
		}
		*d.to = t
	}
	if !o.HoldoutEnd.IsZero() && (o.CalibrationEnd.IsZero() || !o.HoldoutEnd.After(o.CalibrationEnd)) {
		return errors.New("--holdout-end needs a --calibration-end before it")
	}
	if *mappingFile != "" {
		b, err := os.ReadFile(*mappingFile)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &opts.Mapping); err != nil {
			return fmt.Errorf("%s: %v", *mappingFile, err)
		}
	}
	inputs, err := fileInputs(fs.Args())
	if err != nil {
		return err
	}
	s, err := engine.Analyze(context.Background(), inputs, opts, nil)
	if err != nil {
		return err
	}
	results := s.CLV(o)
	if len(results) == 0 {
		return errors.New("no dated orders with a customer in the files: nothing to model")
	}
	out := clvOutput{Period: o.Period.String(), HorizonMonths: o.Horizon.Months, MonthlyDiscount: o.Horizon.MonthlyDiscount,
		Models: []clvModel{}}
	if !o.CalibrationEnd.IsZero() {
		out.CalibrationEnd = o.CalibrationEnd.Format("2006-01-02")
	}
	if !o.HoldoutEnd.IsZero() {
		out.HoldoutEnd = o.HoldoutEnd.Format("2006-01-02")
	}
	for _, r := range results {
		out.Models = append(out.Models, newCLVModel(r))
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if *perCustomer != "" {
		return writePerCustomer(*perCustomer, s, results, o)
	}
	return nil
}

type clvOutput struct {
	Period          string     `json:"period"`
	CalibrationEnd  string     `json:"calibrationEnd,omitempty"`
	HoldoutEnd      string     `json:"holdoutEnd,omitempty"`
	HorizonMonths   int        `json:"horizonMonths"`
	MonthlyDiscount float64    `json:"monthlyDiscount"`
	Models          []clvModel `json:"models"`
}

type clvModel struct {
	Currency         string           `json:"currency"`
	Customers        int              `json:"customers"`
	RepeatCustomers  int              `json:"repeatCustomers"`
	Fallback         string           `json:"fallback,omitempty"`
	R                float64          `json:"r"`
	Alpha            float64          `json:"alpha"`
	A                float64          `json:"a"`
	B                float64          `json:"b"`
	LogLikelihood    float64          `json:"logLikelihood"`
	Convergence      predict.Fit      `json:"convergence"`
	P                float64          `json:"p"`
	Q                float64          `json:"q"`
	Gamma            float64          `json:"gamma"`
	SpendModel       bool             `json:"spendModel"`
	SpendConvergence predict.Fit      `json:"spendConvergence"`
	SpendCorrelation float64          `json:"spendCorrelation"`
	Holdout          *predict.Holdout `json:"holdout,omitempty"`
	TotalCLV         float64          `json:"totalCLV"`
}

func newCLVModel(r engine.CLVResult) clvModel {
	m := r.Model
	v := clvModel{Currency: r.Currency, Customers: m.Customers, RepeatCustomers: m.RepeatCustomers,
		Fallback: engine.FallbackText(m), R: m.BGNBD.R, Alpha: m.BGNBD.Alpha, A: m.BGNBD.A, B: m.BGNBD.B,
		LogLikelihood: m.BGNBDFit.LogLikelihood, Convergence: m.BGNBDFit,
		P: m.Spend.P, Q: m.Spend.Q, Gamma: m.Spend.Gamma, SpendModel: m.SpendModel, SpendConvergence: m.SpendFit,
		SpendCorrelation: m.SpendCorrelation, Holdout: r.Holdout}
	for _, p := range r.Predicted {
		v.TotalCLV += p.CLV
	}
	v.TotalCLV = math.Round(v.TotalCLV*100) / 100
	return v
}

func writePerCustomer(path string, s *engine.Session, results []engine.CLVResult, o engine.CLVOptions) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	num := func(v float64) string {
		if math.IsNaN(v) {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	w.Write([]string{"customer", "currency", "frequency", "recency", "T", "mean_spend", "p_alive",
		"expected_purchases", "expected_spend", "clv", "holdout_actual", "holdout_expected"})
	for _, r := range results {
		for i, c := range r.Customers {
			p := r.Predicted[i]
			hold, holdExp := "", ""
			if r.Holdout != nil {
				hold = num(c.Holdout)
				holdExp = num(r.Model.BGNBD.ConditionalExpected(r.Holdout.Periods, c.Frequency, c.Recency, c.Age))
			}
			// Keys are written as text the spreadsheet will not run.
			w.Write([]string{csvSafe(s.CustomerKey(c.ID)), r.Currency, num(c.Frequency), num(c.Recency), num(c.Age),
				num(c.Spend), num(p.PAlive), num(p.Expected), num(p.Spend), num(p.CLV), hold, holdExp})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// csvSafe keeps a spreadsheet from reading a value as a formula.
func csvSafe(v string) string {
	if v != "" && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r') {
		return "'" + v
	}
	return v
}
