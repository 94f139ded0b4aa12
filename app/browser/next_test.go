package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	gal "netplay/app/gallery"
)

// The learner's hands on a running world (issue 14 point 2): a host's
// controls and a link's plug record actions at the virtual time shown,
// listed with the fault rules and editable there, as start times are; and
// every "Next:" suggestion of the gallery done in the page.

// setField sets the value of the n-th element (from 0) matching sel and
// fires input and change, as typing (or picking from a list) does.
func setField(t *testing.T, ctx context.Context, sel string, n int, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelectorAll(%q)[%d]; if (!e) return false; e.value = %q; e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, sel, n, value)
	if !eval[bool](t, ctx, js) {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("no element %s [%d]", sel, n)
	}
}

// hostRow returns the index of host name's row in the topology.
func hostRow(t *testing.T, ctx context.Context, name string) int {
	t.Helper()
	i := eval[int](t, ctx, fmt.Sprintf(`Array.from(document.querySelectorAll('.np-host-row .np-host-name')).findIndex(e => e.value === %q)`, name))
	if i < 0 {
		t.Fatalf("no host %s", name)
	}
	return i
}

// setHost sets a field (".np-host-args", ".np-host-start" …) of host name.
func setHost(t *testing.T, ctx context.Context, name, field, value string) {
	t.Helper()
	setField(t, ctx, ".np-host-row "+field, hostRow(t, ctx, name), value)
}

// editCode replaces old with new in the editor that holds old.
func editCode(t *testing.T, ctx context.Context, old, new string) {
	t.Helper()
	n := eval[int](t, ctx, `document.querySelectorAll('.np-editor').length`)
	for i := 0; i < n; i++ {
		if d := doc(t, ctx, i); strings.Contains(d, old) {
			setDoc(t, ctx, i, strings.Replace(d, old, new, 1))
			waitDoc(t, ctx, i, new)
			return
		}
	}
	t.Fatalf("no editor holds %q", old)
}

// rerun does what changes the scenario and runs again (itself, or with
// Run when it does not) and waits for the run.
func rerun(t *testing.T, ctx context.Context, do func()) {
	t.Helper()
	before := eval[int](t, ctx, runsDone)
	do()
	nextFrames(t, ctx)
	if eval[int](t, ctx, runsDone) == before && !eval[bool](t, ctx, `document.querySelector('#np-run').disabled`) {
		click(t, ctx, "#np-run")
	}
	runAfter(t, ctx, before)
}

// console returns host's console text.
func console(t *testing.T, ctx context.Context, host string) string {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const b = Array.from(document.querySelectorAll('.np-console .np-tab')).find(b => b.textContent === %q); if (b) b.click(); return !!b })()`, host))
	waitFor(t, ctx, 5*time.Second, host+"'s console", fmt.Sprintf(`!!document.querySelector('.np-console .np-tab-on') && document.querySelector('.np-console .np-tab-on').textContent === %q`, host))
	nextFrames(t, ctx)
	return text(t, ctx, "#np-console-out")
}

func countOf(s, sub string) int { return strings.Count(s, sub) }

// hostControls: Ctrl-C, kill, crash and boot from the server's controls
// at the time the scrubber shows; the actions listed, their time and kind
// edited; a link unplugged; a start time edited.
func hostControls(t *testing.T, ctx context.Context) {
	gallery(t, ctx, "make-socket")
	run(t, ctx)
	// The scrubber at the first row after 15 ms (between the two
	// clients): kill the server there.
	console(t, ctx, "server")
	scrubTo(t, ctx, 8)
	at := text(t, ctx, ".np-hostctl-at")
	if !strings.HasPrefix(at, "server @ ") {
		t.Fatalf("host controls say %q", at)
	}
	rerun(t, ctx, func() { click(t, ctx, "#np-ctl-kill") })
	if n := count(t, ctx, "#np-faults .np-action"); n != 1 {
		t.Fatalf("%d actions listed, want the kill", n)
	}
	if got := eval[string](t, ctx, `document.querySelector('.np-action-signal').value`); got != "SIGKILL" {
		t.Errorf("the action sends %s", got)
	}
	marks := strings.Join(texts(t, ctx, "#np-diagram .np-action text"), "\n")
	if !strings.Contains(marks, "⚡ signal SIGKILL") {
		t.Errorf("no action mark on the diagram: %q", marks)
	}
	if out := console(t, ctx, "server"); !strings.Contains(out, "137") {
		t.Errorf("the killed server's console: %q", out)
	}
	shot(t, ctx, "actions-kill")

	// Edit it: Ctrl-C (SIGINT) at 15 ms, then a crash; the controls at
	// the end then offer boot.
	rerun(t, ctx, func() { setField(t, ctx, ".np-action-signal", 0, "SIGINT") })
	rerun(t, ctx, func() { setField(t, ctx, ".np-action-at", 0, "15ms") })
	if got := eval[string](t, ctx, `document.querySelector('.np-action-at').value`); got != "15ms" {
		t.Errorf("action at %q", got)
	}
	if out := console(t, ctx, "server"); !strings.Contains(out, "130") {
		t.Errorf("the interrupted server's console: %q", out)
	}
	rerun(t, ctx, func() { setField(t, ctx, ".np-action-do", 0, "crash") })
	if count(t, ctx, "#np-ctl-boot") != 1 {
		t.Errorf("a crashed server offers no boot")
	}
	rerun(t, ctx, func() { click(t, ctx, "#np-ctl-boot") })
	if got := texts(t, ctx, ".np-action-do"); len(got) != 2 {
		t.Errorf("actions after boot: %d", len(got))
	}
	// Unplug the link at the end, then remove that action.
	rerun(t, ctx, func() { click(t, ctx, ".np-link-plug") })
	if !strings.Contains(strings.Join(texts(t, ctx, "#np-diagram .np-action text"), "\n"), "link 0: ⚡ unplug") {
		t.Errorf("no unplug mark")
	}
	shot(t, ctx, "actions-list")
	rerun(t, ctx, func() {
		eval[bool](t, ctx, `(() => { const b = Array.from(document.querySelectorAll('.np-action-remove')).pop(); b.click(); return true })()`)
	})

	// A start time and a fault rule, edited in place.
	setHost(t, ctx, "client2", ".np-host-start", "10ms")
	_, sc := shareFragment(t, ctx)
	if sc.Hosts[2].Start.D() != 10*time.Millisecond || len(sc.Actions) != 2 {
		t.Errorf("the link's scenario: client2 starts at %s, %d actions", sc.Hosts[2].Start.D(), len(sc.Actions))
	}
}

// nextWalks does, for each gallery scenario, what its "Next:" says, in
// the page, and checks that the run shows what the text promises.
var nextWalks = map[string]func(t *testing.T, ctx context.Context){
	"handshake": func(t *testing.T, ctx context.Context) {
		clickArrow(t, ctx, "SYN,ACK seq=0 ack=1")
		rerun(t, ctx, func() { click(t, ctx, "#np-drop") })
		labels := strings.Join(eval[[]string](t, ctx, arrowLabels), "\n")
		if countOf(labels, "SYN,ACK") < 2 || countOf(labels, "SYN seq=0") < 2 {
			t.Errorf("no retransmissions of SYN and SYN,ACK:\n%s", labels)
		}
	},
	"make-socket": func(t *testing.T, ctx context.Context) {
		rerun(t, ctx, func() { setHost(t, ctx, "client2", ".np-host-start", "10ms") })
		// The accept queue holds both before the first accept returns:
		// from the first row at 15 ms (both handshakes end then), found by
		// halving, a few rows on.
		lo, hi := 0, scrubMax(t, ctx)
		for lo < hi {
			mid := (lo + hi) / 2
			scrubTo(t, ctx, mid)
			if text(t, ctx, "#np-scrub-time") < "t = 0.015" {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		seen := false
		for r := lo; r <= scrubMax(t, ctx) && r < lo+12 && !seen; r++ {
			scrubTo(t, ctx, r)
			seen = strings.Contains(text(t, ctx, "#np-sockets-table"), "acceptq 2/5")
		}
		if !seen {
			t.Errorf("acceptq never reached 2/5")
		}
	},
	"wildcard": func(t *testing.T, ctx context.Context) {
		gallery(t, ctx, "wildcard-one")
		if !strings.Contains(text(t, ctx, ".np-teach"), "192.168.1.11 only") {
			t.Errorf("3b did not open: %q", text(t, ctx, ".np-teach"))
		}
	},
	"wildcard-one": func(t *testing.T, ctx context.Context) {
		rerun(t, ctx, func() { setHost(t, ctx, "server", ".np-host-args", "2") })
		c := calls(t, ctx)
		if !strings.Contains(c, "bind(3, 0.0.0.0:8080) = 0") || strings.Contains(c, "ECONNREFUSED") {
			t.Errorf("the wildcard is not back:\n%s", c)
		}
	},
	"ephemeral-port": func(t *testing.T, ctx context.Context) {
		editCode(t, ctx, "        if (connect(sockfd,", `        struct sockaddr_in me = {0};
        me.sin_family = AF_INET;
        me.sin_port = htons(5555 + i);
        if (bind(sockfd, (struct sockaddr *) &me, sizeof(me)) < 0) {
            perror("bind");
            return 1;
        }
        if (connect(sockfd,`)
		rerun(t, ctx, func() {})
		if c := calls(t, ctx); !strings.Contains(c, "bind(3, 0.0.0.0:5555) = 0") || !strings.Contains(c, "10.0.0.1:5555") {
			t.Errorf("the client did not connect from its fixed port:\n%s", c)
		}
	},
	"refused": func(t *testing.T, ctx context.Context) {
		rerun(t, ctx, func() { setHost(t, ctx, "server", ".np-host-start", "100ms") })
		if c := calls(t, ctx); countOf(c, "ECONNREFUSED") != 2 {
			t.Errorf("want both ports refused:\n%s", c)
		}
	},
	"timeout": func(t *testing.T, ctx context.Context) {
		rule := eval[string](t, ctx, `document.querySelector('.np-fault-text').value`)
		rerun(t, ctx, func() { setField(t, ctx, ".np-fault-text", 0, rule+" count=2") })
		if c := calls(t, ctx); !strings.Contains(c, "connect(3, 10.0.0.2:12345) = 0") {
			t.Errorf("connect did not succeed with two SYNs dropped (rule %q):\n%s", rule, c)
		}
	},
	"no-arp": func(t *testing.T, ctx context.Context) {
		rerun(t, ctx, func() { setHost(t, ctx, "client", ".np-host-args", "10.0.0.2 12345") })
		c := calls(t, ctx)
		if strings.Contains(c, "EHOSTUNREACH") || !strings.Contains(c, "connect(3, 10.0.0.2:12345)") {
			t.Errorf("the client still dials nobody:\n%s", c)
		}
	},
	"unreachable": func(t *testing.T, ctx context.Context) {
		rerun(t, ctx, func() { setHost(t, ctx, "client", ".np-host-args", "10.0.1.3 12345") })
		if c := calls(t, ctx); !strings.Contains(c, "EHOSTUNREACH") {
			t.Errorf("no host unreachable:\n%s", c)
		}
	},
	"backlog": func(t *testing.T, ctx context.Context) {
		editCode(t, ctx, "listen(listenfd, 2)", "listen(listenfd, 4)")
		rerun(t, ctx, func() {})
		// Over the whole diagram: the page draws the rows near the screen.
		if labels := strings.Join(diagramTexts(t, ctx, "g.np-arrow .np-label"), "\n"); countOf(labels, "SYN seq=0") != 5 {
			t.Errorf("want each client's one SYN, no retransmission:\n%s", labels)
		}
	},
	"before-accept": func(t *testing.T, ctx context.Context) {
		editCode(t, ctx, "sleep(2);", "sleep(0);")
		rerun(t, ctx, func() {})
		if s := text(t, ctx, "#np-scrub-time"); !strings.HasPrefix(s, "t = 0.") {
			t.Errorf("the run still waits 2 s: %q", s)
		}
	},
	"third-ack-lost": func(t *testing.T, ctx context.Context) {
		editCode(t, ctx, "    if (write(sockfd, \"hello\", 5) != 5) {", "    sleep(2);\n    if (write(sockfd, \"hello\", 5) != 5) {")
		rerun(t, ctx, func() {})
		if labels := strings.Join(eval[[]string](t, ctx, arrowLabels), "\n"); countOf(labels, "SYN,ACK") < 2 {
			t.Errorf("the server did not retransmit its SYN,ACK:\n%s", labels)
		}
	},
	"client-bind": func(t *testing.T, ctx context.Context) {
		before := countOf(calls(t, ctx), "EADDRINUSE")
		editCode(t, ctx, "    reuse(first);\n", "")
		rerun(t, ctx, func() {})
		if after := countOf(calls(t, ctx), "EADDRINUSE"); after != before+1 {
			t.Errorf("EADDRINUSE %d times, want %d", after, before+1)
		}
	},
	"nonblocking": func(t *testing.T, ctx context.Context) {
		clickArrow(t, ctx, "SYN seq=0")
		rerun(t, ctx, func() { click(t, ctx, "#np-dropall") })
		if c := calls(t, ctx); !strings.Contains(c, "select(") || !strings.Contains(c, ") = 0") {
			t.Errorf("select did not time out:\n%s", c)
		}
	},
	"ipv6": func(t *testing.T, ctx context.Context) {
		rerun(t, ctx, func() { setHost(t, ctx, "client", ".np-host-args", "fd00::3 12345") })
		if c := calls(t, ctx); !strings.Contains(c, "EHOSTUNREACH") {
			t.Errorf("no EHOSTUNREACH for fd00::3:\n%s", c)
		}
	},
	"seqnums": func(t *testing.T, ctx context.Context) {
		editCode(t, ctx, `write(sockfd, "hello", 5) != 5`, `write(sockfd, "hello, world", 12) != 12`)
		rerun(t, ctx, func() {})
		if labels := strings.Join(eval[[]string](t, ctx, arrowLabels), "\n"); !strings.Contains(labels, "ack=13") {
			t.Errorf("the server does not acknowledge 12 bytes with ack=13:\n%s", labels)
		}
	},
	"framing": func(t *testing.T, ctx context.Context) {
		clickArrow(t, ctx, firstLabel(t, ctx, "PSH,ACK"))
		rerun(t, ctx, func() { click(t, ctx, "#np-dropall") })
		rule := eval[string](t, ctx, `document.querySelector('.np-fault-text').value`)
		rerun(t, ctx, func() { setField(t, ctx, ".np-fault-text", 0, rule+" count=1") })
		if n := count(t, ctx, "#np-diagram g.np-arrow.np-dropped"); n != 1 {
			t.Errorf("%d frames dropped, want the first P. once", n)
		}
		if out := console(t, ctx, "server"); !strings.Contains(out, "14") {
			t.Errorf("the one read does not return all 14 bytes: %q", out)
		}
	},
	"restart": func(t *testing.T, ctx context.Context) {
		// The restart (second action) to 62 s: it moves after the last
		// Ctrl-C, which is then the second, to 63 s.
		rerun(t, ctx, func() { setField(t, ctx, ".np-action-at", 1, "62s") })
		rerun(t, ctx, func() { setField(t, ctx, ".np-action-at", 1, "63s") })
		at := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.np-action-at')).map(e => e.value)`)
		if strings.Join(at, " ") != "1s 1m2s 1m3s" {
			t.Errorf("actions at %q", at)
		}
		if c := calls(t, ctx); strings.Contains(c[strings.LastIndex(c, "socket("):], "EADDRINUSE") {
			t.Errorf("the restarted server's binds still fail:\n%s", c)
		}
	},
	"shutdown": func(t *testing.T, ctx context.Context) {
		if out := console(t, ctx, "client"); !strings.Contains(out, "you sent 2 lines, 12 bytes") {
			t.Fatalf("client's console before: %q", out)
		}
		scrubTo(t, ctx, 0)
		rerun(t, ctx, func() { click(t, ctx, "#np-ctl-type") })
		n := eval[int](t, ctx, `Array.from(document.querySelectorAll('.np-input-text')).findIndex(e => e.value === '\\n')`)
		if n < 0 {
			t.Fatalf("no new line to edit")
		}
		rerun(t, ctx, func() { setField(t, ctx, ".np-input-text", n, `again\n`) })
		rerun(t, ctx, func() { setField(t, ctx, ".np-input-at", n, "250ms") })
		if out := console(t, ctx, "client"); !strings.Contains(out, "you sent 3 lines, 18 bytes") {
			t.Errorf("the count did not grow: %q", out)
		}
	},
	"unplug": func(t *testing.T, ctx context.Context) {
		plugAt(t, ctx, "4s")
		if got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.np-action-do')).map(e => e.value)`); strings.Join(got, " ") != "unplug plug signal" {
			t.Errorf("actions %q", got)
		}
		if out := console(t, ctx, "client"); strings.Contains(out, "timed out") {
			t.Errorf("the connection did not live on: %q", out)
		}
	},
	"heartbeat": func(t *testing.T, ctx context.Context) {
		plugAt(t, ctx, "5.5s")
		if out := console(t, ctx, "client"); strings.Contains(out, "presumed dead") || !strings.Contains(out, "ping 10") {
			t.Errorf("the client did not carry on to its tenth ping: %q", out)
		}
	},
	"udp-refused": func(t *testing.T, ctx context.Context) {
		before := countOf(calls(t, ctx), "ECONNREFUSED")
		rerun(t, ctx, func() { setHost(t, ctx, "server", ".np-host-start", "2s") })
		if after := countOf(calls(t, ctx), "ECONNREFUSED"); after != before+1 {
			t.Errorf("ECONNREFUSED %d times, want %d:\n%s", after, before+1, calls(t, ctx))
		}
	},
	"epoll-lt": func(t *testing.T, ctx context.Context) {
		typedMore(t, ctx, "c1", "1s", "epoll_wait(", "u32=5", 2)
	},
	"epoll-et": func(t *testing.T, ctx context.Context) {
		typedMore(t, ctx, "c2", "1s", "epoll_wait(", "", 1)
	},
	"poll": func(t *testing.T, ctx context.Context) {
		// Each poll() return is linked to what made fd 6 ready.
		n := func() int {
			return countOf(strings.Join(texts(t, ctx, "#np-diagram .np-ready title"), "\n"), "fd 6 POLLIN")
		}
		before := n()
		typeLine(t, ctx, "c3", "1s", `one more line\n`)
		if after := n(); after != before+2 {
			t.Errorf("poll reported fd 6 %d times, before the line %d; want 2 more", after, before)
		}
	},
	"select": func(t *testing.T, ctx context.Context) {
		typedMore(t, ctx, "c2", "1s", "select(", "", 1)
	},
	"fork-server": func(t *testing.T, ctx context.Context) {
		typeLine(t, ctx, "c1", "2s", `once more from c1\n`)
		if out := console(t, ctx, "server"); !strings.Contains(out, "once more from c1") {
			t.Errorf("the child did not print the second line: %q", out)
		}
	},
	"thread-server": func(t *testing.T, ctx context.Context) {
		typeLine(t, ctx, "c3", "2s", `once more from c3\n`)
		if out := console(t, ctx, "server"); !strings.Contains(out, "once more from c3") {
			t.Errorf("the thread did not print the second line: %q", out)
		}
	},
	"accept-race": func(t *testing.T, ctx context.Context) {
		before := countOf(calls(t, ctx), "▸ select(")
		rerun(t, ctx, func() { setHost(t, ctx, "c2", ".np-host-start", "500ms") })
		if after := countOf(calls(t, ctx), "▸ select("); after >= before {
			t.Errorf("select() blocked %d times (before %d): the second one should return at once:\n%s", after, before, calls(t, ctx))
		}
	},
	"crash": func(t *testing.T, ctx context.Context) {
		n := eval[int](t, ctx, `Array.from(document.querySelectorAll('.np-input-text')).findIndex(e => e.value === 'three\\n')`)
		if n < 0 {
			t.Fatalf("no third line")
		}
		rerun(t, ctx, func() { setField(t, ctx, ".np-input-at", n, "6s") })
		labels := eval[[]string](t, ctx, arrowLabels)
		sent, rst := 0, false
		for _, l := range labels {
			if strings.Contains(l, "len=6") {
				sent++
			}
			rst = rst || strings.HasPrefix(l, "RST")
		}
		if sent != 1 || !rst {
			t.Errorf("the third line sent %d times (want once), RST %v:\n%s", sent, rst, strings.Join(labels, "\n"))
		}
	},
}

// typeLine types text (\n for a newline) at host's terminal at virtual
// time at: "+ input" under its console, then the new line's text and time
// edited in the list.
func typeLine(t *testing.T, ctx context.Context, host, at, text string) {
	t.Helper()
	console(t, ctx, host)
	rerun(t, ctx, func() { click(t, ctx, "#np-ctl-type") })
	row := func(field string) int {
		return eval[int](t, ctx, fmt.Sprintf(`Array.from(document.querySelectorAll('.np-input %s')).findIndex(e => { const r = e.closest('.np-input'); return r.querySelector('.np-input-host').textContent === %q && r.querySelector('.np-input-text') && r.querySelector('.np-input-text').value === '\\n' })`, field, host))
	}
	n := row(".np-input-text")
	if n < 0 {
		t.Fatalf("no new line for %s", host)
	}
	rerun(t, ctx, func() { setField(t, ctx, ".np-input .np-input-text", n, text) })
	m := eval[int](t, ctx, fmt.Sprintf(`Array.from(document.querySelectorAll('.np-input .np-input-at')).findIndex(e => { const r = e.closest('.np-input'); const x = r.querySelector('.np-input-text'); return r.querySelector('.np-input-host').textContent === %q && x && x.value === %q })`, host, text))
	if m < 0 {
		t.Fatalf("the line typed at %s is not listed", host)
	}
	rerun(t, ctx, func() { setField(t, ctx, ".np-input .np-input-at", m, at) })
}

// typedMore types a second line at host's terminal at time at and checks
// that the server's calls named name (with sub in their text) returned at
// least want times more.
func typedMore(t *testing.T, ctx context.Context, host, at, name, sub string, want int) {
	t.Helper()
	once := func() int {
		k := 0
		for _, c := range diagramTexts(t, ctx, ".np-call text") {
			if strings.HasPrefix(strings.TrimLeft(c, "◂ "), name) && strings.Contains(c, sub) && !strings.HasPrefix(c, "▸") {
				k++
			}
		}
		return k
	}
	// Counted until two walks through the diagram agree: a walk made while
	// the page still draws the run just ended (CI at load saw 12 calls
	// before the line and 5 after, then the right count in a second run)
	// misses the rows not yet drawn.
	n := func() int {
		k := once()
		for i := 0; i < 5; i++ {
			nextFrames(t, ctx)
			again := once()
			if again == k {
				break
			}
			k = again
		}
		return k
	}
	// Every return its own row: runs of the same call are not folded.
	if eval[bool](t, ctx, `!!document.querySelector('#np-fold') && document.querySelector('#np-fold').checked`) {
		setChecked(t, ctx, "#np-fold", false)
		nextFrames(t, ctx)
	}
	before := n()
	typeLine(t, ctx, host, at, `one more line\n`)
	after := n()
	t.Logf("%s…%s: %d before, %d after", name, sub, before, after)
	if after < before+want {
		t.Errorf("%s…%s returned %d times, before the line %d; want %d more", name, sub, after, before, want)
	}
}

// plugAt plugs link 0 back in at the end of the run, where it is out,
// and moves that action to at.
func plugAt(t *testing.T, ctx context.Context, at string) {
	t.Helper()
	rerun(t, ctx, func() { click(t, ctx, ".np-link-plug") })
	n := eval[int](t, ctx, `Array.from(document.querySelectorAll('.np-action-do')).findIndex(e => e.value === 'plug')`)
	if n < 0 {
		t.Fatalf("no plug action")
	}
	rerun(t, ctx, func() { setField(t, ctx, ".np-action-at", n, at) })
}

// firstLabel returns the first arrow label starting with prefix.
func firstLabel(t *testing.T, ctx context.Context, prefix string) string {
	t.Helper()
	for _, l := range eval[[]string](t, ctx, arrowLabels) {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("no arrow %s…", prefix)
	return ""
}

// TestLearnerActions (issue 14 point 2): the host controls, then every
// "Next:" of the gallery done in the page, showing what it says. A
// scenario whose text has a "Next:" and no walk here fails: its
// suggestion is not known to be doable. One browser for all.
func TestLearnerActions(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	t.Run("controls", func(t *testing.T) { hostControls(t, ctx) })
	for _, e := range gal.List() {
		sc, err := gal.Load(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(sc.Text["en"], "Next:") {
			continue
		}
		t.Run("next-"+e.ID, func(t *testing.T) {
			walk := nextWalks[e.ID]
			if walk == nil {
				t.Fatalf("%s suggests %q and no walk does it in the page", e.ID, sc.Text["en"][strings.Index(sc.Text["en"], "Next:"):])
			}
			gallery(t, ctx, e.ID)
			run(t, ctx)
			walk(t, ctx)
			shot(t, ctx, "next-"+e.ID)
		})
	}
}
