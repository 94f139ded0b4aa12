package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// course is a course laid out as chapter programs plus a shared lib/ with
// its common.h (about 2,000 lines); netplay.json says what chapter 3 runs.
const course = "../../stack/c/testdata/course"

// packCourse packs the course folder with `netplay pack`.
func packCourse(t *testing.T) (*scenario.Scenario, string) {
	t.Helper()
	code, out, errs := runCLI("pack", course)
	if code != 0 {
		t.Fatalf("netplay pack: exit %d: %s", code, errs)
	}
	sc, err := scenario.Parse([]byte(out))
	if err != nil {
		t.Fatalf("the packed scenario: %v", err)
	}
	path := filepath.Join(t.TempDir(), "course.json")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return sc, path
}

func TestPack(t *testing.T) {
	sc, _ := packCourse(t)
	if len(sc.Hosts) != 2 || sc.Hosts[0].File != "ch03/echo_server.c" || !strings.Contains(sc.Hosts[0].Program, "str_echo(fd, &st)") {
		t.Fatalf("hosts: %+v", sc.Hosts)
	}
	names := map[string]bool{}
	for _, f := range sc.Files {
		names[f.Name] = true
	}
	if !names["lib/common.h"] || !names["lib/readline.c"] || names["netplay.json"] || names["ch03/echo_server.c"] || names["ch03/echo_client.c"] {
		t.Errorf("files: %v", names)
	}

	// A folder with what pack leaves out and what it refuses.
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("netplay.json", `{"version":1,"hosts":[{"name":"a","file":"main.c","files":[{"name":"own.c"}]}]}`)
	write("main.c", "#include \"lib/x.h\"\nint own(void);\nint main(void) { return X + own(); }\n")
	write("own.c", "int own(void) { return 1; }\n")
	write("lib/x.h", "#define X 2\n")
	write(".git/config", "[core]\n")
	write("lib/x.o", "\x7fELF\x00\x00")
	code, out, errs := runCLI("pack", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	s, err := scenario.Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Files) != 1 || s.Files[0].Name != "lib/x.h" || len(s.Hosts[0].Files) != 1 || s.Hosts[0].Files[0].Text != "int own(void) { return 1; }\n" {
		t.Errorf("packed %s", out)
	}
	if !strings.Contains(errs, "leaving out lib/x.o: not a text file") || strings.Contains(errs, ".git") {
		t.Errorf("stderr %q", errs)
	}
	write("lib/a b.h", "")
	if code, _, errs := runCLI("pack", dir); code != 2 || !strings.Contains(errs, `"lib/a b.h": a file name may use only`) {
		t.Errorf("a bad name: exit %d, %q", code, errs)
	}
	os.Remove(filepath.Join(dir, "lib/a b.h"))
	write("netplay.json", `{"version":1,"hosts":[{"name":"a","file":"nope.c"}]}`)
	if code, _, errs := runCLI("pack", dir); code != 2 || !strings.Contains(errs, "hosts[0].file") {
		t.Errorf("a missing program: exit %d, %q", code, errs)
	}
	write("netplay.json", `{"version":1,"hosts":[{"name":"a","file":"main.c","adrs":[]}]}`)
	if code, _, errs := runCLI("pack", dir); code != 2 || !strings.Contains(errs, `unknown field "adrs"`) {
		t.Errorf("a bad skeleton: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI("pack"); code != 2 || !strings.Contains(errs, "usage") {
		t.Errorf("no DIR: exit %d, %q", code, errs)
	}
}

// TestCourseRuns runs chapter 3 of the course with `netplay run`: the
// server and the client link what they use of lib/ and talk.
func TestCourseRuns(t *testing.T) {
	_, path := packCourse(t)
	code, out, errs := runCLI("run", "--json", path)
	if code != 0 {
		t.Fatalf("netplay run: exit %d: %s", code, errs)
	}
	events, err := trace.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	got := outputs(events)
	want := map[string]string{
		"server": "client 1 says: hello from the client\nclient 1 done\nserver received: 3 messages, 31 bytes (min 8, max 12, mean 10.3)\n",
		"client": "server says: welcome, client 1\ngreeting as sent:\n" +
			"00000000  68 65 6c 6c 6f 20 66 72  6f 6d 20 74 68 65 20 63  |hello from the c|\n" +
			"00000010  6c 69 65 6e 74                                    |lient|\n" +
			"echo: first line\necho: second line\necho: the end\n",
	}
	for h, w := range want {
		if got[h] != w {
			t.Errorf("%s printed\n%s\nwant\n%s", h, got[h], w)
		}
	}
}

// outputs collects each host's output, exit status last.
func outputs(events []trace.Event) map[string]string {
	m := map[string]string{}
	var b = map[string]*bytes.Buffer{}
	for _, e := range events {
		if e.Kind == trace.KindOutput {
			if b[e.Host] == nil {
				b[e.Host] = &bytes.Buffer{}
			}
			b[e.Host].WriteString(e.Text)
		}
	}
	for h, buf := range b {
		m[h] = buf.String()
	}
	return m
}
