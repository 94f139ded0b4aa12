package browser

import (
	"time"

	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestEngineWorker: scenarios compile and run in the engine worker
// (web/boot.js, web/engine.js), and the page draws what comes back: the
// handshake, with frame bytes for the inspector.
func TestEngineWorker(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	if !eval[bool](t, ctx, `window.netplayEngineUsed === true`) {
		t.Fatal("the page does not use the engine worker")
	}
	run(t, ctx)
	labels := eval[[]string](t, ctx, arrowLabels)
	if len(labels) < 3 || !hasPrefix(labels[:1], "SYN") {
		t.Fatalf("arrows after a run in the worker: %v", labels)
	}
	clickArrow(t, ctx, labels[0])
	waitFor(t, ctx, 10*time.Second, "inspector hex", `(() => { const h = document.querySelector("#np-inspector .np-hex"); return !!h && /[0-9a-f]{2} [0-9a-f]{2}/.test(h.textContent); })()`)
	shot(t, ctx, "engine-worker")
}

// TestEngineFallback: a browser without Worker runs scenarios on the
// page itself.
func TestEngineFallback(t *testing.T) {
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `delete window.Worker; window.Worker = undefined;`}); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, "/")
	if eval[bool](t, ctx, `window.netplayEngineUsed === true`) {
		t.Fatal("the page says it uses an engine worker without Worker")
	}
	run(t, ctx)
	if labels := eval[[]string](t, ctx, arrowLabels); len(labels) < 3 {
		t.Fatalf("arrows after a run on the page: %v", labels)
	}
}
