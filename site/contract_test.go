package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/ingest"
)

// The UI keeps its own copies of a few engine types so that the engine is
// not linked into the UI's wasm binary; these tests keep them in step.

func TestRolesAndKinds(t *testing.T) {
	if len(roles) != len(ingest.Roles) {
		t.Fatalf("%d roles, ingest has %d", len(roles), len(ingest.Roles))
	}
	for i := range roles {
		if string(roles[i]) != string(ingest.Roles[i]) {
			t.Errorf("role %d: %q, ingest %q", i, roles[i], ingest.Roles[i])
		}
	}
	if len(kinds) != len(ingest.Kinds) {
		t.Fatalf("%d kinds, ingest has %d", len(kinds), len(ingest.Kinds))
	}
	for i := range kinds {
		if string(kinds[i]) != string(ingest.Kinds[i]) {
			t.Errorf("kind %d: %q, ingest %q", i, kinds[i], ingest.Kinds[i])
		}
	}
}

// jsonFields lists a struct type's JSON names, recursively by field path.
func jsonFields(t reflect.Type, prefix string, out map[string]string) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		out[prefix+name] = f.Type.Kind().String()
		jsonFields(f.Type, prefix+name+".", out)
	}
}

func sameJSON(t *testing.T, mine, theirs any, skip ...string) {
	t.Helper()
	a, b := map[string]string{}, map[string]string{}
	jsonFields(reflect.TypeOf(mine), "", a)
	jsonFields(reflect.TypeOf(theirs), "", b)
	for _, s := range skip {
		delete(a, s)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("%T and %T differ:\n mine   %v\n theirs %v", mine, theirs, a, b)
	}
}

func TestEngineTypes(t *testing.T) {
	sameJSON(t, CustomerQuery{}, engine.CustomerQuery{}, "what")
	sameJSON(t, CustomerPage{}, engine.CustomerPage{})
	sameJSON(t, CustomerRow{}, engine.CustomerRow{})
	sameJSON(t, Mapping{}, ingest.Mapping{})
	// a mapping the UI writes is one ingest reads back unchanged
	m := Mapping{DefaultCountry: "SA", Files: map[string]FileMapping{"a.csv": {Kind: "orders", Columns: map[string]Role{"Mail": "email"}, Scales: map[string]Scale{"S": {0, 10}}, DateOrder: "dmy", Encoding: "windows-1256", Delimiter: ";", Format: "csv"}}}
	b, _ := json.Marshal(m)
	var im ingest.Mapping
	if err := json.Unmarshal(b, &im); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(im)
	if !bytes.Equal(b, b2) {
		t.Errorf("mapping round trip:\n %s\n %s", b, b2)
	}
}

// TestGenerated: the vugugen output and static/vugu-render.js are up to date
// (run `go generate ./site` after changing a .vugu file or vugu's version).
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs vugugen")
	}
	dir := t.TempDir()
	vugus, _ := filepath.Glob("*.vugu")
	for _, f := range vugus {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "x.go"), []byte("package main\n"), 0o644)
	for _, c := range [][]string{
		{"go", "tool", "vugugen", "-skip-go-mod", "-skip-main", dir},
		{"gofmt", "-w", dir},
		{"go", "run", "./internal/vendorjs", "-o", filepath.Join(dir, "vugu-render.js")},
	} {
		cmd := exec.Command(c[0], c[1:]...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", c, err, out)
		}
	}
	for _, f := range vugus {
		gen := strings.TrimSuffix(f, ".vugu") + "_gen.go"
		want, _ := os.ReadFile(filepath.Join(dir, gen))
		got, _ := os.ReadFile(gen)
		if !bytes.Equal(want, got) {
			t.Errorf("%s is stale: run go generate ./site", gen)
		}
	}
	want, _ := os.ReadFile(filepath.Join(dir, "vugu-render.js"))
	got, _ := os.ReadFile("static/vugu-render.js")
	if !bytes.Equal(want, got) {
		t.Error("static/vugu-render.js is stale: run go generate ./site")
	}
}
