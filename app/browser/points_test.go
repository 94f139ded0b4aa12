package browser

// One test per numbered point of the page's issue (4), each checking what a
// user would notice broken.

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"netplay/stack/scenario"
)

// 1. Hosts and topology: rename, add, remove hosts; addresses, routes,
// routers, link delay and loss are edited in the page.
func TestTopology(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitDoc(t, ctx, 1, "connect")
	// Rename the client; the link and its editor follow.
	setInput(t, ctx, ".np-host-row:nth-of-type(2) .np-host-name", "alice")
	waitFor(t, ctx, 5*time.Second, "renamed", `Array.from(document.querySelectorAll('.np-file')).some(e => e.textContent === 'alice.c')`)
	if v := eval[string](t, ctx, `document.querySelector('.np-link-hosts').value`); !strings.Contains(v, "alice") {
		t.Errorf("link hosts after rename = %q", v)
	}
	// Add a host, make it a router, give it addresses; add a route; remove it again.
	click(t, ctx, "#np-addhost")
	waitFor(t, ctx, 5*time.Second, "third host", `document.querySelectorAll('.np-host-row').length === 3 && document.querySelectorAll('.np-editor').length === 3`)
	setInput(t, ctx, ".np-host-row:nth-of-type(3) .np-host-addrs", "10.0.0.254/24, 10.0.1.254/24")
	setChecked(t, ctx, ".np-host-row:nth-of-type(3) .np-host-forward", true)
	click(t, ctx, "#np-addroute")
	waitFor(t, ctx, 5*time.Second, "route row", `document.querySelectorAll('.np-route-row').length === 1`)
	setInput(t, ctx, ".np-route-host", "alice")
	setInput(t, ctx, ".np-route-to", "10.0.1.0/24")
	setInput(t, ctx, ".np-route-via", "10.0.0.254")
	setInput(t, ctx, ".np-link-delay", "5ms")
	setInput(t, ctx, ".np-link-loss", "0")
	shot(t, ctx, "12-topology-edit")
	_, sc := shareFragment(t, ctx)
	if len(sc.Hosts) != 3 || sc.Hosts[1].Name != "alice" || !sc.Hosts[2].Forward || len(sc.Hosts[2].Addrs) != 2 {
		t.Errorf("hosts in the scenario = %+v", sc.Hosts)
	}
	if len(sc.Routes) != 1 || sc.Routes[0] != (scenario.Route{Host: "alice", To: "10.0.1.0/24", Via: "10.0.0.254"}) {
		t.Errorf("routes = %+v", sc.Routes)
	}
	if len(sc.Links) != 1 || sc.Links[0].Delay.D() != 5*time.Millisecond || len(sc.Links[0].Hosts) != 3 {
		t.Errorf("links = %+v", sc.Links)
	}
	// Remove the router and the route: the handshake runs with the new delay
	// (the SYN leaves at 10 ms and arrives 5 ms later).
	click(t, ctx, ".np-route-remove")
	click(t, ctx, ".np-host-row:nth-of-type(3) .np-host-remove")
	waitFor(t, ctx, 5*time.Second, "host removed", `document.querySelectorAll('.np-host-row').length === 2 && document.querySelectorAll('.np-editor').length === 2`)
	waitDoc(t, ctx, 1, "connect")
	run(t, ctx)
	times := strings.Join(texts(t, ctx, "#np-diagram .np-time"), " ")
	// ARP (hidden) first: who-has at 0.010, its reply at 0.015, then the
	// SYN leaves at 0.020 and arrives at 0.025.
	if !strings.Contains(times, "0.025") || strings.Contains(times, "0.012") {
		t.Errorf("with a 5 ms link the SYN should arrive at 0.025; time axis: %s", times)
	}
	if !strings.Contains(strings.Join(texts(t, ctx, "#np-diagram .np-host"), " "), "alice") {
		t.Errorf("the renamed host has no lifeline")
	}
	// The renamed host's console tab shows its output.
	eval[any](t, ctx, `(() => { Array.from(document.querySelectorAll('.np-tab')).find(b => b.textContent === 'alice').click(); return null })()`)
	waitFor(t, ctx, 5*time.Second, "alice's console", `document.querySelector('#np-console-out').textContent.includes('connected to')`)
	shot(t, ctx, "13-topology-run")
}

// 2. Editor: CodeMirror with C highlighting and line numbers; Ctrl+Enter runs.
func TestEditor(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitDoc(t, ctx, 0, "listen")
	if n := count(t, ctx, ".np-editor .cm-gutters .cm-lineNumbers"); n < 2 {
		t.Errorf("line numbers in %d editors", n)
	}
	// C highlighting: keywords and strings are in spans of their own.
	if n := count(t, ctx, ".np-editor .cm-line span"); n < 20 {
		t.Errorf("only %d highlighted tokens", n)
	}
	before := eval[int](t, ctx, runsDone)
	eval[any](t, ctx, `(() => { const c = document.querySelector('.np-editor .cm-content'); c.focus(); c.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', code: 'Enter', keyCode: 13, ctrlKey: true, bubbles: true, cancelable: true})); return null })()`)
	runAfter(t, ctx, before)
	if labels := eval[[]string](t, ctx, arrowLabels); !hasPrefix(labels, "SYN") {
		t.Errorf("Ctrl+Enter did not run: %q", labels)
	}
}

// 3. Run, Stop, Step, Reset, speed and the time scrubber.
func TestStepScrubReset(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitDoc(t, ctx, 1, "connect")
	run(t, ctx)
	all := count(t, ctx, "#np-diagram g.np-arrow")
	// Step from the start: one row at a time, the current line marked.
	click(t, ctx, "#np-step")
	waitFor(t, ctx, 5*time.Second, "first step", `document.querySelector('#np-scrub').value === '0'`)
	var lines []string
	for i := 0; i < 12; i++ {
		upto := eval[string](t, ctx, `document.querySelector('#np-page').dataset.upto`)
		click(t, ctx, "#np-step")
		// The step marks the lines before the page renders its new row.
		waitFor(t, ctx, 5*time.Second, "the next step", fmt.Sprintf(`document.querySelector('#np-page').dataset.upto !== %q`, upto))
		lines = append(lines, texts(t, ctx, ".cm-np-current")...)
	}
	if len(lines) == 0 {
		t.Errorf("stepping marks no current line in the editors")
	} else if joined := strings.Join(lines, "\n"); !strings.Contains(joined, "socket(") || !strings.Contains(joined, "connect(") {
		t.Errorf("current lines while stepping: %q", lines)
	}
	shot(t, ctx, "14-step")
	// The scrubber moves back and forth.
	scrubTo(t, ctx, 12)
	n3 := count(t, ctx, "#np-diagram g.np-arrow")
	scrubTo(t, ctx, scrubMax(t, ctx))
	nAll := count(t, ctx, "#np-diagram g.np-arrow")
	if n3 >= nAll || nAll != all {
		t.Errorf("scrubber: %d arrows at row 12, %d at the end (%d after the run)", n3, nAll, all)
	}
	// A speed replays the trace in time order after the run.
	setInput(t, ctx, "#np-speed", "fast")
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-run")
	runAfter(t, ctx, before)
	partial := count(t, ctx, "#np-diagram g.np-arrow")
	waitFor(t, ctx, 30*time.Second, "replay done", fmt.Sprintf(`document.querySelectorAll('#np-diagram g.np-arrow').length === %d && document.querySelector('#np-scrub').value === document.querySelector('#np-scrub').max`, all))
	if partial >= all {
		t.Errorf("fast replay showed all %d arrows at once", all)
	}
	setInput(t, ctx, "#np-speed", "all")
	// Reset brings back the scenario as it was opened.
	setDoc(t, ctx, 0, "int main(void) { return 1; }\n")
	click(t, ctx, "#np-reset")
	waitDoc(t, ctx, 0, "listen")
}

// 4. The diagram: labels, absolute numbers, time axis, states, calls;
// clicking a call marks its line; hovering a line marks what it caused.
func TestDiagramLinks(t *testing.T) {
	ctx := handshake(t)
	if tm := texts(t, ctx, "#np-diagram .np-time"); len(tm) < 3 || tm[0] != "0.000" {
		t.Errorf("time axis = %q", tm)
	}
	setChecked(t, ctx, "#np-abs", true)
	waitFor(t, ctx, 5*time.Second, "absolute", `!Array.from(document.querySelectorAll('#np-diagram g.np-arrow .np-label')).some(e => e.textContent === 'SYN seq=0')`)
	labels := eval[[]string](t, ctx, arrowLabels)
	if !hasPrefix(labels, "SYN seq=") || hasPrefix(labels, "SYN seq=0") {
		t.Errorf("absolute labels = %q", labels)
	}
	setChecked(t, ctx, "#np-abs", false)
	waitFor(t, ctx, 5*time.Second, "relative", `Array.from(document.querySelectorAll('#np-diagram g.np-arrow .np-label')).some(e => e.textContent === 'SYN seq=0')`)

	// Clicking the connect marker highlights its line in the client's editor.
	clickCall(t, ctx, "connect(")
	waitFor(t, ctx, 5*time.Second, "connect line", `Array.from(document.querySelectorAll('.cm-np-current')).some(e => e.textContent.includes('connect('))`)

	// Hovering the connect line marks the call and the SYN it sent.
	hover := `(() => { const l = Array.from(document.querySelectorAll('.np-editor .cm-line')).find(e => e.textContent.includes('connect(')); if (!l) return false; l.scrollIntoView({block: 'center'}); const r = l.getBoundingClientRect(); l.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + 40, clientY: r.top + r.height / 2, bubbles: true})); return true })()`
	if !eval[bool](t, ctx, hover) {
		t.Fatalf("no connect line in the editors")
	}
	waitFor(t, ctx, 5*time.Second, "hover marks", `document.querySelector('#np-diagram .np-call.np-hl') !== null`)
	hl := texts(t, ctx, "#np-diagram g.np-arrow.np-hl .np-label")
	if !hasPrefix(hl, "SYN seq=0") {
		t.Errorf("hovering connect() marks frames %q, want the SYN", hl)
	}
	shot(t, ctx, "15-hover-connect")
	eval[any](t, ctx, `(() => { document.querySelector('.np-editor .cm-content').dispatchEvent(new MouseEvent('mouseleave', {bubbles: false})); document.querySelector('.np-editor .cm-editor').dispatchEvent(new MouseEvent('mouseleave')); return null })()`)
}

// 5. The sockets view follows the trace: a listener's SYN queue and
// accept queue change as the scrubber moves.
func TestSocketsView(t *testing.T) {
	ctx := handshake(t)
	max := scrubMax(t, ctx)
	seen := map[string]bool{}
	var snaps []string
	for v := 0; v <= max; v++ {
		scrubTo(t, ctx, v)
		s := text(t, ctx, ".np-sockets")
		if !seen[s] {
			seen[s] = true
			snaps = append(snaps, s)
		}
		if strings.Contains(s, "synq 1") && strings.Contains(s, "SYN_RECV") && !seen["synq"] {
			seen["synq"] = true
			shot(t, ctx, "16-sockets-synq")
		}
		if strings.Contains(s, "acceptq 1/") {
			seen["acceptq"] = true
		}
	}
	if !seen["synq"] {
		t.Errorf("the listener's SYN queue did not change while scrubbing:\n%s", strings.Join(snaps, "\n---\n"))
	}
	if !strings.Contains(strings.Join(snaps, "\n"), "LISTEN") {
		t.Errorf("no LISTEN socket while scrubbing")
	}
	// The accept queue fills when the server calls accept late.
	gallery(t, ctx, "before-accept")
	run(t, ctx)
	max = scrubMax(t, ctx)
	acceptq := false
	for v := 0; v <= max && !acceptq; v++ {
		scrubTo(t, ctx, v)
		s := text(t, ctx, ".np-sockets")
		if strings.Contains(s, "acceptq 1/") {
			acceptq = true
			// The diagram follows the scrubber: the current row is in view.
			waitFor(t, ctx, 5*time.Second, "current row in view", `(() => { const n = document.querySelector('#np-diagram .np-now'); if (!n) return false; const a = n.getBoundingClientRect(), b = document.querySelector('#np-diagram').getBoundingClientRect(); return a.top >= b.top && a.bottom <= b.bottom })()`)
			shot(t, ctx, "16b-sockets-acceptq")
		}
	}
	if !acceptq {
		t.Errorf("before-accept: the accept queue never held a connection")
	}
}

// 6. The packet inspector decodes a frame's layers and shows its bytes.
func TestInspector(t *testing.T) {
	ctx := handshake(t)
	// Keyboard: focus the SYN and press Enter.
	eval[any](t, ctx, `(() => { const g = Array.from(document.querySelectorAll('#np-diagram g.np-arrow')).find(g => g.getAttribute('aria-label') === 'SYN seq=0'); g.focus(); g.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); return null })()`)
	waitFor(t, ctx, 5*time.Second, "inspector shows the frame", `document.querySelector('#np-drop') !== null`)
	insp := text(t, ctx, "#np-inspector")
	for _, want := range []string{"Ethernet", "IPv4", "TCP", "0x02 SYN", "0000  ", "0010  "} {
		if !strings.Contains(insp, want) {
			t.Errorf("inspector lacks %q:\n%s", want, insp)
		}
	}
}

// 7. The console shows stdout, stderr, the exit status and a runtime
// error with its line.
func TestConsole(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitDoc(t, ctx, 0, "listen")
	setDoc(t, ctx, 0, "#include <stdio.h>\n\nint main(void)\n{\n    int *p = 0;\n    printf(\"<b>out</b>\\n\");\n    fprintf(stderr, \"err line\\n\");\n    return *p;\n}\n")
	run(t, ctx)
	out := text(t, ctx, "#np-console-out")
	for _, want := range []string{"<b>out</b>", "err line", "139", "Segmentation fault at server.c:8"} {
		if !strings.Contains(out, want) {
			t.Errorf("console lacks %q:\n%s", want, out)
		}
	}
	if n := count(t, ctx, "#np-console-out b"); n != 0 {
		t.Errorf("program output was parsed as HTML")
	}
	if s := text(t, ctx, "#np-console-out .np-stderr"); !strings.Contains(s, "err line") {
		t.Errorf("stderr not marked as such: %q", s)
	}
	shot(t, ctx, "17-console-segv")
}

// 8. Fault rules from the diagram are listed and removable.
func TestFaultRemove(t *testing.T) {
	ctx := handshake(t)
	clickArrow(t, ctx, "SYN,ACK seq=0 ack=1")
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-drop")
	runAfter(t, ctx, before)
	if n := count(t, ctx, "#np-faults .np-fault"); n != 1 {
		t.Fatalf("%d fault rules listed", n)
	}
	before = eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-faults .np-fault button")
	runAfter(t, ctx, before)
	if n := count(t, ctx, "#np-faults .np-fault"); n != 0 {
		t.Errorf("rule still listed after remove")
	}
	if n := count(t, ctx, "#np-diagram g.np-arrow.np-dropped"); n != 0 {
		t.Errorf("%d frames still dropped after the rule was removed", n)
	}
}

// 9. Export: the capture (pcapng; tshark reads it) and the text trace download.
func TestExport(t *testing.T) {
	ctx := handshake(t)
	dir := download(t, ctx, 10*time.Second, "#np-pcap", "#np-text")
	pcap := filepath.Join(dir, "netplay-handshake.pcapng")
	txt := filepath.Join(dir, "netplay-handshake.txt")
	b, err := os.ReadFile(pcap)
	if err != nil || len(b) < 24 {
		t.Fatalf("pcap download: %v (%d bytes)", err, len(b))
	}
	if tshark, err := exec.LookPath("tshark"); err == nil {
		out, err := exec.Command(tshark, "-r", pcap, "-Y", "tcp.flags.syn==1").CombinedOutput()
		if err != nil || strings.Count(string(out), "\n") < 2 {
			t.Errorf("tshark on the pcap: %v\n%s", err, out)
		}
	}
	tb, _ := os.ReadFile(txt)
	if !strings.Contains(string(tb), "Flags [S]") || !strings.Contains(string(tb), "Flags [S.]") {
		t.Errorf("text trace:\n%s", tb)
	}
}

// 9. On a static host (no /api) the short link fails with a message and
// the page stays usable; the #s= link works there.
func TestStaticHost(t *testing.T) {
	bin := os.Getenv("NETPLAY_BIN")
	if bin == "" {
		t.Skip("needs NETPLAY_BIN")
	}
	site := t.TempDir()
	if out, err := exec.Command(bin, "site", "--web", webDir, "--out", site).CombinedOutput(); err != nil {
		t.Fatalf("netplay site: %v\n%s", err, out)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	ctx := newBrowser(t)
	within(t, ctx, 60*time.Second, "static site", chromedp.Navigate(srv.URL+"/"))
	waitFor(t, ctx, 60*time.Second, "page interactive", runEnabled)
	waitDoc(t, ctx, 1, "connect")
	if eval[bool](t, ctx, `document.querySelector('#np-short') !== null`) {
		click(t, ctx, "#np-short")
		waitFor(t, ctx, 10*time.Second, "short link message", `document.querySelector('#np-notice') !== null`)
		if n := text(t, ctx, "#np-notice"); !strings.Contains(n, "short link") {
			t.Errorf("short link on a static host: notice %q", n)
		}
		shot(t, ctx, "18-static-short-link")
	}
	run(t, ctx)
	if labels := eval[[]string](t, ctx, arrowLabels); !hasPrefix(labels, "SYN,ACK") {
		t.Errorf("the page is not usable on a static host: %q", labels)
	}
	link, _ := shareFragment(t, ctx)
	ctx2, cancel := newTab(ctx)
	defer cancel()
	within(t, ctx2, 60*time.Second, "static link", chromedp.Navigate(link))
	waitFor(t, ctx2, 60*time.Second, "page interactive", runEnabled)
	waitDoc(t, ctx2, 1, "connect")
}

// 11. The language comes from the browser: zh-CN gets Chinese.
func TestLanguageFromBrowser(t *testing.T) {
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Object.defineProperty(navigator, 'language', {get: () => 'zh-CN'})`,
	}); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, "/")
	waitFor(t, ctx, 5*time.Second, "Chinese", `document.querySelector('#np-run').textContent.includes('运行')`)
	if l := eval[string](t, ctx, `document.querySelector('#np-page').lang`); l != "zh" {
		t.Errorf("lang = %q", l)
	}
}

// 12. Offline: after the first visit the service worker serves the page.
func TestOffline(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	// The service worker is active once it has cached what it lists
	// (go-app's worker installs with cache.addAll).
	waitFor(t, ctx, 60*time.Second, "service worker with app.wasm cached", `(() => {
		if (window.__sw === undefined) {
			window.__sw = 'waiting';
			navigator.serviceWorker.ready
				.then(() => caches.keys())
				.then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys()))))
				.then(l => { window.__sw = l.flat().map(r => r.url); }, () => { window.__sw = undefined; });
		}
		if (!Array.isArray(window.__sw)) return false;
		if (window.__sw.some(u => u.endsWith('/web/app.wasm'))) return true;
		window.__sw = undefined;
		return false;
	})()`)
	off := true
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &off,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatal(err)
	}
	// The server is still there; a fetch must fail to prove we are offline.
	if ok := evalAwait[bool](t, ctx, `fetch('/api/share/nothing-here', {cache: 'no-store'}).then(() => true, () => false)`); ok {
		t.Fatalf("still online after emulating offline")
	}
	within(t, ctx, 60*time.Second, "reload offline", chromedp.Reload())
	waitFor(t, ctx, 60*time.Second, "interactive offline", runEnabled)
	waitDoc(t, ctx, 1, "connect")
	run(t, ctx)
	if labels := eval[[]string](t, ctx, arrowLabels); !hasPrefix(labels, "SYN,ACK") {
		t.Errorf("offline run: %q", labels)
	}
	shot(t, ctx, "19-offline")
}

// 13. The wasm is served precompressed with its content type and cache headers.
func TestServing(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	type hdr struct {
		Type, Encoding, Cache, ETag string
		Status                      int
	}
	for _, enc := range []string{"br", "gzip"} {
		req, _ := http.NewRequest("GET", baseURL+"/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", enc)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := hdr{resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"), resp.Header.Get("Cache-Control"), resp.Header.Get("ETag"), resp.StatusCode}
		if h.Status != 200 || h.Type != "application/wasm" || h.Encoding != enc || h.Cache == "" || h.ETag == "" {
			t.Errorf("app.wasm with Accept-Encoding %s: %+v", enc, h)
		}
	}
	// What the browser gets (the engine worker downloads app.wasm, out of
	// the page's resource timing, so the page fetches it once more).
	enc := evalAwait[string](t, ctx, `fetch('/web/app.wasm?served', {cache: 'no-store'}).then(r => r.arrayBuffer()).then(() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('/web/app.wasm?served')).map(e => e.encodedBodySize < e.decodedBodySize ? 'compressed' : 'raw').join())`)
	if !strings.Contains(enc, "compressed") {
		t.Errorf("the browser got app.wasm %q", enc)
	}
}

// 14. Bad links open an empty playground with a clear message.
func TestBadLinks(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitDoc(t, ctx, 0, "listen")
	link, sc := shareFragment(t, ctx)
	_, frag, _ := strings.Cut(link, "#s=")
	v2 := strings.Replace(string(must(sc.Canonical())), `"version":1`, `"version":2`, 1)
	big := *sc
	big.Hosts = append([]scenario.Host(nil), sc.Hosts...)
	big.Hosts[0].Program = strings.Repeat("/* padding */\n", scenario.MaxSize/14+1) // over the limit however it grows
	bigFrag := rawFragment(t, must(json.Marshal(&big)))
	cases := []struct{ name, frag, want string }{
		{"truncated", frag[:len(frag)/2], "share link"},
		{"tampered", frag[:20] + "AAAAAAAAAAAAAAAAAAAAAAAA" + frag[44:], "share link"},
		{"version", rawFragment(t, []byte(v2)), "version"},
		{"too-large", bigFrag, "larger"},
	}
	for _, c := range cases {
		openFresh(t, ctx, "/#s="+c.frag)
		waitFor(t, ctx, 10*time.Second, c.name+" notice", `document.querySelector('#np-notice') !== null`)
		n := text(t, ctx, "#np-notice")
		if !strings.Contains(n, "cannot be opened") || !strings.Contains(n, c.want) {
			t.Errorf("%s link: notice %q, want %q", c.name, n, c.want)
		}
		if d := doc(t, ctx, 0); strings.Contains(d, "listen") {
			t.Errorf("%s link opened a program", c.name)
		}
		shot(t, ctx, "20-badlink-"+c.name)
	}
	// A link's texts and names are shown as text, never as markup.
	evil := *sc
	evil.Hosts = append([]scenario.Host(nil), sc.Hosts...)
	evil.Text = map[string]string{"en": `<img src=x onerror="window.__xss=1">teach`}
	evil.Linux = map[string]string{"en": `<b id="np-xss">bold</b>`}
	evil.Title = `<i>title</i>`
	evil.Hosts[0].Program = "/* </textarea><script>window.__xss=2</script> */\n" + evil.Hosts[0].Program
	openFresh(t, ctx, "/#s="+rawFragment(t, must(json.Marshal(&evil))))
	waitFor(t, ctx, 10*time.Second, "evil link opened", `document.querySelector('.np-teach') !== null`)
	waitDoc(t, ctx, 0, "</textarea>")
	if n := count(t, ctx, "#np-notes img, #np-xss, .np-editor script"); n != 0 || eval[bool](t, ctx, `window.__xss !== undefined`) {
		t.Errorf("a link's text was parsed as HTML (%d elements)", n)
	}
	if s := text(t, ctx, ".np-teach"); !strings.Contains(s, "<img") {
		t.Errorf("teaching text = %q", s)
	}

	// The empty playground still works (and then shows output as text).
	openFresh(t, ctx, "/#s="+frag[:len(frag)/2])
	waitFor(t, ctx, 10*time.Second, "empty playground", `document.querySelector('#np-notice') !== null`)
	setDoc(t, ctx, 0, "#include <stdio.h>\nint main(void) { printf(\"<img src=x onerror=alert(1)>\\n\"); return 0; }\n")
	run(t, ctx)
	if n := count(t, ctx, "#np-console-out img"); n != 0 || !strings.Contains(text(t, ctx, "#np-console-out"), "<img") {
		t.Errorf("output not shown as text")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// rawFragment encodes JSON as a share fragment the way the page does,
// without validating it first.
func rawFragment(t testing.TB, js []byte) string {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(js)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}
