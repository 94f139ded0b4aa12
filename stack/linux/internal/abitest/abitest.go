// Package abitest checks the tables of stack/linux (errno, signal) against
// what they describe: a C program built with gcc prints what the system's
// headers and glibc say, and the package's own source must name each
// constant as its table row does. It is for those packages' tests.
package abitest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// RunC builds the C program src with gcc and returns the lines it prints.
// Without gcc (or under wasm, which runs no programs) the test is skipped.
func RunC(t *testing.T, src string) []string {
	t.Helper()
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc: the table is NOT checked against the system's headers and glibc")
	}
	dir := t.TempDir()
	c, bin := filepath.Join(dir, "table.c"), filepath.Join(dir, "table")
	if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(gcc, "-o", bin, c).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

// Const is a constant declared in Go source.
type Const struct {
	Name  string
	Value int
}

// Constants returns the constants of type typ the Go file declares with a
// number ("EPERM Errno = 1"), in the order of the file.
func Constants(t *testing.T, file, typ string) []Const {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []Const
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != typ || len(vs.Values) != 1 {
				continue
			}
			lit, ok := vs.Values[0].(*ast.BasicLit)
			if !ok {
				t.Fatalf("%s: constant %s is not a number", file, vs.Names[0].Name)
			}
			v, err := strconv.Atoi(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, Const{vs.Names[0].Name, v})
		}
	}
	return out
}
