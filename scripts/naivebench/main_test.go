package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestRunCountsCustomersAndCountries(t *testing.T) {
	csv := "order_id,Email,name,country,city,order_date,total,currency,items\n" +
		"1,a@x.com,A,SA,Riyadh,2024-01-02T10:00:00Z,10.50,SAR,1\n" +
		"2,b@x.com,B,AE,Dubai,2024-01-03T10:00:00Z,20,AED,2\n" +
		"3,a@x.com,A,SA,Riyadh,2024-02-01T10:00:00Z,5,SAR,1\n" +
		"4,c@x.com,C,SA,Jeddah,not a date,5,SAR,1\n" +
		"5,\"d@x.com\",\"D, Jr\",EG,Cairo,2024-03-01T00:00:00+02:00,1e2,EGP,3\n"
	name := filepath.Join(t.TempDir(), "orders.csv")
	if err := os.WriteFile(name, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(name, &out); err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^naive encoding/csv 5 rows \(1 unparsed\) 3 customers 3 countries [0-9.]+ s \(cpu [0-9.]+\) peak RSS [0-9.]+ MB\n$`)
	if !want.MatchString(out.String()) {
		t.Fatalf("got %q", out.String())
	}
}

func TestRunNeedsItsColumns(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(name, []byte("email,total\na@x.com,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(name, &bytes.Buffer{})
	if err == nil || !regexp.MustCompile(`"country".*\n.*"order_date"`).MatchString(err.Error()) {
		t.Fatalf("err = %v, want the missing country and order_date named", err)
	}
}
