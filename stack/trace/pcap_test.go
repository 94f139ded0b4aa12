package trace

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gvisor.dev/gvisor/pkg/tcpip/header"
)

// sampleRecorder records a small world's frames: ARP, a handshake with
// data and close, a refused connection, an ICMP error, UDP and a dropped
// frame, at distinct virtual times.
func sampleRecorder() *Recorder {
	r := New()
	const c, s = "10.0.0.1:40000", "10.0.0.2:80"
	t := int64(0)
	next := func() int64 { t += 1_000_250; return t }
	add := func(host string, frame []byte) int {
		return r.Frame(next(), host, 0, frame)
	}
	add("client", arpFrame(header.ARPRequest, macClient, "10.0.0.1", "", "10.0.0.2"))
	add("server", arpFrame(header.ARPReply, macServer, "10.0.0.2", macClient, "10.0.0.1"))
	add("client", tcpFrame(c, s, syn, 1000, 0, 65535, synOptions(1460, 7), nil))
	add("server", tcpFrame(s, c, syn|ack, 5000, 1001, 65535, synOptions(1460, 7), nil))
	n := add("client", tcpFrame(c, s, ack, 1001, 5001, 512, nil, nil))
	r.SetFrameFate(n, "server", 0, true, "drop nth=5")
	add("client", tcpFrame(c, s, psh|ack, 1001, 5001, 512, nil, []byte("hello")))
	add("server", tcpFrame(s, c, psh|ack, 5001, 1006, 512, nil, []byte("hello")))
	add("client", tcpFrame(c, s, fin|ack, 1006, 5006, 512, nil, nil))
	add("server", tcpFrame(s, c, fin|ack, 5006, 1007, 512, nil, nil))
	add("client", tcpFrame(c, s, ack, 1007, 5007, 512, nil, nil))
	add("client", tcpFrame("10.0.0.1:40001", "10.0.0.2:81", syn, 77, 0, 65535, nil, nil))
	add("server", tcpFrame("10.0.0.2:81", "10.0.0.1:40001", rst|ack, 0, 78, 0, nil, nil))
	quoted := stripEth(tcpFrame("10.0.0.1:40002", "10.0.9.9:80", syn, 1, 0, 65535, nil, nil))[:28]
	add("router", icmpv4Frame("10.0.0.254", "10.0.0.1", header.ICMPv4DstUnreachable, header.ICMPv4NetUnreachable, 0, quoted))
	add("client", udpFrame("10.0.0.1:5000", "10.0.0.2:53", []byte("query")))
	add("client", tcpFrame("[fd00::1]:40000", "[fd00::2]:80", syn, 1, 0, 65535, synOptions(1440, 7), nil))
	return r
}

// TestPcapFormat parses the file back by hand (runs everywhere, wasm too).
func TestPcapFormat(t *testing.T) {
	events := sampleRecorder().Events()
	// Non-frame events must be skipped.
	events = append(events, Event{T: 99, Host: "client", Kind: KindExit})
	var buf bytes.Buffer
	if err := WritePcap(&buf, events); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if len(b) < 24 || binary.LittleEndian.Uint32(b) != 0xa1b23c4d ||
		binary.LittleEndian.Uint16(b[4:]) != 2 || binary.LittleEndian.Uint16(b[6:]) != 4 ||
		binary.LittleEndian.Uint32(b[20:]) != 1 {
		t.Fatalf("bad global header % x", b[:min(24, len(b))])
	}
	b = b[24:]
	i := 0
	for len(b) > 0 {
		if len(b) < 16 {
			t.Fatalf("record %d: short header", i)
		}
		sec, nsec := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
		incl, orig := binary.LittleEndian.Uint32(b[8:]), binary.LittleEndian.Uint32(b[12:])
		e := events[i]
		if int64(sec)*1e9+int64(nsec) != e.T || int(incl) != len(e.Data) || incl != orig {
			t.Errorf("record %d: time %d.%09d len %d/%d, want T %d len %d", i, sec, nsec, incl, orig, e.T, len(e.Data))
		}
		if !bytes.Equal(b[16:16+incl], e.Data) {
			t.Errorf("record %d: data differs", i)
		}
		b = b[16+incl:]
		i++
	}
	if i != len(events)-1 {
		t.Errorf("%d records, want %d", i, len(events)-1)
	}
}

// tsharkFlags turns tcpdump flag letters into tshark's tcp.flags.str:
// twelve positions, reserved(3) AE CWR ECE URG ACK PSH RST SYN FIN, "·" for
// a clear bit.
func tsharkFlags(tcpdump string) string {
	pos := map[rune]int{'W': 4, 'E': 5, 'U': 6, '.': 7, 'P': 8, 'R': 9, 'S': 10, 'F': 11}
	out := []rune(strings.Repeat("·", 12))
	letters := map[int]rune{4: 'C', 5: 'E', 6: 'U', 7: 'A', 8: 'P', 9: 'R', 10: 'S', 11: 'F'}
	for _, c := range tcpdump {
		if p, ok := pos[c]; ok {
			out[p] = letters[p]
		}
	}
	return string(out)
}

// TestPcapTshark has tshark read the capture: no warning on stderr, and
// for every frame the same TCP flags and the same virtual timestamp.
func TestPcapTshark(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no subprocesses under wasm; TestPcapFormat covers the bytes")
	}
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed (apt-get install -y tshark); NOT checking the pcap with tshark")
	}
	events := sampleRecorder().Events()
	path := filepath.Join(t.TempDir(), "trace.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePcap(f, events); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tshark, "-r", path, "-T", "fields", "-e", "tcp.flags.str", "-e", "frame.time_epoch")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tshark: %v\n%s", err, stderr.String())
	}
	// tshark run as root always prints this notice about itself; it says
	// nothing about the file. Anything else on stderr is a failure.
	errText := stderr.String()
	errText = strings.Replace(errText, `Running as user "root" and group "root". This could be dangerous.`, "", 1)
	if s := strings.TrimSpace(errText); s != "" {
		t.Errorf("tshark warned: %s", s)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) != len(events) {
		t.Fatalf("tshark saw %d frames, want %d:\n%s", len(lines), len(events), stdout.String())
	}
	for i, line := range lines {
		e := events[i]
		fields := strings.Split(line, "\t")
		if len(fields) != 2 {
			t.Fatalf("frame %d: line %q", i+1, line)
		}
		wantFlags := ""
		if e.Kind == KindSegment {
			wantFlags = tsharkFlags(e.Flags)
		}
		wantTime := fmt.Sprintf("%d.%09d", e.T/1e9, e.T%1e9)
		if fields[0] != wantFlags || fields[1] != wantTime {
			t.Errorf("frame %d (%s): tshark %q %q, want %q %q", i+1, e.Summary, fields[0], fields[1], wantFlags, wantTime)
		}
	}
}
