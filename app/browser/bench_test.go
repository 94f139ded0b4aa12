package browser

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The page's figures (issues 4 and 15), printed as BENCH lines by make
// bench:
//
//	page_gzip_bytes   every byte the browser transfers before the page is
//	                  interactive (Run enabled), asking for gzip only
//	tti_ms            cold cache, navigation start → Run enabled
//	run_handshake_ms  click Run on the handshake → the diagram is complete,
//	                  once the page has started (the engine worker has
//	                  warmed up, window.netplayEngineWarm); the engine has
//	                  run the scenario ahead by then (wasm/playground,
//	                  runsAhead). Clicked the instant Run is enabled, and
//	                  with an edited program (run fresh), it is logged.
//	first_diagram_ms  cold cache, navigation start → the handshake's
//	                  diagram drawn, Run clicked the instant it is enabled
//	                  (TestBenchFirstDiagram)
//
// Each is the median of benchRuns cold page loads (a fresh browser
// profile each). Nothing here asserts a time.

const benchRuns = 3

// ttiProbe records, in the page's own clock, the moment Run becomes
// enabled with the editors mounted (performance.now() counts from the
// navigation start).
const ttiProbe = `(() => {
	const ready = () => { const b = document.querySelector('#np-run'); return b && !b.disabled && window.netplayEditor !== undefined && document.querySelectorAll('.cm-editor').length > 0; };
	const check = () => { if (window.__tti === undefined && ready()) { window.__tti = performance.now(); } };
	new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
	const tick = () => { check(); if (window.__tti === undefined) requestAnimationFrame(tick); };
	requestAnimationFrame(tick);
})()`

// runProbe clicks Run and resolves with the milliseconds until the page
// has finished the run and drawn the handshake's arrows.
const runProbe = `new Promise(resolve => {
	const pg = document.querySelector('#np-page');
	const before = pg.dataset.runs;
	let t0;
	const done = () => pg.dataset.runs !== before && document.querySelectorAll('#np-diagram g.np-arrow').length >= 3;
	const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(performance.now() - t0); } });
	obs.observe(pg, {subtree: true, childList: true, attributes: true});
	t0 = performance.now();
	document.querySelector('#np-run').click();
})`

func benchOn(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") != "1" {
		t.Skip("benchmarks run with NETPLAY_BENCH=1 (make bench)")
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// TestBenchPage measures page_gzip_bytes, tti_ms and run_handshake_ms.
func TestBenchPage(t *testing.T) {
	benchOn(t)
	var bytes, ttis, runs []float64
	for i := 0; i < benchRuns; i++ {
		b, tti, run := benchLoad(t)
		bytes, ttis, runs = append(bytes, b), append(ttis, tti), append(runs, run)
	}
	t.Logf("page bytes %v, tti %v ms, first run %v ms", bytes, ttis, runs)
	// Logged, not BENCH figures: Run clicked the instant it is enabled
	// (the engine may still be warming up), and Run of an edited program,
	// which the engine has not run ahead.
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	t.Logf("first run clicked as Run is enabled: %.0f ms", evalAwait[float64](t, ctx, runProbe))
	eval[any](t, ctx, `(() => { const id = document.querySelector('.np-editor').id; window.netplayEditor.set(id, window.netplayEditor.get(id) + '/* edited */\n'); return null })()`)
	t.Logf("run of an edited program: %.0f ms", evalAwait[float64](t, ctx, runProbe))
	fmt.Printf("BENCH page_gzip_bytes %.0f bytes\n", median(bytes))
	fmt.Printf("BENCH tti_ms %.0f ms\n", median(ttis))
	fmt.Printf("BENCH run_handshake_ms %.0f ms\n", median(runs))
}

// benchLoad opens the page in a fresh browser and returns the bytes
// transferred before it was interactive, the time to interactive and the
// time of the first handshake run.
func benchLoad(t *testing.T) (bytes, tti, run float64) {
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Encoding": "gzip"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: ttiProbe}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	fromPage := map[network.RequestID]string{} // requests of the page (not its service worker)
	encoding := map[string]string{}
	var total float64
	var counting = true
	sent := chromedp.Events(ctx, network.RequestWillBeSent)
	got := chromedp.Events(ctx, network.ResponseReceived)
	finished := chromedp.Events(ctx, network.LoadingFinished)
	go func() {
		for e, err := range sent {
			if err != nil {
				return
			}
			mu.Lock()
			if e.LoaderID != "" && counting {
				fromPage[e.RequestID] = e.Request.URL
			}
			mu.Unlock()
		}
	}()
	go func() {
		for e, err := range got {
			if err != nil {
				return
			}
			mu.Lock()
			for k, v := range e.Response.Headers {
				if strings.EqualFold(k, "content-encoding") {
					encoding[e.Response.URL] = fmt.Sprint(v)
				}
			}
			mu.Unlock()
		}
	}()
	go func() {
		for e, err := range finished {
			if err != nil {
				return
			}
			mu.Lock()
			if _, ok := fromPage[e.RequestID]; ok && counting {
				total += e.EncodedDataLength
			}
			mu.Unlock()
		}
	}()
	within(t, ctx, 60*time.Second, "navigate", chromedp.Navigate(baseURL+"/"))
	waitFor(t, ctx, 60*time.Second, "interactive", `window.__tti !== undefined`)
	time.Sleep(200 * time.Millisecond) // the last LoadingFinished events
	mu.Lock()
	counting = false
	bytes = total
	var urls []string
	for _, u := range fromPage {
		urls = append(urls, strings.TrimPrefix(u, baseURL)+" "+encoding[u])
	}
	mu.Unlock()
	slices.Sort(urls)
	tti = eval[float64](t, ctx, `window.__tti`)
	// The engine worker's downloads (app.wasm) are not the page's
	// requests: the worker lists them, and each counts as the server's
	// gzip answer for it (the worker is not told to ask for gzip only)
	// plus the headers the worker got.
	type workerEntry struct {
		Name           string
		Transfer, Body float64
		End            float64
	}
	type workerEntries struct {
		Origin  float64
		Entries []workerEntry
	}
	we := evalAwait[workerEntries](t, ctx, `new Promise(resolve => {
		const e = window.netplayEngine, h = e.handler;
		e.handler = (m) => { if (m.type !== 'resources') return h(m); e.handler = h; resolve({Origin: m.origin, Entries: m.entries.map(x => ({Name: x.name, Transfer: x.transfer, Body: x.body, End: x.end}))}); };
		e.send({type: 'resources'});
	})`)
	pageOrigin := eval[float64](t, ctx, `performance.timeOrigin`)
	for _, e := range we.Entries {
		if we.Origin+e.End > pageOrigin+tti {
			continue
		}
		name := strings.TrimPrefix(e.Name, baseURL)
		if e.Body == 0 || e.Transfer < e.Body { // from a cache: only headers came
			bytes += e.Transfer
			urls = append(urls, fmt.Sprintf("%s (worker, cached: %.0f bytes)", name, e.Transfer))
			continue
		}
		gz := gzipSize(t, e.Name)
		bytes += gz + (e.Transfer - e.Body)
		urls = append(urls, fmt.Sprintf("%s (worker: %.0f bytes, as gzip %.0f)", name, e.Transfer, gz))
	}
	t.Logf("loaded before interactive (%.0f bytes): %s", bytes, strings.Join(urls, ", "))
	waitFor(t, ctx, 60*time.Second, "engine warm", `window.netplayEngineWarm === true`)
	run = evalAwait[float64](t, ctx, runProbe)
	// Reruns (programs compiled already) for the log.
	var warm []float64
	for i := 0; i < 3; i++ {
		warm = append(warm, evalAwait[float64](t, ctx, runProbe))
	}
	t.Logf("tti %.0f ms, first run %.0f ms, reruns %v ms", tti, run, warm)
	return bytes, tti, run
}

// gzipSize is the size of the server's answer to url asking for gzip.
func gzipSize(t *testing.T, url string) float64 {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return float64(n)
}

// firstDiagramProbe clicks Run the instant it is enabled with the editors
// mounted, and records (page clock: from the navigation start) when the
// diagram of that run is drawn.
const firstDiagramProbe = `(() => {
	const ready = () => { const b = document.querySelector('#np-run'); return b && !b.disabled && window.netplayEditor !== undefined && document.querySelectorAll('.cm-editor').length > 0; };
	const drawn = () => { const pg = document.querySelector('#np-page'); return pg && Number(pg.dataset.runs) > 0 && document.querySelectorAll('#np-diagram g.np-arrow').length >= 3; };
	const check = () => {
		if (window.__clicked === undefined && ready()) { window.__clicked = performance.now(); document.querySelector('#np-run').click(); }
		if (window.__clicked !== undefined && window.__firstDiagram === undefined && drawn()) {
			window.__firstDiagram = performance.now();
			// Painted: after the next frame's rendering (its layout and paint).
			requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => { window.__firstPaint = performance.now(); }; c.port2.postMessage(0); });
		}
	};
	new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
	// The engine's timeline for the log: when each kind of message first
	// went to or came from a worker.
	window.__engineTimes = {};
	const seen = (dir, m) => { const k = dir + (m && m.type); if (window.__engineTimes[k] === undefined) window.__engineTimes[k] = Math.round(performance.now()); };
	const W = window.Worker;
	if (W) window.Worker = class extends W {
		constructor(...args) { super(...args); this.addEventListener('message', (e) => seen('<', e.data)); }
		postMessage(m, ...rest) { seen('>', m); return super.postMessage(m, ...rest); }
	};
})()`

// TestBenchFirstDiagram measures first_diagram_ms: a learner opens the
// page and clicks Run as soon as it can be clicked; the figure is the
// median of benchRuns cold loads until the diagram is drawn.
func TestBenchFirstDiagram(t *testing.T) {
	benchOn(t)
	var firsts, paints, clicks []float64
	for i := 0; i < benchRuns; i++ {
		ctx := newBrowser(t)
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: firstDiagramProbe}); err != nil {
			t.Fatal(err)
		}
		within(t, ctx, 60*time.Second, "navigate", chromedp.Navigate(baseURL+"/"))
		waitFor(t, ctx, 60*time.Second, "first diagram", `window.__firstDiagram !== undefined`)
		waitFor(t, ctx, 60*time.Second, "first diagram painted", `window.__firstPaint !== undefined`)
		firsts = append(firsts, eval[float64](t, ctx, `window.__firstDiagram`))
		paints = append(paints, eval[float64](t, ctx, `window.__firstPaint`))
		clicks = append(clicks, eval[float64](t, ctx, `window.__clicked`))
		t.Logf("engine messages (ms; > to the engine, < from it): %v", eval[map[string]float64](t, ctx, `window.__engineTimes`))
	}
	t.Logf("Run clicked at %v ms, diagram drawn at %v ms, painted at %v ms", clicks, firsts, paints)
	fmt.Printf("BENCH first_diagram_ms %.0f ms\n", median(firsts))
}
