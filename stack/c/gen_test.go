//go:build !wasm

package c

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"netplay/stack/c/internal/genop"
)

// TestGeneratedFilesAreCurrent fails when the generated files (*_gen.go)
// are not what internal/genop makes from its templates now. (Not in wasm:
// the check is the same there, and go/format would make the test binary a
// third bigger.)
func TestGeneratedFilesAreCurrent(t *testing.T) {
	files, err := genop.Files()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range files {
		want = append(want, f.Name)
		got, err := os.ReadFile(f.Name)
		if err != nil {
			t.Errorf("%v: run go generate ./stack/c/", err)
			continue
		}
		if !bytes.Equal(got, f.Src) {
			t.Errorf("%s is not what internal/genop makes: run go generate ./stack/c/", f.Name)
		}
	}
	have, _ := filepath.Glob("*_gen.go")
	for _, name := range have {
		if !slices.Contains(want, name) {
			t.Errorf("%s is not made by internal/genop: remove it", name)
		}
	}
}
