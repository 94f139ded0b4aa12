package c

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"netplay/stack/scenario"

	cc "modernc.org/cc/v4"
)

// pchCases are the programs of testdata, each with the project it builds
// in: the course's chapter programs and library units with the course's
// files, every other file alone.
func pchCases(t *testing.T) (cases []pchCase) {
	var course []scenario.File
	err := filepath.WalkDir("testdata", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".c") && !strings.HasSuffix(name, ".h") {
			return err
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if rel, ok := strings.CutPrefix(filepath.ToSlash(name), "testdata/course/"); ok {
			course = append(course, scenario.File{Name: rel, Text: string(b)})
			return nil
		}
		if strings.HasSuffix(name, ".c") {
			cases = append(cases, pchCase{main: scenario.File{Name: filepath.Base(name), Text: string(b)}})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, pchEdgeCases...)
	for _, f := range course {
		if strings.HasSuffix(f.Name, ".c") {
			cases = append(cases, pchCase{main: f, shared: course})
		}
	}
	return cases
}

type pchCase struct {
	main   scenario.File
	shared []scenario.File
}

// TestPrecompiledHeaderSame checks that a unit starting from the prefix of
// its includes is what the front end makes of it whole, for every program of
// testdata and the course's units: the same messages, the same file scope
// declarations (types, linkage, uses counted), macros, warnings and link.
func TestPrecompiledHeaderSame(t *testing.T) {
	defer func() { wholeUnits = false }()
	shared := 0
	for _, tc := range pchCases(t) {
		p := newProject(tc.main, nil, tc.shared)
		translate := func(whole bool) string {
			wholeUnits = whole
			ast, looked, err := p.translate(tc.main.Name)
			if err != nil {
				return "error: " + err.Error()
			}
			slices.Sort(looked)
			return pchDump(p, ast) + fmt.Sprintf("looked %q\n", slices.Compact(looked))
		}
		whole, pch := translate(true), translate(false)
		if whole != pch {
			t.Errorf("%s: whole and from the prefix differ:\n%s", tc.main.Name, firstDiff(whole, pch))
			continue
		}
		if _, _, _, ok := p.leadingIncludes(tc.main.Name, tc.main.Text); ok {
			shared++
		}
		if tc.shared != nil {
			continue // the course's builds link the units compared above
		}
		build := func(whole bool) string {
			wholeUnits = whole
			unitASTs = unitCache{}
			prog, err := Build(tc.main, nil, tc.shared)
			if err != nil {
				return "error: " + err.Error()
			}
			return fmt.Sprintf("units %q\nwarnings %v\n", prog.units, prog.Warnings)
		}
		if whole, pch := build(true), build(false); whole != pch {
			t.Errorf("%s: builds differ:\n%s", tc.main.Name, firstDiff(whole, pch))
		}
	}
	if shared < 100 {
		t.Errorf("only %d units started from a prefix", shared)
	}
}

// pchDump is what a translation made that its users see.
func pchDump(p *project, ast *cc.AST) string {
	var b strings.Builder
	decl := func(d *cc.Declarator) {
		fmt.Fprintf(&b, "  %s %v %s linkage=%v static=%v extern=%v inline=%v typename=%v r=%d w=%d s=%d addr=%v synthetic=%v\n",
			d.Name(), d.Position(), d.Type(), d.Linkage(), d.IsStatic(), d.IsExtern(), d.IsInline(), d.IsTypename(),
			d.ReadCount(), d.WriteCount(), d.SizeofCount(), d.AddressTaken(), d.IsSynthetic())
	}
	// The external declarations, by the index in the file scope of the
	// declarators they declare (the same nodes as the scope's, dumped below).
	index := map[*cc.Declarator]int{}
	for _, ns := range ast.Scope.Nodes {
		for i, n := range ns {
			if d, ok := n.(*cc.Declarator); ok {
				index[d] = i
			}
		}
	}
	at := func(d *cc.Declarator) {
		i, ok := index[d]
		if !ok {
			i = -1
		}
		fmt.Fprintf(&b, " %s#%d", d.Name(), i)
	}
	for l := ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		fmt.Fprintf(&b, "%v %v", ed.Position(), ed.Case)
		switch ed.Case {
		case cc.ExternalDeclarationFuncDef:
			at(ed.FunctionDefinition.Declarator)
		case cc.ExternalDeclarationDecl:
			for il := ed.Declaration.InitDeclaratorList; il != nil; il = il.InitDeclaratorList {
				at(il.InitDeclarator.Declarator)
			}
		}
		b.WriteByte('\n')
	}
	var names []string
	for name := range ast.Scope.Nodes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(&b, "scope %s\n", name)
		for _, n := range ast.Scope.Nodes[name] {
			switch x := n.(type) {
			case *cc.Declarator:
				decl(x)
			case *cc.Enumerator:
				fmt.Fprintf(&b, "  enumerator %v %v %v\n", x.Position(), x.Type(), x.Value())
			default:
				fmt.Fprintf(&b, "  %T %v\n", x, n.Position())
			}
		}
	}
	names = names[:0]
	for name := range ast.Macros {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		m := ast.Macros[name]
		fmt.Fprintf(&b, "macro %s %v %v %d\n", name, m.Name.Position(), m.IsConst, len(m.ReplacementList()))
	}
	used := map[string]bool{}
	usedNames(ast, used)
	fmt.Fprintf(&b, "used %v\nsize_t %v structs %d unions %d\n", used, ast.SizeT, len(ast.Structs), len(ast.Unions))
	fmt.Fprintf(&b, "warnings %v\n", unitWarnings(ast, p.text))
	return b.String()
}

// firstDiff shows where a and b part.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

// pchEdgeCases are units whose prefix a careless precompiled header would
// get wrong.
var pchEdgeCases = func() (r []pchCase) {
	lib := func(main string, files ...string) pchCase {
		c := pchCase{main: scenario.File{Name: "ch/main.c", Text: main}}
		for i := 0; i < len(files); i += 2 {
			c.shared = append(c.shared, scenario.File{Name: files[i], Text: files[i+1]})
		}
		return c
	}
	const header = "#ifndef H\n#define H\n#include <stdio.h>\nstruct buf;\nvoid fill(struct buf *);\nstatic int twice(int x) { return 2 * x; }\nenum color { RED, GREEN };\n#define N 3\n#endif\n"
	return append(r,
		// The unit defines a struct the header only names: the whole
		// translation lets the header's declarations see it.
		lib("#include \"lib/h.h\"\nstruct buf { int n; };\nvoid fill(struct buf *b) { b->n = twice(N); }\nint main(void) { struct buf b; fill(&b); printf(\"%d\\n\", b.n); return RED; }\n", "lib/h.h", header),
		// Comments around the includes, a trailing comment, a second
		// include, errors in the unit's own lines.
		lib("/* a\n * comment */\n#include \"lib/h.h\" // the course's\n\n#include <string.h>\nint main(void) { int unused; return strlen(\"x\") + undeclared; }\n", "lib/h.h", header),
		// An error in the header: no prefix, the same messages.
		lib("#include \"lib/h.h\"\nint main(void) { return 0; }\n", "lib/h.h", header+"int broken(;\n"),
		// The unit's folder has a header of the same name: found first.
		lib("#include \"h.h\"\nint main(void) { return LOCAL; }\n", "ch/h.h", "#define LOCAL 7\n", "h.h", "#define ROOT 1\n"),
		// A conflicting declaration of the C library's, and an enum
		// constant, a macro and a static function of the header.
		lib("#include \"lib/h.h\"\nint puts(int);\nint main(void) { enum color c = GREEN; return twice(c) + N; }\n", "lib/h.h", header),
		// A #define before the includes: no prefix.
		lib("#define _GNU_SOURCE\n#include \"lib/h.h\"\nint main(void) { return N; }\n", "lib/h.h", header),
		// An implicit declaration, and a redefinition of the header's enum.
		lib("#include \"lib/h.h\"\nint main(void) { return later(); }\nint later(void) { return 1; }\n", "lib/h.h", header),
		lib("#include \"lib/h.h\"\nenum color { BLUE };\nint main(void) { return BLUE; }\n", "lib/h.h", header),
		// A function the headers declare twice, differently: the unit
		// checks its calls against the declarations as declared, and
		// merges them with its own; conflicting types between headers.
		lib("#include \"lib/a.h\"\n#include \"lib/b.h\"\nint main(void) { char *p = f(1, 2); return g(\"x\") + h(); }\nint f(int a) { return a; }\n",
			"lib/a.h", "int f();\nint g();\nstatic int h(void);\n", "lib/b.h", "int f(int);\nint g(const char *);\nextern int h(void);\n"),
		lib("#include \"lib/a.h\"\n#include \"lib/b.h\"\nint main(void) { return f(1); }\n", "lib/a.h", "int f(int);\n", "lib/b.h", "long f(int);\n"),
	)
}()

// TestPrecompiledHeaderEdited checks that a prefix is made again when a file
// it read changes, appears or goes, or the includes come in another order,
// and is shared otherwise.
func TestPrecompiledHeaderEdited(t *testing.T) {
	pchMu.Lock()
	pchs = pchCache{}
	pchMu.Unlock()
	n := func(main string, files ...string) string {
		t.Helper()
		var shared []scenario.File
		for i := 0; i < len(files); i += 2 {
			shared = append(shared, scenario.File{Name: files[i], Text: files[i+1]})
		}
		p := newProject(scenario.File{Name: "ch/main.c", Text: main}, nil, shared)
		ast, _, err := p.translate("ch/main.c")
		if err != nil {
			t.Fatal(err)
		}
		m := ast.Macros["N"]
		if m == nil {
			return "undefined"
		}
		return m.ReplacementList()[0].SrcStr()
	}
	const main = "#include \"lib/h.h\"\n#include <stdio.h>\nint x = N;\n"
	steps := []struct {
		main, h, local, want string
		prefixes             int
	}{
		{main, "#define N 1\n", "", "1", 1},
		{main, "#define N 1\n", "", "1", 1},                                                     // shared
		{main, "#define N 2\n", "", "2", 2},                                                     // lib/h.h edited
		{main, "#define N 2\n", "#define N 3\n", "3", 3},                                        // ch/lib/h.h appears
		{main, "#define N 2\n", "", "2", 3},                                                     // and goes: the earlier prefix
		{"#include <stdio.h>\n#include \"lib/h.h\"\nint x = N;\n", "#define N 2\n", "", "2", 4}, // another order
	}
	for i, s := range steps {
		files := []string{"lib/h.h", s.h}
		if s.local != "" {
			files = append(files, "ch/lib/h.h", s.local)
		}
		if got := n(s.main, files...); got != s.want {
			t.Errorf("step %d: N is %s, want %s", i, got, s.want)
		}
		pchMu.Lock()
		got := len(pchs.entries)
		pchMu.Unlock()
		if got != s.prefixes {
			t.Errorf("step %d: %d prefixes made, want %d", i, got, s.prefixes)
		}
	}
}

// FuzzPrecompiledHeader translates mutated programs after a header's
// includes whole and from the prefix: the same messages and declarations, and
// no panic either way.
func FuzzPrecompiledHeader(f *testing.F) {
	files, _ := filepath.Glob("testdata/pure/*.c")
	more, _ := filepath.Glob("testdata/warn/*.c")
	for _, file := range append(files, more...) {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	header := scenario.File{Name: "lib/h.h", Text: "#include <stdio.h>\n#include <string.h>\nstruct opaque;\nint f(int);\nenum e { A, B };\n#define N 4\n"}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<14 {
			return
		}
		main := scenario.File{Name: "ch/main.c", Text: "#include \"lib/h.h\"\n#include <stdlib.h>\n" + src}
		p := newProject(main, nil, []scenario.File{header})
		translate := func(whole bool) (r string) {
			defer func() {
				if e := recover(); e != nil {
					r = fmt.Sprint("panic: ", e)
				}
			}()
			pchMu.Lock()
			wholeUnits = whole
			pchMu.Unlock()
			ast, _, err := p.translate(main.Name)
			if err != nil {
				return "error: " + err.Error()
			}
			return pchDump(p, ast)
		}
		defer func() { wholeUnits = false }()
		if whole, pch := translate(true), translate(false); whole != pch {
			t.Errorf("whole and from the prefix differ:\n%s", firstDiff(whole, pch))
		}
	})
}
