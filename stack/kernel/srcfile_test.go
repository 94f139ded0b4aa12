package kernel_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// A system call made in a file other than the host's program carries that
// file beside its line (the page opens that file's tab); calls made in the
// program itself carry none, so single-file traces are as they were.
func TestSyscallFile(t *testing.T) {
	sc := &scenario.Scenario{Version: 1, Hosts: []scenario.Host{{
		Name:    "h",
		Program: "#include \"lib/net.h\"\n#include <unistd.h>\nint main(void) {\n\tint fd = make_socket();\n\tclose(fd);\n\treturn 0;\n}\n",
	}}, Files: []scenario.File{
		{Name: "lib/net.h", Text: "int make_socket(void);\n"},
		{Name: "lib/net.c", Text: "#include <sys/socket.h>\n#include \"net.h\"\n\nint make_socket(void) {\n\treturn socket(AF_INET, SOCK_STREAM, 0);\n}\n"},
	}}
	res, err := runner.Run(sc, runner.Options{Compile: compile})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Events {
		if e.Kind == trace.KindSyscall {
			got = append(got, e.Call+" "+e.File+":"+strconv.Itoa(e.Line))
		}
	}
	if want := "socket lib/net.c:5,close :5"; strings.Join(got, ",") != want {
		t.Errorf("calls %q, want %q", strings.Join(got, ","), want)
	}
	var b bytes.Buffer
	if err := trace.WriteJSON(&b, res.Events); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"line":5,"file":"lib/net.c"`) || strings.Count(b.String(), `"file"`) != 1 {
		t.Errorf("JSON Lines:\n%s", b.String())
	}
	back, err := trace.ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range back {
		if e.File != res.Events[i].File {
			t.Errorf("event %d read back with file %q, want %q", i, e.File, res.Events[i].File)
		}
	}
}
