package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/qalbhq/qalb/engine/text"
	"github.com/qalbhq/qalb/engine/text/data"
)

const evalUsage = `Usage: qalb eval sentiment [-match S] FILE.tsv

Scores every text of a labelled TSV (columns id, gold or label, text; a
header row) and prints JSON: accuracy, macro_f1, and pearson when the gold
is numeric (VADER's -4..+4 ratings). Protocol: a score is positive at >= +0.05,
negative at <= -0.05; numeric gold is positive at >= +0.2, negative at <= -0.2.
-match keeps only rows whose id contains S (e.g. "-test-" for a held-out split).
`

// runEval is `qalb eval sentiment FILE.tsv`.
func runEval(args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || args[0] != "sentiment" {
		fmt.Fprint(stderr, evalUsage)
		return errors.New("eval: say what to evaluate: sentiment")
	}
	fs := flag.NewFlagSet("eval sentiment", flag.ContinueOnError)
	fs.SetOutput(stderr)
	match := fs.String("match", "", "only rows whose id contains this")
	fs.Usage = func() { fmt.Fprint(stderr, evalUsage) }
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("eval sentiment: one TSV file")
	}
	an, err := text.Load(data.Load)
	if err != nil {
		return err
	}
	out, err := evalSentiment(an, fs.Arg(0), *match)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// sentimentEval is what `qalb eval sentiment` prints.
type sentimentEval struct {
	File string `json:"file"`
	text.Metrics
	Languages map[string]int `json:"languages"` // rows per detected language
}

func evalSentiment(an *text.Analyzer, path, match string) (*sentimentEval, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var gold []text.Label
	var goldV, score []float64
	numeric := false
	langs := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if line == 1 && len(cols) >= 2 && (cols[1] == "gold" || cols[1] == "label") {
			continue
		}
		if len(cols) < 3 {
			return nil, fmt.Errorf("%s line %d: want 3 tab-separated columns (id, gold, text)", path, line)
		}
		if match != "" && !strings.Contains(cols[0], match) {
			continue
		}
		g, v, num, ok := text.GoldLabel(cols[1])
		if !ok {
			return nil, fmt.Errorf("%s line %d: gold %q is neither a class nor a number", path, line, cols[1])
		}
		numeric = numeric || num
		r := an.Score(cols[2])
		gold = append(gold, g)
		goldV = append(goldV, v)
		score = append(score, r.Score)
		langs[string(r.Lang)]++
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	if _, ok := langs[""]; ok {
		langs["none"] = langs[""]
		delete(langs, "")
	}
	return &sentimentEval{File: path, Metrics: text.Evaluate(gold, goldV, numeric, score), Languages: langs}, nil
}
