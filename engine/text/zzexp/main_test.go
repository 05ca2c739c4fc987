package engen

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/text"
	"github.com/qalbhq/qalb/engine/text/data"
)

type row struct {
	gold string
	text string
}

func read(p string) []row {
	f, _ := os.Open(p)
	var rs []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for first := true; sc.Scan(); first = false {
		c := strings.SplitN(sc.Text(), "\t", 3)
		if first || len(c) < 3 {
			continue
		}
		rs = append(rs, row{c[1], c[2]})
	}
	return rs
}

func TestEN(t *testing.T) {
	an, _ := text.Load(data.Load)
	movie := read("/work/shared/eval/sentiment/en/vader_movie_reviews.tsv")
	tweets := read("/work/shared/eval/sentiment/en/vader_tweets.tsv")
	type ex struct {
		f   []string
		sum float64
		g   text.Label
		v   float64
	}
	prep := func(rs []row) []ex {
		out := make([]ex, len(rs))
		for i, r := range rs {
			tk := an.Read(r.text)
			f, _ := an.Features(tk, text.English)
			g, v, _, _ := text.GoldLabel(r.gold)
			out[i] = ex{f, an.EnglishSum(tk), g, v}
		}
		return out
	}
	M, T := prep(movie), prep(tweets)
	fit := func(xs []ex, l2 float64, minAbs float64) *text.Linear {
		var e []text.Example
		for _, x := range xs {
			if x.g == text.Neutral {
				continue
			}
			e = append(e, text.Example{Features: x.f, Lex: x.sum, Positive: x.g == text.Positive})
		}
		return text.Fit(e, text.FitOptions{L2: l2, Epochs: 5, MinCount: 3, MinAbs: minAbs})
	}
	eval := func(xs []ex, m *text.Linear, gamma float64) text.Metrics {
		var g []text.Label
		var gv, sc []float64
		for _, x := range xs {
			s := x.sum
			if m != nil {
				for _, f := range x.f {
					s += gamma * m.Weights[f]
				}
			}
			g = append(g, x.g)
			gv = append(gv, x.v)
			sc = append(sc, text.Compound(s))
		}
		return text.Evaluate(g, gv, true, sc)
	}
	fmt.Println("base movie", eval(M, nil, 0).MacroF1, "tweets", eval(T, nil, 0).MacroF1)
	for _, ma := range []float64{0.1} {
		for _, dz := range []float64{0.5, 1, 1.5} {
			for _, gamma := range []float64{1, 2, 3} {
				var cvM, cvT []ex
				for k := 0; k < 5; k++ {
					var tr []ex
					for i, x := range M {
						if i%5 != k {
							tr = append(tr, x)
						}
					}
					for i, x := range T {
						if i%5 != k {
							tr = append(tr, x)
						}
					}
					m := fit(tr, 0.005, ma)
					for i, x := range M {
						if i%5 == k {
							s, l := x.sum, 0.0
							for _, f := range x.f {
								l += gamma * m.Weights[f]
							}
							if l > dz {
								s += l - dz
							} else if l < -dz {
								s += l + dz
							}
							cvM = append(cvM, ex{nil, s, x.g, x.v})
						}
					}
					for i, x := range T {
						if i%5 == k {
							s, l := x.sum, 0.0
							for _, f := range x.f {
								l += gamma * m.Weights[f]
							}
							if l > dz {
								s += l - dz
							} else if l < -dz {
								s += l + dz
							}
							cvT = append(cvT, ex{nil, s, x.g, x.v})
						}
					}
				}
				a, b := eval(cvM, nil, 0), eval(cvT, nil, 0)
				fmt.Printf("dz %g both: minabs %g gamma %g: movie CV f1 %.3f acc %.3f | tweets CV f1 %.3f acc %.3f\n", dz, ma, gamma, a.MacroF1, a.Accuracy, b.MacroF1, b.Accuracy)
			}
		}
	}
}
