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

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// courseZip zips a course's folder as a learner would: the course's lib/
// and chapter 3 (stack/c/testdata/course) and chapter 5, a client typed
// into (testdata/stdin-course: its program and netplay.json), all under
// "course/".
func courseZip(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
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
			f, err := w.Create("course/" + filepath.ToSlash(rel))
			if err != nil {
				return err
			}
			_, err = f.Write(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
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
