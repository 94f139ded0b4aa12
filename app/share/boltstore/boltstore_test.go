package boltstore_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
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

func TestAPIOverBolt(t *testing.T) {
	st, err := boltstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// With netplay serve's limits, which the table stays within.
	h := share.NewHandler(st)
	h.Limits = share.NewLimits(share.DefaultQuota)
	srv := httptest.NewServer(h)
	defer srv.Close()
	sharetest.Run(t, srv.URL, srv.Client())
	sharetest.Class(t, srv.URL, srv.Client(), 40, 0, nil)
}

func TestStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := boltstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(ctx, "0000000000A"); !errors.Is(err, share.ErrNotFound) {
		t.Errorf("Get(missing) = %v, want ErrNotFound", err)
	}
	if err := st.Put(ctx, "0000000000A", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := st.Put(ctx, "0000000000A", []byte("one")); err != nil {
		t.Errorf("Put of the same data again = %v", err)
	}
	if err := st.Put(ctx, "0000000000A", []byte("two")); !errors.Is(err, share.ErrCollision) {
		t.Errorf("Put of other data = %v, want ErrCollision", err)
	}
	// A second opener is refused with a clear message while the first
	// holds the file.
	if _, err := boltstore.Open(dir); err == nil || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("second Open = %v, want 'in use'", err)
	}
	st.Close()
	st, err = boltstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.Get(ctx, "0000000000A"); err != nil || string(got) != "one" {
		t.Errorf("after reopen Get = %q, %v", got, err)
	}
	if _, err := boltstore.Open(st.Path()); err == nil {
		t.Error("Open of a file path as directory succeeded")
	}
}

const crashEnv = "NETPLAY_BOLT_CRASH_CHILD"

// TestCrashKeepsAcknowledged re-runs this test binary as a child that posts
// shares through the handler from 50 goroutines and prints "ACK <id>" for
// each 201 it gets. The parent SIGKILLs the child in the middle, reopens
// the store and requires every acknowledged share to be there, intact.
func TestCrashKeepsAcknowledged(t *testing.T) {
	if dir := os.Getenv(crashEnv); dir != "" {
		crashChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("-short: skipping the crash test (starts a child process)")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashKeepsAcknowledged$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const killAfter = 1000
	var acked []string
	sc := bufio.NewScanner(out)
	killed := false
	timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timer.Stop()
	for sc.Scan() {
		id, ok := strings.CutPrefix(sc.Text(), "ACK ")
		if !ok {
			continue
		}
		acked = append(acked, id)
		if len(acked) == killAfter && !killed {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
			// Keep reading: lines the child wrote before it died were
			// acknowledged too.
		}
	}
	err = cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !killed || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed mid-way: killed=%v, wait=%v, %d acks", killed, err, len(acked))
	}

	st, err := boltstore.Open(dir)
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer st.Close()
	ctx := context.Background()
	for _, id := range acked {
		data, err := st.Get(ctx, id)
		if err != nil {
			t.Fatalf("acknowledged share %s lost after SIGKILL: %v", id, err)
		}
		if scenario.ID(data) != id {
			t.Fatalf("share %s holds data whose id is %s", id, scenario.ID(data))
		}
		if _, err := scenario.Parse(data); err != nil {
			t.Fatalf("share %s damaged: %v", id, err)
		}
	}
	t.Logf("%d acknowledged shares before SIGKILL, all present after reopening", len(acked))
}

// crashChild posts shares until it is killed.
func crashChild(dir string) {
	st, err := boltstore.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	h := share.NewHandler(st)
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := next.Add(1)
				if n > 1_000_000 { // never reached when the parent kills us
					return
				}
				req := httptest.NewRequest("POST", "/api/share", bytes.NewReader(sharetest.Variant(int(n))))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusCreated {
					fmt.Fprintf(os.Stderr, "child: status %d: %s\n", w.Code, w.Body)
					os.Exit(4)
				}
				var res struct{ ID string }
				json.Unmarshal(w.Body.Bytes(), &res)
				mu.Lock()
				os.Stdout.WriteString("ACK " + res.ID + "\n") // one write(2), unbuffered
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	os.Exit(5)
}

// TestLoad is the bounded loopback load test: 10,000 mixed POST/GET
// requests from 64 concurrent clients against the share API over bbolt
// served by net/http on 127.0.0.1 (what `netplay serve` runs). Every
// request must succeed and every GET must return exactly what was posted.
// With NETPLAY_BENCH=1 it prints BENCH share_local_p99_ms.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the load test")
	}
	const (
		requests = 10_000
		clients  = 64
		variants = 2_000 // distinct scenarios; the rest are re-posts and GETs
	)
	// By default the server is the share handler over bbolt on net/http,
	// in this process, on 127.0.0.1 (what `netplay serve` mounts at /api/).
	// NETPLAY_SHARE_URL=http://127.0.0.1:8080 aims the same load at a
	// running `netplay serve` instead.
	base := os.Getenv("NETPLAY_SHARE_URL")
	var st *boltstore.Store
	if base == "" {
		var err error
		st, err = boltstore.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		srv := httptest.NewServer(share.NewHandler(st)) // listens on 127.0.0.1
		defer srv.Close()
		base = srv.URL
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}

	type want struct {
		canon []byte
		id    string
	}
	wants := make([]want, variants)
	for i := range wants {
		c, id := sharetest.Canonical(t, sharetest.Variant(i))
		wants[i] = want{c, id}
	}
	var posted [variants]atomic.Bool
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	postLat := make([][]time.Duration, clients)
	errs := make(chan error, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 1))
			for {
				n := next.Add(1)
				if n > requests {
					return
				}
				v := rng.IntN(variants)
				t0 := time.Now()
				var err error
				isPost := !posted[v].Load() || rng.IntN(10) >= 7
				if isPost {
					err = postOne(client, base, sharetest.Variant(v), wants[v].id)
					posted[v].Store(true)
				} else {
					err = getOne(client, base, wants[v].id, wants[v].canon)
				}
				d := time.Since(t0)
				lat[c] = append(lat[c], d)
				if isPost {
					postLat[c] = append(postLat[c], d)
				}
				if err != nil {
					errs <- fmt.Errorf("request %d: %w", n, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if len(all) != requests {
		t.Fatalf("%d requests done, want %d", len(all), requests)
	}
	slices.Sort(all)
	p50, p99 := all[len(all)/2], all[len(all)*99/100]
	posts := slices.Concat(postLat...)
	slices.Sort(posts)
	t.Logf("%s: %d requests (%d POST), %d clients, %v: p50 %v, p99 %v, max %v; POST p50 %v, p99 %v",
		base, requests, len(posts), clients, elapsed, p50, p99, all[len(all)-1], posts[len(posts)/2], posts[len(posts)*99/100])
	// Everything posted is there, intact.
	for i, w := range wants {
		if !posted[i].Load() {
			continue
		}
		if err := getOne(client, base, w.id, w.canon); err != nil {
			t.Errorf("variant %d after the load: %v", i, err)
		}
	}
	if os.Getenv("NETPLAY_BENCH") != "" {
		fmt.Printf("BENCH share_local_p99_ms %.2f ms\n", float64(p99.Microseconds())/1000)
	}
}

func postOne(c *http.Client, base string, doc []byte, wantID string) error {
	resp, err := c.Post(base+"/api/share", "application/json", bytes.NewReader(doc))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var res struct{ ID, Error string }
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return fmt.Errorf("POST: status %d, body: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusCreated || res.ID != wantID {
		return fmt.Errorf("POST: status %d, id %q (want %q), error %q", resp.StatusCode, res.ID, wantID, res.Error)
	}
	return nil
}

func getOne(c *http.Client, base, id string, want []byte) error {
	resp, err := c.Get(base + "/api/share/" + id)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || !bytes.Equal(buf.Bytes(), want) {
		return fmt.Errorf("GET %s: status %d, body %.80q, want what was posted", id, resp.StatusCode, buf.Bytes())
	}
	return nil
}
