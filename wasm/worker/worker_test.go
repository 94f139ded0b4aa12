//go:build !js

package main

// TestWorker builds the Worker, runs it under `wrangler dev` (workerd, local
// KV, offline) on 127.0.0.1, plays the share API table against it over
// HTTP, checks the /s/{id} page, and measures share_worker_p50_ms and
// worker_wasm_gzip_bytes (printed as BENCH lines with NETPLAY_BENCH=1).
// It runs in the wasm tier (NETPLAY_WASM=1, make test-wasm), and is skipped
// there only when node or npm is missing.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"netplay/app/securityheaders"
	"netplay/app/server"
	"netplay/app/share/sharetest"
	"netplay/internal/tier"
)

// offlineEnv keeps wrangler from calling home: the flags from
// ARCHITECTURE.md, plus WRANGLER_HIDE_BANNER, which also skips the npm
// registry lookup for a newer wrangler that the banner would print.
func offlineEnv(t *testing.T) []string {
	return append(os.Environ(),
		"CLOUDFLARE_CF_FETCH_ENABLED=false",
		"WRANGLER_SEND_METRICS=false",
		"WRANGLER_HIDE_BANNER=true",
		"XDG_CONFIG_HOME="+t.TempDir(),
	)
}

func TestWorker(t *testing.T) {
	tier.Need(t, tier.Wasm) // builds wasm, starts wrangler dev
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found in PATH: the Worker test needs Node.js and npm (wrangler 4.86.0)", tool)
		}
	}
	wrangler := filepath.Join("node_modules", ".bin", "wrangler")
	if _, err := os.Stat(wrangler); err != nil {
		run(t, offlineEnv(t), ".", "npm", "ci", "--no-audit", "--no-fund")
	}

	// Build into a temporary directory, as `make worker` does into build/worker.
	out := t.TempDir()
	env := offlineEnv(t)
	run(t, env, ".", "go", "run", "github.com/syumai/workers/cmd/workers-assets-gen", "-mode=go", "-o", out)
	run(t, append(env, "GOOS=js", "GOARCH=wasm"), ".", "go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(out, "app.wasm"), ".")
	gz := gzipSize(t, filepath.Join(out, "app.wasm"), filepath.Join(out, "worker.mjs"), filepath.Join(out, "runtime.mjs"), filepath.Join(out, "wasm_exec.js"))

	// The site: the real one if it has been built, else a one-page site.
	site, err := filepath.Abs(filepath.Join("..", "..", "build", "site"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, "index.html")); err != nil {
		site = t.TempDir()
		if err := os.WriteFile(filepath.Join(site, "index.html"), []byte("<!doctype html><title>netplay</title><p>test page\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, server.HeadersFile), []byte(server.HeadersFileText()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(site, server.HeadersFile)); err != nil {
		t.Fatalf("%s has no %s: it is older than netplay site; run make site", site, server.HeadersFile)
	}
	index, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	cfg := writeConfig(t, out, site)

	// The size Cloudflare checks against its limit: wrangler's own
	// "Total Upload: … / gzip: … KiB" for the Worker (wasm plus glue).
	dry := exec.Command(wrangler, "deploy", "--dry-run", "--config", cfg, "--outdir", t.TempDir())
	dry.Env = offlineEnv(t)
	dryOut, err := dry.CombinedOutput()
	if err != nil {
		t.Fatalf("wrangler deploy --dry-run: %v\n%s", err, dryOut)
	}
	m := regexp.MustCompile(`gzip: ([0-9.]+) KiB`).FindSubmatch(dryOut)
	if m == nil {
		t.Fatalf("wrangler deploy --dry-run printed no gzip size:\n%s", dryOut)
	}
	kib, _ := strconv.ParseFloat(string(m[1]), 64)
	wranglerGz := int(kib * 1024)
	t.Logf("worker gzip: %d bytes by wrangler (%s KiB), %d bytes by gzip -9 of app.wasm and glue; goal ≤ 3,000,000 (Cloudflare free plan: 3 MB compressed)",
		wranglerGz, m[1], gz)

	if wranglerGz > 3_000_000 {
		t.Errorf("the Worker is %d bytes gzip; Cloudflare's free plan refuses more than 3,000,000 (see TestWorkerDeps for what it pulls in)", wranglerGz)
	}

	base := startWrangler(t, wrangler, cfg)
	client := &http.Client{Timeout: 30 * time.Second}

	sharetest.Run(t, base, client)

	t.Run("page", func(t *testing.T) {
		_, id := sharetest.Canonical(t, []byte(sharetest.Scenario))
		resp, err := client.Get(base + "/s/" + id)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Equal(body, index) {
			t.Errorf("GET /s/%s: %d %.200q, want the site's index.html", id, resp.StatusCode, body)
		}
	})

	// Every answer carries the security headers: the static files from
	// the site's _headers file, the Worker's own from the Worker.
	t.Run("headers", func(t *testing.T) {
		_, id := sharetest.Canonical(t, []byte(sharetest.Scenario))
		for _, tc := range []struct {
			path   string
			status int
		}{
			{"/", 200}, {"/s/" + id, 200}, {"/api/share/" + id, 200}, {"/api/share/nope", 404},
			{"/s/" + strings.Repeat("A", 4000), 404}, {"/s/0123456789", 404}, {"/s/" + id + "/x", 404},
		} {
			resp, err := client.Get(base + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || tc.status == 404 && (len(b) > 200 || bytes.Contains(b, []byte("AAAA"))) {
				t.Errorf("GET %.40s: %d %.100q, want %d with a short body", tc.path, resp.StatusCode, b, tc.status)
			}
			for _, kv := range securityheaders.List {
				if got := resp.Header.Get(kv[0]); got != kv[1] {
					t.Errorf("GET %.40s: %s %q, want %q", tc.path, kv[0], got, kv[1])
				}
			}
		}
	})

	// Latency: sequential share + read-back pairs, from addresses of
	// their own (under the per-client limits).
	const pairs = 100
	var lat []time.Duration
	for i := 0; i < pairs; i++ {
		doc := sharetest.Variant(i)
		canon, id := sharetest.Canonical(t, doc)
		t0 := time.Now()
		req, _ := http.NewRequest("POST", base+"/api/share", bytes.NewReader(doc))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("CF-Connecting-IP", fmt.Sprintf("203.0.113.%d", i))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		lat = append(lat, time.Since(t0))
		if resp.StatusCode != 201 {
			t.Fatalf("POST variant %d: %d", i, resp.StatusCode)
		}
		t0 = time.Now()
		resp, err = client.Get(base + "/api/share/" + id)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		lat = append(lat, time.Since(t0))
		if resp.StatusCode != 200 || !bytes.Equal(body, canon) {
			t.Fatalf("GET variant %d: %d %.80q", i, resp.StatusCode, body)
		}
	}
	slices.Sort(lat)
	p50 := lat[len(lat)/2]
	workerLimits(t, base, client)
	t.Logf("wrangler dev: %d requests, p50 %v, p90 %v, max %v", len(lat), p50, lat[len(lat)*9/10], lat[len(lat)-1])
	if os.Getenv("NETPLAY_BENCH") != "" {
		fmt.Printf("BENCH share_worker_p50_ms %.2f ms\n", float64(p50.Microseconds())/1000)
		fmt.Printf("BENCH worker_wasm_gzip_bytes %d bytes\n", wranglerGz)
	}
}

// testPerDay and testPerClient are SHARES_PER_DAY and
// SHARES_PER_CLIENT_DAY under test (a client's part under the 60 posts a
// minute of the rate limit).
const testPerDay, testPerClient = 250, 30

// workerLimits plays the quota cases against the Worker: clients are told
// apart by CF-Connecting-IP (Cloudflare's edge sets it; wrangler dev
// passes what the test sends).
func workerLimits(t *testing.T, base string, client *http.Client) {
	ip := func(s string) map[string]string { return map[string]string{"CF-Connecting-IP": s} }
	from := func(s string) func(int) map[string]string { return func(int) map[string]string { return ip(s) } }
	t.Run("class of 40", func(t *testing.T) {
		sharetest.Class(t, base, client, 40, 10000, ip("198.51.100.1"))
	})
	t.Run("flood", func(t *testing.T) {
		// The rate limiting binding (60 a minute, counted in fixed
		// minutes): refused after 60, or up to 120 when a minute turned.
		n := sharetest.Until(t, base, client, 200, func(int) []byte { return []byte(sharetest.Scenario) }, from("198.51.100.2"), "too many shares from your address")
		if n < 60 || n > 120 {
			t.Errorf("refused after %d posts, want 60 to 120", n)
		}
		if status, msg, _ := sharetest.Post(t, base, client, []byte(sharetest.Scenario), ip("198.51.100.3")); status != 201 {
			t.Errorf("another address during the flood: %d %q", status, msg)
		}
	})
	t.Run("client's part of the day", func(t *testing.T) {
		// Every new share so far came from other addresses: this one
		// gets exactly its part (its count is exact; the day's may have
		// lost a few concurrent updates).
		n := sharetest.Until(t, base, client, testPerDay, func(i int) []byte { return sharetest.Variant(20000 + i) }, from("198.51.100.4"), "your address has made")
		if n != testPerClient {
			t.Errorf("one address made %d new links before its refusal, want %d", n, testPerClient)
		}
	})
	t.Run("day's budget", func(t *testing.T) {
		// Addresses after addresses, each under its part, until the day's.
		rotate := func(i int) map[string]string { return ip(fmt.Sprintf("192.0.2.%d", i/(testPerClient-1))) }
		n := sharetest.Until(t, base, client, testPerDay, func(i int) []byte { return sharetest.Variant(30000 + i) }, rotate, "share quota for today")
		t.Logf("the day's budget of %d ran out %d new links later", testPerDay, n)
		// Sharing a stored scenario still works (no KV write).
		if status, msg, _ := sharetest.Post(t, base, client, sharetest.Variant(20000), ip("198.51.100.6")); status != 201 {
			t.Errorf("re-sharing a stored scenario after the budget: %d %q", status, msg)
		}
	})
}

// TestWorkerDeps keeps the Worker small: it must not pull in the
// playground (gVisor, the C front end, go-app), which alone is larger than
// the Worker size limit. Needs only the go tool.
func TestWorkerDeps(t *testing.T) {
	tier.Need(t, tier.Wasm) // a nested go list
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range []string{"gvisor.dev/", "modernc.org/", "github.com/maxence-charriere/go-app", "netplay/stack/vnet", "netplay/stack/c", "netplay/app/page"} {
			if strings.HasPrefix(dep, bad) {
				t.Errorf("the Worker depends on %s", dep)
			}
		}
	}
}

func run(t *testing.T, env []string, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir = env, dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, b)
	}
}

// gzipSize is the gzip (best compression) size of the files together, the
// measure Cloudflare's Worker size limit uses.
func gzipSize(t *testing.T, files ...string) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zw.Write(b)
	}
	zw.Close()
	return buf.Len()
}

// writeConfig turns the committed wrangler.jsonc into a config for this
// run: the same settings, with main and the assets directory pointing at
// this run's build.
func writeConfig(t *testing.T, out, site string) string {
	src, err := os.ReadFile("wrangler.jsonc")
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(stripComments(src), &cfg); err != nil {
		t.Fatalf("wrangler.jsonc: %v", err)
	}
	delete(cfg, "$schema")
	cfg["main"] = filepath.Join(out, "worker.mjs")
	assets, ok := cfg["assets"].(map[string]any)
	if !ok {
		t.Fatal("wrangler.jsonc has no assets section")
	}
	assets["directory"] = site
	// A smaller day's budget than the deployed one, so the test reaches it.
	cfg["vars"] = map[string]any{"SHARES_PER_DAY": strconv.Itoa(testPerDay), "SHARES_PER_CLIENT_DAY": strconv.Itoa(testPerClient)}
	b, _ := json.MarshalIndent(cfg, "", "  ")
	path := filepath.Join(out, "wrangler.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// stripComments removes // and /* */ comments outside strings (JSONC).
func stripComments(b []byte) []byte {
	var out []byte
	inStr := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inStr:
			out = append(out, c)
			if c == '\\' && i+1 < len(b) {
				i++
				out = append(out, b[i])
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
			out = append(out, c)
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			i += 2
			for i+1 < len(b) && !(b[i] == '*' && b[i+1] == '/') {
				i++
			}
			i++
		default:
			out = append(out, c)
		}
	}
	return out
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startWrangler runs `wrangler dev` on 127.0.0.1 in its own process group
// and returns its base URL once the API answers. The group is stopped when
// the test ends.
func startWrangler(t *testing.T, wrangler, cfg string) string {
	port, inspector := freePort(t), freePort(t)
	log := new(syncBuffer)
	cmd := exec.Command(wrangler, "dev", "--config", cfg,
		"--ip", "127.0.0.1", "--port", strconv.Itoa(port),
		"--inspector-ip", "127.0.0.1", "--inspector-port", strconv.Itoa(inspector),
		"--persist-to", t.TempDir(), "--show-interactive-dev-session=false", "--live-reload=false")
	cmd.Env = offlineEnv(t)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		pgid := cmd.Process.Pid
		syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-pgid, syscall.SIGKILL)
			<-exited
		}
		if t.Failed() {
			t.Logf("wrangler dev output:\n%s", log.String())
		}
	})

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/share/0000000000A", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusNotFound {
				return base
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("wrangler dev exited: %v\n%s", err, log.String())
		case <-ctx.Done():
			t.Fatalf("wrangler dev did not answer on %s within 90 s\n%s", base, log.String())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the process's writes and the
// test's reads at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
