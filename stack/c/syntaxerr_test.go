package c

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"netplay/app/gallery"
)

// syntaxCases are mistakes learners make every day, each in a main of its
// own: netplay's first error must be gcc's, at gcc's line and column.
var syntaxCases = []string{
	"int x; x = 1\n    x = 2; return x;",
	"printf(\"a\\n\")  /* why */ // not\n    printf(\"b\\n\");",
	"int x = 0; return x\n",
	"int x = 1\n    int y = 2; (void)y; return x;",
	"socklen_t len = 4\n    len = 5; return (int)len;",
	"for (int i = 0; i < 3 i++) {}",
	"int a[3] = {1, 2 3}; (void)a;",
	"int a[3] = {0}; int x = a[1; return x;",
	"int x = (1 + 2; return x;",
	"while (1 { break; }",
	"int x; x = 1 + ; return x;",
	"int x; if (x > ) x = 1; return x;",
	"char *s = \"a\" \"b\"\n    puts(s);",
}

func TestSyntaxErrorsAsGcc(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	dir := t.TempDir()
	for _, body := range syntaxCases {
		src := "#include <stdio.h>\n#include <sys/socket.h>\nint main(void) {\n    " + body + "\n}\n"
		want := gccFirstError(t, gcc, dir, "prog.c", src)
		_, err := Compile("prog.c", src)
		if err == nil {
			t.Errorf("%q compiled; gcc: %s", body, want)
			continue
		}
		if got := strings.Split(err.Error(), "\n")[0]; got != want {
			t.Errorf("%q:\n got %s\nwant %s", body, got, want)
		}
	}
}

// TestMissingSemicolonInGallery is the case: the handshake
// client without the ';' that ends its line 38.
func TestMissingSemicolonInGallery(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	sc, err := gallery.Load("handshake")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(sc.Hosts[1].Program, "\n")
	if !strings.HasSuffix(lines[37], ");") {
		t.Fatalf("line 38 of the client is %q", lines[37])
	}
	lines[37] = strings.TrimSuffix(lines[37], ";")
	src := strings.Join(lines, "\n")
	want := gccFirstError(t, gcc, t.TempDir(), "client.c", src)
	if !strings.HasPrefix(want, "client.c:38:") {
		t.Fatalf("gcc: %s", want)
	}
	_, err = Compile("client.c", src)
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s (alone)", err, want)
	}
}

// gccFirstError compiles src with gcc in the C locale and returns its
// first error as netplay writes it: "file:line:col: message".
func gccFirstError(t *testing.T, gcc, dir, name, src string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gcc, "-fsyntax-only", "-fdiagnostics-plain-output", name)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, _ := cmd.CombinedOutput()
	for _, l := range strings.Split(string(out), "\n") {
		if i := strings.Index(l, ": error: "); i > 0 {
			return l[:i] + ": " + l[i+len(": error: "):]
		}
	}
	t.Fatalf("gcc gave no error for\n%s\n%s", src, out)
	return ""
}
