package page

import (
	"regexp"
	"testing"
)

// TestShortLinkPath: the browser's exact route takes the paths the
// server's regexp route takes, and no other.
func TestShortLinkPath(t *testing.T) {
	server := regexp.MustCompile(`^/s/[0-9A-Za-z]+$`)
	for _, p := range []string{"/s/abc123XYZ09", "/s/a", "/s/", "/s", "/", "/s/ab-c", "/s/ab/c", "/x/abc", "/s/é", "/s/abc\n", "s/abc"} {
		if got, want := isShortLinkPath(p), server.MatchString(p); got != want {
			t.Errorf("isShortLinkPath(%q) = %v, the server's route says %v", p, got, want)
		}
	}
}
