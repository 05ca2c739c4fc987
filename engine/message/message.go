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
	"spaceAligned":    "columns separated by runs of spaces",
	"noHeader":        "the first row is data, not a header: the columns are called column 1, column 2, …",

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
