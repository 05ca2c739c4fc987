package engine

import (
	"context"
	"crypto/sha256"
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

// sameContent finds inputs whose bytes are those of an earlier input (by
// SHA-256), so the same export given twice is read once, not counted twice.
// Only inputs of equal known size are hashed; that costs one more read of
// those files.
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
		first := map[[32]byte]string{}
		for _, i := range ids {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			sum, ok := hashInput(ins[i])
			if !ok {
				continue // unreadable: Load says why
			}
			if name, dup := first[sum]; dup {
				same[i] = name
			} else {
				first[sum] = ins[i].Name
			}
		}
	}
	return same, nil
}

func hashInput(in Input) ([32]byte, bool) {
	rc, err := in.Open()
	if err != nil {
		return [32]byte{}, false
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		return [32]byte{}, false
	}
	var sum [32]byte
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
