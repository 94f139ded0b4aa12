package c

import (
	"testing"

	cc "modernc.org/cc/v4"

	"netplay/stack/scenario"
)

// cachedAST returns the AST the unit cache holds for file, if any.
func cachedAST(file string) *cc.AST {
	unitASTs.mu.Lock()
	defer unitASTs.mu.Unlock()
	for _, e := range unitASTs.entries {
		if e.file == file {
			return e.ast
		}
	}
	return nil
}

// TestUnitCache: a library unit is reused while its text and everything
// its front end looked for are unchanged, and made again otherwise, also
// when a file appears where an #include looked before finding another.
func TestUnitCache(t *testing.T) {
	main := func(n int) scenario.File {
		return scenario.File{Name: "cachemain.c", Text: "int v(void);\nint main(void) { return v(); } /* edit " + string(rune('0'+n)) + " */\n"}
	}
	x := scenario.File{Name: "lib/cachex.c", Text: "#include \"cfg.h\"\nint v(void) { return V; }\n"}
	run := func(m scenario.File, shared []scenario.File) int {
		t.Helper()
		p, err := Build(m, nil, shared)
		if err != nil {
			t.Fatal(err)
		}
		return runProg(p).status
	}
	one := []scenario.File{{Name: "cfg.h", Text: "#define V 1\n"}, x}
	if got := run(main(0), one); got != 1 {
		t.Fatalf("exit %d, want 1", got)
	}
	first := cachedAST("lib/cachex.c")
	if first == nil {
		t.Fatal("lib/cachex.c is not cached")
	}
	// The program edited, the library not: the library unit is reused.
	if got := run(main(1), one); got != 1 || cachedAST("lib/cachex.c") != first {
		t.Fatalf("exit %d; reused %v", got, cachedAST("lib/cachex.c") == first)
	}
	// The header it includes changed.
	if got := run(main(1), []scenario.File{{Name: "cfg.h", Text: "#define V 2\n"}, x}); got != 2 {
		t.Errorf("exit %d after cfg.h changed, want 2", got)
	}
	// A header appears in lib/, where "cfg.h" is looked for first.
	if got := run(main(1), []scenario.File{{Name: "cfg.h", Text: "#define V 1\n"}, {Name: "lib/cfg.h", Text: "#define V 3\n"}, x}); got != 3 {
		t.Errorf("exit %d with lib/cfg.h, want 3", got)
	}
	if got := run(main(2), one); got != 1 {
		t.Errorf("exit %d back as it was, want 1", got)
	}
	// The library unit's own text changed.
	x2 := scenario.File{Name: x.Name, Text: "#include \"cfg.h\"\nint v(void) { return V + 10; }\n"}
	if got := run(main(2), []scenario.File{one[0], x2}); got != 11 {
		t.Errorf("exit %d after lib/cachex.c changed, want 11", got)
	}
}
