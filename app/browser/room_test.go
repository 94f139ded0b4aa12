package browser

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	appgallery "netplay/app/gallery"
)

// Issue 15's room to see, edits never lost, errors at their line, every
// word in both languages, and the phone: each as a learner meets it.

// TestEditsKept: an edit is saved as it is made; a reload brings it back;
// another gallery scenario and back brings it back; Reset puts it aside
// and Undo brings it back.
func TestEditsKept(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	const mark = "/* my edit */"
	setDoc(t, ctx, 1, doc(t, ctx, 1)+mark+"\n")
	waitFor(t, ctx, 5*time.Second, "draft saved", fmt.Sprintf(`(localStorage.getItem('netplay.draft.g:handshake') || '').includes(%q)`, mark))

	openFresh(t, ctx, "/")
	waitDoc(t, ctx, 1, mark)
	waitFor(t, ctx, 5*time.Second, "restored notice", `document.querySelector('#np-discard') !== null`)
	shot(t, ctx, "room-draft-restored")

	gallery(t, ctx, "refused")
	if strings.Contains(doc(t, ctx, 1), mark) {
		t.Errorf("the edit followed to another scenario")
	}
	gallery(t, ctx, "handshake")
	waitDoc(t, ctx, 1, mark)

	click(t, ctx, "#np-reset")
	waitFor(t, ctx, 5*time.Second, "undo offered", `document.querySelector('#np-undo-reset') !== null`)
	if strings.Contains(doc(t, ctx, 1), mark) {
		t.Errorf("Reset kept the edit in the editor")
	}
	click(t, ctx, "#np-undo-reset")
	waitDoc(t, ctx, 1, mark)
	// Back from the edits to the original, and a reload keeps it so.
	click(t, ctx, "#np-reset")
	waitFor(t, ctx, 5*time.Second, "draft dropped", `localStorage.getItem('netplay.draft.g:handshake') === null`)
	openFresh(t, ctx, "/")
	if strings.Contains(doc(t, ctx, 1), mark) || count(t, ctx, "#np-discard") != 0 {
		t.Errorf("after Reset a reload brought the edit back")
	}
}

// TestRoom at 1280×800: the program fills its editor (tabs), the notes are
// whole and fold away, the status line never moves the diagram, and the
// splitter between the panes drags and is remembered.
func TestRoom(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	// The editor shows the program, not its #include lines alone.
	lines := eval[int](t, ctx, `document.querySelectorAll('.np-editor-box:not(.np-editor-hidden) .cm-line').length`)
	visible := eval[int](t, ctx, editorLinesShown)
	// At 1280×800 with the files panel and the console's input line: the
	// program past its #include lines, into main.
	mainShown := eval[bool](t, ctx, `(() => { const b = document.querySelector('.np-editor-box:not(.np-editor-hidden) .cm-scroller').getBoundingClientRect(); const l = Array.from(document.querySelectorAll('.np-editor-box:not(.np-editor-hidden) .cm-line')).find(l => l.textContent.includes('main(')); if (!l) return false; const r = l.getBoundingClientRect(); return r.top >= b.top && r.bottom <= b.bottom })()`)
	if visible < 20 || !mainShown {
		t.Errorf("the editor shows %d lines of %d (main on screen: %v)", visible, lines, mainShown)
	}
	t.Logf("the editor shows %d lines of %d", visible, lines)
	// ⤢ gives the editor the whole column (the topology and the files
	// folded away), the diagram still beside it; ⤡ gives them back.
	click(t, ctx, "#np-editors-wide")
	waitFor(t, ctx, 5*time.Second, "editors wide", `document.querySelector('.np-left-wide') !== null && document.querySelector('.np-topology').offsetHeight === 0`)
	nextFrames(t, ctx)
	if wide := eval[int](t, ctx, editorLinesShown); wide < 27 {
		t.Errorf("given the whole column the editor shows %d lines of %d", wide, lines)
	} else {
		t.Logf("given the whole column the editor shows %d lines of %d", wide, lines)
	}
	if h := eval[float64](t, ctx, `document.querySelector('#np-diagram').getBoundingClientRect().height`); h < 250 {
		t.Errorf("the diagram is %.0f px high beside the wide editor", h)
	}
	shot(t, ctx, "room-1280-wide")
	click(t, ctx, "#np-editors-wide")
	waitFor(t, ctx, 5*time.Second, "editors back", `document.querySelector('.np-left-wide') === null && document.querySelector('.np-topology').offsetHeight > 0`)
	click(t, ctx, ".np-editor-tabs .np-tab:nth-child(2)")
	waitFor(t, ctx, 5*time.Second, "client tab", `document.querySelector('.np-editor-box:not(.np-editor-hidden) .np-file').textContent === 'client.c'`)

	// The notes: whole (the "Next:" sentence on screen), folded by a click.
	waitFor(t, ctx, 5*time.Second, "notes", `document.querySelector('#np-notes') !== null`)
	if !eval[bool](t, ctx, `(() => { const n = document.querySelector('#np-notes'); return n.scrollHeight <= n.clientHeight + 1 })()`) {
		t.Errorf("the notes are cut")
	}
	if !eval[bool](t, ctx, `(() => { const n = document.querySelector('#np-notes').getBoundingClientRect(); const p = document.querySelector('.np-teach'); const r = document.createRange(); const i = p.textContent.indexOf('Next:'); if (i < 0) return false; r.setStart(p.firstChild, i); r.setEnd(p.firstChild, i + 5); const q = r.getBoundingClientRect(); return q.top >= n.top && q.bottom <= n.bottom })()`) {
		t.Errorf("the Next: sentence is not on screen")
	}
	shot(t, ctx, "room-1280")
	click(t, ctx, "#np-notes-toggle")
	waitFor(t, ctx, 5*time.Second, "notes folded", `document.querySelector('#np-notes') === null`)
	click(t, ctx, "#np-notes-toggle")
	waitFor(t, ctx, 5*time.Second, "notes unfolded", `document.querySelector('#np-notes') !== null`)
	nextFrames(t, ctx)

	// The status line stays one line: the diagram does not move at Run.
	top := eval[float64](t, ctx, `document.querySelector('#np-diagram').getBoundingClientRect().top`)
	run(t, ctx)
	if after := eval[float64](t, ctx, `document.querySelector('#np-diagram').getBoundingClientRect().top`); after != top {
		t.Errorf("the diagram moved from y=%v to y=%v at Run (status %q)", top, after, text(t, ctx, "#np-status"))
	}
	if s := text(t, ctx, "#np-status"); strings.Contains(s, "·  ·") || !regexp.MustCompile(`^\d+ events · .+ · \d+ ms$`).MatchString(s) {
		t.Errorf("status %q", s)
	}
	if !eval[bool](t, ctx, statusWhole) {
		t.Errorf("the status %q is cut at 1280×800", text(t, ctx, "#np-status"))
	}

	// Fitted to its pane's width, the diagram follows the pane as the
	// splitter is dragged (the pane's size comes from a ResizeObserver).
	const fits = `(() => { const p = document.querySelector('#np-diagram'); return p.querySelector('.np-diagram-body svg') !== null && p.scrollWidth <= p.clientWidth + 1 })()`
	click(t, ctx, "#np-zoom-fit")
	waitFor(t, ctx, 5*time.Second, "the diagram fitted", fits)

	// Drag the splitter between the editors and the diagram 200 px right.
	x0 := eval[float64](t, ctx, `document.querySelector('.np-main > .np-split-v').getBoundingClientRect().left + 2`)
	w0 := eval[float64](t, ctx, `document.querySelector('.np-left').getBoundingClientRect().width`)
	drag(t, ctx, x0, 300, x0+200, 300)
	waitFor(t, ctx, 5*time.Second, "left pane wider", fmt.Sprintf(`document.querySelector('.np-left').getBoundingClientRect().width > %v`, w0+150))
	w1 := eval[float64](t, ctx, `document.querySelector('.np-left').getBoundingClientRect().width`)
	if b := eval[float64](t, ctx, `document.querySelector('.np-bottom > .np-console-col').getBoundingClientRect().width`); b < w1-2 || b > w1+2 {
		t.Errorf("the console (%v px) does not follow the left pane (%v px)", b, w1)
	}
	waitFor(t, ctx, 5*time.Second, "the fitted diagram follows the dragged pane", fits)
	shot(t, ctx, "room-1280-dragged")
	openFresh(t, ctx, "/")
	if w := eval[float64](t, ctx, `document.querySelector('.np-left').getBoundingClientRect().width`); w < w1-2 || w > w1+2 {
		t.Errorf("after a reload the left pane is %v px, was dragged to %v", w, w1)
	}
}

// drag presses the mouse at (x0, y0), moves it in steps to (x1, y1) and
// releases it there.
func drag(t testing.TB, ctx context.Context, x0, y0, x1, y1 float64) {
	t.Helper()
	acts := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x0, y0),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, y0, chromedp.ButtonLeft),
		// The page takes the pointerdown through go-app before it
		// follows the moves.
		chromedp.Sleep(300 * time.Millisecond),
	}
	for i := 1; i <= 10; i++ {
		f := float64(i) / 10
		acts = append(acts, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x0+(x1-x0)*f, y0+(y1-y0)*f, chromedp.ButtonLeft))
	}
	acts = append(acts, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, y1, chromedp.ButtonLeft))
	within(t, ctx, 10*time.Second, "drag", acts...)
}

// TestErrorLinks: a missing ';' is reported on the line that lacks it,
// as gcc does, and the error links to it; a runtime error likewise.
func TestErrorLinks(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	client := doc(t, ctx, 1)
	lines := strings.Split(client, "\n")
	lines[37] = strings.TrimSuffix(lines[37], ";")
	setDoc(t, ctx, 1, strings.Join(lines, "\n"))
	run(t, ctx)
	if e := text(t, ctx, "#np-error"); !strings.Contains(e, "client.c:38:53: expected ';' before 'sleep'") {
		t.Errorf("error = %q", e)
	}
	click(t, ctx, "#np-error .np-errline")
	waitFor(t, ctx, 5*time.Second, "cursor on line 38", fmt.Sprintf(`(() => { const a = document.querySelector('.np-editor-box:not(.np-editor-hidden) .cm-activeLine'); return !!a && a.textContent === %q })()`, lines[37]))
	shot(t, ctx, "room-compile-error")

	// A runtime error: the console's exit line links to the line.
	setDoc(t, ctx, 1, "int main(void)\n{\n    int *p = 0;\n    return *p;\n}\n")
	run(t, ctx)
	click(t, ctx, "#np-console-out")
	waitFor(t, ctx, 10*time.Second, "client console", `Array.from(document.querySelectorAll('.np-console .np-tab')).some(b => b.textContent === 'client')`)
	eval[any](t, ctx, `Array.from(document.querySelectorAll('.np-console .np-tab')).find(b => b.textContent === 'client').click()`)
	waitFor(t, ctx, 5*time.Second, "runtime error link", `document.querySelector('#np-console-out .np-errline') !== null`)
	if s := text(t, ctx, "#np-console-out .np-errline"); !strings.Contains(s, "client.c:4") {
		t.Errorf("runtime error = %q", s)
	}
	click(t, ctx, "#np-console-out .np-errline")
	waitFor(t, ctx, 5*time.Second, "cursor on line 4", `(() => { const a = document.querySelector('.np-editor-box:not(.np-editor-hidden) .cm-activeLine'); return !!a && a.textContent === '    return *p;' })()`)
	shot(t, ctx, "room-runtime-error")
}

// editorLinesShown counts the lines of the program in view in the editor
// shown.
const editorLinesShown = `(() => { const b = document.querySelector('.np-editor-box:not(.np-editor-hidden) .cm-scroller').getBoundingClientRect(); return Array.from(document.querySelectorAll('.np-editor-box:not(.np-editor-hidden) .cm-line')).filter(l => { const r = l.getBoundingClientRect(); return r.top >= b.top && r.bottom <= b.bottom; }).length })()`

// englishAllowed are the words the Chinese page may show: code, names,
// units, and protocol terms as the lecture writes them.
var englishAllowed = regexp.MustCompile(`^(netplay|pcap|Linux|gVisor|netstack|Wireshark|tshark|IPv|EN|Ctrl|Enter|ms|s|t|fd|seq|ack|win|len|mss|ss|tcp|udp|ip|ipv6|icmp|arp|c|h|kill|socket|bind|listen|accept|connect|close|shutdown|read|write|send|recv|sendto|recvfrom|select|poll|epoll|fork|backlog|errno|keepalive|zip|json|[a-z_]+\(\)|[a-z]+_[a-z_]+)$`)

// TestChinesePage: in Chinese, the page (before and after a run, a frame
// selected) has no English word but code, names and units.
func TestChinesePage(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	click(t, ctx, "#np-lang")
	waitFor(t, ctx, 5*time.Second, "Chinese", `document.documentElement.lang === 'zh'`)
	run(t, ctx)
	eval[any](t, ctx, `document.querySelector('#np-diagram g.np-arrow').dispatchEvent(new MouseEvent('click', {bubbles: true}))`)
	waitFor(t, ctx, 5*time.Second, "inspector", `document.querySelector('#np-drop') !== null`)
	// The legend's items are in the page only while it is open.
	click(t, ctx, "#np-legend summary")
	waitFor(t, ctx, 5*time.Second, "legend open", `document.querySelectorAll('#np-legend .np-legend-item').length > 10`)
	shot(t, ctx, "room-zh")
	// What the page itself says: its text and the gallery's titles, not
	// the programs, their output, the diagram's wire labels, the hosts'
	// names and addresses (inputs) or the inspector's field names.
	words := eval[[]string](t, ctx, `(() => {
		const skip = '.cm-editor, .np-editor-title, #np-console-out, svg, .np-sockets td, .np-layers, .np-hex, .np-inspect-head code, .np-fault code, input, textarea, .np-editor-tabs, .np-tabs .np-tab, #np-error, #np-lang';
		const out = [];
		const walk = (n) => {
			if (n.nodeType === 1 && n.matches(skip)) return;
			if (n.nodeType === 3) out.push(n.textContent);
			if (n.nodeType === 1 && n.title) out.push(n.title);
			if (n.nodeType === 1 && n.getAttribute('aria-label')) out.push(n.getAttribute('aria-label'));
			for (const c of n.childNodes) walk(c);
		};
		walk(document.querySelector('#np-page'));
		return out;
	})()`)
	// The diagram's tooltips (each shape's <title>, what hovering shows),
	// with the server's lifeline narrowed so that its marks' texts are
	// tooltips too; the wire labels and the calls as the trace writes them.
	eval[any](t, ctx, `document.querySelector('#np-diagram svg:not(.np-diagram-head) g.np-lane[data-lane="server"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))`)
	waitFor(t, ctx, 5*time.Second, "server narrowed", `document.querySelector('#np-diagram g.np-lane.np-collapsed[data-lane="server"]') !== null`)
	hover(t, ctx, `#np-diagram g.np-arrow`)
	tips := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#np-diagram svg title')).map(e => e.textContent)`)
	if len(tips) < 10 {
		t.Fatalf("only %d tooltips in the diagram: %q", len(tips), tips)
	}
	words = append(words, tips...)
	hosts := map[string]bool{"server": true, "client": true}
	bad := map[string]bool{}
	for _, seg := range words {
		for _, w := range regexp.MustCompile(`\b[A-Za-z][A-Za-z_]*(\(\))?`).FindAllString(seg, -1) {
			if hosts[w] || englishAllowed.MatchString(w) || strings.ToUpper(w) == w {
				continue
			}
			bad[fmt.Sprintf("%s (in %q)", w, seg)] = true
		}
	}
	if len(bad) > 0 {
		t.Errorf("English words on the Chinese page: %v", keys(bad))
	}
	for _, e := range appgallery.List() {
		if !strings.Contains(eval[string](t, ctx, `document.querySelector('#np-gallery').textContent`), e.TitleZH) {
			t.Errorf("the gallery lacks %q", e.TitleZH)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// statusWhole: the run's status line shows all of its text.
const statusWhole = `(() => { const s = document.querySelector('#np-status'); return s.clientWidth > 0 && s.scrollWidth <= s.clientWidth + 1 })()`

// TestPhone at 390×844: the panes stacked, no sideways scroll, pinch-zoom
// allowed, and a learner runs the handshake, drops the SYN,ACK from the
// inspector and sees the retransmissions.
func TestPhone(t *testing.T) {
	ctx := newBrowser(t)
	within(t, ctx, 10*time.Second, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3)))
	openPage(t, ctx, "/")
	if v := eval[string](t, ctx, `document.querySelector('meta[name=viewport]').content`); strings.Contains(v, "user-scalable") || strings.Contains(v, "maximum-scale") {
		t.Errorf("viewport %q forbids pinch-zoom", v)
	}
	noSideways := `document.documentElement.scrollWidth <= window.innerWidth`
	if !eval[bool](t, ctx, noSideways) {
		t.Errorf("the page scrolls sideways: %v px in %v", eval[float64](t, ctx, `document.documentElement.scrollWidth`), eval[float64](t, ctx, `window.innerWidth`))
	}
	if w := eval[float64](t, ctx, `document.querySelector('#np-diagram').getBoundingClientRect().width`); w < 350 {
		t.Errorf("the diagram is %v px wide", w)
	}
	shot(t, ctx, "room-phone")
	tap(t, ctx, "#np-run")
	runAfter(t, ctx, 0)
	waitFor(t, ctx, 5*time.Second, "diagram", `document.querySelectorAll('#np-diagram g.np-arrow').length >= 3`)
	shot(t, ctx, "room-phone-run")
	if !eval[bool](t, ctx, statusWhole) {
		t.Errorf("the status %q is cut on the phone", text(t, ctx, "#np-status"))
	}
	// Tap the SYN,ACK, drop it, and the run again shows the SYN sent again.
	ok := eval[bool](t, ctx, `(() => { const a = Array.from(document.querySelectorAll('#np-diagram g.np-arrow')).find(g => g.getAttribute('aria-label').startsWith('SYN,ACK')); if (!a) return false; a.scrollIntoView({block: 'center'}); return true })()`)
	if !ok {
		t.Fatalf("no SYN,ACK arrow")
	}
	eval[any](t, ctx, `Array.from(document.querySelectorAll('#np-diagram g.np-arrow')).find(g => g.getAttribute('aria-label').startsWith('SYN,ACK')).dispatchEvent(new MouseEvent('click', {bubbles: true}))`)
	waitFor(t, ctx, 5*time.Second, "drop button", `document.querySelector('#np-drop') !== null`)
	before := eval[int](t, ctx, runsDone)
	tap(t, ctx, "#np-drop")
	runAfter(t, ctx, before)
	syns := 0
	for _, l := range diagramTexts(t, ctx, "g.np-arrow .np-label") {
		if strings.HasPrefix(strings.TrimPrefix(l, "[TCP Retransmission] "), "SYN seq") {
			syns++
		}
	}
	if syns < 2 {
		shot(t, ctx, "fail-TestPhone")
		t.Fatalf("the SYN was sent %d times after its SYN,ACK was dropped, want it sent again", syns)
	}
	if !eval[bool](t, ctx, noSideways) {
		t.Errorf("after the runs the page scrolls sideways")
	}
	// The longer rerun: the scrubber's thumb at its new end.
	if v := eval[string](t, ctx, `(() => { const s = document.querySelector('#np-scrub'); return s.value + '/' + s.max })()`); !regexp.MustCompile(`^(\d+)/(\d+)$`).MatchString(v) || strings.Split(v, "/")[0] != strings.Split(v, "/")[1] {
		t.Errorf("after the longer rerun the scrubber is at %s", v)
	}
	eval[any](t, ctx, `window.scrollTo(0, 0)`)
	shot(t, ctx, "room-phone-dropped")
}

// tap scrolls the element matching sel into view and taps its middle
// with a touch, as a finger would.
func tap(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	type pt struct{ X, Y float64 }
	p := eval[pt](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return {X: -1, Y: -1}; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + r.height / 2} })()`, sel))
	if p.X < 0 {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("nothing to tap at %s", sel)
	}
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(c, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: p.X, Y: p.Y}}}); err != nil {
		t.Fatalf("tap %s: %v", sel, err)
	}
	if _, err := chromedp.Call(c, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}}); err != nil {
		t.Fatalf("tap %s: %v", sel, err)
	}
}

// hover moves the mouse to the middle of the element matching sel (its
// tooltip is then the one shown).
func hover(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	type pt struct{ X, Y float64 }
	p := eval[pt](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return {X: -1, Y: -1}; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + r.height / 2} })()`, sel))
	if p.X < 0 {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("nothing to hover at %s", sel)
	}
	within(t, ctx, 10*time.Second, "hover "+sel, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X, p.Y))
}

// TestLoadingProgress: the splash counts up while app.wasm downloads.
func TestLoadingProgress(t *testing.T) {
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.__labels = [];
		new MutationObserver(() => {
			const l = document.getElementById('app-wasm-loader-label');
			if (l && window.__labels[window.__labels.length - 1] !== l.textContent) window.__labels.push(l.textContent);
		}).observe(document, {subtree: true, childList: true, characterData: true});
	`}); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, "/")
	labels := eval[[]string](t, ctx, `window.__labels`)
	between := 0
	for _, l := range labels {
		if m := regexp.MustCompile(`(\d+)%`).FindStringSubmatch(l); m != nil && m[1] != "0" && m[1] != "100" {
			between++
		}
	}
	if between == 0 {
		t.Errorf("the splash showed no progress between 0%% and 100%%: %q", labels)
	}
}
