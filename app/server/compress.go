package server

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// gzipPage serves go-app's own responses (the prerendered page, app.js,
// wasm_exec.js, app-worker.js, its CSS and manifest: 40 kB together, about
// 10 kB compressed) gzip-compressed to clients that take it. They are
// made per request, so they are compressed per request; they are small.
func gzipPage(h http.Handler, w http.ResponseWriter, r *http.Request) {
	if !acceptsEncoding(r.Header.Get("Accept-Encoding"), "gzip") || r.Method != http.MethodGet {
		h.ServeHTTP(w, r)
		return
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(rec, r)
	out := w.Header()
	for k, v := range rec.header {
		out[k] = v
	}
	body := rec.body.Bytes()
	if rec.status == http.StatusOK && len(body) >= minCompress && compressibleType(rec.header.Get("Content-Type")) && rec.header.Get("Content-Encoding") == "" {
		if z := Gzip(body); len(z) < len(body) {
			body = z
			out.Set("Content-Encoding", "gzip")
			out.Add("Vary", "Accept-Encoding")
		}
	}
	out.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.status)
	w.Write(body)
}

// minCompress: below this a response is sent as it is (the gzip header
// and the CPU are not worth it).
const minCompress = 512

func compressibleType(ct string) bool {
	ct = strings.TrimSpace(strings.SplitN(ct, ";", 2)[0])
	switch {
	case strings.HasPrefix(ct, "text/"), ct == "application/javascript", ct == "application/json", ct == "application/manifest+json":
		return true
	}
	return false
}

// recorder keeps a handler's response in memory.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
