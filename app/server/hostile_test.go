package server

// The hostile suite for `netplay serve`: idle, slow and oversized
// connections against the server Serve runs (its listener guard, its
// timeouts) with the page and the share API over bbolt, as `netplay
// serve` has them. Each attack asserts what it gets and that a
// legitimate page load and share still succeed promptly.

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"netplay/app/share"
	"netplay/app/share/boltstore"
	"netplay/app/share/sharetest"
	"netplay/stack/scenario"
)

// hostileServer starts Serve's http.Server with lim on 127.0.0.1 and
// returns its address and connection guard.
func hostileServer(t *testing.T, lim Limits, web string) (string, *connGuard) {
	t.Helper()
	st, err := boltstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s, err := New(Options{WebDir: web, Share: share.NewHandler(st)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs, g := newHTTPServer(ln, s, lim)
	go hs.Serve(g)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String(), g
}

// legitimate loads the page and shares a scenario on new connections, as
// a student's browser would, and returns how long each took.
func legitimate(t *testing.T, addr string, n int) (page, post time.Duration) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	t0 := time.Now()
	resp, err := c.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("legitimate GET /: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page = time.Since(t0)
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`id="np-run"`)) {
		t.Fatalf("legitimate GET /: %d, %d bytes", resp.StatusCode, len(body))
	}
	t0 = time.Now()
	resp, err = c.Post("http://"+addr+"/api/share", "application/json", bytes.NewReader(sharetest.Variant(n)))
	if err != nil {
		t.Fatalf("legitimate share: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	post = time.Since(t0)
	if resp.StatusCode != 201 {
		t.Fatalf("legitimate share: %d %s", resp.StatusCode, b)
	}
	return page, post
}

// TestHostileIdleConnections: thousands of connections that sit idle
// (keep-alive after a request) or never send anything, from twenty
// addresses, do not keep a student from the page or from sharing.
func TestHostileIdleConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: opens thousands of connections")
	}
	lim := DefaultLimits
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		t.Fatal(err)
	}
	// Both ends are in this process: the attack's descriptors, the
	// server's (at most MaxConns) and some room.
	if rl.Cur < rl.Max {
		rl.Cur = rl.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	}
	attack := min(10000, int(rl.Cur)-lim.MaxConns-512)
	if attack < 2*lim.MaxConns/3 {
		lim.MaxConns = int(rl.Cur) / 3
		attack = lim.MaxConns * 3 / 2
	}
	addr, g := hostileServer(t, lim, webDir(t))

	const sources = 20 // 127.0.0.2 … 127.0.0.21, each a client of its own
	var opened, answered atomic.Int64
	conns := make([]net.Conn, attack)
	t0 := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < attack; i += 32 {
				d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(2+i%sources))}, Timeout: 5 * time.Second}
				c, err := d.Dial("tcp", addr)
				if err != nil {
					continue
				}
				conns[i] = c
				opened.Add(1)
				if i%2 == 1 {
					continue // never sends a byte
				}
				// One request, then idle on a kept-alive connection.
				c.SetDeadline(time.Now().Add(5 * time.Second))
				fmt.Fprintf(c, "GET /web/tiny.txt HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
				if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					answered.Add(1)
				}
				c.SetDeadline(time.Time{})
			}
		}()
	}
	wg.Wait()
	openTime := time.Since(t0)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	held := g.open()
	page, post := legitimate(t, addr, 1)
	t.Logf("%d attack connections opened in %v (%d got an answer before idling), server holds %d (limit %d, %d per client); then GET / took %v, POST /api/share %v",
		opened.Load(), openTime.Round(time.Millisecond), answered.Load(), held, lim.MaxConns, lim.MaxConnsPerClient, page.Round(time.Millisecond), post.Round(time.Millisecond))
	if opened.Load() < int64(attack)*9/10 {
		t.Errorf("only %d of %d attack connections opened", opened.Load(), attack)
	}
	if held > lim.MaxConns {
		t.Errorf("server holds %d connections, limit %d", held, lim.MaxConns)
	}
	if page > 2*time.Second || post > 2*time.Second {
		t.Errorf("with %d idle connections, GET / took %v and a share %v; want both under 2 s", opened.Load(), page, post)
	}
	// The oldest idle connections were closed to make room.
	closed := 0
	for _, c := range conns[:min(len(conns), 200)] {
		if c == nil {
			continue
		}
		c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		if _, err := c.Read(make([]byte, 1)); err == io.EOF {
			closed++
		}
	}
	if closed == 0 {
		t.Errorf("none of the 200 oldest attack connections was closed")
	}
}

// TestHostileOneClientCannotFillTheServer: one address holds at most
// MaxConnsPerClient connections; the others are not touched.
func TestHostileOneClientCannotFillTheServer(t *testing.T) {
	lim := DefaultLimits
	lim.MaxConnsPerClient = 50
	addr, g := hostileServer(t, lim, webDir(t))
	// A neighbour's idle connection, from another address.
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 3)}}
	neighbour, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer neighbour.Close()
	var mine []net.Conn
	defer func() {
		for _, c := range mine {
			c.Close()
		}
	}()
	d = net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}
	for i := 0; i < 200; i++ {
		c, err := d.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, c)
	}
	// Accept is asynchronous: wait until the server has seen them all.
	waitFor(t, 5*time.Second, "the server to accept 201 connections", func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.byClient["127.0.0.2"] == lim.MaxConnsPerClient && g.byClient["127.0.0.3"] == 1
	})
	// The first 150 of that client were closed, the neighbour's was not.
	mine[0].SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := mine[0].Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("the client's oldest idle connection: %v, want EOF", err)
	}
	fmt.Fprintf(neighbour, "GET /web/tiny.txt HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	neighbour.SetReadDeadline(time.Now().Add(5 * time.Second))
	if resp, err := http.ReadResponse(bufio.NewReader(neighbour), nil); err != nil || resp.StatusCode != 200 {
		t.Errorf("the neighbour's connection: %v", err)
	}
}

// TestHostileSlowRequests: headers or a body sent slowly, a connection
// idle after its request, are cut at their timeouts.
func TestHostileSlowRequests(t *testing.T) {
	lim := DefaultLimits
	lim.ReadHeaderTimeout, lim.ReadTimeout, lim.IdleTimeout = time.Second, 2*time.Second, time.Second
	addr, _ := hostileServer(t, lim, webDir(t))

	// dribble sends s a byte at a time every 100 ms until the server
	// closes; it returns how long the server took and what it answered.
	dribble := func(c net.Conn, s string) (time.Duration, string) {
		t0 := time.Now()
		done := make(chan string, 1)
		go func() {
			b, _ := io.ReadAll(c)
			done <- string(b)
		}()
		for i := 0; ; i++ {
			select {
			case got := <-done:
				return time.Since(t0), got
			case <-time.After(100 * time.Millisecond):
			}
			if i < len(s) {
				c.Write([]byte{s[i]})
			} else if time.Since(t0) > 20*time.Second {
				return time.Since(t0), "(still open)"
			}
		}
	}
	t.Run("slow headers", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		took, _ := dribble(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "+strings.Repeat("a", 400))
		if took > lim.ReadHeaderTimeout+2*time.Second {
			t.Errorf("slow headers held the connection %v (ReadHeaderTimeout %v)", took, lim.ReadHeaderTimeout)
		}
	})
	t.Run("slow body", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /api/share HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n", addr)
		took, got := dribble(c, strings.Repeat(" ", 4000))
		if took > lim.ReadTimeout+2*time.Second {
			t.Errorf("a slow body held the request %v (ReadTimeout %v)", took, lim.ReadTimeout)
		}
		if !strings.HasPrefix(got, "HTTP/1.1 400") || !strings.Contains(got, "reading the request body") {
			t.Errorf("a slow body got %.200q, want 400 and what happened", got)
		}
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "GET /web/tiny.txt HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		t0 := time.Now()
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		b, _ := io.ReadAll(c)
		if took := time.Since(t0); took > lim.IdleTimeout+2*time.Second || !bytes.HasPrefix(b, []byte("HTTP/1.1 200")) {
			t.Errorf("idle connection closed after %v (IdleTimeout %v), read %.60q", took, lim.IdleTimeout, b)
		}
	})
	page, post := legitimate(t, addr, 2)
	t.Logf("after the slow requests: GET / %v, share %v", page, post)
}

// TestHostileEarly413: a POST declaring more than scenario.MaxSize gets
// 413 at once, before its body, with the default limits.
func TestHostileEarly413(t *testing.T) {
	addr, _ := hostileServer(t, DefaultLimits, webDir(t))
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST /api/share HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", addr, 10<<20)
	c.Write(bytes.Repeat([]byte(" "), 1024)) // and then nothing
	t0 := time.Now()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no answer to a 10 MiB declaration: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	took := time.Since(t0)
	want := fmt.Sprintf("larger than %d bytes", scenario.MaxSize)
	if resp.StatusCode != 413 || !strings.Contains(string(b), want) || took > time.Second {
		t.Errorf("10 MiB declared, 1 KiB sent: %d %q after %v; want 413 %q at once", resp.StatusCode, b, took, want)
	}
	if !resp.Close {
		t.Errorf("the connection stays open after a 413 whose body was not read")
	}
}

// TestHostileWriteTimeout: a client that stops reading a large file is
// cut at WriteTimeout; one reading slowly but steadily gets all of it
// although that takes several WriteTimeouts.
func TestHostileWriteTimeout(t *testing.T) {
	web := webDir(t)
	big := make([]byte, 24<<20)
	rand.Read(big) // incompressible: sent as it is
	if err := os.WriteFile(filepath.Join(web, "big.bin"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits
	lim.WriteTimeout = time.Second
	addr, g := hostileServer(t, lim, web)
	get := func() (net.Conn, *bufio.Reader) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET /web/big.bin HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		return c, bufio.NewReaderSize(c, 64<<10)
	}

	t.Run("steady reader", func(t *testing.T) {
		c, br := get()
		defer c.Close()
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		n := 0
		buf := make([]byte, 256<<10)
		for {
			// 256 KiB every 40 ms: about 6 MiB/s, 4 s for the file.
			k, err := io.ReadFull(resp.Body, buf)
			n += k
			if err != nil {
				break
			}
			time.Sleep(40 * time.Millisecond)
		}
		took := time.Since(t0)
		if n != len(big) {
			t.Errorf("a steady reader got %d of %d bytes in %v", n, len(big), took)
		}
		if took < 2*lim.WriteTimeout {
			t.Logf("the file took only %v: the test did not outlast WriteTimeout", took)
		}
	})
	t.Run("stalled reader", func(t *testing.T) {
		c, _ := get()
		defer c.Close()
		// It reads nothing; the server's write blocks once the socket
		// buffers are full and must give up at WriteTimeout.
		waitFor(t, lim.WriteTimeout+10*time.Second, "the server to drop the stalled reader", func() bool { return g.open() == 0 })
	})
}

func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", limit, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestHostileRequests: requests that must not get the page, or anything
// of it echoed, from the running server.
func TestHostileRequests(t *testing.T) {
	addr, _ := hostileServer(t, DefaultLimits, webDir(t))
	// raw sends a request as it is and returns the status line and body.
	raw := func(req string) (int, http.Header, string) {
		t.Helper()
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		go io.WriteString(c, req) // the server may answer before it is all sent
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("%.40q: %v", req, err)
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		return resp.StatusCode, resp.Header, string(b)
	}
	host := "Host: " + addr + "\r\n"
	for _, tc := range []struct {
		name, req string
		status    int
	}{
		{"TRACE /", "TRACE / HTTP/1.1\r\n" + host + "\r\n", 405},
		{"POST /", "POST / HTTP/1.1\r\n" + host + "Content-Length: 2\r\n\r\n{}", 405},
		{"900 KiB short link", "GET /s/" + strings.Repeat("A", 900<<10) + " HTTP/1.1\r\n" + host + "\r\n", 431},
		{"60 KiB short link", "GET /s/" + strings.Repeat("A", 60<<10) + " HTTP/1.1\r\n" + host + "\r\n", 404},
		{"DNS rebinding page", "GET / HTTP/1.1\r\nHost: rebind.evil.example:" + strings.Split(addr, ":")[1] + "\r\n\r\n", 421},
		{"DNS rebinding share", "POST /api/share HTTP/1.1\r\nHost: rebind.evil.example\r\nOrigin: http://rebind.evil.example\r\n" +
			"Content-Type: application/json\r\nContent-Length: " + fmt.Sprint(len(sharetest.Scenario)) + "\r\n\r\n" + sharetest.Scenario, 421},
		{"go-app proxy path", "GET /robots.txt HTTP/1.1\r\n" + host + "\r\n", 404},
	} {
		status, hdr, b := raw(tc.req)
		if status != tc.status || len(b) > 200 || strings.Contains(b, "AAAA") || strings.Contains(b, "evil") {
			t.Errorf("%s: %d %.200q; want %d and a short body that echoes nothing", tc.name, status, b, tc.status)
		}
		if status != 431 && hdr.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no security headers", tc.name)
		}
		t.Logf("%s: %d %q", tc.name, status, strings.TrimSpace(b))
	}
	page, post := legitimate(t, addr, 3)
	t.Logf("after them: GET / %v, share %v", page, post)
}
