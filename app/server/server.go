// Package server serves the playground: the go-app page (prerendered once,
// canonical bytes, only og:url set per request), go-app's app.js, service
// worker and manifest, the static files of the web directory, all from
// memory, precompressed (brotli and gzip), with content ETags and the
// security headers, and the share API when one is given; only for the
// host names it is told (Options.Hosts). `netplay serve` and the native
// side of wasm/playground use it; Serve runs it with its connection
// limits.
package server

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/page"
	"netplay/app/securityheaders"
	"netplay/app/share"
	"netplay/stack/scenario"
)

// Options configure the server.
type Options struct {
	// WebDir holds app.wasm, editor.js and app.css (make builds them).
	WebDir string
	// Share serves the share API under /api/share; nil serves none (the
	// page still makes #s= links).
	Share http.Handler
	// Origin is the playground's public origin ("https://netplay.example.org",
	// see ParseOrigin) when it is served under a name of its own (behind a
	// proxy): the page's og:url is built from it and its host is allowed.
	// "" builds og:url from the request's Host, once that is allowed.
	Origin string
	// Hosts are the host names a request may name in its Host header (any
	// port); nil means DefaultHosts. The IP address a request arrived on is
	// always allowed. Any other Host gets 421: a page on another name whose
	// DNS now points here (DNS rebinding) names its own host.
	Hosts []string
}

// Server is the playground's HTTP handler.
type Server struct {
	goapp   *app.Handler
	page    *pageDoc
	root    map[string]*asset // go-app's own files (goappFiles), by URL path
	statics *statics
	share   http.Handler
	origin  string
	hosts   []string
	// Version is the app version the page and its service worker carry: a
	// digest of the web directory's files.
	Version string
}

var _ http.Handler = (*Server)(nil)

// Required are the files the web directory must hold.
var Required = []string{"app.wasm", "editor.js", "app.css", "boot.js", "engine.js"}

// New loads the web directory into memory (compressing what make did not
// precompress), prerenders the page and go-app's files, and returns the
// server.
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
	origin := ""
	if opt.Origin != "" {
		if origin, err = ParseOrigin(opt.Origin); err != nil {
			return nil, err
		}
	}
	hosts := opt.Hosts
	if hosts == nil {
		hosts = DefaultHosts
	}
	if origin != "" {
		hosts = append(slices.Clip(hosts), originHost(origin))
	}
	cfg := page.Config{}
	if opt.Share != nil {
		cfg.ShareAPI = "/api/share"
	}
	// The routes let go-app prerender the page on the server; the runner is
	// the browser's business.
	page.Routes(cfg)
	s := &Server{statics: st, share: opt.Share, origin: origin, hosts: hosts, Version: st.hash(), root: map[string]*asset{}}
	s.goapp = &app.Handler{
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
	if s.page, err = renderPage(s.goapp); err != nil {
		return nil, err
	}
	for _, name := range goappFiles {
		status, _, body, err := render(s.goapp, "/"+name)
		if err != nil {
			return nil, err
		}
		if status != http.StatusOK {
			return nil, fmt.Errorf("go-app's /%s: status %d", name, status)
		}
		s.root["/"+name] = newAsset(name, body, nil)
	}
	return s, nil
}

// ServeHTTP implements http.Handler. Every answer carries the security
// headers (package securityheaders).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !hostAllowed(r, s.hosts) {
		plain(w, http.StatusMisdirectedRequest, "421 misdirected request: this server does not answer for that host name (netplay serve --hosts adds names)")
		return
	}
	p := r.URL.Path
	if p == "/api/share" || strings.HasPrefix(p, "/api/") {
		securityheaders.Set(w.Header())
		if s.share == nil {
			http.Error(w, "this server stores no short links", http.StatusNotFound)
			return
		}
		s.share.ServeHTTP(w, r)
		return
	}
	if p == "/app.wasm" || p == "/goapp.wasm" {
		p = "/web/app.wasm"
	}
	a := s.root[p]
	if a == nil && strings.HasPrefix(p, "/web/") {
		a = s.statics.get(p)
	}
	isPage := p == "/" || strings.HasPrefix(p, share.PagePrefix) && scenario.ValidID(strings.TrimPrefix(p, share.PagePrefix))
	if a == nil && !isPage {
		plain(w, http.StatusNotFound, "404 page not found")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		plain(w, http.StatusMethodNotAllowed, "405 method not allowed")
		return
	}
	if a == nil {
		a = &asset{name: "index.html", ctype: "text/html; charset=utf-8", raw: s.page.bytes(s.ogURL(r, p))}
		a.etag = contentETag(a.raw)
		if acceptsEncoding(r.Header.Get("Accept-Encoding"), "gzip") {
			a.gz = Gzip(a.raw)
		}
	}
	a.serve(w, r)
}

// ogURL is the page's og:url: the public origin, else the request's
// (allowed) host, and the page's path.
func (s *Server) ogURL(r *http.Request, path string) string {
	if s.origin != "" {
		return s.origin + path
	}
	return "http://" + r.Host + path
}

// plain answers a short text with the security headers; nothing of the
// request is echoed.
func plain(w http.ResponseWriter, code int, msg string) {
	h := w.Header()
	securityheaders.Set(h)
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(msg)+1))
	w.WriteHeader(code)
	io.WriteString(w, msg+"\n")
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
