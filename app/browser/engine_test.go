package browser

import (
	"strings"
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
	// The page opened the default scenario, which the engine ran ahead:
	// Run took that trace instead of running it again.
	if n := eval[int](t, ctx, `window.netplayEngineReused`); n != 1 {
		t.Errorf("runs answered from the run ahead: %d, want 1", n)
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

// TestEditorsEarly: the editors are made from the server's rendering of
// the page before app.wasm runs (web/editor.js), and the page adopts them:
// the same views, with what was typed into them meanwhile.
func TestEditorsEarly(t *testing.T) {
	ctx := newBrowser(t)
	early := `window.addEventListener("netplay-editor", () => {
		window.__early = Array.from(document.querySelectorAll(".np-editor")).map(el => {
			const cm = el.querySelector(".cm-editor");
			if (cm) cm.__early = true;
			window.netplayEditor.set(el.id, window.netplayEditor.get(el.id) + "/* typed early */\n");
			return el.id + (cm ? " cm" : "") + (typeof window.netplayEngineUsed);
		});
	}, { once: true });`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: early}); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, "/")
	// Before the Go side ran (netplayEngineUsed not yet set), each
	// prerendered editor element had its view.
	if got := eval[[]string](t, ctx, `window.__early`); len(got) != 2 || got[0] != "np-ed-1 cmundefined" || got[1] != "np-ed-2 cmundefined" {
		t.Fatalf("editors before app.wasm ran: %v", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".np-editor .cm-editor").length`); n != 2 {
		t.Fatalf("%d editor views, want 2", n)
	}
	if !eval[bool](t, ctx, `Array.from(document.querySelectorAll(".np-editor .cm-editor")).every(e => e.__early === true && e.isConnected)`) {
		t.Errorf("the page made new views instead of adopting the early ones")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("pre.np-editor-text").length`); n != 0 {
		t.Errorf("%d prerendered texts left beside the views", n)
	}
	for _, id := range []string{"np-ed-1", "np-ed-2"} {
		doc := eval[string](t, ctx, `window.netplayEditor.get("`+id+`")`)
		if !strings.Contains(doc, "/* typed early */") || !strings.Contains(doc, "main(") {
			t.Errorf("%s lost what was typed early: %q", id, doc)
		}
	}
	// The run uses the text in the views.
	run(t, ctx)
	if labels := eval[[]string](t, ctx, arrowLabels); len(labels) < 3 {
		t.Fatalf("arrows after a run: %v", labels)
	}
}

// TestEngineRestart: when the engine worker dies, a fresh one (given the
// module the first one compiled) takes over and runs scenarios.
func TestEngineRestart(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	eval[any](t, ctx, `(() => { window.__firstWorker = window.netplayEngine.worker; window.netplayEngine.worker.terminate(); window.netplayEngine.deliver({type: "crash", error: "killed by the test"}); return null })()`)
	waitFor(t, ctx, 10*time.Second, "a new worker", `window.netplayEngine.worker !== window.__firstWorker`)
	// An edited program: the page's copy of the run made ahead does not
	// answer it, the new worker must.
	eval[any](t, ctx, `(() => { const id = document.querySelector('.np-editor').id; window.netplayEditor.set(id, window.netplayEditor.get(id) + '/* after the restart */\n'); return null })()`)
	run(t, ctx)
	if labels := eval[[]string](t, ctx, arrowLabels); len(labels) < 3 || !hasPrefix(labels[:1], "SYN") {
		t.Fatalf("arrows after the restart: %v", labels)
	}
}
