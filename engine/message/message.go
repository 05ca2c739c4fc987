// Package message holds what the engine writes about files for people —
// why a row was rejected, why a cell could not be read, how a file was
// read, why it could not be read — in English, under stable codes, and
// reads such a text back into its code and arguments so that an interface
// can say the same in another language. It imports nothing of the engine,
// so the interface can use it without the readers.
package message

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Texts are the English texts by code, with {0}, {1}, … for what varies.
// The report carries only the English; Parse finds the code and the
// arguments again.
var Texts = map[string]string{
	// Rows rejected.
	"restUnreadable":   "the rest of the file could not be read: {0}",
	"fieldCount":       "the row has {0} fields but the header has {1}",
	"noValue":          "no value in any column Qalb uses",
	"noEventName":      "no event name",
	"noScoreOrComment": "no score and no comment",
	"noRatingOrText":   "no rating and no text",
	"noOrderData":      "no order number, amount or product",
	"recordTooLarge":   "the record is larger than {0} MiB: a quoted field is probably not closed",
	"unterminated":     "unterminated quoted field starting at line {0}",
	"quoteMissing":     "a quoted field opened on line {0} is closed on line {1} and followed by more text: a quote is probably missing (lines {2}–{3} rejected)",
	"jsonNested":       "the record is nested too deeply: {0}",
	"jsonInvalid":      "invalid JSON: {0}",
	"jsonNotObject":    "not a JSON object: {0}",
	"jsonTruncated":    "the file ends inside this record (is it truncated?): {0}",
	"jsonLineTooLong":  "the line is longer than {0} MiB: {1}",
	"rowUnreadable":    "the row cannot be read: {0}",

	// Cells that could not be read (the row was used).
	"notDate":    "not a date",
	"notWhole":   "not a whole number in range",
	"notAmount":  "not an amount",
	"notScore":   "not a score on the {0}–{1} scale",
	"notNumber":  "not a number",
	"unreadable": "unreadable",

	// Notes on how a file was read.
	"bareQuote":       `a " inside a field that is not quoted was kept as text`,
	"jsonLateField":   "the field {0} first appears after the first {1} records and is not read",
	"sepLine":         "delimiter {0} set by the file's sep= line",
	"surveyMonkey":    "header row 2 merged (SurveyMonkey)",
	"noRows":          "the file has a header but no rows",
	"unnamedColumn":   "column {0} of the header has no name; it is called {1}",
	"duplicateHeader": "the header names {0} more than once; column {1} is called {2}",
	"jsonField":       "records read from the {0} field",
	"jsonOneObject":   "the file is one object: read as one record",
	"readAsExcel":     "read as an Excel workbook: the file is a zip archive",
	"invalidUTF8":     "the file has invalid UTF-8 bytes; they were replaced with �",
	"sheet":           "sheet {0} (the first sheet with data)",
	"otherSheets":     "other sheets not read: {0}",
	"notNames":        "column {0} is not read as people's names: its {1} values repeat across {2} customers",
	"tables":          "the file holds {0} tables, each with its own header; their rows are read together",
	"commentLines":    "{0} comment lines (#) before the header kept as the file's metadata",
	"qualtrics":       "header rows 2–{0} merged (Qualtrics question labels)",
	"testModeRows":    "{0} test-mode payments kept out of revenue",
	"internalRows":    "{0} internal movements (currency conversions, withdrawals, holds) kept out of revenue",

	// Notes on survey scores (the feedback section).
	"scoreNoAnswers": "{0}: the score column {1} has no answers",
	"surveyNoMetric": "{0}: the survey {1} does not say whether it is NPS, CSAT or CES; its {2} answers in column {3} are not scored",
	"scoreOffScale":  "{0}: {1} answers of survey {2} in column {3} are off its {4}–{5} scale; the survey is not scored",

	"spaceAligned": "columns separated by runs of spaces",
	"noHeader":     "the first row is data, not a header: the columns are called column 1, column 2, …",

	// Predictions: why lifetime values fall back, and churn reasons.
	"clvFewRepeat":       "too little repeat data for BG/NBD: {0} customers bought on two or more days ({1} needed); lifetime values use the average repeat rate and each customer's mean spend",
	"clvNotConverged":    "the BG/NBD fit did not converge; lifetime values use the average repeat rate and each customer's mean spend",
	"clvSpendCorrelated": "spend per order and number of orders are correlated ({0}); the Gamma-Gamma spend estimates may be biased",
	"churnPAlive":        "probability of being active {0}%",
	"churnGap":           "no order in {0} days, {1}× the usual gap of {2} days",
	"churnOneOrder":      "one order only, {0} days ago",
	"churnDetractor":     "NPS detractor",
	"churnNegative":      "negative sentiment ({0} texts)",
	"churnOpenTickets":   "open support tickets: {0}",
	"churnCancelled":     "subscription cancelled",
	"churnPastDue":       "payment past due",
	"churnEnding":        "subscription set to end at the period's end",

	// Files that could not be read.
	"fileUnreadable":    "the file could not be read: {0}",
	"empty":             "the file is empty",
	"headerUnreadable":  "line {0}: the header row cannot be read: {1}",
	"notJSONArray":      "line {0}: this is not a JSON array of records ([…]) or an object holding one ({…})",
	"noRecords":         "the file holds no records",
	"jsonRecordTooBig":  "line {0}: a record is larger than {1} MiB",
	"jsonFieldName":     "line {0}: this is not valid JSON (a field name was expected)",
	"jsonEmptyField":    "the records field {0} is empty",
	"unknownFormat":     "unknown format {0} (expected csv, json, ndjson or xlsx)",
	"oldExcel":          "this is an old Excel 97–2003 (.xls) or other Office binary file; save it as .xlsx or CSV and try again",
	"gzip":              "this file is compressed (gzip); uncompress it first",
	"xlsxIsText":        "this is not a valid .xlsx file (it is a text file, not a zip archive); if it is a CSV, name it .csv",
	"xlsxNotZip":        "this is not a valid .xlsx file (it is not a zip archive)",
	"zipNotText":        "this is not a text file (it is a zip archive; if it is an Excel workbook, name it .xlsx)",
	"binary":            "this is not a text file (binary content at byte {0})",
	"xlsxZipDamaged":    "this is not a valid .xlsx file (the zip archive is damaged: {0})",
	"xlsxUnreadable":    "this .xlsx file cannot be read ({0})",
	"xlsxNotWorkbook":   "this .xlsx file is damaged or is not an Excel workbook ({0})",
	"xlsxRowUnreadable": "sheet {0}, row {1} cannot be read ({2})",
	"xlsxEmpty":         "the workbook has no data (every sheet is empty)",

	// About the set of files of an analysis.
	"sameContent":   "the same content as {0}: read once",
	"mappingFile":   "the mapping names the file {0}, which is not among the files given",
	"mappingColumn": "the mapping names the column {0}, which this file does not have",

	// Past a limit of the resource budget (engine/ingest/limits.go).
	"sheetName":        "sheet {0}",
	"limitKeys":        "the records have more than {0} distinct fields: only the first ones found are read",
	"limitColumns":     "the header has {0} columns: only the first {1} are read",
	"limitHeaderNotes": "{0} more columns are unnamed or repeat a name",
	"limitHeaderName":  "the name of column {0} is longer than {1} bytes and was shortened",
	"limitInflated":    "{0} inflates to {1} MiB, more than the {2} MiB allowed for a file of this size (a zip bomb?); the file is not read",
	"limitTag":         "{0}, row {1}: an XML tag longer than {2} KiB; the file is not read",
	"limitText":        "{0}, row {1}: a text longer than {2} MiB (Excel holds at most 32,767 characters in a cell); the file is not read",
	"limitRows":        "{0} has more than {1} rows (Excel's limit); the file is not read",
	"limitCells":       "{0}, row {1} has more than {2} cells (Excel's limit); the file is not read",
	"limitStrings":     "{0} holds more than {1} shared strings, more than a file of this size can hold; the file is not read",
}

// Format is the English text of code with args (strings, ints or errors).
func Format(code string, args ...any) string {
	text, ok := Texts[code]
	if !ok {
		panic("message: no text for " + code)
	}
	for i, a := range args {
		var v string
		switch a := a.(type) {
		case string:
			v = a
		case int:
			v = strconv.Itoa(a)
		case error:
			v = a.Error()
		default:
			v = fmt.Sprint(a)
		}
		text = strings.Replace(text, "{"+strconv.Itoa(i)+"}", v, 1)
	}
	return text
}

// Parse finds which message text is and its arguments. A text made
// by another message (a row error inside "the rest of the file could not
// be read: …") is an argument like any other; callers may parse it in turn.
func Parse(text string) (code string, args []string, ok bool) {
	for c, format := range Texts {
		if a, ok := matchFormat(format, text); ok {
			// Several formats can match only when one ends in a
			// placeholder that swallows another's text: the one with more
			// literal text is the precise one.
			if code == "" || len(format) > len(Texts[code]) {
				code, args = c, a
			}
		}
	}
	return code, args, code != ""
}

// CodeOf is the code of the message text is, like Parse but without its
// arguments, and fast enough to call for each of millions of rejected
// rows: only the formats whose literal start text shares are tried.
func CodeOf(text string) (string, bool) {
	codeIndexOnce.Do(buildCodeIndex)
	best := ""
	for _, c := range codeIndex[codeIndexKey(text)] {
		if _, ok := matchFormat(Texts[c], text); ok && (best == "" || len(Texts[c]) > len(Texts[best])) {
			best = c
		}
	}
	if best != "" {
		return best, true
	}
	for _, c := range codeIndexOpen { // formats that start with a placeholder
		if _, ok := matchFormat(Texts[c], text); ok && (best == "" || len(Texts[c]) > len(Texts[best])) {
			best = c
		}
	}
	return best, best != ""
}

var (
	codeIndexOnce sync.Once
	codeIndex     map[string][]string // by the first codeIndexLen bytes of the literal start
	codeIndexOpen []string
)

const codeIndexLen = 6

func codeIndexKey(s string) string { return s[:min(len(s), codeIndexLen)] }

func buildCodeIndex() {
	codeIndex = map[string][]string{}
	for c, f := range Texts {
		lit := f
		if i := strings.IndexByte(f, '{'); i >= 0 {
			lit = f[:i]
		}
		if len(lit) < codeIndexLen && len(lit) != len(f) {
			codeIndexOpen = append(codeIndexOpen, c)
			continue
		}
		k := codeIndexKey(lit)
		codeIndex[k] = append(codeIndex[k], c)
	}
}

// matchFormat matches text against format, reading each placeholder up to
// the first occurrence of the literal text after it (the last one takes
// the rest).
func matchFormat(format, text string) ([]string, bool) {
	var args []string
	for {
		open := strings.IndexByte(format, '{')
		if open < 0 || open+2 >= len(format) || format[open+2] != '}' || format[open+1] < '0' || format[open+1] > '9' {
			return args, format == text
		}
		if !strings.HasPrefix(text, format[:open]) {
			return nil, false
		}
		text, format = text[len(format[:open]):], format[open+3:]
		next := strings.IndexByte(format, '{')
		lit := format
		if next >= 0 {
			lit = format[:next]
		}
		var end int
		switch {
		case lit == "":
			end = len(text)
		case next < 0:
			if !strings.HasSuffix(text, lit) {
				return nil, false
			}
			end = len(text) - len(lit)
		default:
			end = strings.Index(text, lit)
		}
		if end <= 0 {
			return nil, false
		}
		args = append(args, text[:end])
		text = text[end:]
	}
}
