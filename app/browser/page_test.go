package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// handshake opens the page with the default (handshake) scenario and runs it.
func handshake(t *testing.T) (ctx contextT) {
	ctx = newBrowser(t)
	openPage(t, ctx, "/")
	run(t, ctx)
	return ctx
}

func TestHandshake(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	shot(t, ctx, "01-open")
	run(t, ctx)
	labels := eval[[]string](t, ctx, arrowLabels)
	want := []string{"SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK ack=1"}
	if len(labels) < 3 || strings.Join(labels[:3], "|") != strings.Join(want, "|") {
		t.Errorf("arrows = %q, want the handshake %q first", labels, want)
	}
	ticks := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-tick text')).map(e => e.textContent)`)
	joined := strings.Join(ticks, ",")
	for _, st := range []string{"LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED"} {
		if !strings.Contains(joined, st) {
			t.Errorf("state %s not on the diagram (ticks %q)", st, ticks)
		}
	}
	calls := eval[string](t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-call text')).map(e => e.textContent).join('\n')`)
	if !strings.Contains(calls, "connect(") || !strings.Contains(calls, "accept(") {
		t.Errorf("socket calls missing from the diagram:\n%s", calls)
	}
	shot(t, ctx, "02-handshake")

	// The console shows the server's output.
	out := eval[string](t, ctx, `document.querySelector('#np-console-out').textContent`)
	if !strings.Contains(out, "accepted") || !strings.Contains(out, "10.0.0.1") {
		t.Errorf("server console = %q", out)
	}
	// ARP toggle shows ARP frames; the scrubber stays at the end, also
	// when the diagram gets more rows (go-app sets the input's value and
	// max in either order).
	for i := 0; i < 4; i++ {
		click(t, ctx, "#np-arp")
		waitFor(t, ctx, 5*time.Second, "ARP shown", `document.querySelectorAll('#np-diagram g.np-arrow.np-arp').length > 0`)
		waitFor(t, ctx, 5*time.Second, "the scrubber at the end", `(s => s.value === s.max)(document.querySelector('#np-scrub'))`)
		click(t, ctx, "#np-arp")
		waitFor(t, ctx, 5*time.Second, "ARP hidden", `document.querySelectorAll('#np-diagram g.np-arrow.np-arp').length == 0`)
	}
}

// clickArrow clicks the first arrow whose label is label.
func clickArrow(t *testing.T, ctx contextT, label string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const g = Array.from(document.querySelectorAll('#np-diagram g.np-arrow')).find(g => g.getAttribute('aria-label') === %q); if (!g) return false; g.querySelector('.np-hit').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true; })()`, label)
	if !eval[bool](t, ctx, js) {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("no arrow %q", label)
	}
	waitFor(t, ctx, 5*time.Second, "inspector shows the frame", `document.querySelector('#np-drop') !== null`)
}

func TestDropSynAck(t *testing.T) {
	ctx := handshake(t)
	// Another frame first: the drop buttons stay and must drop the frame
	// selected when they are pressed.
	clickArrow(t, ctx, "SYN seq=0")
	clickArrow(t, ctx, "SYN,ACK seq=0 ack=1")
	waitFor(t, ctx, 5*time.Second, "inspector shows the SYN,ACK", `document.querySelector('#np-inspector').textContent.includes('SYN,ACK')`)
	insp := eval[string](t, ctx, `document.querySelector('#np-inspector').textContent`)
	if !strings.Contains(insp, "TCP") || !strings.Contains(insp, "SYN,ACK") {
		t.Errorf("inspector = %q", insp)
	}
	shot(t, ctx, "03-inspect-synack")
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-drop")
	runAfter(t, ctx, before)
	dropped := eval[int](t, ctx, `document.querySelectorAll('#np-diagram g.np-arrow.np-dropped').length`)
	labels := eval[[]string](t, ctx, arrowLabels)
	synacks := 0
	for _, l := range labels {
		if strings.HasPrefix(l, "SYN,ACK") || strings.HasPrefix(l, "[TCP Retransmission] SYN,ACK") {
			synacks++
		}
	}
	if dropped != 1 || synacks < 2 {
		t.Errorf("after dropping the SYN,ACK: %d dropped, %d SYN,ACKs (%q); want 1 dropped and a retransmission", dropped, synacks, labels)
	}
	ticks := eval[string](t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-tick text')).map(e => e.textContent).join(',')`)
	if !strings.Contains(ticks, "ESTABLISHED") {
		t.Errorf("TCP did not recover: ticks %s", ticks)
	}
	// The rule in the learner's words: the frame as the diagram labels
	// it (its number on the wire counts the hidden ARP frames).
	faults := eval[string](t, ctx, `document.querySelector('#np-faults').textContent`)
	if !strings.Contains(faults, "drop the SYN,ACK seq=0 ack=1 server → client at 0.0") || strings.Contains(faults, "nth") {
		t.Errorf("fault list = %q", faults)
	}
	if rule := eval[string](t, ctx, `document.querySelector('#np-faults .np-fault-text').value`); !strings.HasPrefix(rule, "drop nth=") {
		t.Errorf("the rule as the scenario says it (editable) = %q", rule)
	}
	shot(t, ctx, "04-drop-synack")
}

func TestDropAllSynAcks(t *testing.T) {
	ctx := handshake(t)
	clickArrow(t, ctx, "SYN,ACK seq=0 ack=1")
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-dropall")
	runAfter(t, ctx, before)
	calls := eval[string](t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-call text')).map(e => e.textContent).join('\n')`)
	if !strings.Contains(calls, "ETIMEDOUT") {
		t.Errorf("connect did not end in ETIMEDOUT:\n%s", calls)
	}
	out := eval[string](t, ctx, `(() => { Array.from(document.querySelectorAll('.np-tab')).find(b => b.textContent === 'client').click(); return document.querySelector('#np-console-out').textContent })()`)
	_ = out
	waitFor(t, ctx, 5*time.Second, "client console", `/timed out/i.test(document.querySelector('#np-console-out').textContent)`)
	shot(t, ctx, "05-drop-all-synacks")
}

func TestShareLink(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	// Change the server's program, then share.
	eval[any](t, ctx, `(() => { const id = document.querySelector('.np-editor').id; window.netplayEditor.set(id, window.netplayEditor.get(id) + '/* shared */\n'); return null })()`)
	click(t, ctx, "#np-share")
	waitFor(t, ctx, 5*time.Second, "link shown", `document.querySelector('#np-link') && document.querySelector('#np-link').value.includes('#s=')`)
	link := eval[string](t, ctx, `document.querySelector('#np-link').value`)
	if !strings.HasPrefix(link, baseURL+"/#s=") {
		t.Fatalf("link = %q", link)
	}
	// A new tab (same browser) opens the same scenario.
	ctx2, cancel := newTab(ctx)
	defer cancel()
	openPage(t, ctx2, strings.TrimPrefix(link, baseURL))
	src := eval[string](t, ctx2, `window.netplayEditor.get(document.querySelector('.np-editor').id)`)
	if !strings.Contains(src, "/* shared */") {
		t.Errorf("shared link opened a different program:\n%s", src)
	}
	shot(t, ctx2, "06-share-opened")

	// A damaged link opens an empty playground with a message.
	openPage(t, ctx2, strings.TrimPrefix(link[:len(link)-10], baseURL)+"!!")
	notice := eval[string](t, ctx2, `(document.querySelector('#np-notice') || {textContent: ''}).textContent`)
	if !strings.Contains(notice, "cannot be opened") {
		t.Errorf("damaged link notice = %q", notice)
	}
	shot(t, ctx2, "07-share-damaged")

	// The short link through the share API.
	click(t, ctx, "#np-short")
	waitFor(t, ctx, 10*time.Second, "short link", `document.querySelector('#np-link') && document.querySelector('#np-link').value.includes('/s/')`)
	short := eval[string](t, ctx, `document.querySelector('#np-link').value`)
	openPage(t, ctx2, strings.TrimPrefix(short, baseURL))
	waitFor(t, ctx2, 10*time.Second, "short link loaded", `window.netplayEditor.get(document.querySelector('.np-editor').id).includes('/* shared */')`)
}

func TestLanguage(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	click(t, ctx, "#np-lang")
	waitFor(t, ctx, 5*time.Second, "Chinese", `document.querySelector('#np-run').textContent.includes('运行')`)
	run(t, ctx)
	shot(t, ctx, "08-zh")
	// The choice is remembered.
	openPage(t, ctx, "/")
	if txt := eval[string](t, ctx, `document.querySelector('#np-run').textContent`); !strings.Contains(txt, "运行") {
		t.Errorf("language not remembered: %q", txt)
	}
	click(t, ctx, "#np-lang")
}

func TestStopInfiniteLoop(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	eval[any](t, ctx, `(() => { const ids = Array.from(document.querySelectorAll('.np-editor')).map(e => e.id); window.netplayEditor.set(ids[1], 'int main(void)\n{\n    for (;;)\n        ;\n}\n'); return null })()`)
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-run")
	time.Sleep(500 * time.Millisecond)
	if eval[int](t, ctx, runsDone) != before {
		t.Fatalf("the infinite loop finished by itself")
	}
	shot(t, ctx, "09-loop-running")
	start := time.Now()
	click(t, ctx, "#np-stop")
	runAfter(t, ctx, before)
	t.Logf("stopped %v after the click", time.Since(start))
	status := eval[string](t, ctx, `document.querySelector('#np-status').textContent`)
	if !strings.Contains(status, "stop") {
		t.Errorf("status after Stop = %q", status)
	}
	shot(t, ctx, "10-loop-stopped")
}

func TestCompileError(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	eval[any](t, ctx, `(() => { const id = document.querySelector('.np-editor').id; window.netplayEditor.set(id, 'int main(void)\n{\n    return x;\n}\n'); return null })()`)
	run(t, ctx)
	errText := eval[string](t, ctx, `(document.querySelector('#np-error') || {textContent: ''}).textContent`)
	if !strings.Contains(errText, "server.c:3:") {
		t.Errorf("error = %q, want it at server.c:3", errText)
	}
	waitFor(t, ctx, 5*time.Second, "error marker in the editor", `document.querySelector('.cm-lint-marker-error, .cm-lintRange-error') !== null`)
	shot(t, ctx, "11-compile-error")
}
