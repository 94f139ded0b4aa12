package frame

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/frames.txt from this decoder")

// golden is one frame of testdata/frames.txt.
type golden struct {
	name    string
	data    []byte
	summary string
	spans   string // Headers as "Ethernet 0-14, IPv4 14-34, …"; "-" when Decode stops early
}

const goldenHead = `# Frames and what the decoder makes of them: Summary (tcpdump's line, with
# absolute numbers) and Headers (byte ranges; "-" when it stops early). Real
# frames from every gallery scenario, then hand-made edge cases. The file was
# first written by the decoder this package replaced (the trace's, with
# gVisor's header package, and the page inspector's), and this one gives the
# same. One frame a block: "# name", the bytes in hex, the summary, the ranges.

`

func readGolden(t testing.TB) []golden {
	b, err := os.ReadFile(filepath.Join("testdata", "frames.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []golden
	for _, block := range strings.Split(strings.TrimPrefix(string(b), goldenHead), "\n\n") {
		if strings.TrimSpace(block) == "" {
			continue
		}
		l := strings.Split(block, "\n")
		if len(l) != 4 || !strings.HasPrefix(l[0], "# ") {
			t.Fatalf("testdata/frames.txt: bad block %q", block)
		}
		data, err := hex.DecodeString(l[1])
		if err != nil {
			t.Fatalf("%s: %v", l[0], err)
		}
		out = append(out, golden{name: l[0][2:], data: data, summary: l[2], spans: l[3]})
	}
	if len(out) < 100 {
		t.Fatalf("testdata/frames.txt has only %d frames", len(out))
	}
	return out
}

func spansOf(f *Frame) string {
	if f.Err != nil {
		return "-"
	}
	var s []string
	for _, h := range f.Headers() {
		s = append(s, fmt.Sprintf("%s %d-%d", h.Layer, h.From, h.To))
	}
	return strings.Join(s, ", ")
}

// TestGolden decodes every frame of testdata/frames.txt: the summary and
// the header ranges must be what the file says.
func TestGolden(t *testing.T) {
	frames := readGolden(t)
	if *update {
		var sb strings.Builder
		sb.WriteString(goldenHead)
		for _, g := range frames {
			f := Decode(g.data)
			fmt.Fprintf(&sb, "# %s\n%x\n%s\n%s\n\n", g.name, g.data, f.Summary(), spansOf(&f))
		}
		if err := os.WriteFile(filepath.Join("testdata", "frames.txt"), []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, g := range frames {
		f := Decode(g.data)
		if got := f.Summary(); got != g.summary {
			t.Errorf("%s:\n got %s\nwant %s", g.name, got, g.summary)
		}
		if got := spansOf(&f); got != g.spans {
			t.Errorf("%s: headers\n got %s\nwant %s", g.name, got, g.spans)
		}
	}
}

// TestTshark has tshark decode the golden frames and compares its fields
// with Decode's: addresses, ports, TCP flags and numbers, lengths, ICMP
// type and code, what an ICMP error quotes, the ARP operation.
func TestTshark(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no subprocesses under wasm")
	}
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed (make tools); NOT checking the decoder against it")
	}
	frames := readGolden(t)
	// A pcap file (LINKTYPE_ETHERNET) of every frame.
	var pcap bytes.Buffer
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 1)
	pcap.Write(hdr)
	for i, g := range frames {
		rec := make([]byte, 16)
		binary.LittleEndian.PutUint32(rec[0:], uint32(i))
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(g.data)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(g.data)))
		pcap.Write(rec)
		pcap.Write(g.data)
	}
	path := filepath.Join(t.TempDir(), "frames.pcap")
	if err := os.WriteFile(path, pcap.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fields := []string{"ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport", "tcp.flags",
		"tcp.seq_raw", "tcp.ack_raw", "tcp.len", "udp.srcport", "udp.dstport", "udp.length",
		"icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code", "arp.opcode"}
	args := []string{"-n", "-r", path, "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"}
	for _, f := range fields {
		args = append(args, "-e", f)
	}
	out, err := exec.Command(tshark, args...).Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(frames) {
		t.Fatalf("tshark read %d frames, want %d", len(lines), len(frames))
	}
	checked := 0
	for i, line := range lines {
		g := frames[i]
		f := Decode(g.data)
		if f.Err != nil {
			continue // tshark and tcpdump word broken frames their own ways
		}
		v := map[string][]string{}
		for j, s := range strings.Split(line, "|") {
			if s != "" {
				v[fields[j]] = strings.Split(s, ",")
			}
		}
		want := map[string]string{}
		if f.IPv4 != nil || f.IPv6 != nil {
			p := "ip"
			if f.IPv6 != nil {
				p = "ipv6"
			}
			want[p+".src"], want[p+".dst"] = f.Src.String(), f.Dst.String()
		}
		switch {
		case f.ARP != nil:
			want["arp.opcode"] = strconv.Itoa(int(f.ARP.Op()))
		case f.TCP != nil:
			tc := f.TCP
			want["tcp.srcport"], want["tcp.dstport"] = fmt.Sprint(tc.SrcPort()), fmt.Sprint(tc.DstPort())
			want["tcp.flags"] = fmt.Sprintf("0x%04x", uint8(tc.Flags()))
			want["tcp.seq_raw"], want["tcp.ack_raw"] = fmt.Sprint(tc.Seq()), fmt.Sprint(tc.Ack())
			want["tcp.len"] = fmt.Sprint(len(tc.Payload()))
		case f.UDP != nil:
			want["udp.srcport"], want["udp.dstport"] = fmt.Sprint(f.UDP.SrcPort()), fmt.Sprint(f.UDP.DstPort())
			want["udp.length"] = fmt.Sprint(f.UDP.Length())
		case f.ICMPv4 != nil:
			want["icmp.type"], want["icmp.code"] = fmt.Sprint(f.ICMPv4.Type()), fmt.Sprint(f.ICMPv4.Code())
			if q, ok := f.ICMPv4.Quoted(); ok && f.ICMPv4.IsError() {
				quoteWants(want, "ip", q)
			}
		case f.ICMPv6 != nil:
			want["icmpv6.type"], want["icmpv6.code"] = fmt.Sprint(f.ICMPv6.Type()), fmt.Sprint(f.ICMPv6.Code())
			if q, ok := f.ICMPv6.Quoted(); ok && f.ICMPv6.IsError() {
				quoteWants(want, "ipv6", q)
			}
		}
		for k, w := range want {
			if got := strings.Join(v[k], ","); got != w {
				t.Errorf("%s: tshark %s = %q, Decode says %q", g.name, k, got, w)
			}
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d frames checked", checked)
	}
}

// quoteWants adds what tshark shows of the quoted datagram: the second
// IP addresses and the transport's ports.
func quoteWants(want map[string]string, ip string, q Quoted) {
	want[ip+".src"] += "," + q.Src.String()
	want[ip+".dst"] += "," + q.Dst.String()
	if !q.HasPorts {
		return
	}
	switch q.Proto {
	case ProtoTCP:
		want["tcp.srcport"], want["tcp.dstport"] = fmt.Sprint(q.SrcPort), fmt.Sprint(q.DstPort)
	case ProtoUDP:
		want["udp.srcport"], want["udp.dstport"] = fmt.Sprint(q.SrcPort), fmt.Sprint(q.DstPort)
	}
}

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		f       TCPFlags
		letters string
		names   string
	}{
		{FlagSYN, "S", "SYN"},
		{FlagSYN | FlagACK, "S.", "SYN,ACK"},
		{FlagACK, ".", "ACK"},
		{FlagPSH | FlagACK, "P.", "PSH,ACK"},
		{FlagFIN | FlagPSH | FlagACK, "FP.", "FIN,PSH,ACK"},
		{FlagRST | FlagACK, "R.", "RST,ACK"},
		{FlagSYN | FlagACK | FlagECE | FlagURG, "S.UE", "SYN,URG,ACK,ECE"},
		{0xff, "FSRP.UEW", "SYN,FIN,RST,PSH,URG,ACK,ECE,CWR"},
		{0, "none", "none"},
	} {
		if got := c.f.String(); got != c.letters {
			t.Errorf("%#x.String() = %q, want %q", uint8(c.f), got, c.letters)
		}
		if got := c.f.Names(); got != c.names {
			t.Errorf("%#x.Names() = %q, want %q", uint8(c.f), got, c.names)
		}
		if back, ok := ParseFlags(c.letters); !ok || back != c.f {
			t.Errorf("ParseFlags(%q) = %#x, %v", c.letters, uint8(back), ok)
		}
	}
	if _, ok := ParseFlags("SA"); ok {
		t.Errorf("ParseFlags accepted \"SA\"")
	}
	if f, ok := ParseFlags(".S"); !ok || f.String() != "S." {
		t.Errorf("ParseFlags(\".S\") = %v %v", f, ok)
	}
}

// TestErrors: a frame cut inside each header stops Decode there, and the
// error names that header and where the undecoded bytes begin.
func TestErrors(t *testing.T) {
	var syn, icmp []byte
	for _, g := range readGolden(t) {
		if syn == nil && strings.Contains(g.summary, "Flags [S]") && strings.Contains(g.name, "gallery") {
			syn = g.data
		}
		if icmp == nil && strings.Contains(g.summary, "ICMP net") {
			icmp = g.data
		}
	}
	for _, c := range []struct {
		data  []byte
		layer Layer
		at    int
		text  string
	}{
		{syn[:10], LayerEthernet, 0, "truncated Ethernet frame, length 10 (header needs 14)"},
		{syn[:30], LayerIPv4, 14, "IPv4, truncated header, length 16"},
		{syn[:50], LayerIPv4, 14, "10.0.0.1 > 10.0.0.2: IPv4, truncated (total length 60, 36 bytes present)"},
		{append([]byte{}, icmp[:14+20+4]...), LayerIPv4, 14, ""},
	} {
		f := Decode(c.data)
		if f.Err == nil || f.Err.Layer != c.layer || f.Err.At != c.at || (c.text != "" && f.Err.Text != c.text) {
			t.Errorf("Decode(%d bytes).Err = %+v, want %v at %d %q", len(c.data), f.Err, c.layer, c.at, c.text)
		}
		if f.Summary() != f.Err.Error() {
			t.Errorf("Summary %q is not the error %q", f.Summary(), f.Err)
		}
	}
	// A TCP header cut short, inside a consistent IPv4 packet.
	b := append([]byte{}, syn[:14+20+10]...)
	binary.BigEndian.PutUint16(b[14+2:], 30)
	f := Decode(b)
	if f.Err == nil || f.Err.Layer != LayerTCP || f.Err.At != 34 || f.IPv4 == nil || f.TCP != nil {
		t.Errorf("cut TCP header: %+v", f.Err)
	}
	if got := f.Headers(); len(got) != 2 || got[1].Layer != LayerIPv4 {
		t.Errorf("Headers() = %v, want Ethernet and IPv4", got)
	}
}

// FuzzDecode: no input makes Decode, Summary or Headers panic, and every
// header range lies inside the frame.
func FuzzDecode(f *testing.F) {
	for _, g := range readGolden(f) {
		f.Add(g.data)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr := Decode(b)
		if fr.Summary() == "" {
			t.Fatalf("no summary for % x", b)
		}
		last := 0
		for _, h := range fr.Headers() {
			if h.From < last || h.To < h.From || h.To > len(b) {
				t.Fatalf("header %v out of order or outside the frame (%d bytes)", h, len(b))
			}
			last = h.To
		}
		if fr.Err != nil && (fr.Err.At < 0 || fr.Err.At > len(b)) {
			t.Fatalf("error at %d of %d bytes", fr.Err.At, len(b))
		}
	})
}

// BenchmarkDecode decodes a data segment and writes its line, as the trace
// does for every frame.
func BenchmarkDecode(b *testing.B) {
	var seg []byte
	for _, g := range readGolden(b) {
		if strings.Contains(g.summary, "Flags [P.]") {
			seg = g.data
			break
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		f := Decode(seg)
		_ = f.Summary()
	}
}
