package sock_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

var update = flag.Bool("update", false, "rewrite the golden traces in testdata")

// TestGoldenTrace pins a whole run's JSON trace, byte for byte. The same
// file is checked natively and under wasm, so both ports give one trace.
func TestGoldenTrace(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "c1", "c2")
	start(t, w, "server", 0, echoServer(t, 80, 1, 2))
	for i, c := range []string{"c1", "c2"} {
		start(t, w, c, time.Duration(i)*500*time.Microsecond, func(p *vnet.Thread) int {
			fds := kernel.New(p)
			fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
			if err := fds.Connect(fd, sa("10.0.0.1:80")); err != 0 {
				return 1
			}
			fds.Write(fd, []byte("hello from "+c))
			buf := make([]byte, 64)
			fds.Read(fd, buf)
			fds.Close(fd)
			return 0
		})
	}
	var got bytes.Buffer
	if err := trace.WriteJSON(&got, run(t, w)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "echo2.golden.jsonl")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("trace differs from %s (run with -update if the change is intended):\n%s", path, got.String())
	}
}
