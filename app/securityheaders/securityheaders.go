// Package securityheaders is the one home of the security headers every
// response of the playground carries: netplay serve sets them
// (app/server), the static site lists them in its _headers file for
// Workers static assets, and the Cloudflare Worker sets them on what it
// answers itself (wasm/worker). It imports only net/http, so the Worker
// stays small.
package securityheaders

import "net/http"

// ContentSecurityPolicy lets the page load only its own scripts, styles,
// workers and data: WebAssembly needs 'wasm-unsafe-eval' (not
// 'unsafe-eval'); the engine runs in a Web Worker from /web/engine.js and
// go-app's service worker is /app-worker.js; downloads are blob: URLs
// and CodeMirror draws its lint underline from a data: SVG. CodeMirror
// (style-mod) writes its themes into a <style> element it makes at run
// time, whose text changes as editors mount, so styles need
// 'unsafe-inline' (a hash cannot follow it, a nonce would make every page
// different bytes); scripts stay without it. No page may frame the
// playground (frame-ancestors), no <base> may move its URLs.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// List is every header and its value, in a fixed order.
var List = [][2]string{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	// A short link's path names a scenario: it is nobody else's business.
	{"Referrer-Policy", "no-referrer"},
}

// Set adds every header to h.
func Set(h http.Header) {
	for _, kv := range List {
		h.Set(kv[0], kv[1])
	}
}
