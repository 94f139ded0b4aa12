package c

import (
	"slices"
	"testing"

	"netplay/stack/scenario"
)

func TestMayDefine(t *testing.T) {
	for _, tc := range []struct {
		name   string
		files  []scenario.File
		want   []string // in the set
		not    []string // not in it
		opaque bool
	}{
		{name: "definitions and declarations", files: files("lib/a.c", `#include "common.h"
int counter = 1, *ptr;
static int hidden;
extern int elsewhere;
extern int init_here = 3;
typedef int myint;
int proto(int x);
static int sproto(void);
int (*handler)(int) = 0;
sighandler_t (*table[4])(int);
struct point { int x, y; } origin;
struct only_a_type { int z; };
int defined(int a, char *b) { return called(a); }
static int private(void) { return 0; }
const char *names[] = {"a", "b"};
int f1(void), obj2;
`, "lib/common.h", `int in_header_proto(void);
int in_header_object;
extern int in_header_extern;
static inline int in_header_inline(void) { return 1; }
`),
			want: []string{"counter", "ptr", "init_here", "handler", "table", "origin", "defined", "names", "obj2", "in_header_object"},
			not:  []string{"hidden", "elsewhere", "myint", "proto", "sproto", "called", "private", "f1", "in_header_proto", "in_header_extern", "in_header_inline"}},
		{name: "macros the file uses", files: files("lib/m.c", "#include \"m.h\"\nDEFINE_ONE\nWRAP(socket_w)\n", "lib/m.h", "#define DEFINE_ONE int one(void) { return 1; }\n#define WRAP(n) int n(int fd) { return fd; }\n#define UNUSED int unused(void) { return 2; }\n"),
			want: []string{"one", "socket_w"}, not: []string{"unused"}},
		{name: "a macro that pastes", files: files("lib/p.c", "#include \"p.h\"\nGETTER(port, 1);\n", "lib/p.h", "#define GETTER(n, v) int get_##n(void) { return v; }\n"), opaque: true},
		{name: "unbalanced braces", files: files("lib/u.c", "#ifdef X\nint f(void) {\n#else\nint f(int y) {\n#endif\n  return 0;\n}\n"), opaque: true},
		{name: "extern C", files: files("lib/e.c", "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint inside(void) { return 0; }\n#ifdef __cplusplus\n}\n#endif\n"),
			want: []string{"inside"}},
		{name: "comments and strings", files: files("lib/c.c", "/* int commented(void) { } */\n// int line_comment;\nconst char *s = \"int in_string;\";\nchar c = '{';\nint after(void) { return '}'; }\n"),
			want: []string{"s", "c", "after"}, not: []string{"commented", "line_comment", "in_string"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newProject(scenario.File{Name: "main.c"}, nil, tc.files)
			got := p.mayDefine(tc.files[0].Name)
			if tc.opaque {
				if got != nil {
					t.Fatalf("mayDefine = %v, want nil (compile to find out)", got)
				}
				return
			}
			if got == nil {
				t.Fatal("mayDefine = nil")
			}
			for _, n := range tc.want {
				if !got[n] {
					t.Errorf("%s is missing", n)
				}
			}
			for _, n := range tc.not {
				if got[n] {
					t.Errorf("%s is there", n)
				}
			}
		})
	}
}

// TestLibraryLookedIntoWhenNeeded: a chapter's build puts through the
// front end the library files it links and few others.
func TestLibraryLookedIntoWhenNeeded(t *testing.T) {
	main, shared, _ := courseBuild(t)
	var units []*unit
	units = append(units, &unit{file: main.Name})
	var members []string
	for _, f := range shared {
		if isUnit(f.Name) {
			units = append(units, &unit{file: f.Name, lib: true})
			members = append(members, f.Name)
		}
	}
	l := newLinker(newProject(main, nil, shared), main.Name, units)
	if errs := l.link(); errs != nil || l.missed {
		t.Fatalf("link: %v (missed %v)", errs, l.missed)
	}
	var linked, looked []string
	for _, u := range units[1:] {
		if u.linked {
			linked = append(linked, u.file)
		}
		if u.translated {
			looked = append(looked, u.file)
		}
	}
	t.Logf("%d library files, %d linked, %d through the front end: %v", len(members), len(linked), len(looked), looked)
	for _, f := range linked {
		if !slices.Contains(looked, f) {
			t.Errorf("%s linked without its front end", f)
		}
	}
	if len(looked) > len(linked)+2 {
		t.Errorf("%d files through the front end for %d linked", len(looked), len(linked))
	}
	for _, f := range []string{"lib/ring.c", "lib/store.c", "lib/http.c", "lib/udp.c", "lib/loop.c"} {
		if slices.Contains(looked, f) {
			t.Errorf("%s, which the chapter does not use, went through the front end", f)
		}
	}
}
