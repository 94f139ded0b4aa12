package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"netplay/stack/scenario"
)

// modelScenario is the course's server model server.c (from dir, under
// the repository) and n clients on one link, as the engine's own tests
// lay them out.
func modelScenario(t *testing.T, dir, server string, args []string, client string, clientArgs func(i int) []string, n int, start func(i int) time.Duration) *scenario.Scenario {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(repoRoot, dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sc := &scenario.Scenario{Version: 1, Title: server, Seed: 1, Limit: scenario.Duration(20 * time.Second),
		Hosts: []scenario.Host{{Name: "server", Addrs: []string{"10.0.0.1/24"}, File: server, Args: args, Program: read(server)}}}
	names := []string{"server"}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("c%d", i)
		names = append(names, name)
		sc.Hosts = append(sc.Hosts, scenario.Host{Name: name, Addrs: []string{fmt.Sprintf("10.0.0.%d/24", 10+i)}, File: client,
			Program: read(client), Args: clientArgs(i), Start: scenario.Duration(start(i))})
	}
	sc.Links = []scenario.Link{{Hosts: names, Delay: scenario.Duration(time.Millisecond)}}
	return sc
}

// openScenario opens sc on the page through its share link and runs it.
func openScenario(t *testing.T, ctx context.Context, sc *scenario.Scenario) {
	t.Helper()
	frag, err := scenario.EncodeFragment(sc)
	if err != nil {
		t.Fatal(err)
	}
	// An open page opens a #s= link pasted into its address bar itself
	// (no reload); a fresh one loads it.
	if eval[bool](t, ctx, `!!document.querySelector('#np-run') && !document.querySelector('#np-run').disabled`) {
		eval[bool](t, ctx, fmt.Sprintf(`(() => { location.hash = %q; return true })()`, scenario.FragmentPrefix[1:]+frag))
		waitFor(t, ctx, 20*time.Second, "the scenario opened", fmt.Sprintf(`Array.from(document.querySelectorAll('.np-host-row .np-host-name')).length === %d && Array.from(document.querySelectorAll('.np-editor-title')).some(e => e.textContent.includes(%q))`, len(sc.Hosts), sc.Hosts[0].FileName()))
	} else {
		openFresh(t, ctx, "/"+scenario.FragmentPrefix+frag)
	}
	run(t, ctx)
}

// TestServerModelsPage (issue 13 point 5): the thread-pool and the fork
// server on the page: each thread or process a task line under the
// server with its calls, labelled with the pid (and tid), the threads
// and forks drawn as arrows to their lines, exits and SIGCHLD marked;
// after a fork the sockets view lists both processes as holders; an
// epoll server's readiness links. One browser for the three.
func TestServerModelsPage(t *testing.T) {
	ctx := newBrowser(t)
	t.Run("pool", func(t *testing.T) { poolServer(t, ctx) })
	t.Run("fork", func(t *testing.T) { forkServer(t, ctx) })
	t.Run("epoll-ready", func(t *testing.T) { readinessLinks(t, ctx) })
}

var (
	echoArgs = func(int) []string { return []string{"server", "7000"} }
	echoAt   = func(i int) time.Duration { return time.Duration(10+i) * time.Millisecond }
)

func poolServer(t *testing.T, ctx context.Context) {
	echo, at := echoArgs, echoAt

	openScenario(t, ctx, modelScenario(t, "stack/c/testdata/models", "pool_server.c", []string{"5", "3"}, "echo_client.c", echo, 5, at))
	if n := count(t, ctx, "#np-diagram .np-task"); n != 4 {
		t.Errorf("%d task lines, want the main thread and 3 workers", n)
	}
	spawns := texts(t, ctx, "#np-diagram .np-spawn text")
	if len(spawns) != 3 || spawns[0] != "[1000] pthread_create → [1000/1001] worker()" {
		t.Errorf("threads made: %q", spawns)
	}
	// The page draws the screens around the one in view: look through
	// them all.
	c := strings.Join(scrollThrough(t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-call text')).map(e => e.textContent)`), "\n")
	for _, want := range []string{"[1000] accept(3, 10.0.0.11:", "[1000/1001] read(4, 256) = 17"} {
		if !strings.Contains(c, want) {
			t.Errorf("no call %q among\n%s", want, c)
		}
	}
	if n := len(scrollThrough(t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-texit')).map(e => e.dataset.ev)`)); n != 3 {
		t.Errorf("%d thread exits marked, want 3", n)
	}
	shot(t, ctx, "models-pool")
}

func forkServer(t *testing.T, ctx context.Context) {
	echo, at := echoArgs, echoAt
	openScenario(t, ctx, modelScenario(t, "stack/c/testdata/models", "fork_server.c", []string{"4"}, "echo_client.c", echo, 4, at))
	if n := count(t, ctx, "#np-diagram .np-task"); n != 5 {
		t.Errorf("%d task lines, want the parent and 4 children", n)
	}
	spawns := texts(t, ctx, "#np-diagram .np-spawn text")
	if len(spawns) != 4 || spawns[0] != "[1000] fork → [1001] (fds 0 1 2 3 4)" {
		t.Errorf("forks: %q", spawns)
	}
	marks := strings.Join(scrollThrough(t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-exit text, #np-diagram .np-signal text')).map(e => e.textContent)`), "\n")
	for _, want := range []string{"[1001] exit 0", "[1000] SIGCHLD → on_child()", "SIGCHLD sent to [1000]: child 1001 exited with status 0"} {
		if !strings.Contains(marks, want) {
			t.Errorf("no mark %q among\n%s", want, marks)
		}
	}
	// Right after the first fork, parent and child hold the listener and
	// the connection.
	row := eval[int](t, ctx, `Number(document.querySelector('#np-diagram .np-spawn').dataset.row)`)
	scrubTo(t, ctx, row)
	holders := strings.Join(texts(t, ctx, "#np-sockets-table .np-holders"), "\n")
	for _, want := range []string{"pid=1000,fd=3 pid=1001,fd=3", "pid=1000,fd=4 pid=1001,fd=4"} {
		if !strings.Contains(holders, want) {
			t.Errorf("sockets view after the fork lacks %q:\n%s", want, holders)
		}
	}
	shot(t, ctx, "models-fork")
}

// readinessLinks (issue 13 point 5): on an epoll echo server, each
// epoll_wait return is linked to the frame that made its descriptor
// ready; a level-triggered report of a descriptor still ready (its data
// read only in part) is marked as such; selecting the call names them.
func readinessLinks(t *testing.T, ctx context.Context) {
	name := func(i int) []string { return []string{fmt.Sprintf("c%d", i)} }
	at := func(i int) time.Duration { return 100*time.Millisecond + time.Duration(i)*50*time.Millisecond }
	sc := modelScenario(t, "stack/kernel/testdata/servers", "epoll_lt.c", nil, "client.c", name, 4, at)
	sc.Hosts[0].Addrs = []string{"10.0.0.2/24"}
	openScenario(t, ctx, sc)
	if n := count(t, ctx, "#np-diagram .np-ready"); n < 6 {
		t.Errorf("%d readiness links, want one per descriptor returned", n)
	}
	if n := count(t, ctx, "#np-diagram .np-ready.np-again"); n == 0 {
		t.Errorf("no level-triggered report of a descriptor still ready")
	}
	// Select the first epoll_wait that reports a descriptor still ready.
	ev := eval[string](t, ctx, `document.querySelector('#np-diagram .np-ready.np-again').dataset.ev`)
	if !eval[bool](t, ctx, fmt.Sprintf(`(() => { const g = document.querySelector('#np-diagram .np-call[data-ev="%s"] text'); if (!g) return false; g.dispatchEvent(new MouseEvent('click', {bubbles: true})); return true })()`, ev)) {
		t.Fatalf("no call for event %s", ev)
	}
	waitFor(t, ctx, 5*time.Second, "the selected call's links say what they link", `!!document.querySelector('#np-diagram .np-ready.np-sel text')`)
	got := text(t, ctx, "#np-diagram .np-ready.np-sel text")
	if !strings.HasPrefix(got, "fd ") || !strings.Contains(got, " EPOLLIN ← frame ") || !strings.HasSuffix(got, "(still ready)") {
		t.Errorf("link text %q", got)
	}
	eval[bool](t, ctx, `(() => { document.querySelector('#np-diagram .np-ready.np-sel').scrollIntoView({block: 'center'}); return true })()`)
	nextFrames(t, ctx)
	shot(t, ctx, "models-epoll-ready")
}
