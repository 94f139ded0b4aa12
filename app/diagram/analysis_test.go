package diagram

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"netplay/stack/trace"
)

// TestAnalyzeLikeTshark: the notes the diagram puts on frames are the
// ones tshark's TCP analysis gives the page's capture of the same run,
// frame by frame: a lossy transfer (dup ACKs, fast and plain
// retransmissions, window updates), retransmitted SYNs and SYN,ACKs (third-ack-lost) and the
// backlog experiment.
func TestAnalyzeLikeTshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed (make tools installs it)")
	}
	lossy := filepath.Join(t.TempDir(), "lossy.json")
	b, _ := os.ReadFile("testdata/transfer200k.json")
	b = bytes.Replace(b, []byte(`"delay": "1ms"`), []byte(`"delay": "1ms", "loss": 0.05`), 1)
	b = bytes.Replace(b, []byte(`char buf[63];`), []byte(`char buf[4096];`), 1)
	b = bytes.Replace(b, []byte(`left = 200000`), []byte(`left = 60000`), 1)
	os.WriteFile(lossy, b, 0o644)
	for _, path := range []string{lossy, "../gallery/backlog.json", "../gallery/third-ack-lost.json"} {
		events := runFile(t, path)
		ours := map[int]string{}
		capture := map[int]int{} // event → capture number
		n := 0
		for i := range events {
			if events[i].Data != nil {
				n++
				capture[i] = n
			}
		}
		for ev, a := range Analyze(events) {
			if a.Expert != "" {
				ours[capture[ev]] = a.Expert
			}
		}
		pcap := filepath.Join(t.TempDir(), "x.pcap")
		f, _ := os.Create(pcap)
		if err := trace.WritePcap(f, events); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out, err := exec.Command(tshark, "-r", pcap, "-T", "fields", "-e", "frame.number", "-e", "_ws.col.Info").Output()
		if err != nil {
			t.Fatalf("tshark: %v", err)
		}
		theirs := map[int]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			num, info, _ := strings.Cut(line, "\t")
			k, _ := strconv.Atoi(num)
			if strings.HasPrefix(info, "[TCP ") {
				theirs[k] = info[1:strings.IndexByte(info, ']')]
			}
		}
		if len(theirs) == 0 && strings.Contains(path, "lossy") {
			t.Errorf("%s: tshark found nothing to say: the test proves nothing", path)
		}
		for k := 1; k <= n; k++ {
			if ours[k] != theirs[k] {
				t.Errorf("%s frame %d: ours %q, tshark %q", filepath.Base(path), k, ours[k], theirs[k])
			}
		}
	}
}

// TestQueueFull: in the backlog experiment, c4's and c5's SYNs reach the
// server while its accept queue holds 3 of a backlog of 2, and are marked
// so; every SYN answered is not.
func TestQueueFull(t *testing.T) {
	events := runFile(t, "../gallery/backlog.json")
	marked := map[string]int{}
	for ev, a := range Analyze(events) {
		if a.QueueFull != "" {
			if a.QueueFull != "accept queue full (3/2)" {
				t.Errorf("event %d: %q", ev, a.QueueFull)
			}
			marked[events[ev].Host]++
		}
	}
	// netstack sends four SYNs each; the fourth (at 7 s) finds room.
	if marked["c4"] != 3 || marked["c5"] != 3 || len(marked) != 2 {
		t.Errorf("SYNs marked dropped by a full queue per host: %v, want c4 and c5 3 each", marked)
	}
	l := Compute(events, Options{Hosts: []string{"server", "c1", "c2", "c3", "c4", "c5"}})
	svg := l.SVG(All, len(events))
	if n := strings.Count(svg, " np-qfull"); n != 6 {
		t.Errorf("the diagram marks %d SYNs dropped by the full queue, want 6", n)
	}
	if !strings.Contains(svg, "✕ accept queue full (3/2)") {
		t.Errorf("the diagram does not label the 6 SYNs dropped by the full queue")
	}
}
