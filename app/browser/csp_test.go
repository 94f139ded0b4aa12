package browser

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"netplay/app/securityheaders"
)

// TestContentSecurityPolicy: under the server's Content-Security-Policy
// the page loads, its engine worker compiles app.wasm and runs the
// handshake, the editors work, the service worker installs, and the
// browser reports no violation.
func TestContentSecurityPolicy(t *testing.T) {
	ctx := newBrowser(t)
	// Violations in the document (a blocked script, style, image, worker
	// or connection) fire securitypolicyviolation there.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " (" + e.sourceFile + ":" + e.lineNumber + ")"));`,
	}); err != nil {
		t.Fatal(err)
	}
	// Workers report theirs to the console (and the run would fail).
	var mu sync.Mutex
	var reported []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Refused to") {
				mu.Lock()
				reported = append(reported, m.String())
				mu.Unlock()
			}
		}
	}()
	openPage(t, ctx, "/")
	if got := evalAwait[string](t, ctx, `fetch('/', {method: 'HEAD'}).then(r => r.headers.get('content-security-policy'))`); got != securityheaders.ContentSecurityPolicy {
		t.Fatalf("the page is served with CSP %q", got)
	}
	waitDoc(t, ctx, 1, "connect")
	run(t, ctx)
	if labels := eval[[]string](t, ctx, arrowLabels); !hasPrefix(labels, "SYN,ACK") {
		t.Errorf("a run under the CSP: %q", labels)
	}
	// The service worker (go-app's app-worker.js) installs and caches.
	waitFor(t, ctx, 60*time.Second, "service worker active", `(() => {
		if (window.__swOK === undefined) {
			window.__swOK = false;
			navigator.serviceWorker.ready.then(() => { window.__swOK = true; });
		}
		return window.__swOK;
	})()`)
	if v := eval[[]string](t, ctx, `window.__csp`); len(v) > 0 {
		t.Errorf("CSP violations in the page: %q", v)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reported) > 0 {
		t.Errorf("the console reports CSP violations: %q", reported)
	}
}
