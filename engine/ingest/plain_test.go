package ingest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/table"
)

// A space-aligned file without a header (the layout of the CDNOW data set)
// is read as columns, its first row as data, with compact dates.
func TestSpaceAlignedHeaderless(t *testing.T) {
	data := " 00001 0001 19970101  2   29.33\r\n" +
		" 00001 0001 19970118  2   29.73\r\n" +
		" 00002 0002 19970102  1   14.96\r\n" +
		" 00003 0003 19970112  5   77.00\r\n" +
		" 00003 0003 19970213  1   11.77\r\n" +
		" 00004 0004 19970301 10  125.50\r\n"
	fm := FileMapping{Kind: Orders, Columns: map[string]Role{"column 1": CustomerID, "column 2": Ignore,
		"column 3": Date, "column 4": Quantity, "column 5": Amount}}
	src, err := Load(context.Background(), "sample.txt", strings.NewReader(data), fm, table.NewStrings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if src.Counts.Read != 6 || src.Counts.Used != 6 || src.Info.HeaderRows != 0 {
		t.Fatalf("counts %+v, header rows %d", src.Counts, src.Info.HeaderRows)
	}
	if got := strings.Join(src.Header, "|"); got != "column 1|column 2|column 3|column 4|column 5" {
		t.Errorf("header %q", got)
	}
	date, amount := src.Column(Date), src.Column(Amount)
	if date.Time[0] != 852076800 || date.Time[5] != 857174400 { // 1997-01-01, 1997-03-01
		t.Errorf("dates %v", date.Time)
	}
	if amount.Float[0] != 29.33 || amount.Float[5] != 125.5 {
		t.Errorf("amounts %v", amount.Float)
	}
	if src.Table.Lines.At(0) != 1 {
		t.Errorf("first data line %d, want 1", src.Table.Lines.At(0))
	}
}

func TestHeaderless(t *testing.T) {
	for in, want := range map[string]bool{
		"1,2,3":              true,
		"00004 20240105 3.5": true,
		"id,date,amount":     false,
		"1,,3":               false,
		"5":                  false,
		"2024-01-05,12.50":   true,
		"1,total":            false,
	} {
		sep := ","
		if !strings.Contains(in, ",") {
			sep = " "
		}
		if got := headerless(strings.Split(in, sep)); got != want {
			t.Errorf("headerless(%q) = %v", in, got)
		}
	}
}

// Without a mapping, the columns of a headerless transactions file are
// found from their values: the repeating zero-padded id, the compact date,
// the item count and the amount; the sample's second id column is left out.
func TestPlainRoles(t *testing.T) {
	for name, tc := range map[string]struct {
		data  string
		roles []Role
	}{
		"sample layout": {" 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n 00004 0001 19970802  1   14.96\n" +
			" 00018 0002 19970101  2   26.48\n 00021 0003 19970101  3   63.34\n 00021 0003 19970111  1   11.77\n",
			[]Role{CustomerID, Ignore, Date, Quantity, Amount}},
		"master layout": {"00001 19970101 1 11.77\n00002 19970112 1 12.00\n00002 19970112 5 77.00\n00003 19970102 2 20.76\n00003 19970330 2 20.76\n00003 19970402 2 19.54\n",
			[]Role{CustomerID, Date, Quantity, Amount}},
	} {
		src, err := Load(context.Background(), "t.txt", strings.NewReader(tc.data), FileMapping{}, table.NewStrings(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []Role
		for _, r := range src.Roles {
			got = append(got, r.Role)
		}
		if !slices.Equal(got, tc.roles) || src.Kind != Orders {
			t.Errorf("%s: roles %v, kind %s", name, got, src.Kind)
		}
	}
}
