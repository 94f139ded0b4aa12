package errno

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"netplay/stack/linux/internal/abitest"
)

// TestTableMatchesGlibc builds a C program with gcc that prints, for every
// name in the table, the value errno.h gives it and glibc's strerror text:
// the table must say the same.
func TestTableMatchesGlibc(t *testing.T) {
	var src strings.Builder
	src.WriteString("#include <errno.h>\n#include <stdio.h>\n#include <string.h>\nint main(void) {\n")
	names := []string{}
	for _, e := range All() {
		names = append(names, e.Name())
	}
	for _, a := range Aliases {
		names = append(names, a.Name)
	}
	for _, n := range names {
		fmt.Fprintf(&src, "\tprintf(\"%%s|%%d|%%s\\n\", %q, %s, strerror(%s));\n", n, n, n)
	}
	src.WriteString("\tprintf(\"0|0|%s\\n\", strerror(0));\n")
	src.WriteString("\tprintf(\"9999|9999|%s\\n\", strerror(9999));\n\treturn 0;\n}\n")
	lines := abitest.RunC(t, src.String())
	if len(lines) != len(names)+2 {
		t.Fatalf("%d lines from the C program, want %d", len(lines), len(names)+2)
	}
	for _, line := range lines {
		f := strings.SplitN(line, "|", 3)
		v, _ := strconv.Atoi(f[1])
		e := Errno(v)
		if f[0] == "0" || f[0] == "9999" {
			if e.Error() != f[2] {
				t.Errorf("Errno(%d).Error() = %q, glibc's strerror says %q", v, e.Error(), f[2])
			}
			continue
		}
		got, ok := ByName(f[0])
		if !ok || got != e {
			t.Errorf("ByName(%q) = %d, %v; errno.h says %d", f[0], got, ok, v)
		}
		if e.Error() != f[2] {
			t.Errorf("%s.Error() = %q, glibc's strerror says %q", f[0], e.Error(), f[2])
		}
	}
}

// TestConstantsNameTheirRow reads this package's source: every constant
// of type Errno must be named as the table names its value, so a constant
// and its row cannot drift apart.
func TestConstantsNameTheirRow(t *testing.T) {
	consts := abitest.Constants(t, "errno.go", "Errno")
	for _, c := range consts {
		if got := Errno(c.Value).Name(); got != c.Name {
			t.Errorf("constant %s = %d, but the table names %d %q", c.Name, c.Value, c.Value, got)
		}
	}
	if len(consts) != len(All()) {
		t.Errorf("%d constants, %d rows in the table", len(consts), len(All()))
	}
}

func TestUnknown(t *testing.T) {
	for _, c := range []struct {
		e          Errno
		name, text string
	}{
		{0, "", "Success"},
		{ECONNREFUSED, "ECONNREFUSED", "Connection refused"},
		{15, "E15", "Unknown error 15"},
		{-3, "E-3", "Unknown error -3"},
		{4096, "E4096", "Unknown error 4096"},
	} {
		if c.e.Name() != c.name || c.e.Error() != c.text || fmt.Sprint(c.e) != c.text || c.e.String() != c.name {
			t.Errorf("Errno(%d): name %q text %q, want %q %q", int(c.e), c.e.Name(), c.e.Error(), c.name, c.text)
		}
	}
	if _, ok := ByName("ENOPE"); ok {
		t.Errorf("ByName found ENOPE")
	}
}
