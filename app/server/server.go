// Package server serves the playground: the go-app page (prerendered HTML,
// app.js, the service worker, the manifest), the static files of the web
// directory from memory, precompressed (brotli and gzip), and the share API
// when one is given. `netplay serve` and the native side of
// wasm/playground use it.
package server

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/page"
)

// Options configure the server.
type Options struct {
	// WebDir holds app.wasm, editor.js and app.css (make builds them).
	WebDir string
	// Share serves the share API under /api/share; nil serves none (the
	// page still makes #s= links).
	Share http.Handler
}

// Server is the playground's HTTP handler.
type Server struct {
	page    *app.Handler
	statics *statics
	share   http.Handler
	// Version is the app version the page and its service worker carry: a
	// digest of the web directory's files.
	Version string
}

var _ http.Handler = (*Server)(nil)

// Required are the files the web directory must hold.
var Required = []string{"app.wasm", "editor.js", "app.css", "boot.js", "engine.js"}

// New loads the web directory into memory (compressing what make did not
// precompress) and returns the server.
func New(opt Options) (*Server, error) {
	st, err := loadStatics(opt.WebDir, "/web/")
	if err != nil {
		return nil, err
	}
	for _, n := range Required {
		if st.assets[n] == nil {
			return nil, fmt.Errorf("web dir %s has no %s: run make first", opt.WebDir, n)
		}
	}
	cfg := page.Config{}
	if opt.Share != nil {
		cfg.ShareAPI = "/api/share"
	}
	// The routes let go-app prerender the page on the server; the runner is
	// the browser's business.
	page.Routes(cfg)
	s := &Server{statics: st, share: opt.Share, Version: st.hash()}
	s.page = &app.Handler{
		Name:            "netplay",
		ShortName:       "netplay",
		Title:           "netplay — network playground",
		Description:     "Write C socket programs for several virtual hosts and watch the TCP handshake on a sequence diagram.",
		Lang:            "en",
		BackgroundColor: "#f7f7f5",
		ThemeColor:      "#24292f",
		LoadingLabel:    "netplay {progress}%",
		// Local icons: go-app's default ones are on GitHub, and the service
		// worker caches the icons, so one it cannot fetch (offline, a
		// classroom behind a firewall) would keep the page from working
		// offline at all.
		Icon:   app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg"},
		Styles: []string{"/web/app.css"},
		// boot.js runs before go-app's loader and starts the engine worker
		// (web/engine.js), which downloads and compiles app.wasm for both
		// (see boot.js); the editor bundle is only needed once the wasm
		// runs, so it does not hold up parsing.
		Scripts:                 []string{"/web/boot.js", "/web/editor.js defer"},
		CacheableResources:      []string{"/web/engine.js"},
		Version:                 s.Version,
		WasmContentLengthHeader: RawLengthHeader,
		Resources:               app.LocalDir(""),
	}
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/api/share" || strings.HasPrefix(p, "/api/"):
		if s.share == nil {
			http.Error(w, "this server stores no short links", http.StatusNotFound)
			return
		}
		s.share.ServeHTTP(w, r)
		return
	case strings.HasPrefix(p, "/web/") || p == "/app.wasm" || p == "/goapp.wasm":
		if p == "/app.wasm" || p == "/goapp.wasm" {
			p = "/web/app.wasm"
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if a := s.statics.get(p); a != nil {
			a.serve(w, r)
			return
		}
		http.NotFound(w, r)
		return
	}
	gzipPage(s.page, w, r)
}

// Sizes returns each static file's raw, gzip and brotli sizes (for logs and
// benchmarks).
func (s *Server) Sizes() map[string][3]int {
	m := map[string][3]int{}
	for n, a := range s.statics.assets {
		m[n] = [3]int{len(a.raw), len(a.gz), len(a.br)}
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
