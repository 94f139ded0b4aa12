package browser

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Viewport is the size the page must be readable at (PAGE.md).
const viewW, viewH = 1280, 800

var (
	baseURL    string // http://127.0.0.1:PORT
	repoRoot   string
	artifacts  string
	webDir     string // the web directory served: web/, or NETPLAY_WEB
	chromePath = "/usr/bin/chromium"
)

func TestMain(m *testing.M) {
	if os.Getenv("NETPLAY_BROWSER") != "1" && os.Getenv("NETPLAY_BENCH") != "1" {
		fmt.Println("browser tests skipped: set NETPLAY_BROWSER=1 (make test-browser builds web/ and sets it)")
		os.Exit(m.Run())
	}
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser tests:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// setup builds netplay (unless NETPLAY_BIN names one), starts `netplay
// serve` on a free port with a temporary store, runs the tests and stops it.
func setup(m *testing.M) (int, error) {
	wd, _ := os.Getwd()
	repoRoot = filepath.Clean(filepath.Join(wd, "..", ".."))
	artifacts = filepath.Join(repoRoot, "artifacts", "page")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		return 0, err
	}
	webDir = filepath.Join(repoRoot, "web")
	if d := os.Getenv("NETPLAY_WEB"); d != "" {
		webDir = d
	}
	for _, f := range []string{"app.wasm", "editor.js", "app.css"} {
		if _, err := os.Stat(filepath.Join(webDir, f)); err != nil {
			return 0, fmt.Errorf("web/%s missing: run make web first", f)
		}
	}
	if _, err := os.Stat(chromePath); err != nil {
		return 0, fmt.Errorf("%s missing: apt-get install chromium (make tools does)", chromePath)
	}
	tmp, err := os.MkdirTemp("", "netplay-browser-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	bin := os.Getenv("NETPLAY_BIN")
	if bin == "" {
		bin = filepath.Join(tmp, "netplay")
		build := exec.Command("go", "build", "-o", bin, "./cmd/netplay")
		build.Dir = repoRoot
		if out, err := build.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("go build ./cmd/netplay: %v\n%s", err, out)
		}
	}
	srv := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", filepath.Join(tmp, "data"), "--web", webDir)
	srv.Stderr = os.Stderr
	out, err := srv.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := srv.Start(); err != nil {
		return 0, err
	}
	defer func() {
		srv.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			srv.Process.Kill()
		}
	}()
	urlRe := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := urlRe.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case baseURL = <-found:
	case <-time.After(60 * time.Second):
		return 0, fmt.Errorf("netplay serve printed no URL within 60s")
	}
	return m.Run(), nil
}

// newBrowser starts a headless chromium with a fresh profile (cold cache)
// and returns a context for its first tab.
func newBrowser(t testing.TB) context.Context {
	t.Helper()
	if baseURL == "" {
		t.Skip("browser tests need NETPLAY_BROWSER=1")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromePath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(viewW, viewH),
	)
	// For experiments with V8 (docs/testing.md): a page cannot set them.
	if f := os.Getenv("NETPLAY_JS_FLAGS"); f != "" {
		opts = append(opts, chromedp.Flag("js-flags", f))
		if out, err := os.OpenFile(filepath.Join(os.TempDir(), "netplay-chromium.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err == nil {
			opts = append(opts, chromedp.CombinedOutput(out))
		}
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewW, viewH)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// within runs f with a deadline (the browser itself lives on).
func within(t testing.TB, ctx context.Context, d time.Duration, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it is truthy.
func waitFor(t testing.TB, ctx context.Context, d time.Duration, what, js string) {
	t.Helper()
	deadline := time.Now().Add(d)
	within(t, ctx, d+5*time.Second, what, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for {
			_, err := chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(time.Until(deadline)), chromedp.WithPollingInterval(20*time.Millisecond))(ctx, tg)
			// A poll that began in the previous document (a navigation
			// just committed) loses its execution context: poll again in
			// the new one.
			if err != nil && strings.Contains(err.Error(), "Cannot find context with specified id") && time.Now().Before(deadline) {
				continue
			}
			return err
		}
	}))
}

// shot saves a screenshot of the viewport as artifacts/page/NAME.png.
func shot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(artifacts, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	t.Logf("screenshot: %s", p)
}

func safe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == ' ' {
			return '-'
		}
		return r
	}, s)
}

// openPage navigates to path and waits until the wasm app has taken over
// (the Run button is enabled: the server prerenders it disabled).
func openPage(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	within(t, ctx, 60*time.Second, "navigate", chromedp.Navigate(baseURL+path))
	waitFor(t, ctx, 60*time.Second, "page interactive", runEnabled)
}

const runEnabled = `(() => { const b = document.querySelector('#np-run'); return b && !b.disabled && window.netplayEditor !== undefined && document.querySelectorAll('.cm-editor').length > 0; })()`

// arrowLabels returns the labels of the diagram's arrows in order.
// arrowLabels are the drawn frames' labels, whole (a label crowded by
// others is drawn cut, labels.go; its arrow's aria-label is whole).
const arrowLabels = `Array.from(document.querySelectorAll('#np-diagram svg.np-diagram g.np-arrow')).map(g => g.getAttribute('aria-label'))`

const runsDone = `Number(document.querySelector('#np-page').dataset.runs)`

// click clicks the element matching a CSS selector (in the page, so
// elements under others still get it).
func click(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	if !eval[bool](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.click(); return true; })()`, sel)) {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("no element %s to click", sel)
	}
}

// runAfter waits until the page has finished more than before runs.
func runAfter(t testing.TB, ctx context.Context, before int) {
	t.Helper()
	waitFor(t, ctx, 60*time.Second, "run finished", fmt.Sprintf(`%s > %d`, runsDone, before))
}

// run clicks Run and waits for the run to finish.
func run(t testing.TB, ctx context.Context) {
	t.Helper()
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-run")
	runAfter(t, ctx, before)
}

type contextT = context.Context

// newTab opens another tab in the same browser.
func newTab(ctx context.Context) (context.Context, context.CancelFunc) {
	c, cancel := chromedp.NewContext(ctx)
	chromedp.Do(c, chromedp.EmulateViewport(viewW, viewH))
	return c, cancel
}
