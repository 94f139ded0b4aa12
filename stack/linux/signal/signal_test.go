package signal

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"netplay/stack/linux/internal/abitest"
)

// TestTableMatchesGlibc builds a C program with gcc that prints, for every
// name in the table, the number signal.h gives it and glibc's strsignal
// text: the table must say the same.
func TestTableMatchesGlibc(t *testing.T) {
	var src strings.Builder
	src.WriteString("#define _GNU_SOURCE\n#include <signal.h>\n#include <stdio.h>\n#include <string.h>\nint main(void) {\n")
	for _, s := range All() {
		fmt.Fprintf(&src, "\tprintf(\"%%s|%%d|%%s\\n\", %q, %s, strsignal(%s));\n", s.Name(), s.Name(), s.Name())
	}
	src.WriteString("\treturn 0;\n}\n")
	lines := abitest.RunC(t, src.String())
	if len(lines) != len(All()) {
		t.Fatalf("%d lines from the C program, want %d", len(lines), len(All()))
	}
	for _, line := range lines {
		f := strings.SplitN(line, "|", 3)
		v, _ := strconv.Atoi(f[1])
		if got, ok := ByName(f[0]); !ok || int(got) != v {
			t.Errorf("ByName(%q) = %d, %v; signal.h says %d", f[0], got, ok, v)
		}
		if got := Signal(v).Text(); got != f[2] {
			t.Errorf("%s.Text() = %q, glibc's strsignal says %q", f[0], got, f[2])
		}
	}
}

// TestConstantsNameTheirRow: every constant of type Signal is named as the
// table names its number.
func TestConstantsNameTheirRow(t *testing.T) {
	consts := abitest.Constants(t, "signal.go", "Signal")
	for _, c := range consts {
		if got := Signal(c.Value).Name(); got != c.Name {
			t.Errorf("constant %s = %d, but the table names %d %q", c.Name, c.Value, c.Value, got)
		}
	}
	if len(consts) != len(All()) {
		t.Errorf("%d constants, %d rows in the table", len(consts), len(All()))
	}
}

func TestExitStatusAndUnknown(t *testing.T) {
	for s, want := range map[Signal]int{SIGSEGV: 139, SIGFPE: 136, SIGABRT: 134, SIGPIPE: 141, SIGKILL: 137, SIGINT: 130} {
		if got := s.ExitStatus(); got != want {
			t.Errorf("%v.ExitStatus() = %d, want %d", s, got, want)
		}
	}
	if s := Signal(40); s.Name() != "SIG40" || s.Text() != "signal 40" {
		t.Errorf("Signal(40): %q %q", s.Name(), s.Text())
	}
	for s, want := range map[Signal]string{SIGINT: "Interrupt", 34: "Real-time signal 0", 64: "Real-time signal 30", 32: "Unknown signal 32", 65: "Unknown signal 65", 0: "Unknown signal 0"} {
		if got := s.StrSignal(); got != want {
			t.Errorf("%d.StrSignal() = %q, glibc says %q", int(s), got, want)
		}
	}
	if _, ok := ByName(""); ok {
		t.Errorf("ByName(\"\") found a signal")
	}
}
