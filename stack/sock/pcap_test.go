package sock_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"netplay/stack/trace"
)

// checkPcap writes the run's pcap and has tshark read it back: it must read
// without a word on stderr and see the same TCP flags in the same order.
// Called by run for every experiment.
func checkPcap(t testing.TB, evs []trace.Event) {
	t.Helper()
	if runtime.GOOS == "js" {
		return // no subprocesses under wasm; the native run checks it
	}
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tshark is missing: make test installs it (apt-get install tshark)")
		}
		t.Log("tshark not installed; pcap not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "run.pcap")
	var buf bytes.Buffer
	if err := trace.WritePcap(&buf, evs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tshark, "-r", path, "-Y", "tcp && !icmp && !icmpv6", "-T", "fields", "-e", "tcp.flags")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// tshark's note about running as root says nothing about the file.
	complaints := strings.TrimSpace(strings.ReplaceAll(stderr.String(), `Running as user "root" and group "root". This could be dangerous.`, ""))
	if err != nil || complaints != "" {
		t.Fatalf("tshark -r: %v\n%s", err, complaints)
	}
	var got []string
	for _, l := range strings.Fields(string(out)) {
		got = append(got, tcpdumpFlags(l))
	}
	var want []string
	for _, e := range evs {
		if e.Kind == trace.KindSegment {
			want = append(want, e.Flags)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("tshark sees flags %v, the trace %v", got, want)
	}
}

// tcpdumpFlags turns tshark's tcp.flags value (e.g. "0x0012") into
// tcpdump's letters ("S.").
func tcpdumpFlags(hex string) string {
	var v int
	for _, c := range strings.TrimPrefix(hex, "0x") {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= int(c - '0')
		case c >= 'a' && c <= 'f':
			v |= int(c-'a') + 10
		}
	}
	s := ""
	for _, f := range []struct {
		bit  int
		name string
	}{{0x01, "F"}, {0x02, "S"}, {0x04, "R"}, {0x08, "P"}, {0x20, "U"}, {0x40, "E"}, {0x80, "W"}} {
		if v&f.bit != 0 {
			s += f.name
		}
	}
	if v&0x10 != 0 {
		s += "."
	}
	if s == "" {
		s = "none"
	}
	return s
}
