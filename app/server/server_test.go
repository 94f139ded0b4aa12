package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"netplay/app/share"
)

// webDir writes a web directory for tests: a fake app.wasm (compressible
// bytes with the wasm magic), editor.js, app.css and the engine's scripts.
func webDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("netplay wasm body "), 4000)...)
	files := map[string][]byte{
		"app.wasm":  wasm,
		"editor.js": []byte(strings.Repeat("window.netplayEditor = {};\n", 100)),
		"app.css":   []byte(strings.Repeat(".np-page { display: grid; }\n", 50)),
		"tiny.txt":  []byte("hi"),
		"boot.js":   []byte("// boot\n"),
		"engine.js": []byte("// engine\n"),
	}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Sources of the editor bundle are not served.
	os.MkdirAll(filepath.Join(dir, "editor"), 0o755)
	os.WriteFile(filepath.Join(dir, "editor", "package.json"), []byte("{}"), 0o644)
	return dir
}

func get(t *testing.T, h http.Handler, method, path string, hdr map[string]string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, path, nil)
	r.Host = "localhost:8080"
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func TestStatic(t *testing.T) {
	dir := webDir(t)
	s, err := New(Options{WebDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "app.wasm"))

	tests := []struct {
		path, accept string
		wantType     string
		wantEnc      string
		wantStatus   int
	}{
		{"/web/app.wasm", "gzip, deflate, br", "application/wasm", "br", 200},
		{"/web/app.wasm", "gzip", "application/wasm", "gzip", 200},
		{"/web/app.wasm", "br;q=0, gzip", "application/wasm", "gzip", 200},
		{"/web/app.wasm", "", "application/wasm", "", 200},
		{"/app.wasm", "br", "application/wasm", "br", 200},
		{"/web/editor.js", "br", "text/javascript; charset=utf-8", "br", 200},
		{"/web/app.css", "gzip", "text/css; charset=utf-8", "gzip", 200},
		{"/web/tiny.txt", "br, gzip", "text/plain; charset=utf-8", "", 200},
		{"/web/editor/package.json", "", "", "", 404},
		{"/web/../go.mod", "", "", "", 404},
		{"/web/nothing.js", "", "", "", 404},
	}
	for _, tt := range tests {
		resp := get(t, s, "GET", tt.path, map[string]string{"Accept-Encoding": tt.accept})
		if resp.StatusCode != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.wantStatus)
			continue
		}
		if tt.wantStatus != 200 {
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != tt.wantType {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, got, tt.wantType)
		}
		if got := resp.Header.Get("Content-Encoding"); got != tt.wantEnc {
			t.Errorf("%s accept %q: Content-Encoding %q, want %q", tt.path, tt.accept, got, tt.wantEnc)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" || resp.Header.Get("ETag") == "" {
			t.Errorf("%s: Cache-Control %q ETag %q", tt.path, cc, resp.Header.Get("ETag"))
		}
		if strings.HasSuffix(tt.path, "app.wasm") {
			body, _ := io.ReadAll(resp.Body)
			var plain []byte
			switch tt.wantEnc {
			case "br":
				plain, _ = io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
			case "gzip":
				zr, _ := gzip.NewReader(bytes.NewReader(body))
				plain, _ = io.ReadAll(zr)
			default:
				plain = body
			}
			if !bytes.Equal(plain, raw) {
				t.Errorf("%s (%s): body does not decode to app.wasm", tt.path, tt.wantEnc)
			}
			if tt.wantEnc != "" && (len(body) >= len(raw)/4 || resp.Header.Get(RawLengthHeader) != strconv.Itoa(len(raw))) {
				t.Errorf("%s (%s): %d bytes of %d, raw length header %q", tt.path, tt.wantEnc, len(body), len(raw), resp.Header.Get(RawLengthHeader))
			}
		}
	}

	// A repeat visit revalidates: 304 with no body.
	first := get(t, s, "GET", "/web/app.wasm", map[string]string{"Accept-Encoding": "br"})
	again := get(t, s, "GET", "/web/app.wasm", map[string]string{"Accept-Encoding": "br", "If-None-Match": first.Header.Get("ETag")})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", again.StatusCode)
	}
	if resp := get(t, s, "POST", "/web/app.wasm", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST to a static file: %d", resp.StatusCode)
	}
}

func TestPrecompressedSidecars(t *testing.T) {
	dir := webDir(t)
	// make writes app.wasm.br at the best level; the server uses it as is.
	raw, _ := os.ReadFile(filepath.Join(dir, "app.wasm"))
	best := Brotli(raw, 11)
	os.WriteFile(filepath.Join(dir, "app.wasm.br"), best, 0o644)
	s, err := New(Options{WebDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Sizes()["app.wasm"][2]; got != len(best) {
		t.Errorf("brotli size %d, want the sidecar's %d", got, len(best))
	}
	if _, ok := s.Sizes()["app.wasm.br"]; ok {
		t.Errorf("sidecar served as a file of its own")
	}
}

func TestPageAndShare(t *testing.T) {
	s, err := New(Options{WebDir: webDir(t), Share: share.NewHandler(share.NewMemStore())})
	if err != nil {
		t.Fatal(err)
	}
	resp := get(t, s, "GET", "/", nil)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "/web/app.css") || !strings.Contains(string(body), `class="np-editor-text"`) {
		t.Errorf("page: %d\n%s", resp.StatusCode, body)
	}
	// app.wasm is fetched by the engine worker (web/engine.js): a preload
	// in the page would be a second download.
	if strings.Contains(string(body), `rel="preload" href="/web/app.wasm"`) {
		t.Errorf("the page preloads app.wasm")
	}
	// boot.js runs as it is parsed (before go-app's deferred loader); the
	// editor bundle waits for the end of parsing.
	if tag := scriptTag(string(body), "/web/boot.js"); tag == "" || strings.Contains(tag, "defer") {
		t.Errorf("boot.js script tag %q, want one that is not deferred", tag)
	}
	if tag := scriptTag(string(body), "/web/editor.js"); !strings.Contains(tag, " defer") {
		t.Errorf("editor.js script tag %q, want a deferred one", tag)
	}
	// The page is prerendered with the playground's toolbar.
	if !strings.Contains(string(body), `id="np-run"`) {
		t.Errorf("page not prerendered")
	}
	if resp := get(t, s, "GET", "/s/0123456789a", nil); resp.StatusCode != 200 {
		t.Errorf("short-link page: %d", resp.StatusCode)
	}
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest"} {
		if resp := get(t, s, "GET", p, nil); resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	// Offline, the service worker must hold every script the page and the
	// engine worker load, by their plain URLs.
	sw, _ := io.ReadAll(get(t, s, "GET", "/app-worker.js", nil).Body)
	for _, u := range []string{`"/web/boot.js"`, `"/web/editor.js"`, `"/web/engine.js"`, `"/wasm_exec.js"`, `"/web/app.wasm"`} {
		if !strings.Contains(string(sw), u) {
			t.Errorf("app-worker.js does not cache %s", u)
		}
	}
	// The share API is mounted.
	r := httptest.NewRequest("POST", "/api/share", strings.NewReader(`{"version":1,"hosts":[{"name":"a"}]}`))
	r.Host = "localhost"
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusCreated {
		t.Errorf("POST /api/share: %d %s", w.Code, w.Body)
	}

	// Without a share handler the API is absent and the page offers no short links.
	s2, _ := New(Options{WebDir: webDir(t)})
	if resp := get(t, s2, "POST", "/api/share", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("no share API: %d", resp.StatusCode)
	}
}

func TestMissingBuild(t *testing.T) {
	dir := t.TempDir()
	if _, err := New(Options{WebDir: dir}); err == nil || !strings.Contains(err.Error(), "run make") {
		t.Errorf("empty web dir: %v", err)
	}
}

func TestAcceptsEncoding(t *testing.T) {
	for _, tt := range []struct {
		h, enc string
		want   bool
	}{
		{"gzip, br", "br", true}, {"gzip", "br", false}, {"br;q=0", "br", false}, {"BR;q=0.5", "br", true}, {"", "gzip", false},
	} {
		if got := acceptsEncoding(tt.h, tt.enc); got != tt.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v", tt.h, tt.enc, got)
		}
	}
}

// scriptTag returns the <script> tag of the page that loads src ("" when
// none does); go-app writes its attributes in any order.
func scriptTag(page, src string) string {
	for _, tag := range strings.SplitAfter(page, ">") {
		if i := strings.LastIndex(tag, "<script"); i >= 0 && strings.Contains(tag[i:], `src="`+src+`"`) {
			return tag[i:]
		}
	}
	return ""
}

// TestPageCompressed: the page and go-app's own files go out compressed
// to a client that takes gzip, and unchanged to one that does not.
func TestPageCompressed(t *testing.T) {
	s, err := New(Options{WebDir: webDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/app.js", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest", "/app.css"} {
		plain := get(t, s, "GET", p, nil)
		want, _ := io.ReadAll(plain.Body)
		if plain.StatusCode != 200 || plain.Header.Get("Content-Encoding") != "" || len(want) == 0 {
			t.Errorf("%s without gzip: %d %q, %d bytes", p, plain.StatusCode, plain.Header.Get("Content-Encoding"), len(want))
			continue
		}
		resp := get(t, s, "GET", p, map[string]string{"Accept-Encoding": "gzip, deflate"})
		if len(want) < 512 {
			continue
		}
		if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Content-Encoding %q, Vary %q", p, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
			continue
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || resp.Header.Get("Content-Length") == "" {
			t.Fatalf("%s: %v, Content-Length %q", p, err, resp.Header.Get("Content-Length"))
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: gzip body differs from the plain one (%d vs %d bytes)", p, len(got), len(want))
		}
	}
}
