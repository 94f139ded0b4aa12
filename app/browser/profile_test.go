package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// Profiles of the page, for finding where its start and its Run spend
// their time (not part of make test):
//
//	NETPLAY_PROFILE=1 NETPLAY_BROWSER=1 go test -run TestProfile -v ./app/browser/
//
// TestProfileLoad takes a CPU profile of a cold load until Run is enabled,
// TestProfileRun one of the first Run once the engine has warmed up, and
// TestProfileTrace a Chrome trace of a cold load (every thread: the
// engine worker, the service worker, layout). The files go to
// artifacts/profile/ (open .cpuprofile in Chrome's DevTools, .trace.json
// in https://ui.perfetto.dev); the log has a summary. Wasm functions have
// names only in a build that keeps them: LDFLAGS=' '
// ./wasm/playground/build.sh DIR/app.wasm, served with NETPLAY_WEB=DIR.

func profileOn(t *testing.T) {
	if os.Getenv("NETPLAY_PROFILE") != "1" {
		t.Skip("profiles are taken with NETPLAY_PROFILE=1")
	}
}

func profileFile(t *testing.T, name string, v any) {
	dir := filepath.Join(repoRoot, "artifacts", "profile")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote artifacts/profile/%s", name)
}

// cpuProfile runs do under the CPU profiler, saves the profile and logs
// the functions with the most self and inclusive time.
func cpuProfile(t *testing.T, ctx context.Context, name string, do func()) {
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	do()
	res, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	profileFile(t, name, res.Profile)
	b, _ := json.Marshal(res.Profile)
	var p struct {
		Nodes []struct {
			ID        int
			CallFrame struct{ FunctionName string }
			Children  []int
		}
		Samples    []int
		TimeDeltas []int
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	parent := map[int]int{}
	names := map[int]string{}
	for _, n := range p.Nodes {
		names[n.ID] = n.CallFrame.FunctionName
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	self, incl := map[string]float64{}, map[string]float64{}
	for i, s := range p.Samples {
		if i >= len(p.TimeDeltas) {
			break
		}
		d := float64(p.TimeDeltas[i]) / 1000
		self[names[s]] += d
		seen := map[string]bool{}
		for x, ok := s, true; ok; x, ok = parent[x] {
			if n := names[x]; !seen[n] {
				seen[n] = true
				incl[n] += d
			}
		}
	}
	t.Logf("%s, self:\n%s", name, topTimes(self, 25))
	t.Logf("%s, inclusive:\n%s", name, topTimes(incl, 50))
}

func topTimes(m map[string]float64, n int) string {
	type kv struct {
		k string
		v float64
	}
	var l []kv
	for k, v := range m {
		l = append(l, kv{k, v})
	}
	slices.SortFunc(l, func(a, b kv) int {
		if a.v > b.v {
			return -1
		}
		if a.v < b.v {
			return 1
		}
		return strings.Compare(a.k, b.k)
	})
	var b strings.Builder
	for i, e := range l {
		if i == n {
			break
		}
		k := strings.ReplaceAll(e.k, "github.com_maxence_charriere_go_app_v9_pkg_app", "goapp")
		fmt.Fprintf(&b, "%8.1f ms  %s\n", e.v, k)
	}
	return b.String()
}

// loadMarks records, in the page's clock, when the module is
// instantiated, the editors exist and Run is enabled.
const loadMarks = `(() => {
	window.__marks = {};
	const mark = (k) => { if (window.__marks[k] === undefined) window.__marks[k] = Math.round(performance.now()); };
	const wi = WebAssembly.instantiate;
	WebAssembly.instantiate = function (...a) { mark('instantiate'); return wi.apply(this, a).then((r) => { mark('instantiated'); return r; }); };
	new MutationObserver(() => {
		if (document.querySelector('.cm-editor')) mark('editors');
		const b = document.querySelector('#np-run');
		if (b && !b.disabled) mark('run enabled');
	}).observe(document, { subtree: true, childList: true, attributes: true });
})()`

func TestProfileLoad(t *testing.T) {
	profileOn(t)
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: loadMarks}); err != nil {
		t.Fatal(err)
	}
	cpuProfile(t, ctx, "load.cpuprofile", func() {
		openPage(t, ctx, "/")
	})
	t.Logf("marks (ms since navigation): %v", eval[map[string]float64](t, ctx, `window.__marks`))
}

func TestProfileRun(t *testing.T) {
	profileOn(t)
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitFor(t, ctx, 60*time.Second, "engine warm", `window.netplayEngineWarm === true`)
	time.Sleep(300 * time.Millisecond)
	cpuProfile(t, ctx, "run.cpuprofile", func() {
		t.Logf("first run: %.0f ms", evalAwait[float64](t, ctx, runProbe))
	})
}

func TestProfileTrace(t *testing.T) {
	profileOn(t)
	ctx := newBrowser(t)
	chromeTrace(t, ctx, "load.trace.json", func() { openPage(t, ctx, "/") })
}

// chromeTrace records a Chrome trace of every thread while do runs, saves
// it and logs each thread's busy time and the kinds of work that took the
// most time (complete events by name, nested ones counted in each).
func chromeTrace(t *testing.T, ctx context.Context, name string, do func(), more ...string) {
	var mu sync.Mutex
	var events []map[string]any
	done := make(chan struct{})
	data := chromedp.Events(ctx, tracing.DataCollected)
	complete := chromedp.Events(ctx, tracing.TracingComplete)
	go func() {
		for e, err := range data {
			if err != nil {
				return
			}
			mu.Lock()
			for _, v := range e.Value {
				b, _ := json.Marshal(v)
				var m map[string]any
				if json.Unmarshal(b, &m) == nil {
					events = append(events, m)
				}
			}
			mu.Unlock()
		}
	}()
	go func() {
		for _, err := range complete {
			if err == nil {
				close(done)
			}
			return
		}
	}()
	categories := append([]string{"devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8", "blink", "loading"}, more...)
	if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents, TraceConfig: &tracing.TraceConfig{IncludedCategories: categories, RecordMode: tracing.TraceConfigRecordModeRecordAsMuchAsPossible}}); err != nil {
		t.Fatal(err)
	}
	do()
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the trace did not complete")
	}
	time.Sleep(300 * time.Millisecond) // the last dataCollected events
	mu.Lock()
	defer mu.Unlock()
	profileFile(t, name, map[string]any{"traceEvents": events})
	threads := map[string]string{}
	for _, e := range events {
		if e["ph"] == "M" && e["name"] == "thread_name" {
			if args, ok := e["args"].(map[string]any); ok {
				threads[fmt.Sprint(e["pid"], ":", e["tid"])] = fmt.Sprint(args["name"])
			}
		}
	}
	busy, cpu, kinds := map[string]float64{}, map[string]float64{}, map[string]float64{}
	for _, e := range events {
		if e["ph"] != "X" {
			continue
		}
		d, _ := e["dur"].(float64)
		td, _ := e["tdur"].(float64) // the thread's CPU time
		th := threads[fmt.Sprint(e["pid"], ":", e["tid"])]
		if th == "" {
			th = fmt.Sprint(e["pid"], ":", e["tid"])
		}
		if n := fmt.Sprint(e["name"]); n == "RunTask" || n == "wasm.ExecuteCompilationUnits" {
			busy[th+" "+n] += d / 1000
			cpu[th+" "+n] += td / 1000
		}
		kinds[th+" "+fmt.Sprint(e["name"])] += d / 1000
	}
	t.Logf("busy per thread (tasks and V8's wasm compile jobs, may nest):\n%s", topTimes(busy, 15))
	// CPU time depends less on the machine's load than busy time: the
	// figure to compare two builds by on a loaded machine.
	t.Logf("CPU per thread (the same):\n%s", topTimes(cpu, 15))
	t.Logf("work by kind (thread, event; nested counted in each):\n%s", topTimes(kinds, 40))
	if self := sampled(events, threads); len(self) > 0 {
		t.Logf("V8's CPU samples, self time (thread, function):\n%s", topTimes(self, 50))
	}
}

// sampled sums the self time of each function in the CPU samples a trace
// holds (category disabled-by-default-v8.cpu_profiler: a Profile event
// and ProfileChunk events per thread), by thread.
func sampled(events []map[string]any, threads map[string]string) map[string]float64 {
	type profile struct {
		thread string
		nodes  map[float64]string
	}
	profiles := map[string]*profile{}
	self := map[string]float64{}
	for _, e := range events {
		name := fmt.Sprint(e["name"])
		if name != "Profile" && name != "ProfileChunk" {
			continue
		}
		key := fmt.Sprint(e["pid"], ":", e["id"])
		p := profiles[key]
		if p == nil {
			p = &profile{nodes: map[float64]string{}}
			profiles[key] = p
		}
		if name == "Profile" {
			p.thread = threads[fmt.Sprint(e["pid"], ":", e["tid"])]
			continue
		}
		args, _ := e["args"].(map[string]any)
		data, _ := args["data"].(map[string]any)
		cp, _ := data["cpuProfile"].(map[string]any)
		nodes, _ := cp["nodes"].([]any)
		for _, n := range nodes {
			n, _ := n.(map[string]any)
			id, _ := n["id"].(float64)
			frame, _ := n["callFrame"].(map[string]any)
			p.nodes[id] = fmt.Sprint(frame["functionName"])
		}
		samples, _ := cp["samples"].([]any)
		deltas, _ := data["timeDeltas"].([]any)
		for i, s := range samples {
			if i < len(deltas) {
				id, _ := s.(float64)
				d, _ := deltas[i].(float64)
				self[p.thread+" "+p.nodes[id]] += d / 1000
			}
		}
	}
	return self
}

// TestProfileScroll takes a CPU profile and a Chrome trace of a full scroll of the 100,000-event
// diagram (TestBenchDiagram's), every row shown.
func TestProfileScroll(t *testing.T) {
	profileOn(t)
	ctx := newBrowser(t)
	openScenarioPath(t, ctx, "app/diagram/testdata/transfer6m.json")
	run(t, ctx)
	setChecked(t, ctx, "#np-fold", false)
	waitFor(t, ctx, 60*time.Second, "every row", `document.querySelector('#np-diagram .np-rowfold') === null && document.querySelector('#np-diagram .np-diagram-wrap') !== null`)
	cpuProfile(t, ctx, "scroll.cpuprofile", func() {
		r := evalAwait[[]float64](t, ctx, scrollProbe)
		t.Logf("full scroll: %.0f ms, %.0f screens", r[0], r[1])
	})
	eval[bool](t, ctx, `(() => { document.querySelector('#np-diagram').scrollTop = 0; return true })()`)
	nextFrames(t, ctx)
	chromeTrace(t, ctx, "scroll.trace.json", func() {
		r := evalAwait[[]float64](t, ctx, scrollProbe)
		t.Logf("full scroll: %.0f ms, %.0f screens", r[0], r[1])
	})
}

// TestProfileFirstDiagram records a Chrome trace, with V8's CPU samples of
// every thread (the page's and the engine worker's), from the navigation
// until the diagram of a Run clicked the instant it is enabled is painted
// (TestBenchFirstDiagram's probe). The log has each thread's busy and CPU
// time (V8's wasm compile jobs apart) and, when the trace holds V8's CPU
// samples (not every time: chromium leaves them out of some traces), the
// functions that took the most samples on each.
func TestProfileFirstDiagram(t *testing.T) {
	profileOn(t)
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: firstDiagramProbe}); err != nil {
		t.Fatal(err)
	}
	chromeTrace(t, ctx, "firstdiagram.trace.json", func() {
		within(t, ctx, 60*time.Second, "navigate", chromedp.Navigate(baseURL+"/"))
		waitFor(t, ctx, 60*time.Second, "first diagram painted", `window.__firstPaint !== undefined`)
	}, "disabled-by-default-v8.cpu_profiler", "v8.wasm")
	t.Logf("Run clicked at %.0f ms, diagram drawn at %.0f ms, painted at %.0f ms; engine messages %v", eval[float64](t, ctx, `window.__clicked`), eval[float64](t, ctx, `window.__firstDiagram`), eval[float64](t, ctx, `window.__firstPaint`), eval[map[string]float64](t, ctx, `window.__engineTimes`))
}
