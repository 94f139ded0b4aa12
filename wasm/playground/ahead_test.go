package main

import (
	"sync"
	"testing"
	"testing/synctest"

	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/stack/scenario"
)

// fakeRuns is a runner whose runs end when released or stopped, and that
// counts and names them.
type fakeRuns struct {
	mu      sync.Mutex
	started []string
	stopped []string
	release chan struct{}
}

func (f *fakeRuns) run(sc *scenario.Scenario, live engineapi.Live) (*engineapi.Result, error) {
	f.mu.Lock()
	f.started = append(f.started, sc.Title)
	f.mu.Unlock()
	select {
	case <-f.release:
		return &engineapi.Result{End: "done " + sc.Title}, nil
	case <-live.Stop:
		f.mu.Lock()
		f.stopped = append(f.stopped, sc.Title)
		f.mu.Unlock()
		return &engineapi.Result{End: "stopped " + sc.Title}, nil
	}
}

func (f *fakeRuns) counts() (started, stopped int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.started), len(f.stopped)
}

func titled(title string) *scenario.Scenario {
	return &scenario.Scenario{Version: 1, Title: title}
}

func end(t *testing.T, result, errText string) string {
	t.Helper()
	res, err := engineapi.DecodeResult(result, errText)
	if err != nil {
		t.Fatal(err)
	}
	return res.End
}

// counted fails unless the runs started and stopped so far are as many as
// want. Call it after synctest.Wait: the runs are goroutines of the bubble.
func (f *fakeRuns) counted(t *testing.T, what string, started, stopped int) {
	t.Helper()
	if s, st := f.counts(); s != started || st != stopped {
		t.Fatalf("%s: %d runs started, %d stopped; want %d and %d", what, s, st, started, stopped)
	}
}

// A Run of the scenario run ahead gets that run's trace, without a second
// run; reruns of it too.
func TestRunsAheadReused(t *testing.T) {
	f := &fakeRuns{release: make(chan struct{})}
	a := newRunsAhead(f.run)
	told := make(chan string, 4)
	a.done = func(key, result, _, errText string) { told <- end(t, result, errText) }
	a.Prepare(titled("A"))
	a.Prepare(titled("A")) // the page prepares what the engine warmed up
	close(f.release)
	a.Wait()
	if e := <-told; e != "done A" {
		t.Errorf("the page was told %q", e)
	}
	for i := 0; i < 2; i++ {
		result, _, errText, reused := a.Run(titled("A"), engineapi.Live{})
		if !reused || end(t, result, errText) != "done A" {
			t.Fatalf("run %d: reused %v, end %q", i, reused, end(t, result, errText))
		}
	}
	if started, _ := f.counts(); started != 1 {
		t.Errorf("%d runs, want 1", started)
	}
}

// A Run of another scenario runs fresh, and the run ahead that nobody
// waits for is stopped; preparing another scenario while a Run waits
// does not stop that Run.
func TestRunsAheadOther(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRuns{release: make(chan struct{})}
		a := newRunsAhead(f.run)
		told := make(chan string, 4)
		a.done = func(key, result, _, errText string) { told <- end(t, result, errText) }
		a.Prepare(titled("A"))
		synctest.Wait()
		f.counted(t, "A prepared", 1, 0)
		got := make(chan string)
		go func() {
			result, _, errText, reused := a.Run(titled("B"), engineapi.Live{})
			if reused {
				t.Errorf("B reused")
			}
			got <- end(t, result, errText)
		}()
		synctest.Wait()
		f.counted(t, "B run", 2, 1) // A stopped
		a.Prepare(titled("C"))      // B is waited for: it runs on
		synctest.Wait()
		f.counted(t, "C prepared", 3, 1)
		close(f.release)
		if e := <-got; e != "done B" {
			t.Errorf("B ended %q", e)
		}
		// Only C, prepared and not stopped, is sent to the page: not A
		// (stopped), not B (a Run's).
		if e := <-told; e != "done C" {
			t.Errorf("the page was told %q", e)
		}
		synctest.Wait()
		select {
		case e := <-told:
			t.Errorf("the page was also told %q", e)
		default:
		}
	})
}

// Stop ends a Run waiting for the run ahead; its trace is the stopped one
// and the next Run starts afresh.
func TestRunsAheadStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRuns{release: make(chan struct{})}
		a := newRunsAhead(f.run)
		a.Prepare(titled("A"))
		stop := make(chan struct{})
		got := make(chan string)
		go func() {
			result, _, errText, _ := a.Run(titled("A"), engineapi.Live{Stop: stop})
			got <- end(t, result, errText)
		}()
		synctest.Wait()
		f.counted(t, "A prepared and run", 1, 0)
		close(stop)
		if e := <-got; e != "stopped A" {
			t.Fatalf("stopped Run ended %q", e)
		}
		close(f.release)
		result, _, errText, reused := a.Run(titled("A"), engineapi.Live{})
		if reused || end(t, result, errText) != "done A" {
			t.Errorf("after a stop: reused %v, end %q", reused, end(t, result, errText))
		}
	})
}

// The warm-up's scenario and the page's copy of it, sent to the engine,
// are the same key: the first Run reuses the warm-up.
func TestRunsAheadWarmKey(t *testing.T) {
	sc, err := gallery.Load(gallery.Default)
	if err != nil {
		t.Fatal(err)
	}
	warm, _ := engineapi.EncodeScenario(sc)
	text, _ := engineapi.EncodeScenario(sc) // the page's message
	back, err := engineapi.DecodeScenario(text)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := engineapi.EncodeScenario(back)
	if warm != page {
		t.Errorf("keys differ:\n%s\n%s", warm, page)
	}
}

// The warm-up leaves a scenario the page prepared running (it is the
// warm-up then) and runs the default only when nothing was prepared.
func TestWarmUpKeepsPrepared(t *testing.T) {
	if got := warmUpRuns(t, titled("shared link")); len(got) != 1 || got[0] != "shared link" {
		t.Errorf("runs %q, want the prepared one alone", got)
	}
	def, err := gallery.Load(gallery.Default)
	if err != nil {
		t.Fatal(err)
	}
	if got := warmUpRuns(t, nil); len(got) != 1 || got[0] != def.Title {
		t.Errorf("runs %q, want the default (%q) alone", got, def.Title)
	}
}

// warmUpRuns warms up after preparing prepared (unless nil) and returns
// the titles of the runs started, none of them stopped.
func warmUpRuns(t *testing.T, prepared *scenario.Scenario) (started []string) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRuns{release: make(chan struct{})}
		a := newRunsAhead(f.run)
		if prepared != nil {
			a.Prepare(prepared)
		}
		warmed := make(chan struct{})
		go func() { warmUp(a); close(warmed) }()
		synctest.Wait()
		f.counted(t, "the warm-up", 1, 0)
		close(f.release)
		<-warmed
		started = f.started
	})
	return started
}
