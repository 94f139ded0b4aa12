package c

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"netplay/stack/scenario"
)

// files makes a file list from name, text pairs.
func files(nameText ...string) []scenario.File {
	var fs []scenario.File
	for i := 0; i+1 < len(nameText); i += 2 {
		fs = append(fs, scenario.File{Name: nameText[i], Text: nameText[i+1]})
	}
	return fs
}

// build is a program of several files: main, the host's own files and the
// shared ones (a library).
type build struct {
	main        scenario.File
	own, shared []scenario.File
}

// gccResult is what gcc's build of the same files did: the link's errors,
// or the program's stdout and status.
type gccResult struct {
	none     bool   // no gcc here (wasm): only netplay's side is checked
	buildErr string // gcc's and ld's messages when the build failed
	stdout   string
	status   int
}

// gccBuild builds b as a course's CMake does with gcc on Linux: the shared
// .c files compiled into lib.a (in their order), then
// `gcc -I. main.c own.c lib.a` in the project's root, and runs it.
func gccBuild(t *testing.T, b build) gccResult {
	t.Helper()
	if _, err := exec.LookPath("gcc"); err != nil {
		return gccResult{none: true}
	}
	dir := t.TempDir()
	for _, f := range append(append([]scenario.File{b.main}, b.own...), b.shared...) {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	var objs []string
	for _, f := range b.shared {
		if !strings.HasSuffix(f.Name, ".c") {
			continue
		}
		obj := filepath.Join(filepath.Dir(f.Name), strings.TrimSuffix(filepath.Base(f.Name), ".c")+".o")
		if out, err := run("gcc", "-O0", "-w", "-I.", "-c", "-o", obj, f.Name); err != nil {
			return gccResult{buildErr: out}
		}
		objs = append(objs, obj)
	}
	args := []string{"gcc", "-O0", "-w", "-I.", "-o", "prog", b.main.Name}
	for _, f := range b.own {
		if strings.HasSuffix(f.Name, ".c") {
			args = append(args, f.Name)
		}
	}
	if len(objs) > 0 {
		if out, err := run(append([]string{"ar", "rcs", "lib.a"}, objs...)...); err != nil {
			t.Fatalf("ar: %v\n%s", err, out)
		}
		args = append(args, "lib.a")
	}
	if out, err := run(append(args, "-lm")...); err != nil {
		return gccResult{buildErr: out}
	}
	cmd := exec.Command(filepath.Join(dir, "prog"))
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	status := 0
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		status = ee.ExitCode()
	}
	return gccResult{stdout: stdout.String(), status: status}
}

// linkCases are programs of several files; each runs with netplay and with
// gcc, which must agree: the same output, or both refusing to link, naming
// the same symbol in the same file.
var linkCases = []struct {
	name string
	b    build
	// errs are what netplay's errors must say (each a regexp matching
	// one line); empty: the build succeeds.
	errs []string
	// notGCC says why gcc is not asked (it reads the machine's disk).
	notGCC string
}{
	{name: "two units call each other", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
int ping(int n);
int pong(int n) { printf("pong %d\n", n); return n ? ping(n - 1) : 0; }
int main(void) { ping(3); return 7; }
`},
		own: files("util.c", `#include <stdio.h>
int pong(int n);
int ping(int n) { printf("ping %d\n", n); return pong(n); }
`)}},
	{name: "statics of the same name in two units", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
static int count;
static int next(void) { return count += 1; }
int other(void);
int main(void) { next(); next(); other(); printf("main %d\n", next()); return 0; }
`},
		own: files("other.c", `#include <stdio.h>
static int count = 100;
static int next(void) { return count += 10; }
int other(void) { next(); printf("other %d\n", next()); return 0; }
`)}},
	{name: "extern bound to the definition", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
extern int counter;
extern int table[];
extern const char *greeting;
void bump(void);
int main(void) { bump(); bump(); printf("%d %d %d %s\n", counter, table[0], table[4], greeting); return 0; }
`},
		own: files("data.c", `int counter = 40;
int table[5] = {1, 2, 3, 4, 5};
const char *greeting = "hello";
void bump(void) { counter++; table[4] *= 2; }
`)}},
	{name: "block scope extern, function pointers and callbacks across units", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
int lib_run(int (*cb)(int), int n);
extern int declared_never_defined;
int on_item(int x) { return x * 10; }
int tentative;
int tentative = 7;
int (*table[])(int) = {on_item};
int main(void) {
	extern int counter;
	counter += lib_run(table[0], 3);
	printf("%d %d\n", counter, tentative);
	return 0;
}
`},
		shared: files("lib/run.c", `int counter = 1;
int on_item(int x);
int lib_run(int (*cb)(int), int n) { int s = 0; for (int i = 0; i < n; i++) s += cb(i) + on_item(1); return s; }
`)}},
	{name: "undefined reference", b: build{
		main: scenario.File{Name: "main.c", Text: `int missing(int);
int main(void) { return missing(1); }
`},
		own: files("util.c", `extern int nowhere;
int util(void) { return nowhere; }
int also(void) { return missing(2); }
`)},
		errs: []string{`^main\.c:2:25: undefined reference to 'missing'$`, `^util\.c:2:\d+: undefined reference to 'nowhere'$`, `^util\.c:3:\d+: undefined reference to 'missing'$`}},
	{name: "multiple definition of a function", b: build{
		main: scenario.File{Name: "main.c", Text: `int helper(void) { return 1; }
int main(void) { return helper(); }
`},
		own: files("util.c", `int helper(void) { return 2; }
`)},
		errs: []string{`^util\.c:1:5: multiple definition of 'helper'; main\.c:1:5: first defined here$`}},
	{name: "tentative definitions in two units", b: build{
		main: scenario.File{Name: "main.c", Text: `#include "shared.h"
int main(void) { return x; }
`},
		own: files("shared.h", "int x;\n", "util.c", "#include \"shared.h\"\nint get(void) { return x; }\n")},
		errs: []string{`^shared\.h:1:5: multiple definition of 'x'; shared\.h:1:5: first defined here$`}},
	{name: "library member pulled only when needed", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
#include "lib/lib.h"
int counter = 1;
int main(void) { printf("%d %d\n", used(), counter); return 0; }
`},
		shared: files(
			"lib/lib.h", "int used(void);\nint helper(void);\nint unused(void);\n",
			// c.c comes before a.c: only the second pass over the
			// library pulls it, once a.c needs helper.
			"lib/c.c", "#include \"lib.h\"\nint helper(void) { return 41; }\n",
			"lib/a.c", "#include \"lib.h\"\nint used(void) { return helper() + 1; }\n",
			// Linked, it would define counter a second time.
			"lib/b.c", "int counter = 5;\nint unused(void) { return missing_too(); }\n",
		)}},
	{name: "library member pulled for an object", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
extern int verbose;
int main(void) { printf("verbose %d\n", verbose); return 0; }
`},
		shared: files("lib/log.c", "int verbose = 3;\n")}},
	{name: "library member pulled twice over", b: build{
		main: scenario.File{Name: "main.c", Text: `int used(void);
int helper(void) { return 1; }
int main(void) { return used(); }
`},
		// a.c is pulled for used and defines helper again.
		shared: files("lib/a.c", "int helper(void) { return 2; }\nint used(void) { return helper(); }\n")},
		errs: []string{`^lib/a\.c:1:5: multiple definition of 'helper'; main\.c:2:5: first defined here$`}},
	{name: "library first in archive order", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
const char *which(void);
int main(void) { printf("%s\n", which()); return 0; }
`},
		shared: files("lib/one.c", "const char *which(void) { return \"one\"; }\n", "lib/two.c", "const char *which(void) { return \"two\"; }\n")}},
	{name: "library function overrides the C library's", b: build{
		main: scenario.File{Name: "main.c", Text: `#include <stdio.h>
int main(void) { puts("hello"); return 0; }
`},
		shared: files("lib/myputs.c", `#include <string.h>
#include <unistd.h>
int puts(const char *s) { write(1, "[", 1); write(1, s, strlen(s)); write(1, "]\n", 2); return 0; }
`)}},
	{name: "library main", b: build{
		main:   scenario.File{Name: "main.c", Text: "int helper(void) { return 4; }\n"},
		shared: files("lib/main.c", "int helper(void);\nint main(void) { return helper(); }\n")}},
	{name: "no main", b: build{
		main: scenario.File{Name: "main.c", Text: "int helper(void) { return 4; }\n"}},
		errs: []string{`undefined reference to 'main'`}},
	{name: "headers in lib from a chapter and from lib", b: build{
		main: scenario.File{Name: "ch03/server.c", Text: `#include "lib/common.h"
#include "../lib/common.h"
#include <lib/common.h>
int main(void) { char buf[8]; printf("%ld %d\n", (long)readn(0, buf, 3), COMMON); return 0; }
`},
		shared: files(
			"lib/common.h", "#ifndef COMMON_H\n#define COMMON_H\n#include <stdio.h>\n#include <sys/types.h>\n#include \"config.h\"\nssize_t readn(int fd, void *buf, size_t n);\n#endif\n",
			"lib/config.h", "#define COMMON 12\n",
			"lib/readn.c", "#include \"common.h\"\nssize_t readn(int fd, void *buf, size_t n) { (void)fd; (void)buf; return (ssize_t)n + COMMON; }\n",
		)}},
	{name: "unused static inline in a header", b: build{
		main: scenario.File{Name: "main.c", Text: "#include \"h.h\"\nint main(void) { return 3; }\n"},
		own:  files("h.h", "void nowhere(void);\nstatic inline void die(void) { nowhere(); }\n")}},
	{name: "used static inline in a header", b: build{
		main: scenario.File{Name: "main.c", Text: "#include \"h.h\"\nstatic void k(void) { die(); }\nint main(void) { return 3; }\n"},
		own:  files("h.h", "void nowhere(void);\nstatic inline void die(void) { nowhere(); }\n")},
		errs: []string{`^h\.h:2:\d+: undefined reference to 'nowhere'$`}},
	{name: "C99 inline definition", b: build{
		main: scenario.File{Name: "main.c", Text: "inline int f(void) { return 1; }\nint main(void) { return f(); }\n"}},
		errs: []string{`^main\.c:2:\d+: undefined reference to 'f'$`}},
	{name: "C99 inline definition and the external one", b: build{
		main: scenario.File{Name: "main.c", Text: "#include \"f.h\"\nint main(void) { return f(); }\n"},
		own:  files("f.h", "inline int f(void) { return 1; }\n", "f.c", "#include \"f.h\"\nextern int f(void);\n")}},
	{name: "an error in a library file", b: build{
		main:   scenario.File{Name: "main.c", Text: "int broken(void);\nint main(void) { return broken(); }\n"},
		shared: files("lib/broken.c", "int broken(void) {\n  return nope;\n}\n")},
		errs: []string{`^lib/broken\.c:2:10: .*nope`}},
	{name: "an error in a library file nothing needs", b: build{
		main:   scenario.File{Name: "main.c", Text: "int main(void) { return 5; }\n"},
		shared: files("lib/broken.c", "int broken(void) {\n  return nope;\n}\n")},
		notGCC: "gcc fails building lib.a; netplay looks into a library file only when the program may need it"},
	{name: "a K&R definition in the library", b: build{
		main:   scenario.File{Name: "main.c", Text: "int helper();\nint main(void) { return helper(4); }\n"},
		shared: files("lib/old.c", "int helper(a) int a; { return a + 1; }\n", "lib/other.c", "int other(void) { return 0; }\n")}},
	{name: "library functions made by macros", b: build{
		main: scenario.File{Name: "main.c", Text: "#include <stdio.h>\nint get_port(void); int twice(int);\nint main(void) { printf(\"%d %d\\n\", get_port(), twice(3)); return 0; }\n"},
		shared: files(
			"lib/defs.h", "#define GETTER(name, v) int get_##name(void) { return v; }\n#define TWICE int twice(int x) { return 2 * x; }\n",
			"lib/getters.c", "#include \"defs.h\"\nGETTER(port, 9877);\n",
			"lib/twice.c", "#include \"defs.h\"\nTWICE;\n")}},
	{name: "a missing header in a library header", b: build{
		main:   scenario.File{Name: "main.c", Text: "#include \"lib/common.h\"\nint main(void) { return 0; }\n"},
		shared: files("lib/common.h", "#include <stdio.h>\n#include <sys/nosuch.h>\n")},
		errs: []string{`^lib/common\.h:2:1: fatal error: sys/nosuch\.h: No such file or directory \(netplay has: .*stdio\.h`}},
	{name: "a missing project header", b: build{
		main:   scenario.File{Name: "main.c", Text: "#include \"lib/comon.h\"\nint main(void) { return 0; }\n"},
		shared: files("lib/common.h", "\n")},
		errs: []string{`^main\.c:1:1: fatal error: lib/comon\.h: No such file or directory \(the project has: lib/common\.h; netplay has: `}},
	{name: "no way out of the project", b: build{
		main: scenario.File{Name: "main.c", Text: "#include \"../../../../../../etc/hostname\"\n#include </etc/hostname>\n#include \"/etc/hostname\"\nint main(void) { return 0; }\n"}},
		errs:   []string{`^main\.c:1:1: fatal error: \.\./\.\./\.\./\.\./\.\./\.\./etc/hostname: No such file`, `^main\.c:2:1: fatal error: /etc/hostname: No such file`, `^main\.c:3:1: fatal error: /etc/hostname: No such file`},
		notGCC: "gcc reads the machine's /etc/hostname; netplay never leaves the project"},
}

func TestLink(t *testing.T) {
	for _, tc := range linkCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Build(tc.b.main, tc.b.own, tc.b.shared)
			g := gccResult{none: true}
			if tc.notGCC == "" {
				g = gccBuild(t, tc.b)
			}
			if len(tc.errs) == 0 {
				if err != nil {
					t.Fatalf("netplay: %v", err)
				}
				r := runProg(p)
				if r.fault != "" {
					t.Fatalf("netplay: %s", r.fault)
				}
				if g.none {
					return
				}
				if g.buildErr != "" {
					t.Fatalf("gcc refused the build:\n%s", g.buildErr)
				}
				if r.stdout != g.stdout || r.status != g.status {
					t.Errorf("netplay: %q exit %d; gcc: %q exit %d", r.stdout, r.status, g.stdout, g.status)
				}
				return
			}
			if err == nil {
				t.Fatalf("netplay built it; want errors %q (gcc said: %q)", tc.errs, g.buildErr)
			}
			lines := strings.Split(err.Error(), "\n")
			for _, want := range tc.errs {
				re := regexp.MustCompile(want)
				found := false
				for _, l := range lines {
					found = found || re.MatchString(l)
				}
				if !found {
					t.Errorf("no error line matches %q in:\n%s", want, err)
				}
			}
			if len(lines) != len(tc.errs) {
				t.Errorf("%d error lines, want %d:\n%s", len(lines), len(tc.errs), err)
			}
			if g.none {
				return
			}
			if g.buildErr == "" {
				t.Fatalf("gcc built it (stdout %q); netplay said:\n%s", g.stdout, err)
			}
			// The same symbols and files in gcc's and ld's words.
			for _, l := range lines {
				m := regexp.MustCompile(`^([^:]+):\d+:\d+: (undefined reference to|multiple definition of) '([^']+)'`).FindStringSubmatch(l)
				if m == nil {
					continue
				}
				sym := "`" + m[3] + "'"
				if !strings.Contains(g.buildErr, m[2]+" "+sym) {
					t.Errorf("gcc does not say %s %s:\n%s", m[2], sym, g.buildErr)
				}
				// ld names the unit of a use in code ("main.c:(.text+0x5)");
				// of a use or definition in data it names only objects.
				if file := filepath.Base(m[1]); strings.HasSuffix(file, ".c") && strings.Contains(g.buildErr, ".c:(") && !strings.Contains(g.buildErr, file+":(") {
					t.Errorf("gcc does not name %s:\n%s", file, g.buildErr)
				}
			}
		})
	}
}

// TestFaultInAnotherFile: a crash names the file and line where it
// happened, in whichever unit or header.
func TestFaultInAnotherFile(t *testing.T) {
	for _, tc := range []struct {
		b    build
		want string
	}{
		{build{main: scenario.File{Name: "main.c", Text: "void crash(int *p);\nint main(void) {\n  crash(0);\n  return 0;\n}\n"},
			shared: files("lib/crash.c", "void crash(int *p) {\n  int x = 1;\n  *p = x;\n}\n")}, "Segmentation fault at lib/crash.c:3"},
		{build{main: scenario.File{Name: "ch1/main.c", Text: "#include \"lib/h.h\"\nint main(void) {\n  return boom(0);\n}\n"},
			shared: files("lib/h.h", "static inline int boom(int *p) {\n  return *p;\n}\n")}, "Segmentation fault at lib/h.h:2"},
		{build{main: scenario.File{Name: "main.c", Text: "#include \"lib/h.h\"\nint main(void) {\n  int *p = 0;\n  return *p + twice(1);\n}\n"},
			shared: files("lib/h.h", "int twice(int);\n", "lib/twice.c", "int twice(int x) { return 2 * x; }\n")}, "Segmentation fault at main.c:4"},
	} {
		p, err := Build(tc.b.main, tc.b.own, tc.b.shared)
		if err != nil {
			t.Fatal(err)
		}
		if r := runProg(p); r.fault != tc.want {
			t.Errorf("fault %q, want %q", r.fault, tc.want)
		}
	}
}

// TestHeaderCutOff: a project header that ends in the middle of a
// declaration is reported at the end of the unit, not at "-".
func TestHeaderCutOff(t *testing.T) {
	for _, h := range []string{"int f(", "int x", "struct s {", "int a[] = {1,"} {
		_, err := Build(scenario.File{Name: "m.c", Text: "#include \"x.h\"\n"}, files("x.h", h), nil)
		if err == nil {
			t.Errorf("%q: no error", h)
			continue
		}
		for _, l := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(l, "m.c:") && !strings.HasPrefix(l, "x.h:") {
				t.Errorf("%q: %q names no file", h, l)
			}
		}
	}
}

// TestParallelPanic: a panic on a worker reaches the caller.
func TestParallelPanic(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom 3" {
			t.Errorf("recovered %v, want boom 3", r)
		}
	}()
	parallel(8, func(i int) {
		if i == 3 {
			panic("boom 3")
		}
	})
	t.Error("no panic")
}
