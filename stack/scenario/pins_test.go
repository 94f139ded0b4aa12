package scenario

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestPinsErrors(t *testing.T) {
	note := `"linux":{"en":"why"},`
	for _, tc := range []struct{ name, pins, path, want string }{
		{"no note", `"linux_pins":[{"host":"client","in":"sent","netplay":"S","linux":"S"}],`, "linux_pins", `add the note`},
		{"no host", note + `"linux_pins":[{"in":"sent","netplay":"S","linux":"S"}],`, "linux_pins[0].host", "needs the host"},
		{"unknown host", note + `"linux_pins":[{"host":"clent","in":"sent","netplay":"S","linux":"S"}],`, "linux_pins[0].host", `(did you mean "client"?)`},
		{"bad place", note + `"linux_pins":[{"host":"client","in":"frames","netplay":"S","linux":"S"}],`, "linux_pins[0].in", "want one of sent, calls, stdout, stderr, exit"},
		{"no netplay", note + `"linux_pins":[{"host":"client","in":"sent","linux":"S"}],`, "linux_pins[0].netplay", "say what netplay shows"},
		{"bad expression", note + `"linux_pins":[{"host":"client","in":"sent","netplay":"S","linux":"S(×"}],`, "linux_pins[0].linux", "not a regular expression"},
	} {
		_, err := Parse([]byte(doc(`"version":1,`, `"version":1,`+tc.pins)))
		var e *Error
		if !errors.As(err, &e) || e.Path != tc.path || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want path %q and %q", tc.name, err, tc.path, tc.want)
		}
	}
	if _, err := Parse([]byte(doc(`"version":1,`, `"version":1,`+note+`"linux_pins":[{"host":"client","in":"sent","netplay":"S✗×7","linux":"S✗×1[01]"}],`))); err != nil {
		t.Errorf("a good pin: %v", err)
	}
}

// TestPinPatternsAsRegexp: a pin's pattern is checked by parsing it (the
// page links no regexp matcher); what it accepts is what regexp.Compile,
// which the comparison uses, accepts.
func TestPinPatternsAsRegexp(t *testing.T) {
	for _, p := range []string{`S`, `S\.?`, `(?i)syn`, `a{2,3}`, `\p{Greek}+`, `[[:alpha:]]`, `x*?`, `(?P<n>a)`,
		`(`, `a{2,1}`, `\p{Nope}`, `[z-a]`, `x**`, `\8`, `(?<n>a)`, `a{1001}`, `\Q...\E`, `(?z)`} {
		sc := `{"version":1,"linux":{"en":"Linux differs."},"hosts":[{"name":"client"}],"linux_pins":[{"host":"client","in":"sent","netplay":"S","linux":` + strconv.Quote(p) + `}]}`
		_, err := Parse([]byte(sc))
		_, want := regexp.Compile(p)
		if (err == nil) != (want == nil) {
			t.Errorf("pattern %q: Parse says %v, regexp.Compile says %v", p, err, want)
		}
	}
}
