package browser

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// courseFiles calls add with each file of a course's folder as a learner
// has it: the course's lib/ and chapter 3 (stack/c/testdata/course) and
// chapter 5, a client typed into (testdata/stdin-course: its program and
// netplay.json), each by its path in the folder.
func courseFiles(t *testing.T, add func(rel string, data []byte) error) {
	t.Helper()
	for _, dir := range []string{filepath.Join(repoRoot, "stack", "c", "testdata", "course"), filepath.Join("testdata", "stdin-course")} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			if filepath.ToSlash(rel) == "netplay.json" && !strings.Contains(dir, "stdin-course") {
				return nil // chapter 5's says what to run
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return add(filepath.ToSlash(rel), data)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// courseZip zips a course's folder as a learner would: the course's lib/
// and chapter 3 (stack/c/testdata/course) and chapter 5, a client typed
// into (testdata/stdin-course: its program and netplay.json), all under
// "course/".
func courseZip(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	courseFiles(t, func(rel string, data []byte) error {
		f, err := w.Create("course/" + rel)
		if err == nil {
			_, err = f.Write(data)
		}
		return err
	})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// dropFile drops a file with data on the editors' side of the page, as a
// drag from the desktop does (a DataTransfer holding it).
func dropFile(t *testing.T, ctx contextT, name string, data []byte) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const s = atob(%q), u = new Uint8Array(s.length);
		for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
		const dt = new DataTransfer();
		dt.items.add(new File([u], %q));
		const to = document.querySelector('.np-left');
		if (!to) return false;
		to.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
		to.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true })()`, base64.StdEncoding.EncodeToString(data), name)
	if !eval[bool](t, ctx, js) {
		t.Fatal("nothing to drop on")
	}
}

// dropFolder drops the folder dir on the editors' side of the page as a
// drag from the file manager does: chromium is told the folder's path
// (Input.dispatchDragEvent), so the page walks real File System entries
// (webkitGetAsEntry, createReader) as it does for a learner's folder.
func dropFolder(t *testing.T, ctx contextT, dir string) {
	t.Helper()
	at := eval[[]float64](t, ctx, `(() => { const r = document.querySelector('.np-left').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2] })()`)
	data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{dir}, DragOperationsMask: 1}
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: at[0], Y: at[1], Data: data}); err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
	}
}

// TestCourseFolder: a course's folder dropped on the page (the folder
// itself, not a zip) opens as its scenario; the chapter's client runs
// against its server and the run waits for the learner at once (virtual
// time stands still while the client waits: the line is recorded at the
// time of the client's prompt, not after the neighbour cache's 24 s); the
// line typed into the client's console shows there as the terminal echoes
// it, before the server's echo of it.
func TestCourseFolder(t *testing.T) {
	ctx := newBrowser(t) // first: it skips the test outside the browser tier
	dir := filepath.Join(t.TempDir(), "course")
	courseFiles(t, func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	})
	openPage(t, ctx, "/")
	dropFolder(t, ctx, dir)
	waitFor(t, ctx, 20*time.Second, "the course's files in the tree",
		`!!document.querySelector('[data-file="lib/common.h"]') && !!document.querySelector('[data-file="ch03/echo_client.c"]')`)
	if got := texts(t, ctx, ".np-tree-prog"); strings.Join(got, " ") != "ch03/echo_server.c ch05/stdin_client.c" {
		t.Errorf("the hosts' programs %q", got)
	}
	shot(t, ctx, "folder-1-dropped")

	click(t, ctx, "#np-run")
	waitFor(t, ctx, 90*time.Second, "the run waits for input", `(document.querySelector('#np-status')||{}).textContent.includes('waiting for input')`)
	if out := console(t, ctx, "client"); !strings.HasSuffix(out, "server says: welcome, client 1\n> ") {
		t.Fatalf("the client's console before typing: %q", out)
	}
	within(t, ctx, 10*time.Second, "type a line", chromedp.SendKeys(chromedp.CSS("#np-stdin"), "typed in a folder"+kb.Enter))
	waitFor(t, ctx, 30*time.Second, "the echo", `document.querySelector('#np-console-out').textContent.includes('echo: typed in a folder')`)
	if out := console(t, ctx, "client"); !strings.Contains(out, "> typed in a folder\necho: typed in a folder\n> ") {
		t.Errorf("the console does not show the line typed where it was typed, then the echo: %q", out)
	}
	if typed := texts(t, ctx, ".np-console-out .np-typed"); len(typed) != 1 || typed[0] != "typed in a folder\n" {
		t.Errorf("the typed lines shown %q", typed)
	}
	shot(t, ctx, "folder-2-echo")

	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-stdin-eof")
	runAfter(t, ctx, before-1)
	waitFor(t, ctx, 30*time.Second, "the client's bye", `document.querySelector('#np-console-out').textContent.includes('bye')`)
	// A terminal echoes nothing for Ctrl-D: "bye" follows the prompt (a
	// mark the style sheet draws shows where input ended).
	if out := console(t, ctx, "client"); !strings.Contains(out, "echo: typed in a folder\n> bye\n") || count(t, ctx, ".np-console-out .np-eof") != 1 {
		t.Errorf("the console after the end of input: %q", out)
	}
	// What was typed is listed with the time it was delivered at: the
	// client's prompt, a few milliseconds into the run.
	ats := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.np-input .np-input-at')).map(e => e.value)`)
	if len(ats) != 2 {
		t.Fatalf("typed lines listed at %q, want the line and the end of input", ats)
	}
	for _, s := range ats {
		if d, err := time.ParseDuration(s); err != nil || d > time.Second {
			t.Errorf("typed at %q: the run did not stand still while the client waited (all at %q)", s, ats)
		}
	}
	shot(t, ctx, "folder-3-replayed")
}

// TestCourseProject: a course's folder (zipped) dropped on the page opens
// as its scenario, its files in the tree; a chapter's client runs against
// the chapter's server and waits for the learner; a line typed in the
// client's console comes back as the echo; Ctrl-D ends it; the input is
// recorded, so the short link (the #s= link is too long for a URL)
// replays the run without waiting.
func TestCourseProject(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	dropFile(t, ctx, "course.zip", courseZip(t))
	waitFor(t, ctx, 20*time.Second, "the course's files in the tree",
		`!!document.querySelector('[data-file="lib/common.h"]') && !!document.querySelector('[data-file="lib/readline.c"]')`)
	if got := texts(t, ctx, ".np-tree-prog"); strings.Join(got, " ") != "ch03/echo_server.c ch05/stdin_client.c" {
		t.Errorf("the hosts' programs %q", got)
	}
	waitDoc(t, ctx, 1, "Fgets(line, sizeof line, stdin)")
	shot(t, ctx, "project-1-dropped")

	// A file of lib/ opens in its tab.
	click(t, ctx, `[data-file="lib/readline.c"] .np-tree-name`)
	waitFor(t, ctx, 10*time.Second, "readline.c's tab", `!!document.querySelector('.np-file-tab .cm-editor')`)

	click(t, ctx, "#np-run")
	waitFor(t, ctx, 90*time.Second, "the run waits for input", `(document.querySelector('#np-status')||{}).textContent.includes('waiting for input')`)
	if out := console(t, ctx, "client"); !strings.Contains(out, "server says: welcome, client 1") {
		t.Fatalf("the client's console before typing: %q", out)
	}
	shot(t, ctx, "project-2-waiting")

	within(t, ctx, 10*time.Second, "type a line", chromedp.SendKeys(chromedp.CSS("#np-stdin"), "hello over the wire"+kb.Enter))
	waitFor(t, ctx, 30*time.Second, "the echo", `document.querySelector('#np-console-out').textContent.includes('echo: hello over the wire')`)
	shot(t, ctx, "project-3-echo")

	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-stdin-eof")
	runAfter(t, ctx, before-1)
	waitFor(t, ctx, 30*time.Second, "the client's bye", `document.querySelector('#np-console-out').textContent.includes('bye')`)
	if out := console(t, ctx, "server"); !strings.Contains(out, "client 1 done") {
		t.Errorf("the server's console: %q", out)
	}

	// The #s= link of a course is too long for a URL: the short link instead.
	click(t, ctx, "#np-share")
	waitFor(t, ctx, 10*time.Second, "too long for a URL", `(document.querySelector('#np-notice')||{}).textContent.includes('too long for a URL')`)
	shot(t, ctx, "project-4-too-long")
	click(t, ctx, "#np-short-instead")
	waitFor(t, ctx, 20*time.Second, "the short link", `(document.querySelector('#np-link')||{value: ''}).value.includes('/s/')`)
	link := eval[string](t, ctx, `document.querySelector('#np-link').value`)

	tab, cancel := newTab(ctx)
	defer cancel()
	openPage(t, tab, strings.TrimPrefix(link, baseURL))
	waitFor(t, tab, 20*time.Second, "the course from the short link", `!!document.querySelector('[data-file="lib/common.h"]')`)
	run(t, tab)
	out := console(t, tab, "client")
	for _, want := range []string{"echo: hello over the wire", "bye"} {
		if !strings.Contains(out, want) {
			t.Errorf("the replay from the short link lacks %q:\n%s", want, out)
		}
	}
	shot(t, tab, "project-5-replayed")
}

// TestWarnings: a gcc -Wall warning (passing the function socket as an fd,
// the course bug of issue 12) is marked at its line in the editor, in the
// gutter and underlined, and listed above the diagram; the run goes on.
func TestWarnings(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	src := "#include <sys/socket.h>\n#include <unistd.h>\nint main(void)\n{\n    int fd = 3;\n    send(socket, \"x\", 1, 0);\n    return 0;\n}\n"
	setDoc(t, ctx, 0, src)
	run(t, ctx)
	waitFor(t, ctx, 10*time.Second, "the warning in the editor", `document.querySelector('.cm-lint-marker-warning') !== null && document.querySelector('.cm-lintRange-warning') !== null`)
	list := text(t, ctx, "#np-warnings")
	for _, want := range []string{"server.c:6:", "[-Wint-conversion]", "server.c:5:", "[-Wunused-variable]"} {
		if !strings.Contains(list, want) {
			t.Errorf("the warnings listed lack %q:\n%s", want, list)
		}
	}
	if e := text(t, ctx, "#np-error"); e != "" {
		t.Errorf("a warning stopped the build: %q", e)
	}
	click(t, ctx, "#np-warnings summary")
	shot(t, ctx, "project-6-warnings")
}
