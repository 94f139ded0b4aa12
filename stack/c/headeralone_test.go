package c

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
)

// TestHeadersAloneAsGlibc: each header, included alone, declares nothing
// glibc's does not (without feature macros): a name a header has too many
// can clash with a program's own (its ptrdiff_t, its index()), and a
// program leaning on one would not build with gcc. Every name netplay's
// header gives (macros, functions, objects, typedefs, tags, enumerators)
// is used in a file that includes glibc's header alone; gcc -fsyntax-only
// must accept each use.
func TestHeadersAloneAsGlibc(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	dir := t.TempDir()
	var names []string
	for n := range libc.Headers {
		if !strings.HasPrefix(n, "bits/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	type use struct{ header, name string }
	lineOf := map[string]map[int]use{} // file -> line -> what it uses
	var files []string
	for i, h := range names {
		ast, err := probeFrontEnd("#include <" + h + ">\nint main(void) { return 0; }\n")
		if err != nil {
			t.Fatalf("%s: %v", h, err)
		}
		var b strings.Builder
		lines := map[int]use{}
		line := 1
		emit := func(name, code string) {
			b.WriteString(code + "\n")
			lines[line] = use{h, name}
			line += strings.Count(code, "\n") + 1
		}
		b.WriteString("#include <" + h + ">\n")
		line++
		visible := func(n cc.Node) bool { return strings.HasPrefix(n.Position().Filename, sysInclude+"/") }
		public := func(name string) bool { return !strings.HasPrefix(name, "__") && name != "" }
		var macros []string
		for name, m := range ast.Macros {
			if visible(m) && public(name) {
				macros = append(macros, name)
			}
		}
		sort.Strings(macros)
		for _, name := range macros {
			emit(name, "#ifndef "+name+"\n#error "+name+"\n#endif")
		}
		var idents []string
		for name := range ast.Scope.Nodes {
			if public(name) {
				idents = append(idents, name)
			}
		}
		sort.Strings(idents)
		b.WriteString("void probe(void) {\n")
		line++
		for _, name := range idents {
			if _, isMacro := ast.Macros[name]; isMacro {
				continue // a macro covers it (errno, stdin ...)
			}
			for _, n := range ast.Scope.Nodes[name] {
				if !visible(n) {
					continue
				}
				switch x := n.(type) {
				case *cc.Declarator:
					if x.IsTypename() {
						emit(name, "{ "+name+" *p = 0; (void)p; }")
					} else {
						emit(name, "(void)&"+name+";")
					}
				case *cc.Enumerator:
					emit(name, "(void)"+name+";")
				case *cc.StructOrUnionSpecifier:
					if x.StructDeclarationList != nil {
						kw := "struct"
						if x.StructOrUnion.Case == cc.StructOrUnionUnion {
							kw = "union"
						}
						emit(kw+" "+name, "(void)sizeof("+kw+" "+name+");")
					}
				}
				break
			}
		}
		b.WriteString("}\n")
		file := fmt.Sprintf("h%03d.c", i)
		if err := os.WriteFile(filepath.Join(dir, file), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		lineOf[file] = lines
		files = append(files, file)
	}
	cmd := exec.Command(gcc, append([]string{"-fsyntax-only", "-w", "-fdiagnostics-plain-output"}, files...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, _ := cmd.CombinedOutput()
	errLine := regexp.MustCompile(`^(h\d+\.c):(\d+):\d+: error: (.*)$`)
	seen := map[use]bool{}
	var extra []string
	for _, l := range strings.Split(string(out), "\n") {
		m := errLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		u, ok := lineOf[m[1]][n]
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		extra = append(extra, u.header+": "+u.name)
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("%d names netplay's header gives alone and glibc's does not:\n%s", len(extra), strings.Join(extra, "\n"))
	}
}
