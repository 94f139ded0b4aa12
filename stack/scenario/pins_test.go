package scenario

import (
	"errors"
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
