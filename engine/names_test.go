package engine

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/report"
)

// A survey export whose "Survey Name" column repeats over every respondent
// is not people's names: customers are shown by their best identifier.
func TestNameColumnThatIsNotNames(t *testing.T) {
	var b strings.Builder
	b.WriteString("Respondent ID,Email,Full Name,Language,Channel,Device,Date\n")
	langs := []string{"English", "en", "Arabic", "ar", "العربية", "EN-US"}
	chans := []string{"email", "Mail", "E-mail", "294517", "WhatsApp", "واتساب"}
	for i := 0; i < 24; i++ {
		survey := "Customer Survey Q1"
		if i%2 == 1 {
			survey = "Customer Survey Q2"
		}
		fmt.Fprintf(&b, "R%d,p%d@example.com,%s,%s,%s,%s,2024-01-%02d\n", i, i, survey, langs[i%6], chans[i%6], []string{"iPhone", "Mobile", "PC"}[i%3], i+1)
	}
	s := analyzeT(t, Options{}, memInput("survey.csv", b.String()))
	src := s.Report.Sources[0]
	if got := roleOf(t, src, "Full Name"); got != "ignore" {
		t.Errorf("Full Name role %q, want ignore", got)
	}
	if !containsPrefix(src.Notes, "column Full Name is not read as people's names: its 2 values repeat across 24 customers") {
		t.Errorf("notes %q", src.Notes)
	}
	page := s.Customers(CustomerQuery{Sort: "name", Limit: 500})
	for _, r := range page.Customers {
		if r.NameFrom != "email" || !strings.HasSuffix(r.Name, "@example.com") {
			t.Fatalf("row %+v: want the email as its name", r)
		}
	}
	p, _ := s.Customer(page.Customers[0].ID)
	if p.NameFrom != "email" || len(p.Identities.Names) != 0 {
		t.Errorf("profile name %q from %q, names %q", p.Name, p.NameFrom, p.Identities.Names)
	}
	// Languages: English ×(en, English, EN-US) = 12, Arabic ×(ar, Arabic, العربية) = 12.
	if want := []report.Count{{Key: "ar", Count: 12}, {Key: "en", Count: 12}}; !reflect.DeepEqual(s.Report.Customers.Languages, want) {
		t.Errorf("languages %v, want %v", s.Report.Customers.Languages, want)
	}
	// Channels: email, Mail, E-mail → email (12); WhatsApp, واتساب → whatsapp (8); the number dropped.
	if want := []report.Count{{Key: "email", Count: 12}, {Key: "whatsapp", Count: 8}}; !reflect.DeepEqual(s.Report.Activity.Channels, want) {
		t.Errorf("channels %v, want %v", s.Report.Activity.Channels, want)
	}
	if want := []report.Count{{Key: "desktop", Count: 8}, {Key: "ios", Count: 8}, {Key: "mobile", Count: 8}}; !reflect.DeepEqual(s.Report.Activity.Devices, want) {
		t.Errorf("devices %v, want %v", s.Report.Activity.Devices, want)
	}
}

// Real names repeat rarely and stay names; a customer known only by an id
// is shown by it.
func TestNamesStayNames(t *testing.T) {
	s := analyzeT(t, Options{}, memInput("contacts.csv", contactsCSV),
		memInput("ids.csv", "Customer ID,Signup Date\nZ9,2024-01-01\n"))
	byName := map[string]string{}
	for _, r := range s.Customers(CustomerQuery{Limit: 50}).Customers {
		byName[r.Name] = r.NameFrom
	}
	if byName["Sara Al-Qahtani"] != "name" || byName["id:Z9"] != "id" {
		t.Errorf("names %v", byName)
	}
}

func containsPrefix(list []string, p string) bool {
	for _, v := range list {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}
