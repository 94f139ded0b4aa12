package c

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"netplay/internal/tier"
)

// hostileCases are programs that reach the machine's limits: deep
// recursion, deep expressions inside it, recursion through the C library,
// and sources nested deeper than the front end may go (gostack.go,
// nesting.go). Each ends with the same message natively and in wasm,
// where Go calls run on V8's stack (TestHostileInWorkerStack).
var hostileCases = []struct {
	name, src string
	stdout    string // what a completed run prints
	fault     string // or how it faulted (status 139)
	compile   string // or the start of the compile error
}{
	{name: "recursion 20000", src: recursion(20000, 0), stdout: "20000\n"},
	{name: "recursion 24000", src: recursion(24000, 0), stdout: "24000\n"},
	{name: "recursion too deep", src: recursion(30000, 0), fault: "Stack overflow at a.c:2"},
	{name: "infinite recursion", src: "int down(int n) { return down(n + 1) + 1; }\nint main(void) { return down(0); }\n",
		fault: "Stack overflow at a.c:1"},
	{name: "deep expression in recursion", src: recursion(100, 30), stdout: "100\n"},
	{name: "deep expression in deep recursion", src: recursion(19990, 30), fault: "Stack overflow at a.c:2"},
	{name: "through a function pointer", src: "int (*fp)(int);\nint down(int n) { return fp(n + 1) + 1; }\nint main(void) { fp = down; return down(0); }\n",
		fault: "Stack overflow at a.c:2"},
	{name: "recursive qsort comparator", src: `#include <stdlib.h>
int a[2] = {2, 1};
int cmp(const void *x, const void *y) {
	qsort(a, 2, sizeof a[0], cmp);
	return *(const int *)x - *(const int *)y;
}
int main(void) { qsort(a, 2, sizeof a[0], cmp); return 0; }
`, fault: "Stack overflow at a.c:4"},
	{name: "qsort comparator recursing a little", src: `#include <stdio.h>
#include <stdlib.h>
int depth;
int f(int n) { return n ? f(n - 1) + 1 : 0; }
int cmp(const void *x, const void *y) {
	int b[2] = {2, 1};
	if (depth++ < 50)
		qsort(b, 2, sizeof b[0], cmp);
	return f(1000) - 1000 + *(const int *)x - *(const int *)y;
}
int main(void) { int a[3] = {3, 1, 2}; qsort(a, 3, sizeof a[0], cmp); printf("%d %d %d\n", a[0], a[1], a[2]); return 0; }
`, stdout: "1 2 3\n"},
	{name: "10k parentheses", src: "int main(void) { int x = " + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "; return x; }\n",
		compile: "a.c:1:68: " + tooDeepMsg},
	{name: "40 parentheses", src: "int main(void) { return " + strings.Repeat("(", 40) + "0" + strings.Repeat(")", 40) + "; }\n"},
	{name: "30k blocks", src: "int main(void) {\n int x = 0;\n " + strings.Repeat("{", 30000) + "x++;" + strings.Repeat("}", 30000) + "\n return x; }\n",
		compile: "a.c:3:129: " + tooDeepMsg},
	{name: "10k ifs", src: "int main(void) {\n int x = 1;\n " + strings.Repeat("if (x) ", 10000) + "x++;\n return x - 2; }\n",
		compile: "a.c:3:873: " + tooDeepMsg},
	{name: "10k else ifs", src: "int main(void) {\n int a = 5;\n" + elseIfs(10000) + " return 1; }\n",
		compile: "a.c:65:10: " + tooDeepMsg},
	{name: "60 else ifs", src: "#include <stdio.h>\nint main(void) {\n int a = 59;\n" + elseIfs(60) + " return 1; }\n"},
	{name: "10k additions", src: "int main(void) { int a = 0; return " + strings.Repeat("a + ", 10000) + "a; }\n",
		compile: "a.c:1:798: " + tooDeepMsg},
	{name: "10k casts", src: "int main(void) { int a = 0; return " + strings.Repeat("(int)", 10000) + "a; }\n",
		compile: "a.c:1:971: " + tooDeepMsg},
	{name: "macros nested 256 deep", src: doubling(256), stdout: "257\n"},
	{name: "macros nested 1024 deep", src: doubling(1024), compile: "a.c:13:33: " + expansionMsg},
	{name: "10k element initializer", src: "int t[] = {" + strings.Repeat("1, ", 10000) + "1};\nint main(void) { return t[9999] - 1; }\n"},
}

const tooDeepMsg = "fatal error: brackets, statements and operators nest too deeply here"

const expansionMsg = "fatal error: macros expand too much here for netplay (over 4194304 tokens processed): expand fewer levels"

// doubling is a program printing P<n>(1), its macros P1(x) x+1 and
// P<2k>(x) P<k>(P<k>(x)): n additions built by log2(n) macros, which gcc
// expands whatever n.
func doubling(n int) string {
	var b strings.Builder
	b.WriteString("#include <stdio.h>\n#define P1(x) x+1\n")
	for k := 1; k < n; k *= 2 {
		b.WriteString("#define P" + itoa(2*k) + "(x) P" + itoa(k) + "(P" + itoa(k) + "(x))\n")
	}
	b.WriteString("int main(void) { printf(\"%d\\n\", P" + itoa(n) + "(1)); return 0; }\n")
	return b.String()
}

// recursion is f(n) = n with each call's f(n-1) inside k nested "0+(".
func recursion(n, k int) string {
	call := strings.Repeat("0 + (", k) + "f(n - 1)" + strings.Repeat(")", k)
	return "#include <stdio.h>\nint f(int n) { return n ? " + call + " + 1 : 0; }\nint main(void) { printf(\"%d\\n\", f(" + itoa(n) + ")); return 0; }\n"
}

// elseIfs is a chain of n else-ifs, one a line, returning a - i from
// the i-th.
func elseIfs(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(" else ")
		} else {
			b.WriteString(" ")
		}
		b.WriteString("if (a == " + itoa(i) + ") return a - " + itoa(i) + ";\n")
	}
	return b.String()
}

func TestHostile(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			if runtime.GOOS == "js" {
				// Each growth of the Go stack unwinds V8's, which
				// would hide how deep the front end goes on it.
				growStack(100_000)
			}
			p, err := Compile("a.c", tc.src)
			if tc.compile != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.compile) {
					t.Fatalf("compile error %v, want %q", err, tc.compile)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := runProg(p)
			if tc.fault != "" {
				if r.fault != tc.fault || r.status != 139 {
					t.Fatalf("status %d fault %q, want 139 %q", r.status, r.fault, tc.fault)
				}
				return
			}
			if r.fault != "" || r.stdout != tc.stdout {
				t.Fatalf("status %d fault %q stdout %q, want %q", r.status, r.fault, r.stdout, tc.stdout)
			}
		})
	}
}

// growStack grows the goroutine's Go stack by n frames of 100 bytes and
// more, unwinding V8's stack as it goes (gostack.go).
//
//go:noinline
func growStack(n int) int {
	var pad [64]byte
	pad[n%64] = byte(n)
	if n%1000 == 0 {
		runtime.Gosched()
	}
	if n == 0 {
		return 0
	}
	return growStack(n-1) + int(pad[n%64])
}

// TestHostileInWorkerStack runs TestHostile in wasm on a V8 stack of
// chromium's worker size: node's --stack-size=480 (KB) lets a JavaScript
// function recurse 6,700 deep, chromium's worker 6,900.
func TestHostileInWorkerStack(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs node")
	}
	tier.Need(t, tier.Wasm)
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	wasmExec := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js")
	cmd := exec.Command("node", "--stack-size=480", wasmExec, wasmTestBinary(t), "-test.run", "^TestHostile$", "-test.v")
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestHostile ") {
		t.Fatalf("wasm: %v\n%s", err, out)
	}
}
