package engine

import (
	"bytes"
	"context"
	"hash/fnv"
	"io"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
)

// inputsState is what Analyze learns about the set of files: which repeat
// another's content, and the mapping entries that match nothing.
type inputsState struct {
	sameAs    map[int]string // input index → the name of the first input with its bytes
	unmatched []string       // mapping entries that match nothing, "name: message"
}

// uniqueInputNames renames inputs that share a name ("x.csv (2)"), so that
// every row's file and line points at one file. The CLI names files by
// their shortest distinguishing path already (ingest.UniqueNames).
func uniqueInputNames(ins []Input) {
	names := make([]string, len(ins))
	for i, in := range ins {
		names[i] = in.Name
	}
	for i, n := range ingest.UniqueNames(names) {
		ins[i].Name = n
	}
}

// sameContent finds inputs whose bytes are those of an earlier input, so
// the same export given twice is read once, not counted twice. Only inputs
// of equal known size are hashed (FNV-1a, 128 bits: crypto/sha256 would add
// 32 KB to the wasm), and equal hashes are confirmed byte by byte, so a
// crafted collision cannot drop a file.
func sameContent(ctx context.Context, ins []Input) (map[int]string, error) {
	bySize := map[int64][]int{}
	for i, in := range ins {
		if in.Size > 0 {
			bySize[in.Size] = append(bySize[in.Size], i)
		}
	}
	same := map[int]string{}
	for _, ids := range bySize {
		if len(ids) < 2 {
			continue
		}
		first := map[[16]byte]int{}
		for _, i := range ids {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			sum, ok := hashInput(ins[i])
			if !ok {
				continue // unreadable: Load says why
			}
			if j, dup := first[sum]; dup && sameBytes(ins[j], ins[i]) {
				same[i] = ins[j].Name
			} else if !dup {
				first[sum] = i
			}
		}
	}
	return same, nil
}

func hashInput(in Input) ([16]byte, bool) {
	rc, err := in.Open()
	if err != nil {
		return [16]byte{}, false
	}
	defer rc.Close()
	h := fnv.New128a()
	if _, err := io.Copy(h, rc); err != nil {
		return [16]byte{}, false
	}
	var sum [16]byte
	h.Sum(sum[:0])
	return sum, true
}

// sameContentSource is the report's entry for a file read once already.
func sameContentSource(in Input, first string) report.Source {
	return report.Source{File: in.Name, Bytes: in.Size, Error: in.Name + ": " + ingest.SameContent(first)}
}

// checkMapping notes the mapping's entries that match nothing: a column a
// file does not have on that file's notes, a file not given as a source of
// its own with the error.
func (s *Session) checkMapping(m ingest.Mapping, ins []Input) {
	names := make([]string, len(ins))
	for i, in := range ins {
		names[i] = in.Name
	}
	headers := map[string][]string{}
	bySource := map[string]*ingest.Source{}
	for _, src := range s.sources {
		headers[src.File] = src.Header
		bySource[src.File] = src
	}
	files, columns := m.Unmatched(names, headers)
	for _, msg := range files {
		s.inputs.unmatched = append(s.inputs.unmatched, msg)
		s.failed = append(s.failed, report.Source{File: "mapping", Error: "mapping: " + msg})
	}
	for f, msgs := range columns {
		bySource[f].Notes = append(bySource[f].Notes, msgs...)
		for _, msg := range msgs {
			s.inputs.unmatched = append(s.inputs.unmatched, f+": "+msg)
		}
	}
}

// MappingUnmatched lists the mapping's entries that matched no file or
// column ("file: message"); the CLI refuses a mapping with any.
func (s *Session) MappingUnmatched() []string { return s.inputs.unmatched }

// sameBytes compares two inputs' bytes.
func sameBytes(a, b Input) bool {
	ra, err := a.Open()
	if err != nil {
		return false
	}
	defer ra.Close()
	rb, err := b.Open()
	if err != nil {
		return false
	}
	defer rb.Close()
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, ea := io.ReadFull(ra, ba)
		nb, eb := io.ReadFull(rb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if ea != nil || eb != nil {
			return (ea == io.EOF || ea == io.ErrUnexpectedEOF) && (eb == io.EOF || eb == io.ErrUnexpectedEOF)
		}
	}
}
