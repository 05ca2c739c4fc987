package ingest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var updateDoc = flag.Bool("update-doc", false, "rewrite docs/exports.md from the registry")

// exportsDoc renders the registry as docs/exports.md.
func exportsDoc() string {
	var b strings.Builder
	b.WriteString("# Known exports\n\n")
	b.WriteString("Generated from `engine/ingest/registry.go` by `go test ./engine/ingest -run TestExportsDoc -update-doc`;\n")
	b.WriteString("the test fails when this file and the registry differ. Headers are matched after\n")
	b.WriteString("normalising (case, punctuation, spacing, camelCase and snake_case do not matter). A file\n")
	b.WriteString("is recognised when every header of one of its layout's signatures is present; the layout\n")
	b.WriteString("that defines the most of the file's columns wins. Columns a layout does not list\n")
	b.WriteString("(survey questions, custom properties) get their roles from their headers and values, as\n")
	b.WriteString("in any other file; a file no layout matches gets its kind from the whole file\n")
	b.WriteString("(see report.md, `kindConfidence`). Each layout has a synthetic example in\n")
	b.WriteString("`fixtures/exports/`.\n\n")
	b.WriteString("A role's headers are listed in order of preference: where a file has several columns of a\n")
	b.WriteString("role a record holds once (a date, an email), the first listed keeps the role and the\n")
	b.WriteString("others fill its blank cells (GA4's `event_timestamp`, else `event_date`; Segment's\n")
	b.WriteString("`context.traits.email` on track calls, else `traits.email` on identify calls).\n\n")
	b.WriteString("| tool | layout | kind | recognised by | quirks |\n|---|---|---|---|---|\n")
	for _, l := range registry {
		var sigs []string
		for _, m := range l.Match {
			sigs = append(sigs, strings.ReplaceAll(m, "|", ", "))
		}
		var qs []string
		for _, q := range l.Quirks {
			qs = append(qs, string(q))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", l.Tool, orDash(l.Layout), l.Kind,
			esc(strings.Join(sigs, " — or — ")), orDash(strings.Join(qs, ", ")))
	}
	b.WriteString("\n## What is read from each layout\n")
	for _, l := range registry {
		fmt.Fprintf(&b, "\n### %s %s\n\n", l.Tool, l.Layout)
		fmt.Fprintf(&b, "Kind **%s**; customer ids in the `%s` namespace. Source: %s.\n\n", l.Kind, l.System, esc(l.Doc))
		var roles []string
		for r := range l.Roles {
			if r != Ignore {
				roles = append(roles, string(r))
			}
		}
		sort.Strings(roles)
		for _, r := range roles {
			fmt.Fprintf(&b, "- `%s`: %s\n", r, esc(strings.ReplaceAll(l.Roles[Role(r)], "|", ", ")))
		}
		for r, p := range l.Prefixes {
			fmt.Fprintf(&b, "- `%s`: columns starting with %s\n", r, esc(strings.ReplaceAll(p, "|", ", ")))
		}
		if len(l.Scales) > 0 {
			var sc []string
			for _, r := range []Role{NPS, CSAT, CES} {
				if v, ok := l.Scales[r]; ok {
					sc = append(sc, fmt.Sprintf("%s %d–%d", r, v.Min, v.Max))
				}
			}
			fmt.Fprintf(&b, "- scales by survey type: %s\n", strings.Join(sc, ", "))
		}
		if ig := l.Roles[Ignore]; ig != "" {
			fmt.Fprintf(&b, "- not read: %s\n", esc(strings.ReplaceAll(ig, "|", ", ")))
		}
	}
	b.WriteString("\n## Quirks\n\n")
	for _, q := range []struct {
		q    quirk
		text string
	}{
		{quirkLineItems, "one row per line item: rows sharing the order id are one order; only the first carries the totals"},
		{quirkScoreVaries, "the score is NPS, CES or CSAT by survey: the survey-type column or the values' scale says which"},
		{quirkQuestions, "recognised by a first column \"Timestamp\" and question-like headers"},
		{quirkDecimalComma, "amounts written 1.234,56"},
		{quirkTestMode, "payments made in test mode (Mode = Test, livemode = false) are left out of revenue, with a note"},
		{quirkInternalRows, "currency conversions, withdrawals, transfers, holds and authorisations (by type, in English, Spanish, French and German) are left out of revenue, with a note"},
		{quirkNPSGroup, "a question with a \"_NPS_GROUP\" (or \"- Group\") column is the NPS question; the group is a category"},
		{quirkHeaderRows, "two or three header rows are merged: SurveyMonkey's question and option rows (also in copies re-saved through pandas, with an index column and \"Unnamed: N\" headers), Qualtrics' field ids, question labels and ImportId JSON row"},
		{quirkCommentLines, "'#' metadata lines (the period is read from \"Start date\" and \"End date\") and several tables separated by blank lines, each summarised on its own"},
		{quirkUTF16, "written in UTF-16"},
		{quirkCallTypes, "the `type` column says the call: page and screen calls have no `event` and are named as Segment's destinations name them (\"Viewed Home Page\" for a page named Home, \"Loaded a Page\" for an unnamed one; \"… Screen\" for screens); identify, alias and group calls are kept for the ids they link (anonymousId, userId, traits.email) and count as no event; a track call without its event is rejected"},
	} {
		fmt.Fprintf(&b, "- `%s`: %s.\n", q.q, q.text)
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func esc(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// TestExportsDoc: docs/exports.md is the registry's, and the registry is
// well-formed: every layout has a signature, a source, a kind, and no
// header is given two roles.
func TestExportsDoc(t *testing.T) {
	for _, l := range registry {
		if len(l.Match) == 0 || l.Doc == "" || l.Tool == "" || l.System == "" {
			t.Errorf("%s %s: a layout needs a signature, a source, a tool and a system", l.Tool, l.Layout)
		}
		seen := map[string]Role{}
		for r, hs := range l.Roles {
			for _, h := range splitHeaders(hs) {
				if prev, ok := seen[h]; ok && prev != r && prev != Ignore && r != Ignore {
					t.Errorf("%s %s: %q is both %s and %s", l.Tool, l.Layout, h, prev, r)
				}
				seen[h] = r
			}
		}
	}
	path := filepath.Join("..", "..", "docs", "exports.md")
	want := exportsDoc()
	if *updateDoc {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("docs/exports.md differs from the registry: run go test ./engine/ingest -run TestExportsDoc -update-doc")
	}
}
