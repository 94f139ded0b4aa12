package c

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCompileRun feeds mutated corpus programs to the front end, the
// compiler and the runtime: whatever the input, no panic may escape (a
// compile error or a runtime fault is fine).
func FuzzCompileRun(f *testing.F) {
	files, _ := filepath.Glob("testdata/pure/*.c")
	more, _ := filepath.Glob("testdata/fault/*.c")
	for _, file := range append(files, more...) {
		b, err := os.ReadFile(file)
		if err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		p, err := Compile("fuzz.c", src)
		if err != nil {
			return
		}
		sys := &fakeSys{}
		func() {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(exitPanic); !ok {
						t.Fatalf("panic escaped: %v", r)
					}
				}
			}()
			p.Run(sys, nil, Options{Budget: 1e5}, func(int, string) {})
		}()
	})
}
