package browser

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"netplay/stack/scenario"
)

// openFresh loads path as a new document (a plain navigation to a URL that
// differs only in its fragment would not reload the page).
func openFresh(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	within(t, ctx, 20*time.Second, "blank", chromedp.Navigate("about:blank"))
	openPage(t, ctx, path)
}

// editorIDs returns the ids of the page's editors, in host order.
const editorIDs = `Array.from(document.querySelectorAll('.np-editor')).map(e => e.id)`

// doc returns the text of editor i (host order).
func doc(t testing.TB, ctx context.Context, i int) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`(() => { const id = %s[%d]; return (id && window.netplayEditor.get(id)) || '' })()`, editorIDs, i))
}

// setDoc replaces the text of editor i.
func setDoc(t testing.TB, ctx context.Context, i int, src string) {
	t.Helper()
	eval[any](t, ctx, fmt.Sprintf(`(() => { window.netplayEditor.set(%s[%d], %q); return null })()`, editorIDs, i, src))
}

// waitDoc waits until editor i holds text containing sub (the editors
// mount after the wasm has opened the scenario).
func waitDoc(t testing.TB, ctx context.Context, i int, sub string) {
	t.Helper()
	waitFor(t, ctx, 15*time.Second, fmt.Sprintf("editor %d has %q", i, sub),
		fmt.Sprintf(`(() => { const id = %s[%d]; const d = id && window.netplayEditor.get(id); return !!d && d.includes(%q) })()`, editorIDs, i, sub))
}

// text returns the textContent of the first element matching sel ("" when none).
func text(t testing.TB, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`(document.querySelector(%q) || {textContent: ''}).textContent`, sel))
}

// texts returns the textContent of every element matching sel.
func texts(t testing.TB, ctx context.Context, sel string) []string {
	t.Helper()
	return eval[[]string](t, ctx, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(e => e.textContent)`, sel))
}

func count(t testing.TB, ctx context.Context, sel string) int {
	t.Helper()
	return eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// setInput sets the value of the element matching sel and fires the
// events a user's typing would (input, then change).
func setInput(t testing.TB, ctx context.Context, sel, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.value = %q; e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, sel, value)
	if !eval[bool](t, ctx, js) {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("no element %s", sel)
	}
}

// setChecked sets a checkbox and fires change.
func setChecked(t testing.TB, ctx context.Context, sel string, on bool) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.checked = %v; e.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, sel, on)
	if !eval[bool](t, ctx, js) {
		t.Fatalf("no checkbox %s", sel)
	}
}

// calls returns the socket-call markers' texts.
func calls(t testing.TB, ctx context.Context) string {
	t.Helper()
	return strings.Join(texts(t, ctx, "#np-diagram .np-call text"), "\n")
}

// ticks returns the state names on the diagram.
func ticks(t testing.TB, ctx context.Context) string {
	t.Helper()
	return strings.Join(texts(t, ctx, "#np-diagram .np-tick text"), ",")
}

// hasPrefix reports whether some label starts with p.
func hasPrefix(labels []string, p string) bool {
	for _, l := range labels {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// shareFragment clicks "Copy link" and returns the scenario the link holds.
func shareFragment(t testing.TB, ctx context.Context) (string, *scenario.Scenario) {
	t.Helper()
	click(t, ctx, "#np-share")
	waitFor(t, ctx, 5*time.Second, "link shown", `document.querySelector('#np-link') && document.querySelector('#np-link').value.includes('#s=')`)
	link := eval[string](t, ctx, `document.querySelector('#np-link').value`)
	_, frag, _ := strings.Cut(link, "#")
	sc, err := scenario.DecodeFragment("#" + frag)
	if err != nil {
		t.Fatalf("the page's own link does not decode: %v", err)
	}
	return link, sc
}

// clickCall clicks the first call marker whose text contains sub.
func clickCall(t testing.TB, ctx context.Context, sub string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const g = Array.from(document.querySelectorAll('#np-diagram .np-call')).find(g => g.textContent.includes(%q)); if (!g) return false; g.querySelector('text').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true })()`, sub)
	if !eval[bool](t, ctx, js) {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("no call marker %q", sub)
	}
}

// gallery opens the built-in scenario id from the Gallery menu.
func gallery(t testing.TB, ctx context.Context, id string) {
	t.Helper()
	setInput(t, ctx, "#np-gallery", id)
	waitFor(t, ctx, 10*time.Second, "gallery "+id, fmt.Sprintf(`document.querySelector('#np-gallery').value === %q && document.querySelectorAll('.cm-editor').length > 0`, id))
}

// scrubTo moves the time scrubber to row v and waits until the page shows
// it (the last row shows everything: upto -1).
func scrubTo(t testing.TB, ctx context.Context, v int) {
	t.Helper()
	setInput(t, ctx, "#np-scrub", strconv.Itoa(v))
	waitFor(t, ctx, 5*time.Second, fmt.Sprintf("scrubbed to %d", v), fmt.Sprintf(`(() => { const s = document.querySelector('#np-scrub'); const want = %d >= Number(s.max) ? -1 : %d; return Number(document.querySelector('#np-page').dataset.upto) === want })()`, v, v))
	nextFrames(t, ctx) // the row in view (followNow), drawn
}

// nextFrames returns once the browser has drawn two more frames: what the
// page changed (a scroll, a class) is on the screen.
func nextFrames(t testing.TB, ctx context.Context) {
	t.Helper()
	evalAwait[bool](t, ctx, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
}

// scrubMax returns the scrubber's last row.
func scrubMax(t testing.TB, ctx context.Context) int {
	t.Helper()
	n, _ := strconv.Atoi(eval[string](t, ctx, `document.querySelector('#np-scrub').max`))
	return n
}

// evalAwait evaluates a JavaScript expression that gives a promise and
// returns what it resolves to.
func evalAwait[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// download clicks each of sels (a download each) and waits up to limit for
// every download to complete; it returns the folder they went to.
func download(t testing.TB, ctx context.Context, limit time.Duration, sels ...string) string {
	t.Helper()
	return downloadWhile(t, ctx, limit, "", nil, sels...)
}

// downloadWhile is download with then called after the clicks, before
// the downloads are waited for (sel is clicked first when set).
func downloadWhile(t testing.TB, ctx context.Context, limit time.Duration, sel string, then func(), sels ...string) string {
	t.Helper()
	if sel != "" {
		sels = append([]string{sel}, sels...)
	}
	dir := t.TempDir()
	wait, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	progress := chromedp.BrowserEvents(wait, browser.DownloadProgress) // before the clicks
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	for _, sel := range sels {
		click(t, ctx, sel)
	}
	if then != nil {
		then()
	}
	completed := 0
	for e, err := range progress {
		if err != nil {
			t.Fatalf("downloads: %d of %d completed: %v", completed, len(sels), err)
		}
		if e.State == browser.DownloadProgressStateCompleted {
			if completed++; completed == len(sels) {
				break
			}
		}
	}
	if completed < len(sels) {
		t.Fatalf("downloads: %d of %d completed within %v", completed, len(sels), limit)
	}
	return dir
}
