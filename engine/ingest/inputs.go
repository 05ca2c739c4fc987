package ingest

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/message"
)

// What is said about the set of files of one analysis, rather than about
// one file's content: the same content given twice, names that must be
// told apart, mapping entries that match nothing.

// SameContent is the error of a file whose bytes are those of first: it is
// read once, under first's name.
func SameContent(first string) string {
	return message.Format("sameContent", strconv.Quote(first))
}

// UniqueNames names files by their paths ("/" separated): each by its base
// name, or, when several share a base name, by the shortest path suffix
// that tells it from the others (a/x.csv and b/x.csv, not x.csv twice).
// Paths equal in full keep their full path and get " (2)", " (3)"….
func UniqueNames(paths []string) []string {
	parts := make([][]string, len(paths))
	for i, p := range paths {
		parts[i] = strings.Split(strings.Trim(strings.ReplaceAll(p, "\\", "/"), "/"), "/")
	}
	suffix := func(i, n int) string {
		ps := parts[i]
		return strings.Join(ps[max(len(ps)-n, 0):], "/")
	}
	names := make([]string, len(paths))
	depth := make([]int, len(paths))
	for i := range depth {
		depth[i] = 1
	}
	// Lengthen the suffixes of names that clash until none does or the
	// clashing paths are used in full. Each round lengthens at least one
	// path, so this ends; paths are short.
	for {
		byName := map[string][]int{}
		for i := range paths {
			names[i] = suffix(i, depth[i])
			byName[names[i]] = append(byName[names[i]], i)
		}
		grew := false
		for _, ids := range byName {
			if len(ids) < 2 {
				continue
			}
			for _, i := range ids {
				if depth[i] < len(parts[i]) {
					depth[i]++
					grew = true
				}
			}
		}
		if !grew {
			break
		}
	}
	seen := map[string]int{}
	for i, n := range names {
		seen[n]++
		if k := seen[n]; k > 1 {
			names[i] = n + " (" + strconv.Itoa(k) + ")"
		}
	}
	return names
}

// Unmatched lists, as messages, the entries of m that match nothing: file
// names no file has (files are named by names) and, per file read, column
// names its header does not have (headers by file). A typo in a mapping
// would otherwise be ignored without a word.
func (m Mapping) Unmatched(names []string, headers map[string][]string) (files []string, columns map[string][]string) {
	columns = map[string][]string{}
	for _, f := range slices.Sorted(maps.Keys(m.Files)) {
		if !slices.Contains(names, f) {
			files = append(files, message.Format("mappingFile", strconv.Quote(f)))
			continue
		}
		header, ok := headers[f]
		if !ok {
			continue // not read: its error says why
		}
		fm := m.Files[f]
		cols := slices.Sorted(maps.Keys(fm.Columns))
		for c := range fm.Scales {
			if _, ok := fm.Columns[c]; !ok {
				cols = append(cols, c)
			}
		}
		slices.Sort(cols)
		for _, c := range cols {
			if !slices.Contains(header, c) {
				columns[f] = append(columns[f], message.Format("mappingColumn", strconv.Quote(c)))
			}
		}
	}
	return files, columns
}
