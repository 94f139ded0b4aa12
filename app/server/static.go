package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"netplay/app/securityheaders"
)

// asset is one static file held in memory with its compressed forms.
type asset struct {
	name  string
	ctype string
	etag  string // content hash, quoted
	raw   []byte
	gz    []byte // nil when compression does not pay
	br    []byte
}

// compressible lists the extensions worth compressing.
var compressible = map[string]bool{".wasm": true, ".js": true, ".css": true, ".svg": true, ".json": true, ".html": true, ".txt": true, ".map": true, ".webmanifest": true}

// contentTypes overrides mime's table where it matters for browsers
// (WebAssembly.instantiateStreaming needs application/wasm).
var contentTypes = map[string]string{
	".wasm":        "application/wasm",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".svg":         "image/svg+xml",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".html":        "text/html; charset=utf-8",
	".png":         "image/png",
	".txt":         "text/plain; charset=utf-8",
}

func contentType(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// BrotliQuality is the brotli level used when no .br file was built ahead
// of time (make precompresses at the best level; this keeps startup short).
const BrotliQuality = 6

// loadAsset reads dir/name and its compressed forms: name.br and name.gz
// next to it when they are at least as new (make writes them), else it
// compresses in memory.
func loadAsset(dir, name string) (*asset, error) {
	p := filepath.Join(dir, filepath.FromSlash(name))
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	side := func(ext string) []byte {
		s, err := os.Stat(p + ext)
		if err != nil || s.ModTime().Before(st.ModTime()) {
			return nil
		}
		b, err := os.ReadFile(p + ext)
		if err != nil {
			return nil
		}
		return b
	}
	return newAsset(name, raw, side), nil
}

// newAsset holds raw as the file name with its compressed forms: those
// side returns for ".gz" and ".br" (nil side: none), else compressed here.
func newAsset(name string, raw []byte, side func(ext string) []byte) *asset {
	a := &asset{name: name, ctype: contentType(name), raw: raw, etag: contentETag(raw)}
	if !compressible[strings.ToLower(filepath.Ext(name))] || len(raw) < 512 {
		return a
	}
	if side == nil {
		side = func(string) []byte { return nil }
	}
	var wg sync.WaitGroup
	if a.gz = side(".gz"); a.gz == nil {
		wg.Add(1)
		go func() { defer wg.Done(); a.gz = Gzip(raw) }()
	}
	if a.br = side(".br"); a.br == nil {
		wg.Add(1)
		go func() { defer wg.Done(); a.br = Brotli(raw, BrotliQuality) }()
	}
	wg.Wait()
	return a
}

// contentETag is a strong ETag for raw: a digest of its bytes, quoted.
// The compressed forms of the same bytes add "-br" or "-gz" inside the
// quotes (a strong ETag names one representation).
func contentETag(raw []byte) string {
	sum := sha256.Sum256(raw)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

func encodedETag(etag, enc string) string {
	if enc == "" {
		return etag
	}
	return strings.TrimSuffix(etag, `"`) + "-" + enc + `"`
}

// Gzip compresses b at the best level.
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// Brotli compresses b at quality (0..11).
func Brotli(b []byte, quality int) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, quality)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// acceptsEncoding reports whether the Accept-Encoding header allows enc
// (present, and not with q=0).
func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// RawLengthHeader carries the uncompressed size of a compressed response,
// so go-app's loader can show progress (Handler.WasmContentLengthHeader).
const RawLengthHeader = "X-Raw-Content-Length"

// serve writes a, compressed as the client accepts (brotli first), with
// the security headers. The URLs are not fingerprinted, so caches must
// revalidate: no-cache with a content ETag makes a repeat visit a cheap
// 304.
func (a *asset) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	securityheaders.Set(h)
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "no-cache")
	body, enc := a.raw, ""
	if a.gz != nil {
		h.Set("Vary", "Accept-Encoding")
		ae := r.Header.Get("Accept-Encoding")
		switch {
		case a.br != nil && acceptsEncoding(ae, "br"):
			body, enc = a.br, "br"
		case acceptsEncoding(ae, "gzip"):
			body, enc = a.gz, "gzip"
		}
		h.Set(RawLengthHeader, strconv.Itoa(len(a.raw)))
	}
	etag := encodedETag(a.etag, map[string]string{"": "", "br": "br", "gzip": "gz"}[enc])
	h.Set("ETag", etag)
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	// Each chunk gets the write timeout anew: a slow link still gets
	// app.wasm, a reader that stops is cut.
	for len(body) > 0 {
		n := min(len(body), WriteChunk)
		extendWrite(w, r)
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		body = body[n:]
	}
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// statics serves the files of a directory from memory under a URL prefix.
type statics struct {
	prefix string
	assets map[string]*asset // by name relative to the directory, slash-separated
}

// loadStatics reads every file of dir (not the .br/.gz sidecars, not
// folders starting with "." or named node_modules) into memory.
func loadStatics(dir, prefix string) (*statics, error) {
	s := &statics{prefix: prefix, assets: map[string]*asset{}}
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(base, ".") || base == "node_modules" || base == "editor") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(base, ".br") || strings.HasSuffix(base, ".gz") || strings.HasPrefix(base, ".") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := loadAsset(dir, n)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("web dir: %v", err)
				}
				return
			}
			s.assets[n] = a
		}()
	}
	wg.Wait()
	return s, firstErr
}

func (s *statics) get(urlPath string) *asset {
	name, ok := strings.CutPrefix(path.Clean(urlPath), s.prefix)
	if !ok {
		return nil
	}
	return s.assets[name]
}

// hash is a digest of every asset, used as the app version (the service
// worker updates when it changes).
func (s *statics) hash() string {
	h := sha256.New()
	for _, n := range sortedKeys(s.assets) {
		io.WriteString(h, n+"\x00"+s.assets[n].etag+"\x00")
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
