package text_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/text"
	"github.com/qalbhq/qalb/engine/text/data"
)

func TestZZDebug(t *testing.T) {
	p := os.Getenv("DBG_FILE")
	if p == "" {
		t.Skip()
	}
	an, err := text.Load(data.Load)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(p)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.SplitN(sc.Text(), "\t", 3)
		if len(c) < 3 {
			continue
		}
		r := an.Score(c[2])
		g, _, _, _ := text.GoldLabel(c[1])
		switch os.Getenv("DBG_MODE") {
		case "lang":
			if r.Lang != text.English {
				fmt.Println(r.Lang, c[2])
			}
		case "wrong":
			if r.Label != g {
				fmt.Printf("%s\t%s\t%.2f\t%s\n", c[1], r.Label, r.Score, c[2])
			}
		}
	}
}
