package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"netplay/app/server"
)

// fakeWeb writes the files netplay serve requires.
func fakeWeb(t *testing.T) string {
	dir := t.TempDir()
	for _, n := range server.Required {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("// "+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestServeFlags: --hosts and --origin reach the server; a bad one is
// refused before anything starts.
func TestServeFlags(t *testing.T) {
	for _, args := range [][]string{{"--origin", "netplay.example.org"}, {"--share-daily-mb", "0"}, {"extra"}} {
		if code, _, errs := runCLI(append([]string{"serve"}, args...)...); code != 2 || errs == "" {
			t.Errorf("serve %v: exit %d, stderr %q; want 2 and why", args, code, errs)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{addr: "127.0.0.1:0", data: t.TempDir(), web: fakeWeb(t), hosts: []string{"lab.example"}, origin: "https://netplay.example.org"}, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, pr)
	addr := regexp.MustCompile(`http://([0-9.:]+)/`).FindStringSubmatch(line)
	if addr == nil {
		t.Fatalf("serve printed %q", line)
	}
	get := func(host string) (int, string) {
		req, _ := http.NewRequest("GET", "http://"+addr[1]+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for host, want := range map[string]int{"lab.example:80": 200, "netplay.example.org": 200, addr[1]: 200, "localhost": 421, "evil.example": 421} {
		if status, b := get(host); status != want {
			t.Errorf("Host %s: %d, want %d", host, status, want)
		} else if status == 200 && !strings.Contains(b, `<meta content="https://netplay.example.org/" property="og:url">`) {
			t.Errorf("Host %s: og:url not from --origin", host)
		}
	}
	resp, err := http.Post("http://"+addr[1]+"/api/share", "application/json", bytes.NewReader([]byte(`{"version":1,"hosts":[{"name":"a"}]}`)))
	if err != nil || resp.StatusCode != 201 {
		t.Errorf("share: %v %v", err, resp)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after its context ended: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
