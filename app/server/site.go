package server

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// GenerateSite writes the playground as a static website into outDir: the
// prerendered index.html, go-app's app.js, wasm_exec.js, service worker and
// manifest, and the web directory's files under web/ (static hosts such as
// Cloudflare compress on their own). Any static host can serve it (the page then makes #s= links; a
// short link fails with a clear message); the Cloudflare Worker serves it
// as its static assets and adds the share API.
func GenerateSite(webDir, outDir string) error {
	s, err := New(Options{WebDir: webDir, Share: shareMarker{}})
	if err != nil {
		return err
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(outDir, s.page); err != nil {
		return fmt.Errorf("generate static site: %v", err)
	}
	for _, name := range sortedKeys(s.statics.assets) {
		a := s.statics.assets[name]
		p := filepath.Join(outDir, "web", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, a.raw, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// shareMarker stands for the share API while the site is generated: the
// page is prerendered with the short-link button, which the Worker serves.
type shareMarker struct{}

func (shareMarker) ServeHTTP(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
