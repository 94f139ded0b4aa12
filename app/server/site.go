package server

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"netplay/app/securityheaders"
)

// GenerateSite writes the playground as a static website into outDir: the
// prerendered index.html (og:url from origin, none when origin is ""),
// go-app's app.js, wasm_exec.js, service worker, manifest and CSS, the web
// directory's files under web/ (static hosts such as Cloudflare compress
// on their own), and a _headers file that gives every file the security
// headers on hosts that read one (Cloudflare Workers static assets,
// Pages, Netlify). Any static host can serve it (the page then makes #s=
// links; a short link fails with a clear message); the Cloudflare Worker
// serves it as its static assets and adds the share API. The same inputs
// give the same bytes.
func GenerateSite(webDir, outDir, origin string) error {
	if origin != "" {
		var err error
		if origin, err = ParseOrigin(origin); err != nil {
			return err
		}
	}
	s, err := New(Options{WebDir: webDir, Share: shareMarker{}})
	if err != nil {
		return err
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	og := ""
	if origin != "" {
		og = origin + "/"
	}
	files := map[string][]byte{"index.html": s.page.bytes(og), HeadersFile: []byte(HeadersFileText())}
	for p, a := range s.root {
		files[strings.TrimPrefix(p, "/")] = a.raw
	}
	for name, a := range s.statics.assets {
		files["web/"+name] = a.raw
	}
	for _, name := range sortedKeys(files) {
		p := filepath.Join(outDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("static site: %v", err)
		}
	}
	return nil
}

// HeadersFile is the static site's headers file (Cloudflare's and
// Netlify's format: a path pattern, then indented "Name: value" lines).
const HeadersFile = "_headers"

// HeadersFileText gives every path the security headers.
func HeadersFileText() string {
	var b strings.Builder
	b.WriteString("# Written by netplay site (app/server/site.go): the security headers of every response.\n/*\n")
	for _, kv := range securityheaders.List {
		fmt.Fprintf(&b, "  %s: %s\n", kv[0], kv[1])
	}
	return b.String()
}

// shareMarker stands for the share API while the site is generated: the
// page is prerendered with the short-link button, which the Worker serves.
type shareMarker struct{}

func (shareMarker) ServeHTTP(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
