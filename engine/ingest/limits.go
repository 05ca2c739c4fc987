package ingest

import "github.com/qalbhq/qalb/engine/message"

// The engine's resource budget: every bound that keeps a hostile or broken
// file from taking more memory or time than its size justifies. The same
// numbers hold in the browser tab and in the CLI. Past a limit the reader
// says so with a message naming the file, where, and the limit (codes
// limit… in engine/message), and uses the rest of the file where that makes
// sense: columns past the limit are not read, a record over the record limit
// is rejected alone. Where going on makes no sense (an XLSX part that
// inflates a thousandfold, a row of millions of cells, more rows than Excel
// itself allows), the file is refused before any row is read.
//
// Memory per row is bounded by the input's size: a CSV or NDJSON field costs
// at least its delimiter, and a record is padded to the header's width only
// up to MaxColumns (MaxJSONKeys for JSON, where a missing key costs nothing
// in the file). Read-ahead batches are bounded by rows, bytes and fields.
// See README.md, "Limits".
const (
	// MaxColumns is the widest header read, Excel's own limit (column XFD).
	MaxColumns = 16384
	// MaxJSONKeys is how many distinct fields (leaf paths) of JSON records
	// become columns. Real exports have a few hundred; fields first seen
	// past it are not read. Lower than MaxColumns because a JSON record pays
	// nothing for a field it leaves out, while every row of the table does.
	MaxJSONKeys = 2048
	// MaxCSVRecord bounds a CSV record: past it the record is one rejected
	// row (an open quoted field is skipped to its closing quote).
	MaxCSVRecord = 16 << 20
	// MaxJSONRecord bounds one JSON record or NDJSON line: past it, rejected.
	MaxJSONRecord = 64 << 20
	// MaxJSONDepth bounds the nesting gjson sees (it validates recursively);
	// a record nested deeper is rejected.
	MaxJSONDepth = 512

	// MaxHeaderName is the longest header name kept, in bytes; longer names
	// are shortened (with …).
	MaxHeaderName = 1024

	// MaxSheetRows and MaxRowCells are Excel's limits of a sheet: a workbook
	// past them was not written by a spreadsheet and is refused.
	MaxSheetRows = 1 << 20
	MaxRowCells  = MaxColumns
	// MaxTextRun is the longest text between two XML tags of a workbook part
	// (Excel holds at most 32,767 characters in a cell; escaped and in
	// UTF-8 that is under 1 MiB).
	MaxTextRun = 1 << 20
	// MaxTagBytes bounds one XML tag with its attributes.
	MaxTagBytes = 64 << 10

	// A streamed XLSX part (a sheet) may inflate to MaxInflateRatio times
	// the file's size, and at least to MinInflatedPart; real sheets compress
	// 5–20×. Parts held whole in memory (shared strings, styles, the
	// workbook) may inflate to HeldInflateRatio times, at least
	// MinHeldPart, and hold at most one shared string per SharedStringBytes
	// of the file (at least MinSharedStrings).
	MaxInflateRatio   = 100
	MinInflatedPart   = 256 << 20
	HeldInflateRatio  = 8
	MinHeldPart       = 64 << 20
	SharedStringBytes = 4
	MinSharedStrings  = 1 << 20

	// Read-ahead batches (prefetch) hold at most this many rows, bytes and
	// fields: a row padded with empty fields costs no bytes but a field each.
	batchRows   = 512
	batchBytes  = 256 << 10
	batchFields = 64 << 10

	// MaxHeaderNotes is how many notes about made-up header names
	// (unnamed or repeated columns) are written; the rest are counted in
	// one more note.
	MaxHeaderNotes = 20
)

// xlsxPartBudget is the most a part of a workbook of fileSize bytes may
// inflate to: streamed parts (sheets) or parts held whole.
func xlsxPartBudget(fileSize int, held bool) uint64 {
	if held {
		return max(uint64(MinHeldPart), HeldInflateRatio*uint64(fileSize))
	}
	return max(uint64(MinInflatedPart), MaxInflateRatio*uint64(fileSize))
}

// xlsxStringBudget is the most shared strings a workbook of fileSize bytes
// may hold.
func xlsxStringBudget(fileSize int) int {
	return max(MinSharedStrings, fileSize/SharedStringBytes)
}

// limitColumns cuts a reader whose header is wider than MaxColumns to the
// first MaxColumns columns, with a note; other readers are returned as
// they are. (A CSV row pays a delimiter per field, so its memory is bounded
// by the file anyway; this bounds the table's columns and the per-row work.)
func limitColumns(rr RowReader, info Info) (RowReader, Info) {
	n := len(rr.Header())
	if n <= MaxColumns {
		return rr, info
	}
	info.Notes = append(info.Notes, message.Format("limitColumns", n, MaxColumns))
	return &narrowReader{RowReader: rr, header: rr.Header()[:MaxColumns:MaxColumns]}, info
}

type narrowReader struct {
	RowReader
	header []string
}

func (r *narrowReader) Header() []string { return r.header }

func (r *narrowReader) Next() (*Row, error) {
	row, err := r.RowReader.Next()
	if row != nil && len(row.Fields) > MaxColumns {
		row.Fields = row.Fields[:MaxColumns:MaxColumns]
	}
	return row, err
}
