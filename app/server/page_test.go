package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"netplay/app/securityheaders"
	"netplay/app/share"
)

func body(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPageETags: the page is the same bytes every time; "/" and each
// "/s/{id}" differ in their og:url only; the ETag is a digest of the
// bytes sent, so one page's ETag never gets a 304 for another.
func TestPageETags(t *testing.T) {
	s, err := New(Options{WebDir: webDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	s2, err := New(Options{WebDir: webDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	home := get(t, s, "GET", "/", nil)
	homeBody := body(t, home)
	if again := body(t, get(t, s2, "GET", "/", nil)); !bytes.Equal(again, homeBody) {
		t.Fatalf("two servers prerender different bytes for /")
	}
	// Pinch-zoom is allowed (go-app's own viewport forbids it).
	if !bytes.Contains(homeBody, zoomableViewport) || bytes.Contains(homeBody, []byte("user-scalable")) {
		t.Errorf("the page's viewport tag is not %s", zoomableViewport)
	}
	sum := sha256.Sum256(homeBody)
	if want := `"` + hex.EncodeToString(sum[:12]) + `"`; home.Header.Get("ETag") != want {
		t.Errorf("ETag %s, want the digest of the page's bytes %s", home.Header.Get("ETag"), want)
	}
	link := get(t, s, "GET", "/s/0123456789a", nil)
	linkBody := body(t, link)
	if link.Header.Get("ETag") == home.Header.Get("ETag") {
		t.Errorf("/ and /s/{id} share the ETag %s though their bytes differ", home.Header.Get("ETag"))
	}
	if !bytes.Contains(linkBody, []byte(`<meta content="http://localhost:8080/s/0123456789a" property="og:url">`)) {
		t.Errorf("/s/{id}'s og:url is not its own URL")
	}
	if got := bytes.Replace(linkBody, []byte("/s/0123456789a\" property"), []byte("/\" property"), 1); !bytes.Equal(got, homeBody) {
		t.Errorf("/s/{id} differs from / beyond og:url")
	}
	// A revalidation with another page's ETag gets that page's bytes.
	if r := get(t, s, "GET", "/s/0123456789a", map[string]string{"If-None-Match": home.Header.Get("ETag")}); r.StatusCode != 200 {
		t.Errorf("/s/{id} with /'s ETag: %d, want 200", r.StatusCode)
	}
	if r := get(t, s, "GET", "/", map[string]string{"If-None-Match": home.Header.Get("ETag")}); r.StatusCode != 304 {
		t.Errorf("/ with its own ETag: %d, want 304", r.StatusCode)
	}
	if r := get(t, s, "GET", "/nothing", map[string]string{"If-None-Match": home.Header.Get("ETag")}); r.StatusCode != 404 || r.Header.Get("ETag") != "" {
		t.Errorf("a 404 with the page's ETag: %d, ETag %q", r.StatusCode, r.Header.Get("ETag"))
	}
	// The compressed page has an ETag of its own, stable too.
	gz1 := get(t, s, "GET", "/", map[string]string{"Accept-Encoding": "gzip"})
	gz2 := get(t, s, "GET", "/", map[string]string{"Accept-Encoding": "gzip"})
	if e := gz1.Header.Get("ETag"); e == home.Header.Get("ETag") || e != gz2.Header.Get("ETag") || !bytes.Equal(body(t, gz1), body(t, gz2)) {
		t.Errorf("gzip ETags %q and %q (identity %q)", gz1.Header.Get("ETag"), gz2.Header.Get("ETag"), home.Header.Get("ETag"))
	}
	// go-app's files as well.
	for _, p := range []string{"/app.js", "/app-worker.js", "/wasm_exec.js", "/web/app.wasm"} {
		a, b := get(t, s, "GET", p, nil), get(t, s2, "GET", p, nil)
		if a.Header.Get("ETag") != b.Header.Get("ETag") || a.Header.Get("ETag") == home.Header.Get("ETag") {
			t.Errorf("%s: ETags %q and %q", p, a.Header.Get("ETag"), b.Header.Get("ETag"))
		}
	}
	// The prerender is canonical: attributes in order, no false booleans
	// (HTML reads selected="false" as selected).
	for _, bad := range []string{` selected="false"`, ` checked="false"`, ` disabled="false"`, `\"`} {
		if bytes.Contains(homeBody, []byte(bad)) {
			t.Errorf("the page holds %s", bad)
		}
	}
	if !bytes.Contains(homeBody, []byte(`<script defer src="/web/editor.js"></script>`)) {
		t.Errorf("the editor script tag is not canonical")
	}
}

// TestSecurityHeaders: every answer, page, script, file, API, error,
// carries the security headers.
func TestSecurityHeaders(t *testing.T) {
	s, err := New(Options{WebDir: webDir(t), Share: share.NewHandler(share.NewMemStore())})
	if err != nil {
		t.Fatal(err)
	}
	csp := securityheaders.ContentSecurityPolicy
	for _, want := range []string{"frame-ancestors 'none'", "'wasm-unsafe-eval'", "worker-src 'self' blob:"} {
		if !strings.Contains(csp, want) {
			t.Errorf("the CSP lacks %s", want)
		}
	}
	for _, tc := range []struct{ method, path string }{
		{"GET", "/"}, {"HEAD", "/"}, {"GET", "/s/0123456789a"}, {"GET", "/app.js"}, {"GET", "/app-worker.js"},
		{"GET", "/wasm_exec.js"}, {"GET", "/manifest.webmanifest"}, {"GET", "/app.css"}, {"GET", "/web/boot.js"},
		{"GET", "/web/engine.js"}, {"GET", "/web/editor.js"}, {"GET", "/web/app.wasm"}, {"GET", "/api/share/0123456789a"},
		{"GET", "/robots.txt"}, {"TRACE", "/"}, {"POST", "/"},
	} {
		resp := get(t, s, tc.method, tc.path, map[string]string{"Accept-Encoding": "br"})
		for _, kv := range securityheaders.List {
			if got := resp.Header.Get(kv[0]); got != kv[1] {
				t.Errorf("%s %s (%d): %s %q, want %q", tc.method, tc.path, resp.StatusCode, kv[0], got, kv[1])
			}
		}
	}
}

// TestRequestsThatGetNoPage: TRACE and POST on the page, unknown paths,
// a short link with a malformed or enormous id, and a Host the server
// does not answer for.
func TestRequestsThatGetNoPage(t *testing.T) {
	s, err := New(Options{WebDir: webDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	long := "/s/" + strings.Repeat("A", 900<<10)
	for _, tc := range []struct {
		method, path, host string
		status             int
		allow              string
	}{
		{"TRACE", "/", "localhost", 405, "GET, HEAD"},
		{"POST", "/", "localhost", 405, "GET, HEAD"},
		{"PUT", "/s/0123456789a", "localhost", 405, "GET, HEAD"},
		{"OPTIONS", "/app.js", "localhost", 405, "GET, HEAD"},
		{"DELETE", "/web/app.wasm", "localhost", 405, "GET, HEAD"},
		{"GET", long, "localhost", 404, ""},
		{"GET", "/s/0123456789", "localhost", 404, ""},
		{"GET", "/s/0123456789a/x", "localhost", 404, ""},
		{"GET", "/robots.txt", "localhost", 404, ""}, // go-app would fetch it from the Host
		{"GET", "/index.html", "localhost", 404, ""},
		{"GET", "/", "evil.example", 421, ""},
		{"GET", "/", "evil.example:8080", 421, ""},
		{"GET", "/", "localhost:8080x", 421, ""},
		{"GET", "/web/app.wasm", "127.0.0.1.evil.example", 421, ""},
		{"GET", "/", "127.0.0.1", 421, ""}, // no connection to compare with: only names count
	} {
		r := httptest.NewRequest(tc.method, "/", nil)
		r.URL.Path, r.Host = tc.path, tc.host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != tc.status || w.Header().Get("Allow") != tc.allow || w.Body.Len() > 200 {
			t.Errorf("%s %.40s (Host %s): %d Allow %q, %d bytes; want %d Allow %q and a short body", tc.method, tc.path, tc.host, w.Code, w.Header().Get("Allow"), w.Body.Len(), tc.status, tc.allow)
		}
		if strings.Contains(w.Body.String(), "AAAA") || strings.Contains(w.Body.String(), "evil") {
			t.Errorf("%s %.40s: the answer echoes the request: %q", tc.method, tc.path, w.Body.String())
		}
	}
}

// TestHostAllowList: names from Options.Hosts and Origin, and the address
// a request arrived on; og:url from the origin when there is one.
func TestHostAllowList(t *testing.T) {
	s, err := New(Options{WebDir: webDir(t), Hosts: []string{"lab.example"}, Origin: "https://netplay.example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	local := func(ip string) context.Context {
		return context.WithValue(context.Background(), http.LocalAddrContextKey, &net.TCPAddr{IP: net.ParseIP(ip), Port: 8080})
	}
	for _, tc := range []struct {
		host, arrived string
		status        int
	}{
		{"lab.example", "", 200}, {"LAB.example.:8080", "", 200}, {"netplay.example.org", "", 200},
		{"localhost", "", 421}, // Hosts replaces the default
		{"10.1.2.3:8080", "10.1.2.3", 200}, {"[::1]:8080", "::1", 200},
		{"10.1.2.3", "10.1.2.4", 421}, {"evil.example", "10.1.2.3", 421},
	} {
		r := httptest.NewRequest("GET", "/s/0123456789a", nil)
		if tc.arrived != "" {
			r = r.WithContext(local(tc.arrived))
		}
		r.Host = tc.host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != tc.status {
			t.Errorf("Host %s arriving at %s: %d, want %d", tc.host, tc.arrived, w.Code, tc.status)
		}
		if w.Code == 200 && !strings.Contains(w.Body.String(), `<meta content="https://netplay.example.org/s/0123456789a" property="og:url">`) {
			t.Errorf("Host %s: og:url not from the origin", tc.host)
		}
	}
	for _, bad := range []string{"netplay.example.org", "ftp://x", "https://x/path", "https://x?q", "https://"} {
		if _, err := New(Options{WebDir: webDir(t), Origin: bad}); err == nil || !strings.Contains(err.Error(), "scheme://host") {
			t.Errorf("Origin %q: %v", bad, err)
		}
	}
}

// TestSite: the static site is deterministic, with the security headers
// in _headers and og:url from --origin (none without).
func TestSite(t *testing.T) {
	web := webDir(t)
	a, b := t.TempDir(), t.TempDir()
	if err := GenerateSite(web, a, ""); err != nil {
		t.Fatal(err)
	}
	if err := GenerateSite(web, b, "https://netplay.example.org"); err != nil {
		t.Fatal(err)
	}
	read := func(dir, name string) string {
		t.Helper()
		x, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(x)
	}
	for _, name := range []string{"app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "app.css", "web/app.wasm", "web/boot.js"} {
		if read(a, name) != read(b, name) {
			t.Errorf("%s differs between two generations", name)
		}
	}
	if strings.Contains(read(a, "index.html"), "og:url") || !strings.Contains(read(b, "index.html"), `<meta content="https://netplay.example.org/" property="og:url">`) {
		t.Errorf("og:url: without origin %v, with %v", strings.Contains(read(a, "index.html"), "og:url"), strings.Contains(read(b, "index.html"), "netplay.example.org"))
	}
	h := read(a, "_headers")
	for _, kv := range securityheaders.List {
		if !strings.Contains(h, "\n  "+kv[0]+": "+kv[1]+"\n") {
			t.Errorf("_headers lacks %s", kv[0])
		}
	}
	if !strings.HasPrefix(strings.SplitN(h, "\n", 3)[1], "/*") {
		t.Errorf("_headers does not cover every path:\n%s", h)
	}
}
