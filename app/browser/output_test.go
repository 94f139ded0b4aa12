package browser

// What learners' programs do to the page (issue 15, points 1 and 2; issue
// 17's page items): long output, a printing loop and its Stop, engines
// that crash, deep recursion and deeply nested source.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// lines prints n numbered lines and exits.
func lines(n int) string {
	return fmt.Sprintf("#include <stdio.h>\n\nint main(void)\n{\n    for (int i = 0; i < %d; i++)\n        printf(\"line %%d\\n\", i);\n    return 0;\n}\n", n)
}

// printingLoop is the beginner's printing loop.
const printingLoop = "#include <stdio.h>\n\nint main(void)\n{\n    for (;;)\n        printf(\"waiting...\\n\");\n}\n"

// quiet is a client that does nothing.
const quiet = "int main(void)\n{\n    return 0;\n}\n"

// recursive prints f(n) for f(n) = n, one C call a level.
func recursive(n int) string {
	return fmt.Sprintf("#include <stdio.h>\nint f(int n) { return n ? f(n - 1) + 1 : 0; }\nint main(void) { printf(\"%%d\\n\", f(%d)); return 0; }\n", n)
}

// withPrograms opens the page with server and client programs set, once
// the engine has warmed up (its warm-up shares the worker's thread).
func withPrograms(t *testing.T, server, client string) context.Context {
	t.Helper()
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitDoc(t, ctx, 1, "connect")
	setDoc(t, ctx, 0, server)
	setDoc(t, ctx, 1, client)
	waitFor(t, ctx, 60*time.Second, "engine warm", `window.netplayEngineWarm === true`)
	return ctx
}

// consoleOut is the server console's text.
const consoleOut = `document.querySelector('#np-console-out').textContent`

// The console keeps the head and the tail of 200,000 lines, says how many
// lie between, and downloads the whole; its document stays small.
func TestConsoleBounded(t *testing.T) {
	ctx := withPrograms(t, lines(200000), quiet)
	run(t, ctx)
	out := eval[string](t, ctx, consoleOut)
	if !strings.HasPrefix(out, "line 0\nline 1\n") {
		t.Errorf("the console does not start with the first lines: %.80q", out)
	}
	fold := text(t, ctx, "#np-console-out .np-fold")
	if !strings.Contains(fold, "more lines") {
		t.Fatalf("no fold line; console ends %q", out[max(0, len(out)-300):])
	}
	// The program runs to its end, as gcc's does (a line printed costs
	// libc.TerminalWriteSteps of the budget): the tail is its last line,
	// right before its exit line.
	tail := out[strings.LastIndex(out, "line "):]
	last, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(strings.TrimPrefix(tail, "line "), "\n", 2)[0]))
	if last != 199999 || !strings.Contains(tail, "[exit status 0]") {
		t.Errorf("the console ends %q, want line 199999 and exit status 0", tail)
	}
	if n := count(t, ctx, "#np-console-out > *"); n > 10 {
		t.Errorf("%d elements in the console, want a few text runs", n)
	}
	eval[any](t, ctx, `(() => { document.querySelector('#np-console-out .np-fold').scrollIntoView({block: 'center'}); return null })()`)
	shot(t, ctx, "console-200k")

	dir := download(t, ctx, 20*time.Second, ".np-fold-download")
	b, err := os.ReadFile(filepath.Join(dir, "netplay-handshake-server.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The download is every line the program printed (the engine
	// collects the output as the run goes, within its own budget, apart
	// from the trace's), in order, nothing left out.
	whole := string(b)
	got := strings.Split(strings.TrimSuffix(whole, "\n"), "\n")
	if len(got) != 200000 || got[0] != "line 0" || got[1] != "line 1" || got[199999] != "line 199999" || strings.Contains(whole, "[netplay:") {
		t.Fatalf("the download (%d bytes, %d lines) is not the program's whole output: %.40q … %q", len(whole), len(got), whole, whole[max(0, len(whole)-40):])
	}
	for i, l := range got {
		if l != "line "+strconv.Itoa(i) {
			t.Fatalf("the download's line %d is %q", i, l)
		}
	}

	// On a phone the console shows the same, and the page does not
	// scroll sideways.
	phone(t, ctx)
	eval[any](t, ctx, `(() => { document.querySelector('#np-console-out .np-fold').scrollIntoView({block: 'center'}); return null })()`)
	if !eval[bool](t, ctx, `document.documentElement.scrollWidth <= window.innerWidth`) {
		t.Errorf("the phone page scrolls sideways")
	}
	shot(t, ctx, "console-200k-phone")
}

// holdOutput makes the page's engine hold back every run's "output"
// message (the whole output, which the engine sends right after the
// result) until releaseOutput: the window in which a learner's click on
// the download comes before the output, made as wide as the test needs.
// It wraps the page's handler of the engine's messages (boot.js); the
// page itself is as served.
const holdOutput = `(() => {
	const e = window.netplayEngine, h = e.handler;
	window.npHeld = [];
	window.npRelease = () => { e.handler = h; for (const m of window.npHeld.splice(0)) h(m); };
	e.handler = m => { if (m.type === 'output') window.npHeld.push(m); else h(m); };
	return true;
})()`

// Issue 15, point 1: a click on the download before the run's whole
// output has arrived waits for it and downloads every line, never the
// part the console shows; when the output never comes (the engine
// crashed), the run's error box says so and nothing is downloaded.
func TestDownloadBeforeOutput(t *testing.T) {
	const n = 5000
	ctx := withPrograms(t, lines(n), quiet)
	eval[bool](t, ctx, holdOutput)
	run(t, ctx)
	if held := eval[int](t, ctx, `window.npHeld.length`); held != 1 {
		t.Fatalf("%d output messages held back after the run, want its one", held)
	}
	if !strings.Contains(text(t, ctx, "#np-console-out .np-fold"), "more lines") {
		t.Fatalf("no fold in the console")
	}
	// The click, then (once the page says it waits) the output.
	release := func() {
		// (Not fatal: a page that did not wait has downloaded what it
		// had by now, and the file below says so.)
		busy := false
		for end := time.Now().Add(10 * time.Second); !busy && time.Now().Before(end); nextFrames(t, ctx) {
			busy = eval[bool](t, ctx, `document.querySelector('.np-fold-download').getAttribute('aria-busy') === 'true'`)
		}
		if !busy {
			t.Errorf("the link does not say the download waits for the output")
		}
		eval[any](t, ctx, `document.querySelector('.np-fold-download').scrollIntoView({block: 'center'})`)
		shot(t, ctx, "download-waits")
		eval[any](t, ctx, `window.npRelease()`)
	}
	dir := downloadWhile(t, ctx, 20*time.Second, ".np-fold-download", release)
	b, err := os.ReadFile(filepath.Join(dir, "netplay-handshake-server.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(got) != n {
		t.Fatalf("the download has %d lines of %d (%d bytes): %.60q … %q", len(got), n, len(b), b, b[max(0, len(b)-40):])
	}
	for i, l := range got {
		if l != "line "+strconv.Itoa(i) {
			t.Fatalf("the download's line %d is %q", i, l)
		}
	}
	if e := text(t, ctx, "#np-error"); e != "" {
		t.Errorf("error box %q", e)
	}
	waitFor(t, ctx, 5*time.Second, "the link back", `document.querySelector('.np-fold-download').getAttribute('aria-busy') !== 'true'`)

	// Run again, the output held back; the click; then the engine
	// crashes: the wait ends with the reason in the error box.
	eval[bool](t, ctx, holdOutput)
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-run")
	runAfter(t, ctx, before)
	click(t, ctx, ".np-fold-download")
	waitFor(t, ctx, 10*time.Second, "the download waits", `document.querySelector('.np-fold-download').getAttribute('aria-busy') === 'true'`)
	eval[any](t, ctx, `(() => { const e = window.netplayEngine; e.handler({type: 'crash', error: 'the engine exited'}); window.npHeld.length = 0; })()`)
	waitFor(t, ctx, 10*time.Second, "the error box says so", `document.querySelector('#np-error') !== null && document.querySelector('#np-error').textContent.startsWith('The whole output could not be downloaded: the whole output did not arrive')`)
	shot(t, ctx, "download-failed")
}

// phone turns the page into a phone's (390×844, touch), as TestPhone.
func phone(t *testing.T, ctx context.Context) {
	t.Helper()
	within(t, ctx, 10*time.Second, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3)))
}

// Stop ends a printing loop at once and keeps what it printed; the
// engine runs the next program as before.
func TestStopPrintingLoop(t *testing.T) {
	ctx := withPrograms(t, printingLoop, quiet)
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-run")
	// The engine has the run when it answers a stop with a trace; the
	// loop prints meanwhile.
	time.Sleep(time.Second)
	click(t, ctx, "#np-stop")
	runAfter(t, ctx, before)
	if status := text(t, ctx, "#np-status"); !strings.Contains(status, "stopped") {
		t.Errorf("status after Stop = %q", status)
	}
	if e := text(t, ctx, "#np-error"); e != "" {
		t.Errorf("error after Stop: %q", e)
	}
	out := eval[string](t, ctx, consoleOut)
	if !strings.HasPrefix(out, "waiting...\nwaiting...\n") || !strings.Contains(out, "stopped") {
		t.Errorf("the console after Stop: %.200q … %q", out, out[max(0, len(out)-100):])
	}
	shot(t, ctx, "stop-printing-loop")
	phone(t, ctx)
	eval[any](t, ctx, `(() => { document.querySelector('#np-console-out').scrollIntoView({block: 'center'}); return null })()`)
	shot(t, ctx, "stop-printing-loop-phone")
	setDoc(t, ctx, 0, lines(3))
	run(t, ctx)
	if out := eval[string](t, ctx, consoleOut); !strings.HasPrefix(out, "line 0\nline 1\nline 2\n") {
		t.Errorf("the run after Stop printed %q", out)
	}
}

// The printing loop left alone ends by itself (the step limit, or in a
// slow page the engine's wall clock) with its head and tail shown and
// why it ended, the engine's memory bounded (engine_peak_mb's goal).
func TestPrintingLoopLeftAlone(t *testing.T) {
	ctx := withPrograms(t, printingLoop, quiet)
	phone(t, ctx)
	before := eval[int](t, ctx, runsDone)
	tap(t, ctx, "#np-run")
	waitFor(t, ctx, 90*time.Second, "the loop ended", fmt.Sprintf(`%s > %d`, runsDone, before))
	out := eval[string](t, ctx, consoleOut)
	if !strings.HasPrefix(out, "waiting...\nwaiting...\n") || strings.Count(out, "waiting...\n") < 300 {
		t.Errorf("the console: %.100q … %q", out, out[max(0, len(out)-300):])
	}
	if !strings.Contains(out, "step limit exceeded") && !strings.Contains(out+text(t, ctx, "#np-status"), "wall-clock limit") {
		t.Errorf("the console does not say why the loop ended: %q (status %q)", out[max(0, len(out)-300):], text(t, ctx, "#np-status"))
	}
	if fold := text(t, ctx, "#np-console-out .np-fold"); !strings.Contains(fold, "more lines") {
		t.Errorf("no fold line: %q", fold)
	}
	eval[any](t, ctx, `(() => { document.querySelector('#np-console-out .np-fold').scrollIntoView({block: 'center'}); return null })()`)
	shot(t, ctx, "printing-loop-alone-phone")
	peak := evalAwait[float64](t, ctx, `new Promise(resolve => {
		const e = window.netplayEngine, h = e.handler;
		e.handler = (m) => { if (m.type !== 'memory') return h(m); e.handler = h; resolve(m.bytes); };
		e.send({type: 'memory'});
	})`)
	if peak > 512<<20 {
		t.Errorf("the engine's memory grew to %.0f MB", peak/(1<<20))
	}
}

// An engine that dies is replaced every time: a run waiting on it reports
// the crash, and the page keeps running scenarios.
func TestEngineCrashesNeverWedge(t *testing.T) {
	ctx := withPrograms(t, lines(3), quiet)
	for i := 0; i < 5; i++ {
		started := eval[int](t, ctx, `window.netplayEngine.starts`)
		eval[any](t, ctx, `(() => { window.netplayEngine.worker.terminate(); window.netplayEngine.deliver({type: "crash", error: "killed by the test"}); return null })()`)
		waitFor(t, ctx, 30*time.Second, "a new engine", fmt.Sprintf(`window.netplayEngine.starts > %d`, started))
	}
	// A crash while a run waits on the engine is that run's error.
	eval[any](t, ctx, `(() => { window.__worker = window.netplayEngine.worker; return null })()`)
	before := eval[int](t, ctx, runsDone)
	setDoc(t, ctx, 0, printingLoop)
	click(t, ctx, "#np-run")
	eval[any](t, ctx, `(() => { window.netplayEngine.worker.terminate(); window.netplayEngine.deliver({type: "crash", error: "killed by the test"}); return null })()`)
	runAfter(t, ctx, before)
	if e := text(t, ctx, "#np-error"); !strings.Contains(e, "killed by the test") {
		t.Errorf("the run's error = %q", e)
	}
	waitFor(t, ctx, 20*time.Second, "a new worker", `window.netplayEngine.worker !== window.__worker`)
	setDoc(t, ctx, 0, lines(3))
	run(t, ctx)
	if out := eval[string](t, ctx, consoleOut); !strings.HasPrefix(out, "line 0\nline 1\nline 2\n") {
		t.Errorf("after six crashes the run printed %q (error %q)", out, text(t, ctx, "#np-error"))
	}
	if eval[bool](t, ctx, `window.netplayEngine.worker === undefined`) {
		t.Errorf("no engine worker")
	}
}

// Recursion goes as deep in the page as natively (stack/c's hostile
// cases), and past that it is the same "Stack overflow" at the same line;
// sources nested too deeply are refused with the native message.
func TestRecursionAndNesting(t *testing.T) {
	ctx := withPrograms(t, recursive(24000), quiet)
	run(t, ctx)
	if out := eval[string](t, ctx, consoleOut); !strings.HasPrefix(out, "24000\n") {
		t.Errorf("f(24000) in the page printed %q (error %q)", out, text(t, ctx, "#np-error"))
	}
	setDoc(t, ctx, 0, recursive(30000))
	run(t, ctx)
	if out := eval[string](t, ctx, consoleOut); !strings.Contains(out, "Stack overflow at server.c:2") {
		t.Errorf("f(30000) in the page: %q (error %q)", out, text(t, ctx, "#np-error"))
	}
	shot(t, ctx, "recursion-overflow")
	const tooDeep = "fatal error: brackets, statements and operators nest too deeply here"
	for _, c := range []struct{ name, src, at string }{
		{"10k parentheses", "int main(void) { int x = " + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "; return x; }\n", "server.c:1:68: "},
		{"30k blocks", "int main(void) {\n int x = 0;\n " + strings.Repeat("{", 30000) + "x++;" + strings.Repeat("}", 30000) + "\n return x; }\n", "server.c:3:129: "},
		{"10k ifs", "int main(void) {\n int x = 1;\n " + strings.Repeat("if (x) ", 10000) + "x++;\n return x - 2; }\n", "server.c:3:873: "},
	} {
		setDoc(t, ctx, 0, c.src)
		run(t, ctx)
		if e := text(t, ctx, "#np-error"); !strings.Contains(e, c.at+tooDeep) {
			t.Errorf("%s: error %q, want %q", c.name, e, c.at+tooDeep)
		}
	}
	// Macros that build deep nesting: 256 levels compile as natively
	// (stack/c's hostile cases), 1024 meet the expansion limit with the
	// native message.
	setDoc(t, ctx, 0, doubling(256))
	run(t, ctx)
	if out := eval[string](t, ctx, consoleOut); !strings.HasPrefix(out, "257\n") {
		t.Errorf("P256 in the page printed %q (error %q)", out, text(t, ctx, "#np-error"))
	}
	setDoc(t, ctx, 0, doubling(1024))
	run(t, ctx)
	const expansion = "server.c:13:33: fatal error: macros expand too much here for netplay (over 4194304 tokens processed): expand fewer levels"
	if e := text(t, ctx, "#np-error"); !strings.Contains(e, expansion) {
		t.Errorf("P1024 in the page: error %q, want %q", e, expansion)
	}
	shot(t, ctx, "macros-1024")
	// The engine survived all of it.
	setDoc(t, ctx, 0, lines(3))
	run(t, ctx)
	if out := eval[string](t, ctx, consoleOut); !strings.HasPrefix(out, "line 0\n") {
		t.Errorf("after the deep sources the run printed %q", out)
	}
}

// doubling is stack/c's hostile case: a program printing P<n>(1), its
// macros P1(x) x+1 and P<2k>(x) P<k>(P<k>(x)).
func doubling(n int) string {
	var b strings.Builder
	b.WriteString("#include <stdio.h>\n#define P1(x) x+1\n")
	for k := 1; k < n; k *= 2 {
		fmt.Fprintf(&b, "#define P%d(x) P%d(P%d(x))\n", 2*k, k, k)
	}
	fmt.Fprintf(&b, "int main(void) { printf(\"%%d\\n\", P%d(1)); return 0; }\n", n)
	return b.String()
}

// TestBenchOutput measures, in chromium, on a page whose engine has
// warmed up (make bench):
//
//	console_200k_lines_ms  Run clicked → a program printing 200,000 lines
//	                       has run and its console shows the end
//	longest_task_ms        the longest task on the page's thread meanwhile
//	stop_printing_loop_ms  Stop clicked on a printing loop → the page
//	                       shows the stopped run with its trace
//	engine_peak_mb         the engine worker's memory (its wasm memory
//	                       only grows) once the printing loop, left
//	                       alone, has ended by itself
//	recursion_depth_wasm   the deepest f(n) = n ? f(n-1)+1 : 0 that
//	                       completes in the page
//
// Medians of a few rounds; nothing here asserts a time.
func TestBenchOutput(t *testing.T) {
	benchOn(t)
	ctx := withPrograms(t, lines(200000), quiet)
	var shown, longest []float64
	for i := 0; i < 3; i++ {
		setDoc(t, ctx, 0, lines(200000)+fmt.Sprintf("/* round %d */\n", i)) // a new program: the engine runs it afresh
		eval[any](t, ctx, `(() => { window.__longest = 0; if (!window.__lt) { window.__lt = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }); window.__lt.observe({type: 'longtask'}); } return null })()`)
		before := eval[int](t, ctx, runsDone)
		ms := timedAction(t, ctx, `document.querySelector('#np-run').click()`,
			fmt.Sprintf(`%s > %d && document.querySelector('#np-console-out').textContent.includes('[exit status')`, runsDone, before))
		shown, longest = append(shown, ms), append(longest, eval[float64](t, ctx, `window.__longest`))
	}
	t.Logf("200,000 lines: run + shown %v ms, longest task %v ms", shown, longest)

	var stops []float64
	for i := 0; i < 3; i++ {
		setDoc(t, ctx, 0, printingLoop+fmt.Sprintf("/* round %d */\n", i))
		before := eval[int](t, ctx, runsDone)
		click(t, ctx, "#np-run")
		time.Sleep(1500 * time.Millisecond) // compiled, printing
		stops = append(stops, timedAction(t, ctx, `document.querySelector('#np-stop').click()`,
			fmt.Sprintf(`%s > %d && document.querySelector('#np-status').textContent.includes('stopped')`, runsDone, before)))
	}
	t.Logf("Stop of the printing loop: %v ms", stops)

	run(t, ctx) // the printing loop, left alone, ends by itself
	t.Logf("the printing loop left alone: %s", text(t, ctx, "#np-status"))
	peak := evalAwait[float64](t, ctx, `new Promise(resolve => {
		const e = window.netplayEngine, h = e.handler;
		e.handler = (m) => { if (m.type !== 'memory') return h(m); e.handler = h; resolve(m.bytes); };
		e.send({type: 'memory'});
	})`)

	// The deepest recursion that completes, by halving.
	lo, hi := 1000, 60000
	for hi-lo > 50 {
		mid := (lo + hi) / 2
		setDoc(t, ctx, 0, recursive(mid))
		run(t, ctx)
		if strings.HasPrefix(eval[string](t, ctx, consoleOut), strconv.Itoa(mid)+"\n") {
			lo = mid
		} else {
			hi = mid
		}
	}
	fmt.Printf("BENCH console_200k_lines_ms %.0f ms\n", median(shown))
	fmt.Printf("BENCH longest_task_ms %.0f ms\n", median(longest))
	fmt.Printf("BENCH stop_printing_loop_ms %.0f ms\n", median(stops))
	fmt.Printf("BENCH engine_peak_mb %.0f MB\n", peak/(1<<20))
	fmt.Printf("BENCH recursion_depth_wasm %d calls\n", lo)
}

// timedAction does act in the page and returns the milliseconds, in the
// page's clock, until done holds (checked every 5 ms and on every change
// to the document).
func timedAction(t *testing.T, ctx context.Context, act, done string) float64 {
	t.Helper()
	eval[any](t, ctx, fmt.Sprintf(`(() => {
		window.__took = undefined;
		const t0 = performance.now();
		const check = () => { if (window.__took === undefined && (%s)) { window.__took = performance.now() - t0; obs.disconnect(); } };
		const obs = new MutationObserver(check);
		obs.observe(document.querySelector('#np-page'), {subtree: true, childList: true, attributes: true, characterData: true});
		const poll = () => { check(); if (window.__took === undefined) setTimeout(poll, 5); };
		%s;
		poll();
		return null;
	})()`, done, act))
	waitFor(t, ctx, 180*time.Second, "done", `window.__took !== undefined`)
	return eval[float64](t, ctx, `window.__took`)
}
