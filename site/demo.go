package main

import (
	"encoding/json"
	"errors"
	"path"
	"strings"
)

// demoEntry is one demo file: the name the analysis shows and its URL,
// relative to the site root.
type demoEntry struct {
	Name string
	Path string
}

// demoIndex reads demo/index.json, as scripts/site-build.sh writes it:
// {"version":1,"files":[{"name":"x.csv","path":"demo/x.csv","bytes":…}]}.
// It also accepts a bare list and items that are plain names; a path that
// does not start with demo/ is taken as relative to demo/.
func demoIndex(text string) ([]demoEntry, error) {
	var raw any
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, errors.New("demo/index.json: " + err.Error())
	}
	if m, ok := raw.(map[string]any); ok {
		raw = m["files"]
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, errors.New("demo/index.json: no list of files")
	}
	var out []demoEntry
	for _, it := range list {
		var e demoEntry
		switch v := it.(type) {
		case string:
			e = demoEntry{Name: path.Base(v), Path: v}
		case map[string]any:
			for _, k := range []string{"path", "file", "url", "name"} {
				if s, ok := v[k].(string); ok && s != "" {
					e.Path = s
					break
				}
			}
			if s, ok := v["name"].(string); ok && s != "" {
				e.Name = s
			} else {
				e.Name = path.Base(e.Path)
			}
		}
		// only files beside index.json: no other origin, no climbing out
		e.Path = strings.TrimPrefix(e.Path, "./")
		if e.Path == "" || strings.Contains(e.Path, "://") || strings.HasPrefix(e.Path, "/") || strings.Contains(e.Path, "..") {
			continue
		}
		if !strings.HasPrefix(e.Path, "demo/") {
			e.Path = "demo/" + e.Path
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil, errors.New("demo/index.json lists no files")
	}
	return out, nil
}
