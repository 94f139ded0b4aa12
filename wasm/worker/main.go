//go:build js && wasm

// Command worker is netplay's Cloudflare Worker (github.com/syumai/workers):
// the static site (go-app's GenerateStaticWebsite output in build/site) is
// served by Workers static assets without running this code; the Worker
// runs only for the paths wrangler.jsonc lists in assets.run_worker_first:
//
//	/api/*  the share API (app/share) on the Workers KV namespace bound as SHARES
//	/s/*    a short link's page: the site's index page, which then loads
//	        the scenario from /api/share/{id}
//
// Build: see `make worker` (workers-assets-gen writes the JS glue into
// build/worker, then GOOS=js GOARCH=wasm go build -o build/worker/app.wasm).
// Each request runs in a fresh Go runtime, so nothing is kept between
// requests.
package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/fetch"

	"netplay/app/securityheaders"
	"netplay/app/share"
	"netplay/app/share/kvstore"
	"netplay/stack/scenario"
)

// The binding and variable names in wrangler.jsonc.
const (
	kvBinding     = "SHARES"
	assetsBinding = "ASSETS"
	// rateBinding limits posts per client and minute (a rate limiting
	// binding, no KV cost).
	rateBinding = "SHARE_POSTS"
	// perDayVar is how many new short links a day the KV budget allows
	// (each costs two KV writes: the share and the day's counter).
	perDayVar = "SHARES_PER_DAY"
	// perClientVar is how many of those one client may make (default:
	// half, so a stranger cannot take a class's day).
	perClientVar = "SHARES_PER_CLIENT_DAY"
)

// defaultPerDay keeps the free plan's 1,000 KV writes a day with 100 spare.
const defaultPerDay = 450

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", serveAPI)
	mux.HandleFunc(share.PagePrefix, servePage)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// Only paths in run_worker_first reach the Worker; anything else
		// here is a path the assets did not have.
		io.Copy(io.Discard, r.Body)
		http.Error(w, "404 page not found", http.StatusNotFound)
	})
	// The static files get the security headers from the site's _headers
	// file; what the Worker answers gets them here.
	workers.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityheaders.Set(w.Header())
		mux.ServeHTTP(w, r)
	}))
}

func serveAPI(w http.ResponseWriter, r *http.Request) {
	st, err := kvstore.Open(kvBinding)
	if err != nil {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "{\"error\":%q}\n", "share store unavailable: "+err.Error())
		return
	}
	perDay := kvstore.ParseCount(cloudflare.Getenv(perDayVar), defaultPerDay)
	perClient := kvstore.ParseCount(cloudflare.Getenv(perClientVar), perDay/2)
	quota, err := kvstore.OpenQuota(kvBinding, rateBinding, perDay, perClient)
	if err != nil {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "{\"error\":%q}\n", "share quota unavailable: "+err.Error())
		return
	}
	h := share.NewHandler(st)
	h.Limits = quota
	h.Client = cfClient
	h.ServeHTTP(w, r)
}

// cfClient is who a request comes from: Cloudflare's CF-Connecting-IP
// (which its edge sets; a client cannot); "unknown" without it.
func cfClient(r *http.Request) string {
	if k := share.ClientKey(r.Header.Get("CF-Connecting-IP")); k != "" {
		return k
	}
	return "unknown"
}

// servePage answers /s/{id} with the site's index page. The page reads the
// id from its URL and fetches the scenario itself.
func servePage(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !scenario.ValidID(strings.TrimPrefix(r.URL.Path, share.PagePrefix)) {
		http.Error(w, "404 page not found", http.StatusNotFound) // the path is not echoed
		return
	}
	u := *r.URL
	u.Path, u.RawQuery = "/", ""
	req, err := fetch.NewRequest(r.Context(), http.MethodGet, u.String(), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	cli := fetch.NewClient(fetch.WithBinding(cloudflare.GetBinding(assetsBinding)))
	resp, err := cli.Do(req, nil)
	if err != nil {
		http.Error(w, "the page is not available: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for _, k := range []string{"Content-Type", "Cache-Control", "ETag"} {
		if v := resp.Header.Get(k); v != "" {
			w.Header().Set(k, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	if r.Method != http.MethodHead {
		io.Copy(w, resp.Body)
	}
}
