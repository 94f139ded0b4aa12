package gallery

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden traces in testdata")

// galleryRun runs the built-in scenario id with the C compiler.
func galleryRun(t testing.TB, id string) *runner.Result {
	t.Helper()
	sc, err := Load(id)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return res
}

// absSeqs lists the scenarios whose golden trace also carries the absolute
// sequence numbers (the experiment is about them).
var absSeqs = map[string]bool{"seqnums": true}

// galleryNorm turns a trace into the golden form: one JSON object a line
// per segment, ICMP message, UDP datagram, ARP frame, state change, listener queue
// change, socket call, output, exit, input, action, signal, fork and
// thread, without times, windows, options
// or other values that change when timing does.
func galleryNorm(evs []trace.Event, abs bool) []byte {
	var b bytes.Buffer
	for _, e := range evs {
		var m []any // ordered key, value pairs
		switch e.Kind {
		case trace.KindSegment:
			m = []any{"host", e.Host, "kind", "segment", "flags", e.Flags, "seq", e.Seq, "ack", e.Ack}
			if abs {
				m = append(m, "seq_abs", e.SeqAbs, "ack_abs", e.AckAbs)
			}
			m = append(m, "len", e.Len, "dropped", e.Dropped)
		case trace.KindICMP:
			m = []any{"host", e.Host, "kind", "icmp", "src", e.Src, "dst", e.Dst, "type", e.Type, "code", e.Code, "dropped", e.Dropped}
		case trace.KindUDP:
			m = []any{"host", e.Host, "kind", "udp", "src", e.Src, "dst", e.Dst, "len", e.Len, "dropped", e.Dropped}
		case trace.KindARP:
			op := "request"
			if e.Type == 2 {
				op = "reply"
			}
			m = []any{"host", e.Host, "kind", "arp", "op", op, "dst", e.Dst, "dropped", e.Dropped}
		case trace.KindState:
			m = []any{"host", e.Host, "kind", "state", "fd", e.FD, "from", e.From, "to", e.To}
		case trace.KindQueue:
			m = []any{"host", e.Host, "kind", "queue", "fd", e.FD, "synq", e.SynQ, "acceptq", e.AcceptQ, "backlog", e.Backlog}
		case trace.KindSyscall:
			m = []any{"host", e.Host, "kind", "syscall", "call", e.Call, "fd", e.FD, "ret", e.Ret, "errno", e.Errno}
		case trace.KindOutput:
			m = []any{"host", e.Host, "kind", "output", "stream", e.Stream, "text", e.Text}
		case trace.KindExit:
			m = []any{"host", e.Host, "kind", "exit", "status", e.Status, "reason", e.Reason}
		case trace.KindInput:
			m = []any{"host", e.Host, "kind", "input", "text", e.Text, "eof", e.EOF}
		case trace.KindAction:
			m = []any{"host", e.Host, "kind", "action", "do", e.Do, "link", e.Link, "signal", e.Signal, "reason", e.Reason}
		case trace.KindSignal:
			m = []any{"host", e.Host, "kind", "signal", "op", e.Op, "signal", e.Signal, "action", e.Action}
		case trace.KindFork:
			m = []any{"host", e.Host, "kind", "fork", "pid", e.Pid, "child", e.Child}
		case trace.KindThread:
			m = []any{"host", e.Host, "kind", "thread", "op", e.Op, "tid", e.Tid, "child", e.Child}
		default:
			continue
		}
		b.WriteByte('{')
		for i := 0; i < len(m); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(m[i])
			v, _ := json.Marshal(m[i+1])
			b.Write(k)
			b.WriteByte(':')
			b.Write(v)
		}
		b.WriteString("}\n")
	}
	return b.Bytes()
}

func galleryIDs(t testing.TB) []string {
	var ids []string
	for _, e := range List() {
		ids = append(ids, e.ID)
	}
	if len(ids) == 0 {
		t.Fatal("empty gallery")
	}
	return ids
}

// TestGoldenTraces runs every gallery scenario and compares its normalised
// trace with testdata/<id>.golden.jsonl (go test -update rewrites them).
// Each is run twice: the two traces must be the same.
func TestGoldenTraces(t *testing.T) {
	for _, id := range galleryIDs(t) {
		t.Run(id, func(t *testing.T) {
			got := galleryNorm(galleryRun(t, id).Events, absSeqs[id])
			if again := galleryNorm(galleryRun(t, id).Events, absSeqs[id]); !bytes.Equal(got, again) {
				t.Fatalf("two runs of %s differ:\n%s\n---\n%s", id, got, again)
			}
			path := filepath.Join("testdata", id+".golden.jsonl")
			if *updateGolden {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("trace of %s differs from %s (go test -update if the change is intended):\n%s", id, path, got)
			}
		})
	}
}

// TestNoStrayGolden: every golden file belongs to a gallery scenario.
func TestNoStrayGolden(t *testing.T) {
	ids := map[string]bool{}
	for _, id := range galleryIDs(t) {
		ids[id] = true
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.golden.jsonl"))
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), ".golden.jsonl"); !ids[id] {
			t.Errorf("%s has no scenario %s.json", f, id)
		}
	}
}

// TestShareLinks: each experiment's share link opens the same scenario.
func TestShareLinks(t *testing.T) {
	for _, id := range galleryIDs(t) {
		sc, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		frag, err := scenario.EncodeFragment(sc)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		back, err := scenario.DecodeFragment(frag)
		if err != nil {
			t.Fatalf("%s: decoding its own link: %v", id, err)
		}
		if !reflect.DeepEqual(sc, back) {
			t.Errorf("%s: the share link gives another scenario", id)
		}
		a, _ := sc.Canonical()
		b, _ := back.Canonical()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: canonical forms differ after the share link", id)
		}
	}
}
