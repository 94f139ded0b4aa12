package trace

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPcapngTshark: tshark reads the pcapng, with every frame at its
// nanosecond time, and shows the comment on the dropped frame alone.
func TestPcapngTshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed (make tools installs it)")
	}
	// The sample's fifth frame is dropped by "drop nth=5".
	events := sampleRecorder().Events()
	path := filepath.Join(t.TempDir(), "x.pcapng")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePcapng(f, events); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(tshark, "-r", path, "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.comment").Output()
	if err != nil {
		t.Fatalf("tshark: %v\n%s", err, out)
	}
	var want []string
	n := 0
	for _, e := range events {
		if e.Data == nil {
			continue
		}
		n++
		c := ""
		if e.Dropped {
			c = "dropped: " + e.Fault
		}
		want = append(want, fmt.Sprintf("%d|%d.%09d|%d|%s", n, e.T/1e9, e.T%1e9, len(e.Data), c))
	}
	if got := strings.TrimSpace(string(out)); got != strings.Join(want, "\n") {
		t.Errorf("tshark reads\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
