package ingest

import (
	"archive/zip"
	"bytes"
	"strconv"

	"github.com/qalbhq/qalb/engine/message"
)

// limitError is a file refused for going past the resource budget
// (limits.go); its text is a message of its own, not a reading error.
type limitError struct{ text string }

func (e *limitError) Error() string { return e.text }

func newLimitError(text string) error { return &limitError{text: text} }

// xlsxCheckInflated refuses a part that may inflate past its budget. The
// size is the one the zip's central directory declares: archive/zip stops
// with an error at the first byte past it, so a lie cannot go further.
func xlsxCheckInflated(f *zip.File, where string, fileSize int, held bool) error {
	budget := xlsxPartBudget(fileSize, held)
	if f.UncompressedSize64 > budget {
		return newLimitError(message.Format("limitInflated", where, strconv.FormatUint(f.UncompressedSize64>>20, 10), strconv.FormatUint(budget>>20, 10)))
	}
	return nil
}

// xlsxScan walks the bytes of a workbook part (fed in chunks, as inflated)
// and stops at the first thing past the budget: a text between tags longer
// than MaxTextRun, a tag longer than MaxTagBytes, a row of more than
// MaxRowCells cells, a sheet of more than MaxSheetRows rows, more shared
// strings than maxStrings. It is a byte scanner, not an XML parser: it
// holds nothing but counters, so it is cheap to run before the library
// parses the part for real.
type xlsxScan struct {
	where      string // the sheet or part, for messages
	maxStrings int    // 0: not a shared strings part

	mode    int // scanText, scanTag, scanCDATA, scanComment
	run     int // bytes of the current text, tag, CDATA or comment
	name    []byte
	naming  bool // still reading the tag's name
	closing bool
	tail    [2]byte // the last two bytes, to find ]]> and -->
	rowTag  []byte  // a <row …> tag, for its r attribute
	isRow   bool    // the tag being read is a <row …> start tag
	inRow   bool

	rows    int
	row     int // the current row's number (its r attribute, else counted)
	cells   int
	strings int
}

const (
	scanText = iota
	scanTag
	scanCDATA
	scanComment
)

func (s *xlsxScan) feed(p []byte) error {
	for i := 0; i < len(p); i++ {
		switch s.mode {
		case scanText:
			k := bytes.IndexByte(p[i:], '<')
			if k < 0 {
				s.run += len(p) - i
				i = len(p)
			} else {
				s.run += k
				i += k
			}
			if s.run > MaxTextRun {
				return s.tooLong()
			}
			if k < 0 {
				return nil
			}
			s.mode, s.run, s.name, s.naming, s.closing = scanTag, 0, s.name[:0], true, false
			s.rowTag, s.tail = s.rowTag[:0], [2]byte{}
		case scanTag:
			c := p[i]
			s.run++
			if s.run > MaxTagBytes {
				return newLimitError(message.Format("limitTag", s.where, s.row, MaxTagBytes>>10))
			}
			if s.naming {
				switch {
				case c == '/' && len(s.name) == 0:
					s.closing = true
					continue
				case c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || (c == '/' && len(s.name) > 0):
					s.naming = false
					s.isRow = !s.closing && string(s.localName()) == "row"
				default:
					if len(s.name) < 16 {
						s.name = append(s.name, c)
					}
					switch string(s.name) {
					case "![CDATA[":
						s.mode, s.run, s.tail = scanCDATA, 0, [2]byte{}
					case "!--":
						s.mode, s.run, s.tail = scanComment, 0, [2]byte{}
					}
					continue
				}
			}
			if s.isRow && len(s.rowTag) < 256 {
				s.rowTag = append(s.rowTag, c)
			}
			if c == '>' {
				if err := s.endTag(s.tail[1] == '/'); err != nil {
					return err
				}
				s.mode, s.run = scanText, 0
			}
			s.tail[1] = c
		case scanCDATA, scanComment:
			c := p[i]
			s.run++
			if s.run > MaxTextRun {
				return s.tooLong()
			}
			closer := byte(']')
			if s.mode == scanComment {
				closer = '-'
			}
			if c == '>' && s.tail[0] == closer && s.tail[1] == closer {
				s.mode, s.run = scanText, 0
			}
			s.tail[0], s.tail[1] = s.tail[1], c
		}
	}
	return nil
}

func (s *xlsxScan) tooLong() error {
	return newLimitError(message.Format("limitText", s.where, s.row, MaxTextRun>>20))
}

// localName is the tag's name without its namespace prefix.
func (s *xlsxScan) localName() []byte {
	if c := bytes.LastIndexByte(s.name, ':'); c >= 0 {
		return s.name[c+1:]
	}
	return s.name
}

// endTag counts the tag just closed by '>'.
func (s *xlsxScan) endTag(selfClosing bool) error {
	switch string(s.localName()) {
	case "row":
		if s.closing {
			s.inRow = false
			return nil
		}
		s.rows++
		s.row = s.rowNumber()
		s.cells = 0
		s.inRow = !selfClosing
		if s.rows > MaxSheetRows || s.row > MaxSheetRows {
			return newLimitError(message.Format("limitRows", s.where, MaxSheetRows))
		}
	case "c":
		if s.closing || !s.inRow {
			return nil
		}
		s.cells++
		if s.cells > MaxRowCells {
			return newLimitError(message.Format("limitCells", s.where, s.row, MaxRowCells))
		}
	case "si":
		if s.closing || s.maxStrings == 0 {
			return nil
		}
		s.strings++
		if s.strings > s.maxStrings {
			return newLimitError(message.Format("limitStrings", s.where, s.maxStrings))
		}
	}
	return nil
}

// rowNumber reads the r attribute of the row tag just read; without one
// the row is the one after the previous.
func (s *xlsxScan) rowNumber() int {
	t := s.rowTag
	for {
		k := bytes.Index(t, []byte("r="))
		if k < 0 {
			return s.row + 1
		}
		if k == 0 || t[k-1] == ' ' || t[k-1] == '\t' || t[k-1] == '\n' || t[k-1] == '\r' {
			v := t[k+2:]
			if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
				if e := bytes.IndexByte(v[1:], v[0]); e >= 0 {
					if n, err := strconv.Atoi(string(v[1 : 1+e])); err == nil && n > 0 {
						return n
					}
				}
			}
			return s.row + 1
		}
		t = t[k+2:]
	}
}
