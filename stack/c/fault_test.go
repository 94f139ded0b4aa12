package c

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFaults runs the programs of testdata/fault: each ends with the
// status and message its first line gives ("// EXPECT 139 Segmentation
// fault at null.c:6"), and output printed before the fault is kept.
func TestFaults(t *testing.T) {
	files, _ := filepath.Glob("testdata/fault/*.c")
	if len(files) < 8 {
		t.Fatalf("only %d fault programs", len(files))
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			src, _ := os.ReadFile(file)
			first, _, _ := strings.Cut(string(src), "\n")
			f := strings.SplitN(strings.TrimPrefix(first, "// EXPECT "), " ", 2)
			status, _ := strconv.Atoi(f[0])
			p, err := Compile(name, string(src))
			if err != nil {
				t.Fatal(err)
			}
			sys := &fakeSys{}
			var got result
			func() {
				defer func() {
					if r := recover(); r != nil {
						got.status = r.(exitPanic).status
					}
				}()
				got.status = p.Run(sys, nil, Options{Budget: 1e6}, func(st int, msg string) { got.fault = msg })
			}()
			if got.status != status || !strings.HasPrefix(got.fault, f[1]) {
				t.Errorf("got status %d fault %q, want %d %q (stdout %q)", got.status, got.fault, status, f[1], sys.out.String())
			}
		})
	}
}

func TestCompileErrorsAreAllListed(t *testing.T) {
	src, _ := os.ReadFile("testdata/compile_errors.c")
	_, err := Compile("prog.c", string(src))
	if err == nil {
		t.Fatal("compiled")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) < 2 {
		t.Fatalf("want every error, got:\n%v", err)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "prog.c:") {
			t.Errorf("line %q is not file:line:col: message", l)
		}
	}
	for _, want := range []string{"prog.c:3:17: operands shall have arithmetic type", "prog.c:5:12: undefined: y"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %s in\n%v", want, err)
		}
	}
}
